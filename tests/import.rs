//! A consultant starts from the responsibility matrix in Excel: the table
//! becomes a process with a lane per department and a step per row, laid
//! out by tidy. A bad table is refused naming its row and column, and
//! nothing is written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::export::{table_csv, table_xlsx};
use flowcase::import::*;
use flowcase::lang::Lang;
use flowcase::model::*;

/// A table as the AECI table shows it: per row its number, text and the
/// letters by lane name.
/// Number, main step, 要点, outputs, and (lane name, letters) per cell.
type Row = (u32, String, String, Vec<String>, Vec<(String, String)>);

fn table_rows(p: &Process) -> Vec<Row> {
    let table = Analysis::of(p).table;
    table
        .rows
        .iter()
        .map(|r| {
            let cells = table
                .lanes
                .iter()
                .zip(&r.cells)
                .filter(|(_, c)| !c.is_empty())
                .map(|(l, c)| (l.name.clone(), c.to_string()))
                .collect();
            (
                r.number,
                r.title.clone(),
                r.description.clone(),
                r.outputs.clone(),
                cells,
            )
        })
        .collect()
}

#[test]
fn a_table_exported_to_xlsx_or_csv_imports_as_the_same_table() {
    for (name, p) in [("1.9", sample_1_9()), ("purchase", sample_purchase())] {
        let table = Analysis::of(&p).table;
        for lang in [Lang::Zh, Lang::En] {
            let xlsx = table_xlsx(&p, &table, lang).unwrap();
            let csv = table_csv(&table, lang);
            for (kind, cells) in [
                ("xlsx", xlsx_cells(&xlsx).unwrap()),
                ("csv", csv_cells(csv.as_bytes()).unwrap()),
            ] {
                let (imported, _) = process_from_table(&cells, name).unwrap();
                assert_eq!(
                    table_rows(&imported),
                    table_rows(&p),
                    "{name} through {kind} ({lang:?})"
                );
                let lanes =
                    |p: &Process| p.lanes.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
                assert_eq!(lanes(&imported), lanes(&p), "{name} {kind}: lanes");
                validate(&imported).unwrap();
            }
        }
    }
}

#[test]
fn each_row_goes_to_the_lane_of_its_e_and_steps_follow_in_number_order() {
    let csv = "编号,主要步骤,要点,输出,大区,经销商\n2,审核申请,核对金额,《审核单》,\"A,E\",I\n1,提交申请,,,A,E\n3,归档,,,A,\n";
    let (p, warnings) = process_from_table(&csv_cells(csv.as_bytes()).unwrap(), "申请").unwrap();
    let lane = |title: &str| lane_of_titled(&p, title);
    assert_eq!(lane("提交申请"), "经销商");
    assert_eq!(lane("审核申请"), "大区");
    assert_eq!(lane("归档"), "大区", "no E: the lane of its A");
    assert_eq!(
        warnings,
        [TableWarning::NoExecutor {
            row: 4,
            number: 3,
            lane: "大区".into()
        }]
    );
    let order: Vec<(StepId, StepId)> = p.connectors.values().map(|c| (c.from, c.to)).collect();
    let id = |t| step_titled(&p, t);
    assert_eq!(
        order
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>(),
        [
            (id("提交申请"), id("审核申请")),
            (id("审核申请"), id("归档"))
        ]
        .into_iter()
        .collect()
    );
    assert_eq!(p.steps[&id("审核申请")].outputs, ["《审核单》"]);
}

#[test]
fn a_next_column_says_which_steps_follow_and_english_names_are_read() {
    let csv = "No.,Main step,Next,Sales,Finance\n1,Request,\"2, 3\",E,\n2,Approve,4,,A\n3,Reject,,E,\n4,Pay,,,E\n";
    let (p, _) = process_from_table(&csv_cells(csv.as_bytes()).unwrap(), "pay").unwrap();
    let id = |t| step_titled(&p, t);
    let pairs: std::collections::BTreeSet<(StepId, StepId)> =
        p.connectors.values().map(|c| (c.from, c.to)).collect();
    let want: std::collections::BTreeSet<_> = [
        (id("Request"), id("Approve")),
        (id("Request"), id("Reject")),
        (id("Approve"), id("Pay")),
    ]
    .into_iter()
    .collect();
    assert_eq!(pairs, want);
    assert_eq!(p.lanes.len(), 2);
}

#[test]
fn a_csv_saved_by_a_chinese_excel_in_gb18030_is_read() {
    let text = "编号,主要步骤,大区\n1,提交申请,E\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    let cells = csv_cells(&bytes).unwrap();
    assert_eq!(cells.rows[1][1], "提交申请");
}

#[test]
fn every_malformed_table_is_refused_naming_its_row_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("unknown-letter.csv", "第 3 行 E 列(大区)"),
        ("duplicate-number.csv", "第 3 行 A 列(编号)"),
        ("missing-next.csv", "第 3 行 C 列(下一步)"),
        ("not-a-number.csv", "第 3 行 A 列(编号)"),
        ("empty-title.csv", "第 3 行 B 列(主要步骤)"),
        ("no-header.csv", "找不到表头"),
        ("empty.csv", "没有步骤行"),
        ("broken.xlsx", "xlsx"),
    ];
    for (file, said) in cases {
        let out = dir.path().join(format!("{file}.ron"));
        let table = format!("tests/fixtures/tables/{file}");
        let o = flowcase(&[
            "import",
            "--lang",
            "zh",
            &table,
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{file}: {err}");
        assert!(err.contains(said), "{file}: “{said}” not in: {err}");
        assert!(!out.exists(), "{file}: a file was written");
    }
}

#[test]
fn flowcase_import_writes_a_process_that_loads_and_reports_rows_without_an_e() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("矩阵.csv");
    std::fs::write(
        &table,
        "编号,主要步骤,大区,经销商\n1,提交申请,A,E\n2,归档,A,\n",
    )
    .unwrap();
    let out = dir.path().join("矩阵.ron");
    let o = flowcase_ok(&[
        "import",
        "--lang",
        "en",
        table.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("row 3 (number 2) has no E"), "{said}");
    let p = flowcase::format::load(&out).unwrap();
    assert_eq!(p.steps.len(), 2);
    assert_eq!(p.overview.name, "矩阵");
}

/// Table first in the editor: a step typed into the table's blank row.
mod in_the_table {
    use super::*;
    use common::driver::*;
    use egui_kittest::kittest::Queryable;

    #[test]
    fn typing_a_main_step_into_the_blank_row_adds_a_step_after_the_last_and_a_letter_picks_its_lane()
     {
        let before = sample_1_9();
        let mut h = harness(before.clone());
        let last = Analysis::of(&before)
            .numbering
            .in_order()
            .last()
            .map(|(_, id)| *id)
            .unwrap();
        // The table tab shows the whole table, the blank row under it.
        h.get_by_label("AECI表").click();
        h.run_steps(2);
        let blank = h.get_by(|n: &egui_kittest::kittest::AccessKitNode<'_>| {
            n.placeholder().is_some_and(|p| p.contains("新步骤"))
        });
        blank.click();
        h.run_steps(2);
        type_text(&mut h, "回访客户");
        h.key_press(egui::Key::Enter);
        h.run_steps(3);

        let p = process(&h);
        let new = step_titled(&p, "回访客户");
        assert_eq!(p.steps.len(), before.steps.len() + 1);
        assert!(
            p.connectors.values().any(|c| c.from == last && c.to == new),
            "connected from the last step in the flow"
        );
        assert_eq!(
            p.steps[&new].lane, p.lanes[0].id,
            "in the first lane until an E is typed elsewhere"
        );
        assert_eq!(
            p.steps[&new]
                .roles
                .get(&p.lanes[0].id)
                .map(|r| r.to_string()),
            Some("E".into()),
            "with E in the lane it is put in"
        );
        assert!(
            h.query_by_label("回访客户").is_some(),
            "the table has its row"
        );

        // A letter typed into its 经销商 cell puts it in that lane.
        let number = Analysis::of(&p).numbering.of(new).unwrap();
        h.get_by_label(&format!("{number} · 经销商: ")).click();
        h.run_steps(2);
        type_text(&mut h, "E");
        h.key_press(egui::Key::Enter);
        h.run_steps(3);
        let p = process(&h);
        let dealer = lane_named(&p, "经销商");
        assert_eq!(p.steps[&new].lane, dealer);
        assert_eq!(
            p.steps[&new].roles.get(&dealer).map(|r| r.to_string()),
            Some("E".into())
        );

        h.get_by_label("流程图").click();
        h.run_steps(2);
        let layout = layout_of(&mut h);
        assert!(layout.boxes.contains_key(&new), "the chart shows it");

        // Two undo steps: the letter and its move, then the step itself.
        undo(&mut h);
        assert_eq!(process(&h).steps[&new].lane, p.lanes[0].id);
        undo(&mut h);
        assert_eq!(process(&h), before);

        // Rows typed one after another: the field keeps the focus.
        h.get_by_label("AECI表").click();
        h.run_steps(2);
        let blank = h.get_by(|n: &egui_kittest::kittest::AccessKitNode<'_>| {
            n.placeholder().is_some_and(|p| p.contains("新步骤"))
        });
        blank.click();
        h.run_steps(2);
        for title in ["回访客户", "整理回访记录"] {
            type_text(&mut h, title);
            h.key_press(egui::Key::Enter);
            h.run_steps(3);
        }
        let p = process(&h);
        assert_eq!(p.steps.len(), before.steps.len() + 2, "both rows added");
        step_titled(&p, "整理回访记录");
    }
}
