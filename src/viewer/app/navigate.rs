//! Navigation: the hotspot walk (`n`/`p` through the comparison's stops, the reports' order: a
//! moved passage once, then the variants inside it; `o` to a move's other place), going to a
//! hotspot, a stop, an apparatus place, a line, a percentage or a heading, and a click on a
//! phrase.

use super::{App, READING_LINE};
use crate::engine::compare::Stop;
use crate::pair::Side;
use crate::text::sanitize::escape;
use crate::viewer::layout::PaneRow;

impl App {
    /// Selects apparatus place `i` and brings it, and the pair's hotspot there, into view.
    pub fn go_to_place(&mut self, i: usize) {
        let Some(collation) = self.library.collation() else {
            return;
        };
        if collation.places.is_empty() {
            self.message = Some("no variant places: all sources read the same".to_string());
            return;
        }
        let i = i.min(collation.places.len() - 1);
        let span = collation.places[i].span.clone();
        if let Some(panel) = self.panel_mut() {
            panel.selected = i;
        }
        // The pair's own hotspot at this place, if the two shown sources differ here.
        let hotspot = self.view.comparison.hotspots.iter().position(|h| {
            let l = &h.span.left;
            l.start < span.end.max(span.start + 1) && span.start < l.end.max(l.start + 1)
        });
        if let Some(h) = hotspot {
            self.go_to_hotspot(h);
        } else {
            let row = self.view.layout.row_of_offset(Side::Left, span.start);
            self.show_row(row);
        }
    }

    /// Makes hotspot `i` current and scrolls to it.
    pub fn go_to_hotspot(&mut self, i: usize) {
        let n = self.view.comparison.hotspots.len();
        if n == 0 {
            self.message = Some("no hotspots: the two texts read the same".to_string());
            return;
        }
        let i = i.min(n - 1);
        self.current = Some(i);
        self.current_inner = None;
        let rows = self.view.layout.hotspot_rows[i];
        if let Some(row) = [rows.left, rows.right].into_iter().flatten().min() {
            self.show_row(row);
        }
        if self.view.comparison.partner(i).is_some() {
            self.message = Some(format!("{} · o: other place", self.move_status(i)));
        }
    }

    /// The first row hotspot `i` is on (either side).
    pub(crate) fn hotspot_row(&self, i: usize) -> Option<usize> {
        let rows = self.view.layout.hotspot_rows.get(i)?;
        rows.left.into_iter().chain(rows.right).min()
    }

    /// The current stop: the current hotspot's (a half of a move is the move), or the variant
    /// inside the move that is current.
    pub fn current_stop(&self) -> Option<Stop> {
        let cmp = &self.view.comparison;
        let i = self.current.filter(|&i| i < cmp.hotspots.len())?;
        Some(match (cmp.stop_of(i), self.current_inner) {
            (Stop::Moved(k), Some(j)) if j < cmp.moves[k].inner.len() => {
                Stop::Inner { moved: k, inner: j }
            }
            (stop, _) => stop,
        })
    }

    /// The stop number of the current variant inside a moved passage, if one is current (its
    /// reading is drawn as current, the rest of the passage not).
    pub fn current_inner_number(&self) -> Option<u32> {
        match self.current_stop()? {
            stop @ Stop::Inner { .. } => Some(self.view.comparison.stop_number(stop) as u32),
            _ => None,
        }
    }

    /// The side a half of move `k` has its text on: the left half's the left (the old place),
    /// the right half's the right.
    fn half_side(&self, k: usize, half: usize) -> Side {
        if self.view.comparison.moves[k].halves.left == half {
            Side::Left
        } else {
            Side::Right
        }
    }

    /// Whether any of hotspot `i`'s text is on screen (not only its first row).
    fn in_sight(&self, i: usize) -> bool {
        // Layout rows (what the view shows runs from the top row to the first row below it).
        let (top, bottom) = (
            self.top_row(),
            self.folds.first_row(self.top + self.text_height()),
        );
        let layout = &self.view.layout;
        let h = &self.view.comparison.hotspots[i];
        Side::BOTH.into_iter().any(|side| {
            let span = h.span.get(side);
            !span.is_empty()
                && layout.row_of_offset(side, span.start) < bottom
                && layout.row_of_offset(side, span.end - 1) >= top
        })
    }

    /// The hotspot a stop is shown at: itself, or for a moved passage or a variant inside one,
    /// one of the move's two halves. A move has one number but two places, and the reader
    /// expects the walk not to jump between them: the half the reader is at (`near`, the
    /// current hotspot, when it is a half of this move: `n` from a move to its variants, `p`
    /// back, stay where the passage is read), else a half in sight (the earlier first), else
    /// the place that comes first (where the reports list the move). A variant is shown where
    /// it has a reading, the first of those places that has: a word the move added at its new
    /// place has nothing to highlight at the old one.
    pub fn stop_place(&self, stop: Stop, near: Option<usize>) -> usize {
        let cmp = &self.view.comparison;
        let (k, inner) = match stop {
            Stop::Hotspot(i) => return i,
            Stop::Moved(k) => (k, None),
            Stop::Inner { moved, inner } => (moved, Some(&cmp.moves[moved].inner[inner])),
        };
        let halves = cmp.moves[k].halves;
        let (first, second) = (halves.left.min(halves.right), halves.left.max(halves.right));
        let order = [
            near.filter(|&h| h == first || h == second),
            Some(first).filter(|&h| self.in_sight(h)),
            Some(second).filter(|&h| self.in_sight(h)),
            Some(first),
            Some(second),
        ];
        let places: Vec<usize> = order.into_iter().flatten().collect();
        let reads = |h: usize| match inner {
            Some(v) => !v.span.get(self.half_side(k, h)).is_empty(),
            None => true,
        };
        (places.iter().copied().find(|&h| reads(h)))
            .or(places.first().copied())
            .unwrap_or(first)
    }

    /// The row of variant `inner` of move `moved` at half `at`: where its reading starts there
    /// (or, with none there, where it would stand).
    fn inner_row(&self, moved: usize, inner: usize, at: usize) -> usize {
        let side = self.half_side(moved, at);
        let span = self.view.comparison.moves[moved].inner[inner]
            .span
            .get(side);
        self.view.layout.row_of_offset(side, span.start)
    }

    /// The row `stop` is at when shown as [`App::stop_place`] says.
    pub(crate) fn stop_row(&self, stop: Stop, near: Option<usize>) -> Option<usize> {
        let at = self.stop_place(stop, near);
        match stop {
            Stop::Inner { moved, inner } => Some(self.inner_row(moved, inner, at)),
            _ => self.hotspot_row(at),
        }
    }

    /// The row of the current stop where it is shown.
    pub(crate) fn current_row(&self) -> Option<usize> {
        let at = self.current?;
        match self.current_stop()? {
            Stop::Inner { moved, inner } => Some(self.inner_row(moved, inner, at)),
            _ => self.hotspot_row(at),
        }
    }

    /// Makes `stop` current and scrolls to it, at the place [`App::stop_place`] picks with the
    /// reader at `near`.
    pub fn show_stop(&mut self, stop: Stop, near: Option<usize>) {
        let at = self.stop_place(stop, near);
        match stop {
            Stop::Inner { moved, inner } => {
                self.current = Some(at);
                self.current_inner = Some(inner);
                let row = self.inner_row(moved, inner, at);
                self.show_row(row);
                self.message = Some(format!("{} · o: other place", self.inner_status()));
            }
            _ => self.go_to_hotspot(at),
        }
    }

    /// Scrolls to the current stop where it is shown, keeping it current.
    pub(super) fn go_to_current(&mut self) {
        match (self.current, self.current_stop()) {
            (Some(_), Some(Stop::Inner { .. })) => {
                if let Some(row) = self.current_row() {
                    self.show_row(row);
                }
            }
            (Some(i), _) => self.go_to_hotspot(i),
            _ => {}
        }
    }

    /// The next (or previous) stop of the walk from the current one while it is on screen,
    /// else from the view, as vim's `n` searches from the cursor: the stop nearest below the
    /// reading line (above it, going back), or the first from the start of the text when the
    /// view is at the top. The walk is the reports' order: a moved passage once, then the
    /// variants inside it, shown at the place of the move the reader is at.
    pub(super) fn next_hotspot(&mut self, forward: bool) {
        let n = self.view.comparison.stops().len();
        if n == 0 {
            self.go_to_hotspot(0);
            return;
        }
        // Layout rows, as the hotspots' rows are (the reading line's: where its row starts).
        let (top, height) = (self.top_row(), self.text_height());
        // In a terminal too small for a layout the view is nowhere: keep walking from the
        // current hotspot.
        let nowhere = height == 0 || !self.screen.usable;
        let current = self.current_stop().filter(|_| {
            if nowhere {
                self.current_row().is_some()
            } else {
                self.current_on_screen()
            }
        });
        // The reader is at the current hotspot only while it is on screen.
        let near = current.and(self.current);
        let cmp = &self.view.comparison;
        let next = match current {
            Some(stop) => {
                let k = cmp.stop_number(stop) - 1;
                match forward {
                    true if k + 1 < n => k + 1,
                    false if k > 0 => k - 1,
                    true => {
                        self.message = Some("wrapped to the first hotspot".to_string());
                        0
                    }
                    false => {
                        self.message = Some("wrapped to the last hotspot".to_string());
                        n - 1
                    }
                }
            }
            None => {
                let at_top = top == 0;
                let reading = self.folds.first_row(self.top + height / READING_LINE);
                let rows = cmp
                    .stops()
                    .iter()
                    .enumerate()
                    .filter_map(|(k, &s)| Some((self.stop_row(s, None)?, k)));
                let found = if forward {
                    rows.filter(|&(r, _)| if at_top { r >= top } else { r > reading })
                        .min()
                } else {
                    rows.filter(|&(r, _)| r < reading && !at_top).max()
                };
                match found {
                    Some((_, k)) => k,
                    None => {
                        self.message = Some(if forward {
                            "wrapped to the first hotspot".to_string()
                        } else {
                            "wrapped to the last hotspot".to_string()
                        });
                        if forward { 0 } else { n - 1 }
                    }
                }
            }
        };
        let stop = self.view.comparison.stops()[next];
        self.show_stop(stop, near);
    }

    /// Whether hotspot `i` is drawn as current: it is the current stop, or a half of the moved
    /// passage that is (not while a variant inside it is: then only that variant is).
    pub fn is_current(&self, i: usize) -> bool {
        match self.current_stop() {
            Some(Stop::Hotspot(c)) => c == i,
            Some(Stop::Moved(k)) => {
                let halves = self.view.comparison.moves[k].halves;
                halves.left == i || halves.right == i
            }
            _ => false,
        }
    }

    /// Goes to the other place of the current moved passage, its row at the reading line in
    /// both panes (the panes scroll together, so the place the passage went is where both
    /// sides stand). A variant inside it stays current: its reading at the other place.
    pub(super) fn other_place(&mut self) {
        let cmp = &self.view.comparison;
        let Some(other) = self.current.and_then(|i| cmp.partner(i)) else {
            self.message = Some(if cmp.moves.is_empty() {
                "o: no moved passage in this pair".to_string()
            } else {
                "o: go to a moved passage first (n/p, l)".to_string()
            });
            return;
        };
        self.current = Some(other);
        if let Some(row) = self.current_row() {
            self.show_row(row);
        }
        self.message = Some(match self.current_stop() {
            Some(Stop::Inner { .. }) => self.inner_status(),
            _ => self.move_status(other),
        });
    }

    /// A click at column `x`, row `y`: on a highlighted phrase in a pane, makes its hotspot
    /// current (the view stays where it is); anywhere else, nothing.
    pub(super) fn click(&mut self, x: u16, y: u16) {
        if self.overlay_open() || !self.screen.usable || self.click_fold(x, y) {
            return;
        }
        let hit = Side::BOTH
            .into_iter()
            .find_map(|side| -> Option<(u32, Option<u32>)> {
                let pane = *self.screen.panes.get(side);
                let inside =
                    x >= pane.left() && x < pane.right() && y >= pane.top() && y < pane.bottom();
                if !inside {
                    return None;
                }
                let view = self.top + (y - pane.top()) as usize;
                let global = self.folds.at(view)?.row()?;
                let PaneRow::Text(row) = self.view.layout.pane_row(side, global) else {
                    return None;
                };
                let column = (x - pane.left()) as usize;
                let mut used = 0;
                row.chunks.iter().find_map(|chunk| {
                    used += chunk.width;
                    let look = chunk.look;
                    (column < used).then_some(look.hotspot.map(|h| (h, look.inner)))?
                })
            });
        if let Some((h, inner)) = hit {
            // A variant inside a moved passage: that variant, at the place clicked.
            let stops = self.view.comparison.stops();
            let inner = inner.and_then(|n| match stops.get((n as usize).checked_sub(1)?) {
                Some(&Stop::Inner { inner, .. }) => Some(inner),
                _ => None,
            });
            self.current = Some(h as usize);
            self.current_inner = inner;
            self.message = Some(self.hotspot_status());
        }
    }

    /// Goes to `target`: a line of the left source (`120`), a percentage of the text (`40%`),
    /// or the next line after the view that starts with it (headings' `#` aside; else the next
    /// line holding it), wrapping to the start.
    pub(super) fn jump(&mut self, target: &str) {
        if target.is_empty() {
            return;
        }
        // Of the text, as the status bar's percentage counts (folded away or not).
        let scrollable = self.last_top_row();
        if let Some(percent) = target
            .strip_suffix('%')
            .and_then(|p| p.trim().parse::<usize>().ok())
        {
            self.show_at_top(scrollable * percent.min(100) / 100);
            self.message = Some(format!("at {}%", percent.min(100)));
            return;
        }
        // `#12`: hotspot 12, numbered as `hotspot I/N` and the reports number them.
        if let Some(n) = target
            .strip_prefix('#')
            .and_then(|n| n.trim().parse::<usize>().ok())
        {
            return self.go_to_stop(n);
        }
        let source = self.pair().left;
        let lines = source.line_count();
        let text = |i: usize| source.slice(source.line_start(i)..source.line_start(i + 1));
        let found = if let Ok(line) = target.parse::<usize>() {
            // Past the last line: the last line (as vim's `:9999`).
            (line > 0 && lines > 0).then(|| line.min(lines) - 1)
        } else {
            let here = self
                .view
                .layout
                .offset_on(Side::Left, self.top_row())
                .map_or(0, |o| source.line_of(o));
            let order = || (here..lines).chain(0..here);
            let heading = |i: usize| {
                text(i)
                    .trim_start()
                    .trim_start_matches(['#', '>', ' ', '\u{3000}'])
                    .starts_with(target)
            };
            order()
                .find(|&i| heading(i))
                .or_else(|| order().find(|&i| text(i).contains(target)))
        };
        match found {
            Some(i) => {
                let row = self
                    .view
                    .layout
                    .row_of_offset(Side::Left, source.line_start(i));
                self.show_row(row);
                self.message = Some(format!("line {}", i + 1));
            }
            None => self.message = Some(format!("not found: {}", escape(target))),
        }
    }

    /// Makes stop `n` of the walk (1-based, as `hotspot I/N` counts and the reports number
    /// their hotspots) current and shows it; a number past the last is the last.
    pub fn go_to_stop(&mut self, n: usize) {
        let stops = self.view.comparison.stops();
        let count = stops.len();
        if count == 0 {
            return self.go_to_hotspot(0);
        }
        if n == 0 {
            self.message = Some(format!("no hotspot #0 (1 to {count})"));
            return;
        }
        let stop = stops[n.min(count) - 1];
        self.show_stop(stop, None);
    }
}
