//! What a library says about the organisation: hand-offs between
//! departments (a connector whose two steps stand in different lanes),
//! each department's load (main steps per letter of the scheme), facts per
//! process, and clarity flags — department names as the library names them
//! (aliases folded in).

use super::{DepartmentDuties, Library, duties};
use crate::model::{Process, Role, StepId, StepKind, aeci_table, number_steps};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A department holding A on more than this share of the main steps it
/// takes part in (and on at least `MIN_STEPS`) decides too much alone.
pub const A_SHARE: f64 = 0.5;
/// A department consulted or informed on more than this share of all the
/// library's main steps is told about nearly everything.
pub const CI_SHARE: f64 = 0.8;
/// Below this many main steps a department is not flagged.
pub const MIN_STEPS: usize = 4;
/// This many connectors in a row inside one lane is a long chain.
pub const LONG_CHAIN: usize = 5;

/// Facts about one drawn process.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProcessFacts {
    pub number: String,
    pub name: String,
    /// Main steps (rows of its table).
    pub steps: usize,
    pub decisions: usize,
    pub lanes: usize,
    pub handoffs: usize,
    /// Connectors leading back to a step numbered no later than theirs.
    pub loops_back: usize,
}

/// Hand-offs from one department to another, across the library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Handoff {
    pub from: String,
    pub to: String,
    pub count: usize,
}

/// A department's load: main steps per letter, and how many processes it
/// takes part in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Load {
    pub name: String,
    pub letters: BTreeMap<char, usize>,
    /// Per process number: main steps per letter.
    pub per_process: BTreeMap<String, BTreeMap<char, usize>>,
    pub processes: usize,
    /// Main steps it holds any letter on.
    pub steps: usize,
}

/// Something an organisation designer should look at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flag {
    /// A department approves most of what it takes part in.
    ApprovesMost {
        department: String,
        approves: usize,
        steps: usize,
    },
    /// A department is consulted or informed on nearly every step.
    ToldEverything {
        department: String,
        steps: usize,
        of: usize,
    },
    /// Two departments hand work back and forth in one process.
    BackAndForth {
        process: String,
        a: String,
        b: String,
    },
    /// A process whose A's no one department holds most of.
    NoOwner { process: String, holders: usize },
    /// Many steps in a row inside one lane.
    LongChain {
        process: String,
        lane: String,
        connectors: usize,
    },
    /// A process that loops back.
    LoopsBack { process: String, count: usize },
}

/// The whole analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LibraryAnalysis {
    pub processes: Vec<ProcessFacts>,
    pub handoffs: Vec<Handoff>,
    pub departments: Vec<Load>,
    pub flags: Vec<Flag>,
    /// Where each hand-off is: the entry (by catalogue index) and the step
    /// the work leaves, per (from, to).
    #[serde(skip)]
    pub handoff_steps: BTreeMap<(String, String), Vec<(usize, StepId)>>,
}

impl LibraryAnalysis {
    /// Every department the matrices name: the library's (with their
    /// load), then any other that only hands work on or takes it.
    pub fn department_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.departments.iter().map(|d| d.name.clone()).collect();
        for h in &self.handoffs {
            for n in [&h.from, &h.to] {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
        names
    }
}

/// Analyses every drawn process of `library` (on all cores).
pub fn analyze(library: &Library) -> LibraryAnalysis {
    analyze_with(library, &duties(library))
}

/// `analyze`, with the library's duties already worked out.
pub fn analyze_with(library: &Library, duties: &[DepartmentDuties]) -> LibraryAnalysis {
    let names = library.catalogue.department_names();
    let department = |lane: &str| {
        names
            .get(lane.trim())
            .map_or_else(|| lane.trim().to_owned(), |d| (*d).to_owned())
    };
    let drawn = library.drawn_indexed();
    let per_process = crate::parallel::on_all_cores(&drawn, 16, |(_, entry, process)| {
        process_analysis(
            entry.number.as_str(),
            entry.name.as_str(),
            process,
            &department,
        )
    });
    let mut out = LibraryAnalysis::default();
    let mut handoffs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for ((index, _, _), (facts, pairs, flags)) in drawn.iter().zip(per_process) {
        for (pair, step) in pairs {
            *handoffs.entry(pair.clone()).or_default() += 1;
            out.handoff_steps
                .entry(pair)
                .or_default()
                .push((*index, step));
        }
        out.processes.push(facts);
        out.flags.extend(flags);
    }
    out.handoffs = handoffs
        .into_iter()
        .map(|((from, to), count)| Handoff { from, to, count })
        .collect();
    out.departments = loads(library, duties);
    let scheme = library.catalogue.scheme.scheme();
    let letter = |like: Role| scheme.counterpart(like).map(Role::letter);
    let told = [letter(Role::C), letter(Role::I)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    let all_steps = out.processes.iter().map(|p| p.steps).sum();
    out.flags.extend(department_flags(
        &out.departments,
        all_steps,
        letter(Role::A),
        &told,
    ));
    out
}

/// One process's hand-offs: (from, to) and the step the work leaves.
type Pairs = Vec<((String, String), StepId)>;

/// One process: its facts, its hand-offs and its own flags.
fn process_analysis(
    number: &str,
    name: &str,
    process: &Process,
    department: &dyn Fn(&str) -> String,
) -> (ProcessFacts, Pairs, Vec<Flag>) {
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
    let heading = format!("{number} {name}").trim().to_owned();
    let mut flags = Vec::new();
    let distinct: BTreeSet<&(String, String)> = pairs.iter().map(|(p, _)| p).collect();
    for (a, b) in &distinct {
        if a < b && distinct.contains(&(b.clone(), a.clone())) {
            flags.push(Flag::BackAndForth {
                process: heading.clone(),
                a: a.clone(),
                b: b.clone(),
            });
        }
    }
    let approver = process
        .scheme
        .scheme()
        .counterpart(Role::A)
        .unwrap_or(Role::A);
    let mut holders: BTreeMap<String, usize> = BTreeMap::new();
    for row in &table.rows {
        for (lane, cell) in table.lanes.iter().zip(&row.cells) {
            if cell.contains(approver) {
                *holders.entry(department(&lane.name)).or_default() += 1;
            }
        }
    }
    let total: usize = holders.values().sum();
    if total > 0 && holders.values().all(|n| n * 2 <= total) {
        flags.push(Flag::NoOwner {
            process: heading.clone(),
            holders: holders.len(),
        });
    }
    flags.extend(long_chains(process, &heading, department));
    if loops_back > 0 {
        flags.push(Flag::LoopsBack {
            process: heading.clone(),
            count: loops_back,
        });
    }
    let facts = ProcessFacts {
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
    (facts, pairs, flags)
}

/// Chains of at least `LONG_CHAIN` connectors, each from the step the last
/// one reached, inside one lane (the longest per lane).
fn long_chains(process: &Process, heading: &str, department: &dyn Fn(&str) -> String) -> Vec<Flag> {
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
        .filter(|(_, n)| *n >= LONG_CHAIN)
        .filter_map(|(lane, n)| {
            Some(Flag::LongChain {
                process: heading.to_owned(),
                lane: department(&process.lane(lane)?.name),
                connectors: n,
            })
        })
        .collect()
}

/// Each department's main steps per letter, from the library's duties.
fn loads(library: &Library, duties: &[DepartmentDuties]) -> Vec<Load> {
    let numbers: Vec<&str> = library
        .catalogue
        .entries
        .iter()
        .map(|e| e.number.as_str())
        .collect();
    duties
        .iter()
        .map(|d| {
            let mut letters: BTreeMap<char, usize> = BTreeMap::new();
            let mut per_process: BTreeMap<String, BTreeMap<char, usize>> = BTreeMap::new();
            for duty in &d.duties {
                let number = numbers
                    .get(duty.entry)
                    .copied()
                    .unwrap_or_default()
                    .to_owned();
                for role in duty.letters.iter() {
                    *letters.entry(role.letter()).or_default() += 1;
                    *per_process
                        .entry(number.clone())
                        .or_default()
                        .entry(role.letter())
                        .or_default() += 1;
                }
            }
            Load {
                name: d.department.clone(),
                processes: per_process.len(),
                steps: d.duties.len(),
                letters,
                per_process,
            }
        })
        .collect()
}

/// Departments that approve most of what they take part in, or are told
/// about nearly everything.
fn department_flags(
    loads: &[Load],
    all_steps: usize,
    approver: Option<char>,
    told_letters: &[char],
) -> Vec<Flag> {
    let mut flags = Vec::new();
    let count = |load: &Load, c: char| load.letters.get(&c).copied().unwrap_or(0);
    for load in loads.iter().filter(|l| l.steps >= MIN_STEPS) {
        let approves = approver.map_or(0, |a| count(load, a));
        if approves as f64 > A_SHARE * load.steps as f64 {
            flags.push(Flag::ApprovesMost {
                department: load.name.clone(),
                approves,
                steps: load.steps,
            });
        }
        let told = told_letters
            .iter()
            .map(|c| count(load, *c))
            .max()
            .unwrap_or(0);
        if all_steps > 0 && told as f64 > CI_SHARE * all_steps as f64 {
            flags.push(Flag::ToldEverything {
                department: load.name.clone(),
                steps: told,
                of: all_steps,
            });
        }
    }
    flags
}

/// How one process's hand-offs and each lane's load differ between two
/// versions: what `flowcase diff` and the compare view add to the changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DesignChange {
    /// Main steps where a department holds a letter: before → after.
    Load {
        department: String,
        letter: char,
        before: usize,
        after: usize,
    },
    /// Hand-offs from one department to another: before → after.
    Handoffs {
        from: String,
        to: String,
        before: usize,
        after: usize,
    },
}

/// The design changes from `old` to `new`, loads first (by department and
/// the scheme's letter order), then hand-offs (by pair).
pub fn design_changes(old: &Process, new: &Process) -> Vec<DesignChange> {
    let (load_a, load_b) = (lane_load(old), lane_load(new));
    let mut out = Vec::new();
    let keys: BTreeSet<&(String, char)> = load_a.keys().chain(load_b.keys()).collect();
    for key in keys {
        let (before, after) = (
            load_a.get(key).copied().unwrap_or(0),
            load_b.get(key).copied().unwrap_or(0),
        );
        if before != after {
            out.push(DesignChange::Load {
                department: key.0.clone(),
                letter: key.1,
                before,
                after,
            });
        }
    }
    let (hand_a, hand_b) = (lane_handoffs(old), lane_handoffs(new));
    let pairs: BTreeSet<&(String, String)> = hand_a.keys().chain(hand_b.keys()).collect();
    for pair in pairs {
        let (before, after) = (
            hand_a.get(pair).copied().unwrap_or(0),
            hand_b.get(pair).copied().unwrap_or(0),
        );
        if before != after {
            out.push(DesignChange::Handoffs {
                from: pair.0.clone(),
                to: pair.1.clone(),
                before,
                after,
            });
        }
    }
    out
}

/// Main steps per (lane name, letter) of one process.
fn lane_load(process: &Process) -> BTreeMap<(String, char), usize> {
    let table = aeci_table(process, &number_steps(process));
    let mut counts = BTreeMap::new();
    for row in &table.rows {
        for (lane, cell) in table.lanes.iter().zip(&row.cells) {
            for role in cell.iter() {
                *counts
                    .entry((lane.name.trim().to_owned(), role.letter()))
                    .or_default() += 1;
            }
        }
    }
    counts
}

/// Hand-offs per (from lane, to lane) of one process.
fn lane_handoffs(process: &Process) -> BTreeMap<(String, String), usize> {
    let lane_of = |id| {
        process
            .steps
            .get(&id)
            .and_then(|s| process.lane(s.lane))
            .map(|l| l.name.trim().to_owned())
    };
    let mut counts = BTreeMap::new();
    for c in process.connectors.values() {
        if let (Some(from), Some(to)) = (lane_of(c.from), lane_of(c.to))
            && from != to
        {
            *counts.entry((from, to)).or_default() += 1;
        }
    }
    counts
}
