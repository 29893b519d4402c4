//! BPMN 2.0 export: one participant whose lanes are the process's lanes,
//! each step as the matching BPMN element, connectors as sequence flows (or
//! associations where a document or note is an end), and BPMN DI with the
//! chart's own geometry, so a modeller opens the file as it is drawn. What
//! BPMN has no place for (roles, 要点, outputs, phases, the overview, exact
//! positions) goes into extension elements in Flowcase's namespace, which
//! `bpmn::read` reads back and other tools ignore.

use super::{BPMN_NS, BPMNDI_NS, DC_NS, DI_NS, FLOWCASE_NS};
use crate::layout::{ChartLayout, ChartStyle, Point, Rect, layout_chart_with};
use crate::model::{Connector, Numbering, Orientation, Process, RuleId, Step, StepId, StepKind};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The width of the participant's name band, left of (or above) the lanes.
const POOL_BAND: f32 = 30.0;

/// The process as a BPMN 2.0 document.
pub fn process_bpmn(process: &Process, numbering: &Numbering) -> String {
    let layout = layout_chart_with(process, numbering, &ChartStyle::default());
    let mut out = String::with_capacity(4096 + process.steps.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<bpmn:definitions xmlns:bpmn=\"{BPMN_NS}\" xmlns:bpmndi=\"{BPMNDI_NS}\" \
         xmlns:dc=\"{DC_NS}\" xmlns:di=\"{DI_NS}\" xmlns:fc=\"{FLOWCASE_NS}\" \
         id=\"Definitions_1\" targetNamespace=\"http://bpmn.io/schema/bpmn\" \
         exporter=\"Flowcase\" exporterVersion=\"{}\">",
        env!("CARGO_PKG_VERSION")
    );
    let name = attr(&display_name(process));
    out.push_str("  <bpmn:collaboration id=\"Collaboration_1\">\n");
    let _ = writeln!(
        out,
        "    <bpmn:participant id=\"Participant_1\" name=\"{name}\" processRef=\"Process_1\" />"
    );
    out.push_str("  </bpmn:collaboration>\n");
    write_process(&mut out, process);
    write_diagram(&mut out, process, &layout);
    out.push_str("</bpmn:definitions>\n");
    out
}

/// The name a modeller shows for the pool: number and name.
fn display_name(process: &Process) -> String {
    let o = &process.overview;
    format!("{} {}", o.number, o.name).trim().to_owned()
}

fn write_process(out: &mut String, process: &Process) {
    let _ = writeln!(
        out,
        "  <bpmn:process id=\"Process_1\" name=\"{}\" isExecutable=\"false\">",
        attr(&process.overview.name)
    );
    write_process_extension(out, process);
    out.push_str("    <bpmn:laneSet id=\"LaneSet_1\">\n");
    for lane in &process.lanes {
        let _ = writeln!(
            out,
            "      <bpmn:lane id=\"{}\" name=\"{}\">",
            lane_ref(lane.id.0),
            attr(&lane.name)
        );
        let _ = writeln!(
            out,
            "        <bpmn:extensionElements><fc:lane size=\"{}\" /></bpmn:extensionElements>",
            lane.size
        );
        for step in process.steps.values().filter(|s| s.lane == lane.id) {
            if element(step).is_flow_node() {
                let _ = writeln!(
                    out,
                    "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                    step_ref(step.id.0)
                );
            }
        }
        out.push_str("      </bpmn:lane>\n");
    }
    out.push_str("    </bpmn:laneSet>\n");
    // Each flow node's sequence flows, in and out, found in one pass.
    let mut flows: BTreeMap<StepId, Vec<(bool, u32)>> = BTreeMap::new();
    for c in process.connectors.values() {
        if flow_kind(process, c) == Flow::Sequence {
            flows.entry(c.to).or_default().push((true, c.id.0));
            flows.entry(c.from).or_default().push((false, c.id.0));
        }
    }
    for step in process.steps.values() {
        let own = flows.get(&step.id).map(Vec::as_slice).unwrap_or(&[]);
        write_step(out, step, own);
    }
    for c in process.connectors.values() {
        write_connector(out, process, c);
    }
    out.push_str("  </bpmn:process>\n");
}

/// The overview, orientation, role scheme, phases and switched-off rules.
fn write_process_extension(out: &mut String, process: &Process) {
    let o = &process.overview;
    let orientation = match process.orientation {
        Orientation::Horizontal => "horizontal",
        Orientation::Vertical => "vertical",
    };
    out.push_str("    <bpmn:extensionElements>\n");
    // The role scheme only when it is not AECI, as the `.ron` file does.
    let scheme = match process.scheme {
        crate::model::scheme::SchemeName::AECI => String::new(),
        other => format!(" scheme=\"{}\"", attr(other.code())),
    };
    let _ = writeln!(
        out,
        "      <fc:process orientation=\"{orientation}\"{scheme}>"
    );
    let _ = write!(
        out,
        "        <fc:overview name=\"{}\" number=\"{}\" definition=\"{}\" purpose=\"{}\" \
         participants=\"{}\" cycle=\"{}\" owner=\"{}\">",
        attr(&o.name),
        attr(&o.number),
        attr(&o.definition),
        attr(&o.purpose),
        attr(&o.participants),
        attr(&o.cycle),
        attr(&o.owner)
    );
    for (tag, items) in [
        ("keyPoint", &o.key_points),
        ("relatedProcess", &o.related_processes),
        ("relatedDocument", &o.related_documents),
    ] {
        for item in items {
            let _ = write!(out, "<fc:{tag}>{}</fc:{tag}>", text(item));
        }
    }
    out.push_str("</fc:overview>\n");
    for phase in &process.phases {
        let _ = writeln!(
            out,
            "        <fc:phase id=\"{}\" name=\"{}\" size=\"{}\" />",
            phase.id.0,
            attr(&phase.name),
            phase.size
        );
    }
    let disabled: Vec<String> = RuleId::ALL
        .iter()
        .filter(|r| !process.rules.is_enabled(**r))
        .map(|r| format!("{r:?}"))
        .collect();
    if !disabled.is_empty() {
        let _ = writeln!(
            out,
            "        <fc:rules disabled=\"{}\" />",
            disabled.join(",")
        );
    }
    out.push_str("      </fc:process>\n    </bpmn:extensionElements>\n");
}

/// The BPMN element a step becomes.
#[derive(Clone, Copy, PartialEq)]
enum Element {
    Task,
    Gateway,
    Start,
    End,
    Call,
    Data,
    Annotation,
}

impl Element {
    fn tag(self) -> &'static str {
        match self {
            Element::Task => "task",
            Element::Gateway => "exclusiveGateway",
            Element::Start => "startEvent",
            Element::End => "endEvent",
            Element::Call => "callActivity",
            Element::Data => "dataObjectReference",
            Element::Annotation => "textAnnotation",
        }
    }

    fn is_flow_node(self) -> bool {
        !matches!(self, Element::Data | Element::Annotation)
    }
}

fn element(step: &Step) -> Element {
    match step.kind {
        StepKind::Process => Element::Task,
        StepKind::Decision => Element::Gateway,
        StepKind::Start => Element::Start,
        StepKind::End => Element::End,
        StepKind::ProcessExit { .. } => Element::Call,
        StepKind::Document => Element::Data,
        StepKind::Note => Element::Annotation,
    }
}

pub fn step_ref(id: u32) -> String {
    format!("Step_{id}")
}

pub fn lane_ref(id: u32) -> String {
    format!("Lane_{id}")
}

/// A step as its BPMN element; `flows` are its sequence flows (incoming
/// ones marked `true`), by id.
fn write_step(out: &mut String, step: &Step, flows: &[(bool, u32)]) {
    let el = element(step);
    let id = step_ref(step.id.0);
    let name = attr(&step.title);
    match el {
        Element::Data => {
            let _ = writeln!(
                out,
                "    <bpmn:dataObject id=\"DataObject_{}\" />",
                step.id.0
            );
            let _ = writeln!(
                out,
                "    <bpmn:{} id=\"{id}\" name=\"{name}\" dataObjectRef=\"DataObject_{}\">",
                el.tag(),
                step.id.0
            );
        }
        Element::Annotation => {
            let _ = writeln!(out, "    <bpmn:{} id=\"{id}\">", el.tag());
        }
        Element::Call => {
            let number = match &step.kind {
                StepKind::ProcessExit { number, .. } => number.as_str(),
                _ => "",
            };
            let called = if number.trim().is_empty() {
                String::new()
            } else {
                format!(" calledElement=\"{}\"", attr(number))
            };
            let _ = writeln!(
                out,
                "    <bpmn:{} id=\"{id}\" name=\"{name}\"{called}>",
                el.tag()
            );
        }
        _ => {
            let _ = writeln!(out, "    <bpmn:{} id=\"{id}\" name=\"{name}\">", el.tag());
        }
    }
    write_step_extension(out, step);
    if el == Element::Annotation {
        let _ = writeln!(out, "      <bpmn:text>{}</bpmn:text>", text(&step.title));
    }
    for incoming in [true, false] {
        let tag = if incoming { "incoming" } else { "outgoing" };
        for (_, id) in flows.iter().filter(|(i, _)| *i == incoming) {
            let _ = writeln!(out, "      <bpmn:{tag}>Flow_{id}</bpmn:{tag}>");
        }
    }
    let _ = writeln!(out, "    </bpmn:{}>", el.tag());
}

/// Where the step stands, its roles, 要点 and outputs, its pinned number,
/// its main step and an exit's process name.
fn write_step_extension(out: &mut String, step: &Step) {
    let mut extra = String::new();
    if let Some(phase) = step.phase {
        let _ = write!(extra, " phase=\"{}\"", phase.0);
    }
    if let Some(n) = step.pinned_number {
        let _ = write!(extra, " pinned=\"{n}\"");
    }
    if let Some(g) = step.group {
        let _ = write!(extra, " group=\"{}\"", step_ref(g.0));
    }
    if let StepKind::ProcessExit { name, .. } = &step.kind {
        let _ = write!(extra, " exitName=\"{}\"", attr(name));
    }
    let _ = write!(
        out,
        "      <bpmn:extensionElements><fc:step lane=\"{}\" along=\"{}\" across=\"{}\"{extra}>",
        lane_ref(step.lane.0),
        step.at.along,
        step.at.across
    );
    for (lane, set) in &step.roles {
        let _ = write!(
            out,
            "<fc:role lane=\"{}\" letters=\"{set}\" />",
            lane_ref(lane.0)
        );
    }
    if !step.description.is_empty() {
        let _ = write!(
            out,
            "<fc:description>{}</fc:description>",
            text(&step.description)
        );
    }
    for output in &step.outputs {
        let _ = write!(out, "<fc:output>{}</fc:output>", text(output));
    }
    out.push_str("</fc:step></bpmn:extensionElements>\n");
}

/// How a connector is written: a sequence flow between flow nodes, an
/// association where a document or note is an end (BPMN has no sequence
/// flow to those).
#[derive(Clone, Copy, PartialEq)]
enum Flow {
    Sequence,
    Association,
}

fn flow_kind(process: &Process, c: &Connector) -> Flow {
    let node = |id| {
        process
            .steps
            .get(&id)
            .is_some_and(|s| element(s).is_flow_node())
    };
    if node(c.from) && node(c.to) {
        Flow::Sequence
    } else {
        Flow::Association
    }
}

pub fn connector_ref(process: &Process, c: &Connector) -> String {
    match flow_kind(process, c) {
        Flow::Sequence => format!("Flow_{}", c.id.0),
        Flow::Association => format!("Association_{}", c.id.0),
    }
}

fn write_connector(out: &mut String, process: &Process, c: &Connector) {
    let id = connector_ref(process, c);
    let (from, to) = (step_ref(c.from.0), step_ref(c.to.0));
    let name = c
        .label
        .as_deref()
        .map(|l| format!(" name=\"{}\"", attr(l)))
        .unwrap_or_default();
    match flow_kind(process, c) {
        Flow::Sequence => {
            let _ = writeln!(
                out,
                "    <bpmn:sequenceFlow id=\"{id}\"{name} sourceRef=\"{from}\" targetRef=\"{to}\" />"
            );
        }
        Flow::Association => {
            // An association has no name in BPMN; the label rides along.
            let label = c
                .label
                .as_deref()
                .map(|l| {
                    format!(
                        "<bpmn:extensionElements><fc:label text=\"{}\" /></bpmn:extensionElements>",
                        attr(l)
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    <bpmn:association id=\"{id}\" sourceRef=\"{from}\" targetRef=\"{to}\" \
                 associationDirection=\"One\">{label}</bpmn:association>"
            );
        }
    }
}

fn write_diagram(out: &mut String, process: &Process, layout: &ChartLayout) {
    let horizontal = process.orientation == Orientation::Horizontal;
    out.push_str("  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n");
    out.push_str("    <bpmndi:BPMNPlane id=\"BPMNPlane_1\" bpmnElement=\"Collaboration_1\">\n");
    let lanes: Vec<Rect> = layout
        .lanes
        .iter()
        .map(|band| band.rect.union(&band.header))
        .collect();
    let all = lanes
        .iter()
        .copied()
        .reduce(|a, b| a.union(&b))
        .unwrap_or(layout.content);
    let pool = if horizontal {
        Rect::from_min_size(
            all.min.x - POOL_BAND,
            all.min.y,
            all.width() + POOL_BAND,
            all.height(),
        )
    } else {
        Rect::from_min_size(
            all.min.x,
            all.min.y - POOL_BAND,
            all.width(),
            all.height() + POOL_BAND,
        )
    };
    let flag = if horizontal { "true" } else { "false" };
    shape(
        out,
        "Participant_1",
        &pool,
        &format!(" isHorizontal=\"{flag}\""),
    );
    for (band, rect) in layout.lanes.iter().zip(&lanes) {
        shape(
            out,
            &lane_ref(band.id.0),
            rect,
            &format!(" isHorizontal=\"{flag}\""),
        );
    }
    for (id, rect) in &layout.boxes {
        let Some(step) = process.steps.get(id) else {
            continue;
        };
        let extra = match element(step) {
            Element::Gateway => " isMarkerVisible=\"true\"",
            Element::Call => " isExpanded=\"false\"",
            _ => "",
        };
        let rect = if is_event(step) {
            event_circle(rect)
        } else {
            *rect
        };
        shape(out, &step_ref(id.0), &rect, extra);
    }
    for (id, route) in &layout.routes {
        let Some(c) = process.connectors.get(id) else {
            continue;
        };
        let mut route = route.clone();
        // An event is drawn as a circle: ends on its box reach the circle.
        let circle = |s| {
            process
                .steps
                .get(&s)
                .filter(|s| is_event(s))
                .and_then(|_| layout.boxes.get(&s))
                .map(event_circle)
        };
        if let (Some(r), [first, second, ..]) = (circle(c.from), route.as_mut_slice()) {
            *first = onto_circle(*first, *second, &r);
        }
        if let (Some(r), [.., before, last]) = (circle(c.to), route.as_mut_slice()) {
            *last = onto_circle(*last, *before, &r);
        }
        edge(out, &connector_ref(process, c), &route);
    }
    out.push_str("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n");
}

fn is_event(step: &Step) -> bool {
    matches!(step.kind, StepKind::Start | StepKind::End)
}

/// The square an event's circle is drawn in: as high as the box (or as
/// wide, when narrower), centred on it.
fn event_circle(r: &Rect) -> Rect {
    let side = r.width().min(r.height());
    Rect::from_center_size(r.center(), side, side)
}

/// `end`, the end of a segment coming from `from`, moved along it onto
/// the circle drawn in `r`.
fn onto_circle(end: Point, from: Point, r: &Rect) -> Point {
    let (c, radius) = (r.center(), r.width() / 2.0);
    if (end.y - from.y).abs() < 0.01 {
        let x = if from.x < c.x {
            c.x - radius
        } else {
            c.x + radius
        };
        Point::new(x, end.y)
    } else {
        let y = if from.y < c.y {
            c.y - radius
        } else {
            c.y + radius
        };
        Point::new(end.x, y)
    }
}

fn shape(out: &mut String, element: &str, r: &Rect, extra: &str) {
    let _ = writeln!(
        out,
        "      <bpmndi:BPMNShape id=\"{element}_di\" bpmnElement=\"{element}\"{extra}>\
         <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" /></bpmndi:BPMNShape>",
        round(r.min.x),
        round(r.min.y),
        round(r.width()),
        round(r.height())
    );
}

fn edge(out: &mut String, element: &str, route: &[Point]) {
    let _ = write!(
        out,
        "      <bpmndi:BPMNEdge id=\"{element}_di\" bpmnElement=\"{element}\">"
    );
    for p in route {
        let _ = write!(
            out,
            "<di:waypoint x=\"{}\" y=\"{}\" />",
            round(p.x),
            round(p.y)
        );
    }
    out.push_str("</bpmndi:BPMNEdge>\n");
}

/// Coordinates to two decimals: enough for any screen, short to read.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Text for an attribute: escaped, with line breaks and tabs kept as
/// character references (a parser turns a literal one into a space).
fn attr(s: &str) -> String {
    xml_text_keep_breaks(s)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

/// Text for element content, line breaks kept.
fn text(s: &str) -> String {
    xml_text_keep_breaks(s).replace('\r', "&#13;")
}

/// Escaped as every XML export escapes, line breaks kept.
fn xml_text_keep_breaks(s: &str) -> String {
    crate::interop::xml::escape_lines(s, true)
}
