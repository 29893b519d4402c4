//! The page of an exported `.vsdx`, drawn from Flowcase's chart layout:
//! a cross-functional container holding the overview, a swimlane per lane
//! and a separator per phase with their names in their headers, each step
//! as the flowchart shape of its kind with its text and Shape Data, each
//! connector glued at both ends and routed as the chart routes it.

use super::data;
use crate::lang::Lang;
use crate::layout::{ChartStyle, Color, Point, Rect, layout_chart_with};
use crate::model::{Numbering, Orientation, Process, Step, StepKind};
use crate::text::{S, tr};
use std::fmt::Write;

const UNITS: f64 = super::build::UNITS_PER_INCH;
/// Room above the chart for the container's title.
const TITLE_BAND: f64 = 0.4;
/// The text size of steps, in inches (9 pt).
const TEXT_SIZE: f64 = 0.125;

/// A master we write, named as Visio's stencils name theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MasterKind {
    Container,
    Swimlane,
    SwimlaneVertical,
    Separator,
    Process,
    Decision,
    StartEnd,
    Document,
    Subprocess,
    Text,
    Connector,
}

impl MasterKind {
    pub fn name(self) -> &'static str {
        match self {
            MasterKind::Container => "CFF Container",
            MasterKind::Swimlane => "Swimlane",
            MasterKind::SwimlaneVertical => "Swimlane (vertical)",
            MasterKind::Separator => "Separator",
            MasterKind::Process => "Process",
            MasterKind::Decision => "Decision",
            MasterKind::StartEnd => "Start/End",
            MasterKind::Document => "Document",
            MasterKind::Subprocess => "Subprocess",
            MasterKind::Text => "Text",
            MasterKind::Connector => "Dynamic connector",
        }
    }

    /// The master's part: one shape, an inch by half an inch (a line for
    /// the connector), as the stencil's icon would be.
    pub fn master_xml(self) -> String {
        let mut out = super::write::root_open("MasterContents");
        out.push_str("<Shapes>");
        let mut s = ShapeXml::open(1, self.name(), None);
        if self == MasterKind::Connector {
            for (n, v) in [
                ("BeginX", 0.0),
                ("BeginY", 0.0),
                ("EndX", 1.0),
                ("EndY", 0.0),
            ] {
                s.cell(n, v);
            }
            s.line(&[(0.0, 0.0), (1.0, 0.0)], 0.0, 0.0);
        } else {
            s.box_cells(0.5, 0.25, 1.0, 0.5);
            s.rect_geometry(true);
        }
        out.push_str(&s.close(None));
        out.push_str("</Shapes></MasterContents>");
        out
    }
}

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

/// An attribute's value escaped; line ends kept as character references
/// (a raw one would be read back as a space).
pub fn attr(text: &str) -> String {
    crate::interop::xml::escape_lines(text, true)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

fn hex(c: Color) -> String {
    format!("#{:02X}{:02X}{:02X}", c.r, c.g, c.b)
}

/// One `<Shape>` being written.
struct ShapeXml {
    out: String,
}

impl ShapeXml {
    fn open(id: u32, name: &str, master: Option<usize>) -> ShapeXml {
        let mut out = String::new();
        let name = attr(name);
        let _ = write!(
            out,
            "<Shape ID=\"{id}\" NameU=\"{name}\" Name=\"{name}\" Type=\"Shape\""
        );
        if let Some(m) = master {
            let _ = write!(out, " Master=\"{m}\"");
        }
        out.push_str(" LineStyle=\"0\" FillStyle=\"0\" TextStyle=\"0\">");
        ShapeXml { out }
    }

    fn cell(&mut self, n: &str, v: f64) {
        let _ = write!(self.out, "<Cell N=\"{n}\" V=\"{v}\"/>");
    }

    fn text_cell(&mut self, n: &str, v: &str) {
        let _ = write!(self.out, "<Cell N=\"{n}\" V=\"{}\"/>", attr(v));
    }

    /// Pin at the centre, size, no turn.
    fn box_cells(&mut self, x: f64, y: f64, w: f64, h: f64) {
        for (n, v) in [
            ("PinX", x),
            ("PinY", y),
            ("Width", w),
            ("Height", h),
            ("LocPinX", w / 2.0),
            ("LocPinY", h / 2.0),
            ("Angle", 0.0),
        ] {
            self.cell(n, v);
        }
    }

    fn colours(&mut self, fill: Option<Color>, line: Color) {
        match fill {
            Some(fill) => self.text_cell("FillForegnd", &hex(fill)),
            None => self.cell("FillPattern", 0.0),
        }
        self.text_cell("LineColor", &hex(line));
    }

    /// Where the text block stands, in the shape's own inches.
    fn text_block(&mut self, x: f64, y: f64, w: f64, h: f64) {
        for (n, v) in [
            ("TxtPinX", x),
            ("TxtPinY", y),
            ("TxtWidth", w),
            ("TxtHeight", h),
            ("TxtLocPinX", w / 2.0),
            ("TxtLocPinY", h / 2.0),
            ("TxtAngle", 0.0),
        ] {
            self.cell(n, v);
        }
    }

    /// A geometry section of points in the shape's own inches (closed when
    /// its last point is its first).
    fn geometry(&mut self, ix: usize, points: &[(f64, f64)], fill: bool) {
        let _ = write!(
            self.out,
            "<Section N=\"Geometry\" IX=\"{ix}\"><Cell N=\"NoFill\" V=\"{}\"/><Cell N=\"NoLine\" V=\"0\"/>\
             <Cell N=\"NoShow\" V=\"0\"/><Cell N=\"NoSnap\" V=\"0\"/>",
            u8::from(!fill)
        );
        for (k, (x, y)) in points.iter().enumerate() {
            let row = if k == 0 { "MoveTo" } else { "LineTo" };
            let _ = write!(
                self.out,
                "<Row T=\"{row}\" IX=\"{}\"><Cell N=\"X\" V=\"{x}\"/><Cell N=\"Y\" V=\"{y}\"/></Row>",
                k + 1
            );
        }
        self.out.push_str("</Section>");
    }

    /// The whole box, in fractions of its size.
    fn rect_geometry(&mut self, fill: bool) {
        let _ = write!(
            self.out,
            "<Section N=\"Geometry\" IX=\"0\"><Cell N=\"NoFill\" V=\"{}\"/><Cell N=\"NoLine\" V=\"0\"/>\
             <Cell N=\"NoShow\" V=\"0\"/><Cell N=\"NoSnap\" V=\"0\"/>",
            u8::from(!fill)
        );
        for (k, (x, y)) in [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)].iter().enumerate() {
            let row = if k == 0 { "RelMoveTo" } else { "RelLineTo" };
            let _ = write!(
                self.out,
                "<Row T=\"{row}\" IX=\"{}\"><Cell N=\"X\" V=\"{x}\"/><Cell N=\"Y\" V=\"{y}\"/></Row>",
                k + 1
            );
        }
        self.out.push_str("</Section>");
    }

    /// A 1-D line through `points` (page inches), drawn from its begin.
    fn line(&mut self, points: &[(f64, f64)], bx: f64, by: f64) {
        let local: Vec<(f64, f64)> = points.iter().map(|(x, y)| (x - bx, y - by)).collect();
        self.geometry(0, &local, false);
    }

    fn character(&mut self, size: f64, colour: Color) {
        let _ = write!(
            self.out,
            "<Section N=\"Character\"><Row IX=\"0\"><Cell N=\"Font\" V=\"{}\"/><Cell N=\"Color\" V=\"{}\"/>\
             <Cell N=\"Size\" V=\"{size}\" U=\"PT\"/></Row></Section>",
            crate::export::PPTX_FONT,
            hex(colour)
        );
    }

    fn user(&mut self, rows: &[(&str, &str)]) {
        self.out.push_str("<Section N=\"User\">");
        for (n, v) in rows {
            let _ = write!(
                self.out,
                "<Row N=\"{n}\"><Cell N=\"Value\" V=\"{}\" U=\"STR\"/><Cell N=\"Prompt\" V=\"\"/></Row>",
                attr(v)
            );
        }
        self.out.push_str("</Section>");
    }

    /// Shape Data: (row, label, value, hidden).
    fn data(&mut self, rows: &[(String, String, String, bool)]) {
        if rows.is_empty() {
            return;
        }
        self.out.push_str("<Section N=\"Property\">");
        for (k, (n, label, value, hidden)) in rows.iter().enumerate() {
            let _ = write!(
                self.out,
                "<Row N=\"{n}\"><Cell N=\"Value\" V=\"{}\" U=\"STR\"/><Cell N=\"Prompt\" V=\"\"/>\
                 <Cell N=\"Label\" V=\"{}\"/><Cell N=\"Format\" V=\"\"/><Cell N=\"SortKey\" V=\"{k:03}\"/>\
                 <Cell N=\"Type\" V=\"0\"/><Cell N=\"Invisible\" V=\"{}\"/><Cell N=\"Verify\" V=\"0\"/>\
                 <Cell N=\"LangID\" V=\"zh-CN\"/><Cell N=\"Calendar\" V=\"0\"/></Row>",
                attr(value),
                attr(label),
                u8::from(*hidden)
            );
        }
        self.out.push_str("</Section>");
    }

    fn close(mut self, text: Option<&str>) -> String {
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            let _ = write!(
                self.out,
                "<Text><cp IX=\"0\"/>{}</Text>",
                crate::interop::xml::escape_lines(text, true)
            );
        }
        self.out.push_str("</Shape>");
        self.out
    }
}

/// Chart units to page inches (y up from the page's bottom).
struct ToPage {
    height: f64,
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

/// The page of `process`.
pub fn page_xml(process: &Process, numbering: &Numbering, lang: Lang) -> PageXml {
    let style = ChartStyle::default();
    let chart = layout_chart_with(process, numbering, &style);
    let (width, chart_height) = (
        f64::from(chart.scene.width) / UNITS,
        f64::from(chart.scene.height) / UNITS,
    );
    let to = ToPage {
        height: chart_height,
    };
    let mut masters: Vec<MasterKind> = Vec::new();
    let mut master = |kind: MasterKind| -> usize {
        match masters.iter().position(|m| *m == kind) {
            Some(i) => i + 1,
            None => {
                masters.push(kind);
                masters.len()
            }
        }
    };
    let mut shapes = String::new();
    let mut next_id = 1_u32;
    let mut id = || {
        let this = next_id;
        next_id += 1;
        this
    };
    let title = format!("{} {}", process.overview.number, process.overview.name);
    shapes.push_str(&container(
        process,
        &to,
        width,
        chart_height,
        id(),
        master(MasterKind::Container),
        title.trim(),
        lang,
    ));
    let vertical = process.orientation == Orientation::Vertical;
    let lane_kind = if vertical {
        MasterKind::SwimlaneVertical
    } else {
        MasterKind::Swimlane
    };
    for (band, lane) in chart.lanes.iter().zip(&process.lanes) {
        let header = if vertical {
            band.header.height()
        } else {
            band.header.width()
        };
        let size = if vertical {
            band.rect.width()
        } else {
            band.rect.height()
        };
        let m = master(lane_kind);
        shapes.push_str(&band_shape(
            id(),
            m,
            lane_kind,
            &band.rect,
            &band.header,
            &lane.name,
            (lane.size, size, header),
            &to,
            &style,
        ));
    }
    for (band, phase) in chart.phases.iter().zip(&process.phases) {
        let size = if vertical {
            band.rect.height()
        } else {
            band.rect.width()
        };
        let m = master(MasterKind::Separator);
        shapes.push_str(&band_shape(
            id(),
            m,
            MasterKind::Separator,
            &band.rect,
            &band.header,
            &phase.name,
            (phase.size, size, 0.0),
            &to,
            &style,
        ));
    }
    let mut shape_of = std::collections::BTreeMap::new();
    for step in process.steps.values() {
        shape_of.insert(step.id, id());
    }
    for step in process.steps.values() {
        let Some(rect) = chart.boxes.get(&step.id) else {
            continue;
        };
        let kind = step_master(&step.kind);
        let m = master(kind);
        let number = numbering
            .of(step.id)
            .map(|n| n.to_string())
            .unwrap_or_default();
        let main = step.group.and_then(|g| shape_of.get(&g)).copied();
        shapes.push_str(&step_shape(
            shape_of[&step.id],
            m,
            kind,
            step,
            rect,
            &number,
            main,
            process,
            &to,
            &style,
            lang,
        ));
    }
    let mut connects = String::new();
    for c in process.connectors.values() {
        let (Some(route), Some(from), Some(to_shape)) = (
            chart.routes.get(&c.id),
            shape_of.get(&c.from),
            shape_of.get(&c.to),
        ) else {
            continue;
        };
        if route.len() < 2 {
            continue;
        }
        let cid = id();
        let m = master(MasterKind::Connector);
        shapes.push_str(&connector_shape(
            cid,
            m,
            route,
            c.label.as_deref(),
            &to,
            &style,
        ));
        let _ = write!(
            connects,
            "<Connect FromSheet=\"{cid}\" FromCell=\"BeginX\" FromPart=\"9\" ToSheet=\"{from}\" ToCell=\"PinX\" ToPart=\"3\"/>\
             <Connect FromSheet=\"{cid}\" FromCell=\"EndX\" FromPart=\"12\" ToSheet=\"{to_shape}\" ToCell=\"PinX\" ToPart=\"3\"/>"
        );
    }
    let mut xml = super::write::root_open("PageContents");
    let _ = write!(xml, "<Shapes>{shapes}</Shapes>");
    if !connects.is_empty() {
        let _ = write!(xml, "<Connects>{connects}</Connects>");
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
        masters,
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
#[allow(clippy::too_many_arguments)]
fn container(
    process: &Process,
    to: &ToPage,
    width: f64,
    height: f64,
    id: u32,
    master: usize,
    title: &str,
    lang: Lang,
) -> String {
    let _ = to;
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
    let mut rows: Vec<(String, String, String, bool)> = data::OVERVIEW
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
    s.data(&rows);
    s.rect_geometry(false);
    s.close(Some(title))
}

/// A lane (swimlane) or phase (separator): its band and header outlined,
/// its name in the header; hidden, its size in Flowcase, as drawn, and
/// its header's depth.
#[allow(clippy::too_many_arguments)]
fn band_shape(
    id: u32,
    master: usize,
    kind: MasterKind,
    rect: &Rect,
    header: &Rect,
    name: &str,
    sizes: (f32, f32, f32),
    to: &ToPage,
    style: &ChartStyle,
) -> String {
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
    s.data(&[(data::SIZE.to_owned(), String::new(), sizes, true)]);
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
#[allow(clippy::too_many_arguments)]
fn step_shape(
    id: u32,
    master: usize,
    kind: MasterKind,
    step: &Step,
    rect: &Rect,
    number: &str,
    main: Option<u32>,
    process: &Process,
    to: &ToPage,
    style: &ChartStyle,
    lang: Lang,
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
    s.data(&step_rows(step, number, main, process, (x, y), lang));
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
    pin: (f64, f64),
    lang: Lang,
) -> Vec<(String, String, String, bool)> {
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
    let at = format!("{};{};{};{}", step.at.along, step.at.across, pin.0, pin.1);
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

/// A connector along `route` (chart units), its label at its middle.
fn connector_shape(
    id: u32,
    master: usize,
    route: &[Point],
    label: Option<&str>,
    to: &ToPage,
    style: &ChartStyle,
) -> String {
    let points: Vec<(f64, f64)> = route.iter().map(|p| to.point(*p)).collect();
    let (begin, end) = (points[0], points[points.len() - 1]);
    let (w, h) = (end.0 - begin.0, end.1 - begin.1);
    let mut s = ShapeXml::open(id, MasterKind::Connector.name(), Some(master));
    for (n, v) in [
        ("PinX", (begin.0 + end.0) / 2.0),
        ("PinY", (begin.1 + end.1) / 2.0),
        ("Width", w),
        ("Height", h),
        ("LocPinX", w / 2.0),
        ("LocPinY", h / 2.0),
        ("Angle", 0.0),
        ("BeginX", begin.0),
        ("BeginY", begin.1),
        ("EndX", end.0),
        ("EndY", end.1),
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
    s.close(label)
}
