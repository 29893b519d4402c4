//! The conflicts a merge left, beside the chart: each with what the base,
//! ours and theirs hold, and a choice — ours, theirs, or what the process
//! holds now after editing it by hand. Each choice is one undoable edit;
//! the steps concerned are outlined on the chart.

use super::paint::ViewTransform;
use super::state::{Editor, Selection};
use crate::layout::ChartLayout;
use crate::model::conflict::{Side, Subject};
use crate::model::{Edit, Process, StepId};
use crate::text::{S, conflict_words, field_words, fill, subject_words, value_words};
use egui::{Color32, RichText};

/// The colour of a step with a conflict.
pub const CONFLICT: Color32 = Color32::from_rgb(0xc0, 0x26, 0xd3);

/// What a person chose for one conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Choice {
    Take(Side),
    /// Keep what the process holds now (ours, or what was typed since).
    KeepAsIs,
}

/// The panel; shown while the process has conflicts.
pub fn conflicts_ui(ed: &mut Editor, ui: &mut egui::Ui) {
    let lang = ed.lang;
    let process = ed.doc.process();
    let n = process.conflicts.len();
    ui.heading(fill(lang, S::ConflictsHeading, &[("n", &n)]));
    ui.label(RichText::new(ed.t(S::ConflictsHint)).weak());
    ui.separator();
    let mut chosen = None;
    let mut select = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (i, c) in process.conflicts.iter().enumerate() {
            ui.push_id(i, |ui| {
                let heading = format!(
                    "{}{}",
                    subject_words(process, c, lang),
                    field_words(process, c.field, lang)
                );
                if ui
                    .selectable_label(false, RichText::new(heading).strong())
                    .clicked()
                {
                    select = Some(c.subject);
                }
                egui::Grid::new("sides").num_columns(2).show(ui, |ui| {
                    for (key, value) in [
                        (S::ConflictOurs, &c.ours),
                        (S::ConflictTheirs, &c.theirs),
                        (S::ConflictBase, &c.base),
                    ] {
                        ui.label(RichText::new(crate::text::tr(lang, key)).weak());
                        ui.label(value_words(process, value, lang));
                        ui.end_row();
                    }
                });
                ui.horizontal(|ui| {
                    for (key, choice) in [
                        (S::ConflictUseOurs, Choice::Take(Side::Ours)),
                        (S::ConflictUseTheirs, Choice::Take(Side::Theirs)),
                        (S::ConflictKeepAsIs, Choice::KeepAsIs),
                    ] {
                        let button = ui.button(crate::text::tr(lang, key));
                        if button.clicked() {
                            chosen = Some((i, choice));
                        }
                        button.on_hover_text(conflict_words(process, c, lang));
                    }
                });
                ui.separator();
            });
        }
    });
    if let Some(subject) = select {
        select_subject(ed, subject);
    }
    if let Some((i, choice)) = chosen {
        resolve(ed, i, choice);
    }
}

/// One undoable edit: the field given the side's value (unless kept as it
/// is), and the conflict gone from the list.
fn resolve(ed: &mut Editor, index: usize, choice: Choice) {
    let process = ed.doc.process();
    let Some(conflict) = process.conflicts.get(index) else {
        return;
    };
    let mut edits = match choice {
        Choice::Take(side) => conflict.edits_for(process, side),
        Choice::KeepAsIs => Vec::new(),
    };
    let mut left = process.conflicts.clone();
    left.remove(index);
    edits.push(Edit::SetConflicts(left));
    ed.edit(Edit::Batch(edits));
}

fn select_subject(ed: &mut Editor, subject: Subject) {
    ed.selection = match subject {
        Subject::Step(id) if ed.doc.process().steps.contains_key(&id) => Selection::only_step(id),
        Subject::Lane(id) => Selection {
            lane: Some(id),
            ..Selection::default()
        },
        Subject::Connector(id) => Selection {
            connectors: [id].into(),
            ..Selection::default()
        },
        _ => return,
    };
}

/// The steps a conflict is about, outlined on the chart.
pub fn paint_conflicts(
    painter: &egui::Painter,
    process: &Process,
    layout: &ChartLayout,
    view: ViewTransform,
) {
    let steps: std::collections::BTreeSet<StepId> = process
        .conflicts
        .iter()
        .filter_map(|c| match c.subject {
            Subject::Step(id) => Some(id),
            _ => None,
        })
        .collect();
    for rect in steps.iter().filter_map(|id| layout.boxes.get(id)) {
        let r = view.rect_to_screen(rect).expand(4.0);
        painter.rect_stroke(r, 4.0, (3.0, CONFLICT), egui::StrokeKind::Outside);
    }
}
