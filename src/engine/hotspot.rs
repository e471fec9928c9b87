//! What a difference is: a [`Hotspot`] with its [`Kind`] and [`Class`], and the [`Filter`]
//! that says which classes are shown.

use crate::pair::{Pair, Side};
use serde::Serialize;
use std::ops::Range;

/// What a hotspot is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Both sides have text here, and it differs.
    Changed,
    /// Only the left source has this text.
    OnlyLeft,
    /// Only the right source has this text.
    OnlyRight,
    /// A passage the left source has at one place and the right source at another: the left
    /// span is where it was, the right span where it went (see [`crate::engine::moves`]).
    Moved,
}

/// What kind of difference a hotspot is. The first two are real differences, `spacing`
/// meaningful spacing, `moved` a passage moved elsewhere, `reading` a word read otherwise; the rest are *mechanical* (the same
/// text in another form, or lines one printing repeats), hidden by the default [`Filter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Words differ: `霸权` / `强权`, `作` / `做`.
    Wording,
    /// Only punctuation differs, a different mark: `、` / `，`.
    Punctuation,
    /// Only spacing differs where spaces carry meaning: `에러값` / `에러 값`, `Li Qiang` /
    /// `LiQiang`, a space inside code.
    Spacing,
    /// A passage moved to another place (with its own variants inside it, each a hotspot of
    /// its own class).
    Moved,
    /// The same word read otherwise: a ruby whose reading differs once kana spelling is
    /// folded (`誰《だれ》` / `誰《たれ》`, `扉《とびら》` / `扉《と》`).
    Reading,
    /// The same character in another code form: `．` / `。`, `(` / `（`, `"` / `“`, `２` / `2`.
    Form,
    /// A variant form of the same character or spelling: `爲` / `為`, `於` / `于`, `廣` / `広`,
    /// `つ` / `っ`, `ゐ` / `い`, `やう` / `よう`, `一緒《いっしょ》` / `いっしょ`.
    Variant,
    /// Only the numeral of a numbering pattern: `第十八条` / `第十九条`, `(六)` / `(七)`.
    Numbering,
    /// Only markup: ruby, annotations, page tags, Markdown markers, swapped note halves.
    Markup,
    /// Only invisible characters: U+200B, U+FEFF.
    Invisible,
    /// Only whole lines that one source repeats (numbers aside) and the other never has:
    /// running titles, footers (`(本章完)`), page numbers (`— 12 —`); see
    /// [`crate::engine::boilerplate`].
    Boilerplate,
}

impl Class {
    /// Every class, in the order reports and the filter panel list them.
    pub const ALL: [Class; 11] = [
        Class::Wording,
        Class::Punctuation,
        Class::Spacing,
        Class::Moved,
        Class::Reading,
        Class::Form,
        Class::Variant,
        Class::Numbering,
        Class::Markup,
        Class::Invisible,
        Class::Boilerplate,
    ];

    /// The class's name, as reports and the command line spell it.
    pub fn name(self) -> &'static str {
        match self {
            Class::Wording => "wording",
            Class::Punctuation => "punctuation",
            Class::Spacing => "spacing",
            Class::Moved => "moved",
            Class::Reading => "reading",
            Class::Form => "form",
            Class::Variant => "variant",
            Class::Numbering => "numbering",
            Class::Markup => "markup",
            Class::Invisible => "invisible",
            Class::Boilerplate => "boilerplate",
        }
    }

    /// The class named `name`.
    pub fn from_name(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether the class is mechanical: the same text in another form, or boilerplate.
    pub fn is_mechanical(self) -> bool {
        self >= Class::Form
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// Which classes of hotspots are shown. The default shows the real differences (`wording`,
/// `punctuation`, `spacing`, `moved`, `reading`) and hides the mechanical ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Filter {
    shown: u16,
}

impl Default for Filter {
    fn default() -> Self {
        let mut f = Filter::none();
        for c in Class::ALL.into_iter().filter(|c| !c.is_mechanical()) {
            f.set(c, true);
        }
        f
    }
}

impl Filter {
    /// Shows every class.
    pub fn all() -> Filter {
        Filter {
            shown: Class::ALL.iter().fold(0, |m, c| m | c.bit()),
        }
    }

    /// Shows no class.
    pub fn none() -> Filter {
        Filter { shown: 0 }
    }

    /// Whether `class` is shown.
    pub fn shows(&self, class: Class) -> bool {
        self.shown & class.bit() != 0
    }

    /// Shows or hides `class`.
    pub fn set(&mut self, class: Class, shown: bool) {
        if shown {
            self.shown |= class.bit();
        } else {
            self.shown &= !class.bit();
        }
    }

    /// Shows `class` if hidden, hides it if shown.
    pub fn toggle(&mut self, class: Class) {
        self.shown ^= class.bit();
    }

    /// The classes a comma-separated list names (`all` names every class), or the first name
    /// that is not a class.
    pub fn parse_list(list: &str) -> Result<Vec<Class>, String> {
        let mut out = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if name == "all" {
                out.extend(Class::ALL);
            } else {
                out.push(Class::from_name(name).ok_or_else(|| name.to_string())?);
            }
        }
        Ok(out)
    }

    /// The hidden classes.
    pub fn hidden(&self) -> impl Iterator<Item = Class> + '_ {
        Class::ALL.into_iter().filter(|c| !self.shows(*c))
    }
}

/// One place where the two texts differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hotspot {
    /// Changed, only-left or only-right.
    pub kind: Kind,
    /// What kind of difference it is.
    pub class: Class,
    /// The ranges in the normalised texts.
    pub norm: Pair<Range<usize>>,
    /// The ranges in the original texts, in characters (an empty side marks where the other
    /// side's text would stand).
    pub span: Pair<Range<usize>>,
}

/// A side of a hotspot with more normalised characters than this is a *block*: a passage
/// rather than a phrase (an unrelated article beside the text, dropped closing paragraphs).
/// The viewer draws blocks quieter; the apparatus takes a block on the base's side as an
/// omission of the base's text by that source.
pub const BLOCK_CHARS: usize = 80;

impl Kind {
    /// The kind of text only `side` has.
    pub fn only(side: Side) -> Kind {
        match side {
            Side::Left => Kind::OnlyLeft,
            Side::Right => Kind::OnlyRight,
        }
    }
}

impl Hotspot {
    /// The same hotspot with its sides exchanged (what only the left had, only the right has).
    pub fn mirrored(&self) -> Hotspot {
        Hotspot {
            kind: match self.kind {
                Kind::OnlyLeft => Kind::OnlyRight,
                Kind::OnlyRight => Kind::OnlyLeft,
                k => k,
            },
            class: self.class,
            norm: self.norm.clone().swapped(),
            span: self.span.clone().swapped(),
        }
    }

    /// Whether `side` of the hotspot is a block.
    pub fn is_block_on(&self, side: Side) -> bool {
        self.norm.get(side).len() > BLOCK_CHARS
    }

    /// Whether either side of the hotspot is a block.
    pub fn is_block(&self) -> bool {
        Side::BOTH.into_iter().any(|side| self.is_block_on(side))
    }
}
