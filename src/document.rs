//! An open document: the process, its undo history, where it lives on disk,
//! whether it is saved, and what is derived from it (numbers, table,
//! warnings, layout), recomputed only when the process changed.

use crate::layout::{ChartLayout, ChartStyle, LayoutCache, layout_chart_cached};
use crate::model::{
    Analysis, Edit, EditError, EditKind, FlowKeys, History, Process, StepField, StepId, Subject,
    number_steps_by,
};
use std::collections::BTreeSet;
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
    /// The last numbering and what it depended on, so typing a title or
    /// dragging a step without passing another does not renumber the chart.
    numbering_cache: Option<NumberingInputs>,
    /// What changed since `derived` was made.
    since_derived: Change,
    /// Steps whose titles changed since `derived` was made.
    retitled: BTreeSet<StepId>,
}

/// What the derived numbering was made from: a fingerprint of the steps'
/// kinds and pins and of the connectors, and the steps' places.
struct NumberingInputs {
    structure: u64,
    places: FlowKeys,
}

/// How much changed since the derived state was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    Nothing,
    /// Only positions of steps within their lanes: the table and warnings
    /// stay as they are unless the numbering changes.
    Positions,
    /// Step titles (and maybe positions): the table and warnings change
    /// only where they name those steps.
    Titles,
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
            retitled: BTreeSet::new(),
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
        let change = change_of(&self.process, &edit, &mut self.retitled);
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
        // In-cell moves leave kinds, pins and connectors as they were.
        let structure = match (&self.numbering_cache, self.since_derived) {
            (Some(inputs), Change::Positions | Change::Titles) => inputs.structure,
            _ => numbering_structure(process),
        };
        let places = FlowKeys::of(process);
        // The numbering of the previous analysis still holds when what it
        // was made from compares the same way.
        let same_numbering = self
            .numbering_cache
            .take()
            .is_some_and(|i| i.structure == structure && i.places.same_order(&places));
        let (old_analysis, old_layout) = match previous {
            Some(d) => (Some(d.analysis), Some(d.layout)),
            None => (None, None),
        };
        let only_moved = self.since_derived <= Change::Positions;
        let analysis = match old_analysis {
            Some(a) if same_numbering && only_moved => a,
            Some(mut a) if same_numbering && self.since_derived == Change::Titles => {
                retitle(&mut a, process, &self.retitled);
                a
            }
            Some(a) if same_numbering => Analysis::with_numbering(process, a.numbering),
            old => {
                let numbering = number_steps_by(process, &places);
                match old {
                    Some(a) if only_moved && a.numbering == numbering => a,
                    _ => Analysis::with_numbering(process, numbering),
                }
            }
        };
        self.numbering_cache = Some(NumberingInputs { structure, places });
        if self.since_derived == Change::Positions {
            self.layout_cache.note_only_moves();
        }
        let layout = layout_chart_cached(
            process,
            &analysis.numbering,
            &self.style,
            &mut self.layout_cache,
            old_layout,
        );
        self.since_derived = Change::Nothing;
        self.retitled.clear();
        Derived { analysis, layout }
    }

    /// Numbers, table, warnings and layout of the process as it is now.
    pub fn derived(&mut self) -> &Derived {
        self.parts().1
    }
}

/// How much an edit changes what is derived: moves within a lane (a drag
/// along it, across phases too) leave roles, and so the table, as they
/// are; new titles change only what names those steps (noted in
/// `retitled`).
fn change_of(process: &Process, edit: &Edit, retitled: &mut BTreeSet<StepId>) -> Change {
    match edit {
        // Within its lane the step keeps its roles, whatever phase it ends
        // up in; only its place (and so maybe the numbering) changes.
        Edit::MoveStep { id, lane, .. }
            if process.steps.get(id).is_some_and(|s| s.lane == *lane) =>
        {
            Change::Positions
        }
        Edit::SetStep {
            id,
            field: StepField::Title(_),
        } => {
            retitled.insert(*id);
            Change::Titles
        }
        Edit::Batch(edits) => edits
            .iter()
            .map(|e| change_of(process, e, retitled))
            .max()
            .unwrap_or(Change::Nothing),
        _ => Change::Anything,
    }
}

/// Brings the table rows and warnings that name retitled steps up to date.
fn retitle(analysis: &mut Analysis, process: &Process, retitled: &BTreeSet<StepId>) {
    for id in retitled {
        let Some(step) = process.steps.get(id) else {
            continue;
        };
        for row in analysis.table.rows.iter_mut().filter(|r| r.head == *id) {
            row.title.clone_from(&step.title);
        }
        for w in &mut analysis.warnings {
            if w.subject == Subject::Step(*id) {
                w.name.clone_from(&step.title);
            }
        }
    }
}

/// A fingerprint of what numbering depends on besides places: which steps
/// there are, their kinds and pins, and the connectors.
fn numbering_structure(process: &Process) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for step in process.steps.values() {
        (
            step.id,
            step.kind.is_work_step(),
            step.kind == crate::model::StepKind::Start,
            step.pinned_number,
        )
            .hash(&mut h);
    }
    for c in process.connectors.values() {
        (c.from, c.to).hash(&mut h);
    }
    h.finish()
}
