//! Reports: the left-vs-right comparison as JSON or as a Markdown table.
//!
//! The JSON schema is a contract (see the README): `left` and `right` describe the sources,
//! `similarity` is the share of normalised text in common, and `hotspots` lists every
//! difference in reading order with its spans in both decoded sources (offsets in Unicode
//! scalar values, end exclusive; `line` 1-based). Nothing from a source reaches the output as a
//! control character: JSON escapes them, Markdown shows them as `⟨U+XXXX⟩`.

use crate::collate::Collation;
use crate::compare::{Class, Comparison, Hotspot};
use crate::pair::{Pair, Side};
use crate::sanitize::{is_hidden as is_hidden_char, marker};
use crate::source::Source;
use serde::Serialize;
use std::fmt::Write as _;
use std::ops::Range;

/// A source as the report describes it.
#[derive(Debug, Serialize)]
pub struct SourceInfo<'a> {
    /// File name.
    pub name: &'a str,
    /// Path as given.
    pub path: &'a str,
    /// Encoding it was decoded from.
    pub encoding: &'a str,
    /// Length in characters.
    pub chars: usize,
    /// Problems met while decoding.
    pub warnings: &'a [String],
}

impl<'a> SourceInfo<'a> {
    /// The description of `source`.
    pub fn new(source: &'a Source) -> Self {
        SourceInfo {
            name: &source.name,
            path: &source.path,
            encoding: source.encoding,
            chars: source.char_len(),
            warnings: &source.warnings,
        }
    }
}

/// One side of a hotspot.
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
}

/// A hotspot as the report describes it.
#[derive(Debug, Serialize)]
pub struct HotspotInfo<'a> {
    /// `changed`, `only-left` or `only-right`.
    pub kind: &'static str,
    /// `wording` or `punctuation`.
    pub class: &'static str,
    /// The left span.
    pub left: SpanInfo<'a>,
    /// The right span.
    pub right: SpanInfo<'a>,
}

/// The whole pairwise report.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// The left source.
    pub left: SourceInfo<'a>,
    /// The right source.
    pub right: SourceInfo<'a>,
    /// Share of normalised text in common, 0 to 1 (rounded to 4 decimals).
    pub similarity: f64,
    /// The hotspots in reading order.
    pub hotspots: Vec<HotspotInfo<'a>>,
}

fn span_info<'a>(source: &'a Source, range: &Range<usize>) -> SpanInfo<'a> {
    SpanInfo {
        start: range.start,
        end: range.end,
        line: source.line_of(range.start),
        text: source.slice(range.clone()),
    }
}

impl<'a> Report<'a> {
    /// The report of `comparison` between `sources`.
    pub fn new(sources: Pair<&'a Source>, comparison: &Comparison) -> Self {
        Report {
            left: SourceInfo::new(sources.left),
            right: SourceInfo::new(sources.right),
            similarity: (comparison.similarity * 10_000.0).round() / 10_000.0,
            hotspots: comparison
                .hotspots
                .iter()
                .map(|h| HotspotInfo {
                    kind: h.kind.as_str(),
                    class: h.class.as_str(),
                    left: span_info(sources.left, &h.span.left),
                    right: span_info(sources.right, &h.span.right),
                })
                .collect(),
        }
    }
}

/// Compact JSON for `value`, with every control and format character escaped as `\uXXXX`
/// (serde_json leaves DEL, C1 controls, bidi controls and zero-width characters raw).
pub fn to_json<T: Serialize>(value: &T) -> String {
    let raw = serde_json::to_string(value).unwrap_or_else(|e| format!("\"{e}\""));
    let mut out = String::with_capacity(raw.len());
    let mut copied = 0;
    for (i, c) in raw.char_indices() {
        if is_hidden_char(c) {
            out.push_str(&raw[copied..i]);
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
            copied = i + c.len_utf8();
        }
    }
    out.push_str(&raw[copied..]);
    out
}

/// Characters of context shown around a hotspot in the Markdown report.
const CONTEXT: usize = 8;
/// Longest hotspot text shown whole in the Markdown report; longer ones are abridged.
const SHOWN: usize = 60;

/// Text for a Markdown table cell: white space runs as one space, hidden characters visible,
/// table syntax escaped.
fn cell_text(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c if is_hidden_char(c) => out.push_str(&marker(c)),
            c => out.push(c),
        }
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    out
}

fn abridged(source: &Source, range: &Range<usize>) -> String {
    let len = range.len();
    if len <= SHOWN {
        return cell_text(source.slice(range.clone()));
    }
    let head = cell_text(source.slice(range.start..range.start + SHOWN / 2));
    let tail = cell_text(source.slice(range.end - SHOWN / 4..range.end));
    format!("{head} … {tail} ({len} chars)")
}

fn context_cell(source: &Source, range: &Range<usize>) -> String {
    let before = cell_text(source.slice(range.start.saturating_sub(CONTEXT)..range.start));
    let after = cell_text(source.slice(range.end..(range.end + CONTEXT).min(source.char_len())));
    let middle = if range.is_empty() {
        "‸".to_string()
    } else {
        format!("**{}**", abridged(source, range))
    };
    format!(
        "{before}{middle}{after} (line {})",
        source.line_of(range.start)
    )
}

/// The report as Markdown: a summary, then one table row per hotspot with context.
pub fn to_markdown(sources: Pair<&Source>, comparison: &Comparison) -> String {
    let mut out = String::new();
    let name = |s: Side| cell_text(&sources.get(s).name);
    let _ = writeln!(out, "# {} ↔ {}\n", name(Side::Left), name(Side::Right));
    let _ = writeln!(out, "| | left | right |\n|---|---|---|");
    let _ = writeln!(
        out,
        "| source | {} | {} |",
        name(Side::Left),
        name(Side::Right)
    );
    let _ = writeln!(
        out,
        "| path | {} | {} |",
        cell_text(&sources.left.path),
        cell_text(&sources.right.path)
    );
    let _ = writeln!(
        out,
        "| encoding | {} | {} |",
        sources.left.encoding, sources.right.encoding
    );
    let _ = writeln!(
        out,
        "| characters | {} | {} |",
        sources.left.char_len(),
        sources.right.char_len()
    );
    for side in Side::BOTH {
        for w in &sources.get(side).warnings {
            let _ = writeln!(out, "\nWarning ({}): {}", name(side), cell_text(w));
        }
    }
    let count = |class: Class| {
        comparison
            .hotspots
            .iter()
            .filter(|h| h.class == class)
            .count()
    };
    let _ = writeln!(
        out,
        "\nSimilarity {:.1}%: {} hotspots ({} wording, {} punctuation).\n",
        comparison.similarity * 100.0,
        comparison.hotspots.len(),
        count(Class::Wording),
        count(Class::Punctuation)
    );
    if comparison.hotspots.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "| # | kind | class | left | right |\n|---|---|---|---|---|"
    );
    for (i, h) in comparison.hotspots.iter().enumerate() {
        let Hotspot {
            kind, class, span, ..
        } = h;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            i + 1,
            kind.as_str(),
            class.as_str(),
            context_cell(sources.left, &span.left),
            context_cell(sources.right, &span.right)
        );
    }
    out
}

/// One reading of a place.
#[derive(Debug, Serialize)]
pub struct ReadingInfo<'a> {
    /// The text read (original text of the first source that reads it; empty if omitted).
    pub text: &'a str,
    /// The names of the sources that read it.
    pub sources: Vec<&'a str>,
    /// Whether these sources lack the passage.
    pub omitted: bool,
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
pub struct Apparatus<'a> {
    /// The base's name.
    pub base: &'a str,
    /// All sources.
    pub sources: Vec<SourceInfo<'a>>,
    /// The variant places in the base's reading order.
    pub places: Vec<PlaceInfo<'a>>,
}

impl<'a> Apparatus<'a> {
    /// The report of `collation` over `sources`.
    pub fn new(sources: &'a [Source], collation: &Collation) -> Self {
        let base = &sources[collation.base];
        Apparatus {
            base: &base.name,
            sources: sources.iter().map(SourceInfo::new).collect(),
            places: collation
                .places
                .iter()
                .map(|p| PlaceInfo {
                    base: span_info(base, &p.span),
                    readings: p
                        .readings
                        .iter()
                        .map(|r| ReadingInfo {
                            text: r
                                .sources
                                .first()
                                .filter(|_| !r.omitted)
                                .map_or("", |(i, span)| sources[*i].slice(span.clone())),
                            sources: r
                                .sources
                                .iter()
                                .map(|(i, _)| sources[*i].name.as_str())
                                .collect(),
                            omitted: r.omitted,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The apparatus as Markdown: one row per place, its readings with their sources.
pub fn apparatus_markdown(sources: &[Source], collation: &Collation) -> String {
    let base = &sources[collation.base];
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Apparatus: {} sources against {}\n",
        sources.len(),
        cell_text(&base.name)
    );
    let _ = writeln!(
        out,
        "| # | source | encoding | characters |\n|---|---|---|---|"
    );
    for (i, s) in sources.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            i + 1,
            cell_text(&s.name),
            s.encoding,
            s.char_len()
        );
    }
    let _ = writeln!(out, "\n{} variant places.\n", collation.places.len());
    if collation.places.is_empty() {
        return out;
    }
    let _ = writeln!(out, "| # | line | base | readings |\n|---|---|---|---|");
    for (n, p) in collation.places.iter().enumerate() {
        let readings: Vec<String> = p
            .readings
            .iter()
            .map(|r| {
                let names: Vec<String> = r
                    .sources
                    .iter()
                    .map(|(i, _)| cell_text(&sources[*i].name))
                    .collect();
                let text = match r.sources.first() {
                    Some((i, span)) if !r.omitted => {
                        format!("**{}**", abridged(&sources[*i], span))
                    }
                    _ => "*omitted*".to_string(),
                };
                format!("{text} — {}", names.join(", "))
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            n + 1,
            base.line_of(p.span.start),
            context_cell(base, &p.span),
            readings.join(" · ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare;

    fn sources(a: &str, b: &str) -> (Source, Source) {
        (
            Source::from_text("a.txt", "x/a.txt", "UTF-8", a.to_string(), vec![]),
            Source::from_text("b.txt", "x/b.txt", "UTF-8", b.to_string(), vec![]),
        )
    }

    #[test]
    fn json_schema() {
        let (a, b) = sources(
            "坚决反对一切霸权政治和霸凌行径。\n",
            "坚决反对一切强权政治和霸凌行径。\n",
        );
        let c = compare(&a.text, &b.text);
        let v: serde_json::Value =
            serde_json::from_str(&to_json(&Report::new(Pair::new(&a, &b), &c))).unwrap();
        assert_eq!(v["left"]["name"], "a.txt");
        assert_eq!(v["left"]["path"], "x/a.txt");
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
    }

    #[test]
    fn hidden_characters_never_reach_the_output_raw() {
        let (a, b) = sources("abc \u{1b}[2J def\u{202e}x\u{85}y", "abc def");
        let c = compare(&a.text, &b.text);
        let json = to_json(&Report::new(Pair::new(&a, &b), &c));
        let md = to_markdown(Pair::new(&a, &b), &c);
        for out in [&json, &md] {
            assert!(
                !out.chars().any(|c| is_hidden_char(c) && c != '\n'),
                "{out}"
            );
        }
        assert!(json.contains("\\u001b") && json.contains("\\u202e"));
        assert!(md.contains("⟨U+001B⟩") && md.contains("⟨U+202E⟩"));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(
            v["hotspots"][0]["left"]["text"]
                .as_str()
                .unwrap()
                .contains('\u{1b}')
        );
    }

    #[test]
    fn markdown_table() {
        let (a, b) = sources(
            "必须坚持守正创新，坚守中国外交的优良传统。",
            "必须坚持守正创新，坚守中国外交优良传统。",
        );
        let c = compare(&a.text, &b.text);
        let md = to_markdown(Pair::new(&a, &b), &c);
        assert!(md.contains("| 1 | only-left | wording | 新，坚守中国外交**的**优良传统。 (line 1) | 新，坚守中国外交‸优良传统。 (line 1) |"), "{md}");
    }
}
