//! `flowcase check` as a user and a script see it: output, exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn check_on_the_1_9_sample_prints_eleven_numbered_steps_the_table_and_no_warnings() {
    let out = flowcase(&["check", "--lang", "zh", SAMPLE_1_9]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let (steps, rest) = text.split_once("AECI表").unwrap();
    let steps = steps.split_once("\n步骤\n").unwrap().1;
    let numbered: Vec<u32> = steps
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(numbered, (1..=11).collect::<Vec<_>>());
    let header = rest.lines().nth(1).unwrap();
    let columns: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        columns,
        [
            "编号",
            "主要步骤",
            "特殊商务分部",
            "商务行动与方法分部",
            "大区",
            "经销商",
            "输出"
        ]
    );
    let row4 = rest.lines().find(|l| l.starts_with("4 ")).unwrap();
    assert_eq!(
        row4.split_whitespace().collect::<Vec<_>>(),
        ["4", "确定关键客户获取策略", "A,E", "C", "C", "I"]
    );
    assert!(text.contains("没有警告"));
}

#[test]
fn check_lines_up_the_table_columns_for_chinese_text() {
    let out = flowcase(&["check", "--lang", "zh", SAMPLE_1_9]);
    let text = stdout(&out);
    let table = text.split_once("AECI表\n").unwrap().1;
    let lines: Vec<&str> = table.lines().take_while(|l| !l.is_empty()).collect();
    let width = |s: &str| flowcase::cli::display_width(s);
    // The 大区 column starts at the same display column in the header and in row 4.
    let header_col = width(&lines[0][..lines[0].find("大区").unwrap()]);
    let row4 = lines.iter().find(|l| l.starts_with("4 ")).unwrap();
    let cells: Vec<(usize, &str)> = row4.match_indices(|c: char| c != ' ').collect();
    let starts: Vec<usize> = cells
        .iter()
        .filter(|(i, _)| *i == 0 || row4.as_bytes()[i - 1] == b' ')
        .map(|(i, _)| width(&row4[..*i]))
        .collect();
    assert!(
        starts.contains(&header_col),
        "大区 at {header_col}, row 4 cells at {starts:?}"
    );
}

#[test]
fn check_in_english_reports_the_purchase_sample() {
    let out = flowcase(&["check", "--lang", "en", SAMPLE_PURCHASE]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("5 numbered steps"), "{text}");
    assert!(text.contains("AECI table"));
    assert!(text.contains("No warnings"));
}

#[test]
fn check_prints_the_warnings_of_a_chart_that_breaks_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken-roles.ron");
    let mut p = sample_purchase();
    let review = step_titled(&p, "Review request");
    p.steps.get_mut(&review).unwrap().roles.clear();
    flowcase::format::save(&p, &path).unwrap();
    let out = flowcase(&["check", "--lang", "en", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "warnings do not fail the check");
    let text = stdout(&out);
    assert!(text.contains("Warnings (2)"), "{text}");
    assert!(text.contains("Step 2 “Review request” has no executor (E)"));
    assert!(text.contains("Step 2 “Review request” has no approver (A)"));
}

#[test]
fn check_exits_2_with_the_error_on_stderr_when_a_file_does_not_load() {
    let bad = "tests/fixtures/bad/dangling-step-lane.ron";
    let out = flowcase(&["check", "--lang", "en", SAMPLE_1_9, bad]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        format!("cannot open the process file: step #2 is in lane 9, which does not exist: {bad}")
    );
    assert!(
        stdout(&out).contains("关键客户开发"),
        "the good file is still reported"
    );
}

#[test]
fn check_as_json_gives_scripts_the_steps_table_and_errors() {
    let bad = "tests/fixtures/bad/truncated-in-struct.ron";
    let out = flowcase(&["check", "--format", "json", "--lang", "en", SAMPLE_1_9, bad]);
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let good = &files[0];
    assert_eq!(good["ok"], true);
    assert_eq!(good["process"]["number"], "销售1.9");
    let numbers: Vec<u64> = good["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["number"].as_u64())
        .collect();
    assert_eq!(numbers, (1..=11).collect::<Vec<u64>>());
    assert_eq!(good["table"]["columns"].as_array().unwrap().len(), 4);
    assert_eq!(
        good["table"]["rows"][3]["cells"],
        serde_json::json!(["A,E", "C", "C", "I"])
    );
    assert_eq!(good["warnings"].as_array().unwrap().len(), 0);
    assert_eq!(files[1]["ok"], false);
    assert!(
        files[1]["error"]
            .as_str()
            .unwrap()
            .contains("line 14, column 7")
    );
}

#[test]
fn check_without_files_is_a_usage_error() {
    let out = flowcase(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("FILES"), "{}", stderr(&out));
}

#[test]
fn generate_writes_the_same_synthetic_process_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    for path in [&a, &b] {
        let o = flowcase(&[
            "generate",
            "--steps",
            "60",
            "--seed",
            "9",
            "-o",
            path.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0));
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let p = flowcase::format::load(&a).unwrap();
    assert_eq!(p.steps.len(), 60);
    assert_eq!(p.lanes.len(), 8);
    assert_eq!(p.phases.len(), 4);
    let table = flowcase::model::Analysis::of(&p).table;
    assert_eq!(table.rows.len(), 60, "every step is a row with roles");
}

/// Runs `flowcase ARGS` with `input` on its standard input.
fn flowcase_piped(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_flowcase"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    output
}

#[test]
fn a_process_piped_in_is_checked_exported_diffed_and_tidied() {
    let sample = std::fs::read(repo_path(SAMPLE_1_9)).unwrap();
    // cat 1.9.ron | flowcase check -
    let o = flowcase_piped(&["check", "--lang", "zh", "-"], &sample);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("搜集当地市场潜在关键客户的信息"));
    // … | flowcase export - -o chart.svg
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("chart.svg");
    let o = flowcase_piped(&["export", "-", "-o", svg.to_str().unwrap()], &sample);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains("特殊商务分部")
    );
    // … | flowcase diff - 1.9.ron: the same
    let o = flowcase_piped(&["diff", "--lang", "en", "-", SAMPLE_1_9], &sample);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // … | flowcase tidy - > tidy.ron: a tidied process that loads
    let o = flowcase_piped(&["tidy", "-"], &sample);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tidied = flowcase::format::decode(&o.stdout).unwrap();
    assert_eq!(tidied.steps.len(), sample_1_9().steps.len());
    assert_ne!(tidied, sample_1_9(), "the steps moved");
    // Something that is not a process is refused, naming standard input.
    let o = flowcase_piped(&["check", "--lang", "en", "-"], b"not a process");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("stdin"), "{}", stderr(&o));
}

#[test]
fn a_report_that_cannot_be_written_exits_2() {
    for args in [
        vec!["diff", "--lang", "en", SAMPLE_1_9, SAMPLE_PURCHASE],
        vec!["tidy", "-"],
        vec!["library", "check", "samples/library"],
    ] {
        let full = std::fs::File::create("/dev/full").unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_flowcase"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(std::fs::File::open(repo_path(SAMPLE_1_9)).unwrap())
            .stdout(full)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let code = child.wait().unwrap().code();
        assert_eq!(code, Some(2), "flowcase {args:?}");
    }
}
