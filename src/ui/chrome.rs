//! Menus, the tool strip, view tabs, the status bar with its problems
//! list, and the global shortcuts.

use super::canvas::{fit, zoom_at};
use super::command::Command;
use super::state::{Editor, FileAction, Tab, Tool};
use super::strings::S;
use crate::lang::Lang;
use crate::model::{Edit, Orientation, StepKind, Subject};
use egui::{Key, KeyboardShortcut, Modifiers};

const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const CLOSE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::W);
const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);

/// Shortcuts that work everywhere, even while a text field has focus.
pub fn global_shortcuts(ed: &mut Editor, ctx: &egui::Context) {
    // Redo first: Ctrl+Shift+Z also matches Ctrl+Z when modifiers are loose.
    if ctx.input_mut(|i| i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y)) {
        ed.command(Command::Redo);
    }
    if ctx.input_mut(|i| i.consume_shortcut(&UNDO)) {
        ed.command(Command::Undo);
    }
    let file_keys = [
        (SAVE_AS, FileAction::SaveAs),
        (SAVE, FileAction::Save),
        (NEW, FileAction::New),
        (OPEN, FileAction::Open),
        (CLOSE, FileAction::CloseTab),
        (QUIT, FileAction::Quit),
    ];
    for (keys, action) in file_keys {
        if ctx.input_mut(|i| i.consume_shortcut(&keys)) {
            ed.end_typing();
            ed.file_requests.push(action);
        }
    }
}

pub fn menu_bar(ed: &mut Editor, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(ed.t(S::File), |ui| file_menu(ed, ui));
        ui.menu_button(ed.t(S::Edit), |ui| {
            let undo = match ed.doc.undo_kind() {
                Some(kind) => format!("{} {}", ed.t(S::Undo), kind.name(ed.lang)),
                None => ed.t(S::Undo).to_owned(),
            };
            let redo = match ed.doc.redo_kind() {
                Some(kind) => format!("{} {}", ed.t(S::Redo), kind.name(ed.lang)),
                None => ed.t(S::Redo).to_owned(),
            };
            let (undo_keys, redo_keys) = (
                ui.ctx().format_shortcut(&UNDO),
                ui.ctx().format_shortcut(&REDO),
            );
            if ui
                .add_enabled(
                    ed.doc.undo_kind().is_some(),
                    egui::Button::new(undo).shortcut_text(undo_keys),
                )
                .clicked()
            {
                ed.command(Command::Undo);
                ui.close();
            }
            if ui
                .add_enabled(
                    ed.doc.redo_kind().is_some(),
                    egui::Button::new(redo).shortcut_text(redo_keys),
                )
                .clicked()
            {
                ed.command(Command::Redo);
                ui.close();
            }
            ui.separator();
            let has_selection = !ed.selection.steps.is_empty();
            if ui
                .add_enabled(has_selection, egui::Button::new(ed.t(S::Cut)))
                .clicked()
            {
                super::clipboard::copy(ed);
                super::clipboard::delete_selection(ed);
                ui.close();
            }
            if ui
                .add_enabled(has_selection, egui::Button::new(ed.t(S::Copy)))
                .clicked()
            {
                super::clipboard::copy(ed);
                ui.close();
            }
            if ui
                .add_enabled(ed.clipboard.is_some(), egui::Button::new(ed.t(S::Paste)))
                .clicked()
            {
                super::clipboard::paste(ed, None);
                ui.close();
            }
            if ui
                .add_enabled(has_selection, egui::Button::new(ed.t(S::Duplicate)))
                .clicked()
            {
                super::clipboard::copy(ed);
                super::clipboard::paste(ed, None);
                ui.close();
            }
            if ui
                .add_enabled(!ed.selection.is_empty(), egui::Button::new(ed.t(S::Delete)))
                .clicked()
            {
                super::clipboard::delete_selection(ed);
                ui.close();
            }
            if ui.button(ed.t(S::SelectAll)).clicked() {
                ed.selection.steps = ed.doc.process().steps.keys().copied().collect();
                ui.close();
            }
        });
        ui.menu_button(ed.t(S::View), |ui| {
            if ui.button(ed.t(S::FitView)).clicked() {
                ed.camera.fit_requested = true;
                ui.close();
            }
            if ui.button(ed.t(S::ActualSize)).clicked() {
                if let Some(rect) = ed.canvas.rect {
                    let factor = 1.0 / ed.camera.zoom;
                    zoom_at(&mut ed.camera, rect, rect.center(), factor);
                }
                ui.close();
            }
            let label = ed.t(S::ShowTable);
            ui.checkbox(&mut ed.show_table, label);
            let grid = ed.t(S::ShowGrid);
            ui.checkbox(&mut ed.show_grid, grid);
            let mut vertical = ed.doc.process().orientation == Orientation::Vertical;
            if ui.checkbox(&mut vertical, ed.t(S::Vertical)).changed() {
                let o = if vertical {
                    Orientation::Vertical
                } else {
                    Orientation::Horizontal
                };
                ed.edit(Edit::SetOrientation(o));
                ed.camera.fit_requested = true;
            }
            ui.separator();
            ui.label(ed.t(S::Theme));
            let before = ed.theme;
            for (choice, key) in [
                (crate::session::ThemeChoice::System, S::ThemeSystem),
                (crate::session::ThemeChoice::Light, S::ThemeLight),
                (crate::session::ThemeChoice::Dark, S::ThemeDark),
            ] {
                let label = ed.t(key);
                ui.radio_value(&mut ed.theme, choice, label);
            }
            if ed.theme != before {
                super::apply_theme(ui.ctx(), ed.theme);
            }
            ui.separator();
            ui.label(ed.t(S::Language));
            ui.radio_value(&mut ed.lang, Lang::Zh, "中文");
            ui.radio_value(&mut ed.lang, Lang::En, "English");
        });
        ui.separator();
        for (tab, key) in [
            (Tab::Chart, S::TabChart),
            (Tab::Overview, S::TabOverview),
            (Tab::Table, S::TabTable),
        ] {
            let label = ed.t(key);
            ui.selectable_value(&mut ed.tab, tab, label);
        }
    });
}

/// Step kinds to place, and the select tool.
pub fn tool_strip(ed: &mut Editor, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let label = format!("↖ {}", ed.t(S::ToolSelect));
        ui.selectable_value(&mut ed.tool, Tool::Select, label);
        ui.separator();
        let kinds = [
            (StepKind::Process, S::KindProcess, "□"),
            (StepKind::Decision, S::KindDecision, "◇"),
            (StepKind::Start, S::KindStart, "○"),
            (StepKind::End, S::KindEnd, "◎"),
            (StepKind::Document, S::KindDocument, "▤"),
            (
                StepKind::ProcessExit {
                    number: String::new(),
                    name: String::new(),
                },
                S::KindExit,
                "⇨",
            ),
            (StepKind::Note, S::KindNote, "▱"),
        ];
        for (kind, key, icon) in kinds {
            let label = format!("{icon} {}", ed.t(key));
            ui.selectable_value(&mut ed.tool, Tool::Create(kind), label);
        }
        ui.separator();
        if ui.button("-").on_hover_text(ed.t(S::ZoomOut)).clicked()
            && let Some(rect) = ed.canvas.rect
        {
            zoom_at(&mut ed.camera, rect, rect.center(), 1.0 / 1.25);
        }
        if ui.button("+").on_hover_text(ed.t(S::ZoomIn)).clicked()
            && let Some(rect) = ed.canvas.rect
        {
            zoom_at(&mut ed.camera, rect, rect.center(), 1.25);
        }
        if ui.button(ed.t(S::FitView)).clicked() {
            ed.camera.fit_requested = true;
        }
    });
}

pub fn status_bar(ed: &mut Editor, ui: &mut egui::Ui) {
    let lang = ed.lang;
    let (steps, warning_count) = {
        let (process, derived) = (ed.doc.process(), ed.doc.derived());
        (process.steps.len(), derived.analysis.warnings.len())
    };
    ui.horizontal(|ui| {
        ui.label(format!("{} {:.0}%", ed.t(S::Zoom), ed.camera.zoom * 100.0));
        ui.separator();
        ui.label(crate::text::count(
            lang,
            steps,
            S::StepCountOne,
            S::StepCount,
        ));
        ui.separator();
        let label = if warning_count == 0 {
            ed.t(S::NoWarnings).to_owned()
        } else {
            let counted =
                crate::text::count(lang, warning_count, S::WarningCountOne, S::WarningCount);
            format!("▲ {counted}")
        };
        let button = ui.button(label);
        egui::Popup::menu(&button).show(|ui| {
            // Messages are formatted only while the list is open.
            let warnings: Vec<(Subject, String)> = ed
                .doc
                .derived()
                .analysis
                .warnings
                .iter()
                .map(|w| (w.subject, w.message(lang)))
                .collect();
            ui.set_min_width(360.0);
            ui.strong(ed.t(S::Problems));
            for (subject, message) in &warnings {
                if ui.selectable_label(false, message).clicked() {
                    match subject {
                        Subject::Step(id) => super::table_view::select_row(ed, vec![*id]),
                        Subject::Lane(id) => {
                            ed.selection = super::state::Selection {
                                lane: Some(*id),
                                ..Default::default()
                            }
                        }
                        Subject::Connector(id) => {
                            ed.selection = super::state::Selection {
                                connectors: [*id].into(),
                                ..Default::default()
                            }
                        }
                    }
                }
            }
        });
        ui.separator();
        let saved = if ed.doc.is_modified() {
            S::Unsaved
        } else {
            S::Saved
        };
        ui.label(ed.t(saved));
        if let Some(message) = &ed.message {
            ui.separator();
            ui.label(message);
        }
    });
}

/// Zoom to fit now (used by the View menu and Ctrl+0).
pub fn fit_now(ed: &mut Editor) {
    if let Some(rect) = ed.canvas.rect {
        let layout = &ed.doc.derived().layout;
        fit(&mut ed.camera, layout, rect);
    }
}

fn file_menu(ed: &mut Editor, ui: &mut egui::Ui) {
    let item = |ed: &mut Editor,
                ui: &mut egui::Ui,
                key: S,
                keys: Option<&KeyboardShortcut>,
                action: FileAction| {
        let mut button = egui::Button::new(ed.t(key));
        if let Some(k) = keys {
            button = button.shortcut_text(ui.ctx().format_shortcut(k));
        }
        if ui.add(button).clicked() {
            ed.end_typing();
            ed.file_requests.push(action);
            ui.close();
        }
    };
    item(ed, ui, S::New, Some(&NEW), FileAction::New);
    item(ed, ui, S::Open, Some(&OPEN), FileAction::Open);
    let recent = ed.recent.clone();
    ui.menu_button(ed.t(S::OpenRecent), |ui| {
        if recent.is_empty() {
            ui.label(ed.t(S::NoRecent));
        }
        for path in &recent {
            let exists = path.exists();
            let label = path.display().to_string();
            if ui.add_enabled(exists, egui::Button::new(label)).clicked() {
                ed.file_requests.push(FileAction::OpenRecent(path.clone()));
                ui.close();
            }
        }
        if recent.iter().any(|p| !p.exists()) {
            ui.separator();
            if ui.button(ed.t(S::RemoveMissing)).clicked() {
                ed.file_requests.push(FileAction::RemoveMissingRecent);
                ui.close();
            }
        }
    });
    ui.separator();
    item(ed, ui, S::Save, Some(&SAVE), FileAction::Save);
    item(ed, ui, S::SaveAs, Some(&SAVE_AS), FileAction::SaveAs);
    item(ed, ui, S::ExportEllipsis, None, FileAction::Export);
    ui.separator();
    item(ed, ui, S::CloseTab, Some(&CLOSE), FileAction::CloseTab);
    item(ed, ui, S::Quit, Some(&QUIT), FileAction::Quit);
}
