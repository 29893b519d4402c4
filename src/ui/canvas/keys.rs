//! Keyboard input on the canvas: delete, select all, duplicate, fit,
//! 100 %, copy/cut/paste and nudging.

use super::*;

pub(super) fn keyboard_input(
    ui: &egui::Ui,
    selection: &mut Selection,
    camera: &mut Camera,
    process: &Process,
    layout: &ChartLayout,
    rect: egui::Rect,
    intents: &mut Vec<Command>,
) {
    use egui::{Key, KeyboardShortcut, Modifiers};
    let cmd = Modifiers::COMMAND;
    ui.input_mut(|i| {
        if i.consume_key(Modifiers::NONE, Key::Escape) {
            selection.clear();
            intents.push(Command::SetTool(Tool::Select));
        }
        if i.consume_key(Modifiers::NONE, Key::Delete)
            || i.consume_key(Modifiers::NONE, Key::Backspace)
        {
            intents.push(Command::DeleteSelection);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::A)) {
            *selection = Selection {
                steps: process.steps.keys().copied().collect(),
                ..Selection::default()
            };
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::D)) {
            intents.push(Command::Duplicate);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Num0))
            || i.consume_key(Modifiers::NONE, Key::F)
        {
            fit(camera, layout, rect);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Num1)) {
            zoom_at(camera, rect, rect.center(), 1.0 / camera.zoom);
        }
        let copy = i.events.iter().any(|e| matches!(e, egui::Event::Copy));
        let cut = i.events.iter().any(|e| matches!(e, egui::Event::Cut));
        let paste = i.events.iter().any(|e| matches!(e, egui::Event::Paste(_)));
        if copy {
            intents.push(Command::Copy);
        }
        if cut {
            intents.push(Command::Cut);
        }
        if paste {
            let view = ViewTransform {
                origin: rect.min + camera.offset,
                zoom: camera.zoom,
            };
            let at = i
                .pointer
                .hover_pos()
                .filter(|p| rect.contains(*p))
                .unwrap_or(rect.center());
            intents.push(Command::Paste(Some(view.to_chart(at))));
        }
        let step = if i.modifiers.shift { 1.0 } else { GRID };
        let nudge = [
            (Key::ArrowLeft, -step, 0.0),
            (Key::ArrowRight, step, 0.0),
            (Key::ArrowUp, 0.0, -step),
            (Key::ArrowDown, 0.0, step),
        ];
        for (key, dx, dy) in nudge {
            if (i.consume_key(Modifiers::NONE, key) || i.consume_key(Modifiers::SHIFT, key))
                && !selection.steps.is_empty()
            {
                let bands = Bands::of(layout, process.orientation);
                let moves: Vec<Edit> = selection
                    .steps
                    .iter()
                    .filter_map(|id| {
                        let c = layout.boxes.get(id)?.center();
                        bands.move_to(*id, Point::new(c.x + dx, c.y + dy))
                    })
                    .collect();
                intents.push(Command::Edit(Edit::Batch(moves)));
            }
        }
    });
}
