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
    /// What changed since `derived` was made.
    since_derived: Change,
}

/// How much changed since the derived state was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    Nothing,
    /// Only positions of steps within their lane and phase: the table and
    /// warnings stay as they are unless the numbering changes.
    Positions,
    Anything,
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
            since_derived: Change::Anything,
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
    /// open transaction). An edit that changes nothing leaves the revision,
    /// and so everything derived, as it was.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let change = if moves_within_cells(&self.process, &edit) {
            Change::Positions
        } else {
            Change::Anything
        };
        if self.history.apply(&mut self.process, edit)? {
            self.changed(change);
        }
        Ok(())
    }

    fn changed(&mut self, change: Change) {
        self.revision += 1;
        self.since_derived = self.since_derived.max(change);
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
        self.changed(Change::Anything);
        Ok(())
    }

    pub fn in_transaction(&self) -> bool {
        self.history.in_transaction()
    }

    pub fn undo(&mut self) -> Result<bool, EditError> {
        let done = self.history.undo(&mut self.process)?;
        if done {
            self.changed(Change::Anything);
        }
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        let done = self.history.redo(&mut self.process)?;
        if done {
            self.changed(Change::Anything);
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

    /// The process and what is derived from it, together. What is derived
    /// is brought up to date from the last derived state: the numbering is
    /// kept while what it depends on is the same, the table and warnings
    /// while only positions changed and the numbering stayed, and the
    /// layout patches the last one.
    pub fn parts(&mut self) -> (&Process, &Derived) {
        let entry = match self.derived.take() {
            Some(entry) if entry.0 == self.revision => entry,
            old => (self.revision, self.derive(old.map(|(_, d)| d))),
        };
        let (_, derived) = self.derived.insert(entry);
        (&self.process, derived)
    }

    fn derive(&mut self, previous: Option<Derived>) -> Derived {
        let process = &self.process;
        let numbering = if self.since_derived == Change::Positions {
            // Positions are what numbering depends on: renumber, and let the
            // next edit of another kind fingerprint it again.
            self.numbering_cache = None;
            crate::model::number_steps(process)
        } else {
            let key = numbering_key(process);
            let numbering = match self.numbering_cache.take() {
                Some((k, n)) if k == key => n,
                _ => crate::model::number_steps(process),
            };
            self.numbering_cache = Some((key, numbering.clone()));
            numbering
        };
        let (old_analysis, old_layout) = match previous {
            Some(d) => (Some(d.analysis), Some(d.layout)),
            None => (None, None),
        };
        let analysis = match old_analysis {
            Some(a) if self.since_derived <= Change::Positions && a.numbering == numbering => a,
            _ => Analysis::with_numbering(process, numbering),
        };
        let layout = layout_chart_cached(
            process,
            &analysis.numbering,
            &self.style,
            &mut self.layout_cache,
            old_layout,
        );
        self.since_derived = Change::Nothing;
        Derived { analysis, layout }
    }

    /// Numbers, table, warnings and layout of the process as it is now.
    pub fn derived(&mut self) -> &Derived {
        self.parts().1
    }
}

/// True when the edit only moves steps within the lane and phase they are
/// in (a drag inside a lane): roles, and so the table, stay the same.
fn moves_within_cells(process: &Process, edit: &Edit) -> bool {
    match edit {
        Edit::MoveStep {
            id, lane, phase, ..
        } => process
            .steps
            .get(id)
            .is_some_and(|s| s.lane == *lane && s.phase == *phase),
        Edit::Batch(edits) => edits.iter().all(|e| moves_within_cells(process, e)),
        _ => false,
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
