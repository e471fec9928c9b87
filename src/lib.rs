//! duizhao (对照, "set side by side") compares versions of the same article.
//!
//! The data flows through these modules, each usable on its own:
//!
//! * [`source`]: load files and directories, decode UTF-8/UTF-16/GB18030/Big5;
//! * [`normalize`]: a comparison copy of each text without layout, mapped back to the original;
//! * [`align`]: anchors, then character differences in the gaps, made readable;
//! * [`compare`]: hotspots with kind, class and exact spans in both sources;
//! * [`collate`]: the apparatus of all sources against a base: variant places and readings;
//! * [`report`]: the JSON and Markdown reports;
//! * [`sanitize`]: untrusted text made safe to print;
//! * [`width`]: display width, measured here and nowhere else;
//! * [`view`]: the view model: synchronised sections, wrapped and padded rows;
//! * [`selfcheck`]: whole-pipeline invariant checks on arbitrary bytes (fuzzing).
//!
//! None of these depends on a terminal library. On top of them, [`app`] holds the viewer's
//! state and key handling (still no terminal), [`ui`] draws it with ratatui, and [`tui`] runs it
//! in a real terminal with crossterm.

pub mod align;
pub mod app;
pub mod collate;
pub mod compare;
pub mod normalize;
pub mod pair;
pub mod report;
pub mod sanitize;
pub mod selfcheck;
pub mod source;
pub mod tui;
pub mod ui;
pub mod view;
pub mod width;
pub mod words;
