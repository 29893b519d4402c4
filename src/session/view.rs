//! What the session needs of an open document's view in the window — the
//! only way it knows there is one. The window's editor implements it; the
//! session (documents, files, the library) stays below the window.

use super::AppContext;
use crate::document::Document;
use crate::lang::Lang;
use crate::model::{Carried, Process, StepId};
use std::path::PathBuf;

/// An open document as the window shows it.
pub trait DocView {
    /// A view of `doc`, worded in `lang`.
    fn open(doc: Document, lang: Lang) -> Self;
    fn doc(&self) -> &Document;
    fn doc_mut(&mut self) -> &mut Document;
    /// Says `message` in the document's status line.
    fn say(&mut self, message: String);
    /// Clears the document's status line.
    fn hush(&mut self);
    /// The document was read again from its file: what the view knew of
    /// the old one (selection, comparison, hit areas) goes.
    fn reloaded(&mut self, doc: Document);
    /// Ends any typing in progress and hands its edits to the document.
    fn settle(&mut self, app: &mut AppContext);
    /// Shows the document compared with `old`, read from `file`.
    fn compare_with(&mut self, old: Process, file: PathBuf, carried: Carried);
    /// The document was saved: a comparison with its own file follows.
    fn saved(&mut self);
    /// Selects `steps` and shows them (a duty clicked in the library).
    fn select(&mut self, steps: Vec<StepId>);
    /// The lines of an import's report, shown beside the new chart.
    fn import_report(&mut self, lines: Vec<String>);
    /// The interface language.
    fn set_lang(&mut self, lang: Lang);
}
