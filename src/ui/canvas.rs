//! The chart canvas: paints the layout's scene under the camera and turns
//! pointer and keyboard input into selection, camera moves and edits.

use super::paint::{ViewTransform, paint_scene};
use super::state::{Camera, Editor, MAX_ZOOM, MIN_ZOOM, Selection, Tool};
use super::strings::{S, tr};
use crate::document::Derived;
use crate::lang::Lang;
use crate::layout::{ChartLayout, Point, Rect, Source, hit_test};
use crate::model::{
    Connector, ConnectorId, Edit, FlowPoint, LaneId, Orientation, PhaseId, Process, Step,
    StepField, StepId, StepKind, Subject,
};
use egui::{Color32, CursorIcon, Pos2, Sense, Stroke, Vec2};

/// Grid that moved boxes snap to, in chart units.
pub const GRID: f32 = 10.0;
/// Radius of the connect handles, in screen pixels.
const HANDLE: f32 = 5.0;
const SELECT_COLOR: Color32 = Color32::from_rgb(0x25, 0x63, 0xeb);

/// Canvas state that lives between frames.
#[derive(Default)]
pub struct CanvasState {
    drag: Drag,
    pub inline: Option<InlineEdit>,
    /// What the open context menu is about, and where it opened.
    context: Option<(Option<Source>, Point)>,
    /// Bounds of the scene's items, for culling, and the revision they are of.
    bounds: Option<(u64, Vec<Rect>)>,
    /// The canvas's screen rectangle this frame and the one before.
    pub rect: Option<egui::Rect>,
    rect_before: Option<egui::Rect>,
}

/// An edit box over the canvas.
pub struct InlineEdit {
    pub target: InlineTarget,
    pub buffer: String,
    focus_requested: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InlineTarget {
    StepTitle(StepId),
    ConnectorLabel(ConnectorId),
    LaneName(LaneId),
    PhaseName(PhaseId),
}

impl InlineTarget {
    pub fn field_id(self) -> egui::Id {
        egui::Id::unique(("inline", format!("{self:?}")))
    }
}

#[derive(Default)]
enum Drag {
    #[default]
    None,
    Move {
        anchor: Point,
        starts: Vec<(StepId, Point)>,
        bands: Bands,
    },
    Rubber {
        start: Point,
    },
    Connect {
        from: StepId,
    },
    Pan,
    LaneOrder {
        lane: LaneId,
    },
    PhaseOrder {
        phase: PhaseId,
    },
    LaneSize {
        lane: LaneId,
        size: f32,
        anchor: Point,
    },
    PhaseSize {
        phase: PhaseId,
        size: f32,
        anchor: Point,
    },
}

/// The lane and phase bands at the start of a drag, to place dropped steps.
#[derive(Clone, Debug)]
pub struct Bands {
    vertical: bool,
    lanes: Vec<(LaneId, Rect)>,
    phases: Vec<(PhaseId, Rect)>,
    content: Rect,
}

impl Bands {
    pub fn of(layout: &ChartLayout, orientation: Orientation) -> Bands {
        Bands {
            vertical: orientation == Orientation::Vertical,
            lanes: layout.lanes.iter().map(|b| (b.id, b.rect)).collect(),
            phases: layout.phases.iter().map(|b| (b.id, b.rect)).collect(),
            content: layout.content,
        }
    }

    /// The lane, phase and model position of a box centred at `c`.
    pub fn locate(&self, c: Point) -> Option<(LaneId, Option<PhaseId>, FlowPoint)> {
        let (across, along) = if self.vertical {
            (c.x, c.y)
        } else {
            (c.y, c.x)
        };
        let span = |r: &Rect, vertical_axis: bool| {
            if vertical_axis {
                (r.min.y, r.max.y)
            } else {
                (r.min.x, r.max.x)
            }
        };
        // Lanes stack across the flow; phases follow along it.
        let pick = |bands: &[(u32, Rect)], v: f32, axis_is_y: bool| -> Option<usize> {
            let inside = bands.iter().position(|(_, r)| {
                let (lo, hi) = span(r, axis_is_y);
                v >= lo && v < hi
            });
            inside.or_else(|| {
                let first = bands.first().map(|(_, r)| span(r, axis_is_y).0)?;
                Some(if v < first { 0 } else { bands.len() - 1 })
            })
        };
        let lanes: Vec<(u32, Rect)> = self.lanes.iter().map(|(id, r)| (id.0, *r)).collect();
        let phases: Vec<(u32, Rect)> = self.phases.iter().map(|(id, r)| (id.0, *r)).collect();
        let li = pick(&lanes, across, !self.vertical)?;
        let (lane, lane_rect) = self.lanes[li];
        let (phase, along_start) = match pick(&phases, along, self.vertical) {
            Some(pi) => {
                let (id, r) = self.phases[pi];
                (Some(id), span(&r, self.vertical).0)
            }
            None => (None, span(&self.content, self.vertical).0),
        };
        let across_start = span(&lane_rect, !self.vertical).0;
        Some((
            lane,
            phase,
            FlowPoint::new(along - along_start, across - across_start),
        ))
    }
}

/// Something the canvas wants done to the document or the editor.
enum Intent {
    Edit(Edit),
    Begin,
    InTx(Edit),
    Commit,
    CreateStep(Step),
    /// Create a process step at this chart point.
    CreateAt(Point),
    Inline(InlineTarget, String),
    PinCurrentNumber(StepId),
    DeleteSelection,
    Copy,
    Cut,
    Paste(Point),
    Duplicate,
    AskDeleteLane(LaneId),
    AskDeletePhase(PhaseId),
    SetTool(Tool),
}

fn snap(v: f32) -> f32 {
    (v / GRID).round() * GRID
}

/// Draws the canvas and handles its input.
pub fn canvas_ui(ed: &mut Editor, ui: &mut egui::Ui) {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    ed.canvas.rect_before = ed.canvas.rect;
    ed.canvas.rect = Some(rect);
    let lang = ed.lang;
    let tool = ed.tool.clone();
    let keyboard_free = !ui.ctx().egui_wants_keyboard_input();
    let mut intents = Vec::new();
    {
        let revision = ed.doc.revision();
        let (process, derived) = ed.doc.parts();
        let layout = &derived.layout;
        if ed.camera.fit_requested {
            fit(&mut ed.camera, layout, rect);
            // Panels settle in the first frames; fit again until the
            // canvas keeps its size.
            ed.camera.fit_requested = ed.canvas.rect_before != Some(rect);
        }
        let bounds = match &ed.canvas.bounds {
            Some((rev, b)) if *rev == revision => b,
            _ => {
                let b = layout
                    .scene
                    .items
                    .iter()
                    .map(|i| i.shape.bounds())
                    .collect();
                ed.canvas.bounds = Some((revision, b));
                match &ed.canvas.bounds {
                    Some((_, b)) => b,
                    None => return,
                }
            }
        };
        camera_input(&mut ed.camera, ui, &response, rect);
        let view = ViewTransform {
            origin: rect.min + ed.camera.offset,
            zoom: ed.camera.zoom,
        };
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, Color32::from_gray(250));
        let visible = view.rect_to_chart(rect);
        paint_scene(&painter, &layout.scene, bounds, view, &visible);
        if ed.show_grid {
            paint_grid(&painter, view, &visible, &layout.content);
        }
        paint_selection(&painter, process, derived, &ed.selection, view);
        paint_warning_badges(&painter, derived, view);

        pointer_input(
            &mut Input {
                canvas: &mut ed.canvas,
                selection: &mut ed.selection,
                intents: &mut intents,
            },
            ui,
            &response,
            process,
            derived,
            view,
            &tool,
            lang,
        );
        if let Some(pos) = response.hover_pos() {
            warning_tooltip(&response, derived, view.to_chart(pos), lang);
        }
        if keyboard_free {
            keyboard_input(
                ui,
                &mut ed.selection,
                &mut ed.camera,
                process,
                layout,
                rect,
                &mut intents,
            );
        }
    }
    apply_intents(ed, intents);
    inline_editor(ed, ui, rect);
}

/// Faint lines every five grid steps over the chart's content area.
fn paint_grid(painter: &egui::Painter, view: ViewTransform, visible: &Rect, content: &Rect) {
    let step = GRID * 5.0;
    if step * view.zoom < 8.0 {
        return; // too dense to help
    }
    let stroke = Stroke::new(1.0, Color32::from_rgba_unmultiplied(30, 78, 140, 28));
    let (x0, x1) = (
        visible.min.x.max(content.min.x),
        visible.max.x.min(content.max.x),
    );
    let (y0, y1) = (
        visible.min.y.max(content.min.y),
        visible.max.y.min(content.max.y),
    );
    let mut x = (x0 / step).ceil() * step;
    while x <= x1 {
        painter.line_segment(
            [
                view.to_screen(Point::new(x, y0)),
                view.to_screen(Point::new(x, y1)),
            ],
            stroke,
        );
        x += step;
    }
    let mut y = (y0 / step).ceil() * step;
    while y <= y1 {
        painter.line_segment(
            [
                view.to_screen(Point::new(x0, y)),
                view.to_screen(Point::new(x1, y)),
            ],
            stroke,
        );
        y += step;
    }
}

/// Zoom so the whole chart fits the canvas, centred.
pub fn fit(camera: &mut Camera, layout: &ChartLayout, rect: egui::Rect) {
    let (w, h) = (layout.scene.width.max(1.0), layout.scene.height.max(1.0));
    let zoom = ((rect.width() - 32.0) / w)
        .min((rect.height() - 32.0) / h)
        .clamp(MIN_ZOOM, 1.5);
    camera.zoom = zoom;
    camera.offset = Vec2::new(
        (rect.width() - w * zoom) / 2.0,
        (rect.height() - h * zoom) / 2.0,
    );
}

/// Sets the zoom, keeping the chart point under `anchor` (screen) in place.
pub fn zoom_at(camera: &mut Camera, rect: egui::Rect, anchor: Pos2, factor: f32) {
    let new_zoom = (camera.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
    let local = anchor - rect.min;
    camera.offset = local - (local - camera.offset) * (new_zoom / camera.zoom);
    camera.zoom = new_zoom;
}

/// Scrolls so the given chart rectangle is in view (centred when it was not).
pub fn scroll_into_view(camera: &mut Camera, canvas: egui::Rect, target: &Rect) {
    let view = ViewTransform {
        origin: canvas.min + camera.offset,
        zoom: camera.zoom,
    };
    let on_screen = view.rect_to_screen(target);
    if !canvas.contains_rect(on_screen) {
        let c = target.center();
        camera.offset = canvas.size() / 2.0 - Vec2::new(c.x, c.y) * camera.zoom;
    }
}

fn camera_input(camera: &mut Camera, ui: &egui::Ui, response: &egui::Response, rect: egui::Rect) {
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    let (zoom, scroll, space) = ui.input(|i| {
        (
            i.zoom_delta(),
            i.smooth_scroll_delta(),
            i.key_down(egui::Key::Space),
        )
    });
    if response.dragged_by(egui::PointerButton::Middle) || (space && response.dragged()) {
        camera.offset += response.drag_delta();
    }
    if (zoom - 1.0).abs() > f32::EPSILON {
        zoom_at(camera, rect, pointer, zoom);
    } else if scroll != Vec2::ZERO {
        camera.offset += scroll;
    }
}

struct Input<'a> {
    canvas: &'a mut CanvasState,
    selection: &'a mut Selection,
    intents: &'a mut Vec<Intent>,
}

/// The four connect handles of a selected step, in screen coordinates.
fn handles(rect: &Rect, view: ViewTransform) -> [Pos2; 4] {
    let r = view.rect_to_screen(rect);
    [
        r.right_center(),
        r.center_bottom(),
        r.left_center(),
        r.center_top(),
    ]
}

#[allow(clippy::too_many_arguments)]
fn pointer_input(
    input: &mut Input,
    ui: &egui::Ui,
    response: &egui::Response,
    process: &Process,
    derived: &Derived,
    view: ViewTransform,
    tool: &Tool,
    lang: Lang,
) {
    let layout = &derived.layout;
    let tolerance = 4.0 / view.zoom;
    let (modifiers, space) = ui.input(|i| (i.modifiers, i.key_down(egui::Key::Space)));
    let pointer = response.interact_pointer_pos().or(response.hover_pos());
    let at = pointer.map(|p| view.to_chart(p));
    let hit = at.and_then(|p| hit_test(layout, p, tolerance));

    // Cursor hints.
    if let Some(p) = at {
        if band_edge(layout, p, tolerance).is_some() {
            let vertical = process.orientation == Orientation::Vertical;
            response.ctx.set_cursor_icon(if vertical {
                CursorIcon::ResizeHorizontal
            } else {
                CursorIcon::ResizeVertical
            });
        } else if matches!(hit, Some(Source::Step(_))) {
            response.ctx.set_cursor_icon(CursorIcon::Grab);
        }
    }

    // Clicks.
    if response.clicked() {
        let add = modifiers.shift || modifiers.command;
        match (&tool, hit, at) {
            (Tool::Create(kind), _, Some(p)) => {
                if let Some(step) = new_step(process, layout, kind.clone(), p, lang) {
                    input.intents.push(Intent::CreateStep(step));
                }
                input.intents.push(Intent::SetTool(Tool::Select));
            }
            (_, Some(Source::Step(id)), _) => {
                if add {
                    if !input.selection.steps.remove(&id) {
                        input.selection.steps.insert(id);
                    }
                } else {
                    *input.selection = Selection::only_step(id);
                }
            }
            (_, Some(Source::Connector(id)), _) => {
                if add {
                    input.selection.connectors.insert(id);
                } else {
                    *input.selection = Selection {
                        connectors: [id].into(),
                        ..Selection::default()
                    };
                }
            }
            (_, Some(Source::LaneHeader(id)), _) => {
                *input.selection = Selection {
                    lane: Some(id),
                    ..Selection::default()
                }
            }
            (_, Some(Source::PhaseHeader(id)), _) => {
                *input.selection = Selection {
                    phase: Some(id),
                    ..Selection::default()
                }
            }
            _ => {
                if !add {
                    input.selection.clear();
                }
            }
        }
    }
    if response.double_clicked() {
        match (hit, at) {
            (Some(Source::Step(id)), _) => {
                let title = process
                    .steps
                    .get(&id)
                    .map(|s| s.title.clone())
                    .unwrap_or_default();
                input
                    .intents
                    .push(Intent::Inline(InlineTarget::StepTitle(id), title));
            }
            (Some(Source::Connector(id)), _) => {
                let label = process
                    .connectors
                    .get(&id)
                    .and_then(|c| c.label.clone())
                    .unwrap_or_default();
                input
                    .intents
                    .push(Intent::Inline(InlineTarget::ConnectorLabel(id), label));
            }
            (Some(Source::LaneHeader(id)), _) => {
                let name = process.lane(id).map(|l| l.name.clone()).unwrap_or_default();
                input
                    .intents
                    .push(Intent::Inline(InlineTarget::LaneName(id), name));
            }
            (Some(Source::PhaseHeader(id)), _) => {
                let name = process
                    .phase(id)
                    .map(|l| l.name.clone())
                    .unwrap_or_default();
                input
                    .intents
                    .push(Intent::Inline(InlineTarget::PhaseName(id), name));
            }
            (Some(Source::Lane(_)) | Some(Source::Phase(_)), Some(p)) => {
                if let Some(step) = new_step(process, layout, StepKind::Process, p, lang) {
                    input.intents.push(Intent::CreateStep(step));
                }
            }
            _ => {}
        }
    }
    if response.secondary_clicked()
        && let Some(p) = at
    {
        if let Some(Source::Step(id)) = hit
            && !input.selection.steps.contains(&id)
        {
            *input.selection = Selection::only_step(id);
        }
        input.canvas.context = Some((hit, p));
    }

    // Drags.
    let middle = response.dragged_by(egui::PointerButton::Middle);
    if response.drag_started() {
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .map(|p| view.to_chart(p));
        let origin_hit = origin.and_then(|p| hit_test(layout, p, tolerance));
        let on_handle = origin.and_then(|o| {
            let id = input.selection.single_step()?;
            let r = layout.boxes.get(&id)?;
            let o = view.to_screen(o);
            handles(r, view)
                .iter()
                .any(|h| h.distance(o) <= HANDLE + 3.0)
                .then_some(id)
        });
        input.canvas.drag = match (origin, on_handle, origin_hit) {
            _ if middle || space => Drag::Pan,
            (Some(_), Some(from), _) => Drag::Connect { from },
            (Some(o), None, _) if band_edge(layout, o, tolerance).is_some() => {
                match band_edge(layout, o, tolerance) {
                    Some(Source::Lane(lane)) => Drag::LaneSize {
                        lane,
                        size: process
                            .lane(lane)
                            .map_or(140.0, |l| l.size.max(lane_extent(layout, lane))),
                        anchor: o,
                    },
                    Some(Source::Phase(phase)) => Drag::PhaseSize {
                        phase,
                        size: process
                            .phase(phase)
                            .map_or(200.0, |p| p.size.max(phase_extent(layout, phase))),
                        anchor: o,
                    },
                    _ => Drag::None,
                }
            }
            (Some(o), None, Some(Source::Step(id))) => {
                if !input.selection.steps.contains(&id) {
                    *input.selection = Selection::only_step(id);
                }
                let starts = input
                    .selection
                    .steps
                    .iter()
                    .filter_map(|s| Some((*s, layout.boxes.get(s)?.center())))
                    .collect();
                input.intents.push(Intent::Begin);
                Drag::Move {
                    anchor: o,
                    starts,
                    bands: Bands::of(layout, process.orientation),
                }
            }
            (Some(_), None, Some(Source::LaneHeader(lane))) => Drag::LaneOrder { lane },
            (Some(_), None, Some(Source::PhaseHeader(phase))) => Drag::PhaseOrder { phase },
            (Some(o), None, _) => Drag::Rubber { start: o },
            _ => Drag::None,
        };
        if matches!(
            input.canvas.drag,
            Drag::LaneSize { .. } | Drag::PhaseSize { .. }
        ) {
            input.intents.push(Intent::Begin);
        }
    }

    let painter = ui.painter_at(response.rect);
    if response.dragged() {
        let Some(p) = at else { return };
        match &input.canvas.drag {
            Drag::Pan => {}
            Drag::Move {
                anchor,
                starts,
                bands,
            } => {
                let (dx, dy) = (p.x - anchor.x, p.y - anchor.y);
                let mut moves = Vec::new();
                for (id, c) in starts {
                    let target = Point::new(snap(c.x + dx), snap(c.y + dy));
                    if let Some((lane, phase, at)) = bands.locate(target) {
                        moves.push(Edit::MoveStep {
                            id: *id,
                            lane,
                            phase,
                            at,
                        });
                    }
                }
                if !moves.is_empty() {
                    input.intents.push(Intent::InTx(Edit::Batch(moves)));
                }
            }
            Drag::Rubber { start } => {
                let r = egui::Rect::from_two_pos(view.to_screen(*start), view.to_screen(p));
                painter.rect(
                    r,
                    0.0,
                    SELECT_COLOR.gamma_multiply(0.08),
                    Stroke::new(1.0, SELECT_COLOR),
                    egui::StrokeKind::Inside,
                );
            }
            Drag::Connect { from } => {
                if let Some(r) = layout.boxes.get(from) {
                    let a = view.to_screen(r.center());
                    painter.line_segment([a, view.to_screen(p)], Stroke::new(2.0, SELECT_COLOR));
                }
            }
            Drag::LaneOrder { .. } | Drag::PhaseOrder { .. } => {
                let vertical = process.orientation == Orientation::Vertical;
                let s = view.to_screen(p);
                let lane_drag = matches!(input.canvas.drag, Drag::LaneOrder { .. });
                let (a, b) = if vertical == lane_drag {
                    (
                        Pos2::new(s.x, response.rect.top()),
                        Pos2::new(s.x, response.rect.bottom()),
                    )
                } else {
                    (
                        Pos2::new(response.rect.left(), s.y),
                        Pos2::new(response.rect.right(), s.y),
                    )
                };
                painter.line_segment([a, b], Stroke::new(2.0, SELECT_COLOR));
            }
            Drag::LaneSize { lane, size, anchor } => {
                let vertical = process.orientation == Orientation::Vertical;
                let delta = if vertical {
                    p.x - anchor.x
                } else {
                    p.y - anchor.y
                };
                let new = (size + delta).max(40.0).round();
                input.intents.push(Intent::InTx(Edit::ResizeLane {
                    id: *lane,
                    size: new,
                }));
            }
            Drag::PhaseSize {
                phase,
                size,
                anchor,
            } => {
                let vertical = process.orientation == Orientation::Vertical;
                let delta = if vertical {
                    p.y - anchor.y
                } else {
                    p.x - anchor.x
                };
                let new = (size + delta).max(80.0).round();
                input.intents.push(Intent::InTx(Edit::ResizePhase {
                    id: *phase,
                    size: new,
                }));
            }
            Drag::None => {}
        }
    }
    if response.drag_stopped() {
        let drag = std::mem::take(&mut input.canvas.drag);
        match (drag, at) {
            (Drag::Move { .. }, _) | (Drag::LaneSize { .. }, _) | (Drag::PhaseSize { .. }, _) => {
                input.intents.push(Intent::Commit)
            }
            (Drag::Rubber { start }, Some(end)) => {
                let area = Rect {
                    min: Point::new(start.x.min(end.x), start.y.min(end.y)),
                    max: Point::new(start.x.max(end.x), start.y.max(end.y)),
                };
                if !(modifiers.shift || modifiers.command) {
                    input.selection.clear();
                }
                for (id, r) in &layout.boxes {
                    if area.contains_rect(r, 0.0) {
                        input.selection.steps.insert(*id);
                    }
                }
            }
            (Drag::Connect { from }, Some(end)) => {
                if let Some(Source::Step(to)) = hit_test(layout, end, tolerance)
                    && to != from
                {
                    input
                        .intents
                        .push(Intent::Edit(Edit::AddConnector(Connector {
                            id: process.next_connector_id(),
                            from,
                            to,
                            label: None,
                        })));
                }
            }
            (Drag::LaneOrder { lane }, Some(end)) => {
                if let Some((target, _, _)) = Bands::of(layout, process.orientation).locate(end)
                    && let Some(index) = process.lane_index(target)
                    && process.lane_index(lane) != Some(index)
                {
                    input
                        .intents
                        .push(Intent::Edit(Edit::MoveLane { id: lane, index }));
                }
            }
            (Drag::PhaseOrder { phase }, Some(end)) => {
                if let Some((_, Some(target), _)) =
                    Bands::of(layout, process.orientation).locate(end)
                    && let Some(index) = process.phase_index(target)
                    && process.phase_index(phase) != Some(index)
                {
                    input
                        .intents
                        .push(Intent::Edit(Edit::MovePhase { id: phase, index }));
                }
            }
            _ => {}
        }
    }

    context_menu(input, response, process, lang);
}

/// The lane or phase whose far border (in its header) is under `p`.
fn band_edge(layout: &ChartLayout, p: Point, tolerance: f32) -> Option<Source> {
    let near = |a: f32, b: f32| (a - b).abs() <= tolerance.max(2.0);
    for band in &layout.lanes {
        let h = band.header;
        let horizontal_lane = h.width() < band.rect.width();
        let on_edge = if horizontal_lane {
            near(p.y, h.max.y) && p.x >= h.min.x && p.x <= h.max.x
        } else {
            near(p.x, h.max.x) && p.y >= h.min.y && p.y <= h.max.y
        };
        if on_edge {
            return Some(Source::Lane(band.id));
        }
    }
    for band in &layout.phases {
        let h = band.header;
        let columns = h.height() < band.rect.height();
        let on_edge = if columns {
            near(p.x, h.max.x) && p.y >= h.min.y && p.y <= h.max.y
        } else {
            near(p.y, h.max.y) && p.x >= h.min.x && p.x <= h.max.x
        };
        if on_edge {
            return Some(Source::Phase(band.id));
        }
    }
    None
}

fn lane_extent(layout: &ChartLayout, lane: LaneId) -> f32 {
    layout.lanes.iter().find(|b| b.id == lane).map_or(0.0, |b| {
        if b.header.width() < b.rect.width() {
            b.rect.height()
        } else {
            b.rect.width()
        }
    })
}

fn phase_extent(layout: &ChartLayout, phase: PhaseId) -> f32 {
    layout
        .phases
        .iter()
        .find(|b| b.id == phase)
        .map_or(0.0, |b| {
            if b.header.height() < b.rect.height() {
                b.rect.width()
            } else {
                b.rect.height()
            }
        })
}

/// A new step of `kind` centred at `p`, in the lane and phase there.
fn new_step(
    process: &Process,
    layout: &ChartLayout,
    kind: StepKind,
    p: Point,
    lang: Lang,
) -> Option<Step> {
    let (lane, phase, at) =
        Bands::of(layout, process.orientation).locate(Point::new(snap(p.x), snap(p.y)))?;
    let title = match kind {
        StepKind::Start => tr(lang, S::KindStart),
        StepKind::End => tr(lang, S::KindEnd),
        _ => tr(lang, S::DefaultTitle),
    };
    let mut step = Step::new(process.next_step_id(), kind, title, lane, at);
    step.phase = phase;
    Some(step)
}

fn context_menu(input: &mut Input, response: &egui::Response, process: &Process, lang: Lang) {
    let Some((target, at)) = input.canvas.context else {
        return;
    };
    let t = |k| tr(lang, k);
    let intents = &mut *input.intents;
    let selection = &*input.selection;
    response.context_menu(|ui| match target {
        Some(Source::Step(id)) => {
            if ui.button(t(S::EditStep)).clicked() {
                let title = process
                    .steps
                    .get(&id)
                    .map(|s| s.title.clone())
                    .unwrap_or_default();
                intents.push(Intent::Inline(InlineTarget::StepTitle(id), title));
                ui.close();
            }
            if ui.button(t(S::Cut)).clicked() {
                intents.push(Intent::Cut);
                ui.close();
            }
            if ui.button(t(S::Copy)).clicked() {
                intents.push(Intent::Copy);
                ui.close();
            }
            if ui.button(t(S::Duplicate)).clicked() {
                intents.push(Intent::Duplicate);
                ui.close();
            }
            if ui.button(t(S::Delete)).clicked() {
                intents.push(Intent::DeleteSelection);
                ui.close();
            }
            ui.separator();
            let step = process.steps.get(&id);
            if step.is_some_and(|s| s.pinned_number.is_some()) {
                if ui.button(t(S::UnpinNumber)).clicked() {
                    intents.push(Intent::Edit(Edit::SetStep {
                        id,
                        field: StepField::PinnedNumber(None),
                    }));
                    ui.close();
                }
            } else if ui.button(t(S::PinNumber)).clicked() {
                intents.push(Intent::PinCurrentNumber(id));
                ui.close();
            }
            if step.is_some_and(|s| s.group.is_some()) {
                if ui.button(t(S::Ungroup)).clicked() {
                    intents.push(Intent::Edit(Edit::SetStep {
                        id,
                        field: StepField::Group(None),
                    }));
                    ui.close();
                }
            } else {
                ui.menu_button(t(S::GroupInto), |ui| {
                    for head in process
                        .steps
                        .values()
                        .filter(|s| s.id != id && s.group.is_none() && s.kind.is_work_step())
                    {
                        if ui.button(&head.title).clicked() {
                            let members: Vec<StepId> = if selection.steps.contains(&id) {
                                selection
                                    .steps
                                    .iter()
                                    .copied()
                                    .filter(|s| *s != head.id)
                                    .collect()
                            } else {
                                vec![id]
                            };
                            let edits = members
                                .into_iter()
                                .map(|m| Edit::SetStep {
                                    id: m,
                                    field: StepField::Group(Some(head.id)),
                                })
                                .collect();
                            intents.push(Intent::Edit(Edit::Batch(edits)));
                            ui.close();
                        }
                    }
                });
            }
        }
        Some(Source::LaneHeader(id)) | Some(Source::Lane(id)) => {
            if ui.button(t(S::AddStepHere)).clicked() {
                intents.push(Intent::CreateAt(at));
                ui.close();
            }
            if ui.button(t(S::Paste)).clicked() {
                intents.push(Intent::Paste(at));
                ui.close();
            }
            ui.separator();
            lane_menu(ui, intents, process, id, lang);
        }
        Some(Source::PhaseHeader(id)) => {
            let index = process.phase_index(id).unwrap_or(0);
            for (key, at_index) in [(S::AddPhaseBefore, index), (S::AddPhaseAfter, index + 1)] {
                if ui.button(t(key)).clicked() {
                    intents.push(Intent::Edit(Edit::AddPhase {
                        index: at_index,
                        phase: crate::model::Phase {
                            id: process.next_phase_id(),
                            name: t(S::NewPhase).to_owned(),
                            size: 300.0,
                        },
                    }));
                    ui.close();
                }
            }
            if ui.button(t(S::RenamePhase)).clicked() {
                let name = process
                    .phase(id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                intents.push(Intent::Inline(InlineTarget::PhaseName(id), name));
                ui.close();
            }
            if ui.button(t(S::DeletePhase)).clicked() {
                intents.push(Intent::AskDeletePhase(id));
                ui.close();
            }
        }
        Some(Source::Connector(id)) => {
            if ui.button(t(S::EditLabel)).clicked() {
                let label = process
                    .connectors
                    .get(&id)
                    .and_then(|c| c.label.clone())
                    .unwrap_or_default();
                intents.push(Intent::Inline(InlineTarget::ConnectorLabel(id), label));
                ui.close();
            }
            if ui.button(t(S::Delete)).clicked() {
                intents.push(Intent::Edit(Edit::RemoveConnector(id)));
                ui.close();
            }
        }
        _ => {
            if ui.button(t(S::AddStepHere)).clicked() {
                intents.push(Intent::CreateAt(at));
                ui.close();
            }
            if ui.button(t(S::Paste)).clicked() {
                intents.push(Intent::Paste(at));
                ui.close();
            }
        }
    });
}

fn lane_menu(
    ui: &mut egui::Ui,
    intents: &mut Vec<Intent>,
    process: &Process,
    id: LaneId,
    lang: Lang,
) {
    let t = |k| tr(lang, k);
    let index = process.lane_index(id).unwrap_or(0);
    for (key, at_index) in [(S::AddLaneBefore, index), (S::AddLaneAfter, index + 1)] {
        if ui.button(t(key)).clicked() {
            intents.push(Intent::Edit(Edit::AddLane {
                index: at_index,
                lane: crate::model::Lane {
                    id: process.next_lane_id(),
                    name: t(S::NewLane).to_owned(),
                    size: 140.0,
                },
            }));
            ui.close();
        }
    }
    if ui.button(t(S::RenameLane)).clicked() {
        let name = process.lane(id).map(|l| l.name.clone()).unwrap_or_default();
        intents.push(Intent::Inline(InlineTarget::LaneName(id), name));
        ui.close();
    }
    if ui.button(t(S::DeleteLane)).clicked() {
        intents.push(Intent::AskDeleteLane(id));
        ui.close();
    }
}

fn keyboard_input(
    ui: &egui::Ui,
    selection: &mut Selection,
    camera: &mut Camera,
    process: &Process,
    layout: &ChartLayout,
    rect: egui::Rect,
    intents: &mut Vec<Intent>,
) {
    use egui::{Key, KeyboardShortcut, Modifiers};
    let cmd = Modifiers::COMMAND;
    ui.input_mut(|i| {
        if i.consume_key(Modifiers::NONE, Key::Escape) {
            selection.clear();
            intents.push(Intent::SetTool(Tool::Select));
        }
        if i.consume_key(Modifiers::NONE, Key::Delete)
            || i.consume_key(Modifiers::NONE, Key::Backspace)
        {
            intents.push(Intent::DeleteSelection);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::A)) {
            *selection = Selection {
                steps: process.steps.keys().copied().collect(),
                ..Selection::default()
            };
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::D)) {
            intents.push(Intent::Duplicate);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Num0))
            || i.consume_key(Modifiers::NONE, Key::F)
        {
            fit(camera, layout, rect);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Num1)) {
            zoom_at(camera, rect, rect.center(), 1.0 / camera.zoom);
        }
        let copy = i.events.iter().any(|e| matches!(e, egui::Event::Copy));
        let cut = i.events.iter().any(|e| matches!(e, egui::Event::Cut));
        let paste = i.events.iter().any(|e| matches!(e, egui::Event::Paste(_)));
        if copy {
            intents.push(Intent::Copy);
        }
        if cut {
            intents.push(Intent::Cut);
        }
        if paste {
            let view = ViewTransform {
                origin: rect.min + camera.offset,
                zoom: camera.zoom,
            };
            let at = i
                .pointer
                .hover_pos()
                .filter(|p| rect.contains(*p))
                .unwrap_or(rect.center());
            intents.push(Intent::Paste(view.to_chart(at)));
        }
        let step = if i.modifiers.shift { 1.0 } else { GRID };
        let nudge = [
            (Key::ArrowLeft, -step, 0.0),
            (Key::ArrowRight, step, 0.0),
            (Key::ArrowUp, 0.0, -step),
            (Key::ArrowDown, 0.0, step),
        ];
        for (key, dx, dy) in nudge {
            if (i.consume_key(Modifiers::NONE, key) || i.consume_key(Modifiers::SHIFT, key))
                && !selection.steps.is_empty()
            {
                let bands = Bands::of(layout, process.orientation);
                let moves: Vec<Edit> = selection
                    .steps
                    .iter()
                    .filter_map(|id| {
                        let c = layout.boxes.get(id)?.center();
                        let (lane, phase, at) = bands.locate(Point::new(c.x + dx, c.y + dy))?;
                        Some(Edit::MoveStep {
                            id: *id,
                            lane,
                            phase,
                            at,
                        })
                    })
                    .collect();
                intents.push(Intent::Edit(Edit::Batch(moves)));
            }
        }
    });
}

fn paint_selection(
    painter: &egui::Painter,
    process: &Process,
    derived: &Derived,
    selection: &Selection,
    view: ViewTransform,
) {
    let layout = &derived.layout;
    let stroke = Stroke::new(2.0, SELECT_COLOR);
    for id in &selection.steps {
        if let Some(r) = layout.boxes.get(id) {
            painter.rect_stroke(
                view.rect_to_screen(r).expand(3.0),
                3.0,
                stroke,
                egui::StrokeKind::Outside,
            );
        }
    }
    if let Some(id) = selection.single_step()
        && let Some(r) = layout.boxes.get(&id)
    {
        for h in handles(r, view) {
            painter.circle(h, HANDLE, Color32::WHITE, stroke);
        }
    }
    for id in &selection.connectors {
        if let Some(route) = layout.routes.get(id) {
            let pts: Vec<Pos2> = route.iter().map(|p| view.to_screen(*p)).collect();
            painter.add(egui::Shape::line(
                pts,
                Stroke::new(4.0, SELECT_COLOR.gamma_multiply(0.5)),
            ));
        }
    }
    let band_stroke = Stroke::new(2.5, SELECT_COLOR);
    if let Some(lane) = selection.lane
        && let Some(b) = layout.lanes.iter().find(|b| b.id == lane)
    {
        painter.rect_stroke(
            view.rect_to_screen(&b.header),
            0.0,
            band_stroke,
            egui::StrokeKind::Inside,
        );
    }
    if let Some(phase) = selection.phase
        && let Some(b) = layout.phases.iter().find(|b| b.id == phase)
    {
        painter.rect_stroke(
            view.rect_to_screen(&b.header),
            0.0,
            band_stroke,
            egui::StrokeKind::Inside,
        );
    }
    let _ = process;
}

/// A small amber badge on every step with a warning.
fn paint_warning_badges(painter: &egui::Painter, derived: &Derived, view: ViewTransform) {
    let mut steps: Vec<StepId> = derived
        .analysis
        .warnings
        .iter()
        .filter_map(|w| match w.subject {
            Subject::Step(id) => Some(id),
            _ => None,
        })
        .collect();
    steps.dedup();
    for id in steps {
        if let Some(r) = derived.layout.boxes.get(&id) {
            let c = view.to_screen(Point::new(r.max.x, r.min.y));
            let radius = (7.0 * view.zoom).clamp(4.0, 10.0);
            painter.circle(
                c,
                radius,
                Color32::from_rgb(0xf5, 0x9e, 0x0b),
                Stroke::new(1.0, Color32::WHITE),
            );
            painter.text(
                c,
                egui::Align2::CENTER_CENTER,
                "!",
                egui::FontId::proportional(radius * 1.5),
                Color32::WHITE,
            );
        }
    }
}

fn warning_tooltip(response: &egui::Response, derived: &Derived, p: Point, lang: Lang) {
    let Some(Source::Step(id)) = hit_test(&derived.layout, p, 0.0) else {
        return;
    };
    let messages: Vec<String> = derived
        .analysis
        .warnings
        .iter()
        .filter(|w| w.subject == Subject::Step(id))
        .map(|w| w.message(lang))
        .collect();
    if !messages.is_empty() {
        response.clone().on_hover_ui_at_pointer(|ui| {
            for m in messages {
                ui.label(format!("▲ {m}"));
            }
        });
    }
}

/// Where the inline editor for a target sits, in screen coordinates.
fn inline_rect(
    target: InlineTarget,
    layout: &ChartLayout,
    view: ViewTransform,
) -> Option<egui::Rect> {
    let r = match target {
        InlineTarget::StepTitle(id) => *layout.boxes.get(&id)?,
        InlineTarget::ConnectorLabel(id) => {
            let route = layout.routes.get(&id)?;
            let p = route.first()?;
            Rect::from_center_size(Point::new(p.x + 40.0, p.y - 12.0), 80.0, 24.0)
        }
        InlineTarget::LaneName(id) => layout.lanes.iter().find(|b| b.id == id)?.header,
        InlineTarget::PhaseName(id) => layout.phases.iter().find(|b| b.id == id)?.header,
    };
    Some(view.rect_to_screen(&r))
}

fn apply_intents(ed: &mut Editor, intents: Vec<Intent>) {
    for intent in intents {
        match intent {
            Intent::Edit(edit) => ed.edit(edit),
            Intent::Begin => {
                ed.end_typing();
                ed.command(super::state::Command::Begin);
            }
            Intent::InTx(edit) => ed.edit_in_transaction(edit),
            Intent::Commit => ed.command(super::state::Command::Commit),
            Intent::CreateStep(step) => {
                let id = step.id;
                let title = step.title.clone();
                let target = InlineTarget::StepTitle(id);
                ed.begin_typing(target.field_id());
                ed.edit_in_transaction(Edit::AddStep(step));
                ed.selection = Selection::only_step(id);
                ed.canvas.inline = Some(InlineEdit {
                    target,
                    buffer: title,
                    focus_requested: false,
                });
            }
            Intent::CreateAt(p) => {
                let lang = ed.lang;
                let (process, derived) = ed.doc.parts();
                if let Some(step) = new_step(process, &derived.layout, StepKind::Process, p, lang) {
                    apply_intents(ed, vec![Intent::CreateStep(step)]);
                }
            }
            Intent::Inline(target, text) => {
                ed.end_typing();
                ed.canvas.inline = Some(InlineEdit {
                    target,
                    buffer: text,
                    focus_requested: false,
                });
            }
            Intent::DeleteSelection => super::clipboard::delete_selection(ed),
            Intent::Copy => super::clipboard::copy(ed),
            Intent::Cut => {
                super::clipboard::copy(ed);
                super::clipboard::delete_selection(ed);
            }
            Intent::Paste(at) => super::clipboard::paste(ed, Some(at)),
            Intent::Duplicate => {
                super::clipboard::copy(ed);
                super::clipboard::paste(ed, None);
            }
            Intent::AskDeleteLane(id) => ed.dialogs.delete_lane = Some(id),
            Intent::AskDeletePhase(id) => ed.dialogs.delete_phase = Some(id),
            Intent::SetTool(tool) => ed.tool = tool,
            Intent::PinCurrentNumber(id) => {
                let number = ed.doc.derived().analysis.numbering.of(id);
                if let Some(n) = number {
                    ed.edit(Edit::SetStep {
                        id,
                        field: StepField::PinnedNumber(Some(n)),
                    });
                }
            }
        }
    }
}

/// The text box over a step, connector or header being renamed.
fn inline_editor(ed: &mut Editor, ui: &mut egui::Ui, canvas: egui::Rect) {
    let Some(inline) = &mut ed.canvas.inline else {
        return;
    };
    let target = inline.target;
    let area = {
        let view = ViewTransform {
            origin: canvas.min + ed.camera.offset,
            zoom: ed.camera.zoom,
        };
        let layout = &ed.doc.derived().layout;
        inline_rect(target, layout, view)
    };
    let Some(area) = area else {
        // A step created this frame is not laid out yet; wait a frame.
        if ed.canvas.inline.as_ref().is_some_and(|i| i.focus_requested) {
            ed.canvas.inline = None;
            ed.end_typing();
        }
        return;
    };
    let Some(inline) = &mut ed.canvas.inline else {
        return;
    };
    let area = egui::Rect::from_min_size(
        area.min,
        Vec2::new(area.width().max(120.0), area.height().max(28.0)),
    );
    let id = target.field_id();
    let before = inline.buffer.clone();
    let edit = egui::TextEdit::multiline(&mut inline.buffer)
        .id(id)
        .desired_rows(1)
        .desired_width(area.width());
    let response = ui.put(area, edit);
    if !inline.focus_requested {
        // Focus with the whole text selected, so typing replaces it.
        response.request_focus();
        let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
        state
            .cursor
            .set_char_range(Some(egui::text_selection::CCursorRange::select_all_str(
                &inline.buffer,
            )));
        state.store(ui.ctx(), id);
        inline.focus_requested = true;
    }
    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.shift);
    let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
    let text = inline.buffer.trim_end_matches('\n').to_owned();
    let changed = text != before.trim_end_matches('\n');
    if enter {
        inline.buffer = text.clone();
    }
    let finished = (enter || escape || response.lost_focus()) && inline.focus_requested;
    if changed || enter {
        let edit = match target {
            InlineTarget::StepTitle(step) => Edit::SetStep {
                id: step,
                field: StepField::Title(text.clone()),
            },
            InlineTarget::ConnectorLabel(c) => Edit::SetConnectorLabel {
                id: c,
                label: (!text.trim().is_empty()).then(|| text.trim().to_owned()),
            },
            InlineTarget::LaneName(lane) => Edit::RenameLane {
                id: lane,
                name: text.clone(),
            },
            InlineTarget::PhaseName(phase) => Edit::RenamePhase {
                id: phase,
                name: text.clone(),
            },
        };
        ed.typed(id, edit);
    }
    if finished {
        ed.canvas.inline = None;
        ed.end_typing();
    }
}
