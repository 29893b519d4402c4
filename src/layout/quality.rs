//! How clean a laid-out chart is, counted: boxes that overlap, connector
//! segments that run through a box they do not belong to, crossings
//! between connectors, and bends. `flowcase check` reports them, and tidy
//! layout is measured by them.

use super::chart::ChartLayout;
use super::geometry::Point;
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
