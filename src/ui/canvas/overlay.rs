//! What the canvas draws over the scene: the grid, the selection with its
//! connect handles, warning badges and their tooltips.

use super::*;

/// Faint lines every five grid steps over the chart's content area.
pub(super) fn paint_grid(
    painter: &egui::Painter,
    view: ViewTransform,
    visible: &Rect,
    content: &Rect,
) {
    let step = GRID * 5.0;
    if step * view.zoom < 8.0 {
        return; // too dense to help
    }
    let stroke = Stroke::new(1.0, Color32::from_rgba_unmultiplied(30, 78, 140, 28));
    let (x0, x1) = (
        visible.min.x.max(content.min.x),
        visible.max.x.min(content.max.x),
    );
    let (y0, y1) = (
        visible.min.y.max(content.min.y),
        visible.max.y.min(content.max.y),
    );
    let mut x = (x0 / step).ceil() * step;
    while x <= x1 {
        painter.line_segment(
            [
                view.to_screen(Point::new(x, y0)),
                view.to_screen(Point::new(x, y1)),
            ],
            stroke,
        );
        x += step;
    }
    let mut y = (y0 / step).ceil() * step;
    while y <= y1 {
        painter.line_segment(
            [
                view.to_screen(Point::new(x0, y)),
                view.to_screen(Point::new(x1, y)),
            ],
            stroke,
        );
        y += step;
    }
}

/// The step under the pointer, counting its connect handles as part of it.
pub(super) fn hovered_step(layout: &ChartLayout, view: ViewTransform, pos: Pos2) -> Option<StepId> {
    let reach = (HANDLE + 2.0) / view.zoom;
    let p = view.to_chart(pos);
    layout
        .boxes
        .iter()
        .rev()
        .find(|(_, r)| {
            p.x >= r.min.x - reach
                && p.x <= r.max.x + reach
                && p.y >= r.min.y - reach
                && p.y <= r.max.y + reach
        })
        .map(|(id, _)| *id)
}

/// The connect handles of a hovered step, fainter than a selected one's:
/// a hint that an arrow can be dragged from there.
pub(super) fn paint_hover_handles(
    painter: &egui::Painter,
    layout: &ChartLayout,
    hovered: Option<StepId>,
    view: ViewTransform,
) {
    let Some(r) = hovered.and_then(|id| layout.boxes.get(&id)) else {
        return;
    };
    let stroke = Stroke::new(1.5, SELECT_COLOR.gamma_multiply(0.7));
    for h in handles(r, view) {
        painter.circle(h, HANDLE, Color32::WHITE, stroke);
    }
}

/// What to do on an empty process, in the middle of its lanes.
pub(super) fn paint_empty_hint(
    painter: &egui::Painter,
    layout: &ChartLayout,
    view: ViewTransform,
    lang: Lang,
) {
    let at = view.to_screen(layout.content.center());
    painter.text(
        at,
        egui::Align2::CENTER_CENTER,
        tr(lang, S::EmptyChartHint),
        egui::FontId::proportional(15.0),
        Color32::from_gray(110),
    );
}

pub(super) fn paint_selection(
    painter: &egui::Painter,
    process: &Process,
    derived: &Derived,
    selection: &Selection,
    view: ViewTransform,
) {
    let layout = &derived.layout;
    let stroke = Stroke::new(2.0, SELECT_COLOR);
    for id in &selection.steps {
        if let Some(r) = layout.boxes.get(id) {
            painter.rect_stroke(
                view.rect_to_screen(r).expand(3.0),
                3.0,
                stroke,
                egui::StrokeKind::Outside,
            );
        }
    }
    if let Some(id) = selection.single_step()
        && let Some(r) = layout.boxes.get(&id)
    {
        for h in handles(r, view) {
            painter.circle(h, HANDLE, Color32::WHITE, stroke);
        }
    }
    for id in &selection.connectors {
        if let Some(route) = layout.routes.get(id) {
            let pts: Vec<Pos2> = route.iter().map(|p| view.to_screen(*p)).collect();
            painter.add(egui::Shape::line(
                pts,
                Stroke::new(4.0, SELECT_COLOR.gamma_multiply(0.5)),
            ));
        }
    }
    let band_stroke = Stroke::new(2.5, SELECT_COLOR);
    if let Some(lane) = selection.lane
        && let Some(b) = layout.lanes.iter().find(|b| b.id == lane)
    {
        painter.rect_stroke(
            view.rect_to_screen(&b.header),
            0.0,
            band_stroke,
            egui::StrokeKind::Inside,
        );
    }
    if let Some(phase) = selection.phase
        && let Some(b) = layout.phases.iter().find(|b| b.id == phase)
    {
        painter.rect_stroke(
            view.rect_to_screen(&b.header),
            0.0,
            band_stroke,
            egui::StrokeKind::Inside,
        );
    }
    let _ = process;
}

/// A small amber badge on every step with a warning.
pub(super) fn paint_warning_badges(
    painter: &egui::Painter,
    derived: &Derived,
    view: ViewTransform,
) {
    let steps = derived.analysis.warned_steps();
    for id in steps {
        if let Some(r) = derived.layout.boxes.get(&id) {
            let c = view.to_screen(Point::new(r.max.x, r.min.y));
            let radius = (7.0 * view.zoom).clamp(4.0, 10.0);
            painter.circle(
                c,
                radius,
                Color32::from_rgb(0xf5, 0x9e, 0x0b),
                Stroke::new(1.0, Color32::WHITE),
            );
            painter.text(
                c,
                egui::Align2::CENTER_CENTER,
                "!",
                egui::FontId::proportional(radius * 1.5),
                Color32::WHITE,
            );
        }
    }
}

pub(super) fn warning_tooltip(response: &egui::Response, derived: &Derived, p: Point, lang: Lang) {
    let Some(Source::Step(id)) = hit_test(&derived.layout, p, 0.0) else {
        return;
    };
    let messages: Vec<String> = derived
        .analysis
        .warnings
        .iter()
        .filter(|w| w.subject == Subject::Step(id))
        .map(|w| w.message(lang))
        .collect();
    if !messages.is_empty() {
        response.clone().on_hover_ui_at_pointer(|ui| {
            for m in messages {
                ui.label(format!("▲ {m}"));
            }
        });
    }
}
