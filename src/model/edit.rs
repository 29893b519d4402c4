//! The `Edit` enum: every change the editor can make to a process.
//!
//! The UI turns input into edits; `apply` (in `apply.rs`) is the one place
//! that changes a `Process`, and every applied edit yields its inverse, from
//! which the history builds undo and redo.

use super::ids::{ConnectorId, LaneId, PhaseId, StepId};
use super::process::{Connector, FlowPoint, Lane, Orientation, Phase, Step, StepKind};
use super::roles::{RoleSet, Roles};
use super::rules::RuleId;

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
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("there is no {0}")]
    Missing(String),
    #[error("{0} exists already")]
    Duplicate(String),
    #[error("{what} must be a finite number greater than zero, not {value}")]
    BadSize { what: String, value: f32 },
    #[error("the position of {0} is not a finite number")]
    BadPosition(String),
    #[error("position {index} is outside the list of {len} {what}")]
    BadIndex {
        what: &'static str,
        index: usize,
        len: usize,
    },
    #[error("cannot move the steps of {0} into the lane being removed")]
    FateIsItself(String),
    #[error("a pinned step number starts at 1")]
    ZeroNumber,
    #[error("cannot group {step} under {head}: {why}")]
    BadGroup {
        step: String,
        head: String,
        why: &'static str,
    },
    #[error(transparent)]
    OverLimit(#[from] super::limits::OverLimit),
}

/// What kind of change an edit is, for naming undo steps ("撤销 移动步骤").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
            Edit::Batch(edits) => match edits.as_slice() {
                [one] => one.kind(),
                _ => EditKind::Several,
            },
        }
    }
}

impl EditKind {
    /// The change as a short phrase for the Edit menu.
    pub fn name(self, lang: crate::lang::Lang) -> &'static str {
        use EditKind as K;
        match self {
            K::Overview => lang.pick("编辑概要", "edit overview"),
            K::Orientation => lang.pick("切换泳道方向", "change lane direction"),
            K::Rules => lang.pick("更改规则", "change rules"),
            K::AddLane => lang.pick("添加泳道", "add lane"),
            K::RemoveLane => lang.pick("删除泳道", "delete lane"),
            K::RenameLane => lang.pick("重命名泳道", "rename lane"),
            K::MoveLane => lang.pick("移动泳道", "move lane"),
            K::ResizeLane => lang.pick("调整泳道大小", "resize lane"),
            K::AddPhase => lang.pick("添加阶段", "add phase"),
            K::RemovePhase => lang.pick("删除阶段", "delete phase"),
            K::RenamePhase => lang.pick("重命名阶段", "rename phase"),
            K::MovePhase => lang.pick("移动阶段", "move phase"),
            K::ResizePhase => lang.pick("调整阶段大小", "resize phase"),
            K::AddStep => lang.pick("添加步骤", "add step"),
            K::RemoveStep => lang.pick("删除步骤", "delete step"),
            K::MoveStep => lang.pick("移动步骤", "move step"),
            K::StepField => lang.pick("编辑步骤", "edit step"),
            K::Roles => lang.pick("更改角色", "change roles"),
            K::AddConnector => lang.pick("添加连线", "add connector"),
            K::RemoveConnector => lang.pick("删除连线", "delete connector"),
            K::ConnectorLabel => lang.pick("编辑连线标签", "edit connector label"),
            K::ConnectorEnds => lang.pick("更改连线端点", "reconnect connector"),
            K::Several => lang.pick("多项更改", "several changes"),
        }
    }
}

impl EditError {
    /// The refusal as a sentence in `lang` (ids stay as they are).
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            EditError::Missing(what) => format!("没有 {what}"),
            EditError::Duplicate(what) => format!("{what} 已经存在"),
            EditError::BadSize { what, value } => {
                format!("{what} 的大小必须是大于零的有限数,不能是 {value}")
            }
            EditError::BadPosition(what) => format!("{what} 的位置不是有限数"),
            EditError::BadIndex { what, index, len } => {
                format!("位置 {index} 超出了 {len} 个{what}的范围")
            }
            EditError::FateIsItself(what) => format!("不能把 {what} 的步骤移到正在删除的泳道里"),
            EditError::ZeroNumber => "固定编号从 1 开始".to_owned(),
            EditError::BadGroup { step, head, why } => format!("不能把 {step} 并入 {head}:{why}"),
            EditError::OverLimit(over) => over.message(lang),
        }
    }
}
