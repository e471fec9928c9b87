//! Where the reader is, kept: after a resize, a swap of the panes, a new source picked, an
//! overlay closed and a search cleared, the passage that was at the top of the panes is still
//! there — read off the rendered screen by its text, not from the viewer's own offsets. The
//! expected place is the text the screen showed before; the check is that the first few
//! characters of that row (white space aside, since rows wrap again at a new width) stand in
//! the top rows after. At odd and even widths.

use duizhao::pair::Pair;
use duizhao::testkit::{divider_column_by_rule, press, press_key, row_text, samples_app, screen};
use duizhao::viewer::app::App;
use duizhao::viewer::keys::{Input, Key};
use duizhao::viewer::theme::Theme;

/// How many characters of the top row identify the passage.
const PROBE: usize = 8;
/// How many rows from the top the passage may stand in after the text wraps again.
const ROWS: u16 = 3;

/// The text of the top `rows` text rows of one pane (`right`: the right pane), white space
/// removed. Text rows start below the header row.
fn top_text(app: &App, right: bool, rows: u16) -> String {
    let buf = screen(app, Theme::COLOR);
    let (w, _) = (app.screen.area.width, app.screen.area.height);
    let div = divider_column_by_rule(w, false);
    let xs = if right { div + 1..w } else { 0..div };
    (1..=rows)
        .map(|y| row_text(&buf, y, xs.clone()))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The passage at the top of a pane: the first `PROBE` characters of its top row.
fn passage(app: &App, right: bool) -> String {
    let text = top_text(app, right, 1);
    assert!(
        text.chars().count() >= PROBE,
        "the top row holds too little text to tell a passage: {text:?}"
    );
    text.chars().take(PROBE).collect()
}

fn assert_at_top(app: &App, right: bool, wanted: &str, after: &str) {
    let top = top_text(app, right, ROWS);
    assert!(
        top.contains(wanted),
        "after {after}: {wanted:?} is no longer at the top (top rows: {top:?})"
    );
}

/// The viewer on samples 1 and 3 at `size`, scrolled two pages into the text, no hotspot
/// current (so that only the place decides what is shown).
fn scrolled(size: (u16, u16)) -> App {
    let mut app = samples_app(Pair::new(0, 2), size);
    app.settle();
    press_key(&mut app, Key::PageDown);
    press_key(&mut app, Key::PageDown);
    press(&mut app, "jj");
    // On to a row where both panes have a passage to tell (not padding, not a short line).
    let telling = |app: &App| {
        [false, true]
            .into_iter()
            .all(|right| top_text(app, right, 1).chars().count() >= PROBE)
    };
    for _ in 0..20 {
        if telling(&app) {
            break;
        }
        press(&mut app, "j");
    }
    assert!(app.top > 0);
    app
}

#[test]
fn a_resize_keeps_the_passage_at_the_top() {
    for size in [(81, 24), (80, 24), (121, 40)] {
        let mut app = scrolled(size);
        let wanted = passage(&app, false);
        for (w, h) in [(121, 40), (61, 17), (100, 30), size] {
            app.update(Input::Resize(w, h));
            assert_at_top(&app, false, &wanted, &format!("a resize to {w}x{h}"));
        }
    }
}

#[test]
fn a_swap_keeps_the_passage_at_the_top_now_in_the_other_pane() {
    for size in [(81, 24), (120, 40)] {
        let mut app = scrolled(size);
        let (left, right) = (passage(&app, false), passage(&app, true));
        press(&mut app, "x");
        app.settle();
        assert_at_top(&app, true, &left, "a swap (the left text, now right)");
        assert_at_top(&app, false, &right, "a swap (the right text, now left)");
        press(&mut app, "x");
        app.settle();
        assert_at_top(&app, false, &left, "swapping back");
    }
}

#[test]
fn picking_another_source_keeps_the_other_panes_passage() {
    for size in [(81, 24), (120, 40)] {
        let mut app = scrolled(size);
        let left = passage(&app, false);
        // The picker on the focused (left) pane: Tab focuses the right one, whose source is
        // replaced by the next in the list; the left text stays where it was.
        press_key(&mut app, Key::Tab);
        press(&mut app, "s");
        press(&mut app, "j");
        press_key(&mut app, Key::Enter);
        app.settle();
        assert_eq!(app.view.shown.left, 0, "the left source is kept");
        assert_ne!(app.view.shown.right, 2, "the right source was replaced");
        assert_at_top(&app, false, &left, "picking another right source");
    }
}

#[test]
fn an_overlay_closed_and_a_search_cleared_leave_the_passage_where_it_was() {
    for size in [(81, 24), (121, 40)] {
        let mut app = scrolled(size);
        let left = passage(&app, false);
        for overlay in ["?", "l", "a", "f"] {
            press(&mut app, overlay);
            press_key(&mut app, Key::Esc);
            assert_at_top(&app, false, &left, &format!("`{overlay}` and Esc"));
        }
        // A search typed and given up (Esc before Enter), and one made then cleared: the
        // matches are marked where they are, the view does not move until one is asked for.
        press(&mut app, "/");
        press(&mut app, "会议");
        press_key(&mut app, Key::Esc);
        assert_at_top(&app, false, &left, "a search given up");
    }
}

#[test]
fn a_search_brings_its_match_to_the_reading_line() {
    // The match is the passage the reader asked for: after Enter it is on screen, at the
    // reading line (a third down), read off the screen.
    let mut app = samples_app(Pair::new(0, 2), (81, 24));
    app.settle();
    press(&mut app, "/");
    press(&mut app, "普惠包容的经济全球化，就是");
    press_key(&mut app, Key::Enter);
    // Text rows are rows 1 to height - 2 (the header above, the status bar below); the
    // reading line is a third of them down (README: `n` brings a hotspot "about a third down
    // the screen", and a search's Enter jumps likewise).
    let text_rows = app.screen.area.height - 2;
    let reading_line = 1 + text_rows / 3;
    let buf = screen(&app, Theme::COLOR);
    let div = divider_column_by_rule(app.screen.area.width, false);
    let row = |y: u16| -> String {
        row_text(&buf, y, 0..div)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let at = (1..=text_rows)
        .find(|&y| row(y).starts_with("普惠包容的经济全球化，就是"))
        .expect("the match starts a row on screen");
    assert!(
        at.abs_diff(reading_line) <= 1,
        "the match is on row {at}, the reading line is row {reading_line}"
    );
}
