//! Stage 3 of the alignment: raw differences made readable.
//!
//! Changes separated by an equal stretch no longer than the changes on either side are merged
//! (the semantic clean-up of diff-match-patch), so chance matches inside unrelated paragraphs
//! disappear; common prefixes and suffixes are moved back into the equal text; insertions and
//! deletions slide along repeated text to word boundaries; every change is widened to whole
//! words on both sides ([`crate::engine::words`]), so `霸` / `强` reads as `霸权` / `强权`; and a
//! tiny variant glued to a large block is split off it.

use super::change::Change;
use crate::engine::words;
use crate::text::chars::{is_punctuation, is_unspaced_script};
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
