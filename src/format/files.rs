//! Loading a process file from disk and saving it atomically, keeping the
//! previous file as `NAME.ron.bak`.

use super::document::{DecodeError, MAX_FILE_BYTES, decode, encode_file};
use crate::model::Process;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Why a file could not be opened. Names what failed, then the path.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read the process file: {source}: {}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot open the process file: {source}: {}", path.display())]
    Decode { path: PathBuf, source: DecodeError },
}

impl LoadError {
    /// What went wrong, without the path.
    pub fn decode_error(&self) -> Option<&DecodeError> {
        match self {
            LoadError::Decode { source, .. } => Some(source),
            LoadError::Read { .. } => None,
        }
    }
}

/// Reads and decodes a process file. Files over 64 MiB are refused before
/// they are read.
pub fn load(path: &Path) -> Result<Process, LoadError> {
    let read_err = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(read_err)?;
    let size = file.metadata().map_err(read_err)?.len();
    let decode_err = |source| LoadError::Decode {
        path: path.to_owned(),
        source,
    };
    if size > MAX_FILE_BYTES {
        return Err(decode_err(DecodeError::TooLarge { size }));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // Read one byte past the limit so a file that grows meanwhile is caught.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    decode(&bytes).map_err(decode_err)
}

/// The step of a save that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    Encode,
    Verify,
    WriteTemporary,
    KeepBackup,
    Replace,
    SyncFolder,
}

impl SaveStep {
    fn describe(self) -> &'static str {
        match self {
            SaveStep::Encode => "cannot turn the process into text",
            SaveStep::Verify => "the saved text does not read back as the same process",
            SaveStep::WriteTemporary => "cannot write the temporary file",
            SaveStep::KeepBackup => "cannot keep the previous file as .bak",
            SaveStep::Replace => "cannot put the new file in place",
            SaveStep::SyncFolder => "saved, but cannot flush the folder to disk",
        }
    }
}

/// Why a save failed. Unless the step is `SyncFolder`, the file on disk is
/// exactly as it was before the save.
#[derive(Debug, thiserror::Error)]
#[error("{}: {detail}: {}", step.describe(), path.display())]
pub struct SaveError {
    pub step: SaveStep,
    pub detail: String,
    pub path: PathBuf,
}

/// The file-system operations a save needs, so tests can make any of them
/// fail.
pub trait SaveFs {
    /// Creates or truncates `path`, writes all of `bytes` and flushes them
    /// to disk.
    fn write_synced(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Makes `bak` a copy of `target` without ever leaving `bak` half-made.
    fn keep_backup(&mut self, target: &Path, bak: &Path) -> io::Result<()>;
    /// Atomically replaces `to` with `from`.
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()>;
    /// Flushes a folder's entries to disk.
    fn sync_folder(&mut self, folder: &Path) -> io::Result<()>;
    /// Removes a file (cleanup after a failure).
    fn remove(&mut self, path: &Path) -> io::Result<()>;
}

/// The real file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct OsFs;

impl SaveFs for OsFs {
    fn write_synced(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    }

    fn keep_backup(&mut self, target: &Path, bak: &Path) -> io::Result<()> {
        let staging = with_suffix(bak, ".tmp");
        let _ = fs::remove_file(&staging);
        // A hard link shares the old file's bytes; where links are not
        // supported, copy them.
        if fs::hard_link(target, &staging).is_err() {
            fs::copy(target, &staging)?;
            File::open(&staging)?.sync_all()?;
        }
        fs::rename(&staging, bak)
    }

    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn sync_folder(&mut self, folder: &Path) -> io::Result<()> {
        File::open(folder)?.sync_all()
    }

    fn remove(&mut self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }
}

/// The backup kept beside a saved file: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
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
    replace_file_checked(path, file.text.as_bytes(), true, fs, &checks)
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
    replace_file_checked(path, bytes, keep_backup, fs, &[])
}

/// A check that must pass before a file is replaced.
type Check<'a> = &'a (dyn Fn() -> Result<(), SaveError> + Sync);

/// `replace_file`, running each check on a thread of its own while the
/// temporary file is written; the target is replaced only when all succeed.
fn replace_file_checked(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    fs: &mut dyn SaveFs,
    checks: &[Check<'_>],
) -> Result<(), SaveError> {
    let fail = |step, err: io::Error| SaveError {
        step,
        detail: err.to_string(),
        path: path.to_owned(),
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "process.ron".to_owned());
    let temp = folder.join(format!(".{name}.saving-{}", std::process::id()));

    let (written, checked) = std::thread::scope(|scope| {
        let checking: Vec<_> = checks.iter().map(|check| scope.spawn(check)).collect();
        let written = fs.write_synced(&temp, bytes);
        // Join every checker (one that panicked and was left unjoined would
        // make the scope panic), then keep the first failure.
        let results: Vec<_> = checking.into_iter().map(|check| check.join()).collect();
        let checked = results.into_iter().try_for_each(|result| {
            result.unwrap_or_else(|_| {
                Err(SaveError {
                    step: SaveStep::Verify,
                    detail: "reading the text back failed unexpectedly".to_owned(),
                    path: path.to_owned(),
                })
            })
        });
        (written, checked)
    });
    if let Err(err) = checked {
        let _ = fs.remove(&temp);
        return Err(err);
    }
    if let Err(err) = written {
        let _ = fs.remove(&temp);
        return Err(fail(SaveStep::WriteTemporary, err));
    }
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&temp, meta.permissions());
        if keep_backup && let Err(err) = fs.keep_backup(path, &backup_path(path)) {
            let _ = fs.remove(&temp);
            return Err(fail(SaveStep::KeepBackup, err));
        }
    }
    if let Err(err) = fs.rename(&temp, path) {
        let _ = fs.remove(&temp);
        return Err(fail(SaveStep::Replace, err));
    }
    fs.sync_folder(&folder)
        .map_err(|err| fail(SaveStep::SyncFolder, err))
}
