//! Display width: the one place that measures how many terminal columns text takes.
//!
//! Widths are per grapheme cluster (a base character with its combining marks, an emoji ZWJ
//! sequence), from `unicode-width`, as terminals and ratatui count them: CJK and other wide
//! characters take 2 columns. East Asian *ambiguous* characters (“ ” ‘ ’ … — ·) take 1 column
//! by default, or 2 with `ambiguous_wide`, for terminals set up to draw them wide.

use crate::text::chars::graphemes;
use unicode_width::UnicodeWidthStr;

/// How to count columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Widths {
    /// Count East Asian ambiguous characters as 2 columns.
    pub ambiguous_wide: bool,
}

impl Widths {
    /// Columns taken by one grapheme cluster.
    pub fn grapheme(self, g: &str) -> usize {
        if let Some(w) = plain_width(g) {
            return w;
        }
        if self.ambiguous_wide {
            g.width_cjk()
        } else {
            g.width()
        }
    }

    /// Columns taken by a string.
    pub fn str(self, s: &str) -> usize {
        graphemes(s).map(|g| self.grapheme(g)).sum()
    }

    /// `glyph` if it takes one column under this setting, else the ASCII `fallback` (box
    /// drawing characters are East Asian ambiguous: two columns with `ambiguous_wide`).
    pub fn narrow(self, glyph: &'static str, fallback: &'static str) -> &'static str {
        if self.str(glyph) == 1 {
            glyph
        } else {
            fallback
        }
    }

    /// The longest prefix of `s` that fits in `max` columns, and its width.
    pub fn truncate(self, s: &str, max: usize) -> (&str, usize) {
        let (mut used, mut i) = (0, 0);
        for g in graphemes(s) {
            let w = self.grapheme(g);
            if used + w > max {
                return (&s[..i], used);
            }
            used += w;
            i += g.len();
        }
        (s, used)
    }
}

/// The width of a lone character that is never East Asian ambiguous and always one or two
/// columns (ASCII, Han, kana, Hangul syllables, full-width forms): most of any text, counted
/// without a table lookup.
fn plain_width(g: &str) -> Option<usize> {
    let mut chars = g.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    match c as u32 {
        0x20..=0x7E => Some(1),
        0x3041..=0x3096 | 0x30A1..=0x30FA | 0x3400..=0x4DBF | 0x4E00..=0x9FFF => Some(2),
        0xAC00..=0xD7A3 | 0xFF01..=0xFF60 => Some(2),
        _ => None,
    }
}

/// The width ratatui's buffer assumes for a grapheme (unicode-width's narrow count), so the
/// renderer can force a cell's width where [`Widths`] counts differently.
pub fn buffer_width(g: &str) -> usize {
    g.width()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The widths counted without a lookup are unicode-width's, in both settings.
    #[test]
    fn plain_widths_are_unicode_width_s() {
        let mut checked = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let g = c.to_string();
            if let Some(w) = plain_width(&g) {
                assert_eq!(Some(w), Some(g.width()), "{c:?}");
                assert_eq!(w, g.width_cjk(), "{c:?}");
                checked += 1;
            }
        }
        assert!(checked > 30_000, "{checked}");
    }

    #[test]
    fn cjk_is_wide_ascii_narrow() {
        let w = Widths::default();
        assert_eq!(w.str("中文"), 4);
        assert_eq!(w.str("ab"), 2);
        assert_eq!(w.str("，。"), 4);
        assert_eq!(w.grapheme("e\u{301}"), 1);
    }

    #[test]
    fn ambiguous_characters_follow_the_setting() {
        assert_eq!(Widths::default().str("“…”"), 3);
        assert_eq!(
            Widths {
                ambiguous_wide: true
            }
            .str("“…”"),
            6
        );
        assert_eq!(
            Widths {
                ambiguous_wide: true
            }
            .str("中a"),
            3
        );
    }

    #[test]
    fn halfwidth_sound_marks_take_a_column() {
        assert_eq!(Widths::default().str("ｶﾞ"), 2);
    }

    #[test]
    fn truncate_never_splits_a_wide_character() {
        let w = Widths::default();
        assert_eq!(w.truncate("中文字", 5), ("中文", 4));
        assert_eq!(w.truncate("ab", 5), ("ab", 2));
    }
}
