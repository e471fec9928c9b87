//! The viewport: which row is at the top of the panes (a row of the folded view, which is the
//! layout's synchronised row while folding is off), how it scrolls, and the reader's place
//! kept across a resize, a new layout, a new pair or a new run (by source and offset, so it
//! survives anything that lays the text out again).

use super::{App, READING_LINE};
use crate::engine::compare::{Hotspot, Stop};
use crate::pair::Side;
use crate::viewer::folds::ViewRow;
use crate::viewer::geometry::Screen;
use crate::viewer::layout::{Layout, Row};
use crate::viewer::places::Saved;
use crate::viewer::state::lay_out;

/// Where the reader is, by source and offset: what [`App::restore`] brings back.
#[derive(Debug, Clone)]
pub(super) struct Place {
    /// For each pane, its source and the offset at the top.
    top: Vec<(usize, usize)>,
    /// The current hotspot's span in each shown source.
    current: Option<Spans>,
    /// With a variant inside a moved passage current, its span in each shown source.
    inner: Option<Spans>,
}

/// A hotspot's span in each shown source, by source.
type Spans = Vec<(usize, std::ops::Range<usize>)>;

impl App {
    /// Computes the screen geometry again (new size, panel opened or closed); lays out again
    /// if the pane widths changed.
    pub(super) fn set_screen(&mut self, size: (u16, u16)) {
        let was_on_screen = self.current_on_screen();
        self.screen = Screen::new(size, self.widths, self.panel().is_some());
        if self.line_numbers {
            // As wide as the longest source's last line number, and a space.
            let lines = self.library.sources.iter().map(|s| s.line_count()).max();
            let digits = lines.unwrap_or(1).max(1).to_string().len() as u16;
            self.screen = self.screen.with_gutter(digits + 1);
        }
        // A page of the apparatus panel is the places it shows at once.
        let page = self
            .screen
            .panel
            .map_or(0, |p| p.height.saturating_sub(1) as usize);
        if let Some(panel) = self.panel_mut() {
            panel.page = page.max(1);
        }
        if self.screen.pane_widths() != self.view.layout.width {
            self.relayout();
        } else {
            self.clamp();
        }
        // The current hotspot, if it was in sight, stays in sight (at the reading line when
        // the new layout moved it off screen). That move is the resize's, not the reader's:
        // the text the reader had at the top stays the anchor of the next layout, so a round
        // trip of sizes comes back to the same top.
        if was_on_screen && self.screen.usable && !self.current_on_screen() {
            let kept = self.kept_top;
            self.go_to_current();
            if let Some((offset, _)) = kept {
                self.kept_top = Some((offset, self.top));
            }
        }
    }

    /// Whether the current hotspot (or variant inside a moved passage) is on screen.
    pub(super) fn current_on_screen(&self) -> bool {
        let (top, height) = (self.top, self.text_height());
        self.current_row()
            .map(|r| self.view_row(r))
            .is_some_and(|r| r >= top && r < top + height)
    }

    /// Computes the screen geometry again at the same size (a panel opened or closed).
    pub(super) fn refresh_screen(&mut self) {
        self.set_screen((self.screen.area.width, self.screen.area.height));
    }

    /// Lays out again (new size, new search), keeping the same text at the top, and folds
    /// again. The old layout is dropped first, so the two never take memory at once.
    pub(super) fn relayout(&mut self) {
        let anchor = match self.kept_top {
            Some((offset, row)) if row == self.top => Some(offset),
            _ => self.view.layout.offset_at(self.top_row()),
        };
        self.view.layout = Layout::empty();
        let layout = lay_out(
            self.library.sources(self.view.shown),
            &self.view.comparison,
            &self.view.anchors,
            &self.screen,
            self.widths,
            &self.view.search,
        );
        self.view.layout = layout;
        self.refold();
        self.top = anchor.map_or(0, |(side, offset)| {
            self.view_row(self.view.layout.row_of_offset(side, offset))
        });
        self.clamp();
        self.kept_top = anchor.map(|a| (a, self.top));
    }

    /// Where the reader is: the passage at the top of each pane and the current hotspot, by
    /// source and offset (so it survives a new comparison).
    pub(super) fn place(&self) -> Place {
        let shown = self.view.shown;
        let top = Side::BOTH
            .into_iter()
            .filter_map(|side| {
                let offset = self.view.layout.offset_on(side, self.top_row())?;
                Some((*shown.get(side), offset))
            })
            .collect();
        let cmp = &self.view.comparison;
        let spans = |h: &Hotspot| -> Spans {
            Side::BOTH
                .into_iter()
                .map(|side| (*shown.get(side), h.span.get(side).clone()))
                .collect()
        };
        let current = self.current.map(|i| spans(&cmp.hotspots[i]));
        let inner = match self.current_stop() {
            Some(stop @ Stop::Inner { .. }) => Some(spans(&cmp.listed(stop))),
            _ => None,
        };
        Place {
            top,
            current,
            inner,
        }
    }

    /// Where the reader is in the shown pair, by offsets, to be remembered between runs.
    pub fn saved_place(&self) -> Saved {
        let layout = &self.view.layout;
        let top = Side::BOTH.map(|side| layout.offset_on(side, self.top_row()));
        let current = self.current.map(|i| {
            let span = &self.view.comparison.hotspots[i].span;
            [
                span.left.start,
                span.left.end,
                span.right.start,
                span.right.end,
            ]
        });
        Saved { top, current }
    }

    /// Goes to `saved`, a place in the shown pair remembered from an earlier run: the same
    /// passage at the top, and the same hotspot current if the comparison still has it.
    pub fn resume(&mut self, saved: Saved) {
        let shown = self.view.shown;
        let top = Side::BOTH
            .into_iter()
            .zip(saved.top)
            .filter_map(|(side, offset)| Some((*shown.get(side), offset?)))
            .filter(|&(source, offset)| offset <= self.library.sources[source].char_len())
            .collect();
        let current = saved
            .current
            .map(|[a, b, c, d]| vec![(shown.left, a..b), (shown.right, c..d)]);
        self.restore(Place {
            top,
            current,
            inner: None,
        });
    }

    /// Brings back `place` after the shown pair changed: the same passage at the top (of a
    /// source still shown) and the same hotspot current if the new pair has it.
    pub(super) fn restore(&mut self, place: Place) {
        let shown = self.view.shown;
        let side_of = |source: usize| Side::BOTH.into_iter().find(|s| *shown.get(*s) == source);
        if let Some((side, offset)) = place
            .top
            .iter()
            .find_map(|&(source, offset)| Some((side_of(source)?, offset)))
        {
            self.top = self.view_row(self.view.layout.row_of_offset(side, offset));
            self.clamp();
        }
        let Some(spans) = place.current else { return };
        // The same spans in the sources still shown.
        let same = |h: &Hotspot, spans: &Spans| {
            let mut matched = 0;
            for (source, span) in spans {
                match side_of(*source) {
                    Some(side) if h.span.get(side) == span => matched += 1,
                    Some(_) => return false,
                    None => {}
                }
            }
            matched > 0
        };
        let cmp = &self.view.comparison;
        let found = cmp.hotspots.iter().position(|h| same(h, &spans));
        if let Some(i) = found {
            // A variant inside the move current before, if the move still has it.
            let inner = place.inner.as_ref().and_then(|inner| {
                let k = cmp.move_of(i)?;
                cmp.moves[k].inner.iter().position(|v| same(v, inner))
            });
            self.current = Some(i);
            self.current_inner = inner;
            if !self.current_on_screen() {
                self.go_to_current();
            }
        }
    }

    /// The last view row the top can be at.
    pub(super) fn max_top(&self) -> usize {
        self.folds.len().saturating_sub(self.text_height())
    }

    pub(super) fn clamp(&mut self) {
        self.top = self.top.min(self.max_top());
    }

    pub(super) fn scroll_by(&mut self, delta: isize) {
        self.top = self.top.saturating_add_signed(delta);
        self.clamp();
    }

    /// Brings layout row `row` to the reading line, about a third down the panes, opening
    /// the fold it is in.
    pub(super) fn show_row(&mut self, row: usize) {
        self.open_fold(row);
        self.top = self
            .view_row(row)
            .saturating_sub(self.text_height() / READING_LINE);
        self.clamp();
    }

    /// Brings layout row `row` to the top (as far as the view goes), opening the fold it is
    /// in.
    pub(super) fn show_at_top(&mut self, row: usize) {
        self.open_fold(row);
        self.top = self.view_row(row);
        self.clamp();
    }

    /// The visible rows of one pane (each exactly the pane's width; a fold as the row that
    /// says what it hides).
    pub fn visible_rows(&self, side: Side) -> Vec<Row> {
        let layout = &self.view.layout;
        (self.top..(self.top + self.text_height()).min(self.folds.len()))
            .filter_map(|v| match self.folds.at(v)? {
                ViewRow::Row(g) => Some(layout.row_or_filler(side, g)),
                ViewRow::Fold(fold) => Some(self.fold_row(side, fold)),
            })
            .collect()
    }
}
