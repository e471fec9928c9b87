//! Reports: one model per report, serialised to JSON by serde and rendered to Markdown from the
//! same model, so the two formats cannot drift apart.
//!
//! * [`PairReport`]: the left-vs-right comparison (`--report json|markdown`);
//! * [`ApparatusReport`]: all sources collated against a base (`--report json|markdown --all`);
//! * [`UnitsReport`]: the pair unit by unit, old article beside new (`--report json|markdown
//!   --units`);
//! * [`json`]: compact JSON with every hidden character escaped;
//! * [`markdown`]: tables with context around each difference;
//! * [`tei`]: the apparatus as TEI P5 parallel segmentation;
//! * [`html`]: one self-contained page: the pair side by side in aligned rows with the
//!   hotspots highlighted and listed, or the apparatus with the base text marked;
//!
//! The HTML pair page's aligned rows come from the view sections ([`crate::sections`]), the
//! layer below both the reports and the viewer.
//!
//! The JSON schema is a contract (see the README): offsets count Unicode scalar values in the
//! decoded sources, end exclusive, `line` is 1-based, and the wire names of kinds and classes
//! are their serde names. Nothing from a source reaches the output as a control character: JSON
//! escapes them, Markdown and HTML show them as `⟨U+XXXX⟩`.

pub mod html;
pub mod json;
pub mod markdown;
pub mod produce;
pub mod table;
pub mod tei;

use crate::engine::collate::Collation;
use crate::engine::compare::{Class, Comparison, Filter, Hotspot, Kind};
use crate::engine::markup::Markup;
use crate::engine::style::{Patterns, Rules, Shown};
use crate::engine::units::{Status, Unit, pair_units, statuses, units};
use crate::pair::Pair;
use crate::source::{Source, distinct_names};
use serde::Serialize;
use std::ops::Range;

/// A source as a report describes it.
#[derive(Debug, Serialize)]
pub struct SourceInfo<'a> {
    /// File name.
    pub name: &'a str,
    /// Its siglum: `A`, `B`… unless given with `--sigla` or `SIGLUM=PATH`.
    pub siglum: &'a str,
    /// The name it is shown by: its file name, or where two sources share one, the shortest
    /// end of its path that tells it apart (`ed1/ch01.txt`).
    pub label: String,
    /// Path as given.
    pub path: &'a str,
    /// Encoding it was decoded from.
    pub encoding: &'a str,
    /// Length in characters.
    pub chars: usize,
    /// Problems met while decoding.
    pub warnings: &'a [String],
    /// The markup profile it was read with.
    pub markup: Markup,
    /// What the compared text was extracted from (`html`: a web page's article); absent
    /// when it is the file's text as it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extracted: Option<&'static str>,
    /// The commit it was read from (`commit`, `short`, `date`), for a text read from git.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<&'a crate::source::Revision>,
}

impl<'a> SourceInfo<'a> {
    /// The description of `source`, read with the markup profile `markup`, shown as `label`.
    pub fn new(source: &'a Source, markup: Markup, label: String) -> Self {
        SourceInfo {
            name: &source.name,
            siglum: &source.siglum,
            label,
            path: &source.path,
            encoding: source.encoding,
            chars: source.char_len(),
            warnings: &source.warnings,
            markup,
            extracted: source.extracted,
            revision: source.revision.as_ref(),
        }
    }

    /// What its text was extracted from, as the reports word it: `(article extracted from
    /// html)`; `None` when it is the file's text as it is.
    pub fn extraction(&self) -> Option<String> {
        self.extracted
            .map(|from| format!("(article extracted from {from})"))
    }
}

/// The hidden hotspots per class: every class the filter hides, with its count (zero
/// included), in the classes' order; and, when rules hide readings, how many hotspots of the
/// shown classes they hide (`rules`). Serialised as a JSON object.
#[derive(Debug, Default)]
pub struct Hidden(pub Vec<(Class, usize)>, pub Option<usize>);

impl Serialize for Hidden {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map =
            serializer.serialize_map(Some(self.0.len() + usize::from(self.1.is_some())))?;
        for (class, n) in &self.0 {
            map.serialize_entry(class.name(), n)?;
        }
        if let Some(n) = self.1 {
            map.serialize_entry("rules", &n)?;
        }
        map.end()
    }
}

impl Hidden {
    /// The total number of hidden hotspots.
    pub fn total(&self) -> usize {
        self.0.iter().map(|(_, n)| n).sum::<usize>() + self.1.unwrap_or(0)
    }

    /// Whether nothing is hidden, or could be (no class hidden, no rules).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty() && self.1.is_none()
    }

    /// The counts as the reports word them: `0 form, 2 variant, …, 820 by rules`.
    pub fn breakdown(&self) -> String {
        let classes = counted(&self.0);
        match self.1 {
            Some(n) if classes.is_empty() => format!("{n} by rules"),
            Some(n) => format!("{classes}, {n} by rules"),
            None => classes,
        }
    }

    /// The sentence that tells what the filter hides, `option` the option that shows it as
    /// the format writes code (`` `--show CLASS` ``); `None` when it hides nothing.
    pub fn sentence(&self, option: &str) -> Option<String> {
        (!self.is_empty()).then(|| {
            format!(
                "Hidden by the filter: {} ({}; {option} shows them).",
                self.total(),
                self.breakdown()
            )
        })
    }
}

/// Characters of context a report shows either side of a span ([`SpanInfo::context`]).
pub const CONTEXT: usize = 8;

/// Longest span text a report cell shows whole; longer ones are abridged ([`abridged`]).
pub const SHOWN: usize = 60;

pub use crate::text::sanitize::one_line;

/// A span's text as `shown` renders it, abridged when it is over [`SHOWN`] characters: its
/// head and its tail around ` … `, and its length (`more` words it).
pub fn abridged(
    span: &SpanInfo,
    shown: impl Fn(&str) -> String,
    more: impl Fn(usize) -> String,
) -> String {
    let len = span.end.saturating_sub(span.start);
    if len <= SHOWN || span.end > span.source.char_len() {
        return shown(span.text);
    }
    let head = shown(span.source.slice(span.start..span.start + SHOWN / 2));
    let tail = shown(span.source.slice(span.end - SHOWN / 4..span.end));
    format!("{head} … {tail} {}", more(len))
}

/// Class counts as the reports word them: `9 wording, 1 punctuation`.
pub fn counted(counts: &[(Class, usize)]) -> String {
    counts
        .iter()
        .map(|(c, n)| format!("{n} {}", c.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The names of the classes `filter` shows.
fn shown_names(filter: &Filter) -> Vec<&'static str> {
    Class::ALL
        .into_iter()
        .filter(|c| filter.shows(*c))
        .map(Class::name)
        .collect()
}

/// A span of one source.
#[derive(Debug, Serialize)]
pub struct SpanInfo<'a> {
    /// First character (inclusive).
    pub start: usize,
    /// Last character (exclusive).
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// The original text of the span.
    pub text: &'a str,
    /// The source it is a span of (for the Markdown report's context; not serialised).
    #[serde(skip)]
    pub source: &'a Source,
}

impl<'a> SpanInfo<'a> {
    /// The span `range` of `source`.
    pub fn new(source: &'a Source, range: &Range<usize>) -> Self {
        SpanInfo {
            start: range.start,
            end: range.end,
            line: source.line_of(range.start),
            text: source.slice(range.clone()),
            source,
        }
    }

    /// The character range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The [`CONTEXT`] characters of its source before and after it (fewer at the text's
    /// ends).
    pub fn context(&self) -> (&'a str, &'a str) {
        let len = self.source.char_len();
        let (start, end) = (self.start.min(len), self.end.min(len));
        (
            self.source.slice(start.saturating_sub(CONTEXT)..start),
            self.source.slice(end..(end + CONTEXT).min(len)),
        )
    }
}

/// A hotspot as the report describes it.
#[derive(Debug, Serialize)]
pub struct HotspotInfo<'a> {
    /// Changed, only-left, only-right or moved.
    pub kind: Kind,
    /// What kind of difference it is.
    pub class: Class,
    /// The left span.
    pub left: SpanInfo<'a>,
    /// The right span.
    pub right: SpanInfo<'a>,
    /// The index in the report's `patterns` of the pattern its readings make, if they make
    /// one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<u32>,
}

/// A pair of readings that recurs (see [`crate::engine::style`]), as the report lists it.
#[derive(Debug, Serialize)]
pub struct PatternInfo {
    /// The left reading.
    pub left: String,
    /// The right reading.
    pub right: String,
    /// How many hotspots of the shown classes have it.
    pub count: usize,
    /// Their class.
    pub class: Class,
    /// Whether a rule hides it.
    pub hidden: bool,
    /// The first 1-based lines on the left where its hotspots are shown (at most
    /// [`PATTERN_LINES`], each once; not serialised: the Markdown and HTML tables show them).
    #[serde(skip)]
    pub lines: Vec<usize>,
}

/// How many first lines a pattern lists in the Markdown and HTML tables.
pub const PATTERN_LINES: usize = 3;

/// The pairwise report.
#[derive(Debug, Serialize)]
pub struct PairReport<'a> {
    /// The left source.
    pub left: SourceInfo<'a>,
    /// The right source.
    pub right: SourceInfo<'a>,
    /// Share of normalised text in common, 0 to 1 (rounded to 4 decimals).
    pub similarity: f64,
    /// The classes shown.
    pub shown: Vec<&'static str>,
    /// The hotspots the filter shows, in reading order.
    pub hotspots: Vec<HotspotInfo<'a>>,
    /// The number of hotspots of each class the filter hides.
    pub hidden: Hidden,
    /// The pairs of readings at least three hotspots of the shown classes share, most
    /// frequent first.
    pub patterns: Vec<PatternInfo>,
}

/// Decimal places kept of a similarity.
const SIMILARITY_SCALE: f64 = 10_000.0;

impl<'a> PairReport<'a> {
    /// The report of `comparison` between `sources`, as `filter` shows it.
    pub fn new(sources: Pair<&'a Source>, comparison: &Comparison, filter: &Filter) -> Self {
        PairReport::with_rules(sources, comparison, filter, &Rules::new())
    }

    /// The report of `comparison` between `sources`, as `filter` and `rules` show it.
    pub fn with_rules(
        sources: Pair<&'a Source>,
        comparison: &Comparison,
        filter: &Filter,
        rules: &Rules,
    ) -> Self {
        let Shown {
            comparison: shown,
            patterns,
            by_rules,
            stop_patterns,
            ..
        } = Shown::new(comparison, filter, rules, |side, range| {
            sources.get(side).slice(range)
        });
        let [left, right]: [String; 2] = distinct_names(&[sources.left, sources.right])
            .try_into()
            .unwrap_or_default();
        let hotspots: Vec<HotspotInfo<'a>> = shown
            .reading()
            .iter()
            .zip(stop_patterns)
            .map(|(h, pattern)| HotspotInfo {
                kind: h.kind,
                class: h.class,
                pattern,
                left: SpanInfo::new(sources.left, &h.span.left),
                right: SpanInfo::new(sources.right, &h.span.right),
            })
            .collect();
        // The first lines of each shown pattern.
        let mut lines = vec![Vec::new(); patterns.list.len()];
        for h in &hotspots {
            if let Some(at) = h.pattern.and_then(|p| lines.get_mut(p as usize))
                && at.len() < PATTERN_LINES
                && at.last() != Some(&h.left.line)
            {
                at.push(h.left.line);
            }
        }
        PairReport {
            left: SourceInfo::new(sources.left, comparison.norm.left.markup, left),
            right: SourceInfo::new(sources.right, comparison.norm.right.markup, right),
            similarity: (shown.similarity * SIMILARITY_SCALE).round() / SIMILARITY_SCALE,
            shown: shown_names(filter),
            hidden: Hidden(
                comparison.hidden(filter),
                (!rules.is_empty()).then_some(by_rules),
            ),
            hotspots,
            patterns: patterns
                .list
                .into_iter()
                .zip(lines)
                .map(|(p, lines)| PatternInfo {
                    left: p.left,
                    right: p.right,
                    count: p.count,
                    class: p.class,
                    hidden: p.hidden,
                    lines,
                })
                .collect(),
        }
    }

    /// The two sources' descriptions.
    pub fn sources(&self) -> Pair<&SourceInfo<'a>> {
        Pair::new(&self.left, &self.right)
    }

    /// Each shown class with its number of hotspots, in the classes' order.
    pub fn shown_counts(&self) -> Vec<(Class, usize)> {
        Class::ALL
            .into_iter()
            .filter(|c| self.shown.contains(&c.name()))
            .map(|c| (c, self.hotspots.iter().filter(|h| h.class == c).count()))
            .collect()
    }
}

/// A numbered unit as the units report describes it.
#[derive(Debug, Serialize)]
pub struct UnitInfo<'a> {
    /// Its label: `第十六条`, `第二章`, a heading's text.
    pub label: String,
    /// Its span, from its label to the next unit.
    #[serde(flatten)]
    pub span: SpanInfo<'a>,
}

/// One row of the units report: an old unit and its successor, or a unit only one version
/// has, with what became of it and the differences inside.
#[derive(Debug, Serialize)]
pub struct UnitRow<'a> {
    /// The old unit (none for an added one).
    pub old: Option<UnitInfo<'a>>,
    /// The new unit (none for a deleted one).
    pub new: Option<UnitInfo<'a>>,
    /// `unchanged`, `renumbered`, `changed`, `moved` (paired out of order, or a new unit that
    /// is mostly a passage moved from an old one: `changes` holds the move), `added` or
    /// `deleted`.
    pub status: Status,
    /// The hotspots the filter shows inside the pair of units, in reading order.
    pub changes: Vec<HotspotInfo<'a>>,
    /// The number of hotspots of each class the filter hides inside the pair of units.
    pub hidden: Hidden,
}

/// What the changes cell of a units row shows ([`UnitRow::cell`]).
#[derive(Debug, Clone, Copy)]
pub enum UnitCell<'r, 'a> {
    /// The unit's own text: an added or deleted unit is its change.
    Text(&'r SpanInfo<'a>),
    /// The changes inside the pair of units, and what the filter hides there if anything
    /// (never for a new unit made of a moved passage: its changes are the move's).
    Changes {
        /// The changes shown.
        changes: &'r [HotspotInfo<'a>],
        /// The hidden ones per class, when the filter hides some.
        hidden: Option<&'r Hidden>,
    },
}

impl<'a> UnitRow<'a> {
    /// What its changes cell shows, the same in every format.
    pub fn cell(&self) -> UnitCell<'_, 'a> {
        let changes = &self.changes;
        match self.status {
            Status::Added | Status::Deleted => match self.new.as_ref().or(self.old.as_ref()) {
                Some(u) => UnitCell::Text(&u.span),
                None => UnitCell::Changes {
                    changes,
                    hidden: None,
                },
            },
            Status::Moved if self.old.is_none() => UnitCell::Changes {
                changes,
                hidden: None,
            },
            _ => UnitCell::Changes {
                changes,
                hidden: Some(&self.hidden).filter(|h| !h.is_empty()),
            },
        }
    }
}

/// The units report: the pair unit by unit, in the new text's order (the 新旧对照表 lawyers
/// read), and the differences before the first unit.
#[derive(Debug, Serialize)]
pub struct UnitsReport<'a> {
    /// The old source.
    pub left: SourceInfo<'a>,
    /// The new source.
    pub right: SourceInfo<'a>,
    /// The classes shown.
    pub shown: Vec<&'static str>,
    /// The hotspots before the first unit of either text (a title, a table of contents). A
    /// hotspot in a heading between units is listed with the unit before it.
    pub preamble: Vec<HotspotInfo<'a>>,
    /// The units.
    pub units: Vec<UnitRow<'a>>,
}

impl<'a> UnitsReport<'a> {
    /// The number of rows of each status ([`Status::ALL`]) as the reports word it:
    /// `2 unchanged, 33 renumbered, …`.
    pub fn status_counts(&self) -> String {
        Status::ALL
            .iter()
            .map(|&s| {
                let n = self.units.iter().filter(|u| u.status == s).count();
                format!("{n} {}", s.name())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The units report of `comparison` between `sources`, as `filter` shows it.
    pub fn new(sources: Pair<&'a Source>, comparison: &Comparison, filter: &Filter) -> Self {
        let (old, new) = (units(&sources.left.text), units(&sources.right.text));
        let pairs = pair_units(comparison, &old, &new);
        let status = statuses(
            (&sources.left.text, &sources.right.text),
            (&old, &new),
            &pairs,
        );
        // Each old and new unit's row.
        let mut row_of_old = vec![usize::MAX; old.len()];
        let mut row_of_new = vec![usize::MAX; new.len()];
        for (k, (o, n)) in pairs.iter().enumerate() {
            if let Some(o) = o {
                row_of_old[*o] = k;
            }
            if let Some(n) = n {
                row_of_new[*n] = k;
            }
        }
        // The unit a position is in, or (in a heading between units) the unit before it.
        let holding = |units: &[Unit], at: usize| {
            units
                .partition_point(|u| u.range.start <= at)
                .checked_sub(1)
        };
        // Each hotspot goes to the row of the unit it starts in (the old one first).
        let row = |h: &Hotspot| {
            let row = if h.span.left.is_empty() && h.kind != Kind::Moved {
                holding(&new, h.span.right.start).map(|i| row_of_new[i])
            } else {
                holding(&old, h.span.left.start).map(|i| row_of_old[i])
            };
            row.filter(|&r| r != usize::MAX)
        };
        let shown = comparison.filtered(filter).reading();
        let mut changes: Vec<Vec<Hotspot>> = vec![Vec::new(); pairs.len()];
        let mut preamble = Vec::new();
        for h in &shown {
            match row(h) {
                Some(r) => changes[r].push(h.clone()),
                None => preamble.push(h.clone()),
            }
        }
        let mut hidden: Vec<Vec<(Class, usize)>> = vec![Vec::new(); pairs.len()];
        for h in comparison
            .reading()
            .iter()
            .filter(|h| !filter.shows(h.class))
        {
            if let Some(r) = row(h) {
                match hidden[r].iter_mut().find(|(c, _)| *c == h.class) {
                    Some((_, n)) => *n += 1,
                    None => hidden[r].push((h.class, 1)),
                }
            }
        }
        // A new unit only paired with nothing whose text is mostly a passage moved from an
        // old unit (`本法所称垄断协议…` made an article of its own) moved there: its row says so.
        let mut moved_into: Vec<Option<Hotspot>> = vec![None; pairs.len()];
        // Characters of the new text in `range`, white space aside.
        let solid = |range: &Range<usize>| {
            sources
                .right
                .slice(range.clone())
                .chars()
                .filter(|c| !c.is_whitespace())
                .count()
        };
        for h in shown.iter().filter(|h| h.kind == Kind::Moved) {
            let Some(i) = holding(&new, h.span.right.start) else {
                continue;
            };
            let k = row_of_new[i];
            if k != usize::MAX
                && pairs[k].0.is_none()
                && 2 * solid(&h.span.right) >= solid(&new[i].range)
            {
                moved_into[k] = Some(h.clone());
            }
        }
        let info = |h: &Hotspot| HotspotInfo {
            kind: h.kind,
            class: h.class,
            left: SpanInfo::new(sources.left, &h.span.left),
            right: SpanInfo::new(sources.right, &h.span.right),
            pattern: None,
        };
        let [left, right]: [String; 2] = distinct_names(&[sources.left, sources.right])
            .try_into()
            .unwrap_or_default();
        UnitsReport {
            left: SourceInfo::new(sources.left, comparison.norm.left.markup, left),
            right: SourceInfo::new(sources.right, comparison.norm.right.markup, right),
            shown: shown_names(filter),
            preamble: preamble.iter().map(info).collect(),
            units: pairs
                .iter()
                .zip(status)
                .zip(changes)
                .zip(hidden)
                .zip(moved_into)
                .map(
                    |(((((o, n), status), mut changes), mut hidden), moved_into)| {
                        hidden.sort();
                        let status = match moved_into {
                            Some(h) => {
                                // The move first, then what else the unit holds.
                                changes.retain(|c| c != &h);
                                changes.insert(0, h);
                                Status::Moved
                            }
                            None => status,
                        };
                        let unit = |source: &'a Source, u: &Unit| UnitInfo {
                            label: u.label.clone(),
                            span: SpanInfo::new(source, &u.range),
                        };
                        UnitRow {
                            old: o.map(|i| unit(sources.left, &old[i])),
                            new: n.map(|i| unit(sources.right, &new[i])),
                            status,
                            changes: changes.iter().map(info).collect(),
                            hidden: Hidden(hidden, None),
                        }
                    },
                )
                .collect(),
        }
    }
}

/// One reading of a place.
#[derive(Debug, Serialize)]
pub struct ReadingInfo<'a> {
    /// The text read (original text of the first source that reads it; empty if omitted).
    pub text: &'a str,
    /// The sources that read it, by their labels.
    pub sources: Vec<String>,
    /// The same sources by their sigla.
    pub sigla: Vec<&'a str>,
    /// Whether these sources lack the passage.
    pub omitted: bool,
    /// Whether these sources have the passage at another place (a transposition): `text` is
    /// their reading there.
    pub moved: bool,
    /// Whether this is text the sources have beyond the base's extent (a page's other
    /// material), at the base's edge; written only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub added: bool,
    /// Whether these sources read the base's double-row note with its halves in swapped
    /// order (an inversion: the place is the note); written only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inverted: bool,
    /// What kind of difference from the base's reading it is (`null` for the base's own).
    pub class: Option<Class>,
    /// Where the first source reads it (for the Markdown report; not serialised).
    #[serde(skip)]
    pub first: Option<SpanInfo<'a>>,
}

/// A variant place.
#[derive(Debug, Serialize)]
pub struct PlaceInfo<'a> {
    /// The place in the base.
    pub base: SpanInfo<'a>,
    /// The readings, the base's first.
    pub readings: Vec<ReadingInfo<'a>>,
}

/// The apparatus report: all sources collated against the base.
#[derive(Debug, Serialize)]
pub struct ApparatusReport<'a> {
    /// The base's label.
    pub base: String,
    /// The base's index in `sources` (not serialised).
    #[serde(skip)]
    pub base_index: usize,
    /// The base's text (for the TEI body; not serialised).
    #[serde(skip)]
    pub base_text: &'a str,
    /// All sources.
    pub sources: Vec<SourceInfo<'a>>,
    /// The classes shown.
    pub shown: Vec<&'static str>,
    /// The variant places in the base's reading order.
    pub places: Vec<PlaceInfo<'a>>,
    /// The differences of each hidden class that make no place.
    pub hidden: Hidden,
    /// For each source but the base, the pairs of readings (the base's, the source's) at
    /// least three of its variant places share, most frequent first.
    pub patterns: Vec<SourcePatternInfo>,
}

/// A pattern of one source against the base in the apparatus.
#[derive(Debug, Serialize)]
pub struct SourcePatternInfo {
    /// The source's label.
    pub source: String,
    /// Its siglum.
    pub siglum: String,
    /// The base's reading.
    pub left: String,
    /// The source's reading.
    pub right: String,
    /// How many places have it.
    pub count: usize,
    /// Their class.
    pub class: Class,
}

impl<'a> ApparatusReport<'a> {
    /// The report of `collation` over `sources` (read with the markup profiles `markups`).
    pub fn new<S: std::borrow::Borrow<Source>>(
        sources: &'a [S],
        markups: &[Markup],
        collation: &Collation,
    ) -> Self {
        let sources: Vec<&'a Source> = sources.iter().map(|s| s.borrow()).collect();
        let base = sources[collation.base];
        let labels = distinct_names(&sources);
        // Each source's pairs of readings against the base, place by place (a transposition
        // is no reading of the place).
        let others: Vec<usize> = (0..sources.len())
            .filter(|&i| i != collation.base)
            .collect();
        let mut patterns: Vec<SourcePatternInfo> = crate::work::map(&others, |&i| {
            let source = sources[i];
            let pairs = collation.places.iter().filter_map(|p| {
                let r = p.readings.iter().find(|r| {
                    r.class.is_some() && !r.moved && r.sources.iter().any(|(s, _)| *s == i)
                })?;
                let text = r
                    .sources
                    .iter()
                    .find(|(s, _)| *s == i)
                    .filter(|_| !r.omitted)
                    .map_or("", |(_, span)| source.slice(span.clone()));
                Some((base.slice(p.span.clone()), text, r.class?))
            });
            let found = Patterns::find(pairs, &Rules::new());
            found
                .list
                .into_iter()
                .map(|p| SourcePatternInfo {
                    source: labels[i].clone(),
                    siglum: source.siglum.clone(),
                    left: p.left,
                    right: p.right,
                    count: p.count,
                    class: p.class,
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        // Most frequent first, whatever the source (stable: the sources' order among equals).
        patterns.sort_by_key(|p| std::cmp::Reverse(p.count));
        ApparatusReport {
            patterns,
            base: labels[collation.base].clone(),
            base_index: collation.base,
            base_text: &base.text,
            sources: sources
                .iter()
                .zip(markups)
                .zip(&labels)
                .map(|((s, m), label)| SourceInfo::new(s, *m, label.clone()))
                .collect(),
            shown: shown_names(&collation.filter),
            hidden: Hidden(collation.hidden.clone(), collation.rules),
            // On all cores, in order.
            places: crate::work::chunks(&collation.places, PLACES_A_CHUNK, |chunk, _| {
                chunk
                    .iter()
                    .map(|p| PlaceInfo {
                        base: SpanInfo::new(base, &p.span),
                        readings: p
                            .readings
                            .iter()
                            .map(|r| {
                                let first = r
                                    .sources
                                    .first()
                                    .filter(|_| !r.omitted)
                                    .map(|(i, span)| SpanInfo::new(sources[*i], span));
                                ReadingInfo {
                                    text: first.as_ref().map_or("", |f| f.text),
                                    sources: r
                                        .sources
                                        .iter()
                                        .map(|(i, _)| labels[*i].clone())
                                        .collect(),
                                    sigla: r
                                        .sources
                                        .iter()
                                        .map(|(i, _)| sources[*i].siglum.as_str())
                                        .collect(),
                                    omitted: r.omitted,
                                    moved: r.moved,
                                    added: r.added,
                                    inverted: r.inverted,
                                    class: r.class,
                                    first,
                                }
                            })
                            .collect(),
                    })
                    .collect()
            }),
        }
    }
}

/// The fewest places of an apparatus built into the report on one core.
const PLACES_A_CHUNK: usize = 256;

/// The wire name of a kind or class: its serde name, the one the JSON report writes.
pub fn wire_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compare::compare;
    use crate::testkit::source;

    #[test]
    fn a_unit_made_of_a_moved_passage_keeps_its_other_changes() {
        // The first article's own text is longer than the sentence that leaves it, so the
        // old 第一条 continues as the new 第一条 and the new 第四条 pairs with nothing.
        let a_long = "国家实行统一的对外贸易制度，维护公平、自由的对外贸易秩序，促进对外贸易的发展。国家鼓励发展对外贸易，发挥地方的积极性，保障对外贸易经营者的经营自主权。";
        let b = "本法所称对外贸易经营者，是指依法办理工商登记或者其他执业手续的法人、其他组织或者个人。";
        let c = "国务院对外贸易主管部门依照本法主管全国对外贸易工作，县级以上地方人民政府按照职责分工负责。";
        let filler = "第二条　对外贸易经营者可以依法成立和参加有关协会、商会，协会商会应当遵守法律、行政法规。\n";
        let old = format!("第一条　{a_long}{b}\n{filler}第三条　{c}\n");
        let new = format!("第一条　{a_long}\n{filler}第三条　{c}\n第四条　{b}另有新增的一句话。\n");
        let (l, r) = (source("old.md", &old), source("new.md", &new));
        let cmp = compare(&old, &new);
        assert_eq!(cmp.moves.len(), 1, "{:?}", cmp.hotspots);
        let report = UnitsReport::new(Pair::new(&l, &r), &cmp, &Filter::default());
        let row = report
            .units
            .iter()
            .find(|u| u.new.as_ref().is_some_and(|n| n.label == "第四条"))
            .expect("the new 第四条");
        assert!(
            row.old.is_none(),
            "{:?}",
            report
                .units
                .iter()
                .map(|u| (
                    u.old.as_ref().map(|x| x.label.clone()),
                    u.new.as_ref().map(|x| x.label.clone()),
                    u.status
                ))
                .collect::<Vec<_>>()
        );
        assert_eq!(row.status, Status::Moved);
        assert_eq!(row.changes[0].kind, Kind::Moved);
        // The sentence added after the moved one is listed too.
        assert!(
            row.changes
                .iter()
                .any(|h| h.right.text.contains("另有新增的一句话")),
            "{:?}",
            row.changes.iter().map(|h| h.right.text).collect::<Vec<_>>()
        );
    }

    #[test]
    fn json_schema() {
        let a = source("a.txt", "坚决反对一切霸权政治和霸凌行径。\n");
        let b = source("b.txt", "坚决反对一切强权政治和霸凌行径。\n");
        let c = compare(&a.text, &b.text);
        let report = PairReport::new(Pair::new(&a, &b), &c, &Filter::default());
        let v: serde_json::Value = serde_json::from_str(&json::to_json(&report)).unwrap();
        assert_eq!(v["left"]["name"], "a.txt");
        assert_eq!(v["left"]["path"], "a.txt");
        assert_eq!(v["left"]["encoding"], "UTF-8");
        assert_eq!(v["left"]["chars"], 17);
        let h = &v["hotspots"][0];
        assert_eq!(h["kind"], "changed");
        assert_eq!(h["class"], "wording");
        assert_eq!(h["left"]["start"], 6);
        assert_eq!(h["left"]["end"], 8);
        assert_eq!(h["left"]["line"], 1);
        assert_eq!(h["left"]["text"], "霸权");
        assert_eq!(h["right"]["text"], "强权");
        assert_eq!(v["hotspots"].as_array().unwrap().len(), 1);
        assert_eq!(v["left"]["markup"], "none");
        assert_eq!(
            v["shown"],
            serde_json::json!(["wording", "punctuation", "spacing", "moved", "reading"])
        );
        assert_eq!(
            v["hidden"],
            serde_json::json!({"form": 0, "variant": 0, "numbering": 0, "markup": 0, "invisible": 0, "boilerplate": 0})
        );
        // Only the schema's fields: the source a span refers to is not serialised.
        assert_eq!(
            h.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["class", "kind", "left", "right"]
        );
        assert_eq!(
            h["left"].as_object().unwrap().keys().collect::<Vec<_>>(),
            ["end", "line", "start", "text"]
        );
    }

    #[test]
    fn wire_names_are_the_serde_names() {
        assert_eq!(wire_name(&Kind::OnlyLeft), "only-left");
        assert_eq!(wire_name(&Class::Punctuation), "punctuation");
        let statuses: Vec<String> = Status::ALL.iter().map(wire_name).collect();
        assert_eq!(
            statuses,
            [
                "unchanged",
                "renumbered",
                "changed",
                "moved",
                "added",
                "deleted"
            ]
        );
        for s in Status::ALL {
            assert_eq!(wire_name(&s), s.name());
        }
    }
}
