//! An organisation designer's company speaks neither AECI nor RACI: the
//! library defines its own scheme — its letters, their words in both
//! languages, how many each main step needs, the analysis's thresholds —
//! and every file, rule and warning follows it; a definition that cannot
//! work is refused before anything is written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::{flowcase, flowcase_ok, library_copy};
use flowcase::model::scheme::SchemeName;
use flowcase::model::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const OURS: &str = r#"(
    name: "RACI-O",
    letters: [
        (letter: 'R', like: Some('E'), zh: "承办方", en: "doer", count: AtLeastOne),
        (letter: 'A', like: Some('A'), zh: "拍板方", en: "decider", count: ExactlyOne),
        (letter: 'C', like: Some('C'), zh: "会商方", en: "adviser", count: AtMost(2)),
        (letter: 'I', like: Some('I'), zh: "知会方", en: "informed", count: Any),
    ],
    thresholds: Some((approver_share: 0.6, told_share: 0.9, min_steps: 3, long_chain: 4)),
)"#;

fn ron_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = common::files_below(dir);
    files.retain(|p, _| p.extension().is_some_and(|e| e == "ron"));
    files
}

const FILE_1_9: &str = "销售1.9 关键客户开发.ron";

/// A copy of the sample library converted to OURS.
fn library_in_ours() -> (tempfile::TempDir, PathBuf) {
    let (keep, root) = library_copy();
    let definition = root.parent().unwrap().join("方案.ron");
    std::fs::write(&definition, OURS).unwrap();
    flowcase_ok(&[
        "library",
        "scheme",
        root.to_str().unwrap(),
        definition.to_str().unwrap(),
    ]);
    (keep, root)
}

#[test]
fn a_library_speaks_a_scheme_of_its_own_and_comes_back_to_aeci_byte_for_byte() {
    let (_keep, root) = library_copy();
    let before = ron_files(&root);
    let definition = root.parent().unwrap().join("我们的方案.ron");
    std::fs::write(&definition, OURS).unwrap();
    let dir = root.to_str().unwrap();
    let o = flowcase_ok(&[
        "library",
        "scheme",
        dir,
        definition.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("RACI-O"));
    let catalogue = std::fs::read_to_string(root.join("流程清单.ron")).unwrap();
    assert!(catalogue.contains("format: 3") && catalogue.contains("name: \"RACI-O\""));
    let text = std::fs::read_to_string(root.join(FILE_1_9)).unwrap();
    assert!(
        text.contains("format: 4") && text.contains("承办方"),
        "the file carries the definition"
    );
    let p = flowcase::format::load(&root.join(FILE_1_9)).unwrap();
    assert_eq!(p.scheme.code(), "RACI-O");
    assert_eq!(p.scheme.scheme().thresholds.long_chain, 4);
    assert!(text.contains("\"A,R\""), "R stands where E stood");
    assert!(
        Analysis::of(&p).warnings.is_empty(),
        "every step has its 承办方 and 拍板方"
    );
    flowcase_ok(&["library", "scheme", dir, "AECI"]);
    assert_eq!(
        ron_files(&root),
        before,
        "AECI → RACI-O → AECI: the same bytes"
    );
}

#[test]
fn its_rules_ask_for_its_letters_in_its_words_and_count_at_most_two_advisers() {
    let (_keep, root) = library_in_ours();
    let mut p = flowcase::format::load(&root.join(FILE_1_9)).unwrap();
    let table = Analysis::of(&p).table;
    let row = &table.rows[0];
    // Every lane an adviser on the first main step, and its doer gone.
    let lanes: Vec<LaneId> = p.lanes.iter().map(|l| l.id).collect();
    for lane in lanes {
        let step = p.steps.get_mut(&row.head).unwrap();
        step.roles.insert(lane, RoleSet::of(&[Role::C]));
    }
    fn said(p: &Process, lang: flowcase::lang::Lang) -> String {
        let analysis = Analysis::of(p);
        let lines: Vec<String> = analysis.warnings.iter().map(|w| w.message(lang)).collect();
        lines.join("\n")
    }
    let zh = said(&p, flowcase::lang::Lang::Zh);
    let en = said(&p, flowcase::lang::Lang::En);
    assert!(zh.contains("承办方(R)") && zh.contains("拍板方(A)"), "{zh}");
    assert!(
        zh.contains("会商方"),
        "four advisers where two are the most: {zh}"
    );
    assert!(en.contains("doer (R)") && en.contains("adviser"), "{en}");
    // Two advisers are fine.
    let keep: Vec<LaneId> = p.lanes.iter().map(|l| l.id).skip(2).collect();
    for lane in keep {
        p.steps.get_mut(&row.head).unwrap().roles.remove(&lane);
    }
    let zh = said(&p, flowcase::lang::Lang::Zh);
    assert!(!zh.contains("会商方"), "{zh}");
}

#[test]
fn a_definition_that_cannot_work_is_refused_and_nothing_is_written() {
    let (_keep, root) = library_copy();
    let before = ron_files(&root);
    for (bad, says) in [
        (OURS.replace("letter: 'R'", "letter: 'X'"), "X 不是"),
        (OURS.replace("letter: 'C'", "letter: 'A'"), "定义了两次"),
        (OURS.replace("like: Some('E')", "like: Some('C')"), "like"),
        (OURS.replace("like: Some('E')", "like: None"), "执行方"),
        (
            OURS.replace("approver_share: 0.6", "approver_share: 7.0"),
            "阈值",
        ),
        (
            "(name: \"半截\", letters: [".to_owned(),
            "职责方案定义无法使用",
        ),
    ] {
        let file = root.parent().unwrap().join("坏方案.ron");
        std::fs::write(&file, &bad).unwrap();
        let o = flowcase(&[
            "library",
            "scheme",
            root.to_str().unwrap(),
            file.to_str().unwrap(),
            "--lang",
            "zh",
        ]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let said = String::from_utf8_lossy(&o.stderr);
        assert!(said.contains(says) && said.contains("坏方案.ron"), "{said}");
        assert_eq!(ron_files(&root), before, "nothing written");
    }
}

#[test]
fn a_process_file_defining_a_broken_scheme_does_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = common::sample_1_9();
    let definition: flowcase::model::scheme::Definition = ron::from_str(OURS).unwrap();
    let ours = flowcase::model::scheme::define(&definition).unwrap();
    flowcase::library::convert_scheme(&mut p, ours);
    let file = dir.path().join("1.9.ron");
    flowcase::format::save(&p, &file).unwrap();
    assert_eq!(
        flowcase::format::load(&file).unwrap(),
        p,
        "read back the same"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("letter: 'I'", "letter: 'Q'")).unwrap();
    assert!(flowcase::format::load(&file).is_err());
    assert_eq!(
        SchemeName::parse("RACI-O"),
        None,
        "a defined scheme is not a preset"
    );
}

/// The 流程清单 tab names the library's own scheme in its 职责方案 choice.
#[test]
fn the_library_tab_shows_the_scheme_the_library_defines() {
    use egui_kittest::kittest::Queryable;
    let (_keep, root) = library_in_ours();
    let mut h = common::driver::chinese_window(vec![root.clone()]);
    // Listed beside the presets; choosing it again changes nothing.
    h.get_by_label("职责方案").click();
    h.run_steps(3);
    assert!(h.query_by_label("RACI").is_some());
    h.get_by_label("RACI-O").click();
    h.run_steps(3);
    let s = h.state();
    let scheme = s.library.as_ref().unwrap().library.catalogue.scheme;
    assert_eq!(scheme.code(), "RACI-O");
}

/// A definition written loosely — small letters, the default thresholds
/// spelt out, a byte-order mark — is the scheme it means: files saved in it
/// read back equal, and asking for it again changes nothing.
#[test]
fn a_loosely_written_definition_is_the_same_scheme_every_time() {
    let (_keep, root) = library_copy();
    let loose = OURS
        .replace("letter: 'R', like: Some('E')", "letter: 'r', like: Some('e')")
        .replace(
            "thresholds: Some((approver_share: 0.6, told_share: 0.9, min_steps: 3, long_chain: 4)),",
            "thresholds: Some((approver_share: 0.5, told_share: 0.8, min_steps: 4, long_chain: 5)),",
        );
    let definition = root.parent().unwrap().join("松散.ron");
    std::fs::write(&definition, format!("\u{feff}{loose}")).unwrap();
    let args = [
        "library",
        "scheme",
        root.to_str().unwrap(),
        definition.to_str().unwrap(),
        "--lang",
        "zh",
    ];
    flowcase_ok(&args);
    let file = root.join(FILE_1_9);
    let p = flowcase::format::load(&file).unwrap();
    flowcase::format::save(&p, &file).unwrap();
    assert_eq!(
        flowcase::format::load(&file).unwrap(),
        p,
        "saved and read back equal"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("letter: 'R'") && !text.contains("thresholds"),
        "written tidy"
    );
    let o = flowcase_ok(&args);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("已经使用"),
        "nothing to change"
    );
}
