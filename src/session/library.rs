//! The library open in the application: its 流程清单 with each entry's
//! status, opening entries in tabs, following an exit into the process it
//! names, and knowing the library of a process opened on its own.

use super::{OpenFailure, Shell};
use crate::library::{EntryState, Library, LibraryProblem, check_library, exit_targets};
use crate::model::Analysis;
use crate::text::{S, fill};
use std::path::Path;

/// What the 流程清单 shows of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryStatus {
    NotDrawn,
    /// Drawn, with this many rule warnings.
    Drawn {
        warnings: usize,
    },
    Missing,
    Broken,
}

/// A library open in the window.
#[derive(Debug)]
pub struct OpenLibrary {
    pub library: Library,
    /// Each entry's status, in catalogue order.
    pub statuses: Vec<EntryStatus>,
    pub problems: Vec<LibraryProblem>,
}

impl OpenLibrary {
    pub fn new(library: Library) -> OpenLibrary {
        let statuses = crate::layout::on_all_cores(&library.states, 8, status_of);
        let problems = check_library(&library);
        OpenLibrary {
            library,
            statuses,
            problems,
        }
    }

    /// How many library problems concern entry `index`.
    pub fn problems_of(&self, index: usize) -> usize {
        self.problems
            .iter()
            .filter(|p| match p {
                LibraryProblem::BrokenLink { entry, .. }
                | LibraryProblem::MissingFile { entry }
                | LibraryProblem::UnreadableFile { entry }
                | LibraryProblem::UnknownDepartment { entry, .. } => *entry == index,
                LibraryProblem::DuplicateNumber { entries, .. } => entries.contains(&index),
            })
            .count()
    }
}

fn status_of(state: &EntryState) -> EntryStatus {
    match state {
        EntryState::NotDrawn => EntryStatus::NotDrawn,
        EntryState::Missing(_) => EntryStatus::Missing,
        EntryState::Broken(_) => EntryStatus::Broken,
        EntryState::Drawn(process) => EntryStatus::Drawn {
            warnings: Analysis::of(process).warnings.len(),
        },
    }
}

impl Shell {
    /// Opens the library at `root` and shows its 流程清单. A folder without
    /// a catalogue is reported like a file that does not open.
    pub fn open_library(&mut self, root: &Path) {
        match Library::open(root) {
            Ok(library) => {
                self.set_library(OpenLibrary::new(library));
                self.showing_library = true;
            }
            Err(e) => {
                self.open_failure = Some(OpenFailure {
                    path: root.to_owned(),
                    message: e.message(self.lang),
                    backup: None,
                });
            }
        }
    }

    /// After a process file opened on its own: the library around it, when
    /// there is one and none is open, opens too (its list not shown).
    pub(super) fn find_library_of(&mut self, file: &Path) {
        if self.library.is_some() {
            return;
        }
        let Some(root) =
            Library::around(&std::fs::canonicalize(file).unwrap_or_else(|_| file.to_owned()))
        else {
            return;
        };
        if let Ok(library) = Library::open(&root) {
            self.set_library(OpenLibrary::new(library));
        }
    }

    fn set_library(&mut self, open: OpenLibrary) {
        self.app.library = Some(open.library.catalogue.title.clone());
        self.library = Some(open);
    }

    /// Opens entry `index` of the open library in a tab: its file, when it
    /// has one.
    pub fn open_entry(&mut self, index: usize) {
        let Some(open) = &self.library else {
            return;
        };
        let Some(entry) = open.library.catalogue.entries.get(index) else {
            return;
        };
        let Some(file) = &entry.file else {
            return;
        };
        let path = open.library.root.join(file);
        let before = self.docs.len();
        self.open_path(&path);
        if self.open_failure.is_none() || self.docs.len() != before {
            self.showing_library = false;
        }
    }

    /// Follows an exit into the process its number names (the first, when
    /// it names several); says so in the status bar when the library has
    /// none.
    pub fn open_linked(&mut self, number: &str) {
        let target = exit_targets(number).first().map(|n| (*n).to_owned());
        let found = target.as_deref().and_then(|n| {
            let open = self.library.as_ref()?;
            let c = &open.library.catalogue;
            let index = c
                .entries
                .iter()
                .position(|e| Some(e) == c.entry_by_number(n))?;
            c.entries[index].file.as_ref().map(|_| index)
        });
        match found {
            Some(index) => self.open_entry(index),
            None => {
                let message = fill(
                    self.lang,
                    S::LinkNotFound,
                    &[("number", &target.unwrap_or_default())],
                );
                match self.docs.get_mut(self.active) {
                    Some(d) => d.editor.message = Some(message),
                    None => self.message = Some(message),
                }
            }
        }
    }

    /// Reloads the open library from its folder (after a save, say).
    pub fn reload_library(&mut self) {
        if let Some(root) = self.library.as_ref().map(|l| l.library.root.clone())
            && let Ok(library) = Library::open(&root)
        {
            self.set_library(OpenLibrary::new(library));
        }
    }
}
