//! The compare view: the open document against another version of it (the
//! saved file, the `.bak` kept before the last save, or any file Flowcase
//! reads). The changes are listed beside the chart (each entry selects its
//! step), added and changed steps are outlined in colour, removed ones
//! drawn as ghosts where they were, and changed table cells marked with
//! their older letters. Ending it returns to editing.

use super::paint::{ViewTransform, paint_shape};
use super::state::{Editor, Selection, Tab};
use super::strings::S;
use crate::layout::{ChartLayout, Color, Scene, Shape, Source, Stroke, layout_chart};
use crate::model::{Change, Process, ProcessDiff, StepId, diff};
use egui::Color32;
use std::path::PathBuf;

pub const ADDED: Color32 = Color32::from_rgb(0x16, 0xa3, 0x4a);
pub const CHANGED: Color32 = Color32::from_rgb(0xd9, 0x77, 0x06);
const REMOVED: Color = Color {
    r: 0xdc,
    g: 0x26,
    b: 0x26,
    a: 0xff,
};

/// What the open document is compared with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Against {
    Saved,
    /// The `.bak` kept beside the file at its last save.
    Backup(PathBuf),
    File(PathBuf),
}

/// The version the open document is compared with, its chart, and the
/// changes as of the document revision they were worked out for (a frame
/// works them out again only after an edit).
#[derive(Clone, Debug)]
pub struct Comparison {
    old: Process,
    pub against: Against,
    /// The older version's chart: removed steps are drawn from it.
    old_scene: Scene,
    changes: Option<(u64, ProcessDiff)>,
}

impl Comparison {
    pub fn new(old: Process, against: Against) -> Comparison {
        let old_scene = layout_chart(&old).scene;
        Comparison {
            old,
            against,
            old_scene,
            changes: None,
        }
    }

    /// Works the changes out again if the document changed since.
    pub fn refresh(&mut self, revision: u64, process: &Process) {
        if self.changes.as_ref().is_none_or(|(r, _)| *r != revision) {
            self.changes = Some((revision, diff(&self.old, process)));
        }
    }

    /// The changes, once worked out.
    pub fn changes(&self) -> Option<&ProcessDiff> {
        self.changes.as_ref().map(|(_, d)| d)
    }
}

/// Starts comparing with `old`; the chart is shown.
pub fn start_comparing(ed: &mut Editor, old: Process, against: Against) {
    ed.end_typing();
    ed.compare = Some(Comparison::new(old, against));
    ed.tab = Tab::Chart;
}

/// Starts comparing with the saved file; says why not when it cannot.
pub fn compare_with_saved(ed: &mut Editor) {
    let Some(path) = ed.doc.path.clone() else {
        return;
    };
    match crate::format::load(&path) {
        Ok(old) => start_comparing(ed, old, Against::Saved),
        Err(e) => ed.message = Some(e.to_string()),
    }
}

/// The `.bak` kept beside the document's file, when there is one.
pub fn backup_of(ed: &Editor) -> Option<PathBuf> {
    let path = ed.doc.path.as_ref()?;
    Some(crate::format::backup_path(path)).filter(|b| b.is_file())
}

/// Starts comparing with the `.bak` beside the file.
pub fn compare_with_backup(ed: &mut Editor) {
    let Some(bak) = backup_of(ed) else {
        return;
    };
    match crate::format::load(&bak) {
        Ok(old) => start_comparing(ed, old, Against::Backup(bak)),
        Err(e) => ed.message = Some(e.to_string()),
    }
}

/// The step a change is about, in the open version (removed steps have
/// none).
fn step_of(change: &Change) -> Option<StepId> {
    match change {
        Change::StepAdded { step, .. }
        | Change::Retitled { step, .. }
        | Change::Rekinded { step, .. }
        | Change::MovedLane { step, .. }
        | Change::MovedPhase { step, .. }
        | Change::Moved { step }
        | Change::Renumbered { step, .. }
        | Change::KeyPoints { step, .. }
        | Change::Outputs { step, .. }
        | Change::Roles { step, .. } => Some(step.id),
        Change::ConnectorAdded { from, .. } | Change::Relabelled { from, .. } => Some(from.id),
        _ => None,
    }
}

/// The compare panel: what the document is compared with, the colours'
/// meaning, and the list of changes; a click on one selects its step.
pub fn compare_ui(ed: &mut Editor, ui: &mut egui::Ui) {
    let Some(cmp) = &ed.compare else {
        return;
    };
    let what = match &cmp.against {
        Against::Saved => ed.t(S::CompareWhatSaved).to_owned(),
        Against::Backup(path) | Against::File(path) => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    ui.heading(crate::text::fill(
        ed.lang,
        S::CompareHeading,
        &[("what", &what)],
    ));
    if ui.button(ed.t(S::CompareEnd)).clicked() {
        ed.compare = None;
        return;
    }
    legend(ed, ui);
    ui.separator();
    // Taken out while the list reads the editor, put back after.
    let Some(d) = ed.compare.as_mut().and_then(|c| c.changes.take()) else {
        return;
    };
    changes_list(ed, &d.1, ui);
    if let Some(cmp) = &mut ed.compare {
        cmp.changes = Some(d);
    }
}

fn legend(ed: &Editor, ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        let removed = color32(REMOVED);
        for (color, key) in [
            (ADDED, S::CompareLegendAdded),
            (CHANGED, S::CompareLegendChanged),
            (removed, S::CompareLegendRemoved),
        ] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 10.0), egui::Sense::hover());
            ui.painter()
                .rect_stroke(rect, 2.0, (2.0, color), egui::StrokeKind::Inside);
            ui.label(ed.t(key));
        }
    });
}

fn changes_list(ed: &mut Editor, d: &ProcessDiff, ui: &mut egui::Ui) {
    let lang = ed.lang;
    if d.is_empty() {
        ui.label(ed.t(S::DiffSame));
        return;
    }
    let mut pick = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        for change in &d.changes {
            let target = step_of(change).filter(|id| ed.doc.process().steps.contains_key(id));
            let selected = target.is_some_and(|id| ed.selection.steps.contains(&id));
            if ui.selectable_label(selected, change.words(lang)).clicked() {
                pick = target;
            }
        }
        if d.departments.iter().any(|s| s.words().is_some()) {
            ui.separator();
            ui.strong(ed.t(S::DiffDepartments));
            department_grid(ed, d, ui);
        }
    });
    if let Some(id) = pick {
        ed.selection = Selection::only_step(id);
    }
}

/// Each department's letters gained and lost, in columns.
fn department_grid(ed: &Editor, d: &ProcessDiff, ui: &mut egui::Ui) {
    egui::Grid::new("compare-departments")
        .striped(true)
        .show(ui, |ui| {
            for key in [S::DiffDepartment, S::DiffGained, S::DiffLost] {
                ui.strong(ed.t(key));
            }
            ui.end_row();
            for s in d.departments.iter().filter(|s| s.words().is_some()) {
                ui.label(&s.lane);
                ui.colored_label(ADDED, s.gained_words());
                ui.colored_label(color32(REMOVED), s.lost_words());
                ui.end_row();
            }
        });
}

fn color32(c: Color) -> Color32 {
    super::paint::color32(c)
}

/// Draws the changes over the chart: removed steps and connectors as
/// ghosts where the older chart had them, added ones outlined in green,
/// changed ones in amber.
pub fn paint_changes(
    painter: &egui::Painter,
    cmp: &Comparison,
    layout: &ChartLayout,
    view: ViewTransform,
) {
    let Some(d) = cmp.changes() else {
        return;
    };
    let marks = &d.marks;
    for item in &cmp.old_scene.items {
        let removed = match item.source {
            Some(Source::Step(id)) => marks.removed.contains(&id),
            Some(Source::Connector(id)) => marks.connectors_removed.contains(&id),
            _ => false,
        };
        if removed {
            paint_shape(painter, &ghost(&item.shape), view);
        }
    }
    let outline = |ids: &std::collections::BTreeSet<StepId>, color: Color32| {
        for rect in ids.iter().filter_map(|id| layout.boxes.get(id)) {
            let r = view.rect_to_screen(rect).expand(3.0);
            painter.rect_stroke(r, 4.0, (2.5, color), egui::StrokeKind::Outside);
        }
    };
    outline(&marks.added, ADDED);
    outline(&marks.changed, CHANGED);
    for (id, route) in &layout.routes {
        if marks.connectors.contains(id) {
            let points: Vec<egui::Pos2> = route.iter().map(|p| view.to_screen(*p)).collect();
            painter.add(egui::Shape::line(points, (2.5, ADDED)));
        }
    }
}

/// A shape of the older chart as a ghost: faint red, dashed outline.
fn ghost(shape: &Shape) -> Shape {
    let faint = Color { a: 0x24, ..REMOVED };
    let line = |s: &Stroke| Stroke {
        width: s.width.max(1.0),
        color: Color { a: 0xc0, ..REMOVED },
        dash: Some(4.0),
    };
    let mut shape = shape.clone();
    match &mut shape {
        Shape::Rect { fill, stroke, .. }
        | Shape::Polygon { fill, stroke, .. }
        | Shape::Circle { fill, stroke, .. } => {
            *fill = fill.map(|_| faint);
            *stroke = stroke.as_ref().map(line);
        }
        Shape::Polyline { stroke, .. } => *stroke = line(stroke),
        Shape::Text { color, .. } => *color = Color { a: 0xb0, ..REMOVED },
    }
    shape
}
