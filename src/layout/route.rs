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
    pub(super) fn dir(self) -> usize {
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

/// The orthogonal visibility grid of one search: the lines `margin`
/// outside each box near the route, the region's edges and the stubs'
/// ends, and the boxes routes must not enter.
struct Grid<'a> {
    req: &'a RouteRequest<'a>,
    region: &'a Rect,
    obstacles: Vec<Rect>,
    xs: Vec<f32>,
    ys: Vec<f32>,
}

/// What the search found: the goal node reached, the direction
/// it arrived in, the side of the target it enters, and where each state
/// came from.
struct Found {
    node: usize,
    dir: usize,
    side: Side,
    came: Vec<Option<(usize, usize)>>,
}

fn search(req: &RouteRequest, region: &Rect) -> Option<Vec<Point>> {
    let grid = Grid::new(req, region)?;
    let goals = grid.goals();
    if goals.is_empty() {
        return None;
    }
    let found = grid.shortest(&goals)?;
    grid.path(found)
}

impl<'a> Grid<'a> {
    /// The grid, or `None` when it would take more than the request's
    /// budget to search.
    fn new(req: &'a RouteRequest<'a>, region: &'a Rect) -> Option<Grid<'a>> {
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
        let mut grid = Grid {
            req,
            region,
            obstacles,
            xs: vec![region.min.x, region.max.x],
            ys: vec![region.min.y, region.max.y],
        };
        grid.add_lines();
        let nodes = grid.xs.len() * grid.ys.len();
        // A grid this large, or this crowded (a long loop across a huge
        // chart), would take too long to search; the caller falls back to a
        // plain elbow.
        let work = nodes * grid.obstacles.len();
        (nodes > 0 && nodes <= MAX_GRID_NODES && work <= req.work_budget).then_some(grid)
    }

    /// The grid lines: `margin` outside each box and through each stub's
    /// end, sorted and without near-duplicates.
    fn add_lines(&mut self) {
        let m = self.req.margin;
        let mut xs = std::mem::take(&mut self.xs);
        let mut ys = std::mem::take(&mut self.ys);
        for o in &self.obstacles {
            xs.extend([o.min.x - m, o.max.x + m]);
            ys.extend([o.min.y - m, o.max.y + m]);
        }
        for side in Side::ALL {
            for r in [&self.req.from, &self.req.to] {
                let (_, q) = self.stub(side, r);
                xs.push(q.x);
                ys.push(q.y);
            }
        }
        let tidy = |v: &mut Vec<f32>, lo: f32, hi: f32| {
            v.retain(|c| c.is_finite() && *c >= lo && *c <= hi);
            v.sort_by(f32::total_cmp);
            v.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        };
        tidy(&mut xs, self.region.min.x, self.region.max.x);
        tidy(&mut ys, self.region.min.y, self.region.max.y);
        (self.xs, self.ys) = (xs, ys);
    }

    /// A stub leaves each port straight out: `margin` long, or half the gap
    /// to the next box in front of it when that is closer.
    fn stub(&self, side: Side, r: &Rect) -> (Point, Point) {
        let p = side.port(r);
        let (dx, dy) = STEPS[side.dir()];
        let length = stub_length(side, r, p, &self.obstacles, self.req.margin);
        (p, Point::new(p.x + dx * length, p.y + dy * length))
    }

    fn blocked(&self, a: Point, b: Point) -> bool {
        self.obstacles.iter().any(|o| o.segment_enters(a, b))
    }

    fn node_at(&self, p: Point) -> Option<usize> {
        let find = |v: &[f32], c: f32| v.iter().position(|x| (x - c).abs() < 0.01);
        Some(find(&self.ys, p.y)? * self.xs.len() + find(&self.xs, p.x)?)
    }

    fn point(&self, n: usize) -> Point {
        let nx = self.xs.len();
        Point::new(self.xs[n % nx], self.ys[n / nx])
    }

    /// Goals: arriving at a target stub; the last move goes into the box.
    fn goals(&self) -> Vec<(usize, Side)> {
        Side::ALL
            .into_iter()
            .filter_map(|side| {
                let (p, q) = self.stub(side, &self.req.to);
                let open = self.region.contains(q) && !self.blocked(q, p);
                Some((self.node_at(q).filter(|_| open)?, side))
            })
            .collect()
    }

    /// The cheapest route (length plus bends plus the sides' costs) from a
    /// source stub to a goal, by A* with the Manhattan distance to the
    /// nearest goal as the estimate.
    fn shortest(&self, goals: &[(usize, Side)]) -> Option<Found> {
        let req = self.req;
        let (nx, ny) = (self.xs.len(), self.ys.len());
        let goal_points: Vec<Point> = goals.iter().map(|(n, _)| self.point(*n)).collect();
        let estimate = |n: usize| {
            let p = self.point(n);
            goal_points
                .iter()
                .map(|g| (g.x - p.x).abs() + (g.y - p.y).abs())
                .fold(f32::INFINITY, f32::min)
        };
        let mut best = vec![f32::INFINITY; nx * ny * 4];
        let mut came: Vec<Option<(usize, usize)>> = vec![None; nx * ny * 4];
        let mut heap = BinaryHeap::new();
        for side in Side::ALL {
            let (p, q) = self.stub(side, &req.from);
            if !self.region.contains(q) || self.blocked(p, q) {
                continue;
            }
            if let Some(n) = self.node_at(q) {
                let cost = req.margin + req.exit_cost[side.dir()];
                let s = (n * 4) + side.dir();
                if cost < best[s] {
                    best[s] = cost;
                    let rank = cost + estimate(n);
                    heap.push(State {
                        rank,
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
            for (goal, side) in goals {
                if *goal != node || dir == side.dir() {
                    continue; // elsewhere, or would have to turn back on itself
                }
                let inward = opposite(side.dir());
                let bend = if dir == inward { 0.0 } else { req.bend_penalty };
                let total = cost + req.margin + req.entry_cost[side.dir()] + bend;
                if finish.is_none_or(|(c, ..)| total < c) {
                    finish = Some((total, node, dir, *side));
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
                let (a, b) = (self.point(node), self.point(next));
                if self.blocked(a, b) {
                    continue;
                }
                let length = (a.x - b.x).abs() + (a.y - b.y).abs();
                let turn = if nd == dir { 0.0 } else { req.bend_penalty };
                let c = cost + length + turn;
                let s = next * 4 + nd;
                if c < best[s] {
                    best[s] = c;
                    came[s] = Some((node, dir));
                    let rank = c + estimate(next);
                    heap.push(State {
                        rank,
                        cost: c,
                        node: next,
                        dir: nd,
                    });
                }
            }
        }
        let (_, node, dir, side) = finish?;
        Some(Found {
            node,
            dir,
            side,
            came,
        })
    }

    /// The route found, from the source's port to the target's, simplified.
    fn path(&self, found: Found) -> Option<Vec<Point>> {
        let Found {
            node,
            dir,
            side,
            came,
        } = found;
        let mut points = vec![side.port(&self.req.to), self.point(node)];
        let (mut n, mut d) = (node, dir);
        while let Some((prev, pd)) = came[n * 4 + d] {
            points.push(self.point(prev));
            n = prev;
            d = pd;
        }
        // The first grid node is a source stub; add its port.
        let start = self.point(n);
        let source_side = Side::ALL.into_iter().find(|s| {
            let (_, q) = self.stub(*s, &self.req.from);
            s.dir() == d && (q.x - start.x).abs() < 0.01 && (q.y - start.y).abs() < 0.01
        })?;
        points.push(source_side.port(&self.req.from));
        points.reverse();
        Some(simplify(points))
    }
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

/// Drops repeated points and points in the middle of straight runs (a
/// run that turns back on itself included), so no segment has length zero.
pub fn simplify(points: Vec<Point>) -> Vec<Point> {
    let same = |a: Point, b: Point| (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01;
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        while out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let straight = ((a.x - b.x).abs() < 0.01 && (b.x - p.x).abs() < 0.01)
                || ((a.y - b.y).abs() < 0.01 && (b.y - p.y).abs() < 0.01);
            if !straight {
                break;
            }
            out.pop();
        }
        if !out.last().is_some_and(|l| same(*l, p)) {
            out.push(p);
        }
    }
    out
}
