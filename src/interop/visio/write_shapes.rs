//! The page of an exported `.vsdx`, drawn from Flowcase's chart layout:
//! a cross-functional container holding the overview, a swimlane per lane
//! and a separator per phase with their names in their headers, each step
//! as the flowchart shape of its kind with its text and Shape Data, each
//! connector glued at both ends and routed as the chart routes it.

use super::data;
use super::sheet_xml::{DataRow, MasterKind, ShapeXml, hex};
use crate::lang::Lang;
use crate::layout::{Band, ChartLayout, ChartStyle, Color, Point, Rect, layout_chart_with};
use crate::model::{Numbering, Orientation, Process, Step, StepKind};
use crate::text::{S, tr};
use std::fmt::Write;

const UNITS: f64 = super::place::UNITS_PER_INCH;
/// Room above the chart for the container's title.
const TITLE_BAND: f64 = 0.4;
/// The text size of steps, in inches (9 pt).
const TEXT_SIZE: f64 = 0.125;

/// The page, and what the package needs to know of it.
pub struct PageXml {
    pub xml: String,
    pub name: String,
    /// Inches.
    pub width: f64,
    pub height: f64,
    /// The masters used, in the order of their ids (from 1).
    pub masters: Vec<MasterKind>,
}

/// Chart units to page inches (y up from the page's bottom).
struct ToPage {
    height: f64,
    /// The language Shape Data is written in (`zh-CN`, `en-US`).
    lang_id: &'static str,
}

impl ToPage {
    fn x(&self, x: f32) -> f64 {
        f64::from(x) / UNITS
    }
    fn y(&self, y: f32) -> f64 {
        self.height - f64::from(y) / UNITS
    }
    fn point(&self, p: Point) -> (f64, f64) {
        (self.x(p.x), self.y(p.y))
    }
    /// A rectangle's centre and size in inches.
    fn rect(&self, r: &Rect) -> (f64, f64, f64, f64) {
        let (w, h) = (f64::from(r.width()) / UNITS, f64::from(r.height()) / UNITS);
        (self.x(r.min.x) + w / 2.0, self.y(r.max.y) + h / 2.0, w, h)
    }
}

/// The page being drawn: its shapes and glue so far, the masters used,
/// the next shape id.
struct Drawing<'a> {
    to: ToPage,
    style: &'a ChartStyle,
    lang: Lang,
    masters: Vec<MasterKind>,
    next_id: u32,
    shapes: String,
    connects: String,
}

impl Drawing<'_> {
    fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id - 1
    }

    /// The id of `kind`'s master, written when first used.
    fn master(&mut self, kind: MasterKind) -> usize {
        match self.masters.iter().position(|m| *m == kind) {
            Some(i) => i + 1,
            None => {
                self.masters.push(kind);
                self.masters.len()
            }
        }
    }

    /// A swimlane per lane, then a separator per phase.
    fn bands(&mut self, process: &Process, chart: &ChartLayout) {
        let vertical = process.orientation == Orientation::Vertical;
        let lane_kind = if vertical {
            MasterKind::SwimlaneVertical
        } else {
            MasterKind::Swimlane
        };
        // (across the flow, along it) of a rectangle.
        let extent = |r: &Rect| match vertical {
            true => (r.width(), r.height()),
            false => (r.height(), r.width()),
        };
        for (band, lane) in chart.lanes.iter().zip(&process.lanes) {
            let sizes = (lane.size, extent(&band.rect).0, extent(&band.header).1);
            let (id, m) = (self.id(), self.master(lane_kind));
            let shape = band_shape(
                (id, m, lane_kind),
                band,
                &lane.name,
                sizes,
                &self.to,
                self.style,
            );
            self.shapes.push_str(&shape);
        }
        for (band, phase) in chart.phases.iter().zip(&process.phases) {
            let sizes = (phase.size, extent(&band.rect).1, 0.0);
            let kind = MasterKind::Separator;
            let (id, m) = (self.id(), self.master(kind));
            let shape = band_shape(
                (id, m, kind),
                band,
                &phase.name,
                sizes,
                &self.to,
                self.style,
            );
            self.shapes.push_str(&shape);
        }
    }

    /// Every step, then every connector glued to its two steps' shapes.
    fn flow(&mut self, process: &Process, numbering: &Numbering, chart: &ChartLayout) {
        // Ids for the steps drawn, first: a main step may come after its
        // members, and glue names both ends.
        let mut shape_of = std::collections::BTreeMap::new();
        for step in process.steps.values() {
            if chart.boxes.contains_key(&step.id) {
                let id = self.id();
                shape_of.insert(step.id, id);
            }
        }
        for step in process.steps.values() {
            let (Some(rect), Some(id)) = (chart.boxes.get(&step.id), shape_of.get(&step.id)) else {
                continue;
            };
            let kind = step_master(&step.kind);
            let m = self.master(kind);
            let number = numbering
                .of(step.id)
                .map(|n| n.to_string())
                .unwrap_or_default();
            let main = step.group.and_then(|g| shape_of.get(&g)).copied();
            let rows = step_rows(step, &number, main, process, self.to.rect(rect), self.lang);
            let shape = step_shape((*id, m, kind), step, rect, rows, &self.to, self.style);
            self.shapes.push_str(&shape);
        }
        for c in process.connectors.values() {
            let (Some(route), Some(from), Some(to)) = (
                chart.routes.get(&c.id),
                shape_of.get(&c.from),
                shape_of.get(&c.to),
            ) else {
                continue;
            };
            if route.len() < 2 {
                continue;
            }
            let (id, m) = (self.id(), self.master(MasterKind::Connector));
            let ends = (*from, *to);
            let Some(shape) = connector_shape(
                (id, m),
                ends,
                route,
                c.label.as_deref(),
                &self.to,
                self.style,
            ) else {
                continue;
            };
            self.shapes.push_str(&shape);
            let _ = write!(
                self.connects,
                "<Connect FromSheet=\"{id}\" FromCell=\"BeginX\" FromPart=\"9\" ToSheet=\"{from}\" ToCell=\"PinX\" ToPart=\"3\"/>\
                 <Connect FromSheet=\"{id}\" FromCell=\"EndX\" FromPart=\"12\" ToSheet=\"{to}\" ToCell=\"PinX\" ToPart=\"3\"/>"
            );
        }
    }
}

/// How Shape Data names `lang`.
fn lang_id(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en-US",
    }
}

/// The page of `process`.
pub fn page_xml(process: &Process, numbering: &Numbering, lang: Lang) -> PageXml {
    let style = ChartStyle::default();
    let chart = layout_chart_with(process, numbering, &style);
    let (width, chart_height) = (
        f64::from(chart.scene.width) / UNITS,
        f64::from(chart.scene.height) / UNITS,
    );
    let mut d = Drawing {
        to: ToPage {
            height: chart_height,
            lang_id: lang_id(lang),
        },
        style: &style,
        lang,
        masters: Vec::new(),
        next_id: 1,
        shapes: String::new(),
        connects: String::new(),
    };
    let (id, m) = (d.id(), d.master(MasterKind::Container));
    d.shapes
        .push_str(&container(process, (width, chart_height), (id, m), lang));
    d.bands(process, &chart);
    d.flow(process, numbering, &chart);
    let mut xml = super::write::root_open("PageContents");
    let _ = write!(xml, "<Shapes>{}</Shapes>", d.shapes);
    if !d.connects.is_empty() {
        let _ = write!(xml, "<Connects>{}</Connects>", d.connects);
    }
    xml.push_str("</PageContents>");
    let name = match process.overview.name.trim() {
        "" => "Page-1".to_owned(),
        n => n.to_owned(),
    };
    PageXml {
        xml,
        name,
        width: width.max(1.0),
        height: chart_height + TITLE_BAND,
        masters: d.masters,
    }
}

fn step_master(kind: &StepKind) -> MasterKind {
    match kind {
        StepKind::Process => MasterKind::Process,
        StepKind::Decision => MasterKind::Decision,
        StepKind::Start | StepKind::End => MasterKind::StartEnd,
        StepKind::Document => MasterKind::Document,
        StepKind::ProcessExit { .. } => MasterKind::Subprocess,
        StepKind::Note => MasterKind::Text,
    }
}

/// The container around the chart: the title above it, the overview in
/// its Shape Data.
fn container(
    process: &Process,
    (width, height): (f64, f64),
    (id, master): (u32, usize),
    lang: Lang,
) -> String {
    let title = format!("{} {}", process.overview.number, process.overview.name);
    let mut s = ShapeXml::open(id, MasterKind::Container.name(), Some(master));
    let full = height + TITLE_BAND;
    s.box_cells(width / 2.0, full / 2.0, width, full);
    s.cell("FillPattern", 0.0);
    s.cell("LinePattern", 0.0);
    s.text_block(width / 2.0, height + TITLE_BAND / 2.0, width, TITLE_BAND);
    s.character(0.1667, Color::rgb(0x1e, 0x4e, 0x8c));
    s.user(&[("msvStructureType", "Container")]);
    let o = &process.overview;
    let keys = [
        S::ProcessName,
        S::ProcessNumber,
        S::Definition,
        S::Purpose,
        S::ImplementationPoints,
        S::Participants,
        S::Cycle,
        S::RelatedProcesses,
        S::RelatedDocuments,
        S::Owner,
    ];
    let values = [
        o.name.clone(),
        o.number.clone(),
        o.definition.clone(),
        o.purpose.clone(),
        o.key_points.join("\n"),
        o.participants.clone(),
        o.cycle.clone(),
        o.related_processes.join("\n"),
        o.related_documents.join("\n"),
        o.owner.clone(),
    ];
    let mut rows: Vec<DataRow> = data::OVERVIEW
        .iter()
        .zip(keys)
        .zip(values)
        .map(|((row, key), value)| ((*row).to_owned(), tr(lang, key).to_owned(), value, false))
        .collect();
    rows.push((
        data::SCHEME.to_owned(),
        tr(lang, S::SchemeLabel).to_owned(),
        process.scheme.code().to_owned(),
        false,
    ));
    s.data(&rows, lang_id(lang));
    s.rect_geometry(false);
    s.close(Some(title.trim()))
}

/// A lane (swimlane) or phase (separator): its band and header outlined,
/// its name in the header; hidden, its size in Flowcase, as drawn, and
/// its header's depth.
fn band_shape<Id>(
    (id, master, kind): (u32, usize, MasterKind),
    band: &Band<Id>,
    name: &str,
    sizes: (f32, f32, f32),
    to: &ToPage,
    style: &ChartStyle,
) -> String {
    let (rect, header) = (&band.rect, &band.header);
    let mut s = ShapeXml::open(id, kind.name(), Some(master));
    let (x, y, w, h) = to.rect(rect);
    s.box_cells(x, y, w, h);
    let lane = kind != MasterKind::Separator;
    s.colours(
        lane.then_some(Color::rgb(0xfb, 0xfc, 0xfe)),
        style.band_stroke,
    );
    let (hx, hy, hw, hh) = to.rect(header);
    let (lx, ly) = (hx - (x - w / 2.0), hy - (y - h / 2.0));
    s.text_block(lx, ly, hw, hh);
    s.character(0.1389, style.ink);
    let categories = if lane { "Swimlane;Lane" } else { "Phase" };
    s.user(&[
        ("msvShapeCategories", categories),
        ("msvStructureType", "Container"),
        ("visHeadingText", name),
    ]);
    let sizes = format!("{};{};{}", sizes.0, sizes.1, sizes.2);
    s.data(
        &[(data::SIZE.to_owned(), String::new(), sizes, true)],
        to.lang_id,
    );
    s.rect_geometry(lane);
    let (x0, y0) = (lx - hw / 2.0, ly - hh / 2.0);
    s.geometry(
        1,
        &[
            (x0, y0),
            (x0 + hw, y0),
            (x0 + hw, y0 + hh),
            (x0, y0 + hh),
            (x0, y0),
        ],
        false,
    );
    s.close(Some(name))
}

/// A step: its kind's shape, its title, its Shape Data.
fn step_shape(
    (id, master, kind): (u32, usize, MasterKind),
    step: &Step,
    rect: &Rect,
    rows: Vec<DataRow>,
    to: &ToPage,
    style: &ChartStyle,
) -> String {
    let mut s = ShapeXml::open(id, kind.name(), Some(master));
    let (x, y, w, h) = to.rect(rect);
    s.box_cells(x, y, w, h);
    let fill = match &step.kind {
        StepKind::Decision => style.decision_fill,
        StepKind::Start | StepKind::End => style.terminal_fill,
        StepKind::ProcessExit { .. } => style.exit_fill,
        StepKind::Note => style.note_fill,
        _ => style.box_fill,
    };
    s.colours(Some(fill), style.box_stroke);
    s.character(TEXT_SIZE, style.ink);
    s.data(&rows, to.lang_id);
    for (ix, (points, filled)) in outline(&step.kind, w, h).into_iter().enumerate() {
        s.geometry(ix, &points, filled);
    }
    s.close(Some(&step.title))
}

/// A step's Shape Data rows.
fn step_rows(
    step: &Step,
    number: &str,
    main: Option<u32>,
    process: &Process,
    (pin_x, pin_y, _, _): (f64, f64, f64, f64),
    lang: Lang,
) -> Vec<DataRow> {
    let mut rows = vec![(
        data::NUMBER.to_owned(),
        tr(lang, S::Number).to_owned(),
        number.to_owned(),
        false,
    )];
    for (k, lane) in process.lanes.iter().enumerate() {
        let letters = step
            .roles
            .get(&lane.id)
            .map(|r| r.to_string())
            .unwrap_or_default();
        rows.push((
            format!("{}{}", data::ROLE_PREFIX, k + 1),
            lane.name.clone(),
            letters,
            false,
        ));
    }
    rows.push((
        data::KEY_POINTS.to_owned(),
        tr(lang, S::KeyPoints).to_owned(),
        step.description.clone(),
        false,
    ));
    rows.push((
        data::OUTPUTS.to_owned(),
        tr(lang, S::Outputs).to_owned(),
        step.outputs.join("\n"),
        false,
    ));
    if let StepKind::ProcessExit { number, name } = &step.kind {
        rows.push((
            data::EXIT_NUMBER.to_owned(),
            tr(lang, S::ExitNumber).to_owned(),
            number.clone(),
            false,
        ));
        rows.push((
            data::EXIT_NAME.to_owned(),
            tr(lang, S::ExitName).to_owned(),
            name.clone(),
            false,
        ));
    }
    if let Some(n) = step.pinned_number {
        rows.push((data::PINNED.to_owned(), String::new(), n.to_string(), true));
    }
    if let Some(main) = main {
        rows.push((
            data::MAIN_STEP.to_owned(),
            String::new(),
            main.to_string(),
            true,
        ));
    }
    let at = format!("{};{};{pin_x};{pin_y}", step.at.along, step.at.across);
    rows.push((data::AT.to_owned(), String::new(), at, true));
    rows
}

/// A step's outline in its own inches: (points, filled) per section.
fn outline(kind: &StepKind, w: f64, h: f64) -> Vec<(Vec<(f64, f64)>, bool)> {
    let rect = vec![(0.0, 0.0), (w, 0.0), (w, h), (0.0, h), (0.0, 0.0)];
    match kind {
        StepKind::Decision => vec![(
            vec![
                (w / 2.0, 0.0),
                (w, h / 2.0),
                (w / 2.0, h),
                (0.0, h / 2.0),
                (w / 2.0, 0.0),
            ],
            true,
        )],
        StepKind::Start | StepKind::End => {
            let r = (h / 2.0).min(w / 2.0);
            let mut points = Vec::new();
            for k in 0..=8 {
                let a = std::f64::consts::PI * (1.5 + f64::from(k) / 8.0);
                points.push((w - r + r * a.cos(), h / 2.0 + r * a.sin()));
            }
            for k in 0..=8 {
                let a = std::f64::consts::PI * (0.5 + f64::from(k) / 8.0);
                points.push((r + r * a.cos(), h / 2.0 + r * a.sin()));
            }
            points.push(points[0]);
            vec![(points, true)]
        }
        StepKind::Document => {
            let wave = h * 0.12;
            let mut points = vec![(0.0, h), (0.0, wave)];
            for k in 0..=8 {
                let t = f64::from(k) / 8.0;
                let y = wave + wave * (std::f64::consts::TAU * t).sin();
                points.push((w * t, y));
            }
            points.push((w, h));
            points.push((0.0, h));
            vec![(points, true)]
        }
        StepKind::ProcessExit { .. } => {
            let inset = (w * 0.08).min(0.12);
            vec![
                (rect, true),
                (vec![(inset, 0.0), (inset, h)], false),
                (vec![(w - inset, 0.0), (w - inset, h)], false),
            ]
        }
        _ => vec![(rect, true)],
    }
}

/// A connector along `route` (chart units) between the shapes `ends`, its
/// label at its middle; its ends follow the shapes when moved in Visio.
fn connector_shape(
    (id, master): (u32, usize),
    (from, to_shape): (u32, u32),
    route: &[Point],
    label: Option<&str>,
    to: &ToPage,
    style: &ChartStyle,
) -> Option<String> {
    let points: Vec<(f64, f64)> = route.iter().map(|p| to.point(*p)).collect();
    let (begin, end) = (*points.first()?, *points.last()?);
    let (w, h) = (end.0 - begin.0, end.1 - begin.1);
    let mut s = ShapeXml::open(id, MasterKind::Connector.name(), Some(master));
    let walk = "_WALKGLUE(BegTrigger,EndTrigger,WalkPreference)";
    let walk_back = "_WALKGLUE(EndTrigger,BegTrigger,WalkPreference)";
    s.formula("BeginX", begin.0, walk);
    s.formula("BeginY", begin.1, walk);
    s.formula("EndX", end.0, walk_back);
    s.formula("EndY", end.1, walk_back);
    s.formula(
        "BegTrigger",
        2.0,
        &format!("_XFTRIGGER(Sheet.{from}!EventXFMod)"),
    );
    s.formula(
        "EndTrigger",
        2.0,
        &format!("_XFTRIGGER(Sheet.{to_shape}!EventXFMod)"),
    );
    for (n, v) in [
        ("PinX", (begin.0 + end.0) / 2.0),
        ("PinY", (begin.1 + end.1) / 2.0),
        ("Width", w),
        ("Height", h),
        ("LocPinX", w / 2.0),
        ("LocPinY", h / 2.0),
        ("Angle", 0.0),
        ("ObjType", 2.0),
        ("ShapeRouteStyle", 1.0),
        ("BeginArrow", 0.0),
        ("EndArrow", 13.0),
        ("EndArrowSize", 1.0),
    ] {
        s.cell(n, v);
    }
    s.text_cell("LineColor", &hex(style.connector));
    s.cell("LineWeight", 0.0139);
    let mid = points.len() / 2;
    let (a, b) = (points[mid.saturating_sub(1)], points[mid]);
    let (tx, ty) = ((a.0 + b.0) / 2.0 - begin.0, (a.1 + b.1) / 2.0 - begin.1);
    s.text_block(tx, ty, 0.8, 0.25);
    s.character(0.1111, style.ink);
    s.line(&points, begin.0, begin.1);
    Some(s.close(label))
}
