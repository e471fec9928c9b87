//! The view model: both texts cut into synchronised sections, wrapped to pane widths and padded
//! into rows of styled chunks. Pure data, no terminal: the renderer only copies rows out.
//!
//! * **Sections.** A section boundary is a place where both sides begin a paragraph (a line)
//!   with corresponding text, found through the alignment. Each section is wrapped on its own
//!   and padded to the same height on both sides, so aligned paragraphs start on the same row.
//! * **Wrapping** is by display columns ([`crate::text::width`]): a wide character never splits and
//!   never overflows (the cell is padded instead); closing punctuation does not start a row
//!   when it can be avoided (the character before it moves down with it); words of spaced
//!   scripts wrap whole when they fit; tabs expand to the next tab stop. Every row is exactly
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
use crate::source::Source;
use crate::text::chars::{graphemes, is_closing, is_pictographic, is_unspaced_script};
use crate::text::sanitize::shown;
use crate::text::width::Widths;
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

/// Where both texts begin corresponding paragraphs: section starts, as character offsets.
/// The first section starts where each text does: at its first line with anything but white
/// space on it (blank lines before it are not drawn).
pub fn sections(sources: Pair<&Source>, cmp: &Comparison) -> Vec<Pair<usize>> {
    let firsts = Pair::new(
        line_firsts(sources.left, &cmp.norm.left.orig),
        line_firsts(sources.right, &cmp.norm.right.orig),
    );
    let changes: Vec<Pair<Range<usize>>> = cmp.hotspots.iter().map(|h| h.norm.clone()).collect();
    let mut out = vec![sources.map(text_start)];
    let mut ci = 0;
    let mut prev_end = (0, 0);
    for &(nl, line_left) in &firsts.left {
        while let Some(c) = changes.get(ci) {
            let pure_insertion_here = c.left.is_empty() && c.left.start == nl;
            if c.left.end < nl || (c.left.end == nl && !pure_insertion_here) {
                prev_end = (c.left.end, c.right.end);
                ci += 1;
            } else {
                break;
            }
        }
        let nr = match changes.get(ci) {
            // Text the right side lacks was inserted here: face the text after it.
            Some(c) if c.left.start == nl && c.left.is_empty() => Some(c.right.end),
            // A block only the left side has starts here: the right paragraph at that place
            // faces the text after the block, so the block gets no boundary of its own.
            Some(c) if c.left.start == nl && c.right.is_empty() => None,
            Some(c) if c.left.start == nl => Some(c.right.start),
            Some(c) if c.left.start < nl => None,
            _ => Some(nl - prev_end.0 + prev_end.1),
        };
        let Some(nr) = nr else { continue };
        let Ok(i) = firsts.right.binary_search_by_key(&nr, |&(n, _)| n) else {
            continue;
        };
        let point = Pair::new(line_left, firsts.right[i].1);
        let last = out[out.len() - 1];
        if point.left > last.left && point.right > last.right {
            out.push(point);
        }
    }
    out
}

/// The start of the first line of `source` with anything but blanks on it (its end if there is
/// none). Blanks are spaces, tabs, ideographic spaces and line breaks: a character drawn as a
/// marker (a bare CR, a form feed, a line separator) is something on the line.
fn text_start(source: &Source) -> usize {
    let mut chars = source.text.chars().peekable();
    let mut i = 0;
    while let Some(c) = chars.next() {
        let blank = match c {
            ' ' | '\t' | '\u{3000}' | '\n' => true,
            '\r' => chars.peek() == Some(&'\n'),
            _ => false,
        };
        if !blank {
            return source.line_start(source.line_of(i) - 1);
        }
        i += 1;
    }
    source.char_len()
}

/// For every line with text: the normalised index of its first character, and the line's
/// start offset.
fn line_firsts(source: &Source, orig: &[u32]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line = 0;
    let mut last_line = usize::MAX;
    for (n, &o) in orig.iter().enumerate() {
        let o = o as usize;
        while line + 1 < source.line_count() && source.line_start(line + 1) <= o {
            line += 1;
        }
        if line != last_line {
            out.push((n, source.line_start(line)));
            last_line = line;
        }
    }
    out
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
    Count {
        starts: &'a mut Vec<RowStart>,
        first_rows: &'a mut [Option<usize>],
    },
    /// Keep the first row, and stop.
    One(Option<Row>),
    /// Keep every row (the tests' reference: rows laid out in one pass).
    #[cfg(test)]
    All(Vec<Row>),
}

/// Builds the rows of one side.
struct Wrapper<'a, 't> {
    width: usize,
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

    /// Ends the row with all cells but the last `carry`, which start the next row.
    fn finish(&mut self, carry: usize) {
        let keep = self.cells.len() - carry;
        let start = self.cells.first().map_or(self.line_start, |c| c.at);
        match &mut self.sink {
            Sink::Count { starts, first_rows } => {
                let row_index = starts.len();
                for cell in &self.cells[..keep] {
                    if let Some(h) = cell.look.hotspot {
                        first_rows[h as usize].get_or_insert(row_index);
                    }
                }
                starts.push(start);
                // The carried cells move to the front, with no new allocation.
                self.cells.drain(..keep);
            }
            #[cfg(test)]
            Sink::All(rows) => {
                let cells: Vec<Cell<'t>> = self.cells.drain(..keep).collect();
                rows.push(make_row(
                    start.offset as usize,
                    cells.into_iter(),
                    self.width,
                ));
            }
            Sink::One(row) => {
                let cells = self.cells.drain(..keep);
                if row.is_none() {
                    *row = Some(make_row(start.offset as usize, cells, self.width));
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

/// Lays out `range` of `source` at `width`, handing the rows to `sink`; `marks_before` is the
/// number of the side's insertion marks drawn before `range.start` (`None`: those before that
/// offset). Returns the sink.
fn wrap_side<'a, 't>(
    source: &'t Source,
    range: Range<usize>,
    marks_before: Option<usize>,
    width: usize,
    widths: Widths,
    marks: &Marks,
    sink: Sink<'a>,
) -> Sink<'a> {
    let text = source.slice(range.clone());
    let mut span_i = marks.spans.partition_point(|(s, _)| s.end <= range.start);
    let mut ins_i =
        marks_before.unwrap_or_else(|| marks.insertions.partition_point(|&(p, _)| p < range.start));
    let mut w = Wrapper {
        width,
        widths,
        sink,
        cells: Vec::new(),
        used: 0,
        line_start: at(range.start, ins_i),
    };
    let mut match_i = marks.matches.partition_point(|m| m.end <= range.start);
    let at_text_end = range.end == source.char_len();
    let mut offset = range.start;
    let mut pending_line = false;
    let insert_marks = |w: &mut Wrapper<'_, 't>, offset: usize, ins_i: &mut usize| {
        while let Some(&(p, h)) = marks.insertions.get(*ins_i) {
            if p != offset || (p == range.end && !at_text_end) {
                break;
            }
            let look = Look {
                hotspot: Some(h),
                marker: true,
                ..Look::default()
            };
            let mw = w.widths.str(INSERTION_MARK);
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
            w.push(
                Cow::Borrowed(INSERTION_MARK),
                mw,
                look,
                at(offset, *ins_i),
                class,
            );
            *ins_i += 1;
        }
    };
    for g in graphemes(text) {
        if w.done() {
            return w.sink;
        }
        let len = g.chars().count();
        insert_marks(&mut w, offset, &mut ins_i);
        while span_i < marks.spans.len() && marks.spans[span_i].0.end <= offset {
            span_i += 1;
        }
        while match_i < marks.matches.len() && marks.matches[match_i].end <= offset {
            match_i += 1;
        }
        let hotspot = marks
            .spans
            .get(span_i)
            .filter(|(s, _)| s.start <= offset)
            .map(|&(_, h)| h);
        let matched = marks
            .matches
            .get(match_i)
            .is_some_and(|m| m.start <= offset);
        let look = Look {
            hotspot,
            matched,
            ..Look::default()
        };
        if g == "\n" || g == "\r\n" {
            w.end_line(at(offset + len, ins_i));
            pending_line = false;
        } else if g == "\t" {
            w.tab(look, at(offset, ins_i));
            pending_line = true;
        } else {
            let s = shown(g);
            let width = if s.marker {
                widths.str(&s.text)
            } else {
                widths.grapheme(&s.text)
            };
            let look = Look {
                marker: s.marker,
                ..look
            };
            w.push(s.text, width, look, at(offset, ins_i), classify(g));
            pending_line = true;
        }
        offset += len;
    }
    if w.done() {
        return w.sink;
    }
    insert_marks(&mut w, offset, &mut ins_i);
    if pending_line || !w.cells.is_empty() {
        w.finish(0);
    }
    w.sink
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
    /// Where the section's text ends on each side (character offsets).
    end: Pair<usize>,
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
    widths: Widths,
    sources: Pair<Arc<Source>>,
    marks: Pair<Marks>,
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
    /// Lays out both sources, cut at `sections`, at the given pane widths, with `marks` on
    /// each side.
    pub fn new(
        sources: Pair<Arc<Source>>,
        cmp: &Comparison,
        sections: &[Pair<usize>],
        width: Pair<usize>,
        widths: Widths,
        marks: Pair<Marks>,
    ) -> Layout {
        let n = cmp.hotspots.len();
        let end = sources.as_ref().map(|s| s.char_len());
        // Both sides are counted at once, each on its own thread.
        let count_side = |side: Side| {
            let mut starts = Vec::new();
            let mut first_rows = vec![None; n];
            let mut firsts = Vec::with_capacity(sections.len() + 1);
            for (i, start) in sections.iter().enumerate() {
                let stop = sections.get(i + 1).map_or(*end.get(side), |s| *s.get(side));
                firsts.push(starts.len());
                wrap_side(
                    sources.get(side),
                    *start.get(side)..stop,
                    None,
                    *width.get(side),
                    widths,
                    marks.get(side),
                    Sink::Count {
                        starts: &mut starts,
                        first_rows: &mut first_rows,
                    },
                );
            }
            firsts.push(starts.len());
            starts.shrink_to_fit();
            (starts, first_rows, firsts)
        };
        let (left, right) = std::thread::scope(|scope| {
            let right = scope.spawn(|| count_side(Side::Right));
            let left = count_side(Side::Left);
            (
                left,
                right
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            )
        });
        let mut out = Vec::with_capacity(sections.len());
        let mut global = 0;
        for i in 0..sections.len() {
            let first = Pair::new(left.2[i], right.2[i]);
            let count = Pair::new(left.2[i + 1] - left.2[i], right.2[i + 1] - right.2[i]);
            let stop = sections
                .get(i + 1)
                .copied()
                .unwrap_or(Pair::new(end.left, end.right));
            out.push(SectionRows {
                global,
                first,
                count,
                end: stop,
            });
            global += count.left.max(count.right);
        }
        let first_rows = Pair::new(left.1, right.1);
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
            widths,
            sources,
            marks,
            starts: Pair::new(left.0, right.0),
            sections: out,
            cache: RowCache::default(),
            total: global,
            hotspot_rows: Vec::new(),
            lacking: Pair::new(lacking_on(Side::Left), lacking_on(Side::Right)),
        };
        layout.hotspot_rows = (0..n)
            .map(|h| {
                Pair::new(
                    first_rows.left[h].map(|r| layout.global_row(Side::Left, r)),
                    first_rows.right[h].map(|r| layout.global_row(Side::Right, r)),
                )
            })
            .collect();
        layout
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
            widths: Widths::default(),
            sources: Pair::new(Arc::clone(&nothing), nothing),
            marks: Pair::default(),
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
        let from = start.offset as usize;
        let sink = wrap_side(
            self.sources.get(side),
            from..*sec.end.get(side),
            Some(start.marks as usize),
            width,
            self.widths,
            self.marks.get(side),
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
    use crate::testkit::source;

    fn src(text: &str) -> Source {
        source("t", text)
    }

    fn layout(a: &str, b: &str, width: usize) -> (Vec<String>, Vec<String>, Layout) {
        let (a, b) = (src(a), src(b));
        let cmp = compare(&a.text, &b.text);
        let pair = Pair::new(&a, &b);
        let secs = sections(pair, &cmp);
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
        let secs = sections(Pair::new(&a, &b), &cmp);
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
            let secs = sections(Pair::new(&a, &b), &cmp);
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
                let mut one_pass = Vec::new();
                for (i, start) in secs.iter().enumerate() {
                    let stop = secs.get(i + 1).map_or(source.char_len(), |s| *s.get(side));
                    if let Sink::All(rows) = wrap_side(
                        source,
                        *start.get(side)..stop,
                        None,
                        *width.get(side),
                        widths,
                        marks.get(side),
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
