//! The Markdown reports read back by a CommonMark parser (`pulldown-cmark`, with GFM tables,
//! as GitHub and most viewers render them): each reading in bold or in a code span renders as
//! exactly the reading's text in the JSON report of the same run (white space runs as one
//! space, hidden characters as `⟨U+XXXX⟩`, by the test's own folding), whatever it holds:
//! `&#x202E;` (which must stay those characters, not become a right-to-left override),
//! backticks, `*`, `_`, `|`, CJK punctuation beside CJK text (where `**` is no emphasis), an
//! edge space; and a file named `&amp;.txt` keeps its name.

use crate::common::{TempDir, duizhao, path_arg};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

/// What a reading reads as in a Markdown cell, by the rule: white space runs one space (none
/// at the start), hidden characters as markers.
fn folded(text: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}') {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// The texts rendered in bold (`<strong>` or raw `<b>`) and in code spans, in order, and the
/// whole rendered text.
fn rendered(md: &str) -> (Vec<String>, Vec<String>, String) {
    let mut bold = Vec::new();
    let mut code = Vec::new();
    let mut all = String::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Strong) => current = Some(String::new()),
            Event::End(TagEnd::Strong) => bold.extend(current.take()),
            Event::InlineHtml(html) if &*html == "<b>" => current = Some(String::new()),
            Event::InlineHtml(html) if &*html == "</b>" => bold.extend(current.take()),
            Event::Html(html) | Event::InlineHtml(html) => {
                panic!("raw HTML other than <b> in the Markdown: {html:?}\n{md}")
            }
            Event::Text(t) => {
                all.push_str(&t);
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::Code(t) => {
                all.push_str(&t);
                code.push(t.to_string());
            }
            _ => {}
        }
    }
    (bold, code, all)
}

#[test]
fn readings_render_as_their_text() {
    let dir = TempDir::new("markdown-render");
    let a = "开头一段文字&#x202E;恶意&#x202C;中间一段文字`反引号`中间二段文字*星号*中间三段文字|竖线|结尾一段文字，标点符号之后的文字 尾巴 。\n";
    let b = "开头一段文字其他中间一段文字别的中间二段文字另外中间三段文字又一结尾一段文字。标点符号之后的文字尾巴。\n";
    let pa = dir.write("&amp;.txt", a.as_bytes());
    let pb = dir.write("b.txt", b.as_bytes());
    let run = |format: &str| {
        let out = duizhao(
            dir.path(),
            &["--report", format, path_arg(&pa), path_arg(&pb)],
        );
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let json: Value = serde_json::from_str(&run("json")).expect("JSON");
    let md = run("markdown");
    let (bold, _, all) = rendered(&md);
    assert!(all.contains("&amp;.txt"), "the file name is kept:\n{all}");
    assert!(
        !all.contains('\u{202E}'),
        "an entity became a character:\n{all}"
    );
    let expected: Vec<String> = json["hotspots"]
        .as_array()
        .expect("hotspots")
        .iter()
        .flat_map(|h| {
            ["left", "right"].map(|side| h[side]["text"].as_str().unwrap_or("").to_string())
        })
        .filter(|t| !t.is_empty())
        .map(|t| folded(&t))
        .collect();
    assert!(expected.len() >= 8, "{expected:?}");
    assert!(
        expected.iter().any(|t| t.contains("&#x202E;")),
        "{expected:?}"
    );
    assert_eq!(bold, expected, "\n{md}");
}

#[test]
fn units_changes_render_as_their_text() {
    let dir = TempDir::new("markdown-units");
    let a = "第一条 甲`乙`丙丁。\n第二条 戊己*庚*辛。\n第三条 其他。\n";
    let b = "第一条 甲|乙|丙丁。\n第二条 戊己_庚_辛。\n第三条 其他。\n";
    let pa = dir.write("a.txt", a.as_bytes());
    let pb = dir.write("b.txt", b.as_bytes());
    let run = |format: &str| {
        let out = duizhao(
            dir.path(),
            &["--report", format, "--units", path_arg(&pa), path_arg(&pb)],
        );
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let json: Value = serde_json::from_str(&run("json")).expect("JSON");
    let md = run("markdown");
    let (_, code, _) = rendered(&md);
    let mut expected = Vec::new();
    for unit in json["units"].as_array().expect("units") {
        for h in unit["changes"].as_array().into_iter().flatten() {
            let text = |side: &str| h[side]["text"].as_str().unwrap_or("").to_string();
            match h["kind"].as_str() {
                Some("changed") | Some("moved") => {
                    expected.push(folded(&text("left")));
                    if h["kind"] == "changed" {
                        expected.push(folded(&text("right")));
                    }
                }
                Some("only-left") => expected.push(folded(&text("left"))),
                _ => expected.push(folded(&text("right"))),
            }
        }
    }
    assert!(expected.len() >= 2, "{expected:?}\n{md}");
    assert!(expected.iter().any(|t| t.contains('`')), "{expected:?}");
    assert_eq!(code, expected, "\n{md}");
}
