//! Navigation in the real binary, in tmux, as the navigation issue describes it: `n`/`p` from
//! the view, the place kept across `x`, `a` and a resize, a search cleared with Esc (which never
//! quits), and names that fit. Where a hotspot's text is expected, it comes from the binary's
//! JSON report of the same pair, not from the viewer.

use crate::common;

use common::{
    START_TIMEOUT, TIMEOUT, TempDir, Tmux, check_divider, drawn_on_sides, duizhao, exit_line,
    hotspot, last_row, pane_texts, path_arg, show,
};
use duizhao::testkit::{corpus, divider_column_by_rule};
use serde_json::Value;

const SAMPLE_0: &str = "000_00a56f0df81fb580.txt";
const SAMPLE_1: &str = "001_b9d3a1e7e2d39cea.txt";

/// The default pair's JSON report.
fn samples_report() -> Value {
    let out = duizhao(&std::env::temp_dir(), &["--report", "json"]);
    assert!(out.status.success(), "{:?}", out);
    serde_json::from_slice(&out.stdout).expect("the report is JSON")
}

/// The text of hotspot `n` (1-based) on `side` (`left`/`right`), white space left out.
fn hotspot_text(report: &Value, n: usize, side: &str) -> String {
    report["hotspots"][n - 1][side]["text"]
        .as_str()
        .unwrap_or_default()
        .split_whitespace()
        .collect()
}

/// The line the view starts at in a text: its first line with anything but white space (blank
/// lines before it are not drawn), 1-based.
fn first_text_line(text: &str) -> usize {
    text.lines().position(|l| !l.trim().is_empty()).unwrap_or(0) + 1
}

/// The status bar's `l.A:B` at the top of the first two samples.
fn samples_top() -> (usize, usize) {
    let samples = duizhao::source::samples();
    (
        first_text_line(&samples[0].text),
        first_text_line(&samples[1].text),
    )
}

/// The left and right line numbers of the status bar's `l.A:B`.
fn status_lines(screen: &str) -> Option<(usize, usize)> {
    let field = last_row(screen)
        .split_whitespace()
        .find_map(|w| w.strip_prefix("l."))?;
    let (a, b) = field.split_once(':')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// The row of the apparatus panel marked as selected (after its title row).
fn selected_place(screen: &str) -> Option<String> {
    let rows: Vec<&str> = screen.lines().collect();
    let title = rows.iter().position(|r| r.contains("apparatus:"))?;
    rows[title + 1..]
        .iter()
        .find(|r| r.starts_with('▸'))
        .map(|r| r.to_string())
}

/// Samples at 120x40: `g` then `n` goes to the first hotspot on screen, not to the one after
/// the last visited; `x` keeps the current hotspot and the passage; `a` opens the apparatus at
/// the current hotspot's place and moving in it does not send the panes to the top; closing it
/// and a resize keep the current hotspot on screen.
#[test]
fn the_place_is_kept_through_g_n_x_a_and_a_resize() {
    let report = samples_report();
    let size = (120, 40);
    let tmux = Tmux::start_viewer("place", size, &[]);
    tmux.keys("nnnnn");
    tmux.wait_hotspot("5/10", TIMEOUT);
    tmux.keys("g");
    let top = samples_top();
    tmux.wait("the top of the text", TIMEOUT, |s| match status_lines(s) {
        Some(lines) if lines == top => Ok(()),
        other => Err(format!("status lines {other:?}, not {top:?}")),
    });
    tmux.keys("n");
    tmux.wait_hotspot("1/10", TIMEOUT);

    // `x` at hotspot 5: the same hotspot, its sides exchanged, on screen.
    tmux.keys("nnnn");
    tmux.wait_hotspot("5/10", TIMEOUT);
    tmux.keys("x");
    let (l5, r5) = (
        hotspot_text(&report, 5, "left"),
        hotspot_text(&report, 5, "right"),
    );
    // Polled until the whole frame is there (a capture can fall between two writes of it).
    tmux.wait(
        "the panes swapped at hotspot 5, its sides exchanged",
        TIMEOUT,
        |s| {
            let header = s.lines().next().unwrap_or("");
            let swapped = header
                .find(SAMPLE_1)
                .zip(header.find(SAMPLE_0))
                .is_some_and(|(one, zero)| one < zero);
            let (left, right) = pane_texts(s);
            if swapped && hotspot(s) == Some("5/10") && left.contains(&r5) && right.contains(&l5) {
                Ok(())
            } else {
                Err(format!(
                    "swapped {swapped}, hotspot {:?}, {l5} right {}, {r5} left {}",
                    hotspot(s),
                    right.contains(&l5),
                    left.contains(&r5)
                ))
            }
        },
    );
    tmux.keys("x");
    tmux.wait("the panes swapped back", TIMEOUT, |s| {
        let header = s.lines().next().unwrap_or("");
        match header.find(SAMPLE_0).zip(header.find(SAMPLE_1)) {
            Some((zero, one)) if zero < one && hotspot(s) == Some("5/10") => Ok(()),
            _ => Err("not swapped back at hotspot 5"),
        }
    });

    // `a` at hotspot 8: the selected place reads as hotspot 8 does.
    tmux.keys("nnn");
    let at_8 = tmux.wait_hotspot("8/10", TIMEOUT);
    let lines_at_8 = status_lines(&at_8).expect("status lines");
    let (l8, r8) = (
        hotspot_text(&report, 8, "left"),
        hotspot_text(&report, 8, "right"),
    );
    tmux.keys("a");
    let place = tmux.wait("the apparatus panel", TIMEOUT, |s| {
        selected_place(s).ok_or("no apparatus panel with a selected place")
    });
    let reading = if l8.is_empty() { &r8 } else { &l8 };
    assert!(
        place.contains(reading.as_str()),
        "the selected place reads as hotspot 8 ({l8} / {r8}): {place}"
    );
    tmux.keys("j");
    let screen = tmux.wait(
        "the next place selected",
        TIMEOUT,
        |s| match selected_place(s) {
            Some(p) if p != place => Ok(s.to_string()),
            _ => Err("the selection has not moved"),
        },
    );
    let lines = status_lines(&screen).expect("status lines");
    assert!(
        lines.0 >= lines_at_8.0,
        "the panes follow the next place, not the top: {lines:?} after {lines_at_8:?}\n{}",
        show(&screen)
    );
    tmux.keys("k");
    tmux.press("Escape");
    // Polled until the whole frame is there (a capture can fall between two writes of it).
    tmux.wait("the panel closed with hotspot 8 in sight", TIMEOUT, |s| {
        let (left, right) = pane_texts(s);
        if s.contains("apparatus:") {
            Err("the panel is open".to_string())
        } else if !(left.contains(&l8) && right.contains(&r8)) {
            Err(format!("hotspot 8 ({l8} / {r8}) not in sight"))
        } else {
            Ok(())
        }
    });

    // A resize to an odd size keeps the current hotspot in sight.
    tmux.keys("n");
    tmux.wait_hotspot("9/10", TIMEOUT);
    let (l9, r9) = (
        hotspot_text(&report, 9, "left"),
        hotspot_text(&report, 9, "right"),
    );
    let small = (81, 24);
    tmux.resize(small);
    tmux.wait_divider(small);
    tmux.wait("hotspot 9 still in sight after the resize", TIMEOUT, |s| {
        check_divider(s, small)?;
        let (left, right) = pane_texts(s);
        if left.contains(&l9) && right.contains(&r9) && hotspot(s) == Some("9/10") {
            Ok(())
        } else {
            Err(format!("hotspot 9 ({l9} / {r9}) not in sight"))
        }
    });
    tmux.resize(size);
    tmux.wait_divider(size);
    tmux.quit();
}

/// A book: forty pages down, `n` goes to a hotspot below, not back to chapter 1; picking
/// another edition for the left pane opens it at the passage on screen, the right pane staying
/// where it was.
#[test]
fn on_a_book_n_and_a_new_source_go_on_from_the_page_shown() {
    let corpus = duizhao::testkit::corpus("hongloumeng");
    let path = |name: &str| corpus.join(name).display().to_string();
    let tmux = Tmux::start_viewer(
        "book-n",
        (100, 30),
        &[
            &path("tennessine.txt"),
            &path("hankinghu.txt"),
            &path("eacontang-cgb.txt"),
        ],
    );
    tmux.keys(&" ".repeat(40));
    // Forty pages are read once the position stops changing (polled a few times).
    let mut last = None;
    let mut same = 0;
    let screen = tmux.wait("forty pages down", START_TIMEOUT, |s| {
        let lines = status_lines(s);
        same = if lines == last { same + 1 } else { 0 };
        last = lines;
        match lines {
            Some((l, r)) if l > 100 && r > 100 && same >= 5 => Ok(s.to_string()),
            other => Err(format!("status lines {other:?}")),
        }
    });
    let paged = status_lines(&screen).expect("status lines");
    tmux.keys("n");
    let after = tmux.wait("a hotspot current", TIMEOUT, |s| match hotspot(s) {
        Some(h) if !h.starts_with('-') => Ok(s.to_string()),
        other => Err(format!("hotspot field {other:?}")),
    });
    let lines = status_lines(&after).expect("status lines");
    assert!(
        lines.0 >= paged.0 && lines.1 >= paged.1,
        "n went back from {paged:?} to {lines:?}\nbefore:\n{}\nafter:\n{}",
        show(&screen),
        show(&after)
    );

    tmux.keys("s");
    tmux.wait_text("source for the left pane", TIMEOUT);
    tmux.keys("3");
    let picked = tmux.wait("the third edition on the left", START_TIMEOUT, |s| {
        let header = s.lines().next().unwrap_or("");
        let status = last_row(s);
        if header
            .split('│')
            .next()
            .is_some_and(|l| l.contains("eacontang-cgb.txt"))
            && !status.contains("comparing")
        {
            Ok(s.to_string())
        } else {
            Err(format!("header {header:?}, status {status:?}"))
        }
    });
    let now = status_lines(&picked).expect("status lines");
    assert_eq!(
        now.1,
        lines.1,
        "the right pane stays at its passage\n{}",
        show(&picked)
    );
    assert!(
        now.0 > 100,
        "the new left source opens at the passage, not at chapter 1: {now:?}\n{}",
        show(&picked)
    );
    tmux.quit();
}

/// Search as in less: matches stay highlighted with their keys in the status bar; Esc clears
/// them, and a second Esc says how to quit without quitting.
#[test]
fn esc_clears_a_search_and_never_quits() {
    let size = (81, 24);
    let tmux = Tmux::start_viewer("search", size, &[]);
    tmux.keys("/外交");
    tmux.wait("the search prompt's keys", TIMEOUT, |s| {
        let status = last_row(s);
        if status.contains("外交") && !status.contains("n/p hotspot") {
            Ok(())
        } else {
            Err(format!("while typing, status: {status}"))
        }
    });
    tmux.press("Enter");
    tmux.wait("the first match", TIMEOUT, |s| {
        let status = last_row(s);
        if status.contains("match 1/") && status.contains("m/M match") {
            Ok(())
        } else {
            Err(format!("status: {status}"))
        }
    });
    tmux.keys("m");
    tmux.wait_status("match 2/", TIMEOUT);
    tmux.keys("M");
    tmux.wait_status("match 1/", TIMEOUT);
    tmux.press("Escape");
    tmux.wait("the search cleared", TIMEOUT, |s| {
        let status = last_row(s);
        if status.contains("search cleared") && !status.contains("m/M match") {
            Ok(())
        } else {
            Err(format!("status: {status}"))
        }
    });
    tmux.press("Escape");
    let screen = tmux.wait_status("nothing to clear (q quits)", TIMEOUT);
    assert!(exit_line(&screen).is_none(), "Esc quit\n{}", show(&screen));
    tmux.quit();
}

/// Names that fit: at 80 columns each header keeps the encoding and the similarity and cuts the
/// name in the middle; files of one name are told apart by their folders; the status bar keeps
/// its keys.
#[test]
fn names_fit_and_files_of_one_name_are_told_apart() {
    let report = samples_report();
    let similarity = format!(
        "{:.1}%",
        report["similarity"].as_f64().expect("similarity") * 100.0
    );
    let size = (80, 24);
    let tmux = Tmux::start_viewer("names", size, &[]);
    let screen = tmux.screen();
    let header = screen.lines().next().unwrap_or("");
    for (side, part) in header.split('│').enumerate() {
        assert!(
            part.contains(&format!("UTF-8 · {similarity}")) && part.contains('…'),
            "header {side} keeps encoding and similarity, name cut: {part:?}"
        );
    }
    let status = last_row(&screen);
    assert!(
        status.starts_with("hotspot -/10") && status.contains("? help"),
        "{status}"
    );
    assert!(!status.contains(SAMPLE_0), "{status}");
    tmux.quit();

    let dir = TempDir::new("names");
    let samples = duizhao::source::samples();
    let a = dir.write("ed1/ch01.txt", samples[0].text.as_bytes());
    let b = dir.write("ed2/ch01.txt", samples[1].text.as_bytes());
    let tmux = Tmux::start_viewer("same-names", size, &[path_arg(&a), path_arg(&b)]);
    let screen = tmux.screen();
    let header = screen.lines().next().unwrap_or("");
    assert!(
        header.contains("ed1/ch01.txt") && header.contains("ed2/ch01.txt"),
        "{header}"
    );
    tmux.keys("s");
    let picker = tmux.wait_text("source for the left pane", TIMEOUT);
    assert!(
        picker.contains("ed1/ch01.txt") && picker.contains("ed2/ch01.txt"),
        "{}",
        show(&picker)
    );
    tmux.press("Escape");
    // Wait for the picker to close before `q`: an ESC followed at once by `q` reads as Alt-q.
    tmux.wait("Esc to close the picker", TIMEOUT, |s| {
        if s.contains("source for the left pane") {
            Err("the picker is still open")
        } else {
            Ok(())
        }
    });
    tmux.quit();
}

/// Runs the viewer with `args` in a new terminal whose state directory is `state`, and waits
/// for the compared pair.
fn start_with_state(test: &str, state: &std::path::Path, args: &[&str]) -> Tmux {
    let mut tmux = Tmux::new(test);
    let mut line = common::shell_quote(env!("CARGO_BIN_EXE_duizhao"));
    for a in args {
        line.push(' ');
        line.push_str(&common::shell_quote(a));
    }
    line.push_str(" ; echo EXIT=$? ; sleep 30");
    let state = state.to_path_buf();
    tmux.new_session((100, 30), &std::env::temp_dir(), &line, |cmd| {
        cmd.env("XDG_STATE_HOME", &state);
    });
    tmux.wait("the pair compared", START_TIMEOUT, |s| match hotspot(s) {
        Some(h) if common::compared(h) => Ok(()),
        other => Err(format!("hotspot field {other:?}")),
    });
    tmux
}

/// `--remember`: the next run on the same pair opens at the hotspot and passage where the last
/// one was quit, either way round; the place is kept under `$XDG_STATE_HOME`; without the
/// option nothing is recalled.
#[test]
fn remember_opens_where_the_last_run_ended() {
    let report = samples_report();
    let dir = TempDir::new("remember");
    let samples = duizhao::source::samples();
    let a = dir.write(SAMPLE_0, samples[0].text.as_bytes());
    let b = dir.write(SAMPLE_1, samples[1].text.as_bytes());
    let (a, b) = (path_arg(&a), path_arg(&b));
    let state = dir.path().join("state");

    let tmux = start_with_state("remember-1", &state, &["--remember", a, b]);
    tmux.keys("nnnnn");
    tmux.wait_hotspot("5/10", TIMEOUT);
    tmux.quit();
    drop(tmux);
    assert!(
        state.join("duizhao/places.json").is_file(),
        "the place is kept in the XDG state directory"
    );

    let (l5, r5) = (
        hotspot_text(&report, 5, "left"),
        hotspot_text(&report, 5, "right"),
    );
    let tmux = start_with_state("remember-2", &state, &["--remember", a, b]);
    let screen = tmux.wait_hotspot("5/10", TIMEOUT);
    let (left, right) = pane_texts(&screen);
    assert!(
        left.contains(&l5) && right.contains(&r5),
        "the second run opens at hotspot 5 ({l5} / {r5})\n{}",
        show(&screen)
    );
    tmux.keys("n");
    tmux.wait_hotspot("6/10", TIMEOUT);
    tmux.quit();
    drop(tmux);

    let tmux = start_with_state("remember-3", &state, &["--remember", b, a]);
    let screen = tmux.wait_hotspot("6/10", TIMEOUT);
    let (l6, r6) = (
        hotspot_text(&report, 6, "left"),
        hotspot_text(&report, 6, "right"),
    );
    let (left, right) = pane_texts(&screen);
    assert!(
        left.contains(&r6) && right.contains(&l6),
        "the pair the other way round opens at hotspot 6, sides exchanged\n{}",
        show(&screen)
    );
    tmux.quit();
    drop(tmux);

    let tmux = start_with_state("remember-4", &state, &[a, b]);
    let screen = tmux.screen();
    assert_eq!(hotspot(&screen), Some("-/10"), "{}", show(&screen));
    assert_eq!(
        status_lines(&screen),
        Some(samples_top()),
        "{}",
        show(&screen)
    );
    tmux.quit();
}

/// Keys from less and vim, in the real binary: Ctrl-D then Ctrl-U, and PgDn then `b`, come
/// back to the same `l.A:B`; Ctrl-L redraws (no "unknown key"); `:#k` goes to hotspot k,
/// the JSON report's k-th; at 80x16 the help scrolls to its `q` line.
#[test]
fn less_and_vim_keys_go_and_come_back() {
    let report = samples_report();
    let n = report["hotspots"].as_array().map_or(0, Vec::len);
    let tmux = Tmux::start_viewer("less-vim-keys", (120, 40), &[]);
    let lines = |tmux: &Tmux, what: &str| {
        let screen = tmux.wait(what, TIMEOUT, |s| {
            status_lines(s)
                .map(|_| s.to_string())
                .ok_or_else(|| format!("no l.A:B in {:?}", last_row(s)))
        });
        status_lines(&screen).unwrap_or_default()
    };
    tmux.keys("jjj");
    let start = tmux.wait("three rows down", TIMEOUT, |s| match status_lines(s) {
        Some(l) if l != samples_top() => Ok(l),
        other => Err(format!("l.A:B is {other:?}")),
    });
    for (there, back) in [("C-d", "C-u"), ("NPage", "b"), ("C-f", "C-b")] {
        tmux.press(there);
        tmux.wait(
            &format!("{there} to scroll"),
            TIMEOUT,
            |s| match status_lines(s) {
                Some(l) if l != start => Ok(()),
                other => Err(format!("l.A:B is still {other:?}")),
            },
        );
        if back.len() == 1 {
            tmux.keys(back);
        } else {
            tmux.press(back);
        }
        tmux.wait(
            &format!("{back} to come back"),
            TIMEOUT,
            |s| match status_lines(s) {
                Some(l) if l == start => Ok(()),
                other => Err(format!("l.A:B is {other:?}, not {start:?}")),
            },
        );
    }
    tmux.press("C-l");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let screen = tmux.screen();
    assert!(
        !last_row(&screen).contains("unknown key"),
        "{}",
        show(&screen)
    );
    assert_eq!(lines(&tmux, "after Ctrl-L"), start);
    // `:#k`: hotspot k of the JSON report, numbered k/N.
    for k in [1, n / 2, n] {
        tmux.keys(&format!(":#{k}"));
        tmux.press("Enter");
        let screen = tmux.wait_hotspot(&format!("{k}/{n}"), TIMEOUT);
        let (left, _) = pane_texts(&screen);
        let want: String = hotspot_text(&report, k, "left").chars().take(2).collect();
        assert!(
            left.split_whitespace().collect::<String>().contains(&want),
            ":#{k}: {want:?} not in the left pane\n{}",
            show(&screen)
        );
    }
    tmux.quit();

    // The help at 80x16 scrolls to its last lines.
    let tmux = Tmux::start_viewer("help-scrolls", (80, 16), &[]);
    tmux.keys("?");
    tmux.wait_help();
    assert!(!tmux.screen().lines().any(|l| l.contains(" quit ")));
    tmux.keys("G");
    tmux.wait("the help's last page, with its `q` line", TIMEOUT, |s| {
        if s.lines()
            .any(|l| l.contains("│ q ") && l.contains(" quit "))
        {
            Ok(())
        } else {
            Err("no `q … quit` line".to_string())
        }
    });
    tmux.press("Escape");
    // Closed before `q` is sent: an Escape and a `q` that reach the terminal together read as
    // Alt-q, one key.
    tmux.wait_gone("duizhao keys", TIMEOUT);
    tmux.quit();
}

/// A round trip of real terminal sizes comes back to the same `l.A:B`, though the current
/// hotspot was brought into sight at the small size (the 120x40 → 45x12 → 120x40 on
/// the samples, and 200x60 → 81x24 → 200x60).
#[test]
fn a_round_trip_of_sizes_keeps_the_top_line() {
    for (name, size, small) in [
        ("round-trip-120", (120, 40), (45, 12)),
        ("round-trip-200", (200, 60), (81, 24)),
    ] {
        let tmux = Tmux::start_viewer(name, size, &[]);
        tmux.keys("nnnnn");
        tmux.wait_hotspot("5/10", TIMEOUT);
        let before = tmux.wait("the top lines", TIMEOUT, |s| {
            status_lines(s).ok_or_else(|| format!("no l.A:B in {:?}", last_row(s)))
        });
        tmux.resize(small);
        tmux.wait_divider(small);
        tmux.resize(size);
        tmux.wait_divider(size);
        tmux.wait(
            &format!(
                "{size:?} → {small:?} → back to keep l.{}:{}",
                before.0, before.1
            ),
            TIMEOUT,
            |s| match status_lines(s) {
                Some(l) if l == before => Ok(()),
                other => Err(format!("l.A:B is {other:?}")),
            },
        );
        tmux.quit();
    }
}

/// The palette index of yellow, the background of the current hotspot.
const YELLOW: u16 = 3;

/// Whether JSON hotspot `h` lies inside the moved passage `m` on both sides (a variant inside
/// the move).
fn inside(h: &Value, m: &Value) -> bool {
    let at = |v: &Value, side: &str, end: &str| v[side][end].as_u64().unwrap_or(0);
    m["kind"] == "moved"
        && ["left", "right"].iter().all(|side| {
            at(m, side, "start") <= at(h, side, "start") && at(h, side, "end") <= at(m, side, "end")
        })
}

/// Whether the text on yellow (the current hotspot) in each pane is hotspot `h` of a JSON
/// report: each side's reading (white space left out; the insertion mark `‸` where that side
/// has none, or nothing for a variant inside a moved passage `inner`: the passage is at
/// another place on that side), or for a moved passage its text at a place in sight (the
/// marks `⇣ moved …` beside it are drawn as current too). Why not if it is not.
fn current_is(styled: &str, width: u16, h: &Value, inner: bool) -> Result<(), String> {
    let on = drawn_on_sides(
        styled,
        YELLOW,
        divider_column_by_rule(width, false) as usize,
    );
    let reading = |side: &str| -> String {
        let text = h[side]["text"].as_str().unwrap_or_default();
        text.split_whitespace().collect()
    };
    let panes = [("left", &on.left.text), ("right", &on.right.text)];
    if h["kind"] == "moved" {
        let start: String = reading("left").chars().take(8).collect();
        return match panes.iter().any(|(_, text)| text.contains(&start)) {
            true => Ok(()),
            false => Err(format!("the moved passage {start:?}… on yellow: {on:?}")),
        };
    }
    for (side, text) in panes {
        let want = match reading(side) {
            r if r.is_empty() && !inner => "‸".to_string(),
            r => r,
        };
        if *text != want {
            return Err(format!("{side} on yellow is {text:?}, not {want:?}"));
        }
    }
    Ok(())
}

/// `:#k` on 反垄断法 2007/2022 at 120x40 (a sentence moved to an article of its own, whose
/// heading is a variant inside the move): for the first, the middle and the last hotspot, and
/// for the move and the variant inside it, the status bar says `k/N` with N the JSON report's
/// count, and the current hotspot on the screen is the JSON report's k-th.
#[test]
fn go_to_hotspot_k_is_the_reports_kth_on_a_revision_with_a_move() {
    let (a, b) = (
        corpus("laws_zh/反垄断法(2007-08-30).md"),
        corpus("laws_zh/反垄断法(2022-06-24).md"),
    );
    let args = [path_arg(&a), path_arg(&b)];
    let out = duizhao(
        &std::env::temp_dir(),
        &["--report", "json", args[0], args[1]],
    );
    assert!(out.status.success(), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
    let hotspots = report["hotspots"].as_array().cloned().unwrap_or_default();
    let n = hotspots.len();
    let moved = 1 + hotspots
        .iter()
        .position(|h| h["kind"] == "moved")
        .expect("the move in the report");
    let size = (120, 40);
    let tmux = Tmux::start_viewer("numbering-moves", size, &args);
    assert!(
        inside(&hotspots[moved], &hotspots[moved - 1]),
        "a variant inside it"
    );
    tmux.wait_hotspot(&format!("-/{n}"), START_TIMEOUT);
    for k in [1, n / 2, moved, moved + 1, n] {
        tmux.keys(&format!(":#{k}"));
        tmux.press("Enter");
        tmux.wait_hotspot(&format!("{k}/{n}"), TIMEOUT);
        tmux.wait(&format!(":#{k}: the report's hotspot {k}"), TIMEOUT, |_| {
            let styled = tmux.styled_screen();
            let inner = k > 1 && inside(&hotspots[k - 1], &hotspots[k - 2]);
            current_is(&styled, size.0, &hotspots[k - 1], inner)
                .map_err(|e| format!("{e}\n{}", show(&tmux.screen())))
        });
    }
    tmux.quit();
}

/// `a` on the three 红楼梦 editions (book size): the apparatus panel opens, polled for, with as
/// many places as the binary's JSON apparatus of the same three files has. (How soon is a
/// benchmark's business, `cargo bench --bench corners -- apparatus`: the collation costs
/// what the comparisons cost, no longer a scan of every hotspot per place.)
#[test]
fn the_apparatus_of_three_books_opens() {
    let books: Vec<String> = ["tennessine.txt", "eacontang-cgb.txt", "hankinghu.txt"]
        .iter()
        .map(|n| corpus(&format!("hongloumeng/{n}")).display().to_string())
        .collect();
    let args: Vec<&str> = books.iter().map(String::as_str).collect();
    let mut json_args = vec!["--report", "json", "--all"];
    json_args.extend(&args);
    let out = duizhao(&std::env::temp_dir(), &json_args);
    assert!(out.status.success(), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("the apparatus is JSON");
    let places = report["places"].as_array().expect("places").len();
    let tmux = Tmux::start_viewer("apparatus-books", (120, 40), &args);
    tmux.keys("a");
    let expected = format!("apparatus: {places} places");
    tmux.wait("the apparatus panel of three books", START_TIMEOUT, |s| {
        if s.contains(&expected) {
            Ok(())
        } else {
            Err(format!("no `{expected}` yet"))
        }
    });
}
