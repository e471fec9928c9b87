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
fn chain_runs(
    a: &[char],
    b: &[char],
    ra: Range<usize>,
    rb: Range<usize>,
    repeats: Repeats,
) -> Vec<Run> {
    #[derive(Clone, Copy)]
    struct Slot {
        a: u32,
        b: u32,
        a_count: u32,
        b_count: u32,
    }
    if ra.len() < GRAM || rb.len() < GRAM {
        return Vec::new();
    }
    let (sa, sb) = (&a[ra.clone()], &b[rb.clone()]);
    let mut table: FxHashMap<u64, Slot> = FxHashMap::default();
    crate::work::reserve_map(&mut table, sa.len() / 4);
    for (i, h) in sampled_grams(sa) {
        let slot = table.entry(h).or_insert(Slot {
            a: i as u32,
            b: 0,
            a_count: 0,
            b_count: 0,
        });
        slot.a_count = slot.a_count.saturating_add(1);
    }
    for (j, h) in sampled_grams(sb) {
        if let Some(slot) = table.get_mut(&h) {
            slot.b_count = slot.b_count.saturating_add(1);
            slot.b = j as u32;
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
        for (i, h) in sampled_grams(sa) {
            if let Some(p) = places.get_mut(&h) {
                p.0.push(i as u32);
            }
        }
        for (j, h) in sampled_grams(sb) {
            if let Some(p) = places.get_mut(&h) {
                p.1.push(j as u32);
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
                let scale = sb.len() as f64 / sa.len() as f64;
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
    drop(table);
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

/// Longest chain of anchors increasing on both sides (anchors are sorted by their left position).
pub(super) fn longest_increasing_chain(anchors: &[(u32, u32)]) -> Vec<(u32, u32)> {
    // tails[k]: index of the anchor ending the best chain of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = vec![usize::MAX; anchors.len()];
    for (i, &(_, b)) in anchors.iter().enumerate() {
        if i % CHECK_EVERY == 0 {
            work::check();
        }
        let k = tails.partition_point(|&t| anchors[t].1 < b);
        if k > 0 {
            prev[i] = tails[k - 1];
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
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
