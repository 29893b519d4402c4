//! A draw.io page's cells read: each vertex or edge with its style, label
//! (HTML made plain text) and geometry, and the step kind a shape stands
//! for.

use crate::model::StepKind;
use roxmltree::Node;
use std::collections::BTreeMap;

/// The height of a lane's title band when the style does not say.
const DEFAULT_START_SIZE: f32 = 23.0;

/// One cell of the graph model.
pub(super) struct Cell {
    pub(super) id: String,
    pub(super) parent: String,
    pub(super) label: String,
    pub(super) style: BTreeMap<String, String>,
    /// The first token of the style when it has no `=` (a shape name).
    pub(super) base: String,
    pub(super) vertex: bool,
    pub(super) edge: bool,
    pub(super) source: Option<String>,
    pub(super) target: Option<String>,
    pub(super) geometry: Option<(f32, f32, f32, f32)>,
}

impl Cell {
    pub(super) fn has(&self, key: &str) -> bool {
        self.base == key || self.style.contains_key(key)
    }

    pub(super) fn shape(&self) -> &str {
        self.style
            .get("shape")
            .map_or(self.base.as_str(), String::as_str)
    }

    pub(super) fn is_swimlane(&self) -> bool {
        self.shape() == "swimlane" || self.has("swimlane")
    }

    pub(super) fn is_table(&self) -> bool {
        self.shape() == "table"
            || self
                .style
                .get("childLayout")
                .is_some_and(|v| v == "tableLayout")
    }

    /// A class attribute row or separator inside a UML class.
    pub(super) fn is_row(&self) -> bool {
        self.base == "text"
            || self.base == "line"
            || self.shape() == "line"
            || self.shape() == "partialRectangle"
    }

    /// A lane's title runs down its left side (a lane across the page).
    pub(super) fn title_on_side(&self) -> bool {
        self.style.get("horizontal").is_some_and(|v| v == "0")
    }

    pub(super) fn start_size(&self) -> f32 {
        self.style
            .get("startSize")
            .and_then(|v| v.parse::<f32>().ok())
            .filter(|v| v.is_finite() && *v >= 0.0)
            .unwrap_or(DEFAULT_START_SIZE)
    }
}

pub(super) fn cells(model: Node) -> Vec<Cell> {
    let Some(root) = model.children().find(|n| n.has_tag_name("root")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for n in root.children().filter(|n| n.is_element()) {
        // A cell with data wraps its mxCell: `<UserObject label id>`.
        let (outer, cell) = if n.has_tag_name("mxCell") {
            (n, n)
        } else if let Some(inner) = n.children().find(|c| c.has_tag_name("mxCell")) {
            (n, inner)
        } else {
            continue;
        };
        let Some(id) = outer.attribute("id") else {
            continue;
        };
        let style_text = cell.attribute("style").unwrap_or("");
        let mut style = BTreeMap::new();
        let mut base = String::new();
        for (i, token) in style_text.split(';').map(str::trim).enumerate() {
            match token.split_once('=') {
                Some((k, v)) => {
                    style.insert(k.to_owned(), v.to_owned());
                }
                None if i == 0 => base = token.to_owned(),
                None if !token.is_empty() => {
                    style.insert(token.to_owned(), String::new());
                }
                None => {}
            }
        }
        let label_raw = outer
            .attribute("label")
            .or_else(|| cell.attribute("value"))
            .unwrap_or("");
        let html = style.get("html").is_some_and(|v| v == "1") || label_raw.contains('<');
        let label = if html {
            html_to_text(label_raw)
        } else {
            label_raw.trim().to_owned()
        };
        let geometry = cell
            .children()
            .find(|c| c.has_tag_name("mxGeometry"))
            .filter(|g| g.attribute("relative") != Some("1"))
            .map(|g| {
                let v = |a: &str| {
                    g.attribute(a)
                        .and_then(|v| v.parse::<f32>().ok())
                        .filter(|v| v.is_finite())
                        .unwrap_or(0.0)
                };
                (v("x"), v("y"), v("width"), v("height"))
            });
        out.push(Cell {
            id: id.to_owned(),
            parent: cell.attribute("parent").unwrap_or("").to_owned(),
            label,
            style,
            base,
            vertex: cell.attribute("vertex") == Some("1"),
            edge: cell.attribute("edge") == Some("1"),
            source: cell.attribute("source").map(str::to_owned),
            target: cell.attribute("target").map(str::to_owned),
            geometry,
        });
    }
    out
}

/// The step kind a draw.io shape stands for.
pub(super) fn step_kind(c: &Cell, has_incoming: bool) -> StepKind {
    let shape = c.shape();
    let terminal = c.has("ellipse")
        || shape == "ellipse"
        || shape.ends_with("terminator")
        || shape.ends_with("start_1")
        || shape.ends_with("start_2")
        || shape == "mxgraph.bpmn.event";
    if c.has("rhombus") || shape == "rhombus" || shape.ends_with("decision") {
        StepKind::Decision
    } else if terminal {
        if has_incoming {
            StepKind::End
        } else {
            StepKind::Start
        }
    } else if shape == "document"
        || shape.ends_with("flowchart.document")
        || shape.ends_with("multi-document")
    {
        StepKind::Document
    } else if shape == "note" || c.base == "text" || shape.ends_with("annotation_1") {
        StepKind::Note
    } else {
        StepKind::Process
    }
}

/// An HTML label as plain text: breaks and block ends become line ends,
/// tags go, entities are decoded, and the lines are joined (without a
/// space between Chinese characters).
pub(super) fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if matches!(name, "br" | "div" | "p" | "li" | "tr") {
            text.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let decoded = decode_entities(&text);
    let mut out = String::new();
    for line in decoded.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let cjk = |c: Option<char>| c.is_some_and(|c| c as u32 >= 0x2E80);
        let joins_cjk = cjk(out.chars().last()) && cjk(line.chars().next());
        if !out.is_empty() && !joins_cjk {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

pub(super) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = match name {
                "nbsp" => Some(' '),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
