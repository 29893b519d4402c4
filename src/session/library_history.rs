//! Undo and redo in the library tab: each edit of the library is kept as
//! the bytes of every file it wrote, before and after, and written back
//! all-or-nothing — never over a file another program changed since.

use super::{DocView, Shell};
use crate::library::{FileChange, apply_changes};
use crate::text::{S, fill, tr};
use std::path::PathBuf;

/// How many edits the library tab can undo.
const KEPT: usize = 100;

/// A process file an edit made or deleted, with its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileLife {
    Created(PathBuf, Vec<u8>),
    Deleted(PathBuf, Vec<u8>),
}

/// One edit of the library: what it was, and what it wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryEdit {
    /// Its name in 撤销 … / 重做 ….
    pub name: S,
    pub changes: Vec<FileChange>,
    pub file: Option<FileLife>,
}

impl LibraryEdit {
    /// The edit undone: every file back to its old bytes, newest first; a
    /// made file deleted, a deleted one made again.
    fn reversed(&self) -> LibraryEdit {
        let changes = self.changes.iter().rev().map(|c| FileChange {
            path: c.path.clone(),
            old: c.new.clone(),
            new: c.old.clone(),
        });
        let file = self.file.clone().map(|f| match f {
            FileLife::Created(p, b) => FileLife::Deleted(p, b),
            FileLife::Deleted(p, b) => FileLife::Created(p, b),
        });
        LibraryEdit {
            name: self.name,
            changes: changes.collect(),
            file,
        }
    }
}

/// The library tab's undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct LibraryHistory {
    undo: Vec<LibraryEdit>,
    redo: Vec<LibraryEdit>,
}

impl LibraryHistory {
    /// Keeps `edit`, just made, as the one to undo next.
    pub fn record(&mut self, edit: LibraryEdit) {
        self.undo.push(edit);
        if self.undo.len() > KEPT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Adds the file the last edit deleted or made to it.
    pub fn attach(&mut self, file: FileLife) {
        if let Some(last) = self.undo.last_mut() {
            last.file = Some(file);
        }
    }

    pub fn undo_name(&self) -> Option<S> {
        self.undo.last().map(|e| e.name)
    }

    pub fn redo_name(&self) -> Option<S> {
        self.redo.last().map(|e| e.name)
    }
}

impl<V: DocView> Shell<V> {
    /// Undoes the library's last edit.
    pub fn undo_library(&mut self) {
        self.step_library(true);
    }

    /// Redoes the library's last undone edit.
    pub fn redo_library(&mut self) {
        self.step_library(false);
    }

    fn step_library(&mut self, back: bool) {
        let lang = self.lang;
        let Some(open) = &mut self.library else {
            return;
        };
        let history = &mut open.history;
        let Some(edit) = (if back {
            history.undo.pop()
        } else {
            history.redo.pop()
        }) else {
            return;
        };
        let writing = if back { edit.reversed() } else { edit.clone() };
        let result = match self.busy_with(&writing) {
            Some(name) => Err(fill(lang, S::LibRenameUnsaved, &[("name", &name)])),
            None => write_edit(&writing).map_err(|e| e.message(lang)),
        };
        let done = result.is_ok();
        let message = match result {
            Ok(()) => {
                let key = if back { S::LibUndone } else { S::LibRedone };
                fill(lang, key, &[("what", &tr(lang, edit.name))])
            }
            Err(e) => e,
        };
        let reloaded = self.reload_library();
        self.reload_docs(&writing.changes);
        let Some(open) = &mut self.library else {
            return;
        };
        let history = &mut open.history;
        match (done, back) {
            (true, true) | (false, false) => history.redo.push(edit),
            (true, false) | (false, true) => history.undo.push(edit),
        }
        open.message = Some(match reloaded {
            Ok(()) => message,
            Err(e) => format!("{message}; {e}"),
        });
    }

    /// A document in a tab that stops `edit`: one with unsaved changes in
    /// a file it rewrites, or open on the file it deletes.
    fn busy_with(&self, edit: &LibraryEdit) -> Option<String> {
        let deleted = match &edit.file {
            Some(FileLife::Deleted(path, _)) => Some(path),
            _ => None,
        };
        self.docs.iter().find_map(|d| {
            let path = d.editor.doc().path.as_ref()?;
            let same = |p: &PathBuf| crate::format::same_file(p, path);
            let rewritten = edit.changes.iter().any(|c| same(&c.path));
            let gone = deleted.is_some_and(same);
            ((rewritten && d.editor.doc().is_modified()) || gone).then(|| d.name(self.lang))
        })
    }
}

/// Why an edit could not be written back.
#[derive(Debug)]
pub enum StepError {
    Rewrite(crate::library::RewriteError),
    /// The file to make again is there already, or the one to delete was
    /// changed since.
    FileChanged(PathBuf),
    Save(crate::format::SaveError),
}

impl StepError {
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match self {
            StepError::Rewrite(e) => e.message(lang),
            StepError::FileChanged(path) => {
                fill(lang, S::LibStepFileChanged, &[("path", &path.display())])
            }
            StepError::Save(e) => e.message(lang),
        }
    }
}

/// Writes an edit: a file to make first (the catalogue then lists it), a
/// file to delete last (once nothing lists it); when the catalogue and
/// the processes cannot all be written, the file made is deleted again.
fn write_edit(edit: &LibraryEdit) -> Result<(), StepError> {
    let mut fs = crate::format::OsFs;
    match &edit.file {
        Some(FileLife::Created(path, bytes)) => {
            if path.exists() {
                return Err(StepError::FileChanged(path.clone()));
            }
            crate::format::write_atomically(path, bytes, &mut fs).map_err(StepError::Save)?;
            if let Err(e) = apply_changes(&edit.changes, &mut fs) {
                let _ = std::fs::remove_file(path);
                return Err(StepError::Rewrite(e));
            }
            Ok(())
        }
        Some(FileLife::Deleted(path, bytes)) => {
            if std::fs::read(path).ok().as_ref() != Some(bytes) {
                return Err(StepError::FileChanged(path.clone()));
            }
            apply_changes(&edit.changes, &mut fs).map_err(StepError::Rewrite)?;
            std::fs::remove_file(path).map_err(|_| StepError::FileChanged(path.clone()))
        }
        None => apply_changes(&edit.changes, &mut fs).map_err(StepError::Rewrite),
    }
}
