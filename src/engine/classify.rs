//! Hotspots with classes, from the alignment's changes: what kind of difference each one is.
//!
//! The alignment runs on comparison keys ([`crate::text::fold::key`]), so its changes are the
//! differences that folding does not explain. They are classed by a cascade (the first rule
//! that holds): only spaces differ → `spacing`; the
//! same reading once ruby or historical kana spelling is read → `variant`; only marks →
//! `punctuation`; else `wording`. A change of only the numeral of a numbering pattern (`第十八条`
//! → `第十九条`, `(六)`, `3.` at the start of a line) is widened to the whole pattern and classed
//! `numbering`, and so is a change of only the brackets of a numbered reference (`第（一）项`
//! / `第一项`); a change inside double-row notes whose halves are swapped is `markup`. Before
//! that, whole lines one text repeats and the other never has (`(本章完)`, running titles) are
//! read apart from the changes around them and classed `boilerplate`
//! ([`crate::engine::boilerplate`]), so the heading beside a footer is still `numbering`.
//!
//! Then the differences folding explains: in the text the alignment calls equal, characters
//! that differ in code form (`form`) or variant (`variant`), a few characters apart at most,
//! become one hotspot each; and markup and invisible characters that differ at the same place
//! of both texts (`markup`, `invisible`). Nothing that differs is left without a hotspot.

use crate::engine::align::Change;
use crate::engine::boilerplate;
use crate::engine::hotspot::{Class, Hotspot, Kind};
use crate::engine::normalize::{Ignored, Normalized, Note, Ruby};
use crate::engine::spelling;
use crate::pair::{Pair, Side};
use crate::text::chars::is_punctuation;
use crate::text::fold::{Level, Tables, key, level};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// Form differences at most this many equal characters apart are one hotspot (`(六)` against
/// `（六）`); each variant character is a hotspot of its own (`甞不畧` / `嘗不略` is two).
const GROUP_GAP: usize = 2;
/// Numerals of numbering patterns.
const NUMERALS: &str = "〇零一二三四五六七八九十百千万两0123456789";
/// Units numbered with `第…`: articles, chapters, sections, paragraphs, items, books, parts.
const UNITS: &str = "条章节款项目编篇部卷回则";

/// Every hotspot of two normalised texts, in reading order, from the alignment's `changes`.
pub fn hotspots(norm: &Pair<Arc<Normalized>>, changes: Vec<Change>) -> Vec<Hotspot> {
    let classer = Classer::new(norm);
    with_aside(norm, classer.classed(changes))
}

/// A cut of the texts between two changes, where classing may start afresh: at least this
/// many characters from the changes on either side (what classing a change looks at around
/// it — a numbering pattern, a unit's lead, a space either side — is nearer).
const QUIET: usize = 32;

/// Classing of one pair of texts: what it needs besides the changes (the boilerplate lines,
/// the readings of ruby), built once; then the hotspots of any changes of the pair, classed
/// in windows between cuts in the equal text (each cut [`QUIET`] characters from any change,
/// on identical characters, outside notes), on all cores. A window's hotspots are what the
/// whole text's would be there, so a change of the alignment in one place (a move linked)
/// classes that window again and keeps the others' ([`Classer::reclassed`]).
pub struct Classer<'n> {
    norm: &'n Pair<Arc<Normalized>>,
    lines: boilerplate::Lines,
    readings: Readings,
    /// Each side's notes by start, each with the furthest end of the notes up to it (notes
    /// may nest): a place is inside a note where the last one starting before it reaches
    /// past it.
    notes: Pair<Vec<(u32, u32)>>,
}

/// A cut between changes: the index of the first change after it, and where it is.
type Cut = (usize, Pair<usize>);

impl<'n> Classer<'n> {
    /// What classing `norm`'s changes needs.
    pub fn new(norm: &'n Pair<Arc<Normalized>>) -> Classer<'n> {
        let reach = |n: &Normalized| {
            let mut notes: Vec<(u32, u32)> =
                n.notes.iter().map(|x| (x.norm.start, x.norm.end)).collect();
            notes.sort_unstable();
            let mut furthest = 0;
            for x in &mut notes {
                furthest = furthest.max(x.1);
                x.1 = furthest;
            }
            notes
        };
        Classer {
            norm,
            lines: boilerplate::Lines::new(norm, bare_heading),
            readings: Readings::new(norm),
            notes: Pair::new(reach(&norm.left), reach(&norm.right)),
        }
    }

    /// The hotspots of `changes`, in reading order, before the differences of markup and
    /// invisible characters are added ([`with_aside`]).
    pub fn classed(&self, changes: Vec<Change>) -> Vec<Hotspot> {
        let cuts = self.cuts(&changes);
        // Windows of about the same number of changes, a few a core.
        let want = crate::work::cores() * 4;
        let step = changes.len().div_ceil(want).max(64);
        let mut chosen: Vec<Cut> = Vec::new();
        for &cut in &cuts {
            let last = chosen.last().map_or(0, |c| c.0);
            if cut.0 >= last + step {
                chosen.push(cut);
            }
        }
        let windows = self.windows(&changes, &chosen);
        crate::work::map(&windows, |(range, from, to)| {
            self.window(&changes[range.clone()], *from, *to)
        })
        .into_iter()
        .flatten()
        .collect()
    }

    /// The hotspots of `changes`, where `before` are the hotspots [`Classer::classed`] gave
    /// for `old` (changes of the same texts): between the cuts both have, a window whose
    /// changes are the same keeps its hotspots of `before`; the others are classed again.
    pub fn reclassed(
        &self,
        old: &[Change],
        before: &[Hotspot],
        changes: Vec<Change>,
    ) -> Vec<Hotspot> {
        let (old_cuts, new_cuts) = (self.cuts(old), self.cuts(&changes));
        // The cuts both have (at the same place of both texts), as cuts of each.
        let mut common: Vec<(usize, usize, Pair<usize>)> = Vec::new();
        let mut j = 0;
        for &(i, at) in &old_cuts {
            while new_cuts.get(j).is_some_and(|c| c.1.left < at.left) {
                j += 1;
            }
            if let Some(&(k, there)) = new_cuts.get(j)
                && there == at
            {
                common.push((i, k, at));
            }
        }
        let old_windows = self.windows(old, &common.iter().map(|c| (c.0, c.2)).collect::<Vec<_>>());
        let new_windows = self.windows(
            &changes,
            &common.iter().map(|c| (c.1, c.2)).collect::<Vec<_>>(),
        );
        let mut out = Vec::with_capacity(before.len());
        for ((old_range, from, to), (new_range, _, _)) in old_windows.into_iter().zip(new_windows) {
            if old[old_range] == changes[new_range.clone()] {
                // A window holds the hotspots that start in it; the last, all the rest (one
                // side's text at the very end starts where the other ends).
                let start = before.partition_point(|h| h.norm.left.start < from.left);
                let end = if to.left == self.norm.left.len() {
                    before.len()
                } else {
                    before.partition_point(|h| h.norm.left.start < to.left)
                };
                out.extend_from_slice(&before[start..end]);
            } else {
                out.extend(self.window(&changes[new_range], from, to));
            }
        }
        out
    }

    /// The windows of `changes` between `cuts` (and the texts' ends): the range of changes in
    /// each, and where it starts and ends.
    fn windows(
        &self,
        changes: &[Change],
        cuts: &[Cut],
    ) -> Vec<(Range<usize>, Pair<usize>, Pair<usize>)> {
        let ends = Pair::new(self.norm.left.len(), self.norm.right.len());
        let mut out = Vec::with_capacity(cuts.len() + 1);
        let (mut i, mut from) = (0, Pair::new(0, 0));
        for &(k, at) in cuts.iter().chain([(changes.len(), ends)].iter()) {
            out.push((i..k, from, at));
            (i, from) = (k, at);
        }
        out
    }

    /// Every place between two changes of `changes` (not before the first or after the last)
    /// where the texts may be cut: in the middle of a stretch of equal text at least twice
    /// [`QUIET`] long, on characters that are the same on both sides for a few either way (no
    /// form difference is grouped across it), and inside no note of either text.
    fn cuts(&self, changes: &[Change]) -> Vec<Cut> {
        let (l, r) = (&self.norm.left, &self.norm.right);
        let inside_note = |side: Side, p: usize| {
            let notes = self.notes.get(side);
            let i = notes.partition_point(|x| (x.0 as usize) < p);
            i > 0 && notes[i - 1].1 as usize > p
        };
        let same = |a: usize, b: usize| {
            let g = GROUP_GAP + 1;
            l.chars[a - g..a + g] == r.chars[b - g..b + g]
        };
        let mut out = Vec::new();
        for (k, w) in changes.windows(2).enumerate() {
            let (a, b) = (w[0].a.end..w[1].a.start, w[0].b.end..w[1].b.start);
            if a.len() != b.len() || a.len() < 2 * QUIET {
                continue;
            }
            let at = (a.start + QUIET..=a.end - QUIET).find(|&p| {
                let q = p - a.start + b.start;
                same(p, q) && !inside_note(Side::Left, p) && !inside_note(Side::Right, q)
            });
            if let Some(p) = at {
                out.push((k + 1, Pair::new(p, p - a.start + b.start)));
            }
        }
        out
    }

    /// The hotspots of `changes`, which lie between `from` and `to` (both in equal text), as
    /// the whole texts' hotspots are there.
    fn window(&self, changes: &[Change], from: Pair<usize>, to: Pair<usize>) -> Vec<Hotspot> {
        let norm = self.norm;
        let changes = headings_apart(norm, units_inserted_before(norm, changes.to_vec(), from));
        let changes = boilerplate::apart(norm, &self.lines, changes);
        let real = swapped_notes(norm, widen_numbering(norm, changes, from, to));
        let readings = &self.readings;
        let mut out: Vec<Hotspot> = Vec::with_capacity(real.len());
        let (mut pa, mut pb) = (from.left, from.right);
        for (i, (c, preset)) in real.iter().enumerate() {
            let class = preset.unwrap_or_else(|| cascade(norm, c, readings));
            // A space added or removed reads with the characters either side: `타입 (` / `타입(`.
            let mut c = c.clone();
            let next = real
                .get(i + 1)
                .map_or((to.left, to.right), |(n, _)| (n.a.start, n.b.start));
            if class == Class::Spacing
                && (c.a.is_empty() || c.b.is_empty())
                && c.a.start > pa
                && c.b.start > pb
                && c.a.end < next.0
                && c.b.end < next.1
            {
                c = Change {
                    a: c.a.start - 1..c.a.end + 1,
                    b: c.b.start - 1..c.b.end + 1,
                };
            }
            folded(norm, pa..c.a.start, pb, &mut out);
            let mut h = hotspot(norm, c.a.clone(), c.b.clone(), class);
            // A ruby base at the end takes its reading in: `一緒《いっしょ》` against `いっしょ`.
            for side in Side::BOTH {
                let n = norm.get(side);
                let end = h.norm.get(side).end;
                let at = n.ignored.partition_point(|x| (x.at as usize) < end);
                let reading = n.ignored.get(at).filter(|x| {
                    x.at as usize == end && !h.norm.get(side).is_empty() && x.text.starts_with('《')
                });
                if let Some(x) = reading {
                    h.span.get_mut(side).end = x.orig.end as usize;
                }
            }
            out.push(h);
            (pa, pb) = (c.a.end, c.b.end);
        }
        folded(norm, pa..to.left, pb, &mut out);
        out
    }
}

/// `hotspots` (in order) with the differences of markup and invisible characters added: in
/// each stretch between two hotspots (where the normalised texts are equal), the characters
/// kept aside at each place of both texts are compared, and where they differ they are a
/// hotspot of their own. What lies inside a hotspot's span is part of it.
pub fn with_aside(norm: &Pair<Arc<Normalized>>, hotspots: Vec<Hotspot>) -> Vec<Hotspot> {
    let (l, r) = (&norm.left, &norm.right);
    if l.ignored.is_empty() && r.ignored.is_empty() {
        return hotspots;
    }
    let mut out = Vec::with_capacity(hotspots.len());
    let (mut il, mut ir) = (0, 0);
    let mut at = Pair::new(0usize, 0usize);
    let mut norm_at = Pair::new(0usize, 0usize);
    let ends = Pair::new(l.orig_len, r.orig_len);
    for h in hotspots.into_iter().map(Some).chain([None]) {
        let stop = h.as_ref().map_or(ends, |h| {
            Pair::new(
                h.span.left.start.max(at.left),
                h.span.right.start.max(at.right),
            )
        });
        let left = take(&l.ignored, &mut il, at.left, stop.left);
        let right = take(&r.ignored, &mut ir, at.right, stop.right);
        let delta = norm_at.right as isize - norm_at.left as isize;
        aside(norm, &left, &right, delta, (at, stop), &mut out);
        if let Some(h) = h {
            at = Pair::new(at.left.max(h.span.left.end), at.right.max(h.span.right.end));
            norm_at = Pair::new(h.norm.left.end, h.norm.right.end);
            out.push(h);
        }
    }
    out
}

/// The items from `*i` on that start before `to`, but those before `from` (inside a hotspot).
fn take<'n>(items: &'n [Ignored], i: &mut usize, from: usize, to: usize) -> Vec<&'n Ignored> {
    let mut group = Vec::new();
    while let Some(x) = items.get(*i).filter(|x| (x.orig.start as usize) < to) {
        if x.orig.start as usize >= from {
            group.push(x);
        }
        *i += 1;
    }
    group
}

/// The hotspots of the kept-aside characters `left` and `right` of one stretch (a left
/// normalised position `p` is right position `p + delta` there; `(start, stop)` are the
/// stretch's original offsets on each side), one per place where they differ: `markup` if its
/// markup differs, else `invisible`.
fn aside(
    norm: &Pair<Arc<Normalized>>,
    left: &[&Ignored],
    right: &[&Ignored],
    delta: isize,
    (start, stop): (Pair<usize>, Pair<usize>),
    out: &mut Vec<Hotspot>,
) {
    type Group<'n> = (Vec<&'n Ignored>, Vec<&'n Ignored>);
    let mut groups: BTreeMap<usize, Group> = BTreeMap::new();
    for &x in left {
        let q = (x.at as isize + delta).max(0) as usize;
        groups.entry(q).or_default().0.push(x);
    }
    for &x in right {
        groups.entry(x.at as usize).or_default().1.push(x);
    }
    for (q, (ls, rs)) in groups {
        let text = |items: &[&Ignored], invisible: bool| {
            items
                .iter()
                .filter(|x| x.invisible == invisible)
                .map(|x| &*x.text)
                .collect::<String>()
        };
        let markup_differs = text(&ls, false) != text(&rs, false);
        if !markup_differs && text(&ls, true) == text(&rs, true) {
            continue;
        }
        let p = (q as isize - delta).max(0) as usize;
        // An empty side stands just after the character before the place, inside the stretch.
        let span = |items: &[&Ignored], side: Side, at: usize| match (items.first(), items.last()) {
            (Some(f), Some(l)) => f.orig.start as usize..l.orig.end as usize,
            _ => {
                let x = norm
                    .get(side)
                    .original_range(at..at)
                    .start
                    .clamp(*start.get(side), *stop.get(side));
                x..x
            }
        };
        let kind = match (ls.is_empty(), rs.is_empty()) {
            (false, true) => Kind::OnlyLeft,
            (true, false) => Kind::OnlyRight,
            _ => Kind::Changed,
        };
        let class = if !markup_differs {
            Class::Invisible
        } else {
            ruby_change(norm, &ls, &rs).unwrap_or(Class::Markup)
        };
        out.push(Hotspot {
            kind,
            class,
            span: Pair::new(span(&ls, Side::Left, p), span(&rs, Side::Right, q)),
            norm: Pair::new(p..p, q..q),
        });
    }
}

/// The class of a ruby reading changed at one place (both sides a ruby, nothing else of
/// markup): `variant` where the readings are one after kana folding (`《ふるは》` /
/// `《ふるわ》`), `reading` where they are another reading of the word (`《だれ》` / `《たれ》`);
/// `None` (markup) for anything else, a ruby only added or removed among them.
fn ruby_change(norm: &Pair<Arc<Normalized>>, ls: &[&Ignored], rs: &[&Ignored]) -> Option<Class> {
    let reading = |items: &[&Ignored], n: &Normalized| -> Option<Vec<char>> {
        let mut marks = items.iter().filter(|x| !x.invisible);
        let (one, None) = (marks.next()?, marks.next()) else {
            return None;
        };
        let inner = one.text.strip_prefix('《')?.strip_suffix('》')?;
        let keys: Vec<char> = inner.chars().map(|c| key(c, n.tables)).collect();
        Some(modern_reading(&iterated(&keys)))
    };
    let (a, b) = (reading(ls, &norm.left)?, reading(rs, &norm.right)?);
    Some(if a == b {
        Class::Variant
    } else {
        Class::Reading
    })
}

fn hotspot(
    norm: &Pair<Arc<Normalized>>,
    a: Range<usize>,
    b: Range<usize>,
    class: Class,
) -> Hotspot {
    let kind = match (a.is_empty(), b.is_empty()) {
        (false, false) => Kind::Changed,
        (false, true) => Kind::OnlyLeft,
        _ => Kind::OnlyRight,
    };
    let ranges = Pair::new(a, b);
    let span = |side: Side| {
        let (here, there) = (ranges.get(side), ranges.get(side.other()));
        let n = norm.get(side);
        // Text the other side has at the start of one of its lines, where this side goes on
        // to a new line: the place is the start of that line, not the end of the line before
        // (a paragraph inserted before another is marked where that one starts).
        if here.is_empty()
            && !there.is_empty()
            && norm.get(side.other()).is_line_head(there.start)
            && let Some(o) = n.line_start_of_head(here.start)
        {
            return o..o;
        }
        let range = n.original_range(here.clone());
        // Whole lines only one side has start where their line does: the markup and the
        // indentation before their first character are theirs (`` `String.raw` ``, `## `).
        if !here.is_empty()
            && there.is_empty()
            && let Some(o) = n.own_line_start(here.start)
        {
            return o.min(range.start)..range.end;
        }
        range
    };
    Hotspot {
        kind,
        class,
        span: Pair::new(span(Side::Left), span(Side::Right)),
        norm: ranges,
    }
}

/// The class of a change the folding does not explain.
fn cascade(norm: &Pair<Arc<Normalized>>, c: &Change, readings: &Readings) -> Class {
    let (l, r) = (&norm.left, &norm.right);
    let strip = |k: &[char]| -> Vec<char> { k.iter().copied().filter(|&x| x != ' ').collect() };
    let (sa, sb) = (strip(&l.keys[c.a.clone()]), strip(&r.keys[c.b.clone()]));
    if sa == sb {
        return Class::Spacing;
    }
    // (An entity against a character is shown: no table the project ships says which
    // character a `&KR…;` entity stands for, and a reader must see the witness's gaiji.)
    // Historical kana and iteration marks are read with a character of context either side
    // (`さ` against `そ` is `さう` against `そう`; `ゝ` repeats the kana before it).
    let around =
        |n: &Normalized, r: &Range<usize>| r.start.saturating_sub(1)..(r.end + 1).min(n.len());
    let (ra, rb) = (read(l, around(l, &c.a)), read(r, around(r, &c.b)));
    // Cross-reference style, `第（一）项` against `第一项`: the same numbers, bracketed or not.
    if plain_references(&l.keys[around(l, &c.a)]) == plain_references(&r.keys[around(r, &c.b)]) {
        return Class::Numbering;
    }
    let modern = |k: &[char]| modern_kana(&iterated(k));
    // A word read in ruby here is read so on the other side too, before any reading given
    // elsewhere (which may be another form of the word: `顫《ふるは》せ` against `顫へる`).
    let here = Readings::within(Pair::new(l, r), Pair::new(around(l, &c.a), around(r, &c.b)));
    if read(l, c.a.clone()) == read(r, c.b.clone())
        || modern(&ra) == modern(&rb)
        || (!here.is_empty()
            && modern(&readings.read_preferring(&here, &ra))
                == modern(&readings.read_preferring(&here, &rb)))
        || (!readings.is_empty() && modern(&readings.read(&ra)) == modern(&readings.read(&rb)))
    {
        return Class::Variant;
    }
    // Japanese spelling: a word in kanji against it in kana, okurigana written or not.
    let next = |n: &Normalized, end: usize| n.chars.get(end).copied();
    let before = c.a.start.checked_sub(1).map(|i| l.chars[i]);
    if l.tables == Tables::Japanese
        && spelling::same_spelling(
            &l.chars[c.a.clone()],
            &r.chars[c.b.clone()],
            before,
            (next(l, c.a.end), next(r, c.b.end)),
            modern,
        )
    {
        return Class::Variant;
    }
    let marks = l.chars[c.a.clone()]
        .iter()
        .chain(&r.chars[c.b.clone()])
        .all(|&x| is_punctuation(x));
    if marks {
        Class::Punctuation
    } else {
        Class::Wording
    }
}

/// Keys with the brackets of bracketed references dropped: `第(一)项` reads `第一项` (a
/// numeral run between `第` and a unit of [`UNITS`], in brackets).
fn plain_references(k: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(k.len());
    let mut i = 0;
    while i < k.len() {
        if k[i] == '(' && i > 0 && k[i - 1] == '第' {
            let digits = k[i + 1..].iter().take_while(|&&c| numeral(c)).count();
            let close = i + 1 + digits;
            if digits > 0
                && k.get(close) == Some(&')')
                && k.get(close + 1).is_some_and(|&u| UNITS.contains(u))
            {
                out.extend_from_slice(&k[i + 1..close]);
                i = close + 1;
                continue;
            }
        }
        out.push(k[i]);
        i += 1;
    }
    out
}

/// The keys of `range` without spaces, each ruby base wholly inside read as its reading.
fn read(n: &Normalized, range: Range<usize>) -> Vec<char> {
    let mut out = Vec::with_capacity(range.len());
    let mut p = range.start;
    let mut k = n.ruby.partition_point(|r| (r.base.start as usize) < p);
    while p < range.end {
        match n.ruby.get(k) {
            Some(r) if r.base.start as usize == p && r.base.end as usize <= range.end => {
                out.extend(r.reading.chars().map(|c| key(c, n.tables)));
                p = r.base.end as usize;
                k += 1;
            }
            _ => {
                if n.keys[p] != ' ' {
                    out.push(n.keys[p]);
                }
                p += 1;
                while n.ruby.get(k).is_some_and(|r| (r.base.start as usize) < p) {
                    k += 1;
                }
            }
        }
    }
    out
}

/// The readings the two texts give their words in ruby (`屍骸《しがい》`): a word written in
/// kanji in one edition and in kana in the other is a spelling variant when either edition
/// gives that reading for it anywhere.
#[derive(Default)]
struct Readings {
    /// Base (keys) to reading (keys).
    map: FxHashMap<Vec<char>, Vec<char>>,
    /// The longest base.
    longest: usize,
}

impl Readings {
    fn new(norm: &Pair<Arc<Normalized>>) -> Readings {
        let mut out = Readings::default();
        for n in [&norm.left, &norm.right] {
            for r in &n.ruby {
                out.add(n, r);
            }
        }
        out
    }

    /// Takes the reading `r` of `n` gives its base, unless one is known.
    fn add(&mut self, n: &Normalized, r: &Ruby) {
        let base = n.keys[r.base.start as usize..r.base.end as usize].to_vec();
        let reading: Vec<char> = r.reading.chars().map(|c| key(c, n.tables)).collect();
        self.longest = self.longest.max(base.len());
        self.map.entry(base).or_insert(reading);
    }

    /// The readings of the rubies whose bases lie in `ranges` (normalised) of the two texts.
    fn within(norm: Pair<&Normalized>, ranges: Pair<Range<usize>>) -> Readings {
        let mut out = Readings::default();
        for side in Side::BOTH {
            let (n, range) = (norm.get(side), ranges.get(side));
            let from = n
                .ruby
                .partition_point(|r| (r.base.start as usize) < range.start);
            for r in n.ruby[from..]
                .iter()
                .take_while(|r| r.base.end as usize <= range.end)
            {
                out.add(n, r);
            }
        }
        out
    }

    fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// `k` with every word that has a reading replaced by it, longest first.
    fn read(&self, k: &[char]) -> Vec<char> {
        self.read_preferring(&Readings::default(), k)
    }

    /// `k` read as [`Readings::read`] does, a reading in `first` taken before one of these.
    fn read_preferring(&self, first: &Readings, k: &[char]) -> Vec<char> {
        let mut out = Vec::with_capacity(k.len() * 2);
        let mut i = 0;
        let longest = self.longest.max(first.longest);
        'outer: while i < k.len() {
            for len in (1..=longest.min(k.len() - i)).rev() {
                let word = &k[i..i + len];
                if let Some(reading) = first.map.get(word).or_else(|| self.map.get(word)) {
                    out.extend_from_slice(reading);
                    i += len;
                    continue 'outer;
                }
            }
            out.push(k[i]);
            i += 1;
        }
        out
    }
}

/// Iteration marks written out: `ゝ` `ヽ` `々` repeat the character before them, `ゞ` `ヾ` repeat
/// it voiced (`すゝむ` = `すすむ`, `いはゞ` = `いはば`); the double mark of vertical text, as
/// Aozora writes it, `／＼` repeats the two before it and `／″＼` repeats them voiced
/// (`きり／″＼す` = `きりぎりす`; keys have made `／` `/` and `＼` `\`).
fn iterated(k: &[char]) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(k.len());
    let mut i = 0;
    while i < k.len() {
        let double = match k[i..] {
            ['/', '\\', ..] => Some((2, false)),
            ['/', '″' | '"' | '゛', '\\', ..] => Some((3, true)),
            _ => None,
        };
        if let Some((len, voice)) = double.filter(|_| out.len() >= 2) {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            out.extend([if voice { voiced(a) } else { a }, b]);
            i += len;
            continue;
        }
        let c = k[i];
        i += 1;
        let prev = out.last().copied();
        let c = match (c, prev) {
            ('ゝ' | 'ヽ' | '々', Some(p)) => p,
            ('ゞ' | 'ヾ', Some(p)) => voiced(p),
            _ => c,
        };
        out.push(c);
    }
    out
}

/// The voiced form of a kana (`か` → `が`, `は` → `ば`), or the kana itself.
fn voiced(c: char) -> char {
    const PLAIN: &str =
        "かきくけこさしすせそたちつてとはひふへほカキクケコサシスセソタチツテトハヒフヘホ";
    const VOICED: &str =
        "がぎぐげござじずぜぞだぢづでどばびぶべぼガギグゲゴザジズゼゾダヂヅデドバビブベボ";
    PLAIN
        .chars()
        .position(|x| x == c)
        .and_then(|i| VOICED.chars().nth(i))
        .unwrap_or(c)
}

/// Historical kana spelling read in modern spelling (keys already fold small kana, `ゐ` and
/// `ゑ`): `は ひ ふ へ ほ を` inside a word as `わ い う え お お`, `ぢ づ` as `じ ず`, a long `au`
/// as `ou` (`やう` as `よう`, `かう` as `こう`), a long `iu` as `yuu` (`ちう` as `ちゅう`, `しう`
/// as `しゅう`) and a long `eu` as `yoo` (`れう` as `りょう`, `せう` as `しょう`; small kana are
/// large in keys, so `ちゆう`, `りよう`).
fn modern_kana(k: &[char]) -> Vec<char> {
    const A_ROW: &str = "かさたなはまやらわがざだばぱ";
    const O_ROW: &str = "こそとのほもよろおごぞどぼぽ";
    const I_ROW: &str = "きしちにひみりぎじびぴ";
    const E_ROW: &str = "けせてねへめれげぜでべぺえ";
    const E_TO_I: &str = "きしちにひみりぎじじびぴ";
    let mut out: Vec<char> = Vec::with_capacity(k.len());
    for (i, &c) in k.iter().enumerate() {
        let c = match c {
            'は' if i > 0 => 'わ',
            'ひ' if i > 0 => 'い',
            'ふ' if i > 0 => 'う',
            'へ' if i > 0 => 'え',
            'ほ' if i > 0 => 'お',
            'を' if i > 0 => 'お',
            'ぢ' => 'じ',
            'づ' => 'ず',
            _ => c,
        };
        if c == 'う'
            && let Some(&last) = out.last()
        {
            let at = |row: &str| row.chars().position(|x| x == last);
            if let Some(n) = at(A_ROW) {
                *out.last_mut().unwrap_or(&mut 'う') = O_ROW.chars().nth(n).unwrap_or(last);
            } else if at(I_ROW).is_some() && i >= 1 && k.get(i - 1) == Some(&last) {
                // `ちう` (not `ちゆう` already): the `yu` the old spelling left out.
                out.push('ゆ');
            } else if let Some(n) = at(E_ROW) {
                // `れう` as `りよう`; `えう` as `よう`.
                out.pop();
                if last != 'え' {
                    out.push(E_TO_I.chars().nth(n).unwrap_or(last));
                }
                out.push('よ');
            }
        }
        out.push(c);
    }
    out
}

/// A ruby's reading (one word's) in modern spelling: [`modern_kana`], and what holds only for
/// the readings of words: `を` at its start as `お` (`をちこち`), and the old `kwa`, `gwa` of
/// Sino-Japanese readings as `ka`, `ga` (`くわいふく` as `かいふく`, `ぐわん` as `がん`).
fn modern_reading(k: &[char]) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(k.len());
    for (i, &c) in k.iter().enumerate() {
        match (out.last().copied(), c) {
            (Some('く'), 'わ') => *out.last_mut().unwrap_or(&mut 'か') = 'か',
            (Some('ぐ'), 'わ') => *out.last_mut().unwrap_or(&mut 'が') = 'が',
            (_, 'を') if i == 0 => out.push('お'),
            _ => out.push(c),
        }
    }
    modern_kana(&out)
}

/// Whether `c` is a numeral of a numbering pattern.
fn numeral(c: char) -> bool {
    NUMERALS.contains(c)
}

/// The numbering pattern around `r` in `n`, if `r` holds nothing but (part of) one: `第…条`
/// (and the other units), `(…)`, or `….`/`…、` at the start of a line.
fn numbering(n: &Normalized, r: &Range<usize>) -> Option<Range<usize>> {
    let k = &n.keys;
    let (mut s, mut e) = (r.start, r.end);
    if s < e && matches!(k[s], '第' | '(') {
        s += 1;
    }
    if s < e && (UNITS.contains(k[e - 1]) || matches!(k[e - 1], ')' | '.' | '、')) {
        e -= 1;
    }
    if !k[s..e].iter().all(|&c| numeral(c)) {
        return None;
    }
    while s > 0 && numeral(k[s - 1]) {
        s -= 1;
    }
    while e < k.len() && numeral(k[e]) {
        e += 1;
    }
    if s == e || e >= k.len() {
        return None;
    }
    match (s.checked_sub(1).map(|i| k[i]), k[e]) {
        (Some('第'), u) if UNITS.contains(u) => Some(s - 1..e + 1),
        (Some('('), ')') => Some(s - 1..e + 1),
        (_, '.' | '、') if n.is_line_head(s) => Some(s..e + 1),
        _ => None,
    }
}

/// Headings kept apart from what comes before them: a change whose readings both hold a
/// heading, one of them after other text (`(本章完)` then `第4章` against `第四回`, or the
/// end of a chapter that differs and then the next chapter's title), is two: the text before
/// the headings (which may be only one side's) and the headings with what follows them. A
/// heading is a numbered unit at a line start (`第…回/章/条…`) or a Markdown heading, the last
/// one in each reading; the view can then start both headings on one row, and the headings'
/// change is classed on its own (renumbering, not wording).
fn headings_apart(norm: &Pair<Arc<Normalized>>, changes: Vec<Change>) -> Vec<Change> {
    let heading = |n: &Normalized, p: usize| {
        if !n.is_line_head(p) {
            return false;
        }
        let k = &n.keys[p..];
        let numbered = k.first() == Some(&'第') && {
            let digits = k[1..].iter().take_while(|&&c| numeral(c)).count();
            digits > 0 && k.get(1 + digits).is_some_and(|&u| UNITS.contains(u))
        };
        let marked = n
            .ignored
            .iter()
            .skip(n.ignored.partition_point(|x| (x.at as usize) < p))
            .take_while(|x| x.at as usize == p)
            .any(|x| x.text.starts_with('#'));
        numbered || marked
    };
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        // The last heading in each reading (its start included).
        let last = |n: &Normalized, r: &Range<usize>| r.clone().rev().find(|&p| heading(n, p));
        let split = last(&norm.left, &c.a)
            .zip(last(&norm.right, &c.b))
            .filter(|&(l, r)| (l, r) != (c.a.start, c.b.start));
        match split {
            Some((l, r)) => {
                out.push(Change {
                    a: c.a.start..l,
                    b: c.b.start..r,
                });
                out.push(Change {
                    a: l..c.a.end,
                    b: r..c.b.end,
                });
            }
            None => out.push(c),
        }
    }
    out
}

/// Whole units one side inserts before a renumbered one, told apart from the renumbering:
/// `第九条 国务院…` against `第十一条 国家…。第十二条 国务院…` aligns as `九`/`十` and `一条
/// 国家…。第十二` added, where a reader sees article 11 added before the article renumbered 9 →
/// 12. Where a change of only numerals is followed at once by text one side adds that ends at
/// a line start with the same text as before the change and then only numerals, the added
/// text becomes the lines from that start (slid back over the shared text, which is the same),
/// and the numerals the change.
fn units_inserted_before(
    norm: &Pair<Arc<Normalized>>,
    changes: Vec<Change>,
    from: Pair<usize>,
) -> Vec<Change> {
    let pick = |x: &Change, s: Side| {
        if s == Side::Left {
            x.a.clone()
        } else {
            x.b.clone()
        }
    };
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    let mut i = 0;
    while i < changes.len() {
        let c = &changes[i];
        let floor = out
            .last()
            .map_or((from.left, from.right), |p| (p.a.end, p.b.end));
        // The change alone (`九` / `十一条 …。第十二`), or with the text one side adds right
        // after it (`九`/`十`, then `一条 …。第十二` added).
        let alone = Side::BOTH.into_iter().find_map(|side| {
            inserted_before(norm, side, pick(c, side), pick(c, side.other()), floor)
        });
        let with_next = || {
            let n = changes.get(i + 1)?;
            Side::BOTH.into_iter().find_map(|side| {
                let (cs, co, ns, no) = (
                    pick(c, side),
                    pick(c, side.other()),
                    pick(n, side),
                    pick(n, side.other()),
                );
                (no.is_empty() && no.start == co.end && ns.start == cs.end)
                    .then(|| inserted_before(norm, side, cs.start..ns.end, co, floor))
                    .flatten()
            })
        };
        match alone
            .map(|s| (s, 1))
            .or_else(|| with_next().map(|s| (s, 2)))
        {
            Some(((added, renumbered), used)) => {
                out.push(added);
                out.push(renumbered);
                i += used;
            }
            None => {
                out.push(c.clone());
                i += 1;
            }
        }
    }
    out
}

/// For [`units_inserted_before`]: where `side` reads `y` and the other side `x` (only
/// numerals), the lines `side` adds and the numeral change, if `y` ends with a line that starts
/// with the same text as just before the change and then only numerals; `floor` is where the
/// previous change ends on each side.
fn inserted_before(
    norm: &Pair<Arc<Normalized>>,
    side: Side,
    y: Range<usize>,
    x: Range<usize>,
    floor: (usize, usize),
) -> Option<(Change, Change)> {
    let (here, there) = (norm.get(side), norm.get(side.other()));
    let numerals = |t: &Normalized, r: &Range<usize>| {
        !r.is_empty() && t.keys[r.clone()].iter().all(|&k| numeral(k))
    };
    if !numerals(there, &x) || y.is_empty() {
        return None;
    }
    // The last line the added text starts: from there, the same text as just before the
    // change, then only numerals to its end.
    let head = (y.start + 1..y.end).rev().find(|&p| here.is_line_head(p))?;
    let (floor, floor_other) = match side {
        Side::Left => floor,
        Side::Right => (floor.1, floor.0),
    };
    let lead = (1..=4).find(|&j| {
        head + j < y.end
            && y.start >= floor + j
            && x.start >= floor_other + j
            && here.keys[y.start - j..y.start] == here.keys[head..head + j]
            && numerals(here, &(head + j..y.end))
            && there.keys[x.start - j..x.start] == here.keys[head..head + j]
    })?;
    let make = |h: Range<usize>, t: Range<usize>| match side {
        Side::Left => Change { a: h, b: t },
        Side::Right => Change { a: t, b: h },
    };
    Some((
        make(y.start - lead..head, x.start - lead..x.start - lead),
        make(head + lead..y.end, x),
    ))
}

/// Changes of only the numeral of a numbering pattern on both sides, widened to the whole
/// pattern (as far on both sides, and never into a neighbouring change, so the text between
/// changes stays equal) and classed `numbering`; a change already classed stays as it is.
fn widen_numbering(
    norm: &Pair<Arc<Normalized>>,
    changes: Vec<(Change, Option<Class>)>,
    from: Pair<usize>,
    to: Pair<usize>,
) -> Vec<(Change, Option<Class>)> {
    let ends = (to.left, to.right);
    let mut out: Vec<(Change, Option<Class>)> = Vec::with_capacity(changes.len());
    for (i, (c, preset)) in changes.iter().enumerate() {
        let numbered = numbering(&norm.left, &c.a).zip(numbering(&norm.right, &c.b));
        let Some((a, b)) = numbered.filter(|_| preset.is_none()) else {
            out.push((c.clone(), *preset));
            continue;
        };
        let floor = out
            .last()
            .map_or((from.left, from.right), |(p, _)| (p.a.end, p.b.end));
        let ceil = changes
            .get(i + 1)
            .map_or(ends, |(n, _)| (n.a.start, n.b.start));
        let fits = c.a.start - a.start == c.b.start - b.start
            && a.end - c.a.end == b.end - c.b.end
            && a.start >= floor.0
            && b.start >= floor.1
            && a.end <= ceil.0
            && b.end <= ceil.1;
        let c = if fits { Change { a, b } } else { c.clone() };
        out.push((c, Some(Class::Numbering)));
    }
    out
}

/// Whether the keys `k` of a line (spaces at its ends trimmed) are a bare numbered heading,
/// `第4章` or `第四回` alone: chapter headings are numbering, never boilerplate.
fn bare_heading(k: &[char]) -> bool {
    let mut k = k.iter().copied().filter(|&c| c != ' ');
    if k.next() != Some('第') {
        return false;
    }
    let (mut digits, mut unit) = (0, None);
    for c in k {
        match unit {
            None if numeral(c) => digits += 1,
            None => unit = Some(c),
            Some(_) => return false,
        }
    }
    digits > 0 && unit.is_some_and(|u| UNITS.contains(u))
}

/// Changes over double-row notes whose two halves the other side has in swapped order
/// (`(中都/魯邑)` against `(魯邑/中都)`): each such note is one `markup` change of its own,
/// never glued to its neighbours. In a change (with the changes after it that fall inside the
/// same notes), the notes of each side are paired in order with the other side's notes whose
/// halves they swap; each pair is one `markup` change, and the text between the pairs a
/// change only where it differs (its shared start and end are equal text again).
fn swapped_notes(
    norm: &Pair<Arc<Normalized>>,
    changes: Vec<(Change, Option<Class>)>,
) -> Vec<(Change, Option<Class>)> {
    let (l, r) = (&norm.left, &norm.right);
    if l.notes.is_empty() || r.notes.is_empty() {
        return changes;
    }
    let nested = |n: &Normalized, at: &Range<usize>| {
        n.notes[at.clone()]
            .windows(2)
            .any(|w| w[1].norm.start < w[0].norm.end)
    };
    let span = |x: &Note| x.norm.start as usize..x.norm.end as usize;
    // The text between two points of the sides, as a change where it differs: without the
    // keys both sides share at its start and end.
    let between =
        |mut a: Range<usize>, mut b: Range<usize>, out: &mut Vec<(Change, Option<Class>)>| {
            while !a.is_empty() && !b.is_empty() && l.keys[a.start] == r.keys[b.start] {
                a.start += 1;
                b.start += 1;
            }
            while !a.is_empty() && !b.is_empty() && l.keys[a.end - 1] == r.keys[b.end - 1] {
                a.end -= 1;
                b.end -= 1;
            }
            if !(a.is_empty() && b.is_empty()) {
                out.push((Change { a, b }, None));
            }
        };
    let mut out: Vec<(Change, Option<Class>)> = Vec::with_capacity(changes.len());
    let mut k = 0;
    // The notes over `a` on the left paired in order with the notes over `b` on the right
    // whose halves they swap (notes that only touch a change count: the plain diff may end a
    // change where a note whose halves it swapped starts).
    let pairs_over = |a: &Range<usize>, b: &Range<usize>| {
        let (ln, rn) = (l.notes_touching(a), r.notes_touching(b));
        let mut pairs: Vec<(&Note, &Note)> = Vec::new();
        if !nested(l, &ln) && !nested(r, &rn) {
            let mut from = rn.start;
            for x in &l.notes[ln.clone()] {
                let found = (from..rn.end).find(|&j| halves_swapped(l, x, r, &r.notes[j]));
                if let Some(j) = found {
                    pairs.push((x, &r.notes[j]));
                    from = j + 1;
                }
            }
        }
        pairs
    };
    while k < changes.len() {
        let c = &changes[k].0;
        let mut pairs = pairs_over(&c.a, &c.b);
        // The stretch the paired notes and the change cover together. Outside the change the
        // texts are equal, so a note reaching out of it must reach as far on both sides (the
        // changes after it inside the note taken in); a pair at an edge that does not is left.
        let before = out.last().map_or((0, 0), |(p, _)| (p.a.end, p.b.end));
        let stretch = loop {
            let (Some(first), Some(last)) = (pairs.first(), pairs.last()) else {
                break None;
            };
            let a =
                c.a.start.min(first.0.norm.start as usize)..c.a.end.max(last.0.norm.end as usize);
            let b =
                c.b.start.min(first.1.norm.start as usize)..c.b.end.max(last.1.norm.end as usize);
            if c.a.start - a.start != c.b.start - b.start
                || a.start < before.0
                || b.start < before.1
            {
                pairs.remove(0);
                continue;
            }
            // The changes after it inside the stretch (one inserting text at its end on one
            // side, while inside it on the other, too).
            let within = |n: &Range<usize>, r: &Range<usize>| {
                n.start < r.end || (n.is_empty() && n.start == r.end)
            };
            let mut end = k;
            while changes.get(end + 1).is_some_and(|(n, _)| {
                within(&n.a, &a) && within(&n.b, &b) && (n.a.start < a.end || n.b.start < b.end)
            }) {
                end += 1;
            }
            let through = &changes[end].0;
            if through.a.end > a.end
                || through.b.end > b.end
                || a.end - through.a.end != b.end - through.b.end
            {
                pairs.pop();
                continue;
            }
            break Some((a, b, end));
        };
        // Else the stretch grown: over the paired notes, then over every change after that
        // starts inside it on either side (the plain diff may have matched a half with the
        // same characters in the next note), until it holds still — the text before its
        // first change and after its last as long on both sides.
        let grown = || {
            let (mut a, mut b, mut end) = (c.a.clone(), c.b.clone(), k);
            for _ in 0..GROWTH {
                // Each side's notes as far as the other side's text reaches: an insertion's
                // note starts just after its point when the diff slid it by a character.
                let pairs = pairs_over(
                    &(a.start..a.end.max(a.start + b.len())),
                    &(b.start..b.end.max(b.start + a.len())),
                );
                let (first, last) = (pairs.first()?, pairs.last()?);
                let mut wider = (
                    a.start.min(first.0.norm.start as usize)..a.end.max(last.0.norm.end as usize),
                    b.start.min(first.1.norm.start as usize)..b.end.max(last.1.norm.end as usize),
                    end,
                );
                while let Some((n, _)) = changes.get(wider.2 + 1) {
                    if n.a.start >= wider.0.end && n.b.start >= wider.1.end {
                        break;
                    }
                    wider.0.end = wider.0.end.max(n.a.end);
                    wider.1.end = wider.1.end.max(n.b.end);
                    wider.2 += 1;
                }
                if wider != (a.clone(), b.clone(), end) {
                    (a, b, end) = wider;
                    continue;
                }
                let through = &changes[end].0;
                let holds = c.a.start - a.start == c.b.start - b.start
                    && a.start >= before.0
                    && b.start >= before.1
                    && a.end - through.a.end == b.end - through.b.end;
                return holds.then_some((a, b, end, pairs));
            }
            None
        };
        let (a, b, end) = match stretch {
            Some(found) => found,
            None => match grown() {
                Some((a, b, end, grown_pairs)) => {
                    pairs = grown_pairs;
                    (a, b, end)
                }
                None => {
                    out.push(changes[k].clone());
                    k += 1;
                    continue;
                }
            },
        };
        let mut at = (a.start, b.start);
        for (x, y) in &pairs {
            let (x, y) = (span(x), span(y));
            between(at.0..x.start, at.1..y.start, &mut out);
            at = (x.end, y.end);
            out.push((Change { a: x, b: y }, Some(Class::Markup)));
        }
        between(at.0..a.end, at.1..b.end, &mut out);
        k = end + 1;
    }
    out
}

/// How many times [`swapped_notes`] grows a stretch over notes and changes at most.
const GROWTH: usize = 8;

/// Whether note `a` of `l` and note `b` of `r` have the same two halves in swapped order
/// (`(中都/魯邑)` against `(魯邑/中都)`).
fn halves_swapped(l: &Normalized, a: &Note, r: &Normalized, b: &Note) -> bool {
    let (Some(sa), Some(sb)) = (a.split, b.split) else {
        return false;
    };
    let (a, b) = (
        (a.norm.start as usize, sa as usize, a.norm.end as usize),
        (b.norm.start as usize, sb as usize, b.norm.end as usize),
    );
    // A note never closed (`(…/…` to the end of a nested one) has no halves to swap.
    if !(a.0 < a.1 && a.1 < a.2 && b.0 < b.1 && b.1 < b.2) {
        return false;
    }
    l.keys[a.0..a.1] == r.keys[b.1..b.2] && l.keys[a.1..a.2] == r.keys[b.0..b.1]
}

/// Whether `h` is an inversion: a double-row note on each side, the whole note, with its two
/// halves in swapped order (a `markup` hotspot of [`swapped_notes`]).
pub fn inverted(norm: &Pair<Arc<Normalized>>, h: &Hotspot) -> bool {
    fn note<'a>(n: &'a Normalized, range: &Range<usize>) -> Option<&'a Note> {
        let i = n
            .notes
            .partition_point(|x| (x.norm.start as usize) < range.start);
        n.notes
            .get(i)
            .filter(|x| x.norm.start as usize == range.start && x.norm.end as usize == range.end)
    }
    h.class == Class::Markup
        && note(&norm.left, &h.norm.left)
            .zip(note(&norm.right, &h.norm.right))
            .is_some_and(|(a, b)| halves_swapped(&norm.left, a, &norm.right, b))
}

/// The form and variant differences inside an equal stretch: `a` on the left, starting at
/// `b` on the right.
fn folded(norm: &Pair<Arc<Normalized>>, a: Range<usize>, b: usize, out: &mut Vec<Hotspot>) {
    let (l, r) = (&norm.left, &norm.right);
    let mut group: Option<(usize, usize, Level)> = None;
    let flush = |g: (usize, usize, Level), out: &mut Vec<Hotspot>| {
        let class = if g.2 == Level::Form {
            Class::Form
        } else {
            Class::Variant
        };
        let (s, e) = (g.0, g.1);
        out.push(hotspot(norm, s..e, s - a.start + b..e - a.start + b, class));
    };
    for p in a.clone() {
        let (x, y) = (l.chars[p], r.chars[p - a.start + b]);
        if x == y {
            continue;
        }
        let lv = level(x, y, l.tables).max(Level::Form);
        group = match group {
            Some((s, e, g)) if g == lv && g == Level::Form && p - e <= GROUP_GAP => {
                Some((s, p + 1, g))
            }
            Some(g) => {
                flush(g, out);
                Some((p, p + 1, lv))
            }
            None => Some((p, p + 1, lv)),
        };
    }
    if let Some(g) = group {
        flush(g, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::compare::{Class, compare_normalized};
    use crate::engine::markup::Markup;
    use crate::engine::normalize::normalize_as;
    use crate::pair::Pair;
    use std::sync::Arc;

    fn classes(a: &str, b: &str, m: Markup) -> Vec<(Class, String, String)> {
        let c = compare_normalized(Pair::new(
            Arc::new(normalize_as(a, m)),
            Arc::new(normalize_as(b, m)),
        ));
        let slice =
            |s: &str, r: std::ops::Range<usize>| s.chars().skip(r.start).take(r.len()).collect();
        c.hotspots
            .iter()
            .map(|h| {
                (
                    h.class,
                    slice(a, h.span.left.clone()),
                    slice(b, h.span.right.clone()),
                )
            })
            .collect()
    }

    fn row(class: Class, a: &str, b: &str) -> (Class, String, String) {
        (class, a.to_string(), b.to_string())
    }

    /// The places where each hotspot's readings start: the original offsets on each side.
    fn starts(a: &str, b: &str) -> Vec<(usize, usize)> {
        let c = crate::engine::compare::compare(a, b);
        c.hotspots
            .iter()
            .map(|h| (h.span.left.start, h.span.right.start))
            .collect()
    }

    /// A footer one side has before a heading (`(本章完)`) is a hotspot of its own, the
    /// headings another: the headings are not part of the footer's change.
    #[test]
    fn a_footer_before_a_heading_is_apart_from_the_heading() {
        let a = "第三回 甲乙丙丁戊己庚辛。\n天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往。\n(本章完)\n\n第4章 秋收冬藏闰余成岁律吕调阳。";
        let b = "第三回 甲乙丙丁戊己庚辛。\n天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往。\n\n第四回 秋收冬藏闰余成岁律吕调阳。";
        let got = classes(a, b, Markup::None);
        assert_eq!(
            got,
            vec![
                row(Class::Wording, "(本章完)", ""),
                row(Class::Numbering, "第4章", "第四回"),
            ]
        );
    }

    /// Chapters `第N章` (Arabic numerals) each ending with `footer` on the left, `第N回`
    /// (Chinese numerals) each ending with `other` on the right.
    fn chapters(footer: &str, other: &str) -> (String, String, Vec<(String, String)>) {
        const BODIES: [&str; 4] = [
            "天地玄黄宇宙洪荒日月盈昃辰宿列张。",
            "寒来暑往秋收冬藏闰余成岁律吕调阳。",
            "云腾致雨露结为霜金生丽水玉出昆冈。",
            "剑号巨阙珠称夜光果珍李柰菜重芥姜。",
        ];
        const CHINESE: [&str; 4] = ["一", "二", "三", "四"];
        let (mut a, mut b, mut headings) = (String::new(), String::new(), Vec::new());
        for (i, body) in BODIES.iter().enumerate() {
            let (ha, hb) = (format!("第{}章", i + 1), format!("第{}回", CHINESE[i]));
            a += &format!("{ha}\n{body}\n{footer}\n\n");
            b += &format!("{hb}\n{body}\n{other}\n\n");
            headings.push((ha, hb));
        }
        (a, b, headings)
    }

    /// A footer one side ends every chapter with is `boilerplate`, and the renumbered heading
    /// after it `numbering`, each a hotspot of its own.
    #[test]
    fn a_footer_in_every_chapter_is_boilerplate_and_the_heading_after_it_numbering() {
        let (a, b, headings) = chapters("(本章完)", "");
        let expected: Vec<_> = headings
            .iter()
            .flat_map(|(ha, hb)| {
                [
                    row(Class::Numbering, ha, hb),
                    row(Class::Boilerplate, "(本章完)", ""),
                ]
            })
            .collect();
        assert_eq!(classes(&a, &b, Markup::None), expected);
        // Each side's own footer in the other's place: a difference both read, not hidden.
        let (a, b, _) = chapters("(本章完)", "(本回终)");
        let got = classes(&a, &b, Markup::None);
        let footers: Vec<_> = got.iter().filter(|(_, l, _)| l.contains("章完")).collect();
        assert_eq!(footers.len(), 4, "{got:?}");
        assert!(
            footers
                .iter()
                .all(|(c, _, r)| *c == Class::Wording && r.contains("回终")),
            "{got:?}"
        );
    }

    #[test]
    fn only_a_bare_numbered_heading_is_one() {
        let k = |s: &str| s.chars().collect::<Vec<char>>();
        for heading in ["第4章", "第四回", "第 12 条", "第一百二十回"] {
            assert!(super::bare_heading(&k(heading)), "{heading}");
        }
        for line in ["第4章 桃园结义", "第 3 页", "第章", "4章", "(本章完)"] {
            assert!(!super::bare_heading(&k(line)), "{line}");
        }
    }

    /// An article inserted before a renumbered one is the whole article, and the renumbering
    /// its own hotspot: `第十一条 …。` added, `第九条`/`第十二条`.
    #[test]
    fn an_article_inserted_before_a_renumbered_one_is_whole() {
        let a = "第八条 甲乙丙丁。\n\n第九条 国务院设立委员会，负责组织工作。";
        let b = "第十条 甲乙丙丁。\n\n第十一条 国家健全完善规则制度。\n\n第十二条 国务院设立委员会，负责组织工作。";
        let got = classes(a, b, Markup::None);
        assert_eq!(
            got,
            vec![
                row(Class::Numbering, "第八条", "第十条"),
                row(Class::Wording, "", "第十一条 国家健全完善规则制度。"),
                row(Class::Numbering, "第九条", "第十二条"),
            ]
        );
    }

    /// Where the other side adds a paragraph, this side's place is the start of the paragraph
    /// it comes before (its line), not the end of the one before it.
    #[test]
    fn an_added_paragraph_is_placed_at_the_start_of_the_next() {
        let a = "第一段的文字。\n\n第三段的文字。";
        let b = "第一段的文字。\n\n新加的第二段。\n\n第三段的文字。";
        let third = a.chars().position(|c| c == '三').map(|p| p - 1);
        assert_eq!(starts(a, b), vec![(third.unwrap_or(0), 9)]);
        // Added inside a paragraph, the place stays where the text is added.
        assert_eq!(starts("甲乙丙丁。", "甲乙新加丙丁。"), vec![(2, 2)]);
        // Whole lines only one side has take the markup and indentation they start with.
        let got = classes(
            "第一段的文字。\n\n第三段的文字。",
            "第一段的文字。\n\n## 新加的标题\n\n第三段的文字。",
            Markup::Markdown,
        );
        assert_eq!(got, vec![row(Class::Wording, "", "## 新加的标题")]);
    }

    #[test]
    fn a_note_never_closed_has_no_halves_to_swap() {
        // Found by a fuzzer: `(` opens a note, `/` splits it, and it never closes.
        let c = crate::engine::compare::compare("<pb:(/謂帝", "<pb:(帝/(");
        assert!(!c.hotspots.is_empty());
    }

    #[test]
    fn form_and_variant_differences_are_their_own_hotspots() {
        let got = classes(
            "他说完了．大家都笑了，爲何(六)不去",
            "他说完了。大家都笑了、為何（六）不去",
            Markup::None,
        );
        assert_eq!(
            got,
            [
                row(Class::Form, "．", "。"),
                row(Class::Punctuation, "，", "、"),
                row(Class::Variant, "爲", "為"),
                row(Class::Form, "(六)", "（六）"),
            ]
        );
    }

    #[test]
    fn bracketed_and_plain_cross_references_are_numbering() {
        let got = classes(
            "依照本法第（一）项、第（二）项的规定办理。\n（一）国家实行统一的市场准入制度。",
            "依照本法第一项、第二项的规定办理。\n一、国家实行统一的市场准入制度。",
            Markup::None,
        );
        assert!(!got.is_empty());
        assert!(got.iter().all(|(c, ..)| *c == Class::Numbering), "{got:?}");
        // Another unit is wording, bracketed or not; brackets not around a referenced
        // number are punctuation.
        let got = classes(
            "依照本法第（一）项的规定办理。",
            "依照本法第一款的规定办理。",
            Markup::None,
        );
        assert!(!got.is_empty());
        assert!(got.iter().all(|(c, ..)| *c == Class::Wording), "{got:?}");
        let got = classes("依照（本法）的规定。", "依照本法的规定。", Markup::None);
        assert!(
            got.iter().all(|(c, ..)| *c == Class::Punctuation),
            "{got:?}"
        );
    }

    #[test]
    fn each_variant_character_is_a_hotspot_of_its_own() {
        let got = classes("未甞不畧知其事", "未嘗不略知其事", Markup::None);
        assert_eq!(
            got,
            [
                row(Class::Variant, "甞", "嘗"),
                row(Class::Variant, "畧", "略")
            ]
        );
    }

    #[test]
    fn quotes_in_another_form_stay_form_even_around_a_word() {
        let got = classes("他道:\"是\"。又说", "他道：“是”。又说", Markup::None);
        assert!(got.iter().all(|(c, ..)| *c == Class::Form), "{got:?}");
    }

    #[test]
    fn renumbered_articles_are_whole_patterns() {
        let got = classes(
            "第十八条　国家依照本法第十六条管理。",
            "第十九条　国家依照本法第十五条管理。",
            Markup::None,
        );
        assert_eq!(
            got,
            [
                row(Class::Numbering, "第十八条", "第十九条"),
                row(Class::Numbering, "第十六条", "第十五条"),
            ]
        );
    }

    #[test]
    fn spacing_in_spaced_scripts() {
        let got = classes(
            "에러값을 `String` 을 반환",
            "에러 값을 `String`을 반환",
            Markup::Markdown,
        );
        assert!(!got.is_empty(), "{got:?}");
        assert!(got.iter().all(|(c, ..)| *c == Class::Spacing), "{got:?}");
        assert!(got.iter().any(|(_, a, _)| a.contains("에러값")), "{got:?}");
        assert!(
            got.iter().any(|(_, _, b)| b.contains("`String`을")),
            "{got:?}"
        );
    }

    #[test]
    fn ruby_and_historical_kana_are_variants() {
        let got = classes(
            "二人は一緒《いっしょ》に歩いてゐた。さうして云ふ",
            "二人はいっしょに歩いていた。そうして云う",
            Markup::Aozora,
        );
        assert!(got.iter().all(|(c, ..)| *c == Class::Variant), "{got:?}");
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn readings_given_anywhere_and_iteration_marks_are_variants() {
        let got = classes(
            "屍骸《しがい》が在る。屍骸が在る。すゝむ",
            "しがいが在る。死骸《しがい》が在る。すすむ",
            Markup::Aozora,
        );
        assert!(got.iter().all(|(c, ..)| *c == Class::Variant), "{got:?}");
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn a_ruby_elsewhere_never_stops_a_fold() {
        // `顫` is read `ふるは` on another line; here the right reads it `ふる`, and `顫へる`
        // in old kana is `顫える`.
        let got = classes(
            "手を顫《ふるは》せた。声が顫へる。",
            "手を顫《ふるわ》せた。声が顫《ふる》える。",
            Markup::Aozora,
        );
        // (The ruby the right adds is markup; the other differs in spelling only.)
        let text: Vec<_> = got.iter().filter(|(c, ..)| *c != Class::Markup).collect();
        assert_eq!(
            text,
            [
                &row(Class::Variant, "《ふるは》", "《ふるわ》"),
                &row(Class::Variant, "へ", "え")
            ],
            "{got:?}"
        );
    }

    #[test]
    fn a_ruby_read_otherwise_is_reading_and_an_added_one_markup() {
        let got = classes(
            "誰《だれ》が扉《とびら》を開けた。窓を見た。手を顫《ふるは》せた。",
            "誰《たれ》が扉《と》を開けた。窓《まど》を見た。手を顫《ふるわ》せた。",
            Markup::Aozora,
        );
        assert_eq!(
            got,
            [
                row(Class::Reading, "《だれ》", "《たれ》"),
                row(Class::Reading, "《とびら》", "《と》"),
                row(Class::Markup, "", "《まど》"),
                row(Class::Variant, "《ふるは》", "《ふるわ》"),
            ]
        );
    }

    #[test]
    fn an_entity_against_a_character_is_shown_and_against_itself_nothing() {
        let got = classes("天下&KR0106;道。", "天下常道。", Markup::Mandoku);
        assert_eq!(got, [row(Class::Wording, "&KR0106;", "常")]);
        assert!(classes("天下&KR0106;道。", "天下&KR0106;道。", Markup::Mandoku).is_empty());
    }

    #[test]
    fn swapped_notes_are_each_one_change_never_glued_across_the_text_between() {
        // The plain diff glues both notes and the four characters between into one change.
        let got = classes(
            "長㓜異食(十異食也/如禮年五)强弱異任(力作/任謂)男女别塗",
            "長㓜異食(如禮年五/十異食也)强弱異任(任謂/力作)男女别塗",
            Markup::Mandoku,
        );
        assert_eq!(
            got,
            [
                row(Class::Markup, "十異食也/如禮年五", "如禮年五/十異食也"),
                row(Class::Markup, "力作/任謂", "任謂/力作"),
            ]
        );
        // Halves long enough that the plain diff keeps one and moves the other.
        let got = classes(
            "誅華士(聚黨也而韓非謂/士之為人虚偽亦)¶\n(而太公誅之豈所以謂太公者哉/華士耕而後食鑿井而飲信其如此)管仲¶\n",
            "誅華士(士之為人虚偽亦/聚黨也而韓非謂)¶\n(華士耕而後食鑿井而飲信其如此/而太公誅之豈所以謂太公者哉)管仲¶\n",
            Markup::Mandoku,
        );
        assert!(got.iter().all(|(c, ..)| *c == Class::Markup), "{got:?}");
        // The diff slid the deletion a character out of the note (the `迷` before it read as
        // the note's last), or matched a half with the same character in the next note (`者`):
        // each note is still one change.
        for (a, b, notes) in [
            (
                "不迷(當毗輔天子使民不迷/毗輔也俾使也言師尹)是以¶\n",
                "不迷(毗輔也俾使也言師尹/當毗輔天子使民不迷)是以¶\n",
                vec!["當毗輔天子使民不迷/毗輔也俾使也言師尹"],
            ),
            (
                "是用粃粺(者粺草之似/粃穀之不成)¶\n(者/穀)用粃粺¶\n",
                "是用粃粺(粃穀之不成/者粺草之似)¶\n(穀/者)用粃粺¶\n",
                vec!["者粺草之似/粃穀之不成", "者/穀"],
            ),
        ] {
            let got = classes(a, b, Markup::Mandoku);
            let lefts: Vec<&str> = got.iter().map(|(_, l, _)| l.as_str()).collect();
            assert!(got.iter().all(|(c, ..)| *c == Class::Markup), "{got:?}");
            assert_eq!(lefts, notes, "{got:?}");
        }
        // A variant beside a swapped note stays a variant of its own.
        let got = classes(
            "範金(用刑範也/治金爲器)",
            "冶金(治金爲器/用刑範也)",
            Markup::Mandoku,
        );
        assert_eq!(
            got,
            [
                row(Class::Wording, "範", "冶"),
                row(Class::Markup, "用刑範也/治金爲器", "治金爲器/用刑範也"),
            ]
        );
    }

    #[test]
    fn markup_and_invisible_differences() {
        let got = classes("第一条\n\u{200B}\n正文", "第一条\n正文", Markup::None);
        assert_eq!(got, [row(Class::Invisible, "\u{200B}", "")]);
        let got = classes(
            "<pb:A_1a>¶\n孔子(中都/魯邑)制¶\n",
            "孔子(魯邑/中都)制¶\n",
            Markup::Mandoku,
        );
        assert!(got.iter().all(|(c, ..)| *c == Class::Markup), "{got:?}");
        assert!(
            got.iter()
                .any(|(_, a, b)| a == "中都/魯邑" && b == "魯邑/中都"),
            "{got:?}"
        );
    }

    #[test]
    fn a_real_change_holding_a_mechanical_one_is_real() {
        // 爲/為 alone would be a variant; inside 爲何/為什么 it is part of a real change.
        let got = classes("他爲何去了北京，", "他為什么去了北京。", Markup::None);
        assert_eq!(
            got,
            [
                row(Class::Wording, "爲何", "為什么"),
                row(Class::Punctuation, "，", "。")
            ]
        );
    }

    #[test]
    fn a_real_change_beside_a_mechanical_one_is_real() {
        let got = classes("他作了一首诗．", "他做了一首诗。", Markup::None);
        assert_eq!(
            got,
            [
                row(Class::Wording, "作", "做"),
                row(Class::Form, "．", "。")
            ]
        );
    }

    /// Texts of `paragraphs` lines of `words` (Han, with punctuation, a numbered heading now
    /// and then, a space here and there) and a copy with `edits` edits each at a seeded place
    /// (a word changed, dropped or added, a variant or full-width form, a renumbering).
    fn edited_pair(seed: u64, paragraphs: usize, edits: usize) -> (String, String) {
        let mut k = seed | 1;
        let mut next = move |n: usize| {
            k ^= k << 13;
            k ^= k >> 7;
            k ^= k << 17;
            (k % n as u64) as usize
        };
        let words = [
            "天下",
            "国家",
            "人民",
            "政治",
            "霸权",
            "制度",
            "优势",
            "合力",
            "为之",
            "說話",
            "孔子",
            "曰",
            "之",
            "也",
            "ES6 提供",
            "第三条",
            "（六）",
            "AB",
        ];
        let marks = ["，", "。", "、", "；"];
        let mut lines: Vec<Vec<String>> = (0..paragraphs)
            .map(|p| {
                let mut line: Vec<String> = Vec::new();
                if p % 7 == 0 {
                    line.push(format!("第{}章 ", ["一", "二", "三", "四"][p % 4]));
                }
                for _ in 0..12 + next(30) {
                    line.push(words[next(words.len())].to_string());
                    if next(4) == 0 {
                        line.push(marks[next(marks.len())].to_string());
                    }
                }
                line
            })
            .collect();
        let left: Vec<String> = lines.iter().map(|l| l.concat()).collect();
        let alternatives = ["强权", "爲之", "说话", "，", "（七）", "第四条", "A B", ""];
        for _ in 0..edits {
            let p = next(lines.len());
            let w = next(lines[p].len());
            match next(3) {
                0 => lines[p][w] = alternatives[next(alternatives.len())].to_string(),
                1 => lines[p].insert(w, words[next(words.len())].to_string()),
                _ => {
                    lines[p].remove(w);
                }
            }
        }
        let right: Vec<String> = lines.iter().map(|l| l.concat()).collect();
        // Now and then the copy has a line more at the very end (a hotspot starting where
        // the left text ends).
        let tail = if seed % 2 == 1 { "\n(本章完)" } else { "" };
        (left.join("\n"), right.join("\n") + tail)
    }

    /// Classed in windows on all cores is classed as one window over the whole texts, and a
    /// change of the alignment in one place classed again in its windows only is classed
    /// afresh: the windows are invisible in the hotspots.
    #[test]
    fn windows_are_invisible_in_the_hotspots() {
        use super::{Change, Classer};
        use crate::engine::align::align;
        use crate::engine::normalize::normalize;
        for seed in 1..40u64 {
            let (a, b) = edited_pair(seed, 60 + (seed as usize * 7) % 90, 3 + seed as usize % 25);
            let norm = Pair::new(Arc::new(normalize(&a)), Arc::new(normalize(&b)));
            let changes = align(&norm.left.keys, &norm.right.keys);
            let classer = Classer::new(&norm);
            let ends = Pair::new(norm.left.len(), norm.right.len());
            let whole = classer.window(&changes, Pair::new(0, 0), ends);
            let classed = classer.classed(changes.clone());
            assert_eq!(classed, whole, "seed {seed}");
            assert!(
                changes.len() < 80 || classer.cuts(&changes).len() > 1,
                "seed {seed}: texts this long have cuts"
            );
            // Another alignment of one place: a change split in two around an equal
            // character that is moved into it, as realigning around a move does.
            let Some(k) = changes
                .iter()
                .position(|c| c.a.len() >= 2 && c.b.len() >= 2)
            else {
                continue;
            };
            let mut other = changes.clone();
            let c = other[k].clone();
            other.splice(
                k..=k,
                [
                    Change {
                        a: c.a.start..c.a.start + 1,
                        b: c.b.start..c.b.start,
                    },
                    Change {
                        a: c.a.start + 1..c.a.end,
                        b: c.b.start..c.b.end,
                    },
                ],
            );
            let again = classer.reclassed(&changes, &classed, other.clone());
            assert_eq!(
                again,
                classer.window(&other, Pair::new(0, 0), ends),
                "seed {seed}"
            );
        }
    }
}
