//! In-place editing on the canvas: step titles, connector labels, lane
//! and phase names, typed in a text box over the thing being renamed.

use super::*;

/// An edit box over the canvas.
pub struct InlineEdit {
    pub target: InlineTarget,
    pub buffer: String,
    /// The text before editing, which Esc and an empty title bring back.
    original: String,
    /// Naming a step just created (its creation and naming are one undo
    /// step, which Esc keeps).
    new_step: bool,
    pub(super) focus_requested: bool,
}

impl InlineEdit {
    /// The inline editor opened on `target` with `text` to edit.
    pub fn new(target: InlineTarget, text: String) -> InlineEdit {
        InlineEdit {
            target,
            original: text.clone(),
            buffer: text,
            new_step: false,
            focus_requested: false,
        }
    }

    /// The inline editor naming a step created with `text` as its title.
    pub fn naming_new_step(target: InlineTarget, text: String) -> InlineEdit {
        InlineEdit {
            new_step: true,
            ..InlineEdit::new(target, text)
        }
    }
}

/// How an inline edit ends.
enum Ending {
    /// Enter or a click elsewhere: the typed text stays.
    Keep,
    /// Esc, or an empty title or name: the text from before comes back.
    Restore,
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
    // Enter ends the edit and Esc cancels it: take both keys before the
    // text box, which would replace the selected text with a line break
    // or keep the typed text. (egui itself drops the focus on Esc.)
    let focused = ui.memory(|m| m.has_focus(id));
    let open = inline.focus_requested;
    let (enter, escape) = ui.input_mut(|i| {
        let enter =
            focused && !i.modifiers.shift && i.consume_key(egui::Modifiers::NONE, egui::Key::Enter);
        let escape = open && i.consume_key(egui::Modifiers::NONE, egui::Key::Escape);
        (enter, escape)
    });
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
        return;
    }
    let text = inline.buffer.trim_end_matches('\n').to_owned();
    let changed = text != before.trim_end_matches('\n');
    if changed {
        let edit = inline_edit(target, &text);
        ed.typed(id, edit);
    }
    let ending = if escape {
        Some(Ending::Restore)
    } else if enter || response.lost_focus() {
        let required = !matches!(target, InlineTarget::ConnectorLabel(_));
        if required && text.trim().is_empty() {
            ed.message = Some(ed.t(S::EmptyNameRefused).to_owned());
            Some(Ending::Restore)
        } else {
            Some(Ending::Keep)
        }
    } else {
        None
    };
    match ending {
        Some(Ending::Keep) => {
            ed.canvas.inline = None;
            ed.end_typing();
        }
        Some(Ending::Restore) => finish_restoring(ed, target, id),
        None => {}
    }
}

/// Ends an inline edit with the text from before: a rename leaves no undo
/// step; a new step keeps its default title (and its one undo step).
fn finish_restoring(ed: &mut Editor, target: InlineTarget, id: egui::Id) {
    let Some(inline) = ed.canvas.inline.take() else {
        return;
    };
    if inline.new_step {
        ed.typed(id, inline_edit(target, &inline.original));
        ed.end_typing();
    } else {
        ed.cancel_typing();
    }
}

/// The edit that sets the inline editor's target to `text`.
fn inline_edit(target: InlineTarget, text: &str) -> Edit {
    match target {
        InlineTarget::StepTitle(step) => Edit::SetStep {
            id: step,
            field: StepField::Title(text.to_owned()),
        },
        InlineTarget::ConnectorLabel(c) => Edit::SetConnectorLabel {
            id: c,
            label: (!text.trim().is_empty()).then(|| text.trim().to_owned()),
        },
        InlineTarget::LaneName(lane) => Edit::RenameLane {
            id: lane,
            name: text.to_owned(),
        },
        InlineTarget::PhaseName(phase) => Edit::RenamePhase {
            id: phase,
            name: text.to_owned(),
        },
    }
}
