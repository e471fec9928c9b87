//! The TEI P5 apparatus (`--report tei`), read back with an XML parser and checked against the
//! JSON apparatus of the same run and against the source files themselves: every place one
//! `<app>`, every witness in exactly one reading of it, each reading the witness's original
//! text (found in its file as it is, never a normalised form), and the base text whole.
//!
//! No TEI schema could be installed from the registries this project builds from (npm, PyPI,
//! Debian and crates.io carry no `tei_all.rng`), so the document is checked structurally: well
//! formed, in the TEI namespace, `listWit` naming each witness once, every `wit` pointing at a
//! witness, readings only inside `<app>`.

use crate::common;

use common::{TempDir, duizhao, path_arg};
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// An element of the parsed document.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    Element(Element),
    Text(String),
}

/// Parses `xml` into its root element; panics on anything not well formed.
fn parse(xml: &str) -> Element {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = vec![Element::default()];
    let text = |stack: &mut Vec<Element>, s: &str| {
        let top = stack.last_mut().expect("an open element");
        match top.children.last_mut() {
            Some(Node::Text(t)) => t.push_str(s),
            _ => top.children.push(Node::Text(s.to_string())),
        }
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack
                    .last_mut()
                    .expect("open")
                    .children
                    .push(Node::Element(el));
            }
            Event::End(_) => {
                let done = stack.pop().expect("an element to close");
                stack
                    .last_mut()
                    .expect("a parent")
                    .children
                    .push(Node::Element(done));
            }
            Event::Text(t) => text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().expect("a character reference") {
                    Some(c) => c,
                    None => match &*r.xml10_content() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "apos" => '\'',
                        "quot" => '"',
                        other => panic!("unknown entity {other}"),
                    },
                };
                text(&mut stack, &c.to_string());
            }
            Event::CData(_) | Event::DocType(_) | Event::PI(_) => panic!("unexpected XML"),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "elements left open");
    let mut document = stack.pop().expect("the document");
    let roots: Vec<Element> = document
        .children
        .drain(..)
        .filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(t) => {
                assert!(t.trim().is_empty(), "text outside the root: {t:?}");
                None
            }
        })
        .collect();
    assert_eq!(roots.len(), 1, "one root element");
    roots.into_iter().next().expect("root")
}

fn element(e: &quick_xml::events::BytesStart) -> Element {
    Element {
        name: e.name().as_ref().to_string(),
        attributes: e
            .attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("attribute value")
                        .into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
    }
}

impl Element {
    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Every element named `name` below this one, in document order.
    fn all(&self, name: &str) -> Vec<&Element> {
        let mut out = Vec::new();
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            out.extend(e.all(name));
        }
        out
    }

    fn find(&self, name: &str) -> &Element {
        self.all(name)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no <{name}>"))
    }

    /// The text this element reads as one witness's text: its text, a `<g>` as the character
    /// its `@n` names, and of an `<app>` inside it only the `<lem>` (the base reading).
    fn reading(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if e.name == "app" => out.push_str(
                    &e.elements()
                        .find(|r| r.name == "lem")
                        .expect("lem")
                        .reading(),
                ),
                Node::Element(e) if e.name == "g" => {
                    let n = e.attributes["n"].trim_start_matches("U+");
                    let c = u32::from_str_radix(n, 16).ok().and_then(char::from_u32);
                    out.push(c.expect("a code point"));
                }
                Node::Element(e) => out.push_str(&e.reading()),
            }
        }
        out
    }

    fn wit(&self) -> Vec<String> {
        self.attributes
            .get("wit")
            .map(|w| w.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default()
    }
}

fn run(cwd: &Path, args: &[&str]) -> String {
    let out = duizhao(cwd, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Checks the TEI `tei` against the JSON apparatus `json` of the same sources, and each
/// reading against the files (`files[i]`: source `i`'s decoded text, read by the test).
fn check(tei: &str, json: &Value, files: &[String]) {
    let root = parse(tei);
    assert_eq!(root.name, "TEI");
    assert_eq!(root.attributes["xmlns"], "http://www.tei-c.org/ns/1.0");
    let sources = json["sources"].as_array().expect("sources");
    let sigla: Vec<String> = sources
        .iter()
        .map(|s| s["siglum"].as_str().expect("siglum").to_string())
        .collect();
    // listWit: each witness once, by its siglum.
    let witnesses: Vec<String> = root
        .find("listWit")
        .all("witness")
        .iter()
        .map(|w| w.attributes["xml:id"].clone())
        .collect();
    assert_eq!(witnesses, sigla);
    let method = &root.find("variantEncoding").attributes;
    assert_eq!(method["method"], "parallel-segmentation");
    // Readings only inside an app; every wit pointing at a witness.
    for name in ["lem", "rdg"] {
        let inside: usize = root
            .all("app")
            .iter()
            .map(|a| a.elements().filter(|e| e.name == name).count())
            .sum();
        assert_eq!(root.all(name).len(), inside, "<{name}> outside <app>");
    }
    let base_index = sources
        .iter()
        .position(|s| s["label"] == json["base"])
        .expect("the base among the sources");
    let base: Vec<char> = files[base_index].chars().collect();
    let apps = root.all("app");
    let places = json["places"].as_array().expect("places");
    assert_eq!(apps.len(), places.len(), "one <app> per place");
    for (n, (app, place)) in apps.iter().zip(places).enumerate() {
        let readings: Vec<&Element> = app
            .elements()
            .filter(|e| e.name == "lem" || e.name == "rdg")
            .collect();
        assert_eq!(
            readings[0].name, "lem",
            "place {n}: the base's reading first"
        );
        // Every witness in exactly one reading.
        let mut seen: Vec<String> = readings.iter().flat_map(|r| r.wit()).collect();
        seen.sort();
        let mut all: Vec<String> = sigla.iter().map(|s| format!("#{s}")).collect();
        all.sort();
        assert_eq!(seen, all, "place {n}: every witness once");
        let expected = place["readings"].as_array().expect("readings");
        assert_eq!(readings.len(), expected.len(), "place {n}");
        // The lem is the base's text at the place, read off the file.
        let (start, end) = (
            place["base"]["start"].as_u64().unwrap_or(0) as usize,
            place["base"]["end"].as_u64().unwrap_or(0) as usize,
        );
        // A place beginning inside an earlier one and running past it begins where that one
        // ends (XML elements cannot cross).
        let start = places[..n]
            .iter()
            .filter_map(|p| {
                let (s, e) = (p["base"]["start"].as_u64()?, p["base"]["end"].as_u64()?);
                let (s, e) = (s as usize, e as usize);
                (s <= start && start < e && e < end).then_some(e)
            })
            .max()
            .unwrap_or(start);
        let at_base: String = base[start..end].iter().collect();
        assert_eq!(readings[0].reading(), at_base, "place {n}: lem");
        for (k, (r, e)) in readings.iter().zip(expected).enumerate() {
            let want: Vec<String> = e["sigla"]
                .as_array()
                .expect("sigla")
                .iter()
                .map(|s| format!("#{}", s.as_str().unwrap_or("")))
                .collect();
            assert_eq!(r.wit(), want, "place {n} reading {k}");
            if k == 0 {
                continue;
            }
            let text = r.reading();
            if e["omitted"] == true {
                assert_eq!(text, "", "place {n}: an omission is an empty reading");
                continue;
            }
            // The original text of its first witness, found in that witness's file.
            let first = sigla
                .iter()
                .position(|s| Some(s.as_str()) == e["sigla"][0].as_str())
                .expect("a witness");
            assert!(
                files[first].contains(&text),
                "place {n}: reading {text:?} is not in {}'s text",
                sigla[first]
            );
            assert_eq!(
                text,
                e["text"].as_str().unwrap_or(""),
                "place {n} reading {k}"
            );
            if e["moved"] == true {
                assert_eq!(r.attributes.get("type").map(String::as_str), Some("moved"));
            }
        }
    }
    // The base text is all there: the paragraphs read as the base, white space aside.
    let body: String = root
        .find("body")
        .all("p")
        .iter()
        .map(|p| p.reading())
        .collect();
    let solid = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(solid(&body), solid(&files[base_index]));
}

#[test]
fn the_samples_apparatus_in_tei_matches_the_json_and_the_files() {
    let dir = TempDir::new("tei-samples");
    let json: Value =
        serde_json::from_str(&run(dir.path(), &["--report", "json", "--all"])).expect("JSON");
    let tei = run(dir.path(), &["--report", "tei", "--all"]);
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let files: Vec<String> = json["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| {
            let name = s["name"].as_str().expect("name");
            std::fs::read_to_string(assets.join(name)).expect("a sample")
        })
        .collect();
    assert!(json["places"].as_array().is_some_and(|p| p.len() > 5));
    check(&tei, &json, &files);
    // The 霸权/强权 place, with its class.
    let root = parse(&tei);
    let app = root
        .all("app")
        .into_iter()
        .find(|a| a.elements().next().is_some_and(|l| l.reading() == "霸权"))
        .expect("the 霸权 place");
    let strong = app
        .elements()
        .find(|r| r.reading() == "强权")
        .expect("the 强权 reading");
    assert_eq!(strong.attributes["type"], "wording");
    assert_eq!(strong.wit(), ["#B", "#D"]);
    // The check is no formality: the same document with witness D filed under the base's
    // reading instead of 强权 (still every witness once) fails it.
    let right = "<lem wit=\"#A #C\">霸权</lem><rdg wit=\"#B #D\" type=\"wording\">强权</rdg>";
    assert_eq!(tei.matches(right).count(), 1, "{tei}");
    let misfiled = tei.replace(
        right,
        "<lem wit=\"#A #C #D\">霸权</lem><rdg wit=\"#B\" type=\"wording\">强权</rdg>",
    );
    let caught = std::panic::catch_unwind(|| check(&misfiled, &json, &files));
    assert!(caught.is_err(), "a misfiled witness passed the check");
}

#[test]
fn given_sigla_name_the_witnesses_and_hostile_text_stays_text() {
    let dir = TempDir::new("tei-hostile");
    // The base holds an escape sequence (an invisible difference: in the body, no place).
    let a = "第一条　本法所称<经营者>，是指从事商品生产、经营\u{1b}[31m & 提供服务的自然人。\r\n第二条　本法自公布之日起施行。\r\n";
    let b = "第一条　本法所称<经营者>，是指从事商品生产、经营 & 提供服务的法人。\r\n第二条　本法自公布之日起施行。\r\n";
    let c = "第一条　本法所称<经营者>，是指从事商品生产、经营 & 提供服务的自然人、法人。\r\n第二条　本法自公布之日起施行。\r\n";
    let paths: Vec<_> = [("a.txt", a), ("b.txt", b), ("c.txt", c)]
        .iter()
        .map(|(name, text)| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).expect("write");
            p
        })
        .collect();
    let args = |format: &'static str| {
        let mut v: Vec<String> = vec!["--report".into(), format.into(), "--all".into()];
        v.push("--sigla".into());
        v.push("甲,乙".into());
        v.push(path_arg(&paths[0]).to_string());
        v.push(path_arg(&paths[1]).to_string());
        v.push(format!("丙={}", path_arg(&paths[2])));
        v
    };
    let json_args = args("json");
    let tei_args = args("tei");
    let json: Value = serde_json::from_str(&run(
        dir.path(),
        &json_args.iter().map(String::as_str).collect::<Vec<_>>(),
    ))
    .expect("JSON");
    let tei = run(
        dir.path(),
        &tei_args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let sigla: Vec<&str> = json["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|s| s["siglum"].as_str())
        .collect();
    assert_eq!(sigla, ["甲", "乙", "丙"]);
    check(&tei, &json, &[a.to_string(), b.to_string(), c.to_string()]);
    // The escape character is a <g>, never a raw control character; markup is text.
    assert!(!tei.contains('\u{1b}'));
    assert!(tei.contains("<g type=\"control\" n=\"U+001B\"/>"), "{tei}");
    assert!(tei.contains("&lt;经营者&gt;"));
}

#[test]
fn witnesses_of_one_file_name_in_folders_read_their_own_marked_up_text() {
    // Three witnesses named KR3a0002_001.txt alike, in mandoku markup: the readings are the
    // files' own text, markup and all where a place holds it, and the sigla tell them apart.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/kanripo_zh");
    let files: Vec<std::path::PathBuf> = ["master", "SBCK", "WYG"]
        .iter()
        .map(|d| corpus.join(d).join("KR3a0001_001.txt"))
        .collect();
    let dir = TempDir::new("tei-kanripo");
    let mut args: Vec<&str> = vec!["--all", "--sigla", "M,S,W"];
    args.extend(files.iter().map(|p| path_arg(p)));
    let with = |format: &'static str| {
        let mut a = vec!["--report", format];
        a.extend(&args);
        a
    };
    let json: Value = serde_json::from_str(&run(dir.path(), &with("json"))).expect("JSON");
    let tei = run(dir.path(), &with("tei"));
    let texts: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("UTF-8 corpus file"))
        .collect();
    assert!(json["places"].as_array().is_some_and(|p| p.len() > 20));
    check(&tei, &json, &texts);
    assert!(
        tei.contains("<witness xml:id=\"S\">SBCK/KR3a0001_001.txt"),
        "{}",
        &tei[..2000]
    );
}

/// XML 1.0's NCName, written out from the specification for this test: a name-start
/// character (a letter of the listed ranges or `_`, no colon), then name characters.
fn is_ncname(s: &str) -> bool {
    let start = |c: char| {
        matches!(c, 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
            | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
            | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
            | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
            | '\u{10000}'..='\u{EFFFF}')
    };
    let mut chars = s.chars();
    chars.next().is_some_and(start)
        && chars.all(|c| {
            start(c)
                || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}'
                    | '\u{203F}'..='\u{2040}')
        })
}

/// Hostile sigla and text: `µ` and `ª` (letters to Unicode, not to XML) are refused as sigla
/// in one line, exit 2; a witness reading C1 controls (U+009B, a terminal's CSI), DEL and a
/// right-to-left override (the base) writes none of them raw: each is a `<g>` (`control` or `bidi`)
/// naming it, the document parses, its readings match the files, and every `xml:id` is an
/// NCName.
#[test]
fn hostile_sigla_are_refused_and_c1_and_bidi_text_are_g_elements() {
    let dir = TempDir::new("tei-c1");
    let a = "第一条　本法所称经营者，是指从事商品生产的自然人。\n";
    let b = "第一条　本法所称经营者\u{9b}31m，是指从事\u{7f}商品生产的\u{202e}法人\u{202c}。\n";
    let pa = dir.write("a.txt", a.as_bytes());
    let pb = dir.write("b.txt", b.as_bytes());
    for sigla in ["µ,B", "A,ª", "A,Bª"] {
        let out = duizhao(
            dir.path(),
            &[
                "--report",
                "tei",
                "--all",
                "--sigla",
                sigla,
                path_arg(&pa),
                path_arg(&pb),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "--sigla {sigla}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("a siglum is"), "{err}");
        assert!(out.stdout.is_empty());
    }
    let args = |format: &'static str| {
        vec![
            "--report",
            format,
            "--all",
            "--show",
            "all",
            // The hostile text is the base: its whole text is written.
            path_arg(&pb),
            path_arg(&pa),
        ]
    };
    let tei = run(dir.path(), &args("tei"));
    let json: Value = serde_json::from_str(&run(dir.path(), &args("json"))).expect("JSON");
    for c in ['\u{9b}', '\u{7f}', '\u{202e}', '\u{202c}'] {
        assert!(!tei.contains(c), "U+{:04X} written raw", c as u32);
    }
    assert!(tei.contains("<g type=\"control\" n=\"U+009B\"/>"), "{tei}");
    assert!(tei.contains("<g type=\"control\" n=\"U+007F\"/>"), "{tei}");
    assert!(tei.contains("<g type=\"bidi\" n=\"U+202E\"/>"), "{tei}");
    check(&tei, &json, &[b.to_string(), a.to_string()]);
    let ids: Vec<&str> = tei
        .match_indices("xml:id=\"")
        .map(|(i, m)| {
            let rest = &tei[i + m.len()..];
            &rest[..rest.find('"').expect("closing quote")]
        })
        .collect();
    assert!(!ids.is_empty());
    for id in ids {
        assert!(is_ncname(id), "xml:id {id:?} is not an NCName");
    }
}
