//! The real viewer under stress in tmux: input queued while the window shrinks, and a seeded
//! monkey (keys from the key table, random bytes, mouse sequences, resizes from 1x1 to 250x80)
//! after which the viewer must still be alive, answer `?`, and quit cleanly with `q`.
//!
//! Every run is reproducible: the monkey's choices come from a fixed seed, and its length is
//! bounded by a count of steps, not by time.

use crate::common;

use common::{Rng, TIMEOUT, Tmux, show};
use std::time::Duration;

/// How long the viewer may take to catch up with a flood of input on a book.
const BOOK_TIMEOUT: Duration = Duration::from_secs(60);

/// Keys of the key table as tmux names them, but for the two that quit (`q`, Ctrl-C) and
/// Ctrl-Z (which suspends the viewer: the job-control tests cover it).
const KEYS: &[&str] = &[
    "n", "]", "p", "[", "j", "k", "Down", "Up", "PageDown", "PageUp", "Space", "g", "G", "Home",
    "End", "Tab", "s", "x", "/", "a", "?", "Escape", "Enter", "BSpace", "z", "1", "中",
];

/// One step of the monkey: a few keys, a burst of bytes, a mouse event, or a resize.
fn step(tmux: &Tmux, rng: &mut Rng, size: &mut (u16, u16)) {
    match rng.below(10) {
        0..=5 => {
            let n = 1 + rng.below(8) as usize;
            let keys: Vec<&str> = (0..n)
                .map(|_| KEYS[rng.below(KEYS.len() as u64) as usize])
                .collect();
            let mut args = vec!["send-keys", "-t", "s"];
            args.extend(keys);
            tmux.run(&args);
        }
        6 => {
            // Random bytes: anything but Ctrl-C, Ctrl-Z, Ctrl-\ and `q`.
            let n = 1 + rng.below(12);
            let bytes: Vec<String> = (0..n)
                .map(|_| rng.below(256) as u8)
                .filter(|b| ![0x03, 0x1a, 0x1c, b'q'].contains(b))
                .map(|b| format!("{b:02x}"))
                .collect();
            if !bytes.is_empty() {
                let mut args = vec!["send-keys", "-t", "s", "-H"];
                args.extend(bytes.iter().map(String::as_str));
                tmux.run(&args);
            }
        }
        7 => {
            // An SGR mouse event: press, release, or the wheel, anywhere (even off screen).
            let button = [0, 1, 2, 64, 65, 32][rng.below(6) as usize];
            let (x, y) = (1 + rng.below(260), 1 + rng.below(90));
            let end = if rng.below(2) == 0 { 'M' } else { 'm' };
            let seq = format!("\x1b[<{button};{x};{y}{end}");
            tmux.run(&["send-keys", "-t", "s", "-l", &seq]);
        }
        _ => {
            *size = (1 + rng.below(250) as u16, 1 + rng.below(80) as u16);
            tmux.resize(*size);
        }
    }
}

/// Runs `steps` monkey steps on the viewer started with `args`, then checks it is alive,
/// answers `?`, and quits with exit status 0 and the terminal restored.
fn monkey(test: &str, args: &[&str], seed: u64, steps: usize, settle: Duration) {
    let start = (100, 30);
    let stderr =
        std::env::temp_dir().join(format!("duizhao-stress-{}-{test}.txt", std::process::id()));
    let mut all: Vec<String> = args.iter().map(|a| common::shell_quote(a)).collect();
    all.push(format!("2>{}", stderr.display()));
    let tmux = Tmux::start_viewer_line(test, start, &all);
    let mut rng = Rng(seed);
    let mut size = start;
    for i in 0..steps {
        step(&tmux, &mut rng, &mut size);
        if i % 50 == 49 && tmux.format("#{alternate_on}") != "1" {
            panic!(
                "the viewer left the alternate screen after monkey step {i} (seed {seed}); its \
                 standard error: {:?}; exit {:?}",
                std::fs::read_to_string(&stderr).unwrap_or_default(),
                tmux.run(&["capture-pane", "-p", "-S", "-300", "-t", "s"])
                    .lines()
                    .filter(|l| l.contains("EXIT="))
                    .collect::<Vec<_>>()
            );
        }
    }
    // Back to the starting size (tmux/tmux#3510), then Esc until whatever the monkey left open
    // is closed (Esc never quits; the viewer may still be working through queued input, and
    // Escapes in a row may reach it as one key).
    tmux.resize(start);
    // Queued input may still start background work whose result opens a box, so the viewer
    // has settled only when `?`, sent after a whole idle frame, brings the help box.
    let deadline = std::time::Instant::now() + settle;
    let alive = loop {
        tmux.press("Escape");
        tmux.press("Escape");
        std::thread::sleep(Duration::from_millis(300));
        let screen = tmux.screen();
        let busy = common::last_row(&screen).contains("… (q quits)");
        if !busy && common::check_divider(&screen, start).is_ok() {
            tmux.keys("?");
            let help = (0..30).find_map(|_| {
                std::thread::sleep(Duration::from_millis(100));
                let s = tmux.screen();
                s.lines()
                    .any(|l| l.contains("next / previous hotspot"))
                    .then_some(s)
            });
            if let Some(help) = help {
                break help;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the viewer did not settle within {settle:?} after {steps} monkey steps (seed \
             {seed})\n{}",
            show(&screen)
        );
    };
    tmux.press("Escape");
    tmux.wait_divider(start);
    assert!(common::exit_line(&alive).is_none(), "{}", show(&alive));
    tmux.quit();
    let _ = std::fs::remove_file(&stderr);
}

#[test]
fn monkey_on_the_samples() {
    monkey("monkey-samples", &[], 0x5EED_D012_2026, 2_000, TIMEOUT * 4);
}

#[test]
fn monkey_on_a_book() {
    let corpus = duizhao::testkit::corpus("hongloumeng");
    let (a, b) = (corpus.join("tennessine.txt"), corpus.join("hankinghu.txt"));
    assert!(
        a.exists() && b.exists(),
        "the 红楼梦 corpus is expected at {}",
        corpus.display()
    );
    let (a, b) = (a.display().to_string(), b.display().to_string());
    monkey("monkey-book", &[&a, &b], 0xB00C_2026, 400, BOOK_TIMEOUT);
}

/// Input queued while the window shrinks: the frame after it is laid out for the new size.
#[test]
fn queued_keys_then_a_shrink() {
    for (name, to) in [
        ("both", (100, 30)),
        ("height", (200, 30)),
        ("one-column", (199, 50)),
    ] {
        let start = (200, 50);
        let tmux = Tmux::start_viewer(&format!("shrink-{name}"), start, &[]);
        tmux.keys(&"j".repeat(300));
        tmux.resize(to);
        tmux.wait_divider(to);
        tmux.keys("G");
        tmux.resize(start);
        tmux.wait_divider(start);
        tmux.quit();
    }
}

/// On a book, `x` compares the swapped pair in the background: the status bar says so, and `q`
/// quits at once, without waiting for the comparison.
#[test]
fn a_long_comparison_shows_progress_and_q_still_quits() {
    let corpus = duizhao::testkit::corpus("hongloumeng");
    let path = |name: &str| corpus.join(name).display().to_string();
    let (a, b, c) = (
        path("tennessine.txt"),
        path("hankinghu.txt"),
        path("eacontang-cgb.txt"),
    );
    let size = (120, 30);
    let mut tmux = Tmux::start_viewer("busy", size, &[&a, &b, &c]);
    tmux.poll = Duration::from_millis(10);
    // A new source for the left pane (a swap needs no new comparison: it is mirrored).
    tmux.keys("s");
    tmux.wait_text("source for the left pane", TIMEOUT);
    tmux.keys("3");
    tmux.wait_status("comparing eacontang-cgb.txt ↔ hankinghu.txt", TIMEOUT);
    tmux.quit();
}
