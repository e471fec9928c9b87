//! The alignment table (`--report table`): every source's whole text cut into segments, one
//! row a segment — the stretches where no shown difference falls and the apparatus's places,
//! alternating, in the base's order — and one column a source, so that each source's column,
//! concatenated, is its text exactly. As JSON, or as CSV (RFC 4180, by the `csv` crate) for
//! spreadsheets and other collation tools.
//!
//! At a place each source's cell is its reading there (its original text; empty where it
//! omits the passage). A source that has the passage at another place (a transposition) has
//! an empty cell at the place: its text stays where it stands in it, in the segment that holds
//! it. Cuts are kept in each source's order, so nothing is read twice or left out.

use crate::engine::collate::Collation;
use crate::source::Source;
use serde::Serialize;
use std::ops::Range;

/// One segment: its kind, the apparatus place it is (1-based, as the reports number them),
/// and each source's text there.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Row<'a> {
    /// `text` (no shown difference) or `place`.
    pub kind: &'static str,
    /// The place's number among the apparatus's places, for a `place` row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<usize>,
    /// Each source's text in this segment, in the sources' order.
    pub cells: Vec<&'a str>,
}

/// A source, as the table's header names it.
#[derive(Debug, Serialize)]
struct Column<'a> {
    name: &'a str,
    siglum: &'a str,
}

/// The table as JSON: `sources` (`name`, `siglum`, in the columns' order) and `rows`.
#[derive(Debug, Serialize)]
struct Table<'a> {
    base: &'a str,
    sources: Vec<Column<'a>>,
    rows: Vec<Row<'a>>,
}

/// The rows of the alignment table of `sources` (in the collation's order) collated as
/// `collation`.
pub fn rows<'a>(sources: &[&'a Source], collation: &Collation) -> Vec<Row<'a>> {
    // For each source, where each place starts and ends in it, kept in order.
    let cuts: Vec<Vec<Range<usize>>> = sources
        .iter()
        .enumerate()
        .map(|(i, source)| {
            let mut at = 0;
            collation
                .places
                .iter()
                .map(|p| {
                    let span = p
                        .readings
                        .iter()
                        .filter(|r| !r.moved)
                        .flat_map(|r| &r.sources)
                        .find(|(s, _)| *s == i)
                        .map(|(_, span)| span.clone());
                    let (start, end) = match span {
                        Some(span) => (span.start.max(at), span.end.max(span.start.max(at))),
                        None => (at, at),
                    };
                    let end = end.min(source.char_len());
                    let start = start.min(end);
                    at = end;
                    start..end
                })
                .collect()
        })
        .collect();
    let mut rows = Vec::with_capacity(2 * collation.places.len() + 1);
    let text_row = |from: &[usize], to: &[usize]| Row {
        kind: "text",
        place: None,
        cells: sources
            .iter()
            .enumerate()
            .map(|(i, s)| s.slice(from[i]..to[i]))
            .collect(),
    };
    let mut from: Vec<usize> = vec![0; sources.len()];
    for k in 0..collation.places.len() {
        let starts: Vec<usize> = cuts.iter().map(|c| c[k].start).collect();
        let ends: Vec<usize> = cuts.iter().map(|c| c[k].end).collect();
        let before = text_row(&from, &starts);
        if before.cells.iter().any(|c| !c.is_empty()) {
            rows.push(before);
        }
        rows.push(Row {
            kind: "place",
            place: Some(k + 1),
            cells: sources
                .iter()
                .enumerate()
                .map(|(i, s)| s.slice(starts[i]..ends[i]))
                .collect(),
        });
        from = ends;
    }
    let ends: Vec<usize> = sources.iter().map(|s| s.char_len()).collect();
    let last = text_row(&from, &ends);
    if last.cells.iter().any(|c| !c.is_empty()) {
        rows.push(last);
    }
    rows
}

/// The table as JSON.
pub fn json(sources: &[&Source], collation: &Collation) -> String {
    let table = Table {
        base: &sources[collation.base].name,
        sources: sources
            .iter()
            .map(|s| Column {
                name: &s.name,
                siglum: &s.siglum,
            })
            .collect(),
        rows: rows(sources, collation),
    };
    super::json::to_json(&table)
}

/// The table as CSV: a header `kind,place,` and the sources' sigla, then a record a row.
pub fn csv(sources: &[&Source], collation: &Collation) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = ["kind", "place"]
        .into_iter()
        .chain(sources.iter().map(|s| s.siglum.as_str()));
    // Writing to memory fails only on allocation, which aborts before it could.
    let _ = out.write_record(header);
    for row in rows(sources, collation) {
        let place = row.place.map(|p| p.to_string()).unwrap_or_default();
        let record = [row.kind, place.as_str()].into_iter().chain(row.cells);
        let _ = out.write_record(record);
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
