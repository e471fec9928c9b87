//! Collation of all sources against a base: the philologist's apparatus.
//!
//! Every other source is compared with the base ([`crate::engine::compare`]); the differences, in the
//! base's coordinates, become *variant places*. At each place the sources are grouped by what
//! they read there ("霸权 — 000, 002 | 强权 — 001, 003"); a source that lacks the passage has
//! an empty, *omitted* reading.
//!
//! Small differences that overlap or touch across sources merge into one place, so each
//! source's reading covers the same stretch of the base. Large blocks (an unrelated article
//! printed beside the text, dropped closing paragraphs) are treated as omissions of the base's
//! text by that source: the source's own unrelated text is never taken for a reading. Blocks
//! are cut where the set of omitting sources changes, and a stretch of the base that every
//! other source lacks (with three or more sources) is material of the base's page, not a
//! variant of the collated text, and is left out.
//!
//! A passage a source has at another place (a move, see [`crate::engine::moves`]) is a
//! *transposition*: one place at the base's passage, where that source's reading is *moved*
//! and says where the source has it — never an omission there and an addition elsewhere.

use crate::engine::classify;
use crate::engine::compare::{Class, Comparison, Filter, Hotspot, compare_normalized};
use crate::engine::normalize::Normalized;
use crate::pair::{Pair, Side};
use crate::work;
use std::ops::Range;
use std::sync::Arc;

/// Fewer characters than this shared at the edge of a page's other material do not make it
/// aligned text ([`added`]).
const MIN_ALIGNED: usize = 4;
/// Stretches of a block shorter than this are edges of other blocks, not places.
const MIN_BLOCK_PIECE: usize = 16;
/// The fewest groups of candidate places read on one core (a place is read in microseconds;
/// a classic's chapter of a few hundred places is already split, so the corpus tests of the
/// apparatus go through the split).
const GROUPS_A_CHUNK: usize = 64;
/// A source sharing less than this with the base (a translation, another article) is not a
/// witness of its text: it lacks every passage, and it does not shape the places.
pub const UNRELATED_SIMILARITY: f64 = 0.2;

/// One reading at a variant place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The normalised text read (empty for an omission or where the base lacks text), as the
    /// first source carrying it reads it.
    pub norm: String,
    /// What readings are told apart by: the normalised text, or with code forms and variants
    /// hidden, its comparison keys.
    pub key: String,
    /// For each source carrying this reading: its index and original character range.
    pub sources: Vec<(usize, Range<usize>)>,
    /// Whether the sources lack the passage the others have.
    pub omitted: bool,
    /// Whether the sources have the passage at another place (their ranges say where).
    pub moved: bool,
    /// Whether this is text the sources have beyond the base's extent (before its first
    /// aligned character or after its last: a page's other material), at the base's edge.
    pub added: bool,
    /// Whether the sources read the base's double-row note with its two halves in swapped
    /// order (`(魯邑/中都)` for `(中都/魯邑)`): an inversion, the place the note itself.
    pub inverted: bool,
    /// What kind of difference from the base's reading this is (the most substantive, in
    /// [`Class::ALL`]'s order, of its sources' hotspots there); `None` for the base's reading.
    pub class: Option<Class>,
}

/// The more substantive of two classes (the earlier in [`Class::ALL`]).
fn weightier(a: Option<Class>, b: Option<Class>) -> Option<Class> {
    let rank = |c: &Class| Class::ALL.iter().position(|x| x == c);
    match (a, b) {
        (Some(a), Some(b)) => Some(if rank(&b) < rank(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// A place where the sources differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The range in the base's normalised text.
    pub norm: Range<usize>,
    /// The range in the base's original text.
    pub span: Range<usize>,
    /// The readings, the base's first; every source is in exactly one.
    pub readings: Vec<Reading>,
}

/// The apparatus of all sources against a base.
#[derive(Debug, Clone)]
pub struct Collation {
    /// The base source's index.
    pub base: usize,
    /// The variant places in the base's reading order.
    pub places: Vec<Place>,
    /// The filter the places follow.
    pub filter: Filter,
    /// Each hidden class, with the number of differences of that class (between the base and
    /// each source) that make no place.
    pub hidden: Vec<(Class, usize)>,
    /// With a reader's rules ([`collate_hiding`]): how many differences of the shown classes
    /// (between the base and each related source) they hide.
    pub rules: Option<usize>,
}

/// How one source's text relates to the base's, from their comparison.
struct Witness {
    source: usize,
    /// The whole comparison (every class: positions map through all of them).
    comparison: Comparison,
    /// The hotspots the filter shows (and no rule hides), sorted by their start in the base.
    shown: Vec<Hotspot>,
    /// For each of `shown`, the furthest end in the base of it and those before it: the first
    /// hotspot that can reach a base position is found by halves.
    reach: Vec<usize>,
    /// The notes this source reads with their halves swapped (whether the filter shows them
    /// or not: [`classify::inverted`] hotspots), sorted as `shown`, with their `reach`.
    inversions: (Vec<Hotspot>, Vec<usize>),
    /// How many hotspots the filter shows that rules hide.
    ruled: usize,
    /// The base ranges this source omits as blocks, in order.
    blocks: Vec<Range<usize>>,
    /// The passages this source has at another place: the base's range and the source's.
    moved: Vec<Pair<Range<usize>>>,
}

impl Witness {
    fn unrelated(&self) -> bool {
        self.comparison.similarity < UNRELATED_SIMILARITY
    }

    /// The position in this source that corresponds to base position `p`, at the start of a
    /// place (taking in text the source inserts at `p`) or at its end (likewise).
    fn map(&self, p: usize, at_start: bool) -> usize {
        let hs = &self.comparison.hotspots;
        // The first change not entirely before `p` (one ending at `p` is before a place
        // starting there).
        let mut i = hs.partition_point(|h| h.norm.left.end < p);
        while at_start
            && hs
                .get(i)
                .is_some_and(|h| h.norm.left.end == p && h.norm.left.start < p)
        {
            i += 1;
        }
        if let Some(h) = hs.get(i).filter(|h| h.norm.left.start <= p) {
            let (a, b) = (&h.norm.left, &h.norm.right);
            return match (a.start == p, a.end == p) {
                // Ends at `p`: a place ending here takes it in.
                (false, true) => b.end,
                // Starts at `p`: a place starting here takes it in, one ending here does
                // not, unless it is an insertion right at `p`.
                (true, end_here) => {
                    if at_start || !end_here {
                        b.start
                    } else {
                        b.end
                    }
                }
                // `p` inside a change: its edge on the place's side.
                (false, false) => {
                    if at_start {
                        b.start
                    } else {
                        b.end
                    }
                }
            };
        }
        let delta = i.checked_sub(1).map_or(0, |k| {
            hs[k].norm.right.end as isize - hs[k].norm.left.end as isize
        });
        (p as isize + delta).max(0) as usize
    }

    /// Base ranges this source omits as blocks.
    fn blocks(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.blocks.iter().cloned()
    }

    /// Base ranges where this source differs in a small way, each with whether it is an
    /// inversion of a note (a place of its own, never joined to one it only touches).
    fn variants(&self) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
        self.shown
            .iter()
            .filter(|h| !h.is_block_on(Side::Left))
            .map(|h| {
                (
                    h.norm.left.clone(),
                    classify::inverted(&self.comparison.norm, h),
                )
            })
    }

    /// The passage this source moved elsewhere that holds the base's `range`, with where the
    /// source has it.
    fn moved_over(&self, range: &Range<usize>) -> Option<&Pair<Range<usize>>> {
        self.moved
            .iter()
            .find(|m| m.left.start <= range.start && range.end <= m.left.end && !m.left.is_empty())
    }

    /// The most substantive class of this source's shown hotspots at the base's `range` (one
    /// inserting text at its edge included); where none is shown, `markup` if the source
    /// reads a note there with its halves swapped (hidden beside another source's variant).
    fn class_over(&self, range: &Range<usize>) -> Option<Class> {
        classes_over(&self.shown, &self.reach, range).or_else(|| {
            let (inversions, reach) = &self.inversions;
            let first = reach.partition_point(|&end| end < range.start);
            inversions[first..]
                .iter()
                .take_while(|h| h.norm.left.start < range.end)
                .any(|h| overlap(&h.norm.left, range))
                .then_some(Class::Markup)
        })
    }

    fn omits(&self, range: &Range<usize>) -> bool {
        if self.unrelated() {
            return true;
        }
        let k = self.blocks.partition_point(|b| b.start <= range.start);
        k > 0 && range.end <= self.blocks[k - 1].end
    }
}

/// For each of `hotspots` (sorted by their start in the base), the furthest end in the base of
/// it and those before it.
fn reaches(hotspots: &[Hotspot]) -> Vec<usize> {
    hotspots
        .iter()
        .scan(0, |end, h| {
            *end = (*end).max(h.norm.left.end);
            Some(*end)
        })
        .collect()
}

/// The most substantive class of `hotspots` (sorted by their start in the base, each with the
/// furthest end in `reach`) at the base's `range`, one inserting text at its edge included.
fn classes_over(hotspots: &[Hotspot], reach: &[usize], range: &Range<usize>) -> Option<Class> {
    // Every hotspot that counts ends at or after the range's start and starts at or before
    // its end: from the first that reaches the start, up to the first starting after the end.
    let first = reach.partition_point(|&end| end < range.start);
    hotspots[first..]
        .iter()
        .take_while(|h| h.norm.left.start <= range.end)
        .filter(|h| {
            let l = &h.norm.left;
            (l.start < range.end && range.start < l.end)
                || (l.is_empty() && range.start <= l.start && l.start <= range.end)
                || (range.is_empty() && l.start <= range.start && range.start <= l.end)
        })
        .fold(None, |acc, h| weightier(acc, Some(h.class)))
}

/// `places` (sorted, disjoint) each widened to take in every range of `notes` (sorted) it
/// overlaps; places that then overlap are one.
fn widened(places: Vec<Range<usize>>, notes: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(places.len());
    for mut p in places {
        loop {
            let first = notes.partition_point(|n| n.end <= p.start);
            let wider = notes[first..]
                .iter()
                .take_while(|n| n.start < p.end)
                .filter(|n| overlap(n, &p))
                .fold(p.clone(), |w, n| w.start.min(n.start)..w.end.max(n.end));
            if wider == p {
                break;
            }
            p = wider;
        }
        match out.last_mut() {
            Some(last) if overlap(last, &p) => last.end = last.end.max(p.end),
            _ => out.push(p),
        }
    }
    out
}

/// Merges overlapping or touching ranges, except that a range marked apart (an inversion)
/// merges only with ranges it [`overlap`]s: inverted note halves are a place of their own.
fn union_apart(mut ranges: Vec<(Range<usize>, bool)>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    for (r, apart) in ranges {
        match out.last_mut() {
            Some((last, last_apart))
                if overlap(last, &r) || (r.start <= last.end && !apart && !*last_apart) =>
            {
                // What merged stays apart only while it is the inversion's own range.
                *last_apart = (*last_apart && r.end <= last.end) || (apart && *last == r);
                last.end = last.end.max(r.end);
            }
            _ => out.push((r, apart)),
        }
    }
    out.into_iter().map(|(r, _)| r).collect()
}

/// Merges overlapping or touching ranges (sorted by start).
fn union(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Collates `norms` (one per source) against `base`, with the places `filter` shows: a place
/// whose readings differ only in hidden classes is not a place.
pub fn collate(norms: &[Arc<Normalized>], base: usize, filter: &Filter) -> Collation {
    collate_hiding(norms, base, filter, None)
}

/// What hides a source's difference from the base beyond the filter: `hides(source,
/// hotspot)` (a reader's rules, read on the two texts); a moved passage is hidden only as a
/// class.
pub type Hides<'a> = &'a (dyn Fn(usize, &Hotspot) -> bool + Sync);

/// Collates as [`collate`] does, and where `hides` is given, the differences it hides (a
/// reader's rules) make no place either; [`Collation::rules`] counts them.
pub fn collate_hiding(
    norms: &[Arc<Normalized>],
    base: usize,
    filter: &Filter,
    hides: Option<Hides>,
) -> Collation {
    let others: Vec<usize> = (0..norms.len()).filter(|&i| i != base).collect();
    let witnesses: Vec<Witness> = work::map(&others, |&i| {
        let comparison = compare_normalized(Pair::new(norms[base].clone(), norms[i].clone()));
        let mut shown = comparison.filtered(filter);
        let mut ruled = 0;
        if let Some(hides) = hides {
            let before = shown.hotspots.len();
            shown = shown.keeping(|h| h.class == Class::Moved || !hides(i, h));
            ruled = before - shown.hotspots.len();
        }
        let moved = shown
            .moves
            .iter()
            .map(|m| m.hotspot(&shown.hotspots).norm)
            .collect();
        // A moved passage is neither an omission nor an addition.
        let mut kept: Vec<Hotspot> = shown
            .hotspots
            .into_iter()
            .filter(|h| h.class != Class::Moved)
            .collect();
        kept.sort_by_key(|h| (h.norm.left.start, h.norm.left.end));
        let reach = reaches(&kept);
        let mut inversions: Vec<Hotspot> = comparison
            .hotspots
            .iter()
            .filter(|h| classify::inverted(&comparison.norm, h))
            .cloned()
            .collect();
        inversions.sort_by_key(|h| (h.norm.left.start, h.norm.left.end));
        let inversions_reach = reaches(&inversions);
        let blocks = kept
            .iter()
            .filter(|h| h.is_block_on(Side::Left))
            .map(|h| h.norm.left.clone())
            .collect();
        Witness {
            source: i,
            ruled,
            shown: kept,
            reach,
            inversions: (inversions, inversions_reach),
            comparison,
            blocks,
            moved,
        }
    });

    let related: Vec<&Witness> = witnesses.iter().filter(|w| !w.unrelated()).collect();

    // Block pieces: cut at every block edge of every related source.
    let mut cuts: Vec<usize> = related
        .iter()
        .flat_map(|w| w.blocks().flat_map(|b| [b.start, b.end]))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces: Vec<Range<usize>> = Vec::new();
    for w in cuts.windows(2) {
        let piece = w[0]..w[1];
        let omitting = related.iter().filter(|wi| wi.omits(&piece)).count();
        if omitting == 0 || piece.len() < MIN_BLOCK_PIECE {
            continue;
        }
        if omitting == related.len() && related.len() >= 2 {
            // Only the base has it: its own page's material.
            continue;
        }
        match pieces.last_mut() {
            // Consecutive pieces omitted by the same sources are one passage.
            Some(last)
                if last.end == piece.start
                    && related.iter().all(|wi| wi.omits(last) == wi.omits(&piece)) =>
            {
                last.end = piece.end
            }
            _ => pieces.push(piece),
        }
    }

    // Small places: the union of every related source's small differences.
    let small = union_apart(related.iter().flat_map(|w| w.variants()).collect());
    // A note some source inverts, where the filter hides it, still takes in the whole note
    // when a place shown takes in part of it: the inversion is read whole.
    let small = if filter.shows(Class::Markup) {
        small
    } else {
        let mut inversions: Vec<Range<usize>> = related
            .iter()
            .flat_map(|w| w.inversions.0.iter().map(|h| h.norm.left.clone()))
            .collect();
        inversions.sort_by_key(|r| (r.start, r.end));
        widened(small, &inversions)
    };

    // Transpositions: the base's passages some source has at another place.
    let moved = union(
        related
            .iter()
            .flat_map(|w| w.moved.iter().map(|m| m.left.clone()))
            .collect(),
    );
    // Places never overlap. Where small differences fall in a passage some sources lack, the
    // passage is split around them: each small place has its readings (the sources lacking
    // the passage omit it there too), and each piece of the passage between them is a place
    // where those sources omit it. A small difference inside a transposition is one of the
    // readings of the transposition (each source reads the passage as it has it, the moving
    // source where it has it). Transpositions that partly overlap are one.
    let mut candidates: Vec<(Range<usize>, Kind)> = small
        .into_iter()
        .map(|r| (r, Kind::Small))
        .chain(pieces.into_iter().map(|r| (r, Kind::Passage)))
        .chain(moved.into_iter().map(|r| (r, Kind::Moved)))
        .collect();
    candidates.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    // Each group of overlapping candidates is read on its own: on all cores, in order.
    let groups = merged(candidates);
    let mut places: Vec<Place> = work::chunks(&groups, GROUPS_A_CHUNK, |chunk, _| {
        chunk
            .iter()
            .flat_map(|(range, members)| {
                let range = range.clone();
                let has = |kind: Kind| members.iter().any(|(_, k)| *k == kind);
                if has(Kind::Moved) {
                    vec![transposition(base, norms, &witnesses, range, filter)]
                } else if !has(Kind::Passage) {
                    let p = place(base, norms, &witnesses, range, filter);
                    apart_where_agreed(base, norms, &witnesses, p, filter)
                } else {
                    let small: Vec<Range<usize>> = members
                        .iter()
                        .filter(|(_, k)| *k == Kind::Small)
                        .map(|(r, _)| r.clone())
                        .collect();
                    let pieces = members
                        .iter()
                        .filter(|(_, k)| *k == Kind::Passage)
                        .flat_map(|(r, _)| around(r.clone(), &small));
                    small
                        .iter()
                        .map(|r| place(base, norms, &witnesses, r.clone(), filter))
                        .chain(pieces.map(|r| passage(base, norms, &witnesses, r)))
                        .collect()
                }
            })
            .collect()
    })
    .into_iter()
    .chain(if filter.shows(Class::Wording) {
        added(base, norms, &witnesses)
    } else {
        Vec::new()
    })
    .filter(|p| p.readings.len() > 1)
    .collect();
    // In reading order; text inserted at a place's start comes before it.
    places.sort_by_key(|p| {
        (
            p.norm.start,
            !p.norm.is_empty(),
            std::cmp::Reverse(p.norm.end),
        )
    });
    let hidden = hidden(&related, &places, filter);
    let rules = hides.map(|_| related.iter().map(|w| w.ruled).sum());
    Collation {
        base,
        rules,
        places,
        filter: *filter,
        hidden,
    }
}

/// What a place was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Small differences of some sources.
    Small,
    /// A passage some sources lack.
    Passage,
    /// A passage some source has at another place.
    Moved,
}

/// Whether two places' base ranges overlap: they share a character, or one is empty (text
/// inserted) strictly inside the other. Places that only touch do not.
fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    let inside = |p: usize, r: &Range<usize>| r.start < p && p < r.end;
    (a.start < b.end && b.start < a.end)
        || (a.is_empty() && inside(a.start, b))
        || (b.is_empty() && inside(b.start, a))
}

/// A group of candidate places that overlap one another: their union and each of them.
type Group = (Range<usize>, Vec<(Range<usize>, Kind)>);

/// `candidates` (sorted by start, the longer first) grouped where they overlap one another.
fn merged(candidates: Vec<(Range<usize>, Kind)>) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for (range, kind) in candidates {
        match out.last_mut() {
            Some((last, members)) if overlap(last, &range) => {
                last.end = last.end.max(range.end);
                members.push((range, kind));
            }
            _ => out.push((range.clone(), vec![(range, kind)])),
        }
    }
    out
}

/// The pieces of `range` outside the ranges of `cuts` (sorted, disjoint); an empty cut
/// strictly inside `range` splits it there.
fn around(range: Range<usize>, cuts: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = range.start;
    for c in cuts {
        if c.end < at || c.start > range.end {
            continue;
        }
        let end = c.start.clamp(at, range.end);
        if end > at {
            out.push(at..end);
        }
        at = at.max(c.end.min(range.end));
    }
    if at < range.end {
        out.push(at..range.end);
    }
    out
}

/// Text the sources have beyond the base's extent — before the first character the
/// comparison aligns with the base, or after the last, in a difference too large to be a
/// variant (a page's other material) — as one place at that edge of the base: the sources
/// that have it read it (`added`), the others read nothing there. Such text is wording: with
/// wording hidden there are no such places (the hidden counts have its differences).
fn added(base: usize, norms: &[Arc<Normalized>], witnesses: &[Witness]) -> Vec<Place> {
    // Each source's material at each edge: (base position, at the start?, source, range).
    let mut found: Vec<(usize, bool, usize, Range<usize>)> = Vec::new();
    for w in witnesses.iter().filter(|w| !w.unrelated()) {
        let hs = &w.comparison.hotspots;
        let (l_len, r_len) = (norms[base].len(), norms[w.source].len());
        // The differences with no aligned text between them from the texts' start, and
        // those to their end; each edge counts if one of its differences is a block.
        // A few characters, or only white space and punctuation, between differences or at
        // the texts' ends align nothing (a page's closing `。` is no shared text).
        let (l, r) = (&norms[base], &norms[w.source]);
        let blank = |n: &Normalized, range: Range<usize>| {
            let k = &n.chars[range.start.min(n.len())..range.end.min(n.len())];
            k.len() < MIN_ALIGNED
                || k.iter()
                    .all(|&c| c.is_whitespace() || crate::text::chars::is_punctuation(c))
        };
        let touching = |a: &Hotspot, b: &Hotspot| {
            blank(l, a.norm.left.end..b.norm.left.start)
                && blank(r, a.norm.right.end..b.norm.right.start)
        };
        let mut lead = 0;
        while lead < hs.len()
            && (if lead == 0 {
                blank(l, 0..hs[0].norm.left.start) && blank(r, 0..hs[0].norm.right.start)
            } else {
                touching(&hs[lead - 1], &hs[lead])
            })
        {
            lead += 1;
        }
        let mut tail = hs.len();
        while tail > 0
            && (if tail == hs.len() {
                blank(l, hs[tail - 1].norm.left.end..l_len)
                    && blank(r, hs[tail - 1].norm.right.end..r_len)
            } else {
                touching(&hs[tail - 1], &hs[tail])
            })
        {
            tail -= 1;
        }
        // One run of differences from start to end is no edge: the whole text differs.
        if lead == hs.len() {
            continue;
        }
        if hs[..lead].iter().any(Hotspot::is_block) {
            let end = &hs[lead - 1].norm;
            if end.right.end > 0 {
                found.push((end.left.end, true, w.source, 0..end.right.end));
            }
        }
        if hs[tail..].iter().any(Hotspot::is_block) {
            // To the source's end: the few characters after the last difference are its own.
            let start = &hs[tail].norm;
            if start.right.start < r_len {
                found.push((start.left.start, false, w.source, start.right.start..r_len));
            }
        }
    }
    found.sort_by_key(|f| (f.0, !f.1, f.2));
    let base_norm = &norms[base];
    let mut out: Vec<Place> = Vec::new();
    let mut k = 0;
    while k < found.len() {
        let (at, start) = (found[k].0, found[k].1);
        let here: Vec<&(usize, bool, usize, Range<usize>)> = found[k..]
            .iter()
            .take_while(|f| f.0 == at && f.1 == start)
            .collect();
        k += here.len();
        let mut readings = vec![Reading {
            norm: String::new(),
            key: String::new(),
            sources: vec![(base, base_norm.original_range(at..at))],
            omitted: true,
            moved: false,
            added: false,
            inverted: false,
            class: None,
        }];
        for w in witnesses {
            if here.iter().any(|f| f.2 == w.source) {
                continue;
            }
            let p = w.map(at, start);
            let norm = &norms[w.source];
            readings[0]
                .sources
                .push((w.source, norm.original_range(p..p)));
        }
        for &&(_, _, source, ref range) in &here {
            let norm = &norms[source];
            let key = norm.key_text(range.clone());
            let span = norm.original_range(range.clone());
            match readings.iter_mut().find(|r| r.added && r.key == key) {
                Some(r) => r.sources.push((source, span)),
                None => readings.push(Reading {
                    norm: norm.text(range.clone()),
                    key,
                    sources: vec![(source, span)],
                    omitted: false,
                    moved: false,
                    added: true,
                    inverted: false,
                    class: Some(Class::Wording),
                }),
            }
        }
        out.push(Place {
            span: base_norm.original_range(at..at),
            norm: at..at,
            readings,
        });
    }
    out
}

/// Each class `filter` hides, with the number of its differences (each source against the
/// base) that no place covers.
fn hidden(related: &[&Witness], places: &[Place], filter: &Filter) -> Vec<(Class, usize)> {
    let mut ranges: Vec<Range<usize>> = places.iter().map(|p| p.norm.clone()).collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let ranges = union(ranges);
    let covered = |r: &Range<usize>| {
        let i = ranges.partition_point(|x| x.end < r.start);
        ranges
            .get(i)
            .is_some_and(|x| x.start <= r.start && r.end <= x.end)
    };
    filter
        .hidden()
        .map(|class| {
            let n = related
                .iter()
                .flat_map(|w| &w.comparison.hotspots)
                .filter(|h| h.class == class && !covered(&h.norm.left))
                .count();
            (class, n)
        })
        .collect()
}

/// A passage some sources lack: one reading for the sources that have it (their small
/// differences inside are places of their own), one omission for the others.
fn passage(
    base: usize,
    norms: &[Arc<Normalized>],
    witnesses: &[Witness],
    range: Range<usize>,
) -> Place {
    let base_norm = &norms[base];
    let mut present = Reading {
        norm: base_norm.text(range.clone()),
        key: base_norm.key_text(range.clone()),
        sources: vec![(base, base_norm.original_range(range.clone()))],
        omitted: false,
        moved: false,
        added: false,
        inverted: false,
        class: None,
    };
    let mut omitted = Reading {
        norm: String::new(),
        key: String::new(),
        sources: Vec::new(),
        omitted: true,
        moved: false,
        added: false,
        inverted: false,
        class: None,
    };
    let mut moved: Vec<Reading> = Vec::new();
    for w in witnesses {
        let norm = &norms[w.source];
        if let Some(m) = w.moved_over(&range) {
            add_moved(&mut moved, w.source, norm, m.right.clone(), true);
            continue;
        }
        let (s, e) = (w.map(range.start, true), w.map(range.end, false));
        if w.omits(&range) {
            omitted.sources.push((w.source, norm.original_range(s..s)));
            omitted.class = weightier(omitted.class, w.class_over(&range).or(Some(Class::Wording)));
        } else {
            present
                .sources
                .push((w.source, norm.original_range(s..e.max(s))));
        }
    }
    Place {
        span: base_norm.original_range(range.clone()),
        norm: range,
        readings: [present, omitted]
            .into_iter()
            .chain(moved)
            .filter(|r| !r.sources.is_empty())
            .collect(),
    }
}

/// A transposition: the base's passage `range`, which some sources have at another place.
/// The sources that read it here are grouped as at any place; each source that moved it has a
/// *moved* reading, with its text and where it stands in that source.
fn transposition(
    base: usize,
    norms: &[Arc<Normalized>],
    witnesses: &[Witness],
    range: Range<usize>,
    filter: &Filter,
) -> Place {
    // `place` gives each source that moved the passage its moved reading.
    let mut here = place(base, norms, witnesses, range, filter);
    // Whoever reads the passage here has it, whatever the others do.
    for r in &mut here.readings {
        if !r.moved && !r.norm.is_empty() {
            r.omitted = false;
        }
    }
    here
}

/// Adds `source`'s reading `range` (where it has a passage the base has elsewhere) to the moved
/// reading of `readings` with the same text (keys, if `folded`), or as a new one.
fn add_moved(
    readings: &mut Vec<Reading>,
    source: usize,
    norm: &Normalized,
    range: Range<usize>,
    folded: bool,
) {
    let key = if folded {
        norm.key_text(range.clone())
    } else {
        norm.text(range.clone())
    };
    let span = norm.original_range(range.clone());
    match readings.iter_mut().find(|x| x.moved && x.key == key) {
        Some(x) => x.sources.push((source, span)),
        None => readings.push(Reading {
            norm: norm.text(range),
            key,
            sources: vec![(source, span)],
            omitted: false,
            moved: true,
            added: false,
            inverted: false,
            class: Some(Class::Moved),
        }),
    }
}

/// A place of small differences: the sources grouped by what they read there.
fn place(
    base: usize,
    norms: &[Arc<Normalized>],
    witnesses: &[Witness],
    range: Range<usize>,
    filter: &Filter,
) -> Place {
    work::check();
    let base_norm = &norms[base];
    let mut readings: Vec<Reading> = Vec::new();
    let folded = folds(filter);
    let mut add = |source: usize, norm: &Normalized, r: Range<usize>, omitted: bool, class| {
        add_reading(
            &mut readings,
            (folded, weightier),
            (source, norm, r),
            omitted,
            class,
        )
    };
    add(base, base_norm, range.clone(), false, None);

    let mut moved: Vec<Reading> = Vec::new();
    for w in witnesses {
        let norm = &norms[w.source];
        // A source that has the passage holding this place elsewhere reads it there.
        if let Some(m) = w.moved_over(&range).filter(|_| !range.is_empty()) {
            add_moved(&mut moved, w.source, norm, m.right.clone(), folded);
            continue;
        }
        if (!range.is_empty() || w.unrelated()) && w.omits(&range) {
            let at = w.map(range.start, true);
            let class = w.class_over(&range).or(Some(Class::Wording));
            add(w.source, norm, at..at, true, class);
        } else {
            let (s, e) = (w.map(range.start, true), w.map(range.end, false));
            add(w.source, norm, s..e.max(s), false, w.class_over(&range));
        }
    }
    let mut readings = finished(readings, &base_norm.text(range.clone()));
    mark_inversions(base_norm, &range, folded, &mut readings);
    readings.extend(moved);
    Place {
        span: base_norm.original_range(range.clone()),
        norm: range,
        readings,
    }
}

/// Marks the readings (the base's first) that read the base's double-row notes at `range`
/// with their halves swapped as inversions.
fn mark_inversions(
    base: &Normalized,
    range: &Range<usize>,
    folded: bool,
    readings: &mut [Reading],
) {
    if let Some(swapped) = inverted_key(base, range, folded) {
        for r in readings.iter_mut().skip(1) {
            r.inverted = !r.omitted && !r.moved && r.key == swapped;
        }
    }
}

/// What a reading that inverts the base's double-row notes at `range` reads (as readings are
/// told apart: keys where `folded`, else the text): each note's halves swapped, the text
/// between the notes as it is. `None` unless `range` runs from a note's start to a note's end
/// and every note in it has two halves.
fn inverted_key(n: &Normalized, range: &Range<usize>, folded: bool) -> Option<String> {
    let seq: &[char] = if folded { &n.keys } else { &n.chars };
    let first = n
        .notes
        .partition_point(|x| (x.norm.start as usize) < range.start);
    let notes = &n.notes[first..];
    let notes = &notes[..notes.partition_point(|x| (x.norm.end as usize) <= range.end)];
    let (head, tail) = (notes.first()?, notes.last()?);
    if head.norm.start as usize != range.start || tail.norm.end as usize != range.end {
        return None;
    }
    let mut out = String::new();
    let mut at = range.start;
    for x in notes {
        let (start, end) = (x.norm.start as usize, x.norm.end as usize);
        let split = x.split? as usize;
        if start < at || !(start < split && split < end) {
            return None;
        }
        out.extend(&seq[at..start]);
        out.extend(&seq[split..end]);
        out.extend(&seq[start..split]);
        at = end;
    }
    Some(out)
}

/// Whether readings that differ only in code forms and variants are one reading: when
/// `filter` hides both.
fn folds(filter: &Filter) -> bool {
    !filter.shows(Class::Form) && !filter.shows(Class::Variant)
}

/// How the classes of two sources reading alike join into the reading's.
type Merge = fn(Option<Class>, Option<Class>) -> Option<Class>;

/// Adds a source's reading — `range` of its normalised text `norm`, or an omission at
/// `range.start` — to the reading of `readings` with the same text (its keys, if `folded`)
/// and the same omission, or as a new one. A reading's class is its sources' classes joined by
/// `merge` (the weightiest, or the first's; the base's reading, added first with none, keeps
/// none).
fn add_reading(
    readings: &mut Vec<Reading>,
    (folded, merge): (bool, Merge),
    (source, norm, range): (usize, &Normalized, Range<usize>),
    omitted: bool,
    class: Option<Class>,
) {
    let (text, key) = if omitted {
        (String::new(), String::new())
    } else if folded {
        (norm.text(range.clone()), norm.key_text(range.clone()))
    } else {
        (norm.text(range.clone()), norm.text(range.clone()))
    };
    let span = norm.original_range(range);
    match readings
        .iter_mut()
        .find(|x| x.key == key && x.omitted == omitted)
    {
        Some(reading) => {
            reading.sources.push((source, span));
            if reading.class.is_some() {
                reading.class = merge(reading.class, class);
            }
        }
        None => readings.push(Reading {
            norm: text,
            key,
            sources: vec![(source, span)],
            omitted,
            moved: false,
            added: false,
            inverted: false,
            class,
        }),
    }
}

/// The readings of a place (the base's first) finished as at every place: an empty reading
/// among others that have text is an omission; two groups both empty (one marked as a block)
/// are one omission; and every reading that differs from the base's (`base_text`) has a
/// class — where no hotspot of its sources says what the difference is (the texts differ only
/// through how the place's edges map into them), the texts do.
fn finished(mut readings: Vec<Reading>, base_text: &str) -> Vec<Reading> {
    let any_text = readings.iter().any(|r| !r.norm.is_empty());
    for r in &mut readings {
        if r.norm.is_empty() && any_text {
            r.omitted = true;
        }
    }
    let mut merged: Vec<Reading> = Vec::new();
    for r in readings {
        match merged
            .iter_mut()
            .find(|m| m.key == r.key && m.omitted == r.omitted)
        {
            Some(m) => {
                m.sources.extend(r.sources);
                if m.class.is_some() {
                    m.class = weightier(m.class, r.class);
                }
            }
            None => merged.push(r),
        }
    }
    for r in merged.iter_mut().skip(1) {
        if r.class.is_none() {
            r.class = Some(texts_class(base_text, &r.norm));
        }
    }
    merged
}

/// A run of at least this many characters that every source reads alike inside a place ends
/// the place there: what follows is another place.
const AGREED_RUN: usize = 4;
/// Places longer than this (in the base or any reading) are rewrites, not touching variants:
/// they are not searched for shared runs (the character diff would cost their square).
const AGREED_SEARCH_MAX: usize = 400;

/// `p` cut where every source reads the same run of at least [`AGREED_RUN`] characters
/// (letters or Han, not only marks) inside it — differences that merely touch across
/// sources, or a change that takes in shared text (reversed halves of a note beside a shifted
/// line), are glued into one place, and a reader sees text all witnesses share as a variant.
/// Each source's text in the place is aligned with the base's by characters (keys, where
/// forms and variants are hidden); a place some source omits or has elsewhere is left whole.
fn apart_where_agreed(
    base: usize,
    norms: &[Arc<Normalized>],
    witnesses: &[Witness],
    p: Place,
    filter: &Filter,
) -> Vec<Place> {
    if p.norm.len() < 2 * AGREED_RUN
        || p.norm.len() > AGREED_SEARCH_MAX
        || p.readings
            .iter()
            .any(|r| r.omitted || r.moved || r.norm.chars().count() > AGREED_SEARCH_MAX)
    {
        return vec![p];
    }
    let folded = folds(filter);
    let seq = |n: &Normalized, r: Range<usize>| -> Vec<char> {
        if folded {
            n.keys[r].to_vec()
        } else {
            n.chars[r].to_vec()
        }
    };
    let base_norm = &norms[base];
    let here = seq(base_norm, p.norm.clone());
    // Each source's normalised range in the place, and for each base character the source's
    // character it reads alike (as an offset in its range), if any.
    let norm_range = |n: &Normalized, span: &Range<usize>| {
        let at = |o: usize| n.orig.partition_point(|&x| (x as usize) < o);
        at(span.start)..at(span.end)
    };
    let mut sources: Vec<(usize, Range<usize>, Vec<Option<usize>>)> = Vec::new();
    for r in p.readings.iter().skip(1) {
        for (s, span) in &r.sources {
            let n = &norms[*s];
            let range = norm_range(n, span);
            let theirs = seq(n, range.clone());
            let mut same = vec![None; here.len()];
            for op in similar::capture_diff_slices(similar::Algorithm::Myers, &here, &theirs) {
                if let similar::DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } = op
                {
                    for k in 0..len {
                        same[old_index + k] = Some(new_index + k);
                    }
                }
            }
            sources.push((*s, range, same));
        }
    }
    // Runs of base characters every source reads alike, in step (one character of each per
    // character of the base), strictly inside the place.
    let alike = |k: usize| sources.iter().all(|(_, _, same)| same[k].is_some());
    let in_step = |k: usize| {
        sources
            .iter()
            .all(|(_, _, same)| matches!((same[k - 1], same[k]), (Some(a), Some(b)) if b == a + 1))
    };
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut k = 1;
    while k < here.len() - 1 {
        if !alike(k) {
            k += 1;
            continue;
        }
        let start = k;
        let mut end = k + 1;
        while end < here.len() - 1 && alike(end) && in_step(end) {
            end += 1;
        }
        let text = &base_norm.chars[p.norm.start + start..p.norm.start + end];
        if end - start >= AGREED_RUN && text.iter().any(|c| c.is_alphanumeric()) {
            runs.push(start..end);
        }
        k = end;
    }
    let witness_of = |s: usize| witnesses.iter().find(|w| w.source == s);
    // Notes a source reads with their halves swapped are places of their own: no run inside
    // one ends the place there, and their edges do (where every source reads the characters
    // beside an edge alike, so that each source's text is cut there too).
    // Each inversion: the base's range (offsets in the place) and each source's (offsets in
    // its range), for the sources that invert the note there.
    type Inversion = (Range<usize>, Vec<(usize, Range<usize>)>);
    let mut inversions: Vec<Inversion> = Vec::new();
    for (i, (s, theirs, _)) in sources.iter().enumerate() {
        let Some(w) = witness_of(*s) else { continue };
        let all = &w.inversions.0;
        let first = all.partition_point(|h| h.norm.left.start < p.norm.start);
        let found = all[first..]
            .iter()
            .take_while(|h| h.norm.left.start < p.norm.end)
            .filter(|h| {
                h.norm.left.end <= p.norm.end
                    && theirs.start <= h.norm.right.start
                    && h.norm.right.end <= theirs.end
            });
        for h in found {
            let v = h.norm.left.start - p.norm.start..h.norm.left.end - p.norm.start;
            let at = (
                i,
                h.norm.right.start - theirs.start..h.norm.right.end - theirs.start,
            );
            match inversions.iter_mut().find(|(x, _)| *x == v) {
                Some((_, by)) => by.push(at),
                None => inversions.push((v, vec![at])),
            }
        }
    }
    runs.retain(|r| {
        !inversions
            .iter()
            .any(|(v, _)| r.start < v.end && v.start < r.end)
    });
    // Where pieces end and start: in the base (the end of one, the start of the next) and in
    // each source (offsets in its range). A run is between two pieces; an edge is both.
    type Bound = (usize, usize, Vec<(usize, usize)>);
    let mut bounds: Vec<Bound> = runs
        .iter()
        .filter_map(|r| {
            let at = sources
                .iter()
                .map(|(_, _, same)| Some((same[r.start]?, same[r.end - 1]? + 1)))
                .collect::<Option<Vec<_>>>()?;
            Some((r.start, r.end, at))
        })
        .collect();
    for (v, by) in &inversions {
        let ours = sorted_keys(base_norm, p.norm.start + v.start..p.norm.start + v.end);
        for q in [v.start, v.end] {
            if q == 0 || q >= here.len() {
                continue;
            }
            // A source inverting the note is cut at its own note's edge; any other as
            // [`edge_in_source`] finds.
            let start = q == v.start;
            let at = sources
                .iter()
                .enumerate()
                .map(|(i, (s, theirs, same))| {
                    let e = match by.iter().find(|(j, _)| *j == i) {
                        Some((_, r)) if start => r.start,
                        Some((_, r)) => r.end,
                        None => edge_in_source(&norms[*s], theirs, same, q, start, &ours)?,
                    };
                    Some((e, e))
                })
                .collect::<Option<Vec<_>>>();
            if let Some(at) = at {
                bounds.push((q, q, at));
            }
        }
    }
    bounds.sort_by_key(|b| (b.0, b.1));
    // Bounds in order on every side (a later one that would go back is left out).
    // A note's edge cuts only where it leaves every source some text on both sides (a source
    // whose note holds two of the base's reads both, never one of them and an omission).
    let mut kept: Vec<Bound> = Vec::with_capacity(bounds.len());
    let edge = |b: &Bound| b.0 == b.1;
    for b in bounds {
        let (end, at) = kept.last().map_or((0, vec![0; sources.len()]), |l| {
            (l.1, l.2.iter().map(|x| x.1).collect())
        });
        let after = end <= b.0 && at.iter().zip(&b.2).all(|(&x, y)| x <= y.0);
        let fills = !edge(&b) || (end < b.0 && at.iter().zip(&b.2).all(|(&x, y)| x < y.0));
        if after && fills {
            kept.push(b);
        }
    }
    // And after it, up to the next bound (or the place's end).
    let empty_after = |kept: &[Bound], k: usize| {
        let b = &kept[k];
        let next: (usize, Vec<usize>) = match kept.get(k + 1) {
            Some(n) => (n.0, n.2.iter().map(|x| x.0).collect()),
            None => (
                here.len(),
                sources.iter().map(|(_, t, _)| t.len()).collect(),
            ),
        };
        b.1 >= next.0 || b.2.iter().zip(&next.1).any(|(x, &y)| x.1 >= y)
    };
    while let Some(k) = (0..kept.len()).find(|&k| edge(&kept[k]) && empty_after(&kept, k)) {
        kept.remove(k);
    }
    if kept.is_empty() {
        return vec![p];
    }
    // The pieces between the bounds, each a place of its own (where the sources still differ).
    let mut cuts: Vec<(Range<usize>, Vec<Range<usize>>)> = Vec::new();
    let mut from = (0, vec![0; sources.len()]);
    for (end, next, at) in kept {
        let ranges = from
            .1
            .iter()
            .zip(&at)
            .map(|(&a, b)| a..b.0.max(a))
            .collect();
        cuts.push((from.0..end, ranges));
        from = (next, at.iter().map(|x| x.1).collect());
    }
    let last = from
        .1
        .iter()
        .zip(&sources)
        .map(|(&a, (_, theirs, _))| a..theirs.len().max(a))
        .collect();
    cuts.push((from.0..here.len(), last));
    cuts.into_iter()
        .filter_map(|(cut, at)| {
            let range = p.norm.start + cut.start..p.norm.start + cut.end;
            let mut readings: Vec<Reading> = Vec::new();
            // A reading here keeps the class of its first source: the hotspots at a piece's
            // edges may belong to the piece beside it (the weightiest would make a space
            // inserted beside a changed word `wording`).
            let mut add = |source: usize, n: &Normalized, r: Range<usize>, class: Option<Class>| {
                let first = |a: Option<Class>, _| a;
                add_reading(&mut readings, (folded, first), (source, n, r), false, class)
            };
            add(base, base_norm, range.clone(), None);
            for ((s, theirs, _), r) in sources.iter().zip(&at) {
                let class = witness_of(*s).and_then(|w| w.class_over(&range));
                add(
                    *s,
                    &norms[*s],
                    theirs.start + r.start..theirs.start + r.end,
                    class,
                );
            }
            let mut readings = finished(readings, &base_norm.text(range.clone()));
            mark_inversions(base_norm, &range, folded, &mut readings);
            (readings.len() > 1).then(|| Place {
                span: base_norm.original_range(range.clone()),
                norm: range,
                readings,
            })
        })
        .collect()
}

/// The base's keys of `range` (a note), sorted: what [`shared`] counts against.
fn sorted_keys(n: &Normalized, range: Range<usize>) -> Vec<char> {
    let mut k = n.keys[range].to_vec();
    k.sort_unstable();
    k
}

/// How many characters two sorted lists of keys share.
fn shared(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (i, j, count) = (i + 1, j + 1, count + 1),
        }
    }
    count
}

/// Where a source that does not invert the base's note is cut at the note's start (`start`)
/// or end, the base's character offset `q` in the place: an offset in the source's text of the
/// place (`theirs`, its normalised range `n`; `same`, for each base character the source's it
/// reads alike). Where it reads the characters either side of the edge alike, one after the
/// other; or the one outside the note alike, with a note of its own starting (ending) there;
/// or at the start (end) of its note in the place that shares the most characters with the
/// base's note (`ours`, its keys sorted), if they share at least half of each. Else `None`:
/// the edge cuts nothing.
fn edge_in_source(
    n: &Normalized,
    theirs: &Range<usize>,
    same: &[Option<usize>],
    q: usize,
    start: bool,
    ours: &[char],
) -> Option<usize> {
    let notes = &n.notes[n.notes_touching(theirs)];
    let edge_of = |x: &crate::engine::normalize::Note| {
        (if start { x.norm.start } else { x.norm.end }) as usize
    };
    // A note's edge strictly inside the source's text of the place, at offset `e`.
    let edge = |e: usize| {
        notes.iter().any(|x| {
            let at = edge_of(x);
            theirs.start < at && at < theirs.end && at == theirs.start + e
        })
    };
    match (same[q - 1], same[q]) {
        (Some(a), Some(b)) if b == a + 1 => Some(b),
        (Some(a), _) if start && edge(a + 1) => Some(a + 1),
        (_, Some(b)) if !start && edge(b) => Some(b),
        _ => {
            // Its notes with that edge in its text of the place (compared by their text
            // there); shared by half of each: a note of its own that also holds the next is
            // not this one.
            let (e, count) = notes
                .iter()
                .filter(|x| (theirs.start..=theirs.end).contains(&edge_of(x)))
                .map(|x| {
                    let inside = (x.norm.start as usize).max(theirs.start)
                        ..(x.norm.end as usize).min(theirs.end);
                    let c = shared(ours, &sorted_keys(n, inside.clone()));
                    let like = 2 * c >= ours.len() && 2 * c >= inside.len();
                    (edge_of(x), if like { c } else { 0 })
                })
                .max_by_key(|(_, c)| *c)?;
            (count > 0).then(|| e - theirs.start)
        }
    }
}

/// The class of a reading `other` against the base's `base`, from the texts alone: only
/// white space differs → `spacing`; only punctuation and white space → `punctuation`; else
/// `wording`.
fn texts_class(base: &str, other: &str) -> Class {
    let without = |s: &str, drop: &dyn Fn(char) -> bool| -> String {
        s.chars().filter(|&c| !drop(c)).collect()
    };
    let space = |c: char| c.is_whitespace();
    let mark = |c: char| c.is_whitespace() || crate::text::chars::is_punctuation(c);
    if without(base, &space) == without(other, &space) {
        Class::Spacing
    } else if without(base, &mark) == without(other, &mark) {
        Class::Punctuation
    } else {
        Class::Wording
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::normalize::normalize;

    fn readings(p: &Place) -> Vec<(String, Vec<usize>, bool)> {
        p.readings
            .iter()
            .map(|r| {
                (
                    r.norm.clone(),
                    r.sources.iter().map(|(i, _)| *i).collect(),
                    r.omitted,
                )
            })
            .collect()
    }

    #[test]
    fn a_passage_moved_by_some_sources_is_one_transposition() {
        let moved = "本法所称垄断协议，是指排除、限制竞争的协议、决定或者其他协同行为。";
        let between = "第十四条　禁止经营者与交易相对人达成下列垄断协议：固定向第三人转售商品的价格；限定向第三人转售商品的最低价格；国务院反垄断执法机构认定的其他垄断协议。\n第十五条　经营者能够证明所达成的协议属于下列情形之一的，不适用本法第十三条、第十四条的规定。";
        let head = "第十三条　禁止具有竞争关系的经营者达成下列垄断协议。";
        let in_place = format!("{head}{moved}\n{between}\n结尾。");
        let elsewhere = format!("{head}\n{between}\n{moved}\n结尾。");
        let texts = [in_place.clone(), elsewhere.clone(), in_place, elsewhere];
        let norms: Vec<_> = texts.iter().map(|t| Arc::new(normalize(t))).collect();
        let c = collate(&norms, 0, &Filter::default());
        // One place, at the base's sentence: 0 and 2 read it there, 1 and 3 have it moved.
        assert_eq!(c.places.len(), 1, "{:#?}", c.places);
        let p = &c.places[0];
        assert_eq!(norms[0].text(p.norm.clone()), moved);
        let got: Vec<(String, Vec<usize>, bool, bool)> = p
            .readings
            .iter()
            .map(|r| {
                (
                    r.norm.clone(),
                    r.sources.iter().map(|(i, _)| *i).collect(),
                    r.omitted,
                    r.moved,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (moved.to_string(), vec![0, 2], false, false),
                (moved.to_string(), vec![1, 3], false, true)
            ]
        );
        // The moved reading's ranges are where each source has the sentence: after 第十五条.
        for (source, span) in &p.readings[1].sources {
            let text: String = texts[*source]
                .chars()
                .skip(span.start)
                .take(span.len())
                .collect();
            assert_eq!(text, moved);
            let before: String = texts[*source].chars().take(span.start).collect();
            assert!(before.contains("第十五条"), "{before}");
        }
    }

    #[test]
    fn groups_sources_by_reading() {
        let texts = [
            "必须发扬斗争精神，坚决反对一切霸权政治和霸凌行径，有力捍卫国家利益。",
            "必须发扬斗争精神，坚决反对一切强权政治和霸凌行径，有力捍卫国家利益。",
            "必须发扬斗争精神，坚决反对一切霸权政治和霸凌行径，有力捍卫国家利益。",
            "必须发扬斗争精神，坚决反对一切强权政治和霸凌行径、有力捍卫国家利益。",
        ];
        let norms: Vec<_> = texts.iter().map(|t| Arc::new(normalize(t))).collect();
        let c = collate(&norms, 0, &Filter::default());
        let got: Vec<_> = c.places.iter().map(readings).collect();
        assert_eq!(
            got,
            vec![
                vec![
                    ("霸权".to_string(), vec![0, 2], false),
                    ("强权".to_string(), vec![1, 3], false)
                ],
                vec![
                    ("，".to_string(), vec![0, 1, 2], false),
                    ("、".to_string(), vec![3], false)
                ],
            ]
        );
    }

    #[test]
    fn a_variant_inside_a_passage_another_source_moved_is_no_omission_there() {
        let moved = "本法所称垄断协议，是指排除、限制竞争的协议、决定或者其他协同行为。";
        let varied = moved.replace("协议、决定", "协定、决定");
        let between = "第十四条　禁止经营者与交易相对人达成下列垄断协议：固定向第三人转售商品的价格；限定向第三人转售商品的最低价格；国务院反垄断执法机构认定的其他垄断协议。\n第十五条　经营者能够证明所达成的协议属于下列情形之一的，不适用本法第十三条、第十四条的规定。";
        let head = "第十三条　禁止具有竞争关系的经营者达成下列垄断协议。";
        let texts = [
            format!("{head}{moved}\n{between}\n结尾。"),
            format!("{head}\n{between}\n{moved}\n结尾。"),
            format!("{head}{varied}\n{between}\n结尾。"),
        ];
        let norms: Vec<_> = texts.iter().map(|t| Arc::new(normalize(t))).collect();
        let c = collate(&norms, 0, &Filter::default());
        // One place, the sentence (places never overlap: source 2's variant inside it is its
        // reading of the sentence): source 1 reads it moved, never omitted; source 2 its own
        // text; each source in exactly one reading.
        assert_eq!(c.places.len(), 1, "{:#?}", c.places);
        let p = &c.places[0];
        assert_eq!(norms[0].text(p.norm.clone()), moved);
        let got: Vec<(String, Vec<usize>, bool, bool)> = p
            .readings
            .iter()
            .map(|r| {
                let sources = r.sources.iter().map(|(i, _)| *i).collect();
                (r.norm.clone(), sources, r.omitted, r.moved)
            })
            .collect();
        assert_eq!(
            got,
            [
                (moved.to_string(), vec![0], false, false),
                (varied.clone(), vec![2], false, false),
                (moved.to_string(), vec![1], false, true),
            ]
        );
        assert_eq!(p.readings[1].class, Some(Class::Wording));
    }

    #[test]
    fn insertions_and_omissions() {
        let texts = [
            "解决资源配置问题。",
            "解决好资源配置问题。",
            "解决好资源配置问题。",
        ];
        let norms: Vec<_> = texts.iter().map(|t| Arc::new(normalize(t))).collect();
        let c = collate(&norms, 0, &Filter::default());
        assert_eq!(c.places.len(), 1);
        assert_eq!(
            readings(&c.places[0]),
            vec![
                (String::new(), vec![0], true),
                ("好".to_string(), vec![1, 2], false)
            ]
        );
    }

    #[test]
    fn a_passage_is_cut_around_the_small_places_inside_it() {
        assert_eq!(
            around(10..30, &[12..14, 20..20, 25..40]),
            vec![10..12, 14..20, 20..25]
        );
        assert_eq!(around(10..30, &[0..10, 30..31]), vec![10..30]);
        assert_eq!(around(10..30, &[5..12, 12..35]), Vec::<Range<usize>>::new());
        // Overlap is sharing a character, or text inserted strictly inside.
        assert!(overlap(&(0..5), &(4..9)));
        assert!(!overlap(&(0..5), &(5..9)));
        assert!(overlap(&(3..3), &(0..5)));
        assert!(!overlap(&(0..0), &(0..5)) && !overlap(&(5..5), &(0..5)));
    }

    #[test]
    fn union_merges_touching_ranges() {
        assert_eq!(union(vec![5..7, 0..2, 2..3, 6..9]), vec![0..3, 5..9]);
    }
}
