//! The status line, rendered from a read-only view of the state: `hotspot I/N` (`-` before the
//! first jump), how many hotspots the filter hides, `folded` while folding is on (`z`), where
//! the view is (`17% l.14:11`, by the text at the top, folded or not), what
//! runs in the background or the last message (else a decoding warning), the pair's names
//! where they fit, and the key hints that fit (from the key table, the highest ranks first).
//! It reads the state and changes nothing.

use super::app::App;
use super::geometry::Screen;
use super::keys::{Scope, hints, max_rank};
use super::paint::{fill, put};
use super::theme::Theme;
use crate::pair::Side;
use crate::text::sanitize::escape;
use crate::text::width::Widths;
use ratatui::buffer::Buffer;
use std::sync::OnceLock;

/// The status bar's hint lines, from the key table: all the panes' hints first, then fewer
/// and fewer, dropping the highest rank each time. Built once.
fn status_hints() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        (1..=max_rank(Scope::Panes))
            .rev()
            .map(|rank| format!(" {} ", hints(Scope::Panes, rank).join("  ")))
            .collect()
    })
}

/// The status bar: `hotspot I/N`, the pair's names (or what the top component puts there), a
/// message or decoding warning, and the key hints that fit.
pub fn render(app: &App, screen: &Screen, theme: Theme, buf: &mut Buffer) {
    let bar = screen.status;
    let y = bar.top();
    let style = theme.status();
    fill(buf, bar.left(), y, bar.right(), style);
    let pair = app.pair();
    let prompt = app
        .busy()
        .or_else(|| app.top_overlay().and_then(|o| o.component().status()));
    // How many hotspots the filter hides, after the count of those shown; whether the mouse
    // is left to the terminal.
    let mut hotspots = app.hotspot_status();
    match app.hidden_count() {
        0 => {}
        hidden => hotspots.push_str(&format!(" │ {hidden} hidden")),
    }
    if !app.mouse {
        hotspots.push_str(" │ mouse off");
    }
    if app.folding() {
        hotspots.push_str(" │ folded");
    }
    hotspots.push_str(&format!(" │ {}", app.position()));
    // While a search is highlighted, its keys come first.
    let search = !app.view.search.query.is_empty();
    let lines: Vec<String> = if search {
        let matches = format!(
            " {}",
            hints(Scope::Matches, max_rank(Scope::Matches)).join("  ")
        );
        status_hints()
            .iter()
            .map(|h| format!("{matches}{h}"))
            .chain([format!("{matches} ")])
            .collect()
    } else {
        status_hints().to_vec()
    };
    let room = bar.width as usize;
    let left = match prompt {
        // A prompt too long for the bar keeps its end, where the typing is.
        Some(prompt) => fitted(&format!(" {hotspots} │ {prompt}"), room, app.widths, true),
        None => {
            let mut s = format!(" {hotspots}");
            let warning = Side::BOTH.into_iter().find_map(|side| {
                pair.get(side)
                    .warnings
                    .first()
                    .map(|w| format!("{}: {w}", pair.get(side).name))
            });
            if let Some(m) = app.message.clone().or(warning) {
                s.push_str(" │ ");
                s.push_str(&escape(&m));
            }
            // The names are in the pane headers too: where they would leave no room for the
            // shortest hint, they go first.
            let names = format!(
                " │ {} ↔ {}",
                escape(&app.library.names[app.view.shown.left]),
                escape(&app.library.names[app.view.shown.right])
            );
            let shortest = lines.last().map_or(0, |h| app.widths.str(h));
            if app.widths.str(&s) + app.widths.str(&names) + shortest < bar.width as usize {
                s.push_str(&names);
            }
            // A message too long for the bar is cut with `…`, never mid-word without a mark.
            fitted(&s, room, app.widths, false)
        }
    };
    let end = put(buf, app.widths, bar.left(), y, bar.right(), &left, style);
    // The most hints that fit after the status text: those of the highest ranks go first.
    let room = (bar.right() - end) as usize;
    let fitting = lines
        .iter()
        .map(|h| (h, app.widths.str(h)))
        .find(|&(_, w)| w < room);
    if let Some((hints, w)) = fitting {
        let w = w as u16;
        put(
            buf,
            app.widths,
            bar.right() - w,
            y,
            bar.right(),
            hints,
            style,
        );
    }
}

/// `text` in at most `room` columns: as it is if it fits, else cut with `…` at its end (or,
/// with `keep_end`, at its start, its end kept).
fn fitted(text: &str, room: usize, widths: Widths, keep_end: bool) -> String {
    if widths.str(text) <= room {
        return text.to_string();
    }
    let Some(keep) = room.checked_sub(widths.str("…")) else {
        return String::new();
    };
    if !keep_end {
        return format!("{}…", widths.truncate(text, keep).0);
    }
    // The longest end of `text` that fits.
    let (mut used, mut start) = (0, text.len());
    let graphemes: Vec<&str> = crate::text::chars::graphemes(text).collect();
    for g in graphemes.into_iter().rev() {
        used += widths.str(g);
        if used > keep {
            break;
        }
        start -= g.len();
    }
    format!("…{}", &text[start..])
}

impl App {
    /// Where the view is: how far down the text (percent) and the line at the top of each
    /// pane (`34% l.120:98`), by the text at the top (folded or not).
    pub fn position(&self) -> String {
        if self.is_starting() {
            return "0% l.1:1".to_string();
        }
        let layout = &self.view.layout;
        let (top, scrollable) = (self.top_row(), self.last_top_row());
        let percent = (top * 100)
            .checked_div(scrollable)
            .map_or(100, |p| p.min(100));
        let pair = self.pair();
        let line = |side: Side| {
            layout
                .offset_on(side, top)
                .map_or("-".to_string(), |o| pair.get(side).line_of(o).to_string())
        };
        format!("{percent}% l.{}:{}", line(Side::Left), line(Side::Right))
    }

    /// The `hotspot I/N` text of the status bar.
    pub fn hotspot_status(&self) -> String {
        if self.is_starting() {
            return "hotspot -/…".to_string();
        }
        let cmp = &self.view.comparison;
        let n = cmp.stops().len();
        match self.current_stop() {
            Some(stop) => format!("hotspot {}/{n}", cmp.stop_number(stop)),
            None => format!("hotspot -/{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_too_long_is_cut_with_an_ellipsis() {
        let widths = Widths::default();
        assert_eq!(fitted("short", 10, widths, false), "short");
        assert_eq!(
            fitted("hotspot 3/10 │ wrapped", 12, widths, false),
            "hotspot 3/1…"
        );
        assert_eq!(fitted("search: /霸权政治", 11, widths, true), "… /霸权政治");
        // A wide character that does not fit whole is left out, never cut.
        assert_eq!(fitted("甲乙丙丁", 6, widths, false), "甲乙…");
        assert_eq!(fitted("甲乙丙丁", 4, widths, false), "甲…");
        for room in 0..12 {
            let cut = fitted("霸权 and 强权 again", room, widths, false);
            assert!(widths.str(&cut) <= room, "{room}: {cut:?}");
        }
    }
}
