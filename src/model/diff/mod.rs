//! What changed between two versions of a process, and whose job moved:
//! steps, lanes and phases matched by id first, then (for files not made
//! from each other) by name; every change listed, every AECI letter gained
//! or lost per step and department, and a count per department.

mod connectors;
mod matching;
mod steps;

pub use matching::made_from;

use super::limits::OverviewPart;
use super::{ConnectorId, KindShape, LaneId, PhaseId, Process, RoleSet, StepId};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A step as a change names it: its id in the newer version when it is
/// there (else in the older), its number and title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepRef {
    pub id: StepId,
    pub number: Option<u32>,
    pub title: String,
}

/// One change, from the older version to the newer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    Overview {
        field: OverviewPart,
        old: String,
        new: String,
    },
    LaneAdded {
        name: String,
    },
    LaneRemoved {
        name: String,
    },
    LaneRenamed {
        old: String,
        new: String,
    },
    PhaseAdded {
        name: String,
    },
    PhaseRemoved {
        name: String,
    },
    PhaseRenamed {
        old: String,
        new: String,
    },
    StepAdded {
        step: StepRef,
        lane: String,
    },
    StepRemoved {
        step: StepRef,
        lane: String,
    },
    Retitled {
        step: StepRef,
        old: String,
    },
    Rekinded {
        step: StepRef,
        old: KindShape,
        new: KindShape,
    },
    MovedLane {
        step: StepRef,
        old: String,
        new: String,
    },
    MovedPhase {
        step: StepRef,
        old: String,
        new: String,
    },
    Moved {
        step: StepRef,
    },
    Renumbered {
        step: StepRef,
        old: u32,
        new: u32,
    },
    KeyPoints {
        step: StepRef,
        old: String,
        new: String,
    },
    Outputs {
        step: StepRef,
        old: Vec<String>,
        new: Vec<String>,
    },
    Roles {
        step: StepRef,
        lane: String,
        gained: RoleSet,
        lost: RoleSet,
    },
    ConnectorAdded {
        from: StepRef,
        to: StepRef,
        label: Option<String>,
    },
    ConnectorRemoved {
        from: StepRef,
        to: StepRef,
        label: Option<String>,
    },
    Relabelled {
        from: StepRef,
        to: StepRef,
        old: Option<String>,
        new: Option<String>,
    },
}

/// Letters a department gained and lost, over all steps (added and removed
/// steps' letters included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DepartmentSummary {
    pub lane: String,
    /// Counts for each letter in the order cells show them: A, E, C, I,
    /// then the other schemes' R, S, D, P.
    pub gained: [u32; 8],
    pub lost: [u32; 8],
}

/// Every change between two versions, in a fixed order: overview, lanes,
/// phases, steps (by their place in the newer version), connectors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProcessDiff {
    pub changes: Vec<Change>,
    pub departments: Vec<DepartmentSummary>,
    /// Where the changes are, by id (for marking a chart and its table).
    #[serde(skip)]
    pub marks: DiffMarks,
}

/// Where the changes are, by id: what a chart colours, shows as a ghost,
/// and which table cells it marks with their older letters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiffMarks {
    /// Steps of the newer version the older lacks.
    pub added: BTreeSet<StepId>,
    /// Steps of the newer version changed in themselves: title, kind,
    /// place, 要点, outputs or letters (a new number alone follows from
    /// other steps and is not counted).
    pub changed: BTreeSet<StepId>,
    /// Steps of the older version the newer lacks (older ids).
    pub removed: BTreeSet<StepId>,
    /// Connectors of the newer version that are new.
    pub connectors_added: BTreeSet<ConnectorId>,
    /// Connectors of the newer version whose label changed.
    pub relabelled: BTreeSet<ConnectorId>,
    /// Connectors of the older version the newer lacks (older ids).
    pub connectors_removed: BTreeSet<ConnectorId>,
    /// The older letters of each table cell (newer step, newer lane) whose
    /// letters changed.
    pub cells: BTreeMap<(StepId, LaneId), RoleSet>,
    /// Which newer step, lane and phase each older one is.
    pub steps: BTreeMap<StepId, StepId>,
    pub lanes: BTreeMap<LaneId, LaneId>,
    pub phases: BTreeMap<PhaseId, PhaseId>,
}

/// What the older version's file could hold: a table has no overview and
/// no places, a chart from another tool maybe neither. What it could not
/// hold is not reported as changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Carried {
    pub overview: bool,
    pub places: bool,
}

impl Carried {
    /// Flowcase's own file: everything.
    pub const ALL: Carried = Carried {
        overview: true,
        places: true,
    };

    /// What both of two files could hold.
    pub fn and(self, other: Carried) -> Carried {
        Carried {
            overview: self.overview && other.overview,
            places: self.places && other.places,
        }
    }
}

impl ProcessDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// The changes from `old` to `new`.
pub fn diff(old: &Process, new: &Process) -> ProcessDiff {
    diff_carried(old, new, Carried::ALL)
}

/// The changes from `old` to `new`, leaving out what `old`'s file could
/// not hold.
pub fn diff_carried(old: &Process, new: &Process, carried: Carried) -> ProcessDiff {
    let mut changes = Vec::new();
    let by_id = made_from(old, new);
    if carried.overview {
        steps::overview_changes(old, new, &mut changes);
    }
    let lanes = matching::compare_bands(
        &old.lanes
            .iter()
            .map(|l| (l.id, l.name.as_str()))
            .collect::<Vec<_>>(),
        &new.lanes
            .iter()
            .map(|l| (l.id, l.name.as_str()))
            .collect::<Vec<_>>(),
        matching::Band::Lane,
        by_id,
        &mut changes,
    );
    let phases = matching::compare_bands(
        &old.phases
            .iter()
            .map(|p| (p.id, p.name.as_str()))
            .collect::<Vec<_>>(),
        &new.phases
            .iter()
            .map(|p| (p.id, p.name.as_str()))
            .collect::<Vec<_>>(),
        matching::Band::Phase,
        by_id,
        &mut changes,
    );
    let steps = matching::match_steps(old, new, by_id);
    let mut d = steps::StepDiff::new(old, new, carried, &steps, &lanes, &phases, changes);
    d.removed();
    d.added_and_changed();
    connectors::connector_changes(old, new, &steps, &mut d);
    let (changes, mut marks, departments) = d.finish();
    marks.steps = steps.into_iter().map(|(n, o)| (o, n)).collect();
    marks.lanes = lanes.into_iter().map(|(n, o)| (o, n)).collect();
    marks.phases = phases.into_iter().map(|(n, o)| (o, n)).collect();
    ProcessDiff {
        changes,
        departments,
        marks,
    }
}
