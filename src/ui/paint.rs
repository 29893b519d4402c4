//! Painting the layout's `Scene` with egui: the same primitives the
//! exports render, transformed by the view and culled to what is visible.

use crate::layout::{Color, Point, Rect, Scene, Shape, Stroke};
use egui::epaint::{PathShape, PathStroke};
use egui::{Color32, FontId, Pos2, Vec2};

/// Chart-to-screen mapping: `screen = origin + chart * zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewTransform {
    pub origin: Pos2,
    pub zoom: f32,
}

impl ViewTransform {
    pub fn to_screen(&self, p: Point) -> Pos2 {
        Pos2::new(
            self.origin.x + p.x * self.zoom,
            self.origin.y + p.y * self.zoom,
        )
    }

    pub fn to_chart(&self, p: Pos2) -> Point {
        Point::new(
            (p.x - self.origin.x) / self.zoom,
            (p.y - self.origin.y) / self.zoom,
        )
    }

    pub fn rect_to_screen(&self, r: &Rect) -> egui::Rect {
        egui::Rect::from_min_max(self.to_screen(r.min), self.to_screen(r.max))
    }

    pub fn rect_to_chart(&self, r: egui::Rect) -> Rect {
        Rect {
            min: self.to_chart(r.min),
            max: self.to_chart(r.max),
        }
    }
}

pub fn color32(c: Color) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// Text smaller than this many screen pixels is left out (level of detail).
const MIN_TEXT_PX: f32 = 3.5;

/// Paints the items whose bounds meet `visible` (chart coordinates).
/// `bounds[i]` is the precomputed bounds of `scene.items[i]`.
pub fn paint_scene(
    painter: &egui::Painter,
    scene: &Scene,
    bounds: &[Rect],
    view: ViewTransform,
    visible: &Rect,
) {
    for (item, b) in scene.items.iter().zip(bounds) {
        let in_view = b.overlaps(visible) || visible.contains_rect(b, 0.0);
        // Level of detail: what would cover less than a couple of pixels
        // (badges, arrowheads, text of a far zoomed-out chart) is skipped.
        let tiny = (b.width() + b.height()) * view.zoom < 2.0;
        if in_view && !tiny {
            paint_shape(painter, &item.shape, view);
        }
    }
}

fn stroke(s: Stroke, zoom: f32) -> egui::Stroke {
    egui::Stroke::new((s.width * zoom).max(0.5), color32(s.color))
}

pub fn paint_shape(painter: &egui::Painter, shape: &Shape, view: ViewTransform) {
    let z = view.zoom;
    match shape {
        Shape::Rect {
            rect,
            radius,
            fill,
            stroke: s,
        } => {
            let r = view.rect_to_screen(rect);
            let radius = (radius * z).min(r.height() / 2.0).min(255.0);
            if let Some(f) = fill {
                painter.rect_filled(r, radius, color32(*f));
            }
            if let Some(s) = s {
                painter.rect_stroke(r, radius, stroke(*s, z), egui::StrokeKind::Middle);
            }
        }
        Shape::Polygon {
            points,
            fill,
            stroke: s,
        } => {
            let pts: Vec<Pos2> = points.iter().map(|p| view.to_screen(*p)).collect();
            if let Some(f) = fill {
                fill_star_polygon(painter, &pts, color32(*f));
            }
            if let Some(s) = s {
                outline(painter, pts, true, *s, z);
            }
        }
        Shape::Polyline { points, stroke: s } => {
            let pts: Vec<Pos2> = points.iter().map(|p| view.to_screen(*p)).collect();
            outline(painter, pts, false, *s, z);
        }
        Shape::Circle {
            center,
            radius,
            fill,
            stroke: s,
        } => {
            let c = view.to_screen(*center);
            if let Some(f) = fill {
                painter.circle_filled(c, radius * z, color32(*f));
            }
            if let Some(s) = s {
                painter.circle_stroke(c, radius * z, stroke(*s, z));
            }
        }
        Shape::Text { lines, size, color } => {
            let px = size * z;
            if px < MIN_TEXT_PX {
                return;
            }
            let font = FontId::proportional(px);
            let ascent = crate::layout::text::ascent(*size) * z;
            for line in lines {
                let origin = view.to_screen(line.origin);
                let galley =
                    painter.layout_no_wrap(line.text.clone(), font.clone(), color32(*color));
                painter.galley(origin - Vec2::new(0.0, ascent), galley, color32(*color));
            }
        }
    }
}

/// Outlines a path, dashed when the stroke asks for it.
fn outline(painter: &egui::Painter, mut pts: Vec<Pos2>, closed: bool, s: Stroke, zoom: f32) {
    let st = stroke(s, zoom);
    match s.dash {
        Some(dash) => {
            if closed && let Some(first) = pts.first().copied() {
                pts.push(first);
            }
            let d = (dash * zoom).max(1.0);
            painter.extend(egui::Shape::dashed_line(&pts, st, d, d * 0.75));
        }
        None if closed => {
            painter.add(PathShape::closed_line(pts, PathStroke::from(st)));
        }
        None => {
            painter.add(PathShape::line(pts, PathStroke::from(st)));
        }
    }
}

/// Fills a polygon that is visible from its centroid (all our shapes are:
/// diamonds, pentagons, the document's wavy bottom) as a triangle fan.
fn fill_star_polygon(painter: &egui::Painter, pts: &[Pos2], color: Color32) {
    if pts.len() < 3 {
        return;
    }
    let n = pts.len() as f32;
    let center = pts.iter().fold(Vec2::ZERO, |acc, p| acc + p.to_vec2()) / n;
    let mut mesh = egui::Mesh::default();
    mesh.colored_vertex(center.to_pos2(), color);
    for p in pts {
        mesh.colored_vertex(*p, color);
    }
    let count = pts.len() as u32;
    for i in 0..count {
        mesh.add_triangle(0, 1 + i, 1 + (i + 1) % count);
    }
    painter.add(egui::Shape::mesh(mesh));
}
