//! What the viewer shows, apart from where and how: the loaded sources with what has been
//! computed across them ([`Library`]), and the shown pair with its comparison, layout and last
//! search ([`PairView`]). The application owns both; components read them.

use super::geometry::Screen;
use super::layout::{Layout, Marks};
use crate::engine::collate::Collation;
use crate::engine::compare::{Comparison, Filter, compare_normalized};
use crate::engine::markup::Markup;
use crate::engine::normalize::{Normalized, normalize_all};
use crate::engine::style::{Patterns, Rules, Shown};
use crate::pair::{Pair, Side};
use crate::sections::Anchors;
use crate::source::Source;
use crate::text::width::Widths;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// All loaded sources, their normalised texts, and what has been computed across them.
#[derive(Debug)]
pub struct Library {
    /// The sources, in the order given.
    pub sources: Vec<Arc<Source>>,
    /// Each source's name as the viewer shows it: its file name, or where two sources share
    /// one, the shortest end of its path that tells it apart (`ed1/ch01.txt`).
    pub names: Vec<String>,
    norms: Vec<Arc<Normalized>>,
    similarity: HashMap<(usize, usize), f64>,
    /// The apparatus, and the rules it was collated with.
    collation: Option<(Collation, Arc<Rules>)>,
    /// Comparisons made lately (every class), oldest first, by the pair compared; shared with
    /// the shown pair's view, not copied.
    seen: Vec<(Pair<usize>, Arc<Comparison>)>,
}

/// Most comparisons [`Library::remember`] keeps, and most hotspots across them (about 80 bytes
/// each: a few books' worth).
const SEEN_PAIRS: usize = 8;
const SEEN_HOTSPOTS: usize = 400_000;

impl Library {
    /// The library of `sources`, read with the markup profile `markup` (`None`: each
    /// source's own, detected).
    pub(crate) fn new(mut sources: Vec<Source>, markup: Option<Markup>) -> Library {
        crate::source::sigla::fill_default_sigla(&mut sources);
        let sources: Vec<Arc<Source>> = sources.into_iter().map(Arc::new).collect();
        let named: Vec<(&str, &str)> = sources
            .iter()
            .map(|s| (s.name.as_str(), s.text.as_str()))
            .collect();
        let norms = normalize_all(&named, markup)
            .into_iter()
            .map(Arc::new)
            .collect();
        Library {
            names: crate::source::distinct_names(&sources),
            sources,
            norms,
            similarity: HashMap::new(),
            collation: None,
            seen: Vec::new(),
        }
    }

    /// Source `i`'s siglum, short and distinct: as given (`--sigla`), else `A`, `B`, … `Z`,
    /// `AA`, … in the order given (the apparatus names witnesses by these).
    pub fn siglum(&self, i: usize) -> &str {
        &self.sources[i].siglum
    }

    pub(crate) fn compare(&self, pair: Pair<usize>) -> Comparison {
        compare_normalized(pair.map(|i| self.norms[i].clone()))
    }

    /// The comparison of `pair` if it was made lately, either way round (a comparison read
    /// the other way is the same alignment mirrored).
    pub(crate) fn seen(&self, pair: Pair<usize>) -> Option<Arc<Comparison>> {
        self.seen.iter().rev().find_map(|(p, cmp)| {
            if *p == pair {
                Some(Arc::clone(cmp))
            } else if p.swapped() == pair {
                Some(Arc::new(cmp.mirrored()))
            } else {
                None
            }
        })
    }

    /// Keeps `cmp`, the comparison of `pair`, for [`Library::seen`]; the oldest are dropped
    /// beyond [`SEEN_PAIRS`] comparisons or [`SEEN_HOTSPOTS`] hotspots.
    pub(crate) fn remember(&mut self, pair: Pair<usize>, cmp: &Arc<Comparison>) {
        self.seen.retain(|(p, _)| *p != pair && p.swapped() != pair);
        self.seen.push((pair, Arc::clone(cmp)));
        let mut hotspots = 0;
        let mut keep = self.seen.len();
        for (i, (_, c)) in self.seen.iter().enumerate().rev() {
            hotspots += c.hotspots.len();
            if self.seen.len() - i > SEEN_PAIRS
                || (hotspots > SEEN_HOTSPOTS && i + 1 < self.seen.len())
            {
                break;
            }
            keep = i;
        }
        self.seen.drain(..keep);
    }

    /// The normalised texts of a pair, shared (for work on another thread).
    pub(crate) fn norms(&self, pair: Pair<usize>) -> Pair<Arc<Normalized>> {
        pair.map(|i| Arc::clone(&self.norms[i]))
    }

    /// The sources of a pair, shared (for a layout to keep).
    pub(crate) fn sources(&self, pair: Pair<usize>) -> Pair<Arc<Source>> {
        pair.map(|i| Arc::clone(&self.sources[i]))
    }

    /// The similarity of two sources, once measured (a source is identical to itself).
    pub fn similarity(&self, a: usize, b: usize) -> Option<f64> {
        if a == b {
            return Some(1.0);
        }
        self.similarity
            .get(&(a, b))
            .or_else(|| self.similarity.get(&(b, a)))
            .copied()
    }

    /// The sources whose similarity to `other` is not measured yet.
    pub(crate) fn unknown_similarities(&self, other: usize) -> Vec<usize> {
        (0..self.sources.len())
            .filter(|&i| self.similarity(i, other).is_none())
            .collect()
    }

    /// Forgets every similarity measured (the filter changed what counts).
    pub(crate) fn forget_similarities(&mut self) {
        self.similarity.clear();
    }

    /// Remembers the similarity of two sources.
    pub(crate) fn remember_similarity(&mut self, a: usize, b: usize, similarity: f64) {
        self.similarity.insert((a, b), similarity);
    }

    /// The apparatus, once collated.
    pub fn collation(&self) -> Option<&Collation> {
        self.collation.as_ref().map(|(c, _)| c)
    }

    /// What collating against `base` with `filter` and `rules` needs, unless that collation
    /// is made already: every normalised text and every source, shared (for work on another
    /// thread).
    #[allow(clippy::type_complexity)]
    pub(crate) fn to_collate(
        &self,
        base: usize,
        filter: &Filter,
        rules: &Arc<Rules>,
    ) -> Option<(Vec<Arc<Normalized>>, Vec<Arc<Source>>)> {
        self.collation
            .as_ref()
            .is_none_or(|(c, r)| c.base != base || c.filter != *filter || !Arc::ptr_eq(r, rules))
            .then(|| (self.norms.clone(), self.sources.clone()))
    }

    /// The markup profile each source is read with.
    pub fn markup(&self, source: usize) -> Markup {
        self.norms[source].markup
    }

    /// Takes a collation made elsewhere.
    pub(crate) fn set_collation(&mut self, collation: Collation, rules: Arc<Rules>) {
        self.collation = Some((collation, rules));
    }
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

/// The shown pair: which sources, their comparison, and its layout.
#[derive(Debug)]
pub struct PairView {
    /// The sources shown in the left and right panes.
    pub shown: Pair<usize>,
    /// Their comparison, every class of hotspot (positions map through all of them), shared
    /// with the library's comparisons seen lately.
    pub full: Arc<Comparison>,
    /// Their comparison as the filter and the rules show it: what the panes mark and `n`/`p`
    /// walk.
    pub comparison: Comparison,
    /// The pairs of readings that recur among the hotspots of the classes shown.
    pub patterns: Patterns,
    /// How many hotspots of the classes shown each rule hides, in the rules' order.
    pub rule_counts: Vec<usize>,
    /// For each stop of `comparison`'s walk, the index of its pattern.
    pub stop_patterns: Vec<Option<u32>>,
    /// Where the two texts correspond (from the whole comparison).
    pub anchors: Arc<Anchors>,
    /// Both texts laid out at the panes' widths.
    pub layout: Layout,
    /// The last search.
    pub search: Search,
}

/// What `filter` and `rules` show of `full`, the comparison of `sources` (see [`Shown`]).
pub(crate) fn shown_part(
    full: &Comparison,
    filter: &Filter,
    rules: &Rules,
    sources: Pair<Arc<Source>>,
) -> Shown {
    Shown::new(full, filter, rules, |side, range| {
        sources.get(side).slice(range)
    })
}

/// Lays out both texts of a pair at the panes' widths, marking hotspots and search matches.
pub(crate) fn lay_out(
    sources: Pair<Arc<Source>>,
    comparison: &Comparison,
    anchors: &Arc<Anchors>,
    screen: &Screen,
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
        anchors,
        screen.pane_widths(),
        widths,
        marks,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_sigla_are_kept_and_the_others_take_the_letters_left() {
        let mut sources = crate::source::samples();
        sources[0].siglum = "B".to_string();
        sources[3].siglum = "甲".to_string();
        let library = Library::new(sources, None);
        let sigla: Vec<&str> = (0..5).map(|i| library.siglum(i)).collect();
        assert_eq!(sigla, ["B", "A", "C", "甲", "D"]);
    }

    #[test]
    fn comparisons_seen_lately_are_kept_and_read_either_way_round() {
        let mut library = Library::new(crate::source::samples(), None);
        let pairs: Vec<Pair<usize>> = (0..5)
            .flat_map(|a| (a + 1..5).map(move |b| Pair::new(a, b)))
            .collect();
        assert_eq!(pairs.len(), SEEN_PAIRS + 2);
        for &pair in &pairs {
            let cmp = Arc::new(library.compare(pair));
            library.remember(pair, &cmp);
        }
        // The oldest two are gone; the rest are there, either way round.
        for (i, &pair) in pairs.iter().enumerate() {
            assert_eq!(library.seen(pair).is_some(), i >= 2, "{pair:?}");
        }
        let (pair, fresh) = (pairs[5], library.compare(pairs[5].swapped()));
        let seen = library.seen(pair.swapped()).expect("kept");
        assert_eq!(seen.hotspots, fresh.hotspots);
        assert_eq!(seen.similarity, fresh.similarity);
        // Remembering a pair again (either way round) keeps one copy, the newest.
        library.remember(pair.swapped(), &Arc::new(fresh));
        assert_eq!(library.seen.len(), SEEN_PAIRS);
        assert_eq!(library.seen.last().map(|(p, _)| *p), Some(pair.swapped()));
    }
}
