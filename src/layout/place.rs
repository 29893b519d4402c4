//! Where everything goes: boxes kept inside their lane and phase and clear
//! of each other, bands grown to hold them, and the chart's frame. Pure
//! geometry from the process and the measured box sizes; nothing drawn.

use super::geometry::{Point, Rect};
use super::style::ChartStyle;
use crate::model::{LaneId, Orientation, PhaseId, Process, StepId};
use std::collections::BTreeMap;

/// A lane or phase band: the whole band and its header cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Band<Id> {
    pub id: Id,
    pub rect: Rect,
    pub header: Rect,
}

/// The placed chart: bands, boxes and frame.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Geometry {
    pub lanes: Vec<Band<LaneId>>,
    pub phases: Vec<Band<PhaseId>>,
    pub boxes: BTreeMap<StepId, Rect>,
    /// The area inside the headers, where boxes and routes live.
    pub content: Rect,
    pub width: f32,
    pub height: f32,
}

/// A box being placed, in flow coordinates: `along` and `across` are its
/// centre within its cell, `extent_*` its size along and across the flow.
struct Placed {
    id: StepId,
    /// Its place among the placed boxes in id order.
    order: usize,
    lane: usize,
    phase: Option<usize>,
    along: f32,
    across: f32,
    extent_along: f32,
    extent_across: f32,
}

/// A box in absolute flow coordinates: lane, centre along and across, and
/// its extents.
type Absolute = (usize, f32, f32, f32, f32, StepId);

/// Places every step whose box size `sizes` gives: (id, width, height) in
/// id order.
pub(super) fn place_boxes(
    process: &Process,
    sizes: &mut dyn Iterator<Item = (StepId, f32, f32)>,
    style: &ChartStyle,
) -> Geometry {
    let vertical = process.orientation == Orientation::Vertical;
    let margin = style.band_margin;
    // 1. Each box inside its cell, at least `margin` from the cell's start.
    let mut placed = place_in_cells(process, sizes, vertical, margin);
    // By cell, then along and across, then id: a total order, with keys of
    // plain integers made once per box (comparing floats field by field in
    // every comparison cost several times more).
    placed.sort_by_cached_key(cell_order_key);
    // 2. Boxes in one cell that would overlap are pushed along the flow.
    separate_in_cells(&mut placed, style.box_gap);

    // 3. Bands grow to hold their boxes.
    let mut lane_size: Vec<f32> = process.lanes.iter().map(|l| l.size).collect();
    let mut phase_size: Vec<f32> = process.phases.iter().map(|p| p.size).collect();
    for p in &placed {
        if let Some(size) = lane_size.get_mut(p.lane) {
            *size = size.max(p.across + p.extent_across / 2.0 + margin);
        }
        if let Some(size) = p.phase.and_then(|i| phase_size.get_mut(i)) {
            *size = size.max(p.along + p.extent_along / 2.0 + margin);
        }
    }
    let lane_start: Vec<f32> = running_sum(&lane_size);
    let phase_start: Vec<f32> = running_sum(&phase_size);

    // 4. Absolute flow positions; boxes outside any phase are pushed clear
    //    of the boxes already in their lane.
    let mut absolute: Vec<Absolute> = placed
        .iter()
        .map(|p| {
            let base = p
                .phase
                .and_then(|i| phase_start.get(i))
                .copied()
                .unwrap_or(0.0);
            let lane_base = lane_start.get(p.lane).copied().unwrap_or(0.0);
            (
                p.lane,
                base + p.along,
                lane_base + p.across,
                p.extent_along,
                p.extent_across,
                p.id,
            )
        })
        .collect();
    separate_unphased(&mut absolute, &placed, style.box_gap);
    let flow_end = absolute
        .iter()
        .map(|a| a.1 + a.3 / 2.0 + margin)
        .fold(
            phase_start.last().copied().unwrap_or(0.0) + phase_size.last().copied().unwrap_or(0.0),
            f32::max,
        )
        .max(480.0);
    let cross_end: f32 = lane_size.iter().sum();

    // Screen frame: headers first, then content.
    let phase_header = if process.phases.is_empty() {
        0.0
    } else {
        style.phase_header
    };
    let (x0, y0) = if vertical {
        (phase_header, style.lane_header)
    } else {
        (style.lane_header, phase_header)
    };
    let (width, height) = if vertical {
        (x0 + cross_end, y0 + flow_end)
    } else {
        (x0 + flow_end, y0 + cross_end)
    };
    let to_screen = |along: f32, across: f32| {
        if vertical {
            Point::new(x0 + across, y0 + along)
        } else {
            Point::new(x0 + along, y0 + across)
        }
    };

    let frame = Frame {
        x0,
        y0,
        width,
        height,
    };
    let lane_ids = process.lanes.iter().map(|l| l.id);
    let lane_depth = style.lane_header;
    let lanes = bands(
        lane_ids,
        &lane_start,
        &lane_size,
        vertical,
        lane_depth,
        &frame,
    );
    let phase_ids = process.phases.iter().map(|p| p.id);
    let phases = bands(
        phase_ids,
        &phase_start,
        &phase_size,
        !vertical,
        phase_header,
        &frame,
    );
    // Put back in id order, so that the map is built in one pass.
    let mut by_id: Vec<Option<(StepId, Rect)>> = vec![None; placed.len()];
    for ((_, along, across, ea, ec, id), p) in absolute.iter().zip(&placed) {
        let (w, h) = if vertical { (*ec, *ea) } else { (*ea, *ec) };
        if let Some(slot) = by_id.get_mut(p.order) {
            *slot = Some((
                *id,
                Rect::from_center_size(to_screen(*along, *across), w, h),
            ));
        }
    }
    let boxes = by_id.into_iter().flatten().collect();
    Geometry {
        lanes,
        phases,
        boxes,
        content: Rect::from_min_size(x0, y0, width - x0, height - y0),
        width,
        height,
    }
}

/// Each box inside its cell (its lane and phase), at least `margin` from
/// the cell's start, in id order.
fn place_in_cells(
    process: &Process,
    sizes: &mut dyn Iterator<Item = (StepId, f32, f32)>,
    vertical: bool,
    margin: f32,
) -> Vec<Placed> {
    // Few lanes and phases: a linear search beats a map.
    let lane_index = |id: LaneId| process.lanes.iter().position(|l| l.id == id);
    let phase_index = |id: PhaseId| process.phases.iter().position(|p| p.id == id);
    let mut placed: Vec<Placed> = Vec::with_capacity(process.steps.len());
    let mut sizes = sizes.peekable();
    for step in process.steps.values() {
        while sizes.next_if(|(id, ..)| *id < step.id).is_some() {}
        let size = sizes.next_if(|(id, ..)| *id == step.id);
        let (Some(lane), Some((_, width, height))) = (lane_index(step.lane), size) else {
            continue;
        };
        let (extent_along, extent_across) = if vertical {
            (height, width)
        } else {
            (width, height)
        };
        placed.push(Placed {
            id: step.id,
            order: placed.len(),
            lane,
            phase: step.phase.and_then(phase_index),
            along: step.at.along.max(extent_along / 2.0 + margin),
            across: step.at.across.max(extent_across / 2.0 + margin),
            extent_along,
            extent_across,
        });
    }
    placed
}

/// Where the headers end, and the chart's size.
struct Frame {
    x0: f32,
    y0: f32,
    width: f32,
    height: f32,
}

/// The bands (lanes or phases) from their starts and sizes: columns across
/// the chart's width, or rows down its height, each with a header `depth`
/// deep at its start.
fn bands<Id: Copy>(
    ids: impl Iterator<Item = Id>,
    starts: &[f32],
    sizes: &[f32],
    columns: bool,
    depth: f32,
    f: &Frame,
) -> Vec<Band<Id>> {
    ids.zip(starts.iter().zip(sizes))
        .map(|(id, (&start, &size))| {
            let (rect, header) = if columns {
                (
                    Rect::from_min_size(f.x0 + start, 0.0, size, f.height),
                    Rect::from_min_size(f.x0 + start, 0.0, size, depth),
                )
            } else {
                (
                    Rect::from_min_size(0.0, f.y0 + start, f.width, size),
                    Rect::from_min_size(0.0, f.y0 + start, depth, size),
                )
            };
            Band { id, rect, header }
        })
        .collect()
}

/// `(lane, phase, along, across, id)` as integers in the same order: no
/// phase before the first phase, floats as `total_cmp` orders them.
fn cell_order_key(p: &Placed) -> (usize, Option<usize>, u32, u32, StepId) {
    fn ordered(v: f32) -> u32 {
        let bits = v.to_bits();
        if bits >> 31 == 1 {
            !bits
        } else {
            bits | 1 << 31
        }
    }
    (p.lane, p.phase, ordered(p.along), ordered(p.across), p.id)
}

fn running_sum(sizes: &[f32]) -> Vec<f32> {
    let mut acc = 0.0;
    sizes
        .iter()
        .map(|s| {
            let here = acc;
            acc += s;
            here
        })
        .collect()
}

/// Passes over the earlier boxes of a cell before a box that still
/// overlaps one is put past all of them at once. Real charts need one or
/// two passes; the cap bounds hostile files to quadratic work.
const MAX_PUSH_PASSES: usize = 8;

/// Where a box `half` wide (along the flow) must go to clear `other`, when
/// it overlaps it: just past its far edge, with a gap.
fn past(other_along: f32, half: f32, gap: f32) -> f32 {
    other_along + half + gap
}

/// Pushes boxes of the same lane and phase apart along the flow, in order
/// of their position, so that no two overlap.
/// The least room between two boxes one after the other in a cell.
const MIN_CLEAR: f32 = 2.0 * super::style::ARROWHEAD;

fn separate_in_cells(placed: &mut [Placed], gap: f32) {
    // Where the cell of box `i` starts.
    let mut j = 0;
    for i in 0..placed.len() {
        if placed[j].lane != placed[i].lane || placed[j].phase != placed[i].phase {
            j = i;
        }
        let (before, rest) = placed.split_at_mut(i);
        let current = &mut rest[0];
        // Boxes side by side along the flow keep room for an arrow
        // between them: a gap shorter than two arrowheads counts as an
        // overlap.
        let overlaps = |current: &Placed, other: &Placed| {
            let along_clear = (current.along - other.along).abs()
                >= (current.extent_along + other.extent_along) / 2.0 + MIN_CLEAR;
            let across_clear = (current.across - other.across).abs()
                >= (current.extent_across + other.extent_across) / 2.0 + MIN_CLEAR;
            !along_clear && !across_clear
        };
        let half =
            |current: &Placed, other: &Placed| (current.extent_along + other.extent_along) / 2.0;
        // Earlier boxes in the cell are final; move past any we overlap.
        let mut moved = true;
        let mut passes = 0;
        while moved && passes < MAX_PUSH_PASSES {
            moved = false;
            passes += 1;
            for other in &before[j..] {
                if overlaps(current, other) {
                    current.along = past(other.along, half(current, other), gap);
                    moved = true;
                }
            }
        }
        if moved {
            // Past every box it shares the lane's width with, in one step.
            let beyond = before[j..]
                .iter()
                .filter(|other| {
                    (current.across - other.across).abs()
                        < (current.extent_across + other.extent_across) / 2.0
                })
                .map(|other| past(other.along, half(current, other), gap))
                .fold(current.along, f32::max);
            current.along = beyond;
        }
    }
}

/// Pushes boxes that belong to no phase clear of the other boxes of their
/// lane (boxes inside phases were separated already and stay put).
fn separate_unphased(absolute: &mut [Absolute], placed: &[Placed], gap: f32) {
    let unphased: Vec<usize> = (0..absolute.len())
        .filter(|i| placed[*i].phase.is_none())
        .collect();
    if unphased.len() == absolute.len() {
        return; // no phases in play: the cells did all the work
    }
    for &i in &unphased {
        // The boxes this one must clear: its lane's, except later unphased
        // boxes, which move themselves.
        let blocking: Vec<usize> = (0..absolute.len())
            .filter(|&k| {
                k != i && absolute[k].0 == absolute[i].0 && !(placed[k].phase.is_none() && k > i)
            })
            .collect();
        let mut moved = true;
        let mut passes = 0;
        while moved && passes < MAX_PUSH_PASSES {
            moved = false;
            passes += 1;
            for &k in &blocking {
                let (a, o) = (absolute[i], absolute[k]);
                let along_clear = (a.1 - o.1).abs() >= (a.3 + o.3) / 2.0;
                let across_clear = (a.2 - o.2).abs() >= (a.4 + o.4) / 2.0;
                if !along_clear && !across_clear {
                    absolute[i].1 = past(o.1, (a.3 + o.3) / 2.0, gap);
                    moved = true;
                }
            }
        }
        if moved {
            let a = absolute[i];
            let beyond = blocking
                .iter()
                .map(|&k| absolute[k])
                .filter(|o| (a.2 - o.2).abs() < (a.4 + o.4) / 2.0)
                .map(|o| past(o.1, (a.3 + o.3) / 2.0, gap))
                .fold(a.1, f32::max);
            absolute[i].1 = beyond;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sort_key_orders_boxes_as_the_field_by_field_comparison() {
        let values = [-1e9, -250.5, -0.0, 0.0, 1e-30, 3.0, 3.5, 1e9];
        let mut boxes = Vec::new();
        for (i, (lane, phase)) in [(0, None), (0, Some(0)), (1, Some(0)), (1, Some(2))]
            .into_iter()
            .enumerate()
        {
            for (j, along) in values.iter().enumerate() {
                for (k, across) in values.iter().enumerate().step_by(3) {
                    boxes.push(Placed {
                        id: StepId(((i * 7 + j * 3 + k) % 11) as u32),
                        order: 0,
                        lane,
                        phase,
                        along: *along,
                        across: *across,
                        extent_along: 1.0,
                        extent_across: 1.0,
                    });
                }
            }
        }
        for a in &boxes {
            for b in &boxes {
                let fields = a
                    .lane
                    .cmp(&b.lane)
                    .then(a.phase.cmp(&b.phase))
                    .then(a.along.total_cmp(&b.along))
                    .then(a.across.total_cmp(&b.across))
                    .then(a.id.cmp(&b.id));
                assert_eq!(cell_order_key(a).cmp(&cell_order_key(b)), fields);
            }
        }
    }
}
