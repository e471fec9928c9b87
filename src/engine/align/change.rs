//! What the alignment's stages pass on: a [`Change`], one difference between the two texts
//! (and [`RECURS`], when a difference recurs; `MIN_CHUNK`, how many are worth a thread).

use std::ops::Range;

/// A pair of readings that at least this many differences share recurs: the threshold of the
/// house-style patterns ([`crate::engine::style::MIN_COUNT`]) and of the split around them
/// (`readable::split_recurring`).
pub const RECURS: usize = 3;

/// The fewest gaps or changes worth a thread of their own.
pub(super) const MIN_CHUNK: usize = 512;

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
