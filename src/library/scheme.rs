//! Changing a library's role scheme: every drawn process's letters written
//! in the new scheme (A↔A, E↔R, C↔C, I↔I between AECI and RACI; each
//! letter by the AECI letter it stands for), and the catalogue naming it;
//! planned as new bytes for every file and applied all or nothing.

use super::rewrite::{FileChange, RewriteError, catalogue_change, process_changes};
use super::{EntryState, Library};
use crate::model::scheme::SchemeName;
use crate::model::{Process, Role};

/// Why a library's scheme was not changed; nothing was written.
#[derive(Debug)]
pub enum SchemeError {
    /// A step holds a letter the new scheme has no counterpart for: the
    /// entry (`1.9 关键客户开发`), the step's title and the letter.
    NoCounterpart {
        entry: String,
        step: String,
        letter: Role,
        to: SchemeName,
    },
    Rewrite(RewriteError),
}

/// The files to write so that the library speaks `to`.
pub fn change_scheme(library: &Library, to: SchemeName) -> Result<Vec<FileChange>, SchemeError> {
    for (entry, state) in library.catalogue.entries.iter().zip(&library.states) {
        let EntryState::Drawn(process) = state else {
            continue;
        };
        if let Some((step, letter)) = first_without_counterpart(process, to) {
            return Err(SchemeError::NoCounterpart {
                entry: format!("{} {}", entry.number, entry.name),
                step,
                letter,
                to,
            });
        }
    }
    let mut catalogue = library.catalogue.clone();
    catalogue.scheme = to;
    let mut changes = catalogue_change(library, &catalogue).map_err(SchemeError::Rewrite)?;
    changes.extend(process_changes(library, |p| convert(p, to)).map_err(SchemeError::Rewrite)?);
    Ok(changes)
}

/// The first step (by id) holding a letter `to` cannot write.
fn first_without_counterpart(process: &Process, to: SchemeName) -> Option<(String, Role)> {
    let from = process.scheme.scheme();
    process.steps.values().find_map(|step| {
        step.roles
            .values()
            .find_map(|set| from.convert(*set, to.scheme()).err())
            .map(|letter| (step.title.clone(), letter))
    })
}

/// `process` written in scheme `to` (letters without a counterpart, which
/// `change_scheme` refuses first, stay as they are).
pub fn convert(process: &mut Process, to: SchemeName) {
    let from = process.scheme.scheme();
    for step in process.steps.values_mut() {
        for set in step.roles.values_mut() {
            if let Ok(converted) = from.convert(*set, to.scheme()) {
                *set = converted;
            }
        }
    }
    process.scheme = to;
}
