//! Exporting or publishing the open library in the background: the deck,
//! the duties or the website are written on a thread of their own while
//! editing goes on, and the window shows how far they have got.

use super::{DocView, Shell};
use crate::export::{LibraryDeck, PageSize, export_library_with, today};
use crate::lang::Lang;
use crate::library::Library;
use crate::publish::{PublishOptions, publish_library};
use crate::text::{S, fill, tr};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

/// What the export's thread reports.
enum ExportEvent {
    /// Processes laid out, of how many.
    Progress(usize, usize),
    /// Written (what to say), or why not (worded).
    Finished(Result<String, String>),
}

/// What a library is written as in the background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibraryJob {
    /// The deck (.pdf, .pptx) or the duties (.xlsx).
    Export,
    /// The website, into a folder.
    Publish,
}

/// A library export asked for while documents of the library have unsaved
/// changes: where it goes, and those documents (by key).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportUnsaved {
    pub job: LibraryJob,
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

/// A library export or publish under way.
pub struct LibraryExport {
    pub job: LibraryJob,
    pub path: PathBuf,
    pub done: usize,
    pub total: usize,
    events: Receiver<ExportEvent>,
}

impl<V: DocView> Shell<V> {
    /// Exports the open library to `path`, first asking what to do when
    /// open documents of the library have unsaved changes (the export reads
    /// the files, not the tabs).
    pub fn export_library_to(&mut self, job: LibraryJob, path: PathBuf) {
        let keys = self.unsaved_library_docs();
        if keys.is_empty() {
            self.start_library_job(job, path);
        } else {
            self.ask(super::Modal::ExportUnsaved(ExportUnsaved {
                job,
                path,
                keys,
            }));
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
                    self.start_library_job(asked.job, asked.path);
                }
            }
            ExportUnsavedAnswer::ExportSaved => self.start_library_job(asked.job, asked.path),
            ExportUnsavedAnswer::Cancel => {}
        }
    }

    /// Starts writing the open library to `path` on a thread of its own:
    /// exported (.pdf or .pptx: the deck, .xlsx: the duties) or published
    /// (a website in the folder `path`).
    pub fn start_library_job(&mut self, job: LibraryJob, path: PathBuf) {
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
            let progress = |done, total| {
                let _ = tx.send(ExportEvent::Progress(done, total));
            };
            let result = Library::open(&root)
                .map_err(|e| e.message(lang))
                .and_then(|library| match job {
                    LibraryJob::Export => export(&library, &target, lang, progress),
                    LibraryJob::Publish => publish(&library, &target, lang, &progress),
                });
            let _ = tx.send(ExportEvent::Finished(result));
        });
        self.library_export = Some(LibraryExport {
            job,
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
        let failed = match job.job {
            LibraryJob::Export => S::LibExportFailed,
            LibraryJob::Publish => S::PublishFailed,
        };
        let message = match result {
            Ok(done) => done,
            Err(e) => fill(lang, failed, &[("error", &e)]),
        };
        self.library_export = None;
        if let Some(open) = &mut self.library {
            open.message = Some(message);
        }
    }
}

/// The deck or duties of `library` written to `path`; what to say.
fn export(
    library: &Library,
    path: &std::path::Path,
    lang: Lang,
    mut progress: impl FnMut(usize, usize),
) -> Result<String, String> {
    let deck = LibraryDeck {
        size: PageSize::Wide,
        date: today(),
        lang,
        duties: true,
    };
    export_library_with(library, path, &deck, &mut progress)
        .map(|_| format!("{} {}", tr(lang, S::Exported), path.display()))
        .map_err(|e| e.message(lang))
}

/// `library` published as a website in the folder `site`; what to say.
fn publish(
    library: &Library,
    site: &std::path::Path,
    lang: Lang,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<String, String> {
    let options = PublishOptions { lang, force: false };
    publish_library(library, site, options, progress)
        .map(|p| {
            fill(
                lang,
                S::Published,
                &[("pages", &p.pages), ("path", &site.display())],
            )
        })
        .map_err(|e| e.message(lang))
}
