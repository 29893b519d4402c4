//! Driving the editor as a user does (egui_kittest, headless): a harness
//! around one editor, clicks, drags and typing at chart points.

use super::*;
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use flowcase::document::Document;
use flowcase::lang::Lang;
use flowcase::layout::Point;
use flowcase::model::{LaneId, Process, StepId};
use flowcase::ui::{AppContext, Editor, editor_ui};

pub fn harness(process: Process) -> Harness<'static, Editor> {
    let editor = Editor::new(Document::new(process, None), Lang::Zh);
    let mut app = AppContext::default();
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_accessibility_check(false)
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(flowcase::ui::setup_context)
        .build_ui_state(
            move |ui, ed: &mut Editor| editor_ui(ed, &mut app, ui),
            editor,
        );
    h.run_steps(4);
    h
}

/// Where a chart point is on the screen now.
pub fn screen(h: &Harness<Editor>, p: Point) -> Pos2 {
    let ed = h.state();
    let rect = ed.canvas.rect.unwrap();
    let origin = rect.min + ed.camera.offset;
    Pos2::new(
        origin.x + p.x * ed.camera.zoom,
        origin.y + p.y * ed.camera.zoom,
    )
}

pub fn layout_of(h: &mut Harness<Editor>) -> flowcase::layout::ChartLayout {
    h.state_mut().doc.refresh().layout.clone()
}

pub fn click_at(h: &mut Harness<Editor>, pos: Pos2, times: usize) {
    h.hover_at(pos);
    // Half a second since any earlier click, as a person takes, so a
    // double click is not merged with the click before it.
    h.run_steps(30);
    for _ in 0..times {
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            h.run_steps(1);
        }
    }
    h.run_steps(2);
}

pub fn drag(h: &mut Harness<Editor>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(2);
    let steps = 6;
    for i in 1..=steps {
        let t = i as f32 / steps as f32;
        h.hover_at(from + (to - from) * t);
        h.run_steps(1);
    }
    h.drop_at(to);
    h.run_steps(3);
}

pub fn type_text(h: &mut Harness<Editor>, text: &str) {
    h.event(Event::Text(text.to_owned()));
    h.run_steps(1);
}

/// A free spot in a lane: right of every box in it, mid-height.
pub fn free_spot(layout: &flowcase::layout::ChartLayout, lane: LaneId) -> Point {
    let band = layout.lanes.iter().find(|b| b.id == lane).unwrap().rect;
    let y = band.center().y;
    let x = layout
        .boxes
        .values()
        .filter(|r| r.min.y < band.max.y && r.max.y > band.min.y)
        .map(|r| r.max.x)
        .fold(layout.content.min.x, f32::max)
        + 120.0;
    Point::new(x, y)
}

pub fn center_of(h: &mut Harness<Editor>, step: StepId) -> Pos2 {
    let r = layout_of(h).boxes[&step];
    screen(h, r.center())
}

pub fn process(h: &Harness<Editor>) -> Process {
    h.state().doc.process().clone()
}

pub fn secondary_click_at(h: &mut Harness<Editor>, pos: Pos2) {
    h.hover_at(pos);
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(1);
}

pub fn lane_header(h: &mut Harness<Editor>, name: &str) -> Pos2 {
    let lane = lane_named(h.state().doc.process(), name);
    let band = layout_of(h)
        .lanes
        .into_iter()
        .find(|b| b.id == lane)
        .unwrap();
    screen(h, band.header.center())
}

pub fn undo(h: &mut Harness<Editor>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
}

pub fn redo(h: &mut Harness<Editor>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
}

/// The whole window (tabs, the 流程清单, dialogs) around `shell`, headless.
pub fn shell_harness(shell: flowcase::ui::Shell) -> Harness<'static, flowcase::ui::Shell> {
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_accessibility_check(false)
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(flowcase::ui::setup_context)
        .build_ui_state(
            |ui, shell: &mut flowcase::ui::Shell| flowcase::ui::shell_ui(shell, ui),
            shell,
        );
    h.run_steps(4);
    h
}

/// The window in Chinese, opened on `paths` (files and library folders).
pub fn chinese_window(paths: Vec<std::path::PathBuf>) -> Harness<'static, flowcase::ui::Shell> {
    let settings = flowcase::ui::Settings {
        language: Some("zh".into()),
        ..flowcase::ui::Settings::default()
    };
    shell_harness(flowcase::ui::Shell::new(paths, settings, None))
}

/// The window in Chinese on the library at `root`, its 分析 page shown.
pub fn analysis_page(root: &std::path::Path) -> Harness<'static, flowcase::ui::Shell> {
    use egui_kittest::kittest::Queryable;
    let mut h = chinese_window(vec![root.to_owned()]);
    h.get_by_label("分析").click();
    h.run_steps(3);
    h
}
