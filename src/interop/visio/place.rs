//! Where a Visio shape stands, in Flowcase's chart units (96 to the inch,
//! y down): its box on the page through its groups, and the lanes and
//! phases as bands in their order.

use super::data;
use super::sheets::Inherit;
use crate::layout::{Frame, Point, Rect};
use crate::model::{Lane, LaneId, Orientation, Process};

/// Chart units per inch (Visio measures in inches).
pub const UNITS_PER_INCH: f64 = 96.0;

/// The page point (inches) of the local origin of shape `i`, through the
/// groups it stands in.
fn origin(inh: &Inherit, i: usize) -> (f64, f64) {
    let (mut x, mut y) = (0.0, 0.0);
    let mut at = Some(i);
    let mut depth = 0;
    while let Some(s) = at.filter(|_| depth <= super::sheets::MAX_DEPTH) {
        let (w, h) = size(inh, s);
        x += inh.cell(s, "PinX").unwrap_or(0.0) - inh.cell(s, "LocPinX").unwrap_or(w / 2.0);
        y += inh.cell(s, "PinY").unwrap_or(0.0) - inh.cell(s, "LocPinY").unwrap_or(h / 2.0);
        at = inh.page.all[s].parent;
        depth += 1;
    }
    (x, y)
}

fn size(inh: &Inherit, i: usize) -> (f64, f64) {
    (
        inh.cell(i, "Width").unwrap_or(0.0),
        inh.cell(i, "Height").unwrap_or(0.0),
    )
}

fn unit(v: f64) -> f32 {
    (v * UNITS_PER_INCH) as f32
}

/// Shape `i`'s box in chart units.
pub fn rect(inh: &Inherit, i: usize) -> Rect {
    let (x, y) = origin(inh, i);
    let (w, h) = size(inh, i);
    let (x0, x1) = (x.min(x + w), x.max(x + w));
    let (y0, y1) = (y.min(y + h), y.max(y + h));
    Rect::from_min_size(unit(x0), unit(-y1), unit(x1 - x0), unit(y1 - y0))
}

/// The centre of shape `i`'s box in chart units.
pub fn centre(inh: &Inherit, i: usize) -> Point {
    let (x, y) = origin(inh, i);
    let (w, h) = size(inh, i);
    Point::new(unit(x + w / 2.0), unit(-(y + h / 2.0)))
}

/// Lanes side by side run the flow down the page; stacked, across it. A
/// lane's master may say so.
pub fn is_vertical(inh: &Inherit, lanes: &[usize], said: Option<bool>) -> bool {
    if let Some(v) = said {
        return v;
    }
    lanes.first().is_some_and(|i| {
        let r = rect(inh, *i);
        r.height() > r.width()
    })
}

/// How deep lanes' headers are along the flow: what an export said, else
/// the heading sub-shape a swimlane draws its name in (narrow along the
/// flow, at its start), else nothing.
pub fn header_depth(inh: &Inherit, lanes: &[usize], frame: &Frame) -> f32 {
    let Some(first) = lanes.first() else {
        return 0.0;
    };
    if let Some(depth) = data::header_depth(&inh.page.all[*first]) {
        return depth;
    }
    let lane = rect(inh, *first);
    let along = |r: &Rect| frame.along(r.max) - frame.along(r.min);
    inh.page.all[*first]
        .children
        .iter()
        .map(|c| rect(inh, *c))
        .filter(|r| along(r) > 0.0 && along(r) < along(&lane) / 2.0)
        .filter(|r| (frame.along(r.min) - frame.along(lane.min)).abs() < 1.0)
        .map(|r| along(&r))
        .next()
        .unwrap_or(0.0)
}

/// A lane or phase found: its name, its size and its box.
pub struct FoundBand {
    pub name: String,
    pub size: f32,
    pub rect: Rect,
}

/// The bands of `shapes` in order — across the flow for lanes, along it
/// for phases — each its drawn size, or its size in Flowcase where an
/// export kept it.
pub fn bands(inh: &Inherit, shapes: &[usize], frame: &Frame, along: bool) -> Vec<FoundBand> {
    let span = |r: &Rect| match along {
        true => (frame.along(r.min), frame.along(r.max)),
        false => (frame.across(r.min), frame.across(r.max)),
    };
    let mut found: Vec<(usize, Rect)> = shapes.iter().map(|i| (*i, rect(inh, *i))).collect();
    found.sort_by(|a, b| span(&a.1).0.total_cmp(&span(&b.1).0).then(a.0.cmp(&b.0)));
    found
        .into_iter()
        .map(|(i, rect)| {
            let (start, end) = span(&rect);
            FoundBand {
                name: band_name(inh, i),
                size: data::kept_size(&inh.page.all[i], end - start).clamp(40.0, 10_000.0),
                rect,
            }
        })
        .collect()
}

/// One lane named `name` around every box in `boxes` (a page without
/// swimlanes); returns its box.
pub fn one_lane(boxes: &[Rect], frame: &Frame, name: &str, process: &mut Process) -> Rect {
    let around = Rect::around(boxes.iter().flat_map(|r| [r.min, r.max]));
    let margin = 40.0;
    let across = frame.across(around.min) - margin;
    let size = (frame.across(around.max) - across + margin).clamp(Lane::DEFAULT_SIZE, 10_000.0);
    process.lanes.push(Lane {
        id: LaneId(1),
        name: name.to_owned(),
        size,
    });
    let along = frame.along(around.min) - margin;
    match process.orientation {
        Orientation::Horizontal => Rect::from_min_size(along, across, f32::MAX / 4.0, size),
        Orientation::Vertical => Rect::from_min_size(across, along, size, f32::MAX / 4.0),
    }
}

/// A lane's or phase's name: its heading text, its own text, a
/// sub-shape's, its master's.
fn band_name(inh: &Inherit, i: usize) -> String {
    if let Some(heading) = inh
        .user(i, "visHeadingText")
        .filter(|t| !t.trim().is_empty())
    {
        return heading.trim().to_owned();
    }
    let own = inh.page.all[i].text.clone().unwrap_or_default();
    if !own.trim().is_empty() {
        return own;
    }
    inh.page.all[i]
        .children
        .iter()
        .map(|c| inh.text(*c))
        .find(|t| !t.trim().is_empty())
        .unwrap_or_else(|| inh.text(i))
}
