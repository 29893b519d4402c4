//! Dialogs of one document: what happens to the steps of a lane or phase
//! being deleted, and the report of what an import could not keep.

use super::state::Editor;
use crate::model::{Edit, LaneId, LaneStepsFate, PhaseId, PhaseStepsFate};
use crate::text::S;

#[derive(Default)]
pub struct Dialogs {
    pub delete_lane: Option<LaneId>,
    pub delete_phase: Option<PhaseId>,
    /// What an import could not keep, or asks to check, one line each.
    pub import_report: Option<Vec<String>>,
}

pub fn dialogs_ui(ed: &mut Editor, ctx: &egui::Context) {
    import_report(ed, ctx);
    if let Some(lane) = ed.dialogs.delete_lane {
        let process = ed.doc.process();
        let name = process
            .lane(lane)
            .map(|l| l.name.clone())
            .unwrap_or_default();
        let index = process.lane_index(lane).unwrap_or(0);
        // The neighbour: the lane above, or below for the first lane.
        let neighbour = index
            .checked_sub(1)
            .and_then(|i| process.lanes.get(i))
            .or_else(|| process.lanes.get(index + 1))
            .map(|l| (l.id, l.name.clone()));
        let steps = process.steps.values().filter(|s| s.lane == lane).count();
        let mut choice: Option<Option<LaneStepsFate>> = None;
        egui::Modal::new(egui::Id::unique("delete-lane")).show(ctx, |ui| {
            ui.heading(format!("{} 「{name}」", ed.t(S::DeleteLaneTitle)));
            ui.label(format!("{} ({steps})", ed.t(S::DeleteLaneQuestion)));
            if let Some((id, other)) = &neighbour
                && ui
                    .button(format!("{} 「{other}」", ed.t(S::MoveStepsTo)))
                    .clicked()
            {
                choice = Some(Some(LaneStepsFate::MoveTo(*id)));
            }
            if ui.button(ed.t(S::DeleteWithSteps)).clicked() {
                choice = Some(Some(LaneStepsFate::Remove));
            }
            if ui.button(ed.t(S::Cancel)).clicked() {
                choice = Some(None);
            }
        });
        if let Some(fate) = choice {
            ed.dialogs.delete_lane = None;
            if let Some(steps) = fate {
                ed.edit(Edit::RemoveLane { id: lane, steps });
            }
        }
    }
    if let Some(phase) = ed.dialogs.delete_phase {
        let process = ed.doc.process();
        let name = process
            .phase(phase)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let index = process.phase_index(phase).unwrap_or(0);
        let neighbour = index
            .checked_sub(1)
            .and_then(|i| process.phases.get(i))
            .or_else(|| process.phases.get(index + 1))
            .map(|p| (p.id, p.name.clone()));
        let mut choice: Option<Option<PhaseStepsFate>> = None;
        egui::Modal::new(egui::Id::unique("delete-phase")).show(ctx, |ui| {
            ui.heading(format!("{} 「{name}」", ed.t(S::DeletePhaseTitle)));
            ui.label(ed.t(S::DeletePhaseQuestion));
            if let Some((id, other)) = &neighbour
                && ui
                    .button(format!("{} 「{other}」", ed.t(S::MergeIntoPhase)))
                    .clicked()
            {
                choice = Some(Some(PhaseStepsFate::MoveTo(*id)));
            }
            if ui.button(ed.t(S::KeepStepsNoPhase)).clicked() {
                choice = Some(Some(PhaseStepsFate::Unassign));
            }
            if ui.button(ed.t(S::DeleteWithSteps)).clicked() {
                choice = Some(Some(PhaseStepsFate::Remove));
            }
            if ui.button(ed.t(S::Cancel)).clicked() {
                choice = Some(None);
            }
        });
        if let Some(fate) = choice {
            ed.dialogs.delete_phase = None;
            if let Some(steps) = fate {
                ed.edit(Edit::RemovePhase { id: phase, steps });
            }
        }
    }
}

/// The import's report as a list beside the new chart, until closed.
fn import_report(ed: &mut Editor, ctx: &egui::Context) {
    let Some(lines) = &ed.dialogs.import_report else {
        return;
    };
    let mut open = true;
    let mut closed = false;
    egui::Window::new(ed.t(S::ImportReportTitle))
        .id(egui::Id::unique("import-report"))
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        // Over the chart, below the menu and tools.
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 96.0))
        .show(ctx, |ui| {
            ui.label(ed.t(S::ImportReportIntro));
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for line in lines {
                        ui.label(format!("• {line}"));
                    }
                });
            closed = ui.button(ed.t(S::Close)).clicked();
        });
    if !open || closed {
        ed.dialogs.import_report = None;
    }
}
