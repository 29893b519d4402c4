//! The small menu Ctrl+click on an exit opens when the exit leads into
//! several processes (`1.12、1.13`): one entry per target, each opening it.

use super::super::command::Command;
use super::super::context::AppContext;
use super::super::state::Editor;
use super::ViewTransform;
use crate::library::{exit_targets, number_key};
use crate::model::{StepId, StepKind};
use crate::text::{S, fill};

/// The targets of exit `id`, each with its name in the open library (or,
/// for an exit into one process the library does not list, the name the
/// exit gives; else empty).
pub fn targets_of(ed: &Editor, app: &AppContext, id: StepId) -> Vec<(String, String)> {
    let Some(StepKind::ProcessExit { number, name }) =
        ed.doc.process().steps.get(&id).map(|s| &s.kind)
    else {
        return Vec::new();
    };
    let targets = exit_targets(number);
    let own_name = if targets.len() == 1 {
        name.as_str()
    } else {
        ""
    };
    let listed = |target: &str| {
        let entries = app.library.as_ref().map(|l| l.entries.as_slice())?;
        let found = entries
            .iter()
            .find(|(n, _)| number_key(n) == number_key(target));
        found.map(|(_, name)| name.clone())
    };
    targets
        .into_iter()
        .map(|target| {
            let name = listed(target).unwrap_or_else(|| own_name.to_owned());
            (target.to_owned(), name)
        })
        .collect()
}

/// The label of one target: `打开 1.12 特殊商务条件审批`.
pub fn target_label(ed: &Editor, (number, name): &(String, String)) -> String {
    let label = fill(
        ed.lang,
        S::OpenTarget,
        &[("number", number), ("name", name)],
    );
    label.trim_end().to_owned()
}

/// Draws the open exit menu under its step; a click on a target opens it,
/// a click elsewhere or Esc closes the menu.
pub fn exit_menu_ui(ed: &mut Editor, app: &AppContext, ui: &egui::Ui, view: ViewTransform) {
    let Some(id) = ed.canvas.exit_menu else {
        return;
    };
    let Some(r) = ed.doc.derived().layout.boxes.get(&id).copied() else {
        ed.canvas.exit_menu = None;
        return;
    };
    let targets = targets_of(ed, app, id);
    let at = view.to_screen(crate::layout::Point::new(r.min.x, r.max.y));
    let mut chosen = None;
    let area = egui::Area::new(egui::Id::unique(("exit-menu", id)))
        .order(egui::Order::Foreground)
        .fixed_pos(at)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(egui::RichText::new(ed.t(S::ExitLeadsInto)).weak());
                for target in &targets {
                    if ui.button(target_label(ed, target)).clicked() {
                        chosen = Some(target.0.clone());
                    }
                }
            });
        });
    let clicked_elsewhere = ui.input(|i| i.pointer.any_pressed())
        && ui
            .input(|i| i.pointer.interact_pos())
            .is_some_and(|p| !area.response.rect.contains(p));
    let escaped = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    if let Some(number) = chosen {
        ed.canvas.exit_menu = None;
        ed.command(Command::OpenTarget(number));
    } else if clicked_elsewhere || escaped {
        ed.canvas.exit_menu = None;
    }
}
