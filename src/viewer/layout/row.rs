//! The row model: a row of styled chunks exactly a pane wide, the look of each chunk (its
//! hotspot, marker, search match), and the marks a side's text carries (hotspot spans,
//! insertion points, search matches) that give cells their looks.

use crate::engine::compare::{Comparison, Kind, Stop};
use crate::pair::Side;
use crate::text::width::Widths;
use std::ops::Range;
/// Columns between tab stops.
pub const TAB: usize = 4;
/// The mark drawn where the other side has text this side lacks.
pub const INSERTION_MARK: &str = "‸";

/// How a chunk of a row is to be drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Look {
    /// The hotspot the chunk belongs to.
    pub hotspot: Option<u32>,
    /// A visible stand-in for something invisible, or the insertion mark.
    pub marker: bool,
    /// Padding that faces text only the other side has.
    pub filler: bool,
    /// Part of a search match.
    pub matched: bool,
    /// Part of a variant inside a moved passage: its stop number
    /// ([`Comparison::stop_number`]), so the current one can be drawn as current.
    pub inner: Option<u32>,
}

/// A run of cells with one look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// The text (only printable graphemes).
    pub text: String,
    /// Its width in columns.
    pub width: usize,
    /// How to draw it.
    pub look: Look,
}

/// One row of one pane, exactly the pane's width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Character offset in the source where the row's text starts.
    pub start: usize,
    /// The chunks, left to right.
    pub chunks: Vec<Chunk>,
}

impl Row {
    /// The row's text (for tests and plain rendering).
    pub fn text(&self) -> String {
        self.chunks.iter().map(|c| c.text.as_str()).collect()
    }

    /// The row's width.
    pub fn width(&self) -> usize {
        self.chunks.iter().map(|c| c.width).sum()
    }

    /// A padding row: blank, or hatched (`╱`, or `/` where `╱` would take two columns).
    pub fn filler(width: usize, hatched: bool, widths: Widths) -> Row {
        let look = Look {
            filler: hatched,
            ..Look::default()
        };
        let text = if hatched {
            widths.narrow("╱", "/")
        } else {
            " "
        }
        .repeat(width);
        Row {
            start: usize::MAX,
            chunks: vec![Chunk { text, width, look }],
        }
    }
}

/// What to mark on one side while laying it out.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Hotspot spans with text on this side, in order, with their hotspot index.
    pub(super) spans: Vec<(Range<usize>, u32)>,
    /// Places where the other side has text this side lacks.
    pub(super) insertions: Vec<(usize, u32)>,
    /// Search matches, in order.
    pub(super) matches: Vec<Range<usize>>,
    /// The variants inside moved passages with text on this side, in order, with their stop
    /// numbers.
    pub(super) inner: Vec<(Range<usize>, u32)>,
}

impl Marks {
    /// The marks of one side of a comparison, with that side's search matches.
    pub fn new(cmp: &Comparison, side: Side, matches: Vec<Range<usize>>) -> Marks {
        let mut marks = Marks {
            matches,
            ..Marks::default()
        };
        for (i, h) in cmp.hotspots.iter().enumerate() {
            let span = h.span.get(side);
            if span.is_empty() {
                if h.kind != Kind::Changed {
                    marks.insertions.push((span.start, i as u32));
                }
            } else {
                marks.spans.push((span.clone(), i as u32));
            }
        }
        marks.inner = (cmp.moves.iter().enumerate())
            .flat_map(|(k, m)| m.inner.iter().enumerate().map(move |(j, h)| (k, j, h)))
            .map(|(moved, inner, h)| {
                let stop = cmp.stop_number(Stop::Inner { moved, inner });
                (h.span.get(side).clone(), stop as u32)
            })
            .filter(|(s, _)| !s.is_empty())
            .collect();
        marks.inner.sort_by_key(|(s, _)| s.start);
        marks
    }
}
