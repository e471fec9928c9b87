//! Looks into styles: the one place that picks colours and attributes.
//!
//! Every highlight has an attribute as well as a colour (bold, underline, italic, reverse), so
//! it still shows without colour (`NO_COLOR`). Colours are sent in the depth the terminal says
//! it has ([`Depth`]: 24-bit only with `COLORTERM=truecolor`, else the nearest of the 256 or
//! 16 colours), and the highlight colours can be set in a theme file ([`Palette`]).

use super::error::{Error, ErrorKind};
use super::layout::Look;
use crate::engine::compare::{Class, Hotspot};
use crate::pair::Side;
use crate::source::small_file::SmallFileError;
use ratatui::style::{Color, Modifier, Style};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    /// None (`NO_COLOR`, a monochrome `TERM`): attributes only.
    Mono,
    /// The 16 ANSI colours.
    Ansi16,
    /// The xterm 256-colour palette.
    Ansi256,
    /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
    TrueColor,
}

impl Depth {
    /// The depth the environment says the terminal has: none when `NO_COLOR` is set and not
    /// empty or `TERM` is `dumb` or a monochrome entry (`…-mono`, `…-m`); 24-bit when
    /// `COLORTERM` is `truecolor` or `24bit`; 256 colours when `TERM` names them; else 16.
    pub fn from_env() -> Depth {
        let var = |name: &str| std::env::var(name).unwrap_or_default();
        Depth::from_vars(&var("NO_COLOR"), &var("COLORTERM"), &var("TERM"))
    }

    /// [`Depth::from_env`] for the given values of `NO_COLOR`, `COLORTERM` and `TERM`.
    pub fn from_vars(no_color: &str, colorterm: &str, term: &str) -> Depth {
        if !no_color.is_empty() || term == "dumb" || term.ends_with("-mono") || term.ends_with("-m")
        {
            Depth::Mono
        } else if matches!(colorterm, "truecolor" | "24bit") {
            Depth::TrueColor
        } else if term.contains("256color") || term.contains("direct") {
            Depth::Ansi256
        } else {
            Depth::Ansi16
        }
    }
}

/// The colours of the highlights (the rest are the 16 ANSI colours every colour terminal
/// has). Set in a theme file: see [`Palette::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The ground of a wording change on the left.
    pub left: Color,
    /// The ground of a wording change on the right.
    pub right: Color,
    /// The ground of a punctuation variant.
    pub punctuation: Color,
    /// The ground of the current hotspot.
    pub current: Color,
    /// The ground of a search match.
    pub matched: Color,
    /// The ground of a moved passage.
    pub moved: Color,
}

impl Palette {
    /// The colours used unless a theme file sets others.
    pub const DEFAULT: Palette = Palette {
        left: Color::Rgb(0x5f, 0x1f, 0x1f),
        right: Color::Rgb(0x1f, 0x4f, 0x1f),
        punctuation: Color::Rgb(0x00, 0x00, 0x87),
        current: Color::Yellow,
        matched: Color::Cyan,
        moved: Color::Rgb(0x00, 0x3a, 0x5a),
    };

    /// The palette a theme file sets: TOML, every key optional, in a `[colors]` table —
    /// `left`, `right`, `punctuation`, `current`, `match`, `moved` — each a colour name (`red`,
    /// `light-blue`, `dark-gray`…), a 256-colour index (`"52"`) or `#rrggbb`. Unknown keys and
    /// bad colours are errors, named.
    pub fn parse(text: &str) -> Result<Palette, String> {
        let value: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            e.message().lines().next().unwrap_or("not TOML").to_string()
        })?;
        let mut palette = Palette::DEFAULT;
        for (key, v) in &value {
            let toml::Value::Table(colors) = v else {
                return Err(format!("`{key}` is not a table (colours go in [colors])"));
            };
            if key != "colors" {
                return Err(format!("unknown table [{key}] (colours go in [colors])"));
            }
            for (name, v) in colors {
                let slot = match name.as_str() {
                    "left" => &mut palette.left,
                    "right" => &mut palette.right,
                    "punctuation" => &mut palette.punctuation,
                    "moved" => &mut palette.moved,
                    "current" => &mut palette.current,
                    "match" => &mut palette.matched,
                    other => {
                        return Err(format!(
                            "unknown colour `{other}` (left, right, punctuation, current, match, moved)"
                        ));
                    }
                };
                let color = match v {
                    toml::Value::String(s) => s.parse::<Color>().ok(),
                    toml::Value::Integer(i) => u8::try_from(*i).ok().map(Color::Indexed),
                    _ => None,
                };
                *slot = color.ok_or_else(|| {
                    format!("`{name}`: not a colour (a name, an index 0-255 or #rrggbb)")
                })?;
            }
        }
        Ok(palette)
    }
}

/// Colours in a given depth, with a given palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// How many colours the terminal shows.
    pub depth: Depth,
    /// The highlights' colours.
    pub palette: Palette,
}

impl Theme {
    /// 24-bit colour, the default palette.
    pub const COLOR: Theme = Theme {
        depth: Depth::TrueColor,
        palette: Palette::DEFAULT,
    };

    /// No colour.
    pub const NO_COLOR: Theme = Theme {
        depth: Depth::Mono,
        palette: Palette::DEFAULT,
    };

    /// The theme for this environment's depth ([`Depth::from_env`]), default palette.
    pub fn from_env() -> Theme {
        Theme {
            depth: Depth::from_env(),
            palette: Palette::DEFAULT,
        }
    }

    /// Where the theme file is looked for: `$XDG_CONFIG_HOME/duizhao/theme.toml` if that is an
    /// absolute path, else `$HOME/.config/duizhao/theme.toml`.
    pub fn file() -> Option<PathBuf> {
        Theme::file_in(
            std::env::var_os("XDG_CONFIG_HOME"),
            std::env::var_os("HOME"),
        )
    }

    /// [`Theme::file`] for the given values of `XDG_CONFIG_HOME` and `HOME`.
    fn file_in(xdg_config_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
        let absolute = |p: Option<OsString>| p.map(PathBuf::from).filter(|p| p.is_absolute());
        let base = absolute(xdg_config_home)
            .or_else(|| absolute(home).map(|home| home.join(".config")))?;
        Some(base.join("duizhao").join("theme.toml"))
    }

    /// The theme for this environment with the palette of the theme file at `path`, if there
    /// is one there; a file that cannot be read ([`crate::source::small_file`]: a regular file
    /// of at most 1 MiB) or parsed is an error naming it.
    pub fn load(path: Option<&Path>) -> Result<Theme, Error> {
        let mut theme = Theme::from_env();
        let Some(path) = path else {
            return Ok(theme);
        };
        let name = path.display().to_string();
        match crate::source::small_file::read_small(path) {
            Ok(Some(bytes)) => {
                let text = String::from_utf8(bytes).map_err(|_| {
                    Error::new(&name, ErrorKind::BadTheme("not UTF-8 text".to_string()))
                })?;
                theme.palette = Palette::parse(&text)
                    .map_err(|reason| Error::new(&name, ErrorKind::BadTheme(reason)))?;
                Ok(theme)
            }
            Ok(None) => Ok(theme),
            Err(SmallFileError::Permission) => Err(Error::new(&name, ErrorKind::Permission)),
            Err(e) => Err(Error::new(&name, ErrorKind::Io(e.to_string()))),
        }
    }

    /// Whether colours are used at all.
    #[inline]
    pub fn color(self) -> bool {
        self.depth != Depth::Mono
    }

    /// `color` as the terminal can show it: the nearest of its 256 or 16 colours where it
    /// has no 24-bit colour.
    pub fn shown(self, color: Color) -> Color {
        match (self.depth, color) {
            (Depth::TrueColor, c) => c,
            (Depth::Ansi256, Color::Rgb(r, g, b)) => Color::Indexed(nearest_256([r, g, b])),
            (Depth::Ansi16, Color::Rgb(r, g, b)) => nearest_16([r, g, b]),
            (Depth::Ansi16, Color::Indexed(i)) if i >= 16 => nearest_16(xterm_rgb(i)),
            (_, c) => c,
        }
    }

    /// `style` with foreground `color`, when colours are on.
    #[inline]
    pub fn fg(self, style: Style, color: Color) -> Style {
        if self.color() {
            style.fg(self.shown(color))
        } else {
            style
        }
    }

    /// `style` with background `color`, when colours are on.
    #[inline]
    pub fn bg(self, style: Style, color: Color) -> Style {
        if self.color() {
            style.bg(self.shown(color))
        } else {
            style
        }
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
            if !self.color() {
                style = style.add_modifier(Modifier::BOLD);
            }
        }
        if cell.thumb {
            style = if self.color() {
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

    /// A line number in a pane's gutter: dim, with and without colour.
    pub fn line_number(self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    /// A fold row (`⋯ 124 unchanged lines ⋯`): dim, with and without colour.
    pub fn fold(self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
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
            style = if hotspot.class == Class::Moved && look.inner.is_none() {
                // Its own ground on both sides, the same at the old place and the new.
                self.fg(self.bg(style, self.palette.moved), Color::LightCyan)
                    .add_modifier(Modifier::ITALIC)
            } else if hotspot.class == Class::Moved {
                // A variant inside a moved passage: marked as a change of wording.
                let bg = match side {
                    Side::Left => self.palette.left,
                    Side::Right => self.palette.right,
                };
                self.fg(self.bg(style, bg), Color::White)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            } else if hotspot.is_block() {
                self.fg(style, tint).add_modifier(Modifier::ITALIC)
            } else if hotspot.class == Class::Punctuation {
                // A ground as well as a colour: a changed comma is one narrow glyph.
                self.fg(self.bg(style, self.palette.punctuation), Color::LightYellow)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
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
                    Side::Left => self.palette.left,
                    Side::Right => self.palette.right,
                };
                self.fg(self.bg(style, bg), Color::White)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            };
            if current {
                style = if self.color() {
                    self.bg(self.fg(style, Color::Black), self.palette.current)
                        .add_modifier(Modifier::BOLD)
                } else {
                    style
                        .bg(Color::Reset)
                        .add_modifier(Modifier::REVERSED | Modifier::BOLD)
                };
            }
        }
        if look.matched {
            style = if self.color() {
                self.bg(self.fg(style, Color::Black), self.palette.matched)
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

/// The RGB value of xterm colour `index` (16–255: the 6x6x6 cube and the grey ramp; 0–15 the
/// usual xterm values).
fn xterm_rgb(index: u8) -> [u8; 3] {
    const BASIC: [[u8; 3]; 16] = [
        [0, 0, 0],
        [205, 0, 0],
        [0, 205, 0],
        [205, 205, 0],
        [0, 0, 238],
        [205, 0, 205],
        [0, 205, 205],
        [229, 229, 229],
        [127, 127, 127],
        [255, 0, 0],
        [0, 255, 0],
        [255, 255, 0],
        [92, 92, 255],
        [255, 0, 255],
        [0, 255, 255],
        [255, 255, 255],
    ];
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match index {
        0..=15 => BASIC[index as usize],
        16..=231 => {
            let i = index - 16;
            [
                LEVELS[(i / 36) as usize],
                LEVELS[(i / 6 % 6) as usize],
                LEVELS[(i % 6) as usize],
            ]
        }
        _ => {
            let v = 8 + 10 * (index - 232);
            [v, v, v]
        }
    }
}

/// Squared distance between two colours, red and blue weighted as the eye weighs them less.
fn distance(a: [u8; 3], b: [u8; 3]) -> u32 {
    let d = |i: usize| (a[i] as i32 - b[i] as i32).unsigned_abs();
    2 * d(0) * d(0) + 4 * d(1) * d(1) + 3 * d(2) * d(2)
}

/// The nearest colour of the xterm 256-colour palette beyond the 16 basic ones (whose values
/// terminals change).
fn nearest_256(rgb: [u8; 3]) -> u8 {
    // A colour with a hue is not given a grey, however near.
    let chromatic = chroma(rgb) > 24;
    (16..=255u8)
        .filter(|&i| !chromatic || chroma(xterm_rgb(i)) > 0)
        .min_by_key(|&i| distance(rgb, xterm_rgb(i)))
        .unwrap_or(16)
}

/// How far a colour is from grey: its largest component less its smallest.
fn chroma(rgb: [u8; 3]) -> u8 {
    let (max, min) = (
        *rgb.iter().max().unwrap_or(&0),
        *rgb.iter().min().unwrap_or(&0),
    );
    max - min
}

/// The nearest of the 16 ANSI colours.
fn nearest_16(rgb: [u8; 3]) -> Color {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    // Dark grounds such as #5f1f1f would all come out black: the hue is kept by choosing
    // among the non-grey colours when the colour has one.
    let chromatic = chroma(rgb) > 24;
    (0..16u8)
        .filter(|&i| !chromatic || !matches!(i, 0 | 7 | 8 | 15))
        .min_by_key(|&i| {
            // A colour with a hue is compared at full brightness, so a dark red stays red.
            let scale = |c: [u8; 3]| {
                if !chromatic {
                    return c;
                }
                let m = u32::from(*c.iter().max().unwrap_or(&0)).max(1);
                c.map(|v| (u32::from(v) * 255 / m) as u8)
            };
            // Ties (a colour and its bright form) go to the nearer brightness.
            (
                distance(scale(rgb), scale(xterm_rgb(i))),
                distance(rgb, xterm_rgb(i)),
            )
        })
        .map_or(Color::Reset, |i| NAMED[i as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_from_the_environment() {
        assert_eq!(
            Depth::from_vars("1", "truecolor", "xterm-256color"),
            Depth::Mono
        );
        assert_eq!(Depth::from_vars("", "truecolor", "xterm"), Depth::TrueColor);
        assert_eq!(Depth::from_vars("", "24bit", "screen"), Depth::TrueColor);
        assert_eq!(Depth::from_vars("", "", "xterm-256color"), Depth::Ansi256);
        assert_eq!(Depth::from_vars("", "", "tmux-256color"), Depth::Ansi256);
        assert_eq!(Depth::from_vars("", "", "xterm"), Depth::Ansi16);
        assert_eq!(Depth::from_vars("", "", "xterm-mono"), Depth::Mono);
        assert_eq!(Depth::from_vars("", "", "dumb"), Depth::Mono);
    }

    #[test]
    fn colours_come_down_to_the_depth_the_terminal_has() {
        let at = |depth| Theme {
            depth,
            palette: Palette::DEFAULT,
        };
        let red_ground = Color::Rgb(0x5f, 0x1f, 0x1f);
        assert_eq!(at(Depth::TrueColor).shown(red_ground), red_ground);
        let rgb = Color::Rgb;
        for (depth, color, shown) in [
            // #5f0000 is xterm 52, the nearest in the 256-colour cube; #000087 is 18.
            (Depth::Ansi256, red_ground, Color::Indexed(52)),
            (Depth::Ansi256, rgb(0x00, 0x00, 0x87), Color::Indexed(18)),
            (Depth::Ansi16, red_ground, Color::Red),
            (Depth::Ansi16, rgb(0x1f, 0x4f, 0x1f), Color::Green),
            (Depth::Ansi16, rgb(0x00, 0x00, 0x87), Color::Blue),
            (Depth::Ansi16, rgb(0x4a, 0x3f, 0x00), Color::Yellow),
            (Depth::Ansi16, Color::Indexed(196), Color::LightRed),
            (Depth::Ansi16, rgb(0xff, 0, 0xff), Color::LightMagenta),
            (Depth::Ansi16, rgb(0xa0, 0, 0xa0), Color::Magenta),
            (Depth::Ansi16, rgb(0x30, 0x30, 0x30), Color::Black),
        ] {
            assert_eq!(at(depth).shown(color), shown, "{color:?} in {depth:?}");
        }
        // Named colours are every colour terminal's own.
        assert_eq!(at(Depth::Ansi16).shown(Color::Cyan), Color::Cyan);
        // A colour of the palette is its own nearest.
        for i in 16..=255u8 {
            assert_eq!(xterm_rgb(nearest_256(xterm_rgb(i))), xterm_rgb(i), "{i}");
        }
    }

    #[test]
    fn the_theme_file_is_in_the_xdg_config_directory() {
        let at = |xdg: Option<&str>, home: Option<&str>| {
            Theme::file_in(xdg.map(OsString::from), home.map(OsString::from))
        };
        assert_eq!(
            at(Some("/c"), Some("/h")),
            Some(PathBuf::from("/c/duizhao/theme.toml"))
        );
        assert_eq!(
            at(Some("c"), Some("/h")),
            Some(PathBuf::from("/h/.config/duizhao/theme.toml"))
        );
        assert_eq!(at(None, None), None);
    }

    #[test]
    fn a_theme_file_sets_the_highlight_colours() {
        let p = Palette::parse(
            "[colors]\nleft = \"#800000\"\nright = \"dark-gray\"\nmatch = 33\ncurrent = \"201\"\n",
        )
        .expect("a good theme");
        assert_eq!(p.left, Color::Rgb(0x80, 0, 0));
        assert_eq!(p.right, Color::DarkGray);
        assert_eq!(p.matched, Color::Indexed(33));
        assert_eq!(p.current, Color::Indexed(201));
        assert_eq!(p.punctuation, Palette::DEFAULT.punctuation);
        assert_eq!(Palette::parse("").expect("empty"), Palette::DEFAULT);
        for (bad, says) in [
            ("[colors]\nleft = \"nocolour\"", "`left`: not a colour"),
            (
                "[colors]\nbackground = \"red\"",
                "unknown colour `background`",
            ),
            ("[colours]\nleft = \"red\"", "unknown table [colours]"),
            ("left = \"red\"", "`left` is not a table"),
            ("[colors\n", ""),
        ] {
            let e = Palette::parse(bad).expect_err(bad);
            assert!(e.contains(says) && !e.contains('\n'), "{bad:?}: {e}");
        }
    }
}
