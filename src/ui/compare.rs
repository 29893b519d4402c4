//! The compare view: the changes since the version on disk, listed beside
//! the chart; each entry selects its step. Ending it returns to editing.

use super::state::{Editor, Selection};
use super::strings::S;
use crate::model::{Change, Process, ProcessDiff, StepId, diff};

/// The version the open document is compared with, and the changes as of
/// the document revision they were worked out for (a frame recomputes them
/// only after an edit).
#[derive(Clone, Debug)]
pub struct Comparison {
    pub old: Process,
    changes: Option<(u64, ProcessDiff)>,
}

/// Starts comparing with the saved file; says why not when it cannot.
pub fn compare_with_saved(ed: &mut Editor) {
    let Some(path) = ed.doc.path.clone() else {
        return;
    };
    match crate::format::load(&path) {
        Ok(old) => ed.compare = Some(Comparison { old, changes: None }),
        Err(e) => ed.message = Some(e.to_string()),
    }
}

/// The step a change is about, in the open version (removed steps have
/// none).
fn step_of(change: &Change) -> Option<StepId> {
    match change {
        Change::StepAdded { step, .. }
        | Change::Retitled { step, .. }
        | Change::Rekinded { step, .. }
        | Change::MovedLane { step, .. }
        | Change::MovedPhase { step, .. }
        | Change::Moved { step }
        | Change::Renumbered { step, .. }
        | Change::KeyPoints { step, .. }
        | Change::Outputs { step, .. }
        | Change::Roles { step, .. } => Some(step.id),
        Change::ConnectorAdded { from, .. } | Change::Relabelled { from, .. } => Some(from.id),
        _ => None,
    }
}

/// The list of changes; a click on one selects its step.
pub fn compare_ui(ed: &mut Editor, ui: &mut egui::Ui) {
    let revision = ed.doc.revision();
    let Some(cmp) = &mut ed.compare else {
        return;
    };
    if cmp.changes.as_ref().is_none_or(|(r, _)| *r != revision) {
        cmp.changes = Some((revision, diff(&cmp.old, ed.doc.process())));
    }
    // Taken out while the panel reads the editor, put back after.
    let Some((revision, d)) = cmp.changes.take() else {
        return;
    };
    changes_list(ed, &d, ui);
    if let Some(cmp) = &mut ed.compare {
        cmp.changes = Some((revision, d));
    }
}

fn changes_list(ed: &mut Editor, d: &ProcessDiff, ui: &mut egui::Ui) {
    let lang = ed.lang;
    ui.heading(ed.t(S::CompareHeading));
    if ui.button(ed.t(S::CompareEnd)).clicked() {
        ed.compare = None;
        return;
    }
    ui.separator();
    if d.is_empty() {
        ui.label(ed.t(S::DiffSame));
        return;
    }
    let mut pick = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        for change in &d.changes {
            let target = step_of(change).filter(|id| ed.doc.process().steps.contains_key(id));
            let selected = target.is_some_and(|id| ed.selection.steps.contains(&id));
            if ui.selectable_label(selected, change.words(lang)).clicked() {
                pick = target;
            }
        }
        let departments: Vec<String> = d.departments.iter().filter_map(|s| s.words()).collect();
        if !departments.is_empty() {
            ui.separator();
            ui.strong(ed.t(S::DiffDepartments));
            for line in departments {
                ui.label(line);
            }
        }
    });
    if let Some(id) = pick {
        ed.selection = Selection::only_step(id);
    }
}
