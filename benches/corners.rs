//! The corners where work could grow faster than the text (issue 27), each measured end to end
//! as a user meets it: the release binary run on files, its output thrown away.
//!
//! - `apparatus`: the 红楼梦 pair reports (tennessine against eacontang-cgb, the pair the
//!   README's figures compare with git, and against hankinghu), the apparatus of the three editions (JSON and HTML),
//!   and of ten witnesses (the three and seven copies of tennessine with 0.5% of their
//!   characters changed, dropped or doubled, seeded), beside git's character word diff of the
//!   pair (`git diff --no-index --word-diff=porcelain --word-diff-regex=.`) in the same run;
//! - `repetitive`: one paragraph repeated 2,000 to 16,000 times, ten edits a side, where a
//!   plain diff's work grows with the square of the length;
//! - `deep-page`: an article inside 16,000 and 100,000 nested `<div>`s.
//!
//! Run with `cargo bench --bench corners` (the release binary is built first). The 红楼梦
//! cases need the corpus beside the repository and are skipped without it.

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Runs the binary with `args`, its output thrown away; panics unless it succeeds.
fn run(args: &[&Path], flags: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(flags)
        .args(args)
        .env("XDG_CONFIG_HOME", scratch().join("config"))
        .env("XDG_STATE_HOME", scratch().join("state"))
        .stdout(Stdio::null())
        .status()
        .expect("the duizhao binary runs");
    assert!(status.success(), "duizhao {flags:?} {args:?}");
}

/// `paths` as the path slices [`run`] takes.
fn refs(paths: &[PathBuf]) -> Vec<&Path> {
    paths.iter().map(PathBuf::as_path).collect()
}

/// A directory for the generated inputs.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join("duizhao-bench-corners");
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// Writes `text` to `name` in the scratch directory.
fn write(name: &str, text: &str) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, text).expect("a scratch file");
    path
}

/// A small seeded generator (xorshift), so every run edits the same characters.
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `text` with 0.5% of its characters changed, dropped or doubled (seeded by `seed`).
fn edited_copy(text: &str, seed: u64) -> String {
    const FILLERS: [char; 8] = ['之', '乎', '者', '也', '矣', '焉', '哉', '而'];
    let mut chars: Vec<String> = text.chars().map(String::from).collect();
    let mut rng = Seeded(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let n = chars.len();
    for _ in 0..n / 200 {
        let i = rng.below(n);
        let filler = FILLERS[rng.below(FILLERS.len())];
        match rng.below(3) {
            0 => chars[i] = filler.to_string(),
            1 => chars[i].clear(),
            _ => chars[i].push(filler),
        }
    }
    chars.concat()
}

fn bench_apparatus(c: &mut Criterion) {
    let corpus = |name: &str| duizhao::testkit::corpus(&format!("hongloumeng/{name}"));
    let editions: Vec<PathBuf> = ["tennessine.txt", "eacontang-cgb.txt", "hankinghu.txt"]
        .iter()
        .map(|n| corpus(n))
        .collect();
    if !editions[0].exists() {
        eprintln!("corners: the 红楼梦 corpus is missing, apparatus cases skipped");
        return;
    }
    let base = std::fs::read_to_string(&editions[0]).expect("tennessine reads");
    let mut ten = editions.clone();
    ten.extend((0..7).map(|k| write(&format!("copy{k}.txt"), &edited_copy(&base, k))));
    let mut group = c.benchmark_group("apparatus");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    let pair = editions[..2].to_vec();
    let three = editions.clone();
    group.bench_function("pair-json", |b| {
        b.iter(|| run(&refs(&pair), &["--report", "json"]))
    });
    // The other pair of the apparatus, the one with the most differences.
    let other_pair = [editions[0].clone(), editions[2].clone()];
    group.bench_function("pair-hankinghu-json", |b| {
        b.iter(|| run(&refs(&other_pair), &["--report", "json"]))
    });
    group.bench_function("three-editions-json", |b| {
        b.iter(|| run(&refs(&three), &["--report", "json", "--all"]))
    });
    group.bench_function("three-editions-html", |b| {
        b.iter(|| run(&refs(&three), &["--report", "html", "--all"]))
    });
    group.bench_function("ten-witnesses-json", |b| {
        b.iter(|| run(&refs(&ten), &["--report", "json", "--all"]))
    });
    let git = Command::new("git").arg("--version").output().is_ok();
    if git {
        group.bench_function("git-char-word-diff-pair", |b| {
            b.iter(|| {
                let status = Command::new("git")
                    .args([
                        "diff",
                        "--no-index",
                        "--word-diff=porcelain",
                        "--word-diff-regex=.",
                    ])
                    .args(&pair)
                    .stdout(Stdio::null())
                    .status()
                    .expect("git runs");
                // 1: the files differ.
                assert_eq!(status.code(), Some(1));
            })
        });
    }
    group.finish();
}

/// One paragraph `n` times on each side, ten of them edited differently on each.
fn repetitive(n: usize) -> (PathBuf, PathBuf) {
    let para = "话说那日宝玉在园中闲步，忽见黛玉独坐亭中，手里拿着一卷书，若有所思。";
    let side = |seed: u64, word: &str| {
        let mut paras = vec![para.to_string(); n];
        let mut rng = Seeded(seed);
        for _ in 0..10 {
            let i = rng.below(n);
            paras[i] = para.replace("闲步", word);
        }
        paras.join("\n\n") + "\n"
    };
    (
        write(&format!("rep-a-{n}.txt"), &side(n as u64 * 2 + 1, "散步")),
        write(&format!("rep-b-{n}.txt"), &side(n as u64 * 2 + 3, "漫步")),
    )
}

fn bench_repetitive(c: &mut Criterion) {
    let mut group = c.benchmark_group("repetitive");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for n in [2_000, 4_000, 8_000, 16_000] {
        let (a, b) = repetitive(n);
        group.bench_function(format!("{n}-paragraphs"), |bench| {
            bench.iter(|| run(&[&a, &b], &["--report", "json"]))
        });
    }
    group.finish();
}

/// An article inside `depth` nested `<div>`s, with `word` in its last sentence.
fn deep_page(depth: usize, word: &str) -> PathBuf {
    let sentence = "这是一篇新闻报道的正文，讲述了某地发生的事情。";
    let page = format!(
        "<html><head><title>标题</title></head><body>{}<article><p>{}</p><p>{}</p></article>{}\
         </body></html>",
        "<div>".repeat(depth),
        sentence.repeat(40),
        sentence.replace("某地", word),
        "</div>".repeat(depth)
    );
    write(&format!("deep-{depth}-{word}.html"), &page)
}

fn bench_deep_pages(c: &mut Criterion) {
    let mut group = c.benchmark_group("deep-page");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for depth in [16_000, 100_000] {
        let (a, b) = (deep_page(depth, "某地"), deep_page(depth, "此地"));
        group.bench_function(format!("{depth}-nested-divs"), |bench| {
            bench.iter(|| run(&[&a, &b], &["--report", "json"]))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_apparatus, bench_repetitive, bench_deep_pages);
criterion_main!(benches);
