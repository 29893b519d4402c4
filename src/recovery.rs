//! Recovery copies of unsaved documents, so a crash loses at most a few
//! seconds of work: written about 2 s after the last edit (and at least
//! every 60 s while editing), each into the older of two slots so an
//! interrupted write never destroys the previous copy; found again at the
//! next start. Also the emergency save a panic hook makes.

use crate::format::{DecodeError, OsFs, SaveError, SaveFs, decode, encode, replace_file};
use crate::model::Process;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds after the last edit before a recovery copy is written.
pub const QUIET_SECONDS: f64 = 2.0;
/// Longest time unsaved work goes without a recovery copy while editing.
pub const MAX_SECONDS: f64 = 60.0;

/// A folder of recovery copies.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
}

/// What one recovery file holds.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecoveryFile {
    /// Where the document was opened from, if anywhere.
    original: Option<PathBuf>,
    /// When the copy was written (seconds since 1970).
    written: u64,
    /// Increases with every copy of the document; the newest slot wins.
    sequence: u64,
    /// The document as a `.ron` process file.
    document: String,
}

/// A document found in the recovery folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub key: String,
    pub original: Option<PathBuf>,
    /// Seconds since 1970.
    pub written: u64,
    pub sequence: u64,
    pub process: Process,
}

/// Why a recovery file could not be read.
#[derive(Debug)]
pub enum RecoveryError {
    Read(std::io::Error),
    Damaged(String),
    Document(DecodeError),
}

fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl RecoveryStore {
    pub fn new(dir: impl Into<PathBuf>) -> RecoveryStore {
        RecoveryStore { dir: dir.into() }
    }

    /// The user's data folder: `$XDG_DATA_HOME/flowcase/recovery`, or
    /// `~/.local/share/flowcase/recovery`.
    pub fn default_dir() -> Option<PathBuf> {
        let base = std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
        Some(base.join("flowcase").join("recovery"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn slot_path(&self, key: &str, slot: u64) -> PathBuf {
        self.dir.join(format!("{key}.slot{slot}.ron"))
    }

    /// Writes copy number `sequence` of a document into slot
    /// `sequence % 2`, atomically. Returns the file written.
    pub fn write(
        &self,
        key: &str,
        original: Option<&Path>,
        process: &Process,
        sequence: u64,
    ) -> Result<PathBuf, SaveError> {
        self.write_with(key, original, process, sequence, &mut OsFs)
    }

    /// `write` through a given file system (tests make it fail).
    pub fn write_with(
        &self,
        key: &str,
        original: Option<&Path>,
        process: &Process,
        sequence: u64,
        fs: &mut dyn SaveFs,
    ) -> Result<PathBuf, SaveError> {
        let path = self.slot_path(key, sequence % 2);
        let fail = |detail: String| SaveError {
            step: crate::format::SaveStep::Encode,
            detail,
            path: path.clone(),
        };
        std::fs::create_dir_all(&self.dir).map_err(|e| SaveError {
            step: crate::format::SaveStep::WriteTemporary,
            detail: e.to_string(),
            path: self.dir.clone(),
        })?;
        let document = encode(process).map_err(|e| fail(e.to_string()))?;
        let file = RecoveryFile {
            original: original.map(Path::to_owned),
            written: now_seconds(),
            sequence,
            document,
        };
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new())
            .map_err(|e| fail(e.to_string()))?;
        replace_file(&path, text.as_bytes(), false, fs)?;
        Ok(path)
    }

    /// Removes both slots of a document (after a save, or "don't save").
    pub fn remove(&self, key: &str) {
        for slot in 0..2 {
            let _ = std::fs::remove_file(self.slot_path(key, slot));
        }
    }

    /// Reads one recovery file.
    pub fn read(path: &Path) -> Result<Recovered, RecoveryError> {
        let text = std::fs::read_to_string(path)?;
        let file: RecoveryFile =
            ron::from_str(&text).map_err(|e| RecoveryError::Damaged(e.to_string()))?;
        let process = decode(file.document.as_bytes())?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let key = name.split(".slot").next().unwrap_or(&name).to_owned();
        Ok(Recovered {
            key,
            original: file.original,
            written: file.written,
            sequence: file.sequence,
            process,
        })
    }

    /// Every document with a readable copy, the newest copy of each, in
    /// key order. Damaged copies are passed over.
    pub fn scan(&self) -> Vec<Recovered> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut best: std::collections::BTreeMap<String, Recovered> =
            std::collections::BTreeMap::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let is_slot = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains(".slot") && n.ends_with(".ron"));
            if !is_slot {
                continue;
            }
            if let Ok(found) = RecoveryStore::read(&path) {
                match best.get(&found.key) {
                    Some(b) if b.sequence >= found.sequence => {}
                    _ => {
                        best.insert(found.key.clone(), found);
                    }
                }
            }
        }
        best.into_values().collect()
    }
}

/// When a document's next recovery copy is due. Times are seconds on any
/// clock that only goes forward (egui's input time in the app).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AutosaveClock {
    last_edit: Option<f64>,
    /// When unsaved work began, or the last copy was written.
    since: Option<f64>,
}

impl AutosaveClock {
    /// Notes an edit at `now`.
    pub fn edited(&mut self, now: f64) {
        self.last_edit = Some(now);
        self.since.get_or_insert(now);
    }

    /// Whether a copy should be written now.
    pub fn due(&self, now: f64) -> bool {
        match (self.last_edit, self.since) {
            (Some(edit), Some(since)) => now - edit >= QUIET_SECONDS || now - since >= MAX_SECONDS,
            _ => false,
        }
    }

    /// Notes that a copy was written at `now` (and no edit came since).
    pub fn written(&mut self, now: f64) {
        self.last_edit = None;
        self.since = None;
        let _ = now;
    }

    /// Forgets pending work (after a save).
    pub fn reset(&mut self) {
        *self = AutosaveClock::default();
    }
}

/// The documents an emergency save would write, kept up to date by the app.
struct Emergency {
    store: RecoveryStore,
    documents: std::collections::BTreeMap<String, (Option<PathBuf>, Arc<Process>)>,
}

static EMERGENCY: Mutex<Option<Emergency>> = Mutex::new(None);
static HOOK_RAN: AtomicBool = AtomicBool::new(false);

/// Registers (or updates) an unsaved document for the emergency save.
pub fn emergency_update(
    store: &RecoveryStore,
    key: &str,
    original: Option<&Path>,
    process: Arc<Process>,
) {
    let mut guard = EMERGENCY.lock().unwrap_or_else(|p| p.into_inner());
    let state = guard.get_or_insert_with(|| Emergency {
        store: store.clone(),
        documents: Default::default(),
    });
    state
        .documents
        .insert(key.to_owned(), (original.map(Path::to_owned), process));
}

/// Forgets a document (saved, or closed without saving).
pub fn emergency_forget(key: &str) {
    let mut guard = EMERGENCY.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(state) = guard.as_mut() {
        state.documents.remove(key);
    }
}

/// Writes every registered document to the recovery folder. Returns the
/// files written. Used by the panic hook; safe to call from any thread.
pub fn emergency_save() -> Vec<PathBuf> {
    let guard = match EMERGENCY.try_lock() {
        Ok(g) => g,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return Vec::new(),
    };
    let Some(state) = guard.as_ref() else {
        return Vec::new();
    };
    state
        .documents
        .iter()
        .filter_map(|(key, (original, process))| {
            // A sequence far above the autosaves' so this copy wins.
            state
                .store
                .write(key, original.as_deref(), process, u64::MAX / 2)
                .ok()
        })
        .collect()
}

/// Installs a panic hook that, once, writes every unsaved document to the
/// recovery folder and says where, then runs the previous hook.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !HOOK_RAN.swap(true, Ordering::SeqCst) {
            let written = emergency_save();
            for path in &written {
                eprintln!(
                    "Flowcase stopped unexpectedly; your unsaved work is in {} / Flowcase 意外停止,未保存的内容已写入 {}",
                    path.display(),
                    path.display()
                );
            }
        }
        previous(info);
    }));
}
