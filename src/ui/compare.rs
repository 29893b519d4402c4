//! The compare view: the open document against another version of it (the
//! saved file, the `.bak` kept before the last save, or any file Flowcase
//! reads). The changes are listed beside the chart (each entry selects its
//! step), added and changed steps are outlined in colour, removed ones
//! drawn as ghosts in their lane as the chart is now, and changed table
//! cells marked with their older letters. Ending it returns to editing.

use super::paint::ViewTransform;
use super::state::{Editor, Selection, Tab};
use crate::layout::{ChartLayout, Rect, layout_chart};
use crate::model::{
    Carried, Change, DiffMarks, Orientation, PhaseId, Process, ProcessDiff, Step, StepId,
    diff_carried,
};
use crate::text::S;
use egui::{Color32, Pos2, Stroke};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub const ADDED: Color32 = Color32::from_rgb(0x16, 0xa3, 0x4a);
pub const CHANGED: Color32 = Color32::from_rgb(0xd9, 0x77, 0x06);
pub const REMOVED: Color32 = Color32::from_rgb(0xdc, 0x26, 0x26);

/// What the open document is compared with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Against {
    Saved,
    /// The `.bak` kept beside the file at its last save.
    Backup(PathBuf),
    File(PathBuf),
}

/// The version the open document is compared with, what its file could
/// hold, where its chart drew its boxes, and the changes as of the document
/// revision they were worked out for (a frame works them out again only
/// after an edit).
#[derive(Clone, Debug)]
pub struct Comparison {
    old: Process,
    pub against: Against,
    carried: Carried,
    /// The older version's chart: a removed step's ghost has the size and
    /// the place within its lane and phase that its box had there.
    old_chart: ChartLayout,
    changes: Option<(u64, ProcessDiff)>,
    /// How each lane's load and the hand-offs changed, as of the same
    /// revision.
    design: Vec<crate::library::DesignChange>,
    /// The view before comparing began, given back when it ends.
    pub view_before: Option<super::state::Camera>,
}

impl Comparison {
    pub fn new(old: Process, against: Against, carried: Carried) -> Comparison {
        let mut old_chart = layout_chart(&old);
        // Only the geometry is needed.
        old_chart.scene = crate::layout::Scene::default();
        old_chart.item_bounds = Vec::new();
        Comparison {
            old,
            against,
            carried,
            old_chart,
            changes: None,
            design: Vec::new(),
            view_before: None,
        }
    }

    /// Works the changes out again if the document changed since.
    pub fn refresh(&mut self, revision: u64, process: &Process) {
        if self.changes.as_ref().is_none_or(|(r, _)| *r != revision) {
            let d = diff_carried(&self.old, process, self.carried);
            self.changes = Some((revision, d));
            self.design = crate::library::design_changes(&self.old, process);
        }
    }

    /// The changes, once worked out.
    pub fn changes(&self) -> Option<&ProcessDiff> {
        self.changes.as_ref().map(|(_, d)| d)
    }
}

/// Starts comparing with `old`; the chart is shown.
pub fn start_comparing(ed: &mut Editor, old: Process, against: Against, carried: Carried) {
    ed.end_typing();
    // The view from before the first comparison is the one given back.
    let before = match &ed.compare {
        Some(cmp) => cmp.view_before,
        None => Some(ed.camera),
    };
    let mut cmp = Comparison::new(old, against, carried);
    cmp.view_before = before;
    ed.compare = Some(cmp);
    ed.tab = Tab::Chart;
    // The whole chart in view, so every change marked on it is seen.
    ed.camera.fit_requested = true;
}

/// Ends comparing and gives back the view from before it began.
pub fn end_comparing(ed: &mut Editor) {
    if let Some(view) = ed.compare.take().and_then(|c| c.view_before) {
        ed.camera = view;
    }
}

/// The document was saved: a comparison with the saved version now
/// compares with what was just written.
pub fn document_saved(ed: &mut Editor) {
    if ed
        .compare
        .as_ref()
        .is_some_and(|c| c.against == Against::Saved)
    {
        let now = ed.doc.process().clone();
        ed.compare = Some(Comparison::new(now, Against::Saved, Carried::ALL));
    }
}

/// Starts comparing with the saved file; says why not when it cannot.
pub fn compare_with_saved(ed: &mut Editor) {
    let Some(path) = ed.doc.path.clone() else {
        return;
    };
    match crate::format::load(&path) {
        Ok(old) => start_comparing(ed, old, Against::Saved, Carried::ALL),
        Err(e) => ed.message = Some(e.message(ed.lang)),
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
        Ok(old) => start_comparing(ed, old, Against::Backup(bak), Carried::ALL),
        Err(e) => ed.message = Some(e.message(ed.lang)),
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
        end_comparing(ed);
        return;
    }
    legend(ed, ui);
    ui.separator();
    // Taken out while the list reads the editor, put back after.
    let Some(d) = ed.compare.as_mut().and_then(|c| c.changes.take()) else {
        return;
    };
    let design = ed
        .compare
        .as_ref()
        .map(|c| c.design.clone())
        .unwrap_or_default();
    changes_list(ed, &d.1, &design, ui);
    if let Some(cmp) = &mut ed.compare {
        cmp.changes = Some(d);
    }
}

fn legend(ed: &Editor, ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        for (color, key) in [
            (ADDED, S::CompareLegendAdded),
            (CHANGED, S::CompareLegendChanged),
            (REMOVED, S::CompareLegendRemoved),
        ] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 10.0), egui::Sense::hover());
            ui.painter()
                .rect_stroke(rect, 2.0, (2.0, color), egui::StrokeKind::Inside);
            ui.label(ed.t(key));
        }
    });
}

fn changes_list(
    ed: &mut Editor,
    d: &ProcessDiff,
    design: &[crate::library::DesignChange],
    ui: &mut egui::Ui,
) {
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
        if !design.is_empty() {
            ui.separator();
            ui.strong(ed.t(S::DiffDesign));
            for change in design {
                ui.label(change.words(lang));
            }
        }
    });
    if let Some(id) = pick {
        ed.selection = Selection::only_step(id);
        // The chart scrolls to it (the table scrolls to a new selection).
        let target = ed.doc.derived().layout.boxes.get(&id).copied();
        if let (Some(canvas), Some(target)) = (ed.canvas.rect, target) {
            super::canvas::scroll_into_view(&mut ed.camera, canvas, &target);
        }
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
                ui.colored_label(REMOVED, s.lost_words());
                ui.end_row();
            }
        });
}

/// Draws the changes over the chart: removed steps and connectors as
/// ghosts where they would stand now, added steps outlined in green,
/// changed ones in amber, new connectors green and relabelled ones amber.
pub fn paint_changes(
    painter: &egui::Painter,
    cmp: &Comparison,
    layout: &ChartLayout,
    orientation: Orientation,
    view: ViewTransform,
) {
    let Some(d) = cmp.changes() else {
        return;
    };
    let marks = &d.marks;
    let ghosts = ghost_boxes(cmp, marks, layout, orientation);
    paint_removed_connectors(painter, cmp, marks, layout, &ghosts, view);
    for (id, rect) in &ghosts {
        if let Some(step) = cmp.old.steps.get(id) {
            paint_ghost(painter, step, view.rect_to_screen(rect), view.zoom);
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
    let route = |ids: &std::collections::BTreeSet<_>, color: Color32| {
        for route in ids.iter().filter_map(|id| layout.routes.get(id)) {
            let points: Vec<Pos2> = route.iter().map(|p| view.to_screen(*p)).collect();
            painter.add(egui::Shape::line(points, (2.5, color)));
        }
    };
    route(&marks.connectors_added, ADDED);
    route(&marks.relabelled, CHANGED);
}

/// Where each removed step would stand in the chart as it is now: in the
/// lane and phase it was in, where its box was drawn within them, with the
/// size it had. A step whose lane is gone too has no place.
fn ghost_boxes(
    cmp: &Comparison,
    marks: &DiffMarks,
    layout: &ChartLayout,
    orientation: Orientation,
) -> BTreeMap<StepId, Rect> {
    let old = &cmp.old_chart;
    let then = crate::layout::Frame {
        orientation: cmp.old.orientation,
        label: 0.0,
    };
    let now = crate::layout::Frame {
        orientation,
        label: 0.0,
    };
    let lane_band = |l: &ChartLayout, id| l.lanes.iter().find(|b| b.id == id).map(|b| b.rect);
    // Where a step's phase (or, without one, the content) starts along.
    let phase_start = |l: &ChartLayout, id: Option<PhaseId>, frame: &crate::layout::Frame| {
        let band = id.and_then(|id| l.phases.iter().find(|b| b.id == id));
        frame.along(band.map_or(l.content, |b| b.rect).min)
    };
    let mut ghosts = BTreeMap::new();
    for id in &marks.removed {
        let (Some(step), Some(drawn)) = (cmp.old.steps.get(id), old.boxes.get(id)) else {
            continue;
        };
        let (Some(lane_then), Some(lane_now)) = (
            lane_band(old, step.lane),
            marks
                .lanes
                .get(&step.lane)
                .and_then(|l| lane_band(layout, *l)),
        ) else {
            continue;
        };
        let start_then = phase_start(old, step.phase, &then);
        let phase_now = step.phase.and_then(|p| marks.phases.get(&p).copied());
        let start_now = phase_start(layout, phase_now, &now);
        let at = then.place_in(drawn.center(), &lane_then, start_then);
        let center = now.point(at, &lane_now, start_now);
        ghosts.insert(
            *id,
            Rect::from_center_size(center, drawn.width(), drawn.height()),
        );
    }
    ghosts
}

/// A removed step: a faint red box with a dashed border and its title.
fn paint_ghost(painter: &egui::Painter, step: &Step, rect: egui::Rect, zoom: f32) {
    painter.rect_filled(rect, 4.0 * zoom, REMOVED.gamma_multiply(0.12));
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    let dash = (5.0 * zoom).max(2.0);
    painter.extend(egui::Shape::dashed_line(
        &corners,
        Stroke::new(1.5, REMOVED),
        dash,
        dash * 0.7,
    ));
    let size = 11.0 * zoom;
    if size >= 3.5 {
        let font = egui::FontId::proportional(size);
        let galley = painter.layout(
            step.title.clone(),
            font,
            REMOVED,
            (rect.width() - 8.0 * zoom).max(1.0),
        );
        let at = rect.center() - galley.size() / 2.0;
        painter.with_clip_rect(rect).galley(at, galley, REMOVED);
    }
}

/// Removed connectors as dashed red arrows between the boxes (or ghosts)
/// of their ends as they stand now.
fn paint_removed_connectors(
    painter: &egui::Painter,
    cmp: &Comparison,
    marks: &DiffMarks,
    layout: &ChartLayout,
    ghosts: &BTreeMap<StepId, Rect>,
    view: ViewTransform,
) {
    let box_of = |old: StepId| -> Option<Rect> {
        ghosts.get(&old).copied().or_else(|| {
            let now = marks.steps.get(&old)?;
            layout.boxes.get(now).copied()
        })
    };
    for id in &marks.connectors_removed {
        let Some(c) = cmp.old.connectors.get(id) else {
            continue;
        };
        let (Some(a), Some(b)) = (box_of(c.from), box_of(c.to)) else {
            continue;
        };
        let (a, b) = (view.rect_to_screen(&a), view.rect_to_screen(&b));
        let start = border_towards(a, b.center());
        let end = border_towards(b, a.center());
        let dash = (5.0 * view.zoom).max(2.0);
        let stroke = Stroke::new(1.5, REMOVED);
        painter.extend(egui::Shape::dashed_line(
            &[start, end],
            stroke,
            dash,
            dash * 0.7,
        ));
        arrowhead(painter, start, end, (6.0 * view.zoom).max(3.0), REMOVED);
    }
}

/// Where the line from `rect`'s centre towards `target` leaves `rect`.
fn border_towards(rect: egui::Rect, target: Pos2) -> Pos2 {
    let c = rect.center();
    let d = target - c;
    let scale = |half: f32, v: f32| {
        if v.abs() > f32::EPSILON {
            half / v.abs()
        } else {
            f32::INFINITY
        }
    };
    let s = scale(rect.width() / 2.0, d.x)
        .min(scale(rect.height() / 2.0, d.y))
        .min(1.0);
    c + d * s
}

/// A filled arrowhead at `tip`, pointing away from `from`.
fn arrowhead(painter: &egui::Painter, from: Pos2, tip: Pos2, size: f32, color: Color32) {
    let dir = (tip - from).normalized();
    if !dir.x.is_finite() || !dir.y.is_finite() {
        return;
    }
    let side = egui::vec2(-dir.y, dir.x) * size * 0.5;
    let back = tip - dir * size;
    painter.add(egui::Shape::convex_polygon(
        vec![tip, back + side, back - side],
        color,
        Stroke::NONE,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Lane, LaneId, apply};

    /// A removed step's ghost stands in its lane as the chart is now, at
    /// the place it had there, though a lane was added above it.
    #[test]
    fn a_ghost_stands_in_its_lane_of_the_chart_as_it_is_now() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples/sales-1.9-key-customer-development.ron");
        let Ok(old) = crate::format::load(&path) else {
            panic!("the 1.9 sample loads");
        };
        let mut now = old.clone();
        let Some(gone) = old.steps.values().find(|s| s.kind.is_work_step()) else {
            panic!("the sample has steps");
        };
        let lane = Lane {
            id: LaneId(99),
            name: "新部门".into(),
            size: 160.0,
        };
        let edits = [Edit::RemoveStep(gone.id), Edit::AddLane { index: 0, lane }];
        for edit in edits {
            assert!(apply(&mut now, edit).is_ok());
        }
        let mut cmp = Comparison::new(old.clone(), Against::Saved, Carried::ALL);
        cmp.refresh(1, &now);
        let (Some(d), layout) = (cmp.changes(), layout_chart(&now)) else {
            panic!("worked out");
        };
        let ghosts = ghost_boxes(&cmp, &d.marks, &layout, now.orientation);
        let ghost = ghosts[&gone.id];
        let band = |l: &ChartLayout| l.lanes.iter().find(|b| b.id == gone.lane).map(|b| b.rect);
        let (Some(band_now), Some(band_then)) = (band(&layout), band(&layout_chart(&old))) else {
            panic!("the lane is drawn");
        };
        assert!(band_now.contains(ghost.center()), "in its lane");
        let then = layout_chart(&old).boxes[&gone.id];
        assert_eq!(
            (ghost.width(), ghost.height()),
            (then.width(), then.height())
        );
        let offset = |r: &Rect, b: &Rect| (r.center().x - b.min.x, r.center().y - b.min.y);
        let (a, b) = (offset(&ghost, &band_now), offset(&then, &band_then));
        assert!(
            (a.0 - b.0).abs() < 1.0 && (a.1 - b.1).abs() < 1.0,
            "{a:?} {b:?}"
        );
    }
}
