//! The application around the documents, without a window: one tab per
//! open document, file commands (new, open, save, save as, recent, export,
//! close, quit), the unsaved-work prompt, autosave to recovery copies and
//! their restoring, and the settings kept between runs. It knows the
//! window only through `DocView`; `ui::shell` draws it.

mod app;
mod autosave;
mod closing;
mod disk_watch;
mod file_dialog;
mod file_window;
mod importing;
mod library;
mod library_entries;
mod library_export;
mod library_history;
mod library_scheme;
mod modal;
mod settings;
mod view;

pub use app::{AppContext, AppRequest, LibraryRequest};
pub use closing::{PromptAnswer, UnsavedPrompt};
pub use disk_watch::{ConflictAnswer, DiskAnswer, DiskChange, SaveConflict, WATCH_EVERY};
pub use file_dialog::{NativeDialogs, portal_answers};
pub use file_window::{Choosing, FileWindow, FileWindowError, FolderEntry};
pub use library::{EntryStatus, LibraryPage, LibraryRename, OpenLibrary, RemovedFile};
pub use library_export::{ExportUnsaved, ExportUnsavedAnswer, LibraryExport, LibraryJob};
pub use library_history::{FileLife, LibraryEdit, LibraryHistory};
pub use modal::Modal;
pub use settings::{RECENT_LIMIT, Settings, ThemeChoice};
pub use view::DocView;

use crate::document::Document;
use crate::export::{Content, PageSize};
use crate::format::{SaveStep, backup_path, load, load_stamped, save_checked};
use crate::lang::Lang;
use crate::recovery::{AutosaveClock, Recovered, RecoveryStore, emergency_forget};
use crate::text::{S, tr};

use file_dialog::{DialogPurpose, PendingDialog};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// One open document with its autosave state.
pub struct OpenDoc<V> {
    pub editor: V,
    /// Names its recovery copies.
    pub key: String,
    clock: AutosaveClock,
    seen_revision: u64,
    sequence: u64,
    /// The last recovery copy could not be written (and the user was told).
    recovery_failed: bool,
    /// What its file looked like on disk when last looked at.
    watch: disk_watch::DiskWatch,
}

impl<V: DocView> OpenDoc<V> {
    pub fn new(editor: V) -> OpenDoc<V> {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let revision = editor.doc().revision();
        OpenDoc {
            editor,
            key: format!("doc-{}-{stamp}-{n}", std::process::id()),
            clock: AutosaveClock::default(),
            seen_revision: revision,
            sequence: 0,
            recovery_failed: false,
            watch: disk_watch::DiskWatch::default(),
        }
    }

    pub fn name(&self, lang: Lang) -> String {
        self.editor
            .doc()
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                let name = &self.editor.doc().process().overview.name;
                if name.is_empty() {
                    tr(lang, S::Untitled).to_owned()
                } else {
                    name.clone()
                }
            })
    }
}

/// A file that did not open, with its message and backup.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenFailure {
    pub path: PathBuf,
    pub message: String,
    pub backup: Option<PathBuf>,
}

/// A save that failed: its message, and the document it was for, which
/// the dialog offers to save elsewhere.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveFailure {
    pub key: String,
    pub message: String,
}

/// The export dialog's choices.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportChoice {
    pub key: String,
    pub content: Content,
    pub extension: &'static str,
    pub scale: f32,
    pub page: PageSize,
    pub transparent: bool,
}

/// What fills the window below the tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The document in front (`Shell::active`).
    #[default]
    Document,
    /// The open library's 流程清单 (only while a library is open).
    Library,
}

/// The whole application state, each open document shown by a `V`.
pub struct Shell<V> {
    pub docs: Vec<OpenDoc<V>>,
    pub active: usize,
    /// What every editor shares: settings, clipboard, requests.
    pub app: AppContext,
    pub lang: Lang,
    pub recovery: Option<RecoveryStore>,
    /// The questions and notices over the window, in the order asked.
    modals: Vec<Modal>,
    pub restore_offer: Vec<Recovered>,
    /// When the files on disk are looked at next (without a watcher).
    next_disk_look: f64,
    /// The thread that notices changed files, in the window.
    watcher: Option<disk_watch::Watcher>,
    /// The documents' files and the library's generation it watches for.
    watched: (Vec<PathBuf>, u64),
    /// Counts the libraries set, so the watcher learns of a new one.
    library_generation: u64,
    /// The open library's files as last read.
    library_marks: disk_watch::LibraryMarks,
    dialog: Option<PendingDialog>,
    /// Whether the system's file dialogs answer here.
    pub native_dialogs: NativeDialogs,
    /// The library open in the window, if any.
    pub library: Option<OpenLibrary>,
    /// What fills the window: the 流程清单 or the document in front.
    pub view: View,
    /// The library being exported in the background, if it is.
    pub library_export: Option<LibraryExport>,
    /// Flowcase's own file dialog, while open, and what it is for.
    file_window: Option<(FileWindow, DialogPurpose)>,
    /// Every check passed: the window may close now.
    pub close_approved: bool,
    pub message: Option<String>,
}

impl<V: DocView> Shell<V> {
    /// The application on the given files (a new document when none), with
    /// recovery copies offered for restoring.
    pub fn new(
        paths: Vec<PathBuf>,
        settings: Settings,
        recovery: Option<RecoveryStore>,
    ) -> Shell<V> {
        let lang = settings.lang();
        let mut shell = Shell {
            docs: Vec::new(),
            active: 0,
            app: AppContext::new(settings),
            lang,
            restore_offer: recovery
                .as_ref()
                .map(RecoveryStore::scan)
                .unwrap_or_default(),
            recovery,
            modals: Vec::new(),
            next_disk_look: 0.0,
            watcher: None,
            watched: (Vec::new(), 0),
            library_generation: 0,
            library_marks: disk_watch::LibraryMarks::default(),
            dialog: None,
            native_dialogs: NativeDialogs::from_env(),
            library: None,
            view: View::Document,
            library_export: None,
            file_window: None,
            close_approved: false,
            message: None,
        };
        for path in paths {
            shell.open_path(&path);
        }
        if shell.docs.is_empty() {
            // A blank process to start from, behind a library's list when
            // one was opened.
            let view = shell.view;
            shell.new_document();
            shell.view = view;
        }
        shell
    }

    /// Whether the 流程清单 fills the window.
    pub fn shows_library(&self) -> bool {
        self.view == View::Library && self.library.is_some()
    }

    /// Shows the 流程清单 (when a library is open) or the document in
    /// front.
    pub fn show(&mut self, view: View) {
        self.view = match view {
            View::Library if self.library.is_some() => View::Library,
            _ => View::Document,
        };
    }

    pub fn active_doc(&mut self) -> Option<&mut OpenDoc<V>> {
        self.docs.get_mut(self.active)
    }

    fn doc_index(&self, key: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.key == key)
    }

    pub fn new_document(&mut self) {
        let process = crate::document::new_process(self.lang);
        self.add_doc(V::open(Document::new(process, None), self.lang));
    }

    /// Compares a document with another version of it read from `path`
    /// (a process, a table or a chart); says why not in its status bar.
    pub fn compare_with_file(&mut self, key: &str, path: &Path) {
        let lang = self.lang;
        let Some(i) = self.doc_index(key) else {
            return;
        };
        let ed = &mut self.docs[i].editor;
        match crate::import::read_version(path, lang) {
            Ok((old, carried)) => {
                ed.compare_with(old, path.to_owned(), carried);
            }
            Err(e) => ed.say(format!("{}: {e}", tr(lang, S::CliCannotDiff))),
        }
    }

    /// Shows the tab `by` places after the one shown (before, when
    /// negative), round the ends; the 流程清单 is the first tab when a
    /// library is open.
    pub fn switch_tab(&mut self, by: isize) {
        let library = usize::from(self.library.is_some());
        let count = self.docs.len() + library;
        if count == 0 {
            return;
        }
        let now = if self.shows_library() && library == 1 {
            0
        } else {
            self.active + library
        };
        let next = (now as isize + by).rem_euclid(count as isize) as usize;
        self.show(if library == 1 && next == 0 {
            View::Library
        } else {
            View::Document
        });
        if !self.shows_library() {
            self.active = next - library;
        }
    }

    fn add_doc(&mut self, editor: V) {
        // A new, untouched document in front is replaced by the opened or
        // imported one (not by another new one).
        if let Some(d) = self.docs.get(self.active)
            && d.editor.doc().path.is_none()
            && !d.editor.doc().is_modified()
            && d.editor.doc().history().undo_len() == 0
            && (editor.doc().path.is_some() || editor.doc().is_modified())
        {
            self.docs.remove(self.active);
        }
        self.docs.push(OpenDoc::new(editor));
        self.active = self.docs.len() - 1;
        // A document just added is the one shown.
        self.show(View::Document);
    }

    /// Opens a file in a new tab (or shows the one already open). A file
    /// that does not load is reported; what is open stays as it was.
    pub fn open_path(&mut self, path: &Path) {
        if path.is_dir() {
            self.open_library(path);
            return;
        }
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        if let Some(i) = self.docs.iter().position(|d| {
            d.editor
                .doc()
                .path
                .as_deref()
                .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned()))
                == Some(canonical.clone())
        }) {
            self.active = i;
            self.show(View::Document);
            return;
        }
        match load_stamped(path) {
            Ok((process, stamp)) => {
                self.app.settings.remember(path);
                let mut doc = Document::new(process, Some(path.to_owned()));
                doc.disk = Some(stamp);
                self.add_doc(V::open(doc, self.lang));
                self.show(View::Document);
                self.find_library_of(path);
            }
            Err(e) => {
                let bak = backup_path(path);
                self.ask(Modal::OpenFailed(OpenFailure {
                    path: path.to_owned(),
                    message: e.message(self.lang),
                    backup: bak.exists().then_some(bak),
                }));
            }
        }
    }

    /// Opens a file's `.bak` as an unsaved document that saves to the file.
    pub fn open_backup(&mut self, failure: &OpenFailure) {
        let Some(bak) = &failure.backup else {
            return;
        };
        match load(bak) {
            Ok(process) => {
                let doc = Document::new_unsaved(process, Some(failure.path.clone()));
                self.add_doc(V::open(doc, self.lang));
            }
            Err(e) => self.message = Some(e.message(self.lang)),
        }
    }

    /// Restores every offered recovery copy as an unsaved document, then
    /// removes the old copies (the restored documents have fresh ones).
    pub fn restore_all(&mut self, now: f64) {
        for found in std::mem::take(&mut self.restore_offer) {
            let doc = Document::new_unsaved(found.process, found.original);
            self.add_doc(V::open(doc, self.lang));
            if let Some(i) = self.docs.len().checked_sub(1) {
                self.write_recovery(i, now);
            }
            if let Some(store) = &self.recovery {
                store.remove(&found.key);
            }
        }
    }

    pub fn discard_recovered(&mut self) {
        for found in std::mem::take(&mut self.restore_offer) {
            if let Some(store) = &self.recovery {
                store.remove(&found.key);
            }
        }
    }

    /// Saves a document to its file; false when it has none (or failed).
    pub fn save_doc(&mut self, index: usize) -> bool {
        let lang = self.lang;
        let Some(d) = self.docs.get_mut(index) else {
            return false;
        };
        let ed = &mut d.editor;
        ed.settle(&mut self.app);
        let Some(path) = ed.doc().path.clone() else {
            return false;
        };
        // Over the file it was read from: not when another program changed
        // it since.
        let how = crate::format::Replacing {
            unchanged_since: ed.doc().disk.as_ref(),
            ..crate::format::Replacing::SAVE
        };
        match save_checked(ed.doc().process(), &path, &how, &mut crate::format::OsFs) {
            Err(e) if e.step == SaveStep::ChangedOnDisk => {
                ed.say(e.message(lang));
                let key = d.key.clone();
                self.ask(Modal::SaveConflict(SaveConflict { key, path }));
                false
            }
            Ok(stamp) => {
                ed.doc_mut().disk = Some(stamp);
                ed.doc_mut().mark_saved();
                ed.saved();
                ed.say(format!("{} {}", tr(lang, S::SavedTo), path.display()));
                d.clock.reset();
                if let Some(store) = &self.recovery {
                    store.remove(&d.key);
                }
                emergency_forget(&d.key);
                self.app.settings.remember(&path);
                self.library_file_saved(&path);
                true
            }
            Err(e) => {
                let message = format!("{}: {}", tr(lang, S::SaveFailed), e.message(lang));
                ed.say(message.clone());
                let key = d.key.clone();
                self.ask(Modal::SaveFailed(SaveFailure { key, message }));
                false
            }
        }
    }

    /// Saves a document under a new name.
    pub fn save_doc_as(&mut self, index: usize, path: &Path) -> bool {
        let Some(d) = self.docs.get_mut(index) else {
            return false;
        };
        let path = file_window::with_extension(path, "ron");
        let before = d.editor.doc_mut().path.replace(path);
        // A new file: what the old one held on disk says nothing of it.
        let disk = d.editor.doc_mut().disk.take();
        let saved = self.save_doc(index);
        if !saved && let Some(d) = self.docs.get_mut(index) {
            // A failed Save As leaves the document where it was.
            d.editor.doc_mut().path = before;
            d.editor.doc_mut().disk = disk;
        }
        saved
    }

    /// Asks where to save a document whose save failed.
    pub fn save_failed_doc_elsewhere(&mut self) {
        if let Some(failure) = self.take_save_failure() {
            self.start_dialog(DialogPurpose::SaveAs {
                key: failure.key,
                then_close: false,
            });
        }
    }

    /// Closes a document without asking (its recovery copy goes too).
    pub fn discard_doc(&mut self, index: usize) {
        if index >= self.docs.len() {
            return;
        }
        let d = self.docs.remove(index);
        if let Some(store) = &self.recovery {
            store.remove(&d.key);
        }
        emergency_forget(&d.key);
        if self.docs.is_empty() && !self.close_approved {
            self.new_document();
        }
        self.active = self.active.min(self.docs.len().saturating_sub(1));
    }

    /// Carries out what the active editor asked of the application.
    pub fn carry_out(&mut self, action: AppRequest) {
        let index = self.active;
        match action {
            AppRequest::New => self.new_document(),
            AppRequest::Open => self.start_dialog(DialogPurpose::Open),
            AppRequest::ImportTable => self.start_dialog(DialogPurpose::ImportTable),
            AppRequest::CompareWithFile => {
                if let Some(d) = self.docs.get(index) {
                    let key = d.key.clone();
                    self.start_dialog(DialogPurpose::Compare { key });
                }
            }
            AppRequest::OpenRecent(path) => self.open_path(&path),
            AppRequest::RemoveMissingRecent => self.app.settings.recent.retain(|p| p.exists()),
            AppRequest::Save => {
                if !self.save_doc(index)
                    && let Some(d) = self.docs.get(index)
                    && d.editor.doc().path.is_none()
                {
                    let key = d.key.clone();
                    self.start_dialog(DialogPurpose::SaveAs {
                        key,
                        then_close: false,
                    });
                }
            }
            AppRequest::SaveAs => {
                if let Some(d) = self.docs.get(index) {
                    let key = d.key.clone();
                    self.start_dialog(DialogPurpose::SaveAs {
                        key,
                        then_close: false,
                    });
                }
            }
            AppRequest::Export => {
                if let Some(d) = self.docs.get(index) {
                    self.ask(Modal::Export(ExportChoice {
                        key: d.key.clone(),
                        content: Content::Deck,
                        extension: "pdf",
                        scale: 2.0,
                        page: PageSize::Wide,
                        transparent: false,
                    }));
                }
            }
            AppRequest::CloseTab => self.request_close(vec![index], false),
            AppRequest::Quit => self.request_close((0..self.docs.len()).collect(), true),
            AppRequest::SetLanguage(lang) => self.set_language(lang),
            AppRequest::OpenLibrary => self.start_dialog(DialogPurpose::OpenLibrary),
            AppRequest::OpenLinked(number) => self.open_linked(&number),
            AppRequest::ShowLibrary => self.show(View::Library),
            AppRequest::Library(request) => self.carry_out_library(request),
            AppRequest::ExportLibrary => {
                if self.library.is_some() {
                    self.start_dialog(DialogPurpose::ExportLibrary);
                }
            }
            AppRequest::PublishLibrary => {
                if self.library.is_some() {
                    self.start_dialog(DialogPurpose::PublishLibrary);
                }
            }
        }
    }

    /// Switches every open document's interface to `lang`, and keeps it.
    fn set_language(&mut self, lang: Lang) {
        self.lang = lang;
        for d in &mut self.docs {
            d.editor.set_lang(lang);
            // Status lines were worded in the old language: drop them
            // rather than show one language inside the other.
            d.editor.hush();
        }
        self.message = None;
        self.app.settings.set_lang(lang);
    }
}
