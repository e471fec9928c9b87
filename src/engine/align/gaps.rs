//! Stage 2 of the alignment: the gaps between anchored runs.
//!
//! A gap whose two sides share almost no 4-grams is one block and is not diffed at all (an
//! unrelated article printed beside the text); any other gap gets a character diff: `similar`'s
//! plain LCS table for small gaps and its Myers for middling ones (both exact), and for large
//! gaps `imara-diff`'s Myers, whose heuristics (git's and GNU diff's) bound the work by the
//! gap's size, never by the clock: the same input gives the same differences on any machine
//! under any load.

use super::change::Change;
use rustc_hash::FxHashSet;
use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::ops::Range;

/// Gaps with more characters than this (both sides together) get the bounded diff; smaller
/// ones are quick with the exact one whatever their content.
const EXACT_MAX_CHARS: usize = 2_000;
/// Gaps whose table (left length times right length) has at most this many cells are diffed
/// with the plain LCS table, quicker there than Myers' divide and conquer.
const LCS_MAX_CELLS: usize = 4096;
/// Gaps whose sides are both at least this long are checked for relatedness before diffing.
const BLOCK_MIN: usize = 32;
/// Below this share of common 4-grams a gap is treated as one unrelated block.
const BLOCK_SIMILARITY: f64 = 0.2;

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
pub(super) fn diff_gap(
    a: &[char],
    b: &[char],
    ra: Range<usize>,
    rb: Range<usize>,
    out: &mut Vec<Change>,
) {
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
    if sa.len() + sb.len() > EXACT_MAX_CHARS {
        bounded_diff(sa, sb, ra.start, rb.start, out);
        return;
    }
    let algorithm = if sa.len() * sb.len() <= LCS_MAX_CELLS {
        Algorithm::Lcs
    } else {
        Algorithm::Myers
    };
    let ops = capture_diff_slices(algorithm, sa, sb);
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

/// The differences between `sa` and `sb` (starting at `a0` and `b0` in the whole texts) by
/// imara-diff's Myers with its cost heuristics: near-minimal, and bounded in work.
fn bounded_diff(sa: &[char], sb: &[char], a0: usize, b0: usize, out: &mut Vec<Change>) {
    let mut input = imara_diff::InternedInput::default();
    input.update_before(sa.iter().copied());
    input.update_after(sb.iter().copied());
    let diff = imara_diff::Diff::compute(imara_diff::Algorithm::Myers, &input);
    out.extend(diff.hunks().map(|h| Change {
        a: a0 + h.before.start as usize..a0 + h.before.end as usize,
        b: b0 + h.after.start as usize..b0 + h.after.end as usize,
    }));
}
