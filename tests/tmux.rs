//! The tests that drive the real `duizhao` binary in a real terminal, tmux, as one test binary:
//! one module per subject, in `tests/tmux/`, so that the crate is linked once for all of them
//! instead of once per file. `hostile` and `stress` are here too: each has tests in tmux beside
//! its in-process ones.
//!
//! Each test starts its own tmux server on a private socket (`tmux -L`, named after this
//! binary, the test's file, the process and the test, so tests run in parallel and never touch
//! the user's tmux); the harness is `tests/common/mod.rs`, used by the modules as
//! `crate::common`. tmux is required: a missing tmux fails these tests instead of skipping them.

#[path = "common/mod.rs"]
mod common;

#[path = "tmux/hostile.rs"]
mod hostile;
#[path = "tmux/stress.rs"]
mod stress;
#[path = "tmux/tmux.rs"]
mod tmux;
#[path = "tmux/tmux_colours.rs"]
mod tmux_colours;
#[path = "tmux/tmux_folds.rs"]
mod tmux_folds;
#[path = "tmux/tmux_git.rs"]
mod tmux_git;
#[path = "tmux/tmux_moves.rs"]
mod tmux_moves;
#[path = "tmux/tmux_navigation.rs"]
mod tmux_navigation;
#[path = "tmux/tmux_rules.rs"]
mod tmux_rules;
#[path = "tmux/tmux_signals.rs"]
mod tmux_signals;
#[path = "tmux/tmux_sync.rs"]
mod tmux_sync;
#[path = "tmux/tmux_units.rs"]
mod tmux_units;
