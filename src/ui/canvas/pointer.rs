//! Pointer input on the canvas: clicks, double-clicks, drags (move,
//! rubber band, connect, reorder and resize bands, pan).

use super::*;

#[derive(Default)]
pub(super) enum Drag {
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

pub(super) struct Input<'a> {
    pub(super) canvas: &'a mut CanvasState,
    pub(super) selection: &'a mut Selection,
    pub(super) intents: &'a mut Vec<Command>,
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

#[allow(clippy::too_many_arguments)]
pub(super) fn pointer_input(
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
                    input.intents.push(Command::CreateStep(step));
                }
                input.intents.push(Command::SetTool(Tool::Select));
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
                    .push(Command::Inline(InlineTarget::StepTitle(id), title));
            }
            (Some(Source::Connector(id)), _) => {
                let label = process
                    .connectors
                    .get(&id)
                    .and_then(|c| c.label.clone())
                    .unwrap_or_default();
                input
                    .intents
                    .push(Command::Inline(InlineTarget::ConnectorLabel(id), label));
            }
            (Some(Source::LaneHeader(id)), _) => {
                let name = process.lane(id).map(|l| l.name.clone()).unwrap_or_default();
                input
                    .intents
                    .push(Command::Inline(InlineTarget::LaneName(id), name));
            }
            (Some(Source::PhaseHeader(id)), _) => {
                let name = process
                    .phase(id)
                    .map(|l| l.name.clone())
                    .unwrap_or_default();
                input
                    .intents
                    .push(Command::Inline(InlineTarget::PhaseName(id), name));
            }
            (Some(Source::Lane(_)) | Some(Source::Phase(_)), Some(p)) => {
                if let Some(step) = new_step(process, layout, StepKind::Process, p, lang) {
                    input.intents.push(Command::CreateStep(step));
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
                            .map_or(crate::model::Lane::DEFAULT_SIZE, |l| {
                                l.size.max(lane_extent(layout, lane))
                            }),
                        anchor: o,
                    },
                    Some(Source::Phase(phase)) => Drag::PhaseSize {
                        phase,
                        size: process
                            .phase(phase)
                            .map_or(crate::model::Phase::DEFAULT_SIZE, |p| {
                                p.size.max(phase_extent(layout, phase))
                            }),
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
                input.intents.push(Command::Begin);
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
            input.intents.push(Command::Begin);
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
                    input
                        .intents
                        .push(Command::InTransaction(Edit::Batch(moves)));
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
                input.intents.push(Command::InTransaction(Edit::ResizeLane {
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
                input
                    .intents
                    .push(Command::InTransaction(Edit::ResizePhase {
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
                input.intents.push(Command::Commit)
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
                        .push(Command::Edit(Edit::AddConnector(Connector {
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
                        .push(Command::Edit(Edit::MoveLane { id: lane, index }));
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
                        .push(Command::Edit(Edit::MovePhase { id: phase, index }));
                }
            }
            _ => {}
        }
    }

    context_menu(input, response, process, lang);
}
