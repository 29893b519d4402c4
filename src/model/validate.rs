//! The invariants every process holds: unique ids, no dangling references,
//! finite geometry, one-level groups. Loading checks them; edits keep them.

use super::process::Process;
use std::collections::BTreeSet;

/// Checks a process, returning the first broken invariant as a sentence
/// naming the ids involved.
pub fn validate(process: &Process) -> Result<(), String> {
    let mut lanes = BTreeSet::new();
    for lane in &process.lanes {
        if !lanes.insert(lane.id) {
            return Err(format!("two lanes have the id {}", lane.id.0));
        }
        if !(lane.size.is_finite() && lane.size > 0.0) {
            return Err(format!(
                "{} (\"{}\") has size {}, which is not a finite number above zero",
                lane.id, lane.name, lane.size
            ));
        }
    }
    let mut phases = BTreeSet::new();
    for phase in &process.phases {
        if !phases.insert(phase.id) {
            return Err(format!("two phases have the id {}", phase.id.0));
        }
        if !(phase.size.is_finite() && phase.size > 0.0) {
            return Err(format!(
                "{} (\"{}\") has size {}, which is not a finite number above zero",
                phase.id, phase.name, phase.size
            ));
        }
    }
    for (key, step) in &process.steps {
        if *key != step.id {
            return Err(format!("{} is stored under the id {}", step.id, key.0));
        }
        if !lanes.contains(&step.lane) {
            return Err(format!(
                "{} is in {}, which does not exist",
                step.id, step.lane
            ));
        }
        if let Some(phase) = step.phase
            && !phases.contains(&phase)
        {
            return Err(format!("{} is in {}, which does not exist", step.id, phase));
        }
        if !step.at.is_finite() {
            return Err(format!(
                "the position of {} is not a finite number",
                step.id
            ));
        }
        if step.pinned_number == Some(0) {
            return Err(format!(
                "{} is pinned to number 0; numbers start at 1",
                step.id
            ));
        }
        if let Some(lane) = step.roles.keys().find(|l| !lanes.contains(l)) {
            return Err(format!(
                "{} gives a role to {}, which does not exist",
                step.id, lane
            ));
        }
        if let Some(head) = step.group {
            let Some(head_step) = process.steps.get(&head) else {
                return Err(format!(
                    "{} is grouped under {}, which does not exist",
                    step.id, head
                ));
            };
            if head == step.id {
                return Err(format!("{} is grouped under itself", step.id));
            }
            if let Some(above) = head_step.group {
                return Err(format!(
                    "{} is grouped under {}, which is itself grouped under {}",
                    step.id, head, above
                ));
            }
        }
    }
    for (key, connector) in &process.connectors {
        if *key != connector.id {
            return Err(format!("{} is stored under the id {}", connector.id, key.0));
        }
        for end in [connector.from, connector.to] {
            if !process.steps.contains_key(&end) {
                return Err(format!(
                    "{} connects {}, which does not exist",
                    connector.id, end
                ));
            }
        }
    }
    Ok(())
}
