//! What one drawn process adds to a library's analysis: its facts, its
//! hand-offs, each department's letters on its main steps, its own flags.

use super::{Flag, ProcessFacts};
use crate::model::scheme::Thresholds;
use crate::model::{Process, Role, RoleSet, StepId, StepKind, aeci_table, number_steps};
use std::collections::{BTreeMap, BTreeSet};

/// One process's hand-offs: (from, to) and the step the work leaves.
pub type Pairs = Vec<((String, String), StepId)>;

/// A department's letters on one process's main steps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartLoad {
    /// Main steps per letter.
    pub letters: BTreeMap<char, usize>,
    /// Main steps it holds any letter on.
    pub steps: usize,
}

/// What one process adds, kept so that an edited process is analysed
/// again alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProcessPart {
    pub facts: ProcessFacts,
    pub pairs: Pairs,
    pub flags: Vec<Flag>,
    /// Per department (aliases folded in).
    pub load: BTreeMap<String, PartLoad>,
}

/// The part of one process; `department` names a lane's department.
pub fn process_part(
    number: &str,
    name: &str,
    process: &Process,
    department: &dyn Fn(&str) -> String,
    thresholds: &Thresholds,
) -> ProcessPart {
    let numbering = number_steps(process);
    let table = aeci_table(process, &numbering);
    let lane_of = |step| {
        process
            .steps
            .get(&step)
            .and_then(|s| process.lane(s.lane))
            .map(|l| department(&l.name))
    };
    let mut pairs = Vec::new();
    let mut loops_back = 0;
    for c in process.connectors.values() {
        if let (Some(from), Some(to)) = (lane_of(c.from), lane_of(c.to))
            && from != to
        {
            pairs.push(((from, to), c.from));
        }
        if let (Some(a), Some(b)) = (numbering.of(c.from), numbering.of(c.to))
            && b <= a
        {
            loops_back += 1;
        }
    }
    // One department may be two lanes (a name and its alias): its letters
    // on a row are the union of theirs.
    let mut load: BTreeMap<String, PartLoad> = BTreeMap::new();
    for row in &table.rows {
        let mut held: BTreeMap<String, RoleSet> = BTreeMap::new();
        for (lane, cell) in table.lanes.iter().zip(&row.cells) {
            if !cell.is_empty() {
                let set = held.entry(department(&lane.name)).or_insert(RoleSet::EMPTY);
                *set = set.union(*cell);
            }
        }
        for (d, set) in held {
            let entry = load.entry(d).or_default();
            entry.steps += 1;
            for role in set.iter() {
                *entry.letters.entry(role.letter()).or_default() += 1;
            }
        }
    }
    let heading = format!("{number} {name}").trim().to_owned();
    let mut flags = back_and_forth(&pairs, &heading);
    // A scheme with no letter standing for A has no owner to look for.
    let approver = process
        .scheme
        .scheme()
        .counterpart(Role::A)
        .map(Role::letter);
    let holders: Vec<usize> = load
        .values()
        .filter_map(|l| l.letters.get(&approver?).copied())
        .collect();
    let total: usize = holders.iter().sum();
    if total > 0 && holders.iter().all(|n| n * 2 <= total) {
        flags.push(Flag::NoOwner {
            process: heading.clone(),
            holders: holders.len(),
        });
    }
    flags.extend(long_chains(process, &heading, department, thresholds));
    if loops_back > 0 {
        flags.push(Flag::LoopsBack {
            process: heading.clone(),
            count: loops_back,
        });
    }
    let facts = ProcessFacts {
        entry: 0,
        number: number.to_owned(),
        name: name.to_owned(),
        steps: table.rows.len(),
        decisions: process
            .steps
            .values()
            .filter(|s| s.kind == StepKind::Decision)
            .count(),
        lanes: process.lanes.len(),
        handoffs: pairs.len(),
        loops_back,
    };
    ProcessPart {
        facts,
        pairs,
        flags,
        load,
    }
}

/// Pairs of departments that hand work both ways in one process.
fn back_and_forth(pairs: &Pairs, heading: &str) -> Vec<Flag> {
    let distinct: BTreeSet<&(String, String)> = pairs.iter().map(|(p, _)| p).collect();
    distinct
        .iter()
        .filter(|(a, b)| a < b && distinct.contains(&(b.clone(), a.clone())))
        .map(|(a, b)| Flag::BackAndForth {
            process: heading.to_owned(),
            a: a.clone(),
            b: b.clone(),
        })
        .collect()
}

/// Chains of at least `long_chain` connectors, each from the step the last
/// one reached, inside one lane (the longest per lane).
fn long_chains(
    process: &Process,
    heading: &str,
    department: &dyn Fn(&str) -> String,
    thresholds: &Thresholds,
) -> Vec<Flag> {
    let mut next: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for c in process.connectors.values() {
        let same = process
            .steps
            .get(&c.from)
            .zip(process.steps.get(&c.to))
            .is_some_and(|(a, b)| a.lane == b.lane);
        if same && c.from != c.to {
            next.entry(c.from).or_default().push(c.to);
        }
    }
    let mut longest: BTreeMap<_, usize> = BTreeMap::new();
    for start in process.steps.keys() {
        // Walk the first way on; each step once (a loop ends the chain).
        let (mut at, mut seen, mut n) = (*start, BTreeSet::from([*start]), 0);
        while let Some(&to) = next.get(&at).and_then(|v| v.first()) {
            if !seen.insert(to) {
                break;
            }
            at = to;
            n += 1;
        }
        if let Some(step) = process.steps.get(start) {
            let best = longest.entry(step.lane).or_default();
            *best = (*best).max(n);
        }
    }
    longest
        .into_iter()
        .filter(|(_, n)| *n >= thresholds.long_chain)
        .filter_map(|(lane, n)| {
            Some(Flag::LongChain {
                process: heading.to_owned(),
                lane: department(&process.lane(lane)?.name),
                connectors: n,
            })
        })
        .collect()
}
