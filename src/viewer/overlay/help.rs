//! The help box: the panes' keys from the key table, and what the colours mean. Any key
//! closes it and does nothing else.

use super::component::{Component, Context, Outcome, framed_box};
use crate::viewer::geometry::Screen;
use crate::viewer::keys::{Key, Scope, help_lines};
use crate::viewer::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

/// What the highlight colours mean, below the keys.
const LEGEND: (&str, &str) = (
    "colours",
    "red/green words · blue marks · cyan spacing · teal moved",
);

/// The help box.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help;

impl Component for Help {
    fn key(&mut self, _key: Key, _context: &Context) -> Outcome {
        Outcome::Close(None)
    }

    fn draw(&self, context: &Context, screen: &Screen, theme: Theme, buf: &mut Buffer) {
        let mut lines: Vec<(String, Style)> = help_lines(Scope::Panes)
            .into_iter()
            .chain(help_lines(Scope::Matches))
            .map(|l| (l, Style::default()))
            .collect();
        lines.push((format!("{:<18} {}", LEGEND.0, LEGEND.1), Style::default()));
        framed_box(
            context.widths,
            theme,
            screen.area,
            buf,
            "duizhao keys · any key closes",
            &lines,
        );
    }
}
