//! The `Scene`: a flat list of drawing primitives in chart coordinates, each
//! tagged with the model object it came from. The editor paints it and
//! every export renders it, so screen and slide show the same picture.

use super::geometry::{Color, Point, Rect};
use crate::model::{ConnectorId, LaneId, PhaseId, StepId};

/// Where a primitive came from, for hit testing and selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Step(StepId),
    Connector(ConnectorId),
    Lane(LaneId),
    LaneHeader(LaneId),
    Phase(PhaseId),
    PhaseHeader(PhaseId),
}

/// How a shape's outline is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub width: f32,
    pub color: Color,
    /// Dash length; `None` for a solid line.
    pub dash: Option<f32>,
}

impl Stroke {
    pub const fn solid(width: f32, color: Color) -> Stroke {
        Stroke {
            width,
            color,
            dash: None,
        }
    }
}

/// One line of text, already broken and placed: `origin` is the left end
/// of its baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub origin: Point,
    pub width: f32,
}

/// A drawing primitive.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect {
        rect: Rect,
        radius: f32,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    /// A closed polygon (diamonds, documents, arrowheads…).
    Polygon {
        points: Vec<Point>,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    /// An open polyline (connectors).
    Polyline { points: Vec<Point>, stroke: Stroke },
    Circle {
        center: Point,
        radius: f32,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Text {
        lines: Vec<TextLine>,
        size: f32,
        color: Color,
    },
}

impl Shape {
    /// Moves the shape by (`dx`, `dy`).
    pub fn translate(&mut self, dx: f32, dy: f32) {
        let by = |p: &mut Point| *p = Point::new(p.x + dx, p.y + dy);
        match self {
            Shape::Rect { rect, .. } => {
                by(&mut rect.min);
                by(&mut rect.max);
            }
            Shape::Polygon { points, .. } | Shape::Polyline { points, .. } => {
                points.iter_mut().for_each(by);
            }
            Shape::Circle { center, .. } => by(center),
            Shape::Text { lines, .. } => {
                for line in lines {
                    by(&mut line.origin);
                }
            }
        }
    }

    /// The area the shape covers (text: its lines' boxes).
    pub fn bounds(&self) -> Rect {
        match self {
            Shape::Rect { rect, .. } => *rect,
            Shape::Polygon { points, .. } | Shape::Polyline { points, .. } => {
                Rect::around(points.iter().copied())
            }
            Shape::Circle { center, radius, .. } => {
                Rect::from_center_size(*center, radius * 2.0, radius * 2.0)
            }
            Shape::Text { lines, size, .. } => {
                let ascent = super::text::ascent(*size);
                let height = super::text::line_height(*size);
                Rect::around(lines.iter().flat_map(|l| {
                    let top = l.origin.y - ascent;
                    [
                        Point::new(l.origin.x, top),
                        Point::new(l.origin.x + l.width, top + height),
                    ]
                }))
            }
        }
    }
}

/// One primitive with its origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub shape: Shape,
    pub source: Option<Source>,
}

/// A picture: its size and its primitives, painted in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

impl Scene {
    pub fn new(width: f32, height: f32) -> Scene {
        Scene {
            width,
            height,
            items: Vec::new(),
        }
    }

    pub fn push(&mut self, shape: Shape, source: Option<Source>) {
        self.items.push(Item { shape, source });
    }

    /// Every text line in the scene, in paint order.
    pub fn text_lines(&self) -> impl Iterator<Item = &TextLine> {
        self.items.iter().flat_map(|i| match &i.shape {
            Shape::Text { lines, .. } => lines.as_slice(),
            _ => &[],
        })
    }
}

impl Scene {
    /// Adds another scene's items, scaled by `scale` and then moved by
    /// (`dx`, `dy`): a chart placed on a page.
    pub fn append_transformed(&mut self, other: &Scene, scale: f32, dx: f32, dy: f32) {
        let p = |pt: Point| Point::new(pt.x * scale + dx, pt.y * scale + dy);
        let st = |s: Stroke| Stroke {
            width: s.width * scale,
            color: s.color,
            dash: s.dash.map(|d| d * scale),
        };
        for item in &other.items {
            let shape = match &item.shape {
                Shape::Rect {
                    rect,
                    radius,
                    fill,
                    stroke,
                } => Shape::Rect {
                    rect: Rect {
                        min: p(rect.min),
                        max: p(rect.max),
                    },
                    radius: radius * scale,
                    fill: *fill,
                    stroke: stroke.map(st),
                },
                Shape::Polygon {
                    points,
                    fill,
                    stroke,
                } => Shape::Polygon {
                    points: points.iter().map(|q| p(*q)).collect(),
                    fill: *fill,
                    stroke: stroke.map(st),
                },
                Shape::Polyline { points, stroke } => Shape::Polyline {
                    points: points.iter().map(|q| p(*q)).collect(),
                    stroke: st(*stroke),
                },
                Shape::Circle {
                    center,
                    radius,
                    fill,
                    stroke,
                } => Shape::Circle {
                    center: p(*center),
                    radius: radius * scale,
                    fill: *fill,
                    stroke: stroke.map(st),
                },
                Shape::Text { lines, size, color } => Shape::Text {
                    lines: lines
                        .iter()
                        .map(|l| TextLine {
                            text: l.text.clone(),
                            origin: p(l.origin),
                            width: l.width * scale,
                        })
                        .collect(),
                    size: size * scale,
                    color: *color,
                },
            };
            self.items.push(Item {
                shape,
                source: item.source,
            });
        }
    }
}
