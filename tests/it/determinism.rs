//! The same input gives the same report, on any machine under any load: the alignment bounds
//! its work by the size of what it compares, never by the clock.
//!
//! A 红楼梦 edition pasted twice (every passage repeated, so no gram is unique) against a copy
//! with 1% of its characters edited, compared several times while other threads keep every
//! core busy: the JSON must be byte-identical each time, and the alignment must pair the two
//! halves with their copies (similarity close to the share of unedited text).

use crate::common;

use common::Rng;
use duizhao::engine::compare::{Filter, compare};
use duizhao::pair::Pair;
use duizhao::report::PairReport;
use duizhao::report::json::to_json;
use duizhao::testkit::source;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Times the comparison is repeated.
const RUNS: usize = 3;

/// `text` with about one character in a hundred replaced, deleted or doubled, chosen by a
/// fixed generator (xorshift64*).
fn edited(text: &str) -> String {
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    let mut out = String::with_capacity(text.len() + text.len() / 50);
    for c in text.chars() {
        match rng.below(300) {
            0 => out.push('改'),
            1 => {}
            2 => {
                out.push(c);
                out.push('增');
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn a_book_twice_gives_the_same_report_under_load() {
    let path = duizhao::testkit::corpus("hongloumeng/tennessine.txt");
    let book = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the 红楼梦 corpus is expected at {}: {e}", path.display()));
    let twice = format!("{book}{book}");
    let a = source("twice.txt", &twice);
    let b = source("edited.txt", &edited(&twice));

    let stop = Arc::new(AtomicBool::new(false));
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let load: Vec<_> = (0..cores)
        .map(|_| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut x = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
                }
            })
        })
        .collect();
    let reports: Vec<String> = (0..RUNS)
        .map(|_| {
            let c = compare(&a.text, &b.text);
            to_json(&PairReport::new(Pair::new(&a, &b), &c, &Filter::default()))
        })
        .collect();
    stop.store(true, Ordering::Relaxed);
    for t in load {
        t.join().expect("load thread");
    }

    for (i, r) in reports.iter().enumerate().skip(1) {
        assert!(r == &reports[0], "run {} differs from run 1", i + 1);
    }
    let v: serde_json::Value = serde_json::from_str(&reports[0]).expect("valid JSON");
    let similarity = v["similarity"].as_f64().expect("similarity");
    // About one character in a hundred is edited: the rest aligns with its own copy.
    assert!(similarity > 0.97, "similarity {similarity}");
    let largest = v["hotspots"]
        .as_array()
        .expect("hotspots")
        .iter()
        .map(|h| {
            let len = |s: &serde_json::Value| {
                s["end"].as_u64().unwrap_or(0) - s["start"].as_u64().unwrap_or(0)
            };
            len(&h["left"]).max(len(&h["right"]))
        })
        .max()
        .unwrap_or(0);
    assert!(
        largest < 1_000,
        "a hotspot of {largest} characters: the halves are not aligned with their copies"
    );
}

/// The work is split into one part a core (the sources read, the anchors' grams paired, the
/// gaps diffed, the hotspots classed, the apparatus's places read and written), and the parts
/// are put back in order: the same reports on one core as on three. Run through the binary
/// with rayon's pool of one thread and of three, on the 红楼梦 pair and its three-edition
/// apparatus, and on the apparatus of a classical chapter's three witnesses with every class
/// shown (its few hundred places are read in several parts).
#[test]
fn reports_are_the_same_on_one_core_and_on_three() {
    let corpus = |p: &str| duizhao::testkit::corpus(p).display().to_string();
    let (t, e, h) = (
        corpus("hongloumeng/tennessine.txt"),
        corpus("hongloumeng/eacontang-cgb.txt"),
        corpus("hongloumeng/hankinghu.txt"),
    );
    let juan: Vec<String> = ["master", "SBCK", "WYG"]
        .iter()
        .map(|w| corpus(&format!("kanripo_zh/{w}/KR3a0001_001.txt")))
        .collect();
    let runs: Vec<Vec<&str>> = vec![
        vec!["--report", "json", &t, &e],
        vec!["--report", "json", "--all", &t, &e, &h],
        vec![
            "--report", "tei", "--all", "--show", "all", &juan[0], &juan[1], &juan[2],
        ],
    ];
    for args in runs {
        let with = |threads: &str| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
                .args(&args)
                .env("RAYON_NUM_THREADS", threads)
                .env(
                    "XDG_CONFIG_HOME",
                    std::env::temp_dir().join("duizhao-no-config"),
                )
                .output()
                .expect("run duizhao");
            assert!(out.status.success(), "{args:?}: {out:?}");
            out.stdout
        };
        let one = with("1");
        assert!(one.len() > 10_000, "{args:?}: a report");
        assert!(one == with("3"), "{args:?}: one core and three differ");
    }
}
