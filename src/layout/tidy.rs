//! Tidy layout (整理布局): every step placed again from the flow, never out
//! of its lane or phase. Columns along the flow come from the connectors
//! (longest path within each phase, loops broken where they turn back);
//! steps that share a lane and a column stack across it, those whose
//! neighbours lie in lanes above first; boxes are centred on their column
//! and their slot, so they line up; steps with no connector in their phase
//! (notes, loose steps) join the column of the step before them. Pure:
//! the result is a plan of moves and band sizes, turned into one edit.

use super::boxes::measure_box;
use super::style::ChartStyle;
use crate::model::{Edit, FlowPoint, LaneId, Orientation, PhaseId, Process, StepId};
use std::collections::{BTreeMap, BTreeSet};

/// Where tidy puts everything: each step's place in its cell, and the
/// size of every lane and phase.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TidyPlan {
    pub steps: BTreeMap<StepId, FlowPoint>,
    pub lanes: BTreeMap<LaneId, f32>,
    pub phases: BTreeMap<PhaseId, f32>,
}

impl TidyPlan {
    /// The plan as one edit of what it changes; `None` when the chart is
    /// tidy already.
    pub fn edit(&self, process: &Process) -> Option<Edit> {
        let mut edits = Vec::new();
        for lane in &process.lanes {
            if let Some(size) = self.lanes.get(&lane.id).filter(|s| **s != lane.size) {
                edits.push(Edit::ResizeLane {
                    id: lane.id,
                    size: *size,
                });
            }
        }
        for phase in &process.phases {
            if let Some(size) = self.phases.get(&phase.id).filter(|s| **s != phase.size) {
                edits.push(Edit::ResizePhase {
                    id: phase.id,
                    size: *size,
                });
            }
        }
        for (id, at) in &self.steps {
            let Some(step) = process.steps.get(id) else {
                continue;
            };
            if step.at != *at {
                edits.push(Edit::MoveStep {
                    id: *id,
                    lane: step.lane,
                    phase: step.phase,
                    at: *at,
                });
            }
        }
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }
}

/// A step as tidy sees it: its lane and group (phase, or the unphased
/// group after the phases), its size along and across, where it was.
struct Node {
    id: StepId,
    lane: usize,
    group: usize,
    along_size: f32,
    across_size: f32,
    old: (f32, f32),
}

/// Plans a tidy layout of the whole process in the house style.
pub fn tidy(process: &Process) -> TidyPlan {
    tidy_with(process, &ChartStyle::default())
}

/// Plans a tidy layout of `process` for boxes of `style`.
pub fn tidy_with(process: &Process, style: &ChartStyle) -> TidyPlan {
    let nodes = nodes_of(process, style);
    let index: BTreeMap<StepId, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let edges: Vec<(usize, usize)> = process
        .connectors
        .values()
        .filter_map(|c| Some((*index.get(&c.from)?, *index.get(&c.to)?)))
        .filter(|(a, b)| a != b)
        .collect();
    let layers = layers_of(&nodes, &edges);
    let slots = slots_of(&nodes, &edges, &layers);
    place(process, style, &nodes, &layers, &slots)
}

/// Every step with a lane, in flow order (group, old along, old across,
/// id), with its box size.
fn nodes_of(process: &Process, style: &ChartStyle) -> Vec<Node> {
    let vertical = process.orientation == Orientation::Vertical;
    let unphased = process.phases.len();
    let mut nodes: Vec<Node> = process
        .steps
        .values()
        .filter_map(|step| {
            let lane = process.lanes.iter().position(|l| l.id == step.lane)?;
            let group = step
                .phase
                .and_then(|p| process.phases.iter().position(|ph| ph.id == p))
                .unwrap_or(unphased);
            let content = measure_box(step, style);
            let (along_size, across_size) = if vertical {
                (content.height, content.width)
            } else {
                (content.width, content.height)
            };
            Some(Node {
                id: step.id,
                lane,
                group,
                along_size,
                across_size,
                old: (step.at.along, step.at.across),
            })
        })
        .collect();
    nodes.sort_by(|a, b| {
        (a.group, a.old.0, a.old.1, a.id)
            .partial_cmp(&(b.group, b.old.0, b.old.1, b.id))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    nodes
}

/// Each node's column within its group. Over the connectors inside the
/// group (loops broken where a depth-first walk in id order turns back),
/// in a topological order that takes the lowest id first: a step goes one
/// column after a predecessor in its own lane, and in the same column as a
/// predecessor in another lane when no step stands between them (a
/// hand-off is a straight arrow across), and on to the next column while
/// its lane already has a step in that one. Positions play no part, so tidying a tidy chart moves nothing. A
/// node with no connector in its group takes the column of the connected
/// node before it.
fn layers_of(nodes: &[Node], edges: &[(usize, usize)]) -> Vec<usize> {
    let n = nodes.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if nodes[a].group == nodes[b].group {
            out[a].push(b);
        }
    }
    let by_id = |list: &mut Vec<usize>| {
        list.sort_by_key(|v| nodes[*v].id);
        list.dedup();
    };
    for list in &mut out {
        by_id(list);
    }
    let forward = forward_edges(nodes, &out);
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut waiting = vec![0usize; n];
    for (v, list) in forward.iter().enumerate() {
        for &w in list {
            preds[w].push(v);
            waiting[w] += 1;
        }
    }
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<(StepId, usize)>> = (0..n)
        .filter(|v| waiting[*v] == 0)
        .map(|v| std::cmp::Reverse((nodes[v].id, v)))
        .collect();
    let mut layer = vec![0usize; n];
    let mut taken: BTreeSet<(usize, usize, usize)> = BTreeSet::new();
    while let Some(std::cmp::Reverse((_, v))) = ready.pop() {
        let node = &nodes[v];
        // Across to another lane in the same column when no step stands
        // in a lane between them there; else one column on.
        let blocked = |u: usize| {
            let (lo, hi) = (nodes[u].lane.min(node.lane), nodes[u].lane.max(node.lane));
            lo == hi || (lo + 1..hi).any(|l| taken.contains(&(node.group, l, layer[u])))
        };
        let mut at = preds[v]
            .iter()
            .map(|u| layer[*u] + usize::from(blocked(*u)))
            .max()
            .unwrap_or(0);
        while taken.contains(&(node.group, node.lane, at)) {
            at += 1;
        }
        taken.insert((node.group, node.lane, at));
        layer[v] = at;
        for &w in &forward[v] {
            waiting[w] -= 1;
            if waiting[w] == 0 {
                ready.push(std::cmp::Reverse((nodes[w].id, w)));
            }
        }
    }
    // Loose nodes join the column of the connected node furthest along
    // that is not past them (on a tidied chart: the one they stand beside).
    let mut connected: Vec<usize> = edges
        .iter()
        .filter(|(a, b)| nodes[*a].group == nodes[*b].group)
        .flat_map(|(a, b)| [*a, *b])
        .collect();
    connected.sort_by(|a, b| {
        (nodes[*a].group, nodes[*a].old.0)
            .partial_cmp(&(nodes[*b].group, nodes[*b].old.0))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    connected.dedup();
    let is_connected: BTreeSet<usize> = connected.iter().copied().collect();
    for v in 0..n {
        if is_connected.contains(&v) {
            continue;
        }
        let (group, along) = (nodes[v].group, nodes[v].old.0);
        let after =
            connected.partition_point(|u| (nodes[*u].group, nodes[*u].old.0) <= (group, along));
        layer[v] = after
            .checked_sub(1)
            .map(|i| connected[i])
            .filter(|u| nodes[*u].group == group)
            .map_or(0, |u| layer[u]);
    }
    layer
}

/// The edges a depth-first walk (roots and neighbours in id order)
/// follows without turning back; an edge to a step still on the walk's
/// stack closes a loop and is left out.
fn forward_edges(nodes: &[Node], out: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = nodes.len();
    let mut roots: Vec<usize> = (0..n).collect();
    roots.sort_by_key(|v| nodes[*v].id);
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); n];
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some((v, next)) = stack.last_mut() {
            let v = *v;
            if let Some(&w) = out[v].get(*next) {
                *next += 1;
                match state[w] {
                    0 => {
                        forward[v].push(w);
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    2 => forward[v].push(w),
                    _ => {} // back to a step on the stack: a loop
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    forward
}

/// Each node's slot across its lane: nodes sharing a lane and a column
/// stack in the order of where their neighbours are (lanes above first),
/// connected before loose, then by id.
fn slots_of(nodes: &[Node], edges: &[(usize, usize)], layers: &[usize]) -> Vec<usize> {
    let n = nodes.len();
    let mut sum = vec![0.0f32; n];
    let mut count = vec![0usize; n];
    for &(a, b) in edges {
        sum[a] += nodes[b].lane as f32;
        sum[b] += nodes[a].lane as f32;
        count[a] += 1;
        count[b] += 1;
    }
    let mut cells: BTreeMap<(usize, usize, usize), Vec<usize>> = BTreeMap::new();
    for (v, node) in nodes.iter().enumerate() {
        cells
            .entry((node.lane, node.group, layers[v]))
            .or_default()
            .push(v);
    }
    let mut slot = vec![0usize; n];
    for members in cells.values_mut() {
        let key = |v: usize| {
            let loose = count[v] == 0;
            let centre = if loose {
                f32::MAX
            } else {
                sum[v] / count[v] as f32
            };
            (loose, centre, nodes[v].id)
        };
        members.sort_by(|a, b| {
            key(*a)
                .partial_cmp(&key(*b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        for (i, v) in members.iter().enumerate() {
            slot[*v] = i;
        }
    }
    slot
}

/// Sizes of columns and slots, and from them every step's place and
/// every band's size.
fn place(
    process: &Process,
    style: &ChartStyle,
    nodes: &[Node],
    layers: &[usize],
    slots: &[usize],
) -> TidyPlan {
    let margin = style.band_margin;
    let gap = style.box_gap;
    // Column widths by (group, layer); slot heights by (lane, slot).
    let mut column: BTreeMap<(usize, usize), f32> = BTreeMap::new();
    let mut row: BTreeMap<(usize, usize), f32> = BTreeMap::new();
    for (v, node) in nodes.iter().enumerate() {
        let c = column.entry((node.group, layers[v])).or_insert(0.0);
        *c = c.max(node.along_size);
        let r = row.entry((node.lane, slots[v])).or_insert(0.0);
        *r = r.max(node.across_size);
    }
    // Where each column's centre is, from the start of its group.
    let mut column_centre: BTreeMap<(usize, usize), f32> = BTreeMap::new();
    let mut group_len: BTreeMap<usize, f32> = BTreeMap::new();
    for (&(group, layer), &width) in &column {
        let start = group_len.entry(group).or_insert(margin);
        column_centre.insert((group, layer), snap(*start + width / 2.0));
        *start += width + gap;
    }
    let mut slot_centre: BTreeMap<(usize, usize), f32> = BTreeMap::new();
    let mut lane_len: BTreeMap<usize, f32> = BTreeMap::new();
    for (&(lane, slot), &height) in &row {
        let start = lane_len.entry(lane).or_insert(margin);
        slot_centre.insert((lane, slot), snap(*start + height / 2.0));
        *start += height + gap;
    }
    let mut plan = TidyPlan::default();
    let min_lane = 2.0 * style.header_size + 2.0 * margin;
    for (i, lane) in process.lanes.iter().enumerate() {
        let used = lane_len.get(&i).map_or(0.0, |l| l - gap + margin);
        plan.lanes.insert(lane.id, snap(used.max(min_lane)));
    }
    let mut phase_start = 0.0;
    for (i, phase) in process.phases.iter().enumerate() {
        let used = group_len.get(&i).map_or(0.0, |l| l - gap + margin);
        let size = snap(used.max(MIN_PHASE));
        plan.phases.insert(phase.id, size);
        phase_start += size;
    }
    for (v, node) in nodes.iter().enumerate() {
        let along = column_centre
            .get(&(node.group, layers[v]))
            .copied()
            .unwrap_or(margin);
        // Unphased steps are placed from the start of the flow, after the
        // phases when there are any.
        let base = if node.group == process.phases.len() {
            phase_start
        } else {
            0.0
        };
        let across = slot_centre
            .get(&(node.lane, slots[v]))
            .copied()
            .unwrap_or(margin);
        plan.steps
            .insert(node.id, FlowPoint::new(base + along, across));
    }
    plan
}

/// Positions on a grid of whole units, rounded up so that a box is never
/// nearer its band's edge than the margin (the layout would push it).
fn snap(x: f32) -> f32 {
    x.ceil()
}

/// The shortest a tidied phase is: room for its name.
const MIN_PHASE: f32 = 120.0;

/// Where a step added after `previous` in `lane` goes by tidy's rules for
/// one step: in the previous step's phase; in its column when the lane is
/// another (a hand-off straight across), one column on when it is the same;
/// at the start of the flow when there is no previous step.
pub fn place_after(
    process: &Process,
    previous: Option<StepId>,
    lane: LaneId,
    step: &crate::model::Step,
) -> (Option<PhaseId>, FlowPoint) {
    let style = ChartStyle::default();
    let vertical = process.orientation == Orientation::Vertical;
    let along_size = |s: &crate::model::Step| {
        let content = measure_box(s, &style);
        if vertical {
            content.height
        } else {
            content.width
        }
    };
    let across = process
        .lanes
        .iter()
        .find(|l| l.id == lane)
        .map_or(60.0, |l| (l.size / 2.0).ceil());
    let Some(prev) = previous.and_then(|id| process.steps.get(&id)) else {
        let phase = process.phases.first().map(|p| p.id);
        let along = style.band_margin + along_size(step) / 2.0;
        return (phase, FlowPoint::new(along.ceil(), across));
    };
    let along = if prev.lane == lane {
        prev.at.along + along_size(prev) / 2.0 + style.box_gap + along_size(step) / 2.0
    } else {
        prev.at.along
    };
    (prev.phase, FlowPoint::new(along.ceil(), across))
}

/// Plans a tidy layout of only the steps `selected`, the rest kept where
/// they are: the selected steps and the connectors between them are laid
/// out by tidy's rules, then moved as a block back to where the first of
/// them stood in each phase. Band sizes are left to grow as they need.
pub fn tidy_selection(process: &Process, selected: &BTreeSet<StepId>) -> TidyPlan {
    let mut part = process.clone();
    part.steps.retain(|id, _| selected.contains(id));
    part.connectors
        .retain(|_, c| selected.contains(&c.from) && selected.contains(&c.to));
    let plan = tidy(&part);
    // Where each phase's block started and starts now.
    let mut was: BTreeMap<Option<PhaseId>, f32> = BTreeMap::new();
    let mut now: BTreeMap<Option<PhaseId>, f32> = BTreeMap::new();
    for (id, at) in &plan.steps {
        let Some(step) = part.steps.get(id) else {
            continue;
        };
        let w = was.entry(step.phase).or_insert(f32::MAX);
        *w = w.min(step.at.along);
        let n = now.entry(step.phase).or_insert(f32::MAX);
        *n = n.min(at.along);
    }
    let steps = plan
        .steps
        .iter()
        .filter_map(|(id, at)| {
            let phase = part.steps.get(id)?.phase;
            let shift =
                was.get(&phase).copied().unwrap_or(0.0) - now.get(&phase).copied().unwrap_or(0.0);
            Some((
                *id,
                FlowPoint::new((at.along + shift).max(0.0).ceil(), at.across),
            ))
        })
        .collect();
    TidyPlan {
        steps,
        lanes: BTreeMap::new(),
        phases: BTreeMap::new(),
    }
}
