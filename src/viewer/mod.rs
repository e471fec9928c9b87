//! The terminal viewer, on top of the engine: the only layer that knows about a terminal.
//!
//! * [`layout`]: the view model: synchronised sections (from [`crate::sections`]), rows
//!   wrapped and padded to pane widths;
//! * [`folds`]: the folded view (`z`): unchanged stretches as one row each, mapped to and
//!   from the layout's rows;
//! * [`geometry`]: where everything goes on a screen of a given size, one value for all;
//! * [`keys`]: the key table: every key, its action, help text and hint, and where it applies;
//! * [`state`]: what is shown: the loaded sources and the shown pair with its layout;
//! * [`app`]: the viewer's state; keys become actions, actions change the state (no terminal):
//!   its jobs in the background, viewport, navigation, search, pairs, clipboard and folding,
//!   a module each;
//! * [`statusline`]: the status bar, rendered from a read-only view of the state;
//! * [`decorations`]: marks drawn beside the text (where a moved passage went or came from);
//! * [`overlay`]: the boxes and panels over the panes, one component each;
//! * [`theme`]: looks into styles, with and without colour;
//! * [`paint`]: text and blanks written into cells, wide glyphs kept whole;
//! * [`render`]: the state drawn into a ratatui buffer;
//! * [`places`]: reading places remembered between runs (`--remember`), in the XDG state
//!   directory;
//! * [`terminal`]: the real terminal: raw mode, alternate screen, events, restore on every exit;
//! * [`error`]: why the viewer could not start or run.
//!
//! [`run`] is the viewer from the command's side: its checks before the terminal is taken
//! (a terminal and a keyboard, the memory the texts need, the theme file), the run, and the
//! place remembered after it.

pub mod app;
pub mod decorations;
pub mod error;
pub mod folds;
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

/// Opens the viewer on `sources` showing `shown`, and runs it until the user quits (`None`)
/// or a signal ends it (`Some(signal)`). Before the terminal is taken, refuses what would
/// fail once it is: no terminal or keyboard, texts the memory available cannot hold (running
/// out of memory aborts without restoring the terminal), a theme file that cannot be used.
/// After the run, the place where it ended is kept in `store` (a failure to write it is said
/// on standard error, not fatal).
pub fn run(
    sources: Vec<crate::source::Source>,
    shown: crate::pair::Pair<usize>,
    options: app::Options,
    store: Option<places::Store>,
) -> Result<Option<i32>, error::Error> {
    use error::{Error, ErrorKind};
    use std::io::{IsTerminal, Write};
    // Keys come from standard input, or from the terminal itself when standard input was
    // read as a source (`-`).
    let keyboard = std::io::stdin().is_terminal() || std::fs::File::open("/dev/tty").is_ok();
    if !std::io::stdout().is_terminal() || !keyboard {
        return Err(Error::terminal(ErrorKind::NotATerminal));
    }
    let chars: usize = sources.iter().map(|s| s.char_len()).sum();
    let needed = memory_budget(chars as u64);
    if let Some(available) = crate::work::available_memory()
        && needed > available
    {
        return Err(Error::terminal(ErrorKind::NotEnoughMemory {
            needed,
            available,
        }));
    }
    let theme = theme::Theme::load(theme::Theme::file().as_deref())?;
    let io = |e: std::io::Error| Error::terminal(ErrorKind::Io(e.to_string()));
    let size = crossterm::terminal::size().map_err(io)?;
    // The first frame is drawn at once; the pair is compared on another thread meanwhile.
    let app = app::App::starting(sources, shown, options, size);
    let (ended, app) = terminal::run(app, theme).map_err(io)?;
    if let Some(oom) = app.out_of_memory {
        return Err(Error::new("memory", ErrorKind::Io(oom.to_string())));
    }
    if let Some(store) = store
        && !app.is_starting()
        && let Err(e) = store.keep(app.pair(), app.saved_place())
    {
        let _ = writeln!(
            std::io::stderr(),
            "duizhao: {}: could not remember the place: {e}",
            crate::text::sanitize::escape(&store.path().display().to_string())
        );
    }
    Ok(ended)
}
