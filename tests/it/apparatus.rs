//! The apparatus on the real samples: every variant place of the shared article with its
//! readings grouped by source, the dropped closing paragraphs as one omission, no place in
//! white space or page breaks, and the unrelated material (other articles, the English
//! translation) never taken for a reading. The places were worked out by reading the texts.

use duizhao::engine::collate::{Collation, collate};
use duizhao::engine::compare::Filter;
use duizhao::engine::normalize::normalize;
use duizhao::source::{Source, samples};
use duizhao::testkit::source;

fn apparatus(sources: &[Source], base: usize) -> Collation {
    let norms: Vec<_> = sources
        .iter()
        .map(|s| std::sync::Arc::new(normalize(&s.text)))
        .collect();
    collate(&norms, base, &Filter::default())
}

/// A place as (base text, readings as (text or "∅" for an omission, source numbers)).
type Shown = (String, Vec<(String, Vec<usize>)>);

fn shown(sources: &[Source], c: &Collation) -> Vec<Shown> {
    c.places
        .iter()
        .map(|p| {
            let base = sources[c.base].slice(p.span.clone()).to_string();
            let readings = p
                .readings
                .iter()
                .map(|r| {
                    let text = if r.omitted {
                        "∅".to_string()
                    } else {
                        r.norm.clone()
                    };
                    (text, r.sources.iter().map(|(i, _)| *i).collect())
                })
                .collect();
            (base, readings)
        })
        .collect()
}

fn r(text: &str, sources: &[usize]) -> (String, Vec<usize>) {
    (text.to_string(), sources.to_vec())
}

#[test]
fn four_chinese_samples_against_000() {
    let all = samples();
    let chinese = &all[..4];
    let c = apparatus(chinese, 0);
    let got = shown(chinese, &c);
    // Text beyond 000's extent (each page's other material) is an `added` place of its own.
    type Numbered = Vec<(usize, Shown)>;
    let (added, got): (Numbered, Numbered) = got
        .into_iter()
        .enumerate()
        .partition(|(k, _)| c.places[*k].readings.iter().any(|r| r.added));
    let got: Vec<Shown> = got.into_iter().map(|(_, s)| s).collect();
    let body: Vec<Shown> = got
        .iter()
        .filter(|(base, _)| !base.contains("李强主持") && base != "在北京")
        .cloned()
        .collect();
    // The closing paragraphs (from `王毅作总结讲话。` to `等参加会议。`), which 003 lacks.
    let text = &chinese[0].text;
    let (from, to) = (
        text.find("王毅作总结讲话。")
            .expect("the closing paragraphs"),
        text.find("等参加会议。").expect("their end") + "等参加会议。".len(),
    );
    let closing_text = &text[from..to];
    let closing = |s: &str| !s.is_empty() && closing_text.contains(s) && s != "、";
    let (passages, variants): (Vec<Shown>, Vec<Shown>) =
        body.into_iter().partition(|(base, _)| closing(base));
    assert_eq!(
        variants,
        vec![
            ("、".into(), vec![r("、", &[0, 2]), r("，", &[1, 3])]),
            (
                "特色大国".into(),
                vec![r("特色大国", &[0, 2, 3]), r("∅", &[1])]
            ),
            ("".into(), vec![r("∅", &[0, 3]), r("和实践", &[1, 2])]),
            ("、".into(), vec![r("、", &[0, 1, 3]), r("，", &[2])]),
            ("霸权".into(), vec![r("霸权", &[0, 2]), r("强权", &[1, 3])]),
            (
                "特色大国".into(),
                vec![r("特色大国", &[0]), r("∅", &[1, 2, 3])]
            ),
            ("的".into(), vec![r("的", &[0, 2]), r("∅", &[1, 3])]),
            ("".into(), vec![r("∅", &[0, 3]), r("发展", &[1, 2])]),
            ("".into(), vec![r("∅", &[0]), r("好", &[1, 2, 3])]),
            (
                "、".into(),
                vec![r("、", &[0, 1]), r("，", &[2]), r("∅", &[3])]
            ),
            (
                "、".into(),
                vec![r("、", &[0, 1]), r("，", &[2]), r("∅", &[3])]
            ),
        ]
    );
    // The closing paragraphs 003 drops: places never overlap, so the omission is cut around
    // the two `、` places inside it (where 003 omits too, above): three pieces, each read by
    // 000, 001 and 002 and omitted by 003; with the two `、` places they are the closing
    // paragraphs, in order.
    assert_eq!(passages.len(), 3, "{passages:?}");
    for (_, readings) in &passages {
        let sources: Vec<Vec<usize>> = readings.iter().map(|(_, s)| s.clone()).collect();
        assert_eq!(sources, vec![vec![0, 1, 2], vec![3]]);
        assert_eq!(readings[1].0, "∅");
    }
    let tiled: String = [&passages[0].0, "、", &passages[1].0, "、", &passages[2].0].concat();
    assert_eq!(tiled, closing_text);
    // The header material: the title (在北京 / 在京) and the dateline, nothing more.
    assert_eq!(got.len() - variants.len() - passages.len(), 2);
    // The article printed after the text in 000 only is not a place.
    assert!(got.iter().all(|(base, _)| !base.contains("成渝")));
    // Each witness's material beyond 000's extent: 003's from `据新华社电` (where it leaves
    // 000's text, before the closing paragraphs it lacks) to its end; 001's and 002's after
    // `等参加会议。` to their ends. Each is its witness's own text there, whitespace trimmed.
    let tail = |i: usize, after: &str| -> String {
        let t = &chinese[i].text;
        let at = t.find(after).expect("the anchor");
        t[at..].trim().to_string()
    };
    let mut expected = vec![
        (3, tail(3, "据新华社电")),
        (
            1,
            tail(1, "等参加会议。")["等参加会议。".len()..]
                .trim()
                .to_string(),
        ),
        (
            2,
            tail(2, "等参加会议。")["等参加会议。".len()..]
                .trim()
                .to_string(),
        ),
    ];
    expected.sort();
    let mut found: Vec<(usize, String)> = added
        .iter()
        .flat_map(|(k, _)| c.places[*k].readings.iter().filter(|r| r.added))
        .flat_map(|r| {
            r.sources
                .iter()
                .map(|(i, span)| (*i, chinese[*i].slice(span.clone()).trim().to_string()))
        })
        .collect();
    found.sort();
    assert_eq!(found, expected);
    // An added place's other readings are empty: 000 has nothing there.
    for (k, _) in &added {
        let base = &c.places[*k].readings[0];
        assert!(base.norm.is_empty() && base.sources[0].0 == 0);
    }
}

#[test]
fn every_source_is_in_exactly_one_reading_of_every_place() {
    let all = samples();
    for base in 0..all.len() {
        let c = apparatus(&all, base);
        for p in &c.places {
            let mut seen: Vec<usize> = p
                .readings
                .iter()
                .flat_map(|r| r.sources.iter().map(|(i, _)| *i))
                .collect();
            seen.sort_unstable();
            assert_eq!(
                seen,
                (0..all.len()).collect::<Vec<_>>(),
                "base {base}: {p:?}"
            );
            assert_eq!(
                p.readings[0].sources[0].0, base,
                "the base's reading comes first"
            );
            for reading in &p.readings {
                assert_eq!(reading.omitted, reading.norm.is_empty());
            }
        }
    }
}

#[test]
fn the_english_translation_lacks_every_passage_and_shapes_none() {
    let all = samples();
    let c = apparatus(&all, 0);
    let chinese_only = apparatus(&all[..4], 0);
    assert_eq!(c.places.len(), chinese_only.places.len());
    for p in &c.places {
        let english = p
            .readings
            .iter()
            .find(|r| r.sources.iter().any(|(i, _)| *i == 4))
            .unwrap();
        assert!(english.omitted, "{p:?}");
    }
}

#[test]
fn layout_alone_makes_no_place() {
    let text = samples()[1].text.clone();
    let laid_out = text.replace('，', "，\n\n").replace("月", " 月 ");
    let sources = vec![
        source("a", &text),
        source("b", &laid_out),
        source("c", &text),
    ];
    assert!(apparatus(&sources, 0).places.is_empty());
}

#[test]
fn json_report_schema() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["--report", "json", "--all"])
        .output()
        .expect("run duizhao");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["base"], "000_00a56f0df81fb580.txt");
    assert_eq!(v["sources"].as_array().unwrap().len(), 5);
    for key in ["name", "path", "encoding", "chars"] {
        assert!(v["sources"][0].get(key).is_some(), "{key}");
    }
    let places = v["places"].as_array().unwrap();
    let hegemony = places
        .iter()
        .find(|p| p["base"]["text"] == "霸权")
        .expect("the 霸权 place");
    assert_eq!(hegemony["base"]["line"], 20);
    assert_eq!(
        hegemony["base"]["end"].as_u64().unwrap() - hegemony["base"]["start"].as_u64().unwrap(),
        2
    );
    let readings = hegemony["readings"].as_array().unwrap();
    assert_eq!(readings[0]["text"], "霸权");
    assert_eq!(
        readings[0]["sources"],
        serde_json::json!(["000_00a56f0df81fb580.txt", "002_d4bcd45d2c455e6c.txt"])
    );
    assert_eq!(readings[1]["text"], "强权");
    assert_eq!(readings[2]["text"], "");
    assert_eq!(readings[2]["omitted"], true);
    assert_eq!(
        readings[2]["sources"],
        serde_json::json!(["004_8b4324cd1f24d36d.txt"])
    );
    let md = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["--report", "markdown", "--all", "--left", "2"])
        .output()
        .expect("run duizhao");
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("against 001_b9d3a1e7e2d39cea.txt")
            || md.contains("against 001\\_b9d3a1e7e2d39cea.txt"),
        "{md}"
    );
    // Witnesses by their sigla, listed with their names at the top (001 is B).
    assert!(md.contains("| 2 | B | 001"), "{md}");
    assert!(md.contains("**强权** — B"), "{md}");
}

/// A witness's reading that holds markup (`<i onclick=x>`) is text on the apparatus page too,
/// as on the pair page: escaped, never an element.
#[test]
fn hostile_readings_are_text_on_the_apparatus_page() {
    let dir = crate::common::TempDir::new("apparatus-html-hostile");
    let a = dir.write("a.txt", "坚决反对一切霸权政治和霸凌行径。\n".as_bytes());
    let b = dir.write(
        "b.txt",
        "坚决反对一切<i onclick=x>政治和霸凌行径。\n".as_bytes(),
    );
    let out = crate::common::duizhao(
        dir.path(),
        &[
            "--report",
            "html",
            "--all",
            crate::common::path_arg(&a),
            crate::common::path_arg(&b),
        ],
    );
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!page.contains("<i onclick"), "written raw");
    // The reading, in the places table.
    assert!(page.contains("&lt;i onclick=x&gt;"), "{page}");
}

/// Every class toggle of the HTML page hides its own class and no other: in the page's style,
/// each rule that names toggle `#t-X` selects elements of class `.c-X` only (the spacing
/// toggle once hid another class's highlights, which no sample pair could show).
#[test]
fn each_class_toggle_of_the_html_page_selects_its_own_class() {
    let out = crate::common::duizhao(&std::env::temp_dir(), &["--report", "html"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    let json = crate::common::duizhao(&std::env::temp_dir(), &["--report", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let mut classes: Vec<String> = json["shown"]
        .as_array()
        .expect("shown")
        .iter()
        .filter_map(|c| c.as_str().map(str::to_string))
        .collect();
    classes.extend(
        json["hidden"]
            .as_object()
            .expect("hidden")
            .keys()
            .filter(|k| *k != "rules")
            .cloned(),
    );
    assert!(classes.contains(&"spacing".to_string()), "{classes:?}");
    let style = &page[page.find("<style>").expect("style")..page.find("</style>").expect("end")];
    for class in &classes {
        let toggle = format!("#t-{class}:not(:checked)");
        let rules: Vec<&str> = style.lines().filter(|l| l.contains(&toggle)).collect();
        assert!(rules.len() >= 2, "{class}: {rules:?}");
        for rule in rules {
            let selected: Vec<&str> = rule
                .match_indices(".c-")
                .map(|(i, _)| {
                    let rest = &rule[i + 3..];
                    &rest[..rest
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .unwrap_or(rest.len())]
                })
                .collect();
            assert!(
                !selected.is_empty() && selected.iter().all(|c| c == class),
                "the {class} toggle selects {selected:?}: {rule}"
            );
        }
    }
}

/// The apparatus a scholar signs (issue 30), read off the binary's JSON on the samples and on
/// the shared 孔子家語 juan 001 witnesses: no two places overlap (sharing a character of the
/// base, or one inserting text strictly inside the other), and every reading but the base's
/// has a class.
#[test]
fn places_never_overlap_and_every_other_reading_has_a_class() {
    use crate::common::{TempDir, duizhao};
    let tmp = TempDir::new("apparatus-clean");
    let juan = juan_001();
    let runs: Vec<Vec<&str>> = vec![
        vec!["--report", "json", "--all"],
        vec!["--report", "json", "--all", "--left", "3"],
        ["--report", "json", "--all"]
            .into_iter()
            .chain(juan.iter().map(String::as_str))
            .collect(),
    ];
    for args in runs {
        let out = duizhao(tmp.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let places = json["places"].as_array().expect("places");
        assert!(places.len() > 5, "{args:?}");
        let ranges: Vec<(u64, u64)> = places
            .iter()
            .map(|p| {
                let n = |k: &str| p["base"][k].as_u64().expect("an offset");
                (n("start"), n("end"))
            })
            .collect();
        for (i, a) in ranges.iter().enumerate() {
            for b in &ranges[i + 1..] {
                let inside = |p: u64, r: &(u64, u64)| r.0 < p && p < r.1;
                let overlap = (a.0 < b.1 && b.0 < a.1)
                    || (a.0 == a.1 && inside(a.0, b))
                    || (b.0 == b.1 && inside(b.0, a));
                assert!(!overlap, "{args:?}: places {a:?} and {b:?} overlap");
            }
        }
        // In reading order.
        assert!(ranges.windows(2).all(|w| w[0].0 <= w[1].0), "{args:?}");
        for p in places {
            let readings = p["readings"].as_array().expect("readings");
            assert!(readings[0]["class"].is_null());
            for r in &readings[1..] {
                assert!(
                    r["class"].is_string(),
                    "{args:?}: a reading with no class at line {}: {r}",
                    p["base"]["line"]
                );
            }
        }
    }
}

/// The alignment table (`--report table`): each source's column, concatenated, is its text
/// exactly — on the samples, the 孔子家語 juan 001 witnesses and Frankenstein's three editions
/// (compared with the files as read here, a byte-order mark left out) — place rows are the
/// apparatus's places in order, and the CSV form holds the same cells.
#[test]
fn each_column_of_the_alignment_table_is_its_source_s_text() {
    use crate::common::{TempDir, duizhao};
    let tmp = TempDir::new("alignment-table");
    let kanseki = juan_001();
    let mut frankenstein: Vec<String> = std::fs::read_dir(duizhao::testkit::corpus("frankenstein"))
        .expect("the Frankenstein editions")
        .map(|e| e.expect("entry").path().display().to_string())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    frankenstein.sort();
    assert_eq!(frankenstein.len(), 3, "{frankenstein:?}");
    let samples: Vec<String> = duizhao::source::SAMPLES
        .iter()
        .map(|(name, _)| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("assets")
                .join(name)
                .display()
                .to_string()
        })
        .collect();
    for files in [samples, kanseki, frankenstein] {
        let mut args = vec!["--report", "table"];
        args.extend(files.iter().map(String::as_str));
        let out = duizhao(tmp.path(), &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let table: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let rows = table["rows"].as_array().expect("rows");
        for (i, file) in files.iter().enumerate() {
            let text = std::fs::read_to_string(file).expect("a UTF-8 file");
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let column: String = rows
                .iter()
                .map(|r| r["cells"][i].as_str().expect("a cell"))
                .collect();
            assert!(column == text, "{file}: its column is not its text");
        }
        // The place rows are the apparatus's places, numbered in order.
        let mut all = vec!["--report", "json", "--all"];
        all.extend(files.iter().map(String::as_str));
        let apparatus: serde_json::Value =
            serde_json::from_slice(&duizhao(tmp.path(), &all).stdout).expect("JSON");
        let numbers: Vec<u64> = rows
            .iter()
            .filter(|r| r["kind"] == "place")
            .map(|r| r["place"].as_u64().expect("a number"))
            .collect();
        let places = apparatus["places"].as_array().expect("places").len() as u64;
        assert_eq!(numbers, (1..=places).collect::<Vec<_>>());
        // No two text rows follow each other: text rows and places alternate.
        assert!(
            rows.windows(2)
                .all(|w| w[0]["kind"] == "place" || w[1]["kind"] == "place")
        );
        // The CSV holds the same cells under a header of the sigla.
        args.extend(["--format", "csv"]);
        let csv_out = duizhao(tmp.path(), &args);
        let mut reader = csv::Reader::from_reader(&csv_out.stdout[..]);
        let header: Vec<String> = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_string)
            .collect();
        let sigla: Vec<&str> = table["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| s["siglum"].as_str().expect("siglum"))
            .collect();
        assert_eq!(header[2..], sigla[..]);
        let records: Vec<csv::StringRecord> =
            reader.records().map(|r| r.expect("a record")).collect();
        assert_eq!(records.len(), rows.len());
        for (record, row) in records.iter().zip(rows) {
            assert_eq!(&record[0], row["kind"].as_str().expect("kind"));
            for (i, cell) in row["cells"].as_array().expect("cells").iter().enumerate() {
                assert_eq!(&record[2 + i], cell.as_str().expect("a cell"));
            }
        }
    }
}

/// Text every witness reads alike is no variant (issue 30): the 孔子家語 juan 001 place at
/// line 62 once spanned 67 characters of the base, `孔子言於定公曰家不藏甲` inside it, which all
/// three witnesses read, glued to reversed note halves before it and a note after it. No place
/// now has that run in every reading, and what differs just before it and just after it are
/// places still (within 20 characters of it; with every class shown, as the note after it is
/// an inversion).
#[test]
fn a_run_every_witness_reads_alike_ends_a_place() {
    use crate::common::{TempDir, duizhao};
    let tmp = TempDir::new("apparatus-agreed");
    let files = juan_001();
    let shared = "孔子言於定公曰家不藏甲";
    // Every witness has the run (so it is text all of them read).
    for f in &files {
        let text = std::fs::read_to_string(f).expect("a witness");
        assert!(text.contains(shared), "{f}");
    }
    let mut args = vec!["--report", "json", "--all"];
    args.extend(files.iter().map(String::as_str));
    let out = duizhao(tmp.path(), &args);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let places = json["places"].as_array().expect("places");
    let glued: Vec<&serde_json::Value> = places
        .iter()
        .filter(|p| {
            p["readings"]
                .as_array()
                .expect("readings")
                .iter()
                .all(|r| r["text"].as_str().is_some_and(|t| t.contains(shared)))
        })
        .collect();
    assert!(glued.is_empty(), "{glued:#?}");
    // The differences around it are still places: the line has places before and after it
    // (the notes after it are read with their halves swapped, `markup`: shown with every
    // class).
    args.extend(["--show", "all"]);
    let out = duizhao(tmp.path(), &args);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let places = json["places"].as_array().expect("places");
    let base = std::fs::read_to_string(&files[0]).expect("the base");
    let at = base[..base.find(shared).expect("the run")].chars().count() as u64;
    let end = at + shared.chars().count() as u64;
    let bounds = |p: &serde_json::Value| {
        let n = |k: &str| p["base"][k].as_u64().expect("an offset");
        (n("start"), n("end"))
    };
    let near: Vec<(u64, u64)> = places
        .iter()
        .map(bounds)
        .filter(|&(s, e)| e + 20 >= at && s <= end + 20)
        .collect();
    assert!(
        near.iter().any(|&(_, e)| e <= at) && near.iter().any(|&(s, _)| s >= end),
        "{near:?} around {at}..{end}"
    );
}

/// CollateX's classic examples keep the readings they have (worked out by reading them, as an
/// editor would write them): two witnesses inserting different words at one place; two words
/// exchanged (each place its own substitution, the text between read alike); a phrase one
/// witness lacks and another has at the start (too short to be linked as a move: one reading
/// at each place).
#[test]
fn collatex_classic_examples_keep_their_readings() {
    type Readings = Vec<(String, Vec<usize>, bool)>;
    let run = |texts: &[&str]| -> Vec<(String, Readings)> {
        let sources: Vec<Source> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| source(&format!("{i}.txt"), t))
            .collect();
        let c = apparatus(&sources, 0);
        c.places
            .iter()
            .map(|p| {
                let readings = p
                    .readings
                    .iter()
                    .map(|r| {
                        let who = r.sources.iter().map(|(i, _)| *i).collect();
                        (r.norm.clone(), who, r.omitted)
                    })
                    .collect();
                (sources[0].slice(p.span.clone()).to_string(), readings)
            })
            .collect()
    };
    let r = |t: &str, who: &[usize], omitted: bool| (t.to_string(), who.to_vec(), omitted);
    assert_eq!(
        run(&[
            "The black cat\n",
            "The black and white cat\n",
            "The black and green cat\n"
        ]),
        vec![(
            String::new(),
            vec![
                r("", &[0], true),
                r("and white ", &[1], false),
                r("and green ", &[2], false)
            ]
        )]
    );
    assert_eq!(
        run(&[
            "the black cat on the white table\n",
            "the white cat on the black table\n"
        ]),
        vec![
            (
                "black".to_string(),
                vec![r("black", &[0], false), r("white", &[1], false)]
            ),
            (
                "white".to_string(),
                vec![r("white", &[0], false), r("black", &[1], false)]
            ),
        ]
    );
    assert_eq!(
        run(&[
            "The quick brown fox jumps over the lazy dog in the morning sun.\n",
            "The quick brown fox jumps over the lazy dog.\n",
            "In the morning sun the quick brown fox jumps over the lazy dog.\n",
        ]),
        vec![
            (
                "The".to_string(),
                vec![
                    r("The", &[0, 1], false),
                    r("In the morning sun the", &[2], false)
                ]
            ),
            (
                " in the morning sun".to_string(),
                vec![r(" in the morning sun", &[0], false), r("", &[1, 2], true)]
            ),
        ]
    );
}

/// A double-row note one witness reads with its two halves swapped (`(中都/魯邑)` against
/// `(魯邑/中都)`) is an inversion place of its own on the shared 孔子家語 juan 001 witnesses:
/// every reading that is the base's text with the halves of each note swapped (computed here
/// from the texts) is marked `inverted`, and every reading marked so is exactly that, at a
/// place that holds the notes and nothing of the text around them.
#[test]
fn a_note_read_with_its_halves_swapped_is_an_inversion_of_its_own() {
    use crate::common::TempDir;
    let tmp = TempDir::new("apparatus-inversions");
    let juan = juan_001();
    let swapped = notes_swapped;
    for show in [None, Some("all")] {
        let json = apparatus_json(tmp.path(), &juan, show);
        let mut inversions = 0;
        for p in json["places"].as_array().expect("places") {
            let readings = p["readings"].as_array().expect("readings");
            let base = readings[0]["text"].as_str().expect("text");
            let expected = swapped(base);
            for r in &readings[1..] {
                let text = r["text"].as_str().expect("text");
                let marked = r["inverted"] == true;
                if expected.as_deref() == Some(text) {
                    assert!(marked, "{show:?}: not marked inverted: {base} / {text}");
                }
                if marked {
                    assert!(
                        expected.is_some(),
                        "{show:?}: an inversion at a place of more than notes: {base} / {text}"
                    );
                    assert!(r["class"].is_string(), "{base} / {text}");
                    inversions += 1;
                }
            }
        }
        // master swaps the halves of many notes of SBCK (MANIFEST.md).
        assert!(inversions >= 20, "{show:?}: {inversions} inversions");
    }
}

/// The `--report json --all` apparatus of `files` (the samples when none), with `--show
/// SHOW` when given, run in `cwd` and read back (the run must succeed).
fn apparatus_json(
    cwd: &std::path::Path,
    files: &[String],
    show: Option<&str>,
) -> serde_json::Value {
    let mut args = vec!["--report", "json", "--all"];
    if let Some(s) = show {
        args.extend(["--show", s]);
    }
    args.extend(files.iter().map(String::as_str));
    let out = crate::common::duizhao(cwd, &args);
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The shared 孔子家語 juan 001 witnesses (master, SBCK, WYG), as paths.
fn juan_001() -> Vec<String> {
    ["master", "SBCK", "WYG"]
        .iter()
        .map(|w| {
            duizhao::testkit::corpus(&format!("kanripo_zh/{w}/KR3a0001_001.txt"))
                .display()
                .to_string()
        })
        .collect()
}

/// The base's text at a place with each double-row note's halves swapped (`a/b` → `b/a`),
/// computed from the text alone: the place must be note text only (`a/b`, or `a/b)¶\n(c/d`
/// across a column break), each note with two halves.
fn notes_swapped(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let (note, after) = match rest.find(')') {
            Some(close) => {
                let open = rest[close..].find('(')? + close;
                (&rest[..close], Some(&rest[close..=open]))
            }
            None => (rest, None),
        };
        let (a, b) = note.split_once('/')?;
        if a.is_empty() || b.is_empty() || b.contains('/') || note.contains('(') {
            return None;
        }
        out.push_str(b);
        out.push('/');
        out.push_str(a);
        match after {
            Some(sep) => {
                out.push_str(sep);
                rest = &rest[note.len() + sep.len()..];
            }
            None => return Some(out),
        }
    }
}

/// No place holds, strictly inside it, a run of four or more letters (or Han) that every
/// witness reads alike (issue 30): each reading is aligned with the base's by a plain
/// character diff (letters only, markup and marks left out), and a run counts where every
/// reading has it, in step, at the same point of the base's. A place where some witness reads
/// the base's double-row notes with their halves swapped (by the test's own swap, allowing one
/// character in eight to differ, a variant form) is an inversion: there what a diff finds
/// alike is the swapped halves. On the samples and the 孔子家語 juan 001 witnesses, by default
/// and with every class shown.
#[test]
fn no_place_holds_a_run_every_witness_reads_alike() {
    use crate::common::TempDir;
    let tmp = TempDir::new("apparatus-no-agreed-run");
    let juan = juan_001();
    let letters = |t: &str| -> Vec<char> {
        let mut out = Vec::new();
        let mut tag = false;
        for c in t.chars() {
            match c {
                '<' => tag = true,
                '>' => tag = false,
                c if !tag && c.is_alphanumeric() => out.push(c),
                _ => {}
            }
        }
        out
    };
    let near = |a: &str, b: &str| {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        a.len() == b.len() && 8 * a.iter().zip(&b).filter(|(x, y)| x != y).count() <= a.len()
    };
    for files in [Vec::new(), juan] {
        for show in [None, Some("all")] {
            let json = apparatus_json(tmp.path(), &files, show);
            let places = json["places"].as_array().expect("places");
            assert!(places.len() > 10, "{files:?} {show:?}");
            for p in places {
                let readings = p["readings"].as_array().expect("readings");
                let text = |r: &serde_json::Value| r["text"].as_str().expect("text").to_string();
                let base_text = text(&readings[0]);
                if let Some(sw) = notes_swapped(&base_text)
                    && readings[1..].iter().any(|r| near(&text(r), &sw))
                {
                    continue;
                }
                let base = letters(&base_text);
                // For each reading, the character of it each base character is read alike by.
                let maps: Vec<Vec<Option<usize>>> = readings[1..]
                    .iter()
                    .map(|r| {
                        let theirs = letters(&text(r));
                        let mut same = vec![None; base.len()];
                        let ops =
                            similar::capture_diff_slices(similar::Algorithm::Myers, &base, &theirs);
                        for op in ops {
                            if let similar::DiffOp::Equal {
                                old_index,
                                new_index,
                                len,
                            } = op
                            {
                                for k in 0..len {
                                    same[old_index + k] = Some(new_index + k);
                                }
                            }
                        }
                        same
                    })
                    .collect();
                let mut run = 0;
                for k in 1..base.len().saturating_sub(1) {
                    let alike = maps.iter().all(|m| m[k].is_some());
                    let in_step = maps
                        .iter()
                        .all(|m| matches!((m[k - 1], m[k]), (Some(a), Some(b)) if b == a + 1));
                    run = match (alike, in_step && k > 1) {
                        (false, _) => 0,
                        (true, true) => run + 1,
                        (true, false) => 1,
                    };
                    assert!(
                        run < 4,
                        "{files:?} {show:?}: a run all read alike inside the place at line {}: {p}",
                        p["base"]["line"]
                    );
                }
            }
        }
    }
}

/// Two sentences swapped with each other inside one line (issue 30) are one transposition
/// place, the same as a sentence moved to another line: in a classical line of four-character
/// sentences, a modern Chinese one and an English one, with a third witness reading as the
/// base. The place is one of the two sentences (whichever the alignment keeps in place, the
/// other is what moved), the swapping witness's reading is `moved` with that sentence's text,
/// and the pair report has that one hotspot, of kind `moved`.
#[test]
fn two_sentences_swapped_inside_a_line_are_one_moved_place() {
    use crate::common::{TempDir, duizhao, path_arg};
    let tmp = TempDir::new("apparatus-swap");
    let cases = [
        (
            "第一段如下。\n",
            ["天下大亂。", "民不聊生。"],
            "其後如何。\n",
        ),
        (
            "序言如下。",
            ["天下大乱，百姓流离。", "民不聊生，饿殍遍野。"],
            "其后如何，无人知晓。\n",
        ),
        (
            "",
            ["The storm came. ", "We ran home fast. "],
            "The door was shut.\n",
        ),
    ];
    for (k, (before, [one, two], after)) in cases.iter().enumerate() {
        let base = tmp.write(
            &format!("{k}-a.txt"),
            format!("{before}{one}{two}{after}").as_bytes(),
        );
        let swapped = tmp.write(
            &format!("{k}-b.txt"),
            format!("{before}{two}{one}{after}").as_bytes(),
        );
        let copy = tmp.write(
            &format!("{k}-c.txt"),
            format!("{before}{one}{two}{after}").as_bytes(),
        );
        let files = [path_arg(&base), path_arg(&swapped), path_arg(&copy)];
        let mut args = vec!["--report", "json", "--all"];
        args.extend(files);
        let out = duizhao(tmp.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let places = json["places"].as_array().expect("places");
        assert_eq!(places.len(), 1, "{one}{two}: {places:#?}");
        let readings = places[0]["readings"].as_array().expect("readings");
        let text = |r: &serde_json::Value| r["text"].as_str().expect("text").trim().to_string();
        let sentence = text(&readings[0]);
        assert!(
            [one.trim(), two.trim()].contains(&sentence.as_str()),
            "{one}{two}: the place is {sentence:?}"
        );
        assert_eq!(readings.len(), 2, "{readings:#?}");
        assert_eq!(readings[0]["sigla"], serde_json::json!(["A", "C"]));
        assert_eq!(readings[1]["sigla"], serde_json::json!(["B"]));
        assert_eq!(readings[1]["moved"], true);
        assert_eq!(text(&readings[1]), sentence);
        // The pair: one hotspot, the move.
        let out = duizhao(tmp.path(), &["--report", "json", files[0], files[1]]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let hotspots = json["hotspots"].as_array().expect("hotspots");
        assert_eq!(hotspots.len(), 1, "{hotspots:#?}");
        assert_eq!(hotspots[0]["kind"], "moved");
    }
}
