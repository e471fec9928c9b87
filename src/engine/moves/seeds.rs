//! Seeds, exact stretches, and the moves they join into: the first stages of
//! [`find_moves`](super::find_moves).
//!
//! Every gram of [`SEED`] keys of the right side's one-sided texts is indexed by its hash
//! ([`grams`], the rolling hash the alignment's anchors use too); each of the left side's
//! found there (at no more than [`MAX_PLACES`] places) is extended both ways while the keys
//! agree, within the two texts. The stretches of at least [`MIN_STRETCH`] keys are kept, the
//! longest first, never two over the same text on either side; those between the same two
//! hotspots that follow each other on both sides with gaps of at most [`MAX_GAP`] keys join
//! into one [`Move`].

use crate::engine::grams::grams;
use crate::engine::hotspot::{Hotspot, Kind};
use crate::pair::{Pair, Side};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Keys in a seed.
pub const SEED: usize = 8;
/// The shortest exact stretch a move is built from, in normalised characters.
pub const MIN_STRETCH: usize = 12;
/// The longest gap between two stretches of one move, in normalised characters on either side.
pub const MAX_GAP: usize = 40;
/// A seed found at more places than this on the right is boilerplate, not a clue.
const MAX_PLACES: usize = 16;

/// A passage moved between the two texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// Its range in each normalised text.
    pub norm: Pair<Range<usize>>,
    /// The hotspots it was found in: its text on the left, and on the right.
    pub hotspots: Pair<usize>,
    /// Normalised characters its exact stretches cover (on each side).
    pub matched: usize,
}

impl Move {
    /// The share of its longer side that its exact stretches cover.
    pub fn similarity(&self) -> f64 {
        let longer = self.norm.left.len().max(self.norm.right.len()).max(1);
        self.matched as f64 / longer as f64
    }
}

/// A one-sided text: the normalised range of a hotspot's text on one side, and the hotspot's
/// index.
pub(super) type Text = (Range<usize>, usize);

/// Every seed of the right side's one-sided texts: by its hash, its places (the position of
/// its first key, and the index of its text).
pub(super) type Index = FxHashMap<u64, Vec<(u32, u32)>>;

/// An exact stretch shared by a left and a right one-sided text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stretch {
    left: usize,
    right: usize,
    len: usize,
    hotspots: (usize, usize),
}

/// The one-sided texts of a side: the normalised range of each hotspot with text there that
/// the other side does not have at that place, with the hotspot's index.
pub(super) fn one_sided(hotspots: &[Hotspot], side: Side) -> Vec<Text> {
    hotspots
        .iter()
        .enumerate()
        .filter(|(_, h)| h.kind == Kind::only(side) || h.kind == Kind::Changed)
        .map(|(i, h)| (h.norm.get(side).clone(), i))
        .filter(|(r, _)| r.len() >= MIN_STRETCH)
        .collect()
}

/// Every seed of `texts` (the right side's one-sided texts, of `keys`), with its place and
/// its text's index.
pub(super) fn index(keys: &[char], texts: &[Text]) -> Index {
    let mut index = Index::default();
    for (t, (range, _)) in texts.iter().enumerate() {
        for (i, h) in grams::<SEED>(&keys[range.clone()]) {
            index
                .entry(h)
                .or_default()
                .push(((range.start + i) as u32, t as u32));
        }
    }
    index
}

/// The exact stretches of at least [`MIN_STRETCH`] keys that the one-sided `texts` of the
/// left side share with those of the right (seeded from the right's `index`).
pub(super) fn stretches(
    keys: Pair<&[char]>,
    texts: &Pair<Vec<Text>>,
    index: &Index,
) -> Vec<Stretch> {
    let (lk, rk) = (keys.left, keys.right);
    let mut out: Vec<Stretch> = Vec::new();
    for (left_range, lh) in &texts.left {
        // The diagonal (left - right) each right text was last extended along, and where.
        let mut reached: FxHashMap<(isize, u32), usize> = FxHashMap::default();
        for (i, h) in grams::<SEED>(&lk[left_range.clone()]) {
            let p = left_range.start + i;
            let Some(places) = index.get(&h) else {
                continue;
            };
            if places.len() > MAX_PLACES {
                continue;
            }
            for &(q, t) in places {
                let q = q as usize;
                let diagonal = p as isize - q as isize;
                if reached.get(&(diagonal, t)).is_some_and(|&end| p < end) {
                    continue;
                }
                let (right_range, rh) = &texts.right[t as usize];
                if lk[p..p + SEED] != rk[q..q + SEED] {
                    continue;
                }
                let ranges = Pair::new(left_range, right_range);
                let (left, right, len) = extended(keys, (p, q), ranges);
                reached.insert((diagonal, t), left + len);
                if len >= MIN_STRETCH {
                    out.push(Stretch {
                        left,
                        right,
                        len,
                        hotspots: (*lh, *rh),
                    });
                }
            }
        }
    }
    out
}

/// The seed at left position `p` and right position `q` extended both ways while the keys
/// agree, within `ranges`: its start on the left, its start on the right, and its length.
fn extended(
    keys: Pair<&[char]>,
    (p, q): (usize, usize),
    ranges: Pair<&Range<usize>>,
) -> (usize, usize, usize) {
    let (lk, rk) = (keys.left, keys.right);
    let mut start = 0;
    while p - start > ranges.left.start
        && q - start > ranges.right.start
        && lk[p - start - 1] == rk[q - start - 1]
    {
        start += 1;
    }
    let mut len = start + SEED;
    while p - start + len < ranges.left.end
        && q - start + len < ranges.right.end
        && lk[p - start + len] == rk[q - start + len]
    {
        len += 1;
    }
    (p - start, q - start, len)
}

/// `stretches`, the longest first, never two over the same text on either side.
pub(super) fn apart(mut stretches: Vec<Stretch>) -> Vec<Stretch> {
    stretches.sort_by(|a, b| b.len.cmp(&a.len).then(a.left.cmp(&b.left)));
    let mut kept: Vec<Stretch> = Vec::new();
    let overlaps = |a: &Stretch, b: &Stretch| {
        (a.left < b.left + b.len && b.left < a.left + a.len)
            || (a.right < b.right + b.len && b.right < a.right + a.len)
    };
    for s in stretches {
        if !kept.iter().any(|k| overlaps(k, &s)) {
            kept.push(s);
        }
    }
    kept
}

/// The moves `stretches` (sharing no text) make: those that follow each other on both sides
/// between the same two texts, with gaps of at most [`MAX_GAP`] keys, join into one.
pub(super) fn joined(mut stretches: Vec<Stretch>) -> Vec<Move> {
    stretches.sort_by_key(|s| (s.hotspots, s.left));
    let mut moves: Vec<Move> = Vec::new();
    for s in stretches {
        let joined = moves.last_mut().filter(|m| {
            m.hotspots == Pair::new(s.hotspots.0, s.hotspots.1)
                && s.left >= m.norm.left.end
                && s.right >= m.norm.right.end
                && s.left - m.norm.left.end <= MAX_GAP
                && s.right - m.norm.right.end <= MAX_GAP
        });
        match joined {
            Some(m) => {
                m.norm.left.end = s.left + s.len;
                m.norm.right.end = s.right + s.len;
                m.matched += s.len;
            }
            None => moves.push(Move {
                norm: Pair::new(s.left..s.left + s.len, s.right..s.right + s.len),
                hotspots: Pair::new(s.hotspots.0, s.hotspots.1),
                matched: s.len,
            }),
        }
    }
    moves
}
