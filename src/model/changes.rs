//! What edits changed, as data: the change set that tells the derived
//! numbering, table, warnings and layout what they must redo.

use super::edit::{Edit, StepField};
use super::ids::{ConnectorId, StepId};
use super::process::Process;
use std::collections::BTreeSet;

/// What one or more edits changed. Noted before each edit is applied and
/// merged, it errs on the side of more: whatever it leaves out did not
/// change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// Steps whose title changed.
    pub retitled: BTreeSet<StepId>,
    /// Steps added or given another kind: their boxes are measured and
    /// drawn anew.
    pub reshaped: BTreeSet<StepId>,
    /// Connectors added, relabelled or reattached.
    pub connectors: BTreeSet<ConnectorId>,
    /// Lanes or phases added, removed, renamed, reordered or resized, or
    /// the orientation changed.
    pub bands: bool,
    /// Anything beyond moves within a lane and new titles: numbering, table
    /// and warnings are derived afresh.
    pub structure: bool,
}

impl ChangeSet {
    /// A change set that says everything changed.
    pub fn everything() -> ChangeSet {
        ChangeSet {
            bands: true,
            structure: true,
            ..ChangeSet::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == ChangeSet::default()
    }

    /// Adds what `other` changed.
    pub fn merge(&mut self, other: ChangeSet) {
        self.retitled.extend(other.retitled);
        self.reshaped.extend(other.reshaped);
        self.connectors.extend(other.connectors);
        self.bands |= other.bands;
        self.structure |= other.structure;
    }

    /// Notes what `edit` will change when applied to `process` as it is
    /// now. Each edit of a batch is judged against the same state, which
    /// only ever says more than happened (a step moved out of its lane and
    /// back counts as structure).
    pub fn note(&mut self, process: &Process, edit: &Edit) {
        match edit {
            // Along its lane a step keeps its roles, and so the table: only
            // its place changes, which the numbering and layout compare.
            Edit::MoveStep { id, lane, .. } => {
                let same_lane = process.steps.get(id).is_some_and(|s| s.lane == *lane);
                self.structure |= !same_lane;
            }
            Edit::SetStep { id, field } => match field {
                StepField::Title(_) => {
                    self.retitled.insert(*id);
                }
                StepField::Kind(_) => {
                    self.reshaped.insert(*id);
                    self.structure = true;
                }
                _ => self.structure = true,
            },
            Edit::AddStep(step) => {
                self.reshaped.insert(step.id);
                self.structure = true;
            }
            Edit::AddConnector(c) => {
                self.connectors.insert(c.id);
                self.structure = true;
            }
            Edit::SetConnectorLabel { id, .. } | Edit::SetConnectorEnds { id, .. } => {
                self.connectors.insert(*id);
                self.structure = true;
            }
            Edit::SetOrientation(_)
            | Edit::AddLane { .. }
            | Edit::RemoveLane { .. }
            | Edit::RenameLane { .. }
            | Edit::MoveLane { .. }
            | Edit::ResizeLane { .. }
            | Edit::AddPhase { .. }
            | Edit::RemovePhase { .. }
            | Edit::RenamePhase { .. }
            | Edit::MovePhase { .. }
            | Edit::ResizePhase { .. } => {
                self.bands = true;
                self.structure = true;
            }
            Edit::Batch(edits) => {
                for edit in edits {
                    self.note(process, edit);
                }
            }
            Edit::SetOverview(_)
            | Edit::SetConflicts(_)
            | Edit::SetRuleEnabled { .. }
            | Edit::RemoveStep(_)
            | Edit::SetRole { .. }
            | Edit::SetRoles { .. }
            | Edit::RemoveConnector(_) => self.structure = true,
        }
    }

    /// What `edit` will change in `process`.
    pub fn of(process: &Process, edit: &Edit) -> ChangeSet {
        let mut changes = ChangeSet::default();
        changes.note(process, edit);
        changes
    }
}
