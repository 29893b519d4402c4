//! Rule checks on a process: warnings, never errors. Which rules run is
//! data stored with the process, so a project can switch a rule off.

use super::ids::{ConnectorId, LaneId, StepId};
use super::numbering::Numbering;
use super::process::{Process, Step, StepKind};
use super::roles::Role;
use super::scheme::{Count, Letter};
use super::table::AeciTable;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One rule that can be switched off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RuleId {
    /// A main step where no lane executes (E).
    NoExecutor,
    /// A main step where no lane approves (A).
    NoApprover,
    /// A main step where more than one lane approves (A).
    SeveralApprovers,
    /// A lane with no steps and no roles.
    UnusedLane,
    /// A step no connector reaches, or none leaves.
    Disconnected,
    /// A decision with fewer than two exits.
    DecisionExits,
    /// A connector that leads back into the step it leaves.
    SelfLoop,
    /// Two steps pinned to the same number.
    DuplicateNumber,
}

impl RuleId {
    pub const ALL: [RuleId; 8] = [
        RuleId::NoExecutor,
        RuleId::NoApprover,
        RuleId::SeveralApprovers,
        RuleId::UnusedLane,
        RuleId::Disconnected,
        RuleId::DecisionExits,
        RuleId::SelfLoop,
        RuleId::DuplicateNumber,
    ];
}

/// The rules a project has switched off. Stored in the process file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleSettings {
    pub disabled: BTreeSet<RuleId>,
}

impl RuleSettings {
    pub fn is_enabled(&self, rule: RuleId) -> bool {
        !self.disabled.contains(&rule)
    }

    pub fn set_enabled(&mut self, rule: RuleId, enabled: bool) {
        if enabled {
            self.disabled.remove(&rule);
        } else {
            self.disabled.insert(rule);
        }
    }

    pub fn is_default(&self) -> bool {
        self.disabled.is_empty()
    }
}

/// What a warning is about, for selecting it in the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    Step(StepId),
    Lane(LaneId),
    Connector(ConnectorId),
}

/// What exactly is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No lane holds the scheme's executing letter (AECI's E, RACI's R).
    NoExecutor(Letter),
    /// No lane holds the scheme's approving letter (A, RAPID's D).
    NoApprover(Letter),
    /// Several lanes hold a letter the scheme wants once; their names.
    SeveralApprovers(Letter, Vec<String>),
    UnusedLane,
    NotReached,
    NotLeft,
    /// How many exits the decision has.
    DecisionExits(usize),
    SelfLoop,
    /// The number two or more steps are pinned to.
    DuplicateNumber(u32),
}

/// One rule warning, naming the step (by number and title) or lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub problem: Problem,
    pub subject: Subject,
    /// The step's number, when it is a work step.
    pub number: Option<u32>,
    /// The step's title or the lane's name.
    pub name: String,
}

impl Warning {
    pub fn rule(&self) -> RuleId {
        match self.problem {
            Problem::NoExecutor(_) => RuleId::NoExecutor,
            Problem::NoApprover(_) => RuleId::NoApprover,
            Problem::SeveralApprovers(..) => RuleId::SeveralApprovers,
            Problem::UnusedLane => RuleId::UnusedLane,
            Problem::NotReached | Problem::NotLeft => RuleId::Disconnected,
            Problem::DecisionExits(_) => RuleId::DecisionExits,
            Problem::SelfLoop => RuleId::SelfLoop,
            Problem::DuplicateNumber(_) => RuleId::DuplicateNumber,
        }
    }
}

/// Runs every enabled rule. Warnings come in a stable order: role rules in
/// table order, then lanes in lane order, then steps in number order.
pub fn check_rules(process: &Process, numbering: &Numbering, table: &AeciTable) -> Vec<Warning> {
    let rules = &process.rules;
    let mut warnings = Vec::new();
    let step_warning = |problem, step: &Step| Warning {
        problem,
        subject: Subject::Step(step.id),
        number: numbering.of(step.id),
        name: step.title.clone(),
    };

    // The scheme's counted letters: executing ones first, as AECI's
    // warnings always came (no E, then no A, then several A).
    let scheme = process.scheme.scheme();
    let mut counted: Vec<&Letter> = scheme
        .letters
        .iter()
        .filter(|l| l.count != Count::Any)
        .collect();
    counted.sort_by_key(|l| l.like != Some(Role::E));
    for row in &table.rows {
        let Some(head) = process.steps.get(&row.head) else {
            continue;
        };
        for letter in &counted {
            let holders: Vec<String> = table
                .lanes
                .iter()
                .zip(&row.cells)
                .filter(|(_, cell)| cell.contains(letter.role))
                .map(|(lane, _)| lane.name.clone())
                .collect();
            let (missing, rule) = match letter.like {
                Some(Role::E) => (Problem::NoExecutor(**letter), RuleId::NoExecutor),
                _ => (Problem::NoApprover(**letter), RuleId::NoApprover),
            };
            if letter.count.needs_one() && holders.is_empty() && rules.is_enabled(rule) {
                warnings.push(step_warning(missing, head));
            }
            let too_many = letter.count.most().is_some_and(|most| holders.len() > most);
            if too_many && rules.is_enabled(RuleId::SeveralApprovers) {
                warnings.push(step_warning(
                    Problem::SeveralApprovers(**letter, holders),
                    head,
                ));
            }
        }
    }

    if rules.is_enabled(RuleId::UnusedLane) {
        for lane in &process.lanes {
            let used = process
                .steps
                .values()
                .any(|s| s.lane == lane.id || s.roles.contains_key(&lane.id));
            if !used {
                warnings.push(Warning {
                    problem: Problem::UnusedLane,
                    subject: Subject::Lane(lane.id),
                    number: None,
                    name: lane.name.clone(),
                });
            }
        }
    }

    let mut incoming: BTreeMap<StepId, usize> = BTreeMap::new();
    let mut outgoing: BTreeMap<StepId, usize> = BTreeMap::new();
    let mut self_loops: BTreeMap<StepId, Vec<ConnectorId>> = BTreeMap::new();
    for c in process.connectors.values() {
        *outgoing.entry(c.from).or_default() += 1;
        *incoming.entry(c.to).or_default() += 1;
        if c.from == c.to {
            self_loops.entry(c.from).or_default().push(c.id);
        }
    }
    let mut pins: BTreeMap<u32, usize> = BTreeMap::new();
    for step in process.steps.values().filter(|s| s.kind.is_work_step()) {
        if let Some(pin) = step.pinned_number {
            *pins.entry(pin).or_default() += 1;
        }
    }

    // Steps in number order, then the unnumbered ones by id.
    let mut steps: Vec<&Step> = process.steps.values().collect();
    steps.sort_by_key(|s| (numbering.of(s.id).is_none(), numbering.of(s.id), s.id));
    for step in steps {
        let ins = incoming.get(&step.id).copied().unwrap_or(0);
        let outs = outgoing.get(&step.id).copied().unwrap_or(0);
        if rules.is_enabled(RuleId::Disconnected) {
            let needs_in = !matches!(step.kind, StepKind::Start | StepKind::Note);
            let needs_out = !matches!(
                step.kind,
                StepKind::End | StepKind::Note | StepKind::ProcessExit { .. }
            );
            if needs_in && ins == 0 {
                warnings.push(step_warning(Problem::NotReached, step));
            }
            if needs_out && outs == 0 {
                warnings.push(step_warning(Problem::NotLeft, step));
            }
        }
        if step.kind == StepKind::Decision && outs < 2 && rules.is_enabled(RuleId::DecisionExits) {
            warnings.push(step_warning(Problem::DecisionExits(outs), step));
        }
        if rules.is_enabled(RuleId::SelfLoop) {
            for id in self_loops.get(&step.id).into_iter().flatten() {
                warnings.push(Warning {
                    subject: Subject::Connector(*id),
                    ..step_warning(Problem::SelfLoop, step)
                });
            }
        }
        if let Some(pin) = step.pinned_number
            && step.kind.is_work_step()
            && pins.get(&pin).is_some_and(|n| *n > 1)
            && rules.is_enabled(RuleId::DuplicateNumber)
        {
            warnings.push(step_warning(Problem::DuplicateNumber(pin), step));
        }
    }
    warnings
}
