//! The rows of the HTML report's side-by-side view: each row starts where both texts begin
//! corresponding lines (the [`super::Anchors`]' sections), so a row holds the same passage of
//! both texts.

use super::anchors::anchors;
use crate::engine::compare::Comparison;
use crate::pair::Pair;
use crate::source::Source;

/// The two texts of a pair and where the rows of the side-by-side view start.
#[derive(Debug, Clone)]
pub struct Aligned<'a> {
    /// The two sources.
    pub texts: Pair<&'a Source>,
    /// Where each row starts on each side (character offsets, increasing on both sides, the
    /// first at 0).
    pub rows: Vec<Pair<usize>>,
}

impl<'a> Aligned<'a> {
    /// The rows of `texts` from their comparison `comparison` (every class of hotspot): the
    /// anchors' sections, where both texts begin corresponding lines.
    pub fn new(texts: Pair<&'a Source>, comparison: &Comparison) -> Self {
        Aligned::from_sections(texts, &anchors(texts, comparison).sections)
    }

    /// Rows starting at `sections` (the first row at 0 on both sides; a section that does not
    /// move on from the one before on both sides, or lies past a text's end, is skipped).
    pub fn from_sections(texts: Pair<&'a Source>, sections: &[Pair<usize>]) -> Self {
        let len = texts.map(Source::char_len);
        let mut rows = vec![Pair::new(0, 0)];
        for s in sections {
            let last = rows[rows.len() - 1];
            if s.left > last.left
                && s.right > last.right
                && s.left <= len.left
                && s.right <= len.right
            {
                rows.push(*s);
            }
        }
        Aligned { texts, rows }
    }
}
