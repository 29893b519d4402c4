//! Every rule fires when it should, stays quiet when it should not, names
//! the step by number and title, and can be switched off per process.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::lang::Lang;
use flowcase::model::*;

fn warnings(p: &Process) -> Vec<Warning> {
    Analysis::of(p).warnings
}

fn rules_fired(p: &Process) -> Vec<RuleId> {
    warnings(p).iter().map(Warning::rule).collect()
}

/// start → 审批 (lane 甲: A, lane 乙: E) → end: a chart that breaks no rule.
fn clean() -> (Process, StepId) {
    let mut p = lanes(&["甲", "乙"]);
    let (a, b) = (p.lanes[0].id, p.lanes[1].id);
    let start = put_step(&mut p, StepKind::Start, "开始", a, 0.0);
    let step = put_step(&mut p, StepKind::Process, "审批合同", a, 100.0);
    let end = put_step(&mut p, StepKind::End, "结束", a, 200.0);
    let roles = &mut p.steps.get_mut(&step).unwrap().roles;
    roles.clear();
    roles.insert(a, RoleSet::of(&[Role::A]));
    roles.insert(b, RoleSet::of(&[Role::E]));
    put_connector(&mut p, start, step);
    put_connector(&mut p, step, end);
    (p, step)
}

#[test]
fn the_samples_break_no_rule() {
    assert_eq!(warnings(&sample_1_9()), []);
    assert_eq!(warnings(&sample_purchase()), []);
    assert_eq!(warnings(&clean().0), []);
}

#[test]
fn a_step_nobody_executes_is_reported_with_its_number_and_title() {
    let (mut p, step) = clean();
    set_role_cell(
        &mut p.steps.get_mut(&step).unwrap().roles,
        LaneId(2),
        RoleSet::of(&[Role::C]),
    );
    let w = warnings(&p);
    assert_eq!(rules_fired(&p), [RuleId::NoExecutor]);
    assert_eq!(w[0].subject, Subject::Step(step));
    assert_eq!(w[0].message(Lang::Zh), "步骤 1「审批合同」没有执行方(E)");
    assert_eq!(
        w[0].message(Lang::En),
        "Step 1 “审批合同” has no executor (E)"
    );
}

#[test]
fn a_step_nobody_approves_is_reported() {
    let (mut p, step) = clean();
    set_role_cell(
        &mut p.steps.get_mut(&step).unwrap().roles,
        LaneId(1),
        RoleSet::of(&[Role::C]),
    );
    assert_eq!(rules_fired(&p), [RuleId::NoApprover]);
    assert_eq!(
        warnings(&p)[0].message(Lang::Zh),
        "步骤 1「审批合同」没有审批方(A)"
    );
}

#[test]
fn a_step_with_two_approvers_names_both_lanes() {
    let (mut p, step) = clean();
    set_role_cell(
        &mut p.steps.get_mut(&step).unwrap().roles,
        LaneId(2),
        RoleSet::of(&[Role::A, Role::E]),
    );
    assert_eq!(rules_fired(&p), [RuleId::SeveralApprovers]);
    assert_eq!(
        warnings(&p)[0].message(Lang::Zh),
        "步骤 1「审批合同」有多个审批方(A):甲、乙"
    );
}

#[test]
fn role_rules_judge_the_main_step_with_its_support_boxes() {
    // In the 1.9 sample, box 5 has only C, but its row (with box 4) has A and E.
    let p = sample_1_9();
    let support = step_titled(&p, "为关键客户获取策略的确定提供支持");
    assert!(
        warnings(&p)
            .iter()
            .all(|w| w.subject != Subject::Step(support))
    );
    // Ungrouped, box 5 stands alone and lacks both.
    let mut p = p;
    apply(
        &mut p,
        Edit::SetStep {
            id: support,
            field: StepField::Group(None),
        },
    )
    .unwrap();
    let w = warnings(&p);
    let about_support: Vec<RuleId> = w
        .iter()
        .filter(|w| w.subject == Subject::Step(support))
        .map(Warning::rule)
        .collect();
    assert_eq!(about_support, [RuleId::NoExecutor, RuleId::NoApprover]);
    assert!(
        w[0].message(Lang::Zh)
            .contains("步骤 5「为关键客户获取策略的确定提供支持」")
    );
}

#[test]
fn a_lane_no_step_uses_is_reported_by_name() {
    let (mut p, _) = clean();
    p.lanes.push(Lane {
        id: LaneId(3),
        name: "财务部".into(),
        size: 140.0,
    });
    assert_eq!(rules_fired(&p), [RuleId::UnusedLane]);
    assert_eq!(
        warnings(&p)[0].message(Lang::Zh),
        "泳道「财务部」没有步骤,也没有角色"
    );
    // A role in the lane is enough to use it.
    set_role_cell(
        &mut p.steps.get_mut(&StepId(2)).unwrap().roles,
        LaneId(3),
        RoleSet::of(&[Role::I]),
    );
    assert_eq!(rules_fired(&p), []);
}

#[test]
fn a_step_off_the_flow_is_reported_for_each_missing_side() {
    let (mut p, step) = clean();
    p.connectors.clear();
    let w = warnings(&p);
    let problems: Vec<(StepId, Problem)> = w
        .iter()
        .map(|w| match w.subject {
            Subject::Step(s) => (s, w.problem.clone()),
            _ => panic!("unexpected subject"),
        })
        .collect();
    // Start needs no arrow in, end none out.
    assert_eq!(
        problems,
        [
            (step, Problem::NotReached),
            (step, Problem::NotLeft),
            (StepId(1), Problem::NotLeft),
            (StepId(3), Problem::NotReached),
        ]
    );
}

#[test]
fn notes_and_exits_need_no_arrow_out() {
    let (mut p, step) = clean();
    let lane = p.lanes[0].id;
    put_step(&mut p, StepKind::Note, "备注", lane, 50.0);
    let exit = put_step(
        &mut p,
        StepKind::ProcessExit {
            number: "1.10".into(),
            name: "关键客户管理".into(),
        },
        "进入关键客户管理流程",
        lane,
        300.0,
    );
    put_connector(&mut p, step, exit);
    assert_eq!(rules_fired(&p), []);
}

#[test]
fn a_decision_with_one_exit_is_reported() {
    let (mut p, step) = clean();
    p.steps.get_mut(&step).unwrap().kind = StepKind::Decision;
    assert_eq!(rules_fired(&p), [RuleId::DecisionExits]);
    assert!(
        warnings(&p)[0]
            .message(Lang::En)
            .contains("decision with 1 exit(s)")
    );
    let end = StepId(3);
    put_connector(&mut p, step, end);
    assert_eq!(rules_fired(&p), []);
}

#[test]
fn a_connector_into_its_own_step_is_reported() {
    let (mut p, step) = clean();
    let c = put_connector(&mut p, step, step);
    let w = warnings(&p);
    assert_eq!(rules_fired(&p), [RuleId::SelfLoop]);
    assert_eq!(w[0].subject, Subject::Connector(c));
    assert_eq!(
        w[0].message(Lang::Zh),
        "步骤 1「审批合同」有一条连线指回自身"
    );
}

#[test]
fn two_steps_pinned_to_one_number_are_both_reported() {
    let (mut p, step) = clean();
    let lane = p.lanes[0].id;
    let other = put_step(&mut p, StepKind::Process, "复核", lane, 150.0);
    {
        let s = p.steps.get_mut(&other).unwrap();
        s.roles.insert(lane, RoleSet::of(&[Role::A, Role::E]));
        s.pinned_number = Some(1);
    }
    p.steps.get_mut(&step).unwrap().pinned_number = Some(1);
    put_connector(&mut p, step, other);
    put_connector(&mut p, other, StepId(3));
    assert_eq!(
        rules_fired(&p),
        [RuleId::DuplicateNumber, RuleId::DuplicateNumber]
    );
}

#[test]
fn a_rule_switched_off_stays_quiet_and_the_switch_is_undoable() {
    let (mut p, step) = clean();
    set_role_cell(
        &mut p.steps.get_mut(&step).unwrap().roles,
        LaneId(1),
        RoleSet::EMPTY,
    );
    assert_eq!(rules_fired(&p), [RuleId::NoApprover]);
    let mut history = History::default();
    history
        .apply(
            &mut p,
            Edit::SetRuleEnabled {
                rule: RuleId::NoApprover,
                enabled: false,
            },
        )
        .unwrap();
    assert_eq!(rules_fired(&p), []);
    history.undo(&mut p).unwrap();
    assert_eq!(rules_fired(&p), [RuleId::NoApprover]);
}

#[test]
fn every_rule_has_a_title_in_both_languages() {
    for rule in RuleId::ALL {
        assert!(!rule.title(Lang::Zh).is_empty());
        assert!(!rule.title(Lang::En).is_empty());
        assert_ne!(rule.title(Lang::Zh), rule.title(Lang::En));
    }
}
