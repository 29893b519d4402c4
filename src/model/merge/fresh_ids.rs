//! Two people adding a step at the same place make the same new ids. What
//! THEIRS added under an id OURS used for something else gets a fresh id,
//! and everything of theirs that refers to it follows.

use super::MergeNote;
use crate::model::ids::{ConnectorId, LaneId, PhaseId, StepId};
use crate::model::process::Process;
use std::collections::BTreeMap;

/// `theirs` with its colliding additions renumbered.
pub fn renumber_additions(
    base: &Process,
    ours: &Process,
    theirs: &Process,
    notes: &mut Vec<MergeNote>,
) -> Process {
    let top =
        |f: &dyn Fn(&Process) -> u32| [base, ours, theirs].iter().map(|p| f(p)).max().unwrap_or(0);
    let mut next_lane = top(&|p| p.next_lane_id().0);
    let mut next_phase = top(&|p| p.next_phase_id().0);
    let mut next_step = top(&|p| p.next_step_id().0);
    let mut next_connector = top(&|p| p.next_connector_id().0);
    let fresh = |next: &mut u32| {
        let id = *next;
        *next += 1;
        id
    };
    let lanes: BTreeMap<LaneId, LaneId> = theirs
        .lanes
        .iter()
        .filter(|l| base.lane(l.id).is_none() && ours.lane(l.id).is_some_and(|o| o != *l))
        .map(|l| (l.id, LaneId(fresh(&mut next_lane))))
        .collect();
    let phases: BTreeMap<PhaseId, PhaseId> = theirs
        .phases
        .iter()
        .filter(|p| base.phase(p.id).is_none() && ours.phase(p.id).is_some_and(|o| o != *p))
        .map(|p| (p.id, PhaseId(fresh(&mut next_phase))))
        .collect();
    let steps: BTreeMap<StepId, StepId> = theirs
        .steps
        .values()
        .filter(|s| {
            !base.steps.contains_key(&s.id) && ours.steps.get(&s.id).is_some_and(|o| o != *s)
        })
        .map(|s| (s.id, StepId(fresh(&mut next_step))))
        .collect();
    let connectors: BTreeMap<ConnectorId, ConnectorId> = theirs
        .connectors
        .values()
        .filter(|c| {
            !base.connectors.contains_key(&c.id)
                && ours.connectors.get(&c.id).is_some_and(|o| o != *c)
        })
        .map(|c| (c.id, ConnectorId(fresh(&mut next_connector))))
        .collect();
    let renumbered = lanes.len() + phases.len() + steps.len() + connectors.len();
    if renumbered == 0 {
        return theirs.clone();
    }
    notes.push(MergeNote::Renumbered(renumbered));
    let lane = |id: LaneId| lanes.get(&id).copied().unwrap_or(id);
    let phase = |id: PhaseId| phases.get(&id).copied().unwrap_or(id);
    let step = |id: StepId| steps.get(&id).copied().unwrap_or(id);
    let mut out = theirs.clone();
    for l in &mut out.lanes {
        l.id = lane(l.id);
    }
    for p in &mut out.phases {
        p.id = phase(p.id);
    }
    out.steps = theirs
        .steps
        .values()
        .map(|s| {
            let mut s = s.clone();
            s.id = step(s.id);
            s.lane = lane(s.lane);
            s.phase = s.phase.map(phase);
            s.group = s.group.map(step);
            s.roles = s.roles.into_iter().map(|(l, r)| (lane(l), r)).collect();
            (s.id, s)
        })
        .collect();
    out.connectors = theirs
        .connectors
        .values()
        .map(|c| {
            let mut c = c.clone();
            c.id = connectors.get(&c.id).copied().unwrap_or(c.id);
            c.from = step(c.from);
            c.to = step(c.to);
            (c.id, c)
        })
        .collect();
    out
}
