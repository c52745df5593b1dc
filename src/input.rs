//! Reading what the user hands over (a config file, a query spec, ids on stdin) with a size
//! cap. `--spec /dev/zero` or `--config /dev/zero` must be a clear error, not a process that
//! reads until the kernel kills it; a file of a gigabyte must not cost a gigabyte first.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// A config file or a query spec is small: a megabyte is far more than either needs.
pub const MAX_USER_FILE: u64 = 1024 * 1024;

/// Why a file or stdin could not be read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// A directory, a device, a socket: something that is not a file of text.
    NotAFile(&'static str),
    TooLarge {
        limit: u64,
    },
    NotUtf8,
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("no such file"),
            ReadError::NotAFile(kind) => write!(f, "it is {kind}, not a file"),
            ReadError::TooLarge { limit } => write!(
                f,
                "it is larger than {} (the most tracectl reads)",
                crate::output::human_bytes(i64::try_from(*limit).unwrap_or(i64::MAX))
            ),
            ReadError::NotUtf8 => f.write_str("it is not UTF-8 text"),
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                f.write_str("permission denied")
            }
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// What kind of thing `path` is when it is not a regular file or a pipe. Pipes are read
/// (`--spec <(jq ...)`), under the same cap.
fn not_a_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return None;
        }
        if kind.is_char_device() {
            return Some("a character device");
        }
        if kind.is_block_device() {
            return Some("a block device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// The text of the file at `path`, at most `limit` bytes of UTF-8.
pub fn read_file(path: &Path, limit: u64) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    })?;
    if let Some(kind) = not_a_file(&meta) {
        return Err(ReadError::NotAFile(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    read_capped(file, limit)
}

/// Standard input, at most `limit` bytes of UTF-8.
pub fn read_stdin(limit: u64) -> Result<String, ReadError> {
    read_capped(std::io::stdin().lock(), limit)
}

/// Reads at most `limit` bytes; one more means too large (a file that grew, or a pipe).
fn read_capped(reader: impl Read, limit: u64) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_sizes_and_refuses_devices_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small.json");
        std::fs::write(&small, "{}").unwrap();
        assert_eq!(read_file(&small, 10).unwrap(), "{}");
        let big = dir.path().join("big.json");
        std::fs::write(&big, vec![b' '; 11]).unwrap();
        assert!(matches!(
            read_file(&big, 10),
            Err(ReadError::TooLarge { limit: 10 })
        ));
        assert!(matches!(
            read_file(dir.path(), 10),
            Err(ReadError::NotAFile("a directory"))
        ));
        assert!(matches!(
            read_file(&dir.path().join("missing"), 10),
            Err(ReadError::NotFound)
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_file(Path::new("/dev/zero"), 10),
            Err(ReadError::NotAFile("a character device"))
        ));
        let latin1 = dir.path().join("latin1.json");
        std::fs::write(&latin1, [0xe9u8]).unwrap();
        assert!(matches!(read_file(&latin1, 10), Err(ReadError::NotUtf8)));
    }

    #[test]
    fn an_endless_reader_stops_at_the_cap() {
        assert!(matches!(
            read_capped(std::io::repeat(b'a'), 1000),
            Err(ReadError::TooLarge { limit: 1000 })
        ));
    }
}
