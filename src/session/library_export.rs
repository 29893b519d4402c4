//! Exporting the open library in the background: the deck or the duties
//! are written on a thread of their own while editing goes on, and the
//! window shows how far the deck has got.

use super::Shell;
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

/// A library export under way.
pub struct LibraryExport {
    pub path: PathBuf,
    pub done: usize,
    pub total: usize,
    events: Receiver<ExportEvent>,
}

impl Shell {
    /// Starts exporting the open library to `path` (.pdf: the deck, .xlsx:
    /// the duties) on a thread of its own.
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
                    .map_err(|e| e.to_string())
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
