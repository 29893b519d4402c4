//! The eframe application: lays out the panels of one editor each frame
//! and applies the frame's commands at its end.

use super::canvas::canvas_ui;
use super::chrome::{global_shortcuts, menu_bar, status_bar, tool_strip};
use super::context::AppContext;
use super::dialogs::dialogs_ui;
use super::inspector::inspector_ui;
use super::overview_form::overview_fields;
use super::state::{Editor, Tab};
use super::table_view::table_ui;
use crate::text::S;

/// With nothing focused on the chart, Tab walks the steps (the canvas
/// takes it), not into the first text field: egui's move of the focus is
/// called off before the panels ask for focus.
fn keep_tab_for_the_chart(ed: &Editor, ctx: &egui::Context) {
    let tab = ctx.input(|i| {
        i.key_pressed(egui::Key::Tab) && (i.modifiers.is_none() || i.modifiers.shift_only())
    });
    let unfocused = ctx.memory(|m| m.focused().is_none());
    if ed.tab == Tab::Chart && tab && unfocused && ed.canvas.inline.is_none() {
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
}

/// One frame of the editor, on any `Ui` (the window's, or a test's).
pub fn editor_ui(ed: &mut Editor, app: &mut AppContext, ui: &mut egui::Ui) {
    // Derive once, before any panel reads: the panels of a frame read the
    // same process and derived data, and send edits that apply at its end.
    ed.doc.refresh();
    ed.expire_message();
    if let Some(cmp) = &mut ed.compare {
        cmp.refresh(ed.doc.revision(), ed.doc.process());
    }
    let ctx = ui.ctx().clone();
    global_shortcuts(ed, app, &ctx);
    keep_tab_for_the_chart(ed, &ctx);
    egui::Panel::top("menu").show(ui, |ui| menu_bar(ed, app, ui));
    if ed.tab == Tab::Chart {
        egui::Panel::top("tools").show(ui, |ui| tool_strip(ed, ui));
    }
    egui::Panel::bottom("status").show(ui, |ui| status_bar(ed, ui));
    match ed.tab {
        Tab::Chart => {
            if !ed.doc.process().conflicts.is_empty() {
                egui::Panel::left("conflicts")
                    .resizable(true)
                    .default_size(320.0)
                    .show(ui, |ui| super::conflicts::conflicts_ui(ed, ui));
            } else if ed.compare.is_some() {
                egui::Panel::left("compare")
                    .resizable(true)
                    .default_size(300.0)
                    .show(ui, |ui| super::compare::compare_ui(ed, ui));
            }
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| inspector_ui(ed, app, ui));
            if !app.settings.hide_table {
                egui::Panel::bottom("table")
                    .resizable(true)
                    .default_size(220.0)
                    .show(ui, |ui| table_ui(ed, ui));
            }
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| canvas_ui(ed, app, ui));
        }
        Tab::Overview => {
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.heading(ed.t(S::OverviewHeading));
                    ui.set_max_width(900.0);
                    overview_fields(ed, app, ui);
                });
            });
        }
        Tab::Table => {
            egui::CentralPanel::default().show(ui, |ui| table_ui(ed, ui));
        }
    }
    dialogs_ui(ed, &ctx);
    app.requests.append(&mut ed.outbox);
    if ed.has_pending() {
        ed.flush(app);
        ctx.request_repaint();
    }
}

/// `name — Flowcase`, with a mark while unsaved.
pub fn window_title(ed: &Editor) -> String {
    let name = ed
        .doc
        .path
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ed.doc.process().overview.name.clone());
    let mark = if ed.doc.is_modified() { "● " } else { "" };
    format!("{mark}{name} — {}", ed.t(S::AppName))
}

/// The window.
pub struct FlowcaseApp {
    pub shell: super::Shell,
    last_title: String,
    /// Frames drawn so far, up to the first that shows the documents.
    frames: u8,
}

impl FlowcaseApp {
    pub fn new(shell: super::Shell) -> FlowcaseApp {
        FlowcaseApp {
            shell,
            last_title: String::new(),
            frames: 0,
        }
    }
}

impl eframe::App for FlowcaseApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // eframe shows the window once its first frame is painted: that
        // frame is the empty window, so it comes up as fast as an empty
        // app's; the chart, the table and their text follow at once.
        if self.frames == 0 {
            self.frames = 1;
            ui.ctx().request_repaint();
            return;
        }
        super::shell::shell_ui(&mut self.shell, ui);
        let title = self
            .shell
            .docs
            .get(self.shell.active)
            .map(|d| window_title(&d.editor))
            .unwrap_or_default();
        if title != self.last_title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, super::SETTINGS_KEY, &self.shell.app.settings);
    }
}
