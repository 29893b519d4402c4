//! An open document: the process, its undo history, where it lives on disk,
//! whether it is saved, and what is derived from it (numbers, table,
//! warnings, layout), recomputed only when the process changed.

use crate::layout::{ChartLayout, ChartStyle, LayoutCache, layout_chart_cached};
use crate::model::{Analysis, Edit, EditError, EditKind, History, Process};
use std::path::PathBuf;

/// What is derived from one revision of the process.
pub struct Derived {
    pub analysis: Analysis,
    pub layout: ChartLayout,
}

pub struct Document {
    process: Process,
    history: History,
    /// Where the document was opened from or last saved to.
    pub path: Option<PathBuf>,
    /// The history state at the last save.
    saved_state: u64,
    /// Counts every change, so caches know when they are stale.
    revision: u64,
    derived: Option<(u64, Derived)>,
    style: ChartStyle,
    /// What the last layout measured and routed, for the next one.
    layout_cache: LayoutCache,
    /// The last numbering and a fingerprint of what it depends on, so typing
    /// a title does not renumber the chart.
    numbering_cache: Option<(u64, crate::model::Numbering)>,
}

impl Document {
    pub fn new(process: Process, path: Option<PathBuf>) -> Document {
        Document {
            process,
            history: History::default(),
            path,
            saved_state: 0,
            revision: 0,
            derived: None,
            style: ChartStyle::default(),
            layout_cache: LayoutCache::default(),
            numbering_cache: None,
        }
    }

    /// A document that differs from its file (restored work, a backup):
    /// marked unsaved until it is saved.
    pub fn new_unsaved(process: Process, path: Option<PathBuf>) -> Document {
        let mut doc = Document::new(process, path);
        doc.saved_state = u64::MAX;
        doc
    }

    pub fn process(&self) -> &Process {
        &self.process
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Changes every time the process changes.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Applies an edit through the history (one undo step, or part of the
    /// open transaction).
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.process, edit)?;
        self.revision += 1;
        Ok(())
    }

    /// Starts one undo step made of many edits (a drag, a burst of typing).
    pub fn begin(&mut self) {
        self.history.begin();
    }

    pub fn commit(&mut self) {
        self.history.commit();
    }

    /// Drops the open transaction, restoring the document.
    pub fn cancel(&mut self) -> Result<(), EditError> {
        self.history.cancel(&mut self.process)?;
        self.revision += 1;
        Ok(())
    }

    pub fn in_transaction(&self) -> bool {
        self.history.in_transaction()
    }

    pub fn undo(&mut self) -> Result<bool, EditError> {
        let done = self.history.undo(&mut self.process)?;
        if done {
            self.revision += 1;
        }
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        let done = self.history.redo(&mut self.process)?;
        if done {
            self.revision += 1;
        }
        Ok(done)
    }

    pub fn undo_kind(&self) -> Option<EditKind> {
        self.history.undo_kind()
    }

    pub fn redo_kind(&self) -> Option<EditKind> {
        self.history.redo_kind()
    }

    /// True when the document differs from what was last saved (undoing
    /// back to the saved state makes it false again).
    pub fn is_modified(&self) -> bool {
        self.history.state_id() != self.saved_state
    }

    /// Records that the document as it is now was saved.
    pub fn mark_saved(&mut self) {
        self.history.commit();
        self.saved_state = self.history.state_id();
    }

    /// The process and what is derived from it, together.
    pub fn parts(&mut self) -> (&Process, &Derived) {
        if !matches!(&self.derived, Some((rev, _)) if *rev == self.revision) {
            self.derived = None;
        }
        let (process, style, revision) = (&self.process, &self.style, self.revision);
        let cache = &mut self.layout_cache;
        let numbering_cache = &mut self.numbering_cache;
        let (_, derived) = self.derived.get_or_insert_with(|| {
            let key = numbering_key(process);
            let numbering = match numbering_cache.take() {
                Some((k, n)) if k == key => n,
                _ => crate::model::number_steps(process),
            };
            *numbering_cache = Some((key, numbering.clone()));
            let analysis = Analysis::with_numbering(process, numbering);
            let layout = layout_chart_cached(process, &analysis.numbering, style, cache);
            (revision, Derived { analysis, layout })
        });
        (process, derived)
    }

    /// Numbers, table, warnings and layout of the process as it is now.
    pub fn derived(&mut self) -> &Derived {
        self.parts().1
    }
}

/// A fingerprint of everything numbering depends on: kinds, positions,
/// lanes, phases, pins and connectors (not titles, roles or text).
fn numbering_key(process: &Process) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for lane in &process.lanes {
        lane.id.hash(&mut h);
    }
    for phase in &process.phases {
        (phase.id, phase.size.to_bits()).hash(&mut h);
    }
    for step in process.steps.values() {
        (
            step.id,
            step.kind.is_work_step(),
            step.kind == crate::model::StepKind::Start,
            step.lane,
            step.phase,
            step.pinned_number,
        )
            .hash(&mut h);
        (step.at.along.to_bits(), step.at.across.to_bits()).hash(&mut h);
    }
    for c in process.connectors.values() {
        (c.from, c.to).hash(&mut h);
    }
    h.finish()
}
