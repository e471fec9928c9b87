//! The path of an alignment through its changes: which left position goes with which right
//! one ([`at_left`], [`at_right`]), the stretch of it around a passage widened to whole
//! changes ([`window`]), and what it matches between two places ([`matched_between`]). The
//! passages are aligned again in such windows ([`super::realign`]).

use crate::engine::align::Change;
use crate::pair::Side;
use std::ops::Range;

/// A point of an alignment's path: a left and a right normalised position that correspond.
pub(super) type Point = (usize, usize);

/// The point of the path of `changes` at left position `x`. Through a change the path runs
/// along its left text first, then its right text; where several points have left position
/// `x` (around a change with no left text), the first.
pub(super) fn at_left(changes: &[Change], x: usize) -> Point {
    let i = changes.partition_point(|c| c.a.start < x);
    match i.checked_sub(1).map(|i| &changes[i]) {
        Some(c) if c.a.end > x => (x, c.b.start),
        Some(c) => (x, x - c.a.end + c.b.end),
        None => (x, x),
    }
}

/// The point of the path of `changes` at right position `y` (the first, as [`at_left`]).
pub(super) fn at_right(changes: &[Change], y: usize) -> Point {
    let i = changes.partition_point(|c| c.b.start < y);
    match i.checked_sub(1).map(|i| &changes[i]) {
        Some(c) if c.b.end > y => (c.a.end, y),
        Some(c) => (y - c.b.end + c.a.end, y),
        None => (y, y),
    }
}

/// The point of the path of `changes` at position `p` of `side`.
pub(super) fn at(changes: &[Change], side: Side, p: usize) -> Point {
    match side {
        Side::Left => at_left(changes, p),
        Side::Right => at_right(changes, p),
    }
}

/// A point's position on `side`.
pub(super) fn coord(point: Point, side: Side) -> usize {
    match side {
        Side::Left => point.0,
        Side::Right => point.1,
    }
}

/// A change's range on `side`.
fn range_on(change: &Change, side: Side) -> &Range<usize> {
    match side {
        Side::Left => &change.a,
        Side::Right => &change.b,
    }
}

/// The stretch of the path of `changes` from `from` to `to` (positions on `side`), widened to
/// take in whole every change it reaches into.
pub(super) fn window(changes: &[Change], side: Side, from: usize, to: usize) -> (Point, Point) {
    let inside = |p: usize| {
        let i = changes.partition_point(|c| range_on(c, side).start < p);
        i.checked_sub(1)
            .map(|i| &changes[i])
            .filter(|c| range_on(c, side).end > p)
    };
    let start = inside(from).map_or_else(|| at(changes, side, from), |c| (c.a.start, c.b.start));
    let end = inside(to).map_or_else(|| at(changes, side, to), |c| (c.a.end, c.b.end));
    (start, end)
}

/// The left characters of `range` that `changes` leave equal on both sides.
pub(super) fn matched_between(changes: &[Change], range: Range<usize>) -> usize {
    let (from, to) = (range.start, range.end);
    if from >= to {
        return 0;
    }
    let first = changes.partition_point(|c| c.a.end <= from);
    let unmatched: usize = changes[first..]
        .iter()
        .take_while(|c| c.a.start < to)
        .map(|c| c.a.end.min(to) - c.a.start.max(from))
        .sum();
    (to - from) - unmatched
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_of_an_alignment_runs_through_a_change_left_first() {
        // `ab[cd→xyz]ef`: left 0..2 equal, 2..4 against 2..5, then equal.
        let changes = [Change { a: 2..4, b: 2..5 }];
        assert_eq!(at_left(&changes, 1), (1, 1));
        assert_eq!(at_left(&changes, 2), (2, 2));
        assert_eq!(at_left(&changes, 3), (3, 2));
        assert_eq!(at_left(&changes, 4), (4, 5));
        assert_eq!(at_left(&changes, 6), (6, 7));
        assert_eq!(at_right(&changes, 3), (4, 3));
        assert_eq!(at_right(&changes, 5), (4, 5));
        assert_eq!(at_right(&changes, 7), (6, 7));
        // A window reaching into a change takes it whole.
        assert_eq!(window(&changes, Side::Left, 3, 3), ((2, 2), (4, 5)));
        assert_eq!(matched_between(&changes, 0..6), 4);
        assert_eq!(matched_between(&changes, 3..5), 1);
    }
}
