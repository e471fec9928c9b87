//! Moved passages on real revisions and on texts with a block cut and pasted elsewhere: the
//! expected moves are computed from the texts themselves (where the block was taken from and
//! put), never from the engine's output. The comparison's moves are what reports and the viewer
//! show: one `moved` hotspot with both spans, the variants inside it as hotspots of their own.

use crate::common;

use common::{TempDir, duizhao};
use duizhao::engine::compare::{Class, Comparison, Kind, compare};
use duizhao::engine::moves::MIN_MOVE;
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

/// The moved hotspots as reports list them: each side's normalised text and original span.
fn moved(
    cmp: &Comparison,
) -> Vec<(
    String,
    String,
    std::ops::Range<usize>,
    std::ops::Range<usize>,
)> {
    cmp.reading()
        .into_iter()
        .filter(|h| h.kind == Kind::Moved)
        .map(|h| {
            assert_eq!(h.class, Class::Moved);
            (
                cmp.norm.left.text(h.norm.left.clone()),
                cmp.norm.right.text(h.norm.right.clone()),
                h.span.left,
                h.span.right,
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
    // The one move of the revision: the sentence at the end of 第十三条, which became an
    // article of its own, 第十六条 — on the right, the whole line, its new heading a variant
    // inside the move.
    let sentence = "本法所称垄断协议，是指排除、限制竞争的协议、决定或者其他协同行为。";
    let new_line = b
        .lines()
        .find(|l| l.contains(sentence))
        .expect("the sentence in 2022")
        .trim();
    assert!(new_line.starts_with("第十六条"), "{new_line}");
    let no_space = |t: &str| t.split_whitespace().collect::<String>();
    assert_eq!(moves.len(), 1, "{moves:#?}");
    let (l, r, left, right) = &moves[0];
    assert_eq!(
        (l.as_str(), r.as_str()),
        (sentence, no_space(new_line).as_str())
    );
    assert_eq!(article_at(&a, left.start), "第十三条");
    assert_eq!(article_at(&b, right.end), "第十六条");
    // The spans are the sentence's place in the old text and the new article's line.
    let text = |t: &str, r: &std::ops::Range<usize>| -> String {
        t.chars().skip(r.start).take(r.len()).collect()
    };
    assert_eq!(text(&a, left), sentence);
    assert_eq!(text(&b, right), new_line);
    let inner: Vec<String> = cmp.moves[0]
        .inner
        .iter()
        .map(|h| cmp.norm.right.text(h.norm.right.clone()))
        .collect();
    assert_eq!(inner, [no_space(new_line.trim_end_matches(sentence))]);
    // Neither place is shown as text deleted or added any more.
    assert!(!cmp.reading().iter().any(|h| {
        h.kind != Kind::Moved
            && (cmp
                .norm
                .left
                .text(h.norm.left.clone())
                .contains("本法所称垄断协议")
                || cmp
                    .norm
                    .right
                    .text(h.norm.right.clone())
                    .contains("本法所称垄断协议"))
    }));
}

/// The line of character offset `at` of `text`, 1-based.
fn line_of(text: &str, at: usize) -> usize {
    text.chars().take(at).filter(|&c| c == '\n').count() + 1
}

#[test]
fn the_json_and_markdown_reports_give_a_move_both_places() {
    let (a, b) = (
        corpus("laws_zh").join("反垄断法(2007-08-30).md"),
        corpus("laws_zh").join("反垄断法(2022-06-24).md"),
    );
    let (ta, tb) = (
        std::fs::read_to_string(&a).expect("the corpus"),
        std::fs::read_to_string(&b).expect("the corpus"),
    );
    // The lines of the sentence in each version, found by searching the texts.
    let sentence = "本法所称垄断协议，是指排除、限制竞争的协议、决定或者其他协同行为。";
    let line = |t: &str| {
        let at = t.find(sentence).expect("the sentence");
        line_of(t, t[..at].chars().count())
    };
    let (la, lb) = (line(&ta), line(&tb));
    assert_ne!(la, lb);
    let new_line = tb.lines().nth(lb - 1).expect("the line").trim();
    let dir = TempDir::new("moves_reports");
    let args = |format: &str| -> Vec<String> {
        vec![
            "--report".into(),
            format.into(),
            a.display().to_string(),
            b.display().to_string(),
        ]
    };
    let run = |format: &str| {
        let args = args(format);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = duizhao(dir.path(), &args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("JSON");
    let moved: Vec<&serde_json::Value> = json["hotspots"]
        .as_array()
        .expect("hotspots")
        .iter()
        .filter(|h| h["kind"] == "moved")
        .collect();
    assert_eq!(moved.len(), 1, "{moved:#?}");
    let h = moved[0];
    assert_eq!(h["class"], "moved");
    assert_eq!(h["left"]["text"], sentence);
    assert_eq!(h["right"]["text"], new_line);
    assert_eq!(h["left"]["line"], la);
    assert_eq!(h["right"]["line"], lb);
    // Offsets are into the originals.
    let left_start = h["left"]["start"].as_u64().expect("start") as usize;
    assert_eq!(line_of(&ta, left_start), la);
    // Markdown: one row, both lines.
    let md = run("markdown");
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.contains("| moved | moved |"))
        .collect();
    assert_eq!(rows.len(), 1, "{md}");
    assert!(
        rows[0].contains(&format!("(line {la})")) && rows[0].contains(&format!("(line {lb})")),
        "{}",
        rows[0]
    );
}

#[test]
fn the_apparatus_gives_a_transposition_as_one_place() {
    let (a, b) = (
        corpus("laws_zh").join("反垄断法(2007-08-30).md"),
        corpus("laws_zh").join("反垄断法(2022-06-24).md"),
    );
    let ta = std::fs::read_to_string(&a).expect("the corpus");
    let sentence = "本法所称垄断协议，是指排除、限制竞争的协议、决定或者其他协同行为。";
    let dir = TempDir::new("moves_apparatus");
    let out = duizhao(
        dir.path(),
        &[
            "--report",
            "json",
            "--all",
            &a.display().to_string(),
            &b.display().to_string(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let places = json["places"].as_array().expect("places");
    // Every place that holds the sentence in any reading: exactly one, the transposition.
    let holding: Vec<&serde_json::Value> = places
        .iter()
        .filter(|p| {
            p["readings"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|r| r["text"].as_str().is_some_and(|t| t.contains(sentence)))
        })
        .collect();
    assert_eq!(holding.len(), 1, "{holding:#?}");
    let p = holding[0];
    assert_eq!(p["base"]["text"], sentence);
    let line_of = |t: &str| {
        let at = t.find(sentence).expect("the sentence");
        line_of(t, t[..at].chars().count())
    };
    assert_eq!(p["base"]["line"], line_of(&ta));
    let readings = p["readings"].as_array().expect("readings");
    assert_eq!(readings.len(), 2);
    assert_eq!(readings[0]["moved"], false);
    assert_eq!(readings[0]["omitted"], false);
    assert_eq!(readings[1]["moved"], true);
    assert_eq!(readings[1]["omitted"], false);
    assert!(
        readings[1]["text"]
            .as_str()
            .is_some_and(|t| t.ends_with(sentence))
    );
    // No place says the 2022 text omits it or adds it.
    assert!(!places.iter().any(|p| {
        p["readings"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|r| r["omitted"] == true)
            && p["base"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("本法所称垄断协议"))
    }));
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
fn the_es6tutorial_string_raw_section_moved_earlier_is_one_move() {
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
    // The section on `String.raw` as the basic way to process template strings (two
    // paragraphs and a code block) went before the code block it followed: one move, from the
    // first paragraph to the end of its code block.
    assert_eq!(moves.len(), 1, "{moves:#?}");
    let (l, r, left, right) = &moves[0];
    assert!(right.start < left.start);
    for side in [l, r] {
        let side = side.trim_start();
        assert!(
            side.starts_with("String.raw方法可以作为处理模板字符串的基本方法"),
            "{side}"
        );
        assert!(side.contains("也可以作为正常的函数使用"), "{side}");
        assert!(
            side.ends_with("String.raw({ raw: ['t','e','s','t'] }, 0, 1, 2);"),
            "{side}"
        );
    }
    // The code block it crossed stays in place, its own edit (`""` → `''`) an ordinary
    // hotspot; the new introduction of that block (`作为函数，`) too.
    let reading = cmp.reading();
    let texts = |h: &duizhao::engine::compare::Hotspot| {
        (
            cmp.norm.left.text(h.norm.left.clone()),
            cmp.norm.right.text(h.norm.right.clone()),
        )
    };
    assert!(
        reading
            .iter()
            .any(|h| h.kind == Kind::Changed && texts(h) == ("\"\"".into(), "''".into())),
        "{reading:#?}"
    );
    assert!(reading.iter().any(|h| texts(h).1.contains("作为函数")));
}

#[test]
fn a_moved_and_edited_passage_keeps_its_edits_as_hotspots_inside_it() {
    // Real sentences (the first sample's), the block edited at its new place: two characters
    // put in after its fourth, its first `，` made `；`. Those two edits are the inner variants.
    let all = real_sentences();
    let k = (0..all.len() - 12)
        .find(|&k| all[k + 2..k + 4].concat().contains('，'))
        .expect("sentences with a comma");
    let (before, block, between, after) = (
        &all[k..k + 2],
        all[k + 2..k + 4].concat(),
        &all[k + 4..k + 9],
        &all[k + 9..k + 11],
    );
    let head: String = block.chars().take(4).collect();
    let edited = head.clone() + "特别" + &block[head.len()..].replacen('，', "；", 1);
    let a = before.concat() + &block + &between.concat() + &after.concat();
    let b = before.concat() + &between.concat() + &edited + &after.concat();
    let cmp = compare(&a, &b);
    let moves = moved(&cmp);
    assert_eq!(moves.len(), 1, "{a}\n{b}");
    assert_eq!(
        (moves[0].0.as_str(), moves[0].1.as_str()),
        (block.as_str(), edited.as_str())
    );
    let inner = &cmp.moves[0].inner;
    // Each inner hotspot's readings lie inside the move's two places and differ.
    let (left, right) = (&moves[0].2, &moves[0].3);
    assert!(!inner.is_empty());
    for h in inner {
        assert!(
            h.span.left.start >= left.start && h.span.left.end <= left.end,
            "{h:?}"
        );
        assert!(
            h.span.right.start >= right.start && h.span.right.end <= right.end,
            "{h:?}"
        );
        assert_ne!(
            cmp.norm.left.text(h.norm.left.clone()),
            cmp.norm.right.text(h.norm.right.clone())
        );
    }
    // Together the inner hotspots hold the two edits, and no more than a word around each.
    let changed_right: String = inner
        .iter()
        .map(|h| cmp.norm.right.text(h.norm.right.clone()))
        .collect();
    assert!(
        changed_right.contains("特别") && changed_right.contains('；'),
        "{inner:?}"
    );
    assert!(
        inner.len() <= 2 && changed_right.chars().count() <= 8,
        "{changed_right}"
    );
    assert!(
        inner.iter().any(|h| h.class == Class::Punctuation),
        "{inner:?}"
    );
    // The report lists the move, then its inner variants.
    let reading = cmp.reading();
    let at = reading
        .iter()
        .position(|h| h.kind == Kind::Moved)
        .expect("the move");
    assert_eq!(&reading[at + 1..at + 1 + inner.len()], &inner[..]);
}

/// A passage that stands elsewhere in the other text is linked as a move only when its exact
/// stretches cover at least 70% of it (the rule of `MIN_SIMILARITY`): eight runs of 12 equal
/// characters each followed by 6 that differ (12/18, 67%) are one text dropped and another
/// added; eight runs of 15 and 6 (15/21, 71%) are one move. The passage is short beside the
/// text it crosses, so it is the one that moved. Made-up text from a seeded generator.
#[test]
fn a_passage_is_linked_as_a_move_only_above_seventy_percent() {
    const HAN: &[char] = &[
        '的', '一', '是', '在', '不', '了', '有', '和', '人', '这', '中', '大', '为', '上', '个',
        '国', '我', '以', '要', '他', '时', '来', '用', '们', '生', '到', '作', '地', '于', '出',
        '就', '分', '对', '成', '会', '可', '也', '你', '能', '而', '子', '那', '得', '着', '下',
        '自', '之', '年', '过', '发', '后', '里',
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rnd = |n: usize| -> String {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                HAN[(seed % HAN.len() as u64) as usize]
            })
            .collect()
    };
    let mut texts = |equal: usize, differing: usize| -> (String, String) {
        let (p1, p2, p3) = (rnd(300), rnd(600), rnd(300));
        let (mut x, mut y) = (String::new(), String::new());
        for _ in 0..8 {
            let same = rnd(equal);
            x.push_str(&format!("{same}{}", rnd(differing)));
            y.push_str(&format!("{same}{}", rnd(differing)));
        }
        (
            format!("{p1}。\n{x}。\n{p2}。\n{p3}。\n"),
            format!("{p1}。\n{p2}。\n{y}。\n{p3}。\n"),
        )
    };
    let dir = TempDir::new("move-share");
    for (equal, linked) in [(12, false), (15, true)] {
        let (a, b) = texts(equal, 6);
        let pa = dir.write(&format!("a{equal}.txt"), a.as_bytes());
        let pb = dir.write(&format!("b{equal}.txt"), b.as_bytes());
        let out = duizhao(
            dir.path(),
            &[
                "--report",
                "json",
                common::path_arg(&pa),
                common::path_arg(&pb),
            ],
        );
        assert!(out.status.success());
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let moves = json["hotspots"]
            .as_array()
            .expect("hotspots")
            .iter()
            .filter(|h| h["class"] == "moved")
            .count();
        assert_eq!(
            moves > 0,
            linked,
            "{equal} equal of every {} characters: {json}",
            equal + 6
        );
    }
}
