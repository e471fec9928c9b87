//! Whole-pipeline self-checks on arbitrary bytes, shared by the fuzz targets (`fuzz/`) and the
//! test that replays their corpus (`tests/fuzz_corpus.rs`). Each panics when an invariant
//! breaks, which is what a fuzzer looks for.

use crate::app::{App, Input, Key};
use crate::compare::compare;
use crate::pair::Pair;
use crate::report::{Report, to_json};
use crate::source::{Source, decode};
use crate::ui::{Theme, render};
use crate::width::Widths;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Splits fuzz input into two byte strings at a place chosen by its first byte.
fn split(data: &[u8]) -> (&[u8], &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return (&[], &[]);
    };
    let at = (first as usize * rest.len()) / 255;
    rest.split_at(at.min(rest.len()))
}

fn source(bytes: &[u8], name: &str) -> Option<Source> {
    let decoded = decode(bytes).ok()?;
    Some(Source::from_text(
        name,
        name,
        decoded.encoding,
        decoded.text,
        decoded.warnings,
    ))
}

/// decode → normalise → align → hotspots → report: spans in bounds and in order, hotspots
/// rebuild the right text from the left, the report is valid JSON with nothing hidden raw.
pub fn engine(data: &[u8]) {
    let (a, b) = split(data);
    let (Some(a), Some(b)) = (source(a, "a"), source(b, "b")) else {
        return;
    };
    let c = compare(&a.text, &b.text);
    assert!((0.0..=1.0).contains(&c.similarity));
    let mut prev = Pair::new(0, 0);
    let mut rebuilt = Vec::new();
    let mut at = 0;
    for h in &c.hotspots {
        assert!(h.span.left.start >= prev.left && h.span.right.start >= prev.right);
        assert!(h.span.left.end <= a.char_len() && h.span.right.end <= b.char_len());
        assert!(!h.norm.left.is_empty() || !h.norm.right.is_empty());
        prev = Pair::new(h.span.left.end, h.span.right.end);
        rebuilt.extend_from_slice(&c.norm.left.chars[at..h.norm.left.start]);
        rebuilt.extend_from_slice(&c.norm.right.chars[h.norm.right.clone()]);
        at = h.norm.left.end;
    }
    rebuilt.extend_from_slice(&c.norm.left.chars[at..]);
    assert_eq!(
        rebuilt, c.norm.right.chars,
        "hotspots do not rebuild the right text"
    );
    let json = to_json(&Report::new(Pair::new(&a, &b), &c));
    assert!(!json.chars().any(crate::sanitize::is_hidden));
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
}

/// The viewer at a size and setting chosen by the input: every row of the rendered screen
/// adds up to the terminal's width, no cell holds a control character, the divider stays in
/// its column, through a few keys and a resize.
pub fn layout(data: &[u8]) {
    if data.len() < 3 {
        return;
    }
    let w = 1 + data[0] as u16 % 160;
    let h = 1 + data[1] as u16 % 50;
    let widths = Widths {
        ambiguous_wide: data[2] & 1 == 1,
    };
    let (a, b) = split(&data[3..]);
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let sources = vec![
        Source::from_text("a", "a", "UTF-8", text(a), vec![]),
        Source::from_text("b", "b", "UTF-8", text(b), vec![]),
    ];
    let mut app = App::new(sources, Pair::new(0, 1), widths, (w, h));
    let keys = [
        Key::Char('n'),
        Key::Char('G'),
        Key::Char('p'),
        Key::Char('?'),
    ];
    for (i, key) in keys.into_iter().enumerate() {
        check_screen(&app, w, h);
        app.update(Input::Key(key));
        if i == 1 {
            app.update(Input::Resize(w / 2 + 1, h + 3));
            check_screen(&app, w / 2 + 1, h + 3);
            app.update(Input::Resize(w, h));
        }
    }
    check_screen(&app, w, h);
}

fn check_screen(app: &App, w: u16, h: u16) {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    render(app, Theme { color: true }, area, &mut buf);
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let cell = &buf[(x, y)];
            let symbol = cell.symbol();
            assert!(
                !symbol.chars().any(|c| c.is_control()),
                "control character in cell {x},{y}: {symbol:?}"
            );
            let width = match cell.diff_option {
                ratatui::buffer::CellDiffOption::ForcedWidth(f) => f.get(),
                _ => crate::width::buffer_width(symbol).max(1) as u16,
            };
            x += width;
        }
        assert_eq!(x, w, "row {y} is {x} columns wide, not {w}");
    }
    if app.usable() && app.mode == crate::app::Mode::Normal {
        let x_div = App::pane_widths((w, h), app.widths).left as u16;
        for y in 1..h - 1 {
            assert_eq!(
                buf[(x_div, y)].symbol(),
                crate::ui::DIVIDER,
                "divider on row {y}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_pass_on_ordinary_input() {
        let mut data = vec![128u8];
        data.extend("坚决反对一切霸权政治和霸凌行径。\n".as_bytes());
        data.extend("坚决反对一切强权政治和霸凌行径。\n".as_bytes());
        engine(&data);
        let mut data = vec![80u8, 24, 0, 128];
        data.extend("中文 text\t😀 e\u{301}\u{1b}[2J".as_bytes());
        layout(&data);
        engine(&[]);
        layout(&[]);
    }
}
