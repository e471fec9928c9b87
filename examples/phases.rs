//! Times the phases of a comparison (a development aid; the benchmark is `cargo bench`).
use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let t = Instant::now();
    let a = std::fs::read_to_string(&args[0]).unwrap();
    let b = std::fs::read_to_string(&args[1]).unwrap();
    duizhao::words::warm_up();
    if std::env::var_os("PREWARM").is_some() {
        let _ = duizhao::words::boundaries(&['中']);
    }
    eprintln!("read {:?}", t.elapsed());
    let t = Instant::now();
    let na = duizhao::normalize::normalize(&a);
    let nb = duizhao::normalize::normalize(&b);
    eprintln!("normalize {:?}", t.elapsed());
    let t = Instant::now();
    let c = duizhao::align::align(&na.chars, &nb.chars);
    eprintln!("align {:?} changes {}", t.elapsed(), c.len());
}
