//! Reading places remembered between runs (`--remember`): for each pair of files, the passage
//! at the top of each pane and the current hotspot, by character offsets, so that the next run
//! on the same pair (either way round) opens where the last one ended.
//!
//! The places are kept in one JSON file, `$XDG_STATE_HOME/duizhao/places.json` (by default
//! `~/.local/state/duizhao/places.json`), the newest [`MAX_PLACES`] pairs. A pair is known by
//! the canonical paths of its two files and their lengths in characters: a file that changed
//! length opens at the top, and sources that are not files (standard input, the bundled
//! samples) are not remembered. Nothing here is ever fatal: a file that cannot be read is as
//! good as none.

use crate::pair::Pair;
use crate::source::Source;
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

/// Most pairs remembered; the oldest are forgotten first.
pub const MAX_PLACES: usize = 500;

/// A reading place in a pair, by character offsets into the two sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Saved {
    /// The offset at the top of the left and of the right pane, where a pane shows text.
    pub top: [Option<usize>; 2],
    /// The current hotspot's span: left start and end, right start and end.
    pub current: Option<[usize; 4]>,
}

impl Saved {
    /// The same place with the two sides exchanged.
    pub fn mirrored(self) -> Saved {
        Saved {
            top: [self.top[1], self.top[0]],
            current: self.current.map(|[a, b, c, d]| [c, d, a, b]),
        }
    }
}

/// One pair's remembered place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    /// The canonical paths of the left and right files.
    files: [String; 2],
    /// Their lengths in characters.
    chars: [usize; 2],
    place: Saved,
}

/// Where the places are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    /// The places kept in the file at `path`.
    pub fn at(path: PathBuf) -> Store {
        Store { path }
    }

    /// The places kept where the XDG base directories put state: `$XDG_STATE_HOME` if it is
    /// an absolute path, else `$HOME/.local/state`; `None` without either.
    pub fn default_location() -> Option<Store> {
        Store::location(std::env::var_os("XDG_STATE_HOME"), std::env::var_os("HOME"))
    }

    /// [`Store::default_location`] for the given values of `XDG_STATE_HOME` and `HOME`.
    fn location(xdg_state_home: Option<OsString>, home: Option<OsString>) -> Option<Store> {
        let absolute = |p: Option<OsString>| p.map(PathBuf::from).filter(|p| p.is_absolute());
        let base = absolute(xdg_state_home)
            .or_else(|| absolute(home).map(|home| home.join(".local/state")))?;
        Some(Store::at(base.join("duizhao").join("places.json")))
    }

    /// The file the places are kept in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The place remembered for `pair`, if any (one remembered the other way round is
    /// mirrored).
    pub fn recall(&self, pair: Pair<&Source>) -> Option<Saved> {
        let (files, chars) = identify(pair)?;
        let swapped = [files[1].clone(), files[0].clone()];
        self.read().into_iter().find_map(|e| {
            if e.files == files && e.chars == chars {
                Some(e.place)
            } else if e.files == swapped && e.chars == [chars[1], chars[0]] {
                Some(e.place.mirrored())
            } else {
                None
            }
        })
    }

    /// Remembers `place` for `pair` (replacing what was remembered for it either way round).
    /// Sources that are not files are not remembered (`Ok` all the same).
    pub fn keep(&self, pair: Pair<&Source>, place: Saved) -> io::Result<()> {
        let Some((files, chars)) = identify(pair) else {
            return Ok(());
        };
        let swapped = [files[1].clone(), files[0].clone()];
        // A places file that is not one (a directory, a device, too large) is left as it is.
        let known = self.read_checked().map_err(io::Error::other)?;
        let mut entries: Vec<Entry> = known
            .into_iter()
            .filter(|e| e.files != files && e.files != swapped)
            .collect();
        entries.push(Entry {
            files,
            chars,
            place,
        });
        let excess = entries.len().saturating_sub(MAX_PLACES);
        entries.drain(..excess);
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_string(&entries).map_err(io::Error::other)?;
        // Written whole and then renamed over the old file: a crash never leaves half a file.
        let temporary = self
            .path
            .with_extension(format!("json.{}", std::process::id()));
        let written =
            std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, &self.path));
        if written.is_err() {
            // Nothing left behind.
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }

    /// Every remembered place, oldest first (none if the file is missing, unreadable or not
    /// one: see [`Store::read_checked`]).
    fn read(&self) -> Vec<Entry> {
        self.read_checked().unwrap_or_default()
    }

    /// Every remembered place, oldest first: none if there is no file or it holds no places
    /// (a file half written by another version); an error if the path is not a regular file
    /// of at most 1 MiB ([`crate::source::small_file`]), so that it is never read from a device
    /// or a pipe, and never written over.
    fn read_checked(&self) -> Result<Vec<Entry>, String> {
        match crate::source::small_file::read_small(&self.path) {
            Ok(Some(bytes)) => Ok(serde_json::from_slice(&bytes).unwrap_or_default()),
            Ok(None) => Ok(Vec::new()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// The canonical paths and the lengths of a pair of file sources, or `None` if either is not
/// a file.
fn identify(pair: Pair<&Source>) -> Option<([String; 2], [usize; 2])> {
    let file = |s: &Source| -> Option<String> {
        let path = std::fs::canonicalize(&s.path).ok()?;
        path.is_file().then(|| path.to_str().map(str::to_string))?
    };
    Some((
        [file(pair.left)?, file(pair.right)?],
        [pair.left.char_len(), pair.right.char_len()],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Dir(PathBuf);

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn dir(test: &str) -> Dir {
        let path =
            std::env::temp_dir().join(format!("duizhao-places-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir");
        Dir(path)
    }

    fn file(dir: &Dir, name: &str, text: &str) -> Source {
        let path = dir.0.join(name);
        std::fs::write(&path, text).expect("write");
        let path = path.to_str().expect("UTF-8 path").to_string();
        Source::from_text(name, &path, "UTF-8", text.to_string(), Vec::new())
    }

    #[test]
    fn a_place_kept_is_recalled_either_way_round() {
        let d = dir("round");
        let (a, b, c) = (
            file(&d, "a.txt", "甲乙丙"),
            file(&d, "b.txt", "甲丁丙"),
            file(&d, "c.txt", "x"),
        );
        let store = Store::at(d.0.join("state/duizhao/places.json"));
        assert_eq!(store.recall(Pair::new(&a, &b)), None, "nothing kept yet");
        let place = Saved {
            top: [Some(1), Some(2)],
            current: Some([1, 2, 1, 2]),
        };
        store.keep(Pair::new(&a, &b), place).expect("kept");
        assert_eq!(store.recall(Pair::new(&a, &b)), Some(place));
        let mirrored = Saved {
            top: [Some(2), Some(1)],
            current: Some([1, 2, 1, 2]),
        };
        assert_eq!(store.recall(Pair::new(&b, &a)), Some(mirrored));
        assert_eq!(store.recall(Pair::new(&a, &c)), None);
        // Kept again the other way round: one entry, the newest.
        store
            .keep(Pair::new(&b, &a), Saved::default())
            .expect("kept");
        assert_eq!(store.read().len(), 1);
        assert_eq!(store.recall(Pair::new(&a, &b)), Some(Saved::default()));
    }

    #[test]
    fn a_changed_file_or_a_source_that_is_no_file_is_not_recalled() {
        let d = dir("changed");
        let (a, b) = (file(&d, "a.txt", "甲乙丙"), file(&d, "b.txt", "甲丁丙"));
        let store = Store::at(d.0.join("places.json"));
        let place = Saved {
            top: [Some(1), None],
            current: None,
        };
        store.keep(Pair::new(&a, &b), place).expect("kept");
        let longer = file(&d, "a.txt", "甲乙丙丁");
        assert_eq!(store.recall(Pair::new(&longer, &b)), None);
        let stdin = Source::from_text("-", "-", "UTF-8", "甲乙丙".to_string(), Vec::new());
        store
            .keep(Pair::new(&stdin, &b), place)
            .expect("not kept, no error");
        assert_eq!(store.recall(Pair::new(&stdin, &b)), None);
        // An unreadable file is as good as none, and is replaced by the next keep.
        std::fs::write(store.path(), "not json").expect("write");
        assert_eq!(store.recall(Pair::new(&a, &b)), None);
        store.keep(Pair::new(&a, &b), place).expect("kept");
        assert_eq!(store.recall(Pair::new(&a, &b)), Some(place));
    }

    #[test]
    fn only_the_newest_places_are_kept() {
        let d = dir("newest");
        let store = Store::at(d.0.join("places.json"));
        let b = file(&d, "b.txt", "乙");
        let sources: Vec<Source> = (0..MAX_PLACES + 3)
            .map(|i| file(&d, &format!("{i}.txt"), "甲"))
            .collect();
        for s in &sources {
            store
                .keep(Pair::new(s, &b), Saved::default())
                .expect("kept");
        }
        assert_eq!(store.read().len(), MAX_PLACES);
        assert_eq!(
            store.recall(Pair::new(&sources[2], &b)),
            None,
            "the oldest go first"
        );
        assert!(store.recall(Pair::new(&sources[3], &b)).is_some());
    }

    #[test]
    fn the_location_follows_xdg() {
        let at = |xdg: Option<&str>, home: Option<&str>| {
            Store::location(xdg.map(OsString::from), home.map(OsString::from))
                .map(|s| s.path().to_path_buf())
        };
        let path = PathBuf::from;
        assert_eq!(
            at(Some("/x/state"), Some("/home/u")),
            Some(path("/x/state/duizhao/places.json"))
        );
        // A relative XDG_STATE_HOME is ignored, as the specification says.
        assert_eq!(
            at(Some("state"), Some("/home/u")),
            Some(path("/home/u/.local/state/duizhao/places.json"))
        );
        assert_eq!(
            at(None, Some("/home/u")),
            Some(path("/home/u/.local/state/duizhao/places.json"))
        );
        assert_eq!(at(None, None), None);
        assert_eq!(at(Some("rel"), Some("also-rel")), None);
    }
}
