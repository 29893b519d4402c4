//! What a three-way merge could not decide: a field two versions changed
//! to different values (or a thing one deleted and the other changed),
//! kept in the process with the value of each side until a person
//! chooses, and the edit that carries out each choice.

use super::edit::{Edit, LaneStepsFate, OverviewField, StepField};
use super::ids::{ConnectorId, LaneId, PhaseId, StepId};
use super::limits::OverviewPart;
use super::process::{Connector, Lane, Phase, Process, Step, StepKind};
use super::roles::RoleSet;
use serde::{Deserialize, Serialize};

/// What a conflict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Subject {
    Step(StepId),
    Lane(LaneId),
    Phase(PhaseId),
    Connector(ConnectorId),
    Overview,
}

/// Which field of its subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    /// Whether it is there at all: deleted on one side, changed on the other.
    Exists,
    Title,
    Kind,
    Description,
    Outputs,
    PinnedNumber,
    Group,
    /// The letters a lane holds for the step.
    Role(LaneId),
    /// A lane's or a phase's name.
    Name,
    Label,
    Ends,
    /// One field of the 概要, by its code (`name`, `purpose`, …).
    Overview(OverviewPart),
}

/// One side's value of a conflicting field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// Not there (deleted, or never made).
    Absent,
    Text(String),
    Texts(Vec<String>),
    Letters(RoleSet),
    Kind(StepKind),
    Number(Option<u32>),
    Group(Option<StepId>),
    Label(Option<String>),
    Ends(StepId, StepId),
    /// A whole step, with the connectors that touch it on that side.
    Step(Box<Step>, Vec<Connector>),
    /// A whole lane and its place in the lane order.
    Lane(Box<Lane>, usize),
    Phase(Box<Phase>, usize),
    Connector(Box<Connector>),
}

/// A field both sides changed differently. The process holds OURS until
/// someone chooses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub subject: Subject,
    pub field: Field,
    pub base: Value,
    pub ours: Value,
    pub theirs: Value,
}

/// Which side a choice takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

impl Conflict {
    /// The value a side holds.
    pub fn value(&self, side: Side) -> &Value {
        match side {
            Side::Ours => &self.ours,
            Side::Theirs => &self.theirs,
        }
    }

    /// The edits that give the field `side`'s value in `process` (none when
    /// it holds that value already, or the thing it needs is gone).
    pub fn edits_for(&self, process: &Process, side: Side) -> Vec<Edit> {
        let value = self.value(side).clone();
        match (self.subject, self.field, value) {
            (Subject::Step(id), Field::Exists, Value::Absent) => {
                present(process.steps.contains_key(&id), Edit::RemoveStep(id))
            }
            (Subject::Step(id), Field::Exists, Value::Step(step, connectors)) => {
                if process.steps.contains_key(&id) {
                    return Vec::new();
                }
                let mut edits = vec![Edit::AddStep(*step)];
                edits.extend(
                    connectors
                        .into_iter()
                        .filter(|c| {
                            !process.connectors.contains_key(&c.id)
                                && [c.from, c.to]
                                    .iter()
                                    .all(|s| *s == id || process.steps.contains_key(s))
                        })
                        .map(Edit::AddConnector),
                );
                edits
            }
            (Subject::Step(id), field, value) => step_edit(process, id, field, value),
            (Subject::Lane(id), Field::Exists, Value::Absent) => present(
                process.lane(id).is_some(),
                Edit::RemoveLane {
                    id,
                    steps: LaneStepsFate::Remove,
                },
            ),
            (Subject::Lane(_), Field::Exists, Value::Lane(lane, index)) => {
                match process.lane(lane.id) {
                    Some(_) => Vec::new(),
                    None => vec![Edit::AddLane {
                        index: index.min(process.lanes.len()),
                        lane: *lane,
                    }],
                }
            }
            (Subject::Lane(id), Field::Name, Value::Text(name)) => {
                present(process.lane(id).is_some(), Edit::RenameLane { id, name })
            }
            (Subject::Phase(id), Field::Name, Value::Text(name)) => {
                present(process.phase(id).is_some(), Edit::RenamePhase { id, name })
            }
            (Subject::Connector(id), Field::Exists, Value::Absent) => present(
                process.connectors.contains_key(&id),
                Edit::RemoveConnector(id),
            ),
            (Subject::Connector(id), Field::Exists, Value::Connector(c)) => {
                let ends = [c.from, c.to].iter().all(|s| process.steps.contains_key(s));
                present(
                    !process.connectors.contains_key(&id) && ends,
                    Edit::AddConnector(*c),
                )
            }
            (Subject::Connector(id), Field::Label, Value::Label(label)) => present(
                process.connectors.contains_key(&id),
                Edit::SetConnectorLabel { id, label },
            ),
            (Subject::Connector(id), Field::Ends, Value::Ends(from, to)) => present(
                process.connectors.contains_key(&id),
                Edit::SetConnectorEnds { id, from, to },
            ),
            (Subject::Overview, Field::Overview(key), value) => {
                overview_edit(key, value).into_iter().collect()
            }
            _ => Vec::new(),
        }
    }
}

fn present(there: bool, edit: Edit) -> Vec<Edit> {
    if there { vec![edit] } else { Vec::new() }
}

/// The edit giving one field of a step a value.
fn step_edit(process: &Process, id: StepId, field: Field, value: Value) -> Vec<Edit> {
    if !process.steps.contains_key(&id) {
        return Vec::new();
    }
    let set = |field| vec![Edit::SetStep { id, field }];
    match (field, value) {
        (Field::Title, Value::Text(t)) => set(StepField::Title(t)),
        (Field::Kind, Value::Kind(k)) => set(StepField::Kind(k)),
        (Field::Description, Value::Text(t)) => set(StepField::Description(t)),
        (Field::Outputs, Value::Texts(t)) => set(StepField::Outputs(t)),
        (Field::PinnedNumber, Value::Number(n)) => set(StepField::PinnedNumber(n)),
        (Field::Group, Value::Group(g)) => set(StepField::Group(g)),
        (Field::Role(lane), Value::Letters(roles)) if process.lane(lane).is_some() => {
            vec![Edit::SetRole {
                step: id,
                lane,
                roles,
            }]
        }
        _ => Vec::new(),
    }
}

/// The edit giving one field of the 概要 a value.
fn overview_edit(key: OverviewPart, value: Value) -> Option<Edit> {
    let field = match (key, value) {
        (OverviewPart::Name, Value::Text(t)) => OverviewField::Name(t),
        (OverviewPart::Number, Value::Text(t)) => OverviewField::Number(t),
        (OverviewPart::Definition, Value::Text(t)) => OverviewField::Definition(t),
        (OverviewPart::Purpose, Value::Text(t)) => OverviewField::Purpose(t),
        (OverviewPart::KeyPoints, Value::Texts(t)) => OverviewField::KeyPoints(t),
        (OverviewPart::Participants, Value::Text(t)) => OverviewField::Participants(t),
        (OverviewPart::Cycle, Value::Text(t)) => OverviewField::Cycle(t),
        (OverviewPart::RelatedProcesses, Value::Texts(t)) => OverviewField::RelatedProcesses(t),
        (OverviewPart::RelatedDocuments, Value::Texts(t)) => OverviewField::RelatedDocuments(t),
        (OverviewPart::Owner, Value::Text(t)) => OverviewField::Owner(t),
        _ => return None,
    };
    Some(Edit::SetOverview(field))
}
