//! Drawing the parts of a chart into a `Scene`: the lane and phase bands
//! with their header cells, and connectors with arrowheads and labels.
//! (Boxes are drawn in `boxes`.)

use super::boxes::centered_lines;
use super::geometry::{Point, Rect};
use super::place::Geometry;
use super::scene::{Scene, Shape, Source, Stroke, TextLine};
use super::style::ChartStyle;
use super::text::{ascent, break_lines, line_height, text_width};
use crate::model::{ConnectorId, Orientation, Process};

/// Draws the bands, the dashed lines between phases, the header cells and
/// the corner where the header strips meet. Always the same number of
/// items for the same numbers of lanes and phases.
pub(super) fn draw_bands(scene: &mut Scene, process: &Process, geo: &Geometry, style: &ChartStyle) {
    let vertical = process.orientation == Orientation::Vertical;
    for (i, band) in geo.lanes.iter().enumerate() {
        scene.push(
            Shape::Rect {
                rect: band.rect,
                radius: 0.0,
                fill: Some(style.lane_fills[i % 2]),
                stroke: Some(Stroke::solid(1.0, style.band_stroke)),
            },
            Some(Source::Lane(band.id)),
        );
    }
    for band in geo.phases.iter().skip(1) {
        let rect = band.rect;
        let (a, b) = if vertical {
            (
                Point::new(0.0, rect.min.y),
                Point::new(geo.width, rect.min.y),
            )
        } else {
            (
                Point::new(rect.min.x, 0.0),
                Point::new(rect.min.x, geo.height),
            )
        };
        scene.push(
            Shape::Polyline {
                points: vec![a, b],
                stroke: Stroke {
                    width: 1.0,
                    color: style.band_stroke,
                    dash: Some(6.0),
                },
            },
            Some(Source::Phase(band.id)),
        );
    }
    for (band, lane) in geo.lanes.iter().zip(&process.lanes) {
        header_cell(
            scene,
            band.header,
            &lane.name,
            style,
            true,
            Source::LaneHeader(lane.id),
        );
    }
    for (band, phase) in geo.phases.iter().zip(&process.phases) {
        header_cell(
            scene,
            band.header,
            &phase.name,
            style,
            false,
            Source::PhaseHeader(phase.id),
        );
    }
    if !geo.phases.is_empty() {
        // The corner where the two header strips meet.
        scene.push(
            Shape::Rect {
                rect: Rect {
                    min: Point::new(0.0, 0.0),
                    max: geo.content.min,
                },
                radius: 0.0,
                fill: Some(style.header_fill),
                stroke: Some(Stroke::solid(1.0, style.band_stroke)),
            },
            None,
        );
    }
}

fn header_cell(
    scene: &mut Scene,
    rect: Rect,
    name: &str,
    style: &ChartStyle,
    lane: bool,
    source: Source,
) {
    let (fill, ink) = if lane {
        (style.header_fill, style.header_ink)
    } else {
        (style.phase_fill, style.ink)
    };
    scene.push(
        Shape::Rect {
            rect,
            radius: 0.0,
            fill: Some(fill),
            stroke: Some(Stroke::solid(1.0, style.band_stroke)),
        },
        Some(source),
    );
    let lines = break_lines(
        name,
        style.header_size,
        (rect.width() - 2.0 * style.padding).max(style.header_size),
    );
    scene.push(
        Shape::Text {
            lines: centered_lines(&lines, rect.center(), style.header_size),
            size: style.header_size,
            color: ink,
        },
        Some(source),
    );
}

pub(super) fn draw_connector(
    scene: &mut Scene,
    id: ConnectorId,
    points: &[Point],
    label: Option<&str>,
    style: &ChartStyle,
) {
    let src = Some(Source::Connector(id));
    if points.len() < 2 {
        return;
    }
    scene.push(
        Shape::Polyline {
            points: points.to_vec(),
            stroke: Stroke::solid(1.5, style.connector),
        },
        src,
    );
    // Arrowhead along the last segment.
    let (a, b) = (points[points.len() - 2], points[points.len() - 1]);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(0.001);
    let (ux, uy) = (dx / len, dy / len);
    let (head, half) = (9.0, 4.5);
    let base = Point::new(b.x - ux * head, b.y - uy * head);
    scene.push(
        Shape::Polygon {
            points: vec![
                b,
                Point::new(base.x - uy * half, base.y + ux * half),
                Point::new(base.x + uy * half, base.y - ux * half),
            ],
            fill: Some(style.connector),
            stroke: None,
        },
        src,
    );
    if let Some(text) = label.filter(|t| !t.trim().is_empty()) {
        // Beside the first segment, just off the line.
        let (p, q) = (points[0], points[1]);
        let size = style.label_size;
        let w = text_width(text, size);
        let origin = if (p.y - q.y).abs() < 0.01 {
            let x = if q.x >= p.x { p.x + 4.0 } else { p.x - 4.0 - w };
            Point::new(x, p.y - 4.0)
        } else {
            let y = if q.y >= p.y {
                p.y + 4.0 + ascent(size)
            } else {
                p.y - 4.0
            };
            Point::new(p.x + 4.0, y)
        };
        let top = origin.y - ascent(size);
        scene.push(
            Shape::Rect {
                rect: Rect::from_min_size(origin.x - 1.0, top, w + 2.0, line_height(size)),
                radius: 2.0,
                fill: Some(style.lane_fills[0]),
                stroke: None,
            },
            src,
        );
        scene.push(
            Shape::Text {
                lines: vec![TextLine {
                    text: text.to_owned(),
                    origin,
                    width: w,
                }],
                size,
                color: style.connector,
            },
            src,
        );
    }
}
