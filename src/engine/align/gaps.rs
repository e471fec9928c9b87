//! Stage 2 of the alignment: the gaps between anchored runs.
//!
//! A gap whose two sides share almost no 4-grams is one block and is not diffed at all (an
//! unrelated article printed beside the text); any other gap gets a character diff (`similar`:
//! the plain LCS table for small gaps, Myers for larger ones, with a deadline for the largest).

use super::change::Change;
use rustc_hash::FxHashSet;
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};
use std::ops::Range;
use std::time::{Duration, Instant};

/// Longest time one gap may spend in the character diff before it settles for a coarser answer.
const GAP_DEADLINE: Duration = Duration::from_millis(100);
/// Gaps with more characters than this (both sides together) get the deadline; smaller ones
/// are quick whatever their content.
const DEADLINE_MIN_CHARS: usize = 2_000;
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
    let deadline =
        (sa.len() + sb.len() > DEADLINE_MIN_CHARS).then(|| Instant::now() + GAP_DEADLINE);
    let algorithm = if sa.len() * sb.len() <= LCS_MAX_CELLS {
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
