//! Open files another program changed on disk (a colleague on a shared
//! folder, a `git pull`, a sync client): noticed on a clock, offered for
//! reloading (or for comparing, when there is unsaved work); a save over
//! such a file is asked about first. The open library's files are watched
//! too, and its 流程清单 read again when they change.

use super::{DocView, Shell};
use crate::document::Document;
use crate::format::{Mark, Stamp, load_stamped};
use crate::text::{S, tr};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// How often the files are looked at, in seconds.
pub const WATCH_EVERY: f64 = 1.5;

/// A file changed on disk under an open document.
#[derive(Clone, Debug, PartialEq)]
pub struct DiskChange {
    pub key: String,
    pub path: PathBuf,
    /// The file as it is now.
    pub now: Stamp,
    /// The document has work not saved: reloading would drop it.
    pub unsaved: bool,
}

/// What to do about a file changed on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskAnswer {
    /// Read the file again (dropping unsaved work).
    Reload,
    /// Show the file's version beside this one in the compare view.
    Compare,
    /// Keep the document as it is; a later save asks before writing over.
    Keep,
}

/// A save refused because the file changed after it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveConflict {
    pub key: String,
    pub path: PathBuf,
}

/// What to do about a save that would write over another program's change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictAnswer {
    /// Write this version over the file anyway (its `.bak` keeps the other).
    Overwrite,
    /// Compare this version with the file's first.
    Compare,
    Cancel,
}

/// Per open document: what its file's metadata said when last looked at,
/// and a change on disk the user chose to keep their version over.
#[derive(Clone, Debug, Default)]
pub struct DiskWatch {
    mark: Option<Mark>,
    kept_over: Option<Stamp>,
}

/// Looks at the watched files' metadata on a thread of its own and wakes
/// the window only when one changed, so an idle editor draws no frames to
/// watch its files.
pub struct Watcher {
    paths: Arc<Mutex<Vec<PathBuf>>>,
    changed: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

impl Watcher {
    /// Starts the thread; `wake` asks the window for a frame.
    pub fn start(wake: impl Fn() + Send + 'static) -> std::io::Result<Watcher> {
        let watcher = Watcher {
            paths: Arc::default(),
            changed: Arc::default(),
            stop: Arc::default(),
        };
        let (paths, changed, stop) = (
            watcher.paths.clone(),
            watcher.changed.clone(),
            watcher.stop.clone(),
        );
        std::thread::Builder::new()
            .name("flowcase-disk-watch".into())
            .spawn(move || {
                let mut seen: BTreeMap<PathBuf, Option<Mark>> = BTreeMap::new();
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_secs_f64(WATCH_EVERY));
                    let watched = paths.lock().map(|p| p.clone()).unwrap_or_default();
                    let now: BTreeMap<PathBuf, Option<Mark>> = watched
                        .into_iter()
                        .map(|p| {
                            let mark = Mark::of(&p);
                            (p, mark)
                        })
                        .collect();
                    let moved = now.iter().any(|(p, m)| seen.get(p).is_some_and(|s| s != m));
                    seen = now;
                    if moved {
                        changed.store(true, Ordering::Relaxed);
                        wake();
                    }
                }
            })?;
        Ok(watcher)
    }

    /// The files to watch from now on.
    fn watch(&self, paths: Vec<PathBuf>) {
        if let Ok(mut watched) = self.paths.lock() {
            *watched = paths;
        }
    }

    /// Whether a watched file changed since the last call.
    fn take_changed(&self) -> bool {
        self.changed.swap(false, Ordering::Relaxed)
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The library's files as last looked at.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LibraryMarks(Vec<Option<Mark>>);

impl LibraryMarks {
    pub fn of(library: &crate::library::Library) -> LibraryMarks {
        LibraryMarks(library.files().iter().map(|f| Mark::of(f)).collect())
    }
}

impl<V: DocView> Shell<V> {
    /// Watches the files from a thread of their own from now on (the
    /// window's): `wake` asks for a frame when one changed.
    pub fn watch_with(&mut self, wake: impl Fn() + Send + 'static) {
        self.watcher = Watcher::start(wake).ok();
    }

    /// Looks at the open files: with a watcher, when it saw a change (and
    /// tells it which files to watch when they are other ones); without
    /// one, when `WATCH_EVERY` has passed since the last look, returning
    /// how long until the next.
    pub fn watch_disk(&mut self, now: f64) -> Option<f64> {
        if let Some(watcher) = &self.watcher {
            // The list is made again only when a document's file or the
            // library changed: a frame compares, it does not allocate.
            let paths = self
                .docs
                .iter()
                .filter_map(|d| d.editor.doc().path.as_ref());
            let same = paths.eq(self.watched.0.iter()) && self.watched.1 == self.library_generation;
            if !same {
                watcher.watch(self.watched_files());
                let docs = self.docs.iter().filter_map(|d| d.editor.doc().path.clone());
                self.watched = (docs.collect(), self.library_generation);
            }
            if watcher.take_changed() {
                self.look_at_disk();
            }
            return None;
        }
        if now < self.next_disk_look {
            return Some(self.next_disk_look - now);
        }
        self.next_disk_look = now + WATCH_EVERY;
        self.look_at_disk();
        Some(WATCH_EVERY)
    }

    /// The open documents' files and the open library's.
    fn watched_files(&self) -> Vec<PathBuf> {
        let docs = self.docs.iter().filter_map(|d| d.editor.doc().path.clone());
        let library = self.library.iter().flat_map(|l| l.library.files());
        docs.chain(library).collect()
    }

    /// Looks at every open file now: the first document whose file changed
    /// is asked about (one question at a time); the library is read again
    /// when one of its files changed.
    pub fn look_at_disk(&mut self) {
        self.look_at_library();
        if self.disk_change().is_some() || self.save_conflict().is_some() {
            return;
        }
        for i in 0..self.docs.len() {
            if let Some(change) = self.changed_on_disk(i) {
                self.ask(super::Modal::DiskChanged(change));
                return;
            }
        }
    }

    /// Whether document `index`'s file differs from what was read, and not
    /// in a way the user already chose to keep their version over.
    fn changed_on_disk(&mut self, index: usize) -> Option<DiskChange> {
        let d = self.docs.get_mut(index)?;
        let path = d.editor.doc().path.clone()?;
        let read = d.editor.doc().disk?;
        let mark = Mark::of(&path)?;
        if d.watch.mark == Some(mark) {
            return None;
        }
        let now = Stamp::of_file(&path).ok()??;
        d.watch.mark = Some(mark);
        if read.matches(&now) || d.watch.kept_over.is_some_and(|k| k.matches(&now)) {
            return None;
        }
        Some(DiskChange {
            key: d.key.clone(),
            path,
            now,
            unsaved: d.editor.doc().is_modified(),
        })
    }

    /// Reads the library again when its catalogue or a process file of it
    /// changed on disk.
    fn look_at_library(&mut self) {
        let Some(open) = &self.library else {
            return;
        };
        let marks = LibraryMarks::of(&open.library);
        if marks == self.library_marks {
            return;
        }
        let first_look = self.library_marks == LibraryMarks::default();
        self.library_marks = marks;
        if first_look {
            return;
        }
        let lang = self.lang;
        let said = match self.reload_library() {
            Ok(()) => tr(lang, S::DiskLibraryReread).to_owned(),
            Err(e) => e,
        };
        if let Some(open) = &mut self.library {
            open.message = Some(said);
        }
    }

    /// Carries out the answer to the question about a changed file.
    pub fn answer_disk_change(&mut self, answer: DiskAnswer) {
        let Some(change) = self.take_disk_change() else {
            return;
        };
        let Some(i) = self.doc_index(&change.key) else {
            return;
        };
        match answer {
            DiskAnswer::Reload => self.reload_doc(i),
            DiskAnswer::Compare => {
                self.docs[i].watch.kept_over = Some(change.now);
                self.compare_with_file(&change.key, &change.path);
            }
            DiskAnswer::Keep => self.docs[i].watch.kept_over = Some(change.now),
        }
    }

    /// Reads document `index` again from its file.
    pub fn reload_doc(&mut self, index: usize) {
        let lang = self.lang;
        let Some(d) = self.docs.get_mut(index) else {
            return;
        };
        let Some(path) = d.editor.doc().path.clone() else {
            return;
        };
        match load_stamped(&path) {
            Ok((process, stamp)) => {
                let mut doc = Document::new(process, Some(path));
                doc.disk = Some(stamp);
                d.editor.reloaded(doc);
                d.watch = DiskWatch::default();
                d.editor.say(tr(lang, S::DiskReloaded).to_owned());
            }
            Err(e) => d.editor.say(e.message(lang)),
        }
    }

    /// Carries out the answer to a save that would write over a change.
    pub fn answer_save_conflict(&mut self, answer: ConflictAnswer) {
        let Some(conflict) = self.take_save_conflict() else {
            return;
        };
        let Some(i) = self.doc_index(&conflict.key) else {
            return;
        };
        match answer {
            ConflictAnswer::Overwrite => {
                // Written over as the file is now (its .bak keeps that).
                self.docs[i].editor.doc_mut().disk = Stamp::of_file(&conflict.path).ok().flatten();
                self.save_doc(i);
            }
            ConflictAnswer::Compare => self.compare_with_file(&conflict.key, &conflict.path),
            ConflictAnswer::Cancel => {}
        }
    }
}
