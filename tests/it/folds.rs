//! Folds (`z`) on real texts: a law revision at 120x40 folds most of its rows away and keeps
//! every hotspot in sight of its context; a book (红楼梦, two editions of 120 chapters) folds,
//! walks and draws in well under the 100 ms a key may take.

use duizhao::pair::{Pair, Side};
use duizhao::source::load_all;
use duizhao::testkit::{corpus, press};
use duizhao::viewer::app::{App, Options};
use duizhao::viewer::folds::{CONTEXT, ViewRow};
use duizhao::viewer::keys::{Input, Key};
use duizhao::viewer::render::render;
use duizhao::viewer::theme::Theme;
use ratatui::buffer::Buffer;
use std::time::{Duration, Instant};

fn viewer(paths: &[String], size: (u16, u16)) -> App {
    let sources = load_all(paths).expect("the shared corpus");
    let mut app = App::with_options(sources, Pair::new(0, 1), Options::default(), size);
    app.settle();
    app
}

#[test]
fn a_law_revision_folds_to_its_changes_with_their_context() {
    let dir = corpus("laws_zh");
    let paths = ["反垄断法(2007-08-30).md", "反垄断法(2022-06-24).md"]
        .map(|name| dir.join(name).display().to_string());
    let mut app = viewer(&paths, (120, 40));
    let rows = app.view.layout.total;
    press(&mut app, "z");
    let folded = app.folds.len();
    eprintln!(
        "反垄断法 2007/2022 at 120x40: {rows} rows, {folded} folded ({} folds hiding {} rows)",
        app.folds.folds().len(),
        app.folds.hidden()
    );
    assert!(folded < rows * 3 / 4, "{folded} of {rows} rows");
    // Every hotspot's first row is shown as itself, with its context rows around it.
    for (i, r) in app.view.layout.hotspot_rows.iter().enumerate() {
        let Some(row) = r.left.into_iter().chain(r.right).min() else {
            continue;
        };
        let around = row.saturating_sub(CONTEXT)..(row + CONTEXT + 1).min(rows);
        for g in around {
            let view = app.view_row(g);
            assert_eq!(
                app.folds.at(view),
                Some(ViewRow::Row(g)),
                "hotspot {i}, row {g}"
            );
        }
    }
    // Paging through the folded view from the top to the bottom meets every hotspot's row.
    press(&mut app, "g");
    let mut seen = std::collections::BTreeSet::new();
    loop {
        let shown = app.top..(app.top + app.text_height()).min(app.folds.len());
        seen.extend(shown.filter_map(|v| app.folds.at(v)?.row()));
        let before = app.top;
        app.update(Input::Key(Key::PageDown));
        if app.top == before {
            break;
        }
    }
    for (i, r) in app.view.layout.hotspot_rows.iter().enumerate() {
        for row in [r.left, r.right].into_iter().flatten() {
            assert!(seen.contains(&row), "hotspot {i}'s row {row} never shown");
        }
    }
    assert!(app.position().starts_with("100% "), "{}", app.position());
}

/// The slowest of `times` runs of `f`.
fn slowest(times: usize, mut f: impl FnMut()) -> Duration {
    (0..times)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .max()
        .unwrap_or_default()
}

#[test]
fn a_book_folds_walks_and_draws_at_once() {
    let paths = ["tennessine.txt", "eacontang-cgb.txt"]
        .map(|name| corpus(&format!("hongloumeng/{name}")).display().to_string());
    let size = (200, 60);
    let mut app = viewer(&paths, size);
    let area = ratatui::layout::Rect::new(0, 0, size.0, size.1);
    let mut buf = Buffer::empty(area);
    let mut key = |app: &mut App, keys: &[Key]| {
        slowest(1, || {
            for &k in keys {
                app.update(Input::Key(k));
            }
            render(app, Theme::COLOR, area, &mut buf);
        })
    };
    app.go_to_hotspot(app.view.comparison.hotspots.len() / 2);
    let fold = key(&mut app, &[Key::Char('z')]);
    assert!(app.folding() && !app.folds.folds().is_empty());
    eprintln!(
        "红楼梦 tennessine/eacontang-cgb at 200x60: {} rows, {} folded ({} folds), z in {fold:?}",
        app.view.layout.total,
        app.folds.len(),
        app.folds.folds().len()
    );
    let n = (0..20)
        .map(|_| key(&mut app, &[Key::Char('n')]))
        .max()
        .unwrap_or_default();
    let page = (0..20)
        .map(|_| key(&mut app, &[Key::PageDown]))
        .max()
        .unwrap_or_default();
    let jump = key(
        &mut app,
        &[
            Key::Char(':'),
            Key::Char('5'),
            Key::Char('0'),
            Key::Char('%'),
            Key::Enter,
        ],
    );
    let unfold = key(&mut app, &[Key::Char('z')]);
    eprintln!("n {n:?}, PgDn {page:?}, :50% {jump:?}, z (unfold) {unfold:?}");
    for (what, took) in [
        ("z", fold),
        ("n", n),
        ("PgDn", page),
        (":50%", jump),
        ("z again", unfold),
    ] {
        assert!(took < Duration::from_millis(100), "{what} took {took:?}");
    }
    assert!(!app.folding());
    assert_eq!(app.visible_rows(Side::Left).len(), app.text_height());
}
