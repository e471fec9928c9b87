//! Highlights in a source's text: [`Mark`]s (a hotspot or a place, with its id, its class and
//! the number linking to its entry) laid over the escaped text, and the text cut into pieces
//! (rows, chunks) with the tags always nesting ([`marked`]).

use super::escape::{Mode, escaped, push_char};
use crate::source::Source;
use std::cmp::Reverse;
use std::fmt::Write as _;
use std::ops::Range;

/// A highlight in a text.
#[derive(Debug, Clone)]
pub(super) struct Mark {
    /// Its character range (empty: an insertion point, drawn as `‸`).
    pub(super) range: Range<usize>,
    /// The class it is toggled with (`wording`, …, or `place`).
    pub(super) class: &'static str,
    /// Further CSS classes (its kind).
    pub(super) extra: String,
    /// Its id, on its first piece.
    pub(super) id: String,
    /// Its tooltip (never source text; empty: none).
    pub(super) title: String,
    /// The number written before it and the id it links to.
    pub(super) note: Option<(usize, String)>,
}

impl Mark {
    /// Appends its opening tag: the first piece with its note, id and title, a continuation
    /// (after a row's start or a closed inner mark) without them.
    pub(super) fn open(&self, out: &mut String, first: bool) {
        if first && let Some((n, target)) = &self.note {
            let _ = write!(
                out,
                "<a class=\"note c-{}\" href=\"#{}\">{n}</a>",
                self.class,
                escaped(target, Mode::Attr)
            );
        }
        let gap = if self.range.is_empty() { " gap" } else { "" };
        let _ = write!(out, "<mark class=\"hl c-{}{gap} {}", self.class, self.extra);
        if first {
            let _ = write!(out, "\" id=\"{}", escaped(&self.id, Mode::Attr));
            if !self.title.is_empty() {
                let _ = write!(out, "\" title=\"{}", escaped(&self.title, Mode::Attr));
            }
            out.push_str("\">");
        } else {
            out.push_str(" cont\">");
        }
    }
}

/// `source`'s text cut into pieces at `cuts` (increasing character offsets, the first 0),
/// escaped, with `marks` highlighted. A mark a cut or another mark's end crosses is closed
/// there and opened again after it (without its id), so the tags always nest. An insertion
/// point is drawn at its offset, inside the marks open there.
pub(super) fn marked(source: &Source, marks: &[Mark], cuts: &[usize]) -> Vec<String> {
    let len = source.char_len();
    let clamp = |r: &Range<usize>| r.start.min(len)..r.end.clamp(r.start.min(len), len);
    let ranges: Vec<Range<usize>> = marks.iter().map(|m| clamp(&m.range)).collect();
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| (ranges[i].start, Reverse(ranges[i].end), i));
    let mut order = order.into_iter().peekable();
    let mut cuts = cuts.iter().skip(1).copied().peekable();
    let mut pieces = Vec::new();
    let mut out = String::new();
    let mut open: Vec<usize> = Vec::new();
    let mut chars = source.text.chars().peekable();
    for i in 0..=len {
        // Marks ending here close; the ones inside them that go on open again.
        if let Some(k) = open.iter().position(|&m| ranges[m].end <= i) {
            for _ in k..open.len() {
                out.push_str("</mark>");
            }
            let going_on: Vec<usize> = open.drain(k..).filter(|&m| ranges[m].end > i).collect();
            for m in going_on {
                marks[m].open(&mut out, false);
                open.push(m);
            }
        }
        // A new piece: the marks still open close before it and open again in it.
        while cuts.next_if(|&c| c <= i).is_some() {
            for _ in &open {
                out.push_str("</mark>");
            }
            pieces.push(std::mem::take(&mut out));
            for &m in &open {
                marks[m].open(&mut out, false);
            }
        }
        while let Some(m) = order.next_if(|&m| ranges[m].start <= i) {
            marks[m].open(&mut out, true);
            if ranges[m].is_empty() {
                out.push_str("</mark>");
            } else {
                open.push(m);
            }
        }
        if let Some(c) = chars.next() {
            push_char(&mut out, c, chars.peek().copied(), Mode::Body);
        }
    }
    for _ in &open {
        out.push_str("</mark>");
    }
    pieces.push(out);
    // Cuts past the end make empty pieces, so there is one per cut.
    pieces.resize(cuts.count() + pieces.len(), String::new());
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::html::tests::text_of;
    use crate::testkit::source;

    #[test]
    fn marks_crossing_cuts_and_nested_marks_stay_balanced() {
        let s = source("a.txt", "abcdefghij");
        let mark = |range: Range<usize>, id: &str| Mark {
            range,
            class: "wording",
            extra: String::new(),
            id: id.to_string(),
            title: String::new(),
            note: None,
        };
        let marks = [
            mark(1..8, "outer"),
            mark(2..4, "inner"),
            mark(3..6, "crossing"),
            mark(5..5, "gap"),
        ];
        let pieces = marked(&s, &marks, &[0, 4, 10]);
        assert_eq!(pieces.len(), 3);
        for p in &pieces {
            assert_eq!(
                p.matches("<mark").count(),
                p.matches("</mark>").count(),
                "{p}"
            );
            // Tags nest: never more closed than opened, reading left to right.
            let mut depth = 0i32;
            for (i, _) in p.match_indices('<') {
                if p[i..].starts_with("<mark") {
                    depth += 1;
                } else if p[i..].starts_with("</mark>") {
                    depth -= 1;
                }
                assert!(depth >= 0, "{p}");
            }
        }
        assert_eq!(text_of(&pieces.concat()), "abcdefghij");
        let all = pieces.concat();
        for id in ["outer", "inner", "crossing", "gap"] {
            assert_eq!(all.matches(&format!("id=\"{id}\"")).count(), 1, "{all}");
        }
        assert_eq!(text_of(&pieces[0]), "abcd");
        assert_eq!(pieces[2], "");
    }
}
