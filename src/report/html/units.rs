//! The units page ([`units`]): the two sources, then the pair unit by unit, old | new |
//! status | changes (the 新旧对照表 lawyers read).

use super::chrome::{end, named, sources_table, start, warnings};
use super::escape::{cell, line};
use crate::engine::compare::Kind;
use crate::report::{HotspotInfo, UnitCell, UnitInfo, UnitsReport};
use std::fmt::Write as _;

/// The units report as a page: the two sources, then a row per unit: old | new | status |
/// changes.
pub fn units(report: &UnitsReport) -> String {
    let mut out = String::new();
    let title = format!(
        "{} → {}: unit by unit · duizhao",
        report.left.label, report.right.label
    );
    start(&mut out, &title);
    out.push_str("<header>\n");
    let _ = writeln!(
        out,
        "<h1>{} → {}: unit by unit</h1>",
        named(&report.left),
        named(&report.right)
    );
    sources_table(&mut out, &["old", "new"], &[&report.left, &report.right]);
    warnings(&mut out, &[&report.left, &report.right]);
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} units ({}); classes shown: {}.</p>",
        report.units.len(),
        report.status_counts(),
        report.shown.join(", ")
    );
    out.push_str("</header>\n<main>\n");
    if !report.preamble.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"preamble\">Before the first unit:</p>\n{}",
            changes_list(&report.preamble)
        );
    }
    let _ = write!(
        out,
        "<table class=\"units\">\n<thead><tr><th>old ({})</th><th>new ({})</th><th>status</th>\
         <th>changes</th></tr></thead>\n<tbody>\n",
        line(&report.left.label),
        line(&report.right.label)
    );
    let unit = |u: &Option<UnitInfo>| {
        u.as_ref().map_or("—".to_string(), |u| {
            format!(
                "{} <span class=\"line\">(line {})</span>",
                line(&u.label),
                u.span.line
            )
        })
    };
    for (k, row) in report.units.iter().enumerate() {
        let changes = match row.cell() {
            UnitCell::Text(span) => cell(span),
            UnitCell::Changes { changes, hidden } => {
                let mut cell = changes_list(changes);
                if let Some(hidden) = hidden {
                    let _ = write!(
                        cell,
                        "<span class=\"hidden\">(hidden: {})</span>",
                        hidden.breakdown()
                    );
                }
                cell
            }
        };
        let _ = writeln!(
            out,
            "<tr id=\"u{}\" class=\"st-{}\"><td>{}</td><td>{}</td><td class=\"status\">{}</td>\
             <td>{changes}</td></tr>",
            k + 1,
            row.status.name(),
            unit(&row.old),
            unit(&row.new),
            row.status.name()
        );
    }
    out.push_str("</tbody>\n</table>\n</main>\n");
    end(&mut out);
    out
}

/// Changes as a list: `霸权 → 强权`, `− 旧文`, `+ 数字贸易`, `moved … (line a → line b)`, each
/// with its class.
fn changes_list(changes: &[HotspotInfo]) -> String {
    if changes.is_empty() {
        return String::new();
    }
    let mut out = String::from("<ul class=\"changes\">");
    for h in changes {
        let class = h.class.name();
        let text = match h.kind {
            Kind::Changed => format!("{} → {}", cell(&h.left), cell(&h.right)),
            Kind::OnlyLeft => format!("− {}", cell(&h.left)),
            Kind::OnlyRight => format!("+ {}", cell(&h.right)),
            Kind::Moved => format!(
                "moved {} (line {} → line {})",
                cell(&h.left),
                h.left.line,
                h.right.line
            ),
        };
        let _ = write!(
            out,
            "<li><span class=\"chip c-{class}\">{class}</span> {text}</li>"
        );
    }
    out.push_str("</ul>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compare::{Filter, compare};
    use crate::pair::Pair;
    use crate::report::html::tests::{attrs, ids};
    use crate::testkit::source;
    use std::collections::BTreeSet;

    #[test]
    fn a_row_per_unit_with_its_status() {
        let old = "第一条　国家实行统一的对外贸易制度。\n第二条　对外贸易经营者可以依法成立协会。\n\
                   第三条　本条将被删除的内容。\n";
        let new = "第一条　国家实行统一的对外贸易制度。\n第二条　对外贸易经营者可以依法成立商会。\n\
                   第三条　<新增>的一条。\n";
        let (l, r) = (source("old.md", old), source("new.md", new));
        let cmp = compare(old, new);
        let report = UnitsReport::new(Pair::new(&l, &r), &cmp, &Filter::default());
        let html = units(&report);
        assert_eq!(html.matches("<tr id=\"u").count(), report.units.len());
        for row in &report.units {
            let status = row.status.name();
            assert!(
                html.contains(&format!("<td class=\"status\">{status}</td>")),
                "{status}"
            );
        }
        assert!(html.contains("class=\"st-unchanged\"") && html.contains("class=\"st-changed\""));
        assert!(html.contains(&report.status_counts()));
        assert!(!html.contains("<新增>") && html.contains("&lt;新增&gt;"));
        let ids: BTreeSet<String> = ids(&html).into_iter().collect();
        for target in attrs(&html, "href=\"#") {
            assert!(ids.contains(&target), "#{target}");
        }
    }
}
