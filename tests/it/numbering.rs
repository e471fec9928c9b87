//! One numbering of the hotspots: the viewer's `hotspot I/N`, `n`, `:#I` and the list count and
//! number the hotspots as the reports do. For every version pair of the shared corpus's laws
//! (反垄断法 2007/2022 has a moved sentence with a variant inside it) and every pair of the
//! samples, the expected list is the JSON report the binary prints (`hotspots[I-1]`), and the
//! Markdown and HTML reports of the same pair are read back against it.

use crate::common;

use common::{duizhao, path_arg};
use duizhao::engine::compare::Stop;
use duizhao::pair::{Pair, Side};
use duizhao::source::{Source, load_all, samples};
use duizhao::testkit::{corpus, press};
use duizhao::text::width::Widths;
use duizhao::viewer::app::App;
use serde_json::Value;
use std::path::PathBuf;

/// A pair to check: its name, the arguments that make the binary compare it, and its sources
/// with the two shown.
struct Case {
    name: String,
    args: Vec<String>,
    sources: Vec<Source>,
    shown: Pair<usize>,
}

/// Every pair of versions of one law in `laws_zh` (file names `NAME(DATE).md`), and every pair
/// of the samples.
fn cases() -> Vec<Case> {
    let dir = corpus("laws_zh");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the shared corpus")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let law = |p: &PathBuf| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        name.split('(').next().unwrap_or_default().to_string()
    };
    let mut out = Vec::new();
    for (i, a) in files.iter().enumerate() {
        for b in files[i + 1..].iter().filter(|b| law(b) == law(a)) {
            out.push(Case {
                name: format!("{} ↔ {}", a.display(), b.display()),
                args: vec![path_arg(a).to_string(), path_arg(b).to_string()],
                sources: load_all(&[a, b]).expect("the corpus loads"),
                shown: Pair::new(0, 1),
            });
        }
    }
    let n = samples().len();
    for a in 0..n {
        for b in a + 1..n {
            out.push(Case {
                name: format!("samples {} ↔ {}", a + 1, b + 1),
                args: [
                    "--left",
                    &(a + 1).to_string(),
                    "--right",
                    &(b + 1).to_string(),
                ]
                .map(String::from)
                .to_vec(),
                sources: samples(),
                shown: Pair::new(a, b),
            });
        }
    }
    out
}

/// The binary's report of `case` in `format`.
fn report(case: &Case, format: &str) -> String {
    let mut args = vec!["--report", format];
    args.extend(case.args.iter().map(String::as_str));
    let out = duizhao(&std::env::temp_dir(), &args);
    assert!(out.status.success(), "{}: {out:?}", case.name);
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The `I/N` of the viewer's status bar, `-` for no current hotspot.
fn status(app: &App) -> (String, usize) {
    let status = app.hotspot_status();
    let field = status.strip_prefix("hotspot ").unwrap_or_default();
    let (i, n) = field.split_once('/').unwrap_or_default();
    (i.to_string(), n.parse().unwrap_or(usize::MAX))
}

/// A JSON hotspot's kind, class and spans, as the viewer's listed hotspot must have them.
fn json_hotspot(h: &Value) -> (String, String, [u64; 4]) {
    let n = |side: &str, end: &str| h[side][end].as_u64().unwrap_or(u64::MAX);
    (
        h["kind"].as_str().unwrap_or_default().to_string(),
        h["class"].as_str().unwrap_or_default().to_string(),
        [
            n("left", "start"),
            n("left", "end"),
            n("right", "start"),
            n("right", "end"),
        ],
    )
}

#[test]
fn the_viewer_counts_and_numbers_the_hotspots_as_the_reports_do() {
    let mut with_inner = Vec::new();
    for case in cases() {
        let json: Value = serde_json::from_str(&report(&case, "json")).expect("JSON");
        let hotspots = json["hotspots"].as_array().cloned().unwrap_or_default();
        let n = hotspots.len();
        let mut app = App::new(
            case.sources.clone(),
            case.shown,
            Widths::default(),
            (120, 40),
        );
        app.settle();
        // The count.
        assert_eq!(status(&app), ("-".to_string(), n), "{}", case.name);
        assert_eq!(app.view.comparison.stops().len(), n, "{}", case.name);
        // `:#k`: stop k is the report's k-th hotspot, and the status bar says k/N.
        for (k, expected) in hotspots.iter().enumerate().map(|(k, h)| (k + 1, h)) {
            app.go_to_stop(k);
            assert_eq!(status(&app), (k.to_string(), n), "{} #{k}", case.name);
            let cmp = &app.view.comparison;
            let stop = app.current_stop().expect("a current stop");
            let h = cmp.listed(stop);
            let kind = serde_json::to_value(h.kind).unwrap_or_default();
            let class = serde_json::to_value(h.class).unwrap_or_default();
            let got = (
                kind.as_str().unwrap_or_default().to_string(),
                class.as_str().unwrap_or_default().to_string(),
                [
                    h.span.left.start,
                    h.span.left.end,
                    h.span.right.start,
                    h.span.right.end,
                ]
                .map(|x| x as u64),
            );
            assert_eq!(got, json_hotspot(expected), "{} #{k}", case.name);
            if matches!(stop, Stop::Inner { .. }) {
                with_inner.push(case.name.clone());
                // The variant's reading at the place shown is in sight.
                let at = app.current.expect("a half of the move");
                let side = if cmp.moves.iter().any(|m| m.halves.left == at) {
                    Side::Left
                } else {
                    Side::Right
                };
                let reading = case.sources[*case.shown.get(side)].slice(h.span.get(side).clone());
                let rows: String = app
                    .visible_rows(side)
                    .iter()
                    .map(|r| r.text())
                    .collect::<String>()
                    .split_whitespace()
                    .collect();
                let reading: String = reading.split_whitespace().collect();
                assert!(rows.contains(&reading), "{} #{k}: {reading:?}", case.name);
            }
        }
        // `n` from the top visits them in the same order; past the last, the first.
        press(&mut app, "g");
        app.current = None;
        for k in 1..=n {
            press(&mut app, "n");
            assert_eq!(status(&app), (k.to_string(), n), "{} n ×{k}", case.name);
        }
        if n > 0 {
            press(&mut app, "n");
            assert_eq!(status(&app), ("1".to_string(), n), "{} wraps", case.name);
            press(&mut app, "p");
            assert_eq!(status(&app), (n.to_string(), n), "{} p wraps", case.name);
        }

        // Markdown: row k is hotspot k, with its kind and class.
        let markdown = report(&case, "markdown");
        let rows: Vec<Vec<&str>> = markdown
            .lines()
            .filter(|l| {
                l.starts_with("| ")
                    && l.split('|')
                        .nth(1)
                        .is_some_and(|c| c.trim().parse::<usize>().is_ok())
            })
            .map(|l| l.split('|').map(str::trim).collect())
            .collect();
        assert_eq!(rows.len(), n, "{}: Markdown rows", case.name);
        for (k, (row, h)) in rows.iter().zip(&hotspots).enumerate() {
            let (kind, class, _) = json_hotspot(h);
            assert_eq!(
                row[1..4],
                [(k + 1).to_string(), kind, class],
                "{}: Markdown row {}",
                case.name,
                k + 1
            );
        }

        // HTML: the list's entry `#k` and the highlights it links to are hotspot k's.
        let html = report(&case, "html");
        for (k, h) in hotspots.iter().enumerate().map(|(k, h)| (k + 1, h)) {
            let (kind, class, _) = json_hotspot(h);
            let entry = format!("<tr id=\"i{k}\" class=\"c-{class}\"><td class=\"n\">{k}</td>");
            assert!(html.contains(&entry), "{}: no {entry}", case.name);
            for side in ["l", "r"] {
                let mark = format!("class=\"hl c-{class}");
                let id = format!("id=\"h{k}-{side}\"");
                let found = html.match_indices(&id).any(|(at, _)| {
                    let open = html[..at].rfind("<mark").unwrap_or(0);
                    html[open..at].contains(&mark) && html[open..at].contains(&format!("k-{kind}"))
                });
                assert!(found, "{}: no {class} {kind} mark {id}", case.name);
                assert!(
                    html.contains(&format!("href=\"#h{k}-{side}\"")),
                    "{}: the list does not link {id}",
                    case.name
                );
            }
        }
        assert!(
            !html.contains(&format!("id=\"i{}\"", n + 1)),
            "{}: more entries than the JSON's {n}",
            case.name
        );
    }
    // The laws hold a move with a variant inside (反垄断法 2007/2022), so the numbers after it
    // are checked where counting a move once alone would be one short.
    assert!(
        with_inner.iter().any(|name| name.contains("反垄断法")),
        "{with_inner:?}"
    );
}
