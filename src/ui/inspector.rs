//! The inspector: the selected step, connector, lane or phase, or the
//! process overview when nothing is selected. Every field edits through
//! the model's `Edit`s; typing in one field is one undo step.

use super::command::Command;
use super::letters::letters_cell;
use super::state::Editor;
use crate::model::{Edit, RoleSet, Step, StepField, StepId, StepKind, role_cell};
use crate::text::S;
use egui::{Id, RichText};

pub fn inspector_ui(ed: &mut Editor, app: &mut super::context::AppContext, ui: &mut egui::Ui) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let sel = ed.selection.clone();
            if let Some(id) = sel.single_step() {
                step_ui(ed, app, ui, id);
            } else if sel.steps.len() > 1 {
                ui.heading(format!("{} {}", sel.steps.len(), ed.t(S::StepsSelected)));
            } else if let (1, Some(id)) =
                (sel.connectors.len(), sel.connectors.iter().next().copied())
            {
                connector_ui(ed, ui, id);
            } else if let Some(lane) = sel.lane {
                band_ui(ed, ui, Band::Lane(lane));
            } else if let Some(phase) = sel.phase {
                band_ui(ed, ui, Band::Phase(phase));
            } else {
                ui.heading(ed.t(S::OverviewHeading));
                super::overview_form::overview_fields(ed, app, ui);
            }
        });
}

/// A text field whose edits become one undo step per burst of typing.
pub fn text_field(
    ed: &mut Editor,
    ui: &mut egui::Ui,
    id: Id,
    value: &str,
    multiline: bool,
    make: impl FnOnce(String) -> Edit,
) {
    if typed_field(ed, ui, id, value, multiline, make) {
        ed.end_typing();
    }
}

/// A title or name: left empty, it gets back the text it had before the
/// typing, which leaves no undo step.
fn name_field(
    ed: &mut Editor,
    ui: &mut egui::Ui,
    id: Id,
    value: &str,
    multiline: bool,
    make: impl FnOnce(String) -> Edit,
) {
    if typed_field(ed, ui, id, value, multiline, make) {
        if value.trim().is_empty() && ed.cancel_typing() {
            ed.message = Some(ed.t(S::EmptyNameRefused).to_owned());
        } else {
            ed.end_typing();
        }
    }
}

/// A text box whose typing is one undo step; true when focus left it.
fn typed_field(
    ed: &mut Editor,
    ui: &mut egui::Ui,
    id: Id,
    value: &str,
    multiline: bool,
    make: impl FnOnce(String) -> Edit,
) -> bool {
    let mut buffer = value.to_owned();
    let edit = if multiline {
        egui::TextEdit::multiline(&mut buffer).desired_rows(2)
    } else {
        egui::TextEdit::singleline(&mut buffer)
    };
    let response = ui.add(edit.id(id).desired_width(ui.available_width()));
    if buffer != value {
        ed.typed(id, make(buffer));
    }
    response.lost_focus()
}

pub(super) fn kind_name(ed: &Editor, kind: &StepKind) -> &'static str {
    ed.t(match kind {
        StepKind::Process => S::KindProcess,
        StepKind::Decision => S::KindDecision,
        StepKind::Start => S::KindStart,
        StepKind::End => S::KindEnd,
        StepKind::Document => S::KindDocument,
        StepKind::ProcessExit { .. } => S::KindExit,
        StepKind::Note => S::KindNote,
    })
}

fn step_ui(ed: &mut Editor, app: &super::context::AppContext, ui: &mut egui::Ui, id: StepId) {
    let (step, number, lanes, head, warnings) = {
        let lang = ed.lang;
        let (process, derived) = (ed.doc.process(), ed.doc.derived());
        let Some(step) = process.steps.get(&id).cloned() else {
            return;
        };
        let lanes: Vec<(crate::model::LaneId, String)> = process
            .lanes
            .iter()
            .map(|l| (l.id, l.name.clone()))
            .collect();
        // The main step's title; the list of candidates is built only
        // while the menu is open (it holds every work step).
        let head = step
            .group
            .and_then(|g| process.steps.get(&g))
            .filter(|h| is_head_for(h, id))
            .map(|h| h.title.clone());
        let warnings: Vec<String> = derived
            .analysis
            .warnings
            .iter()
            .filter(|w| w.subject == crate::model::Subject::Step(id))
            .map(|w| w.message(lang))
            .collect();
        (
            step,
            derived.analysis.numbering.of(id),
            lanes,
            head,
            warnings,
        )
    };
    let heading = match number {
        Some(n) => format!("{} {n}", ed.t(S::StepHeading)),
        None => kind_name(ed, &step.kind).to_owned(),
    };
    ui.heading(heading);
    ui.vertical(|ui| {
        pin_field(ed, ui, &step, number);
        kind_field(ed, ui, &step);
        exit_fields(ed, app, ui, &step);
        text_fields(ed, ui, &step);
        group_field(ed, ui, &step, head);
        lane_field(ed, ui, &step, &lanes);
    });

    if step.kind.is_work_step() {
        ui.add_space(8.0);
        ui.label(RichText::new(ed.t(S::Roles)).strong());
        roles_grid(ed, ui, &step, &lanes);
    }
    // Last, so nothing above moves when a warning comes or goes: the next
    // click lands where it was aimed.
    if !warnings.is_empty() {
        ui.add_space(8.0);
    }
    for w in &warnings {
        ui.colored_label(egui::Color32::from_rgb(0xb4, 0x53, 0x09), format!("▲ {w}"));
    }
}

/// The number, and whether it is pinned (work steps).
fn pin_field(ed: &mut Editor, ui: &mut egui::Ui, step: &Step, number: Option<u32>) {
    let id = step.id;
    if step.kind.is_work_step() {
        ui.label(ed.t(S::Number));
        ui.horizontal(|ui| {
            if step.pinned_number.is_none() {
                // The number it has now, which one click keeps.
                let shown = number.map_or_else(|| "–".to_owned(), |n| n.to_string());
                ui.label(RichText::new(shown).strong());
            }
            let mut pinned = step.pinned_number.is_some();
            if ui.checkbox(&mut pinned, ed.t(S::Pinned)).changed() {
                let value = if pinned { number.or(Some(1)) } else { None };
                ed.edit(Edit::SetStep {
                    id,
                    field: StepField::PinnedNumber(value),
                });
            }
            if let Some(mut n) = step.pinned_number {
                let field = Id::unique(("pin", id));
                let r = ui.add(egui::DragValue::new(&mut n).range(1..=9999));
                if n != step.pinned_number.unwrap_or(n)
                    || (r.changed() && Some(n) != step.pinned_number)
                {
                    ed.typed(
                        field,
                        Edit::SetStep {
                            id,
                            field: StepField::PinnedNumber(Some(n)),
                        },
                    );
                }
                if r.drag_stopped() || r.lost_focus() {
                    ed.end_typing();
                }
            }
        });
        ui.add_space(4.0);
    }
}

/// The kind of box.
fn kind_field(ed: &mut Editor, ui: &mut egui::Ui, step: &Step) {
    let id = step.id;
    ui.label(ed.t(S::Kind));
    let mut kind = step.kind.clone();
    egui::ComboBox::from_id_salt(("kind", id))
        .selected_text(kind_name(ed, &kind))
        .show_ui(ui, |ui| {
            let exit = match &step.kind {
                StepKind::ProcessExit { .. } => step.kind.clone(),
                _ => StepKind::ProcessExit {
                    number: String::new(),
                    name: String::new(),
                },
            };
            for k in [
                StepKind::Process,
                StepKind::Decision,
                StepKind::Start,
                StepKind::End,
                StepKind::Document,
                exit,
                StepKind::Note,
            ] {
                let name = kind_name(ed, &k);
                ui.selectable_value(&mut kind, k, name);
            }
        });
    if kind != step.kind {
        ed.edit(Edit::SetStep {
            id,
            field: StepField::Kind(kind),
        });
    }
    ui.add_space(4.0);
}

/// The process an exit leads into (exits only).
fn exit_fields(ed: &mut Editor, app: &super::context::AppContext, ui: &mut egui::Ui, step: &Step) {
    let id = step.id;
    if let StepKind::ProcessExit { number: n, name } = &step.kind {
        ui.label(ed.t(S::ExitNumber));
        let name_now = name.clone();
        text_field(ed, ui, Id::unique(("exit-number", id)), n, false, |v| {
            Edit::SetStep {
                id,
                field: StepField::Kind(StepKind::ProcessExit {
                    number: v,
                    name: name_now,
                }),
            }
        });
        ui.add_space(4.0);
        ui.label(ed.t(S::ExitName));
        let number_now = n.clone();
        text_field(ed, ui, Id::unique(("exit-name", id)), name, false, |v| {
            Edit::SetStep {
                id,
                field: StepField::Kind(StepKind::ProcessExit {
                    number: number_now,
                    name: v,
                }),
            }
        });
        // One link per process the exit leads into.
        for target in super::canvas::targets_of(ed, app, id) {
            let label = super::canvas::target_label(ed, &target);
            if ui.button(label).on_hover_text("Ctrl+click").clicked() {
                ed.command(Command::OpenTarget(target.0));
            }
        }
        ui.add_space(4.0);
    }
}

/// Title, key points (要点) and outputs (输出).
fn text_fields(ed: &mut Editor, ui: &mut egui::Ui, step: &Step) {
    let id = step.id;
    ui.label(ed.t(S::Title));
    name_field(ed, ui, Id::unique(("title", id)), &step.title, true, |v| {
        Edit::SetStep {
            id,
            field: StepField::Title(v),
        }
    });
    ui.add_space(4.0);

    ui.label(ed.t(S::KeyPoints));
    text_field(
        ed,
        ui,
        Id::unique(("description", id)),
        &step.description,
        true,
        |v| Edit::SetStep {
            id,
            field: StepField::Description(v),
        },
    );
    ui.add_space(4.0);

    ui.label(ed.t(S::Outputs))
        .on_hover_text(ed.t(S::OutputsHint));
    let outputs = step.outputs.join("\n");
    text_field(ed, ui, Id::unique(("outputs", id)), &outputs, true, |v| {
        Edit::SetStep {
            id,
            field: StepField::Outputs(
                v.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
        }
    });
    ui.add_space(4.0);
}

/// The main step whose table row this step joins (work steps).
fn group_field(ed: &mut Editor, ui: &mut egui::Ui, step: &Step, head: Option<String>) {
    let id = step.id;
    if step.kind.is_work_step() {
        ui.label(ed.t(S::MainStep));
        let mut group = step.group;
        let none_text = ed.t(S::NoMainStep);
        egui::ComboBox::from_id_salt(("group", id))
            .selected_text(head.unwrap_or_else(|| none_text.to_owned()))
            .width(180.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut group, None, none_text);
                for h in ed.doc.process().steps.values() {
                    if is_head_for(h, id) {
                        ui.selectable_value(&mut group, Some(h.id), &h.title);
                    }
                }
            });
        if group != step.group {
            ed.edit(Edit::SetStep {
                id,
                field: StepField::Group(group),
            });
        }
        ui.add_space(4.0);
    }
}

/// The lane the step is in.
fn lane_field(
    ed: &mut Editor,
    ui: &mut egui::Ui,
    step: &Step,
    lanes: &[(crate::model::LaneId, String)],
) {
    let id = step.id;
    ui.label(ed.t(S::Lane));
    let mut lane = step.lane;
    let lane_name = lanes
        .iter()
        .find(|(l, _)| *l == lane)
        .map(|(_, n)| n.clone())
        .unwrap_or_default();
    egui::ComboBox::from_id_salt(("lane", id))
        .selected_text(lane_name)
        .show_ui(ui, |ui| {
            for (l, name) in lanes {
                ui.selectable_value(&mut lane, *l, name);
            }
        });
    if lane != step.lane {
        ed.edit(Edit::MoveStep {
            id,
            lane,
            phase: step.phase,
            at: step.at,
        });
    }
    ui.add_space(4.0);
}

/// Whether `head` can be the main step that step `id` merges into.
fn is_head_for(head: &Step, id: StepId) -> bool {
    head.id != id && head.group.is_none() && head.kind.is_work_step()
}

/// One row per lane with a toggle per letter of the process's scheme
/// (A E C I for AECI).
fn roles_grid(
    ed: &mut Editor,
    ui: &mut egui::Ui,
    step: &Step,
    lanes: &[(crate::model::LaneId, String)],
) {
    egui::Grid::new(("roles", step.id))
        .num_columns(5)
        .striped(true)
        .show(ui, |ui| {
            let letters = ed.doc.process().scheme.scheme().letter_roles();
            for (lane, name) in lanes {
                ui.label(name);
                let cell = role_cell(&step.roles, *lane);
                for &role in &letters {
                    let on = cell.contains(role);
                    let side = ui.spacing().interact_size.y;
                    let mut letter = [0; 4];
                    let letter = role.letter().encode_utf8(&mut letter);
                    let size = egui::vec2(side + 4.0, side);
                    let button = letters_cell(ui, size, letter, on).on_hover_ui(|ui| {
                        ui.label(format!("{name}: {}", role.letter()));
                    });
                    // Screen readers (and tests) hear the lane with the letter.
                    button.widget_info(|| {
                        let spoken = format!("{name}: {}", role.letter());
                        egui::WidgetInfo::selected(egui::Role::Button, true, on, spoken)
                    });
                    if button.clicked() {
                        let next: RoleSet = if on {
                            cell.without(role)
                        } else {
                            cell.with(role)
                        };
                        ed.edit(Edit::SetRole {
                            step: step.id,
                            lane: *lane,
                            roles: next,
                        });
                    }
                }
                ui.end_row();
            }
        });
}

fn connector_ui(ed: &mut Editor, ui: &mut egui::Ui, id: crate::model::ConnectorId) {
    let Some(c) = ed.doc.process().connectors.get(&id).cloned() else {
        return;
    };
    let title = |s: StepId, ed: &Editor| {
        ed.doc
            .process()
            .steps
            .get(&s)
            .map(|s| s.title.clone())
            .unwrap_or_default()
    };
    ui.heading(ed.t(S::ConnectorHeading));
    ui.vertical(|ui| {
        ui.label(ed.t(S::Label));
        let label = c.label.clone().unwrap_or_default();
        text_field(ed, ui, Id::unique(("label", id)), &label, false, |v| {
            Edit::SetConnectorLabel {
                id,
                label: (!v.trim().is_empty()).then(|| v.trim().to_owned()),
            }
        });
        ui.add_space(4.0);
        ui.label(ed.t(S::From));
        ui.label(title(c.from, ed));
        ui.add_space(4.0);
        ui.label(ed.t(S::To));
        ui.label(title(c.to, ed));
        ui.add_space(4.0);
    });
}

enum Band {
    Lane(crate::model::LaneId),
    Phase(crate::model::PhaseId),
}

fn band_ui(ed: &mut Editor, ui: &mut egui::Ui, band: Band) {
    let p = ed.doc.process();
    let (heading, name, size) = match band {
        Band::Lane(id) => match p.lane(id) {
            Some(l) => (S::LaneHeading, l.name.clone(), l.size),
            None => return,
        },
        Band::Phase(id) => match p.phase(id) {
            Some(ph) => (S::PhaseHeading, ph.name.clone(), ph.size),
            None => return,
        },
    };
    ui.heading(ed.t(heading));
    ui.vertical(|ui| {
        ui.label(ed.t(S::Name));
        match band {
            Band::Lane(id) => {
                name_field(ed, ui, Id::unique(("lane-name", id)), &name, false, |v| {
                    Edit::RenameLane { id, name: v }
                })
            }
            Band::Phase(id) => {
                name_field(ed, ui, Id::unique(("phase-name", id)), &name, false, |v| {
                    Edit::RenamePhase { id, name: v }
                })
            }
        }
        ui.add_space(4.0);
        ui.label(ed.t(S::Size));
        let mut value = size;
        let field = match band {
            Band::Lane(id) => Id::unique(("lane-size", id)),
            Band::Phase(id) => Id::unique(("phase-size", id)),
        };
        let r = ui.add(
            egui::DragValue::new(&mut value)
                .range(40.0..=4000.0)
                .speed(2.0),
        );
        if value != size {
            let edit = match band {
                Band::Lane(id) => Edit::ResizeLane { id, size: value },
                Band::Phase(id) => Edit::ResizePhase { id, size: value },
            };
            ed.typed(field, edit);
        }
        if r.drag_stopped() || r.lost_focus() {
            ed.end_typing();
        }
        ui.add_space(4.0);
    });
}
