//! Recovery copies of unsaved documents, written on the autosave clock.

use super::{DocView, Shell};
use crate::recovery::{AutosaveClock, emergency_forget, emergency_update};
use crate::text::{S, fill};
use std::sync::Arc;

impl<V: DocView> Shell<V> {
    /// Writes a recovery copy of document `index`.
    pub(super) fn write_recovery(&mut self, index: usize, now: f64) {
        let Some(store) = self.recovery.clone() else {
            return;
        };
        let Some(d) = self.docs.get_mut(index) else {
            return;
        };
        d.sequence += 1;
        let process = Arc::new(d.editor.doc().process().clone());
        let original = d.editor.doc().path.clone();
        match store.write(&d.key, original.as_deref(), &process, d.sequence) {
            Ok(_) => {
                d.clock.written(now);
                d.recovery_failed = false;
            }
            // Said once until a copy is written again: the work is not
            // lost yet, but a crash now would lose it.
            Err(e) if !d.recovery_failed => {
                d.recovery_failed = true;
                let lang = self.lang;
                let error = e.message(lang);
                d.editor
                    .say(fill(lang, S::RecoveryWriteFailed, &[("error", &error)]));
            }
            Err(_) => {}
        }
        emergency_update(&store, &d.key, original.as_deref(), process);
    }

    /// Notes edits and writes the recovery copies that are due. Returns
    /// how long until the next one is due, if any is pending.
    pub fn autosave_tick(&mut self, now: f64) -> Option<f64> {
        let mut next: Option<f64> = None;
        for i in 0..self.docs.len() {
            let d = &mut self.docs[i];
            let revision = d.editor.doc().revision();
            let modified = d.editor.doc().is_modified();
            if revision != d.seen_revision {
                d.seen_revision = revision;
                if modified {
                    d.clock.edited(now);
                }
            }
            if !modified {
                if d.clock != AutosaveClock::default() || d.sequence > 0 {
                    d.clock.reset();
                    d.sequence = 0;
                    let key = d.key.clone();
                    if let Some(store) = &self.recovery {
                        store.remove(&key);
                    }
                    emergency_forget(&key);
                }
                continue;
            }
            if d.clock.due(now) {
                self.write_recovery(i, now);
            } else if d.clock != AutosaveClock::default() {
                next = Some(next.map_or(crate::recovery::QUIET_SECONDS, |n: f64| {
                    n.min(crate::recovery::QUIET_SECONDS)
                }));
            }
        }
        next
    }
}
