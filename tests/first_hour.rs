//! A newcomer's first hour, as the stories that went wrong when it was
//! tried: phases on a new process, Enter and Esc in the title box, the same
//! connection dragged twice, and numbers that stay put while sketching.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::driver::*;
use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flowcase::lang::Lang;
use flowcase::layout::Point;
use flowcase::model::*;
use flowcase::ui::Editor;
use flowcase::ui::canvas::InlineTarget;

/// A new process as File → New makes it, with one step drawn in it.
fn new_process_with_a_step() -> Process {
    let mut p = flowcase::ui::new_process(Lang::Zh);
    let lane = p.lanes[0].id;
    put_step(&mut p, StepKind::Process, "收集信息", lane, 150.0);
    p
}

/// The new process with 收集信息 → 制定计划 (in the second lane).
fn two_connected_steps() -> (Process, StepId, StepId) {
    let mut p = new_process_with_a_step();
    let collect = step_titled(&p, "收集信息");
    let lane = p.lanes[1].id;
    let plan = put_step(&mut p, StepKind::Process, "制定计划", lane, 420.0);
    put_connector(&mut p, collect, plan);
    (p, collect, plan)
}

fn rename_by_double_click(h: &mut Harness<Editor>, step: StepId) {
    let c = center_of(h, step);
    click_at(h, c, 2);
}

fn select_all_and_delete(h: &mut Harness<Editor>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.key_press(Key::Backspace);
    h.run_steps(1);
}

#[test]
fn a_new_process_gets_its_first_phase_from_the_lane_menu_and_its_steps_join_it() {
    let mut h = harness(new_process_with_a_step());
    assert!(process(&h).phases.is_empty(), "a new process has no phase");
    let header = lane_header(&mut h, "部门一");
    secondary_click_at(&mut h, header);
    h.get_by_label("添加阶段").click();
    h.run_steps(3);

    let p = process(&h);
    assert_eq!(p.phases.len(), 1, "the lane menu added a phase");
    let step = step_titled(&p, "收集信息");
    assert_eq!(
        p.steps[&step].phase,
        Some(p.phases[0].id),
        "the step is in it"
    );
    assert_eq!(h.state().doc.history().undo_len(), 1, "one undo step");

    // A second phase from the menu on empty space, after the first.
    let corner = h.state().canvas.rect.unwrap().max - egui::vec2(8.0, 8.0);
    secondary_click_at(&mut h, corner);
    h.get_by_label("添加阶段").click();
    h.run_steps(3);
    let p = process(&h);
    assert_eq!(p.phases.len(), 2, "empty space offers a phase too");
    assert_eq!(p.steps[&step].phase, Some(p.phases[0].id), "steps stay");

    // And the Edit menu, for who looks there first.
    h.get_by_label("编辑").click();
    h.run_steps(2);
    assert!(h.query_by_label("添加泳道").is_some());
    h.get_by_label("添加阶段").click();
    h.run_steps(3);
    assert_eq!(process(&h).phases.len(), 3);
}

#[test]
fn enter_on_a_freshly_created_step_keeps_the_title_it_shows() {
    let mut h = harness(new_process_with_a_step());
    let lane = process(&h).lanes[1].id;
    let layout = layout_of(&mut h);
    let spot = screen(&h, free_spot(&layout, lane));
    click_at(&mut h, spot, 2);
    let before = process(&h);
    let new = before
        .steps
        .values()
        .find(|s| s.lane == lane)
        .expect("a step was created")
        .clone();
    assert!(!new.title.is_empty());

    h.key_press(Key::Enter);
    h.run_steps(3);
    let p = process(&h);
    assert_eq!(p.steps[&new.id].title, new.title, "Enter keeps 步骤");
    assert!(
        h.state().canvas.inline.is_none(),
        "and closes the title box"
    );
    assert_eq!(h.state().doc.history().undo_len(), 1, "one undo step");
}

#[test]
fn an_emptied_title_is_refused_and_the_old_one_stays() {
    for kind in [StepKind::Start, StepKind::Process, StepKind::Decision] {
        let mut p = new_process_with_a_step();
        let lane = p.lanes[1].id;
        let id = put_step(&mut p, kind.clone(), "开始审批", lane, 400.0);
        let mut h = harness(p);
        rename_by_double_click(&mut h, id);
        select_all_and_delete(&mut h);
        h.key_press(Key::Enter);
        h.run_steps(3);
        let ed = h.state();
        assert_eq!(ed.doc.process().steps[&id].title, "开始审批", "{kind:?}");
        assert_eq!(ed.doc.history().undo_len(), 0, "no undo step ({kind:?})");
        assert!(ed.message.as_deref().unwrap_or("").contains("不能为空"));
    }
}

#[test]
fn esc_cancels_an_in_place_rename_with_no_undo_step() {
    let mut h = harness(new_process_with_a_step());
    let step = step_titled(&process(&h), "收集信息");
    rename_by_double_click(&mut h, step);
    type_text(&mut h, "区域复核");
    assert_eq!(
        process(&h).steps[&step].title,
        "区域复核",
        "typing shows live"
    );

    h.key_press(Key::Escape);
    h.run_steps(3);
    let ed = h.state();
    assert_eq!(
        ed.doc.process().steps[&step].title,
        "收集信息",
        "Esc brings it back"
    );
    assert_eq!(ed.doc.history().undo_len(), 0, "and leaves no undo step");
    assert!(!ed.doc.is_modified());
    assert!(ed.canvas.inline.is_none());
}

#[test]
fn esc_on_a_new_step_keeps_the_step_with_its_default_title() {
    let mut h = harness(new_process_with_a_step());
    let lane = process(&h).lanes[1].id;
    let layout = layout_of(&mut h);
    let spot = screen(&h, free_spot(&layout, lane));
    click_at(&mut h, spot, 2);
    let new = process(&h)
        .steps
        .values()
        .find(|s| s.lane == lane)
        .unwrap()
        .clone();
    type_text(&mut h, "区域");
    h.key_press(Key::Escape);
    h.run_steps(3);
    let p = process(&h);
    assert_eq!(p.steps[&new.id].title, new.title);
    assert_eq!(
        h.state().doc.history().undo_len(),
        1,
        "creating it is the step"
    );
}

#[test]
fn dragging_the_same_connection_twice_keeps_one_arrow_and_says_why() {
    let mut p = new_process_with_a_step();
    let collect = step_titled(&p, "收集信息");
    let lane = p.lanes[1].id;
    let plan = put_step(&mut p, StepKind::Process, "制定计划", lane, 420.0);
    let mut h = harness(p);
    for _ in 0..2 {
        let c = center_of(&mut h, collect);
        click_at(&mut h, c, 1);
        let r = layout_of(&mut h).boxes[&collect];
        let handle = screen(&h, Point::new(r.max.x, r.center().y));
        let target = center_of(&mut h, plan);
        drag(&mut h, handle, target);
    }
    let p = process(&h);
    assert_eq!(
        p.connectors.len(),
        1,
        "one arrow, not two on top of another"
    );
    assert_eq!(h.state().doc.history().undo_len(), 1);
    let message = h.state().message.clone().unwrap_or_default();
    assert!(
        message.contains("已有"),
        "the status bar says why: {message}"
    );
}

#[test]
fn a_box_put_down_left_of_the_flow_does_not_renumber_the_chart() {
    let (p, collect, plan) = two_connected_steps();
    let mut h = harness(p);
    let numbers = |h: &Harness<Editor>| number_steps(h.state().doc.process());
    assert_eq!(numbers(&h).of(collect), Some(1));

    // Double-click left of everything, in the third lane.
    let third = process(&h).lanes[2].id;
    let layout = layout_of(&mut h);
    let band = layout.lanes.iter().find(|b| b.id == third).unwrap().rect;
    let left = screen(
        &h,
        Point::new(layout.boxes[&collect].min.x - 40.0, band.center().y),
    );
    click_at(&mut h, left, 2);
    h.key_press(Key::Enter);
    h.run_steps(3);

    let p = process(&h);
    assert_eq!(p.steps.len(), 3, "a step was added");
    let loose = *p
        .steps
        .keys()
        .find(|id| **id != collect && **id != plan)
        .unwrap();
    let n = numbers(&h);
    assert_eq!(
        (n.of(collect), n.of(plan)),
        (Some(1), Some(2)),
        "the flow keeps 1 and 2"
    );
    assert_eq!(n.of(loose), Some(3), "the loose box comes after");
    let warnings = &h.state().doc.derived().analysis.warnings;
    assert!(
        warnings.iter().any(|w| w.rule() == RuleId::Disconnected),
        "and is still warned about"
    );
}

#[test]
fn pinning_a_number_is_one_click_in_the_inspector() {
    let (p, _, plan) = two_connected_steps();
    let mut h = harness(p);
    let c = center_of(&mut h, plan);
    click_at(&mut h, c, 1);
    h.get_by_label("固定编号").click();
    h.run_steps(3);
    assert_eq!(process(&h).steps[&plan].pinned_number, Some(2));
}

#[test]
fn zoomed_in_the_lane_and_phase_headers_stay_at_the_canvas_edges_and_answer_clicks() {
    let mut h = harness(sample_1_9());
    let layout = layout_of(&mut h);
    // Zoom in to 300 % on the middle of the chart: both header strips
    // would have scrolled out of view.
    {
        let ed = h.state_mut();
        ed.camera.fit_requested = false;
        ed.camera.zoom = 3.0;
        let middle = layout.content.center();
        ed.camera.offset = egui::vec2(-middle.x * 3.0 + 300.0, -middle.y * 3.0 + 200.0);
    }
    h.run_steps(2);
    let canvas = h.state().canvas.rect.unwrap();
    let origin = canvas.min + h.state().camera.offset;
    assert!(
        origin.x + layout.content.min.x * 3.0 < canvas.min.x,
        "the lane headers are scrolled away"
    );

    // Right next to the left edge, at the height of lane 大区: its header.
    let daqu = lane_named(h.state().doc.process(), "大区");
    let band = layout.lanes.iter().find(|b| b.id == daqu).unwrap().rect;
    let y = origin.y + band.center().y * 3.0;
    assert!(y > canvas.min.y && y < canvas.max.y, "大区 is in view");
    let steps = process(&h).steps.len();
    click_at(&mut h, egui::pos2(canvas.min.x + 5.0, y), 2);
    let inline = h.state().canvas.inline.as_ref().map(|i| i.target);
    assert_eq!(
        inline,
        Some(InlineTarget::LaneName(daqu)),
        "a double click on the pinned header renames the lane"
    );
    assert_eq!(process(&h).steps.len(), steps, "rather than adding a step");
    h.key_press(Key::Escape);
    h.run_steps(2);

    // Along the top edge, over the middle: a phase header.
    secondary_click_at(&mut h, egui::pos2(canvas.center().x, canvas.min.y + 5.0));
    assert!(
        h.query_by_label("重命名阶段").is_some(),
        "the pinned phase header answers"
    );
}

#[test]
fn a_step_double_clicked_just_beside_an_arrow_is_put_clear_of_it() {
    let mut p = new_process_with_a_step();
    let collect = step_titled(&p, "收集信息");
    let lane = p.lanes[0].id;
    let far = put_step(&mut p, StepKind::Process, "归档", lane, 900.0);
    put_connector(&mut p, collect, far);
    let mut h = harness(p);
    let layout = layout_of(&mut h);
    let route = layout.routes.values().next().unwrap().clone();
    // Midway along the arrow, a little above it: on the lane, not on the
    // arrow, but a box there would cover it.
    let (a, b) = (route[0], route[route.len() - 1]);
    let spot = Point::new((a.x + b.x) / 2.0, a.y - 16.0);
    let at = screen(&h, spot);
    click_at(&mut h, at, 2);
    h.key_press(Key::Enter);
    h.run_steps(3);

    let p = process(&h);
    assert_eq!(p.steps.len(), 3, "a step was added");
    let new = *p
        .steps
        .keys()
        .find(|id| **id != collect && **id != far)
        .unwrap();
    let layout = layout_of(&mut h);
    let r = layout.boxes[&new];
    for route in layout.routes.values() {
        assert!(
            !route.windows(2).any(|w| r.segment_enters(w[0], w[1])),
            "the new box {r:?} sits on an arrow {route:?}"
        );
    }
    let after = layout.routes.values().next().unwrap();
    assert_eq!(after, &route, "the arrow did not have to bend around it");
    assert_eq!(p.steps[&new].lane, lane, "and stays in the lane clicked");
}

#[test]
fn an_arrow_is_dragged_from_a_hovered_step_without_selecting_it_first() {
    let mut p = new_process_with_a_step();
    let collect = step_titled(&p, "收集信息");
    let lane = p.lanes[1].id;
    let plan = put_step(&mut p, StepKind::Process, "制定计划", lane, 420.0);
    let mut h = harness(p);
    assert!(h.state().selection.is_empty());
    let r = layout_of(&mut h).boxes[&collect];
    let handle = screen(&h, Point::new(r.max.x, r.center().y));
    let target = center_of(&mut h, plan);
    drag(&mut h, handle, target);
    let p = process(&h);
    let c = p.connectors.values().next().expect("a connector was made");
    assert_eq!((c.from, c.to), (collect, plan));
    assert_eq!(
        h.state().doc.history().undo_len(),
        1,
        "one edit: the arrow, no move"
    );
}

#[test]
fn one_ctrl_wheel_notch_zooms_by_a_small_step() {
    let mut h = harness(sample_1_9());
    let before = h.state().camera.zoom;
    let c = h.state().canvas.rect.unwrap().center();
    h.hover_at(c);
    h.run_steps(1);
    // A wheel notch as X11 reports it: about 80 points.
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 80.0),
        modifiers: Modifiers::COMMAND,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run_steps(30);
    let step = h.state().camera.zoom / before;
    assert!((1.1..=1.2).contains(&step), "one notch zoomed {step:.3}×");
}

#[test]
fn switching_lanes_to_vertical_fits_the_turned_chart_into_view() {
    let mut h = harness(sample_1_9());
    let before = h.state().camera;
    h.get_by_label("视图").click();
    h.run_steps(2);
    h.get_by_label("纵向泳道").click();
    h.run_steps(6);
    assert_eq!(process(&h).orientation, Orientation::Vertical);
    let ed = h.state();
    let layout = ed.doc.derived().layout.clone();
    let canvas = ed.canvas.rect.unwrap();
    let origin = canvas.min + ed.camera.offset;
    let far = origin + egui::vec2(layout.scene.width, layout.scene.height) * ed.camera.zoom;
    assert!(
        canvas.expand(1.0).contains(origin) && canvas.expand(1.0).contains(far),
        "the whole turned chart is in view: {origin:?}..{far:?} in {canvas:?}"
    );
    assert_ne!(ed.camera, before);
}
