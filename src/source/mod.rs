//! Sources: loading files and directories, decoding them to text, and the decoded text with
//! its character offsets and lines.
//!
//! A source is decoded once and kept exactly: every offset the comparison reports counts Unicode
//! scalar values in this decoded text (a byte-order mark is not part of it).
//!
//! * [`decode`]: bytes of unknown encoding to text, or the reason they are not text;
//! * [`load`]: files and directories named on the command line, the bundled samples, and the
//!   `--left`/`--right` choice among the loaded sources;
//! * [`error`]: one kind per cause, shown as one escaped line;
//! * [`names`]: the name each source is shown by among the others;
//! * [`sigla`]: the short names of witnesses (`A`, `B`… or as given);
//! * [`html`]: a web page reduced to its article;
//! * [`rules`]: the rules file hiding pairs of readings, read with a cap and written atomically;
//! * [`git`]: texts kept in git (`REV:PATH`, a file's history, git's external diff).

pub mod decode;
pub mod error;
pub mod flatten;
pub mod git;
pub mod html;
pub mod load;
pub mod names;
pub mod rules;
pub mod sigla;
pub mod small_file;

pub use decode::{Decoded, decode};
pub use error::{Error, ErrorKind};
pub use load::{LoadOptions, STDIN, load_all, load_with, samples};
pub use names::{distinct_names, select};
pub use sigla::assign_sigla;

use std::ops::Range;

/// Largest source accepted, in bytes. Larger files are refused with a clear message rather than
/// risking the machine's memory (a comparison holds several copies of each text).
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// The five bundled sample sources, opened when no SOURCE is given.
pub const SAMPLES: [(&str, &[u8]); 5] = [
    (
        "000_00a56f0df81fb580.txt",
        include_bytes!("../../assets/000_00a56f0df81fb580.txt"),
    ),
    (
        "001_b9d3a1e7e2d39cea.txt",
        include_bytes!("../../assets/001_b9d3a1e7e2d39cea.txt"),
    ),
    (
        "002_d4bcd45d2c455e6c.txt",
        include_bytes!("../../assets/002_d4bcd45d2c455e6c.txt"),
    ),
    (
        "003_1abfbb9facdbea73.txt",
        include_bytes!("../../assets/003_1abfbb9facdbea73.txt"),
    ),
    (
        "004_8b4324cd1f24d36d.txt",
        include_bytes!("../../assets/004_8b4324cd1f24d36d.txt"),
    ),
];

/// The commit a source was read from (a SOURCE `REV:PATH`, or `--history`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Revision {
    /// The commit's full hash.
    pub commit: String,
    /// Its short hash, as git abbreviates it in this repository.
    pub short: String,
    /// The commit's date, `YYYY-MM-DD` (the committer's).
    pub date: String,
}

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
    /// Its siglum (`A`, `B`…: [`sigla`]); empty until [`assign_sigla`] gives one.
    pub siglum: String,
    /// What the text was extracted from, if it is not the file's text as it is: `html` for
    /// a web page's article.
    pub extracted: Option<&'static str>,
    /// The commit it was read from, for a text read from git ([`git`]).
    pub revision: Option<Revision>,
    /// Byte offset of every character, plus the text's length.
    char_bytes: Vec<u32>,
    /// Character offset of the start of every line.
    line_starts: Vec<u32>,
}

impl Source {
    /// A source from bytes, decoding them.
    pub fn from_bytes(name: &str, path: &str, bytes: &[u8]) -> Result<Source, Error> {
        if bytes.len() as u64 > MAX_SOURCE_BYTES {
            return Err(Error::new(path, too_large(Some(bytes.len() as u64))));
        }
        let decoded = decode(bytes).map_err(|b| Error::new(path, ErrorKind::Binary(b)))?;
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
        let mut char_bytes = crate::work::vec_with_capacity(text.len() / 2);
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
            siglum: String::new(),
            extracted: None,
            revision: None,
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

/// The error for a file over the limit, of `bytes` bytes when its size is known.
pub(crate) fn too_large(bytes: Option<u64>) -> ErrorKind {
    ErrorKind::TooLarge {
        bytes,
        limit: MAX_SOURCE_BYTES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_lines() {
        let s = Source::from_text("n", "p", "UTF-8", "ab\n中文\nx".to_string(), Vec::new());
        assert_eq!(s.char_len(), 7);
        assert_eq!(s.slice(3..5), "中文");
        assert_eq!(
            (s.line_of(0), s.line_of(2), s.line_of(3), s.line_of(6)),
            (1, 1, 2, 3)
        );
        assert_eq!(s.line_start(1), 3);
    }
}
