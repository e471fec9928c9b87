//! duizhao (对照, "set side by side") compares versions of the same text.
//!
//! Data flows one way through these layers, each a folder (see `ARCHITECTURE.md`):
//!
//! * [`source`]: load files and directories, decode them, offsets and lines; typed errors;
//! * [`engine`]: normalise (with a map back to the original), align, hotspots with classes,
//!   and the apparatus of all sources;
//! * [`sections`]: where the two texts of a pair correspond (sections, cuts, soft breaks), for
//!   every side-by-side view: the viewer's layout and the HTML report's aligned rows;
//! * [`report`]: the report models, serialised to JSON and rendered to Markdown, HTML and TEI;
//! * [`viewer`]: the terminal viewer: view model, screen geometry, key table, state, overlays,
//!   rendering with ratatui, the terminal loop with crossterm.
//!
//! Beside them, [`text`] holds what every layer needs of characters (classes, display width,
//! sanitising untrusted text), [`pair`] the left/right pair and [`work`] how long work runs
//! (an ordered fan-out on a fixed pool of threads, and cancelling). Only [`viewer`] knows about a
//! terminal; `tests/layering.rs` fails if another layer imports it, ratatui or crossterm.

pub mod engine;
pub mod pair;
pub mod report;
pub mod sections;
pub mod source;
pub mod text;
pub mod viewer;
pub mod work;

/// Support for tests, benchmarks and fuzz targets (plain sources, screens rendered to a
/// buffer, its cells walked, keys pressed, whole-pipeline self-checks). Compiled for the
/// crate's own unit tests and with the `testkit` feature, which the integration tests, the
/// benchmarks and the fuzz targets enable; not part of the library otherwise.
#[cfg(any(test, feature = "testkit"))]
#[doc(hidden)]
pub mod testkit;
