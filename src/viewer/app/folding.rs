//! Folding in the app (`z`): the layout rows that stay visible (each shown hotspot's rows with
//! [`crate::viewer::folds::CONTEXT`] rows around them, and the stretches the reader opened),
//! the folds made again whenever the layout or the comparison is, the fold a jump lands in
//! opened, and what a fold row says (`⋯ 124 unchanged lines ⋯`, each pane its own count).
//!
//! [`App::top`] counts rows of the folded view ([`Folds`]), which are the layout's rows while
//! folding is off. Whatever asks the layout (text offsets, the hotspots' rows, lines) converts
//! through [`App::top_row`] and [`App::view_row`].

use super::{App, READING_LINE};
use crate::pair::Side;
use crate::viewer::folds::{Fold, Folds, MIN_FOLDED, ViewRow, around};
use crate::viewer::layout::{Chunk, Look, Row};
use std::ops::Range;

impl App {
    /// Whether folding is on (`z`).
    pub fn folding(&self) -> bool {
        self.folding.is_some()
    }

    /// Folds every unchanged stretch (`z`), or unfolds them all. What the reader is looking at
    /// stays where it is on screen: the current hotspot if it is in sight, else the row at the
    /// reading line (the fold holding it, when it folds away).
    pub(super) fn toggle_folds(&mut self) {
        let height = self.text_height();
        let current = self.current_row().filter(|_| self.current_on_screen());
        let (anchor, at) = match current {
            Some(row) => (row, self.view_row(row).saturating_sub(self.top)),
            None => {
                let reading = (self.top + height / READING_LINE).min(self.folds.len());
                (
                    self.folds.first_row(reading),
                    reading.saturating_sub(self.top),
                )
            }
        };
        self.folding = match self.folding {
            Some(_) => None,
            None => Some(Vec::new()),
        };
        self.refold();
        self.top = self.view_row(anchor).saturating_sub(at);
        self.clamp();
        // A move of the reader's: the next layout anchors on the new top.
        self.kept_top = None;
        let folds = self.folds.folds().len();
        self.message = Some(match (self.folding(), folds) {
            (false, _) => "unfolded (z folds again)".to_string(),
            (true, 0) => {
                format!("nothing to fold: no unchanged stretch of {MIN_FOLDED} rows or more")
            }
            (true, 1) => format!(
                "folded 1 unchanged stretch ({} rows) · z unfolds",
                self.folds.hidden()
            ),
            (true, n) => format!(
                "folded {n} unchanged stretches ({} rows) · z unfolds",
                self.folds.hidden()
            ),
        });
    }

    /// Makes the folds again from the layout and the comparison shown (after a new layout, a
    /// new filter, a new pair or a fold opened); no folds while folding is off. Costs one pass
    /// over the hotspots, never one over the rows.
    pub(super) fn refold(&mut self) {
        let layout = &self.view.layout;
        let total = layout.total;
        let Some(opened) = &self.folding else {
            self.folds = Folds::none(total);
            return;
        };
        // Each shown hotspot from its first row to the row of its last character, either side,
        // and the context around.
        let hotspots = self
            .view
            .comparison
            .hotspots
            .iter()
            .zip(&layout.hotspot_rows)
            .filter_map(|(h, rows)| {
                let first = rows.left.into_iter().chain(rows.right).min()?;
                let last = Side::BOTH
                    .into_iter()
                    .filter_map(|side| {
                        let span = h.span.get(side);
                        (!span.is_empty()).then(|| layout.row_of_offset(side, span.end - 1))
                    })
                    .max()
                    .map_or(first, |last| last.max(first));
                Some(around(first..last + 1, total))
            });
        // The stretches opened, on the side showing their source now.
        let shown = self.view.shown;
        let sources = &self.library.sources;
        let opened = opened.iter().filter_map(|(source, offsets)| {
            let side = Side::BOTH.into_iter().find(|s| shown.get(*s) == source)?;
            let start = layout.row_of_offset(side, offsets.start);
            let end = if offsets.end >= sources[*source].char_len() {
                total
            } else {
                layout.row_of_offset(side, offsets.end)
            };
            Some(start..end)
        });
        let folds = Folds::new(total, hotspots.chain(opened));
        self.folds = folds;
    }

    /// Opens the fold hiding layout row `row`, if one does (the others stay folded); whether
    /// one did.
    pub(super) fn open_fold(&mut self, row: usize) -> bool {
        let Some(fold) = self.folds.fold_of(row) else {
            return false;
        };
        let layout = &self.view.layout;
        let pair = self.pair();
        let opened: Vec<(usize, Range<usize>)> = Side::BOTH
            .into_iter()
            .filter_map(|side| {
                let len = pair.get(side).char_len();
                let start = layout.offset_on(side, fold.start).unwrap_or(len);
                let end = if fold.end >= layout.total {
                    len
                } else {
                    layout.offset_on(side, fold.end).unwrap_or(len)
                };
                (start < end).then(|| (*self.view.shown.get(side), start..end))
            })
            .collect();
        if let Some(list) = &mut self.folding {
            list.extend(opened);
        }
        self.refold();
        true
    }

    /// A click at column `x`, row `y` on a fold row opens it; whether it was one.
    pub(super) fn click_fold(&mut self, x: u16, y: u16) -> bool {
        let (pane, right) = (self.screen.panes.left, self.screen.panes.right);
        let inside = x < right.right() && y >= pane.top() && y < pane.bottom();
        let fold = inside
            .then(|| self.folds.at(self.top + (y - pane.top()) as usize))
            .flatten();
        let Some(ViewRow::Fold(fold)) = fold else {
            return false;
        };
        self.open_fold(fold.start);
        self.message = Some(format!(
            "opened {} unchanged rows (z: unfold all)",
            fold.rows().len()
        ));
        true
    }

    /// The view row showing layout row `row` (the fold row, where it is folded away).
    pub fn view_row(&self, row: usize) -> usize {
        self.folds.view_of(row)
    }

    /// The layout row at the top of the panes (a fold's first hidden row, where the top row is
    /// a fold).
    pub fn top_row(&self) -> usize {
        self.folds.first_row(self.top)
    }

    /// The layout row at the top of the panes when the view is at its bottom: how far
    /// [`App::top_row`] goes.
    pub fn last_top_row(&self) -> usize {
        self.folds.first_row(self.max_top())
    }

    /// How many source lines `fold` hides on `side`: the lines of the text in its rows, the
    /// first and last counted where part of them is hidden.
    pub fn folded_lines(&self, side: Side, fold: Fold) -> usize {
        let layout = &self.view.layout;
        let source = *self.pair().get(side);
        let len = source.char_len();
        let start = layout.offset_on(side, fold.start).unwrap_or(len);
        let end = if fold.end >= layout.total {
            len
        } else {
            layout.offset_on(side, fold.end).unwrap_or(len)
        };
        if start >= end {
            return 0;
        }
        source.line_of(end - 1) + 1 - source.line_of(start)
    }

    /// The row `fold` is drawn as in `side`'s pane: `⋯ 124 unchanged lines ⋯` centred (shorter
    /// where the pane is narrow), exactly the pane's width.
    pub fn fold_row(&self, side: Side, fold: Fold) -> Row {
        let width = *self.view.layout.width.get(side);
        let lines = self.folded_lines(side, fold);
        let candidates = match lines {
            0 => vec!["⋯ unchanged ⋯".to_string(), "unchanged".to_string()],
            1 => vec![
                "⋯ 1 unchanged line ⋯".to_string(),
                "1 unchanged".to_string(),
            ],
            n => vec![
                format!("⋯ {n} unchanged lines ⋯"),
                format!("⋯ {n} unchanged ⋯"),
                format!("{n} unchanged"),
            ],
        };
        let widths = self.widths;
        let label = candidates
            .iter()
            .find(|c| widths.str(c) <= width)
            .map_or_else(
                || {
                    widths
                        .truncate(&candidates[candidates.len() - 1], width)
                        .0
                        .to_string()
                },
                String::clone,
            );
        let used = widths.str(&label);
        let before = (width - used) / 2;
        let after = width - used - before;
        let chunk = |text: String, width: usize| Chunk {
            text,
            width,
            look: Look::default(),
        };
        Row {
            start: usize::MAX,
            chunks: vec![
                chunk(" ".repeat(before), before),
                chunk(label, used),
                chunk(" ".repeat(after), after),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{press, samples_app, screen, screen_text, source};
    use crate::viewer::folds::CONTEXT;
    use crate::viewer::keys::{Input, Key};
    use crate::viewer::theme::Theme;

    /// Two texts of `n` one-line paragraphs (`第k句，…。`), the same but for the words of the
    /// lines in `changed` (1-based).
    fn lines_app(n: usize, changed: &[usize], blank: bool, size: (u16, u16)) -> App {
        let text = |right: bool| {
            (1..=n)
                .map(|k| {
                    let word = if right && changed.contains(&k) {
                        "改动"
                    } else {
                        "原文"
                    };
                    format!("第{k}句，这一行的{word}内容。\n")
                })
                .collect::<Vec<_>>()
                .join(if blank { "\n" } else { "" })
        };
        let sources = vec![source("a.txt", &text(false)), source("b.txt", &text(true))];
        App::new(
            sources,
            crate::pair::Pair::new(0, 1),
            Default::default(),
            size,
        )
    }

    fn texts(a: &App, side: Side) -> Vec<String> {
        a.visible_rows(side)
            .iter()
            .map(|r| r.text().trim().to_string())
            .collect()
    }

    #[test]
    fn z_folds_what_is_far_from_a_change_and_says_how_many_lines() {
        // 61 lines, line 31 changed, one row each: rows 27..34 stay (three of context each
        // way), lines 1–27 and 35–61 fold.
        let mut a = lines_app(61, &[31], false, (80, 24));
        assert_eq!(a.view.layout.total, 61);
        press(&mut a, "z");
        assert!(a.folding());
        assert_eq!(a.folds.len(), 1 + (2 * CONTEXT + 1) + 1);
        assert_eq!(
            a.message.as_deref(),
            Some("folded 2 unchanged stretches (54 rows) · z unfolds")
        );
        for side in Side::BOTH {
            let rows = texts(&a, side);
            assert_eq!(rows.len(), 9, "{rows:?}");
            assert_eq!(rows[0], "⋯ 27 unchanged lines ⋯");
            assert!(rows[1].starts_with("第28句"), "{rows:?}");
            assert!(rows[4].starts_with("第31句"), "{rows:?}");
            assert_eq!(rows[8], "⋯ 27 unchanged lines ⋯");
        }
        // Centred in each pane, dim, the divider on every row.
        let buf = screen(&a, Theme::COLOR);
        let text = screen_text(&buf);
        let fold_line = text.lines().nth(1).unwrap_or("");
        let (left, right) = fold_line
            .split_once('│')
            .expect("a divider on the fold row");
        let lead = |s: &str| s.len() - s.trim_start().len();
        assert!(lead(left) > 5 && lead(right) > 5, "{fold_line:?}");
        let dim = buf[(a.screen.panes.left.x + lead(left) as u16 + 2, 1)].modifier;
        assert!(dim.contains(ratatui::style::Modifier::DIM));
        assert!(text.lines().last().is_some_and(|s| s.contains("│ folded")));
        // `z` again: every row back, the change where it was on screen.
        press(&mut a, "z");
        assert!(!a.folding());
        assert_eq!(a.folds.len(), 61);
        assert!(
            texts(&a, Side::Left)
                .iter()
                .all(|r| !r.contains("unchanged"))
        );
        assert_eq!(a.message.as_deref(), Some("unfolded (z folds again)"));
    }

    #[test]
    fn blank_lines_between_paragraphs_count_as_lines() {
        // 41 paragraphs with a blank line between: paragraph k on line 2k − 1.
        let mut a = lines_app(41, &[21], true, (80, 24));
        press(&mut a, "z");
        let rows = texts(&a, Side::Left);
        let paragraph =
            |r: &str| -> Option<usize> { r.strip_prefix('第')?.split('句').next()?.parse().ok() };
        // The first fold hides every line before the first row shown: paragraph j is line
        // 2j − 1, the blank line before it 2j − 2.
        let first = match paragraph(&rows[1]) {
            Some(j) => 2 * j - 1,
            None => 2 * paragraph(&rows[2]).expect("a paragraph after a blank line") - 2,
        };
        assert_eq!(
            rows[0],
            format!("⋯ {} unchanged lines ⋯", first - 1),
            "{rows:?}"
        );
        // And the fold after the change every line from the one after the last row shown.
        let last = rows.len() - 1;
        let before = match paragraph(&rows[last - 1]) {
            Some(j) => 2 * j - 1,
            None => 2 * paragraph(&rows[last - 2]).expect("a paragraph before a blank line"),
        };
        assert_eq!(
            rows[last],
            format!("⋯ {} unchanged lines ⋯", 81 - before),
            "{rows:?}"
        );
    }

    #[test]
    fn nothing_to_fold_is_said() {
        let mut a = lines_app(9, &[5], false, (80, 24));
        press(&mut a, "z");
        assert!(a.folding());
        assert_eq!(a.folds.len(), 9);
        assert_eq!(
            a.message.as_deref(),
            Some("nothing to fold: no unchanged stretch of 4 rows or more")
        );
    }

    #[test]
    fn n_walks_inside_the_folded_view_and_z_again_keeps_the_hotspot() {
        let mut a = lines_app(200, &[20, 90, 150], false, (80, 24));
        press(&mut a, "z");
        for k in 1..=3 {
            press(&mut a, "n");
            assert_eq!(a.hotspot_status(), format!("hotspot {k}/3"));
            assert!(a.current_on_screen());
            assert!(a.folding());
        }
        // `p` back, and the view still folded around it.
        press(&mut a, "p");
        assert_eq!(a.hotspot_status(), "hotspot 2/3");
        let shown = texts(&a, Side::Right);
        assert!(
            shown.iter().any(|r| r.contains("第90句，这一行的改动")),
            "{shown:?}"
        );
        assert!(shown.iter().any(|r| r.contains("unchanged")), "{shown:?}");
        let on_screen = |a: &App| {
            let row = a.hotspot_row(1).expect("row");
            a.view_row(row) - a.top
        };
        let at = on_screen(&a);
        press(&mut a, "z");
        assert_eq!(
            on_screen(&a),
            at,
            "the hotspot stays where it was on screen"
        );
        assert_eq!(a.hotspot_status(), "hotspot 2/3");
        assert!(
            texts(&a, Side::Left)
                .iter()
                .all(|r| !r.contains("unchanged"))
        );
    }

    #[test]
    fn a_jump_into_a_fold_opens_that_fold_only() {
        let mut a = lines_app(200, &[20, 90, 150], false, (80, 24));
        press(&mut a, "z");
        let folds = a.folds.folds().len();
        assert_eq!(folds, 4);
        // Line 55 is in the fold between the first two hotspots.
        press(&mut a, ":55");
        a.update(Input::Key(Key::Enter));
        assert_eq!(a.folds.folds().len(), folds - 1, "one fold opened");
        let shown = texts(&a, Side::Left);
        assert!(shown.iter().any(|r| r.starts_with("第55句")), "{shown:?}");
        assert!(a.position().contains("l.55:55") || shown.iter().any(|r| r.contains("第55句")));
        // It stays open while walking on; the others are still folded.
        press(&mut a, "nn");
        assert_eq!(a.folds.folds().len(), folds - 1);
        // A search match in a fold opens it too.
        a.run_search("第180句".to_string());
        assert_eq!(a.folds.folds().len(), folds - 2);
        let shown = texts(&a, Side::Left);
        assert!(shown.iter().any(|r| r.starts_with("第180句")), "{shown:?}");
        // A percentage: the top of the text, and the bottom.
        press(&mut a, ":100%");
        a.update(Input::Key(Key::Enter));
        assert_eq!(a.top, a.max_top());
        assert!(a.position().starts_with("100% "), "{}", a.position());
        press(&mut a, ":0%");
        a.update(Input::Key(Key::Enter));
        assert_eq!((a.top, a.position()), (0, "0% l.1:1".to_string()));
    }

    #[test]
    fn a_click_on_a_fold_opens_it() {
        let mut a = lines_app(200, &[20, 90, 150], false, (80, 24));
        press(&mut a, "z");
        let folds = a.folds.folds().len();
        // The first row shows the first fold.
        let y = a.screen.panes.left.y;
        a.update(Input::Click(3, y));
        assert_eq!(a.folds.folds().len(), folds - 1);
        assert!(texts(&a, Side::Left)[0].starts_with("第1句"));
    }

    #[test]
    fn folding_stays_on_through_a_resize_a_filter_and_a_swap() {
        let mut a = lines_app(200, &[20, 90, 150], false, (80, 24));
        press(&mut a, "z");
        press(&mut a, ":55");
        a.update(Input::Key(Key::Enter));
        let folds = a.folds.folds().len();
        let position = a.position();
        a.update(Input::Resize(121, 30));
        assert!(a.folding());
        assert_eq!(a.folds.total(), a.view.layout.total);
        assert_eq!(a.folds.folds().len(), folds, "the opened fold stays open");
        a.update(Input::Resize(80, 24));
        assert_eq!(a.position(), position);
        press(&mut a, "x");
        assert!(a.folding());
        assert_eq!(a.folds.folds().len(), folds, "the opened fold stays open");
        assert_eq!(a.position(), position);
        // Every hotspot hidden: all is folded but the stretch opened.
        a.set_filter(crate::engine::compare::Filter::none());
        assert!(a.folding());
        assert_eq!(a.folds.folds().len(), 2, "{:?}", a.folds);
        a.update(Input::Key(Key::Char('g')));
        let rows = texts(&a, Side::Left);
        assert!(
            rows[0].ends_with("unchanged lines ⋯") && rows[1].starts_with('第'),
            "{rows:?}"
        );
        // Folded again from scratch: the whole text is one fold.
        press(&mut a, "zz");
        assert_eq!(a.folds.len(), 1, "{:?}", a.folds);
        assert_eq!(texts(&a, Side::Left)[0], "⋯ 200 unchanged lines ⋯");
    }

    #[test]
    fn the_scrollbar_and_the_position_follow_the_text_shown() {
        let mut a = lines_app(300, &[20, 150, 280], false, (80, 24));
        press(&mut a, "z");
        press(&mut a, "G");
        assert_eq!(a.top, a.max_top());
        assert!(a.position().starts_with("100% "), "{}", a.position());
        let rows = a.text_height();
        let bar = crate::viewer::render::scrollbar(&a, rows);
        assert!(bar[rows - 1].thumb, "the thumb reaches the bottom");
        // The view shows the text from its top row to the end: the thumb spreads as far.
        let thumb = bar.iter().filter(|c| c.thumb).count();
        let share = (a.view.layout.total - a.top_row()) * rows / a.view.layout.total;
        assert!(thumb >= share && thumb <= share + 2, "{thumb} vs {share}");
        press(&mut a, "g");
        assert!(a.position().starts_with("0% "));
        // Every hotspot counted once along the bar, as without folds.
        let bar = crate::viewer::render::scrollbar(&a, rows);
        assert_eq!(bar.iter().map(|c| c.hotspots).sum::<usize>(), 3);
    }

    #[test]
    fn the_samples_fold_and_unfold_at_every_width() {
        for size in [(80, 24), (81, 24), (120, 40), (45, 12)] {
            let mut a = samples_app(crate::pair::Pair::new(0, 1), size);
            let total = a.view.layout.total;
            press(&mut a, "z");
            assert!(a.folds.len() <= total);
            for k in 1..=10 {
                press(&mut a, "n");
                assert_eq!(a.hotspot_status(), format!("hotspot {k}/10"), "{size:?}");
                assert!(a.current_on_screen(), "{size:?} hotspot {k}");
            }
            press(&mut a, "z");
            assert_eq!(a.folds.len(), total);
            assert!(a.current_on_screen());
        }
    }
}
