//! The two readings of the current hotspot side by side, as a user sees them: the real binary
//! in tmux, walking hotspots with `n` and reading the screen back with its colours. The
//! current hotspot is the text on yellow; on each side its first row must be the same screen
//! row, and what is on yellow must be that side's reading (the insertion mark `‸` where the
//! side has none), as the JSON report gives it.
//!
//! Every hotspot of every pair of the bundled (Chinese) samples at 80x24, 120x40 and 200x60;
//! on 红楼梦 (tennessine vs hankinghu) 300 hotspots found by going to lines spread evenly
//! through the book (`:` line, then `n`) at 80x24, and 60 more at each larger size.

use crate::common;

use common::{START_TIMEOUT, TIMEOUT, Tmux, drawn_on_sides, hotspot, show};
use duizhao::testkit::{corpus, divider_column_by_rule};
use serde_json::Value;
use std::process::Command;

/// The palette index of yellow, the background of the current hotspot.
const YELLOW: u16 = 3;

/// The JSON report of the viewer's default pair for `args`.
fn report(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(args)
        .args(["--report", "json"])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// A reading as it shows on yellow: without white space, the insertion mark for none.
fn shown_reading(h: &Value, side: &str) -> String {
    let text: String = h[side]["text"]
        .as_str()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if text.is_empty() {
        "‸".to_string()
    } else {
        text
    }
}

/// Waits for the screen to show hotspot `i` (1-based) of `report` side by side (polling, so
/// that a capture in the middle of a frame is read again).
fn check_current(tmux: &Tmux, size: (u16, u16), report: &Value, i: usize, what: &str) {
    tmux.wait(
        &format!("{what}: hotspot {i} side by side"),
        TIMEOUT,
        |_| side_by_side(tmux, size, report, i, what),
    );
}

/// Whether the screen shows hotspot `i` of `report` side by side; why not if it does not.
fn side_by_side(
    tmux: &Tmux,
    size: (u16, u16),
    report: &Value,
    i: usize,
    what: &str,
) -> Result<(), String> {
    let screen = tmux.screen();
    let styled = tmux.styled_screen();
    let h = &report["hotspots"][i - 1];
    let on = drawn_on_sides(
        &styled,
        YELLOW,
        divider_column_by_rule(size.0, false) as usize,
    );
    let context = format!(
        "{what}, hotspot {i} at {}x{}: {on:?}\n{}",
        size.0,
        size.1,
        show(&screen)
    );
    if on.left.first_row.is_none() || on.right.first_row.is_none() {
        return Err(format!("both readings on yellow: {context}"));
    }
    if on.left.first_row != on.right.first_row {
        return Err(format!("both readings start on one row: {context}"));
    }
    for (side, pane) in [("left", &on.left), ("right", &on.right)] {
        let reading = shown_reading(h, side);
        // A reading longer than the screen shows its beginning; an insertion mark stands
        // where the reading is empty. Markers for invisible characters are longer than what
        // they stand for, so only a visible reading is compared character by character.
        let visible = reading.chars().all(|c| !c.is_control());
        if visible && !reading.starts_with(&pane.text) && !pane.text.starts_with(&reading) {
            return Err(format!(
                "{side} on yellow is its reading {reading:?}: {context}"
            ));
        }
    }
    Ok(())
}

#[test]
fn every_hotspot_of_every_sample_pair_is_side_by_side() {
    for size in [(80, 24), (120, 40), (200, 60)] {
        for a in 1..=5 {
            for b in a + 1..=5 {
                let (left, right) = (a.to_string(), b.to_string());
                let args = ["--left", &left, "--right", &right];
                let report = report(&args);
                let n = report["hotspots"].as_array().map_or(0, Vec::len);
                let tmux = Tmux::start_viewer(&format!("samples{a}{b}_{}", size.0), size, &args);
                for i in 1..=n {
                    tmux.keys("n");
                    tmux.wait_hotspot(&format!("{i}/{n}"), TIMEOUT);
                    check_current(&tmux, size, &report, i, &format!("samples {a} and {b}"));
                }
            }
        }
    }
}

#[test]
fn hongloumeng_hotspots_spread_through_the_book_are_side_by_side() {
    let dir = corpus("hongloumeng");
    let files = [dir.join("tennessine.txt"), dir.join("hankinghu.txt")];
    let args: Vec<&str> = files.iter().filter_map(|p| p.to_str()).collect();
    let report = report(&args);
    let hotspots = report["hotspots"].as_array().cloned().unwrap_or_default();
    let n = hotspots.len();
    assert!(n > 1000, "the two editions differ in many places ({n})");
    for (size, samples) in [((80, 24), 300), ((120, 40), 60), ((200, 60), 60)] {
        let tmux = Tmux::start_viewer(&format!("hlm_{}", size.0), size, &args);
        tmux.wait("the book compared", START_TIMEOUT * 3, |s| {
            match hotspot(s) {
                Some(h) if h.ends_with(&format!("/{n}")) => Ok(()),
                other => Err(format!("status bar hotspot field is {other:?}")),
            }
        });
        let mut seen = 0;
        let mut last = String::new();
        for k in 0..samples {
            let target = &hotspots[k * n / samples];
            let line = target["left"]["line"].as_u64().unwrap_or(1);
            tmux.keys(&format!(":{line}\r"));
            tmux.keys("n");
            // The next place's hotspot (the samples are hundreds of hotspots apart), read the
            // same on two screens in a row: tmux can capture a status bar half redrawn
            // (`hotspot 766/…` becoming `hotspot 1589/…` read as `hotspot 166/…`).
            let mut seen_before = String::new();
            let screen = tmux.wait("the next current hotspot", TIMEOUT, |s| match hotspot(s) {
                Some(h) if !h.starts_with('-') && h != last && h.ends_with(&format!("/{n}")) => {
                    if h == seen_before {
                        Ok(s.to_string())
                    } else {
                        seen_before = h.to_string();
                        Err(format!("status bar hotspot field {h}, read once"))
                    }
                }
                other => Err(format!("status bar hotspot field is {other:?}")),
            });
            last = hotspot(&screen).unwrap_or_default().to_string();
            let i: usize = hotspot(&screen)
                .and_then(|h| h.split('/').next().and_then(|x| x.parse().ok()))
                .unwrap_or(0);
            assert!(i >= 1, "a hotspot is current\n{}", show(&screen));
            check_current(&tmux, size, &report, i, "红楼梦");
            seen += 1;
        }
        assert_eq!(seen, samples);
    }
}
