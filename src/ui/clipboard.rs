//! Copy, cut, paste, duplicate and delete of selected steps. Pasted steps
//! get new ids, keep their roles where the lanes exist, and keep the
//! connectors between them.

use super::state::{DocOp, Editor, Selection};
use crate::document::Clip;
use crate::layout::Point;
use crate::model::{Connector, Edit, EditError, FlowPoint, Process, StepId};
use std::collections::BTreeMap;

/// Copies the selected steps: the clipboard is the application's, set at
/// the end of the frame.
pub fn copy(ed: &mut Editor) {
    let selected = ed.selection.steps.clone();
    if selected.is_empty() {
        return;
    }
    let (process, derived) = (ed.doc.process(), ed.doc.derived());
    let steps = selected
        .iter()
        .filter_map(|id| {
            Some((
                process.steps.get(id)?.clone(),
                derived.layout.boxes.get(id)?.center(),
            ))
        })
        .collect();
    let connectors = process
        .connectors
        .values()
        .filter(|c| selected.contains(&c.from) && selected.contains(&c.to))
        .cloned()
        .collect();
    ed.queue(DocOp::SetClipboard(Clip { steps, connectors }));
}

pub fn delete_selection(ed: &mut Editor) {
    let mut edits: Vec<Edit> = ed
        .selection
        .connectors
        .iter()
        .filter(|c| {
            let p = ed.doc.process();
            p.connectors.get(c).is_some_and(|c| {
                !ed.selection.steps.contains(&c.from) && !ed.selection.steps.contains(&c.to)
            })
        })
        .map(|c| Edit::RemoveConnector(*c))
        .collect();
    edits.extend(ed.selection.steps.iter().map(|s| Edit::RemoveStep(*s)));
    if !edits.is_empty() {
        ed.edit(Edit::Batch(edits));
    }
    ed.selection.clear();
}

impl Editor {
    /// Pastes `clip` centred on `at` (or offset from the originals), and
    /// selects what was pasted. Applied at once: called while the frame's
    /// commands are applied.
    pub(super) fn paste(&mut self, clip: &Clip, at: Option<Point>) -> Result<(), EditError> {
        if clip.steps.is_empty() {
            return Ok(());
        }
        let (process, derived) = (self.doc.process(), self.doc.derived());
        let bands = super::canvas::Bands::of(&derived.layout, process.orientation);
        let n = clip.steps.len() as f32;
        let center = clip.steps.iter().fold(Point::new(0.0, 0.0), |a, (_, c)| {
            Point::new(a.x + c.x / n, a.y + c.y / n)
        });
        let (dx, dy) = match at {
            Some(p) => (p.x - center.x, p.y - center.y),
            None => (30.0, 30.0),
        };
        let (edits, new_ids) = paste_edits(process, clip, &bands, dx, dy);
        if edits.is_empty() {
            return Ok(());
        }
        self.doc.apply(Edit::Batch(edits))?;
        self.selection = Selection {
            steps: new_ids.into_iter().collect(),
            ..Selection::default()
        };
        Ok(())
    }
}

fn paste_edits(
    process: &Process,
    clip: &Clip,
    bands: &super::canvas::Bands,
    dx: f32,
    dy: f32,
) -> (Vec<Edit>, Vec<StepId>) {
    let ids: BTreeMap<StepId, StepId> = clip
        .steps
        .iter()
        .zip(process.next_step_id().0..)
        .map(|((step, _), n)| (step.id, StepId(n)))
        .collect();
    let mut edits = Vec::new();
    for (step, c) in &clip.steps {
        let target = Point::new(c.x + dx, c.y + dy);
        let Some((lane, phase, at)) = bands.locate(target) else {
            continue;
        };
        let mut s = step.clone();
        s.id = ids[&step.id];
        s.lane = lane;
        s.phase = phase;
        s.at = FlowPoint::new(at.along, at.across);
        s.roles.retain(|l, _| process.lane(*l).is_some());
        s.group = step.group.and_then(|g| ids.get(&g).copied());
        s.pinned_number = None;
        edits.push(Edit::AddStep(s));
    }
    let mut next_c = process.next_connector_id().0;
    for c in &clip.connectors {
        if let (Some(from), Some(to)) = (ids.get(&c.from), ids.get(&c.to)) {
            edits.push(Edit::AddConnector(Connector {
                id: crate::model::ConnectorId(next_c),
                from: *from,
                to: *to,
                label: c.label.clone(),
            }));
            next_c += 1;
        }
    }
    // Grouped steps first need their heads: add heads (ungrouped) first.
    edits.sort_by_key(|e| match e {
        Edit::AddStep(s) => (0, s.group.is_some() as u8),
        _ => (1, 0),
    });
    (edits, ids.values().copied().collect())
}
