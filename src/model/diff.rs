//! What changed between two versions of a process, and whose job moved:
//! steps, lanes and phases matched by id first, then (for files not made
//! from each other) by name; every change listed, every AECI letter gained
//! or lost per step and department, and a count per department.

use super::limits::OverviewPart;
use super::{
    Connector, ConnectorId, KindShape, LaneId, PhaseId, Process, RoleSet, Step, StepId,
    number_steps,
    roles::{Role, role_cell},
};
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
    /// Counts for A, E, C, I.
    pub gained: [u32; 4],
    pub lost: [u32; 4],
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

/// Whether `new` was made from `old` by editing (not a copy numbered
/// afresh, such as one imported again from its table): where an id's name
/// differs between the versions, editing renamed the item, while a fresh
/// numbering shuffles the names among the ids, so that both names are
/// found in both versions. Versions made from each other match by id
/// alone.
pub fn made_from(old: &Process, new: &Process) -> bool {
    let steps = |p: &Process| -> Vec<(u32, String)> {
        p.steps
            .values()
            .map(|s| (s.id.0, s.title.clone()))
            .collect()
    };
    let lanes = |p: &Process| -> Vec<(u32, String)> {
        p.lanes.iter().map(|l| (l.id.0, l.name.clone())).collect()
    };
    let (mut shared, mut renamed, mut shuffled) = (0, 0, 0);
    for (a, b) in [(steps(old), steps(new)), (lanes(old), lanes(new))] {
        let old_names: BTreeSet<&str> = a.iter().map(|(_, n)| n.as_str()).collect();
        let new_names: BTreeSet<&str> = b.iter().map(|(_, n)| n.as_str()).collect();
        let old_by_id: BTreeMap<u32, &str> = a.iter().map(|(k, n)| (*k, n.as_str())).collect();
        for (k, name) in &b {
            let Some(was) = old_by_id.get(k) else {
                continue;
            };
            shared += 1;
            if *was != name {
                renamed += 1;
                if old_names.contains(name.as_str()) && new_names.contains(was) {
                    shuffled += 1;
                }
            }
        }
    }
    shared > 0 && shuffled * 2 <= renamed
}

/// Which older item each newer one is. Versions made from each other
/// match by id alone; others (a re-imported copy numbers its items
/// afresh) by the same id and name first, then the same name, then the
/// same id (a renamed item).
fn match_by<K: Ord + Copy>(
    old: &[(K, String)],
    new: &[(K, String)],
    by_id: bool,
) -> BTreeMap<K, K> {
    let old_names: BTreeMap<K, &str> = old.iter().map(|(k, n)| (*k, n.as_str())).collect();
    if by_id {
        return new
            .iter()
            .filter(|(k, _)| old_names.contains_key(k))
            .map(|(k, _)| (*k, *k))
            .collect();
    }
    let mut matched: BTreeMap<K, K> = BTreeMap::new();
    let mut used: BTreeSet<K> = BTreeSet::new();
    for (k, name) in new {
        if old_names.get(k) == Some(&name.as_str()) {
            matched.insert(*k, *k);
            used.insert(*k);
        }
    }
    let unmatched: Vec<&(K, String)> = new
        .iter()
        .filter(|(k, _)| !matched.contains_key(k))
        .collect();
    for (k, name) in &unmatched {
        if let Some((o, _)) = old
            .iter()
            .find(|(o, n)| !used.contains(o) && n == name && !name.is_empty())
        {
            matched.insert(*k, *o);
            used.insert(*o);
        }
    }
    for (k, _) in unmatched {
        if !matched.contains_key(k) && old_names.contains_key(k) && !used.contains(k) {
            matched.insert(*k, *k);
            used.insert(*k);
        }
    }
    matched
}

/// The changes from `old` to `new`.
pub fn diff(old: &Process, new: &Process) -> ProcessDiff {
    diff_carried(old, new, Carried::ALL)
}

/// The changes from `old` to `new`, leaving out what `old`'s file could
/// not hold.
pub fn diff_carried(old: &Process, new: &Process, carried: Carried) -> ProcessDiff {
    let mut changes = Vec::new();
    let mut marks = DiffMarks::default();
    let by_id = made_from(old, new);
    if carried.overview {
        overview_changes(old, new, &mut changes);
    }
    let lanes = compare_bands(
        &old.lanes
            .iter()
            .map(|l| (l.id, l.name.as_str()))
            .collect::<Vec<_>>(),
        &new.lanes
            .iter()
            .map(|l| (l.id, l.name.as_str()))
            .collect::<Vec<_>>(),
        Band::Lane,
        by_id,
        &mut changes,
    );
    let phases = compare_bands(
        &old.phases
            .iter()
            .map(|p| (p.id, p.name.as_str()))
            .collect::<Vec<_>>(),
        &new.phases
            .iter()
            .map(|p| (p.id, p.name.as_str()))
            .collect::<Vec<_>>(),
        Band::Phase,
        by_id,
        &mut changes,
    );
    let steps = match_steps(old, new, by_id);
    let (old_numbers, new_numbers) = (number_steps(old), number_steps(new));
    let reference = |numbers: &super::Numbering, s: &Step| StepRef {
        id: s.id,
        number: numbers.of(s.id),
        title: if s.title.is_empty() {
            s.kind.code().to_owned()
        } else {
            s.title.clone()
        },
    };
    let old_ref = |id: StepId| old.steps.get(&id).map(|s| reference(&old_numbers, s));
    let new_ref = |id: StepId| new.steps.get(&id).map(|s| reference(&new_numbers, s));
    let lane_name = |p: &Process, id| p.lane(id).map(|l| l.name.clone()).unwrap_or_default();
    let phase_name = |p: &Process, id: Option<super::PhaseId>| {
        id.and_then(|id| p.phase(id))
            .map(|ph| ph.name.clone())
            .unwrap_or_default()
    };
    let mut summary: BTreeMap<String, DepartmentSummary> = BTreeMap::new();
    let mut count = |lane: String, set: RoleSet, gained: bool| {
        let entry = summary
            .entry(lane.clone())
            .or_insert_with(|| DepartmentSummary {
                lane,
                ..DepartmentSummary::default()
            });
        for (i, role) in Role::ALL.iter().enumerate() {
            if set.contains(*role) {
                if gained {
                    entry.gained[i] += 1;
                } else {
                    entry.lost[i] += 1;
                }
            }
        }
    };
    let matched_old: BTreeSet<StepId> = steps.values().copied().collect();
    for s in old.steps.values().filter(|s| !matched_old.contains(&s.id)) {
        let Some(step) = old_ref(s.id) else { continue };
        marks.removed.insert(s.id);
        changes.push(Change::StepRemoved {
            step,
            lane: lane_name(old, s.lane),
        });
        for (lane, set) in &s.roles {
            count(lane_name(old, *lane), *set, false);
        }
    }
    for s in new.steps.values() {
        let Some(step) = new_ref(s.id) else { continue };
        let Some(o) = steps.get(&s.id).and_then(|o| old.steps.get(o)) else {
            marks.added.insert(s.id);
            changes.push(Change::StepAdded {
                step,
                lane: lane_name(new, s.lane),
            });
            for (lane, set) in &s.roles {
                count(lane_name(new, *lane), *set, true);
            }
            continue;
        };
        let before = changes.len();
        if o.title != s.title {
            changes.push(Change::Retitled {
                step: step.clone(),
                old: o.title.clone(),
            });
        }
        if o.kind != s.kind {
            changes.push(Change::Rekinded {
                step: step.clone(),
                old: o.kind.shape(),
                new: s.kind.shape(),
            });
        }
        let lane_moved = lanes.get(&s.lane) != Some(&o.lane);
        if lane_moved {
            changes.push(Change::MovedLane {
                step: step.clone(),
                old: lane_name(old, o.lane),
                new: lane_name(new, s.lane),
            });
        }
        let phase_moved = s.phase.and_then(|p| phases.get(&p).copied()) != o.phase
            || (s.phase.is_none() != o.phase.is_none());
        if phase_moved {
            changes.push(Change::MovedPhase {
                step: step.clone(),
                old: phase_name(old, o.phase),
                new: phase_name(new, s.phase),
            });
        }
        if carried.places && !lane_moved && !phase_moved && o.at != s.at {
            changes.push(Change::Moved { step: step.clone() });
        }
        if let (Some(a), Some(b)) = (old_numbers.of(o.id), new_numbers.of(s.id))
            && a != b
        {
            changes.push(Change::Renumbered {
                step: step.clone(),
                old: a,
                new: b,
            });
        }
        if o.description != s.description {
            changes.push(Change::KeyPoints {
                step: step.clone(),
                old: o.description.clone(),
                new: s.description.clone(),
            });
        }
        if o.outputs != s.outputs {
            changes.push(Change::Outputs {
                step: step.clone(),
                old: o.outputs.clone(),
                new: s.outputs.clone(),
            });
        }
        for cell in role_changes(old, new, o, s, &lanes) {
            count(cell.lane.clone(), minus(cell.after, cell.before), true);
            count(cell.lane.clone(), minus(cell.before, cell.after), false);
            if let Some(lane) = cell.now_in {
                marks.cells.insert((s.id, lane), cell.before);
            }
            changes.push(Change::Roles {
                step: step.clone(),
                lane: cell.lane,
                gained: minus(cell.after, cell.before),
                lost: minus(cell.before, cell.after),
            });
        }
        // A new number alone follows from other steps coming or going.
        if changes[before..]
            .iter()
            .any(|c| !matches!(c, Change::Renumbered { .. }))
        {
            marks.changed.insert(s.id);
        }
    }
    connector_changes(
        old,
        new,
        &steps,
        &old_ref,
        &new_ref,
        &mut changes,
        &mut marks,
    );
    marks.steps = steps.into_iter().map(|(n, o)| (o, n)).collect();
    marks.lanes = lanes.into_iter().map(|(n, o)| (o, n)).collect();
    marks.phases = phases.into_iter().map(|(n, o)| (o, n)).collect();
    // Departments in the newer version's lane order, then the removed ones.
    let order: Vec<&str> = new
        .lanes
        .iter()
        .chain(&old.lanes)
        .map(|l| l.name.as_str())
        .collect();
    let mut departments: Vec<DepartmentSummary> = summary.into_values().collect();
    departments.sort_by_key(|d| {
        order
            .iter()
            .position(|n| *n == d.lane)
            .unwrap_or(usize::MAX)
    });
    ProcessDiff {
        changes,
        departments,
        marks,
    }
}

/// Which older step each newer one is. New steps take the highest id plus
/// one, so a step added after the highest was removed takes its id: a
/// step is not the older one of its id when both its title and its lane
/// differ and no step with a higher id is in both versions unchanged in
/// title (which would have kept the id from being taken again).
fn match_steps(old: &Process, new: &Process, by_id: bool) -> BTreeMap<StepId, StepId> {
    let list = |p: &Process| -> Vec<(StepId, String)> {
        p.steps.values().map(|s| (s.id, s.title.clone())).collect()
    };
    let mut matched = match_by(&list(old), &list(new), by_id);
    if by_id {
        let kept_above = new
            .steps
            .values()
            .filter(|s| old.steps.get(&s.id).is_some_and(|o| o.title == s.title))
            .map(|s| s.id)
            .max();
        matched.retain(|n, o| match (new.steps.get(n), old.steps.get(o)) {
            (Some(n), Some(o)) => {
                n.title == o.title || n.lane == o.lane || kept_above.is_some_and(|k| n.id < k)
            }
            _ => false,
        });
    }
    matched
}

#[derive(Clone, Copy)]
enum Band {
    Lane,
    Phase,
}

/// Lanes (or phases) matched across the versions, their changes noted.
fn compare_bands<K: Ord + Copy>(
    old: &[(K, &str)],
    new: &[(K, &str)],
    band: Band,
    by_id: bool,
    changes: &mut Vec<Change>,
) -> BTreeMap<K, K> {
    let owned = |v: &[(K, &str)]| -> Vec<(K, String)> {
        v.iter().map(|(k, n)| (*k, (*n).to_owned())).collect()
    };
    let matched = match_by(&owned(old), &owned(new), by_id);
    band_changes(
        old.iter().copied(),
        new.iter().copied(),
        &matched,
        band,
        changes,
    );
    matched
}

fn band_changes<'a, K: Ord + Copy>(
    old: impl Iterator<Item = (K, &'a str)>,
    new: impl Iterator<Item = (K, &'a str)>,
    matched: &BTreeMap<K, K>,
    band: Band,
    changes: &mut Vec<Change>,
) {
    let old: BTreeMap<K, &str> = old.collect();
    let used: BTreeSet<K> = matched.values().copied().collect();
    for (k, name) in &old {
        if !used.contains(k) {
            changes.push(match band {
                Band::Lane => Change::LaneRemoved {
                    name: (*name).to_owned(),
                },
                Band::Phase => Change::PhaseRemoved {
                    name: (*name).to_owned(),
                },
            });
        }
    }
    for (k, name) in new {
        match matched.get(&k).and_then(|o| old.get(o)) {
            None => changes.push(match band {
                Band::Lane => Change::LaneAdded {
                    name: name.to_owned(),
                },
                Band::Phase => Change::PhaseAdded {
                    name: name.to_owned(),
                },
            }),
            Some(was) if *was != name => changes.push(match band {
                Band::Lane => Change::LaneRenamed {
                    old: (*was).to_owned(),
                    new: name.to_owned(),
                },
                Band::Phase => Change::PhaseRenamed {
                    old: (*was).to_owned(),
                    new: name.to_owned(),
                },
            }),
            Some(_) => {}
        }
    }
}

fn overview_changes(old: &Process, new: &Process, changes: &mut Vec<Change>) {
    let (a, b) = (&old.overview, &new.overview);
    let lines = |v: &Vec<String>| v.join("\n");
    let fields = [
        (OverviewPart::Name, a.name.clone(), b.name.clone()),
        (OverviewPart::Number, a.number.clone(), b.number.clone()),
        (
            OverviewPart::Definition,
            a.definition.clone(),
            b.definition.clone(),
        ),
        (OverviewPart::Purpose, a.purpose.clone(), b.purpose.clone()),
        (
            OverviewPart::KeyPoints,
            lines(&a.key_points),
            lines(&b.key_points),
        ),
        (
            OverviewPart::Participants,
            a.participants.clone(),
            b.participants.clone(),
        ),
        (OverviewPart::Cycle, a.cycle.clone(), b.cycle.clone()),
        (
            OverviewPart::RelatedProcesses,
            lines(&a.related_processes),
            lines(&b.related_processes),
        ),
        (
            OverviewPart::RelatedDocuments,
            lines(&a.related_documents),
            lines(&b.related_documents),
        ),
        (OverviewPart::Owner, a.owner.clone(), b.owner.clone()),
    ];
    for (field, old, new) in fields {
        if old != new {
            changes.push(Change::Overview { field, old, new });
        }
    }
}

/// A department's letters for one step that differ between the versions.
struct CellChange {
    /// The department's name (in the newer version when it has it).
    lane: String,
    /// Its lane in the newer version (none: only the older has it).
    now_in: Option<LaneId>,
    before: RoleSet,
    after: RoleSet,
}

/// The departments whose letters for a step differ (lanes matched across
/// the versions; a lane only one version has counts from nothing).
fn role_changes(
    old: &Process,
    new: &Process,
    o: &Step,
    s: &Step,
    lanes: &BTreeMap<LaneId, LaneId>,
) -> Vec<CellChange> {
    let mut cells = Vec::new();
    for lane in &new.lanes {
        let before = lanes
            .get(&lane.id)
            .map(|l| role_cell(&o.roles, *l))
            .unwrap_or_default();
        cells.push(CellChange {
            lane: lane.name.clone(),
            now_in: Some(lane.id),
            before,
            after: role_cell(&s.roles, lane.id),
        });
    }
    let kept: BTreeSet<_> = lanes.values().copied().collect();
    for lane in old.lanes.iter().filter(|l| !kept.contains(&l.id)) {
        cells.push(CellChange {
            lane: lane.name.clone(),
            now_in: None,
            before: role_cell(&o.roles, lane.id),
            after: RoleSet::default(),
        });
    }
    cells.retain(|c| c.before != c.after);
    cells
}

fn minus(a: RoleSet, b: RoleSet) -> RoleSet {
    a.iter()
        .filter(|r| !b.contains(*r))
        .fold(RoleSet::default(), RoleSet::with)
}

fn connector_changes(
    old: &Process,
    new: &Process,
    steps: &BTreeMap<StepId, StepId>,
    old_ref: &dyn Fn(StepId) -> Option<StepRef>,
    new_ref: &dyn Fn(StepId) -> Option<StepRef>,
    changes: &mut Vec<Change>,
    marks: &mut DiffMarks,
) {
    // Connectors join the same steps when their ends are the same older
    // steps. Two steps may be joined more than once: the same connector
    // (by id) is paired first, then the others in id order.
    let ends_of = |c: &Connector| steps.get(&c.from).copied().zip(steps.get(&c.to).copied());
    let mut unpaired: BTreeMap<(StepId, StepId), Vec<&Connector>> = BTreeMap::new();
    for c in old.connectors.values() {
        unpaired.entry((c.from, c.to)).or_default().push(c);
    }
    let mut pairs: BTreeMap<ConnectorId, &Connector> = BTreeMap::new();
    for by_id in [true, false] {
        for c in new.connectors.values() {
            if pairs.contains_key(&c.id) {
                continue;
            }
            let Some(list) = ends_of(c).and_then(|e| unpaired.get_mut(&e)) else {
                continue;
            };
            let at = if by_id {
                list.iter().position(|o| o.id == c.id)
            } else {
                (!list.is_empty()).then_some(0)
            };
            if let Some(i) = at {
                pairs.insert(c.id, list.remove(i));
            }
        }
    }
    for c in new.connectors.values() {
        let (Some(from), Some(to)) = (new_ref(c.from), new_ref(c.to)) else {
            continue;
        };
        match pairs.get(&c.id) {
            Some(was) if was.label != c.label => {
                marks.relabelled.insert(c.id);
                changes.push(Change::Relabelled {
                    from,
                    to,
                    old: was.label.clone(),
                    new: c.label.clone(),
                });
            }
            Some(_) => {}
            None => {
                marks.connectors_added.insert(c.id);
                changes.push(Change::ConnectorAdded {
                    from,
                    to,
                    label: c.label.clone(),
                });
            }
        }
    }
    let mut left: Vec<&Connector> = unpaired.into_values().flatten().collect();
    left.sort_by_key(|c| c.id);
    for c in left {
        if let (Some(from), Some(to)) = (old_ref(c.from), old_ref(c.to)) {
            marks.connectors_removed.insert(c.id);
            changes.push(Change::ConnectorRemoved {
                from,
                to,
                label: c.label.clone(),
            });
        }
    }
}
