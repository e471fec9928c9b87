//! Word boundaries, so that differences read as phrases rather than character showers.
//!
//! Runs of Han characters are cut into words as jieba cuts them in search mode ([`jieba`]: its
//! dictionary as a trie read in place, nothing to build); every other run is cut at Unicode
//! (UAX #29) word boundaries, which also keeps combining marks with their base letters.

mod jieba;

use crate::text::chars::is_han;
use unicode_segmentation::UnicodeSegmentation;

/// Word boundaries of `chars`: a sorted list of character offsets in `0..=chars.len()` where a
/// word starts or ends; always contains 0 and `chars.len()`.
pub fn boundaries(chars: &[char]) -> Vec<usize> {
    let mut out = vec![0];
    let mut start = 0;
    while start < chars.len() {
        let han = is_han(chars[start]);
        let mut end = start + 1;
        while end < chars.len() && is_han(chars[end]) == han {
            end += 1;
        }
        if han {
            // Search mode also yields the dictionary words inside longer words
            // (强权政治 → 强权, 政治, 强权政治), so the boundaries are the finest the
            // dictionary knows and a difference widens only to the smallest whole word.
            jieba::search_bounds(&chars[start..end], start, &mut out);
        } else {
            let run: String = chars[start..end].iter().collect();
            let mut offset = start;
            for word in run.split_word_bounds() {
                offset += word.chars().count();
                out.push(offset);
            }
        }
        start = end;
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        boundaries(&chars)
            .windows(2)
            .map(|w| chars[w[0]..w[1]].iter().collect())
            .collect()
    }

    #[test]
    fn chinese_words() {
        let words = cut("坚决反对一切霸权政治和霸凌行径");
        assert!(words.contains(&"霸权".to_string()), "{words:?}");
        assert!(words.contains(&"政治".to_string()), "{words:?}");
    }

    #[test]
    fn spaced_words_and_combining_marks() {
        assert_eq!(
            cut("cafe\u{301} au lait"),
            ["cafe\u{301}", " ", "au", " ", "lait"]
        );
    }

    #[test]
    fn mixed_runs_and_empty() {
        assert_eq!(cut("2023年"), ["2023", "年"]);
        assert_eq!(boundaries(&[]), vec![0]);
    }
}
