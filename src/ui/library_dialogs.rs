//! The library tab's questions: a new name or number typed, saving open
//! documents before a department rename, what happens to a removed entry's
//! file, and whether to draw an undrawn entry.

use crate::lang::Lang;
use crate::session::{LibraryRename, OpenLibrary, RemovedFile};
use crate::text::fill;
use crate::text::{S, tr};

/// What the rename dialog was answered.
pub(super) enum RenameAnswer {
    /// The new name or number typed is to be applied.
    Confirm,
    /// Save the library's unsaved documents, then type the name.
    SaveFirst,
}

/// The question before a department rename when library documents have
/// unsaved changes: save them first, or cancel.
fn save_first_dialog(ctx: &egui::Context, unsaved: &[String], lang: Lang) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("library-rename-save-first")).show(ctx, |ui| {
        ui.heading(tr(lang, S::ExportUnsavedTitle));
        let names = unsaved.join("、");
        ui.label(fill(lang, S::RenameUnsavedQuestion, &[("names", &names)]));
        ui.horizontal(|ui| {
            if ui.button(tr(lang, S::SaveThem)).clicked() {
                answer = Some(true);
            }
            if ui.button(tr(lang, S::Cancel)).clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}

/// The dialog typing a new department name or number.
pub(super) fn rename_dialog(
    ctx: &egui::Context,
    open: &mut OpenLibrary,
    lang: Lang,
) -> Option<RenameAnswer> {
    let rename = open.rename.as_mut()?;
    if let LibraryRename::Department { unsaved, .. } = rename
        && !unsaved.is_empty()
    {
        return match save_first_dialog(ctx, unsaved, lang) {
            Some(true) => Some(RenameAnswer::SaveFirst),
            Some(false) => {
                open.rename = None;
                None
            }
            None => None,
        };
    }
    let (label, text) = match rename {
        LibraryRename::Department { text, .. } => (S::NewDepartmentName, text),
        LibraryRename::Number { text, .. } => (S::NewNumber, text),
        LibraryRename::Name { text, .. } | LibraryRename::NewEntry { text, .. } => {
            (S::NewEntryName, text)
        }
        LibraryRename::Category { text, .. } | LibraryRename::NewCategory { text } => {
            (S::NewCategoryName, text)
        }
        LibraryRename::Remove { .. } | LibraryRename::Draw { .. } => return None,
    };
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("library-rename")).show(ctx, |ui| {
        ui.label(tr(lang, label));
        let field =
            ui.add(egui::TextEdit::singleline(text).id(egui::Id::unique("library-rename-text")));
        if !field.has_focus() && !field.lost_focus() {
            // The name there is selected, so typing replaces it.
            field.request_focus();
            let id = field.id;
            let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
            let all = egui::text_selection::CCursorRange::select_all_str(text);
            state.cursor.set_char_range(Some(all));
            state.store(ui.ctx(), id);
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            if ui.button(tr(lang, S::OpenButtonOk)).clicked() || enter {
                answer = Some(true);
            }
            if ui.button(tr(lang, S::Cancel)).clicked() {
                answer = Some(false);
            }
        });
    });
    match answer {
        Some(true) => Some(RenameAnswer::Confirm),
        Some(false) => {
            open.rename = None;
            None
        }
        None => None,
    }
}

/// Asks what happens to a removed entry's file; the answer, when given.
pub(super) fn remove_dialog(
    ctx: &egui::Context,
    open: &mut OpenLibrary,
    lang: Lang,
) -> Option<(usize, RemovedFile)> {
    let Some(LibraryRename::Remove { entry }) = open.rename else {
        return None;
    };
    let name = entry_label(open, entry);
    let has_file = open
        .library
        .catalogue
        .entries
        .get(entry)
        .is_some_and(|e| e.file.is_some());
    let mut answer = None;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("library-remove")).show(ctx, |ui| {
        ui.label(fill(lang, S::RemoveEntryQuestion, &[("name", &name)]));
        ui.horizontal(|ui| {
            if ui.button(tr(lang, S::KeepFile)).clicked() {
                answer = Some(RemovedFile::Keep);
            }
            if has_file && ui.button(tr(lang, S::DeleteFile)).clicked() {
                answer = Some(RemovedFile::Delete);
            }
            if ui.button(tr(lang, S::Cancel)).clicked() {
                cancel = true;
            }
        });
    });
    if answer.is_some() || cancel {
        open.rename = None;
    }
    answer.map(|a| (entry, a))
}

/// Asks whether to draw an undrawn entry double-clicked; true when asked
/// to.
pub(super) fn draw_dialog(ctx: &egui::Context, open: &mut OpenLibrary, lang: Lang) -> bool {
    let Some(LibraryRename::Draw { entry }) = open.rename else {
        return false;
    };
    let name = entry_label(open, entry);
    let (mut draw, mut cancel) = (false, false);
    egui::Modal::new(egui::Id::unique("library-draw")).show(ctx, |ui| {
        ui.label(fill(lang, S::DrawEntryQuestion, &[("name", &name)]));
        ui.horizontal(|ui| {
            draw = ui.button(tr(lang, S::NewProcessFromEntry)).clicked();
            cancel = ui.button(tr(lang, S::Cancel)).clicked();
        });
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            cancel = true;
        }
    });
    if cancel {
        open.rename = None;
    }
    draw
}

/// `1.11 订单处理`: an entry as a question names it.
fn entry_label(open: &OpenLibrary, entry: usize) -> String {
    let entries = &open.library.catalogue.entries;
    entries
        .get(entry)
        .map(|e| format!("{} {}", e.number, e.name))
        .unwrap_or_default()
}
