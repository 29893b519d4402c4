//! The canvas context menus: on steps, lanes, phases, connectors and
//! empty space.

use super::*;

pub(super) fn context_menu(
    input: &mut Input,
    response: &egui::Response,
    process: &Process,
    lang: Lang,
) {
    let Some((target, at)) = input.canvas.context else {
        return;
    };
    let intents = &mut *input.intents;
    let selection = &*input.selection;
    response.context_menu(|ui| match target {
        Some(Source::Step(id)) => step_menu(ui, intents, selection, process, id, lang),
        Some(Source::LaneHeader(id)) | Some(Source::Lane(id)) => {
            here_items(ui, intents, at, lang);
            ui.separator();
            lane_menu(ui, intents, process, id, lang);
        }
        Some(Source::PhaseHeader(id)) => phase_menu(ui, intents, process, id, lang),
        Some(Source::Connector(id)) => connector_menu(ui, intents, process, id, lang),
        _ => {
            here_items(ui, intents, at, lang);
            ui.separator();
            band_items(ui, intents, process, lang);
        }
    });
}

/// The menu on a step: edit, clipboard, numbers, main step.
fn step_menu(
    ui: &mut egui::Ui,
    intents: &mut Vec<Command>,
    selection: &Selection,
    process: &Process,
    id: StepId,
    lang: Lang,
) {
    let t = |k| tr(lang, k);
    if ui.button(t(S::EditStep)).clicked() {
        let title = process
            .steps
            .get(&id)
            .map(|s| s.title.clone())
            .unwrap_or_default();
        intents.push(Command::Inline(InlineTarget::StepTitle(id), title));
        ui.close();
    }
    if ui.button(t(S::Cut)).clicked() {
        intents.push(Command::Cut);
        ui.close();
    }
    if ui.button(t(S::Copy)).clicked() {
        intents.push(Command::Copy);
        ui.close();
    }
    if ui.button(t(S::Duplicate)).clicked() {
        intents.push(Command::Duplicate);
        ui.close();
    }
    if ui.button(t(S::Delete)).clicked() {
        intents.push(Command::DeleteSelection);
        ui.close();
    }
    ui.separator();
    let step = process.steps.get(&id);
    if step.is_some_and(|s| s.pinned_number.is_some()) {
        if ui.button(t(S::UnpinNumber)).clicked() {
            intents.push(Command::Edit(Edit::SetStep {
                id,
                field: StepField::PinnedNumber(None),
            }));
            ui.close();
        }
    } else if ui.button(t(S::PinNumber)).clicked() {
        intents.push(Command::PinCurrentNumber(id));
        ui.close();
    }
    if step.is_some_and(|s| s.group.is_some()) {
        if ui.button(t(S::Ungroup)).clicked() {
            intents.push(Command::Edit(Edit::SetStep {
                id,
                field: StepField::Group(None),
            }));
            ui.close();
        }
    } else {
        ui.menu_button(t(S::GroupInto), |ui| {
            for head in process
                .steps
                .values()
                .filter(|s| s.id != id && s.group.is_none() && s.kind.is_work_step())
            {
                if ui.button(&head.title).clicked() {
                    let members: Vec<StepId> = if selection.steps.contains(&id) {
                        selection
                            .steps
                            .iter()
                            .copied()
                            .filter(|s| *s != head.id)
                            .collect()
                    } else {
                        vec![id]
                    };
                    let edits = members
                        .into_iter()
                        .map(|m| Edit::SetStep {
                            id: m,
                            field: StepField::Group(Some(head.id)),
                        })
                        .collect();
                    intents.push(Command::Edit(Edit::Batch(edits)));
                    ui.close();
                }
            }
        });
    }
}

/// The menu on a phase header: add, rename, delete.
fn phase_menu(
    ui: &mut egui::Ui,
    intents: &mut Vec<Command>,
    process: &Process,
    id: PhaseId,
    lang: Lang,
) {
    let t = |k| tr(lang, k);
    let index = process.phase_index(id).unwrap_or(0);
    for (key, at_index) in [(S::AddPhaseBefore, index), (S::AddPhaseAfter, index + 1)] {
        if ui.button(t(key)).clicked() {
            intents.push(Command::AddPhase(at_index));
            ui.close();
        }
    }
    if ui.button(t(S::RenamePhase)).clicked() {
        let name = process
            .phase(id)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        intents.push(Command::Inline(InlineTarget::PhaseName(id), name));
        ui.close();
    }
    if ui.button(t(S::DeletePhase)).clicked() {
        intents.push(Command::AskDeletePhase(id));
        ui.close();
    }
}

/// The menu on a connector: its label, delete.
fn connector_menu(
    ui: &mut egui::Ui,
    intents: &mut Vec<Command>,
    process: &Process,
    id: ConnectorId,
    lang: Lang,
) {
    let t = |k| tr(lang, k);
    if ui.button(t(S::EditLabel)).clicked() {
        let label = process
            .connectors
            .get(&id)
            .and_then(|c| c.label.clone())
            .unwrap_or_default();
        intents.push(Command::Inline(InlineTarget::ConnectorLabel(id), label));
        ui.close();
    }
    if ui.button(t(S::Delete)).clicked() {
        intents.push(Command::Edit(Edit::RemoveConnector(id)));
        ui.close();
    }
}

/// What can be put at a point: a new step, the clipboard.
fn here_items(ui: &mut egui::Ui, intents: &mut Vec<Command>, at: Point, lang: Lang) {
    let t = |k| tr(lang, k);
    if ui.button(t(S::AddStepHere)).clicked() {
        intents.push(Command::CreateAt(at));
        ui.close();
    }
    if ui.button(t(S::Paste)).clicked() {
        intents.push(Command::Paste(Some(at)));
        ui.close();
    }
}

/// Add a lane, add a phase (at the end), wherever lanes can be added.
pub fn band_items(ui: &mut egui::Ui, intents: &mut Vec<Command>, process: &Process, lang: Lang) {
    if ui.button(tr(lang, S::AddLane)).clicked() {
        intents.push(Command::AddLane(process.lanes.len()));
        ui.close();
    }
    if ui.button(tr(lang, S::AddPhase)).clicked() {
        intents.push(Command::AddPhase(process.phases.len()));
        ui.close();
    }
}

pub(super) fn lane_menu(
    ui: &mut egui::Ui,
    intents: &mut Vec<Command>,
    process: &Process,
    id: LaneId,
    lang: Lang,
) {
    let t = |k| tr(lang, k);
    let index = process.lane_index(id).unwrap_or(0);
    for (key, at_index) in [(S::AddLaneBefore, index), (S::AddLaneAfter, index + 1)] {
        if ui.button(t(key)).clicked() {
            intents.push(Command::AddLane(at_index));
            ui.close();
        }
    }
    if ui.button(t(S::AddPhase)).clicked() {
        intents.push(Command::AddPhase(process.phases.len()));
        ui.close();
    }
    if ui.button(t(S::RenameLane)).clicked() {
        let name = process.lane(id).map(|l| l.name.clone()).unwrap_or_default();
        intents.push(Command::Inline(InlineTarget::LaneName(id), name));
        ui.close();
    }
    if ui.button(t(S::DeleteLane)).clicked() {
        intents.push(Command::AskDeleteLane(id));
        ui.close();
    }
}
