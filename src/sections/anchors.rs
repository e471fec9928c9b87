//! Where the two texts of a pair correspond, for the viewer's layout and the HTML report's
//! aligned rows ([`super::Aligned`]): read once from the comparison (every class of hotspot, so
//! positions map through hidden ones).
//!
//! * **Sections** start where both sides begin a line with corresponding text: each side is
//!   wrapped from there on its own, and both start on the same row.
//! * **Cuts** are the sentence and clause starts inside paragraphs, at corresponding offsets on
//!   both sides: where the layout may start a new section when the two sides drift apart, so
//!   that every hotspot's readings stay on one row.
//! * **Soft breaks** are line breaks one side has inside a paragraph the other side runs on
//!   through (a page break, hard-wrapped lines, a paragraph one edition split): the comparison
//!   reads through them, so the layout draws them as a dim mark (or, between words of a spaced
//!   script, as the space a single line break stands for), not as a new line.

use crate::engine::compare::Comparison;
use crate::engine::normalize::Normalized;
use crate::pair::{Pair, Side};
use crate::source::Source;
use crate::text::chars::{grapheme_boundary_from, is_closing, is_pictographic, is_unspaced_script};
use crate::text::sentence::{closes_after, ends_clause, ends_sentence};
use std::ops::Range;

/// The mark drawn where one side breaks a line the other side runs on through.
pub const SOFT_BREAK_MARK: &str = "⏎";

/// Where the two texts of a pair correspond.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    /// Section starts (character offsets on each side), in order, the first where each text
    /// begins.
    pub sections: Vec<Pair<usize>>,
    /// Sentence and clause starts at corresponding offsets, in order.
    pub cuts: Vec<Cut>,
    /// Each side's line breaks drawn inside a paragraph, in order.
    pub soft: Pair<Vec<SoftBreak>>,
}

/// A place inside a paragraph where both sides may start a new row together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// The character offset on each side.
    pub at: Pair<u32>,
    /// What starts there.
    pub unit: Unit,
}

/// What starts at a cut, from the least to the most welcome place to start a row at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// The word (or, in an unspaced script, the character) a hotspot starts in.
    Word,
    /// A clause: after a comma, a semicolon, a colon.
    Clause,
    /// A sentence.
    Sentence,
}

/// A run of white space holding line breaks that is drawn inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoftBreak {
    /// The run's character range.
    pub range: Range<u32>,
    /// Whether the break is shown as [`SOFT_BREAK_MARK`].
    pub mark: bool,
    /// Whether a space follows (words of a spaced script stay apart).
    pub space: bool,
}

impl Anchors {
    /// The same anchors with the two texts swapped (the panes exchanged): no new reading.
    pub fn mirrored(&self) -> Anchors {
        Anchors {
            sections: self.sections.iter().map(|p| p.swapped()).collect(),
            cuts: self
                .cuts
                .iter()
                .map(|c| Cut {
                    at: c.at.swapped(),
                    unit: c.unit,
                })
                .collect(),
            soft: self.soft.clone().swapped(),
        }
    }
}

/// Reads the anchors of `sources` from their comparison `cmp` (every class of hotspot).
pub fn anchors(sources: Pair<&Source>, cmp: &Comparison) -> Anchors {
    let changes: Vec<Pair<Range<usize>>> = cmp.hotspots.iter().map(|h| h.norm.clone()).collect();
    Anchors {
        sections: sections(sources, cmp, &changes),
        cuts: cuts(sources, cmp, &changes),
        soft: Pair::new(
            soft_breaks(sources, cmp, &changes, Side::Left),
            soft_breaks(sources, cmp, &changes, Side::Right),
        ),
    }
}

/// Where both texts begin corresponding paragraphs: section starts, as character offsets.
/// The first section starts where each text does: at its first line with anything but white
/// space on it (blank lines before it are not drawn).
fn sections(
    sources: Pair<&Source>,
    cmp: &Comparison,
    changes: &[Pair<Range<usize>>],
) -> Vec<Pair<usize>> {
    let firsts = Pair::new(
        line_firsts(sources.left, &cmp.norm.left.orig),
        line_firsts(sources.right, &cmp.norm.right.orig),
    );
    let mut out = vec![sources.map(text_start)];
    let mut ci = 0;
    let mut prev_end = (0, 0);
    for &(nl, line_left) in &firsts.left {
        while let Some(c) = changes.get(ci) {
            let pure_insertion_here = c.left.is_empty() && c.left.start == nl;
            if c.left.end < nl || (c.left.end == nl && !pure_insertion_here) {
                prev_end = (c.left.end, c.right.end);
                ci += 1;
            } else {
                break;
            }
        }
        let nr = match changes.get(ci) {
            // Text the right side lacks was inserted here: face the text after it.
            Some(c) if c.left.start == nl && c.left.is_empty() => Some(c.right.end),
            // A block only the left side has starts here: the right paragraph at that place
            // faces the text after the block, so the block gets no boundary of its own.
            Some(c) if c.left.start == nl && c.right.is_empty() => None,
            Some(c) if c.left.start == nl => Some(c.right.start),
            Some(c) if c.left.start < nl => None,
            _ => Some(nl - prev_end.0 + prev_end.1),
        };
        let Some(nr) = nr else { continue };
        let Ok(i) = firsts.right.binary_search_by_key(&nr, |&(n, _)| n) else {
            continue;
        };
        let point = Pair::new(line_left, firsts.right[i].1);
        let last = out[out.len() - 1];
        if point.left > last.left && point.right > last.right && !straddled(cmp, point) {
            out.push(point);
        }
    }
    out
}

/// Whether a hotspot has one reading before `point` and the other after it (an insertion
/// mark at the end of one side's line facing text at the start of the other's next line): a
/// section starting there would put its readings on different rows.
fn straddled(cmp: &Comparison, point: Pair<usize>) -> bool {
    let hotspots = &cmp.hotspots;
    let k = hotspots.partition_point(|h| h.span.left.start < point.left);
    let before = |h: &crate::engine::compare::Hotspot, side: Side| {
        let (span, other) = (h.span.get(side), h.span.get(side.other()));
        if span.is_empty() && span.start == *point.get(side) {
            // A mark at the point goes with the text it stands for.
            !other.is_empty() && other.end <= *point.get(side.other())
        } else {
            span.start < *point.get(side)
        }
    };
    hotspots[k.saturating_sub(2)..(k + 2).min(hotspots.len())]
        .iter()
        .any(|h| before(h, Side::Left) != before(h, Side::Right))
}

/// The start of the first line of `source` with anything but blanks on it (its end if there is
/// none). Blanks are spaces, tabs, ideographic spaces and line breaks: a character drawn as a
/// marker (a bare CR, a form feed, a line separator) is something on the line.
fn text_start(source: &Source) -> usize {
    let mut chars = source.text.chars().peekable();
    let mut i = 0;
    while let Some(c) = chars.next() {
        let blank = match c {
            ' ' | '\t' | '\u{3000}' | '\n' => true,
            '\r' => chars.peek() == Some(&'\n'),
            _ => false,
        };
        if !blank {
            return source.line_start(source.line_of(i) - 1);
        }
        i += 1;
    }
    source.char_len()
}

/// For every line with text: the normalised index of its first character, and the line's
/// start offset.
fn line_firsts(source: &Source, orig: &[u32]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line = 0;
    let mut last_line = usize::MAX;
    for (n, &o) in orig.iter().enumerate() {
        let o = o as usize;
        while line + 1 < source.line_count() && source.line_start(line + 1) <= o {
            line += 1;
        }
        if line != last_line {
            out.push((n, source.line_start(line)));
            last_line = line;
        }
    }
    out
}

/// The normalised position on the other side that corresponds to position `n` of `side` (the
/// place before character `n`): through the equal text around it, or at the edge of a change.
/// `None` inside a change.
fn across(changes: &[Pair<Range<usize>>], side: Side, n: usize) -> Option<usize> {
    let other = side.other();
    let i = changes.partition_point(|c| c.get(side).end < n);
    match changes.get(i) {
        Some(c) if c.get(side).start < n && c.get(side).end > n => None,
        Some(c) if c.get(side).start < n => Some(c.get(other).end),
        Some(c) if c.get(side).start == n => Some(c.get(other).start),
        _ => Some(match i.checked_sub(1) {
            Some(p) => n - changes[p].get(side).end + changes[p].get(other).end,
            None => n,
        }),
    }
}

/// Like [`across`], but only where the characters on both sides of the place (`n - 1` and
/// `n`) are text both sides have, with nothing inserted between them.
fn across_equal(changes: &[Pair<Range<usize>>], side: Side, n: usize) -> Option<usize> {
    let i = changes.partition_point(|c| c.get(side).end < n);
    if changes.get(i).is_some_and(|c| c.get(side).start <= n) {
        return None;
    }
    across(changes, side, n)
}

/// Whether a sentence (`Some(true)`) or a clause (`Some(false)`) starts at normalised
/// position `n` of `chars`: after closing punctuation (and the quotes and spaces after it),
/// before a character that is none of those. ASCII punctuation counts only before a space
/// (`3.14` and `e.g.` do not end anything).
fn starts_unit(chars: &[char], n: usize) -> Option<bool> {
    let c = *chars.get(n)?;
    if c == ' ' || closes_after(c) || ends_sentence(c) || ends_clause(c) {
        return None;
    }
    let mut k = n;
    let mut spaced = false;
    while k > 0 && (chars[k - 1] == ' ' || closes_after(chars[k - 1])) {
        spaced |= chars[k - 1] == ' ';
        k -= 1;
    }
    let p = *chars.get(k.checked_sub(1)?)?;
    if p.is_ascii() && !spaced {
        return None;
    }
    if ends_sentence(p) {
        Some(true)
    } else if ends_clause(p) {
        Some(false)
    } else {
        None
    }
}

/// The sentence and clause starts of the left text, and the start of the word every hotspot
/// begins in, that have a place on the right, at corresponding original offsets.
fn cuts(sources: Pair<&Source>, cmp: &Comparison, changes: &[Pair<Range<usize>>]) -> Vec<Cut> {
    let (left, right) = (&cmp.norm.left, &cmp.norm.right);
    let mut places: Vec<(Pair<u32>, Unit)> = (1..left.len())
        .filter_map(|n| {
            let unit = match starts_unit(&left.chars, n)? {
                true => Unit::Sentence,
                false => Unit::Clause,
            };
            let m = across(changes, Side::Left, n)?;
            Some((Pair::new(left.orig[n], *right.orig.get(m)?), unit))
        })
        .collect();
    places.extend(
        (0..changes.len())
            .filter_map(|i| word_start(sources, cmp, changes, i))
            .map(|at| (at, Unit::Word)),
    );
    // In order, the most welcome unit first where two start at one place.
    places.sort_unstable_by_key(|&(at, unit)| (at.left, at.right, std::cmp::Reverse(unit)));
    let mut out: Vec<Cut> = Vec::new();
    let ends = sources.map(|s| s.char_len() as u32);
    for (at, unit) in places {
        // A cut where both texts end would start nothing.
        if at.left >= ends.left && at.right >= ends.right {
            continue;
        }
        // In order on both sides; two cuts may share an offset on one side (a hotspot right
        // after an insertion mark on that side).
        if out
            .last()
            .is_none_or(|c| at.left >= c.at.left && at.right >= c.at.right && at != c.at)
        {
            out.push(Cut { at, unit });
        }
    }
    out
}

/// Where the reading of `span` of `source` is first drawn: after the white space it begins
/// with (its start if it is all white space), at a grapheme boundary.
pub fn visible_start(source: &Source, span: &Range<usize>) -> usize {
    let Some(o) = source
        .slice(span.clone())
        .chars()
        .position(|c| !c.is_whitespace())
        .map(|i| span.start + i)
    else {
        return span.start;
    };
    // Where the grapheme it is in starts, or the next one if it starts earlier (a combining
    // mark joins the character before it): where its first cell is drawn.
    let byte = source.slice(0..o).len();
    let boundary = grapheme_boundary_from(&source.text, byte);
    o + source.text[byte..boundary].chars().count()
}

/// Whether a row may start at character offset `o` of `source`: after white space, a dash or
/// a character of an unspaced script, or before such a character; never with white space or
/// closing punctuation.
pub fn row_may_start(source: &Source, o: usize) -> bool {
    if o == 0 || o >= source.char_len() {
        return false;
    }
    let mut pair = source.slice(o - 1..o + 1).chars();
    let (Some(x), Some(y)) = (pair.next(), pair.next()) else {
        return false;
    };
    let breaks = |c: char| is_unspaced_script(c) || is_pictographic(c);
    !(y.is_whitespace() || is_closing(y) || closes_after(y))
        && (x.is_whitespace()
            || breaks(x)
            || breaks(y)
            || matches!(x, '-' | '\u{2010}'..='\u{2015}'))
}

/// The latest place before change `i` (or at its start) where a row may start on both sides,
/// at most a few characters back: in the equal text since the change before, at the same
/// place on both sides; else, on each side, the start of the word the change begins in.
fn word_start(
    sources: Pair<&Source>,
    cmp: &Comparison,
    changes: &[Pair<Range<usize>>],
    i: usize,
) -> Option<Pair<u32>> {
    const BACK: usize = 64;
    let (left, right) = (&cmp.norm.left, &cmp.norm.right);
    let change = &changes[i];
    let n = change.left.start;
    // Where a side's reading starts: an empty one where its insertion mark is drawn.
    let start_of = |norm: &Normalized, range: &Range<usize>| -> usize {
        match norm.orig.get(range.start) {
            Some(&o) if !range.is_empty() => o as usize,
            _ => norm.original_range(range.start..range.start).start,
        }
    };
    // Never back across the change before.
    let floor = i
        .checked_sub(1)
        .map_or(0, |p| changes[p].left.end)
        .max(n.saturating_sub(BACK));
    let joint = (floor..=n).rev().find_map(|k| {
        let (l, r) = if k == n {
            (start_of(left, &change.left), start_of(right, &change.right))
        } else {
            let m = across(changes, Side::Left, k)?;
            (left.orig[k] as usize, *right.orig.get(m)? as usize)
        };
        (row_may_start(sources.left, l) && row_may_start(sources.right, r))
            .then(|| Pair::new(l as u32, r as u32))
    });
    joint.or_else(|| {
        // Each side on its own may go back into the change before (its reading may end with
        // the opening quote the word needs), never to its start.
        let back = |source: &Source, norm: &Normalized, side: Side| {
            let from = start_of(norm, change.get(side));
            let floor = i.checked_sub(1).map_or(0, |p| {
                let before = changes[p].get(side);
                norm.original_range(before.start..before.start).start + 1
            });
            (from.saturating_sub(BACK).max(floor)..=from)
                .rev()
                .find(|&o| row_may_start(source, o))
                .map(|o| o as u32)
        };
        Some(Pair::new(
            back(sources.left, left, Side::Left)?,
            back(sources.right, right, Side::Right)?,
        ))
    })
}

/// The line breaks of `side` drawn inside a paragraph: every run of white space with a line
/// break in it between two characters both sides have next to each other, where the other
/// side has no line break.
fn soft_breaks(
    sources: Pair<&Source>,
    cmp: &Comparison,
    changes: &[Pair<Range<usize>>],
    side: Side,
) -> Vec<SoftBreak> {
    let (source, other_source) = (*sources.get(side), *sources.get(side.other()));
    let (norm, other): (&Normalized, &Normalized) =
        (cmp.norm.get(side), cmp.norm.get(side.other()));
    // The normalised character before the place before `n`, a space kept between words
    // skipped (it stands for the white space there, line breaks included).
    let visible_before = |chars: &[char], n: usize| match n.checked_sub(1) {
        Some(p) if chars[p] == ' ' => p.checked_sub(1),
        p => p,
    };
    let mut out = Vec::new();
    // The line of the character before, followed with one pointer through the text.
    let mut line = 0;
    let mut line_of = |o: usize| {
        while line + 1 < source.line_count() && source.line_start(line + 1) <= o {
            line += 1;
        }
        line
    };
    let mut last_line = norm.orig.first().map_or(0, |&o| line_of(o as usize));
    for n in 1..norm.len() {
        if norm.chars[n] == ' ' {
            continue;
        }
        let after = norm.orig[n] as usize;
        let (before_line, after_line) = (last_line, line_of(after));
        last_line = after_line;
        if before_line == after_line {
            continue;
        }
        let Some(p) = visible_before(&norm.chars, n) else {
            continue;
        };
        let before = norm.orig[p] as usize;
        let spaced = p + 1 < n;
        let Some(m) = across_equal(changes, side, n)
            .filter(|_| !spaced || across_equal(changes, side, n - 1).is_some())
        else {
            continue;
        };
        let Some(q) = visible_before(&other.chars, m) else {
            continue;
        };
        if m >= other.len() {
            continue;
        }
        let (b, a) = (other.orig[q] as usize, other.orig[m] as usize);
        if other_source.line_of(b) != other_source.line_of(a) {
            continue;
        }
        let gap = before + 1..after;
        let mut run: Option<(usize, usize)> = None;
        let close = |run: Option<(usize, usize)>, end: usize, out: &mut Vec<SoftBreak>| {
            if let Some((start, breaks)) = run
                && breaks > 0
            {
                out.push(SoftBreak {
                    range: start as u32..end as u32,
                    mark: breaks > 1 || !spaced,
                    space: spaced,
                });
            }
        };
        // Only blanks and line breaks join a run: a bare CR, a form feed or a line separator is
        // drawn as a marker, never swallowed.
        let mut chars = source.slice(gap.clone()).chars().peekable();
        let mut i = 0;
        while let Some(c) = chars.next() {
            let at = gap.start + i;
            i += 1;
            let blank = match c {
                ' ' | '\t' | '\u{3000}' | '\n' => true,
                '\r' => chars.peek() == Some(&'\n'),
                _ => false,
            };
            if blank {
                let r = run.get_or_insert((at, 0));
                r.1 += usize::from(c == '\n');
            } else {
                close(run.take(), at, &mut out);
            }
        }
        close(run, gap.end, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compare::compare;
    use crate::testkit::source;

    fn anchors_of(a: &str, b: &str) -> (Anchors, Pair<Source>) {
        let sources = Pair::new(source("a", a), source("b", b));
        let cmp = compare(a, b);
        (anchors(sources.as_ref(), &cmp), sources)
    }

    fn texts(source: &Source, ranges: &[Range<u32>]) -> Vec<String> {
        ranges
            .iter()
            .map(|r| source.slice(r.start as usize..r.end as usize).to_string())
            .collect()
    }

    #[test]
    fn a_page_break_inside_a_paragraph_is_soft_on_its_side_only() {
        let (a, s) = anchors_of(
            "以正确的历史\n\n观、大局观把握大势。\n下一段。",
            "以正确的历史观、大局观把握大势。\n下一段。",
        );
        let ranges: Vec<Range<u32>> = a.soft.left.iter().map(|b| b.range.clone()).collect();
        assert_eq!(texts(&s.left, &ranges), ["\n\n"]);
        assert!(a.soft.left[0].mark && !a.soft.left[0].space);
        // The paragraph break both sides have is a section, not soft.
        assert!(a.soft.right.is_empty());
        assert_eq!(a.sections.len(), 2);
    }

    #[test]
    fn a_single_line_break_between_words_is_a_space() {
        let (a, s) = anchors_of(
            "the quick brown\nfox jumps over\n\nthe dog",
            "the quick brown fox jumps\nover the dog",
        );
        let left: Vec<(String, bool, bool)> = a
            .soft
            .left
            .iter()
            .map(|b| {
                (
                    texts(&s.left, std::slice::from_ref(&b.range))[0].clone(),
                    b.mark,
                    b.space,
                )
            })
            .collect();
        assert_eq!(
            left,
            [
                ("\n".to_string(), false, true),
                ("\n\n".to_string(), true, true)
            ]
        );
        let right: Vec<String> = a
            .soft
            .right
            .iter()
            .map(|b| texts(&s.right, std::slice::from_ref(&b.range))[0].clone())
            .collect();
        assert_eq!(right, ["\n"]);
    }

    #[test]
    fn a_soft_break_never_swallows_a_character_drawn_as_a_marker() {
        let (a, s) = anchors_of("甲乙\r\u{85}\n\n丙丁", "甲乙丙丁");
        let ranges: Vec<Range<u32>> = a.soft.left.iter().map(|b| b.range.clone()).collect();
        assert_eq!(texts(&s.left, &ranges), ["\n\n"]);
    }

    #[test]
    fn a_break_next_to_a_change_is_not_soft() {
        // The break before 乙 faces the inserted 丙 on the right: both stay as they are.
        let (a, _) = anchors_of("甲\n乙丁", "甲丙乙丁");
        assert!(a.soft.left.is_empty());
    }

    #[test]
    fn cuts_are_sentence_and_clause_starts_at_corresponding_places() {
        let a = "他说：“好。”然后，走了。Next. It is 3.14, he said.";
        let b = "他说：“好！”然后走了。Next. It is 3.14, he said.";
        let (anchors, s) = anchors_of(a, b);
        let shown: Vec<(String, String, Unit)> = anchors
            .cuts
            .iter()
            .filter(|c| c.unit >= Unit::Clause)
            .map(|c| {
                let (l, r) = (c.at.left as usize, c.at.right as usize);
                (
                    s.left.slice(l..l + 1).to_string(),
                    s.right.slice(r..r + 1).to_string(),
                    c.unit,
                )
            })
            .collect();
        let (sentence, clause) = (Unit::Sentence, Unit::Clause);
        let expected = [
            ("“", "“", clause),
            ("然", "然", sentence),
            ("走", "走", clause),
            ("N", "N", sentence),
            ("I", "I", sentence),
            ("h", "h", clause),
        ];
        let expected: Vec<(String, String, Unit)> = expected
            .iter()
            .map(|&(l, r, s)| (l.to_string(), r.to_string(), s))
            .collect();
        assert_eq!(shown, expected);
    }
}
