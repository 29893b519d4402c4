//! Step boxes: their size from their wrapped text, and the shapes and text
//! that draw them.

use super::geometry::{Point, Rect};
use super::scene::{Scene, Shape, Source, Stroke, TextLine};
use super::style::ChartStyle;
use super::text::{ascent, break_lines, line_height, text_width};
use crate::model::{Step, StepKind};

/// A step's box before it is placed: its size and its broken text.
#[derive(Clone, Debug, PartialEq)]
pub struct BoxContent {
    pub width: f32,
    pub height: f32,
    /// The title, broken into lines.
    pub lines: Vec<String>,
    pub text_size: f32,
    /// For an exit into another process: `→ 1.10 关键客户管理`, broken.
    pub target_lines: Vec<String>,
}

/// The widths of text inside each kind of box.
fn text_width_for(kind: &StepKind, style: &ChartStyle) -> f32 {
    match kind {
        StepKind::Decision => style.decision_text_width,
        StepKind::Start | StepKind::End => style.terminal_text_width,
        _ => style.box_text_width,
    }
}

/// Sizes a step's box to its text.
pub fn measure_box(step: &Step, style: &ChartStyle) -> BoxContent {
    let size = if step.kind == StepKind::Note {
        style.note_size
    } else {
        style.title_size
    };
    let inner = text_width_for(&step.kind, style);
    let lines = break_lines(&step.title, size, inner);
    let lh = line_height(size);
    let text_h = lines.len().max(1) as f32 * lh;
    let pad = style.padding;
    let mut target_lines = Vec::new();
    let (width, height) = match &step.kind {
        StepKind::Process | StepKind::Note => (inner + 2.0 * pad, (text_h + 2.0 * pad).max(44.0)),
        StepKind::Document => (inner + 2.0 * pad, (text_h + 2.0 * pad + 8.0).max(52.0)),
        StepKind::Decision => (inner * 2.0, (2.0 * (text_h + pad)).max(64.0)),
        StepKind::Start | StepKind::End => (inner + 2.0 * pad, (text_h + 12.0).max(36.0)),
        StepKind::ProcessExit { number, name } => {
            let target = format!("→ {number} {name}");
            target_lines = break_lines(target.trim(), style.number_size, inner);
            let extra = target_lines.len() as f32 * line_height(style.number_size);
            (
                inner + 2.0 * pad + 14.0,
                (text_h + extra + 2.0 * pad).max(44.0),
            )
        }
    };
    BoxContent {
        width,
        height,
        lines,
        text_size: size,
        target_lines,
    }
}

/// Lines centred on `center`, each placed on its own baseline.
pub fn centered_lines(lines: &[String], center: Point, size: f32) -> Vec<TextLine> {
    let lh = line_height(size);
    let top = center.y - lines.len() as f32 * lh / 2.0;
    lines
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let width = text_width(text, size);
            TextLine {
                text: text.clone(),
                origin: Point::new(center.x - width / 2.0, top + i as f32 * lh + ascent(size)),
                width,
            }
        })
        .collect()
}

/// Draws a placed step: outline by kind, text, and the number badge.
pub fn draw_box(
    scene: &mut Scene,
    step: &Step,
    content: &BoxContent,
    rect: Rect,
    number: Option<u32>,
    style: &ChartStyle,
) {
    let text_center = draw_outline(scene, step, rect, style);
    draw_texts(scene, step, content, text_center, style);
    if let Some(n) = number {
        draw_badge(scene, step, rect, n, style);
    }
}

/// The box's shape for its kind; returns where its text is centred.
fn draw_outline(scene: &mut Scene, step: &Step, rect: Rect, style: &ChartStyle) -> Point {
    let src = Some(Source::Step(step.id));
    let stroke = Some(Stroke::solid(1.5, style.box_stroke));
    let c = rect.center();
    let (l, t, r, b) = (rect.min.x, rect.min.y, rect.max.x, rect.max.y);
    let mut text_center = c;
    match &step.kind {
        StepKind::Process => scene.push(
            Shape::Rect {
                rect,
                radius: 4.0,
                fill: Some(style.box_fill),
                stroke,
            },
            src,
        ),
        StepKind::Decision => scene.push(
            Shape::Polygon {
                points: vec![
                    Point::new(c.x, t),
                    Point::new(r, c.y),
                    Point::new(c.x, b),
                    Point::new(l, c.y),
                ],
                fill: Some(style.decision_fill),
                stroke,
            },
            src,
        ),
        StepKind::Start | StepKind::End => scene.push(
            Shape::Rect {
                rect,
                radius: rect.height() / 2.0,
                fill: Some(style.terminal_fill),
                stroke,
            },
            src,
        ),
        StepKind::Document => {
            // A wavy bottom edge: down-up across the width.
            let wave = 6.0;
            let mut points = vec![Point::new(l, t), Point::new(r, t), Point::new(r, b - wave)];
            let n = 16;
            for i in (0..=n).rev() {
                let f = i as f32 / n as f32;
                let x = l + f * (r - l);
                let y = b - wave + wave * (f * std::f32::consts::TAU).sin();
                points.push(Point::new(x, y));
            }
            scene.push(
                Shape::Polygon {
                    points,
                    fill: Some(style.box_fill),
                    stroke,
                },
                src,
            );
            text_center.y -= wave / 2.0;
        }
        StepKind::ProcessExit { .. } => {
            let tip = 14.0;
            scene.push(
                Shape::Polygon {
                    points: vec![
                        Point::new(l, t),
                        Point::new(r - tip, t),
                        Point::new(r, c.y),
                        Point::new(r - tip, b),
                        Point::new(l, b),
                    ],
                    fill: Some(style.exit_fill),
                    stroke,
                },
                src,
            );
            text_center.x -= tip / 2.0;
        }
        StepKind::Note => {
            let fold = 10.0;
            scene.push(
                Shape::Polygon {
                    points: vec![
                        Point::new(l, t),
                        Point::new(r - fold, t),
                        Point::new(r, t + fold),
                        Point::new(r, b),
                        Point::new(l, b),
                    ],
                    fill: Some(style.note_fill),
                    stroke: Some(Stroke {
                        width: 1.0,
                        color: style.note_stroke,
                        dash: Some(4.0),
                    }),
                },
                src,
            );
        }
    }
    text_center
}

/// The title, and an exit's target under it, centred as one block.
fn draw_texts(
    scene: &mut Scene,
    step: &Step,
    content: &BoxContent,
    text_center: Point,
    style: &ChartStyle,
) {
    let src = Some(Source::Step(step.id));
    let lh = line_height(content.text_size);
    let small = line_height(style.number_size);
    let block = content.lines.len() as f32 * lh + content.target_lines.len() as f32 * small;
    let title_center = Point::new(
        text_center.x,
        text_center.y - block / 2.0 + content.lines.len() as f32 * lh / 2.0,
    );
    scene.push(
        Shape::Text {
            lines: centered_lines(&content.lines, title_center, content.text_size),
            size: content.text_size,
            color: style.ink,
        },
        src,
    );
    if !content.target_lines.is_empty() {
        let target_center = Point::new(
            text_center.x,
            text_center.y + block / 2.0 - content.target_lines.len() as f32 * small / 2.0,
        );
        scene.push(
            Shape::Text {
                lines: centered_lines(&content.target_lines, target_center, style.number_size),
                size: style.number_size,
                color: style.box_stroke,
            },
            src,
        );
    }
}

/// Where step number `n`'s badge sits on `rect` and its radius: on the
/// corner, or on a decision's upper left side.
pub(super) fn badge(step: &Step, rect: Rect, n: u32, style: &ChartStyle) -> (Point, f32) {
    let (c, l, t) = (rect.center(), rect.min.x, rect.min.y);
    let radius = (text_width(&n.to_string(), style.number_size) / 2.0 + 4.0).max(9.0);
    let center = match step.kind {
        StepKind::Decision => Point::new(c.x - rect.width() / 4.0, c.y - rect.height() / 4.0),
        _ => Point::new(l, t),
    };
    (center, radius)
}

/// The number badge.
fn draw_badge(scene: &mut Scene, step: &Step, rect: Rect, n: u32, style: &ChartStyle) {
    let src = Some(Source::Step(step.id));
    let label = n.to_string();
    let (badge, radius) = badge(step, rect, n, style);
    scene.push(
        Shape::Circle {
            center: badge,
            radius,
            fill: Some(style.number_fill),
            stroke: Some(Stroke::solid(1.0, style.box_fill)),
        },
        src,
    );
    scene.push(
        Shape::Text {
            lines: centered_lines(&[label], badge, style.number_size),
            size: style.number_size,
            color: style.number_ink,
        },
        src,
    );
}
