//! The process document: overview, lanes, phases, steps and connectors.

use super::ids::{ConnectorId, LaneId, PhaseId, StepId};
use super::roles::{Role, RoleSet, Roles};
use super::rules::RuleSettings;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One process chart with everything the deck shows about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Process {
    pub overview: Overview,
    pub orientation: Orientation,
    /// Lanes in display order (top to bottom, or left to right when vertical).
    pub lanes: Vec<Lane>,
    /// Phase bands in flow order; may be empty.
    pub phases: Vec<Phase>,
    pub steps: BTreeMap<StepId, Step>,
    pub connectors: BTreeMap<ConnectorId, Connector>,
    /// Which rule checks this project has switched off.
    pub rules: RuleSettings,
    /// The role scheme its letters are written in (AECI unless a library
    /// or the file says otherwise).
    pub scheme: super::scheme::SchemeName,
    /// What a merge left for a person to decide, in the order found.
    pub conflicts: Vec<super::conflict::Conflict>,
}

/// The 概要 form of the deck.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Overview {
    /// 流程名称
    pub name: String,
    /// 流程编号, e.g. `销售1.9`
    pub number: String,
    /// 定义
    pub definition: String,
    /// 目的
    pub purpose: String,
    /// 实施要点, one point per entry
    pub key_points: Vec<String>,
    /// 参与流程的部门/职位
    pub participants: String,
    /// 实施周期
    pub cycle: String,
    /// 相关流程
    pub related_processes: Vec<String>,
    /// 相关文档
    pub related_documents: Vec<String>,
    /// 流程负责部门
    pub owner: String,
}

/// How lanes are laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Orientation {
    /// Lanes are rows; the flow runs left to right.
    #[default]
    Horizontal,
    /// Lanes are columns; the flow runs top to bottom.
    Vertical,
}

/// A swimlane: one department or position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: LaneId,
    pub name: String,
    /// Thickness across the flow, in chart units (pixels at 100 %).
    pub size: f32,
}

impl Lane {
    /// The thickness of a new lane, in chart units.
    pub const DEFAULT_SIZE: f32 = 140.0;
}

/// A phase band across all lanes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: PhaseId,
    pub name: String,
    /// Length along the flow, in chart units.
    pub size: f32,
}

impl Phase {
    /// The length of a new phase, in chart units.
    pub const DEFAULT_SIZE: f32 = 300.0;
}

/// A position in chart units. `along` runs with the flow (left to right in
/// horizontal lanes) and is measured from the start of the step's phase, or
/// of the chart when the step has no phase; `across` is measured from the
/// start of the step's lane. The point is the centre of the step's box, so
/// lanes and phases carry their steps when reordered or resized.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowPoint {
    pub along: f32,
    pub across: f32,
}

impl FlowPoint {
    pub fn new(along: f32, across: f32) -> FlowPoint {
        FlowPoint { along, across }
    }

    pub fn is_finite(self) -> bool {
        self.along.is_finite() && self.across.is_finite()
    }
}

/// What a step box is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepKind {
    /// A work step (rectangle).
    #[default]
    Process,
    /// A decision (diamond) with labelled exits such as 是/否.
    Decision,
    /// Where the flow starts (terminator).
    Start,
    /// Where the flow ends (terminator).
    End,
    /// A document produced by the flow.
    Document,
    /// An exit into another process, named by its number and name.
    ProcessExit { number: String, name: String },
    /// A free note; not part of the flow.
    Note,
}

/// A step's kind as a report names it, without what an exit carries;
/// written as its code (`process`, `decision`, `exit` …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KindShape {
    Process,
    Decision,
    Start,
    End,
    Document,
    Exit,
    Note,
}

impl KindShape {
    /// Its code, as JSON reports write it.
    pub fn code(self) -> &'static str {
        match self {
            KindShape::Process => "process",
            KindShape::Decision => "decision",
            KindShape::Start => "start",
            KindShape::End => "end",
            KindShape::Document => "document",
            KindShape::Exit => "exit",
            KindShape::Note => "note",
        }
    }
}

impl StepKind {
    /// The kind as a fixed word for scripts and reports (`decision`,
    /// `exit`…), whatever the language.
    pub fn code(&self) -> &'static str {
        self.shape().code()
    }

    /// The kind without what an exit carries.
    pub fn shape(&self) -> KindShape {
        match self {
            StepKind::Process => KindShape::Process,
            StepKind::Decision => KindShape::Decision,
            StepKind::Start => KindShape::Start,
            StepKind::End => KindShape::End,
            StepKind::Document => KindShape::Document,
            StepKind::ProcessExit { .. } => KindShape::Exit,
            StepKind::Note => KindShape::Note,
        }
    }

    /// Work steps are numbered, carry roles and appear in the AECI table;
    /// start, end, notes and exits into other processes do not.
    pub fn is_work_step(&self) -> bool {
        matches!(
            self,
            StepKind::Process | StepKind::Decision | StepKind::Document
        )
    }
}

/// One box of the chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: StepId,
    pub kind: StepKind,
    pub title: String,
    pub lane: LaneId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<PhaseId>,
    pub at: FlowPoint,
    /// 要点: how the step is done.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// 输出: documents the step produces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<String>,
    /// A number the user pinned; otherwise the flow decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned_number: Option<u32>,
    /// The main step (主要步骤) whose table row this step merges into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<StepId>,
    /// For each lane, its AECI letters for this step.
    #[serde(default, skip_serializing_if = "Roles::is_empty")]
    pub roles: Roles,
}

impl Step {
    /// A new step; a work step starts with E in its own lane.
    pub fn new(id: StepId, kind: StepKind, title: &str, lane: LaneId, at: FlowPoint) -> Step {
        let mut roles = Roles::new();
        if kind.is_work_step() {
            roles.insert(lane, RoleSet::of(&[Role::E]));
        }
        Step {
            id,
            kind,
            title: title.to_owned(),
            lane,
            phase: None,
            at,
            description: String::new(),
            outputs: Vec::new(),
            pinned_number: None,
            group: None,
            roles,
        }
    }
}

impl Step {
    /// A new step in a process of `scheme`: a work step starts with the
    /// scheme's executing letter (AECI's E, RACI's R) in its own lane.
    pub fn new_in(
        scheme: super::scheme::SchemeName,
        id: StepId,
        kind: StepKind,
        title: &str,
        lane: LaneId,
        at: FlowPoint,
    ) -> Step {
        let mut step = Step::new(id, kind, title, lane, at);
        if let Some(set) = step.roles.get_mut(&lane) {
            *set = set.without(Role::E).with(scheme.scheme().executor());
        }
        step
    }
}

/// An arrow from one step to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Connector {
    pub id: ConnectorId,
    pub from: StepId,
    pub to: StepId,
    /// A label such as 是 or 否 on a decision's exits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Process {
    pub fn lane(&self, id: LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }

    pub fn lane_index(&self, id: LaneId) -> Option<usize> {
        self.lanes.iter().position(|l| l.id == id)
    }

    pub fn phase(&self, id: PhaseId) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    pub fn phase_index(&self, id: PhaseId) -> Option<usize> {
        self.phases.iter().position(|p| p.id == id)
    }

    /// An id no lane has.
    pub fn next_lane_id(&self) -> LaneId {
        LaneId(self.lanes.iter().map(|l| l.id.0).max().unwrap_or(0) + 1)
    }

    /// An id no phase has.
    pub fn next_phase_id(&self) -> PhaseId {
        PhaseId(self.phases.iter().map(|p| p.id.0).max().unwrap_or(0) + 1)
    }

    /// An id no step has.
    pub fn next_step_id(&self) -> StepId {
        StepId(self.steps.keys().next_back().map_or(0, |id| id.0) + 1)
    }

    /// The connector from `from` to `to` (this direction), if there is one.
    pub fn connector_between(&self, from: StepId, to: StepId) -> Option<ConnectorId> {
        self.connectors
            .values()
            .find(|c| c.from == from && c.to == to)
            .map(|c| c.id)
    }

    /// An id no connector has.
    pub fn next_connector_id(&self) -> ConnectorId {
        ConnectorId(self.connectors.keys().next_back().map_or(0, |id| id.0) + 1)
    }

    /// Where a phase starts along the flow: the sum of the phases before it.
    pub fn phase_start(&self, id: PhaseId) -> f32 {
        self.phases
            .iter()
            .take_while(|p| p.id != id)
            .map(|p| p.size)
            .sum()
    }

    /// A step's position along the flow from the start of the chart.
    pub fn absolute_along(&self, step: &Step) -> f32 {
        step.phase.map_or(0.0, |p| self.phase_start(p)) + step.at.along
    }

    /// Connectors leaving or entering a step, in id order.
    pub fn connectors_of(&self, step: StepId) -> impl Iterator<Item = &Connector> {
        self.connectors
            .values()
            .filter(move |c| c.from == step || c.to == step)
    }
}
