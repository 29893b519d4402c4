//! Three-way merge of two versions of a process made from a common base:
//! lanes, phases, steps, connectors, roles and every field matched by id;
//! each side's change taken where the other left that field alone; what
//! both sides added kept (theirs given fresh ids where ours took them);
//! moves never a conflict (ours wins when both moved one thing); the rest
//! recorded as conflicts, the process holding OURS until someone chooses.

mod bands;
mod catalogue;
mod fresh_ids;
mod order;
mod repair;
mod steps;

pub use catalogue::{CatalogueConflict, merge_catalogue};

use super::conflict::{Conflict, Field, Subject, Value};
use super::ids::{ConnectorId, StepId};
use super::limits::OverviewPart;
use super::process::{Overview, Process};
use super::rules::RuleSettings;

/// A merged process and what the merge did on its own that a person may
/// want to know.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub process: Process,
    pub notes: Vec<MergeNote>,
}

/// Something decided without asking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeNote {
    /// Both sides moved this step (or resized a band) differently: OURS kept.
    BothMoved(Subject),
    /// Theirs added this many things under ids ours had used for others:
    /// they were given new ids.
    Renumbered(usize),
    /// A step theirs added stood on another: moved along beside it.
    Nudged(StepId),
    /// A connector was dropped: one of its steps is gone.
    DroppedConnector(ConnectorId),
}

/// Merges `ours` and `theirs`, both made from `base`. The result is a valid
/// process; conflicts are in its `conflicts` (after any it had already).
pub fn merge(base: &Process, ours: &Process, theirs: &Process) -> Result<Merged, String> {
    let mut notes = Vec::new();
    let theirs = fresh_ids::renumber_additions(base, ours, theirs, &mut notes);
    let theirs = &theirs;
    let mut conflicts = Vec::new();
    let mut out = Process {
        overview: merge_overview(
            &base.overview,
            &ours.overview,
            &theirs.overview,
            &mut conflicts,
        ),
        orientation: pick(&base.orientation, &ours.orientation, &theirs.orientation)
            .unwrap_or(ours.orientation),
        rules: merge_rules(&base.rules, &ours.rules, &theirs.rules),
        ..Process::default()
    };
    let mut sides = Sides {
        base,
        ours,
        theirs,
        conflicts: &mut conflicts,
        notes: &mut notes,
    };
    out.lanes = bands::merge_lanes(&mut sides);
    out.phases = bands::merge_phases(&mut sides);
    let added = steps::merge_steps(&mut sides, &mut out.steps);
    out.connectors = steps::merge_connectors(&mut sides);
    repair::restore_bands(&mut sides, &mut out);
    repair::drop_dangling(&mut out, &mut notes);
    repair::nudge(&mut out, theirs, &added, &mut notes);
    out.conflicts = ours.conflicts.clone();
    for c in theirs.conflicts.iter().chain(&conflicts) {
        if !out.conflicts.contains(c) {
            out.conflicts.push(c.clone());
        }
    }
    super::validate(&out)?;
    Ok(Merged {
        process: out,
        notes,
    })
}

/// The three versions being merged, and what the merge has found so far.
pub(super) struct Sides<'a> {
    pub base: &'a Process,
    pub ours: &'a Process,
    pub theirs: &'a Process,
    pub conflicts: &'a mut Vec<Conflict>,
    pub notes: &'a mut Vec<MergeNote>,
}

/// The value two sides agree on, or the one that changed from `base`;
/// `None` when both changed it differently.
pub(super) fn pick<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> Option<T> {
    if ours == theirs || theirs == base {
        Some(ours.clone())
    } else if ours == base {
        Some(theirs.clone())
    } else {
        None
    }
}

impl Sides<'_> {
    /// `pick`, recording a conflict (and keeping OURS) when both changed.
    pub fn field<T: PartialEq + Clone>(
        &mut self,
        subject: Subject,
        field: Field,
        [base, ours, theirs]: [&T; 3],
        value: impl Fn(&T) -> Value,
    ) -> T {
        pick(base, ours, theirs).unwrap_or_else(|| {
            self.conflicts.push(Conflict {
                subject,
                field,
                base: value(base),
                ours: value(ours),
                theirs: value(theirs),
            });
            ours.clone()
        })
    }

    /// `pick` for layout (positions, sizes): OURS when both changed, noted.
    pub fn layout<T: PartialEq + Clone>(
        &mut self,
        subject: Subject,
        [base, ours, theirs]: [&T; 3],
    ) -> T {
        pick(base, ours, theirs).unwrap_or_else(|| {
            self.notes.push(MergeNote::BothMoved(subject));
            ours.clone()
        })
    }
}

fn merge_overview(
    base: &Overview,
    ours: &Overview,
    theirs: &Overview,
    conflicts: &mut Vec<Conflict>,
) -> Overview {
    let text = |key: OverviewPart, f: fn(&Overview) -> &String, conflicts: &mut Vec<Conflict>| {
        let [b, o, t] = [f(base), f(ours), f(theirs)];
        pick(b, o, t).unwrap_or_else(|| {
            conflicts.push(overview_conflict(
                key,
                Value::Text(b.clone()),
                Value::Text(o.clone()),
                Value::Text(t.clone()),
            ));
            o.clone()
        })
    };
    let texts =
        |key: OverviewPart, f: fn(&Overview) -> &Vec<String>, conflicts: &mut Vec<Conflict>| {
            let [b, o, t] = [f(base), f(ours), f(theirs)];
            pick(b, o, t).unwrap_or_else(|| {
                conflicts.push(overview_conflict(
                    key,
                    Value::Texts(b.clone()),
                    Value::Texts(o.clone()),
                    Value::Texts(t.clone()),
                ));
                o.clone()
            })
        };
    Overview {
        name: text(OverviewPart::Name, |o| &o.name, conflicts),
        number: text(OverviewPart::Number, |o| &o.number, conflicts),
        definition: text(OverviewPart::Definition, |o| &o.definition, conflicts),
        purpose: text(OverviewPart::Purpose, |o| &o.purpose, conflicts),
        key_points: texts(OverviewPart::KeyPoints, |o| &o.key_points, conflicts),
        participants: text(OverviewPart::Participants, |o| &o.participants, conflicts),
        cycle: text(OverviewPart::Cycle, |o| &o.cycle, conflicts),
        related_processes: texts(
            OverviewPart::RelatedProcesses,
            |o| &o.related_processes,
            conflicts,
        ),
        related_documents: texts(
            OverviewPart::RelatedDocuments,
            |o| &o.related_documents,
            conflicts,
        ),
        owner: text(OverviewPart::Owner, |o| &o.owner, conflicts),
    }
}

fn overview_conflict(key: OverviewPart, base: Value, ours: Value, theirs: Value) -> Conflict {
    Conflict {
        subject: Subject::Overview,
        field: Field::Overview(key),
        base,
        ours,
        theirs,
    }
}

/// Each rule switched as the side that changed it says (a rule is a yes or
/// no: both sides changing it changed it the same way).
fn merge_rules(base: &RuleSettings, ours: &RuleSettings, theirs: &RuleSettings) -> RuleSettings {
    let mut out = ours.clone();
    for rule in base
        .disabled
        .iter()
        .chain(&ours.disabled)
        .chain(&theirs.disabled)
    {
        let [b, o, t] = [base, ours, theirs].map(|r| r.is_enabled(*rule));
        out.set_enabled(*rule, pick(&b, &o, &t).unwrap_or(o));
    }
    out
}
