//! Where connectors meet a box: an arrow coming in never ends on the point
//! an arrow going out starts from. The router aims every connector at the
//! middle of a side; where an incoming and an outgoing one meet there, the
//! incoming one moves along the side, away from the number badge's corner,
//! with the stub that reaches it. A jog shorter than an arrowhead slides
//! out of a route.

use super::geometry::{Point, Rect};
use crate::model::{ConnectorId, Process, StepId, StepKind};
use std::collections::{BTreeMap, BTreeSet};

/// How far an arrow moves along a side: a quarter of the side, at most.
const MOST: f32 = 16.0;

/// A point as a key, on a grid of half units.
fn key(p: Point) -> (i64, i64) {
    ((p.x * 2.0).round() as i64, (p.y * 2.0).round() as i64)
}

/// Routes' ends, found by where they are: two ends meet when they are
/// within half a unit of each other. Kept in cells a unit wide, so a look
/// up reads the two cells on each axis that such a point can lie in (and
/// ends up to two units apart count as meeting).
#[derive(Default)]
pub(super) struct PointSet(rustc_hash::FxHashMap<(i64, i64), u32>);

impl PointSet {
    pub(super) fn of(points: impl IntoIterator<Item = Point>) -> PointSet {
        let mut set = PointSet::default();
        for p in points {
            set.add(p);
        }
        set
    }

    fn cell(p: Point) -> (i64, i64) {
        (p.x.floor() as i64, p.y.floor() as i64)
    }

    pub(super) fn add(&mut self, p: Point) {
        *self.0.entry(Self::cell(p)).or_default() += 1;
    }

    pub(super) fn remove(&mut self, p: Point) {
        if let Some(count) = self.0.get_mut(&Self::cell(p)) {
            *count = count.saturating_sub(1);
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.values().all(|n| *n == 0)
    }

    /// Whether an end in the set meets `p`.
    pub(super) fn meets(&self, p: Point) -> bool {
        let (x0, y0) = Self::cell(Point::new(p.x - 0.5, p.y - 0.5));
        let (x1, y1) = Self::cell(Point::new(p.x + 0.5, p.y + 0.5));
        let has = |x: i64, y: i64| self.0.get(&(x, y)).is_some_and(|n| *n > 0);
        has(x0, y0) || has(x1, y0) || has(x0, y1) || has(x1, y1)
    }
}

/// The first points of routes (`last` false) or their last points.
pub(super) fn route_ends(routes: &[(ConnectorId, Vec<Point>)], last: bool) -> PointSet {
    PointSet::of(
        routes
            .iter()
            .filter(|(_, pts)| pts.len() >= 2)
            .map(|(_, pts)| if last { pts[pts.len() - 1] } else { pts[0] }),
    )
}

/// Whether step `s` is a decision: a diamond, with one point a side.
pub(super) fn is_diamond(process: &Process, s: StepId) -> bool {
    process
        .steps
        .get(&s)
        .is_some_and(|s| s.kind == StepKind::Decision)
}

/// Moves incoming arrows off the points outgoing ones start from; marks
/// each route moved in `changed`. `entered` says whether a route would run
/// into a box other than its ends.
pub(super) fn separate_ports(
    process: &Process,
    boxes: &BTreeMap<StepId, Rect>,
    routes: &mut [(ConnectorId, Vec<Point>)],
    changed: &mut BTreeSet<ConnectorId>,
    entered: &dyn Fn(&[Point], StepId, StepId) -> bool,
) {
    // Where outgoing routes start now.
    let mut starts = route_ends(routes, false);
    for (id, points) in routes.iter_mut() {
        let Some(c) = process.connectors.get(id) else {
            continue;
        };
        let n = points.len();
        if c.from == c.to || n < 2 || !starts.meets(points[n - 1]) {
            continue;
        }
        let (Some(from), Some(to)) = (boxes.get(&c.from), boxes.get(&c.to)) else {
            continue;
        };
        let diamond = |s: StepId| is_diamond(process, s);
        if diamond(c.to) {
            continue;
        }
        let straight = n == 2 && !diamond(c.from);
        let fits = |m: &Vec<Point>| !entered(m, c.from, c.to) && !starts.meets(m[m.len() - 1]);
        let Some(moved) = [1.0, -1.0]
            .into_iter()
            .filter_map(|sign| moved_end(points, to, from, straight, sign, Head::AtEnd))
            .find(fits)
        else {
            continue;
        };
        starts.remove(points[0]);
        starts.add(moved[0]);
        *points = moved;
        changed.insert(*id);
    }
    move_starts_off_ends(process, boxes, routes, changed, entered);
}

/// Where an incoming arrow could not move (it comes straight from a
/// diamond's corner, or ends on one), the outgoing route leaving that
/// point moves instead: its start and first stub along the side.
fn move_starts_off_ends(
    process: &Process,
    boxes: &BTreeMap<StepId, Rect>,
    routes: &mut [(ConnectorId, Vec<Point>)],
    changed: &mut BTreeSet<ConnectorId>,
    entered: &dyn Fn(&[Point], StepId, StepId) -> bool,
) {
    let ends = route_ends(routes, true);
    for (id, points) in routes.iter_mut() {
        let Some(c) = process.connectors.get(id) else {
            continue;
        };
        if c.from == c.to || points.len() < 2 || !ends.meets(points[0]) {
            continue;
        }
        let diamond = |s: StepId| is_diamond(process, s);
        let (Some(from), Some(to)) = (boxes.get(&c.from), boxes.get(&c.to)) else {
            continue;
        };
        if diamond(c.from) {
            continue;
        }
        // The route reversed: its start is the end `moved_end` moves.
        let reversed: Vec<Point> = points.iter().rev().copied().collect();
        let straight = reversed.len() == 2 && !diamond(c.to);
        let found = [1.0, -1.0].into_iter().find_map(|sign| {
            let head = if straight {
                Head::AtEnd
            } else {
                Head::Elsewhere
            };
            let mut moved = moved_end(&reversed, from, to, straight, sign, head)?;
            moved.reverse();
            (!entered(&moved, c.from, c.to) && !ends.meets(moved[0])).then_some(moved)
        });
        if let Some(moved) = found {
            *points = moved;
            changed.insert(*id);
        }
    }
}

/// Whether the end a pass moves carries the arrowhead.
#[derive(Clone, Copy, PartialEq)]
enum Head {
    AtEnd,
    Elsewhere,
}

/// The route with its end (and the stub before it) moved along `to`'s
/// side; a straight route moves its start along `from`'s side too, when it
/// stays on it. An end with an arrowhead never moves towards the number
/// badge's corner.
fn moved_end(
    points: &[Point],
    to: &Rect,
    from: &Rect,
    straight: bool,
    sign: f32,
    head: Head,
) -> Option<Vec<Point>> {
    let n = points.len();
    let end = points[n - 1];
    let on = |a: f32, b: f32| (a - b).abs() < 0.01;
    // Along x for the top and bottom sides, along y for the left and right.
    let along_x = on(end.y, to.min.y) || on(end.y, to.max.y);
    let along_y = on(end.x, to.min.x) || on(end.x, to.max.x);
    let d = if along_x {
        (to.width() / 4.0).min(MOST)
    } else if along_y {
        (to.height() / 4.0).min(MOST)
    } else {
        return None;
    };
    // Back towards the top left corner only on the right and bottom
    // sides: the number badge sits on that corner.
    let far_side = on(end.x, to.max.x) || on(end.y, to.max.y);
    if sign < 0.0 && !far_side && head == Head::AtEnd {
        return None;
    }
    let d = d * sign;
    let shift = |p: Point| {
        if along_x {
            Point::new(p.x + d, p.y)
        } else {
            Point::new(p.x, p.y + d)
        }
    };
    let mut moved = points.to_vec();
    moved[n - 1] = shift(end);
    // An end moved before may be near a corner already: it stays on the side.
    if !on_side(moved[n - 1], to) {
        return None;
    }
    if n == 2 {
        if !straight {
            return None;
        }
        let start = shift(points[0]);
        let inside = if along_x {
            start.x > from.min.x + 2.0 && start.x < from.max.x - 2.0
        } else {
            start.y > from.min.y + 2.0 && start.y < from.max.y - 2.0
        };
        if !inside {
            return None;
        }
        moved[0] = start;
    } else {
        moved[n - 2] = shift(points[n - 2]);
    }
    // The stub moved onto the segment before it: one straight run.
    let moved = super::route::simplify(moved);
    if moved.len() < 2 {
        return None;
    }
    // Leaving and arriving the same way, and no jog left too short.
    let same_way = heading(moved[0], moved[1]) == heading(points[0], points[1])
        && heading(moved[moved.len() - 2], moved[moved.len() - 1])
            == heading(points[n - 2], points[n - 1]);
    (same_way && shorts(&moved) <= shorts(points)).then_some(moved)
}

/// Whether `v` lies inside `lo..hi` with room for an arrowhead's half
/// width on each side.
fn within(v: f32, lo: f32, hi: f32) -> bool {
    v > lo + 5.0 && v < hi - 5.0
}

/// Removes jogs shorter than an arrowhead: the segment before the jog (or
/// the one after it) slides across by the jog's length. A segment at a box
/// slides only along that box's side (its end staying on it, away from the
/// corners, never off a diamond's corner); the route must then enter no
/// box, have fewer short segments, and leave and reach its boxes the same
/// way. Routes without a short segment cost one look at each segment.
pub(super) fn slide_out_short_jogs(
    process: &Process,
    boxes: &BTreeMap<StepId, Rect>,
    routes: &mut [(ConnectorId, Vec<Point>)],
    changed: &mut BTreeSet<ConnectorId>,
    entered: &dyn Fn(&[Point], StepId, StepId) -> bool,
) {
    if routes.iter().all(|(_, pts)| shorts(pts) == 0) {
        return;
    }
    let diamond = |s: StepId| is_diamond(process, s);
    // Where routes start and end: an end that slides must not land there.
    let mut taken = PointSet::of(
        routes
            .iter()
            .filter(|(_, pts)| pts.len() >= 2)
            .flat_map(|(_, pts)| [pts[0], pts[pts.len() - 1]]),
    );
    for (id, points) in routes.iter_mut() {
        if shorts(points) == 0 {
            continue;
        }
        let Some(c) = process.connectors.get(id) else {
            continue;
        };
        let (Some(from), Some(to)) = (boxes.get(&c.from), boxes.get(&c.to)) else {
            continue;
        };
        if c.from == c.to {
            continue;
        }
        // A few passes: each removes one jog.
        for _ in 0..4 {
            let n = points.len();
            let Some(k) = (1..n.saturating_sub(2)).find(|k| short(points[*k], points[k + 1]))
            else {
                break;
            };
            let jog = (points[k + 1].x - points[k].x, points[k + 1].y - points[k].y);
            let slid = |first: usize, by: (f32, f32)| {
                let mut moved = points.clone();
                for p in &mut moved[first..first + 2] {
                    *p = Point::new(p.x + by.0, p.y + by.1);
                }
                moved
            };
            let mut tries = Vec::new();
            // The segment before, forward; at the start only along its box.
            let before = slid(k - 1, jog);
            if k >= 2 || (!diamond(c.from) && on_side(before[0], from)) {
                tries.push(super::route::simplify(before));
            }
            // The segment after, back; at the end only along its box.
            let after = slid(k + 1, (-jog.0, -jog.1));
            if k + 3 < n || (!diamond(c.to) && on_side(after[n - 1], to)) {
                tries.push(super::route::simplify(after));
            }
            // Both halfway, meeting in the middle: two stubs too short to
            // give up the jog's length each give up half of it.
            let half = (jog.0 / 2.0, jog.1 / 2.0);
            let mut both = slid(k - 1, half);
            for p in &mut both[k + 1..k + 3] {
                *p = Point::new(p.x - half.0, p.y - half.1);
            }
            let start_ok = k >= 2 || (!diamond(c.from) && on_side(both[0], from));
            if start_ok && (k + 3 < n || (!diamond(c.to) && on_side(both[n - 1], to))) {
                tries.push(super::route::simplify(both));
            }
            let count = shorts(points);
            // (Near its own old place counts as taken too.)
            let lands_free = |new: Point, old: Point| key(new) == key(old) || !taken.meets(new);
            let same_ends = |m: &[Point]| {
                m.len() >= 2
                    && heading(m[0], m[1]) == heading(points[0], points[1])
                    && heading(m[m.len() - 2], m[m.len() - 1])
                        == heading(points[n - 2], points[n - 1])
                    && lands_free(m[0], points[0])
                    && lands_free(m[m.len() - 1], points[n - 1])
            };
            let Some(better) = tries
                .into_iter()
                .find(|m| same_ends(m) && shorts(m) < count && !entered(m, c.from, c.to))
            else {
                break;
            };
            for (old, new) in [
                (points[0], better[0]),
                (points[n - 1], better[better.len() - 1]),
            ] {
                taken.remove(old);
                taken.add(new);
            }
            *points = better;
            changed.insert(*id);
        }
    }
}

/// Whether the segment from `a` to `b` is shorter than an arrowhead.
fn short(a: Point, b: Point) -> bool {
    let len = (a.x - b.x).abs() + (a.y - b.y).abs();
    len > 0.01 && len < super::style::ARROWHEAD
}

/// How many segments of a route are shorter than an arrowhead.
pub(super) fn shorts(points: &[Point]) -> usize {
    points.windows(2).filter(|w| short(w[0], w[1])).count()
}

/// The direction from `a` to `b`, as signs (zero along an axis it does
/// not move on).
fn heading(a: Point, b: Point) -> (i8, i8) {
    let sign = |v: f32| {
        if v > 0.01 {
            1
        } else if v < -0.01 {
            -1
        } else {
            0
        }
    };
    (sign(b.x - a.x), sign(b.y - a.y))
}

/// Whether `p` lies on a side of `r`, at least five units from its corners
/// (room for half an arrowhead).
fn on_side(p: Point, r: &Rect) -> bool {
    let on = |a: f32, b: f32| (a - b).abs() < 0.01;
    let horizontal_side = (on(p.y, r.min.y) || on(p.y, r.max.y)) && within(p.x, r.min.x, r.max.x);
    let vertical_side = (on(p.x, r.min.x) || on(p.x, r.max.x)) && within(p.y, r.min.y, r.max.y);
    horizontal_side || vertical_side
}
