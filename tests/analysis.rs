//! An organisation designer reads what the library says about who does
//! what: the department × process map in the workbook, the JSON and the
//! editor, the analysis pages of the library deck, and an analysis that
//! follows one edited process without working out the rest again.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::{flowcase, flowcase_ok, library_copy, repo_path};
use flowcase::library::{EntryState, Library, analyze};
use flowcase::model::{Analysis, Edit, Role, RoleSet, apply};

#[test]
fn the_workbook_maps_each_department_onto_each_process() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let book = common::sample_analysis_workbook(dir.path());
    let library = repo_path("samples/library");
    let mut xlsx: Xlsx<_> = open_workbook(&book).unwrap();
    let map = xlsx.worksheet_range("部门×流程").unwrap();
    let header: Vec<String> = map
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, ["部门", "1.9", "1.10", "1.12", "1.13"]);
    let row = |name: &str| {
        map.rows()
            .find(|r| matches!(&r[0], calamine::Data::String(s) if s == name))
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
    };
    // 大区 holds a letter on 10 of 1.9's main steps; 财务部 on 1.12's two.
    let analysis = analyze(&Library::open(&library).unwrap());
    let region = analysis
        .departments
        .iter()
        .find(|d| d.name == "大区")
        .unwrap();
    let expected: Vec<String> = ["1.9", "1.10", "1.12", "1.13"]
        .iter()
        .map(|n| {
            region
                .process_steps
                .get(*n)
                .copied()
                .unwrap_or(0)
                .to_string()
        })
        .collect();
    assert_eq!(row("大区")[1..], expected[..]);
    assert_eq!(row("财务部"), ["财务部", "0", "0", "2", "0"]);
}

#[test]
fn the_json_gives_each_department_its_letters_per_process() {
    let library = repo_path("samples/library");
    let o = flowcase(&[
        "library",
        "analyze",
        "--format",
        "json",
        library.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for d in json["departments"].as_array().unwrap() {
        let per = d["per_process"].as_array().unwrap();
        for letter in ["A", "E", "C", "I"] {
            let sum: u64 = per.iter().map(|p| p[letter].as_u64().unwrap()).sum();
            assert_eq!(Some(sum), d[letter].as_u64(), "{} {letter}", d["name"]);
        }
        let steps: u64 = per.iter().map(|p| p["steps"].as_u64().unwrap()).sum();
        assert_eq!(Some(steps), d["steps"].as_u64(), "{}", d["name"]);
        assert_eq!(per.len() as u64, d["processes"].as_u64().unwrap());
    }
}

#[test]
fn one_edited_process_refreshes_the_analysis_to_what_a_fresh_one_says() {
    let (_keep, root) = library_copy();
    let mut library = Library::open(&root).unwrap();
    let before = analyze(&library);
    let index = library
        .states
        .iter()
        .position(|s| s.process().is_some())
        .unwrap();
    let EntryState::Drawn(p) = &mut library.states[index] else {
        unreachable!()
    };
    // Every lane consulted on the first step: the load changes.
    let step = *p.steps.keys().next().unwrap();
    for lane in p.lanes.clone() {
        let roles = RoleSet::of(&[Role::C]);
        apply(
            p,
            Edit::SetRole {
                step,
                lane: lane.id,
                roles,
            },
        )
        .unwrap();
    }
    let refreshed = before.refreshed(&library, &[index]);
    assert_ne!(refreshed.departments, before.departments, "the edit shows");
    assert_eq!(refreshed, analyze(&library), "as if worked out afresh");
}

#[test]
fn the_library_deck_shows_the_analysis_after_the_catalogue() {
    use common::pdf::pdf_text;
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("deck.pdf");
    let lib = repo_path("samples/library");
    flowcase_ok(&[
        "library",
        "export",
        "--lang",
        "zh",
        lib.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let pages: Vec<String> = (1..=common::pdf::pdf_pages(&pdf))
        .map(|i| pdf_text(&pdf, Some(i)))
        .collect();
    let first = |needle: &str| pages.iter().position(|t| t.contains(needle)).unwrap();
    let matrix = first("交接矩阵");
    assert!(first("流程清单") < matrix, "after the 流程清单");
    assert!(matrix < first("值得关注"));
    assert!(
        first("值得关注") < first("1.9.1 概要"),
        "before the processes"
    );
    // The matrix's row of 经销商 holds its 4 hand-offs to 大区, and the map
    // 大区's letters in 1.9.
    let words: Vec<&str> = pages[matrix].split_whitespace().collect();
    let at = words.iter().position(|w| *w == "经销商").unwrap();
    assert!(words[at..].contains(&"4"), "{words:?}");
    let map = &pages[first("部门 × 流程")];
    let analysis = analyze(&Library::open(&lib).unwrap());
    let region = analysis
        .departments
        .iter()
        .find(|d| d.name == "大区")
        .unwrap();
    let letters: String = region.per_process["1.9"]
        .iter()
        .map(|(c, n)| format!("{c}{n}"))
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<&str> = map.split_whitespace().collect();
    assert!(
        words.contains(&"大区") && map.contains("1.9 关键客户开发"),
        "{map}"
    );
    for held in letters.split(' ') {
        assert!(words.contains(&held), "{held} in {words:?}");
    }
}

/// The department × process map in the 分析 page: a click on 大区's cell
/// of 1.9 opens 1.9 on a step 大区 holds a letter on.
mod the_map_in_the_editor {
    use super::*;
    use egui_kittest::kittest::{NodeT, Queryable};

    #[test]
    fn a_map_cell_opens_its_process_on_the_departments_step() {
        let (_keep, root) = library_copy();
        let mut h = common::driver::analysis_page(&root);
        let cell = h
            .query_all_by_label_contains("大区 · 1.9 ")
            .map(|n| n.accesskit_node().label().unwrap_or_default())
            .next()
            .unwrap();
        assert!(cell.contains("A 2"), "{cell}");
        h.get_by_label(&cell).click();
        h.run_steps(4);
        let s = h.state();
        assert!(!s.shows_library(), "a process tab opened");
        let ed = &s.docs[s.active].editor;
        let p = ed.doc.process();
        let step = ed.selection.steps.iter().next().copied().unwrap();
        let region = p.lanes.iter().find(|l| l.name == "大区").unwrap().id;
        assert!(
            !p.steps[&step]
                .roles
                .get(&region)
                .copied()
                .unwrap_or_default()
                .is_empty()
        );
    }
}

/// The 分析 page follows a saved edit: 大区 consulted on one more step of
/// 1.9 reads one more C, and the analysis kept for the other processes is
/// the one worked out before.
mod the_page_follows_a_saved_edit {
    use super::*;
    use egui_kittest::kittest::{NodeT, Queryable};
    use flowcase::session::View;

    fn load_cell(h: &egui_kittest::Harness<'_, flowcase::ui::Shell>, letter: char) -> String {
        h.query_all_by_label_contains(&format!("大区 {letter}: "))
            .map(|n| n.accesskit_node().label().unwrap_or_default())
            .next()
            .unwrap()
    }

    #[test]
    fn a_role_given_and_saved_in_a_process_tab_shows_in_the_load() {
        let (_keep, root) = library_copy();
        let mut h = common::driver::analysis_page(&root);
        let before = load_cell(&h, 'C');
        let n: usize = before.rsplit(' ').next().unwrap().parse().unwrap();
        // A process with a main step 大区 holds nothing on.
        let entry = {
            let s = h.state_mut();
            let open = s.library.as_ref().unwrap();
            let entry = (0..open.library.states.len())
                .find(|i| {
                    open.library.states[*i].process().is_some_and(|p| {
                        let table = Analysis::of(p).table;
                        let column = table.lanes.iter().position(|l| l.name == "大区");
                        column.is_some_and(|c| table.rows.iter().any(|r| r.cells[c].is_empty()))
                    })
                })
                .unwrap();
            s.open_entry(entry);
            entry
        };
        h.run_steps(3);
        {
            let s = h.state_mut();
            let active = s.active;
            let ed = &mut s.docs[active].editor;
            let p = ed.doc.process().clone();
            let region = p.lanes.iter().find(|l| l.name == "大区").unwrap().id;
            let table = Analysis::of(&p).table;
            let column = table.lanes.iter().position(|l| l.id == region).unwrap();
            let row = table
                .rows
                .iter()
                .find(|r| r.cells[column].is_empty())
                .unwrap();
            ed.edit(Edit::SetRole {
                step: row.head,
                lane: region,
                roles: RoleSet::of(&[Role::C]),
            });
            ed.flush(&mut s.app);
            assert!(s.save_doc(active));
            assert!(
                s.library.as_ref().unwrap().analysis.is_some(),
                "the library read again keeps its analysis, refreshed"
            );
            s.show(View::Library);
        }
        h.run_steps(4);
        let after = load_cell(&h, 'C');
        assert_eq!(after, format!("大区 C: {}", n + 1), "was {before}");
        let s = h.state();
        let kept = s.library.as_ref().unwrap().analysis.as_ref().unwrap();
        assert_eq!(
            kept,
            &analyze(&s.library.as_ref().unwrap().library),
            "the refreshed analysis is the whole one (entry {entry})"
        );
    }
}
