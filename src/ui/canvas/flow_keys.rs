//! Working the chart from the keyboard: Tab and Shift+Tab walk the steps
//! in flow order, Alt+Up and Alt+Down hand the selected step to the lane
//! above or below, and Ctrl+Enter adds the next step after it.

use super::*;
use crate::model::Numbering;

/// The steps in flow order: numbered ones by number, then the rest (notes,
/// documents) by id.
pub(super) fn flow_order(process: &Process, numbering: &Numbering) -> Vec<StepId> {
    let mut steps: Vec<(u32, StepId)> = process
        .steps
        .keys()
        .map(|id| (numbering.of(*id).unwrap_or(u32::MAX), *id))
        .collect();
    steps.sort();
    steps.into_iter().map(|(_, id)| id).collect()
}

/// The step after (or before, `back`) the selected one in flow order; the
/// first (or last) when none is selected.
fn next_in_flow(
    process: &Process,
    numbering: &Numbering,
    selected: Option<StepId>,
    back: bool,
) -> Option<StepId> {
    let order = flow_order(process, numbering);
    let n = order.len();
    if n == 0 {
        return None;
    }
    let at = selected.and_then(|id| order.iter().position(|s| *s == id));
    let i = match (at, back) {
        (Some(i), false) => (i + 1) % n,
        (Some(i), true) => (i + n - 1) % n,
        (None, false) => 0,
        (None, true) => n - 1,
    };
    Some(order[i])
}

/// The move handing step `id` to the lane `by` places from its own
/// (−1: above or left), keeping its place along the flow; none past the
/// first or last lane.
fn to_next_lane(process: &Process, layout: &ChartLayout, id: StepId, by: isize) -> Option<Edit> {
    let step = process.steps.get(&id)?;
    let here = process.lanes.iter().position(|l| l.id == step.lane)?;
    let lane = process.lanes.get(here.checked_add_signed(by)?)?;
    let band = layout.lanes.iter().find(|b| b.id == lane.id)?.rect.center();
    let c = layout.boxes.get(&id)?.center();
    let p = match process.orientation {
        Orientation::Horizontal => Point::new(c.x, band.y),
        Orientation::Vertical => Point::new(band.x, c.y),
    };
    Bands::of(layout, process.orientation).move_to(id, p)
}

/// The keys of the flow, with the selection and the chart as they are.
pub(super) fn flow_keys(
    ui: &egui::Ui,
    selection: &mut Selection,
    camera: &mut Camera,
    (process, layout, numbering): (&Process, &ChartLayout, &Numbering),
    rect: egui::Rect,
    intents: &mut Vec<Command>,
) {
    use egui::{Key, Modifiers};
    let selected = selection.single_step();
    ui.input_mut(|i| {
        // Shift first: a key without modifiers matches with Shift held too.
        for (modifiers, back) in [(Modifiers::SHIFT, true), (Modifiers::NONE, false)] {
            if i.consume_key(modifiers, Key::Tab)
                && let Some(id) = next_in_flow(process, numbering, selected, back)
            {
                *selection = Selection::only_step(id);
                if let Some(r) = layout.boxes.get(&id) {
                    scroll_into_view(camera, rect, r);
                }
            }
        }
        for (key, by) in [(Key::ArrowUp, -1), (Key::ArrowDown, 1)] {
            if i.consume_key(Modifiers::ALT, key)
                && let Some(edit) = selected.and_then(|id| to_next_lane(process, layout, id, by))
            {
                intents.push(Command::Edit(edit));
            }
        }
        if i.consume_key(Modifiers::COMMAND, Key::Enter)
            && let Some(from) = selected
        {
            intents.push(Command::AddNextStep(from));
        }
    });
}

/// The step Ctrl+Enter adds after `from`: in its lane, a box and a gap
/// further along the flow (E in the lane, as every new work step).
pub fn next_step(
    process: &Process,
    layout: &ChartLayout,
    from: StepId,
    lang: Lang,
) -> Option<Step> {
    let r = layout.boxes.get(&from)?;
    let c = r.center();
    let p = match process.orientation {
        Orientation::Horizontal => Point::new(r.max.x + GAP + r.width() / 2.0, c.y),
        Orientation::Vertical => Point::new(c.x, r.max.y + GAP + r.height() / 2.0),
    };
    new_step(process, layout, StepKind::Process, p, lang)
}

/// The room left between a step and the one Ctrl+Enter adds after it.
const GAP: f32 = 60.0;
