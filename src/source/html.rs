//! Web pages as sources: a saved page is reduced to its article — the title, then the body
//! text with a blank line between paragraphs — before it is compared, as news-revision
//! trackers do (NewsDiffs, diffengine). Menus, sidebars, scripts and markup, which differ
//! between two saves of one story in thousands of lines, are left out.
//!
//! The article is found by `dom_smoothie` (MIT), a port of Mozilla's Readability. A file is a
//! page when its name ends in `.html`, `.htm`, `.xhtml` or `.shtml`, or when its text starts
//! (after white space and comments) with `<!DOCTYPE html`, `<html` or `<head`. It is decoded
//! as a browser would: by its byte-order mark, else by the charset its `<meta>` declares in
//! its first [`PRESCAN_BYTES`], else by detection as any other file. Offsets and lines then
//! refer to the extracted text; `--raw` compares the file's own text instead.

use super::decode::{Decoded, decode, invalid_warning};
use super::error::{Error, ErrorKind};
use super::{Source, too_large};

/// How far into a page its `<meta charset>` is looked for (the HTML standard's prescan reads
/// 1024 bytes; pages put long `<meta>` lists and comments first, so a little more is read).
pub const PRESCAN_BYTES: usize = 4096;

/// The file-name endings of web pages.
const EXTENSIONS: [&str; 4] = ["html", "htm", "xhtml", "shtml"];

/// Whether the file `name` holding `bytes` is a web page.
pub fn is_page(name: &str, bytes: &[u8]) -> bool {
    let by_name = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)));
    by_name || sniffs_as_page(bytes)
}

/// Whether `bytes` start like an HTML document: after a byte-order mark, white space and
/// comments, `<!DOCTYPE html`, `<html` or `<head` (any case).
fn sniffs_as_page(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    loop {
        rest = rest.trim_ascii_start();
        if rest.starts_with(b"<!--") {
            match find(rest, b"-->") {
                Some(end) => rest = &rest[end + 3..],
                None => return false,
            }
            continue;
        }
        if rest.starts_with(b"<?xml") {
            match find(rest, b"?>") {
                Some(end) => rest = &rest[end + 2..],
                None => return false,
            }
            continue;
        }
        break;
    }
    let head: Vec<u8> = rest.iter().take(14).map(u8::to_ascii_lowercase).collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html") || head.starts_with(b"<head")
}

/// The first position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The encoding a page declares in a `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` in its first [`PRESCAN_BYTES`]. A declared UTF-16 means UTF-8 (a
/// page in UTF-16 carries a byte-order mark; the declaration was written in ASCII).
pub fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head: Vec<u8> = bytes
        .iter()
        .take(PRESCAN_BYTES)
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut at = 0;
    while let Some(start) = find(&head[at..], b"<meta") {
        let tag_start = at + start;
        let tag_end = head[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        if let Some(k) = find(tag, b"charset") {
            let value = tag[k + 7..]
                .trim_ascii_start()
                .strip_prefix(b"=")
                .map(|v| v.trim_ascii_start());
            if let Some(value) = value {
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let end = value
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b' ' | b'>'))
                    .unwrap_or(value.len());
                if let Some(encoding) = encoding_rs::Encoding::for_label(&value[..end]) {
                    return Some(
                        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                            encoding_rs::UTF_8
                        } else {
                            encoding
                        },
                    );
                }
            }
        }
        at = tag_end;
    }
    None
}

/// Decodes a page: by its byte-order mark, else by its declared charset, else by detection.
fn decode_page(bytes: &[u8]) -> Result<Decoded, ErrorKind> {
    let declared = declared_encoding(bytes);
    match (encoding_rs::Encoding::for_bom(bytes), declared) {
        (None, Some(encoding)) => {
            let (text, malformed) = encoding.decode_without_bom_handling(bytes);
            Ok(Decoded {
                warnings: invalid_warning(malformed, &text, encoding.name()),
                text: text.into_owned(),
                encoding: encoding.name(),
            })
        }
        _ => decode(bytes).map_err(ErrorKind::Binary),
    }
}

/// The article of the page `bytes` (file `name`, given as `path`): its title, a blank line,
/// then its paragraphs with a blank line between them.
pub fn article_source(name: &str, path: &str, bytes: &[u8]) -> Result<Source, Error> {
    if bytes.len() as u64 > super::MAX_SOURCE_BYTES {
        return Err(Error::new(path, too_large(Some(bytes.len() as u64))));
    }
    let decoded = decode_page(bytes).map_err(|kind| Error::new(path, kind))?;
    let text = article(&decoded.text).map_err(|why| Error::new(path, ErrorKind::NoArticle(why)))?;
    let mut source = Source::from_text(name, path, decoded.encoding, text, decoded.warnings);
    source.extracted = Some("html");
    Ok(source)
}

/// The article text of the page `html`, or why none was found.
pub fn article(html: &str) -> Result<String, String> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    // Nesting past a cap is flattened first: Readability's work grows with depth.
    let html = super::flatten::flatten_deep(html);
    let mut readability =
        dom_smoothie::Readability::new(&*html, None, Some(config)).map_err(|e| e.to_string())?;
    let found = readability.parse().map_err(|e| e.to_string())?;
    let body = paragraphs(&found.text_content);
    if body.is_empty() || !text_outside_links(&found.content) {
        // A page of links only (a menu, an error page) has no article.
        return Err("only links and menus".to_string());
    }
    let title = crate::text::sanitize::folded(&found.title);
    Ok(if title.is_empty() {
        format!("{body}\n")
    } else {
        format!("{title}\n\n{body}\n")
    })
}

/// Whether the article's HTML `content` has text outside its links (`<a>` elements).
fn text_outside_links(content: &str) -> bool {
    let mut rest = content;
    let mut in_link = 0usize;
    while let Some(k) = rest.find('<') {
        if in_link == 0 && rest[..k].chars().any(|c| !c.is_whitespace()) {
            return true;
        }
        let tag = &rest[k..];
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        let name = tag[1..end]
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or("");
        if name.eq_ignore_ascii_case("a") {
            if tag.starts_with("</") {
                in_link = in_link.saturating_sub(1);
            } else if !tag[..end].ends_with("/>") {
                in_link += 1;
            }
        }
        rest = &tag[end..];
    }
    in_link == 0 && rest.chars().any(|c| !c.is_whitespace())
}

/// The extracted text with its line breaks kept, white space at line ends trimmed, and runs of
/// blank lines made one (a paragraph break).
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html><html><head><meta charset=\"gb2312\"><title>标题</title></head>\
        <body><nav><a href='/'>首页</a> <a href='/a'>国内</a></nav><article><h1>标题</h1>\
        <p>第一段：广州南沙国际邮轮母港将于十一月十七日正式开港，可停靠目前世界上最大的邮轮。\
        新邮轮母港距离地铁四号线南沙客运港站约五百米，是国内第一家实现与地铁无缝接驳的邮轮母港。</p>\
        <p>第二段：目前建设的一期工程岸线总长七百七十米，建成二十二点五万总吨和十万总吨邮轮泊位各一个，\
        以及建筑面积约六万平方米的航站楼，可停靠目前世界上最大的邮轮，年通过能力七十五万人次。</p>\
        <p>第三段：口岸查验通道数量位居国内前列，配合多种目前国内和国际上先进的智能化、科技化的查验设备，\
        可大大提高旅客的通关效率，整体通关效率将较目前提升百分之五十。</p></article>\
        <aside>相关新闻 另一条新闻的标题</aside><script>var x = '脚本';</script></body></html>";

    #[test]
    fn pages_are_known_by_name_or_start() {
        assert!(is_page("a.HTM", b"plain"));
        assert!(is_page(
            "a.txt",
            b"\xEF\xBB\xBF  <!-- saved --> <!doctype HTML><p>"
        ));
        assert!(is_page("-", b"<?xml version='1.0'?>\n<html xmlns='x'>"));
        assert!(!is_page("a.md", b"# Title\n<div>inline html</div>"));
        assert!(!is_page("a.txt", b"<p>a fragment</p>"));
    }

    #[test]
    fn the_declared_charset_is_read() {
        let enc = |s: &str| declared_encoding(s.as_bytes()).map(|e| e.name());
        assert_eq!(enc("<meta charset=\"gb2312\">"), Some("GBK"));
        assert_eq!(
            enc("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=Shift_JIS'>"),
            Some("Shift_JIS")
        );
        assert_eq!(enc("<meta charset=utf-16>"), Some("UTF-8"));
        assert_eq!(enc("<meta name=charset content=x><p>charset=big5"), None);
    }

    #[test]
    fn the_article_is_title_and_paragraphs_without_the_page_around_it() {
        let (gbk, _, _) = encoding_rs::GBK.encode(PAGE);
        let s = article_source("p.html", "dir/p.html", &gbk).unwrap();
        assert_eq!(s.encoding, "GBK");
        assert_eq!(s.extracted, Some("html"));
        let lines: Vec<&str> = s.text.lines().collect();
        assert_eq!(lines[0], "标题");
        assert_eq!(lines[1], "");
        let firsts: Vec<&str> = s
            .text
            .split("\n\n")
            .skip(1)
            .map(|p| p.split('：').next().unwrap_or(""))
            .collect();
        assert_eq!(firsts, ["第一段", "第二段", "第三段"], "{}", s.text);
        for boilerplate in ["首页", "相关新闻", "脚本"] {
            assert!(!s.text.contains(boilerplate), "{boilerplate} in {}", s.text);
        }
    }

    #[test]
    fn a_page_without_an_article_is_an_error_naming_it() {
        let e = article_source("e.html", "x/e.html", b"<html><body></body></html>").unwrap_err();
        assert_eq!(e.input, "x/e.html");
        assert!(matches!(e.kind, ErrorKind::NoArticle(_)), "{e}");
        assert!(e.to_string().contains("--raw"), "{e}");
    }

    #[test]
    fn a_page_of_links_has_no_article() {
        assert!(!text_outside_links(
            "<div><nav><a href=\"/\">首页</a> <a>国内</a></nav></div>"
        ));
        assert!(text_outside_links(
            "<div><p>正文。<a href=x>链接</a></p></div>"
        ));
        assert!(text_outside_links("<p><a href=x>链接</a>正文</p>"));
        let nav = "<!DOCTYPE html><html><head><title>x</title></head><body><nav><a href=/>首页</a></nav></body></html>";
        assert_eq!(article(nav), Err("only links and menus".to_string()));
    }

    #[test]
    fn blank_lines_are_one_paragraph_break() {
        assert_eq!(paragraphs("\n\n a \n\n\n b\n c \n\n"), " a\n\n b\n c");
    }
}
