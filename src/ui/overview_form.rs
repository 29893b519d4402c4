//! The 概要 form: every overview field, lists edited as lists, and a
//! button that fills the participants from the lanes.

use super::context::{AppContext, AppRequest, LibraryLinks};
use super::inspector::text_field;
use super::state::Editor;
use crate::model::{Edit, OverviewField};
use crate::text::S;
use egui::Id;

pub fn overview_fields(ed: &mut Editor, app: &mut AppContext, ui: &mut egui::Ui) {
    let o = ed.doc.process().overview.clone();
    if let Some(links) = &app.library {
        referenced_by(ed, ui, links, &o.number, &mut app.requests);
    }
    let lanes: Vec<String> = ed
        .doc
        .process()
        .lanes
        .iter()
        .map(|l| l.name.clone())
        .collect();
    ui.vertical(|ui| {
        let line = |ed: &mut Editor,
                    ui: &mut egui::Ui,
                    key: S,
                    value: &str,
                    multiline: bool,
                    make: fn(String) -> OverviewField| {
            let label = ui.label(egui::RichText::new(ed.t(key)).strong());
            // A screen reader names the field by the label above it.
            ui.label_inputs_by(label.id, |ui| {
                text_field(
                    ed,
                    ui,
                    Id::unique(("overview", key as u32)),
                    value,
                    multiline,
                    |v| Edit::SetOverview(make(v)),
                );
            });
            ui.add_space(6.0);
        };
        line(ed, ui, S::ProcessName, &o.name, false, OverviewField::Name);
        line(
            ed,
            ui,
            S::ProcessNumber,
            &o.number,
            false,
            OverviewField::Number,
        );
        line(
            ed,
            ui,
            S::Definition,
            &o.definition,
            true,
            OverviewField::Definition,
        );
        line(ed, ui, S::Purpose, &o.purpose, true, OverviewField::Purpose);

        let label = ui.label(egui::RichText::new(ed.t(S::ImplementationPoints)).strong());
        ui.label_inputs_by(label.id, |ui| {
            list_editor(
                ed,
                ui,
                "key-points",
                &o.key_points,
                OverviewField::KeyPoints,
            );
        });
        ui.add_space(6.0);

        let label = ui.label(egui::RichText::new(ed.t(S::Participants)).strong());
        ui.label_inputs_by(label.id, |ui| {
            text_field(
                ed,
                ui,
                Id::unique("participants"),
                &o.participants,
                true,
                |v| Edit::SetOverview(OverviewField::Participants(v)),
            );
            if ui.button(ed.t(S::FillFromLanes)).clicked() {
                let joined = lanes.join("、");
                ed.edit(Edit::SetOverview(OverviewField::Participants(joined)));
            }
        });
        ui.add_space(6.0);

        line(ed, ui, S::Cycle, &o.cycle, false, OverviewField::Cycle);

        let label = ui.label(egui::RichText::new(ed.t(S::RelatedProcesses)).strong());
        ui.label_inputs_by(label.id, |ui| {
            list_editor(
                ed,
                ui,
                "related-processes",
                &o.related_processes,
                OverviewField::RelatedProcesses,
            );
        });
        if let Some(links) = &app.library {
            related_from_library(ed, ui, links, &o.related_processes);
        }
        ui.add_space(6.0);

        let label = ui.label(egui::RichText::new(ed.t(S::RelatedDocuments)).strong());
        ui.label_inputs_by(label.id, |ui| {
            list_editor(
                ed,
                ui,
                "related-documents",
                &o.related_documents,
                OverviewField::RelatedDocuments,
            );
        });
        ui.add_space(6.0);

        line(ed, ui, S::Owner, &o.owner, false, OverviewField::Owner);
    });
}

/// A menu of the library's processes; the one picked joins 相关流程.
fn related_from_library(
    ed: &mut Editor,
    ui: &mut egui::Ui,
    links: &LibraryLinks,
    related: &[String],
) {
    let mut picked = None;
    egui::ComboBox::from_id_salt("related-from-library")
        .selected_text(ed.t(S::PickFromLibrary))
        .show_ui(ui, |ui| {
            for (number, name) in &links.entries {
                let text = format!("{number} {name}");
                if ui.selectable_label(false, &text).clicked() {
                    picked = Some(text);
                }
            }
        });
    if let Some(text) = picked
        && !related.contains(&text)
    {
        let mut next = related.to_vec();
        next.push(text);
        ed.edit(Edit::SetOverview(OverviewField::RelatedProcesses(next)));
    }
}

/// The processes whose exits lead into this one, each one click away.
fn referenced_by(
    ed: &Editor,
    ui: &mut egui::Ui,
    links: &LibraryLinks,
    number: &str,
    requests: &mut Vec<AppRequest>,
) {
    let key = crate::library::number_key(number);
    let Some(from) = links.referenced_by.get(key).filter(|_| !key.is_empty()) else {
        return;
    };
    ui.label(egui::RichText::new(ed.t(S::ReferencedBy)).strong());
    for (number, name) in from {
        if ui.link(format!("{number} {name}")).clicked() {
            requests.push(AppRequest::OpenLinked(number.clone()));
        }
    }
    ui.add_space(6.0);
}

/// One text line per item, with buttons to move it up or down or remove
/// it, and one to add a line.
fn list_editor(
    ed: &mut Editor,
    ui: &mut egui::Ui,
    name: &str,
    items: &[String],
    make: fn(Vec<String>) -> OverviewField,
) {
    ui.vertical(|ui| {
        for (i, item) in items.iter().enumerate() {
            // Buttons from the right, then the line takes what is left, so
            // the row never asks for more width than the panel has.
            let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
            ui.allocate_ui_with_layout(
                row,
                egui::Layout::right_to_left(egui::Align::Center),
                |ui| {
                    if ui.small_button("×").clicked() {
                        let mut next = items.to_vec();
                        next.remove(i);
                        ed.edit(Edit::SetOverview(make(next)));
                    }
                    if ui.small_button("↓").clicked() && i + 1 < items.len() {
                        let mut next = items.to_vec();
                        next.swap(i, i + 1);
                        ed.edit(Edit::SetOverview(make(next)));
                    }
                    if ui.small_button("↑").clicked() && i > 0 {
                        let mut next = items.to_vec();
                        next.swap(i, i - 1);
                        ed.edit(Edit::SetOverview(make(next)));
                    }
                    let id = Id::unique((name, i));
                    let mut buffer = item.clone();
                    let r = ui.add(
                        egui::TextEdit::singleline(&mut buffer)
                            .id(id)
                            .desired_width(ui.available_width()),
                    );
                    if buffer != *item {
                        let mut next = items.to_vec();
                        next[i] = buffer;
                        ed.typed(id, Edit::SetOverview(make(next)));
                    }
                    if r.lost_focus() {
                        ed.end_typing();
                    }
                },
            );
        }
        if ui.small_button(format!("+ {}", ed.t(S::AddLine))).clicked() {
            let mut next = items.to_vec();
            next.push(String::new());
            ed.edit(Edit::SetOverview(make(next)));
        }
    });
}
