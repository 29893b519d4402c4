//! What a library says about the organisation: hand-offs between
//! departments (a connector whose two steps stand in different lanes),
//! each department's load (main steps per letter of the scheme), facts per
//! process, and clarity flags — department names as the library names them
//! (aliases folded in).

mod design;
mod process;

pub use design::{DesignChange, design_changes};
use process::{ProcessPart, process_part};

use super::Library;
use crate::model::scheme::Thresholds;
use crate::model::{Role, StepId};
use serde::Serialize;
use std::collections::BTreeMap;

/// Facts about one drawn process.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProcessFacts {
    /// The entry's index in the catalogue.
    #[serde(skip)]
    pub entry: usize,
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
    /// Per process number: main steps it holds any letter on.
    pub process_steps: BTreeMap<String, usize>,
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
    /// What each drawn process added, by entry index.
    #[serde(skip)]
    parts: BTreeMap<usize, ProcessPart>,
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

/// A heat map's colour for `n` of at most `max`: white for none, deep
/// blue for the most (RGB).
pub fn heat_rgb(n: usize, max: usize) -> [u8; 3] {
    let t = if max == 0 {
        0.0
    } else {
        n.min(max) as f32 / max as f32
    };
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    [mix(0xff, 0x2b), mix(0xff, 0x6c), mix(0xff, 0xb0)]
}

/// Analyses every drawn process of `library` (on all cores).
pub fn analyze(library: &Library) -> LibraryAnalysis {
    let drawn = library.drawn_indexed();
    let parts = crate::parallel::on_all_cores(&drawn, 16, |(index, _, _)| part_of(library, *index));
    let parts = drawn
        .iter()
        .zip(parts)
        .filter_map(|((index, _, _), part)| Some((*index, part?)))
        .collect();
    combine(library, parts)
}

impl LibraryAnalysis {
    /// The analysis of `library` where only the processes of `entries`
    /// changed since this one was made (from the same catalogue): those
    /// analysed again, the rest kept.
    pub fn refreshed(&self, library: &Library, entries: &[usize]) -> LibraryAnalysis {
        let mut parts = self.parts.clone();
        for index in entries {
            match part_of(library, *index) {
                Some(part) => parts.insert(*index, part),
                None => parts.remove(index),
            };
        }
        combine(library, parts)
    }
}

/// The part of entry `index`, when it is drawn.
fn part_of(library: &Library, index: usize) -> Option<ProcessPart> {
    let entry = library.catalogue.entries.get(index)?;
    let process = library.states.get(index)?.process()?;
    let names = library.catalogue.department_names();
    let department = |lane: &str| {
        names
            .get(lane.trim())
            .map_or_else(|| lane.trim().to_owned(), |d| (*d).to_owned())
    };
    let thresholds = &library.catalogue.scheme.scheme().thresholds;
    let mut part = process_part(&entry.number, &entry.name, process, &department, thresholds);
    part.facts.entry = index;
    Some(part)
}

/// The library's analysis from every drawn process's part.
fn combine(library: &Library, parts: BTreeMap<usize, ProcessPart>) -> LibraryAnalysis {
    let mut out = LibraryAnalysis::default();
    let mut handoffs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (index, part) in &parts {
        for (pair, step) in &part.pairs {
            *handoffs.entry(pair.clone()).or_default() += 1;
            out.handoff_steps
                .entry(pair.clone())
                .or_default()
                .push((*index, *step));
        }
        out.processes.push(part.facts.clone());
        out.flags.extend(part.flags.iter().cloned());
    }
    out.handoffs = handoffs
        .into_iter()
        .map(|((from, to), count)| Handoff { from, to, count })
        .collect();
    out.departments = loads(library, &parts);
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
        &scheme.thresholds,
    ));
    out.parts = parts;
    out
}

/// Each department's main steps per letter: the library's departments
/// first in their order, then lane names that are none of them, by name.
fn loads(library: &Library, parts: &BTreeMap<usize, ProcessPart>) -> Vec<Load> {
    let mut by_name: BTreeMap<&str, Load> = BTreeMap::new();
    for part in parts.values() {
        for (name, l) in &part.load {
            let load = by_name.entry(name).or_insert_with(|| Load::named(name));
            let number = &part.facts.number;
            load.steps += l.steps;
            load.processes += 1;
            *load.process_steps.entry(number.clone()).or_default() += l.steps;
            let mine = load.per_process.entry(number.clone()).or_default();
            for (c, n) in &l.letters {
                *load.letters.entry(*c).or_default() += n;
                *mine.entry(*c).or_default() += n;
            }
        }
    }
    let mut out: Vec<Load> = library
        .catalogue
        .departments
        .iter()
        .map(|d| {
            by_name
                .remove(d.name.as_str())
                .unwrap_or_else(|| Load::named(&d.name))
        })
        .collect();
    out.extend(by_name.into_values());
    out
}

impl Load {
    fn named(name: &str) -> Load {
        Load {
            name: name.to_owned(),
            letters: BTreeMap::new(),
            per_process: BTreeMap::new(),
            process_steps: BTreeMap::new(),
            processes: 0,
            steps: 0,
        }
    }
}

/// Departments that approve most of what they take part in, or are told
/// about nearly everything.
fn department_flags(
    loads: &[Load],
    all_steps: usize,
    approver: Option<char>,
    told_letters: &[char],
    thresholds: &Thresholds,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    let count = |load: &Load, c: char| load.letters.get(&c).copied().unwrap_or(0);
    for load in loads.iter().filter(|l| l.steps >= thresholds.min_steps) {
        let approves = approver.map_or(0, |a| count(load, a));
        if approves as f64 > thresholds.approver_share * load.steps as f64 {
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
        if all_steps > 0 && told as f64 > thresholds.told_share * all_steps as f64 {
            flags.push(Flag::ToldEverything {
                department: load.name.clone(),
                steps: told,
                of: all_steps,
            });
        }
    }
    flags
}
