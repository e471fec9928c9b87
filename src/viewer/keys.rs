//! Keys: what the viewer can be told ([`Input`], [`Key`]), what it can do ([`Action`]), and the
//! one key table that binds them ([`TABLE`]).
//!
//! Each entry of the table names where it applies ([`Scope`]), its keys with the action of
//! each, its help text and, optionally, its hint for the status bar or a panel's title. The
//! dispatch ([`action`]), the help box ([`help_entries`], [`help_lines`]) and the hints ([`hints`]) all read the
//! table, so a new key is one entry here and one arm where its action is carried out.

/// A key, as the viewer sees it.
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
    /// Ctrl and a letter (lower case; Ctrl-C is [`Key::Interrupt`]).
    Ctrl(char),
}

impl Key {
    /// The key's name as the help box shows it.
    pub fn name(self) -> String {
        match self {
            Key::Char(' ') => "space".to_string(),
            Key::Char(c) => c.to_string(),
            Key::Enter => "Enter".to_string(),
            Key::Esc => "Esc".to_string(),
            Key::Tab => "Tab".to_string(),
            Key::Backspace => "Backspace".to_string(),
            Key::Up => "↑".to_string(),
            Key::Down => "↓".to_string(),
            Key::PageUp => "PgUp".to_string(),
            Key::PageDown => "PgDn".to_string(),
            Key::Home => "Home".to_string(),
            Key::End => "End".to_string(),
            Key::Interrupt => "Ctrl-C".to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        }
    }
}

/// Something that happened to the viewer.
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
    /// The left mouse button was pressed at this column and row.
    Click(u16, u16),
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Make the next hotspot current and show it.
    NextHotspot,
    /// Make the previous hotspot current and show it.
    PreviousHotspot,
    /// Go to the other place of the current moved passage.
    OtherPlace,
    /// Scroll one row down.
    ScrollDown,
    /// Scroll one row up.
    ScrollUp,
    /// Scroll a page down.
    PageDown,
    /// Scroll a page up.
    PageUp,
    /// Scroll half a page down.
    HalfPageDown,
    /// Scroll half a page up.
    HalfPageUp,
    /// Draw the whole screen again.
    Redraw,
    /// Go to the top.
    Top,
    /// Go to the bottom.
    Bottom,
    /// Focus the other pane.
    SwitchPane,
    /// Open the source picker for the focused pane.
    PickSource,
    /// Swap the panes.
    Swap,
    /// Open the search prompt.
    Search,
    /// Open the apparatus panel.
    Apparatus,
    /// Open the filter panel (which classes of hotspots are shown).
    Filter,
    /// Open the go-to prompt.
    Jump,
    /// Open the hotspot list.
    List,
    /// Open the help box.
    Help,
    /// Copy the current hotspot to the clipboard.
    Copy,
    /// Turn the mouse capture off (so the terminal selects text) or on again.
    ToggleMouse,
    /// Show each pane's source line numbers in a gutter, or hide them.
    ToggleLineNumbers,
    /// Fold every unchanged stretch into one row, or unfold them all.
    ToggleFolds,
    /// Hide every hotspot with the current one's pair of readings (a rule; added to the
    /// rules file given with `--rules`).
    HidePattern,
    /// Quit the viewer.
    Quit,
    /// Clear what the panes show over the text (the search highlight); never quits.
    Clear,
    /// In a list: select the next entry.
    SelectNext,
    /// In a list: select the previous entry.
    SelectPrevious,
    /// In a list: select a page further down.
    SelectPageDown,
    /// In a list: select a page further up.
    SelectPageUp,
    /// In a list: select the first entry.
    SelectFirst,
    /// In a list: select the last entry.
    SelectLast,
    /// Go to the next search match.
    NextMatch,
    /// Go to the previous search match.
    PreviousMatch,
    /// In a list or prompt: take the selection or what was typed.
    Choose,
    /// In a prompt: delete the last character typed.
    DeleteBack,
    /// In a prompt: what was entered the time before (walking back through the history).
    HistoryPrevious,
    /// In a prompt: what was entered the time after (back to what was being typed).
    HistoryNext,
    /// Close the box or panel.
    Close,
}

/// Where a key table entry applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, before anything else.
    Global,
    /// The panes, when no box is open (and the apparatus panel did not take the key).
    Panes,
    /// The apparatus panel.
    Apparatus,
    /// The source picker.
    Picker,
    /// The search prompt (other printable keys are typed into it).
    Search,
    /// The filter panel.
    Filter,
    /// The panes while search matches are highlighted (before the panes' own keys).
    Matches,
    /// The go-to prompt (other printable keys are typed into it).
    Jump,
    /// The hotspot list (printable keys are typed into its filter).
    List,
    /// The help box (any other key closes it).
    Help,
}

/// A hint: a few words for the status bar or a panel's title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    /// The words, keys first (`n/p hotspot`).
    pub text: &'static str,
    /// How much it matters, 1 first: where room is short, the hints of higher ranks go first.
    pub rank: u8,
}

/// One entry of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Where it applies.
    pub scope: Scope,
    /// Its keys, each with its action, in the order the help box lists them.
    pub keys: &'static [(Key, Action)],
    /// What it does, for the help box.
    pub help: &'static str,
    /// Its hint, if it has one.
    pub hint: Option<Hint>,
}

impl Entry {
    /// The entry's keys as the help box lists them (`j  k  ↓  ↑`).
    pub fn label(&self) -> String {
        self.keys
            .iter()
            .map(|(k, _)| k.name())
            .collect::<Vec<_>>()
            .join("  ")
    }
}

const fn hint(text: &'static str, rank: u8) -> Option<Hint> {
    Some(Hint { text, rank })
}

use Action as A;
use Key as K;

/// Every key of the viewer.
pub const TABLE: &[Entry] = &[
    Entry {
        scope: Scope::Global,
        keys: &[(K::Interrupt, A::Quit)],
        help: "quit at once",
        hint: None,
    },
    Entry {
        scope: Scope::Global,
        keys: &[(K::Ctrl('l'), A::Redraw)],
        help: "draw the whole screen again",
        hint: None,
    },
    Entry {
        scope: Scope::Panes,
        keys: &[
            (K::Char('n'), A::NextHotspot),
            (K::Char('p'), A::PreviousHotspot),
            (K::Char(']'), A::NextHotspot),
            (K::Char('['), A::PreviousHotspot),
        ],
        help: "next / previous hotspot (a move, then its changes)",
        hint: hint("n/p hotspot", 2),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('o'), A::OtherPlace)],
        help: "moved passage: go to its other place",
        hint: hint("o other place", 5),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[
            (K::Char('j'), A::ScrollDown),
            (K::Char('k'), A::ScrollUp),
            (K::Down, A::ScrollDown),
            (K::Up, A::ScrollUp),
        ],
        help: "scroll one row (mouse wheel: three)",
        hint: hint("j/k scroll", 4),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[
            (K::PageDown, A::PageDown),
            (K::PageUp, A::PageUp),
            (K::Char(' '), A::PageDown),
            (K::Char('b'), A::PageUp),
        ],
        help: "scroll one page (space, b: as in less)",
        hint: None,
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Ctrl('f'), A::PageDown), (K::Ctrl('b'), A::PageUp)],
        help: "scroll one page (as in vim)",
        hint: None,
    },
    Entry {
        scope: Scope::Panes,
        keys: &[
            (K::Ctrl('d'), A::HalfPageDown),
            (K::Ctrl('u'), A::HalfPageUp),
        ],
        help: "scroll half a page",
        hint: None,
    },
    Entry {
        scope: Scope::Panes,
        keys: &[
            (K::Char('g'), A::Top),
            (K::Char('G'), A::Bottom),
            (K::Home, A::Top),
            (K::End, A::Bottom),
        ],
        help: "go to the top / bottom",
        hint: None,
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Tab, A::SwitchPane)],
        help: "switch the focused pane",
        hint: None,
    },
    Entry {
        scope: Scope::Matches,
        keys: &[
            (K::Char('m'), A::NextMatch),
            (K::Char('M'), A::PreviousMatch),
        ],
        help: "next / previous search match (while they are shown)",
        hint: hint("m/M match", 1),
    },
    Entry {
        scope: Scope::Matches,
        keys: &[(K::Esc, A::Clear)],
        help: "clear the search highlight",
        hint: hint("Esc clear", 1),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('s'), A::PickSource)],
        help: "pick the source for the focused pane",
        hint: hint("s source", 3),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('x'), A::Swap)],
        help: "swap the panes",
        hint: hint("x swap", 4),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('/'), A::Search)],
        help: "search both panes (Enter: next match)",
        hint: hint("/ search", 3),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('a'), A::Apparatus)],
        help: "apparatus of all sources (j/k: move to a place)",
        hint: hint("a apparatus", 5),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('l'), A::List)],
        help: "the hotspot list (type to filter, Enter jumps)",
        hint: hint("l list", 4),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char(':'), A::Jump)],
        help: "go to a line, 40%, a hotspot (#12) or a heading",
        hint: hint(": go to", 5),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('f'), A::Filter)],
        help: "filter: show or hide classes of hotspots",
        hint: hint("f filter", 3),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('y'), A::Copy)],
        help: "copy the current hotspot with its context",
        hint: hint("y copy", 5),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('H'), A::HidePattern)],
        help: "hide all hotspots with these readings (a rule)",
        hint: None,
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('z'), A::ToggleFolds)],
        help: "fold unchanged stretches into a row each / unfold",
        hint: hint("z fold", 5),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('#'), A::ToggleLineNumbers)],
        help: "line numbers of each source on / off",
        hint: None,
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('c'), A::ToggleMouse)],
        help: "mouse off (select text) / on (click a phrase)",
        hint: None,
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('?'), A::Help)],
        help: "this help",
        hint: hint("? help", 1),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Char('q'), A::Quit)],
        help: "quit",
        hint: hint("q quit", 2),
    },
    Entry {
        scope: Scope::Panes,
        keys: &[(K::Esc, A::Clear)],
        help: "close a box, clear the search (never quits)",
        hint: None,
    },
    Entry {
        scope: Scope::Apparatus,
        keys: &[
            (K::Char('j'), A::SelectNext),
            (K::Char('k'), A::SelectPrevious),
            (K::Down, A::SelectNext),
            (K::Up, A::SelectPrevious),
        ],
        help: "move to the next / previous place",
        hint: hint("j/k move", 1),
    },
    Entry {
        scope: Scope::Apparatus,
        keys: &[
            (K::PageDown, A::SelectPageDown),
            (K::PageUp, A::SelectPageUp),
            (K::Char('g'), A::SelectFirst),
            (K::Char('G'), A::SelectLast),
            (K::Home, A::SelectFirst),
            (K::End, A::SelectLast),
        ],
        help: "move a page / to the first or last place",
        hint: hint("PgDn/PgUp/g/G", 2),
    },
    Entry {
        scope: Scope::Apparatus,
        keys: &[(K::Char('a'), A::Close), (K::Esc, A::Close)],
        help: "close the apparatus",
        hint: hint("a close", 1),
    },
    Entry {
        scope: Scope::Picker,
        keys: &[
            (K::Char('j'), A::SelectNext),
            (K::Char('k'), A::SelectPrevious),
            (K::Down, A::SelectNext),
            (K::Up, A::SelectPrevious),
        ],
        help: "select the next / previous source",
        hint: hint("j/k select", 1),
    },
    Entry {
        scope: Scope::Picker,
        keys: &[(K::Enter, A::Choose)],
        help: "show the selected source (1-9: that source at once)",
        hint: hint("Enter/1-9 show", 1),
    },
    Entry {
        scope: Scope::Picker,
        keys: &[(K::Esc, A::Close), (K::Char('q'), A::Close)],
        help: "close without picking",
        hint: hint("Esc close", 1),
    },
    Entry {
        scope: Scope::Filter,
        keys: &[
            (K::Char('j'), A::SelectNext),
            (K::Char('k'), A::SelectPrevious),
            (K::Down, A::SelectNext),
            (K::Up, A::SelectPrevious),
        ],
        help: "select the next / previous class",
        hint: hint("j/k select", 1),
    },
    Entry {
        scope: Scope::Filter,
        keys: &[(K::Char(' '), A::Choose), (K::Enter, A::Choose)],
        help: "show or hide the selected class",
        hint: hint("space show/hide", 1),
    },
    Entry {
        scope: Scope::Filter,
        keys: &[
            (K::Char('f'), A::Close),
            (K::Esc, A::Close),
            (K::Char('q'), A::Close),
        ],
        help: "close the filter panel",
        hint: hint("f close", 1),
    },
    Entry {
        scope: Scope::List,
        keys: &[
            (K::Down, A::SelectNext),
            (K::Up, A::SelectPrevious),
            (K::Ctrl('n'), A::SelectNext),
            (K::Ctrl('p'), A::SelectPrevious),
            (K::PageDown, A::SelectPageDown),
            (K::PageUp, A::SelectPageUp),
            (K::Home, A::SelectFirst),
            (K::End, A::SelectLast),
        ],
        help: "move through the list (letters type into its filter)",
        hint: hint("↓/↑/PgDn/PgUp move", 1),
    },
    Entry {
        scope: Scope::List,
        keys: &[(K::Enter, A::Choose)],
        help: "go to the selected hotspot",
        hint: hint("Enter go", 1),
    },
    Entry {
        scope: Scope::List,
        keys: &[(K::Backspace, A::DeleteBack)],
        help: "delete the last character of the filter",
        hint: None,
    },
    Entry {
        scope: Scope::List,
        keys: &[(K::Esc, A::Close)],
        help: "close the list",
        hint: hint("type to filter  Esc close", 1),
    },
    Entry {
        scope: Scope::Jump,
        keys: &[(K::Enter, A::Choose)],
        help: "go there",
        hint: None,
    },
    Entry {
        scope: Scope::Jump,
        keys: &[(K::Backspace, A::DeleteBack)],
        help: "delete the last character",
        hint: None,
    },
    Entry {
        scope: Scope::Jump,
        keys: &[
            (K::Up, A::HistoryPrevious),
            (K::Down, A::HistoryNext),
            (K::Ctrl('p'), A::HistoryPrevious),
            (K::Ctrl('n'), A::HistoryNext),
        ],
        help: "the places gone to before / after",
        hint: None,
    },
    Entry {
        scope: Scope::Jump,
        keys: &[(K::Esc, A::Close)],
        help: "cancel",
        hint: None,
    },
    Entry {
        scope: Scope::Search,
        keys: &[(K::Enter, A::Choose)],
        help: "search (the same phrase again: the next match)",
        hint: None,
    },
    Entry {
        scope: Scope::Search,
        keys: &[(K::Backspace, A::DeleteBack)],
        help: "delete the last character",
        hint: None,
    },
    Entry {
        scope: Scope::Search,
        keys: &[
            (K::Up, A::HistoryPrevious),
            (K::Down, A::HistoryNext),
            (K::Ctrl('p'), A::HistoryPrevious),
            (K::Ctrl('n'), A::HistoryNext),
        ],
        help: "the phrases searched before / after",
        hint: None,
    },
    Entry {
        scope: Scope::Search,
        keys: &[(K::Esc, A::Close)],
        help: "cancel the search",
        hint: None,
    },
    Entry {
        scope: Scope::Help,
        keys: &[
            (K::Char('j'), A::ScrollDown),
            (K::Char('k'), A::ScrollUp),
            (K::Down, A::ScrollDown),
            (K::Up, A::ScrollUp),
        ],
        help: "scroll the help one line",
        hint: hint("j/k", 1),
    },
    Entry {
        scope: Scope::Help,
        keys: &[
            (K::PageDown, A::PageDown),
            (K::PageUp, A::PageUp),
            (K::Char(' '), A::PageDown),
            (K::Char('b'), A::PageUp),
        ],
        help: "scroll the help one page",
        hint: hint("PgDn/PgUp scroll", 1),
    },
    Entry {
        scope: Scope::Help,
        keys: &[
            (K::Char('g'), A::Top),
            (K::Char('G'), A::Bottom),
            (K::Home, A::Top),
            (K::End, A::Bottom),
        ],
        help: "the help's top / bottom",
        hint: None,
    },
];

/// The action `key` has in `scope`, if any.
pub fn action(scope: Scope, key: Key) -> Option<Action> {
    TABLE
        .iter()
        .filter(|e| e.scope == scope)
        .flat_map(|e| e.keys)
        .find(|(k, _)| *k == key)
        .map(|&(_, a)| a)
}

/// The entries of `scope`, in table order.
pub fn entries(scope: Scope) -> impl Iterator<Item = &'static Entry> {
    TABLE.iter().filter(move |e| e.scope == scope)
}

/// Column where the help text starts.
pub const KEYS_WIDTH: usize = 20;

/// The help box's lines of `entries`: each entry's keys, then what it does.
pub fn help_lines<'e>(entries: impl IntoIterator<Item = &'e Entry>) -> Vec<String> {
    entries
        .into_iter()
        .map(|e| format!("{:<KEYS_WIDTH$} {}", e.label(), e.help))
        .collect()
}

/// The entries the help box lists, each key once: the panes' keys, the keys of search matches
/// the panes do not have already (`Esc` is listed once), and the keys that work everywhere.
pub fn help_entries() -> Vec<&'static Entry> {
    let panes: Vec<Key> = entries(Scope::Panes)
        .flat_map(|e| e.keys.iter().map(|(k, _)| *k))
        .collect();
    entries(Scope::Panes)
        .chain(entries(Scope::Matches).filter(|e| e.keys.iter().any(|(k, _)| !panes.contains(k))))
        .chain(entries(Scope::Global))
        .collect()
}

/// The hints of `scope` whose rank is at most `rank`, in table order.
pub fn hints(scope: Scope, rank: u8) -> Vec<&'static str> {
    entries(scope)
        .filter_map(|e| e.hint)
        .filter(|h| h.rank <= rank)
        .map(|h| h.text)
        .collect()
}

/// The highest hint rank in `scope` (0 when it has no hints).
pub fn max_rank(scope: Scope) -> u8 {
    entries(scope)
        .filter_map(|e| e.hint.map(|h| h.rank))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_has_two_actions_in_one_scope() {
        for (i, a) in TABLE.iter().enumerate() {
            for b in &TABLE[i..] {
                for (ka, _) in a.keys {
                    let same = b.keys.iter().filter(|(kb, _)| kb == ka).count();
                    let expected = usize::from(std::ptr::eq(a, b));
                    assert!(
                        a.scope != b.scope || same == expected,
                        "{ka:?} is bound twice in {:?}",
                        a.scope
                    );
                }
            }
        }
    }

    #[test]
    fn dispatch_help_and_hints_read_the_table() {
        assert_eq!(
            action(Scope::Panes, Key::Char(']')),
            Some(Action::NextHotspot)
        );
        assert_eq!(action(Scope::Panes, Key::Char(' ')), Some(Action::PageDown));
        assert_eq!(
            action(Scope::Apparatus, Key::Char('j')),
            Some(Action::SelectNext)
        );
        assert_eq!(action(Scope::Apparatus, Key::Char('n')), None);
        assert_eq!(action(Scope::Global, Key::Interrupt), Some(Action::Quit));
        let help = help_lines(entries(Scope::Panes));
        assert!(help.contains(&format!(
            "{:<20} scroll one page (space, b: as in less)",
            "PgDn  PgUp  space  b"
        )));
        assert!(help.contains(&format!("{:<20} scroll half a page", "Ctrl-D  Ctrl-U")));
        assert_eq!(
            action(Scope::Panes, Key::Ctrl('d')),
            Some(Action::HalfPageDown)
        );
        assert_eq!(action(Scope::Global, Key::Ctrl('l')), Some(Action::Redraw));
        assert_eq!(
            action(Scope::Panes, Key::Char('d')),
            None,
            "Ctrl-D is not d"
        );
        assert_eq!(hints(Scope::Panes, 1), ["? help"]);
        assert_eq!(
            hints(Scope::Apparatus, max_rank(Scope::Apparatus)),
            ["j/k move", "PgDn/PgUp/g/G", "a close"]
        );
    }

    #[test]
    fn the_help_lists_each_key_once_and_fits_80_columns() {
        let listed: Vec<String> = help_entries()
            .iter()
            .flat_map(|e| e.keys.iter().map(|(k, _)| k.name()))
            .collect();
        for key in &listed {
            let times = listed.iter().filter(|k| *k == key).count();
            assert_eq!(times, 1, "{key} is listed {times} times");
        }
        for needed in ["m", "M", "Esc", "Ctrl-L", "Ctrl-C", "q"] {
            assert!(listed.iter().any(|k| k == needed), "{needed} is not listed");
        }
        // A box of 79 columns holds every line (2 borders, 2 margins), so that at 80 columns
        // the header's last figure stays in sight.
        for line in crate::viewer::overlay::help::lines() {
            let width = crate::text::width::Widths::default().str(&line);
            assert!(width <= 75, "{line:?} is {width} columns");
        }
    }
}
