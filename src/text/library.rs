//! The words of the process library: catalogue errors and library checks.

use super::{S, fill};
use crate::lang::Lang;
use crate::library::{CatalogueError, EntryState, Library, LibraryProblem};

impl CatalogueError {
    /// The error as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CatalogueError::DuplicateCategory(id) => {
                fill(lang, S::CatalogueDuplicateCategory, &[("category", id)])
            }
            CatalogueError::UnknownCategory { entry, category } => fill(
                lang,
                S::CatalogueUnknownCategory,
                &[("entry", entry), ("category", category)],
            ),
            CatalogueError::EmptyNumber { name } => {
                fill(lang, S::CatalogueEmptyNumber, &[("name", name)])
            }
            CatalogueError::FileOutside { entry, file } => fill(
                lang,
                S::CatalogueFileOutside,
                &[("entry", entry), ("file", file)],
            ),
        }
    }
}

impl LibraryProblem {
    /// The problem as a sentence in `lang`, naming entries as `编号 名称`.
    pub fn message(&self, library: &Library, lang: Lang) -> String {
        let name = |i: &usize| {
            library
                .catalogue
                .entries
                .get(*i)
                .map_or_else(String::new, |e| format!("{} {}", e.number, e.name))
        };
        match self {
            LibraryProblem::BrokenLink {
                entry,
                step,
                target,
            } => fill(
                lang,
                S::LibBrokenLink,
                &[("entry", &name(entry)), ("step", step), ("target", target)],
            ),
            LibraryProblem::MissingFile { entry } => {
                let file = library
                    .catalogue
                    .entries
                    .get(*entry)
                    .and_then(|e| e.file.clone());
                fill(
                    lang,
                    S::LibMissingFile,
                    &[("entry", &name(entry)), ("file", &file.unwrap_or_default())],
                )
            }
            LibraryProblem::UnreadableFile { entry } => {
                let error = match library.states.get(*entry) {
                    Some(EntryState::Broken(e)) => e.message(lang),
                    _ => String::new(),
                };
                fill(
                    lang,
                    S::LibUnreadableFile,
                    &[("entry", &name(entry)), ("error", &error)],
                )
            }
            LibraryProblem::DuplicateNumber { number, entries } => {
                let names: Vec<String> = entries.iter().map(name).collect();
                fill(
                    lang,
                    S::LibDuplicateNumber,
                    &[("number", number), ("names", &names.join("、"))],
                )
            }
            LibraryProblem::UnknownDepartment { entry, lane, near } => match near {
                Some(near) => fill(
                    lang,
                    S::LibUnknownDepartmentNear,
                    &[("entry", &name(entry)), ("lane", lane), ("near", near)],
                ),
                None => fill(
                    lang,
                    S::LibUnknownDepartment,
                    &[("entry", &name(entry)), ("lane", lane)],
                ),
            },
        }
    }
}
