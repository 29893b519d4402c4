//! One deck page as a PowerPoint slide of native objects: rectangles,
//! diamonds and circles as shapes with their text inside (so a step's
//! title moves and edits with its box), connectors as open freeform lines
//! ending in PowerPoint's own arrowhead, other text as text boxes, and
//! tables as native tables.

use crate::layout::{Color, Point, Rect, Scene, Shape, Source, Stroke, TextLine};
use std::fmt::Write;

/// The typeface every run names, for Chinese and Latin text alike.
///
/// 微软雅黑 (Microsoft YaHei) ships with every Windows and Office install
/// in China, where our users' PowerPoint runs; LibreOffice (through
/// fontconfig's aliases) maps it to the CJK sans-serif it has, such as
/// Noto Sans CJK. The bundled Noto Sans SC is not on clients' machines.
pub const PPTX_FONT: &str = "Microsoft YaHei";

/// Text escaped for XML as in every XML-based export, line breaks kept.
pub fn xml_text(text: &str) -> String {
    crate::interop::xml::escape_lines(text, true)
}

/// Points to EMU, PowerPoint's unit.
pub fn emu(pt: f32) -> i64 {
    (f64::from(pt) * 12_700.0).round() as i64
}

/// A native table on a slide: where it is, its columns, and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct SlideTable {
    pub origin: Point,
    pub widths: Vec<f32>,
    /// Columns whose cells are centred.
    pub centred: Vec<bool>,
    pub rows: Vec<TableRow>,
    pub text_size: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub height: f32,
    /// Each cell's paragraphs (lines where the row was cut in parts), fill
    /// and ink.
    pub cells: Vec<(Vec<String>, Color, Color)>,
    /// Lines centred (the header row).
    pub centred: bool,
}

/// The `<p:spTree>` children for a page: its scene's items, then its
/// tables, each object numbered from 2.
pub fn slide_xml(scene: &Scene, tables: &[SlideTable]) -> String {
    let mut out = String::with_capacity(scene.items.len() * 400);
    out.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
        r#"xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">"#,
        r#"<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>"#,
        r#"<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#,
    ));
    let mut id = 2;
    let items = &scene.items;
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        let next = items.get(i + 1);
        // A shape with the text that follows it inside it.
        let inner = next.and_then(|n| match &n.shape {
            Shape::Text { lines, size, color }
                if n.source.is_some()
                    && n.source == item.source
                    && holds(&item.shape, &n.shape) =>
            {
                Some((lines.as_slice(), *size, *color))
            }
            _ => None,
        });
        // A connector's line with its arrowhead after it.
        let head = next.is_some_and(|n| arrowhead_of(&item.shape, item.source, &n.shape, n.source));
        write_item(&mut out, id, &item.shape, inner, head);
        id += 1;
        i += if inner.is_some() || head { 2 } else { 1 };
    }
    for table in tables {
        write_table(&mut out, id, table);
        id += 1;
    }
    out.push_str(r#"</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#);
    out
}

/// Whether `text`'s middle lies inside `shape` (a box's title, a badge's
/// number).
fn holds(shape: &Shape, text: &Shape) -> bool {
    if !matches!(
        shape,
        Shape::Rect { .. } | Shape::Polygon { .. } | Shape::Circle { .. }
    ) {
        return false;
    }
    let outer = shape.bounds();
    let c = text.bounds().center();
    c.x >= outer.min.x && c.x <= outer.max.x && c.y >= outer.min.y && c.y <= outer.max.y
}

/// Whether `polygon` is the arrowhead at the end of `line`.
fn arrowhead_of(line: &Shape, a: Option<Source>, polygon: &Shape, b: Option<Source>) -> bool {
    let (Shape::Polyline { points, .. }, Shape::Polygon { points: head, .. }) = (line, polygon)
    else {
        return false;
    };
    let (Some(end), Some(tip)) = (points.last(), head.first()) else {
        return false;
    };
    matches!(a, Some(Source::Connector(_)))
        && a == b
        && head.len() == 3
        && (end.x - tip.x).abs() < 0.01
        && (end.y - tip.y).abs() < 0.01
}

fn write_item(
    out: &mut String,
    id: usize,
    shape: &Shape,
    inner: Option<(&[TextLine], f32, Color)>,
    head: bool,
) {
    match shape {
        Shape::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => {
            let geometry = if *radius > 0.0 {
                let adj = (radius / rect.width().min(rect.height()).max(0.01) * 100_000.0)
                    .min(50_000.0) as i64;
                format!(
                    r#"<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adj}"/></a:avLst></a:prstGeom>"#
                )
            } else {
                r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>"#.to_owned()
            };
            shape_xml(out, id, *rect, &geometry, *fill, *stroke, false, inner);
        }
        Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        } => {
            let rect = Rect::from_center_size(*center, radius * 2.0, radius * 2.0);
            let geometry = r#"<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>"#;
            shape_xml(out, id, rect, geometry, *fill, *stroke, false, inner);
        }
        Shape::Polygon {
            points,
            fill,
            stroke,
        } => {
            let rect = Rect::around(points.iter().copied());
            let geometry = freeform(points, rect, true);
            shape_xml(out, id, rect, &geometry, *fill, *stroke, false, inner);
        }
        Shape::Polyline { points, stroke } => {
            let rect = Rect::around(points.iter().copied());
            let geometry = freeform(points, rect, false);
            shape_xml(out, id, rect, &geometry, None, Some(*stroke), head, None);
        }
        Shape::Text { lines, size, color } => {
            let rect = shape.bounds();
            let geometry = r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>"#;
            let text = Some((lines.as_slice(), *size, *color));
            shape_xml(out, id, rect, geometry, None, None, false, text);
        }
    }
}

/// A custom geometry through `points`, in EMU relative to `rect`.
fn freeform(points: &[Point], rect: Rect, closed: bool) -> String {
    let (w, h) = (emu(rect.width()).max(1), emu(rect.height()).max(1));
    let mut path = format!(
        r#"<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst><a:path w="{w}" h="{h}""#
    );
    if !closed {
        path.push_str(r#" fill="none""#);
    }
    path.push('>');
    for (i, p) in points.iter().enumerate() {
        let (x, y) = (emu(p.x - rect.min.x), emu(p.y - rect.min.y));
        let verb = if i == 0 { "moveTo" } else { "lnTo" };
        let _ = write!(path, r#"<a:{verb}><a:pt x="{x}" y="{y}"/></a:{verb}>"#);
    }
    if closed {
        path.push_str("<a:close/>");
    }
    path.push_str("</a:path></a:pathLst></a:custGeom>");
    path
}

#[allow(clippy::too_many_arguments)]
fn shape_xml(
    out: &mut String,
    id: usize,
    rect: Rect,
    geometry: &str,
    fill: Option<Color>,
    stroke: Option<Stroke>,
    arrow: bool,
    text: Option<(&[TextLine], f32, Color)>,
) {
    let kind = if text.is_some() { "TextBox" } else { "Shape" };
    let text_box = if fill.is_none() && stroke.is_none() && text.is_some() {
        r#" txBox="1""#
    } else {
        ""
    };
    let _ = write!(
        out,
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{kind} {id}"/><p:cNvSpPr{text_box}/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{}" y="{}"/><a:ext cx="{}" cy="{}"/></a:xfrm>{geometry}"#,
        emu(rect.min.x),
        emu(rect.min.y),
        emu(rect.width()).max(1),
        emu(rect.height()).max(1),
    );
    match fill {
        Some(c) => out.push_str(&solid_fill(c)),
        None => out.push_str("<a:noFill/>"),
    }
    match stroke {
        Some(s) => out.push_str(&line_xml(s, arrow)),
        None => out.push_str("<a:ln><a:noFill/></a:ln>"),
    }
    out.push_str("</p:spPr>");
    if let Some((lines, size, color)) = text {
        let inside = fill.is_some() || stroke.is_some();
        text_body(out, rect, lines, size, color, inside);
    }
    out.push_str("</p:sp>");
}

fn hex(c: Color) -> String {
    format!("{:02X}{:02X}{:02X}", c.r, c.g, c.b)
}

fn solid_fill(c: Color) -> String {
    if c.a == 255 {
        format!(
            r#"<a:solidFill><a:srgbClr val="{}"/></a:solidFill>"#,
            hex(c)
        )
    } else {
        let alpha = u32::from(c.a) * 100_000 / 255;
        format!(
            r#"<a:solidFill><a:srgbClr val="{}"><a:alpha val="{alpha}"/></a:srgbClr></a:solidFill>"#,
            hex(c)
        )
    }
}

fn line_xml(s: Stroke, arrow: bool) -> String {
    let dash = if s.dash.is_some() {
        r#"<a:prstDash val="dash"/>"#
    } else {
        ""
    };
    let head = if arrow {
        r#"<a:tailEnd type="triangle" w="med" len="med"/>"#
    } else {
        ""
    };
    format!(
        r#"<a:ln w="{}">{}{dash}<a:round/>{head}</a:ln>"#,
        emu(s.width),
        solid_fill(s.color)
    )
}

/// Text inside `rect`. In a shape (a box's title), centred, one paragraph
/// PowerPoint wraps at about the width the layout broke it at, so that it
/// rewraps when edited; elsewhere one paragraph per placed line, aligned
/// as the scene placed them, not wrapped.
fn text_body(
    out: &mut String,
    rect: Rect,
    lines: &[TextLine],
    size: f32,
    color: Color,
    inside: bool,
) {
    let centred = lines.iter().all(|l| {
        let mid = l.origin.x + l.width / 2.0;
        (mid - rect.center().x).abs() < 1.5
    });
    let algn = if centred { "ctr" } else { "l" };
    // Where the first line's top sits, from the text's own bounds.
    let text_rect = Shape::Text {
        lines: lines.to_vec(),
        size,
        color,
    }
    .bounds();
    let wrapped = inside && centred && lines.len() > 1;
    let body = if wrapped {
        // A little slack: the client's font may be a shade wider.
        let side = emu(((rect.width() - text_rect.width()) / 2.0 - 3.0).max(0.0));
        format!(
            r#"<a:bodyPr wrap="square" lIns="{side}" tIns="0" rIns="{side}" bIns="0" anchor="ctr"><a:noAutofit/></a:bodyPr>"#
        )
    } else {
        let top = emu((text_rect.min.y - rect.min.y).max(0.0));
        let left = if centred {
            0
        } else {
            emu((text_rect.min.x - rect.min.x).max(0.0))
        };
        let anchor = if top > 0 && centred { "ctr" } else { "t" };
        let top = if anchor == "ctr" { 0 } else { top };
        format!(
            r#"<a:bodyPr wrap="none" lIns="{left}" tIns="{top}" rIns="0" bIns="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>"#
        )
    };
    let _ = write!(out, "<p:txBody>{body}<a:lstStyle/>");
    let paragraphs: Vec<String> = if wrapped {
        vec![joined(lines)]
    } else {
        lines.iter().map(|l| l.text.clone()).collect()
    };
    let sz = (size * 100.0).round() as i64;
    let spacing = (crate::layout::text::line_height(size) * 100.0).round() as i64;
    for text in &paragraphs {
        let _ = write!(
            out,
            r#"<a:p><a:pPr algn="{algn}"><a:lnSpc><a:spcPts val="{spacing}"/></a:lnSpc></a:pPr><a:r><a:rPr lang="zh-CN" sz="{sz}" dirty="0">{}<a:latin typeface="{PPTX_FONT}"/><a:ea typeface="{PPTX_FONT}"/><a:cs typeface="{PPTX_FONT}"/></a:rPr><a:t>{}</a:t></a:r></a:p>"#,
            solid_fill(color),
            xml_text(text)
        );
    }
    out.push_str("</p:txBody>");
}

/// Broken lines put back together: a space where a Latin word was broken
/// from the next, nothing between Chinese characters.
fn joined(lines: &[TextLine]) -> String {
    let mut text = String::new();
    for line in lines {
        let latin_join = text
            .ends_with(|c: char| c.is_ascii_alphanumeric() || c.is_ascii_punctuation())
            && line.text.starts_with(|c: char| c.is_ascii_alphanumeric());
        if latin_join {
            text.push(' ');
        }
        text.push_str(&line.text);
    }
    text
}

/// A native table: a graphic frame with the grid's columns and rows.
fn write_table(out: &mut String, id: usize, table: &SlideTable) {
    let width: f32 = table.widths.iter().sum();
    let height: f32 = table.rows.iter().map(|r| r.height).sum();
    let _ = write!(
        out,
        r#"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{id}" name="Table {id}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{}" y="{}"/><a:ext cx="{}" cy="{}"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>"#,
        emu(table.origin.x),
        emu(table.origin.y),
        emu(width),
        emu(height),
    );
    for w in &table.widths {
        let _ = write!(out, r#"<a:gridCol w="{}"/>"#, emu(*w));
    }
    out.push_str("</a:tblGrid>");
    let sz = (table.text_size * 100.0).round() as i64;
    let pad = emu(4.0);
    for row in &table.rows {
        let _ = write!(out, r#"<a:tr h="{}">"#, emu(row.height));
        for (c, (lines, fill, ink)) in row.cells.iter().enumerate() {
            let centred = row.centred || table.centred.get(c).copied().unwrap_or(false);
            let algn = if centred { "ctr" } else { "l" };
            out.push_str("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
            let lines: &[String] = if lines.is_empty() {
                &[String::new()]
            } else {
                lines
            };
            for line in lines {
                let _ = write!(
                    out,
                    r#"<a:p><a:pPr algn="{algn}"/><a:r><a:rPr lang="zh-CN" sz="{sz}" dirty="0">{}<a:latin typeface="{PPTX_FONT}"/><a:ea typeface="{PPTX_FONT}"/></a:rPr><a:t>{}</a:t></a:r></a:p>"#,
                    solid_fill(*ink),
                    xml_text(line)
                );
            }
            let anchor = if row.centred { "ctr" } else { "t" };
            let rule =
                r#"<a:ln w="9525"><a:solidFill><a:srgbClr val="A8B8CF"/></a:solidFill></a:ln>"#;
            let borders = ["lnL", "lnR", "lnT", "lnB"]
                .map(|side| {
                    rule.replace("<a:ln ", &format!("<a:{side} "))
                        .replace("</a:ln>", &format!("</a:{side}>"))
                })
                .concat();
            let _ = write!(
                out,
                r#"</a:txBody><a:tcPr marL="{pad}" marR="{pad}" marT="{pad}" marB="{pad}" anchor="{anchor}">{borders}{}</a:tcPr></a:tc>"#,
                solid_fill(*fill)
            );
        }
        out.push_str("</a:tr>");
    }
    out.push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
}
