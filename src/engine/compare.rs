//! Comparison of two texts: hotspots with kind, class and spans in both originals.
//!
//! This is the engine's front door: normalise both texts ([`crate::normalize`]), align them
//! ([`crate::align`]), and describe every difference as a [`Hotspot`].

use crate::engine::align::{self, Change};
use crate::engine::normalize::{Normalized, normalize};
use crate::pair::{Pair, Side};
use crate::text::chars::is_punctuation;
use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;

/// What a hotspot is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Both sides have text here, and it differs.
    Changed,
    /// Only the left source has this text.
    OnlyLeft,
    /// Only the right source has this text.
    OnlyRight,
}

/// How much a hotspot matters to a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Words differ.
    Wording,
    /// Only punctuation (and spacing) differs, e.g. `、` against `，`.
    Punctuation,
}

/// One place where the two texts differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hotspot {
    /// Changed, only-left or only-right.
    pub kind: Kind,
    /// Wording or punctuation.
    pub class: Class,
    /// The ranges in the normalised texts.
    pub norm: Pair<Range<usize>>,
    /// The ranges in the original texts, in characters (an empty side marks where the other
    /// side's text would stand).
    pub span: Pair<Range<usize>>,
}

/// A side of a hotspot with more normalised characters than this is a *block*: a passage
/// rather than a phrase (an unrelated article beside the text, dropped closing paragraphs).
/// The viewer draws blocks quieter; the apparatus takes a block on the base's side as an
/// omission of the base's text by that source.
pub const BLOCK_CHARS: usize = 80;

impl Hotspot {
    /// Whether `side` of the hotspot is a block.
    pub fn is_block_on(&self, side: Side) -> bool {
        self.norm.get(side).len() > BLOCK_CHARS
    }

    /// Whether either side of the hotspot is a block.
    pub fn is_block(&self) -> bool {
        Side::BOTH.into_iter().any(|side| self.is_block_on(side))
    }
}

/// The comparison of two texts.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The normalised texts.
    pub norm: Pair<Arc<Normalized>>,
    /// The hotspots in reading order.
    pub hotspots: Vec<Hotspot>,
    /// Share of the normalised text the two have in common, from 0 to 1.
    pub similarity: f64,
}

/// Compares two texts.
pub fn compare(left: &str, right: &str) -> Comparison {
    crate::engine::words::warm_up();
    compare_normalized(Pair::new(
        Arc::new(normalize(left)),
        Arc::new(normalize(right)),
    ))
}

/// Compares two texts that are already normalised.
pub fn compare_normalized(norm: Pair<Arc<Normalized>>) -> Comparison {
    crate::engine::words::warm_up();
    let changes = align::align(&norm.left.chars, &norm.right.chars);
    let total = norm.left.len() + norm.right.len();
    let similarity = if total == 0 {
        1.0
    } else {
        2.0 * align::common_chars(norm.left.len(), &changes) as f64 / total as f64
    };
    let hotspots = changes.iter().map(|c| hotspot(&norm, c)).collect();
    Comparison {
        norm,
        hotspots,
        similarity,
    }
}

fn hotspot(norm: &Pair<Arc<Normalized>>, c: &Change) -> Hotspot {
    let kind = match (c.a.is_empty(), c.b.is_empty()) {
        (false, false) => Kind::Changed,
        (false, true) => Kind::OnlyLeft,
        _ => Kind::OnlyRight,
    };
    let punct = norm.left.chars[c.a.clone()]
        .iter()
        .chain(&norm.right.chars[c.b.clone()])
        .all(|&ch| is_punctuation(ch));
    Hotspot {
        kind,
        class: if punct {
            Class::Punctuation
        } else {
            Class::Wording
        },
        span: Pair::new(
            norm.left.original_range(c.a.clone()),
            norm.right.original_range(c.b.clone()),
        ),
        norm: Pair::new(c.a.clone(), c.b.clone()),
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
