//! Chinese word boundaries: the engine reads jieba's dictionary from its own generated trie
//! (`src/engine/words/jieba.rs`), and must cut every run of Han characters exactly where
//! jieba-rs 0.11 itself cuts it in search mode without its HMM (`cut_for_search(run, false)`,
//! the boundaries of every word it gives). Checked on every Han run of every text of the shared
//! corpus (the three 红楼梦 editions, the classical witnesses, the laws, the Markdown revisions
//! and the news pages), and on random runs drawn from the dictionary's own characters with
//! characters outside jieba's ranges mixed in.

use duizhao::engine::words::boundaries;
use duizhao::text::chars::is_han;
use jieba_rs::Jieba;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// Where jieba-rs starts or ends a word of `run` in search mode (0 and the end included).
fn jiebas(run: &[char]) -> Vec<usize> {
    let text: String = run.iter().collect();
    let mut out = vec![0, run.len()];
    for token in jieba().cut_for_search(&text, false) {
        out.extend([token.start, token.end]);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The maximal runs of Han characters of `text`.
fn han_runs(text: &str) -> Vec<Vec<char>> {
    let mut runs = vec![Vec::new()];
    for c in text.chars() {
        match runs.last_mut() {
            Some(run) if is_han(c) => run.push(c),
            Some(run) if !run.is_empty() => runs.push(Vec::new()),
            _ => {}
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .expect("a corpus directory")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_han_run_of_the_corpus_is_cut_where_jieba_cuts_it() {
    let root = duizhao::testkit::corpus("");
    if !root.exists() {
        eprintln!("skipped: no shared corpus at {}", root.display());
        return;
    }
    let mut paths = Vec::new();
    files(&root, &mut paths);
    paths.sort();
    let (mut runs, mut chars, mut files_read) = (0, 0, 0);
    for path in &paths {
        let bytes = std::fs::read(path).expect("a corpus file");
        let Ok(decoded) = duizhao::source::decode(&bytes) else {
            continue;
        };
        files_read += 1;
        for run in han_runs(&decoded.text) {
            assert_eq!(
                boundaries(&run),
                jiebas(&run),
                "{}: {}",
                path.display(),
                run.iter().collect::<String>()
            );
            runs += 1;
            chars += run.len();
        }
    }
    // The corpus holds 2.3 million Han characters, most of them in the three 红楼梦 editions.
    assert!(
        files_read >= 30 && chars > 2_000_000,
        "{files_read} files, {chars} characters"
    );
    eprintln!("{runs} runs, {chars} Han characters, {files_read} files");
}

/// Characters the dictionary's words are made of (the commonest), and a few Han characters
/// jieba does not cut with its dictionary: U+2EBF0 (extension I) and U+30000 (extension G) are
/// Han to duizhao but outside jieba's ranges.
fn pool() -> Vec<char> {
    let mut pool: Vec<char> =
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
            .chars()
            .collect();
    pool.extend([
        '\u{2EBF0}',
        '\u{30000}',
        '\u{F900}',
        '\u{3400}',
        '\u{20000}',
    ]);
    pool
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_runs_are_cut_where_jieba_cuts_them(picks in prop::collection::vec(0usize..10_000, 1..60)) {
        let pool = pool();
        let run: Vec<char> = picks.iter().map(|&i| pool[i % pool.len()]).collect();
        prop_assert_eq!(boundaries(&run), jiebas(&run), "{}", run.iter().collect::<String>());
    }
}
