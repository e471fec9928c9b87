//! Looks into styles: the one place that picks colours and attributes.
//!
//! Every highlight has an attribute as well as a colour (bold, underline, italic, reverse), so
//! it still shows without colour (`NO_COLOR`).

use super::layout::Look;
use crate::engine::compare::{Class, Hotspot};
use crate::pair::Side;
use ratatui::style::{Color, Modifier, Style};

/// Colours on or off.
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

    /// `style` with foreground `color`, when colours are on.
    #[inline]
    pub fn fg(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    /// `style` with background `color`, when colours are on.
    #[inline]
    pub fn bg(self, style: Style, color: Color) -> Style {
        if self.color { style.bg(color) } else { style }
    }

    /// The divider between the panes.
    pub fn divider(self) -> Style {
        self.fg(Style::default(), Color::DarkGray)
    }

    /// A divider row as a scrollbar: brighter where the view is (reversed without colour), red
    /// where hotspots lie (bold without colour), bright red where they are dense.
    pub fn scrollbar(self, cell: BarCell) -> Style {
        /// Hotspots in one row's stretch from which it counts as dense.
        const DENSE: usize = 4;
        let mut style = self.divider();
        if cell.hotspots > 0 {
            let tint = if cell.hotspots >= DENSE {
                Color::LightRed
            } else {
                Color::Red
            };
            style = self.fg(style, tint);
            // Without colour, rows with hotspots are bold (the thumb is reversed).
            if !self.color {
                style = style.add_modifier(Modifier::BOLD);
            }
        }
        if cell.thumb {
            style = if self.color {
                style.add_modifier(Modifier::BOLD).bg(Color::DarkGray)
            } else {
                style.add_modifier(Modifier::REVERSED)
            };
            if cell.hotspots == 0 {
                style = self.fg(style, Color::White);
            }
        }
        style
    }

    /// A pane's header, focused or not.
    pub fn header(self, focused: bool) -> Style {
        let style = Style::default().add_modifier(Modifier::BOLD);
        if focused {
            style.add_modifier(Modifier::REVERSED)
        } else {
            style
        }
    }

    /// The status bar.
    pub fn status(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// A panel's title row.
    pub fn title(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The selected entry of a list.
    pub fn selected(self, selected: bool) -> Style {
        if selected {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        }
    }

    /// A box's frame.
    pub fn frame(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// The style of a chunk of text on `side` with `look`; `hotspot` is the hotspot it belongs
    /// to, and `current` whether that is the current one.
    #[inline]
    pub fn look(self, side: Side, look: Look, hotspot: Option<&Hotspot>, current: bool) -> Style {
        let mut style = Style::default();
        if look.filler {
            return self.fg(style, Color::DarkGray).add_modifier(Modifier::DIM);
        }
        if let Some(hotspot) = hotspot {
            let tint = match side {
                Side::Left => Color::Red,
                Side::Right => Color::Green,
            };
            style = if hotspot.is_block() {
                self.fg(style, tint).add_modifier(Modifier::ITALIC)
            } else if hotspot.class == Class::Punctuation {
                self.fg(style, Color::Yellow)
                    .add_modifier(Modifier::UNDERLINED)
            } else if hotspot.class == Class::Spacing {
                self.fg(style, Color::Cyan)
                    .add_modifier(Modifier::UNDERLINED)
            } else if hotspot.class.is_mechanical() {
                // Shown only when the user asks for it: marked, but quieter than any real
                // difference.
                self.fg(style, Color::Magenta)
                    .add_modifier(Modifier::DIM | Modifier::UNDERLINED)
            } else {
                let bg = match side {
                    Side::Left => Color::Rgb(0x5f, 0x1f, 0x1f),
                    Side::Right => Color::Rgb(0x1f, 0x4f, 0x1f),
                };
                self.fg(self.bg(style, bg), Color::White)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            };
            if current {
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

/// What one row of the divider shows as a scrollbar: whether the view is there (the thumb),
/// and how many shown hotspots lie in the stretch of text the row stands for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BarCell {
    /// The view covers this stretch.
    pub thumb: bool,
    /// Shown hotspots starting in this stretch.
    pub hotspots: usize,
}
