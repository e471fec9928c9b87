//! Painting cells: text and blanks written into a ratatui buffer at terminal coordinates, a
//! grapheme per cell, wide glyphs covering the cells after them. The renderer and every
//! component paint through these, so a wide glyph is never left half-covered.

use crate::text::chars::graphemes;
use crate::text::width::{Widths, buffer_width};
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use std::num::NonZeroU16;

/// Clears a wide glyph that starts just left of `x` (it would cover the cell at `x`).
#[inline]
fn unhide(buf: &mut Buffer, x: u16, y: u16) {
    if x > buf.area.left() {
        let prev = &mut buf[(x - 1, y)];
        if buffer_width(prev.symbol()) > 1
            || matches!(prev.diff_option, CellDiffOption::ForcedWidth(w) if w.get() > 1)
        {
            prev.reset();
        }
    }
}

/// Writes `text` at `(x, y)`, at most up to column `end`; returns the column after it.
pub fn put(
    buf: &mut Buffer,
    widths: Widths,
    x: u16,
    y: u16,
    end: u16,
    text: &str,
    style: Style,
) -> u16 {
    let mut x = x;
    for g in graphemes(text) {
        let w = widths.grapheme(g) as u16;
        if w == 0 {
            continue;
        }
        if x + w > end {
            break;
        }
        unhide(buf, x, y);
        let cell = &mut buf[(x, y)];
        cell.set_symbol(g)
            .set_style(style)
            .set_diff_option(CellDiffOption::None);
        if buffer_width(g) != w as usize
            && let Some(forced) = NonZeroU16::new(w)
        {
            cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        for k in 1..w {
            buf[(x + k, y)].reset();
        }
        x += w;
    }
    x
}

/// Fills columns `x..end` of row `y` with spaces of `style`.
#[inline]
pub fn fill(buf: &mut Buffer, x: u16, y: u16, end: u16, style: Style) {
    if x < end {
        unhide(buf, x, y);
    }
    for col in x..end {
        buf[(col, y)].reset();
        buf[(col, y)].set_symbol(" ").set_style(style);
    }
}
