//! The `boilerplate` class from the outside: lines one source repeats (numbers aside) and the
//! other never has — a chapter footer, page numbers, a repeated title page — hidden by default
//! and counted, shown with `--show boilerplate`, and never hiding the renumbered heading beside
//! them. Every expectation is computed here from how the texts were made or from a line count
//! written apart from the engine.

use crate::common::{TempDir, duizhao, path_arg};
use duizhao::engine::compare::{Class, compare_normalized};
use duizhao::engine::normalize::normalize_named;
use duizhao::pair::Pair;
use duizhao::testkit::corpus;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// The chapters' texts: distinct lines of 千字文, so every chapter aligns by its text.
const BODIES: [&str; 10] = [
    "天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。",
    "寒来暑往，秋收冬藏。闰余成岁，律吕调阳。",
    "云腾致雨，露结为霜。金生丽水，玉出昆冈。",
    "剑号巨阙，珠称夜光。果珍李柰，菜重芥姜。",
    "海咸河淡，鳞潜羽翔。龙师火帝，鸟官人皇。",
    "始制文字，乃服衣裳。推位让国，有虞陶唐。",
    "吊民伐罪，周发殷汤。坐朝问道，垂拱平章。",
    "爱育黎首，臣伏戎羌。遐迩壹体，率宾归王。",
    "鸣凤在竹，白驹食场。化被草木，赖及万方。",
    "盖此身发，四大五常。恭惟鞠养，岂敢毁伤。",
];

/// The Chinese numeral for 1 to 10.
fn chinese(n: usize) -> String {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][n - 1].to_string()
}

const FOOTER: &str = "(本章完)";

/// Ten chapters: the left numbers them `第N章` and ends each with the footer, the right
/// numbers them `第N回` in Chinese numerals and has no footer. With the headings.
fn novel() -> (String, String, Vec<(String, String)>) {
    let (mut a, mut b, mut headings) = (String::new(), String::new(), Vec::new());
    for (i, body) in BODIES.iter().enumerate() {
        let (ha, hb) = (format!("第{}章", i + 1), format!("第{}回", chinese(i + 1)));
        a += &format!("{ha}\n\n{body}\n\n{FOOTER}\n\n");
        b += &format!("{hb}\n\n{body}\n\n");
        headings.push((ha, hb));
    }
    (a, b, headings)
}

/// The JSON report of two texts, with `args` before the files.
fn report(tmp: &TempDir, a: &str, b: &str, args: &[&str]) -> Value {
    let (pa, pb) = (
        tmp.write("a.txt", a.as_bytes()),
        tmp.write("b.txt", b.as_bytes()),
    );
    let mut all = vec!["--report", "json"];
    all.extend_from_slice(args);
    all.extend([path_arg(&pa), path_arg(&pb)]);
    let out = duizhao(tmp.path(), &all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

fn hotspots(v: &Value) -> Vec<&Value> {
    v["hotspots"].as_array().expect("hotspots").iter().collect()
}

fn text<'v>(h: &'v Value, side: &str) -> &'v str {
    h[side]["text"].as_str().expect("text")
}

#[test]
fn a_footer_ending_every_chapter_is_hidden_and_counted_and_the_headings_are_numbering() {
    let tmp = TempDir::new("boilerplate_footer");
    let (a, b, headings) = novel();
    let footers = a.lines().filter(|l| *l == FOOTER).count();
    assert_eq!(footers, BODIES.len());

    // By default: no hotspot holds the footer, and each is counted as hidden boilerplate.
    let v = report(&tmp, &a, &b, &[]);
    let shown = hotspots(&v);
    assert!(
        shown.iter().all(|h| !text(h, "left").contains("本章完")),
        "{shown:?}"
    );
    assert_eq!(v["hidden"]["boilerplate"].as_u64(), Some(footers as u64));
    assert!(
        !v["shown"]
            .as_array()
            .expect("shown")
            .contains(&"boilerplate".into())
    );

    // Every class: each chapter's heading pair is numbering, each footer boilerplate, and
    // nothing else differs.
    let v = report(&tmp, &a, &b, &["--show", "all"]);
    let got: Vec<(String, String, String)> = hotspots(&v)
        .iter()
        .map(|h| {
            (
                h["class"].as_str().unwrap_or_default().to_string(),
                text(h, "left").to_string(),
                text(h, "right").to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = headings
        .iter()
        .flat_map(|(ha, hb)| {
            [
                ("numbering".to_string(), ha.clone(), hb.clone()),
                ("boilerplate".to_string(), FOOTER.to_string(), String::new()),
            ]
        })
        .collect();
    assert_eq!(got, expected);
    // Each footer's span is the footer's own line in the left file.
    let lines: Vec<&str> = a.lines().collect();
    for h in hotspots(&v).iter().filter(|h| h["class"] == "boilerplate") {
        assert_eq!(h["kind"], "only-left");
        let line = h["left"]["line"].as_u64().expect("line") as usize;
        assert_eq!(lines[line - 1], FOOTER);
    }

    // `--show boilerplate` shows them beside the default classes; `--hide` hides them again.
    let v = report(&tmp, &a, &b, &["--show", "boilerplate"]);
    let classes: Vec<&str> = hotspots(&v)
        .iter()
        .filter_map(|h| h["class"].as_str())
        .collect();
    assert_eq!(classes, vec!["boilerplate"; footers]);
    let v = report(
        &tmp,
        &a,
        &b,
        &["--show", "all", "--hide", "boilerplate,numbering"],
    );
    assert!(hotspots(&v).is_empty(), "{v}");
    assert_eq!(v["hidden"]["boilerplate"].as_u64(), Some(footers as u64));
    assert_eq!(
        v["hidden"]["numbering"].as_u64(),
        Some(headings.len() as u64)
    );

    // The Markdown report counts the class as hidden too.
    let pa = tmp.write("a.txt", a.as_bytes());
    let pb = tmp.write("b.txt", b.as_bytes());
    let out = duizhao(
        tmp.path(),
        &["--report", "markdown", path_arg(&pa), path_arg(&pb)],
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains(&format!("{footers} boilerplate")), "{md}");
    // Shown, the HTML page marks each footer with the class and has its toggle; the TEI
    // apparatus of the pair types each place with it.
    let run = |format: &str| {
        let out = duizhao(
            tmp.path(),
            &[
                "--report",
                format,
                "--show",
                "boilerplate",
                path_arg(&pa),
                path_arg(&pb),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let html = run("html");
    assert!(html.contains("id=\"t-boilerplate\""), "{html}");
    assert!(html.contains(".c-boilerplate {"), "no colour for the class");
    let marks = html
        .matches("<mark class=\"hl c-boilerplate k-only-left\"")
        .count();
    assert_eq!(marks, footers);
    let tei = run("tei");
    assert_eq!(
        tei.matches("<app type=\"boilerplate\">").count(),
        footers,
        "{tei}"
    );
}

/// Page footers with a page number in them: each is one line, numbers aside.
#[test]
fn page_footers_with_numbers_are_boilerplate_numbers_aside() {
    let tmp = TempDir::new("boilerplate_pages");
    let (mut a, mut b) = (String::new(), String::new());
    let mut added = 0;
    for (i, body) in BODIES.iter().enumerate() {
        a += &format!("{body}\n");
        b += &format!("{body}\n");
        // Every other page has a dash footer, the others a `第 N 页` one.
        let footer = if i % 2 == 0 {
            format!("— {} —", i + 12)
        } else {
            format!("第 {} 页", i + 1)
        };
        b += &format!("{footer}\n");
        added += 1;
    }
    let v = report(&tmp, &a, &b, &[]);
    assert!(hotspots(&v).is_empty(), "{v}");
    assert_eq!(v["hidden"]["boilerplate"].as_u64(), Some(added));
    let v = report(&tmp, &a, &b, &["--show", "boilerplate"]);
    for h in hotspots(&v) {
        assert_eq!(h["kind"], "only-right");
        let t = text(h, "right");
        assert!(
            (t.starts_with("— ") && t.ends_with(" —"))
                || (t.starts_with("第 ") && t.ends_with(" 页")),
            "{t:?}"
        );
    }
    // Twice is not enough: a line the rule needs three times of stays a real difference.
    let two: String = b.lines().take(4).map(|l| format!("{l}\n")).collect();
    let a2: String = a.lines().take(2).map(|l| format!("{l}\n")).collect();
    let v = report(&tmp, &a2, &two, &[]);
    assert_eq!(v["hidden"]["boilerplate"].as_u64(), Some(0));
    assert_eq!(hotspots(&v).len(), 2, "{v}");
}

/// The lines of `text` (trimmed, non-empty) with each run of numerals written `#`, as the rule
/// reads them, counted: written apart from the engine, on the original lines.
fn fixed_parts(text: &str) -> HashMap<String, usize> {
    let numeral = |c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇一二三四五六七八九十百千".contains(c)
    };
    let mut out = HashMap::new();
    for line in text.lines() {
        let mut fixed = String::new();
        for c in line.trim().chars() {
            if !numeral(c) {
                fixed.push(c);
            } else if !fixed.ends_with('#') {
                fixed.push('#');
            }
        }
        if fixed.chars().filter(|&c| c != '#' && c != ' ').count() >= 2 {
            *out.entry(fixed).or_insert(0) += 1;
        }
    }
    out
}

/// Frankenstein's 1818 edition, in three volumes, repeats its title page at the head of each:
/// the title `FRANKENSTEIN; OR, THE MODERN PROMETHEUS.` and the three lines of the epigraph
/// from Paradise Lost (`Did I request thee, Maker, from my clay` …), three times each. The 1823
/// edition, in two volumes, has no epigraph and spells its title with a colon. So 1818 has 12
/// boilerplate lines against 1823, and 1823 none against 1818 (counted here line by line, on
/// the files). Each is a boilerplate hotspot of its own but the first title, which faces
/// 1823's own first line (the same, `;` against `:`: a difference of punctuation, shown):
/// 11 boilerplate hotspots, every one of them exactly one of those lines.
#[test]
fn frankenstein_1818_repeats_its_title_page_and_its_title_pages_are_boilerplate() {
    let read = |name: &str| {
        let bytes = std::fs::read(corpus(&format!("frankenstein/{name}"))).expect("corpus");
        duizhao::source::decode(&bytes).expect("decodes").text
    };
    let (a, b) = (read("1818.txt"), read("1823.txt"));
    let (fa, fb) = (fixed_parts(&a), fixed_parts(&b));
    let repeated = |here: &HashMap<String, usize>, there: &HashMap<String, usize>| {
        let mut lines: Vec<(String, usize)> = here
            .iter()
            .filter(|(l, n)| **n >= 3 && !there.contains_key(*l))
            .map(|(l, n)| (l.clone(), *n))
            .collect();
        lines.sort();
        lines
    };
    let (boiler_a, boiler_b) = (repeated(&fa, &fb), repeated(&fb, &fa));
    assert!(boiler_b.is_empty(), "{boiler_b:?}");
    let total: usize = boiler_a.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 12, "{boiler_a:?}");
    // The lines 1823 has too, punctuation aside: faced, so part of a change there.
    let faced = |line: &str| {
        let bare = |l: &str| l.trim().replace([';', ':'], "");
        b.lines().filter(|l| bare(l) == bare(line)).count()
    };
    let faced: usize = boiler_a.iter().map(|(l, _)| faced(l)).sum();
    assert_eq!(faced, 1);

    let norm = Pair::new(
        Arc::new(normalize_named("1818.txt", &a, None)),
        Arc::new(normalize_named("1823.txt", &b, None)),
    );
    let c = compare_normalized(norm);
    let slice = |t: &str, r: std::ops::Range<usize>| -> String {
        t.chars().skip(r.start).take(r.len()).collect()
    };
    let found: Vec<String> = c
        .hotspots
        .iter()
        .filter(|h| h.class == Class::Boilerplate)
        .map(|h| {
            assert!(h.span.right.is_empty(), "{h:?}");
            slice(&a, h.span.left.clone()).trim().to_string()
        })
        .collect();
    assert_eq!(found.len(), total - faced, "{found:?}");
    assert_eq!(c.counts()[Class::Boilerplate as usize], total - faced);
    for line in &found {
        assert!(boiler_a.iter().any(|(l, _)| l == line), "{line:?}");
    }
    // Every epigraph line, each of its three times.
    for (line, n) in boiler_a
        .iter()
        .filter(|(l, _)| !l.starts_with("FRANKENSTEIN"))
    {
        assert_eq!(found.iter().filter(|f| *f == line).count(), *n, "{line}");
    }
}
