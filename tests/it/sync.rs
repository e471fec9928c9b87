//! Both readings of every hotspot on one row, on real texts: the bundled samples (every pair)
//! and the shared corpus's 红楼梦 (tennessine vs hankinghu) and Frankenstein (1818 vs 1831),
//! laid out at the pane widths of 80, 81, 121 and 200 column terminals. Where each reading is
//! drawn is read off the drawn rows (the first row holding a visible cell of the hotspot on
//! each side), not taken from the layout's own record.

use duizhao::engine::compare::compare;
use duizhao::pair::{Pair, Side};
use duizhao::sections::anchors;
use duizhao::source::Source;
use duizhao::testkit::{corpus, divider_column_by_rule, source};
use duizhao::text::width::Widths;
use duizhao::viewer::layout::{Layout, Marks, PaneRow};
use std::sync::Arc;

/// Terminal widths to lay out at (odd and even).
const COLUMNS: [u16; 4] = [80, 81, 121, 200];

/// For every hotspot of `a` against `b` laid out for a terminal `cols` wide, the hotspots
/// whose readings are drawn on different rows: (index, left row, right row).
fn off_rows(a: &Source, b: &Source, cols: u16) -> Vec<(usize, usize, usize)> {
    let cmp = compare(&a.text, &b.text);
    let left = divider_column_by_rule(cols, false) as usize;
    let width = Pair::new(left, cols as usize - left - 1);
    let marks = Pair::new(
        Marks::new(&cmp, Side::Left, vec![]),
        Marks::new(&cmp, Side::Right, vec![]),
    );
    let layout = Layout::new(
        Pair::new(Arc::new(a.clone()), Arc::new(b.clone())),
        &cmp,
        &Arc::new(anchors(Pair::new(a, b), &cmp)),
        width,
        Widths::default(),
        marks,
    );
    // The first row with a visible cell of each hotspot, on each side, in one pass.
    let drawn = |side: Side| {
        let mut first = vec![None; cmp.hotspots.len()];
        for g in 0..layout.total {
            if let PaneRow::Text(row) = layout.pane_row(side, g) {
                for chunk in &row.chunks {
                    if let Some(h) = chunk.look.hotspot
                        && !chunk.text.chars().all(char::is_whitespace)
                    {
                        first[h as usize].get_or_insert(g);
                    }
                }
            }
        }
        first
    };
    let (l, r) = (drawn(Side::Left), drawn(Side::Right));
    (0..cmp.hotspots.len())
        .filter_map(|i| match (l[i], r[i]) {
            (Some(x), Some(y)) if x != y => Some((i, x, y)),
            _ => None,
        })
        .collect()
}

#[test]
fn every_sample_pair_has_both_readings_of_each_hotspot_on_one_row() {
    let samples = duizhao::source::samples();
    for i in 0..samples.len() {
        for j in i + 1..samples.len() {
            for cols in COLUMNS {
                let off = off_rows(&samples[i], &samples[j], cols);
                assert!(
                    off.is_empty(),
                    "samples {i} and {j} at {cols} columns: {off:?}"
                );
            }
        }
    }
}

#[test]
fn book_length_editions_have_both_readings_of_each_hotspot_on_one_row() {
    for (dir, a, b) in [
        ("hongloumeng", "tennessine.txt", "hankinghu.txt"),
        ("frankenstein", "1818.txt", "1831.txt"),
    ] {
        let read = |name: &str| {
            let path = corpus(dir).join(name);
            source(
                name,
                &std::fs::read_to_string(&path).expect("the shared corpus"),
            )
        };
        let (a, b) = (read(a), read(b));
        for cols in [80, 121] {
            let off = off_rows(&a, &b, cols);
            assert!(
                off.is_empty(),
                "{dir} at {cols} columns: {:?}",
                &off[..off.len().min(5)]
            );
        }
    }
}
