//! The filter panel: every class of hotspot with its count in the shown pair and whether it is
//! shown; space (or Enter) shows or hides the selected class, and the panes, the walk,
//! `hotspot I/N`, the similarity and the apparatus follow at once.

use super::component::{Component, Context, Outcome, Request, framed_box};
use crate::engine::compare::Class;
use crate::viewer::geometry::Screen;
use crate::viewer::keys::{Action, Key, Scope, action, hints, max_rank};
use crate::viewer::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

/// An example of each class, for the panel.
fn example(class: Class) -> &'static str {
    match class {
        Class::Wording => "霸权/强权",
        Class::Punctuation => "、/，",
        Class::Spacing => "에러값/에러 값",
        Class::Moved => "⇣ moved to l.N",
        Class::Form => "．/。 (/（",
        Class::Variant => "爲/為 つ/っ",
        Class::Numbering => "第十八条/第十九条",
        Class::Markup => "《ruby》 ¶ <pb:…> ##",
        Class::Invisible => "U+200B",
        Class::Boilerplate => "(本章完) — 12 —",
    }
}

/// The filter panel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Panel {
    /// The selected class, an index into [`Class::ALL`].
    pub selected: usize,
}

impl Component for Panel {
    fn key(&mut self, key: Key, _context: &Context) -> Outcome {
        match action(Scope::Filter, key) {
            Some(Action::SelectNext) => {
                self.selected = (self.selected + 1).min(Class::ALL.len() - 1)
            }
            Some(Action::SelectPrevious) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Choose) => {
                return Outcome::Request(Request::Toggle(Class::ALL[self.selected]));
            }
            Some(Action::Close) => return Outcome::Close(None),
            _ => {}
        }
        Outcome::Taken
    }

    fn draw(&self, context: &Context, screen: &Screen, theme: Theme, buf: &mut Buffer) {
        let counts = context.view.full.counts();
        let lines: Vec<(String, Style)> = Class::ALL
            .into_iter()
            .enumerate()
            .map(|(i, class)| {
                let mark = if i == self.selected { "▸" } else { " " };
                let shown = if context.filter.shows(class) {
                    "[x]"
                } else {
                    "[ ]"
                };
                let kind = if class.is_mechanical() {
                    "mechanical"
                } else {
                    "real"
                };
                (
                    format!(
                        "{mark} {shown} {:<12} {:>7}  {kind:<10}  {}",
                        class.name(),
                        counts[class as usize],
                        example(class)
                    ),
                    theme.selected(i == self.selected),
                )
            })
            .collect();
        let title = format!(
            "show classes · {}",
            hints(Scope::Filter, max_rank(Scope::Filter)).join("  ")
        );
        framed_box(context.widths, theme, screen.area, buf, &title, &lines);
    }

    fn status(&self) -> Option<String> {
        Some("filter: which classes of hotspots are shown".to_string())
    }
}
