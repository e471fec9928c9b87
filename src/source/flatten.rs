//! Deep nesting flattened before a page is parsed: an element opened deeper than
//! [`MAX_DEPTH`] loses its tags (its content stays, as text of the element around it), as
//! Blink's HTML parser makes elements past its depth limit siblings instead of children.
//!
//! Readability scores a node by walking its ancestors, so its work grows with the number of
//! elements times their depth: an article inside 16,000 nested `<div>`s took seconds, 100,000
//! minutes. No real page nests near the cap (saved news pages nest 12 to 40 deep); with it, the
//! work of extraction grows linearly with the page.
//!
//! The scan is one pass over the tags, with the end tags HTML implies where pages leave them
//! out (`<p>`, `<li>`, `<td>` and their kin close the open one of their kind; a block closes an
//! open `<p>`), so that a page of unclosed paragraphs or cells is not taken for a deep one.
//! Comments, doctypes and `<script>`, `<style>`, `<textarea>` and `<title>` elements pass
//! through unread and whole, however deep.

use std::borrow::Cow;

/// Elements opened deeper than this lose their tags.
pub const MAX_DEPTH: usize = 96;

/// How far down the open elements an end tag or an implied end looks for its element (a
/// stray end tag never makes the scan read the whole stack).
const LOOK_DOWN: usize = 16;

/// Elements that never have content.
const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content is raw text, up to their end tag.
const RAW: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Elements whose start closes an open element of the same kind (their end tags may be left
/// out): each entry is one kind.
const KINDS: [&[&str]; 7] = [
    &["p"],
    &["li"],
    &["dt", "dd"],
    &["td", "th"],
    &["tr"],
    &["option", "optgroup"],
    &["thead", "tbody", "tfoot"],
];

/// Elements whose start closes an open `<p>`.
const CLOSES_P: [&str; 26] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "section",
    "table",
    "ul",
];

/// The kind an element belongs to in [`KINDS`], if any.
fn kind(name: &str) -> Option<usize> {
    KINDS.iter().position(|k| k.contains(&name))
}

/// An open element: its lower-case name, and whether its tags were kept.
struct Open {
    name: String,
    kept: bool,
}

/// `html` with the tags of every element opened deeper than [`MAX_DEPTH`] left out (borrowed
/// when there are none).
pub fn flatten_deep(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    // The parts of `html` dropped, in order.
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr(b'<', &bytes[i..]) {
        let at = i + k;
        let rest = &html[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment.find("-->").map_or(bytes.len(), |e| at + 4 + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(bytes.len(), |e| at + e + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = at + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // A `<` that opens no tag is text.
            i = at + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len);
        if closing {
            let depth = open.len();
            let found = open
                .iter()
                .rev()
                .take(LOOK_DOWN)
                .position(|o| o.name == name)
                .map(|p| depth - 1 - p);
            if let Some(f) = found {
                if !open[f].kept {
                    dropped.push((at, end));
                }
                open.truncate(f);
            }
            i = end;
            continue;
        }
        // Ends the tag's start implies.
        if let Some(k) = kind(&name) {
            let depth = open.len();
            if let Some(p) = open
                .iter()
                .rev()
                .take(LOOK_DOWN)
                .position(|o| kind(&o.name) == Some(k))
            {
                open.truncate(depth - 1 - p);
            }
        }
        if CLOSES_P.contains(&name.as_str()) && open.last().is_some_and(|o| o.name == "p") {
            open.pop();
        }
        if RAW.contains(&name.as_str()) {
            // Its text runs to its end tag, unread. It holds no element, so it is never deep
            // enough to lose its tags (and a script's text never becomes the page's).
            let close = format!("</{name}");
            i = find_ascii_ci(&bytes[end..], close.as_bytes())
                .map_or(bytes.len(), |e| tag_end(bytes, end + e + close.len()));
            continue;
        }
        let kept = open.len() < MAX_DEPTH;
        if !kept {
            dropped.push((at, end));
        }
        i = end;
        if !VOID.contains(&name.as_str()) && !bytes[..end].ends_with(b"/>") {
            open.push(Open { name, kept });
        }
    }
    if dropped.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (s, e) in dropped {
        out.push_str(&html[from..s]);
        from = e;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// Where the tag whose name ends at `from` ends: after its `>` (outside quoted attribute
/// values), or at the end of the text.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes[from..].iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return from + k + 1,
            None => {}
        }
    }
    bytes.len()
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// The first place `needle` (lower-case ASCII) occurs in `haystack`, in any case.
fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize, inner: &str) -> String {
        format!("{}{inner}{}", "<div>".repeat(depth), "</div>".repeat(depth))
    }

    #[test]
    fn shallow_pages_pass_through_untouched() {
        let page = "<html><head><title>a<b</title><script>if (a<b) x='</div>';</script></head>\
                    <body><!-- <div> --><p>one<p>two<ul><li>x<li>y</ul><table><tr><td>1<td>2\
                    <tr><td>3</table></body></html>";
        assert!(matches!(flatten_deep(page), Cow::Borrowed(_)));
        // The `<p>` is the cap's element: the deepest kept.
        let page = nested(MAX_DEPTH - 1, "<p>text</p>");
        assert!(matches!(flatten_deep(&page), Cow::Borrowed(_)));
        let page = nested(MAX_DEPTH, "<p>text</p>");
        assert_eq!(flatten_deep(&page), nested(MAX_DEPTH, "text"));
    }

    #[test]
    fn elements_past_the_cap_lose_their_tags_and_keep_their_text() {
        let depth = MAX_DEPTH + 50;
        let page = nested(depth, "<p class=\"a>b\">text</p>");
        let flat = flatten_deep(&page);
        // The cap's worth of `<div>`s, their ends, and the text; the deeper tags gone (the
        // `<p>` is one of them).
        assert_eq!(flat.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH);
        assert!(!flat.contains("<p"), "{flat}");
        assert!(flat.contains(">text<"), "{flat}");
    }

    #[test]
    fn unclosed_paragraphs_cells_and_items_are_not_depth() {
        // Thousands of paragraphs, cells and items left unclosed, as old pages write them:
        // each closes the one before, so nothing is deep.
        let page = format!(
            "<body><div>{}<table><tr>{}</table><ul>{}</ul></div></body>",
            "<p>para".repeat(3000),
            "<td>cell".repeat(3000),
            "<li>item".repeat(3000)
        );
        assert!(matches!(flatten_deep(&page), Cow::Borrowed(_)));
    }

    #[test]
    fn stray_end_tags_and_lone_angles_are_text_or_ignored() {
        let page = format!(
            "a < b {}</span></i>{}",
            "</div>".repeat(100),
            nested(3, "x")
        );
        assert!(matches!(flatten_deep(&page), Cow::Borrowed(_)));
    }
}
