//! The apparatus as TEI P5 parallel segmentation (`--report tei --all`), the form textual
//! scholars exchange apparatuses in (CollateX and Juxta write it).
//!
//! `teiHeader` names every witness in a `listWit` (`<witness xml:id="A">`, the siglum as
//! given or `A`, `B`…) and declares `<variantEncoding method="parallel-segmentation"
//! location="internal"/>`. The body is the base text, a `<p>` per paragraph (blank lines part
//! them; a place never is), a `<lb/>` before each line break kept in the text, and an
//! `<app>` at every variant place: `<lem>` with the base's reading and the witnesses that agree
//! with it, a `<rdg>` per other reading with its witnesses (`wit="#B #C"`), each carrying the
//! **original** text of the first witness that reads it (never the normalised form: CollateX
//! #64), an omission as an empty `<rdg>`. `@type` is the reading's class (`wording`,
//! `punctuation`…; `moved` for a transposition, whose `<rdg>` is the witness's text where it
//! has the passage, with `@n` its line there); the `<app>`'s own `@type` is its weightiest
//! reading's class. A place inside another (a passage some witnesses lack, holding a small
//! variant of others) is an `<app>` inside the outer one's `<lem>`; one that begins inside
//! another and runs past it (rare: XML elements cannot cross) begins where that one ends, its
//! `<lem>` the base text from there.
//!
//! XML is written by `quick-xml`, which escapes text and attributes. What XML 1.0 cannot hold
//! (C0 controls but tab and line breaks, U+FFFE, U+FFFF) is written as
//! `<g type="control" n="U+001B"/>` (DEL and the C1 controls too), a bidirectional formatting
//! character as `<g type="bidi" n="U+202E"/>`; a carriage return as `&#13;`, so that it
//! survives parsing.

use super::{ApparatusReport, PlaceInfo};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::ops::Range;

/// The TEI namespace.
const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// The apparatus `report` as a TEI P5 document.
pub fn apparatus(report: &ApparatusReport) -> String {
    let mut w = Tei(Writer::new(Vec::new()));
    w.write(report);
    String::from_utf8_lossy(&w.0.into_inner()).into_owned()
}

/// The tag `name` with `attributes`.
fn tag<'n>(name: &'n str, attributes: &[(&str, &str)]) -> BytesStart<'n> {
    BytesStart::new(name).with_attributes(attributes.iter().copied())
}

/// A writer of TEI into memory (writing to a `Vec` cannot fail).
struct Tei(Writer<Vec<u8>>);

impl Tei {
    fn event(&mut self, e: Event) {
        // Writing into a Vec<u8> never fails.
        let _ = self.0.write_event(e);
    }

    fn start(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.event(Event::Start(tag(name, attributes)));
    }

    fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.event(Event::Empty(tag(name, attributes)));
    }

    fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// Layout between elements (never inside text content).
    fn indent(&mut self, depth: usize) {
        self.event(Event::Text(BytesText::from_escaped(format!(
            "\n{}",
            "  ".repeat(depth)
        ))));
    }

    /// `name` holding `text` as plain content.
    fn element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.start(name, attributes);
        self.text(text);
        self.end(name);
    }

    /// Source text: escaped, a `<lb/>` before each line break, a carriage return as a
    /// character reference, a character XML cannot hold as `<g>`.
    fn text(&mut self, text: &str) {
        let mut run = String::new();
        for c in text.chars() {
            if !(c == '\n' || control(c) || bidi(c)) {
                run.push(c);
                continue;
            }
            if !run.is_empty() {
                self.event(Event::Text(BytesText::new(&run)));
                run.clear();
            }
            match c {
                '\n' => {
                    self.empty("lb", &[]);
                    self.event(Event::Text(BytesText::new("\n")));
                }
                '\r' => self.event(Event::Text(BytesText::from_escaped("&#13;"))),
                _ => {
                    let n = format!("U+{:04X}", c as u32);
                    let kind = if bidi(c) { "bidi" } else { "control" };
                    self.empty("g", &[("type", kind), ("n", &n)]);
                }
            }
        }
        if !run.is_empty() {
            self.event(Event::Text(BytesText::new(&run)));
        }
    }

    fn write(&mut self, report: &ApparatusReport) {
        self.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        self.indent(0);
        self.start("TEI", &[("xmlns", TEI_NS)]);
        self.indent(1);
        self.header(report);
        self.indent(1);
        self.start("text", &[]);
        self.indent(2);
        self.start("body", &[]);
        self.indent(3);
        let wit = format!("#{}", report.sources[report.base_index].siglum);
        self.start("div", &[("type", "edition"), ("corresp", &wit)]);
        self.body(report);
        self.indent(3);
        self.end("div");
        self.indent(2);
        self.end("body");
        self.indent(1);
        self.end("text");
        self.indent(0);
        self.end("TEI");
        self.event(Event::Text(BytesText::new("\n")));
    }

    fn header(&mut self, report: &ApparatusReport) {
        self.start("teiHeader", &[]);
        self.indent(2);
        self.start("fileDesc", &[]);
        self.indent(3);
        self.start("titleStmt", &[]);
        self.indent(4);
        let title = format!(
            "Apparatus of {} witnesses against {}",
            report.sources.len(),
            report.base
        );
        self.element("title", &[], &title);
        self.indent(3);
        self.end("titleStmt");
        self.indent(3);
        self.start("publicationStmt", &[]);
        self.indent(4);
        let by = format!(
            "Collated by duizhao {}; readings are the witnesses' original text.",
            env!("CARGO_PKG_VERSION")
        );
        self.element("p", &[], &by);
        self.indent(3);
        self.end("publicationStmt");
        self.indent(3);
        self.start("sourceDesc", &[]);
        self.indent(4);
        self.start("listWit", &[]);
        for s in &report.sources {
            self.indent(5);
            self.start("witness", &[("xml:id", s.siglum)]);
            self.text(&s.label);
            if s.path != s.label {
                self.event(Event::Text(BytesText::new(" (")));
                self.start("idno", &[("type", "path")]);
                self.text(s.path);
                self.end("idno");
                self.event(Event::Text(BytesText::new(")")));
            }
            self.end("witness");
        }
        self.indent(4);
        self.end("listWit");
        self.indent(3);
        self.end("sourceDesc");
        self.indent(2);
        self.end("fileDesc");
        self.indent(2);
        self.start("encodingDesc", &[]);
        self.indent(3);
        self.empty(
            "variantEncoding",
            &[
                ("method", "parallel-segmentation"),
                ("location", "internal"),
            ],
        );
        self.indent(2);
        self.end("encodingDesc");
        self.indent(1);
        self.end("teiHeader");
    }

    /// The base text in paragraphs, an `<app>` at every place.
    fn body(&mut self, report: &ApparatusReport) {
        let text: Vec<char> = report.base_text.chars().collect();
        let places = &report.places;
        // Paragraphs: cut at runs of white space holding two line breaks that no place
        // overlaps.
        let overlapped = |from: usize, to: usize| {
            places
                .iter()
                .any(|p| p.base.start < to && p.base.end > from)
        };
        let mut paragraphs: Vec<Range<usize>> = Vec::new();
        let (mut start, mut i) = (0, 0);
        while i < text.len() {
            if text[i] != '\n' {
                i += 1;
                continue;
            }
            let mut j = i;
            let mut breaks = 0;
            while j < text.len() && text[j].is_whitespace() {
                breaks += usize::from(text[j] == '\n');
                j += 1;
            }
            if breaks >= 2 && !overlapped(i, j) {
                paragraphs.push(start..i);
                start = j;
            }
            i = j;
        }
        paragraphs.push(start..text.len());
        let mut next = 0;
        for para in paragraphs {
            let blank = text[para.clone()].iter().all(|c| c.is_whitespace());
            let holds_place = places.get(next).is_some_and(|p| p.base.start <= para.end);
            if blank && !holds_place {
                continue;
            }
            self.indent(4);
            self.start("p", &[]);
            next = self.segment(report, &text, para, next, false);
            self.end("p");
        }
    }

    /// Writes the base text `range` with the places from `next` on that start in it (or, if
    /// empty, at its end), each nested in the place before it when inside it; returns the
    /// first place not written. In a place's `<lem>` (`nested`), a place running past its end
    /// is left to the level above, where it starts once the outer place has ended.
    fn segment(
        &mut self,
        report: &ApparatusReport,
        text: &[char],
        range: Range<usize>,
        mut next: usize,
        nested: bool,
    ) -> usize {
        let mut at = range.start;
        while let Some(place) = report.places.get(next) {
            let b = &place.base;
            let inside = b.start < range.end || (b.start == range.end && b.end == range.end);
            if !inside || (nested && b.end > range.end) {
                break;
            }
            let start = b.start.clamp(at, range.end);
            let end = b.end.clamp(start, range.end);
            self.text(&text[at..start].iter().collect::<String>());
            next = self.app(report, text, place, start..end, next + 1);
            at = end;
        }
        self.text(&text[at..range.end].iter().collect::<String>());
        next
    }

    /// One place: `<app>` with its `<lem>` (the base text `range`, places inside it nested)
    /// and a `<rdg>` per other reading.
    fn app(
        &mut self,
        report: &ApparatusReport,
        text: &[char],
        place: &PlaceInfo,
        range: Range<usize>,
        next: usize,
    ) -> usize {
        let wit = |sigla: &[&str]| {
            sigla
                .iter()
                .map(|s| format!("#{s}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let weightiest = place
            .readings
            .iter()
            .filter_map(|r| r.class)
            .min_by_key(|c| {
                crate::engine::compare::Class::ALL
                    .iter()
                    .position(|x| x == c)
            });
        let app_type = weightiest.map(|c| c.name());
        let mut attributes = Vec::new();
        if let Some(t) = app_type {
            attributes.push(("type", t));
        }
        self.start("app", &attributes);
        let mut next = next;
        for (k, r) in place.readings.iter().enumerate() {
            let wit = wit(&r.sigla);
            let class = r.class.map(|c| c.name());
            let line = r.first.as_ref().map(|f| f.line.to_string());
            let mut attributes = vec![("wit", wit.as_str())];
            if let Some(class) = class {
                attributes.push(("type", class));
            }
            if k == 0 {
                self.start("lem", &attributes);
                next = self.segment(report, text, range.clone(), next, true);
                self.end("lem");
                continue;
            }
            if r.moved
                && let Some(line) = &line
            {
                attributes.push(("n", line));
            }
            // Text beyond the base's extent (a page's other material): TEI's `@cause`.
            if r.added {
                attributes.push(("cause", "added"));
            }
            // A note read with its halves in swapped order: an inversion.
            if r.inverted {
                attributes.push(("cause", "inversion"));
            }
            if r.text.is_empty() {
                self.empty("rdg", &attributes);
            } else {
                self.element("rdg", &attributes, r.text);
            }
        }
        self.end("app");
        next
    }
}

/// A character TEI text holds as `<g type="control">`: C0 controls but tab, line feed (an
/// `<lb/>`) and carriage return (a character reference), DEL, C1 controls (a terminal may act
/// on U+009B as on ESC [), and the noncharacters XML cannot hold.
fn control(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n')
        || ('\u{7F}'..='\u{9F}').contains(&c)
        || c == '\u{FFFE}'
        || c == '\u{FFFF}'
}

/// A bidirectional formatting character, held as `<g type="bidi">` so that it reorders
/// nothing where the file is shown.
fn bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}
