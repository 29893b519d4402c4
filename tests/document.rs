//! The open document's cached derivations (numbering, table, warnings,
//! layout) always equal what a fresh computation gives.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use flowcase::document::Document;
use flowcase::layout::layout_chart;
use flowcase::model::*;

#[test]
fn after_every_kind_of_edit_the_cached_analysis_and_boxes_equal_fresh_ones() {
    let mut doc = Document::new(synthetic_process(60, 3), None);
    let ids: Vec<StepId> = doc.process().steps.keys().copied().collect();
    let lanes: Vec<LaneId> = doc.process().lanes.iter().map(|l| l.id).collect();
    for (i, id) in ids.iter().enumerate().take(30) {
        let step = doc.process().steps[id].clone();
        let edit = match i % 5 {
            0 => Edit::SetStep {
                id: *id,
                field: StepField::Title(format!("{}改", step.title)),
            },
            1 => Edit::MoveStep {
                id: *id,
                lane: lanes[i % lanes.len()],
                phase: step.phase,
                at: FlowPoint::new(step.at.along + 40.0, step.at.across),
            },
            2 => Edit::AddConnector(Connector {
                id: doc.process().next_connector_id(),
                from: *id,
                to: ids[(i + 7) % ids.len()],
                label: None,
            }),
            3 => Edit::SetStep {
                id: *id,
                field: StepField::PinnedNumber(Some(1)),
            },
            _ => Edit::SetRole {
                step: *id,
                lane: lanes[0],
                roles: RoleSet::of(&[Role::A]),
            },
        };
        doc.apply(edit).unwrap();
        let fresh_analysis = Analysis::of(doc.process());
        let fresh_boxes = layout_chart(doc.process()).boxes;
        let derived = doc.refresh();
        assert_eq!(derived.analysis, fresh_analysis, "after edit {i}");
        assert_eq!(derived.layout.boxes, fresh_boxes, "after edit {i}");
    }
}

#[test]
fn dragging_a_step_along_its_lane_and_across_phases_renumbers_exactly_when_it_passes_another() {
    let mut doc = Document::new(synthetic_process(60, 3), None);
    // A step that only leads into the flow is numbered by its place among
    // the steps ready at the same time.
    let id = doc.process().next_step_id();
    let lane = doc.process().lanes[2].id;
    let phase = doc.process().phases[0].id;
    let mut step = Step::new(
        id,
        StepKind::Process,
        "临时评估",
        lane,
        FlowPoint::new(60.0, 70.0),
    );
    step.phase = Some(phase);
    doc.apply(Edit::AddStep(step)).unwrap();
    let last = doc
        .process()
        .steps
        .keys()
        .rev()
        .find(|s| **s != id)
        .copied()
        .unwrap();
    let connector = Connector {
        id: doc.process().next_connector_id(),
        from: id,
        to: last,
        label: None,
    };
    doc.apply(Edit::AddConnector(connector)).unwrap();
    let first = doc.refresh().analysis.numbering.of(id);
    doc.begin();
    let mut numbers_seen = std::collections::BTreeSet::new();
    for frame in 0..120 {
        let at = FlowPoint::new(60.0 + frame as f32 * 7.0, 70.0 + (frame % 3) as f32);
        // Into the next phase and back now and then, still in the lane.
        let phase = doc.process().phases[(frame / 40) % 2].id;
        doc.apply(Edit::MoveStep {
            id,
            lane,
            phase: Some(phase),
            at,
        })
        .unwrap();
        let fresh = number_steps(doc.process());
        let fresh_analysis = Analysis::of(doc.process());
        let derived = doc.refresh();
        assert_eq!(derived.analysis.numbering, fresh, "frame {frame}");
        assert_eq!(derived.analysis, fresh_analysis, "frame {frame}");
        let drawn_titles: Vec<&str> = derived
            .layout
            .scene
            .items
            .iter()
            .filter(|i| i.source == Some(flowcase::layout::Source::Step(id)))
            .filter_map(|i| match &i.shape {
                flowcase::layout::Shape::Text { lines, .. } => Some(lines[0].text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            drawn_titles.contains(&"临时评估"),
            "frame {frame}: {drawn_titles:?}"
        );
        numbers_seen.insert(fresh.of(id));
    }
    doc.commit();
    assert!(
        numbers_seen.len() > 3,
        "the step passed others: {numbers_seen:?} from {first:?}"
    );
}

#[test]
fn typing_a_title_renames_the_table_row_and_the_warnings_that_name_the_step() {
    let mut doc = Document::new(synthetic_process(40, 9), None);
    // A step that is warned about: drop its roles so it has no executor.
    let id = *doc.process().steps.keys().nth(5).unwrap();
    doc.apply(Edit::SetRoles {
        step: id,
        roles: Roles::new(),
    })
    .unwrap();
    assert!(doc.refresh().analysis.warned_steps().contains(&id));
    doc.begin();
    for typed in ["复", "复核", "复核客户"] {
        doc.apply(Edit::SetStep {
            id,
            field: StepField::Title(typed.to_owned()),
        })
        .unwrap();
        let fresh = Analysis::of(doc.process());
        let derived = doc.refresh();
        assert_eq!(derived.analysis, fresh, "after typing {typed}");
        let names: Vec<&str> = derived
            .analysis
            .warnings
            .iter()
            .filter(|w| w.subject == Subject::Step(id))
            .map(|w| w.name.as_str())
            .collect();
        assert!(!names.is_empty() && names.iter().all(|n| *n == typed));
    }
    doc.commit();
}

/// What a scene shows apart from connectors (whose routes may be kept from
/// before): each item's source, its bounds to 1/100 px, and its text or
/// its kind of shape.
fn drawn_without_connectors(scene: &flowcase::layout::Scene) -> Vec<String> {
    use flowcase::layout::{Shape, Source};
    let r = |v: f32| (v * 100.0).round() / 100.0;
    scene
        .items
        .iter()
        .filter(|i| !matches!(i.source, Some(Source::Connector(_))))
        .map(|i| {
            let b = i.shape.bounds();
            let text: String = match &i.shape {
                Shape::Text { lines, .. } => lines.iter().map(|l| l.text.as_str()).collect(),
                Shape::Rect { radius, .. } => format!("rect {radius}"),
                Shape::Polygon { points, .. } => format!("polygon {}", points.len()),
                Shape::Polyline { points, .. } => format!("line {}", points.len()),
                Shape::Circle { radius, .. } => format!("circle {radius}"),
            };
            let (x0, y0, x1, y1) = (r(b.min.x), r(b.min.y), r(b.max.x), r(b.max.y));
            format!("{:?} {x0} {y0} {x1} {y1} {text}", i.source)
        })
        .collect()
}

/// Checks the document's derived data against a fresh derivation.
fn assert_derived_fresh(doc: &mut Document, what: &str) {
    let fresh_analysis = Analysis::of(doc.process());
    let fresh = layout_chart(doc.process());
    let derived = doc.refresh();
    assert_eq!(derived.analysis, fresh_analysis, "{what}: analysis");
    assert_eq!(derived.layout.boxes, fresh.boxes, "{what}: boxes");
    assert_eq!(derived.layout.lanes, fresh.lanes, "{what}: lanes");
    assert_eq!(derived.layout.phases, fresh.phases, "{what}: phases");
    assert_eq!(
        drawn_without_connectors(&derived.layout.scene),
        drawn_without_connectors(&fresh.scene),
        "{what}: scene"
    );
    assert_eq!(
        derived.layout.routes.keys().collect::<Vec<_>>(),
        fresh.routes.keys().collect::<Vec<_>>(),
        "{what}: connectors routed"
    );
}

/// One edit of every kind the editor makes, for the document as it is.
fn every_kind_of_edit(p: &Process) -> Vec<(&'static str, Edit)> {
    let ids: Vec<StepId> = p.steps.keys().copied().collect();
    let (a, b, c) = (ids[3], ids[10], ids[17]);
    let step = &p.steps[&a];
    let lanes: Vec<LaneId> = p.lanes.iter().map(|l| l.id).collect();
    let phases: Vec<PhaseId> = p.phases.iter().map(|x| x.id).collect();
    let connector = *p.connectors.keys().next().unwrap();
    let new_step = Step::new(
        p.next_step_id(),
        StepKind::Decision,
        "是否批准",
        lanes[1],
        FlowPoint::new(90.0, 60.0),
    );
    vec![
        (
            "overview",
            Edit::SetOverview(OverviewField::Name("新名字".into())),
        ),
        ("orientation", Edit::SetOrientation(Orientation::Vertical)),
        (
            "orientation back",
            Edit::SetOrientation(Orientation::Horizontal),
        ),
        (
            "rule",
            Edit::SetRuleEnabled {
                rule: RuleId::NoExecutor,
                enabled: false,
            },
        ),
        (
            "add lane",
            Edit::AddLane {
                index: 1,
                lane: Lane {
                    id: p.next_lane_id(),
                    name: "新部门".into(),
                    size: 140.0,
                },
            },
        ),
        (
            "rename lane",
            Edit::RenameLane {
                id: lanes[0],
                name: "特殊商务分部（新）".into(),
            },
        ),
        (
            "move lane",
            Edit::MoveLane {
                id: lanes[0],
                index: 2,
            },
        ),
        (
            "resize lane",
            Edit::ResizeLane {
                id: lanes[1],
                size: 260.0,
            },
        ),
        (
            "remove lane",
            Edit::RemoveLane {
                id: lanes[2],
                steps: LaneStepsFate::MoveTo(lanes[3]),
            },
        ),
        (
            "add phase",
            Edit::AddPhase {
                index: 0,
                phase: Phase {
                    id: p.next_phase_id(),
                    name: "准备".into(),
                    size: 300.0,
                },
            },
        ),
        (
            "rename phase",
            Edit::RenamePhase {
                id: phases[0],
                name: "需求确认（改）".into(),
            },
        ),
        (
            "move phase",
            Edit::MovePhase {
                id: phases[0],
                index: 1,
            },
        ),
        (
            "resize phase",
            Edit::ResizePhase {
                id: phases[1],
                size: 5000.0,
            },
        ),
        (
            "remove phase",
            Edit::RemovePhase {
                id: phases[2],
                steps: PhaseStepsFate::Unassign,
            },
        ),
        ("add step", Edit::AddStep(new_step)),
        ("remove step", Edit::RemoveStep(c)),
        (
            "move along",
            Edit::MoveStep {
                id: a,
                lane: step.lane,
                phase: step.phase,
                at: FlowPoint::new(step.at.along + 35.0, step.at.across),
            },
        ),
        (
            "move across",
            Edit::MoveStep {
                id: a,
                lane: lanes[0],
                phase: step.phase,
                at: step.at,
            },
        ),
        (
            "kind, same size",
            Edit::SetStep {
                id: ids[12],
                field: StepField::Kind(StepKind::Document),
            },
        ),
        (
            "kind",
            Edit::SetStep {
                id: b,
                field: StepField::Kind(StepKind::ProcessExit {
                    number: "1.10".into(),
                    name: "关键客户管理".into(),
                }),
            },
        ),
        (
            "title",
            Edit::SetStep {
                id: b,
                field: StepField::Title("确定关键客户名单并按重要性排序，再加几个字".into()),
            },
        ),
        (
            "key points",
            Edit::SetStep {
                id: b,
                field: StepField::Description("通过初步接洽".into()),
            },
        ),
        (
            "outputs",
            Edit::SetStep {
                id: b,
                field: StepField::Outputs(vec!["《目标关键客户信息表》".into()]),
            },
        ),
        (
            "pin",
            Edit::SetStep {
                id: a,
                field: StepField::PinnedNumber(Some(2)),
            },
        ),
        (
            "group",
            Edit::SetStep {
                id: ids[20],
                field: StepField::Group(Some(ids[21])),
            },
        ),
        (
            "role",
            Edit::SetRole {
                step: a,
                lane: lanes[1],
                roles: RoleSet::of(&[Role::C]),
            },
        ),
        (
            "roles",
            Edit::SetRoles {
                step: a,
                roles: Roles::new(),
            },
        ),
        (
            "add connector",
            Edit::AddConnector(Connector {
                id: p.next_connector_id(),
                from: a,
                to: ids[25],
                label: Some("是".into()),
            }),
        ),
        (
            "label",
            Edit::SetConnectorLabel {
                id: connector,
                label: Some("否".into()),
            },
        ),
        (
            "reattach",
            Edit::SetConnectorEnds {
                id: connector,
                from: ids[22],
                to: ids[24],
            },
        ),
        ("remove connector", Edit::RemoveConnector(connector)),
    ]
}

#[test]
fn after_each_kind_of_change_and_its_undo_and_redo_the_derived_data_is_fresh() {
    let mut doc = Document::new(synthetic_process(40, 5), None);
    assert_derived_fresh(&mut doc, "opened");
    let edits = every_kind_of_edit(doc.process());
    for (what, edit) in edits {
        doc.apply(edit).unwrap();
        assert_derived_fresh(&mut doc, what);
        doc.undo().unwrap();
        assert_derived_fresh(&mut doc, &format!("undo {what}"));
        doc.redo().unwrap();
        assert_derived_fresh(&mut doc, &format!("redo {what}"));
    }
}

#[test]
fn several_changes_before_one_refresh_and_a_cancelled_drag_give_fresh_data() {
    let mut doc = Document::new(synthetic_process(40, 6), None);
    assert_derived_fresh(&mut doc, "opened");
    let edits = every_kind_of_edit(doc.process());
    // Three at a time, then one refresh; a failing edit (its step gone) is
    // refused without harm.
    for (i, chunk) in edits.chunks(3).enumerate() {
        for (_, edit) in chunk {
            let _ = doc.apply(edit.clone());
        }
        assert_derived_fresh(&mut doc, &format!("chunk {i}"));
    }
    let id = *doc.process().steps.keys().nth(8).unwrap();
    doc.begin();
    for frame in 0..10 {
        let step = doc.process().steps[&id].clone();
        let lane = doc.process().lanes[frame % 2].id;
        doc.apply(Edit::MoveStep {
            id,
            lane,
            phase: step.phase,
            at: FlowPoint::new(step.at.along + 17.0, step.at.across),
        })
        .unwrap();
        assert_derived_fresh(&mut doc, &format!("drag frame {frame}"));
    }
    doc.cancel().unwrap();
    assert_derived_fresh(&mut doc, "cancelled drag");
}
