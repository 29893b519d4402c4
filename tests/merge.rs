//! Two consultants change one process on two branches; Flowcase merges
//! what they did by meaning — through the model, and through git with the
//! README's two lines — and records what only a person can decide.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::{flowcase, lane_named, sample_1_9, step_titled};
use flowcase::model::conflict::{Field, Subject, Value};
use flowcase::model::merge::merge;
use flowcase::model::*;
use std::path::Path;

fn edited(process: &Process, edits: Vec<Edit>) -> Process {
    let mut p = process.clone();
    for e in edits {
        apply(&mut p, e).unwrap();
    }
    p
}

fn retitle(process: &Process, title: &str, new: &str) -> Edit {
    Edit::SetStep {
        id: step_titled(process, title),
        field: StepField::Title(new.into()),
    }
}

/// A new step in 大区 at the place both consultants chose: the same id,
/// since each took the next free one.
fn new_step(process: &Process, title: &str) -> Edit {
    let lane = lane_named(process, "大区");
    let mut step = Step::new(
        process.next_step_id(),
        StepKind::Process,
        title,
        lane,
        FlowPoint::new(150.0, 70.0),
    );
    step.phase = process.phases.first().map(|p| p.id);
    Edit::AddStep(step)
}

/// Ours and theirs as two consultants make them from the 1.9 sample.
fn two_branches() -> (Process, Process, Process) {
    let base = sample_1_9();
    let first = "设计关键客户确定的原则和专项商务方法";
    let second = "搜集当地市场潜在关键客户的信息";
    let ours = edited(
        &base,
        vec![
            retitle(&base, first, "甲方改的标题"),
            new_step(&base, "甲方加的步骤"),
        ],
    );
    // Theirs moves the A of step 2 from 大区 to 经销商.
    let step2 = step_titled(&base, second);
    let (region, dealer) = (lane_named(&base, "大区"), lane_named(&base, "经销商"));
    let theirs = edited(
        &base,
        vec![
            retitle(&base, second, "乙方改的标题"),
            new_step(&base, "乙方加的步骤"),
            Edit::SetRole {
                step: step2,
                lane: region,
                roles: RoleSet::EMPTY,
            },
            Edit::SetRole {
                step: step2,
                lane: dealer,
                roles: RoleSet::of(&[Role::A, Role::E]),
            },
        ],
    );
    (base, ours, theirs)
}

#[test]
fn different_steps_retitled_both_added_and_a_moved_letter_merge_by_themselves() {
    let (base, ours, theirs) = two_branches();
    let merged = merge(&base, &ours, &theirs).unwrap();
    let p = &merged.process;
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
    for title in [
        "甲方改的标题",
        "乙方改的标题",
        "甲方加的步骤",
        "乙方加的步骤",
    ] {
        assert!(p.steps.values().any(|s| s.title == title), "{title} kept");
    }
    assert_eq!(
        p.steps.len(),
        base.steps.len() + 2,
        "both added steps, neither lost"
    );
    let step2 = step_titled(p, "乙方改的标题");
    let dealer = lane_named(p, "经销商");
    assert_eq!(
        p.steps[&step2].roles.get(&dealer).copied(),
        Some(RoleSet::of(&[Role::A, Role::E]))
    );
    assert_eq!(p.steps[&step2].roles.get(&lane_named(p, "大区")), None);
    // The two new steps stood on one place: theirs was moved beside ours.
    let (a, b) = (
        &p.steps[&step_titled(p, "甲方加的步骤")],
        &p.steps[&step_titled(p, "乙方加的步骤")],
    );
    assert!(
        (a.at.along - b.at.along).abs() >= 130.0,
        "{:?} {:?}",
        a.at,
        b.at
    );
    validate(p).unwrap();
    // The table is derived again: both new steps have rows.
    let table = aeci_table(p, &number_steps(p));
    assert!(table.rows.iter().any(|r| r.title == "乙方加的步骤"));
}

#[test]
fn one_title_changed_differently_on_both_sides_is_a_conflict_holding_ours() {
    let base = sample_1_9();
    let title = "确定关键客户获取策略";
    let ours = edited(&base, vec![retitle(&base, title, "丙方的标题")]);
    let theirs = edited(&base, vec![retitle(&base, title, "丁方的标题")]);
    let p = merge(&base, &ours, &theirs).unwrap().process;
    let id = step_titled(&base, title);
    assert_eq!(p.steps[&id].title, "丙方的标题");
    assert_eq!(p.conflicts.len(), 1);
    let c = &p.conflicts[0];
    assert_eq!((c.subject, c.field), (Subject::Step(id), Field::Title));
    assert_eq!(c.base, Value::Text(title.into()));
    assert_eq!(c.theirs, Value::Text("丁方的标题".into()));
    // Saved, it loads back with its conflict.
    let text = flowcase::format::encode(&p).unwrap();
    assert!(
        text.contains("format: 2"),
        "a file with conflicts is version 2"
    );
    assert_eq!(flowcase::format::decode(text.as_bytes()).unwrap(), p);
}

#[test]
fn a_step_deleted_on_one_side_and_changed_on_the_other_is_a_conflict_a_choice_undoes() {
    let base = sample_1_9();
    let title = "确定关键客户获取策略";
    let id = step_titled(&base, title);
    let ours = edited(&base, vec![Edit::RemoveStep(id)]);
    let theirs = edited(&base, vec![retitle(&base, title, "改过的标题")]);
    let p = merge(&base, &ours, &theirs).unwrap().process;
    assert!(
        !p.steps.contains_key(&id),
        "ours deleted it: the file holds ours"
    );
    let c = p
        .conflicts
        .iter()
        .find(|c| c.field == Field::Exists)
        .expect("a conflict");
    // Choosing theirs brings the step back, retitled, with its connectors.
    let mut chosen = p.clone();
    for e in c.edits_for(&p, conflict::Side::Theirs) {
        apply(&mut chosen, e).unwrap();
    }
    assert_eq!(chosen.steps[&id].title, "改过的标题");
    assert_eq!(
        chosen.connectors_of(id).count(),
        base.connectors_of(id).count()
    );
    // Deleted on one side and untouched on the other: simply gone.
    let untouched = merge(&base, &ours, &base).unwrap().process;
    assert!(!untouched.steps.contains_key(&id) && untouched.conflicts.is_empty());
}

#[test]
fn a_lane_deleted_while_the_other_side_put_a_step_in_it_comes_back_as_a_conflict() {
    let base = sample_1_9();
    let dealer = lane_named(&base, "经销商");
    let region = lane_named(&base, "大区");
    let ours = edited(
        &base,
        vec![Edit::RemoveLane {
            id: dealer,
            steps: LaneStepsFate::MoveTo(region),
        }],
    );
    let mut step = Step::new(
        base.next_step_id(),
        StepKind::Process,
        "经销商的新步骤",
        dealer,
        FlowPoint::new(100.0, 60.0),
    );
    step.phase = base.phases.first().map(|p| p.id);
    let theirs = edited(&base, vec![Edit::AddStep(step)]);
    let p = merge(&base, &ours, &theirs).unwrap().process;
    assert!(
        p.lane(dealer).is_some(),
        "the lane stays: a step stands in it"
    );
    assert!(
        p.conflicts
            .iter()
            .any(|c| c.subject == Subject::Lane(dealer) && c.field == Field::Exists)
    );
    validate(&p).unwrap();
}

#[test]
fn moves_alone_never_conflict_and_both_moving_one_step_keeps_ours() {
    let base = sample_1_9();
    let id = step_titled(&base, "确定关键客户获取策略");
    let s = &base.steps[&id];
    let moved = |along: f32| Edit::MoveStep {
        id,
        lane: s.lane,
        phase: s.phase,
        at: FlowPoint::new(along, s.at.across),
    };
    let ours = edited(&base, vec![moved(10.0)]);
    let theirs = edited(
        &base,
        vec![
            moved(20.0),
            retitle(&base, "确定关键客户获取策略", "新标题"),
        ],
    );
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert!(merged.process.conflicts.is_empty());
    assert_eq!(merged.process.steps[&id].at.along, 10.0);
    assert_eq!(merged.process.steps[&id].title, "新标题");
    assert!(
        merged
            .notes
            .contains(&merge::MergeNote::BothMoved(Subject::Step(id)))
    );
}

// ---- through git, as the README sets it up ----

fn git(repo: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_AUTHOR_NAME", "顾问")
        .env("GIT_AUTHOR_EMAIL", "a@example.com")
        .env("GIT_COMMITTER_NAME", "顾问")
        .env("GIT_COMMITTER_EMAIL", "a@example.com")
        .output()
        .unwrap()
}

fn git_ok(repo: &Path, args: &[&str]) {
    let o = git(repo, args);
    assert!(
        o.status.success(),
        "git {}: {}{}",
        args.join(" "),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A repository with the README's two lines and the 1.9 process committed.
fn repository(base: &Process) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    std::fs::write(repo.join(".gitattributes"), "*.ron merge=flowcase\n").unwrap();
    let driver = format!("{} merge %O %A %B", env!("CARGO_BIN_EXE_flowcase"));
    git_ok(repo, &["config", "merge.flowcase.driver", &driver]);
    flowcase::format::save(base, &repo.join("1.9.ron")).unwrap();
    git_ok(repo, &["add", ".gitattributes", "1.9.ron"]);
    git_ok(repo, &["commit", "-q", "-m", "1.9"]);
    dir
}

/// Commits `process` as 1.9.ron on a new branch made from main.
fn branch(repo: &Path, name: &str, process: &Process) {
    git_ok(repo, &["checkout", "-q", "-b", name, "main"]);
    flowcase::format::save(process, &repo.join("1.9.ron")).unwrap();
    let _ = std::fs::remove_file(repo.join("1.9.ron.bak"));
    git_ok(repo, &["commit", "-q", "-am", name]);
}

#[test]
fn git_merges_two_branches_by_meaning_with_the_readme_lines() {
    let (base, ours, theirs) = two_branches();
    let dir = repository(&base);
    let repo = dir.path();
    branch(repo, "甲", &ours);
    branch(repo, "乙", &theirs);
    git_ok(repo, &["checkout", "-q", "甲"]);
    git_ok(repo, &["merge", "-q", "--no-edit", "乙"]);
    let p = flowcase::format::load(&repo.join("1.9.ron")).expect("the merged file loads");
    for title in [
        "甲方改的标题",
        "乙方改的标题",
        "甲方加的步骤",
        "乙方加的步骤",
    ] {
        assert!(p.steps.values().any(|s| s.title == title), "{title}");
    }
    assert!(p.conflicts.is_empty());
}

#[test]
fn git_stops_on_one_step_retitled_twice_and_check_lists_the_conflict() {
    let base = sample_1_9();
    let title = "确定关键客户获取策略";
    let dir = repository(&base);
    let repo = dir.path();
    branch(
        repo,
        "丙",
        &edited(&base, vec![retitle(&base, title, "丙方的标题")]),
    );
    branch(
        repo,
        "丁",
        &edited(&base, vec![retitle(&base, title, "丁方的标题")]),
    );
    git_ok(repo, &["checkout", "-q", "丙"]);
    let merged = git(repo, &["merge", "--no-edit", "丁"]);
    assert!(!merged.status.success(), "git stops: a conflict");
    let status =
        String::from_utf8_lossy(&git(repo, &["status", "--porcelain"]).stdout).into_owned();
    assert!(status.contains("UU 1.9.ron"), "{status}");
    let file = repo.join("1.9.ron");
    let p = flowcase::format::load(&file).expect("the conflicted file still loads");
    assert_eq!(p.steps[&step_titled(&base, title)].title, "丙方的标题");
    let check = flowcase(&["check", "--format", "json", file.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let conflicts = report["files"][0]["conflicts"].as_array().unwrap().clone();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0]["field"], "title");
    assert_eq!(conflicts[0]["base"], title);
    assert_eq!(conflicts[0]["ours"], "丙方的标题");
    assert_eq!(conflicts[0]["theirs"], "丁方的标题");
}

#[test]
fn a_version_that_does_not_load_leaves_ours_untouched_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let (base, ours, theirs) = (
        dir.path().join("b.ron"),
        dir.path().join("o.ron"),
        dir.path().join("t.ron"),
    );
    flowcase::format::save(&sample_1_9(), &base).unwrap();
    flowcase::format::save(&sample_1_9(), &ours).unwrap();
    std::fs::write(&theirs, "(format: 1, lanes: [ oops").unwrap();
    let before = std::fs::read(&ours).unwrap();
    let o = flowcase(&[
        "merge",
        base.to_str().unwrap(),
        ours.to_str().unwrap(),
        theirs.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.contains("t.ron") && said.contains("line 1, column"),
        "names the file and where: {said}"
    );
    assert_eq!(std::fs::read(&ours).unwrap(), before);
    // An empty BASE (a file added on both branches) merges two additions.
    std::fs::write(&base, "").unwrap();
    let mut other = sample_1_9();
    other.overview.purpose = "另一个目的".into();
    flowcase::format::save(&other, &theirs).unwrap();
    let o = flowcase(&[
        "merge",
        base.to_str().unwrap(),
        ours.to_str().unwrap(),
        theirs.to_str().unwrap(),
    ]);
    assert!(
        o.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    flowcase::format::load(&ours).expect("merged into a file that loads");
}

// ---- properties ----

mod properties {
    use super::*;
    use common::edits::{edit_seed, make_edit};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// The sample after random edits (those the model refuses are skipped).
    fn after(base: &Process, seeds: &[(u8, u32, u32, i16)]) -> Process {
        let mut p = base.clone();
        for &(kind, a, b, x) in seeds {
            let edit = make_edit(&p, kind, a, b, x);
            let _ = apply(&mut p, edit);
        }
        p
    }

    /// A process as its file holds it: lanes with no letters left out.
    fn as_saved(p: &Process) -> Process {
        let mut p = p.clone();
        for s in p.steps.values_mut() {
            s.roles.retain(|_, r| !r.is_empty());
        }
        p
    }

    /// What a step says and who does it, by lane name; no ids, no place.
    fn content(p: &Process, s: &Step) -> String {
        let lane = |id: LaneId| p.lane(id).map(|l| l.name.clone()).unwrap_or_default();
        let roles: Vec<String> = s
            .roles
            .iter()
            .filter(|(_, r)| !r.is_empty())
            .map(|(l, r)| format!("{}={r}", lane(*l)))
            .collect();
        format!(
            "{:?}|{}|{}|{:?}|{}|{:?}",
            s.kind,
            s.title,
            s.description,
            s.outputs,
            lane(s.lane),
            roles
        )
    }

    /// What a step says and who does it, by lane id.
    fn content_by_id(s: &Step) -> String {
        let roles: Vec<String> = s
            .roles
            .iter()
            .filter(|(_, r)| !r.is_empty())
            .map(|(l, r)| format!("{}={r}", l.0))
            .collect();
        format!(
            "{:?}|{}|{}|{:?}|{}|{:?}",
            s.kind, s.title, s.description, s.outputs, s.lane.0, roles
        )
    }

    fn contents(p: &Process) -> Vec<String> {
        let mut all: Vec<String> = p.steps.values().map(|s| content(p, s)).collect();
        all.sort();
        all
    }

    /// The ids of base's steps and connectors a side changed or deleted,
    /// and its lanes it renamed, resized or deleted.
    fn touched(base: &Process, side: &Process) -> BTreeSet<String> {
        let mut t = BTreeSet::new();
        for (id, s) in &base.steps {
            if side.steps.get(id) != Some(s) {
                t.insert(format!("s{}", id.0));
            }
        }
        for (id, c) in &base.connectors {
            if side.connectors.get(id) != Some(c) {
                t.insert(format!("c{}", id.0));
            }
        }
        for l in &base.lanes {
            if side.lane(l.id) != Some(l) {
                t.insert(format!("l{}", l.id.0));
            }
        }
        t
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, max_global_rejects: 4096, ..ProptestConfig::default() })]

        #[test]
        fn merging_with_an_untouched_side_gives_the_other_side(seeds in prop::collection::vec(edit_seed(), 0..12)) {
            let base = sample_1_9();
            let a = after(&base, &seeds);
            let ours_only = merge(&base, &a, &base).unwrap();
            prop_assert_eq!(as_saved(&ours_only.process), as_saved(&a));
            let theirs_only = merge(&base, &base, &a).unwrap();
            prop_assert_eq!(as_saved(&theirs_only.process), as_saved(&a));
        }

        #[test]
        fn disjoint_edits_on_both_sides_are_all_in_the_merge_whichever_side_is_ours(
            seeds_a in prop::collection::vec(edit_seed(), 1..8),
            seeds_b in prop::collection::vec(edit_seed(), 1..8),
        ) {
            let base = sample_1_9();
            let (a, b) = (after(&base, &seeds_a), after(&base, &seeds_b));
            prop_assume!(touched(&base, &a).is_disjoint(&touched(&base, &b)));
            prop_assume!(a.overview == base.overview || b.overview == base.overview);
            let ab = merge(&base, &a, &b).unwrap().process;
            let ba = merge(&base, &b, &a).unwrap().process;
            // (A lane one side deleted and the other put a new step in is
            // a conflict even when nothing else overlaps.)
            prop_assume!(ab.conflicts.is_empty() && ba.conflicts.is_empty());
            validate(&ab).unwrap();
            prop_assert_eq!(contents(&ab), contents(&ba), "the same up to the ids given to additions");
            // Each side's change to a step of base is in the merge where it
            // is ours (its ids kept; theirs may be renumbered), and so, by
            // the line above, in the other merge too.
            for (side, merged) in [(&a, &ab), (&b, &ba)] {
                for (id, s) in &side.steps {
                    if base.steps.get(id) != Some(s) && base.steps.contains_key(id) {
                        prop_assert_eq!(merged.steps.get(id).map(content_by_id), Some(content_by_id(s)));
                    }
                }
                for id in base.steps.keys().filter(|id| !side.steps.contains_key(id)) {
                    prop_assert!(!ab.steps.contains_key(id) && !ba.steps.contains_key(id), "deleted on one side: gone");
                }
            }
            // Every step either side added is there.
            let added = |side: &Process| side.steps.keys().filter(|id| !base.steps.contains_key(id)).count();
            let deleted = |side: &Process| base.steps.keys().filter(|id| !side.steps.contains_key(id)).count();
            prop_assert_eq!(ab.steps.len(), base.steps.len() + added(&a) + added(&b) - deleted(&a) - deleted(&b));
            if a.overview != base.overview {
                prop_assert_eq!(&ab.overview, &a.overview);
            }
            if b.overview != base.overview {
                prop_assert_eq!(&ab.overview, &b.overview);
            }
        }
    }
}

/// A consultant opens the merged file, resolves its two conflicts in the
/// panel — one each way, the first undone and chosen again — and saves a
/// file without a conflicts list.
mod in_the_editor {
    use super::*;
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::Queryable;

    #[test]
    fn two_conflicts_resolved_in_the_panel_and_saved_leave_no_conflicts_list() {
        let base = sample_1_9();
        let title = "确定关键客户获取策略";
        let step2 = step_titled(&base, "搜集当地市场潜在关键客户的信息");
        let region = lane_named(&base, "大区");
        let ours = edited(
            &base,
            vec![
                retitle(&base, title, "丙方的标题"),
                Edit::SetRole {
                    step: step2,
                    lane: region,
                    roles: RoleSet::of(&[Role::C]),
                },
            ],
        );
        let theirs = edited(
            &base,
            vec![
                retitle(&base, title, "丁方的标题"),
                Edit::SetRole {
                    step: step2,
                    lane: region,
                    roles: RoleSet::EMPTY,
                },
            ],
        );
        let merged = merge(&base, &ours, &theirs).unwrap().process;
        assert_eq!(merged.conflicts.len(), 2);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("1.9.ron");
        flowcase::format::save(&merged, &file).unwrap();

        let title_at = merged
            .conflicts
            .iter()
            .position(|c| c.field == Field::Title)
            .unwrap();
        let mut h = common::driver::chinese_window(vec![file.clone()]);
        assert!(
            h.query_by_label("合并冲突(2 个)").is_some(),
            "the panel lists them"
        );
        assert!(
            h.query_by_label("2 个冲突").is_some(),
            "and the status bar counts them"
        );
        // The title: theirs.
        h.get_all_by_label("用对方").nth(title_at).unwrap().click();
        h.run_steps(3);
        let doc = |h: &egui_kittest::Harness<flowcase::ui::Shell>| {
            let s = h.state();
            s.docs[s.active].editor.doc.process().clone()
        };
        let id = step_titled(&base, title);
        assert_eq!(doc(&h).steps[&id].title, "丁方的标题");
        assert_eq!(doc(&h).conflicts.len(), 1);
        // One undo step: the title and the conflict come back together.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(3);
        assert_eq!(doc(&h).steps[&id].title, "丙方的标题");
        assert_eq!(doc(&h).conflicts.len(), 2);
        h.get_all_by_label("用对方").nth(title_at).unwrap().click();
        h.run_steps(3);
        // The letter: ours (大区 keeps its C), the one left.
        h.get_by_label("用我方").click();
        h.run_steps(3);
        assert!(doc(&h).conflicts.is_empty());
        assert_eq!(
            doc(&h).steps[&step2].roles.get(&region).copied(),
            Some(RoleSet::of(&[Role::C]))
        );
        assert!(
            h.query_by_label("合并冲突(0 个)").is_none(),
            "the panel is gone"
        );
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run_steps(3);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("conflicts"),
            "no conflicts list in the saved file"
        );
        assert!(text.contains("format: 1"));
        let saved = flowcase::format::load(&file).unwrap();
        assert_eq!(saved.steps[&id].title, "丁方的标题");
    }
}

#[test]
fn git_keeps_the_entries_both_branches_added_to_the_catalogue() {
    use flowcase::format::{CATALOGUE_FILE, load_catalogue};
    use flowcase::library::Entry;
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    std::fs::write(repo.join(".gitattributes"), "*.ron merge=flowcase\n").unwrap();
    let driver = format!("{} merge %O %A %B", env!("CARGO_BIN_EXE_flowcase"));
    git_ok(repo, &["config", "merge.flowcase.driver", &driver]);
    let catalogue = repo.join(CATALOGUE_FILE);
    std::fs::copy(
        common::repo_path("samples/library").join(CATALOGUE_FILE),
        &catalogue,
    )
    .unwrap();
    git_ok(repo, &["add", "."]);
    git_ok(repo, &["commit", "-q", "-m", "流程清单"]);
    let add = |name: &str, number: &str, title: &str| {
        git_ok(repo, &["checkout", "-q", "-b", name, "main"]);
        common::edit_catalogue(repo, |c| {
            c.entries.push(Entry {
                number: number.into(),
                name: title.into(),
                category: 1,
                owner: String::new(),
                file: None,
            });
        });
        git_ok(repo, &["commit", "-q", "-am", name]);
    };
    add("甲", "1.17", "大客户回访");
    add("乙", "1.18", "大客户投诉处理");
    git_ok(repo, &["checkout", "-q", "甲"]);
    git_ok(repo, &["merge", "-q", "--no-edit", "乙"]);
    let merged = load_catalogue(&catalogue).unwrap();
    let numbers: Vec<&str> = merged.entries.iter().map(|e| e.number.as_str()).collect();
    assert!(
        numbers.contains(&"1.17") && numbers.contains(&"1.18"),
        "{numbers:?}"
    );
    assert_eq!(
        merged.entries.len(),
        46,
        "the sample's 44 and both new ones"
    );

    // One new number given to two processes: both kept, git stops.
    add("丙", "1.19", "区域订单汇总");
    add("丁", "1.19", "经销商订单审核");
    git_ok(repo, &["checkout", "-q", "丙"]);
    assert!(
        !git(repo, &["merge", "--no-edit", "丁"]).status.success(),
        "a conflict to look at"
    );
    let merged = load_catalogue(&catalogue).unwrap();
    let named: Vec<&str> = merged
        .entries
        .iter()
        .filter(|e| e.number == "1.19")
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(named, ["区域订单汇总", "经销商订单审核"]);
    let check = flowcase(&[
        "library",
        "check",
        "--format",
        "json",
        repo.to_str().unwrap(),
    ]);
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("duplicate_number"),
        "the library's checks name it"
    );
}

#[test]
fn an_entry_renamed_twice_is_reported_and_an_alias_added_on_one_side_is_kept() {
    use flowcase::model::merge::merge_catalogue;
    let base = flowcase::format::load_catalogue(&common::repo_path("samples/library/流程清单.ron"))
        .unwrap();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.entries[0].name = "年度商务政策制定".into();
    theirs.entries[0].name = "年度商务政策修订".into();
    theirs.departments[2].aliases.push("区域公司".into());
    theirs.entries[1].owner = "市场部".into();
    let (merged, conflicts) = merge_catalogue(&base, &ours, &theirs);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        (conflicts[0].what.as_str(), conflicts[0].field),
        ("1.1", "name")
    );
    assert_eq!(merged.entries[0].name, "年度商务政策制定", "ours held");
    assert_eq!(merged.entries[1].owner, "市场部");
    assert!(
        merged.departments[2]
            .aliases
            .contains(&"区域公司".to_owned())
    );
    merged.validate().unwrap();
    let said = flowcase::text::catalogue_conflict_words(&conflicts[0], flowcase::lang::Lang::Zh);
    assert!(
        said.contains("1.1") && said.contains("年度商务政策修订"),
        "{said}"
    );
}
