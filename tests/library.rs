//! A consultant's process library: a folder with its 流程清单 catalogue and
//! the processes drawn so far. It opens, checks itself, names what is
//! wrong in its files, and says what each department is responsible for.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::format::{
    CATALOGUE_FILE, DecodeError, LoadError, decode_catalogue, encode_catalogue, save,
};
use flowcase::lang::Lang;
use flowcase::library::*;
use flowcase::model::*;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const SAMPLE_LIBRARY: &str = "samples/library";

/// Where the entry numbered `number` is in the catalogue.
fn index_of(c: &Catalogue, number: &str) -> usize {
    c.entries.iter().position(|e| e.number == number).unwrap()
}

fn problems(root: &Path) -> (Library, Vec<LibraryProblem>) {
    let library = Library::open(root).unwrap();
    let problems = check_library(&library);
    (library, problems)
}

#[test]
fn the_sample_library_lists_the_decks_44_processes_in_5_categories() {
    let library = Library::open(&repo_path(SAMPLE_LIBRARY)).unwrap();
    let c = &library.catalogue;
    assert_eq!(c.entries.len(), 44);
    let categories: Vec<&str> = c.categories.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(
        categories,
        ["销售", "市场营销", "售后服务", "备件", "网络开发与管理"]
    );
    let drawn: Vec<&str> = library.drawn().map(|(e, _)| e.number.as_str()).collect();
    assert_eq!(drawn, ["1.9", "1.10", "1.12", "1.13"]);
    assert!(check_library(&library).is_empty(), "the sample is clean");
    // 1.9's exits lead to entries of the library.
    let (_, p19) = library.drawn().next().unwrap();
    for step in p19.steps.values() {
        if let StepKind::ProcessExit { number, .. } = &step.kind {
            for target in exit_targets(number) {
                let e = c
                    .entry_by_number(target)
                    .expect("the exit's target is listed");
                assert!(e.file.is_some(), "and drawn: {}", e.number);
            }
        }
    }
}

#[test]
fn the_library_copy_of_1_9_is_the_single_file_sample() {
    let a = std::fs::read(repo_path(SAMPLE_1_9)).unwrap();
    let b = std::fs::read(repo_path("samples/library/销售1.9 关键客户开发.ron")).unwrap();
    assert_eq!(a, b);
}

#[test]
fn the_catalogue_is_written_as_flowcase_writes_it_and_reads_back_equal() {
    let text = std::fs::read_to_string(repo_path(SAMPLE_LIBRARY).join(CATALOGUE_FILE)).unwrap();
    let c = decode_catalogue(text.as_bytes()).unwrap();
    let again = encode_catalogue(&c).unwrap();
    assert_eq!(again, text, "the sample file is in the written form");
    assert_eq!(decode_catalogue(again.as_bytes()).unwrap(), c);
}

#[test]
fn a_malformed_catalogue_is_refused_naming_line_and_column() {
    let text = std::fs::read_to_string(repo_path(SAMPLE_LIBRARY).join(CATALOGUE_FILE)).unwrap();
    // A number that is not a string, on a known line.
    let broken = text.replacen("number: \"1.3\"", "number: 1.3", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("number: 1.3"))
        .unwrap()
        + 1;
    match decode_catalogue(broken.as_bytes()) {
        Err(DecodeError::Syntax {
            line: l, column, ..
        }) => {
            assert_eq!(l, line);
            assert!(column > 1);
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    // A field the format does not have.
    let unknown = text.replacen("title:", "titel:", 1);
    assert!(matches!(
        decode_catalogue(unknown.as_bytes()),
        Err(DecodeError::Syntax { line: 6, .. })
    ));
    // A newer format, and an entry in a category that does not exist.
    let newer = text.replacen("format: 1", "format: 9", 1);
    assert_eq!(
        decode_catalogue(newer.as_bytes()),
        Err(DecodeError::TooNew { version: 9 })
    );
    let orphan = text.replacen("category: 5,", "category: 6,", 1);
    let err = decode_catalogue(orphan.as_bytes()).unwrap_err();
    assert_eq!(
        err.message(Lang::Zh),
        "流程 5.1 属于不存在的分类 6",
        "the entry and the category are named"
    );
    assert!(matches!(
        decode_catalogue(b"\xEF\xBB\xBF"),
        Err(DecodeError::Empty)
    ));
}

#[test]
fn a_library_without_a_catalogue_is_refused_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let err = Library::open(dir.path()).unwrap_err();
    assert!(
        matches!(&err, LoadError::Catalogue(inner) if matches!(**inner, LoadError::Read { .. }))
    );
    let said = err.message(Lang::En);
    assert!(said.contains(CATALOGUE_FILE), "{said}");
    assert!(
        said.starts_with("cannot read the library catalogue"),
        "{said}"
    );
}

#[test]
fn an_exit_into_a_process_the_catalogue_does_not_list_is_reported() {
    let (_dir, root) = library_copy();
    edit_catalogue(&root, |c| c.entries.retain(|e| e.number != "1.12"));
    let (library, found) = problems(&root);
    let broken: Vec<_> = found
        .iter()
        .filter(|p| matches!(p, LibraryProblem::BrokenLink { target, .. } if target == "1.12"))
        .collect();
    assert_eq!(broken.len(), 2, "1.9's and 1.10's exits: {found:?}");
    let message = broken[0].message(&library, Lang::Zh);
    assert!(
        message.contains("1.12") && message.contains("关键客户"),
        "{message}"
    );
}

#[test]
fn a_missing_file_and_a_broken_one_are_reported_and_the_rest_still_opens() {
    let (_dir, root) = library_copy();
    std::fs::remove_file(root.join("销售1.13 特殊批量排产.ron")).unwrap();
    std::fs::write(
        root.join("销售1.12 特殊商务条件审批.ron"),
        "(format: 1, lanes: [",
    )
    .unwrap();
    let (library, found) = problems(&root);
    let numbers = |p: &LibraryProblem| match p {
        LibraryProblem::MissingFile { entry } | LibraryProblem::UnreadableFile { entry } => {
            Some(library.catalogue.entries[*entry].number.clone())
        }
        _ => None,
    };
    let named: Vec<_> = found.iter().filter_map(numbers).collect();
    assert_eq!(named, ["1.12", "1.13"]);
    assert_eq!(library.drawn().count(), 2, "1.9 and 1.10 still open");
    let unreadable = found
        .iter()
        .find(|p| matches!(p, LibraryProblem::UnreadableFile { .. }))
        .unwrap()
        .message(&library, Lang::En);
    assert!(
        unreadable.contains("line 1"),
        "with where it is wrong: {unreadable}"
    );
}

#[test]
fn two_entries_with_one_number_are_reported_once() {
    let (_dir, root) = library_copy();
    edit_catalogue(&root, |c| c.entries[2].number = "销售1.2".into());
    let (_, found) = problems(&root);
    assert_eq!(
        found,
        [LibraryProblem::DuplicateNumber {
            number: "1.2".into(),
            entries: vec![1, 2],
        }]
    );
}

#[test]
fn a_lane_that_names_no_department_is_reported_with_the_one_it_probably_means() {
    let (_dir, root) = library_copy();
    // Without the alias, 1.9's lane 特殊商务分部 names no department.
    edit_catalogue(&root, |c| c.departments[0].aliases.clear());
    let (library, found) = problems(&root);
    let first = found.first().expect("a problem");
    assert_eq!(
        first,
        &LibraryProblem::UnknownDepartment {
            entry: 8,
            lane: "特殊商务分部".into(),
            near: Some("特殊销售分部".into()),
        }
    );
    assert!(
        first
            .message(&library, Lang::Zh)
            .contains("是否指「特殊销售分部」")
    );
    // A lane far from every department gets no guess.
    let mut p = load_1_10(&root);
    p.lanes[1].name = "外部顾问".into();
    save(&p, &root.join("销售1.10 关键客户管理.ron")).unwrap();
    let (_, found) = problems(&root);
    assert!(found.contains(&LibraryProblem::UnknownDepartment {
        entry: 9,
        lane: "外部顾问".into(),
        near: None,
    }));
}

fn load_1_10(root: &Path) -> Process {
    flowcase::format::load(&root.join("销售1.10 关键客户管理.ron")).unwrap()
}

#[test]
fn everything_daqu_approves_is_listed_process_by_process() {
    let library = Library::open(&repo_path(SAMPLE_LIBRARY)).unwrap();
    let all = duties(&library);
    let daqu = all.iter().find(|d| d.department == "大区").unwrap();
    let approves = daqu.with_letters(RoleSet::of(&[Role::A]));
    assert!(!approves.is_empty());
    assert!(approves.iter().all(|d| d.letters.contains(Role::A)));
    // The alias counts for its department: 1.9's 特殊商务分部 lane is
    // 特殊销售分部's.
    let special = all.iter().find(|d| d.department == "特殊销售分部").unwrap();
    assert!(special.duties.iter().any(|d| d.entry == 8));
    assert!(all.iter().all(|d| d.department != "特殊商务分部"));
}

/// A library built in memory from processes whose lanes take their names
/// from a pool that mixes departments, an alias and a stranger.
fn random_library(seeds: &[u64]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    let pool = [
        "大区",
        "经销商",
        "特殊商务分部",
        "特殊销售分部",
        "财务部",
        "外部顾问",
    ];
    let mut catalogue = Catalogue {
        title: "随机".into(),
        categories: vec![Category {
            id: 1,
            name: "销售".into(),
        }],
        departments: vec![
            Department {
                name: "特殊销售分部".into(),
                aliases: vec!["特殊商务分部".into()],
            },
            Department {
                name: "大区".into(),
                aliases: vec![],
            },
            Department {
                name: "经销商".into(),
                aliases: vec![],
            },
            Department {
                name: "财务部".into(),
                aliases: vec![],
            },
        ],
        entries: vec![],
        scheme: Default::default(),
    };
    for (i, seed) in seeds.iter().enumerate() {
        let mut p = synthetic_process(12 + (*seed as usize % 20), *seed);
        for (k, lane) in p.lanes.iter_mut().enumerate() {
            lane.name = pool[(k + *seed as usize) % pool.len()].to_owned();
        }
        let file = format!("p{i}.ron");
        save(&p, &root.join(&file)).unwrap();
        catalogue.entries.push(Entry {
            number: format!("1.{}", i + 1),
            name: format!("流程{i}"),
            category: 1,
            owner: String::new(),
            file: Some(file),
        });
    }
    std::fs::write(
        root.join(CATALOGUE_FILE),
        encode_catalogue(&catalogue).unwrap(),
    )
    .unwrap();
    (dir, root)
}

/// Duties the slow way: every table row, every lane, the lane's name
/// resolved through the aliases.
fn duties_by_hand(library: &Library) -> Vec<(String, usize, u32, String)> {
    let names = library.catalogue.department_names();
    let mut found = Vec::new();
    for (entry, state) in library.states.iter().enumerate() {
        let Some(p) = state.process() else { continue };
        let table = Analysis::of(p).table;
        for row in &table.rows {
            let mut departments: Vec<String> = table
                .lanes
                .iter()
                .map(|l| {
                    names
                        .get(l.name.as_str())
                        .map_or(l.name.clone(), |n| (*n).to_owned())
                })
                .collect();
            departments.sort();
            departments.dedup();
            for d in departments {
                let letters = table
                    .lanes
                    .iter()
                    .zip(&row.cells)
                    .filter(|(l, _)| names.get(l.name.as_str()).map_or(l.name.as_str(), |n| n) == d)
                    .fold(RoleSet::EMPTY, |acc, (_, c)| acc.union(*c));
                if !letters.is_empty() {
                    found.push((d.clone(), entry, row.number, letters.to_string()));
                }
            }
        }
    }
    found.sort();
    found
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn duties_equal_a_brute_force_recount(seeds in prop::collection::vec(0u64..1000, 1..5)) {
        let (_dir, root) = random_library(&seeds);
        let library = Library::open(&root).unwrap();
        let mut fast: Vec<(String, usize, u32, String)> = duties(&library)
            .into_iter()
            .flat_map(|d| {
                let name = d.department.clone();
                d.duties
                    .into_iter()
                    .map(move |duty| (name.clone(), duty.entry, duty.number, duty.letters.to_string()))
            })
            .collect();
        fast.sort();
        prop_assert_eq!(fast, duties_by_hand(&library));
    }
}

#[test]
fn library_check_lists_all_44_entries_and_exits_0() {
    let out = flowcase(&["library", "check", "--lang", "zh", SAMPLE_LIBRARY]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let library = Library::open(&repo_path(SAMPLE_LIBRARY)).unwrap();
    for e in &library.catalogue.entries {
        assert!(text.contains(&e.name), "{} is listed", e.name);
    }
    assert!(text.contains("共 44 个流程，已绘制 4 个"));

    let out = flowcase(&["library", "check", "--format", "json", SAMPLE_LIBRARY]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["entries"].as_array().unwrap().len(), 44);
    assert_eq!(json["entries"][8]["status"], "drawn");
    assert_eq!(json["problems"].as_array().unwrap().len(), 0);
}

#[test]
fn library_check_of_a_folder_without_a_catalogue_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = flowcase(&[
        "library",
        "check",
        "--lang",
        "en",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(CATALOGUE_FILE), "{err}");
}

#[test]
fn library_duties_prints_what_a_department_approves() {
    let out = flowcase(&[
        "library",
        "duties",
        "--lang",
        "zh",
        "--department",
        "大区",
        "--letters",
        "A",
        "--format",
        "json",
        SAMPLE_LIBRARY,
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let departments = json["departments"].as_array().unwrap();
    assert_eq!(departments.len(), 1);
    let duties = departments[0]["duties"].as_array().unwrap();
    assert!(!duties.is_empty());
    assert!(
        duties
            .iter()
            .all(|d| d["letters"].as_str().unwrap().contains('A'))
    );

    let bad = flowcase(&["library", "duties", "--letters", "X", SAMPLE_LIBRARY]);
    assert_eq!(bad.status.code(), Some(2));
    let unknown = flowcase(&[
        "library",
        "duties",
        "--department",
        "不存在",
        SAMPLE_LIBRARY,
    ]);
    assert_eq!(unknown.status.code(), Some(2));
}

mod in_the_editor {
    use super::*;
    use egui::{Event, Modifiers, PointerButton, Pos2};
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT, Queryable};
    use flowcase::ui::Shell;

    fn app(paths: Vec<PathBuf>) -> Harness<'static, Shell> {
        common::driver::chinese_window(paths)
    }

    /// Types `text` over what a field holds, then Enter.
    fn type_name(h: &mut Harness<Shell>, text: &str) {
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
        h.event(Event::Text(text.into()));
        h.run_steps(1);
        h.key_press(egui::Key::Enter);
        h.run_steps(4);
    }

    fn click(h: &mut Harness<Shell>, pos: Pos2, times: usize, modifiers: Modifiers) {
        h.hover_at(pos);
        h.run_steps(30);
        for _ in 0..times {
            for pressed in [true, false] {
                let event = Event::PointerButton {
                    pos,
                    button: PointerButton::Primary,
                    pressed,
                    modifiers,
                };
                h.event_modifiers(event, modifiers);
                h.run_steps(1);
            }
        }
        h.run_steps(3);
    }

    fn centre_of_label(h: &Harness<Shell>, label: &str) -> Pos2 {
        let b = h
            .get_by_label(label)
            .accesskit_node()
            .bounding_box()
            .unwrap();
        Pos2::new(((b.x0 + b.x1) / 2.0) as f32, ((b.y0 + b.y1) / 2.0) as f32)
    }

    fn active_file(h: &Harness<Shell>) -> String {
        let s = h.state();
        let path = s.docs[s.active].editor.doc.path.clone().unwrap_or_default();
        path.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn the_list_opens_1_9_and_ctrl_click_on_its_exit_lands_in_1_10() {
        let (_dir, root) = library_copy();
        let mut h = app(vec![root.clone()]);
        assert!(h.state().shows_library(), "a folder opens as its 流程清单");
        assert!(
            h.query_by_label("年度商务政策调整").is_some(),
            "undrawn entries are listed"
        );

        let at = centre_of_label(&h, "关键客户开发");
        click(&mut h, at, 2, Modifiers::NONE);
        assert!(!h.state().shows_library());
        assert_eq!(active_file(&h), "销售1.9 关键客户开发.ron");

        // Ctrl+click the exit 进入关键客户管理流程 on the canvas.
        h.run_steps(4);
        let exit_at = {
            let s = h.state();
            let ed = &s.docs[s.active].editor;
            let exit = step_titled(ed.doc.process(), "进入关键客户管理流程");
            let r = ed.doc.derived().layout.boxes[&exit];
            let origin = ed.canvas.rect.unwrap().min + ed.camera.offset;
            let c = r.center();
            Pos2::new(
                origin.x + c.x * ed.camera.zoom,
                origin.y + c.y * ed.camera.zoom,
            )
        };
        click(&mut h, exit_at, 1, Modifiers::COMMAND);
        assert_eq!(
            active_file(&h),
            "销售1.10 关键客户管理.ron",
            "the exit's process opened"
        );
        assert_eq!(h.state().docs.len(), 2, "in a tab of its own");

        // Back to the list by its tab.
        h.get_by_label("流程清单").click();
        h.run_steps(3);
        assert!(h.state().shows_library());
    }

    /// Where the step titled `title` of the active document is on screen.
    fn step_on_screen(h: &Harness<Shell>, title: &str) -> Pos2 {
        let s = h.state();
        let ed = &s.docs[s.active].editor;
        let step = step_titled(ed.doc.process(), title);
        let r = ed.doc.derived().layout.boxes[&step];
        let origin = ed.canvas.rect.unwrap().min + ed.camera.offset;
        let c = r.center();
        Pos2::new(
            origin.x + c.x * ed.camera.zoom,
            origin.y + c.y * ed.camera.zoom,
        )
    }

    #[test]
    fn an_imported_sub_process_opens_in_its_own_tab_and_ctrl_click_on_its_exit_shows_it() {
        let mut h = app(Vec::new());
        let bpmn = repo_path("tests/fixtures/interop/collapsed-sub-process.bpmn");
        h.state_mut().import_path(&bpmn);
        h.run_steps(6);
        {
            let s = h.state();
            assert_eq!(s.docs.len(), 2, "the chart and the sub-process's insides");
            assert_eq!(
                s.docs[s.active].editor.doc.process().overview.name,
                "索赔处理"
            );
            let inside = s.docs[1].editor.doc.process();
            assert_eq!(inside.overview.name, "索赔审核");
            assert_eq!(inside.steps.len(), 6);
            let said = s.docs[s.active].editor.message.clone().unwrap_or_default();
            assert!(
                said.contains("索赔审核"),
                "the status line says where: {said}"
            );
        }
        let at = step_on_screen(&h, "索赔审核");
        click(&mut h, at, 1, Modifiers::COMMAND);
        let s = h.state();
        assert_eq!(
            s.docs[s.active].editor.doc.process().overview.name,
            "索赔审核",
            "the exit leads to the tab of its insides"
        );
    }

    #[test]
    fn an_exit_into_two_processes_offers_both_and_opens_the_one_chosen() {
        let (_dir, root) = library_copy();
        let mut h = app(vec![root.join("销售1.9 关键客户开发.ron")]);
        h.run_steps(4);
        let exit = "进入特殊商务条件审批流程和特殊批量审批和执行流程";
        let at = step_on_screen(&h, exit);
        click(&mut h, at, 1, Modifiers::COMMAND);
        // Nothing opened yet: a small menu offers both targets.
        assert_eq!(h.state().docs.len(), 1);
        assert!(h.query_by_label("打开 1.12 特殊商务条件审批").is_some());
        h.get_by_label("打开 1.13 特殊批量排产").click();
        h.run_steps(4);
        assert_eq!(active_file(&h), "销售1.13 特殊批量排产.ron");
        assert_eq!(h.state().docs.len(), 2);
        // Back in 1.9, the inspector has one link per target.
        h.state_mut().active = 0;
        h.run_steps(3);
        let at = step_on_screen(&h, exit);
        click(&mut h, at, 1, Modifiers::NONE);
        assert!(h.query_by_label("打开 1.12 特殊商务条件审批").is_some());
        h.get_by_label("打开 1.12 特殊商务条件审批").click();
        h.run_steps(4);
        assert_eq!(active_file(&h), "销售1.12 特殊商务条件审批.ron");
        // Esc closes the menu without opening anything.
        h.state_mut().active = 0;
        h.run_steps(3);
        let at = step_on_screen(&h, exit);
        click(&mut h, at, 1, Modifiers::COMMAND);
        assert!(h.query_by_label("这个出口通向:").is_some());
        h.key_press(egui::Key::Escape);
        h.run_steps(3);
        assert!(h.query_by_label("这个出口通向:").is_none());
        assert_eq!(h.state().docs.len(), 3);
    }

    #[test]
    fn renaming_daqu_in_the_list_renames_its_lane_in_every_file_and_open_tab() {
        let (_dir, root) = library_copy();
        let mut h = app(vec![root.clone()]);
        // 1.9 open in a tab, unchanged.
        let at = centre_of_label(&h, "关键客户开发");
        click(&mut h, at, 2, Modifiers::NONE);
        h.get_by_label("流程清单").click();
        h.run_steps(3);

        // 大区 is the third department; its rename button.
        let buttons = h.query_all_by_label("重命名…").collect::<Vec<_>>();
        buttons[2].click();
        h.run_steps(3);
        type_name(&mut h, "区域中心");

        for file in [
            "销售1.9 关键客户开发.ron",
            "销售1.10 关键客户管理.ron",
            "销售1.12 特殊商务条件审批.ron",
            "销售1.13 特殊批量排产.ron",
        ] {
            let p = flowcase::format::load(&root.join(file)).unwrap();
            let names: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
            assert!(
                names.contains(&"区域中心") && !names.contains(&"大区"),
                "{file}: {names:?}"
            );
        }
        let c = flowcase::format::load_catalogue(&root.join(CATALOGUE_FILE)).unwrap();
        assert!(c.departments.iter().any(|d| d.name == "区域中心"));
        let s = h.state();
        let tab = &s
            .docs
            .iter()
            .find(|d| d.editor.doc.path.is_some())
            .unwrap()
            .editor;
        assert!(
            tab.doc.process().lanes.iter().any(|l| l.name == "区域中心"),
            "the open tab shows the new name"
        );
        let message = common::library_message(s);
        assert!(message.contains("已修改 5 个文件"), "{message}");
    }

    #[test]
    fn an_unsaved_tab_is_asked_about_before_the_new_department_name_is_typed() {
        let (_dir, root) = library_copy();
        let file = root.join("销售1.9 关键客户开发.ron");
        let mut h = app(vec![root.clone(), file.clone()]);
        {
            let s = h.state_mut();
            let ed = &mut s.docs[s.active].editor;
            let plan = step_titled(ed.doc.process(), "制定客户开发计划");
            let field = StepField::Title("制定年度客户开发计划".into());
            ed.edit(Edit::SetStep { id: plan, field });
            ed.flush(&mut s.app);
        }
        h.get_by_label("流程清单").click();
        h.run_steps(3);
        let buttons = h.query_all_by_label("重命名…").collect::<Vec<_>>();
        buttons[2].click();
        h.run_steps(3);
        // Asked first, before any name can be typed.
        assert!(h.query_by_label("有未保存的修改").is_some());
        assert!(
            h.query_by_label("新的部门名称").is_none(),
            "no name field yet"
        );
        h.get_by_label("保存").click();
        h.run_steps(3);
        assert!(
            h.state().docs.iter().all(|d| !d.editor.doc.is_modified()),
            "saved"
        );
        assert!(h.query_by_label("新的部门名称").is_some(), "now the name");
        type_name(&mut h, "区域");
        let p = flowcase::format::load(&file).unwrap();
        assert!(
            p.steps.values().any(|s| s.title == "制定年度客户开发计划"),
            "kept"
        );
        assert!(p.lanes.iter().any(|l| l.name == "区域"));
        let c = flowcase::format::load_catalogue(&root.join(CATALOGUE_FILE)).unwrap();
        let d = c.departments.iter().find(|d| d.name == "区域").unwrap();
        assert!(
            d.aliases.contains(&"大区".to_owned()),
            "大区 is kept as an alias"
        );
        let message = common::library_message(h.state());
        assert!(message.contains("旧名称在文字中还出现"), "{message}");
    }

    /// Every file of the library folder but the backups, by name.
    fn folder_bytes(root: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e != "bak"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).unwrap())
            })
            .collect()
    }

    #[test]
    fn an_added_process_cancelled_writes_nothing_and_added_it_is_undone_and_redone_by_the_keys() {
        let (_dir, root) = library_copy();
        let before = folder_bytes(&root);
        let mut h = app(vec![root.clone()]);
        h.query_all_by_label("+ 添加流程").next().unwrap().click();
        h.run_steps(3);
        h.get_by_label("取消").click();
        h.run_steps(3);
        assert_eq!(folder_bytes(&root), before, "cancelled: nothing written");
        assert!(
            h.query_by_label("撤销").is_some(),
            "nothing to undo: the button names no edit"
        );

        h.query_all_by_label("+ 添加流程").next().unwrap().click();
        h.run_steps(3);
        type_name(&mut h, "客户回访");
        let added = folder_bytes(&root);
        assert_ne!(added, before);
        assert!(
            h.query_by_label("撤销 添加流程").is_some(),
            "the undo button names the edit"
        );

        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
        h.run_steps(4);
        assert_eq!(folder_bytes(&root), before, "undone: the old bytes back");
        assert!(
            h.query_by_label("客户回访").is_none(),
            "and gone from the list"
        );
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
        h.run_steps(4);
        assert_eq!(folder_bytes(&root), added, "redone");
        assert!(h.query_by_label("客户回访").is_some());
    }

    #[test]
    fn a_department_rename_across_five_files_is_undone_in_one_step() {
        let (_dir, root) = library_copy();
        let before = folder_bytes(&root);
        let mut h = app(vec![root.clone()]);
        let buttons = h.query_all_by_label("重命名…").collect::<Vec<_>>();
        buttons[2].click();
        h.run_steps(3);
        type_name(&mut h, "区域中心");
        let renamed = folder_bytes(&root);
        let changed = renamed
            .iter()
            .filter(|(name, bytes)| before.get(*name) != Some(bytes))
            .count();
        assert_eq!(changed, 5, "the catalogue and four processes");

        h.get_by_label("撤销 重命名部门").click();
        h.run_steps(4);
        assert_eq!(folder_bytes(&root), before, "every file's old bytes");
        h.get_by_label("重做 重命名部门").click();
        h.run_steps(4);
        assert_eq!(folder_bytes(&root), renamed);
    }

    #[test]
    fn double_clicking_an_undrawn_entry_offers_to_draw_it_and_drawing_is_undone_with_its_file() {
        let (_dir, root) = library_copy();
        let before = folder_bytes(&root);
        let mut h = app(vec![root.clone()]);
        let at = centre_of_label(&h, "订单处理");
        click(&mut h, at, 2, Modifiers::NONE);
        assert!(
            h.query_by_label("“1.11 订单处理”尚未绘制。现在新建它的流程图?")
                .is_some(),
            "the offer is made"
        );
        h.get_by_label("从此条目新建流程").click();
        h.run_steps(4);
        let file = root.join("销售1.11 订单处理.ron");
        assert!(file.exists(), "drawn");
        assert!(!h.state().shows_library(), "and opened");

        // Back in the list, with the new tab closed, the drawing is undone.
        let key = h.state().docs[h.state().active].key.clone();
        h.state_mut().docs.retain(|d| d.key != key);
        h.state_mut().active = 0;
        h.get_by_label("流程清单").click();
        h.run_steps(3);
        h.get_by_label("撤销 绘制流程").click();
        h.run_steps(4);
        assert!(!file.exists(), "the file made is gone");
        assert_eq!(folder_bytes(&root), before);
    }

    #[test]
    fn a_removed_entry_and_its_deleted_file_come_back_with_undo() {
        let (_dir, root) = library_copy();
        let before = folder_bytes(&root);
        let mut h = app(vec![root.clone()]);
        // Selected by a click, removed by the key, its file deleted.
        let at = centre_of_label(&h, "特殊批量排产");
        click(&mut h, at, 1, Modifiers::NONE);
        assert!(h.query_by_label("1.13 特殊批量排产").is_some(), "selected");
        // Up and Down move the selection in the order shown.
        h.key_press(egui::Key::ArrowUp);
        h.run_steps(2);
        assert!(h.query_by_label("1.12 特殊商务条件审批").is_some());
        h.key_press(egui::Key::ArrowDown);
        h.run_steps(2);
        assert!(h.query_by_label("1.13 特殊批量排产").is_some());
        h.key_press(egui::Key::Delete);
        h.run_steps(3);
        h.get_by_label("删除文件").click();
        h.run_steps(4);
        let file = root.join("销售1.13 特殊批量排产.ron");
        assert!(!file.exists());

        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
        h.run_steps(4);
        assert_eq!(
            folder_bytes(&root),
            before,
            "the entry and the file, byte for byte"
        );
    }

    #[test]
    fn categories_are_added_moved_and_renamed_each_an_undoable_step() {
        let (_dir, root) = library_copy();
        let before = folder_bytes(&root);
        let mut h = app(vec![root.clone()]);
        h.get_by_label("+ 添加分类").click();
        h.run_steps(3);
        type_name(&mut h, "客户服务");
        let names = |h: &Harness<Shell>| -> Vec<String> {
            let open = h.state().library.as_ref().unwrap();
            let c = &open.library.catalogue;
            c.categories.iter().map(|k| k.name.clone()).collect()
        };
        assert_eq!(names(&h).last().map(String::as_str), Some("客户服务"));
        // Up one place: before the category that was last.
        let ups = h.query_all_by_label("↑").collect::<Vec<_>>();
        ups.last().unwrap().click();
        h.run_steps(4);
        let n = names(&h).len();
        assert_eq!(names(&h)[n - 2], "客户服务");
        // Renamed by its own button (the departments' come first).
        let renames = h.query_all_by_label("重命名…").collect::<Vec<_>>();
        let departments = h
            .state()
            .library
            .as_ref()
            .unwrap()
            .library
            .catalogue
            .departments
            .len();
        renames[departments + n - 2].click();
        h.run_steps(3);
        type_name(&mut h, "客户关怀");
        assert_eq!(names(&h)[n - 2], "客户关怀");

        for _ in 0..3 {
            h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
            h.run_steps(4);
        }
        assert_eq!(folder_bytes(&root), before, "three steps back: as it was");
    }

    #[test]
    fn everything_daqu_approves_is_one_click_from_its_step() {
        let (_dir, root) = library_copy();
        let mut h = app(vec![root.clone()]);
        h.get_by_label("部门职责").click();
        h.run_steps(3);
        {
            let open = h.state_mut().library.as_mut().unwrap();
            open.duty_department = open
                .duties
                .iter()
                .position(|d| d.department == "大区")
                .unwrap();
        }
        h.run_steps(2);
        // The letter filter comes before the rows (which show letters too).
        h.query_all_by_label("A").next().unwrap().click();
        h.run_steps(3);
        let library = Library::open(&root).unwrap();
        let all = duties(&library);
        let daqu = all.iter().find(|d| d.department == "大区").unwrap();
        let approves = daqu.with_letters(RoleSet::of(&[Role::A]));
        let first = approves.first().expect("大区 approves something");
        for d in &approves {
            assert!(
                h.query_by_label(&d.title).is_some(),
                "{} is listed",
                d.title
            );
        }
        let others: Vec<_> = daqu
            .duties
            .iter()
            .filter(|d| !d.letters.contains(Role::A))
            .collect();
        if let Some(other) = others.first() {
            assert!(
                h.query_by_label(&other.title).is_none(),
                "{} is filtered out",
                other.title
            );
        }
        h.get_by_label(&first.title).click();
        h.run_steps(4);
        let s = h.state();
        assert!(!s.shows_library());
        let ed = &s.docs[s.active].editor;
        let file = library.catalogue.entries[first.entry].file.clone().unwrap();
        assert_eq!(
            ed.doc
                .path
                .as_ref()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy(),
            file
        );
        assert_eq!(
            ed.selection.single_step(),
            Some(first.step),
            "with its step selected"
        );
    }

    #[test]
    fn an_undrawn_entry_becomes_a_new_process_from_its_menu() {
        let (_dir, root) = library_copy();
        let mut h = app(vec![root.clone()]);
        let at = centre_of_label(&h, "订单处理");
        h.hover_at(at);
        h.run_steps(2);
        h.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Secondary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
        h.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Secondary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(2);
        h.get_by_label("从此条目新建流程").click();
        h.run_steps(4);

        // Named like the library's files, 销售1.9 关键客户开发.ron.
        let file = root.join("销售1.11 订单处理.ron");
        let p = flowcase::format::load(&file).expect("the new process file");
        assert_eq!(p.overview.number, "销售1.11");
        assert_eq!(p.overview.name, "订单处理");
        assert_eq!(p.overview.owner, "特殊销售分部");
        // Lanes from the library's departments, the owner first.
        let lanes: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(lanes.first(), Some(&"特殊销售分部"), "{lanes:?}");
        let c = flowcase::format::load_catalogue(&root.join(CATALOGUE_FILE)).unwrap();
        let names = c.department_names();
        assert!(lanes.iter().all(|l| names.contains_key(l)), "{lanes:?}");
        assert!(lanes.len() > 1 && lanes.len() <= 4, "{lanes:?}");
        assert_eq!(
            active_file(&h),
            "销售1.11 订单处理.ron",
            "and it opened in a tab"
        );
        let e = c.entries.iter().find(|e| e.number == "1.11").unwrap();
        assert_eq!(e.file.as_deref(), Some("销售1.11 订单处理.ron"));
    }

    #[test]
    fn a_process_lists_the_processes_leading_into_it_one_click_away() {
        let (_dir, root) = library_copy();
        let mut h = app(vec![root.join("销售1.12 特殊商务条件审批.ron")]);
        // 1.9 and 1.10 both have exits into 1.12.
        assert!(h.query_by_label("引用本流程的流程").is_some());
        assert!(h.query_by_label("1.10 关键客户管理").is_some());
        h.get_by_label("1.9 关键客户开发").click();
        h.run_steps(4);
        assert_eq!(active_file(&h), "销售1.9 关键客户开发.ron");
    }

    /// Runs frames until the library export in the background is done.
    fn until_exported(h: &mut Harness<Shell>) {
        let mut frames = 0;
        while h.state().library_export.is_some() && frames < 600 {
            h.run_steps(1);
            frames += 1;
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(h.state().library_export.is_none(), "the export finished");
    }

    #[test]
    fn a_library_export_with_an_unsaved_tab_asks_to_save_it_first() {
        let (dir, root) = library_copy();
        let file = root.join("销售1.9 关键客户开发.ron");
        let mut h = app(vec![root.clone(), file.clone()]);
        // A role changed in 1.9 and not saved.
        let before = flowcase::format::load(&file).unwrap();
        {
            let s = h.state_mut();
            let ed = &mut s.docs[s.active].editor;
            let lane = ed.doc.process().lanes[0].id;
            ed.edit(Edit::RenameLane {
                id: lane,
                name: "未保存的名字".into(),
            });
            ed.flush(&mut s.app);
        }
        h.run_steps(2);
        let deck = dir.path().join("手册.pdf");
        h.state_mut()
            .export_library_to(flowcase::session::LibraryJob::Export, deck.clone());
        h.run_steps(3);
        assert!(h.query_by_label("有未保存的修改").is_some(), "asked first");
        assert!(h.state().library_export.is_none(), "nothing exported yet");
        // Exporting the saved files leaves the tab as it is.
        h.get_by_label("导出已保存的文件").click();
        h.run_steps(2);
        until_exported(&mut h);
        assert_eq!(flowcase::format::load(&file).unwrap(), before);
        assert!(h.state().docs.iter().any(|d| d.editor.doc.is_modified()));
        // Saving first writes the change, then exports what the tab shows.
        h.state_mut()
            .export_library_to(flowcase::session::LibraryJob::Export, deck.clone());
        h.run_steps(3);
        h.get_by_label("保存后导出").click();
        h.run_steps(2);
        until_exported(&mut h);
        let saved = flowcase::format::load(&file).unwrap();
        assert_eq!(saved.lanes[0].name, "未保存的名字");
        assert!(h.state().docs.iter().all(|d| !d.editor.doc.is_modified()));
        let text = common::pdf::pdf_text(&deck, None);
        assert!(
            text.contains("未保存的名字"),
            "the deck shows what the tab showed"
        );
        // Cancel exports nothing.
        std::fs::remove_file(&deck).unwrap();
        {
            let s = h.state_mut();
            let ed = &mut s.docs[s.active].editor;
            let lane = ed.doc.process().lanes[0].id;
            ed.edit(Edit::RenameLane {
                id: lane,
                name: "又改了".into(),
            });
            ed.flush(&mut s.app);
        }
        h.state_mut()
            .export_library_to(flowcase::session::LibraryJob::Export, deck.clone());
        h.run_steps(3);
        h.get_by_label("取消").click();
        h.run_steps(3);
        assert!(h.state().library_export.is_none() && !deck.exists());
    }

    #[test]
    fn the_library_exported_as_pptx_from_its_own_dialog_is_a_pptx() {
        let (dir, root) = library_copy();
        let mut h = app(vec![root.clone()]);
        h.state_mut().native_dialogs = flowcase::ui::NativeDialogs::Unavailable;
        h.get_by_label("导出流程库…").click();
        h.run_steps(3);
        let target = dir.path().join("全部流程.pptx");
        h.event(Event::Text(target.display().to_string()));
        h.run_steps(1);
        h.key_press(egui::Key::Enter);
        h.run_steps(2);
        until_exported(&mut h);
        assert!(
            !dir.path().join("全部流程.pptx.pdf").exists(),
            "no other name"
        );
        let bytes = std::fs::read(&target).expect("written as typed");
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert!(zip.file_names().any(|n| n == "ppt/presentation.xml"));
    }

    #[test]
    fn the_library_exports_in_the_background_while_the_window_goes_on() {
        let (dir, root) = library_copy();
        let mut h = app(vec![root.clone()]);
        h.state_mut().native_dialogs = flowcase::ui::NativeDialogs::Unavailable;
        h.get_by_label("导出流程库…").click();
        h.run_steps(3);
        assert!(h.state().file_window().is_some(), "asks where");
        let target = dir.path().join("全部流程.pdf");
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
        h.event(Event::Text(target.display().to_string()));
        h.run_steps(1);
        h.key_press(egui::Key::Enter);
        h.run_steps(2);
        until_exported(&mut h);
        let message = common::library_message(h.state());
        assert!(message.contains("全部流程.pdf"), "{message}");
        let text = Command::new("pdftotext")
            .arg(&target)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8(text.stdout).unwrap();
        assert!(
            text.contains("关键客户开发") && text.contains("1.13.3"),
            "the deck was written"
        );
    }

    #[test]
    fn the_list_has_a_file_menu_and_the_file_shortcuts() {
        let (_dir, root) = library_copy();
        let mut h = app(vec![root.clone()]);
        h.get_by_label("文件").click();
        h.run_steps(2);
        assert!(h.query_by_label("打开流程库…").is_some());
        assert!(h.query_by_label("导出流程库…").is_some());
        h.key_press(egui::Key::Escape);
        h.run_steps(2);
        let docs = h.state().docs.len();
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::N);
        h.run_steps(3);
        assert_eq!(h.state().docs.len(), docs + 1, "Ctrl+N makes a new process");
        assert!(!h.state().shows_library(), "and shows it");
    }

    #[test]
    fn a_process_opened_alone_knows_its_library() {
        let (_dir, root) = library_copy();
        let h = app(vec![root.join("销售1.12 特殊商务条件审批.ron")]);
        let s = h.state();
        assert!(!s.shows_library(), "the process is shown");
        let open = s.library.as_ref().expect("its library is open too");
        assert_eq!(open.library.catalogue.entries.len(), 44);
    }
}

/// Every file of a library folder with its bytes.
fn snapshot(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

#[test]
fn renaming_a_department_renames_its_lanes_everywhere_and_touches_nothing_else() {
    let (_dir, root) = library_copy();
    let before = snapshot(&root);
    let library = Library::open(&root).unwrap();
    let changes = rename_department(&library, "财务部", "财务中心").unwrap();
    apply_changes(&changes, &mut flowcase::format::OsFs).unwrap();

    let after = snapshot(&root);
    let changed: Vec<&String> = after.keys().filter(|k| after[*k] != before[*k]).collect();
    assert_eq!(changed, [CATALOGUE_FILE, "销售1.12 特殊商务条件审批.ron"]);
    let library = Library::open(&root).unwrap();
    assert!(
        library
            .catalogue
            .departments
            .iter()
            .any(|d| d.name == "财务中心")
    );
    let (_, p12) = library.drawn().find(|(e, _)| e.number == "1.12").unwrap();
    assert!(p12.lanes.iter().any(|l| l.name == "财务中心"));
    assert!(
        check_library(&library).is_empty(),
        "and the library is still clean"
    );
}

#[test]
fn renumbering_a_process_rewrites_every_exit_that_names_it() {
    let (_dir, root) = library_copy();
    let before = snapshot(&root);
    let library = Library::open(&root).unwrap();
    let index = index_of(&library.catalogue, "1.12");
    let changes = renumber_entry(&library, index, "1.22").unwrap();
    apply_changes(&changes, &mut flowcase::format::OsFs).unwrap();

    let after = snapshot(&root);
    assert_eq!(
        after["销售1.13 特殊批量排产.ron"], before["销售1.13 特殊批量排产.ron"],
        "a process that does not name 1.12 is byte-identical"
    );
    let library = Library::open(&root).unwrap();
    assert!(check_library(&library).is_empty(), "no exit is broken");
    let exits: Vec<String> = library
        .drawn()
        .flat_map(|(_, p)| p.steps.values())
        .filter_map(|s| match &s.kind {
            StepKind::ProcessExit { number, .. } => Some(number.clone()),
            _ => None,
        })
        .collect();
    assert!(exits.contains(&"1.22、1.13".to_owned()), "{exits:?}");
    assert!(exits.contains(&"1.22".to_owned()));
    assert!(!exits.iter().any(|n| n.contains("1.12")));
    let (_, p) = library.drawn().find(|(e, _)| e.number == "1.22").unwrap();
    assert_eq!(p.overview.number, "销售1.22");
    // A number another entry has is refused.
    assert!(renumber_entry(&library, index, "1.13").is_err());
}

/// Fails every rename after the first `ok` ones.
struct FailingRenames {
    ok: usize,
}

impl flowcase::format::SaveFs for FailingRenames {
    fn rename(&mut self, from: &Path, to: &Path) -> std::io::Result<()> {
        if self.ok == 0 {
            return Err(std::io::Error::other("injected failure"));
        }
        self.ok -= 1;
        std::fs::rename(from, to)
    }
}

#[test]
fn a_failure_in_the_middle_of_a_rename_puts_every_file_back() {
    let (_dir, root) = library_copy();
    let before = snapshot(&root);
    let library = Library::open(&root).unwrap();
    let changes = rename_department(&library, "大区", "区域中心").unwrap();
    assert!(changes.len() >= 4, "the catalogue and four processes");
    // Two files go through, the third fails; the two are put back (their
    // renames count too, so allow them).
    let mut fs = FailingRenames { ok: 2 };
    let err = apply_changes(&changes, &mut fs).unwrap_err();
    assert!(matches!(
        err,
        RewriteError::Write {
            restored: false,
            ..
        }
    ));
    // Put back failed too (no rename works any more): still every file is
    // whole — either its old bytes or its new ones.
    let after = snapshot(&root);
    for change in &changes {
        let name = change
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let now = &after[&name];
        assert!(*now == change.old || *now == change.new, "{name} is torn");
    }

    // With renames working again for the putting back, all files are old.
    let (_dir, root) = library_copy();
    let library = Library::open(&root).unwrap();
    let changes = rename_department(&library, "大区", "区域中心").unwrap();
    let mut fs = FailingThird { calls: 0 };
    let err = apply_changes(&changes, &mut fs).unwrap_err();
    assert!(matches!(err, RewriteError::Write { restored: true, .. }));
    let after = snapshot(&root);
    for (name, bytes) in &before {
        assert_eq!(&after[name], bytes, "{name} is as it was");
    }
}

/// Fails only the third rename.
struct FailingThird {
    calls: usize,
}

impl flowcase::format::SaveFs for FailingThird {
    fn rename(&mut self, from: &Path, to: &Path) -> std::io::Result<()> {
        self.calls += 1;
        if self.calls == 3 {
            return Err(std::io::Error::other("injected failure"));
        }
        std::fs::rename(from, to)
    }
}

/// Exports the sample library with `args` to `name` in `dir`; the path.
fn export_sample(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let mut all = vec!["library", "export", "--lang", "zh"];
    all.extend_from_slice(args);
    all.extend([SAMPLE_LIBRARY, "-o", path.to_str().unwrap()]);
    flowcase_ok(&all);
    path
}

/// A PDF's text as pdftotext reads it, without any white space (titles
/// wrap inside boxes).
fn pdf_words(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (scripts/install-deps.sh)");
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn the_library_deck_holds_every_entry_and_every_drawn_step_with_section_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let squeezed = pdf_words(&export_sample(dir.path(), "deck.pdf", &[]));
    let library = Library::open(&repo_path(SAMPLE_LIBRARY)).unwrap();
    for e in &library.catalogue.entries {
        assert!(squeezed.contains(&e.name), "the list names {}", e.name);
    }
    for (e, p) in library.drawn() {
        for s in p.steps.values().filter(|s| s.kind != StepKind::Note) {
            let title: String = s.title.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(squeezed.contains(&title), "{}: {}", e.number, s.title);
        }
        for part in ["1概要", "2流程图", "3AECI表"] {
            let section = format!("{}.{part}", e.number);
            assert!(squeezed.contains(&section), "{section}");
        }
    }
    assert!(
        squeezed.contains("流程清单(续)"),
        "the list continues, titled so"
    );
    assert!(
        !squeezed.contains("部门职责·"),
        "no duties section unless asked"
    );

    let squeezed = pdf_words(&export_sample(dir.path(), "deck-duties.pdf", &["--duties"]));
    for d in duties(&library).iter().filter(|d| !d.duties.is_empty()) {
        assert!(
            squeezed.contains(&format!("部门职责·{}", d.department)),
            "{}",
            d.department
        );
    }
}

#[test]
fn the_duties_workbook_reads_back_as_the_model() {
    use calamine::{Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let path = export_sample(dir.path(), "duties.xlsx", &[]);
    let library = Library::open(&repo_path(SAMPLE_LIBRARY)).unwrap();
    let all = duties(&library);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let names = book.sheet_names().to_vec();
    assert_eq!(names[0], "汇总");
    assert_eq!(names.len(), all.len() + 1, "a sheet per department");
    let cell = |r: &calamine::Range<calamine::Data>, row: usize, col: usize| {
        r.get((row, col)).map(|c| c.to_string()).unwrap_or_default()
    };
    for (k, d) in all.iter().enumerate() {
        let sheet = book.worksheet_range(&names[k + 1]).unwrap();
        assert_eq!(sheet.height(), d.duties.len() + 1, "{}", d.department);
        for (row, duty) in d.duties.iter().enumerate() {
            let e = &library.catalogue.entries[duty.entry];
            assert_eq!(cell(&sheet, row + 1, 0), e.number);
            assert_eq!(cell(&sheet, row + 1, 2), duty.number.to_string());
            assert_eq!(cell(&sheet, row + 1, 3), duty.title);
            assert_eq!(cell(&sheet, row + 1, 4), duty.letters.to_string());
        }
    }
    let summary = book.worksheet_range("汇总").unwrap();
    let daqu_row = (1..summary.height())
        .find(|r| cell(&summary, *r, 0) == "大区")
        .unwrap();
    let daqu = all.iter().find(|d| d.department == "大区").unwrap();
    assert_eq!(
        cell(&summary, daqu_row, 1),
        flowcase::export::counts_text(daqu.counts_in(8)),
        "大区 in 1.9"
    );
}

#[test]
fn entries_are_added_renamed_moved_and_removed_with_or_without_their_file() {
    use flowcase::ui::{LibraryRename, RemovedFile, Settings, Shell};
    let (_dir, root) = library_copy();
    let mut shell = Shell::new(vec![root.clone()], Settings::default(), None);
    let catalogue = || flowcase::format::load_catalogue(&root.join(CATALOGUE_FILE)).unwrap();

    // “+ 添加流程” asks for the name first: cancelled, nothing is written.
    let before = std::fs::read(root.join(CATALOGUE_FILE)).unwrap();
    shell.add_entry(4);
    let open = shell.library.as_mut().unwrap();
    assert!(matches!(
        open.rename,
        Some(LibraryRename::NewEntry { category: 4, .. })
    ));
    open.rename = None;
    assert_eq!(
        std::fs::read(root.join(CATALOGUE_FILE)).unwrap(),
        before,
        "nothing written"
    );
    // Named, it is added at the end of 备件 (category 4) as 4.5.
    shell.add_entry(4);
    let open = shell.library.as_mut().unwrap();
    open.rename = Some(LibraryRename::NewEntry {
        category: 4,
        text: "备件库存盘点".into(),
    });
    shell.finish_library_rename();
    let c = catalogue();
    let index = c
        .entries
        .iter()
        .position(|e| e.number == "4.5")
        .expect("4.5 added");
    assert_eq!(
        c.entries[index - 1].number,
        "4.4",
        "after the category's last"
    );
    assert_eq!(c.entries[index].name, "备件库存盘点");

    // Moved to 售后服务 (category 3): listed after 3.4.
    shell.move_entry(index, 3);
    let c = catalogue();
    let moved = c
        .entries
        .iter()
        .position(|e| e.name == "备件库存盘点")
        .unwrap();
    assert_eq!(c.entries[moved].category, 3);
    assert_eq!(c.entries[moved - 1].number, "3.4");

    // Removed keeping its file, then 1.13 removed with its file.
    shell.remove_entry(moved, RemovedFile::Keep);
    assert!(catalogue().entries.iter().all(|e| e.name != "备件库存盘点"));
    let i13 = index_of(&catalogue(), "1.13");
    shell.remove_entry(i13, RemovedFile::Delete);
    assert!(
        !root.join("销售1.13 特殊批量排产.ron").exists(),
        "the file went with it"
    );
    let i12 = index_of(&catalogue(), "1.12");
    shell.remove_entry(i12, RemovedFile::Keep);
    assert!(
        root.join("销售1.12 特殊商务条件审批.ron").exists(),
        "a kept file stays"
    );
    assert_eq!(catalogue().entries.len(), 42);
    // 1.9's exits now lead nowhere, and the list says so.
    let problems = &shell.library.as_ref().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, LibraryProblem::BrokenLink { .. }))
    );
}

#[test]
fn a_rename_over_a_file_changed_since_the_library_was_read_changes_nothing() {
    let (_dir, root) = library_copy();
    let library = Library::open(&root).unwrap();
    // A colleague edits 1.13 meanwhile.
    let path = root.join("销售1.13 特殊批量排产.ron");
    let mut p = flowcase::format::load(&path).unwrap();
    p.overview.cycle = "每月".into();
    save(&p, &path).unwrap();
    let before = snapshot(&root);
    let err = rename_department(&library, "大区", "区域中心").unwrap_err();
    assert!(
        matches!(err, RewriteError::Changed(ref p) if p.ends_with("销售1.13 特殊批量排产.ron"))
    );
    assert_eq!(snapshot(&root), before, "no file was written");
}

#[test]
fn renumbering_also_follows_exits_written_with_the_category_prefix() {
    let (_dir, root) = library_copy();
    // 1.10's exit names 销售1.12 rather than 1.12.
    let path = root.join("销售1.10 关键客户管理.ron");
    let mut p = flowcase::format::load(&path).unwrap();
    for step in p.steps.values_mut() {
        if let StepKind::ProcessExit { number, .. } = &mut step.kind {
            *number = "销售1.12".into();
        }
    }
    save(&p, &path).unwrap();
    let library = Library::open(&root).unwrap();
    let index = index_of(&library.catalogue, "1.12");
    apply_changes(
        &renumber_entry(&library, index, "1.22").unwrap(),
        &mut flowcase::format::OsFs,
    )
    .unwrap();
    let p = flowcase::format::load(&path).unwrap();
    let exits: Vec<String> = p
        .steps
        .values()
        .filter_map(|s| match &s.kind {
            StepKind::ProcessExit { number, .. } => Some(number.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(exits, ["销售1.22"]);
    assert!(check_library(&Library::open(&root).unwrap()).is_empty());
}

#[test]
fn removing_an_entry_never_deletes_a_file_another_entry_names() {
    use flowcase::ui::{RemovedFile, Settings, Shell};
    let (_dir, root) = library_copy();
    // 1.11 names 1.13's file too (a slip in the catalogue).
    edit_catalogue(&root, |c| {
        let file = c
            .entries
            .iter()
            .find(|e| e.number == "1.13")
            .unwrap()
            .file
            .clone();
        c.entries
            .iter_mut()
            .find(|e| e.number == "1.11")
            .unwrap()
            .file = file;
    });
    let mut shell = Shell::new(vec![root.clone()], Settings::default(), None);
    let index = index_of(&shell.library.as_ref().unwrap().library.catalogue, "1.11");
    shell.remove_entry(index, RemovedFile::Delete);
    assert!(
        root.join("销售1.13 特殊批量排产.ron").exists(),
        "1.13's file stays"
    );
    let message = shell
        .library
        .as_ref()
        .unwrap()
        .message
        .clone()
        .unwrap_or_default();
    assert!(
        message.contains("kept") || message.contains("保留"),
        "and it says so: {message}"
    );
}

#[test]
fn library_check_counts_one_warning_in_the_singular() {
    let (_dir, root) = library_copy();
    let file = root.join("销售1.9 关键客户开发.ron");
    let mut p = flowcase::format::load(&file).unwrap();
    // A step with no E: exactly one warning.
    let id = step_titled(&p, "搜集当地市场潜在关键客户的信息");
    let lane = p.steps[&id].lane;
    let roles = role_cell(&p.steps[&id].roles, lane).without(Role::E);
    apply(
        &mut p,
        Edit::SetRole {
            step: id,
            lane,
            roles,
        },
    )
    .unwrap();
    assert_eq!(Analysis::of(&p).warnings.len(), 1);
    save(&p, &file).unwrap();
    let o = flowcase_ok(&["library", "check", "--lang", "en", root.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("drawn · 1 warning\n"), "{said}");
    assert!(!said.contains("1 warnings"), "{said}");
}

#[test]
fn the_library_deck_as_pptx_opens_in_libreoffice_with_every_section() {
    use common::pdf::{libreoffice_pdf, pdf_pages, pdf_text};
    let dir = tempfile::tempdir().unwrap();
    let lib = repo_path(SAMPLE_LIBRARY);
    let (pdf, pptx) = (dir.path().join("deck.pdf"), dir.path().join("deck.pptx"));
    for out in [&pdf, &pptx] {
        let args = [
            "library",
            "export",
            "--lang",
            "zh",
            lib.to_str().unwrap(),
            "-o",
        ];
        let mut args = args.to_vec();
        args.push(out.to_str().unwrap());
        flowcase_ok(&args);
    }
    let shown = libreoffice_pdf(&pptx, &dir.path().join("lo"));
    assert_eq!(
        pdf_pages(&shown),
        pdf_pages(&pdf),
        "a slide per page of the PDF deck"
    );
    let text: String = pdf_text(&shown, None).split_whitespace().collect();
    let library = Library::open(&lib).unwrap();
    let mut expected = vec![
        library.catalogue.title.clone(),
        "流程清单(续)".to_owned(),
        // The analysis pages, as native tables.
        "交接矩阵".to_owned(),
        "部门×流程".to_owned(),
        "值得关注".to_owned(),
    ];
    for e in &library.catalogue.entries {
        expected.push(e.name.clone());
    }
    for (e, p) in library.drawn() {
        expected.push(format!("{}.1", e.number));
        expected.push(format!("{}.3AECI表", e.number));
        expected.extend(p.lanes.iter().map(|l| l.name.clone()));
    }
    for item in expected {
        let item: String = item.split_whitespace().collect();
        assert!(text.contains(&item), "“{item}” is not in the slides");
    }
}

#[test]
fn renaming_daqu_on_the_command_line_keeps_its_old_name_and_leaves_free_text_as_written() {
    let (_dir, root) = library_copy();
    let r = root.to_str().unwrap();
    // A 要点 that mentions 大区 in passing stays as the author wrote it.
    let file = root.join("销售1.9 关键客户开发.ron");
    let mut p = flowcase::format::load(&file).unwrap();
    let id = step_titled(&p, "制定客户开发计划");
    p.steps.get_mut(&id).unwrap().description = "与大区经理一起制定".into();
    save(&p, &file).unwrap();
    let o = flowcase_ok(&[
        "library",
        "rename-department",
        "--lang",
        "en",
        r,
        "大区",
        "区域",
    ]);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("the old name still stands"), "{said}");
    assert!(said.contains("step “制定客户开发计划”"), "{said}");

    let library = Library::open(&root).unwrap();
    let d = library
        .catalogue
        .departments
        .iter()
        .find(|d| d.name == "区域")
        .unwrap();
    assert!(
        d.aliases.contains(&"大区".to_owned()),
        "the old name is an alias"
    );
    for (e, p) in library.drawn() {
        let lanes: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
        assert!(!lanes.contains(&"大区"), "{}: {lanes:?}", e.number);
        assert!(
            !p.overview.participants.contains("、大区"),
            "{}",
            p.overview.participants
        );
    }
    let (_, p9) = library.drawn().find(|(e, _)| e.number == "1.9").unwrap();
    assert_eq!(
        p9.overview.participants,
        "特殊销售分部、商务行动与方法分部、区域和经销商"
    );
    assert_eq!(p9.steps[&id].description, "与大区经理一起制定");
    assert!(
        check_library(&library).is_empty(),
        "the library is still clean"
    );
}

#[test]
fn a_department_rename_that_is_refused_writes_nothing_and_exits_2() {
    let (_dir, root) = library_copy();
    let r = root.to_str().unwrap();
    let before = snapshot(&root);
    for (old, new, said) in [
        ("大区", "经销商", "cannot be used"),
        ("大区", "", "cannot be used"),
        ("总部", "集团", "no department"),
    ] {
        let o = flowcase(&["library", "rename-department", "--lang", "en", r, old, new]);
        assert_eq!(o.status.code(), Some(2), "{old} → {new}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(said), "{old} → {new}: {err}");
        assert_eq!(snapshot(&root), before, "{old} → {new}: nothing written");
    }
    // A file another program changed since it was read stops the whole
    // rename before anything is written.
    let file = root.join("销售1.13 特殊批量排产.ron");
    let library = Library::open(&root).unwrap();
    let changes = rename_department(&library, "大区", "区域").unwrap();
    let mut p = flowcase::format::load(&file).unwrap();
    p.overview.cycle = "每月".into();
    save(&p, &file).unwrap();
    let before = snapshot(&root);
    assert!(apply_changes(&changes, &mut flowcase::format::OsFs).is_err());
    assert_eq!(snapshot(&root), before, "every file as it was");
}

#[test]
fn a_table_imported_into_the_library_names_its_lanes_by_the_departments() {
    let (_dir, root) = library_copy();
    let r = root.to_str().unwrap();
    flowcase_ok(&["library", "rename-department", r, "大区", "区域"]);
    // A table written before the rename still says 大区.
    let table = root.join("回访.csv");
    std::fs::write(&table, "编号,主要步骤,大区,经销商\n1,回访客户,A,E\n").unwrap();
    let out = root.join("销售1.17 客户回访.ron");
    let o = flowcase_ok(&[
        "import",
        "--lang",
        "en",
        table.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("“大区” is named “区域”"), "{said}");
    let p = flowcase::format::load(&out).unwrap();
    let lanes: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(lanes, ["区域", "经销商"]);
}
