//! An organisation designer moves a library from AECI to RACI (and the
//! other schemes): every file speaks the new letters, the rules name them,
//! and going back gives the same bytes; a change that would lose a letter
//! is refused before anything is written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::{flowcase, flowcase_ok, library_copy, sample_1_9};
use flowcase::lang::Lang;
use flowcase::model::scheme::SchemeName;
use flowcase::model::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The library's `.ron` files with their bytes (a change leaves `.bak`s).
fn folder(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = common::files_below(dir);
    files.retain(|p, _| p.extension().is_some_and(|e| e == "ron"));
    files
}

#[test]
fn the_sample_library_goes_to_raci_and_back_to_the_same_bytes() {
    let (_keep, root) = library_copy();
    let before = folder(&root);
    let dir = root.to_str().unwrap();
    let o = flowcase_ok(&["library", "scheme", dir, "RACI", "--lang", "zh"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("RACI"));
    let text = std::fs::read_to_string(root.join("销售1.9 关键客户开发.ron")).unwrap();
    assert!(
        text.contains("scheme: RACI") && text.contains("format: 3"),
        "the file names its scheme"
    );
    assert!(
        text.contains("\"A,R\"") && !text.contains("\"A,E\""),
        "and writes its letters"
    );
    let catalogue = flowcase::format::load_catalogue(&root.join("流程清单.ron")).unwrap();
    assert_eq!(catalogue.scheme, SchemeName::RACI);
    let p = flowcase::format::load(&root.join("销售1.9 关键客户开发.ron")).unwrap();
    assert!(
        Analysis::of(&p).warnings.is_empty(),
        "R stands where E stood: no warning"
    );
    flowcase_ok(&["library", "scheme", dir, "AECI"]);
    assert_eq!(folder(&root), before, "AECI → RACI → AECI: the same bytes");
}

#[test]
fn a_change_that_would_lose_a_letter_and_an_unknown_scheme_write_nothing() {
    let (_keep, root) = library_copy();
    let before = folder(&root);
    let dir = root.to_str().unwrap();
    // RAPID has no "informed": the first step holding an I is named.
    let o = flowcase(&["library", "scheme", dir, "RAPID", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(2));
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.contains("I") && said.contains("RAPID") && said.contains("未做任何更改"),
        "{said}"
    );
    assert!(said.contains("的步骤「"), "names the step: {said}");
    let o = flowcase(&["library", "scheme", dir, "RACIX", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no role scheme “RACIX”"));
    assert_eq!(folder(&root), before);
}

/// One main step in lane 1 holding `letters` (lane 2 holds nothing).
fn one_step(scheme: SchemeName, letters: &[Role]) -> Process {
    let mut p = common::lanes(&["甲部门", "乙部门"]);
    p.scheme = scheme;
    let lane = p.lanes[0].id;
    let mut step = Step::new(
        StepId(1),
        StepKind::Process,
        "审核申请",
        lane,
        FlowPoint::new(100.0, 70.0),
    );
    step.roles = [(lane, RoleSet::of(letters))].into();
    p.steps.insert(step.id, step);
    p
}

fn warnings(p: &Process, lang: Lang) -> Vec<String> {
    Analysis::of(p)
        .warnings
        .iter()
        .filter(|w| {
            matches!(
                w.rule(),
                RuleId::NoExecutor | RuleId::NoApprover | RuleId::SeveralApprovers
            )
        })
        .map(|w| w.message(lang))
        .collect()
}

#[test]
fn each_preset_asks_for_its_own_letters_in_both_languages() {
    use Role::*;
    let cases: [(SchemeName, &[Role], &str, &str); 5] = [
        (
            SchemeName::AECI,
            &[A, E],
            "没有执行方(E)",
            "has no executor (E)",
        ),
        (
            SchemeName::RACI,
            &[A, R],
            "没有负责人(R)",
            "has no responsible (R)",
        ),
        (
            SchemeName::RASCI,
            &[A, R, S],
            "没有负责人(R)",
            "has no responsible (R)",
        ),
        (
            SchemeName::DACI,
            &[D, A],
            "没有推动者(D)",
            "has no driver (D)",
        ),
        (
            SchemeName::RAPID,
            &[D, P],
            "没有执行者(P)",
            "has no performer (P)",
        ),
    ];
    for (scheme, complete, zh, en) in cases {
        assert!(
            warnings(&one_step(scheme, complete), Lang::Zh).is_empty(),
            "{scheme:?} complete"
        );
        // Without its first letter's executing one: that rule fires.
        let executor = scheme.scheme().executor();
        let missing: Vec<Role> = complete
            .iter()
            .copied()
            .filter(|r| *r != executor)
            .collect();
        let p = one_step(scheme, &missing);
        assert!(
            warnings(&p, Lang::Zh).iter().any(|w| w.contains(zh)),
            "{scheme:?}: {:?}",
            warnings(&p, Lang::Zh)
        );
        assert!(
            warnings(&p, Lang::En).iter().any(|w| w.contains(en)),
            "{scheme:?}: {:?}",
            warnings(&p, Lang::En)
        );
    }
    // AECI words as they always were: two approvers.
    let mut p = one_step(SchemeName::AECI, &[Role::A, Role::E]);
    let second = p.lanes[1].id;
    p.steps
        .get_mut(&StepId(1))
        .unwrap()
        .roles
        .insert(second, RoleSet::of(&[Role::A]));
    assert_eq!(
        warnings(&p, Lang::Zh),
        ["步骤 1「审核申请」有多个审批方(A):甲部门、乙部门"]
    );
}

#[test]
fn moving_a_raci_step_into_another_lane_carries_its_r() {
    let mut p = sample_1_9();
    flowcase::library::convert_scheme(&mut p, SchemeName::RACI);
    let step = common::step_titled(&p, "搜集当地市场潜在关键客户的信息");
    let to = common::lane_named(&p, "大区");
    let s = p.steps[&step].clone();
    apply(
        &mut p,
        Edit::MoveStep {
            id: step,
            lane: to,
            phase: s.phase,
            at: s.at,
        },
    )
    .unwrap();
    assert!(
        p.steps[&step].roles[&to].contains(Role::R),
        "{:?}",
        p.steps[&step].roles
    );
    // And a new step in a RACI process starts with R in its lane.
    let new = Step::new_in(
        SchemeName::RACI,
        p.next_step_id(),
        StepKind::Process,
        "新步骤",
        to,
        FlowPoint::new(0.0, 0.0),
    );
    assert_eq!(new.roles[&to], RoleSet::of(&[Role::R]));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

        /// Random libraries go to RACI (and RASCI) and back byte for byte.
        #[test]
        fn aeci_to_raci_and_back_gives_the_same_bytes_on_random_libraries(seed in 0u64..10_000, to_rasci in any::<bool>()) {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("L");
            let out = flowcase(&["generate", "--processes", "6", "--seed", &seed.to_string(), "-o", root.to_str().unwrap()]);
            prop_assert!(out.status.success());
            let before = folder(&root);
            let there = if to_rasci { "RASCI" } else { "RACI" };
            prop_assert_eq!(flowcase(&["library", "scheme", root.to_str().unwrap(), there]).status.code(), Some(0));
            prop_assert_ne!(&folder(&root), &before);
            prop_assert_eq!(flowcase(&["library", "scheme", root.to_str().unwrap(), "AECI"]).status.code(), Some(0));
            prop_assert_eq!(folder(&root), before);
        }
    }
}

/// In the 流程清单 tab: 职责方案 AECI → RACI, every file changed, an open
/// process shows its R; then back to AECI, and the files are as they were.
mod in_the_editor {
    use super::*;
    use egui_kittest::kittest::Queryable;

    #[test]
    fn the_library_tab_switches_the_sample_to_raci_and_back() {
        let (_keep, root) = library_copy();
        let before = folder(&root);
        let mut h = common::driver::chinese_window(vec![root.clone()]);
        h.get_by_label("职责方案").click();
        h.run_steps(3);
        h.get_by_label("RACI").click();
        h.run_steps(4);
        let said = common::library_message(h.state());
        assert!(said.contains("RACI"), "{said}");
        let p = flowcase::format::load(&root.join("销售1.9 关键客户开发.ron")).unwrap();
        assert_eq!(p.scheme, SchemeName::RACI);
        assert!(
            p.steps
                .values()
                .any(|s| s.roles.values().any(|r| r.contains(Role::R)))
        );
        // One step of the tab's undo takes every file back.
        h.get_by_label("撤销 更改职责方案").click();
        h.run_steps(4);
        assert_eq!(folder(&root), before, "back to AECI, byte for byte");
        // And choosing AECI after RACI again gives the same bytes too.
        for to in ["RACI", "AECI"] {
            h.get_by_label("职责方案").click();
            h.run_steps(3);
            h.get_by_label(to).click();
            h.run_steps(4);
        }
        assert_eq!(folder(&root), before);
    }
}

// ---- the library's analysis ----

/// Hand-offs (from, to) and main steps per (department, letter).
type Handoffs = BTreeMap<(String, String), usize>;
type Letters = BTreeMap<(String, char), usize>;

/// Hand-offs and letters counted the long way from the files.
fn brute_force(root: &Path) -> (Handoffs, Letters) {
    let library = flowcase::library::Library::open(root).unwrap();
    let names = library.catalogue.department_names();
    let dept = |lane: &str| {
        names
            .get(lane.trim())
            .map_or(lane.trim().to_owned(), |d| (*d).to_owned())
    };
    let mut handoffs = BTreeMap::new();
    let mut letters = BTreeMap::new();
    for (_, p) in library.drawn() {
        let lane_of = |id: StepId| dept(&p.lane(p.steps[&id].lane).unwrap().name);
        for c in p.connectors.values() {
            let (from, to) = (lane_of(c.from), lane_of(c.to));
            if from != to {
                *handoffs.entry((from, to)).or_insert(0) += 1;
            }
        }
        let table = aeci_table(p, &number_steps(p));
        for row in &table.rows {
            let mut by_dept: BTreeMap<String, RoleSet> = BTreeMap::new();
            for (lane, cell) in table.lanes.iter().zip(&row.cells) {
                let e = by_dept.entry(dept(&lane.name)).or_default();
                *e = e.union(*cell);
            }
            for (d, set) in by_dept {
                for r in set.iter() {
                    *letters.entry((d.clone(), r.letter())).or_insert(0) += 1;
                }
            }
        }
    }
    (handoffs, letters)
}

#[test]
fn the_analysis_json_has_the_shape_scripts_read() {
    let o = flowcase_ok(&[
        "library",
        "analyze",
        "--format",
        "json",
        common::repo_path("samples/library").to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let p = &v["processes"][0];
    for key in [
        "number",
        "name",
        "steps",
        "handoffs",
        "decisions",
        "loops_back",
    ] {
        assert!(!p[key].is_null(), "processes[0].{key}");
    }
    assert_eq!(p["number"], "1.9");
    let h = &v["handoffs"][0];
    assert!(h["from"].is_string() && h["to"].is_string() && h["count"].is_u64());
    let region = v["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "大区")
        .unwrap();
    for key in ["A", "E", "C", "I", "processes"] {
        assert!(region[key].is_u64(), "大区.{key}");
    }
    assert_eq!(region["processes"], 4);
    assert!(
        v["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "back_and_forth")
    );
}

mod analysis_properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

        /// On random libraries the hand-off matrix and every department's
        /// letters equal a count made the long way from the files.
        #[test]
        fn handoffs_and_letters_equal_a_brute_force_count(seed in 0u64..10_000) {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("L");
            let generated = flowcase(&["generate", "--processes", "5", "--seed", &seed.to_string(), "-o", root.to_str().unwrap()]);
            prop_assert!(generated.status.success());
            let o = flowcase(&["library", "analyze", "--format", "json", root.to_str().unwrap()]);
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            let (handoffs, letters) = brute_force(&root);
            let got: BTreeMap<(String, String), usize> = v["handoffs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| ((h["from"].as_str().unwrap().to_owned(), h["to"].as_str().unwrap().to_owned()), h["count"].as_u64().unwrap() as usize))
                .collect();
            prop_assert_eq!(got, handoffs);
            for d in v["departments"].as_array().unwrap() {
                let name = d["name"].as_str().unwrap();
                for c in ['A', 'E', 'C', 'I'] {
                    let want = letters.get(&(name.to_owned(), c)).copied().unwrap_or(0);
                    prop_assert_eq!(d[c.to_string()].as_u64().unwrap() as usize, want, "{} {}", name, c);
                }
            }
        }
    }
}

#[test]
fn the_analysis_workbook_holds_the_hand_off_matrix_and_the_load() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let book = common::sample_analysis_workbook(dir.path());
    let mut xlsx: Xlsx<_> = open_workbook(&book).unwrap();
    let names = xlsx.sheet_names();
    assert_eq!(
        names,
        ["交接", "职责负荷", "部门×流程", "各流程", "值得关注"]
    );
    let matrix = xlsx.worksheet_range("交接").unwrap();
    let header: Vec<String> = matrix
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let named =
        |r: &[calamine::Data], name: &str| matches!(&r[0], calamine::Data::String(s) if s == name);
    let row = |name: &str| matrix.rows().position(|r| named(r, name)).unwrap();
    // 经销商 hands work to 大区 four times across the sample.
    assert_eq!(
        matrix
            .get((row("经销商"), column("大区")))
            .unwrap()
            .to_string(),
        "4"
    );
    assert_eq!(
        matrix
            .get((row("大区"), column("大区")))
            .unwrap()
            .to_string(),
        "0"
    );
    let load = xlsx.worksheet_range("职责负荷").unwrap();
    let region = load.rows().find(|r| named(r, "大区")).unwrap();
    let cells: Vec<String> = region.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        cells,
        ["大区", "5", "7", "12", "4", "4"],
        "A E C I and its processes"
    );
}

/// What `flowcase diff` prints for two versions, with `args`.
fn diff_of(old: &Process, new: &Process, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    flowcase::format::save(old, &a).unwrap();
    flowcase::format::save(new, &b).unwrap();
    let mut all = vec!["diff", a.to_str().unwrap(), b.to_str().unwrap()];
    all.extend_from_slice(args);
    String::from_utf8(flowcase(&all).stdout).unwrap()
}

#[test]
fn diff_says_how_each_departments_load_and_the_hand_offs_changed() {
    let base = sample_1_9();
    let mut new = base.clone();
    // 大区 gives up its A on step 2 to 经销商, and a step of 经销商 moves
    // into 大区 (its hand-offs follow it).
    let step2 = common::step_titled(&base, "搜集当地市场潜在关键客户的信息");
    let (region, dealer) = (
        common::lane_named(&base, "大区"),
        common::lane_named(&base, "经销商"),
    );
    apply(
        &mut new,
        Edit::SetRole {
            step: step2,
            lane: region,
            roles: RoleSet::EMPTY,
        },
    )
    .unwrap();
    apply(
        &mut new,
        Edit::SetRole {
            step: step2,
            lane: dealer,
            roles: RoleSet::of(&[Role::A, Role::E]),
        },
    )
    .unwrap();
    let text = diff_of(&base, &new, &["--lang", "zh"]);
    assert!(text.contains("职责负荷与交接的变化"), "{text}");
    assert!(text.contains("大区 A:2 → 1"), "{text}");
    assert!(text.contains("经销商 A:4 → 5"), "{text}");
    let v: serde_json::Value =
        serde_json::from_str(&diff_of(&base, &new, &["--format", "json"])).unwrap();
    let design = v["design"].as_array().unwrap();
    assert!(design.iter().any(|d| d["kind"] == "load"
        && d["department"] == "大区"
        && d["before"] == 2
        && d["after"] == 1));
    // Moving a connector's end into another lane changes the hand-offs.
    let mut moved = base.clone();
    let c = *moved.connectors.keys().next().unwrap();
    let (from, to) = (moved.connectors[&c].from, moved.connectors[&c].to);
    let other = moved
        .steps
        .values()
        .find(|s| {
            s.id != from
                && s.id != to
                && s.lane != moved.steps[&from].lane
                && s.lane != moved.steps[&to].lane
        })
        .unwrap()
        .id;
    apply(
        &mut moved,
        Edit::SetConnectorEnds {
            id: c,
            from,
            to: other,
        },
    )
    .unwrap();
    let changes = flowcase::library::design_changes(&base, &moved);
    assert!(
        changes
            .iter()
            .any(|d| matches!(d, flowcase::library::DesignChange::Handoffs { .. })),
        "{changes:?}"
    );
}

/// 分析 in the library tab: the hand-off matrix; a click on 经销商 → 大区
/// lists its four hand-offs; a click on one opens its process on the step.
mod analysis_in_the_editor {
    use super::*;
    use egui_kittest::kittest::{NodeT, Queryable};

    #[test]
    fn a_matrix_cell_lists_its_hand_offs_and_one_opens_on_its_step() {
        let (_keep, root) = library_copy();
        let mut h = common::driver::analysis_page(&root);
        h.get_by_label("经销商 → 大区:4").click();
        h.run_steps(3);
        let steps: Vec<String> = h
            .query_all_by_label_contains(" · ")
            .map(|n| n.accesskit_node().label().unwrap_or_default())
            // The list's links begin with their process's number.
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        assert_eq!(steps.len(), 4, "{steps:?}");
        let first = steps[0].clone();
        h.get_by_label(&first).click();
        h.run_steps(4);
        let s = h.state();
        assert!(!s.shows_library(), "a process tab opened");
        let ed = &s.docs[s.active].editor;
        let selected: Vec<_> = ed.selection.steps.iter().collect();
        assert_eq!(selected.len(), 1);
        let title = &ed.doc.process().steps[selected[0]].title;
        assert!(first.ends_with(title.as_str()), "{first} / {title}");
    }
}

#[test]
fn a_raci_process_deck_titles_its_table_raci() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = sample_1_9();
    flowcase::library::convert_scheme(&mut p, SchemeName::RACI);
    let file = dir.path().join("1.9.ron");
    flowcase::format::save(&p, &file).unwrap();
    let pdf = dir.path().join("1.9.pdf");
    flowcase_ok(&[
        "export",
        file.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    let text = common::pdf::pdf_text(&pdf, None);
    assert!(
        text.contains("RACI表") && !text.contains("AECI表"),
        "the deck speaks RACI"
    );
    assert!(text.contains("A,R"), "and its letters");
}

#[test]
fn a_raci_diff_counts_the_r_a_department_gains() {
    let mut old = sample_1_9();
    flowcase::library::convert_scheme(&mut old, SchemeName::RACI);
    let mut new = old.clone();
    let step = common::step_titled(&old, "确定关键客户获取策略");
    let region = common::lane_named(&old, "大区");
    apply(
        &mut new,
        Edit::SetRole {
            step,
            lane: region,
            roles: RoleSet::of(&[Role::C, Role::R]),
        },
    )
    .unwrap();
    let text = diff_of(&old, &new, &["--lang", "zh"]);
    assert!(text.contains("+1 R"), "{text}");
}

/// A RACI process sent to a table or to BPMN and read back speaks RACI
/// again, with the same letters in every cell.
#[test]
fn a_raci_process_comes_back_from_a_table_and_from_bpmn_as_raci() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = sample_1_9();
    flowcase::library::convert_scheme(&mut p, SchemeName::RACI);
    let file = dir.path().join("1.9.ron");
    flowcase::format::save(&p, &file).unwrap();
    // The table's cells: each main step's letters per lane.
    let cells = |p: &Process| -> Vec<(String, String, String)> {
        let table = Analysis::of(p).table;
        let mut out = Vec::new();
        for row in &table.rows {
            for (lane, set) in table.lanes.iter().zip(&row.cells) {
                out.push((row.title.clone(), lane.name.clone(), set.to_string()));
            }
        }
        out.sort();
        out
    };
    for ext in ["csv", "xlsx", "bpmn"] {
        let q = common::round_trip(&file, &dir.path().join(format!("1.9.{ext}")));
        assert_eq!(q.scheme, SchemeName::RACI, "{ext}");
        assert_eq!(cells(&q), cells(&p), "{ext}");
        // The letters' rules hold (a table brings no start or end: those
        // warnings are the table's, not the scheme's).
        let said: Vec<String> = Analysis::of(&q)
            .warnings
            .iter()
            .map(|w| format!("{w:?}"))
            .filter(|w| w.contains("Executor") || w.contains("Approver"))
            .collect();
        assert!(said.is_empty(), "{ext}: {said:?}");
    }
}
