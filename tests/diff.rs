//! Comparing two versions of a process: what changed, and whose
//! responsibility moved — in the model, on the command line and in git.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::model::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

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

/// The older letters of every table cell (step, lane of the newer
/// version) whose letters differ, worked out directly from the two role
/// tables, items being the same when their ids are.
fn changed_cells(
    a: &Process,
    b: &Process,
    kept: &BTreeSet<StepId>,
) -> BTreeMap<(StepId, LaneId), RoleSet> {
    let mut cells = BTreeMap::new();
    for (id, s) in b.steps.iter().filter(|(id, _)| kept.contains(id)) {
        let Some(o) = a.steps.get(id) else { continue };
        for lane in &b.lanes {
            let before = if a.lane(lane.id).is_some() {
                role_cell(&o.roles, lane.id)
            } else {
                RoleSet::default()
            };
            if before != role_cell(&s.roles, lane.id) {
                cells.insert((*id, lane.id), before);
            }
        }
    }
    cells
}

/// The ids of the steps a change of each kind names.
fn named_by(d: &ProcessDiff, kind: fn(&Change) -> Option<StepId>) -> BTreeSet<StepId> {
    d.changes.iter().filter_map(kind).collect()
}

/// Whether step `s` of the newer version is step `o` of the older: the
/// same id, and not a new step that took a removed one's id: then its
/// title and its lane both differ, and no step above it kept its title
/// (`kept_above`: the highest id both versions have with the same title).
fn same_step(o: &Step, s: &Step, kept_above: Option<StepId>) -> bool {
    o.id == s.id && (o.title == s.title || o.lane == s.lane || kept_above.is_some_and(|k| s.id < k))
}

/// The connectors of the newer version that are new, those relabelled,
/// and the older version's removed ones: per pair of kept steps, the
/// connectors both versions have by id are the same, the others pair up in
/// id order, and what is left over was added or removed.
fn connector_changes(
    a: &Process,
    b: &Process,
    kept: &BTreeSet<StepId>,
) -> (
    BTreeSet<ConnectorId>,
    BTreeSet<ConnectorId>,
    BTreeSet<ConnectorId>,
) {
    fn joins(p: &Process) -> BTreeMap<(StepId, StepId), Vec<&Connector>> {
        let mut map: BTreeMap<(StepId, StepId), Vec<&Connector>> = BTreeMap::new();
        for c in p.connectors.values() {
            map.entry((c.from, c.to)).or_default().push(c);
        }
        map
    }
    let (before, after) = (joins(a), joins(b));
    let (mut added, mut relabelled, mut removed) =
        (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let none = Vec::new();
    let keys: BTreeSet<_> = before.keys().chain(after.keys()).copied().collect();
    for key in keys {
        let both = kept.contains(&key.0) && kept.contains(&key.1);
        let olds = before.get(&key).filter(|_| both).unwrap_or(&none);
        let news = after.get(&key).filter(|_| both).unwrap_or(&none);
        let ids = |v: &Vec<&Connector>| v.iter().map(|c| c.id).collect::<BTreeSet<_>>();
        let same: BTreeSet<_> = ids(olds).intersection(&ids(news)).copied().collect();
        let rest = |v: &Vec<&Connector>| -> Vec<Connector> {
            v.iter()
                .filter(|c| !same.contains(&c.id))
                .map(|c| (*c).clone())
                .collect()
        };
        let (old_rest, new_rest) = (rest(olds), rest(news));
        let mut paired: Vec<(Connector, Connector)> = old_rest
            .iter()
            .cloned()
            .zip(new_rest.iter().cloned())
            .collect();
        paired.extend(
            same.iter()
                .map(|id| (a.connectors[id].clone(), b.connectors[id].clone())),
        );
        for (o, n) in &paired {
            if o.label != n.label {
                relabelled.insert(n.id);
            }
        }
        added.extend(new_rest.iter().skip(old_rest.len()).map(|c| c.id));
        removed.extend(old_rest.iter().skip(new_rest.len()).map(|c| c.id));
        if !both {
            added.extend(after.get(&key).into_iter().flatten().map(|c| c.id));
            removed.extend(before.get(&key).into_iter().flatten().map(|c| c.id));
        }
    }
    (added, relabelled, removed)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random sequences of every kind of edit (the generators of the edit
    /// property tests), diffed against the original: exactly the steps
    /// added are reported added and the ones removed removed; exactly the
    /// retitled, moved to another lane and moved within one are reported
    /// so; every table cell whose letters changed is marked with its older
    /// letters and reported once; connectors added, relabelled and removed
    /// are marked so.
    #[test]
    fn random_edits_are_reported_as_exactly_what_they_did(
        seeds in proptest::collection::vec(edits::edit_seed(), 1..30)
    ) {
        let original = sample_1_9();
        let mut p = original.clone();
        for (kind, a, b, x) in seeds {
            let edit = edits::make_edit(&p, kind, a, b, x);
            let _ = apply(&mut p, edit);
        }
        // A version made by editing keeps most names under their ids; the
        // rare sequence that renames most things is compared by name.
        prop_assume!(made_from(&original, &p));
        let d = diff(&original, &p);
        let kept_above = p
            .steps
            .values()
            .filter(|s| original.steps.get(&s.id).is_some_and(|o| o.title == s.title))
            .map(|s| s.id)
            .max();
        let shared: Vec<(&Step, &Step)> = p
            .steps
            .values()
            .filter_map(|s| original.steps.get(&s.id).map(|o| (o, s)))
            .filter(|(o, s)| same_step(o, s, kept_above))
            .collect();
        let kept: BTreeSet<StepId> = shared.iter().map(|(_, s)| s.id).collect();
        let added: BTreeSet<_> = p.steps.keys().filter(|id| !kept.contains(id)).copied().collect();
        let removed: BTreeSet<_> = original.steps.keys().filter(|id| !kept.contains(id)).copied().collect();
        prop_assert_eq!(&named_by(&d, |c| match c { Change::StepAdded { step, .. } => Some(step.id), _ => None }), &added);
        prop_assert_eq!(&named_by(&d, |c| match c { Change::StepRemoved { step, .. } => Some(step.id), _ => None }), &removed);
        prop_assert_eq!(&d.marks.added, &added);
        prop_assert_eq!(&d.marks.removed, &removed);
        let expect = |f: fn(&Step, &Step) -> bool| -> BTreeSet<StepId> {
            shared.iter().filter(|(o, s)| f(o, s)).map(|(_, s)| s.id).collect()
        };
        prop_assert_eq!(
            named_by(&d, |c| match c { Change::Retitled { step, .. } => Some(step.id), _ => None }),
            expect(|o, s| o.title != s.title)
        );
        prop_assert_eq!(
            named_by(&d, |c| match c { Change::MovedLane { step, .. } => Some(step.id), _ => None }),
            expect(|o, s| o.lane != s.lane)
        );
        prop_assert_eq!(
            named_by(&d, |c| match c { Change::Moved { step } => Some(step.id), _ => None }),
            expect(|o, s| o.lane == s.lane && o.phase == s.phase && o.at != s.at)
        );
        let cells = changed_cells(&original, &p, &kept);
        prop_assert_eq!(&d.marks.cells, &cells);
        // Each changed cell is one role change; letters in lanes the newer
        // version no longer has are reported as lost there.
        let gone: BTreeSet<LaneId> = original.lanes.iter().filter(|l| p.lane(l.id).is_none()).map(|l| l.id).collect();
        let in_gone_lanes = shared.iter().map(|(o, _)| gone.iter().filter(|l| !role_cell(&o.roles, **l).is_empty()).count()).sum::<usize>();
        let role_changes = d.changes.iter().filter(|c| matches!(c, Change::Roles { .. })).count();
        prop_assert_eq!(role_changes, cells.len() + in_gone_lanes);
        // The chart outlines exactly the steps changed in themselves.
        let changed: BTreeSet<StepId> = shared
            .iter()
            .filter(|(o, s)| {
                (o.title != s.title || o.kind != s.kind || o.lane != s.lane || o.phase != s.phase)
                    || (o.at != s.at || o.description != s.description || o.outputs != s.outputs)
                    || cells.keys().any(|(step, _)| *step == s.id)
                    || gone.iter().any(|l| !role_cell(&o.roles, *l).is_empty())
            })
            .map(|(_, s)| s.id)
            .collect();
        prop_assert_eq!(&d.marks.changed, &changed);
        let (added, relabelled, removed) = connector_changes(&original, &p, &kept);
        prop_assert_eq!(&d.marks.connectors_added, &added);
        prop_assert_eq!(&d.marks.relabelled, &relabelled);
        prop_assert_eq!(&d.marks.connectors_removed, &removed);
    }
}

#[test]
fn a_step_added_in_place_of_a_removed_one_is_reported_as_removed_and_added() {
    let original = sample_1_9();
    let mut p = original.clone();
    let gone = *p.steps.keys().next_back().unwrap();
    let lane = original
        .lanes
        .iter()
        .find(|l| l.id != p.steps[&gone].lane)
        .unwrap()
        .id;
    apply(&mut p, Edit::RemoveStep(gone)).unwrap();
    // New steps take the highest id plus one: here the removed step's.
    let id = p.next_step_id();
    assert_eq!(id, gone, "the id is taken again");
    let step = Step::new(
        id,
        StepKind::Process,
        "新步骤",
        lane,
        FlowPoint::new(40.0, 40.0),
    );
    apply(&mut p, Edit::AddStep(step)).unwrap();
    let d = diff(&original, &p);
    assert!(d.marks.removed.contains(&gone), "{:?}", d.changes);
    assert!(d.marks.added.contains(&id), "{:?}", d.changes);
    // Retitled in its own lane, a step is the same step; retitled and
    // moved to another lane too, when a step above it is unchanged.
    let mut q = original.clone();
    let middle = *original.steps.keys().nth(3).unwrap();
    let elsewhere = original
        .lanes
        .iter()
        .find(|l| l.id != original.steps[&middle].lane)
        .unwrap()
        .id;
    let edits = [
        Edit::SetStep {
            id: gone,
            field: StepField::Title("新步骤".into()),
        },
        Edit::SetStep {
            id: middle,
            field: StepField::Title("改名的步骤".into()),
        },
        Edit::MoveStep {
            id: middle,
            lane: elsewhere,
            phase: original.steps[&middle].phase,
            at: original.steps[&middle].at,
        },
    ];
    for edit in edits {
        apply(&mut q, edit).unwrap();
    }
    let d = diff(&original, &q);
    assert!(
        d.marks.removed.is_empty() && d.marks.added.is_empty(),
        "{:?}",
        d.changes
    );
    assert!(d.marks.changed.contains(&gone) && d.marks.changed.contains(&middle));
}

#[test]
fn a_version_from_a_table_is_not_said_to_differ_in_what_a_table_cannot_hold() {
    let original = sample_1_9();
    let analysis = Analysis::of(&original);
    let xlsx =
        flowcase::export::table_xlsx(&original, &analysis.table, flowcase::lang::Lang::Zh).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("客户返回.xlsx");
    std::fs::write(&table, &xlsx).unwrap();
    let (copy, carried) = flowcase::import::read_version(&table, flowcase::lang::Lang::Zh).unwrap();
    assert!(!carried.overview && !carried.places);
    let d = diff_carried(&copy, &original, carried);
    let stray: Vec<&Change> = d
        .changes
        .iter()
        .filter(|c| matches!(c, Change::Overview { .. } | Change::Moved { .. }))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    // Compared in full, the overview and the places differ.
    let full = diff(&copy, &original);
    assert!(
        full.changes
            .iter()
            .any(|c| matches!(c, Change::Overview { .. }))
    );
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
    // Each department's letters in a table whose columns line up, a
    // Chinese character taking two columns.
    let rows: Vec<&str> = said
        .lines()
        .skip_while(|l| !l.starts_with("部门"))
        .collect();
    let column =
        |row: &str, cell: &str| flowcase::cli::display_width(&row[..row.find(cell).unwrap()]);
    let gained = rows.iter().find(|r| r.starts_with("特殊商务分部")).unwrap();
    let lost = rows.iter().find(|r| r.starts_with("大区")).unwrap();
    assert!(gained.contains("+1 A") && lost.contains("-1 A"), "{said}");
    assert_eq!(
        column(rows[0], "新增职责"),
        column(gained, "+1 A"),
        "{said}"
    );
    assert_eq!(column(rows[0], "减少职责"), column(lost, "-1 A"), "{said}");
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

    // The command line reads the table itself as the older version.
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("客户返回.xlsx");
    std::fs::write(&table, &xlsx).unwrap();
    let o = flowcase(&[
        "diff",
        table.to_str().unwrap(),
        "samples/sales-1.9-key-customer-development.ron",
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{o:?}"
    );
    assert!(
        !text.contains("新增步骤") && !text.contains("删除步骤"),
        "{text}"
    );
}

#[test]
fn the_git_driver_documented_in_the_readme_prints_the_report_in_git_diff() {
    // The two lines the README gives, with this build's binary.
    let repo = Repo::new("");
    let mut p = flowcase::format::load(&repo.path("purchase.ron")).unwrap();
    let id = *p.steps.keys().next().unwrap();
    p.steps.get_mut(&id).unwrap().title = "新的标题".into();
    flowcase::format::save(&p, &repo.path("purchase.ron")).unwrap();
    let shown = repo.git(&["diff"]);
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
    flowcase_ok(&[
        "export",
        new.to_str().unwrap(),
        "-o",
        deck.to_str().unwrap(),
        "--compare",
        old.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
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

/// A git repository in a temporary folder using this build as its diff
/// driver (`--lang en` and `extra` added to the README's command), with
/// the purchase sample committed as `purchase.ron`.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new(extra: &str) -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q"]);
        repo.git(&["config", "user.email", "t@example.com"]);
        repo.git(&["config", "user.name", "t"]);
        std::fs::write(
            repo.path("").join(".gitattributes"),
            "*.ron diff=flowcase\n",
        )
        .unwrap();
        let command = format!("{} diff --lang en {extra}", env!("CARGO_BIN_EXE_flowcase"));
        repo.git(&["config", "diff.flowcase.command", &command]);
        std::fs::copy(
            repo_path("samples/purchase-approval.ron"),
            repo.path("purchase.ron"),
        )
        .unwrap();
        repo.git(&["add", "."]);
        repo.git(&["commit", "-q", "-m", "first"]);
        repo
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// Runs git, expecting success; its output.
    fn git(&self, args: &[&str]) -> String {
        let o = std::process::Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.dir.path())
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "git {args:?} stopped: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }
}

#[test]
fn git_diff_goes_on_past_a_version_that_does_not_load_and_says_why() {
    let repo = Repo::new("");
    std::fs::write(repo.path("purchase.ron"), "(format: 1, lanes: [").unwrap();
    std::fs::copy(
        repo_path("samples/purchase-approval.ron"),
        repo.path("second.ron"),
    )
    .unwrap();
    repo.git(&["add", "second.ron"]);
    // git shows the broken file and goes on to the next.
    let shown = repo.git(&["diff", "HEAD"]);
    assert!(shown.contains("flowcase diff purchase.ron"), "{shown}");
    assert!(shown.contains("cannot compare"), "{shown}");
    assert!(shown.contains("flowcase diff second.ron"), "{shown}");
}

#[test]
fn git_diff_after_a_rename_names_both_paths_and_json_stays_json() {
    let repo = Repo::new("--format json");
    repo.git(&["mv", "purchase.ron", "采购审批.ron"]);
    let mut p = flowcase::format::load(&repo.path("采购审批.ron")).unwrap();
    let id = *p.steps.keys().next().unwrap();
    p.steps.get_mut(&id).unwrap().title = "新的标题".into();
    flowcase::format::save(&p, &repo.path("采购审批.ron")).unwrap();
    repo.git(&["add", "采购审批.ron"]);
    let shown = repo.git(&["-c", "core.quotepath=false", "diff", "--cached", "-M"]);
    let report: serde_json::Value =
        serde_json::from_str(&shown).unwrap_or_else(|e| panic!("not JSON only ({e}): {shown}"));
    assert_eq!(report["path"], "purchase.ron → 采购审批.ron", "{shown}");
    assert_eq!(report["equal"], false);
    assert!(shown.contains("新的标题"), "{shown}");
}
