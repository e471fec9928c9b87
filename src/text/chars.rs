//! Character classes: the one place that says what kind of character a character is.
//!
//! The engine asks whether a character only punctuates, whether its script is written without
//! spaces, whether white space between two characters carries meaning; the view model asks which marks must not start a row; the sanitiser and the reports
//! ask which characters must never be printed raw. All of it is answered here, from Unicode
//! properties where Unicode has one.

use icu_properties::props::{DefaultIgnorableCodePoint, ExtendedPictographic};
use icu_properties::{CodePointSetData, CodePointSetDataBorrowed};
use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// Whether `c` only punctuates: punctuation, math and modifier symbols, or a kept space.
pub fn is_punctuation(c: char) -> bool {
    use GeneralCategory::*;
    c == ' '
        || matches!(
            get_general_category(c),
            ConnectorPunctuation
                | DashPunctuation
                | OpenPunctuation
                | ClosePunctuation
                | InitialPunctuation
                | FinalPunctuation
                | OtherPunctuation
                | MathSymbol
                | ModifierSymbol
        )
}

/// Whether `c` belongs to a script written without spaces between words (Han, kana, Thai, Lao,
/// Khmer, Myanmar, and the CJK punctuation and full-width blocks).
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x2E80..=0x2FDF    // CJK radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3100..=0x312F    // Bopomofo
        | 0x31A0..=0x31FF    // Bopomofo extended, Katakana extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFF00..=0xFFEF    // half-width and full-width forms
        | 0x20000..=0x3FFFF // CJK extensions B and later
    )
}

/// Whether `c` is a Han ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Whether `c` is a letter or digit of a spaced script: part of a word that white space
/// separates from the next.
pub fn is_spaced_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && !is_unspaced_script(c) && c.is_alphanumeric())
}

/// Whether white space between `before` and `after` carries meaning: it stands next to a word
/// of a spaced script (`Li Qiang`, Korean `에러 값`, `타입 (type)`) and not next to a character
/// of an unspaced one; elsewhere (`12 月`, `ES6 提供`, a line break inside a Chinese paragraph,
/// between two marks) it is layout.
pub fn space_is_significant(before: char, after: char) -> bool {
    (is_spaced_word(before) || is_spaced_word(after))
        && !is_unspaced_script(before)
        && !is_unspaced_script(after)
}

/// Marks that close a phrase and should not start a row of wrapped text (the line-breaking
/// rule CJK typesetting calls 行頭禁則), in CJK and ASCII forms.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '．'
            | '｡'
            | '､'
            | '〟'
            | '‥'
            | '、'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '”'
            | '’'
            | '！'
            | '？'
            | '：'
            | '；'
            | '…'
            | '・'
            | ','
            | '.'
            | '!'
            | '?'
            | ':'
            | ';'
            | ')'
            | ']'
            | '}'
            | '％'
            | '%'
    )
}

/// Whether `c` must never be printed raw or left unseen: a control character, an invisible
/// format character (bidi controls, zero-width characters, U+FEFF …), a line or paragraph
/// separator (terminals give them no width), or any other character Unicode calls
/// default-ignorable (Default_Ignorable_Code_Point: the combining grapheme joiner, variation
/// selectors, Hangul fillers, tags …), which a terminal draws as nothing.
pub fn is_hidden(c: char) -> bool {
    const IGNORABLE: CodePointSetDataBorrowed<'static> =
        CodePointSetData::new::<DefaultIgnorableCodePoint>();
    match c {
        ' '..='~' => false,
        // CJK punctuation, kana, ideographs and Hangul hold no control, format or
        // default-ignorable character but the Hangul filler U+3164 (a fast path for CJK text).
        '\u{3000}'..='\u{3163}' | '\u{3165}'..='\u{D7FF}' => false,
        _ => {
            IGNORABLE.contains(c)
                || matches!(
                    get_general_category(c),
                    GeneralCategory::Control
                        | GeneralCategory::Format
                        | GeneralCategory::LineSeparator
                        | GeneralCategory::ParagraphSeparator
                )
        }
    }
}

/// Whether `c` is unassigned to Unicode (General_Category Cn, the noncharacters U+FFFE, U+FFFF
/// … included): a terminal may draw it at another width than the viewer reckons (none, or two
/// columns), so it is shown as a marker; it is compared as it is.
pub fn is_unassigned(c: char) -> bool {
    match c {
        ' '..='~' | '\u{3000}'..='\u{3163}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' => {
            false
        }
        _ => get_general_category(c) == GeneralCategory::Unassigned,
    }
}

/// Whether `c` is pictographic (Extended_Pictographic): an emoji or a symbol drawn as one.
pub fn is_pictographic(c: char) -> bool {
    const PICTOGRAPHIC: CodePointSetDataBorrowed<'static> =
        CodePointSetData::new::<ExtendedPictographic>();
    PICTOGRAPHIC.contains(c)
}

/// Whether `c` is a grapheme cluster of its own when the character after it is one too (or
/// there is none): a printable character whose Unicode grapheme break property is *Other* (not
/// a control, mark, joiner, prepended mark, regional indicator or emoji part), or a precomposed
/// Hangul syllable, which only a conjoining jamo after it extends. These ranges are most of any
/// CJK or Latin text; everything else goes to the full rules.
pub(crate) fn stands_alone(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7E          // ASCII printable
        | 0x2010..=0x2027    // dashes, quotes, dagger, bullet, ellipsis
        | 0x3001..=0x3029    // CJK punctuation (U+302A..302F are combining tone marks)
        | 0x3030..=0x303F
        | 0x3041..=0x3096    // Hiragana (U+3099, U+309A combine)
        | 0x309B..=0x30FF    // spacing sound marks, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7A3    // Hangul syllables
        | 0xFF01..=0xFF5E // full-width ASCII forms
    )
}

/// The first grapheme boundary of `text` at or after byte offset `byte` (a char boundary).
pub fn grapheme_boundary_from(text: &str, byte: usize) -> usize {
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => byte,
        _ => cursor
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(text.len()),
    }
}

/// The extended grapheme clusters of `s` (what a reader sees as one character), exactly as
/// `unicode-segmentation` finds them, with a fast path for characters that always stand alone
/// (Han, kana, Hangul, ASCII): laying out a book's two texts spends most of its time here.
pub fn graphemes(s: &str) -> Graphemes<'_> {
    Graphemes { rest: s }
}

/// The iterator of [`graphemes`].
#[derive(Debug, Clone)]
pub struct Graphemes<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let mut chars = self.rest.chars();
        let c = chars.next()?;
        // A cluster starts where the last one ended, so the full rules may start there too.
        let len = if stands_alone(c) && chars.next().is_none_or(stands_alone) {
            c.len_utf8()
        } else {
            self.rest
                .graphemes(true)
                .next()
                .map_or(self.rest.len(), str::len)
        };
        let (g, rest) = self.rest.split_at(len);
        self.rest = rest;
        Some(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Characters from every grapheme break category, and the fast path's neighbours.
    const MIXED: &[char] = &[
        'a',
        'Z',
        ' ',
        '~',
        '\r',
        '\n',
        '\t',
        '\u{7f}',
        '\u{85}',
        '中',
        '爲',
        '𠀀',
        'か',
        'ガ',
        '\u{3099}',
        '\u{309a}',
        '\u{309b}',
        'ー',
        '、',
        '。',
        '\u{302a}',
        '\u{302f}',
        '〰',
        '「',
        '，',
        '！',
        '｡',
        'ﾞ',
        '\u{ff9e}',
        '한',
        '각',
        '\u{1100}',
        '\u{1161}',
        '\u{11a8}',
        '\u{0301}',
        '\u{0903}',
        '\u{0600}',
        '\u{200d}',
        '\u{200b}',
        '\u{fe0f}',
        '😀',
        '👍',
        '\u{1f3fb}',
        '🇨',
        '🇳',
        '\u{20e3}',
        '“',
        '…',
        '\u{2028}',
        'é',
        'ก',
        '\u{0e33}',
        '\u{e0041}',
    ];

    proptest! {
        #[test]
        fn graphemes_are_unicode_segmentation_s(picks in prop::collection::vec(0..MIXED.len(), 0..40)) {
            let s: String = picks.iter().map(|&i| MIXED[i]).collect();
            let fast: Vec<&str> = graphemes(&s).collect();
            let full: Vec<&str> = s.graphemes(true).collect();
            prop_assert_eq!(fast, full);
        }
    }

    #[test]
    fn alone_and_clustered() {
        let s = "中文かガ\u{3099}한\u{11a8}e\u{301}\r\n🇨🇳👍\u{1f3fb}";
        let got: Vec<&str> = graphemes(s).collect();
        assert_eq!(
            got,
            [
                "中",
                "文",
                "か",
                "ガ\u{3099}",
                "한\u{11a8}",
                "e\u{301}",
                "\r\n",
                "🇨🇳",
                "👍\u{1f3fb}"
            ]
        );
    }

    #[test]
    fn punctuation_and_scripts() {
        for c in ['、', '，', '。', '.', '“', '—', ' ', '+'] {
            assert!(is_punctuation(c), "{c:?}");
        }
        for c in ['中', 'a', '1', 'ー'] {
            assert!(!is_punctuation(c), "{c:?}");
        }
        assert!(is_unspaced_script('中') && is_unspaced_script('か') && is_unspaced_script('，'));
        assert!(!is_unspaced_script('a') && !is_unspaced_script('한'));
        assert!(is_han('爲') && !is_han('か'));
    }

    #[test]
    fn significant_spaces_are_between_spaced_words_only() {
        assert!(space_is_significant('i', 'Q'));
        assert!(space_is_significant('и', 'Ц'));
        assert!(!space_is_significant('2', '月'));
        assert!(!space_is_significant('史', '观'));
        assert!(space_is_significant(',', 'Z'));
        assert!(space_is_significant('입', '('));
        assert!(!space_is_significant(',', '('));
        assert!(!space_is_significant('6', '提'));
    }

    #[test]
    fn closing_marks() {
        assert!(is_closing('，') && is_closing(')') && !is_closing('（'));
        // The full-width full stop of older transcriptions (红楼梦's `深．`) and half-width forms.
        assert!(is_closing('．') && is_closing('｡') && is_closing('､'));
    }

    #[test]
    fn hides_controls_and_invisible_format_characters() {
        for c in [
            '\u{1b}',
            '\n',
            '\r',
            '\u{7f}',
            '\u{85}',
            '\u{9b}',
            '\u{202e}',
            '\u{2066}',
            '\u{200b}',
            '\u{200d}',
            '\u{feff}',
            '\u{2060}',
            '\u{2028}',
            '\u{34f}',
            '\u{fe0f}',
            '\u{e0100}',
            '\u{3164}',
            '\u{115f}',
            '\u{e0041}',
        ] {
            assert!(is_hidden(c), "{c:?}");
        }
        for c in ['a', ' ', '中', '，', '“', 'é', '😀'] {
            assert!(!is_hidden(c), "{c:?}");
        }
    }
}
