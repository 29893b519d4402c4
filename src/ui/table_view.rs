//! The live AECI table: derived from the model every frame it changes,
//! rows virtualised. A click on a row selects its steps on the canvas; a
//! role cell opens four toggles and a box to type letters, and each change
//! is an `Edit`, so the chart, the inspector and undo follow at once.

use super::canvas::scroll_into_view;
use super::command::Command;
use super::letters::letters_cell;
use super::state::{Editor, Selection};
use crate::model::{AeciRow, Edit, LaneId, Role, RoleSet, StepId, Subject, role_cell};
use crate::text::S;
use egui::{Color32, RichText, Sense};
use egui_extras::{Column, TableBuilder};

pub fn table_ui(ed: &mut Editor, ui: &mut egui::Ui) {
    let lang = ed.lang;
    let selected = ed.selection.steps.clone();
    let editing = ed.table_editing;
    let headers = [
        S::TableNumber,
        S::TableMainStep,
        S::TableKeyPoints,
        S::TableOutputs,
    ]
    .map(|k| ed.t(k));
    let type_hint = ed.t(S::TypeLetters);
    let new_row_hint = ed.t(S::NewRowHint);
    let mut actions = Vec::new();
    {
        let (process, derived) = (ed.doc.process(), ed.doc.derived());
        let table = &derived.analysis.table;
        // While comparing: the steps added and changed, and the older
        // letters of each changed cell.
        let marks = ed
            .compare
            .as_ref()
            .and_then(|c| c.changes())
            .map(|d| &d.marks);
        let warned = derived.analysis.warned_steps();
        let messages = |row: &AeciRow| -> Vec<String> {
            derived
                .analysis
                .warnings
                .iter()
                .filter(|w| matches!(w.subject, Subject::Step(id) if row.steps.contains(&id)))
                .map(|w| w.message(lang))
                .collect()
        };
        let lane_count = table.lanes.len();
        let ctx = ui.ctx().clone();
        let scrolled_id = egui::Id::unique("table-scrolled");
        let scroll_to = selected
            .iter()
            .next()
            .filter(|first| ctx.memory(|m| m.data.get_temp::<StepId>(scrolled_id)) != Some(**first))
            .and_then(|first| {
                ctx.memory_mut(|m| m.data.insert_temp(scrolled_id, *first));
                table.rows.iter().position(|r| r.steps.contains(first))
            });
        let row_height = 24.0;
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
            .columns(Column::initial(84.0).at_least(48.0), lane_count);
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
                body.rows(row_height, table.rows.len() + 1, |mut row| {
                    let Some(r) = table.rows.get(row.index()) else {
                        new_row(&mut row, new_row_hint, &mut actions);
                        return;
                    };
                    row.set_selected(r.steps.iter().any(|s| selected.contains(s)));
                    let has_warning = r.steps.iter().any(|s| warned.contains(s));
                    let number = r.number.to_string();
                    let number_color = marks.and_then(|m| {
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
                        cell.on_hover_ui(|ui| {
                            ui.label(messages(r).join("\n"));
                        });
                    }
                    let (_, cell) = row.col(|ui| {
                        text_cell(ui, ui.max_rect().left(), &r.title, None);
                    });
                    spoken_as(&cell, &r.title);
                    cell.on_hover_ui(|ui| {
                        ui.label(&r.title);
                    });
                    let key_points = r.description.replace('\n', " / ");
                    let (_, cell) = row.col(|ui| {
                        text_cell(ui, ui.max_rect().left(), &key_points, None);
                    });
                    spoken_as(&cell, &key_points);
                    if !r.description.is_empty() {
                        cell.on_hover_ui(|ui| {
                            ui.label(&r.description);
                        });
                    }
                    let outputs = r.outputs.join("、");
                    let (_, cell) = row.col(|ui| {
                        text_cell(ui, ui.max_rect().left(), &outputs, None);
                    });
                    spoken_as(&cell, &outputs);
                    for (lane, cell) in table.lanes.iter().zip(&r.cells) {
                        row.col(|ui| {
                            let size = egui::vec2(ui.available_width(), row_height - 4.0);
                            let response = letters_cell(ui, size, &cell.to_string(), false);
                            response.widget_info(|| {
                                let spoken = format!("{} · {}: {cell}", r.number, lane.name);
                                egui::WidgetInfo::labeled(egui::Role::Button, true, spoken)
                            });
                            let was = marks.map(|m| row_cell_was(m, process, r, lane.id));
                            let response = match was.filter(|was| was != cell) {
                                Some(old) => marked_cell(ui, response, old, lang),
                                None => response,
                            };
                            if response.clicked() {
                                actions.push(Command::EditCell(r.head, lane.id));
                            }
                            if editing == Some((r.head, lane.id)) {
                                cell_popup(
                                    ui,
                                    &response,
                                    process,
                                    r.head,
                                    lane.id,
                                    type_hint,
                                    &mut actions,
                                );
                            }
                        });
                    }
                    if row.response().clicked() {
                        actions.push(Command::SelectRow(r.steps.clone()));
                    }
                });
            });
    }
    for action in actions {
        let action = moved_by_first_letter(ed, action);
        ed.command(action);
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

/// The first E typed for the step the blank row made also moves it into
/// that department's lane (its E goes along), in the same undo step.
fn moved_by_first_letter(ed: &mut Editor, action: Command) -> Command {
    let Command::Edit(Edit::SetRole { step, lane, roles }) = &action else {
        return action;
    };
    if ed.fresh_row != Some(*step) || !roles.contains(crate::model::Role::E) {
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

/// Four toggles and a box to type letters, under a role cell.
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
                for role in Role::ALL {
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
