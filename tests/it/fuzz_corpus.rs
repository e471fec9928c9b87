//! Replays the fuzzers' corpus (`fuzz/corpus/engine`, `fuzz/corpus/layout`) through the same
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
