//! The in-step sync: both sides laid out section by section, walking to each hotspot in turn;
//! where a hotspot's two readings would start on different rows, the section ends at the best
//! cut before it (a sentence, a clause, the word, the hotspot itself) and the side behind is
//! padded, so the readings of every hotspot start on one row at every width.

use super::stepper::{SideText, Snap, Stepper, is_short};
use super::wrap::{Counter, RowStart, Sink, at};
use crate::engine::compare::{Comparison, Kind};
use crate::pair::{Pair, Side};
use crate::sections::{Cut, Unit, row_may_start};
use crate::text::width::Widths;
use crate::work;
use std::ops::Range;
/// How many characters before a reading a section may start so that the characters before it on
/// its row are not left alone there.
pub(super) const LEAD: usize = 3;

/// No place (the text after a reading at the end of a text).
pub(super) const NOWHERE: usize = usize::MAX;

/// Rows of one section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SectionRows {
    /// First row of the section in the synchronised view.
    pub(super) global: usize,
    /// First row of the section on each side.
    pub(super) first: Pair<usize>,
    /// Number of rows on each side.
    pub(super) count: Pair<usize>,
    /// Where the section's text starts on each side (with the insertion marks before it).
    pub(super) start: Pair<RowStart>,
    /// Where the section's text ends on each side (with the insertion marks drawn by then).
    pub(super) end: Pair<RowStart>,
}

/// What every part of a layout reads.
pub(super) struct Context<'t> {
    pub(super) text: Pair<SideText<'t>>,
    /// Columns of text in a row, on both sides.
    pub(super) wrap: usize,
    /// Columns a row is padded to, on each side.
    pub(super) pad: Pair<usize>,
    pub(super) widths: Widths,
    pub(super) cuts: &'t [Cut],
    pub(super) cmp: &'t Comparison,
    /// For every hotspot, where its reading is first drawn on each side (white space at its
    /// start left out, at a grapheme boundary).
    pub(super) reading_at: Vec<Pair<usize>>,
    /// For every hotspot, where the text after it is first drawn on each side (its first
    /// character that is not white space, or the first place a row may start a few
    /// characters on).
    pub(super) after: Vec<Pair<usize>>,
    /// Those places and the reading starts on each side, in order (the starts only for
    /// readings with text): where a side notes where it stands.
    pub(super) visible: Pair<Vec<usize>>,
}

/// The rows of a run of sections, laid out on one thread.
pub(super) struct Part {
    pub(super) starts: Pair<Vec<RowStart>>,
    /// The sections (`global` not set yet; `first` counts from the part's first row).
    pub(super) sections: Vec<SectionRows>,
}

/// The hotspots' first rows noted by one part: those of hotspots `base..` on each side.
pub(super) struct FirstRows<'a> {
    pub(super) rows: Pair<&'a mut [u32]>,
    pub(super) base: usize,
}

impl Context<'_> {
    /// Whether hotspot `h` draws a cell on `side`: text, or an insertion mark.
    pub(super) fn has_cell(&self, h: usize, side: Side) -> bool {
        let hot = &self.cmp.hotspots[h];
        !hot.span.get(side).is_empty() || hot.kind != Kind::Changed
    }

    pub(super) fn stepper<'a>(
        &self,
        side: Side,
        range: Range<RowStart>,
        counter: Counter<'a>,
    ) -> Stepper<'a, '_> {
        Stepper::with_cuts(
            *self.text.get(side),
            range.start.offset as usize..range.end.offset as usize,
            (
                Some(range.start.marks as usize),
                Some(range.end.marks as usize),
            ),
            (self.wrap, *self.pad.get(side)),
            self.widths,
            Sink::Count(counter),
            (self.cuts, side, self.visible.get(side)),
        )
    }

    /// Where a section starting at `offsets` starts on each side, with the insertion marks
    /// drawn before it: those before its offset, and those at it that stand for text the
    /// other side has before its own start (a block only the other side has, just before
    /// this section: its mark ends the section before, beside the block, not this one). At
    /// the end of the text, all of them.
    pub(super) fn bounds(&self, offsets: Pair<usize>) -> Pair<RowStart> {
        let bound = |side: Side| {
            let (text, offset) = (self.text.get(side), *offsets.get(side));
            let insertions = &text.marks.insertions;
            if offset >= text.source.char_len() {
                return at(offset, insertions.len());
            }
            let mut marks = insertions.partition_point(|&(p, _)| p < offset);
            let other = *offsets.get(side.other());
            while insertions.get(marks).is_some_and(|&(p, h)| {
                let there = self.cmp.hotspots[h as usize].span.get(side.other());
                p == offset && !there.is_empty() && there.end <= other
            }) {
                marks += 1;
            }
            at(offset, marks)
        };
        Pair::new(bound(Side::Left), bound(Side::Right))
    }

    /// Lays out the sections starting at `starts` (the last ending at `stop`), both sides in
    /// step; a section whose hotspot readings would land on different rows is cut in two.
    pub(super) fn part(
        &self,
        starts: &[Pair<usize>],
        stop: Pair<usize>,
        first_rows: FirstRows<'_>,
    ) -> Part {
        let FirstRows { rows, base } = first_rows;
        let (first_left, first_right) = (rows.left, rows.right);
        let mut out = Part {
            starts: Pair::default(),
            sections: Vec::new(),
        };
        let mut noted: Pair<Vec<u32>> = Pair::default();
        for (i, &section_start) in starts.iter().enumerate() {
            work::check();
            let end = self.bounds(starts.get(i + 1).copied().unwrap_or(stop));
            let mut start = self.bounds(section_start);
            loop {
                let first = Pair::new(out.starts.left.len(), out.starts.right.len());
                noted.left.clear();
                noted.right.clear();
                let counter = |starts, first_rows, noted| Counter {
                    starts,
                    first_rows,
                    base,
                    noted,
                };
                let mut left = self.stepper(
                    Side::Left,
                    start.left..end.left,
                    counter(&mut out.starts.left, &mut *first_left, &mut noted.left),
                );
                let mut right = self.stepper(
                    Side::Right,
                    start.right..end.right,
                    counter(&mut out.starts.right, &mut *first_right, &mut noted.right),
                );
                let cut = self.walk(Pair::new(&mut left, &mut right), start, end, first);
                let stop_here = match cut {
                    None => {
                        left.run();
                        right.run();
                        end
                    }
                    Some(snaps) => {
                        // End the section where both sides stood at the cut: forget the rows
                        // since, and lay out the row being filled then up to the cut.
                        let counters = Pair::new(left.into_counter(), right.into_counter());
                        let here = snaps.map(|s| at(s.offset, s.marks));
                        for (side, counter) in
                            [(Side::Left, counters.left), (Side::Right, counters.right)]
                        {
                            let (Some(mut counter), snap) = (counter, snaps.get(side)) else {
                                continue;
                            };
                            counter.truncate(snap.rows);
                            self.stepper(side, snap.row_start..*here.get(side), counter)
                                .run();
                        }
                        here
                    }
                };
                out.sections.push(SectionRows {
                    global: 0,
                    first,
                    count: Pair::new(
                        out.starts.left.len() - first.left,
                        out.starts.right.len() - first.right,
                    ),
                    start,
                    end: stop_here,
                });
                if cut.is_none() {
                    break;
                }
                start = stop_here;
            }
        }
        out
    }

    /// Lays out both sides of the section from `start` to `end` in step, hotspot by hotspot,
    /// until a hotspot's readings land on different rows (counted from the section's `first`
    /// rows). Then returns where each side stood at the place to cut the section: the last
    /// sentence start before the hotspot, else the last clause start, else the start of the
    /// word it begins in, else its own start. `None` when every hotspot's readings share a
    /// row.
    pub(super) fn walk(
        &self,
        mut sides: Pair<&mut Stepper<'_, '_>>,
        start: Pair<RowStart>,
        end: Pair<RowStart>,
        first: Pair<usize>,
    ) -> Option<Pair<Snap>> {
        let hotspots = &self.cmp.hotspots;
        let text_end = self.text.map(|t| t.source.char_len());
        // From the first hotspot drawn in the section (a reading starting with white space is
        // drawn from its first visible character, where a cut before it starts a section).
        let mut h = self
            .reading_at
            .partition_point(|at| at.left < start.left.offset as usize);
        // The text after the hotspot before the section may be in it (the section starts at
        // the line after the hotspot, the text after behind indentation one side has).
        if let Some(before) = h.checked_sub(1)
            && let Some(cut) = self.cut_after(&mut sides, before, (start, end, first))
        {
            return Some(cut);
        }
        while let Some(x) = hotspots.get(h) {
            // Where each reading starts, white space at its start left out (a cut there
            // would start a row with a space).
            let at = self.reading_at[h];
            let inside = |side: Side| {
                let (a, e) = (*at.get(side), end.get(side).offset as usize);
                a < e || (a == e && e == *text_end.get(side))
            };
            if !inside(Side::Left) && !inside(Side::Right) {
                break;
            }
            for side in Side::BOTH {
                sides.get_mut(side).advance_to(*at.get(side));
            }
            if self.has_cell(h, Side::Left) && self.has_cell(h, Side::Right) {
                let rows = Pair::new(
                    sides.left.settle(h as u32, x.span.left.end),
                    sides.right.settle(h as u32, x.span.right.end),
                );
                if let (Some(l), Some(r)) = (rows.left, rows.right)
                    && l - first.left != r - first.right
                    && let Some(cut) = self.cut_before(&sides, h, at, (start, first))
                {
                    return Some(cut);
                }
            }
            if let Some(cut) = self.cut_after(&mut sides, h, (start, end, first)) {
                return Some(cut);
            }
            h += 1;
        }
        None
    }

    /// Where both sides stood at the text after hotspot `h` if that text would start on
    /// different rows (counted from the section's `first`) and ending the section there keeps
    /// every reading before it on one row: the side that is ahead is then padded, as a diff
    /// pads with filler lines. `None` where the text after it is aligned already, or is the
    /// next hotspot's (whose own start is aligned), or is past the section's end.
    fn cut_after(
        &self,
        sides: &mut Pair<&mut Stepper<'_, '_>>,
        h: usize,
        (start, end, first): (Pair<RowStart>, Pair<RowStart>, Pair<usize>),
    ) -> Option<Pair<Snap>> {
        let after = self.after[h];
        let inside = |side: Side| *after.get(side) < end.get(side).offset as usize;
        if !inside(Side::Left) || !inside(Side::Right) {
            return None;
        }
        if let Some(next) = self.reading_at.get(h + 1)
            && (next.left <= after.left || next.right <= after.right)
        {
            return None;
        }
        let mut rows = Pair::new(0, 0);
        for side in Side::BOTH {
            let row = sides.get_mut(side).settle_offset(*after.get(side))?;
            *rows.get_mut(side) = row.checked_sub(*first.get(side))?;
        }
        if rows.left == rows.right {
            return None;
        }

        // Where each side stood there, with the insertion marks of `h` and those before drawn.
        let snap = |side: Side| {
            let offset = *after.get(side);
            let marks = self
                .text
                .get(side)
                .marks
                .insertions
                .partition_point(|&(p, m)| (p, m as usize) <= (offset, h));
            sides.get(side).noted_at(offset).find(|s| s.marks == marks)
        };
        let snaps = Pair::new(snap(Side::Left)?, snap(Side::Right)?);
        let key = |s: &Snap| (s.offset, s.marks);
        let from = |r: &RowStart| (r.offset as usize, r.marks as usize);
        let sides = Pair::new(&mut *sides.left, &mut *sides.right);
        let fits = |snaps: Pair<Snap>| {
            key(&snaps.left) >= from(&start.left)
                && key(&snaps.right) >= from(&start.right)
                && (key(&snaps.left), key(&snaps.right)) != (from(&start.left), from(&start.right))
                && !self.splits(h + 1, snaps)
                && self.keeps_rows(&sides, snaps, first)
        };
        // Ending the section there would leave one or two characters alone on a row of a line
        // that goes on (the end of a reading: `…。第六十五` before `条`): end it where that row
        // starts instead, so they start the next row with the text after them.
        let from_row_start = |side: Side| {
            let s = *snaps.get(side);
            let (held, rest) = self.around(side, &s);
            // What is left of the line fits on the row after what it holds: `…责任` / `。`.
            let source = self.text.get(side).source;
            let line = source.slice(s.row_start.offset as usize..source.char_len());
            let line = line.split('\n').next().unwrap_or_default();
            let fits_row = self.widths.str(line) <= self.wrap;
            // And what it holds starts the next row with the text after it.
            let len = source.char_len();
            let word_end = (s.offset + 1..len.min(s.offset + 64))
                .find(|&o| {
                    row_may_start(source, o)
                        || source.slice(o..o + 1).starts_with(char::is_whitespace)
                })
                .unwrap_or(len.min(s.offset + 64));
            let joined = source.slice(s.row_start.offset as usize..word_end.max(s.offset));
            let joins = self.widths.str(joined) <= self.wrap;
            let orphan = joins
                && ((1..=2).contains(&held) && rest > 0
                    || (1..=2).contains(&rest) && held > 0 && fits_row);
            match orphan && self.rows_stay(sides.get(side), side, &s, *first.get(side)) {
                true => Snap {
                    offset: s.row_start.offset as usize,
                    marks: s.row_start.marks as usize,
                    ..s
                },
                false => s,
            }
        };
        let whole = Pair::new(from_row_start(Side::Left), from_row_start(Side::Right));
        let Some(found) = [whole, snaps].into_iter().find(|&s| fits(s)) else {
            // No end there keeps the readings before it where they are (the text after
            // carried the reading down with it, `x。`): end the section before the hotspot
            // instead, so that its readings start the next one, where the text after it is
            // aligned in turn.
            return self.cut_before(&sides, h, self.reading_at[h], (start, first));
        };

        let orphaned = |s: &Pair<Snap>| {
            Side::BOTH.into_iter().any(|side| {
                let (held, rest) = self.around(side, s.get(side));
                (1..=2).contains(&held) && rest > 0
            })
        };
        if !orphaned(&found) {
            return Some(found);
        }

        // A reading right after the first characters of a row (`中‸` before the text after it
        // is padded down): start the section a few characters before the reading instead, where
        // both sides read the same, so those characters have company.
        let at = self.reading_at[h];
        let Some(Pair { left: l, right: r }) = self.lead(at).filter(|p| {
            p.left >= start.left.offset as usize && p.right >= start.right.offset as usize
        }) else {
            return Some(found);
        };
        let snap_at = |side: Side, offset: usize| {
            let marks = self
                .text
                .get(side)
                .marks
                .insertions
                .partition_point(|&(p, _)| p < offset);
            sides.get(side).noted_at(offset).find(|s| s.marks == marks)
        };
        let earlier = snap_at(Side::Left, l)
            .zip(snap_at(Side::Right, r))
            .map(|(l, r)| Pair::new(l, r))
            .filter(|&e| {
                (e.left.offset, e.left.marks) > from(&start.left)
                    && (e.right.offset, e.right.marks) > from(&start.right)
                    && !orphaned(&e)
                    && !self.splits(h, e)
                    && self.keeps_rows(&sides, e, first)
            });
        Some(earlier.unwrap_or(found))
    }

    /// Whether the rows before the one `snap` stood in stay as they were counted when the
    /// section ends where that row starts: a row may have been ended early because of a cell
    /// after it (a reading or a word carried down whole), and that cell is then in the next
    /// section. Laid out again from two rows back (a carry reaches back one row).
    fn rows_stay(&self, stepper: &Stepper<'_, '_>, side: Side, snap: &Snap, first: usize) -> bool {
        let Sink::Count(counter) = &stepper.w.sink else {
            return false;
        };
        let from = snap.rows.saturating_sub(2).max(first);
        let (Some(start), Some(counted)) = (
            counter.starts.get(from),
            counter.starts.get(from..snap.rows),
        ) else {
            return snap.rows == from;
        };
        self.row_starts(side, *start..snap.row_start) == counted
    }

    /// Whether ending the section where the sides stood at `snaps` keeps the readings of every
    /// hotspot before the place on one row (rows counted from the section's `first`). Ending
    /// it there can move a reading up a row: one that starts before the place but was carried
    /// to the next row by what follows it (`罢。` moves down with the `”` after it, and stays
    /// up when the section ends before the `”`); it then ends the row being filled then.
    pub(super) fn keeps_rows(
        &self,
        sides: &Pair<&mut Stepper<'_, '_>>,
        snaps: Pair<Snap>,
        first: Pair<usize>,
    ) -> bool {
        let (Sink::Count(left), Sink::Count(right)) = (&sides.left.w.sink, &sides.right.w.sink)
        else {
            return true;
        };
        let counters = Pair::new(left, right);
        // The row of `g` on `side` once the section ends at the place, from the section's first.
        let row_after = |g: u32, side: Side| {
            let (counter, snap) = (counters.get(side), snaps.get(side));
            counter.first_row(g).map(|(row, _)| {
                let row = if row > snap.rows && self.before_cut(g as usize, side, snap) {
                    snap.rows
                } else {
                    row
                };
                row - first.get(side)
            })
        };
        // The hotspots noted on the rows that may move, on either side.
        let moving = |side: Side| {
            let (counter, snap) = (counters.get(side), snaps.get(side));
            counter.noted.iter().rev().copied().take_while(move |&g| {
                counter
                    .first_row(g)
                    .is_some_and(|(row, _)| row >= snap.rows)
            })
        };
        self.afters_stay(sides, snaps)
            && moving(Side::Left)
                .chain(moving(Side::Right))
                .filter(|&g| {
                    Side::BOTH
                        .into_iter()
                        .all(|side| self.before_cut(g as usize, side, snaps.get(side)))
                })
                .all(
                    |g| match (row_after(g, Side::Left), row_after(g, Side::Right)) {
                        (Some(l), Some(r)) => l == r,
                        _ => true,
                    },
                )
    }

    /// Whether ending the section where the sides stood at `snaps` leaves the text after each
    /// hotspot before the place on the row it was counted on. The row being filled then is
    /// laid out again up to the place, and text that what comes after the place carried down
    /// moves up (` quick，` wider than a row leaves the space alone on its row; ended before
    /// the `，`, ` quick` fits on one).
    fn afters_stay(&self, sides: &Pair<&mut Stepper<'_, '_>>, snaps: Pair<Snap>) -> bool {
        let row_start = snaps.map(|s| s.row_start.offset as usize);
        let last = self
            .reading_at
            .partition_point(|at| at.left < snaps.left.offset);
        (0..last)
            .rev()
            .map(|g| (g, self.after[g]))
            .take_while(|(_, after)| {
                Side::BOTH
                    .into_iter()
                    .any(|side| *after.get(side) >= *row_start.get(side))
            })
            .filter(|&(g, after)| {
                // Text after it of its own (not the next hotspot's), before the place.
                let next = self.reading_at.get(g + 1);
                Side::BOTH.into_iter().all(|side| {
                    let a = *after.get(side);
                    a != NOWHERE
                        && a < snaps.get(side).offset
                        && next.is_none_or(|n| *n.get(side) > a)
                })
            })
            .all(|(_, after)| {
                Side::BOTH.into_iter().all(|side| {
                    self.row_stays(sides.get(side), side, snaps.get(side), *after.get(side))
                })
            })
    }

    /// Whether the character at `offset` (before the place `side` stood at `snap`) stays on
    /// its row when the section ends there.
    fn row_stays(&self, stepper: &Stepper<'_, '_>, side: Side, snap: &Snap, offset: usize) -> bool {
        let Sink::Count(counter) = &stepper.w.sink else {
            return true;
        };
        let row_of = |starts: &[RowStart]| {
            starts
                .partition_point(|r| r.offset as usize <= offset)
                .checked_sub(1)
        };
        let Some(counted) = row_of(counter.starts) else {
            return true;
        };
        // The rows finished before the place stay as they are.
        if counted < snap.rows {
            return true;
        }
        let starts = self.row_starts(side, snap.row_start..at(snap.offset, snap.marks));
        row_of(&starts).map(|r| r + snap.rows) == Some(counted)
    }

    /// Where the rows of `range` on `side` start, laid out on their own (nothing noted).
    fn row_starts(&self, side: Side, range: Range<RowStart>) -> Vec<RowStart> {
        let (mut starts, mut noted) = (Vec::new(), Vec::new());
        let scratch = Counter {
            starts: &mut starts,
            first_rows: &mut [],
            base: 0,
            noted: &mut noted,
        };
        self.stepper(side, range, scratch).run();
        starts
    }

    /// Whether hotspot `g` starts on `side` (its first visible cell) before the place where the
    /// side stood at `snap` (an insertion mark at that place: if it was drawn by then).
    pub(super) fn before_cut(&self, g: usize, side: Side, snap: &Snap) -> bool {
        let span = &self.cmp.hotspots[g].span.get(side);
        if !span.is_empty() {
            // Where its first visible cell is.
            return *self.reading_at[g].get(side) < snap.offset;
        }
        if span.start != snap.offset {
            return span.start < snap.offset;
        }
        let insertions = &self.text.get(side).marks.insertions;
        insertions.partition_point(|&(p, m)| (p, m as usize) < (span.start, g)) < snap.marks
    }

    /// Whether a cut where the sides stood at `snaps` would part what must stay together
    /// before hotspot `h`: one reading of a hotspot on the one side of it and the other after
    /// it; the text after the last hotspot before it on both sides, likewise; or a reading in
    /// two, where it is short (see [`is_short`]) or the other side's reading ends before the
    /// cut.
    pub(super) fn splits(&self, h: usize, snaps: Pair<Snap>) -> bool {
        let before = |g: usize, side: Side| self.before_cut(g, side, snaps.get(side));
        let mut last = None;
        let parted = (0..h)
            .rev()
            .map(|g| (g, before(g, Side::Left), before(g, Side::Right)))
            .take_while(|&(g, l, r)| {
                last = Some(g);
                (l, r) != (true, true)
            })
            .any(|(_, l, r)| l != r);
        // The text after the last hotspot before the place on both sides, on one side of it.
        let after_parted = last.is_some_and(|g| {
            let after = self.after[g];
            let before = |side: Side| *after.get(side) < snaps.get(side).offset;
            after.left != NOWHERE
                && after.right != NOWHERE
                && before(Side::Left) != before(Side::Right)
        });
        // The reading drawn last before the place, on each side, if the place is inside it
        // and it is short, or the place is not inside the other reading (the text after that
        // hotspot would start in two sections).
        let within = |g: usize, side: Side| {
            let offset = snaps.get(side).offset;
            let span = self.cmp.hotspots[g].span.get(side);
            *self.reading_at[g].get(side) < offset && offset < span.end
        };
        let inside = |side: Side| {
            let offset = snaps.get(side).offset;
            let last = self.reading_at[..h.min(self.reading_at.len())]
                .partition_point(|at| *at.get(side) < offset)
                .checked_sub(1);
            last.is_some_and(|g| {
                let span = self.cmp.hotspots[g].span.get(side);
                within(g, side)
                    && (!within(g, side.other())
                        || is_short(self.text.get(side).source, span, self.wrap, self.widths))
            })
        };
        parted || after_parted || inside(Side::Left) || inside(Side::Right)
    }

    /// Where both sides stood at the best place to cut a section (starting at `start`) before
    /// hotspot `h`, which starts at `at` (see [`Context::walk`]).
    pub(super) fn cut_before(
        &self,
        sides: &Pair<&mut Stepper<'_, '_>>,
        h: usize,
        at: Pair<usize>,
        (start, first): (Pair<RowStart>, Pair<usize>),
    ) -> Option<Pair<Snap>> {
        // A cut must move on from the section's start, and leave each hotspot before `h`
        // whole on one side of it.
        let moves_on = |snaps: Pair<Snap>, strict: bool| {
            let key = |s: &Snap| (s.offset, s.marks);
            let from = |r: &RowStart| (r.offset as usize, r.marks as usize);
            let (l, r) = (key(&snaps.left), key(&snaps.right));
            let (sl, sr) = (from(&start.left), from(&start.right));
            (l >= sl
                && r >= sr
                && (l, r) != (sl, sr)
                && !(strict
                    && Side::BOTH
                        .into_iter()
                        .any(|s| self.orphans(s, snaps.get(s))))
                && !self.splits(h, snaps)
                && self.keeps_rows(sides, snaps, first))
            .then_some(snaps)
        };
        // How many insertion marks on each side stand before hotspot `h` at its start.
        let want = |side: Side| {
            self.text
                .get(side)
                .marks
                .insertions
                .partition_point(|&(p, m)| (p, m as usize) < (*at.get(side), h))
        };
        let want = Pair::new(want(Side::Left), want(Side::Right));
        // Where a side stood at `offset`: before the insertion marks there, and after each
        // (those of `h` and later excluded), fewest marks first.
        let states = |side: Side, offset: usize| -> Vec<Snap> {
            let limit = if offset == *at.get(side) {
                *want.get(side)
            } else {
                usize::MAX
            };
            let mut out: Vec<Snap> = sides
                .get(side)
                .noted_at(offset)
                .filter(|s| s.marks <= limit)
                .collect();
            out.sort_unstable_by_key(|s| s.marks);
            out.dedup_by_key(|s| s.marks);
            out
        };
        let cut_at = |place: Pair<usize>, strict: bool| -> Option<Pair<Snap>> {
            let rights = states(Side::Right, place.right);
            states(Side::Left, place.left).into_iter().find_map(|l| {
                rights
                    .iter()
                    .find_map(|&r| moves_on(Pair::new(l, r), strict))
            })
        };
        // The last cuts of each unit (or a bigger one) up to the hotspot, the biggest unit
        // first; else right before the hotspot on each side.
        // Places that leave no orphaned characters first.
        const TRIES: usize = 4;
        let best = |strict: bool| {
            [Unit::Sentence, Unit::Clause, Unit::Word]
                .into_iter()
                .find_map(|unit| {
                    sides
                        .left
                        .passed
                        .iter()
                        .rev()
                        .map(|&(i, _)| self.cuts[i as usize])
                        .filter(|cut| {
                            cut.unit >= unit
                                && cut.at.left as usize <= at.left
                                && cut.at.right as usize <= at.right
                        })
                        .take(TRIES)
                        .map(|cut| cut.at.map(|o| o as usize))
                        .filter(|&place| !strict || !self.too_close(place, at))
                        .find_map(|place| cut_at(place, strict))
                })
                .or_else(|| {
                    // A few characters before the hotspot, where both sides read the same: the
                    // row it starts does not begin with one or two characters and the reading.
                    self.lead(at)
                        .filter(|_| strict)
                        .and_then(|place| cut_at(place, strict))
                })
                .or_else(|| cut_at(at, strict))
        };
        best(true).or_else(|| best(false)).or_else(|| {
            // Each place moves text after an earlier hotspot off its row: end the section at
            // the text after the hotspot before (where both sides read the same again), and
            // cut before this one in the next.
            let after = self.after[h.checked_sub(1)?];
            let before_at = Side::BOTH
                .into_iter()
                .all(|side| *after.get(side) < *at.get(side));
            before_at.then(|| cut_at(after, false)).flatten()
        })
    }

    /// The place `LEAD` characters before readings starting at `at`, where both sides read
    /// the same there and no white space, and a row may start (never inside a word): where a
    /// section may start so that the characters before a reading are not left alone on its
    /// row.
    fn lead(&self, at: Pair<usize>) -> Option<Pair<usize>> {
        let before = |side: Side| {
            let (source, at) = (self.text.get(side).source, *at.get(side));
            let from = at.checked_sub(LEAD)?;
            let text = source.slice(from..at);
            (!text.contains(char::is_whitespace) && row_may_start(source, from))
                .then_some((from, text))
        };
        let ((l, lt), (r, rt)) = before(Side::Left).zip(before(Side::Right))?;
        (lt == rt).then_some(Pair::new(l, r))
    }

    /// Whether a section starting at `place` would begin its first row with only one or two
    /// characters before the reading at `at` (on either side).
    fn too_close(&self, place: Pair<usize>, at: Pair<usize>) -> bool {
        Side::BOTH.into_iter().any(|side| {
            let (p, a) = (*place.get(side), *at.get(side));
            let source = self.text.get(side).source;
            p < a && {
                let n = source
                    .slice(p..a)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .take(LEAD)
                    .count();
                (1..LEAD).contains(&n) && !source.slice(p..a).contains('\n')
            }
        })
    }

    /// Whether ending the section where `side` stood at `snap` orphans characters of a line:
    /// leaves one or two of them alone on the row it ends while the line goes on after the
    /// place, or leaves only one or two of them for the next row after text of the same line.
    pub(super) fn orphans(&self, side: Side, snap: &Snap) -> bool {
        let (held, rest) = self.around(side, snap);
        (1..=2).contains(&held) && rest > 0 || (1..=2).contains(&rest) && held > 0
    }

    /// Around the place `side` stood at `snap`: how many characters of its line (white space
    /// aside, three meaning three or more) the row being filled holds before it, and how many
    /// the line has after it.
    fn around(&self, side: Side, snap: &Snap) -> (usize, usize) {
        let source = self.text.get(side).source;
        let (from, to) = (snap.row_start.offset as usize, snap.offset);
        let end = source.char_len();
        let visible = |r: std::ops::Range<usize>| {
            source
                .slice(r)
                .chars()
                .take_while(|&c| c != '\n')
                .filter(|c| !c.is_whitespace())
                .take(3)
                .count()
        };
        let held = if to > from { visible(from..to) } else { 0 };
        (held, visible(to..end.min(to + 64)))
    }
}
