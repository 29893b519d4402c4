//! Steps and connectors merged by id: each field of a step (and each
//! lane's letters for it) taken from the side that changed it, its place
//! as layout; a step or connector one side deleted and the other changed
//! is a conflict.

use super::Sides;
use crate::model::conflict::{Conflict, Field, Subject, Value};
use crate::model::ids::{ConnectorId, StepId};
use crate::model::process::{Connector, Process, Step};
use crate::model::roles::RoleSet;
use std::collections::{BTreeMap, BTreeSet};

/// Fills `out` with the merged steps; returns the steps only THEIRS added.
pub fn merge_steps(sides: &mut Sides, out: &mut BTreeMap<StepId, Step>) -> BTreeSet<StepId> {
    let (base, ours, theirs) = (sides.base, sides.ours, sides.theirs);
    let ids: BTreeSet<StepId> = [base, ours, theirs]
        .iter()
        .flat_map(|p| p.steps.keys().copied())
        .collect();
    let mut added = BTreeSet::new();
    for id in ids {
        let [b, o, t] = [base, ours, theirs].map(|p| p.steps.get(&id));
        let kept = match (b, o, t) {
            (None, Some(o), _) => Some(o.clone()),
            (None, None, Some(t)) => {
                added.insert(id);
                Some(t.clone())
            }
            (Some(b), Some(o), Some(t)) => Some(merge_step(sides, b, o, t)),
            (Some(b), o, t) if !content_changed(b, o) && !content_changed(b, t) => None,
            (Some(b), o, t) => {
                let value =
                    |p: &Process, s: Option<&Step>| s.map_or(Value::Absent, |s| step_value(p, s));
                sides.conflicts.push(Conflict {
                    subject: Subject::Step(id),
                    field: Field::Exists,
                    base: step_value(base, b),
                    ours: value(ours, o),
                    theirs: value(theirs, t),
                });
                o.cloned()
            }
            (None, None, None) => None,
        };
        if let Some(step) = kept {
            out.insert(id, step);
        }
    }
    added
}

/// Whether a side changed what a step says or who does it (a move is not
/// a change, nor the E a move across lanes carries along); a deleted step
/// did not change.
fn content_changed(base: &Step, side: Option<&Step>) -> bool {
    let Some(side) = side else {
        return false;
    };
    let mut side = side.clone();
    if side.lane != base.lane && side.roles == e_moved(base, side.lane) {
        side.roles = base.roles.clone();
    }
    (side.lane, side.phase, side.at) = (base.lane, base.phase, base.at);
    side != *base
}

/// `base`'s roles after a move into `lane` that carried its E along.
fn e_moved(base: &Step, lane: crate::model::ids::LaneId) -> crate::model::roles::Roles {
    use crate::model::roles::Role;
    let mut roles = base.roles.clone();
    if let Some(old) = roles.get_mut(&base.lane) {
        *old = old.without(Role::E);
    }
    let new = roles.entry(lane).or_default();
    *new = new.with(Role::E);
    roles.retain(|_, r| !r.is_empty());
    roles
}

/// A whole step as a conflict keeps it, with its connectors on that side.
fn step_value(process: &Process, step: &Step) -> Value {
    let connectors = process.connectors_of(step.id).cloned().collect();
    Value::Step(Box::new(step.clone()), connectors)
}

/// A step both sides kept.
fn merge_step(sides: &mut Sides, b: &Step, o: &Step, t: &Step) -> Step {
    let subject = Subject::Step(o.id);
    let mut out = o.clone();
    out.kind = sides.field(subject, Field::Kind, [&b.kind, &o.kind, &t.kind], |k| {
        Value::Kind(k.clone())
    });
    out.title = sides.field(subject, Field::Title, [&b.title, &o.title, &t.title], |v| {
        Value::Text(v.clone())
    });
    out.description = sides.field(
        subject,
        Field::Description,
        [&b.description, &o.description, &t.description],
        |v| Value::Text(v.clone()),
    );
    out.outputs = sides.field(
        subject,
        Field::Outputs,
        [&b.outputs, &o.outputs, &t.outputs],
        |v| Value::Texts(v.clone()),
    );
    out.pinned_number = sides.field(
        subject,
        Field::PinnedNumber,
        [&b.pinned_number, &o.pinned_number, &t.pinned_number],
        |v| Value::Number(*v),
    );
    out.group = sides.field(subject, Field::Group, [&b.group, &o.group, &t.group], |v| {
        Value::Group(*v)
    });
    let place = |s: &Step| (s.lane, s.phase, s.at);
    (out.lane, out.phase, out.at) = sides.layout(subject, [&place(b), &place(o), &place(t)]);
    let lanes: BTreeSet<_> = [b, o, t]
        .iter()
        .flat_map(|s| s.roles.keys().copied())
        .collect();
    out.roles.clear();
    for lane in lanes {
        let [rb, ro, rt] = [b, o, t].map(|s| s.roles.get(&lane).copied().unwrap_or(RoleSet::EMPTY));
        let set = sides.field(subject, Field::Role(lane), [&rb, &ro, &rt], |r| {
            Value::Letters(*r)
        });
        if !set.is_empty() {
            out.roles.insert(lane, set);
        }
    }
    out
}

/// The merged connectors: ends and label fields; deleted and changed a
/// conflict.
pub fn merge_connectors(sides: &mut Sides) -> BTreeMap<ConnectorId, Connector> {
    let (base, ours, theirs) = (sides.base, sides.ours, sides.theirs);
    let ids: BTreeSet<ConnectorId> = [base, ours, theirs]
        .iter()
        .flat_map(|p| p.connectors.keys().copied())
        .collect();
    let mut out = BTreeMap::new();
    for id in ids {
        let [b, o, t] = [base, ours, theirs].map(|p| p.connectors.get(&id));
        let kept = match (b, o, t) {
            (None, Some(o), _) => Some(o.clone()),
            (None, None, Some(t)) => Some(t.clone()),
            (Some(b), Some(o), Some(t)) => {
                let subject = Subject::Connector(id);
                let mut c = o.clone();
                let ends = |c: &Connector| (c.from, c.to);
                (c.from, c.to) =
                    sides.field(subject, Field::Ends, [&ends(b), &ends(o), &ends(t)], |e| {
                        Value::Ends(e.0, e.1)
                    });
                c.label = sides.field(subject, Field::Label, [&b.label, &o.label, &t.label], |l| {
                    Value::Label(l.clone())
                });
                Some(c)
            }
            (Some(b), o, t) if o.is_none_or(|o| o == b) && t.is_none_or(|t| t == b) => None,
            (Some(b), o, t) => {
                let value = |c: Option<&Connector>| {
                    c.map_or(Value::Absent, |c| Value::Connector(Box::new(c.clone())))
                };
                sides.conflicts.push(Conflict {
                    subject: Subject::Connector(id),
                    field: Field::Exists,
                    base: value(Some(b)),
                    ours: value(o),
                    theirs: value(t),
                });
                o.cloned()
            }
            (None, None, None) => None,
        };
        if let Some(c) = kept {
            out.insert(id, c);
        }
    }
    out
}
