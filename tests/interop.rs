//! Charts in and out of other tools: BPMN 2.0 export and import, each
//! mapping rule by a fixture, and files however broken refused cleanly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::import::{ImportNote, Imported, process_from_bpmn};
use flowcase::interop::bpmn::process_bpmn;
use flowcase::model::*;
use std::collections::BTreeSet;

fn bpmn_of(process: &Process) -> String {
    process_bpmn(process, &number_steps(process))
}

fn import(text: &str) -> Imported {
    process_from_bpmn(text, "fixture").unwrap()
}

#[test]
fn a_process_exported_to_bpmn_and_imported_again_is_the_same_process() {
    let mut vertical = sample_1_9();
    vertical.orientation = Orientation::Vertical;
    let cases = [
        ("1.9", sample_1_9()),
        ("purchase", sample_purchase()),
        ("1.9 vertical", vertical),
        ("W-200", synthetic_process(200, 7)),
    ];
    for (name, process) in cases {
        let back = import(&bpmn_of(&process));
        assert!(back.notes.is_empty(), "{name}: {:?}", back.notes);
        assert!(!back.needs_layout, "{name}");
        let back = back.process;
        assert_eq!(back.overview, process.overview, "{name}");
        assert_eq!(back.lanes, process.lanes, "{name}");
        assert_eq!(back.phases, process.phases, "{name}");
        for (id, step) in &process.steps {
            assert_eq!(back.steps.get(id), Some(step), "{name}: step {id:?}");
        }
        assert_eq!(back.steps.len(), process.steps.len(), "{name}");
        assert_eq!(back.connectors, process.connectors, "{name}");
        assert_eq!(back, process, "{name}");
    }
}

/// The exported 1.9 chart opened in bpmn-js (headless Chromium, set up by
/// scripts/test.sh): no import warnings, and every lane lists and draws
/// exactly the steps that are in it.
#[test]
fn bpmn_js_opens_the_exported_1_9_chart_with_its_steps_in_their_lanes() {
    let process = sample_1_9();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("1.9.bpmn");
    std::fs::write(&file, bpmn_of(&process)).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/bpmn-js/check.mjs");
    let run = std::process::Command::new("node")
        .arg(script)
        .arg(&file)
        .output()
        .expect("node runs (scripts/test.sh installs it, with Chromium and bpmn-js)");
    assert!(
        run.status.success(),
        "bpmn-js check failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["error"], serde_json::Value::Null, "{report}");
    assert_eq!(report["warnings"], serde_json::json!([]), "{report}");
    assert_eq!(report["shapes"], process.steps.len());
    assert_eq!(report["edges"], process.connectors.len());
    let lanes = report["lanes"].as_array().unwrap();
    assert_eq!(lanes.len(), process.lanes.len());
    for (lane, shown) in process.lanes.iter().zip(lanes) {
        assert_eq!(shown["name"], lane.name.as_str());
        let mut want: Vec<&str> = process
            .steps
            .values()
            .filter(|s| s.lane == lane.id)
            .map(|s| s.title.as_str())
            .collect();
        want.sort_unstable();
        for key in ["listed", "drawn"] {
            let mut got: Vec<&str> = shown[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            got.sort_unstable();
            assert_eq!(got, want, "{}: {key}", lane.name);
        }
    }
}

fn fixture(name: &str) -> Imported {
    page(name, 1)
}

/// The label of the connector from the step titled `from` to the one
/// titled `to`: `None` when there is no such connector.
fn label(p: &Process, from: &str, to: &str) -> Option<Option<String>> {
    let (f, t) = (step(p, from).id, step(p, to).id);
    p.connectors
        .values()
        .find(|c| c.from == f && c.to == t)
        .map(|c| c.label.clone())
}

fn step<'a>(p: &'a Process, title: &str) -> &'a Step {
    p.steps
        .values()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no step “{title}”"))
}

fn lane_name(p: &Process, s: &Step) -> String {
    p.lane(s.lane).unwrap().name.clone()
}

#[test]
fn nested_lanes_become_parent_slash_child_and_every_kind_of_element_finds_its_step() {
    let imported = fixture("nested-lanes-every-kind.bpmn");
    let p = &imported.process;
    let names: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["销售部 / 华东", "销售部 / 华南", "财务部"]);
    assert_eq!(p.overview.name, "经销商采购");
    let kind = |t: &str| step(p, t).kind.clone();
    assert_eq!(kind("收到订单"), StepKind::Start);
    assert_eq!(kind("完成"), StepKind::End);
    assert_eq!(kind("提交采购申请"), StepKind::Process, "a user task");
    assert_eq!(kind("系统校验额度"), StepKind::Process, "a service task");
    assert_eq!(kind("额度足够?"), StepKind::Decision);
    assert_eq!(
        kind("timer (catch)"),
        StepKind::Process,
        "an unnamed event by its kind"
    );
    assert_eq!(
        kind("进入发票流程"),
        StepKind::ProcessExit {
            number: "2.3".into(),
            name: "进入发票流程".into()
        }
    );
    assert!(
        matches!(kind("归档"), StepKind::ProcessExit { .. }),
        "a collapsed sub-process"
    );
    assert_eq!(kind("采购申请单"), StepKind::Document);
    assert_eq!(kind("金额超过十万需总经理审批"), StepKind::Note);
    // Membership from flowNodeRef; the document and note by where they are drawn.
    assert_eq!(lane_name(p, step(p, "提交采购申请")), "销售部 / 华东");
    assert_eq!(lane_name(p, step(p, "额度足够?")), "销售部 / 华南");
    assert_eq!(lane_name(p, step(p, "付款")), "财务部");
    assert_eq!(lane_name(p, step(p, "采购申请单")), "销售部 / 华南");
    assert_eq!(
        lane_name(p, step(p, "金额超过十万需总经理审批")),
        "销售部 / 华东"
    );
    // Every work step executes in its lane.
    let pay = step(p, "付款");
    assert_eq!(role_cell(&pay.roles, pay.lane), RoleSet::of(&[Role::E]));
    // Flows with their names, and the note's association.
    assert_eq!(label(p, "额度足够?", "付款"), Some(Some("是".into())));
    assert_eq!(label(p, "额度足够?", "完成"), Some(Some("否".into())));
    assert_eq!(label(p, "金额超过十万需总经理审批", "付款"), Some(None));
    assert_eq!(p.connectors.len(), 10);
    // Positions from DI: left to right as drawn.
    let along = |t: &str| p.absolute_along(step(p, t));
    assert!(along("收到订单") < along("提交采购申请"));
    assert!(along("付款") < along("进入发票流程") && along("进入发票流程") < along("归档"));
    assert!(!imported.needs_layout);
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
}

#[test]
fn a_file_without_prefixes_lanes_or_diagram_imports_into_one_lane_laid_out_by_tidy() {
    // Default namespace, a byte order mark, attributes in any order and
    // names with spaces around them.
    let imported = fixture("no-prefix-no-lanes-no-di.bpmn");
    let p = &imported.process;
    assert_eq!(p.lanes.len(), 1);
    assert_eq!(p.lanes[0].name, "售后回访");
    assert_eq!(
        imported.notes,
        [ImportNote::OneLane {
            name: "售后回访".into()
        }]
    );
    assert!(imported.needs_layout);
    let titles: Vec<&str> = p.steps.values().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["开始", "电话回访客户", "记录满意度", ""]);
    let c = p.connectors.values().find(|c| c.label.is_some()).unwrap();
    assert_eq!(c.label.as_deref(), Some("已接通"));
    // Tidy placed them one after another along the lane.
    let along: Vec<f32> = p.steps.values().map(|s| p.absolute_along(s)).collect();
    assert!(along.windows(2).all(|w| w[0] < w[1]), "{along:?}");
}

#[test]
fn pools_become_lanes_message_flows_connect_them_and_a_flow_into_a_black_box_pool_is_reported() {
    let imported = fixture("pools-and-message-flows.bpmn");
    let p = &imported.process;
    let names: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        ["销售顾问", "主机厂"],
        "a pool without lanes is one lane"
    );
    let (order, receive) = (step(p, "下订单"), step(p, "接收订单"));
    assert_eq!(lane_name(p, receive), "主机厂");
    let flow = p.connectors.values().next().unwrap();
    assert_eq!((flow.from, flow.to), (order.id, receive.id));
    assert_eq!(flow.label.as_deref(), Some("提交订单"));
    assert_eq!(p.connectors.len(), 1);
    assert!(imported.notes.contains(&ImportNote::FlowNotKept {
        id: "M2".into(),
        to_pool: true
    }));
    assert!(imported.notes.contains(&ImportNote::OneLane {
        name: "主机厂".into()
    }));
}

#[test]
fn what_flowcase_cannot_show_is_listed_in_the_report() {
    let imported = fixture("not-kept.bpmn");
    let p = &imported.process;
    let notes = &imported.notes;
    assert!(notes.contains(&ImportNote::BoundaryEvent {
        name: "超时".into()
    }));
    assert!(notes.contains(&ImportNote::FlowNotKept {
        id: "F2".into(),
        to_pool: false
    }));
    assert!(notes.contains(&ImportNote::SubProcessApart {
        name: "维修".into(),
        steps: 2
    }));
    assert!(notes.contains(&ImportNote::NotKept {
        kind: "group".into(),
        name: "G1".into()
    }));
    assert!(notes.contains(&ImportNote::Colours { count: 1 }));
    assert_eq!(notes.len(), 5, "{notes:?}");
    assert!(matches!(step(p, "维修").kind, StepKind::ProcessExit { .. }));
    assert_eq!(p.steps.len(), 3, "the inside is a process of its own");
    let inside = &imported.sub_processes[0].imported.process;
    let titles: BTreeSet<&str> = inside.steps.values().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, BTreeSet::from(["拆检", "换件"]));
    // The report reads in both languages.
    for note in notes {
        assert!(!note.message(flowcase::lang::Lang::Zh).is_empty());
        assert!(!note.message(flowcase::lang::Lang::En).contains('{'));
    }
}

#[test]
fn a_vertical_pool_gives_a_vertical_chart_and_lanes_without_lists_take_the_steps_drawn_in_them() {
    let imported = fixture("vertical-lanes-by-geometry.bpmn");
    let p = &imported.process;
    assert_eq!(p.orientation, Orientation::Vertical);
    assert_eq!(lane_name(p, step(p, "下发交付标准")), "大区");
    assert_eq!(lane_name(p, step(p, "执行交付")), "经销商");
    assert!(p.absolute_along(step(p, "下发交付标准")) < p.absolute_along(step(p, "执行交付")));
}

#[test]
fn malformed_xml_is_refused_with_its_line_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.bpmn");
    std::fs::write(&bad, "<?xml version=\"1.0\"?>\n<definitions>\n  <process id=\"p\">\n  </proces>\n</definitions>\n").unwrap();
    let out = dir.path().join("out.ron");
    let run = flowcase(&[
        "import",
        bad.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("line 4"), "{stderr}");
    assert!(stderr.contains("bad.bpmn"), "{stderr}");
    assert!(!out.exists());
    let not_bpmn = dir.path().join("page.xml");
    std::fs::write(&not_bpmn, "<html><body/></html>").unwrap();
    let run = flowcase(&[
        "import",
        not_bpmn.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(!out.exists());
}

#[test]
fn every_truncation_of_a_bpmn_file_is_refused_or_imported_never_a_panic() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/interop/nested-lanes-every-kind.bpmn",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let cuts: Vec<usize> = (0..text.len())
        .filter(|i| text.is_char_boundary(*i))
        .step_by(7)
        .collect();
    let mut refused = 0;
    for cut in cuts {
        match process_from_bpmn(&text[..cut], "cut") {
            Ok(imported) => assert!(validate(&imported.process).is_ok()),
            Err(_) => refused += 1,
        }
    }
    assert!(refused > 0);
}

#[test]
fn lanes_nested_thousands_deep_are_read_without_exhausting_the_stack() {
    let depth = 5_000;
    let mut xml = String::from(
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\"><laneSet>",
    );
    for i in 0..depth {
        xml.push_str(&format!("<lane id=\"l{i}\" name=\"{i}\"><childLaneSet>"));
    }
    xml.push_str("<lane id=\"leaf\" name=\"leaf\"/>");
    for _ in 0..depth {
        xml.push_str("</childLaneSet></lane>");
    }
    xml.push_str("</laneSet><task id=\"t\" name=\"任务\"/></process></definitions>");
    let imported = process_from_bpmn(&xml, "deep").unwrap();
    assert_eq!(imported.process.lanes.len(), 1);
}

fn page(name: &str, page: usize) -> Imported {
    let path = format!(
        "{}/tests/fixtures/interop/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    flowcase::import::import_chart(std::path::Path::new(&path), page).unwrap()
}

#[test]
fn a_draw_io_pool_with_lanes_becomes_lanes_and_its_shapes_steps_by_shape() {
    let imported = page("pool-with-lanes.drawio", 1);
    let p = &imported.process;
    let names: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["销售顾问", "展厅经理"], "an HTML lane name as text");
    assert_eq!(p.orientation, Orientation::Horizontal);
    assert_eq!(p.overview.name, "试驾流程", "named after the page");
    let kind = |t: &str| step(p, t).kind.clone();
    assert_eq!(
        kind("客户到店"),
        StepKind::Start,
        "an ellipse nothing leads into"
    );
    assert_eq!(kind("结束"), StepKind::End, "an ellipse arrows lead into");
    assert_eq!(kind("有驾照?"), StepKind::Decision);
    assert_eq!(
        kind("登记试驾信息"),
        StepKind::Process,
        "<br> between Chinese joins without a space"
    );
    assert_eq!(
        kind("安排试驾 车辆"),
        StepKind::Process,
        "&nbsp; as a space"
    );
    assert_eq!(kind("试驾协议"), StepKind::Document);
    assert_eq!(kind("须核验身份证"), StepKind::Note);
    assert_eq!(lane_name(p, step(p, "安排试驾 车辆")), "展厅经理");
    assert_eq!(lane_name(p, step(p, "有驾照?")), "销售顾问");
    assert_eq!(
        label(p, "有驾照?", "安排试驾 车辆"),
        Some(Some("是".into()))
    );
    assert_eq!(
        label(p, "有驾照?", "结束"),
        Some(Some("否".into())),
        "a label cell on the edge"
    );
    assert_eq!(label(p, "客户到店", "登记试驾信息"), Some(None));
    assert_eq!(p.connectors.len(), 5);
    assert_eq!(
        imported.notes,
        [ImportNote::LooseEdge {
            label: "无处可去".into()
        }]
    );
    assert!(p.absolute_along(step(p, "客户到店")) < p.absolute_along(step(p, "有驾照?")));
}

#[test]
fn a_compressed_page_is_chosen_by_number_and_free_standing_columns_are_vertical_lanes() {
    let imported = page("compressed-two-pages.drawio", 2);
    let p = &imported.process;
    assert_eq!(p.overview.name, "促销执行");
    assert_eq!(p.orientation, Orientation::Vertical);
    let names: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["主机厂", "经销商"]);
    assert_eq!(
        lane_name(p, step(p, "发布促销政策")),
        "主机厂",
        "a UserObject's label"
    );
    assert_eq!(lane_name(p, step(p, "执行促销")), "经销商");
    assert_eq!(
        p.connectors.values().next().unwrap().label.as_deref(),
        Some("下发")
    );
    assert!(p.absolute_along(step(p, "发布促销政策")) < p.absolute_along(step(p, "执行促销")));
    // The first page is the default; a page past the last is refused.
    let first = page("compressed-two-pages.drawio", 1);
    assert_eq!(first.process.steps.len(), 1);
    let path = format!(
        "{}/tests/fixtures/interop/compressed-two-pages.drawio",
        env!("CARGO_MANIFEST_DIR")
    );
    let third = flowcase::import::import_chart(std::path::Path::new(&path), 3);
    assert!(third.unwrap_err().to_string().contains("no page 3"));
}

#[test]
fn a_diagram_without_swimlanes_imports_into_one_lane_with_a_report_line() {
    let imported = page("no-lanes.xml", 1);
    let p = &imported.process;
    assert_eq!(p.lanes.len(), 1);
    assert_eq!(
        imported.notes,
        [ImportNote::OneLane {
            name: "no-lanes".into()
        }]
    );
    assert_eq!(p.steps.len(), 2);
    assert_eq!(p.connectors.len(), 1);
}

#[test]
fn a_uml_class_or_table_styled_as_a_swimlane_is_not_a_lane() {
    let imported = page("uml-class-and-table.drawio", 1);
    let p = &imported.process;
    let names: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["信息部"]);
    let titles: BTreeSet<&str> = p.steps.values().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        BTreeSet::from(["维护客户档案", "客户", "车型表"]),
        "the class's rows are not steps"
    );
    assert!(imported.notes.contains(&ImportNote::NotALane {
        name: "客户".into()
    }));
    assert!(imported.notes.contains(&ImportNote::NotALane {
        name: "车型表".into()
    }));
}

#[test]
fn every_truncation_of_a_draw_io_file_is_refused_or_imported_never_a_panic() {
    for name in ["pool-with-lanes.drawio", "compressed-two-pages.drawio"] {
        let text = std::fs::read_to_string(format!(
            "{}/tests/fixtures/interop/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let cuts: Vec<usize> = (0..text.len())
            .filter(|i| text.is_char_boundary(*i))
            .step_by(5)
            .collect();
        for cut in cuts {
            for page_number in [1, 2] {
                if let Ok(imported) =
                    flowcase::import::process_from_drawio(&text[..cut], page_number, "cut")
                {
                    assert!(validate(&imported.process).is_ok(), "{name} cut at {cut}");
                }
            }
        }
    }
}

#[test]
fn characters_xml_cannot_hold_are_replaced_in_bpmn_and_line_breaks_survive_the_round_trip() {
    let mut p = sample_purchase();
    let id = *p.steps.keys().next().unwrap();
    let step = p.steps.get_mut(&id).unwrap();
    step.title = "审批\u{FFFE}申请<单>&\"\u{1}".into();
    step.description = "第一行\n第二行\t制表".into();
    let text = bpmn_of(&p);
    assert!(roxmltree::Document::parse(&text).is_ok());
    let back = import(&text).process;
    // (A name's surrounding spaces are dropped, as from every modeller.)
    assert_eq!(back.steps[&id].title, "审批\u{FFFD}申请<单>&\"");
    assert_eq!(back.steps[&id].description, "第一行\n第二行\t制表");
}

#[test]
fn ids_numbered_out_of_order_still_connect_the_right_steps() {
    let xml = r#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
      <process id="p">
        <task id="Task_3" name="后做" />
        <task id="Task_1" name="先做" />
        <sequenceFlow id="Flow_9" sourceRef="Task_1" targetRef="Task_3" />
      </process></definitions>"#;
    let p = import(xml).process;
    let c = p.connectors.values().next().unwrap();
    assert_eq!(p.steps[&c.from].title, "先做");
    assert_eq!(p.steps[&c.to].title, "后做");
}

#[test]
fn a_collapsed_sub_process_drawn_on_its_own_plane_imports_as_a_second_process_its_exit_leads_to() {
    let mut imported = fixture("collapsed-sub-process.bpmn");
    let main = &imported.process;
    let exit = step(main, "索赔审核");
    assert!(matches!(exit.kind, StepKind::ProcessExit { .. }));
    assert_eq!(lane_name(main, exit), "售后部");
    assert_eq!(main.steps.len(), 4, "start, task, the exit and the end");
    assert!(
        imported.notes.contains(&ImportNote::SubProcessApart {
            name: "索赔审核".into(),
            steps: 6
        }),
        "{:?}",
        imported.notes
    );

    assert!(
        imported.sub_processes[0].imported.needs_layout,
        "the sub-process's own shape is no lane: its insides are laid out"
    );
    let parts = imported.take_sub_processes("1.20");
    assert_eq!(parts.len(), 1);
    let inside = &parts[0].process;
    assert_eq!(inside.overview.name, "索赔审核");
    assert_eq!(inside.overview.number, "1.20.1");
    let exit = step(&imported.process, "索赔审核");
    assert_eq!(
        exit.kind,
        StepKind::ProcessExit {
            number: "1.20.1".into(),
            name: "索赔审核".into()
        },
        "the exit leads to the process made of the insides"
    );
    // The insides, whole: every kind, every flow, the gateway's labels, in
    // the lane of the department that performs the sub-process.
    assert_eq!(inside.lanes.len(), 1);
    assert_eq!(inside.lanes[0].name, "售后部");
    assert_eq!(step(inside, "开始审核").kind, StepKind::Start);
    assert_eq!(step(inside, "符合条款?").kind, StepKind::Decision);
    assert_eq!(step(inside, "审核结束").kind, StepKind::End);
    assert_eq!(inside.connectors.len(), 6);
    assert_eq!(
        label(inside, "符合条款?", "批准索赔"),
        Some(Some("是".into()))
    );
    assert_eq!(
        label(inside, "符合条款?", "驳回索赔"),
        Some(Some("否".into()))
    );
    assert!(validate(inside).is_ok());
}

#[test]
fn sub_processes_nested_past_any_chart_keep_their_deepest_insides_out_and_say_so() {
    // Forty sub-processes, each inside the one before.
    let mut body = String::from(r#"<task id="Deepest" name="最深的任务"/>"#);
    for depth in (1..=40).rev() {
        body = format!(r#"<subProcess id="S{depth}" name="第{depth}层">{body}</subProcess>"#);
    }
    let text = format!(
        r#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="P">{body}</process></definitions>"#
    );
    let mut imported = import(&text);
    let parts = imported.take_sub_processes("");
    assert_eq!(parts.len(), 8, "eight levels become processes");
    assert_eq!(parts[7].process.overview.number, "1.1.1.1.1.1.1.1");
    assert!(
        parts[7]
            .notes
            .iter()
            .any(|n| matches!(n, ImportNote::SubProcessInside { name, .. } if name == "第9层")),
        "{:?}",
        parts[7].notes
    );
}

mod from_the_command_line {
    use super::*;

    fn fixture_path() -> String {
        repo_path("tests/fixtures/interop/collapsed-sub-process.bpmn")
            .display()
            .to_string()
    }

    #[test]
    fn a_sub_process_is_written_beside_the_main_file_and_its_exit_leads_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("索赔处理.ron");
        let o = flowcase_ok(&["import", &fixture_path(), "-o", main.to_str().unwrap()]);
        let said = String::from_utf8_lossy(&o.stdout).into_owned();
        let inside_path = dir.path().join("索赔处理 - 索赔审核.ron");
        assert!(
            said.contains(&inside_path.display().to_string()),
            "the report says where the insides went: {said}"
        );
        let main_process = flowcase::format::load(&main).unwrap();
        let inside = flowcase::format::load(&inside_path).unwrap();
        let StepKind::ProcessExit { number, .. } = &step(&main_process, "索赔审核").kind else {
            panic!("the sub-process is an exit");
        };
        assert_eq!(number, &inside.overview.number);
        assert_eq!(inside.steps.len(), 6);
        let along = |title: &str| step(&inside, title).at.along;
        assert!(
            along("开始审核") < along("核对保修条款")
                && along("核对保修条款") < along("符合条款?")
                && along("符合条款?") < along("审核结束"),
            "laid out along the flow"
        );

        // Imported again: the same two files (each with its backup), no third.
        flowcase_ok(&["import", &fixture_path(), "-o", main.to_str().unwrap()]);
        let processes = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension() == Some("ron".as_ref()))
            .count();
        assert_eq!(processes, 2);
    }

    #[test]
    fn a_file_of_the_same_name_that_is_not_the_sub_process_is_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("索赔处理.ron");
        let theirs = dir.path().join("索赔处理 - 索赔审核.ron");
        std::fs::write(&theirs, "someone else's notes").unwrap();
        flowcase_ok(&["import", &fixture_path(), "-o", main.to_str().unwrap()]);
        assert_eq!(std::fs::read(&theirs).unwrap(), b"someone else's notes");
        let beside = dir.path().join("索赔处理 - 索赔审核 (2).ron");
        assert_eq!(flowcase::format::load(&beside).unwrap().steps.len(), 6);
    }

    #[test]
    fn into_a_library_the_sub_process_is_numbered_after_the_main_file_and_listed() {
        let (_dir, root) = library_copy();
        let main = root.join("销售1.20 索赔处理.ron");
        flowcase_ok(&["import", &fixture_path(), "-o", main.to_str().unwrap()]);
        let inside_path = root.join("销售1.20.1 索赔审核.ron");
        let inside = flowcase::format::load(&inside_path).unwrap();
        assert_eq!(inside.overview.number, "销售1.20.1");
        let library = flowcase::library::Library::open(&root).unwrap();
        let entry = library.catalogue.entry_by_number("1.20.1").unwrap();
        assert_eq!(entry.name, "索赔审核");
        assert_eq!(entry.file.as_deref(), Some("销售1.20.1 索赔审核.ron"));
        assert!(matches!(
            library.states[library
                .catalogue
                .entries
                .iter()
                .position(|e| e == entry)
                .unwrap()],
            flowcase::library::EntryState::Drawn(_)
        ));
        // The library's own check finds the exit's target.
        let main_process = flowcase::format::load(&main).unwrap();
        let StepKind::ProcessExit { number, .. } = &step(&main_process, "索赔审核").kind else {
            panic!("the sub-process is an exit");
        };
        assert_eq!(
            flowcase::library::number_key(number),
            "1.20.1",
            "the exit names the listed number"
        );
    }
}
