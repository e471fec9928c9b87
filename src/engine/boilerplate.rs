//! Boilerplate: lines one source repeats and the other never has (running titles, footers such
//! as `(本章完)`, watermarks, page numbers such as `— 12 —` or `第 3 页`).
//!
//! A line's *fixed part* is its comparison keys with every run of numerals (ASCII and full-width
//! digits, the Chinese numerals `〇一二三四五六七八九十百千`) written as one placeholder, white
//! space trimmed from its ends. A line is boilerplate when its fixed part holds at least
//! [`MIN_FIXED`] characters besides placeholders and spaces (a `1.` list number is no
//! boilerplate), is not a bare numbered heading (`第4章` alone on its line: chapter headings are
//! numbering), and occurs at least [`MIN_REPEATS`] times in its source and never in the other.
//! [`Lines::new`] finds them once per pair, in linear time: every line's fixed part is hashed,
//! and only the lines whose hash repeats on their side alone are compared as text.
//!
//! [`apart`] then reads the alignment's changes before they are classed: each reading is cut at
//! its whole boilerplate lines, each line a change of its own (so a count of boilerplate
//! hotspots is a count of lines: `(本章完)` before `第4章` / `第四回` is one, and the headings
//! are then classed on their own, as numbering). Where both sides read something, the other
//! side's reading stays with the longest stretch of other text between the boilerplate lines
//! (any other stretch is then one side's alone). Only text one side alone has is boilerplate:
//! where both read something at one place and each is its own boilerplate (`(本章完)` against
//! `(本回终)`, `To Mrs. SAVILLE, England.` against `To Mrs. Saville, England.` heading each
//! letter of Frankenstein's 1823 and 1831 editions), the change is left whole and classed as
//! before, a real difference. The boilerplate lines' changes are class [`Class::Boilerplate`];
//! the rest are classed as before.

use crate::engine::align::Change;
use crate::engine::hotspot::Class;
use crate::engine::normalize::Normalized;
use crate::pair::{Pair, Side};
use crate::work;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;
use std::ops::Range;
use std::sync::Arc;

/// A line repeated at least this many times in one source (and never in the other) is
/// boilerplate.
pub const MIN_REPEATS: usize = 3;
/// A fixed part with fewer characters than this (placeholders and spaces aside) is never
/// boilerplate.
pub const MIN_FIXED: usize = 2;
/// What a run of numerals becomes in a fixed part.
const PLACEHOLDER: char = '\u{0}';

/// The numerals a fixed part leaves out: ASCII and full-width digits and the Chinese numerals.
const NUMERALS: &str = "0123456789０１２３４５６７８９〇一二三四五六七八九十百千";

/// [`NUMERALS`] as a bit set over the Basic Multilingual Plane, so that testing a character is
/// one load (the test runs on every character of both texts).
static NUMERAL_BITS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let bytes = NUMERALS.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Decode one UTF-8 character (1 or 3 bytes here).
        let (c, len) = if bytes[i] < 0x80 {
            (bytes[i] as u32, 1)
        } else {
            (
                ((bytes[i] as u32 & 0x0F) << 12)
                    | ((bytes[i + 1] as u32 & 0x3F) << 6)
                    | (bytes[i + 2] as u32 & 0x3F),
                3,
            )
        };
        bits[(c >> 6) as usize] |= 1 << (c & 63);
        i += len;
    }
    bits
};

/// Whether `c` is a numeral a fixed part leaves out.
fn numeral(c: char) -> bool {
    let c = c as u32;
    NUMERAL_BITS
        .get((c >> 6) as usize)
        .is_some_and(|w| w >> (c & 63) & 1 == 1)
}

/// The fixed part of a line's keys `k` (spaces at its ends trimmed, every run of numerals one
/// [`PLACEHOLDER`]), character by character into `put`; returns how many of its characters are
/// neither placeholders nor spaces.
fn fixed(k: &[char], mut put: impl FnMut(char)) -> usize {
    let k = trim(k);
    let mut counted = 0;
    let mut in_numeral = false;
    for &c in k {
        if numeral(c) {
            if !in_numeral {
                put(PLACEHOLDER);
            }
            in_numeral = true;
        } else {
            in_numeral = false;
            put(c);
            counted += usize::from(c != ' ');
        }
    }
    counted
}

/// The fixed part of the keys `k` as text, into `out` (cleared first); returns what [`fixed`]
/// does.
fn fixed_part(k: &[char], out: &mut String) -> usize {
    out.clear();
    fixed(k, |c| out.push(c))
}

/// The hash of the fixed part of the keys `k`, and what [`fixed`] returns.
fn fixed_hash(k: &[char]) -> (u64, usize) {
    let mut h = FxHasher::default();
    let counted = fixed(k, |c| h.write_u32(c as u32));
    (h.finish(), counted)
}

/// Which lines of each text of a pair are boilerplate.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    /// For each side, one flag per line (per entry of [`Normalized::line_heads`]).
    boiler: Pair<Vec<bool>>,
    /// For each side, the normalised positions where its boilerplate lines start, in order.
    heads: Pair<Vec<u32>>,
    /// Whether any line of either side is boilerplate.
    any: bool,
}

impl Lines {
    /// The boilerplate lines of `norm`'s two texts; `heading` says whether a line's keys
    /// (trimmed) are a bare numbered heading, which is never boilerplate.
    pub fn new(norm: &Pair<Arc<Normalized>>, heading: impl Fn(&[char]) -> bool) -> Lines {
        // Each line's hash of its fixed part, `None` where the fixed part is too short; the two
        // texts at once.
        let hash_lines = |n: &Normalized| -> Vec<Option<u64>> {
            (0..n.line_heads.len())
                .map(|k| {
                    let (h, counted) = fixed_hash(&n.keys[line(n, k)]);
                    (counted >= MIN_FIXED).then_some(h)
                })
                .collect()
        };
        let (left, right) = work::join(|| hash_lines(&norm.left), || hash_lines(&norm.right));
        let hashes = Pair::new(left, right);
        let mut counts: FxHashMap<u64, [u32; 2]> = FxHashMap::default();
        for side in Side::BOTH {
            for h in hashes.get(side).iter().flatten() {
                counts.entry(*h).or_default()[side as usize] += 1;
            }
        }
        let mut out = Lines::default();
        let mut buf = String::new();
        for side in Side::BOTH {
            let (here, there) = (side as usize, side.other() as usize);
            let n = norm.get(side);
            let candidate = |h: &Option<u64>| {
                h.and_then(|h| counts.get(&h))
                    .is_some_and(|c| c[here] as usize >= MIN_REPEATS && c[there] == 0)
            };
            // The candidates' fixed parts compared as text: equal hashes need not be equal
            // lines. A fixed part the other side has has the same hash there, so none is a
            // candidate (a collision can only keep a line from being boilerplate).
            let mut exact: FxHashMap<String, usize> = FxHashMap::default();
            let mut parts: Vec<Option<String>> = vec![None; n.line_heads.len()];
            for (k, h) in hashes.get(side).iter().enumerate() {
                let keys = &n.keys[line(n, k)];
                if candidate(h) && !heading(trim(keys)) {
                    fixed_part(keys, &mut buf);
                    *exact.entry(buf.clone()).or_default() += 1;
                    parts[k] = Some(buf.clone());
                }
            }
            let flags: Vec<bool> = parts
                .iter()
                .map(|p| {
                    p.as_ref()
                        .is_some_and(|p| exact.get(p).is_some_and(|&c| c >= MIN_REPEATS))
                })
                .collect();
            *out.heads.get_mut(side) = (0..flags.len())
                .filter(|&k| flags[k])
                .map(|k| n.line_heads[k])
                .collect();
            out.any |= !out.heads.get(side).is_empty();
            *out.boiler.get_mut(side) = flags;
        }
        out
    }

    /// Whether line `k` of `side` is boilerplate.
    pub fn is_boilerplate(&self, side: Side, k: usize) -> bool {
        self.boiler.get(side).get(k).copied().unwrap_or(false)
    }

    /// Whether a boilerplate line of `side` starts inside `r`.
    fn touches(&self, side: Side, r: &Range<usize>) -> bool {
        let heads = self.heads.get(side);
        let first = heads.partition_point(|&h| (h as usize) < r.start);
        heads.get(first).is_some_and(|&h| (h as usize) < r.end)
    }

    /// The pieces of `side`'s reading `r` in `n`, in order and covering it: each whole
    /// boilerplate line (`true`, with the spaces after it, and before it where nothing else
    /// is) and the text between them (`false`).
    fn pieces(&self, side: Side, n: &Normalized, r: Range<usize>) -> Vec<(Range<usize>, bool)> {
        let (heads, keys) = (&n.line_heads, &n.keys);
        let mut out: Vec<(Range<usize>, bool)> = Vec::new();
        let mut at = r.start;
        let mut k = heads.partition_point(|&h| (h as usize) < r.start);
        while let Some(&head) = heads.get(k).filter(|&&h| (h as usize) < r.end) {
            let whole = line(n, k);
            let end = whole.start + trim_end(&keys[whole]).len();
            if end > r.end {
                break;
            }
            if self.is_boilerplate(side, k) {
                // Spaces alone before the line are its own; after other text, that text's.
                let head = head as usize;
                let blank = keys[at..head].iter().all(|&c| c == ' ');
                let start = if blank { at } else { head };
                if start > at {
                    out.push((at..start, false));
                }
                at = end;
                while at < r.end && keys[at] == ' ' {
                    at += 1;
                }
                out.push((start..at, true));
            }
            k += 1;
        }
        if at < r.end {
            out.push((at..r.end, false));
        }
        out
    }
}

/// The keys `k` without spaces at either end.
fn trim(k: &[char]) -> &[char] {
    let k = trim_end(k);
    let start = k.iter().position(|&c| c != ' ').unwrap_or(k.len());
    &k[start..]
}

/// The keys `k` without spaces at the end.
fn trim_end(k: &[char]) -> &[char] {
    let end = k.iter().rposition(|&c| c != ' ').map_or(0, |p| p + 1);
    &k[..end]
}

/// The normalised range of line `k` of `n`: from its head to the next line's (the space a line
/// break left before that one included).
fn line(n: &Normalized, k: usize) -> Range<usize> {
    let start = n.line_heads[k] as usize;
    let end = n.line_heads.get(k + 1).map_or(n.len(), |&h| h as usize);
    start..end
}

/// The alignment's `changes` with boilerplate read apart (see the module's documentation):
/// every change with its class where it is boilerplate, `None` where it is classed later.
/// The changes stay in order and cover what they covered.
pub fn apart(
    norm: &Pair<Arc<Normalized>>,
    lines: &Lines,
    changes: Vec<Change>,
) -> Vec<(Change, Option<Class>)> {
    if !lines.any {
        return changes.into_iter().map(|c| (c, None)).collect();
    }
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        split(norm, lines, c, &mut out);
    }
    out
}

/// One change read apart into `out`: each whole boilerplate line of a reading a change of its
/// own, the other side's reading kept with the longest stretch of other text of that reading
/// (the rest of which is one side's alone); readings that are both only boilerplate lines stay
/// one change, classed later.
fn split(
    norm: &Pair<Arc<Normalized>>,
    lines: &Lines,
    c: Change,
    out: &mut Vec<(Change, Option<Class>)>,
) {
    if !lines.touches(Side::Left, &c.a) && !lines.touches(Side::Right, &c.b) {
        out.push((c, None));
        return;
    }
    let pieces = |side: Side| {
        let r = if side == Side::Left { &c.a } else { &c.b };
        if r.is_empty() {
            Vec::new()
        } else {
            lines.pieces(side, norm.get(side), r.clone())
        }
    };
    let (pl, pr) = (pieces(Side::Left), pieces(Side::Right));
    let any = |p: &[(Range<usize>, bool)]| p.iter().any(|x| x.1);
    let all = |p: &[(Range<usize>, bool)]| p.iter().all(|x| x.1);
    if !any(&pl) && !any(&pr) {
        out.push((c, None));
        return;
    }
    if !c.a.is_empty() && !c.b.is_empty() && all(&pl) && all(&pr) {
        // Each side's boilerplate in place of the other's: a difference both read, shown.
        out.push((c, None));
        return;
    }
    // The side read apart here (the other, if it has boilerplate too, in the recursion).
    let (side, p) = if any(&pl) {
        (Side::Left, pl)
    } else {
        (Side::Right, pr)
    };
    let (here, there) = match side {
        Side::Left => (c.a.clone(), c.b.clone()),
        Side::Right => (c.b.clone(), c.a.clone()),
    };
    let make = |x: Range<usize>, y: Range<usize>| match side {
        Side::Left => Change { a: x, b: y },
        Side::Right => Change { a: y, b: x },
    };
    let class = |b: bool| b.then_some(Class::Boilerplate);
    // The longest stretch of other text keeps the other side's reading; with none, the other
    // side's reading follows this side's pieces.
    let keep = (0..p.len())
        .filter(|&i| !p[i].1)
        .max_by_key(|&i| (p[i].0.len(), std::cmp::Reverse(i)));
    let Some(keep) = keep else {
        for (x, b) in p {
            out.push((make(x, there.start..there.start), class(b)));
        }
        if !there.is_empty() {
            split(norm, lines, make(here.end..here.end, there), out);
        }
        return;
    };
    for (x, b) in p[..keep].iter().cloned() {
        out.push((make(x, there.start..there.start), class(b)));
    }
    split(norm, lines, make(p[keep].0.clone(), there.clone()), out);
    for (x, b) in p[keep + 1..].iter().cloned() {
        out.push((make(x, there.end..there.end), class(b)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::markup::Markup;
    use crate::engine::normalize::normalize_as;

    fn norm(a: &str, b: &str) -> Pair<Arc<Normalized>> {
        Pair::new(
            Arc::new(normalize_as(a, Markup::None)),
            Arc::new(normalize_as(b, Markup::None)),
        )
    }

    /// The bare `第…章` heading test `classify` passes in.
    fn heading(k: &[char]) -> bool {
        let s: String = k.iter().collect();
        s.starts_with('第') && s.chars().count() <= 4 && s.ends_with(['章', '回'])
    }

    fn fixed(line: &str) -> (String, usize) {
        let k: Vec<char> = line.chars().collect();
        let mut out = String::new();
        let n = fixed_part(&k, &mut out);
        (out.replace(PLACEHOLDER, "#"), n)
    }

    #[test]
    fn the_numerals_are_the_digits_and_chinese_numerals() {
        let all: Vec<char> = (0..0x11000)
            .filter_map(char::from_u32)
            .filter(|&c| numeral(c))
            .collect();
        let mut expected: Vec<char> = "〇一二三四五六七八九十百千0123456789０１２３４５６７８９"
            .chars()
            .collect();
        expected.sort();
        assert_eq!(all, expected);
    }

    #[test]
    fn a_fixed_part_is_the_line_with_each_run_of_numerals_one_placeholder() {
        assert_eq!(fixed("  — 12 —  "), ("— # —".to_string(), 2));
        assert_eq!(fixed("— 3 —"), fixed("— 128 —"));
        assert_eq!(fixed("第 3 页"), fixed("第 45 页"));
        assert_eq!(fixed("第十二回"), ("第#回".to_string(), 2));
        assert_eq!(fixed("３０页"), ("#页".to_string(), 1));
        assert_eq!(fixed("1."), ("#.".to_string(), 1));
        assert_eq!(fixed("(本章完)"), ("(本章完)".to_string(), 5));
    }

    /// The lines of `text` (its non-blank ones, in order) that are boilerplate against `other`.
    fn boilerplate_lines(text: &str, other: &str) -> Vec<String> {
        let n = norm(text, other);
        let lines = Lines::new(&n, heading);
        let left = &n.left;
        (0..left.line_heads.len())
            .filter(|&k| lines.is_boilerplate(Side::Left, k))
            .map(|k| {
                let r = left.original_range(line(left, k));
                let s: String = text.chars().skip(r.start).take(r.len()).collect();
                s.trim().to_string()
            })
            .collect()
    }

    #[test]
    fn a_line_repeated_in_one_source_and_absent_from_the_other_is_boilerplate() {
        let mut left = String::new();
        let mut right = String::new();
        for (i, body) in [
            "天地玄黄宇宙洪荒。",
            "日月盈昃辰宿列张。",
            "寒来暑往秋收冬藏。",
        ]
        .iter()
        .enumerate()
        {
            left += &format!(
                "第{}章\n{body}\n(本章完)\n— {} —\n第 {} 页\n甲乙丙\n1.\n",
                i + 1,
                i + 7,
                i + 1
            );
            right += &format!("第{}回\n{body}\n", i + 1);
            if i < 2 {
                left += "丁戊己\n";
            }
        }
        right += "甲乙丙\n";
        let got = boilerplate_lines(&left, &right);
        // Three times each: the footer, the page numbers (numbers aside); not the line the other
        // side has once, the line repeated twice, the list number or the bare heading (which
        // the right side numbers `第N回`).
        let expected: Vec<String> = (0..3)
            .flat_map(|i| {
                [
                    "(本章完)".to_string(),
                    format!("— {} —", i + 7),
                    format!("第 {} 页", i + 1),
                ]
            })
            .collect();
        assert_eq!(got, expected);
        // Two of each is not enough.
        let two: String = left.split("第3章").next().unwrap_or_default().to_string();
        assert_eq!(boilerplate_lines(&two, &right), Vec::<String>::new());
    }

    /// The changes `apart` makes of one change, as texts with their classes.
    fn split(a: &str, b: &str, change: Change) -> Vec<(String, String, Option<Class>)> {
        let n = norm(a, b);
        let lines = Lines::new(&n, heading);
        apart(&n, &lines, vec![change])
            .into_iter()
            .map(|(c, class)| (n.left.text(c.a), n.right.text(c.b), class))
            .collect()
    }

    const FOOTER: &str = "(本章完)";

    /// Three chapters, the left side ending each with the footer (the last one's text followed
    /// by `ending`): the left text and the right one.
    fn chapters(ending: &str) -> (String, String) {
        let mut a = String::new();
        let mut b = String::new();
        for body in ["天地玄黄宇宙洪荒。", "日月盈昃辰宿列张。"] {
            a += &format!("{body}\n{FOOTER}\n");
            b += &format!("{body}\n");
        }
        a += &format!("寒来暑往秋收冬藏。{ending}\n{FOOTER}\n");
        b += "寒来暑往秋收冬藏。\n";
        (a, b)
    }

    /// The normalised offset of the `nth` occurrence of `needle` in `text` (no white space
    /// before it is dropped in these texts but the line breaks).
    fn at(text: &str, needle: &str, nth: usize) -> usize {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let byte = flat
            .match_indices(needle)
            .nth(nth)
            .map_or(usize::MAX, |(i, _)| i);
        flat[..byte].chars().count()
    }

    #[test]
    fn a_footer_only_one_side_has_is_a_change_of_its_own() {
        let (a, b) = chapters("");
        let f = at(&a, FOOTER, 2);
        let len = FOOTER.chars().count();
        let end = at(&b, "冬藏。", 0) + 3;
        let got = split(
            &a,
            &b,
            Change {
                a: f..f + len,
                b: end..end,
            },
        );
        assert_eq!(
            got,
            [(FOOTER.into(), String::new(), Some(Class::Boilerplate))]
        );
    }

    #[test]
    fn a_footer_at_the_end_of_a_change_goes_apart() {
        // The last chapter ends differently, then the footer: the ending stays a change to be
        // classed, the footer goes apart.
        let (a, b) = chapters("闰余成岁");
        let s = at(&a, "闰余成岁", 0);
        let f = at(&a, FOOTER, 2) + FOOTER.chars().count();
        let end = at(&b, "冬藏。", 0) + 3;
        let got = split(
            &a,
            &b,
            Change {
                a: s..f,
                b: end..end,
            },
        );
        assert_eq!(
            got,
            [
                ("闰余成岁".into(), String::new(), None),
                (FOOTER.into(), String::new(), Some(Class::Boilerplate)),
            ]
        );
        // Both sides read something: the footer is peeled off the end of the left reading.
        let b2 = b.replace("冬藏。\n", "冬藏律吕调阳。\n");
        let s = at(&a, "。闰余成岁", 0);
        let e2 = at(&b2, "律吕调阳。", 0);
        let got = split(
            &a,
            &b2,
            Change {
                a: s..f,
                b: e2 - 2..e2 + 4,
            },
        );
        assert_eq!(
            got,
            [
                ("。闰余成岁".into(), "冬藏律吕调阳".into(), None),
                (FOOTER.into(), String::new(), Some(Class::Boilerplate)),
            ]
        );
    }

    #[test]
    fn text_without_boilerplate_is_left_as_it_is() {
        let (a, b) = chapters("闰余成岁");
        let s = at(&a, "闰余成岁", 0);
        let end = at(&b, "冬藏。", 0) + 3;
        let got = split(
            &a,
            &b,
            Change {
                a: s..s + 4,
                b: end..end,
            },
        );
        assert_eq!(got, [("闰余成岁".into(), String::new(), None)]);
        // A footer the other side also has is no boilerplate.
        let b = format!("{b}{FOOTER}\n");
        let f = at(&a, FOOTER, 2);
        let got = split(
            &a,
            &b,
            Change {
                a: f..f + 5,
                b: end..end,
            },
        );
        assert_eq!(got, [(FOOTER.into(), String::new(), None)]);
    }
}
