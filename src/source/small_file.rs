//! The small files the program keeps beside the sources — the theme, the rules, the
//! remembered places — read so that no file can hang it or fill its memory: the file must be
//! a regular file (a FIFO would block forever, `/dev/zero` never ends, a directory is no file),
//! it is opened without blocking, and at most [`MAX_SMALL_FILE_BYTES`] of it are read. A file
//! that is not there, or that cannot be seen because its directory may not be searched, is no
//! file.

use std::fmt;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// The most a theme, rules or places file may hold (1 MiB: a hundred times what any holds).
pub const MAX_SMALL_FILE_BYTES: u64 = 1024 * 1024;

/// Why a small file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmallFileError {
    /// Not a regular file: what it is.
    NotAFile(&'static str),
    /// Larger than the limit.
    TooLarge,
    /// It may not be read.
    Permission,
    /// Any other input or output error, with the system's message.
    Io(String),
}

impl fmt::Display for SmallFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmallFileError::NotAFile(what) => write!(f, "{what}, not a regular file"),
            SmallFileError::TooLarge => write!(
                f,
                "more than the {} MiB limit",
                MAX_SMALL_FILE_BYTES / (1024 * 1024)
            ),
            SmallFileError::Permission => write!(f, "permission denied"),
            SmallFileError::Io(message) => write!(f, "{message}"),
        }
    }
}

impl SmallFileError {
    fn io(e: &std::io::Error) -> SmallFileError {
        match e.kind() {
            std::io::ErrorKind::PermissionDenied => SmallFileError::Permission,
            _ => SmallFileError::Io(e.to_string()),
        }
    }
}

/// The bytes of the small file at `path`, or `None` when there is none (or its directory may
/// not be searched).
pub fn read_small(path: &Path) -> Result<Option<Vec<u8>>, SmallFileError> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied
            ) =>
        {
            return Ok(None);
        }
        Err(e) => return Err(SmallFileError::io(&e)),
    };
    let kind = meta.file_type();
    if !kind.is_file() {
        return Err(SmallFileError::NotAFile(if kind.is_dir() {
            "a directory"
        } else if kind.is_fifo() {
            "a named pipe"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "something else"
        }));
    }
    if meta.len() > MAX_SMALL_FILE_BYTES {
        return Err(SmallFileError::TooLarge);
    }
    // Without blocking, should the file have become a pipe since it was looked at.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| SmallFileError::io(&e))?;
    let mut bytes = Vec::new();
    file.take(MAX_SMALL_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SmallFileError::io(&e))?;
    if bytes.len() as u64 > MAX_SMALL_FILE_BYTES {
        return Err(SmallFileError::TooLarge);
    }
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(test: &str) -> std::path::PathBuf {
        let path =
            std::env::temp_dir().join(format!("duizhao-small-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir");
        path
    }

    #[test]
    fn files_devices_pipes_and_directories() {
        let d = dir("kinds");
        let file = d.join("theme.toml");
        std::fs::write(&file, "x = 1\n").expect("write");
        assert_eq!(read_small(&file), Ok(Some(b"x = 1\n".to_vec())));
        assert_eq!(read_small(&d.join("none.toml")), Ok(None));
        assert_eq!(read_small(&d), Err(SmallFileError::NotAFile("a directory")));
        assert_eq!(
            read_small(Path::new("/dev/zero")),
            Err(SmallFileError::NotAFile("a device"))
        );
        let fifo = d.join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        assert_eq!(
            read_small(&fifo),
            Err(SmallFileError::NotAFile("a named pipe"))
        );
        let big = d.join("big.toml");
        std::fs::write(&big, vec![b'#'; MAX_SMALL_FILE_BYTES as usize + 1]).expect("write");
        assert_eq!(read_small(&big), Err(SmallFileError::TooLarge));
        let _ = std::fs::remove_dir_all(&d);
    }
}
