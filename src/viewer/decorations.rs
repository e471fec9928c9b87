//! Decorations drawn beside the text, apart from the app's state: the marks of moved passages
//! (`⇣ moved to l.123` facing a passage, on the other pane's padding), and what the status bar
//! says of a moved passage and of a variant inside one.

use crate::engine::compare::{Kind, Stop};
use crate::pair::Side;
use crate::viewer::app::App;
use crate::viewer::layout::{INSERTION_MARK, PaneRow};

/// A mark beside a moved passage, in the other pane: where the passage went or came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveMark {
    /// The pane it is drawn in (facing the passage).
    pub side: Side,
    /// Its row (global).
    pub row: usize,
    /// The column it starts at in the pane (after an insertion mark on that row).
    pub column: usize,
    /// `⇣ moved to l.123` or `⇡ moved from l.87`.
    pub text: String,
    /// The hotspot of the passage it faces.
    pub hotspot: usize,
}

impl App {
    /// The marks of the moved passages in sight: for each half of a move whose text is on
    /// screen, on the first padding row of the other pane facing it, where the passage went
    /// (`⇣ moved to l.123`) or came from (`⇡ moved from l.87`), the arrow pointing the way.
    pub fn move_marks(&self) -> Vec<MoveMark> {
        let cmp = &self.view.comparison;
        let layout = &self.view.layout;
        // The layout rows from the top's to the last shown (folded rows in between skipped).
        let (top, bottom) = (
            self.top_row(),
            self.folds.first_row(self.top + self.text_height()),
        );
        let pair = self.pair();
        let mut out = Vec::new();
        for m in &cmp.moves {
            for (side, i, other) in [
                (Side::Left, m.halves.left, m.halves.right),
                (Side::Right, m.halves.right, m.halves.left),
            ] {
                let span = cmp.hotspots[i].span.get(side);
                if span.is_empty() {
                    continue;
                }
                let first = layout.row_of_offset(side, span.start);
                let last = layout.row_of_offset(side, span.end - 1);
                if last < top || first >= bottom {
                    continue;
                }
                // A row facing it with nothing on it but padding, or the insertion mark.
                let facing = side.other();
                let free = |g: usize| match layout.pane_row(facing, g) {
                    PaneRow::Filler { .. } => Some(0),
                    PaneRow::Text(row) => {
                        let text = row.text();
                        match text.trim() {
                            "" => Some(0),
                            INSERTION_MARK => Some(self.widths.str(text.trim_end()) + 1),
                            _ => None,
                        }
                    }
                };
                let found = (first.max(top)..=last.min(bottom.saturating_sub(1)))
                    .filter(|&g| self.folds.fold_of(g).is_none())
                    .find_map(|g| free(g).map(|col| (g, col)));
                let Some((row, col)) = found else { continue };
                let there = self.hotspot_row(other).unwrap_or(row);
                let arrow = if there > row { "⇣" } else { "⇡" };
                let (verb, line) = match side {
                    Side::Left => (
                        "to",
                        pair.right.line_of(cmp.hotspots[other].span.right.start),
                    ),
                    Side::Right => (
                        "from",
                        pair.left.line_of(cmp.hotspots[other].span.left.start),
                    ),
                };
                out.push(MoveMark {
                    side: facing,
                    row,
                    column: col,
                    text: format!("{arrow} moved {verb} l.{line}"),
                    hotspot: i,
                });
            }
        }
        out
    }

    /// What the status bar says of hotspot `i` if it is half of a moved passage: where the
    /// passage was and where it went (`moved l.87 → l.123`).
    pub fn move_status(&self, i: usize) -> String {
        let cmp = &self.view.comparison;
        let Some(other) = cmp.partner(i) else {
            return self.hotspot_status();
        };
        let h = cmp.hotspots[i].clone();
        let o = &cmp.hotspots[other];
        let (left, right) = if h.kind == Kind::OnlyLeft {
            (&h, o)
        } else {
            (o, &h)
        };
        let pair = self.pair();
        let inner = cmp.move_of(i).map_or(0, |k| cmp.moves[k].inner.len());
        format!(
            "moved l.{} → l.{}{}",
            pair.left.line_of(left.span.left.start),
            pair.right.line_of(right.span.right.start),
            match inner {
                0 => String::new(),
                1 => ", 1 change inside".to_string(),
                n => format!(", {n} changes inside"),
            }
        )
    }

    /// What the status bar says of the current variant inside a moved passage: which of the
    /// move's changes it is and where the move is (`change 1/2 inside moved l.87 → l.123`),
    /// and if it has no reading at the place shown, that it is only at the other.
    pub fn inner_status(&self) -> String {
        let cmp = &self.view.comparison;
        let (Some(at), Some(Stop::Inner { moved, inner })) = (self.current, self.current_stop())
        else {
            return self.hotspot_status();
        };
        let m = &cmp.moves[moved];
        let (left, right) = (&cmp.hotspots[m.halves.left], &cmp.hotspots[m.halves.right]);
        let pair = self.pair();
        let side = if m.halves.left == at {
            Side::Left
        } else {
            Side::Right
        };
        let here = if m.inner[inner].span.get(side).is_empty() {
            " (only at the other place)"
        } else {
            ""
        };
        format!(
            "change {}/{} inside moved l.{} → l.{}{here}",
            inner + 1,
            m.inner.len(),
            pair.left.line_of(left.span.left.start),
            pair.right.line_of(right.span.right.start),
        )
    }
}
