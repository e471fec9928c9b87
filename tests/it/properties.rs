//! Property tests of the engine's invariants on random texts (CJK, Latin words, punctuation,
//! emoji, combining marks, white space and page breaks).

use crate::common;

use duizhao::engine::compare::{Class, Comparison, compare, compare_normalized};
use duizhao::engine::markup::Markup;
use duizhao::engine::normalize::{normalize, normalize_as};
use duizhao::pair::Pair;
use proptest::prelude::*;
use std::sync::Arc;

/// Pieces random texts are made of: words of several scripts, punctuation, layout.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "霸权", "强权", "政治", "中国", "特色", "大国", "外交", "理论", "和", "实践", "的",
            "发展", "规律", "会议", "指出", "世界", "历史", "观",
        ]).prop_map(str::to_string),
        2 => prop::sample::select(vec!["，", "、", "。", "“", "”", "（", "）", "：", ",", ".", "!"])
            .prop_map(str::to_string),
        2 => prop::sample::select(vec!["the", "colour", "color", "sea", "Li", "Qiang", "2023", "１２"])
            .prop_map(str::to_string),
        1 => prop::sample::select(vec![" ", "\n", "\n\n", "\u{3000}", "\r\n", "\t"]).prop_map(str::to_string),
        1 => prop::sample::select(vec!["😀", "👨\u{200d}👩\u{200d}👧", "e\u{301}", "\u{200b}", "한국어"])
            .prop_map(str::to_string),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

/// A text and a variant of it made by random edits, so the pair shares most of its text.
fn related() -> impl Strategy<Value = (String, String)> {
    related_of(piece, 80)
}

/// A text of up to `len` pieces made by `piece`, and a variant of it made by random edits.
fn related_of<S: Strategy<Value = String>>(
    piece: fn() -> S,
    len: usize,
) -> impl Strategy<Value = (String, String)> {
    (
        prop::collection::vec(piece(), 1..len),
        prop::collection::vec((any::<prop::sample::Index>(), 0..3u8, piece()), 0..8),
    )
        .prop_map(|(base, edits)| {
            let other = common::edited(&base, &edits);
            (base.concat(), other.concat())
        })
}

/// Pieces of texts with markup of every profile, for the profiles' own invariants.
fn marked_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => piece(),
        2 => prop::sample::select(vec![
            "一緒《いっしょ》", "｜羅生門《らしょうもん》", "［＃８字下げ］", "ゐ", "つ", "っ", "やう",
            "¶", "<pb:KR_1a>", "<md:KR_2b>", "(中都/魯邑)", "(", "/", ")", "&KR0012;", "爲", "為",
            "**", "`", "\n# ", "\n> ", "\n- ", "\n1. ", "\n```\n", "[链接](http://x/a b)",
            "<span>", "第十八条", "第十九条", "（六）", "(六)", "．",
        ])
        .prop_map(str::to_string),
    ]
}

/// A text with markup and a variant of it made by random edits.
fn related_marked() -> impl Strategy<Value = (String, String)> {
    related_of(marked_piece, 60)
}

fn check_invariants(a: &str, b: &str) -> Result<(), TestCaseError> {
    check_comparison(a, b, &compare(a, b))
}

fn check_comparison(a: &str, b: &str, c: &Comparison) -> Result<(), TestCaseError> {
    let (la, lb) = (a.chars().count(), b.chars().count());
    prop_assert!((0.0..=1.0).contains(&c.similarity));
    let (mut pa, mut pb, mut na, mut nb) = (0, 0, 0, 0);
    for h in &c.hotspots {
        // Spans in bounds and in order, never overlapping.
        prop_assert!(h.span.left.start <= h.span.left.end && h.span.left.end <= la);
        prop_assert!(h.span.right.start <= h.span.right.end && h.span.right.end <= lb);
        prop_assert!(
            h.span.left.start >= pa && h.span.right.start >= pb,
            "{:?}",
            c.hotspots
        );
        prop_assert!(h.norm.left.start >= na && h.norm.right.start >= nb);
        // A hotspot is never empty on both sides; only markup and invisible characters are
        // kept out of the normalised texts, so only their hotspots may be empty there.
        prop_assert!(!h.span.left.is_empty() || !h.span.right.is_empty());
        let aside = matches!(h.class, Class::Markup | Class::Invisible);
        prop_assert!(!h.norm.left.is_empty() || !h.norm.right.is_empty() || aside);
        (pa, pb) = (h.span.left.end, h.span.right.end);
        (na, nb) = (h.norm.left.end, h.norm.right.end);
    }
    // Replacing every hotspot's left text by its right text turns left into right.
    let (nl, nr) = (&c.norm.left.chars, &c.norm.right.chars);
    let mut rebuilt = Vec::new();
    let mut at = 0;
    for h in &c.hotspots {
        rebuilt.extend_from_slice(&nl[at..h.norm.left.start]);
        rebuilt.extend_from_slice(&nr[h.norm.right.clone()]);
        at = h.norm.left.end;
    }
    rebuilt.extend_from_slice(&nl[at..]);
    prop_assert_eq!(&rebuilt, nr);
    // Nothing lost: between consecutive hotspots the original texts read the same, white
    // space aside, so every character that differs is inside some hotspot.
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let plain = |t: &[char]| t.iter().filter(|c| !c.is_whitespace()).collect::<String>();
    let (mut pa, mut pb) = (0, 0);
    for h in &c.hotspots {
        prop_assert_eq!(
            plain(&ca[pa..h.span.left.start]),
            plain(&cb[pb..h.span.right.start]),
            "{:?}",
            c.hotspots
        );
        (pa, pb) = (h.span.left.end, h.span.right.end);
    }
    prop_assert_eq!(plain(&ca[pa..]), plain(&cb[pb..]));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn invariants_hold_for_unrelated_texts(a in text(), b in text()) {
        check_invariants(&a, &b)?;
    }

    #[test]
    fn invariants_hold_for_related_texts((a, b) in related()) {
        check_invariants(&a, &b)?;
        check_invariants(&b, &a)?;
    }

    /// The same invariants under every markup profile, on texts full of markup.
    #[test]
    fn invariants_hold_with_markup((a, b) in related_marked(), profile in 0..4usize) {
        let markup = Markup::ALL[profile];
        let norm = Pair::new(
            Arc::new(normalize_as(&a, markup)),
            Arc::new(normalize_as(&b, markup)),
        );
        check_comparison(&a, &b, &compare_normalized(norm))?;
    }

    #[test]
    fn comparing_a_text_with_itself_finds_nothing(a in text()) {
        let c = compare(&a, &a);
        prop_assert!(c.hotspots.is_empty());
        prop_assert_eq!(c.similarity, 1.0);
    }

    /// White space and page breaks between CJK characters carry no reading.
    #[test]
    fn layout_between_cjk_characters_gives_no_hotspot(
        words in prop::collection::vec(prop::sample::select(vec!["霸权", "政治", "中国", "，", "。", "的", "2023年", "12月"]), 1..40),
        breaks in prop::collection::vec(prop::sample::select(vec!["", "", " ", "\n\n", "\u{3000}", "\r\n"]), 40),
    ) {
        let plain: String = words.concat();
        let laid_out: String = words.iter().zip(&breaks).map(|(w, s)| format!("{w}{s}")).collect();
        let c = compare(&plain, &laid_out);
        prop_assert!(c.hotspots.is_empty(), "{:?}", c.hotspots);
    }

    /// The normalised text maps back: every normalised character is the original character
    /// it claims (or a kept space, or an entity's stand-in at its `&`), and its key is its
    /// folded form.
    #[test]
    fn normalisation_maps_back(a in text()) {
        let n = normalize(&a);
        let orig: Vec<char> = a.chars().collect();
        prop_assert_eq!(n.orig_len, orig.len());
        for (c, &i) in n.chars.iter().zip(&n.orig) {
            let o = orig[i as usize];
            let entity = duizhao::engine::normalize::is_entity(*c) && o == '&';
            prop_assert!(*c == o || (*c == ' ' && o.is_whitespace()) || entity);
        }
        for (c, k) in n.chars.iter().zip(&n.keys) {
            let folded = duizhao::text::fold::key(*c, n.tables);
            prop_assert!(*k == folded || duizhao::engine::normalize::is_entity(*c));
        }
        prop_assert!(n.orig.windows(2).all(|w| w[0] < w[1]));
    }
}
