//! Numbered units of real law revisions paired across renumbering, checked against a pairing
//! the test makes itself from the article texts (numbers and cross-references set aside),
//! independently of the engine.

use crate::common;

use common::{duizhao, path_arg};
use duizhao::engine::compare::compare;
use duizhao::engine::units::{Status, pair_units, statuses, units};
use duizhao::testkit::corpus;
use std::collections::{BTreeSet, HashSet};

fn read(name: &str) -> String {
    std::fs::read_to_string(corpus("laws_zh").join(name)).expect("the shared corpus")
}

/// The articles of a law by a rule of the test's own: a line starting `第…条 ` opens one; its
/// body is everything up to the next, white space dropped and every `第…条` (the renumbered
/// cross-references, and its own number) written `第#条`.
fn articles(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let head = line.split(' ').next().unwrap_or("");
        if head.starts_with('第') && head.ends_with('条') && head.chars().count() <= 8 {
            out.push((head.to_string(), String::new()));
        } else if let Some(last) = out.last_mut()
            && line.starts_with('#')
        {
            // A heading ends the article before it.
            let _ = last;
            out.push((String::new(), String::new()));
            continue;
        }
        if let Some(last) = out.last_mut() {
            last.1.push_str(line);
        }
    }
    out.retain(|(label, _)| !label.is_empty());
    out.into_iter()
        .map(|(label, body)| {
            let mut plain = String::new();
            let mut rest = body.as_str();
            while let Some(i) = rest.find('第') {
                plain.push_str(&rest[..i]);
                let after = &rest[i + '第'.len_utf8()..];
                let digits = after
                    .char_indices()
                    .take_while(|(_, c)| "零〇一二三四五六七八九十百千".contains(*c))
                    .last()
                    .map(|(j, c)| j + c.len_utf8());
                match digits {
                    Some(n) if after[n..].starts_with('条') => {
                        plain.push_str("第#条");
                        rest = &after[n + '条'.len_utf8()..];
                    }
                    _ => {
                        plain.push('第');
                        rest = after;
                    }
                }
            }
            plain.push_str(rest);
            (label, plain.split_whitespace().collect())
        })
        .collect()
}

/// Each article's text as it stands, white space dropped (by the same rule as `articles`).
fn raw_articles(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let head = line.split(' ').next().unwrap_or("");
        if head.starts_with('第') && head.ends_with('条') && head.chars().count() <= 8 {
            out.push(String::new());
            open = true;
        } else if line.starts_with('#') {
            open = false;
        }
        if open && let Some(last) = out.last_mut() {
            last.extend(line.chars().filter(|c| !c.is_whitespace()));
        }
    }
    out
}

fn bigrams(s: &str) -> HashSet<(char, char)> {
    let c: Vec<char> = s.chars().collect();
    c.windows(2).map(|w| (w[0], w[1])).collect()
}

/// The new article each old one continues as: the one with the same body, else the most
/// similar by character pairs of those that share at least half of all their pairs, or nearly
/// all (nine in ten) of the shorter one's (an article that gained a paragraph).
fn expected(old: &[(String, String)], new: &[(String, String)]) -> Vec<Option<String>> {
    old.iter()
        .map(|(_, body)| {
            if let Some((label, _)) = new.iter().find(|(_, b)| b == body) {
                return Some(label.clone());
            }
            let mine = bigrams(body);
            new.iter()
                .map(|(label, b)| {
                    let theirs = bigrams(b);
                    let common = mine.intersection(&theirs).count() as f64;
                    let jaccard = common / mine.union(&theirs).count().max(1) as f64;
                    let contained = common / mine.len().min(theirs.len()).max(1) as f64;
                    (label, jaccard, jaccard >= 0.5 || contained >= 0.9)
                })
                .filter(|(_, _, qualifies)| *qualifies)
                .map(|(label, j, _)| (label, j))
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(label, _)| label.clone())
        })
        .collect()
}

#[test]
fn foreign_trade_law_articles_pair_with_their_successors_across_renumbering() {
    let (a, b) = (
        read("对外贸易法(2016-11-07).md"),
        read("对外贸易法(2022-12-30).md"),
    );
    let (old_articles, new_articles) = (articles(&a), articles(&b));
    let want = expected(&old_articles, &new_articles);
    let (old, new) = (units(&a), units(&b));
    assert_eq!(old.len(), old_articles.len());
    assert_eq!(new.len(), new_articles.len());
    let pairs = pair_units(&compare(&a, &b), &old, &new);
    let mut deleted = BTreeSet::new();
    let mut added = BTreeSet::new();
    for (o, n) in &pairs {
        match (o, n) {
            (Some(o), Some(n)) => assert_eq!(
                want[*o].as_deref(),
                Some(new[*n].label.as_str()),
                "old {} paired with new {}",
                old[*o].label,
                new[*n].label
            ),
            (Some(o), None) => {
                deleted.insert(old[*o].label.clone());
            }
            (None, Some(n)) => {
                added.insert(new[*n].label.clone());
            }
            (None, None) => {}
        }
    }
    let want_deleted: BTreeSet<String> = old_articles
        .iter()
        .zip(&want)
        .filter(|(_, w)| w.is_none())
        .map(|((label, _), _)| label.clone())
        .collect();
    assert_eq!(deleted, want_deleted, "deleted articles");
    // Every article the test pairs is paired: none shows as deleted and added.
    let paired_new: BTreeSet<String> = want.iter().flatten().cloned().collect();
    let want_added: BTreeSet<String> = new_articles
        .iter()
        .map(|(label, _)| label.clone())
        .filter(|l| !paired_new.contains(l))
        .collect();
    assert_eq!(added, want_added, "added articles");
    // The status of each pair by the test's own rule: the same text is unchanged, the same
    // text with numbers set aside renumbered, else changed; nothing moved in this revision.
    let (raw_old, raw_new) = (raw_articles(&a), raw_articles(&b));
    let got = statuses((&a, &b), (&old, &new), &pairs);
    let mut renumbered = 0;
    for (&(o, n), status) in pairs.iter().zip(&got) {
        let expected = match (o, n) {
            (Some(o), Some(n)) if raw_old[o] == raw_new[n] => Status::Unchanged,
            (Some(o), Some(n)) if old_articles[o].1 == new_articles[n].1 => Status::Renumbered,
            (Some(_), Some(_)) => Status::Changed,
            (Some(_), None) => Status::Deleted,
            _ => Status::Added,
        };
        assert_eq!(*status, expected, "{o:?} {n:?}");
        renumbered += usize::from(expected == Status::Renumbered);
    }
    assert!(
        renumbered > 40,
        "most articles after old 第九条 only renumbered ({renumbered})"
    );
    assert_eq!(
        want_deleted.into_iter().collect::<Vec<_>>(),
        ["第九条"],
        "old 第九条 was deleted"
    );
}

/// The rows of a `--report markdown --units` table: old label, new label, status (`—` for
/// none).
fn table_rows(markdown: &str) -> Vec<(Option<String>, Option<String>, String)> {
    let label = |cell: &str| {
        let cell = cell.trim();
        (cell != "—").then(|| cell.split(" (line").next().unwrap_or(cell).to_string())
    };
    markdown
        .lines()
        .skip_while(|l| !l.starts_with("|---"))
        .skip(1)
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').collect();
            (
                label(cells[1]),
                label(cells[2]),
                cells[3].trim().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_units_report_is_the_table_old_beside_new_in_the_new_order() {
    for (old_name, new_name) in [
        ("对外贸易法(2016-11-07).md", "对外贸易法(2022-12-30).md"),
        ("反垄断法(2007-08-30).md", "反垄断法(2022-06-24).md"),
    ] {
        let (a, b) = (read(old_name), read(new_name));
        let (old_articles, new_articles) = (articles(&a), articles(&b));
        let want = expected(&old_articles, &new_articles);
        let (raw_old, raw_new) = (raw_articles(&a), raw_articles(&b));
        let (old_path, new_path) = (
            corpus("laws_zh").join(old_name),
            corpus("laws_zh").join(new_name),
        );
        let out = duizhao(
            &std::env::temp_dir(),
            &[
                "--report",
                "markdown",
                "--units",
                path_arg(&old_path),
                path_arg(&new_path),
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rows = table_rows(&String::from_utf8(out.stdout).expect("UTF-8"));
        // Every article once on its side.
        let olds: Vec<&String> = rows.iter().filter_map(|r| r.0.as_ref()).collect();
        let news: Vec<&String> = rows.iter().filter_map(|r| r.1.as_ref()).collect();
        assert_eq!(olds.len(), old_articles.len(), "{old_name}");
        assert_eq!(news.len(), new_articles.len(), "{new_name}");
        // In the new text's order.
        let new_index = |l: &String| new_articles.iter().position(|(n, _)| n == l);
        let order: Vec<usize> = news.iter().filter_map(|l| new_index(l)).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        for (o, n, status) in &rows {
            let oi = o
                .as_ref()
                .and_then(|l| old_articles.iter().position(|(x, _)| x == l));
            let ni = n.as_ref().and_then(new_index);
            match (oi, ni) {
                (Some(oi), Some(ni)) => {
                    assert_eq!(want[oi].as_ref(), n.as_ref(), "{old_name}: {o:?}");
                    let expected = if raw_old[oi] == raw_new[ni] {
                        "unchanged"
                    } else if old_articles[oi].1 == new_articles[ni].1 {
                        "renumbered"
                    } else {
                        "changed"
                    };
                    // A pair out of order is `moved` whatever its text; none in these.
                    assert_eq!(status, expected, "{old_name}: {o:?} → {n:?}");
                }
                (Some(oi), None) => {
                    assert_eq!(want[oi], None, "{old_name}: {o:?} deleted");
                    assert_eq!(status, "deleted");
                }
                (None, Some(ni)) => {
                    assert!(!want.iter().flatten().any(|w| Some(w) == n.as_ref()));
                    // A new article whose body (its heading aside) stands whole in an old
                    // article moved there; else it was added.
                    let label = &new_articles[ni].0;
                    let body = raw_new[ni].trim_start_matches(label.as_str());
                    let moved = raw_old.iter().any(|old| old.contains(body));
                    assert_eq!(status, if moved { "moved" } else { "added" }, "{n:?}");
                }
                (None, None) => panic!("a row with no unit"),
            }
        }
    }
}
