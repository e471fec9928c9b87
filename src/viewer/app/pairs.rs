//! The shown pair and its filter: a new pair compared (or taken from the library) and laid
//! out off the input thread, a swap mirrored at once, the apparatus collated when the panel
//! needs it, and the classes shown changed with the place kept.

use super::App;
use crate::engine::compare::{Class, Comparison, Filter, Kind, Stop, compare_normalized};
use crate::engine::style::Rules;
use crate::pair::{Pair, Side};
use crate::sections::{Anchors, anchors};
use crate::text::sanitize::{brief, escape};
use crate::viewer::layout::Layout;
use crate::viewer::overlay::{Overlay, apparatus, picker};
use crate::viewer::state::{Search, lay_out, shown_part};
use std::sync::Arc;

/// A pair ready to be shown: its comparison (every class), anchors and layout.
type Prepared = (Arc<Comparison>, Arc<Anchors>, Layout);

impl App {
    /// Shows `shown` (a new source picked, or the panes swapped), focusing `focus`: compares
    /// the pair at once, or on another thread in the background (the old pair stays on screen
    /// meanwhile).
    pub(super) fn show(&mut self, shown: Pair<usize>, focus: Side) {
        // What a new pair needs before it is shown, made off the event loop: its anchors and
        // both texts laid out at the panes' widths.
        let sources = self.library.sources(shown);
        let (filter, screen, widths) = (self.filter, self.screen, self.widths);
        let rules = self.rules.clone();
        let prepare = move |full: Arc<Comparison>| -> Prepared {
            let pair = Pair::new(&*sources.left, &*sources.right);
            let anchors = Arc::new(anchors(pair, &full));
            let part = shown_part(&full, &filter, &rules, sources.clone()).comparison;
            let search = Search::default();
            let layout = lay_out(sources, &part, &anchors, &screen, widths, &search);
            (full, anchors, layout)
        };
        let apply = move |app: &mut App, (full, anchors, layout): Prepared| {
            // The reader's place when the pair is ready (they may have read on).
            let place = app.place();
            app.view.shown = shown;
            app.focus = focus;
            app.recompare(full, Some(anchors), Some(layout));
            app.restore(place);
        };
        let names = shown.map(|i| escape(&self.library.names[i]).into_owned());
        // A pair compared before (either way round) needs no new comparison.
        if let Some(comparison) = self.library.seen(shown) {
            return self.work(
                format!("laying out {} ↔ {}", names.left, names.right),
                move || prepare(comparison),
                apply,
            );
        }
        let norms = self.library.norms(shown);
        self.work(
            format!("comparing {} ↔ {}", names.left, names.right),
            move || prepare(Arc::new(compare_normalized(norms))),
            apply,
        );
    }

    /// Takes `comparison` as the shown pair's (after a new source was picked or the panes
    /// swapped), with its anchors and its layout if they are known (else they are read from
    /// it and laid out).
    pub(super) fn recompare(
        &mut self,
        full: Arc<Comparison>,
        anchors_known: Option<Arc<Anchors>>,
        layout_known: Option<Layout>,
    ) {
        let shown = self.view.shown;
        self.library.remember(shown, &full);
        self.view.full = full;
        self.reshown();
        self.library
            .remember_similarity(shown.left, shown.right, self.view.comparison.similarity);
        self.view.anchors =
            anchors_known.unwrap_or_else(|| Arc::new(anchors(self.pair(), &self.view.full)));
        self.view.search = Search::default();
        self.current = None;
        self.current_inner = None;
        self.top = 0;
        // Another pair (or filter): the last layout's top offset is no anchor for it.
        self.kept_top = None;
        match layout_known.filter(|l| l.width == self.screen.pane_widths()) {
            Some(mut layout) => {
                layout.set_matches(Pair::default());
                self.view.layout = layout;
                self.refold();
            }
            None => self.relayout(),
        }
        // The apparatus is against the left source: collate again while the panel shows it.
        if self.panel().is_some() {
            self.collated(|_| {});
        }
    }

    /// Collates all sources against the left one (unless that is done already), then does
    /// `then`; like any long work, in the background when the viewer works so.
    pub(super) fn collated(&mut self, then: impl FnOnce(&mut App) + Send + 'static) {
        let (base, filter, rules) = (self.view.shown.left, self.filter, self.rules.clone());
        let needs = self.library.to_collate(base, &filter, &rules);
        let with = rules.clone();
        self.work(
            format!("collating {} sources", self.library.sources.len()),
            move || {
                // The rules hide a source's readings against the base, as in the pair.
                needs.map(|(norms, sources)| {
                    crate::source::rules::collate(&norms, &sources, base, &filter, &with)
                })
            },
            move |app, collation| {
                if let Some(collation) = collation {
                    app.library.set_collation(collation, rules);
                }
                then(app);
            },
        );
    }

    /// Shows the classes `filter` shows: the marks, the walk, `hotspot I/N`, the similarity
    /// and the apparatus follow it; the text at the top stays, and the current hotspot stays
    /// current if it is still shown.
    pub fn set_filter(&mut self, filter: Filter) {
        if filter == self.filter {
            return;
        }
        self.reshow(filter, self.rules.clone());
        let hidden: usize = self.view.full.hidden(&filter).iter().map(|(_, n)| n).sum();
        self.message = Some(format!(
            "showing {} · {hidden} hidden",
            Class::ALL
                .into_iter()
                .filter(|c| filter.shows(*c))
                .map(Class::name)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }

    /// Shows the readings `left` → `right` again if a rule hides them (the rule dropped), else
    /// hides them (a rule added); the rules file follows if one was given.
    pub(super) fn toggle_rule(&mut self, left: &str, right: &str) {
        let mut rules = (*self.rules).clone();
        let hide = !rules.remove(left, right);
        if hide {
            rules.add(left, right);
        }
        let before = self.view.comparison.stops().len();
        self.reshow(self.filter, Arc::new(rules));
        let after = self.view.comparison.stops().len();
        let saved = self.save_rules();
        let (verb, n) = if hide {
            ("hid", before.saturating_sub(after))
        } else {
            ("showing again", after.saturating_sub(before))
        };
        self.message = Some(format!(
            "{verb} {n} like {} → {}{saved}",
            brief(left, 12),
            brief(right, 12)
        ));
    }

    /// Writes the rules to the rules file, if one was given: what the message adds
    /// (` · saved to FILE`, or why not).
    fn save_rules(&self) -> String {
        match &self.rules_file {
            Some(path) => match crate::source::rules::save(path, &self.rules) {
                Ok(()) => format!(" · saved to {}", escape(&path.display().to_string())),
                Err(e) => format!(" · not saved: {}", escape(&e.to_string())),
            },
            None => String::new(),
        }
    }

    /// Hides every hotspot with the current one's pair of readings (either way round): a rule
    /// for this run, and written to the rules file if one was given (`--rules`). The total
    /// drops by their number; the place is kept.
    pub(super) fn hide_pattern(&mut self) {
        let Some(stop) = self.current_stop() else {
            self.message = Some("no current hotspot to hide (n goes to one)".to_string());
            return;
        };
        let h = self.view.comparison.listed(stop);
        if h.kind == Kind::Moved {
            self.message = Some("a moved passage is hidden as a class (f)".to_string());
            return;
        }
        let pair = self.pair();
        let (left, right) = (
            pair.left.slice(h.span.left.clone()).to_string(),
            pair.right.slice(h.span.right.clone()).to_string(),
        );
        // A shown hotspot's readings are hidden by no rule: toggling adds one.
        self.toggle_rule(&left, &right);
    }

    /// Takes what the filter and the rules show of the whole comparison as the view's: the
    /// shown hotspots, the patterns, each rule's count and each stop's pattern.
    fn reshown(&mut self) {
        let part = shown_part(
            &self.view.full,
            &self.filter,
            &self.rules,
            self.library.sources(self.view.shown),
        );
        self.view.comparison = part.comparison;
        self.view.patterns = part.patterns;
        self.view.rule_counts = part.per_rule;
        self.view.stop_patterns = part.stop_patterns;
    }

    /// Shows what `filter` and `rules` show: the marks, the walk, `hotspot I/N`, the
    /// similarity and the apparatus follow them; the text at the top stays, and the current
    /// hotspot stays current if it is still shown (else none is: `hotspot -/N`).
    pub(super) fn reshow(&mut self, filter: Filter, rules: Arc<Rules>) {
        let cmp = &self.view.comparison;
        let current = self.current.map(|i| cmp.hotspots[i].clone());
        let inner = match self.current_stop() {
            Some(stop @ Stop::Inner { .. }) => Some(cmp.listed(stop)),
            _ => None,
        };
        self.filter = filter;
        self.rules = rules;
        let shown = self.view.shown;
        self.reshown();
        self.library.forget_similarities();
        self.library
            .remember_similarity(shown.left, shown.right, self.view.comparison.similarity);
        let cmp = &self.view.comparison;
        self.current = current.and_then(|h| cmp.hotspots.iter().position(|x| *x == h));
        // A variant inside the current move stays current if it is still shown.
        self.current_inner = self.current.and_then(|i| {
            let v = inner.as_ref()?;
            cmp.moves[cmp.move_of(i)?].inner.iter().position(|x| x == v)
        });
        self.relayout();
        // The current hotspot stays in sight.
        if !self.current_on_screen() {
            self.go_to_current();
        }
        if self.panel().is_some() {
            self.collated(|_| {});
        }
    }

    /// The number of hotspots the filter hides.
    pub fn hidden_count(&self) -> usize {
        self.view.full.hotspots.len() - self.view.comparison.hotspots.len()
    }

    /// Exchanges the panes: the same alignment mirrored, at once, with the place kept.
    pub(super) fn swap(&mut self) {
        let place = self.place();
        let full = Arc::new(self.view.full.mirrored());
        let mirrored = Arc::new(self.view.anchors.mirrored());
        // The layout mirrored too: both sides wrap at the same width.
        let layout = self.view.layout.mirrored(self.screen.pane_widths());
        self.view.shown = self.view.shown.swapped();
        self.focus = self.focus.other();
        self.recompare(full, Some(mirrored), layout);
        self.restore(place);
    }

    /// Opens the source picker for the focused pane at once; similarities not measured yet
    /// are measured in the background and show up as they are (each comparison kept for the
    /// pick).
    pub(super) fn pick_source(&mut self) {
        let other = *self.view.shown.get(self.focus.other());
        let (side, selected) = (self.focus, *self.view.shown.get(self.focus));
        self.open(Overlay::Picker(picker::Picker::new(side, selected)));
        let unknown: Vec<_> = self
            .library
            .unknown_similarities(other)
            .into_iter()
            .map(|i| (i, self.library.norms(Pair::new(i, other))))
            .collect();
        if unknown.is_empty() {
            return;
        }
        let filter = self.filter;
        self.work(
            "measuring the sources' similarity".to_string(),
            move || {
                unknown
                    .into_iter()
                    .map(|(i, pair)| {
                        let full = Arc::new(compare_normalized(pair));
                        let similarity = full.filtered(&filter).similarity;
                        (i, full, similarity)
                    })
                    .collect::<Vec<_>>()
            },
            move |app, measured| {
                for (i, full, similarity) in measured {
                    app.library.remember_similarity(i, other, similarity);
                    app.library.remember(Pair::new(i, other), &full);
                }
            },
        );
    }

    /// Opens the apparatus panel (collating first if needed) at the place of the current
    /// hotspot, or the first place from the view.
    pub(super) fn open_apparatus(&mut self) {
        let at = match self.current {
            Some(i) => self.view.comparison.hotspots[i].span.left.start,
            None => self
                .view
                .layout
                .offset_on(Side::Left, self.top_row())
                .unwrap_or(0),
        };
        let keep = self.current.is_none().then_some(self.top);
        self.collated(move |app| {
            let place = app.library.collation().map_or(0, |c| {
                c.places
                    .partition_point(|p| p.span.end.max(p.span.start + 1) <= at)
                    .min(c.places.len().saturating_sub(1))
            });
            app.open(Overlay::Apparatus(apparatus::Panel::at(place)));
            app.go_to_place(place);
            if let Some(top) = keep {
                app.top = top;
                app.clamp();
            }
        });
    }
}
