//! How clean a laid-out chart is, counted: boxes that overlap, connector
//! segments that run through a box they do not belong to, crossings
//! between connectors, and bends. `flowcase check` reports them, and tidy
//! layout is measured by them.

use super::chart::ChartLayout;
use super::geometry::Point;
use super::style::ARROWHEAD;
use crate::model::Process;
use serde::Serialize;

/// The counts of one layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LayoutQuality {
    /// Pairs of step boxes that overlap.
    pub overlapping_boxes: usize,
    /// Connector segments that enter a box other than their ends'.
    pub segments_through_boxes: usize,
    /// Places where two connectors cross (a horizontal segment through a
    /// vertical one, ends and shared points not counted).
    pub crossings: usize,
    /// Corners along all routes.
    pub bends: usize,
}

/// Counts `layout` of `process`.
pub fn layout_quality(process: &Process, layout: &ChartLayout) -> LayoutQuality {
    let boxes: Vec<_> = layout.boxes.iter().collect();
    let mut overlapping_boxes = 0;
    let mut by_x: Vec<_> = boxes.iter().map(|(_, r)| **r).collect();
    by_x.sort_by(|a, b| a.min.x.total_cmp(&b.min.x));
    for (i, a) in by_x.iter().enumerate() {
        for b in by_x[i + 1..].iter().take_while(|b| b.min.x < a.max.x) {
            if a.min.y < b.max.y && b.min.y < a.max.y && a.max.x > b.min.x {
                overlapping_boxes += 1;
            }
        }
    }
    let mut segments_through_boxes = 0;
    let mut bends = 0;
    let mut horizontal: Vec<(f32, f32, f32, u32)> = Vec::new(); // y, x0, x1, connector
    let mut vertical: Vec<(f32, f32, f32, u32)> = Vec::new(); // x, y0, y1, connector
    for (id, route) in &layout.routes {
        bends += route.len().saturating_sub(2);
        let Some(connector) = process.connectors.get(id) else {
            continue;
        };
        for pair in route.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            segments_through_boxes += boxes
                .iter()
                .filter(|(step, _)| **step != connector.from && **step != connector.to)
                .filter(|(_, r)| r.segment_enters(a, b))
                .count();
            push_segment(&mut horizontal, &mut vertical, a, b, id.0);
        }
    }
    LayoutQuality {
        overlapping_boxes,
        segments_through_boxes,
        crossings: crossings(&mut horizontal, &mut vertical),
        bends,
    }
}

fn push_segment(
    horizontal: &mut Vec<(f32, f32, f32, u32)>,
    vertical: &mut Vec<(f32, f32, f32, u32)>,
    a: Point,
    b: Point,
    id: u32,
) {
    if (a.y - b.y).abs() < 0.01 && (a.x - b.x).abs() >= 0.01 {
        horizontal.push((a.y, a.x.min(b.x), a.x.max(b.x), id));
    } else if (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() >= 0.01 {
        vertical.push((a.x, a.y.min(b.y), a.y.max(b.y), id));
    }
}

/// Horizontal segments strictly crossing vertical ones of other
/// connectors; verticals sorted by x so each horizontal looks only at
/// those within its span.
fn crossings(
    horizontal: &mut [(f32, f32, f32, u32)],
    vertical: &mut [(f32, f32, f32, u32)],
) -> usize {
    vertical.sort_by(|a, b| a.0.total_cmp(&b.0));
    let inside = |v: f32, lo: f32, hi: f32| v > lo + 0.01 && v < hi - 0.01;
    let mut count = 0;
    for &(y, x0, x1, id) in horizontal.iter() {
        let from = vertical.partition_point(|v| v.0 <= x0 + 0.01);
        count += vertical[from..]
            .iter()
            .take_while(|v| v.0 < x1 - 0.01)
            .filter(|v| v.3 != id && inside(y, v.1, v.2))
            .filter(|v| inside(v.0, x0, x1))
            .count();
    }
    count
}

/// Breaches of the connector rules: an arrow in and an arrow out sharing
/// one point of a box, an arrowhead under a number badge, a segment
/// shorter than an arrowhead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ConnectorIssues {
    pub shared_ports: usize,
    pub heads_under_badges: usize,
    pub short_segments: usize,
}

/// Counts the connector rules' breaches in `layout`; `badges` are the
/// number badges (centre and radius) drawn on the boxes.
pub fn connector_issues(process: &Process, layout: &ChartLayout) -> ConnectorIssues {
    let mut issues = ConnectorIssues::default();
    let mut starts: Vec<(Point, u32)> = Vec::new();
    let mut ends: Vec<(Point, u32)> = Vec::new();
    let badges: Vec<(Point, f32)> = layout
        .scene
        .items
        .iter()
        .filter_map(|item| match (&item.shape, item.source) {
            (
                super::scene::Shape::Circle { center, radius, .. },
                Some(super::scene::Source::Step(_)),
            ) => Some((*center, *radius)),
            _ => None,
        })
        .collect();
    for (id, route) in &layout.routes {
        let Some(c) = process.connectors.get(id) else {
            continue;
        };
        if c.from == c.to || route.len() < 2 {
            continue;
        }
        starts.push((route[0], id.0));
        let end = route[route.len() - 1];
        ends.push((end, id.0));
        issues.short_segments += route
            .windows(2)
            .filter(|w| {
                let len = (w[1].x - w[0].x).abs() + (w[1].y - w[0].y).abs();
                len < ARROWHEAD - 0.01
            })
            .count();
        if head_under_badge(route, &badges) {
            issues.heads_under_badges += 1;
        }
    }
    for (p, id) in &ends {
        if starts
            .iter()
            .any(|(q, other)| other != id && dist(*p, *q) < 0.5)
        {
            issues.shared_ports += 1;
        }
    }
    issues
}

/// Whether the arrowhead at the end of `route` lies under one of the
/// `badges` (centre and radius).
pub(super) fn head_under_badge(route: &[Point], badges: &[(Point, f32)]) -> bool {
    let [.., before, end] = route else {
        return false;
    };
    let head = arrowhead(*before, *end);
    badges
        .iter()
        .any(|(c, r)| head.iter().any(|p| dist(*p, *c) < *r))
}

fn dist(a: Point, b: Point) -> f32 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

/// The tip, the middle of the base and the base's corners of the
/// arrowhead drawn at `end`, arriving from `before`.
fn arrowhead(before: Point, end: Point) -> [Point; 4] {
    let (dx, dy) = (end.x - before.x, end.y - before.y);
    let len = (dx * dx + dy * dy).sqrt().max(0.001);
    let (ux, uy) = (dx / len, dy / len);
    let base = Point::new(end.x - ux * ARROWHEAD, end.y - uy * ARROWHEAD);
    [
        end,
        base,
        Point::new(base.x - uy * 4.5, base.y + ux * 4.5),
        Point::new(base.x + uy * 4.5, base.y - ux * 4.5),
    ]
}
