//! Importing into the session: a responsibility table or a chart from
//! another tool opened as a new, unsaved process, its sub-processes in tabs
//! of their own, the report said in its status line.

use super::{DocView, OpenDoc, Shell};
use crate::document::Document;
use crate::text::{S, fill, tr};
use std::path::Path;

impl<V: DocView> Shell<V> {
    /// Opens a responsibility table, or a chart from BPMN, draw.io or Visio, as a
    /// new, unsaved process, saying in its status line what was imported
    /// and what to check or was not kept; a bad file is refused in the
    /// status line of the document in front.
    pub fn import_path(&mut self, path: &Path) {
        use crate::import::{ImportError, Source};
        let lang = self.lang;
        let chart = matches!(Source::of(path), Some(Source::Chart | Source::Visio));
        let done = crate::import::import_file(path, 1).map(|mut i| {
            // Numbered after the process (`1`, `2` … when it has none),
            // each opened in a tab of its own its exit leads to.
            let parts = i.take_sub_processes(&i.process.overview.number.clone());
            let notes = crate::import::report_lines(&i, &parts, lang);
            (i.process, notes, parts)
        });
        let done: Result<_, ImportError> = done;
        match done {
            Ok((mut process, mut warnings, parts)) => {
                // Into the open library: lanes named by an alias take the
                // department's name.
                if let Some(open) = &self.library {
                    let renamed = crate::library::lanes_to_departments(&open.library, &mut process);
                    warnings.extend(renamed.iter().map(|(from, to)| {
                        fill(
                            lang,
                            S::ImportLaneIsDepartment,
                            &[("from", from), ("to", to)],
                        )
                    }));
                }
                // Not saved anywhere yet: asked about on closing, kept by recovery.
                let mut editor = V::open(Document::new_unsaved(process, None), lang);
                let steps = editor.doc().process().steps.len();
                let shown = path.display();
                let key = if chart { S::ImportedChart } else { S::Imported };
                let mut said = vec![fill(lang, key, &[("steps", &steps), ("path", &shown)])];
                if !warnings.is_empty() {
                    editor.import_report(warnings.clone());
                }
                said.extend(warnings);
                editor.say(said.join("; "));
                self.add_doc(editor);
                let main = self.active;
                for part in parts {
                    let mut process = part.process;
                    if let Some(open) = &self.library {
                        crate::library::lanes_to_departments(&open.library, &mut process);
                    }
                    let editor = V::open(Document::new_unsaved(process, None), lang);
                    self.docs.push(OpenDoc::new(editor));
                }
                self.active = main;
                self.show(super::View::Document);
            }
            Err(e) => {
                if let Some(d) = self.docs.get_mut(self.active) {
                    d.editor.say(format!(
                        "{}: {}: {}",
                        tr(lang, S::CliCannotImport),
                        e.message(lang),
                        path.display()
                    ));
                }
            }
        }
    }
}
