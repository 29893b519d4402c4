//! An open document: the process, its undo history, where it lives on disk,
//! whether it is saved, and what is derived from it (numbers, table,
//! warnings, layout), recomputed only when the process changed.

use crate::lang::Lang;
use crate::layout::{ChartLayout, ChartStyle, LayoutCache, Reuse, layout_chart_cached};
use crate::model::{
    Analysis, ChangeSet, Edit, EditError, EditKind, FlowKeys, History, Lane, LaneId, Numbering,
    Overview, Process, StepId, Subject, number_steps_by,
};
use crate::text::{S, tr};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The derived revision of a document never derived.
const NEVER: u64 = u64::MAX;

/// What is derived from one revision of the process.
#[derive(Default)]
pub struct Derived {
    pub analysis: Analysis,
    pub layout: ChartLayout,
}

pub struct Document {
    process: Process,
    history: History,
    /// Where the document was opened from or last saved to.
    pub path: Option<PathBuf>,
    /// The file at `path` as it was last read or written here: a save
    /// over it is refused when another program has changed it since.
    pub disk: Option<crate::format::Stamp>,
    /// The history state at the last save.
    saved_state: u64,
    /// Counts every change, so caches know when they are stale.
    revision: u64,
    /// What was derived at the last refresh, and the revision it was
    /// derived from.
    derived: Derived,
    derived_revision: u64,
    style: ChartStyle,
    /// What the last layout measured and routed, for the next one.
    layout_cache: LayoutCache,
    /// The places the last numbering was made from, so typing a title or
    /// dragging a step without passing another does not renumber the chart.
    numbered_places: Option<FlowKeys>,
    /// What changed since `derived` was made.
    pending: ChangeSet,
}

impl Document {
    pub fn new(process: Process, path: Option<PathBuf>) -> Document {
        Document {
            process,
            history: History::default(),
            path,
            disk: None,
            saved_state: 0,
            revision: 0,
            derived: Derived::default(),
            // Never derived: the first refresh derives from nothing.
            derived_revision: NEVER,
            style: ChartStyle::default(),
            layout_cache: LayoutCache::default(),
            numbered_places: None,
            pending: ChangeSet::everything(),
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
        let changes = ChangeSet::of(&self.process, &edit);
        if self.history.apply(&mut self.process, edit)? {
            self.changed(changes);
        }
        Ok(())
    }

    fn changed(&mut self, changes: ChangeSet) {
        self.revision += 1;
        self.pending.merge(changes);
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
        let mut changes = ChangeSet::default();
        self.history
            .cancel_noting(&mut self.process, &mut changes)?;
        if !changes.is_empty() {
            self.changed(changes);
        }
        Ok(())
    }

    pub fn in_transaction(&self) -> bool {
        self.history.in_transaction()
    }

    pub fn undo(&mut self) -> Result<bool, EditError> {
        let mut changes = ChangeSet::default();
        let done = self.history.undo_noting(&mut self.process, &mut changes)?;
        if done {
            self.changed(changes);
        }
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        let mut changes = ChangeSet::default();
        let done = self.history.redo_noting(&mut self.process, &mut changes)?;
        if done {
            self.changed(changes);
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

    /// Brings what is derived up to date with the process, from what was
    /// derived before and what changed since: the numbering is kept while
    /// what it depends on is the same, the table and warnings while only
    /// positions changed and the numbering stayed, and the layout patches
    /// the last one. The editor calls it once at the start of each frame;
    /// its panels then read `derived`.
    pub fn refresh(&mut self) -> &Derived {
        if self.derived_revision != self.revision {
            let previous = std::mem::take(&mut self.derived);
            let previous = (self.derived_revision != NEVER).then_some(previous);
            self.derived = self.derive(previous);
            self.derived_revision = self.revision;
        }
        &self.derived
    }

    /// Numbers, table, warnings and layout as of the last refresh (the
    /// start of the frame in the editor; edits of a frame are applied at
    /// its end). Empty before the first refresh.
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// What is derived now, from what was derived before and the change
    /// set since: the numbering is kept while nothing but places and titles
    /// changed and the places compare the same way; the table and warnings
    /// while only places changed (titles are renamed where they appear);
    /// the layout patches the last one.
    fn derive(&mut self, previous: Option<Derived>) -> Derived {
        let changes = std::mem::take(&mut self.pending);
        let process = &self.process;
        let places = FlowKeys::of(process);
        let same_numbering = !changes.structure
            && self
                .numbered_places
                .take()
                .is_some_and(|old| old.same_order(&places));
        let (old_analysis, old_layout) = match previous {
            Some(d) => (Some(d.analysis), Some(d.layout)),
            None => (None, None),
        };
        let mut renumbered = BTreeSet::new();
        let numbering = (!same_numbering).then(|| number_steps_by(process, &places));
        let analysis = match (old_analysis, numbering) {
            // Same numbers and nothing but places and titles changed: the
            // table and warnings stay, renamed where they name a step.
            (Some(mut a), n)
                if n.as_ref()
                    .is_none_or(|n| !changes.structure && a.numbering == *n) =>
            {
                retitle(&mut a, process, &changes.retitled);
                a
            }
            (old, n) => {
                let n = n.unwrap_or_else(|| number_steps_by(process, &places));
                if let Some(a) = old {
                    renumbered = numbers_changed(&a.numbering, &n);
                }
                Analysis::with_numbering(process, n)
            }
        };
        self.numbered_places = Some(places);
        let reuse = old_layout.map(|layout| Reuse {
            layout,
            changes: &changes,
            renumbered: &renumbered,
        });
        let layout = layout_chart_cached(
            process,
            &analysis.numbering,
            &self.style,
            &mut self.layout_cache,
            reuse,
        );
        Derived { analysis, layout }
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

/// The steps whose number differs between two numberings.
fn numbers_changed(old: &Numbering, new: &Numbering) -> BTreeSet<StepId> {
    let mut changed: BTreeSet<StepId> = BTreeSet::new();
    for (id, number) in old.iter() {
        if new.of(*id) != Some(number) {
            changed.insert(*id);
        }
    }
    for (id, number) in new.iter() {
        if old.of(*id) != Some(number) {
            changed.insert(*id);
        }
    }
    changed
}

/// A new, empty process: three lanes to start drawing in.
pub fn new_process(lang: Lang) -> Process {
    let names = [S::NewLane1, S::NewLane2, S::NewLane3].map(|k| tr(lang, k));
    Process {
        overview: Overview {
            name: tr(lang, S::NewProcessName).to_owned(),
            ..Overview::default()
        },
        lanes: names
            .iter()
            .enumerate()
            .map(|(i, n)| Lane {
                id: LaneId(i as u32 + 1),
                name: (*n).to_owned(),
                size: Lane::DEFAULT_SIZE,
            })
            .collect(),
        ..Process::default()
    }
}

/// What was copied: steps with their chart centres, and the connectors
/// among them.
#[derive(Clone, Debug, PartialEq)]
pub struct Clip {
    pub(crate) steps: Vec<(crate::model::Step, crate::layout::Point)>,
    pub(crate) connectors: Vec<crate::model::Connector>,
}
