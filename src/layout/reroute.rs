//! Connectors that still break a rule after the cheap fixes, routed again
//! with some sides of their boxes closed: an arrow ending where another
//! leaves (at once for a diamond, whose corners are its only points), and
//! a jog shorter than an arrowhead that sliding could not remove.

use super::geometry::{Point, Rect};
use super::place::Geometry;
use super::ports::{PointSet, route_ends, shorts, slide_out_short_jogs};
use super::quality::head_under_badge;
use super::route::{RouteRequest, Side, route_connector, search_budget};
use super::style::ChartStyle;
use crate::model::{Connector, ConnectorId, Process, StepId};
use std::collections::BTreeSet;

/// Where routes start and end.
struct Ends {
    starts: PointSet,
    ends: PointSet,
}

impl Ends {
    fn of(routes: &[(ConnectorId, Vec<Point>)]) -> Ends {
        Ends {
            starts: route_ends(routes, false),
            ends: route_ends(routes, true),
        }
    }

    /// Notes that a route now runs along `new` instead of `old`.
    fn replace(&mut self, old: &[Point], new: &[Point]) {
        if let (Some(a), Some(b)) = (old.first(), old.last()) {
            self.starts.remove(*a);
            self.ends.remove(*b);
        }
        if let (Some(a), Some(b)) = (new.first(), new.last()) {
            self.starts.add(*a);
            self.ends.add(*b);
        }
    }

    /// Whether a new route starts where no arrow ends and ends where no
    /// arrow starts.
    fn free(&self, points: &[Point]) -> bool {
        points.len() >= 2
            && !self.ends.meets(points[0])
            && !self.starts.meets(points[points.len() - 1])
    }
}

/// Routes one process's connectors again.
pub(super) struct Rerouter<'a> {
    pub process: &'a Process,
    pub geo: &'a Geometry,
    /// The sides' costs of leaving and entering (as the first routing).
    pub costs: ([f32; 4], [f32; 4]),
    pub style: &'a ChartStyle,
    /// Whether a route would run into a box other than its ends.
    pub entered: &'a dyn Fn(&[Point], StepId, StepId) -> bool,
}

impl Rerouter<'_> {
    /// Arrows into steps `into` picks that end on a point an arrow leaves
    /// from, routed into a side whose middle no arrow leaves from; where
    /// that fails, the arrows leaving that point are routed out of another.
    pub fn clashing_ends(
        &self,
        routes: &mut [(ConnectorId, Vec<Point>)],
        changed: &mut BTreeSet<ConnectorId>,
        into: &dyn Fn(StepId) -> bool,
    ) {
        let mut ends = Ends::of(routes);
        let mut stuck = PointSet::default();
        for (id, points) in routes.iter_mut() {
            let Some(c) = self.process.connectors.get(id) else {
                continue;
            };
            let Some(end) = points.last().copied() else {
                continue;
            };
            let clash = points.len() >= 2 && ends.starts.meets(end);
            if c.from == c.to || !clash || !into(c.to) {
                continue;
            }
            if !self.reroute(c, points, &mut ends) {
                stuck.add(end);
                continue;
            }
            changed.insert(*id);
        }
        if stuck.is_empty() {
            return;
        }
        for (id, points) in routes.iter_mut() {
            let Some(c) = self.process.connectors.get(id) else {
                continue;
            };
            let leaves_stuck = points.first().is_some_and(|p| stuck.meets(*p));
            if c.from != c.to && leaves_stuck && self.reroute(c, points, &mut ends) {
                changed.insert(*id);
            }
        }
    }

    /// Routes `c` again away from the other arrows' ends; whether the new
    /// route, with no more short jogs than the old, replaced `points`.
    fn reroute(&self, c: &Connector, points: &mut Vec<Point>, ends: &mut Ends) -> bool {
        match self.route(c, ends, [false; 4], [false; 4]) {
            Some(new) if shorts(&new) <= shorts(points) => {
                ends.replace(points, &new);
                *points = new;
                true
            }
            _ => false,
        }
    }

    /// Routes with a jog shorter than an arrowhead, routed with the side
    /// they enter, leave, or both closed, when that gives one without.
    pub fn short_jogs(
        &self,
        routes: &mut [(ConnectorId, Vec<Point>)],
        changed: &mut BTreeSet<ConnectorId>,
    ) {
        if routes.iter().all(|(_, pts)| shorts(pts) == 0) {
            return;
        }
        let mut ends = Ends::of(routes);
        for (id, points) in routes.iter_mut() {
            let Some(c) = self.process.connectors.get(id) else {
                continue;
            };
            if c.from == c.to || points.len() < 2 || shorts(points) == 0 {
                continue;
            }
            let (Some(from), Some(to)) = (self.geo.boxes.get(&c.from), self.geo.boxes.get(&c.to))
            else {
                continue;
            };
            let exit = closed(side_at(points[0], from));
            let entry = closed(side_at(points[points.len() - 1], to));
            let found = [([false; 4], entry), (exit, [false; 4]), (exit, entry)]
                .into_iter()
                .filter_map(|(exit, entry)| self.route(c, &ends, exit, entry))
                .find(|new| shorts(new) == 0);
            if let Some(new) = found {
                ends.replace(points, &new);
                *points = new;
                changed.insert(*id);
            }
        }
    }

    /// Arrows whose head lies under a number badge (another box's, close
    /// by), routed into another side of their box where that frees it.
    pub fn heads_under_badges(
        &self,
        routes: &mut [(ConnectorId, Vec<Point>)],
        changed: &mut BTreeSet<ConnectorId>,
        badges_near: BadgesNear<'_>,
    ) {
        let mut ends: Option<Ends> = None;
        for i in 0..routes.len() {
            let (id, points) = &routes[i];
            if !head_covered(points, badges_near) {
                continue;
            }
            let Some(c) = self.process.connectors.get(id) else {
                continue;
            };
            let Some(to) = self.geo.boxes.get(&c.to) else {
                continue;
            };
            let entry = closed(points.last().and_then(|p| side_at(*p, to)));
            let ends = ends.get_or_insert_with(|| Ends::of(routes));
            let found = self
                .route(c, ends, [false; 4], entry)
                .filter(|new| !head_covered(new, badges_near) && shorts(new) == 0);
            if let Some(new) = found {
                let (id, points) = &mut routes[i];
                ends.replace(points, &new);
                *points = new;
                changed.insert(*id);
            }
        }
    }

    /// `c` routed with the sides marked closed, and every side's middle
    /// where another arrow leaves closed to it coming in (and where one
    /// ends, to it leaving); `None` when the route found still meets
    /// another arrow's end or runs into a box.
    fn route(
        &self,
        c: &Connector,
        ends: &Ends,
        closed_exit: [bool; 4],
        closed_entry: [bool; 4],
    ) -> Option<Vec<Point>> {
        let (from, to) = (self.geo.boxes.get(&c.from)?, self.geo.boxes.get(&c.to)?);
        let (mut exit, mut entry) = self.costs;
        for side in Side::ALL {
            let d = side.dir();
            if closed_entry[d] || ends.starts.meets(side.port(to)) {
                entry[d] += 1.0e6;
            }
            if closed_exit[d] || ends.ends.meets(side.port(from)) {
                exit[d] += 1.0e6;
            }
        }
        let obstacles: Vec<Rect> = self.geo.boxes.values().copied().collect();
        let points = route_connector(&RouteRequest {
            from: *from,
            to: *to,
            obstacles: &obstacles,
            bounds: self.geo.content,
            margin: self.style.route_margin,
            bend_penalty: self.style.bend_penalty,
            exit_cost: exit,
            entry_cost: entry,
            work_budget: search_budget(self.process.connectors.len()),
        });
        // Grid lines close together can leave a short jog; slide it out.
        let mut one = [(c.id, points)];
        let boxes = &self.geo.boxes;
        slide_out_short_jogs(
            self.process,
            boxes,
            &mut one,
            &mut BTreeSet::new(),
            self.entered,
        );
        let [(_, points)] = one;
        (ends.free(&points) && !(self.entered)(&points, c.from, c.to)).then_some(points)
    }
}

/// The number badges (centre and radius) near a point.
pub(super) type BadgesNear<'a> = &'a dyn Fn(Point) -> Vec<(Point, f32)>;

/// Whether the arrowhead at the end of `route` lies under a badge.
fn head_covered(route: &[Point], badges_near: BadgesNear<'_>) -> bool {
    route
        .last()
        .is_some_and(|end| head_under_badge(route, &badges_near(*end)))
}

/// The sides closed: the one given, if any.
fn closed(side: Option<Side>) -> [bool; 4] {
    let mut sides = [false; 4];
    if let Some(side) = side {
        sides[side.dir()] = true;
    }
    sides
}

/// The side of `r` that `p` lies on.
fn side_at(p: Point, r: &Rect) -> Option<Side> {
    let on = |a: f32, b: f32| (a - b).abs() < 0.01;
    if on(p.x, r.min.x) {
        Some(Side::Left)
    } else if on(p.x, r.max.x) {
        Some(Side::Right)
    } else if on(p.y, r.min.y) {
        Some(Side::Top)
    } else if on(p.y, r.max.y) {
        Some(Side::Bottom)
    } else {
        None
    }
}
