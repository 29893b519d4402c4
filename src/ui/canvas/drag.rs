//! The canvas's drags as a small state machine: each kind starts from what
//! was under the press, updates the document (in one undo step) or paints
//! a preview while the pointer moves, and finishes on release.

use super::pointer::{Here, Input, Pointer, handles};
use super::*;

/// How far, in screen pixels, around a connect handle a press still grabs it.
const HANDLE_SLOP_PX: f32 = 3.0;
/// The thinnest a lane, and the shortest a phase, may be dragged to.
const MIN_LANE_SIZE: f32 = 40.0;
const MIN_PHASE_SIZE: f32 = 80.0;
/// Opacity of the rubber band's fill.
const RUBBER_FILL_ALPHA: f32 = 0.08;
/// Width of preview lines (a connector being drawn, a band's new place).
const PREVIEW_STROKE_PX: f32 = 2.0;

/// A lane or a phase: the bands that are reordered and resized alike.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Band {
    Lane(LaneId),
    Phase(PhaseId),
}

#[derive(Default)]
pub(super) enum Drag {
    #[default]
    None,
    Pan,
    /// Selected steps follow the pointer, snapped to the grid, into
    /// whatever lane and phase they are dropped in.
    Move {
        anchor: Point,
        starts: Vec<(StepId, Point)>,
        bands: Bands,
    },
    /// A rectangle that selects the boxes inside it.
    Rubber {
        start: Point,
    },
    /// A connector drawn from a step's handle to another step.
    Connect {
        from: StepId,
    },
    /// A band's header dragged to another place in the order.
    Order(Band),
    /// A band's far edge dragged to resize it.
    Size {
        band: Band,
        size: f32,
        anchor: Point,
    },
}

impl Drag {
    /// The drag a press at the pointer's origin starts.
    pub(super) fn start(input: &mut Input, cx: &Pointer, here: &Here) -> Drag {
        let layout = cx.layout;
        let pan = cx.response.dragged_by(egui::PointerButton::Middle)
            || cx.ui.input(|i| i.key_down(egui::Key::Space));
        let origin = cx
            .ui
            .input(|i| i.pointer.press_origin())
            .map(|p| cx.view.to_chart(p));
        let Some(o) = origin else {
            return if pan { Drag::Pan } else { Drag::None };
        };
        if pan {
            return Drag::Pan;
        }
        if let Some(from) = handle_under(input.selection, cx, o) {
            return Drag::Connect { from };
        }
        if let Some(edge) = band_edge(layout, o, here.tolerance) {
            return Drag::start_size(input, cx, edge, o);
        }
        match hit_test(layout, o, here.tolerance) {
            Some(Source::Step(id)) => {
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
                let bands = Bands::of(layout, cx.process.orientation);
                Drag::Move {
                    anchor: o,
                    starts,
                    bands,
                }
            }
            Some(Source::LaneHeader(lane)) => Drag::Order(Band::Lane(lane)),
            Some(Source::PhaseHeader(phase)) => Drag::Order(Band::Phase(phase)),
            _ => Drag::Rubber { start: o },
        }
    }

    /// Resizing the band whose far edge is at `o`, from its size as drawn.
    fn start_size(input: &mut Input, cx: &Pointer, edge: Source, o: Point) -> Drag {
        let (p, layout) = (cx.process, cx.layout);
        let (band, size) = match edge {
            Source::Lane(lane) => {
                let drawn = lane_extent(layout, lane);
                let size = p
                    .lane(lane)
                    .map_or(Lane::DEFAULT_SIZE, |l| l.size.max(drawn));
                (Band::Lane(lane), size)
            }
            Source::Phase(phase) => {
                let drawn = phase_extent(layout, phase);
                let size = p
                    .phase(phase)
                    .map_or(Phase::DEFAULT_SIZE, |x| x.size.max(drawn));
                (Band::Phase(phase), size)
            }
            _ => return Drag::None,
        };
        input.intents.push(Command::Begin);
        Drag::Size {
            band,
            size,
            anchor: o,
        }
    }

    /// The pointer moved to `p`: move steps or resize a band.
    pub(super) fn update(&self, intents: &mut Vec<Command>, cx: &Pointer, p: Point) {
        let edit = match self {
            Drag::Move {
                anchor,
                starts,
                bands,
            } => moved_steps(anchor, starts, bands, p),
            Drag::Size { band, size, anchor } => {
                let vertical = cx.process.orientation == Orientation::Vertical;
                Some(resized(*band, *size, *anchor, p, vertical))
            }
            _ => None,
        };
        if let Some(edit) = edit {
            intents.push(Command::InTransaction(edit));
        }
    }

    /// Paints the drag's preview with the pointer at `p`.
    pub(super) fn paint(&self, cx: &Pointer, p: Point) {
        let painter = cx.ui.painter_at(cx.response.rect);
        let view = cx.view;
        let stroke = Stroke::new(PREVIEW_STROKE_PX, SELECT_COLOR);
        match self {
            Drag::Rubber { start } => {
                let r = egui::Rect::from_two_pos(view.to_screen(*start), view.to_screen(p));
                let fill = SELECT_COLOR.gamma_multiply(RUBBER_FILL_ALPHA);
                let outline = Stroke::new(1.0, SELECT_COLOR);
                painter.rect(r, 0.0, fill, outline, egui::StrokeKind::Inside);
            }
            Drag::Connect { from } => {
                if let Some(r) = cx.layout.boxes.get(from) {
                    let a = view.to_screen(r.center());
                    painter.line_segment([a, view.to_screen(p)], stroke);
                }
            }
            Drag::Order(band) => {
                let vertical = cx.process.orientation == Orientation::Vertical;
                let across = vertical == matches!(band, Band::Lane(_));
                let (s, canvas) = (view.to_screen(p), cx.response.rect);
                let (a, b) = if across {
                    (
                        Pos2::new(s.x, canvas.top()),
                        Pos2::new(s.x, canvas.bottom()),
                    )
                } else {
                    (
                        Pos2::new(canvas.left(), s.y),
                        Pos2::new(canvas.right(), s.y),
                    )
                };
                painter.line_segment([a, b], stroke);
            }
            Drag::None | Drag::Pan | Drag::Move { .. } | Drag::Size { .. } => {}
        }
    }

    /// The pointer was released: close the undo step, select, connect or
    /// reorder.
    pub(super) fn finish(self, input: &mut Input, cx: &Pointer, here: &Here) {
        let (p, layout) = (cx.process, cx.layout);
        let Some(end) = here.at else {
            if matches!(self, Drag::Move { .. } | Drag::Size { .. }) {
                input.intents.push(Command::Commit);
            }
            return;
        };
        match self {
            Drag::Move { .. } | Drag::Size { .. } => input.intents.push(Command::Commit),
            Drag::Rubber { start } => {
                let area = Rect {
                    min: Point::new(start.x.min(end.x), start.y.min(end.y)),
                    max: Point::new(start.x.max(end.x), start.y.max(end.y)),
                };
                if !here.adding() {
                    input.selection.clear();
                }
                let inside = layout
                    .boxes
                    .iter()
                    .filter(|(_, r)| area.contains_rect(r, 0.0));
                input.selection.steps.extend(inside.map(|(id, _)| *id));
            }
            Drag::Connect { from } => {
                if let Some(Source::Step(to)) = hit_test(layout, end, here.tolerance)
                    && to != from
                {
                    input.intents.push(Command::Connect { from, to });
                }
            }
            Drag::Order(band) => {
                if let Some(edit) = reordered(band, p, layout, end) {
                    input.intents.push(Command::Edit(edit));
                }
            }
            Drag::None | Drag::Pan => {}
        }
    }
}

/// The step whose connect handle is under `o`, if any: the selected step's,
/// else the handles a step shows when hovered.
fn handle_under(selection: &Selection, cx: &Pointer, o: Point) -> Option<StepId> {
    let o = cx.view.to_screen(o);
    let on_handle = |id: &StepId| {
        cx.layout.boxes.get(id).is_some_and(|r| {
            handles(r, cx.view)
                .iter()
                .any(|h| h.distance(o) <= HANDLE + HANDLE_SLOP_PX)
        })
    };
    if let Some(id) = selection.single_step().filter(on_handle) {
        return Some(id);
    }
    cx.layout.boxes.keys().rev().copied().find(on_handle)
}

/// The moves that put each dragged step where the pointer took it.
fn moved_steps(
    anchor: &Point,
    starts: &[(StepId, Point)],
    bands: &Bands,
    p: Point,
) -> Option<Edit> {
    let (dx, dy) = (p.x - anchor.x, p.y - anchor.y);
    let moves: Vec<Edit> = starts
        .iter()
        .filter_map(|(id, c)| bands.move_to(*id, Point::new(snap(c.x + dx), snap(c.y + dy))))
        .collect();
    (!moves.is_empty()).then_some(Edit::Batch(moves))
}

/// A band's new size with its far edge at `p`.
fn resized(band: Band, size: f32, anchor: Point, p: Point, vertical: bool) -> Edit {
    let across = vertical == matches!(band, Band::Lane(_));
    let delta = if across {
        p.x - anchor.x
    } else {
        p.y - anchor.y
    };
    match band {
        Band::Lane(id) => Edit::ResizeLane {
            id,
            size: (size + delta).max(MIN_LANE_SIZE).round(),
        },
        Band::Phase(id) => Edit::ResizePhase {
            id,
            size: (size + delta).max(MIN_PHASE_SIZE).round(),
        },
    }
}

/// The band dropped at `end`, moved to the place of the band there.
fn reordered(band: Band, p: &Process, layout: &ChartLayout, end: Point) -> Option<Edit> {
    let (lane_there, phase_there, _) = Bands::of(layout, p.orientation).locate(end)?;
    match band {
        Band::Lane(id) => {
            let index = p.lane_index(lane_there)?;
            (p.lane_index(id) != Some(index)).then_some(Edit::MoveLane { id, index })
        }
        Band::Phase(id) => {
            let index = p.phase_index(phase_there?)?;
            (p.phase_index(id) != Some(index)).then_some(Edit::MovePhase { id, index })
        }
    }
}
