//! The library open in the application: its 流程清单 with each entry's
//! status, opening entries in tabs, following an exit into the process it
//! names, and knowing the library of a process opened on its own.

use super::{OpenFailure, Shell};
use crate::library::{
    EntryState, FileChange, Library, LibraryProblem, RewriteError, apply_changes, check_library,
    exit_targets, rename_department, renumber_entry,
};
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

/// A rename asked for in the 流程清单, while its dialog is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryRename {
    /// A department, by its current name.
    Department { old: String, text: String },
    /// An entry's number, by the entry's index.
    Number { entry: usize, text: String },
    /// An entry's name (流程名称).
    Name { entry: usize, text: String },
    /// Removing an entry: asks whether its file goes too.
    Remove { entry: usize },
}

/// What happens to a removed entry's file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemovedFile {
    Keep,
    Delete,
}

/// Which page of the library tab is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LibraryPage {
    #[default]
    List,
    Duties,
}

/// A library open in the window.
#[derive(Debug)]
pub struct OpenLibrary {
    pub library: Library,
    /// Each entry's status, in catalogue order.
    pub statuses: Vec<EntryStatus>,
    pub problems: Vec<LibraryProblem>,
    /// The rename being typed, if any.
    pub rename: Option<LibraryRename>,
    /// What the last rename changed or why it did not (shown in the list).
    pub message: Option<String>,
    /// Every department's duties across the drawn processes.
    pub duties: Vec<crate::library::DepartmentDuties>,
    pub page: LibraryPage,
    /// The department the duties page shows (index into `duties`).
    pub duty_department: usize,
    /// Only steps holding one of these letters (all when empty).
    pub duty_letters: crate::model::RoleSet,
}

impl OpenLibrary {
    pub fn new(library: Library) -> OpenLibrary {
        let statuses = crate::layout::on_all_cores(&library.states, 8, status_of);
        let problems = check_library(&library);
        let duties = crate::library::duties(&library);
        OpenLibrary {
            library,
            statuses,
            problems,
            rename: None,
            message: None,
            duties,
            page: LibraryPage::List,
            duty_department: 0,
            duty_letters: crate::model::RoleSet::EMPTY,
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
        self.app.library = Some(crate::ui::LibraryLinks::of(&open.library));
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

    /// Opens entry `index` and selects its step `step` (a duty clicked).
    pub fn show_duty(&mut self, index: usize, step: crate::model::StepId) {
        self.open_entry(index);
        if !self.showing_library
            && let Some(d) = self.docs.get_mut(self.active)
        {
            d.editor.command(crate::ui::Command::SelectRow(vec![step]));
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

    /// Carries out the rename typed in the 流程清单's dialog: every file it
    /// touches is rewritten (old or new, never torn), the library and the
    /// open documents of those files are read again, and the list says
    /// what changed. Documents with unsaved changes in those files stop it.
    pub fn finish_library_rename(&mut self) {
        let lang = self.lang;
        let Some(open) = &mut self.library else {
            return;
        };
        let Some(rename) = open.rename.take() else {
            return;
        };
        let planned = match &rename {
            LibraryRename::Department { old, text } => rename_department(&open.library, old, text),
            LibraryRename::Number { entry, text } => renumber_entry(&open.library, *entry, text),
            LibraryRename::Name { entry, text } => {
                let (entry, text) = (*entry, text.trim().to_owned());
                if text.is_empty() {
                    open.message = Some(fill(lang, S::LibRenameTaken, &[("name", &text)]));
                    return;
                }
                self.change_catalogue(|c| {
                    if let Some(e) = c.entries.get_mut(entry) {
                        e.name = text;
                    }
                });
                return;
            }
            LibraryRename::Remove { .. } => return,
        };
        let changes = match planned {
            Ok(c) => c,
            Err(e) => {
                open.message = Some(rewrite_message(&e, lang));
                return;
            }
        };
        if let Some(busy) = self.unsaved_among(&changes) {
            if let Some(open) = &mut self.library {
                open.message = Some(fill(lang, S::LibRenameUnsaved, &[("name", &busy)]));
            }
            return;
        }
        let result = apply_changes(&changes, &mut crate::format::OsFs);
        self.reload_library();
        self.reload_docs(&changes);
        let message = match result {
            Ok(()) => {
                let names: Vec<String> = changes
                    .iter()
                    .filter_map(|c| c.path.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .collect();
                let values: [(&str, &dyn std::fmt::Display); 2] =
                    [("n", &names.len()), ("files", &names.join("、"))];
                fill(lang, S::LibRenameDone, &values)
            }
            Err(e) => rewrite_message(&e, lang),
        };
        if let Some(open) = &mut self.library {
            open.message = Some(message);
        }
    }

    /// Changes the catalogue alone and saves it (atomically, with its
    /// `.bak`); the list is read again and says what happened.
    pub fn change_catalogue(&mut self, change: impl FnOnce(&mut crate::library::Catalogue)) {
        let lang = self.lang;
        let Some(open) = &mut self.library else {
            return;
        };
        let mut catalogue = open.library.catalogue.clone();
        change(&mut catalogue);
        if catalogue == open.library.catalogue {
            return;
        }
        let path = open.library.root.join(crate::format::CATALOGUE_FILE);
        let saved = crate::format::save_catalogue(&catalogue, &path, &mut crate::format::OsFs);
        self.reload_library();
        let message = match saved {
            Ok(()) => fill(
                lang,
                S::LibCatalogueSaved,
                &[("file", &crate::format::CATALOGUE_FILE)],
            ),
            Err(e) => e.message(lang),
        };
        if let Some(open) = &mut self.library {
            open.message = Some(message);
        }
    }

    /// Adds an entry at the end of `category`, numbered after its last one,
    /// and asks for its name.
    pub fn add_entry(&mut self, category: u32) {
        let lang = self.lang;
        let Some(open) = &self.library else {
            return;
        };
        let c = &open.library.catalogue;
        let number = next_number(c, category);
        let name = crate::text::tr(lang, S::NewProcessName).to_owned();
        let index = c
            .entries
            .iter()
            .rposition(|e| e.category == category)
            .map_or(c.entries.len(), |i| i + 1);
        let entry = crate::library::Entry {
            number,
            name: name.clone(),
            category,
            owner: String::new(),
            file: None,
        };
        self.change_catalogue(|c| c.entries.insert(index.min(c.entries.len()), entry));
        if let Some(open) = &mut self.library {
            open.rename = Some(LibraryRename::Name {
                entry: index,
                text: name,
            });
        }
    }

    /// Removes entry `index` from the catalogue; its file stays or goes.
    pub fn remove_entry(&mut self, index: usize, file: RemovedFile) {
        let path = self.library.as_ref().and_then(|open| {
            let e = open.library.catalogue.entries.get(index)?;
            Some(open.library.root.join(e.file.as_ref()?))
        });
        self.change_catalogue(|c| {
            if index < c.entries.len() {
                c.entries.remove(index);
            }
        });
        if let (RemovedFile::Delete, Some(path)) = (file, path) {
            let open_here = self.docs.iter().any(|d| {
                d.editor
                    .doc
                    .path
                    .as_ref()
                    .is_some_and(|p| crate::format::same_file(p, &path))
            });
            // A file open in a tab is kept: the tab could save it again.
            if !open_here {
                let _ = std::fs::remove_file(&path);
            }
        }
    }

    /// Moves entry `index` to the end of `category`.
    pub fn move_entry(&mut self, index: usize, category: u32) {
        self.change_catalogue(|c| {
            if index < c.entries.len() {
                let mut e = c.entries.remove(index);
                e.category = category;
                let at = c
                    .entries
                    .iter()
                    .rposition(|x| x.category == category)
                    .map_or(c.entries.len(), |i| i + 1);
                c.entries.insert(at, e);
            }
        });
    }

    /// Draws entry `index` for the first time: a new process file named
    /// after it, its overview's number, name and owner filled in, opened
    /// in a tab.
    pub fn new_process_for_entry(&mut self, index: usize) {
        let lang = self.lang;
        let Some(open) = &self.library else {
            return;
        };
        let Some(entry) = open.library.catalogue.entries.get(index).cloned() else {
            return;
        };
        let file = file_name_for(&entry);
        let path = open.library.root.join(&file);
        let category = open
            .library
            .catalogue
            .categories
            .iter()
            .find(|c| c.id == entry.category)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        if path.exists() {
            if let Some(open) = &mut self.library {
                open.message = Some(fill(lang, S::LibFileExists, &[("file", &file)]));
            }
            return;
        }
        let mut process = crate::ui::new_process(lang);
        process.overview.number = format!("{category}{}", entry.number);
        process.overview.name = entry.name.clone();
        process.overview.owner = entry.owner.clone();
        if let Err(e) = crate::format::save(&process, &path) {
            if let Some(open) = &mut self.library {
                open.message = Some(e.message(lang));
            }
            return;
        }
        self.change_catalogue(|c| {
            if let Some(e) = c.entries.get_mut(index) {
                e.file = Some(file);
            }
        });
        self.open_entry(index);
    }

    /// The name of an open document with unsaved changes among `changes`.
    fn unsaved_among(&self, changes: &[FileChange]) -> Option<String> {
        self.docs.iter().find_map(|d| {
            let path = d.editor.doc.path.as_ref()?;
            let touched = changes
                .iter()
                .any(|c| crate::format::same_file(&c.path, path));
            (touched && d.editor.doc.is_modified()).then(|| d.name(self.lang))
        })
    }

    /// Reads the open documents of changed files again.
    fn reload_docs(&mut self, changes: &[FileChange]) {
        for d in &mut self.docs {
            let Some(path) = d.editor.doc.path.clone() else {
                continue;
            };
            if changes
                .iter()
                .any(|c| crate::format::same_file(&c.path, &path))
                && let Ok(process) = crate::format::load(&path)
            {
                d.editor.doc = crate::document::Document::new(process, Some(path));
                d.editor.selection.clear();
            }
        }
    }

    /// A file was saved: when it is in the open library's folder, the list,
    /// the checks and the duties are read again.
    pub(super) fn library_file_saved(&mut self, path: &Path) {
        let inside = self.library.as_ref().is_some_and(|l| {
            let root =
                std::fs::canonicalize(&l.library.root).unwrap_or_else(|_| l.library.root.clone());
            let file = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
            file.starts_with(root)
        });
        if inside {
            self.reload_library();
        }
    }

    /// Reloads the open library from its folder (after a save, say).
    pub fn reload_library(&mut self) {
        let Some(old) = &self.library else {
            return;
        };
        let root = old.library.root.clone();
        let kept = (old.page, old.duty_department, old.duty_letters);
        if let Ok(library) = Library::open(&root) {
            let mut open = OpenLibrary::new(library);
            (open.page, open.duty_department, open.duty_letters) = kept;
            self.set_library(open);
        }
    }
}

/// A rewrite's failure as a sentence.
fn rewrite_message(e: &RewriteError, lang: crate::lang::Lang) -> String {
    match e {
        RewriteError::Taken(name) => fill(lang, S::LibRenameTaken, &[("name", name)]),
        RewriteError::Changed(path) => {
            fill(lang, S::LibRenameChanged, &[("path", &path.display())])
        }
        RewriteError::Read(why, path) => {
            let values: [(&str, &dyn std::fmt::Display); 2] =
                [("error", why), ("path", &path.display())];
            fill(lang, S::LibRenameRead, &values)
        }
        RewriteError::Write { failed, restored } => {
            let key = if *restored {
                S::LibRenameFailedRestored
            } else {
                S::LibRenameFailed
            };
            fill(lang, key, &[("error", &failed.message(lang))])
        }
    }
}

/// The number after the last one of `category` (`1.16` → `1.17`), or the
/// category's first.
fn next_number(c: &crate::library::Catalogue, category: u32) -> String {
    let last = c
        .entries
        .iter()
        .filter(|e| e.category == category)
        .filter_map(|e| {
            let key = crate::library::number_key(&e.number);
            let (head, tail) = key.rsplit_once('.')?;
            Some((head.to_owned(), tail.parse::<u32>().ok()?))
        })
        .max_by_key(|(_, n)| *n);
    match last {
        Some((head, n)) => format!("{head}.{}", n + 1),
        None => format!("{category}.1"),
    }
}

/// A file name for an entry's process: `1.9 关键客户开发.ron`, without the
/// characters file systems refuse.
fn file_name_for(entry: &crate::library::Entry) -> String {
    let name: String = format!("{} {}", entry.number, entry.name)
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{}.ron", name.trim())
}
