//! The hotspot list (`l`): every shown hotspot in reading order with its class, its line and
//! both readings, the hotspots of a pattern (a pair of readings at least three share) under one
//! row (`， → 、 ×820 punctuation`) that Enter opens to them and closes; typing filters it (by
//! either reading or the class), the arrows and PgUp/PgDn move, Enter jumps to the selected
//! hotspot. Only the visible rows are made, so it stays
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

/// A row of the hotspot list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A hotspot of no pattern: its index in the shown comparison's walk
    /// ([`crate::engine::compare::Comparison::stops`]), one less than its number.
    Stop(usize),
    /// A pattern (its index in the shown pair's patterns), listed where its first hotspot
    /// comes, standing for all of them until it is opened.
    Pattern(u32),
    /// A hotspot of an opened pattern, listed under it: its index in the walk.
    Member(usize),
}

/// The hotspot list: the typed filter, the rows it keeps, the selected one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List {
    /// What has been typed to filter the list.
    pub query: String,
    /// The rows the filter keeps, in reading order.
    pub rows: Vec<Row>,
    /// The selected row, an index into `rows`.
    pub selected: usize,
    /// Entries a page moves.
    pub page: usize,
    /// The patterns opened to their hotspots.
    pub open: Vec<u32>,
    /// For each stop of the walk, its pattern (when that pattern is shown).
    pattern_of: Vec<Option<u32>>,
    /// For each pattern, its stops in order.
    members: Vec<Vec<usize>>,
}

impl List {
    /// The list of every shown hotspot, at the stop of index `current` (or the first): a
    /// pattern's hotspots under one row, opened if the current hotspot is one of them.
    pub fn new(context: &Context, current: Option<usize>, page: usize) -> List {
        let patterns = &context.view.patterns;
        // (A hotspot of a pattern the rules hide is not shown at all.)
        let pattern_of: Vec<Option<u32>> = context
            .view
            .stop_patterns
            .iter()
            .map(|p| p.filter(|&p| patterns.list.get(p as usize).is_some_and(|p| !p.hidden)))
            .collect();
        let mut members = vec![Vec::new(); patterns.list.len()];
        for (k, p) in pattern_of.iter().enumerate() {
            if let Some(p) = p.and_then(|p| members.get_mut(p as usize)) {
                p.push(k);
            }
        }
        let mut list = List {
            page: page.max(1),
            open: current
                .and_then(|c| pattern_of.get(c).copied().flatten())
                .into_iter()
                .collect(),
            pattern_of,
            members,
            ..List::default()
        };
        list.refilter(context);
        list.selected = current
            .and_then(|c| list.rows.iter().position(|&r| list.stop(r) == Some(c)))
            .unwrap_or(0);
        list
    }

    /// The stop a row jumps to: its own, or a pattern's first.
    pub fn stop(&self, row: Row) -> Option<usize> {
        match row {
            Row::Stop(k) | Row::Member(k) => Some(k),
            Row::Pattern(p) => self.members.get(p as usize)?.first().copied(),
        }
    }

    /// How many hotspots the kept rows stand for.
    pub fn hotspots(&self) -> usize {
        self.rows
            .iter()
            .map(|&r| match r {
                Row::Stop(_) => 1,
                Row::Pattern(p) => self.members.get(p as usize).map_or(0, Vec::len),
                Row::Member(_) => 0,
            })
            .sum()
    }

    /// Keeps the hotspots whose readings or class hold the query (a pattern by its
    /// readings), each pattern as one row with its hotspots under it when opened.
    fn refilter(&mut self, context: &Context) {
        let selected = self.rows.get(self.selected).and_then(|&r| self.stop(r));
        let cmp = &context.view.comparison;
        let sources = context.view.shown.map(|i| &*context.library.sources[i]);
        let q = self.query.as_str();
        // The reports' list: a moved passage once, at its earlier place, with both readings,
        // then the variants inside it.
        let stops = cmp.stops();
        let holds = |k: usize| {
            let h = &cmp.listed(stops[k]);
            q.is_empty()
                || h.class.name().contains(q)
                || Side::BOTH.into_iter().any(|side| {
                    sources
                        .get(side)
                        .slice(h.span.get(side).clone())
                        .contains(q)
                })
        };
        let mut rows = Vec::new();
        for k in 0..stops.len() {
            match self.pattern_of.get(k).copied().flatten() {
                None => {
                    if holds(k) {
                        rows.push(Row::Stop(k));
                    }
                }
                // A pattern's row where its first hotspot comes (all of them hold the query
                // or none: they have the same readings and class).
                Some(p) => {
                    let members = &self.members[p as usize];
                    if members.first() == Some(&k) && holds(k) {
                        rows.push(Row::Pattern(p));
                        if self.open.contains(&p) {
                            rows.extend(members.iter().map(|&m| Row::Member(m)));
                        }
                    }
                }
            }
        }
        self.rows = rows;
        self.selected = selected
            .and_then(|s| {
                self.rows
                    .iter()
                    .position(|&r| self.stop(r).is_some_and(|k| k >= s))
            })
            .unwrap_or(0);
    }

    /// Opens the selected pattern to its hotspots, or closes it.
    fn toggle_open(&mut self, p: u32, context: &Context) {
        match self.open.iter().position(|&o| o == p) {
            Some(i) => {
                self.open.remove(i);
            }
            None => self.open.push(p),
        }
        let row = self.selected;
        self.refilter(context);
        // The pattern's row stays selected.
        self.selected = self
            .rows
            .iter()
            .position(|&r| r == Row::Pattern(p))
            .unwrap_or(row.min(self.rows.len().saturating_sub(1)));
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
        let last = self.rows.len().saturating_sub(1);
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
                return match self.rows.get(self.selected).copied() {
                    Some(Row::Pattern(p)) => {
                        self.toggle_open(p, context);
                        Outcome::Taken
                    }
                    Some(row) => match self.stop(row).and_then(|k| stops.get(k)) {
                        Some(&stop) => Outcome::Close(Some(Request::ShowStop(stop))),
                        None => Outcome::Taken,
                    },
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
            .min(self.rows.len().saturating_sub(room));
        let mut lines: Vec<(String, Style)> = self
            .rows
            .iter()
            .enumerate()
            .skip(first)
            .take(room)
            .map(|(k, &row)| {
                let mark = if k == self.selected { "▸" } else { " " };
                let i = match row {
                    Row::Pattern(p) => {
                        let pattern = &context.view.patterns.list[p as usize];
                        let open = if self.open.contains(&p) { "▾" } else { "▸" };
                        return (
                            format!(
                                "{mark} {open} {} → {} ×{} {}",
                                escape(&reading(&pattern.left)),
                                escape(&reading(&pattern.right)),
                                pattern.count,
                                pattern.class.name()
                            ),
                            theme.selected(k == self.selected),
                        );
                    }
                    Row::Stop(i) | Row::Member(i) => i,
                };
                let indent = if matches!(row, Row::Member(_)) {
                    "  "
                } else {
                    ""
                };
                let h = &cmp.listed(cmp.stops()[i]);
                let text = |side: Side| reading(sources.get(side).slice(h.span.get(side).clone()));
                let arrow = match h.kind {
                    Kind::Changed => "→",
                    Kind::OnlyLeft => "−",
                    Kind::OnlyRight => "+",
                    Kind::Moved => "⇄",
                };
                (
                    format!(
                        "{mark} {indent}{:>6}  {:<11} l.{:<6} {} {arrow} {}",
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
        if self.rows.is_empty() {
            lines.push(("  (no hotspot holds it)".to_string(), Style::default()));
        }
        lines.push((
            hints(Scope::List, max_rank(Scope::List)).join("  "),
            theme.frame(),
        ));
        let title = format!(
            "hotspots: {} of {} · filter: {}▏",
            self.hotspots(),
            cmp.stops().len(),
            escape(&self.query)
        );
        framed_box(context.widths, theme, screen.area, buf, &title, &lines);
    }

    fn status(&self) -> Option<String> {
        Some("hotspot list: type to filter".to_string())
    }
}
