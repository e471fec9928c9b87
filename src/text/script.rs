//! Which script a text is written in, counted once: a [`Scripts`] tally of its Han characters,
//! kana, Hangul and other letters, from which two decisions are read:
//!
//! * [`Scripts::is_japanese`]: whether a text takes the Japanese variant tables
//!   ([`crate::text::fold::Keys::for_text`]): at least one in a hundred of its characters
//!   (white space aside) is kana;
//! * [`Scripts::language`]: a text's language for an HTML `lang` attribute (the HTML report
//!   chooses its fonts by it): Japanese where kana are a tenth of its CJK letters, Korean where
//!   Hangul leads, Chinese where Han leads, else unknown.
//!
//! The two thresholds differ on purpose. The variant tables only add equivalences between
//! kanji forms (`廣` = `広`), so a little kana is enough to take them (a Japanese text dense
//! with kanji, kanbun or a legal text, has few), and the decision is read over the whole text:
//! it changes the comparison keys, so it is kept as it has always been. A `lang` attribute
//! chooses the glyph forms and fonts of a whole column: Chinese drawn with Japanese fonts reads
//! wrong, so the page asks for more (kana a tenth of the CJK letters, and CJK letters ahead of
//! other letters), and reads only a sample ([`Scripts::sample`]).

/// Characters [`Scripts::sample`] reads.
pub const SAMPLE: usize = 20_000;

/// Whether `c` is kana: U+3041..U+30FA, the hiragana block (its letters, sound marks and
/// iteration marks) and the katakana letters; not U+30FB..U+30FF (the middle dot `・`, the
/// prolonged sound mark `ー`, the katakana iteration marks).
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30FA}')
}

/// Whether `c` is Hangul: a precomposed syllable (U+AC00..U+D7AF) or a conjoining jamo
/// (U+1100..U+11FF).
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}')
}

/// A language a text is written in, as far as its script tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Chinese: Han characters lead.
    Chinese,
    /// Japanese: Han characters and kana.
    Japanese,
    /// Korean: Hangul leads.
    Korean,
}

impl Lang {
    /// Its BCP 47 tag: `zh`, `ja`, `ko`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Chinese => "zh",
            Lang::Japanese => "ja",
            Lang::Korean => "ko",
        }
    }
}

/// The characters of a text by script.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scripts {
    /// Han characters ([`crate::text::chars::is_han`]).
    pub han: usize,
    /// Kana ([`is_kana`]).
    pub kana: usize,
    /// Hangul ([`is_hangul`]).
    pub hangul: usize,
    /// Other letters (alphabetic characters of any other script).
    pub other: usize,
    /// Every character but white space (the four above, digits, marks, symbols).
    pub solid: usize,
}

impl Scripts {
    /// The tally of all of `text`.
    pub fn of(text: &str) -> Scripts {
        Scripts::counted(text.chars())
    }

    /// The tally of the first [`SAMPLE`] characters of `text`: enough to tell its language.
    pub fn sample(text: &str) -> Scripts {
        Scripts::counted(text.chars().take(SAMPLE))
    }

    /// The tally of `chars`.
    pub fn counted(chars: impl IntoIterator<Item = char>) -> Scripts {
        let mut scripts = Scripts::default();
        for c in chars {
            scripts.add(c);
        }
        scripts
    }

    /// Counts `c` (for a caller reading the text in a pass of its own).
    pub fn add(&mut self, c: char) {
        if c.is_whitespace() {
            return;
        }
        self.solid += 1;
        if super::chars::is_han(c) {
            self.han += 1;
        } else if is_kana(c) {
            self.kana += 1;
        } else if is_hangul(c) {
            self.hangul += 1;
        } else if c.is_alphabetic() {
            self.other += 1;
        }
    }

    /// Whether the text takes the Japanese variant tables: at least one in a hundred of its
    /// characters (white space aside) is kana.
    pub fn is_japanese(&self) -> bool {
        self.kana > 0 && self.kana * 100 >= self.solid
    }

    /// The text's language: Japanese where kana are at least a tenth of its CJK letters (Han
    /// and kana) and CJK letters outnumber other letters, Korean where Hangul outnumbers both,
    /// Chinese where Han outnumbers other letters; `None` (unknown) else.
    pub fn language(&self) -> Option<Lang> {
        let cjk = self.han + self.kana;
        if self.kana > 0 && self.kana * 10 >= cjk && cjk > self.other {
            Some(Lang::Japanese)
        } else if self.hangul > cjk && self.hangul > self.other {
            Some(Lang::Korean)
        } else if self.han > self.other {
            Some(Lang::Chinese)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_script_and_leaves_white_space_out() {
        let s = Scripts::of("漢字 かなカナ 한글ᄀ abc 123。\n");
        assert_eq!(
            s,
            Scripts {
                han: 2,
                kana: 4,
                hangul: 3,
                other: 3,
                solid: 16,
            }
        );
        // The middle dot, the prolonged sound mark and the katakana iteration mark are not
        // counted; `々` is no kana either.
        assert_eq!(Scripts::of("・ーヽ々").kana, 0);
        assert_eq!(Scripts::of("ぁゝヺ").kana, 3);
    }

    #[test]
    fn languages() {
        let lang = |t: &str| Scripts::sample(t).language();
        assert_eq!(lang("坚决反对一切霸权政治。"), Some(Lang::Chinese));
        assert_eq!(
            lang("吾輩は猫である。名前はまだ無い。"),
            Some(Lang::Japanese)
        );
        assert_eq!(lang("대한민국 헌법"), Some(Lang::Korean));
        assert_eq!(lang("The quick brown fox"), None);
        assert_eq!(lang(""), None);
        assert_eq!(Lang::Japanese.tag(), "ja");
    }

    #[test]
    fn japanese_tables_need_one_kana_in_a_hundred() {
        assert!(Scripts::of("下人の行方は、誰も知らない。").is_japanese());
        assert!(!Scripts::of("坚决反对一切霸权政治").is_japanese());
        let text = |han: usize| format!("の{}", "漢".repeat(han));
        assert!(Scripts::of(&text(99)).is_japanese());
        assert!(!Scripts::of(&text(100)).is_japanese());
        // White space does not count.
        assert!(Scripts::of(&format!("{}{}", text(99), " ".repeat(50))).is_japanese());
    }

    #[test]
    fn the_two_decisions_differ() {
        // One kana in fifty characters: the variant tables, but not a Japanese page.
        let mixed = format!("の{}", "漢".repeat(49));
        let s = Scripts::of(&mixed);
        assert!(s.is_japanese());
        assert_eq!(s.language(), Some(Lang::Chinese));
    }

    #[test]
    fn the_sample_is_the_texts_head() {
        let text = format!("{}{}", "漢".repeat(SAMPLE), "の".repeat(SAMPLE));
        assert_eq!(Scripts::sample(&text).kana, 0);
        assert_eq!(Scripts::of(&text).kana, SAMPLE);
    }
}
