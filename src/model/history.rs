//! Undo and redo over applied edits, with transactions so that one drag or
//! one burst of typing is one undo step.

use super::apply::apply;
use super::changes::ChangeSet;
use super::edit::{Edit, EditError, EditKind};
use super::process::Process;

/// The undo and redo stacks of one document.
#[derive(Debug)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    open: Option<Transaction>,
    next_serial: u64,
    limit: usize,
}

/// One undo step: the inverses of the edits it made, in the order they
/// were made (so they are applied back to front).
#[derive(Debug)]
struct Entry {
    serial: u64,
    /// What the step did, from its first edit.
    kind: Option<EditKind>,
    inverses: Vec<Edit>,
}

#[derive(Debug)]
struct Transaction {
    depth: usize,
    entry: Entry,
}

/// How many undo steps are kept by default.
pub const DEFAULT_UNDO_LIMIT: usize = 1000;

impl Default for History {
    fn default() -> Self {
        History::new(DEFAULT_UNDO_LIMIT)
    }
}

impl History {
    /// A history that keeps at most `limit` undo steps (at least one).
    pub fn new(limit: usize) -> History {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            open: None,
            next_serial: 1,
            limit: limit.max(1),
        }
    }

    /// Applies an edit and records it: as its own undo step, or as part of
    /// the open transaction. An edit that changes nothing is not recorded,
    /// and `Ok(false)` says so.
    pub fn apply(&mut self, process: &mut Process, edit: Edit) -> Result<bool, EditError> {
        let kind = edit.kind();
        let probe = edit.clone();
        let inverse = apply(process, edit)?;
        if inverse == probe {
            // Setting a value to what it already was: nothing to undo.
            return Ok(false);
        }
        self.redo.clear();
        match &mut self.open {
            Some(tx) => {
                tx.entry.kind.get_or_insert(kind);
                tx.entry.inverses.push(inverse);
            }
            None => {
                let entry = Entry {
                    serial: self.take_serial(),
                    kind: Some(kind),
                    inverses: vec![inverse],
                };
                self.push_undo(entry);
            }
        }
        Ok(true)
    }

    /// Opens a transaction: edits until the matching `commit` form one undo
    /// step. Transactions nest; only the outermost commit closes the step.
    pub fn begin(&mut self) {
        match &mut self.open {
            Some(tx) => tx.depth += 1,
            None => {
                let serial = self.take_serial();
                self.open = Some(Transaction {
                    depth: 1,
                    entry: Entry {
                        serial,
                        kind: None,
                        inverses: Vec::new(),
                    },
                });
            }
        }
    }

    /// Closes the innermost transaction; the outermost one becomes an undo
    /// step if it changed anything.
    pub fn commit(&mut self) {
        let Some(tx) = &mut self.open else { return };
        tx.depth -= 1;
        if tx.depth > 0 {
            return;
        }
        if let Some(tx) = self.open.take()
            && !tx.entry.inverses.is_empty()
        {
            self.push_undo(tx.entry);
        }
    }

    /// Abandons the open transaction (all levels), restoring the document
    /// to where it was when the transaction began.
    pub fn cancel(&mut self, process: &mut Process) -> Result<(), EditError> {
        self.cancel_noting(process, &mut ChangeSet::default())
    }

    /// `cancel`, noting in `changes` what it changed.
    pub fn cancel_noting(
        &mut self,
        process: &mut Process,
        changes: &mut ChangeSet,
    ) -> Result<(), EditError> {
        if let Some(tx) = self.open.take() {
            run_back(process, tx.entry.inverses, changes)?;
        }
        Ok(())
    }

    pub fn in_transaction(&self) -> bool {
        self.open.is_some()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
            || self
                .open
                .as_ref()
                .is_some_and(|tx| !tx.entry.inverses.is_empty())
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step (closing an open transaction first). Returns
    /// whether there was anything to undo.
    pub fn undo(&mut self, process: &mut Process) -> Result<bool, EditError> {
        self.undo_noting(process, &mut ChangeSet::default())
    }

    /// `undo`, noting in `changes` what it changed.
    pub fn undo_noting(
        &mut self,
        process: &mut Process,
        changes: &mut ChangeSet,
    ) -> Result<bool, EditError> {
        self.close_all();
        let Some(entry) = self.undo.pop() else {
            return Ok(false);
        };
        let (serial, kind) = (entry.serial, entry.kind);
        let forward = run_back(process, entry.inverses, changes)?;
        self.redo.push(Entry {
            serial,
            kind,
            inverses: forward,
        });
        Ok(true)
    }

    /// Redoes the last undone step. Returns whether there was one.
    pub fn redo(&mut self, process: &mut Process) -> Result<bool, EditError> {
        self.redo_noting(process, &mut ChangeSet::default())
    }

    /// `redo`, noting in `changes` what it changed.
    pub fn redo_noting(
        &mut self,
        process: &mut Process,
        changes: &mut ChangeSet,
    ) -> Result<bool, EditError> {
        self.close_all();
        let Some(entry) = self.redo.pop() else {
            return Ok(false);
        };
        let (serial, kind) = (entry.serial, entry.kind);
        let backward = run_back(process, entry.inverses, changes)?;
        self.undo.push(Entry {
            serial,
            kind,
            inverses: backward,
        });
        Ok(true)
    }

    /// Identifies the document state the history has reached: equal ids
    /// mean the same sequence of undo steps. Compare it with the id saved
    /// at the last save to know whether the document is unsaved.
    pub fn state_id(&self) -> u64 {
        if let Some(tx) = &self.open
            && !tx.entry.inverses.is_empty()
        {
            return tx.entry.serial;
        }
        self.undo.last().map_or(0, |e| e.serial)
    }

    /// What the next undo would take back.
    pub fn undo_kind(&self) -> Option<EditKind> {
        match &self.open {
            Some(tx) if !tx.entry.inverses.is_empty() => tx.entry.kind,
            _ => self.undo.last().and_then(|e| e.kind),
        }
    }

    /// What the next redo would do again.
    pub fn redo_kind(&self) -> Option<EditKind> {
        self.redo.last().and_then(|e| e.kind)
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    fn close_all(&mut self) {
        while self.open.is_some() {
            self.commit();
        }
    }

    fn take_serial(&mut self) -> u64 {
        let serial = self.next_serial;
        self.next_serial += 1;
        serial
    }

    fn push_undo(&mut self, entry: Entry) {
        self.undo.push(entry);
        if self.undo.len() > self.limit {
            let excess = self.undo.len() - self.limit;
            self.undo.drain(..excess);
        }
    }
}

/// Applies recorded inverses back to front; returns their own inverses in
/// the order applied, which replay the step in the other direction. If one
/// fails, the ones already applied are rolled back and the error returned.
fn run_back(
    process: &mut Process,
    inverses: Vec<Edit>,
    changes: &mut ChangeSet,
) -> Result<Vec<Edit>, EditError> {
    let batch = Edit::Batch(inverses.into_iter().rev().collect());
    changes.note(process, &batch);
    match apply(process, batch)? {
        Edit::Batch(mut forward) => {
            // The batch's inverse is in undo order; flip it to recording order.
            forward.reverse();
            Ok(forward)
        }
        other => Ok(vec![other]),
    }
}
