//! duizhao inside git, driven as a user does (issue 29): as git's external diff
//! (`GIT_EXTERNAL_DIFF=duizhao git diff HEAD~1`) and as a difftool (`git difftool -t duizhao
//! -y` with the README's `difftool.duizhao.cmd`), on a repository of the shared corpus's
//! Korean Markdown revisions (`common::korean_repository`, whose configuration sets
//! `core.pager` to `cat`: git then runs no pager, and the external diff's output is the
//! terminal). Each opens the viewer on the file, with its path in the pane headers; `q` hands
//! back to git, which exits 0.

use crate::common;

use common::{Tmux, git, korean_repository, shell_quote, show};
use std::time::Duration;

/// How long git and the viewer may take to show the first screen.
const START: Duration = Duration::from_secs(15);

/// Runs `line` (a git command) in the repository in tmux; checks that the viewer opens with
/// `header` in both panes' headers, that `q` ends it, and that git then exits 0.
fn viewer_from_git(test: &str, line: &str, header: [&str; 2]) {
    let repo = korean_repository(test);
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_duizhao"));
    let dir = bin.parent().expect("the binary's directory");
    git(
        repo.path(),
        &[
            "config",
            "difftool.duizhao.cmd",
            "duizhao \"$LOCAL\" \"$REMOTE\"",
        ],
    );
    let mut tmux = Tmux::new(test);
    tmux.new_session(
        (120, 30),
        repo.path(),
        &format!(
            "PATH={}:\"$PATH\" HOME={}; export PATH HOME; {line}; echo GITEXIT=$?; sleep 60",
            shell_quote(&dir.display().to_string()),
            shell_quote(&repo.path().display().to_string()),
        ),
        |_| {},
    );
    let screen = tmux.wait("the viewer", START, |s| {
        let first = s.lines().next().unwrap_or("");
        (first.contains(header[0]) && first.contains(header[1]) && s.contains("hotspot "))
            .then(|| s.to_string())
            .ok_or("no viewer with the file's path in its headers")
    });
    assert!(screen.contains('│'), "{}", show(&screen));
    tmux.keys("q");
    let screen = tmux.wait("git to exit", START, |s| {
        s.lines()
            .find_map(|l| l.strip_prefix("GITEXIT="))
            .map(str::to_string)
            .ok_or("no GITEXIT= line")
    });
    assert_eq!(screen, "0", "{}", show(&tmux.screen()));
    assert_eq!(tmux.format("#{alternate_on}"), "0");
}

#[test]
fn as_git_external_diff_it_opens_the_viewer_and_q_returns_to_git() {
    viewer_from_git(
        "git-external-viewer",
        "GIT_EXTERNAL_DIFF=duizhao git diff HEAD~1",
        ["errors.md (old)", "errors.md (new)"],
    );
}

#[test]
fn as_git_difftool_it_opens_the_viewer_and_q_returns_to_git() {
    viewer_from_git(
        "git-difftool-viewer",
        "git difftool -t duizhao -y HEAD~1",
        ["errors.md", "errors.md"],
    );
}
