//! The chart canvas: paints the layout's scene under the camera and turns
//! pointer and keyboard input into selection, camera moves and edits.

use super::command::Command;
use super::context::AppContext;
use super::paint::{ViewTransform, paint_scene};
use super::state::{Camera, Editor, MAX_ZOOM, MIN_ZOOM, Selection, Tool};
use crate::document::Derived;
use crate::lang::Lang;
use crate::layout::{ChartLayout, Point, Rect, Source, hit_test};
use crate::model::{
    ConnectorId, Edit, FlowPoint, Lane, LaneId, Orientation, Phase, PhaseId, Process, Step,
    StepField, StepId, StepKind, Subject,
};
use crate::text::{S, tr};
use egui::{Color32, CursorIcon, Pos2, Sense, Stroke, Vec2};

mod access;
mod bands;
mod drag;
mod exit_menu;
mod flow_keys;
pub use exit_menu::{target_label, targets_of};
pub use flow_keys::next_step;
mod inline;
mod keys;
mod menus;
mod overlay;
mod pinned;
mod pointer;

pub use bands::Bands;
use bands::{band_edge, lane_extent, phase_extent};
use inline::inline_editor;
pub use inline::{InlineEdit, InlineTarget};
use keys::keyboard_input;
pub use menus::band_items;
use menus::context_menu;
use overlay::{
    hovered_step, paint_empty_hint, paint_grid, paint_hover_handles, paint_selection,
    paint_warning_badges, warning_tooltip,
};
use pinned::{Pinned, paint_pinned, pinned_hit};
use pointer::{Drag, Input, Pointer, handles, pointer_input};

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
    /// The canvas's screen rectangle this frame and the one before.
    pub rect: Option<egui::Rect>,
    rect_before: Option<egui::Rect>,
    /// The step last found under the pointer, and where the pointer, the
    /// document and the view were then.
    hover: Option<(HitKey, Option<StepId>)>,
    /// What the pointer's hit test last found, and for which pointer,
    /// document and view.
    hit: Option<(HitKey, Option<Source>)>,
    /// The exit whose targets are offered in a small menu, while they are.
    pub exit_menu: Option<StepId>,
}

/// The pointer's place, the document's revision, the view's origin and
/// zoom, and the canvas's size (pinned headers): what a hit test depends on.
type HitKey = (Pos2, u64, Pos2, f32, Vec2);

impl CanvasState {
    /// Forgets what the pointer was last found over (the document was
    /// replaced, and its revisions start again).
    pub fn forget_hits(&mut self) {
        self.hover = None;
        self.hit = None;
    }
}

fn snap(v: f32) -> f32 {
    (v / GRID).round() * GRID
}

/// Draws the canvas and handles its input.
pub fn canvas_ui(ed: &mut Editor, app: &AppContext, ui: &mut egui::Ui) {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    ed.canvas.rect_before = ed.canvas.rect;
    ed.canvas.rect = Some(rect);
    // First, so its Esc and clicks are its own.
    let view = ViewTransform {
        origin: rect.min + ed.camera.offset,
        zoom: ed.camera.zoom,
    };
    exit_menu::exit_menu_ui(ed, app, ui, view);
    let lang = ed.lang;
    let tool = ed.tool.clone();
    // Keys go to the title box while one is open, even in the frame where
    // egui let go of its focus on Esc.
    let keyboard_free = ed.canvas.inline.is_none() && !ui.ctx().egui_wants_keyboard_input();
    // Edits queued this frame (turning the lanes, say) change the layout
    // at its end: a fit asked for with them waits for the new layout.
    let layout_settled = !ed.has_pending();
    let mut intents = Vec::new();
    {
        let (process, derived) = (ed.doc.process(), ed.doc.derived());
        let layout = &derived.layout;
        if ed.camera.fit_requested && layout_settled {
            fit(&mut ed.camera, layout, rect);
            // Panels settle in the first frames; fit again until the
            // canvas keeps its size.
            ed.camera.fit_requested = ed.canvas.rect_before != Some(rect);
        }
        camera_input(&mut ed.camera, ui, &response, rect);
        let view = ViewTransform {
            origin: rect.min + ed.camera.offset,
            zoom: ed.camera.zoom,
        };
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, Color32::from_gray(250));
        let visible = view.rect_to_chart(rect);
        paint_scene(&painter, &layout.scene, &layout.item_bounds, view, &visible);
        if let Some(cmp) = &ed.compare {
            super::compare::paint_changes(&painter, cmp, layout, process.orientation, view);
        }
        super::conflicts::paint_conflicts(&painter, process, layout, view);
        let pinned = Pinned::of(layout, view, rect);
        if app.settings.grid {
            paint_grid(&painter, view, &visible, &layout.content);
        }
        if process.steps.is_empty() {
            paint_empty_hint(&painter, layout, view, lang);
        }
        // The step under a resting pointer is looked up once, not every
        // frame: the walk over the boxes grows with the chart.
        let revision = ed.doc.revision();
        let hovered = response.hover_pos().and_then(|pos| {
            let key = (pos, revision, view.origin, view.zoom, rect.size());
            match ed.canvas.hover {
                Some((k, found)) if k == key => found,
                _ => {
                    let found = hovered_step(layout, view, pos);
                    ed.canvas.hover = Some((key, found));
                    found
                }
            }
        });
        let hovered = hovered.filter(|id| ed.selection.single_step() != Some(*id));
        paint_hover_handles(&painter, layout, hovered, view);
        paint_selection(&painter, process, derived, &ed.selection, view);
        paint_warning_badges(&painter, derived, view);
        paint_pinned(&painter, process, layout, view, pinned);

        let mut input = Input {
            canvas: &mut ed.canvas,
            selection: &mut ed.selection,
            intents: &mut intents,
        };
        let cx = Pointer {
            ui,
            response: &response,
            process,
            layout,
            view,
            pinned,
            revision,
            tool: &tool,
            lang,
        };
        pointer_input(&mut input, &cx);
        if let Some(pos) = response.hover_pos() {
            warning_tooltip(&response, derived, view.to_chart(pos), lang);
        }
        if keyboard_free {
            // First: a key without Alt matches with Alt held too, and the
            // arrows nudge.
            let chart = (process, layout, &derived.analysis.numbering);
            flow_keys::flow_keys(
                ui,
                &mut ed.selection,
                &mut ed.camera,
                chart,
                rect,
                &mut intents,
            );
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
    for command in intents {
        ed.command(command);
    }
    let view = ViewTransform {
        origin: rect.min + ed.camera.offset,
        zoom: ed.camera.zoom,
    };
    access::step_nodes(ui, &response, ed, view);
    inline_editor(ed, ui, rect);
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

/// The size a new step's box is taken to have when the chart has none yet.
const NEW_BOX: Vec2 = Vec2::new(130.0, 56.0);
/// How far a new step may be nudged off a connector, in chart units.
const NUDGE_LIMIT: f32 = 400.0;

/// `p`, or the nearest point in the same lane (within `NUDGE_LIMIT`) where a
/// new box would sit on no connector and no other box: a box put down on
/// an arrow would hide it or bend it.
fn clear_of_connectors(layout: &ChartLayout, p: Point, bands: &Bands) -> Point {
    let size = typical_box(layout);
    let blocked = |c: Point| {
        let r = Rect::from_center_size(c, size.x, size.y);
        let on_route = layout
            .routes
            .values()
            .any(|route| route.windows(2).any(|w| r.segment_enters(w[0], w[1])));
        on_route || layout.boxes.values().any(|b| r.overlaps(b))
    };
    if !blocked(p) {
        return p;
    }
    let lane_of = |c: Point| bands.locate(c).map(|(lane, _, _)| lane);
    let lane = lane_of(p);
    let step = GRID * 2.0;
    let tries = (NUDGE_LIMIT / step) as i32;
    (1..=tries)
        .flat_map(|i| {
            let d = i as f32 * step;
            [(0.0, d), (0.0, -d), (d, 0.0), (-d, 0.0)]
        })
        .map(|(dx, dy)| Point::new(p.x + dx, p.y + dy))
        .find(|c| lane_of(*c) == lane && !blocked(*c))
        .unwrap_or(p)
}

/// The size of the chart's middle-sized box, or `NEW_BOX` when it has none.
fn typical_box(layout: &ChartLayout) -> Vec2 {
    let mut sizes: Vec<(f32, f32)> = layout
        .boxes
        .values()
        .map(|r| (r.width(), r.height()))
        .collect();
    sizes.sort_by(|a, b| (a.0 * a.1).total_cmp(&(b.0 * b.1)));
    sizes
        .get(sizes.len() / 2)
        .map_or(NEW_BOX, |(w, h)| Vec2::new(*w, *h))
}

/// A new step of `kind` centred at `p` (or nudged off a connector), in the
/// lane and phase there.
pub(super) fn new_step(
    process: &Process,
    layout: &ChartLayout,
    kind: StepKind,
    p: Point,
    lang: Lang,
) -> Option<Step> {
    let bands = Bands::of(layout, process.orientation);
    let p = clear_of_connectors(layout, Point::new(snap(p.x), snap(p.y)), &bands);
    let (lane, phase, at) = bands.locate(p)?;
    let title = match kind {
        StepKind::Start => tr(lang, S::KindStart),
        StepKind::End => tr(lang, S::KindEnd),
        _ => tr(lang, S::DefaultTitle),
    };
    let mut step = Step::new_in(
        process.scheme,
        process.next_step_id(),
        kind,
        title,
        lane,
        at,
    );
    step.phase = phase;
    Some(step)
}
