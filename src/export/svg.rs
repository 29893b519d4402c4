//! A `Scene` as SVG, text kept as text in the bundled font's family.

use crate::fonts::FONT_FAMILY;
use crate::layout::{Color, Point, Scene, Shape, Stroke};
use std::fmt::Write;

/// The scene as a standalone SVG document, with an optional background.
pub fn scene_to_svg(scene: &Scene, background: Option<Color>) -> String {
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
    for item in &scene.items {
        write_shape(&mut out, &item.shape);
    }
    out.push_str("</svg>\n");
    out
}

fn write_shape(out: &mut String, shape: &Shape) {
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
                let _ = writeln!(
                    out,
                    r#"<text x="{}" y="{}" font-size="{}"{} xml:space="preserve">{}</text>"#,
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

/// Escapes text for XML content and attributes, as one line (line breaks
/// become spaces).
pub fn escape(text: &str) -> String {
    escape_lines(text, false)
}

/// Escapes text for XML; line breaks kept when `keep_breaks`, else spaces.
pub fn escape_lines(text: &str, keep_breaks: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' if !keep_breaks => out.push(' '),
            c => out.push(xml_char(c)),
        }
    }
    out
}

/// A character XML 1.0 can hold: control characters other than tab and
/// line breaks become a space and the non-characters U+FFFE and U+FFFF
/// become U+FFFD, as every XML-based file (SVG, XLSX, PPTX, BPMN) needs.
pub fn xml_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        c if (c as u32) < 0x20 => ' ',
        '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
        c => c,
    }
}

/// `text` with every character XML 1.0 cannot hold replaced (see
/// `xml_char`); borrowed when nothing needed replacing.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| xml_char(c) == c) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(xml_char).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_text_is_escaped() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(-0.001), "0");
        assert_eq!(escape("A&B <是>"), "A&amp;B &lt;是&gt;");
        assert_eq!(
            escape("a\u{1}b\u{FFFE}c\u{FFFF}\td"),
            "a b\u{FFFD}c\u{FFFD}\td"
        );
    }
}
