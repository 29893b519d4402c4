//! Boxes bucketed on a dense grid of coarse cells, to find quickly those
//! near a route or a point, and whether a route enters any box but its
//! ends'.

use super::geometry::{Point, Rect};
use crate::model::StepId;
use std::collections::BTreeMap;

/// Boxes bucketed on a dense grid of coarse cells, to find those near a
/// route quickly.
pub(super) struct BoxIndex {
    /// Cell size: 256 px, doubled until the grid has at most `MAX_CELLS`.
    cell: f32,
    /// The cell of the grid's first column and row.
    origin: (i64, i64),
    columns: usize,
    rows: usize,
    cells: Vec<Vec<(StepId, Rect)>>,
}

impl BoxIndex {
    const MAX_CELLS: usize = 1 << 18;

    pub(super) fn new(boxes: &BTreeMap<StepId, Rect>) -> BoxIndex {
        let area = Rect::around(
            boxes
                .values()
                .flat_map(|r| [r.min, r.max])
                .filter(|p| p.x.is_finite() && p.y.is_finite()),
        );
        let mut cell = 256.0_f32;
        // Saturating: a chart may hold boxes at any finite coordinates.
        let span = |lo: f32, hi: f32, cell: f32| {
            (((hi / cell).floor() - (lo / cell).floor()) as usize).saturating_add(1)
        };
        while span(area.min.x, area.max.x, cell).saturating_mul(span(area.min.y, area.max.y, cell))
            > Self::MAX_CELLS
        {
            cell *= 2.0;
        }
        let origin = (
            (area.min.x / cell).floor() as i64,
            (area.min.y / cell).floor() as i64,
        );
        let columns = span(area.min.x, area.max.x, cell);
        let rows = span(area.min.y, area.max.y, cell);
        let mut index = BoxIndex {
            cell,
            origin,
            columns,
            rows,
            cells: vec![Vec::new(); columns * rows],
        };
        for (id, r) in boxes {
            let (x0, x1, y0, y1) = index.cells_under(r.min, r.max);
            for cy in y0..y1 {
                for cx in x0..x1 {
                    index.cells[cy * columns + cx].push((*id, *r));
                }
            }
        }
        index
    }

    /// The columns `x0..x1` and rows `y0..y1` of the cells that the
    /// rectangle from `min` to `max` meets, clipped to the grid.
    pub(super) fn cells_under(&self, min: Point, max: Point) -> (usize, usize, usize, usize) {
        let column = |v: f32| (v / self.cell).floor() as i64 - self.origin.0;
        let row = |v: f32| (v / self.cell).floor() as i64 - self.origin.1;
        let clip = |v: i64, n: usize| v.clamp(0, n as i64) as usize;
        (
            clip(column(min.x), self.columns),
            clip(column(max.x) + 1, self.columns),
            clip(row(min.y), self.rows),
            clip(row(max.y) + 1, self.rows),
        )
    }

    /// The boxes that meet the rectangle from `min` to `max` (a box
    /// crossing several cells once for each).
    pub(super) fn boxes_in(
        &self,
        min: Point,
        max: Point,
    ) -> impl Iterator<Item = (StepId, Rect)> + '_ {
        let (x0, x1, y0, y1) = self.cells_under(min, max);
        let area = Rect { min, max };
        (y0..y1)
            .flat_map(move |cy| self.cells[cy * self.columns + x0..cy * self.columns + x1].iter())
            .flatten()
            .filter(move |(_, r)| r.overlaps(&area))
            .copied()
    }

    /// True when a segment of the route enters a box other than its ends.
    pub(super) fn any_entered(&self, points: &[Point], from: StepId, to: StepId) -> bool {
        points.windows(2).any(|w| {
            let (a, b) = (w[0], w[1]);
            let min = Point::new(a.x.min(b.x), a.y.min(b.y));
            let max = Point::new(a.x.max(b.x), a.y.max(b.y));
            let (x0, x1, y0, y1) = self.cells_under(min, max);
            (y0..y1).any(|cy| {
                self.cells[cy * self.columns + x0..cy * self.columns + x1]
                    .iter()
                    .flatten()
                    .any(|(id, r)| *id != from && *id != to && r.segment_enters(a, b))
            })
        })
    }
}
