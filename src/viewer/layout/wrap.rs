//! The wrapping rules: cells (graphemes with their widths and looks) filled into rows of a
//! given width. Closing punctuation never starts a row (the character, or the spaced-script
//! word, before it moves down with it); words of spaced scripts wrap whole; a row breaks after
//! spaces, dashes and characters of unspaced scripts; a space that ends a full row hangs
//! there; wide characters never split or overflow (the row is padded). What a finished row
//! becomes is the [`Sink`]'s choice: counted (where rows start), kept, or the one row wanted.

use super::row::{Chunk, Look, Row, TAB};
use crate::text::chars::{is_closing, is_pictographic, is_unspaced_script};
use crate::text::width::Widths;
use std::borrow::Cow;

/// A cell waiting for its row to be finished.
pub(super) struct Cell<'t> {
    pub(super) text: Cow<'t, str>,
    pub(super) width: usize,
    pub(super) look: Look,
    /// Where the row would restart if this cell began it.
    pub(super) at: RowStart,
    pub(super) class: CellClass,
    /// The hotspot reading the cell is part of, if any.
    pub(super) reading: Option<CellReading>,
    /// Whether the cell is a tab (its width depends on where it is placed).
    pub(super) tab: bool,
}

/// Where a cell stands in a hotspot's reading, for keeping readings whole across rows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct CellReading {
    pub(super) hotspot: u32,
    /// Whether the whole reading fits in a third of a row (and has no line break): it is
    /// never broken across rows.
    pub(super) short: bool,
    /// Characters of the reading from this cell's on (this one's included).
    pub(super) left: u32,
    /// Whether this cell starts the reading.
    pub(super) first: bool,
}

/// A longer reading never leaves fewer than this many characters on a row.
pub(super) const MIN_PIECE: u32 = 3;

/// How a cell takes part in line breaking.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum CellClass {
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

pub(super) fn classify(g: &str) -> CellClass {
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
pub(super) struct RowStart {
    pub(super) offset: u32,
    pub(super) marks: u32,
}

/// What the wrapper does with a finished row.
pub(super) enum Sink<'a> {
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
pub(super) const NO_ROW: u32 = u32::MAX;
/// The bit of a first row that says it was noted from white space only (a space or tab that
/// begins the hotspot): a row with a visible cell of the hotspot replaces it.
pub(super) const BLANK: u32 = 1 << 31;

/// Where the rows of one side start, and the first row of each hotspot, as the side is
/// counted.
pub(super) struct Counter<'a> {
    pub(super) starts: &'a mut Vec<RowStart>,
    /// The first row of hotspots `base..`, [`NO_ROW`] until known.
    pub(super) first_rows: &'a mut [u32],
    pub(super) base: usize,
    /// The hotspots whose first row was noted, in order (so that they can be forgotten).
    pub(super) noted: &'a mut Vec<u32>,
}

impl Counter<'_> {
    pub(super) fn slot(&self, h: u32) -> Option<u32> {
        let r = *self.first_rows.get((h as usize).checked_sub(self.base)?)?;
        (r != NO_ROW).then_some(r)
    }

    /// The first row of hotspot `h`, and whether it holds a visible cell of it.
    pub(super) fn first_row(&self, h: u32) -> Option<(usize, bool)> {
        self.slot(h)
            .map(|r| ((r & !BLANK) as usize, r & BLANK == 0))
    }

    pub(super) fn note(&mut self, h: u32, row: usize, visible: bool) {
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
    pub(super) fn truncate(&mut self, rows: usize) {
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
pub(super) struct Wrapper<'a, 't> {
    /// Columns a row may fill.
    pub(super) width: usize,
    /// Columns a row is padded to (the pane's width, at least `width`).
    pub(super) pad: usize,
    pub(super) widths: Widths,
    pub(super) sink: Sink<'a>,
    pub(super) cells: Vec<Cell<'t>>,
    pub(super) used: usize,
    pub(super) line_start: RowStart,
    /// The reading the cells pushed next belong to (set by the stepper).
    pub(super) reading: Option<CellReading>,
    /// Whether the cell pushed next is a tab.
    pub(super) tab: bool,
}

/// A row of `width` columns from `cells` (their looks merged into chunks, padded at the end).
pub(super) fn make_row<'t>(
    start: usize,
    cells: impl Iterator<Item = Cell<'t>>,
    width: usize,
) -> Row {
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
    pub(super) fn done(&self) -> bool {
        matches!(self.sink, Sink::One(Some(_)))
    }

    /// Where the row being filled starts.
    pub(super) fn row_start(&self) -> RowStart {
        self.cells.first().map_or(self.line_start, |c| c.at)
    }

    /// Ends the row with all cells but the last `carry`, which start the next row.
    pub(super) fn finish(&mut self, carry: usize) {
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
        // A space that hung at the end of the row and moves on with the cells after it (a
        // reading kept whole) is an ordinary space again.
        for cell in &mut self.cells {
            if cell.class == CellClass::Space && cell.width == 0 {
                cell.text = Cow::Borrowed(" ");
                cell.width = 1;
            }
        }
        self.used = self.cells.iter().map(|c| c.width).sum();
    }

    /// `carry` widened so that the row does not end inside a reading it must keep whole (the
    /// cell after the carried ones is `next`, the one being pushed when nothing is carried):
    /// a short reading moves down whole; a longer one leaves no fewer than [`MIN_PIECE`]
    /// characters on either row where it can. Never the whole row.
    pub(super) fn keep_readings(&self, carry: usize, next: Option<CellReading>) -> usize {
        let n = self.cells.len();
        let mut k = n - carry;
        let reading_at = |i: usize| if i < n { self.cells[i].reading } else { next };
        let (Some(before), Some(after)) = (k.checked_sub(1).and_then(reading_at), reading_at(k))
        else {
            return carry;
        };
        if before.hotspot != after.hotspot {
            return carry;
        }
        let h = before.hotspot;
        let same = |i: usize| self.cells[i].reading.is_some_and(|r| r.hotspot == h);
        // The cells of the reading on the row before the break.
        let mut start = k;
        while start > 0 && same(start - 1) {
            start -= 1;
        }
        let begins_here = self.cells[start].reading.is_some_and(|r| r.first);
        let first_k = k;
        if after.short {
            k = start;
        } else {
            // Too little of it would start the next row: take some down with it.
            if after.left < MIN_PIECE {
                k -= ((MIN_PIECE - after.left) as usize).min(k - start);
            }
            // Too little of it would be left at the end of this row: take that down too.
            if begins_here && ((k - start) as u32) < MIN_PIECE {
                k = start;
            }
        }
        // What moves down takes along what it may not be parted from (the word before its
        // closing mark).
        if k != first_k && k > 0 && k < n {
            k -= carry_before(&self.cells[..k], self.cells[k].class);
        }
        // The row ends after its spaces: they hang there, the next row starts with text.
        while k < n && self.cells[k].class == CellClass::Space {
            k += 1;
        }
        // A short reading that starts the row cannot move down whole: it stays whole on this
        // row, and what comes after it on the row moves down instead.
        if k == 0 && after.short {
            let mut end = first_k;
            while end < n && (same(end) || self.cells[end].class == CellClass::Space) {
                end += 1;
            }
            if end < n && !self.cells[end..].iter().any(|c| c.tab) {
                return n - end;
            }
        }
        // A tab is as wide as where it stands: it never moves to another row.
        if k == 0 || self.cells[k..].iter().any(|c| c.tab) {
            carry
        } else {
            n - k
        }
    }

    /// How many trailing cells to carry to the next row so that `next` does not start it
    /// badly: a word of a spaced script (with the closing marks glued to it) moves whole, back
    /// to the last place a row may end (after a space, a dash, or a character of an unspaced
    /// script), and so does the word before closing punctuation (`deck,` moves as one);
    /// closing punctuation after any other character takes that character along. A word
    /// longer than the row is the only one split.
    pub(super) fn carry_for(&self, next: CellClass) -> usize {
        carry_before(&self.cells, next)
    }

    pub(super) fn push(
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
                reading: self.reading,
                tab: self.tab,
            });
            return;
        }
        if self.used + width > self.width {
            let carry = self.carry_for(class);
            let mut carry = self.keep_readings(carry, self.reading);
            // (A space hung inside the carried cells is drawn again.)
            let carried: usize = self.cells[self.cells.len() - carry..]
                .iter()
                .map(|c| c.width.max(usize::from(c.class == CellClass::Space)))
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
            reading: self.reading,
            tab: self.tab,
        });
    }

    pub(super) fn tab(&mut self, look: Look, at: RowStart) {
        if self.width == 0 {
            return;
        }
        if self.used >= self.width {
            self.finish(0);
        }
        let n = (TAB - self.used % TAB).min(self.width - self.used);
        self.tab = true;
        self.push(Cow::Owned(" ".repeat(n)), n, look, at, CellClass::Space);
        self.tab = false;
    }

    pub(super) fn end_line(&mut self, next_line: RowStart) {
        self.finish(0);
        self.line_start = next_line;
    }
}

/// How many of the trailing `cells` to carry to the next row so that a cell of class `next`
/// does not start it badly (see [`Wrapper::carry_for`]).
fn carry_before(cells: &[Cell<'_>], next: CellClass) -> usize {
    use CellClass::*;
    let n = cells.len();
    let Some(last) = cells.last().map(|c| c.class) else {
        return 0;
    };
    // The trailing run of word characters and closing marks, and whether it holds a word.
    let run = cells
        .iter()
        .rev()
        .take_while(|c| matches!(c.class, Glue | Closing))
        .count();
    let word = cells[n - run..].iter().any(|c| c.class == Glue);
    // Carrying the whole row would leave an empty one: the run is split instead.
    let whole = |carry: usize| (carry < n).then_some(carry);
    match next {
        // A word, with the marks glued to it (`e.g.`, `said."`), moves whole.
        Glue if word && matches!(last, Glue | Closing) => whole(run).unwrap_or(0),
        Closing if word => whole(run).unwrap_or(1.min(n - 1)),
        // Closing marks after a character of an unspaced script (`文。` before `”`) move
        // down with it; a space or tab does not (it would start the row, and a tab's width
        // depends on where it was first placed).
        Closing if run > 0 && n > run && cells[n - run - 1].class == Break => {
            whole(run + 1).unwrap_or(0)
        }
        Closing if matches!(last, Break | Dash) => whole(1).unwrap_or(0),
        _ => 0,
    }
}

/// The position of `offset` with `marks` insertion marks before it.
pub(super) fn at(offset: usize, marks: usize) -> RowStart {
    RowStart {
        offset: offset as u32,
        marks: marks as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::chars::graphemes;

    /// `text` wrapped at `width` columns by the rules alone (no sections, no marks), each row
    /// as the text it shows, padded to the width.
    fn wrapped(text: &str, width: usize) -> Vec<String> {
        let widths = Widths::default();
        let mut w = Wrapper {
            width,
            pad: width,
            widths,
            sink: Sink::All(Vec::new()),
            cells: Vec::new(),
            used: 0,
            line_start: at(0, 0),
            reading: None,
            tab: false,
        };
        let mut offset = 0;
        for g in graphemes(text) {
            let here = at(offset, 0);
            offset += g.chars().count();
            match g {
                "\n" => w.end_line(at(offset, 0)),
                "\t" => w.tab(Look::default(), here),
                _ => w.push(
                    Cow::Borrowed(g),
                    widths.str(g),
                    Look::default(),
                    here,
                    classify(g),
                ),
            }
        }
        if !w.cells.is_empty() {
            w.finish(0);
        }
        match w.sink {
            Sink::All(rows) => rows.iter().map(Row::text).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn closing_punctuation_takes_the_character_before_it_down() {
        // `，` would start the second row: `四` goes down with it (8 columns: 4 Han).
        assert_eq!(wrapped("一二三四，五", 8), ["一二三  ", "四，五  "]);
        // At an odd width a wide character never splits: the row is padded.
        assert_eq!(wrapped("一二三四五", 7), ["一二三 ", "四五   "]);
    }

    #[test]
    fn spaced_words_wrap_whole_and_a_word_moves_with_its_mark() {
        assert_eq!(wrapped("the quick brown", 10), ["the quick ", "brown     "]);
        // `deck,` moves as one.
        assert_eq!(
            wrapped("on the deck, then", 11),
            ["on the     ", "deck, then "]
        );
        // Only a word wider than the row is split.
        assert_eq!(wrapped("abcdefgh", 3), ["abc", "def", "gh "]);
    }

    #[test]
    fn a_space_that_ends_a_full_row_hangs_there() {
        assert_eq!(wrapped("abcd efgh", 4), ["abcd", "efgh"]);
    }

    #[test]
    fn rows_break_after_dashes_and_at_line_ends_and_tabs_reach_a_stop() {
        assert_eq!(wrapped("well-known", 7), ["well-  ", "known  "]);
        assert_eq!(wrapped("甲\n乙", 4), ["甲  ", "乙  "]);
        assert_eq!(
            wrapped("a\tb", 8),
            [format!("a{}b   ", " ".repeat(TAB - 1))]
        );
    }
}
