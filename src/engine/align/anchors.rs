//! Stage 1 of the alignment: anchors.
//!
//! Every [`GRAM`]-character gram that occurs exactly once in each text is a candidate anchor
//! (a content-chosen sample of them, one in 2^[`SAMPLE_BITS`], so that both texts keep the same
//! grams); the longest chain of anchors in the same order on both sides (a longest increasing
//! subsequence) is collapsed into runs and extended character by character into maximal equal
//! runs. Unrelated material shares no such gram, so it is never pulled into a fake alignment.

use crate::engine::grams::grams;
use crate::work;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Length of the grams used as anchors (8 Han characters are specific enough to be rare by
/// chance, and short enough to anchor the equal stretches between close variants).
pub(super) const GRAM: usize = 8;
/// Gaps left by the unique anchors with more characters than this (both sides together) are
/// anchored again by repeated grams.
const REANCHOR_MIN: usize = 2_000;
/// Grams occurring up to this many times on both sides of such a gap anchor it.
const MAX_REPEAT: u32 = 8;
/// One gram in 2^`SAMPLE_BITS` is kept as a candidate anchor, chosen by its hash: the runs are
/// extended character by character anyway, and a short equal stretch left without an anchor
/// is still found by the diff of its gap.
const SAMPLE_BITS: u32 = 2;

/// How many grams or runs go between two looks at whether the work was cancelled.
const CHECK_EVERY: usize = 1 << 14;

/// A maximal stretch of equal text: `a[a..a+len] == b[b..b+len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Run {
    pub(super) a: usize,
    pub(super) b: usize,
    pub(super) len: usize,
}

/// The sampled `GRAM`-grams of `s` (hashed by [`grams`]), with their start positions.
fn sampled_grams(s: &[char]) -> impl Iterator<Item = (usize, u64)> + '_ {
    grams::<GRAM>(s)
        // A cancelled comparison stops here within a few milliseconds.
        .inspect(|&(i, _)| {
            if i % CHECK_EVERY == 0 {
                work::check();
            }
        })
        // Keep one gram in 2^SAMPLE_BITS, chosen by content (a Fibonacci hash of the gram).
        .filter(|&(_, h)| h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SAMPLE_BITS) == 0)
}

/// Which shared grams anchor a gap.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repeats {
    /// Those occurring as often on both sides, at most this many times, paired in order.
    Equal(u32),
    /// Every gram on both sides, however often: each occurrence on the left paired with the
    /// one on the right nearest to the gap's diagonal.
    Any,
}

/// Shared grams chained in order and extended into maximal equal runs: first the grams that
/// occur once in each text; then, inside every large gap those leave (text repeated on both
/// sides, a book pasted twice), the grams that occur as often on both sides of the gap (at most
/// [`MAX_REPEAT`] times), their occurrences paired in order; then, inside every large gap
/// still left (text made of one paragraph repeated thousands of times), every shared gram,
/// each occurrence on the left paired with the one on the right nearest to the gap's
/// diagonal. Each step looks only at the
/// gaps the one before left, and each is a pass over the gap's grams and a sort: the diff of
/// what remains between the runs is work bounded by the size of each gap, never one diff of a
/// whole repetitive text (whose cost grows with the square of its length).
pub(super) fn anchor_runs(a: &[char], b: &[char]) -> Vec<Run> {
    let mut runs = chain_runs(a, b, 0..a.len(), 0..b.len(), Repeats::Equal(1));
    for repeats in [Repeats::Equal(MAX_REPEAT), Repeats::Any] {
        runs = reanchor(a, b, runs, repeats);
    }
    extend_runs(a, b, &mut runs);
    runs
}

/// `runs` with the runs of `repeats` grams inside each large gap between them added.
fn reanchor(a: &[char], b: &[char], runs: Vec<Run>, repeats: Repeats) -> Vec<Run> {
    let mut out = Vec::with_capacity(runs.len());
    let (mut pa, mut pb) = (0, 0);
    let ends = Run {
        a: a.len(),
        b: b.len(),
        len: 0,
    };
    for run in runs.into_iter().chain([ends]) {
        if run.a - pa + run.b - pb > REANCHOR_MIN && run.a > pa && run.b > pb {
            out.extend(chain_runs(a, b, pa..run.a, pb..run.b, repeats));
        }
        (pa, pb) = (run.a + run.len, run.b + run.len);
        if run.len > 0 {
            out.push(run);
        }
    }
    out
}

/// The runs of grams shared by `a[ra]` and `b[rb]` that `repeats` takes, chained in order
/// (offsets in the whole texts).
///
/// The grams are split by hash into one part a core, each part's grams paired on a core of
/// its own (most of the work is fetching table slots from memory, and a part's table is a
/// fraction of the whole); the pairs of all the parts are then sorted, so the result is the
/// same however many parts there are.
fn chain_runs(
    a: &[char],
    b: &[char],
    ra: Range<usize>,
    rb: Range<usize>,
    repeats: Repeats,
) -> Vec<Run> {
    chain_runs_in(a, b, ra, rb, repeats, work::cores())
}

/// [`chain_runs`] with the grams split into `parts` parts.
fn chain_runs_in(
    a: &[char],
    b: &[char],
    ra: Range<usize>,
    rb: Range<usize>,
    repeats: Repeats,
    parts: usize,
) -> Vec<Run> {
    if ra.len() < GRAM || rb.len() < GRAM {
        return Vec::new();
    }
    let (sa, sb) = (&a[ra.clone()], &b[rb.clone()]);
    let sampled =
        |s: &[char]| -> Vec<(u32, u64)> { sampled_grams(s).map(|(i, h)| (i as u32, h)).collect() };
    let (ga, gb) = work::join(|| sampled(sa), || sampled(sb));
    let parts: Vec<u64> = (0..parts.max(1) as u64).collect();
    let scale = sb.len() as f64 / sa.len() as f64;
    let mut anchors: Vec<(u32, u32)> = work::map(&parts, |&part| {
        // A part by the hash's top bits (its low bits chose the sample).
        let of_part =
            |g: &&(u32, u64)| g.1.wrapping_mul(0x9E37_79B9_7F4A_7C15) % parts.len() as u64 == part;
        shared_grams(
            ga.iter().filter(of_part),
            gb.iter().filter(of_part),
            repeats,
            scale,
            ga.len() / parts.len(),
        )
    })
    .concat();
    anchors.sort_unstable();
    let chain = longest_increasing_chain(&anchors);
    let (a, b) = (sa, sb);
    let mut runs: Vec<Run> = Vec::new();
    // Collapse the chain into runs, verifying each anchor (hashes can collide).
    for (ia, ib) in chain {
        let (ia, ib) = (ia as usize, ib as usize);
        if a[ia..ia + GRAM] != b[ib..ib + GRAM] {
            continue;
        }
        if let Some(last) = runs.last_mut() {
            let same_diagonal = ib as isize - ia as isize == last.b as isize - last.a as isize;
            if same_diagonal && ia <= last.a + last.len {
                last.len = last.len.max(ia + GRAM - last.a);
                continue;
            }
            // Runs on different diagonals may overlap: start after the previous one on both sides.
            let shift = (last.a + last.len)
                .saturating_sub(ia)
                .max((last.b + last.len).saturating_sub(ib));
            if shift >= GRAM {
                continue;
            }
            runs.push(Run {
                a: ia + shift,
                b: ib + shift,
                len: GRAM - shift,
            });
        } else {
            runs.push(Run {
                a: ia,
                b: ib,
                len: GRAM,
            });
        }
    }
    for run in &mut runs {
        run.a += ra.start;
        run.b += rb.start;
    }
    runs
}

/// The pairs of start positions of the grams `ga` and `gb` (start positions and hashes) share
/// that `repeats` takes ([`Repeats`]); `scale` is the right side's length over the left's,
/// `size` about how many grams `ga` gives.
fn shared_grams<'g>(
    ga: impl Iterator<Item = &'g (u32, u64)> + Clone,
    gb: impl Iterator<Item = &'g (u32, u64)> + Clone,
    repeats: Repeats,
    scale: f64,
    size: usize,
) -> Vec<(u32, u32)> {
    #[derive(Clone, Copy)]
    struct Slot {
        a: u32,
        b: u32,
        a_count: u32,
        b_count: u32,
    }
    let mut table: FxHashMap<u64, Slot> = FxHashMap::default();
    crate::work::reserve_map(&mut table, size);
    for &(i, h) in ga.clone() {
        let slot = table.entry(h).or_insert(Slot {
            a: i,
            b: 0,
            a_count: 0,
            b_count: 0,
        });
        slot.a_count = slot.a_count.saturating_add(1);
    }
    for &(j, h) in gb.clone() {
        if let Some(slot) = table.get_mut(&h) {
            slot.b_count = slot.b_count.saturating_add(1);
            slot.b = j;
        }
    }
    let shared = |s: &Slot| match repeats {
        Repeats::Equal(most) => s.a_count == s.b_count && s.a_count <= most,
        Repeats::Any => s.b_count > 0,
    };
    let mut anchors: Vec<(u32, u32)> = table
        .values()
        .filter(|s| s.a_count == 1 && s.b_count == 1)
        .map(|s| (s.a, s.b))
        .collect();
    if repeats != Repeats::Equal(1) {
        // Repeated grams: their occurrences on each side, paired in order.
        let mut places: FxHashMap<u64, (Vec<u32>, Vec<u32>)> = table
            .iter()
            .filter(|(_, s)| (s.a_count > 1 || s.b_count > 1) && shared(s))
            .map(|(&h, _)| (h, (Vec::new(), Vec::new())))
            .collect();
        for &(i, h) in ga {
            if let Some(p) = places.get_mut(&h) {
                p.0.push(i);
            }
        }
        for &(j, h) in gb {
            if let Some(p) = places.get_mut(&h) {
                p.1.push(j);
            }
        }
        match repeats {
            Repeats::Equal(_) => anchors.extend(
                places
                    .into_values()
                    .flat_map(|(pa, pb)| pa.into_iter().zip(pb)),
            ),
            // Each occurrence on the left with the occurrence on the right nearest to where
            // the gap's diagonal puts it: text that repeats a paragraph is paired paragraph
            // by paragraph, and an edit shifts no more than its own neighbourhood.
            Repeats::Any => {
                for (pa, pb) in places.into_values() {
                    anchors.extend(pa.into_iter().filter_map(|i| {
                        let target = (f64::from(i) * scale) as u32;
                        let k = pb.partition_point(|&j| j < target);
                        let nearest = match (k.checked_sub(1).map(|p| pb[p]), pb.get(k)) {
                            (Some(before), Some(&after)) => {
                                if target - before <= after - target {
                                    before
                                } else {
                                    after
                                }
                            }
                            (Some(before), None) => before,
                            (None, Some(&after)) => after,
                            (None, None) => return None,
                        };
                        Some((i, nearest))
                    }));
                }
            }
        }
    }
    anchors
}

/// Longest chain of anchors increasing on both sides (anchors are sorted by their left position).
pub(super) fn longest_increasing_chain(anchors: &[(u32, u32)]) -> Vec<(u32, u32)> {
    // tails[k]: index of the anchor ending the best chain of length k + 1; tail_b[k] its
    // right position (searched by halves side by side, not through the anchors).
    let mut tails: Vec<usize> = Vec::new();
    let mut tail_b: Vec<u32> = Vec::new();
    let mut prev: Vec<usize> = vec![usize::MAX; anchors.len()];
    for (i, &(_, b)) in anchors.iter().enumerate() {
        if i % CHECK_EVERY == 0 {
            work::check();
        }
        let k = tail_b.partition_point(|&t| t < b);
        if k > 0 {
            prev[i] = tails[k - 1];
        }
        if k == tails.len() {
            tails.push(i);
            tail_b.push(b);
        } else {
            tails[k] = i;
            tail_b[k] = b;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied().unwrap_or(usize::MAX);
    while at != usize::MAX {
        chain.push(anchors[at]);
        at = prev[at];
    }
    chain.reverse();
    chain
}

/// Extends every run backwards and forwards over equal characters, up to its neighbours.
fn extend_runs(a: &[char], b: &[char], runs: &mut [Run]) {
    let (mut limit_a, mut limit_b) = (0, 0);
    for i in 0..runs.len() {
        if i % CHECK_EVERY == 0 {
            work::check();
        }
        let (next_a, next_b) = runs.get(i + 1).map_or((a.len(), b.len()), |n| (n.a, n.b));
        let run = &mut runs[i];
        while run.a > limit_a && run.b > limit_b && a[run.a - 1] == b[run.b - 1] {
            run.a -= 1;
            run.b -= 1;
            run.len += 1;
        }
        while run.a + run.len < next_a
            && run.b + run.len < next_b
            && a[run.a + run.len] == b[run.b + run.len]
        {
            run.len += 1;
        }
        limit_a = run.a + run.len;
        limit_b = run.b + run.len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text of `n` sentences drawn from a few, so that grams repeat, with `seed` choosing.
    fn text(n: usize, seed: u64) -> Vec<char> {
        let sentences = [
            "坚决反对一切霸权政治。",
            "维护国际公平正义，",
            "推动构建人类命运共同体；",
            "我们愿同各国一道。",
        ];
        let mut x = seed;
        let mut out = Vec::new();
        for _ in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            out.extend(sentences[(x % 4) as usize].chars());
            if x.is_multiple_of(7) {
                out.push('乙');
            }
        }
        out
    }

    #[test]
    fn the_runs_are_the_same_however_many_parts_the_grams_are_split_into() {
        for (a, b) in [(text(400, 1), text(400, 2)), (text(300, 3), text(500, 3))] {
            for repeats in [Repeats::Equal(1), Repeats::Equal(MAX_REPEAT), Repeats::Any] {
                let whole = chain_runs_in(&a, &b, 0..a.len(), 0..b.len(), repeats, 1);
                assert!(!whole.is_empty() || repeats == Repeats::Equal(1));
                for parts in [2, 3, 8] {
                    let split = chain_runs_in(&a, &b, 0..a.len(), 0..b.len(), repeats, parts);
                    assert_eq!(split, whole, "{parts} parts");
                }
            }
        }
    }
}
