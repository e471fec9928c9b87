//! The view sections: where the two texts of a pair correspond, read once from their
//! comparison, for every view that sets them side by side. The terminal viewer lays its rows out
//! section by section and cuts them at the same sentence and clause starts ([`Anchors`]); the
//! HTML report's rows are the same sections ([`Aligned`]). This layer sits below both: it reads
//! the engine's comparison and the sources, and never the viewer or the reports.

mod aligned;
mod anchors;

pub use aligned::Aligned;
pub use anchors::{
    Anchors, Cut, SOFT_BREAK_MARK, SoftBreak, Unit, anchors, row_may_start, visible_start,
};
