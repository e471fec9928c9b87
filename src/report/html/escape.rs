//! Escaping for the page: every character from a source or a file name is written as text,
//! never as markup (`& < > " '` as entities), and control and invisible characters as
//! `⟨U+XXXX⟩` markers ([`marker`]): marker elements (`<span class="ctl">`) in text, marker text
//! in an attribute. A source's text keeps its line breaks and tabs ([`Mode::Body`]); a cell
//! shows a span on one line ([`cell`], [`context`]).

use crate::report::{SpanInfo, abridged, one_line};
use crate::text::chars::is_hidden;
use crate::text::sanitize::marker;
use std::fmt::Write as _;

/// How text is escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A source's text laid out as it is: line breaks and tabs kept (a CR before a LF
    /// dropped), other hidden characters as marker elements.
    Body,
    /// One line: every hidden character (line breaks too) as a marker element.
    Line,
    /// An attribute value: every hidden character as marker text.
    Attr,
}

/// Appends `c` escaped for HTML in `mode`; `next` is the character after it (a CR before a LF
/// is a line break of its own in a body).
pub(super) fn push_char(out: &mut String, c: char, next: Option<char>, mode: Mode) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\n' | '\t' if mode == Mode::Body => out.push(c),
        '\r' if mode == Mode::Body && next == Some('\n') => {}
        c if is_hidden(c) => {
            if mode == Mode::Attr {
                out.push_str(&marker(c));
            } else {
                let _ = write!(out, "<span class=\"ctl\">{}</span>", marker(c));
            }
        }
        c => out.push(c),
    }
}

/// `s` escaped for HTML in `mode`.
pub(super) fn escaped(s: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        push_char(&mut out, c, chars.peek().copied(), mode);
    }
    out
}

/// One line of untrusted text (a label, a path, a warning) as HTML.
pub(super) fn line(s: &str) -> String {
    escaped(s, Mode::Line)
}

/// A span's text for a list or table cell: white space runs as one space (a span of nothing
/// but white space shows it: `␣`, `⏎`, `⇥`), hidden characters as markers, abridged to its
/// head and tail when long; `‸` when empty.
pub(super) fn cell(span: &SpanInfo) -> String {
    let len = span.end.saturating_sub(span.start);
    if len == 0 {
        return "<span class=\"gap\" title=\"nothing here\">‸</span>".to_string();
    }
    if span.text.chars().all(char::is_whitespace) {
        let shown: String = span
            .text
            .chars()
            .map(|c| match c {
                '\n' => '⏎',
                '\t' => '⇥',
                '\r' => '␍',
                _ => '␣',
            })
            .collect();
        return format!("<span class=\"ws\">{shown}</span>");
    }
    let flat = |s: &str| one_line(s, false, |out, c| push_char(out, c, None, Mode::Line));
    abridged(span, flat, |len| {
        format!("<span class=\"more\">({len} chars)</span>")
    })
}

/// A span in bold with `CONTEXT` characters either side.
pub(super) fn context(span: &SpanInfo) -> String {
    let (before, after) = span.context();
    let shown = |s: &str| escaped(&s.replace(char::is_whitespace, " "), Mode::Line);
    let (before, after) = (shown(before), shown(after));
    format!("{before}<b>{}</b>{after}", cell(span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_is_one_line_break_and_a_bare_cr_is_shown() {
        assert_eq!(
            escaped("a\r\nb\rc", Mode::Body),
            "a\nb<span class=\"ctl\">⟨U+000D⟩</span>c"
        );
    }
}
