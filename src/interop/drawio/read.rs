//! draw.io import: one page of a `.drawio` file (or a plain `.xml` graph
//! model), compressed or not. Swimlane containers become lanes (pools with
//! lanes, free-standing lanes, vertical lanes), shapes inside them steps by
//! their shape, edges connectors with their labels. A swimlane-styled
//! container that is a UML class or a table is not a lane. Compressed pages
//! are base64, raw deflate and URI encoding: decoded with base64, miniz_oxide
//! (with a size limit) and percent-encoding, the crates the build already
//! has.

use super::cells::{Cell, cells, step_kind};
use crate::interop::fit::at_most;
use crate::interop::report::{ImportNote, Imported};
use crate::layout::{Frame, Point, Rect, holding_or_nearest};
use crate::model::limits::{Limited, MAX_CONNECTORS, MAX_LANES, MAX_STEPS, OverLimit};
use crate::model::{
    Connector, ConnectorId, FlowPoint, Lane, LaneId, Orientation, Process, Step, StepId,
};
use roxmltree::{Document, Node};
use std::collections::{BTreeMap, BTreeSet};

/// The most a compressed page may inflate to.
const MAX_PAGE_BYTES: usize = 64 << 20;

/// Why a draw.io file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum DrawioError {
    Xml(crate::interop::xml::XmlError),
    NotDrawio(String),
    NoSuchPage {
        page: usize,
        pages: usize,
    },
    Compressed(usize, String),
    /// A compressed page inflates past `MAX_PAGE_BYTES`.
    PageTooLarge(usize),
    /// More lanes, shapes or edges than a process may have: refused as
    /// soon as they are counted.
    OverLimit(OverLimit),
}

fn xml_error(e: roxmltree::Error) -> DrawioError {
    DrawioError::Xml(crate::interop::xml::XmlError::of(&e))
}

/// Whether `text` looks like a draw.io file rather than BPMN.
pub fn is_drawio(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect();
    head.contains("<mxfile") || head.contains("<mxGraphModel")
}

/// Reads page `page` (from 1) of a draw.io file.
pub fn process_from_drawio(
    text: &str,
    page: usize,
    fallback_name: &str,
) -> Result<Imported, DrawioError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = || roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options()).map_err(xml_error)?;
    let root = doc.root_element();
    match root.tag_name().name() {
        "mxGraphModel" => {
            if page != 1 {
                return Err(DrawioError::NoSuchPage { page, pages: 1 });
            }
            read_model(root, fallback_name)
        }
        "mxfile" => {
            let pages: Vec<Node> = root
                .children()
                .filter(|n| n.has_tag_name("diagram"))
                .collect();
            let Some(diagram) = page.checked_sub(1).and_then(|i| pages.get(i)) else {
                return Err(DrawioError::NoSuchPage {
                    page,
                    pages: pages.len(),
                });
            };
            let name = diagram
                .attribute("name")
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .unwrap_or(fallback_name);
            if let Some(model) = diagram.children().find(|n| n.has_tag_name("mxGraphModel")) {
                return read_model(model, name);
            }
            let xml = inflate_page(diagram.text().unwrap_or("")).map_err(|e| match e {
                Inflate::TooLarge => DrawioError::PageTooLarge(page),
                Inflate::Broken(e) => DrawioError::Compressed(page, e),
            })?;
            let inner = Document::parse_with_options(&xml, options()).map_err(xml_error)?;
            let model = inner.root_element();
            if !model.has_tag_name("mxGraphModel") {
                return Err(DrawioError::NotDrawio(model.tag_name().name().to_owned()));
            }
            read_model(model, name)
        }
        other => Err(DrawioError::NotDrawio(other.to_owned())),
    }
}

/// Why a compressed page could not be unpacked.
enum Inflate {
    TooLarge,
    Broken(String),
}

/// A compressed page: base64, then raw deflate, then URI encoding.
fn inflate_page(text: &str) -> Result<String, Inflate> {
    use base64::Engine;
    use miniz_oxide::inflate::TINFLStatus;
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let deflated = base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .map_err(|e| Inflate::Broken(format!("base64: {e}")))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_PAGE_BYTES)
        .map_err(|e| match e.status {
            TINFLStatus::HasMoreOutput => Inflate::TooLarge,
            status => Inflate::Broken(format!("deflate: {status:?}")),
        })?;
    let not_utf8 = || Inflate::Broken("not UTF-8 text".to_owned());
    let encoded = String::from_utf8(bytes).map_err(|_| not_utf8())?;
    percent_encoding::percent_decode_str(&encoded)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| not_utf8())
}

/// A lane found on the page: its cell and where it is drawn.
struct FoundLane {
    cell: usize,
    bounds: Rect,
}

/// No lane cell: the one lane made for a page without lanes.
const NO_CELL: usize = usize::MAX;

/// The cells of one page, each with the cell it is drawn in.
struct Page {
    cells: Vec<Cell>,
    index: BTreeMap<String, usize>,
    children: BTreeMap<usize, Vec<usize>>,
}

impl Page {
    fn new(model: Node) -> Page {
        let cells = cells(model);
        let index: BTreeMap<String, usize> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let mut page = Page {
            cells,
            index,
            children: BTreeMap::new(),
        };
        for i in 0..page.cells.len() {
            if let Some(p) = page.parent_of(i) {
                page.children.entry(p).or_default().push(i);
            }
        }
        page
    }

    fn parent_of(&self, i: usize) -> Option<usize> {
        self.index.get(self.cells[i].parent.as_str()).copied()
    }

    /// The cells drawn in cell `i`.
    fn kids(&self, i: usize) -> &[usize] {
        self.children.get(&i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The cells `i` is drawn in, innermost first (64 at the most: a
    /// parent loop in a hostile file ends there).
    fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.parent_of(i), |p| self.parent_of(*p)).take(64)
    }

    /// Where cell `i` is on the page: its geometry plus its parents'.
    fn absolute(&self, i: usize) -> Option<Rect> {
        let (mut x, mut y, w, h) = self.cells[i].geometry?;
        for p in self.ancestors(i) {
            if let Some((px, py, _, _)) = self.cells[p].geometry.filter(|_| self.cells[p].vertex) {
                x += px;
                y += py;
            }
        }
        Some(Rect::from_min_size(x, y, w, h))
    }
}

/// What the swimlane-styled containers of a page are: lanes in page order,
/// pools (which hold lanes), and the rows of classes and tables (which are
/// not steps).
struct Swimlanes {
    lanes: Vec<FoundLane>,
    pools: BTreeSet<usize>,
    rows: BTreeSet<usize>,
    /// Lanes run across the page (titles on their left).
    horizontal: bool,
}

fn find_swimlanes(page: &Page, notes: &mut Vec<ImportNote>) -> Swimlanes {
    let cells = &page.cells;
    let mut not_lanes = BTreeSet::new();
    let mut rows = BTreeSet::new();
    let mut lanes: Vec<FoundLane> = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        if !c.vertex || !c.is_swimlane() {
            continue;
        }
        let vertex_kids: Vec<usize> = page
            .kids(i)
            .iter()
            .copied()
            .filter(|k| cells[*k].vertex)
            .collect();
        let is_pool = vertex_kids.iter().any(|k| cells[*k].is_swimlane());
        let class_like = !vertex_kids.is_empty() && vertex_kids.iter().all(|k| cells[*k].is_row());
        if c.is_table() || class_like {
            not_lanes.insert(i);
            rows.extend(vertex_kids);
            notes.push(ImportNote::NotALane {
                name: c.label.clone(),
            });
            continue;
        }
        if !is_pool && let Some(bounds) = page.absolute(i) {
            lanes.push(FoundLane { cell: i, bounds });
        }
    }
    // A set, not a walk through the lanes per cell: a page may hold a
    // hundred thousand swimlanes before their count is refused.
    let lane_cells: BTreeSet<usize> = lanes.iter().map(|l| l.cell).collect();
    let pools: BTreeSet<usize> = cells
        .iter()
        .enumerate()
        .filter(|(i, c)| c.vertex && c.is_swimlane() && !not_lanes.contains(i))
        .map(|(i, _)| i)
        .filter(|i| !lane_cells.contains(i))
        .collect();
    let horizontal = lanes
        .iter()
        .filter(|l| cells[l.cell].title_on_side())
        .count()
        * 2
        >= lanes.len();
    let key = |l: &FoundLane| {
        if horizontal {
            (l.bounds.min.y, l.bounds.min.x)
        } else {
            (l.bounds.min.x, l.bounds.min.y)
        }
    };
    lanes.sort_by(|a, b| {
        key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    Swimlanes {
        lanes,
        pools,
        rows,
        horizontal,
    }
}

/// The cells that become steps, with where they are drawn: vertices that
/// are not lanes, pools, class rows or edge labels.
fn placed_steps(page: &Page, found: &Swimlanes) -> Vec<(usize, Rect)> {
    let lane_cells: BTreeSet<usize> = found.lanes.iter().map(|l| l.cell).collect();
    (0..page.cells.len())
        .filter(|i| {
            let c = &page.cells[*i];
            c.vertex
                && !lane_cells.contains(i)
                && !found.pools.contains(i)
                && !found.rows.contains(i)
                && c.base != "edgeLabel"
                && !page.parent_of(*i).is_some_and(|p| page.cells[p].edge)
        })
        .filter_map(|i| Some((i, page.absolute(i)?)))
        .collect()
}

/// The process's lanes, one per lane found; a page without lanes gets one
/// lane, named after the page, around all its shapes.
fn add_lanes(
    page: &Page,
    found: &mut Swimlanes,
    placed: &[(usize, Rect)],
    name: &str,
    process: &mut Process,
    notes: &mut Vec<ImportNote>,
) {
    if !found.lanes.is_empty() {
        for (n, lane) in found.lanes.iter().enumerate() {
            let b = lane.bounds;
            let size = if found.horizontal {
                b.height()
            } else {
                b.width()
            };
            process.lanes.push(Lane {
                id: LaneId(n as u32 + 1),
                name: page.cells[lane.cell].label.clone(),
                size: size.clamp(40.0, 10_000.0),
            });
        }
        return;
    }
    notes.push(ImportNote::OneLane {
        name: name.to_owned(),
    });
    let extent = Rect::around(placed.iter().flat_map(|(_, b)| [b.min, b.max]));
    let (x0, y0) = if placed.is_empty() {
        (0.0, 0.0)
    } else {
        (extent.min.x - 40.0, extent.min.y - 40.0)
    };
    let size = if placed.is_empty() {
        Lane::DEFAULT_SIZE
    } else {
        (extent.max.y - y0 + 40.0).max(Lane::DEFAULT_SIZE)
    };
    process.lanes.push(Lane {
        id: LaneId(1),
        name: name.to_owned(),
        size: size.min(10_000.0),
    });
    found.lanes.push(FoundLane {
        cell: NO_CELL,
        bounds: Rect::from_min_size(x0, y0, f32::MAX / 4.0, size),
    });
}

/// The lane a shape belongs to: the lane it is drawn in, else the lane
/// its centre is in, else the nearest.
fn lane_of(page: &Page, lanes: &[FoundLane], i: usize, center: Point) -> usize {
    if let Some(n) = page
        .ancestors(i)
        .find_map(|p| lanes.iter().position(|l| l.cell == p))
    {
        return n;
    }
    let rects: Vec<Rect> = lanes.iter().map(|l| l.bounds).collect();
    holding_or_nearest(&rects, center).unwrap_or(0)
}

/// One step per shape, in its lane, where it is drawn; returns each
/// shape's step.
fn add_steps(
    page: &Page,
    found: &Swimlanes,
    placed: &[(usize, Rect)],
    process: &mut Process,
) -> BTreeMap<usize, StepId> {
    let cells = &page.cells;
    // Looked up once, not per shape: a page may have thousands of cells.
    let targets: BTreeSet<&str> = cells
        .iter()
        .filter(|e| e.edge)
        .filter_map(|e| e.target.as_deref())
        .collect();
    let has_incoming = |i: usize| targets.contains(cells[i].id.as_str());
    let mut step_of = BTreeMap::new();
    let orientation = if found.horizontal {
        Orientation::Horizontal
    } else {
        Orientation::Vertical
    };
    for (n, (i, drawn)) in placed.iter().enumerate() {
        let center = drawn.center();
        let lane_index = lane_of(page, &found.lanes, *i, center);
        let lane = &found.lanes[lane_index];
        // A lane's title band comes first along the flow.
        let label = if lane.cell == NO_CELL {
            0.0
        } else {
            cells[lane.cell].start_size()
        };
        let frame = Frame { orientation, label };
        let along_start = frame.along(lane.bounds.min) + label;
        let at = frame.place_in(center, &lane.bounds, along_start);
        let at = FlowPoint::new(at.along.max(0.0), at.across.max(0.0));
        let kind = step_kind(&cells[*i], has_incoming(*i));
        let id = StepId(n as u32 + 1);
        let step = Step::new(id, kind, &cells[*i].label, process.lanes[lane_index].id, at);
        process.steps.insert(id, step);
        step_of.insert(*i, id);
    }
    step_of
}

/// One connector per edge between two steps, labelled with its own text
/// or its label cells'; an edge with a loose end is reported.
fn add_connectors(
    page: &Page,
    step_of: &BTreeMap<usize, StepId>,
    process: &mut Process,
    notes: &mut Vec<ImportNote>,
) {
    let end = |r: &Option<String>| {
        r.as_deref()
            .and_then(|r| page.index.get(r))
            .and_then(|i| step_of.get(i))
            .copied()
    };
    for (e, c) in page.cells.iter().enumerate().filter(|(_, c)| c.edge) {
        let label = if c.label.is_empty() {
            let label_kids: Vec<&str> = page
                .kids(e)
                .iter()
                .map(|k| page.cells[*k].label.as_str())
                .filter(|l| !l.is_empty())
                .collect();
            label_kids.join(" ")
        } else {
            c.label.clone()
        };
        match (end(&c.source), end(&c.target)) {
            (Some(from), Some(to)) => {
                let id = process.next_connector_id();
                process.connectors.insert(
                    id,
                    Connector {
                        id: ConnectorId(id.0),
                        from,
                        to,
                        label: (!label.is_empty()).then_some(label),
                    },
                );
            }
            _ => notes.push(ImportNote::LooseEdge { label }),
        }
    }
}

/// The process drawn on one page; lanes, shapes and edges are counted
/// against the limits before any is built.
fn read_model(model: Node, name: &str) -> Result<Imported, DrawioError> {
    let page = Page::new(model);
    let mut notes = Vec::new();
    let mut found = find_swimlanes(&page, &mut notes);
    let placed = placed_steps(&page, &found);
    let edges = page.cells.iter().filter(|c| c.edge).count();
    at_most(Limited::Lanes, found.lanes.len(), MAX_LANES)
        .and_then(|()| at_most(Limited::Steps, placed.len(), MAX_STEPS))
        .and_then(|()| at_most(Limited::Connectors, edges, MAX_CONNECTORS))
        .map_err(DrawioError::OverLimit)?;
    let mut process = Process {
        orientation: if found.horizontal {
            Orientation::Horizontal
        } else {
            Orientation::Vertical
        },
        ..Process::default()
    };
    process.overview.name = name.to_owned();
    add_lanes(&page, &mut found, &placed, name, &mut process, &mut notes);
    let step_of = add_steps(&page, &found, &placed, &mut process);
    add_connectors(&page, &step_of, &mut process, &mut notes);
    Ok(Imported {
        process,
        notes,
        needs_layout: placed.is_empty(),
        sub_processes: Vec::new(),
    })
}
