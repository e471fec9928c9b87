//! Character classes: the one place that says what kind of character a character is.
//!
//! The engine asks whether a character only punctuates, whether its script is written without
//! spaces, whether white space between two characters carries meaning; the view model asks which marks must not start a row; the sanitiser and the reports
//! ask which characters must never be printed raw. All of it is answered here, from Unicode
//! properties where Unicode has one.

use icu_properties::props::{DefaultIgnorableCodePoint, ExtendedPictographic};
use icu_properties::{CodePointSetData, CodePointSetDataBorrowed};
use unicode_general_category::{GeneralCategory, get_general_category};

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
    c.is_alphanumeric() && !is_unspaced_script(c)
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

/// Whether `c` is pictographic (Extended_Pictographic): an emoji or a symbol drawn as one.
pub fn is_pictographic(c: char) -> bool {
    const PICTOGRAPHIC: CodePointSetDataBorrowed<'static> =
        CodePointSetData::new::<ExtendedPictographic>();
    PICTOGRAPHIC.contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

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
