//! A move's edges, settled on whole sentences: the stage of [`find_moves`](super::find_moves)
//! after the stretches are joined.
//!
//! The alignment may have matched a move's first or last characters with the same characters
//! beside its old place; a move takes in what agrees on both sides around it (at most
//! [`MAX_GAP`] characters each way), never across the closing mark that ends a sentence or a
//! line break. Edges a few characters ([`SNAP`]) from a sentence's start or end on both sides
//! go there, and a space at an edge goes to the text beside it. What ends a sentence is
//! [`crate::text::sentence`]'s table, shared with the view sections.

use super::seeds::{MAX_GAP, Move};
use crate::engine::normalize::Normalized;
use crate::pair::Pair;
use crate::text::sentence::ends_sentence_at;
use std::ops::Range;
use std::sync::Arc;

/// How far (in normalised characters on each side) a move's edge goes to reach the start or
/// the end of a sentence.
pub const SNAP: usize = 8;

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
pub(super) fn whole_sentences(text: &Normalized, range: Range<usize>) -> bool {
    starts_sentence(text, range.start) && sentence_ends_at(text, range.end)
}

/// Settles the edges of `m`, a move between the texts `norm`, every step in turn.
pub(super) fn settle(norm: &Pair<Arc<Normalized>>, m: &mut Move) {
    slide_past_closing_mark(norm, m);
    slide_back_to_sentence_end(norm, m);
    take_in_agreeing(norm, m);
    snap_to_sentences(norm, m);
    take_in_line_start(norm, m);
    trim_spaces(norm, m);
}

/// Shifts both ranges of `m` by `by` characters forwards.
fn shift(m: &mut Move, by: usize) {
    m.norm.left.start += by;
    m.norm.left.end += by;
    m.norm.right.start += by;
    m.norm.right.end += by;
}

/// A move that starts with the closing mark of the sentence before it (the alignment may
/// take `。B` for `B。` out of `A。B。C`) slides to start after it.
fn slide_past_closing_mark(norm: &Pair<Arc<Normalized>>, m: &mut Move) {
    let (lk, rk, lc) = (&norm.left.keys, &norm.right.keys, &norm.left.chars);
    while m.norm.left.end < lk.len()
        && m.norm.right.end < rk.len()
        && ends_sentence_at(lc, m.norm.left.start)
        && lk[m.norm.left.start] == lk[m.norm.left.end]
        && rk[m.norm.right.start] == rk[m.norm.right.end]
    {
        shift(m, 1);
    }
}

/// A move that ends a few characters into the next sentence, which repeat just before its
/// start (`必须…。必须` out of `必须A。必须B`), slides back to end with its sentence; with
/// no sentence end within reach, it stays where it was found.
fn slide_back_to_sentence_end(norm: &Pair<Arc<Normalized>>, m: &mut Move) {
    let (lk, rk, lc) = (&norm.left.keys, &norm.right.keys, &norm.left.chars);
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
        shift(m, k);
    }
}

/// The alignment may have matched a move's first or last characters with the same
/// characters beside the old place (`会议` opening both the moved sentence and the next):
/// a move takes in what agrees on both sides around it, [`MAX_GAP`] characters at most each
/// way, never across the closing mark that ends a sentence nor across a line break.
fn take_in_agreeing(norm: &Pair<Arc<Normalized>>, m: &mut Move) {
    let (ln, rn) = (&norm.left, &norm.right);
    let (lk, rk, lc) = (&ln.keys, &rn.keys, &ln.chars);
    // Never to start with the closing mark of the sentence before, nor on the line before.
    let mut k = 0;
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
}

/// Edges a few characters ([`SNAP`]) from a sentence's start or end on both sides (an edit
/// right at the edge of the passage) go there: the edit is a variant inside the move. An edge
/// already at a sentence's start or end on one side stays.
fn snap_to_sentences(norm: &Pair<Arc<Normalized>>, m: &mut Move) {
    let (ln, rn) = (&norm.left, &norm.right);
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
}

/// A passage that starts a few characters into a line on one side takes in the start of that
/// line (`第十六条　` before a sentence that became an article of its own): what stands there
/// before it is a variant inside the move.
fn take_in_line_start(norm: &Pair<Arc<Normalized>>, m: &mut Move) {
    let (ln, rn) = (&norm.left, &norm.right);
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
}

/// A space at an edge belongs to the text beside it.
fn trim_spaces(norm: &Pair<Arc<Normalized>>, m: &mut Move) {
    let (lk, rk) = (&norm.left.keys, &norm.right.keys);
    while m.norm.left.len() > 1 && lk[m.norm.left.start] == ' ' && rk[m.norm.right.start] == ' ' {
        m.norm.left.start += 1;
        m.norm.right.start += 1;
        m.matched = m.matched.saturating_sub(1);
    }
    while m.norm.left.len() > 1 && lk[m.norm.left.end - 1] == ' ' && rk[m.norm.right.end - 1] == ' '
    {
        m.norm.left.end -= 1;
        m.norm.right.end -= 1;
        m.matched = m.matched.saturating_sub(1);
    }
}
