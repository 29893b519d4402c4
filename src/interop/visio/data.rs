//! The Shape Data rows Flowcase writes into a `.vsdx` and reads back:
//! each step's roles (a row per lane, labelled with the lane's name), 要点,
//! outputs, number and exit; the overview on the container; and, hidden,
//! where each step and band stood in Flowcase, used again when the shape
//! was not moved in Visio.

use super::sheets::{Inherit, Sheet};
use crate::model::scheme::SchemeName;
use crate::model::{FlowPoint, LaneId, Process, RoleSet, StepId, StepKind};
use std::collections::BTreeMap;

pub const ROLE_PREFIX: &str = "Role_";
pub const NUMBER: &str = "Number";
pub const PINNED: &str = "Flowcase_Pinned";
pub const KEY_POINTS: &str = "KeyPoints";
pub const OUTPUTS: &str = "Outputs";
pub const MAIN_STEP: &str = "Flowcase_MainStep";
pub const EXIT_NUMBER: &str = "ExitNumber";
pub const EXIT_NAME: &str = "ExitName";
/// Hidden: `along;across;pinX;pinY` of a step as exported.
pub const AT: &str = "Flowcase_At";
/// Hidden: `size;drawn;header depth` of a lane or phase as exported.
pub const SIZE: &str = "Flowcase_Size";
pub const SCHEME: &str = "RoleScheme";

/// The overview's rows on the container: row name and the field.
pub const OVERVIEW: [&str; 10] = [
    "ProcessName",
    "ProcessNumber",
    "Definition",
    "Purpose",
    "KeyPoints",
    "Participants",
    "Cycle",
    "RelatedProcesses",
    "RelatedDocuments",
    "Owner",
];

fn value<'a>(sheet: &'a Sheet, row: &str) -> Option<&'a str> {
    sheet.data.get(row).map(|(_, v)| v.as_str())
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The overview from a container's rows, where Flowcase wrote them.
pub fn read_overview(sheet: &Sheet, process: &mut Process) {
    if value(sheet, OVERVIEW[0]).is_none() {
        return;
    }
    let text = |row: &str| value(sheet, row).unwrap_or("").to_owned();
    let o = &mut process.overview;
    // The page's name stays when the row is blank.
    if !text("ProcessName").trim().is_empty() {
        o.name = text("ProcessName");
    }
    o.number = text("ProcessNumber");
    o.definition = text("Definition");
    o.purpose = text("Purpose");
    o.key_points = lines(&text("KeyPoints"));
    o.participants = text("Participants");
    o.cycle = text("Cycle");
    o.related_processes = lines(&text("RelatedProcesses"));
    o.related_documents = lines(&text("RelatedDocuments"));
    o.owner = text("Owner");
    if let Some(scheme) = value(sheet, SCHEME).and_then(SchemeName::parse) {
        process.scheme = scheme;
    }
}

/// The numbers of a hidden row, when it holds at least `n` of them, each
/// within what a chart may measure.
fn numbers(sheet: &Sheet, row: &str, n: usize) -> Option<Vec<f64>> {
    let most = crate::model::limits::MAX_COORDINATE as f64;
    let found: Vec<f64> = value(sheet, row)?
        .split(';')
        .map(|v| {
            let v = v.trim().parse::<f64>().ok()?;
            (v.is_finite() && v.abs() <= most).then_some(v)
        })
        .collect::<Option<_>>()?;
    (found.len() >= n).then_some(found)
}

/// How deep a lane's header is along the flow, where an export said.
pub fn header_depth(sheet: &Sheet) -> Option<f32> {
    numbers(sheet, SIZE, 3)
        .map(|v| v[2] as f32)
        .filter(|d| *d >= 0.0)
}

/// Where a step stood in Flowcase, when its shape still stands where the
/// export put it; else `located`, where it is drawn now.
pub fn kept_at(sheet: &Sheet, located: FlowPoint) -> FlowPoint {
    let Some(v) = numbers(sheet, AT, 4) else {
        return located;
    };
    let same = |cell: &str, was: f64| {
        sheet
            .number(cell)
            .is_some_and(|now| (now - was).abs() < 1e-6)
    };
    if same("PinX", v[2]) && same("PinY", v[3]) {
        FlowPoint::new(v[0] as f32, v[1] as f32)
    } else {
        located
    }
}

/// A band's size in Flowcase, when it is drawn as wide as exported; else
/// as drawn.
pub fn kept_size(sheet: &Sheet, drawn: f32) -> f32 {
    match numbers(sheet, SIZE, 2) {
        Some(v) if (v[1] as f32 - drawn).abs() < 0.05 => v[0] as f32,
        _ => drawn,
    }
}

/// Each step's roles, 要点, outputs, pinned number, exit and main step from
/// the rows Flowcase wrote; `step_of` gives the step of a sheet (by its
/// index). A step whose shape has no role rows (drawn in Visio) keeps E in
/// its own lane.
pub fn read_step_data(inh: &Inherit, step_of: &BTreeMap<usize, StepId>, process: &mut Process) {
    let lanes = LaneFinder::new(process);
    for (index, step_id) in step_of {
        let Some(sheet) = inh.page.all.get(*index) else {
            continue;
        };
        let main = value(sheet, MAIN_STEP)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .and_then(|id| inh.page.by_id.get(&id))
            .and_then(|i| step_of.get(i))
            .copied();
        let Some(step) = process.steps.get_mut(step_id) else {
            continue;
        };
        if sheet.data.keys().any(|k| k.starts_with(ROLE_PREFIX)) {
            step.roles = sheet
                .data
                .iter()
                .filter_map(|(row, (label, letters))| {
                    let k = row.strip_prefix(ROLE_PREFIX)?.parse::<usize>().ok()?;
                    let set = RoleSet::parse(letters).ok().filter(|s| !s.is_empty())?;
                    Some((lanes.lane(label, k)?, set))
                })
                .collect();
        }
        if let Some(text) = value(sheet, KEY_POINTS) {
            step.description = text.to_owned();
        }
        if let Some(text) = value(sheet, OUTPUTS) {
            step.outputs = lines(text);
        }
        step.pinned_number = value(sheet, PINNED)
            .and_then(|v| v.trim().parse().ok())
            .filter(|n| *n > 0);
        step.group = main.filter(|m| m != step_id);
        if let StepKind::ProcessExit { number, name } = &mut step.kind {
            if let Some(n) = value(sheet, EXIT_NUMBER) {
                *number = n.to_owned();
            }
            if let Some(n) = value(sheet, EXIT_NAME) {
                *name = n.to_owned();
            }
        }
    }
    flatten_groups(process);
}

/// Main steps one level deep: a step grouped under a step that is itself
/// grouped (shapes pasted from elsewhere) stands on its own.
fn flatten_groups(process: &mut Process) {
    let grouped: Vec<StepId> = process
        .steps
        .values()
        .filter(|s| s.group.is_some())
        .map(|s| s.id)
        .collect();
    for id in grouped {
        let head = process.steps.get(&id).and_then(|s| s.group);
        let head_grouped = head
            .and_then(|h| process.steps.get(&h))
            .is_none_or(|h| h.group.is_some());
        if head_grouped && let Some(step) = process.steps.get_mut(&id) {
            step.group = None;
        }
    }
}

/// A role row's lane: by its label, the lane's name, when one lane has
/// that name; else by its number, the lane's place when exported.
struct LaneFinder {
    by_place: Vec<LaneId>,
    by_name: BTreeMap<String, Option<LaneId>>,
}

impl LaneFinder {
    fn new(process: &Process) -> LaneFinder {
        let mut by_name: BTreeMap<String, Option<LaneId>> = BTreeMap::new();
        for lane in &process.lanes {
            by_name
                .entry(lane.name.trim().to_owned())
                .and_modify(|seen| *seen = None)
                .or_insert(Some(lane.id));
        }
        LaneFinder {
            by_place: process.lanes.iter().map(|l| l.id).collect(),
            by_name,
        }
    }

    fn lane(&self, label: &str, place: usize) -> Option<LaneId> {
        match self.by_name.get(label.trim()) {
            Some(Some(lane)) => Some(*lane),
            _ => place
                .checked_sub(1)
                .and_then(|k| self.by_place.get(k))
                .copied(),
        }
    }
}
