//! Alignment of two normalised texts into a list of [`Change`]s, in three stages, one module
//! each (and [`change`] for what they pass on); together they stay near-linear at book size (see
//! `shared/notes/alignment-at-book-scale.md`):
//!
//! 1. [`anchors`]: unique 8-character grams shared by both texts, chained in order and extended
//!    into maximal equal runs;
//! 2. [`gaps`]: a character diff between consecutive runs, or one block where a gap's sides are
//!    unrelated;
//! 3. [`readable`]: the raw differences merged, trimmed, slid and widened into whole-word
//!    phrases, and small ones split around a substitution that recurs on its own.

mod anchors;
mod change;
mod gaps;
mod readable;

use change::MIN_CHUNK;
pub use change::{Change, RECURS};

use crate::work;

/// Aligns `a` with `b` and returns their differences, readable and in order.
pub fn align(a: &[char], b: &[char]) -> Vec<Change> {
    let runs = anchors::anchor_runs(a, b);
    let mut between = Vec::with_capacity(runs.len() + 1);
    let (mut pa, mut pb) = (0, 0);
    for run in &runs {
        between.push((pa..run.a, pb..run.b));
        (pa, pb) = (run.a + run.len, run.b + run.len);
    }
    between.push((pa..a.len(), pb..b.len()));
    let mut changes = work::chunks(&between, MIN_CHUNK, |chunk, _| {
        let mut out = Vec::new();
        for (ra, rb) in chunk {
            work::check();
            gaps::diff_gap(a, b, ra.clone(), rb.clone(), &mut out);
        }
        out
    });
    readable::merge_semantic(&mut changes);
    readable::trim_affixes(a, b, &mut changes);
    let snapped = work::chunks(&changes, MIN_CHUNK, |chunk, start| {
        let floor = start
            .checked_sub(1)
            .map_or((0, 0), |i| (changes[i].a.end, changes[i].b.end));
        let ceil = changes
            .get(start + chunk.len())
            .map_or((a.len(), b.len()), |n| (n.a.start, n.b.start));
        readable::snap_to_words(a, b, chunk, floor, ceil)
    });
    changes = readable::join_touching(snapped);
    readable::merge_semantic(&mut changes);
    let changes = readable::split_lopsided(a, b, changes);
    readable::split_recurring(a, b, changes)
}

#[cfg(test)]
mod tests {
    use super::anchors::{Run, anchor_runs, longest_increasing_chain};
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn show(a: &str, b: &str) -> Vec<(String, String)> {
        let (a, b) = (chars(a), chars(b));
        align(&a, &b)
            .into_iter()
            .map(|c| (a[c.a].iter().collect(), b[c.b].iter().collect()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(x, y)| (x.to_string(), y.to_string()))
            .collect()
    }

    #[test]
    fn identical_texts_have_no_changes() {
        assert!(show("", "").is_empty());
        assert!(show("一二三", "一二三").is_empty());
    }

    #[test]
    fn whole_word_variant() {
        assert_eq!(
            show(
                "必须发扬斗争精神，坚决反对一切霸权政治和霸凌行径，有力捍卫国家利益",
                "必须发扬斗争精神，坚决反对一切强权政治和霸凌行径，有力捍卫国家利益"
            ),
            pairs(&[("霸权", "强权")])
        );
    }

    #[test]
    fn punctuation_and_dropped_character() {
        assert_eq!(
            show(
                "是习近平外交思想的核心理念，是我们不断深化对人类社会规律认识、对建设",
                "是习近平外交思想核心理念，是我们不断深化对人类社会规律认识，对建设"
            ),
            pairs(&[("的", ""), ("、", "，")])
        );
    }

    #[test]
    fn english_words() {
        assert_eq!(
            show(
                "the colour of the sea was grey",
                "the color of the sea was grey"
            ),
            pairs(&[("colour", "color")])
        );
    }

    #[test]
    fn unrelated_texts_are_one_block() {
        let a = "会议强调，必须毫不动摇坚持外交大权在党中央，自觉坚持党中央集中统一领导。";
        let b = "The meeting stressed that the centralized and unified leadership must be upheld.";
        let got = show(a, b);
        assert_eq!(got, pairs(&[(a, b)]));
    }

    #[test]
    fn chance_matches_inside_rewritten_text_merge() {
        // Shares a few characters by chance; must not become a shower of tiny changes.
        let got = show(
            "甲乙丙丁。今天天气很好，我们去公园散步吧。戊己庚辛。",
            "甲乙丙丁。明天可能下雨，你们在家里看书吧。戊己庚辛。",
        );
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn tiny_variant_splits_off_a_glued_block() {
        let a = "他说完了．大家都笑了起来，一起走出门去。";
        let b = "他说完了。这里贾母与众人上了楼，在正面楼上归坐，凤姐等占了东楼。大家都笑了起来，一起走出门去。";
        assert_eq!(
            show(a, b),
            pairs(&[
                ("．", "。"),
                ("", "这里贾母与众人上了楼，在正面楼上归坐，凤姐等占了东楼。")
            ])
        );
    }

    #[test]
    fn a_recurring_substitution_is_split_out_of_a_small_change() {
        // `又` / `また` stands alone three times; the fourth is merged with `更` / `さら` across
        // the equal `に` and is split out of it.
        let a = "彼は又来た。山は又高い。川は又長い。空は更に又青い。";
        let b = "彼はまた来た。山はまた高い。川はまた長い。空はさらにまた青い。";
        assert_eq!(
            show(a, b),
            pairs(&[
                ("又", "また"),
                ("又", "また"),
                ("又", "また"),
                ("更", "さら"),
                ("又", "また"),
            ])
        );
        // Seen twice only, it recurs not: the merged change stays whole.
        let a = "彼は又来た。山は又高い。空は更に又青い。";
        let b = "彼はまた来た。山はまた高い。空はさらにまた青い。";
        assert_eq!(
            show(a, b),
            pairs(&[("又", "また"), ("又", "また"), ("更に又", "さらにまた")])
        );
    }

    /// Three sentences where `，` became `、` alone, then `tail` / `tail_b`.
    fn after_three_commas(tail: &str, tail_b: &str) -> Vec<(String, String)> {
        let head = "宝玉听了，便走进来。黛玉看了，只是不语。宝钗笑了，也不说话。";
        show(
            &format!("{head}{tail}"),
            &format!("{}{tail_b}", head.replace('，', "、")),
        )
    }

    #[test]
    fn a_run_of_recurring_punctuation_splits_into_its_marks() {
        let got = after_three_commas("只见松，桃，梅，都开了。", "只见松、桃、梅、都开了。");
        assert_eq!(got, pairs(&[("，", "、"); 6]), "{got:?}");
    }

    #[test]
    fn a_split_never_cuts_a_word_nor_leaves_touching_parts() {
        // In `霸权，` / `强权、` the recurring `，` / `、` touches the word change: no equal
        // text parts them, so the change stays whole.
        let got = after_three_commas("反对一切霸权，政治。", "反对一切强权、政治。");
        assert_eq!(got[3..], pairs(&[("霸权，", "强权、")]), "{got:?}");
    }

    #[test]
    fn a_large_change_is_not_split() {
        let got = after_three_commas(
            "今天天气很好，我们去公园散步吧，然后回家。",
            "明天可能下雨，你们在家里看书吧、然后回家。",
        );
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[3].0.chars().count() > 12, "{got:?}");
    }

    #[test]
    fn a_text_of_one_paragraph_repeated_is_aligned_at_its_edits() {
        // No gram is unique and none repeats a few times only: the paragraphs are paired in
        // order, and each edit, the added paragraph and the dropped one are found.
        let para = "话说那日宝玉在园中闲步，忽见黛玉独坐亭中。\n";
        let mut a: Vec<String> = vec![para.to_string(); 3000];
        let mut b = a.clone();
        a[700] = a[700].replace("闲步", "散步");
        b[1500] = b[1500].replace("闲步", "漫步");
        b.insert(2000, "这是新加的一段。\n".to_string());
        b.remove(2600);
        let (a, b) = (a.concat(), b.concat());
        let got = show(&a, &b);
        // Where the dropped paragraph goes is free among identical ones; the rest is fixed.
        let (dropped, rest): (Vec<_>, Vec<_>) = got
            .iter()
            .cloned()
            .partition(|(x, y)| y.is_empty() && !x.is_empty());
        assert_eq!(
            rest,
            pairs(&[
                ("散步", "闲步"),
                ("闲步", "漫步"),
                ("", "这是新加的一段。\n")
            ]),
            "{got:?}"
        );
        assert_eq!(dropped.len(), 1, "{got:?}");
        assert_eq!(
            dropped[0].0.chars().count(),
            para.chars().count(),
            "{got:?}"
        );
    }

    #[test]
    fn lis_chain() {
        let chain = longest_increasing_chain(&[(0, 5), (1, 1), (2, 2), (3, 0), (4, 3)]);
        assert_eq!(chain, vec![(1, 1), (2, 2), (4, 3)]);
    }

    #[test]
    fn anchors_skip_moved_and_repeated_text() {
        let a = chars("第一段落的文字内容在这里出现。第二段落的文字内容在这里出现。");
        let runs = anchor_runs(&a, &a);
        assert_eq!(
            runs,
            vec![Run {
                a: 0,
                b: 0,
                len: a.len()
            }]
        );
    }
}
