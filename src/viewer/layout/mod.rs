//! The view model: both texts cut into synchronised sections, wrapped to pane widths and padded
//! into rows of styled chunks. Pure data, no terminal: the renderer only copies rows out.
//!
//! * **Sections.** A section starts where both sides begin corresponding text
//!   ([`crate::sections`]): each section is wrapped on its own and padded to the same
//!   height on both sides, so corresponding paragraphs start on the same row. Inside a
//!   paragraph, both sides are wrapped in step, hotspot by hotspot; where a hotspot's readings
//!   would land on different rows, a new section starts at the sentence start before it (else
//!   the clause start, else the start of its word, else the hotspot itself), padding the side
//!   that is behind with blank rows. So the two readings of every hotspot start on the same
//!   row, at every width.
//! * **Wrapping** is by display columns ([`crate::text::width`]), at the narrower pane's width
//!   on both sides (the same text wraps the same way on both): a wide character never splits
//!   and never overflows (the cell is padded instead); closing punctuation does not start a
//!   row when it can be avoided (the word or character before it moves down with it); words
//!   of spaced scripts wrap whole when they fit; a space that ends a row hangs there; tabs
//!   expand to the next tab stop. A line break that only one side has inside a paragraph is
//!   drawn as a dim `⏎` (or as a space between words), not as a new line. Every row is exactly
//!   the pane's width.
//! * **Looks.** Each chunk says which hotspot it belongs to, whether it is a marker for
//!   something invisible (or the place where the other side has text this side lacks), and
//!   whether it matches the search. The renderer turns looks into styles.
//!
//! Each side is wrapped once per pane width, keeping only where every row starts; a row is
//! laid out again from its start when it is drawn (a bounded cache keeps the recent ones), so
//! memory follows the text and not its number of lines.

mod cache;
mod row;
mod stepper;
mod sync;
mod wrap;

use crate::engine::compare::Comparison;
use crate::pair::{Pair, Side};
use crate::sections::{Anchors, row_may_start, visible_start};
use crate::source::Source;
use crate::text::chars::is_unspaced_script;
use crate::text::width::Widths;
use crate::work;
use cache::RowCache;
pub use row::{Chunk, INSERTION_MARK, Look, Marks, Row, TAB};
use std::ops::Range;
use std::sync::Arc;
use stepper::{SideText, wrap_side};
use sync::{Context, FirstRows, NOWHERE, SectionRows};
use wrap::{BLANK, NO_ROW, RowStart, Sink};

/// Both texts laid out for given pane widths.
///
/// Only where each row starts is kept (8 bytes a row): a row's cells are laid out again when it
/// is drawn, from its start, exactly as the first pass laid them out. So memory follows the
/// text, not its number of lines, and a new width costs one pass over the text.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The pane widths.
    pub width: Pair<usize>,
    /// Columns of text in a row on both sides: the narrower pane's width.
    wrap: usize,
    widths: Widths,
    sources: Pair<Arc<Source>>,
    marks: Pair<Marks>,
    anchors: Arc<Anchors>,
    starts: Pair<Vec<RowStart>>,
    sections: Vec<SectionRows>,
    cache: RowCache,
    /// Rows in the synchronised view.
    pub total: usize,
    /// For every hotspot, its first row on each side (synchronised view rows).
    pub hotspot_rows: Vec<Pair<Option<usize>>>,
    /// For every hotspot, whether each side lacks text the other side has there (an
    /// only-left or only-right hotspot, or a block on the other side): padding facing such
    /// text is hatched, padding facing anything else is blank.
    lacking: Pair<Vec<bool>>,
}

/// A row of one pane in the synchronised view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaneRow {
    /// A row of text.
    Text(Arc<Row>),
    /// Padding: blank, or hatched when it faces text only the other side has.
    Filler {
        /// Whether to hatch it.
        hatched: bool,
    },
}

impl Layout {
    /// Lays out both sources at the given pane widths, in sections from `anchors` (cut
    /// further wherever a hotspot's readings would land on different rows), with `marks` on
    /// each side.
    pub fn new(
        sources: Pair<Arc<Source>>,
        cmp: &Comparison,
        anchors: &Arc<Anchors>,
        width: Pair<usize>,
        widths: Widths,
        marks: Pair<Marks>,
    ) -> Layout {
        let n = cmp.hotspots.len();
        let end = sources.as_ref().map(|s| s.char_len());
        let wrap = width.left.min(width.right);
        let text = Pair::new(
            SideText {
                source: &sources.left,
                marks: &marks.left,
                soft: &anchors.soft.left,
            },
            SideText {
                source: &sources.right,
                marks: &marks.right,
                soft: &anchors.soft.right,
            },
        );
        let context = Context {
            text,
            wrap,
            pad: width,
            widths,
            cuts: &anchors.cuts,
            cmp,
            reading_at: cmp
                .hotspots
                .iter()
                .map(|h| {
                    Pair::new(
                        visible_start(&sources.left, &h.span.left),
                        visible_start(&sources.right, &h.span.right),
                    )
                })
                .collect(),
            after: cmp
                .hotspots
                .iter()
                .map(|h| {
                    Pair::new(
                        after_reading(&sources.left, h.span.left.end),
                        after_reading(&sources.right, h.span.right.end),
                    )
                })
                .collect(),
            visible: Pair::default(),
        };
        // The places a side stands at a reading's start (those of readings with text) and at
        // the first character after each reading.
        let visible = Pair::new(Side::Left, Side::Right).map(|side| {
            let mut places: Vec<usize> = cmp
                .hotspots
                .iter()
                .zip(&context.reading_at)
                .filter(|(h, _)| !h.span.get(side).is_empty())
                .map(|(_, at)| *at.get(side))
                .chain(context.after.iter().map(|a| *a.get(side)))
                .chain(
                    context
                        .reading_at
                        .iter()
                        .filter_map(|at| at.get(side).checked_sub(sync::LEAD)),
                )
                .filter(|&o| o != NOWHERE)
                .collect();
            places.sort_unstable();
            places.dedup();
            places
        });
        let context = Context { visible, ..context };
        let fallback = [Pair::new(0, 0)];
        let starts: &[Pair<usize>] = if anchors.sections.is_empty() {
            &fallback
        } else {
            &anchors.sections
        };
        // Two parts, each on its own thread: the sections before the middle of the left text
        // and those after it, with the hotspots in them.
        let middle = starts
            .partition_point(|s| s.left < end.left / 2)
            .clamp(1, starts.len());
        // The hotspots drawn in the first part: those starting on the left before the second
        // part's first section, and the insertion marks at its start drawn before it.
        let split_hotspot = starts.get(middle).map_or(n, |&s| {
            let before = cmp.hotspots.partition_point(|h| h.span.left.start < s.left);
            let insertions = &context.text.left.marks.insertions;
            let at_start = context.bounds(s).left.marks as usize
                - insertions.partition_point(|&(p, _)| p < s.left);
            before + at_start
        });
        let mut first_rows = Pair::new(vec![NO_ROW; n], vec![NO_ROW; n]);
        let (left_a, left_b) = first_rows.left.split_at_mut(split_hotspot);
        let (right_a, right_b) = first_rows.right.split_at_mut(split_hotspot);
        let context = &context;
        let (head, tail) = work::join(
            || {
                context.part(
                    &starts[..middle],
                    starts.get(middle).copied().unwrap_or(end),
                    FirstRows {
                        rows: Pair::new(left_a, right_a),
                        base: 0,
                    },
                )
            },
            || {
                (middle < starts.len()).then(|| {
                    context.part(
                        &starts[middle..],
                        end,
                        FirstRows {
                            rows: Pair::new(left_b, right_b),
                            base: split_hotspot,
                        },
                    )
                })
            },
        );
        // The tail's rows follow the head's.
        let mut row_starts = head.starts;
        let mut sections = head.sections;
        if let Some(tail) = tail {
            let shift = Pair::new(row_starts.left.len(), row_starts.right.len());
            for side in Side::BOTH {
                let s = *shift.get(side);
                for r in &mut first_rows.get_mut(side)[split_hotspot..] {
                    if *r != NO_ROW {
                        *r = ((*r & !BLANK) + s as u32) | (*r & BLANK);
                    }
                }
            }
            sections.extend(tail.sections.into_iter().map(|mut sec| {
                sec.first = Pair::new(sec.first.left + shift.left, sec.first.right + shift.right);
                sec
            }));
            row_starts.left.extend(tail.starts.left);
            row_starts.right.extend(tail.starts.right);
        }
        let mut global = 0;
        for sec in &mut sections {
            sec.global = global;
            global += sec.count.left.max(sec.count.right);
        }
        row_starts.left.shrink_to_fit();
        row_starts.right.shrink_to_fit();
        let lacking_on = |side: Side| -> Vec<bool> {
            let other = side.other();
            cmp.hotspots
                .iter()
                .map(|h| {
                    !h.span.get(other).is_empty()
                        && (h.span.get(side).is_empty() || h.is_block_on(other))
                })
                .collect()
        };
        let mut layout = Layout {
            width,
            wrap,
            widths,
            sources,
            marks,
            anchors: Arc::clone(anchors),
            starts: row_starts,
            sections,
            cache: RowCache::default(),
            total: global,
            hotspot_rows: Vec::new(),
            lacking: Pair::new(lacking_on(Side::Left), lacking_on(Side::Right)),
        };
        let row = |side: Side, r: u32| {
            (r != NO_ROW).then(|| layout.global_row(side, (r & !BLANK) as usize))
        };
        layout.hotspot_rows = (0..n)
            .map(|h| {
                Pair::new(
                    row(Side::Left, first_rows.left[h]),
                    row(Side::Right, first_rows.right[h]),
                )
            })
            .collect();
        layout
    }

    /// The layout of the same pair with the panes exchanged (the comparison mirrored), for
    /// panes `width` wide: both sides wrap at the narrower pane's width, so exchanging the
    /// sides' rows, sections and marks is that layout, with no text laid out again. `None`
    /// when the narrower width differs (the layout must be made anew).
    pub fn mirrored(&self, width: Pair<usize>) -> Option<Layout> {
        if width.left.min(width.right) != self.wrap {
            return None;
        }
        Some(Layout {
            width,
            wrap: self.wrap,
            widths: self.widths,
            sources: self.sources.clone().swapped(),
            marks: self.marks.clone().swapped(),
            anchors: Arc::new(self.anchors.mirrored()),
            starts: self.starts.clone().swapped(),
            sections: self
                .sections
                .iter()
                .map(|sec| SectionRows {
                    global: sec.global,
                    first: sec.first.swapped(),
                    count: sec.count.swapped(),
                    start: sec.start.swapped(),
                    end: sec.end.swapped(),
                })
                .collect(),
            cache: RowCache::default(),
            total: self.total,
            hotspot_rows: self.hotspot_rows.iter().map(|r| r.swapped()).collect(),
            lacking: self.lacking.clone().swapped(),
        })
    }

    /// Marks `matches` (search matches, character ranges on each side) instead of the last
    /// ones. Matches change how cells look, never where rows break, so nothing is wrapped
    /// again: only the rows drawn lately are forgotten.
    pub fn set_matches(&mut self, matches: Pair<Vec<Range<usize>>>) {
        let (left, right) = (matches.left, matches.right);
        self.marks.left.matches = left;
        self.marks.right.matches = right;
        self.cache = RowCache::default();
    }

    /// A layout of nothing (no rows), to stand in while the real one is made.
    pub fn empty() -> Layout {
        let nothing = Arc::new(Source::from_text(
            "",
            "",
            "UTF-8",
            String::new(),
            Vec::new(),
        ));
        Layout {
            width: Pair::new(0, 0),
            wrap: 0,
            widths: Widths::default(),
            sources: Pair::new(Arc::clone(&nothing), nothing),
            marks: Pair::default(),
            anchors: Arc::default(),
            starts: Pair::default(),
            sections: Vec::new(),
            cache: RowCache::default(),
            total: 0,
            hotspot_rows: Vec::new(),
            lacking: Pair::default(),
        }
    }

    /// The section holding a side's own row.
    fn section_of(&self, side: Side, row: usize) -> Option<&SectionRows> {
        let s = self
            .sections
            .partition_point(|sec| *sec.first.get(side) <= row)
            .saturating_sub(1);
        self.sections.get(s)
    }

    /// The synchronised-view row of a side's own row.
    pub fn global_row(&self, side: Side, row: usize) -> usize {
        self.section_of(side, row)
            .map_or(0, |sec| sec.global + row - sec.first.get(side))
    }

    /// A side's own row `row`: from the cache of recently drawn rows, or laid out again.
    fn row(&self, side: Side, row: usize) -> Arc<Row> {
        self.cache
            .get_or_make((side, row), || self.make_row(side, row))
    }

    /// A side's own row `row`, laid out again from where it starts.
    fn make_row(&self, side: Side, row: usize) -> Row {
        let width = *self.width.get(side);
        let (Some(start), Some(sec)) = (self.starts.get(side).get(row), self.section_of(side, row))
        else {
            return Row::filler(width, false, self.widths);
        };
        let text = SideText {
            source: self.sources.get(side),
            marks: self.marks.get(side),
            soft: &self.anchors.soft.get(side)[..],
        };
        let end = sec.end.get(side);
        let sink = wrap_side(
            text,
            start.offset as usize..end.offset as usize,
            (Some(start.marks as usize), Some(end.marks as usize)),
            (self.wrap, width),
            self.widths,
            Sink::One(None),
        );
        match sink {
            Sink::One(Some(row)) => row,
            _ => Row::filler(width, false, self.widths),
        }
    }

    /// The section showing a synchronised-view row, and the row's index within it.
    fn section_at(&self, global: usize) -> Option<(&SectionRows, usize)> {
        let s = self
            .sections
            .partition_point(|sec| sec.global <= global)
            .saturating_sub(1);
        self.sections.get(s).map(|sec| (sec, global - sec.global))
    }

    /// The row of one pane at a synchronised-view row.
    pub fn pane_row(&self, side: Side, global: usize) -> PaneRow {
        let Some((sec, k)) = self.section_at(global) else {
            return PaneRow::Filler { hatched: false };
        };
        let count = *sec.count.get(side);
        if k < count {
            PaneRow::Text(self.row(side, sec.first.get(side) + k))
        } else {
            // Hatched only where the row across holds text this side lacks.
            let other = side.other();
            let facing =
                (k < *sec.count.get(other)).then(|| self.row(other, sec.first.get(other) + k));
            let lacking = self.lacking.get(side);
            let lacks = |h: u32| lacking.get(h as usize).copied().unwrap_or(false);
            // Facing text this side lacks, or a blank line inside such text (between the
            // paragraphs of an added block: the block is hatched along its whole length).
            let hatched = facing.is_some_and(|row| {
                row.chunks
                    .iter()
                    .any(|c| !c.look.marker && c.look.hotspot.is_some_and(lacks))
                    || (row.text().trim().is_empty() && self.inside(other, row.start, &lacks))
            });
            PaneRow::Filler { hatched }
        }
    }

    /// Whether character offset `offset` of `side` is inside the reading of a hotspot that
    /// `wanted` picks (not at its edges).
    fn inside(&self, side: Side, offset: usize, wanted: &impl Fn(u32) -> bool) -> bool {
        let spans = &self.marks.get(side).spans;
        let i = spans.partition_point(|(r, _)| r.end <= offset);
        spans
            .get(i)
            .is_some_and(|(r, h)| r.start < offset && wanted(*h))
    }

    /// The pane row as a [`Row`] of the pane's width (fillers included).
    pub fn row_or_filler(&self, side: Side, global: usize) -> Row {
        match self.pane_row(side, global) {
            PaneRow::Text(r) => Row::clone(&r),
            PaneRow::Filler { hatched } => Row::filler(*self.width.get(side), hatched, self.widths),
        }
    }

    /// The synchronised-view row showing `offset` of a side (the row where it starts, or the
    /// last row before it).
    pub fn row_of_offset(&self, side: Side, offset: usize) -> usize {
        let starts = self.starts.get(side);
        let r = starts
            .partition_point(|s| s.offset as usize <= offset)
            .saturating_sub(1);
        if starts.is_empty() {
            0
        } else {
            self.global_row(side, r)
        }
    }

    /// The text offset of `side` at a synchronised-view row: where its row there starts, or,
    /// facing padding, where its next row starts.
    pub fn offset_on(&self, side: Side, global: usize) -> Option<usize> {
        let (sec, k) = self.section_at(global)?;
        let starts = self.starts.get(side);
        let row = sec.first.get(side) + k.min(*sec.count.get(side));
        starts.get(row).map(|s| s.offset as usize)
    }

    /// The text offset shown at the start of a synchronised-view row, on the first side that
    /// has text there.
    pub fn offset_at(&self, global: usize) -> Option<(Side, usize)> {
        let (sec, k) = self.section_at(global)?;
        Side::BOTH.into_iter().find_map(|side| {
            (k < *sec.count.get(side))
                .then(|| {
                    let row = sec.first.get(side) + k;
                    self.starts.get(side)[row].offset as usize
                })
                .map(|offset| (side, offset))
        })
    }
}

/// Where the text after a reading ending at `end` is first drawn: its first character that is
/// not white space (closing punctuation too: the text after the reading starts with it), or,
/// where that goes on with a word of a spaced script the reading ended in, the first place a
/// few characters on where a row may start. [`NOWHERE`] if there is none.
fn after_reading(source: &Source, end: usize) -> usize {
    /// How far past the reading's end a row may start.
    const AHEAD: usize = 6;
    let len = source.char_len();
    let rest = source.slice(end..len.min(end + 64));
    let Some(first) = rest.chars().position(|c| !c.is_whitespace()) else {
        return NOWHERE;
    };
    let first = end + first;
    let mut pair = source.slice(first.saturating_sub(1)..first + 1).chars();
    let mid_word = first > 0
        && matches!((pair.next(), pair.next()), (Some(x), Some(y))
            if x.is_alphanumeric() && y.is_alphanumeric()
                && !is_unspaced_script(x) && !is_unspaced_script(y));
    if !mid_word {
        return first;
    }
    (first..(first + AHEAD).min(len))
        .find(|&o| row_may_start(source, o))
        .unwrap_or(NOWHERE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compare::compare;
    use crate::sections::anchors;
    use crate::testkit::source;

    fn src(text: &str) -> Source {
        source("t", text)
    }

    fn layout(a: &str, b: &str, width: usize) -> (Vec<String>, Vec<String>, Layout) {
        let (a, b) = (src(a), src(b));
        let cmp = compare(&a.text, &b.text);
        let pair = Pair::new(&a, &b);
        let secs = Arc::new(anchors(pair, &cmp));
        let marks = Pair::new(
            Marks::new(&cmp, Side::Left, vec![]),
            Marks::new(&cmp, Side::Right, vec![]),
        );
        let l = Layout::new(
            Pair::new(Arc::new(a.clone()), Arc::new(b.clone())),
            &cmp,
            &secs,
            Pair::new(width, width),
            Widths::default(),
            marks,
        );
        let rows = |side| {
            (0..l.total)
                .map(|g| l.row_or_filler(side, g).text())
                .collect::<Vec<_>>()
        };
        (rows(Side::Left), rows(Side::Right), l)
    }

    /// A search marked on a layout made without it looks exactly like a layout made with it,
    /// rows drawn before the search included.
    #[test]
    fn matches_set_later_are_the_matches_laid_out_at_first() {
        let (a, b) = (
            src("甲乙丙丁，戊己庚辛。壬癸甲乙"),
            src("甲乙丙丁。戊己庚辛壬癸甲乙"),
        );
        let cmp = compare(&a.text, &b.text);
        let secs = Arc::new(anchors(Pair::new(&a, &b), &cmp));
        let build = |m: &Pair<Vec<Range<usize>>>| {
            Layout::new(
                Pair::new(Arc::new(a.clone()), Arc::new(b.clone())),
                &cmp,
                &secs,
                Pair::new(6, 7),
                Widths::default(),
                Pair::new(
                    Marks::new(&cmp, Side::Left, m.left.clone()),
                    Marks::new(&cmp, Side::Right, m.right.clone()),
                ),
            )
        };
        let rows = |l: &Layout| -> Vec<PaneRow> {
            Side::BOTH
                .into_iter()
                .flat_map(|side| (0..l.total).map(move |g| (side, g)))
                .map(|(side, g)| l.pane_row(side, g))
                .collect()
        };
        let matches = Pair::new(vec![0..2, 12..14], vec![0..2, 9..11]);
        let mut later = build(&Pair::default());
        let unmatched = rows(&later);
        later.set_matches(matches.clone());
        let first = build(&matches);
        assert_eq!(rows(&later), rows(&first));
        assert_ne!(rows(&later), unmatched);
        later.set_matches(Pair::default());
        assert_eq!(rows(&later), unmatched);
    }

    /// The layout mirrored for exchanged panes shows each side's rows in the other pane, made
    /// again from their starts (not copied), padded to the new pane's width; at a width whose
    /// narrower pane differs it is made anew.
    #[test]
    fn a_mirrored_layout_is_the_other_sides_rows() {
        let samples = crate::source::samples();
        let (a, b) = (&samples[0], &samples[1]);
        let cmp = compare(&a.text, &b.text);
        let anchors = Arc::new(anchors(Pair::new(a, b), &cmp));
        let marks = |cmp: &Comparison| {
            Pair::new(
                Marks::new(cmp, Side::Left, vec![]),
                Marks::new(cmp, Side::Right, vec![]),
            )
        };
        let width = Pair::new(39, 40);
        let l = Layout::new(
            Pair::new(Arc::new(a.clone()), Arc::new(b.clone())),
            &cmp,
            &anchors,
            width,
            Widths::default(),
            marks(&cmp),
        );
        let m = l.mirrored(width).expect("the same narrower width");
        assert!(l.mirrored(Pair::new(40, 41)).is_none());
        assert_eq!(m.total, l.total);
        for g in 0..l.total {
            for side in Side::BOTH {
                assert_eq!(m.row_or_filler(side, g).width(), *width.get(side));
                match (m.pane_row(side, g), l.pane_row(side.other(), g)) {
                    (PaneRow::Text(mine), PaneRow::Text(theirs)) => {
                        assert_eq!(mine.text().trim_end(), theirs.text().trim_end(), "row {g}");
                    }
                    (mine, theirs) => assert_eq!(mine, theirs, "row {g}"),
                }
            }
        }
        let swapped: Vec<_> = l.hotspot_rows.iter().map(|r| r.swapped()).collect();
        assert_eq!(m.hotspot_rows, swapped);
        // Every hotspot of the mirrored comparison has its readings on one row there.
        let mirrored = cmp.mirrored();
        assert_eq!(mirrored.hotspots.len(), m.hotspot_rows.len());
        assert!(
            m.hotspot_rows
                .iter()
                .all(|r| r.left == r.right || r.left.is_none() || r.right.is_none())
        );
    }

    #[test]
    fn wraps_by_columns_and_pads_wide_characters() {
        let (left, _, _) = layout("中文字符测试", "中文字符测试", 5);
        assert_eq!(left, ["中文 ", "字符 ", "测试 "]);
    }

    #[test]
    fn closing_punctuation_does_not_start_a_row() {
        let (left, _, _) = layout("一二三四，五六", "一二三四，五六", 8);
        assert_eq!(left, ["一二三  ", "四，五六"]);
    }

    #[test]
    fn spaced_words_wrap_whole() {
        let (left, _, _) = layout("the quick brown fox", "the quick brown fox", 10);
        assert_eq!(left, ["the quick ", "brown fox "]);
    }

    #[test]
    fn leading_blank_lines_are_not_drawn() {
        let (left, right, l) = layout("\n  \n\t\n  甲乙\n\n丙", "\n甲乙\n\n丙", 6);
        assert_eq!(left, ["  甲乙", "      ", "丙    "]);
        assert_eq!(right, ["甲乙  ", "      ", "丙    "]);
        // An offset in the blank lines is at the top.
        assert_eq!(l.row_of_offset(Side::Left, 1), 0);
        // A bare CR or a form feed is shown (as a marker): its line is not blank.
        let (left, _, _) = layout("\n\r \n甲", "\n\r \n甲", 4);
        assert_eq!(left, ["␍   ", "甲  "]);
        // A text of white space only has no rows (only padding facing what it lacks).
        let (left, _, l) = layout("\n \n", "甲", 6);
        assert_eq!(left, ["╱╱╱╱╱╱"]);
        assert!(matches!(
            l.pane_row(Side::Left, 0),
            PaneRow::Filler { hatched: true }
        ));
    }

    #[test]
    fn a_word_moves_down_with_its_closing_mark() {
        // `deck,` does not fit after `the black`: the word moves, not only its last letter.
        let t = "the black deck, and";
        let (left, _, _) = layout(t, t, 14);
        assert_eq!(left, ["the black     ", "deck, and     "]);
        let t = "he said. \"No.\" Then";
        let (left, _, _) = layout(t, t, 12);
        assert_eq!(left, ["he said.    ", "\"No.\" Then  "]);
        // A word longer than the row is split; its closing mark still takes a letter along.
        let t = "abcdefghij,";
        let (left, _, _) = layout(t, t, 10);
        assert_eq!(left, ["abcdefghi ", "j,        "]);
    }

    #[test]
    fn no_row_starts_with_the_space_that_ended_the_last() {
        let t = "aaa bbb  ccc";
        let (left, _, _) = layout(t, t, 3);
        assert_eq!(left, ["aaa", "bbb", "ccc"]);
        // Indentation at the start of a line is the text's own, and stays.
        let t = "ab\n  cd";
        let (left, _, _) = layout(t, t, 4);
        assert_eq!(left, ["ab  ", "  cd"]);
    }

    #[test]
    fn closing_marks_after_han_take_the_character_before_along() {
        let t = "一二三四。”五";
        let (left, _, _) = layout(t, t, 10);
        assert_eq!(left, ["一二三    ", "四。”五   "]);
    }

    #[test]
    fn tabs_expand_to_tab_stops() {
        let (left, _, _) = layout("a\tb\n\tc", "a\tb\n\tc", 8);
        assert_eq!(left, ["a   b   ", "    c   "]);
    }

    #[test]
    fn aligned_paragraphs_start_on_the_same_row() {
        let a = "第一段很长很长很长很长很长。\n第二段。\n第三段。";
        let b = "第一段很长。\n第二段。\n第三段。";
        let (left, right, _) = layout(a, b, 8);
        let row_of = |rows: &[String], s: &str| rows.iter().position(|r| r.starts_with(s)).unwrap();
        assert_eq!(row_of(&left, "第二段"), row_of(&right, "第二段"));
        assert_eq!(row_of(&left, "第三段"), row_of(&right, "第三段"));
    }

    #[test]
    fn page_break_inside_a_word_still_syncs_the_next_paragraph() {
        let a = "必须树立系统观念，以正确的历史\n\n观、大局观把握大势。\n下一段落。";
        let b = "必须树立系统观念，以正确的历史观、大局观把握大势。\n下一段落。";
        let (left, right, _) = layout(a, b, 12);
        let row_of = |rows: &[String], s: &str| rows.iter().position(|r| r.starts_with(s)).unwrap();
        assert_eq!(row_of(&left, "下一段落"), row_of(&right, "下一段落"));
    }

    #[test]
    fn one_sided_block_faces_hatched_filler() {
        // Paragraphs told apart by 甲乙丙, not by numerals: three lines differing only in a
        // numeral would be boilerplate (hidden by default).
        let a = "共同的开头段落。\n只在左边的段落甲。\n只在左边的段落乙。\n只在左边的段落丙。\n共同的结尾段落。";
        let b = "共同的开头段落。\n共同的结尾段落。";
        let (left, right, _) = layout(a, b, 20);
        assert_eq!(left.len(), right.len());
        let hatched = right.iter().filter(|r| r.starts_with('╱')).count();
        assert_eq!(hatched, 3, "{right:?}");
        assert_eq!(
            left.iter().position(|r| r.starts_with("共同的结尾")),
            right.iter().position(|r| r.starts_with("共同的结尾"))
        );
    }

    /// Padding facing a block of paragraphs only the other side has is hatched along the
    /// whole block, the blank lines between its paragraphs included.
    #[test]
    fn hatching_runs_the_length_of_an_added_block() {
        let a = "共同的开头段落。\n\n共同的结尾段落。";
        // Told apart by 甲乙丙, not by numerals (see above).
        let b =
            "共同的开头段落。\n\n新增的甲段。\n\n新增的乙段。\n\n新增的丙段。\n\n共同的结尾段落。";
        let (left, right, _) = layout(a, b, 20);
        let at = |s: &str| right.iter().position(|r| r.starts_with(s)).unwrap();
        let (first, last) = (at("新增的甲段"), at("新增的丙段"));
        for g in first..=last {
            assert!(left[g].starts_with('╱'), "row {g}: {left:?} | {right:?}");
        }
        assert!(!left[at("共同的结尾")].starts_with('╱'));
    }

    #[test]
    fn hotspot_rows_and_insertion_marks() {
        let (left, right, l) = layout(
            "开辟了中国外交理论的新境界",
            "开辟了中国外交理论和实践的新境界",
            40,
        );
        assert!(left[0].contains(INSERTION_MARK), "{left:?}");
        assert!(right[0].contains("和实践"));
        assert_eq!(l.hotspot_rows, vec![Pair::new(Some(0), Some(0))]);
    }

    #[test]
    fn default_ignorable_characters_are_drawn_as_markers() {
        for (c, marker) in [
            ('\u{34f}', "⟨U+034F⟩"),
            ('\u{fe0f}', "⟨U+FE0F⟩"),
            ('\u{e0100}', "⟨U+E0100⟩"),
        ] {
            let (_, right, l) = layout("坚决反对霸权", &format!("坚决反对{c}霸权"), 40);
            assert!(right[0].contains(marker), "{right:?}");
            assert_eq!(l.hotspot_rows.len(), 1, "{c:?} is a difference");
        }
    }

    /// Ending a section at the start of a row the wrapping began early (a reading's first
    /// characters carried down whole by the cell after them) would leave the rows before it to
    /// be drawn otherwise than they were counted (a character shown twice): the section ends
    /// there only where they are drawn as counted. A case the property test found, at 4
    /// columns: every character of each side shown once, in order.
    #[test]
    fn a_section_ended_at_a_carried_rows_start_draws_each_character_once() {
        let run = "霸权".repeat(15);
        let tail = "霸权霸权霸权霸权强权霸权，霸权政治霸权the霸权霸权中国霸权";
        let a = format!("{run} ，😀😀，{tail}");
        let b = format!("{run} ，霸权😀😀霸权{tail}");
        let (left, right, l) = layout(&a, &b, 4);
        let shown = |rows: &[String]| -> String {
            rows.concat()
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '╱' && *c != '‸')
                .collect()
        };
        let plain = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
        assert_eq!(shown(&left), plain(&a));
        assert_eq!(shown(&right), plain(&b));
        for rows in &l.hotspot_rows {
            assert_eq!(rows.left, rows.right);
        }
    }

    #[test]
    fn every_row_is_the_pane_width() {
        let text = "混合 text，带 emoji 😀 和组合字符 e\u{301} 以及\ttab 与控制符\u{1b}[2J。";
        for width in 1..30 {
            let (left, right, _) = layout(text, "别的文字", width);
            for row in left.iter().chain(&right) {
                assert_eq!(Widths::default().str(row), width, "{row:?} at {width}");
            }
        }
    }
}

#[cfg(test)]
mod restart {
    use super::*;
    use crate::engine::compare::compare;
    use crate::sections::anchors;
    use crate::testkit::source;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "霸权",
            "，",
            "。",
            "“",
            "”",
            "the ",
            "word",
            " ",
            "\t",
            "\n",
            "\n\n",
            "😀",
            "e\u{301}",
            "（一）",
            "Ли",
            "\u{1b}",
            "\u{200b}",
            "、",
            ".",
            "abc,",
            "长长长长长长长长长长",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Every row laid out again from where it starts is the row one pass over the whole
        /// text makes: what the viewer draws is what it counted.
        #[test]
        fn a_row_laid_out_from_its_start_is_the_row_of_one_pass(
            a in prop::collection::vec(piece(), 0..40),
            b in prop::collection::vec(piece(), 0..40),
            wl in 1usize..24,
            wr in 1usize..24,
            wide in any::<bool>(),
        ) {
            let (a, b) = (source("a", &a.concat()), source("b", &b.concat()));
            let cmp = compare(&a.text, &b.text);
            let secs = Arc::new(anchors(Pair::new(&a, &b), &cmp));
            let marks = Pair::new(
                Marks::new(&cmp, Side::Left, vec![]),
                Marks::new(&cmp, Side::Right, vec![]),
            );
            let widths = Widths { ambiguous_wide: wide };
            let width = Pair::new(wl, wr);
            let l = Layout::new(
                Pair::new(Arc::new(a.clone()), Arc::new(b.clone())),
                &cmp,
                &secs,
                width,
                widths,
                marks.clone(),
            );
            for side in Side::BOTH {
                let source = if side == Side::Left { &a } else { &b };
                let text = SideText {
                    source,
                    marks: marks.get(side),
                    soft: &secs.soft.get(side)[..],
                };
                let mut one_pass = Vec::new();
                // Each section of the layout (those of the anchors, and the cuts it made)
                // laid out in one pass.
                for sec in &l.sections {
                    let (start, end) = (sec.start.get(side), sec.end.get(side));
                    if let Sink::All(rows) = wrap_side(
                        text,
                        start.offset as usize..end.offset as usize,
                        (Some(start.marks as usize), Some(end.marks as usize)),
                        (wl.min(wr), *width.get(side)),
                        widths,
                        Sink::All(Vec::new()),
                    ) {
                        one_pass.extend(rows);
                    }
                }
                prop_assert_eq!(one_pass.len(), l.starts.get(side).len());
                for (r, expected) in one_pass.iter().enumerate() {
                    prop_assert_eq!(&l.make_row(side, r), expected, "{:?} row {}", side, r);
                }
            }
        }
    }
}
