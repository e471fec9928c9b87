//! Navigation: the hotspot walk (`n`/`p`, a moved passage visited once, `o` to its other
//! place), going to a hotspot, an apparatus place, a line, a percentage or a heading, and a
//! click on a phrase.

use super::{App, READING_LINE};
use crate::engine::compare::Class;
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

    /// The next (or previous) hotspot from the current one while it is on screen, else from
    /// the view, as vim's `n` searches from the cursor: from the reading line, or from the
    /// start of the text when the view is at the top.
    pub(super) fn next_hotspot(&mut self, forward: bool) {
        let n = self.view.comparison.hotspots.len();
        if n == 0 {
            self.go_to_hotspot(0);
            return;
        }
        // Layout rows, as the hotspots' rows are (the reading line's: where its row starts).
        let (top, height) = (self.top_row(), self.text_height());
        // In a terminal too small for a layout the view is nowhere: keep walking from the
        // current hotspot.
        let nowhere = height == 0 || !self.screen.usable;
        let current = self.current.filter(|&i| {
            if nowhere {
                self.hotspot_row(i).is_some()
            } else {
                self.on_screen(i)
            }
        });
        if current.is_none() {
            let at_top = top == 0;
            let reading = self.folds.first_row(self.top + height / READING_LINE);
            let cmp = &self.view.comparison;
            let found = if forward {
                (0..n).find(|&i| {
                    !cmp.is_later_half(i)
                        && self
                            .hotspot_row(i)
                            .is_some_and(|r| if at_top { r >= top } else { r > reading })
                })
            } else {
                (0..n).rev().find(|&i| {
                    !cmp.is_later_half(i)
                        && self.hotspot_row(i).is_some_and(|r| r < reading && !at_top)
                })
            };
            let next = found.unwrap_or_else(|| {
                self.message = Some(if forward {
                    "wrapped to the first hotspot".to_string()
                } else {
                    "wrapped to the last hotspot".to_string()
                });
                if forward { 0 } else { n - 1 }
            });
            let next = self.stop_at(next, forward);
            self.go_to_hotspot(next);
            return;
        }
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) if i + 1 < n => i + 1,
            (Some(_), true) => {
                self.message = Some("wrapped to the first hotspot".to_string());
                0
            }
            (Some(0), false) => {
                self.message = Some("wrapped to the last hotspot".to_string());
                n - 1
            }
            (Some(i), false) => i - 1,
        };
        let next = self.stop_at(next, forward);
        self.go_to_hotspot(next);
    }

    /// Hotspot `i`, or if it is the later half of a move (a move is visited once, at its
    /// earlier half) the next place to visit going `forward` or back.
    pub(super) fn stop_at(&mut self, i: usize, forward: bool) -> usize {
        let cmp = &self.view.comparison;
        let n = cmp.hotspots.len();
        if !cmp.is_later_half(i) {
            return i;
        }
        if forward {
            (i + 1..n)
                .find(|&k| !cmp.is_later_half(k))
                .unwrap_or_else(|| {
                    self.message = Some("wrapped to the first hotspot".to_string());
                    0
                })
        } else {
            (0..i).rev().find(|&k| !cmp.is_later_half(k)).unwrap_or(0)
        }
    }

    /// Whether hotspot `i` is drawn as current: it is, or it is the other half of the current
    /// moved passage.
    pub fn is_current(&self, i: usize) -> bool {
        self.current.is_some_and(|c| {
            c == i
                || (self.view.comparison.hotspots[i].class == Class::Moved
                    && self.view.comparison.partner(c) == Some(i))
        })
    }

    /// Goes to the other place of the current moved passage, its row at the reading line in
    /// both panes (the panes scroll together, so the place the passage went is where both
    /// sides stand).
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
        if let Some(row) = self.hotspot_row(other) {
            self.show_row(row);
        }
        self.message = Some(self.move_status(other));
    }

    /// A click at column `x`, row `y`: on a highlighted phrase in a pane, makes its hotspot
    /// current (the view stays where it is); anywhere else, nothing.
    pub(super) fn click(&mut self, x: u16, y: u16) {
        if self.overlay_open() || !self.screen.usable || self.click_fold(x, y) {
            return;
        }
        let hit = Side::BOTH.into_iter().find_map(|side| {
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
                (column < used).then_some(chunk.look.hotspot).flatten()
            })
        });
        if let Some(h) = hit {
            self.current = Some(h as usize);
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

    /// Makes the `n`-th place of the walk (1-based, as `hotspot I/N` counts: a move once)
    /// current and shows it; a number past the last is the last.
    pub(super) fn go_to_stop(&mut self, n: usize) {
        let cmp = &self.view.comparison;
        let stops = cmp.stops();
        if stops == 0 {
            return self.go_to_hotspot(0);
        }
        if n == 0 {
            self.message = Some(format!("no hotspot #0 (1 to {stops})"));
            return;
        }
        let wanted = n.min(stops);
        let found = (0..cmp.hotspots.len())
            .find(|&i| !cmp.is_later_half(i) && cmp.stop_number(i) == wanted);
        if let Some(i) = found {
            self.go_to_hotspot(i);
        }
    }
}
