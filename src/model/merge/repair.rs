//! What makes a merged process whole again: a lane or phase one side
//! deleted while the other put steps in it comes back (a conflict), what
//! refers to a step that is gone lets go, and a step theirs added on top
//! of another is moved beside it.

use super::{MergeNote, Sides};
use crate::model::conflict::{Conflict, Field, Subject, Value};
use crate::model::ids::StepId;
use crate::model::process::Process;
use std::collections::BTreeSet;

/// How close two step centres in one lane and phase may come, along and
/// across, before the added one is moved (a box is about 120 × 56).
const CROWDED: (f32, f32) = (130.0, 50.0);
/// How far along an added step is moved each time it is crowded.
const STEP_ASIDE: f32 = 160.0;
/// How many times at most.
const MAX_STEPS_ASIDE: usize = 200;

/// Brings back each lane and phase a step of the merge still stands in
/// (or, for a lane, gives a letter to), with a conflict saying one side
/// deleted it.
pub fn restore_bands(sides: &mut Sides, out: &mut Process) {
    let lanes: BTreeSet<_> = out
        .steps
        .values()
        .flat_map(|s| {
            std::iter::once(s.lane).chain(
                s.roles
                    .iter()
                    .filter(|(_, r)| !r.is_empty())
                    .map(|(l, _)| *l),
            )
        })
        .collect();
    for id in lanes {
        if out.lane(id).is_some() {
            continue;
        }
        let found = [sides.ours, sides.theirs]
            .iter()
            .find_map(|p| Some((p.lane(id)?.clone(), p.lane_index(id)?)));
        let Some((lane, index)) = found else {
            continue;
        };
        let value = |p: &Process| match (p.lane(id), p.lane_index(id)) {
            (Some(l), Some(i)) => Value::Lane(Box::new(l.clone()), i),
            _ => Value::Absent,
        };
        record(
            sides,
            Subject::Lane(id),
            [value(sides.base), value(sides.ours), value(sides.theirs)],
        );
        out.lanes.insert(index.min(out.lanes.len()), lane);
    }
    let phases: BTreeSet<_> = out.steps.values().filter_map(|s| s.phase).collect();
    for id in phases {
        if out.phase(id).is_some() {
            continue;
        }
        let found = [sides.ours, sides.theirs]
            .iter()
            .find_map(|p| Some((p.phase(id)?.clone(), p.phase_index(id)?)));
        let Some((phase, index)) = found else {
            continue;
        };
        let value = |p: &Process| match (p.phase(id), p.phase_index(id)) {
            (Some(ph), Some(i)) => Value::Phase(Box::new(ph.clone()), i),
            _ => Value::Absent,
        };
        record(
            sides,
            Subject::Phase(id),
            [value(sides.base), value(sides.ours), value(sides.theirs)],
        );
        out.phases.insert(index.min(out.phases.len()), phase);
    }
}

/// A deleted-and-changed conflict for a band, unless one is recorded.
fn record(sides: &mut Sides, subject: Subject, [base, ours, theirs]: [Value; 3]) {
    let known = sides
        .conflicts
        .iter()
        .any(|c| c.subject == subject && c.field == Field::Exists);
    if !known {
        sides.conflicts.push(Conflict {
            subject,
            field: Field::Exists,
            base,
            ours,
            theirs,
        });
    }
}

/// Letters of lanes that are gone, groups under steps that are gone (or
/// are grouped themselves), and connectors of steps that are gone.
pub fn drop_dangling(out: &mut Process, notes: &mut Vec<MergeNote>) {
    let lanes: BTreeSet<_> = out.lanes.iter().map(|l| l.id).collect();
    let heads: BTreeSet<StepId> = out
        .steps
        .values()
        .filter(|s| s.group.is_none())
        .map(|s| s.id)
        .collect();
    for step in out.steps.values_mut() {
        step.roles.retain(|lane, _| lanes.contains(lane));
        if step
            .group
            .is_some_and(|g| g == step.id || !heads.contains(&g))
        {
            step.group = None;
        }
        if step
            .phase
            .is_some_and(|p| !out.phases.iter().any(|ph| ph.id == p))
        {
            step.phase = None;
        }
    }
    let steps = &out.steps;
    let gone: Vec<_> = out
        .connectors
        .values()
        .filter(|c| !steps.contains_key(&c.from) || !steps.contains_key(&c.to))
        .map(|c| c.id)
        .collect();
    for id in gone {
        out.connectors.remove(&id);
        notes.push(MergeNote::DroppedConnector(id));
    }
}

/// Moves each step only THEIRS added along its lane until no step the
/// merge put near it stands on it (steps that stood so on THEIRS' side
/// stay as they were drawn).
pub fn nudge(
    out: &mut Process,
    theirs: &Process,
    added: &BTreeSet<StepId>,
    notes: &mut Vec<MergeNote>,
) {
    for id in added {
        let Some(step) = out.steps.get(id).cloned() else {
            continue;
        };
        let place = |s: &crate::model::process::Step| (s.lane, s.phase, s.at);
        let crowded = |along: f32| {
            out.steps.values().any(|o| {
                o.id != step.id
                    && theirs.steps.get(&o.id).map(place) != Some(place(o))
                    && o.lane == step.lane
                    && o.phase == step.phase
                    && (o.at.along - along).abs() < CROWDED.0
                    && (o.at.across - step.at.across).abs() < CROWDED.1
            })
        };
        let mut along = step.at.along;
        let mut moved = 0;
        while crowded(along) && moved < MAX_STEPS_ASIDE {
            along += STEP_ASIDE;
            moved += 1;
        }
        if moved > 0
            && let Some(s) = out.steps.get_mut(id)
        {
            s.at.along = along;
            notes.push(MergeNote::Nudged(*id));
        }
    }
}
