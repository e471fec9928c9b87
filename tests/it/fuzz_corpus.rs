//! Replays the fuzzers' corpus (`fuzz/corpus/engine`, `fuzz/corpus/layout`; the engine's also through
//! the `markdown` and `tei` targets' checks) through the same
//! checks the fuzz targets run, as a regression test that needs no nightly toolchain.

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    assert!(
        entries.len() >= 10,
        "{}: only {} inputs",
        dir.display(),
        entries.len()
    );
    for path in entries {
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(
            result.is_ok(),
            "{} fails the {target} checks",
            path.display()
        );
    }
}

#[test]
fn engine_corpus_passes() {
    replay("engine", duizhao::testkit::selfcheck::engine);
}

#[test]
fn layout_corpus_passes() {
    replay("layout", duizhao::testkit::selfcheck::layout);
}

/// The engine's corpus (two texts an input) through the Markdown writer, read back by a
/// CommonMark parser.
#[test]
fn engine_corpus_passes_the_markdown_checks() {
    replay("engine", duizhao::testkit::selfcheck::markdown);
}

/// The engine's corpus through the TEI writer, read back by an XML parser.
#[test]
fn engine_corpus_passes_the_tei_checks() {
    replay("engine", duizhao::testkit::selfcheck::tei);
}
