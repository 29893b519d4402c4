//! The application around the documents, as a user relies on it: work is
//! never lost (recovery copies, emergency save, the unsaved prompt), bad
//! files are refused without harm, and settings persist.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use egui::{ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flowcase::format::{SaveFs, load, save};
use flowcase::model::*;
use flowcase::recovery::{RecoveryStore, emergency_update};
use flowcase::session::{NativeDialogs, portal_answers};
use flowcase::ui::{Command, PromptAnswer, Selection, Settings, Shell};
use std::path::PathBuf;
use std::sync::Arc;

/// A temp folder with a copy of the 1.9 sample and a recovery folder.
struct Workspace {
    _dir: tempfile::TempDir,
    file: PathBuf,
    store: RecoveryStore,
}

fn workspace() -> Workspace {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("关键客户开发.ron");
    save(&sample_1_9(), &file).unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    Workspace {
        _dir: dir,
        file,
        store,
    }
}

fn settings() -> Settings {
    Settings {
        language: Some("zh".into()),
        ..Settings::default()
    }
}

fn rename_first_lane(shell: &mut Shell, name: &str) {
    let ed = &mut shell.docs[shell.active].editor;
    let lane = ed.doc.process().lanes[0].id;
    ed.edit(Edit::RenameLane {
        id: lane,
        name: name.into(),
    });
    ed.flush(&mut shell.app);
}

#[test]
fn an_edit_is_copied_two_seconds_later_and_a_fresh_start_restores_it() {
    let w = workspace();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), Some(w.store.clone()));
    assert!(shell.restore_offer.is_empty());
    rename_first_lane(&mut shell, "特殊商务部");
    let edited = shell.docs[0].editor.doc.process().clone();
    shell.autosave_tick(10.0);
    assert!(
        w.store.scan().is_empty(),
        "not yet: the user may still be typing"
    );
    shell.autosave_tick(12.5);
    assert_eq!(w.store.scan().len(), 1, "a copy 2 s after the edit");
    drop(shell); // the app dies without saving

    let mut again = Shell::new(vec![], settings(), Some(w.store.clone()));
    assert_eq!(again.restore_offer.len(), 1);
    assert_eq!(
        again.restore_offer[0].original.as_deref(),
        Some(w.file.as_path())
    );
    again.restore_all(0.0);
    let restored = again
        .docs
        .iter()
        .find(|d| d.editor.doc.path.as_deref() == Some(w.file.as_path()))
        .unwrap();
    assert_eq!(restored.editor.doc.process(), &edited);
    assert!(
        restored.editor.doc.is_modified(),
        "restored work is unsaved"
    );
    assert_eq!(
        load(&w.file).unwrap(),
        sample_1_9(),
        "the original file was not touched"
    );
    assert_eq!(
        w.store.scan().len(),
        1,
        "the restored document has its own fresh copy"
    );
}

#[test]
fn saving_or_not_saving_removes_the_recovery_copy() {
    let w = workspace();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), Some(w.store.clone()));
    rename_first_lane(&mut shell, "甲");
    shell.autosave_tick(0.0);
    shell.autosave_tick(3.0);
    assert_eq!(w.store.scan().len(), 1);
    assert!(shell.save_doc(0));
    assert!(w.store.scan().is_empty(), "saved: no copy remains");
    assert_eq!(load(&w.file).unwrap().lanes[0].name, "甲");

    rename_first_lane(&mut shell, "乙");
    shell.autosave_tick(4.0);
    shell.autosave_tick(7.0);
    assert_eq!(w.store.scan().len(), 1);
    shell.request_close(vec![0], false);
    shell.answer_prompt(PromptAnswer::DontSave);
    assert!(w.store.scan().is_empty(), "don't save: no copy remains");
    assert_eq!(
        load(&w.file).unwrap().lanes[0].name,
        "甲",
        "the file keeps the saved state"
    );
}

#[test]
fn undoing_back_to_the_saved_state_removes_the_copy() {
    let w = workspace();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), Some(w.store.clone()));
    rename_first_lane(&mut shell, "甲");
    shell.autosave_tick(0.0);
    shell.autosave_tick(3.0);
    assert_eq!(w.store.scan().len(), 1);
    let ed = &mut shell.docs[0].editor;
    ed.command(flowcase::ui::Command::Undo);
    ed.flush(&mut shell.app);
    assert!(!ed.doc.is_modified());
    shell.autosave_tick(3.5);
    assert!(w.store.scan().is_empty());
}

#[test]
fn steady_editing_is_copied_at_least_every_minute() {
    let w = workspace();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), Some(w.store.clone()));
    let mut first_copy = None;
    for second in 0..70 {
        rename_first_lane(&mut shell, &format!("第{second}版"));
        shell.autosave_tick(second as f64);
        if first_copy.is_none() && !w.store.scan().is_empty() {
            first_copy = Some(second);
        }
    }
    assert_eq!(
        first_copy,
        Some(60),
        "a copy after 60 s even though the edits never paused"
    );
}

/// Writes only the first half of each file, then fails.
struct HalfWriter;

impl SaveFs for HalfWriter {
    fn write_synced(&mut self, file: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        file.write_all(&bytes[..bytes.len() / 2])?;
        Err(std::io::Error::other("disk full"))
    }
}

#[test]
fn an_interrupted_recovery_write_keeps_the_previous_copy_readable() {
    let w = workspace();
    let mut first = sample_1_9();
    first.overview.name = "第一份副本".into();
    w.store.write("doc", Some(&w.file), &first, 1).unwrap();
    let mut second = sample_1_9();
    second.overview.name = "第二份副本".into();
    // Copy 2 goes to the other slot, and dies halfway.
    assert!(
        w.store
            .write_with("doc", Some(&w.file), &second, 2, &mut HalfWriter)
            .is_err()
    );
    // And copy 3, back in the first slot, dies too.
    assert!(
        w.store
            .write_with("doc", Some(&w.file), &second, 3, &mut HalfWriter)
            .is_err()
    );
    let found = w.store.scan();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].process.overview.name, "第一份副本");
}

#[test]
fn a_panic_leaves_an_emergency_copy_that_loads() {
    let w = workspace();
    let mut work = sample_1_9();
    work.overview.name = "崩溃前的工作".into();
    flowcase::recovery::install_panic_hook();
    emergency_update(
        &w.store,
        "emergency-doc",
        Some(&w.file),
        Arc::new(work.clone()),
    );
    let result = std::thread::spawn(|| panic!("simulated crash")).join();
    assert!(result.is_err());
    let found = w.store.scan();
    let copy = found
        .iter()
        .find(|r| r.key == "emergency-doc")
        .expect("the hook wrote a copy");
    assert_eq!(copy.process, work);
    assert_eq!(copy.original.as_deref(), Some(w.file.as_path()));
}

#[test]
fn a_broken_file_is_refused_with_its_message_and_the_open_documents_stay() {
    let w = workspace();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), None);
    rename_first_lane(&mut shell, "未保存的改动");
    let before = shell.docs[0].editor.doc.process().clone();
    let broken = w.file.with_file_name("坏.ron");
    std::fs::copy(
        repo_path("tests/fixtures/bad/truncated-in-struct.ron"),
        &broken,
    )
    .unwrap();
    shell.open_path(&broken);
    let failure = shell.open_failure().cloned().expect("the failure is shown");
    assert!(
        failure.message.contains("第 14 行第 7 列"),
        "{}",
        failure.message
    );
    assert!(
        failure.message.starts_with("无法打开流程文件"),
        "in the interface language"
    );
    assert!(failure.message.ends_with(&broken.display().to_string()));
    assert_eq!(failure.backup, None);
    assert_eq!(shell.docs.len(), 1);
    assert_eq!(shell.docs[0].editor.doc.process(), &before);
}

#[test]
fn a_broken_file_with_a_backup_offers_it_as_unsaved_work() {
    let w = workspace();
    let mut changed = sample_1_9();
    changed.overview.name = "第二稿".into();
    save(&changed, &w.file).unwrap(); // the first version is now the .bak
    std::fs::write(&w.file, b"(format: 1, overview: (name: ").unwrap();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), None);
    let failure = shell
        .open_failure()
        .cloned()
        .expect("the broken file is reported");
    assert!(failure.backup.is_some());
    shell.open_backup(&failure);
    let d = shell
        .docs
        .iter()
        .find(|d| d.editor.doc.path.as_deref() == Some(w.file.as_path()))
        .unwrap();
    assert_eq!(d.editor.doc.process(), &sample_1_9());
    assert!(d.editor.doc.is_modified());
}

#[test]
fn recent_files_keep_the_last_ten_newest_first_without_repeats() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Settings::default();
    for i in 0..12 {
        s.remember(&dir.path().join(format!("{i}.ron")));
    }
    s.remember(&dir.path().join("5.ron"));
    assert_eq!(s.recent.len(), 10);
    assert!(s.recent[0].ends_with("5.ron"));
    assert_eq!(s.recent.iter().filter(|p| p.ends_with("5.ron")).count(), 1);
    let text = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<Settings>(&text).unwrap(), s);
}

fn app_harness(shell: Shell) -> Harness<'static, Shell> {
    common::driver::shell_harness(shell)
}

fn request_window_close(h: &mut Harness<Shell>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.run_steps(3);
}

#[test]
fn closing_the_window_with_unsaved_work_asks_and_cancel_keeps_everything() {
    let w = workspace();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), None);
    rename_first_lane(&mut shell, "未保存");
    let before = shell.docs[0].editor.doc.process().clone();
    let mut h = app_harness(shell);
    request_window_close(&mut h);
    assert!(
        h.query_by_label("未保存的更改").is_some(),
        "the prompt is shown"
    );
    assert!(!h.state().close_approved, "the window stays");
    h.get_by_label("取消").click();
    h.run_steps(3);
    assert!(h.query_by_label("未保存的更改").is_none());
    assert!(!h.state().close_approved);
    assert_eq!(h.state().docs[0].editor.doc.process(), &before);
    assert!(h.state().docs[0].editor.doc.is_modified());
}

#[test]
fn dont_save_closes_the_window_and_leaves_the_file_as_it_was() {
    let w = workspace();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), None);
    rename_first_lane(&mut shell, "不要的改动");
    let mut h = app_harness(shell);
    request_window_close(&mut h);
    h.get_by_label("不保存").click();
    h.run_steps(3);
    assert!(h.state().close_approved);
    assert_eq!(load(&w.file).unwrap(), sample_1_9());
}

#[test]
fn save_writes_the_file_and_closes_the_window() {
    let w = workspace();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), None);
    rename_first_lane(&mut shell, "要保存的改动");
    let mut h = app_harness(shell);
    request_window_close(&mut h);
    h.get_by_label("保存").click();
    h.run_steps(3);
    assert!(h.state().close_approved);
    assert_eq!(load(&w.file).unwrap().lanes[0].name, "要保存的改动");
}

#[test]
fn a_saved_document_closes_without_asking() {
    let w = workspace();
    let shell = Shell::new(vec![w.file.clone()], settings(), None);
    let mut h = app_harness(shell);
    request_window_close(&mut h);
    assert!(h.query_by_label("未保存的更改").is_none());
    assert!(h.state().close_approved);
}

#[test]
fn switching_the_language_in_the_view_menu_changes_the_interface_at_once() {
    let shell = Shell::new(vec![], settings(), None);
    let mut h = app_harness(shell);
    assert!(h.query_by_label("文件").is_some());
    h.get_by_label("视图").click();
    h.run_steps(2);
    h.get_by_label("English").click();
    h.run_steps(3);
    assert!(h.query_by_label("File").is_some(), "the menu is in English");
    assert!(h.query_by_label("文件").is_none());
    assert_eq!(
        h.state().app.settings.language.as_deref(),
        Some("en"),
        "and it is remembered"
    );
}

#[test]
fn steps_copied_in_one_document_paste_into_another_with_their_connector() {
    let w = workspace();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), None);
    shell.new_document();
    shell.active = 0;
    let mut h = app_harness(shell);
    // Copy two connected steps of the 1.9 chart.
    let (pair, copied_titles) = {
        let p = h.state().docs[0].editor.doc.process();
        let c = p.connectors.values().next().unwrap();
        let titles: Vec<String> = [c.from, c.to]
            .iter()
            .map(|id| p.steps[id].title.clone())
            .collect();
        ([c.from, c.to], titles)
    };
    {
        let ed = &mut h.state_mut().docs[0].editor;
        ed.selection.steps = pair.into_iter().collect();
        ed.command(Command::Copy);
    }
    h.run_steps(2);
    assert!(
        h.state().app.clipboard.is_some(),
        "the application holds the copy"
    );

    // Paste into the new, empty document.
    h.state_mut().active = 1;
    h.run_steps(2);
    let before = h.state().docs[1].editor.doc.history().undo_len();
    h.state_mut().docs[1].editor.command(Command::Paste(None));
    h.run_steps(2);
    let ed = &h.state().docs[1].editor;
    let p = ed.doc.process();
    let mut titles: Vec<String> = p.steps.values().map(|s| s.title.clone()).collect();
    let mut expected = copied_titles.clone();
    titles.sort();
    expected.sort();
    assert_eq!(titles, expected, "both steps arrive");
    assert_eq!(p.connectors.len(), 1, "with the connector between them");
    assert_eq!(ed.selection.steps.len(), 2, "and are selected");
    assert_eq!(ed.doc.history().undo_len(), before + 1, "as one undo step");

    // Duplicate there: the copies come beside them, again one undo step.
    h.state_mut().docs[1].editor.command(Command::Duplicate);
    h.run_steps(2);
    let ed = &h.state().docs[1].editor;
    assert_eq!(ed.doc.process().steps.len(), 4);
    assert_eq!(ed.doc.process().connectors.len(), 2);
    assert_eq!(ed.doc.history().undo_len(), before + 2);
}

#[test]
fn cut_steps_leave_the_chart_and_one_undo_brings_them_back() {
    let w = workspace();
    let shell = Shell::new(vec![w.file.clone()], settings(), None);
    let mut h = app_harness(shell);
    let steps = h.state().docs[0].editor.doc.process().steps.len();
    let first = *h.state().docs[0]
        .editor
        .doc
        .process()
        .steps
        .keys()
        .next()
        .unwrap();
    {
        let ed = &mut h.state_mut().docs[0].editor;
        ed.selection = Selection::only_step(first);
        ed.command(Command::Cut);
    }
    h.run_steps(2);
    assert_eq!(
        h.state().docs[0].editor.doc.process().steps.len(),
        steps - 1
    );
    assert!(h.state().app.clipboard.is_some());
    h.state_mut().docs[0].editor.command(Command::Undo);
    h.run_steps(2);
    let ed = &h.state().docs[0].editor;
    assert_eq!(ed.doc.process().steps.len(), steps);
    assert!(!ed.doc.is_modified());
}

/// Opens the File menu and picks the item whose label starts with `item`
/// (a shortcut may follow it).
fn file_menu(h: &mut Harness<Shell>, item: &str) {
    h.get_by_label("文件").click();
    h.run_steps(2);
    h.get_by_label_contains(item).click();
    h.run_steps(3);
}

/// Types into whatever has the keyboard focus, then presses Enter.
fn type_and_enter(h: &mut Harness<Shell>, text: &str) {
    h.event(egui::Event::Text(text.to_owned()));
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
}

#[test]
fn without_a_system_dialog_save_as_opens_flowcases_own_and_a_typed_path_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut shell = Shell::new(vec![], settings(), None);
    shell.native_dialogs = NativeDialogs::Unavailable;
    let mut h = app_harness(shell);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run_steps(3);
    assert!(
        h.query_by_label("保存流程").is_some(),
        "the in-window dialog is up"
    );
    let target = dir.path().join("关键客户开发");

    // The name field has the focus with the suggested name in it, selected:
    // a whole path typed replaces it.
    type_and_enter(&mut h, &target.display().to_string());

    let written = dir.path().join("关键客户开发.ron");
    let process = load(&written).expect("the typed path was written and loads");
    assert_eq!(process.lanes.len(), 3);
    let shell = h.state();
    assert!(shell.file_window().is_none(), "the dialog closed");
    assert_eq!(
        shell.docs[shell.active].editor.doc.path.as_ref(),
        Some(&written)
    );
    assert_eq!(
        shell.app.settings.last_folder.as_deref(),
        Some(dir.path()),
        "and the folder is remembered for the next dialog"
    );
}

#[test]
fn flowcases_own_dialog_opens_a_file_by_its_path_and_says_when_there_is_none() {
    let w = workspace();
    let mut shell = Shell::new(vec![], settings(), None);
    shell.native_dialogs = NativeDialogs::Unavailable;
    let mut h = app_harness(shell);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run_steps(3);
    assert!(h.query_by_label("打开流程").is_some());

    let missing = w.file.with_file_name("没有这个.ron");
    type_and_enter(&mut h, &missing.display().to_string());
    assert!(h.state().file_window().is_some(), "still open");
    let error = format!("没有这个文件: {}", missing.display());
    assert!(h.query_by_label(&error).is_some(), "and it says why");

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    type_and_enter(&mut h, &w.file.display().to_string());
    let shell = h.state();
    assert!(shell.file_window().is_none());
    assert_eq!(
        shell.docs[shell.active].editor.doc.path.as_ref(),
        Some(&w.file)
    );
}

#[test]
fn when_no_system_dialog_answers_the_first_dialog_finds_out_and_falls_back() {
    // This machine runs the tests without a desktop portal: asking finds
    // that out, and the in-window dialog comes up instead of nothing.
    assert!(!portal_answers(Some("unix:path=/nonexistent/flowcase-bus")));
    let mut shell = Shell::new(vec![], settings(), None);
    shell.native_dialogs = NativeDialogs::Unknown;
    let mut h = app_harness(shell);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    for _ in 0..100 {
        h.run_steps(1);
        if h.state().file_window().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        h.state().file_window().is_some(),
        "the in-window dialog is up"
    );
    assert_eq!(h.state().native_dialogs, NativeDialogs::Unavailable);
}

#[test]
fn file_import_table_opens_the_matrix_from_excel_as_a_new_chart() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("客户开发矩阵.xlsx");
    let p = sample_1_9();
    let analysis = Analysis::of(&p);
    let xlsx = flowcase::export::table_xlsx(&p, &analysis.table, flowcase::lang::Lang::Zh).unwrap();
    std::fs::write(&table, xlsx).unwrap();

    let mut shell = Shell::new(vec![], settings(), None);
    shell.native_dialogs = NativeDialogs::Unavailable;
    let mut h = app_harness(shell);
    file_menu(&mut h, "导入…");
    assert!(
        h.query_by_label("导入表格(.xlsx、.csv)或流程图(.bpmn、.drawio、.xml)")
            .is_some(),
        "the dialog asks for a table or a chart"
    );
    type_and_enter(&mut h, &table.display().to_string());

    let shell = h.state();
    assert_eq!(shell.docs.len(), 1, "in place of the untouched new one");
    let doc = &shell.docs[shell.active].editor;
    assert_eq!(doc.doc.path, None, "a new, unsaved process");
    assert!(
        doc.doc.is_modified(),
        "not saved anywhere yet: closing asks first"
    );
    assert!(
        h.query_by_label("未保存").is_some(),
        "and the status bar says so"
    );
    assert_eq!(doc.doc.process().steps.len(), analysis.table.rows.len());
    assert_eq!(doc.doc.process().overview.name, "客户开发矩阵");
    let said = doc.message.clone().unwrap_or_default();
    assert!(said.contains("已从表格导入 9 个步骤"), "{said}");
}

#[test]
fn file_import_opens_a_bpmn_chart_and_says_what_could_not_be_kept() {
    let chart = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop/not-kept.bpmn");
    let mut shell = Shell::new(vec![], settings(), None);
    shell.native_dialogs = NativeDialogs::Unavailable;
    let mut h = app_harness(shell);
    file_menu(&mut h, "导入…");
    type_and_enter(&mut h, &chart.display().to_string());

    let shell = h.state();
    let doc = &shell.docs[shell.active].editor;
    assert_eq!(doc.doc.path, None, "a new, unsaved process");
    let titles: Vec<&str> = doc
        .doc
        .process()
        .steps
        .values()
        .map(|s| s.title.as_str())
        .collect();
    assert!(
        titles.contains(&"审核索赔") && titles.contains(&"维修"),
        "{titles:?}"
    );
    let said = doc.message.clone().unwrap_or_default();
    assert!(said.contains("已导入 3 个步骤"), "{said}");
    assert!(
        said.contains("边界事件“超时”"),
        "the report is shown: {said}"
    );
    assert!(said.contains("颜色未保留"), "{said}");
    // The whole report is listed in a window beside the new chart.
    let lines = doc.dialogs.import_report.clone().unwrap_or_default();
    assert_eq!(lines.len(), 5, "{lines:?}");
    for line in &lines {
        assert!(
            h.query_by_label(&format!("• {line}")).is_some(),
            "{line} is listed"
        );
    }
    h.get_by_label("关闭").click();
    h.run_steps(2);
    assert!(h.query_by_label("导入报告").is_none(), "closed");
}

/// File → 导出… → `format` → 导出…, typing `name` in the folder of 1.9:
/// the path written.
fn export_from_the_file_menu(
    dir: &std::path::Path,
    format: &str,
    name: &str,
) -> std::path::PathBuf {
    let source = dir.join("1.9.ron");
    save(&sample_1_9(), &source).unwrap();
    let mut shell = Shell::new(vec![source.clone()], settings(), None);
    shell.native_dialogs = NativeDialogs::Unavailable;
    let mut h = app_harness(shell);
    file_menu(&mut h, "导出…");
    h.get_by_label(format).click();
    h.run_steps(4);
    assert!(
        h.query_by_label("表格").is_none(),
        "a {format} file holds the chart only"
    );
    h.get_by_label("导出…").click();
    h.run_steps(3);
    let target = dir.join(name);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    type_and_enter(&mut h, &target.display().to_string());
    let said = h.state().docs[h.state().active].editor.message.clone();
    assert!(said.is_some_and(|s| s.contains("已导出")));
    target
}

#[test]
fn file_export_writes_the_chart_as_bpmn_that_imports_as_the_same_process() {
    let dir = tempfile::tempdir().unwrap();
    let target = export_from_the_file_menu(dir.path(), "BPMN", "1.9.bpmn");
    let text = std::fs::read_to_string(&target).expect("the BPMN was written");
    let back = flowcase::import::process_from_bpmn(&text, "1.9").unwrap();
    assert_eq!(back.process, sample_1_9());
}

#[test]
fn file_export_writes_the_chart_as_a_visio_drawing_that_imports_as_the_same_process() {
    let dir = tempfile::tempdir().unwrap();
    let target = export_from_the_file_menu(dir.path(), "VSDX", "1.9.vsdx");
    let bytes = std::fs::read(&target).expect("the drawing was written");
    let back = flowcase::import::process_from_vsdx(&bytes, 1, "1.9").unwrap();
    assert_eq!(back.process, sample_1_9());
}

#[test]
fn compare_with_the_saved_version_after_two_edits_lists_two_changes_and_a_click_selects_the_step() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("1.9.ron");
    save(&sample_1_9(), &source).unwrap();
    let mut shell = Shell::new(vec![source], settings(), None);
    {
        // Two edits: a step retitled, and another's letters in a lane.
        let ed = &mut shell.docs[shell.active].editor;
        let p = ed.doc.process().clone();
        let mut work = p.steps.values().filter(|s| s.kind.is_work_step());
        let (first, second) = (work.next().unwrap().id, work.next().unwrap().id);
        ed.edit(Edit::SetStep {
            id: first,
            field: StepField::Title("重新设计确定原则".into()),
        });
        ed.flush(&mut shell.app);
        let lane = p.lanes[0].id;
        let cell = role_cell(&p.steps[&second].roles, lane);
        let roles = if cell.contains(Role::C) {
            cell.without(Role::C)
        } else {
            cell.with(Role::C)
        };
        ed.edit(Edit::SetRole {
            step: second,
            lane,
            roles,
        });
        ed.flush(&mut shell.app);
    }
    let mut h = app_harness(shell);
    compare_menu(&mut h, "已保存的版本");
    assert!(
        h.query_by_label("对比:已保存的版本").is_some(),
        "the change list is shown"
    );
    // The change list's entries, not the chart's steps (named for screen
    // readers, "1 · … · 步骤 · …").
    let entries = h
        .query_all(
            egui_kittest::kittest::By::new()
                .predicate(|n| n.label().is_some_and(|l| l.starts_with("步骤 "))),
        )
        .count();
    assert_eq!(entries, 2, "two entries");
    // The letters changed: the list says how the lane's load did.
    let lane_name = sample_1_9().lanes[0].name.clone();
    assert!(h.query_by_label("职责负荷与交接的变化").is_some());
    assert!(
        h.query_by_label_contains(&format!("{lane_name} C:"))
            .is_some(),
        "“{lane_name} C: n → m” is listed"
    );
    h.get_by_label_contains("原名").click();
    h.run_steps(2);
    let ed = &h.state().docs[h.state().active].editor;
    let retitled = ed
        .doc
        .process()
        .steps
        .values()
        .find(|s| s.title == "重新设计确定原则")
        .unwrap()
        .id;
    assert_eq!(
        ed.selection.single_step(),
        Some(retitled),
        "the click selected the step"
    );
    // A third edit while comparing shows up as a third entry.
    {
        let shell = h.state_mut();
        let ed = &mut shell.docs[shell.active].editor;
        let lane = ed.doc.process().lanes[1].id;
        ed.edit(Edit::RenameLane {
            id: lane,
            name: "商务方法分部".into(),
        });
        ed.flush(&mut shell.app);
    }
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("改名为“商务方法分部”").is_some(),
        "the list follows the edits"
    );
    h.get_by_label("结束比较").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("对比:已保存的版本").is_none(),
        "back to editing"
    );
    let ed = &h.state().docs[h.state().active].editor;
    assert!(ed.compare.is_none(), "the chart is no longer marked");
}

/// File → 比较 → one of its items.
fn compare_menu(h: &mut Harness<Shell>, item: &str) {
    h.get_by_label("文件").click();
    h.run_steps(2);
    h.get_by_label("比较").click();
    h.run_steps(3);
    h.get_by_label(item).click();
    h.run_steps(3);
}

#[test]
fn compared_with_the_clients_file_the_chart_table_and_list_show_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("1.9.ron");
    let current = sample_1_9();
    save(&current, &source).unwrap();
    // The client's version: one more step, and other letters for a step.
    let mut client = current.clone();
    let lane = client.lanes[0].id;
    let extra_id = client.next_step_id();
    let extra = Step::new(
        extra_id,
        StepKind::Process,
        "客户建议的复核",
        lane,
        FlowPoint::new(40.0, 40.0),
    );
    apply(&mut client, Edit::AddStep(extra)).unwrap();
    let work = current
        .steps
        .values()
        .find(|s| s.kind.is_work_step())
        .unwrap()
        .id;
    let before = RoleSet::parse("C").unwrap();
    apply(
        &mut client,
        Edit::SetRole {
            step: work,
            lane,
            roles: before,
        },
    )
    .unwrap();
    let theirs = dir.path().join("客户版.ron");
    save(&client, &theirs).unwrap();

    let mut shell = Shell::new(vec![source], settings(), None);
    shell.native_dialogs = NativeDialogs::Unavailable;
    let mut h = app_harness(shell);
    compare_menu(&mut h, "其他文件…");
    type_and_enter(&mut h, &theirs.display().to_string());
    h.run_steps(2);
    assert!(h.query_by_label("对比:客户版.ron").is_some());
    let number = number_steps(&client).of(extra_id).unwrap();
    let removed = format!(
        "删除步骤 {number}「客户建议的复核」(泳道“{}”)",
        client.lanes[0].name
    );
    assert!(
        h.query_by_label(&removed).is_some(),
        "the step only the client's file has is listed as removed"
    );
    let ed = &h.state().docs[h.state().active].editor;
    let changes = ed.compare.as_ref().and_then(|c| c.changes()).unwrap();
    assert_eq!(changes.marks.removed.len(), 1, "drawn as a ghost");
    assert!(changes.marks.changed.contains(&work), "outlined as changed");
    // The table marks the cell and tells its letters in the client's file.
    let number = ed
        .doc
        .derived()
        .analysis
        .table
        .rows
        .iter()
        .find(|r| r.head == work)
        .unwrap()
        .number;
    let now = role_cell(&current.steps[&work].roles, lane);
    let name = &current.lanes[0].name;
    // Tooltips wait for the pointer to rest.
    h.ctx.all_styles_mut(|s| {
        s.interaction.tooltip_delay = 0.0;
        s.interaction.show_tooltips_only_when_still = false;
    });
    h.get_by_label(&format!("{number} · {name}: {now}")).hover();
    h.run_steps(5);
    assert!(
        h.query_by_label(&format!("原为 {before}")).is_some(),
        "hovering the cell shows the older letters"
    );
}

#[test]
fn after_a_save_the_version_before_it_is_compared_from_its_bak() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("1.9.ron");
    save(&sample_1_9(), &source).unwrap();
    let mut shell = Shell::new(vec![source.clone()], settings(), None);
    let lane = sample_1_9().lanes[2].id;
    {
        let ed = &mut shell.docs[shell.active].editor;
        ed.edit(Edit::RenameLane {
            id: lane,
            name: "区域".into(),
        });
        ed.flush(&mut shell.app);
    }
    let mut h = app_harness(shell);
    compare_menu(&mut h, "已保存的版本");
    assert!(h.query_by_label_contains("改名为“区域”").is_some());
    // Saved while comparing: the saved version is now what was written.
    let active = h.state().active;
    assert!(h.state_mut().save_doc(active), "saved");
    h.run_steps(2);
    assert!(
        h.query_by_label("两个版本相同").is_some(),
        "just saved: nothing differs from the file"
    );
    compare_menu(&mut h, "上次保存前的版本(.bak)");
    assert!(h.query_by_label("对比:1.9.ron.bak").is_some());
    assert!(
        h.query_by_label_contains("改名为“区域”").is_some(),
        "the rename made before the save is listed"
    );
}

/// Another program (a colleague, `git pull`) writes `process` over the file.
fn replaced_on_disk(w: &Workspace, name: &str) -> Process {
    let mut p = sample_1_9();
    p.overview.name = name.into();
    save(&p, &w.file).unwrap();
    p
}

#[test]
fn a_file_replaced_under_an_open_tab_is_offered_for_reloading() {
    let w = workspace();
    let shell = Shell::new(vec![w.file.clone()], settings(), None);
    let mut h = app_harness(shell);
    assert!(h.query_by_label("文件已在磁盘上更改").is_none());
    let theirs = replaced_on_disk(&w, "同事改过的版本");
    // Within the watch's clock the question comes up by itself.
    h.run_steps((flowcase::session::WATCH_EVERY * 60.0) as usize + 10);
    assert!(h.query_by_label("文件已在磁盘上更改").is_some());
    assert!(
        h.query_by_label("比较两个版本").is_none(),
        "nothing unsaved to compare"
    );
    h.get_by_label("重新载入").click();
    h.run_steps(3);
    let doc = &h.state().docs[0].editor.doc;
    assert_eq!(doc.process(), &theirs);
    assert!(!doc.is_modified());
    // Asked once: the question does not come back for the same change.
    h.run_steps(120);
    assert!(h.query_by_label("文件已在磁盘上更改").is_none());
}

#[test]
fn with_unsaved_work_a_changed_file_is_compared_and_saving_over_it_asks_first() {
    let w = workspace();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), None);
    rename_first_lane(&mut shell, "我的修改");
    let mine = shell.docs[0].editor.doc.process().clone();
    let mut h = app_harness(shell);
    let theirs = replaced_on_disk(&w, "同事改过的版本");
    h.state_mut().look_at_disk();
    h.run_steps(3);
    assert!(
        h.query_by_label("这里还有未保存的修改:重新载入会丢弃它们。")
            .is_some()
    );
    h.get_by_label("比较两个版本").click();
    h.run_steps(3);
    let ed = &h.state().docs[0].editor;
    assert!(ed.compare.is_some(), "the compare view shows both versions");
    assert_eq!(ed.doc.process(), &mine, "nothing of mine was dropped");
    // Saving now would write over the colleague's version: asked first.
    h.state_mut().save_doc(0);
    h.run_steps(3);
    assert!(h.query_by_label("覆盖其他程序的修改?").is_some());
    assert_eq!(load(&w.file).unwrap(), theirs, "not written over");
    h.get_by_label("取消").click();
    h.run_steps(3);
    assert_eq!(load(&w.file).unwrap(), theirs);
    h.state_mut().save_doc(0);
    h.run_steps(3);
    h.get_by_label("仍然保存").click();
    h.run_steps(3);
    assert_eq!(load(&w.file).unwrap(), mine);
    let bak = flowcase::format::backup_path(&w.file);
    assert_eq!(load(&bak).unwrap(), theirs, "their version is the .bak");
}

#[test]
fn the_compare_view_shows_the_whole_chart_goes_to_a_change_and_gives_the_view_back() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("1.9.ron");
    save(&sample_1_9(), &source).unwrap();
    let mut shell = Shell::new(vec![source], settings(), None);
    let last = {
        let ed = &mut shell.docs[shell.active].editor;
        let p = ed.doc.process().clone();
        let last = p
            .steps
            .values()
            .rfind(|s| s.kind.is_work_step())
            .unwrap()
            .id;
        ed.edit(Edit::SetStep {
            id: last,
            field: StepField::Title("最后一步改了名".into()),
        });
        ed.flush(&mut shell.app);
        last
    };
    let mut h = app_harness(shell);
    // Zoomed in on the chart's start.
    let before = {
        let ed = &mut h.state_mut().docs[0].editor;
        ed.camera.zoom = 3.0;
        ed.camera.offset = egui::Vec2::new(0.0, 0.0);
        ed.camera
    };
    h.run_steps(2);
    compare_menu(&mut h, "已保存的版本");
    h.run_steps(4);
    let in_view = |h: &Harness<Shell>, id: StepId| {
        let ed = &h.state().docs[0].editor;
        let r = ed.doc.derived().layout.boxes[&id];
        let canvas = ed.canvas.rect.unwrap();
        let origin = canvas.min + ed.camera.offset;
        let c = r.center();
        canvas.contains(egui::pos2(
            origin.x + c.x * ed.camera.zoom,
            origin.y + c.y * ed.camera.zoom,
        ))
    };
    assert!(in_view(&h, last), "the whole chart, the changed step in it");
    // Zoomed in again elsewhere, a click on the change goes to it.
    {
        let ed = &mut h.state_mut().docs[0].editor;
        ed.camera = before;
    }
    h.run_steps(2);
    assert!(!in_view(&h, last));
    h.get(egui_kittest::kittest::By::new().predicate(|n| {
        n.label()
            .is_some_and(|l| l.starts_with("步骤 ") && l.contains("最后一步改了名"))
    }))
    .click();
    h.run_steps(3);
    assert!(in_view(&h, last), "scrolled to the change");
    // Ending gives the view from before back.
    h.get_by_label("结束比较").click();
    h.run_steps(3);
    let ed = &h.state().docs[0].editor;
    assert!(ed.compare.is_none());
    assert_eq!(ed.camera.zoom, before.zoom);
    assert_eq!(ed.camera.offset, before.offset);
}

#[test]
fn ctrl_q_with_two_unsaved_documents_asks_once_listing_both() {
    let w = workspace();
    let other = w.file.with_file_name("采购.ron");
    save(&sample_purchase(), &other).unwrap();
    let mut shell = Shell::new(vec![w.file.clone(), other.clone()], settings(), None);
    for i in 0..2 {
        shell.active = i;
        rename_first_lane(&mut shell, &format!("改动{i}"));
    }
    let mut h = app_harness(shell);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    h.run_steps(3);
    assert!(
        h.query_by_label("这些文档有未保存的更改:").is_some(),
        "one question"
    );
    assert!(h.query_by_label("· 关键客户开发.ron").is_some());
    assert!(h.query_by_label("· 采购.ron").is_some());
    // Cancel keeps everything.
    h.get_by_label("取消").click();
    h.run_steps(3);
    assert!(!h.state().close_approved);
    assert!(h.state().docs.iter().all(|d| d.editor.doc.is_modified()));
    // Save all saves both and closes the window.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    h.run_steps(3);
    h.get_by_label("全部保存").click();
    h.run_steps(3);
    assert!(h.state().close_approved, "the window closes");
    assert_eq!(load(&w.file).unwrap().lanes[0].name, "改动0");
    assert_eq!(load(&other).unwrap().lanes[0].name, "改动1");
}

#[test]
fn discard_all_closes_without_writing_either_file() {
    let w = workspace();
    let other = w.file.with_file_name("采购.ron");
    save(&sample_purchase(), &other).unwrap();
    let before = (
        std::fs::read(&w.file).unwrap(),
        std::fs::read(&other).unwrap(),
    );
    let mut shell = Shell::new(vec![w.file.clone(), other.clone()], settings(), None);
    for i in 0..2 {
        shell.active = i;
        rename_first_lane(&mut shell, "不要的改动");
    }
    let mut h = app_harness(shell);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    h.run_steps(3);
    h.get_by_label("全部不保存").click();
    h.run_steps(3);
    assert!(h.state().close_approved);
    let after = (
        std::fs::read(&w.file).unwrap(),
        std::fs::read(&other).unwrap(),
    );
    assert_eq!(after, before);
}

#[test]
fn a_status_message_about_the_document_goes_once_the_document_changes() {
    let w = workspace();
    let shell = Shell::new(vec![w.file.clone()], settings(), None);
    let mut h = app_harness(shell);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_steps(3);
    let message = |h: &Harness<Shell>| h.state().docs[0].editor.message.clone();
    assert!(
        message(&h).is_some_and(|m| m.contains("已保存")),
        "{:?}",
        message(&h)
    );
    h.run_steps(30);
    assert!(message(&h).is_some(), "it stays while nothing changes");
    rename_first_lane(h.state_mut(), "改过了");
    h.run_steps(3);
    assert_eq!(message(&h), None, "“saved” no longer holds");
}

#[test]
fn questions_over_the_window_come_one_at_a_time_in_the_order_asked() {
    use flowcase::session::{Modal, OpenFailure, SaveFailure};
    let w = workspace();
    let mut shell = Shell::new(vec![w.file.clone()], settings(), None);
    let key = shell.docs[0].key.clone();
    let open_failed = |message: &str| {
        Modal::OpenFailed(OpenFailure {
            path: w.file.with_file_name("坏.ron"),
            message: message.into(),
            backup: None,
        })
    };
    shell.ask(open_failed("第一次"));
    shell.ask(Modal::SaveFailed(SaveFailure {
        key,
        message: "磁盘已满".into(),
    }));
    // Asked again, a question of the same kind takes the first one's place.
    shell.ask(open_failed("第二次"));
    assert_eq!(shell.open_failure().unwrap().message, "第二次");

    let mut h = app_harness(shell);
    assert!(
        h.query_by_label("无法打开文件").is_some(),
        "the first is shown"
    );
    assert!(h.query_by_label("没有保存").is_none(), "the second waits");
    h.get_by_label("关闭").click();
    h.run_steps(3);
    assert!(h.query_by_label("无法打开文件").is_none());
    assert!(h.query_by_label("没有保存").is_some(), "then the next");
}
