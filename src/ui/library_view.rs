//! The library tab: the 流程清单 (or 部门职责) with undo and redo of the
//! library's edits, and beside it the categories, the departments and the
//! library's checks.

use super::Shell;
use super::library_dialogs::{RenameAnswer, draw_dialog, remove_dialog, rename_dialog};
use super::library_list::entry_list;
use crate::lang::Lang;
use crate::model::StepId;
use crate::session::{
    AppRequest, EntryStatus, LibraryPage, LibraryRename, LibraryRequest as R, OpenLibrary,
};
use crate::text::fill;
use crate::text::{S, tr};
use egui::RichText;

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
    let mut duty = None;
    let mut entry_action = None;
    let mut export = false;
    let mut scheme = None;
    let mut publish = false;
    let mut history = history_keys(ui, open);
    let mut moved_category = None;
    egui::Panel::right("library-side")
        .resizable(true)
        .default_size(360.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                scheme = scheme_choice(ui, open, lang);
                departments_list(ui, open, &unsaved, lang);
                moved_category = categories_list(ui, open, lang);
                problems_list(ui, open, lang);
            });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let c = &open.library.catalogue;
        ui.heading(format!("{} — {}", tr(lang, S::LibraryTab), c.title));
        ui.label(RichText::new(open.library.root.display().to_string()).weak());
        if let Some(message) = &open.message {
            ui.label(RichText::new(message).strong());
        }
        ui.horizontal(|ui| {
            export = ui.button(tr(lang, S::ExportLibrary)).clicked();
            publish = ui.button(tr(lang, S::PublishSite)).clicked();
            ui.separator();
            history = history.or(history_buttons(ui, open, lang));
            ui.separator();
            for (page, key) in [
                (LibraryPage::List, S::LibraryTab),
                (LibraryPage::Duties, S::DutiesPage),
                (LibraryPage::Analysis, S::AnalysisPage),
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
            LibraryPage::List => entry_action = entry_list(ui, open, lang),
            LibraryPage::Duties => duty = duties_page(ui, open, lang),
            LibraryPage::Analysis => duty = super::library_analysis::analysis_page(ui, open, lang),
        }
    });
    let answer = rename_dialog(ui.ctx(), open, lang);
    let removed = remove_dialog(ui.ctx(), open, lang);
    let draw = draw_dialog(ui.ctx(), open, lang);
    let asked = [
        duty.map(|(index, step)| R::ShowDuty(index, step)),
        match answer {
            Some(RenameAnswer::Confirm) => Some(R::FinishRename),
            Some(RenameAnswer::SaveFirst) => Some(R::SaveThenRename),
            None => None,
        },
        draw.then_some(R::FinishRename),
        removed.map(|(index, file)| R::RemoveEntry(index, file)),
        moved_category.map(|(id, by)| R::MoveCategory(id, by)),
        scheme.map(R::ChangeScheme),
        history.map(|back| if back { R::Undo } else { R::Redo }),
        entry_action,
    ];
    if export {
        requests.push(AppRequest::ExportLibrary);
    }
    if publish {
        requests.push(AppRequest::PublishLibrary);
    }
    requests.extend(asked.into_iter().flatten().map(AppRequest::Library));
    // One queue: whatever the tab asked is carried out in order, after it
    // is drawn.
    for request in requests {
        shell.carry_out(request);
    }
}

/// Ctrl+Z undoes the library's last edit, Ctrl+Shift+Z and Ctrl+Y redo
/// it (not while a dialog is open or a field has the keys): `Some(true)`
/// to undo, `Some(false)` to redo.
fn history_keys(ui: &egui::Ui, open: &OpenLibrary) -> Option<bool> {
    if open.rename.is_some() || ui.ctx().memory(|m| m.focused().is_some()) {
        return None;
    }
    ui.input_mut(|i| {
        use egui::{Key, Modifiers};
        // The Shift variant first: a plain match ignores Shift.
        let redo = i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)
            || i.consume_key(Modifiers::COMMAND, Key::Y);
        let undo = !redo && i.consume_key(Modifiers::COMMAND, Key::Z);
        (undo || redo).then_some(undo)
    })
}

/// 撤销 … and 重做 …, each naming the edit it would undo or redo.
fn history_buttons(ui: &mut egui::Ui, open: &OpenLibrary, lang: Lang) -> Option<bool> {
    let mut asked = None;
    for (back, name, key) in [
        (true, open.history.undo_name(), S::LibUndoButton),
        (false, open.history.redo_name(), S::LibRedoButton),
    ] {
        let what = name.map_or("", |n| tr(lang, n));
        let label = fill(lang, key, &[("what", &what)]);
        if ui
            .add_enabled(name.is_some(), egui::Button::new(label.trim_end()))
            .clicked()
        {
            asked = Some(back);
        }
    }
    asked
}

/// The library's categories in their order, each with buttons to move it
/// up or down and to rename it, and one to add a category; the move asked
/// for.
fn categories_list(ui: &mut egui::Ui, open: &mut OpenLibrary, lang: Lang) -> Option<(u32, isize)> {
    ui.add_space(6.0);
    ui.label(RichText::new(tr(lang, S::LibCategory)).strong());
    let categories = &open.library.catalogue.categories;
    let mut dialog = None;
    let mut moved = None;
    for (i, k) in categories.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(&k.name);
            if ui
                .add_enabled(i > 0, egui::Button::new("↑").small())
                .on_hover_text(tr(lang, S::MoveUp))
                .clicked()
            {
                moved = Some((k.id, -1));
            }
            if ui
                .add_enabled(i + 1 < categories.len(), egui::Button::new("↓").small())
                .on_hover_text(tr(lang, S::MoveDown))
                .clicked()
            {
                moved = Some((k.id, 1));
            }
            if ui.small_button(tr(lang, S::RenameEllipsis)).clicked() {
                dialog = Some(LibraryRename::Category {
                    id: k.id,
                    text: k.name.clone(),
                });
            }
        });
    }
    if ui.small_button(tr(lang, S::AddCategory)).clicked() {
        dialog = Some(LibraryRename::NewCategory {
            text: String::new(),
        });
    }
    if dialog.is_some() {
        open.rename = dialog;
    }
    moved
}

/// The library's departments, each with its aliases and a rename button.
/// The library's role scheme, and a choice of another (every file is
/// written in it; the tab's undo takes it back).
fn scheme_choice(
    ui: &mut egui::Ui,
    open: &OpenLibrary,
    lang: Lang,
) -> Option<crate::model::scheme::SchemeName> {
    use crate::model::scheme::SchemeName;
    let now = open.library.catalogue.scheme;
    let mut chosen = now;
    egui::ComboBox::new("library-scheme", tr(lang, S::SchemeLabel))
        .selected_text(now.code())
        .show_ui(ui, |ui| {
            // A scheme the library defines is listed beside the presets.
            let defined = matches!(now, SchemeName::Custom(_)).then_some(now);
            for name in SchemeName::ALL.into_iter().chain(defined) {
                ui.selectable_value(&mut chosen, name, name.code());
            }
        });
    (chosen != now).then_some(chosen)
}

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

/// An entry's status, with its library problems counted.
pub(super) fn status_text(open: &OpenLibrary, index: usize, lang: Lang) -> String {
    let base = match open.statuses.get(index) {
        Some(EntryStatus::NotDrawn) | None => tr(lang, S::LibNotDrawn).to_owned(),
        Some(EntryStatus::Drawn {
            warnings,
            conflicts,
        }) => crate::text::drawn_status(lang, *warnings, *conflicts),
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
        for role in open.library.catalogue.scheme.scheme().letter_roles() {
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
