//! In the Chinese interface a failure reads in Chinese: a bad BPMN or
//! draw.io file, a bad table, a failed export and a recovery copy that
//! cannot be written each say what went wrong in words the user reads,
//! never an English sentence from deep inside.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flowcase::export::ExportOptions;
use flowcase::format::save;
use flowcase::lang::Lang;
use flowcase::recovery::RecoveryStore;
use flowcase::ui::{Settings, Shell, shell_ui};
use std::path::Path;

fn chinese() -> Settings {
    Settings {
        language: Some("zh".into()),
        ..Settings::default()
    }
}

fn han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The message in front, shown in the window's status line, in Chinese
/// and without an English sentence.
fn said_in_chinese(shell: Shell) -> String {
    let said = shell.docs[shell.active]
        .editor
        .message
        .clone()
        .expect("the failure is said");
    assert!(han(&said), "{said}");
    for english in ["the ", " is not ", "could not", "cannot ", "malformed"] {
        assert!(!said.contains(english), "an English sentence in: {said}");
    }
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_accessibility_check(false)
        .with_context_setup(flowcase::ui::setup_context)
        .build_ui_state(|ui, shell: &mut Shell| shell_ui(shell, ui), shell);
    h.run_steps(3);
    let start: String = said.chars().take(12).collect();
    assert!(
        h.query_by_label_contains(&start).is_some(),
        "shown in the window: {said}"
    );
    said
}

fn import_into_a_new_window(file: &Path) -> String {
    let mut shell = Shell::new(Vec::new(), chinese(), None);
    shell.import_path(file);
    said_in_chinese(shell)
}

#[test]
fn a_bpmn_file_cut_short_is_refused_in_chinese_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("索赔.bpmn");
    std::fs::write(
        &file,
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<process id=\"p\">",
    )
    .unwrap();
    let said = import_into_a_new_window(&file);
    assert!(said.contains("XML 格式错误"), "{said}");
    assert!(said.contains("文件在元素结束之前就结束了"), "{said}");
}

#[test]
fn a_draw_io_page_that_does_not_decode_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("流程.drawio");
    std::fs::write(
        &file,
        "<mxfile><diagram id=\"a\">@@not-base64@@</diagram></mxfile>",
    )
    .unwrap();
    let said = import_into_a_new_window(&file);
    assert!(said.contains("第 1 页是压缩的"), "{said}");
}

#[test]
fn a_workbook_that_is_not_one_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("职责表.xlsx");
    std::fs::write(&file, "not a zip at all").unwrap();
    import_into_a_new_window(&file);
}

#[test]
fn an_export_to_a_type_flowcase_does_not_write_or_over_its_source_says_why_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("关键客户开发.ron");
    save(&sample_1_9(), &file).unwrap();
    let options = ExportOptions {
        lang: Lang::Zh,
        ..ExportOptions::default()
    };
    let mut shell = Shell::new(vec![file.clone()], chinese(), None);
    let key = shell.docs[0].key.clone();
    shell.export_to(&key, &dir.path().join("关键客户开发.doc"), &options);
    let said = said_in_chinese(shell);
    assert!(said.contains("未知的导出类型“.doc”"), "{said}");

    let mut shell = Shell::new(vec![file.clone()], chinese(), None);
    shell.export_to(&key_of(&shell), &file.with_extension("ron"), &options);
    let said = said_in_chinese(shell);
    assert!(said.contains("导出会替换它所依据的文件"), "{said}");
}

fn key_of(shell: &Shell) -> String {
    shell.docs[shell.active].key.clone()
}

#[test]
fn a_recovery_copy_that_cannot_be_written_is_said_once_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("关键客户开发.ron");
    save(&sample_1_9(), &file).unwrap();
    // The recovery folder's place is taken by a file: nothing can be
    // written there.
    let blocked = dir.path().join("recovery");
    std::fs::write(&blocked, "a file, not a folder").unwrap();
    let mut shell = Shell::new(vec![file], chinese(), Some(RecoveryStore::new(blocked)));
    {
        let ed = &mut shell.docs[0].editor;
        let lane = ed.doc.process().lanes[0].id;
        ed.edit(flowcase::model::Edit::RenameLane {
            id: lane,
            name: "大区(华东)".into(),
        });
        ed.flush(&mut shell.app);
    }
    for now in [1.0, 100.0] {
        shell.autosave_tick(now);
    }
    let first = shell.docs[0].editor.message.take();
    assert!(first.is_some(), "said");
    for now in [200.0, 1_000.0] {
        shell.autosave_tick(now);
    }
    assert_eq!(
        shell.docs[0].editor.message, None,
        "said once, not again and again"
    );
    shell.docs[0].editor.message = first;
    let said = said_in_chinese(shell);
    assert!(said.contains("无法写入恢复副本"), "{said}");
}

#[test]
fn an_old_visio_vsd_is_refused_in_chinese_with_the_advice_to_save_as_vsdx() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("客户流程.vsd");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend([0u8; 1024]);
    std::fs::write(&file, bytes).unwrap();
    let said = import_into_a_new_window(&file);
    assert!(said.contains("另存为 .vsdx"), "{said}");
}
