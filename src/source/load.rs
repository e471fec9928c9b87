//! Loading the sources named on the command line: files, directories of text files, named
//! pipes, standard input (`-`), the bundled samples, and choosing the shown pair among them
//! with `--left`/`--right`.
//!
//! Nothing is read past the size limit, whatever the file is: a regular file's reported size
//! is checked first, and every read (devices and pipes report no size) stops one byte past the
//! limit, so `/dev/zero` and `/dev/urandom` are refused at once. A named pipe is opened without
//! waiting for a writer: with none, there is nothing to read, and that is an error.

use super::error::{Error, ErrorKind};
use super::html::{article_source, is_page};
use super::sigla::{is_siglum, not_a_siglum, split_source_argument};
use super::{MAX_SOURCE_BYTES, SAMPLES, Source, too_large};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The SOURCE that stands for standard input.
pub const STDIN: &str = "-";

/// How sources are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Compare web pages as the text of their files, not their articles (`--raw`).
    pub raw: bool,
}

/// Loads the sources named on the command line, web pages reduced to their articles: see
/// [`load_with`].
pub fn load_all<P: AsRef<Path>>(inputs: &[P]) -> Result<Vec<Source>, Error> {
    load_with(inputs, LoadOptions::default())
}

/// Loads the sources named on the command line: each a file, or a directory whose text files
/// (not hidden, not binary) are taken in name order. A SOURCE `SIGLUM=PATH` (when no file of
/// that whole name exists) gives its source a siglum (its files `SIGLUM1`, `SIGLUM2`… if it is
/// a directory of several).
///
/// The SOURCEs are read and decoded on all cores, each on its own, then taken in order: the
/// error reported is the first SOURCE's that has one, as if they were read one after another.
/// Standard input is read in its turn, only once every SOURCE before it has loaded (a
/// terminal would wait for the user to end it).
pub fn load_with<P: AsRef<Path>>(inputs: &[P], options: LoadOptions) -> Result<Vec<Source>, Error> {
    // What each SOURCE names, up to a second `-` (refused: standard input is read once).
    let mut named: Vec<Result<Named, Error>> = Vec::new();
    let mut stdin_read = false;
    for input in inputs {
        let given = input.as_ref();
        let (siglum, path) = match given.to_str().and_then(split_source_argument) {
            Some((siglum, rest)) if !given.exists() => (Some(siglum.to_string()), Path::new(rest)),
            _ => (None, given),
        };
        if path.as_os_str() == STDIN {
            if stdin_read {
                named.push(Err(Error::new(
                    given.display().to_string(),
                    ErrorKind::StdinAgain,
                )));
                break;
            }
            stdin_read = true;
        }
        named.push(Ok(Named {
            given: given.to_path_buf(),
            siglum,
            path: path.to_path_buf(),
        }));
    }
    // Each SOURCE's sources, and whether they were read from git (standard input later).
    let load = |named: &Named| -> Result<(Vec<Source>, bool), Error> {
        let path = named.path.as_path();
        match path.to_str().and_then(super::git::revision_argument) {
            Some((rev, file)) if !path.exists() => {
                let shown = named.given.display().to_string();
                Ok((vec![load_revision(rev, file, &shown, options)?], true))
            }
            _ => {
                let mut out = Vec::new();
                load_one(path, options, &mut out)?;
                Ok((out, false))
            }
        }
    };
    let loaded = crate::work::map(&named, |named| match named {
        Ok(named) if named.path.as_os_str() != STDIN => load(named).map(Some),
        Ok(_) => Ok(None),
        Err(e) => Err(e.clone()),
    });
    let mut out = Vec::new();
    // The sources whose siglum is their commit's short hash, not one given.
    let mut automatic: Vec<usize> = Vec::new();
    for (named, loaded) in named.iter().zip(loaded) {
        let loaded = loaded?;
        let named = named.as_ref().map_err(Clone::clone)?;
        let (sources, from_git) = match loaded {
            Some(loaded) => loaded,
            None => load(named)?,
        };
        let before = out.len();
        out.extend(sources);
        if from_git {
            automatic.push(out.len() - 1);
        }
        if let Some(siglum) = &named.siglum {
            automatic.retain(|&i| i < before);
            let n = out.len() - before;
            for (k, source) in out[before..].iter_mut().enumerate() {
                source.siglum = if n == 1 {
                    siglum.clone()
                } else {
                    format!("{siglum}{}", k + 1)
                };
            }
            if let Some(bad) = out[before..].iter().find(|s| !is_siglum(&s.siglum)) {
                return Err(Error::new(
                    named.given.display().to_string(),
                    ErrorKind::BadSiglum(format!("{}: {}", bad.siglum, not_a_siglum())),
                ));
            }
        }
    }
    // A commit's siglum is given up where another source has it too (two files of one
    // commit): those get the default sigla.
    for &i in &automatic {
        let siglum = &out[i].siglum;
        if out
            .iter()
            .enumerate()
            .any(|(j, s)| j != i && s.siglum == *siglum)
        {
            let taken = siglum.clone();
            for s in out.iter_mut().filter(|s| s.siglum == taken) {
                if s.revision.is_some() {
                    s.siglum.clear();
                }
            }
        }
    }
    Ok(out)
}

/// A SOURCE as given, with the siglum it gives (`SIGLUM=PATH`) and the path it names.
struct Named {
    given: PathBuf,
    siglum: Option<String>,
    path: PathBuf,
}

/// The siglum of a source read from a commit: its short hash, after `r` where the hash starts
/// with a digit (a siglum is an XML name: it starts with a letter).
pub fn commit_siglum(short: &str) -> String {
    if short.starts_with(|c: char| c.is_ascii_digit()) {
        format!("r{short}")
    } else {
        short.to_string()
    }
}

/// The SOURCE `REV:PATH` (`shown` as given) read from git.
fn load_revision(
    rev: &str,
    file: &str,
    shown: &str,
    options: LoadOptions,
) -> Result<Source, Error> {
    let blob = super::git::read(rev, file, shown)?;
    let mut source = from_bytes(&blob.name, shown, &blob.bytes, options)?;
    if let Some(revision) = &blob.revision {
        source.siglum = commit_siglum(&revision.short);
    }
    source.revision = blob.revision;
    Ok(source)
}

/// The sources of `--history PATH`: every revision of the file that changed it, oldest
/// first (see [`super::git::history`]), each named `PATH@SHORTHASH`; a revision whose file is
/// not text is left out with a warning on the source after it. With more than
/// [`super::git::MAX_HISTORY`], the oldest are left out, and the first source says so.
pub fn load_history(path: &Path, options: LoadOptions) -> Result<Vec<Source>, Error> {
    let history = super::git::history(path)?;
    let mut out: Vec<Source> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    if history.left_out > 0 {
        notes.push(format!(
            "history capped: the {} oldest revisions left out ({} read)",
            history.left_out,
            history.revisions.len()
        ));
    }
    let total = history.revisions.len();
    let progress = total > 20 && std::io::IsTerminal::is_terminal(&std::io::stderr());
    for (k, (revision, file)) in history.revisions.into_iter().enumerate() {
        if progress {
            use std::io::Write;
            let _ = write!(
                std::io::stderr(),
                "\rreading the history: {}/{total}",
                k + 1
            );
        }
        let name = format!("{file}@{}", revision.short);
        let shown = format!("{}:{file}", revision.short);
        let bytes = super::git::blob_at(&revision.commit, &file, &shown)?;
        match from_bytes(&name, &shown, &bytes, options) {
            Ok(mut source) => {
                source.siglum = commit_siglum(&revision.short);
                source.revision = Some(revision);
                source.warnings.append(&mut notes);
                out.push(source);
            }
            Err(Error {
                kind: ErrorKind::Binary(_),
                ..
            }) => notes.push(format!("{name}: not text, left out")),
            Err(e) => return Err(e),
        }
    }
    if progress {
        use std::io::Write;
        let _ = write!(std::io::stderr(), "\r\x1b[K");
    }
    // What the last revisions left to say goes on the newest source.
    if let Some(last) = out.last_mut() {
        last.warnings.append(&mut notes);
    }
    if out.is_empty() {
        return Err(Error::new(
            path.display().to_string(),
            ErrorKind::NoTextFiles,
        ));
    }
    Ok(out)
}

/// Loads one SOURCE (a file, a directory, or `-`) into `out`.
fn load_one(path: &Path, options: LoadOptions, out: &mut Vec<Source>) -> Result<(), Error> {
    let shown = path.display().to_string();
    if path.as_os_str() == STDIN {
        let bytes = read_limited(std::io::stdin().lock(), STDIN)?;
        out.push(from_bytes("(standard input)", STDIN, &bytes, options)?);
        return Ok(());
    }
    let err = |kind: ErrorKind| Error::new(shown.as_str(), kind);
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
            match load_file(&file, options) {
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
        out.push(load_file(path, options)?);
    }
    Ok(())
}

/// A source from a file's bytes: a web page's article (unless `options.raw`), else its text.
fn from_bytes(name: &str, path: &str, bytes: &[u8], options: LoadOptions) -> Result<Source, Error> {
    if !options.raw && is_page(name, bytes) {
        article_source(name, path, bytes)
    } else {
        Source::from_bytes(name, path, bytes)
    }
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

/// Reads everything `reader` gives, but refuses more than the size limit (reading one byte
/// past it, no more).
fn read_limited(reader: impl Read, input: &str) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(input, ErrorKind::io(&e)))?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(Error::new(input, too_large(None)));
    }
    Ok(bytes)
}

/// Whether `meta` is a named pipe (or a pipe given as `/dev/fd/N`).
fn is_pipe(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Opens `path` for reading; a pipe without waiting for a writer to open it.
fn open(path: &Path, pipe: bool) -> std::io::Result<File> {
    #[cfg(unix)]
    if pipe {
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::OpenOptionsExt;
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)?;
        // Reads block again from here on: they wait for data while a writer is there, and end
        // at once when there is none.
        let fd = file.as_raw_fd();
        // SAFETY: `fd` is the open descriptor `file` owns; F_GETFL and F_SETFL only read and
        // change its status flags.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
            return Err(std::io::Error::last_os_error());
        }
        return Ok(file);
    }
    let _ = pipe;
    File::open(path)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn load_file(path: &Path, options: LoadOptions) -> Result<Source, Error> {
    let shown = path.display().to_string();
    let err = |kind: ErrorKind| Error::new(shown.as_str(), kind);
    let meta = std::fs::metadata(path).map_err(|e| err(ErrorKind::io(&e)))?;
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(err(too_large(Some(meta.len()))));
    }
    let pipe = is_pipe(&meta);
    let file = open(path, pipe).map_err(|e| err(ErrorKind::io(&e)))?;
    let bytes = read_limited(file, &shown)?;
    if pipe && bytes.is_empty() {
        return Err(err(ErrorKind::EmptyPipe));
    }
    let name = path
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    from_bytes(&name, &shown, &bytes, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_load() {
        let s = samples();
        assert_eq!(s.len(), 5);
        assert!(
            s.iter()
                .all(|s| s.encoding == "UTF-8" && s.char_len() > 2000)
        );
    }

    /// A scratch directory of its own for a test.
    fn scratch(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("duizhao-load-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        dir
    }

    #[test]
    fn sources_read_together_come_in_order_and_the_first_error_is_the_one_told() {
        let dir = scratch("order");
        let names = ["c.txt", "a.txt", "b.txt"];
        for (i, name) in names.iter().enumerate() {
            std::fs::write(dir.join(name), format!("第{i}条")).expect("a scratch file");
        }
        let paths: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
        let loaded = load_all(&paths).expect("three files");
        let got: Vec<&str> = loaded.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(got, names);
        assert_eq!(loaded[2].text, "第2条");
        // Two missing files and a second `-`: the first missing file is what is told, as if
        // they were read one after another.
        let missing = |n: &str| dir.join(n).display().to_string();
        let inputs = [
            paths[0].display().to_string(),
            missing("x.txt"),
            "-".to_string(),
            missing("y.txt"),
            "-".to_string(),
        ];
        let err = load_all(&inputs).expect_err("a missing file");
        assert_eq!(err.input, missing("x.txt"));
        // Standard input was not read: it comes after the missing file (a terminal would wait).
        std::fs::remove_dir_all(&dir).expect("the scratch directory removed");
    }
}
