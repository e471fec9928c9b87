//! Times the viewer's start on two files (a development aid; the benchmark is `cargo bench`).
use duizhao::pair::{Pair, Side};
use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sources = duizhao::source::load_all(&args).unwrap();
    duizhao::words::warm_up();
    let t = Instant::now();
    let cmp = duizhao::compare::compare(&sources[0].text, &sources[1].text);
    eprintln!("compare {:?}", t.elapsed());
    let t = Instant::now();
    let pair = Pair::new(&sources[0], &sources[1]);
    let secs = duizhao::view::sections(pair, &cmp);
    eprintln!("sections {:?} {}", t.elapsed(), secs.len());
    let t = Instant::now();
    let marks = Pair::new(
        duizhao::view::Marks::new(&cmp, Side::Left, vec![]),
        duizhao::view::Marks::new(&cmp, Side::Right, vec![]),
    );
    let l = duizhao::view::Layout::new(
        pair,
        &cmp,
        &secs,
        Pair::new(100, 99),
        Default::default(),
        marks.as_ref(),
    );
    eprintln!("layout {:?} {}", t.elapsed(), l.total);
    let t = Instant::now();
    let app = duizhao::app::App::new(sources, Pair::new(0, 1), Default::default(), (200, 60));
    eprintln!("App::new {:?} rows {}", t.elapsed(), app.layout.total);
}
