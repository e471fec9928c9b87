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
//!   following`) is never a move.
//! * **Edges.** The alignment may have matched a move's first or last characters with the
//!   same characters beside its old place; a move takes in what agrees on both sides around
//!   it (at most [`MAX_GAP`] characters each way), never across the closing mark that ends a
//!   sentence.

use crate::engine::compare::{Comparison, Kind};
use crate::pair::Pair;
use rustc_hash::FxHashMap;
use std::ops::Range;

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
/// A seed found at more places than this on the right is boilerplate, not a clue.
const MAX_PLACES: usize = 16;

/// Whether `c` ends a sentence (with the quotes and brackets that close after it): a move's
/// edges never cross it.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '．' | '.' | '!' | '?' | '”' | '’' | '」' | '』' | '）' | ')'
    )
}

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
fn one_sided(cmp: &Comparison, left: bool) -> Vec<(Range<usize>, usize)> {
    cmp.hotspots
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let wanted = if left {
                Kind::OnlyLeft
            } else {
                Kind::OnlyRight
            };
            h.kind == wanted || h.kind == Kind::Changed
        })
        .map(|(i, h)| {
            let range = if left { &h.norm.left } else { &h.norm.right };
            (range.clone(), i)
        })
        .filter(|(r, _)| r.len() >= MIN_STRETCH)
        .collect()
}

/// A hash of `keys` (FNV-1a over the characters).
fn hash(keys: &[char]) -> u64 {
    keys.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ c as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The passages moved between the two texts of `cmp` (every class of hotspot), in the order
/// of the left text.
pub fn find_moves(cmp: &Comparison) -> Vec<Move> {
    let (lk, rk) = (&cmp.norm.left.keys, &cmp.norm.right.keys);
    let (lefts, rights) = (one_sided(cmp, true), one_sided(cmp, false));
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
    let lc = &cmp.norm.left.chars;
    for m in &mut moves {
        // A move that starts with the closing mark of the sentence before it (the alignment
        // may take `。B` for `B。` out of `A。B。C`) slides to start after it.
        while m.norm.left.end < lk.len()
            && m.norm.right.end < rk.len()
            && ends_sentence(lc[m.norm.left.start])
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
            && !ends_sentence(lc[m.norm.left.end - 1])
            && lk[m.norm.left.start - 1] == lk[m.norm.left.end - 1]
            && rk[m.norm.right.start - 1] == rk[m.norm.right.end - 1]
        {
            m.norm.left.start -= 1;
            m.norm.left.end -= 1;
            m.norm.right.start -= 1;
            m.norm.right.end -= 1;
            k += 1;
        }
        if !ends_sentence(lc[m.norm.left.end - 1]) {
            // No sentence end within reach: back where it was found.
            m.norm.left.start += k;
            m.norm.left.end += k;
            m.norm.right.start += k;
            m.norm.right.end += k;
        }
        k = 0;
        // Never to start with the closing mark of the sentence before.
        while k < MAX_GAP
            && m.norm.left.start > 0
            && m.norm.right.start > 0
            && lk[m.norm.left.start - 1] == rk[m.norm.right.start - 1]
            && !ends_sentence(lc[m.norm.left.start - 1])
        {
            m.norm.left.start -= 1;
            m.norm.right.start -= 1;
            m.matched += 1;
            k += 1;
        }
        // Never past the closing mark that ends a sentence.
        k = 0;
        while k < MAX_GAP
            && m.norm.left.end < lk.len()
            && m.norm.right.end < rk.len()
            && lk[m.norm.left.end] == rk[m.norm.right.end]
            && !ends_sentence(lc[m.norm.left.end - 1])
        {
            m.norm.left.end += 1;
            m.norm.right.end += 1;
            m.matched += 1;
            k += 1;
        }
    }
    moves.retain(|m| {
        m.norm.left.len() >= MIN_MOVE
            && m.norm.right.len() >= MIN_MOVE
            && m.similarity() >= MIN_SIMILARITY
    });
    moves.sort_by_key(|m| m.norm.left.start);
    moves
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compare::compare;

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

    #[test]
    fn a_sentence_moved_to_another_paragraph_is_one_move() {
        let moved = "本法所称垄断协议，是指排除、限制竞争的协议、决定或者其他协同行为。";
        // The articles between are longer than the sentence: the alignment keeps them in
        // place, and the sentence is what moved.
        let between = "第十四条　禁止经营者与交易相对人达成下列垄断协议：固定向第三人转售商品的价格；限定向第三人转售商品的最低价格；国务院反垄断执法机构认定的其他垄断协议。\n第十五条　经营者能够证明所达成的协议属于下列情形之一的，不适用本法第十三条、第十四条的规定。";
        let a = format!("第十三条　禁止具有竞争关系的经营者达成下列垄断协议。{moved}\n{between}");
        let b = format!(
            "第十三条　禁止具有竞争关系的经营者达成下列垄断协议。\n{between}\n第十六条　{moved}"
        );
        let cmp = compare(&a, &b);
        let moves = find_moves(&cmp);
        assert_eq!(
            moved_texts(&cmp, &moves),
            [(moved.to_string(), moved.to_string())]
        );
    }

    #[test]
    fn a_moved_and_edited_passage_is_one_move_with_its_gaps() {
        let middle = "中间还有别的内容不动，这一部分比移走的段落长得多，讲的是标签模板的用法，以及它和普通函数调用之间的区别，还有几个例子说明参数怎样传入。";
        let a = format!(
            "开头的一段话在这里。这一段讲的是模板字符串的原始形式，它会把斜杠转义，并且返回替换后的结果字符串。{middle}结尾。"
        );
        let b = format!(
            "开头的一段话在这里。{middle}这一段讲的是模板字符串的原始形式，它会把反斜杠转义，并且返回替换后的结果字符串。结尾。"
        );
        let (a, b) = (a.as_str(), b.as_str());
        let cmp = compare(a, b);
        let moves = find_moves(&cmp);
        assert_eq!(moves.len(), 1, "{:?}", moved_texts(&cmp, &moves));
        let (l, r) = &moved_texts(&cmp, &moves)[0];
        assert!(
            l.starts_with("这一段讲的是") && l.ends_with("结果字符串。"),
            "{l}"
        );
        assert!(r.contains("反斜杠"), "{r}");
        assert!(moves[0].similarity() >= MIN_SIMILARITY);
    }

    #[test]
    fn a_short_common_phrase_is_never_a_move() {
        let a = "甲乙丙丁，本法所称，戊己庚辛。";
        let b = "子丑寅卯。戊己庚辛，本法所称，辰巳午未。";
        assert!(find_moves(&compare(a, b)).is_empty());
    }
}
