//! House style: pairs of readings that recur through a comparison (*patterns*: `，` → `、` at
//! 820 places is one decision of a typesetter, not 820 variants) and the rules a reader keeps
//! to hide them (a TOML file of `[[hide]]` entries).
//!
//! Both work on the readings as the reports give them (each side's original text of a
//! hotspot), so the engine is handed those texts: it does not know the sources.

use super::compare::Comparison;
use super::hotspot::{Class, Filter, Hotspot};
use crate::pair::Side;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// How many hotspots must share a pair of readings for it to be a pattern.
pub const MIN_COUNT: usize = crate::engine::align::RECURS;

/// Largest rules file read, in bytes.
pub const MAX_RULES_BYTES: u64 = 1 << 20;

/// A pair of readings that at least [`MIN_COUNT`] hotspots share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The left reading.
    pub left: String,
    /// The right reading.
    pub right: String,
    /// How many hotspots have it.
    pub count: usize,
    /// The class of its first hotspot.
    pub class: Class,
    /// Whether a rule hides it.
    pub hidden: bool,
}

/// The patterns among a list of hotspots.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patterns {
    /// The patterns, most frequent first (of equal counts, the one met first in reading order).
    pub list: Vec<Pattern>,
    /// The indices in `list` of the patterns, by the hash of their readings (looked up
    /// without making a string; each candidate's readings compared).
    index: FxHashMap<u64, Vec<u32>>,
}

impl Patterns {
    /// The patterns among `readings` (each hotspot's left and right reading and class, in
    /// reading order), marked hidden where `rules` hide them.
    pub fn find<'a>(
        readings: impl IntoIterator<Item = (&'a str, &'a str, Class)>,
        rules: &Rules,
    ) -> Patterns {
        // Each distinct pair, with its count, class and first place.
        let mut seen: FxHashMap<(&'a str, &'a str), usize> = FxHashMap::default();
        let mut pairs: Vec<(&'a str, &'a str, Class, usize)> = Vec::new();
        for (left, right, class) in readings {
            let k = *seen.entry((left, right)).or_insert_with(|| {
                pairs.push((left, right, class, 0));
                pairs.len() - 1
            });
            pairs[k].3 += 1;
        }
        let mut order: Vec<usize> = (0..pairs.len())
            .filter(|&k| pairs[k].3 >= MIN_COUNT)
            .collect();
        // Most frequent first; of equal counts, the first met first (a stable sort of the
        // pairs in the order they were met).
        order.sort_by_key(|&k| std::cmp::Reverse(pairs[k].3));
        let mut index: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (&k, i) in order.iter().zip(0u32..) {
            index
                .entry(pair_hash(pairs[k].0, pairs[k].1))
                .or_default()
                .push(i);
        }
        Patterns {
            list: order
                .iter()
                .map(|&k| {
                    let (left, right, class, count) = pairs[k];
                    Pattern {
                        left: left.to_string(),
                        right: right.to_string(),
                        count,
                        class,
                        hidden: rules.hides(left, right),
                    }
                })
                .collect(),
            index,
        }
    }

    /// The index in [`Patterns::list`] of the pattern of the readings `left` → `right`.
    pub fn of(&self, left: &str, right: &str) -> Option<u32> {
        self.index
            .get(&pair_hash(left, right))?
            .iter()
            .copied()
            .find(|&i| {
                self.list
                    .get(i as usize)
                    .is_some_and(|p| p.left == left && p.right == right)
            })
    }
}

/// The hash of a pair of readings (the pair, not the two strings run together).
fn pair_hash(left: &str, right: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one((left, right))
}

/// A comparison as a reader's filter of classes and rules show it.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The hotspots shown.
    pub comparison: Comparison,
    /// The patterns among the hotspots the filter of classes shows (those the rules hide
    /// marked so).
    pub patterns: Patterns,
    /// How many hotspots of the shown classes the rules hide (as the reports list them).
    pub by_rules: usize,
    /// How many each rule hides, in the rules' order.
    pub per_rule: Vec<usize>,
    /// For each stop of the shown comparison's walk (the reports' list), the index of its
    /// pattern.
    pub stop_patterns: Vec<Option<u32>>,
}

impl Shown {
    /// What `filter` and `rules` show of `comparison`, whose hotspots' readings `text` gives
    /// (a side's original text in a range of characters). A rule hides a hotspot whose two
    /// readings it names, either way round; a moved passage only as a whole class.
    pub fn new<'t>(
        comparison: &Comparison,
        filter: &Filter,
        rules: &Rules,
        text: impl Fn(Side, Range<usize>) -> &'t str,
    ) -> Shown {
        let by_class = comparison.filtered(filter);
        let readings = |h: &Hotspot| {
            (
                text(Side::Left, h.span.left.clone()),
                text(Side::Right, h.span.right.clone()),
            )
        };
        let listed = by_class.reading();
        let patterns = Patterns::find(
            listed.iter().map(|h| {
                let (l, r) = readings(h);
                (l, r, h.class)
            }),
            rules,
        );
        // Each listed hotspot's pattern, in the list's order.
        let of = |listed: &[Hotspot]| -> Vec<Option<u32>> {
            listed
                .iter()
                .map(|h| {
                    let (l, r) = readings(h);
                    patterns.of(l, r)
                })
                .collect()
        };
        if rules.is_empty() {
            return Shown {
                stop_patterns: of(&listed),
                comparison: by_class,
                patterns,
                by_rules: 0,
                per_rule: Vec::new(),
            };
        }
        let rule_of = |h: &Hotspot| {
            let (l, r) = readings(h);
            (h.class != Class::Moved)
                .then(|| rules.index_of(l, r))
                .flatten()
        };
        let mut per_rule = vec![0; rules.len()];
        for i in listed.iter().filter_map(rule_of) {
            per_rule[i] += 1;
        }
        let shown = by_class.keeping(|h| rule_of(h).is_none());
        Shown {
            stop_patterns: of(&shown.reading()),
            by_rules: per_rule.iter().sum(),
            per_rule,
            comparison: shown,
            patterns,
        }
    }
}

/// Pairs of readings a reader has chosen to hide, either way round (a rule for `，` → `、`
/// also hides `、` → `，`, so swapping the panes keeps it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    /// The rules in the order given.
    list: Vec<(String, String)>,
    /// Both orders of each, with its index in `list`.
    both: FxHashMap<(String, String), usize>,
}

/// A rules file that cannot be read as one: the 1-based line and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    /// The line the problem is on.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl std::fmt::Display for RulesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// A rules file as TOML holds it.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    hide: Vec<toml::Spanned<HideEntry>>,
}

/// One `[[hide]]` entry.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct HideEntry {
    left: String,
    right: String,
}

impl Rules {
    /// No rules.
    pub fn new() -> Rules {
        Rules::default()
    }

    /// The rules a TOML text gives: `[[hide]]` tables, each with the strings `left` and
    /// `right` (one of them may be empty: an insertion). Anything else is an error naming its
    /// line.
    pub fn parse(text: &str) -> Result<Rules, RulesError> {
        let line_of = |byte: usize| text[..byte.min(text.len())].matches('\n').count() + 1;
        let file: RulesFile = toml::from_str(text).map_err(|e| RulesError {
            line: e.span().map_or(1, |s| line_of(s.start)),
            reason: e.message().lines().next().unwrap_or("not TOML").to_string(),
        })?;
        let mut rules = Rules::new();
        for entry in file.hide {
            let line = line_of(entry.span().start);
            let HideEntry { left, right } = entry.into_inner();
            if left == right {
                return Err(RulesError {
                    line,
                    reason: format!("`left` and `right` are the same ({left:?}): nothing to hide"),
                });
            }
            rules.add(&left, &right);
        }
        Ok(rules)
    }

    /// Adds the rule hiding `left` → `right` (and `right` → `left`); `false` if it was there.
    pub fn add(&mut self, left: &str, right: &str) -> bool {
        if self.hides(left, right) {
            return false;
        }
        let i = self.list.len();
        self.list.push((left.to_string(), right.to_string()));
        self.both.insert((left.to_string(), right.to_string()), i);
        self.both.insert((right.to_string(), left.to_string()), i);
        true
    }

    /// Removes the rule hiding `left` → `right` (given either way round); `false` if there
    /// was none.
    pub fn remove(&mut self, left: &str, right: &str) -> bool {
        let Some(i) = self.index_of(left, right) else {
            return false;
        };
        self.list.remove(i);
        let list = std::mem::take(&mut self.list);
        self.both.clear();
        for (l, r) in &list {
            self.add(l, r);
        }
        true
    }

    /// Whether a rule hides the readings `left` → `right` (either way round).
    pub fn hides(&self, left: &str, right: &str) -> bool {
        self.index_of(left, right).is_some()
    }

    /// The index (in [`Rules::iter`]'s order) of the rule hiding `left` → `right`.
    pub fn index_of(&self, left: &str, right: &str) -> Option<usize> {
        if self.both.is_empty() {
            return None;
        }
        self.both
            .get(&(left.to_string(), right.to_string()))
            .copied()
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The rules, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.list.iter().map(|(l, r)| (l.as_str(), r.as_str()))
    }

    /// The rules as a rules file holds them ([`Rules::parse`] reads it back).
    pub fn to_toml(&self) -> String {
        let mut out =
            String::from("# duizhao rules: pairs of readings to hide (either way round).\n");
        for (left, right) in &self.list {
            out.push_str(&format!(
                "\n[[hide]]\nleft = {}\nright = {}\n",
                toml_string(left),
                toml_string(right)
            ));
        }
        out
    }
}

/// `s` as a TOML basic string: quoted, with the characters TOML does not allow raw escaped.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_three_hotspots_share_is_a_pattern_counted_most_frequent_first() {
        let w = Class::Wording;
        let p = Class::Punctuation;
        let readings = [
            ("，", "、", p),
            ("霸权", "强权", w),
            ("，", "、", p),
            ("霸权", "强权", w),
            ("甲", "乙", w),
            ("霸权", "强权", w),
            ("，", "、", p),
            ("霸权", "强权", w),
            ("甲", "乙", w),
        ];
        let found = Patterns::find(readings, &Rules::new());
        let listed: Vec<(&str, &str, usize)> = found
            .list
            .iter()
            .map(|p| (p.left.as_str(), p.right.as_str(), p.count))
            .collect();
        assert_eq!(listed, [("霸权", "强权", 4), ("，", "、", 3)]);
        assert_eq!(found.of("霸权", "强权"), Some(0));
        assert_eq!(found.of("，", "、"), Some(1));
        assert_eq!(found.of("甲", "乙"), None, "twice is no pattern");
        assert_eq!(found.of("、", "，"), None, "a pattern has a direction");
        assert_eq!(found.list[1].class, Class::Punctuation);
    }

    #[test]
    fn equal_counts_keep_the_reading_order() {
        let w = Class::Wording;
        let readings = [("b", "c", w), ("a", "d", w)].repeat(3);
        let found = Patterns::find(readings, &Rules::new());
        assert_eq!(found.list[0].left, "b");
        assert_eq!(found.list[1].left, "a");
    }

    #[test]
    fn rules_hide_either_way_round_and_mark_the_pattern() {
        let rules = Rules::parse("[[hide]]\nleft = \"，\"\nright = \"、\"\n").expect("rules");
        assert!(rules.hides("，", "、") && rules.hides("、", "，"));
        assert!(!rules.hides("，", "。"));
        let found = Patterns::find([("、", "，", Class::Punctuation)].repeat(3), &rules);
        assert!(found.list[0].hidden);
    }

    #[test]
    fn a_bad_rules_file_names_its_line() {
        let cases = [
            ("[[hide]]\nleft = \"a\"\n", 1, "right"),
            (
                "\n\n[[hide]]\nleft = \"a\"\nright = \"b\"\ncolour = 3\n",
                6,
                "colour",
            ),
            ("[[hide]]\nleft = \"a\"\nright = \"a\"\n", 1, "the same"),
            ("[[hide]]\nleft = 1\nright = \"a\"\n", 2, ""),
            ("[[hide]\n", 1, ""),
            ("[show]\n", 1, "show"),
        ];
        for (text, line, word) in cases {
            let e = Rules::parse(text).expect_err(text);
            assert_eq!(e.line, line, "{text:?}: {e}");
            assert!(e.reason.contains(word), "{text:?}: {e}");
            assert!(!e.to_string().contains('\n'), "one line: {e}");
        }
    }

    #[test]
    fn rules_written_read_back_the_same() {
        let mut rules = Rules::new();
        for (l, r) in [
            ("，", "、"),
            ("\"q\"", "\\"),
            ("a\nb", ""),
            ("\u{1b}x", "y"),
        ] {
            assert!(rules.add(l, r));
        }
        assert!(!rules.add("、", "，"), "either way round is one rule");
        let back = Rules::parse(&rules.to_toml()).expect("read back");
        assert_eq!(back, rules);
        assert!(rules.remove("、", "，"));
        assert!(!rules.hides("，", "、"));
    }

    #[test]
    fn shown_hides_what_rules_name_and_counts_each_rule() {
        use crate::engine::compare::compare;
        let (a, b) = (
            "坚持和平发展道路，推动构建人类命运共同体，维护国际公平正义，促进世界持久和平，\
             共同建设美好世界。反对一切霸权政治和霸凌行径。",
            "坚持和平发展道路、推动构建人类命运共同体、维护国际公平正义、促进世界持久和平、\
             共同建设美好世界。反对一切强权政治和霸凌行径。",
        );
        let cmp = compare(a, b);
        let texts = crate::pair::Pair::new(
            a.chars().collect::<Vec<char>>(),
            b.chars().collect::<Vec<char>>(),
        );
        let owned: Vec<Vec<String>> = cmp
            .hotspots
            .iter()
            .map(|h| {
                Side::BOTH
                    .into_iter()
                    .map(|s| texts.get(s)[h.span.get(s).clone()].iter().collect())
                    .collect()
            })
            .collect();
        let text_of = |side: Side, r: Range<usize>| -> &str {
            let i = cmp
                .hotspots
                .iter()
                .position(|h| *h.span.get(side) == r)
                .expect("a hotspot's span");
            &owned[i][side as usize]
        };
        let none = Shown::new(&cmp, &Filter::default(), &Rules::new(), text_of);
        assert_eq!(
            none.patterns.list.len(),
            1,
            "{:?} {:?}",
            none.patterns,
            cmp.hotspots
        );
        assert_eq!(none.patterns.list[0].count, 4);
        let total = none.comparison.stops().len();
        let mut rules = Rules::new();
        rules.add("、", "，");
        rules.add("霸权", "霸道");
        let some = Shown::new(&cmp, &Filter::default(), &rules, text_of);
        assert_eq!(some.per_rule, [4, 0]);
        assert_eq!(some.by_rules, 4);
        assert_eq!(some.comparison.stops().len(), total - 4);
        assert!(some.patterns.list[0].hidden);
    }
}
