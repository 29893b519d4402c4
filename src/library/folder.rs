//! A library folder opened: its catalogue, and each entry's process loaded
//! (in parallel) or why not.

use super::Catalogue;
use crate::format::{CATALOGUE_FILE, LoadError, load, load_catalogue};
use crate::model::Process;
use std::path::{Path, PathBuf};

/// What an entry's process file holds.
#[derive(Debug)]
pub enum EntryState {
    /// No file yet: the process is listed, not drawn.
    NotDrawn,
    /// The catalogue names a file that is not there.
    Missing(PathBuf),
    /// The file is there but does not load.
    Broken(LoadError),
    Drawn(Box<Process>),
}

impl EntryState {
    pub fn process(&self) -> Option<&Process> {
        match self {
            EntryState::Drawn(p) => Some(p),
            _ => None,
        }
    }
}

/// A library: a folder with `流程清单.ron` at its root.
#[derive(Debug)]
pub struct Library {
    pub root: PathBuf,
    pub catalogue: Catalogue,
    /// Each entry's process, in catalogue order.
    pub states: Vec<EntryState>,
}

impl Library {
    /// Opens the library at `root`: its catalogue, then every process file
    /// it names (on all cores). Only a catalogue that does not load fails;
    /// a missing or broken process file is that entry's state.
    pub fn open(root: &Path) -> Result<Library, LoadError> {
        let catalogue = load_catalogue(&root.join(CATALOGUE_FILE))?;
        let files: Vec<Option<PathBuf>> = catalogue
            .entries
            .iter()
            .map(|e| e.file.as_ref().map(|f| root.join(f)))
            .collect();
        // Links are followed before a file counts as inside the folder.
        let folder = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
        let outside =
            |path: &Path| std::fs::canonicalize(path).is_ok_and(|real| !real.starts_with(&folder));
        let states = crate::parallel::on_all_cores(&files, 4, |file| match file {
            None => EntryState::NotDrawn,
            Some(path) if !path.exists() => EntryState::Missing(path.clone()),
            Some(path) if outside(path) => {
                EntryState::Broken(LoadError::Outside { path: path.clone() })
            }
            Some(path) => match load(path) {
                Ok(process) => EntryState::Drawn(Box::new(process)),
                Err(e) => EntryState::Broken(e),
            },
        });
        Ok(Library {
            root: root.to_owned(),
            catalogue,
            states,
        })
    }

    /// Every file the library is read from: the catalogue and each
    /// entry's process file (whether or not it loaded).
    pub fn files(&self) -> Vec<PathBuf> {
        let entries = self.catalogue.entries.iter();
        std::iter::once(self.root.join(CATALOGUE_FILE))
            .chain(entries.filter_map(|e| Some(self.root.join(e.file.as_ref()?))))
            .collect()
    }

    /// Whether `dir` is a library folder (has a catalogue).
    pub fn is_library(dir: &Path) -> bool {
        dir.join(CATALOGUE_FILE).is_file()
    }

    /// The library a process file sits in: its folder or one above it.
    pub fn around(file: &Path) -> Option<PathBuf> {
        file.ancestors()
            .skip(1)
            .find(|d| Library::is_library(d))
            .map(Path::to_owned)
    }

    /// The entries whose file is named but missing or does not load, in
    /// catalogue order: what the deck and the duties leave out.
    pub fn left_out(&self) -> Vec<usize> {
        let out = |s: &EntryState| matches!(s, EntryState::Missing(_) | EntryState::Broken(_));
        (0..self.states.len())
            .filter(|i| out(&self.states[*i]))
            .collect()
    }

    /// The drawn processes with their entries and places in the
    /// catalogue, in catalogue order.
    pub fn drawn_indexed(&self) -> Vec<(usize, &super::Entry, &Process)> {
        self.catalogue
            .entries
            .iter()
            .zip(&self.states)
            .enumerate()
            .filter_map(|(i, (e, s))| Some((i, e, s.process()?)))
            .collect()
    }

    /// The drawn processes with their entries' numbers, in catalogue order.
    pub fn drawn(&self) -> impl Iterator<Item = (&super::Entry, &Process)> {
        self.catalogue
            .entries
            .iter()
            .zip(&self.states)
            .filter_map(|(e, s)| Some((e, s.process()?)))
    }
}
