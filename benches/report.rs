//! The whole report (load and decode both files, compare, render the JSON) on book-size
//! editions of 红楼梦 from `../shared/corpus/hongloumeng/`, and on their first sixty chapters
//! and on the rest (about half each) to show that time grows about linearly: the two halves
//! together cost about what the whole does.
//!
//! Run with `cargo bench --bench report`. The corpus lives beside the repository, not in it:
//! without it this benchmark says so and measures nothing.

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::engine::compare::compare;
use duizhao::pair::Pair;
use duizhao::report::PairReport as Report;
use duizhao::report::json::to_json;
use duizhao::source::{Source, load_all};
use std::path::PathBuf;
use std::time::Duration;

fn corpus(name: &str) -> PathBuf {
    duizhao::testkit::corpus(&format!("hongloumeng/{name}"))
}

fn report(left: &Source, right: &Source) -> String {
    let c = compare(&left.text, &right.text);
    to_json(&Report::new(
        Pair::new(left, right),
        &c,
        &duizhao::engine::compare::Filter::default(),
    ))
}

/// The first sixty chapters (everything before the heading of chapter 61, 投鼠忌器…, which
/// every edition has, so the halves of two editions still correspond) and the rest.
fn halves(s: &Source) -> (Source, Source) {
    let heading = s.text.find("投鼠忌器").expect("chapter 61 heading");
    let cut = s.text[..heading].rfind('\n').map_or(0, |i| i + 1);
    let part =
        |text: &str| Source::from_text(&s.name, &s.path, s.encoding, text.to_string(), vec![]);
    (part(&s.text[..cut]), part(&s.text[cut..]))
}

fn bench_reports(c: &mut Criterion) {
    let base = corpus("tennessine.txt");
    if !base.exists() {
        eprintln!(
            "report benchmark: {} not found, nothing measured",
            base.display()
        );
        return;
    }
    let mut group = c.benchmark_group("report");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for other in ["eacontang-cgb.txt", "hankinghu.txt"] {
        let paths = vec![
            base.display().to_string(),
            corpus(other).display().to_string(),
        ];
        group.bench_function(format!("tennessine-vs-{other}/whole"), |b| {
            b.iter(|| {
                let sources = load_all(&paths).expect("corpus files load");
                report(&sources[0], &sources[1])
            })
        });
        let sources = load_all(&paths).expect("corpus files load");
        let (base_parts, other_parts) = (halves(&sources[0]), halves(&sources[1]));
        group.bench_function(format!("tennessine-vs-{other}/chapters-1-60"), |b| {
            b.iter(|| report(&base_parts.0, &other_parts.0))
        });
        group.bench_function(format!("tennessine-vs-{other}/chapters-61-120"), |b| {
            b.iter(|| report(&base_parts.1, &other_parts.1))
        });
    }
    group.finish();
}

/// The apparatus of the three 红楼梦 editions against tennessine: load, collate, JSON.
fn bench_collation(c: &mut Criterion) {
    let paths: Vec<String> = ["tennessine.txt", "eacontang-cgb.txt", "hankinghu.txt"]
        .iter()
        .map(|n| corpus(n).display().to_string())
        .collect();
    if !corpus("tennessine.txt").exists() {
        return;
    }
    let mut group = c.benchmark_group("collate");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("three-editions", |b| {
        b.iter(|| {
            let sources = load_all(&paths).expect("corpus files load");
            let norms: Vec<_> = sources
                .iter()
                .map(|s| std::sync::Arc::new(duizhao::engine::normalize::normalize(&s.text)))
                .collect();
            let filter = duizhao::engine::compare::Filter::default();
            let collation = duizhao::engine::collate::collate(&norms, 0, &filter);
            let markups: Vec<_> = norms.iter().map(|n| n.markup).collect();
            to_json(&duizhao::report::ApparatusReport::new(
                &sources, &markups, &collation,
            ))
        })
    });
    group.finish();
}

/// What finding and linking moved passages costs: the whole report (load, normalise, compare,
/// JSON) of each 红楼梦 pair, and the same without looking for moves
/// ([`duizhao::engine::compare::compare_unlinked`]). The goal: at most 20% more.
fn bench_moves(c: &mut Criterion) {
    if !corpus("tennessine.txt").exists() {
        return;
    }
    let mut group = c.benchmark_group("moves");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for other in ["eacontang-cgb.txt", "hankinghu.txt"] {
        let paths = vec![
            corpus("tennessine.txt").display().to_string(),
            corpus(other).display().to_string(),
        ];
        // The move step alone, on the comparison's changes and hotspots made beforehand:
        // finding moves, and linking them where there are any.
        let sources = load_all(&paths).expect("corpus files load");
        let norm = Pair::new(
            std::sync::Arc::new(duizhao::engine::normalize::normalize(&sources[0].text)),
            std::sync::Arc::new(duizhao::engine::normalize::normalize(&sources[1].text)),
        );
        let changes = duizhao::engine::align::align(&norm.left.keys, &norm.right.keys);
        let classer = duizhao::engine::classify::Classer::new(&norm);
        let classed = classer.classed(changes.clone());
        let hotspots = duizhao::engine::classify::with_aside(&norm, classed.clone());
        group.bench_function(format!("tennessine-vs-{other}/move-step"), |b| {
            b.iter(|| {
                let found = duizhao::engine::moves::find_moves(&norm, &hotspots);
                (!found.is_empty())
                    .then(|| {
                        duizhao::engine::moves::linked(
                            &norm,
                            &classer,
                            (&changes, &classed),
                            &found,
                        )
                    })
                    .map_or(0, |(h, m)| h.len() + m.len())
            })
        });
        for linked in [true, false] {
            let name = if linked {
                "with-moves"
            } else {
                "without-moves"
            };
            group.bench_function(format!("tennessine-vs-{other}/{name}"), |b| {
                b.iter(|| {
                    let sources = load_all(&paths).expect("corpus files load");
                    let norm = Pair::new(
                        std::sync::Arc::new(duizhao::engine::normalize::normalize(
                            &sources[0].text,
                        )),
                        std::sync::Arc::new(duizhao::engine::normalize::normalize(
                            &sources[1].text,
                        )),
                    );
                    let c = if linked {
                        duizhao::engine::compare::compare_normalized(norm)
                    } else {
                        duizhao::engine::compare::compare_unlinked(norm)
                    };
                    to_json(&Report::new(
                        Pair::new(&sources[0], &sources[1]),
                        &c,
                        &duizhao::engine::compare::Filter::default(),
                    ))
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_reports, bench_collation, bench_moves);
criterion_main!(benches);
