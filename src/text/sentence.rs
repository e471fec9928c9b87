//! Where sentences and clauses end: the one table of the marks that end them and of the quotes
//! and brackets that close after them. The moved-passage finder (a move is whole sentences)
//! and the view sections (where both sides may start a row together) both read it, so the two
//! never disagree on what a sentence is.

/// Punctuation that ends a sentence (CJK full-width and half-width, Latin).
pub fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '．' | '…' | '｡' | '.' | '!' | '?' | '‼' | '⁇' | '⁈' | '⁉'
    )
}

/// Punctuation that ends a clause (a comma, an enumeration comma, a semicolon, a colon).
pub fn ends_clause(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '：' | '､' | ',' | ';' | ':')
}

/// Quotes and brackets that close after the punctuation ending a sentence or a clause
/// (`。”`, `？」`, `.)`).
pub fn closes_after(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '」'
            | '』'
            | '）'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '］'
            | '｝'
            | '｣'
            | ')'
            | ']'
            | '}'
            | '"'
            | '\''
            | '»'
            | '›'
    )
}

/// Whether character `i` of `chars` ends a sentence, with the quotes and brackets that close
/// after its mark (`。` and the `”` of `。”` both do): a full stop, `!` or `?` between a letter
/// and a letter or digit after it (`String.raw`, `3.5`) ends none, and a closing bracket ends
/// one only after a sentence's mark (`（一）` ends nothing).
pub fn ends_sentence_at(chars: &[char], i: usize) -> bool {
    let Some(&c) = chars.get(i) else {
        return false;
    };
    if closes_after(c) {
        // Back through the closers to the mark before them.
        let mut k = i;
        while k > 0 && closes_after(chars[k - 1]) {
            k -= 1;
        }
        return k > 0 && ends_sentence(chars[k - 1]);
    }
    if c.is_ascii() {
        return ends_sentence(c) && !chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
    }
    ends_sentence(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn marks_of_every_width_end_sentences() {
        for c in ['。', '！', '？', '．', '…', '｡', '.', '!', '?'] {
            assert!(ends_sentence(c), "{c}");
            assert!(!ends_clause(c), "{c}");
        }
        for c in ['，', '、', '；', '：', '､', ',', ';', ':'] {
            assert!(ends_clause(c), "{c}");
            assert!(!ends_sentence(c), "{c}");
        }
        for c in ['”', '」', '》', '】', '）', ')', '"'] {
            assert!(closes_after(c), "{c}");
            assert!(!ends_sentence(c) && !ends_clause(c), "{c}");
        }
    }

    #[test]
    fn closers_end_a_sentence_only_after_its_mark() {
        let t = chars("他说：“好。”（一）是");
        let at = |s: &str| t.iter().position(|&c| s.starts_with(c)).unwrap();
        assert!(ends_sentence_at(&t, at("。")));
        assert!(
            ends_sentence_at(&t, at("”")),
            "the quote after the full stop"
        );
        assert!(!ends_sentence_at(&t, at("）")), "an enumeration's bracket");
        assert!(!ends_sentence_at(&t, at("：")));
    }

    #[test]
    fn a_latin_full_stop_inside_a_word_or_number_ends_nothing() {
        let t = chars("String.raw is 3.5. Next");
        let dots: Vec<usize> = (0..t.len()).filter(|&i| t[i] == '.').collect();
        assert_eq!(dots.len(), 3);
        assert!(!ends_sentence_at(&t, dots[0]));
        assert!(!ends_sentence_at(&t, dots[1]));
        assert!(ends_sentence_at(&t, dots[2]));
        assert!(!ends_sentence_at(&t, 99), "past the end");
    }
}
