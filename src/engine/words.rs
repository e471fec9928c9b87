//! Word boundaries, so that differences read as phrases rather than character showers.
//!
//! Runs of Han characters are cut into words by jieba in search mode (its default dictionary,
//! built once per process, off the critical path); every other run is cut at Unicode (UAX #29) word boundaries,
//! which also keeps combining marks with their base letters.

use crate::text::chars::is_han;
use jieba_rs::Jieba;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

static JIEBA: OnceLock<Jieba> = OnceLock::new();

/// Starts building the Chinese dictionary on another thread, so that it is ready when the
/// first difference needs it. Cheap to call again.
pub fn warm_up() {
    if JIEBA.get().is_none() {
        std::thread::spawn(jieba);
    }
}

/// Whether the Chinese dictionary is built.
pub fn is_ready() -> bool {
    JIEBA.get().is_some()
}

fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(Jieba::new)
}

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
        let run: String = chars[start..end].iter().collect();
        if han {
            // Search mode also yields the dictionary words inside longer words
            // (强权政治 → 强权, 政治, 强权政治), so the boundaries are the finest the
            // dictionary knows and a difference widens only to the smallest whole word.
            for token in jieba().cut_for_search(&run, false) {
                out.push(start + token.start);
                out.push(start + token.end);
            }
        } else {
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
