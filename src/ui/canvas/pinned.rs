//! Lane and phase headers kept at the canvas edge while a zoomed-in chart
//! scrolls under them (like frozen panes), so one always sees which lane
//! and phase one is in. Each strip has a readable screen size, each name
//! sits in the visible part of its band, and a click on one is a click on
//! that header.

use super::*;
use crate::layout::ChartStyle;
use crate::ui::paint::color32;

/// The widest a pinned side strip gets, and the tallest a pinned top strip,
/// in pixels: headers scaled with a zoomed-in chart would take the canvas.
const MAX_SIDE_STRIP: f32 = 120.0;
const MAX_TOP_STRIP: f32 = 30.0;
/// The size of the names in pinned headers, in pixels.
const PINNED_TEXT: f32 = 14.0;

/// The header strips pinned this frame, in screen pixels: the strip at the
/// chart's left (its width) and the one along its top (its height); zero
/// where the chart's own headers are in view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Pinned {
    canvas: egui::Rect,
    side: f32,
    top: f32,
}

impl Pinned {
    /// Pins a strip whose headers have scrolled past the canvas edge while
    /// the chart still reaches past it.
    pub(super) fn of(layout: &ChartLayout, view: ViewTransform, canvas: egui::Rect) -> Pinned {
        let origin = view.to_screen(Point::new(0.0, 0.0));
        let strip = view.to_screen(layout.content.min) - origin;
        let far = view.to_screen(Point::new(layout.scene.width, layout.scene.height));
        let pin = |start: f32, edge: f32, far: f32, size: f32, max: f32| {
            if size > 0.0 && start < edge && far > edge + max {
                size.min(max)
            } else {
                0.0
            }
        };
        Pinned {
            canvas,
            side: pin(origin.x, canvas.min.x, far.x, strip.x, MAX_SIDE_STRIP),
            top: pin(origin.y, canvas.min.y, far.y, strip.y, MAX_TOP_STRIP),
        }
    }

    fn any(&self) -> bool {
        self.side > 0.0 || self.top > 0.0
    }
}

/// A band as its pinned header shows it: which header, its name, its
/// stretch on the screen along the strip, and whether it is a lane.
struct PinnedCell {
    source: Source,
    name: String,
    span: (f32, f32),
    lane: bool,
}

/// The cells of one strip (`side`: the strip at the chart's left).
fn cells(
    process: &Process,
    layout: &ChartLayout,
    view: ViewTransform,
    side: bool,
) -> Vec<PinnedCell> {
    let in_side = |header: &Rect| header.max.x <= layout.content.min.x + 0.5;
    let span = |r: &Rect| {
        let s = view.rect_to_screen(r);
        if side {
            (s.min.y, s.max.y)
        } else {
            (s.min.x, s.max.x)
        }
    };
    let lanes = layout
        .lanes
        .iter()
        .filter(|b| in_side(&b.header) == side)
        .map(|b| PinnedCell {
            source: Source::LaneHeader(b.id),
            name: process
                .lane(b.id)
                .map(|l| l.name.clone())
                .unwrap_or_default(),
            span: span(&b.rect),
            lane: true,
        });
    let phases = layout
        .phases
        .iter()
        .filter(|b| in_side(&b.header) == side)
        .map(|b| PinnedCell {
            source: Source::PhaseHeader(b.id),
            name: process
                .phase(b.id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            span: span(&b.rect),
            lane: false,
        });
    lanes.chain(phases).collect()
}

/// The screen rectangle of a cell in its strip, clipped to the canvas.
fn cell_rect(pinned: Pinned, side: bool, span: (f32, f32)) -> egui::Rect {
    let c = pinned.canvas;
    if side {
        let (y0, y1) = (span.0.max(c.min.y + pinned.top), span.1.min(c.max.y));
        egui::Rect::from_min_max(
            Pos2::new(c.min.x, y0),
            Pos2::new(c.min.x + pinned.side, y1.max(y0)),
        )
    } else {
        let (x0, x1) = (span.0.max(c.min.x + pinned.side), span.1.min(c.max.x));
        egui::Rect::from_min_max(
            Pos2::new(x0, c.min.y),
            Pos2::new(x1.max(x0), c.min.y + pinned.top),
        )
    }
}

/// Paints the pinned strips: each band's header cell with its name in the
/// middle of what is in view, and the corner where the strips meet.
pub(super) fn paint_pinned(
    painter: &egui::Painter,
    process: &Process,
    layout: &ChartLayout,
    view: ViewTransform,
    pinned: Pinned,
) {
    if !pinned.any() {
        return;
    }
    let style = ChartStyle::default();
    let stroke = egui::Stroke::new(1.0, color32(style.band_stroke));
    for side in [true, false] {
        let size = if side { pinned.side } else { pinned.top };
        if size <= 0.0 {
            continue;
        }
        for cell in cells(process, layout, view, side) {
            let r = cell_rect(pinned, side, cell.span);
            if r.height() < 1.0 || r.width() < 1.0 {
                continue;
            }
            let (fill, ink) = if cell.lane {
                (style.header_fill, style.header_ink)
            } else {
                (style.phase_fill, style.ink)
            };
            painter.rect(r, 0.0, color32(fill), stroke, egui::StrokeKind::Inside);
            let font = egui::FontId::proportional(PINNED_TEXT);
            let galley = painter.layout(
                cell.name,
                font,
                color32(ink),
                (r.width() - 8.0).max(PINNED_TEXT),
            );
            let at = r.center() - galley.size() / 2.0;
            painter.with_clip_rect(r).galley(at, galley, color32(ink));
        }
    }
    let corner = egui::Rect::from_min_size(pinned.canvas.min, Vec2::new(pinned.side, pinned.top));
    painter.rect_filled(corner, 0.0, color32(style.header_fill));
}

/// The pinned header under a screen point, if any.
pub(super) fn pinned_hit(
    process: &Process,
    layout: &ChartLayout,
    view: ViewTransform,
    pinned: Pinned,
    pos: Pos2,
) -> Option<Source> {
    [true, false].into_iter().find_map(|side| {
        let size = if side { pinned.side } else { pinned.top };
        if size <= 0.0 {
            return None;
        }
        cells(process, layout, view, side)
            .into_iter()
            .find(|cell| cell_rect(pinned, side, cell.span).contains(pos))
            .map(|cell| cell.source)
    })
}
