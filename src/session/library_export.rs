//! Exporting the open library in the background: the deck or the duties
//! are written on a thread of their own while editing goes on, and the
//! window shows how far the deck has got.

use super::{DocView, Shell};
use crate::export::{LibraryDeck, PageSize, export_library_with, today};
use crate::library::Library;
use crate::text::{S, fill, tr};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

/// What the export's thread reports.
enum ExportEvent {
    /// Processes laid out, of how many.
    Progress(usize, usize),
    /// Written, or why not (worded).
    Finished(Result<(), String>),
}

/// A library export asked for while documents of the library have unsaved
/// changes: where it goes, and those documents (by key).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportUnsaved {
    pub path: PathBuf,
    pub keys: Vec<String>,
}

/// What to do about unsaved library documents before an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportUnsavedAnswer {
    /// Save them, then export what was saved.
    SaveAndExport,
    /// Export the files as they are on disk.
    ExportSaved,
    Cancel,
}

/// A library export under way.
pub struct LibraryExport {
    pub path: PathBuf,
    pub done: usize,
    pub total: usize,
    events: Receiver<ExportEvent>,
}

impl<V: DocView> Shell<V> {
    /// Exports the open library to `path`, first asking what to do when
    /// open documents of the library have unsaved changes (the export reads
    /// the files, not the tabs).
    pub fn export_library_to(&mut self, path: PathBuf) {
        let keys = self.unsaved_library_docs();
        if keys.is_empty() {
            self.start_library_export(path);
        } else {
            self.ask(super::Modal::ExportUnsaved(ExportUnsaved { path, keys }));
        }
    }

    /// The open documents inside the library's folder with unsaved changes
    /// (by key).
    pub fn unsaved_library_docs(&self) -> Vec<String> {
        let Some(open) = &self.library else {
            return Vec::new();
        };
        let root = std::fs::canonicalize(&open.library.root).unwrap_or_default();
        self.docs
            .iter()
            .filter(|d| d.editor.doc().is_modified())
            .filter(|d| {
                let path = d.editor.doc().path.as_ref();
                path.and_then(|p| std::fs::canonicalize(p).ok())
                    .is_some_and(|p| p.starts_with(&root))
            })
            .map(|d| d.key.clone())
            .collect()
    }

    /// Saves the library's documents with unsaved changes; false when one
    /// could not be saved (its save said why).
    pub fn save_library_docs(&mut self) -> bool {
        for key in self.unsaved_library_docs() {
            if !self.doc_index(&key).is_some_and(|i| self.save_doc(i)) {
                return false;
            }
        }
        true
    }

    /// Carries out the answer about unsaved documents before an export.
    pub fn answer_export_unsaved(&mut self, answer: ExportUnsavedAnswer) {
        let Some(asked) = self.take_export_unsaved() else {
            return;
        };
        match answer {
            ExportUnsavedAnswer::SaveAndExport => {
                // A save that fails says why; nothing is exported then.
                if self.save_library_docs() {
                    self.start_library_export(asked.path);
                }
            }
            ExportUnsavedAnswer::ExportSaved => self.start_library_export(asked.path),
            ExportUnsavedAnswer::Cancel => {}
        }
    }

    /// Starts exporting the open library to `path` (.pdf or .pptx: the
    /// deck, .xlsx: the duties) on a thread of its own.
    pub fn start_library_export(&mut self, path: PathBuf) {
        let Some(open) = &self.library else {
            return;
        };
        // One at a time: a second would race the first for the window.
        if self.library_export.is_some() {
            return;
        }
        let root = open.library.root.clone();
        let lang = self.lang;
        let (tx, rx) = channel();
        let target = path.clone();
        std::thread::spawn(move || {
            let result = Library::open(&root)
                .map_err(|e| e.message(lang))
                .and_then(|library| {
                    let mut progress = |done, total| {
                        let _ = tx.send(ExportEvent::Progress(done, total));
                    };
                    export_library_with(
                        &library,
                        &target,
                        &LibraryDeck {
                            size: PageSize::Wide,
                            date: today(),
                            lang,
                            duties: true,
                        },
                        &mut progress,
                    )
                    .map(|_| ())
                    .map_err(|e| e.message(lang))
                });
            let _ = tx.send(ExportEvent::Finished(result));
        });
        self.library_export = Some(LibraryExport {
            path,
            done: 0,
            total: 0,
            events: rx,
        });
    }

    /// Takes the export's news; when it is done, the list says so.
    pub fn poll_library_export(&mut self) {
        let Some(job) = &mut self.library_export else {
            return;
        };
        let mut finished = None;
        loop {
            match job.events.try_recv() {
                Ok(ExportEvent::Progress(done, total)) => (job.done, job.total) = (done, total),
                Ok(ExportEvent::Finished(result)) => finished = Some(result),
                Err(std::sync::mpsc::TryRecvError::Empty) => break,
                // The thread is gone without a word: it failed.
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    finished
                        .get_or_insert_with(|| Err(tr(self.lang, S::LibExportStopped).to_owned()));
                    break;
                }
            }
        }
        let Some(result) = finished else {
            return;
        };
        let lang = self.lang;
        let message = match result {
            Ok(()) => format!("{} {}", tr(lang, S::Exported), job.path.display()),
            Err(e) => fill(lang, S::LibExportFailed, &[("error", &e)]),
        };
        self.library_export = None;
        if let Some(open) = &mut self.library {
            open.message = Some(message);
        }
    }
}
