//! Moved passages: text one side has at one place and the other side at another.
//!
//! The alignment keeps the order of both texts, so a passage cut from one place and pasted at
//! another comes out of it as text only the left side has (or a changed block) at the old
//! place and text only the right side has at the new one. [`find_moves`] links the two: it
//! looks for long stretches that the left side's one-sided text (the left parts of
//! `only-left` and `changed` hotspots) shares with the right side's, by their comparison keys
//! (code forms and variants folded, so `．`/`。` inside a moved sentence does not hide it).
//!
//! * **Seeds.** Every run of [`SEED`] keys of the right side's one-sided text is indexed; each
//!   run of the left side's that is found there is extended both ways while the keys agree,
//!   within the two hotspots' texts. A run found at many places (repeated boilerplate) is
//!   skipped.
//! * **Exact stretches** of at least [`MIN_STRETCH`] keys are kept, the longest first, never two
//!   over the same text on either side.
//! * **Moves** join stretches between the same two hotspots that follow each other on both
//!   sides with small gaps (a passage moved *and* edited: the gaps are its inner variants).
//!   A move must be at least [`MIN_MOVE`] keys long on each side, and its stretches must cover
//!   at least [`MIN_SIMILARITY`] of the longer side: a short common phrase (`本法所称`, `the
//!   following`) is never a move, nor is a passage either text has at more than one place (a
//!   running title, a repeated heading).
//! * **Edges.** The alignment may have matched a move's first or last characters with the
//!   same characters beside its old place; a move takes in what agrees on both sides around
//!   it (at most [`MAX_GAP`] characters each way), never across the closing mark that ends a
//!   sentence or a line break. A move is whole sentences: it starts where a sentence or a
//!   line starts and ends where one ends (a phrase a rewritten sentence kept is no move).

use crate::engine::align::{self, Change};
use crate::engine::classify;
use crate::engine::hotspot::{Class, Hotspot, Kind};
use crate::engine::normalize::Normalized;
use crate::pair::{Pair, Side};
use crate::text::sentence::ends_sentence_at;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
use std::sync::Arc;

/// Keys in a seed.
pub const SEED: usize = 8;
/// The shortest exact stretch a move is built from, in normalised characters.
pub const MIN_STRETCH: usize = 12;
/// The shortest move, in normalised characters on each side (about a sentence).
pub const MIN_MOVE: usize = 20;
/// The share of a move's longer side its exact stretches must cover.
pub const MIN_SIMILARITY: f64 = 0.7;
/// The longest gap between two stretches of one move, in normalised characters on either side.
pub const MAX_GAP: usize = 40;
/// How far (in normalised characters on each side) a move's edge goes to reach the start or
/// the end of a sentence.
pub const SNAP: usize = 8;
/// A seed found at more places than this on the right is boilerplate, not a clue.
const MAX_PLACES: usize = 16;

/// A passage moved between the two texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// Its range in each normalised text.
    pub norm: Pair<Range<usize>>,
    /// The hotspots it was found in: its text on the left, and on the right.
    pub hotspots: Pair<usize>,
    /// Normalised characters its exact stretches cover (on each side).
    pub matched: usize,
}

impl Move {
    /// The share of its longer side that its exact stretches cover.
    pub fn similarity(&self) -> f64 {
        let longer = self.norm.left.len().max(self.norm.right.len()).max(1);
        self.matched as f64 / longer as f64
    }
}

/// A moved passage of a [`Comparison`]: two of its hotspots linked, and the variants inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Its two halves in the comparison's hotspots, both of class [`Class::Moved`]: the left
    /// one is its text at the old place (only the left side has it there), the right one its
    /// text at the new place (only the right side has it there).
    pub halves: Pair<usize>,
    /// The variants inside it, each a hotspot of its own class whose left range lies in the
    /// old place and right range in the new one.
    pub inner: Vec<Hotspot>,
}

impl Moved {
    /// The move as one hotspot of kind [`Kind::Moved`]: its left span where the passage was,
    /// its right span where it went.
    pub fn hotspot(&self, hotspots: &[Hotspot]) -> Hotspot {
        let (l, r) = (&hotspots[self.halves.left], &hotspots[self.halves.right]);
        Hotspot {
            kind: Kind::Moved,
            class: Class::Moved,
            norm: Pair::new(l.norm.left.clone(), r.norm.right.clone()),
            span: Pair::new(l.span.left.clone(), r.span.right.clone()),
        }
    }
}

/// An exact stretch shared by a left and a right one-sided text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stretch {
    left: usize,
    right: usize,
    len: usize,
    hotspots: (usize, usize),
}

/// The one-sided texts of a side: the normalised range of each hotspot with text there that
/// the other side does not have at that place, with the hotspot's index.
fn one_sided(hotspots: &[Hotspot], side: Side) -> Vec<(Range<usize>, usize)> {
    hotspots
        .iter()
        .enumerate()
        .filter(|(_, h)| h.kind == Kind::only(side) || h.kind == Kind::Changed)
        .map(|(i, h)| (h.norm.get(side).clone(), i))
        .filter(|(r, _)| r.len() >= MIN_STRETCH)
        .collect()
}

/// Whether a sentence or a line of `text` starts at normalised position `p`.
fn starts_sentence(text: &Normalized, p: usize) -> bool {
    p == 0 || text.is_line_head(p) || ends_sentence_at(&text.chars, p - 1)
}

/// Whether a sentence or a line of `text` ends at normalised position `p` (before it).
fn sentence_ends_at(text: &Normalized, p: usize) -> bool {
    p == text.len() || text.is_line_head(p) || ends_sentence_at(&text.chars, p - 1)
}

/// Whether normalised `range` of `text` is whole sentences: it starts where a line or a
/// sentence starts and ends where one ends.
fn whole_sentences(text: &Normalized, range: Range<usize>) -> bool {
    starts_sentence(text, range.start) && sentence_ends_at(text, range.end)
}

/// Whether `passage` occurs in `text` once only: a passage a text has at several places (a
/// running title, a repeated heading) is boilerplate, never a move.
fn once(text: &[char], passage: &[char]) -> bool {
    let Some(&first) = passage.first() else {
        return false;
    };
    let mut found = 0;
    for (i, &c) in text.iter().enumerate() {
        if c == first && text[i..].starts_with(passage) {
            found += 1;
            if found > 1 {
                return false;
            }
        }
    }
    found == 1
}

/// A hash of `keys` (FNV-1a over the characters).
fn hash(keys: &[char]) -> u64 {
    keys.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ c as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The passages moved between two normalised texts `norm`, from their `hotspots` (every
/// class), in the order of the left text.
pub fn find_moves(norm: &Pair<Arc<Normalized>>, hotspots: &[Hotspot]) -> Vec<Move> {
    let (lk, rk) = (&norm.left.keys, &norm.right.keys);
    let (lefts, rights) = (
        one_sided(hotspots, Side::Left),
        one_sided(hotspots, Side::Right),
    );
    if lefts.is_empty() || rights.is_empty() {
        return Vec::new();
    }
    // Every seed of the right side's one-sided texts, with its place and its text's index.
    let mut index: FxHashMap<u64, Vec<(u32, u32)>> = FxHashMap::default();
    for (t, (range, _)) in rights.iter().enumerate() {
        for q in range.start..=range.end.saturating_sub(SEED) {
            index
                .entry(hash(&rk[q..q + SEED]))
                .or_default()
                .push((q as u32, t as u32));
        }
    }
    let mut stretches: Vec<Stretch> = Vec::new();
    for (left_range, lh) in &lefts {
        // The diagonal (left - right) each right text was last extended along, and where.
        let mut reached: FxHashMap<(isize, u32), usize> = FxHashMap::default();
        for p in left_range.start..=left_range.end.saturating_sub(SEED) {
            let Some(places) = index.get(&hash(&lk[p..p + SEED])) else {
                continue;
            };
            if places.len() > MAX_PLACES {
                continue;
            }
            for &(q, t) in places {
                let (q, t) = (q as usize, t);
                let diagonal = p as isize - q as isize;
                if reached.get(&(diagonal, t)).is_some_and(|&end| p < end) {
                    continue;
                }
                let (right_range, rh) = &rights[t as usize];
                if lk[p..p + SEED] != rk[q..q + SEED] {
                    continue;
                }
                let mut start = 0;
                while p - start > left_range.start
                    && q - start > right_range.start
                    && lk[p - start - 1] == rk[q - start - 1]
                {
                    start += 1;
                }
                let mut len = start + SEED;
                while p - start + len < left_range.end
                    && q - start + len < right_range.end
                    && lk[p - start + len] == rk[q - start + len]
                {
                    len += 1;
                }
                reached.insert((diagonal, t), p - start + len);
                if len >= MIN_STRETCH {
                    stretches.push(Stretch {
                        left: p - start,
                        right: q - start,
                        len,
                        hotspots: (*lh, *rh),
                    });
                }
            }
        }
    }
    // The longest first, never two over the same text on either side.
    stretches.sort_by(|a, b| b.len.cmp(&a.len).then(a.left.cmp(&b.left)));
    let mut kept: Vec<Stretch> = Vec::new();
    let overlaps = |a: &Stretch, b: &Stretch| {
        (a.left < b.left + b.len && b.left < a.left + a.len)
            || (a.right < b.right + b.len && b.right < a.right + a.len)
    };
    for s in stretches {
        if !kept.iter().any(|k| overlaps(k, &s)) {
            kept.push(s);
        }
    }
    // Stretches that follow each other on both sides between the same two texts join.
    kept.sort_by_key(|s| (s.hotspots, s.left));
    let mut moves: Vec<Move> = Vec::new();
    for s in kept {
        let joined = moves.last_mut().filter(|m| {
            m.hotspots == Pair::new(s.hotspots.0, s.hotspots.1)
                && s.left >= m.norm.left.end
                && s.right >= m.norm.right.end
                && s.left - m.norm.left.end <= MAX_GAP
                && s.right - m.norm.right.end <= MAX_GAP
        });
        match joined {
            Some(m) => {
                m.norm.left.end = s.left + s.len;
                m.norm.right.end = s.right + s.len;
                m.matched += s.len;
            }
            None => moves.push(Move {
                norm: Pair::new(s.left..s.left + s.len, s.right..s.right + s.len),
                hotspots: Pair::new(s.hotspots.0, s.hotspots.1),
                matched: s.len,
            }),
        }
    }
    // The alignment may have matched a move's first or last characters with the same
    // characters beside the old place (`会议` opening both the moved sentence and the next):
    // a move takes in what agrees on both sides around it, a few characters at most.
    let lc = &norm.left.chars;
    for m in &mut moves {
        // A move that starts with the closing mark of the sentence before it (the alignment
        // may take `。B` for `B。` out of `A。B。C`) slides to start after it.
        while m.norm.left.end < lk.len()
            && m.norm.right.end < rk.len()
            && ends_sentence_at(lc, m.norm.left.start)
            && lk[m.norm.left.start] == lk[m.norm.left.end]
            && rk[m.norm.right.start] == rk[m.norm.right.end]
        {
            m.norm.left.start += 1;
            m.norm.left.end += 1;
            m.norm.right.start += 1;
            m.norm.right.end += 1;
        }
        // One that ends a few characters into the next sentence, which repeat just before its
        // start (`必须…。必须` out of `必须A。必须B`), slides back to end with its sentence.
        let mut k = 0;
        while k < MAX_GAP
            && m.norm.left.start > 0
            && m.norm.right.start > 0
            && !ends_sentence_at(lc, m.norm.left.end - 1)
            && lk[m.norm.left.start - 1] == lk[m.norm.left.end - 1]
            && rk[m.norm.right.start - 1] == rk[m.norm.right.end - 1]
        {
            m.norm.left.start -= 1;
            m.norm.left.end -= 1;
            m.norm.right.start -= 1;
            m.norm.right.end -= 1;
            k += 1;
        }
        if !ends_sentence_at(lc, m.norm.left.end - 1) {
            // No sentence end within reach: back where it was found.
            m.norm.left.start += k;
            m.norm.left.end += k;
            m.norm.right.start += k;
            m.norm.right.end += k;
        }
        k = 0;
        // Never to start with the closing mark of the sentence before, nor on the line before.
        let (ln, rn) = (&norm.left, &norm.right);
        while k < MAX_GAP
            && m.norm.left.start > 0
            && m.norm.right.start > 0
            && !ln.is_line_head(m.norm.left.start)
            && !rn.is_line_head(m.norm.right.start)
            && lk[m.norm.left.start - 1] == rk[m.norm.right.start - 1]
            && !ends_sentence_at(lc, m.norm.left.start - 1)
        {
            m.norm.left.start -= 1;
            m.norm.right.start -= 1;
            m.matched += 1;
            k += 1;
        }
        // Never past the closing mark that ends a sentence, nor onto the next line.
        k = 0;
        while k < MAX_GAP
            && m.norm.left.end < lk.len()
            && m.norm.right.end < rk.len()
            && !ln.is_line_head(m.norm.left.end)
            && !rn.is_line_head(m.norm.right.end)
            && lk[m.norm.left.end] == rk[m.norm.right.end]
            && !ends_sentence_at(lc, m.norm.left.end - 1)
        {
            m.norm.left.end += 1;
            m.norm.right.end += 1;
            m.matched += 1;
            k += 1;
        }
        // Edges a few characters from a sentence's start or end on both sides (an edit right
        // at the edge of the passage) go there: the edit is a variant inside the move. An edge
        // already at a sentence's start or end on one side stays.
        let (starts, ends) = (starts_sentence, sentence_ends_at);
        let back =
            |n: &Normalized, p: usize| (p.saturating_sub(SNAP)..=p).rev().find(|&q| starts(n, q));
        if !starts(ln, m.norm.left.start)
            && !starts(rn, m.norm.right.start)
            && let (Some(l), Some(r)) = (back(ln, m.norm.left.start), back(rn, m.norm.right.start))
        {
            m.norm.left.start = l;
            m.norm.right.start = r;
        }
        // One that runs a few characters into the next sentence on both sides (`。第` of the
        // next article's `第…条`) ends with its sentence.
        if !ends(ln, m.norm.left.end)
            && !ends(rn, m.norm.right.end)
            && let Some(cut) = (1..=SNAP.min(m.norm.left.len() - 1)).find(|&k| {
                k < m.norm.right.len()
                    && ends(ln, m.norm.left.end - k)
                    && ends(rn, m.norm.right.end - k)
            })
        {
            m.norm.left.end -= cut;
            m.norm.right.end -= cut;
        }
        let on = |n: &Normalized, p: usize| (p..=(p + SNAP).min(n.len())).find(|&q| ends(n, q));
        if !ends(ln, m.norm.left.end)
            && !ends(rn, m.norm.right.end)
            && let (Some(l), Some(r)) = (on(ln, m.norm.left.end), on(rn, m.norm.right.end))
        {
            m.norm.left.end = l;
            m.norm.right.end = r;
        }
        // A passage that starts a few characters into a line on one side takes in the start
        // of that line (`第十六条　` before a sentence that became an article of its own): what
        // stands there before it is a variant inside the move.
        for (n, start) in [(ln, &mut m.norm.left.start), (rn, &mut m.norm.right.start)] {
            let head = n.line_heads.partition_point(|&h| (h as usize) <= *start);
            if let Some(&h) = head.checked_sub(1).map(|k| &n.line_heads[k]) {
                let h = h as usize;
                if h < *start
                    && *start - h <= SNAP
                    && !(h..*start).any(|q| ends_sentence_at(&n.chars, q))
                {
                    *start = h;
                }
            }
        }
        // A space at an edge belongs to the text beside it.
        while m.norm.left.len() > 1 && lk[m.norm.left.start] == ' ' && rk[m.norm.right.start] == ' '
        {
            m.norm.left.start += 1;
            m.norm.right.start += 1;
            m.matched = m.matched.saturating_sub(1);
        }
        while m.norm.left.len() > 1
            && lk[m.norm.left.end - 1] == ' '
            && rk[m.norm.right.end - 1] == ' '
        {
            m.norm.left.end -= 1;
            m.norm.right.end -= 1;
            m.matched = m.matched.saturating_sub(1);
        }
    }
    moves.retain(|m| {
        m.norm.left.len() >= MIN_MOVE
            && m.norm.right.len() >= MIN_MOVE
            && m.similarity() >= MIN_SIMILARITY
            && whole_sentences(&norm.left, m.norm.left.clone())
            && once(lk, &lk[m.norm.left.clone()])
            && once(rk, &rk[m.norm.right.clone()])
    });
    moves.sort_by_key(|m| m.norm.left.start);
    moves
}

/// A point of an alignment's path: a left and a right normalised position that correspond.
type Point = (usize, usize);

/// The point of the path of `changes` at left position `x`. Through a change the path runs
/// along its left text first, then its right text; where several points have left position
/// `x` (around a change with no left text), the first.
fn at_left(changes: &[Change], x: usize) -> Point {
    let i = changes.partition_point(|c| c.a.start < x);
    match i.checked_sub(1).map(|i| &changes[i]) {
        Some(c) if c.a.end > x => (x, c.b.start),
        Some(c) => (x, x - c.a.end + c.b.end),
        None => (x, x),
    }
}

/// The point of the path of `changes` at right position `y` (the first, as [`at_left`]).
fn at_right(changes: &[Change], y: usize) -> Point {
    let i = changes.partition_point(|c| c.b.start < y);
    match i.checked_sub(1).map(|i| &changes[i]) {
        Some(c) if c.b.end > y => (c.a.end, y),
        Some(c) => (y - c.b.end + c.a.end, y),
        None => (y, y),
    }
}

/// The point of the path of `changes` at position `p` of `side`.
fn at(changes: &[Change], side: Side, p: usize) -> Point {
    match side {
        Side::Left => at_left(changes, p),
        Side::Right => at_right(changes, p),
    }
}

/// A point's position on `side`.
fn coord(point: Point, side: Side) -> usize {
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
fn window(changes: &[Change], side: Side, from: usize, to: usize) -> (Point, Point) {
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
    // The changes cut where a half goes, then the halves, in the order of the path.
    let mut items: Vec<(Point, u8, Change, Option<usize>)> = Vec::new();
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

/// The hotspots of `norm` (compared by `changes`) with the passages of `found` linked as moves,
/// and the moves:
/// around each of their places the texts are aligned again without them (text the first
/// alignment matched with a moved passage finds its partner), each passage is a hotspot of
/// class [`Class::Moved`] at each place, and the variants inside it are found by comparing
/// its two readings.
pub fn linked(
    norm: &Pair<Arc<Normalized>>,
    changes: &[Change],
    found: &[Move],
) -> (Vec<Hotspot>, Vec<Moved>) {
    // Moves that share no text with an earlier one on either side.
    let mut moves: Vec<&Move> = Vec::new();
    for m in found {
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        if !moves
            .iter()
            .any(|k| overlaps(&k.norm.left, &m.norm.left) || overlaps(&k.norm.right, &m.norm.right))
        {
            moves.push(m);
        }
    }
    // Which are in place after all: first where two were exchanged, then by what the texts
    // match between the two places of each once the others are taken out.
    let mut stays = exchanged(norm, &moves);
    let mut out = realigned(norm, changes, &moves, &stays);
    let mut again = false;
    for (k, m) in moves.iter().enumerate() {
        if stays[k].is_none() {
            let old = m.norm.left.start;
            let new = at_right(&out, m.norm.right.start).0;
            let stay = matched_between(&out, old.min(new)..old.max(new)) < MIN_MOVE;
            stays[k] = Some(stay);
            again |= stay;
        }
    }
    if again {
        out = realigned(norm, changes, &moves, &stays);
    }
    let moves: Vec<&Move> = moves
        .into_iter()
        .zip(&stays)
        .filter(|(_, s)| **s != Some(true))
        .map(|(m, _)| m)
        .collect();
    let mut places: Vec<Pair<Range<usize>>> = moves.iter().map(|m| m.norm.clone()).collect();
    let hotspots = with_spaces(classify::hotspots(norm, out), &mut places);
    // Each move's two halves among the hotspots.
    let find = |hotspots: &[Hotspot], range: &Range<usize>, side: Side| {
        let i = hotspots.partition_point(|h| h.norm.get(side).start < range.start);
        hotspots[i..]
            .iter()
            .take_while(|h| h.norm.get(side).start == range.start)
            .position(|h| h.kind == Kind::only(side) && h.norm.get(side) == range)
            .map(|k| i + k)
    };
    let mut hotspots = hotspots;
    let mut linked: Vec<Moved> = Vec::new();
    for (m, place) in moves.iter().zip(&places) {
        let (Some(l), Some(r)) = (
            find(&hotspots, &place.left, Side::Left),
            find(&hotspots, &place.right, Side::Right),
        ) else {
            continue;
        };
        hotspots[l].class = Class::Moved;
        hotspots[r].class = Class::Moved;
        linked.push(Moved {
            halves: Pair::new(l, r),
            inner: inner_variants(norm, Pair::new(m.norm.left.clone(), m.norm.right.clone())),
        });
    }
    (hotspots, linked)
}

/// `hotspots` with a space that only one side has right beside a moved passage taken into the
/// passage (`} String.raw…`: once the passage is gone, the space stands between `}` and what
/// followed it, where it means nothing).
fn with_spaces(hotspots: Vec<Hotspot>, places: &mut [Pair<Range<usize>>]) -> Vec<Hotspot> {
    let edges: FxHashSet<(Side, usize)> = places
        .iter()
        .flat_map(|p| Side::BOTH.map(|side| (side, p.get(side).clone())))
        .flat_map(|(side, r)| [(side, r.start), (side, r.end)])
        .collect();
    let mut spaces: Vec<(Side, Hotspot)> = Vec::new();
    let mut out: Vec<Hotspot> = Vec::with_capacity(hotspots.len());
    for h in hotspots {
        let side = if h.kind == Kind::OnlyLeft {
            Side::Left
        } else {
            Side::Right
        };
        let r = h.norm.get(side);
        let beside = h.class == Class::Spacing
            && h.kind != Kind::Changed
            && r.len() == 1
            && (edges.contains(&(side, r.start)) || edges.contains(&(side, r.end)));
        if beside {
            spaces.push((side, h));
        } else {
            out.push(h);
        }
    }
    // The spans the passages took in, where markup kept aside is now part of them.
    let mut absorbed: Vec<(Side, Range<usize>)> = Vec::new();
    for (side, space) in spaces {
        let s = space.norm.get(side).clone();
        let place = places.iter_mut().find(|p| {
            let r = p.get(side);
            r.start == s.end || r.end == s.start
        });
        // The half must stand right beside the space on the other side too, with nothing
        // between them.
        let across = space.norm.get(side.other()).start;
        let half = place.and_then(|p| {
            let r = p.get_mut(side);
            let found = out.iter_mut().find(|h| {
                h.kind == Kind::only(side)
                    && h.norm.get(side) == r
                    && h.norm.get(side.other()).start == across
            });
            if found.is_some() {
                *r = r.start.min(s.start)..r.end.max(s.end);
            }
            found
        });
        match half {
            Some(h) => {
                let (n, sp) = (h.norm.get_mut(side), h.span.get_mut(side));
                let ss = space.span.get(side);
                *n = n.start.min(s.start)..n.end.max(s.end);
                *sp = sp.start.min(ss.start)..sp.end.max(ss.end);
                absorbed.push((side, sp.clone()));
            }
            None => {
                let at = out.partition_point(|h| {
                    (h.norm.left.start, h.norm.right.start)
                        < (space.norm.left.start, space.norm.right.start)
                });
                out.insert(at, space);
            }
        }
    }
    out.retain(|h| {
        !absorbed.iter().any(|(side, span)| {
            let sp = h.span.get(*side);
            h.norm.get(*side).is_empty()
                && matches!(h.class, Class::Markup | Class::Invisible)
                && sp.start >= span.start
                && sp.end <= span.end
                && sp != span
        })
    });
    out
}

/// The changes of the texts with the passages of `moves` that do not stay (`stays` is not
/// `Some(true)`) taken out of the alignment: around each of their places the texts are aligned
/// again without them, each passage put back as a change of its own; around a passage that
/// stays, the texts are aligned again from one of its places to the other.
fn realigned(
    norm: &Pair<Arc<Normalized>>,
    changes: &[Change],
    moves: &[&Move],
    stays: &[Option<bool>],
) -> Vec<Change> {
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
    // The changes outside the windows as they were; inside, aligned again.
    let mut out: Vec<Change> = Vec::with_capacity(changes.len() + 2 * moves.len());
    let mut rest = changes.iter().peekable();
    for w in &merged {
        while let Some(c) = rest.next_if(|c| c.a.end <= w.0.0 && c.b.end <= w.0.1) {
            out.push(c.clone());
        }
        while rest
            .next_if(|c| c.a.end <= w.1.0 && c.b.end <= w.1.1)
            .is_some()
        {}
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
        // Passages in place after all are pinned: their two readings go together, and the
        // texts either side are aligned apart (a phrase they share with a third place cannot
        // mislead the alignment again).
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
        let mut from = w.0;
        let keys = Pair::new(&norm.left.keys[..], &norm.right.keys[..]);
        // The halves between two points of the window.
        let segment = |from: Point, to: Point| -> Vec<Half> {
            halves
                .iter()
                .filter(|h| h.between(from, to))
                .cloned()
                .collect()
        };
        for pin in pins {
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
    }
    out.extend(rest.cloned());
    out
}

/// The left characters of `range` that `changes` leave equal on both sides.
fn matched_between(changes: &[Change], range: Range<usize>) -> usize {
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

/// For each of `moves` (sharing no text), whether it stays in place because it was exchanged
/// with another: of two passages found moved across each other, the one on more lines (then
/// the longer, as a line diff does) stays in place and the other moved across it. `None` for
/// one that crosses no other.
fn exchanged(norm: &Pair<Arc<Normalized>>, moves: &[&Move]) -> Vec<Option<bool>> {
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

/// The variants between the two readings of a moved passage (normalised ranges `ranges`):
/// the two compared as texts of their own, every hotspot placed back in the whole texts.
fn inner_variants(norm: &Pair<Arc<Normalized>>, ranges: Pair<Range<usize>>) -> Vec<Hotspot> {
    let (left, lo) = norm.left.slice(ranges.left.clone());
    let (right, ro) = norm.right.slice(ranges.right.clone());
    let part = Pair::new(Arc::new(left), Arc::new(right));
    let changes = align::align(&part.left.keys, &part.right.keys);
    classify::hotspots(&part, changes)
        .into_iter()
        .map(|h| Hotspot {
            norm: Pair::new(
                h.norm.left.start + ranges.left.start..h.norm.left.end + ranges.left.start,
                h.norm.right.start + ranges.right.start..h.norm.right.end + ranges.right.start,
            ),
            span: Pair::new(
                h.span.left.start + lo..h.span.left.end + lo,
                h.span.right.start + ro..h.span.right.end + ro,
            ),
            ..h
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compare::{Comparison, compare, compare_unlinked};
    use crate::engine::normalize::normalize;

    /// The moves found in `a` against `b`, before they are linked.
    fn found(a: &str, b: &str) -> (Comparison, Vec<Move>) {
        let cmp = compare_unlinked(Pair::new(Arc::new(normalize(a)), Arc::new(normalize(b))));
        let moves = find_moves(&cmp.norm, &cmp.hotspots);
        (cmp, moves)
    }

    fn moved_texts(cmp: &Comparison, moves: &[Move]) -> Vec<(String, String)> {
        moves
            .iter()
            .map(|m| {
                (
                    cmp.norm.left.text(m.norm.left.clone()),
                    cmp.norm.right.text(m.norm.right.clone()),
                )
            })
            .collect()
    }

    /// The linked moves of the comparison of `a` and `b`: each side's normalised text.
    fn linked_texts(a: &str, b: &str) -> Vec<(String, String)> {
        let cmp = compare(a, b);
        cmp.moves
            .iter()
            .map(|m| {
                let h = m.hotspot(&cmp.hotspots);
                (
                    cmp.norm.left.text(h.norm.left),
                    cmp.norm.right.text(h.norm.right),
                )
            })
            .collect()
    }

    const SENTENCE: &str = "本法所称垄断协议，是指排除、限制竞争的协议、决定或者其他协同行为。";
    const BETWEEN: &str = "第十四条　禁止经营者与交易相对人达成下列垄断协议：固定向第三人转售商品的价格；限定向第三人转售商品的最低价格；国务院反垄断执法机构认定的其他垄断协议。\n第十五条　经营者能够证明所达成的协议属于下列情形之一的，不适用本法第十三条、第十四条的规定。";

    #[test]
    fn a_sentence_moved_to_another_paragraph_is_one_move() {
        // The articles between are longer than the sentence: the alignment keeps them in
        // place, and the sentence is what moved.
        let a =
            format!("第十三条　禁止具有竞争关系的经营者达成下列垄断协议。{SENTENCE}\n{BETWEEN}");
        let b = format!(
            "第十三条　禁止具有竞争关系的经营者达成下列垄断协议。\n{BETWEEN}\n第十六条　{SENTENCE}"
        );
        let (cmp, moves) = found(&a, &b);
        // The new article's heading goes with the sentence that became the article: a
        // variant inside the move.
        let with_heading = format!("第十六条{SENTENCE}");
        let expected = [(SENTENCE.to_string(), with_heading)];
        assert_eq!(moved_texts(&cmp, &moves), expected);
        assert_eq!(linked_texts(&a, &b), expected);
        // Linked: two hotspots of class `moved`, one each side, and nothing else.
        let cmp = compare(&a, &b);
        let halves = &cmp.moves[0].halves;
        assert_eq!(cmp.hotspots[halves.left].kind, Kind::OnlyLeft);
        assert_eq!(cmp.hotspots[halves.right].kind, Kind::OnlyRight);
        let others: Vec<String> = cmp
            .hotspots
            .iter()
            .filter(|h| h.class != Class::Moved)
            .map(|h| cmp.norm.right.text(h.norm.right.clone()))
            .collect();
        assert!(others.is_empty(), "{others:?}");
        let inner: Vec<String> = cmp.moves[0]
            .inner
            .iter()
            .map(|h| cmp.norm.right.text(h.norm.right.clone()))
            .collect();
        assert_eq!(inner, ["第十六条"]);
        // Moved text is text in common.
        assert!(cmp.similarity > 0.95, "{}", cmp.similarity);
    }

    #[test]
    fn a_moved_and_edited_passage_is_one_move_with_its_edit_inside() {
        let middle = "中间还有别的内容不动，这一部分比移走的段落长得多，讲的是标签模板的用法，以及它和普通函数调用之间的区别，还有几个例子说明参数怎样传入。";
        let a = format!(
            "开头的一段话在这里。这一段讲的是模板字符串的原始形式，它会把斜杠转义，并且返回替换后的结果字符串。{middle}结尾。"
        );
        let b = format!(
            "开头的一段话在这里。{middle}这一段讲的是模板字符串的原始形式，它会把反斜杠转义，并且返回替换后的结果字符串。结尾。"
        );
        let (cmp, moves) = found(&a, &b);
        assert_eq!(moves.len(), 1, "{:?}", moved_texts(&cmp, &moves));
        let (l, r) = &moved_texts(&cmp, &moves)[0];
        assert!(
            l.starts_with("这一段讲的是") && l.ends_with("结果字符串。"),
            "{l}"
        );
        assert!(r.contains("反斜杠"), "{r}");
        assert!(moves[0].similarity() >= MIN_SIMILARITY);
        let cmp = compare(&a, &b);
        let inner: Vec<(String, String)> = cmp.moves[0]
            .inner
            .iter()
            .map(|h| {
                (
                    cmp.norm.left.text(h.norm.left.clone()),
                    cmp.norm.right.text(h.norm.right.clone()),
                )
            })
            .collect();
        assert_eq!(inner, [(String::new(), "反".to_string())]);
        // The whole comparison: the move and its edit, nothing else.
        let reading = cmp.reading();
        assert_eq!(reading.len(), 2, "{reading:?}");
        assert_eq!(reading[0].kind, Kind::Moved);
    }

    #[test]
    fn a_short_common_phrase_is_never_a_move() {
        let a = "甲乙丙丁，本法所称，戊己庚辛。";
        let b = "子丑寅卯。戊己庚辛，本法所称，辰巳午未。";
        assert!(found(a, b).1.is_empty());
    }

    #[test]
    fn a_repeated_passage_is_never_a_move() {
        // A running title at the head of each part: where the parts begin differs.
        let title = "FRANKENSTEIN; OR, THE MODERN PROMETHEUS. VOLUME THE SECOND.";
        let p: Vec<String> = (0..6)
            .map(|i| format!("Paragraph {i} tells of a walk by the lake and of the storm that came after it.\n"))
            .collect();
        let a = format!("{title}\n{}{}{title}\n{}", p[0], p[1], p[2..].concat());
        let b = format!(
            "{title}\n{}{}{}{title}\n{}",
            p[0],
            p[1],
            p[2],
            p[3..].concat()
        );
        assert!(
            linked_texts(&a, &b).is_empty(),
            "{:?}",
            linked_texts(&a, &b)
        );
    }

    #[test]
    fn of_two_passages_exchanged_the_one_on_more_lines_stays() {
        let short = "短的一段只有一行，讲的是另外一件事情，和上下文没有关系。\n";
        let long = "长的一段有好几行。\n第二行接着讲下去，说明前面的意思。\n第三行把话说完，这一段就结束了。\n";
        let a = format!("开头。\n{short}{long}结尾。\n");
        let b = format!("开头。\n{long}{short}结尾。\n");
        let moves = linked_texts(&a, &b);
        assert_eq!(moves.len(), 1, "{moves:?}");
        assert!(moves[0].0.starts_with("短的一段"), "{moves:?}");
    }

    /// Hotspots in order on both sides, none overlapping another.
    fn assert_in_order(cmp: &Comparison) {
        for w in cmp.hotspots.windows(2) {
            assert!(
                w[0].norm.left.end <= w[1].norm.left.start
                    && w[0].norm.right.end <= w[1].norm.right.start,
                "{:?} then {:?}",
                w[0].norm,
                w[1].norm
            );
        }
    }

    #[test]
    fn a_space_is_taken_into_a_passage_only_right_beside_it() {
        // Found by a fuzzer: a one-sided space touching a passage's range on its own side,
        // with the other passage's empty half between them on the other side.
        let a = "<livisiable=\"false\">\n<f=\"list_le=\"false\"a>\n<iv isplay:none;\" cl";
        let b = "div isplay:none;\" cl list_le=\"false\">美a>\nis_visiable=\"false\">";
        assert_in_order(&compare(a, b));
        assert_in_order(&compare(b, a));
    }

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
