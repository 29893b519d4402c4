//! Step numbers in flow order: follow connectors from the start steps,
//! break ties by position, number steps no connector touches after the
//! flow, respect pins.

use super::ids::StepId;
use super::process::{Process, StepKind};
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashSet};

/// The number of every work step. Start, end, notes and exits into other
/// processes have none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Numbering {
    numbers: BTreeMap<StepId, u32>,
}

impl Numbering {
    /// The number of a step, if it is a work step.
    pub fn of(&self, id: StepId) -> Option<u32> {
        self.numbers.get(&id).copied()
    }

    /// Work steps in number order (ties, from equal pins, by id).
    pub fn in_order(&self) -> Vec<(u32, StepId)> {
        let mut order: Vec<(u32, StepId)> = self.numbers.iter().map(|(s, n)| (*n, *s)).collect();
        order.sort_unstable();
        order
    }

    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    /// Numbered steps and their numbers, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&StepId, u32)> + '_ {
        self.numbers.iter().map(|(id, n)| (id, *n))
    }

    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }
}

/// Where a step sits, as a sort key: along the flow first, then lane order,
/// then across the lane, then id so the order is total.
#[derive(Clone, Copy, Debug)]
struct PositionKey {
    along: f32,
    lane: usize,
    across: f32,
    id: StepId,
}

impl PartialEq for PositionKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for PositionKey {}

impl PartialOrd for PositionKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PositionKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.along
            .total_cmp(&other.along)
            .then(self.lane.cmp(&other.lane))
            .then(self.across.total_cmp(&other.across))
            .then(self.id.cmp(&other.id))
    }
}

/// Every step's place as numbering compares places, in id order.
#[derive(Clone, Debug, Default)]
pub struct FlowKeys {
    keys: Vec<PositionKey>,
}

impl FlowKeys {
    pub fn of(process: &Process) -> FlowKeys {
        // Few lanes and phases: a linear search beats a map.
        let mut start = 0.0;
        let phase_start: Vec<_> = process
            .phases
            .iter()
            .map(|p| {
                let here = start;
                start += p.size;
                (p.id, here)
            })
            .collect();
        let keys = process
            .steps
            .values()
            .map(|s| PositionKey {
                along: s
                    .phase
                    .and_then(|p| phase_start.iter().find(|(id, _)| *id == p))
                    .map_or(0.0, |(_, start)| *start)
                    + s.at.along,
                lane: process
                    .lanes
                    .iter()
                    .position(|l| l.id == s.lane)
                    .unwrap_or(usize::MAX),
                across: s.at.across,
                id: s.id,
            })
            .collect();
        FlowKeys { keys }
    }

    /// Whether every two steps compare the same way here and in `other`.
    /// Numbering looks at places only through such comparisons, so with
    /// the same steps, kinds, pins and connectors it gives the same numbers.
    /// Cheap when few steps moved (a drag); false when many did.
    pub fn same_order(&self, other: &FlowKeys) -> bool {
        let (a, b) = (&self.keys, &other.keys);
        if a.len() != b.len() {
            return false;
        }
        let mut moved = Vec::new();
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            if x.id != y.id {
                return false;
            }
            if x.cmp(y) != Ordering::Equal {
                moved.push(i);
                if moved.len() > 16 {
                    return false;
                }
            }
        }
        moved
            .iter()
            .all(|&i| (0..a.len()).all(|j| a[i].cmp(&a[j]) == b[i].cmp(&b[j])))
    }
}

/// Numbers the work steps of a process in flow order.
///
/// Back edges (loops) are found by a depth-first walk from the start steps
/// and ignored; the remaining graph is ordered topologically, always taking
/// the ready step that comes first by position. Pinned steps keep their
/// number and the others fill the numbers left free.
pub fn number_steps(process: &Process) -> Numbering {
    number_steps_by(process, &FlowKeys::of(process))
}

/// `number_steps` with the steps' places already worked out.
pub fn number_steps_by(process: &Process, keys: &FlowKeys) -> Numbering {
    // Steps by dense index (their order in the process: by id).
    let ids: Vec<StepId> = process.steps.keys().copied().collect();
    let index_of = |id: StepId| ids.binary_search(&id).ok();
    let keys = &keys.keys;
    if keys.len() != ids.len() {
        return number_steps(process);
    }

    // Successors of each step, by position, without duplicates or self loops.
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    for c in process.connectors.values() {
        if c.from != c.to
            && let (Some(from), Some(to)) = (index_of(c.from), index_of(c.to))
        {
            successors[from].push(to);
        }
    }
    for list in &mut successors {
        list.sort_unstable_by(|a, b| keys[*a].cmp(&keys[*b]));
        list.dedup();
    }

    let back_edges = find_back_edges(process, keys, &successors);

    let mut in_degree: Vec<usize> = vec![0; ids.len()];
    for (from, list) in successors.iter().enumerate() {
        for to in list {
            if !back_edges.contains(&(from, *to)) {
                in_degree[*to] += 1;
            }
        }
    }
    // Steps no connector touches come after the connected flow, so a box
    // put down while sketching does not renumber the whole chart.
    let mut loose = vec![true; ids.len()];
    for (from, list) in successors.iter().enumerate() {
        if !list.is_empty() {
            loose[from] = false;
        }
        for to in list {
            loose[*to] = false;
        }
    }
    let mut ready: BinaryHeap<Reverse<(bool, PositionKey, usize)>> = in_degree
        .iter()
        .enumerate()
        .filter(|(_, d)| **d == 0)
        .map(|(i, _)| Reverse((loose[i], keys[i], i)))
        .collect();
    let mut flow_order = Vec::with_capacity(ids.len());
    while let Some(Reverse((_, _, from))) = ready.pop() {
        flow_order.push(from);
        for to in &successors[from] {
            if back_edges.contains(&(from, *to)) {
                continue;
            }
            in_degree[*to] -= 1;
            if in_degree[*to] == 0 {
                ready.push(Reverse((false, keys[*to], *to)));
            }
        }
    }

    let steps: Vec<_> = process.steps.values().collect();
    let pinned: BTreeSet<u32> = steps
        .iter()
        .filter(|s| s.kind.is_work_step())
        .filter_map(|s| s.pinned_number)
        .collect();
    let mut numbers = BTreeMap::new();
    let mut next = 1;
    for i in flow_order {
        let step = steps[i];
        if !step.kind.is_work_step() {
            continue;
        }
        let number = match step.pinned_number {
            Some(pin) => pin,
            None => {
                while pinned.contains(&next) {
                    next += 1;
                }
                next += 1;
                next - 1
            }
        };
        numbers.insert(step.id, number);
    }
    Numbering { numbers }
}

/// Edges (by step index) that close a loop, found by an iterative
/// depth-first walk that starts from the start steps, then from every other
/// step, each in position order and visiting successors in position order.
fn find_back_edges(
    process: &Process,
    keys: &[PositionKey],
    successors: &[Vec<usize>],
) -> HashSet<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut roots: Vec<(bool, PositionKey, usize)> = process
        .steps
        .values()
        .zip(keys)
        .enumerate()
        .map(|(i, (s, k))| (s.kind != StepKind::Start, *k, i))
        .collect();
    roots.sort_unstable_by_key(|r| (r.0, r.1));
    let mut mark = vec![Mark::New; keys.len()];
    let mut back = HashSet::new();
    for (_, _, root) in roots {
        if mark[root] != Mark::New {
            continue;
        }
        mark[root] = Mark::OnPath;
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some((node, next_child)) = stack.last_mut() {
            let from = *node;
            if let Some(&child) = successors[from].get(*next_child) {
                *next_child += 1;
                match mark[child] {
                    Mark::New => {
                        mark[child] = Mark::OnPath;
                        stack.push((child, 0));
                    }
                    Mark::OnPath => {
                        back.insert((from, child));
                    }
                    Mark::Done => {}
                }
            } else {
                mark[from] = Mark::Done;
                stack.pop();
            }
        }
    }
    back
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{FlowPoint, Step, synthetic_process};

    fn moved(process: &Process, id: StepId, along: f32) -> Process {
        let mut p = process.clone();
        if let Some(s) = p.steps.get_mut(&id) {
            s.at.along = along;
        }
        p
    }

    #[test]
    fn a_step_keeps_its_order_until_it_passes_another() {
        let mut process = synthetic_process(40, 5);
        // A step at a place no other step has.
        let id = process.next_step_id();
        let lane = process.lanes[3].id;
        let mut step = Step::new(
            id,
            StepKind::Process,
            "复核",
            lane,
            FlowPoint::new(61.0, 70.0),
        );
        step.phase = Some(process.phases[0].id);
        process.steps.insert(id, step);
        let keys = FlowKeys::of(&process);
        let next = process
            .steps
            .values()
            .filter(|s| s.phase == Some(process.phases[0].id) && s.at.along > 62.0)
            .map(|s| s.at.along)
            .fold(f32::INFINITY, f32::min);
        assert!(next.is_finite());
        // Nudged short of the next place: same order.
        assert!(keys.same_order(&FlowKeys::of(&moved(&process, id, 62.0))));
        // Past it: another order.
        assert!(!keys.same_order(&FlowKeys::of(&moved(&process, id, next + 1.0))));
        // Every step moved: not worth comparing pair by pair.
        let mut all = process.clone();
        for s in all.steps.values_mut() {
            s.at.across += 1.0;
        }
        assert!(!keys.same_order(&FlowKeys::of(&all)));
        assert!(keys.same_order(&FlowKeys::of(&process)));
    }
}
