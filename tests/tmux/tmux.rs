//! The real `duizhao` binary in a real terminal, checked the way a user sees it.
//!
//! Each test starts its own tmux server on a private socket (`tmux -L`, named after the process
//! and the test, so tests run in parallel and never touch the user's tmux), runs the viewer in a
//! detached session of a known size, types keys with `send-keys` and reads the screen back with
//! `capture-pane`. The server is killed when the test ends, however it ends.
//!
//! The viewer runs with the system temporary directory as its working directory, so the bundled
//! samples it shows must be embedded in the binary.
//!
//! tmux is required: CI installs it, so a missing tmux fails these tests instead of skipping
//! them.

use crate::common;

use common::{
    TIMEOUT, Tmux, check_divider, divider_column, drawn_on_sides, exit_line, hotspot, last_row,
    pane_texts, show, styled_cells,
};
use duizhao::testkit::divider_column_by_rule;

/// The palette index of yellow, the background of the current hotspot.
const YELLOW: u16 = 3;

const SAMPLE_0: &str = "000_00a56f0df81fb580.txt";
const SAMPLE_1: &str = "001_b9d3a1e7e2d39cea.txt";
const SAMPLE_2: &str = "002_d4bcd45d2c455e6c.txt";
const SAMPLE_3: &str = "003_1abfbb9facdbea73.txt";

/// The characters of a `capture-pane -e` screen drawn on palette background `index`, in
/// order, white space left out.
fn drawn_on(styled: &str, index: u16) -> String {
    styled_cells(styled)
        .iter()
        .flatten()
        .filter(|c| c.background == Some(index) && !c.glyph.is_whitespace())
        .map(|c| c.glyph)
        .collect()
}

/// At odd widths the divider stands where the rule puts it (the left pane takes the smaller
/// half), on every row, before and after walking to a hotspot whose readings are drawn on
/// either side of it.
#[test]
fn odd_widths_keep_the_divider_and_the_current_hotspot_on_its_sides() {
    for size in [(81, 24), (121, 41)] {
        let tmux = Tmux::start_viewer(&format!("odd{}", size.0), size, &[]);
        tmux.wait_divider(size);
        tmux.keys("nnnnn");
        let screen = tmux.wait_hotspot("5/10", TIMEOUT);
        check_divider(&screen, size)
            .unwrap_or_else(|e| panic!("{size:?}, at hotspot 5: {e}\n{}", show(&screen)));
        let current = drawn_on_sides(
            &tmux.styled_screen(),
            YELLOW,
            divider_column_by_rule(size.0, false) as usize,
        );
        assert!(
            current.left.text == "霸权" && current.right.text == "强权",
            "{size:?}: the current hotspot on its sides of the divider: {current:?}\n{}",
            show(&screen)
        );
        tmux.quit();
    }
}

#[test]
fn default_pair_at_120x40_hotspots_help_and_quit() {
    let size = (120, 40);
    let tmux = Tmux::start_viewer("default", size, &[]);
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "1",
        "the viewer runs on the alternate screen"
    );

    // Layout: the divider in one column, (120 - 1) / 2, on every row but the status bar.
    let screen = tmux.wait_divider(size);
    let header = screen.lines().next().unwrap_or("");
    assert!(
        header.contains(SAMPLE_0) && header.contains(SAMPLE_1),
        "the headers name the first two bundled samples\n{}",
        show(&screen)
    );
    assert!(
        last_row(&screen).starts_with("hotspot -/10 │"),
        "the default pair has 10 hotspots and none is current yet\n{}",
        show(&screen)
    );
    assert_eq!(
        drawn_on(&tmux.styled_screen(), YELLOW),
        "",
        "no hotspot is highlighted as current before `n`\n{}",
        show(&screen)
    );

    // Hotspots: n walks forward, p back; the fifth is 霸权 / 强权, on screen and highlighted.
    tmux.keys("n");
    tmux.wait_hotspot("1/10", TIMEOUT);
    tmux.keys("nnnn");
    let screen = tmux.wait_hotspot("5/10", TIMEOUT);
    let (left, right) = pane_texts(&screen);
    assert!(
        left.contains("霸权") && right.contains("强权"),
        "the fifth hotspot (霸权 left, 强权 right) is on screen\n{}",
        show(&screen)
    );
    let styled = tmux.styled_screen();
    let current = drawn_on_sides(
        &styled,
        YELLOW,
        divider_column_by_rule(size.0, false) as usize,
    );
    assert!(
        current.left.text == "霸权" && current.right.text == "强权",
        "the current hotspot, and only it, is on yellow; on yellow: {current:?}\n{}",
        show(&screen)
    );
    check_divider(&screen, size)
        .unwrap_or_else(|e| panic!("after scrolling to a hotspot: {e}\n{}", show(&screen)));
    tmux.keys("p");
    let before_help = tmux.wait_hotspot("4/10", TIMEOUT);

    // Help: `?` opens the box, any key closes it and does nothing else.
    tmux.keys("?");
    tmux.wait_help();
    tmux.keys("j");
    tmux.wait(
        "the help box to close and the screen to be as before it opened",
        TIMEOUT,
        |s| {
            if s == before_help {
                Ok(())
            } else {
                Err(format!(
                    "the screen differs from the one before `?`:\n{}",
                    show(&before_help)
                ))
            }
        },
    );

    // Esc closes a box, and never quits.
    tmux.keys("?");
    tmux.wait_help();
    tmux.press("Escape");
    tmux.wait("Esc to close the help box", TIMEOUT, |s| {
        if s == before_help {
            Ok(())
        } else {
            Err("the screen differs from the one before `?`".to_string())
        }
    });
    tmux.press("Escape");
    let screen = tmux.wait("Esc with nothing open to say so", TIMEOUT, |s| {
        if last_row(s).contains("nothing to clear (q quits)") {
            Ok(s.to_string())
        } else {
            Err(format!("status bar: {:?}", last_row(s)))
        }
    });
    assert!(
        exit_line(&screen).is_none() && tmux.format("#{alternate_on}") == "1",
        "Esc must not quit\n{}",
        show(&screen)
    );

    tmux.quit();
}

#[test]
fn chosen_pair_at_80x24_follows_a_resize() {
    let tmux = Tmux::start_viewer("resize", (80, 24), &["--left", "3", "--right", "4"]);
    let screen = tmux.wait_divider((80, 24));
    // At 80 columns the headers cut the long names in the middle and the status bar keeps
    // its room for the keys: the names' starts and ends are in the headers.
    let header = screen.lines().next().unwrap_or("");
    let (left, right) = header.split_once('│').unwrap_or((header, ""));
    for (pane, name) in [(left, SAMPLE_2), (right, SAMPLE_3)] {
        assert!(
            pane.contains(&name[..8]) && pane.contains(&name[name.len() - 8..]),
            "the header shows {name}\n{}",
            show(&screen)
        );
    }

    tmux.resize((100, 30));
    tmux.wait_divider((100, 30));
    // At 100 columns the status bar names the third and fourth samples (polled: a capture
    // can fall between the panes and the status bar of one frame).
    let screen = tmux.wait_status(&format!("{SAMPLE_2} ↔ {SAMPLE_3}"), TIMEOUT);
    assert!(
        hotspot(&screen).is_some_and(|h| h.starts_with("-/")),
        "the status bar is redrawn at the new size\n{}",
        show(&screen)
    );

    // Back to the starting size before quitting: tmux 3.2 to 3.3a mix the alternate screen
    // into the normal one when a program leaves it at another size than it entered it
    // (tmux/tmux#3510), which would spoil the checks on the screen left behind.
    tmux.resize((80, 24));
    tmux.wait_divider((80, 24));

    tmux.quit();
}

#[test]
fn tiny_terminals_do_not_crash_the_viewer() {
    let tmux = Tmux::start_viewer("tiny", (80, 24), &[]);
    tmux.wait_divider((80, 24));

    // The smallest size with a layout: still two panes and a status bar.
    tmux.resize((20, 5));
    tmux.wait_divider((20, 5));
    tmux.keys("n");
    tmux.wait_hotspot("1/10", TIMEOUT);

    // Too small: a notice instead of the panes; keys still work.
    tmux.resize((10, 3));
    tmux.wait("the too-small notice at 10x3", TIMEOUT, |s| {
        // Broken between words: `10x3` whole on one row.
        let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if joined.contains("duizhao: terminal 10x3") && s.lines().any(|l| l.contains("10x3")) {
            Ok(())
        } else {
            Err("no `duizhao: terminal 10x3` notice".to_string())
        }
    });
    tmux.keys("njkG");
    tmux.resize((1, 1));
    tmux.wait("the notice at 1x1", TIMEOUT, |s| {
        if s.trim() == "d" {
            Ok(())
        } else {
            Err("the screen is not the notice's first letter".to_string())
        }
    });

    // Back to a normal size: the layout comes back and the keys typed while tiny counted.
    tmux.resize((80, 24));
    let screen = tmux.wait_divider((80, 24));
    assert_eq!(
        hotspot(&screen),
        Some("2/10"),
        "the `n` typed at 10x3 moved to the second hotspot\n{}",
        show(&screen)
    );
    // `n` walks from the view, as vim's does from the cursor: at hotspot 5, back to the top
    // with `g`, `n` goes to the first hotspot, not to the sixth far below.
    // (Hotspot 2 is on screen at the top: `n` goes on from it.)
    tmux.keys("g");
    tmux.keys("nnn");
    tmux.wait_hotspot("5/10", TIMEOUT);
    tmux.keys("g");
    tmux.keys("n");
    tmux.wait_hotspot("1/10", TIMEOUT);

    tmux.quit();
}

/// The screen readers above, on screens written by hand: a check that cannot see a misplaced
/// divider or a highlight would pass anything.
#[test]
fn screen_readers_measure_columns_and_colours() {
    assert_eq!(
        divider_column("中文 │x"),
        Some(5),
        "CJK characters are two columns"
    );
    assert_eq!(divider_column("ab"), None);

    let screen = "head│head\n中文│右\nab  │cd\n hotspot 3/10 │ a ↔ b\n";
    assert_eq!(check_divider(screen, (9, 4)), Ok(()));
    assert_eq!(hotspot(screen), Some("3/10"));
    assert_eq!(
        pane_texts(screen),
        ("中文ab".to_string(), "右cd".to_string())
    );
    let shifted = "head│head\n中文 │右\nab  │cd\n hotspot 3/10 │ a ↔ b\n";
    assert_eq!(
        check_divider(shifted, (9, 4)),
        Err("row 1: divider at column Some(5), expected 4".to_string())
    );
    assert!(
        check_divider(screen, (9, 5)).is_err(),
        "row count is checked"
    );
    assert!(
        check_divider("toolong│x\n\n", (3, 2)).is_err(),
        "width is checked"
    );

    let styled =
        "a\x1b[1;4m\x1b[38;5;0m\x1b[48;5;3m霸权\x1b[0mb\x1b[43m强\x1b[49m权 \x1b[48;2;1;2;3mx";
    assert_eq!(drawn_on(styled, YELLOW), "霸权强");
}

/// The left pane's top `rows` text rows (below the header), white space removed.
fn top_left(screen: &str, rows: usize) -> String {
    screen
        .lines()
        .skip(1)
        .take(rows)
        .filter_map(|row| row.split_once('│').map(|(l, _)| l.to_string()))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The real terminal resized under the viewer, twice and back: the passage at the top of the
/// panes, read off the screen, is still at the top (in the first three rows, the text wrapping
/// again at each width).
#[test]
fn a_resize_in_the_terminal_keeps_the_passage_at_the_top() {
    let size = (81, 24);
    let tmux = Tmux::start_viewer("scroll-resize", size, &["--right", "3"]);
    tmux.wait_divider(size);
    tmux.press("PageDown");
    tmux.press("PageDown");
    tmux.keys("jj");
    let screen = tmux.wait("two pages down", TIMEOUT, |s| {
        if last_row(s).contains("hotspot -/") && !top_left(s, 1).contains("中央外事工作会议")
        {
            Ok(s.to_string())
        } else {
            Err("still at the top")
        }
    });
    let wanted: String = top_left(&screen, 1).chars().take(8).collect();
    assert_eq!(wanted.chars().count(), 8, "{}", show(&screen));
    for next in [(121, 40), (60, 17), size] {
        tmux.resize(next);
        let screen = tmux.wait_divider(next);
        assert!(
            top_left(&screen, 3).contains(&wanted),
            "after a resize to {next:?}: {wanted:?} is not at the top\n{}",
            show(&screen)
        );
    }
    tmux.quit();
}
