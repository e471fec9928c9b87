//! Support for the tests, the benchmarks and the fuzz targets: plain sources, screens
//! rendered into a buffer and their cells walked as a terminal would, keys pressed, the
//! geometry rules computed independently of the viewer's own code, and whole-pipeline
//! self-checks on arbitrary bytes ([`selfcheck`]).
//!
//! Compiled for the crate's unit tests and with the `testkit` feature (which the integration
//! tests, benchmarks and fuzz targets enable); not part of the library otherwise.

use crate::pair::Pair;
use crate::source::Source;
use crate::text::width::buffer_width;
use crate::viewer::app::App;
use crate::viewer::keys::{Input, Key};
use crate::viewer::render::render;
use crate::viewer::theme::Theme;
use ratatui::buffer::{Buffer, CellDiffOption};
use std::ops::Range;
use std::path::PathBuf;

/// A file or folder of the shared corpus, `../shared/corpus/<path>` beside the project
/// (`hongloumeng/tennessine.txt`, `frankenstein`).
pub fn corpus(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(path)
}

/// A UTF-8 source named `name` (its path too) with `text`, as if loaded from a file.
pub fn source(name: &str, text: &str) -> Source {
    Source::from_text(name, name, "UTF-8", text.to_string(), Vec::new())
}

/// The viewer on the bundled samples, showing `shown` (0-based), in a terminal of `size`.
pub fn samples_app(shown: Pair<usize>, size: (u16, u16)) -> App {
    App::new(
        crate::source::samples(),
        shown,
        crate::text::width::Widths::default(),
        size,
    )
}

/// Presses each character of `keys` in turn.
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.update(Input::Key(Key::Char(c)));
    }
}

/// Presses `key`.
pub fn press_key(app: &mut App, key: Key) {
    app.update(Input::Key(key));
}

/// The screen the viewer shows now, rendered into a buffer of its terminal's size.
pub fn screen(app: &App, theme: Theme) -> Buffer {
    let area = app.screen.area;
    let mut buf = Buffer::empty(area);
    render(app, theme, area, &mut buf);
    buf
}

/// One glyph of a rendered row: its column, its symbol, and the columns it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glyph<'b> {
    /// The column it starts at.
    pub x: u16,
    /// The grapheme drawn.
    pub symbol: &'b str,
    /// The columns it takes, as a terminal counts them: the forced width where the renderer
    /// set one, else the symbol's width (at least one).
    pub width: u16,
}

/// The glyphs of columns `xs` of row `y`, walked as a terminal draws them: each glyph skips
/// the cells it covers.
pub fn glyphs(buf: &Buffer, y: u16, xs: Range<u16>) -> Vec<Glyph<'_>> {
    let mut out = Vec::new();
    let mut x = xs.start;
    while x < xs.end {
        let cell = &buf[(x, y)];
        let width = match cell.diff_option {
            CellDiffOption::ForcedWidth(w) => w.get(),
            _ => buffer_width(cell.symbol()).max(1) as u16,
        };
        out.push(Glyph {
            x,
            symbol: cell.symbol(),
            width,
        });
        x += width;
    }
    out
}

/// The text of columns `xs` of row `y`: its glyphs' symbols.
pub fn row_text(buf: &Buffer, y: u16, xs: Range<u16>) -> String {
    glyphs(buf, y, xs).iter().map(|g| g.symbol).collect()
}

/// The whole screen as text, one line per row.
pub fn screen_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in buf.area.top()..buf.area.bottom() {
        out.push_str(&row_text(buf, y, buf.area.left()..buf.area.right()));
        out.push('\n');
    }
    out
}

/// The divider's column on a terminal `cols` wide, by the documented rule and not by the
/// viewer's code: the divider takes one column (two when ambiguous characters are drawn
/// wide) and the left pane half of the rest, rounded down.
pub fn divider_column_by_rule(cols: u16, ambiguous_wide: bool) -> u16 {
    let divider = if ambiguous_wide { 2 } else { 1 };
    cols.saturating_sub(divider) / 2
}

/// Whole-pipeline self-checks on arbitrary bytes, shared by the fuzz targets (`fuzz/`) and the
/// test that replays their corpus (`tests/fuzz_corpus.rs`). Each panics when an invariant
/// breaks, which is what a fuzzer looks for.
pub mod selfcheck {
    use super::{divider_column_by_rule, glyphs, screen};
    use crate::engine::compare::{Class, Filter, compare};
    use crate::pair::Pair;
    use crate::report::PairReport;
    use crate::report::json::to_json;
    use crate::source::{Source, decode};
    use crate::text::width::Widths;
    use crate::viewer::app::App;
    use crate::viewer::keys::{Input, Key};
    use crate::viewer::theme::Theme;

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
            // Only markup and invisible characters are kept aside from the normalised texts:
            // only their hotspots may have nothing there, and then have text in a source.
            let aside = matches!(h.class, Class::Markup | Class::Invisible);
            assert!(!h.norm.left.is_empty() || !h.norm.right.is_empty() || aside);
            assert!(!h.span.left.is_empty() || !h.span.right.is_empty());
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
        let json = to_json(&PairReport::new(Pair::new(&a, &b), &c, &Filter::all()));
        assert!(!json.chars().any(crate::text::chars::is_hidden));
        assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    }

    /// A reading as a Markdown cell shows it, by the rule: white space runs one space (none at
    /// the start), hidden and unassigned characters as `⟨U+XXXX⟩`.
    fn folded_reading(text: &str) -> String {
        crate::text::sanitize::escape(&crate::text::sanitize::one_line(text, true, |out, c| {
            out.push(c)
        }))
        .into_owned()
    }

    /// The Markdown report of two byte strings, read back by a CommonMark parser (with GFM
    /// tables): no HTML but the `<b>` of a bold reading, no hidden character raw, and every
    /// short reading (at most 24 characters, which are never abridged) in bold exactly as its
    /// text reads.
    pub fn markdown(data: &[u8]) {
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
        let (a, b) = split(data);
        let (Some(a), Some(b)) = (source(a, "a.txt"), source(b, "b.txt")) else {
            return;
        };
        let c = compare(&a.text, &b.text);
        let report = PairReport::new(Pair::new(&a, &b), &c, &Filter::all());
        let md = crate::report::markdown::pair(&report);
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&report)).expect("the JSON report");
        let mut bold: Vec<String> = Vec::new();
        let mut open: Option<String> = None;
        for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
            match event {
                Event::Start(Tag::Strong) => open = Some(String::new()),
                Event::End(TagEnd::Strong) => bold.extend(open.take()),
                Event::InlineHtml(h) if &*h == "<b>" => open = Some(String::new()),
                Event::InlineHtml(h) if &*h == "</b>" => bold.extend(open.take()),
                Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in\n{md}"),
                Event::Text(t) | Event::Code(t) => {
                    assert!(
                        !t.chars().any(crate::text::chars::is_hidden),
                        "a hidden character raw: {t:?}"
                    );
                    if let Some(o) = open.as_mut() {
                        o.push_str(&t);
                    }
                }
                _ => {}
            }
        }
        // The report's rows are the JSON's hotspots, in order: each non-empty span is bold.
        let spans: Vec<&str> = json["hotspots"]
            .as_array()
            .expect("hotspots")
            .iter()
            .flat_map(|h| [&h["left"]["text"], &h["right"]["text"]])
            .filter_map(serde_json::Value::as_str)
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(bold.len(), spans.len(), "one bold reading a span:\n{md}");
        for (shown, span) in bold.iter().zip(&spans) {
            if span.chars().count() <= 24 {
                assert_eq!(shown, &folded_reading(span), "\n{md}");
            }
        }
    }

    /// The TEI apparatus of two byte strings, read back by an XML parser: well formed, no
    /// control or bidi character raw, every `xml:id` an XML name.
    pub fn tei(data: &[u8]) {
        use quick_xml::Reader;
        use quick_xml::events::Event;
        let (a, b) = split(data);
        let (Some(a), Some(b)) = (source(a, "a.txt"), source(b, "b.txt")) else {
            return;
        };
        let mut sources = vec![a, b];
        crate::source::assign_sigla(&mut sources, None).expect("default sigla");
        // As `--report tei --all` makes it.
        let xml = crate::report::produce::produce(
            &sources,
            Pair::new(0, 1),
            &crate::report::produce::Request {
                format: crate::report::produce::Format::Tei,
                all: true,
                units: false,
                markup: None,
                filter: Filter::default(),
                rules: crate::engine::style::Rules::new(),
            },
        );
        assert!(
            !xml.chars()
                .any(|c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                    || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
            "a control or bidi character raw"
        );
        let mut reader = Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(Event::Start(e) | Event::Empty(e)) => {
                    for attr in e.attributes() {
                        let attr = attr.expect("a well-formed attribute");
                        let key: &str = attr.key.as_ref();
                        if key == "xml:id" {
                            let id = attr.value.to_string();
                            assert!(crate::source::sigla::is_siglum(&id), "xml:id {id:?}");
                        }
                    }
                }
                Ok(_) => {}
                Err(e) => panic!("not well formed: {e}\n{xml}"),
            }
        }
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
        let sources = vec![super::source("a", &text(a)), super::source("b", &text(b))];
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
        let buf = screen(app, Theme::COLOR);
        for y in 0..h {
            let row = glyphs(&buf, y, 0..w);
            for g in &row {
                assert!(
                    !g.symbol.chars().any(|c| c.is_control()),
                    "control character in cell {},{y}: {:?}",
                    g.x,
                    g.symbol
                );
            }
            let x: u16 = row.iter().map(|g| g.width).sum();
            assert_eq!(x, w, "row {y} is {x} columns wide, not {w}");
        }
        if app.screen.usable && !app.overlay_open() {
            let x_div = divider_column_by_rule(w, app.widths.ambiguous_wide);
            for y in 1..h - 1 {
                assert_eq!(buf[(x_div, y)].symbol(), "│", "divider on row {y}");
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divider_rule_at_odd_and_even_widths() {
        assert_eq!(divider_column_by_rule(80, false), 39);
        assert_eq!(divider_column_by_rule(81, false), 40);
        assert_eq!(divider_column_by_rule(81, true), 39);
        assert_eq!(divider_column_by_rule(1, true), 0);
    }
}
