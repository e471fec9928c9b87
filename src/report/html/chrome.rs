//! The page chrome every page shares: its head (the Content-Security-Policy, the style from
//! `page.css`) and end, the sources' table, their warnings, what the filter hides, the bar of
//! class toggles, sigla as badges, the language of a text for its `lang` attributes, and the
//! cutting of long tables into chunks.

use super::escape::{Mode, escaped, line};
use crate::engine::compare::Class;
use crate::report::{Hidden, SourceInfo, wire_name};
use crate::text::script::{Lang, Scripts};
use std::fmt::Write as _;

/// The page's Content-Security-Policy: inline style only; no script, no request of any kind.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// The page's style: system fonts only (CJK stacks), the classes' colours, the toggles, print.
const STYLE: &str = include_str!("page.css");

/// Rows of a list or table per chunk: a chunk off screen is neither styled nor laid out
/// (`content-visibility: auto`), so a book's page opens and toggles quickly.
pub(super) const CHUNK_ROWS: usize = 200;

/// Where a chunk of a long table ends and the next begins: every `every` rows, the table is
/// closed and a new one (`open`) opened.
pub(super) fn next_chunk(out: &mut String, row: usize, every: usize, open: &str) {
    if row > 0 && row.is_multiple_of(every) {
        out.push_str("</tbody></table></div>\n");
        out.push_str(open);
    }
}

/// The language of a text for its `lang` attribute (read from its head,
/// [`Scripts::sample`]): `ja`, `ko`, `zh`, or empty (unknown).
pub(super) fn lang(text: &str) -> &'static str {
    Scripts::sample(text).language().map_or("", Lang::tag)
}

/// The page's head and the opening of its body.
pub(super) fn start(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"duizhao {}\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n\
         </head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        // A title is plain text: hidden characters as marker text, no elements.
        escaped(title, Mode::Attr)
    );
}

/// The end of the page.
pub(super) fn end(out: &mut String) {
    out.push_str("</body>\n</html>\n");
}

/// A source's siglum as a badge, its label as its tooltip.
pub(super) fn siglum(s: &SourceInfo) -> String {
    badge(s.siglum, &s.label)
}

/// `siglum` as a badge, `label` as its tooltip.
pub(super) fn badge(siglum: &str, label: &str) -> String {
    format!(
        "<abbr class=\"siglum\" title=\"{}\">{}</abbr>",
        escaped(label, Mode::Attr),
        line(siglum)
    )
}

/// A source's siglum and label.
pub(super) fn named(s: &SourceInfo) -> String {
    format!("{} {}", siglum(s), line(&s.label))
}

/// A source's encoding, and what its text was extracted from (`html`) if anything.
pub(super) fn encoding(s: &SourceInfo) -> String {
    match s.extraction() {
        Some(note) => format!(
            "{} <span class=\"muted\">{}</span>",
            line(s.encoding),
            line(&note)
        ),
        None => line(s.encoding),
    }
}

/// One fact of a source as a table cell.
pub(super) type Fact = fn(&SourceInfo) -> String;

/// The sources' table: one column per source, a row per fact.
pub(super) fn sources_table(out: &mut String, heads: &[&str], sources: &[&SourceInfo]) {
    out.push_str("<table class=\"sources\">\n<thead><tr><th></th>");
    for h in heads {
        let _ = write!(out, "<th>{h}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let rows: [(&str, Fact); 5] = [
        ("source", |s| {
            format!("{} <b>{}</b>", siglum(s), line(&s.label))
        }),
        ("path", |s| format!("<code>{}</code>", line(s.path))),
        ("encoding", encoding),
        ("markup", |s| wire_name(&s.markup)),
        ("characters", |s| s.chars.to_string()),
    ];
    for (name, value) in rows {
        let _ = write!(out, "<tr><th>{name}</th>");
        for s in sources {
            let _ = write!(out, "<td>{}</td>", value(s));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The sources' decoding warnings, if any.
pub(super) fn warnings(out: &mut String, sources: &[&SourceInfo]) {
    let all: Vec<String> = sources
        .iter()
        .flat_map(|s| {
            s.warnings
                .iter()
                .map(|w| format!("<li><b>{}</b>: {}</li>", line(&s.label), line(w)))
        })
        .collect();
    if !all.is_empty() {
        let _ = write!(
            out,
            "<ul class=\"warnings\" aria-label=\"warnings\">\n{}\n</ul>\n",
            all.join("\n")
        );
    }
}

/// What the filter hides, per class (nothing when it hides nothing).
pub(super) fn hidden(out: &mut String, hidden: &Hidden) {
    if let Some(sentence) = hidden.sentence("<code>--show CLASS</code>") {
        let _ = writeln!(out, "<p class=\"hidden\">{sentence}</p>");
    }
}

/// The bar of class toggles, with each class's count.
pub(super) fn toggles(out: &mut String, classes: &[(Class, usize)], links: &[(&str, &str)]) {
    out.push_str("<nav class=\"bar\" aria-label=\"classes\">\n");
    for (class, n) in classes {
        let name = class.name();
        let _ = writeln!(
            out,
            "<label class=\"chip c-{name}\"><input type=\"checkbox\" id=\"t-{name}\" checked> \
             {name} <span class=\"count\">{n}</span></label>"
        );
    }
    for (href, text) in links {
        let _ = writeln!(out, "<a class=\"jump\" href=\"#{href}\">{text}</a>");
    }
    out.push_str("</nav>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_plain_text() {
        let mut out = String::new();
        start(&mut out, "a\u{1b}[2J<b>&\u{202e}.txt · duizhao");
        let title =
            &out[out.find("<title>").expect("title") + 7..out.find("</title>").expect("end")];
        assert_eq!(title, "a⟨U+001B⟩[2J&lt;b&gt;&amp;⟨U+202E⟩.txt · duizhao");
    }
    use crate::engine::compare::{Filter, compare};
    use crate::pair::Pair;
    use crate::report::PairReport;
    use crate::report::html::pair;
    use crate::report::html::tests::page;
    use crate::sections::Aligned;
    use crate::source::Source;
    use crate::testkit::source;

    #[test]
    fn the_page_is_self_contained() {
        let (html, _) = page("坚决反对一切霸权政治。", "坚决反对一切强权政治。");
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains(&format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
        )));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        for remote in [
            "http:", "https:", "src=", "@import", "url(", "<script", "<link",
        ] {
            assert!(!html.contains(remote), "{remote}");
        }
        assert!(html.contains("lang=\"zh\""));
    }

    #[test]
    fn hostile_labels_and_paths_are_escaped() {
        let l = Source::from_text(
            "<b>a\u{202e}.txt",
            "dir/<img src=x>\n.txt",
            "UTF-8",
            "坚决反对一切霸权政治。".to_string(),
            vec!["1 <i>bad</i> byte".to_string()],
        );
        let r = source("b.txt", "坚决反对一切强权政治。");
        let cmp = compare(&l.text, &r.text);
        let report = PairReport::new(Pair::new(&l, &r), &cmp, &Filter::default());
        let html = pair(&report, &Aligned::new(Pair::new(&l, &r), &cmp));
        for raw in ["<b>a", "<img", "<i>bad"] {
            assert!(!html.contains(raw), "{raw} in {html}");
        }
        assert!(html.contains("&lt;img src=x&gt;<span class=\"ctl\">⟨U+000A⟩</span>.txt"));
        assert!(html.contains("⟨U+202E⟩"));
        assert!(html.contains("1 &lt;i&gt;bad&lt;/i&gt; byte"));
    }

    #[test]
    fn languages() {
        assert_eq!(lang("坚决反对一切霸权政治。"), "zh");
        assert_eq!(lang("吾輩は猫である。名前はまだ無い。"), "ja");
        assert_eq!(lang("대한민국 헌법"), "ko");
        assert_eq!(lang("The quick brown fox"), "");
    }
}
