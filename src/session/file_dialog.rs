//! Native file dialogs on a thread of their own (open, save as, export)
//! and what the shell does with their answer.

use super::{PromptAnswer, Shell};
use crate::export::{ExportOptions, export_file};
use crate::text::{S, tr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

/// What a native file dialog running on another thread is for.
pub(super) enum DialogPurpose {
    Open,
    SaveAs {
        key: String,
        then_close: bool,
    },
    Export {
        key: String,
        options: ExportOptions,
        /// The file type chosen, as its extension (`pdf`, `png` …).
        extension: &'static str,
    },
}

pub(super) struct PendingDialog {
    purpose: DialogPurpose,
    answer: Receiver<Option<PathBuf>>,
}

impl Shell {
    /// Whether a file dialog is open (the window keeps polling for it).
    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some()
    }

    pub(super) fn start_dialog(&mut self, purpose: DialogPurpose) {
        let (tx, rx) = channel();
        let folder = self
            .docs
            .get(self.active)
            .and_then(|d| d.editor.doc.path.as_ref())
            .and_then(|p| p.parent().map(Path::to_owned));
        let filter = tr(self.lang, S::ProcessFiles).to_owned();
        let (export_ext, file_name) = match &purpose {
            DialogPurpose::Export { extension, key, .. } => {
                let name = self
                    .doc_index(key)
                    .map(|i| self.docs[i].name(self.lang))
                    .unwrap_or_default();
                let stem = Path::new(&name)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or(name);
                (Some(*extension), stem)
            }
            DialogPurpose::SaveAs { key, .. } => (
                None,
                self.doc_index(key)
                    .map(|i| self.docs[i].name(self.lang))
                    .unwrap_or_default(),
            ),
            DialogPurpose::Open => (None, String::new()),
        };
        let open = matches!(purpose, DialogPurpose::Open);
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new();
            if let Some(f) = folder {
                dialog = dialog.set_directory(f);
            }
            let answer = if open {
                dialog.add_filter(&filter, &["ron"]).pick_file()
            } else if let Some(ext) = export_ext {
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
    pub fn start_export_dialog(
        &mut self,
        key: String,
        options: ExportOptions,
        extension: &'static str,
    ) {
        self.start_dialog(DialogPurpose::Export {
            key,
            options,
            extension,
        });
    }

    /// Takes the answer of a finished file dialog, if any.
    pub fn poll_dialog(&mut self) {
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
            (DialogPurpose::Export { key, options, .. }, Some(path)) => {
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
}
