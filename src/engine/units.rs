//! Numbered units (the articles of a law, `第…条`; else its chapters and sections, `第…章`,
//! `第…节`; else Markdown headings) and how the units of two versions pair up.
//!
//! A revised law renumbers every article after an inserted or deleted one, so units are paired
//! by their text, not their number: [`pair_units`] counts, for every old unit and new unit, the
//! characters the comparison aligns between them (and those of moved passages,
//! [`crate::engine::moves`]), and pairs the units sharing most, each unit once, when they share
//! at least [`MIN_SHARED`] of the shorter one. This is the first step of the comparison table
//! lawyers read (old unit | new unit | status); the report comes next.

use crate::engine::compare::Comparison;
use crate::engine::normalize::Normalized;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The share of the shorter unit two units must share to be paired.
pub const MIN_SHARED: f64 = 0.4;

/// A numbered unit of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Its label as the text writes it: `第十六条`, `第二章`, or a heading's text.
    pub label: String,
    /// Its character range in the text: from its label to the next unit or heading (or the
    /// text's end).
    pub range: Range<usize>,
}

/// Whether `c` is a numeral of a `第…条` label.
fn numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '两'
    ) || c.is_ascii_digit()
}

/// The `第…X` label at the start of `line` (after Markdown markers and indentation), for a
/// unit word `X`.
fn numbered(line: &str, unit: char) -> Option<String> {
    let body = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*'));
    let rest = body.strip_prefix('第')?;
    let digits: String = rest.chars().take_while(|&c| numeral(c)).collect();
    (!digits.is_empty() && rest[digits.len()..].starts_with(unit))
        .then(|| format!("第{digits}{unit}"))
}

/// The numbered units of `text`: its articles if it has any, else its chapters and sections,
/// else its Markdown headings. A unit runs to the next unit or the next heading.
pub fn units(text: &str) -> Vec<Unit> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        lines.push((offset, line));
        offset += line.chars().count();
    }
    let end = offset;
    let find = |label: &dyn Fn(&str) -> Option<String>| -> Vec<(usize, String)> {
        lines
            .iter()
            .filter_map(|&(o, l)| label(l).map(|s| (o, s)))
            .collect()
    };
    let mut starts = find(&|l| numbered(l, '条'));
    if starts.is_empty() {
        starts = find(&|l| numbered(l, '章').or_else(|| numbered(l, '节')));
    }
    if starts.is_empty() {
        starts = find(&|l| {
            let t = l.trim_end();
            (t.starts_with('#') && t.trim_start_matches('#').starts_with(' '))
                .then(|| t.trim_start_matches('#').trim().to_string())
        });
    }
    // A heading (of a chapter or section, or a Markdown heading) ends the unit before it.
    let breaks: Vec<usize> = lines
        .iter()
        .filter(|(_, l)| {
            l.trim_start().starts_with('#')
                || ['编', '章', '节'].iter().any(|&u| numbered(l, u).is_some())
        })
        .map(|&(o, _)| o)
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(i, (start, label))| {
            let next = starts.get(i + 1).map_or(end, |s| s.0);
            let heading = breaks[breaks.partition_point(|&b| b <= *start)..]
                .first()
                .copied()
                .unwrap_or(end);
            Unit {
                label: label.clone(),
                range: *start..next.min(heading),
            }
        })
        .collect()
}

/// The normalised range of an original character range.
fn normalised(norm: &Normalized, range: &Range<usize>) -> Range<usize> {
    let at = |o: usize| norm.orig.partition_point(|&x| (x as usize) < o);
    at(range.start)..at(range.end)
}

/// The unit holding normalised position `n`, among units' normalised ranges in order.
fn unit_at(ranges: &[Range<usize>], n: usize) -> Option<usize> {
    let i = ranges.partition_point(|r| r.end <= n);
    ranges.get(i).filter(|r| r.start <= n).map(|_| i)
}

/// How the `old` units of the comparison's left text pair with the `new` units of its right:
/// `(old, new)` indices, in the order of the new text, an old unit with no successor (deleted)
/// after the new unit its predecessor paired with, a new unit with no predecessor (added) on
/// its own.
pub fn pair_units(
    cmp: &Comparison,
    old: &[Unit],
    new: &[Unit],
) -> Vec<(Option<usize>, Option<usize>)> {
    let (ln, rn) = (&cmp.norm.left, &cmp.norm.right);
    let old_ranges: Vec<Range<usize>> = old.iter().map(|u| normalised(ln, &u.range)).collect();
    let new_ranges: Vec<Range<usize>> = new.iter().map(|u| normalised(rn, &u.range)).collect();
    // Characters shared by each old unit and new unit: the equal text between hotspots, and
    // the moved passages.
    let mut shared: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    let mut count = |l: Range<usize>, r: usize| {
        for (k, n) in l.enumerate() {
            if let (Some(a), Some(b)) = (unit_at(&old_ranges, n), unit_at(&new_ranges, r + k)) {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    };
    let mut prev = (0, 0);
    for h in &cmp.hotspots {
        count(prev.0..h.norm.left.start, prev.1);
        prev = (h.norm.left.end, h.norm.right.end);
    }
    count(prev.0..ln.len(), prev.1);
    for m in cmp.moves.iter().map(|m| m.hotspot(&cmp.hotspots)) {
        let len = m.norm.left.len().min(m.norm.right.len());
        count(
            m.norm.left.start..m.norm.left.start + len,
            m.norm.right.start,
        );
    }
    // The pairs sharing most first, each unit once.
    let mut candidates: Vec<((usize, usize), usize)> = shared.into_iter().collect();
    candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut successor: Vec<Option<usize>> = vec![None; old.len()];
    let mut taken = vec![false; new.len()];
    for ((a, b), n) in candidates {
        let shorter = old_ranges[a].len().min(new_ranges[b].len()).max(1);
        if successor[a].is_none() && !taken[b] && n as f64 >= MIN_SHARED * shorter as f64 {
            successor[a] = Some(b);
            taken[b] = true;
        }
    }
    // In the new text's order; a deleted old unit after the pair before it.
    let mut predecessor: Vec<Option<usize>> = vec![None; new.len()];
    for (a, s) in successor.iter().enumerate() {
        if let Some(b) = s {
            predecessor[*b] = Some(a);
        }
    }
    let mut out: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut placed = vec![false; old.len()];
    for (b, p) in predecessor.iter().enumerate() {
        out.push((*p, Some(b)));
        if let Some(a) = *p {
            placed[a] = true;
            let mut next = a + 1;
            while next < old.len() && successor[next].is_none() && !placed[next] {
                out.push((Some(next), None));
                placed[next] = true;
                next += 1;
            }
        }
    }
    for a in (0..old.len()).filter(|&a| !placed[a] && successor[a].is_none()) {
        out.push((Some(a), None));
    }
    out
}

/// What became of a unit between two versions. Serialised by its [`name`](Status::name)
/// (`unchanged`, `renumbered`, …): the units report's wire names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The same text under the same label.
    Unchanged,
    /// The same text but for the numbers of units (its own label, cross-references).
    Renumbered,
    /// Its text changed.
    Changed,
    /// Paired out of order: the unit went to another place.
    Moved,
    /// Only the new version has it.
    Added,
    /// Only the old version has it.
    Deleted,
}

impl Status {
    /// Every status, in the order reports count them.
    pub const ALL: [Status; 6] = [
        Status::Unchanged,
        Status::Renumbered,
        Status::Changed,
        Status::Moved,
        Status::Added,
        Status::Deleted,
    ];

    /// The status's name, as reports spell it (its serde name).
    pub fn name(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Renumbered => "renumbered",
            Status::Changed => "changed",
            Status::Moved => "moved",
            Status::Added => "added",
            Status::Deleted => "deleted",
        }
    }
}

/// `text` without white space, every `第…条` (or 款, 项, 章, 节) written `第#条`: what stays of
/// a unit when only its numbering changes.
fn unnumbered(text: &str) -> String {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '第' {
            let digits = chars[i + 1..].iter().take_while(|&&c| numeral(c)).count();
            if let Some(&unit) = chars.get(i + 1 + digits)
                && digits > 0
                && matches!(unit, '条' | '款' | '项' | '章' | '节')
            {
                out.push('第');
                out.push('#');
                out.push(unit);
                i += digits + 2;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The status of every pair of [`pair_units`] (`pairs`, of `old` units of `old_text` and `new`
/// units of `new_text`).
pub fn statuses(
    (old_text, new_text): (&str, &str),
    (old, new): (&[Unit], &[Unit]),
    pairs: &[(Option<usize>, Option<usize>)],
) -> Vec<Status> {
    let slice = |text: &str, r: &Range<usize>| -> String {
        text.chars().skip(r.start).take(r.len()).collect()
    };
    let mut last_old: Option<usize> = None;
    pairs
        .iter()
        .map(|&(o, n)| match (o, n) {
            (Some(a), Some(b)) => {
                // Out of order: an old unit before one already paired earlier in the new text.
                let moved = last_old.is_some_and(|l| a < l);
                last_old = Some(last_old.map_or(a, |l| l.max(a)));
                let (x, y) = (
                    slice(old_text, &old[a].range),
                    slice(new_text, &new[b].range),
                );
                let strip = |s: &str| s.split_whitespace().collect::<String>();
                if moved {
                    Status::Moved
                } else if strip(&x) == strip(&y) {
                    Status::Unchanged
                } else if unnumbered(&x) == unnumbered(&y) {
                    Status::Renumbered
                } else {
                    Status::Changed
                }
            }
            (Some(_), None) => Status::Deleted,
            _ => Status::Added,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compare::compare;

    #[test]
    fn articles_are_found_at_line_starts_whatever_their_number() {
        let text = "# 法\n\n## 第一章 总则\n\n第一条 总则一。\n\n第十二条 另一条，见第一条。\n第一百零三条 末条。";
        let labels: Vec<String> = units(text).into_iter().map(|u| u.label).collect();
        assert_eq!(labels, ["第一条", "第十二条", "第一百零三条"]);
        let chapters: Vec<String> = units("## 第一章 总则\n甲\n## 第二章 分则\n乙")
            .into_iter()
            .map(|u| u.label)
            .collect();
        assert_eq!(chapters, ["第一章", "第二章"]);
    }

    #[test]
    fn an_inserted_article_renumbers_the_rest_and_each_pairs_with_its_successor() {
        let old = "第一条 国家实行统一的对外贸易制度。\n第二条 对外贸易经营者应当依法办理登记手续。\n第三条 国务院对外贸易主管部门依照本法主管全国对外贸易工作。";
        let new = "第一条 国家实行统一的对外贸易制度。\n第二条 国家鼓励发展数字贸易和绿色贸易。\n第三条 对外贸易经营者应当依法办理登记手续。\n第四条 国务院对外贸易主管部门依照本法主管全国对外贸易工作。";
        let (a, b) = (units(old), units(new));
        let pairs = pair_units(&compare(old, new), &a, &b);
        let labels: Vec<(Option<&str>, Option<&str>)> = pairs
            .iter()
            .map(|(o, n)| {
                (
                    o.map(|i| a[i].label.as_str()),
                    n.map(|i| b[i].label.as_str()),
                )
            })
            .collect();
        assert_eq!(
            labels,
            [
                (Some("第一条"), Some("第一条")),
                (None, Some("第二条")),
                (Some("第二条"), Some("第三条")),
                (Some("第三条"), Some("第四条")),
            ]
        );
        let status: Vec<Status> = statuses((old, new), (&a, &b), &pairs);
        assert_eq!(
            status,
            [
                Status::Unchanged,
                Status::Added,
                Status::Renumbered,
                Status::Renumbered
            ]
        );
    }
}
