//! What the alignment's stages pass on: a [`Change`], one difference between the two texts.

use std::ops::Range;

/// One difference: the left text `a` became the right text `b` (either may be empty).
///
/// In a list of changes, the changes are in order, do not overlap, and the text between two
/// consecutive changes (and before the first, and after the last) is equal on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The range in the left normalised text.
    pub a: Range<usize>,
    /// The range in the right normalised text.
    pub b: Range<usize>,
}

impl Change {
    /// The larger of the two sides' lengths.
    pub(crate) fn size(&self) -> usize {
        self.a.len().max(self.b.len())
    }
}
