//! The README's key table agrees with the key table the viewer dispatches from
//! (`viewer::keys::TABLE`): every key of the panes is documented, and every key the README
//! documents does something.

use duizhao::viewer::keys::{Scope, TABLE};
use std::collections::BTreeSet;

/// The keys in the first column of the README's `| key | action |` table.
fn readme_keys() -> BTreeSet<String> {
    let readme = include_str!("../../README.md");
    let table = readme
        .split("| key | action |")
        .nth(1)
        .expect("the README has a key table");
    let mut keys = BTreeSet::new();
    for row in table.lines().skip(2) {
        let Some(cells) = row.strip_prefix('|') else {
            break;
        };
        let first = cells.split('|').next().unwrap_or("");
        keys.extend(first.split('`').skip(1).step_by(2).map(str::to_string));
    }
    keys
}

#[test]
fn the_readme_documents_every_key_of_the_panes_and_no_other() {
    let documented = readme_keys();
    let bound: BTreeSet<String> = TABLE
        .iter()
        .filter(|e| matches!(e.scope, Scope::Panes | Scope::Matches))
        .flat_map(|e| e.keys.iter().map(|(k, _)| k.name()))
        .collect();
    assert!(bound.len() > 20, "{bound:?}");
    let missing: Vec<&String> = bound.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "keys the README does not document: {missing:?}"
    );
    let unbound: Vec<&String> = documented.difference(&bound).collect();
    assert!(
        unbound.is_empty(),
        "keys the README documents that do nothing: {unbound:?}"
    );
}
