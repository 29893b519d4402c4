//! The 流程清单 of the open library, like the deck's list: each category
//! with its processes' 编号, 名称, owner and status; a double click opens a
//! drawn process in a tab. Below, the library's checks.

use super::strings::{S, tr};
use crate::lang::Lang;
use crate::model::{Role, StepId};
use crate::session::{EntryStatus, LibraryPage, LibraryRename, OpenLibrary, RemovedFile, Shell};
use crate::text::fill;
use egui::{RichText, Sense};

/// The library view, filling the window below the tabs.
pub fn library_ui(shell: &mut Shell, ui: &mut egui::Ui) {
    let lang = shell.lang;
    if shell.library.is_none() {
        return;
    }
    let mut requests = Vec::new();
    egui::Panel::top("library-menu").show(ui, |ui| {
        requests = super::chrome::library_menu(ui, lang);
    });
    // Asked about before a department's new name is typed.
    let unsaved: Vec<String> = shell
        .unsaved_library_docs()
        .iter()
        .filter_map(|key| shell.docs.iter().find(|d| &d.key == key))
        .map(|d| d.name(lang))
        .collect();
    let Some(open) = &mut shell.library else {
        return;
    };
    let mut chosen = None;
    let mut duty = None;
    let mut entry_action = None;
    let mut export = false;
    egui::Panel::right("library-side")
        .resizable(true)
        .default_size(360.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                departments_list(ui, open, &unsaved, lang);
                problems_list(ui, open, lang);
            });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let c = &open.library.catalogue;
        ui.heading(format!("{} — {}", tr(lang, S::LibraryTab), c.title));
        ui.label(RichText::new(open.library.root.display().to_string()).weak());
        ui.label(RichText::new(tr(lang, S::LibOpenHint)).weak());
        if let Some(message) = &open.message {
            ui.label(RichText::new(message).strong());
        }
        ui.horizontal(|ui| {
            export = ui.button(tr(lang, S::ExportLibrary)).clicked();
            ui.separator();
            for (page, key) in [
                (LibraryPage::List, S::LibraryTab),
                (LibraryPage::Duties, S::DutiesPage),
            ] {
                if ui
                    .selectable_label(open.page == page, tr(lang, key))
                    .clicked()
                {
                    open.page = page;
                }
            }
        });
        ui.add_space(6.0);
        match open.page {
            LibraryPage::List => {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    (chosen, entry_action) = entry_grid(ui, open, lang);
                });
            }
            LibraryPage::Duties => duty = duties_page(ui, open, lang),
        }
    });
    let answer = rename_dialog(ui.ctx(), open, lang);
    let removed = remove_dialog(ui.ctx(), open, lang);
    if let Some(index) = chosen {
        shell.open_entry(index);
    }
    if let Some((index, step)) = duty {
        shell.show_duty(index, step);
    }
    match answer {
        Some(RenameAnswer::Confirm) => shell.finish_library_rename(),
        Some(RenameAnswer::SaveFirst) => {
            // A save reads the library again: the rename carries over.
            let rename = shell.library.as_mut().and_then(|l| l.rename.take());
            if shell.save_library_docs()
                && let Some(LibraryRename::Department { old, text, .. }) = rename
                && let Some(open) = &mut shell.library
            {
                let unsaved = Vec::new();
                open.rename = Some(LibraryRename::Department { old, text, unsaved });
            }
        }
        None => {}
    }
    if export {
        requests.push(crate::ui::AppRequest::ExportLibrary);
    }
    for request in requests {
        shell.carry_out(request);
    }
    if let Some((index, file)) = removed {
        shell.remove_entry(index, file);
    }
    if let Some(action) = entry_action {
        match action {
            EntryAction::New(index) => shell.new_process_for_entry(index),
            EntryAction::Move(index, category) => shell.move_entry(index, category),
            EntryAction::Add(category) => shell.add_entry(category),
        }
    }
}

/// The library's departments, each with its aliases and a rename button.
fn departments_list(ui: &mut egui::Ui, open: &mut OpenLibrary, unsaved: &[String], lang: Lang) {
    ui.add_space(6.0);
    ui.label(RichText::new(tr(lang, S::Departments)).strong());
    let mut rename = None;
    for d in &open.library.catalogue.departments {
        ui.horizontal(|ui| {
            ui.label(&d.name);
            if !d.aliases.is_empty() {
                ui.label(RichText::new(format!("({})", d.aliases.join("、"))).weak());
            }
            if ui.small_button(tr(lang, S::RenameEllipsis)).clicked() {
                rename = Some(LibraryRename::Department {
                    old: d.name.clone(),
                    text: d.name.clone(),
                    unsaved: unsaved.to_vec(),
                });
            }
        });
    }
    if rename.is_some() {
        open.rename = rename;
    }
}

/// What the rename dialog was answered.
enum RenameAnswer {
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
fn rename_dialog(ctx: &egui::Context, open: &mut OpenLibrary, lang: Lang) -> Option<RenameAnswer> {
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
        LibraryRename::Remove { .. } => return None,
    };
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("library-rename")).show(ctx, |ui| {
        ui.label(tr(lang, label));
        let field =
            ui.add(egui::TextEdit::singleline(text).id(egui::Id::unique("library-rename-text")));
        if !field.has_focus() && !field.lost_focus() {
            field.request_focus();
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

/// The grid of categories and entries; the entry double-clicked, if any.
fn entry_grid(
    ui: &mut egui::Ui,
    open: &mut OpenLibrary,
    lang: Lang,
) -> (Option<usize>, Option<EntryAction>) {
    let mut dialog = None;
    let mut action = None;
    let chosen = entry_rows(ui, open, lang, &mut dialog, &mut action);
    if dialog.is_some() {
        open.rename = dialog;
    }
    (chosen, action)
}

/// What an entry's menu asked for, beside the dialogs.
enum EntryAction {
    /// Draw the entry: a new process file.
    New(usize),
    /// Move the entry to a category.
    Move(usize, u32),
    /// Add an entry to a category.
    Add(u32),
}

fn entry_rows(
    ui: &mut egui::Ui,
    open: &OpenLibrary,
    lang: Lang,
    renumber: &mut Option<LibraryRename>,
    action: &mut Option<EntryAction>,
) -> Option<usize> {
    let c = &open.library.catalogue;
    let mut chosen = None;
    egui::Grid::new("library-entries")
        .striped(true)
        .num_columns(5)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            for key in [S::LibCategory, S::Number, S::Name, S::Owner, S::LibStatus] {
                ui.label(RichText::new(tr(lang, key)).strong());
            }
            ui.end_row();
            for (category, entries) in c.by_category() {
                for (k, (index, entry)) in entries.into_iter().enumerate() {
                    ui.label(if k == 0 { category.name.as_str() } else { "" });
                    let drawn = entry.file.is_some();
                    // Drawn processes stand out: they open with a double click.
                    let text = |t: &str| {
                        let t = RichText::new(t);
                        if drawn { t.strong() } else { t }
                    };
                    let number =
                        ui.add(egui::Label::new(text(&entry.number)).sense(Sense::click()));
                    let name = ui.add(egui::Label::new(text(&entry.name)).sense(Sense::click()));
                    ui.label(&entry.owner);
                    ui.label(status_text(open, index, lang));
                    ui.end_row();
                    if drawn && (number.double_clicked() || name.double_clicked()) {
                        chosen = Some(index);
                    }
                    for label in [&number, &name] {
                        label.context_menu(|ui| {
                            entry_menu(ui, c, index, lang, renumber, action);
                        });
                    }
                }
                // A row of its own under the category's processes.
                ui.label("");
                ui.label("");
                if ui.small_button(tr(lang, S::AddEntry)).clicked() {
                    *action = Some(EntryAction::Add(category.id));
                }
                ui.end_row();
            }
        });
    chosen
}

/// An entry's status, with its library problems counted.
fn status_text(open: &OpenLibrary, index: usize, lang: Lang) -> String {
    let base = match open.statuses.get(index) {
        Some(EntryStatus::NotDrawn) | None => tr(lang, S::LibNotDrawn).to_owned(),
        Some(EntryStatus::Drawn { warnings }) => {
            crate::text::count(lang, *warnings, S::LibDrawnOne, S::LibDrawn)
        }
        Some(EntryStatus::Missing) => tr(lang, S::LibFileMissing).to_owned(),
        Some(EntryStatus::Broken) => tr(lang, S::LibFileBroken).to_owned(),
    };
    match open.problems_of(index) {
        0 => base,
        n => format!("{base} · ▲ {n}"),
    }
}

/// The library's checks, each in a line.
fn problems_list(ui: &mut egui::Ui, open: &OpenLibrary, lang: Lang) {
    ui.add_space(12.0);
    if open.problems.is_empty() {
        ui.label(tr(lang, S::LibNoProblems));
        return;
    }
    ui.label(RichText::new(tr(lang, S::LibraryProblems)).strong());
    for p in &open.problems {
        ui.colored_label(
            egui::Color32::from_rgb(0xb4, 0x53, 0x09),
            format!("▲ {}", p.message(&open.library, lang)),
        );
    }
}

/// 部门职责: a department picked, its steps across every drawn process with
/// their letters, 要点 and outputs, filtered by letters; a click on a step
/// opens its process with the step selected.
fn duties_page(ui: &mut egui::Ui, open: &mut OpenLibrary, lang: Lang) -> Option<(usize, StepId)> {
    if open.duties.is_empty() {
        ui.label(tr(lang, S::NoDuties));
        return None;
    }
    open.duty_department = open.duty_department.min(open.duties.len() - 1);
    ui.horizontal(|ui| {
        ui.label(tr(lang, S::Departments));
        let current = open.duties[open.duty_department].department.clone();
        egui::ComboBox::from_id_salt("duty-department")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (i, d) in open.duties.iter().enumerate() {
                    ui.selectable_value(&mut open.duty_department, i, &d.department);
                }
            });
        ui.separator();
        ui.label(tr(lang, S::LibLetters));
        for role in [Role::A, Role::E, Role::C, Role::I] {
            let on = open.duty_letters.contains(role);
            if ui.selectable_label(on, role.letter().to_string()).clicked() {
                open.duty_letters = if on {
                    open.duty_letters.without(role)
                } else {
                    open.duty_letters.with(role)
                };
            }
        }
    });
    ui.add_space(6.0);
    let entries = &open.library.catalogue.entries;
    let department = &open.duties[open.duty_department];
    let mut clicked = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("duties")
            .striped(true)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for key in crate::export::DUTY_COLUMNS {
                    ui.label(RichText::new(tr(lang, key)).strong());
                }
                ui.end_row();
                for d in department.with_letters(open.duty_letters) {
                    let e = &entries[d.entry];
                    ui.label(&e.number);
                    ui.label(&e.name);
                    ui.label(d.number.to_string());
                    if ui.link(&d.title).clicked() {
                        clicked = Some((d.entry, d.step));
                    }
                    ui.label(RichText::new(d.letters.to_string()).strong());
                    ui.label(&d.key_points);
                    ui.label(d.outputs.join("、"));
                    ui.end_row();
                }
            });
    });
    let summary: Vec<String> = entries
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            open.library
                .states
                .get(*i)
                .is_some_and(|s| s.process().is_some())
        })
        .filter_map(|(index, e)| {
            let counts = crate::export::counts_text(department.counts_in(index));
            (!counts.is_empty()).then(|| format!("{} {}: {counts}", e.number, e.name))
        })
        .collect();
    ui.add_space(8.0);
    ui.label(
        RichText::new(fill(
            lang,
            S::DutiesCounts,
            &[("items", &summary.join("；"))],
        ))
        .weak(),
    );
    clicked
}

/// The menu of an entry: renumber, rename, move, draw, remove.
fn entry_menu(
    ui: &mut egui::Ui,
    c: &crate::library::Catalogue,
    index: usize,
    lang: Lang,
    dialog: &mut Option<LibraryRename>,
    action: &mut Option<EntryAction>,
) {
    let Some(entry) = c.entries.get(index) else {
        return;
    };
    if ui.button(tr(lang, S::RenumberEllipsis)).clicked() {
        *dialog = Some(LibraryRename::Number {
            entry: index,
            text: entry.number.clone(),
        });
        ui.close();
    }
    if ui.button(tr(lang, S::RenameEntry)).clicked() {
        *dialog = Some(LibraryRename::Name {
            entry: index,
            text: entry.name.clone(),
        });
        ui.close();
    }
    ui.menu_button(tr(lang, S::MoveToCategory), |ui| {
        for category in c.categories.iter().filter(|k| k.id != entry.category) {
            if ui.button(&category.name).clicked() {
                *action = Some(EntryAction::Move(index, category.id));
                ui.close();
            }
        }
    });
    if entry.file.is_none() && ui.button(tr(lang, S::NewProcessFromEntry)).clicked() {
        *action = Some(EntryAction::New(index));
        ui.close();
    }
    ui.separator();
    if ui.button(tr(lang, S::RemoveEntry)).clicked() {
        *dialog = Some(LibraryRename::Remove { entry: index });
        ui.close();
    }
}

/// Asks what happens to a removed entry's file; the answer, when given.
fn remove_dialog(
    ctx: &egui::Context,
    open: &mut OpenLibrary,
    lang: Lang,
) -> Option<(usize, RemovedFile)> {
    let Some(LibraryRename::Remove { entry }) = open.rename else {
        return None;
    };
    let name = open
        .library
        .catalogue
        .entries
        .get(entry)
        .map(|e| format!("{} {}", e.number, e.name))
        .unwrap_or_default();
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
