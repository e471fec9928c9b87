//! Sigla: the short distinct names of witnesses (`A`, `B`, `C`…, or `甲`, `乙` as an editor
//! chooses) that the apparatus, the reports and TEI's `wit="#A"` use where a file name would be
//! too long, or the same for two editions kept in folders (`ed1/KR3a0002_001.txt`).
//!
//! A siglum is given on the command line as `SIGLUM=PATH` for a SOURCE, or with
//! `--sigla A=1,B=name.txt` (a source by 1-based number, name or path, as `--left` takes it) or
//! `--sigla 甲,乙,丙` (in the sources' order). Every source without one gets the next letter
//! from `A`, `B` … `Z`, `AA`, `AB` … that no source was given. A siglum is an XML name (a
//! letter or `_`, then letters, digits, `_`, `-`, `.`), at most [`MAX_LEN`] characters, so
//! that it can be a TEI `xml:id` as it is.

use super::Source;
use super::error::{Error, ErrorKind};
use super::names::select;

/// The longest siglum accepted, in characters.
pub const MAX_LEN: usize = 16;

/// Whether `s` may be a siglum: an XML name of at most [`MAX_LEN`] characters.
pub fn is_siglum(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| (c.is_alphabetic() || c == '_') && xml_name_start(c))
        && chars.all(|c| (c.is_alphanumeric() || matches!(c, '_' | '-' | '.')) && xml_name_char(c))
        && s.chars().count() <= MAX_LEN
}

/// XML 1.0's NameStartChar, the colon left out (an NCName): `µ` and `ª` are letters to
/// Unicode but not to XML.
fn xml_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0's NameChar, the colon left out.
fn xml_name_char(c: char) -> bool {
    xml_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// The `n`-th default siglum (0-based): `A` … `Z`, `AA` … `AZ`, `BA` …, as spreadsheet
/// columns are named.
pub fn default_siglum(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// A SOURCE argument of the form `SIGLUM=PATH`: the siglum and the path, when the part before
/// the first `=` is a siglum. (An existing file whose name holds `=` is the caller's to try
/// first.)
pub fn split_source_argument(arg: &str) -> Option<(&str, &str)> {
    arg.split_once('=')
        .filter(|(siglum, path)| is_siglum(siglum) && !path.is_empty())
}

/// Gives every source its siglum: first those `--sigla` names (`spec`, if given), then, to
/// every source still without one, the next default siglum no source has. Fails, naming the
/// entry, on a siglum that is not an XML name, an entry naming no source, or two sources with
/// one siglum.
pub fn assign_sigla(sources: &mut [Source], spec: Option<&str>) -> Result<(), Error> {
    let err = |entry: &str, why: String| {
        Error::new(format!("--sigla {entry}"), ErrorKind::BadSiglum(why))
    };
    if let Some(spec) = spec {
        let entries: Vec<&str> = spec.split(',').map(str::trim).collect();
        for (k, entry) in entries.iter().enumerate() {
            let (siglum, index) = match entry.split_once('=') {
                Some((siglum, which)) => (siglum, select(sources, which, "--sigla")?),
                None if k < sources.len() => (*entry, k),
                None => {
                    return Err(err(
                        entry,
                        format!("entry {} but there are {} sources", k + 1, sources.len()),
                    ));
                }
            };
            if !is_siglum(siglum) {
                return Err(err(entry, not_a_siglum()));
            }
            sources[index].siglum = siglum.to_string();
        }
    }
    for i in 0..sources.len() {
        if let Some(j) = (0..i)
            .find(|&j| !sources[i].siglum.is_empty() && sources[j].siglum == sources[i].siglum)
        {
            return Err(err(
                &sources[i].siglum,
                format!("given to both {} and {}", sources[j].name, sources[i].name),
            ));
        }
    }
    fill_default_sigla(sources);
    Ok(())
}

/// Gives every source without a siglum the next default siglum that no source has.
pub fn fill_default_sigla(sources: &mut [Source]) {
    let mut next = 0;
    for i in 0..sources.len() {
        if !sources[i].siglum.is_empty() {
            continue;
        }
        let siglum = loop {
            let candidate = default_siglum(next);
            next += 1;
            if sources.iter().all(|s| s.siglum != candidate) {
                break candidate;
            }
        };
        sources[i].siglum = siglum;
    }
}

/// Why a siglum was refused.
pub(crate) fn not_a_siglum() -> String {
    format!(
        "a siglum is a letter or _ then letters, digits, _, - or . (at most {MAX_LEN} characters)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(n: usize) -> Vec<Source> {
        (0..n)
            .map(|i| {
                let name = format!("s{i}.txt");
                Source::from_text(&name, &name, "UTF-8", String::new(), Vec::new())
            })
            .collect()
    }

    fn sigla(sources: &[Source]) -> Vec<&str> {
        sources.iter().map(|s| s.siglum.as_str()).collect()
    }

    #[test]
    fn defaults_are_letters_then_pairs_of_letters() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(default_siglum)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn given_sigla_are_kept_and_defaults_skip_them() {
        let mut s = sources(4);
        assign_sigla(&mut s, Some("A=3, 甲=s3.txt")).unwrap();
        assert_eq!(sigla(&s), ["B", "C", "A", "甲"]);
        let mut s = sources(3);
        assign_sigla(&mut s, Some("P,Q")).unwrap();
        assert_eq!(sigla(&s), ["P", "Q", "A"]);
        let mut s = sources(2);
        s[1].siglum = "B".into();
        assign_sigla(&mut s, None).unwrap();
        assert_eq!(sigla(&s), ["A", "B"]);
    }

    #[test]
    fn bad_sigla_are_refused_with_the_entry() {
        let mut s = sources(2);
        let e = assign_sigla(&mut s, Some("A=1,A=2"))
            .unwrap_err()
            .to_string();
        assert_eq!(e, "--sigla A: given to both s0.txt and s1.txt");
        let e = assign_sigla(&mut sources(2), Some("1x=1"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("--sigla 1x=1: a siglum is"), "{e}");
        let e = assign_sigla(&mut sources(2), Some("A,B,C"))
            .unwrap_err()
            .to_string();
        assert_eq!(e, "--sigla C: entry 3 but there are 2 sources");
        let e = assign_sigla(&mut sources(2), Some("A=9"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("--sigla 9: no source number 9"), "{e}");
    }

    #[test]
    fn a_siglum_is_an_xml_name() {
        for ok in ["A", "甲", "B1", "ed_2", "K.3-a", "ÄB"] {
            assert!(is_siglum(ok), "{ok}");
        }
        for bad in [
            "",
            "1",
            "-A",
            "A B",
            "A,B",
            "A=B",
            "#A",
            "AAAAAAAAAAAAAAAAA",
            // Letters to Unicode, not name characters to XML.
            "µ",
            "ª",
            "Aª",
            "Aµ",
        ] {
            assert!(!is_siglum(bad), "{bad}");
        }
        assert_eq!(split_source_argument("甲=a/b.txt"), Some(("甲", "a/b.txt")));
        assert_eq!(split_source_argument("a/b=c.txt"), None);
        assert_eq!(split_source_argument("A="), None);
    }
}
