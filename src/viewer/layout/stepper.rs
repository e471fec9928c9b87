//! The stepper: one side's text laid out a grapheme at a time (hidden characters as markers,
//! insertion marks where the other side has text this side lacks, soft breaks drawn), noting
//! where it stands at every cut and every hotspot start it passes ([`Snap`]), so a section can
//! be ended at any of those places and the rows after it forgotten.

use super::row::{INSERTION_MARK, Look, Marks};
use super::wrap::{CellClass, CellReading, Counter, RowStart, Sink, Wrapper, at, classify};
use crate::pair::Side;
use crate::sections::{Cut, SOFT_BREAK_MARK, SoftBreak};
use crate::source::Source;
use crate::text::chars::{Graphemes, graphemes};
use crate::text::sanitize::shown;
use crate::text::width::Widths;
use std::borrow::Cow;
use std::ops::Range;
/// What one side's layout reads: its text, what to mark on it, and its soft line breaks.
#[derive(Clone, Copy)]
pub(super) struct SideText<'t> {
    pub(super) source: &'t Source,
    pub(super) marks: &'t Marks,
    pub(super) soft: &'t [SoftBreak],
}

/// One side being laid out, a grapheme at a time, so that both sides can be laid out in step.
pub(super) struct Stepper<'a, 't> {
    pub(super) text: SideText<'t>,
    pub(super) graphemes: Graphemes<'t>,
    pub(super) range: Range<usize>,
    /// How many of the side's insertion marks are drawn by the end of the range: those at
    /// its end offset with a smaller index are drawn in it, the others in the next range.
    pub(super) end_marks: usize,
    /// The offset of the next grapheme.
    pub(super) offset: usize,
    pub(super) span_i: usize,
    pub(super) ins_i: usize,
    pub(super) match_i: usize,
    pub(super) inner_i: usize,
    pub(super) soft_i: usize,
    /// The end of the soft break drawn last: its white space is not drawn again.
    pub(super) skip_to: usize,
    /// Whether the current line has anything on it.
    pub(super) pending_line: bool,
    /// Whether the range is done and its last row made.
    pub(super) closed: bool,
    /// Whether to note where the side stands at the places a section may be cut at.
    pub(super) noting: bool,
    /// The places where a section may be cut, and the side this is.
    pub(super) cuts: &'t [Cut],
    pub(super) side: Side,
    pub(super) next_cut: usize,
    /// Where this side stood at each cut passed: the cut's index and the place.
    pub(super) passed: Vec<(u32, Snap)>,
    /// Where this side stood (while cuts are noted) at other places a section may be cut at:
    /// before each insertion mark drawn, after the marks at an offset, and at the visible
    /// start of each hotspot's reading.
    pub(super) states: Vec<Snap>,
    /// The visible starts of the side's hotspot readings, in order, and the next one.
    pub(super) visible: &'t [usize],
    pub(super) next_visible: usize,
    pub(super) w: Wrapper<'a, 't>,
    /// The hotspot span last asked about (its index in the marks' spans) and whether its
    /// reading is short.
    pub(super) short: (usize, bool),
}

/// Where a range of a side starts or ends: how many of the side's insertion marks are drawn
/// before it (`None`: those before its offset, or at the end of the text all of them).
pub(super) type MarkBounds = (Option<usize>, Option<usize>);

impl<'a, 't> Stepper<'a, 't> {
    /// Lays out `range` of a side, `width` columns of text in rows padded to `pad`, handing the
    /// rows to `sink`; `marks` are the numbers of the side's insertion marks drawn before the
    /// range and by its end.
    pub(super) fn new(
        text: SideText<'t>,
        range: Range<usize>,
        marks: MarkBounds,
        (width, pad): (usize, usize),
        widths: Widths,
        sink: Sink<'a>,
    ) -> Self {
        let mut stepper = Self::with_cuts(
            text,
            range,
            marks,
            (width, pad),
            widths,
            sink,
            (&[], Side::Left, &[]),
        );
        stepper.noting = false;
        stepper
    }

    /// Like [`Stepper::new`], noting where the side stands at each of `cuts` (on `side`).
    pub(super) fn with_cuts(
        text: SideText<'t>,
        range: Range<usize>,
        (marks_before, marks_by_end): MarkBounds,
        (width, pad): (usize, usize),
        widths: Widths,
        sink: Sink<'a>,
        (cuts, side, visible): (&'t [Cut], Side, &'t [usize]),
    ) -> Self {
        let marks = text.marks;
        let ins_i = marks_before
            .unwrap_or_else(|| marks.insertions.partition_point(|&(p, _)| p < range.start));
        let end_marks = marks_by_end.unwrap_or_else(|| {
            if range.end == text.source.char_len() {
                usize::MAX
            } else {
                marks.insertions.partition_point(|&(p, _)| p < range.end)
            }
        });
        Stepper {
            graphemes: graphemes(text.source.slice(range.clone())),
            end_marks,
            offset: range.start,
            span_i: marks.spans.partition_point(|(s, _)| s.end <= range.start),
            ins_i,
            match_i: marks.matches.partition_point(|m| m.end <= range.start),
            inner_i: marks.inner.partition_point(|(m, _)| m.end <= range.start),
            soft_i: text
                .soft
                .partition_point(|b| b.range.end as usize <= range.start),
            skip_to: 0,
            pending_line: false,
            closed: false,
            noting: true,
            next_cut: cuts.partition_point(|c| (*c.at.get(side) as usize) < range.start),
            cuts,
            side,
            passed: Vec::new(),
            states: Vec::new(),
            next_visible: visible.partition_point(|&v| v < range.start),
            visible,
            w: Wrapper {
                width,
                pad: pad.max(width),
                widths,
                sink,
                cells: Vec::new(),
                used: 0,
                line_start: at(range.start, ins_i),
                reading: None,
                tab: false,
            },
            short: (usize::MAX, false),
            range,
            text,
        }
    }

    /// Draws the insertion marks at the current offset (at the range's end, only those that
    /// belong to it).
    pub(super) fn insert_marks(&mut self) {
        let offset = self.offset;
        let source = self.text.source;
        let noting = self.noting;
        let first = self.ins_i;
        self.w.reading = None;
        while let Some(&(p, h)) = self.text.marks.insertions.get(self.ins_i) {
            if p != offset || (p == self.range.end && self.ins_i >= self.end_marks) {
                break;
            }
            if noting {
                let snap = self.snap();
                self.states.push(snap);
            }
            let look = Look {
                hotspot: Some(h),
                marker: true,
                ..Look::default()
            };
            let mw = self.w.widths.str(INSERTION_MARK);
            // A mark right after a word (or its closing mark) is part of it for wrapping:
            // `safety‸.` and `trees.‸` move whole. Decided by the text before it, so a row laid
            // out again from its start wraps as it did.
            let before = source.slice(offset.saturating_sub(1)..offset);
            let class = match before.is_empty() {
                false if matches!(classify(before), CellClass::Glue | CellClass::Closing) => {
                    CellClass::Glue
                }
                _ => CellClass::Break,
            };
            self.w.push(
                Cow::Borrowed(INSERTION_MARK),
                mw,
                look,
                at(offset, self.ins_i),
                class,
            );
            self.ins_i += 1;
        }
        if noting && self.ins_i > first {
            let snap = self.snap();
            self.states.push(snap);
        }
    }

    /// Lays out the next grapheme; `false` when the range (or the one row wanted) is done.
    pub(super) fn step(&mut self) -> bool {
        if self.w.done() || self.closed {
            return false;
        }
        self.note_cuts();
        let Some(g) = self.graphemes.next() else {
            return false;
        };
        let offset = self.offset;
        let len = g.chars().count();
        self.insert_marks();
        self.offset += len;
        if offset < self.skip_to {
            return true;
        }
        let marks = self.text.marks;
        while self.span_i < marks.spans.len() && marks.spans[self.span_i].0.end <= offset {
            self.span_i += 1;
        }
        while self.match_i < marks.matches.len() && marks.matches[self.match_i].end <= offset {
            self.match_i += 1;
        }
        while self.inner_i < marks.inner.len() && marks.inner[self.inner_i].0.end <= offset {
            self.inner_i += 1;
        }
        let span = marks
            .spans
            .get(self.span_i)
            .filter(|(s, _)| s.start <= offset);
        let hotspot = span.map(|&(_, h)| h);
        self.w.reading = span.cloned().map(|(s, h)| CellReading {
            hotspot: h,
            short: self.is_short(&s),
            left: (s.end - offset) as u32,
            first: offset == s.start,
        });
        let matched = marks
            .matches
            .get(self.match_i)
            .is_some_and(|m| m.start <= offset);
        let inner = marks
            .inner
            .get(self.inner_i)
            .filter(|(m, _)| m.start <= offset)
            .map(|&(_, stop)| stop);
        let look = Look {
            hotspot,
            matched,
            inner,
            ..Look::default()
        };
        let here = at(offset, self.ins_i);
        let soft = self.text.soft;
        while soft
            .get(self.soft_i)
            .is_some_and(|b| b.range.end as usize <= offset)
        {
            self.soft_i += 1;
        }
        if let Some(b) = soft
            .get(self.soft_i)
            .filter(|b| b.range.start as usize == offset)
        {
            // A line break the other side does not have: the paragraph runs on, with a mark.
            self.skip_to = b.range.end as usize;
            if b.mark {
                let width = self.w.widths.str(SOFT_BREAK_MARK);
                let look = Look {
                    marker: true,
                    ..look
                };
                self.w.push(
                    Cow::Borrowed(SOFT_BREAK_MARK),
                    width,
                    look,
                    here,
                    CellClass::Break,
                );
            }
            if b.space {
                self.w
                    .push(Cow::Borrowed(" "), 1, look, here, CellClass::Space);
            }
            self.pending_line = true;
        } else if g == "\n" || g == "\r\n" {
            self.w.end_line(at(offset + len, self.ins_i));
            self.pending_line = false;
        } else if g == "\t" {
            self.w.tab(look, here);
            self.pending_line = true;
        } else {
            let s = shown(g);
            let width = if s.marker {
                self.w.widths.str(&s.text)
            } else {
                self.w.widths.grapheme(&s.text)
            };
            let look = Look {
                marker: s.marker,
                ..look
            };
            self.w.push(s.text, width, look, here, classify(g));
            self.pending_line = true;
        }
        true
    }

    /// Whether the reading of the current hotspot span (`range`) is short: no line break, and
    /// it fits in a third of a row. Worked out once per span.
    fn is_short(&mut self, range: &Range<usize>) -> bool {
        if self.short.0 != self.span_i {
            let short = is_short(self.text.source, range, self.w.width, self.w.widths);
            self.short = (self.span_i, short);
        }
        self.short.1
    }

    /// Ends the range: the marks at its end, and its last row.
    pub(super) fn close(&mut self) {
        if self.closed || self.w.done() {
            return;
        }
        self.closed = true;
        self.insert_marks();
        if self.pending_line || !self.w.cells.is_empty() {
            self.w.finish(0);
        }
    }

    /// Lays out the rest of the range and hands back the sink.
    pub(super) fn run(mut self) -> Sink<'a> {
        while self.step() {}
        self.close();
        self.w.sink
    }

    /// Lays out up to `offset`, the grapheme there not included.
    pub(super) fn advance_to(&mut self, offset: usize) {
        while self.offset < offset && self.step() {}
        if !self.closed {
            self.note_cuts();
        }
    }

    /// Notes where the side stands if a cut, or the visible start of a hotspot, is here (and
    /// passes those left behind).
    pub(super) fn note_cuts(&mut self) {
        while let Some(cut) = self.cuts.get(self.next_cut) {
            let at = *cut.at.get(self.side) as usize;
            if at > self.offset {
                break;
            }
            if at == self.offset {
                let snap = self.snap();
                self.passed.push((self.next_cut as u32, snap));
            }
            self.next_cut += 1;
        }
        while let Some(&v) = self.visible.get(self.next_visible) {
            if v > self.offset {
                break;
            }
            if v == self.offset {
                let snap = self.snap();
                self.states.push(snap);
            }
            self.next_visible += 1;
        }
    }

    /// Where this side stood at `offset` each time it noted the place (a cut passed, an
    /// insertion mark, a reading's start, the text after a reading), the latest first. The
    /// notes are in text order, so only those at the offset or after it are looked at.
    pub(super) fn noted_at(&self, offset: usize) -> impl Iterator<Item = Snap> + '_ {
        let passed = self.passed.iter().rev().map(|p| p.1);
        let marked = self.states.iter().rev().copied();
        passed
            .take_while(move |s| s.offset >= offset)
            .chain(marked.take_while(move |s| s.offset >= offset))
            .filter(move |s| s.offset == offset)
    }

    /// The first row of hotspot `h` noted so far, and whether a visible cell of it is there.
    pub(super) fn first_row(&self, h: u32) -> Option<(usize, bool)> {
        match &self.w.sink {
            Sink::Count(counter) => counter.first_row(h),
            _ => None,
        }
    }

    /// The first row of hotspot `h` (ending at `end`) with a visible cell of it on this side
    /// (else the row of its first blank), laying out as far as needed to know it. `None` if
    /// it has no cell here.
    pub(super) fn settle(&mut self, h: u32, end: usize) -> Option<usize> {
        let visible = |s: &Self| s.first_row(h).filter(|r| r.1).map(|r| r.0);
        loop {
            if let Some(r) = visible(self) {
                return Some(r);
            }
            if self.closed || self.w.done() {
                return self.first_row(h).map(|r| r.0);
            }
            if self.offset > end {
                // Every cell of it is placed; those in the row being filled are noted once
                // that row (and the row its carried cells move to) is finished.
                let pending = |s: &Self| s.w.cells.iter().any(|c| c.look.hotspot == Some(h));
                while pending(self) {
                    let rows = self.rows();
                    while self.rows() == rows && self.step() {}
                    if self.rows() == rows {
                        self.close();
                        break;
                    }
                }
                return self.first_row(h).map(|r| r.0);
            }
            if !self.step() {
                self.close();
            }
        }
    }

    /// The row (counted in this side's rows) holding the character at `offset`, laying out
    /// as far as needed to know it: until that character's row is finished. `None` when not
    /// counting, or when the character is not in the range.
    pub(super) fn settle_offset(&mut self, offset: usize) -> Option<usize> {
        if offset < self.range.start || offset >= self.range.end {
            return None;
        }
        // Every insertion mark at the offset is drawn before the character there.
        let insertions = &self.text.marks.insertions;
        let target = at(offset, insertions.partition_point(|&(p, _)| p <= offset));
        let pending = |s: &Self| s.offset <= offset || s.w.cells.iter().any(|c| c.at == target);
        while pending(self) {
            if !self.step() {
                self.close();
                break;
            }
        }
        let Sink::Count(counter) = &self.w.sink else {
            return None;
        };
        let key = |r: &RowStart| (r.offset, r.marks);
        counter
            .starts
            .partition_point(|r| key(r) <= key(&target))
            .checked_sub(1)
    }

    /// The rows finished so far (while counting).
    pub(super) fn rows(&self) -> usize {
        match &self.w.sink {
            Sink::Count(counter) => counter.starts.len(),
            _ => 0,
        }
    }

    /// Where this side stands: a place the layout can later end a section at.
    pub(super) fn snap(&self) -> Snap {
        Snap {
            offset: self.offset,
            marks: self.ins_i,
            rows: self.rows(),
            row_start: self.w.row_start(),
        }
    }

    /// The counter, once the side's range is left.
    pub(super) fn into_counter(self) -> Option<Counter<'a>> {
        match self.w.sink {
            Sink::Count(counter) => Some(counter),
            _ => None,
        }
    }
}

/// Where a side stood at a place the layout may end a section at: the offset, the rows
/// finished, and where the row being filled started. Ending the section there is forgetting
/// the later rows and laying out that row again up to the offset: the wrapping of what came
/// before does not depend on what follows.
#[derive(Debug, Clone, Copy)]
pub(super) struct Snap {
    pub(super) offset: usize,
    /// The insertion marks drawn so far.
    pub(super) marks: usize,
    pub(super) rows: usize,
    pub(super) row_start: RowStart,
}

/// Whether the reading at `range` of `source` is short in rows `width` columns wide: no line
/// break, and it fits in a third of a row (a short reading is never split across rows).
pub(super) fn is_short(
    source: &Source,
    range: &Range<usize>,
    width: usize,
    widths: Widths,
) -> bool {
    let limit = width / 3;
    range.len() <= limit.max(1) * 2 && {
        let text = source.slice(range.clone());
        !text.contains('\n') && widths.str(text) <= limit
    }
}

/// Lays out `range` of one side, handing the rows to `sink` (see [`Stepper::new`]).
pub(super) fn wrap_side<'a>(
    text: SideText<'_>,
    range: Range<usize>,
    marks: MarkBounds,
    width: (usize, usize),
    widths: Widths,
    sink: Sink<'a>,
) -> Sink<'a> {
    Stepper::new(text, range, marks, width, widths, sink).run()
}
