//! The viewer on the 红楼梦 pair (tennessine vs hankinghu, ~0.86M characters each) at 200x60:
//! drawing one frame, a key press and the frame after it (independent of the book's length:
//! only visible rows are drawn), the first frame from loaded sources (names and `comparing …`,
//! the comparison on another thread), and the first frame with the comparison (compare, lay
//! out, draw).
//!
//! Run with `cargo bench --bench frame`. Without `../shared/corpus` it measures nothing.

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::pair::Pair;
use duizhao::source::load_all;
use duizhao::text::width::Widths;
use duizhao::viewer::app::{App, Options};
use duizhao::viewer::keys::{Input, Key};
use duizhao::viewer::render::render;
use duizhao::viewer::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

const SIZE: (u16, u16) = (200, 60);

fn corpus(name: &str) -> String {
    duizhao::testkit::corpus(&format!("hongloumeng/{name}"))
        .display()
        .to_string()
}

fn bench_frames(c: &mut Criterion) {
    let paths = vec![corpus("tennessine.txt"), corpus("hankinghu.txt")];
    let Ok(sources) = load_all(&paths) else {
        eprintln!("frame benchmark: {} not found, nothing measured", paths[0]);
        return;
    };
    let theme = Theme::COLOR;
    let area = Rect::new(0, 0, SIZE.0, SIZE.1);
    let mut group = c.benchmark_group("frame");

    let mut app = App::new(sources.clone(), Pair::new(0, 1), Widths::default(), SIZE);
    let mut buf = Buffer::empty(area);
    // Somewhere in the middle of the book.
    app.go_to_hotspot(app.view.comparison.hotspots.len() / 2);
    group.bench_function("draw-200x60", |b| {
        b.iter(|| render(&app, theme, area, &mut buf))
    });
    group.bench_function("key-n-and-draw-200x60", |b| {
        b.iter(|| {
            app.update(Input::Key(Key::Char('n')));
            render(&app, theme, area, &mut buf)
        })
    });

    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    // What the terminal draws first: the names and `comparing …`, the pair being compared on
    // another thread (waited for outside the measurement, so no two run at once).
    group.bench_function("first-frame-200x60", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let mut app =
                    App::starting(sources.clone(), Pair::new(0, 1), Options::default(), SIZE);
                let mut buf = Buffer::empty(area);
                render(&app, theme, area, &mut buf);
                total += start.elapsed();
                app.settle();
            }
            total
        })
    });
    // The first frame with the comparison: compare, lay out, draw.
    group.bench_function("compared-frame-200x60", |b| {
        b.iter(|| {
            let app = App::new(sources.clone(), Pair::new(0, 1), Widths::default(), SIZE);
            let mut buf = Buffer::empty(area);
            render(&app, theme, area, &mut buf);
            buf
        })
    });
    group.finish();
}

criterion_group!(benches, bench_frames);
criterion_main!(benches);
