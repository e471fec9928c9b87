//! The search prompt, in the status bar: printable keys are typed, Enter searches (the same
//! phrase again: the next match), Esc cancels, ↑/↓ walk the phrases searched before.

use super::component::{Component, Context, History, Outcome, Request, typed};
use crate::text::sanitize::escape;
use crate::viewer::geometry::Screen;
use crate::viewer::keys::{Key, Scope};
use crate::viewer::theme::Theme;
use ratatui::buffer::Buffer;

/// The search prompt and what has been typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    /// The query so far.
    pub query: String,
    /// What was entered before (↑/↓).
    pub history: History,
}

impl Component for Prompt {
    fn key(&mut self, key: Key, _context: &Context) -> Outcome {
        typed(
            &mut self.query,
            &mut self.history,
            key,
            Scope::Search,
            Request::Search,
        )
    }

    fn draw(&self, _context: &Context, _screen: &Screen, _theme: Theme, _buf: &mut Buffer) {
        // Drawn in the status bar, through `status`.
    }

    fn status(&self) -> Option<String> {
        Some(format!("search: /{}▏", escape(&self.query)))
    }
}
