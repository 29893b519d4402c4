//! Routes kept off the lines between lanes and between phases (and the
//! chart's edge), so that an arrow never runs along a border and reads as
//! one.

use super::geometry::{Point, Rect};
use super::place::Geometry;
use super::style::ARROWHEAD;
use crate::model::{ConnectorId, Process, StepId};
use std::collections::BTreeSet;

/// How far a segment along a band's edge is moved off it.
const CLEARANCE: f32 = 6.0;

/// The lines bands meet at, each way: horizontal lines by their y, vertical
/// ones by their x.
struct Edges {
    ys: Vec<f32>,
    xs: Vec<f32>,
    content: Rect,
}

impl Edges {
    fn of(geo: &Geometry) -> Edges {
        let rects = geo.lanes.iter().map(|b| b.rect);
        let rects = rects.chain(geo.phases.iter().map(|b| b.rect));
        let (mut ys, mut xs) = (Vec::new(), Vec::new());
        for r in rects.chain([geo.content]) {
            ys.extend([r.min.y, r.max.y]);
            xs.extend([r.min.x, r.max.x]);
        }
        for v in [&mut ys, &mut xs] {
            v.sort_by(f32::total_cmp);
            v.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        }
        Edges {
            ys,
            xs,
            content: geo.content,
        }
    }

    /// The edge a line at `at` runs too close to, among `lines`.
    fn near(lines: &[f32], at: f32) -> Option<f32> {
        lines
            .iter()
            .copied()
            .find(|l| (l - at).abs() < CLEARANCE - 0.01)
    }
}

/// Moves each interior segment of the routes in `changed` that runs along
/// a band's edge to `CLEARANCE` off it — on its own side, else the other —
/// when the segments beside it keep their direction and at least an
/// arrowhead's length and the route enters no box.
pub(super) fn keep_off_band_edges(
    process: &Process,
    geo: &Geometry,
    routes: &mut [(ConnectorId, Vec<Point>)],
    changed: &BTreeSet<ConnectorId>,
    entered: &dyn Fn(&[Point], StepId, StepId) -> bool,
) {
    let edges = Edges::of(geo);
    for (id, points) in routes.iter_mut() {
        if !changed.contains(id) || points.len() < 4 {
            continue;
        }
        let Some(c) = process.connectors.get(id) else {
            continue;
        };
        for i in 1..points.len() - 2 {
            if let Some(moved) = moved_off(points, i, &edges)
                && !entered(&moved, c.from, c.to)
            {
                *points = moved;
            }
        }
    }
}

/// The route with segment `i` (from point `i` to `i + 1`) off the band edge
/// it runs along, if it runs along one and can move.
fn moved_off(points: &[Point], i: usize, edges: &Edges) -> Option<Vec<Point>> {
    let (a, b) = (points[i], points[i + 1]);
    let horizontal = (a.y - b.y).abs() < 0.01 && (a.x - b.x).abs() >= 0.01;
    let vertical = (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() >= 0.01;
    let (lines, at, lo, hi) = if horizontal {
        (&edges.ys, a.y, edges.content.min.y, edges.content.max.y)
    } else if vertical {
        (&edges.xs, a.x, edges.content.min.x, edges.content.max.x)
    } else {
        return None;
    };
    let edge = Edges::near(lines, at)?;
    let inward = if (at - edge).abs() >= 0.01 {
        (at - edge).signum()
    } else if edge - lo < hi - edge {
        1.0
    } else {
        -1.0
    };
    [inward, -inward]
        .into_iter()
        .map(|side| edge + side * CLEARANCE)
        .filter(|to| *to > lo && *to < hi && Edges::near(lines, *to).is_none())
        .find_map(|to| {
            let mut moved = points.to_vec();
            for p in &mut moved[i..=i + 1] {
                if horizontal {
                    p.y = to;
                } else {
                    p.x = to;
                }
            }
            let kept = |j: usize| keeps_course(points[j], points[j + 1], moved[j], moved[j + 1]);
            (kept(i - 1) && kept(i + 1)).then_some(moved)
        })
}

/// Whether a segment moved from `a`–`b` to `c`–`d` still runs the same way
/// and is at least an arrowhead long.
fn keeps_course(a: Point, b: Point, c: Point, d: Point) -> bool {
    let before = (b.x - a.x + b.y - a.y).signum();
    let after = d.x - c.x + d.y - c.y;
    after.signum() == before && after.abs() >= ARROWHEAD
}
