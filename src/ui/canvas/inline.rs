//! In-place editing on the canvas: step titles, connector labels, lane
//! and phase names, typed in a text box over the thing being renamed.

use super::*;

/// An edit box over the canvas.
pub struct InlineEdit {
    pub target: InlineTarget,
    pub buffer: String,
    pub(super) focus_requested: bool,
}

impl InlineEdit {
    /// The inline editor opened on `target` with `text` to edit.
    pub fn new(target: InlineTarget, text: String) -> InlineEdit {
        InlineEdit {
            target,
            buffer: text,
            focus_requested: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InlineTarget {
    StepTitle(StepId),
    ConnectorLabel(ConnectorId),
    LaneName(LaneId),
    PhaseName(PhaseId),
}

impl InlineTarget {
    pub fn field_id(self) -> egui::Id {
        egui::Id::unique(("inline", format!("{self:?}")))
    }
}

/// Where the inline editor for a target sits, in screen coordinates.
pub(super) fn inline_rect(
    target: InlineTarget,
    layout: &ChartLayout,
    view: ViewTransform,
) -> Option<egui::Rect> {
    let r = match target {
        InlineTarget::StepTitle(id) => *layout.boxes.get(&id)?,
        InlineTarget::ConnectorLabel(id) => {
            let route = layout.routes.get(&id)?;
            let p = route.first()?;
            Rect::from_center_size(Point::new(p.x + 40.0, p.y - 12.0), 80.0, 24.0)
        }
        InlineTarget::LaneName(id) => layout.lanes.iter().find(|b| b.id == id)?.header,
        InlineTarget::PhaseName(id) => layout.phases.iter().find(|b| b.id == id)?.header,
    };
    Some(view.rect_to_screen(&r))
}

/// The text box over a step, connector or header being renamed.
pub(super) fn inline_editor(ed: &mut Editor, ui: &mut egui::Ui, canvas: egui::Rect) {
    let Some(inline) = &mut ed.canvas.inline else {
        return;
    };
    let target = inline.target;
    let area = {
        let view = ViewTransform {
            origin: canvas.min + ed.camera.offset,
            zoom: ed.camera.zoom,
        };
        let layout = &ed.doc.derived().layout;
        inline_rect(target, layout, view)
    };
    let Some(area) = area else {
        // A step created this frame is not laid out yet; wait a frame.
        if ed.canvas.inline.as_ref().is_some_and(|i| i.focus_requested) {
            ed.canvas.inline = None;
            ed.end_typing();
        }
        return;
    };
    let Some(inline) = &mut ed.canvas.inline else {
        return;
    };
    let area = egui::Rect::from_min_size(
        area.min,
        Vec2::new(area.width().max(120.0), area.height().max(28.0)),
    );
    let id = target.field_id();
    let before = inline.buffer.clone();
    let edit = egui::TextEdit::multiline(&mut inline.buffer)
        .id(id)
        .desired_rows(1)
        .desired_width(area.width());
    let response = ui.put(area, edit);
    if !inline.focus_requested {
        // Focus with the whole text selected, so typing replaces it.
        response.request_focus();
        let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
        state
            .cursor
            .set_char_range(Some(egui::text_selection::CCursorRange::select_all_str(
                &inline.buffer,
            )));
        state.store(ui.ctx(), id);
        inline.focus_requested = true;
    }
    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.shift);
    let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
    let text = inline.buffer.trim_end_matches('\n').to_owned();
    let changed = text != before.trim_end_matches('\n');
    if enter {
        inline.buffer = text.clone();
    }
    let finished = (enter || escape || response.lost_focus()) && inline.focus_requested;
    if changed || enter {
        let edit = match target {
            InlineTarget::StepTitle(step) => Edit::SetStep {
                id: step,
                field: StepField::Title(text.clone()),
            },
            InlineTarget::ConnectorLabel(c) => Edit::SetConnectorLabel {
                id: c,
                label: (!text.trim().is_empty()).then(|| text.trim().to_owned()),
            },
            InlineTarget::LaneName(lane) => Edit::RenameLane {
                id: lane,
                name: text.clone(),
            },
            InlineTarget::PhaseName(phase) => Edit::RenamePhase {
                id: phase,
                name: text.clone(),
            },
        };
        ed.typed(id, edit);
    }
    if finished {
        ed.canvas.inline = None;
        ed.end_typing();
    }
}
