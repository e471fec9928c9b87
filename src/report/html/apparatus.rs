//! The apparatus page ([`apparatus`]): the sources by siglum, the variant places as a table,
//! then the base text with each place highlighted, linked both ways.

use super::chrome::{
    CHUNK_ROWS, badge, encoding, end, hidden, lang, next_chunk, siglum, start, warnings,
};
use super::escape::{cell, context, line};
use super::marked::{Mark, marked};
use crate::report::{ApparatusReport, SHOWN, SourceInfo, wire_name};
use crate::source::Source;
use std::fmt::Write as _;

/// Lines of the apparatus's base text per chunk.
const CHUNK_LINES: usize = 100;

/// The apparatus as a page: the sources, the places as a table (each row linking to its
/// place in the base text), then the base text (`base`, the source the places are spans of)
/// with each place highlighted, linking back to its row.
pub fn apparatus(report: &ApparatusReport, base: &Source) -> String {
    let mut out = String::new();
    let title = format!("Apparatus against {} · duizhao", report.base);
    start(&mut out, &title);
    let base_lang = lang(&base.text);
    // Each reading's source's language, told once per source (a book has thousands of
    // readings).
    let mut langs: Vec<(*const Source, &'static str)> = Vec::new();
    let mut lang_of = |source: &Source| {
        let known = langs.iter().find(|(s, _)| std::ptr::eq(*s, source));
        match known {
            Some(&(_, l)) => l,
            None => {
                let l = lang(&source.text);
                langs.push((std::ptr::from_ref(source), l));
                l
            }
        }
    };
    out.push_str("<header>\n");
    let _ = writeln!(
        out,
        "<h1>Apparatus: {} sources against {}</h1>",
        report.sources.len(),
        line(&report.base)
    );
    out.push_str(
        "<table class=\"sources wide\" aria-label=\"sigla\">\n<thead><tr><th>#</th><th>siglum</th>\
         <th>source</th><th>path</th><th>encoding</th><th>markup</th><th>characters</th></tr>\
         </thead>\n<tbody>\n",
    );
    for (i, s) in report.sources.iter().enumerate() {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td><b>{}</b></td><td><code>{}</code></td><td>{}</td>\
             <td>{}</td><td>{}</td></tr>",
            i + 1,
            siglum(s),
            line(&s.label),
            line(s.path),
            encoding(s),
            wire_name(&s.markup),
            s.chars
        );
    }
    out.push_str("</tbody>\n</table>\n");
    let sources: Vec<&SourceInfo> = report.sources.iter().collect();
    warnings(&mut out, &sources);
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} variant places; classes shown: {}.</p>",
        report.places.len(),
        report.shown.join(", ")
    );
    hidden(&mut out, &report.hidden);
    out.push_str("</header>\n");
    out.push_str("<nav class=\"bar\" aria-label=\"sections\">");
    if !report.patterns.is_empty() {
        out.push_str("<a class=\"jump\" href=\"#patterns\">patterns</a>");
    }
    out.push_str(
        "<a class=\"jump\" href=\"#places\">places</a>\
         <a class=\"jump\" href=\"#base\">base text</a></nav>\n<main>\n",
    );
    pattern_table(&mut out, report, base_lang);
    out.push_str("<section id=\"places\">\n<h2>Places</h2>\n");
    if report.places.is_empty() {
        out.push_str("<p>No variant places.</p>\n");
    } else {
        const COLS: &str =
            "<colgroup><col class=\"cn\"><col class=\"cln\"><col class=\"cbase\"><col></colgroup>";
        let _ = writeln!(
            out,
            "<table class=\"places head\">{COLS}<thead><tr><th>#</th><th>line</th><th>base</th>\
             <th>readings</th></tr></thead></table>"
        );
        let open = format!("<div class=\"chunk\"><table class=\"places\">{COLS}<tbody>\n");
        out.push_str(&open);
        for (i, p) in report.places.iter().enumerate() {
            next_chunk(&mut out, i, CHUNK_ROWS, &open);
            let n = i + 1;
            let _ = write!(
                out,
                "<tr id=\"r{n}\"><td class=\"n\"><a href=\"#p{n}\">{n}</a></td>\
                 <td class=\"ln\">{}</td><td lang=\"{base_lang}\"><a href=\"#p{n}\">{}</a></td>\
                 <td><ul class=\"readings\">",
                p.base.line,
                context(&p.base)
            );
            for r in &p.readings {
                // Each source by its siglum, its label as the siglum's tooltip.
                let names: Vec<String> = r
                    .sigla
                    .iter()
                    .zip(&r.sources)
                    .map(|(siglum, label)| badge(siglum, label))
                    .collect();
                let class = r.class.map_or(String::new(), |c| {
                    format!(" <span class=\"chip c-{0}\">{0}</span>", c.name())
                });
                let text = match &r.first {
                    Some(span) if r.moved => format!(
                        "<em class=\"moved\">moved to line {}:</em> <span lang=\"{}\">{}</span>",
                        span.line,
                        lang_of(span.source),
                        cell(span)
                    ),
                    Some(span) if r.added => format!(
                        "<em class=\"added\">added beyond the base:</em> <span lang=\"{}\">{}</span>",
                        lang_of(span.source),
                        cell(span)
                    ),
                    Some(span) if r.inverted => format!(
                        "<em class=\"inverted\">inverted:</em> <span lang=\"{}\">{}</span>",
                        lang_of(span.source),
                        cell(span)
                    ),
                    Some(span) => format!(
                        "<span lang=\"{}\">{}</span>",
                        lang_of(span.source),
                        cell(span)
                    ),
                    None => "<em class=\"omitted\">omitted</em>".to_string(),
                };
                let kind = if r.omitted {
                    " class=\"omitted\""
                } else if r.moved {
                    " class=\"moved\""
                } else if r.inverted {
                    " class=\"inverted\""
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "<li{kind}>{text} <span class=\"wit\">— {}</span>{class}</li>",
                    names.join(" ")
                );
            }
            out.push_str("</ul></td></tr>\n");
        }
        out.push_str("</tbody></table></div>\n");
    }
    out.push_str("</section>\n");
    let marks: Vec<Mark> = report
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| Mark {
            range: p.base.range(),
            class: "place",
            extra: if p.readings.iter().any(|r| r.omitted) {
                "k-omitted".to_string()
            } else {
                String::new()
            },
            id: format!("p{}", i + 1),
            title: String::new(),
            note: Some((i + 1, format!("r{}", i + 1))),
        })
        .collect();
    let cuts: Vec<usize> = (0..base.line_count())
        .step_by(CHUNK_LINES)
        .map(|l| base.line_start(l))
        .collect();
    let _ = writeln!(
        out,
        "<section id=\"base\">\n<h2>Base text: {}</h2>",
        line(&report.base)
    );
    for (k, piece) in marked(base, &marks, &cuts).iter().enumerate() {
        let piece = if k == 0 {
            piece.trim_start_matches('\n')
        } else {
            piece
        };
        let _ = writeln!(
            out,
            "<div class=\"chunk tx base\" lang=\"{base_lang}\">{piece}</div>"
        );
    }
    out.push_str("</section>\n</main>\n");
    end(&mut out);
    out
}

/// The table of each source's patterns against the base (a pair of readings, the base's and
/// the source's, at three places or more), most frequent first: siglum, readings, count,
/// class. Nothing when there are none.
fn pattern_table(out: &mut String, report: &ApparatusReport, lang: &str) {
    if report.patterns.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"patterns\">\n<h2>Patterns</h2>\n<p>A source's reading against the \
         base's at three places or more.</p>\n<table class=\"list\"><thead><tr><th>siglum</th>\
         <th>base</th><th></th><th>reading</th><th>count</th><th>class</th></tr></thead><tbody>\n",
    );
    let reading = |s: &str| {
        if s.is_empty() {
            "<td>∅</td>".to_string()
        } else {
            let shown: String = s.chars().take(SHOWN).collect();
            format!("<td lang=\"{lang}\">{}</td>", line(&shown))
        }
    };
    for p in &report.patterns {
        let name = wire_name(&p.class);
        let _ = writeln!(
            out,
            "<tr class=\"c-{name}\"><td>{}</td>{}<td>→</td>{}<td>{}</td><td>{name}</td></tr>",
            line(&p.siglum),
            reading(&p.left),
            reading(&p.right),
            p.count
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::collate::collate;
    use crate::engine::compare::Filter;
    use crate::engine::normalize::normalize;
    use crate::report::html::tests::{attrs, ids};
    use crate::report::json::to_json;
    use crate::testkit::source;
    use std::collections::BTreeSet;

    #[test]
    fn apparatus_rows_link_to_the_base_text() {
        let sources = vec![
            source("a.txt", "坚决反对一切霸权政治和霸凌行径。<b>\n"),
            source("b.txt", "坚决反对一切强权政治和霸凌行径。<b>\n"),
            source("c.txt", "坚决反对一切强权政治和霸凌。<b>\n"),
        ];
        let norms: Vec<_> = sources
            .iter()
            .map(|s| std::sync::Arc::new(normalize(&s.text)))
            .collect();
        let collation = collate(&norms, 0, &Filter::default());
        let markups: Vec<_> = norms.iter().map(|n| n.markup).collect();
        let report = ApparatusReport::new(&sources, &markups, &collation);
        let html = apparatus(&report, &sources[0]);
        let v: serde_json::Value = serde_json::from_str(&to_json(&report)).unwrap();
        let places = v["places"].as_array().unwrap().len();
        assert!(places >= 2, "{v}");
        assert_eq!(html.matches("<tr id=\"r").count(), places);
        assert_eq!(html.matches("<mark class=\"hl c-place").count(), places);
        let ids: BTreeSet<String> = ids(&html).into_iter().collect();
        for target in attrs(&html, "href=\"#") {
            assert!(ids.contains(&target), "#{target}");
        }
        assert!(html.contains("omitted"));
        assert!(!html.contains("<b>\n") && html.contains("&lt;b&gt;"));
    }
}
