//! The apparatus panel below the panes: the variant places of all sources against the left
//! one, the selected place marked, each with its line and a few characters of the base before
//! it, each reading with its sources' sigla (as in the picker and the headers; a row too long
//! ends in `…`),
//! `◀` / `▶` on the readings of the left and right panes. Its keys move the selection and
//! both panes follow; other keys go to the panes.

use super::component::{Component, Context, Outcome, Request};
use crate::text::sanitize::escape;
use crate::viewer::geometry::Screen;
use crate::viewer::keys::{Action, Key, Scope, action, hints, max_rank};
use crate::viewer::paint::{fill, put};
use crate::viewer::theme::Theme;
use ratatui::buffer::Buffer;

/// Characters of a reading shown before it is cut with `…`.
const READING_CHARS: usize = 16;
/// Characters of the base shown before each place.
const CONTEXT_CHARS: usize = 4;

/// The apparatus panel and its selected place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Panel {
    /// The selected place.
    pub selected: usize,
    /// Places a page moves (the panel's rows of places, as last drawn).
    pub page: usize,
}

impl Panel {
    /// The panel with place `selected` selected.
    pub fn at(selected: usize) -> Panel {
        Panel {
            selected,
            page: PAGE,
        }
    }
}

/// Places a page moves before the panel is drawn.
const PAGE: usize = 10;

impl Component for Panel {
    fn key(&mut self, key: Key, context: &Context) -> Outcome {
        let places = context.library.collation().map_or(0, |c| c.places.len());
        let page = self.page.max(1);
        let selected = match action(Scope::Apparatus, key) {
            Some(Action::SelectNext) => self.selected + 1,
            Some(Action::SelectPrevious) => self.selected.saturating_sub(1),
            Some(Action::SelectPageDown) => self.selected + page,
            Some(Action::SelectPageUp) => self.selected.saturating_sub(page),
            Some(Action::SelectFirst) => 0,
            Some(Action::SelectLast) => places.saturating_sub(1),
            Some(Action::Close) => return Outcome::Close(None),
            _ => return Outcome::NotMine,
        };
        self.selected = selected.min(places.saturating_sub(1));
        Outcome::Request(Request::ShowPlace(self.selected))
    }

    fn draw(&self, context: &Context, screen: &Screen, theme: Theme, buf: &mut Buffer) {
        let (Some(collation), Some(area)) = (context.library.collation(), screen.panel) else {
            return;
        };
        let widths = context.widths;
        let (x0, x1, y0) = (area.left(), area.right(), area.top());
        let sources = &context.library.sources;
        let title_style = theme.title();
        fill(buf, x0, y0, x1, title_style);
        let library = context.library;
        let places = collation.places.len();
        let mut title = format!(
            " apparatus: {places} {} against {} {}",
            if places == 1 { "place" } else { "places" },
            library.siglum(collation.base),
            escape(&library.names[collation.base])
        );
        for hint in hints(Scope::Apparatus, max_rank(Scope::Apparatus)) {
            title.push_str(" · ");
            title.push_str(hint);
        }
        put(buf, widths, x0, y0, x1, &title, title_style);
        let visible = area.height.saturating_sub(1) as usize;
        let first = self
            .selected
            .saturating_sub(visible / 2)
            .min(collation.places.len().saturating_sub(visible));
        let base = &sources[collation.base];
        let shown = context.view.shown;
        for (k, y) in (y0 + 1..area.bottom()).enumerate() {
            fill(buf, x0, y, x1, ratatui::style::Style::default());
            let i = first + k;
            let Some(place) = collation.places.get(i) else {
                continue;
            };
            // A few characters of the base before the place, so places that read alike can be
            // told apart.
            let before: String = {
                let from = place.span.start.saturating_sub(CONTEXT_CHARS * 2);
                let text: String = base
                    .slice(from..place.span.start)
                    .split_whitespace()
                    .collect();
                let n = text.chars().count();
                text.chars().skip(n.saturating_sub(CONTEXT_CHARS)).collect()
            };
            let mut line = format!(
                "{} {:>3} l.{:<4} …{} ·",
                if i == self.selected { "▸" } else { " " },
                i + 1,
                base.line_of(place.span.start),
                escape(&before)
            );
            for (n, reading) in place.readings.iter().enumerate() {
                let text: String = if reading.omitted {
                    "∅".to_string()
                } else if let Some((s, span)) = reading.sources.first().filter(|_| reading.moved) {
                    // A transposition: where the (first) source has the passage.
                    format!("⇄ l.{}", library.sources[*s].line_of(span.start))
                } else {
                    let t: String = reading.norm.chars().take(READING_CHARS).collect();
                    let count = reading.norm.chars().count();
                    let t = if count > READING_CHARS {
                        format!("{t}…")
                    } else {
                        t
                    };
                    // Text beyond the base's extent: `+N` characters, then its start.
                    if reading.added {
                        format!("+{count} {t}")
                    } else if reading.inverted {
                        // A note read with its halves swapped: an inversion.
                        format!("inv. {t}")
                    } else {
                        t
                    }
                };
                // One-letter sigla read run together (`ABD`), longer ones with commas.
                let sigla: Vec<&str> = reading
                    .sources
                    .iter()
                    .map(|(s, _)| library.siglum(*s))
                    .collect();
                let joiner = if sigla.iter().all(|g| g.chars().count() == 1) {
                    ""
                } else {
                    ","
                };
                let mut marks = String::new();
                if reading.sources.iter().any(|(s, _)| *s == shown.left) {
                    marks.push('◀');
                }
                if reading.sources.iter().any(|(s, _)| *s == shown.right) {
                    marks.push('▶');
                }
                line.push_str(if n == 0 { " " } else { " │ " });
                line.push_str(&format!("{} {}{marks}", escape(&text), sigla.join(joiner)));
            }
            // A row longer than the panel ends in `…`.
            let room = (x1 - x0) as usize;
            if widths.str(&line) > room {
                let (cut, _) = widths.truncate(&line, room.saturating_sub(widths.str("…")));
                line = format!("{cut}…");
            }
            put(
                buf,
                widths,
                x0,
                y,
                x1,
                &line,
                theme.selected(i == self.selected),
            );
        }
    }
}
