//! Comparison of two texts: hotspots with kind, class and spans in both originals.
//!
//! This is the engine's front door: normalise both texts ([`crate::engine::normalize`]), align them
//! ([`crate::engine::align`]), and describe every difference as a [`Hotspot`].

use crate::engine::align;
use crate::engine::classify;
pub use crate::engine::hotspot::{BLOCK_CHARS, Class, Filter, Hotspot, Kind};
use crate::engine::moves;
pub use crate::engine::moves::Moved;
use crate::engine::normalize::{Normalized, normalize};
use crate::pair::Pair;
use std::sync::Arc;

/// The comparison of two texts.
///
/// Its hotspots and moves are read, not changed: the walk through them ([`Comparison::stops`])
/// is made with the comparison, so numbering a hotspot is a lookup. A comparison is made only
/// here ([`compare_normalized`], [`Comparison::filtered`], [`Comparison::mirrored`]).
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The normalised texts.
    pub norm: Pair<Arc<Normalized>>,
    /// The hotspots in the order of both texts (every class, unless [`Comparison::filtered`]).
    /// A moved passage is two of them, of class [`Class::Moved`]: its text only the left side
    /// has at the old place, and only the right side at the new one; [`Comparison::moves`]
    /// links them. [`Comparison::reading`] is the list reports give.
    pub hotspots: Vec<Hotspot>,
    /// The moved passages, in the order of the left text, each with its two halves in
    /// `hotspots` and the variants inside it.
    pub moves: Vec<Moved>,
    /// Share of the normalised text the two have in common, from 0 to 1, counting the
    /// differences of the hotspots held.
    pub similarity: f64,
    /// The stops in the reports' order, and each hotspot's.
    walk: Walk,
}

/// One place of the walk through a comparison: one hotspot of the reports' list (JSON's
/// `hotspots[I-1]`, Markdown's and HTML's `#I`), the viewer's `hotspot I/N`, one press of
/// `n`/`p`. [`Comparison::stops`] lists them in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stop {
    /// An ordinary hotspot, `hotspots[i]`.
    Hotspot(usize),
    /// A moved passage, `moves[k]`: its two halves are one stop, listed where the first of its
    /// two places comes.
    Moved(usize),
    /// A variant inside a moved passage, `moves[moved].inner[inner]`: listed right after its
    /// move, in the move's order.
    Inner {
        /// The move it is inside.
        moved: usize,
        /// Its index among the move's inner variants.
        inner: usize,
    },
}

/// The one mapping between stop numbers and what they stand for, made once per comparison:
/// the stops in order, and for each hotspot the index of its stop (a move's two halves share
/// the move's; its inner variants follow it). Every count and number of hotspots a report or
/// the viewer shows comes from here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Walk {
    /// The stops, in the reports' order.
    stops: Vec<Stop>,
    /// For each hotspot, the index in `stops` of its stop.
    index: Vec<usize>,
}

impl Walk {
    /// The walk through `hotspots` (in the order of both texts) with `moves` linking some of
    /// them: each hotspot in order, but a move once, at its earlier half, followed by its
    /// inner variants; its later half is no stop of its own.
    fn new(hotspots: &[Hotspot], moves: &[Moved]) -> Walk {
        // For each half of a move: the move, and whether it is the earlier half.
        let mut half: Vec<Option<(usize, bool)>> = vec![None; hotspots.len()];
        for (k, m) in moves.iter().enumerate() {
            let (a, b) = (m.halves.left, m.halves.right);
            half[a.min(b)] = Some((k, true));
            half[a.max(b)] = Some((k, false));
        }
        let inner: usize = moves.iter().map(|m| m.inner.len()).sum();
        let mut stops = Vec::with_capacity((hotspots.len() + inner).saturating_sub(moves.len()));
        let mut index = vec![0; hotspots.len()];
        for (i, role) in half.iter().enumerate() {
            match *role {
                Some((k, true)) => {
                    index[i] = stops.len();
                    stops.push(Stop::Moved(k));
                    stops.extend(
                        (0..moves[k].inner.len()).map(|j| Stop::Inner { moved: k, inner: j }),
                    );
                }
                Some((_, false)) => {}
                None => {
                    index[i] = stops.len();
                    stops.push(Stop::Hotspot(i));
                }
            }
        }
        // A later half is numbered as its move.
        for m in moves {
            let (a, b) = (m.halves.left, m.halves.right);
            index[a.max(b)] = index[a.min(b)];
        }
        Walk { stops, index }
    }
}

impl Comparison {
    /// The comparison as `filter` shows it: the shown hotspots only, and the similarity
    /// counting only their differences. Alignment positions still come from the whole
    /// comparison (hidden renumbering shifts the texts too).
    pub fn filtered(&self, filter: &Filter) -> Comparison {
        self.keeping(|h| filter.shows(h.class))
    }

    /// The comparison with only the hotspots `keep` keeps (a moved passage with its left
    /// half, the variants inside it each on its own), the similarity counting only their
    /// differences: what a filter of classes and the rules hiding readings show.
    pub fn keeping(&self, keep: impl Fn(&Hotspot) -> bool) -> Comparison {
        // Where each kept hotspot lands, to link the moves' halves again.
        let mut index = vec![usize::MAX; self.hotspots.len()];
        let mut hotspots = Vec::new();
        for (i, h) in self.hotspots.iter().enumerate() {
            if keep(h) {
                index[i] = hotspots.len();
                hotspots.push(h.clone());
            }
        }
        let moves: Vec<Moved> = self
            .moves
            .iter()
            .filter(|m| index[m.halves.left] != usize::MAX && index[m.halves.right] != usize::MAX)
            .map(|m| Moved {
                halves: Pair::new(index[m.halves.left], index[m.halves.right]),
                inner: m.inner.iter().filter(|h| keep(h)).cloned().collect(),
            })
            .collect();
        Comparison::new(
            self.norm.clone(),
            similarity(&self.norm, &hotspots, &moves),
            hotspots,
            moves,
        )
    }

    /// The comparison of `norm` with these hotspots and moves, its walk made.
    fn new(
        norm: Pair<Arc<Normalized>>,
        similarity: f64,
        hotspots: Vec<Hotspot>,
        moves: Vec<Moved>,
    ) -> Comparison {
        Comparison {
            walk: Walk::new(&hotspots, &moves),
            norm,
            hotspots,
            moves,
            similarity,
        }
    }

    /// The hotspots as reports list them, in reading order: each moved passage is one hotspot
    /// of kind [`Kind::Moved`] (its left span where it was, its right span where it went),
    /// placed where the first of its two places comes, and followed by the variants inside it.
    /// Entry `I-1` is [`Comparison::stops`]`[I-1]` ([`Comparison::listed`]).
    pub fn reading(&self) -> Vec<Hotspot> {
        self.stops().iter().map(|&s| self.listed(s)).collect()
    }

    /// The walk through the hotspots, in the reports' order: every hotspot, a move once (where
    /// its first place comes) followed by its inner variants. Its length is the number of
    /// hotspots the reports list and the viewer counts (`hotspot I/N`).
    pub fn stops(&self) -> &[Stop] {
        &self.walk.stops
    }

    /// The stop hotspot `i` belongs to: itself, or the move it is a half of.
    pub fn stop_of(&self, i: usize) -> Stop {
        self.walk.stops[self.walk.index[i]]
    }

    /// The 1-based number of `stop` in the walk (a half of a move has the move's number):
    /// `stop` is entry `number - 1` of [`Comparison::reading`]. A lookup, cheap enough for
    /// every frame.
    pub fn stop_number(&self, stop: Stop) -> usize {
        let index = match stop {
            Stop::Hotspot(i) => self.walk.index[i],
            Stop::Moved(k) => self.walk.index[self.moves[k].halves.left],
            Stop::Inner { moved, inner } => {
                self.walk.index[self.moves[moved].halves.left] + 1 + inner
            }
        };
        index + 1
    }

    /// What the reports list for `stop`: the hotspot, the move as one hotspot (both places), or
    /// the variant inside a move.
    pub fn listed(&self, stop: Stop) -> Hotspot {
        match stop {
            Stop::Hotspot(i) => self.hotspots[i].clone(),
            Stop::Moved(k) => self.moves[k].hotspot(&self.hotspots),
            Stop::Inner { moved, inner } => self.moves[moved].inner[inner].clone(),
        }
    }

    /// The move hotspot `i` is a half of.
    pub fn move_of(&self, i: usize) -> Option<usize> {
        match self.stop_of(i) {
            Stop::Moved(k) => Some(k),
            _ => None,
        }
    }

    /// The other half of the move that hotspot `i` is a half of.
    pub fn partner(&self, i: usize) -> Option<usize> {
        let halves = self.moves[self.move_of(i)?].halves;
        Some(if halves.left == i {
            halves.right
        } else {
            halves.left
        })
    }

    /// The same comparison with the two texts swapped: every hotspot's sides exchanged (what
    /// only the left had, only the right has). A swap of the panes needs no new alignment.
    pub fn mirrored(&self) -> Comparison {
        let moves = self
            .moves
            .iter()
            .map(|m| Moved {
                halves: m.halves.swapped(),
                inner: m.inner.iter().map(Hotspot::mirrored).collect(),
            })
            .collect();
        // The same hotspots in the same order, the same moves: the same stops.
        Comparison {
            norm: self.norm.clone().swapped(),
            hotspots: self.hotspots.iter().map(Hotspot::mirrored).collect(),
            moves,
            similarity: self.similarity,
            walk: self.walk.clone(),
        }
    }

    /// The number of hotspots of each class, in [`Class::ALL`] order, as reports list them
    /// (a move counts once, and its inner variants each by its class).
    pub fn counts(&self) -> [usize; Class::ALL.len()] {
        let mut out = [0; Class::ALL.len()];
        for &stop in self.stops() {
            let class = match stop {
                Stop::Hotspot(i) => self.hotspots[i].class,
                Stop::Moved(_) => Class::Moved,
                Stop::Inner { moved, inner } => self.moves[moved].inner[inner].class,
            };
            out[class as usize] += 1;
        }
        out
    }

    /// Each class `filter` hides, with its number of hotspots.
    pub fn hidden(&self, filter: &Filter) -> Vec<(Class, usize)> {
        let counts = self.counts();
        filter.hidden().map(|c| (c, counts[c as usize])).collect()
    }
}

/// The share of the normalised texts that `hotspots` leave in common, from 0 to 1: a moved
/// passage is text in common but for the variants inside it.
fn similarity(norm: &Pair<Arc<Normalized>>, hotspots: &[Hotspot], moves: &[Moved]) -> f64 {
    let total = norm.left.len() + norm.right.len();
    if total == 0 {
        return 1.0;
    }
    let differing: usize = hotspots
        .iter()
        .filter(|h| h.class != Class::Moved)
        .chain(moves.iter().flat_map(|m| &m.inner))
        .map(|h| h.norm.left.len() + h.norm.right.len())
        .sum();
    (total.saturating_sub(differing)) as f64 / total as f64
}

/// Compares two texts, each with the markup profile its content suggests.
pub fn compare(left: &str, right: &str) -> Comparison {
    compare_normalized(Pair::new(
        Arc::new(normalize(left)),
        Arc::new(normalize(right)),
    ))
}

/// Compares two texts that are already normalised. Every difference is a hotspot; see
/// [`Comparison::filtered`] for what a filter shows.
pub fn compare_normalized(norm: Pair<Arc<Normalized>>) -> Comparison {
    compared(norm, true)
}

/// Compares two normalised texts as [`compare_normalized`] does, but without looking for moved
/// passages: text moved elsewhere is text one side lacks at one place and the other at
/// another. What move detection costs is measured against this (`benches/report.rs`).
pub fn compare_unlinked(norm: Pair<Arc<Normalized>>) -> Comparison {
    compared(norm, false)
}

/// The comparison of two normalised texts, with moved passages linked if `link`.
fn compared(norm: Pair<Arc<Normalized>>, link: bool) -> Comparison {
    let changes = align::align(&norm.left.keys, &norm.right.keys);
    // Each stage once: the classing's tables are built once, and linking moves classes
    // again only the windows whose changes it changed.
    let classer = classify::Classer::new(&norm);
    let classed = classer.classed(changes.clone());
    let hotspots = classify::with_aside(&norm, classed.clone());
    let found = if link {
        moves::find_moves(&norm, &hotspots)
    } else {
        Vec::new()
    };
    let (hotspots, moves) = if found.is_empty() {
        (hotspots, Vec::new())
    } else {
        moves::linked(&norm, &classer, (&changes, &classed), &found)
    };
    Comparison::new(
        norm.clone(),
        similarity(&norm, &hotspots, &moves),
        hotspots,
        moves,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

    #[test]
    fn kinds_classes_and_spans() {
        let c = compare(
            "坚决反对一切霸权政治、有力捍卫国家利益和民族尊严。必须发挥制度优势，形成强大合力。",
            "坚决反对一切强权政治，有力捍卫国家利益和民族尊严。必须发挥制度优势，形成合力。",
        );
        let got: Vec<_> = c
            .hotspots
            .iter()
            .map(|h| (h.kind, h.class, h.span.left.clone(), h.span.right.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Kind::Changed, Class::Wording, 6..8, 6..8),
                (Kind::Changed, Class::Punctuation, 10..11, 10..11),
                (Kind::OnlyLeft, Class::Wording, 36..38, 36..36),
            ]
        );
        assert!(
            c.similarity > 0.85 && c.similarity < 1.0,
            "{}",
            c.similarity
        );
    }

    #[test]
    fn a_mirrored_comparison_is_the_swapped_one() {
        let (a, b) = (
            "坚决反对一切霸权政治、有力捍卫国家利益。必须发挥制度优势，形成强大合力。",
            "坚决反对一切强权政治，有力捍卫国家利益。必须发挥制度优势，形成合力。",
        );
        let mirrored = compare(a, b).mirrored();
        let swapped = compare(b, a);
        assert_eq!(mirrored.hotspots, swapped.hotspots);
        assert_eq!(mirrored.similarity, swapped.similarity);
    }

    /// A hotspot with these ranges (the same in the sources and the normalised texts).
    fn hotspot(kind: Kind, class: Class, left: Range<usize>, right: Range<usize>) -> Hotspot {
        let ranges = Pair::new(left, right);
        Hotspot {
            kind,
            class,
            norm: ranges.clone(),
            span: ranges,
        }
    }

    /// Checks the walk of `c` against what it promises: stop `k` has number `k + 1`, each
    /// hotspot's stop is in the walk with the number its stop has, a move's halves share one,
    /// the reports' list is the stops listed, and there are as many stops as hotspots less a
    /// half per move plus the variants inside the moves.
    fn check_walk(c: &Comparison) {
        let stops = c.stops();
        for (k, &stop) in stops.iter().enumerate() {
            assert_eq!(c.stop_number(stop), k + 1, "{stop:?}");
        }
        for i in 0..c.hotspots.len() {
            let stop = c.stop_of(i);
            assert_eq!(stops[c.stop_number(stop) - 1], stop);
            assert_eq!(c.stop_number(Stop::Hotspot(i)), c.stop_number(stop));
            if let Some(p) = c.partner(i) {
                assert_eq!(c.stop_of(p), stop);
                assert_eq!(c.partner(p), Some(i));
            }
        }
        let inner: usize = c.moves.iter().map(|m| m.inner.len()).sum();
        assert_eq!(stops.len(), c.hotspots.len() - c.moves.len() + inner);
        let listed: Vec<Hotspot> = stops.iter().map(|&s| c.listed(s)).collect();
        assert_eq!(c.reading(), listed);
        let counted: usize = c.counts().iter().sum();
        assert_eq!(counted, stops.len());
    }

    #[test]
    fn the_walk_numbers_a_move_once_and_its_inner_variants_after_it() {
        use Class::{Moved as M, Wording as W};
        use Kind::{Changed, OnlyLeft, OnlyRight};
        let norm = Pair::new(Arc::new(normalize("")), Arc::new(normalize("")));
        // Two moves crossing: A from 1 (left) to 4 (right) with two variants inside, B from 5
        // (left) to 3 (right), earlier at its right half, with none.
        let hotspots = vec![
            hotspot(Changed, W, 0..2, 0..2),
            hotspot(OnlyLeft, M, 5..30, 5..5),
            hotspot(Changed, W, 40..42, 15..17),
            hotspot(OnlyRight, M, 50..50, 20..45),
            hotspot(OnlyRight, M, 60..60, 50..75),
            hotspot(OnlyLeft, M, 70..95, 80..80),
            hotspot(OnlyRight, W, 100..100, 90..93),
        ];
        let inner = vec![
            hotspot(Changed, W, 8..9, 53..54),
            hotspot(OnlyRight, W, 20..20, 65..68),
        ];
        let moves = vec![
            Moved {
                halves: Pair::new(1, 4),
                inner: inner.clone(),
            },
            Moved {
                halves: Pair::new(5, 3),
                inner: vec![],
            },
        ];
        let c = Comparison::new(norm.clone(), 1.0, hotspots.clone(), moves.clone());
        assert_eq!(
            c.stops(),
            [
                Stop::Hotspot(0),
                Stop::Moved(0),
                Stop::Inner { moved: 0, inner: 0 },
                Stop::Inner { moved: 0, inner: 1 },
                Stop::Hotspot(2),
                Stop::Moved(1),
                Stop::Hotspot(6),
            ]
        );
        let numbers: Vec<usize> = (0..hotspots.len())
            .map(|i| c.stop_number(c.stop_of(i)))
            .collect();
        assert_eq!(numbers, [1, 2, 5, 6, 2, 6, 7]);
        assert_eq!(c.listed(Stop::Inner { moved: 0, inner: 1 }), inner[1]);
        assert_eq!(c.listed(Stop::Moved(1)).kind, Kind::Moved);
        assert_eq!(
            (c.partner(3), c.partner(1), c.partner(2)),
            (Some(5), Some(4), None)
        );
        check_walk(&c);
        // Mirrored: the same stops, the same numbers, each listed hotspot mirrored.
        let m = c.mirrored();
        assert_eq!(m.stops(), c.stops());
        check_walk(&m);
        let mirrored: Vec<Hotspot> = c.reading().iter().map(Hotspot::mirrored).collect();
        assert_eq!(m.reading(), mirrored);
        // One move, with and without its variants; no move.
        for (moves, want) in [
            (vec![moves[1].clone()], 6),
            (vec![moves[0].clone()], 8),
            (
                vec![Moved {
                    inner: vec![],
                    ..moves[0].clone()
                }],
                6,
            ),
            (vec![], 7),
        ] {
            let c = Comparison::new(norm.clone(), 1.0, hotspots.clone(), moves);
            assert_eq!(c.stops().len(), want, "{:?}", c.stops());
            check_walk(&c);
            check_walk(&c.mirrored());
        }
        // Hiding the inner variants' class hides them from the walk too.
        let c = Comparison::new(norm, 1.0, hotspots, moves);
        let mut filter = Filter::default();
        filter.set(W, false);
        let shown = c.filtered(&filter);
        assert_eq!(shown.stops(), [Stop::Moved(0), Stop::Moved(1)]);
        check_walk(&shown);
    }

    #[test]
    fn the_walk_of_real_moves_is_the_reports_list() {
        let sentence = "本法所称垄断协议，是指排除、限制竞争的协议、决定或者其他协同行为。";
        let template =
            "这一段讲的是模板字符串的原始形式，它会把斜杠转义，并且返回替换后的结果字符串。";
        let middle = "中间还有别的内容不动，这一部分比移走的段落长得多，讲的是标签模板的用法，以及它和普通函数调用之间的区别，还有几个例子说明参数怎样传入。";
        let rest = "后面的条文也不动，讲的是执法机构的职责和调查的程序，以及当事人可以提出的意见。";
        let cases = [
            // No move.
            (format!("{middle}{rest}"), format!("{middle}改了{rest}"), 0),
            // One move, a variant inside.
            (
                format!("开头。{template}{middle}结尾。"),
                format!("开头。{middle}{}结尾。", template.replace("斜杠", "反斜杠")),
                1,
            ),
            // Two moves, one each way, one with a variant inside.
            (
                format!("开头。{template}{middle}中段不动。{sentence}{rest}结尾。"),
                format!(
                    "开头。{middle}{}中段不动。{rest}{sentence}结尾。",
                    template.replace("斜杠", "反斜杠")
                ),
                2,
            ),
        ];
        for (a, b, moves) in cases {
            let c = compare(&a, &b);
            assert_eq!(c.moves.len(), moves, "{:?}", c.reading());
            check_walk(&c);
            check_walk(&c.mirrored());
            assert_eq!(c.mirrored().stops(), c.stops());
            if moves > 0 {
                assert!(
                    c.stops().iter().any(|s| matches!(s, Stop::Inner { .. })),
                    "{:?}",
                    c.stops()
                );
            }
        }
    }

    #[test]
    fn identical_and_empty() {
        assert_eq!(compare("", "").similarity, 1.0);
        let c = compare("同一段文字。\n", "同一段\n\n文字。");
        assert!(c.hotspots.is_empty());
        assert_eq!(c.similarity, 1.0);
        let c = compare("", "新文字");
        assert_eq!(c.hotspots.len(), 1);
        assert_eq!(c.hotspots[0].kind, Kind::OnlyRight);
        assert_eq!(c.similarity, 0.0);
    }
}
