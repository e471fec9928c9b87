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
//! * **Short swaps.** A sentence shorter than [`MIN_MOVE`] swapped with its neighbour inside
//!   one line (two one-sided hotspots side by side with the same keys, its edges settled on
//!   whole sentences) is a move too: the seeds are too long to find it.
//!
//! The stages, one module each:
//!
//! 1. `seeds`: the one-sided texts, their seeds, the exact stretches extended from them, and
//!    the moves those join into;
//! 2. `edges`: each move's edges settled on whole sentences; `swaps`: the short sentences
//!    swapped inside a line;
//! 3. this module: the moves kept, those long enough, similar enough, whole sentences, and
//!    once in each text.
//!
//! [`linked`] then takes the moves out of the alignment and puts them back as hotspots:
//!
//! 1. `path`: the alignment's path through its changes, and the windows of it around a
//!    passage;
//! 2. `realign`: which passages stay in place after all (two exchanged, or nothing matched
//!    between a passage's two places), and the windows aligned again without the others;
//! 3. `link`: each move's two halves among the new hotspots, with the spaces beside them
//!    and the variants inside.

mod edges;
mod link;
mod path;
mod realign;
mod seeds;
mod swaps;

pub use edges::SNAP;
pub use seeds::{MAX_GAP, MIN_STRETCH, Move, SEED};

use crate::engine::align::Change;
use crate::engine::classify;
use crate::engine::hotspot::{Class, Hotspot, Kind};
use crate::engine::normalize::Normalized;
use crate::pair::{Pair, Side};
use std::ops::Range;
use std::sync::Arc;

/// The shortest move, in normalised characters on each side (about a sentence).
pub const MIN_MOVE: usize = 20;
/// The share of a move's longer side its exact stretches must cover.
pub const MIN_SIMILARITY: f64 = 0.7;

/// A moved passage of a [`Comparison`](crate::engine::compare::Comparison): two of its
/// hotspots linked, and the variants inside.
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

/// The passages moved between two normalised texts `norm`, from their `hotspots` (every
/// class), in the order of the left text.
pub fn find_moves(norm: &Pair<Arc<Normalized>>, hotspots: &[Hotspot]) -> Vec<Move> {
    let texts = Pair::new(
        seeds::one_sided(hotspots, Side::Left),
        seeds::one_sided(hotspots, Side::Right),
    );
    let mut moves = if texts.left.is_empty() || texts.right.is_empty() {
        Vec::new()
    } else {
        let keys = Pair::new(&norm.left.keys[..], &norm.right.keys[..]);
        let index = seeds::index(keys.right, &texts.right);
        let stretches = seeds::stretches(keys, &texts, &index);
        let mut moves = seeds::joined(seeds::apart(stretches));
        for m in &mut moves {
            edges::settle(norm, m);
        }
        moves.retain(|m| kept(norm, m));
        moves
    };
    // Sentences too short for the seeds, swapped with their neighbour inside a line.
    for m in swaps::swapped(norm, hotspots, MIN_MOVE) {
        if !moves.iter().any(|k| share_text(k, &m)) {
            moves.push(m);
        }
    }
    moves.sort_by_key(|m| m.norm.left.start);
    moves
}

/// Whether `m`, its edges settled, is a move of the texts `norm`: at least [`MIN_MOVE`]
/// characters on each side, its stretches covering at least [`MIN_SIMILARITY`] of it, whole
/// sentences, and found once only in each text.
fn kept(norm: &Pair<Arc<Normalized>>, m: &Move) -> bool {
    let (lk, rk) = (&norm.left.keys, &norm.right.keys);
    m.norm.left.len() >= MIN_MOVE
        && m.norm.right.len() >= MIN_MOVE
        && m.similarity() >= MIN_SIMILARITY
        && edges::whole_sentences(&norm.left, m.norm.left.clone())
        && once(lk, &lk[m.norm.left.clone()])
        && once(rk, &rk[m.norm.right.clone()])
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

/// The hotspots of `norm` (compared by `changes`, classed by `classer` as `classed`, before
/// the differences aside were added) with the passages of `found` linked as moves, and the
/// moves (only the windows whose changes the new alignment changed are classed again):
/// around each of their places the texts are aligned again without them (text the first
/// alignment matched with a moved passage finds its partner), each passage is a hotspot of
/// class [`Class::Moved`] at each place, and the variants inside it are found by comparing
/// its two readings.
pub fn linked(
    norm: &Pair<Arc<Normalized>>,
    classer: &classify::Classer,
    (changes, classed): (&[Change], &[Hotspot]),
    found: &[Move],
) -> (Vec<Hotspot>, Vec<Moved>) {
    let moves = apart(found);
    let (out, stays) = staying(norm, changes, &moves);
    let moves: Vec<&Move> = moves
        .into_iter()
        .zip(&stays)
        .filter(|(_, s)| **s != Some(true))
        .map(|(m, _)| m)
        .collect();
    let mut places: Vec<Pair<Range<usize>>> = moves.iter().map(|m| m.norm.clone()).collect();
    let again = classify::with_aside(norm, classer.reclassed(changes, classed, out));
    let hotspots = link::with_spaces(again, &mut places);
    halves_linked(norm, hotspots, &moves, &places)
}

/// The moves of `found` that share no text with an earlier one on either side.
fn apart(found: &[Move]) -> Vec<&Move> {
    let mut moves: Vec<&Move> = Vec::new();
    for m in found {
        if !moves.iter().any(|k| share_text(k, m)) {
            moves.push(m);
        }
    }
    moves
}

/// Whether two moves share text on either side.
fn share_text(a: &Move, b: &Move) -> bool {
    let overlaps = |x: &Range<usize>, y: &Range<usize>| x.start < y.end && y.start < x.end;
    overlaps(&a.norm.left, &b.norm.left) || overlaps(&a.norm.right, &b.norm.right)
}

/// The changes of the texts `norm` (first compared by `changes`) aligned again around
/// `moves`, and for each move whether it stays in place after all: first where two were
/// exchanged, then by what the texts match between the two places of each once the others
/// are taken out (less than [`MIN_MOVE`] characters, or than the passage itself where it is
/// shorter, a sentence swapped with its neighbour: it stays).
fn staying(
    norm: &Pair<Arc<Normalized>>,
    changes: &[Change],
    moves: &[&Move],
) -> (Vec<Change>, Vec<Option<bool>>) {
    let mut stays = realign::exchanged(norm, moves);
    let mut out = realign::realigned(norm, changes, moves, &stays);
    let mut again = false;
    for (k, m) in moves.iter().enumerate() {
        if stays[k].is_none() {
            let old = m.norm.left.start;
            let new = path::at_right(&out, m.norm.right.start).0;
            let least = MIN_MOVE.min(m.norm.left.len());
            let stay = path::matched_between(&out, old.min(new)..old.max(new)) < least;
            stays[k] = Some(stay);
            again |= stay;
        }
    }
    if again {
        out = realign::realigned(norm, changes, moves, &stays);
    }
    (out, stays)
}

/// `hotspots` with the two halves of each of `moves` (at its `places`) of class
/// [`Class::Moved`], and the moves linked: each with its halves and the variants inside it.
/// A move whose halves are not both among the hotspots is left out.
fn halves_linked(
    norm: &Pair<Arc<Normalized>>,
    mut hotspots: Vec<Hotspot>,
    moves: &[&Move],
    places: &[Pair<Range<usize>>],
) -> (Vec<Hotspot>, Vec<Moved>) {
    // Each move's two halves among the hotspots.
    let find = |hotspots: &[Hotspot], range: &Range<usize>, side: Side| {
        let i = hotspots.partition_point(|h| h.norm.get(side).start < range.start);
        hotspots[i..]
            .iter()
            .take_while(|h| h.norm.get(side).start == range.start)
            .position(|h| h.kind == Kind::only(side) && h.norm.get(side) == range)
            .map(|k| i + k)
    };
    let mut linked: Vec<Moved> = Vec::new();
    for (m, place) in moves.iter().zip(places) {
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
            inner: link::inner_variants(norm, Pair::new(m.norm.left.clone(), m.norm.right.clone())),
        });
    }
    (hotspots, linked)
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

    #[test]
    fn a_short_sentence_swapped_with_its_neighbour_in_a_line_is_one_move() {
        for (a, b, moved) in [
            (
                "序言如下。天下大乱，百姓流离。民不聊生，饿殍遍野。其后如何，无人知晓。",
                "序言如下。民不聊生，饿殍遍野。天下大乱，百姓流离。其后如何，无人知晓。",
                ["天下大乱，百姓流离。", "民不聊生，饿殍遍野。"],
            ),
            (
                "第一段如下。天下大亂。民不聊生。其後如何。",
                "第一段如下。民不聊生。天下大亂。其後如何。",
                ["天下大亂。", "民不聊生。"],
            ),
            (
                "The storm came. We ran home fast. The door was shut.",
                "We ran home fast. The storm came. The door was shut.",
                ["The storm came.", "We ran home fast."],
            ),
        ] {
            let (cmp, moves) = found(a, b);
            let got = moved_texts(&cmp, &moves);
            assert_eq!(got.len(), 1, "{a}: {got:?}");
            assert_eq!(got[0].0, got[0].1);
            assert!(moved.contains(&got[0].0.as_str()), "{a}: {got:?}");
            // Linked, a move takes in the space beside it.
            let linked: Vec<(String, String)> = linked_texts(a, b)
                .into_iter()
                .map(|(l, r)| (l.trim().to_string(), r.trim().to_string()))
                .collect();
            assert_eq!(linked, got);
        }
        // On separate lines they are no move (the seeds find moves of whole sentences of at
        // least `MIN_MOVE` characters only).
        let (_, moves) = found(
            "天下大乱。\n民不聊生。\n其后如何。",
            "民不聊生。\n天下大乱。\n其后如何。",
        );
        assert!(moves.is_empty());
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
}
