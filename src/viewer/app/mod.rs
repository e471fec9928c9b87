//! The viewer's state and what changes it, apart from the terminal.
//!
//! [`App::update`] takes an [`Input`] (a key, a resize, a wheel step). A key goes to the open
//! components ([`super::overlay`]) top first, then to the panes, where the key table
//! ([`super::keys`]) turns it into an [`Action`]; components answer with [`Request`]s. Only
//! this module carries out actions and requests, so every change of state is here: which
//! sources are shown, the shared scroll position, the current hotspot, the last search.
//! Tests drive it with keys and read the visible rows back, with no terminal at all.

mod background;
mod clipboard;
mod folding;
mod jobs;
mod navigate;
mod pairs;
mod search;
mod viewport;

use super::folds::Folds;
use super::geometry::Screen;
use super::keys::{Action, Input, Key, Scope, action};
use super::overlay::{
    Context, History, Outcome, Overlay, Request, apparatus, filter as filter_panel, help, jump,
    list, remember, search as search_prompt,
};
use super::places::Saved;
use super::state::{Library, PairView, Search, lay_out, shown_part};
use crate::engine::compare::Filter;
use crate::engine::markup::Markup;
use crate::engine::style::{Rules, Shown};
use crate::pair::{Pair, Side};
use crate::sections::anchors;
use crate::source::Source;
use crate::text::sanitize::escape;
use crate::text::width::Widths;
use jobs::{Jobs, Pending};
use std::path::PathBuf;
use std::sync::Arc;

/// Rows the mouse wheel scrolls per step.
const WHEEL_ROWS: usize = 3;
/// A jump brings its target to this fraction of the text rows from the top (a third down).
const READING_LINE: usize = 3;

/// How the viewer reads and shows the sources (from the command line).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The markup profile for every source, or `None` to detect each one's.
    pub markup: Option<Markup>,
    /// The classes of hotspots shown.
    pub filter: Filter,
    /// The pairs of readings hidden.
    pub rules: Rules,
    /// The rules file `H` adds to (`--rules`), if any.
    pub rules_file: Option<PathBuf>,
    /// How display widths are counted.
    pub widths: Widths,
    /// Where to open (a place remembered from the last run on this pair).
    pub resume: Option<Saved>,
}

/// The whole state of the viewer.
#[derive(Debug)]
pub struct App {
    /// The loaded sources.
    pub library: Library,
    /// The shown pair.
    pub view: PairView,
    /// How display widths are counted.
    pub widths: Widths,
    /// The classes of hotspots shown.
    pub filter: Filter,
    /// The pairs of readings hidden (`--rules`, and `H`).
    pub rules: Arc<Rules>,
    /// The rules file `H` adds to, if any.
    pub rules_file: Option<PathBuf>,
    /// Where everything goes on the screen.
    pub screen: Screen,
    /// The row at the top of the panes, a row of the folded view ([`App::folds`]): with
    /// folding off, the layout's synchronised row; with folding on, fold rows count one each
    /// (the layout row there is [`App::top_row`]).
    pub top: usize,
    /// The folded view over the layout's rows (none while folding is off): which layout row,
    /// or which fold, each view row shows.
    pub folds: Folds,
    /// Folding (`z`): off, or on with the stretches the reader opened since, each a source
    /// and the character offsets it covered there (so it stays open across a new layout and
    /// a swap).
    folding: Option<Vec<(usize, std::ops::Range<usize>)>>,
    /// The current hotspot, once the user has jumped to one: where the current stop is shown
    /// (for a moved passage, the half in sight; see [`App::current_stop`]).
    pub current: Option<usize>,
    /// With `current` a half of a moved passage, the variant inside the move that is current
    /// (its index in the move's `inner`), shown at that half; `None`, the move itself.
    pub current_inner: Option<usize>,
    /// The pane that `s` picks a source for.
    pub focus: Side,
    /// The open components, bottom first.
    pub(crate) overlays: Vec<Overlay>,
    /// A one-off message for the status bar.
    pub message: Option<String>,
    /// Set when the user asked to quit.
    pub quit: bool,
    /// Set when the first comparison ran out of memory: the viewer ends, saying so.
    pub out_of_memory: Option<crate::work::OutOfMemory>,
    /// Whether the viewer takes the mouse (clicks and the wheel); off, the terminal selects
    /// text as usual.
    pub mouse: bool,
    /// Text to put on the clipboard (the terminal writes it as OSC 52 and takes it).
    pub clipboard: Option<String>,
    /// Whether each pane shows its source's line numbers in a gutter (`#`).
    pub line_numbers: bool,
    /// Set when the user asked for the whole screen to be drawn again (Ctrl-L); the terminal
    /// clears it once it has.
    pub redraw: bool,
    /// The phrases searched, oldest first (the search prompt's ↑/↓).
    search_history: Vec<String>,
    /// The places gone to with `:`, oldest first (the go-to prompt's ↑/↓).
    jump_history: Vec<String>,
    /// Whether long work (comparing a newly shown pair) runs on another thread, so that the
    /// viewer keeps answering; the terminal sets it, tests leave it off (work done at once).
    pub background: bool,
    /// The work running in the background, if any (dropping it cancels it).
    pending: Option<Pending<App>>,
    /// The worker thread background work runs on.
    jobs: Jobs,
    /// Keys pressed before the first comparison was ready, to be carried out once it is.
    queued: Vec<Key>,
    /// The text offset the last layout put at the top, and the row it put it on: while the
    /// reader has not scrolled since, the next layout anchors on the same offset, so that
    /// resizing back and forth never drifts (each layout's top row starts at or before it).
    kept_top: Option<((Side, usize), usize)>,
}

impl App {
    /// The viewer on `sources`, showing `shown`, in a terminal of `size`, with the default
    /// filter and each source's own markup profile.
    pub fn new(sources: Vec<Source>, shown: Pair<usize>, widths: Widths, size: (u16, u16)) -> App {
        let options = Options {
            widths,
            ..Options::default()
        };
        App::with_options(sources, shown, options, size)
    }

    /// The viewer on `sources`, showing `shown`, in a terminal of `size`, with `options`.
    pub fn with_options(
        sources: Vec<Source>,
        shown: Pair<usize>,
        options: Options,
        size: (u16, u16),
    ) -> App {
        let Options {
            markup,
            filter,
            rules,
            rules_file,
            widths,
            resume,
        } = options;
        let rules = Arc::new(rules);
        let mut library = Library::new(sources, markup);
        let full = Arc::new(library.compare(shown));
        library.remember(shown, &full);
        let Shown {
            comparison,
            patterns,
            per_rule: rule_counts,
            stop_patterns,
            ..
        } = shown_part(&full, &filter, &rules, library.sources(shown));
        library.remember_similarity(shown.left, shown.right, comparison.similarity);
        let screen = Screen::new(size, widths, false);
        let pair = shown.map(|i| &*library.sources[i]);
        let anchors = Arc::new(anchors(pair, &full));
        let search = Search::default();
        let layout = lay_out(
            library.sources(shown),
            &comparison,
            &anchors,
            &screen,
            widths,
            &search,
        );
        let total = layout.total;
        let mut app = App {
            view: PairView {
                shown,
                full,
                comparison,
                patterns,
                rule_counts,
                stop_patterns,
                anchors,
                layout,
                search,
            },
            library,
            widths,
            filter,
            rules,
            rules_file,
            screen,
            top: 0,
            folds: Folds::none(total),
            folding: None,
            kept_top: None,
            current: None,
            current_inner: None,
            focus: Side::Left,
            overlays: Vec::new(),
            message: None,
            quit: false,
            out_of_memory: None,
            mouse: true,
            clipboard: None,
            redraw: false,
            line_numbers: false,
            search_history: Vec::new(),
            jump_history: Vec::new(),
            background: false,
            pending: None,
            jobs: Jobs::default(),
            queued: Vec::new(),
        };
        if let Some(saved) = resume {
            app.resume(saved);
        }
        app
    }

    /// The viewer at once, before anything is compared: the sources' names in the headers,
    /// empty panes, and `comparing …` in the status bar while the pair is compared on another
    /// thread (its frame is drawn within milliseconds, even for books). Keys pressed meanwhile
    /// are carried out once the comparison is ready; `q` quits at once.
    pub fn starting(
        sources: Vec<Source>,
        shown: Pair<usize>,
        options: Options,
        size: (u16, u16),
    ) -> App {
        // Stand-ins with the same names, paths and encodings, and no text.
        let empty = sources
            .iter()
            .map(|s| Source::from_text(&s.name, &s.path, s.encoding, String::new(), Vec::new()))
            .collect();
        let nothing = Options {
            resume: None,
            ..options.clone()
        };
        let mut app = App::with_options(empty, shown, nothing, size);
        let names = shown.map(|i| app.library.names[i].clone());
        app.background = true;
        let asked = (shown, app.filter);
        app.start(
            format!(
                "comparing {} ↔ {}",
                escape(&names.left),
                escape(&names.right)
            ),
            asked,
            true,
            move || App::with_options(sources, shown, options, size),
            |app: &mut App, built: App| app.take_over(built),
        );
        app
    }

    /// Becomes `built` (the viewer once the first comparison is ready), at the size the
    /// terminal has now, then carries out the keys pressed while waiting.
    fn take_over(&mut self, mut built: App) {
        let size = (self.screen.area.width, self.screen.area.height);
        if size != (built.screen.area.width, built.screen.area.height) {
            built.set_screen(size);
        }
        built.background = self.background;
        built.quit = self.quit;
        // The same worker thread serves the viewer from now on.
        built.jobs = std::mem::take(&mut self.jobs);
        let queued = std::mem::take(&mut self.queued);
        *self = built;
        for key in queued {
            self.key(key);
        }
    }

    /// What the components read of the state.
    pub(crate) fn context(&self) -> Context<'_> {
        Context {
            library: &self.library,
            view: &self.view,
            widths: self.widths,
            filter: self.filter,
            rules: &self.rules,
        }
    }

    /// The two shown sources.
    pub fn pair(&self) -> Pair<&Source> {
        self.view.shown.map(|i| &*self.library.sources[i])
    }

    /// Rows of text the panes show.
    pub fn text_height(&self) -> usize {
        self.screen.text_rows()
    }

    /// Whether a box, prompt or panel is open over the panes.
    pub fn overlay_open(&self) -> bool {
        !self.overlays.is_empty()
    }

    /// The open apparatus panel, if any.
    pub(crate) fn panel(&self) -> Option<&apparatus::Panel> {
        self.overlays.iter().find_map(|o| match o {
            Overlay::Apparatus(p) => Some(p),
            _ => None,
        })
    }

    fn panel_mut(&mut self) -> Option<&mut apparatus::Panel> {
        self.overlays.iter_mut().find_map(|o| match o {
            Overlay::Apparatus(p) => Some(p),
            _ => None,
        })
    }

    /// The open component on top, if any.
    pub(crate) fn top_overlay(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input) {
        self.message = None;
        match input {
            Input::Resize(w, h) => self.set_screen((w, h)),
            Input::WheelUp => self.scroll_by(-(WHEEL_ROWS as isize)),
            Input::WheelDown => self.scroll_by(WHEEL_ROWS as isize),
            Input::Click(x, y) => self.click(x, y),
            Input::Key(key) => self.key(key),
        }
    }

    /// A key: global keys first, then the open components top first, then the panes. While
    /// the first comparison is made, keys wait for it (`q` quits at once); while other work
    /// runs in the background, Esc cancels it and other keys are heard as usual.
    fn key(&mut self, key: Key) {
        if let Some(action) = action(Scope::Global, key) {
            return self.act(action);
        }
        if let Some(p) = &self.pending {
            if p.starting {
                if action(Scope::Panes, key) == Some(Action::Quit) {
                    self.quit = true;
                } else {
                    self.queued.push(key);
                }
                return;
            }
            // Esc stops the work (the screen stays as it is); any other key is heard as usual,
            // and new work supersedes the old.
            if key == Key::Esc {
                let what = self.cancel_work().unwrap_or_default();
                self.message = Some(format!("cancelled: {what}"));
                // It also closes the box on top, if one is open.
                if self.overlays.is_empty() {
                    return;
                }
            }
        }
        for i in (0..self.overlays.len()).rev() {
            let context = Context {
                library: &self.library,
                view: &self.view,
                widths: self.widths,
                filter: self.filter,
                rules: &self.rules,
            };
            let outcome = self.overlays[i].component_mut().key(key, &context);
            match outcome {
                Outcome::NotMine => continue,
                Outcome::Taken => {}
                Outcome::Request(request) => self.carry_out(request),
                Outcome::Close(request) => {
                    self.overlays.remove(i);
                    self.refresh_screen();
                    if let Some(request) = request {
                        self.carry_out(request);
                    }
                }
            }
            return;
        }
        let searched = (!self.view.search.query.is_empty())
            .then(|| action(Scope::Matches, key))
            .flatten();
        match searched.or_else(|| action(Scope::Panes, key)) {
            Some(action) => self.act(action),
            None => self.message = Some(format!("unknown key {} — ? for help", key.name())),
        }
    }

    /// Carries out an action of the panes (or a global one).
    fn act(&mut self, action: Action) {
        let page = self.text_height().max(1) as isize;
        match action {
            Action::NextHotspot => self.next_hotspot(true),
            Action::PreviousHotspot => self.next_hotspot(false),
            Action::OtherPlace => self.other_place(),
            Action::ScrollDown => self.scroll_by(1),
            Action::ScrollUp => self.scroll_by(-1),
            Action::PageDown => self.scroll_by(page - 1),
            Action::PageUp => self.scroll_by(-(page - 1)),
            Action::HalfPageDown => self.scroll_by((page / 2).max(1)),
            Action::HalfPageUp => self.scroll_by(-(page / 2).max(1)),
            Action::Redraw => self.redraw = true,
            Action::Top => self.top = 0,
            Action::Bottom => self.top = self.max_top(),
            Action::SwitchPane => self.focus = self.focus.other(),
            Action::Swap => self.swap(),
            Action::PickSource => self.pick_source(),
            Action::Search => self.open(Overlay::Search(search_prompt::Prompt {
                history: History::new(self.search_history.clone()),
                ..Default::default()
            })),
            Action::Apparatus => self.open_apparatus(),
            Action::NextMatch => self.step_match(true),
            Action::PreviousMatch => self.step_match(false),
            Action::Filter => self.open(Overlay::Filter(filter_panel::Panel::default())),
            Action::Jump => self.open(Overlay::Jump(jump::Prompt {
                history: History::new(self.jump_history.clone()),
                ..Default::default()
            })),
            Action::List => self.open_list(),
            Action::Help => self.open(Overlay::Help(help::Help::default())),
            Action::Copy => self.copy(),
            Action::ToggleMouse => self.toggle_mouse(),
            Action::ToggleLineNumbers => self.toggle_line_numbers(),
            Action::ToggleFolds => self.toggle_folds(),
            Action::HidePattern => self.hide_pattern(),
            Action::Quit => self.quit = true,
            Action::Clear => self.clear(),
            // The actions of lists and prompts are their components' own.
            Action::SelectNext
            | Action::SelectPrevious
            | Action::SelectPageDown
            | Action::SelectPageUp
            | Action::SelectFirst
            | Action::SelectLast
            | Action::Choose
            | Action::DeleteBack
            | Action::HistoryPrevious
            | Action::HistoryNext
            | Action::Close => {}
        }
    }

    /// Opens the list of hotspots at the current one, or else the first one from the view
    /// (the last one when the view is past them all).
    fn open_list(&mut self) {
        let page = self.screen.area.height.saturating_sub(4) as usize;
        let cmp = &self.view.comparison;
        let n = cmp.stops().len();
        let at = match self.current_stop() {
            Some(stop) => Some(cmp.stop_number(stop) - 1),
            None => (0..n)
                .find(|&k| {
                    self.stop_row(cmp.stops()[k], None)
                        .is_some_and(|r| r >= self.top_row())
                })
                .or(n.checked_sub(1)),
        };
        let list = list::List::new(&self.context(), at, page);
        self.open(Overlay::List(list));
    }

    /// Shows each pane's source line numbers in a gutter, or hides them; the text is laid out
    /// again for the narrower (or wider) panes, the passage at the top kept.
    fn toggle_line_numbers(&mut self) {
        self.line_numbers = !self.line_numbers;
        self.refresh_screen();
        self.message = Some(match (self.line_numbers, self.screen.gutter()) {
            (false, _) => "line numbers off".to_string(),
            (true, 0) => "line numbers on, but the panes have no room for them".to_string(),
            (true, _) => "line numbers on (# hides them)".to_string(),
        });
    }

    /// Takes the mouse or leaves it to the terminal (to select text), and says which.
    fn toggle_mouse(&mut self) {
        self.mouse = !self.mouse;
        self.message = Some(if self.mouse {
            "mouse on: click a phrase to make it current".to_string()
        } else {
            "mouse off: select text with the terminal (c: mouse on)".to_string()
        });
    }

    /// Opens a component on top of the others.
    fn open(&mut self, overlay: Overlay) {
        self.overlays.push(overlay);
        self.refresh_screen();
    }

    /// Carries out a component's request.
    fn carry_out(&mut self, request: Request) {
        match request {
            Request::Pick { side, source } => {
                if *self.view.shown.get(side) != source {
                    let mut shown = self.view.shown;
                    *shown.get_mut(side) = source;
                    self.show(shown, self.focus);
                }
            }
            Request::Search(query) => {
                remember(&mut self.search_history, &query);
                if query.is_empty() || query == self.view.search.query {
                    self.next_match();
                } else {
                    self.run_search(query);
                }
            }
            Request::ShowPlace(i) => self.go_to_place(i),
            Request::Jump(target) => {
                let target = target.trim();
                remember(&mut self.jump_history, target);
                self.jump(target);
            }
            Request::ShowStop(stop) => self.show_stop(stop, None),
            Request::Toggle(class) => {
                let mut filter = self.filter;
                filter.toggle(class);
                self.set_filter(filter);
            }
            Request::ToggleRule(left, right) => self.toggle_rule(&left, &right),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compare::{Class, Hotspot, Stop};
    use crate::testkit::{press as keys, samples_app};
    use crate::viewer::keys::Key;
    use crate::viewer::layout::Row;

    fn app(size: (u16, u16)) -> App {
        samples_app(Pair::new(0, 1), size)
    }

    #[test]
    fn the_filter_panel_shows_and_hides_classes() {
        let mut a = app((80, 24));
        // 000 is Markdown (its heading markers are markup), 001 plain text: one markup
        // hotspot, hidden by default.
        assert_eq!(a.hidden_count(), 1);
        let punctuation = a.view.comparison.counts()[Class::Punctuation as usize];
        assert!(punctuation > 0 && punctuation < 10);
        keys(&mut a, "f");
        assert!(matches!(a.top_overlay(), Some(Overlay::Filter(_))));
        // The first class is wording: space hides it.
        keys(&mut a, " ");
        assert!(!a.filter.shows(Class::Wording));
        let shown = &a.view.comparison.hotspots;
        assert_eq!(shown.len(), punctuation);
        assert!(shown.iter().all(|h| h.class == Class::Punctuation));
        assert_eq!(a.hotspot_status(), format!("hotspot -/{punctuation}"));
        assert_eq!(a.hidden_count(), 11 - punctuation);
        // Down to markup (its place in the classes' order) and show it.
        let down = Class::ALL
            .iter()
            .position(|c| *c == Class::Markup)
            .unwrap_or(0);
        keys(&mut a, &format!("{} ", "j".repeat(down)));
        assert!(a.filter.shows(Class::Markup));
        assert_eq!(a.hidden_count(), 10 - punctuation);
        // Esc closes the panel and never quits; the filter stays.
        a.update(Input::Key(Key::Esc));
        assert!(a.top_overlay().is_none() && !a.quit);
        assert!(!a.filter.shows(Class::Wording));
        keys(&mut a, "f ");
        a.update(Input::Key(Key::Esc));
        assert_eq!(a.hotspot_status(), "hotspot -/11");
    }

    /// A footer ending each of four chapters on one side only: hidden and counted, listed in
    /// the filter panel as the last class, and shown once chosen there.
    #[test]
    fn the_filter_panel_lists_boilerplate_and_shows_it() {
        let bodies = [
            "天地玄黄宇宙洪荒。",
            "日月盈昃辰宿列张。",
            "寒来暑往秋收冬藏。",
            "闰余成岁律吕调阳。",
        ];
        let left: String = bodies
            .iter()
            .map(|b| format!("{b}\n(本章完)\n\n"))
            .collect();
        let right: String = bodies.iter().map(|b| format!("{b}\n\n")).collect();
        let sources = vec![
            crate::testkit::source("a.txt", &left),
            crate::testkit::source("b.txt", &right),
        ];
        let mut a = App::new(sources, Pair::new(0, 1), Widths::default(), (100, 30));
        assert_eq!(a.hotspot_status(), "hotspot -/0");
        assert_eq!(a.hidden_count(), bodies.len());
        keys(&mut a, "f");
        let panel = crate::testkit::screen_text(&crate::testkit::screen(
            &a,
            crate::viewer::theme::Theme::NO_COLOR,
        ));
        let row = panel
            .lines()
            .find(|l| l.contains("boilerplate"))
            .unwrap_or_default();
        let words: Vec<&str> = row.split_whitespace().collect();
        let at = words.iter().position(|w| *w == "boilerplate");
        let count = bodies.len().to_string();
        assert!(
            at.is_some_and(|i| words[i - 1] == "]"
                && words[i + 1] == count
                && words[i + 2] == "mechanical"),
            "{panel}"
        );
        // The last class: down past every other one, and show it.
        let down = "j".repeat(Class::ALL.len() - 1);
        keys(&mut a, &format!("{down} "));
        assert!(a.filter.shows(Class::Boilerplate));
        assert_eq!(a.hidden_count(), 0);
        let shown = &a.view.comparison.hotspots;
        assert_eq!(shown.len(), bodies.len());
        assert!(shown.iter().all(|h| h.class == Class::Boilerplate));
    }

    #[test]
    fn a_filter_change_keeps_the_current_hotspot_if_still_shown() {
        let mut a = app((80, 24));
        keys(&mut a, "nnnnn");
        let current = a.view.comparison.hotspots[4].clone();
        assert_eq!(current.class, Class::Wording);
        let mut filter = a.filter;
        filter.set(Class::Punctuation, false);
        a.set_filter(filter);
        let now = a.current.map(|i| a.view.comparison.hotspots[i].clone());
        assert_eq!(now, Some(current));
        // The similarity follows the filter: hiding every class leaves the texts identical.
        a.set_filter(Filter::none());
        assert_eq!(a.view.comparison.similarity, 1.0);
        assert_eq!(a.current, None);
        assert_eq!(a.hotspot_status(), "hotspot -/0");
    }

    #[test]
    fn search_matches_other_code_forms_and_variants() {
        let sources = vec![
            crate::testkit::source("a.txt", "爲人民服務．又爲之"),
            crate::testkit::source("b.txt", "为人民服务。又为之"),
        ];
        let mut a = App::new(sources, Pair::new(0, 1), Widths::default(), (80, 24));
        a.run_search("为".to_string());
        assert_eq!(a.view.search.matches.left, [0..1, 7..8]);
        assert_eq!(a.view.search.matches.right, [0..1, 7..8]);
    }

    /// Two versions of a law text: a sentence taken from 第一条 and made 第五条 of its own,
    /// with an edit at the old place before it and one after the new place.
    fn moved_app(size: (u16, u16)) -> App {
        let sentence = "本法所称垄断协议，是指排除、限制竞争的协议、决定或者其他协同行为。";
        let between: String = (2..5)
            .map(|k| {
                format!(
                    "第{}条　经营者能够证明所达成的协议属于下列情形之一的，不适用本法第{}条的规定：为改进技术、研究开发新产品的；为提高产品质量、降低成本、增进效率的。\n\n",
                    ["", "一", "二", "三", "四", "五"][k],
                    ["", "一", "二", "三", "四", "五"][k - 1]
                )
            })
            .collect();
        let a = format!(
            "第一条　禁止具有竞争关系的经营者达成垄断协议。{sentence}\n\n{between}结尾之前的一句话。"
        );
        let b = format!(
            "第一条　禁止具有竞争关系的经营者达成下列垄断协议。\n\n{between}第五条　{sentence}\n\n结尾之前的一段话。"
        );
        let sources = vec![
            crate::testkit::source("old.md", &a),
            crate::testkit::source("new.md", &b),
        ];
        let mut app = App::new(sources, Pair::new(0, 1), Widths::default(), size);
        app.settle();
        app
    }

    /// The stops' numbers on the visible rows of `side` whose chunks are variants inside a
    /// moved passage.
    fn inner_marks_in_sight(a: &App, side: Side) -> Vec<u32> {
        let mut out: Vec<u32> = a
            .visible_rows(side)
            .iter()
            .flat_map(|r| r.chunks.iter().filter_map(|c| c.look.inner))
            .collect();
        out.dedup();
        out
    }

    #[test]
    fn a_moved_passage_is_one_stop_then_its_variant_with_a_key_to_its_other_place() {
        let mut a = moved_app((100, 40));
        let cmp = &a.view.comparison;
        assert_eq!(cmp.moves.len(), 1, "{:?}", cmp.hotspots);
        let halves = cmp.moves[0].halves;
        let (first, second) = (halves.left.min(halves.right), halves.left.max(halves.right));
        // The new article's heading is the variant inside the move: text the new place has.
        assert_eq!(cmp.moves[0].inner.len(), 1);
        assert!(cmp.moves[0].inner[0].span.left.is_empty());
        // Four stops, the reports' list: the edit before, the move once, the heading inside
        // it, the edit after.
        assert_eq!(cmp.hotspots.len(), 4);
        assert_eq!(cmp.reading().len(), 4);
        assert_eq!(a.hotspot_status(), "hotspot -/4");
        keys(&mut a, "n");
        assert_eq!(a.hotspot_status(), "hotspot 1/4");
        keys(&mut a, "n");
        assert_eq!(a.current, Some(first));
        assert_eq!(a.hotspot_status(), "hotspot 2/4");
        // Both halves are drawn as current, and the status says where it went.
        assert!(a.is_current(halves.left) && a.is_current(halves.right));
        let message = a.message.clone().unwrap_or_default();
        assert!(
            message.starts_with("moved l.1 → l.9, 1 change inside"),
            "{message}"
        );
        // `o` goes to the other place: the same stop, the other half current and in sight.
        keys(&mut a, "o");
        assert_eq!(a.current, Some(second));
        assert_eq!(a.hotspot_status(), "hotspot 2/4");
        assert!(a.current_on_screen());
        keys(&mut a, "o");
        assert_eq!(a.current, Some(first));
        // `n` from the move goes to the variant inside it: shown where it has a reading (the
        // new place), that reading current and the passage around it not.
        keys(&mut a, "n");
        assert_eq!(a.hotspot_status(), "hotspot 3/4");
        assert_eq!(a.current_stop(), Some(Stop::Inner { moved: 0, inner: 0 }));
        assert_eq!(a.current, Some(halves.right));
        assert!(!a.is_current(halves.left) && !a.is_current(halves.right));
        assert_eq!(a.current_inner_number(), Some(3));
        assert!(a.current_on_screen());
        assert_eq!(inner_marks_in_sight(&a, Side::Right), [3]);
        let message = a.message.clone().unwrap_or_default();
        assert!(
            message.starts_with("change 1/1 inside moved l.1 → l.9 ·"),
            "{message}"
        );
        let cmp = &a.view.comparison;
        assert_eq!(
            a.current_stop().map(|s| cmp.listed(s)),
            Some(cmp.reading()[2].clone())
        );
        // `o`: the same variant at the old place, where it has no reading.
        keys(&mut a, "o");
        assert_eq!(a.current, Some(halves.left));
        assert_eq!(a.hotspot_status(), "hotspot 3/4");
        let message = a.message.clone().unwrap_or_default();
        assert!(message.contains("only at the other place"), "{message}");
        keys(&mut a, "o");
        // `n` goes on to the edit after the move: the later half is not a stop.
        keys(&mut a, "n");
        assert_eq!(a.hotspot_status(), "hotspot 4/4");
        assert_eq!(a.current_inner, None);
        keys(&mut a, "n");
        assert_eq!(a.hotspot_status(), "hotspot 1/4");
        // Back: the last, the variant, then the move at the place the variant was shown.
        keys(&mut a, "p");
        assert_eq!(a.hotspot_status(), "hotspot 4/4");
        keys(&mut a, "p");
        assert_eq!(a.hotspot_status(), "hotspot 3/4");
        keys(&mut a, "p");
        assert_eq!(a.hotspot_status(), "hotspot 2/4");
        assert_eq!(a.current, Some(halves.right));
        // `:#k` and the list use the same numbers.
        for k in 1..=4 {
            a.go_to_stop(k);
            assert_eq!(a.hotspot_status(), format!("hotspot {k}/4"));
            assert!(a.current_on_screen(), "#{k}");
        }
        a.go_to_stop(3);
        keys(&mut a, "l");
        match a.overlays.last() {
            Some(Overlay::List(list)) => {
                assert_eq!(list.rows, (0..4).map(list::Row::Stop).collect::<Vec<_>>());
                assert_eq!(list.selected, 2);
            }
            other => panic!("no list: {other:?}"),
        }
    }

    #[test]
    fn a_swap_keeps_the_numbers_and_the_variant_inside_a_move() {
        let mut a = moved_app((100, 40));
        let before: Vec<Hotspot> = a.view.comparison.reading();
        a.go_to_stop(3);
        keys(&mut a, "x");
        // The same stops in the same order, each listed mirrored; the variant still current,
        // at the place it has a reading (now the left pane's).
        let cmp = &a.view.comparison;
        let mirrored: Vec<Hotspot> = before.iter().map(Hotspot::mirrored).collect();
        assert_eq!(cmp.reading(), mirrored);
        assert_eq!(a.hotspot_status(), "hotspot 3/4");
        assert_eq!(a.current, Some(cmp.moves[0].halves.left));
        assert_eq!(inner_marks_in_sight(&a, Side::Left), [3]);
        keys(&mut a, "p");
        assert_eq!(a.hotspot_status(), "hotspot 2/4");
        keys(&mut a, "x");
        assert_eq!(a.hotspot_status(), "hotspot 2/4");
        keys(&mut a, "nn");
        assert_eq!(a.hotspot_status(), "hotspot 4/4");
    }

    #[test]
    fn hiding_a_variants_class_takes_it_out_of_the_walk() {
        let mut a = moved_app((100, 40));
        a.go_to_stop(3);
        let mut filter = a.filter;
        filter.set(Class::Wording, false);
        a.set_filter(filter);
        // Only the move is left: its variant was current, the move is.
        assert_eq!(a.view.comparison.stops().len(), 1);
        assert_eq!(a.hotspot_status(), "hotspot 1/1");
        a.set_filter(Filter::default());
        assert_eq!(a.hotspot_status(), "hotspot 2/4");
    }

    #[test]
    fn each_place_of_a_move_is_marked_with_the_line_of_the_other() {
        let mut a = moved_app((100, 40));
        keys(&mut a, "g");
        let marks = a.move_marks();
        let texts: Vec<(Side, &str)> = marks.iter().map(|m| (m.side, m.text.as_str())).collect();
        // The old place (line 1 of the left) faces `⇣ moved to l.9` in the right pane; the new
        // place (line 9 of the right) faces `⇡ moved from l.1` in the left pane.
        assert_eq!(
            texts,
            [
                (Side::Right, "⇣ moved to l.9"),
                (Side::Left, "⇡ moved from l.1")
            ]
        );
        // Drawn on the rows of the passage they face.
        let screen = crate::testkit::screen(&a, crate::viewer::theme::Theme::NO_COLOR);
        let text = crate::testkit::screen_text(&screen);
        assert!(
            text.contains("⇣ moved to l.9") && text.contains("⇡ moved from l.1"),
            "{text}"
        );
        // Without a move, `o` says so and changes nothing.
        let mut b = app((80, 24));
        keys(&mut b, "no");
        assert_eq!(b.hotspot_status(), "hotspot 1/10");
        assert!(
            b.message
                .as_deref()
                .unwrap_or("")
                .contains("no moved passage")
        );
    }

    #[test]
    fn n_and_p_start_from_the_view() {
        let mut a = app((80, 24));
        keys(&mut a, "nnnnn");
        assert_eq!(a.hotspot_status(), "hotspot 5/10");
        // Back at the top, `n` goes to the first hotspot, not the sixth.
        keys(&mut a, "gn");
        assert_eq!(a.hotspot_status(), "hotspot 1/10");
        // Scrolled far past the current hotspot, `n` goes to the first hotspot below the
        // reading line, and `p` to the last above it.
        let row = |a: &App, i: usize| a.hotspot_row(i).expect("row");
        a.top = row(&a, 6).saturating_sub(a.text_height() / READING_LINE + 1);
        let reading = a.top + a.text_height() / READING_LINE;
        let below = (0..10)
            .find(|&i| row(&a, i) > reading)
            .expect("a hotspot below");
        let above = (0..10).rev().find(|&i| row(&a, i) < reading);
        let top = a.top;
        keys(&mut a, "n");
        assert_eq!(a.current, Some(below));
        a.top = top;
        a.current = None;
        keys(&mut a, "p");
        assert_eq!(a.current, above.or(Some(9)));
    }

    #[test]
    fn swapping_keeps_the_current_hotspot_and_the_passage() {
        let mut a = app((80, 24));
        keys(&mut a, "nnnnn");
        let before = a.view.comparison.hotspots[4].clone();
        let passage = a.visible_rows(Side::Left)[0].text();
        keys(&mut a, "x");
        let i = a.current.expect("still a current hotspot");
        assert_eq!(a.hotspot_status(), format!("hotspot {}/10", i + 1));
        let after = &a.view.comparison.hotspots[i];
        assert_eq!(after.span.right, before.span.left);
        assert_eq!(after.span.left, before.span.right);
        // The left pane's passage is now on the right, at the top (its first row there holds
        // where the passage started; the panes may wrap a column apart).
        let start: String = passage.trim().chars().take(8).collect();
        let rows = a.visible_rows(Side::Right);
        let top: String = rows[..2].iter().map(Row::text).collect();
        assert!(top.contains(&start), "{start:?} not in {top:?}");
    }

    #[test]
    fn a_new_source_opens_at_the_passage_on_screen() {
        let mut a = app((80, 24));
        keys(&mut a, "nnnnnnn");
        let left: String = a.visible_rows(Side::Left)[0].text();
        a.carry_out(Request::Pick {
            side: Side::Right,
            source: 2,
        });
        assert_eq!(a.view.shown, Pair::new(0, 2));
        assert!(
            a.top > 0,
            "the new pair opens where the reader was, not at the top"
        );
        assert_eq!(a.visible_rows(Side::Left)[0].text(), left);
    }

    #[test]
    fn the_apparatus_opens_at_the_current_hotspot_and_pages() {
        let mut a = app((120, 40));
        keys(&mut a, "nnnnn");
        let current = a.view.comparison.hotspots[4].clone();
        keys(&mut a, "a");
        let Some(panel) = a.panel() else {
            panic!("the apparatus panel is open")
        };
        let collation = a.library.collation().expect("collated");
        let place = &collation.places[panel.selected];
        // The place of the 霸权/强权 hotspot, not place 1.
        assert!(panel.selected > 0);
        assert!(
            place.span.start <= current.span.left.start && current.span.left.end <= place.span.end,
            "{place:?} does not hold {current:?}"
        );
        assert_eq!(a.current, Some(4));
        let last = collation.places.len() - 1;
        let page = a.panel().map(|p| p.page).expect("panel");
        assert_eq!(
            page,
            a.screen.panel.expect("panel area").height as usize - 1
        );
        let before = a.panel().map(|p| p.selected).expect("panel");
        a.update(Input::Key(Key::PageDown));
        let after = a.panel().map(|p| p.selected).expect("panel");
        assert_eq!(after, (before + page).min(last));
        keys(&mut a, "G");
        assert_eq!(a.panel().map(|p| p.selected), Some(last));
        keys(&mut a, "g");
        assert_eq!(a.panel().map(|p| p.selected), Some(0));
    }

    #[test]
    fn search_matches_are_walked_both_ways() {
        let mut a = app((80, 24));
        a.run_search("外交".to_string());
        let total = a.match_rows().len();
        assert!(total > 3);
        let first = a.view.search.current.expect("a current match");
        keys(&mut a, "m");
        assert_eq!(a.view.search.current, Some((first + 1) % total));
        keys(&mut a, "MM");
        assert_eq!(a.view.search.current, Some((first + total - 1) % total));
        assert!(
            a.message
                .as_deref()
                .is_some_and(|m| m.starts_with("match "))
        );
        // Esc clears the highlight, and then `m` says there is no search.
        a.update(Input::Key(Key::Esc));
        assert_eq!(a.view.search, Search::default());
        assert!(!a.quit);
    }

    #[test]
    fn go_to_a_line_a_percentage_or_a_heading() {
        let mut a = app((80, 24));
        let enter = |a: &mut App, typed: &str| {
            keys(a, &format!(":{typed}"));
            a.update(Input::Key(Key::Enter));
        };
        // A percentage of the scrollable text.
        enter(&mut a, "50%");
        let scrollable = a.view.layout.total - a.text_height();
        assert_eq!(a.top, scrollable / 2);
        enter(&mut a, "100%");
        assert_eq!(a.top, scrollable);
        // A line of the left source: it is on screen, at the reading line.
        enter(&mut a, "20");
        let source = a.pair().left;
        let want: String = source
            .slice(source.line_start(19)..source.line_start(20))
            .trim()
            .chars()
            .take(6)
            .collect();
        let shown: String = a.visible_rows(Side::Left).iter().map(Row::text).collect();
        assert!(shown.contains(&want), "{want:?} not on screen");
        // A heading, by its start: the second-level heading of 000.
        keys(&mut a, "g");
        enter(&mut a, "推动成渝");
        let shown: String = a.visible_rows(Side::Left).iter().map(Row::text).collect();
        assert!(shown.contains("推动成渝地区双城经济圈"), "{shown}");
        assert!(a.top > 0);
        // Nothing matches: said, and the view stays.
        let top = a.top;
        enter(&mut a, "没有这句话");
        assert_eq!(a.top, top);
        assert!(
            a.message
                .as_deref()
                .is_some_and(|m| m.starts_with("not found"))
        );
    }

    #[test]
    fn go_to_a_hotspot_by_its_number_and_past_the_last_line() {
        let mut a = app((80, 24));
        let enter = |a: &mut App, typed: &str| {
            keys(a, &format!(":{typed}"));
            a.update(Input::Key(Key::Enter));
        };
        // The numbers are the JSON report's: hotspot k is `hotspots[k - 1]`.
        let report = crate::report::PairReport::new(a.pair(), &a.view.full, &a.filter);
        let readings: Vec<String> = report
            .hotspots
            .iter()
            .map(|h| h.left.text.to_string())
            .collect();
        let n = readings.len();
        assert_eq!(n, 10);
        for k in [1, n / 2, n] {
            enter(&mut a, &format!("#{k}"));
            assert_eq!(a.hotspot_status(), format!("hotspot {k}/{n}"));
            let i = a.current.expect("a current hotspot");
            let span = a.view.comparison.hotspots[i].span.left.clone();
            assert_eq!(a.pair().left.slice(span), readings[k - 1]);
        }
        // Past the last: the last; none is #0.
        enter(&mut a, "#99");
        assert_eq!(a.hotspot_status(), format!("hotspot {n}/{n}"));
        enter(&mut a, "#0");
        assert!(
            a.message
                .as_deref()
                .is_some_and(|m| m.starts_with("no hotspot #0"))
        );
        // A line past the last is the last line (as vim's `:9999`): the bottom of the text.
        keys(&mut a, "g");
        enter(&mut a, "9999");
        let lines = a.pair().left.line_count();
        assert_eq!(a.message.as_deref(), Some(format!("line {lines}").as_str()));
        assert_eq!(a.top, a.view.layout.total - a.text_height());
    }

    #[test]
    fn less_and_vim_scrolling_keys_come_back_to_the_same_place() {
        let mut a = app((80, 24));
        let page = a.text_height();
        keys(&mut a, "jjj");
        let start = a.top;
        a.update(Input::Key(Key::Ctrl('d')));
        assert_eq!(a.top, start + page / 2, "Ctrl-D: half a page");
        a.update(Input::Key(Key::Ctrl('u')));
        assert_eq!(a.top, start, "Ctrl-U comes back");
        a.update(Input::Key(Key::Ctrl('f')));
        assert_eq!(a.top, start + page - 1, "Ctrl-F: a page, as PgDn");
        keys(&mut a, "b");
        assert_eq!(a.top, start, "b comes back");
        a.update(Input::Key(Key::PageDown));
        a.update(Input::Key(Key::Ctrl('b')));
        assert_eq!(a.top, start);
        // Ctrl-L asks the terminal to draw everything again; it is no unknown key.
        a.update(Input::Key(Key::Ctrl('l')));
        assert!(a.redraw && a.message.is_none());
        // A Ctrl-letter the table does not bind is an unknown key, never the letter.
        a.update(Input::Key(Key::Ctrl('q')));
        assert!(!a.quit);
        assert_eq!(
            a.message.as_deref(),
            Some("unknown key Ctrl-Q — ? for help")
        );
    }

    #[test]
    fn the_prompts_walk_their_history() {
        let mut a = app((80, 24));
        let status = |a: &App| a.top_overlay().and_then(|o| o.component().status());
        for phrase in ["霸权", "会议", "会议", "主席"] {
            keys(&mut a, &format!("/{phrase}"));
            a.update(Input::Key(Key::Enter));
        }
        keys(&mut a, "/坚");
        a.update(Input::Key(Key::Up));
        assert_eq!(status(&a).as_deref(), Some("search: /主席▏"));
        a.update(Input::Key(Key::Up));
        assert_eq!(
            status(&a).as_deref(),
            Some("search: /会议▏"),
            "once, not twice"
        );
        a.update(Input::Key(Key::Ctrl('p')));
        a.update(Input::Key(Key::Up));
        assert_eq!(
            status(&a).as_deref(),
            Some("search: /霸权▏"),
            "the oldest stays"
        );
        a.update(Input::Key(Key::Down));
        a.update(Input::Key(Key::Ctrl('n')));
        a.update(Input::Key(Key::Down));
        assert_eq!(
            status(&a).as_deref(),
            Some("search: /坚▏"),
            "back to what was typed"
        );
        a.update(Input::Key(Key::Esc));
        // The go-to prompt has a history of its own.
        keys(&mut a, ":20");
        a.update(Input::Key(Key::Enter));
        keys(&mut a, ":");
        a.update(Input::Key(Key::Up));
        assert_eq!(
            status(&a).as_deref(),
            Some("go to (line, N%, #hotspot or a heading): :20▏")
        );
    }

    #[test]
    fn in_the_list_ctrl_n_and_ctrl_p_move_and_letters_type() {
        let mut a = app((80, 24));
        keys(&mut a, "l");
        let selected = |a: &App| match a.top_overlay() {
            Some(Overlay::List(list)) => (list.selected, list.rows.len()),
            _ => panic!("the list is open"),
        };
        let (first, all) = selected(&a);
        a.update(Input::Key(Key::Ctrl('n')));
        assert_eq!(selected(&a), (first + 1, all));
        a.update(Input::Key(Key::Ctrl('p')));
        assert_eq!(selected(&a), (first, all));
        keys(&mut a, "j");
        assert_eq!(
            selected(&a).1,
            0,
            "j is typed into the filter: no reading has it"
        );
    }

    #[test]
    fn the_hotspot_list_filters_and_jumps() {
        let mut a = app((80, 24));
        keys(&mut a, "nnn");
        keys(&mut a, "l");
        let Some(Overlay::List(list)) = a.top_overlay() else {
            panic!("the list is open")
        };
        // It opens at the current hotspot (else the first from the view), listing every
        // shown one.
        assert_eq!(list.hotspots(), 10);
        assert_eq!(list.stop(list.rows[list.selected]), Some(2));
        // Typing filters by either reading.
        keys(&mut a, "强权");
        let Some(Overlay::List(list)) = a.top_overlay() else {
            panic!("the list is still open")
        };
        assert_eq!(list.rows, [list::Row::Stop(4)]);
        a.update(Input::Key(Key::Enter));
        assert!(a.top_overlay().is_none());
        assert_eq!(a.hotspot_status(), "hotspot 5/10");
        // Esc closes it and never quits; a class name filters too.
        keys(&mut a, "lpunctuation");
        let Some(Overlay::List(list)) = a.top_overlay() else {
            panic!("open again")
        };
        let punctuation = a.view.comparison.counts()[Class::Punctuation as usize];
        assert_eq!(list.hotspots(), punctuation);
        a.update(Input::Key(Key::Esc));
        assert!(a.top_overlay().is_none() && !a.quit);
    }

    /// Samples 1 and 3: the left reads `、` where the right reads `，` at three places (the
    /// readings found here from the sources, not from the patterns).
    fn pattern_app() -> (App, Vec<usize>) {
        let a = samples_app(Pair::new(0, 2), (100, 30));
        let cmp = &a.view.comparison;
        let pair = a.pair();
        let members: Vec<usize> = (0..cmp.stops().len())
            .filter(|&k| {
                let h = cmp.listed(cmp.stops()[k]);
                pair.left.slice(h.span.left.clone()) == "、"
                    && pair.right.slice(h.span.right.clone()) == "，"
            })
            .collect();
        assert_eq!(members.len(), 3, "the samples' pattern");
        (a, members)
    }

    #[test]
    fn the_list_shows_a_pattern_as_one_row_that_opens_to_its_hotspots() {
        let (mut a, members) = pattern_app();
        let n = a.view.comparison.stops().len();
        keys(&mut a, "l");
        let Some(Overlay::List(list)) = a.top_overlay() else {
            panic!("the list is open")
        };
        // One row for the three, where the first comes; every other hotspot its own row.
        assert_eq!(list.rows.len(), n - 2);
        assert_eq!(list.hotspots(), n);
        let at = list
            .rows
            .iter()
            .position(|r| matches!(r, list::Row::Pattern(_)))
            .expect("a pattern row");
        assert_eq!(list.stop(list.rows[at]), Some(members[0]));
        let screen = crate::testkit::screen_text(&crate::testkit::screen(
            &a,
            crate::viewer::theme::Theme::NO_COLOR,
        ));
        assert!(screen.contains("、 → ， ×3 punctuation"), "{screen}");
        // Enter on it opens it: its hotspots under it; Enter on one of them goes there.
        for _ in 0..at {
            a.update(Input::Key(Key::Down));
        }
        a.update(Input::Key(Key::Enter));
        let Some(Overlay::List(list)) = a.top_overlay() else {
            panic!("the list stays open")
        };
        assert_eq!(
            list.rows[at + 1..at + 4],
            members
                .iter()
                .map(|&m| list::Row::Member(m))
                .collect::<Vec<_>>()
        );
        for _ in 0..2 {
            a.update(Input::Key(Key::Down));
        }
        a.update(Input::Key(Key::Enter));
        assert!(a.top_overlay().is_none());
        assert_eq!(
            a.hotspot_status(),
            format!("hotspot {}/{n}", members[1] + 1)
        );
    }

    #[test]
    fn h_hides_the_readings_and_the_filter_panel_shows_them_again() {
        let (mut a, members) = pattern_app();
        let n = a.view.comparison.stops().len();
        a.go_to_stop(members[1] + 1);
        keys(&mut a, "H");
        assert_eq!(a.hotspot_status(), format!("hotspot -/{}", n - 3));
        assert!(
            a.message
                .as_deref()
                .is_some_and(|m| m.starts_with("hid 3 like 、 → ，")),
            "{:?}",
            a.message
        );
        // The filter panel lists the rule after the classes, with its count.
        keys(&mut a, "f");
        let screen = crate::testkit::screen_text(&crate::testkit::screen(
            &a,
            crate::viewer::theme::Theme::NO_COLOR,
        ));
        assert!(screen.contains("[ ] 、 → ，  ×3"), "{screen}");
        for _ in 0..Class::ALL.len() {
            keys(&mut a, "j");
        }
        a.update(Input::Key(Key::Char(' ')));
        assert_eq!(a.hotspot_status(), format!("hotspot -/{n}"));
        let screen = crate::testkit::screen_text(&crate::testkit::screen(
            &a,
            crate::viewer::theme::Theme::NO_COLOR,
        ));
        assert!(
            screen.contains("[x] 、 → ，  ×3"),
            "shown again, still listed: {screen}"
        );
        // Hidden again from the panel.
        a.update(Input::Key(Key::Char(' ')));
        assert_eq!(a.hotspot_status(), format!("hotspot -/{}", n - 3));
    }

    #[test]
    fn the_hotspot_list_opens_at_the_view() {
        let mut a = app((80, 24));
        keys(&mut a, "G");
        let top = a.top;
        let first_below = (0..10)
            .find(|&i| a.hotspot_row(i).is_some_and(|r| r >= top))
            .unwrap_or(9);
        keys(&mut a, "l");
        let Some(Overlay::List(list)) = a.top_overlay() else {
            panic!("the list is open")
        };
        assert_eq!(list.stop(list.rows[list.selected]), Some(first_below));
    }

    #[test]
    fn a_resize_keeps_the_current_hotspot_in_sight() {
        let mut a = app((160, 48));
        keys(&mut a, "nnnnnnn");
        let i = a.current.expect("current");
        for size in [(81, 24), (40, 12), (121, 31), (20, 5), (200, 60)] {
            a.update(Input::Resize(size.0, size.1));
            let row = a.hotspot_row(i).expect("row");
            assert!(
                row >= a.top && row < a.top + a.text_height(),
                "{size:?}: hotspot row {row} not in {}..{}",
                a.top,
                a.top + a.text_height()
            );
        }
    }

    #[test]
    fn a_round_trip_of_sizes_comes_back_to_the_same_top() {
        for (size, small) in [
            ((120, 40), (45, 12)),
            ((200, 60), (81, 24)),
            ((81, 24), (30, 8)),
        ] {
            let mut a = app(size);
            keys(&mut a, "nnnnn");
            let i = a.current.expect("current");
            let before = (a.position(), a.top);
            a.update(Input::Resize(small.0, small.1));
            let row = a.hotspot_row(i).expect("row");
            assert!(
                row >= a.top && row < a.top + a.text_height(),
                "{small:?}: the current hotspot is kept in sight"
            );
            a.update(Input::Resize(size.0, size.1));
            assert_eq!((a.position(), a.top), before, "{size:?} → {small:?} → back");
        }
    }

    #[test]
    fn line_numbers_in_a_gutter_toggled_by_hash() {
        use crate::testkit::{row_text, screen};
        use crate::viewer::theme::Theme;
        for size in [(80, 24), (121, 40)] {
            let mut a = app(size);
            let plain = screen(&a, Theme::NO_COLOR);
            let widths = a.screen.pane_widths();
            keys(&mut a, "#");
            // The longest of the five samples has under 100 lines: two digits and a space.
            let longest = a.library.sources.iter().map(|s| s.line_count()).max();
            let gutter = longest.map_or(1, |n| n.to_string().len()) + 1;
            assert_eq!(a.screen.gutter() as usize, gutter, "{size:?}");
            assert_eq!(
                a.screen.pane_widths(),
                widths.map(|w| w - gutter),
                "{size:?}: the text is narrower"
            );
            assert_eq!(a.view.layout.width, a.screen.pane_widths());
            // The first row of each pane shows the line its text starts on, right-aligned.
            let buf = screen(&a, Theme::NO_COLOR);
            for side in Side::BOTH {
                let g = *a.screen.gutters.get(side);
                let source = *a.pair().get(side);
                let first = source
                    .text
                    .lines()
                    .position(|l| !l.trim().is_empty())
                    .map_or(1, |i| i + 1);
                let shown = row_text(&buf, g.y, g.x..g.x + g.width);
                assert_eq!(
                    shown,
                    format!("{first:>w$} ", w = gutter - 1),
                    "{size:?} {side:?}"
                );
            }
            // `#` again: the screen is as it was.
            keys(&mut a, "#");
            assert_eq!(a.screen.gutter(), 0);
            let mut again = screen(&a, Theme::NO_COLOR);
            // (The status bar says what happened.)
            let status = a.screen.status;
            for x in status.left()..status.right() {
                again[(x, status.y)] = plain[(x, status.y)].clone();
            }
            assert_eq!(again, plain, "{size:?}");
        }
    }

    #[test]
    fn unknown_keys_say_so() {
        let mut a = app((80, 24));
        keys(&mut a, "Z");
        assert_eq!(a.message.as_deref(), Some("unknown key Z — ? for help"));
        assert!(!a.quit);
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
        let rows = a.view.layout.hotspot_rows[4];
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
        assert_eq!(a.top, a.view.layout.total - 22);
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
        assert!(matches!(a.overlays[..], [Overlay::Help(_)]));
        keys(&mut a, "n");
        assert!(a.overlays.is_empty());
        assert_eq!(
            a.current, None,
            "the key that closes help does nothing else"
        );
        a.update(Input::Key(Key::Esc));
        assert!(!a.quit, "Esc never quits");
        assert_eq!(a.message.as_deref(), Some("nothing to clear (q quits)"));
        keys(&mut a, "q");
        assert!(a.quit);
    }

    #[test]
    fn the_help_scrolls_to_its_last_line_on_a_short_terminal() {
        use crate::testkit::{screen, screen_text};
        use crate::viewer::theme::Theme;
        let mut a = app((80, 16));
        keys(&mut a, "?");
        let text = |a: &App| screen_text(&screen(a, Theme::COLOR));
        let first = text(&a);
        assert!(first.contains("more: j/PgDn"), "{first}");
        assert!(
            !first.contains(" quit\n") && !first.contains("colours"),
            "{first}"
        );
        // To the end: the `q` line and the legend are there, and nothing says more.
        keys(&mut a, "G");
        let last = text(&a);
        assert!(last.contains("q                    quit"), "{last}");
        assert!(
            last.contains("colours") && !last.contains("more:"),
            "{last}"
        );
        // Back a page and a line, then any other key closes it.
        a.update(Input::Key(Key::PageUp));
        keys(&mut a, "k");
        assert_ne!(text(&a), last);
        assert!(matches!(a.top_overlay(), Some(Overlay::Help(_))));
        keys(&mut a, "x");
        assert!(a.top_overlay().is_none());
        assert_eq!(
            a.view.shown,
            Pair::new(0, 1),
            "x closed the help and did not swap"
        );
    }

    #[test]
    fn the_picker_says_why_a_source_asked_for_is_not_shown() {
        let mut a = app((80, 24));
        let status = |a: &App| a.top_overlay().and_then(|o| o.component().status());
        keys(&mut a, "s");
        // The right pane shows source 2: the left pane cannot show it too.
        keys(&mut a, "2");
        assert_eq!(
            status(&a).as_deref(),
            Some("source 2 is in the other pane (x swaps the panes)")
        );
        keys(&mut a, "9");
        assert_eq!(status(&a).as_deref(), Some("no source 9 (there are 5)"));
        // A source that can be shown is: the picker closes.
        keys(&mut a, "3");
        assert!(a.top_overlay().is_none());
        assert_eq!(a.view.shown, Pair::new(2, 1));
    }

    #[test]
    fn picker_swap_and_focus() {
        let mut a = app((80, 24));
        a.update(Input::Key(Key::Tab));
        assert_eq!(a.focus, Side::Right);
        keys(&mut a, "sjj");
        match a.top_overlay() {
            Some(Overlay::Picker(p)) => assert_eq!((p.side, p.selected), (Side::Right, 3)),
            other => panic!("the picker is not open: {other:?}"),
        }
        a.update(Input::Key(Key::Enter));
        assert!(a.overlays.is_empty());
        assert_eq!(a.view.shown, Pair::new(0, 3));
        assert_eq!(a.hotspot_status(), "hotspot -/8");
        keys(&mut a, "x");
        assert_eq!(a.view.shown, Pair::new(3, 0));
        assert_eq!(a.pair().left.name, "003_1abfbb9facdbea73.txt");
    }

    #[test]
    fn in_the_background_a_new_pair_keeps_the_old_one_until_compared() {
        let mut a = app((80, 24));
        a.background = true;
        // A swap needs no new comparison (the alignment mirrored): at once.
        keys(&mut a, "x");
        assert!(a.busy().is_none());
        assert_eq!(a.view.shown, Pair::new(1, 0));
        assert_eq!(a.focus, Side::Right);
        // A new source is compared in the background; the old pair stays and keys are heard.
        a.carry_out(Request::Pick {
            side: Side::Right,
            source: 2,
        });
        assert!(
            a.busy()
                .is_some_and(|b| b.starts_with("comparing 001_") && b.ends_with("(Esc cancels)"))
        );
        assert_eq!(a.view.shown, Pair::new(1, 0));
        keys(&mut a, "jj");
        assert_eq!(a.top, 2, "keys are heard while the comparison runs");
        a.settle();
        assert!(a.busy().is_none());
        assert_eq!(a.view.shown, Pair::new(1, 2));
        // A pair compared before, either way round, needs no new comparison: it is only laid
        // out (in the background, the old pair on screen meanwhile).
        a.carry_out(Request::Pick {
            side: Side::Right,
            source: 0,
        });
        assert!(a.busy().is_some_and(|b| b.starts_with("laying out 001_")));
        assert_eq!(a.view.shown, Pair::new(1, 2));
        a.settle();
        assert_eq!(a.view.shown, Pair::new(1, 0));
        a.update(Input::Key(Key::Tab));
        a.carry_out(Request::Pick {
            side: Side::Left,
            source: 2,
        });
        assert!(a.busy().is_some(), "(2, 0) was never compared");
        a.settle();
        assert_eq!(a.view.shown, Pair::new(2, 0));
        // The apparatus is worked out the same way.
        keys(&mut a, "a");
        assert!(
            a.busy()
                .is_some_and(|b| b.starts_with("collating 5 sources"))
        );
        a.settle();
        assert!(a.panel().is_some());
        keys(&mut a, "q");
        assert!(a.quit);
    }

    #[test]
    fn esc_cancels_work_in_the_background_and_stale_work_is_dropped() {
        let mut a = app((80, 24));
        a.background = true;
        let pick = |a: &mut App, source| {
            a.carry_out(Request::Pick {
                side: Side::Right,
                source,
            })
        };
        pick(&mut a, 3);
        a.update(Input::Key(Key::Esc));
        assert!(a.busy().is_none());
        assert!(!a.quit);
        assert!(
            a.message
                .as_deref()
                .is_some_and(|m| m.starts_with("cancelled: comparing"))
        );
        a.settle();
        assert_eq!(
            a.view.shown,
            Pair::new(0, 1),
            "a cancelled pick shows nothing"
        );
        // A comparison asked for the pair before a swap is not applied after it.
        pick(&mut a, 4);
        keys(&mut a, "x");
        a.settle();
        assert_eq!(a.view.shown, Pair::new(1, 0));
        // A newer pick supersedes an older one.
        pick(&mut a, 2);
        pick(&mut a, 3);
        a.settle();
        assert_eq!(a.view.shown, Pair::new(1, 3));
        // While it runs, q quits.
        pick(&mut a, 4);
        assert!(a.busy().is_some());
        keys(&mut a, "q");
        assert!(a.quit, "q quits while a comparison runs");
    }

    #[test]
    fn the_picker_opens_at_once_and_similarities_follow() {
        let mut a = app((80, 24));
        a.background = true;
        keys(&mut a, "s");
        assert!(matches!(a.top_overlay(), Some(Overlay::Picker(_))));
        assert!(a.busy().is_some_and(|b| b.starts_with("measuring")));
        assert!(a.library.similarity(2, 1).is_none());
        a.settle();
        assert!(a.library.similarity(2, 1).is_some());
        // The comparisons measured are kept: picking one of them only lays it out.
        keys(&mut a, "3");
        assert!(a.busy().is_some_and(|b| b.starts_with("laying out")));
        a.settle();
        assert_eq!(a.view.shown, Pair::new(2, 1));
        // Esc closes the picker (and stops the measuring if it still runs).
        a.update(Input::Key(Key::Tab));
        keys(&mut a, "s");
        a.update(Input::Key(Key::Esc));
        assert!(a.overlays.is_empty() && !a.quit);
    }

    #[test]
    fn starting_shows_the_names_at_once_and_keys_wait_for_the_comparison() {
        let mut a = App::starting(
            crate::source::samples(),
            Pair::new(0, 1),
            Options::default(),
            (80, 24),
        );
        assert!(a.busy().is_some_and(|b| b.starts_with("comparing 000_")));
        assert_eq!(a.pair().left.name, crate::source::samples()[0].name);
        assert!(a.pair().left.text.is_empty(), "nothing to show yet");
        assert_eq!(a.hotspot_status(), "hotspot -/…");
        keys(&mut a, "n");
        a.update(Input::Resize(81, 25));
        a.settle();
        assert!(!a.pair().left.text.is_empty());
        assert_eq!(a.screen.area.width, 81, "the size the terminal has now");
        assert_eq!(
            a.current,
            Some(0),
            "the key pressed while waiting is carried out"
        );
        let mut b = App::starting(
            crate::source::samples(),
            Pair::new(0, 1),
            Options::default(),
            (80, 24),
        );
        keys(&mut b, "q");
        assert!(b.quit, "q quits at once");
    }

    #[test]
    fn search_finds_both_sides_across_page_breaks() {
        let mut a = app((80, 24));
        keys(&mut a, "/历史观");
        a.update(Input::Key(Key::Enter));
        // 000 writes 历史\n\n观 across a page break; it is still found.
        assert_eq!(a.view.search.matches.left.len(), 1);
        assert_eq!(a.view.search.matches.right.len(), 1);
        assert_eq!(a.message.as_deref(), Some("match 1/1"));
        // Esc clears the highlight (and stays in the viewer).
        let top = a.top;
        a.update(Input::Key(Key::Esc));
        assert!(!a.quit);
        assert_eq!(a.view.search, Search::default());
        assert!(
            a.visible_rows(Side::Left)
                .iter()
                .all(|r| r.chunks.iter().all(|c| !c.look.matched))
        );
        assert_eq!(a.top, top, "clearing keeps the place");
    }

    #[test]
    fn apparatus_panel_moves_both_panes_and_keeps_hotspots_consistent() {
        let mut a = app((100, 30));
        keys(&mut a, "a");
        let places = a.library.collation().map_or(0, |c| c.places.len());
        // The title and the dateline, the 11 variants of the body, the closing paragraphs 003
        // lacks in three pieces around two of them, and two places of text beyond 000's
        // extent (003's from where it leaves 000's text, 001's and 002's after the last shared
        // sentence): tests/it/apparatus.rs.
        assert_eq!(places, 2 + 11 + 3 + 2);
        let selected = |a: &App| a.panel().map(|p| p.selected);
        assert_eq!(selected(&a), Some(0));
        assert_eq!(a.screen.panel.map(|p| p.height), Some(10));
        assert_eq!(a.text_height(), 18);
        // Place 8 is 霸权 (000, 002) / 强权 (001, 003): the pair 000/001 differs there, so
        // its hotspot (5 of 10) becomes current and both panes show it.
        keys(&mut a, "jjjjjj");
        assert_eq!(selected(&a), Some(6));
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
        assert_eq!(selected(&a), Some(5));
        keys(&mut a, "a");
        assert_eq!(selected(&a), None);
        assert_eq!(a.text_height(), 28);
    }

    #[test]
    fn resize_keeps_the_same_text_at_the_top() {
        let mut a = app((80, 24));
        keys(&mut a, "nnnnn");
        let before = a.view.layout.offset_at(a.top).unwrap();
        a.update(Input::Resize(120, 40));
        let after = a.view.layout.offset_at(a.top).unwrap();
        assert_eq!(before.0, after.0);
        let row_text = a.view.layout.row_or_filler(after.0, a.top);
        assert!(
            row_text.start <= before.1,
            "{} > {}",
            row_text.start,
            before.1
        );
        // Back and forth through sizes, no scrolling between: back at the first size, the
        // same row is at the top, exactly (no drift towards the start).
        for (w, h) in [(61, 17), (121, 40), (100, 30), (80, 24)] {
            a.update(Input::Resize(w, h));
        }
        assert_eq!(a.view.layout.offset_at(a.top), Some(before));
        a.update(Input::Resize(1, 1));
        a.update(Input::Resize(80, 24));
        assert!(a.top <= a.view.layout.total);
    }
}
