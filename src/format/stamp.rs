//! What a file was when it was read: which file (device and inode, links
//! followed) and what it held (length and a hash of its bytes), so a save
//! can tell whether another program changed or replaced it since.

use std::fs::Metadata;
use std::io::{self, Read};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// A file as it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// Device and inode; none when only the bytes are known.
    identity: Option<(u64, u64)>,
    len: u64,
    hash: u64,
}

impl Stamp {
    /// The stamp of bytes read from the file `meta` describes.
    pub fn of_read(meta: &Metadata, bytes: &[u8]) -> Stamp {
        Stamp {
            identity: Some((meta.dev(), meta.ino())),
            ..Stamp::of_bytes(bytes)
        }
    }

    /// The stamp of bytes alone: any file holding them matches.
    pub fn of_bytes(bytes: &[u8]) -> Stamp {
        Stamp {
            identity: None,
            len: bytes.len() as u64,
            hash: fnv1a64(bytes),
        }
    }

    /// The stamp of the file at `path` now (links followed); none when
    /// there is no file.
    pub fn of_file(path: &Path) -> io::Result<Option<Stamp>> {
        let mut file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Ok(None);
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.by_ref()
            .take(super::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)?;
        Ok(Some(Stamp::of_read(&meta, &bytes)))
    }

    /// Whether `now` is the same file holding the same bytes; a stamp of
    /// bytes alone matches any file holding them.
    pub fn matches(&self, now: &Stamp) -> bool {
        let same_file = match (self.identity, now.identity) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        same_file && self.len == now.len && self.hash == now.hash
    }
}

/// FNV-1a, 64 bits: fast, and enough to tell a changed file from its
/// earlier self (this is no defence against someone forging a collision).
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// What a file's metadata says of it (identity, length, modification
/// time): cheap to read on a clock, to notice a change before its bytes
/// are read again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    identity: (u64, u64),
    len: u64,
    modified: (i64, i64),
}

impl Mark {
    /// The mark of the file at `path` now (links followed); none when
    /// there is no readable file.
    pub fn of(path: &Path) -> Option<Mark> {
        let meta = std::fs::metadata(path).ok()?;
        meta.is_file().then(|| Mark {
            identity: (meta.dev(), meta.ino()),
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
        })
    }
}
