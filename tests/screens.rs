//! Whole screens through ratatui's TestBackend: text snapshots (insta) of the samples at 80x24
//! and 160x48 (and folded, at 80x24 and 121x40), and the styles of the highlights asserted on the buffer (text snapshots do not
//! show styles).

use duizhao::pair::Pair;
use duizhao::source::samples;
use duizhao::testkit::{press, samples_app, screen_text};
use duizhao::text::width::Widths;
use duizhao::viewer::app::App;
use duizhao::viewer::keys::{Input, Key};
use duizhao::viewer::render as ui;
use duizhao::viewer::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn app(w: u16, h: u16) -> App {
    samples_app(Pair::new(0, 1), (w, h))
}

fn screen(app: &App, theme: Theme) -> Terminal<TestBackend> {
    let (w, h) = (app.screen.area.width, app.screen.area.height);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal.draw(|f| ui::draw(f, app, theme)).expect("draw");
    terminal
}

/// The screen as text: one line per row, wide glyphs once (the cells they cover skipped).
fn text(t: &Terminal<TestBackend>) -> String {
    screen_text(t.backend().buffer())
}

const COLOR: Theme = Theme::COLOR;
const NO_COLOR: Theme = Theme::NO_COLOR;

#[test]
fn start_80x24() {
    let a = app(80, 24);
    insta::assert_snapshot!(text(&screen(&a, COLOR)));
}

#[test]
fn start_160x48() {
    let a = app(160, 48);
    insta::assert_snapshot!(text(&screen(&a, COLOR)));
}

#[test]
fn hegemony_hotspot_current_80x24() {
    let mut a = app(80, 24);
    press(&mut a, "nnnnn");
    insta::assert_snapshot!(text(&screen(&a, COLOR)));
}

#[test]
fn hegemony_hotspot_current_160x48() {
    let mut a = app(160, 48);
    press(&mut a, "nnnnn");
    insta::assert_snapshot!(text(&screen(&a, COLOR)));
}

#[test]
fn help_overlay_80x24() {
    let mut a = app(80, 24);
    press(&mut a, "?");
    insta::assert_snapshot!(text(&screen(&a, COLOR)));
}

#[test]
fn source_picker_80x24() {
    let mut a = app(80, 24);
    a.update(Input::Key(Key::Tab));
    press(&mut a, "sj");
    insta::assert_snapshot!(text(&screen(&a, COLOR)));
}

#[test]
fn filter_panel_81x24() {
    let mut a = app(81, 24);
    press(&mut a, "fj");
    insta::assert_snapshot!(text(&screen(&a, COLOR)));
}

#[test]
fn search_keys_show_while_matches_are_highlighted() {
    let mut a = app(120, 30);
    press(&mut a, "/外交");
    a.update(Input::Key(Key::Enter));
    let shown = text(&screen(&a, COLOR));
    let status = shown.lines().last().unwrap_or("");
    assert!(
        status.contains("m/M match") && status.contains("Esc clear"),
        "{status}"
    );
    a.update(Input::Key(Key::Esc));
    let shown = text(&screen(&a, COLOR));
    let status = shown.lines().last().unwrap_or("");
    assert!(!status.contains("m/M match"), "{status}");
}

#[test]
fn hotspot_list_81x24() {
    let mut a = app(81, 24);
    press(&mut a, "nnnnnl");
    insta::assert_snapshot!(text(&screen(&a, COLOR)));
}

#[test]
fn long_apparatus_rows_end_in_an_ellipsis() {
    let mut a = app(61, 30);
    press(&mut a, "a");
    let shown = text(&screen(&a, COLOR));
    let places: Vec<&str> = shown
        .lines()
        .filter(|l| l.contains(" l.") && !l.contains("hotspot "))
        .collect();
    assert!(!places.is_empty(), "{shown}");
    for row in places {
        // Every place row names its line and context; one cut short says so.
        assert!(row.contains('·'), "{row}");
        let width = unicode_width::UnicodeWidthStr::width(row.trim_end());
        assert!(width < 60 || row.trim_end().ends_with('…'), "{row}");
    }
}

#[test]
fn too_small_shows_a_notice() {
    let a = app(19, 4);
    insta::assert_snapshot!(text(&screen(&a, COLOR)));
}

/// The cells of `buf` on row `y` whose symbol is one of the characters of `text`, in order.
fn find(buf: &Buffer, x_range: std::ops::Range<u16>, text: &str) -> Option<(u16, u16)> {
    let first = text.chars().next()?.to_string();
    let second = text.chars().nth(1)?.to_string();
    for y in 0..buf.area.height {
        for x in x_range.clone() {
            if buf[(x, y)].symbol() == first
                && x + 2 < x_range.end
                && buf[(x + 2, y)].symbol() == second
            {
                return Some((x, y));
            }
        }
    }
    None
}

#[test]
fn current_hotspot_styles_on_both_sides() {
    let mut a = app(80, 24);
    press(&mut a, "nnnnn");
    let t = screen(&a, COLOR);
    let buf = t.backend().buffer();
    let (left, right) = (0..39, 40..80);
    for (range, word) in [(left, "霸权"), (right, "强权")] {
        let (x, y) = find(buf, range, word).unwrap_or_else(|| panic!("{word} on screen"));
        for cell in [&buf[(x, y)], &buf[(x + 2, y)]] {
            assert_eq!(cell.bg, Color::Yellow, "{word}: current hotspot background");
            assert!(cell.modifier.contains(Modifier::BOLD), "{word}: bold");
            assert!(
                cell.modifier.contains(Modifier::UNDERLINED),
                "{word}: underlined"
            );
        }
        // The characters around it are plain.
        assert_eq!(buf[(x - 2, y)].bg, Color::Reset);
        assert!(buf[(x - 2, y)].modifier.is_empty());
        assert_eq!(buf[(x + 4, y)].bg, Color::Reset);
    }
}

#[test]
fn other_hotspots_are_highlighted_less_and_punctuation_on_a_ground_of_its_own() {
    let mut a = app(160, 48);
    // Current: 霸权/强权 (5); visible too: 特色大国 (6, wording) and earlier the 、/， of 2.
    press(&mut a, "nnnnn");
    let t = screen(&a, COLOR);
    let buf = t.backend().buffer();
    // 中国特色 is everywhere; the variant is the 特 that is highlighted.
    let cell = (0..buf.area.height)
        .flat_map(|y| (0..79).map(move |x| (x, y)))
        .map(|p| &buf[p])
        .find(|c| c.symbol() == "特" && c.bg != Color::Reset)
        .expect("the 特色大国 variant is highlighted");
    assert!(
        cell.modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED)
    );
    assert_ne!(cell.bg, Color::Yellow, "not the current hotspot");
    assert_ne!(cell.bg, Color::Reset, "but highlighted");
    let wording = cell.bg;
    // A punctuation hotspot: 、 against ， (hotspot 2): a one-glyph change a reader cannot
    // miss, so on a ground of its own (neither wording's nor the current hotspot's).
    let mut b = app(160, 48);
    press(&mut b, "n");
    let t = screen(&b, COLOR);
    let buf = t.backend().buffer();
    let punct = (0..buf.area.height)
        .flat_map(|y| (0..79).map(move |x| (x, y)))
        .find(|&(x, y)| {
            buf[(x, y)].symbol() == "、" && buf[(x, y)].modifier.contains(Modifier::UNDERLINED)
        })
        .expect("the 、 variant is underlined");
    let cell = &buf[punct];
    assert!(
        cell.bg != Color::Reset && cell.bg != wording && cell.bg != Color::Yellow,
        "punctuation has a ground of its own: {:?}",
        cell.bg
    );
    assert_eq!(cell.fg, Color::LightYellow);
}

#[test]
fn without_colour_every_highlight_still_shows() {
    let mut a = app(80, 24);
    press(&mut a, "nnnnn");
    let t = screen(&a, NO_COLOR);
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            assert!(
                matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                "colour at {x},{y} with NO_COLOR"
            );
        }
    }
    let (x, y) = find(buf, 0..39, "霸权").expect("霸权 on screen");
    assert!(
        buf[(x, y)]
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
}

#[test]
fn status_bar_counts_hotspots() {
    let mut a = app(80, 24);
    let t = screen(&a, COLOR);
    let last = (0..80)
        .map(|x| t.backend().buffer()[(x, 23)].symbol().to_string())
        .collect::<String>();
    assert!(last.contains("hotspot -/10"), "{last}");
    press(&mut a, "n");
    let t = screen(&a, COLOR);
    let last = (0..80)
        .map(|x| t.backend().buffer()[(x, 23)].symbol().to_string())
        .collect::<String>();
    assert!(last.contains("hotspot 1/10"), "{last}");
}

#[test]
fn apparatus_panel_130x30() {
    let mut a = app(130, 30);
    press(&mut a, "ajjjjjj");
    let t = screen(&a, COLOR);
    insta::assert_snapshot!(text(&t));
    // The selected place is reversed, and the pair's hotspot there is current in the panes.
    let buf = t.backend().buffer();
    let row = (0..30)
        .find(|&y| buf[(0, y)].symbol() == "▸")
        .expect("selected place row");
    assert!(buf[(0, row)].modifier.contains(Modifier::REVERSED));
    assert!(a.hotspot_status().starts_with("hotspot 5/"));
}

#[test]
fn every_cell_is_drawn_even_with_wide_ambiguous_characters() {
    // Hatched padding uses `╱`, which is two columns wide when ambiguous characters are: the
    // row must still be covered to its last cell, whatever the pane's width.
    for w in 80..84 {
        let mut a = App::new(
            samples(),
            Pair::new(0, 1),
            Widths {
                ambiguous_wide: true,
            },
            (w, 24),
        );
        press(&mut a, "nnnnn");
        let area = ratatui::layout::Rect::new(0, 0, w, 24);
        let mut buf = Buffer::empty(area);
        for y in 0..24 {
            for x in 0..w {
                buf[(x, y)].set_symbol("X");
            }
        }
        ui::render(&a, COLOR, area, &mut buf);
        let hatched = (0..24).any(|y| (0..w).any(|x| buf[(x, y)].symbol() == "/"));
        assert!(
            hatched,
            "the screen at {w} columns has padding facing one-sided text"
        );
        for y in 0..24 {
            for x in 0..w {
                assert_ne!(
                    buf[(x, y)].symbol(),
                    "X",
                    "cell {x},{y} left undrawn at {w} columns"
                );
            }
        }
    }
}

#[test]
fn a_frame_at_a_size_the_state_has_not_heard_of_is_clipped_not_a_crash() {
    // The terminal shrank (or grew) while the resize event is still queued: the renderer gets
    // a buffer of the new size and a state laid out for the old one.
    let mut a = app(200, 50);
    press(&mut a, &"j".repeat(300));
    for (w, h) in [(100, 30), (199, 50), (200, 49), (1, 1), (250, 80)] {
        let area = ratatui::layout::Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        ui::render(&a, COLOR, area, &mut buf);
        // What fits is the state's own screen: the status bar's start, the headers' names.
        if w >= 100 && h >= 30 {
            let top = duizhao::testkit::row_text(&buf, 0, 0..w.min(200));
            assert!(top.contains("000_00a56f0df81fb580.txt"), "{top}");
        }
    }
}

#[test]
fn the_source_picker_scrolls_to_keep_the_selection_in_sight() {
    let sources: Vec<_> = (0..200)
        .map(|i| duizhao::testkit::source(&format!("source-{i:03}.txt"), "坚决反对一切霸权政治。"))
        .collect();
    for (w, h) in [(80, 24), (81, 7)] {
        let mut a = App::new(sources.clone(), Pair::new(0, 1), Widths::default(), (w, h));
        press(&mut a, "s");
        // Source 2 is shown in the other (right) pane: not offered, the selection skips it.
        for i in (0..200).filter(|&i| i != 1) {
            let t = screen_text(&duizhao::testkit::screen(&a, COLOR));
            let marked: Vec<&str> = t.lines().filter(|l| l.contains('▸')).collect();
            let expected = format!("source-{i:03}.txt");
            assert!(
                marked.iter().any(|l| l.contains(&expected)),
                "{w}x{h}: {expected} selected but not marked on screen\n{t}"
            );
            press(&mut a, "j");
        }
        a.update(Input::Key(Key::Enter));
        assert_eq!(
            a.view.shown,
            Pair::new(199, 1),
            "the focused (left) pane shows it"
        );
    }
}

/// The divider column as a scrollbar, with its styles (a text snapshot cannot show them): the
/// thumb where the view is, hotspot rows tinted, in colour and without. The column comes from
/// the terminal width by the documented rule, not from the code that places it.
#[test]
fn scrollbar_styles_81x23() {
    let (w, h) = (81, 23);
    let x = duizhao::testkit::divider_column_by_rule(w, false);
    let column = |a: &App, theme: Theme| -> String {
        let t = screen(a, theme);
        let buf = t.backend().buffer();
        // The text rows: below the header, above the status bar.
        (1..h - 1)
            .map(|y| {
                let cell = &buf[(x, y)];
                let mut line =
                    format!("{y:>2} {} fg={:?} bg={:?}", cell.symbol(), cell.fg, cell.bg);
                if !cell.modifier.is_empty() {
                    line.push_str(&format!(" {:?}", cell.modifier));
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut a = app(w, h);
    let top = column(&a, COLOR);
    press(&mut a, "G");
    let bottom = column(&a, COLOR);
    let mono = column(&a, NO_COLOR);
    insta::assert_snapshot!(format!(
        "at the top, colour:\n{top}\n\nat the bottom, colour:\n{bottom}\n\nat the bottom, no colour:\n{mono}"
    ));
}

/// What a terminal shows after ratatui's crossterm backend sends it `buf` (over a blank
/// screen): the backend writes each changed cell, moving the cursor first unless the cell is
/// just right of the last one written; the terminal advances by the width it gives the glyph
/// (`ambiguous_wide`: East Asian ambiguous characters two columns). A glyph's second column
/// holds nothing.
fn as_a_terminal_shows(buf: &Buffer, ambiguous_wide: bool) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let (w, h) = (buf.area.width as usize, buf.area.height as usize);
    let mut grid = vec![vec![" ".to_string(); w]; h];
    let mut last: Option<(u16, u16)> = None;
    let mut cursor = (0usize, 0usize);
    for (x, y, cell) in Buffer::empty(buf.area).diff(buf) {
        if !matches!(last, Some((lx, ly)) if x == lx + 1 && y == ly) {
            cursor = (x as usize, y as usize);
        }
        let symbol = cell.symbol();
        let width = if ambiguous_wide {
            symbol.width_cjk()
        } else {
            symbol.width()
        };
        if cursor.0 < w {
            grid[cursor.1][cursor.0] = symbol.to_string();
        }
        for k in 1..width {
            if cursor.0 + k < w {
                grid[cursor.1][cursor.0 + k] = String::new();
            }
        }
        cursor.0 += width;
        last = Some((x, y));
    }
    grid.into_iter().map(|row| row.concat()).collect()
}

/// `--ambiguous-wide` in a terminal that draws those characters wide: `“一带一路”` reads
/// without gaps and the divider stays in its column; in a terminal that draws them narrow (the
/// option given wrongly), the reserved column shows as a gap but nothing moves.
#[test]
fn ambiguous_wide_draws_without_gaps_where_the_terminal_draws_them_wide() {
    use unicode_width::UnicodeWidthStr;
    for w in [80u16, 81] {
        let wide = Widths {
            ambiguous_wide: true,
        };
        let mut a = App::new(samples(), Pair::new(0, 1), wide, (w, 24));
        press(&mut a, "/一带一路");
        a.update(Input::Key(Key::Enter));
        let area = ratatui::layout::Rect::new(0, 0, w, 24);
        let mut buf = Buffer::empty(area);
        ui::render(&a, COLOR, area, &mut buf);
        let shown = as_a_terminal_shows(&buf, true);
        assert!(
            shown.iter().any(|r| r.contains("“一带一路”")),
            "{w} columns: no row reads “一带一路” without gaps:\n{}",
            shown.join("\n")
        );
        let divider = duizhao::testkit::divider_column_by_rule(w, true) as usize;
        for (y, row) in shown.iter().enumerate().take(23).skip(1) {
            let mut column = 0;
            let at = row.chars().position(|c| {
                let found = c == '│';
                if !found {
                    column += c.to_string().width_cjk();
                }
                found
            });
            assert!(at.is_some(), "{w} columns, row {y} has no divider: {row}");
            assert_eq!(column, divider, "{w} columns, row {y}: {row}");
        }
        let narrow = as_a_terminal_shows(&buf, false);
        assert!(
            narrow.iter().any(|r| r.contains("“ 一带一路” ")),
            "{w} columns, narrow terminal:\n{}",
            narrow.join("\n")
        );
    }
}

/// The styled runs of a screen: for each row, every stretch of cells drawn in a style other
/// than the default, with its colours and attributes (a text snapshot does not show them).
fn styled_runs(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut run: Option<(ratatui::style::Style, String)> = None;
        let mut flush = |run: &mut Option<(ratatui::style::Style, String)>| {
            if let Some((style, text)) = run.take()
                && (style.fg.unwrap_or(Color::Reset) != Color::Reset
                    || style.bg.unwrap_or(Color::Reset) != Color::Reset
                    || !style.add_modifier.is_empty())
            {
                out.push_str(&format!(
                    "{y:>2} fg={:?} bg={:?} {:?} «{}»\n",
                    style.fg.unwrap_or(Color::Reset),
                    style.bg.unwrap_or(Color::Reset),
                    style.add_modifier,
                    text
                ));
            }
        };
        let mut covered = 0;
        for x in 0..buf.area.width {
            // The cell after a wide glyph is covered by it.
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            covered = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            let style = cell.style();
            match &mut run {
                Some((s, text)) if *s == style => text.push_str(cell.symbol()),
                _ => {
                    flush(&mut run);
                    run = Some((style, cell.symbol().to_string()));
                }
            }
        }
        flush(&mut run);
    }
    out
}

/// The samples at hotspot 4 at 120x40 (a wording change current, the punctuation variant
/// 、/， and the wording change 霸权/强权 in sight) in 16 colours, 256 colours and none: the same distinctions in each, never a colour the
/// terminal does not have.
#[test]
fn colours_in_16_and_256_and_none() {
    use duizhao::viewer::theme::{Depth, Palette};
    let mut a = app(120, 40);
    press(&mut a, "nnnn");
    let mut shots = String::new();
    for depth in [Depth::Ansi16, Depth::Ansi256, Depth::Mono] {
        let theme = Theme {
            depth,
            palette: Palette::DEFAULT,
        };
        let t = screen(&a, theme);
        let buf = t.backend().buffer();
        for cell in buf.content() {
            for color in [cell.fg, cell.bg] {
                let fits = match (depth, color) {
                    (_, Color::Reset) => true,
                    (Depth::Mono, _) => false,
                    (Depth::Ansi16, Color::Rgb(..)) | (Depth::Ansi16, Color::Indexed(16..)) => {
                        false
                    }
                    (Depth::Ansi256, Color::Rgb(..)) => false,
                    _ => true,
                };
                assert!(fits, "{depth:?}: colour {color:?} on {:?}", cell.symbol());
            }
        }
        shots.push_str(&format!("== {depth:?}\n{}\n", styled_runs(buf)));
    }
    insta::assert_snapshot!(shots);
}

/// A click on a highlighted phrase makes its hotspot current without moving the view; a click
/// elsewhere does nothing; with the mouse off (`c`) the status bar says so.
#[test]
fn a_click_on_a_phrase_makes_it_current() {
    let mut a = app(120, 40);
    press(&mut a, "nnnnn");
    let (top, five) = (a.top, a.current);
    press(&mut a, "g");
    // 特色大国 (hotspot 3) is highlighted on the first screen, left of the divider.
    let t = screen(&a, COLOR);
    let buf = t.backend().buffer();
    let (x, y) = (0..40u16)
        .flat_map(|y| (0..59u16).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "特" && buf[(x, y)].bg != Color::Reset)
        .expect("the 特色大国 variant highlighted on screen");
    let before = a.top;
    a.update(Input::Click(x + 2, y));
    assert_eq!(a.current, Some(2), "hotspot 3 is current");
    assert_eq!(a.top, before, "the view stays");
    // A click on plain text, on the divider or on the status bar changes nothing.
    for (x, y) in [(0, 1), (59, 5), (3, 39)] {
        a.update(Input::Click(x, y));
        assert_eq!(a.current, Some(2), "click at {x},{y}");
    }
    assert!(top > 0 && five == Some(4));
    press(&mut a, "c");
    let shown = text(&screen(&a, COLOR));
    assert!(
        shown
            .lines()
            .last()
            .is_some_and(|l| l.contains("mouse off")),
        "{shown}"
    );
    press(&mut a, "c");
    let shown = text(&screen(&a, COLOR));
    assert!(
        !shown
            .lines()
            .last()
            .is_some_and(|l| l.contains("mouse off")),
        "{shown}"
    );
}

/// `y` puts the current hotspot on the clipboard: both readings and its class, then each
/// source's name, line and the reading in context, as the sources have them.
#[test]
fn y_copies_the_current_hotspot_with_context() {
    let mut a = app(120, 40);
    press(&mut a, "y");
    assert!(a.clipboard.is_none(), "no current hotspot: nothing copied");
    press(&mut a, "nnnnny");
    let copied = a.clipboard.clone().expect("copied");
    let lines: Vec<&str> = copied.lines().collect();
    assert_eq!(lines[0], "霸权 → 强权 (wording)");
    let samples = samples();
    for (line, source) in lines[1..].iter().zip(&samples[..2]) {
        let at = source
            .text
            .find(if source.name.starts_with("000") {
                "反对一切霸权政治"
            } else {
                "反对一切强权政治"
            })
            .expect("the reading in the source");
        let number = source.text[..at].matches('\n').count() + 1;
        assert!(
            line.starts_with(&format!("{} l.{number}: …", source.name)),
            "{line}"
        );
        assert!(
            line.contains("一切【") && line.contains("】政治和"),
            "{line}"
        );
    }
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.starts_with("copied hotspot 5/10"))
    );
}

/// The folded view (`z`): each unchanged stretch one dim row in each pane, saying how many of
/// its source's lines it hides, the divider on every row; the current hotspot (`n` ×5) in
/// sight with its context. At an even and an odd width.
fn folded(w: u16, h: u16) -> String {
    let mut a = app(w, h);
    press(&mut a, "znnnnn");
    assert!(a.folding());
    let t = screen(&a, COLOR);
    let buf = t.backend().buffer();
    let shown = text(&t);
    let x = duizhao::testkit::divider_column_by_rule(w, false);
    let mut folds = 0;
    for (y, row) in shown.lines().enumerate().take(h as usize - 1).skip(1) {
        assert_eq!(buf[(x, y as u16)].symbol(), "│", "row {y}: {row}");
        if !row.contains("unchanged") {
            continue;
        }
        folds += 1;
        // In both panes, dim, and nothing else on the row.
        let (left, right) = row.split_once('│').expect("the divider");
        for (pane, xs) in [(left, 0..x), (right, x + 1..w)] {
            assert!(pane.contains("unchanged line"), "row {y}: {row}");
            for x in xs {
                let cell = &buf[(x, y as u16)];
                if cell.symbol().trim().is_empty() {
                    continue;
                }
                assert!(
                    cell.modifier.contains(Modifier::DIM),
                    "row {y} col {x}: {row}"
                );
            }
        }
    }
    assert!(folds > 0, "{shown}");
    assert!(shown.lines().last().is_some_and(|l| l.contains("│ folded")));
    shown
}

#[test]
fn folded_80x24() {
    insta::assert_snapshot!(folded(80, 24));
}

#[test]
fn folded_121x40() {
    insta::assert_snapshot!(folded(121, 40));
}

/// The apparatus panel follows the apparatus's model: a note one witness reads with its halves
/// swapped is its place's reading `inv.` and the swapped halves, and a sentence swapped with
/// its neighbour inside a line is a transposition, `⇄` and the line where that witness has it
/// (markup shown, as an inversion is `markup`).
#[test]
fn the_apparatus_panel_shows_inversions_and_swapped_sentences() {
    use duizhao::testkit::source;
    let base = "#+TITLE: 試\n孔子初仕(中都/魯邑)為宰¶\n天下大亂。民不聊生。其後如何。¶\n";
    let swapped = "#+TITLE: 試\n孔子初仕(魯邑/中都)為宰¶\n民不聊生。天下大亂。其後如何。¶\n";
    for size in [(80, 24), (101, 31)] {
        let mut a = App::new(
            vec![
                source("a.txt", base),
                source("b.txt", swapped),
                source("c.txt", base),
            ],
            Pair::new(0, 1),
            Widths::default(),
            size,
        );
        // Show every class: `f`, down to `markup` (the ninth row), toggle, close.
        press(&mut a, "fjjjjjjjj fa");
        let shown = text(&screen(&a, COLOR));
        let row = |needle: &str| {
            shown
                .lines()
                .find(|l| l.contains(" l.") && l.contains(needle))
                .unwrap_or_else(|| panic!("no place row with {needle}:\n{shown}"))
                .to_string()
        };
        // The panel writes a reading's normalised text (markup left out).
        let inversion = row("中都魯邑");
        assert!(inversion.contains("inv. 魯邑中都 B"), "{inversion}");
        assert!(inversion.contains("中都魯邑 AC"), "{inversion}");
        let swap = row("天下大亂");
        assert!(swap.contains("⇄ l.3 B"), "{swap}");
        assert!(shown.contains(" apparatus: 2 places against A "), "{shown}");
    }
    // One place is one place.
    let one = "天下大亂。民不聊生。其後如何。\n";
    let other = "民不聊生。天下大亂。其後如何。\n";
    let mut a = App::new(
        vec![source("a.txt", one), source("b.txt", other)],
        Pair::new(0, 1),
        Widths::default(),
        (80, 24),
    );
    press(&mut a, "a");
    let shown = text(&screen(&a, COLOR));
    assert!(shown.contains(" apparatus: 1 place against A "), "{shown}");
}
