//! Application state and key handling, apart from the terminal.
//!
//! [`App::update`] takes an [`Input`] (a key, a resize, a wheel step) and changes the state:
//! which sources are shown, the shared scroll position, the current hotspot, the open overlay.
//! Tests drive it with key sequences and read the visible rows back, with no terminal at all;
//! the terminal layer only translates events into inputs and draws the state.

use crate::collate::{Collation, collate};
use crate::compare::{Comparison, compare_normalized};
use crate::normalize::{Normalized, normalize};
use crate::pair::{Pair, Side};
use crate::source::Source;
use crate::view::{Layout, Marks, Row, sections};
use crate::width::Widths;
use std::collections::HashMap;
use std::ops::Range;

/// Rows the mouse wheel scrolls per step.
const WHEEL_ROWS: usize = 3;
/// Smallest terminal the layout is drawn in; smaller ones get a notice.
pub const MIN_SIZE: (u16, u16) = (20, 5);

/// A key, as the application sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character.
    Char(char),
    /// Enter.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Backspace.
    Backspace,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
    /// Ctrl-C.
    Interrupt,
}

/// Something that happened to the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A key was pressed.
    Key(Key),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// The mouse wheel turned up.
    WheelUp,
    /// The mouse wheel turned down.
    WheelDown,
}

/// What is open over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Nothing: the panes have the keys.
    Normal,
    /// The help overlay.
    Help,
    /// The source picker for one pane, with the selected entry.
    Picker {
        /// The pane being chosen for.
        side: Side,
        /// The selected source.
        selected: usize,
    },
    /// Typing a search query.
    Search {
        /// The query so far.
        query: String,
    },
}

/// The last search and its matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The query as typed.
    pub query: String,
    /// Matches on each side, character ranges in the sources.
    pub matches: Pair<Vec<Range<usize>>>,
    /// Index of the current match among the matches of both sides in row order.
    pub current: Option<usize>,
}

/// The whole state of the viewer.
#[derive(Debug)]
pub struct App {
    /// All loaded sources.
    pub sources: Vec<Source>,
    norms: Vec<Normalized>,
    /// The sources shown in the left and right panes.
    pub shown: Pair<usize>,
    /// How display widths are counted.
    pub widths: Widths,
    /// The comparison of the shown pair.
    pub comparison: Comparison,
    sections: Vec<Pair<usize>>,
    /// The current layout.
    pub layout: Layout,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The synchronised-view row at the top of the panes.
    pub top: usize,
    /// The current hotspot, once the user has jumped to one.
    pub current: Option<usize>,
    /// The pane that `s` picks a source for.
    pub focus: Side,
    /// What is open.
    pub mode: Mode,
    /// The last search.
    pub search: Search,
    /// A one-off message for the status bar.
    pub message: Option<String>,
    similarity: HashMap<(usize, usize), f64>,
    /// While the picker is open: each source's similarity to the other pane's source.
    pub picker_similarity: Vec<f64>,
    /// The apparatus of all sources against the left one, once asked for.
    pub apparatus: Option<Collation>,
    /// The apparatus panel, when open: the selected place.
    pub panel: Option<usize>,
    /// Set when the user asked to quit.
    pub quit: bool,
}

impl App {
    /// The viewer on `sources`, showing `shown`, in a terminal of `size`.
    pub fn new(sources: Vec<Source>, shown: Pair<usize>, widths: Widths, size: (u16, u16)) -> App {
        crate::words::warm_up();
        let norms: Vec<Normalized> = sources.iter().map(|s| normalize(&s.text)).collect();
        let comparison = compare_normalized(Pair::new(
            norms[shown.left].clone(),
            norms[shown.right].clone(),
        ));
        let sources_pair = Pair::new(&sources[shown.left], &sources[shown.right]);
        let sections = sections(sources_pair, &comparison);
        let layout = Self::lay_out(
            sources_pair,
            &comparison,
            &sections,
            size,
            widths,
            &Search::default(),
        );
        let mut app = App {
            sources,
            norms,
            shown,
            widths,
            comparison,
            sections,
            layout,
            size,
            top: 0,
            current: None,
            focus: Side::Left,
            mode: Mode::Normal,
            search: Search::default(),
            message: None,
            similarity: HashMap::new(),
            picker_similarity: Vec::new(),
            apparatus: None,
            panel: None,
            quit: false,
        };
        app.similarity
            .insert((shown.left, shown.right), app.comparison.similarity);
        app
    }

    /// The pane widths for a terminal of `size`: the divider takes one column (two where
    /// `│` is drawn wide).
    pub fn pane_widths(size: (u16, u16), widths: Widths) -> Pair<usize> {
        let w = (size.0 as usize).saturating_sub(widths.str(crate::view::DIVIDER));
        let left = w / 2;
        Pair::new(left, w - left)
    }

    /// Rows of text the panes show.
    pub fn text_height(&self) -> usize {
        (self.size.1 as usize).saturating_sub(2 + self.panel_height())
    }

    /// Rows the apparatus panel takes (0 when closed, or when the terminal is too short for
    /// it and the text both).
    pub fn panel_height(&self) -> usize {
        if self.panel.is_none() {
            return 0;
        }
        let h = ((self.size.1 as usize).saturating_sub(2) / 2).min(10);
        if h < 3 { 0 } else { h }
    }

    /// Whether the terminal is large enough for the layout.
    pub fn usable(&self) -> bool {
        self.size.0 >= MIN_SIZE.0 && self.size.1 >= MIN_SIZE.1
    }

    /// The two shown sources.
    pub fn pair(&self) -> Pair<&Source> {
        Pair::new(
            &self.sources[self.shown.left],
            &self.sources[self.shown.right],
        )
    }

    fn lay_out(
        sources: Pair<&Source>,
        comparison: &Comparison,
        sections: &[Pair<usize>],
        size: (u16, u16),
        widths: Widths,
        search: &Search,
    ) -> Layout {
        let marks = Pair::new(
            Marks::new(comparison, Side::Left, search.matches.left.clone()),
            Marks::new(comparison, Side::Right, search.matches.right.clone()),
        );
        Layout::new(
            sources,
            comparison,
            sections,
            Self::pane_widths(size, widths),
            widths,
            marks.as_ref(),
        )
    }

    /// Lays out again (new size, new search), keeping the same text at the top.
    fn relayout(&mut self) {
        let anchor = self.layout.offset_at(self.top);
        self.layout = Self::lay_out(
            self.pair(),
            &self.comparison,
            &self.sections,
            self.size,
            self.widths,
            &self.search,
        );
        self.top = anchor.map_or(0, |(side, offset)| self.layout.row_of_offset(side, offset));
        self.clamp();
    }

    /// Compares the shown pair again (after a new source was picked or the panes swapped).
    fn recompare(&mut self) {
        self.comparison = compare_normalized(Pair::new(
            self.norms[self.shown.left].clone(),
            self.norms[self.shown.right].clone(),
        ));
        self.similarity.insert(
            (self.shown.left, self.shown.right),
            self.comparison.similarity,
        );
        self.sections = sections(self.pair(), &self.comparison);
        self.search = Search::default();
        self.current = None;
        self.top = 0;
        self.relayout();
        // The apparatus is against the left source: collate again if that changed.
        if self
            .apparatus
            .as_ref()
            .is_some_and(|c| c.base != self.shown.left)
        {
            self.apparatus = None;
            if self.panel.is_some() {
                self.open_apparatus();
            }
        }
    }

    /// Opens the apparatus panel (collating all sources against the left one if needed).
    fn open_apparatus(&mut self) {
        if self.apparatus.is_none() {
            self.apparatus = Some(collate(&self.norms, self.shown.left));
        }
        self.panel = Some(self.panel.unwrap_or(0));
        self.clamp();
    }

    /// Selects apparatus place `i` and brings it, and the pair's hotspot there, into view.
    pub fn go_to_place(&mut self, i: usize) {
        let Some(collation) = &self.apparatus else {
            return;
        };
        if collation.places.is_empty() {
            self.message = Some("no variant places: all sources read the same".to_string());
            return;
        }
        let i = i.min(collation.places.len() - 1);
        let span = collation.places[i].span.clone();
        self.panel = Some(i);
        // The pair's own hotspot at this place, if the two shown sources differ here.
        let hotspot = self.comparison.hotspots.iter().position(|h| {
            let l = &h.span.left;
            l.start < span.end.max(span.start + 1) && span.start < l.end.max(l.start + 1)
        });
        if let Some(h) = hotspot {
            self.go_to_hotspot(h);
        } else {
            let row = self.layout.row_of_offset(Side::Left, span.start);
            self.show_row(row);
        }
    }

    /// Similarity between two loaded sources (computed once, then remembered).
    pub fn similarity(&mut self, a: usize, b: usize) -> f64 {
        if a == b {
            return 1.0;
        }
        if let Some(&s) = self
            .similarity
            .get(&(a, b))
            .or_else(|| self.similarity.get(&(b, a)))
        {
            return s;
        }
        let s =
            compare_normalized(Pair::new(self.norms[a].clone(), self.norms[b].clone())).similarity;
        self.similarity.insert((a, b), s);
        s
    }

    fn max_top(&self) -> usize {
        self.layout.total.saturating_sub(self.text_height())
    }

    fn clamp(&mut self) {
        self.top = self.top.min(self.max_top());
    }

    fn scroll_by(&mut self, delta: isize) {
        self.top = self.top.saturating_add_signed(delta);
        self.clamp();
    }

    /// Brings `row` to about a third down the panes.
    fn show_row(&mut self, row: usize) {
        self.top = row.saturating_sub(self.text_height() / 3);
        self.clamp();
    }

    /// Makes hotspot `i` current and scrolls to it.
    pub fn go_to_hotspot(&mut self, i: usize) {
        let n = self.comparison.hotspots.len();
        if n == 0 {
            self.message = Some("no hotspots: the two texts read the same".to_string());
            return;
        }
        let i = i.min(n - 1);
        self.current = Some(i);
        let rows = self.layout.hotspot_rows[i];
        if let Some(row) = [rows.left, rows.right].into_iter().flatten().min() {
            self.show_row(row);
        }
    }

    fn next_hotspot(&mut self, forward: bool) {
        let n = self.comparison.hotspots.len();
        if n == 0 {
            self.go_to_hotspot(0);
            return;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) if i + 1 < n => i + 1,
            (Some(_), true) => {
                self.message = Some("wrapped to the first hotspot".to_string());
                0
            }
            (Some(0), false) => {
                self.message = Some("wrapped to the last hotspot".to_string());
                n - 1
            }
            (Some(i), false) => i - 1,
        };
        self.go_to_hotspot(next);
    }

    /// The `hotspot I/N` text of the status bar.
    pub fn hotspot_status(&self) -> String {
        let n = self.comparison.hotspots.len();
        match self.current {
            Some(i) => format!("hotspot {}/{n}", i + 1),
            None => format!("hotspot -/{n}"),
        }
    }

    /// The visible rows of one pane (each exactly the pane's width).
    pub fn visible_rows(&self, side: Side) -> Vec<Row> {
        (self.top..(self.top + self.text_height()).min(self.layout.total))
            .map(|g| self.layout.row_or_filler(side, g))
            .collect()
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input) {
        self.message = None;
        match input {
            Input::Resize(w, h) => {
                self.size = (w, h);
                if Self::pane_widths(self.size, self.widths) != self.layout.width {
                    self.relayout();
                } else {
                    self.clamp();
                }
            }
            Input::WheelUp => self.scroll_by(-(WHEEL_ROWS as isize)),
            Input::WheelDown => self.scroll_by(WHEEL_ROWS as isize),
            Input::Key(Key::Interrupt) => self.quit = true,
            Input::Key(key) => match self.mode.clone() {
                Mode::Normal => self.normal_key(key),
                Mode::Help => self.mode = Mode::Normal,
                Mode::Picker { side, selected } => self.picker_key(key, side, selected),
                Mode::Search { query } => self.search_key(key, query),
            },
        }
        if self.panel.is_some() {
            self.clamp();
        }
    }

    /// Keys for the apparatus panel, when it is open; `true` if the key was taken.
    fn panel_key(&mut self, key: Key) -> bool {
        let Some(selected) = self.panel else {
            return false;
        };
        match key {
            Key::Char('j') | Key::Down => self.go_to_place(selected + 1),
            Key::Char('k') | Key::Up => self.go_to_place(selected.saturating_sub(1)),
            Key::Char('a') | Key::Esc => self.panel = None,
            _ => return false,
        }
        true
    }

    fn normal_key(&mut self, key: Key) {
        if self.panel_key(key) {
            return;
        }
        let page = self.text_height().max(1) as isize;
        match key {
            Key::Char('a') => {
                self.open_apparatus();
                let selected = self.panel.unwrap_or(0);
                self.go_to_place(selected);
            }
            Key::Char('q') | Key::Esc => self.quit = true,
            Key::Char('n' | ']') => self.next_hotspot(true),
            Key::Char('p' | '[') => self.next_hotspot(false),
            Key::Char('j') | Key::Down => self.scroll_by(1),
            Key::Char('k') | Key::Up => self.scroll_by(-1),
            Key::Char(' ') | Key::PageDown => self.scroll_by(page - 1),
            Key::PageUp => self.scroll_by(-(page - 1)),
            Key::Char('g') | Key::Home => self.top = 0,
            Key::Char('G') | Key::End => self.top = self.max_top(),
            Key::Char('?') => self.mode = Mode::Help,
            Key::Tab => self.focus = self.focus.other(),
            Key::Char('x') => {
                self.shown = self.shown.swapped();
                self.focus = self.focus.other();
                self.recompare();
            }
            Key::Char('s') => {
                let other = *self.shown.get(self.focus.other());
                self.picker_similarity = (0..self.sources.len())
                    .map(|i| self.similarity(i, other))
                    .collect();
                self.mode = Mode::Picker {
                    side: self.focus,
                    selected: *self.shown.get(self.focus),
                }
            }
            Key::Char('/') => {
                self.mode = Mode::Search {
                    query: String::new(),
                }
            }
            _ => {}
        }
    }

    fn picker_key(&mut self, key: Key, side: Side, selected: usize) {
        let n = self.sources.len();
        match key {
            Key::Esc | Key::Char('q') => self.mode = Mode::Normal,
            Key::Up | Key::Char('k') => {
                self.mode = Mode::Picker {
                    side,
                    selected: selected.saturating_sub(1),
                }
            }
            Key::Down | Key::Char('j') => {
                self.mode = Mode::Picker {
                    side,
                    selected: (selected + 1).min(n - 1),
                }
            }
            Key::Enter => {
                self.mode = Mode::Normal;
                if *self.shown.get(side) != selected {
                    *self.shown.get_mut(side) = selected;
                    self.recompare();
                }
            }
            _ => {}
        }
    }

    fn search_key(&mut self, key: Key, mut query: String) {
        match key {
            Key::Esc => self.mode = Mode::Normal,
            Key::Backspace => {
                query.pop();
                self.mode = Mode::Search { query };
            }
            Key::Char(c) => {
                query.push(c);
                self.mode = Mode::Search { query };
            }
            Key::Enter => {
                self.mode = Mode::Normal;
                if query.is_empty() || query == self.search.query {
                    self.next_match();
                } else {
                    self.run_search(query);
                }
            }
            _ => self.mode = Mode::Search { query },
        }
    }

    /// Finds `query` in both shown texts (white space and page breaks are ignored, as in the
    /// comparison) and jumps to the first match below the top row.
    fn run_search(&mut self, query: String) {
        let needle = normalize(&query).chars;
        let mut matches = Pair::new(Vec::new(), Vec::new());
        if !needle.is_empty() {
            for side in Side::BOTH {
                let norm = self.comparison.norm.get(side);
                let found = matches.get_mut(side);
                let hay = &norm.chars;
                let mut i = 0;
                while i + needle.len() <= hay.len() {
                    if hay[i..i + needle.len()] == needle[..] {
                        found.push(norm.original_range(i..i + needle.len()));
                        i += needle.len();
                    } else {
                        i += 1;
                    }
                }
            }
        }
        self.search = Search {
            query,
            matches,
            current: None,
        };
        self.relayout();
        self.next_match();
    }

    /// Rows of all matches of the last search, in order.
    fn match_rows(&self) -> Vec<usize> {
        let mut rows: Vec<usize> = Side::BOTH
            .into_iter()
            .flat_map(|side| {
                self.search
                    .matches
                    .get(side)
                    .iter()
                    .map(move |m| self.layout.row_of_offset(side, m.start))
            })
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    fn next_match(&mut self) {
        let rows = self.match_rows();
        if rows.is_empty() {
            self.message = Some(if self.search.query.is_empty() {
                "no search yet: type / and a phrase".to_string()
            } else {
                format!("not found: {}", crate::sanitize::escape(&self.search.query))
            });
            return;
        }
        let next = match self.search.current {
            Some(i) if i + 1 < rows.len() => i + 1,
            Some(_) => 0,
            None => rows
                .iter()
                .position(|&r| r >= self.top + self.text_height() / 3)
                .unwrap_or(0),
        };
        self.search.current = Some(next);
        self.message = Some(format!("match {}/{}", next + 1, rows.len()));
        self.show_row(rows[next]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::samples;

    fn app(size: (u16, u16)) -> App {
        App::new(samples(), Pair::new(0, 1), Widths::default(), size)
    }

    fn keys(app: &mut App, keys: &str) {
        for c in keys.chars() {
            app.update(Input::Key(Key::Char(c)));
        }
    }

    #[test]
    fn starts_before_the_first_hotspot() {
        let a = app((80, 24));
        assert_eq!(a.hotspot_status(), "hotspot -/10");
        assert_eq!(a.top, 0);
        assert_eq!(a.visible_rows(Side::Left).len(), 22);
    }

    #[test]
    fn n_and_p_walk_the_hotspots_and_scroll_to_them() {
        let mut a = app((80, 24));
        keys(&mut a, "nnnnn");
        assert_eq!(a.hotspot_status(), "hotspot 5/10");
        // The 霸权/强权 hotspot is on screen, about a third down, on both sides.
        let shown = |a: &App, side| {
            a.visible_rows(side)
                .iter()
                .map(Row::text)
                .collect::<String>()
        };
        assert!(shown(&a, Side::Left).contains("霸权"));
        assert!(shown(&a, Side::Right).contains("强权"));
        let rows = a.layout.hotspot_rows[4];
        let row = rows.left.unwrap().min(rows.right.unwrap());
        assert_eq!(row - a.top, a.text_height() / 3);
        keys(&mut a, "p[");
        assert_eq!(a.hotspot_status(), "hotspot 3/10");
        keys(&mut a, "]");
        assert_eq!(a.hotspot_status(), "hotspot 4/10");
    }

    #[test]
    fn scrolling_keys() {
        let mut a = app((80, 24));
        keys(&mut a, "jjj");
        assert_eq!(a.top, 3);
        keys(&mut a, "k");
        assert_eq!(a.top, 2);
        a.update(Input::Key(Key::PageDown));
        assert_eq!(a.top, 23);
        a.update(Input::Key(Key::PageUp));
        assert_eq!(a.top, 2);
        keys(&mut a, "G");
        assert_eq!(a.top, a.layout.total - 22);
        keys(&mut a, "g");
        assert_eq!(a.top, 0);
        a.update(Input::WheelDown);
        assert_eq!(a.top, 3);
        keys(&mut a, "kkkkk");
        assert_eq!(a.top, 0);
    }

    #[test]
    fn help_and_quit() {
        let mut a = app((80, 24));
        keys(&mut a, "?");
        assert_eq!(a.mode, Mode::Help);
        keys(&mut a, "j");
        assert_eq!(a.mode, Mode::Normal);
        assert_eq!(a.top, 0, "the key that closes help does nothing else");
        a.update(Input::Key(Key::Esc));
        assert!(a.quit);
    }

    #[test]
    fn picker_swap_and_focus() {
        let mut a = app((80, 24));
        a.update(Input::Key(Key::Tab));
        assert_eq!(a.focus, Side::Right);
        keys(&mut a, "sjj");
        assert_eq!(
            a.mode,
            Mode::Picker {
                side: Side::Right,
                selected: 3
            }
        );
        a.update(Input::Key(Key::Enter));
        assert_eq!(a.shown, Pair::new(0, 3));
        assert_eq!(a.hotspot_status(), "hotspot -/8");
        keys(&mut a, "x");
        assert_eq!(a.shown, Pair::new(3, 0));
        assert_eq!(a.pair().left.name, "003_1abfbb9facdbea73.txt");
    }

    #[test]
    fn search_finds_both_sides_across_page_breaks() {
        let mut a = app((80, 24));
        keys(&mut a, "/历史观");
        a.update(Input::Key(Key::Enter));
        // 000 writes 历史\n\n观 across a page break; it is still found.
        assert_eq!(a.search.matches.left.len(), 1);
        assert_eq!(a.search.matches.right.len(), 1);
        assert_eq!(a.message.as_deref(), Some("match 1/1"));
    }

    #[test]
    fn apparatus_panel_moves_both_panes_and_keeps_hotspots_consistent() {
        let mut a = app((100, 30));
        keys(&mut a, "a");
        let places = a.apparatus.as_ref().map_or(0, |c| c.places.len());
        assert_eq!(places, 14);
        assert_eq!(a.panel, Some(0));
        assert_eq!(a.panel_height(), 10);
        assert_eq!(a.text_height(), 18);
        // Place 8 is 霸权 (000, 002) / 强权 (001, 003): the pair 000/001 differs there, so
        // its hotspot (5 of 10) becomes current and both panes show it.
        keys(&mut a, "jjjjjj");
        assert_eq!(a.panel, Some(6));
        assert_eq!(a.hotspot_status(), "hotspot 5/10");
        let shown = |side| {
            a.visible_rows(side)
                .iter()
                .map(Row::text)
                .collect::<String>()
        };
        assert!(shown(Side::Left).contains("霸权") && shown(Side::Right).contains("强权"));
        // Place 7 (、 / ，, only 002 differs) is not a hotspot of this pair: the panes still go
        // there.
        keys(&mut a, "k");
        assert_eq!(a.panel, Some(5));
        keys(&mut a, "a");
        assert_eq!(a.panel, None);
        assert_eq!(a.text_height(), 28);
    }

    #[test]
    fn resize_keeps_the_same_text_at_the_top() {
        let mut a = app((80, 24));
        keys(&mut a, "nnnnn");
        let before = a.layout.offset_at(a.top).unwrap();
        a.update(Input::Resize(120, 40));
        let after = a.layout.offset_at(a.top).unwrap();
        assert_eq!(before.0, after.0);
        let row_text = a.layout.row_or_filler(after.0, a.top);
        assert!(
            row_text.start <= before.1,
            "{} > {}",
            row_text.start,
            before.1
        );
        a.update(Input::Resize(1, 1));
        a.update(Input::Resize(80, 24));
        assert!(a.top <= a.layout.total);
    }
}
