//! Orthogonal connector routing: from a side of one box to a side of
//! another, around every other box, with as few bends as it can.
//!
//! Each connector is routed on a sparse grid made of the lines that run
//! `margin` outside the boxes near it (an orthogonal visibility grid), with
//! a shortest-path search whose cost is length plus a penalty per bend.

use super::geometry::{Point, Rect};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A side of a box, and the direction leaving it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    pub const ALL: [Side; 4] = [Side::Right, Side::Bottom, Side::Top, Side::Left];

    /// The middle of this side of a box.
    pub fn port(self, r: &Rect) -> Point {
        let c = r.center();
        match self {
            Side::Left => Point::new(r.min.x, c.y),
            Side::Right => Point::new(r.max.x, c.y),
            Side::Top => Point::new(c.x, r.min.y),
            Side::Bottom => Point::new(c.x, r.max.y),
        }
    }

    /// The outward direction as an index into `STEPS`.
    fn dir(self) -> usize {
        match self {
            Side::Right => 0,
            Side::Bottom => 1,
            Side::Left => 2,
            Side::Top => 3,
        }
    }
}

/// The largest routing grid searched.
const MAX_GRID_NODES: usize = 250_000;
/// The most work one search may take: grid nodes times the boxes each of
/// their edges is tested against. Real charts stay far below (a local
/// search: thousands); a chart of thousands of boxes in one row would
/// otherwise search the whole chart for every connector that cannot be
/// routed nearby.
const MAX_SEARCH_WORK: usize = 2_000_000;
/// The work all searches of one layout may take together, shared equally
/// by its connectors, so that a chart of 15,000 connectors across a
/// crowded chart still lays out in well under a second.
const LAYOUT_SEARCH_WORK: usize = 300_000_000;

/// The work one connector's search may take in a process with
/// `connectors` connectors (the same for every connector, so a layout does
/// not depend on the order in which routes are searched).
pub fn search_budget(connectors: usize) -> usize {
    (LAYOUT_SEARCH_WORK / connectors.max(1)).min(MAX_SEARCH_WORK)
}

/// Unit moves: right, down, left, up.
const STEPS: [(f32, f32); 4] = [(1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0)];

fn opposite(dir: usize) -> usize {
    (dir + 2) % 4
}

/// What the router needs to know.
pub struct RouteRequest<'a> {
    pub from: Rect,
    pub to: Rect,
    /// Every box on the chart, including the two ends.
    pub obstacles: &'a [Rect],
    /// The area routes must stay in.
    pub bounds: Rect,
    pub margin: f32,
    pub bend_penalty: f32,
    /// Extra cost of leaving or entering by each side, indexed like `STEPS`
    /// (so forward flow can prefer right-to-left).
    pub exit_cost: [f32; 4],
    pub entry_cost: [f32; 4],
    /// The most work a search may take (`search_budget`); past it the
    /// route falls back to a plain elbow.
    pub work_budget: usize,
}

/// Routes one connector. The result starts on the border of `from`, ends on
/// the border of `to` and, when a route exists, enters no other box.
pub fn route_connector(req: &RouteRequest) -> Vec<Point> {
    let near = req.from.union(&req.to).expand(req.margin * 4.0 + 40.0);
    let local = clip(&near, &req.bounds);
    if let Some(path) = search(req, &local) {
        return path;
    }
    if let Some(path) = search(req, &req.bounds) {
        return path;
    }
    // Boxed in on every side: an elbow, so at least the ends are right.
    let a = Side::Right.port(&req.from);
    let b = Side::Left.port(&req.to);
    simplify(vec![
        a,
        Point::new((a.x + b.x) / 2.0, a.y),
        Point::new((a.x + b.x) / 2.0, b.y),
        b,
    ])
}

/// A self loop: out of the right side, over the top, back in from above.
pub fn route_self_loop(r: &Rect, margin: f32) -> Vec<Point> {
    let right = Side::Right.port(r);
    let top = Side::Top.port(r);
    let x = r.max.x + margin * 1.5;
    let y = r.min.y - margin * 1.5;
    vec![
        right,
        Point::new(x, right.y),
        Point::new(x, y),
        Point::new(top.x, y),
        top,
    ]
}

fn clip(r: &Rect, bounds: &Rect) -> Rect {
    Rect {
        min: Point::new(r.min.x.max(bounds.min.x), r.min.y.max(bounds.min.y)),
        max: Point::new(r.max.x.min(bounds.max.x), r.max.y.min(bounds.max.y)),
    }
}

/// A search state: `cost` so far, and `rank` = cost plus a lower bound of
/// what is left (A*), by which the heap orders.
#[derive(Clone, Copy, PartialEq)]
struct State {
    rank: f32,
    cost: f32,
    node: usize,
    dir: usize,
}

impl Eq for State {}

impl Ord for State {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .rank
            .total_cmp(&self.rank)
            .then_with(|| other.node.cmp(&self.node))
            .then_with(|| other.dir.cmp(&self.dir))
    }
}

impl PartialOrd for State {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn search(req: &RouteRequest, region: &Rect) -> Option<Vec<Point>> {
    let m = req.margin;
    let obstacles: Vec<Rect> = req
        .obstacles
        .iter()
        .filter(|o| o.overlaps(&region.expand(m)))
        .copied()
        .collect();
    // Each box adds grid lines both ways, so the grid has at least about
    // as many nodes as boxes: past this many boxes the search would pass
    // its budget whatever the grid turns out to be.
    if obstacles.len().saturating_mul(obstacles.len()) > req.work_budget {
        return None;
    }
    // A stub leaves each port straight out: `margin` long, or half the gap
    // to the next box in front of it when that is closer.
    let stub = |side: Side, r: &Rect| {
        let p = side.port(r);
        let (dx, dy) = STEPS[side.dir()];
        let length = stub_length(side, r, p, &obstacles, m);
        (p, Point::new(p.x + dx * length, p.y + dy * length))
    };
    let blocked = |a: Point, b: Point| obstacles.iter().any(|o| o.segment_enters(a, b));

    let mut xs = vec![region.min.x, region.max.x];
    let mut ys = vec![region.min.y, region.max.y];
    for o in &obstacles {
        xs.extend([o.min.x - m, o.max.x + m]);
        ys.extend([o.min.y - m, o.max.y + m]);
    }
    for side in Side::ALL {
        for r in [&req.from, &req.to] {
            let (_, q) = stub(side, r);
            xs.push(q.x);
            ys.push(q.y);
        }
    }
    let tidy = |v: &mut Vec<f32>, lo: f32, hi: f32| {
        v.retain(|c| c.is_finite() && *c >= lo && *c <= hi);
        v.sort_by(f32::total_cmp);
        v.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    };
    tidy(&mut xs, region.min.x, region.max.x);
    tidy(&mut ys, region.min.y, region.max.y);
    let (nx, ny) = (xs.len(), ys.len());
    // A grid this large, or this crowded (a long loop across a huge chart),
    // would take too long to search; the caller falls back to a plain elbow.
    let nodes = nx * ny;
    if nodes == 0 || nodes > MAX_GRID_NODES || nodes * obstacles.len() > req.work_budget {
        return None;
    }
    let find = |v: &[f32], c: f32| v.iter().position(|x| (x - c).abs() < 0.01);
    let node_at = |p: Point| -> Option<usize> { Some(find(&ys, p.y)? * nx + find(&xs, p.x)?) };
    let point = |n: usize| Point::new(xs[n % nx], ys[n / nx]);

    // Goals: arriving at a target stub; the last move goes into the box.
    let mut goals: Vec<(usize, Side)> = Vec::new();
    for side in Side::ALL {
        let (p, q) = stub(side, &req.to);
        if region.contains(q)
            && !blocked(q, p)
            && let Some(n) = node_at(q)
        {
            goals.push((n, side));
        }
    }
    if goals.is_empty() {
        return None;
    }

    let goal_points: Vec<Point> = goals.iter().map(|(n, _)| point(*n)).collect();
    // Manhattan distance to the nearest goal: never more than what is left.
    let estimate = |n: usize| {
        let p = point(n);
        goal_points
            .iter()
            .map(|g| (g.x - p.x).abs() + (g.y - p.y).abs())
            .fold(f32::INFINITY, f32::min)
    };
    let mut best = vec![f32::INFINITY; nx * ny * 4];
    let mut came: Vec<Option<(usize, usize)>> = vec![None; nx * ny * 4];
    let mut heap = BinaryHeap::new();
    for side in Side::ALL {
        let (p, q) = stub(side, &req.from);
        if !region.contains(q) || blocked(p, q) {
            continue;
        }
        if let Some(n) = node_at(q) {
            let cost = m + req.exit_cost[side.dir()];
            let s = (n * 4) + side.dir();
            if cost < best[s] {
                best[s] = cost;
                heap.push(State {
                    rank: cost + estimate(n),
                    cost,
                    node: n,
                    dir: side.dir(),
                });
            }
        }
    }
    let mut finish: Option<(f32, usize, usize, Side)> = None;
    while let Some(State {
        rank,
        cost,
        node,
        dir,
    }) = heap.pop()
    {
        if cost > best[node * 4 + dir] {
            continue;
        }
        if let Some((limit, ..)) = finish
            && rank >= limit
        {
            break;
        }
        for (goal, side) in &goals {
            if *goal == node {
                let inward = opposite(side.dir());
                if dir == side.dir() {
                    continue; // would have to turn back on itself
                }
                let total = cost
                    + m
                    + req.entry_cost[side.dir()]
                    + if dir == inward { 0.0 } else { req.bend_penalty };
                if finish.is_none_or(|(c, ..)| total < c) {
                    finish = Some((total, node, dir, *side));
                }
            }
        }
        let (cx, cy) = (node % nx, node / nx);
        for (nd, (dx, dy)) in STEPS.iter().enumerate() {
            if nd == opposite(dir) {
                continue;
            }
            let (tx, ty) = (cx as isize + *dx as isize, cy as isize + *dy as isize);
            if tx < 0 || ty < 0 || tx >= nx as isize || ty >= ny as isize {
                continue;
            }
            let next = ty as usize * nx + tx as usize;
            let (a, b) = (point(node), point(next));
            if blocked(a, b) {
                continue;
            }
            let length = (a.x - b.x).abs() + (a.y - b.y).abs();
            let turn = if nd == dir { 0.0 } else { req.bend_penalty };
            let c = cost + length + turn;
            let s = next * 4 + nd;
            if c < best[s] {
                best[s] = c;
                came[s] = Some((node, dir));
                heap.push(State {
                    rank: c + estimate(next),
                    cost: c,
                    node: next,
                    dir: nd,
                });
            }
        }
    }

    let (_, node, dir, side) = finish?;
    let mut points = vec![side.port(&req.to), point(node)];
    let (mut n, mut d) = (node, dir);
    while let Some((prev, pd)) = came[n * 4 + d] {
        points.push(point(prev));
        n = prev;
        d = pd;
    }
    // The first grid node is a source stub; add its port.
    let start = point(n);
    let source_side = Side::ALL.into_iter().find(|s| {
        let (_, q) = stub(*s, &req.from);
        s.dir() == d && (q.x - start.x).abs() < 0.01 && (q.y - start.y).abs() < 0.01
    })?;
    points.push(source_side.port(&req.from));
    points.reverse();
    Some(simplify(points))
}

/// How far a stub can go out of `side` of `r` at port `p`: `margin`, or
/// half the free space before the nearest box in front of the port.
fn stub_length(side: Side, r: &Rect, p: Point, obstacles: &[Rect], margin: f32) -> f32 {
    let gap = obstacles
        .iter()
        .filter(|o| *o != r)
        .filter_map(|o| match side {
            Side::Right if o.min.y <= p.y && p.y <= o.max.y && o.min.x >= r.max.x => {
                Some(o.min.x - r.max.x)
            }
            Side::Left if o.min.y <= p.y && p.y <= o.max.y && o.max.x <= r.min.x => {
                Some(r.min.x - o.max.x)
            }
            Side::Bottom if o.min.x <= p.x && p.x <= o.max.x && o.min.y >= r.max.y => {
                Some(o.min.y - r.max.y)
            }
            Side::Top if o.min.x <= p.x && p.x <= o.max.x && o.max.y <= r.min.y => {
                Some(r.min.y - o.max.y)
            }
            _ => None,
        })
        .fold(f32::INFINITY, f32::min);
    (gap / 2.0).clamp(1.0, margin)
}

/// Drops repeated points and points in the middle of straight runs.
pub fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out
            .last()
            .is_some_and(|l| (l.x - p.x).abs() < 0.01 && (l.y - p.y).abs() < 0.01)
        {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let straight = ((a.x - b.x).abs() < 0.01 && (b.x - p.x).abs() < 0.01)
                || ((a.y - b.y).abs() < 0.01 && (b.y - p.y).abs() < 0.01);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}
