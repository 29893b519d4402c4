//! File dialogs (open, save as, export): the system's on a thread of their
//! own where one answers, Flowcase's in-window one where none does, and
//! what the shell does with the file chosen.

use super::file_window::{Choosing, FileWindow};
use super::{DocView, PromptAnswer, Shell};
use crate::export::{ExportOptions, export_file};
use crate::text::{S, tr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// What a native file dialog running on another thread is for.
pub(super) enum DialogPurpose {
    Open,
    /// A responsibility table to open as a new process.
    ImportTable,
    /// Another version of a document, to compare it with.
    Compare {
        key: String,
    },
    /// A library folder.
    OpenLibrary,
    /// Where the open library's deck (or duties workbook) goes.
    ExportLibrary,
    /// The folder the open library's website goes into.
    PublishLibrary,
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
    answer: Receiver<Answer>,
}

/// What a native dialog's thread reports.
enum Answer {
    Chosen(PathBuf),
    Cancelled,
    /// No system dialog could be shown.
    Unavailable,
}

/// Whether the system's file dialogs can be shown here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NativeDialogs {
    /// Not known yet: the first dialog finds out.
    Unknown,
    Available,
    /// Flowcase's own in-window dialog is used.
    Unavailable,
}

impl NativeDialogs {
    /// From `FLOWCASE_FILE_DIALOG`: `builtin` for the in-window dialog,
    /// `native` for the system's without asking whether it answers.
    pub fn from_env() -> NativeDialogs {
        match std::env::var("FLOWCASE_FILE_DIALOG").as_deref() {
            Ok("builtin") => NativeDialogs::Unavailable,
            Ok("native") => NativeDialogs::Available,
            _ => NativeDialogs::Unknown,
        }
    }
}

/// A native dialog that returns "cancelled" sooner than this did not show:
/// nobody reads a dialog and cancels it that fast.
const TOO_QUICK_TO_BE_A_PERSON: Duration = Duration::from_millis(300);

/// Where a dialog starts and what it offers.
struct DialogStart {
    folder: PathBuf,
    file_name: String,
    choosing: Choosing,
}

impl<V: DocView> Shell<V> {
    /// Whether a file dialog is open (the window keeps polling for it).
    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some()
    }

    pub(super) fn start_dialog(&mut self, purpose: DialogPurpose) {
        if self.native_dialogs == NativeDialogs::Unavailable {
            self.open_file_window(purpose);
            return;
        }
        let start = self.dialog_start(&purpose);
        let filter = tr(self.lang, S::ProcessFiles).to_owned();
        let probe = self.native_dialogs == NativeDialogs::Unknown;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            if probe && !native_dialog_available() {
                let _ = tx.send(Answer::Unavailable);
                return;
            }
            let asked = Instant::now();
            let answer = match native_dialog(&start, &filter) {
                Some(path) => Answer::Chosen(path),
                None if asked.elapsed() < TOO_QUICK_TO_BE_A_PERSON => Answer::Unavailable,
                None => Answer::Cancelled,
            };
            let _ = tx.send(answer);
        });
        self.dialog = Some(PendingDialog {
            purpose,
            answer: rx,
        });
    }

    /// The folder, file name and file type a dialog for `purpose` starts
    /// with: the document's folder, else the last folder used.
    fn dialog_start(&self, purpose: &DialogPurpose) -> DialogStart {
        let folder = self
            .docs
            .get(self.active)
            .and_then(|d| d.editor.doc().path.as_ref())
            .and_then(|p| p.parent().map(Path::to_owned))
            .filter(|f| !f.as_os_str().is_empty())
            .or_else(|| self.app.settings.last_folder.clone())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let name_of = |key: &str| {
            self.doc_index(key)
                .map(|i| self.docs[i].name(self.lang))
                .unwrap_or_default()
        };
        let (file_name, choosing) = match purpose {
            DialogPurpose::Open => (String::new(), Choosing::Open),
            DialogPurpose::ImportTable => (String::new(), Choosing::Import),
            DialogPurpose::Compare { .. } => (String::new(), Choosing::Version),
            DialogPurpose::OpenLibrary => (String::new(), Choosing::Folder),
            DialogPurpose::PublishLibrary => (String::new(), Choosing::NewFolder),
            DialogPurpose::ExportLibrary => {
                let title = self
                    .library
                    .as_ref()
                    .map(|l| l.library.catalogue.title.clone())
                    .unwrap_or_default();
                let title = if title.trim().is_empty() {
                    self.library
                        .as_ref()
                        .and_then(|l| l.library.root.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "library".to_owned())
                } else {
                    title
                };
                let name: String = title
                    .chars()
                    .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
                    .collect();
                (
                    format!("{}.pdf", name.trim()),
                    Choosing::Save {
                        extension: "pdf".into(),
                        also: vec!["pptx".into(), "xlsx".into()],
                    },
                )
            }
            DialogPurpose::SaveAs { key, .. } => (
                name_of(key),
                Choosing::Save {
                    extension: "ron".into(),
                    also: Vec::new(),
                },
            ),
            DialogPurpose::Export { key, extension, .. } => {
                let name = name_of(key);
                let stem = Path::new(&name)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or(name);
                (
                    format!("{stem}.{extension}"),
                    Choosing::Save {
                        extension: (*extension).to_owned(),
                        also: Vec::new(),
                    },
                )
            }
        };
        DialogStart {
            folder,
            file_name,
            choosing,
        }
    }

    /// Opens Flowcase's own file dialog for `purpose`.
    fn open_file_window(&mut self, purpose: DialogPurpose) {
        let start = self.dialog_start(&purpose);
        self.file_window = Some((
            FileWindow::new(start.choosing, &start.folder, start.file_name),
            purpose,
        ));
    }

    /// The in-window dialog, while it is open.
    pub fn file_window(&self) -> Option<&FileWindow> {
        self.file_window.as_ref().map(|(w, _)| w)
    }

    /// The in-window dialog, while it is open, to change.
    pub fn file_window_mut(&mut self) -> Option<&mut FileWindow> {
        self.file_window.as_mut().map(|(w, _)| w)
    }

    /// The in-window dialog chose a file (or was cancelled: none).
    pub fn file_window_done(&mut self, answer: Option<PathBuf>) {
        if let Some((_, purpose)) = self.file_window.take() {
            self.dialog_answered(purpose, answer);
        }
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

    /// Takes the answer of a finished native dialog, if any; where none
    /// could be shown, opens the in-window one instead.
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
        match answer {
            Answer::Unavailable => {
                self.native_dialogs = NativeDialogs::Unavailable;
                self.open_file_window(pending.purpose);
            }
            Answer::Chosen(path) => {
                self.native_dialogs = NativeDialogs::Available;
                self.dialog_answered(pending.purpose, Some(path));
            }
            Answer::Cancelled => {
                self.native_dialogs = NativeDialogs::Available;
                self.dialog_answered(pending.purpose, None);
            }
        }
    }

    /// Does what a dialog was for with the file chosen (none: cancelled),
    /// and remembers its folder for the next dialog.
    fn dialog_answered(&mut self, purpose: DialogPurpose, answer: Option<PathBuf>) {
        let folder = match (&purpose, &answer) {
            (DialogPurpose::OpenLibrary, Some(dir)) => Some(dir.as_path()),
            (_, answer) => answer.as_ref().and_then(|p| p.parent()),
        };
        if let Some(folder) = folder {
            self.app.settings.last_folder = Some(folder.to_owned());
        }
        match (purpose, answer) {
            (DialogPurpose::Open, Some(path)) => self.open_path(&path),
            (DialogPurpose::ImportTable, Some(path)) => self.import_path(&path),
            (DialogPurpose::Compare { key }, Some(path)) => self.compare_with_file(&key, &path),
            (DialogPurpose::OpenLibrary, Some(path)) => self.open_library(&path),
            (DialogPurpose::ExportLibrary, Some(path)) => {
                self.export_library_to(super::LibraryJob::Export, path)
            }
            (DialogPurpose::PublishLibrary, Some(path)) => {
                self.export_library_to(super::LibraryJob::Publish, path)
            }
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
            ) => {
                self.take_prompt();
            }
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
        let source = ed.doc().path.as_deref();
        ed.say(
            match export_file(ed.doc().process(), source, path, options) {
                Ok(_) => format!("{} {}", tr(lang, S::Exported), path.display()),
                Err(e) => format!("{}: {}", tr(lang, S::ExportFailed), e.message(lang)),
            },
        );
    }
}

/// The system's file dialog for `start` (blocking; on a thread of its own).
fn native_dialog(start: &DialogStart, filter: &str) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new().set_directory(&start.folder);
    match &start.choosing {
        Choosing::Open => dialog.add_filter(filter, &["ron"]).pick_file(),
        Choosing::Import => dialog
            .add_filter(
                "xlsx, csv, bpmn, drawio, xml, vsdx",
                crate::import::IMPORTED_EXTENSIONS,
            )
            .pick_file(),
        Choosing::Version => dialog
            .add_filter(filter, crate::import::VERSION_EXTENSIONS)
            .pick_file(),
        Choosing::Folder | Choosing::NewFolder => dialog.pick_folder(),
        Choosing::Save { extension, .. } if extension == "ron" => dialog
            .add_filter(filter, &["ron"])
            .set_file_name(&start.file_name)
            .save_file(),
        Choosing::Save { extension, also } => also
            .iter()
            .fold(dialog.add_filter(extension, &[extension]), |d, other| {
                d.add_filter(other, &[other])
            })
            .set_file_name(&start.file_name)
            .save_file(),
    }
}

/// Whether a system file dialog can be shown: a desktop portal with a file
/// chooser answers on the session bus, or zenity (which the dialog library
/// falls back to) is installed.
#[cfg(not(target_os = "linux"))]
fn native_dialog_available() -> bool {
    // Windows and macOS always have their own dialogs.
    true
}

#[cfg(target_os = "linux")]
fn native_dialog_available() -> bool {
    let zenity = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join("zenity").is_file()));
    zenity || portal_answers(None)
}

/// Whether the desktop portal's file chooser answers, on the session bus or
/// on the bus at `address`. Waits two seconds at the most.
pub fn portal_answers(address: Option<&str>) -> bool {
    let builder = match address {
        Some(a) => zbus::blocking::connection::Builder::address(a),
        None => zbus::blocking::connection::Builder::session(),
    };
    let Ok(connection) = builder.and_then(|b| b.method_timeout(Duration::from_secs(2)).build())
    else {
        return false;
    };
    connection
        .call_method(
            Some("org.freedesktop.portal.Desktop"),
            "/org/freedesktop/portal/desktop",
            Some("org.freedesktop.DBus.Properties"),
            "Get",
            &("org.freedesktop.portal.FileChooser", "version"),
        )
        .is_ok()
}
