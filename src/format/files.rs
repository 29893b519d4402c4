//! Loading a process file from disk and saving it atomically, keeping the
//! previous file as `NAME.ron.bak`.

use super::document::{DecodeError, MAX_FILE_BYTES, decode, encode_file};
use super::replace::{Check, OsFs, Replacing, SaveFs, replace_file_checked};
use super::stamp::Stamp;
use crate::model::Process;
use std::fs::OpenOptions;
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Why a file could not be opened: what failed, then the path (worded by
/// `crate::text`).
#[derive(Debug)]
pub enum LoadError {
    Read {
        path: PathBuf,
        source: io::Error,
    },
    /// A folder, pipe or device (never opened for reading, so never waited on).
    NotAFile {
        path: PathBuf,
    },
    Decode {
        path: PathBuf,
        source: DecodeError,
    },
    /// A library's entry whose file, links followed, lies outside the
    /// library's folder: it is not read.
    Outside {
        path: PathBuf,
    },
    /// The library's catalogue could not be read, for the reason inside.
    Catalogue(Box<LoadError>),
}

impl LoadError {
    /// What went wrong, without the path.
    pub fn decode_error(&self) -> Option<&DecodeError> {
        match self {
            LoadError::Decode { source, .. } => Some(source),
            LoadError::Catalogue(inner) => inner.decode_error(),
            LoadError::Read { .. } | LoadError::NotAFile { .. } | LoadError::Outside { .. } => None,
        }
    }
}

/// Reads and decodes a process file. Files over 64 MiB are refused before
/// they are read.
pub fn load(path: &Path) -> Result<Process, LoadError> {
    load_stamped(path).map(|(process, _)| process)
}

/// Whether `path` names standard input (`-`), as commands that read one
/// process take it.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// Reads and decodes a process from `path`, or from standard input when it
/// is `-` (at most `MAX_FILE_BYTES` either way).
pub fn load_or_stdin(path: &Path) -> Result<Process, LoadError> {
    if !is_stdin(path) {
        return load(path);
    }
    let named = || PathBuf::from("stdin");
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Read {
            path: named(),
            source,
        })?;
    let size = bytes.len() as u64;
    let decoded = if size > MAX_FILE_BYTES {
        Err(DecodeError::TooLarge { size })
    } else {
        decode(&bytes)
    };
    decoded.map_err(|source| LoadError::Decode {
        path: named(),
        source,
    })
}

/// Reads and decodes a process file, with what the file was when read
/// (for `save_over`).
pub fn load_stamped(path: &Path) -> Result<(Process, Stamp), LoadError> {
    let (bytes, stamp) = read_stamped(path)?;
    let process = decode(&bytes).map_err(|source| LoadError::Decode {
        path: path.to_owned(),
        source,
    })?;
    Ok((process, stamp))
}

/// The bytes of a regular file of at most `MAX_FILE_BYTES`, opened so
/// that a pipe or device never blocks.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_stamped(path).map(|(bytes, _)| bytes)
}

/// `read_limited`, with the file's stamp.
pub fn read_stamped(path: &Path) -> Result<(Vec<u8>, Stamp), LoadError> {
    let read_err = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    // Never block: a pipe or device with nobody writing would wait forever.
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(read_err)?;
    let meta = file.metadata().map_err(read_err)?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            path: path.to_owned(),
        });
    }
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::Decode {
            path: path.to_owned(),
            source: DecodeError::TooLarge { size },
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // Read one byte past the limit so a file that grows meanwhile is caught.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    let stamp = Stamp::of_read(&meta, &bytes);
    Ok((bytes, stamp))
}

/// The step of a save that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    /// Following links to the file, or reading what is there.
    Locate,
    /// The path is a folder, device or pipe.
    NotAFile,
    /// The file has other names that a save would leave behind.
    HardLinked,
    /// Another Flowcase kept saving in the same folder.
    Busy,
    Encode,
    Verify,
    /// The folder takes no new files (read-only), so nothing was changed.
    ReadOnlyFolder,
    /// The file is read-only and nobody asked to replace it anyway.
    ReadOnlyFile,
    /// Another program changed or replaced the file since it was read.
    ChangedOnDisk,
    WriteTemporary,
    KeepBackup,
    Replace,
    SyncFolder,
}

/// Why a save failed. Unless the step is `SyncFolder`, the file on disk is
/// exactly as it was before the save.
#[derive(Debug)]
pub struct SaveError {
    pub step: SaveStep,
    pub detail: String,
    pub path: PathBuf,
}

/// Saves a process atomically to `path`.
pub fn save(process: &Process, path: &Path) -> Result<(), SaveError> {
    save_with(process, path, &mut OsFs)
}

/// Saves through the given file system: encode to memory; read it back and
/// compare (on a second thread) while a temporary file in the same folder is
/// written and flushed; keep the old file as `.bak`, rename the temporary
/// over the target, flush the folder. Any failure before the rename leaves
/// the target untouched.
pub fn save_with(process: &Process, path: &Path, fs: &mut dyn SaveFs) -> Result<(), SaveError> {
    save_checked(process, path, &Replacing::SAVE, fs).map(|_| ())
}

/// Saves over the file `path` was read from as `read`, refusing (with
/// `SaveStep::ChangedOnDisk`) when another program has changed it since;
/// the stamp of what was written, for the next save.
pub fn save_over(process: &Process, path: &Path, read: &Stamp) -> Result<Stamp, SaveError> {
    let how = Replacing {
        unchanged_since: Some(read),
        ..Replacing::SAVE
    };
    save_checked(process, path, &how, &mut OsFs)
}

/// `save_with`, replacing the file as `how` says.
pub fn save_checked(
    process: &Process,
    path: &Path,
    how: &Replacing,
    fs: &mut dyn SaveFs,
) -> Result<Stamp, SaveError> {
    let fail = |step, detail: String| SaveError {
        step,
        detail,
        path: path.to_owned(),
    };
    let file = encode_file(process).map_err(|e| fail(SaveStep::Encode, e.to_string()))?;
    let checks: Vec<_> = (0..file.check_parts())
        .map(|part| {
            let file = &file;
            move || {
                file.check_part(part, process)
                    .map_err(|detail| fail(SaveStep::Verify, detail))
            }
        })
        .collect();
    let checks: Vec<Check<'_>> = checks.iter().map(|c| c as Check<'_>).collect();
    replace_file_checked(path, file.text.as_bytes(), how, fs, &checks)
}

/// Replaces `path` with `bytes` so that at every moment the path holds
/// either the old bytes or the new ones, keeping the old file as `.bak`.
pub fn write_atomically(path: &Path, bytes: &[u8], fs: &mut dyn SaveFs) -> Result<(), SaveError> {
    replace_file(path, bytes, true, fs)
}

/// Like `write_atomically`, with the `.bak` copy optional (exports do not
/// keep one).
pub fn replace_file(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    fs: &mut dyn SaveFs,
) -> Result<(), SaveError> {
    let how = Replacing {
        keep_backup,
        ..Replacing::EXPORT
    };
    replace_file_checked(path, bytes, &how, fs, &[]).map(|_| ())
}

/// `replace_file`, as `how` says; the stamp of what was written.
pub fn replace_file_as(
    path: &Path,
    bytes: &[u8],
    how: &Replacing,
    fs: &mut dyn SaveFs,
) -> Result<Stamp, SaveError> {
    replace_file_checked(path, bytes, how, fs, &[])
}
