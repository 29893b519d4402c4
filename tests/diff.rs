//! Comparing two versions of a process: what changed, and whose
//! responsibility moved — in the model, on the command line and in git.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::model::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

#[test]
fn a_process_compared_with_itself_has_no_changes() {
    for p in [sample_1_9(), sample_purchase(), synthetic_process(200, 7)] {
        assert!(diff(&p, &p).is_empty());
    }
    let o = flowcase(&[
        "diff",
        "samples/sales-1.9-key-customer-development.ron",
        "samples/sales-1.9-key-customer-development.ron",
    ]);
    assert_eq!(o.status.code(), Some(0));
}

/// The net letters each (step, lane) gained and lost from `a` to `b`,
/// worked out directly from the two role tables.
fn role_moves(a: &Process, b: &Process) -> BTreeMap<(StepId, String), (RoleSet, RoleSet)> {
    let mut moves = BTreeMap::new();
    for (id, s) in &b.steps {
        let Some(o) = a.steps.get(id) else { continue };
        for lane in &b.lanes {
            let (before, after) = (role_cell(&o.roles, lane.id), role_cell(&s.roles, lane.id));
            let gained = after
                .iter()
                .filter(|r| !before.contains(*r))
                .fold(RoleSet::default(), RoleSet::with);
            let lost = before
                .iter()
                .filter(|r| !after.contains(*r))
                .fold(RoleSet::default(), RoleSet::with);
            if !gained.is_empty() || !lost.is_empty() {
                moves.insert((*id, lane.name.clone()), (gained, lost));
            }
        }
    }
    moves
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random role toggles, steps added and steps moved to other lanes:
    /// the diff reports exactly their effects — each net role change once,
    /// each added step as added, each lane move as a move.
    #[test]
    fn random_edits_are_reported_as_exactly_what_they_did(
        edits in proptest::collection::vec((0u8..3, any::<u16>(), any::<u16>(), 0u8..4), 1..25)
    ) {
        let original = sample_1_9();
        let mut p = original.clone();
        let mut added = Vec::new();
        for (kind, a, b, letter) in edits {
            let ids: Vec<StepId> = p.steps.keys().copied().collect();
            let step = ids[usize::from(a) % ids.len()];
            let lane = p.lanes[usize::from(b) % p.lanes.len()].id;
            let edit = match kind {
                0 => {
                    let cell = role_cell(&p.steps[&step].roles, lane);
                    let role = Role::ALL[usize::from(letter)];
                    let roles = if cell.contains(role) { cell.without(role) } else { cell.with(role) };
                    Edit::SetRole { step, lane, roles }
                }
                1 => {
                    let id = p.next_step_id();
                    added.push(id);
                    Edit::AddStep(Step::new(id, StepKind::Process, &format!("新步骤{}", id.0), lane, FlowPoint::new(f32::from(a % 1000), 60.0)))
                }
                _ => {
                    let s = &p.steps[&step];
                    Edit::MoveStep { id: step, lane, phase: s.phase, at: s.at }
                }
            };
            let _ = apply(&mut p, edit);
        }
        let d = diff(&original, &p);
        let mut reported = BTreeMap::new();
        let mut added_seen = Vec::new();
        for c in &d.changes {
            match c {
                Change::Roles { step, lane, gained, lost } => {
                    prop_assert!(reported.insert((step.id, lane.clone()), (*gained, *lost)).is_none());
                }
                Change::StepAdded { step, .. } => added_seen.push(step.id),
                Change::MovedLane { step, old, new } => {
                    let lane_name = |p: &Process, id| p.lane(id).unwrap().name.clone();
                    prop_assert_eq!(old, &lane_name(&original, original.steps[&step.id].lane));
                    prop_assert_eq!(new, &lane_name(&p, p.steps[&step.id].lane));
                }
                Change::StepRemoved { .. } => prop_assert!(false, "nothing was removed"),
                _ => {}
            }
        }
        prop_assert_eq!(reported, role_moves(&original, &p));
        added_seen.sort();
        prop_assert_eq!(added_seen, added);
        for s in p.steps.values().filter(|s| original.steps.get(&s.id).is_some_and(|o| o.lane != s.lane)) {
            let moved = d.changes.iter().any(|c| matches!(c, Change::MovedLane { step, .. } if step.id == s.id));
            prop_assert!(moved, "{} moved lanes", s.title);
        }
    }
}

#[test]
fn the_1_9_sample_edited_by_hand_in_its_text_names_each_change() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    let text = std::fs::read_to_string("samples/sales-1.9-key-customer-development.ron").unwrap();
    std::fs::write(&old, &text).unwrap();
    // Step 2 retitled, and its A moved from 大区 (lane 3) to 特殊商务分部 (lane 1).
    let edited = text
        .replacen(
            "搜集当地市场潜在关键客户的信息",
            "收集当地市场潜在关键客户信息",
            1,
        )
        .replacen(
            "roles: {3: \"A\", 4: \"E\"}",
            "roles: {1: \"A\", 4: \"E\"}",
            1,
        );
    assert_ne!(edited, text);
    std::fs::write(&new, edited).unwrap();
    let o = flowcase(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert_eq!(o.status.code(), Some(1), "different");
    let said = String::from_utf8(o.stdout).unwrap();
    assert!(said.contains("3 处变更"), "{said}");
    assert!(
        said.contains("原名“搜集当地市场潜在关键客户的信息”"),
        "{said}"
    );
    assert!(said.contains("特殊商务分部 +A"), "{said}");
    assert!(said.contains("大区 -A"), "{said}");
    assert!(
        said.contains("大区: -1 A") && said.contains("特殊商务分部: +1 A"),
        "{said}"
    );
    let o = flowcase(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["equal"], false);
    assert_eq!(json["changes"].as_array().unwrap().len(), 3);
    assert_eq!(json["changes"][0]["change"], "retitled");
}

#[test]
fn a_copy_imported_again_from_its_table_is_matched_by_title_not_by_id() {
    let original = sample_1_9();
    let analysis = Analysis::of(&original);
    let xlsx =
        flowcase::export::table_xlsx(&original, &analysis.table, flowcase::lang::Lang::Zh).unwrap();
    let cells = flowcase::import::xlsx_cells(&xlsx).unwrap();
    let (copy, _) = flowcase::import::process_from_table(&cells, "1.9").unwrap();
    let d = diff(&original, &copy);
    // Every step of the copy (one per table row) is found in the original
    // by its title, though the copy numbers its steps 1, 2, 3… afresh.
    assert!(
        copy.steps.keys().any(|id| original
            .steps
            .get(id)
            .is_some_and(|s| s.title != copy.steps[id].title)),
        "the ids do differ"
    );
    let added: Vec<&Change> = d
        .changes
        .iter()
        .filter(|c| matches!(c, Change::StepAdded { .. }))
        .collect();
    assert!(added.is_empty(), "{added:?}");
    let retitled: Vec<&Change> = d
        .changes
        .iter()
        .filter(|c| matches!(c, Change::Retitled { .. }))
        .collect();
    assert!(retitled.is_empty(), "{retitled:?}");
}

#[test]
fn the_git_driver_documented_in_the_readme_prints_the_report_in_git_diff() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .args(args)
            .current_dir(repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", repo)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    };
    git(&["init", "-q"]);
    git(&["config", "user.email", "t@example.com"]);
    git(&["config", "user.name", "t"]);
    // The two lines the README gives, with this build's binary.
    std::fs::write(repo.join(".gitattributes"), "*.ron diff=flowcase\n").unwrap();
    let command = format!("{} diff --lang en", env!("CARGO_BIN_EXE_flowcase"));
    git(&["config", "diff.flowcase.command", &command]);
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/purchase-approval.ron"
    ))
    .unwrap();
    std::fs::write(repo.join("purchase.ron"), &text).unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "first"]);
    let mut p = flowcase::format::load(&repo.join("purchase.ron")).unwrap();
    let id = *p.steps.keys().next().unwrap();
    p.steps.get_mut(&id).unwrap().title = "新的标题".into();
    flowcase::format::save(&p, &repo.join("purchase.ron")).unwrap();
    let shown = git(&["diff"]);
    assert!(shown.contains("flowcase diff purchase.ron"), "{shown}");
    assert!(shown.contains("“新的标题” was titled"), "{shown}");
}

#[test]
fn a_deck_exported_with_compare_ends_with_a_changes_page_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    let original = sample_1_9();
    flowcase::format::save(&original, &old).unwrap();
    let mut edited = original.clone();
    let (id, step) = edited
        .steps
        .iter_mut()
        .find(|(_, s)| s.kind.is_work_step())
        .unwrap();
    let id = *id;
    step.title = "重新设计客户确定原则".into();
    flowcase::format::save(&edited, &new).unwrap();
    let deck = dir.path().join("deck.pdf");
    let o = flowcase(&[
        "export",
        new.to_str().unwrap(),
        "-o",
        deck.to_str().unwrap(),
        "--compare",
        old.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let plain = dir.path().join("plain.pdf");
    flowcase::export::export_file(
        &edited,
        None,
        &plain,
        &flowcase::export::ExportOptions::default(),
    )
    .unwrap();
    let pages = common::pdf::pdf_pages(&deck);
    assert_eq!(pages, common::pdf::pdf_pages(&plain) + 1, "one page more");
    let last = common::pdf::pdf_text(&deck, Some(pages));
    assert!(last.contains("变更说明"), "{last}");
    assert!(last.contains("重新设计客户确定原则"), "{last}");
    assert!(
        last.contains(&original.steps[&id].title),
        "the old title: {last}"
    );
    // Only a deck has the page.
    let png = dir.path().join("chart.png");
    let o = flowcase(&[
        "export",
        new.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
        "--compare",
        old.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!png.exists());
}
