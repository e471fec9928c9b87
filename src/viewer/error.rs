//! Why the viewer could not start or run: one [`ErrorKind`] per cause, and an [`Error`] that
//! names the input (`terminal`, or a theme file). Displayed as one escaped line,
//! `<input>: <reason>`, as the sources' errors are; the command prints it as
//! `duizhao: <input>: <reason>` and exits with status 2, before the terminal is taken or after
//! it is restored.

use std::fmt;

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// Standard output is not a terminal, or no keyboard could be read.
    NotATerminal,
    /// The viewer would need more memory for the texts than the system has available.
    NotEnoughMemory {
        /// What it would need, in bytes.
        needed: u64,
        /// What is available, in bytes.
        available: u64,
    },
    /// A theme file that does not say what colours to use, and why.
    BadTheme(String),
    /// A file that may not be read.
    Permission,
    /// Any other input or output error, with the system's message.
    Io(String),
}

impl ErrorKind {
    /// The kind of an I/O error.
    pub fn io(e: &std::io::Error) -> ErrorKind {
        match e.kind() {
            std::io::ErrorKind::PermissionDenied => ErrorKind::Permission,
            _ => ErrorKind::Io(e.to_string()),
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::NotATerminal => {
                write!(f, "not a terminal; use --report json or --report markdown")
            }
            ErrorKind::NotEnoughMemory { needed, available } => write!(
                f,
                "the viewer needs about {} MiB for these texts, {} MiB are available; use --report",
                needed >> 20,
                available >> 20
            ),
            ErrorKind::BadTheme(reason) => write!(f, "not a theme: {reason}"),
            ErrorKind::Permission => write!(f, "permission denied"),
            ErrorKind::Io(message) => write!(f, "{message}"),
        }
    }
}

/// What the viewer could not use (the terminal, a theme file), and why: the sources' error
/// type with the viewer's kinds, displayed the same way.
pub type Error = crate::source::Error<ErrorKind>;

impl Error {
    /// An error of the terminal.
    pub fn terminal(kind: ErrorKind) -> Error {
        Error::new("terminal", kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_escaped_line_per_kind() {
        assert_eq!(
            Error::terminal(ErrorKind::NotATerminal).to_string(),
            "terminal: not a terminal; use --report json or --report markdown"
        );
        let memory = ErrorKind::NotEnoughMemory {
            needed: 3 << 30,
            available: 1 << 30,
        };
        assert_eq!(
            Error::terminal(memory).to_string(),
            "terminal: the viewer needs about 3072 MiB for these texts, 1024 MiB are available; use --report"
        );
        let theme = Error::new(
            "th\u{1b}eme.toml",
            ErrorKind::BadTheme("line 1\nbad".into()),
        );
        assert_eq!(
            theme.to_string(),
            "th⟨U+001B⟩eme.toml: not a theme: line 1⟨U+000A⟩bad"
        );
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(ErrorKind::io(&denied), ErrorKind::Permission);
    }
}
