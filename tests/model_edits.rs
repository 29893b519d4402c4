//! Edits and undo as a user meets them: every kind of change can be undone,
//! bad edits are refused without harm, and a drag is one undo step.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::model::*;

/// One instance of every `Edit` variant, valid on the 1.9 sample.
fn one_of_every_edit(p: &Process) -> Vec<(&'static str, Edit)> {
    let daqu = lane_named(p, "大区");
    let dealer = lane_named(p, "经销商");
    let owner = lane_named(p, "特殊商务分部");
    let strategy = step_titled(p, "确定关键客户获取策略");
    let support = step_titled(p, "为关键客户获取策略的确定提供支持");
    let plan = step_titled(p, "制定客户开发计划");
    let first_phase = p.phases[0].id;
    let second_phase = p.phases[1].id;
    let connector = *p.connectors.keys().next().unwrap();
    let new_lane = Lane {
        id: p.next_lane_id(),
        name: "财务部".into(),
        size: 120.0,
    };
    let new_step = Step::new(
        p.next_step_id(),
        StepKind::Process,
        "签订合同",
        dealer,
        FlowPoint::new(900.0, 60.0),
    );
    vec![
        (
            "SetOverview",
            Edit::SetOverview(OverviewField::Name("关键客户开发(修订)".into())),
        ),
        (
            "SetOverview list",
            Edit::SetOverview(OverviewField::KeyPoints(vec!["只有一条".into()])),
        ),
        (
            "SetOrientation",
            Edit::SetOrientation(Orientation::Vertical),
        ),
        (
            "SetRuleEnabled",
            Edit::SetRuleEnabled {
                rule: RuleId::NoApprover,
                enabled: false,
            },
        ),
        (
            "AddLane",
            Edit::AddLane {
                index: 1,
                lane: new_lane,
            },
        ),
        (
            "RemoveLane move",
            Edit::RemoveLane {
                id: daqu,
                steps: LaneStepsFate::MoveTo(dealer),
            },
        ),
        (
            "RemoveLane remove",
            Edit::RemoveLane {
                id: daqu,
                steps: LaneStepsFate::Remove,
            },
        ),
        (
            "RenameLane",
            Edit::RenameLane {
                id: daqu,
                name: "区域".into(),
            },
        ),
        (
            "MoveLane",
            Edit::MoveLane {
                id: owner,
                index: 3,
            },
        ),
        (
            "ResizeLane",
            Edit::ResizeLane {
                id: daqu,
                size: 220.0,
            },
        ),
        (
            "AddPhase",
            Edit::AddPhase {
                index: 2,
                phase: Phase {
                    id: p.next_phase_id(),
                    name: "跟进".into(),
                    size: 400.0,
                },
            },
        ),
        (
            "RemovePhase move",
            Edit::RemovePhase {
                id: first_phase,
                steps: PhaseStepsFate::MoveTo(second_phase),
            },
        ),
        (
            "RemovePhase unassign",
            Edit::RemovePhase {
                id: first_phase,
                steps: PhaseStepsFate::Unassign,
            },
        ),
        (
            "RemovePhase remove",
            Edit::RemovePhase {
                id: second_phase,
                steps: PhaseStepsFate::Remove,
            },
        ),
        (
            "RenamePhase",
            Edit::RenamePhase {
                id: first_phase,
                name: "筛选".into(),
            },
        ),
        (
            "MovePhase",
            Edit::MovePhase {
                id: first_phase,
                index: 1,
            },
        ),
        (
            "ResizePhase",
            Edit::ResizePhase {
                id: second_phase,
                size: 1200.0,
            },
        ),
        ("AddStep", Edit::AddStep(new_step)),
        ("RemoveStep head of group", Edit::RemoveStep(strategy)),
        ("RemoveStep", Edit::RemoveStep(plan)),
        (
            "MoveStep across lanes",
            Edit::MoveStep {
                id: plan,
                lane: daqu,
                phase: Some(first_phase),
                at: FlowPoint::new(10.0, 20.0),
            },
        ),
        (
            "SetStep kind",
            Edit::SetStep {
                id: plan,
                field: StepField::Kind(StepKind::Decision),
            },
        ),
        (
            "SetStep title",
            Edit::SetStep {
                id: plan,
                field: StepField::Title("制定详细开发计划".into()),
            },
        ),
        (
            "SetStep description",
            Edit::SetStep {
                id: plan,
                field: StepField::Description("新的要点".into()),
            },
        ),
        (
            "SetStep outputs",
            Edit::SetStep {
                id: plan,
                field: StepField::Outputs(vec![]),
            },
        ),
        (
            "SetStep pin",
            Edit::SetStep {
                id: plan,
                field: StepField::PinnedNumber(Some(2)),
            },
        ),
        (
            "SetStep group",
            Edit::SetStep {
                id: support,
                field: StepField::Group(None),
            },
        ),
        (
            "SetRole",
            Edit::SetRole {
                step: plan,
                lane: owner,
                roles: RoleSet::of(&[Role::C, Role::I]),
            },
        ),
        (
            "SetRoles",
            Edit::SetRoles {
                step: plan,
                roles: Roles::from([(owner, RoleSet::of(&[Role::A]))]),
            },
        ),
        (
            "AddConnector",
            Edit::AddConnector(Connector {
                id: p.next_connector_id(),
                from: plan,
                to: strategy,
                label: Some("否".into()),
            }),
        ),
        ("RemoveConnector", Edit::RemoveConnector(connector)),
        (
            "SetConnectorLabel",
            Edit::SetConnectorLabel {
                id: connector,
                label: Some("是".into()),
            },
        ),
        (
            "SetConnectorEnds",
            Edit::SetConnectorEnds {
                id: connector,
                from: plan,
                to: support,
            },
        ),
        (
            "Batch",
            Edit::Batch(vec![
                Edit::RenameLane {
                    id: dealer,
                    name: "4S店".into(),
                },
                Edit::RemoveStep(support),
            ]),
        ),
    ]
}

#[test]
fn every_kind_of_edit_changes_the_document_and_undo_brings_it_back_exactly() {
    let original = sample_1_9();
    for (name, edit) in one_of_every_edit(&original) {
        let mut doc = original.clone();
        let inverse = apply(&mut doc, edit.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_ne!(doc, original, "{name} changed nothing");
        validate(&doc).unwrap_or_else(|e| panic!("{name} broke the document: {e}"));
        let redo = apply(&mut doc, inverse).unwrap_or_else(|e| panic!("{name} undo: {e}"));
        assert_eq!(doc, original, "{name}: undo did not restore the document");
        apply(&mut doc, redo).unwrap_or_else(|e| panic!("{name} redo: {e}"));
        let mut again = original.clone();
        apply(&mut again, edit).unwrap();
        assert_eq!(
            doc, again,
            "{name}: redo differs from the first application"
        );
    }
}

#[test]
fn every_kind_of_edit_undoes_and_redoes_through_the_history() {
    let original = sample_1_9();
    for (name, edit) in one_of_every_edit(&original) {
        let mut doc = original.clone();
        let mut history = History::default();
        history.apply(&mut doc, edit).unwrap();
        let edited = doc.clone();
        assert!(history.undo(&mut doc).unwrap(), "{name}: nothing to undo");
        assert_eq!(doc, original, "{name}");
        assert!(history.redo(&mut doc).unwrap(), "{name}: nothing to redo");
        assert_eq!(doc, edited, "{name}");
    }
}

#[test]
fn a_new_step_in_lane_daqu_starts_with_e_in_daqu() {
    let mut doc = sample_1_9();
    let daqu = lane_named(&doc, "大区");
    let id = doc.next_step_id();
    let step = Step::new(
        id,
        StepKind::Process,
        "区域复核",
        daqu,
        FlowPoint::new(50.0, 50.0),
    );
    History::default()
        .apply(&mut doc, Edit::AddStep(step))
        .unwrap();
    let roles = &doc.steps[&id].roles;
    assert_eq!(roles.len(), 1);
    assert_eq!(role_cell(roles, daqu).to_string(), "E");
}

#[test]
fn start_end_and_notes_start_without_roles() {
    let lane = LaneId(1);
    for kind in [StepKind::Start, StepKind::End, StepKind::Note] {
        let step = Step::new(StepId(1), kind, "x", lane, FlowPoint::default());
        assert!(step.roles.is_empty());
    }
}

#[test]
fn dragging_a_step_from_dealer_into_daqu_takes_its_e_along() {
    let mut doc = sample_1_9();
    let (dealer, daqu) = (lane_named(&doc, "经销商"), lane_named(&doc, "大区"));
    // 搜集当地市场潜在关键客户的信息: 大区 A, 经销商 E.
    let step = step_titled(&doc, "搜集当地市场潜在关键客户的信息");
    let (at, phase) = (doc.steps[&step].at, doc.steps[&step].phase);
    apply(
        &mut doc,
        Edit::MoveStep {
            id: step,
            lane: daqu,
            phase,
            at,
        },
    )
    .unwrap();
    let roles = &doc.steps[&step].roles;
    assert_eq!(doc.steps[&step].lane, daqu);
    assert_eq!(role_cell(roles, daqu).to_string(), "A,E");
    assert_eq!(role_cell(roles, dealer), RoleSet::EMPTY);
}

#[test]
fn moving_a_step_keeps_e_where_it_is_when_two_lanes_execute() {
    let mut doc = sample_1_9();
    let (dealer, daqu, owner) = (
        lane_named(&doc, "经销商"),
        lane_named(&doc, "大区"),
        lane_named(&doc, "特殊商务分部"),
    );
    // 明确关键客户价值取向及对产品评估: 大区 E, 经销商 A,E.
    let step = step_titled(&doc, "明确关键客户价值取向及对产品评估");
    let before = doc.steps[&step].roles.clone();
    let at = doc.steps[&step].at;
    apply(
        &mut doc,
        Edit::MoveStep {
            id: step,
            lane: owner,
            phase: None,
            at,
        },
    )
    .unwrap();
    assert_eq!(doc.steps[&step].roles, before);
    assert_eq!(
        role_cell(&doc.steps[&step].roles, dealer).to_string(),
        "A,E"
    );
    assert_eq!(role_cell(&doc.steps[&step].roles, daqu).to_string(), "E");
}

#[test]
fn removing_lane_daqu_into_dealer_moves_its_steps_and_drops_its_column() {
    let mut doc = sample_1_9();
    let (dealer, daqu) = (lane_named(&doc, "经销商"), lane_named(&doc, "大区"));
    let steps_before = doc.steps.len();
    let implement = step_titled(&doc, "参与实施开发计划"); // 大区 A,E
    apply(
        &mut doc,
        Edit::RemoveLane {
            id: daqu,
            steps: LaneStepsFate::MoveTo(dealer),
        },
    )
    .unwrap();
    assert!(doc.lane(daqu).is_none());
    assert_eq!(doc.steps.len(), steps_before, "no step was lost");
    assert_eq!(doc.steps[&implement].lane, dealer);
    assert_eq!(
        role_cell(&doc.steps[&implement].roles, dealer).to_string(),
        "E"
    );
    assert!(doc.steps.values().all(|s| !s.roles.contains_key(&daqu)));
    validate(&doc).unwrap();
}

#[test]
fn removing_lane_daqu_with_its_steps_also_removes_their_connectors() {
    let mut doc = sample_1_9();
    let daqu = lane_named(&doc, "大区");
    let in_daqu: Vec<StepId> = doc
        .steps
        .values()
        .filter(|s| s.lane == daqu)
        .map(|s| s.id)
        .collect();
    assert_eq!(in_daqu.len(), 4);
    apply(
        &mut doc,
        Edit::RemoveLane {
            id: daqu,
            steps: LaneStepsFate::Remove,
        },
    )
    .unwrap();
    for id in &in_daqu {
        assert!(!doc.steps.contains_key(id));
        assert!(
            doc.connectors
                .values()
                .all(|c| c.from != *id && c.to != *id)
        );
    }
    // Steps that were grouped under a removed step stand on their own now.
    validate(&doc).unwrap();
}

#[test]
fn a_lane_cannot_hand_its_steps_to_itself_or_to_a_missing_lane() {
    let mut doc = sample_1_9();
    let daqu = lane_named(&doc, "大区");
    let before = doc.clone();
    let err = apply(
        &mut doc,
        Edit::RemoveLane {
            id: daqu,
            steps: LaneStepsFate::MoveTo(daqu),
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("lane 3"), "{err}");
    let err = apply(
        &mut doc,
        Edit::RemoveLane {
            id: daqu,
            steps: LaneStepsFate::MoveTo(LaneId(77)),
        },
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "there is no lane 77");
    assert_eq!(doc, before);
}

#[test]
fn bad_edits_are_refused_with_a_reason_and_change_nothing() {
    let original = sample_1_9();
    let plan = step_titled(&original, "制定客户开发计划");
    let strategy = step_titled(&original, "确定关键客户获取策略");
    let support = step_titled(&original, "为关键客户获取策略的确定提供支持");
    let lane = original.lanes[0].id;
    let cases: Vec<(Edit, &str)> = vec![
        (
            Edit::RenameLane {
                id: LaneId(99),
                name: "x".into(),
            },
            "there is no lane 99",
        ),
        (
            Edit::ResizeLane {
                id: lane,
                size: f32::NAN,
            },
            "finite number",
        ),
        (
            Edit::ResizePhase {
                id: original.phases[0].id,
                size: -5.0,
            },
            "greater than zero",
        ),
        (
            Edit::MoveLane { id: lane, index: 4 },
            "position 4 is outside the list of 4 lanes",
        ),
        (
            Edit::AddLane {
                index: 0,
                lane: original.lanes[1].clone(),
            },
            "lane 2 exists already",
        ),
        (
            Edit::AddStep(original.steps[&plan].clone()),
            "step #9 exists already",
        ),
        (
            Edit::MoveStep {
                id: plan,
                lane: LaneId(42),
                phase: None,
                at: FlowPoint::default(),
            },
            "there is no lane 42",
        ),
        (
            Edit::MoveStep {
                id: plan,
                lane,
                phase: None,
                at: FlowPoint::new(f32::INFINITY, 0.0),
            },
            "not a finite number",
        ),
        (
            Edit::SetStep {
                id: StepId(500),
                field: StepField::Title("x".into()),
            },
            "there is no step #500",
        ),
        (
            Edit::SetStep {
                id: plan,
                field: StepField::PinnedNumber(Some(0)),
            },
            "starts at 1",
        ),
        (
            Edit::SetStep {
                id: plan,
                field: StepField::Group(Some(plan)),
            },
            "its own main step",
        ),
        (
            Edit::SetStep {
                id: plan,
                field: StepField::Group(Some(support)),
            },
            "itself grouped",
        ),
        (
            Edit::SetStep {
                id: strategy,
                field: StepField::Group(Some(plan)),
            },
            "other steps are grouped under this step",
        ),
        (
            Edit::SetRole {
                step: plan,
                lane: LaneId(8),
                roles: RoleSet::of(&[Role::A]),
            },
            "there is no lane 8",
        ),
        (
            Edit::AddConnector(Connector {
                id: ConnectorId(1),
                from: plan,
                to: plan,
                label: None,
            }),
            "connector #1 exists already",
        ),
        (
            Edit::SetConnectorEnds {
                id: ConnectorId(1),
                from: plan,
                to: StepId(404),
            },
            "there is no step #404",
        ),
        (
            Edit::Batch(vec![
                Edit::RenameLane {
                    id: lane,
                    name: "改了".into(),
                },
                Edit::RemoveStep(StepId(404)),
            ]),
            "there is no step #404",
        ),
    ];
    for (edit, expected) in cases {
        let mut doc = original.clone();
        let mut history = History::default();
        let err = history
            .apply(&mut doc, edit.clone())
            .expect_err(&format!("{edit:?} was accepted"));
        assert!(
            err.to_string().contains(expected),
            "{edit:?}: got «{err}», expected «{expected}»"
        );
        assert_eq!(
            doc, original,
            "{edit:?} changed the document although it failed"
        );
        assert!(!history.can_undo());
    }
}

#[test]
fn a_drag_of_many_moves_is_one_undo_step() {
    let mut doc = sample_1_9();
    let original = doc.clone();
    let mut history = History::default();
    let step = step_titled(&doc, "制定客户开发计划");
    let s = doc.steps[&step].clone();
    history.begin();
    for i in 1..=30 {
        let at = FlowPoint::new(s.at.along + i as f32 * 3.0, s.at.across);
        history
            .apply(
                &mut doc,
                Edit::MoveStep {
                    id: step,
                    lane: s.lane,
                    phase: s.phase,
                    at,
                },
            )
            .unwrap();
    }
    history.commit();
    assert_eq!(history.undo_len(), 1);
    assert_eq!(doc.steps[&step].at.along, s.at.along + 90.0);
    history.undo(&mut doc).unwrap();
    assert_eq!(doc, original);
    history.redo(&mut doc).unwrap();
    assert_eq!(doc.steps[&step].at.along, s.at.along + 90.0);
}

#[test]
fn a_burst_of_typing_is_one_undo_step_and_escape_cancels_it() {
    let mut doc = sample_1_9();
    let original = doc.clone();
    let mut history = History::default();
    let step = step_titled(&doc, "制定客户开发计划");
    history.begin();
    let mut title = String::new();
    for ch in "新的标题".chars() {
        title.push(ch);
        history
            .apply(
                &mut doc,
                Edit::SetStep {
                    id: step,
                    field: StepField::Title(title.clone()),
                },
            )
            .unwrap();
    }
    history.commit();
    assert_eq!(history.undo_len(), 1);
    history.undo(&mut doc).unwrap();
    assert_eq!(doc, original);

    history.begin();
    history
        .apply(
            &mut doc,
            Edit::SetStep {
                id: step,
                field: StepField::Title("放弃".into()),
            },
        )
        .unwrap();
    history.cancel(&mut doc).unwrap();
    assert_eq!(doc, original);
    assert!(!history.in_transaction());
}

#[test]
fn setting_a_field_to_its_current_value_is_not_an_undo_step() {
    let mut doc = sample_1_9();
    let mut history = History::default();
    let lane = doc.lanes[0].clone();
    history
        .apply(
            &mut doc,
            Edit::RenameLane {
                id: lane.id,
                name: lane.name,
            },
        )
        .unwrap();
    assert!(!history.can_undo());
}

#[test]
fn undoing_back_to_the_saved_state_gives_the_saved_state_id_again() {
    let mut doc = sample_1_9();
    let mut history = History::default();
    let lane = doc.lanes[0].id;
    history
        .apply(
            &mut doc,
            Edit::RenameLane {
                id: lane,
                name: "一".into(),
            },
        )
        .unwrap();
    let saved = history.state_id();
    history
        .apply(
            &mut doc,
            Edit::RenameLane {
                id: lane,
                name: "二".into(),
            },
        )
        .unwrap();
    assert_ne!(history.state_id(), saved);
    history.undo(&mut doc).unwrap();
    assert_eq!(history.state_id(), saved);
    history.undo(&mut doc).unwrap();
    assert_ne!(history.state_id(), saved);
    history.redo(&mut doc).unwrap();
    assert_eq!(history.state_id(), saved);
}

#[test]
fn a_new_edit_after_undo_clears_redo() {
    let mut doc = sample_1_9();
    let mut history = History::default();
    let lane = doc.lanes[0].id;
    history
        .apply(
            &mut doc,
            Edit::RenameLane {
                id: lane,
                name: "一".into(),
            },
        )
        .unwrap();
    history.undo(&mut doc).unwrap();
    assert!(history.can_redo());
    history
        .apply(
            &mut doc,
            Edit::RenameLane {
                id: lane,
                name: "二".into(),
            },
        )
        .unwrap();
    assert!(!history.can_redo());
}

#[test]
fn the_history_keeps_only_its_limit_of_undo_steps() {
    let mut doc = sample_1_9();
    let mut history = History::new(5);
    let lane = doc.lanes[0].id;
    for i in 0..8 {
        history
            .apply(
                &mut doc,
                Edit::RenameLane {
                    id: lane,
                    name: format!("名{i}"),
                },
            )
            .unwrap();
    }
    assert_eq!(history.undo_len(), 5);
    while history.undo(&mut doc).unwrap() {}
    assert_eq!(doc.lanes[0].name, "名2");
}

#[test]
fn removing_a_main_step_makes_its_support_step_a_row_of_its_own_until_undone() {
    let mut doc = sample_1_9();
    let original = doc.clone();
    let strategy = step_titled(&doc, "确定关键客户获取策略");
    let support = step_titled(&doc, "为关键客户获取策略的确定提供支持");
    let mut history = History::default();
    history.apply(&mut doc, Edit::RemoveStep(strategy)).unwrap();
    assert_eq!(doc.steps[&support].group, None);
    let analysis = Analysis::of(&doc);
    assert!(analysis.table.rows.iter().any(|r| r.head == support));
    history.undo(&mut doc).unwrap();
    assert_eq!(doc, original);
}
