//! Texts kept in git (issue 29), on a repository made in a temporary directory with the
//! shared corpus's Korean Markdown revisions committed in order, then the file renamed and
//! changed once more: a SOURCE `REV:PATH` gives the same report as the file checked out by
//! hand; sources are named `PATH@SHORTHASH` with the commit and its date; `--history` is one
//! source per commit that changed the file, renames followed, oldest first; bad revisions,
//! paths and no repository are refused in one line.
//!
//! The expectations come from git itself (`git rev-parse`, `git log`, `git show`), never from
//! duizhao's own reading of the repository.

use crate::common;

use common::{TempDir, duizhao, git, git_command, korean_repository, korean_revisions, path_arg};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// `git args` in `dir` with duizhao as its external diff (`GIT_EXTERNAL_DIFF`).
fn external_diff(dir: &Path, args: &[&str]) -> std::process::Output {
    git_command(dir)
        .args(args)
        .env("GIT_EXTERNAL_DIFF", env!("CARGO_BIN_EXE_duizhao"))
        .output()
        .expect("git diff")
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = duizhao(dir, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The one line an error prints, and its exit status.
fn refused(dir: &Path, args: &[&str]) -> String {
    let out = duizhao(dir, args);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty());
    err
}

#[test]
fn a_revision_reads_as_the_file_checked_out_by_hand() {
    let repo = korean_repository("git-rev");
    let root = repo.path();
    let n = korean_revisions().len();
    // `HEAD~k` of the file as it was named then: revision i is `HEAD~(n + 1 - i)`.
    for (older, newer) in [(0, 1), (1, n - 1)] {
        let (a, b) = (n + 1 - older, n + 1 - newer);
        let spec = |k: usize| format!("HEAD~{k}:ch09.md");
        // Checked out by hand: `git show`, written to files.
        let out = TempDir::new("git-rev-files");
        let fa = out.write("a.md", git(root, &["show", &spec(a)]).as_bytes());
        let fb = out.write("b.md", git(root, &["show", &spec(b)]).as_bytes());
        let by_hand = json(root, &["--report", "json", path_arg(&fa), path_arg(&fb)]);
        let from_git = json(root, &["--report", "json", &spec(a), &spec(b)]);
        assert_eq!(
            from_git["hotspots"], by_hand["hotspots"],
            "{older} → {newer}"
        );
        assert_eq!(from_git["similarity"], by_hand["similarity"]);
        // Named PATH@SHORTHASH, with the commit and its date.
        for (side, k) in [("left", a), ("right", b)] {
            let full = git(root, &["rev-parse", &format!("HEAD~{k}")]);
            let short = git(root, &["rev-parse", "--short", &format!("HEAD~{k}")]);
            let date = git(root, &["log", "-1", "--format=%cs", &full]);
            let info = &from_git[side];
            assert_eq!(info["name"], format!("ch09.md@{short}"));
            assert_eq!(info["path"], spec(k));
            assert_eq!(info["revision"]["commit"], full);
            assert_eq!(info["revision"]["date"], date);
            // The siglum is the short hash (after `r` where it starts with a digit).
            let siglum = info["siglum"].as_str().expect("siglum");
            assert_eq!(siglum.trim_start_matches('r'), short, "{siglum}");
            assert!(siglum.starts_with(|c: char| c.is_ascii_alphabetic()));
        }
    }
    // A revision against the work tree's file; the index (`:PATH`) is the file as added.
    let head = json(root, &["--report", "json", "HEAD~1:errors.md", "errors.md"]);
    let by_hand = TempDir::new("git-rev-head");
    let f = by_hand.write("e.md", git(root, &["show", "HEAD~1:errors.md"]).as_bytes());
    let expected = json(root, &["--report", "json", path_arg(&f), "errors.md"]);
    assert_eq!(head["hotspots"], expected["hotspots"]);
    let index = json(root, &["--report", "json", ":errors.md", "errors.md"]);
    assert_eq!(index["similarity"], 1.0);
    assert!(
        index["left"]["name"]
            .as_str()
            .is_some_and(|n| n == "errors.md@index")
    );
}

#[test]
fn bad_revisions_paths_and_no_repository_are_refused_in_one_line() {
    let repo = korean_repository("git-bad");
    let root = repo.path();
    let err = refused(
        root,
        &["--report", "json", "HEAD~99:errors.md", "errors.md"],
    );
    assert!(
        err.starts_with("duizhao: HEAD~99:errors.md: ") && err.contains("no revision HEAD~99"),
        "{err}"
    );
    let err = refused(root, &["--report", "json", "HEAD:nothing.md", "errors.md"]);
    assert!(err.contains("nothing.md is not in HEAD"), "{err}");
    let err = refused(
        root,
        &["--report", "json", "HEAD~1:missing/x.md", "errors.md"],
    );
    assert!(err.contains("missing/x.md is not in HEAD~1"), "{err}");
    // A directory of the revision is not a file.
    std::fs::create_dir(root.join("sub")).expect("mkdir");
    std::fs::write(root.join("sub/x.md"), "x\n").expect("write");
    git(root, &["add", "sub/x.md"]);
    git(root, &["commit", "-q", "-m", "a directory"]);
    let err = refused(root, &["--report", "json", "HEAD:sub", "errors.md"]);
    assert!(
        err.ends_with("HEAD:sub: a directory in git, not a file\n"),
        "{err}"
    );
    // Outside any repository (a directory git finds no repository above: the temporary
    // directory with GIT_CEILING_DIRECTORIES at its parent).
    let outside = TempDir::new("git-outside");
    let f = outside.write("a.md", b"text\n");
    let out = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["--report", "json", "HEAD:a.md", path_arg(&f)])
        .current_dir(outside.path())
        .env(
            "GIT_CEILING_DIRECTORIES",
            outside.path().parent().expect("a parent"),
        )
        .output()
        .expect("duizhao");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert!(
        err.starts_with("duizhao: HEAD:a.md: ") && err.contains("not in a git repository"),
        "{err}"
    );
}

#[test]
fn a_history_is_one_source_per_commit_that_changed_the_file_oldest_first() {
    let repo = korean_repository("git-history");
    let root = repo.path();
    let report = json(
        root,
        &["--report", "json", "--all", "--history", "errors.md"],
    );
    // git's own list of the commits that changed the file, renames followed, newest first.
    let log = git(
        root,
        &["log", "--follow", "--format=%h %cs", "--", "errors.md"],
    );
    let mut expected: Vec<(String, String)> = log
        .lines()
        .map(|l| {
            let (h, d) = l.split_once(' ').expect("hash and date");
            (h.to_string(), d.to_string())
        })
        .collect();
    expected.reverse();
    // Every revision, and the rename: the Korean texts, the renaming commit, the last one.
    assert_eq!(expected.len(), korean_revisions().len() + 2);
    let sources = report["sources"].as_array().expect("sources");
    let got: Vec<(String, String)> = sources
        .iter()
        .map(|s| {
            let name = s["name"].as_str().expect("name");
            let (_, short) = name.rsplit_once('@').expect("PATH@SHORTHASH");
            (
                short.to_string(),
                s["revision"]["date"].as_str().expect("date").to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    // The path each had then: the first ones `ch09.md`, the last two `errors.md`.
    let names: Vec<&str> = sources
        .iter()
        .map(|s| {
            s["name"]
                .as_str()
                .expect("name")
                .split('@')
                .next()
                .unwrap_or("")
        })
        .collect();
    let n = names.len();
    assert!(names[..n - 2].iter().all(|p| *p == "ch09.md"), "{names:?}");
    assert_eq!(&names[n - 2..], ["errors.md", "errors.md"]);
    // A pair report of a history compares its last two revisions.
    let pair = json(root, &["--report", "json", "--history", "errors.md"]);
    assert_eq!(pair["left"]["name"], sources[n - 2]["name"]);
    assert_eq!(pair["right"]["name"], sources[n - 1]["name"]);
    // The file of no commit.
    std::fs::write(root.join("new.md"), "새 파일\n").expect("write");
    let err = refused(root, &["--report", "json", "--history", "new.md"]);
    assert!(err.starts_with("duizhao: new.md: "), "{err}");
}

/// git's external diff, with standard output not a terminal (git's pager reading): the
/// Markdown report of the file's old and new text under its path, exit 0 so that git goes on;
/// an added file's missing side is empty, not an error.
#[test]
fn as_git_external_diff_without_a_terminal_it_prints_the_markdown_report() {
    let repo = korean_repository("git-external");
    let root = repo.path();
    std::fs::write(root.join("added.md"), "새 파일입니다.\n").expect("write");
    git(root, &["add", "added.md"]);
    let out = external_diff(root, &["diff", "--cached", "HEAD~1"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("# errors.md (old) ↔ errors.md (new)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("# added.md (none) ↔ added.md (new)"),
        "{stdout}"
    );
}

/// A revision whose file is not text is left out of a history with a warning on the source
/// after it, and git's external diff skips a file that is not text with one line, exit 0, so
/// that git goes on.
#[test]
fn binary_revisions_are_left_out_and_binary_diffs_skipped_in_one_line() {
    let dir = TempDir::new("git-binary");
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["config", "user.email", "test@example.com"]);
    git(root, &["config", "user.name", "Test"]);
    let commit = |bytes: &[u8], message: &str| {
        std::fs::write(root.join("doc.txt"), bytes).expect("write");
        git(root, &["add", "doc.txt"]);
        git(root, &["commit", "-q", "-m", message]);
    };
    commit("第一版的文字。\n".as_bytes(), "text");
    commit(b"\x00\x01\x02binary\x00\x00", "binary");
    commit("第三版的文字。\n".as_bytes(), "text again");
    let report = json(root, &["--report", "json", "--all", "--history", "doc.txt"]);
    let sources = report["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 2, "{sources:#?}");
    let binary = git(root, &["rev-parse", "--short", "HEAD~1"]);
    let warned = sources[1]["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .any(|w| {
            w.as_str()
                .is_some_and(|w| w.contains(&binary) && w.contains("not text"))
        });
    assert!(warned, "{sources:#?}");
    // git's external diff of the text → binary change: one line, exit 0, git goes on.
    let out = external_diff(root, &["diff", "HEAD~2", "HEAD~1"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("duizhao: doc.txt: binary file") && err.contains("(skipped)"),
        "{err}"
    );
}
