//! Sources: loading files and directories, and decoding them to text.
//!
//! A source is decoded once and kept exactly: every offset the comparison reports counts Unicode
//! scalar values in this decoded text (a byte-order mark is not part of it). Decoding follows
//! the byte-order mark when there is one (UTF-8, UTF-16LE/BE); otherwise valid UTF-8 is UTF-8,
//! and anything else is detected with `chardetng` (GB18030/GBK, Big5, Shift_JIS, EUC-KR,
//! windows-125x …) and decoded with `encoding_rs`. Text that is UTF-8 but for a few broken bytes
//! stays UTF-8, with U+FFFD in their place and a warning.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Largest source accepted, in bytes. Larger files are refused with a clear message rather than
/// risking the machine's memory (a comparison holds several copies of each text).
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// The five bundled sample sources, opened when no SOURCE is given.
pub const SAMPLES: [(&str, &[u8]); 5] = [
    (
        "000_00a56f0df81fb580.txt",
        include_bytes!("../assets/000_00a56f0df81fb580.txt"),
    ),
    (
        "001_b9d3a1e7e2d39cea.txt",
        include_bytes!("../assets/001_b9d3a1e7e2d39cea.txt"),
    ),
    (
        "002_d4bcd45d2c455e6c.txt",
        include_bytes!("../assets/002_d4bcd45d2c455e6c.txt"),
    ),
    (
        "003_1abfbb9facdbea73.txt",
        include_bytes!("../assets/003_1abfbb9facdbea73.txt"),
    ),
    (
        "004_8b4324cd1f24d36d.txt",
        include_bytes!("../assets/004_8b4324cd1f24d36d.txt"),
    ),
];

/// A source that could not be loaded: which input, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The input as the user gave it.
    pub input: String,
    /// Why it could not be used.
    pub reason: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Input names are untrusted: the message stays one line with nothing hidden in it.
        write!(
            f,
            "{}: {}",
            crate::sanitize::escape(&self.input),
            crate::sanitize::escape(&self.reason)
        )
    }
}

impl std::error::Error for LoadError {}

/// A decoded source text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file name (without directories).
    pub name: String,
    /// The path as given (or as found in a given directory).
    pub path: String,
    /// The encoding it was decoded from, e.g. `UTF-8`, `UTF-16LE`, `GB18030`, `Big5`.
    pub encoding: &'static str,
    /// The decoded text, byte-order mark excluded.
    pub text: String,
    /// Problems met while decoding (e.g. invalid bytes replaced by U+FFFD).
    pub warnings: Vec<String>,
    /// Byte offset of every character, plus the text's length.
    char_bytes: Vec<u32>,
    /// Character offset of the start of every line.
    line_starts: Vec<u32>,
}

impl Source {
    /// A source from bytes, decoding them.
    pub fn from_bytes(name: &str, path: &str, bytes: &[u8]) -> Result<Source, LoadError> {
        let err = |reason: String| LoadError {
            input: path.to_string(),
            reason,
        };
        if bytes.len() as u64 > MAX_SOURCE_BYTES {
            return Err(err(too_large(bytes.len() as u64)));
        }
        let decoded = decode(bytes).map_err(err)?;
        Ok(Source::from_text(
            name,
            path,
            decoded.encoding,
            decoded.text,
            decoded.warnings,
        ))
    }

    /// A source from text that is already decoded.
    pub fn from_text(
        name: &str,
        path: &str,
        encoding: &'static str,
        text: String,
        warnings: Vec<String>,
    ) -> Source {
        let mut char_bytes = Vec::with_capacity(text.len() / 2);
        let mut line_starts = vec![0];
        for (i, (byte, c)) in text.char_indices().enumerate() {
            char_bytes.push(byte as u32);
            if c == '\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        char_bytes.push(text.len() as u32);
        Source {
            name: name.to_string(),
            path: path.to_string(),
            encoding,
            text,
            warnings,
            char_bytes,
            line_starts,
        }
    }

    /// The number of characters (Unicode scalar values).
    pub fn char_len(&self) -> usize {
        self.char_bytes.len() - 1
    }

    /// The text of a character range.
    pub fn slice(&self, range: Range<usize>) -> &str {
        &self.text[self.char_bytes[range.start] as usize..self.char_bytes[range.end] as usize]
    }

    /// The 1-based line number of a character offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s as usize <= offset)
    }

    /// The character offset where a 0-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .map_or(self.char_len(), |&s| s as usize)
    }

    /// The number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

fn too_large(len: u64) -> String {
    format!(
        "file is {} MiB, larger than the {} MiB limit",
        len.div_ceil(1024 * 1024),
        MAX_SOURCE_BYTES / (1024 * 1024)
    )
}

/// Decoded text with the name of its encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, byte-order mark excluded.
    pub text: String,
    /// The encoding's name.
    pub encoding: &'static str,
    /// Problems met while decoding.
    pub warnings: Vec<String>,
}

/// Decodes bytes of unknown encoding. Fails only for data that is not text: NUL bytes
/// outside UTF-16, or mostly control characters and undecodable bytes once decoded.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let decoded = decode_text(bytes)?;
    // Text may hold a few controls (escape sequences are kept and shown): more than one
    // character in ten that no text uses means this is not text.
    let odd = decoded
        .text
        .chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1b}'))
                || c == '\u{FFFD}'
        })
        .count();
    let total = decoded.text.chars().count();
    if odd > 8 && odd * 10 > total {
        return Err(format!(
            "binary file ({}% control characters or undecodable bytes), not text",
            odd * 100 / total
        ));
    }
    Ok(decoded)
}

fn decode_text(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(Decoded {
            warnings: invalid_warning(errors, &text, encoding.name()),
            text: text.into_owned(),
            encoding: encoding.name(),
        });
    }
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes), not text".to_string());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
            warnings: Vec::new(),
        });
    }
    // Mostly UTF-8 with a few broken bytes stays UTF-8.
    let (lossy, _) = encoding_rs::UTF_8.decode_without_bom_handling(bytes);
    let broken = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
    if broken * 10 <= lossy.chars().count() {
        return Ok(Decoded {
            warnings: invalid_warning(true, &lossy, "UTF-8"),
            text: lossy.into_owned(),
            encoding: "UTF-8",
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    if encoding == encoding_rs::GBK {
        // GB18030 is a superset of GBK and decodes everything GBK does.
        encoding = encoding_rs::GB18030;
    }
    let (text, errors) = encoding.decode_without_bom_handling(bytes);
    let name = match encoding.name() {
        "gb18030" => "GB18030",
        other => other,
    };
    Ok(Decoded {
        warnings: invalid_warning(errors, &text, name),
        text: text.into_owned(),
        encoding: name,
    })
}

fn invalid_warning(errors: bool, text: &str, encoding: &str) -> Vec<String> {
    if !errors {
        return Vec::new();
    }
    let n = text.chars().filter(|&c| c == '\u{FFFD}').count();
    vec![format!(
        "{n} invalid {encoding} byte sequence{} replaced by U+FFFD",
        if n == 1 { "" } else { "s" }
    )]
}

/// Loads the sources named on the command line: each a file, or a directory whose text files
/// (not hidden, not binary) are taken in name order.
pub fn load_all(inputs: &[String]) -> Result<Vec<Source>, LoadError> {
    let mut out = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        let err = |reason: String| LoadError {
            input: input.clone(),
            reason,
        };
        let meta = std::fs::metadata(path).map_err(|e| err(io_reason(&e)))?;
        if meta.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| err(io_reason(&e)))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && !is_hidden(p))
                .collect();
            files.sort();
            let before = out.len();
            for file in files {
                match load_file(&file) {
                    Ok(source) => out.push(source),
                    // A directory may hold other files beside the texts: skip what is not text.
                    Err(e) if e.reason.starts_with("binary") => continue,
                    Err(e) => return Err(e),
                }
            }
            if out.len() == before {
                return Err(err("directory has no text files".to_string()));
            }
        } else {
            out.push(load_file(path)?);
        }
    }
    Ok(out)
}

/// The bundled samples as sources.
pub fn samples() -> Vec<Source> {
    SAMPLES
        .iter()
        .map(|(name, bytes)| {
            Source::from_bytes(name, &format!("assets/{name}"), bytes)
                .expect("the bundled samples are UTF-8 text")
        })
        .collect()
}

/// Finds the source a `--left`/`--right` value names: a 1-based index, a file name, or a path
/// as given. `flag` names the option in the error message.
pub fn select(sources: &[Source], value: &str, flag: &str) -> Result<usize, LoadError> {
    let err = |reason: String| LoadError {
        input: format!("{flag} {value}"),
        reason,
    };
    if let Ok(n) = value.parse::<usize>() {
        return if (1..=sources.len()).contains(&n) {
            Ok(n - 1)
        } else {
            Err(err(format!(
                "no source number {n} (there are {})",
                sources.len()
            )))
        };
    }
    sources
        .iter()
        .position(|s| s.name == value)
        .or_else(|| sources.iter().position(|s| s.path == value))
        .ok_or_else(|| {
            let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
            err(format!(
                "no source of that name (give 1 to {} or one of: {})",
                sources.len(),
                names.join(", ")
            ))
        })
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn load_file(path: &Path) -> Result<Source, LoadError> {
    let shown = path.display().to_string();
    let err = |reason: String| LoadError {
        input: shown.clone(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(io_reason(&e)))?;
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(err(too_large(meta.len())));
    }
    let bytes = std::fs::read(path).map_err(|e| err(io_reason(&e)))?;
    let name = path
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    Source::from_bytes(&name, &shown, &bytes)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("中文".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("中文", "UTF-8"));
        let d = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("abc", "UTF-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "中央外事".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("中央外事", "UTF-16LE"));
    }

    #[test]
    fn legacy_chinese_encodings_are_detected() {
        let text = "中央外事工作会议在北京举行。习近平出席会议并发表重要讲话，深刻阐述新征程对外工作面临的国际环境。";
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let d = decode(&gb).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "GB18030"));
        let traditional = "中央外事工作會議在北京舉行。習近平出席會議並發表重要講話，深刻闡述新征程對外工作面臨的國際環境。";
        let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
        let d = decode(&big5).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (traditional, "Big5"));
    }

    #[test]
    fn broken_utf8_keeps_utf8_with_a_warning() {
        let mut bytes = "中央外事工作会议在北京举行".as_bytes().to_vec();
        bytes.insert(6, 0xFF);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "中央\u{FFFD}外事工作会议在北京举行");
        assert_eq!(
            d.warnings,
            ["1 invalid UTF-8 byte sequence replaced by U+FFFD"]
        );
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"abc\0def").unwrap_err().contains("binary"));
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 37 % 31 + 1) as u8).collect();
        assert!(decode(&noise).unwrap_err().contains("control characters"));
        // Escape sequences alone do not make text binary.
        assert!(decode("\u{1b}[2J\u{1b}]0;title\u{7}".repeat(50).as_bytes()).is_ok());
    }

    #[test]
    fn offsets_and_lines() {
        let s = Source::from_text("n", "p", "UTF-8", "ab\n中文\nx".to_string(), vec![]);
        assert_eq!(s.char_len(), 7);
        assert_eq!(s.slice(3..5), "中文");
        assert_eq!(
            (s.line_of(0), s.line_of(2), s.line_of(3), s.line_of(6)),
            (1, 1, 2, 3)
        );
        assert_eq!(s.line_start(1), 3);
    }

    #[test]
    fn select_by_index_name_or_path() {
        let s = samples();
        assert_eq!(select(&s, "3", "--left").unwrap(), 2);
        assert_eq!(select(&s, "001_b9d3a1e7e2d39cea.txt", "--left").unwrap(), 1);
        assert_eq!(
            select(&s, "assets/004_8b4324cd1f24d36d.txt", "--left").unwrap(),
            4
        );
        let e = select(&s, "9", "--right").unwrap_err();
        assert_eq!(e.to_string(), "--right 9: no source number 9 (there are 5)");
        assert!(select(&s, "0", "--left").is_err());
        assert!(
            select(&s, "nope.txt", "--left")
                .unwrap_err()
                .reason
                .contains("000_00a56f0df81fb580.txt")
        );
    }

    #[test]
    fn samples_load() {
        let s = samples();
        assert_eq!(s.len(), 5);
        assert!(
            s.iter()
                .all(|s| s.encoding == "UTF-8" && s.char_len() > 2000)
        );
    }
}
