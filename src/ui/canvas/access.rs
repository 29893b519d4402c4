//! The chart for screen readers: each step an accessible node in flow
//! order — its number, title, kind, lane, letters and the steps it leads
//! to — marked selected as the keyboard selection moves. Made only while
//! AccessKit is on (a screen reader, or a test).

use super::super::state::Editor;
use super::ViewTransform;
use crate::model::{Process, StepId, role_cell};
use crate::text::{S, fill};
use egui::accesskit::Role;

/// Adds a node per step under the canvas's `ui`, in flow order.
pub(super) fn step_nodes(ui: &egui::Ui, canvas: &egui::Response, ed: &Editor, view: ViewTransform) {
    let on = ui.ctx().accesskit_node_builder(canvas.id, |_| ()).is_some();
    if !on {
        return;
    }
    canvas.widget_info(|| egui::WidgetInfo::labeled(Role::Canvas, true, ed.t(S::TabChart)));
    let (process, derived) = (ed.doc.process(), ed.doc.derived());
    for id in super::flow_keys::flow_order(process, &derived.analysis.numbering) {
        let Some(r) = derived.layout.boxes.get(&id) else {
            continue;
        };
        let rect = egui::Rect::from_min_max(view.to_screen(r.min), view.to_screen(r.max));
        let node = ui.interact(rect, canvas.id.with(("step", id)), egui::Sense::hover());
        let label = step_words(process, ed, id);
        let selected = ed.selection.steps.contains(&id);
        node.widget_info(|| egui::WidgetInfo::labeled(Role::ListItem, true, &label));
        // Selected as a list item is, not toggled as a button would be.
        ui.ctx()
            .accesskit_node_builder(node.id, |n| n.set_selected(selected));
    }
}

/// A step in words: `3 · 确定目标关键客户名单 · 步骤 · 泳道 特殊商务分部 ·
/// 特殊商务分部 A,E;大区 C · 下一步 4`.
fn step_words(process: &Process, ed: &Editor, id: StepId) -> String {
    let Some(step) = process.steps.get(&id) else {
        return String::new();
    };
    let numbering = &ed.doc.derived().analysis.numbering;
    let number = numbering.of(id).map(|n| n.to_string()).unwrap_or_default();
    let lane = process
        .lane(step.lane)
        .map(|l| l.name.as_str())
        .unwrap_or("");
    let letters: Vec<String> = process
        .lanes
        .iter()
        .filter_map(|l| {
            let set = role_cell(&step.roles, l.id);
            (!set.is_empty()).then(|| format!("{} {set}", l.name))
        })
        .collect();
    let next: Vec<String> = process
        .connectors
        .values()
        .filter(|c| c.from == id)
        .filter_map(|c| {
            let to = process.steps.get(&c.to)?;
            Some(match numbering.of(c.to) {
                Some(n) => n.to_string(),
                None => to.title.clone(),
            })
        })
        .collect();
    let kind = super::super::inspector::kind_name(ed, &step.kind);
    let values: [(&str, &dyn std::fmt::Display); 6] = [
        ("number", &number),
        ("title", &step.title),
        ("kind", &kind),
        ("lane", &lane),
        ("letters", &letters.join(";")),
        ("next", &next.join("、")),
    ];
    fill(ed.lang, S::AccessStep, &values).trim().to_owned()
}
