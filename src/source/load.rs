//! Loading the sources named on the command line: files, directories of text files, the
//! bundled samples, and choosing the shown pair among them with `--left`/`--right`.

use super::error::{Error, ErrorKind, Wanted};
use super::{MAX_SOURCE_BYTES, SAMPLES, Source, too_large};
use std::path::{Path, PathBuf};

/// Loads the sources named on the command line: each a file, or a directory whose text files
/// (not hidden, not binary) are taken in name order.
pub fn load_all(inputs: &[String]) -> Result<Vec<Source>, Error> {
    let mut out = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        let err = |kind: ErrorKind| Error::new(input.as_str(), kind);
        let meta = std::fs::metadata(path).map_err(|e| err(ErrorKind::io(&e)))?;
        if meta.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| err(ErrorKind::io(&e)))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && !is_hidden(p))
                .collect();
            files.sort();
            let before = out.len();
            for file in files {
                match load_file(&file) {
                    Ok(source) => out.push(source),
                    // A directory may hold other files beside the texts: skip what is not text.
                    Err(Error {
                        kind: ErrorKind::Binary(_),
                        ..
                    }) => continue,
                    Err(e) => return Err(e),
                }
            }
            if out.len() == before {
                return Err(err(ErrorKind::NoTextFiles));
            }
        } else {
            out.push(load_file(path)?);
        }
    }
    Ok(out)
}

/// The bundled samples as sources.
pub fn samples() -> Vec<Source> {
    SAMPLES
        .iter()
        .map(|(name, bytes)| {
            Source::from_bytes(name, &format!("assets/{name}"), bytes)
                .expect("the bundled samples are UTF-8 text")
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

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn load_file(path: &Path) -> Result<Source, Error> {
    let shown = path.display().to_string();
    let err = |kind: ErrorKind| Error::new(shown.as_str(), kind);
    let meta = std::fs::metadata(path).map_err(|e| err(ErrorKind::io(&e)))?;
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(err(too_large(meta.len())));
    }
    let bytes = std::fs::read(path).map_err(|e| err(ErrorKind::io(&e)))?;
    let name = path
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    Source::from_bytes(&name, &shown, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_by_index_name_or_path() {
        let s = samples();
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
    fn samples_load() {
        let s = samples();
        assert_eq!(s.len(), 5);
        assert!(
            s.iter()
                .all(|s| s.encoding == "UTF-8" && s.char_len() > 2000)
        );
    }
}
