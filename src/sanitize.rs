//! Making untrusted text safe to print.
//!
//! Sources are pasted and scraped text; file names and command-line values are untrusted too.
//! Nothing from them may reach a terminal as a control sequence, and nothing invisible may be
//! silently dropped: control characters (C0, DEL, C1) and invisible format characters (bidi
//! controls, zero-width characters, the byte-order mark) are shown as `⟨U+XXXX⟩`.

use std::borrow::Cow;
use unicode_general_category::{GeneralCategory, get_general_category};

/// Whether `c` must never be printed raw: a control character, or an invisible format
/// character (bidi controls, zero-width characters, U+FEFF …).
pub fn is_hidden(c: char) -> bool {
    match c {
        ' '..='~' => false,
        // CJK punctuation, kana, ideographs and Hangul hold no control or format character.
        '\u{3000}'..='\u{D7FF}' => false,
        _ => matches!(
            get_general_category(c),
            GeneralCategory::Control | GeneralCategory::Format
        ),
    }
}

/// `s` with every hidden character (line breaks and tabs included) written as `⟨U+XXXX⟩`.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_hidden(c) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_controls_and_invisible_format_characters() {
        for c in [
            '\u{1b}', '\n', '\r', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200b}',
            '\u{200d}', '\u{feff}', '\u{2060}',
        ] {
            assert!(is_hidden(c), "{:?}", c);
        }
        for c in ['a', ' ', '中', '，', '“', 'é', '😀'] {
            assert!(!is_hidden(c), "{:?}", c);
        }
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
