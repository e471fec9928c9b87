//! The engine on the real samples: every real variant of the shared article is one tight
//! hotspot, layout gives none, and the material around the article gives only a few.
//!
//! The expected variants were worked out by reading the texts side by side.

use duizhao::engine::compare::{Class, Comparison, Filter, Kind, compare};
use duizhao::source::{Source, samples};

struct Expect {
    kind: Kind,
    class: Class,
    left: (usize, &'static str),
    right: (usize, &'static str),
}

fn e(
    kind: Kind,
    class: Class,
    left: (usize, &'static str),
    right: (usize, &'static str),
) -> Expect {
    Expect {
        kind,
        class,
        left,
        right,
    }
}

fn pair(l: usize, r: usize) -> (Source, Source, Comparison) {
    let mut all = samples();
    let right = all.remove(r);
    let left = all.remove(l);
    // What the default filter shows (the markup of 000's Markdown headings is hidden).
    let c = compare(&left.text, &right.text).filtered(&Filter::default());
    (left, right, c)
}

/// Asserts the hotspots of the article body (all but the first `head` and last `tail`).
fn assert_body(l: usize, r: usize, head: usize, tail: usize, expected: &[Expect]) {
    let (left, right, c) = pair(l, r);
    let body = &c.hotspots[head..c.hotspots.len() - tail];
    let got: Vec<_> = body
        .iter()
        .map(|h| {
            (
                h.kind,
                h.class,
                (h.span.left.start, left.slice(h.span.left.clone())),
                (h.span.right.start, right.slice(h.span.right.clone())),
            )
        })
        .collect();
    let want: Vec<_> = expected
        .iter()
        .map(|x| (x.kind, x.class, x.left, x.right))
        .collect();
    assert_eq!(got, want);
}

use Class::{Punctuation as P, Wording as W};
use Kind::{Changed, OnlyLeft, OnlyRight};

#[test]
fn sample_000_vs_001_every_real_variant_exactly() {
    assert_body(
        0,
        1,
        1,
        1,
        &[
            e(Changed, P, (152, "、"), (137, "，")),
            e(OnlyLeft, W, (394, "特色大国"), (379, "")),
            e(OnlyRight, W, (402, ""), (383, "和实践")),
            e(Changed, W, (1086, "霸权"), (1070, "强权")),
            e(OnlyLeft, W, (1367, "特色大国"), (1351, "")),
            e(OnlyLeft, W, (1485, "的"), (1465, "")),
            e(OnlyRight, W, (1503, ""), (1482, "发展")),
            e(OnlyRight, W, (2067, ""), (2048, "好")),
        ],
    );
}

#[test]
fn sample_000_vs_002_every_real_variant_exactly() {
    // 002 keeps 特色大国 the first time, writes 、 as ， three times, and has the page break in
    // 历史\n\n观 at another place: only the real variants show.
    assert_body(
        0,
        2,
        2,
        1,
        &[
            e(OnlyRight, W, (402, ""), (403, "和实践")),
            e(Changed, P, (1017, "、"), (1019, "，")),
            e(OnlyLeft, W, (1367, "特色大国"), (1369, "")),
            e(OnlyRight, W, (1503, ""), (1501, "发展")),
            e(OnlyRight, W, (2067, ""), (2065, "好")),
            e(Changed, P, (2774, "、"), (2773, "，")),
            e(Changed, P, (2781, "、"), (2780, "，")),
        ],
    );
}

#[test]
fn sample_001_vs_003_every_real_variant_exactly() {
    assert_body(
        1,
        3,
        2,
        1,
        &[
            e(OnlyRight, W, (379, ""), (369, "特色大国")),
            e(OnlyLeft, W, (383, "和实践"), (377, "")),
            e(OnlyLeft, W, (1482, "发展"), (1475, "")),
        ],
    );
}

#[test]
fn header_and_surrounding_articles_are_a_few_block_hotspots() {
    let (left, right, c) = pair(0, 1);
    // The dateline: 000 has the subtitle lines and 据新华社电, 001 has 新华社北京 12 月 28 日电.
    let first = &c.hotspots[0];
    assert_eq!(first.kind, Changed);
    assert_eq!(
        left.slice(first.span.left.clone()),
        "李强主持  \n赵乐际王沪宁蔡奇丁薛祥李希韩正出席会议\n\n据新华社电"
    );
    assert_eq!(
        right.slice(first.span.right.clone()),
        "新华社北京 12 月 28 日电"
    );
    // The unrelated article after the shared text is one hotspot to the end of the file.
    let last = c.hotspots.last().unwrap();
    assert!(
        left.slice(last.span.left.clone())
            .starts_with("推动成渝地区双城经济圈建设")
    );
    assert_eq!(last.span.left.end, left.char_len());
    assert!(right.slice(last.span.right.clone()).starts_with("资料来源"));
    assert_eq!(last.span.right.end, right.char_len() - 2);
}

#[test]
fn dropped_closing_paragraphs_and_other_article_are_one_hotspot() {
    // 003 ends the shared article before 王毅作总结讲话 and prints another article after it.
    let (left, right, c) = pair(0, 3);
    let last = c.hotspots.last().unwrap();
    assert!(
        left.slice(last.span.left.clone())
            .starts_with("王毅作总结讲话。")
    );
    assert!(
        right
            .slice(last.span.right.clone())
            .starts_with("据新华社电")
    );
    // Up to the end of the file, but for the final 。 both texts end with.
    assert_eq!(left.text.trim_end().chars().count() - 1, last.span.left.end);
}

/// The article body every Chinese sample prints: from its first paragraph after the dateline
/// to the end of the paragraph before the closing list of attendees.
const BODY_START: &str = "习近平在重要讲话中系统总结";
const BODY_END: &str = "不折不扣贯彻落实党中央对外工作决策部署。";

/// The text without white space, and for each of its characters the offset (in characters)
/// of that character in `text`.
fn solid(text: &str) -> (String, Vec<usize>) {
    let (mut out, mut at) = (String::new(), Vec::new());
    for (i, c) in text.chars().enumerate() {
        if !c.is_whitespace() {
            out.push(c);
            at.push(i);
        }
    }
    (out, at)
}

/// The body's character range in `text`, found by its first and last words.
fn body(text: &str) -> std::ops::Range<usize> {
    let char_at = |byte: usize| text[..byte].chars().count();
    let start = text.find(BODY_START).expect("the body's start");
    let end = text.find(BODY_END).expect("the body's end") + BODY_END.len();
    char_at(start)..char_at(end)
}

/// The body's variants by a plain character diff of the two bodies with white space removed
/// (no folding: the samples' bodies differ in no code form or variant character): each run of
/// changes between equal stretches is one variant, `(left text, right text)`.
fn plain_variants(left: &str, right: &str) -> Vec<(String, String)> {
    let diff = similar::TextDiff::from_chars(left, right);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut open = false;
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Equal => open = false,
            tag => {
                if !open {
                    out.push((String::new(), String::new()));
                    open = true;
                }
                let last = out.last_mut().expect("a variant");
                let side = if tag == similar::ChangeTag::Delete {
                    &mut last.0
                } else {
                    &mut last.1
                };
                side.push_str(change.value());
            }
        }
    }
    out
}

/// Most characters a hotspot may share on both sides at its edges (a word's rest).
const WORD_REST: usize = 3;

/// `(a, b)` without the characters both share at the start and at the end, at most
/// [`WORD_REST`] in all (more is left, and fails the comparison).
fn without_shared_edges(a: &str, b: &str) -> (String, String) {
    let (mut a, mut b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut shared = 0;
    while shared < WORD_REST && !a.is_empty() && !b.is_empty() && a[0] == b[0] {
        a.remove(0);
        b.remove(0);
        shared += 1;
    }
    while shared < WORD_REST && !a.is_empty() && !b.is_empty() && a.last() == b.last() {
        a.pop();
        b.pop();
        shared += 1;
    }
    (a.into_iter().collect(), b.into_iter().collect())
}

/// Whether two variants are the same: equal, or one text inserted or deleted that a diff may
/// slide along the text around it (`特色大国` deleted after `中国` is `国特色大` deleted after
/// `中`: the same text rotated).
fn same_variant(a: &(String, String), b: &(String, String)) -> bool {
    let rotated = |x: &str, y: &str| x.len() == y.len() && format!("{x}{x}").contains(y);
    a == b
        || (a.0.is_empty() && b.0.is_empty() && rotated(&a.1, &b.1))
        || (a.1.is_empty() && b.1.is_empty() && rotated(&a.0, &b.0))
}

#[test]
fn all_chinese_pairs_show_exactly_the_body_variants_a_plain_diff_finds() {
    let all = samples();
    for l in 0..4 {
        for r in 0..4 {
            if l == r {
                continue;
            }
            let c = compare(&all[l].text, &all[r].text).filtered(&Filter::default());
            assert!(c.similarity > 0.45, "{l} vs {r}: {}", c.similarity);
            // Every hotspot differs once white space is set aside: no layout hotspot, and none
            // that is a real difference with white space merged in at its edge.
            for h in &c.hotspots {
                let lt = all[l].slice(h.span.left.clone());
                let rt = all[r].slice(h.span.right.clone());
                assert_ne!(
                    solid(lt).0,
                    solid(rt).0,
                    "{l} vs {r}: layout hotspot {lt:?} / {rt:?}"
                );
                for (side, t) in [("left", lt), ("right", rt)] {
                    assert!(
                        t.is_empty()
                            || (!t.starts_with(char::is_whitespace)
                                && !t.ends_with(char::is_whitespace)),
                        "{l} vs {r}: the {side} span of {lt:?} / {rt:?} takes in white space at its edge"
                    );
                }
            }
            // The body's hotspots are exactly the plain diff's variants of the body; a hotspot
            // may take in a few characters both sides share to make whole words (`霸权`/`强权`
            // where the plain diff has `霸`/`强`): those are set aside before comparing.
            let (lb, rb) = (body(&all[l].text), body(&all[r].text));
            let (ls, _) = solid(all[l].slice(lb.clone()));
            let (rs, _) = solid(all[r].slice(rb.clone()));
            let want = plain_variants(&ls, &rs);
            let got: Vec<(String, String)> = c
                .hotspots
                .iter()
                .filter(|h| lb.start <= h.span.left.start && h.span.left.end <= lb.end)
                .map(|h| {
                    without_shared_edges(
                        &solid(all[l].slice(h.span.left.clone())).0,
                        &solid(all[r].slice(h.span.right.clone())).0,
                    )
                })
                .collect();
            assert!(
                got.len() == want.len() && got.iter().zip(&want).all(|(g, w)| same_variant(g, w)),
                "{l} vs {r}:\n engine: {got:?}\n  plain: {want:?}"
            );
        }
    }
}

#[test]
fn page_break_inside_a_word_gives_no_hotspot() {
    // 000 breaks 历史观 across two paragraphs; 001 does not.
    let (left, _, c) = pair(0, 1);
    let at = left.text.chars().collect::<Vec<_>>();
    let pos = left
        .text
        .find("历史\n\n观")
        .map(|b| left.text[..b].chars().count())
        .unwrap();
    assert_eq!(at[pos], '历');
    assert!(
        c.hotspots
            .iter()
            .all(|h| h.span.left.end <= pos || h.span.left.start > pos + 4)
    );
}

#[test]
fn chinese_against_the_english_translation_is_unrelated() {
    let all = samples();
    for l in 0..4 {
        let c = compare(&all[l].text, &all[4].text);
        assert!(c.similarity < 0.2, "{}", c.similarity);
        assert!(
            !c.hotspots.is_empty() && c.hotspots.len() <= 5,
            "{}",
            c.hotspots.len()
        );
    }
}

#[test]
fn same_article_in_other_encodings_and_line_ends_compares_equal() {
    let original = &samples()[0];
    let (gb, _, _) = encoding_rs::GB18030.encode(&original.text);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in original.text.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let crlf = original.text.replace('\n', "\r\n").into_bytes();
    for (bytes, encoding) in [
        (gb.into_owned(), "GB18030"),
        (utf16, "UTF-16LE"),
        (crlf, "UTF-8"),
    ] {
        let other = Source::from_bytes("x", "x", &bytes).unwrap();
        assert_eq!(other.encoding, encoding);
        let c = compare(&original.text, &other.text);
        assert!(c.hotspots.is_empty(), "{encoding}: {:?}", c.hotspots);
        assert_eq!(c.similarity, 1.0);
    }
}
