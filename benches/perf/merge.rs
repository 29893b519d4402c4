//! Rows of issue 29: three-way merges of W-1000 with 50 edits on each side
//! (none overlapping, then all 50 on the same steps), and the whole
//! `flowcase merge` command as git runs it.

use flowcase::model::merge::merge;
use flowcase::model::{Edit, Process, RoleSet, StepField, apply, synthetic_process};
use std::path::Path;

type Push<'a> = &'a mut dyn FnMut(String, &str, Vec<f64>, String);

/// `base` with 50 edits of the steps from the `from`-th on: a retitle, then
/// alternately a new 要点 and a letter for the first lane.
fn fifty_edits(base: &Process, from: usize, tag: &str) -> Process {
    let mut p = base.clone();
    let lane = base.lanes[0].id;
    for (i, id) in base.steps.keys().skip(from).take(50).enumerate() {
        let edit = match i % 3 {
            0 => Edit::SetStep {
                id: *id,
                field: StepField::Title(format!("{tag}改的标题{i}")),
            },
            1 => Edit::SetStep {
                id: *id,
                field: StepField::Description(format!("{tag}的要点{i}")),
            },
            _ => Edit::SetRole {
                step: *id,
                lane,
                roles: if tag == "甲" {
                    RoleSet::of(&[flowcase::model::Role::C])
                } else {
                    RoleSet::of(&[flowcase::model::Role::I])
                },
            },
        };
        apply(&mut p, edit).unwrap();
    }
    p
}

pub fn merge_rows(dir: &Path, push: Push) {
    let base = synthetic_process(1000, 42);
    let ours = fifty_edits(&base, 0, "甲");
    let apart = fifty_edits(&base, 500, "乙");
    let same = fifty_edits(&base, 0, "乙");
    let s = super::measure(20, 2, || {
        super::time(|| drop(merge(&base, &ours, &apart).unwrap()))
    });
    let clean = merge(&base, &ours, &apart).unwrap().process.conflicts.len();
    push(
        "merge W-1000, 50 edits a side apart".into(),
        "≤ 50 ms",
        s,
        format!("{clean} conflicts"),
    );
    let s = super::measure(20, 2, || {
        super::time(|| drop(merge(&base, &ours, &same).unwrap()))
    });
    let conflicts = merge(&base, &ours, &same).unwrap().process.conflicts.len();
    push(
        "merge W-1000, 50 edits a side overlapping".into(),
        "≤ 100 ms",
        s,
        format!("{conflicts} conflicts"),
    );

    let files = ["base", "ours", "theirs"].map(|n| dir.join(format!("merge-{n}.ron")));
    for (file, p) in files.iter().zip([&base, &ours, &apart]) {
        flowcase::format::save(p, file).unwrap();
    }
    let out = dir.join("merge-out.ron");
    let samples: Vec<f64> = (0..5)
        .map(|_| {
            let args: Vec<&std::ffi::OsStr> = vec![
                "merge".as_ref(),
                files[0].as_os_str(),
                files[1].as_os_str(),
                files[2].as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
            ];
            super::run_command(&args, Some(&out)).0
        })
        .collect();
    push(
        "flowcase merge W-1000 (command)".into(),
        "≤ 200 ms",
        samples,
        "3 files read, merged, written".into(),
    );
}
