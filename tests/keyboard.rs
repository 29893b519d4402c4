//! A consultant types a whole flow without the mouse: Ctrl+Enter adds the
//! next step, Tab walks the steps in flow order, Alt+Up and Alt+Down hand
//! a step to another lane, and Ctrl+Tab switches documents.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::driver::*;
use common::*;
use egui::{Key, Modifiers};
use flowcase::model::*;

/// 大区 and 经销商, and one step 收集信息 in 大区, selected.
fn one_step() -> (egui_kittest::Harness<'static, flowcase::ui::Editor>, StepId) {
    let mut p = lanes(&["大区", "经销商"]);
    let daqu = p.lanes[0].id;
    let first = put_step(&mut p, StepKind::Process, "收集信息", daqu, 120.0);
    let mut h = harness(p);
    h.state_mut().selection = flowcase::ui::Selection::only_step(first);
    h.run_steps(2);
    (h, first)
}

fn press(h: &mut egui_kittest::Harness<'static, flowcase::ui::Editor>, m: Modifiers, key: Key) {
    h.key_press_modifiers(m, key);
    h.run_steps(3);
}

#[test]
fn ctrl_enter_types_a_flow_of_three_steps_without_the_mouse() {
    let (mut h, first) = one_step();
    for title in ["核对信息", "提交审批", "归档"] {
        press(&mut h, Modifiers::COMMAND, Key::Enter);
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        type_text(&mut h, title);
        press(&mut h, Modifiers::NONE, Key::Enter);
    }
    let p = process(&h);
    let daqu = p.lanes[0].id;
    let chain = ["收集信息", "核对信息", "提交审批", "归档"];
    for pair in chain.windows(2) {
        let (from, to) = (step_titled(&p, pair[0]), step_titled(&p, pair[1]));
        assert!(
            p.connectors.values().any(|c| c.from == from && c.to == to),
            "{} → {}",
            pair[0],
            pair[1]
        );
    }
    for title in &chain[1..] {
        let s = &p.steps[&step_titled(&p, title)];
        assert_eq!(s.lane, daqu, "{title} in the lane of the step before");
        assert_eq!(
            role_cell(&s.roles, daqu),
            RoleSet::of(&[Role::E]),
            "{title}: E"
        );
    }
    // Numbered in the order typed.
    let numbering = Analysis::of(&p).numbering;
    let numbers: Vec<u32> = chain
        .iter()
        .map(|t| numbering.of(step_titled(&p, t)).unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    // Each step, its arrow and its title are one undo step.
    undo(&mut h);
    let p = process(&h);
    assert_eq!(p.steps.len(), 3);
    assert_eq!(p.connectors.len(), 2);
    assert!(p.steps.contains_key(&first));
}

#[test]
fn tab_walks_the_steps_in_flow_order_and_alt_arrows_change_lanes() {
    let (mut h, first) = one_step();
    for title in ["核对信息", "归档"] {
        press(&mut h, Modifiers::COMMAND, Key::Enter);
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        type_text(&mut h, title);
        press(&mut h, Modifiers::NONE, Key::Enter);
    }
    let p = process(&h);
    let (check, file) = (step_titled(&p, "核对信息"), step_titled(&p, "归档"));
    h.state_mut().selection = flowcase::ui::Selection::only_step(first);
    h.run_steps(2);
    let selected = |h: &egui_kittest::Harness<'static, flowcase::ui::Editor>| {
        h.state().selection.single_step()
    };
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(selected(&h), Some(check));
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(selected(&h), Some(file));
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(selected(&h), Some(first), "round to the first");
    press(&mut h, Modifiers::SHIFT, Key::Tab);
    assert_eq!(selected(&h), Some(file), "and back");
    // 归档 handed down to 经销商, with its E; then back up.
    press(&mut h, Modifiers::ALT, Key::ArrowDown);
    let p = process(&h);
    let dealer = p.lanes[1].id;
    assert_eq!(p.steps[&file].lane, dealer);
    assert_eq!(
        role_cell(&p.steps[&file].roles, dealer),
        RoleSet::of(&[Role::E])
    );
    press(&mut h, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(
        process(&h).steps[&file].lane,
        dealer,
        "no lane below the last"
    );
    press(&mut h, Modifiers::ALT, Key::ArrowUp);
    assert_eq!(process(&h).steps[&file].lane, p.lanes[0].id);
}

#[test]
fn ctrl_tab_and_ctrl_page_keys_switch_between_the_list_and_the_documents() {
    use flowcase::ui::{Settings, Shell, shell_ui};
    let (_dir, root) = library_copy();
    let settings = Settings {
        language: Some("zh".into()),
        ..Settings::default()
    };
    let files = vec![
        root.clone(),
        root.join("销售1.9 关键客户开发.ron"),
        root.join("销售1.10 关键客户管理.ron"),
    ];
    let shell = Shell::new(files, settings, None);
    let mut h = egui_kittest::Harness::builder()
        .with_size([1400.0, 900.0])
        .with_accessibility_check(false)
        .with_context_setup(flowcase::ui::setup_context)
        .build_ui_state(|ui, shell: &mut Shell| shell_ui(shell, ui), shell);
    h.run_steps(3);
    let shown = |h: &egui_kittest::Harness<'static, Shell>| {
        let s = h.state();
        if s.shows_library() {
            "流程清单".to_owned()
        } else {
            s.docs[s.active].name(s.lang)
        }
    };
    assert_eq!(shown(&h), "销售1.10 关键客户管理.ron");
    let mut press = |m: Modifiers, key: Key| {
        h.key_press_modifiers(m, key);
        h.run_steps(2);
        shown(&h)
    };
    assert_eq!(
        press(Modifiers::COMMAND, Key::Tab),
        "流程清单",
        "round the end"
    );
    assert_eq!(
        press(Modifiers::COMMAND, Key::Tab),
        "销售1.9 关键客户开发.ron"
    );
    assert_eq!(
        press(Modifiers::COMMAND | Modifiers::SHIFT, Key::Tab),
        "流程清单"
    );
    assert_eq!(
        press(Modifiers::COMMAND, Key::PageUp),
        "销售1.10 关键客户管理.ron"
    );
    assert_eq!(press(Modifiers::COMMAND, Key::PageDown), "流程清单");
}

#[test]
fn a_screen_reader_hears_each_step_in_flow_order_and_follows_the_selection() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::{By, NodeT, Queryable};
    let mut h = harness(sample_1_9());
    h.run_steps(2);
    let labels: Vec<String> = h
        .query_all(By::new().role(Role::ListItem))
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.contains(" · "))
        .collect();
    let p = sample_1_9();
    let numbered = Analysis::of(&p).numbering;
    let numbered = p
        .steps
        .keys()
        .filter(|id| numbered.of(**id).is_some())
        .count();
    assert!(labels.len() >= numbered, "{labels:?}");
    // In flow order: 1, 2, 3 …
    let firsts: Vec<&str> = labels
        .iter()
        .take(3)
        .map(|l| l.split(" · ").next().unwrap())
        .collect();
    assert_eq!(firsts, ["1", "2", "3"], "{labels:?}");
    // Number, title, kind, lane, letters and where it leads.
    let second = &labels[1];
    assert!(
        second.starts_with("2 · 搜集当地市场潜在关键客户的信息 · 步骤"),
        "{second}"
    );
    assert!(second.contains("泳道 经销商"), "{second}");
    assert!(
        second.contains("大区 A") && second.contains("经销商 E"),
        "{second}"
    );
    assert!(second.contains("下一步 3"), "{second}");
    // Tab moves the selection, and the reader is told which step is selected.
    press(&mut h, Modifiers::NONE, Key::Tab);
    let selected: Vec<String> = h
        .query_all(By::new().role(Role::ListItem))
        .filter(|n| n.accesskit_node().is_selected() == Some(true))
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert_eq!(selected.len(), 1, "{selected:?}");
    assert!(selected[0].starts_with("1 · "), "{selected:?}");
}

#[test]
fn every_field_of_the_overview_is_named_by_its_label() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::{By, NodeT, Queryable};
    let mut h = harness(sample_1_9());
    h.get_by_label("概要").click();
    h.run_steps(3);
    let named = |h: &egui_kittest::Harness<'static, flowcase::ui::Editor>, label: &str| {
        h.query_all(By::new().label(label)).any(|n| {
            matches!(
                n.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput
            )
        })
    };
    for label in [
        "流程名称",
        "流程编号",
        "定义",
        "目的",
        "实施要点",
        "参与流程的部门/职位",
        "实施周期",
        "相关流程",
        "相关文档",
        "流程负责部门",
    ] {
        assert!(named(&h, label), "no text field is named “{label}”");
    }
}

#[test]
fn the_inspector_does_not_move_when_a_warning_comes_or_goes() {
    use egui_kittest::kittest::{By, NodeT, Queryable};
    let (mut h, first) = one_step();
    let top_of_title = |h: &egui_kittest::Harness<'static, flowcase::ui::Editor>| {
        use egui::accesskit::Role;
        let field = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
            matches!(n.role(), Role::TextInput | Role::MultilineTextInput)
        };
        let node = h.get(By::new().value("收集信息").predicate(field));
        node.accesskit_node().bounding_box().unwrap().y0
    };
    let before = top_of_title(&h);
    // Its E taken away: a warning (no E) appears.
    let lane = process(&h).steps[&first].lane;
    h.state_mut().edit(Edit::SetRole {
        step: first,
        lane,
        roles: RoleSet::EMPTY,
    });
    h.run_steps(3);
    assert!(
        !Analysis::of(&process(&h)).warnings.is_empty(),
        "a warning now"
    );
    assert_eq!(top_of_title(&h), before, "the fields stay where they were");
    undo(&mut h);
    assert_eq!(top_of_title(&h), before);
}
