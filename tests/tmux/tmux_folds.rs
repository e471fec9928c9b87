//! Folds in the real binary, in tmux, on a law revision (反垄断法 2007 → 2022) at 120x40: `z`
//! shows rows saying `unchanged`, `n` walks every hotspot inside the folded view, and `z`
//! again unfolds at the same hotspot. What is expected comes from the binary's JSON report
//! and the source files, never from the viewer's code: each hotspot's reading (by the report's
//! spans), and how many source lines a fold hides (counted in the source between the rows
//! shown above and below it).

use crate::common;

use common::{
    START_TIMEOUT, TIMEOUT, Tmux, check_divider, duizhao, hotspot, last_row, path_arg, show,
};
use serde_json::Value;
use std::path::PathBuf;

const SIZE: (u16, u16) = (120, 40);
/// The status bar's field while folding is on.
const FOLDED: &str = "│ folded │";

/// The two versions of the law.
fn law() -> [PathBuf; 2] {
    let dir = duizhao::testkit::corpus("laws_zh");
    [
        dir.join("反垄断法(2007-08-30).md"),
        dir.join("反垄断法(2022-06-24).md"),
    ]
}

/// A text's characters, for offsets in Unicode scalar values as the report counts them.
fn chars(path: &PathBuf) -> Vec<char> {
    std::fs::read_to_string(path)
        .expect("the shared corpus")
        .chars()
        .collect()
}

/// Characters a pane draws that are not the text's: the insertion mark, the soft-break mark,
/// hatching.
fn drawn_only(c: char) -> bool {
    c.is_whitespace() || matches!(c, '‸' | '⏎' | '╱')
}

/// A hotspot's side as the report has it: its span in the source.
fn span(h: &Value, side: &str) -> (usize, usize) {
    let at = |k: &str| h[side][k].as_u64().expect("a span offset") as usize;
    (at("start"), at("end"))
}

/// The hotspots the viewer walks, from the report: every listed hotspot when the report lists
/// as many as the viewer counts, else (a report that lists a move's inner variants after it
/// where the viewer does not stop at them) the list without the variants inside a move.
fn stops(report: &Value, n: usize) -> Vec<Value> {
    let all = report["hotspots"].as_array().expect("hotspots").clone();
    if all.len() == n {
        return all;
    }
    let mut out: Vec<Value> = Vec::new();
    let mut moved: Option<((usize, usize), (usize, usize))> = None;
    for h in all {
        let (l, r) = (span(&h, "left"), span(&h, "right"));
        let inside =
            moved.is_some_and(|(ml, mr)| ml.0 <= l.0 && l.1 <= ml.1 && mr.0 <= r.0 && r.1 <= mr.1);
        if inside {
            continue;
        }
        moved = (h["kind"] == "moved").then_some((l, r));
        out.push(h);
    }
    assert_eq!(
        out.len(),
        n,
        "the viewer's count is neither the report's nor its stops'"
    );
    out
}

/// What must be on screen for hotspot `h` on one side: its reading's first characters (a
/// reading of a few characters with the characters before it in the source), none where the
/// side has no reading.
fn needle(h: &Value, side: &str, text: &[char]) -> Option<String> {
    let (start, end) = span(h, side);
    let reading: String = text[start..end]
        .iter()
        .filter(|c| !drawn_only(**c))
        .collect();
    if reading.is_empty() {
        return None;
    }
    let before: String = {
        let mut b: Vec<char> = text[..start]
            .iter()
            .rev()
            .filter(|c| !drawn_only(**c))
            .take(4usize.saturating_sub(reading.chars().count()))
            .copied()
            .collect();
        b.reverse();
        b.into_iter().collect()
    };
    Some(format!("{before}{reading}").chars().take(10).collect())
}

/// Each pane's rows between the header and the status bar, as drawn.
fn rows(screen: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = screen.lines().collect();
    lines[1..lines.len().saturating_sub(1)]
        .iter()
        .map(|row| match row.split_once('│') {
            Some((l, r)) => (l.trim().to_string(), r.trim().to_string()),
            None => (row.trim().to_string(), String::new()),
        })
        .collect()
}

/// A pane's text with what only the pane draws left out, its rows joined.
fn pane_text(rows: &[(String, String)], left: bool) -> String {
    rows.iter()
        .map(|(l, r)| if left { l } else { r })
        .flat_map(|r| r.chars())
        .filter(|c| !drawn_only(*c))
        .collect()
}

/// The number a fold row says (`⋯ 124 unchanged lines ⋯`).
fn folded_count(row: &str) -> Option<usize> {
    let words: Vec<&str> = row.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "unchanged")?;
    words.get(at.checked_sub(1)?)?.parse().ok()
}

/// The 1-based line of character offset `at`.
fn line_of(text: &[char], at: usize) -> usize {
    1 + text[..at].iter().filter(|c| **c == '\n').count()
}

/// Where `row` (a row of text as drawn, trimmed) is in `text`, if it is there exactly once.
fn find_once(text: &[char], row: &str) -> Option<usize> {
    let row: Vec<char> = row.chars().collect();
    if row.is_empty() || row.iter().any(|c| matches!(c, '‸' | '⏎' | '╱' | '⋯')) {
        return None;
    }
    let mut found = (0..text.len().saturating_sub(row.len() - 1))
        .filter(|&i| text[i..i + row.len()] == row[..]);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// How many source lines lie between the text of row `above` and the text of row `below`
/// (both found once in `text`): the lines after the one `above` ends (or that line, where
/// `above` does not end it) up to the line of the last character before `below`'s start (its
/// indentation included). `None` where either row cannot be placed.
fn lines_between(text: &[char], above: &str, below: &str) -> Option<usize> {
    let a = find_once(text, above)? + above.chars().count();
    let mut b = find_once(text, below)?;
    while b > 0 && matches!(text[b - 1], ' ' | '\u{3000}' | '\t') {
        b -= 1;
    }
    let mut p = a;
    while p < text.len() && matches!(text[p], ' ' | '\u{3000}' | '\t' | '\r') {
        p += 1;
    }
    let first = if text.get(p) == Some(&'\n') {
        line_of(text, p) + 1
    } else {
        line_of(text, p)
    };
    let last = line_of(text, b.checked_sub(1)?);
    Some((last + 1).saturating_sub(first))
}

/// Checks every fold row on `screen` with a row of text directly above and below it in a pane:
/// the count it says is the count of lines between those rows in that pane's source. Returns
/// how many counts were checked.
fn check_folds(screen: &str, texts: &[Vec<char>; 2]) -> usize {
    let rows = rows(screen);
    let mut checked = 0;
    for i in 1..rows.len().saturating_sub(1) {
        for (pane, text) in texts.iter().enumerate() {
            let row = |k: usize| {
                if pane == 0 {
                    rows[k].0.as_str()
                } else {
                    rows[k].1.as_str()
                }
            };
            let Some(said) = folded_count(row(i)) else {
                continue;
            };
            let Some(expected) = lines_between(text, row(i - 1), row(i + 1)) else {
                continue;
            };
            assert_eq!(
                said,
                expected,
                "pane {pane}, row {}: the fold between {:?} and {:?}\n{}",
                i + 1,
                row(i - 1),
                row(i + 1),
                show(screen)
            );
            checked += 1;
        }
    }
    checked
}

/// The `I/N` of the status bar as numbers.
fn numbers(screen: &str) -> Option<(usize, usize)> {
    let (i, n) = hotspot(screen)?.split_once('/')?;
    Some((i.parse().ok()?, n.parse().ok()?))
}

/// Whether `screen` shows hotspot `k` of `n` with its readings in their panes.
fn showing(
    screen: &str,
    k: usize,
    n: usize,
    h: &Value,
    texts: &[Vec<char>; 2],
) -> Result<(), String> {
    if numbers(screen) != Some((k, n)) {
        return Err(format!("status {}", last_row(screen)));
    }
    let rows = rows(screen);
    let found: Vec<(bool, bool)> = [("left", 0), ("right", 1)]
        .into_iter()
        .filter_map(|(side, pane)| {
            let needle = needle(h, side, &texts[pane])?;
            Some((pane_text(&rows, pane == 0).contains(&needle), true))
        })
        .collect();
    // A moved passage has its two readings at two places: one of them is enough.
    let ok = if h["kind"] == "moved" {
        found.iter().any(|f| f.0)
    } else {
        !found.is_empty() && found.iter().all(|f| f.0)
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "hotspot {k}/{n} ({} {:?} → {:?}) not on screen",
            h["class"], h["left"]["text"], h["right"]["text"]
        ))
    }
}

#[test]
fn z_folds_a_law_revision_n_walks_inside_and_z_again_unfolds() {
    let paths = law();
    let args: Vec<&str> = paths.iter().map(|p| path_arg(p)).collect();
    let texts = [chars(&paths[0]), chars(&paths[1])];
    let out = duizhao(
        &std::env::temp_dir(),
        &["--report", "json", args[0], args[1]],
    );
    assert!(out.status.success(), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");

    let tmux = Tmux::start_viewer("folds-law", SIZE, &args);
    let start = tmux.screen();
    let n = numbers(&start).map(|(_, n)| n).or_else(|| {
        let (_, n) = hotspot(&start)?.split_once('/')?;
        n.parse().ok()
    });
    let n = n.expect("the status bar counts the hotspots");
    assert!(!start.contains("unchanged"), "{}", show(&start));
    let stops = stops(&report, n);

    tmux.keys("z");
    let folded = tmux.wait("rows saying `unchanged`", TIMEOUT, |s| {
        let both = rows(s)
            .iter()
            .filter(|(l, r)| l.contains("unchanged") && r.contains("unchanged"))
            .count();
        if both > 0 && last_row(s).contains(FOLDED) {
            Ok(s.to_string())
        } else {
            Err(format!("{both} fold rows, status {}", last_row(s)))
        }
    });
    check_divider(&folded, SIZE).unwrap_or_else(|e| panic!("{e}\n{}", show(&folded)));
    let mut checked = check_folds(&folded, &texts);

    // Every hotspot, one `n` at a time, inside the folded view.
    for (k, h) in stops.iter().enumerate().map(|(i, h)| (i + 1, h)) {
        tmux.keys("n");
        let screen = tmux.wait(
            &format!("hotspot {k}/{n} with its readings"),
            TIMEOUT,
            |s| showing(s, k, n, h, &texts).map(|()| s.to_string()),
        );
        assert!(
            last_row(&screen).contains(FOLDED),
            "still folded at {k}\n{}",
            show(&screen)
        );
        check_divider(&screen, SIZE).unwrap_or_else(|e| panic!("{e}\n{}", show(&screen)));
        checked += check_folds(&screen, &texts);
    }
    // The folds on the way were counted, many of them.
    assert!(checked >= 10, "only {checked} fold counts could be checked");

    // Back to a hotspot in the middle, then `z`: nothing folded, the same hotspot in sight.
    let k = n / 2;
    tmux.keys(&format!(":#{k}"));
    tmux.press("Enter");
    tmux.wait(&format!("hotspot {k}/{n}, folded"), TIMEOUT, |s| {
        showing(s, k, n, &stops[k - 1], &texts)
    });
    tmux.keys("z");
    let unfolded = tmux.wait("no row saying `unchanged`", TIMEOUT, |s| {
        if s.contains("unchanged") || last_row(s).contains(FOLDED) {
            return Err("still folded".to_string());
        }
        showing(s, k, n, &stops[k - 1], &texts).map(|()| s.to_string())
    });
    check_divider(&unfolded, SIZE).unwrap_or_else(|e| panic!("{e}\n{}", show(&unfolded)));
    // And `z` once more folds again, at the same hotspot.
    tmux.keys("z");
    tmux.wait("folded again", START_TIMEOUT, |s| {
        if !s.contains("unchanged") {
            return Err("nothing folded".to_string());
        }
        showing(s, k, n, &stops[k - 1], &texts)
    });
    tmux.quit();
}
