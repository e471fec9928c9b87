//! Drawing the application state with ratatui: pane headers, the two text panes with the `│`
//! divider, the status bar, and the help, picker and search overlays.
//!
//! Rows come ready-made from the view model; this module only turns looks into styles and
//! copies cells into the buffer. Cell widths come from [`crate::width`]; where ratatui would
//! count a grapheme differently (East Asian ambiguous characters drawn wide), the cell's width
//! is forced so the terminal and the buffer agree.

use crate::app::{App, MIN_SIZE, Mode};
use crate::compare::Class;
use crate::pair::Side;
use crate::view::{Look, PaneRow, Row};
use crate::width::Widths;
use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use std::num::NonZeroU16;
use unicode_segmentation::UnicodeSegmentation;

pub use crate::view::DIVIDER;
/// Hotspots longer than this (normalised characters, either side) are blocks, drawn quieter.
const BLOCK_CHARS: usize = 80;

/// Colours on or off (off when `NO_COLOR` is set): every highlight also has an attribute, so
/// it shows without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether to use colour.
    pub color: bool,
}

impl Theme {
    /// The theme for this environment: no colour when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    fn bg(self, style: Style, color: Color) -> Style {
        if self.color { style.bg(color) } else { style }
    }

    /// The style of a chunk.
    pub fn look(self, app: &App, side: Side, look: Look) -> Style {
        let mut style = Style::default();
        if look.filler {
            return self.fg(style, Color::DarkGray).add_modifier(Modifier::DIM);
        }
        if let Some(h) = look.hotspot {
            let h = h as usize;
            let hotspot = &app.comparison.hotspots[h];
            let block = hotspot.norm.left.len().max(hotspot.norm.right.len()) > BLOCK_CHARS;
            let tint = match side {
                Side::Left => Color::Red,
                Side::Right => Color::Green,
            };
            style = if block {
                self.fg(style, tint).add_modifier(Modifier::ITALIC)
            } else if hotspot.class == Class::Punctuation {
                self.fg(style, Color::Yellow)
                    .add_modifier(Modifier::UNDERLINED)
            } else {
                let bg = match side {
                    Side::Left => Color::Rgb(0x5f, 0x1f, 0x1f),
                    Side::Right => Color::Rgb(0x1f, 0x4f, 0x1f),
                };
                self.fg(self.bg(style, bg), Color::White)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            };
            if app.current == Some(h) {
                style = self
                    .fg(style, Color::Black)
                    .bg(if self.color {
                        Color::Yellow
                    } else {
                        Color::Reset
                    })
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD);
                if self.color {
                    style = style.remove_modifier(Modifier::REVERSED);
                }
            }
        }
        if look.matched {
            style = if self.color {
                style.bg(Color::Cyan).fg(Color::Black)
            } else {
                style.add_modifier(Modifier::ITALIC | Modifier::UNDERLINED)
            };
        }
        if look.marker {
            style = style.add_modifier(Modifier::DIM);
        }
        style
    }
}

/// Clears a wide glyph that starts just left of `x` (it would cover the cell at `x`).
fn unhide(buf: &mut Buffer, x: u16, y: u16) {
    if x > buf.area.left() {
        let prev = &mut buf[(x - 1, y)];
        if crate::width::buffer_width(prev.symbol()) > 1
            || matches!(prev.diff_option, CellDiffOption::ForcedWidth(w) if w.get() > 1)
        {
            prev.reset();
        }
    }
}

/// Writes `text` at `(x, y)`, at most up to column `end`; returns the column after it.
fn put(
    buf: &mut Buffer,
    widths: Widths,
    x: u16,
    y: u16,
    end: u16,
    text: &str,
    style: Style,
) -> u16 {
    let mut x = x;
    for g in text.graphemes(true) {
        let w = widths.grapheme(g) as u16;
        if w == 0 {
            continue;
        }
        if x + w > end {
            break;
        }
        unhide(buf, x, y);
        let cell = &mut buf[(x, y)];
        cell.set_symbol(g)
            .set_style(style)
            .set_diff_option(CellDiffOption::None);
        if crate::width::buffer_width(g) != w as usize
            && let Some(forced) = NonZeroU16::new(w)
        {
            cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        for k in 1..w {
            buf[(x + k, y)].reset();
        }
        x += w;
    }
    x
}

/// Fills columns `x..end` of row `y` with spaces of `style`.
fn fill(buf: &mut Buffer, x: u16, y: u16, end: u16, style: Style) {
    if x < end {
        unhide(buf, x, y);
    }
    for col in x..end {
        buf[(col, y)].reset();
        buf[(col, y)].set_symbol(" ").set_style(style);
    }
}

fn put_row(buf: &mut Buffer, app: &App, theme: Theme, side: Side, x: u16, y: u16, row: &Row) {
    let end = x + *app.layout.width.get(side) as u16;
    let mut col = x;
    for chunk in &row.chunks {
        col = put(
            buf,
            app.widths,
            col,
            y,
            end,
            &chunk.text,
            theme.look(app, side, chunk.look),
        );
    }
    fill(buf, col, y, end, Style::default());
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    render(app, theme, area, frame.buffer_mut());
}

/// Renders the application into `buf` (the whole of `area`).
pub fn render(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let widths = app.widths;
    if !app.usable() {
        for y in area.top()..area.bottom() {
            fill(buf, area.left(), y, area.right(), Style::default());
        }
        let notice = format!(
            "duizhao: terminal {}x{} too small, need {}x{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        let mut y = area.top();
        let mut rest = notice.as_str();
        while !rest.is_empty() && y < area.bottom() {
            let (line, _) = widths.truncate(rest, area.width as usize);
            if line.is_empty() {
                break;
            }
            put(
                buf,
                widths,
                area.left(),
                y,
                area.right(),
                line,
                Style::default(),
            );
            rest = &rest[line.len()..];
            y += 1;
        }
        return;
    }
    let panes = App::pane_widths((area.width, area.height), widths);
    let x_left = area.left();
    let x_div = x_left + panes.left as u16;
    let div_w = widths.str(DIVIDER) as u16;
    let x_right = x_div + div_w;
    let top = area.top();

    // Headers.
    let pair = app.pair();
    for side in Side::BOTH {
        let source = pair.get(side);
        let x = if side == Side::Left { x_left } else { x_right };
        let end = x + *panes.get(side) as u16;
        let focused = app.focus == side;
        let mut style = Style::default().add_modifier(Modifier::BOLD);
        if focused {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let text = format!(
            " {}{} · {} · {:.1}%",
            if focused { "▸ " } else { "" },
            crate::sanitize::escape(&source.name),
            source.encoding,
            app.comparison.similarity * 100.0
        );
        fill(buf, x, top, end, style);
        put(buf, widths, x, top, end, &text, style);
    }
    put(
        buf,
        widths,
        x_div,
        top,
        x_div + div_w,
        DIVIDER,
        Style::default(),
    );

    // Text rows.
    let height = app.text_height();
    for i in 0..height {
        let y = top + 1 + i as u16;
        let global = app.top + i;
        for side in Side::BOTH {
            let x = if side == Side::Left { x_left } else { x_right };
            let width = *panes.get(side) as u16;
            if global >= app.layout.total {
                fill(buf, x, y, x + width, Style::default());
                continue;
            }
            match app.layout.pane_row(side, global) {
                PaneRow::Text(row) => put_row(buf, app, theme, side, x, y, row),
                PaneRow::Filler { hatched } => {
                    let row = Row::filler(width as usize, hatched, widths);
                    put_row(buf, app, theme, side, x, y, &row)
                }
            }
        }
        let divider = theme.fg(Style::default(), Color::DarkGray);
        put(buf, widths, x_div, y, x_div + div_w, DIVIDER, divider);
    }

    if app.panel_height() > 0 {
        apparatus_panel(app, area, top + 1 + height as u16, buf);
    }
    status_bar(app, area, buf);
    match &app.mode {
        Mode::Help => help(app, area, buf),
        Mode::Picker { side, selected } => picker(app, *side, *selected, area, buf),
        Mode::Normal | Mode::Search { .. } => {}
    }
}

fn status_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let y = area.bottom() - 1;
    let style = Style::default().add_modifier(Modifier::REVERSED);
    fill(buf, area.left(), y, area.right(), style);
    let pair = app.pair();
    let left = match &app.mode {
        Mode::Search { query } => format!(
            " {} │ search: /{}▏",
            app.hotspot_status(),
            crate::sanitize::escape(query)
        ),
        _ => {
            let mut s = format!(
                " {} │ {} ↔ {}",
                app.hotspot_status(),
                crate::sanitize::escape(&pair.left.name),
                crate::sanitize::escape(&pair.right.name)
            );
            let warning = Side::BOTH.into_iter().find_map(|side| {
                pair.get(side)
                    .warnings
                    .first()
                    .map(|w| format!("{}: {w}", pair.get(side).name))
            });
            if let Some(m) = app.message.clone().or(warning) {
                s.push_str(" │ ");
                s.push_str(&crate::sanitize::escape(&m));
            }
            s
        }
    };
    let end = put(buf, app.widths, area.left(), y, area.right(), &left, style);
    // The key hints that fit after the status text, longest first.
    let room = (area.right() - end) as usize;
    let hints = [
        " n/p hotspot  j/k scroll  s source  x swap  / search  a apparatus  ? help  q quit ",
        " n/p hotspot  j/k scroll  s source  x swap  / search  ? help  q quit ",
        " n/p hotspot  s source  / search  ? help  q quit ",
        " n/p  ? help  q quit ",
        " ? help ",
    ]
    .into_iter()
    .find(|h| app.widths.str(h) < room);
    if let Some(hints) = hints {
        let w = app.widths.str(hints) as u16;
        put(
            buf,
            app.widths,
            area.right() - w,
            y,
            area.right(),
            hints,
            style,
        );
    }
}

/// The apparatus panel below the panes: the variant places against the left source, the
/// selected one marked, each reading with its sources (numbered as in the picker), `◀` / `▶`
/// on the readings of the left and right panes.
fn apparatus_panel(app: &App, area: Rect, y0: u16, buf: &mut Buffer) {
    let Some(collation) = &app.apparatus else {
        return;
    };
    let widths = app.widths;
    let (x0, x1) = (area.left(), area.right());
    let rows = app.panel_height() as u16;
    let title_style = Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD);
    fill(buf, x0, y0, x1, title_style);
    let title = format!(
        " apparatus: {} places against {} · j/k move · a close",
        collation.places.len(),
        crate::sanitize::escape(&app.sources[collation.base].name)
    );
    put(buf, widths, x0, y0, x1, &title, title_style);
    let selected = app.panel.unwrap_or(0);
    let visible = (rows - 1) as usize;
    let first = selected
        .saturating_sub(visible / 2)
        .min(collation.places.len().saturating_sub(visible));
    let base = &app.sources[collation.base];
    for (k, y) in (y0 + 1..y0 + rows).enumerate() {
        fill(buf, x0, y, x1, Style::default());
        let i = first + k;
        let Some(place) = collation.places.get(i) else {
            continue;
        };
        let style = if i == selected {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        let mut line = format!(
            "{} {:>3} l.{:<4}",
            if i == selected { "▸" } else { " " },
            i + 1,
            base.line_of(place.span.start)
        );
        for (n, reading) in place.readings.iter().enumerate() {
            let text: String = if reading.omitted {
                "∅".to_string()
            } else {
                let t: String = reading.norm.chars().take(16).collect();
                if reading.norm.chars().count() > 16 {
                    format!("{t}…")
                } else {
                    t
                }
            };
            let numbers: Vec<String> = reading
                .sources
                .iter()
                .map(|(s, _)| (s + 1).to_string())
                .collect();
            let mut marks = String::new();
            if reading.sources.iter().any(|(s, _)| *s == app.shown.left) {
                marks.push('◀');
            }
            if reading.sources.iter().any(|(s, _)| *s == app.shown.right) {
                marks.push('▶');
            }
            line.push_str(if n == 0 { " " } else { " │ " });
            line.push_str(&format!(
                "{} {}{marks}",
                crate::sanitize::escape(&text),
                numbers.join(",")
            ));
        }
        put(buf, widths, x0, y, x1, &line, style);
    }
}

/// Draws a framed box with `lines` in the middle of `area`.
fn overlay(app: &App, area: Rect, buf: &mut Buffer, title: &str, lines: &[(String, Style)]) {
    let widths = app.widths;
    let inner_w = lines
        .iter()
        .map(|(l, _)| widths.str(l))
        .chain([widths.str(title) + 2])
        .max()
        .unwrap_or(0) as u16;
    let w = (inner_w + 4).min(area.width);
    let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(1));
    let x = area.left() + (area.width - w) / 2;
    let y = area.top() + (area.height.saturating_sub(1) - h) / 2;
    let frame = Style::default().add_modifier(Modifier::BOLD);
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
        x + w - 1,
        &format!(" {title} "),
        frame,
    );
    for (i, (line, style)) in lines.iter().enumerate().take(h.saturating_sub(2) as usize) {
        put(
            buf,
            widths,
            x + 2,
            y + 1 + i as u16,
            x + w - 2,
            line,
            *style,
        );
    }
}

/// The keys, as the help overlay lists them.
pub const KEYS: [(&str, &str); 14] = [
    ("n  ]", "next hotspot"),
    ("p  [", "previous hotspot"),
    ("j  k  ↓  ↑", "scroll one row (mouse wheel: three)"),
    ("PgDn  PgUp  space", "scroll one page"),
    ("g  G  Home  End", "go to the top / bottom"),
    ("Tab", "switch the focused pane"),
    ("s", "pick the source for the focused pane"),
    ("x", "swap the panes"),
    ("/", "search both panes (Enter: next match)"),
    ("a", "apparatus of all sources (j/k: move to a place)"),
    ("?", "this help"),
    ("q  Esc", "quit (Esc also closes a box)"),
    ("", ""),
    ("colours", "red/green: wording · yellow: punctuation"),
];

fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let lines: Vec<(String, Style)> = KEYS
        .iter()
        .map(|(k, what)| (format!("{k:<18} {what}"), Style::default()))
        .collect();
    overlay(app, area, buf, "duizhao keys · any key closes", &lines);
}

fn picker(app: &App, side: Side, selected: usize, area: Rect, buf: &mut Buffer) {
    let other = *app.shown.get(side.other());
    let lines: Vec<(String, Style)> = app
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let sim = app
                .picker_similarity
                .get(i)
                .map_or("".to_string(), |v| format!("{:5.1}%", v * 100.0));
            let mark = if i == selected { "▸" } else { " " };
            let this = if i == other { " (other pane)" } else { "" };
            let style = if i == selected {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            (
                format!(
                    "{mark} {:>2}  {sim}  {}  {}{this}",
                    i + 1,
                    crate::sanitize::escape(&s.name),
                    s.encoding
                ),
                style,
            )
        })
        .collect();
    let title = format!(
        "source for the {} pane · similarity to {}",
        if side == Side::Left { "left" } else { "right" },
        crate::sanitize::escape(&app.sources[other].name)
    );
    overlay(app, area, buf, &title, &lines);
}
