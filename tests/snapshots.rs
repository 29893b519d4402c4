//! Image snapshots of key editor views (kittest + wgpu on lavapipe). They
//! run with `--features snapshots`; `UPDATE_SNAPSHOTS=1` rewrites the
//! references in `tests/snapshots/`.

#![cfg(feature = "snapshots")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use egui_kittest::Harness;
use flowcase::document::Document;
use flowcase::lang::Lang;
use flowcase::ui::{AppContext, Editor, Selection, Tab, editor_ui};

fn harness(editor: Editor) -> Harness<'static, Editor> {
    let mut app = AppContext::default();
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_accessibility_check(false)
        .with_theme(egui::Theme::Light)
        .with_context_setup(flowcase::ui::setup_context)
        .build_ui_state(
            move |ui, ed: &mut Editor| editor_ui(ed, &mut app, ui),
            editor,
        );
    h.run_steps(6);
    h
}

fn sample_editor() -> Editor {
    Editor::new(Document::new(sample_1_9(), None), Lang::Zh)
}

#[test]
fn the_chart_with_a_step_selected_looks_right() {
    let mut ed = sample_editor();
    let plan = step_titled(ed.doc.process(), "制定客户开发计划");
    ed.selection = Selection::only_step(plan);
    let mut h = harness(ed);
    h.run_steps(2);
    h.snapshot("chart_with_selection");
}

#[test]
fn the_overview_form_looks_right() {
    let mut ed = sample_editor();
    ed.tab = Tab::Overview;
    let mut h = harness(ed);
    h.snapshot("overview_form");
}

#[test]
fn the_full_table_looks_right() {
    let mut ed = sample_editor();
    ed.tab = Tab::Table;
    let mut h = harness(ed);
    h.snapshot("aeci_table");
}
