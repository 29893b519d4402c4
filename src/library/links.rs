//! Which processes of a library lead into which: every entry's number and
//! name, and for each process the drawn ones whose exits lead into it.

use super::{Library, exit_targets, number_key};

/// The open library as the editor sees it: its processes, to pick related
/// ones from, and which processes lead into which.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LibraryLinks {
    pub title: String,
    /// Every entry's number and name, in catalogue order.
    pub entries: Vec<(String, String)>,
    /// For each process number (its numeric part), the drawn processes
    /// whose exits lead into it, as number and name.
    pub referenced_by: std::collections::BTreeMap<String, Vec<(String, String)>>,
}

impl LibraryLinks {
    pub fn of(library: &Library) -> LibraryLinks {
        let c = &library.catalogue;
        let mut referenced_by: std::collections::BTreeMap<String, Vec<(String, String)>> =
            Default::default();
        for (entry, process) in library.drawn() {
            for step in process.steps.values() {
                let crate::model::StepKind::ProcessExit { number, .. } = &step.kind else {
                    continue;
                };
                for target in exit_targets(number) {
                    let from = (entry.number.clone(), entry.name.clone());
                    let list = referenced_by
                        .entry(number_key(target).to_owned())
                        .or_default();
                    if !list.contains(&from) {
                        list.push(from);
                    }
                }
            }
        }
        LibraryLinks {
            title: c.title.clone(),
            entries: c
                .entries
                .iter()
                .map(|e| (e.number.clone(), e.name.clone()))
                .collect(),
            referenced_by,
        }
    }
}
