//! A clickable cell of role letters, painted directly: the inspector and
//! the AECI table show dozens every frame, and a `Button` or selectable
//! label costs several times more.

/// Role letters (`text`) centred in a click area of `size`, lit when `lit`,
/// shaded while hovered, ringed while it has the keyboard's focus.
pub fn letters_cell(ui: &mut egui::Ui, size: egui::Vec2, text: &str, lit: bool) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, lit);
        if lit || response.hovered() {
            ui.painter()
                .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        }
        // Reached by Tab, the cell shows where the keyboard is.
        if response.has_focus() {
            let stroke = ui.visuals().selection.stroke;
            let (radius, kind) = (visuals.corner_radius, egui::StrokeKind::Inside);
            ui.painter().rect_stroke(rect, radius, stroke, kind);
        }
        if !text.is_empty() {
            ui.painter().text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                text,
                egui::TextStyle::Monospace.resolve(ui.style()),
                ui.visuals().strong_text_color(),
            );
        }
    }
    response
}
