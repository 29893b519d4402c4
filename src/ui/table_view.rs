//! The live AECI table: derived from the model every frame it changes,
//! rows virtualised. A click on a row selects its steps on the canvas; a
//! role cell opens four toggles and a box to type letters, and each change
//! is an `Edit`, so the chart, the inspector and undo follow at once.

use super::canvas::scroll_into_view;
use super::command::Command;
use super::letters::letters_cell;
use super::state::{Editor, Selection};
use crate::model::{
    AeciRow, AeciTable, Analysis, DiffMarks, Edit, LaneId, Process, RoleSet, StepId, Subject,
    TableLane, role_cell,
};
use crate::text::S;
use egui::{Color32, RichText, Sense};
use egui_extras::{Column, TableBuilder};
use std::collections::BTreeSet;

pub fn table_ui(ed: &mut Editor, ui: &mut egui::Ui) {
    let lang = ed.lang;
    let headers = [
        S::TableNumber,
        S::TableMainStep,
        S::TableKeyPoints,
        S::TableOutputs,
    ]
    .map(|k| ed.t(k));
    let new_row_hint = ed.t(S::NewRowHint);
    let mut actions = Vec::new();
    {
        let (process, derived) = (ed.doc.process(), ed.doc.derived());
        let rows = Rows {
            process,
            table: &derived.analysis.table,
            analysis: &derived.analysis,
            selected: &ed.selection.steps,
            warned: derived.analysis.warned_steps(),
            // While comparing: the steps added and changed, and the older
            // letters of each changed cell.
            marks: ed
                .compare
                .as_ref()
                .and_then(|c| c.changes())
                .map(|d| &d.marks),
            editing: ed.table_editing,
            type_hint: ed.t(S::TypeLetters),
            lang,
        };
        let table = rows.table;
        let scroll_to = row_to_show(ui.ctx(), &ed.selection.steps, table);
        // Text in the table is read, not selected; selectable labels cost
        // more every frame.
        ui.style_mut().interaction.selectable_labels = false;
        let mut builder = TableBuilder::new(ui)
            .id_salt("aeci-table")
            .striped(true)
            .resizable(true)
            .sense(Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(56.0))
            .column(Column::initial(200.0).at_least(80.0).clip(true))
            .column(Column::initial(260.0).at_least(80.0).clip(true))
            .column(Column::initial(150.0).at_least(60.0).clip(true))
            .columns(Column::initial(84.0).at_least(48.0), table.lanes.len());
        if let Some(index) = scroll_to {
            builder = builder.scroll_to_row(index, None);
        }
        builder
            .header(28.0, |mut header| {
                for h in headers {
                    header.col(|ui| {
                        ui.strong(h);
                    });
                }
                for lane in &table.lanes {
                    header.col(|ui| {
                        ui.strong(&lane.name);
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, table.rows.len() + 1, |mut row| {
                    match table.rows.get(row.index()) {
                        Some(r) => rows.row(&mut row, r, &mut actions),
                        None => new_row(&mut row, new_row_hint, &mut actions),
                    }
                });
            });
    }
    for action in actions {
        let action = moved_by_first_letter(ed, action);
        ed.command(action);
    }
}

/// The height of a table row.
const ROW_HEIGHT: f32 = 24.0;

/// The row of the first selected step, when the selection changed since
/// the table last scrolled to it.
fn row_to_show(
    ctx: &egui::Context,
    selected: &BTreeSet<StepId>,
    table: &AeciTable,
) -> Option<usize> {
    let scrolled_id = egui::Id::unique("table-scrolled");
    let first = selected.iter().next()?;
    if ctx.memory(|m| m.data.get_temp::<StepId>(scrolled_id)) == Some(*first) {
        return None;
    }
    ctx.memory_mut(|m| m.data.insert_temp(scrolled_id, *first));
    table.rows.iter().position(|r| r.steps.contains(first))
}

/// What the table's rows are drawn from.
struct Rows<'a> {
    process: &'a Process,
    table: &'a AeciTable,
    analysis: &'a Analysis,
    selected: &'a BTreeSet<StepId>,
    warned: BTreeSet<StepId>,
    marks: Option<&'a DiffMarks>,
    editing: Option<(StepId, LaneId)>,
    type_hint: &'a str,
    lang: crate::lang::Lang,
}

impl Rows<'_> {
    /// One main step's row: its number (with a warning mark), title, 要点,
    /// outputs and a letters cell per department.
    fn row(&self, row: &mut egui_extras::TableRow, r: &AeciRow, actions: &mut Vec<Command>) {
        row.set_selected(r.steps.iter().any(|s| self.selected.contains(s)));
        self.number_cell(row, r);
        let key_points = r.description.replace('\n', " / ");
        let outputs = r.outputs.join("、");
        for (text, full) in [
            (&r.title, Some(&r.title)),
            (&key_points, Some(&r.description).filter(|d| !d.is_empty())),
            (&outputs, None),
        ] {
            let (_, cell) = row.col(|ui| {
                text_cell(ui, ui.max_rect().left(), text, None);
            });
            spoken_as(&cell, text);
            if let Some(full) = full {
                cell.on_hover_ui(|ui| {
                    ui.label(full);
                });
            }
        }
        for (lane, cell) in self.table.lanes.iter().zip(&r.cells) {
            row.col(|ui| self.letters(ui, r, lane, *cell, actions));
        }
        if row.response().clicked() {
            actions.push(Command::SelectRow(r.steps.clone()));
        }
    }

    /// The number, marked ▲ (its warnings on hover) and coloured while
    /// comparing.
    fn number_cell(&self, row: &mut egui_extras::TableRow, r: &AeciRow) {
        let has_warning = r.steps.iter().any(|s| self.warned.contains(s));
        let number = r.number.to_string();
        let number_color = self.marks.and_then(|m| {
            if r.steps.iter().any(|s| m.added.contains(s)) {
                Some(super::compare::ADDED)
            } else {
                let changed = r.steps.iter().any(|s| m.changed.contains(s));
                changed.then_some(super::compare::CHANGED)
            }
        });
        let (_, cell) = row.col(|ui| {
            let mut left = ui.max_rect().left();
            if has_warning {
                left += text_cell(ui, left, "▲", Some(WARNING_COLOR)) + 4.0;
            }
            text_cell(ui, left, &number, number_color);
        });
        spoken_as(&cell, &number);
        if has_warning {
            let messages: Vec<String> = self
                .analysis
                .warnings
                .iter()
                .filter(|w| matches!(w.subject, Subject::Step(id) if r.steps.contains(&id)))
                .map(|w| w.message(self.lang))
                .collect();
            cell.on_hover_ui(|ui| {
                ui.label(messages.join("\n"));
            });
        }
    }

    /// A department's letters for a row: a click edits them in a popup;
    /// while comparing, a changed cell shows its older letters.
    fn letters(
        &self,
        ui: &mut egui::Ui,
        r: &AeciRow,
        lane: &TableLane,
        cell: RoleSet,
        actions: &mut Vec<Command>,
    ) {
        let size = egui::vec2(ui.available_width(), ROW_HEIGHT - 4.0);
        let response = letters_cell(ui, size, &cell.to_string(), false);
        response.widget_info(|| {
            let spoken = format!("{} · {}: {cell}", r.number, lane.name);
            egui::WidgetInfo::labeled(egui::Role::Button, true, spoken)
        });
        let was = self
            .marks
            .map(|m| row_cell_was(m, self.process, r, lane.id));
        let response = match was.filter(|was| *was != cell) {
            Some(old) => marked_cell(ui, response, old, self.lang),
            None => response,
        };
        if response.clicked() {
            actions.push(Command::EditCell(r.head, lane.id));
        }
        if self.editing == Some((r.head, lane.id)) {
            cell_popup(
                ui,
                &response,
                self.process,
                r.head,
                lane.id,
                self.type_hint,
                actions,
            );
        }
    }
}

/// The letters a row's cell had in the version compared with: the union
/// of its steps' older letters (none for a step added since).
fn row_cell_was(
    marks: &crate::model::DiffMarks,
    process: &crate::model::Process,
    row: &AeciRow,
    lane: LaneId,
) -> RoleSet {
    let was = |s: &StepId| -> RoleSet {
        if marks.added.contains(s) {
            return RoleSet::EMPTY;
        }
        marks.cells.get(&(*s, lane)).copied().unwrap_or_else(|| {
            process
                .steps
                .get(s)
                .map(|step| role_cell(&step.roles, lane))
                .unwrap_or_default()
        })
    };
    row.steps
        .iter()
        .map(was)
        .fold(RoleSet::EMPTY, RoleSet::union)
}

/// A cell whose letters changed since the version compared with: framed
/// in amber, its older letters shown on hover.
fn marked_cell(
    ui: &egui::Ui,
    response: egui::Response,
    old: RoleSet,
    lang: crate::lang::Lang,
) -> egui::Response {
    ui.painter().rect_stroke(
        response.rect.shrink(1.0),
        3.0,
        (1.5, super::compare::CHANGED),
        egui::StrokeKind::Inside,
    );
    let was = if old.is_empty() {
        crate::text::tr(lang, S::CellWasEmpty).to_owned()
    } else {
        crate::text::fill(lang, S::CellWas, &[("letters", &old)])
    };
    response.on_hover_text(was)
}

/// The blank row at the end: typing a main step and Enter adds a step.
fn new_row(row: &mut egui_extras::TableRow<'_, '_>, hint: &str, actions: &mut Vec<Command>) {
    row.col(|_| {});
    row.col(|ui| {
        let id = egui::Id::unique("aeci-new-row");
        let mut text = ui
            .ctx()
            .data_mut(|d| d.get_temp::<String>(id))
            .unwrap_or_default();
        let r = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id(id.with("field"))
                .hint_text(hint)
                .desired_width(ui.available_width()),
        );
        if r.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && !text.trim().is_empty()
        {
            actions.push(Command::AddRow(std::mem::take(&mut text)));
            // The next row is typed in the same field.
            r.request_focus();
        }
        ui.ctx().data_mut(|d| d.insert_temp(id, text));
    });
}

/// The first executing letter (AECI's E) typed for the step the blank row
/// made also moves it into that department's lane (the letter goes along),
/// in the same undo step.
fn moved_by_first_letter(ed: &mut Editor, action: Command) -> Command {
    let Command::Edit(Edit::SetRole { step, lane, roles }) = &action else {
        return action;
    };
    let executor = ed.doc.process().scheme.scheme().executor();
    if ed.fresh_row != Some(*step) || !roles.contains(executor) {
        return action;
    }
    ed.fresh_row = None;
    let Some(s) = ed.doc.process().steps.get(step) else {
        return action;
    };
    if s.lane == *lane {
        return action;
    }
    let moved = Edit::MoveStep {
        id: *step,
        lane: *lane,
        phase: s.phase,
        at: s.at,
    };
    let set = Edit::SetRole {
        step: *step,
        lane: *lane,
        roles: *roles,
    };
    Command::Edit(Edit::Batch(vec![set, moved]))
}

const WARNING_COLOR: Color32 = Color32::from_rgb(0xd9, 0x77, 0x06);

/// One line of text from `left`, centred in the cell's height and cut with
/// `…` where the cell ends. Painted directly: a `Label` in each of the
/// table's cells costs several times more, every frame. Returns the width
/// painted.
fn text_cell(ui: &mut egui::Ui, left: f32, text: &str, color: Option<Color32>) -> f32 {
    let rect = ui.max_rect();
    let width = (rect.right() - left).max(0.0);
    let color = color.unwrap_or_else(|| ui.visuals().text_color());
    let mut job = egui::text::LayoutJob::simple_singleline(
        text.to_owned(),
        egui::TextStyle::Body.resolve(ui.style()),
        color,
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width(width);
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let size = galley.size();
    let top = rect.center().y - size.y / 2.0;
    ui.painter().galley(egui::pos2(left, top), galley, color);
    size.x
}

/// What a screen reader (and a test) hears for a painted cell.
fn spoken_as(cell: &egui::Response, text: &str) {
    cell.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
}

/// Selects a row's steps on the canvas and scrolls them into view.
pub fn select_row(ed: &mut Editor, steps: Vec<StepId>) {
    ed.selection = Selection {
        steps: steps.iter().copied().collect(),
        ..Selection::default()
    };
    let canvas = ed.canvas.rect;
    let layout = &ed.doc.derived().layout;
    let area = steps
        .iter()
        .filter_map(|s| layout.boxes.get(s))
        .copied()
        .reduce(|a, b| a.union(&b));
    if let (Some(area), Some(canvas)) = (area, canvas) {
        scroll_into_view(&mut ed.camera, canvas, &area);
    }
}

/// A toggle per letter of the scheme and a box to type letters, under a
/// role cell.
fn cell_popup(
    ui: &mut egui::Ui,
    anchor: &egui::Response,
    process: &crate::model::Process,
    step: StepId,
    lane: LaneId,
    hint: &str,
    actions: &mut Vec<Command>,
) {
    let current = process
        .steps
        .get(&step)
        .map(|s| role_cell(&s.roles, lane))
        .unwrap_or_default();
    let area = egui::Area::new(egui::Id::unique(("cell-editor", step, lane)))
        .order(egui::Order::Foreground)
        .fixed_pos(anchor.rect.left_bottom());
    let inner = area.show(ui.ctx(), |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                for role in process.scheme.scheme().letter_roles() {
                    let on = current.contains(role);
                    if ui
                        .selectable_label(
                            on,
                            RichText::new(role.letter().to_string())
                                .monospace()
                                .strong(),
                        )
                        .clicked()
                    {
                        let next = if on {
                            current.without(role)
                        } else {
                            current.with(role)
                        };
                        actions.push(Command::Edit(Edit::SetRole {
                            step,
                            lane,
                            roles: next,
                        }));
                    }
                }
            });
            let id = egui::Id::unique(("cell-letters", step, lane));
            let mut text = ui
                .ctx()
                .data_mut(|d| d.get_temp::<String>(id))
                .unwrap_or_else(|| current.to_string());
            let fresh = !ui
                .ctx()
                .data_mut(|d| d.get_temp::<bool>(id.with("open")).unwrap_or(false));
            let r = ui.add(
                egui::TextEdit::singleline(&mut text)
                    .id(id)
                    .hint_text(hint)
                    .desired_width(120.0),
            );
            if fresh {
                // Typing right after the click replaces the letters.
                r.request_focus();
                let mut state =
                    egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
                state.cursor.set_char_range(Some(
                    egui::text_selection::CCursorRange::select_all_str(&text),
                ));
                state.store(ui.ctx(), id);
                ui.ctx().data_mut(|d| d.insert_temp(id.with("open"), true));
            }
            ui.ctx().data_mut(|d| d.insert_temp(id, text.clone()));
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                if let Ok(set) = RoleSet::parse(&text) {
                    actions.push(Command::Edit(Edit::SetRole {
                        step,
                        lane,
                        roles: set,
                    }));
                }
                ui.ctx().data_mut(|d| {
                    d.remove::<String>(id);
                    d.remove::<bool>(id.with("open"));
                });
                actions.push(Command::CloseCell);
            }
        });
    });
    let clicked_elsewhere = ui.input(|i| i.pointer.any_click())
        && !inner.response.contains_pointer()
        && !anchor.contains_pointer();
    if clicked_elsewhere || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        let id = egui::Id::unique(("cell-letters", step, lane));
        ui.ctx().data_mut(|d| {
            d.remove::<String>(id);
            d.remove::<bool>(id.with("open"));
        });
        actions.push(Command::CloseCell);
    }
}
