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
