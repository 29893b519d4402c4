//! What panels ask for: one command type, sent to one sink
//! (`Editor::command`). Edits and undo queue for the end of the frame;
//! everything else (selection, the inline editor, the clipboard, dialogs)
//! happens at once.

use super::canvas::{InlineEdit, InlineTarget, new_step};
use super::state::{DocOp, Editor, Selection, Tool};
use super::table_view::select_row;
use crate::layout::Point;
use crate::model::{Edit, LaneId, PhaseId, Step, StepField, StepId, StepKind};

/// Something a panel, menu or shortcut asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// An edit that is its own undo step (closing any typing first).
    Edit(Edit),
    /// Opens one undo step for many edits (a drag), closed by `Commit`.
    Begin,
    /// An edit inside the undo step `Begin` opened.
    InTransaction(Edit),
    Commit,
    Undo,
    Redo,
    /// Adds a step and opens its title for typing: one undo step.
    CreateStep(Step),
    /// Creates a process step at this chart point.
    CreateAt(Point),
    /// Opens the inline editor on a title, name or label.
    Inline(InlineTarget, String),
    /// Pins a step to the number it has now.
    PinCurrentNumber(StepId),
    DeleteSelection,
    Copy,
    Cut,
    /// Pastes at this chart point, or beside the originals.
    Paste(Option<Point>),
    Duplicate,
    /// Asks what happens to the steps of a lane or phase being deleted.
    AskDeleteLane(LaneId),
    AskDeletePhase(PhaseId),
    SetTool(Tool),
    /// Selects the steps of a table row and shows them on the canvas.
    SelectRow(Vec<StepId>),
    /// Opens a table cell's role editor.
    EditCell(StepId, LaneId),
    CloseCell,
}

impl Editor {
    /// Carries out what a panel asked for.
    pub fn command(&mut self, command: Command) {
        match command {
            Command::Edit(edit) => self.edit(edit),
            Command::Begin => {
                self.end_typing();
                self.queue(DocOp::Begin);
            }
            Command::InTransaction(edit) => self.edit_in_transaction(edit),
            Command::Commit => self.queue(DocOp::Commit),
            Command::Undo => {
                self.end_typing();
                self.queue(DocOp::Undo);
            }
            Command::Redo => {
                self.end_typing();
                self.queue(DocOp::Redo);
            }
            Command::CreateStep(step) => self.create_step(step),
            Command::CreateAt(p) => {
                let (process, derived) = (self.doc.process(), self.doc.derived());
                let kind = StepKind::Process;
                if let Some(step) = new_step(process, &derived.layout, kind, p, self.lang) {
                    self.create_step(step);
                }
            }
            Command::Inline(target, text) => {
                self.end_typing();
                self.canvas.inline = Some(InlineEdit::new(target, text));
            }
            Command::PinCurrentNumber(id) => {
                if let Some(n) = self.doc.derived().analysis.numbering.of(id) {
                    let field = StepField::PinnedNumber(Some(n));
                    self.edit(Edit::SetStep { id, field });
                }
            }
            Command::DeleteSelection => super::clipboard::delete_selection(self),
            Command::Copy => super::clipboard::copy(self),
            Command::Cut => {
                super::clipboard::copy(self);
                super::clipboard::delete_selection(self);
            }
            Command::Paste(at) => {
                self.end_typing();
                self.queue(DocOp::Paste(at));
            }
            Command::Duplicate => {
                self.end_typing();
                super::clipboard::copy(self);
                self.queue(DocOp::Paste(None));
            }
            Command::AskDeleteLane(id) => self.dialogs.delete_lane = Some(id),
            Command::AskDeletePhase(id) => self.dialogs.delete_phase = Some(id),
            Command::SetTool(tool) => self.tool = tool,
            Command::SelectRow(steps) => select_row(self, steps),
            Command::EditCell(step, lane) => {
                select_row(self, vec![step]);
                self.table_editing = Some((step, lane));
            }
            Command::CloseCell => self.table_editing = None,
        }
    }

    /// Adds a step, selects it and opens its title for typing, all one
    /// undo step with the typing that follows.
    fn create_step(&mut self, step: Step) {
        let id = step.id;
        let target = InlineTarget::StepTitle(id);
        let title = step.title.clone();
        self.begin_typing(target.field_id());
        self.edit_in_transaction(Edit::AddStep(step));
        self.selection = Selection::only_step(id);
        self.canvas.inline = Some(InlineEdit::new(target, title));
    }
}
