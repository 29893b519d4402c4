//! Flowcase's own extension read back from a BPMN file it wrote: the
//! overview, role scheme, phases and rule switches of the process, and each step's
//! phase, roles, 要点, outputs and pinned number.

use super::elements::{children, is_fc, name_of, number};
use crate::model::{LaneId, Phase, PhaseId, Process, RoleSet, RuleId, Step, StepId};
use roxmltree::Node;

pub(super) fn read_overview(
    process: &mut Process,
    ext: Option<Node>,
    processes: &[(String, Node)],
    fallback: &str,
) {
    let first_name = processes
        .iter()
        .map(|(pool, p)| {
            if pool.is_empty() {
                name_of(*p)
            } else {
                pool.clone()
            }
        })
        .find(|n| !n.is_empty())
        .unwrap_or_else(|| fallback.to_owned());
    process.overview.name = first_name;
    let Some(ext) = ext else {
        return;
    };
    if let Some(scheme) = ext
        .attribute("scheme")
        .and_then(crate::model::scheme::SchemeName::parse)
    {
        process.scheme = scheme;
    }
    if let Some(o) = children(ext).find(|c| is_fc(*c, "overview")) {
        let field = |a: &str| o.attribute(a).unwrap_or("").to_owned();
        let ov = &mut process.overview;
        ov.name = field("name");
        ov.number = field("number");
        ov.definition = field("definition");
        ov.purpose = field("purpose");
        ov.participants = field("participants");
        ov.cycle = field("cycle");
        ov.owner = field("owner");
        let items = |tag: &str| -> Vec<String> {
            children(o)
                .filter(|c| is_fc(*c, tag))
                .map(|c| c.text().unwrap_or("").to_owned())
                .collect()
        };
        ov.key_points = items("keyPoint");
        ov.related_processes = items("relatedProcess");
        ov.related_documents = items("relatedDocument");
    }
    for ph in children(ext).filter(|c| is_fc(*c, "phase")) {
        let Some(id) = ph.attribute("id").and_then(|v| v.parse::<u32>().ok()) else {
            continue;
        };
        process.phases.push(Phase {
            id: PhaseId(id),
            name: ph.attribute("name").unwrap_or("").to_owned(),
            size: number(ph, "size").unwrap_or(Phase::DEFAULT_SIZE),
        });
    }
    if let Some(rules) = children(ext).find(|c| is_fc(*c, "rules")) {
        let disabled = rules.attribute("disabled").unwrap_or("");
        for rule in RuleId::ALL {
            if disabled.split(',').any(|d| d.trim() == format!("{rule:?}")) {
                process.rules.set_enabled(rule, false);
            }
        }
    }
}

/// Reads step extension `e` into `step`; `by_bpmn` and `lane_of` give the
/// step and lane a BPMN id became.
pub(super) fn read_step_extension(
    step: &mut Step,
    e: Node,
    process: &Process,
    by_bpmn: &dyn Fn(&str) -> Option<StepId>,
    lane_of: &dyn Fn(&str) -> Option<LaneId>,
) {
    step.phase = e
        .attribute("phase")
        .and_then(|p| p.parse::<u32>().ok())
        .map(PhaseId)
        .filter(|p| process.phase(*p).is_some());
    step.pinned_number = e.attribute("pinned").and_then(|p| p.parse().ok());
    step.group = e.attribute("group").and_then(by_bpmn);
    let roles: Vec<(LaneId, RoleSet)> = children(e)
        .filter(|c| is_fc(*c, "role"))
        .filter_map(|r| {
            let lane = lane_of(r.attribute("lane")?)?;
            let set = RoleSet::parse(r.attribute("letters")?).ok()?;
            Some((lane, set))
        })
        .collect();
    if !roles.is_empty() || children(e).any(|c| is_fc(c, "role")) {
        step.roles = roles.into_iter().filter(|(_, s)| !s.is_empty()).collect();
    } else if extension_written_by_flowcase(e) {
        step.roles.clear();
    }
    step.description = children(e)
        .find(|c| is_fc(*c, "description"))
        .and_then(|d| d.text())
        .unwrap_or("")
        .to_owned();
    step.outputs = children(e)
        .filter(|c| is_fc(*c, "output"))
        .map(|o| o.text().unwrap_or("").to_owned())
        .collect();
}

/// A Flowcase step extension always carries its place; one that does, with
/// no roles listed, means the step had none.
fn extension_written_by_flowcase(e: Node) -> bool {
    e.attribute("along").is_some() && e.attribute("across").is_some()
}
