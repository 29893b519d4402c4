//! Flowcase's own file dialog, drawn over the window where no system dialog
//! answers: the folder, its folders and files, and a name field that takes
//! a name or a whole path, typed or pasted, with Enter.

use super::Shell;
use crate::lang::Lang;
use crate::session::{Choosing, FileWindow, FileWindowError, NativeDialogs};
use crate::text::{S, tr};
use std::path::PathBuf;

/// The in-window file dialog, when open.
pub fn file_window(shell: &mut Shell, ctx: &egui::Context) {
    let lang = shell.lang;
    let no_system_dialog = shell.native_dialogs == NativeDialogs::Unavailable;
    let Some(window) = shell.file_window_mut() else {
        return;
    };
    let mut done: Option<Option<PathBuf>> = None;
    egui::Modal::new(egui::Id::unique("file-window")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(tr(lang, heading(&window.choosing)));
        if no_system_dialog {
            ui.label(egui::RichText::new(tr(lang, S::NoSystemDialog)).weak());
        }
        folder_row(ui, window, lang);
        entry_list(ui, window, &mut done);
        if let Some(chosen) = name_row(ui, window, lang) {
            done = Some(Some(chosen));
        }
        if let Some(existing) = &window.confirm_replace {
            let name = existing.display().to_string();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                crate::text::fill(lang, S::ReplaceExisting, &[("path", &name)]),
            );
        }
        if let Some(error) = &window.error {
            let text = error_text(error, lang);
            ui.colored_label(ui.visuals().error_fg_color, text);
        }
        ui.horizontal(|ui| {
            if ui.button(tr(lang, confirm(&window.choosing))).clicked()
                && let Some(chosen) = window.submit()
            {
                done = Some(Some(chosen));
            }
            if ui.button(tr(lang, S::Cancel)).clicked() {
                done = Some(None);
            }
        });
    });
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        done = Some(None);
    }
    if let Some(answer) = done {
        shell.file_window_done(answer);
    }
}

fn heading(choosing: &Choosing) -> S {
    match choosing {
        Choosing::Open => S::FileWindowOpen,
        Choosing::Import => S::FileWindowImport,
        Choosing::Version => S::FileWindowCompare,
        Choosing::Folder => S::FileWindowLibrary,
        Choosing::NewFolder => S::FileWindowSite,
        Choosing::Save { extension, .. } if extension == "ron" => S::FileWindowSave,
        Choosing::Save { .. } => S::FileWindowExport,
    }
}

fn confirm(choosing: &Choosing) -> S {
    match choosing {
        Choosing::Open | Choosing::Import | Choosing::Version | Choosing::Folder => S::OpenButton,
        Choosing::NewFolder => S::PublishButton,
        Choosing::Save { .. } => S::Save,
    }
}

/// The folder shown, and the way up.
fn folder_row(ui: &mut egui::Ui, window: &mut FileWindow, lang: Lang) {
    ui.horizontal(|ui| {
        let up = ui.add_enabled(
            window.folder.parent().is_some(),
            egui::Button::new(tr(lang, S::FolderUp)),
        );
        if up.clicked() {
            window.up();
        }
        ui.label(window.folder.display().to_string());
    });
}

/// The folders and files; a click takes a name, a double click opens a
/// folder or chooses a file.
fn entry_list(ui: &mut egui::Ui, window: &mut FileWindow, done: &mut Option<Option<PathBuf>>) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body);
    let mut picked = None;
    let mut activated = None;
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .auto_shrink([false, false])
        .show_rows(ui, row_height, window.entries.len(), |ui, rows| {
            for i in rows {
                let Some(entry) = window.entries.get(i) else {
                    continue;
                };
                // A folder reads as one by its trailing slash (no icon
                // font needed).
                let slash = if entry.is_dir { "/" } else { "" };
                let selected = !entry.is_dir && entry.name == window.name;
                let response = ui.selectable_label(selected, format!("{}{slash}", entry.name));
                if response.double_clicked() {
                    activated = Some(i);
                } else if response.clicked() {
                    picked = Some(i);
                }
            }
        });
    if let Some(i) = picked {
        window.pick(i);
    }
    if let Some(i) = activated
        && let Some(chosen) = window.activate(i)
    {
        *done = Some(Some(chosen));
    }
    if window.truncated {
        ui.label(egui::RichText::new("…").weak());
    }
}

/// The name field, focused when the dialog opens; Enter submits it.
fn name_row(ui: &mut egui::Ui, window: &mut FileWindow, lang: Lang) -> Option<PathBuf> {
    let mut chosen = None;
    ui.horizontal(|ui| {
        ui.label(tr(lang, S::NameOrPath));
        let id = egui::Id::unique("file-window-name");
        let response = ui.add(
            egui::TextEdit::singleline(&mut window.name)
                .id(id)
                .desired_width(f32::INFINITY),
        );
        if window.focus_name {
            // The suggested name is selected, so typing a name or a whole
            // path replaces it (as GTK and Windows dialogs do).
            response.request_focus();
            let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
            let all = egui::text_selection::CCursorRange::select_all_str(&window.name);
            state.cursor.set_char_range(Some(all));
            state.store(ui.ctx(), id);
            window.focus_name = false;
        }
        if response.changed() {
            window.error = None;
            window.confirm_replace = None;
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            chosen = window.submit();
            // Keep typing after a folder was opened or an error shown.
            response.request_focus();
        }
    });
    chosen
}

fn error_text(error: &FileWindowError, lang: Lang) -> String {
    match error {
        FileWindowError::NoName => tr(lang, S::TypeAName).to_owned(),
        FileWindowError::NoSuchFile(path) => {
            format!("{}: {}", tr(lang, S::NoSuchFile), path.display())
        }
        FileWindowError::NoSuchFolder(path) => {
            format!("{}: {}", tr(lang, S::NoSuchFolder), path.display())
        }
        FileWindowError::WrongType(typed, writes) => {
            let writes: Vec<String> = writes.iter().map(|e| format!(".{e}")).collect();
            let writes = writes.join(", ");
            let values: [(&str, &dyn std::fmt::Display); 2] =
                [("typed", typed), ("writes", &writes)];
            crate::text::fill(lang, S::WrongFileType, &values)
        }
        FileWindowError::Unreadable(why, path) => {
            format!(
                "{}: {why}: {}",
                tr(lang, S::FolderUnreadable),
                path.display()
            )
        }
    }
}
