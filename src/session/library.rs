//! The library open in the application: its 流程清单 with each entry's
//! status, opening entries in tabs, following an exit into the process it
//! names, and knowing the library of a process opened on its own.

use super::{DocView, OpenFailure, Shell};
use crate::library::{
    EntryState, FileChange, Library, LibraryProblem, apply_changes, check_library, exit_targets,
    rename_department, renumber_entry,
};
use crate::model::Analysis;
use crate::text::{S, fill};
use std::path::Path;

/// What the 流程清单 shows of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryStatus {
    NotDrawn,
    /// Drawn, with this many rule warnings and merge conflicts.
    Drawn {
        warnings: usize,
        conflicts: usize,
    },
    Missing,
    Broken,
}

/// A rename asked for in the 流程清单, while its dialog is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryRename {
    /// A department, by its current name; `unsaved` names the library's
    /// documents with unsaved changes, asked about before the new name is
    /// typed.
    Department {
        old: String,
        text: String,
        unsaved: Vec<String>,
    },
    /// An entry's number, by the entry's index.
    Number { entry: usize, text: String },
    /// An entry's name (流程名称).
    Name { entry: usize, text: String },
    /// A new entry of a category, its name asked for before anything is
    /// written.
    NewEntry { category: u32, text: String },
    /// Removing an entry: asks whether its file goes too.
    Remove { entry: usize },
    /// An undrawn entry double-clicked: asks whether to draw it now.
    Draw { entry: usize },
    /// A category's name, by its id.
    Category { id: u32, text: String },
    /// A new category, its name asked for first.
    NewCategory { text: String },
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
    /// Hand-offs, each department's load, what stands out.
    Analysis,
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
    /// The library's edits, to undo and redo.
    pub history: super::LibraryHistory,
    /// The entry selected in the list (by index), and the one under the
    /// pointer.
    pub selected: Option<usize>,
    pub hovered: Option<usize>,
    /// What the library says about the organisation, worked out when the
    /// 分析 page is first shown (and again after the library is read
    /// again).
    pub analysis: Option<crate::library::LibraryAnalysis>,
    /// The hand-off (from, to) whose steps the analysis page lists.
    pub analysis_cell: Option<(String, String)>,
}

impl OpenLibrary {
    pub fn new(library: Library) -> OpenLibrary {
        let statuses = crate::parallel::on_all_cores(&library.states, 8, status_of);
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
            history: super::LibraryHistory::default(),
            selected: None,
            hovered: None,
            analysis: None,
            analysis_cell: None,
        }
    }

    /// The analysis, worked out now if it has not been since the library
    /// was read.
    pub fn analysis(&mut self) -> &crate::library::LibraryAnalysis {
        let library = &self.library;
        self.analysis
            .get_or_insert_with(|| crate::library::analyze(library))
    }

    /// The analysis for `library`, read again from the same folder: the
    /// one already made with the processes that changed analysed again,
    /// when the catalogue is the same (none otherwise, made when shown).
    fn refreshed_analysis(&self, library: &Library) -> Option<crate::library::LibraryAnalysis> {
        let analysis = self.analysis.as_ref()?;
        if library.catalogue != self.library.catalogue
            || library.states.len() != self.library.states.len()
        {
            return None;
        }
        let changed: Vec<usize> = (0..library.states.len())
            .filter(|i| library.states[*i].process() != self.library.states[*i].process())
            .collect();
        Some(analysis.refreshed(library, &changed))
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
            conflicts: process.conflicts.len(),
        },
    }
}

impl<V: DocView> Shell<V> {
    /// Opens the library at `root` and shows its 流程清单. A folder without
    /// a catalogue is reported like a file that does not open.
    pub fn open_library(&mut self, root: &Path) {
        match Library::open(root) {
            Ok(library) => {
                self.set_library(OpenLibrary::new(library));
                self.show(super::View::Library);
            }
            Err(e) => {
                self.ask(super::Modal::OpenFailed(OpenFailure {
                    path: root.to_owned(),
                    message: e.message(self.lang),
                    backup: None,
                }));
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
        self.app.library = Some(crate::library::LibraryLinks::of(&open.library));
        // What was read now is what later looks at the disk compare with.
        self.library_marks = super::disk_watch::LibraryMarks::of(&open.library);
        self.library_generation += 1;
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
        if self.open_failure().is_none() || self.docs.len() != before {
            self.show(super::View::Document);
        }
    }

    /// Opens entry `index` and selects its step `step` (a duty clicked).
    pub fn show_duty(&mut self, index: usize, step: crate::model::StepId) {
        self.open_entry(index);
        if !self.shows_library()
            && let Some(d) = self.docs.get_mut(self.active)
        {
            d.editor.select(vec![step]);
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
            None if target.as_deref().is_some_and(|n| self.open_numbered(n)) => {}
            None => {
                let message = fill(
                    self.lang,
                    S::LinkNotFound,
                    &[("number", &target.unwrap_or_default())],
                );
                match self.docs.get_mut(self.active) {
                    Some(d) => d.editor.say(message),
                    None => self.message = Some(message),
                }
            }
        }
    }

    /// Shows the process numbered `number` outside the library: a tab
    /// already open (an imported sub-process not saved yet), else a file
    /// beside the document in front. Whether one was found.
    fn open_numbered(&mut self, number: &str) -> bool {
        use crate::library::number_key;
        let key = number_key(number);
        let numbered = |p: &crate::model::Process| number_key(&p.overview.number) == key;
        let active = self.active;
        let open = (0..self.docs.len())
            .filter(|i| *i != active)
            .find(|i| numbered(self.docs[*i].editor.doc().process()));
        if let Some(i) = open {
            self.active = i;
            self.show(super::View::Document);
            return true;
        }
        let folder = self
            .docs
            .get(active)
            .and_then(|d| d.editor.doc().path.as_deref()?.parent().map(Path::to_owned));
        let Some(entries) = folder.and_then(|f| std::fs::read_dir(f).ok()) else {
            return false;
        };
        let mut files: Vec<std::path::PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .take(1000)
            .collect();
        // Files whose name carries the number are read first.
        files.sort_by_key(|p| !p.to_string_lossy().contains(key));
        let beside = files
            .into_iter()
            .find(|p| crate::format::load(p).is_ok_and(|p| numbered(&p)));
        match beside {
            Some(path) => {
                self.open_path(&path);
                true
            }
            None => false,
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
            LibraryRename::Department { old, text, .. } => {
                rename_department(&open.library, old, text)
            }
            LibraryRename::Number { entry, text } => renumber_entry(&open.library, *entry, text),
            LibraryRename::Name { entry, text } => {
                let (entry, text) = (*entry, text.trim().to_owned());
                if text.is_empty() {
                    open.message = Some(fill(lang, S::LibRenameTaken, &[("name", &text)]));
                    return;
                }
                self.change_catalogue(S::LibEditName, |c| {
                    if let Some(e) = c.entries.get_mut(entry) {
                        e.name = text;
                    }
                });
                return;
            }
            LibraryRename::NewEntry { category, text } => {
                let (category, text) = (*category, text.trim().to_owned());
                if text.is_empty() {
                    open.message = Some(fill(lang, S::LibRenameTaken, &[("name", &text)]));
                    return;
                }
                self.add_entry_named(category, &text);
                return;
            }
            LibraryRename::Category { id, text } => {
                let (id, text) = (*id, text.trim().to_owned());
                self.rename_category(id, &text);
                return;
            }
            LibraryRename::NewCategory { text } => {
                let text = text.trim().to_owned();
                self.add_category(&text);
                return;
            }
            LibraryRename::Draw { entry } => {
                let entry = *entry;
                self.new_process_for_entry(entry);
                return;
            }
            LibraryRename::Remove { .. } => return,
        };
        let changes = match planned {
            Ok(c) => c,
            Err(e) => {
                open.message = Some(e.message(lang));
                return;
            }
        };
        // What the rename leaves as written, said with what it changed.
        let left = match &rename {
            LibraryRename::Department { old, .. } => {
                let mentions = crate::library::department_mentions(&open.library, old);
                (!mentions.is_empty())
                    .then(|| crate::text::mentions_left(&open.library, &mentions, lang))
            }
            _ => None,
        };
        let name = match &rename {
            LibraryRename::Department { .. } => S::LibEditDepartment,
            _ => S::LibEditNumber,
        };
        let Some((result, reloaded)) = self.write_library_changes(&changes, name) else {
            return;
        };
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
            Err(e) => e.message(lang),
        };
        let message = match left {
            Some(left) => format!("{message}; {left}"),
            None => message,
        };
        let message = match reloaded {
            Ok(()) => message,
            Err(e) => format!("{message}; {e}"),
        };
        if let Some(open) = &mut self.library {
            open.message = Some(message);
        }
    }

    /// Changes the catalogue alone and saves it (atomically, with its
    /// `.bak`) after checking it, as the edit `name` the library tab can
    /// undo; the list is read again and says what happened. Whether it was
    /// saved.
    pub fn change_catalogue(
        &mut self,
        name: S,
        change: impl FnOnce(&mut crate::library::Catalogue),
    ) -> bool {
        let lang = self.lang;
        let Some(open) = &mut self.library else {
            return false;
        };
        let mut catalogue = open.library.catalogue.clone();
        change(&mut catalogue);
        if catalogue == open.library.catalogue {
            return false;
        }
        let path = open.library.root.join(crate::format::CATALOGUE_FILE);
        let planned = catalogue
            .validate()
            .map_err(|e| e.message(lang))
            .and_then(|()| catalogue_change(&path, &catalogue).map_err(|e| e.message(lang)));
        let saved = planned.and_then(|change| {
            apply_changes(std::slice::from_ref(&change), &mut crate::format::OsFs)
                .map(|()| change)
                .map_err(|e| e.message(lang))
        });
        let ok = saved.is_ok();
        let mut message = match saved {
            Ok(change) => {
                open.history.record(super::LibraryEdit {
                    name,
                    changes: vec![change],
                    file: None,
                });
                fill(
                    lang,
                    S::LibCatalogueSaved,
                    &[("file", &crate::format::CATALOGUE_FILE)],
                )
            }
            Err(e) => e,
        };
        if let Err(e) = self.reload_library() {
            message = format!("{message}; {e}");
        }
        if let Some(open) = &mut self.library {
            open.message = Some(message);
        }
        ok
    }

    /// The name of an open document with unsaved changes among `changes`.
    pub(super) fn unsaved_among(&self, changes: &[FileChange]) -> Option<String> {
        self.docs.iter().find_map(|d| {
            let path = d.editor.doc().path.as_ref()?;
            let touched = changes
                .iter()
                .any(|c| crate::format::same_file(&c.path, path));
            (touched && d.editor.doc().is_modified()).then(|| d.name(self.lang))
        })
    }

    /// Reads the open documents of changed files again.
    pub(super) fn reload_docs(&mut self, changes: &[FileChange]) {
        for d in &mut self.docs {
            let Some(path) = d.editor.doc().path.clone() else {
                continue;
            };
            if changes
                .iter()
                .any(|c| crate::format::same_file(&c.path, &path))
                && let Ok((process, stamp)) = crate::format::load_stamped(&path)
            {
                let mut doc = crate::document::Document::new(process, Some(path));
                doc.disk = Some(stamp);
                d.editor.reloaded(doc);
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
        if inside && let Err(e) = self.reload_library() {
            self.message = Some(e);
        }
    }

    /// Writes `changes` across the open library, every file or none, as one
    /// step of the tab's undo named `name`, then reads the library and the
    /// open tabs of its files again: what writing and reading said. `None`,
    /// nothing written and the reason said, when a tab holding one of the
    /// files has unsaved changes.
    pub(super) fn write_library_changes(
        &mut self,
        changes: &[FileChange],
        name: S,
    ) -> Option<(Result<(), crate::library::RewriteError>, Result<(), String>)> {
        let lang = self.lang;
        if let Some(busy) = self.unsaved_among(changes) {
            if let Some(open) = &mut self.library {
                open.message = Some(fill(lang, S::LibRenameUnsaved, &[("name", &busy)]));
            }
            return None;
        }
        let result = apply_changes(changes, &mut crate::format::OsFs);
        if result.is_ok()
            && let Some(open) = &mut self.library
        {
            open.history.record(super::LibraryEdit {
                name,
                changes: changes.to_vec(),
                file: None,
            });
        }
        let reloaded = self.reload_library();
        self.reload_docs(changes);
        Some((result, reloaded))
    }

    /// Reloads the open library; the error (worded) when it no longer
    /// opens, the library read before staying open.
    pub fn reload_library(&mut self) -> Result<(), String> {
        let Some(old) = &self.library else {
            return Ok(());
        };
        let root = old.library.root.clone();
        let kept = (old.page, old.duty_letters, old.message.clone());
        let history = old.history.clone();
        let selected = old.selected;
        let department = old
            .duties
            .get(old.duty_department)
            .map(|d| d.department.clone());
        let library = Library::open(&root).map_err(|e| e.message(self.lang))?;
        let mut open = OpenLibrary::new(library);
        open.analysis = old.refreshed_analysis(&open.library);
        (open.page, open.duty_letters, open.message) = kept;
        open.history = history;
        open.selected = selected.filter(|i| *i < open.library.catalogue.entries.len());
        // The department shown stays the same one, by name.
        open.duty_department = department
            .and_then(|name| open.duties.iter().position(|d| d.department == name))
            .unwrap_or(0);
        self.set_library(open);
        Ok(())
    }
}

/// The catalogue file's change to `catalogue`: its bytes now, and new.
fn catalogue_change(
    path: &Path,
    catalogue: &crate::library::Catalogue,
) -> Result<FileChange, crate::library::RewriteError> {
    let read = |e: String| crate::library::RewriteError::Read(e, path.to_owned());
    let new = crate::format::encode_catalogue(catalogue).map_err(|e| read(e.to_string()))?;
    let old = std::fs::read(path).map_err(|e| read(e.to_string()))?;
    Ok(FileChange {
        path: path.to_owned(),
        old,
        new: new.into_bytes(),
    })
}
