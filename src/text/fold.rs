//! Character folding: which characters are the same character in another form.
//!
//! Two levels, each a function from a character to its representative:
//!
//! * [`form`]: the same character or mark in another *code form*: full and half width
//!   (`（` = `(`, `２` = `2`, `ｱ` = `ア`), Unicode compatibility characters (CJK compatibility
//!   ideographs, `ﬀ`-style presentation forms: Unicode's NFKC where it maps one character to
//!   one), and the CJK and ASCII forms of one mark that Unicode keeps apart (`．`, `。` and `.`;
//!   `“`, `”` and `"`; `〈` and `<`: the short table [`MARKS`]);
//! * [`variant`]: a variant form of the same character: rare variant ideographs of classical
//!   texts (`甞` = `嘗`, `畧` = `略`) from Unihan and the 通用规范汉字表
//!   ([`crate::text::unihan_variants`]), variant ideographs (`戸` = `户`, `䘮` = `喪`) from
//!   IRG's kVariants list, then traditional and simplified Chinese and their variants
//!   (`爲` = `為` = `为`, `於` = `于`) and Japanese old and new kanji forms (`廣` = `広`) from
//!   OpenCC's tables (`TSCharacters`, and for Japanese text `JPShinjitaiCharacters` and
//!   `JPVariantsRev`): all static tables generated from their upstream files
//!   ([`crate::text::variant_tables`]), looked up by halves, with nothing to load or lock;
//!   small and large kana (`っ` = `つ`) and the historical kana `ゐ` = `い`, `ゑ` = `え` (the
//!   kana table [`KANA`]).
//!
//! [`key`] applies both: the engine aligns texts on keys, so that a difference of form or
//! variant never breaks the alignment, and then tells each such difference by its level.

use crate::text::chars::is_han;
use crate::text::script::Scripts;
use crate::text::unihan_variants::RARE_TO_COMMON;
use crate::text::variant_tables::{JP2T, KVARIANTS, T2S};
use icu_normalizer::ComposingNormalizerBorrowed;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Marks whose CJK and ASCII (or other) forms Unicode does not fold into each other, with the
/// form they fold to. Applied after NFKC, so full-width forms (`．`, `，`, `（`) have become ASCII.
const MARKS: &[(char, char)] = &[
    ('。', '.'),
    ('“', '"'),
    ('”', '"'),
    ('„', '"'),
    ('〝', '"'),
    ('〞', '"'),
    ('‘', '\''),
    ('’', '\''),
    ('`', '\''),
    ('〈', '<'),
    ('〉', '>'),
    ('・', '·'),
    ('•', '·'),
    ('‧', '·'),
    ('∶', ':'),
    ('﹐', ','),
    ('‐', '-'),
    ('‑', '-'),
    ('−', '-'),
    ('〜', '~'),
];

/// Small kana and their large forms, and the historical kana that modern spelling replaced
/// (`ゐ` → `い`, `ゑ` → `え`).
const KANA: &[(char, char)] = &[
    ('ぁ', 'あ'),
    ('ぃ', 'い'),
    ('ぅ', 'う'),
    ('ぇ', 'え'),
    ('ぉ', 'お'),
    ('っ', 'つ'),
    ('ゃ', 'や'),
    ('ゅ', 'ゆ'),
    ('ょ', 'よ'),
    ('ゎ', 'わ'),
    ('ゕ', 'か'),
    ('ゖ', 'け'),
    ('ァ', 'ア'),
    ('ィ', 'イ'),
    ('ゥ', 'ウ'),
    ('ェ', 'エ'),
    ('ォ', 'オ'),
    ('ッ', 'ツ'),
    ('ャ', 'ヤ'),
    ('ュ', 'ユ'),
    ('ョ', 'ヨ'),
    ('ヮ', 'ワ'),
    ('ヵ', 'カ'),
    ('ヶ', 'ケ'),
    ('ゐ', 'い'),
    ('ゑ', 'え'),
    ('ヰ', 'イ'),
    ('ヱ', 'エ'),
];

/// The code form of `c`: NFKC where it gives one character, then the [`MARKS`] table.
pub fn form(c: char) -> char {
    match c {
        '`' => '\'',
        // Nothing here has a compatibility decomposition or a mark to fold (a fast path for
        // most text).
        ' '..='~' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' => {
            c
        }
        // CJK and general punctuation, kana, full and half width forms: worked out once.
        '\u{2000}'..='\u{33FF}' => FORMS.0[c as usize - 0x2000],
        '\u{FE00}'..='\u{FFFF}' => FORMS.1[c as usize - 0xFE00],
        _ => folded_form(c),
    }
}

/// [`form`] of U+2000..U+33FF and of U+FE00..U+FFFF, the blocks CJK text uses most.
static FORMS: LazyLock<(Vec<char>, Vec<char>)> = LazyLock::new(|| {
    let block = |r: std::ops::RangeInclusive<u32>| {
        r.map(|u| char::from_u32(u).map_or('\u{FFFD}', folded_form))
            .collect()
    };
    (block(0x2000..=0x33FF), block(0xFE00..=0xFFFF))
});

/// NFKC where it gives one character, then the [`MARKS`] table.
fn folded_form(c: char) -> char {
    let c = nfkc(c);
    match MARKS.iter().find(|(from, _)| *from == c) {
        Some(&(_, to)) => to,
        None => c,
    }
}

fn nfkc(c: char) -> char {
    let mut buf = [0; 4];
    let normalized = ComposingNormalizerBorrowed::new_nfkc().normalize(c.encode_utf8(&mut buf));
    let mut chars = normalized.chars();
    match (chars.next(), chars.next()) {
        // `　` becomes a space, U+309B a space and a mark: white space stays what it was.
        (Some(one), None) if !one.is_whitespace() => one,
        _ => c,
    }
}

/// Which variant tables a text takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tables {
    /// Chinese: traditional and simplified forms.
    #[default]
    Chinese,
    /// Japanese (a text with kana): also old and new kanji forms (`廣` = `広`), which must not
    /// apply to Chinese (Japanese `芸` stands for `藝`; Chinese `芸` is another word).
    Japanese,
}

impl Tables {
    fn pick(self, chinese: char, japanese: char) -> char {
        match self {
            Tables::Chinese => chinese,
            Tables::Japanese => japanese,
        }
    }
}

/// The variant form of a character already folded by [`form`].
pub fn variant(c: char, tables: Tables) -> char {
    match c {
        '\u{3041}'..='\u{30FF}' => kana(c),
        _ if is_han(c) => {
            let (chinese, japanese) = variant_forms(c);
            tables.pick(chinese, japanese)
        }
        _ => c,
    }
}

/// The large form of a small kana, or the modern one of `ゐ` `ゑ` (`ヰ` `ヱ`), as keys have it.
pub(crate) fn kana(c: char) -> char {
    KANA.iter()
        .find(|(from, _)| *from == c)
        .map_or(c, |&(_, to)| to)
}

/// The keys of one text's characters: its tables, and the variant forms of every Han character
/// it holds, worked out in one batch (a book holds a few thousand distinct ones).
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// The tables the text takes.
    pub tables: Tables,
    /// Variant forms of the text's Han characters that differ from them.
    variants: FxHashMap<char, char>,
    /// The characters `variants` has: most characters of a text have none, and a bit says so
    /// sooner than the map.
    varied: HanSet,
}

/// One past the last code point [`is_han`] takes.
const HAN_END: usize = 0x4_0000;

/// A set of Han characters as bits, one a code point below [`HAN_END`] (32 KB): a book has a
/// few thousand distinct ones, each met hundreds of times. The empty set (`default`) has none.
#[derive(Debug, Clone, Default)]
struct HanSet(Vec<u64>);

impl HanSet {
    /// A set that can hold every Han character, holding none yet.
    fn new() -> HanSet {
        HanSet(vec![0; HAN_END.div_ceil(64)])
    }

    /// Adds `c` (nothing for a character past the Han code points).
    fn insert(&mut self, c: char) {
        if let Some(word) = self.0.get_mut(c as usize / 64) {
            *word |= 1 << (c as usize % 64);
        }
    }

    fn contains(&self, c: char) -> bool {
        self.0
            .get(c as usize / 64)
            .is_some_and(|word| word & (1 << (c as usize % 64)) != 0)
    }

    /// The characters, in code point order.
    fn iter(&self) -> impl Iterator<Item = char> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &word)| {
            (0..64)
                .filter(move |b| word & (1 << b) != 0)
                .filter_map(move |b| char::from_u32((i * 64 + b) as u32))
        })
    }
}

impl Keys {
    /// The keys for `text`, with the Japanese tables when at least one in a hundred of its
    /// characters (white space aside) is kana ([`Scripts::is_japanese`], over the whole text).
    pub fn for_text(text: &str) -> Keys {
        // One pass: the scripts that choose the tables, and the distinct Han characters, with
        // the Han code form of any other character (a compatibility ideograph 豈 U+F900, a
        // full-width form), which keys it by that form's variant. ASCII and the unified block
        // have no other form.
        let mut scripts = Scripts::default();
        let mut seen = HanSet::new();
        for c in text.chars() {
            scripts.add(c);
            if is_han(c) {
                seen.insert(c);
            }
            if !c.is_ascii() && !('\u{4E00}'..='\u{9FFF}').contains(&c) {
                let f = form(c);
                if is_han(f) {
                    seen.insert(f);
                }
            }
        }
        let tables = if scripts.is_japanese() {
            Tables::Japanese
        } else {
            Tables::Chinese
        };
        let variants = seen
            .iter()
            .filter_map(|c| {
                let (chinese, japanese) = variant_forms(c);
                let v = tables.pick(chinese, japanese);
                (v != c).then_some((c, v))
            })
            .collect::<FxHashMap<char, char>>();
        let mut varied = HanSet::new();
        for &c in variants.keys() {
            varied.insert(c);
        }
        Keys {
            tables,
            variants,
            varied,
        }
    }

    /// The comparison key of `c` (as [`key`]).
    pub fn key(&self, c: char) -> char {
        let c = form(c);
        match c {
            '\u{3041}'..='\u{30FF}' => kana(c),
            _ if self.varied.contains(c) => self.variants.get(&c).copied().unwrap_or(c),
            _ => c,
        }
    }
}

/// The comparison key of `c`: its variant form of its code form.
pub fn key(c: char, tables: Tables) -> char {
    variant(form(c), tables)
}

/// How two characters differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The same character.
    Same,
    /// The same character in another code form.
    Form,
    /// A variant form of the same character.
    Variant,
    /// Different characters.
    Other,
}

/// How `a` and `b` differ.
pub fn level(a: char, b: char, tables: Tables) -> Level {
    if a == b {
        Level::Same
    } else {
        let (fa, fb) = (form(a), form(b));
        if fa == fb {
            Level::Form
        } else if variant(fa, tables) == variant(fb, tables) {
            Level::Variant
        } else {
            Level::Other
        }
    }
}

/// The variant forms of the Han character `c`, with the Chinese tables and with the Japanese
/// ones: a rare variant's common form from Unihan (`甞` = `嘗`), IRG's kVariants (`戸` = `户`,
/// `䘮` = `喪`), then OpenCC's character tables (traditional to simplified; for Japanese text,
/// new forms to traditional first).
fn variant_forms(c: char) -> (char, char) {
    let c = rare_to_common(c).unwrap_or(c);
    let standard = lookup(KVARIANTS, c);
    (lookup(T2S, standard), lookup(T2S, lookup(JP2T, standard)))
}

/// What the sorted `table` maps `c` to, or `c`.
fn lookup(table: &[(char, char)], c: char) -> char {
    table
        .binary_search_by_key(&c, |&(from, _)| from)
        .map_or(c, |i| table[i].1)
}

/// The common character a rare variant ideograph stands for (`甞` → `嘗`, `畧` → `略`), from
/// Unihan's semantic and Z variants ([`RARE_TO_COMMON`]).
fn rare_to_common(c: char) -> Option<char> {
    RARE_TO_COMMON
        .binary_search_by_key(&c, |&(rare, _)| rare)
        .ok()
        .map(|i| RARE_TO_COMMON[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_of_a_text_are_each_characters_key_with_the_tables_its_scripts_choose() {
        assert!(
            is_han('\u{3FFFF}') && !is_han('\u{40000}'),
            "HAN_END follows is_han"
        );
        let kana = "かなカナ";
        // Kana at about one character in a hundred, either side of the threshold; ASCII and
        // other white space (a vertical tab, an ideographic space) not counted; rare and
        // traditional Han characters of the BMP and beyond, and compatibility forms.
        let han = "國語學習\u{20000}\u{2A6D6}\u{3FFFF}徃畧\u{F900}\u{FA10}戸户";
        for filler in [396, 404] {
            let text = format!(
                "{kana}{}{han}\u{b}\u{3000} \t{}",
                "漢".repeat(filler / 2),
                "字".repeat(filler / 2)
            );
            let keys = Keys::for_text(&text);
            let tables = if Scripts::of(&text).is_japanese() {
                Tables::Japanese
            } else {
                Tables::Chinese
            };
            assert_eq!(keys.tables, tables, "{filler}");
            for c in text.chars() {
                assert_eq!(keys.key(c), key(c, tables), "{c} {filler}");
            }
        }
    }

    #[test]
    fn code_forms() {
        for (a, b) in [
            ('．', '。'),
            ('（', '('),
            ('，', ','),
            ('２', '2'),
            ('Ａ', 'A'),
            ('“', '"'),
            ('`', '‘'),
            ('〈', '<'),
            ('ｱ', 'ア'),
            ('\u{F900}', '豈'),
        ] {
            assert_eq!(level(a, b, Tables::Chinese), Level::Form, "{a} {b}");
        }
        assert_eq!(form('\u{3000}'), '\u{3000}');
    }

    #[test]
    fn variants() {
        for (a, b) in [
            ('爲', '為'),
            ('於', '于'),
            ('臺', '台'),
            ('つ', 'っ'),
            ('ゐ', 'い'),
        ] {
            assert_eq!(level(a, b, Tables::Chinese), Level::Variant, "{a} {b}");
        }
        assert_eq!(level('廣', '広', Tables::Japanese), Level::Variant);
        assert_eq!(level('芸', '艺', Tables::Chinese), Level::Other);
        let keys = Keys::for_text("爲人．戸");
        assert_eq!(keys.key('爲'), key('為', Tables::Chinese));
        assert_eq!(keys.key('．'), '.');
        assert_eq!(keys.key('戸'), key('户', Tables::Chinese));
    }

    #[test]
    fn rare_variants_of_classical_texts_from_unihan() {
        for (a, b) in [
            ('甞', '嘗'),
            ('畧', '略'),
            ('駮', '駁'),
            ('檝', '楫'),
            ('廹', '迫'),
            // From a kDefinition, "(non-classical form of 微)", and from sts-lib's table.
            ('㣲', '微'),
            ('虵', '蛇'),
        ] {
            for tables in [Tables::Chinese, Tables::Japanese] {
                assert_eq!(level(a, b, tables), Level::Variant, "{a} {b}");
            }
        }
        // Two common characters Unihan calls semantic variants stay apart: different words.
        assert_eq!(level('他', '她', Tables::Chinese), Level::Other);
        assert_eq!(level('辯', '辨', Tables::Chinese), Level::Other);
        // The table is sorted (it is searched by halves) and never maps to a rare character.
        assert!(RARE_TO_COMMON.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(
            RARE_TO_COMMON
                .iter()
                .all(|(_, common)| rare_to_common(*common).is_none())
        );
    }

    #[test]
    fn different_marks_and_characters() {
        for (a, b) in [
            ('、', '，'),
            ('作', '做'),
            ('.', ','),
            ('い', 'え'),
            ('霸', '强'),
        ] {
            assert_eq!(level(a, b, Tables::Chinese), Level::Other, "{a} {b}");
        }
        assert_eq!(level('中', '中', Tables::Chinese), Level::Same);
    }

    #[test]
    fn japanese_tables_for_kana_text() {
        assert_eq!(
            Keys::for_text("下人の行方は、誰も知らない。").tables,
            Tables::Japanese
        );
        assert_eq!(
            Keys::for_text("坚决反对一切霸权政治").tables,
            Tables::Chinese
        );
    }
}
