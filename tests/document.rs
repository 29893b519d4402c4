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
        let derived = doc.derived();
        assert_eq!(derived.analysis, fresh_analysis, "after edit {i}");
        assert_eq!(derived.layout.boxes, fresh_boxes, "after edit {i}");
    }
}

#[test]
fn dragging_a_step_along_its_lane_and_across_phases_renumbers_exactly_when_it_passes_another() {
    let mut doc = Document::new(synthetic_process(60, 3), None);
    // An unconnected step is numbered by its place alone.
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
    let first = doc.derived().analysis.numbering.of(id);
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
        let derived = doc.derived();
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
    assert!(doc.derived().analysis.warned_steps().contains(&id));
    doc.begin();
    for typed in ["复", "复核", "复核客户"] {
        doc.apply(Edit::SetStep {
            id,
            field: StepField::Title(typed.to_owned()),
        })
        .unwrap();
        let fresh = Analysis::of(doc.process());
        let derived = doc.derived();
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
