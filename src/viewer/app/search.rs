//! Search: a phrase found in both shown texts by comparison keys (so `为` finds `爲`, white
//! space and page breaks ignored as in the comparison), its matches marked without laying the
//! text out again, and walked both ways.

use super::{App, READING_LINE};
use crate::engine::normalize::normalize;
use crate::pair::{Pair, Side};
use crate::text::fold::key;
use crate::text::sanitize::escape;
use crate::viewer::state::Search;

impl App {
    /// Clears the search highlight; with nothing to clear, says how to quit.
    pub(super) fn clear(&mut self) {
        if self.view.search == Search::default() {
            self.message = Some("nothing to clear (q quits)".to_string());
            return;
        }
        self.view.search = Search::default();
        self.view.layout.set_matches(Pair::default());
        self.message = Some("search cleared".to_string());
    }

    /// Finds `query` in both shown texts (white space and page breaks are ignored, as in the
    /// comparison) and jumps to the first match below the reading line.
    pub(super) fn run_search(&mut self, query: String) {
        let typed = normalize(&query).chars;
        let mut matches = Pair::new(Vec::new(), Vec::new());
        if !typed.is_empty() {
            for side in Side::BOTH {
                let norm = self.view.comparison.norm.get(side);
                let found = matches.get_mut(side);
                // Matched by comparison keys: `为` finds `爲` and `為`, `。` finds `．`.
                let needle: Vec<char> = typed.iter().map(|&c| key(c, norm.tables)).collect();
                let hay = &norm.keys;
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
        // Matches change how cells look, never where rows break: nothing is wrapped again.
        self.view.layout.set_matches(matches.clone());
        self.view.search = Search {
            query,
            matches,
            current: None,
        };
        self.next_match();
    }

    /// Rows of all matches of the last search, in order.
    pub(super) fn match_rows(&self) -> Vec<usize> {
        let layout = &self.view.layout;
        let mut rows: Vec<usize> = Side::BOTH
            .into_iter()
            .flat_map(|side| {
                self.view
                    .search
                    .matches
                    .get(side)
                    .iter()
                    .map(move |m| layout.row_of_offset(side, m.start))
            })
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    pub(super) fn next_match(&mut self) {
        self.step_match(true);
    }

    /// Goes to the next (or previous) search match.
    pub(super) fn step_match(&mut self, forward: bool) {
        let rows = self.match_rows();
        if rows.is_empty() {
            self.message = Some(if self.view.search.query.is_empty() {
                "no search yet: type / and a phrase".to_string()
            } else {
                format!("not found: {}", escape(&self.view.search.query))
            });
            return;
        }
        // The layout row at the reading line (matches folded away below it count as below).
        let reading = self
            .folds
            .first_row(self.top + self.text_height() / READING_LINE);
        let next = match (self.view.search.current, forward) {
            (Some(i), true) if i + 1 < rows.len() => i + 1,
            (Some(_), true) => 0,
            (Some(i), false) => i.checked_sub(1).unwrap_or(rows.len() - 1),
            (None, true) => rows.iter().position(|&r| r >= reading).unwrap_or(0),
            (None, false) => rows
                .iter()
                .rposition(|&r| r < reading)
                .unwrap_or(rows.len() - 1),
        };
        self.view.search.current = Some(next);
        self.message = Some(format!("match {}/{}", next + 1, rows.len()));
        self.show_row(rows[next]);
    }
}
