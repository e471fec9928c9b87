//! Each key of the viewer on the 红楼梦 books (tennessine, hankinghu and eacontang-cgb, ~0.86M
//! characters each) at 200x60, as the terminal runs it (long work in the background): the time
//! from the key to its frame drawn. Work that goes to the background (a new comparison, the
//! first collation) is waited for outside the measurement; what is measured is what the reader
//! waits for before the screen answers.
//!
//! Cases: `n`, `x`, `s` (open the picker), `s-pick` (a pair the picker measured), `s-pick-new`
//! (a pair never compared), `a`, `l`, `search` (`Enter` on a new query), `z` (fold every
//! unchanged stretch) and `n` in the folded view.
//!
//! Run with `cargo bench --bench keys`. Without `../shared/corpus` it measures nothing.

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use duizhao::pair::Pair;
use duizhao::source::{Source, load_all};
use duizhao::viewer::app::{App, Options};
use duizhao::viewer::keys::{Input, Key};
use duizhao::viewer::render::render;
use duizhao::viewer::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

const SIZE: (u16, u16) = (200, 60);
const BOOKS: [&str; 3] = ["tennessine.txt", "hankinghu.txt", "eacontang-cgb.txt"];

fn corpus(name: &str) -> String {
    duizhao::testkit::corpus(&format!("hongloumeng/{name}"))
        .display()
        .to_string()
}

/// The viewer on the first two books, in the middle of the book, working in the background as
/// in a terminal.
fn viewer(sources: &[Source]) -> App {
    let mut app = App::with_options(sources.to_vec(), Pair::new(0, 1), Options::default(), SIZE);
    app.background = true;
    app.go_to_hotspot(app.view.comparison.hotspots.len() / 2);
    app
}

/// Presses `keys` and draws the frame after them; the time it took.
fn press(app: &mut App, keys: &[Key], buf: &mut Buffer) -> Duration {
    let area = Rect::new(0, 0, SIZE.0, SIZE.1);
    let start = Instant::now();
    for &key in keys {
        app.update(Input::Key(key));
    }
    render(app, Theme::COLOR, area, buf);
    start.elapsed()
}

/// One key (or a few) measured: `prepare` is pressed first and `undo` after, neither measured,
/// and background work is waited for between presses.
struct Case<'a> {
    name: &'a str,
    prepare: &'a [Key],
    keys: &'a [Key],
    undo: &'a [Key],
}

fn measure(group: &mut BenchmarkGroup<'_, WallTime>, app: &mut App, case: Case<'_>) {
    let mut buf = Buffer::empty(Rect::new(0, 0, SIZE.0, SIZE.1));
    let step = |keys: &[Key], app: &mut App| {
        for &key in keys {
            app.update(Input::Key(key));
        }
        app.settle();
    };
    group.bench_function(case.name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                step(case.prepare, app);
                total += press(app, case.keys, &mut buf);
                app.settle();
                step(case.undo, app);
            }
            total
        })
    });
}

fn chars(text: &str) -> Vec<Key> {
    text.chars().map(Key::Char).collect()
}

fn bench_keys(c: &mut Criterion) {
    let paths: Vec<String> = BOOKS.iter().map(|b| corpus(b)).collect();
    let Ok(sources) = load_all(&paths) else {
        eprintln!("keys benchmark: {} not found, nothing measured", paths[0]);
        return;
    };
    let mut group = c.benchmark_group("key");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    let mut app = viewer(&sources);
    let (n, x, s, a, l) = (
        [Key::Char('n')],
        [Key::Char('x')],
        [Key::Char('s')],
        [Key::Char('a')],
        [Key::Char('l')],
    );
    let esc = [Key::Esc];
    let z = [Key::Char('z')];
    let cases = [
        Case {
            name: "n",
            prepare: &[],
            keys: &n,
            undo: &[],
        },
        Case {
            name: "x",
            prepare: &[],
            keys: &x,
            undo: &[],
        },
        Case {
            name: "s",
            prepare: &[],
            keys: &s,
            undo: &esc,
        },
        Case {
            name: "s-pick",
            prepare: &s,
            keys: &[Key::Char('3')],
            undo: &[Key::Char('s'), Key::Char('1')],
        },
        Case {
            name: "a",
            prepare: &[],
            keys: &a,
            undo: &esc,
        },
        Case {
            name: "l",
            prepare: &[],
            keys: &l,
            undo: &esc,
        },
        Case {
            name: "z",
            prepare: &[],
            keys: &z,
            undo: &z,
        },
        Case {
            name: "z-n",
            prepare: &z,
            keys: &n,
            undo: &z,
        },
    ];
    for case in cases {
        measure(&mut group, &mut app, case);
    }
    let mut query = vec![Key::Char('/')];
    query.extend(chars("宝玉道"));
    measure(
        &mut group,
        &mut app,
        Case {
            name: "search",
            prepare: &query,
            keys: &[Key::Enter],
            undo: &esc,
        },
    );
    // A pick of a pair never compared: the key returns at once with `comparing …` shown, the
    // comparison following in the background (each iteration on a fresh viewer, made and
    // settled outside the measurement, so nothing is cached).
    group.sample_size(10);
    group.bench_function("s-pick-new", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut buf = Buffer::empty(Rect::new(0, 0, SIZE.0, SIZE.1));
            for _ in 0..iters {
                let mut app = viewer(&sources);
                app.update(Input::Key(Key::Char('s')));
                total += press(&mut app, &[Key::Char('3')], &mut buf);
                assert!(
                    app.busy().is_some(),
                    "the pick is compared in the background"
                );
                app.settle();
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, bench_keys);
criterion_main!(benches);
