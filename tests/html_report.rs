//! The HTML report (`--report html`) in a real browser: headless Chromium, driven by
//! `tests/browser/check_report.mjs` (playwright-core), which opens the pages the real binary
//! wrote and prints what it observes. Every expectation comes from the JSON report of the same
//! run, never from the HTML code:
//!
//! * the pair of bundled samples (1 vs 2): each hotspot of the JSON report is highlighted on
//!   both sides with its class (霸权 left, 强权 right, `wording`), as many per class as the
//!   JSON counts; each list link, clicked, brings its highlight into view as the `:target`;
//!   each class toggle hides its highlights, list entries and notes and brings them back;
//! * the apparatus (`--all`): one table row per JSON place, each row's link bringing its place
//!   in the base text into view;
//! * a hostile source (`<script>`, an ESC, an `<img onerror>`): no script element, no dialog,
//!   the text shown as text and the ESC as `⟨U+001B⟩`;
//! * every page (the units table too): no request but the file itself, no console error, the
//!   Content-Security-Policy meta, every in-page link with a target.
//!
//! The browser is launched once for the whole binary (the pages are made and observed on the
//! first test's call). Chromium (`/usr/bin/chromium`, or `$DUIZHAO_CHROMIUM`), Node and
//! `tests/browser/node_modules` must be there: a missing one fails the tests with what to run
//! (`.ci/run` installs them).

mod common;

use common::{TempDir, duizhao, path_arg};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The pages made, with the JSON reports of the same runs and the browser's observations.
struct Observed {
    /// The JSON report of the pair.
    pair_json: Value,
    /// The JSON report of the apparatus.
    all_json: Value,
    /// The observations of each page, by page name (`pair`, `all`, `hostile`, `units`).
    pages: BTreeMap<&'static str, Value>,
    /// How long the browser took, for the failure messages.
    seconds: f64,
}

/// The browser check's directory.
fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Fails with one line saying what to run when the browser or Node is missing; installs the
/// script's package (`npm ci`, from the committed lock file) when it is missing.
fn require_browser() {
    let chromium = std::env::var("DUIZHAO_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        panic!(
            "headless Chromium is missing ({chromium}): run `apt-get install chromium` \
             (.ci/run does), or set DUIZHAO_CHROMIUM"
        );
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        panic!(
            "node is not on PATH: install Node.js 20 or later, then `npm ci --prefix tests/browser`"
        );
    }
    if !browser_dir().join("node_modules/playwright-core").exists() {
        let installed = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(browser_dir())
            .output();
        match installed {
            Ok(o) if o.status.success() => {}
            Ok(o) => panic!(
                "`npm ci --prefix tests/browser` failed ({}): {}",
                o.status,
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            ),
            Err(e) => panic!(
                "tests/browser/node_modules is missing and npm could not run ({e}): install \
                 Node.js and npm, then `npm ci --prefix tests/browser` (.ci/run does)"
            ),
        }
    }
}

/// Runs the binary in `dir`, which must succeed; returns its standard output.
fn report(dir: &Path, args: &[&str]) -> String {
    let out = duizhao(dir, args);
    assert!(
        out.status.success(),
        "duizhao {args:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("reports are UTF-8")
}

/// Makes the pages and observes them, once per test binary.
fn observed() -> &'static Observed {
    static OBSERVED: OnceLock<Observed> = OnceLock::new();
    OBSERVED.get_or_init(|| {
        require_browser();
        let dir = TempDir::new("pages");
        let d = dir.path();
        let write = |name: &str, text: &str| dir.write(name, text.as_bytes());
        // The reports, made on as many threads.
        let runs: [&[&str]; 5] = [
            &["--report", "html"],
            &["--report", "html", "--all"],
            &["--report", "html", "--units"],
            &["--report", "json"],
            &["--report", "json", "--all"],
        ];
        let [pair, all, units, pair_json, all_json] = std::thread::scope(|s| {
            runs.map(|args| s.spawn(move || report(d, args)))
                .map(|h| h.join().expect("a report thread"))
        });
        write("pair.html", &pair);
        write("all.html", &all);
        write("units.html", &units);
        let pair_json: Value = serde_json::from_str(&pair_json).expect("JSON report");
        let all_json: Value = serde_json::from_str(&all_json).expect("JSON report");
        let hostile = write(
            "hostile.txt",
            "前言<script>alert(1)</script>\u{1b}[31m红字\n坚决反对一切霸权政治和霸凌行径。\n",
        );
        let other = write(
            "other.txt",
            "前言<script>alert(1)</script>红字\n坚决反对一切强权政治和霸凌行径。<img src=x onerror=alert(2)>\n",
        );
        write(
            "hostile.html",
            &report(
                d,
                &["--report", "html", path_arg(&hostile), path_arg(&other)],
            ),
        );
        let names = ["pair", "all", "hostile", "units"];
        let files: Vec<PathBuf> = names.iter().map(|n| d.join(format!("{n}.html"))).collect();
        let started = std::time::Instant::now();
        let out = Command::new("node")
            .arg("check_report.mjs")
            .args(&files)
            .current_dir(browser_dir())
            .output()
            .expect("run node");
        let seconds = started.elapsed().as_secs_f64();
        assert!(
            out.status.success(),
            "check_report.mjs failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let all: Value = serde_json::from_slice(&out.stdout).expect("the script prints JSON");
        let pages = names
            .iter()
            .zip(&files)
            .map(|(name, file)| {
                let key = file.to_str().expect("UTF-8 path");
                (*name, all[key].clone())
            })
            .collect();
        Observed {
            pair_json,
            all_json,
            pages,
            seconds,
        }
    })
}

/// The observations of page `name`.
fn page(name: &str) -> &'static Value {
    let o = observed();
    assert!(o.pages[name].is_object(), "no observations of {name}");
    &o.pages[name]
}

/// A JSON value as an array (empty when it is not one).
fn array(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// The highlights of a page by id: (classes, text, lang).
fn marks(page: &Value) -> BTreeMap<String, (Vec<String>, String, String)> {
    array(&page["marks"])
        .iter()
        .map(|m| {
            let classes = array(&m["classes"])
                .iter()
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect();
            (
                m["id"].as_str().unwrap_or("").to_string(),
                (
                    classes,
                    m["text"].as_str().unwrap_or("").to_string(),
                    m["lang"].as_str().unwrap_or("").to_string(),
                ),
            )
        })
        .collect()
}

#[test]
fn every_hotspot_is_highlighted_on_both_sides_with_its_class() {
    let json = &observed().pair_json;
    let hotspots = array(&json["hotspots"]);
    assert!(hotspots.len() >= 5, "{json}");
    let marks = marks(page("pair"));
    let mut counted: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, h) in hotspots.iter().enumerate() {
        let n = i + 1;
        let class = h["class"].as_str().expect("class");
        for side in ["l", "r"] {
            let id = format!("h{n}-{side}");
            let (classes, _, _) = marks
                .get(&id)
                .unwrap_or_else(|| panic!("hotspot {n}: no highlight #{id}"));
            assert!(
                classes.contains(&format!("c-{class}")),
                "#{id}: {classes:?}, JSON class {class}"
            );
            counted.entry(class.to_string()).or_default().insert(n);
        }
    }
    // As many highlighted hotspots per class as the JSON report counts, and no other.
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for h in hotspots {
        *expected
            .entry(h["class"].as_str().unwrap_or("").to_string())
            .or_default() += 1;
    }
    let mut highlighted: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (id, (classes, _, _)) in &marks {
        let number = id.trim_start_matches('h').split('-').next().unwrap_or("");
        for class in classes.iter().filter_map(|c| c.strip_prefix("c-")) {
            highlighted
                .entry(class.to_string())
                .or_default()
                .insert(number.to_string());
        }
    }
    let highlighted: BTreeMap<String, usize> =
        highlighted.into_iter().map(|(c, n)| (c, n.len())).collect();
    assert_eq!(highlighted, expected);
    // 霸权 (left) against 强权 (right), a wording difference, in Chinese.
    let n = hotspots
        .iter()
        .position(|h| h["left"]["text"] == "霸权" && h["right"]["text"] == "强权")
        .expect("the JSON report has 霸权 → 强权")
        + 1;
    assert_eq!(hotspots[n - 1]["class"], "wording");
    let (classes, text, lang) = &marks[&format!("h{n}-l")];
    assert_eq!((text.as_str(), lang.as_str()), ("霸权", "zh"));
    assert!(classes.contains(&"c-wording".to_string()), "{classes:?}");
    let (classes, text, _) = &marks[&format!("h{n}-r")];
    assert_eq!(text, "强权");
    assert!(classes.contains(&"c-wording".to_string()), "{classes:?}");
    assert_eq!(
        page("pair")["listRows"].as_u64(),
        Some(hotspots.len() as u64)
    );
}

#[test]
fn each_list_link_brings_its_highlight_into_view_as_the_target() {
    let hotspots = array(&observed().pair_json["hotspots"]);
    let page = page("pair");
    let expected: BTreeSet<String> = (1..=hotspots.len())
        .flat_map(|n| [format!("#h{n}-l"), format!("#h{n}-r")])
        .collect();
    let hrefs = |clicks: &[Value]| -> BTreeSet<String> {
        clicks
            .iter()
            .filter_map(|c| c["href"].as_str().map(str::to_string))
            .collect()
    };
    let (mouse, all) = (array(&page["clicks"]), array(&page["allClicks"]));
    assert_eq!(hrefs(all), expected);
    let (first, last) = ("#h1-l", format!("#h{}-r", hotspots.len()));
    assert_eq!(hrefs(mouse), [first.to_string(), last].into());
    for c in mouse.iter().chain(all) {
        let href = c["href"].as_str().unwrap_or("");
        assert_eq!(c["hash"].as_str(), Some(href), "{c}");
        assert_eq!(c["target"].as_str(), Some(&href[1..]), "{c}");
        assert_eq!(c["inView"], true, "{c}");
    }
    // A highlight's number leads back to its entry in the list.
    let note = &page["noteClick"];
    assert_eq!(note["target"], format!("i{}", hotspots.len()), "{note}");
    assert_eq!(note["inView"], true, "{note}");
}

#[test]
fn a_class_toggle_hides_its_highlights_and_entries_and_brings_them_back() {
    let json = &observed().pair_json;
    let page = page("pair");
    let shown: Vec<String> = array(&json["shown"])
        .iter()
        .filter_map(|c| c.as_str().map(|c| format!("t-{c}")))
        .collect();
    let toggles: Vec<String> = array(&page["toggles"])
        .iter()
        .filter_map(|t| t.as_str().map(str::to_string))
        .collect();
    assert_eq!(toggles, shown, "one toggle per class shown");
    let hotspots = array(&json["hotspots"]);
    for class in array(&json["shown"]).iter().filter_map(Value::as_str) {
        let of_class: Vec<&Value> = hotspots.iter().filter(|h| h["class"] == class).collect();
        // Each non-empty span of the class is at least one highlight; empty ones are gaps.
        let spans = of_class
            .iter()
            .flat_map(|h| [&h["left"], &h["right"]])
            .filter(|s| s["start"] != s["end"])
            .count() as u64;
        let gaps = of_class.len() as u64 * 2 - spans;
        let t = &page["toggled"][class];
        let (before, off, on) = (&t["before"], &t["off"], &t["on"]);
        assert!(before["marks"].as_u64() >= Some(spans), "{class}: {t}");
        assert_eq!(before["coloured"], before["marks"], "{class}: {t}");
        assert_eq!(before["gaps"].as_u64(), Some(gaps), "{class}: {t}");
        assert_eq!(before["gapsShown"].as_u64(), Some(gaps), "{class}: {t}");
        assert_eq!(
            before["rowsShown"].as_u64(),
            Some(of_class.len() as u64),
            "{class}: {t}"
        );
        assert_eq!(before["checked"], true);
        assert_eq!(off["checked"], false);
        for hidden in ["coloured", "gapsShown", "rowsShown", "notesShown"] {
            assert_eq!(off[hidden], 0, "{class} off: {hidden}: {t}");
        }
        assert_eq!(off["marks"], before["marks"], "the text stays: {t}");
        assert_eq!(on, before, "{class} on again: {t}");
    }
    // The sample pair has wording differences: the toggle was really exercised.
    assert!(page["toggled"]["wording"]["before"]["coloured"].as_u64() > Some(0));
}

#[test]
fn no_page_makes_a_request_logs_an_error_or_runs_a_script() {
    for name in ["pair", "all", "hostile", "units"] {
        let page = page(name);
        let url = page["url"].as_str().expect("url");
        assert_eq!(
            array(&page["requests"]),
            [Value::from(url)],
            "{name}: only the file itself is requested"
        );
        let errors: Vec<&Value> = array(&page["console"])
            .iter()
            .filter(|m| m["type"] == "error" || m["type"] == "warning")
            .collect();
        assert!(errors.is_empty(), "{name}: console: {errors:?}");
        assert!(
            array(&page["errors"]).is_empty(),
            "{name}: {}",
            page["errors"]
        );
        assert!(
            array(&page["dialogs"]).is_empty(),
            "{name}: {}",
            page["dialogs"]
        );
        let csp = page["csp"].as_str().unwrap_or("");
        assert!(
            csp.starts_with("default-src 'none';") && !csp.contains("http"),
            "{name}: CSP {csp:?}"
        );
        assert_eq!(page["scripts"], 0, "{name}");
        assert_eq!(page["externals"], 0, "{name}");
        assert_eq!(page["charset"], "UTF-8", "{name}");
        for link in array(&page["links"]) {
            assert_eq!(link["target"], true, "{name}: {link}");
        }
    }
}

#[test]
fn apparatus_rows_link_to_their_places_in_the_base_text() {
    let places = array(&observed().all_json["places"]);
    assert!(places.len() >= 5);
    let page = page("all");
    assert_eq!(page["placeRows"].as_u64(), Some(places.len() as u64));
    let marks = marks(page);
    for (i, p) in places.iter().enumerate() {
        let (classes, text, _) = marks
            .get(&format!("p{}", i + 1))
            .unwrap_or_else(|| panic!("place {}: no highlight", i + 1));
        assert!(classes.contains(&"c-place".to_string()));
        // The highlight holds the base's text of the place (places inside it too).
        let base = p["base"]["text"].as_str().unwrap_or("");
        assert!(
            text.contains(base.trim()) || base.trim().is_empty(),
            "place {}: {text:?} against {base:?}",
            i + 1
        );
    }
    let (mouse, all) = (array(&page["clicks"]), array(&page["allClicks"]));
    assert_eq!(mouse.len(), 2, "the last and the first row");
    assert_eq!(all.len(), places.len());
    for c in mouse.iter().chain(all) {
        let href = c["href"].as_str().unwrap_or("");
        assert!(href.starts_with("#p"), "{c}");
        assert_eq!(c["target"].as_str(), Some(&href[1..]), "{c}");
        assert_eq!(c["inView"], true, "{c}");
    }
}

#[test]
fn sigla_name_the_sources_and_the_readings() {
    // The pair: each source's siglum beside its name, its label as the tooltip.
    let json = &observed().pair_json;
    let legend = |page: &Value| -> Vec<(String, String)> {
        array(&page["legend"])
            .iter()
            .map(|p| {
                let s = |i: usize| p[i].as_str().unwrap_or("").to_string();
                (s(0), s(1))
            })
            .collect()
    };
    let of = |s: &Value| {
        (
            s["siglum"].as_str().unwrap_or("").to_string(),
            s["label"].as_str().unwrap_or("").to_string(),
        )
    };
    assert_eq!(
        legend(page("pair")),
        [of(&json["left"]), of(&json["right"])]
    );
    // The apparatus: the legend, then each reading's sources by their sigla.
    let json = &observed().all_json;
    let sources: Vec<_> = array(&json["sources"]).iter().map(of).collect();
    assert_eq!(sources.len(), 5);
    assert_eq!(legend(page("all")), sources);
    let expected: Vec<Vec<Vec<String>>> = array(&json["places"])
        .iter()
        .map(|p| {
            array(&p["readings"])
                .iter()
                .map(|r| {
                    array(&r["sigla"])
                        .iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .collect()
        })
        .collect();
    let shown: Vec<Vec<Vec<String>>> =
        serde_json::from_value(page("all")["readings"].clone()).expect("sigla per reading");
    assert_eq!(shown, expected);
}

#[test]
fn a_hostile_source_is_shown_as_text() {
    let page = page("hostile");
    assert_eq!(page["scripts"], 0);
    assert!(array(&page["dialogs"]).is_empty());
    let text = page["text"].as_str().unwrap_or("");
    let cells: Vec<&str> = array(&page["cells"])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(cells.len(), 4, "two rows of two texts: {cells:?}");
    assert_eq!(cells[0], "前言<script>alert(1)</script>⟨U+001B⟩[31m红字");
    assert_eq!(
        cells[3],
        "坚决反对一切强权政治和霸凌行径。<img src=x onerror=alert(2)>"
    );
    // The list shows the added text as text too.
    assert!(text.contains("<img src=x onerror=alert(2)>\n"), "{text}");
    assert!(!text.contains('\u{1b}'));
    assert!(
        observed().seconds < 60.0,
        "the browser took {:.1} s",
        observed().seconds
    );
}
