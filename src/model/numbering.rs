//! Step numbers in flow order: follow connectors from the start steps,
//! break ties and place unconnected steps by position, respect pins.

use super::ids::StepId;
use super::process::{Process, StepKind};
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet};

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

/// Numbers the work steps of a process in flow order.
///
/// Back edges (loops) are found by a depth-first walk from the start steps
/// and ignored; the remaining graph is ordered topologically, always taking
/// the ready step that comes first by position. Pinned steps keep their
/// number and the others fill the numbers left free.
pub fn number_steps(process: &Process) -> Numbering {
    // Steps by dense index (their order in the process: by id).
    let ids: Vec<StepId> = process.steps.keys().copied().collect();
    let index_of = |id: StepId| ids.binary_search(&id).ok();
    let lane_index: HashMap<_, _> = process
        .lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id, i))
        .collect();
    let phase_start: HashMap<_, _> = {
        let mut start = 0.0;
        process
            .phases
            .iter()
            .map(|p| {
                let here = start;
                start += p.size;
                (p.id, here)
            })
            .collect()
    };
    let keys: Vec<PositionKey> = process
        .steps
        .values()
        .map(|s| PositionKey {
            along: s
                .phase
                .and_then(|p| phase_start.get(&p))
                .copied()
                .unwrap_or(0.0)
                + s.at.along,
            lane: lane_index.get(&s.lane).copied().unwrap_or(usize::MAX),
            across: s.at.across,
            id: s.id,
        })
        .collect();

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

    let back_edges = find_back_edges(process, &keys, &successors);

    let mut in_degree: Vec<usize> = vec![0; ids.len()];
    for (from, list) in successors.iter().enumerate() {
        for to in list {
            if !back_edges.contains(&(from, *to)) {
                in_degree[*to] += 1;
            }
        }
    }
    let mut ready: BinaryHeap<Reverse<(PositionKey, usize)>> = in_degree
        .iter()
        .enumerate()
        .filter(|(_, d)| **d == 0)
        .map(|(i, _)| Reverse((keys[i], i)))
        .collect();
    let mut flow_order = Vec::with_capacity(ids.len());
    while let Some(Reverse((_, from))) = ready.pop() {
        flow_order.push(from);
        for to in &successors[from] {
            if back_edges.contains(&(from, *to)) {
                continue;
            }
            in_degree[*to] -= 1;
            if in_degree[*to] == 0 {
                ready.push(Reverse((keys[*to], *to)));
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
