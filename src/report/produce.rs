//! A report from the loaded sources, start to end — what `--report` prints: the sources
//! normalised (on all cores), compared or collated, the report model built and written in the
//! format asked for. The HTML pair page also takes its aligned rows from the view sections
//! ([`crate::sections::Aligned`]).

use super::json::to_json;
use super::{ApparatusReport, PairReport, UnitsReport, html, markdown, table, tei};
use crate::engine::compare::{Filter, compare_normalized};
use crate::engine::markup::Markup;
use crate::engine::normalize::{Normalized, normalize_all};
use crate::engine::style::Rules;
use crate::pair::Pair;
use crate::sections::Aligned;
use crate::source::Source;
use std::sync::Arc;

/// A report's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON (the contract's schema).
    Json,
    /// Markdown tables.
    Markdown,
    /// TEI P5 parallel segmentation (an apparatus: of all sources, or of the pair).
    Tei,
    /// One self-contained HTML page.
    Html,
    /// The alignment table of all sources, as JSON.
    Table,
    /// The alignment table of all sources, as CSV.
    TableCsv,
}

/// What to report.
#[derive(Debug, Clone)]
pub struct Request {
    /// The format.
    pub format: Format,
    /// The apparatus of all sources against the left one, instead of the pair.
    pub all: bool,
    /// The pair unit by unit (not with `all`, not in TEI).
    pub units: bool,
    /// The markup profile for every source, or `None` to detect each one's.
    pub markup: Option<Markup>,
    /// The classes of hotspots shown.
    pub filter: Filter,
    /// The pairs of readings hidden.
    pub rules: Rules,
}

/// The report `request` asks for, of `sources` with the pair `shown`.
pub fn produce(sources: &[Source], shown: Pair<usize>, request: &Request) -> String {
    let filter = &request.filter;
    // Normalised on all cores: every source for the apparatus, the two shown for a pair.
    let normalized = |indices: &[usize]| -> Vec<Arc<Normalized>> {
        let named: Vec<(&str, &str)> = indices
            .iter()
            .map(|&i| (sources[i].name.as_str(), sources[i].text.as_str()))
            .collect();
        normalize_all(&named, request.markup)
            .into_iter()
            .map(Arc::new)
            .collect()
    };
    let table = matches!(request.format, Format::Table | Format::TableCsv);
    if request.all || request.format == Format::Tei || table {
        // The apparatus of all sources, or (TEI of a pair) of the two shown; the alignment
        // table is always of all sources.
        let (witnesses, base) = if request.all || table {
            ((0..sources.len()).collect::<Vec<_>>(), shown.left)
        } else {
            (vec![shown.left, shown.right], 0)
        };
        let norms = normalized(&witnesses);
        let markups: Vec<Markup> = norms.iter().map(|n| n.markup).collect();
        let chosen: Vec<&Source> = witnesses.iter().map(|&i| &sources[i]).collect();
        // The reader's rules hide a source's readings against the base, read on the texts.
        let collation =
            crate::source::rules::collate(&norms, &chosen, base, filter, &request.rules);
        let report = ApparatusReport::new(&chosen, &markups, &collation);
        return match request.format {
            Format::Json => to_json(&report),
            Format::Markdown => markdown::apparatus(&report),
            Format::Tei => tei::apparatus(&report),
            Format::Html => html::apparatus(&report, chosen[collation.base]),
            Format::Table => table::json(&chosen, &collation),
            Format::TableCsv => table::csv(&chosen, &collation),
        };
    }
    let pair: Pair<&Source> = shown.map(|i| &sources[i]);
    let norms = normalized(&[shown.left, shown.right]);
    let comparison = compare_normalized(Pair::new(norms[0].clone(), norms[1].clone()));
    if request.units {
        let report = UnitsReport::new(pair, &comparison, filter);
        return match request.format {
            // (TEI and the table were written above; the command refuses `--units` with them.)
            Format::Json | Format::Table | Format::TableCsv => to_json(&report),
            Format::Markdown | Format::Tei => markdown::units(&report),
            Format::Html => html::units(&report),
        };
    }
    let report = PairReport::with_rules(pair, &comparison, filter, &request.rules);
    match request.format {
        // (TEI and the table, apparatuses, were written above.)
        Format::Json | Format::Table | Format::TableCsv => to_json(&report),
        Format::Markdown | Format::Tei => markdown::pair(&report),
        Format::Html => html::pair(&report, &Aligned::new(pair, &comparison)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::source;

    fn request(format: Format, all: bool, units: bool) -> Request {
        Request {
            format,
            all,
            units,
            markup: None,
            filter: Filter::default(),
            rules: Rules::new(),
        }
    }

    #[test]
    fn each_request_gets_its_report() {
        let sources = vec![
            source("a.txt", "第一条　坚决反对一切霸权政治。\n"),
            source("b.txt", "第一条　坚决反对一切强权政治。\n"),
            source("c.txt", "第一条　坚决反对一切霸权主义。\n"),
        ];
        let shown = Pair::new(0, 1);
        let pair = produce(&sources, shown, &request(Format::Json, false, false));
        assert!(
            pair.contains("\"hotspots\"") && pair.contains("强权"),
            "{pair}"
        );
        let all = produce(&sources, shown, &request(Format::Json, true, false));
        assert!(all.contains("\"places\"") && all.contains("c.txt"), "{all}");
        let tei = produce(&sources, shown, &request(Format::Tei, false, false));
        assert!(
            tei.contains("<app") && !tei.contains("c.txt"),
            "TEI of the pair: {tei}"
        );
        let units = produce(&sources, shown, &request(Format::Markdown, false, true));
        assert!(units.contains("unit by unit"), "{units}");
        let page = produce(&sources, shown, &request(Format::Html, false, false));
        assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    }
}
