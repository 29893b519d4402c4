//! Replacing a file on disk so that it holds the old bytes or the new ones
//! at every moment: links followed to the real file, an exclusively created
//! temporary with the old file's owner and mode from its first byte, a
//! `.bak` copy, one rename, and no leftovers.

use super::files::{SaveError, SaveStep};
use super::stamp::Stamp;
use std::ffi::{OsStr, OsString};
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// The file-system operations a save performs after it has made its
/// temporary file, so tests can make any of them fail. Each has the real
/// operation as its default.
pub trait SaveFs {
    /// Writes all of `bytes` into the new, empty temporary file and
    /// flushes them to disk.
    fn write_synced(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)?;
        file.sync_all()
    }
    /// Makes `bak` a copy of `target` without ever leaving `bak` half-made.
    fn keep_backup(&mut self, target: &Path, bak: &Path) -> io::Result<()> {
        keep_backup(target, bak)
    }
    /// Atomically replaces `to` with `from`.
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }
    /// Flushes a folder's entries to disk.
    fn sync_folder(&mut self, folder: &Path) -> io::Result<()> {
        File::open(folder)?.sync_all()
    }
    /// Removes a file (cleanup after a failure).
    fn remove(&mut self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }
}

/// The real file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct OsFs;

impl SaveFs for OsFs {}

/// Symbolic links followed before giving up, as the kernel does.
const MAX_LINK_HOPS: usize = 40;
/// The longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;
/// How long a save waits for another Flowcase saving in the same folder.
const LOCK_WAIT: Duration = Duration::from_secs(10);
/// A temporary file of a save whose process is gone is removed once it is
/// this old (a younger one may belong to a save on another machine that
/// shares the folder).
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);
/// Every temporary file a save makes starts with this.
const TEMP_PREFIX: &str = ".flowcase-";
const TEMP_SUFFIX: &str = ".tmp";

/// The file a path names once symbolic links are followed: saving through
/// a link writes the file it points to and leaves the link a link. A path
/// that does not exist yet (or a link to one) names itself (or the link's
/// target).
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINK_HOPS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(folder) if target.is_relative() => folder.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(current),
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(err) => return Err(err),
        }
    }
    Err(io::Error::from_raw_os_error(libc::ELOOP))
}

/// Whether two paths name the same file (after links), by identity rather
/// than by name: hard links and `a/../b` spellings count as the same.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// The backup kept beside a saved file: `NAME.ron.bak` next to the file a
/// link points to. A name too long for `.bak` is shortened and given a
/// hash of the whole name, so it still fits and stays one file's own.
pub fn backup_path(path: &Path) -> PathBuf {
    let real = resolve_links(path).unwrap_or_else(|_| path.to_owned());
    let Some(name) = real.file_name() else {
        return with_suffix(&real, ".bak");
    };
    real.with_file_name(backup_name(name))
}

fn backup_name(name: &OsStr) -> OsString {
    let bytes = name.as_bytes();
    if bytes.len() + ".bak".len() <= NAME_MAX {
        let mut out = name.to_owned();
        out.push(".bak");
        return out;
    }
    let tail = format!("~{:08x}.bak", fnv1a(bytes));
    let mut keep = NAME_MAX - tail.len();
    // Cut between characters when the name is UTF-8.
    if let Ok(text) = std::str::from_utf8(bytes) {
        while !text.is_char_boundary(keep) {
            keep -= 1;
        }
    }
    let mut out = bytes[..keep].to_vec();
    out.extend_from_slice(tail.as_bytes());
    OsString::from_vec(out)
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, b| {
        (hash ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// An error whose save step says all there is to say (worded by
/// `crate::text`, which leaves out an empty detail).
fn no_detail() -> io::Error {
    io::Error::other("")
}

/// Where a save writes: the real file behind any links, its folder, and
/// what is there now.
struct Destination {
    path: PathBuf,
    folder: PathBuf,
    /// Where the `.bak` of `path` goes.
    bak: PathBuf,
    existing: Option<Metadata>,
}

impl Destination {
    fn find(path: &Path) -> Result<Destination, (SaveStep, io::Error)> {
        let real = resolve_links(path).map_err(|e| (SaveStep::Locate, e))?;
        let folder = match real.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let bak = match real.file_name() {
            Some(name) => real.with_file_name(backup_name(name)),
            None => with_suffix(&real, ".bak"),
        };
        Ok(Destination {
            path: real,
            folder,
            bak,
            existing: None,
        })
    }

    /// Reads what is at the destination now (under the folder lock) and
    /// refuses what a rename would damage, or a read-only file nobody
    /// asked to replace.
    fn inspect(&mut self, how: &Replacing) -> Result<(), (SaveStep, io::Error)> {
        let keep_backup = how.keep_backup;
        let meta = match fs::metadata(&self.path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(err) => return Err((SaveStep::Locate, err)),
        };
        if !meta.is_file() {
            return Err((SaveStep::NotAFile, no_detail()));
        }
        if meta.permissions().readonly() && !how.over_read_only {
            return Err((SaveStep::ReadOnlyFile, no_detail()));
        }
        let own_backup = keep_backup && same_file(&self.path, &self.bak);
        let other_names = meta.nlink().saturating_sub(1 + u64::from(own_backup));
        if other_names > 0 {
            return Err((SaveStep::HardLinked, no_detail()));
        }
        self.existing = Some(meta);
        Ok(())
    }
}

/// An advisory lock on a folder, so that two Flowcase saves in one folder
/// (two windows, two threads) take turns. Best effort: a folder that
/// cannot be opened or locked is saved into without it.
struct FolderLock(Option<File>);

impl FolderLock {
    fn take(folder: &Path) -> Result<FolderLock, io::Error> {
        let Ok(file) = File::open(folder) else {
            return Ok(FolderLock(None));
        };
        let started = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(FolderLock(Some(file))),
                Err(fs::TryLockError::Error(_)) => return Ok(FolderLock(None)),
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(no_detail());
                }
            }
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        if let Some(file) = &self.0 {
            let _ = file.unlock();
        }
    }
}

/// A fresh temporary name: short, so it fits wherever the target fits.
fn temp_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{TEMP_PREFIX}{}-{n}-{nanos:x}{TEMP_SUFFIX}",
        std::process::id()
    )
}

/// Creates a new temporary file in `folder` that did not exist before (a
/// file or link planted at the name is never written through). Given the
/// file it will replace, it has that file's owner, group and mode before
/// any byte is written; otherwise the usual mode for new files.
fn create_temp(folder: &Path, like: Option<&Metadata>) -> io::Result<(PathBuf, File)> {
    let mut last = None;
    for _ in 0..16 {
        let path = folder.join(temp_name());
        match open_new(&path, like) {
            Ok(file) => return Ok((path, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => last = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// Creates `path`, which must not exist (not even as a link), for writing;
/// with `like`'s owner and mode, or the usual mode for new files.
fn open_new(path: &Path, like: Option<&Metadata>) -> io::Result<File> {
    let mode = if like.is_some() { 0o600 } else { 0o666 };
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)?;
    if let Some(meta) = like {
        take_owner_and_mode(&file, meta);
    }
    Ok(file)
}

/// Gives a new file the owner, group and permission bits of `meta`, as far
/// as this user may: the owner only for root, the group when the user is
/// in it. The file stays private (0600) if its mode cannot be set.
fn take_owner_and_mode(file: &File, meta: &Metadata) {
    use std::os::unix::fs::fchown;
    if fchown(file, Some(meta.uid()), Some(meta.gid())).is_err() {
        let _ = fchown(file, None, Some(meta.gid()));
    }
    // After the owner: changing the owner may clear mode bits.
    let _ = file.set_permissions(fs::Permissions::from_mode(meta.mode() & 0o777));
}

/// The default `.bak` step: a hard link to the old file under a fresh
/// name (or, where links are not supported, a synced copy made with the
/// old file's owner and mode), renamed over `bak`.
pub fn keep_backup(target: &Path, bak: &Path) -> io::Result<()> {
    if same_file(target, bak) {
        return Ok(()); // the .bak is this very file already
    }
    let folder = bak.parent().unwrap_or(Path::new("."));
    let staged = stage_link(target, folder).or_else(|_| stage_copy(target, folder))?;
    let renamed = fs::rename(&staged, bak);
    // A rename between two names of one file does nothing and succeeds
    // (POSIX), which happens when another save made the same .bak
    // meanwhile: the staged name must still go.
    if renamed.is_err() || fs::symlink_metadata(&staged).is_ok() {
        let _ = fs::remove_file(&staged);
    }
    renamed
}

fn stage_link(target: &Path, folder: &Path) -> io::Result<PathBuf> {
    let mut last = None;
    for _ in 0..16 {
        let staged = folder.join(temp_name());
        match fs::hard_link(target, &staged) {
            Ok(()) => return Ok(staged),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => last = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

fn stage_copy(target: &Path, folder: &Path) -> io::Result<PathBuf> {
    let mut source = File::open(target)?;
    let meta = source.metadata()?;
    let (staged, mut file) = create_temp(folder, Some(&meta))?;
    let copied = io::copy(&mut source, &mut file).and_then(|_| file.sync_all());
    match copied {
        Ok(()) => Ok(staged),
        Err(err) => {
            let _ = fs::remove_file(&staged);
            Err(err)
        }
    }
}

/// Removes temporary files that killed saves left in `folder`: ours
/// (`.flowcase-PID-…tmp`) and the older `.NAME.saving-PID` of the file
/// `name` being saved, when their
/// process is gone and they are old enough not to belong to a save on
/// another machine.
fn remove_stale_temporaries(folder: &Path, name: &OsStr) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    if !Path::new("/proc/self").exists() {
        return; // cannot tell which processes live
    }
    let old_style = format!(".{}.saving-", name.to_string_lossy());
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(pid) = file.to_str().and_then(|n| temp_owner(n, &old_style)) else {
            continue;
        };
        if Path::new("/proc").join(pid.to_string()).exists() {
            continue;
        }
        let old_enough = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if old_enough {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file's name, if it is one of ours or
/// starts with `old_style` (`.NAME.saving-`).
fn temp_owner(name: &str, old_style: &str) -> Option<u32> {
    if let Some(rest) = name.strip_prefix(TEMP_PREFIX)
        && rest.ends_with(TEMP_SUFFIX)
    {
        return rest.split('-').next()?.parse().ok();
    }
    name.strip_prefix(old_style)?.parse().ok()
}

/// A check that must pass before a file is replaced.
pub(super) type Check<'a> = &'a (dyn Fn() -> Result<(), SaveError> + Sync);

/// How a file is replaced.
#[derive(Clone, Copy, Debug, Default)]
pub struct Replacing<'a> {
    /// Keep the old file as `.bak`.
    pub keep_backup: bool,
    /// The file as it was read: it is not replaced when another program
    /// has changed or replaced it since (a file deleted since is written).
    pub unchanged_since: Option<&'a Stamp>,
    /// Replace the file even when it is read-only (someone asked to).
    pub over_read_only: bool,
}

impl Replacing<'_> {
    /// A save that keeps a `.bak` and checks nothing else.
    pub const SAVE: Replacing<'static> = Replacing {
        keep_backup: true,
        unchanged_since: None,
        over_read_only: false,
    };
    /// An export: no `.bak`.
    pub const EXPORT: Replacing<'static> = Replacing {
        keep_backup: false,
        unchanged_since: None,
        over_read_only: false,
    };
}

/// Refuses to go on when the file at `path` is no longer the one read.
fn still_as_read(path: &Path, read: &Stamp) -> Result<(), (SaveStep, io::Error)> {
    match Stamp::of_file(path) {
        Ok(Some(now)) if !read.matches(&now) => Err((SaveStep::ChangedOnDisk, no_detail())),
        Ok(_) => Ok(()),
        Err(e) => Err((SaveStep::Locate, e)),
    }
}

/// Replaces `path` (the file behind it, when it is a link) with `bytes`,
/// running each check on a thread of its own while the temporary file is
/// written; the file is replaced only when every check passes. With
/// `keep_backup` the old file is kept as `.bak`. Any failure before the
/// rename leaves the file, and every other file, as it was.
pub(super) fn replace_file_checked(
    path: &Path,
    bytes: &[u8],
    how: &Replacing,
    fs: &mut dyn SaveFs,
    checks: &[Check<'_>],
) -> Result<Stamp, SaveError> {
    let keep_backup = how.keep_backup;
    let fail = |step, err: io::Error| SaveError {
        step,
        detail: err.to_string(),
        path: path.to_owned(),
    };
    let mut dest = Destination::find(path).map_err(|(step, e)| fail(step, e))?;
    let _lock = FolderLock::take(&dest.folder).map_err(|e| fail(SaveStep::Busy, e))?;
    dest.inspect(how).map_err(|(step, e)| fail(step, e))?;
    let name = dest.path.file_name().unwrap_or_default();
    remove_stale_temporaries(&dest.folder, name);
    let (temp, mut file) = create_temp(&dest.folder, dest.existing.as_ref()).map_err(|e| {
        let read_only = matches!(
            e.kind(),
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
        );
        let step = if read_only {
            SaveStep::ReadOnlyFolder
        } else {
            SaveStep::WriteTemporary
        };
        fail(step, e)
    })?;
    let (written, checked) = write_while_checking(&mut file, bytes, fs, checks, path);
    let written_meta = file.metadata();
    drop(file);
    let ready = checked.and(written.map_err(|e| fail(SaveStep::WriteTemporary, e)));
    // As late as can be: another program may have saved meanwhile.
    let ready = ready.and_then(|()| match how.unchanged_since {
        Some(read) => still_as_read(&dest.path, read).map_err(|(step, e)| fail(step, e)),
        None => Ok(()),
    });
    let ready = ready.and_then(|()| match (keep_backup, &dest.existing) {
        (true, Some(_)) => fs
            .keep_backup(&dest.path, &dest.bak)
            .map_err(|e| fail(SaveStep::KeepBackup, e)),
        _ => Ok(()),
    });
    let placed = ready.and_then(|()| {
        fs.rename(&temp, &dest.path)
            .map_err(|e| fail(SaveStep::Replace, e))
    });
    if let Err(err) = placed {
        let _ = fs.remove(&temp);
        return Err(err);
    }
    fs.sync_folder(&dest.folder)
        .map_err(|e| fail(SaveStep::SyncFolder, e))?;
    Ok(match written_meta {
        Ok(meta) => Stamp::of_read(&meta, bytes),
        Err(_) => Stamp::of_bytes(bytes),
    })
}

/// Writes the temporary file while every check runs on a thread of its
/// own; returns the write's result and the first failed check.
fn write_while_checking(
    file: &mut File,
    bytes: &[u8],
    fs: &mut dyn SaveFs,
    checks: &[Check<'_>],
    path: &Path,
) -> (io::Result<()>, Result<(), SaveError>) {
    std::thread::scope(|scope| {
        let checking: Vec<_> = checks.iter().map(|check| scope.spawn(check)).collect();
        let written = fs.write_synced(file, bytes);
        // Join every checker (one that panicked and was left unjoined would
        // make the scope panic), then keep the first failure.
        let results: Vec<_> = checking.into_iter().map(|check| check.join()).collect();
        let checked = results.into_iter().try_for_each(|result| {
            result.unwrap_or_else(|_| {
                Err(SaveError {
                    step: SaveStep::Verify,
                    detail: String::new(),
                    path: path.to_owned(),
                })
            })
        });
        (written, checked)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn a_long_name_gets_a_backup_name_that_fits_and_is_its_own() {
        let long = "关".repeat(84); // 252 bytes
        let bak = backup_name(OsStr::new(&long));
        assert!(bak.len() <= NAME_MAX, "{}", bak.len());
        assert!(bak.to_str().is_some(), "cut between characters");
        let other = backup_name(OsStr::new(&format!("{}键", "关".repeat(83))));
        assert_ne!(bak, other);
        assert_eq!(
            backup_name(OsStr::new("a.ron")),
            OsString::from("a.ron.bak")
        );
    }

    #[test]
    fn a_link_planted_at_a_temporary_name_is_refused_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "do not touch").unwrap();
        let planted = dir.path().join(temp_name());
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let like = fs::metadata(&victim).unwrap();
        let err = open_new(&planted, Some(&like)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&victim).unwrap(), "do not touch");
        // A fresh name is taken instead.
        let (path, _) = create_temp(dir.path(), Some(&like)).unwrap();
        assert_ne!(path, planted);
    }

    #[test]
    fn only_our_temporary_names_name_a_process() {
        let old = ".流程.ron.saving-";
        assert_eq!(temp_owner(&temp_name(), old), Some(std::process::id()));
        assert_eq!(temp_owner(".流程.ron.saving-4242", old), Some(4242));
        assert_eq!(temp_owner(".别的.ron.saving-4242", old), None);
        assert_eq!(temp_owner("流程.ron", old), None);
        assert_eq!(temp_owner(".flowcase-x-1.tmp", old), None);
        assert_eq!(temp_owner("notes.saving-12", old), None);
    }
}
