//! The `Edit` enum: every change the editor can make to a process.
//!
//! The UI turns input into edits; `apply` (in `apply.rs`) is the one place
//! that changes a `Process`, and every applied edit yields its inverse, from
//! which the history builds undo and redo.

use super::ids::{ConnectorId, LaneId, PhaseId, StepId};
use super::process::{Connector, FlowPoint, Lane, Orientation, Phase, Step, StepKind};
use super::roles::{RoleSet, Roles};
use super::rules::RuleId;
use std::collections::BTreeSet;

/// One change to a process. Edits carry every id they create, so applying
/// the same edit again (redo) recreates the same objects.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Set one field of the 概要 overview.
    SetOverview(OverviewField),
    SetOrientation(Orientation),
    /// Switch one rule check on or off for this process.
    SetRuleEnabled {
        rule: RuleId,
        enabled: bool,
    },

    /// Insert a lane at a position in the lane order.
    AddLane {
        index: usize,
        lane: Lane,
    },
    /// Remove a lane; the caller says what happens to the steps in it.
    RemoveLane {
        id: LaneId,
        steps: LaneStepsFate,
    },
    RenameLane {
        id: LaneId,
        name: String,
    },
    /// Move a lane to a new position in the lane order; its steps go with it.
    MoveLane {
        id: LaneId,
        index: usize,
    },
    ResizeLane {
        id: LaneId,
        size: f32,
    },

    /// Insert a phase at a position in the phase order.
    AddPhase {
        index: usize,
        phase: Phase,
    },
    /// Remove a phase; the caller says what happens to the steps in it.
    RemovePhase {
        id: PhaseId,
        steps: PhaseStepsFate,
    },
    RenamePhase {
        id: PhaseId,
        name: String,
    },
    MovePhase {
        id: PhaseId,
        index: usize,
    },
    ResizePhase {
        id: PhaseId,
        size: f32,
    },

    /// Add a step exactly as given (ids, roles and all).
    AddStep(Step),
    /// Remove a step together with the connectors that touch it; steps
    /// grouped under it become main steps of their own.
    RemoveStep(StepId),
    /// Move a step, possibly into another lane or phase. When the step's E
    /// was only in its old lane, the E moves to the new lane.
    MoveStep {
        id: StepId,
        lane: LaneId,
        phase: Option<PhaseId>,
        at: FlowPoint,
    },
    /// Set one field of a step.
    SetStep {
        id: StepId,
        field: StepField,
    },
    /// Set the letters one lane holds for a step (one AECI cell).
    SetRole {
        step: StepId,
        lane: LaneId,
        roles: RoleSet,
    },
    /// Replace all of a step's roles.
    SetRoles {
        step: StepId,
        roles: Roles,
    },

    /// Add a connector exactly as given.
    AddConnector(Connector),
    RemoveConnector(ConnectorId),
    SetConnectorLabel {
        id: ConnectorId,
        label: Option<String>,
    },
    /// Reattach a connector to other steps.
    SetConnectorEnds {
        id: ConnectorId,
        from: StepId,
        to: StepId,
    },

    /// Replace the conflicts a merge left (a person chose, or kept what is).
    SetConflicts(Vec<super::conflict::Conflict>),

    /// Several edits applied in order, all or none.
    Batch(Vec<Edit>),
}

/// What happens to the steps of a lane that is removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneStepsFate {
    /// Move them into this other lane (their E goes along).
    MoveTo(LaneId),
    /// Remove them with the lane, and their connectors.
    Remove,
}

/// What happens to the steps of a phase that is removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseStepsFate {
    /// Put them in this other phase, at the same offset from its start.
    MoveTo(PhaseId),
    /// Leave them in no phase, where they were on the chart.
    Unassign,
    /// Remove them with the phase, and their connectors.
    Remove,
}

/// One field of a step, with its new value.
#[derive(Clone, Debug, PartialEq)]
pub enum StepField {
    Kind(StepKind),
    Title(String),
    /// 要点
    Description(String),
    /// 输出
    Outputs(Vec<String>),
    /// A number the user pins (1 or more), or `None` to follow the flow.
    PinnedNumber(Option<u32>),
    /// The main step whose table row this step joins, or `None`.
    Group(Option<StepId>),
}

/// One field of the overview, with its new value.
#[derive(Clone, Debug, PartialEq)]
pub enum OverviewField {
    Name(String),
    Number(String),
    Definition(String),
    Purpose(String),
    KeyPoints(Vec<String>),
    Participants(String),
    Cycle(String),
    RelatedProcesses(Vec<String>),
    RelatedDocuments(Vec<String>),
    Owner(String),
}

/// Why an edit was refused. The document is unchanged when this is returned.
/// (Worded by `crate::text`.)
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    Missing(String),
    Duplicate(String),
    BadSize {
        what: String,
        value: f32,
    },
    BadPosition(String),
    BadIndex {
        what: ListOf,
        index: usize,
        len: usize,
    },
    FateIsItself(String),
    ZeroNumber,
    BadGroup {
        step: String,
        head: String,
        why: GroupRefusal,
    },
    OverLimit(super::limits::OverLimit),
}

impl From<super::limits::OverLimit> for EditError {
    fn from(over: super::limits::OverLimit) -> EditError {
        EditError::OverLimit(over)
    }
}

/// Which list an index was outside of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListOf {
    Lanes,
    Phases,
}

/// Why a step cannot join a main step's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupRefusal {
    /// A step cannot be its own main step.
    OwnHead,
    /// The main step is itself grouped under another step.
    HeadGrouped,
    /// Other steps are grouped under this step.
    HasMembers,
}

/// What kind of change an edit is, for naming undo steps ("撤销 移动步骤").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EditKind {
    Overview,
    Orientation,
    Rules,
    AddLane,
    RemoveLane,
    RenameLane,
    MoveLane,
    ResizeLane,
    AddPhase,
    RemovePhase,
    RenamePhase,
    MovePhase,
    ResizePhase,
    AddStep,
    RemoveStep,
    MoveStep,
    StepField,
    Roles,
    AddConnector,
    RemoveConnector,
    ConnectorLabel,
    ConnectorEnds,
    /// Steps moved and bands resized together (a tidy layout).
    Layout,
    /// A merge's conflict resolved.
    Conflicts,
    Several,
}

impl Edit {
    pub fn kind(&self) -> EditKind {
        match self {
            Edit::SetOverview(_) => EditKind::Overview,
            Edit::SetOrientation(_) => EditKind::Orientation,
            Edit::SetRuleEnabled { .. } => EditKind::Rules,
            Edit::AddLane { .. } => EditKind::AddLane,
            Edit::RemoveLane { .. } => EditKind::RemoveLane,
            Edit::RenameLane { .. } => EditKind::RenameLane,
            Edit::MoveLane { .. } => EditKind::MoveLane,
            Edit::ResizeLane { .. } => EditKind::ResizeLane,
            Edit::AddPhase { .. } => EditKind::AddPhase,
            Edit::RemovePhase { .. } => EditKind::RemovePhase,
            Edit::RenamePhase { .. } => EditKind::RenamePhase,
            Edit::MovePhase { .. } => EditKind::MovePhase,
            Edit::ResizePhase { .. } => EditKind::ResizePhase,
            Edit::AddStep(_) => EditKind::AddStep,
            Edit::RemoveStep(_) => EditKind::RemoveStep,
            Edit::MoveStep { .. } => EditKind::MoveStep,
            Edit::SetStep { .. } => EditKind::StepField,
            Edit::SetRole { .. } | Edit::SetRoles { .. } => EditKind::Roles,
            Edit::AddConnector(_) => EditKind::AddConnector,
            Edit::RemoveConnector(_) => EditKind::RemoveConnector,
            Edit::SetConnectorLabel { .. } => EditKind::ConnectorLabel,
            Edit::SetConnectorEnds { .. } => EditKind::ConnectorEnds,
            Edit::SetConflicts(_) => EditKind::Conflicts,
            Edit::Batch(edits) => {
                let kinds: BTreeSet<EditKind> = edits.iter().map(Edit::kind).collect();
                if kinds.contains(&EditKind::Conflicts) {
                    return EditKind::Conflicts;
                }
                let placing = [
                    EditKind::MoveStep,
                    EditKind::ResizeLane,
                    EditKind::ResizePhase,
                ];
                match kinds.iter().collect::<Vec<_>>().as_slice() {
                    [] => EditKind::Several,
                    [one] => **one,
                    _ if kinds.iter().all(|k| placing.contains(k)) => EditKind::Layout,
                    _ => EditKind::Several,
                }
            }
        }
    }
}
