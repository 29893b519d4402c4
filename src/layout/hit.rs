//! Hit testing: which step, connector, header or lane is under a point.

use super::chart::ChartLayout;
use super::geometry::Point;
use super::scene::Source;

/// Finds what is under `p`, allowing `tolerance` pixels around connector
/// lines. Steps win over connectors, connectors over headers, headers over
/// the empty lane behind them.
pub fn hit_test(layout: &ChartLayout, p: Point, tolerance: f32) -> Option<Source> {
    if let Some((id, _)) = layout.boxes.iter().rev().find(|(_, r)| r.contains(p)) {
        return Some(Source::Step(*id));
    }
    let near = |a: Point, b: Point| distance_to_segment(p, a, b) <= tolerance;
    if let Some((id, _)) = layout
        .routes
        .iter()
        .find(|(_, pts)| pts.windows(2).any(|w| near(w[0], w[1])))
    {
        return Some(Source::Connector(*id));
    }
    if let Some(band) = layout.lanes.iter().find(|b| b.header.contains(p)) {
        return Some(Source::LaneHeader(band.id));
    }
    if let Some(band) = layout.phases.iter().find(|b| b.header.contains(p)) {
        return Some(Source::PhaseHeader(band.id));
    }
    layout
        .lanes
        .iter()
        .find(|b| b.rect.contains(p))
        .map(|b| Source::Lane(b.id))
}

/// Distance from a point to a line segment.
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a.x + t * dx, a.y + t * dy);
    ((p.x - cx).powi(2) + (p.y - cy).powi(2)).sqrt()
}
