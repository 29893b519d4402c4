//! Numbers and the AECI table as the 1.9 deck shows them, and the numbering
//! rules on small charts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::model::*;

const DECK_STEPS: [&str; 11] = [
    "设计关键客户确定的原则和专项商务方法",
    "搜集当地市场潜在关键客户的信息",
    "确定目标关键客户名单并按重要性排序",
    "确定关键客户获取策略",
    "为关键客户获取策略的确定提供支持",
    "初步接洽关键客户",
    "参与接洽关键客户",
    "明确关键客户价值取向及对产品评估",
    "制定客户开发计划",
    "客户开发计划实施",
    "参与实施开发计划",
];

fn numbers_by_title(process: &Process) -> Vec<(u32, String)> {
    number_steps(process)
        .in_order()
        .into_iter()
        .map(|(n, id)| (n, process.steps[&id].title.clone()))
        .collect()
}

#[test]
fn the_1_9_sample_numbers_its_eleven_steps_as_the_deck_does() {
    let p = sample_1_9();
    let expected: Vec<(u32, String)> = DECK_STEPS
        .iter()
        .enumerate()
        .map(|(i, t)| (i as u32 + 1, (*t).to_owned()))
        .collect();
    assert_eq!(numbers_by_title(&p), expected);
}

#[test]
fn start_and_exits_into_other_processes_get_no_number() {
    let p = sample_1_9();
    let numbering = number_steps(&p);
    for title in [
        "开始",
        "进入关键客户管理流程",
        "进入特殊商务条件审批流程和特殊批量审批和执行流程",
    ] {
        assert_eq!(numbering.of(step_titled(&p, title)), None, "{title}");
    }
}

#[test]
fn the_1_9_table_has_a_row_per_main_step_with_support_boxes_merged() {
    let p = sample_1_9();
    let a = Analysis::of(&p);
    let names: Vec<&str> = a.table.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        ["特殊商务分部", "商务行动与方法分部", "大区", "经销商"]
    );
    let rows: Vec<(u32, &str)> = a
        .table
        .rows
        .iter()
        .map(|r| (r.number, r.title.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (1, DECK_STEPS[0]),
            (2, DECK_STEPS[1]),
            (3, DECK_STEPS[2]),
            (4, DECK_STEPS[3]),
            (6, DECK_STEPS[5]),
            (8, DECK_STEPS[7]),
            (9, DECK_STEPS[8]),
            (10, DECK_STEPS[9]),
            (11, DECK_STEPS[10]),
        ]
    );
    let cells = |n: u32| -> Vec<String> {
        let row = a.table.rows.iter().find(|r| r.number == n).unwrap();
        row.cells.iter().map(|c| c.to_string()).collect()
    };
    // Row 4 merges box 5 (大区 supports with C) into 确定关键客户获取策略.
    assert_eq!(cells(4), ["A,E", "C", "C", "I"]);
    // Row 6 merges box 7 (大区 takes part: E).
    assert_eq!(cells(6), ["I", "", "E", "A,E"]);
    // The surviving deck rows: 经销商 A,E with 大区 E, and 实施开发计划 with 大区 C.
    assert_eq!(cells(8), ["", "", "E", "A,E"]);
    assert_eq!(cells(10), ["", "", "C", "A,E"]);
    assert_eq!(cells(11), ["", "", "A,E", ""]);
    let row9 = a.table.rows.iter().find(|r| r.number == 9).unwrap();
    assert_eq!(row9.outputs, ["目标关键客户开发计划"]);
    assert!(row9.description.starts_with("针对客户的价值取向"));
}

#[test]
fn grouping_two_steps_joins_their_descriptions_and_unions_their_letters() {
    let mut p = sample_1_9();
    let plan = step_titled(&p, "制定客户开发计划");
    let value = step_titled(&p, "明确关键客户价值取向及对产品评估");
    apply(
        &mut p,
        Edit::SetStep {
            id: plan,
            field: StepField::Group(Some(value)),
        },
    )
    .unwrap();
    let a = Analysis::of(&p);
    let row = a.table.rows.iter().find(|r| r.head == value).unwrap();
    assert_eq!(row.steps, [value, plan]);
    assert_eq!(
        row.description,
        "通过初步接洽对目标关键客户进行深入了解\n针对客户的价值取向和对产品的评估制定详细的客户开发计划,包括资源配置方案"
    );
    let owner = lane_named(&p, "特殊商务分部");
    assert_eq!(row.cell(&a.table, owner).to_string(), "I");
    assert!(a.table.rows.iter().all(|r| r.head != plan));
}

#[test]
fn editing_a_role_cell_changes_the_table_at_once() {
    let mut p = sample_1_9();
    let step = step_titled(&p, "客户开发计划实施");
    let daqu = lane_named(&p, "大区");
    apply(
        &mut p,
        Edit::SetRole {
            step,
            lane: daqu,
            roles: RoleSet::of(&[Role::C, Role::I]),
        },
    )
    .unwrap();
    let a = Analysis::of(&p);
    let row = a.table.rows.iter().find(|r| r.head == step).unwrap();
    assert_eq!(row.cell(&a.table, daqu).to_string(), "C,I");
}

/// start → a → b → c in one lane, positioned out of order.
fn chain() -> (Process, [StepId; 4]) {
    let mut p = lanes(&["甲"]);
    let lane = p.lanes[0].id;
    let start = put_step(&mut p, StepKind::Start, "开始", lane, 0.0);
    let c = put_step(&mut p, StepKind::Process, "丙", lane, 100.0);
    let a = put_step(&mut p, StepKind::Process, "甲", lane, 300.0);
    let b = put_step(&mut p, StepKind::Process, "乙", lane, 200.0);
    put_connector(&mut p, start, a);
    put_connector(&mut p, a, b);
    put_connector(&mut p, b, c);
    (p, [start, a, b, c])
}

#[test]
fn numbers_follow_the_arrows_not_the_positions() {
    let (p, [_, a, b, c]) = chain();
    let n = number_steps(&p);
    assert_eq!((n.of(a), n.of(b), n.of(c)), (Some(1), Some(2), Some(3)));
}

#[test]
fn a_pinned_number_is_kept_and_the_others_flow_around_it() {
    let (mut p, [_, a, b, c]) = chain();
    p.steps.get_mut(&c).unwrap().pinned_number = Some(1);
    let n = number_steps(&p);
    assert_eq!((n.of(c), n.of(a), n.of(b)), (Some(1), Some(2), Some(3)));
}

#[test]
fn a_loop_back_does_not_disturb_the_numbers() {
    let (mut p, [_, a, b, c]) = chain();
    put_connector(&mut p, c, a); // rework loop
    let n = number_steps(&p);
    assert_eq!((n.of(a), n.of(b), n.of(c)), (Some(1), Some(2), Some(3)));
}

#[test]
fn unconnected_steps_are_numbered_by_where_they_stand() {
    let mut p = lanes(&["甲", "乙"]);
    let (top, bottom) = (p.lanes[0].id, p.lanes[1].id);
    let right = put_step(&mut p, StepKind::Process, "右", top, 500.0);
    let left_low = put_step(&mut p, StepKind::Process, "左下", bottom, 100.0);
    let left_high = put_step(&mut p, StepKind::Process, "左上", top, 100.0);
    let n = number_steps(&p);
    assert_eq!(
        (n.of(left_high), n.of(left_low), n.of(right)),
        (Some(1), Some(2), Some(3))
    );
}

#[test]
fn a_branch_numbers_the_nearer_box_first() {
    let mut p = lanes(&["甲", "乙"]);
    let (top, bottom) = (p.lanes[0].id, p.lanes[1].id);
    let decide = put_step(&mut p, StepKind::Decision, "判断", top, 100.0);
    let far = put_step(&mut p, StepKind::Process, "远", top, 400.0);
    let near = put_step(&mut p, StepKind::Process, "近", bottom, 250.0);
    put_connector(&mut p, decide, far);
    put_connector(&mut p, decide, near);
    let n = number_steps(&p);
    assert_eq!(
        (n.of(decide), n.of(near), n.of(far)),
        (Some(1), Some(2), Some(3))
    );
}

#[test]
fn steps_in_a_later_phase_come_after_steps_in_an_earlier_one() {
    let mut p = lanes(&["甲"]);
    let lane = p.lanes[0].id;
    p.phases.push(Phase {
        id: PhaseId(1),
        name: "一".into(),
        size: 300.0,
    });
    p.phases.push(Phase {
        id: PhaseId(2),
        name: "二".into(),
        size: 300.0,
    });
    let late = put_step(&mut p, StepKind::Process, "后", lane, 50.0);
    p.steps.get_mut(&late).unwrap().phase = Some(PhaseId(2));
    let early = put_step(&mut p, StepKind::Process, "前", lane, 250.0);
    p.steps.get_mut(&early).unwrap().phase = Some(PhaseId(1));
    let n = number_steps(&p);
    assert_eq!((n.of(early), n.of(late)), (Some(1), Some(2)));
    // Reordering the phases carries their steps along.
    apply(
        &mut p,
        Edit::MovePhase {
            id: PhaseId(2),
            index: 0,
        },
    )
    .unwrap();
    let n = number_steps(&p);
    assert_eq!((n.of(late), n.of(early)), (Some(1), Some(2)));
}

#[test]
fn numbering_four_thousand_steps_in_a_chain_does_not_overflow_the_stack() {
    let mut p = lanes(&["甲"]);
    let lane = p.lanes[0].id;
    let mut prev = put_step(&mut p, StepKind::Start, "开始", lane, 0.0);
    for i in 0..4000 {
        let s = put_step(
            &mut p,
            StepKind::Process,
            &format!("步骤{i}"),
            lane,
            4000.0 - i as f32,
        );
        put_connector(&mut p, prev, s);
        prev = s;
    }
    let n = number_steps(&p);
    assert_eq!(n.len(), 4000);
    assert_eq!(n.of(prev), Some(4000));
}
