//! The library's own checks, beside each process's rules: exits into
//! processes the catalogue does not list, files missing or unreadable, two
//! entries with one number, and lanes that name no department (with the
//! department they probably mean).

use super::{EntryState, Library};
use crate::model::StepKind;
use crate::model::catalogue::{exit_targets, number_key};
use std::collections::BTreeMap;

/// One library problem; entries are named by their index in the catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryProblem {
    /// An exit of `entry`'s process (titled `step`) into `target`, a number
    /// no entry has.
    BrokenLink {
        entry: usize,
        step: String,
        target: String,
    },
    /// The catalogue names a file for `entry` that is not there.
    MissingFile { entry: usize },
    /// `entry`'s file is there but does not load.
    UnreadableFile { entry: usize },
    /// Several entries (by index) share one number.
    DuplicateNumber { number: String, entries: Vec<usize> },
    /// A lane of `entry`'s process that is no department nor alias of one;
    /// `near` is the department it probably means.
    UnknownDepartment {
        entry: usize,
        lane: String,
        near: Option<String>,
    },
}

/// Every library problem, in catalogue order.
pub fn check_library(library: &Library) -> Vec<LibraryProblem> {
    let mut problems = duplicate_numbers(library);
    let names = library.catalogue.department_names();
    let numbers = library.catalogue.number_index();
    for (entry, state) in library.states.iter().enumerate() {
        match state {
            EntryState::NotDrawn => {}
            EntryState::Missing(_) => problems.push(LibraryProblem::MissingFile { entry }),
            EntryState::Broken(_) => problems.push(LibraryProblem::UnreadableFile { entry }),
            EntryState::Drawn(process) => {
                for step in process.steps.values() {
                    let StepKind::ProcessExit { number, .. } = &step.kind else {
                        continue;
                    };
                    for target in exit_targets(number) {
                        if !numbers.contains_key(number_key(target)) {
                            problems.push(LibraryProblem::BrokenLink {
                                entry,
                                step: step.title.clone(),
                                target: target.to_owned(),
                            });
                        }
                    }
                }
                if names.is_empty() {
                    continue;
                }
                for lane in &process.lanes {
                    if !names.contains_key(lane.name.trim()) {
                        problems.push(LibraryProblem::UnknownDepartment {
                            entry,
                            lane: lane.name.clone(),
                            near: nearest(&lane.name, names.keys().copied())
                                .map(|n| names[n].to_owned()),
                        });
                    }
                }
            }
        }
    }
    problems
}

/// Entries that share a number, each group once, in catalogue order.
fn duplicate_numbers(library: &Library) -> Vec<LibraryProblem> {
    let mut by_number: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in library.catalogue.entries.iter().enumerate() {
        by_number.entry(number_key(&e.number)).or_default().push(i);
    }
    let mut groups: Vec<(String, Vec<usize>)> = by_number
        .into_iter()
        .filter(|(_, entries)| entries.len() > 1)
        .map(|(n, entries)| (n.to_owned(), entries))
        .collect();
    groups.sort_by_key(|(_, entries)| entries[0]);
    groups
        .into_iter()
        .map(|(number, entries)| LibraryProblem::DuplicateNumber { number, entries })
        .collect()
}

/// The name among `names` closest to `name` by edit distance, when it is
/// close: at most a third of the name's characters differ.
fn nearest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let len = name.trim().chars().count();
    let limit = (len / 3).max(1);
    names
        .map(|n| (edit_distance(name.trim(), n), n))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, n)| n)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_miss_department_is_found() {
        let names = ["特殊商务分部", "大区", "经销商"];
        assert_eq!(
            nearest("特殊销售分部", names.into_iter()),
            Some("特殊商务分部")
        );
        assert_eq!(nearest("财务部", names.into_iter()), None);
        assert_eq!(edit_distance("大区", "大区"), 0);
    }
}
