//! Character folding: which characters are the same character in another form.
//!
//! Two levels, each a function from a character to its representative:
//!
//! * [`form`]: the same character or mark in another *code form*: full and half width
//!   (`（` = `(`, `２` = `2`, `ｱ` = `ア`), Unicode compatibility characters (CJK compatibility
//!   ideographs, `ﬀ`-style presentation forms: Unicode's NFKC where it maps one character to
//!   one), and the CJK and ASCII forms of one mark that Unicode keeps apart (`．`, `。` and `.`;
//!   `“`, `”` and `"`; `〈` and `<`: the short table [`MARKS`]);
//! * [`variant`]: a variant form of the same character: variant ideographs (`戸` = `户`,
//!   `䘮` = `喪`) from IRG's kVariants table (the `irg-kvariants` crate), then traditional and
//!   simplified Chinese and their variants (`爲` = `為` = `为`, `於` = `于`) and Japanese old and
//!   new kanji forms (`廣` = `広`) from OpenCC's tables (the `ferrous-opencc` crate:
//!   `TSCharacters`, and for Japanese text `JPShinjitaiCharacters` and `JPVariantsRev`); small and large kana (`っ` = `つ`) and the
//!   historical kana `ゐ` = `い`, `ゑ` = `え` (the kana table [`KANA`]).
//!
//! [`key`] applies both: the engine aligns texts on keys, so that a difference of form or
//! variant never breaks the alignment, and then tells each such difference by its level.

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use icu_normalizer::ComposingNormalizerBorrowed;
use irg_kvariants::KVARIANTS;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

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
    let c = match c {
        // Nothing here has a compatibility decomposition (a fast path for most text).
        ' '..='~' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' => {
            c
        }
        _ => nfkc(c),
    };
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
    /// The tables for `text`: Japanese when at least one in a hundred of its characters is
    /// kana.
    pub fn for_text(text: &str) -> Tables {
        let (mut kana, mut all) = (0usize, 0usize);
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            all += 1;
            kana += usize::from(matches!(c, '\u{3041}'..='\u{30FA}'));
        }
        if kana * 100 >= all && kana > 0 {
            Tables::Japanese
        } else {
            Tables::Chinese
        }
    }
}

/// The variant form of a character already folded by [`form`].
pub fn variant(c: char, tables: Tables) -> char {
    match c {
        '\u{3041}'..='\u{30FF}' => KANA
            .iter()
            .find(|(from, _)| *from == c)
            .map_or(c, |&(_, to)| to),
        '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}' => {
            let (chinese, japanese) = opencc_tables();
            let table = match tables {
                Tables::Chinese => chinese,
                Tables::Japanese => japanese,
            };
            table.get(&c).copied().unwrap_or(c)
        }
        _ => c,
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

/// Starts building the variant tables on another thread. Cheap to call again.
pub fn warm_up() {
    if TABLES.get().is_none() {
        std::thread::spawn(opencc_tables);
    }
}

type Table = FxHashMap<char, char>;
static TABLES: OnceLock<(Table, Table)> = OnceLock::new();

/// The Chinese and the Japanese variant tables: every Han character that kVariants and then
/// OpenCC's character tables change into one other character.
fn opencc_tables() -> &'static (Table, Table) {
    TABLES.get_or_init(|| {
        let all: Vec<char> = ['\u{3400}'..='\u{4DBF}', '\u{4E00}'..='\u{9FFF}']
            .into_iter()
            .chain(['\u{F900}'..='\u{FAFF}', '\u{20000}'..='\u{2FA1F}'])
            .flatten()
            .collect();
        let han = &all;
        // IRG's kVariants first (`戸` = `户`, `䘮` = `喪`), then OpenCC's tables.
        let han: Vec<char> = han
            .iter()
            .map(|c| KVARIANTS.get(c).map_or(*c, |k| k.destination_ideograph))
            .collect();
        let t2s = OpenCC::from_config(BuiltinConfig::T2s).ok();
        let jp2t = OpenCC::from_config(BuiltinConfig::Jp2t).ok();
        // One character a line: phrases cannot match across lines, so each line is converted
        // by the character table alone.
        let convert = |cc: &Option<OpenCC>, chars: &[char]| -> Vec<char> {
            let Some(cc) = cc else {
                return chars.to_vec();
            };
            let input: String = chars.iter().flat_map(|&c| [c, '\n']).collect();
            let output = cc.convert(&input);
            let lines: Vec<&str> = output.split('\n').collect();
            chars
                .iter()
                .enumerate()
                .map(|(i, &c)| {
                    let mut it = lines.get(i).map(|l| l.chars()).into_iter().flatten();
                    match (it.next(), it.next()) {
                        (Some(one), None) => one,
                        _ => c,
                    }
                })
                .collect()
        };
        let simplified = convert(&t2s, &han);
        let chinese: Table = all
            .iter()
            .zip(&simplified)
            .filter(|(a, b)| a != b)
            .map(|(&a, &b)| (a, b))
            .collect();
        let traditional = convert(&jp2t, &han);
        let via_traditional = convert(&t2s, &traditional);
        let japanese: Table = all
            .iter()
            .zip(&via_traditional)
            .filter(|(a, b)| a != b)
            .map(|(&a, &b)| (a, b))
            .collect();
        (chinese, japanese)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Tables::for_text("下人の行方は、誰も知らない。"),
            Tables::Japanese
        );
        assert_eq!(Tables::for_text("坚决反对一切霸权政治"), Tables::Chinese);
    }
}
