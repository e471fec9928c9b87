//! The filter panel: every class of hotspot with its count in the shown pair and whether it is
//! shown; space (or Enter) shows or hides the selected class, and the panes, the walk,
//! `hotspot I/N`, the similarity and the apparatus follow at once.

use super::component::{Component, Context, Outcome, Request, framed_box};
use crate::engine::compare::Class;
use crate::text::sanitize::brief;
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
        Class::Reading => "誰《だれ》/《たれ》",
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
    /// The selected row: an index into [`Class::ALL`], then into [`Panel::rules`].
    pub selected: usize,
    /// The pairs of readings shown again since the panel opened: they stay listed (shown),
    /// so that they can be hidden again.
    pub shown_again: Vec<(String, String)>,
}

impl Panel {
    /// The pairs of readings listed under the classes: every rule, then those shown again
    /// here; each with whether a rule hides it now.
    fn rules(&self, context: &Context) -> Vec<(String, String, bool)> {
        let mut rows: Vec<(String, String, bool)> = context
            .rules
            .iter()
            .map(|(l, r)| (l.to_string(), r.to_string(), true))
            .collect();
        for (l, r) in &self.shown_again {
            if !context.rules.hides(l, r) {
                rows.push((l.clone(), r.clone(), false));
            }
        }
        rows
    }
}

impl Component for Panel {
    fn key(&mut self, key: Key, context: &Context) -> Outcome {
        let rules = self.rules(context);
        let rows = Class::ALL.len() + rules.len();
        match action(Scope::Filter, key) {
            Some(Action::SelectNext) => self.selected = (self.selected + 1).min(rows - 1),
            Some(Action::SelectPrevious) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Choose) => {
                if let Some(&class) = Class::ALL.get(self.selected) {
                    return Outcome::Request(Request::Toggle(class));
                }
                let Some((l, r, hidden)) = rules.into_iter().nth(self.selected - Class::ALL.len())
                else {
                    return Outcome::Taken;
                };
                if hidden && !self.shown_again.contains(&(l.clone(), r.clone())) {
                    self.shown_again.push((l.clone(), r.clone()));
                }
                return Outcome::Request(Request::ToggleRule(l, r));
            }
            Some(Action::Close) => return Outcome::Close(None),
            _ => {}
        }
        Outcome::Taken
    }

    fn draw(&self, context: &Context, screen: &Screen, theme: Theme, buf: &mut Buffer) {
        let counts = context.view.full.counts();
        let mut lines: Vec<(String, Style)> = Class::ALL
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
        // The pairs of readings rules hide (or shown again here), with how many hotspots of
        // the classes shown each rule hides.
        let rules = self.rules(context);
        if !rules.is_empty() {
            lines.push((
                "  hidden by rules (H hides the current hotspot's readings):".to_string(),
                Style::default(),
            ));
        }
        for (k, (l, r, hidden)) in rules.iter().enumerate() {
            let i = Class::ALL.len() + k;
            let mark = if i == self.selected { "▸" } else { " " };
            let shown = if *hidden { "[ ]" } else { "[x]" };
            // Shown again: the count of its pattern, either way round.
            let patterns = &context.view.patterns;
            let pattern = |l: &str, r: &str| {
                patterns
                    .of(l, r)
                    .and_then(|p| patterns.list.get(p as usize))
                    .map_or(0, |p| p.count)
            };
            let count = context
                .rules
                .index_of(l, r)
                .and_then(|j| context.view.rule_counts.get(j).copied())
                .unwrap_or_else(|| pattern(l, r) + pattern(r, l));
            let count = format!("×{count}");
            lines.push((
                format!(
                    "{mark} {shown} {} → {}  {count}",
                    brief(l, 16),
                    brief(r, 16)
                ),
                theme.selected(i == self.selected),
            ));
        }
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
