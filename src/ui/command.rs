//! What panels ask for: one command type, sent to one sink
//! (`Editor::command`). Edits and undo queue for the end of the frame;
//! everything else (selection, the inline editor, the clipboard, dialogs)
//! happens at once.

use super::canvas::{InlineEdit, InlineTarget, new_step};
use super::state::{DocOp, Editor, Selection, Tool};
use super::table_view::select_row;
use crate::layout::Point;
use crate::model::{
    Connector, Edit, FlowPoint, Lane, LaneId, Phase, PhaseId, Process, Step, StepField, StepId,
    StepKind,
};
use crate::text::S;

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
    /// Adds a lane at this place in the lane order.
    AddLane(usize),
    /// Adds a phase at this place in the phase order; a process's first
    /// phase takes in every step.
    AddPhase(usize),
    /// Lays every step out again from the flow (整理布局), or only the
    /// selected steps when two or more are: one undo step.
    Tidy,
    /// A step titled so, added from the table's blank row after the last
    /// step in the flow and connected from it: one undo step.
    AddRow(String),
    /// Opens the process an exit leads into.
    FollowExit(StepId),
    /// Opens the process one target of an exit names.
    OpenTarget(String),
    /// Adds the next step after this one: in its lane, connected from it,
    /// its title being typed (one undo step).
    AddNextStep(StepId),
    /// Connects two steps, unless they already are (in this direction).
    Connect {
        from: StepId,
        to: StepId,
    },
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
            Command::AddLane(index) => {
                let edit = add_lane(self.doc.process(), index, self.t(S::NewLane));
                self.edit(edit);
            }
            Command::AddPhase(index) => {
                let edit = add_phase(self.doc.process(), index, self.t(S::NewPhase));
                self.edit(edit);
            }
            Command::AddRow(title) => self.add_row(&title),
            Command::Tidy => {
                // Two or more steps selected: only those; else the chart.
                let process = self.doc.process();
                let selected = &self.selection.steps;
                let plan = if selected.len() >= 2 {
                    crate::layout::tidy_selection(process, selected)
                } else {
                    crate::layout::tidy(process)
                };
                let whole = selected.len() < 2;
                if let Some(edit) = plan.edit(process) {
                    self.edit(edit);
                    // The whole chart laid out again is shown whole.
                    self.camera.fit_requested |= whole;
                }
            }
            Command::Connect { from, to } => self.connect(from, to),
            Command::FollowExit(id) => {
                let number = match self.doc.process().steps.get(&id).map(|s| &s.kind) {
                    Some(StepKind::ProcessExit { number, .. }) => number.clone(),
                    _ => return,
                };
                self.end_typing();
                // Several targets are offered in a menu; one opens at once.
                if crate::library::exit_targets(&number).len() > 1 {
                    self.canvas.exit_menu = Some(id);
                } else {
                    self.outbox
                        .push(super::context::AppRequest::OpenLinked(number));
                }
            }
            Command::AddNextStep(from) => {
                let (process, derived) = (self.doc.process(), self.doc.derived());
                let lang = self.lang;
                let Some(step) = super::canvas::next_step(process, &derived.layout, from, lang)
                else {
                    return;
                };
                let connector = crate::model::Connector {
                    id: process.next_connector_id(),
                    from,
                    to: step.id,
                    label: None,
                };
                self.create_step(step);
                self.edit_in_transaction(Edit::AddConnector(connector));
            }
            Command::OpenTarget(number) => {
                self.end_typing();
                self.outbox
                    .push(super::context::AppRequest::OpenLinked(number));
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

    /// A new connector, or a word why not: a second arrow on the same
    /// ends would hide under the first.
    fn connect(&mut self, from: StepId, to: StepId) {
        let process = self.doc.process();
        if process.connector_between(from, to).is_some() {
            self.message = Some(self.t(S::AlreadyConnected).to_owned());
            return;
        }
        let connector = Connector {
            id: process.next_connector_id(),
            from,
            to,
            label: None,
        };
        self.edit(Edit::AddConnector(connector));
    }

    /// Adds a step, selects it and opens its title for typing, all one
    /// undo step with the typing that follows.
    /// A step from the table's blank row: in the first lane (with no
    /// letters until some are typed), after the last step in the flow and
    /// connected from it.
    fn add_row(&mut self, title: &str) {
        let title = title.trim();
        let process = self.doc.process();
        let (Some(lane), false) = (process.lanes.first().map(|l| l.id), title.is_empty()) else {
            return;
        };
        let last = self
            .doc
            .derived()
            .analysis
            .numbering
            .in_order()
            .last()
            .map(|(_, id)| *id);
        let id = process.next_step_id();
        // E in the lane it is put in, like every new work step.
        let mut step = Step::new_in(
            process.scheme,
            id,
            StepKind::Process,
            title,
            lane,
            FlowPoint::new(0.0, 0.0),
        );
        let (phase, at) = crate::layout::place_after(process, last, lane, &step);
        step.phase = phase;
        step.at = at;
        let mut edits = vec![Edit::AddStep(step)];
        if let Some(from) = last {
            edits.push(Edit::AddConnector(Connector {
                id: process.next_connector_id(),
                from,
                to: id,
                label: None,
            }));
        }
        self.edit(Edit::Batch(edits));
        self.fresh_row = Some(id);
        self.selection = Selection::only_step(id);
    }

    fn create_step(&mut self, step: Step) {
        let id = step.id;
        let target = InlineTarget::StepTitle(id);
        let title = step.title.clone();
        self.begin_typing(target.field_id());
        self.edit_in_transaction(Edit::AddStep(step));
        self.selection = Selection::only_step(id);
        self.canvas.inline = Some(InlineEdit::naming_new_step(target, title));
    }
}

/// A new lane named `name` at `index` in the lane order.
fn add_lane(process: &Process, index: usize, name: &str) -> Edit {
    Edit::AddLane {
        index: index.min(process.lanes.len()),
        lane: Lane {
            id: process.next_lane_id(),
            name: name.to_owned(),
            size: Lane::DEFAULT_SIZE,
        },
    }
}

/// A new phase named `name` at `index` in the phase order. The first phase
/// of a process spans its steps and takes them in, so they stay where they
/// are drawn.
fn add_phase(process: &Process, index: usize, name: &str) -> Edit {
    let id = process.next_phase_id();
    let first = process.phases.is_empty();
    let reach = process
        .steps
        .values()
        .map(|s| s.at.along + FIRST_PHASE_SLACK)
        .fold(Phase::DEFAULT_SIZE, f32::max);
    let add = Edit::AddPhase {
        index: index.min(process.phases.len()),
        phase: Phase {
            id,
            name: name.to_owned(),
            size: if first { reach } else { Phase::DEFAULT_SIZE },
        },
    };
    if !first {
        return add;
    }
    let mut edits = vec![add];
    edits.extend(process.steps.values().map(|s| Edit::MoveStep {
        id: s.id,
        lane: s.lane,
        phase: Some(id),
        at: s.at,
    }));
    Edit::Batch(edits)
}

/// Room after the last step when a first phase takes in the steps.
const FIRST_PHASE_SLACK: f32 = 150.0;
