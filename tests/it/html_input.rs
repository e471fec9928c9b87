//! Web pages as sources, on three saves of one 澎湃新闻 story (`../shared/corpus/news_html_zh`:
//! the article identical, menus, sidebars and scripts not): compared by their articles they
//! have no hotspot; `--raw` compares the markup and finds thousands; the extracted article is
//! the text of the page's article element, read by the test with its own plain tag stripping.

use crate::common;

use common::{TempDir, duizhao, path_arg};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/news_html_zh");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the news corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 3);
    pages
}

fn json(args: &[&str]) -> Value {
    let dir = TempDir::new("html-input");
    let out = duizhao(dir.path(), args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The text of the element starting at `from` in `html` (up to its matching `</div>`), tags
/// and scripts removed, the few entities the page uses decoded.
fn element_text(html: &str, from: usize) -> String {
    let rest = &html[from..];
    let mut depth = 0usize;
    let mut end = rest.len();
    let mut i = 0;
    while let Some(k) = rest[i..].find('<') {
        let at = i + k;
        if rest[at..].starts_with("<div") {
            depth += 1;
        } else if rest[at..].starts_with("</div") {
            depth -= 1;
            if depth == 0 {
                end = at;
                break;
            }
        }
        i = at + 1;
    }
    let mut body = &rest[..end];
    let mut text = String::new();
    while let Some(k) = body.find('<') {
        text.push_str(&body[..k]);
        let tag = &body[k..];
        let skip_to = if tag.starts_with("<script") {
            tag.find("</script>").map(|e| e + "</script>".len())
        } else {
            tag.find('>').map(|e| e + 1)
        };
        body = &tag[skip_to.unwrap_or(tag.len())..];
    }
    text.push_str(body);
    text.replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn solid(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_extracted_article_is_the_pages_article_text() {
    for page in pages() {
        let html = std::fs::read_to_string(&page).expect("a UTF-8 page");
        let sources = duizhao::source::load_all(&[&page]).expect("the page loads");
        let text = &sources[0].text;
        assert_eq!(sources[0].extracted, Some("html"));
        // The title first, then a blank line.
        let title = html
            .split_once("<title>")
            .and_then(|(_, t)| t.split_once("</title>"))
            .map(|(t, _)| t.trim())
            .expect("a <title>");
        let (first, body) = text.split_once("\n\n").expect("title, then the body");
        assert_eq!(first, title);
        let start = html
            .find("<div class=\"news_txt\"")
            .expect("the article element");
        let expected = element_text(&html, start);
        assert!(solid(&expected).chars().count() > 1000);
        assert_eq!(solid(body), solid(&expected), "{}", page.display());
        // Paragraphs are kept as lines.
        assert!(body.lines().count() > 40, "{body}");
        assert!(!text.contains('<'), "markup left in the article");
    }
}

#[test]
fn three_saves_of_one_story_have_no_hotspot_by_article_and_thousands_raw() {
    let pages = pages();
    let all: Vec<&str> = pages.iter().map(|p| path_arg(p)).collect();
    for right in ["2", "3"] {
        let mut args = vec!["--report", "json", "--show", "all", "--right", right];
        args.extend(&all);
        let report = json(&args);
        assert_eq!(report["left"]["extracted"], "html");
        assert_eq!(report["right"]["extracted"], "html");
        assert_eq!(report["left"]["encoding"], "UTF-8");
        assert_eq!(
            report["hotspots"].as_array().map(Vec::len),
            Some(0),
            "{}",
            report["hotspots"]
        );
        assert_eq!(report["similarity"], 1.0);
        args.push("--raw");
        let raw = json(&args);
        assert!(raw["left"].get("extracted").is_none());
        let wording = raw["hotspots"]
            .as_array()
            .expect("hotspots")
            .iter()
            .filter(|h| h["class"] == "wording")
            .count();
        assert!(wording > 50, "raw pages differ in their menus: {wording}");
    }
}

#[test]
fn a_page_without_an_article_is_an_error_naming_it() {
    let dir = TempDir::new("html-empty");
    let page = dir.path().join("empty.html");
    std::fs::write(&page, "<!DOCTYPE html><html><head><title>x</title></head><body><nav><a href=/>首页</a></nav></body></html>").expect("write");
    let other = dir.path().join("b.txt");
    std::fs::write(&other, "正文。\n").expect("write");
    let out = duizhao(
        dir.path(),
        &["--report", "json", path_arg(&page), path_arg(&other)],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "duizhao: {}: web page with no article",
            path_arg(&page)
        )),
        "{err}"
    );
    // --raw compares it as text.
    let out = duizhao(
        dir.path(),
        &[
            "--report",
            "json",
            "--raw",
            path_arg(&page),
            path_arg(&other),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An article inside 100,000 nested `<div>`s (and one inside 50,000 unclosed pairs of
/// elements) is still read: its sentences are all there, with nothing else, and the one word
/// changed between two such pages is the one hotspot. (How long it takes is a benchmark's
/// business: `cargo bench --bench report -- deep`.)
#[test]
fn an_article_nested_a_hundred_thousand_deep_is_read() {
    let dir = TempDir::new("deep-pages");
    let sentence = "这是一篇新闻报道的正文，讲述了某地发生的事情。";
    let page = |word: &str, open: &str, close: &str, depth: usize| {
        format!(
            "<html><head><title>标题</title></head><body>{}<article><p>{}</p><p>{}</p></article>{}</body></html>",
            open.repeat(depth),
            sentence.repeat(20),
            sentence.replace("某地", word).repeat(5),
            close.repeat(depth)
        )
    };
    let a = dir.write(
        "a.html",
        page("某地", "<div>", "</div>", 100_000).as_bytes(),
    );
    let b = dir.write(
        "b.html",
        page("此地", "<div><section>", "", 50_000).as_bytes(),
    );
    let v = json(&["--report", "json", path_arg(&a), path_arg(&b)]);
    let chars = |side: &str| v[side]["chars"].as_u64().expect("chars") as usize;
    // The title and the 25 sentences, give or take the line breaks between them.
    let text = "标题".chars().count() + 25 * sentence.chars().count();
    for side in ["left", "right"] {
        assert!(
            (text..text + 8).contains(&chars(side)),
            "{side}: {} characters, {text} in the article",
            chars(side)
        );
    }
    let hotspots = v["hotspots"].as_array().expect("hotspots");
    assert_eq!(hotspots.len(), 5, "{v}");
    assert!(
        hotspots
            .iter()
            .all(|h| h["left"]["text"] == "某地" && h["right"]["text"] == "此地"),
        "{v}"
    );
}

/// A short saved page whose `<meta charset>` says GBK (`学校`, whose two GBK characters are
/// also valid UTF-8) or Big5 (`中文`, which the detector alone takes for Thai) is read in the
/// encoding it declares: its article is the same text as a UTF-8 file of it (no hotspot), while
/// `--raw` (the file as text, its charset undeclared to the detector) reads it otherwise.
#[test]
fn a_declared_charset_wins_over_detection() {
    let dir = TempDir::new("declared-charset");
    for (word, label, encoding) in [
        ("学校", "gbk", encoding_rs::GBK),
        ("中文", "big5", encoding_rs::BIG5),
    ] {
        let page = format!(
            "<html><head><meta charset=\"{label}\"><title>{word}</title></head>\
             <body><article><p>{word}</p></article></body></html>\n"
        );
        let (bytes, _, unmappable) = encoding.encode(&page);
        assert!(!unmappable);
        let html = dir.write(&format!("{label}.html"), &bytes);
        let text = dir.write(
            &format!("{label}.txt"),
            format!("{word}\n\n{word}\n").as_bytes(),
        );
        let v = json(&["--report", "json", path_arg(&html), path_arg(&text)]);
        assert_eq!(v["left"]["encoding"], encoding.name(), "{v}");
        assert_eq!(v["hotspots"].as_array().map(Vec::len), Some(0), "{v}");
        let raw = json(&[
            "--report",
            "json",
            "--raw",
            path_arg(&html),
            path_arg(&html),
        ]);
        assert_ne!(
            raw["left"]["encoding"],
            encoding.name(),
            "the detector alone reads {label} right: the test proves nothing"
        );
    }
}
