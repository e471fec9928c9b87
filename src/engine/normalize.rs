//! Normalisation for comparison, with a map back to the original text.
//!
//! Layout carries no reading, so the comparison runs on a normalised copy of each text:
//!
//! * white space is dropped (spaces between CJK characters, line breaks inside a paragraph, a
//!   paragraph split by a page break: `历史\n\n观` compares as `历史观`), except that one space is
//!   kept where it separates words of a spaced script (`Li Qiang`, Korean `에러 값`), and every
//!   space inside code and link targets of Markdown;
//! * markup of the source's profile ([`crate::engine::markup`]) and invisible characters are
//!   kept aside ([`Ignored`]), not compared as text;
//! * every character gets a comparison *key* ([`crate::text::fold::key`]): its code form and
//!   variant folded, so that `．`/`。` or `爲`/`為` never break the alignment, while the
//!   characters themselves stay to tell such differences apart.
//!
//! Every normalised character records the index (in Unicode scalar values) of the original
//! character it came from, so differences found on the normalised text map back to exact spans
//! of the decoded source.

use crate::engine::markup::{Event, Markup, Scanner, Token};
use crate::text::chars::{is_han, is_hidden, space_is_significant};
use crate::text::fold::{Keys, Tables};
use crate::work;
use std::ops::Range;

/// Characters kept aside from the comparison: markup, or invisible characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    /// The normalised index of the character it stands before.
    pub at: u32,
    /// Its original character range.
    pub orig: Range<u32>,
    /// Its text.
    pub text: Box<str>,
    /// Whether it is invisible characters (else markup).
    pub invisible: bool,
}

/// A ruby reading (Aozora `漢字《かんじ》`): the normalised range of its base and the reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruby {
    /// The base text's normalised range.
    pub base: Range<u32>,
    /// The reading.
    pub reading: Box<str>,
}

/// Double-row commentary (mandoku `(…/…)`): its normalised range and where its second half
/// starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The note's text, normalised range.
    pub norm: Range<u32>,
    /// The start of its second half, if it has one.
    pub split: Option<u32>,
}

/// A normalised text and its map back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised characters (as in the original: only white space and markup are gone).
    pub chars: Vec<char>,
    /// For each character, its comparison key.
    pub keys: Vec<char>,
    /// For each normalised character, the index of the original character it stands for.
    pub orig: Vec<u32>,
    /// The length of the original text, in characters.
    pub orig_len: usize,
    /// The markup profile the text was read with.
    pub markup: Markup,
    /// The variant tables its keys were made with.
    pub tables: Tables,
    /// Markup and invisible characters, in order.
    pub ignored: Vec<Ignored>,
    /// Ruby readings, in order.
    pub ruby: Vec<Ruby>,
    /// Double-row notes, in order.
    pub notes: Vec<Note>,
    /// Normalised indices of the first character of each line, in order.
    pub line_heads: Vec<u32>,
    /// For each of `line_heads`, the original offset of the first line after the character
    /// before it that holds anything but white space (markup included): where the text that
    /// begins there starts on the page.
    pub line_starts: Vec<u32>,
    /// For each of `line_heads`, the original offset where its own line starts (only white
    /// space and markup stand between it and the character).
    pub line_own: Vec<u32>,
    /// Characters that stand for more than one original character (entities): normalised
    /// index and original end, in order.
    pub wide: Vec<(u32, u32)>,
}

/// The private-use plane an entity's stand-in character is taken from.
const ENTITY_PLANE: u32 = 0xF0000;
/// Stand-ins for entities: this many distinct ones.
const ENTITY_SPAN: u32 = 0xFFFE;

/// Whether `c` stands for an entity (`&KR0123;`) of a mandoku source.
pub fn is_entity(c: char) -> bool {
    (ENTITY_PLANE..ENTITY_PLANE + ENTITY_SPAN).contains(&(c as u32))
}

impl Normalized {
    /// The number of normalised characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether the normalised text is empty.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The normalised text of `range` as a string.
    pub fn text(&self, range: Range<usize>) -> String {
        self.chars[range].iter().collect()
    }

    /// The indices of the double-row notes that share a character with `range` or touch it
    /// (found by halves: the notes are in order, and where they nest the outer one may be
    /// missed).
    pub fn notes_touching(&self, range: &Range<usize>) -> Range<usize> {
        let from = self
            .notes
            .partition_point(|x| (x.norm.end as usize) < range.start);
        let to = self
            .notes
            .partition_point(|x| (x.norm.start as usize) <= range.end);
        from..to.max(from)
    }

    /// The keys of `range` as a string.
    pub fn key_text(&self, range: Range<usize>) -> String {
        self.keys[range].iter().collect()
    }

    /// Whether normalised index `p` starts a line.
    pub fn is_line_head(&self, p: usize) -> bool {
        self.head_index(p).is_some()
    }

    /// The index in `line_heads` (and the lists beside it) of the line normalised index `p`
    /// starts, if it starts one.
    fn head_index(&self, p: usize) -> Option<usize> {
        self.line_heads.binary_search(&(p as u32)).ok()
    }

    /// Where the line whose first character is normalised index `p` starts (its indentation
    /// and markup included); `None` if `p` starts no line.
    pub fn own_line_start(&self, p: usize) -> Option<usize> {
        let k = self.head_index(p)?;
        self.line_own.get(k).map(|&o| o as usize)
    }

    /// Where the text that begins with normalised index `p`, the first character of a line,
    /// starts on the page: the first line after the character before it that holds anything
    /// (its markup included, its indentation not); `None` if `p` starts no line.
    pub fn line_start_of_head(&self, p: usize) -> Option<usize> {
        let k = self.head_index(p)?;
        self.line_starts.get(k).map(|&o| o as usize)
    }

    /// Maps a normalised range to an original character range.
    ///
    /// A non-empty range covers everything from its first character to its last, including any
    /// white space in between. An empty range at `p` maps to the place just after the original
    /// character before it (or to the start of the text).
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if range.start < range.end {
            let start = self.orig[range.start] as usize;
            start..self.orig_end(range.end - 1)
        } else if range.start == 0 {
            0..0
        } else {
            let p = self.orig_end(range.start - 1);
            p..p
        }
    }

    /// The part of the text in normalised `range`, as a text of its own (every index and
    /// original offset counted from the part's start, the markup kept aside inside it kept),
    /// with the original offset of its first character: a moved passage is compared with its
    /// other reading this way.
    pub fn slice(&self, range: Range<usize>) -> (Normalized, usize) {
        let (s, e) = (range.start, range.end);
        let o0 = if s < e {
            self.orig[s] as usize
        } else {
            self.original_range(s..s).start
        };
        let o1 = if s < e { self.orig_end(e - 1) } else { o0 };
        let (s32, e32, b) = (s as u32, e as u32, o0 as u32);
        let inside = |at: u32| at >= s32 && at < e32;
        // A list beside `line_heads`: the original offsets of the part's lines, from its start.
        let heads_beside = |offsets: &[u32]| -> Vec<u32> {
            self.line_heads
                .iter()
                .zip(offsets)
                .filter(|&(&h, _)| inside(h))
                .map(|(_, &o)| o.saturating_sub(b))
                .collect()
        };
        let part = Normalized {
            chars: self.chars[range.clone()].to_vec(),
            keys: self.keys[range.clone()].to_vec(),
            orig: self.orig[range.clone()].iter().map(|o| o - b).collect(),
            orig_len: o1 - o0,
            markup: self.markup,
            tables: self.tables,
            ignored: self
                .ignored
                .iter()
                .filter(|x| x.at > s32 && x.at < e32 && x.orig.start >= b)
                .map(|x| Ignored {
                    at: x.at - s32,
                    orig: x.orig.start - b..x.orig.end - b,
                    ..x.clone()
                })
                .collect(),
            ruby: self
                .ruby
                .iter()
                .filter(|r| r.base.start >= s32 && r.base.end <= e32)
                .map(|r| Ruby {
                    base: r.base.start - s32..r.base.end - s32,
                    reading: r.reading.clone(),
                })
                .collect(),
            notes: self
                .notes
                .iter()
                .filter(|n| n.norm.start >= s32 && n.norm.end <= e32)
                .map(|n| Note {
                    norm: n.norm.start - s32..n.norm.end - s32,
                    split: n.split.map(|x| x - s32),
                })
                .collect(),
            line_heads: self
                .line_heads
                .iter()
                .filter(|&&h| inside(h))
                .map(|h| h - s32)
                .collect(),
            line_starts: heads_beside(&self.line_starts),
            line_own: heads_beside(&self.line_own),
            wide: self
                .wide
                .iter()
                .filter(|w| inside(w.0))
                .map(|w| (w.0 - s32, w.1 - b))
                .collect(),
        };
        (part, o0)
    }

    /// The original end of normalised character `i`.
    fn orig_end(&self, i: usize) -> usize {
        match self.wide.binary_search_by_key(&(i as u32), |w| w.0) {
            Ok(k) => self.wide[k].1 as usize,
            Err(_) => self.orig[i] as usize + 1,
        }
    }
}

/// Normalises `text` for comparison with the profile detected from its content.
pub fn normalize(text: &str) -> Normalized {
    normalize_as(text, Markup::detect("", text))
}

/// Normalises the text of a source named `name`, with the markup profile `markup` (or, if
/// `None`, the one its name and content suggest).
pub fn normalize_named(name: &str, text: &str, markup: Option<Markup>) -> Normalized {
    normalize_as(text, markup.unwrap_or_else(|| Markup::detect(name, text)))
}

/// Normalises several sources (name and text each) with `markup` as [`normalize_named`]
/// does, on all cores.
pub fn normalize_all(sources: &[(&str, &str)], markup: Option<Markup>) -> Vec<Normalized> {
    work::map(sources, |(name, text)| normalize_named(name, text, markup))
}

/// The pending white space between two characters.
#[derive(Clone, Copy)]
struct Space {
    /// Its first character's index.
    at: u32,
    /// Whether it holds a line break.
    newline: bool,
    /// Whether it stands where every space is kept (code).
    kept: bool,
}

/// Normalises `text` for comparison, reading markup with `markup`.
pub fn normalize_as(text: &str, markup: Markup) -> Normalized {
    // The largest allocations of the comparison: asked for without aborting (`work::reserve`).
    let s: Vec<char> = crate::work::chars(text);
    let keys = Keys::for_text(text);
    let tables = keys.tables;
    let mut n = Normalized {
        chars: crate::work::vec_with_capacity(s.len()),
        keys: crate::work::vec_with_capacity(s.len()),
        orig: crate::work::vec_with_capacity(s.len()),
        orig_len: s.len(),
        markup,
        tables,
        ..Normalized::default()
    };
    let mut scan = Scanner::new(markup, &s);
    let mut pending: Option<Space> = None;
    let mut line_start = true;
    let mut head_pending = true;
    // The first line with anything on it since the last kept character, and whether
    // something (markup) was met on it.
    let mut line_orig = 0u32;
    let mut line_met = false;
    let mut line_own = 0u32;
    let mut ruby_start: Option<u32> = None;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c.is_whitespace() {
            let space = pending.get_or_insert(Space {
                at: i as u32,
                newline: false,
                kept: scan.spaces_kept(),
            });
            if c == '\n' {
                scan.newline();
                space.newline = true;
                if !head_pending || !line_met {
                    line_orig = i as u32 + 1;
                    line_met = false;
                }
                line_start = true;
                head_pending = true;
                line_own = i as u32 + 1;
            }
            i += 1;
            continue;
        }
        line_met = true;
        let (token, event) = scan.token(&s, i, line_start);
        match token {
            Token::Markup(len) => {
                let len = len.max(1).min(s.len() - i);
                let at = n.chars.len() as u32;
                match event {
                    Event::Ruby => {
                        let reading: String = s[i + 1..i + len - 1].iter().collect();
                        let start = ruby_start.take().unwrap_or_else(|| ruby_base_start(&n));
                        if start < at {
                            n.ruby.push(Ruby {
                                base: start..at,
                                reading: reading.into(),
                            });
                        }
                    }
                    Event::RubyStart => ruby_start = Some(at),
                    Event::NoteOpen => n.notes.push(Note {
                        norm: at..at,
                        split: None,
                    }),
                    Event::NoteSplit => {
                        if let Some(note) = n.notes.last_mut() {
                            note.split = Some(at);
                        }
                    }
                    Event::NoteClose => {
                        if let Some(note) = n.notes.last_mut() {
                            note.norm.end = at;
                        }
                    }
                    Event::None => {}
                }
                n.ignored.push(Ignored {
                    at,
                    orig: i as u32..(i + len) as u32,
                    text: s[i..i + len].iter().collect::<String>().into(),
                    invisible: false,
                });
                i += len;
                continue;
            }
            _ if is_hidden(c) => {
                n.ignored.push(Ignored {
                    at: n.chars.len() as u32,
                    orig: i as u32..i as u32 + 1,
                    text: c.to_string().into(),
                    invisible: true,
                });
                i += 1;
                continue;
            }
            _ => {}
        }
        line_start = false;
        let (c, len) = match token {
            Token::Entity(len) => (entity_char(&s[i..i + len]), len),
            _ => (c, 1),
        };
        if let (Some(space), Some(&before)) = (pending.take(), n.chars.last())
            && ((space.kept && !space.newline) || space_is_significant(before, c))
        {
            // What was kept aside after the space's start now stands after the space.
            let at = n.chars.len() as u32;
            for x in n.ignored.iter_mut().rev() {
                if x.at != at || x.orig.start < space.at {
                    break;
                }
                x.at += 1;
            }
            n.chars.push(' ');
            n.keys.push(' ');
            n.orig.push(space.at);
        }
        if head_pending {
            n.line_heads.push(n.chars.len() as u32);
            n.line_starts.push(line_orig);
            n.line_own.push(line_own);
            head_pending = false;
        }
        if len > 1 {
            n.wide.push((n.chars.len() as u32, (i + len) as u32));
        }
        n.chars.push(c);
        n.keys.push(if is_entity(c) { c } else { keys.key(c) });
        n.orig.push(i as u32);
        i += len;
    }
    if scan.note
        && let Some(note) = n.notes.last_mut()
    {
        note.norm.end = n.chars.len() as u32;
    }
    n
}

/// Where a ruby base starts when no `｜` marks it: the run of kanji (and `々`, `〆`, `ヶ`)
/// that ends at the reading, without white space or markup inside it.
fn ruby_base_start(n: &Normalized) -> u32 {
    let kanji = |c: char| is_han(c) || matches!(c, '々' | '〆' | 'ヶ' | '〇');
    let mut j = n.chars.len();
    while j > 0 && kanji(n.chars[j - 1]) && (j == n.chars.len() || n.orig[j] == n.orig[j - 1] + 1) {
        j -= 1;
    }
    j as u32
}

/// The stand-in character of an entity such as `&KR0123;`: the same entity always gets the
/// same one.
fn entity_char(entity: &[char]) -> char {
    let hash = entity
        .iter()
        .fold(0u32, |h, &c| h.wrapping_mul(31).wrapping_add(c as u32));
    char::from_u32(ENTITY_PLANE + hash % ENTITY_SPAN).unwrap_or('\u{FFFC}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).chars.iter().collect()
    }

    fn norm_as(s: &str, m: Markup) -> String {
        normalize_as(s, m).chars.iter().collect()
    }

    fn ignored(s: &str, m: Markup) -> Vec<String> {
        normalize_as(s, m)
            .ignored
            .iter()
            .map(|x| x.text.to_string())
            .collect()
    }

    #[test]
    fn drops_layout_white_space() {
        assert_eq!(norm("新华社北京 12 月 28 日电"), "新华社北京12月28日电");
        assert_eq!(norm("以正确的历史\n\n观、大局观"), "以正确的历史观、大局观");
        assert_eq!(norm("  中央\u{3000}外事 \r\n"), "中央外事");
    }

    #[test]
    fn keeps_one_space_between_spaced_words() {
        assert_eq!(norm("Li  Qiang,\n\nZhao Leji"), "Li Qiang, Zhao Leji");
        assert_eq!(norm("Xi Jinping 习近平 2023 年"), "Xi Jinping习近平2023年");
        assert_eq!(norm("Ли\nЦян"), "Ли Цян");
        assert_eq!(
            norm("구체 타입 (concrete type) 인"),
            "구체 타입 (concrete type) 인"
        );
        assert_eq!(norm("에러값"), "에러값");
    }

    #[test]
    fn keys_fold_forms_and_variants() {
        let n = normalize("２０２３年．爲（六）");
        assert_eq!(n.chars.iter().collect::<String>(), "２０２３年．爲（六）");
        assert_eq!(n.keys.iter().collect::<String>(), "2023年.为(六)");
    }

    #[test]
    fn markdown_markup_is_aside() {
        let md = Markup::Markdown;
        assert_eq!(
            norm_as("# 标题\n正文#号\n## 小标题", md),
            "标题正文#号小标题"
        );
        assert_eq!(norm("#hashtag"), "#hashtag");
        assert_eq!(norm_as("> 引文\n- 项目\n1. 第一", md), "引文项目第一");
        assert_eq!(ignored("> 引文\n- 项目\n1. 第一", md), [">", "-", "1."]);
        assert_eq!(norm_as("`String` 을", md), "String 을");
        assert_eq!(norm_as("`String`을", md), "String을");
        assert_eq!(norm_as("`a`方法从 0 开始", md), "a方法从0开始");
        assert_eq!(norm_as("`a\n` b", md), "a b");
        assert_eq!(
            norm_as("**粗体**和 *斜体* 与 snake_case", md),
            "粗体和斜体与snake_case"
        );
        assert_eq!(
            norm_as("`a  b` 和 [链接](http://x/a b)", md),
            "a b和[链接](http://x/a b)"
        );
        assert_eq!(
            norm_as("```js\nlet x = 1;\n```\n正文", md),
            "let x = 1;正文"
        );
        assert_eq!(norm_as("修复<span>标签</span>", md), "修复标签");
    }

    #[test]
    fn aozora_ruby_and_annotations() {
        let n = normalize_as(
            "一緒《いっしょ》に｜羅生門《らしょうもん》へ［＃「へ」に傍点］",
            Markup::Aozora,
        );
        assert_eq!(n.chars.iter().collect::<String>(), "一緒に羅生門へ");
        let ruby: Vec<_> = n
            .ruby
            .iter()
            .map(|r| (r.base.clone(), r.reading.to_string()))
            .collect();
        assert_eq!(
            ruby,
            [
                (0..2, "いっしょ".to_string()),
                (3..6, "らしょうもん".to_string())
            ]
        );
    }

    #[test]
    fn mandoku_markup_notes_and_entities() {
        let n = normalize_as(
            "#+TITLE: 孔子家語\n<pb:KR_1a>¶\n為中都宰(中都/魯邑)制&KR0012;¶\n",
            Markup::Mandoku,
        );
        assert_eq!(n.chars.len(), 10);
        assert_eq!(n.text(0..9), "為中都宰中都魯邑制");
        assert!(is_entity(n.chars[9]));
        assert_eq!(n.original_range(9..10).len(), "&KR0012;".len());
        assert_eq!(
            n.notes,
            [Note {
                norm: 4..8,
                split: Some(6)
            }]
        );
        assert_eq!(n.ignored.len(), 7);
    }

    #[test]
    fn invisible_characters_are_aside() {
        let n = normalize("第一条\n\u{200B}\n第二条");
        assert_eq!(n.chars.iter().collect::<String>(), "第一条第二条");
        assert_eq!(n.ignored.len(), 1);
        assert!(n.ignored[0].invisible);
        assert_eq!(n.ignored[0].at, 3);
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let n = normalize("历史\n\n观 A B");
        assert_eq!(n.orig, vec![0, 1, 4, 6, 7, 8]);
        assert_eq!(n.original_range(1..3), 1..5);
        assert_eq!(n.original_range(3..3), 5..5);
        assert_eq!(n.original_range(0..0), 0..0);
        assert_eq!(n.orig_len, 9);
        assert!(n.is_line_head(0) && n.is_line_head(2) && !n.is_line_head(1));
    }
}
