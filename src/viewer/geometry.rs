//! Screen geometry: where the headers, the two panes, the divider, the apparatus panel and the
//! status bar go on a terminal of a given size. One [`Screen`] value, computed once per size
//! (and whenever the panel opens or closes), is what the state scrolls by and what the
//! renderer draws into, so the two never disagree.
//!
//! The rule: the divider `│` takes one column (two where ambiguous characters are drawn
//! wide); of the columns left, the left pane gets half rounded down and the right pane the
//! rest, so the divider sits at column `(width - divider) / 2`. Row 0 holds the headers, the
//! last row the status bar, the panel (when open) the rows just above the status bar.

use crate::pair::Pair;
use crate::text::width::Widths;
use ratatui::layout::Rect;

/// Smallest terminal the layout is drawn in; smaller ones get a notice.
pub const MIN_SIZE: (u16, u16) = (20, 5);
/// The divider between the panes (one column, or two where `│` is drawn wide).
pub const DIVIDER: &str = "│";
/// Rows of the header line.
const HEADER_ROWS: u16 = 1;
/// Rows of the status bar.
const STATUS_ROWS: u16 = 1;
/// The apparatus panel takes half the rows between header and status bar, at most this many.
const PANEL_MAX_ROWS: u16 = 10;
/// A panel with fewer rows than this is not drawn (the text needs them more).
const PANEL_MIN_ROWS: u16 = 3;
/// Line numbers are drawn only where each pane keeps at least this many columns for its text.
pub const MIN_TEXT_COLUMNS: u16 = 12;

/// Where everything goes on one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    /// The whole terminal.
    pub area: Rect,
    /// Whether the terminal is large enough for the layout (else a notice is drawn).
    pub usable: bool,
    /// The header row of each pane (same columns as the pane).
    pub headers: Pair<Rect>,
    /// The text rows of each pane (after its line-number gutter, when it has one).
    pub panes: Pair<Rect>,
    /// Each pane's line-number gutter (zero columns wide when line numbers are off).
    pub gutters: Pair<Rect>,
    /// The divider's columns, from the header row to the last text row.
    pub divider: Rect,
    /// The apparatus panel, when open and there is room for it.
    pub panel: Option<Rect>,
    /// The status bar.
    pub status: Rect,
}

impl Screen {
    /// The geometry of a terminal of `size` (columns, rows), with the apparatus panel open or
    /// not.
    pub fn new(size: (u16, u16), widths: Widths, panel_open: bool) -> Screen {
        let (cols, rows) = size;
        let area = Rect::new(0, 0, cols, rows);
        let divider_width = (widths.str(DIVIDER) as u16).min(cols);
        let left = (cols - divider_width) / 2;
        let right = cols - divider_width - left;
        let between = rows.saturating_sub(HEADER_ROWS + STATUS_ROWS);
        let panel_rows = if panel_open {
            let h = (between / 2).min(PANEL_MAX_ROWS);
            if h < PANEL_MIN_ROWS { 0 } else { h }
        } else {
            0
        };
        let text_rows = between - panel_rows;
        let text_y = HEADER_ROWS.min(rows);
        let right_x = left + divider_width;
        Screen {
            area,
            usable: cols >= MIN_SIZE.0 && rows >= MIN_SIZE.1,
            headers: Pair::new(
                Rect::new(0, 0, left, HEADER_ROWS.min(rows)),
                Rect::new(right_x, 0, right, HEADER_ROWS.min(rows)),
            ),
            panes: Pair::new(
                Rect::new(0, text_y, left, text_rows),
                Rect::new(right_x, text_y, right, text_rows),
            ),
            gutters: Pair::new(
                Rect::new(0, text_y, 0, text_rows),
                Rect::new(right_x, text_y, 0, text_rows),
            ),
            divider: Rect::new(left, 0, divider_width, text_y + text_rows),
            panel: (panel_rows > 0).then(|| Rect::new(0, text_y + text_rows, cols, panel_rows)),
            status: Rect::new(
                0,
                rows.saturating_sub(STATUS_ROWS),
                cols,
                STATUS_ROWS.min(rows),
            ),
        }
    }

    /// The same screen with a line-number gutter of `columns` at the start of each pane (the
    /// text takes the rest), where each pane keeps at least [`MIN_TEXT_COLUMNS`] for its text;
    /// else the screen as it is.
    pub fn with_gutter(mut self, columns: u16) -> Screen {
        let narrower = self.panes.left.width.min(self.panes.right.width);
        if columns == 0 || narrower < columns + MIN_TEXT_COLUMNS {
            return self;
        }
        for side in crate::pair::Side::BOTH {
            let pane = *self.panes.get(side);
            *self.gutters.get_mut(side) = Rect::new(pane.x, pane.y, columns, pane.height);
            *self.panes.get_mut(side) =
                Rect::new(pane.x + columns, pane.y, pane.width - columns, pane.height);
        }
        self
    }

    /// The columns of each pane's line-number gutter (0 when there is none).
    pub fn gutter(&self) -> u16 {
        self.gutters.left.width
    }

    /// Rows of text each pane shows.
    pub fn text_rows(&self) -> usize {
        self.panes.left.height as usize
    }

    /// The width of each pane.
    pub fn pane_widths(&self) -> Pair<usize> {
        self.panes.map(|r| r.width as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divider_in_the_middle_at_odd_and_even_widths() {
        for (cols, left, right) in [(80, 39, 40), (81, 40, 40), (20, 9, 10), (1, 0, 0)] {
            let s = Screen::new((cols, 24), Widths::default(), false);
            assert_eq!(s.divider.x, left, "{cols}");
            assert_eq!(s.pane_widths(), Pair::new(left as usize, right), "{cols}");
            assert_eq!(s.panes.right.x, left + 1);
        }
        let wide = Widths {
            ambiguous_wide: true,
        };
        let s = Screen::new((81, 24), wide, false);
        assert_eq!((s.divider.x, s.divider.width), (39, 2));
        assert_eq!(s.pane_widths(), Pair::new(39, 40));
    }

    #[test]
    fn a_gutter_narrows_the_text_not_the_panes() {
        for cols in [80u16, 81, 121, 200] {
            let plain = Screen::new((cols, 24), Widths::default(), false);
            let s = plain.with_gutter(5);
            assert_eq!(s.gutter(), 5);
            assert_eq!(s.divider, plain.divider, "{cols}: the divider stays");
            for side in crate::pair::Side::BOTH {
                let (p, g, t) = (
                    plain.panes.get(side),
                    s.gutters.get(side),
                    s.panes.get(side),
                );
                assert_eq!((g.x, g.width), (p.x, 5), "{cols}");
                assert_eq!((t.x, t.width), (p.x + 5, p.width - 5), "{cols}");
            }
        }
        // No room: no gutter.
        let small = Screen::new((30, 10), Widths::default(), false);
        assert_eq!(small.with_gutter(5), small);
        assert_eq!(Screen::new((80, 24), Widths::default(), false).gutter(), 0);
    }

    #[test]
    fn rows_for_text_panel_and_status() {
        let s = Screen::new((100, 30), Widths::default(), false);
        assert_eq!((s.text_rows(), s.status.y, s.panel), (28, 29, None));
        let s = Screen::new((100, 30), Widths::default(), true);
        assert_eq!(s.text_rows(), 18);
        assert_eq!(s.panel, Some(Rect::new(0, 19, 100, 10)));
        // Too short for a panel: the text keeps every row.
        let s = Screen::new((100, 7), Widths::default(), true);
        assert_eq!((s.text_rows(), s.panel), (5, None));
        let s = Screen::new((3, 1), Widths::default(), true);
        assert!(!s.usable);
        assert_eq!(s.text_rows(), 0);
    }
}
