//! The viewer's memory: peak resident memory (VmHWM) when the first frame is drawn, for a
//! book (the 红楼梦 pair, ~1.7M characters), one 5M-character line against a copy with an
//! insertion, and a million short lines against a copy with one line changed.
//!
//! The budget (`duizhao::viewer::memory_budget`): at most 32 bytes per character of the two
//! texts, plus 48 MiB (the program, the word dictionary). Each case runs in a child process of
//! its own (this program, re-run with the case named in `DUIZHAO_MEMORY_CASE`), so each peak is
//! its own. Run with `cargo bench --bench memory`; it prints a table and fails when a case is
//! over the budget.

use duizhao::pair::Pair;
use duizhao::source::load_all;
use duizhao::testkit::screen;
use duizhao::text::width::Widths;
use duizhao::viewer::app::App;
use duizhao::viewer::theme::Theme;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The terminal size of the first frame.
const SIZE: (u16, u16) = (200, 60);
/// The environment variable that names the case a child process measures.
const CASE: &str = "DUIZHAO_MEMORY_CASE";

/// Peak resident memory of this process so far, in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// In the child: load the two files, lay them out, draw the first frame; print the peak and the
/// number of characters.
fn child(paths: &[String]) {
    let sources = load_all(paths).expect("the case's files load");
    let chars: usize = sources.iter().map(|s| s.char_len()).sum();
    let app = App::new(sources, Pair::new(0, 1), Widths::default(), SIZE);
    let frame = screen(&app, Theme::COLOR);
    std::hint::black_box(&frame);
    println!("{} {chars}", peak_kib());
}

/// Writes the generated cases' files into `dir`: a 5M-character line and its copy with an
/// insertion; a million short lines and their copy with one line changed.
fn generate(dir: &Path) -> Vec<(&'static str, Vec<PathBuf>)> {
    let words: Vec<char> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成"
        .chars()
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let line: String = (0..5_000_000)
        .map(|i| {
            if i % 23 == 22 {
                return '。';
            }
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            words[(state % words.len() as u64) as usize]
        })
        .collect();
    let half = line.char_indices().nth(2_500_000).map_or(0, |(i, _)| i);
    let lines: String = (0..1_000_000).map(|i| format!("短行{i}\n")).collect();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write a generated case");
        path
    };
    vec![
        (
            "one 5M-character line",
            vec![
                write("line.txt", &line),
                write(
                    "line-insert.txt",
                    &format!("{}插入{}", &line[..half], &line[half..]),
                ),
            ],
        ),
        (
            "1M short lines",
            vec![
                write("lines.txt", &lines),
                write(
                    "lines-changed.txt",
                    &lines.replacen("短行500000\n", "改行500000\n", 1),
                ),
            ],
        ),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if std::env::var_os(CASE).is_some() {
        child(&args);
        return;
    }
    let corpus = duizhao::testkit::corpus("hongloumeng");
    let dir = std::env::temp_dir().join(format!("duizhao-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let mut cases = vec![(
        "红楼梦 tennessine vs hankinghu",
        vec![corpus.join("tennessine.txt"), corpus.join("hankinghu.txt")],
    )];
    cases.extend(generate(&dir));
    let exe = std::env::current_exe().expect("this benchmark's path");
    println!("| case | characters | peak | per character | budget |");
    println!("|---|---|---|---|---|");
    let mut over = false;
    for (name, paths) in cases {
        if !paths.iter().all(|p| p.exists()) {
            println!("| {name} | (files not found, not measured) | | | |");
            continue;
        }
        let out = Command::new(&exe)
            .env(CASE, name)
            .args(&paths)
            .output()
            .expect("run a case");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut fields = text
            .split_whitespace()
            .map(|f| f.parse::<u64>().unwrap_or(0));
        let (peak_kib, chars) = (fields.next().unwrap_or(0), fields.next().unwrap_or(0));
        let budget_kib = duizhao::viewer::memory_budget(chars) / 1024;
        over |= peak_kib > budget_kib || !out.status.success();
        println!(
            "| {name} | {:.2}M | {} MiB | {:.1} B | {} MiB |",
            chars as f64 / 1e6,
            peak_kib / 1024,
            peak_kib as f64 * 1024.0 / chars.max(1) as f64,
            budget_kib / 1024
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    if over {
        eprintln!("memory: a case is over its budget (or failed)");
        std::process::exit(1);
    }
}
