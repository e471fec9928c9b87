//! The HTML form of a report: one self-contained page, rendered from the same models as the
//! JSON and the Markdown.
//!
//! * [`pair`]: a header (the sources, the similarity, what the filter hides), class toggles,
//!   the list of hotspots, then the two texts side by side in rows cut where both begin
//!   corresponding lines ([`Aligned`], from the view sections, [`crate::sections`]), every shown hotspot
//!   highlighted with an `id` the list links to and a number linking back to the list;
//! * [`apparatus`]: the places as a table, and the base text with each place highlighted,
//!   linked both ways;
//! * [`units`]: the pair unit by unit, old | new | status | changes.
//!
//! No request leaves the page: its style is inline, it has no script (the class toggles are
//! checkboxes that CSS reads with `:has()`), no font, no image, and its Content-Security-Policy
//! allows nothing else. Everything from a source or a file name is escaped (`& < > " '`), and
//! control and invisible characters are shown as `⟨U+XXXX⟩` markers: nothing from a source
//! becomes markup or reaches the page as a control character.

use super::{
    ApparatusReport, Hidden, HotspotInfo, PairReport, SourceInfo, SpanInfo, UnitInfo, UnitsReport,
    abridged, counted, one_line, wire_name,
};
use crate::engine::compare::{Class, Kind};
use crate::pair::{Pair, Side};
use crate::sections::Aligned;
use crate::source::Source;
use crate::text::chars::{is_han, is_hidden};
use crate::text::sanitize::marker;
use std::cmp::Reverse;
use std::fmt::Write as _;
use std::ops::Range;

/// The page's Content-Security-Policy: inline style only; no script, no request of any kind.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Characters read to tell a text's language.
const LANG_SAMPLE: usize = 20_000;
/// Rows of a list or table per chunk, and aligned rows of the texts, and lines of the base
/// text: a chunk off screen is neither styled nor laid out (`content-visibility: auto`), so a
/// book's page opens and toggles quickly.
const CHUNK_ROWS: usize = 200;
/// Aligned rows of the two texts per chunk (paragraphs: larger than list rows).
const CHUNK_TEXT_ROWS: usize = 40;
/// Lines of the apparatus's base text per chunk.
const CHUNK_LINES: usize = 100;

/// Where a chunk of a long table ends and the next begins: every `every` rows, the table is
/// closed and a new one (`open`) opened.
fn next_chunk(out: &mut String, row: usize, every: usize, open: &str) {
    if row > 0 && row.is_multiple_of(every) {
        out.push_str("</tbody></table></div>\n");
        out.push_str(open);
    }
}

/// How text is escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A source's text laid out as it is: line breaks and tabs kept (a CR before a LF
    /// dropped), other hidden characters as marker elements.
    Body,
    /// One line: every hidden character (line breaks too) as a marker element.
    Line,
    /// An attribute value: every hidden character as marker text.
    Attr,
}

/// Appends `c` escaped for HTML in `mode`; `next` is the character after it (a CR before a LF
/// is a line break of its own in a body).
fn push_char(out: &mut String, c: char, next: Option<char>, mode: Mode) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\n' | '\t' if mode == Mode::Body => out.push(c),
        '\r' if mode == Mode::Body && next == Some('\n') => {}
        c if is_hidden(c) => {
            if mode == Mode::Attr {
                out.push_str(&marker(c));
            } else {
                let _ = write!(out, "<span class=\"ctl\">{}</span>", marker(c));
            }
        }
        c => out.push(c),
    }
}

/// `s` escaped for HTML in `mode`.
fn escaped(s: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        push_char(&mut out, c, chars.peek().copied(), mode);
    }
    out
}

/// One line of untrusted text (a label, a path, a warning) as HTML.
fn line(s: &str) -> String {
    escaped(s, Mode::Line)
}

/// The language of a text for its `lang` attribute: `ja` where kana are a tenth of its CJK
/// letters, `ko` where Hangul leads, `zh` where Han leads, else empty (unknown).
fn lang(text: &str) -> &'static str {
    let (mut han, mut kana, mut hangul, mut other) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().take(LANG_SAMPLE) {
        if is_han(c) {
            han += 1;
        } else if matches!(c, '\u{3041}'..='\u{30FA}') {
            kana += 1;
        } else if matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}') {
            hangul += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    let cjk = han + kana;
    if kana > 0 && kana * 10 >= cjk && cjk > other {
        "ja"
    } else if hangul > cjk && hangul > other {
        "ko"
    } else if han > other {
        "zh"
    } else {
        ""
    }
}

/// A highlight in a text.
#[derive(Debug, Clone)]
struct Mark {
    /// Its character range (empty: an insertion point, drawn as `‸`).
    range: Range<usize>,
    /// The class it is toggled with (`wording`, …, or `place`).
    class: &'static str,
    /// Further CSS classes (its kind).
    extra: String,
    /// Its id, on its first piece.
    id: String,
    /// Its tooltip (never source text; empty: none).
    title: String,
    /// The number written before it and the id it links to.
    note: Option<(usize, String)>,
}

impl Mark {
    /// Appends its opening tag: the first piece with its note, id and title, a continuation
    /// (after a row's start or a closed inner mark) without them.
    fn open(&self, out: &mut String, first: bool) {
        if first && let Some((n, target)) = &self.note {
            let _ = write!(
                out,
                "<a class=\"note c-{}\" href=\"#{}\">{n}</a>",
                self.class,
                escaped(target, Mode::Attr)
            );
        }
        let gap = if self.range.is_empty() { " gap" } else { "" };
        let _ = write!(out, "<mark class=\"hl c-{}{gap} {}", self.class, self.extra);
        if first {
            let _ = write!(out, "\" id=\"{}", escaped(&self.id, Mode::Attr));
            if !self.title.is_empty() {
                let _ = write!(out, "\" title=\"{}", escaped(&self.title, Mode::Attr));
            }
            out.push_str("\">");
        } else {
            out.push_str(" cont\">");
        }
    }
}

/// `source`'s text cut into pieces at `cuts` (increasing character offsets, the first 0),
/// escaped, with `marks` highlighted. A mark a cut or another mark's end crosses is closed
/// there and opened again after it (without its id), so the tags always nest. An insertion
/// point is drawn at its offset, inside the marks open there.
fn marked(source: &Source, marks: &[Mark], cuts: &[usize]) -> Vec<String> {
    let len = source.char_len();
    let clamp = |r: &Range<usize>| r.start.min(len)..r.end.clamp(r.start.min(len), len);
    let ranges: Vec<Range<usize>> = marks.iter().map(|m| clamp(&m.range)).collect();
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| (ranges[i].start, Reverse(ranges[i].end), i));
    let mut order = order.into_iter().peekable();
    let mut cuts = cuts.iter().skip(1).copied().peekable();
    let mut pieces = Vec::new();
    let mut out = String::new();
    let mut open: Vec<usize> = Vec::new();
    let mut chars = source.text.chars().peekable();
    for i in 0..=len {
        // Marks ending here close; the ones inside them that go on open again.
        if let Some(k) = open.iter().position(|&m| ranges[m].end <= i) {
            for _ in k..open.len() {
                out.push_str("</mark>");
            }
            let going_on: Vec<usize> = open.drain(k..).filter(|&m| ranges[m].end > i).collect();
            for m in going_on {
                marks[m].open(&mut out, false);
                open.push(m);
            }
        }
        // A new piece: the marks still open close before it and open again in it.
        while cuts.next_if(|&c| c <= i).is_some() {
            for _ in &open {
                out.push_str("</mark>");
            }
            pieces.push(std::mem::take(&mut out));
            for &m in &open {
                marks[m].open(&mut out, false);
            }
        }
        while let Some(m) = order.next_if(|&m| ranges[m].start <= i) {
            marks[m].open(&mut out, true);
            if ranges[m].is_empty() {
                out.push_str("</mark>");
            } else {
                open.push(m);
            }
        }
        if let Some(c) = chars.next() {
            push_char(&mut out, c, chars.peek().copied(), Mode::Body);
        }
    }
    for _ in &open {
        out.push_str("</mark>");
    }
    pieces.push(out);
    // Cuts past the end make empty pieces, so there is one per cut.
    pieces.resize(cuts.count() + pieces.len(), String::new());
    pieces
}

/// A span's text for a list or table cell: white space runs as one space (a span of nothing
/// but white space shows it: `␣`, `⏎`, `⇥`), hidden characters as markers, abridged to its
/// head and tail when long; `‸` when empty.
fn cell(span: &SpanInfo) -> String {
    let len = span.end.saturating_sub(span.start);
    if len == 0 {
        return "<span class=\"gap\" title=\"nothing here\">‸</span>".to_string();
    }
    if span.text.chars().all(char::is_whitespace) {
        let shown: String = span
            .text
            .chars()
            .map(|c| match c {
                '\n' => '⏎',
                '\t' => '⇥',
                '\r' => '␍',
                _ => '␣',
            })
            .collect();
        return format!("<span class=\"ws\">{shown}</span>");
    }
    let flat = |s: &str| one_line(s, false, |out, c| push_char(out, c, None, Mode::Line));
    abridged(span, flat, |len| {
        format!("<span class=\"more\">({len} chars)</span>")
    })
}

/// The page's head and the opening of its body.
fn start(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"duizhao {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n\
         </head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        line(title)
    );
}

/// The end of the page.
fn end(out: &mut String) {
    out.push_str("</body>\n</html>\n");
}

/// A siglum as a badge, its source's label as its tooltip.
fn siglum(s: &SourceInfo) -> String {
    format!(
        "<abbr class=\"siglum\" title=\"{}\">{}</abbr>",
        escaped(&s.label, Mode::Attr),
        line(s.siglum)
    )
}

/// A source's siglum and label.
fn named(s: &SourceInfo) -> String {
    format!("{} {}", siglum(s), line(&s.label))
}

/// A source's encoding, and what its text was extracted from (`html`) if anything.
fn encoding(s: &SourceInfo) -> String {
    match s.extracted {
        Some(from) => format!(
            "{} <span class=\"muted\">(article extracted from {})</span>",
            line(s.encoding),
            line(from)
        ),
        None => line(s.encoding),
    }
}

/// One fact of a source as a table cell.
type Fact = fn(&SourceInfo) -> String;

/// The sources' table: one column per source, a row per fact.
fn sources_table(out: &mut String, heads: &[&str], sources: &[&SourceInfo]) {
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
fn warnings(out: &mut String, sources: &[&SourceInfo]) {
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
fn hidden(out: &mut String, hidden: &Hidden) {
    if hidden.0.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<p class=\"hidden\">Hidden by the filter: {} ({}; <code>--show CLASS</code> shows them).</p>",
        hidden.total(),
        hidden.breakdown()
    );
}

/// The bar of class toggles, with each class's count.
fn toggles(out: &mut String, classes: &[(Class, usize)], links: &[(&str, &str)]) {
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
    hotspot_list(&mut out, report, langs);
    texts(&mut out, report, aligned, langs);
    out.push_str("</main>\n");
    end(&mut out);
    out
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
        let changes = match row.status {
            "moved" if row.old.is_none() => changes_list(&row.changes),
            "added" | "deleted" => row
                .new
                .as_ref()
                .or(row.old.as_ref())
                .map_or(String::new(), |u| cell(&u.span)),
            _ => {
                let mut cell = changes_list(&row.changes);
                if !row.hidden.0.is_empty() {
                    let _ = write!(
                        cell,
                        "<span class=\"hidden\">(hidden: {})</span>",
                        row.hidden.breakdown()
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
            row.status,
            unit(&row.old),
            unit(&row.new),
            row.status
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

/// The apparatus as a page: the sources, the places as a table (each row linking to its
/// place in the base text), then the base text (`base`, the source the places are spans of)
/// with each place highlighted, linking back to its row.
pub fn apparatus(report: &ApparatusReport, base: &Source) -> String {
    let mut out = String::new();
    let title = format!("Apparatus against {} · duizhao", report.base);
    start(&mut out, &title);
    let base_lang = lang(&base.text);
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
    out.push_str(
        "<nav class=\"bar\" aria-label=\"sections\"><a class=\"jump\" href=\"#places\">places</a>\
         <a class=\"jump\" href=\"#base\">base text</a></nav>\n<main>\n",
    );
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
                    .map(|(siglum, label)| {
                        format!(
                            "<abbr class=\"siglum\" title=\"{}\">{}</abbr>",
                            escaped(label, Mode::Attr),
                            line(siglum)
                        )
                    })
                    .collect();
                let class = r.class.map_or(String::new(), |c| {
                    format!(" <span class=\"chip c-{0}\">{0}</span>", c.name())
                });
                let text = match &r.first {
                    Some(span) if r.moved => format!(
                        "<em class=\"moved\">moved to line {}:</em> <span lang=\"{}\">{}</span>",
                        span.line,
                        lang(&span.source.text),
                        cell(span)
                    ),
                    Some(span) => format!(
                        "<span lang=\"{}\">{}</span>",
                        lang(&span.source.text),
                        cell(span)
                    ),
                    None => "<em class=\"omitted\">omitted</em>".to_string(),
                };
                let kind = if r.omitted {
                    " class=\"omitted\""
                } else if r.moved {
                    " class=\"moved\""
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

/// A span in bold with `CONTEXT` characters either side.
fn context(span: &SpanInfo) -> String {
    let (before, after) = span.context();
    let shown = |s: &str| escaped(&s.replace(char::is_whitespace, " "), Mode::Line);
    let (before, after) = (shown(before), shown(after));
    format!("{before}<b>{}</b>{after}", cell(span))
}

/// The page's style: system fonts only (CJK stacks), the classes' colours, the toggles, print.
const STYLE: &str = r#"
:root {
  --ui: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans", sans-serif;
  --serif: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", serif;
  --line: #d0d4dc;
  --muted: #6b7280;
  color-scheme: light;
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 var(--ui); color: #1f2328; background: #fff; }
header, main { padding: 0 1rem; }
h1 { font-size: 1.35rem; margin: .8rem 0 .5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
code { font: .9em ui-monospace, "Noto Sans Mono", "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
table { border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; }
thead th { white-space: nowrap; }
.sources th, .sources td { padding: .1rem .8rem .1rem 0; }
.sources thead th { color: var(--muted); font-weight: normal; }
.sources tbody th { color: var(--muted); font-weight: normal; }
.summary, .hidden { margin: .4rem 0; }
.hidden { color: var(--muted); }
.warnings { color: #9a3412; margin: .4rem 0; }
.ctl { font-size: .75em; color: #9a3412; background: #fff1e6; border: 1px dotted #c2410c; border-radius: 2px; }
.ws, .gap, .more, .line, .wit, .muted { color: var(--muted); }
abbr.siglum { display: inline-block; min-width: 1.5em; padding: 0 .3em; border: 1px solid #9ca3af; border-radius: 3px; text-align: center; text-decoration: none; font: 600 .8em/1.35 var(--ui); color: #1f2328; background: #fff; vertical-align: .1em; cursor: help; }
.readings .chip { font-size: .75em; margin-left: .3em; }
.bar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: nowrap; overflow-x: auto; gap: .5rem; align-items: center;
  height: 2.4rem; padding: 0 1rem; background: #f6f8fa; border-bottom: 1px solid var(--line); white-space: nowrap; }
.bar .jump { margin-left: .5rem; color: #0550ae; }
.chip { display: inline-block; padding: 0 .45em; border-radius: .6em; background: var(--hl, #eee); white-space: nowrap; font-size: .9em; }
label.chip { cursor: pointer; user-select: none; }
label.chip input { margin: 0 .15em 0 0; vertical-align: -1px; }
.count { color: #374151; font-variant-numeric: tabular-nums; }
.c-wording { --hl: #ffd966; }
.c-punctuation { --hl: #a9d8ff; }
.c-spacing { --hl: #d8cbff; }
.c-moved { --hl: #9fe6da; }
.c-form { --hl: #dde1e6; }
.c-variant { --hl: #ffc2d4; }
.c-numbering { --hl: #ffcf99; }
.c-markup { --hl: #d6e9b0; }
.c-invisible { --hl: #f3b9b9; }
.c-place { --hl: #ffd966; }
mark.hl { background: var(--hl); color: inherit; border-radius: 2px; box-shadow: 0 0 0 1px color-mix(in srgb, var(--hl) 60%, #000 25%); scroll-margin: 5.5rem 0 3rem; }
tr { scroll-margin-top: 5rem; }
mark.hl mark.hl { box-shadow: 0 0 0 1px #0006; }
mark.k-only-left, mark.k-only-right { text-decoration: underline 1px dotted #0008; text-underline-offset: 3px; }
mark.c-spacing { box-shadow: 0 0 0 1px #6d28d9; }
mark.gap { background: none; box-shadow: none; }
mark.gap::after { content: "‸"; color: #b91c1c; font-weight: bold; background: var(--hl); border-radius: 2px; padding: 0 1px; }
mark.k-omitted { text-decoration: underline 2px dotted #9a3412; text-underline-offset: 4px; }
mark:target { outline: 2px solid #dc2626; outline-offset: 2px; }
tr:target > td { background: #fff7d6; }
.note { font: 600 .62em/1 var(--ui); vertical-align: super; color: #0550ae; text-decoration: none; margin: 0 1px; user-select: none; }
a { color: #0550ae; }
.list, .places, .units { width: 100%; font-size: .95em; }
.list th, .list td, .places th, .places td, .units th, .units td { padding: .2rem .5rem; border-bottom: 1px solid #eaecef; }
.chunk { content-visibility: auto; contain-intrinsic-size: auto 1500px; }
table.head { position: sticky; top: 2.4rem; z-index: 1; background: #fff; }
.units thead th { position: sticky; top: 0; background: #fff; z-index: 1; }
.list thead th, .places thead th, .units thead th, .pair thead th { color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.list, .places { table-layout: fixed; }
col.cn { width: 3.2em; }
col.cclass { width: 7.5em; }
col.ckind { width: 6.5em; }
col.cln { width: 3.4em; }
col.carrow { width: 1.8em; }
col.cbase { width: 40%; }
.list td.kind, .list th:nth-child(3) { overflow: hidden; }
.list td a, .places td a { text-decoration: none; color: inherit; border-bottom: 1px dashed #0550ae88; }
.list td a:hover, .places td a:hover { background: #eef4ff; }
.n, .ln { text-align: right; color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
.arrow { color: var(--muted); }
.kind { color: var(--muted); white-space: nowrap; }
.list td, .places td, .units td { overflow-wrap: anywhere; }
.list td[lang], .places td[lang], .places span[lang] { font-family: var(--serif); }
.readings { list-style: none; margin: 0; padding: 0; }
.readings li + li { margin-top: .15rem; }
.readings li.omitted em, .readings li.moved em { color: #9a3412; }
.changes { margin: 0; padding-left: 1.1rem; }
.status { white-space: nowrap; }
.pair { width: 100%; table-layout: fixed; }
.pair thead th { white-space: normal; }
.pair col.lnc { width: 2.8rem; }
.pair td { padding: .35rem .5rem; border-bottom: 1px solid #eaecef; }
.pair td.ln { padding-right: .3rem; font-size: .8em; padding-top: .55rem; }
.pair td.tx + td.ln { border-left: 1px solid var(--line); }
.tx { white-space: pre-wrap; overflow-wrap: anywhere; font-family: var(--serif); font-size: 1.05rem; line-height: 1.75; }
.tx:lang(ja) { font-family: "Noto Serif CJK JP", "Source Han Serif JP", "Hiragino Mincho ProN", "Yu Mincho", "Noto Sans CJK JP", serif; }
.tx:lang(ko) { font-family: "Noto Serif CJK KR", "Source Han Serif KR", "Noto Sans CJK KR", "Malgun Gothic", serif; }
.base { max-width: 48rem; }
#base { padding-bottom: 3rem; }
body:has(#t-wording:not(:checked)) .c-wording.hl,
body:has(#t-punctuation:not(:checked)) .c-punctuation.hl,
body:has(#t-spacing:not(:checked)) .c-spacing.hl,
body:has(#t-moved:not(:checked)) .c-moved.hl,
body:has(#t-form:not(:checked)) .c-form.hl,
body:has(#t-variant:not(:checked)) .c-variant.hl,
body:has(#t-numbering:not(:checked)) .c-numbering.hl,
body:has(#t-markup:not(:checked)) .c-markup.hl,
body:has(#t-invisible:not(:checked)) .c-invisible.hl { background: none; box-shadow: none; text-decoration: none; outline: none; }
body:has(#t-wording:not(:checked)) :is(.c-wording.gap, .c-wording.note, tr.c-wording),
body:has(#t-punctuation:not(:checked)) :is(.c-punctuation.gap, .c-punctuation.note, tr.c-punctuation),
body:has(#t-spacing:not(:checked)) :is(.c-spacing.gap, .c-spacing.note, tr.c-spacing),
body:has(#t-moved:not(:checked)) :is(.c-moved.gap, .c-moved.note, tr.c-moved),
body:has(#t-form:not(:checked)) :is(.c-form.gap, .c-form.note, tr.c-form),
body:has(#t-variant:not(:checked)) :is(.c-variant.gap, .c-variant.note, tr.c-variant),
body:has(#t-numbering:not(:checked)) :is(.c-numbering.gap, .c-numbering.note, tr.c-numbering),
body:has(#t-markup:not(:checked)) :is(.c-markup.gap, .c-markup.note, tr.c-markup),
body:has(#t-invisible:not(:checked)) :is(.c-invisible.gap, .c-invisible.note, tr.c-invisible) { display: none; }
@media (max-width: 40rem) {
  header, main { padding: 0 .5rem; }
  .bar { padding: 0 .5rem; }
  .pair col.lnc { width: 1.9rem; }
  .pair td { padding: .3rem .3rem; }
  .tx { font-size: 1rem; line-height: 1.65; }
  col.ckind { width: 0; }
  col.cclass { width: 5.2em; }
  .list .chip { font-size: .75em; }
  .list td.kind, .list th:nth-child(3) { padding: 0; font-size: 0; }
}
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10.5pt; }
  .bar { display: none; }
  table.head, .units thead th { position: static; }
  .chunk { content-visibility: visible; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; border: 0 !important; }
  mark:target, tr:target > td { outline: none; background: inherit; }
  mark.hl { box-shadow: none; border: 1px solid #0003; }
  #texts { break-before: page; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::collate::collate;
    use crate::engine::compare::{Filter, compare};
    use crate::engine::normalize::normalize;
    use crate::report::json::to_json;
    use crate::testkit::source;
    use std::collections::BTreeSet;

    /// Every `id="…"` of a page, in order.
    fn ids(html: &str) -> Vec<String> {
        attrs(html, " id=\"")
    }

    /// The values of an attribute (`prefix` up to its opening quote) in order.
    fn attrs(html: &str, prefix: &str) -> Vec<String> {
        html.split(prefix)
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_string)
            .collect()
    }

    /// The text of `html` with its tags removed and its entities read.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut tag = false;
        for c in html.chars() {
            match c {
                '<' => tag = true,
                '>' if tag => tag = false,
                c if !tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    /// The report and page of two texts, every class shown.
    fn page(a: &str, b: &str) -> (String, String) {
        let (l, r) = (source("a.txt", a), source("b.txt", b));
        let cmp = compare(a, b);
        let report = PairReport::new(Pair::new(&l, &r), &cmp, &Filter::all());
        let html = pair(&report, &Aligned::new(Pair::new(&l, &r), &cmp));
        (html, to_json(&report))
    }

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
    fn marks_crossing_cuts_and_nested_marks_stay_balanced() {
        let s = source("a.txt", "abcdefghij");
        let mark = |range: Range<usize>, id: &str| Mark {
            range,
            class: "wording",
            extra: String::new(),
            id: id.to_string(),
            title: String::new(),
            note: None,
        };
        let marks = [
            mark(1..8, "outer"),
            mark(2..4, "inner"),
            mark(3..6, "crossing"),
            mark(5..5, "gap"),
        ];
        let pieces = marked(&s, &marks, &[0, 4, 10]);
        assert_eq!(pieces.len(), 3);
        for p in &pieces {
            assert_eq!(
                p.matches("<mark").count(),
                p.matches("</mark>").count(),
                "{p}"
            );
            // Tags nest: never more closed than opened, reading left to right.
            let mut depth = 0i32;
            for (i, _) in p.match_indices('<') {
                if p[i..].starts_with("<mark") {
                    depth += 1;
                } else if p[i..].starts_with("</mark>") {
                    depth -= 1;
                }
                assert!(depth >= 0, "{p}");
            }
        }
        assert_eq!(text_of(&pieces.concat()), "abcdefghij");
        let all = pieces.concat();
        for id in ["outer", "inner", "crossing", "gap"] {
            assert_eq!(all.matches(&format!("id=\"{id}\"")).count(), 1, "{all}");
        }
        assert_eq!(text_of(&pieces[0]), "abcd");
        assert_eq!(pieces[2], "");
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

    #[test]
    fn crlf_is_one_line_break_and_a_bare_cr_is_shown() {
        assert_eq!(
            escaped("a\r\nb\rc", Mode::Body),
            "a\nb<span class=\"ctl\">⟨U+000D⟩</span>c"
        );
    }

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
    fn languages() {
        assert_eq!(lang("坚决反对一切霸权政治。"), "zh");
        assert_eq!(lang("吾輩は猫である。名前はまだ無い。"), "ja");
        assert_eq!(lang("대한민국 헌법"), "ko");
        assert_eq!(lang("The quick brown fox"), "");
    }

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
