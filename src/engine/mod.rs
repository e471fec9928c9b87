//! The comparison engine: from decoded texts to hotspots and the apparatus.
//!
//! * [`normalize`]: a comparison copy of each text without layout, mapped back to the original;
//! * [`words`]: word boundaries (jieba for Han runs, UAX #29 for the rest);
//! * [`align`]: anchors, then character differences in the gaps, made readable;
//! * [`compare`]: hotspots with kind, class and exact spans in both sources, and similarity;
//! * [`collate`]: the apparatus of all sources against a base: variant places and readings.
//!
//! The engine reads [`crate::text`] and [`crate::pair`] and nothing else of the crate: no
//! source loading, no report, no terminal (`tests/layering.rs` holds it to that).

pub mod align;
pub mod collate;
pub mod compare;
pub mod normalize;
pub mod words;
