//! Comparison of two texts: hotspots with kind, class and spans in both originals.
//!
//! This is the engine's front door: normalise both texts ([`crate::engine::normalize`]), align them
//! ([`crate::engine::align`]), and describe every difference as a [`Hotspot`].

use crate::engine::align;
use crate::engine::classify;
pub use crate::engine::hotspot::{BLOCK_CHARS, Class, Filter, Hotspot, Kind};
use crate::engine::moves;
pub use crate::engine::moves::Moved;
use crate::engine::normalize::{Normalized, normalize};
use crate::pair::Pair;
use std::sync::Arc;

/// The comparison of two texts.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The normalised texts.
    pub norm: Pair<Arc<Normalized>>,
    /// The hotspots in the order of both texts (every class, unless [`Comparison::filtered`]).
    /// A moved passage is two of them, of class [`Class::Moved`]: its text only the left side
    /// has at the old place, and only the right side at the new one; [`Comparison::moves`]
    /// links them. [`Comparison::reading`] is the list reports give.
    pub hotspots: Vec<Hotspot>,
    /// The moved passages, in the order of the left text, each with its two halves in
    /// `hotspots` and the variants inside it.
    pub moves: Vec<Moved>,
    /// Share of the normalised text the two have in common, from 0 to 1, counting the
    /// differences of the hotspots held.
    pub similarity: f64,
}

impl Comparison {
    /// The comparison as `filter` shows it: the shown hotspots only, and the similarity
    /// counting only their differences. Alignment positions still come from the whole
    /// comparison (hidden renumbering shifts the texts too).
    pub fn filtered(&self, filter: &Filter) -> Comparison {
        // Where each kept hotspot lands, to link the moves' halves again.
        let mut index = vec![usize::MAX; self.hotspots.len()];
        let mut hotspots = Vec::new();
        for (i, h) in self.hotspots.iter().enumerate() {
            if filter.shows(h.class) {
                index[i] = hotspots.len();
                hotspots.push(h.clone());
            }
        }
        let moves: Vec<Moved> = self
            .moves
            .iter()
            .filter(|m| filter.shows(Class::Moved) && index[m.halves.left] != usize::MAX)
            .map(|m| Moved {
                halves: Pair::new(index[m.halves.left], index[m.halves.right]),
                inner: m
                    .inner
                    .iter()
                    .filter(|h| filter.shows(h.class))
                    .cloned()
                    .collect(),
            })
            .collect();
        Comparison {
            norm: self.norm.clone(),
            similarity: similarity(&self.norm, &hotspots, &moves),
            hotspots,
            moves,
        }
    }

    /// The hotspots as reports list them, in reading order: each moved passage is one hotspot
    /// of kind [`Kind::Moved`] (its left span where it was, its right span where it went),
    /// placed where the first of its two places comes, and followed by the variants inside it.
    pub fn reading(&self) -> Vec<Hotspot> {
        let mut first: Vec<Option<usize>> = vec![None; self.hotspots.len()];
        let mut second = vec![false; self.hotspots.len()];
        for (k, m) in self.moves.iter().enumerate() {
            let (a, b) = (m.halves.left, m.halves.right);
            first[a.min(b)] = Some(k);
            second[a.max(b)] = true;
        }
        let mut out = Vec::with_capacity(self.hotspots.len());
        for (i, h) in self.hotspots.iter().enumerate() {
            if let Some(k) = first[i] {
                let m = &self.moves[k];
                out.push(m.hotspot(&self.hotspots));
                out.extend(m.inner.iter().cloned());
            } else if !second[i] {
                out.push(h.clone());
            }
        }
        out
    }

    /// The other half of the move that hotspot `i` is a half of.
    pub fn partner(&self, i: usize) -> Option<usize> {
        self.moves
            .iter()
            .find_map(|m| match (m.halves.left, m.halves.right) {
                (l, r) if l == i => Some(r),
                (l, r) if r == i => Some(l),
                _ => None,
            })
    }

    /// Hotspot `i` as reports list it: a half of a move is the move (both places).
    pub fn as_listed(&self, i: usize) -> Hotspot {
        match self
            .moves
            .iter()
            .find(|m| m.halves.left == i || m.halves.right == i)
        {
            Some(m) => m.hotspot(&self.hotspots),
            None => self.hotspots[i].clone(),
        }
    }

    /// Whether hotspot `i` is the later half of a move (in the order of both texts): a walk
    /// through the hotspots visits a move once, at its earlier half.
    pub fn is_later_half(&self, i: usize) -> bool {
        self.moves
            .iter()
            .any(|m| m.halves.left.max(m.halves.right) == i)
    }

    /// The number of places a walk through the hotspots visits: each hotspot, a move once.
    pub fn stops(&self) -> usize {
        self.hotspots.len() - self.moves.len()
    }

    /// The 1-based number of hotspot `i` among the places a walk visits (a move's two halves
    /// have one number).
    pub fn stop_number(&self, i: usize) -> usize {
        let i = self.partner(i).map_or(i, |p| p.min(i));
        let later = self
            .moves
            .iter()
            .filter(|m| m.halves.left.max(m.halves.right) < i)
            .count();
        i + 1 - later
    }

    /// The same comparison with the two texts swapped: every hotspot's sides exchanged (what
    /// only the left had, only the right has). A swap of the panes needs no new alignment.
    pub fn mirrored(&self) -> Comparison {
        Comparison {
            norm: self.norm.clone().swapped(),
            hotspots: self.hotspots.iter().map(Hotspot::mirrored).collect(),
            moves: self
                .moves
                .iter()
                .map(|m| Moved {
                    halves: m.halves.swapped(),
                    inner: m.inner.iter().map(Hotspot::mirrored).collect(),
                })
                .collect(),
            similarity: self.similarity,
        }
    }

    /// The number of hotspots of each class, in [`Class::ALL`] order, as reports list them
    /// (a move counts once, and its inner variants each by its class).
    pub fn counts(&self) -> [usize; Class::ALL.len()] {
        let mut out = [0; Class::ALL.len()];
        for h in self.hotspots.iter().filter(|h| h.class != Class::Moved) {
            out[h.class as usize] += 1;
        }
        out[Class::Moved as usize] = self.moves.len();
        for h in self.moves.iter().flat_map(|m| &m.inner) {
            out[h.class as usize] += 1;
        }
        out
    }

    /// Each class `filter` hides, with its number of hotspots.
    pub fn hidden(&self, filter: &Filter) -> Vec<(Class, usize)> {
        let counts = self.counts();
        filter.hidden().map(|c| (c, counts[c as usize])).collect()
    }
}

/// The share of the normalised texts that `hotspots` leave in common, from 0 to 1: a moved
/// passage is text in common but for the variants inside it.
fn similarity(norm: &Pair<Arc<Normalized>>, hotspots: &[Hotspot], moves: &[Moved]) -> f64 {
    let total = norm.left.len() + norm.right.len();
    if total == 0 {
        return 1.0;
    }
    let differing: usize = hotspots
        .iter()
        .filter(|h| h.class != Class::Moved)
        .chain(moves.iter().flat_map(|m| &m.inner))
        .map(|h| h.norm.left.len() + h.norm.right.len())
        .sum();
    (total.saturating_sub(differing)) as f64 / total as f64
}

/// Compares two texts, each with the markup profile its content suggests.
pub fn compare(left: &str, right: &str) -> Comparison {
    crate::engine::words::warm_up();
    crate::text::fold::warm_up();
    compare_normalized(Pair::new(
        Arc::new(normalize(left)),
        Arc::new(normalize(right)),
    ))
}

/// Compares two texts that are already normalised. Every difference is a hotspot; see
/// [`Comparison::filtered`] for what a filter shows.
pub fn compare_normalized(norm: Pair<Arc<Normalized>>) -> Comparison {
    compared(norm, true)
}

/// Compares two normalised texts as [`compare_normalized`] does, but without looking for moved
/// passages: text moved elsewhere is text one side lacks at one place and the other at
/// another. What move detection costs is measured against this (`benches/report.rs`).
pub fn compare_unlinked(norm: Pair<Arc<Normalized>>) -> Comparison {
    compared(norm, false)
}

/// The comparison of two normalised texts, with moved passages linked if `link`.
fn compared(norm: Pair<Arc<Normalized>>, link: bool) -> Comparison {
    crate::engine::words::warm_up();
    let changes = align::align(&norm.left.keys, &norm.right.keys);
    let hotspots = classify::hotspots(&norm, changes.clone());
    let found = if link {
        moves::find_moves(&norm, &hotspots)
    } else {
        Vec::new()
    };
    let (hotspots, moves) = if found.is_empty() {
        (hotspots, Vec::new())
    } else {
        moves::linked(&norm, &changes, &found)
    };
    Comparison {
        similarity: similarity(&norm, &hotspots, &moves),
        norm,
        hotspots,
        moves,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_classes_and_spans() {
        let c = compare(
            "坚决反对一切霸权政治、有力捍卫国家利益和民族尊严。必须发挥制度优势，形成强大合力。",
            "坚决反对一切强权政治，有力捍卫国家利益和民族尊严。必须发挥制度优势，形成合力。",
        );
        let got: Vec<_> = c
            .hotspots
            .iter()
            .map(|h| (h.kind, h.class, h.span.left.clone(), h.span.right.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Kind::Changed, Class::Wording, 6..8, 6..8),
                (Kind::Changed, Class::Punctuation, 10..11, 10..11),
                (Kind::OnlyLeft, Class::Wording, 36..38, 36..36),
            ]
        );
        assert!(
            c.similarity > 0.85 && c.similarity < 1.0,
            "{}",
            c.similarity
        );
    }

    #[test]
    fn a_mirrored_comparison_is_the_swapped_one() {
        let (a, b) = (
            "坚决反对一切霸权政治、有力捍卫国家利益。必须发挥制度优势，形成强大合力。",
            "坚决反对一切强权政治，有力捍卫国家利益。必须发挥制度优势，形成合力。",
        );
        let mirrored = compare(a, b).mirrored();
        let swapped = compare(b, a);
        assert_eq!(mirrored.hotspots, swapped.hotspots);
        assert_eq!(mirrored.similarity, swapped.similarity);
    }

    #[test]
    fn identical_and_empty() {
        assert_eq!(compare("", "").similarity, 1.0);
        let c = compare("同一段文字。\n", "同一段\n\n文字。");
        assert!(c.hotspots.is_empty());
        assert_eq!(c.similarity, 1.0);
        let c = compare("", "新文字");
        assert_eq!(c.hotspots.len(), 1);
        assert_eq!(c.hotspots[0].kind, Kind::OnlyRight);
        assert_eq!(c.similarity, 0.0);
    }
}
