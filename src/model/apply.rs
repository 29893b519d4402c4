//! `apply`: the one function that changes a process, returning the inverse.

use super::edit::{
    Edit, EditError, GroupRefusal, LaneStepsFate, ListOf, OverviewField, PhaseStepsFate, StepField,
};
use super::ids::{LaneId, PhaseId, StepId};
use super::process::{Overview, Process, Step};
use super::roles::{Role, Roles, role_cell, set_role_cell};
use std::mem::replace;

/// Applies one edit. On success the process has changed and the returned
/// edit undoes it exactly; on error the process is unchanged.
pub fn apply(process: &mut Process, edit: Edit) -> Result<Edit, EditError> {
    super::limits::check_edit(process, &edit).map_err(EditError::OverLimit)?;
    match edit {
        Edit::SetOverview(field) => Ok(Edit::SetOverview(set_overview(
            &mut process.overview,
            field,
        ))),
        Edit::SetOrientation(orientation) => Ok(Edit::SetOrientation(replace(
            &mut process.orientation,
            orientation,
        ))),
        Edit::SetRuleEnabled { rule, enabled } => {
            let was = process.rules.is_enabled(rule);
            process.rules.set_enabled(rule, enabled);
            Ok(Edit::SetRuleEnabled { rule, enabled: was })
        }

        edit @ (Edit::AddLane { .. }
        | Edit::RemoveLane { .. }
        | Edit::RenameLane { .. }
        | Edit::MoveLane { .. }
        | Edit::ResizeLane { .. }
        | Edit::AddPhase { .. }
        | Edit::RemovePhase { .. }
        | Edit::RenamePhase { .. }
        | Edit::MovePhase { .. }
        | Edit::ResizePhase { .. }) => apply_band_edit(process, edit),

        Edit::AddStep(step) => add_step(process, step),
        Edit::RemoveStep(id) => remove_step(process, id),
        Edit::MoveStep {
            id,
            lane,
            phase,
            at,
        } => move_step(process, id, lane, phase, at),
        Edit::SetStep { id, field } => set_step_field(process, id, field),
        Edit::SetRole { step, lane, roles } => {
            if process.lane(lane).is_none() {
                return Err(missing(lane));
            }
            let target = step_mut(process, step)?;
            let old = role_cell(&target.roles, lane);
            set_role_cell(&mut target.roles, lane, roles);
            Ok(Edit::SetRole {
                step,
                lane,
                roles: old,
            })
        }
        Edit::SetRoles { step, roles } => {
            check_role_lanes(process, &roles)?;
            let target = step_mut(process, step)?;
            let mut cleaned = roles;
            cleaned.retain(|_, set| !set.is_empty());
            let old = replace(&mut target.roles, cleaned);
            Ok(Edit::SetRoles { step, roles: old })
        }

        Edit::AddConnector(connector) => {
            if process.connectors.contains_key(&connector.id) {
                return Err(EditError::Duplicate(connector.id.to_string()));
            }
            check_step(process, connector.from)?;
            check_step(process, connector.to)?;
            let id = connector.id;
            process.connectors.insert(id, connector);
            Ok(Edit::RemoveConnector(id))
        }
        Edit::RemoveConnector(id) => process
            .connectors
            .remove(&id)
            .map(Edit::AddConnector)
            .ok_or_else(|| missing(id)),
        Edit::SetConnectorLabel { id, label } => {
            let connector = process.connectors.get_mut(&id).ok_or_else(|| missing(id))?;
            let old = replace(&mut connector.label, label);
            Ok(Edit::SetConnectorLabel { id, label: old })
        }
        Edit::SetConnectorEnds { id, from, to } => {
            check_step(process, from)?;
            check_step(process, to)?;
            let connector = process.connectors.get_mut(&id).ok_or_else(|| missing(id))?;
            let old_from = replace(&mut connector.from, from);
            let old_to = replace(&mut connector.to, to);
            Ok(Edit::SetConnectorEnds {
                id,
                from: old_from,
                to: old_to,
            })
        }

        Edit::SetConflicts(conflicts) => Ok(Edit::SetConflicts(replace(
            &mut process.conflicts,
            conflicts,
        ))),

        Edit::Batch(edits) => {
            let mut recorder = Recorder::new(process);
            for edit in edits {
                recorder.apply(edit)?;
            }
            Ok(recorder.finish())
        }
    }
}

/// The lane and phase edits: add, remove, rename, reorder, resize.
fn apply_band_edit(process: &mut Process, edit: Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::AddLane { index, lane } => {
            check_index(ListOf::Lanes, index, process.lanes.len() + 1)?;
            if process.lane(lane.id).is_some() {
                return Err(EditError::Duplicate(lane.id.to_string()));
            }
            check_size(&lane.id.to_string(), lane.size)?;
            let id = lane.id;
            process.lanes.insert(index, lane);
            Ok(Edit::RemoveLane {
                id,
                steps: LaneStepsFate::Remove,
            })
        }
        Edit::RemoveLane { id, steps } => remove_lane(process, id, steps),
        Edit::RenameLane { id, name } => {
            let lane = lane_mut(process, id)?;
            let old = replace(&mut lane.name, name);
            Ok(Edit::RenameLane { id, name: old })
        }
        Edit::MoveLane { id, index } => {
            let from = process.lane_index(id).ok_or_else(|| missing(id))?;
            check_index(ListOf::Lanes, index, process.lanes.len())?;
            let lane = process.lanes.remove(from);
            process.lanes.insert(index, lane);
            Ok(Edit::MoveLane { id, index: from })
        }
        Edit::ResizeLane { id, size } => {
            check_size(&id.to_string(), size)?;
            let lane = lane_mut(process, id)?;
            let old = replace(&mut lane.size, size);
            Ok(Edit::ResizeLane { id, size: old })
        }

        Edit::AddPhase { index, phase } => {
            check_index(ListOf::Phases, index, process.phases.len() + 1)?;
            if process.phase(phase.id).is_some() {
                return Err(EditError::Duplicate(phase.id.to_string()));
            }
            check_size(&phase.id.to_string(), phase.size)?;
            let id = phase.id;
            process.phases.insert(index, phase);
            Ok(Edit::RemovePhase {
                id,
                steps: PhaseStepsFate::Remove,
            })
        }
        Edit::RemovePhase { id, steps } => remove_phase(process, id, steps),
        Edit::RenamePhase { id, name } => {
            let phase = phase_mut(process, id)?;
            let old = replace(&mut phase.name, name);
            Ok(Edit::RenamePhase { id, name: old })
        }
        Edit::MovePhase { id, index } => {
            let from = process.phase_index(id).ok_or_else(|| missing(id))?;
            check_index(ListOf::Phases, index, process.phases.len())?;
            let phase = process.phases.remove(from);
            process.phases.insert(index, phase);
            Ok(Edit::MovePhase { id, index: from })
        }
        Edit::ResizePhase { id, size } => {
            check_size(&id.to_string(), size)?;
            let phase = phase_mut(process, id)?;
            let old = replace(&mut phase.size, size);
            Ok(Edit::ResizePhase { id, size: old })
        }

        // Only band edits are sent here; anything else goes the usual way.
        other => apply(process, other),
    }
}

/// Applies edits one after another, remembering their inverses, and undoes
/// the ones already applied when a later one fails (so a compound edit is
/// all or nothing).
struct Recorder<'a> {
    process: &'a mut Process,
    inverses: Vec<Edit>,
}

impl<'a> Recorder<'a> {
    fn new(process: &'a mut Process) -> Self {
        Recorder {
            process,
            inverses: Vec::new(),
        }
    }

    fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        match apply(self.process, edit) {
            Ok(inverse) => {
                self.inverses.push(inverse);
                Ok(())
            }
            Err(err) => {
                while let Some(inverse) = self.inverses.pop() {
                    // An inverse restores a state the edit left, so it applies.
                    let restored = apply(self.process, inverse);
                    debug_assert!(restored.is_ok(), "inverse failed: {restored:?}");
                }
                Err(err)
            }
        }
    }

    /// Records an inverse for a change made directly (it cannot fail).
    fn record(&mut self, inverse: Edit) {
        self.inverses.push(inverse);
    }

    fn finish(mut self) -> Edit {
        self.inverses.reverse();
        Edit::Batch(self.inverses)
    }
}

fn remove_lane(process: &mut Process, id: LaneId, fate: LaneStepsFate) -> Result<Edit, EditError> {
    let index = process.lane_index(id).ok_or_else(|| missing(id))?;
    if let LaneStepsFate::MoveTo(target) = fate {
        if target == id {
            return Err(EditError::FateIsItself(id.to_string()));
        }
        if process.lane(target).is_none() {
            return Err(missing(target));
        }
    }
    let in_lane: Vec<(StepId, Option<PhaseId>, super::FlowPoint)> = process
        .steps
        .values()
        .filter(|s| s.lane == id)
        .map(|s| (s.id, s.phase, s.at))
        .collect();
    let mut recorder = Recorder::new(process);
    for (step, phase, at) in in_lane {
        recorder.apply(match fate {
            LaneStepsFate::MoveTo(lane) => Edit::MoveStep {
                id: step,
                lane,
                phase,
                at,
            },
            LaneStepsFate::Remove => Edit::RemoveStep(step),
        })?;
    }
    let referencing: Vec<(StepId, Roles)> = recorder
        .process
        .steps
        .values()
        .filter(|s| s.roles.contains_key(&id))
        .map(|s| {
            let mut roles = s.roles.clone();
            roles.remove(&id);
            (s.id, roles)
        })
        .collect();
    for (step, roles) in referencing {
        recorder.apply(Edit::SetRoles { step, roles })?;
    }
    let lane = recorder.process.lanes.remove(index);
    recorder.record(Edit::AddLane { index, lane });
    Ok(recorder.finish())
}

fn remove_phase(
    process: &mut Process,
    id: PhaseId,
    fate: PhaseStepsFate,
) -> Result<Edit, EditError> {
    let index = process.phase_index(id).ok_or_else(|| missing(id))?;
    if let PhaseStepsFate::MoveTo(target) = fate {
        if target == id {
            return Err(EditError::FateIsItself(id.to_string()));
        }
        if process.phase(target).is_none() {
            return Err(missing(target));
        }
    }
    let start = process.phase_start(id);
    let in_phase: Vec<(StepId, LaneId, super::FlowPoint)> = process
        .steps
        .values()
        .filter(|s| s.phase == Some(id))
        .map(|s| (s.id, s.lane, s.at))
        .collect();
    let mut recorder = Recorder::new(process);
    for (step, lane, at) in in_phase {
        recorder.apply(match fate {
            PhaseStepsFate::MoveTo(phase) => Edit::MoveStep {
                id: step,
                lane,
                phase: Some(phase),
                at,
            },
            PhaseStepsFate::Unassign => Edit::MoveStep {
                id: step,
                lane,
                phase: None,
                at: super::FlowPoint::new(at.along + start, at.across),
            },
            PhaseStepsFate::Remove => Edit::RemoveStep(step),
        })?;
    }
    let phase = recorder.process.phases.remove(index);
    recorder.record(Edit::AddPhase { index, phase });
    Ok(recorder.finish())
}

fn add_step(process: &mut Process, step: Step) -> Result<Edit, EditError> {
    if process.steps.contains_key(&step.id) {
        return Err(EditError::Duplicate(step.id.to_string()));
    }
    if process.lane(step.lane).is_none() {
        return Err(missing(step.lane));
    }
    if let Some(phase) = step.phase
        && process.phase(phase).is_none()
    {
        return Err(missing(phase));
    }
    if !step.at.is_finite() {
        return Err(EditError::BadPosition(step.id.to_string()));
    }
    if step.pinned_number == Some(0) {
        return Err(EditError::ZeroNumber);
    }
    check_role_lanes(process, &step.roles)?;
    if let Some(head) = step.group {
        check_group_head(process, step.id, head)?;
    }
    let id = step.id;
    process.steps.insert(id, step);
    Ok(Edit::RemoveStep(id))
}

fn remove_step(process: &mut Process, id: StepId) -> Result<Edit, EditError> {
    check_step(process, id)?;
    let connectors: Vec<_> = process.connectors_of(id).map(|c| c.id).collect();
    let members: Vec<StepId> = process
        .steps
        .values()
        .filter(|s| s.group == Some(id))
        .map(|s| s.id)
        .collect();
    let mut recorder = Recorder::new(process);
    for connector in connectors {
        recorder.apply(Edit::RemoveConnector(connector))?;
    }
    for member in members {
        recorder.apply(Edit::SetStep {
            id: member,
            field: StepField::Group(None),
        })?;
    }
    if let Some(step) = recorder.process.steps.remove(&id) {
        recorder.record(Edit::AddStep(step));
    }
    Ok(recorder.finish())
}

fn move_step(
    process: &mut Process,
    id: StepId,
    lane: LaneId,
    phase: Option<PhaseId>,
    at: super::FlowPoint,
) -> Result<Edit, EditError> {
    if process.lane(lane).is_none() {
        return Err(missing(lane));
    }
    if let Some(phase) = phase
        && process.phase(phase).is_none()
    {
        return Err(missing(phase));
    }
    if !at.is_finite() {
        return Err(EditError::BadPosition(id.to_string()));
    }
    let executor = process.scheme.scheme().executor();
    let step = step_mut(process, id)?;
    let old_lane = replace(&mut step.lane, lane);
    let back = Edit::MoveStep {
        id,
        lane: old_lane,
        phase: replace(&mut step.phase, phase),
        at: replace(&mut step.at, at),
    };
    if old_lane == lane {
        return Ok(back);
    }
    // Moving back may itself carry an E along, so the inverse restores the
    // roles exactly, whether or not this move changed them.
    let old_roles = step.roles.clone();
    let inverse = Edit::Batch(vec![
        back,
        Edit::SetRoles {
            step: id,
            roles: old_roles,
        },
    ]);
    if !executes_only_in(&step.roles, old_lane, executor) {
        return Ok(inverse);
    }
    let moved = role_cell(&step.roles, old_lane).without(executor);
    set_role_cell(&mut step.roles, old_lane, moved);
    let gained = role_cell(&step.roles, lane).with(executor);
    set_role_cell(&mut step.roles, lane, gained);
    Ok(inverse)
}

/// True when `lane` holds the executing letter (AECI's E) and no other
/// lane does.
fn executes_only_in(roles: &Roles, lane: LaneId, executor: Role) -> bool {
    let mut executors = roles
        .iter()
        .filter(|(_, set)| set.contains(executor))
        .map(|(l, _)| *l);
    executors.next() == Some(lane) && executors.next().is_none()
}

fn set_step_field(process: &mut Process, id: StepId, field: StepField) -> Result<Edit, EditError> {
    match &field {
        StepField::PinnedNumber(Some(0)) => return Err(EditError::ZeroNumber),
        StepField::Group(Some(head)) => check_group_head(process, id, *head)?,
        _ => {}
    }
    let step = step_mut(process, id)?;
    let old = match field {
        StepField::Kind(kind) => StepField::Kind(replace(&mut step.kind, kind)),
        StepField::Title(title) => StepField::Title(replace(&mut step.title, title)),
        StepField::Description(text) => {
            StepField::Description(replace(&mut step.description, text))
        }
        StepField::Outputs(outputs) => StepField::Outputs(replace(&mut step.outputs, outputs)),
        StepField::PinnedNumber(number) => {
            StepField::PinnedNumber(replace(&mut step.pinned_number, number))
        }
        StepField::Group(group) => StepField::Group(replace(&mut step.group, group)),
    };
    Ok(Edit::SetStep { id, field: old })
}

/// A step may join the row of `head` when `head` is not itself grouped and
/// no step is grouped under the step (groups are one level deep). Kinds are
/// not checked: the table simply leaves out steps that are not work steps.
fn check_group_head(process: &Process, id: StepId, head: StepId) -> Result<(), EditError> {
    let fail = |why| EditError::BadGroup {
        step: id.to_string(),
        head: head.to_string(),
        why,
    };
    let head_step = process.steps.get(&head).ok_or_else(|| missing(head))?;
    if head == id {
        return Err(fail(GroupRefusal::OwnHead));
    }
    if head_step.group.is_some() {
        return Err(fail(GroupRefusal::HeadGrouped));
    }
    if process.steps.values().any(|s| s.group == Some(id)) {
        return Err(fail(GroupRefusal::HasMembers));
    }
    Ok(())
}

fn set_overview(overview: &mut Overview, field: OverviewField) -> OverviewField {
    use OverviewField as F;
    match field {
        F::Name(v) => F::Name(replace(&mut overview.name, v)),
        F::Number(v) => F::Number(replace(&mut overview.number, v)),
        F::Definition(v) => F::Definition(replace(&mut overview.definition, v)),
        F::Purpose(v) => F::Purpose(replace(&mut overview.purpose, v)),
        F::KeyPoints(v) => F::KeyPoints(replace(&mut overview.key_points, v)),
        F::Participants(v) => F::Participants(replace(&mut overview.participants, v)),
        F::Cycle(v) => F::Cycle(replace(&mut overview.cycle, v)),
        F::RelatedProcesses(v) => F::RelatedProcesses(replace(&mut overview.related_processes, v)),
        F::RelatedDocuments(v) => F::RelatedDocuments(replace(&mut overview.related_documents, v)),
        F::Owner(v) => F::Owner(replace(&mut overview.owner, v)),
    }
}

fn missing(what: impl ToString) -> EditError {
    EditError::Missing(what.to_string())
}

fn check_index(what: ListOf, index: usize, len: usize) -> Result<(), EditError> {
    if index < len {
        Ok(())
    } else {
        Err(EditError::BadIndex { what, index, len })
    }
}

fn check_size(what: &str, size: f32) -> Result<(), EditError> {
    if size.is_finite() && size > 0.0 {
        Ok(())
    } else {
        Err(EditError::BadSize {
            what: what.to_owned(),
            value: size,
        })
    }
}

fn check_step(process: &Process, id: StepId) -> Result<(), EditError> {
    if process.steps.contains_key(&id) {
        Ok(())
    } else {
        Err(missing(id))
    }
}

fn check_role_lanes(process: &Process, roles: &Roles) -> Result<(), EditError> {
    match roles.keys().find(|lane| process.lane(**lane).is_none()) {
        Some(lane) => Err(missing(lane)),
        None => Ok(()),
    }
}

fn step_mut(process: &mut Process, id: StepId) -> Result<&mut Step, EditError> {
    process.steps.get_mut(&id).ok_or_else(|| missing(id))
}

fn lane_mut(process: &mut Process, id: LaneId) -> Result<&mut super::Lane, EditError> {
    process
        .lanes
        .iter_mut()
        .find(|l| l.id == id)
        .ok_or_else(|| missing(id))
}

fn phase_mut(process: &mut Process, id: PhaseId) -> Result<&mut super::Phase, EditError> {
    process
        .phases
        .iter_mut()
        .find(|p| p.id == id)
        .ok_or_else(|| missing(id))
}
