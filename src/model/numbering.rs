//! Step numbers in flow order: follow connectors from the start steps,
//! break ties and place unconnected steps by position, respect pins.

use super::ids::StepId;
use super::process::{Process, StepKind};
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};

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
    let key_of = |id: StepId| -> PositionKey {
        match process.steps.get(&id) {
            Some(s) => PositionKey {
                along: s
                    .phase
                    .and_then(|p| phase_start.get(&p))
                    .copied()
                    .unwrap_or(0.0)
                    + s.at.along,
                lane: lane_index.get(&s.lane).copied().unwrap_or(usize::MAX),
                across: s.at.across,
                id,
            },
            None => PositionKey {
                along: f32::INFINITY,
                lane: usize::MAX,
                across: f32::INFINITY,
                id,
            },
        }
    };
    let keys: BTreeMap<StepId, PositionKey> =
        process.steps.keys().map(|id| (*id, key_of(*id))).collect();

    // Successors of each step, by position, without duplicates or self loops.
    let mut successors: BTreeMap<StepId, Vec<PositionKey>> = BTreeMap::new();
    for c in process.connectors.values() {
        if c.from != c.to
            && let (Some(_), Some(to)) = (keys.get(&c.from), keys.get(&c.to))
        {
            successors.entry(c.from).or_default().push(*to);
        }
    }
    for list in successors.values_mut() {
        list.sort_unstable();
        list.dedup();
    }

    let back_edges = find_back_edges(process, &keys, &successors);

    let mut in_degree: BTreeMap<StepId, usize> = keys.keys().map(|id| (*id, 0)).collect();
    for (from, list) in &successors {
        for to in list {
            if !back_edges.contains(&(*from, to.id))
                && let Some(d) = in_degree.get_mut(&to.id)
            {
                *d += 1;
            }
        }
    }
    let mut ready: BinaryHeap<Reverse<PositionKey>> = in_degree
        .iter()
        .filter(|(_, d)| **d == 0)
        .filter_map(|(id, _)| keys.get(id).map(|k| Reverse(*k)))
        .collect();
    let mut flow_order = Vec::with_capacity(keys.len());
    while let Some(Reverse(key)) = ready.pop() {
        flow_order.push(key.id);
        for to in successors.get(&key.id).into_iter().flatten() {
            if back_edges.contains(&(key.id, to.id)) {
                continue;
            }
            if let Some(d) = in_degree.get_mut(&to.id) {
                *d -= 1;
                if *d == 0 {
                    ready.push(Reverse(*to));
                }
            }
        }
    }

    let pinned: BTreeSet<u32> = process
        .steps
        .values()
        .filter(|s| s.kind.is_work_step())
        .filter_map(|s| s.pinned_number)
        .collect();
    let mut numbers = BTreeMap::new();
    let mut next = 1;
    for id in flow_order {
        let Some(step) = process.steps.get(&id) else {
            continue;
        };
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
        numbers.insert(id, number);
    }
    Numbering { numbers }
}

/// Edges that close a loop, found by an iterative depth-first walk that
/// starts from the start steps, then from every other step, each in
/// position order and visiting successors in position order.
fn find_back_edges(
    process: &Process,
    keys: &BTreeMap<StepId, PositionKey>,
    successors: &BTreeMap<StepId, Vec<PositionKey>>,
) -> BTreeSet<(StepId, StepId)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut roots: Vec<PositionKey> = keys.values().copied().collect();
    roots.sort_by_key(|k| {
        let is_start = process
            .steps
            .get(&k.id)
            .is_some_and(|s| s.kind == StepKind::Start);
        (!is_start, *k)
    });
    let mut mark: HashMap<StepId, Mark> = keys.keys().map(|id| (*id, Mark::New)).collect();
    let mut back = BTreeSet::new();
    let no_successors = Vec::new();
    for root in roots {
        if mark.get(&root.id) != Some(&Mark::New) {
            continue;
        }
        mark.insert(root.id, Mark::OnPath);
        let mut stack: Vec<(StepId, usize)> = vec![(root.id, 0)];
        while let Some((node, next_child)) = stack.last_mut() {
            let list = successors.get(node).unwrap_or(&no_successors);
            if let Some(child) = list.get(*next_child) {
                *next_child += 1;
                let from = *node;
                match mark.get(&child.id) {
                    Some(Mark::New) => {
                        mark.insert(child.id, Mark::OnPath);
                        stack.push((child.id, 0));
                    }
                    Some(Mark::OnPath) => {
                        back.insert((from, child.id));
                    }
                    _ => {}
                }
            } else {
                mark.insert(*node, Mark::Done);
                stack.pop();
            }
        }
    }
    back
}
