//! Chart points in flow terms and back: which lane and phase a point of a
//! drawing stands in, and its place within them — the one reverse
//! placement for the canvas, the compare view and every import.

use super::geometry::{Point, Rect};
use crate::model::{FlowPoint, Orientation};

/// Where bands start and how a point is read against them: lanes stack
/// across the flow, phases follow along it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub orientation: Orientation,
    /// The band kept for a lane's name at its start along the flow (a
    /// chart's lane header, a modeller's label band): a lane's drawing area
    /// starts past it when there are no phases.
    pub label: f32,
}

/// A point found among bands: the lane (index) holding it, else the
/// nearest; the phase likewise when there are phases; and its place in
/// them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Located {
    pub lane: usize,
    pub phase: Option<usize>,
    pub at: FlowPoint,
}

impl Frame {
    /// `p` among `lanes` and `phases` (their drawn rectangles); `None`
    /// when there are no lanes.
    pub fn locate(&self, p: Point, lanes: &[Rect], phases: &[Rect]) -> Option<Located> {
        let lane = holding_or_nearest(lanes, p)?;
        let phase = holding_or_nearest(phases, p);
        let along_start = match phase {
            Some(i) => self.along(phases[i].min),
            None => self.along(lanes[lane].min) + self.label,
        };
        Some(Located {
            lane,
            phase,
            at: self.place_in(p, &lanes[lane], along_start),
        })
    }

    /// The place of `p` in a lane drawn at `lane` whose drawing area
    /// starts `along_start` along the flow.
    pub fn place_in(&self, p: Point, lane: &Rect, along_start: f32) -> FlowPoint {
        FlowPoint::new(
            self.along(p) - along_start,
            self.across(p) - self.across(lane.min),
        )
    }

    /// The chart point at `at` in a lane drawn at `lane` whose drawing area
    /// starts `along_start` along the flow (its phase's start, or the
    /// lane's start past its label).
    pub fn point(&self, at: FlowPoint, lane: &Rect, along_start: f32) -> Point {
        let along = along_start + at.along;
        let across = self.across(lane.min) + at.across;
        match self.orientation {
            Orientation::Horizontal => Point::new(along, across),
            Orientation::Vertical => Point::new(across, along),
        }
    }

    /// A point's coordinate along the flow.
    pub fn along(&self, p: Point) -> f32 {
        match self.orientation {
            Orientation::Horizontal => p.x,
            Orientation::Vertical => p.y,
        }
    }

    /// A point's coordinate across the flow.
    pub fn across(&self, p: Point) -> f32 {
        match self.orientation {
            Orientation::Horizontal => p.y,
            Orientation::Vertical => p.x,
        }
    }
}

/// The first band holding `p` (its far edges belong to the next), else
/// the nearest by the distance outside it (the first of equals).
pub fn holding_or_nearest(bands: &[Rect], p: Point) -> Option<usize> {
    let holds = |r: &Rect| p.x >= r.min.x && p.x < r.max.x && p.y >= r.min.y && p.y < r.max.y;
    let outside = |r: &Rect| {
        let dx = (r.min.x - p.x).max(p.x - r.max.x).max(0.0);
        let dy = (r.min.y - p.y).max(p.y - r.max.y).max(0.0);
        dx + dy
    };
    bands.iter().position(holds).or_else(|| {
        bands
            .iter()
            .enumerate()
            .min_by(|a, b| outside(a.1).total_cmp(&outside(b.1)))
            .map(|(i, _)| i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HORIZONTAL: Frame = Frame {
        orientation: Orientation::Horizontal,
        label: 120.0,
    };

    /// Two lanes of 100 under each other, a header of 120 at their start.
    fn lanes() -> [Rect; 2] {
        [
            Rect::from_min_size(0.0, 0.0, 1000.0, 100.0),
            Rect::from_min_size(0.0, 100.0, 1000.0, 100.0),
        ]
    }

    #[test]
    fn a_point_in_a_lane_is_placed_past_the_header_without_phases() {
        let found = HORIZONTAL
            .locate(Point::new(300.0, 150.0), &lanes(), &[])
            .unwrap();
        assert_eq!(found.lane, 1);
        assert_eq!(found.phase, None);
        assert_eq!(found.at, FlowPoint::new(180.0, 50.0));
    }

    #[test]
    fn with_phases_the_place_along_counts_from_the_phase() {
        let phases = [
            Rect::from_min_size(120.0, 0.0, 400.0, 200.0),
            Rect::from_min_size(520.0, 0.0, 480.0, 200.0),
        ];
        let found = HORIZONTAL
            .locate(Point::new(600.0, 20.0), &lanes(), &phases)
            .unwrap();
        assert_eq!((found.lane, found.phase), (0, Some(1)));
        assert_eq!(found.at, FlowPoint::new(80.0, 20.0));
    }

    #[test]
    fn a_point_outside_every_lane_goes_to_the_nearest_and_the_edge_to_the_next() {
        let lanes = lanes();
        let above = HORIZONTAL.locate(Point::new(300.0, -40.0), &lanes, &[]);
        assert_eq!(above.unwrap().lane, 0);
        let below = HORIZONTAL.locate(Point::new(1400.0, 260.0), &lanes, &[]);
        assert_eq!(below.unwrap().lane, 1);
        let on_the_line = HORIZONTAL.locate(Point::new(300.0, 100.0), &lanes, &[]);
        assert_eq!(on_the_line.unwrap().lane, 1);
        assert_eq!(HORIZONTAL.locate(Point::new(0.0, 0.0), &[], &[]), None);
    }

    #[test]
    fn vertical_lanes_read_down_the_page_and_a_place_comes_back_to_its_point() {
        let frame = Frame {
            orientation: Orientation::Vertical,
            label: 30.0,
        };
        let columns = [
            Rect::from_min_size(0.0, 0.0, 150.0, 800.0),
            Rect::from_min_size(150.0, 0.0, 150.0, 800.0),
        ];
        let p = Point::new(200.0, 330.0);
        let found = frame.locate(p, &columns, &[]).unwrap();
        assert_eq!(found.lane, 1);
        assert_eq!(found.at, FlowPoint::new(300.0, 50.0));
        assert_eq!(frame.point(found.at, &columns[1], 30.0), p);
    }
}
