//! The source picker: every loaded source with its similarity to the other pane's source
//! (`…` while it is being measured, in the background); Enter or a digit shows the selected
//! one in the pane the picker was opened for.

use super::component::{Component, Context, Outcome, Request, framed_box};
use crate::pair::Side;
use crate::text::sanitize::escape;
use crate::viewer::geometry::Screen;
use crate::viewer::keys::{Action, Key, Scope, action, hints, max_rank};
use crate::viewer::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

/// Rows of the screen the box does not list sources in: its frame, its key hints, and the
/// status bar.
const BOX_ROWS: usize = 4;

/// The source picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// The pane being chosen for.
    pub side: Side,
    /// The selected source.
    pub selected: usize,
    /// Why the last key picked nothing, for the status bar.
    pub note: Option<String>,
}

impl Picker {
    /// A picker for the pane on `side`, with `selected` selected.
    pub fn new(side: Side, selected: usize) -> Picker {
        Picker {
            side,
            selected,
            note: None,
        }
    }
}

impl Component for Picker {
    fn key(&mut self, key: Key, context: &Context) -> Outcome {
        let count = context.library.sources.len();
        // The source the other pane shows is not offered: both panes would show one text.
        let other = *context.view.shown.get(self.side.other());
        let offered = |i: usize| i < count && i != other;
        let pick = |source: usize| {
            Outcome::Close(Some(Request::Pick {
                side: self.side,
                source,
            }))
        };
        // Why a source asked for is not shown, said rather than nothing done.
        let refused = |i: usize| {
            if i == other {
                format!("source {} is in the other pane (x swaps the panes)", i + 1)
            } else {
                format!("no source {} (there are {count})", i + 1)
            }
        };
        self.note = None;
        match (action(Scope::Picker, key), key) {
            (Some(Action::SelectNext), _) => {
                if let Some(i) = (self.selected + 1..count).find(|&i| offered(i)) {
                    self.selected = i;
                }
            }
            (Some(Action::SelectPrevious), _) => {
                if let Some(i) = (0..self.selected).rev().find(|&i| offered(i)) {
                    self.selected = i;
                }
            }
            (Some(Action::Choose), _) if offered(self.selected) => return pick(self.selected),
            (Some(Action::Choose), _) => self.note = Some(refused(self.selected)),
            (Some(Action::Close), _) => return Outcome::Close(None),
            (_, Key::Char(c @ '1'..='9')) => {
                let i = c as usize - '1' as usize;
                if offered(i) {
                    return pick(i);
                }
                self.note = Some(refused(i));
            }
            _ => {}
        }
        Outcome::Taken
    }

    fn status(&self) -> Option<String> {
        self.note.clone()
    }

    fn draw(&self, context: &Context, screen: &Screen, theme: Theme, buf: &mut Buffer) {
        let other = *context.view.shown.get(self.side.other());
        let lines: Vec<(String, Style)> = context
            .library
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let sim = context
                    .library
                    .similarity(i, other)
                    .map_or_else(|| "    … ".to_string(), |v| format!("{:5.1}%", v * 100.0));
                let mark = if i == self.selected { "▸" } else { " " };
                let this = if i == other { " (other pane)" } else { "" };
                // A revision from git is labelled with its commit's date.
                let label = s
                    .revision
                    .as_ref()
                    .map_or_else(|| s.encoding.to_string(), |r| escape(&r.date).into_owned());
                (
                    format!(
                        "{mark} {:>2} {:<2} {sim}  {}  {label}{this}",
                        i + 1,
                        context.library.siglum(i),
                        escape(&context.library.names[i]),
                    ),
                    theme.selected(i == self.selected),
                )
            })
            .collect();
        // A list longer than the box scrolls: the selected source stays in sight, about the
        // middle of it.
        let room = (screen.area.height as usize).saturating_sub(BOX_ROWS);
        let first = self
            .selected
            .saturating_sub(room / 2)
            .min(lines.len().saturating_sub(room));
        let lines: Vec<(String, Style)> = lines.into_iter().skip(first).take(room).collect();
        let title = format!(
            "source for the {} pane · similarity to {}",
            if self.side == Side::Left {
                "left"
            } else {
                "right"
            },
            escape(&context.library.names[other]),
        );
        let mut lines = lines;
        lines.push((
            hints(Scope::Picker, max_rank(Scope::Picker)).join("  "),
            theme.frame(),
        ));
        framed_box(context.widths, theme, screen.area, buf, &title, &lines);
    }
}
