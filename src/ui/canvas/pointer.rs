//! Pointer input on the canvas: the cursor, clicks, double-clicks and the
//! context menu's target here; each drag's start, update, preview and
//! finish in `drag.rs`.

use super::*;

pub(super) use super::drag::Drag;

/// How near, in screen pixels, the pointer must be to a line or edge to
/// hit it.
const HIT_SLOP_PX: f32 = 4.0;

pub(super) struct Input<'a> {
    pub(super) canvas: &'a mut CanvasState,
    pub(super) selection: &'a mut Selection,
    pub(super) intents: &'a mut Vec<Command>,
}

/// What pointer input reads: the frame's canvas and document.
pub(super) struct Pointer<'a> {
    pub(super) ui: &'a egui::Ui,
    pub(super) response: &'a egui::Response,
    pub(super) process: &'a Process,
    pub(super) layout: &'a ChartLayout,
    pub(super) view: ViewTransform,
    /// Where the header strips are pinned this frame.
    pub(super) pinned: super::Pinned,
    /// The document's revision, which a cached hit test belongs to.
    pub(super) revision: u64,
    pub(super) tool: &'a Tool,
    pub(super) lang: Lang,
}

/// Where the pointer is this frame and what is under it.
pub(super) struct Here {
    pub(super) at: Option<Point>,
    pub(super) hit: Option<Source>,
    /// `HIT_SLOP_PX` in chart units at this zoom.
    pub(super) tolerance: f32,
    pub(super) modifiers: egui::Modifiers,
}

impl Here {
    /// Where the pointer is and what is under it; the hit test (a walk
    /// over the chart) is made again only when the pointer, the document or
    /// the view changed since `last`.
    fn of(cx: &Pointer, last: &mut Option<(HitKey, Option<Source>)>) -> Here {
        let tolerance = HIT_SLOP_PX / cx.view.zoom;
        let pointer = cx
            .response
            .interact_pointer_pos()
            .or(cx.response.hover_pos());
        let at = pointer.map(|p| cx.view.to_chart(p));
        let hit = pointer.and_then(|pos| {
            let canvas = cx.response.rect.size();
            let key = (pos, cx.revision, cx.view.origin, cx.view.zoom, canvas);
            if let Some((k, hit)) = *last
                && k == key
            {
                return hit;
            }
            // Headers pinned to the canvas edge are over the chart there.
            let hit = pinned_hit(cx.process, cx.layout, cx.view, cx.pinned, pos)
                .or_else(|| at.and_then(|p| hit_test(cx.layout, p, tolerance)));
            *last = Some((key, hit));
            hit
        });
        Here {
            at,
            hit,
            tolerance,
            modifiers: cx.ui.input(|i| i.modifiers),
        }
    }

    /// Shift or Ctrl/Cmd held: clicks add to the selection.
    pub(super) fn adding(&self) -> bool {
        self.modifiers.shift || self.modifiers.command
    }
}

/// The four connect handles of a selected step, in screen coordinates.
pub(super) fn handles(rect: &Rect, view: ViewTransform) -> [Pos2; 4] {
    let r = view.rect_to_screen(rect);
    [
        r.right_center(),
        r.center_bottom(),
        r.left_center(),
        r.center_top(),
    ]
}

/// One frame of pointer input.
pub(super) fn pointer_input(input: &mut Input, cx: &Pointer) {
    let here = Here::of(cx, &mut input.canvas.hit);
    let response = cx.response;
    cursor_hint(cx, &here);
    if response.clicked() {
        on_click(input, cx, &here);
    }
    if response.double_clicked() {
        on_double_click(input, cx, &here);
    }
    if response.secondary_clicked() {
        on_secondary_click(input, &here);
    }
    if response.drag_started() {
        input.canvas.drag = Drag::start(input, cx, &here);
    }
    if response.dragged()
        && let Some(p) = here.at
    {
        input.canvas.drag.update(input.intents, cx, p);
        input.canvas.drag.paint(cx, p);
    }
    if response.drag_stopped() {
        std::mem::take(&mut input.canvas.drag).finish(input, cx, &here);
    }
    context_menu(input, response, cx.process, cx.lang);
}

/// Resize arrows over a band's far edge (across that edge), a hand over a
/// step.
fn cursor_hint(cx: &Pointer, here: &Here) {
    let Some(p) = here.at else { return };
    let ctx = &cx.response.ctx;
    if let Some(edge) = band_edge(cx.layout, p, here.tolerance) {
        ctx.set_cursor_icon(if edge_runs_across(cx.layout, edge) {
            CursorIcon::ResizeVertical
        } else {
            CursorIcon::ResizeHorizontal
        });
    } else if matches!(here.hit, Some(Source::Step(_))) {
        ctx.set_cursor_icon(CursorIcon::Grab);
    }
}

/// Whether the resizable edge of this band runs left to right (its header
/// is a cell at the band's side), so it is dragged up and down.
fn edge_runs_across(layout: &ChartLayout, band: Source) -> bool {
    let found = match band {
        Source::Lane(id) => layout
            .lanes
            .iter()
            .find(|b| b.id == id)
            .map(|b| (b.rect, b.header)),
        Source::Phase(id) => layout
            .phases
            .iter()
            .find(|b| b.id == id)
            .map(|b| (b.rect, b.header)),
        _ => None,
    };
    found.is_some_and(|(rect, header)| header.width() < rect.width())
}

fn is_exit(process: &Process, id: StepId) -> bool {
    process
        .steps
        .get(&id)
        .is_some_and(|s| matches!(s.kind, StepKind::ProcessExit { .. }))
}

/// A click: create with the chosen tool, or select what was hit.
fn on_click(input: &mut Input, cx: &Pointer, here: &Here) {
    let selection = &mut *input.selection;
    match (cx.tool, here.hit, here.at) {
        (Tool::Create(kind), _, Some(p)) => {
            if let Some(step) = new_step(cx.process, cx.layout, kind.clone(), p, cx.lang) {
                input.intents.push(Command::CreateStep(step));
            }
            input.intents.push(Command::SetTool(Tool::Select));
        }
        // Ctrl/Cmd+click on an exit opens the process it leads into.
        (_, Some(Source::Step(id)), _) if here.modifiers.command && is_exit(cx.process, id) => {
            input.intents.push(Command::FollowExit(id));
        }
        (_, Some(Source::Step(id)), _) if here.adding() => toggle(&mut selection.steps, id),
        (_, Some(Source::Step(id)), _) => *selection = Selection::only_step(id),
        (_, Some(Source::Connector(id)), _) if here.adding() => {
            selection.connectors.insert(id);
        }
        (_, Some(Source::Connector(id)), _) => {
            *selection = Selection {
                connectors: [id].into(),
                ..Selection::default()
            }
        }
        (_, Some(Source::LaneHeader(id)), _) => {
            *selection = Selection {
                lane: Some(id),
                ..Selection::default()
            }
        }
        (_, Some(Source::PhaseHeader(id)), _) => {
            *selection = Selection {
                phase: Some(id),
                ..Selection::default()
            }
        }
        _ if !here.adding() => selection.clear(),
        _ => {}
    }
}

/// Adds `id` to the set, or takes it out when it is there.
fn toggle(set: &mut std::collections::BTreeSet<StepId>, id: StepId) {
    if !set.remove(&id) {
        set.insert(id);
    }
}

/// A double click: rename what was hit, or add a step on empty lane space.
fn on_double_click(input: &mut Input, cx: &Pointer, here: &Here) {
    let p = cx.process;
    let rename = match here.hit {
        Some(Source::Step(id)) => p
            .steps
            .get(&id)
            .map(|s| (InlineTarget::StepTitle(id), s.title.clone())),
        Some(Source::Connector(id)) => p.connectors.get(&id).map(|c| {
            let label = c.label.clone().unwrap_or_default();
            (InlineTarget::ConnectorLabel(id), label)
        }),
        Some(Source::LaneHeader(id)) => p
            .lane(id)
            .map(|l| (InlineTarget::LaneName(id), l.name.clone())),
        Some(Source::PhaseHeader(id)) => p
            .phase(id)
            .map(|ph| (InlineTarget::PhaseName(id), ph.name.clone())),
        Some(Source::Lane(_) | Source::Phase(_)) | None => None,
    };
    if let Some((target, text)) = rename {
        input.intents.push(Command::Inline(target, text));
    } else if let (Some(Source::Lane(_) | Source::Phase(_)), Some(at)) = (here.hit, here.at)
        && let Some(step) = new_step(p, cx.layout, StepKind::Process, at, cx.lang)
    {
        input.intents.push(Command::CreateStep(step));
    }
}

/// A right click: the context menu opens on what was hit (a step not yet
/// selected becomes the selection).
fn on_secondary_click(input: &mut Input, here: &Here) {
    let Some(p) = here.at else { return };
    if let Some(Source::Step(id)) = here.hit
        && !input.selection.steps.contains(&id)
    {
        *input.selection = Selection::only_step(id);
    }
    input.canvas.context = Some((here.hit, p));
}
