//! Hostile but plausible inputs from other tools, shared by the tests and
//! the benchmark harness: BPMN and draw.io charts of any size, and
//! spreadsheets built to hurt a reader.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::io::Write as _;

/// A BPMN chart drawn in a modeller: `lanes` lanes named by `lane_name`,
/// `tasks` tasks spread over them with DI shapes (the first task at
/// `first_x`), each task flowing into the next `flows_per_task` times.
pub struct Bpmn {
    pub lanes: usize,
    pub lane_name: String,
    pub tasks: usize,
    pub title: String,
    pub first_x: f64,
    pub flows_per_task: usize,
}

impl Default for Bpmn {
    fn default() -> Bpmn {
        Bpmn {
            lanes: 2,
            lane_name: "大区".to_owned(),
            tasks: 3,
            title: "审批".to_owned(),
            first_x: 100.0,
            flows_per_task: 1,
        }
    }
}

impl Bpmn {
    pub fn xml(&self) -> String {
        let mut s = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d">
<process id="P"><laneSet id="ls">"#,
        );
        let lane_of = |t: usize| t % self.lanes;
        for l in 0..self.lanes {
            write!(
                s,
                r#"<lane id="Lane_{}" name="{}{l}">"#,
                l + 1,
                self.lane_name
            )
            .unwrap();
            for t in (0..self.tasks).filter(|t| lane_of(*t) == l) {
                write!(s, "<flowNodeRef>Task_{}</flowNodeRef>", t + 1).unwrap();
            }
            s.push_str("</lane>");
        }
        s.push_str("</laneSet>");
        for t in 0..self.tasks {
            write!(s, r#"<task id="Task_{}" name="{}{t}"/>"#, t + 1, self.title).unwrap();
        }
        let mut f = 0;
        for t in 1..self.tasks {
            for _ in 0..self.flows_per_task {
                f += 1;
                write!(
                    s,
                    r#"<sequenceFlow id="Flow_{f}" sourceRef="Task_{t}" targetRef="Task_{}"/>"#,
                    t + 1
                )
                .unwrap();
            }
        }
        s.push_str(r#"</process><bpmndi:BPMNDiagram><bpmndi:BPMNPlane bpmnElement="P">"#);
        for l in 0..self.lanes {
            let y = l * 200;
            write!(
                s,
                r#"<bpmndi:BPMNShape bpmnElement="Lane_{}" isHorizontal="true"><dc:Bounds x="0" y="{y}" width="2000000" height="200"/></bpmndi:BPMNShape>"#,
                l + 1
            )
            .unwrap();
        }
        for t in 0..self.tasks {
            let x = self.first_x + (t / self.lanes) as f64 * 150.0;
            let y = lane_of(t) * 200 + 60;
            write!(
                s,
                r#"<bpmndi:BPMNShape bpmnElement="Task_{}"><dc:Bounds x="{x}" y="{y}" width="100" height="80"/></bpmndi:BPMNShape>"#,
                t + 1
            )
            .unwrap();
        }
        s.push_str("</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>");
        s
    }
}

/// A draw.io page: a pool of `lanes` lanes and `shapes` boxes, each joined
/// to the next by an edge.
pub struct Drawio {
    pub lanes: usize,
    pub lane_name: String,
    pub shapes: usize,
    pub label: String,
    pub first_x: f64,
}

impl Default for Drawio {
    fn default() -> Drawio {
        Drawio {
            lanes: 2,
            lane_name: "大区".to_owned(),
            shapes: 3,
            label: "审批".to_owned(),
            first_x: 40.0,
        }
    }
}

impl Drawio {
    pub fn xml(&self) -> String {
        let mut s = String::from(
            r#"<mxfile><diagram id="p1" name="页"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>"#,
        );
        for l in 0..self.lanes {
            write!(
                s,
                r#"<mxCell id="lane{l}" value="{}{l}" style="swimlane;horizontal=0;startSize=20;" vertex="1" parent="1"><mxGeometry x="0" y="{}" width="1000000" height="200" as="geometry"/></mxCell>"#,
                self.lane_name,
                l * 200
            )
            .unwrap();
        }
        for b in 0..self.shapes {
            let lane = b % self.lanes.max(1);
            let x = self.first_x + (b / self.lanes.max(1)) as f64 * 150.0;
            write!(
                s,
                r#"<mxCell id="box{b}" value="{}{b}" style="rounded=1;" vertex="1" parent="lane{lane}"><mxGeometry x="{x}" y="60" width="100" height="60" as="geometry"/></mxCell>"#,
                self.label
            )
            .unwrap();
        }
        for b in 1..self.shapes {
            write!(
                s,
                r#"<mxCell id="edge{b}" style="edgeStyle=orthogonalEdgeStyle;" edge="1" parent="1" source="box{}" target="box{b}"><mxGeometry relative="1" as="geometry"/></mxCell>"#,
                b - 1
            )
            .unwrap();
        }
        s.push_str("</root></mxGraphModel></diagram></mxfile>");
        s
    }
}

/// An XLSX with a proper table header and one more cell at `row`,
/// `column` (from 0).
pub fn workbook_with_a_far_cell(row: u32, column: u16) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, title) in ["编号", "主要步骤", "大区"].iter().enumerate() {
        sheet.write_string(0, c as u16, *title).unwrap();
    }
    sheet.write_number(1, 0, 1.0).unwrap();
    sheet.write_string(1, 1, "提交申请").unwrap();
    sheet.write_string(1, 2, "E").unwrap();
    sheet.write_string(row, column, "x").unwrap();
    book.save_to_buffer().unwrap()
}

/// A workbook whose shared strings inflate to 65 MiB of one repeated
/// string: a few hundred kilobytes packed.
pub fn shared_strings_bomb() -> Vec<u8> {
    let book = workbook_with_a_far_cell(2, 2);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().to_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).unwrap();
        out.start_file(name.clone(), options).unwrap();
        if name == "xl/sharedStrings.xml" {
            let text = String::from_utf8(bytes).unwrap();
            let (head, tail) = text.split_at(text.find("<si>").unwrap());
            out.write_all(head.as_bytes()).unwrap();
            let big = format!("<si><t>{}</t></si>", "审".repeat(1 << 20));
            for _ in 0..23 {
                out.write_all(big.as_bytes()).unwrap();
            }
            out.write_all(tail.as_bytes()).unwrap();
        } else {
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// A CSV table whose last row is `commas` commas.
pub fn csv_with_a_row_of_commas(commas: usize) -> String {
    let mut text = "编号,主要步骤,大区\n1,提交,E\n".to_owned();
    text.push_str(&",".repeat(commas));
    text.push('\n');
    text
}

/// A CSV table whose `rows` rows after the header are `commas` commas
/// each.
pub fn csv_of_comma_rows(rows: usize, commas: usize) -> String {
    let row = ",".repeat(commas) + "\n";
    "编号,主要步骤,大区\n".to_owned() + &row.repeat(rows)
}

/// A CSV table of `rows` steps whose 下一步 column names every row.
pub fn csv_fan_out(rows: usize) -> String {
    let all: Vec<String> = (1..=rows).map(|n| n.to_string()).collect();
    let all = all.join(",");
    let mut text = "编号,主要步骤,大区,下一步\n".to_owned();
    for n in 1..=rows {
        writeln!(text, "{n},步骤{n},E,\"{all}\"").unwrap();
    }
    text
}

/// A catalogue of `entries` processes numbered 9.0, 9.1, … in one
/// category, the first drawn in `first_file`.
pub fn catalogue_of(entries: usize, first_file: &str) -> flowcase::library::Catalogue {
    use flowcase::library::{Catalogue, Category, Entry};
    Catalogue {
        title: format!("{entries} 个流程"),
        categories: vec![Category {
            id: 1,
            name: "销售".into(),
        }],
        entries: (0..entries)
            .map(|i| Entry {
                number: format!("9.{i}"),
                name: format!("流程{i}"),
                category: 1,
                owner: String::new(),
                file: (i == 0).then(|| first_file.to_owned()),
            })
            .collect(),
        departments: Vec::new(),
        scheme: Default::default(),
    }
}

/// A process of `exits` exits, the n-th leading into process 9.(3n).
pub fn process_of_exits(exits: usize) -> flowcase::model::Process {
    let mut p = flowcase::model::synthetic_process(exits, 7);
    for (i, step) in p.steps.values_mut().enumerate() {
        step.kind = flowcase::model::StepKind::ProcessExit {
            number: format!("9.{}", i * 3),
            name: String::new(),
        };
    }
    p
}

/// A BPMN process of `subs` sub-processes in a row, each holding `tasks`
/// tasks in a row: a file that makes `subs` processes of its own.
pub fn bpmn_of_sub_processes(subs: usize, tasks: usize) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="P">"#,
    );
    for k in 0..subs {
        write!(s, r#"<subProcess id="Sub_{}" name="子流程{k}">"#, k + 1).unwrap();
        for t in 0..tasks {
            write!(s, r#"<task id="T{k}_{t}" name="任务{t}"/>"#).unwrap();
            if t > 0 {
                let from = t - 1;
                write!(
                    s,
                    r#"<sequenceFlow id="F{k}_{t}" sourceRef="T{k}_{from}" targetRef="T{k}_{t}"/>"#
                )
                .unwrap();
            }
        }
        s.push_str("</subProcess>");
        if k > 0 {
            write!(
                s,
                r#"<sequenceFlow id="S_{}" sourceRef="Sub_{k}" targetRef="Sub_{}"/>"#,
                k + 1,
                k + 1
            )
            .unwrap();
        }
    }
    s.push_str("</process></definitions>");
    s
}
