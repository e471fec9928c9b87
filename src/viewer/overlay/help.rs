//! The help box: the keys from the key table (the panes', the search matches' and those that
//! work everywhere, each key once), and what the colours mean. It scrolls where the terminal
//! is too short to show it whole (`j`/`k`, `PgDn`/`PgUp`, `g`/`G`; the title says which lines
//! are shown and that there are more); any other key (any key at all, where it is shown whole)
//! closes it and does nothing else.

use super::component::{Component, Context, Outcome, framed_box};
use crate::viewer::geometry::Screen;
use crate::viewer::keys::{Action, KEYS_WIDTH, Key, Scope, action, help_entries, help_lines};
use crate::viewer::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::Style;
use std::cell::Cell;

/// What the highlight colours mean, below the keys.
const LEGEND: (&str, &str) = (
    "colours",
    "red/green words, blue marks, cyan spacing, teal moves",
);

/// The help box, scrolled to `top`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help {
    /// The first line shown.
    top: usize,
    /// How many lines the box showed when it was last drawn (what a page is).
    shown: Cell<usize>,
}

/// Every line of the help.
pub(crate) fn lines() -> Vec<String> {
    let mut lines = help_lines(help_entries());
    lines.push(format!("{:<KEYS_WIDTH$} {}", LEGEND.0, LEGEND.1));
    lines
}

impl Help {
    /// The first line shown: `top`, but never past the last page.
    fn first(&self, total: usize) -> usize {
        self.top.min(total.saturating_sub(self.shown.get().max(1)))
    }
}

impl Component for Help {
    fn key(&mut self, key: Key, _context: &Context) -> Outcome {
        let total = lines().len();
        let page = self.shown.get().max(1);
        // Shown whole, it has nothing to scroll: any key closes it.
        if total <= page {
            return Outcome::Close(None);
        }
        let last = total.saturating_sub(page);
        let top = self.first(total);
        self.top = match action(Scope::Help, key) {
            Some(Action::ScrollDown) => (top + 1).min(last),
            Some(Action::ScrollUp) => top.saturating_sub(1),
            Some(Action::PageDown) => (top + page.saturating_sub(1).max(1)).min(last),
            Some(Action::PageUp) => top.saturating_sub(page.saturating_sub(1).max(1)),
            Some(Action::Top) => 0,
            Some(Action::Bottom) => last,
            _ => return Outcome::Close(None),
        };
        Outcome::Taken
    }

    fn draw(&self, context: &Context, screen: &Screen, theme: Theme, buf: &mut Buffer) {
        let all = lines();
        // The box's frame takes two rows, the status bar one.
        let room = (screen.area.height as usize).saturating_sub(3).max(1);
        self.shown.set(room.min(all.len()));
        let first = self.first(all.len());
        let end = (first + room).min(all.len());
        let title = if all.len() <= room {
            "duizhao keys · any key closes".to_string()
        } else {
            let more = if end < all.len() {
                "more: j/PgDn"
            } else {
                "k/PgUp back"
            };
            format!(
                "duizhao keys {}–{end} of {} · {more} · other keys close",
                first + 1,
                all.len()
            )
        };
        // Every line padded to the longest, so the box keeps its width as it scrolls.
        let widest = all.iter().map(|l| context.widths.str(l)).max().unwrap_or(0);
        let shown: Vec<(String, Style)> = all[first..end]
            .iter()
            .map(|l| {
                let pad = widest - context.widths.str(l);
                (format!("{l}{}", " ".repeat(pad)), Style::default())
            })
            .collect();
        framed_box(context.widths, theme, screen.area, buf, &title, &shown);
    }
}
