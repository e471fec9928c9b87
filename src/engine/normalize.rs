//! Normalisation for comparison, with a map back to the original text.
//!
//! Layout carries no reading, so the comparison runs on a normalised copy of each text:
//!
//! * white space is dropped (spaces between CJK characters, line breaks inside a paragraph, a
//!   paragraph split by a page break: `历史\n\n观` compares as `历史观`), except that one space is
//!   kept where it separates two words of a spaced script (`Li Qiang` stays two words);
//! * Markdown heading markers at the start of a line (`# `, `## `) are layout, not text;
//! * full-width letters and digits fold to their ASCII forms (`２０２３` = `2023`).
//!
//! Punctuation is kept: `、` against `，` is a real variant. Every normalised character records
//! the index (in Unicode scalar values) of the original character it came from, so differences
//! found on the normalised text map back to exact spans of the decoded source.

use crate::text::chars::{fold_width, space_is_significant};

/// A normalised text and its map back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised characters.
    pub chars: Vec<char>,
    /// For each normalised character, the index of the original character it stands for.
    pub orig: Vec<u32>,
    /// The length of the original text, in characters.
    pub orig_len: usize,
}

impl Normalized {
    /// The number of normalised characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether the normalised text is empty.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The normalised text of `range` as a string.
    pub fn text(&self, range: std::ops::Range<usize>) -> String {
        self.chars[range].iter().collect()
    }

    /// Maps a normalised range to an original character range.
    ///
    /// A non-empty range covers everything from its first character to its last, including any
    /// white space in between. An empty range at `p` maps to the place just after the original
    /// character before it (or to the start of the text).
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if range.start < range.end {
            let start = self.orig[range.start] as usize;
            let end = self.orig[range.end - 1] as usize + 1;
            start..end
        } else if range.start == 0 {
            0..0
        } else {
            let p = self.orig[range.start - 1] as usize + 1;
            p..p
        }
    }
}

/// Normalises `text` for comparison.
pub fn normalize(text: &str) -> Normalized {
    let mut chars = Vec::with_capacity(text.len() / 2);
    let mut orig = Vec::with_capacity(text.len() / 2);
    // Index of the first white-space character of the pending run, if any.
    let mut pending_space: Option<u32> = None;
    let mut at_line_start = true;
    let mut iter = text.chars().enumerate().peekable();
    let mut orig_len = 0;
    while let Some((i, c)) = iter.next() {
        orig_len = i + 1;
        if c.is_whitespace() {
            pending_space.get_or_insert(i as u32);
            if c == '\n' {
                at_line_start = true;
            }
            continue;
        }
        if at_line_start && c == '#' {
            // A Markdown heading marker: up to six '#' then a space or tab.
            let mut look = iter.clone();
            let mut hashes = 1;
            while let Some(&(_, '#')) = look.peek() {
                hashes += 1;
                look.next();
            }
            if hashes <= 6 && matches!(look.peek(), Some(&(_, ' ' | '\t'))) {
                iter = look;
                pending_space.get_or_insert(i as u32);
                at_line_start = false;
                continue;
            }
        }
        at_line_start = false;
        let c = fold_width(c);
        if let (Some(space_at), Some(&before)) = (pending_space.take(), chars.last())
            && space_is_significant(before, c)
        {
            chars.push(' ');
            orig.push(space_at);
        }
        chars.push(c);
        orig.push(i as u32);
    }
    Normalized {
        chars,
        orig,
        orig_len,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).chars.iter().collect()
    }

    #[test]
    fn drops_layout_white_space() {
        assert_eq!(norm("新华社北京 12 月 28 日电"), "新华社北京12月28日电");
        assert_eq!(norm("以正确的历史\n\n观、大局观"), "以正确的历史观、大局观");
        assert_eq!(norm("  中央\u{3000}外事 \r\n"), "中央外事");
    }

    #[test]
    fn keeps_one_space_between_spaced_words() {
        assert_eq!(norm("Li  Qiang,\n\nZhao Leji"), "Li Qiang,Zhao Leji");
        assert_eq!(norm("Xi Jinping 习近平 2023 年"), "Xi Jinping习近平2023年");
        assert_eq!(norm("Ли\nЦян"), "Ли Цян");
    }

    #[test]
    fn folds_full_width_letters_and_digits_only() {
        assert_eq!(norm("２０２３年ＡＢｃ"), "2023年ABc");
        assert_eq!(norm("，、（）"), "，、（）");
    }

    #[test]
    fn markdown_heading_markers_are_layout() {
        assert_eq!(norm("# 标题\n正文#号\n## 小标题"), "标题正文#号小标题");
        assert_eq!(norm("#hashtag"), "#hashtag");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let n = normalize("历史\n\n观 A B");
        assert_eq!(n.orig, vec![0, 1, 4, 6, 7, 8]);
        assert_eq!(n.original_range(1..3), 1..5);
        assert_eq!(n.original_range(3..3), 5..5);
        assert_eq!(n.original_range(0..0), 0..0);
        assert_eq!(n.orig_len, 9);
    }
}
