//! Scenes drawn straight onto PDF pages with krilla: shapes as paths, text
//! as glyphs of the bundled font placed with the layout's own advances
//! (embedded, subsetted and selectable). No SVG round trip.

use super::render::RenderError;
use crate::fonts::FONT_BYTES;
use crate::layout::text::glyph_and_advance;
use crate::layout::{Color, Point, Rect, Scene, Shape, Stroke};
use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, LineJoin, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};

/// Writes scenes as the pages of one PDF, each on white.
pub fn scenes_to_pdf(pages: &[Scene], title: &str) -> Result<Vec<u8>, RenderError> {
    let font = Font::new(krilla::Data::from(FONT_BYTES), 0)
        .ok_or_else(|| RenderError::Pdf("the bundled font could not be read".to_owned()))?;
    let mut document = krilla::Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_owned())
            .creator("Flowcase".to_owned()),
    );
    for scene in pages {
        let settings =
            krilla::page::PageSettings::from_wh(scene.width, scene.height).ok_or_else(|| {
                RenderError::Pdf(format!("page size {} × {}", scene.width, scene.height))
            })?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let background = Shape::Rect {
            rect: Rect::from_min_size(0.0, 0.0, scene.width, scene.height),
            radius: 0.0,
            fill: Some(Color::WHITE),
            stroke: None,
        };
        draw_shape(&mut surface, &background, &font);
        for item in &scene.items {
            draw_shape(&mut surface, &item.shape, &font);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| RenderError::Pdf(format!("{e:?}")))
}

fn draw_shape(surface: &mut Surface, shape: &Shape, font: &Font) {
    match shape {
        Shape::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => paint_path(surface, rect_path(*rect, *radius), *fill, *stroke),
        Shape::Polygon {
            points,
            fill,
            stroke,
        } => paint_path(surface, points_path(points, true), *fill, *stroke),
        Shape::Polyline { points, stroke } => {
            paint_path(surface, points_path(points, false), None, Some(*stroke))
        }
        Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        } => paint_path(surface, circle_path(*center, *radius), *fill, *stroke),
        Shape::Text { lines, size, color } => {
            surface.set_stroke(None);
            surface.set_fill(Some(fill_of(*color)));
            for line in lines {
                let glyphs = glyphs_of(&line.text);
                if glyphs.is_empty() {
                    continue;
                }
                surface.draw_glyphs(
                    krilla::geom::Point::from_xy(line.origin.x, line.origin.y),
                    &glyphs,
                    font.clone(),
                    &line.text,
                    *size,
                    false,
                );
            }
        }
    }
}

/// One glyph per character, advanced as the layout measured it.
fn glyphs_of(text: &str) -> Vec<KrillaGlyph> {
    text.char_indices()
        .filter(|(_, c)| !c.is_control())
        .map(|(at, c)| {
            let (glyph, advance) = glyph_and_advance(c);
            KrillaGlyph::new(
                GlyphId::new(u32::from(glyph)),
                advance,
                0.0,
                0.0,
                0.0,
                at..at + c.len_utf8(),
                None,
            )
        })
        .collect()
}

fn paint_path(
    surface: &mut Surface,
    path: Option<Path>,
    fill: Option<Color>,
    stroke: Option<Stroke>,
) {
    let Some(path) = path else { return };
    if fill.is_none() && stroke.is_none() {
        return;
    }
    surface.set_fill(fill.map(fill_of));
    surface.set_stroke(stroke.map(|s| krilla::paint::Stroke {
        paint: rgb_of(s.color).into(),
        width: s.width,
        line_join: LineJoin::Round,
        opacity: opacity_of(s.color),
        dash: s.dash.map(|d| StrokeDash {
            array: vec![d, d * 0.75],
            offset: 0.0,
        }),
        ..krilla::paint::Stroke::default()
    }));
    surface.draw_path(&path);
}

fn rgb_of(c: Color) -> rgb::Color {
    rgb::Color::new(c.r, c.g, c.b)
}

fn opacity_of(c: Color) -> NormalizedF32 {
    NormalizedF32::new(f32::from(c.a) / 255.0).unwrap_or(NormalizedF32::ONE)
}

fn fill_of(c: Color) -> Fill {
    Fill {
        paint: rgb_of(c).into(),
        opacity: opacity_of(c),
        ..Fill::default()
    }
}

/// How far a cubic's control points sit to draw a quarter circle.
const KAPPA: f32 = 0.552_284_8;

fn rect_path(rect: Rect, radius: f32) -> Option<Path> {
    let (x0, y0, x1, y1) = (rect.min.x, rect.min.y, rect.max.x, rect.max.y);
    let r = radius.min(rect.width() / 2.0).min(rect.height() / 2.0);
    let mut pb = PathBuilder::new();
    if r <= 0.0 {
        pb.push_rect(krilla::geom::Rect::from_ltrb(x0, y0, x1, y1)?);
        return pb.finish();
    }
    let k = r * KAPPA;
    pb.move_to(x0 + r, y0);
    pb.line_to(x1 - r, y0);
    pb.cubic_to(x1 - r + k, y0, x1, y0 + r - k, x1, y0 + r);
    pb.line_to(x1, y1 - r);
    pb.cubic_to(x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1);
    pb.line_to(x0 + r, y1);
    pb.cubic_to(x0 + r - k, y1, x0, y1 - r + k, x0, y1 - r);
    pb.line_to(x0, y0 + r);
    pb.cubic_to(x0, y0 + r - k, x0 + r - k, y0, x0 + r, y0);
    pb.close();
    pb.finish()
}

fn points_path(points: &[Point], closed: bool) -> Option<Path> {
    let (first, rest) = points.split_first()?;
    let mut pb = PathBuilder::new();
    pb.move_to(first.x, first.y);
    for p in rest {
        pb.line_to(p.x, p.y);
    }
    if closed {
        pb.close();
    }
    pb.finish()
}

fn circle_path(c: Point, r: f32) -> Option<Path> {
    let k = r * KAPPA;
    let mut pb = PathBuilder::new();
    pb.move_to(c.x + r, c.y);
    pb.cubic_to(c.x + r, c.y + k, c.x + k, c.y + r, c.x, c.y + r);
    pb.cubic_to(c.x - k, c.y + r, c.x - r, c.y + k, c.x - r, c.y);
    pb.cubic_to(c.x - r, c.y - k, c.x - k, c.y - r, c.x, c.y - r);
    pb.cubic_to(c.x + k, c.y - r, c.x + r, c.y - k, c.x + r, c.y);
    pb.close();
    pb.finish()
}
