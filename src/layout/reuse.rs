//! Connector routes for a new layout, kept from the previous one where that
//! is safe: a route whose two end boxes moved by one offset (often none)
//! moves along, and is used if it still enters no box and no box that moved
//! differently comes near it (its old place included, so a route can
//! straighten when a box moves out of its way). Everything else is routed
//! afresh. When bands grew or shrank, "moved by one offset" is measured
//! after carrying everything along with its band: routes stretch across
//! the bands that changed size instead of being routed again.

use super::box_index::BoxIndex;
use super::geometry::{Point, Rect};
use super::place::{Band, Geometry};
use super::route::{RouteRequest, route_connector, route_self_loop, search_budget};
use super::style::ChartStyle;
use crate::model::{ConnectorId, LaneId, Numbering, Orientation, PhaseId, Process, StepId};
use crate::parallel::on_all_cores;
use std::collections::{BTreeMap, BTreeSet};

/// What the previous layout had: its boxes, its routes (taken, so kept
/// routes are moved rather than copied) and each route's two ends, in
/// connector id order.
pub(super) struct PreviousRoutes<'a> {
    pub lanes: &'a [Band<LaneId>],
    pub phases: &'a [Band<PhaseId>],
    pub boxes: &'a BTreeMap<StepId, Rect>,
    pub routes: BTreeMap<ConnectorId, Vec<Point>>,
    pub ends: &'a mut dyn Iterator<Item = (ConnectorId, (StepId, StepId))>,
}

/// The routes of a layout, and how they differ from the previous layout's.
pub(super) struct Routes {
    pub points: BTreeMap<ConnectorId, Vec<Point>>,
    /// Routed afresh (or new).
    pub changed: BTreeSet<ConnectorId>,
    /// Kept, moved along with both their boxes by this offset.
    pub shifted: BTreeMap<ConnectorId, (f32, f32)>,
}

/// Boxes that moved by one offset: where they are and were, and the area
/// (with the margin) that all of them cover, now and before.
#[derive(Default)]
struct MovedGroup {
    /// Each box's place now (none: gone) and before (none: new).
    boxes: Vec<(Option<Rect>, Option<Rect>)>,
    now: Option<Rect>,
    before: Option<Rect>,
}

/// Whether a route has a segment shorter than an arrowhead (a repeated
/// point included).
fn has_short_segment(points: &[Point]) -> bool {
    points
        .windows(2)
        .any(|w| (w[1].x - w[0].x).abs() + (w[1].y - w[0].y).abs() < super::style::ARROWHEAD - 0.01)
}

fn union(a: Option<Rect>, b: Rect) -> Option<Rect> {
    Some(a.map_or(b, |a| a.union(&b)))
}

/// Routes every connector whose two boxes are placed.
pub(super) fn route_all(
    process: &Process,
    numbering: &Numbering,
    geo: &Geometry,
    previous: Option<PreviousRoutes<'_>>,
    style: &ChartStyle,
) -> Routes {
    let vertical = process.orientation == Orientation::Vertical;
    let (exit_cost, entry_cost) = side_costs(vertical);
    let near = style.route_margin * 2.0;
    let boxes = &geo.boxes;
    let empty = BTreeMap::new();
    let (old_boxes, old_routes, mut ends, band_map) = match previous {
        Some(p) => {
            let map = BandMap::new(p.lanes, p.phases, geo, vertical);
            (p.boxes, p.routes, Some(p.ends.peekable()), map)
        }
        None => (&empty, BTreeMap::new(), None, BandMap::default()),
    };

    let (moved_by, groups) = movements(boxes, old_boxes, &band_map, near);
    let index: std::cell::OnceCell<BoxIndex> = std::cell::OnceCell::new();
    let carry = Carry {
        boxes,
        moved_by: &moved_by,
        groups: &groups,
        band_map: &band_map,
        near,
        index: &index,
    };
    let mut points_by_id = Vec::with_capacity(process.connectors.len());
    // (index in `points_by_id`, from box, to box, self loop)
    let mut to_route: Vec<(usize, Rect, Rect, bool)> = Vec::new();
    let mut old_routes = old_routes.into_iter().peekable();
    let mut changed = BTreeSet::new();
    let mut shifted = BTreeMap::new();
    // In a valid process every step is placed; look boxes up only to route.
    let all_placed = boxes.len() == process.steps.len();
    for c in process.connectors.values() {
        let placed = all_placed || (boxes.contains_key(&c.from) && boxes.contains_key(&c.to));
        if !placed {
            continue;
        }
        while old_routes.next_if(|(id, _)| *id < c.id).is_some() {}
        let old = old_routes
            .next_if(|(id, _)| *id == c.id)
            .map(|(_, points)| points);
        let same_ends = ends.as_mut().is_some_and(|e| {
            while e.next_if(|(id, _)| *id < c.id).is_some() {}
            e.next_if(|(id, _)| *id == c.id)
                .is_some_and(|(_, ends)| ends == (c.from, c.to))
        });
        let kept = old
            .filter(|_| same_ends)
            .and_then(|points| carry.carry(points, c.from, c.to));
        match kept {
            Some((points, how)) => {
                match how {
                    Kept::AsIs => {}
                    Kept::Moved(d) => {
                        shifted.insert(c.id, d);
                    }
                    Kept::Stretched => {
                        changed.insert(c.id);
                    }
                }
                points_by_id.push((c.id, points));
            }
            None => {
                if let (Some(from), Some(to)) = (boxes.get(&c.from), boxes.get(&c.to)) {
                    changed.insert(c.id);
                    points_by_id.push((c.id, Vec::new()));
                    to_route.push((points_by_id.len() - 1, *from, *to, c.from == c.to));
                }
            }
        }
    }
    // Routed afresh: many at once (a first layout) on every core.
    let costs = (exit_cost, entry_cost);
    let routed = route_fresh(process, geo, &to_route, costs, style);
    for ((slot, ..), points) in to_route.iter().zip(routed) {
        if let Some((_, p)) = points_by_id.get_mut(*slot) {
            *p = points;
        }
    }
    let index = index.get_or_init(|| BoxIndex::new(boxes));
    let polish = Polish {
        process,
        numbering,
        geo,
        style,
        costs,
        index,
    };
    polish.apply(&mut points_by_id, &mut changed);
    for id in &changed {
        shifted.remove(id);
    }
    Routes {
        points: points_by_id.into_iter().collect(),
        changed,
        shifted,
    }
}

/// The passes every layout's routes go through after they are kept or
/// routed: short jogs slid out, clashing ends moved or rerouted, ports
/// spread along their sides, arrowheads kept from under number badges,
/// segments kept off the lines between bands.
struct Polish<'a> {
    process: &'a Process,
    numbering: &'a Numbering,
    geo: &'a Geometry,
    style: &'a ChartStyle,
    costs: ([f32; 4], [f32; 4]),
    index: &'a BoxIndex,
}

impl Polish<'_> {
    fn apply(&self, points: &mut [(ConnectorId, Vec<Point>)], changed: &mut BTreeSet<ConnectorId>) {
        let entered =
            |points: &[Point], from: StepId, to: StepId| self.index.any_entered(points, from, to);
        super::ports::slide_out_short_jogs(
            self.process,
            &self.geo.boxes,
            points,
            changed,
            &entered,
        );
        let rerouter = super::reroute::Rerouter {
            process: self.process,
            geo: self.geo,
            costs: self.costs,
            style: self.style,
            entered: &entered,
        };
        let diamond = |s: StepId| super::ports::is_diamond(self.process, s);
        rerouter.clashing_ends(points, changed, &diamond);
        super::ports::separate_ports(self.process, &self.geo.boxes, points, changed, &entered);
        // Ends that could not move along their side: another side.
        rerouter.clashing_ends(points, changed, &|_| true);
        // Moving an end can leave a jog shorter than an arrowhead.
        super::ports::slide_out_short_jogs(
            self.process,
            &self.geo.boxes,
            points,
            changed,
            &entered,
        );
        rerouter.short_jogs(points, changed);
        // Badges of the boxes whose top left corner (or a decision's upper
        // left side) is near a point: where an arrowhead could meet one.
        let badges_near = |p: Point| -> Vec<(Point, f32)> {
            let reach = Point::new(48.0, 48.0);
            self.index
                .boxes_in(
                    Point::new(p.x - reach.x, p.y - reach.y),
                    Point::new(p.x + reach.x, p.y + reach.y),
                )
                .filter_map(|(id, rect)| {
                    let step = self.process.steps.get(&id)?;
                    Some(super::boxes::badge(
                        step,
                        rect,
                        self.numbering.of(id)?,
                        self.style,
                    ))
                })
                .collect()
        };
        rerouter.heads_under_badges(points, changed, &badges_near);
        super::band_edges::keep_off_band_edges(self.process, self.geo, points, changed, &entered);
    }
}

/// What deciding whether an old route can be kept needs: where boxes are,
/// how each moved (and in which groups), how points move with their bands.
struct Carry<'a> {
    boxes: &'a BTreeMap<StepId, Rect>,
    moved_by: &'a Movements,
    groups: &'a BTreeMap<(i64, i64), MovedGroup>,
    band_map: &'a BandMap,
    near: f32,
    index: &'a std::cell::OnceCell<BoxIndex>,
}

impl Carry<'_> {
    /// How a placed box moved: its own offset (none: it did not move).
    fn offset_of(&self, id: &StepId) -> Option<(f32, f32)> {
        match self.moved_by.get(id) {
            Some(d) => *d,
            None => Some((0.0, 0.0)),
        }
    }

    /// The old route between boxes `from` and `to` carried into the new
    /// layout, and how; `None` when it must be routed afresh.
    fn carry(
        &self,
        mut points: Vec<Point>,
        from: StepId,
        to: StepId,
    ) -> Option<(Vec<Point>, Kept)> {
        let (df, dt) = (self.offset_of(&from)?, self.offset_of(&to)?);
        if (df.0 - dt.0).abs() >= 0.01 || (df.1 - dt.1).abs() >= 0.01 {
            return None;
        }
        let own = offset_key(Some(df));
        let bounds_before = Rect::around(points.iter().copied());
        let disturbed_before = self.groups.iter().any(|(key, g)| {
            *key != own
                && g.before.is_some_and(|b| touches(&b, &bounds_before))
                && g.boxes
                    .iter()
                    .any(|(_, old)| old.is_some_and(|o| route_near(&points, &o.expand(self.near))))
        });
        if disturbed_before {
            return None;
        }
        // Carried with the bands, then by the boxes' own offset.
        let mut moves = points.iter().map(|p| {
            let q = self.band_map.point(*p);
            (q.x + df.0 - p.x, q.y + df.1 - p.y)
        });
        let first = moves.next().unwrap_or((0.0, 0.0));
        let uniform = moves.all(|m| m == first);
        let still = uniform && first == (0.0, 0.0);
        if !still {
            for p in &mut points {
                let q = self.band_map.point(*p);
                *p = Point::new(q.x + df.0, q.y + df.1);
            }
        }
        let bounds_now = if still {
            bounds_before
        } else {
            Rect::around(points.iter().copied())
        };
        let disturbed_now = self.groups.iter().any(|(key, g)| {
            *key != own
                && g.now.is_some_and(|b| touches(&b, &bounds_now))
                && g.boxes
                    .iter()
                    .any(|(new, _)| new.is_some_and(|n| route_near(&points, &n.expand(self.near))))
        });
        // Unmoved, it entered no box before, and every box that moved
        // differently was checked just above. Moved by its boxes' own
        // offset, or stretched across bands (a segment crossing a band
        // that changed size can come to lie over a box), check it again.
        let blocked = !still
            && (df != (0.0, 0.0) || !uniform)
            && self
                .index
                .get_or_init(|| BoxIndex::new(self.boxes))
                .any_entered(&points, from, to);
        let how = match (still, uniform) {
            (true, _) => Kept::AsIs,
            (false, true) => Kept::Moved(first),
            (false, false) => Kept::Stretched,
        };
        // Stretching across bands that shrank can squeeze a stub or
        // jog below an arrowhead's length: such a route is routed anew.
        let squeezed = matches!(how, Kept::Stretched) && has_short_segment(&points);
        (!disturbed_now && !blocked && !squeezed).then_some((points, how))
    }
}

/// The extra cost of leaving and of entering a box by each side (right,
/// bottom, left, top), so that routes follow the flow: out of the side
/// facing downstream, into the side facing upstream.
fn side_costs(vertical: bool) -> ([f32; 4], [f32; 4]) {
    if vertical {
        ([20.0, 0.0, 40.0, 40.0], [40.0, 20.0, 20.0, 0.0])
    } else {
        ([0.0, 20.0, 40.0, 40.0], [40.0, 20.0, 0.0, 20.0])
    }
}

/// How each box moved since the previous layout: its own offset (after
/// being carried with the bands), or `None` when it is new or resized;
/// boxes not listed stayed where they were. And the boxes grouped by
/// offset, with the areas each group covered before and covers now.
fn movements(
    boxes: &BTreeMap<StepId, Rect>,
    old_boxes: &BTreeMap<StepId, Rect>,
    band_map: &BandMap,
    near: f32,
) -> (Movements, BTreeMap<(i64, i64), MovedGroup>) {
    // Both maps are sorted by id, so they are walked side by side.
    let offset = |old: &Rect, new: &Rect| -> Option<(f32, f32)> {
        let same_size =
            (old.width() - new.width()).abs() < 0.01 && (old.height() - new.height()).abs() < 0.01;
        let carried = band_map.point(old.min);
        // Carried along exactly but for float rounding counts as not moved.
        let own = |d: f32| if d.abs() < 0.001 { 0.0 } else { d };
        same_size.then_some((own(new.min.x - carried.x), own(new.min.y - carried.y)))
    };
    let mut moved_by: Movements = BTreeMap::new();
    let mut groups: BTreeMap<(i64, i64), MovedGroup> = BTreeMap::new();
    let mut add = |key: (i64, i64), new: Option<Rect>, old: Option<Rect>| {
        let g = groups.entry(key).or_default();
        if let Some(n) = new {
            g.now = union(g.now, n.expand(near));
        }
        if let Some(o) = old {
            g.before = union(g.before, o.expand(near));
        }
        g.boxes.push((new, old));
    };
    let mut old_iter = old_boxes.iter().peekable();
    for (id, r) in boxes {
        while let Some((_, gone)) = old_iter.next_if(|(old_id, _)| *old_id < id) {
            add(offset_key(None), None, Some(*gone));
        }
        let old = old_iter
            .next_if(|(old_id, _)| *old_id == id)
            .map(|(_, o)| *o);
        let d = old.and_then(|o| offset(&o, r));
        if d != Some((0.0, 0.0)) {
            moved_by.insert(*id, d);
            add(offset_key(d), Some(*r), old);
        }
    }
    for (_, gone) in old_iter {
        add(offset_key(None), None, Some(*gone));
    }
    (moved_by, groups)
}

/// Each moved box's own offset; `None` for new or resized boxes.
type Movements = BTreeMap<StepId, Option<(f32, f32)>>;

/// Routes the connectors `to_route` names from nothing, on every core.
fn route_fresh(
    process: &Process,
    geo: &Geometry,
    to_route: &[(usize, Rect, Rect, bool)],
    (exit_cost, entry_cost): ([f32; 4], [f32; 4]),
    style: &ChartStyle,
) -> Vec<Vec<Point>> {
    let obstacles: Vec<Rect> = if to_route.is_empty() {
        Vec::new()
    } else {
        geo.boxes.values().copied().collect()
    };
    let work_budget = search_budget(process.connectors.len());
    let route = |&(_, from, to, self_loop): &(usize, Rect, Rect, bool)| {
        if self_loop {
            route_self_loop(&from, style.route_margin)
        } else {
            route_connector(&RouteRequest {
                from,
                to,
                obstacles: &obstacles,
                bounds: geo.content,
                margin: style.route_margin,
                bend_penalty: style.bend_penalty,
                exit_cost,
                entry_cost,
                work_budget,
            })
        }
    };
    on_all_cores(to_route, 64, route)
}

/// How a route was kept.
enum Kept {
    AsIs,
    /// Every point moved by this offset.
    Moved((f32, f32)),
    /// Stretched across bands that changed size.
    Stretched,
}

/// Carries points from the previous layout to the new one: each point
/// moves with the lane and the phase it lies in (points before the first
/// band stay, points after the last move with its end). Axis by axis, so
/// straight segments stay straight.
#[derive(Default)]
struct BandMap {
    x: Vec<(f32, f32, f32)>,
    y: Vec<(f32, f32, f32)>,
    /// Nothing moves (the usual case while dragging inside a band).
    identity: bool,
}

impl BandMap {
    /// The map between the previous bands and the new ones; none (no
    /// movement) when the bands themselves are not the same ones.
    fn new(
        lanes: &[Band<LaneId>],
        phases: &[Band<PhaseId>],
        geo: &Geometry,
        vertical: bool,
    ) -> BandMap {
        fn spans<Id: PartialEq>(
            old: &[Band<Id>],
            new: &[Band<Id>],
            along_x: bool,
        ) -> Vec<(f32, f32, f32)> {
            if old.len() != new.len() || old.iter().zip(new).any(|(a, b)| a.id != b.id) {
                return Vec::new();
            }
            let mut spans: Vec<(f32, f32, f32)> = old
                .iter()
                .zip(new)
                .map(|(a, b)| {
                    if along_x {
                        (a.rect.min.x, a.rect.max.x, b.rect.min.x - a.rect.min.x)
                    } else {
                        (a.rect.min.y, a.rect.max.y, b.rect.min.y - a.rect.min.y)
                    }
                })
                .collect();
            // After the last band, points move with its end.
            if let (Some(a), Some(b)) = (old.last(), new.last()) {
                let (end, shift) = if along_x {
                    (a.rect.max.x, b.rect.max.x - a.rect.max.x)
                } else {
                    (a.rect.max.y, b.rect.max.y - a.rect.max.y)
                };
                spans.push((end, f32::INFINITY, shift));
            }
            spans
        }
        let lane_spans = spans(lanes, &geo.lanes, vertical);
        let phase_spans = spans(phases, &geo.phases, !vertical);
        let identity = lane_spans
            .iter()
            .chain(&phase_spans)
            .all(|(_, _, shift)| *shift == 0.0);
        let (x, y) = if vertical {
            (lane_spans, phase_spans)
        } else {
            (phase_spans, lane_spans)
        };
        BandMap { x, y, identity }
    }

    fn axis(spans: &[(f32, f32, f32)], v: f32) -> f32 {
        spans
            .iter()
            .find(|(start, end, _)| *start <= v && v < *end)
            .map_or(v, |(_, _, shift)| v + shift)
    }

    fn point(&self, p: Point) -> Point {
        if self.identity {
            return p;
        }
        Point::new(Self::axis(&self.x, p.x), Self::axis(&self.y, p.y))
    }
}

/// An offset rounded to hundredths, as a map key (`None`: resized, new or
/// gone).
fn offset_key(d: Option<(f32, f32)>) -> (i64, i64) {
    match d {
        Some(d) if d.0.is_finite() && d.1.is_finite() => {
            ((d.0 * 100.0).round() as i64, (d.1 * 100.0).round() as i64)
        }
        _ => (i64::MIN, i64::MIN),
    }
}

/// Whether two rectangles meet, edges included.
fn touches(a: &Rect, b: &Rect) -> bool {
    a.min.x <= b.max.x && b.min.x <= a.max.x && a.min.y <= b.max.y && b.min.y <= a.max.y
}

/// True when a route passes through or along `area`.
fn route_near(points: &[Point], area: &Rect) -> bool {
    points.windows(2).any(|w| {
        let (a, b) = (w[0], w[1]);
        let seg = Rect {
            min: Point::new(a.x.min(b.x), a.y.min(b.y)),
            max: Point::new(a.x.max(b.x), a.y.max(b.y)),
        };
        seg.min.x <= area.max.x
            && seg.max.x >= area.min.x
            && seg.min.y <= area.max.y
            && seg.max.y >= area.min.y
    })
}
