//! The hotspot list (`l`): every shown hotspot in reading order with its class, its line and
//! both readings; typing filters it (by either reading or the class), the arrows and PgUp/PgDn
//! move, Enter jumps to the selected hotspot. Only the visible rows are made, so it stays
//! instant with tens of thousands of hotspots.

use super::component::{Component, Context, Outcome, Request, framed_box};
use crate::engine::compare::Kind;
use crate::pair::Side;
use crate::text::sanitize::escape;
use crate::viewer::geometry::Screen;
use crate::viewer::keys::{Action, Key, Scope, action, hints, max_rank};
use crate::viewer::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

/// Rows of the screen the list does not use for entries: its frame, its key hints, the status
/// bar.
const BOX_ROWS: usize = 4;
/// Characters of a reading shown before it is cut with `…`.
const READING_CHARS: usize = 24;

/// The hotspot list: the typed filter, the hotspots it keeps, the selected one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List {
    /// What has been typed to filter the list.
    pub query: String,
    /// The shown hotspots the filter keeps, in order: their indices in the shown comparison's
    /// walk ([`crate::engine::compare::Comparison::stops`]), one less than their numbers.
    pub kept: Vec<usize>,
    /// The selected entry, an index into `kept`.
    pub selected: usize,
    /// Entries a page moves.
    pub page: usize,
}

impl List {
    /// The list of every shown hotspot, at the stop of index `current` (or the first).
    pub fn new(context: &Context, current: Option<usize>, page: usize) -> List {
        let mut list = List {
            page: page.max(1),
            ..List::default()
        };
        list.refilter(context);
        list.selected = current
            .and_then(|c| list.kept.iter().position(|&k| k == c))
            .unwrap_or(0);
        list
    }

    /// Keeps the hotspots whose readings or class hold the query.
    fn refilter(&mut self, context: &Context) {
        let selected = self.kept.get(self.selected).copied();
        let cmp = &context.view.comparison;
        let sources = context.view.shown.map(|i| &*context.library.sources[i]);
        let q = self.query.as_str();
        // The reports' list: a moved passage once, at its earlier place, with both readings,
        // then the variants inside it.
        let stops = cmp.stops();
        self.kept = (0..stops.len())
            .filter(|&k| {
                let h = &cmp.listed(stops[k]);
                q.is_empty()
                    || h.class.name().contains(q)
                    || Side::BOTH.into_iter().any(|side| {
                        sources
                            .get(side)
                            .slice(h.span.get(side).clone())
                            .contains(q)
                    })
            })
            .collect();
        self.selected = selected
            .and_then(|s| self.kept.iter().position(|&k| k >= s))
            .unwrap_or(0);
    }
}

/// A reading as the list shows it: white space as one space, cut with `…`, `∅` for none.
fn reading(text: &str) -> String {
    let one = crate::text::sanitize::folded(text);
    if one.is_empty() {
        return "∅".to_string();
    }
    let cut: String = one.chars().take(READING_CHARS).collect();
    if one.chars().count() > READING_CHARS {
        format!("{cut}…")
    } else {
        cut
    }
}

impl Component for List {
    fn key(&mut self, key: Key, context: &Context) -> Outcome {
        let last = self.kept.len().saturating_sub(1);
        match (action(Scope::List, key), key) {
            (Some(Action::SelectNext), _) => self.selected = (self.selected + 1).min(last),
            (Some(Action::SelectPrevious), _) => self.selected = self.selected.saturating_sub(1),
            (Some(Action::SelectPageDown), _) => {
                self.selected = (self.selected + self.page).min(last)
            }
            (Some(Action::SelectPageUp), _) => {
                self.selected = self.selected.saturating_sub(self.page)
            }
            (Some(Action::SelectFirst), _) => self.selected = 0,
            (Some(Action::SelectLast), _) => self.selected = last,
            (Some(Action::Choose), _) => {
                let stops = context.view.comparison.stops();
                return match self.kept.get(self.selected).and_then(|&k| stops.get(k)) {
                    Some(&stop) => Outcome::Close(Some(Request::ShowStop(stop))),
                    None => Outcome::Taken,
                };
            }
            (Some(Action::Close), _) => return Outcome::Close(None),
            (Some(Action::DeleteBack), _) => {
                self.query.pop();
                self.refilter(context);
            }
            (_, Key::Char(c)) => {
                self.query.push(c);
                self.refilter(context);
            }
            _ => {}
        }
        Outcome::Taken
    }

    fn draw(&self, context: &Context, screen: &Screen, theme: Theme, buf: &mut Buffer) {
        let cmp = &context.view.comparison;
        let sources = context.view.shown.map(|i| &*context.library.sources[i]);
        let room = (screen.area.height as usize)
            .saturating_sub(BOX_ROWS)
            .max(1);
        let first = self
            .selected
            .saturating_sub(room / 2)
            .min(self.kept.len().saturating_sub(room));
        let mut lines: Vec<(String, Style)> = self
            .kept
            .iter()
            .enumerate()
            .skip(first)
            .take(room)
            .map(|(k, &i)| {
                let h = &cmp.listed(cmp.stops()[i]);
                let text = |side: Side| reading(sources.get(side).slice(h.span.get(side).clone()));
                let arrow = match h.kind {
                    Kind::Changed => "→",
                    Kind::OnlyLeft => "−",
                    Kind::OnlyRight => "+",
                    Kind::Moved => "⇄",
                };
                let mark = if k == self.selected { "▸" } else { " " };
                (
                    format!(
                        "{mark} {:>6}  {:<11} l.{:<6} {} {arrow} {}",
                        i + 1,
                        h.class.name(),
                        sources.left.line_of(h.span.left.start),
                        escape(&text(Side::Left)),
                        escape(&text(Side::Right)),
                    ),
                    theme.selected(k == self.selected),
                )
            })
            .collect();
        if self.kept.is_empty() {
            lines.push(("  (no hotspot holds it)".to_string(), Style::default()));
        }
        lines.push((
            hints(Scope::List, max_rank(Scope::List)).join("  "),
            theme.frame(),
        ));
        let title = format!(
            "hotspots: {} of {} · filter: {}▏",
            self.kept.len(),
            cmp.stops().len(),
            escape(&self.query)
        );
        framed_box(context.widths, theme, screen.area, buf, &title, &lines);
    }

    fn status(&self) -> Option<String> {
        Some("hotspot list: type to filter".to_string())
    }
}
