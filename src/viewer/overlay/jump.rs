//! The go-to prompt (`:`), in the status bar: a line number, a percentage (`40%`), a hotspot
//! (`#12`), or the start of a heading or line to find after the view (`第四十回`, `## 总则`);
//! Enter goes there, Esc cancels, ↑/↓ walk the places gone to before.

use super::component::{Component, Context, History, Outcome, Request, typed};
use crate::text::sanitize::escape;
use crate::viewer::geometry::Screen;
use crate::viewer::keys::{Key, Scope};
use crate::viewer::theme::Theme;
use ratatui::buffer::Buffer;

/// The go-to prompt and what has been typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    /// What has been typed.
    pub target: String,
    /// What was entered before (↑/↓).
    pub history: History,
}

impl Component for Prompt {
    fn key(&mut self, key: Key, _context: &Context) -> Outcome {
        typed(
            &mut self.target,
            &mut self.history,
            key,
            Scope::Jump,
            Request::Jump,
        )
    }

    fn draw(&self, _context: &Context, _screen: &Screen, _theme: Theme, _buf: &mut Buffer) {
        // Drawn in the status bar, through `status`.
    }

    fn status(&self) -> Option<String> {
        Some(format!(
            "go to (line, N%, #hotspot or a heading): :{}▏",
            escape(&self.target)
        ))
    }
}
