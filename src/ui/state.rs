//! The editor's state around the document: selection, view, tool, queued
//! commands. Input becomes commands; commands are applied once, at the end
//! of the frame, so every panel of a frame shows the same document.

use super::context::AppContext;
use crate::document::Document;
use crate::lang::Lang;
use crate::model::{ConnectorId, Edit, LaneId, PhaseId, StepId, StepKind};
use crate::text::{S, tr};
use std::collections::BTreeSet;

/// What is selected.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub steps: BTreeSet<StepId>,
    pub connectors: BTreeSet<ConnectorId>,
    pub lane: Option<LaneId>,
    pub phase: Option<PhaseId>,
}

impl Selection {
    pub fn clear(&mut self) {
        *self = Selection::default();
    }

    pub fn is_empty(&self) -> bool {
        *self == Selection::default()
    }

    pub fn only_step(id: StepId) -> Selection {
        Selection {
            steps: BTreeSet::from([id]),
            ..Selection::default()
        }
    }

    /// The one selected step, when exactly one step and nothing else is.
    pub fn single_step(&self) -> Option<StepId> {
        match (self.steps.len(), self.connectors.is_empty()) {
            (1, true) => self.steps.iter().next().copied(),
            _ => None,
        }
    }
}

/// Which view fills the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Chart,
    Overview,
    Table,
}

/// What a click on the canvas does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    #[default]
    Select,
    /// Place a new step of this kind.
    Create(StepKind),
}

/// Pan and zoom of the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub zoom: f32,
    /// Where the chart's origin is, relative to the canvas's top-left.
    pub offset: egui::Vec2,
    /// Fit the chart into the canvas at the next frame.
    pub fit_requested: bool,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            zoom: 1.0,
            offset: egui::Vec2::new(16.0, 16.0),
            fit_requested: true,
        }
    }
}

pub const MIN_ZOOM: f32 = 0.002;
pub const MAX_ZOOM: f32 = 6.0;

/// Something to do to the document at the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum DocOp {
    Edit(Edit),
    Begin,
    Commit,
    /// Drops the open transaction, restoring the document.
    Cancel,
    Undo,
    Redo,
    /// Puts copied steps on the application's clipboard.
    SetClipboard(crate::document::Clip),
    /// Pastes the clipboard centred on a chart point, or beside the
    /// originals.
    Paste(Option<crate::layout::Point>),
}

/// The editor for one document.
pub struct Editor {
    pub doc: Document,
    /// The interface language; the shell sets it on every editor when the
    /// user changes it.
    pub lang: Lang,
    pub selection: Selection,
    pub tool: Tool,
    pub tab: Tab,
    pub camera: Camera,
    /// A line for the status bar (the last error or confirmation).
    pub message: Option<String>,
    /// The document's revision when the message was first shown: it says
    /// what happened to the document as it was, so an edit clears it.
    message_revision: Option<u64>,
    /// The field being typed into, whose edits form one undo step.
    typing: Option<egui::Id>,
    commands: Vec<DocOp>,
    pub canvas: super::canvas::CanvasState,
    pub dialogs: super::dialogs::Dialogs,
    pub table_editing: Option<(StepId, LaneId)>,
    /// The step the table's blank row made, until a letter typed into one
    /// of its department cells moves it to that lane.
    pub fresh_row: Option<StepId>,
    /// Requests for the application (follow an exit), handed to it at the
    /// end of the frame.
    pub(super) outbox: Vec<super::context::AppRequest>,
    /// The version the document is being compared with, while it is.
    pub compare: Option<super::compare::Comparison>,
}

impl Editor {
    /// Clears the status line's message once the document has changed
    /// since it was first shown ("已保存", "已导出" no longer hold then).
    pub fn expire_message(&mut self) {
        let now = self.doc.revision();
        match (&self.message, self.message_revision) {
            (None, _) => self.message_revision = None,
            (Some(_), None) => self.message_revision = Some(now),
            (Some(_), Some(seen)) if seen != now => {
                self.message = None;
                self.message_revision = None;
            }
            _ => {}
        }
    }

    pub fn new(doc: Document, lang: Lang) -> Editor {
        Editor {
            doc,
            lang,
            selection: Selection::default(),
            tool: Tool::default(),
            tab: Tab::default(),
            camera: Camera::default(),
            message: None,
            message_revision: None,
            typing: None,
            commands: Vec::new(),
            canvas: Default::default(),
            dialogs: Default::default(),
            table_editing: None,
            fresh_row: None,
            outbox: Vec::new(),
            compare: None,
        }
    }

    pub fn t(&self, key: S) -> &'static str {
        tr(self.lang, key)
    }

    /// Queues an edit as its own undo step (closing any typing first).
    pub fn edit(&mut self, edit: Edit) {
        self.end_typing();
        self.commands.push(DocOp::Edit(edit));
    }

    /// Queues an edit that is part of a transaction the caller opened.
    pub fn edit_in_transaction(&mut self, edit: Edit) {
        self.commands.push(DocOp::Edit(edit));
    }

    /// Queues an edit made by typing in field `field`: consecutive edits of
    /// one field form one undo step.
    pub fn typed(&mut self, field: egui::Id, edit: Edit) {
        if self.typing != Some(field) {
            self.end_typing();
            self.commands.push(DocOp::Begin);
            self.typing = Some(field);
        }
        self.commands.push(DocOp::Edit(edit));
    }

    /// Opens a typing undo step for `field` right away (a new step whose
    /// title is typed next: creating and naming it is one undo step).
    pub fn begin_typing(&mut self, field: egui::Id) {
        self.end_typing();
        self.commands.push(DocOp::Begin);
        self.typing = Some(field);
    }

    /// Closes the typing undo step, if one is open.
    pub fn end_typing(&mut self) {
        if self.typing.take().is_some() {
            self.commands.push(DocOp::Commit);
        }
    }

    /// Drops the typing undo step, if one is open (true then): what was
    /// typed is undone and leaves no undo step.
    pub fn cancel_typing(&mut self) -> bool {
        let open = self.typing.take().is_some();
        if open {
            self.commands.push(DocOp::Cancel);
        }
        open
    }

    /// Queues something for the document at the end of the frame.
    pub(super) fn queue(&mut self, op: DocOp) {
        self.commands.push(op);
    }

    /// Whether commands are waiting (the frame changed something).
    pub fn has_pending(&self) -> bool {
        !self.commands.is_empty()
    }

    /// Applies the queued commands in order. Refused edits leave the
    /// document unchanged and show why in the status bar.
    pub fn flush(&mut self, app: &mut AppContext) {
        for command in std::mem::take(&mut self.commands) {
            let result = match command {
                DocOp::SetClipboard(clip) => {
                    app.clipboard = Some(clip);
                    Ok(())
                }
                DocOp::Paste(at) => match &app.clipboard {
                    Some(clip) => self.paste(clip, at),
                    None => Ok(()),
                },
                DocOp::Edit(edit) => self.doc.apply(edit),
                DocOp::Begin => {
                    self.doc.begin();
                    Ok(())
                }
                DocOp::Commit => {
                    self.doc.commit();
                    Ok(())
                }
                DocOp::Cancel => self.doc.cancel(),
                DocOp::Undo => self.doc.undo().map(|_| ()),
                DocOp::Redo => self.doc.redo().map(|_| ()),
            };
            if let Err(err) = result {
                self.message = Some(err.message(self.lang));
            }
        }
        self.drop_stale_selection();
    }

    /// Forgets selected things that no longer exist (after undo, delete).
    fn drop_stale_selection(&mut self) {
        let p = self.doc.process();
        self.selection.steps.retain(|id| p.steps.contains_key(id));
        self.selection
            .connectors
            .retain(|id| p.connectors.contains_key(id));
        if self.selection.lane.is_some_and(|l| p.lane(l).is_none()) {
            self.selection.lane = None;
        }
        if self.selection.phase.is_some_and(|ph| p.phase(ph).is_none()) {
            self.selection.phase = None;
        }
    }
}
