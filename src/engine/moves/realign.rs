//! The texts aligned again around the moves: the stage of [`linked`](super::linked) before
//! the hotspots are read again.
//!
//! Of two passages found moved across each other, one stays in place ([`exchanged`]). Around
//! each place of a passage that moved, a window of the first alignment (widened by
//! [`MAX_GAP`] each way, to whole changes) is aligned again without it, and the passage is
//! put back as a change of its own ([`realign`]): text the first alignment matched with the
//! moved passage finds its partner. A passage that stays is pinned: its two readings go
//! together, and the texts either side of it are aligned apart.

use super::path::{Point, at, coord, window};
use super::seeds::{MAX_GAP, Move};
use crate::engine::align::{self, Change};
use crate::engine::normalize::Normalized;
use crate::pair::{Pair, Side};
use std::ops::Range;
use std::sync::Arc;

/// A half of a move inside a window: its range on its side.
#[derive(Debug, Clone)]
struct Half {
    range: Range<usize>,
    side: Side,
}

impl Half {
    /// Whether it lies between `from` and `to` on its side.
    fn between(&self, from: Point, to: Point) -> bool {
        self.range.start >= coord(from, self.side) && self.range.end <= coord(to, self.side)
    }
}

/// The changes of the texts with the passages of `moves` that do not stay (`stays` is not
/// `Some(true)`) taken out of the alignment: around each of their places the texts are aligned
/// again without them, each passage put back as a change of its own; around a passage that
/// stays, the texts are aligned again from one of its places to the other.
pub(super) fn realigned(
    norm: &Pair<Arc<Normalized>>,
    changes: &[Change],
    moves: &[&Move],
    stays: &[Option<bool>],
) -> Vec<Change> {
    let keys = Pair::new(&norm.left.keys[..], &norm.right.keys[..]);
    // The changes outside the windows as they were; inside, aligned again.
    let mut out: Vec<Change> = Vec::with_capacity(changes.len() + 2 * moves.len());
    let mut rest = changes.iter().peekable();
    for w in windows(norm, changes, moves, stays) {
        while let Some(c) = rest.next_if(|c| c.a.end <= w.0.0 && c.b.end <= w.0.1) {
            out.push(c.clone());
        }
        while rest
            .next_if(|c| c.a.end <= w.1.0 && c.b.end <= w.1.1)
            .is_some()
        {}
        out.extend(window_aligned(keys, w, moves, stays));
    }
    out.extend(rest.cloned());
    out
}

/// The windows of the path of `changes` to align again, in order and apart: around each place
/// of a passage of `moves` that does not stay, and from one place to the other of one that
/// does, [`MAX_GAP`] characters wider each way.
fn windows(
    norm: &Pair<Arc<Normalized>>,
    changes: &[Change],
    moves: &[&Move],
    stays: &[Option<bool>],
) -> Vec<(Point, Point)> {
    let (ll, rl) = (norm.left.len(), norm.right.len());
    let mut windows: Vec<(Point, Point)> = Vec::new();
    for (m, stays) in moves.iter().zip(stays) {
        let (l, r) = (&m.norm.left, &m.norm.right);
        let old = window(
            changes,
            Side::Left,
            l.start.saturating_sub(MAX_GAP),
            (l.end + MAX_GAP).min(ll),
        );
        let new = window(
            changes,
            Side::Right,
            r.start.saturating_sub(MAX_GAP),
            (r.end + MAX_GAP).min(rl),
        );
        if *stays == Some(true) {
            let from = (old.0.0.min(new.0.0), old.0.1.min(new.0.1));
            let to = (old.1.0.max(new.1.0), old.1.1.max(new.1.1));
            windows.push((from, to));
        } else {
            windows.extend([old, new]);
        }
    }
    windows.sort();
    let mut merged: Vec<(Point, Point)> = Vec::new();
    for w in windows {
        match merged.last_mut() {
            Some(last) if w.0.0 < last.1.0 || w.0.1 < last.1.1 => {
                last.1 = (last.1.0.max(w.1.0), last.1.1.max(w.1.1));
            }
            _ => merged.push(w),
        }
    }
    merged
}

/// The changes of window `w` of the texts (their `keys`) aligned again: the halves of the
/// passages of `moves` that do not stay taken out and put back as changes of their own, the
/// passages that stay pinned.
fn window_aligned(
    keys: Pair<&[char]>,
    w: (Point, Point),
    moves: &[&Move],
    stays: &[Option<bool>],
) -> Vec<Change> {
    let halves = halves_in(moves, stays, w);
    // The halves between two points of the window.
    let segment = |from: Point, to: Point| -> Vec<Half> {
        halves
            .iter()
            .filter(|h| h.between(from, to))
            .cloned()
            .collect()
    };
    let mut out: Vec<Change> = Vec::new();
    let mut from = w.0;
    for pin in pins_in(moves, stays, w) {
        let to = (pin.left.start, pin.right.start);
        let crossing = halves.iter().any(|h| {
            let r = &h.range;
            [from, to].into_iter().any(|p| {
                let x = coord(p, h.side);
                r.start < x && r.end > x
            })
        });
        if to.0 < from.0 || to.1 < from.1 || crossing {
            continue;
        }
        out.extend(realign(keys, (from, to), &segment(from, to)));
        out.extend(
            align::align(&keys.left[pin.left.clone()], &keys.right[pin.right.clone()])
                .into_iter()
                .map(|c| Change {
                    a: c.a.start + pin.left.start..c.a.end + pin.left.start,
                    b: c.b.start + pin.right.start..c.b.end + pin.right.start,
                }),
        );
        from = (pin.left.end, pin.right.end);
    }
    out.extend(realign(keys, (from, w.1), &segment(from, w.1)));
    out
}

/// The halves of the passages of `moves` that do not stay lying in window `w`, the left ones
/// first, each side in order.
fn halves_in(moves: &[&Move], stays: &[Option<bool>], w: (Point, Point)) -> Vec<Half> {
    let mut halves: Vec<Half> = Vec::new();
    for (m, stays) in moves.iter().zip(stays) {
        if *stays == Some(true) {
            continue;
        }
        for side in Side::BOTH {
            let half = Half {
                range: m.norm.get(side).clone(),
                side,
            };
            if half.between(w.0, w.1) {
                halves.push(half);
            }
        }
    }
    halves.sort_by_key(|h| (h.side == Side::Right, h.range.start));
    halves
}

/// Passages of `moves` in place after all, inside window `w`, in order: they are pinned, their
/// two readings go together, and the texts either side are aligned apart (a phrase they share
/// with a third place cannot mislead the alignment again).
fn pins_in(moves: &[&Move], stays: &[Option<bool>], w: (Point, Point)) -> Vec<Pair<Range<usize>>> {
    let mut pins: Vec<Pair<Range<usize>>> = moves
        .iter()
        .zip(stays)
        .filter(|(m, s)| {
            **s == Some(true)
                && m.norm.left.start >= w.0.0
                && m.norm.left.end <= w.1.0
                && m.norm.right.start >= w.0.1
                && m.norm.right.end <= w.1.1
        })
        .map(|(m, _)| m.norm.clone())
        .collect();
    pins.sort_by_key(|p| p.left.start);
    pins
}

/// The alignment of a window of the texts once the halves of moves in it are taken out, with
/// each half put back as a change of its own (its text against nothing). Returns the changes
/// in text positions.
fn realign(keys: Pair<&[char]>, (from, to): (Point, Point), halves: &[Half]) -> Vec<Change> {
    // The text of each side without the halves, and where each half was taken out.
    let mut rest: Pair<Vec<char>> = Pair::new(Vec::new(), Vec::new());
    let mut points: Vec<(usize, Side, usize)> = Vec::new();
    for side in Side::BOTH {
        let (keys, out) = (keys.get(side), rest.get_mut(side));
        let mut p = coord(from, side);
        for (k, h) in halves.iter().enumerate().filter(|(_, h)| h.side == side) {
            out.extend_from_slice(&keys[p..h.range.start]);
            points.push((out.len(), side, k));
            p = h.range.end;
        }
        out.extend_from_slice(&keys[p..coord(to, side)]);
    }
    let changes = align::align(&rest.left, &rest.right);
    let mut cuts: Vec<(Point, usize)> = points
        .into_iter()
        .map(|(p, side, k)| (at(&changes, side, p), k))
        .collect();
    cuts.sort();
    let items = on_path(changes, cuts);
    let (mut shift_l, mut shift_r) = (from.0, from.1);
    let mut out = Vec::with_capacity(items.len());
    for (_, _, change, half) in items {
        match half.map(|k| &halves[k]) {
            Some(h) if h.side == Side::Left => {
                let y = change.b.start + shift_r;
                out.push(Change {
                    a: h.range.clone(),
                    b: y..y,
                });
                shift_l += h.range.len();
            }
            Some(h) => {
                let x = change.a.start + shift_l;
                out.push(Change {
                    a: x..x,
                    b: h.range.clone(),
                });
                shift_r += h.range.len();
            }
            None => out.push(Change {
                a: change.a.start + shift_l..change.a.end + shift_l,
                b: change.b.start + shift_r..change.b.end + shift_r,
            }),
        }
    }
    out
}

/// A piece of what [`realign`] puts back: its point on the path, its rank there (a half
/// first), the change, and the index of the half it stands for (`None` for a change).
type Item = (Point, u8, Change, Option<usize>);

/// What [`realign`] puts back, in the order of the path: `changes` (of the texts without the
/// halves) cut at each of the `cuts` (where a half goes, and which), and at each cut an empty
/// change for the half.
fn on_path(changes: Vec<Change>, cuts: Vec<(Point, usize)>) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut c = 0;
    for change in changes {
        let mut piece = change;
        while let Some(&((x, y), _)) = cuts.get(c).filter(|((x, y), _)| {
            (*x, *y) < (piece.a.end, piece.b.end) && *x <= piece.a.end && *y <= piece.b.end
        }) {
            if (x, y) > (piece.a.start, piece.b.start) && x >= piece.a.start && y >= piece.b.start {
                let head = Change {
                    a: piece.a.start..x,
                    b: piece.b.start..y,
                };
                items.push(((head.a.start, head.b.start), 1, head, None));
                piece = Change {
                    a: x..piece.a.end,
                    b: y..piece.b.end,
                };
            }
            c += 1;
        }
        items.push(((piece.a.start, piece.b.start), 1, piece, None));
    }
    for ((x, y), k) in cuts {
        let empty = Change { a: x..x, b: y..y };
        items.push(((x, y), 0, empty, Some(k)));
    }
    items.sort_by_key(|(p, rank, _, k)| (*p, *rank, *k));
    items
}

/// For each of `moves` (sharing no text), whether it stays in place because it was exchanged
/// with another: of two passages found moved across each other, the one on more lines (then
/// the longer, as a line diff does) stays in place and the other moved across it. `None` for
/// one that crosses no other.
pub(super) fn exchanged(norm: &Pair<Arc<Normalized>>, moves: &[&Move]) -> Vec<Option<bool>> {
    let lines = |m: &Move| {
        let heads = &norm.left.line_heads;
        let (s, e) = (m.norm.left.start as u32, m.norm.left.end as u32);
        heads.partition_point(|&h| h < e) - heads.partition_point(|&h| h < s)
    };
    let crosses = |a: &Move, b: &Move| {
        (a.norm.left.start < b.norm.left.start) != (a.norm.right.start < b.norm.right.start)
    };
    let mut order: Vec<usize> = (0..moves.len()).collect();
    order.sort_by_key(|&k| {
        let m = moves[k];
        (
            std::cmp::Reverse(lines(m)),
            std::cmp::Reverse(m.norm.left.len()),
            k,
        )
    });
    let mut stays: Vec<Option<bool>> = vec![None; moves.len()];
    for k in order {
        let m = moves[k];
        let crossing = |want: Option<bool>| {
            moves
                .iter()
                .zip(&stays)
                .any(|(o, s)| *s == want && !std::ptr::eq(*o, m) && crosses(o, m))
        };
        stays[k] = if crossing(Some(true)) {
            Some(false)
        } else if crossing(None) {
            Some(true)
        } else {
            None
        };
    }
    stays
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_aligned_again_puts_each_half_back_as_a_change_of_its_own() {
        // Left `XXXXabcYYYY`, right `XXXXYYYYabc`: `abc` moved to the end.
        let l: Vec<char> = "XXXXabcYYYY".chars().collect();
        let r: Vec<char> = "XXXXYYYYabc".chars().collect();
        let halves = [
            Half {
                range: 4..7,
                side: Side::Left,
            },
            Half {
                range: 8..11,
                side: Side::Right,
            },
        ];
        let out = realign(Pair::new(&l[..], &r[..]), ((0, 0), (11, 11)), &halves);
        assert_eq!(
            out,
            [
                Change { a: 4..7, b: 4..4 },
                Change {
                    a: 11..11,
                    b: 8..11
                }
            ]
        );
    }
}
