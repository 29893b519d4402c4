//! Closing documents and the window: unsaved work is asked about first —
//! one document at a time, or several at once (save all, discard all) —
//! and the window closes once every document is settled.

use super::file_dialog::DialogPurpose;
use super::{DocView, Shell};

/// The question asked before unsaved work would be lost.
#[derive(Clone, Debug, PartialEq)]
pub struct UnsavedPrompt {
    /// Documents (by key) still to ask about, first is asked now.
    pub queue: Vec<String>,
    /// Close the window once every document is settled.
    pub closing_window: bool,
}

/// The answers to "save before closing?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptAnswer {
    Save,
    DontSave,
    Cancel,
    /// Every document asked about is saved (one without a file asks where).
    SaveAll,
    /// None of them is saved.
    DontSaveAll,
}

impl<V: DocView> Shell<V> {
    /// Starts closing documents: unsaved ones are asked about one by one.
    pub fn request_close(&mut self, indices: Vec<usize>, closing_window: bool) {
        let mut queue = Vec::new();
        let mut clean = Vec::new();
        for i in indices {
            if let Some(d) = self.docs.get(i) {
                if d.editor.doc().is_modified() {
                    queue.push(d.key.clone());
                } else {
                    clean.push(d.key.clone());
                }
            }
        }
        if closing_window && queue.is_empty() {
            self.close_approved = true;
            return;
        }
        for key in clean {
            if let Some(i) = self.doc_index(&key) {
                self.discard_doc(i);
            }
        }
        if !queue.is_empty() {
            self.ask(super::Modal::Unsaved(UnsavedPrompt {
                queue,
                closing_window,
            }));
        }
    }

    /// The prompt's answer for the document asked about now.
    pub fn answer_prompt(&mut self, answer: PromptAnswer) {
        let Some(prompt) = self.take_prompt() else {
            return;
        };
        let Some(key) = prompt.queue.first().cloned() else {
            return;
        };
        let rest = UnsavedPrompt {
            queue: prompt.queue[1..].to_vec(),
            closing_window: prompt.closing_window,
        };
        let Some(index) = self.doc_index(&key) else {
            self.continue_prompt(rest);
            return;
        };
        match answer {
            PromptAnswer::SaveAll => self.save_all_asked(prompt),
            PromptAnswer::DontSaveAll => {
                for key in &prompt.queue {
                    if let Some(i) = self.doc_index(key) {
                        self.discard_doc(i);
                    }
                }
                self.continue_prompt(UnsavedPrompt {
                    queue: Vec::new(),
                    closing_window: prompt.closing_window,
                });
            }
            PromptAnswer::Cancel => {}
            PromptAnswer::DontSave => {
                self.discard_doc(index);
                self.continue_prompt(rest);
            }
            PromptAnswer::Save => {
                if self.save_doc(index) {
                    if !rest.closing_window {
                        self.discard_doc(index);
                    }
                    self.continue_prompt(rest);
                } else if self
                    .docs
                    .get(index)
                    .is_some_and(|d| d.editor.doc().path.is_none())
                {
                    // No file yet: ask where, then go on closing.
                    self.ask(super::Modal::Unsaved(UnsavedPrompt {
                        queue: prompt.queue.clone(),
                        closing_window: prompt.closing_window,
                    }));
                    self.start_dialog(DialogPurpose::SaveAs {
                        key,
                        then_close: true,
                    });
                } else {
                    // Saving failed: keep the document open and the window too.
                }
            }
        }
    }

    /// Saves every document the prompt asks about, in turn: one without a
    /// file asks where (then the prompt goes on with the rest); a save that
    /// fails stops there, the window open.
    fn save_all_asked(&mut self, prompt: UnsavedPrompt) {
        let mut queue = prompt.queue;
        while let Some(key) = queue.first().cloned() {
            let Some(i) = self.doc_index(&key) else {
                queue.remove(0);
                continue;
            };
            if self.docs[i].editor.doc().path.is_none() {
                let closing_window = prompt.closing_window;
                self.ask(super::Modal::Unsaved(UnsavedPrompt {
                    queue,
                    closing_window,
                }));
                self.start_dialog(DialogPurpose::SaveAs {
                    key,
                    then_close: true,
                });
                return;
            }
            if !self.save_doc(i) {
                return;
            }
            if !prompt.closing_window {
                self.discard_doc(i);
            }
            queue.remove(0);
        }
        self.continue_prompt(UnsavedPrompt {
            queue,
            closing_window: prompt.closing_window,
        });
    }

    fn continue_prompt(&mut self, rest: UnsavedPrompt) {
        if !rest.queue.is_empty() {
            self.ask(super::Modal::Unsaved(rest));
        } else if rest.closing_window {
            self.close_approved = true;
        }
    }
}
