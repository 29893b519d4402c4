//! Files that are absurd, broken on purpose or just unlucky: each is
//! refused with a message naming the limit and the place, or opens and
//! exports correctly; nothing hangs, and nothing is silently wrong.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::export::{
    Content, ExportOptions, FileType, PageSize, export_bytes, pages, svg_tree, table_xlsx,
};
use flowcase::format::*;
use flowcase::lang::Lang;
use flowcase::layout::{Shape, layout_chart};
use flowcase::model::limits::{Limited, MAX_STEPS};
use flowcase::model::*;
use std::fs;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn purchase_text() -> String {
    fs::read_to_string(repo_path(SAMPLE_PURCHASE)).unwrap()
}

fn over_limit(err: DecodeError) -> limits::OverLimit {
    match err {
        DecodeError::OverLimit(over) => over,
        other => panic!("expected a limit, got: {other}"),
    }
}

#[test]
fn boxes_placed_billions_of_units_away_are_refused_naming_the_step_and_the_limit() {
    // The repro of the endless layout loop: two overlapping boxes at 5e9.
    let text = purchase_text()
        .replace("along: 200.0", "along: 5e9")
        .replace("along: 560.0", "along: 5e9");
    let over = over_limit(decode(text.as_bytes()).unwrap_err());
    assert_eq!(over.what, Limited::Position);
    let said = over.to_string();
    assert!(
        said.starts_with("the position of step ") && said.ends_with("at most 2000000"),
        "{said}"
    );
    assert!(
        over.message(Lang::Zh)
            .contains("的位置:5000000000 图表单位")
    );
}

#[test]
fn overlapping_boxes_at_the_edge_of_the_allowed_chart_are_laid_out_apart() {
    let text = purchase_text()
        .replace("along: 200.0", "along: 1999990.0")
        .replace("along: 560.0", "along: 1999990.0");
    let p = decode(text.as_bytes()).unwrap();
    let layout = layout_chart(&p);
    let boxes: Vec<_> = layout.boxes.values().collect();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let apart = a.max.x <= b.min.x
                || b.max.x <= a.min.x
                || a.max.y <= b.min.y
                || b.max.y <= a.min.y;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
    for ty in [FileType::Svg, FileType::Pdf, FileType::Csv, FileType::Xlsx] {
        export_bytes(&p, ty, &ExportOptions::default()).unwrap();
    }
    // The chart is too wide for a picture: refused, not attempted.
    assert!(export_bytes(&p, FileType::Png, &ExportOptions::default()).is_err());
}

#[test]
fn every_step_of_a_full_process_stacked_on_one_point_is_laid_out_apart() {
    let mut p = lanes(&["经销商"]);
    for i in 0..MAX_STEPS {
        put_step(
            &mut p,
            StepKind::Process,
            &format!("步骤{i}"),
            LaneId(1),
            100.0,
        );
    }
    let text = encode(&p).unwrap();
    let p = decode(text.as_bytes()).unwrap();
    let layout = layout_chart(&p);
    let mut spans: Vec<(f32, f32)> = layout.boxes.values().map(|r| (r.min.x, r.max.x)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    for pair in spans.windows(2) {
        assert!(pair[0].1 <= pair[1].0, "{pair:?} overlap");
    }
}

#[test]
fn a_file_with_ten_thousand_lanes_is_refused_before_anything_is_laid_out() {
    let mut p = lanes(&[]);
    for i in 0..10_000u32 {
        p.lanes.push(Lane {
            id: LaneId(i + 1),
            name: format!("L{i}"),
            size: 140.0,
        });
    }
    let started = Instant::now();
    let over = over_limit(decode(encode(&p).unwrap().as_bytes()).unwrap_err());
    assert_eq!(over.what, Limited::Lanes);
    assert_eq!(
        over.to_string(),
        "the process: 10000 lanes; Flowcase allows at most 100"
    );
    assert!(started.elapsed() < Duration::from_secs(30), "not a hang");
}

#[test]
fn lanes_whose_sizes_overflow_together_are_refused() {
    let text = purchase_text().replace("size: 140.0", "size: 1999999.0");
    let over = over_limit(decode(text.as_bytes()).unwrap_err());
    assert_eq!(over.what, Limited::ChartSize);
    assert_eq!(
        over.to_string(),
        "the lanes together: 7999996 chart units; Flowcase allows at most 2000000"
    );
}

#[test]
fn a_ten_megabyte_title_is_refused_naming_the_step() {
    let long = "长".repeat(10_000);
    let text = purchase_text().replace("Submit purchase request", &long);
    let over = over_limit(decode(text.as_bytes()).unwrap_err());
    assert_eq!(over.what, Limited::TitleCharacters);
    assert_eq!(
        over.to_string(),
        "the title of step #1: 10000 characters; Flowcase allows at most 500"
    );
}

#[test]
fn a_ten_megabyte_process_name_is_refused_naming_the_overview_field() {
    let name = "名".repeat(3_500_000);
    let text = purchase_text().replace("\"Purchase approval\"", &format!("\"{name}\""));
    let over = over_limit(decode(text.as_bytes()).unwrap_err());
    assert_eq!(
        over.to_string(),
        "the overview's name: 3500000 characters; Flowcase allows at most 200"
    );
    assert_eq!(
        DecodeError::OverLimit(over).message(Lang::Zh),
        "概要的流程名称:3500000 个字符,超过了上限 200"
    );
}

#[test]
fn edits_that_would_pass_a_limit_are_refused_and_change_nothing() {
    let mut p = sample_purchase();
    let before = p.clone();
    let err = apply(
        &mut p,
        Edit::ResizeLane {
            id: LaneId(1),
            size: 1e12,
        },
    )
    .unwrap_err();
    assert!(matches!(err, EditError::OverLimit(_)), "{err}");
    assert!(
        err.message(Lang::Zh).contains("泳道 1 的大小"),
        "{}",
        err.message(Lang::Zh)
    );
    let err = apply(
        &mut p,
        Edit::SetConnectorLabel {
            id: ConnectorId(1),
            label: Some("是".repeat(300)),
        },
    )
    .unwrap_err();
    assert!(matches!(err, EditError::OverLimit(_)), "{err}");
    assert_eq!(p, before);
}

#[test]
fn a_file_starting_with_a_byte_order_mark_opens() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(purchase_text().as_bytes());
    assert_eq!(decode(&bytes).unwrap(), sample_purchase());
}

/// Waits for a child at most `limit`; kills it and fails when it hangs.
fn finish_within(child: &mut std::process::Child, limit: Duration) -> i32 {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("the command did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn checking_a_pipe_with_no_writer_says_it_is_not_a_file_instead_of_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("流程.ron");
    make_fifo(&fifo);
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowcase"))
        .args(["check", "--lang", "en"])
        .arg(&fifo)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    assert_eq!(finish_within(&mut child, Duration::from_secs(20)), 2);
    let mut said = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut said)
        .unwrap();
    assert!(said.contains("not a regular file"), "{said}");
    assert!(said.trim_end().ends_with("流程.ron"), "{said}");
}

#[test]
fn a_check_report_that_cannot_be_written_fails_the_command() {
    let full = fs::File::create("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_flowcase"))
        .args(["check", "--lang", "en", SAMPLE_1_9])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("cannot write the report"), "{said}");
}

#[test]
fn generating_more_steps_than_a_process_may_have_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_flowcase"))
        .args([
            "generate",
            "--steps",
            "100000000000",
            "-o",
            "/tmp/never.ron",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("5000"));
    assert!(!std::path::Path::new("/tmp/never.ron").exists());
}

#[test]
fn characters_xml_cannot_hold_become_replacement_marks_in_svg_pptx_and_xlsx() {
    let mut p = sample_purchase();
    let step = p.steps.values_mut().next().unwrap();
    step.title = "审批\u{FFFE}申请\u{FFFF}单\u{1}".into();
    step.description = "第一行\n第二行\u{FFFE}".into();
    let options = ExportOptions::default();
    let svg = String::from_utf8(export_bytes(&p, FileType::Svg, &options).unwrap()).unwrap();
    svg_tree(&svg).unwrap();
    assert!(svg.contains("\u{FFFD}") && !svg.contains('\u{FFFE}') && !svg.contains('\u{FFFF}'));
    let png = export_bytes(&p, FileType::Png, &options).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    let pptx = export_bytes(&p, FileType::Pptx, &options).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(pptx)).unwrap();
    let mut slides = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        std::io::Read::read_to_string(&mut part, &mut slides).unwrap();
    }
    assert!(slides.contains("审批\u{FFFD}申请\u{FFFD}单"));
    assert!(!slides.contains(['\u{1}', '\u{FFFE}', '\u{FFFF}']));

    let analysis = Analysis::of(&p);
    let xlsx = table_xlsx(&p, &analysis.table, Lang::Zh).unwrap();
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<String> = sheet.rows().flatten().map(|c| c.to_string()).collect();
    assert!(
        cells.iter().any(|c| c == "审批\u{FFFD}申请\u{FFFD}单 "),
        "{cells:?}"
    );
    assert!(
        cells.iter().any(|c| c == "第一行\n第二行\u{FFFD}"),
        "{cells:?}"
    );
}

/// Every text line of a set of pages, and whether all of them lie inside
/// their page.
fn page_texts(scenes: &[flowcase::layout::Scene]) -> (Vec<String>, bool) {
    let mut texts = Vec::new();
    let mut inside = true;
    for page in scenes {
        for item in &page.items {
            if let Shape::Text { lines, .. } = &item.shape {
                for line in lines {
                    inside &=
                        line.origin.x >= 0.0 && line.origin.x + line.width <= page.width + 0.5;
                    inside &= line.origin.y >= 0.0 && line.origin.y <= page.height;
                    texts.push(line.text.clone());
                }
            }
        }
    }
    (texts, inside)
}

fn many_lanes(names: &[String]) -> Process {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut p = lanes(&names);
    for (i, lane) in p.lanes.clone().iter().enumerate() {
        let step = put_step(
            &mut p,
            StepKind::Process,
            &format!("第{i}步"),
            lane.id,
            100.0 + 200.0 * i as f32,
        );
        let roles = &mut p.steps.get_mut(&step).unwrap().roles;
        roles.insert(lane.id, RoleSet::of(&[Role::A, Role::E]));
    }
    p
}

#[test]
fn the_pdf_table_keeps_every_department_column_however_many_there_are() {
    let english: Vec<String> = [
        "Special Sales",
        "Business Methods",
        "Region",
        "Dealer",
        "Marketing",
        "After-sales Service",
        "Finance",
        "Network Development",
    ]
    .map(str::to_owned)
    .to_vec();
    let short: Vec<String> = (1..=20).map(|i| format!("D{i:02}")).collect();
    for names in [english, short] {
        let p = many_lanes(&names);
        let analysis = Analysis::of(&p);
        for size in [PageSize::Wide, PageSize::A4Landscape] {
            let scenes = pages(
                &p,
                &analysis.table,
                &analysis.numbering,
                Content::Table,
                size,
                Lang::En,
                &[],
            )
            .unwrap();
            let (texts, inside) = page_texts(&scenes);
            assert!(
                inside,
                "text past the page edge ({size:?}, {} lanes)",
                names.len()
            );
            let all = texts.concat();
            for name in &names {
                let squeezed: String = name.split_whitespace().collect();
                assert!(
                    all.contains(&squeezed) || texts.iter().any(|t| t == name),
                    "{name} missing ({size:?})"
                );
            }
            // Every cell's letters are there: one A,E per lane.
            assert_eq!(texts.iter().filter(|t| *t == "A,E").count(), names.len());
        }
    }
}

#[test]
fn twenty_department_columns_read_back_from_the_pdf() {
    let names: Vec<String> = (1..=20).map(|i| format!("D{i:02}")).collect();
    let p = many_lanes(&names);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("table.pdf");
    let options = ExportOptions {
        content: Some(Content::Table),
        lang: Lang::En,
        ..ExportOptions::default()
    };
    flowcase::export::export_file(&p, None, &path, &options).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for name in &names {
        assert!(text.contains(name.as_str()), "{name} missing from the PDF");
    }
    assert!(
        text.contains("AECI table (cont.)"),
        "the lanes continue on another page"
    );
}

#[test]
fn a_row_taller_than_a_page_continues_on_the_next_page_instead_of_running_off() {
    let mut p = many_lanes(&["大区".to_owned(), "经销商".to_owned()]);
    let first = p.steps.keys().next().copied().unwrap();
    let long: String = (0..4_000)
        .map(|i| char::from_u32(0x4E00 + i % 2000).unwrap())
        .collect();
    p.steps.get_mut(&first).unwrap().description = long.clone();
    let analysis = Analysis::of(&p);
    let scenes = pages(
        &p,
        &analysis.table,
        &analysis.numbering,
        Content::Table,
        PageSize::Wide,
        Lang::Zh,
        &[],
    )
    .unwrap();
    let (texts, inside) = page_texts(&scenes);
    assert!(inside, "text past the page edge");
    assert!(scenes.len() > 3, "{} pages", scenes.len());
    let in_long = |c: char| (0x4E00..0x4E00 + 2000).contains(&(c as u32));
    let printed: String = texts
        .iter()
        .filter(|t| t.chars().all(in_long))
        .map(String::as_str)
        .collect();
    assert_eq!(printed, long, "the whole 要点 is printed, in order");
}

#[test]
fn a_deck_that_would_need_more_than_a_thousand_pages_is_refused_with_advice() {
    let mut p = synthetic_process(200, 9);
    for step in p.steps.values_mut() {
        step.title = step.title.repeat(30).chars().take(500).collect();
        step.description = step.title.repeat(10);
    }
    let err = export_bytes(&p, FileType::Pdf, &ExportOptions::default()).unwrap_err();
    let said = err.to_string();
    assert!(
        said.starts_with("the deck would have ") && said.contains("XLSX or CSV"),
        "{said}"
    );
    // The table itself still goes to a spreadsheet.
    assert!(export_bytes(&p, FileType::Xlsx, &ExportOptions::default()).is_ok());
}
