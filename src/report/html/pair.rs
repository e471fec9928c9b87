//! The pair page ([`pair`]): the header, the class toggles, the list of hotspots, then the two
//! texts side by side in the view sections' aligned rows ([`Aligned`]), every hotspot
//! highlighted and linked both ways.

use super::chrome::{
    CHUNK_ROWS, end, hidden, lang, named, next_chunk, siglum, sources_table, start, toggles,
    warnings,
};
use super::escape::{cell, line};
use super::marked::{Mark, marked};
use crate::engine::compare::Kind;
use crate::pair::{Pair, Side};
use crate::report::{HotspotInfo, PairReport, SHOWN, counted, wire_name};
use crate::sections::Aligned;
use std::fmt::Write as _;

/// Aligned rows of the two texts per chunk (paragraphs: larger than list rows).
pub(super) const CHUNK_TEXT_ROWS: usize = 40;

/// A highlight's tooltip: where a moved passage was and went (the list says the rest).
fn hotspot_title(h: &HotspotInfo) -> String {
    if h.kind == Kind::Moved {
        format!("moved from line {} to line {}", h.left.line, h.right.line)
    } else {
        String::new()
    }
}

/// The pairwise report as a page: the header, the class toggles, the list of hotspots, and
/// the two texts side by side in `aligned`'s rows with every hotspot highlighted.
pub fn pair(report: &PairReport, aligned: &Aligned) -> String {
    let mut out = String::new();
    let sources = report.sources();
    let title = format!("{} ↔ {} · duizhao", sources.left.label, sources.right.label);
    start(&mut out, &title);
    let langs = aligned.texts.map(|s| lang(&s.text));
    out.push_str("<header>\n");
    let _ = writeln!(
        out,
        "<h1>{} ↔ {}</h1>",
        named(sources.left),
        named(sources.right)
    );
    sources_table(&mut out, &["left", "right"], &[sources.left, sources.right]);
    warnings(&mut out, &[sources.left, sources.right]);
    let counts = report.shown_counts();
    let _ = writeln!(
        out,
        "<p class=\"summary\">Similarity <b>{:.1}%</b>: {} hotspots ({}).</p>",
        report.similarity * 100.0,
        report.hotspots.len(),
        counted(&counts)
    );
    hidden(&mut out, &report.hidden);
    out.push_str("</header>\n");
    toggles(
        &mut out,
        &counts,
        &[("hotspots", "hotspots"), ("texts", "texts")],
    );
    out.push_str("<main>\n");
    pattern_table(&mut out, report, langs);
    hotspot_list(&mut out, report, langs);
    texts(&mut out, report, aligned, langs);
    out.push_str("</main>\n");
    end(&mut out);
    out
}

/// The table of patterns (pairs of readings at least three hotspots share), most frequent
/// first, each with its count, class and the first lines where it is shown (or that a rule
/// hides it). Nothing when there are none.
fn pattern_table(out: &mut String, report: &PairReport, langs: Pair<&str>) {
    if report.patterns.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"patterns\">\n<h2>Patterns</h2>\n<table class=\"list\"><thead><tr>\
         <th>#</th><th>left</th><th></th><th>right</th><th>count</th><th>class</th>\
         <th>first lines</th></tr></thead><tbody>\n",
    );
    let reading = |s: &str, lang: &str| {
        if s.is_empty() {
            "<td>∅</td>".to_string()
        } else {
            let shown: String = s.chars().take(SHOWN).collect();
            format!("<td lang=\"{lang}\">{}</td>", line(&shown))
        }
    };
    for (i, p) in report.patterns.iter().enumerate() {
        let lines = if p.hidden {
            "hidden by a rule".to_string()
        } else {
            let listed: Vec<String> = p.lines.iter().map(usize::to_string).collect();
            listed.join(", ")
        };
        let name = wire_name(&p.class);
        let _ = writeln!(
            out,
            "<tr class=\"c-{name}\"><td>{i}</td>{}<td>→</td>{}<td>{}</td><td>{name}</td>\
             <td>{lines}</td></tr>",
            reading(&p.left, langs.left),
            reading(&p.right, langs.right),
            p.count
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

/// The list of hotspots, each entry linking to its two highlights.
fn hotspot_list(out: &mut String, report: &PairReport, langs: Pair<&str>) {
    out.push_str("<section id=\"hotspots\">\n<h2>Hotspots</h2>\n");
    if report.hotspots.is_empty() {
        out.push_str("<p>No differences of the classes shown.</p>\n</section>\n");
        return;
    }
    const COLS: &str = "<colgroup><col class=\"cn\"><col class=\"cclass\"><col class=\"ckind\">\
        <col class=\"cln\"><col><col class=\"carrow\"><col class=\"cln\"><col></colgroup>";
    let _ = writeln!(
        out,
        "<table class=\"list head\">{COLS}<thead><tr><th>#</th><th>class</th><th>kind</th>\
         <th>line</th><th>{} left</th><th></th><th>line</th><th>{} right</th></tr></thead></table>",
        siglum(&report.left),
        siglum(&report.right)
    );
    let open = format!("<div class=\"chunk\"><table class=\"list\">{COLS}<tbody>\n");
    out.push_str(&open);
    for (i, h) in report.hotspots.iter().enumerate() {
        next_chunk(out, i, CHUNK_ROWS, &open);
        let n = i + 1;
        let class = h.class.name();
        let _ = writeln!(
            out,
            "<tr id=\"i{n}\" class=\"c-{class}\"><td class=\"n\">{n}</td>\
             <td><span class=\"chip c-{class}\">{class}</span></td><td class=\"kind\">{}</td>\
             <td class=\"ln\">{}</td><td lang=\"{}\"><a href=\"#h{n}-l\">{}</a></td>\
             <td class=\"arrow\">→</td><td class=\"ln\">{}</td>\
             <td lang=\"{}\"><a href=\"#h{n}-r\">{}</a></td></tr>",
            wire_name(&h.kind),
            h.left.line,
            langs.left,
            cell(&h.left),
            h.right.line,
            langs.right,
            cell(&h.right)
        );
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

/// The two texts side by side, a table row per aligned stretch, every hotspot highlighted.
fn texts(out: &mut String, report: &PairReport, aligned: &Aligned, langs: Pair<&str>) {
    let pieces = Side::BOTH.map(|side| {
        let suffix = match side {
            Side::Left => "l",
            Side::Right => "r",
        };
        let marks: Vec<Mark> = report
            .hotspots
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let span = match side {
                    Side::Left => &h.left,
                    Side::Right => &h.right,
                };
                Mark {
                    range: span.range(),
                    class: h.class.name(),
                    extra: format!("k-{}", wire_name(&h.kind)),
                    id: format!("h{}-{suffix}", i + 1),
                    title: hotspot_title(h),
                    note: Some((i + 1, format!("i{}", i + 1))),
                }
            })
            .collect();
        let cuts: Vec<usize> = aligned.rows.iter().map(|r| *r.get(side)).collect();
        marked(aligned.texts.get(side), &marks, &cuts)
    });
    let [left, right] = pieces;
    const COLS: &str = "<colgroup><col class=\"lnc\"><col><col class=\"lnc\"><col></colgroup>";
    let _ = writeln!(
        out,
        "<section id=\"texts\">\n<h2>Texts</h2>\n<table class=\"pair head\">{COLS}\
         <thead><tr><th></th><th>{}</th><th></th><th>{}</th></tr></thead></table>",
        named(&report.left),
        named(&report.right)
    );
    let open = format!("<div class=\"chunk\"><table class=\"pair\">{COLS}<tbody>\n");
    out.push_str(&open);
    let mut shown = 0;
    for (k, (row, (l, r))) in aligned.rows.iter().zip(left.iter().zip(&right)).enumerate() {
        let (l, r) = (trim_breaks(l, k == 0), trim_breaks(r, k == 0));
        // Blank lines before both texts begin make no row.
        if l.trim().is_empty() && r.trim().is_empty() {
            continue;
        }
        next_chunk(out, shown, CHUNK_TEXT_ROWS, &open);
        shown += 1;
        let _ = writeln!(
            out,
            "<tr id=\"s{}\"><td class=\"ln\">{}</td><td class=\"tx\" lang=\"{}\">{l}</td>\
             <td class=\"ln\">{}</td><td class=\"tx\" lang=\"{}\">{r}</td></tr>",
            k + 1,
            aligned.texts.left.line_of(row.left),
            langs.left,
            aligned.texts.right.line_of(row.right),
            langs.right
        );
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

/// A row's HTML without the line breaks it ends with (and, for the first row, the ones it
/// starts with): the table's rows stand for them. A break inside a mark stays.
fn trim_breaks(piece: &str, first: bool) -> &str {
    let piece = piece.trim_end_matches('\n');
    if first {
        piece.trim_start_matches('\n')
    } else {
        piece
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::html::tests::{attrs, ids, page, text_of};
    use crate::text::chars::is_hidden;
    use std::collections::BTreeSet;

    #[test]
    fn source_text_never_becomes_markup() {
        let (html, _) = page(
            "标题\n<script>alert(1)</script> \"q\" 'a' & b\u{1b}[2J 坚决反对一切霸权政治。\n",
            "标题\n<script>alert(1)</script> \"q\" 'a' & b 坚决反对一切强权政治。\n",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&quot;q&quot; &#39;a&#39; &amp; b"));
        assert!(html.contains("<span class=\"ctl\">⟨U+001B⟩</span>"));
        assert!(
            !html.chars().any(|c| is_hidden(c) && c != '\n' && c != '\t'),
            "a hidden character reached the page"
        );
    }

    #[test]
    fn ids_are_unique_and_every_link_has_a_target() {
        let a = "第一段：坚决反对一切霸权政治和霸凌行径。\n\n第二段：推动构建人类命运共同体。\n第三段：文本一样。\n";
        let b = "第一段：坚决反对一切强权政治和霸凌行径。\n\n第二段，推动构建人类命运共同体！\n第三段：文本一样。\n新增的一段。\n";
        let (html, json) = page(a, b);
        let ids = ids(&html);
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        let hrefs = attrs(&html, "href=\"#");
        assert!(!hrefs.is_empty());
        for target in &hrefs {
            assert!(unique.contains(target), "#{target} has no element");
        }
        // Each hotspot of the JSON report has a highlight on both sides and an entry.
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let n = v["hotspots"].as_array().unwrap().len();
        assert!(n >= 3, "{json}");
        for i in 1..=n {
            for id in [format!("h{i}-l"), format!("h{i}-r"), format!("i{i}")] {
                assert!(unique.contains(&id), "{id}");
            }
        }
        assert!(!unique.contains(&format!("i{}", n + 1)));
    }

    #[test]
    fn rows_hold_each_text_whole_and_in_order() {
        let a = "一、坚决反对一切霸权政治。\n\n二、推动构建人类命运共同体。\n三、文本一样。\n";
        let b = "一、坚决反对一切强权政治。\n\n二、推动构建人类命运共同体！\n三、文本一样。\n";
        let (html, _) = page(a, b);
        let body = html.split("<tbody>").last().unwrap();
        let rows: Vec<&str> = body.split("<tr id=\"s").skip(1).collect();
        assert_eq!(rows.len(), 3, "one row per paragraph: {body}");
        let side = |k: usize| -> String {
            rows.iter()
                .map(|r| {
                    let cell = r.split("<td class=\"tx\"").nth(k).unwrap();
                    let cell = &cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()];
                    // The notes (hotspot numbers) are not text of the source.
                    let mut text = String::new();
                    for part in cell.split("<a class=\"note") {
                        text.push_str(match part.find("</a>") {
                            Some(e) if part.starts_with(' ') => &part[e + 4..],
                            _ => part,
                        });
                    }
                    text_of(&text)
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let squeeze = |s: &str| s.replace('\n', "");
        assert_eq!(squeeze(&side(1)), squeeze(a));
        assert_eq!(squeeze(&side(2)), squeeze(b));
        assert!(rows[1].contains("二、") && rows[2].contains("三、"));
    }

    #[test]
    fn a_long_pair_is_cut_into_chunks_holding_every_row() {
        let paragraphs = 3 * CHUNK_TEXT_ROWS + 5;
        let para =
            |i: usize, word: &str| format!("第{i}段：坚决反对一切{word}政治和霸凌行径。\n\n");
        let a: String = (0..paragraphs).map(|i| para(i, "霸权")).collect();
        let b: String = (0..paragraphs).map(|i| para(i, "强权")).collect();
        let (html, json) = page(&a, &b);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["hotspots"].as_array().unwrap().len(), paragraphs);
        let texts = html.split("<section id=\"texts\">").nth(1).unwrap();
        assert_eq!(texts.matches("<tr id=\"s").count(), paragraphs);
        assert_eq!(
            texts.matches("<div class=\"chunk\">").count(),
            paragraphs.div_ceil(CHUNK_TEXT_ROWS)
        );
        let ids = ids(&html);
        assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len());
        assert_eq!(
            html.matches("<div class=\"chunk\">").count(),
            html.matches("</div>").count()
        );
    }
}
