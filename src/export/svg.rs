//! A `Scene` as SVG, text kept as text in the bundled font's family.

use crate::fonts::FONT_FAMILY;
use crate::interop::xml::escape;
use crate::layout::{Color, Point, Scene, Shape, Source, Stroke};
use std::fmt::Write;

/// The scene as a standalone SVG document, with an optional background.
pub fn scene_to_svg(scene: &Scene, background: Option<Color>) -> String {
    let mut out = svg_open(scene, background);
    for item in &scene.items {
        write_shape(&mut out, &item.shape, false);
    }
    out.push_str("</svg>\n");
    out
}

/// The scene as an SVG element for a web page: the items whose source
/// `link` gives an address are wrapped in links to it, and every line of
/// text keeps its measured width, so that a reader's own font (should the
/// page's not load) lays the chart out the same.
pub fn scene_to_linked_svg(scene: &Scene, link: &dyn Fn(&Source) -> Option<String>) -> String {
    let mut out = svg_open(scene, None);
    let mut open: Option<String> = None;
    for item in &scene.items {
        let href = item.source.as_ref().and_then(link);
        if href != open {
            if open.is_some() {
                out.push_str("</a>\n");
            }
            if let Some(h) = &href {
                let _ = writeln!(out, r#"<a href="{}">"#, escape(h));
            }
            open = href;
        }
        write_shape(&mut out, &item.shape, true);
    }
    if open.is_some() {
        out.push_str("</a>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// The `<svg>` element's opening, with an optional background.
fn svg_open(scene: &Scene, background: Option<Color>) -> String {
    let mut out = String::with_capacity(256 + scene.items.len() * 96);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}">"#,
        w = num(scene.width),
        h = num(scene.height),
    );
    out.push('\n');
    if let Some(bg) = background {
        let _ = writeln!(
            out,
            r#"<rect x="0" y="0" width="{}" height="{}"{}/>"#,
            num(scene.width),
            num(scene.height),
            fill(Some(bg))
        );
    }
    out
}

/// One shape; `fit_text` gives each line of text its measured width.
fn write_shape(out: &mut String, shape: &Shape, fit_text: bool) {
    let _ = match shape {
        Shape::Rect {
            rect,
            radius,
            fill: f,
            stroke: s,
        } => writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}"{}{}{}/>"#,
            num(rect.min.x),
            num(rect.min.y),
            num(rect.width()),
            num(rect.height()),
            if *radius > 0.0 {
                format!(r#" rx="{}""#, num(*radius))
            } else {
                String::new()
            },
            fill(*f),
            stroke(*s)
        ),
        Shape::Polygon {
            points,
            fill: f,
            stroke: s,
        } => writeln!(
            out,
            r#"<polygon points="{}"{}{} stroke-linejoin="round"/>"#,
            points_attr(points),
            fill(*f),
            stroke(*s)
        ),
        Shape::Polyline { points, stroke: s } => writeln!(
            out,
            r#"<polyline points="{}" fill="none"{} stroke-linejoin="round"/>"#,
            points_attr(points),
            stroke(Some(*s))
        ),
        Shape::Circle {
            center,
            radius,
            fill: f,
            stroke: s,
        } => writeln!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}"{}{}/>"#,
            num(center.x),
            num(center.y),
            num(*radius),
            fill(*f),
            stroke(*s)
        ),
        Shape::Text { lines, size, color } => {
            for line in lines {
                let fit = if fit_text && line.width > 0.0 {
                    format!(
                        r#" textLength="{}" lengthAdjust="spacingAndGlyphs""#,
                        num(line.width)
                    )
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    r#"<text x="{}" y="{}" font-size="{}"{}{fit} xml:space="preserve">{}</text>"#,
                    num(line.origin.x),
                    num(line.origin.y),
                    num(*size),
                    fill(Some(*color)),
                    escape(&line.text)
                );
            }
            Ok(())
        }
    };
}

/// A number with at most two decimals and no trailing zeros.
fn num(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn fill(color: Option<Color>) -> String {
    match color {
        None => r#" fill="none""#.to_owned(),
        Some(c) if c.a == 255 => format!(r#" fill="{}""#, c.hex()),
        Some(c) => format!(
            r#" fill="{}" fill-opacity="{}""#,
            c.hex(),
            num(f32::from(c.a) / 255.0)
        ),
    }
}

fn stroke(stroke: Option<Stroke>) -> String {
    match stroke {
        None => String::new(),
        Some(s) => {
            let mut attr = format!(
                r#" stroke="{}" stroke-width="{}""#,
                s.color.hex(),
                num(s.width)
            );
            if let Some(d) = s.dash {
                let _ = write!(attr, r#" stroke-dasharray="{} {}""#, num(d), num(d * 0.75));
            }
            attr
        }
    }
}

fn points_attr(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", num(p.x), num(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(-0.001), "0");
    }
}
