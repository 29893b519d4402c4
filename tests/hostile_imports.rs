//! A client hands over a spreadsheet, a BPMN file or a draw.io diagram that
//! is broken, enormous or built to hurt. Flowcase either imports it into a
//! process that opens again, shortening what is too long and saying so, or
//! refuses it naming the limit and writing nothing: it never crashes,
//! hangs, or writes a file it then refuses to open.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::hostile::*;
use common::*;
use std::path::{Path, PathBuf};

/// Imports `input` into `out` on the command line: the exit code, and
/// what was said on stdout and stderr together.
fn import(input: &Path, out: &Path) -> (i32, String) {
    let o = flowcase(&[
        "import",
        "--lang",
        "en",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.code().unwrap_or(-1), said)
}

/// The import succeeded and what it wrote opens again.
fn imported(input: &Path, out: &Path) -> (flowcase::model::Process, String) {
    let (code, said) = import(input, out);
    assert_eq!(code, 0, "{}: {said}", input.display());
    let process = flowcase::format::load(out)
        .unwrap_or_else(|e| panic!("{} wrote a file that does not load: {e}", input.display()));
    (process, said)
}

/// The import was refused saying `words`, and wrote nothing.
fn refused(input: &Path, out: &Path, words: &str) {
    let (code, said) = import(input, out);
    assert_eq!(code, 2, "{}: {said}", input.display());
    assert!(said.contains(words), "“{words}” not in: {said}");
    assert!(!out.exists(), "{}: a file was written", input.display());
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

mod spreadsheets {
    use super::*;

    #[test]
    fn a_tiny_workbook_with_one_cell_at_the_last_column_and_row_is_refused_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = workbook_with_a_far_cell(1_048_575, 16_383);
        assert!(bytes.len() < 10_000, "the workbook is tiny");
        let xlsx = write(dir.path(), "远.xlsx", &bytes);
        refused(&xlsx, &dir.path().join("远.ron"), "row 1048576");
        // At Z1048576 (1.5 GB before) it is refused as quickly.
        let xlsx = write(
            dir.path(),
            "z.xlsx",
            &workbook_with_a_far_cell(1_048_575, 25),
        );
        refused(&xlsx, &dir.path().join("z.ron"), "row 1048576");
    }

    #[test]
    fn a_cell_far_to_the_right_is_refused_naming_its_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let xlsx = write(dir.path(), "宽.xlsx", &workbook_with_a_far_cell(3, 5_000));
        refused(
            &xlsx,
            &dir.path().join("宽.ron"),
            "row 4 has a cell in column 5001",
        );
    }

    #[test]
    fn shared_strings_that_inflate_to_hundreds_of_megabytes_are_refused_before_they_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = shared_strings_bomb();
        assert!(bytes.len() < 1 << 20, "packed, it is small");
        let xlsx = write(dir.path(), "炸弹.xlsx", &bytes);
        refused(
            &xlsx,
            &dir.path().join("炸弹.ron"),
            "xl/sharedStrings.xml is larger than 64 MiB unpacked",
        );
    }

    #[test]
    fn a_csv_row_of_a_million_commas_is_refused_naming_the_row() {
        let dir = tempfile::tempdir().unwrap();
        let text = csv_with_a_row_of_commas(1_000_000);
        let csv = write(dir.path(), "逗号.csv", text.as_bytes());
        refused(
            &csv,
            &dir.path().join("逗号.ron"),
            "row 3 has a cell in column 1000001",
        );
    }

    #[test]
    fn rows_of_commas_past_two_million_cells_are_refused_naming_the_row() {
        let dir = tempfile::tempdir().unwrap();
        let csv = write(
            dir.path(),
            "格.csv",
            csv_of_comma_rows(2_100, 999).as_bytes(),
        );
        refused(
            &csv,
            &dir.path().join("格.ron"),
            "more than 2000000 cells (passed in row 2001)",
        );
    }

    #[test]
    fn letters_under_an_empty_or_merged_header_cell_are_refused_naming_the_column() {
        let dir = tempfile::tempdir().unwrap();
        let csv = write(
            dir.path(),
            "合并.csv",
            "编号,主要步骤,大区,,经销商\n1,提交申请,A,E,\n".as_bytes(),
        );
        refused(&csv, &dir.path().join("合并.ron"), "row 2, column D");
    }

    #[test]
    fn two_department_columns_of_one_name_are_refused_naming_both() {
        let dir = tempfile::tempdir().unwrap();
        let csv = write(
            dir.path(),
            "重名.csv",
            "编号,主要步骤,大区,大区\n1,提交申请,A,E\n".as_bytes(),
        );
        refused(&csv, &dir.path().join("重名.ron"), "same name as column C");
    }

    #[test]
    fn a_long_title_is_shortened_and_the_report_names_its_cell() {
        let dir = tempfile::tempdir().unwrap();
        let title = "审".repeat(600);
        let csv = write(
            dir.path(),
            "长.csv",
            format!("编号,主要步骤,大区\n1,{title},E\n").as_bytes(),
        );
        let (p, said) = imported(&csv, &dir.path().join("长.ron"));
        let step = p.steps.values().next().unwrap();
        assert_eq!(
            step.title.chars().count(),
            flowcase::model::limits::MAX_TITLE
        );
        assert!(step.title.ends_with('…'));
        assert!(said.contains("row 2, column B"), "{said}");
    }

    #[test]
    fn outputs_past_the_limit_are_refused_naming_the_row_and_column_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let outputs: Vec<String> = (0..101).map(|i| format!("文档{i}")).collect();
        let csv = write(
            dir.path(),
            "输出.csv",
            format!(
                "编号,主要步骤,输出,大区\n1,提交,\"{}\",E\n",
                outputs.join("\n")
            )
            .as_bytes(),
        );
        refused(
            &csv,
            &dir.path().join("输出.ron"),
            "row 2, column C (输出): 101 entries",
        );
    }

    #[test]
    fn a_next_column_making_more_connectors_than_a_process_may_have_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        // 200 rows each naming all 200: 40,000 connectors.
        let text = csv_fan_out(200);
        let csv = write(dir.path(), "扇出.csv", text.as_bytes());
        refused(
            &csv,
            &dir.path().join("扇出.ron"),
            "more than 15000 connectors",
        );
    }
}

mod charts {
    use super::*;

    fn bpmn_file(dir: &Path, name: &str, chart: &Bpmn) -> PathBuf {
        write(dir, &format!("{name}.bpmn"), chart.xml().as_bytes())
    }

    fn drawio_file(dir: &Path, name: &str, chart: &Drawio) -> PathBuf {
        write(dir, &format!("{name}.drawio"), chart.xml().as_bytes())
    }

    #[test]
    fn sub_processes_are_counted_together_and_a_file_past_the_total_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // Fifteen sub-processes of 1,000 steps: each a process of its own.
        let within = write(
            d,
            "within.bpmn",
            bpmn_of_sub_processes(15, 1_000).as_bytes(),
        );
        let (main, said) = imported(&within, &d.join("主流程.ron"));
        assert_eq!(main.steps.len(), 15, "one exit for each: {said}");
        let parts = std::fs::read_dir(d)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension() == Some("ron".as_ref()))
            .count();
        assert_eq!(parts, 16);
        // Thirty of them: 30,000 steps in one file, refused at the total
        // before any is laid out, nothing written.
        let past = write(d, "past.bpmn", bpmn_of_sub_processes(30, 1_000).as_bytes());
        refused(&past, &d.join("past.ron"), "20000");
        assert!(!d.join("past - 子流程0.ron").exists());
    }

    #[test]
    fn a_bpmn_chart_at_every_limit_imports_and_one_past_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let at = |chart: Bpmn, name: &str| imported(&bpmn_file(d, name, &chart), &d.join(name));
        let past = |chart: Bpmn, name: &str, words: &str| {
            refused(
                &bpmn_file(d, name, &chart),
                &d.join(format!("{name}.ron")),
                words,
            )
        };
        let (p, _) = at(
            Bpmn {
                tasks: 5_000,
                lanes: 10,
                ..Bpmn::default()
            },
            "steps.ron",
        );
        assert_eq!(p.steps.len(), 5_000);
        past(
            Bpmn {
                tasks: 5_001,
                lanes: 10,
                ..Bpmn::default()
            },
            "steps1",
            "5001 steps",
        );
        let (p, _) = at(
            Bpmn {
                lanes: 100,
                ..Bpmn::default()
            },
            "lanes.ron",
        );
        assert_eq!(p.lanes.len(), 100);
        past(
            Bpmn {
                lanes: 101,
                ..Bpmn::default()
            },
            "lanes1",
            "101 lanes",
        );
        past(
            Bpmn {
                tasks: 3,
                flows_per_task: 8_001,
                ..Bpmn::default()
            },
            "flows",
            "16002 connectors",
        );
        past(
            Bpmn {
                first_x: 3_000_000.0,
                ..Bpmn::default()
            },
            "far",
            "at most 2000000",
        );
    }

    #[test]
    fn long_bpmn_titles_and_lane_names_are_shortened_and_each_is_named_in_the_report() {
        let dir = tempfile::tempdir().unwrap();
        let chart = Bpmn {
            title: "审".repeat(600),
            lane_name: "区".repeat(300),
            ..Bpmn::default()
        };
        let (p, said) = imported(
            &bpmn_file(dir.path(), "长", &chart),
            &dir.path().join("长.ron"),
        );
        for step in p.steps.values() {
            assert_eq!(
                step.title.chars().count(),
                flowcase::model::limits::MAX_TITLE
            );
        }
        for lane in &p.lanes {
            assert_eq!(lane.name.chars().count(), flowcase::model::limits::MAX_NAME);
            assert!(lane.name.ends_with('…'));
        }
        assert!(said.contains("the title of"), "{said}");
        assert!(said.contains("the name of"), "{said}");
    }

    #[test]
    fn a_draw_io_page_at_every_limit_imports_and_one_past_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let at = |chart: Drawio, name: &str| imported(&drawio_file(d, name, &chart), &d.join(name));
        let past = |chart: Drawio, name: &str, words: &str| {
            refused(
                &drawio_file(d, name, &chart),
                &d.join(format!("{name}.ron")),
                words,
            )
        };
        let (p, _) = at(
            Drawio {
                shapes: 5_000,
                lanes: 10,
                ..Drawio::default()
            },
            "steps.ron",
        );
        assert_eq!(p.steps.len(), 5_000);
        past(
            Drawio {
                shapes: 6_000,
                lanes: 10,
                ..Drawio::default()
            },
            "steps1",
            "6000 steps",
        );
        let (p, _) = at(
            Drawio {
                lanes: 100,
                ..Drawio::default()
            },
            "lanes.ron",
        );
        assert_eq!(p.lanes.len(), 100);
        past(
            Drawio {
                lanes: 101,
                ..Drawio::default()
            },
            "lanes1",
            "101 lanes",
        );
        past(
            Drawio {
                first_x: 3_000_000.0,
                ..Drawio::default()
            },
            "far",
            "at most 2000000",
        );
        let (p, said) = at(
            Drawio {
                label: "审".repeat(600),
                lane_name: "区".repeat(300),
                ..Drawio::default()
            },
            "long.ron",
        );
        assert!(p.steps.values().all(|s| s.title.ends_with('…')));
        assert!(p.lanes.iter().all(|l| l.name.ends_with('…')));
        assert!(said.contains("was shortened"), "{said}");
    }

    #[test]
    fn a_hundred_thousand_draw_io_cells_are_refused_by_their_count() {
        let dir = tempfile::tempdir().unwrap();
        let chart = Drawio {
            shapes: 100_000,
            lanes: 10,
            ..Drawio::default()
        };
        refused(
            &drawio_file(dir.path(), "大", &chart),
            &dir.path().join("大.ron"),
            "100000 steps",
        );
    }

    #[test]
    fn a_compressed_draw_io_page_too_large_unpacked_says_so() {
        use base64::Engine;
        let dir = tempfile::tempdir().unwrap();
        let xml = "<mxGraphModel>".to_owned() + &" ".repeat(65 << 20) + "</mxGraphModel>";
        let deflated = miniz_oxide::deflate::compress_to_vec(xml.as_bytes(), 9);
        let page = base64::engine::general_purpose::STANDARD.encode(deflated);
        let text = format!(r#"<mxfile><diagram id="a" name="大">{page}</diagram></mxfile>"#);
        let file = write(dir.path(), "炸弹.drawio", text.as_bytes());
        refused(
            &file,
            &dir.path().join("炸弹.ron"),
            "larger than 64 MiB unpacked",
        );
    }

    #[test]
    fn the_same_ids_in_two_pools_stay_in_their_own_pool() {
        let xml = r#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
          <collaboration id="c">
            <participant id="A" name="经销商" processRef="PA"/>
            <participant id="B" name="大区" processRef="PB"/>
          </collaboration>
          <process id="PA"><task id="T1" name="经销商提交"/><task id="T2" name="经销商归档"/>
            <sequenceFlow id="F1" sourceRef="T1" targetRef="T2"/></process>
          <process id="PB"><task id="T1" name="大区审核"/><task id="T2" name="大区批复"/>
            <sequenceFlow id="F1" sourceRef="T1" targetRef="T2"/></process>
        </definitions>"#;
        let imported = flowcase::import::process_from_bpmn(xml, "两个池").unwrap();
        let p = &imported.process;
        assert_eq!(p.steps.len(), 4);
        let lane_of = |title: &str| lane_of_titled(p, title);
        assert_eq!(lane_of("经销商提交"), "经销商");
        assert_eq!(lane_of("大区审核"), "大区");
        assert_eq!(lane_of("大区批复"), "大区");
        let mut joined: Vec<(String, String)> = p
            .connectors
            .values()
            .map(|c| (p.steps[&c.from].title.clone(), p.steps[&c.to].title.clone()))
            .collect();
        joined.sort();
        assert_eq!(
            joined,
            [
                ("大区审核".to_owned(), "大区批复".to_owned()),
                ("经销商提交".to_owned(), "经销商归档".to_owned())
            ]
        );
    }
}
