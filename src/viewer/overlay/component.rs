//! What every component shares: the [`Component`] trait, the [`Context`] it reads, the
//! [`Outcome`] of a key and the [`Request`]s it makes, and the framed box the boxes draw in.

use crate::engine::compare::{Class, Filter, Stop};
use crate::engine::style::Rules;
use crate::pair::Side;
use crate::text::width::Widths;
use crate::viewer::geometry::Screen;
use crate::viewer::keys::{Action, Key, Scope, action};
use crate::viewer::paint::{fill, put};
use crate::viewer::state::{Library, PairView};
use crate::viewer::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// What a component may read of the application's state.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The loaded sources.
    pub library: &'a Library,
    /// The shown pair.
    pub view: &'a PairView,
    /// How display widths are counted.
    pub widths: Widths,
    /// The classes of hotspots shown.
    pub filter: Filter,
    /// The pairs of readings hidden.
    pub rules: &'a Rules,
}

/// What the application is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Show source `source` in the pane on `side`.
    Pick {
        /// The pane.
        side: Side,
        /// The source's index.
        source: usize,
    },
    /// Search both panes for a phrase (the same phrase again: the next match).
    Search(String),
    /// Bring apparatus place `i` into view in both panes.
    ShowPlace(usize),
    /// Show the class if hidden, hide it if shown.
    Toggle(Class),
    /// Hide the pair of readings (left, right) if shown, show it if a rule hides it.
    ToggleRule(String, String),
    /// Go to a line, a percentage or a heading (what was typed at `:`).
    Jump(String),
    /// Make this stop of the shown comparison's walk current and bring it into view.
    ShowStop(Stop),
}

/// What a component made of a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Taken; nothing else happens.
    Taken,
    /// Not this component's key: the one below (or the panes) gets it.
    NotMine,
    /// Close the component, then carry out the request, if any.
    Close(Option<Request>),
    /// Carry out the request; the component stays open.
    Request(Request),
}

/// A component over the panes.
pub trait Component {
    /// What it makes of `key`.
    fn key(&mut self, key: Key, context: &Context) -> Outcome;

    /// Draws it on `screen`.
    fn draw(&self, context: &Context, screen: &Screen, theme: Theme, buf: &mut Buffer);

    /// The text it puts in the status bar instead of the pair's names, if any.
    fn status(&self) -> Option<String> {
        None
    }
}

/// The most entries a prompt's history keeps.
pub const HISTORY: usize = 100;

/// What was entered in a prompt before, oldest first, and where ↑/↓ stand in it (as a shell's
/// or vim's command-line history: ↑ the entry before, ↓ the one after, and past the newest
/// what was being typed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// The entry shown, if the user stepped into the history.
    at: Option<usize>,
    /// What was typed before stepping into the history.
    typed: String,
}

impl History {
    /// A history of `entries`, oldest first.
    pub fn new(entries: Vec<String>) -> History {
        History {
            entries,
            ..History::default()
        }
    }

    /// Steps back (or forward) and puts that entry into `text`.
    fn step(&mut self, text: &mut String, back: bool) {
        let n = self.entries.len();
        let at = match (self.at, back) {
            (_, true) if n == 0 => return,
            (None, true) => {
                self.typed = text.clone();
                Some(n - 1)
            }
            (Some(i), true) => Some(i.saturating_sub(1)),
            (None, false) => return,
            (Some(i), false) if i + 1 < n => Some(i + 1),
            (Some(_), false) => None,
        };
        self.at = at;
        *text = match at {
            Some(i) => self.entries[i].clone(),
            None => std::mem::take(&mut self.typed),
        };
    }
}

/// Adds `entry` to a prompt's `history` (not twice in a row, empty never, the newest
/// [`HISTORY`] kept).
pub fn remember(history: &mut Vec<String>, entry: &str) {
    if entry.is_empty() || history.last().is_some_and(|l| l == entry) {
        return;
    }
    history.push(entry.to_string());
    if history.len() > HISTORY {
        history.remove(0);
    }
}

/// What a one-line prompt in `scope` makes of `key` while `text` is typed: Enter closes it
/// with `done(text)`, Esc closes it, Backspace deletes, ↑/↓ walk `history`, any other
/// character is typed.
pub(crate) fn typed(
    text: &mut String,
    history: &mut History,
    key: Key,
    scope: Scope,
    done: impl FnOnce(String) -> Request,
) -> Outcome {
    match (action(scope, key), key) {
        (Some(Action::Close), _) => return Outcome::Close(None),
        (Some(Action::Choose), _) => return Outcome::Close(Some(done(std::mem::take(text)))),
        (Some(Action::DeleteBack), _) => {
            text.pop();
        }
        (Some(Action::HistoryPrevious), _) => history.step(text, true),
        (Some(Action::HistoryNext), _) => history.step(text, false),
        (_, Key::Char(c)) => text.push(c),
        _ => {}
    }
    Outcome::Taken
}

/// Draws a framed box with `lines` in the middle of `area` (the status bar left free).
pub(crate) fn framed_box(
    widths: Widths,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    lines: &[(String, Style)],
) {
    let inner_w = lines
        .iter()
        .map(|(l, _)| widths.str(l))
        .chain([widths.str(title) + 2])
        .max()
        .unwrap_or(0) as u16;
    let w = (inner_w + 4).min(area.width);
    let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(1));
    if w < 2 || h < 2 {
        return;
    }
    let x = area.left() + (area.width - w) / 2;
    let y = area.top() + (area.height.saturating_sub(1) - h) / 2;
    let frame = theme.frame();
    // Box drawing characters are East Asian ambiguous: ASCII where they would be wide.
    let glyph = |g, ascii| widths.narrow(g, ascii);
    let (v, hz) = (glyph("│", "|"), glyph("─", "-"));
    for row in y..y + h {
        fill(buf, x, row, x + w, Style::default());
        put(buf, widths, x, row, x + 1, v, frame);
        put(buf, widths, x + w - 1, row, x + w, v, frame);
    }
    let horizontal = hz.repeat(w.saturating_sub(2) as usize);
    let (tl, tr, bl, br) = (
        glyph("┌", "+"),
        glyph("┐", "+"),
        glyph("└", "+"),
        glyph("┘", "+"),
    );
    put(
        buf,
        widths,
        x,
        y,
        x + w,
        &format!("{tl}{horizontal}{tr}"),
        frame,
    );
    put(
        buf,
        widths,
        x,
        y + h - 1,
        x + w,
        &format!("{bl}{horizontal}{br}"),
        frame,
    );
    put(
        buf,
        widths,
        x + 2,
        y,
        (x + w).saturating_sub(1),
        &format!(" {title} "),
        frame,
    );
    for (i, (line, style)) in lines.iter().enumerate().take(h.saturating_sub(2) as usize) {
        put(
            buf,
            widths,
            x + 2,
            y + 1 + i as u16,
            (x + w).saturating_sub(2),
            line,
            *style,
        );
    }
}
