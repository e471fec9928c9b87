//! Short sentences swapped with their neighbour inside one line: the stage of
//! [`find_moves`](super::find_moves) for moves too short for the seeds.
//!
//! Two sentences exchanged (`天下大乱，百姓流离。民不聊生。` / `民不聊生。天下大乱，百姓流离。`)
//! come out of the alignment as one sentence kept in place and the other as text only the left
//! side has before it and only the right side has after it (or the other way round): two
//! one-sided hotspots next to each other, the same keys in each, give or take a few characters
//! the alignment matched with the text beside them. Such a pair is a move when, its edges
//! settled as any move's ([`super::edges`]), both places are the same whole sentences and no
//! line break lies between them. Sentences of [`MIN_MOVE`](super::MIN_MOVE) characters or more
//! are the seeds' to find; this finds the shorter ones (a classical text's four-character
//! sentences), in one pass over the hotspots.

use super::edges::{SNAP, settle, whole_sentences};
use super::seeds::Move;
use crate::engine::hotspot::{Hotspot, Kind};
use crate::engine::normalize::Normalized;
use crate::pair::Pair;
use std::ops::Range;
use std::sync::Arc;

/// The fewest letters (or Han) a swapped sentence has: a lone mark or a one-character
/// sentence (`是。`) is no move.
const MIN_LETTERS: usize = 2;

/// The sentences shorter than `below` characters swapped with their neighbour inside one line
/// between the texts `norm`, from their `hotspots` (every class, in order).
pub(super) fn swapped(
    norm: &Pair<Arc<Normalized>>,
    hotspots: &[Hotspot],
    below: usize,
) -> Vec<Move> {
    let mut out: Vec<Move> = Vec::new();
    for (i, h) in hotspots.iter().enumerate() {
        let (core_a, core_b, l, r) = if h.kind == Kind::Changed {
            // Both sentences in one change: `A。B` / `B。A`.
            let (a, b) = (h.norm.left.clone(), h.norm.right.clone());
            if a.len() != b.len() || a.len() >= 2 * below || line_head_inside(&norm.left, &a) {
                continue;
            }
            let Some((x, y)) = exchanged(&norm.left.keys[a.clone()], &norm.right.keys[b.clone()])
            else {
                continue;
            };
            (shifted(x, a.start), shifted(y, b.start), i, i)
        } else {
            // One sentence in each of two one-sided hotspots side by side.
            let Some(next) = hotspots.get(i + 1) else {
                continue;
            };
            let (l, r) = match (h.kind, next.kind) {
                (Kind::OnlyLeft, Kind::OnlyRight) => (i, i + 1),
                (Kind::OnlyRight, Kind::OnlyLeft) => (i + 1, i),
                _ => continue,
            };
            let (a, b) = (
                hotspots[l].norm.left.clone(),
                hotspots[r].norm.right.clone(),
            );
            if a.is_empty() || a.len() != b.len() || a.len() >= below {
                continue;
            }
            // No line break between the two places (on the left: from the first hotspot's
            // start to the second's end).
            if line_head_inside(&norm.left, &(h.norm.left.start..next.norm.left.end)) {
                continue;
            }
            let Some((x, y)) = rotated(&norm.left.keys[a.clone()], &norm.right.keys[b.clone()])
            else {
                continue;
            };
            (shifted(x, a.start), shifted(y, b.start), l, r)
        };
        let mut m = Move {
            matched: core_a.len(),
            norm: Pair::new(core_a, core_b),
            hotspots: Pair::new(l, r),
        };
        settle(norm, &mut m);
        let (x, y) = (&m.norm.left, &m.norm.right);
        let letters = norm.left.chars[x.clone()]
            .iter()
            .filter(|c| c.is_alphanumeric())
            .count();
        let kept = letters >= MIN_LETTERS
            && x.len() < below
            && norm.left.keys[x.clone()] == norm.right.keys[y.clone()]
            && whole_sentences(&norm.left, x.clone())
            && !line_head_inside(&norm.left, x)
            && !line_head_inside(&norm.right, y)
            && out
                .last()
                .is_none_or(|p| p.norm.left.end <= x.start && p.norm.right.end <= y.start);
        if kept {
            m.matched = x.len();
            out.push(m);
        }
    }
    out
}

/// `range` moved forwards by `by`.
fn shifted(range: Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// Whether a line of `text` starts strictly inside `range`.
fn line_head_inside(text: &Normalized, range: &Range<usize>) -> bool {
    let heads = &text.line_heads;
    let first = heads.partition_point(|&h| (h as usize) <= range.start);
    heads.get(first).is_some_and(|&h| (h as usize) < range.end)
}

/// Where `left` and `right` (keys of one length) are one text rotated by at most [`SNAP`]
/// characters (`。天下大乱` / `天下大乱。`): the ranges of each that read alike (the longer
/// part of the rotation), or `None`.
fn rotated(left: &[char], right: &[char]) -> Option<(Range<usize>, Range<usize>)> {
    let n = left.len();
    for d in 0..=SNAP.min(n / 2) {
        // The left's first `d` characters are the right's last.
        if left[d..] == right[..n - d] && left[..d] == right[n - d..] {
            return Some((d..n, 0..n - d));
        }
        // The right's first `d` characters are the left's last.
        if left[..n - d] == right[d..] && left[n - d..] == right[..d] {
            return Some((0..n - d, d..n));
        }
    }
    None
}

/// Where `left` and `right` (keys of one length) are two texts exchanged around what lies
/// between them (`天下大亂。民不聊生` / `民不聊生。天下大亂`: `A m B` / `B m A`): the shorter of the
/// two, its range in each, or `None`.
fn exchanged(left: &[char], right: &[char]) -> Option<(Range<usize>, Range<usize>)> {
    let n = left.len();
    for k in 1..n {
        // `A` is the left's first `k` characters and the right's last.
        if left[..k] != right[n - k..] {
            continue;
        }
        // `B` the left's last `j` and the right's first, with the same between them.
        for j in (1..=n - k).rev() {
            if left[n - j..] == right[..j] && left[k..n - j] == right[j..n - k] {
                return Some(if k <= j {
                    (0..k, n - k..n)
                } else {
                    (n - j..n, 0..j)
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn a_rotation_by_a_few_characters_reads_alike_in_its_longer_part() {
        assert_eq!(
            rotated(&k("天下大乱。"), &k("天下大乱。")),
            Some((0..5, 0..5))
        );
        assert_eq!(
            rotated(&k("。天下大乱"), &k("天下大乱。")),
            Some((1..5, 0..4))
        );
        assert_eq!(
            rotated(&k("天下大乱。"), &k("。天下大乱")),
            Some((0..4, 1..5))
        );
        assert_eq!(rotated(&k("天下大乱"), &k("民不聊生")), None);
    }

    #[test]
    fn two_texts_exchanged_around_what_lies_between_give_the_shorter() {
        assert_eq!(
            exchanged(&k("天下大亂。民不聊生"), &k("民不聊生。天下大亂")),
            Some((0..4, 5..9))
        );
        // The shorter one is the one that moved: here the second.
        assert_eq!(
            exchanged(&k("天下大亂矣。民困"), &k("民困。天下大亂矣")),
            Some((6..8, 0..2))
        );
        assert_eq!(
            exchanged(&k("天下大亂。民不聊生"), &k("天下大亂。民不聊死")),
            None
        );
    }
}
