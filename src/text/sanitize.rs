//! Making untrusted text safe to print.
//!
//! Sources are pasted and scraped text; file names and command-line values are untrusted too.
//! Nothing from them may reach a terminal as a control sequence, and nothing invisible may be
//! silently dropped: control characters (C0, DEL, C1) and invisible format characters (bidi
//! controls, zero-width characters, the byte-order mark) and the line and paragraph
//! separators U+2028/U+2029 are shown as `⟨U+XXXX⟩`.

use crate::text::chars::{is_hidden, is_pictographic, is_unassigned};
use std::borrow::Cow;

/// Whether `c` is written as a `⟨U+XXXX⟩` marker: a hidden character, or one unassigned to
/// Unicode (whose width on a terminal nobody knows).
pub fn marked(c: char) -> bool {
    is_hidden(c) || is_unassigned(c)
}

/// `s` with every hidden or unassigned character (line breaks and tabs included) written as
/// `⟨U+XXXX⟩`.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(marked) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if marked(c) {
            out.push_str(&marker(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The visible marker for a hidden character.
pub fn marker(c: char) -> String {
    format!("⟨U+{:04X}⟩", c as u32)
}

/// How one grapheme cluster of a source is shown on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown<'a> {
    /// The text to draw (never a control or format character, except the joiners inside an
    /// emoji sequence).
    pub text: Cow<'a, str>,
    /// Whether it stands for something invisible (a control or format character, or a
    /// combining mark with nothing to combine with), so it can be drawn dimmed.
    pub marker: bool,
}

/// The visible form of a grapheme cluster. C0 controls become their Control Pictures (ESC is
/// `␛`, a bare CR is `␍`), DEL is `␡`, other hidden characters (C1 controls, bidi controls,
/// zero-width characters, U+FEFF) and unassigned code points (U+0378, U+FFFE) become
/// `⟨U+XXXX⟩`; a lone combining mark is drawn on `◌`.
/// Line breaks and tabs are the layout's business and are not passed here.
pub fn shown(g: &str) -> Shown<'_> {
    let mut chars = g.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.next().is_none() {
        // Most of any text: a printable character that is a cluster on its own.
        if crate::text::chars::stands_alone(first) {
            return Shown {
                text: Cow::Borrowed(g),
                marker: false,
            };
        }
        let picture = match first as u32 {
            0x00..=0x1F => char::from_u32(0x2400 + first as u32),
            0x7F => Some('\u{2421}'),
            _ => None,
        };
        if let Some(p) = picture {
            return Shown {
                text: Cow::Owned(p.to_string()),
                marker: true,
            };
        }
    }
    if g.chars().any(marked) {
        // An emoji sequence is one picture: its joiners, each between two parts of it, and the
        // emoji presentation selector after a picture or before a keycap, are part of it.
        const KEYCAP: char = '\u{20E3}';
        let chars: Vec<char> = g.chars().collect();
        let selector = |i: usize| {
            chars[i] == '\u{FE0F}'
                && ((i > 0 && is_pictographic(chars[i - 1])) || chars.get(i + 1) == Some(&KEYCAP))
        };
        let part = |i: usize| !is_hidden(chars[i]) || selector(i);
        let joined = (0..chars.len()).all(|i| match chars[i] {
            '\u{200D}' => i > 0 && i + 1 < chars.len() && part(i - 1) && part(i + 1),
            _ => part(i),
        });
        let emoji = joined && chars.iter().any(|&c| is_pictographic(c) || c == KEYCAP);
        if !emoji {
            let text = escape(g);
            // A combining mark with nothing to combine with is drawn on a dotted circle, so it
            // cannot attach to the cell before it.
            let bare = text
                .chars()
                .next()
                .is_some_and(|c| unicode_width::UnicodeWidthChar::width(c) == Some(0));
            return Shown {
                text: if bare {
                    Cow::Owned(format!("◌{text}"))
                } else {
                    text
                },
                marker: true,
            };
        }
    }
    if unicode_width::UnicodeWidthStr::width(g) == 0 {
        return Shown {
            text: Cow::Owned(format!("◌{g}")),
            marker: true,
        };
    }
    Shown {
        text: Cow::Borrowed(g),
        marker: false,
    }
}

/// `s` as one line: each run of white space one space (none at the start, one at the end only
/// if `keep_last_space`), every other character written by `push` (which escapes it as the
/// output needs). The one white-space folding of the crate: report cells, the viewer's lists,
/// quotes and panel, a web page's title.
pub fn one_line(s: &str, keep_last_space: bool, mut push: impl FnMut(&mut String, char)) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        push(&mut out, c);
    }
    if keep_last_space && space && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// `s` as one line, each run of white space one space, none at either end ([`one_line`] with
/// every other character as it is).
pub fn folded(s: &str) -> String {
    one_line(s, false, |out, c| out.push(c))
}

/// A reading as a message or a panel row names it: one line ([`folded`]), escaped, at most
/// `max` characters (`…` after a cut); `∅` when it is empty, `␣` when it is only white space.
pub fn brief(s: &str, max: usize) -> String {
    if s.is_empty() {
        return "∅".to_string();
    }
    let one = folded(s);
    if one.is_empty() {
        return "␣".to_string();
    }
    let cut: String = one.chars().take(max).collect();
    let more = if one.chars().count() > max { "…" } else { "" };
    format!("{}{more}", escape(&cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brief_readings() {
        assert_eq!(brief("", 4), "∅");
        assert_eq!(brief(" \n", 4), "␣");
        assert_eq!(brief("a \n b", 4), "a b");
        assert_eq!(brief("一二三四五", 4), "一二三四…");
        assert_eq!(brief("\u{1b}[2J", 8), "⟨U+001B⟩[2J");
    }

    #[test]
    fn shown_forms() {
        let t = |g| shown(g).text.into_owned();
        assert_eq!(t("\u{1b}"), "␛");
        assert_eq!(t("\r"), "␍");
        assert_eq!(t("\u{7f}"), "␡");
        assert_eq!(t("\u{9b}"), "⟨U+009B⟩");
        assert_eq!(t("\u{202e}"), "⟨U+202E⟩");
        assert_eq!(t("\u{200b}"), "⟨U+200B⟩");
        assert_eq!(t("\u{301}"), "◌\u{301}");
        assert_eq!(t("中"), "中");
        assert!(!shown("中").marker && shown("\u{1b}").marker);
        assert_eq!(t("👨\u{200d}👩\u{200d}👧"), "👨\u{200d}👩\u{200d}👧");
        assert_eq!(t("😀\u{200d}"), "😀⟨U+200D⟩");
        assert_eq!(t("\u{301}\u{200c}"), "◌\u{301}⟨U+200C⟩");
        // Default-ignorable characters a terminal draws as nothing are shown.
        assert_eq!(t("a\u{34f}"), "a⟨U+034F⟩");
        assert_eq!(t("中\u{fe0f}"), "中⟨U+FE0F⟩");
        assert_eq!(t("中\u{e0100}"), "中⟨U+E0100⟩");
        assert!(shown("a\u{34f}").marker);
        // The emoji presentation selector after a picture is part of the picture.
        assert_eq!(t("❤\u{fe0f}"), "❤\u{fe0f}");
        assert!(!shown("❤\u{fe0f}").marker);
        // Unassigned code points and noncharacters: no one knows their width on a terminal.
        for (c, m) in [
            ('\u{378}', "⟨U+0378⟩"),
            ('\u{5FF}', "⟨U+05FF⟩"),
            ('\u{FFFE}', "⟨U+FFFE⟩"),
            ('\u{FFFF}', "⟨U+FFFF⟩"),
            ('\u{10FFFF}', "⟨U+10FFFF⟩"),
        ] {
            let g = c.to_string();
            assert_eq!(shown(&g).text, m);
            assert!(shown(&g).marker);
            assert_eq!(escape(&format!("a{c}b")), format!("a{m}b"));
        }
        // Private use is drawn as it is (fonts for gaiji use it).
        assert_eq!(t("\u{E000}"), "\u{E000}");
    }

    #[test]
    fn escapes_to_one_visible_line() {
        assert_eq!(
            escape("no\nsuch\u{1b}[2J.txt"),
            "no⟨U+000A⟩such⟨U+001B⟩[2J.txt"
        );
        assert!(matches!(escape("普通.txt"), Cow::Borrowed(_)));
    }
}
