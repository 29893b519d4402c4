//! The questions and notices the window shows over everything: at most
//! one of each kind, kept in the order they were asked; the window shows
//! the first, the others wait their turn.

use super::{
    DiskChange, ExportChoice, ExportUnsaved, OpenFailure, SaveConflict, SaveFailure, Shell,
    UnsavedPrompt,
};

/// One question or notice over the whole window.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// Save before unsaved work would be lost?
    Unsaved(UnsavedPrompt),
    /// A file did not open (its backup offered).
    OpenFailed(OpenFailure),
    /// A save failed (saving elsewhere offered).
    SaveFailed(SaveFailure),
    /// An open document's file changed on disk.
    DiskChanged(DiskChange),
    /// A save would write over another program's change.
    SaveConflict(SaveConflict),
    /// The export's choices.
    Export(ExportChoice),
    /// A library export while library documents have unsaved changes.
    ExportUnsaved(ExportUnsaved),
}

impl<V> Shell<V> {
    /// Asks `modal`: in place of one of its kind already asked, else after
    /// the others.
    pub fn ask(&mut self, modal: Modal) {
        let kind = std::mem::discriminant(&modal);
        match self
            .modals
            .iter_mut()
            .find(|m| std::mem::discriminant(*m) == kind)
        {
            Some(asked) => *asked = modal,
            None => self.modals.push(modal),
        }
    }

    /// The question the window shows now.
    pub fn modal(&self) -> Option<&Modal> {
        self.modals.first()
    }
}

/// For each kind: a look at the question asked, and taking it (answered).
macro_rules! each_kind {
    ($($variant:ident: $kind:ty => $look:ident, $take:ident;)*) => {
        impl<V> Shell<V> {
            $(
                pub fn $look(&self) -> Option<&$kind> {
                    self.modals.iter().find_map(|m| match m {
                        Modal::$variant(asked) => Some(asked),
                        _ => None,
                    })
                }

                pub fn $take(&mut self) -> Option<$kind> {
                    let at = self
                        .modals
                        .iter()
                        .position(|m| matches!(m, Modal::$variant(_)))?;
                    match self.modals.remove(at) {
                        Modal::$variant(asked) => Some(asked),
                        _ => None,
                    }
                }
            )*
        }
    };
}

each_kind! {
    Unsaved: UnsavedPrompt => prompt, take_prompt;
    OpenFailed: OpenFailure => open_failure, take_open_failure;
    SaveFailed: SaveFailure => save_failure, take_save_failure;
    DiskChanged: DiskChange => disk_change, take_disk_change;
    SaveConflict: SaveConflict => save_conflict, take_save_conflict;
    Export: ExportChoice => export_choice, take_export_choice;
    ExportUnsaved: ExportUnsaved => export_unsaved, take_export_unsaved;
}
