//! The steps' changes between two versions, as they are found: removed,
//! added, and each matched step's title, kind, place, number, 要点,
//! outputs and letters per department, with each department's letters
//! gained and lost counted; and the overview's fields.

use super::{Carried, Change, DepartmentSummary, DiffMarks, StepRef};
use crate::model::limits::OverviewPart;
use crate::model::roles::{Role, role_cell};
use crate::model::{LaneId, Numbering, PhaseId, Process, RoleSet, Step, StepId, number_steps};
use std::collections::{BTreeMap, BTreeSet};

/// A comparison of the steps under way.
pub(super) struct StepDiff<'a> {
    old: &'a Process,
    new: &'a Process,
    carried: Carried,
    /// Which older step, lane and phase each newer one is.
    steps: &'a BTreeMap<StepId, StepId>,
    lanes: &'a BTreeMap<LaneId, LaneId>,
    phases: &'a BTreeMap<PhaseId, PhaseId>,
    old_numbers: Numbering,
    new_numbers: Numbering,
    pub(super) changes: Vec<Change>,
    pub(super) marks: DiffMarks,
    summary: BTreeMap<String, DepartmentSummary>,
}

impl<'a> StepDiff<'a> {
    pub(super) fn new(
        old: &'a Process,
        new: &'a Process,
        carried: Carried,
        steps: &'a BTreeMap<StepId, StepId>,
        lanes: &'a BTreeMap<LaneId, LaneId>,
        phases: &'a BTreeMap<PhaseId, PhaseId>,
        changes: Vec<Change>,
    ) -> StepDiff<'a> {
        StepDiff {
            old,
            new,
            carried,
            steps,
            lanes,
            phases,
            old_numbers: number_steps(old),
            new_numbers: number_steps(new),
            changes,
            marks: DiffMarks::default(),
            summary: BTreeMap::new(),
        }
    }

    /// An older step as a change names it.
    pub(super) fn old_ref(&self, id: StepId) -> Option<StepRef> {
        Some(reference(&self.old_numbers, self.old.steps.get(&id)?))
    }

    /// A newer step as a change names it.
    pub(super) fn new_ref(&self, id: StepId) -> Option<StepRef> {
        Some(reference(&self.new_numbers, self.new.steps.get(&id)?))
    }

    /// Counts `set` as gained (or lost) by department `lane`.
    fn count(&mut self, lane: String, set: RoleSet, gained: bool) {
        let entry = self
            .summary
            .entry(lane.clone())
            .or_insert_with(|| DepartmentSummary {
                lane,
                ..DepartmentSummary::default()
            });
        for (i, role) in Role::EVERY.iter().enumerate() {
            if set.contains(*role) {
                if gained {
                    entry.gained[i] += 1;
                } else {
                    entry.lost[i] += 1;
                }
            }
        }
    }

    /// The older steps no newer one is, their letters counted as lost.
    pub(super) fn removed(&mut self) {
        let matched: BTreeSet<StepId> = self.steps.values().copied().collect();
        let old = self.old;
        for s in old.steps.values().filter(|s| !matched.contains(&s.id)) {
            let Some(step) = self.old_ref(s.id) else {
                continue;
            };
            self.marks.removed.insert(s.id);
            self.changes.push(Change::StepRemoved {
                step,
                lane: lane_name(old, s.lane),
            });
            for (lane, set) in &s.roles {
                self.count(lane_name(old, *lane), *set, false);
            }
        }
    }

    /// The newer steps: added ones (their letters counted as gained), and
    /// what changed in each matched one.
    pub(super) fn added_and_changed(&mut self) {
        let new = self.new;
        for s in new.steps.values() {
            let Some(step) = self.new_ref(s.id) else {
                continue;
            };
            let older = self.steps.get(&s.id).and_then(|o| self.old.steps.get(o));
            let Some(o) = older else {
                self.marks.added.insert(s.id);
                self.changes.push(Change::StepAdded {
                    step,
                    lane: lane_name(new, s.lane),
                });
                for (lane, set) in &s.roles {
                    self.count(lane_name(new, *lane), *set, true);
                }
                continue;
            };
            let before = self.changes.len();
            self.fields(o, s, &step);
            self.letters(o, s, &step);
            // A new number alone follows from other steps coming or going.
            if self.changes[before..]
                .iter()
                .any(|c| !matches!(c, Change::Renumbered { .. }))
            {
                self.marks.changed.insert(s.id);
            }
        }
    }

    /// A matched step's title, kind, lane, phase, place, number, 要点 and
    /// outputs.
    fn fields(&mut self, o: &Step, s: &Step, step: &StepRef) {
        let (old, new) = (self.old, self.new);
        let mut found = Vec::new();
        if o.title != s.title {
            found.push(Change::Retitled {
                step: step.clone(),
                old: o.title.clone(),
            });
        }
        if o.kind != s.kind {
            found.push(Change::Rekinded {
                step: step.clone(),
                old: o.kind.shape(),
                new: s.kind.shape(),
            });
        }
        let lane_moved = self.lanes.get(&s.lane) != Some(&o.lane);
        if lane_moved {
            found.push(Change::MovedLane {
                step: step.clone(),
                old: lane_name(old, o.lane),
                new: lane_name(new, s.lane),
            });
        }
        let phase_moved = s.phase.and_then(|p| self.phases.get(&p).copied()) != o.phase
            || (s.phase.is_none() != o.phase.is_none());
        if phase_moved {
            found.push(Change::MovedPhase {
                step: step.clone(),
                old: phase_name(old, o.phase),
                new: phase_name(new, s.phase),
            });
        }
        if self.carried.places && !lane_moved && !phase_moved && o.at != s.at {
            found.push(Change::Moved { step: step.clone() });
        }
        if let (Some(a), Some(b)) = (self.old_numbers.of(o.id), self.new_numbers.of(s.id))
            && a != b
        {
            found.push(Change::Renumbered {
                step: step.clone(),
                old: a,
                new: b,
            });
        }
        if o.description != s.description {
            found.push(Change::KeyPoints {
                step: step.clone(),
                old: o.description.clone(),
                new: s.description.clone(),
            });
        }
        if o.outputs != s.outputs {
            found.push(Change::Outputs {
                step: step.clone(),
                old: o.outputs.clone(),
                new: s.outputs.clone(),
            });
        }
        self.changes.extend(found);
    }

    /// A matched step's letters per department, counted and marked.
    fn letters(&mut self, o: &Step, s: &Step, step: &StepRef) {
        for cell in role_changes(self.old, self.new, o, s, self.lanes) {
            let (gained, lost) = (
                minus(cell.after, cell.before),
                minus(cell.before, cell.after),
            );
            self.count(cell.lane.clone(), gained, true);
            self.count(cell.lane.clone(), lost, false);
            if let Some(lane) = cell.now_in {
                self.marks.cells.insert((s.id, lane), cell.before);
            }
            self.changes.push(Change::Roles {
                step: step.clone(),
                lane: cell.lane,
                gained,
                lost,
            });
        }
    }

    /// The changes, the marks, and the departments' counts in the newer
    /// version's lane order, then the removed ones'.
    pub(super) fn finish(self) -> (Vec<Change>, DiffMarks, Vec<DepartmentSummary>) {
        let order: Vec<&str> = self
            .new
            .lanes
            .iter()
            .chain(&self.old.lanes)
            .map(|l| l.name.as_str())
            .collect();
        let mut departments: Vec<DepartmentSummary> = self.summary.into_values().collect();
        departments.sort_by_key(|d| {
            order
                .iter()
                .position(|n| *n == d.lane)
                .unwrap_or(usize::MAX)
        });
        (self.changes, self.marks, departments)
    }
}

/// A step as a change names it: an untitled one by its kind.
fn reference(numbers: &Numbering, s: &Step) -> StepRef {
    StepRef {
        id: s.id,
        number: numbers.of(s.id),
        title: if s.title.is_empty() {
            s.kind.code().to_owned()
        } else {
            s.title.clone()
        },
    }
}

fn lane_name(p: &Process, id: LaneId) -> String {
    p.lane(id).map(|l| l.name.clone()).unwrap_or_default()
}

fn phase_name(p: &Process, id: Option<PhaseId>) -> String {
    id.and_then(|id| p.phase(id))
        .map(|ph| ph.name.clone())
        .unwrap_or_default()
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

/// The overview's fields that differ.
pub(super) fn overview_changes(old: &Process, new: &Process, changes: &mut Vec<Change>) {
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
