//! The editor as the session sees an open document's view (`DocView`).

use super::command::Command;
use super::compare::{Against, document_saved, start_comparing};
use super::state::Editor;
use crate::document::Document;
use crate::lang::Lang;
use crate::model::{Carried, Process, StepId};
use crate::session::{AppContext, DocView};
use std::path::PathBuf;

impl DocView for Editor {
    fn open(doc: Document, lang: Lang) -> Editor {
        Editor::new(doc, lang)
    }

    fn doc(&self) -> &Document {
        &self.doc
    }

    fn doc_mut(&mut self) -> &mut Document {
        &mut self.doc
    }

    fn say(&mut self, message: String) {
        self.message = Some(message);
    }

    fn hush(&mut self) {
        self.message = None;
    }

    fn reloaded(&mut self, doc: Document) {
        self.doc = doc;
        // What it was compared with no longer fits what it is.
        self.compare = None;
        self.selection.clear();
        self.canvas.forget_hits();
    }

    fn settle(&mut self, app: &mut AppContext) {
        self.end_typing();
        self.flush(app);
    }

    fn compare_with(&mut self, old: Process, file: PathBuf, carried: Carried) {
        start_comparing(self, old, Against::File(file), carried);
    }

    fn saved(&mut self) {
        document_saved(self);
    }

    fn select(&mut self, steps: Vec<StepId>) {
        self.command(Command::SelectRow(steps));
    }

    fn import_report(&mut self, lines: Vec<String>) {
        self.dialogs.import_report = Some(lines);
    }

    fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }
}
