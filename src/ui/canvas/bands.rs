//! Lane and phase bands under the pointer: where a dropped or new step
//! lands, and which band edge a resize drag grabs.

use super::*;

/// The lane and phase bands at the start of a drag, to place dropped steps.
#[derive(Clone, Debug)]
pub struct Bands {
    vertical: bool,
    lanes: Vec<(LaneId, Rect)>,
    phases: Vec<(PhaseId, Rect)>,
    content: Rect,
}

impl Bands {
    pub fn of(layout: &ChartLayout, orientation: Orientation) -> Bands {
        Bands {
            vertical: orientation == Orientation::Vertical,
            lanes: layout.lanes.iter().map(|b| (b.id, b.rect)).collect(),
            phases: layout.phases.iter().map(|b| (b.id, b.rect)).collect(),
            content: layout.content,
        }
    }

    /// The edit that moves step `id` to the chart point `p`, into whatever
    /// lane and phase are there; `None` outside every lane.
    pub fn move_to(&self, id: StepId, p: Point) -> Option<Edit> {
        let (lane, phase, at) = self.locate(p)?;
        Some(Edit::MoveStep {
            id,
            lane,
            phase,
            at,
        })
    }

    /// The lane, phase and model position of a box centred at `c`.
    pub fn locate(&self, c: Point) -> Option<(LaneId, Option<PhaseId>, FlowPoint)> {
        let lanes: Vec<Rect> = self.lanes.iter().map(|(_, r)| *r).collect();
        let phases: Vec<Rect> = self.phases.iter().map(|(_, r)| *r).collect();
        let orientation = if self.vertical {
            Orientation::Vertical
        } else {
            Orientation::Horizontal
        };
        let mut frame = crate::layout::Frame {
            orientation,
            label: 0.0,
        };
        // The lanes' headers: from a lane's start to the content's.
        frame.label = lanes
            .first()
            .map_or(0.0, |l| frame.along(self.content.min) - frame.along(l.min));
        let found = frame.locate(c, &lanes, &phases)?;
        let phase = found.phase.map(|i| self.phases[i].0);
        Some((self.lanes[found.lane].0, phase, found.at))
    }
}

/// The lane or phase whose far border (in its header) is under `p`.
pub(super) fn band_edge(layout: &ChartLayout, p: Point, tolerance: f32) -> Option<Source> {
    let lanes = layout
        .lanes
        .iter()
        .map(|b| (b.rect, b.header, Source::Lane(b.id)));
    let phases = layout
        .phases
        .iter()
        .map(|b| (b.rect, b.header, Source::Phase(b.id)));
    lanes
        .chain(phases)
        .find(|(rect, header, _)| on_far_edge(rect, header, p, tolerance.max(2.0)))
        .map(|(_, _, source)| source)
}

/// True when `p` is on the far edge of a band's header: its bottom when the
/// header is a cell at the band's side (narrower than the band), its right
/// end when the header runs along the band's top.
fn on_far_edge(band: &Rect, header: &Rect, p: Point, near: f32) -> bool {
    if header.width() < band.width() {
        (p.y - header.max.y).abs() <= near && p.x >= header.min.x && p.x <= header.max.x
    } else {
        (p.x - header.max.x).abs() <= near && p.y >= header.min.y && p.y <= header.max.y
    }
}

pub(super) fn lane_extent(layout: &ChartLayout, lane: LaneId) -> f32 {
    layout.lanes.iter().find(|b| b.id == lane).map_or(0.0, |b| {
        if b.header.width() < b.rect.width() {
            b.rect.height()
        } else {
            b.rect.width()
        }
    })
}

pub(super) fn phase_extent(layout: &ChartLayout, phase: PhaseId) -> f32 {
    layout
        .phases
        .iter()
        .find(|b| b.id == phase)
        .map_or(0.0, |b| {
            if b.header.height() < b.rect.height() {
                b.rect.width()
            } else {
                b.rect.height()
            }
        })
}
