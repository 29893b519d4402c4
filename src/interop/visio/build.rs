//! A Visio page's shapes as a process: swimlanes → lanes in their order,
//! separators → phases, flowchart shapes → steps placed where they are
//! drawn in their lane and phase, glued connectors → connectors with their
//! text; Flowcase's own Shape Data gives back what an export wrote.
//! Everything not kept is reported.

use super::VisioError;
use super::classify::{Part, StepShape, part_of};
use super::data;
use super::place;
use super::sheets::Inherit;
use crate::interop::fit::at_most;
use crate::interop::report::{ImportNote, Imported};
use crate::layout::{Frame, Rect};
use crate::model::limits::{Limited, MAX_CONNECTORS, MAX_LANES, MAX_PHASES, MAX_STEPS};
use crate::model::{
    Connector, FlowPoint, Lane, LaneId, Orientation, Phase, PhaseId, Process, Step, StepId,
    StepKind,
};
use std::collections::{BTreeMap, BTreeSet};

/// A glue of a connector's end to a shape (the page's `Connects`), by
/// shape ids.
#[derive(Clone, Debug, PartialEq)]
pub struct Glue {
    pub connector: u32,
    /// Its begin (else its end).
    pub begin: bool,
    pub shape: u32,
}

/// The shapes of a page sorted by what they are (sheet indices).
#[derive(Default)]
struct Found {
    lanes: Vec<usize>,
    /// Whether the lanes' master says they run down the page.
    vertical: Option<bool>,
    phases: Vec<usize>,
    steps: Vec<(usize, StepShape)>,
    lines: Vec<usize>,
    structures: Vec<usize>,
}

/// Each line's glued ends: the step shapes (sheet indices) at its begin
/// and at its end.
type Ends = BTreeMap<usize, (Option<usize>, Option<usize>)>;

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
    let mut process = Process {
        orientation: match place::is_vertical(inh, &found.lanes, found.vertical) {
            true => Orientation::Vertical,
            false => Orientation::Horizontal,
        },
        ..Process::default()
    };
    process.overview.name = name.to_owned();
    for s in &found.structures {
        data::read_overview(&inh.page.all[*s], &mut process);
    }
    let mut frame = Frame {
        orientation: process.orientation,
        label: 0.0,
    };
    frame.label = place::header_depth(inh, &found.lanes, &frame);
    let lanes = if found.lanes.is_empty() {
        notes.push(ImportNote::OneLane {
            name: name.to_owned(),
        });
        let boxes: Vec<Rect> = found
            .steps
            .iter()
            .map(|(i, _)| place::rect(inh, *i))
            .collect();
        vec![place::one_lane(&boxes, &frame, name, &mut process)]
    } else {
        let bands = place::bands(inh, &found.lanes, &frame, false);
        for (n, band) in bands.iter().enumerate() {
            process.lanes.push(Lane {
                id: LaneId(n as u32 + 1),
                name: band.name.clone(),
                size: band.size,
            });
        }
        bands.into_iter().map(|b| b.rect).collect()
    };
    let bands = place::bands(inh, &found.phases, &frame, true);
    for (n, band) in bands.iter().enumerate() {
        process.phases.push(Phase {
            id: PhaseId(n as u32 + 1),
            name: band.name.clone(),
            size: band.size,
        });
    }
    let phases: Vec<Rect> = bands.into_iter().map(|b| b.rect).collect();
    let ends = glued_ends(inh, &found, glues);
    let step_of = add_steps(
        inh,
        &found,
        &ends,
        (&frame, &lanes, &phases),
        &mut process,
        &mut notes,
    );
    add_connectors(inh, &found, &ends, &step_of, &mut process, &mut notes);
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
            Part::Lane { vertical } => {
                found.vertical = found.vertical.or(vertical);
                found.lanes.push(i);
            }
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
    notes.extend(looks_not_kept(inh, &found));
    found
}

/// Colours of their own (an export colours every shape by its kind: those
/// say nothing) and layers, counted over the steps.
fn looks_not_kept(inh: &Inherit, found: &Found) -> Vec<ImportNote> {
    let sheets = || found.steps.iter().map(|(i, _)| &inh.page.all[*i]);
    let coloured = sheets()
        .filter(|s| s.cells.contains_key("FillForegnd") && !s.data.contains_key(data::AT))
        .count();
    let layered = sheets()
        .filter(|s| {
            s.cells
                .get("LayerMember")
                .is_some_and(|l| !l.trim().is_empty())
        })
        .count();
    let mut notes = Vec::new();
    if coloured > 0 {
        notes.push(ImportNote::Colours { count: coloured });
    }
    if layered > 0 {
        notes.push(ImportNote::Layers { count: layered });
    }
    notes
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

/// Where each line is glued: a glue to a sub-shape counts for the step
/// shape it is part of.
fn glued_ends(inh: &Inherit, found: &Found, glues: &[Glue]) -> Ends {
    let steps: BTreeSet<usize> = found.steps.iter().map(|(i, _)| *i).collect();
    let step_at = |shape: u32| {
        let mut at = inh.page.by_id.get(&shape).copied();
        while let Some(i) = at {
            if steps.contains(&i) {
                return Some(i);
            }
            at = inh.page.all[i].parent;
        }
        None
    };
    let mut ends = Ends::new();
    for glue in glues {
        let Some(line) = inh.page.by_id.get(&glue.connector) else {
            continue;
        };
        let end = ends.entry(*line).or_default();
        let step = step_at(glue.shape);
        if glue.begin {
            end.0 = end.0.or(step);
        } else {
            end.1 = end.1.or(step);
        }
    }
    ends
}

/// One step per flowchart shape, in the lane and phase it is drawn in; a
/// terminator is an end when lines lead in and none out. Returns each
/// shape's step by its sheet index.
fn add_steps(
    inh: &Inherit,
    found: &Found,
    ends: &Ends,
    (frame, lanes, phases): (&Frame, &[Rect], &[Rect]),
    process: &mut Process,
    notes: &mut Vec<ImportNote>,
) -> BTreeMap<usize, StepId> {
    let into: BTreeSet<usize> = ends.values().filter_map(|e| e.1).collect();
    let out_of: BTreeSet<usize> = ends.values().filter_map(|e| e.0).collect();
    let mut step_of = BTreeMap::new();
    for (n, (i, shape)) in found.steps.iter().enumerate() {
        let title = inh.text(*i);
        let kind = match shape {
            StepShape::Kind(k) => k.clone(),
            StepShape::Terminator if into.contains(i) && !out_of.contains(i) => StepKind::End,
            StepShape::Terminator => StepKind::Start,
            StepShape::Exit => StepKind::ProcessExit {
                number: String::new(),
                name: title.clone(),
            },
        };
        let centre = place::centre(inh, *i);
        let Some(located) = frame.locate(centre, lanes, phases) else {
            continue;
        };
        let Some(lane) = process.lanes.get(located.lane).map(|l| l.id) else {
            continue;
        };
        if !lanes.iter().any(|r| r.contains(centre)) {
            notes.push(ImportNote::OutsideLanes {
                name: title.replace('\n', " "),
            });
        }
        let at = data::kept_at(&inh.page.all[*i], located.at);
        let at = FlowPoint::new(at.along.max(0.0), at.across.max(0.0));
        let id = StepId(n as u32 + 1);
        let mut step = Step::new(id, kind, &title, lane, at);
        step.phase = located.phase.map(|p| PhaseId(p as u32 + 1));
        process.steps.insert(id, step);
        step_of.insert(*i, id);
    }
    step_of
}

/// One connector per line glued to a step at both ends, its text its
/// label; any other line is reported.
fn add_connectors(
    inh: &Inherit,
    found: &Found,
    ends: &Ends,
    step_of: &BTreeMap<usize, StepId>,
    process: &mut Process,
    notes: &mut Vec<ImportNote>,
) {
    for line in &found.lines {
        let label = inh.text(*line);
        let end = ends.get(line).copied().unwrap_or_default();
        let steps = (
            end.0.and_then(|i| step_of.get(&i)),
            end.1.and_then(|i| step_of.get(&i)),
        );
        match steps {
            (Some(from), Some(to)) => {
                let id = process.next_connector_id();
                process.connectors.insert(
                    id,
                    Connector {
                        id,
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
