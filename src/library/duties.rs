//! Department responsibilities (部门职责) across a library: for each
//! department, every main step of every drawn process where it holds a
//! letter, and the count of each letter per department and process.

use super::Library;
use crate::model::{Role, RoleSet, StepId, aeci_table, number_steps};
use std::collections::BTreeMap;

/// One responsibility: a department's letters on one main step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duty {
    /// The entry (index in the catalogue) whose process holds the step.
    pub entry: usize,
    /// The main step (the table row's head) and its number.
    pub step: StepId,
    pub number: u32,
    pub title: String,
    pub letters: RoleSet,
    /// 要点.
    pub key_points: String,
    pub outputs: Vec<String>,
}

/// Everything one department does, in catalogue order, then step order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DepartmentDuties {
    pub department: String,
    pub duties: Vec<Duty>,
}

impl DepartmentDuties {
    /// How many of its steps carry each letter in one process, in the
    /// order cells show letters (A E C I, then R S D P).
    pub fn counts_in(&self, entry: usize) -> [usize; 8] {
        let mut counts = [0; 8];
        for d in self.duties.iter().filter(|d| d.entry == entry) {
            for (i, role) in Role::EVERY.into_iter().enumerate() {
                if d.letters.contains(role) {
                    counts[i] += 1;
                }
            }
        }
        counts
    }

    /// Only the duties holding at least one of `letters` (all when empty).
    pub fn with_letters(&self, letters: RoleSet) -> Vec<&Duty> {
        self.duties
            .iter()
            .filter(|d| letters.is_empty() || letters.iter().any(|r| d.letters.contains(r)))
            .collect()
    }
}

/// The duties of every department: the library's departments first in
/// their order, then lane names that are none of them, by name. A lane
/// named by a department's alias counts for that department.
pub fn duties(library: &Library) -> Vec<DepartmentDuties> {
    let names = library.catalogue.department_names();
    let mut by_department: BTreeMap<String, Vec<Duty>> = BTreeMap::new();
    for (entry, state) in library.states.iter().enumerate() {
        let Some(process) = state.process() else {
            continue;
        };
        let table = aeci_table(process, &number_steps(process));
        for row in &table.rows {
            // One department may be two lanes (a name and its alias).
            let mut letters: BTreeMap<&str, RoleSet> = BTreeMap::new();
            for (lane, cell) in table.lanes.iter().zip(&row.cells) {
                if cell.is_empty() {
                    continue;
                }
                let name = lane.name.trim();
                let department = names.get(name).copied().unwrap_or(name);
                let set = letters.entry(department).or_insert(RoleSet::EMPTY);
                *set = set.union(*cell);
            }
            for (department, set) in letters {
                by_department
                    .entry(department.to_owned())
                    .or_default()
                    .push(Duty {
                        entry,
                        step: row.head,
                        number: row.number,
                        title: row.title.clone(),
                        letters: set,
                        key_points: row.description.clone(),
                        outputs: row.outputs.clone(),
                    });
            }
        }
    }
    let mut result = Vec::new();
    for d in &library.catalogue.departments {
        let duties = by_department.remove(&d.name).unwrap_or_default();
        result.push(DepartmentDuties {
            department: d.name.clone(),
            duties,
        });
    }
    result.extend(
        by_department
            .into_iter()
            .map(|(department, duties)| DepartmentDuties { department, duties }),
    );
    result
}

/// How many lanes a new process of the library starts with.
const NEW_PROCESS_LANES: usize = 4;

/// The lanes a new process of the library starts with: its owner first,
/// then the departments the library's drawn processes have as lanes most
/// often (by department, aliases counted for it), then the catalogue's
/// others in order; four at the most, none when the library lists no
/// department.
pub fn lanes_for_new_process(library: &Library, owner: &str) -> Vec<String> {
    let departments = &library.catalogue.departments;
    let names = library.catalogue.department_names();
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, process) in library.drawn() {
        for lane in &process.lanes {
            if let Some(d) = names.get(lane.name.trim()) {
                *uses.entry(d).or_default() += 1;
            }
        }
    }
    let mut order: Vec<(usize, usize, &str)> = departments
        .iter()
        .enumerate()
        .map(|(i, d)| {
            (
                uses.get(d.name.as_str()).copied().unwrap_or(0),
                i,
                d.name.as_str(),
            )
        })
        .collect();
    // Most used first; the catalogue's order among equals.
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let owner = names.get(owner.trim()).copied();
    let mut lanes: Vec<String> = owner.map(str::to_owned).into_iter().collect();
    for (_, _, name) in order {
        if lanes.len() == NEW_PROCESS_LANES {
            break;
        }
        if Some(name) != owner {
            lanes.push(name.to_owned());
        }
    }
    lanes
}

/// Names the lanes of `process` that go by an alias of a department with
/// the department's name (大区 → 区域 after a rename), unless a lane has
/// that name already; the renames made.
pub fn lanes_to_departments(
    library: &Library,
    process: &mut crate::model::Process,
) -> Vec<(String, String)> {
    let names = library.catalogue.department_names();
    let mut taken: std::collections::BTreeSet<String> = process
        .lanes
        .iter()
        .map(|l| l.name.trim().to_owned())
        .collect();
    let mut renamed = Vec::new();
    for lane in &mut process.lanes {
        let Some(department) = names.get(lane.name.trim()) else {
            continue;
        };
        if taken.insert((*department).to_owned()) {
            renamed.push((lane.name.clone(), (*department).to_owned()));
            lane.name = (*department).to_owned();
        }
    }
    renamed
}
