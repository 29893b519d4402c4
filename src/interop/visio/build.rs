//! A Visio page's shapes as a process: swimlanes → lanes in their order,
//! separators → phases, flowchart shapes → steps placed where they are
//! drawn in their lane and phase, glued connectors → connectors with their
//! text; Flowcase's own Shape Data (what an export wrote) gives back the
//! roles, 要点, outputs, numbers and the overview. Everything not kept is
//! reported.

use super::VisioError;
use super::classify::{Part, StepShape, part_of};
use super::data;
use super::sheets::Inherit;
use crate::interop::fit::at_most;
use crate::interop::report::{ImportNote, Imported};
use crate::layout::{Frame, Point, Rect};
use crate::model::limits::{Limited, MAX_CONNECTORS, MAX_LANES, MAX_PHASES, MAX_STEPS};
use crate::model::{
    Connector, ConnectorId, FlowPoint, Lane, LaneId, Orientation, Phase, PhaseId, Process, Step,
    StepId, StepKind,
};
use std::collections::{BTreeMap, BTreeSet};

/// Chart units per inch (Visio measures in inches).
pub const UNITS_PER_INCH: f64 = 96.0;

/// A glue of a connector's end to a shape (the page's `Connects`).
#[derive(Clone, Debug, PartialEq)]
pub struct Glue {
    pub connector: u32,
    /// Its begin (else its end).
    pub begin: bool,
    pub shape: u32,
}

/// The shapes of a page sorted by what they are.
#[derive(Default)]
struct Found {
    lanes: Vec<usize>,
    phases: Vec<usize>,
    steps: Vec<(usize, StepShape)>,
    lines: Vec<usize>,
    structures: Vec<usize>,
}

/// The process drawn on one page named `name`.
pub fn build(inh: &Inherit, glues: &[Glue], name: &str) -> Result<Imported, VisioError> {
    let mut notes = Vec::new();
    if inh.page.too_deep > 0 {
        notes.push(ImportNote::TooDeep {
            count: inh.page.too_deep,
            depth: super::sheets::MAX_DEPTH,
        });
    }
    let found = sort_shapes(inh, &mut notes);
    at_most(Limited::Lanes, found.lanes.len(), MAX_LANES)
        .and_then(|()| at_most(Limited::Phases, found.phases.len(), MAX_PHASES))
        .and_then(|()| at_most(Limited::Steps, found.steps.len(), MAX_STEPS))
        .and_then(|()| at_most(Limited::Connectors, found.lines.len(), MAX_CONNECTORS))
        .map_err(VisioError::OverLimit)?;
    let geometry = Geometry { inh };
    let vertical = is_vertical(inh, &found, &geometry);
    let mut process = Process {
        orientation: if vertical {
            Orientation::Vertical
        } else {
            Orientation::Horizontal
        },
        ..Process::default()
    };
    process.overview.name = name.to_owned();
    for s in &found.structures {
        data::read_overview(&inh.page.all[*s], &mut process);
    }
    // The lanes' headers, where an export said how deep they are.
    let label = found
        .lanes
        .first()
        .and_then(|i| data::header_depth(&inh.page.all[*i]))
        .unwrap_or(0.0);
    let frame = Frame {
        orientation: process.orientation,
        label,
    };
    let lane_rects = add_lanes(
        inh,
        &found,
        &geometry,
        &frame,
        name,
        &mut process,
        &mut notes,
    );
    let phase_rects = add_phases(inh, &found, &geometry, &frame, &mut process);
    let step_of = add_steps(
        inh,
        &found,
        glues,
        &geometry,
        (&frame, &lane_rects, &phase_rects),
        &mut process,
    );
    add_connectors(inh, &found, glues, &step_of, &mut process, &mut notes);
    data::read_step_data(inh, &step_of, &mut process);
    Ok(Imported {
        needs_layout: false,
        process,
        notes,
        sub_processes: Vec::new(),
    })
}

/// Walks the page from its top shapes: structures and groups are opened,
/// everything else is sorted (its own sub-shapes are part of it).
fn sort_shapes(inh: &Inherit, notes: &mut Vec<ImportNote>) -> Found {
    let mut found = Found::default();
    let mut todo: Vec<usize> = inh.page.top.iter().rev().copied().collect();
    let mut pictures = 0;
    while let Some(i) = todo.pop() {
        let open = |todo: &mut Vec<usize>| todo.extend(inh.page.all[i].children.iter().rev());
        match part_of(inh, i) {
            Part::Lane { .. } => found.lanes.push(i),
            Part::Phase => found.phases.push(i),
            Part::Structure => {
                found.structures.push(i);
                open(&mut todo);
            }
            Part::Step(shape) => found.steps.push((i, shape)),
            Part::Line => found.lines.push(i),
            Part::Group => {
                notes.push(ImportNote::Group {
                    name: shown_name(inh, i),
                });
                open(&mut todo);
            }
            Part::Picture => pictures += 1,
            Part::Nothing => {}
        }
    }
    if pictures > 0 {
        notes.push(ImportNote::Pictures { count: pictures });
    }
    // Colours of their own (Flowcase's export colours every shape by its
    // kind: those say nothing).
    let coloured = found
        .steps
        .iter()
        .map(|(i, _)| &inh.page.all[*i])
        .filter(|s| s.cells.contains_key("FillForegnd") && !s.data.contains_key(super::data::AT))
        .count();
    if coloured > 0 {
        notes.push(ImportNote::Colours { count: coloured });
    }
    let layered = found
        .steps
        .iter()
        .filter(|(i, _)| {
            inh.page.all[*i]
                .cells
                .get("LayerMember")
                .is_some_and(|l| !l.trim().is_empty())
        })
        .count();
    if layered > 0 {
        notes.push(ImportNote::Layers { count: layered });
    }
    found
}

/// A shape as a report names it: its text, else its name.
fn shown_name(inh: &Inherit, i: usize) -> String {
    let text = inh.text(i);
    if text.is_empty() {
        inh.page.all[i].name.clone()
    } else {
        text.replace('\n', " ")
    }
}

/// Where shapes are on the page, in chart units (y down).
struct Geometry<'a, 'b> {
    inh: &'a Inherit<'b>,
}

impl Geometry<'_, '_> {
    /// The page point (inches) of the local origin of shape `i`.
    fn origin(&self, i: usize) -> (f64, f64) {
        let (mut x, mut y) = (0.0, 0.0);
        let mut at = Some(i);
        let mut steps = 0;
        while let Some(s) = at {
            let (w, h) = self.size(s);
            let pin_x = self.inh.cell(s, "PinX").unwrap_or(0.0);
            let pin_y = self.inh.cell(s, "PinY").unwrap_or(0.0);
            let loc_x = self.inh.cell(s, "LocPinX").unwrap_or(w / 2.0);
            let loc_y = self.inh.cell(s, "LocPinY").unwrap_or(h / 2.0);
            x += pin_x - loc_x;
            y += pin_y - loc_y;
            at = self.inh.page.all[s].parent;
            steps += 1;
            if steps > super::sheets::MAX_DEPTH {
                break;
            }
        }
        (x, y)
    }

    fn size(&self, i: usize) -> (f64, f64) {
        (
            self.inh.cell(i, "Width").unwrap_or(0.0),
            self.inh.cell(i, "Height").unwrap_or(0.0),
        )
    }

    /// Shape `i`'s box in chart units.
    fn rect(&self, i: usize) -> Rect {
        let (x, y) = self.origin(i);
        let (w, h) = self.size(i);
        let (x0, x1) = (x.min(x + w), x.max(x + w));
        let (y0, y1) = (y.min(y + h), y.max(y + h));
        let unit = |v: f64| (v * UNITS_PER_INCH) as f32;
        Rect::from_min_size(unit(x0), unit(-y1), unit(x1 - x0), unit(y1 - y0))
    }

    /// A page point (inches) in chart units.
    fn point(&self, x: f64, y: f64) -> Point {
        Point::new((x * UNITS_PER_INCH) as f32, (-y * UNITS_PER_INCH) as f32)
    }

    /// The centre of shape `i`'s box in chart units.
    fn centre(&self, i: usize) -> Point {
        let (x, y) = self.origin(i);
        let (w, h) = self.size(i);
        self.point(x + w / 2.0, y + h / 2.0)
    }
}

/// Lanes stacked down the page run the flow across it; lanes side by side
/// run it down. A lane's master may say so.
fn is_vertical(inh: &Inherit, found: &Found, g: &Geometry) -> bool {
    if let Some(Part::Lane { vertical: Some(v) }) = found.lanes.first().map(|i| part_of(inh, *i)) {
        return v;
    }
    match found.lanes.first() {
        Some(i) => {
            let r = g.rect(*i);
            r.height() > r.width()
        }
        None => false,
    }
}

/// The lanes in order across the flow, each its drawn size; a page without
/// swimlanes gets one lane named after it, around all its shapes.
#[allow(clippy::too_many_arguments)]
fn add_lanes(
    inh: &Inherit,
    found: &Found,
    g: &Geometry,
    frame: &Frame,
    name: &str,
    process: &mut Process,
    notes: &mut Vec<ImportNote>,
) -> Vec<Rect> {
    let mut lanes: Vec<(usize, Rect)> = found.lanes.iter().map(|i| (*i, g.rect(*i))).collect();
    lanes.sort_by(|a, b| {
        frame
            .across(a.1.min)
            .total_cmp(&frame.across(b.1.min))
            .then(a.0.cmp(&b.0))
    });
    if lanes.is_empty() {
        notes.push(ImportNote::OneLane {
            name: name.to_owned(),
        });
        let rects = found.steps.iter().map(|(i, _)| g.rect(*i));
        let around = Rect::around(rects.flat_map(|r| [r.min, r.max]));
        let margin = 40.0;
        let across = frame.across(around.min) - margin;
        let size = (frame.across(around.max) - across + margin).clamp(Lane::DEFAULT_SIZE, 10_000.0);
        process.lanes.push(Lane {
            id: LaneId(1),
            name: name.to_owned(),
            size,
        });
        let along = frame.along(around.min) - margin;
        let rect = match process.orientation {
            Orientation::Horizontal => Rect::from_min_size(along, across, f32::MAX / 4.0, size),
            Orientation::Vertical => Rect::from_min_size(across, along, size, f32::MAX / 4.0),
        };
        return vec![rect];
    }
    for (n, (i, rect)) in lanes.iter().enumerate() {
        let drawn = frame.across(rect.max) - frame.across(rect.min);
        let size = data::kept_size(&inh.page.all[*i], drawn).clamp(40.0, 10_000.0);
        process.lanes.push(Lane {
            id: LaneId(n as u32 + 1),
            name: lane_name(inh, *i),
            size,
        });
    }
    lanes.into_iter().map(|(_, r)| r).collect()
}

/// A lane's name: its heading text, its own text, a sub-shape's, its
/// master's.
fn lane_name(inh: &Inherit, i: usize) -> String {
    if let Some(heading) = inh
        .user(i, "visHeadingText")
        .filter(|t| !t.trim().is_empty())
    {
        return heading.trim().to_owned();
    }
    let own = inh.page.all[i].text.clone().unwrap_or_default();
    if !own.trim().is_empty() {
        return own;
    }
    inh.page.all[i]
        .children
        .iter()
        .map(|c| inh.text(*c))
        .find(|t| !t.trim().is_empty())
        .unwrap_or_else(|| inh.text(i))
}

/// The phases in order along the flow.
fn add_phases(
    inh: &Inherit,
    found: &Found,
    g: &Geometry,
    frame: &Frame,
    process: &mut Process,
) -> Vec<Rect> {
    let mut phases: Vec<(usize, Rect)> = found.phases.iter().map(|i| (*i, g.rect(*i))).collect();
    phases.sort_by(|a, b| {
        frame
            .along(a.1.min)
            .total_cmp(&frame.along(b.1.min))
            .then(a.0.cmp(&b.0))
    });
    for (n, (i, rect)) in phases.iter().enumerate() {
        let drawn = frame.along(rect.max) - frame.along(rect.min);
        process.phases.push(Phase {
            id: PhaseId(n as u32 + 1),
            name: lane_name(inh, *i),
            size: data::kept_size(&inh.page.all[*i], drawn).clamp(40.0, 10_000.0),
        });
    }
    phases.into_iter().map(|(_, r)| r).collect()
}

/// One step per flowchart shape, in the lane and phase it is drawn in;
/// returns each shape's step by its shape id.
fn add_steps(
    inh: &Inherit,
    found: &Found,
    glues: &[Glue],
    g: &Geometry,
    (frame, lanes, phases): (&Frame, &[Rect], &[Rect]),
    process: &mut Process,
) -> BTreeMap<u32, StepId> {
    let led_into: BTreeSet<u32> = glues.iter().filter(|e| !e.begin).map(|e| e.shape).collect();
    let mut step_of = BTreeMap::new();
    for (n, (i, shape)) in found.steps.iter().enumerate() {
        let sheet = &inh.page.all[*i];
        let title = inh.text(*i);
        let kind = match shape {
            StepShape::Kind(k) => k.clone(),
            StepShape::Terminator if led_into.contains(&sheet.id) => StepKind::End,
            StepShape::Terminator => StepKind::Start,
            StepShape::Exit => StepKind::ProcessExit {
                number: String::new(),
                name: title.clone(),
            },
        };
        let center = g.centre(*i);
        let Some(place) = frame.locate(center, lanes, phases) else {
            continue;
        };
        let at = data::kept_at(sheet, place.at);
        let at = FlowPoint::new(at.along.max(0.0), at.across.max(0.0));
        let lane = process.lanes[place.lane.min(process.lanes.len() - 1)].id;
        let id = StepId(n as u32 + 1);
        let mut step = Step::new(id, kind, &title, lane, at);
        step.phase = place.phase.map(|p| PhaseId(p as u32 + 1));
        process.steps.insert(id, step);
        step_of.insert(sheet.id, id);
    }
    step_of
}

/// One connector per line glued to a step at both ends, its text its
/// label; any other line is reported.
fn add_connectors(
    inh: &Inherit,
    found: &Found,
    glues: &[Glue],
    step_of: &BTreeMap<u32, StepId>,
    process: &mut Process,
    notes: &mut Vec<ImportNote>,
) {
    // A glue to a sub-shape counts for the step it is part of.
    let mut index_of_id: BTreeMap<u32, usize> = BTreeMap::new();
    for (i, s) in inh.page.all.iter().enumerate() {
        index_of_id.entry(s.id).or_insert(i);
    }
    let step_at = |shape: u32| {
        let mut at = index_of_id.get(&shape).copied();
        while let Some(i) = at {
            if let Some(step) = step_of.get(&inh.page.all[i].id) {
                return Some(*step);
            }
            at = inh.page.all[i].parent;
        }
        None
    };
    let mut ends: BTreeMap<u32, (Option<StepId>, Option<StepId>)> = BTreeMap::new();
    for glue in glues {
        let end = ends.entry(glue.connector).or_default();
        let step = step_at(glue.shape);
        if glue.begin {
            end.0 = end.0.or(step);
        } else {
            end.1 = end.1.or(step);
        }
    }
    for i in &found.lines {
        let sheet = &inh.page.all[*i];
        let label = inh.text(*i);
        match ends.get(&sheet.id) {
            Some((Some(from), Some(to))) => {
                let id = process.next_connector_id();
                process.connectors.insert(
                    id,
                    Connector {
                        id: ConnectorId(id.0),
                        from: *from,
                        to: *to,
                        label: (!label.is_empty()).then_some(label),
                    },
                );
            }
            _ => notes.push(ImportNote::LooseEdge { label }),
        }
    }
}
