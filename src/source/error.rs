//! Why a source or an option could not be used (the viewer's own are `viewer::error`): one [`ErrorKind`] per cause, and
//! an [`Error`] that names the input. Displayed as one escaped line, `<input>: <reason>`; the
//! command prints it as `duizhao: <input>: <reason>` and exits with status 2.

use crate::text::sanitize::escape;
use std::fmt;

/// Why data is not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binary {
    /// It holds NUL bytes (and no UTF-16 byte-order mark).
    Nul,
    /// Once decoded, this share (in percent) of its characters are control characters or
    /// undecodable bytes.
    Controls {
        /// The share, in percent.
        percent: usize,
    },
}

/// How a `--left`/`--right` value failed to name a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    /// A 1-based number outside `1..=count`.
    Number(usize),
    /// A name or path no source has.
    Name,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// No file or directory of that name.
    NotFound,
    /// The file or directory may not be read.
    Permission,
    /// The file is larger than the limit.
    TooLarge {
        /// Its size in bytes, when it is known (devices and pipes have none).
        bytes: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
    /// The data is not text.
    Binary(Binary),
    /// A directory holds no text file.
    NoTextFiles,
    /// A named pipe had nothing to read (no program was writing to it).
    EmptyPipe,
    /// Standard input (`-`) given a second time: it can be read once.
    StdinAgain,
    /// A `--left`/`--right` value names no loaded source.
    NoSuchSource {
        /// What was asked for.
        wanted: Wanted,
        /// The names of the loaded sources, in order.
        names: Vec<String>,
    },
    /// A `--sigla` entry or a `SIGLUM=PATH` source that cannot name a witness, and why.
    BadSiglum(String),
    /// A web page in which no article was found (`--raw` compares it as text).
    NoArticle(String),
    /// A rules file (`--rules`) that is not one: the line and why.
    BadRules(String),
    /// A SOURCE `REV:PATH` or `--history` outside any git repository.
    NotARepository,
    /// A SOURCE `REV:PATH` whose revision names no commit (and no file has its whole name).
    NoSuchRevision(String),
    /// A SOURCE `REV:PATH` whose path is not in that revision.
    NotInRevision {
        /// The path asked for.
        path: String,
        /// The revision (`the index` for `:PATH`).
        revision: String,
    },
    /// A SOURCE `REV:PATH` that is a directory (`tree`) or a submodule (`commit`), not a file.
    NotAFile(String),
    /// `--history PATH` of a file no commit has changed.
    NoHistory,
    /// Any other input or output error, with the system's message.
    Io(String),
}

impl ErrorKind {
    /// The kind of an I/O error.
    pub fn io(e: &std::io::Error) -> ErrorKind {
        match e.kind() {
            std::io::ErrorKind::NotFound => ErrorKind::NotFound,
            std::io::ErrorKind::PermissionDenied => ErrorKind::Permission,
            _ => ErrorKind::Io(e.to_string()),
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MIB: u64 = 1024 * 1024;
        match self {
            ErrorKind::NotFound => write!(f, "no such file or directory"),
            ErrorKind::Permission => write!(f, "permission denied"),
            ErrorKind::TooLarge {
                bytes: Some(bytes),
                limit,
            } if bytes % MIB == 0 => write!(
                f,
                "file is {} MiB, larger than the {} MiB limit",
                bytes / MIB,
                limit / MIB
            ),
            // Never rounded up: 64 MiB and one byte is not "65 MiB".
            ErrorKind::TooLarge {
                bytes: Some(bytes),
                limit,
            } => write!(
                f,
                "file is more than {} MiB ({bytes} bytes), larger than the {} MiB limit",
                bytes / MIB,
                limit / MIB
            ),
            ErrorKind::TooLarge { bytes: None, limit } => {
                write!(f, "more than the {} MiB limit to read", limit / MIB)
            }
            ErrorKind::Binary(Binary::Nul) => {
                write!(f, "binary file (NUL bytes, and not UTF-16 text), not text")
            }
            ErrorKind::Binary(Binary::Controls { percent }) => write!(
                f,
                "binary file ({percent}% control characters or undecodable bytes), not text"
            ),
            ErrorKind::NoTextFiles => write!(f, "directory has no text files"),
            ErrorKind::EmptyPipe => write!(f, "pipe has nothing to read (no writer)"),
            ErrorKind::StdinAgain => write!(
                f,
                "standard input given more than once (it can be read only once)"
            ),
            ErrorKind::NoSuchSource {
                wanted: Wanted::Number(n),
                names,
            } => write!(f, "no source number {n} (there are {})", names.len()),
            ErrorKind::NoSuchSource {
                wanted: Wanted::Name,
                names,
            } => write!(
                f,
                "no source of that name (give 1 to {} or one of: {})",
                names.len(),
                names.join(", ")
            ),
            ErrorKind::BadSiglum(reason) => write!(f, "{reason}"),
            ErrorKind::NoArticle(reason) => write!(
                f,
                "web page with no article found ({reason}); --raw compares it as text"
            ),
            ErrorKind::BadRules(reason) => write!(f, "not a rules file: {reason}"),
            ErrorKind::NotARepository => write!(
                f,
                "no such file, and not in a git repository (REV:PATH reads a file from git)"
            ),
            ErrorKind::NoSuchRevision(rev) => write!(
                f,
                "no such file, and no revision {rev} in this git repository"
            ),
            ErrorKind::NotInRevision { path, revision } => {
                write!(f, "{path} is not in {revision}")
            }
            ErrorKind::NotAFile(kind) => {
                let what = if kind == "tree" {
                    "a directory"
                } else {
                    "a submodule"
                };
                write!(f, "{what} in git, not a file")
            }
            ErrorKind::NoHistory => write!(f, "no commit of this git repository has this file"),
            ErrorKind::Io(message) => write!(f, "{message}"),
        }
    }
}

/// An input that could not be used, and why: a source's [`ErrorKind`] by default; the
/// viewer's errors are the same with its own kinds (`viewer::error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error<K = ErrorKind> {
    /// The input as the user gave it (a path, `--left 9`, `stdout`, `terminal`).
    pub input: String,
    /// Why it could not be used.
    pub kind: K,
}

impl<K> Error<K> {
    /// An error of `kind` for `input`.
    pub fn new(input: impl Into<String>, kind: K) -> Error<K> {
        Error {
            input: input.into(),
            kind,
        }
    }
}

impl<K: fmt::Display> fmt::Display for Error<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Input names (and the names in a reason) are untrusted: the message stays one line
        // with nothing hidden in it.
        write!(
            f,
            "{}: {}",
            escape(&self.input),
            escape(&self.kind.to_string())
        )
    }
}

impl<K: fmt::Display + fmt::Debug> std::error::Error for Error<K> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_escaped_line_per_kind() {
        let e = Error::new("no\nsuch\u{1b}[2J.txt", ErrorKind::NotFound);
        assert_eq!(
            e.to_string(),
            "no⟨U+000A⟩such⟨U+001B⟩[2J.txt: no such file or directory"
        );
        let big = Error::new(
            "big.txt",
            ErrorKind::TooLarge {
                bytes: Some(64 * 1024 * 1024 + 1),
                limit: 64 * 1024 * 1024,
            },
        );
        assert_eq!(
            big.to_string(),
            "big.txt: file is more than 64 MiB (67108865 bytes), larger than the 64 MiB limit"
        );
        let big = Error::new(
            "big.txt",
            ErrorKind::TooLarge {
                bytes: Some(65 * 1024 * 1024),
                limit: 64 * 1024 * 1024,
            },
        );
        assert_eq!(
            big.to_string(),
            "big.txt: file is 65 MiB, larger than the 64 MiB limit"
        );
        assert_eq!(
            Error::new("-", ErrorKind::StdinAgain).to_string(),
            "-: standard input given more than once (it can be read only once)"
        );
        let names = vec!["a\u{7}.txt".to_string(), "b.txt".to_string()];
        let e = Error::new(
            "--left c",
            ErrorKind::NoSuchSource {
                wanted: Wanted::Name,
                names,
            },
        );
        assert_eq!(
            e.to_string(),
            "--left c: no source of that name (give 1 to 2 or one of: a⟨U+0007⟩.txt, b.txt)"
        );
    }

    #[test]
    fn io_errors_by_kind() {
        let kind = |k| ErrorKind::io(&std::io::Error::from(k));
        assert_eq!(kind(std::io::ErrorKind::NotFound), ErrorKind::NotFound);
        assert_eq!(
            kind(std::io::ErrorKind::PermissionDenied),
            ErrorKind::Permission
        );
        assert!(matches!(
            kind(std::io::ErrorKind::InvalidData),
            ErrorKind::Io(_)
        ));
    }
}
