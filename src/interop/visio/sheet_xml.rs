//! One Visio shape sheet written: its cells, text block, geometry,
//! character, User and Shape Data sections and its text; and the masters
//! we write, named as Visio's stencils name theirs.

use crate::layout::Color;
use std::fmt::Write;

/// A Shape Data row: (row name, label, value, hidden).
pub type DataRow = (String, String, String, bool);

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

/// An attribute's value escaped; line ends kept as character references
/// (a raw one would be read back as a space).
pub fn attr(text: &str) -> String {
    crate::interop::xml::escape_lines(text, true)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

pub fn hex(c: Color) -> String {
    format!("#{:02X}{:02X}{:02X}", c.r, c.g, c.b)
}

/// One `<Shape>` being written.
pub struct ShapeXml {
    out: String,
}

impl ShapeXml {
    /// A shape named as Visio names a copy of master `name`: `Process.12`.
    pub fn open(id: u32, name: &str, master: Option<usize>) -> ShapeXml {
        let mut out = String::new();
        let name = attr(name);
        let _ = write!(
            out,
            "<Shape ID=\"{id}\" NameU=\"{name}.{id}\" Name=\"{name}.{id}\" Type=\"Shape\""
        );
        if let Some(m) = master {
            let _ = write!(out, " Master=\"{m}\"");
        }
        out.push_str(" LineStyle=\"0\" FillStyle=\"0\" TextStyle=\"0\">");
        ShapeXml { out }
    }

    /// A cell with its formula (Visio recalculates it; LibreOffice reads
    /// the value).
    pub fn formula(&mut self, n: &str, v: f64, f: &str) {
        let _ = write!(self.out, "<Cell N=\"{n}\" V=\"{v}\" F=\"{}\"/>", attr(f));
    }

    pub fn cell(&mut self, n: &str, v: f64) {
        let _ = write!(self.out, "<Cell N=\"{n}\" V=\"{v}\"/>");
    }

    pub fn text_cell(&mut self, n: &str, v: &str) {
        let _ = write!(self.out, "<Cell N=\"{n}\" V=\"{}\"/>", attr(v));
    }

    /// Pin at the centre, size, no turn.
    pub fn box_cells(&mut self, x: f64, y: f64, w: f64, h: f64) {
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

    pub fn colours(&mut self, fill: Option<Color>, line: Color) {
        match fill {
            Some(fill) => self.text_cell("FillForegnd", &hex(fill)),
            None => self.cell("FillPattern", 0.0),
        }
        self.text_cell("LineColor", &hex(line));
    }

    /// Where the text block stands, in the shape's own inches.
    pub fn text_block(&mut self, x: f64, y: f64, w: f64, h: f64) {
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
    pub fn geometry(&mut self, ix: usize, points: &[(f64, f64)], fill: bool) {
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
    pub fn rect_geometry(&mut self, fill: bool) {
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
    pub fn line(&mut self, points: &[(f64, f64)], bx: f64, by: f64) {
        let local: Vec<(f64, f64)> = points.iter().map(|(x, y)| (x - bx, y - by)).collect();
        self.geometry(0, &local, false);
    }

    pub fn character(&mut self, size: f64, colour: Color) {
        let _ = write!(
            self.out,
            "<Section N=\"Character\"><Row IX=\"0\"><Cell N=\"Font\" V=\"{}\"/><Cell N=\"Color\" V=\"{}\"/>\
             <Cell N=\"Size\" V=\"{size}\" U=\"PT\"/></Row></Section>",
            crate::export::PPTX_FONT,
            hex(colour)
        );
    }

    pub fn user(&mut self, rows: &[(&str, &str)]) {
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

    /// Shape Data: (row, label, value, hidden), in the language `lang_id`
    /// (`zh-CN`, `en-US`).
    pub fn data(&mut self, rows: &[DataRow], lang_id: &str) {
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
                 <Cell N=\"LangID\" V=\"{lang_id}\"/><Cell N=\"Calendar\" V=\"0\"/></Row>",
                attr(value),
                attr(label),
                u8::from(*hidden)
            );
        }
        self.out.push_str("</Section>");
    }

    pub fn close(mut self, text: Option<&str>) -> String {
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
