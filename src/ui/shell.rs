//! The application around the documents: one tab per open document, file
//! commands (new, open, save, save as, recent, export, close, quit), the
//! unsaved-work prompt, autosave to recovery copies and their restoring,
//! and the settings kept between runs.

use super::app::editor_ui;
use super::state::{Editor, FileAction};
use super::strings::{S, tr};
use crate::document::Document;
use crate::export::{Content, ExportOptions, PageSize, export_file};
use crate::format::{backup_path, load, save};
use crate::lang::Lang;
use crate::recovery::{
    AutosaveClock, Recovered, RecoveryStore, emergency_forget, emergency_update,
};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, channel};

/// How many recent files the File menu keeps.
pub const RECENT_LIMIT: usize = 10;

/// Light, dark, or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
    System,
}

/// What is kept between runs (in eframe's storage, never in documents).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    /// `zh` or `en`; none: from the locale.
    pub language: Option<String>,
    pub theme: ThemeChoice,
    pub grid: bool,
    pub hide_table: bool,
}

impl Settings {
    pub fn lang(&self) -> Lang {
        match self.language.as_deref() {
            Some("zh") => Lang::Zh,
            Some("en") => Lang::En,
            _ => Lang::from_env(),
        }
    }

    /// Puts a file at the top of the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }
}

/// One open document with its autosave state.
pub struct OpenDoc {
    pub editor: Editor,
    /// Names its recovery copies.
    pub key: String,
    clock: AutosaveClock,
    seen_revision: u64,
    sequence: u64,
}

impl OpenDoc {
    pub fn new(editor: Editor) -> OpenDoc {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let revision = editor.doc.revision();
        OpenDoc {
            editor,
            key: format!("doc-{}-{stamp}-{n}", std::process::id()),
            clock: AutosaveClock::default(),
            seen_revision: revision,
            sequence: 0,
        }
    }

    pub fn name(&self, lang: Lang) -> String {
        self.editor
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                let name = &self.editor.doc.process().overview.name;
                if name.is_empty() {
                    tr(lang, S::Untitled).to_owned()
                } else {
                    name.clone()
                }
            })
    }
}

/// What a native file dialog running on another thread is for.
enum DialogPurpose {
    Open,
    SaveAs { key: String, then_close: bool },
    Export { key: String, options: ExportOptions },
}

struct PendingDialog {
    purpose: DialogPurpose,
    answer: Receiver<Option<PathBuf>>,
}

/// The question asked before unsaved work would be lost.
#[derive(Clone, Debug, PartialEq)]
pub struct UnsavedPrompt {
    /// Documents (by key) still to ask about, first is asked now.
    pub queue: Vec<String>,
    /// Close the window once every document is settled.
    pub closing_window: bool,
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

/// The whole application state.
pub struct Shell {
    pub docs: Vec<OpenDoc>,
    pub active: usize,
    pub settings: Settings,
    pub lang: Lang,
    pub recovery: Option<RecoveryStore>,
    clipboard: Option<super::clipboard::Clip>,
    pub prompt: Option<UnsavedPrompt>,
    pub restore_offer: Vec<Recovered>,
    pub open_failure: Option<OpenFailure>,
    pub save_failure: Option<SaveFailure>,
    pub export_choice: Option<ExportChoice>,
    dialog: Option<PendingDialog>,
    /// Every check passed: the window may close now.
    pub close_approved: bool,
    pub message: Option<String>,
}

impl Shell {
    /// The application on the given files (a new document when none), with
    /// recovery copies offered for restoring.
    pub fn new(paths: Vec<PathBuf>, settings: Settings, recovery: Option<RecoveryStore>) -> Shell {
        let lang = settings.lang();
        let mut shell = Shell {
            docs: Vec::new(),
            active: 0,
            settings,
            lang,
            restore_offer: recovery
                .as_ref()
                .map(RecoveryStore::scan)
                .unwrap_or_default(),
            recovery,
            clipboard: None,
            prompt: None,
            open_failure: None,
            save_failure: None,
            export_choice: None,
            dialog: None,
            close_approved: false,
            message: None,
        };
        for path in paths {
            shell.open_path(&path);
        }
        if shell.docs.is_empty() {
            shell.new_document();
        }
        shell
    }

    pub fn active_doc(&mut self) -> Option<&mut OpenDoc> {
        self.docs.get_mut(self.active)
    }

    fn doc_index(&self, key: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.key == key)
    }

    pub fn new_document(&mut self) {
        let process = super::new_process(self.lang);
        self.add_doc(Editor::new(Document::new(process, None), self.lang));
    }

    fn add_doc(&mut self, mut editor: Editor) {
        editor.show_table = !self.settings.hide_table;
        editor.show_grid = self.settings.grid;
        // A new, untouched document in front is replaced by the opened one.
        if let Some(d) = self.docs.get(self.active)
            && d.editor.doc.path.is_none()
            && !d.editor.doc.is_modified()
            && d.editor.doc.history().undo_len() == 0
            && editor.doc.path.is_some()
        {
            self.docs.remove(self.active);
        }
        self.docs.push(OpenDoc::new(editor));
        self.active = self.docs.len() - 1;
    }

    /// Opens a file in a new tab (or shows the one already open). A file
    /// that does not load is reported; what is open stays as it was.
    pub fn open_path(&mut self, path: &Path) {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        if let Some(i) = self.docs.iter().position(|d| {
            d.editor
                .doc
                .path
                .as_deref()
                .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned()))
                == Some(canonical.clone())
        }) {
            self.active = i;
            return;
        }
        match load(path) {
            Ok(process) => {
                self.settings.remember(path);
                self.add_doc(Editor::new(
                    Document::new(process, Some(path.to_owned())),
                    self.lang,
                ));
            }
            Err(e) => {
                let bak = backup_path(path);
                self.open_failure = Some(OpenFailure {
                    path: path.to_owned(),
                    message: e.message(self.lang),
                    backup: bak.exists().then_some(bak),
                });
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
                self.add_doc(Editor::new(doc, self.lang));
            }
            Err(e) => self.message = Some(e.message(self.lang)),
        }
    }

    /// Restores every offered recovery copy as an unsaved document, then
    /// removes the old copies (the restored documents have fresh ones).
    pub fn restore_all(&mut self, now: f64) {
        for found in std::mem::take(&mut self.restore_offer) {
            let doc = Document::new_unsaved(found.process, found.original);
            self.add_doc(Editor::new(doc, self.lang));
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
        ed.end_typing();
        ed.flush();
        let Some(path) = ed.doc.path.clone() else {
            return false;
        };
        match save(ed.doc.process(), &path) {
            Ok(()) => {
                ed.doc.mark_saved();
                ed.message = Some(format!("{} {}", tr(lang, S::SavedTo), path.display()));
                d.clock.reset();
                if let Some(store) = &self.recovery {
                    store.remove(&d.key);
                }
                emergency_forget(&d.key);
                self.settings.remember(&path);
                true
            }
            Err(e) => {
                let message = format!("{}: {}", tr(lang, S::SaveFailed), e.message(lang));
                ed.message = Some(message.clone());
                self.save_failure = Some(SaveFailure {
                    key: d.key.clone(),
                    message,
                });
                false
            }
        }
    }

    /// Saves a document under a new name.
    pub fn save_doc_as(&mut self, index: usize, path: &Path) -> bool {
        let Some(d) = self.docs.get_mut(index) else {
            return false;
        };
        let path = if path.extension().is_none() {
            path.with_extension("ron")
        } else {
            path.to_owned()
        };
        let before = d.editor.doc.path.replace(path);
        let saved = self.save_doc(index);
        if !saved && let Some(d) = self.docs.get_mut(index) {
            // A failed Save As leaves the document where it was.
            d.editor.doc.path = before;
        }
        saved
    }

    /// Asks where to save a document whose save failed.
    pub fn save_failed_doc_elsewhere(&mut self) {
        if let Some(failure) = self.save_failure.take() {
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

    /// Starts closing documents: unsaved ones are asked about one by one.
    pub fn request_close(&mut self, indices: Vec<usize>, closing_window: bool) {
        let mut queue = Vec::new();
        let mut clean = Vec::new();
        for i in indices {
            if let Some(d) = self.docs.get(i) {
                if d.editor.doc.is_modified() {
                    queue.push(d.key.clone());
                } else {
                    clean.push(d.key.clone());
                }
            }
        }
        if closing_window && queue.is_empty() {
            self.close_approved = true;
            return;
        }
        for key in clean {
            if let Some(i) = self.doc_index(&key) {
                self.discard_doc(i);
            }
        }
        if !queue.is_empty() {
            self.prompt = Some(UnsavedPrompt {
                queue,
                closing_window,
            });
        }
    }

    /// The prompt's answer for the document asked about now.
    pub fn answer_prompt(&mut self, answer: PromptAnswer) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        let Some(key) = prompt.queue.first().cloned() else {
            return;
        };
        let rest = UnsavedPrompt {
            queue: prompt.queue[1..].to_vec(),
            closing_window: prompt.closing_window,
        };
        let Some(index) = self.doc_index(&key) else {
            self.continue_prompt(rest);
            return;
        };
        match answer {
            PromptAnswer::Cancel => {}
            PromptAnswer::DontSave => {
                self.discard_doc(index);
                self.continue_prompt(rest);
            }
            PromptAnswer::Save => {
                if self.save_doc(index) {
                    if !rest.closing_window {
                        self.discard_doc(index);
                    }
                    self.continue_prompt(rest);
                } else if self
                    .docs
                    .get(index)
                    .is_some_and(|d| d.editor.doc.path.is_none())
                {
                    // No file yet: ask where, then go on closing.
                    self.prompt = Some(UnsavedPrompt {
                        queue: prompt.queue.clone(),
                        closing_window: prompt.closing_window,
                    });
                    self.start_dialog(DialogPurpose::SaveAs {
                        key,
                        then_close: true,
                    });
                } else {
                    // Saving failed: keep the document open and the window too.
                }
            }
        }
    }

    fn continue_prompt(&mut self, rest: UnsavedPrompt) {
        if !rest.queue.is_empty() {
            self.prompt = Some(rest);
        } else if rest.closing_window {
            self.close_approved = true;
        }
    }

    fn start_dialog(&mut self, purpose: DialogPurpose) {
        let (tx, rx) = channel();
        let folder = self
            .docs
            .get(self.active)
            .and_then(|d| d.editor.doc.path.as_ref())
            .and_then(|p| p.parent().map(Path::to_owned));
        let filter = tr(self.lang, S::ProcessFiles).to_owned();
        let (export_ext, file_name) = match &purpose {
            DialogPurpose::Export { options, key } => {
                let name = self
                    .doc_index(key)
                    .map(|i| self.docs[i].name(self.lang))
                    .unwrap_or_default();
                let stem = Path::new(&name)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or(name);
                (Some(options.content), stem)
            }
            DialogPurpose::SaveAs { key, .. } => (
                None,
                self.doc_index(key)
                    .map(|i| self.docs[i].name(self.lang))
                    .unwrap_or_default(),
            ),
            DialogPurpose::Open => (None, String::new()),
        };
        let ext = self
            .export_choice
            .as_ref()
            .map(|c| c.extension)
            .unwrap_or("pdf");
        let open = matches!(purpose, DialogPurpose::Open);
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new();
            if let Some(f) = folder {
                dialog = dialog.set_directory(f);
            }
            let answer = if open {
                dialog.add_filter(&filter, &["ron"]).pick_file()
            } else if export_ext.is_some() {
                dialog
                    .add_filter(ext, &[ext])
                    .set_file_name(format!("{file_name}.{ext}"))
                    .save_file()
            } else {
                dialog
                    .add_filter(&filter, &["ron"])
                    .set_file_name(file_name)
                    .save_file()
            };
            let _ = tx.send(answer);
        });
        self.dialog = Some(PendingDialog {
            purpose,
            answer: rx,
        });
    }

    /// Asks where to export, then exports there.
    pub fn start_export_dialog(&mut self, key: String, options: ExportOptions) {
        self.start_dialog(DialogPurpose::Export { key, options });
    }

    /// Takes the answer of a finished file dialog, if any.
    fn poll_dialog(&mut self) {
        let Some(pending) = &self.dialog else {
            return;
        };
        let Ok(answer) = pending.answer.try_recv() else {
            return;
        };
        let Some(pending) = self.dialog.take() else {
            return;
        };
        match (pending.purpose, answer) {
            (DialogPurpose::Open, Some(path)) => self.open_path(&path),
            (DialogPurpose::SaveAs { key, then_close }, Some(path)) => {
                if let Some(i) = self.doc_index(&key)
                    && self.save_doc_as(i, &path)
                    && then_close
                {
                    self.answer_prompt(PromptAnswer::Save);
                }
            }
            (
                DialogPurpose::SaveAs {
                    then_close: true, ..
                },
                None,
            ) => self.prompt = None,
            (DialogPurpose::Export { key, options }, Some(path)) => {
                self.export_to(&key, &path, &options)
            }
            _ => {}
        }
    }

    /// Exports a document, reporting in its status bar.
    pub fn export_to(&mut self, key: &str, path: &Path, options: &ExportOptions) {
        let lang = self.lang;
        let Some(i) = self.doc_index(key) else {
            return;
        };
        let ed = &mut self.docs[i].editor;
        let source = ed.doc.path.as_deref();
        ed.message = Some(match export_file(ed.doc.process(), source, path, options) {
            Ok(_) => format!("{} {}", tr(lang, S::Exported), path.display()),
            Err(e) => format!("{}: {e}", tr(lang, S::ExportFailed)),
        });
    }

    /// Carries out a file command from the active editor.
    pub fn file_action(&mut self, action: FileAction) {
        let index = self.active;
        match action {
            FileAction::New => self.new_document(),
            FileAction::Open => self.start_dialog(DialogPurpose::Open),
            FileAction::OpenRecent(path) => self.open_path(&path),
            FileAction::RemoveMissingRecent => self.settings.recent.retain(|p| p.exists()),
            FileAction::Save => {
                if !self.save_doc(index)
                    && let Some(d) = self.docs.get(index)
                    && d.editor.doc.path.is_none()
                {
                    let key = d.key.clone();
                    self.start_dialog(DialogPurpose::SaveAs {
                        key,
                        then_close: false,
                    });
                }
            }
            FileAction::SaveAs => {
                if let Some(d) = self.docs.get(index) {
                    let key = d.key.clone();
                    self.start_dialog(DialogPurpose::SaveAs {
                        key,
                        then_close: false,
                    });
                }
            }
            FileAction::Export => {
                if let Some(d) = self.docs.get(index) {
                    self.export_choice = Some(ExportChoice {
                        key: d.key.clone(),
                        content: Content::Deck,
                        extension: "pdf",
                        scale: 2.0,
                        page: PageSize::Wide,
                        transparent: false,
                    });
                }
            }
            FileAction::CloseTab => self.request_close(vec![index], false),
            FileAction::Quit => self.request_close((0..self.docs.len()).collect(), true),
        }
    }

    /// Writes a recovery copy of document `index`.
    fn write_recovery(&mut self, index: usize, now: f64) {
        let Some(store) = self.recovery.clone() else {
            return;
        };
        let Some(d) = self.docs.get_mut(index) else {
            return;
        };
        d.sequence += 1;
        let process = d.editor.doc.process();
        let original = d.editor.doc.path.clone();
        if store
            .write(&d.key, original.as_deref(), process, d.sequence)
            .is_ok()
        {
            d.clock.written(now);
        }
        emergency_update(
            &store,
            &d.key,
            original.as_deref(),
            Arc::new(process.clone()),
        );
    }

    /// Notes edits and writes the recovery copies that are due. Returns
    /// how long until the next one is due, if any is pending.
    pub fn autosave_tick(&mut self, now: f64) -> Option<f64> {
        let mut next: Option<f64> = None;
        for i in 0..self.docs.len() {
            let d = &mut self.docs[i];
            let revision = d.editor.doc.revision();
            let modified = d.editor.doc.is_modified();
            if revision != d.seen_revision {
                d.seen_revision = revision;
                if modified {
                    d.clock.edited(now);
                }
            }
            if !modified {
                if d.clock != AutosaveClock::default() || d.sequence > 0 {
                    d.clock.reset();
                    d.sequence = 0;
                    let key = d.key.clone();
                    if let Some(store) = &self.recovery {
                        store.remove(&key);
                    }
                    emergency_forget(&key);
                }
                continue;
            }
            if d.clock.due(now) {
                self.write_recovery(i, now);
            } else if d.clock != AutosaveClock::default() {
                next = Some(next.map_or(crate::recovery::QUIET_SECONDS, |n: f64| {
                    n.min(crate::recovery::QUIET_SECONDS)
                }));
            }
        }
        next
    }
}

/// The three answers to "save before closing?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptAnswer {
    Save,
    DontSave,
    Cancel,
}

/// One frame of the whole application.
pub fn shell_ui(shell: &mut Shell, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    let now = ctx.input(|i| i.time);

    // The window's close button, Alt+F4 and the like.
    if ctx.input(|i| i.viewport().close_requested()) && !shell.close_approved {
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        if shell.prompt.is_none() {
            shell.request_close((0..shell.docs.len()).collect(), true);
        }
    }
    // Files dropped on the window.
    let dropped: Vec<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    });
    for path in dropped {
        shell.open_path(&path);
    }
    shell.poll_dialog();
    if shell.dialog.is_some() {
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }

    document_tabs(shell, ui);
    let lang = shell.lang;
    let recent = shell.settings.recent.clone();
    let clipboard = shell.clipboard.take();
    let theme = shell.settings.theme;
    let mut requests = Vec::new();
    if let Some(d) = shell.active_doc() {
        let ed = &mut d.editor;
        ed.lang = lang;
        ed.recent = recent;
        ed.clipboard = clipboard;
        ed.theme = theme;
        editor_ui(ed, ui);
        requests = std::mem::take(&mut ed.file_requests);
        let (new_lang, show_table, grid, theme) = (ed.lang, ed.show_table, ed.show_grid, ed.theme);
        shell.settings.theme = theme;
        shell.clipboard = shell
            .docs
            .get_mut(shell.active)
            .and_then(|d| d.editor.clipboard.take());
        if new_lang != lang {
            shell.lang = new_lang;
            // Status lines were worded in the old language: drop them
            // rather than show one language inside the other.
            for d in &mut shell.docs {
                d.editor.message = None;
            }
            shell.settings.language =
                Some(if new_lang == Lang::Zh { "zh" } else { "en" }.to_owned());
        }
        shell.settings.hide_table = !show_table;
        shell.settings.grid = grid;
    }
    for action in requests {
        shell.file_action(action);
    }
    if let Some(wait) = shell.autosave_tick(now) {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
    }
    super::shell_dialogs::dialogs(shell, &ctx, now);
    if shell.close_approved {
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// A tab per open document, with a mark while unsaved and a close button.
fn document_tabs(shell: &mut Shell, ui: &mut egui::Ui) {
    if shell.docs.len() < 2 {
        return;
    }
    let lang = shell.lang;
    let mut close = None;
    egui::Panel::top("documents").show(ui, |ui| {
        ui.horizontal(|ui| {
            for (i, d) in shell.docs.iter().enumerate() {
                let mark = if d.editor.doc.is_modified() {
                    "● "
                } else {
                    ""
                };
                if ui
                    .selectable_label(i == shell.active, format!("{mark}{}", d.name(lang)))
                    .clicked()
                {
                    shell.active = i;
                }
                if ui
                    .small_button("×")
                    .on_hover_text(tr(lang, S::CloseTab))
                    .clicked()
                {
                    close = Some(i);
                }
                ui.separator();
            }
        });
    });
    if let Some(i) = close {
        shell.request_close(vec![i], false);
    }
}
