//! House style (issue 25): patterns and the rules that hide them, through the binary's JSON.
//!
//! On 红楼梦 tennessine vs eacontang-cgb (shared corpus: one edition, two transcriptions, whose
//! punctuation differs by the thousand), the expected patterns are counted here from the JSON
//! `hotspots` themselves — every pair of readings (left text, right text) that at least three
//! shown hotspots share, most frequent first, ties in reading order — never from the engine's
//! code. A rules file hiding the top pattern must remove exactly the hotspots whose readings it
//! names (either way round) and count them as `hidden.rules`, the same with the panes swapped;
//! bad rules files are refused in one line with exit status 2.

use crate::common;

use common::{TempDir, duizhao, path_arg};
use duizhao::testkit::corpus;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// The JSON report of the binary run in `cwd` with `args` (no rules file of the user's read).
fn report(cwd: &Path, args: &[&str]) -> Value {
    let out = duizhao(cwd, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// A hotspot's two readings.
fn readings(h: &Value) -> (String, String) {
    let text = |side: &str| h[side]["text"].as_str().expect("text").to_string();
    (text("left"), text("right"))
}

/// The two 红楼梦 transcriptions.
fn books() -> [String; 2] {
    let dir = corpus("hongloumeng");
    ["tennessine.txt", "eacontang-cgb.txt"].map(|f| path_arg(&dir.join(f)).to_string())
}

#[test]
fn patterns_are_the_pairs_of_readings_three_shown_hotspots_share() {
    let home = TempDir::new("patterns");
    let [a, b] = books();
    let json = report(home.path(), &["--report", "json", &a, &b]);
    let hotspots = json["hotspots"].as_array().expect("hotspots");
    // Count the pairs, in the order they are first met.
    let mut counts: Vec<((String, String), usize)> = Vec::new();
    let mut at: HashMap<(String, String), usize> = HashMap::new();
    for h in hotspots {
        let pair = readings(h);
        match at.get(&pair) {
            Some(&i) => counts[i].1 += 1,
            None => {
                at.insert(pair.clone(), counts.len());
                counts.push((pair, 1));
            }
        }
    }
    let mut expected: Vec<((String, String), usize)> =
        counts.into_iter().filter(|(_, n)| *n >= 3).collect();
    // A stable sort keeps the reading order among equal counts.
    expected.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let patterns = json["patterns"].as_array().expect("patterns");
    let listed: Vec<((String, String), usize)> = patterns
        .iter()
        .map(|p| {
            (
                readings(&serde_json::json!({
                    "left": {"text": p["left"]}, "right": {"text": p["right"]}
                })),
                p["count"].as_u64().expect("count") as usize,
            )
        })
        .collect();
    assert_eq!(listed.len(), expected.len());
    assert_eq!(listed, expected);
    // The measure: hundreds of pairs, thousands of the shown hotspots in them.
    assert!(listed.len() > 100, "{} patterns", listed.len());
    assert_eq!(
        (patterns[0]["left"].as_str(), patterns[0]["right"].as_str()),
        (Some("，"), Some("、"))
    );
    // Every hotspot of a pattern names it, and only those do.
    for h in hotspots {
        let pair = readings(h);
        let in_one = expected.iter().position(|(p, _)| *p == pair);
        let named = h["pattern"].as_u64().map(|i| i as usize);
        assert_eq!(named, in_one, "{pair:?}");
        if let Some(i) = named {
            assert_eq!(patterns[i]["class"], h["class"], "{pair:?}");
            assert_eq!(patterns[i]["hidden"], false);
        }
    }
}

#[test]
fn a_rule_hides_its_readings_either_way_round_and_counts_them() {
    let home = TempDir::new("rules");
    let [a, b] = books();
    let plain = report(home.path(), &["--report", "json", &a, &b]);
    let top = &plain["patterns"][0];
    let (l, r) = (
        top["left"].as_str().expect("left"),
        top["right"].as_str().expect("right"),
    );
    let rules = home.write(
        "rules.toml",
        format!("[[hide]]\nleft = {l:?}\nright = {r:?}\n").as_bytes(),
    );
    let rules = path_arg(&rules);
    for swap in [false, true] {
        let mut args = vec!["--report", "json", &a, &b];
        if swap {
            args.extend(["--left", "2", "--right", "1"]);
        }
        let before = report(home.path(), &args);
        args.extend(["--rules", rules]);
        let named = |h: &&Value| {
            let (x, y) = readings(h);
            (x == l && y == r) || (x == r && y == l)
        };
        let all = before["hotspots"].as_array().expect("hotspots");
        let hidden = all.iter().filter(named).count();
        assert!(hidden >= top["count"].as_u64().expect("count") as usize);
        let after = report(home.path(), &args);
        let kept = after["hotspots"].as_array().expect("hotspots");
        assert_eq!(kept.len(), all.len() - hidden, "swapped: {swap}");
        assert!(!kept.iter().any(|h| named(&h)), "swapped: {swap}");
        assert_eq!(after["hidden"]["rules"], hidden, "swapped: {swap}");
        // The pattern is still listed, marked hidden.
        let first = &after["patterns"][0];
        assert_eq!(first["hidden"], true, "swapped: {swap}");
        // The classes' counts are those of the plain report.
        assert_eq!(after["hidden"]["form"], before["hidden"]["form"]);
    }
    // Without rules the `hidden` object has no `rules` count.
    assert!(plain["hidden"].get("rules").is_none());
}

#[test]
fn bad_rules_files_are_refused_in_one_line_naming_file_and_line() {
    let home = TempDir::new("bad-rules");
    let [a, b] = books();
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "typo.toml",
            b"[[hide]]\nleft = \"a\"\nrigth = \"b\"\n",
            "line 3",
        ),
        ("missing.toml", b"\n[[hide]]\nleft = \"a\"\n", "line 2"),
        (
            "same.toml",
            b"[[hide]]\nleft = \"a\"\nright = \"a\"\n",
            "line 1",
        ),
        (
            "syntax.toml",
            b"[[hide]]\nleft = \"a\nright = \"b\"\n",
            "line 2",
        ),
        ("binary.toml", b"# rules\n\xff\xfe\n", "line 2"),
    ];
    for (name, bytes, line) in cases {
        let file = home.write(name, bytes);
        let out = duizhao(
            home.path(),
            &["--report", "json", "--rules", path_arg(&file), &a, &b],
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(err.contains(name) && err.contains(line), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}");
    }
    // A report with a rules file that is not there is refused too (the viewer would make it).
    let out = duizhao(
        home.path(),
        &["--report", "json", "--rules", "nowhere.toml", &a, &b],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_rules_file_in_the_config_folder_is_read_by_default() {
    let home = TempDir::new("default-rules");
    let [a, b] = books();
    home.write(
        "config/duizhao/rules.toml",
        "[[hide]]\nleft = \"，\"\nright = \"、\"\n".as_bytes(),
    );
    let plain = report(home.path(), &["--report", "json", &a, &b]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["--report", "json", &a, &b])
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .output()
        .expect("run");
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let hidden = json["hidden"]["rules"].as_u64().expect("rules counted") as usize;
    assert!(hidden > 800, "{hidden}");
    assert_eq!(
        json["hotspots"].as_array().map(Vec::len),
        plain["hotspots"].as_array().map(|h| h.len() - hidden)
    );
}

#[test]
fn markdown_and_html_list_the_patterns() {
    let home = TempDir::new("pattern-tables");
    let [a, b] = books();
    let json = report(home.path(), &["--report", "json", &a, &b]);
    let top = &json["patterns"][0];
    let count = top["count"].to_string();
    let md = duizhao(home.path(), &["--report", "markdown", &a, &b]);
    let md = String::from_utf8_lossy(&md.stdout);
    let row = format!("| `，` → `、` | 0 | {count} | punctuation |");
    assert!(md.contains(&row), "no {row:?} in the Markdown");
    let html = duizhao(home.path(), &["--report", "html", &a, &b]);
    let html = String::from_utf8_lossy(&html.stdout);
    let patterns = html
        .split("<section id=\"patterns\">")
        .nth(1)
        .expect("a patterns section");
    assert!(
        patterns.contains(&format!("<td>{count}</td><td>punctuation</td>")),
        "the top pattern's row"
    );
}

#[test]
fn the_apparatus_lists_each_sources_patterns_against_the_base() {
    let home = TempDir::new("apparatus-patterns");
    let json = report(home.path(), &["--report", "json", "--all"]);
    let base = json["base"].as_str().expect("base");
    // Counted here from the places: for each source, the pair (the base's reading, the
    // reading that source is among) at each place it differs, a transposition aside.
    let mut counts: Vec<((String, String, String), usize)> = Vec::new();
    for place in json["places"].as_array().expect("places") {
        let base_text = place["base"]["text"].as_str().expect("base text");
        for reading in place["readings"].as_array().expect("readings") {
            if reading["class"].is_null() || reading["moved"] == true {
                continue;
            }
            let text = if reading["omitted"] == true {
                ""
            } else {
                reading["text"].as_str().expect("text")
            };
            for source in reading["sources"].as_array().expect("sources") {
                let source = source.as_str().expect("a label").to_string();
                assert_ne!(source, base);
                let key = (source, base_text.to_string(), text.to_string());
                match counts.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((key, 1)),
                }
            }
        }
    }
    let mut expected: Vec<(String, String, String, u64)> = counts
        .into_iter()
        .filter(|(_, n)| *n >= 3)
        .map(|((s, l, r), n)| (s, l, r, n as u64))
        .collect();
    let listed: Vec<(String, String, String, u64)> = json["patterns"]
        .as_array()
        .expect("patterns")
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().expect("a string").to_string();
            (
                s("source"),
                s("left"),
                s("right"),
                p["count"].as_u64().expect("count"),
            )
        })
        .collect();
    assert!(!listed.is_empty(), "the samples' apparatus has patterns");
    // Most frequent first; the order among equal counts is the engine's, so compare as sets
    // and check the order of the counts.
    assert!(listed.windows(2).all(|w| w[0].3 >= w[1].3), "{listed:?}");
    expected.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, expected);
    // The Markdown apparatus lists them too, one row each.
    let md = duizhao(home.path(), &["--report", "markdown", "--all"]);
    let md = String::from_utf8_lossy(&md.stdout);
    let table = md
        .split("| siglum | readings | count | class |")
        .nth(1)
        .expect("a patterns table");
    let rows = table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .count();
    assert_eq!(rows, listed.len(), "{md}");
    // And the HTML apparatus, one row each, with the siglum first.
    let html = duizhao(home.path(), &["--report", "html", "--all"]);
    let html = String::from_utf8_lossy(&html.stdout);
    let section = html
        .split("<section id=\"patterns\">")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("a patterns section");
    let rows: Vec<&str> = section.split("<tr class=").skip(1).collect();
    assert_eq!(rows.len(), listed.len(), "{section}");
    for (row, (_, _, _, count)) in rows.iter().zip(&listed) {
        assert!(row.contains(&format!("<td>{count}</td>")), "{row}");
    }
}

/// The measure of what house style saves the reader: on the shared Aozora pair (戯作三昧
/// in old and in new kana, two typesettings), the units to decide on — one per pattern, one per
/// hotspot outside any — are at most two fifths of the shown hotspots, counted here from the
/// JSON's own readings. Kana usage and kanji against kana are `variant` since spelling is told
/// from reading (hidden by default: 155 shown), so the measure shows them (`--show variant`),
/// as a reader weighing the house style does. Every occurrence of a recurring substitution is one of its pattern's,
/// even where it sits beside another change (`更に又` / `さらにまた` reads `更` / `さら` and the
/// pattern `又` / `また`).
#[test]
fn on_the_aozora_pair_patterns_and_lone_hotspots_are_at_most_two_fifths_of_the_shown() {
    let home = TempDir::new("aozora-patterns");
    let dir = corpus("aozora_ja");
    let [a, b] = [
        "gesaku_zanmai__37_ruby_1265.txt",
        "gesaku_zanmai__38_ruby_3638.txt",
    ]
    .map(|f| path_arg(&dir.join(f)).to_string());
    let json = report(
        home.path(),
        &["--report", "json", "--show", "variant", &a, &b],
    );
    let hotspots = json["hotspots"].as_array().expect("hotspots");
    let mut counts: HashMap<(String, String), usize> = HashMap::new();
    for h in hotspots {
        *counts.entry(readings(h)).or_default() += 1;
    }
    let patterns = counts.values().filter(|&&n| n >= 3).count();
    let lone: usize = counts.values().filter(|&&n| n < 3).sum();
    let shown = hotspots.len();
    assert!(shown > 400, "{shown} shown");
    assert!(
        (patterns + lone) * 5 <= shown * 2,
        "{patterns} patterns + {lone} lone hotspots of {shown} shown"
    );
    // `又` / `また` is one pattern, and no shown hotspot holds it beside a change it is parted
    // from by equal text (`更に又`): each such place counts in the pattern.
    let mata = counts
        .get(&("又".to_string(), "また".to_string()))
        .copied()
        .unwrap_or(0);
    assert!(mata >= 20, "又 → また ×{mata}");
    for (l, r) in counts.keys() {
        let glued = ["に又", "は又", "ち又", "、又", "又、"]
            .iter()
            .any(|g| l.contains(g));
        assert!(!(glued && r.contains("また")), "{l} → {r}");
    }
}

/// A rules file hides readings in the apparatus as in a pair: the samples' source that reads
/// `，` for the base's `、` at three places reads with the base there once the pair is hidden,
/// and `hidden.rules` counts the hotspots the rule hides between the base and each source —
/// counted here from each pair's own JSON report.
#[test]
fn a_rule_hides_its_readings_in_the_apparatus_too() {
    let home = TempDir::new("apparatus-rules");
    let (l, r) = ("、", "，");
    let rules = home.write(
        "rules.toml",
        format!("[[hide]]\nleft = {l:?}\nright = {r:?}\n").as_bytes(),
    );
    let rules = path_arg(&rules);
    // The places where a source reads `r` (or `l`) for the base's `l` (or `r`).
    let ruled_places = |json: &Value| -> usize {
        json["places"]
            .as_array()
            .expect("places")
            .iter()
            .map(|p| {
                let base = p["base"]["text"].as_str().expect("base text");
                p["readings"]
                    .as_array()
                    .expect("readings")
                    .iter()
                    .filter(|x| x["omitted"] != true && !x["class"].is_null())
                    .filter(|x| {
                        let t = x["text"].as_str().expect("text");
                        (base, t) == (l, r) || (base, t) == (r, l)
                    })
                    .count()
            })
            .sum()
    };
    let plain = report(home.path(), &["--report", "json", "--all"]);
    assert!(ruled_places(&plain) >= 3, "the samples read `，` for `、`");
    assert!(plain["hidden"].get("rules").is_none());
    let ruled = report(
        home.path(),
        &["--report", "json", "--all", "--rules", rules],
    );
    assert_eq!(ruled_places(&ruled), 0);
    assert!(
        ruled["places"].as_array().expect("places").len()
            < plain["places"].as_array().expect("places").len()
    );
    // The hotspots each pair's report would hide, summed over the sources that are
    // witnesses of the base's text (an unrelated one makes no place).
    let sources = plain["sources"].as_array().expect("sources").len();
    let mut expected = 0;
    for i in 2..=sources {
        let n = i.to_string();
        let pair = report(
            home.path(),
            &[
                "--report", "json", "--left", "1", "--right", &n, "--rules", rules,
            ],
        );
        if pair["similarity"].as_f64().expect("similarity") >= 0.2 {
            expected += pair["hidden"]["rules"].as_u64().expect("rules");
        }
    }
    assert!(expected >= 3);
    assert_eq!(ruled["hidden"]["rules"], expected);
    // The patterns table of the apparatus no longer lists the pair.
    assert!(
        !ruled["patterns"]
            .as_array()
            .expect("patterns")
            .iter()
            .any(|p| p["left"] == l && p["right"] == r)
    );
}
