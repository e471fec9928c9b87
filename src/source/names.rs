//! The names sources are shown by: the file name, or, where two sources share one, the
//! shortest end of the path that tells them apart (`ed1/ch01.txt`). The viewer's headers,
//! picker and apparatus and the reports all use these names. And how a source is named on the
//! command line (`--left`, `--right`, `--sigla`): by number, file name or path ([`select`]).

use super::Source;
use super::error::{Error, ErrorKind, Wanted};
use std::borrow::Borrow;

/// Each source's shortest distinct name: its file name if no other source (from another
/// path: the same file given twice is the same name) has it, else the
/// shortest end of its path (by `/`-separated components) that no other source's path ends
/// with, else its whole path.
pub fn distinct_names<S: Borrow<Source>>(sources: &[S]) -> Vec<String> {
    let parts = |path: &str| -> Vec<String> {
        path.split(['/', '\\'])
            .filter(|c| !c.is_empty() && *c != ".")
            .map(str::to_string)
            .collect()
    };
    let end = |parts: &[String], k: usize| parts[parts.len().saturating_sub(k)..].join("/");
    let sources: Vec<&Source> = sources.iter().map(Borrow::borrow).collect();
    sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let others: Vec<Vec<String>> = sources
                .iter()
                .enumerate()
                .filter(|(j, o)| *j != i && o.name == s.name && o.path != s.path)
                .map(|(_, o)| parts(&o.path))
                .collect();
            if others.is_empty() {
                return s.name.clone();
            }
            let mine = parts(&s.path);
            (2..=mine.len())
                .map(|k| end(&mine, k))
                .find(|name| {
                    others.iter().all(|o| {
                        o.len() < name.matches('/').count() + 1
                            || end(o, name.matches('/').count() + 1) != *name
                    })
                })
                .unwrap_or_else(|| s.path.clone())
        })
        .collect()
}

/// Finds the source a `--left`/`--right` value names: a 1-based index, a file name, or a path
/// as given. `flag` names the option in the error message.
pub fn select(sources: &[Source], value: &str, flag: &str) -> Result<usize, Error> {
    let err = |wanted: Wanted| {
        Error::new(
            format!("{flag} {value}"),
            ErrorKind::NoSuchSource {
                wanted,
                names: sources.iter().map(|s| s.name.clone()).collect(),
            },
        )
    };
    if let Ok(n) = value.parse::<usize>() {
        return if (1..=sources.len()).contains(&n) {
            Ok(n - 1)
        } else {
            Err(err(Wanted::Number(n)))
        };
    }
    sources
        .iter()
        .position(|s| s.name == value)
        .or_else(|| sources.iter().position(|s| s.path == value))
        .ok_or_else(|| err(Wanted::Name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_by_index_name_or_path() {
        let s = crate::source::samples();
        assert_eq!(select(&s, "3", "--left").unwrap(), 2);
        assert_eq!(select(&s, "001_b9d3a1e7e2d39cea.txt", "--left").unwrap(), 1);
        assert_eq!(
            select(&s, "assets/004_8b4324cd1f24d36d.txt", "--left").unwrap(),
            4
        );
        let e = select(&s, "9", "--right").unwrap_err();
        assert_eq!(e.to_string(), "--right 9: no source number 9 (there are 5)");
        assert!(select(&s, "0", "--left").is_err());
        assert!(
            select(&s, "nope.txt", "--left")
                .unwrap_err()
                .to_string()
                .contains("000_00a56f0df81fb580.txt")
        );
    }

    #[test]
    fn sources_with_one_name_are_told_apart_by_their_paths() {
        let source = |path: &str| {
            let name = path.rsplit('/').next().unwrap_or(path);
            Source::from_text(name, path, "UTF-8", String::new(), Vec::new())
        };
        let sources = [
            source("books/ed1/ch01.txt"),
            source("books/ed2/ch01.txt"),
            source("books/ed2/ch02.txt"),
            source("x/ed1/ch03.txt"),
            source("y/ed1/ch03.txt"),
            source("same.txt"),
            source("same.txt"),
        ];
        assert_eq!(
            distinct_names(&sources),
            [
                "ed1/ch01.txt",
                "ed2/ch01.txt",
                "ch02.txt",
                "x/ed1/ch03.txt",
                "y/ed1/ch03.txt",
                "same.txt",
                "same.txt"
            ]
        );
    }
}
