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

use crate::engine::compare::{Comparison, Kind};
use crate::pair::{Pair, Side};
use crate::sections::{Anchors, Cut, SOFT_BREAK_MARK, SoftBreak, Unit, visible_start};
use crate::source::Source;
use crate::text::chars::{Graphemes, graphemes, is_closing, is_pictographic, is_unspaced_script};
use crate::text::sanitize::shown;
use crate::text::width::Widths;
use crate::work;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

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
    /// Part of a variant inside a moved passage.
    pub inner: bool,
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
    spans: Vec<(Range<usize>, u32)>,
    /// Places where the other side has text this side lacks.
    insertions: Vec<(usize, u32)>,
    /// Search matches, in order.
    matches: Vec<Range<usize>>,
    /// The variants inside moved passages with text on this side, in order.
    inner: Vec<Range<usize>>,
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
        marks.inner = cmp
            .moves
            .iter()
            .flat_map(|m| &m.inner)
            .map(|h| h.span.get(side).clone())
            .filter(|s| !s.is_empty())
            .collect();
        marks.inner.sort_by_key(|s| s.start);
        marks
    }
}

/// A cell waiting for its row to be finished.
struct Cell<'t> {
    text: Cow<'t, str>,
    width: usize,
    look: Look,
    /// Where the row would restart if this cell began it.
    at: RowStart,
    class: CellClass,
}

/// How a cell takes part in line breaking.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CellClass {
    /// A space: a row may end after it; it never starts a row (it hangs at the end instead).
    Space,
    /// Closing punctuation (，。」 , . ) …): never starts a row.
    Closing,
    /// A dash or hyphen: a row may end after it.
    Dash,
    /// A character of an unspaced script (Han, kana, …) or a marker: a row may end before or
    /// after it.
    Break,
    /// A letter, digit or other mark of a spaced script: part of the word around it, which
    /// moves to the next row whole.
    Glue,
}

fn classify(g: &str) -> CellClass {
    let c = g.chars().next().unwrap_or(' ');
    if g == " " {
        CellClass::Space
    } else if c == ' ' {
        // A space with a mark on it is shown (as a marker), never hung.
        CellClass::Break
    } else if is_closing(c) {
        CellClass::Closing
    } else if matches!(c, '-' | '\u{2010}'..='\u{2015}') {
        CellClass::Dash
    } else if is_unspaced_script(c) || is_pictographic(c) {
        CellClass::Break
    } else {
        CellClass::Glue
    }
}

/// Where a row starts, enough to lay it out again on its own: the character offset of its
/// first cell, and how many of its side's insertion marks come before that cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RowStart {
    offset: u32,
    marks: u32,
}

/// What the wrapper does with a finished row.
enum Sink<'a> {
    /// Remember where each row starts and each hotspot's first row (the whole side is counted
    /// once per width; no row is kept).
    Count(Counter<'a>),
    /// Keep the first row, and stop.
    One(Option<Row>),
    /// Keep every row (the tests' reference: rows laid out in one pass).
    #[cfg(test)]
    All(Vec<Row>),
}

/// A first row not known yet.
const NO_ROW: u32 = u32::MAX;
/// The bit of a first row that says it was noted from white space only (a space or tab that
/// begins the hotspot): a row with a visible cell of the hotspot replaces it.
const BLANK: u32 = 1 << 31;

/// Where the rows of one side start, and the first row of each hotspot, as the side is
/// counted.
struct Counter<'a> {
    starts: &'a mut Vec<RowStart>,
    /// The first row of hotspots `base..`, [`NO_ROW`] until known.
    first_rows: &'a mut [u32],
    base: usize,
    /// The hotspots whose first row was noted, in order (so that they can be forgotten).
    noted: &'a mut Vec<u32>,
}

impl Counter<'_> {
    fn slot(&self, h: u32) -> Option<u32> {
        let r = *self.first_rows.get((h as usize).checked_sub(self.base)?)?;
        (r != NO_ROW).then_some(r)
    }

    /// The first row of hotspot `h`, and whether it holds a visible cell of it.
    fn first_row(&self, h: u32) -> Option<(usize, bool)> {
        self.slot(h)
            .map(|r| ((r & !BLANK) as usize, r & BLANK == 0))
    }

    fn note(&mut self, h: u32, row: usize, visible: bool) {
        let Some(slot) = (h as usize)
            .checked_sub(self.base)
            .and_then(|i| self.first_rows.get_mut(i))
        else {
            return;
        };
        if *slot == NO_ROW || (*slot & BLANK != 0 && visible) {
            *slot = row as u32 | if visible { 0 } else { BLANK };
            self.noted.push(h);
        }
    }

    /// Forgets the rows from `rows` on, and the first rows noted on them.
    fn truncate(&mut self, rows: usize) {
        self.starts.truncate(rows);
        while let Some(&h) = self.noted.last() {
            let slot = &mut self.first_rows[h as usize - self.base];
            if ((*slot & !BLANK) as usize) < rows {
                break;
            }
            *slot = NO_ROW;
            self.noted.pop();
        }
    }
}

/// Builds the rows of one side.
struct Wrapper<'a, 't> {
    /// Columns a row may fill.
    width: usize,
    /// Columns a row is padded to (the pane's width, at least `width`).
    pad: usize,
    widths: Widths,
    sink: Sink<'a>,
    cells: Vec<Cell<'t>>,
    used: usize,
    line_start: RowStart,
}

/// A row of `width` columns from `cells` (their looks merged into chunks, padded at the end).
fn make_row<'t>(start: usize, cells: impl Iterator<Item = Cell<'t>>, width: usize) -> Row {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut used = 0;
    for cell in cells {
        used += cell.width;
        match chunks.last_mut() {
            Some(last) if last.look == cell.look => {
                last.text.push_str(&cell.text);
                last.width += cell.width;
            }
            _ => chunks.push(Chunk {
                text: cell.text.into_owned(),
                width: cell.width,
                look: cell.look,
            }),
        }
    }
    if used < width {
        let pad = width - used;
        match chunks.last_mut() {
            Some(last) if last.look == Look::default() => {
                last.text.push_str(&" ".repeat(pad));
                last.width += pad;
            }
            _ => chunks.push(Chunk {
                text: " ".repeat(pad),
                width: pad,
                look: Look::default(),
            }),
        }
    }
    Row { start, chunks }
}

impl<'t> Wrapper<'_, 't> {
    /// Whether the one row wanted is made.
    fn done(&self) -> bool {
        matches!(self.sink, Sink::One(Some(_)))
    }

    /// Where the row being filled starts.
    fn row_start(&self) -> RowStart {
        self.cells.first().map_or(self.line_start, |c| c.at)
    }

    /// Ends the row with all cells but the last `carry`, which start the next row.
    fn finish(&mut self, carry: usize) {
        let keep = self.cells.len() - carry;
        let start = self.row_start();
        match &mut self.sink {
            Sink::Count(counter) => {
                let row_index = counter.starts.len();
                for cell in &self.cells[..keep] {
                    if let Some(h) = cell.look.hotspot {
                        let blank = cell.class == CellClass::Space
                            || cell.text.chars().all(char::is_whitespace);
                        counter.note(h, row_index, !blank);
                    }
                }
                counter.starts.push(start);
                // The carried cells move to the front, with no new allocation.
                self.cells.drain(..keep);
            }
            #[cfg(test)]
            Sink::All(rows) => {
                let cells: Vec<Cell<'t>> = self.cells.drain(..keep).collect();
                rows.push(make_row(start.offset as usize, cells.into_iter(), self.pad));
            }
            Sink::One(row) => {
                let cells = self.cells.drain(..keep);
                if row.is_none() {
                    *row = Some(make_row(start.offset as usize, cells, self.pad));
                }
            }
        }
        self.used = self.cells.iter().map(|c| c.width).sum();
    }
    /// How many trailing cells to carry to the next row so that `next` does not start it
    /// badly: a word of a spaced script (with the closing marks glued to it) moves whole, back
    /// to the last place a row may end (after a space, a dash, or a character of an unspaced
    /// script), and so does the word before closing punctuation (`deck,` moves as one);
    /// closing punctuation after any other character takes that character along. A word
    /// longer than the row is the only one split.
    fn carry_for(&self, next: CellClass) -> usize {
        use CellClass::*;
        let n = self.cells.len();
        let Some(last) = self.cells.last().map(|c| c.class) else {
            return 0;
        };
        // The trailing run of word characters and closing marks, and whether it holds a word.
        let run = self
            .cells
            .iter()
            .rev()
            .take_while(|c| matches!(c.class, Glue | Closing))
            .count();
        let word = self.cells[n - run..].iter().any(|c| c.class == Glue);
        // Carrying the whole row would leave an empty one: the run is split instead.
        let whole = |carry: usize| (carry < n).then_some(carry);
        match next {
            // A word, with the marks glued to it (`e.g.`, `said."`), moves whole.
            Glue if word && matches!(last, Glue | Closing) => whole(run).unwrap_or(0),
            Closing if word => whole(run).unwrap_or(1.min(n - 1)),
            // Closing marks after a character of an unspaced script (`文。` before `”`) move
            // down with it; a space or tab does not (it would start the row, and a tab's width
            // depends on where it was first placed).
            Closing if run > 0 && n > run && self.cells[n - run - 1].class == Break => {
                whole(run + 1).unwrap_or(0)
            }
            Closing if matches!(last, Break | Dash) => whole(1).unwrap_or(0),
            _ => 0,
        }
    }

    fn push(
        &mut self,
        text: Cow<'t, str>,
        width: usize,
        look: Look,
        at: RowStart,
        class: CellClass,
    ) {
        if self.width == 0 {
            return;
        }
        let (text, width) = if width > self.width {
            (Cow::Borrowed(">"), 1)
        } else {
            (text, width)
        };
        // A space that does not fit hangs at the end of the full row, drawn as nothing: the
        // next row starts with the word after it, never with the space that ended this one.
        if class == CellClass::Space && self.used + width > self.width && !self.cells.is_empty() {
            self.cells.push(Cell {
                text: Cow::Borrowed(""),
                width: 0,
                look,
                at,
                class,
            });
            return;
        }
        if self.used + width > self.width {
            let mut carry = self.carry_for(class);
            let carried: usize = self.cells[self.cells.len() - carry..]
                .iter()
                .map(|c| c.width)
                .sum();
            if carried + width > self.width {
                carry = 0;
            }
            self.finish(carry);
        }
        self.used += width;
        self.cells.push(Cell {
            text,
            width,
            look,
            at,
            class,
        });
    }

    fn tab(&mut self, look: Look, at: RowStart) {
        if self.width == 0 {
            return;
        }
        if self.used >= self.width {
            self.finish(0);
        }
        let n = (TAB - self.used % TAB).min(self.width - self.used);
        self.push(Cow::Owned(" ".repeat(n)), n, look, at, CellClass::Space);
    }

    fn end_line(&mut self, next_line: RowStart) {
        self.finish(0);
        self.line_start = next_line;
    }
}

/// The position of `offset` with `marks` insertion marks before it.
fn at(offset: usize, marks: usize) -> RowStart {
    RowStart {
        offset: offset as u32,
        marks: marks as u32,
    }
}

/// What one side's layout reads: its text, what to mark on it, and its soft line breaks.
#[derive(Clone, Copy)]
struct SideText<'t> {
    source: &'t Source,
    marks: &'t Marks,
    soft: &'t [SoftBreak],
}

/// One side being laid out, a grapheme at a time, so that both sides can be laid out in step.
struct Stepper<'a, 't> {
    text: SideText<'t>,
    graphemes: Graphemes<'t>,
    range: Range<usize>,
    /// How many of the side's insertion marks are drawn by the end of the range: those at
    /// its end offset with a smaller index are drawn in it, the others in the next range.
    end_marks: usize,
    /// The offset of the next grapheme.
    offset: usize,
    span_i: usize,
    ins_i: usize,
    match_i: usize,
    inner_i: usize,
    soft_i: usize,
    /// The end of the soft break drawn last: its white space is not drawn again.
    skip_to: usize,
    /// Whether the current line has anything on it.
    pending_line: bool,
    /// Whether the range is done and its last row made.
    closed: bool,
    /// Whether to note where the side stands at the places a section may be cut at.
    noting: bool,
    /// The places where a section may be cut, and the side this is.
    cuts: &'t [Cut],
    side: Side,
    next_cut: usize,
    /// Where this side stood at each cut passed: the cut's index and the place.
    passed: Vec<(u32, Snap)>,
    /// Where this side stood (while cuts are noted) at other places a section may be cut at:
    /// before each insertion mark drawn, after the marks at an offset, and at the visible
    /// start of each hotspot's reading.
    states: Vec<Snap>,
    /// The visible starts of the side's hotspot readings, in order, and the next one.
    visible: &'t [usize],
    next_visible: usize,
    w: Wrapper<'a, 't>,
}

/// Where a range of a side starts or ends: how many of the side's insertion marks are drawn
/// before it (`None`: those before its offset, or at the end of the text all of them).
type MarkBounds = (Option<usize>, Option<usize>);

impl<'a, 't> Stepper<'a, 't> {
    /// Lays out `range` of a side, `width` columns of text in rows padded to `pad`, handing the
    /// rows to `sink`; `marks` are the numbers of the side's insertion marks drawn before the
    /// range and by its end.
    fn new(
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
    fn with_cuts(
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
            inner_i: marks.inner.partition_point(|m| m.end <= range.start),
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
            },
            range,
            text,
        }
    }

    /// Draws the insertion marks at the current offset (at the range's end, only those that
    /// belong to it).
    fn insert_marks(&mut self) {
        let offset = self.offset;
        let source = self.text.source;
        let noting = self.noting;
        let first = self.ins_i;
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
    fn step(&mut self) -> bool {
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
        while self.inner_i < marks.inner.len() && marks.inner[self.inner_i].end <= offset {
            self.inner_i += 1;
        }
        let hotspot = marks
            .spans
            .get(self.span_i)
            .filter(|(s, _)| s.start <= offset)
            .map(|&(_, h)| h);
        let matched = marks
            .matches
            .get(self.match_i)
            .is_some_and(|m| m.start <= offset);
        let inner = marks
            .inner
            .get(self.inner_i)
            .is_some_and(|m| m.start <= offset);
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

    /// Ends the range: the marks at its end, and its last row.
    fn close(&mut self) {
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
    fn run(mut self) -> Sink<'a> {
        while self.step() {}
        self.close();
        self.w.sink
    }

    /// Lays out up to `offset`, the grapheme there not included.
    fn advance_to(&mut self, offset: usize) {
        while self.offset < offset && self.step() {}
        if !self.closed {
            self.note_cuts();
        }
    }

    /// Notes where the side stands if a cut, or the visible start of a hotspot, is here (and
    /// passes those left behind).
    fn note_cuts(&mut self) {
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

    /// The first row of hotspot `h` noted so far, and whether a visible cell of it is there.
    fn first_row(&self, h: u32) -> Option<(usize, bool)> {
        match &self.w.sink {
            Sink::Count(counter) => counter.first_row(h),
            _ => None,
        }
    }

    /// The first row of hotspot `h` (ending at `end`) with a visible cell of it on this side
    /// (else the row of its first blank), laying out as far as needed to know it. `None` if
    /// it has no cell here.
    fn settle(&mut self, h: u32, end: usize) -> Option<usize> {
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

    /// The rows finished so far (while counting).
    fn rows(&self) -> usize {
        match &self.w.sink {
            Sink::Count(counter) => counter.starts.len(),
            _ => 0,
        }
    }

    /// Where this side stands: a place the layout can later end a section at.
    fn snap(&self) -> Snap {
        Snap {
            offset: self.offset,
            marks: self.ins_i,
            rows: self.rows(),
            row_start: self.w.row_start(),
        }
    }

    /// The counter, once the side's range is left.
    fn into_counter(self) -> Option<Counter<'a>> {
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
struct Snap {
    offset: usize,
    /// The insertion marks drawn so far.
    marks: usize,
    rows: usize,
    row_start: RowStart,
}

/// Lays out `range` of one side, handing the rows to `sink` (see [`Stepper::new`]).
fn wrap_side<'a>(
    text: SideText<'_>,
    range: Range<usize>,
    marks: MarkBounds,
    width: (usize, usize),
    widths: Widths,
    sink: Sink<'a>,
) -> Sink<'a> {
    Stepper::new(text, range, marks, width, widths, sink).run()
}

/// Rows of one section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SectionRows {
    /// First row of the section in the synchronised view.
    global: usize,
    /// First row of the section on each side.
    first: Pair<usize>,
    /// Number of rows on each side.
    count: Pair<usize>,
    /// Where the section's text starts on each side (with the insertion marks before it).
    start: Pair<RowStart>,
    /// Where the section's text ends on each side (with the insertion marks drawn by then).
    end: Pair<RowStart>,
}

/// What every part of a layout reads.
struct Context<'t> {
    text: Pair<SideText<'t>>,
    /// Columns of text in a row, on both sides.
    wrap: usize,
    /// Columns a row is padded to, on each side.
    pad: Pair<usize>,
    widths: Widths,
    cuts: &'t [Cut],
    cmp: &'t Comparison,
    /// For every hotspot, where its reading is first drawn on each side (white space at its
    /// start left out, at a grapheme boundary).
    reading_at: Vec<Pair<usize>>,
    /// Those places on each side, in order, for readings with text.
    visible: Pair<Vec<usize>>,
}

/// The rows of a run of sections, laid out on one thread.
struct Part {
    starts: Pair<Vec<RowStart>>,
    /// The sections (`global` not set yet; `first` counts from the part's first row).
    sections: Vec<SectionRows>,
}

/// The hotspots' first rows noted by one part: those of hotspots `base..` on each side.
struct FirstRows<'a> {
    rows: Pair<&'a mut [u32]>,
    base: usize,
}

impl Context<'_> {
    /// Whether hotspot `h` draws a cell on `side`: text, or an insertion mark.
    fn has_cell(&self, h: usize, side: Side) -> bool {
        let hot = &self.cmp.hotspots[h];
        !hot.span.get(side).is_empty() || hot.kind != Kind::Changed
    }

    fn stepper<'a>(
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
    fn bounds(&self, offsets: Pair<usize>) -> Pair<RowStart> {
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
    fn part(&self, starts: &[Pair<usize>], stop: Pair<usize>, first_rows: FirstRows<'_>) -> Part {
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
    fn walk(
        &self,
        mut sides: Pair<&mut Stepper<'_, '_>>,
        start: Pair<RowStart>,
        end: Pair<RowStart>,
        first: Pair<usize>,
    ) -> Option<Pair<Snap>> {
        let hotspots = &self.cmp.hotspots;
        let text_end = self.text.map(|t| t.source.char_len());
        let mut h = hotspots.partition_point(|x| x.span.left.start < start.left.offset as usize);
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
            h += 1;
        }
        None
    }

    /// Whether ending the section where the sides stood at `snaps` keeps the readings of every
    /// hotspot before the place on one row (rows counted from the section's `first`). Ending
    /// it there can move a reading up a row: one that starts before the place but was carried
    /// to the next row by what follows it (`罢。` moves down with the `”` after it, and stays
    /// up when the section ends before the `”`); it then ends the row being filled then.
    fn keeps_rows(
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
        moving(Side::Left)
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

    /// Whether hotspot `g` starts on `side` (its first visible cell) before the place where the
    /// side stood at `snap` (an insertion mark at that place: if it was drawn by then).
    fn before_cut(&self, g: usize, side: Side, snap: &Snap) -> bool {
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

    /// Whether a cut where the sides stood at `snaps` would leave one reading of a hotspot
    /// before `h` on the one side of it and the other after it.
    fn splits(&self, h: usize, snaps: Pair<Snap>) -> bool {
        let before = |g: usize, side: Side| self.before_cut(g, side, snaps.get(side));
        (0..h)
            .rev()
            .map(|g| (before(g, Side::Left), before(g, Side::Right)))
            .take_while(|&both| both != (true, true))
            .any(|(l, r)| l != r)
    }

    /// Where both sides stood at the best place to cut a section (starting at `start`) before
    /// hotspot `h`, which starts at `at` (see [`Context::walk`]).
    fn cut_before(
        &self,
        sides: &Pair<&mut Stepper<'_, '_>>,
        h: usize,
        at: Pair<usize>,
        (start, first): (Pair<RowStart>, Pair<usize>),
    ) -> Option<Pair<Snap>> {
        // A cut must move on from the section's start, and leave each hotspot before `h`
        // whole on one side of it.
        let moves_on = |snaps: Pair<Snap>| {
            let key = |s: &Snap| (s.offset, s.marks);
            let from = |r: &RowStart| (r.offset as usize, r.marks as usize);
            let (l, r) = (key(&snaps.left), key(&snaps.right));
            let (sl, sr) = (from(&start.left), from(&start.right));
            (l >= sl
                && r >= sr
                && (l, r) != (sl, sr)
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
            let stepper = sides.get(side);
            let limit = if offset == *at.get(side) {
                *want.get(side)
            } else {
                usize::MAX
            };
            let passed = stepper.passed.iter().rev().map(|p| p.1);
            let marked = stepper.states.iter().rev().copied();
            let mut out: Vec<Snap> = passed
                .take_while(|s| s.offset >= offset)
                .chain(marked.take_while(|s| s.offset >= offset))
                .filter(|s| s.offset == offset && s.marks <= limit)
                .collect();
            out.sort_unstable_by_key(|s| s.marks);
            out.dedup_by_key(|s| s.marks);
            out
        };
        let cut_at = |place: Pair<usize>| -> Option<Pair<Snap>> {
            let rights = states(Side::Right, place.right);
            states(Side::Left, place.left)
                .into_iter()
                .find_map(|l| rights.iter().find_map(|&r| moves_on(Pair::new(l, r))))
        };
        // The last cuts of each unit (or a bigger one) up to the hotspot, the biggest unit
        // first; else right before the hotspot on each side.
        const TRIES: usize = 4;
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
                    .find_map(|cut| cut_at(cut.at.map(|o| o as usize)))
            })
            .or_else(|| cut_at(at))
    }
}

/// The rows drawn lately, so that a frame like the last one (a scroll by a row, a redraw)
/// lays out only what is new. Bounded: emptied when it holds [`ROW_CACHE`] rows.
#[derive(Default)]
struct RowCache(RefCell<FxHashMap<(Side, usize), Arc<Row>>>);

/// Most rows the cache holds (a few screens of the largest terminals).
const ROW_CACHE: usize = 2048;

impl RowCache {
    fn get_or_make(&self, key: (Side, usize), make: impl FnOnce() -> Row) -> Arc<Row> {
        if let Some(row) = self.0.borrow().get(&key) {
            return Arc::clone(row);
        }
        let row = Arc::new(make());
        let mut cache = self.0.borrow_mut();
        if cache.len() >= ROW_CACHE {
            cache.clear();
        }
        cache.insert(key, Arc::clone(&row));
        row
    }
}

impl Clone for RowCache {
    /// A copy starts empty: rows are made again on demand.
    fn clone(&self) -> Self {
        RowCache::default()
    }
}

impl std::fmt::Debug for RowCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RowCache({} rows)", self.0.borrow().len())
    }
}

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
            visible: Pair::default(),
        };
        // The places a side stands at a reading's start: those of readings with text.
        let visible = Pair::new(Side::Left, Side::Right).map(|side| {
            cmp.hotspots
                .iter()
                .zip(&context.reading_at)
                .filter(|(h, _)| !h.span.get(side).is_empty())
                .map(|(_, at)| *at.get(side))
                .collect()
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
        let split_hotspot = starts.get(middle).map_or(n, |s| {
            cmp.hotspots.partition_point(|h| h.span.left.start < s.left)
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
            let hatched = facing.is_some_and(|row| {
                row.chunks.iter().any(|c| {
                    !c.look.marker
                        && c.look
                            .hotspot
                            .is_some_and(|h| lacking.get(h as usize).copied().unwrap_or(false))
                })
            });
            PaneRow::Filler { hatched }
        }
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
        let a = "共同的开头段落。\n只在左边的段落一。\n只在左边的段落二。\n只在左边的段落三。\n共同的结尾段落。";
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
