//! Moved passages on real revisions and on texts with a block cut and pasted elsewhere: the
//! expected moves are computed from the texts themselves (where the block was taken from and
//! put), never from the engine's output.

use duizhao::engine::compare::{Comparison, compare};
use duizhao::engine::moves::{MIN_MOVE, find_moves};
use duizhao::testkit::corpus;
use proptest::prelude::*;

fn read(dir: &str, name: &str) -> String {
    std::fs::read_to_string(corpus(dir).join(name)).expect("the shared corpus")
}

/// The article (`第…条`) a character offset of `text` lies in: the last article heading at
/// the start of a line (after Markdown or full-width indentation) before it.
fn article_at(text: &str, offset: usize) -> String {
    let before: String = text.chars().take(offset).collect();
    before
        .lines()
        .rev()
        .map(|l| l.trim_start_matches(|c: char| c.is_whitespace() || c == '#' || c == '*'))
        .find(|l| l.starts_with('第') && l.chars().take(8).any(|c| c == '条'))
        .map(|l| l.chars().take_while(|&c| c != '条').chain(['条']).collect())
        .unwrap_or_default()
}

fn moved(
    cmp: &Comparison,
) -> Vec<(
    String,
    String,
    std::ops::Range<usize>,
    std::ops::Range<usize>,
)> {
    find_moves(cmp)
        .into_iter()
        .map(|m| {
            let spans = m.norm.clone();
            (
                cmp.norm.left.text(m.norm.left.clone()),
                cmp.norm.right.text(m.norm.right.clone()),
                cmp.norm.left.original_range(spans.left),
                cmp.norm.right.original_range(spans.right),
            )
        })
        .collect()
}

#[test]
fn the_antimonopoly_law_sentence_moved_between_articles_is_one_move() {
    let (a, b) = (
        read("laws_zh", "反垄断法(2007-08-30).md"),
        read("laws_zh", "反垄断法(2022-06-24).md"),
    );
    let cmp = compare(&a, &b);
    let moves = moved(&cmp);
    let found: Vec<_> = moves
        .iter()
        .filter(|(l, r, _, _)| l.contains("本法所称垄断协议") && r.contains("本法所称垄断协议"))
        .collect();
    assert_eq!(found.len(), 1, "{moves:#?}");
    let (_, _, left, right) = found[0];
    assert_eq!(article_at(&a, left.start), "第十三条");
    assert_eq!(article_at(&b, right.start), "第十六条");
}

#[test]
fn the_bundled_samples_have_no_move() {
    let samples = duizhao::source::samples();
    for i in 0..samples.len() {
        for j in i + 1..samples.len() {
            let cmp = compare(&samples[i].text, &samples[j].text);
            assert!(
                moved(&cmp).is_empty(),
                "samples {i} and {j}: {:?}",
                moved(&cmp)
            );
        }
    }
}

/// Real sentences (of the first bundled sample, 新华社's report of a 2023 conference), each
/// one with its full stop, at least ten characters long.
fn real_sentences() -> Vec<String> {
    let samples = duizhao::source::samples();
    // Sentences end after `。` and the closing quotes right after it (`。”`).
    let text: String = samples[0].text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut sentence = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        sentence.push(c);
        if c == '。' {
            while let Some(&q) = chars.peek().filter(|q| matches!(q, '”' | '’' | '」')) {
                sentence.push(q);
                chars.next();
            }
            out.push(std::mem::take(&mut sentence));
        }
    }
    out.retain(|s| s.chars().count() >= 10);
    out.dedup();
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        max_global_rejects: 8192,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A block of real sentences cut from one place and pasted at another is one move, whose
    /// spans are the block at its old and its new place.
    #[test]
    fn a_block_cut_and_pasted_elsewhere_is_one_move(
        first in 0usize..1000,
        count in 8usize..16,
        from in 0usize..100,
        len in 1usize..3,
        to in 0usize..100,
    ) {
        let all = real_sentences();
        let first = first % (all.len() - count);
        let sentences = &all[first..first + count];
        let n = sentences.len();
        let from = from % (n - len);
        let rest: Vec<String> = sentences[..from].iter().chain(&sentences[from + len..]).cloned().collect();
        let to = to % (rest.len() + 1);
        prop_assume!(to != from);
        let block: String = sentences[from..from + len].concat();
        // The rest between the old and the new place is at least twice as long as the block,
        // so the alignment keeps the rest in place and the block is what moved (two sentences
        // of a length exchanged are a transposition either way: both may show as moved).
        let between: usize = if to > from {
            rest[from..to].iter().map(|s| s.chars().count()).sum()
        } else {
            rest[to..from].iter().map(|s| s.chars().count()).sum()
        };
        prop_assume!(between >= 2 * block.chars().count() && block.chars().count() >= MIN_MOVE);
        let a = sentences.concat();
        let b: String = rest[..to].concat() + &block + &rest[to..].concat();
        let cmp = compare(&a, &b);
        let moves = moved(&cmp);
        prop_assert_eq!(moves.len(), 1, "{:?}", moves);
        let (_, _, left, right) = &moves[0];
        // The move is the block: cut from either text, it leaves exactly the text without the
        // block. (Where the characters at the block's edges repeat beside it, `A。B。C` with
        // `B。` moved, cutting `。B` leaves the same text: either is the block moved.)
        let cut = |text: &str, span: &std::ops::Range<usize>| -> String {
            text.chars()
                .enumerate()
                .filter(|(i, _)| !span.contains(i))
                .map(|(_, c)| c)
                .collect()
        };
        let without = rest.concat();
        prop_assert_eq!(cut(&a, left), without.clone(), "left {:?}", left);
        prop_assert_eq!(cut(&b, right), without, "right {:?}", right);
        prop_assert_eq!(left.len(), block.chars().count());
    }
}

#[test]
fn the_es6tutorial_string_raw_paragraph_moved_earlier_and_edited_is_a_move() {
    let (a, b) = (
        read(
            "md_revisions_zh",
            "es6tutorial-string__v02__2017-11-12__e8fdb000.md",
        ),
        read(
            "md_revisions_zh",
            "es6tutorial-string__v03__2018-01-24__ee982c43.md",
        ),
    );
    let cmp = compare(&a, &b);
    let moves = moved(&cmp);
    // The paragraph on `String.raw` as the basic way to process template strings went before
    // the code block it followed; the block's own edit (`""` → `''`) is a gap inside a move.
    let paragraph: Vec<_> = moves
        .iter()
        .filter(|(l, r, left, right)| {
            l.contains("处理模板字符串的基本方法")
                && r.contains("处理模板字符串的基本方法")
                && right.start < left.start
        })
        .collect();
    assert_eq!(paragraph.len(), 1, "{moves:#?}");
    let code: Vec<_> = moves
        .iter()
        .filter(|(l, r, _, _)| l.contains("let output = \"\"") && r.contains("let output = ''"))
        .collect();
    assert_eq!(code.len(), 1, "{moves:#?}");
}
