//! The editor as a user drives it (egui_kittest, headless): pointer and
//! keyboard go into the real editor UI; the assertions read the model and
//! what the AECI table shows.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::driver::*;
use common::*;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use flowcase::layout::Point;
use flowcase::model::*;
use flowcase::ui::Editor;

fn table_row_by_title(ed: &mut Editor, title: &str) -> Option<(Vec<String>, Vec<String>)> {
    let table = ed.doc.refresh().analysis.table.clone();
    let row = table.rows.iter().find(|r| r.title == title)?;
    Some((
        table.lanes.iter().map(|l| l.name.clone()).collect(),
        row.cells.iter().map(|c| c.to_string()).collect(),
    ))
}

#[test]
fn double_click_in_lane_daqu_creates_a_step_there_with_e_and_a_table_row() {
    let mut p = sample_1_9();
    // Room on the right of every lane.
    for phase in &mut p.phases {
        phase.size += 200.0;
    }
    let mut h = harness(p);
    let daqu = lane_named(h.state().doc.process(), "大区");
    let layout = layout_of(&mut h);
    let spot = screen(&h, free_spot(&layout, daqu));
    click_at(&mut h, spot, 2);
    type_text(&mut h, "区域复核");

    h.key_press(Key::Enter);
    h.run_steps(3);

    let ed = h.state_mut();
    let step = ed
        .doc
        .process()
        .steps
        .values()
        .find(|s| s.title == "区域复核")
        .cloned()
        .expect("a step titled 区域复核");
    assert_eq!(step.lane, daqu);
    assert_eq!(role_cell(&step.roles, daqu).to_string(), "E");
    let (lanes, cells) = table_row_by_title(ed, "区域复核").expect("a table row for it");
    assert_eq!(cells[lanes.iter().position(|l| l == "大区").unwrap()], "E");
    // Creating and naming the step is one undo step.
    assert_eq!(ed.doc.history().undo_len(), 1);
    // The table on screen shows the new row.
    h.run_steps(2);
    assert!(
        h.query_by_label("区域复核").is_some(),
        "the table shows the new title"
    );
}

/// A small chart to edit: 大区 and 经销商 lanes and two steps.
fn two_steps() -> Process {
    let mut p = lanes(&["特殊商务分部", "大区", "经销商"]);
    let daqu = p.lanes[1].id;
    let dealer = p.lanes[2].id;
    put_step(&mut p, StepKind::Process, "收集信息", daqu, 120.0);
    put_step(&mut p, StepKind::Process, "制定计划", dealer, 420.0);
    p
}

#[test]
fn dragging_a_step_into_lane_dealer_moves_its_lane_its_e_and_the_table() {
    let mut h = harness(two_steps());
    let p = process(&h);
    let (daqu, dealer) = (lane_named(&p, "大区"), lane_named(&p, "经销商"));
    let step = step_titled(&p, "收集信息");
    let from = center_of(&mut h, step);
    let layout = layout_of(&mut h);
    let dealer_band = layout.lanes.iter().find(|b| b.id == dealer).unwrap().rect;
    let to = screen(
        &h,
        Point::new(layout.boxes[&step].center().x, dealer_band.center().y),
    );
    drag(&mut h, from, to);

    let moved = process(&h).steps[&step].clone();
    assert_eq!(moved.lane, dealer);
    assert_eq!(role_cell(&moved.roles, dealer).to_string(), "E");
    assert_eq!(role_cell(&moved.roles, daqu).to_string(), "");
    let (lanes, cells) = table_row_by_title(h.state_mut(), "收集信息").unwrap();
    assert_eq!(
        cells[lanes.iter().position(|l| l == "经销商").unwrap()],
        "E"
    );
    assert_eq!(cells[lanes.iter().position(|l| l == "大区").unwrap()], "");
    // The whole drag is one undo step.
    assert_eq!(h.state().doc.history().undo_len(), 1);
    h.run_steps(2);
    let n = number_steps(h.state().doc.process()).of(step).unwrap();
    assert!(
        h.query_by_label(&format!("{n} · 经销商: E")).is_some(),
        "the table cell on screen reads E"
    );
    assert!(
        h.query_by_label(&format!("{n} · 大区: ")).is_some(),
        "and 大区 is empty"
    );
}

#[test]
fn dragging_from_a_handle_connects_two_steps_and_numbering_follows() {
    let mut p = two_steps();
    // Put the second step first along the flow: numbers go by position.
    let plan = step_titled(&p, "制定计划");
    let collect = step_titled(&p, "收集信息");
    p.steps.get_mut(&plan).unwrap().at.along = 60.0;
    p.steps.get_mut(&collect).unwrap().at.along = 420.0;
    let mut h = harness(p);
    let before = number_steps(h.state().doc.process());
    assert_eq!((before.of(plan), before.of(collect)), (Some(1), Some(2)));

    // Select 收集信息, then drag from its right handle onto 制定计划.
    let c = center_of(&mut h, collect);
    click_at(&mut h, c, 1);
    let r = layout_of(&mut h).boxes[&collect];
    let handle = screen(&h, Point::new(r.max.x, r.center().y));
    let target = center_of(&mut h, plan);
    drag(&mut h, handle, target);

    let p = process(&h);
    let c = p.connectors.values().next().expect("a connector was made");
    assert_eq!((c.from, c.to), (collect, plan));
    let after = number_steps(&p);
    assert_eq!(
        (after.of(collect), after.of(plan)),
        (Some(1), Some(2)),
        "the flow now decides"
    );
}

#[test]
fn toggling_a_in_the_inspector_and_typing_a_e_in_the_table_agree() {
    let mut h = harness(two_steps());
    let p = process(&h);
    let owner = lane_named(&p, "特殊商务分部");
    let step = step_titled(&p, "收集信息");
    let c = center_of(&mut h, step);
    click_at(&mut h, c, 1);
    h.get_by_label("特殊商务分部: A").click();
    h.run_steps(3);
    assert_eq!(
        role_cell(&process(&h).steps[&step].roles, owner).to_string(),
        "A"
    );
    let n = number_steps(h.state().doc.process()).of(step).unwrap();
    assert!(
        h.query_by_label(&format!("{n} · 特殊商务分部: A"))
            .is_some(),
        "the table cell reads A"
    );

    // Click the table cell and type A,E.
    h.get_by_label(&format!("{n} · 特殊商务分部: A")).click();
    h.run_steps(3);
    type_text(&mut h, "A,E");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        role_cell(&process(&h).steps[&step].roles, owner).to_string(),
        "A,E"
    );
    let a = h.get_by_label("特殊商务分部: A");
    let e = h.get_by_label("特殊商务分部: E");
    assert_eq!(
        a.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    assert_eq!(
        e.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}

#[test]
fn zoom_and_pan_change_the_view_not_the_model() {
    let mut h = harness(sample_1_9());
    let before = process(&h);
    let revision = h.state().doc.revision();
    let camera = h.state().camera;
    let c = h.state().canvas.rect.unwrap().center();
    h.hover_at(c);
    h.event(Event::Zoom(1.5));
    h.run_steps(2);
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-40.0, -25.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run_steps(4);
    let after = h.state().camera;
    assert!(
        (after.zoom - camera.zoom * 1.5).abs() < 0.01,
        "zoomed: {} -> {}",
        camera.zoom,
        after.zoom
    );
    assert_ne!(after.offset, camera.offset);
    assert_eq!(process(&h), before);
    assert_eq!(h.state().doc.revision(), revision);
    assert!(!h.state().doc.is_modified());
}

fn table_columns(h: &mut Harness<Editor>) -> Vec<String> {
    h.state_mut()
        .doc
        .refresh()
        .analysis
        .table
        .lanes
        .iter()
        .map(|l| l.name.clone())
        .collect()
}

fn add_lane_after(h: &mut Harness<Editor>, name: &str) {
    let header = lane_header(h, name);
    secondary_click_at(h, header);
    h.get_by_label("在后面添加泳道").click();
    h.run_steps(3);
}

fn rename_lane(h: &mut Harness<Editor>, from: &str, to: &str) {
    let header = lane_header(h, from);
    click_at(h, header, 2);

    type_text(h, to);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

#[test]
fn lanes_are_added_renamed_reordered_and_deleted_and_the_table_columns_follow() {
    let mut h = harness(two_steps());
    assert_eq!(table_columns(&mut h), ["特殊商务分部", "大区", "经销商"]);

    add_lane_after(&mut h, "大区");
    assert_eq!(
        table_columns(&mut h),
        ["特殊商务分部", "大区", "新泳道", "经销商"]
    );

    rename_lane(&mut h, "新泳道", "财务部");
    assert_eq!(
        table_columns(&mut h),
        ["特殊商务分部", "大区", "财务部", "经销商"]
    );
    h.run_steps(2);
    assert!(
        h.query_by_label("财务部").is_some(),
        "the table header shows the new name"
    );

    // Drag the 特殊商务分部 header down onto 经销商.
    let from = lane_header(&mut h, "特殊商务分部");
    let to = lane_header(&mut h, "经销商");
    drag(&mut h, from, to);
    assert_eq!(
        table_columns(&mut h),
        ["大区", "财务部", "经销商", "特殊商务分部"]
    );

    // Delete 大区, moving its step into the neighbour lane.
    let header = lane_header(&mut h, "大区");
    secondary_click_at(&mut h, header);
    h.get_by_label("删除泳道…").click();
    h.run_steps(2);
    h.get_by_label_contains("把步骤移到").click();
    h.run_steps(3);
    assert_eq!(table_columns(&mut h), ["财务部", "经销商", "特殊商务分部"]);
    let p = process(&h);
    let collect = &p.steps[&step_titled(&p, "收集信息")];
    assert_eq!(
        p.lane(collect.lane).unwrap().name,
        "财务部",
        "moved to the neighbour"
    );
    assert_eq!(
        role_cell(&collect.roles, collect.lane).to_string(),
        "E",
        "with its E"
    );
}

#[test]
fn a_warning_appears_when_a_step_loses_its_e_and_goes_when_it_is_back() {
    let mut h = harness(two_steps());
    let p = process(&h);
    let step = step_titled(&p, "收集信息");
    let c = center_of(&mut h, step);
    click_at(&mut h, c, 1);
    let has_warning = |h: &mut Harness<Editor>| {
        h.state_mut()
            .doc
            .refresh()
            .analysis
            .warnings
            .iter()
            .any(|w| w.rule() == RuleId::NoExecutor && w.subject == Subject::Step(step))
    };
    assert!(!has_warning(&mut h));
    h.get_by_label("大区: E").click();
    h.run_steps(3);
    assert!(has_warning(&mut h));
    assert!(
        h.query_by_label_contains("没有执行方(E)").is_some(),
        "the inspector shows the warning"
    );
    h.get_by_label("大区: E").click();
    h.run_steps(3);
    assert!(!has_warning(&mut h));
    assert!(h.query_by_label_contains("没有执行方(E)").is_none());
}

#[test]
fn a_whole_session_undoes_back_to_the_start_and_redoes_to_the_end() {
    let mut h = harness(two_steps());
    let mut states = vec![process(&h)];
    let record = |h: &Harness<Editor>, states: &mut Vec<Process>| {
        let now = process(h);
        assert_ne!(states.last(), Some(&now), "the action changed the document");
        states.push(now);
    };

    // 1. A new step in 大区, titled by typing.
    let daqu = lane_named(&states[0], "大区");
    let layout = layout_of(&mut h);
    let spot = screen(&h, free_spot(&layout, daqu));
    click_at(&mut h, spot, 2);
    type_text(&mut h, "区域复核");
    h.key_press(Key::Enter);
    h.run_steps(3);
    record(&h, &mut states);
    let new = step_titled(&states[1], "区域复核");

    // 2. Drag it into 经销商.
    let dealer = lane_named(&states[0], "经销商");
    let from = center_of(&mut h, new);
    let layout = layout_of(&mut h);
    let band = layout.lanes.iter().find(|b| b.id == dealer).unwrap().rect;
    let to = screen(
        &h,
        Point::new(layout.boxes[&new].center().x, band.center().y),
    );
    drag(&mut h, from, to);
    record(&h, &mut states);

    // 3. Give 特殊商务分部 an A in the inspector.
    h.get_by_label("特殊商务分部: A").click();
    h.run_steps(3);
    record(&h, &mut states);

    // 4. Connect 收集信息 to it.
    let collect = step_titled(&states[0], "收集信息");
    let c = center_of(&mut h, collect);
    click_at(&mut h, c, 1);
    let r = layout_of(&mut h).boxes[&collect];
    let handle = screen(&h, Point::new(r.max.x, r.center().y));
    let target = center_of(&mut h, new);
    drag(&mut h, handle, target);
    record(&h, &mut states);

    // 5–7. Add a lane, rename it, then move the first lane down.
    add_lane_after(&mut h, "大区");
    record(&h, &mut states);
    rename_lane(&mut h, "新泳道", "财务部");
    record(&h, &mut states);
    let from = lane_header(&mut h, "特殊商务分部");
    let to = lane_header(&mut h, "经销商");
    drag(&mut h, from, to);
    record(&h, &mut states);

    // Every action was one undo step: undo walks back through the states.
    for expected in states.iter().rev().skip(1) {
        undo(&mut h);
        assert_eq!(&process(&h), expected);
    }
    assert!(
        !h.state().doc.is_modified(),
        "back at the start is back at saved"
    );
    for expected in states.iter().skip(1) {
        redo(&mut h);
        assert_eq!(&process(&h), expected);
    }
}
