//! The Markdown form of a report, rendered from the same model the JSON is serialised from:
//! a summary of the sources (their decoding warnings included), then one table row per
//! hotspot or variant place with a little context around it.

use super::{
    ApparatusReport, Hidden, HotspotInfo, PairReport, PatternInfo, SHOWN, SourceInfo, SpanInfo,
    UnitCell, UnitInfo, UnitsReport, counted, one_line, wire_name,
};
use crate::engine::compare::Kind;
use crate::pair::Side;
use crate::text::sanitize::{marked, marker};
use std::fmt::Write as _;

/// Text for a Markdown table cell: white space runs as one space, hidden characters visible,
/// the characters Markdown reads as syntax backslash-escaped (`&` too, so that `&#x202E;` in a
/// source stays those characters instead of becoming the override it names).
fn cell_text(s: &str) -> String {
    one_line(s, true, |out, c| match c {
        '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '&' | '~' => {
            out.push('\\');
            out.push(c);
        }
        c if marked(c) => out.push_str(&marker(c)),
        c => out.push(c),
    })
}

/// Text for a code span in a table cell: as [`cell_text`], but nothing escaped with a
/// backslash (a code span shows backslashes as they are) except the table's `|`, which GFM
/// tables read as `\|` even inside code.
fn code_text(s: &str) -> String {
    one_line(s, true, |out, c| match c {
        '|' => out.push_str("\\|"),
        c if marked(c) => out.push_str(&marker(c)),
        c => out.push(c),
    })
}

/// `text` (from [`code_text`]) as a code span: fenced by one backtick more than its longest
/// run of backticks, and padded with a space on each side when it starts or ends with a
/// backtick or a space (CommonMark strips one space from each side of such a span).
fn code_span(text: &str) -> String {
    if text.is_empty() {
        return "‸".to_string();
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// The text of a span, abridged to its head and tail when it is long.
fn abridged(span: &SpanInfo) -> String {
    super::abridged(span, cell_text, |len| format!("({len} chars)"))
}

/// A span's text (escaped) in bold, between the characters `prev` and `next` of its cell:
/// `**text**` where CommonMark reads that as emphasis, else `<b>text</b>` (escaped text holds
/// no `<`): `**` fails next to an edge space, and between a letter outside and punctuation
/// inside (`字**，**字` is no emphasis).
fn bold(prev: Option<char>, text: &str, next: Option<char>) -> String {
    let loose = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || md_punctuation(c));
    let (first, last) = (text.chars().next(), text.chars().next_back());
    let opens = first.is_some_and(|c| !c.is_whitespace() && (!md_punctuation(c) || loose(prev)));
    let closes = last.is_some_and(|c| !c.is_whitespace() && (!md_punctuation(c) || loose(next)));
    if opens && closes {
        format!("**{text}**")
    } else {
        format!("<b>{text}</b>")
    }
}

/// CommonMark's punctuation character: ASCII punctuation, or Unicode's punctuation (P) and
/// symbol (S) categories.
fn md_punctuation(c: char) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    c.is_ascii_punctuation()
        || matches!(
            get_general_category(c),
            G::ConnectorPunctuation
                | G::DashPunctuation
                | G::OpenPunctuation
                | G::ClosePunctuation
                | G::InitialPunctuation
                | G::FinalPunctuation
                | G::OtherPunctuation
                | G::MathSymbol
                | G::CurrencySymbol
                | G::ModifierSymbol
                | G::OtherSymbol
        )
}

/// A span in bold with `CONTEXT` characters either side, and its line.
fn context_cell(span: &SpanInfo) -> String {
    let (before, after) = span.context();
    let (before, after) = (cell_text(before), cell_text(after));
    let middle = if span.start == span.end {
        "‸".to_string()
    } else {
        bold(
            before.chars().next_back(),
            &abridged(span),
            after.chars().next(),
        )
    };
    format!("{before}{middle}{after} (line {})", span.line)
}

/// The decoding warnings of `sources`, one line each.
fn warnings<'s>(out: &mut String, sources: impl IntoIterator<Item = &'s SourceInfo<'s>>) {
    for source in sources {
        for w in source.warnings {
            let _ = writeln!(
                out,
                "\nWarning ({}): {}",
                cell_text(&source.label),
                cell_text(w)
            );
        }
    }
}

/// The pairwise report: the two sources, then one row per hotspot with context.
pub fn pair(report: &PairReport) -> String {
    let mut out = String::new();
    let sources = report.sources();
    let name = |s: Side| cell_text(&sources.get(s).label);
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
        "| siglum | {} | {} |",
        cell_text(report.left.siglum),
        cell_text(report.right.siglum)
    );
    let _ = writeln!(
        out,
        "| path | {} | {} |",
        cell_text(report.left.path),
        cell_text(report.right.path)
    );
    let encoding = |s: &SourceInfo| match s.extraction() {
        Some(note) => format!("{} {note}", s.encoding),
        None => s.encoding.to_string(),
    };
    let _ = writeln!(
        out,
        "| encoding | {} | {} |",
        encoding(&report.left),
        encoding(&report.right)
    );
    let _ = writeln!(
        out,
        "| characters | {} | {} |",
        report.left.chars, report.right.chars
    );
    warnings(&mut out, [&report.left, &report.right]);
    let _ = writeln!(
        out,
        "\nSimilarity {:.1}%: {} hotspots ({}).",
        report.similarity * 100.0,
        report.hotspots.len(),
        counted(&report.shown_counts())
    );
    hidden(&mut out, &report.hidden);
    let _ = writeln!(out);
    patterns(&mut out, &report.patterns);
    if report.hotspots.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "| # | kind | class | left | right |\n|---|---|---|---|---|"
    );
    for (i, h) in report.hotspots.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            i + 1,
            wire_name(&h.kind),
            wire_name(&h.class),
            context_cell(&h.left),
            context_cell(&h.right)
        );
    }
    out
}

/// The table of patterns (pairs of readings that recur), most frequent first: the readings,
/// the pattern's index (the JSON's `pattern`), how many hotspots have them, their class, the first lines (left) where they are shown, and
/// whether a rule hides them. Nothing when there are none.
fn patterns(out: &mut String, patterns: &[PatternInfo]) {
    if patterns.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "Patterns (pairs of readings at least 3 hotspots share):\n\n\
         | readings | pattern | count | class | first lines |\n|---|---|---|---|---|"
    );
    for (i, p) in patterns.iter().enumerate() {
        let lines = if p.hidden {
            "hidden by a rule".to_string()
        } else {
            let listed: Vec<String> = p.lines.iter().map(usize::to_string).collect();
            listed.join(", ")
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            reading_pair(&p.left, &p.right),
            i,
            p.count,
            wire_name(&p.class),
            lines
        );
    }
    let _ = writeln!(out);
}

/// Two readings as a cell shows them: `` `，` → `、` ``, an empty one as `∅`.
fn reading_pair(left: &str, right: &str) -> String {
    let side = |s: &str| {
        if s.is_empty() {
            "∅".to_string()
        } else {
            let shown: String = s.chars().take(SHOWN).collect();
            let more = if s.chars().count() > SHOWN {
                " …"
            } else {
                ""
            };
            format!("{}{more}", code_span(&code_text(&shown)))
        }
    };
    format!("{} → {}", side(left), side(right))
}

/// The line that counts what the filter hides, per class (nothing when it hides nothing).
fn hidden(out: &mut String, hidden: &Hidden) {
    if let Some(sentence) = hidden.sentence("`--show CLASS`") {
        let _ = writeln!(out, "{sentence}");
    }
}

/// Changes listed in one cell of the units table, at most.
const UNIT_CHANGES: usize = 8;

/// A change as a cell of the units table lists it: `霸权 → 强权`, `+ 数字贸易`, `− 旧文`,
/// `moved from line 73` / `moved to line 71`.
fn change_text(h: &HotspotInfo) -> String {
    let text = |span: &SpanInfo| {
        code_span(&super::abridged(span, code_text, |len| {
            format!("({len} chars)")
        }))
    };
    match h.kind {
        Kind::Changed => format!("{} → {}", text(&h.left), text(&h.right)),
        Kind::OnlyLeft => format!("− {}", text(&h.left)),
        Kind::OnlyRight => format!("+ {}", text(&h.right)),
        Kind::Moved => format!(
            "moved {} (line {} → line {})",
            text(&h.left),
            h.left.line,
            h.right.line
        ),
    }
}

/// The changes of a row of the units table, joined (the first [`UNIT_CHANGES`], then how many
/// more).
fn changes_cell(changes: &[HotspotInfo]) -> String {
    let mut parts: Vec<String> = changes.iter().take(UNIT_CHANGES).map(change_text).collect();
    if changes.len() > UNIT_CHANGES {
        parts.push(format!("… {} more", changes.len() - UNIT_CHANGES));
    }
    parts.join("; ")
}

/// The units report: the comparison table lawyers read (新旧对照表), old unit | new unit |
/// status | changes, in the new text's order.
pub fn units(report: &UnitsReport) -> String {
    let mut out = String::new();
    let (l, r) = (
        cell_text(&report.left.label),
        cell_text(&report.right.label),
    );
    let _ = writeln!(out, "# {l} → {r}: unit by unit\n");
    warnings(&mut out, [&report.left, &report.right]);
    let _ = writeln!(
        out,
        "{} units ({}); classes shown: {}.\n",
        report.units.len(),
        report.status_counts(),
        report.shown.join(", ")
    );
    if !report.preamble.is_empty() {
        let _ = writeln!(
            out,
            "Before the first unit: {}\n",
            changes_cell(&report.preamble)
        );
    }
    let _ = writeln!(
        out,
        "| old ({l}) | new ({r}) | status | changes |\n|---|---|---|---|"
    );
    let unit = |u: &Option<UnitInfo>| {
        u.as_ref().map_or("—".to_string(), |u| {
            format!("{} (line {})", cell_text(&u.label), u.span.line)
        })
    };
    for row in &report.units {
        let changes = match row.cell() {
            UnitCell::Text(span) => abridged(span),
            UnitCell::Changes { changes, hidden } => {
                let mut cell = changes_cell(changes);
                if let Some(hidden) = hidden {
                    if !cell.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(&format!("(hidden: {})", hidden.breakdown()));
                }
                cell
            }
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            unit(&row.old),
            unit(&row.new),
            row.status.name(),
            changes
        );
    }
    out
}

/// The apparatus: the sources, then one row per place with its readings and their sources.
pub fn apparatus(report: &ApparatusReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Apparatus: {} sources against {}\n",
        report.sources.len(),
        cell_text(&report.base)
    );
    let _ = writeln!(
        out,
        "| # | siglum | source | encoding | characters |\n|---|---|---|---|---|"
    );
    for (i, s) in report.sources.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}{} | {} |",
            i + 1,
            cell_text(s.siglum),
            cell_text(&s.label),
            s.encoding,
            s.extraction()
                .map(|note| format!(" {note}"))
                .unwrap_or_default(),
            s.chars
        );
    }
    warnings(&mut out, &report.sources);
    let _ = writeln!(out, "\n{} variant places.", report.places.len());
    hidden(&mut out, &report.hidden);
    let _ = writeln!(out);
    if !report.patterns.is_empty() {
        let _ = writeln!(
            out,
            "Patterns (a source's reading against the base's at 3 places or more):\n\n\
             | siglum | readings | count | class |\n|---|---|---|---|"
        );
        for p in &report.patterns {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell_text(&p.siglum),
                reading_pair(&p.left, &p.right),
                p.count,
                wire_name(&p.class)
            );
        }
        let _ = writeln!(out);
    }
    if report.places.is_empty() {
        return out;
    }
    let _ = writeln!(out, "| # | line | base | readings |\n|---|---|---|---|");
    for (n, p) in report.places.iter().enumerate() {
        let readings: Vec<String> = p
            .readings
            .iter()
            .map(|r| {
                let names: Vec<String> = r.sigla.iter().map(|s| cell_text(s)).collect();
                let text = match &r.first {
                    Some(span) if r.moved => {
                        format!(
                            "*moved to line {}:* {}",
                            span.line,
                            bold(Some(' '), &abridged(span), Some(' '))
                        )
                    }
                    Some(span) if r.added => format!(
                        "*added beyond the base:* {}",
                        bold(Some(' '), &abridged(span), Some(' '))
                    ),
                    Some(span) if r.inverted => format!(
                        "*inverted:* {}",
                        bold(Some(' '), &abridged(span), Some(' '))
                    ),
                    Some(span) => bold(Some(' '), &abridged(span), Some(' ')),
                    None => "*omitted*".to_string(),
                };
                format!("{text} — {}", names.join(", "))
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            n + 1,
            p.base.line,
            context_cell(&p.base),
            readings.join(" · ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::collate::collate;
    use crate::engine::compare::{Filter, compare};
    use crate::engine::normalize::normalize;
    use crate::pair::Pair;
    use crate::report::json::to_json;
    use crate::source::Source;
    use crate::testkit::source;
    use crate::text::chars::is_hidden;

    #[test]
    fn hidden_characters_never_reach_the_output_raw() {
        let a = source("a.txt", "abc \u{1b}[2J def\u{202e}x\u{85}y");
        let b = source("b.txt", "abc def");
        let c = compare(&a.text, &b.text);
        let report = PairReport::new(Pair::new(&a, &b), &c, &Filter::all());
        let json = to_json(&report);
        let md = pair(&report);
        for out in [&json, &md] {
            assert!(!out.chars().any(|c| is_hidden(c) && c != '\n'), "{out}");
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
        let a = source("a.txt", "必须坚持守正创新，坚守中国外交的优良传统。");
        let b = source("b.txt", "必须坚持守正创新，坚守中国外交优良传统。");
        let c = compare(&a.text, &b.text);
        let md = pair(&PairReport::new(Pair::new(&a, &b), &c, &Filter::default()));
        assert!(md.contains("| 1 | only-left | wording | 新，坚守中国外交**的**优良传统。 (line 1) | 新，坚守中国外交‸优良传统。 (line 1) |"), "{md}");
    }

    #[test]
    fn both_reports_carry_the_decoding_warnings() {
        let warned = |name: &str, text: &str| {
            Source::from_text(
                name,
                name,
                "UTF-8",
                text.to_string(),
                vec![format!("1 invalid UTF-8 byte sequence in {name}")],
            )
        };
        let sources = vec![
            warned("a.txt", "坚决反对一切霸权政治。"),
            source("b.txt", "坚决反对一切强权政治。"),
            warned("c.txt", "坚决反对一切强权政治。"),
        ];
        let c = compare(&sources[0].text, &sources[1].text);
        let md = pair(&PairReport::new(
            Pair::new(&sources[0], &sources[1]),
            &c,
            &Filter::default(),
        ));
        assert!(md.contains("Warning (a.txt): 1 invalid UTF-8 byte sequence in a.txt"));
        let norms: Vec<_> = sources
            .iter()
            .map(|s| std::sync::Arc::new(normalize(&s.text)))
            .collect();
        let collation = collate(&norms, 0, &Filter::default());
        let markups: Vec<_> = norms.iter().map(|n| n.markup).collect();
        let report = ApparatusReport::new(&sources, &markups, &collation);
        let md = apparatus(&report);
        let json = to_json(&report);
        for name in ["a.txt", "c.txt"] {
            let warning = format!("1 invalid UTF-8 byte sequence in {name}");
            assert!(md.contains(&format!("Warning ({name}): {warning}")), "{md}");
            assert!(json.contains(&warning), "{json}");
        }
    }
}
