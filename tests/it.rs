//! The integration tests that run in the test process or run the binary without a terminal,
//! as one test binary: one module per subject, in `tests/it/`, so that the crate is linked once
//! for all of them instead of once per file. The tests that drive the real binary in tmux are
//! the binary `tests/tmux.rs`, the screen snapshots `tests/screens.rs` and the browser test
//! `tests/html_report.rs`.
//!
//! Support code shared by the test binaries is `tests/common/mod.rs`, used by the modules as
//! `crate::common`.

#[path = "common/mod.rs"]
mod common;

#[path = "it/apparatus.rs"]
mod apparatus;
#[path = "it/boilerplate.rs"]
mod boilerplate;
#[path = "it/classes.rs"]
mod classes;
#[path = "it/cli.rs"]
mod cli;
#[path = "it/determinism.rs"]
mod determinism;
#[path = "it/docs.rs"]
mod docs;
#[path = "it/folds.rs"]
mod folds;
#[path = "it/fuzz_corpus.rs"]
mod fuzz_corpus;
#[path = "it/git.rs"]
mod git;
#[path = "it/html_input.rs"]
mod html_input;
#[path = "it/layering.rs"]
mod layering;
#[path = "it/layout_props.rs"]
mod layout_props;
#[path = "it/markdown.rs"]
mod markdown;
#[path = "it/moves.rs"]
mod moves;
#[path = "it/numbering.rs"]
mod numbering;
#[path = "it/patterns.rs"]
mod patterns;
#[path = "it/properties.rs"]
mod properties;
#[path = "it/samples.rs"]
mod samples;
#[path = "it/scroll_state.rs"]
mod scroll_state;
#[path = "it/sync.rs"]
mod sync;
#[path = "it/tei.rs"]
mod tei;
#[path = "it/units.rs"]
mod units;
#[path = "it/words.rs"]
mod words;
