//! The HTML form of a report: one self-contained page, rendered from the same models as the
//! JSON and the Markdown.
//!
//! * [`pair()`]: a header (the sources, the similarity, what the filter hides), class toggles,
//!   the list of hotspots, then the two texts side by side in rows cut where both begin
//!   corresponding lines ([`Aligned`](crate::sections::Aligned), from the view sections,
//!   [`crate::sections`]), every shown hotspot highlighted with an `id` the list links to and
//!   a number linking back to the list;
//! * [`apparatus()`]: the places as a table, and the base text with each place highlighted,
//!   linked both ways;
//! * [`units()`]: the pair unit by unit, old | new | status | changes.
//!
//! No request leaves the page: its style is inline, it has no script (the class toggles are
//! checkboxes that CSS reads with `:has()`), no font, no image, and its Content-Security-Policy
//! ([`CSP`]) allows nothing else. Everything from a source or a file name is escaped
//! (`& < > " '`), and control and invisible characters are shown as `⟨U+XXXX⟩` markers: nothing
//! from a source becomes markup or reaches the page as a control character.
//!
//! The modules: `escape` (escaping modes, marker elements, a span's text as a cell), `marked`
//! (highlights laid over a text, the tags always nesting), `chrome` (what every page shares:
//! its head and style, `page.css`, the sources' table, the toggles, chunks of long tables), and
//! a module per page: `pair`, `units`, `apparatus`.

mod apparatus;
mod chrome;
mod escape;
mod marked;
mod pair;
mod units;

pub use apparatus::apparatus;
pub use chrome::CSP;
pub use pair::pair;
pub use units::units;

/// What the pages' tests share: reading ids, links and text out of a page, and the page of
/// two texts.
#[cfg(test)]
mod tests {
    use super::pair;
    use crate::engine::compare::{Filter, compare};
    use crate::pair::Pair;
    use crate::report::PairReport;
    use crate::report::json::to_json;
    use crate::sections::Aligned;
    use crate::testkit::source;

    /// Every `id="…"` of a page, in order.
    pub(super) fn ids(html: &str) -> Vec<String> {
        attrs(html, " id=\"")
    }

    /// The values of an attribute (`prefix` up to its opening quote) in order.
    pub(super) fn attrs(html: &str, prefix: &str) -> Vec<String> {
        html.split(prefix)
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_string)
            .collect()
    }

    /// The text of `html` with its tags removed and its entities read.
    pub(super) fn text_of(html: &str) -> String {
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
    pub(super) fn page(a: &str, b: &str) -> (String, String) {
        let (l, r) = (source("a.txt", a), source("b.txt", b));
        let cmp = compare(a, b);
        let report = PairReport::new(Pair::new(&l, &r), &cmp, &Filter::all());
        let html = pair(&report, &Aligned::new(Pair::new(&l, &r), &cmp));
        (html, to_json(&report))
    }
}
