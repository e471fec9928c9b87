//! Alignment of two normalised texts into a list of [`Change`]s.
//!
//! Two levels keep it near-linear at book size (see `shared/notes/alignment-at-book-scale.md`):
//!
//! 1. **Anchors.** Every 12-character gram that occurs exactly once in each text is a candidate
//!    anchor; the longest chain of anchors in the same order on both sides (a longest increasing
//!    subsequence) is extended character by character into maximal equal runs. Unrelated
//!    material shares no such gram, so it is never pulled into a fake alignment.
//! 2. **Gaps.** Between consecutive runs, a character diff (`similar`, Myers with a deadline)
//!    finds the exact differences. A gap whose two sides share almost no 4-grams is one block
//!    and is not diffed at all.
//!
//! The raw differences are then made readable: changes separated by an equal stretch no longer
//! than the changes on either side are merged (the semantic clean-up of diff-match-patch), so
//! chance matches inside unrelated paragraphs disappear; common prefixes and suffixes are moved
//! back into the equal text; and every change is widened to whole words on both sides
//! ([`crate::words`]), so `霸` / `强` reads as `霸权` / `强权`.

use crate::compare::is_punctuation;
use crate::normalize::is_unspaced_script;
use crate::words;
use rustc_hash::{FxHashMap, FxHashSet};
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};
use std::ops::Range;
use std::time::{Duration, Instant};

/// Length of the grams used as anchors (8 Han characters are specific enough to be rare by
/// chance, and short enough to anchor the equal stretches between close variants).
const GRAM: usize = 8;
/// Longest time one gap may spend in the character diff before it settles for a coarser answer.
const GAP_DEADLINE: Duration = Duration::from_millis(100);
/// Gaps whose sides are both at least this long are checked for relatedness before diffing.
const BLOCK_MIN: usize = 32;
/// Below this share of common 4-grams a gap is treated as one unrelated block.
const BLOCK_SIMILARITY: f64 = 0.2;
/// How far around a change the word segmenter looks.
const WORD_WINDOW: usize = 32;

/// One difference: the left text `a` became the right text `b` (either may be empty).
///
/// In a list of changes, the changes are in order, do not overlap, and the text between two
/// consecutive changes (and before the first, and after the last) is equal on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The range in the left normalised text.
    pub a: Range<usize>,
    /// The range in the right normalised text.
    pub b: Range<usize>,
}

impl Change {
    /// The larger of the two sides' lengths.
    fn size(&self) -> usize {
        self.a.len().max(self.b.len())
    }
}

/// A maximal stretch of equal text: `a[a..a+len] == b[b..b+len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    a: usize,
    b: usize,
    len: usize,
}

/// Aligns `a` with `b` and returns their differences, readable and in order.
pub fn align(a: &[char], b: &[char]) -> Vec<Change> {
    let runs = anchor_runs(a, b);
    let mut gaps = Vec::with_capacity(runs.len() + 1);
    let (mut pa, mut pb) = (0, 0);
    for run in &runs {
        gaps.push((pa..run.a, pb..run.b));
        (pa, pb) = (run.a + run.len, run.b + run.len);
    }
    gaps.push((pa..a.len(), pb..b.len()));
    // While the word dictionary is still being built on another thread, leave it a core.
    let spare = if words::is_ready() { 0 } else { 1 };
    let mut changes = in_parallel(&gaps, spare, |chunk, _| {
        let mut out = Vec::new();
        for (ra, rb) in chunk {
            diff_gap(a, b, ra.clone(), rb.clone(), &mut out);
        }
        out
    });
    merge_semantic(&mut changes);
    trim_affixes(a, b, &mut changes);
    let snapped = in_parallel(&changes, 0, |chunk, start| {
        let floor = start
            .checked_sub(1)
            .map_or((0, 0), |i| (changes[i].a.end, changes[i].b.end));
        let ceil = changes
            .get(start + chunk.len())
            .map_or((a.len(), b.len()), |n| (n.a.start, n.b.start));
        snap_to_words(a, b, chunk, floor, ceil)
    });
    changes = join_touching(snapped);
    merge_semantic(&mut changes);
    split_lopsided(a, b, changes)
}

/// Splits a tiny variant off a large insertion or deletion it is glued to: `．` against
/// `。` followed by a paragraph the left lacks reads as a punctuation variant and a separate
/// only-right block, not as one change of 1 against 4,000 characters. The tiny side stays
/// with the end of the large side it resembles (same characters, else same class).
fn split_lopsided(a: &[char], b: &[char], changes: Vec<Change>) -> Vec<Change> {
    const TINY: usize = 3;
    const LARGE: usize = 20;
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        let left_small = c.a.len() <= c.b.len();
        let (small, large) = if left_small {
            (&c.a, &c.b)
        } else {
            (&c.b, &c.a)
        };
        let (st, lt) = if left_small { (a, b) } else { (b, a) };
        if small.is_empty() || small.len() > TINY || large.len() < LARGE.max(8 * small.len()) {
            out.push(c);
            continue;
        }
        let score = |from: usize| {
            (0..small.len())
                .map(|i| {
                    let (x, y) = (st[small.start + i], lt[from + i]);
                    if x == y {
                        2
                    } else {
                        usize::from(is_punctuation(x) == is_punctuation(y))
                    }
                })
                .sum::<usize>()
        };
        let (head, tail) = (score(large.start), score(large.end - small.len()));
        if head.max(tail) == 0 {
            out.push(c);
            continue;
        }
        let k = small.len();
        let (core, rest) = if head >= tail {
            (large.start..large.start + k, large.start + k..large.end)
        } else {
            (large.end - k..large.end, large.start..large.end - k)
        };
        let empty_at = if head >= tail { small.end } else { small.start };
        let (core_change, rest_change) = if left_small {
            (
                Change {
                    a: small.clone(),
                    b: core,
                },
                Change {
                    a: empty_at..empty_at,
                    b: rest,
                },
            )
        } else {
            (
                Change {
                    a: core,
                    b: small.clone(),
                },
                Change {
                    a: rest,
                    b: empty_at..empty_at,
                },
            )
        };
        if head >= tail {
            out.extend([core_change, rest_change]);
        } else {
            out.extend([rest_change, core_change]);
        }
    }
    out
}

/// Runs `f` on consecutive chunks of `items` on all cores but `spare` (when there is enough
/// work to be worth a thread) and concatenates the results in order. `f` gets a chunk and the
/// index of its first item.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    spare: usize,
    f: impl Fn(&[T], usize) -> Vec<R> + Sync,
) -> Vec<R> {
    const MIN_CHUNK: usize = 512;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.saturating_sub(spare).max(1);
    let chunk = items.len().div_ceil(threads).max(MIN_CHUNK);
    if items.len() <= chunk {
        return f(items, 0);
    }
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(i, part)| scope.spawn(move || f(part, i * chunk)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Merges consecutive changes that touch or overlap (both sides overlap by the same amount,
/// since changes only ever grow over equal text).
fn join_touching(changes: Vec<Change>) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    for c in changes {
        match out.last_mut() {
            Some(prev) if c.a.start <= prev.a.end => {
                prev.a.end = prev.a.end.max(c.a.end);
                prev.b.end = prev.b.end.max(c.b.end);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The number of characters the two texts have in common under `changes`.
pub fn common_chars(a_len: usize, changes: &[Change]) -> usize {
    a_len - changes.iter().map(|c| c.a.len()).sum::<usize>()
}

/// Polynomial hashes of every `GRAM`-gram of `s`, with their start positions.
fn grams(s: &[char]) -> impl Iterator<Item = (usize, u64)> + '_ {
    const BASE: u64 = 0x0000_0100_0000_01b3;
    let top = (1..GRAM).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut hash = 0u64;
    s.iter()
        .enumerate()
        .filter_map(move |(i, &c)| {
            if i >= GRAM {
                hash = hash.wrapping_sub((s[i - GRAM] as u64 + 1).wrapping_mul(top));
            }
            hash = hash.wrapping_mul(BASE).wrapping_add(c as u64 + 1);
            (i + 1 >= GRAM).then(|| (i + 1 - GRAM, hash))
        })
        // Keep one gram in SAMPLE, chosen by content so that both texts keep the same grams: the
        // runs are extended character by character anyway, and a short equal stretch left without
        // an anchor is still found by the diff of its gap.
        .filter(|&(_, h)| h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 62 == 0)
}

/// Unique shared grams, chained in order and extended into maximal equal runs.
fn anchor_runs(a: &[char], b: &[char]) -> Vec<Run> {
    #[derive(Clone, Copy)]
    struct Slot {
        a: u32,
        b: u32,
        a_count: u8,
        b_count: u8,
    }
    if a.len() < GRAM || b.len() < GRAM {
        return Vec::new();
    }
    let mut table: FxHashMap<u64, Slot> = FxHashMap::default();
    table.reserve(a.len() / 4);
    for (i, h) in grams(a) {
        let slot = table.entry(h).or_insert(Slot {
            a: i as u32,
            b: 0,
            a_count: 0,
            b_count: 0,
        });
        slot.a_count = slot.a_count.saturating_add(1);
    }
    for (j, h) in grams(b) {
        if let Some(slot) = table.get_mut(&h) {
            slot.b_count = slot.b_count.saturating_add(1);
            slot.b = j as u32;
        }
    }
    let mut anchors: Vec<(u32, u32)> = table
        .values()
        .filter(|s| s.a_count == 1 && s.b_count == 1)
        .map(|s| (s.a, s.b))
        .collect();
    drop(table);
    anchors.sort_unstable();
    let chain = longest_increasing_chain(&anchors);

    // Collapse the chain into runs, verifying each anchor (hashes can collide).
    let mut runs: Vec<Run> = Vec::new();
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
    extend_runs(a, b, &mut runs);
    runs
}

/// Longest chain of anchors increasing on both sides (anchors are sorted by their left position).
fn longest_increasing_chain(anchors: &[(u32, u32)]) -> Vec<(u32, u32)> {
    // tails[k]: index of the anchor ending the best chain of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = vec![usize::MAX; anchors.len()];
    for (i, &(_, b)) in anchors.iter().enumerate() {
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

/// Share of the shorter side's 4-grams that also occur in the longer side.
fn gram_similarity(a: &[char], b: &[char]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 4 {
        return 0.0;
    }
    let set: FxHashSet<&[char]> = long.windows(4).collect();
    let shared = short.windows(4).filter(|w| set.contains(w)).count();
    shared as f64 / (short.len() - 3) as f64
}

/// Appends the differences between `a[ra]` and `b[rb]` to `out`.
fn diff_gap(a: &[char], b: &[char], ra: Range<usize>, rb: Range<usize>, out: &mut Vec<Change>) {
    if ra.is_empty() && rb.is_empty() {
        return;
    }
    let (sa, sb) = (&a[ra.clone()], &b[rb.clone()]);
    let unrelated = sa.len() >= BLOCK_MIN
        && sb.len() >= BLOCK_MIN
        && gram_similarity(sa, sb) < BLOCK_SIMILARITY;
    if ra.is_empty() || rb.is_empty() || unrelated {
        out.push(Change { a: ra, b: rb });
        return;
    }
    // Small gaps are quick whatever their content; only large ones need a deadline.
    let deadline = (sa.len() + sb.len() > 2_000).then(|| Instant::now() + GAP_DEADLINE);
    // For small gaps the plain LCS table is quicker than Myers' divide and conquer.
    let algorithm = if sa.len() * sb.len() <= 4096 {
        Algorithm::Lcs
    } else {
        Algorithm::Myers
    };
    let ops = capture_diff_slices_deadline(algorithm, sa, sb, deadline);
    let mut pending: Option<Change> = None;
    for op in ops {
        if let DiffOp::Equal { .. } = op {
            out.extend(pending.take());
            continue;
        }
        let (oa, ob) = (op.old_range(), op.new_range());
        let (oa, ob) = (
            ra.start + oa.start..ra.start + oa.end,
            rb.start + ob.start..rb.start + ob.end,
        );
        match pending.as_mut() {
            Some(p) => {
                p.a.end = oa.end;
                p.b.end = ob.end;
            }
            None => pending = Some(Change { a: oa, b: ob }),
        }
    }
    out.extend(pending);
}

/// Merges two changes when the equal text between them is no longer than either of them
/// (diff-match-patch's semantic clean-up), repeatedly, so that chance matches inside rewritten
/// or unrelated text do not break it into a shower of tiny differences.
fn merge_semantic(changes: &mut Vec<Change>) {
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    for mut c in changes.drain(..) {
        while let Some(prev) = out.last() {
            let equal = c.a.start - prev.a.end;
            if equal <= prev.size() && equal <= c.size() {
                let prev = out.pop().expect("checked above");
                c = Change {
                    a: prev.a.start..c.a.end,
                    b: prev.b.start..c.b.end,
                };
            } else {
                break;
            }
        }
        out.push(c);
    }
    *changes = out;
}

/// Moves a common prefix and suffix of a change's two sides back into the equal text.
fn trim_affixes(a: &[char], b: &[char], changes: &mut Vec<Change>) {
    for c in changes.iter_mut() {
        while !c.a.is_empty() && !c.b.is_empty() && a[c.a.start] == b[c.b.start] {
            c.a.start += 1;
            c.b.start += 1;
        }
        while !c.a.is_empty() && !c.b.is_empty() && a[c.a.end - 1] == b[c.b.end - 1] {
            c.a.end -= 1;
            c.b.end -= 1;
        }
    }
    changes.retain(|c| !(c.a.is_empty() && c.b.is_empty()));
}

/// Whether `p` is certainly a word boundary of `text` without asking a segmenter: an end of
/// the text, or a kept space or punctuation next to a character of an unspaced script (every
/// segmenter splits there).
fn certain_boundary(text: &[char], p: usize) -> bool {
    if p == 0 || p >= text.len() {
        return true;
    }
    let (l, r) = (text[p - 1], text[p]);
    l == ' '
        || r == ' '
        || ((is_punctuation(l) || is_punctuation(r))
            && (is_unspaced_script(l) || is_unspaced_script(r)))
}

/// Word boundaries of `text` around one change, computed once and reused while it grows.
struct Bounds<'t> {
    text: &'t [char],
    /// The window segmented, and its boundaries (absolute offsets).
    window: Range<usize>,
    bounds: Vec<usize>,
}

impl<'t> Bounds<'t> {
    fn new(text: &'t [char]) -> Self {
        Bounds {
            text,
            window: 0..0,
            bounds: Vec::new(),
        }
    }

    /// The nearest boundaries at or before and at or after `p`.
    fn around(&mut self, p: usize) -> (usize, usize) {
        if certain_boundary(self.text, p) {
            return (p, p);
        }
        if !(self.window.start < p && p < self.window.end) {
            // Segment the clause around `p`: from the certain boundary before it to the one
            // after it (a segmenter splits there anyway, so the result is the same as for the
            // whole text), at most WORD_WINDOW characters either way.
            let mut lo = p - 1;
            while lo > p.saturating_sub(WORD_WINDOW) && !certain_boundary(self.text, lo) {
                lo -= 1;
            }
            let mut hi = p + 1;
            while hi < (p + WORD_WINDOW).min(self.text.len()) && !certain_boundary(self.text, hi) {
                hi += 1;
            }
            self.window = lo..hi;
            self.bounds = words::boundaries(&self.text[lo..hi])
                .into_iter()
                .map(|x| x + lo)
                .collect();
        }
        let i = self.bounds.partition_point(|&x| x <= p);
        let before = self.bounds[i - 1];
        let after = if before == p { p } else { self.bounds[i] };
        (before, after)
    }

    /// How far `range` must grow to start and end on word boundaries.
    fn growth(&mut self, range: &Range<usize>) -> (usize, usize) {
        let left = range.start - self.around(range.start).0;
        let right = self.around(range.end).1 - range.end;
        (left, right)
    }
}

/// Slides a pure insertion or deletion along repeated text (`中[国特色大]国` is the same edit
/// as `中国[特色大国]`) to the place where it needs the least widening to whole words, the
/// diff-match-patch "semantic lossless" step.
fn slide_to_words(
    a: &[char],
    b: &[char],
    c: &mut Change,
    floor: (usize, usize),
    ceil: (usize, usize),
    bounds_a: &mut Bounds,
    bounds_b: &mut Bounds,
) {
    const MAX_SLIDE: usize = 8;
    let (text, range, other, lo, hi) = match (c.a.is_empty(), c.b.is_empty()) {
        (false, true) => (
            a,
            &c.a,
            &c.b,
            floor.0.max(floor.1 + c.a.start - c.b.start),
            ceil.0,
        ),
        (true, false) => (
            b,
            &c.b,
            &c.a,
            floor.1.max(floor.0 + c.b.start - c.a.start),
            ceil.1,
        ),
        _ => return,
    };
    let (start, end) = (range.start, range.end);
    let lo = lo.max(start.saturating_sub(MAX_SLIDE));
    let hi = hi.min(end + MAX_SLIDE);
    // Every shift `d` (negative: left) for which the edit still rebuilds the same texts.
    let mut shifts = vec![0isize];
    let mut d = 0;
    while start - d > lo && text[start - d - 1] == text[end - d - 1] {
        d += 1;
        shifts.push(-(d as isize));
    }
    let mut d = 0;
    while end + d < hi && text[start + d] == text[end + d] {
        d += 1;
        shifts.push(d as isize);
    }
    if shifts.len() == 1 {
        return;
    }
    let shifted =
        |r: &Range<usize>, d: isize| (r.start as isize + d) as usize..(r.end as isize + d) as usize;
    let cost = |d: isize, ba: &mut Bounds, bb: &mut Bounds| {
        let (ra, rb) = if c.a.is_empty() {
            (shifted(other, d), shifted(range, d))
        } else {
            (shifted(range, d), shifted(other, d))
        };
        let (x, y) = ba.growth(&ra);
        let (z, w) = bb.growth(&rb);
        (x.max(z) + y.max(w), d.unsigned_abs())
    };
    let best = shifts
        .into_iter()
        .min_by_key(|&d| cost(d, bounds_a, bounds_b))
        .unwrap_or(0);
    c.a = shifted(&c.a, best);
    c.b = shifted(&c.b, best);
}

/// Widens every change to whole words on both sides, within the equal text around it.
/// `floor` and `ceil` bound the text the first and last change may take on each side.
fn snap_to_words(
    a: &[char],
    b: &[char],
    changes: &[Change],
    floor: (usize, usize),
    ceil: (usize, usize),
) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    let (mut bounds_a, mut bounds_b) = (Bounds::new(a), Bounds::new(b));
    for (i, c) in changes.iter().enumerate() {
        let mut c = c.clone();
        let (floor_a, floor_b) = out.last().map_or(floor, |p| (p.a.end, p.b.end));
        let (ceil_a, ceil_b) = changes.get(i + 1).map_or(ceil, |n| (n.a.start, n.b.start));
        slide_to_words(
            a,
            b,
            &mut c,
            (floor_a, floor_b),
            (ceil_a, ceil_b),
            &mut bounds_a,
            &mut bounds_b,
        );
        for _ in 0..4 {
            let (la, ra) = bounds_a.growth(&c.a);
            let (lb, rb) = bounds_b.growth(&c.b);
            let left = la.max(lb).min(c.a.start - floor_a).min(c.b.start - floor_b);
            let right = ra.max(rb).min(ceil_a - c.a.end).min(ceil_b - c.b.end);
            if left == 0 && right == 0 {
                break;
            }
            c.a = c.a.start - left..c.a.end + right;
            c.b = c.b.start - left..c.b.end + right;
        }
        out.push(c);
    }
    join_touching(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn show(a: &str, b: &str) -> Vec<(String, String)> {
        let (a, b) = (chars(a), chars(b));
        align(&a, &b)
            .into_iter()
            .map(|c| (a[c.a].iter().collect(), b[c.b].iter().collect()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(x, y)| (x.to_string(), y.to_string()))
            .collect()
    }

    #[test]
    fn identical_texts_have_no_changes() {
        assert!(show("", "").is_empty());
        assert!(show("一二三", "一二三").is_empty());
    }

    #[test]
    fn whole_word_variant() {
        assert_eq!(
            show(
                "必须发扬斗争精神，坚决反对一切霸权政治和霸凌行径，有力捍卫国家利益",
                "必须发扬斗争精神，坚决反对一切强权政治和霸凌行径，有力捍卫国家利益"
            ),
            pairs(&[("霸权", "强权")])
        );
    }

    #[test]
    fn punctuation_and_dropped_character() {
        assert_eq!(
            show(
                "是习近平外交思想的核心理念，是我们不断深化对人类社会规律认识、对建设",
                "是习近平外交思想核心理念，是我们不断深化对人类社会规律认识，对建设"
            ),
            pairs(&[("的", ""), ("、", "，")])
        );
    }

    #[test]
    fn english_words() {
        assert_eq!(
            show(
                "the colour of the sea was grey",
                "the color of the sea was grey"
            ),
            pairs(&[("colour", "color")])
        );
    }

    #[test]
    fn unrelated_texts_are_one_block() {
        let a = "会议强调，必须毫不动摇坚持外交大权在党中央，自觉坚持党中央集中统一领导。";
        let b = "The meeting stressed that the centralized and unified leadership must be upheld.";
        let got = show(a, b);
        assert_eq!(got, pairs(&[(a, b)]));
    }

    #[test]
    fn chance_matches_inside_rewritten_text_merge() {
        // Shares a few characters by chance; must not become a shower of tiny changes.
        let got = show(
            "甲乙丙丁。今天天气很好，我们去公园散步吧。戊己庚辛。",
            "甲乙丙丁。明天可能下雨，你们在家里看书吧。戊己庚辛。",
        );
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn tiny_variant_splits_off_a_glued_block() {
        let a = "他说完了．大家都笑了起来，一起走出门去。";
        let b = "他说完了。这里贾母与众人上了楼，在正面楼上归坐，凤姐等占了东楼。大家都笑了起来，一起走出门去。";
        assert_eq!(
            show(a, b),
            pairs(&[
                ("．", "。"),
                ("", "这里贾母与众人上了楼，在正面楼上归坐，凤姐等占了东楼。")
            ])
        );
    }

    #[test]
    fn lis_chain() {
        let chain = longest_increasing_chain(&[(0, 5), (1, 1), (2, 2), (3, 0), (4, 3)]);
        assert_eq!(chain, vec![(1, 1), (2, 2), (4, 3)]);
    }

    #[test]
    fn anchors_skip_moved_and_repeated_text() {
        let a = chars("第一段落的文字内容在这里出现。第二段落的文字内容在这里出现。");
        let runs = anchor_runs(&a, &a);
        assert_eq!(
            runs,
            vec![Run {
                a: 0,
                b: 0,
                len: a.len()
            }]
        );
    }
}
