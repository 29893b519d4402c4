//! The AECI table, derived from the chart: one row per main step, one
//! column per lane.

use super::ids::{LaneId, StepId};
use super::numbering::Numbering;
use super::process::{Process, Step};
use super::roles::{RoleSet, role_cell};
use std::collections::BTreeMap;

/// The whole table, as the deck's AECI表 shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AeciTable {
    /// One column per lane, in lane order.
    pub lanes: Vec<TableLane>,
    /// One row per main step, in number order.
    pub rows: Vec<AeciRow>,
}

/// A lane column of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct TableLane {
    pub id: LaneId,
    pub name: String,
}

/// One main step (主要步骤) with the steps merged into it.
#[derive(Clone, Debug, PartialEq)]
pub struct AeciRow {
    /// The main step's number (编号).
    pub number: u32,
    /// The main step.
    pub head: StepId,
    /// The main step first, then the steps grouped under it in number order.
    pub steps: Vec<StepId>,
    /// 主要步骤: the main step's title.
    pub title: String,
    /// 要点: the descriptions of the merged steps, one per line.
    pub description: String,
    /// 输出: the merged steps' outputs, each once.
    pub outputs: Vec<String>,
    /// One cell per lane column: the union of the merged steps' letters.
    pub cells: Vec<RoleSet>,
}

impl AeciRow {
    /// The cell of a lane, empty when the lane is not a column.
    pub fn cell(&self, table: &AeciTable, lane: LaneId) -> RoleSet {
        table
            .lanes
            .iter()
            .position(|l| l.id == lane)
            .and_then(|i| self.cells.get(i).copied())
            .unwrap_or_default()
    }
}

/// The main step a work step's row belongs to: its group's head when that
/// is an ungrouped work step, otherwise the step itself.
pub fn main_step_of(process: &Process, step: &Step) -> StepId {
    match step.group.and_then(|g| process.steps.get(&g)) {
        Some(head) if head.kind.is_work_step() && head.group.is_none() => head.id,
        _ => step.id,
    }
}

/// Builds the AECI table of a process from its numbering.
pub fn aeci_table(process: &Process, numbering: &Numbering) -> AeciTable {
    let lanes: Vec<TableLane> = process
        .lanes
        .iter()
        .map(|l| TableLane {
            id: l.id,
            name: l.name.clone(),
        })
        .collect();

    // Group the numbered steps by main step, keeping number order inside.
    let mut members: BTreeMap<StepId, Vec<&Step>> = BTreeMap::new();
    for (_, id) in numbering.in_order() {
        if let Some(step) = process.steps.get(&id) {
            members
                .entry(main_step_of(process, step))
                .or_default()
                .push(step);
        }
    }

    let mut rows: Vec<AeciRow> = members
        .into_iter()
        .filter_map(|(head_id, steps)| {
            let head = process.steps.get(&head_id)?;
            let number = numbering.of(head_id)?;
            // The head leads its row, then its members in number order.
            let mut ordered: Vec<&Step> = vec![head];
            ordered.extend(steps.into_iter().filter(|s| s.id != head_id));
            let description = ordered
                .iter()
                .map(|s| s.description.trim())
                .filter(|d| !d.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            let mut outputs: Vec<String> = Vec::new();
            for output in ordered.iter().flat_map(|s| s.outputs.iter()) {
                if !outputs.contains(output) {
                    outputs.push(output.clone());
                }
            }
            let cells = lanes
                .iter()
                .map(|lane| {
                    ordered.iter().fold(RoleSet::EMPTY, |set, s| {
                        set.union(role_cell(&s.roles, lane.id))
                    })
                })
                .collect();
            Some(AeciRow {
                number,
                head: head_id,
                steps: ordered.iter().map(|s| s.id).collect(),
                title: head.title.clone(),
                description,
                outputs,
                cells,
            })
        })
        .collect();
    rows.sort_by_key(|r| (r.number, r.head));
    AeciTable { lanes, rows }
}
