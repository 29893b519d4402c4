//! Menus, the tool strip, view tabs, the status bar with its problems
//! list, and the global shortcuts.

use super::canvas::{fit, zoom_at};
use super::command::Command;
use super::context::{AppContext, AppRequest};
use super::state::{Editor, Tab, Tool};
use crate::lang::Lang;
use crate::model::{Edit, Orientation, StepKind, Subject};
use crate::text::S;
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
const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
const TIDY: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::L);

/// Shortcuts that work everywhere, even while a text field has focus.
pub fn global_shortcuts(ed: &mut Editor, app: &mut AppContext, ctx: &egui::Context) {
    // Redo first: Ctrl+Shift+Z also matches Ctrl+Z when modifiers are loose.
    if ctx.input_mut(|i| i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y)) {
        ed.command(Command::Redo);
    }
    if ctx.input_mut(|i| i.consume_shortcut(&UNDO)) {
        ed.command(Command::Undo);
    }
    if ctx.input_mut(|i| i.consume_shortcut(&TIDY)) {
        ed.command(Command::Tidy);
    }
    let file_keys = [
        (SAVE_AS, AppRequest::SaveAs),
        (SAVE, AppRequest::Save),
        (NEW, AppRequest::New),
        (OPEN, AppRequest::Open),
        (EXPORT, AppRequest::Export),
        (CLOSE, AppRequest::CloseTab),
        (QUIT, AppRequest::Quit),
    ];
    for (keys, action) in file_keys {
        if ctx.input_mut(|i| i.consume_shortcut(&keys)) {
            ed.end_typing();
            app.requests.push(action);
        }
    }
}

pub fn menu_bar(ed: &mut Editor, app: &mut AppContext, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(ed.t(S::File), |ui| file_menu(ed, app, ui));
        ui.menu_button(ed.t(S::Edit), |ui| edit_menu(ed, app, ui));
        ui.menu_button(ed.t(S::View), |ui| view_menu(ed, app, ui));
        ui.separator();
        let table = crate::text::table_title(ed.lang, ed.doc.process().scheme);
        for (tab, label) in [
            (Tab::Chart, ed.t(S::TabChart).to_owned()),
            (Tab::Overview, ed.t(S::TabOverview).to_owned()),
            (Tab::Table, table),
        ] {
            ui.selectable_value(&mut ed.tab, tab, label);
        }
    });
}

/// 编辑: undo and redo named by their edit, the clipboard, delete, select
/// all, 整理布局, and the lane and phase items.
fn edit_menu(ed: &mut Editor, app: &mut AppContext, ui: &mut egui::Ui) {
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
        ed.command(Command::Cut);
        ui.close();
    }
    if ui
        .add_enabled(has_selection, egui::Button::new(ed.t(S::Copy)))
        .clicked()
    {
        ed.command(Command::Copy);
        ui.close();
    }
    if ui
        .add_enabled(app.clipboard.is_some(), egui::Button::new(ed.t(S::Paste)))
        .clicked()
    {
        ed.command(Command::Paste(None));
        ui.close();
    }
    if ui
        .add_enabled(has_selection, egui::Button::new(ed.t(S::Duplicate)))
        .clicked()
    {
        ed.command(Command::Duplicate);
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
    ui.separator();
    let tidy_keys = ui.ctx().format_shortcut(&TIDY);
    if ui
        .add(egui::Button::new(ed.t(S::Tidy)).shortcut_text(tidy_keys))
        .on_hover_text(ed.t(S::TidyHint))
        .clicked()
    {
        ed.command(Command::Tidy);
        ui.close();
    }
    ui.separator();
    let mut intents = Vec::new();
    super::canvas::band_items(ui, &mut intents, ed.doc.process(), ed.lang);
    for command in intents {
        ed.command(command);
    }
}

/// 视图: fit, 100 %, the table, the grid, vertical lanes, the theme and the
/// language.
fn view_menu(ed: &mut Editor, app: &mut AppContext, ui: &mut egui::Ui) {
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
    let mut show_table = !app.settings.hide_table;
    if ui.checkbox(&mut show_table, ed.t(S::ShowTable)).changed() {
        app.settings.hide_table = !show_table;
    }
    ui.checkbox(&mut app.settings.grid, ed.t(S::ShowGrid));
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
    let before = app.settings.theme;
    for (choice, key) in [
        (crate::session::ThemeChoice::System, S::ThemeSystem),
        (crate::session::ThemeChoice::Light, S::ThemeLight),
        (crate::session::ThemeChoice::Dark, S::ThemeDark),
    ] {
        let label = ed.t(key);
        ui.radio_value(&mut app.settings.theme, choice, label);
    }
    if app.settings.theme != before {
        super::apply_theme(ui.ctx(), app.settings.theme);
    }
    ui.separator();
    ui.label(ed.t(S::Language));
    for (lang, name) in [(Lang::Zh, "中文"), (Lang::En, "English")] {
        if ui.radio(ed.lang == lang, name).clicked() && ed.lang != lang {
            app.requests.push(AppRequest::SetLanguage(lang));
        }
    }
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
        let conflicts = ed.doc.process().conflicts.len();
        if conflicts > 0 {
            ui.separator();
            let counted =
                crate::text::count(lang, conflicts, S::ConflictCountOne, S::ConflictCount);
            ui.label(
                egui::RichText::new(counted)
                    .color(super::conflicts::CONFLICT)
                    .strong(),
            );
        }
        ui.separator();
        let saved = if ed.doc.is_modified() {
            S::Unsaved
        } else {
            S::Saved
        };
        ui.label(ed.t(saved));
        if let Some(message) = &ed.message {
            ui.separator();
            // One line here; the whole of a long message (an import's
            // report, its parts joined by "; ") one part a line on hover.
            ui.add(
                egui::Label::new(message)
                    .truncate()
                    .show_tooltip_when_elided(false),
            )
            .on_hover_text(message.replace("; ", "\n"));
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

fn file_menu(ed: &mut Editor, app: &mut AppContext, ui: &mut egui::Ui) {
    let item = |ed: &mut Editor,
                app: &mut AppContext,
                ui: &mut egui::Ui,
                key: S,
                keys: Option<&KeyboardShortcut>,
                action: AppRequest| {
        let mut button = egui::Button::new(ed.t(key));
        if let Some(k) = keys {
            button = button.shortcut_text(ui.ctx().format_shortcut(k));
        }
        if ui.add(button).clicked() {
            ed.end_typing();
            app.requests.push(action);
            ui.close();
        }
    };
    item(ed, app, ui, S::New, Some(&NEW), AppRequest::New);
    item(ed, app, ui, S::Open, Some(&OPEN), AppRequest::Open);
    item(ed, app, ui, S::ImportTable, None, AppRequest::ImportTable);
    let recent = app.settings.recent.clone();
    ui.menu_button(ed.t(S::OpenRecent), |ui| {
        if recent.is_empty() {
            ui.label(ed.t(S::NoRecent));
        }
        for path in &recent {
            let exists = path.exists();
            let label = path.display().to_string();
            if ui.add_enabled(exists, egui::Button::new(label)).clicked() {
                app.requests.push(AppRequest::OpenRecent(path.clone()));
                ui.close();
            }
        }
        if recent.iter().any(|p| !p.exists()) {
            ui.separator();
            if ui.button(ed.t(S::RemoveMissing)).clicked() {
                app.requests.push(AppRequest::RemoveMissingRecent);
                ui.close();
            }
        }
    });
    item(ed, app, ui, S::OpenLibrary, None, AppRequest::OpenLibrary);
    if app.library.is_some() {
        item(ed, app, ui, S::LibraryTab, None, AppRequest::ShowLibrary);
        item(
            ed,
            app,
            ui,
            S::ExportLibrary,
            None,
            AppRequest::ExportLibrary,
        );
        item(
            ed,
            app,
            ui,
            S::PublishSite,
            None,
            AppRequest::PublishLibrary,
        );
    }
    ui.separator();
    item(ed, app, ui, S::Save, Some(&SAVE), AppRequest::Save);
    item(ed, app, ui, S::SaveAs, Some(&SAVE_AS), AppRequest::SaveAs);
    item(
        ed,
        app,
        ui,
        S::ExportEllipsis,
        Some(&EXPORT),
        AppRequest::Export,
    );
    ui.menu_button(ed.t(S::CompareMenu), |ui| compare_menu(ed, app, ui));
    ui.separator();
    item(ed, app, ui, S::CloseTab, Some(&CLOSE), AppRequest::CloseTab);
    item(ed, app, ui, S::Quit, Some(&QUIT), AppRequest::Quit);
}

/// File → Compare with: the saved version, the `.bak`, another file.
fn compare_menu(ed: &mut Editor, app: &mut AppContext, ui: &mut egui::Ui) {
    let saved = ed.doc.path.is_some();
    if ui
        .add_enabled(saved, egui::Button::new(ed.t(S::CompareSaved)))
        .clicked()
    {
        super::compare::compare_with_saved(ed);
        ui.close();
    }
    let backup = super::compare::backup_of(ed).is_some();
    if ui
        .add_enabled(backup, egui::Button::new(ed.t(S::CompareBackup)))
        .clicked()
    {
        super::compare::compare_with_backup(ed);
        ui.close();
    }
    if ui.button(ed.t(S::CompareFile)).clicked() {
        ed.end_typing();
        app.requests.push(AppRequest::CompareWithFile);
        ui.close();
    }
}

/// The file shortcuts and File menu of the 流程清单 tab, where no document
/// is shown: new, open, open library, export the library, quit.
pub fn library_menu(ui: &mut egui::Ui, lang: Lang) -> Vec<AppRequest> {
    let t = |k| crate::text::tr(lang, k);
    let mut requests = Vec::new();
    let keys = [
        (NEW, AppRequest::New),
        (OPEN, AppRequest::Open),
        (EXPORT, AppRequest::ExportLibrary),
        (QUIT, AppRequest::Quit),
    ];
    for (shortcut, request) in keys {
        if ui.ctx().input_mut(|i| i.consume_shortcut(&shortcut)) {
            requests.push(request);
        }
    }
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(t(S::File), |ui| {
            let items = [
                (S::New, Some(NEW), AppRequest::New),
                (S::Open, Some(OPEN), AppRequest::Open),
                (S::OpenLibrary, None, AppRequest::OpenLibrary),
                (S::ExportLibrary, Some(EXPORT), AppRequest::ExportLibrary),
                (S::PublishSite, None, AppRequest::PublishLibrary),
                (S::Quit, Some(QUIT), AppRequest::Quit),
            ];
            for (key, shortcut, request) in items {
                let mut button = egui::Button::new(t(key));
                if let Some(k) = shortcut {
                    button = button.shortcut_text(ui.ctx().format_shortcut(&k));
                }
                if ui.add(button).clicked() {
                    requests.push(request);
                    ui.close();
                }
            }
        });
    });
    requests
}
