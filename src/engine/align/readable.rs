//! Stage 3 of the alignment: raw differences made readable.
//!
//! Changes separated by an equal stretch no longer than the changes on either side are merged
//! (the semantic clean-up of diff-match-patch), so chance matches inside unrelated paragraphs
//! disappear; common prefixes and suffixes are moved back into the equal text; insertions and
//! deletions slide along repeated text to word boundaries; every change is widened to whole
//! words on both sides ([`crate::engine::words`]), so `霸` / `强` reads as `霸权` / `强权`; and a
//! tiny variant glued to a large block is split off it; last, a small change holding a
//! substitution that recurs on its own (`更に又` / `さらにまた` where `又` / `また` stands alone
//! many times) is split around it, so every occurrence of a house style is one unit.

use super::change::{Change, MIN_CHUNK, RECURS};
use crate::engine::words;
use crate::text::chars::{is_punctuation, is_unspaced_script};
use crate::work;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// How far around a change the word segmenter looks.
const WORD_WINDOW: usize = 32;
/// A side of at most this many characters glued to a large block is split off it.
const TINY: usize = 3;
/// A block is large, for that purpose, from this many characters (and at least eight times
/// the tiny side).
const LARGE: usize = 20;

/// Splits a tiny variant off a large insertion or deletion it is glued to: `．` against
/// `。` followed by a paragraph the left lacks reads as a punctuation variant and a separate
/// only-right block, not as one change of 1 against 4,000 characters. The tiny side stays
/// with the end of the large side it resembles (same characters, else same class).
pub(super) fn split_lopsided(a: &[char], b: &[char], changes: Vec<Change>) -> Vec<Change> {
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
        // A core that reads the same on both sides is no difference at all: only the rest is.
        let same = a[core_change.a.clone()] == b[core_change.b.clone()];
        match (head >= tail, same) {
            (_, true) => out.push(rest_change),
            (true, false) => out.extend([core_change, rest_change]),
            (false, false) => out.extend([rest_change, core_change]),
        }
    }
    out
}

/// Merges consecutive changes that touch or overlap (both sides overlap by the same amount,
/// since changes only ever grow over equal text).
pub(super) fn join_touching(changes: Vec<Change>) -> Vec<Change> {
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

/// Merges two changes when the equal text between them is no longer than either of them
/// (diff-match-patch's semantic clean-up), repeatedly, so that chance matches inside rewritten
/// or unrelated text do not break it into a shower of tiny differences.
pub(super) fn merge_semantic(changes: &mut Vec<Change>) {
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
pub(super) fn trim_affixes(a: &[char], b: &[char], changes: &mut Vec<Change>) {
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
pub(super) fn snap_to_words(
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

/// The recurring substitutions: for each left reading, its right readings (longest first).
type Recurring<'t> = FxHashMap<&'t [char], Vec<&'t [char]>>;
/// A part of a change: its ranges within the change's left and right readings.
type Parts = (Range<usize>, Range<usize>);
/// Only changes of at most this many characters a side are split around a recurring pair.
const SPLIT_MAX: usize = 12;

/// Splits a small change around a recurring substitution it holds: where `又` / `また` stands
/// alone 26 times, `更に又` / `さらにまた` (merged across the equal `に`) becomes `更` / `さら`
/// and `又` / `また`, so that every occurrence of a house-style substitution is one unit the
/// reader can hide at once. A pair recurs when at least [`RECURS`] changes read exactly so
/// (both sides non-empty); a change is split only where equal text of at least one character
/// separates the recurring part from the rest on both sides, and only at word boundaries.
/// Repeated until nothing more splits (each pass can make a pair recur), at most four times.
pub(super) fn split_recurring(a: &[char], b: &[char], changes: Vec<Change>) -> Vec<Change> {
    // Each change, and whether it is new (not yet looked at with the pairs recurring then).
    let mut changes: Vec<(Change, bool)> = changes.into_iter().map(|c| (c, true)).collect();
    let mut known: FxHashSet<(&[char], &[char])> = FxHashSet::default();
    for _ in 0..4 {
        let mut count: FxHashMap<(&[char], &[char]), usize> =
            FxHashMap::with_capacity_and_hasher(changes.len(), Default::default());
        for (c, _) in &changes {
            *count.entry((&a[c.a.clone()], &b[c.b.clone()])).or_default() += 1;
        }
        // Every recurring pair, for a new change; the pairs recurring since the last pass,
        // for a change the others could not split then.
        let (mut recurring, mut newly): (Recurring<'_>, Recurring<'_>) = Default::default();
        for (&(x, y), &n) in &count {
            if n >= RECURS && !x.is_empty() && !y.is_empty() {
                recurring.entry(x).or_default().push(y);
                if known.insert((x, y)) {
                    newly.entry(x).or_default().push(y);
                }
            }
        }
        if recurring.is_empty() || (newly.is_empty() && !changes.iter().any(|(_, new)| *new)) {
            break;
        }
        for list in recurring.values_mut().chain(newly.values_mut()) {
            // The longest first, then in a fixed order (the map's is not).
            list.sort_unstable_by(|p, q| (q.len(), p).cmp(&(p.len(), q)));
        }
        // Each change's parts (or itself), on all cores.
        let out = work::chunks(&changes, MIN_CHUNK, |chunk, _| {
            let mut out = Vec::with_capacity(chunk.len());
            for (c, new) in chunk {
                let (x, y) = (&a[c.a.clone()], &b[c.b.clone()]);
                let pairs = if *new { &recurring } else { &newly };
                // A split leaves the pair, equal text and more: two characters a side at least.
                if pairs.is_empty()
                    || c.size() > SPLIT_MAX
                    || x.len() < 2
                    || y.len() < 2
                    || count[&(x, y)] >= RECURS
                {
                    out.push((c.clone(), false));
                    continue;
                }
                match split_around(x, y, pairs) {
                    Some(parts) => out.extend(parts.into_iter().map(|(pa, pb)| {
                        let part = Change {
                            a: c.a.start + pa.start..c.a.start + pa.end,
                            b: c.b.start + pb.start..c.b.start + pb.end,
                        };
                        (part, true)
                    })),
                    None => out.push((c.clone(), false)),
                }
            }
            out
        });
        changes = out;
    }
    changes.into_iter().map(|(c, _)| c).collect()
}

/// The parts of the change `x` / `y` around the first recurring pair found in it (ranges
/// within `x` and `y`, in order: the rest before it if any, the pair, the rest after it if
/// any), or `None` where no recurring pair sits in it apart from the rest.
fn split_around(x: &[char], y: &[char], recurring: &Recurring<'_>) -> Option<Vec<Parts>> {
    let mut bounds: Option<(Vec<usize>, Vec<usize>)> = None;
    // Each stretch of `x` that is the left reading of a recurring pair, the longest first at
    // each place.
    let lefts = (0..x.len()).flat_map(|i| (i + 1..=x.len()).rev().map(move |e| (i, e)));
    for (i, e) in lefts {
        let p = &x[i..e];
        let Some(list) = recurring.get(p) else {
            continue;
        };
        for &q in list {
            if (p, q) == (x, y) {
                continue;
            }
            for j in (0..y.len()).filter(|&j| y[j..].starts_with(q)) {
                let (ie, je) = (i + p.len(), j + q.len());
                // Equal text must part the pair from the rest on each side where there is
                // rest: looked at before the (costlier) word boundaries.
                let parted = |most: usize, rest_x: usize, rest_y: usize| {
                    (rest_x == 0 && rest_y == 0) || (most >= 1 && (rest_x > most || rest_y > most))
                };
                if !parted(common_suffix(&x[..i], &y[..j]), i, j)
                    || !parted(
                        common_prefix(&x[ie..], &y[je..]),
                        x.len() - ie,
                        y.len() - je,
                    )
                {
                    continue;
                }
                let (bx, by) =
                    bounds.get_or_insert_with(|| (words::boundaries(x), words::boundaries(y)));
                let at = |k: usize, l: usize| {
                    bx.binary_search(&k).is_ok() && by.binary_search(&l).is_ok()
                };
                if !at(i, j) || !at(ie, je) {
                    continue;
                }
                // Equal text before the pair (on a word boundary), unless it starts the change.
                let before = if i == 0 && j == 0 {
                    Some(None)
                } else {
                    let most = common_suffix(&x[..i], &y[..j]);
                    (1..=most)
                        .rev()
                        .find(|&e| at(i - e, j - e) && (i > e || j > e))
                        .map(|e| Some((0..i - e, 0..j - e)))
                };
                let after = if ie == x.len() && je == y.len() {
                    Some(None)
                } else {
                    let most = common_prefix(&x[ie..], &y[je..]);
                    (1..=most)
                        .rev()
                        .find(|&e| at(ie + e, je + e) && (ie + e < x.len() || je + e < y.len()))
                        .map(|e| Some((ie + e..x.len(), je + e..y.len())))
                };
                if let (Some(before), Some(after)) = (before, after) {
                    return Some(
                        before
                            .into_iter()
                            .chain([(i..ie, j..je)])
                            .chain(after)
                            .collect(),
                    );
                }
            }
        }
    }
    None
}

fn common_prefix(x: &[char], y: &[char]) -> usize {
    x.iter().zip(y).take_while(|(p, q)| p == q).count()
}

fn common_suffix(x: &[char], y: &[char]) -> usize {
    x.iter()
        .rev()
        .zip(y.iter().rev())
        .take_while(|(p, q)| p == q)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The parts `split_around` makes of `x` / `y` with the recurring pairs `pairs`.
    fn parts(x: &str, y: &str, pairs: &[(&str, &str)]) -> Option<Vec<(String, String)>> {
        let owned: Vec<(Vec<char>, Vec<char>)> =
            pairs.iter().map(|(p, q)| (chars(p), chars(q))).collect();
        let mut recurring: Recurring<'_> = FxHashMap::default();
        for (p, q) in &owned {
            recurring.entry(&p[..]).or_default().push(&q[..]);
        }
        let (x, y) = (chars(x), chars(y));
        split_around(&x, &y, &recurring).map(|parts| {
            parts
                .into_iter()
                .map(|(a, b)| (x[a].iter().collect(), y[b].iter().collect()))
                .collect()
        })
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(p, q)| (p.to_string(), q.to_string()))
            .collect()
    }

    #[test]
    fn split_around_a_whole_word_between_equal_text() {
        assert_eq!(
            parts("grey colour", "gray color", &[("colour", "color")]),
            Some(owned(&[("grey", "gray"), ("colour", "color")]))
        );
        assert_eq!(
            parts("colour of grey", "color of gray", &[("colour", "color")]),
            Some(owned(&[("colour", "color"), ("grey", "gray")]))
        );
        assert_eq!(
            parts("a colour b", "A color B", &[("colour", "color")]),
            Some(owned(&[("a", "A"), ("colour", "color"), ("b", "B")]))
        );
    }

    #[test]
    fn never_inside_a_word_nor_touching_the_rest() {
        // `our` / `or` is inside the word `colour`.
        assert_eq!(parts("grey colour", "gray color", &[("our", "or")]), None);
        // No equal text between `grey` and `colour`'s change.
        assert_eq!(
            parts("greycolour", "graycolor", &[("colour", "color")]),
            None
        );
        // The pair is the whole change: nothing to split.
        assert_eq!(parts("colour", "color", &[("colour", "color")]), None);
        // Only one side starts with it.
        assert_eq!(parts("colour x", "y color x", &[("colour", "color")]), None);
    }
}
