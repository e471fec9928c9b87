//! The rules file: pairs of readings a reader hides (TOML `[[hide]]` entries, see
//! [`crate::engine::style::Rules`]), read with a size cap from `--rules FILE` or from
//! `$XDG_CONFIG_HOME/duizhao/rules.toml`, and written back whole and atomically when the viewer
//! adds one (`H`).

use super::small_file::{MAX_SMALL_FILE_BYTES, SmallFileError, read_small};
use super::{Error, ErrorKind};
use crate::engine::style::{MAX_RULES_BYTES, Rules};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the rules are read from when no `--rules` is given: `$XDG_CONFIG_HOME/duizhao/rules.toml`
/// if that is an absolute path, else `$HOME/.config/duizhao/rules.toml`.
pub fn default_path() -> Option<PathBuf> {
    path_in(
        std::env::var_os("XDG_CONFIG_HOME"),
        std::env::var_os("HOME"),
    )
}

/// [`default_path`] for the given values of `XDG_CONFIG_HOME` and `HOME`.
fn path_in(xdg_config_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let absolute = |p: Option<OsString>| p.map(PathBuf::from).filter(|p| p.is_absolute());
    let base = absolute(xdg_config_home).or_else(|| absolute(home).map(|h| h.join(".config")))?;
    Some(base.join("duizhao").join("rules.toml"))
}

/// The rules in the file at `path`; none if `missing_ok` and there is no file there. A file
/// that cannot be read, is larger than [`MAX_RULES_BYTES`] or is not a rules file is an error
/// naming it (and the line).
pub fn load(path: &Path, missing_ok: bool) -> Result<Rules, Error> {
    let name = path.display().to_string();
    let bytes = match read_small(path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) if missing_ok => return Ok(Rules::new()),
        Ok(None) => return Err(Error::new(&name, ErrorKind::NotFound)),
        Err(SmallFileError::NotAFile(what)) => {
            return Err(Error::new(
                &name,
                ErrorKind::BadRules(format!("{what}, not a rules file")),
            ));
        }
        Err(SmallFileError::TooLarge) => {
            return Err(Error::new(
                &name,
                ErrorKind::TooLarge {
                    bytes: None,
                    limit: MAX_RULES_BYTES.min(MAX_SMALL_FILE_BYTES),
                },
            ));
        }
        Err(SmallFileError::Permission) => return Err(Error::new(&name, ErrorKind::Permission)),
        Err(SmallFileError::Io(message)) => return Err(Error::new(&name, ErrorKind::Io(message))),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Error::new(
            &name,
            ErrorKind::BadRules(format!("line {line}: not UTF-8")),
        )
    })?;
    Rules::parse(&text).map_err(|e| Error::new(&name, ErrorKind::BadRules(e.to_string())))
}

/// Writes `rules` to `path` whole, atomically: to a temporary file beside it, then renamed over
/// it (its folder made if missing), so a reader never sees half a file.
pub fn save(path: &Path, rules: &Rules) -> Result<(), Error> {
    let name = path.display().to_string();
    let fail = |e: std::io::Error| Error::new(&name, ErrorKind::io(&e));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut temp = path.as_os_str().to_owned();
    temp.push(format!(".{}.tmp", std::process::id()));
    let temp = PathBuf::from(temp);
    let written = std::fs::File::create(&temp).and_then(|mut f| {
        f.write_all(rules.to_toml().as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&temp, path)) {
        // (Nothing to do if the temporary file cannot be removed either.)
        let _ = std::fs::remove_file(&temp);
        return Err(fail(e));
    }
    Ok(())
}

/// Collates `norms` (the normalised texts of `sources`, in the same order) against `base`
/// with `filter`, a reader's `rules` hiding each source's readings against the base's as they
/// do in a pair (read on the two texts): what the reports' `--all` and the viewer's `a` both
/// run.
pub fn collate<S: std::borrow::Borrow<super::Source> + Sync>(
    norms: &[std::sync::Arc<crate::engine::normalize::Normalized>],
    sources: &[S],
    base: usize,
    filter: &crate::engine::compare::Filter,
    rules: &Rules,
) -> crate::engine::collate::Collation {
    use crate::engine::collate::{Hides, collate_hiding};
    let hides = |i: usize, h: &crate::engine::compare::Hotspot| {
        rules.hides(
            sources[base].borrow().slice(h.span.left.clone()),
            sources[i].borrow().slice(h.span.right.clone()),
        )
    };
    collate_hiding(
        norms,
        base,
        filter,
        (!rules.is_empty()).then_some(&hides as Hides),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("duizhao-rules-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn the_default_file_is_under_the_config_folder() {
        assert_eq!(
            path_in(Some("/c".into()), Some("/h".into())),
            Some(PathBuf::from("/c/duizhao/rules.toml"))
        );
        assert_eq!(
            path_in(Some("relative".into()), Some("/h".into())),
            Some(PathBuf::from("/h/.config/duizhao/rules.toml"))
        );
        assert_eq!(path_in(None, None), None);
    }

    #[test]
    fn saved_rules_load_back_and_a_missing_file_is_no_rules_only_when_allowed() {
        let dir = temp_dir("save");
        let path = dir.join("sub").join("rules.toml");
        assert_eq!(load(&path, true), Ok(Rules::new()));
        assert!(load(&path, false).is_err());
        let mut rules = Rules::new();
        rules.add("，", "、");
        save(&path, &rules).expect("saved");
        assert_eq!(load(&path, false), Ok(rules));
        let leftovers = std::fs::read_dir(path.parent().expect("dir"))
            .expect("list")
            .count();
        assert_eq!(leftovers, 1, "no temporary file left");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn bad_files_are_refused_in_one_line_naming_file_and_line() {
        let dir = temp_dir("bad");
        let bad = dir.join("bad.toml");
        std::fs::write(&bad, "[[hide]]\nleft = \"，\"\nrigth = \"、\"\n").expect("write");
        let e = load(&bad, false).expect_err("bad").to_string();
        assert!(e.contains("bad.toml") && e.contains("line "), "{e}");
        assert!(!e.contains('\n'), "{e}");
        let big = dir.join("big.toml");
        std::fs::write(&big, vec![b'#'; MAX_RULES_BYTES as usize + 1]).expect("write");
        let e = load(&big, false).expect_err("too big").to_string();
        assert!(e.contains("limit"), "{e}");
        let latin = dir.join("latin.toml");
        std::fs::write(&latin, b"# ok\n\xff\n").expect("write");
        let e = load(&latin, false).expect_err("not UTF-8").to_string();
        assert!(e.contains("line 2"), "{e}");
        let e = load(&dir, false).expect_err("a directory").to_string();
        assert!(e.contains("directory"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
