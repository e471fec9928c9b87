//! The terminal viewer, on top of the engine: the only layer that knows about a terminal.
//!
//! * [`layout`]: the view model: synchronised sections (from [`crate::sections`]), rows
//!   wrapped and padded to pane widths;
//! * [`geometry`]: where everything goes on a screen of a given size, one value for all;
//! * [`keys`]: the key table: every key, its action, help text and hint, and where it applies;
//! * [`state`]: what is shown: the loaded sources and the shown pair with its layout;
//! * [`app`]: the viewer's state; keys become actions, actions change the state (no terminal):
//!   its jobs in the background, viewport, navigation, search, pairs and clipboard, a module
//!   each;
//! * [`statusline`]: the status bar, rendered from a read-only view of the state;
//! * [`decorations`]: marks drawn beside the text (where a moved passage went or came from);
//! * [`overlay`]: the boxes and panels over the panes, one component each;
//! * [`theme`]: looks into styles, with and without colour;
//! * [`paint`]: text and blanks written into cells, wide glyphs kept whole;
//! * [`render`]: the state drawn into a ratatui buffer;
//! * [`places`]: reading places remembered between runs (`--remember`), in the XDG state
//!   directory;
//! * [`terminal`]: the real terminal: raw mode, alternate screen, events, restore on every exit.

pub mod app;
pub mod decorations;
pub mod geometry;
pub mod keys;
pub mod layout;
pub(crate) mod overlay;
pub(crate) mod paint;
pub mod places;
pub mod render;
pub mod state;
pub mod statusline;
pub mod terminal;
pub mod theme;

/// The viewer's memory budget: at most this many bytes per character of the loaded texts…
pub const BYTES_PER_CHAR: u64 = 32;
/// …plus this much for the program and the word dictionary (`benches/memory.rs` measures it).
pub const BASE_BYTES: u64 = 48 << 20;

/// The memory the viewer may need for texts of `chars` characters in all.
pub fn memory_budget(chars: u64) -> u64 {
    chars * BYTES_PER_CHAR + BASE_BYTES
}
