//! Shared helpers for the integration tests: the samples and small builders.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use flowcase::format::load;
use flowcase::library::Catalogue;
use flowcase::model::{
    Connector, ConnectorId, FlowPoint, Lane, LaneId, Process, Step, StepId, StepKind,
};
use std::path::{Path, PathBuf};

pub mod driver;
pub mod edits;
pub mod hostile;
pub mod pdf;

pub const SAMPLE_1_9: &str = "samples/sales-1.9-key-customer-development.ron";
pub const SAMPLE_PURCHASE: &str = "samples/purchase-approval.ron";

/// A path inside the repository.
pub fn repo_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The 1.9 关键客户开发 sample.
pub fn sample_1_9() -> Process {
    load(&repo_path(SAMPLE_1_9)).expect("the 1.9 sample loads")
}

/// The English purchase-approval sample.
pub fn sample_purchase() -> Process {
    load(&repo_path(SAMPLE_PURCHASE)).expect("the purchase sample loads")
}

/// The id of the lane with this name.
pub fn lane_named(process: &Process, name: &str) -> LaneId {
    process
        .lanes
        .iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("no lane named {name}"))
        .id
}

/// The name of the lane of the step with this title.
pub fn lane_of_titled(process: &Process, title: &str) -> String {
    let step = &process.steps[&step_titled(process, title)];
    let lane = process.lanes.iter().find(|l| l.id == step.lane);
    lane.expect("the step's lane exists").name.clone()
}

/// A copy of the sample library to change: the temporary folder that holds
/// it and the library's folder.
pub fn library_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("流程库");
    std::fs::create_dir(&root).unwrap();
    for e in std::fs::read_dir(repo_path("samples/library")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, root.join(p.file_name().unwrap())).unwrap();
    }
    (dir, root)
}

/// Changes the catalogue of the library at `root` as a text editor would,
/// past the checks a save through Flowcase makes.
pub fn edit_catalogue(root: &std::path::Path, change: impl FnOnce(&mut Catalogue)) {
    use flowcase::format::{CATALOGUE_FILE, encode_catalogue, load_catalogue};
    let path = root.join(CATALOGUE_FILE);
    let mut c = load_catalogue(&path).unwrap();
    change(&mut c);
    std::fs::write(&path, encode_catalogue(&c).unwrap()).unwrap();
}

/// The id of the step with this title.
pub fn step_titled(process: &Process, title: &str) -> StepId {
    process
        .steps
        .values()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no step titled {title}"))
        .id
}

/// A process with the given lanes (ids 1, 2, …) and nothing else.
pub fn lanes(names: &[&str]) -> Process {
    let mut process = Process::default();
    for (i, name) in names.iter().enumerate() {
        process.lanes.push(Lane {
            id: LaneId(i as u32 + 1),
            name: (*name).to_owned(),
            size: 140.0,
        });
    }
    process
}

/// Adds a step directly (tests build fixtures without the edit path).
pub fn put_step(
    process: &mut Process,
    kind: StepKind,
    title: &str,
    lane: LaneId,
    along: f32,
) -> StepId {
    let id = process.next_step_id();
    process.steps.insert(
        id,
        Step::new(id, kind, title, lane, FlowPoint::new(along, 70.0)),
    );
    id
}

/// Adds a connector directly.
pub fn put_connector(process: &mut Process, from: StepId, to: StepId) -> ConnectorId {
    let id = process.next_connector_id();
    process.connectors.insert(
        id,
        Connector {
            id,
            from,
            to,
            label: None,
        },
    );
    id
}

/// Runs the `flowcase` command line from the repository's folder.
pub fn flowcase(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_flowcase"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "C.UTF-8")
        .output()
        .expect("flowcase runs")
}

/// Runs the `flowcase` command line and expects it to succeed; a failure
/// shows the command and what it said.
pub fn flowcase_ok(args: &[&str]) -> std::process::Output {
    let o = flowcase(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "flowcase {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Whether `pt` lies on the border of `r`.
pub fn on_border(r: &flowcase::layout::Rect, pt: &flowcase::layout::Point) -> bool {
    let inside = r.expand(0.01).contains(*pt);
    let edge = (pt.x - r.min.x).abs() < 0.01
        || (pt.x - r.max.x).abs() < 0.01
        || (pt.y - r.min.y).abs() < 0.01
        || (pt.y - r.max.y).abs() < 0.01;
    inside && edge
}

/// Makes a named pipe (a FIFO) at `path`.
pub fn make_fifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

/// Every file below `dir` (by its path from `dir`) with its bytes.
pub fn files_below(dir: &std::path::Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                files.insert(
                    p.strip_prefix(dir).unwrap().to_owned(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    files
}

/// The file `file` exported to `via` (its extension says the type) and
/// imported back, through the command line.
pub fn round_trip(file: &Path, via: &Path) -> Process {
    flowcase_ok(&[
        "export",
        file.to_str().unwrap(),
        "-o",
        via.to_str().unwrap(),
    ]);
    let back = via.with_extension("back.ron");
    flowcase_ok(&[
        "import",
        via.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    flowcase::format::load(&back).unwrap()
}

/// The sample library's analysis written as a workbook in `dir`, in
/// Chinese.
pub fn sample_analysis_workbook(dir: &Path) -> PathBuf {
    let book = dir.join("分析.xlsx");
    let library = repo_path("samples/library");
    flowcase_ok(&[
        "library",
        "analyze",
        library.to_str().unwrap(),
        "-o",
        book.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    book
}

/// What the 流程清单 says at its top.
pub fn library_message(shell: &flowcase::ui::Shell) -> String {
    shell
        .library
        .as_ref()
        .and_then(|l| l.message.clone())
        .unwrap_or_default()
}
