//! Texts kept in git, read by the `git` command of the machine (it knows every repository
//! format, worktree, submodule and configuration a user has; a library would have to follow
//! each of them):
//!
//! * a SOURCE `REV:PATH` (git's own revision syntax: `HEAD~3:docs/ch04.md`, `v1.0:law.md`,
//!   `:PATH` for the index, `REV:./PATH` relative to the current directory) is the file as it
//!   was at that revision ([`read`]);
//! * `--history PATH` is every revision of a file that changed it, renames followed, oldest
//!   first ([`history`]);
//! * git's external diff calls the program with seven arguments (nine for a rename): the path,
//!   then the old file, its hash and mode, then the new ones ([`ExternalDiff::parse`]).
//!
//! A source read from git is named `PATH@SHORTHASH` (`PATH@index` for the index) and carries
//! its commit and the commit's date ([`super::Revision`]).

use super::{Error, ErrorKind, Revision};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The most revisions `--history` reads: the newest are kept.
pub const MAX_HISTORY: usize = 200;

/// The revision and path of a SOURCE written `REV:PATH`, if it is one: a colon with a path
/// after it (the revision may be empty: the index). The caller checks first that no file of
/// that whole name exists.
pub fn revision_argument(arg: &str) -> Option<(&str, &str)> {
    let (rev, path) = arg.split_once(':')?;
    // A URL (`https://…`) is no revision of anything.
    (!path.is_empty() && !path.starts_with("//")).then_some((rev, path))
}

/// A file's text at a revision: its bytes, the name it is shown by and its commit.
#[derive(Debug)]
pub struct Blob {
    /// The file's bytes at that revision.
    pub bytes: Vec<u8>,
    /// `PATH@SHORTHASH`, or `PATH@index`.
    pub name: String,
    /// The commit, `None` for the index.
    pub revision: Option<Revision>,
}

/// Runs `git` with `args` in the current directory: its standard output, or its first line
/// of complaint.
fn git<I, S>(args: I) -> Result<Vec<u8>, String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("git could not be run: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let line = err
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("git failed")
            .trim_start_matches("fatal: ")
            .trim_start_matches("error: ")
            .to_string();
        Err(line)
    }
}

/// Text of git's output, its last newline dropped.
fn text(bytes: Vec<u8>) -> String {
    let mut s = String::from_utf8_lossy(&bytes).into_owned();
    while s.ends_with('\n') {
        s.pop();
    }
    s
}

/// Refuses, in one line naming `shown`, when the current directory is in no repository.
fn in_repository(shown: &str) -> Result<(), Error> {
    git(["rev-parse", "--git-dir"]).map(|_| ()).map_err(|e| {
        let kind = if e.starts_with("git could not be run") {
            ErrorKind::Io(e)
        } else {
            ErrorKind::NotARepository
        };
        Error::new(shown, kind)
    })
}

/// The commit `rev` names: its full hash, short hash and date (`YYYY-MM-DD`, the committer's).
fn commit(rev: &str, shown: &str) -> Result<Revision, Error> {
    let full = git([
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        &format!("{rev}^{{commit}}"),
    ])
    .map(text)
    .ok()
    .filter(|h| !h.is_empty())
    .ok_or_else(|| Error::new(shown, ErrorKind::NoSuchRevision(rev.to_string())))?;
    let shown_err = |e: String| Error::new(shown, ErrorKind::Io(e));
    let about =
        text(git(["log", "-1", "--no-walk", "--format=%h%n%cs", &full]).map_err(shown_err)?);
    let mut lines = about.lines();
    let short = lines
        .next()
        .unwrap_or(&full[..7.min(full.len())])
        .to_string();
    let date = lines.next().unwrap_or("").to_string();
    Ok(Revision {
        commit: full,
        short,
        date,
    })
}

/// Reads the SOURCE `REV:PATH` (`shown` as given): see the module's documentation.
pub fn read(rev: &str, path: &str, shown: &str) -> Result<Blob, Error> {
    in_repository(shown)?;
    // The index is the object `:PATH`.
    let revision = (!rev.is_empty()).then(|| commit(rev, shown)).transpose()?;
    let object = format!("{}:{path}", revision.as_ref().map_or("", |r| &r.commit));
    let kind = git(["cat-file", "-t", &object]).map(text).map_err(|_| {
        Error::new(
            shown,
            ErrorKind::NotInRevision {
                path: path.to_string(),
                revision: if rev.is_empty() {
                    "the index".to_string()
                } else {
                    rev.to_string()
                },
            },
        )
    })?;
    if kind != "blob" {
        return Err(Error::new(shown, ErrorKind::NotAFile(kind)));
    }
    let bytes = blob(&object, shown)?;
    // The path as the repository knows it (`./x` and `../x` are relative to here).
    let known = repository_path(path).unwrap_or_else(|| path.to_string());
    let name = format!(
        "{known}@{}",
        revision.as_ref().map_or("index", |r| &r.short)
    );
    Ok(Blob {
        bytes,
        name,
        revision,
    })
}

/// `path` (as written after `REV:`) relative to the top of the repository.
fn repository_path(path: &str) -> Option<String> {
    if !(path.starts_with("./") || path.starts_with("../")) {
        return Some(path.to_string());
    }
    let prefix = text(git(["rev-parse", "--show-prefix"]).ok()?);
    let mut parts: Vec<&str> = prefix.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The revisions of a file that changed it, oldest first, and how many older ones were left
/// out (more than [`MAX_HISTORY`]).
#[derive(Debug)]
pub struct History {
    /// Each revision: the commit (short hash and date) and the file's path in it.
    pub revisions: Vec<(Revision, String)>,
    /// How many older revisions were left out.
    pub left_out: usize,
}

/// Every revision of `path` (in the work tree, relative to here) that changed it, renames
/// followed, oldest first; a revision that deleted the file is none of them.
pub fn history(path: &Path) -> Result<History, Error> {
    let shown = path.display().to_string();
    in_repository(&shown)?;
    let log = git([
        OsStr::new("log"),
        OsStr::new("--follow"),
        OsStr::new("--format=%x01%H%x00%h%x00%cs"),
        OsStr::new("--name-status"),
        OsStr::new("--"),
        path.as_os_str(),
    ])
    .map_err(|e| Error::new(shown.as_str(), ErrorKind::Io(e)))?;
    let log = String::from_utf8_lossy(&log);
    let mut revisions = Vec::new();
    for entry in log.split('\u{1}').filter(|e| !e.trim().is_empty()) {
        let mut lines = entry.lines();
        let head = lines.next().unwrap_or("");
        let mut fields = head.split('\0');
        let (Some(commit), Some(short), Some(date)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        // The file's status line: `M\tpath`, `A\tpath`, `D\tpath`, `R100\told\tnew`.
        let Some(status) = lines.find(|l| !l.trim().is_empty()) else {
            continue;
        };
        let cols: Vec<&str> = status.split('\t').collect();
        let code = cols[0];
        let Some(name) = cols.get(1..).and_then(<[&str]>::last) else {
            continue;
        };
        if code.starts_with('D') {
            continue;
        }
        revisions.push((
            Revision {
                commit: commit.to_string(),
                short: short.to_string(),
                date: date.to_string(),
            },
            name.to_string(),
        ));
    }
    if revisions.is_empty() {
        return Err(Error::new(shown.as_str(), ErrorKind::NoHistory));
    }
    // git lists the newest first.
    let left_out = revisions.len().saturating_sub(MAX_HISTORY);
    revisions.truncate(MAX_HISTORY);
    revisions.reverse();
    Ok(History {
        revisions,
        left_out,
    })
}

/// The bytes of `path` (relative to the top of the repository) at `commit`.
pub fn blob_at(commit: &str, path: &str, shown: &str) -> Result<Vec<u8>, Error> {
    blob(&format!("{commit}:{path}"), shown)
}

/// The bytes of the blob `object` (`REV:PATH` as git reads it), its size checked first
/// against the limit on sources.
fn blob(object: &str, shown: &str) -> Result<Vec<u8>, Error> {
    let size: u64 = git(["cat-file", "-s", object])
        .map(text)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if size > super::MAX_SOURCE_BYTES {
        return Err(Error::new(
            shown,
            ErrorKind::TooLarge {
                bytes: Some(size),
                limit: super::MAX_SOURCE_BYTES,
            },
        ));
    }
    git(["cat-file", "blob", object]).map_err(|e| Error::new(shown, ErrorKind::Io(e)))
}

/// What git's external diff asks to compare (`GIT_EXTERNAL_DIFF`, `diff.external`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalDiff {
    /// The path the file is shown by (the new path of a rename).
    pub path: String,
    /// The old file (`None`: the file was added).
    pub old: Option<PathBuf>,
    /// The new file (`None`: the file was deleted).
    pub new: Option<PathBuf>,
    /// For a rename, the old path.
    pub renamed_from: Option<String>,
}

impl ExternalDiff {
    /// git's call, if `args` (the arguments after the program's name) are one: seven
    /// arguments — path, old file, old hash, old mode, new file, new hash, new mode — or nine
    /// for a rename (then the new path and git's note). A hash is 40 or 64 hex digits or `.`,
    /// a mode six octal digits or `.`; `/dev/null` is a side that does not exist.
    pub fn parse(args: &[OsString]) -> Option<ExternalDiff> {
        if args.len() != 7 && args.len() != 9 {
            return None;
        }
        let s: Vec<&str> = args.iter().map(|a| a.to_str()).collect::<Option<_>>()?;
        let hash = |h: &str| {
            h == "." || (matches!(h.len(), 40 | 64) && h.bytes().all(|b| b.is_ascii_hexdigit()))
        };
        let mode =
            |m: &str| m == "." || (m.len() == 6 && m.bytes().all(|b| (b'0'..=b'7').contains(&b)));
        if !(hash(s[2]) && mode(s[3]) && hash(s[5]) && mode(s[6])) {
            return None;
        }
        let side = |f: &str| (f != "/dev/null").then(|| PathBuf::from(f));
        let (path, renamed_from) = if args.len() == 9 {
            (s[7].to_string(), Some(s[0].to_string()))
        } else {
            (s[0].to_string(), None)
        };
        Some(ExternalDiff {
            path,
            old: side(s[1]),
            new: side(s[4]),
            renamed_from,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revision_arguments() {
        assert_eq!(
            revision_argument("HEAD~3:docs/ch04.md"),
            Some(("HEAD~3", "docs/ch04.md"))
        );
        assert_eq!(revision_argument(":law.md"), Some(("", "law.md")));
        assert_eq!(revision_argument("v1.0:./a.md"), Some(("v1.0", "./a.md")));
        assert_eq!(revision_argument("plain.md"), None);
        assert_eq!(revision_argument("HEAD:"), None);
        assert_eq!(revision_argument("https://example.com/a"), None);
        assert_eq!(
            revision_argument("origin/main:law.md"),
            Some(("origin/main", "law.md"))
        );
    }

    fn args(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn git_external_diff_calls() {
        let h = "0123456789abcdef0123456789abcdef01234567";
        let changed = args(&["a.md", "/tmp/x", h, "100644", "a.md", h, "100644"]);
        assert_eq!(
            ExternalDiff::parse(&changed),
            Some(ExternalDiff {
                path: "a.md".into(),
                old: Some("/tmp/x".into()),
                new: Some("a.md".into()),
                renamed_from: None,
            })
        );
        let added = args(&["n.md", "/dev/null", ".", ".", "n.md", h, "100644"]);
        assert_eq!(ExternalDiff::parse(&added).and_then(|d| d.old), None);
        let renamed = args(&[
            "old.md",
            "/tmp/o",
            h,
            "100644",
            "/tmp/n",
            h,
            "100644",
            "new.md",
            "similarity index 90%\nrename from old.md\nrename to new.md\n",
        ]);
        let d = ExternalDiff::parse(&renamed).expect("a rename");
        assert_eq!(
            (d.path.as_str(), d.renamed_from.as_deref()),
            ("new.md", Some("old.md"))
        );
        // Seven sources that are not git's call stay sources.
        assert_eq!(
            ExternalDiff::parse(&args(&["a", "b", "c", "d", "e", "f", "g"])),
            None
        );
        assert_eq!(
            ExternalDiff::parse(&args(&["a", "b", h, "1006444", "e", h, "100644"])),
            None
        );
    }
}
