//! Markup profiles: which characters of a source are markup, compared as markup and not as
//! text.
//!
//! A profile is chosen per source ([`Markup::detect`], or by the user) and read by
//! [`crate::engine::normalize`], which leaves markup out of the text it compares and keeps it
//! aside, so that a difference of markup is a `markup` hotspot and never breaks a word:
//!
//! * `markdown`: heading markers (`## `), blockquote (`> `) and list markers (`- `, `1. `) at
//!   the start of a line, code fences, emphasis (`**`, `*`, `__`, `_`, `~~`), code span
//!   backticks and HTML tags; inside code spans, code blocks and link targets every space is
//!   kept;
//! * `aozora` (Aozora Bunko): ruby `《…》` (the reading is kept beside its base text, so
//!   `一緒《いっしょ》` against `いっしょ` is a spelling variant), the ruby start `｜`, annotations
//!   `［＃…］`, the header block that explains the symbols, and the bibliographic footer from
//!   `底本：`;
//! * `mandoku` (Kanseki Repository): `#` header lines, `¶`, tags such as `<pb:…>` and `<md:…>`,
//!   and the `(`, `/` and `)` of double-row commentary (whose halves some witnesses swap);
//!   `&KR…;` entities each stand for one character;
//! * `none`: plain text.
//!
//! Whatever the profile, invisible characters (zero-width spaces, U+FEFF …) are kept aside
//! the same way, as `invisible`.

use serde::Serialize;

/// A markup profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Markup {
    /// Plain text.
    #[default]
    None,
    /// Markdown.
    Markdown,
    /// Aozora Bunko text format.
    Aozora,
    /// Kanseki Repository (mandoku) text format.
    Mandoku,
}

/// How far into a text [`Markup::detect`] looks for header signs.
const DETECT_HEAD: usize = 4000;

impl Markup {
    /// Every profile, in the order the help lists them.
    pub const ALL: [Markup; 4] = [
        Markup::None,
        Markup::Markdown,
        Markup::Aozora,
        Markup::Mandoku,
    ];

    /// The profile's name, as the command line and the reports spell it.
    pub fn name(self) -> &'static str {
        match self {
            Markup::None => "none",
            Markup::Markdown => "markdown",
            Markup::Aozora => "aozora",
            Markup::Mandoku => "mandoku",
        }
    }

    /// The profile of a source named `name` with text `text`: mandoku when its header says
    /// so or it has `<pb:…>` page tags; aozora when it has `［＃` annotations or several ruby
    /// readings; markdown for a `.md` name, or when a line starts with a heading marker or a
    /// code fence; else none.
    pub fn detect(name: &str, text: &str) -> Markup {
        let head: String = text.chars().take(DETECT_HEAD).collect();
        if head.contains("mandoku") || head.contains("#+TITLE:") || text.contains("<pb:") {
            return Markup::Mandoku;
        }
        if text.contains("［＃") || ruby_readings(text) >= AOZORA_RUBY {
            return Markup::Aozora;
        }
        let lower = name.to_ascii_lowercase();
        if [".md", ".markdown", ".mdown", ".mkd"]
            .iter()
            .any(|e| lower.ends_with(e))
            || text.lines().any(|l| heading_marker(l) > 0 || fence(l))
        {
            return Markup::Markdown;
        }
        Markup::None
    }
}

/// Ruby readings (`《かな》` after a kanji) that make a text without annotations Aozora's.
/// Chinese uses `《…》` for titles, which never hold kana only.
const AOZORA_RUBY: usize = 3;

/// The number of ruby readings in `text`: `《` after a kanji, then kana only, then `》`.
fn ruby_readings(text: &str) -> usize {
    let mut n = 0;
    let mut prev = ' ';
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '《' && crate::text::chars::is_han(prev) {
            let reading: String = chars.clone().take_while(|&x| x != '》').take(40).collect();
            let kana = |x: char| matches!(x, '\u{3041}'..='\u{30FF}');
            if !reading.is_empty() && reading.chars().all(kana) {
                n += 1;
                if n >= AOZORA_RUBY {
                    return n;
                }
            }
        }
        prev = c;
    }
    n
}

/// The length of a Markdown heading marker at the start of `line` (`#` to `######` and a
/// space or tab), or 0.
fn heading_marker(line: &str) -> usize {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && matches!(line[hashes..].chars().next(), Some(' ' | '\t')) {
        hashes
    } else {
        0
    }
}

/// Whether `line` is a Markdown code fence.
fn fence(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("```") || l.starts_with("~~~")
}

/// What the scanner says about the character at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// Text.
    Text,
    /// This many characters are markup.
    Markup(usize),
    /// This many characters are one entity, standing for one character.
    Entity(usize),
}

/// Scanner state: where a scan is, in the structures that span characters.
#[derive(Debug, Default)]
pub(crate) struct Scanner {
    markup: Markup,
    /// Inside a fenced code block (Markdown).
    fenced: bool,
    /// Inside a code span (Markdown).
    code_span: bool,
    /// Inside a link target `](…)` (Markdown).
    link_target: bool,
    /// Inside double-row commentary (mandoku).
    pub(crate) note: bool,
    /// Header and footer blocks (Aozora): character ranges that are markup.
    blocks: Vec<std::ops::Range<usize>>,
}

/// What the normaliser is told besides the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    /// Nothing.
    None,
    /// A ruby reading `《…》` of this many characters starts one character in (Aozora).
    Ruby,
    /// A ruby base starts after this mark (`｜`).
    RubyStart,
    /// Double-row commentary opens, splits into its second half, or closes (mandoku).
    NoteOpen,
    /// See [`Event::NoteOpen`].
    NoteSplit,
    /// See [`Event::NoteOpen`].
    NoteClose,
}

impl Scanner {
    pub(crate) fn new(markup: Markup, chars: &[char]) -> Scanner {
        let blocks = if markup == Markup::Aozora {
            aozora_blocks(chars)
        } else {
            Vec::new()
        };
        Scanner {
            markup,
            blocks,
            ..Scanner::default()
        }
    }

    /// A line ends: a code span or link target left open ends with it.
    pub(crate) fn newline(&mut self) {
        self.code_span = false;
        self.link_target = false;
    }

    /// Whether spaces here are kept whatever their neighbours (code and link targets).
    pub(crate) fn spaces_kept(&self) -> bool {
        self.fenced || self.code_span || self.link_target
    }

    /// The token at `i` (`line_start`: only white space and markup before it on its line).
    pub(crate) fn token(&mut self, s: &[char], i: usize, line_start: bool) -> (Token, Event) {
        let none = |t| (t, Event::None);
        match self.markup {
            Markup::None => none(Token::Text),
            Markup::Markdown => none(self.markdown(s, i, line_start)),
            Markup::Aozora => self.aozora(s, i),
            Markup::Mandoku => self.mandoku(s, i, line_start),
        }
    }

    fn markdown(&mut self, s: &[char], i: usize, line_start: bool) -> Token {
        let c = s[i];
        let run = |c: char| s[i..].iter().take_while(|&&x| x == c).count();
        let line_end = s[i..]
            .iter()
            .position(|&x| x == '\n')
            .map_or(s.len(), |p| i + p);
        if line_start {
            if (c == '`' || c == '~') && run(c) >= 3 {
                self.fenced = !self.fenced;
                return Token::Markup(line_end - i);
            }
            if self.fenced {
                return Token::Text;
            }
            let spaced = |k: usize| matches!(s.get(i + k), Some(' ' | '\t'));
            if c == '#' {
                let n = run('#');
                if n <= 6 && spaced(n) {
                    return Token::Markup(n);
                }
            }
            if c == '>' {
                return Token::Markup(1);
            }
            if matches!(c, '-' | '*' | '+') && spaced(1) {
                return Token::Markup(1);
            }
            if c.is_ascii_digit() {
                let n = s[i..].iter().take_while(|x| x.is_ascii_digit()).count();
                if n <= 9 && matches!(s.get(i + n), Some('.' | ')')) && spaced(n + 1) {
                    return Token::Markup(n + 1);
                }
            }
        }
        if self.fenced {
            return Token::Text;
        }
        if c == '`' {
            self.code_span = !self.code_span;
            return Token::Markup(run('`'));
        }
        if self.code_span {
            return Token::Text;
        }
        if self.link_target && c == ')' {
            self.link_target = false;
            return Token::Text;
        }
        if c == ']' && s.get(i + 1) == Some(&'(') {
            self.link_target = true;
            return Token::Text;
        }
        let word = |k: Option<usize>| {
            k.and_then(|k| s.get(k))
                .is_some_and(|x| x.is_alphanumeric())
        };
        match c {
            '*' | '_' | '~' => {
                let n = run(c);
                let before = i.checked_sub(1).and_then(|k| s.get(k)).copied();
                let after = s.get(i + n).copied();
                let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
                if c == '~' && n < 2 {
                    return Token::Text;
                }
                // Not a delimiter between two spaces (`a * b`), nor inside a word for `_`
                // (`snake_case`).
                if space(before) && space(after) {
                    return Token::Text;
                }
                if c == '_' && word(i.checked_sub(1)) && word(Some(i + n)) {
                    return Token::Text;
                }
                Token::Markup(n)
            }
            '<' => {
                let tag = s
                    .get(i + 1)
                    .is_some_and(|x| x.is_ascii_alphabetic() || *x == '/' || *x == '!');
                match s[i..line_end].iter().position(|&x| x == '>') {
                    Some(p) if tag => Token::Markup(p + 1),
                    _ => Token::Text,
                }
            }
            _ => Token::Text,
        }
    }

    fn aozora(&mut self, s: &[char], i: usize) -> (Token, Event) {
        if let Some(b) = self.blocks.iter().find(|b| b.start == i) {
            return (Token::Markup(b.len()), Event::None);
        }
        let line_end = s[i..]
            .iter()
            .position(|&x| x == '\n')
            .map_or(s.len(), |p| i + p);
        let close = |open_len: usize, close: char| {
            s[i + open_len..line_end]
                .iter()
                .position(|&x| x == close)
                .map(|p| open_len + p + 1)
        };
        match s[i] {
            '《' => match close(1, '》') {
                Some(n) => (Token::Markup(n), Event::Ruby),
                None => (Token::Text, Event::None),
            },
            '｜' => (Token::Markup(1), Event::RubyStart),
            '［' if s.get(i + 1) == Some(&'＃') => match close(2, '］') {
                Some(n) => (Token::Markup(n), Event::None),
                None => (Token::Text, Event::None),
            },
            _ => (Token::Text, Event::None),
        }
    }

    fn mandoku(&mut self, s: &[char], i: usize, line_start: bool) -> (Token, Event) {
        let line_end = s[i..]
            .iter()
            .position(|&x| x == '\n')
            .map_or(s.len(), |p| i + p);
        let markup = |n| (Token::Markup(n), Event::None);
        match s[i] {
            '#' if line_start => markup(line_end - i),
            '¶' => markup(1),
            '<' => {
                let name = s[i + 1..line_end]
                    .iter()
                    .take_while(|x| x.is_ascii_alphabetic())
                    .count();
                let colon = s.get(i + 1 + name) == Some(&':');
                match s[i..line_end].iter().position(|&x| x == '>') {
                    Some(p) if name > 0 && colon => markup(p + 1),
                    _ => (Token::Text, Event::None),
                }
            }
            '&' => {
                let body = s[i + 1..line_end]
                    .iter()
                    .take_while(|x| x.is_ascii_alphanumeric())
                    .count();
                if body > 0 && s.get(i + 1 + body) == Some(&';') {
                    (Token::Entity(body + 2), Event::None)
                } else {
                    (Token::Text, Event::None)
                }
            }
            '(' => {
                self.note = true;
                (Token::Markup(1), Event::NoteOpen)
            }
            '/' if self.note => (Token::Markup(1), Event::NoteSplit),
            ')' if self.note => {
                self.note = false;
                (Token::Markup(1), Event::NoteClose)
            }
            _ => (Token::Text, Event::None),
        }
    }
}

/// The Aozora header block (from the first line of dashes to the next one, near the start:
/// the legend of the symbols used) and the bibliographic footer (from the last line starting
/// with `底本：` to the end), as character ranges.
fn aozora_blocks(s: &[char]) -> Vec<std::ops::Range<usize>> {
    const HEAD_LINES: usize = 60;
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, &c) in s.iter().enumerate() {
        if c == '\n' {
            lines.push(start..i);
            start = i + 1;
        }
    }
    lines.push(start..s.len());
    let dashes = |r: &std::ops::Range<usize>| {
        let l: String = s[r.clone()].iter().collect();
        let l = l.trim_end();
        l.chars().count() >= 10 && l.chars().all(|c| c == '-')
    };
    let mut out = Vec::new();
    let marked: Vec<_> = lines
        .iter()
        .take(HEAD_LINES)
        .filter(|r| dashes(r))
        .collect();
    if let [first, second, ..] = marked[..] {
        out.push(first.start..second.end);
    }
    if let Some(foot) = lines
        .iter()
        .rev()
        .find(|&r| s[r.clone()].starts_with(&['底', '本', '：']))
    {
        out.push(foot.start..s.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_profiles() {
        assert_eq!(Markup::detect("a.txt", "# 标题\n正文"), Markup::Markdown);
        assert_eq!(Markup::detect("a.md", "正文"), Markup::Markdown);
        assert_eq!(Markup::detect("a.txt", "#话题 正文"), Markup::None);
        assert_eq!(
            Markup::detect("a.txt", "羅生門\n［＃８字下げ］一［＃「一」は中見出し］"),
            Markup::Aozora
        );
        assert_eq!(
            Markup::detect(
                "a.txt",
                "下人《げにん》が羅生門《らしょうもん》で雨《あめ》を"
            ),
            Markup::Aozora
        );
        assert_eq!(
            Markup::detect(
                "a.txt",
                "依照《中华人民共和国公司法》《民法典》和《商标法》"
            ),
            Markup::None
        );
        assert_eq!(
            Markup::detect("KR1.txt", "#+TITLE: 孔子家語\n<pb:KR_1a>¶\n"),
            Markup::Mandoku
        );
        assert_eq!(Markup::detect("a.txt", "plain text"), Markup::None);
    }

    #[test]
    fn aozora_header_and_footer_blocks() {
        let text: Vec<char> = "題\n-------------------------------------------------------\n【テキスト中に現れる記号について】\n-------------------------------------------------------\n本文\n底本：「全集」\n入力：某\n"
            .chars()
            .collect();
        let blocks = aozora_blocks(&text);
        assert_eq!(blocks.len(), 2);
        let first: String = text[blocks[0].clone()].iter().collect();
        assert!(first.starts_with("---") && first.contains('【') && first.ends_with('-'));
        let foot: String = text[blocks[1].clone()].iter().collect();
        assert!(foot.starts_with("底本："));
    }
}
