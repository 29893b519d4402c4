//! Exports read back: text in the PDF, pixels in the PNG, cells in the
//! XLSX and CSV, a parsable SVG; and `flowcase export` on the command line.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::pdf::*;
use common::*;
use flowcase::export::*;
use flowcase::lang::Lang;
use flowcase::layout::{Shape, layout_chart};
use flowcase::model::*;
use std::process::Command;

fn options() -> ExportOptions {
    ExportOptions {
        lang: Lang::Zh,
        ..ExportOptions::default()
    }
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_1_9_deck_has_overview_chart_and_table_with_every_step_title_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.9.pdf");
    let p = sample_1_9();
    export_file(&p, None, &path, &options()).unwrap();
    // The overview, the chart cut into three pages at 9 pt, the table.
    assert_eq!(pdf_pages(&path), 5);
    assert!(pdf_info(&path).contains("960 x 540 pts"));
    let text = squeeze(&pdf_text(&path, None));
    for step in p.steps.values() {
        assert!(
            text.contains(&squeeze(&step.title)),
            "«{}» is not in the PDF text",
            step.title
        );
    }
    for heading in [
        "概要",
        "流程图",
        "AECI表",
        "对区域内潜在关键客户进行挖掘筛选",
        "销售1.9关键客户开发",
        "1/3",
        "3/3",
    ] {
        assert!(text.contains(heading), "«{heading}» missing");
    }
    assert!(
        !text.contains("(续)"),
        "a short table needs no continuation page"
    );
    let fonts = Command::new("pdffonts").arg(&path).output().unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    let noto = fonts
        .lines()
        .find(|l| l.contains("NotoSansSC"))
        .expect("the font is in the PDF");
    assert!(
        noto.contains("yes yes yes"),
        "embedded, subsetted, with unicode map: {noto}"
    );
}

#[test]
fn a_long_table_continues_on_pages_titled_xu_with_the_header_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w40.pdf");
    let p = synthetic_process(40, 5);
    export_file(
        &p,
        None,
        &path,
        &ExportOptions {
            content: Some(Content::Table),
            ..options()
        },
    )
    .unwrap();
    let pages = pdf_pages(&path);
    assert!(pages >= 2, "40 rows need more than one page, got {pages}");
    for n in 1..=pages {
        let text = pdf_text(&path, Some(n));
        let title = text.lines().next().unwrap_or("");
        if n == 1 {
            assert!(
                text.contains("AECI表") && !text.contains("(续)"),
                "page 1: {title}"
            );
        } else {
            assert!(text.contains("AECI表(续)"), "page {n} lacks (续)");
        }
        // Lane names wrap in the narrow lane columns: read without breaks.
        let words = squeeze(&text);
        for header in ["编号", "主要步骤", "要点", "特殊商务分部", "网络发展部"]
        {
            assert!(words.contains(header), "page {n} lacks the header {header}");
        }
    }
    // Every row is on some page, once.
    let all = squeeze(&pdf_text(&path, None));
    let analysis = Analysis::of(&p);
    for row in &analysis.table.rows {
        assert!(
            all.contains(&squeeze(&row.title)),
            "row {} missing",
            row.number
        );
    }
}

#[test]
fn an_a4_pdf_of_the_chart_is_landscape_pages_cut_as_the_deck_cuts_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.pdf");
    let opts = ExportOptions {
        content: Some(Content::Chart),
        page: PageSize::A4Landscape,
        ..options()
    };
    let p = sample_purchase();
    export_file(&p, None, &path, &opts).unwrap();
    let cut = page_chart(&p, &number_steps(&p), (786.0, 507.0));
    assert_eq!(pdf_pages(&path), cut.cuts.len());
    assert!(pdf_info(&path).contains("842 x 595 pts"));
    assert!(squeeze(&pdf_text(&path, None)).contains("Withinbudget?"));
}

fn decode_png(bytes: &[u8]) -> tiny_skia::Pixmap {
    tiny_skia::Pixmap::decode_png(bytes).unwrap()
}

fn pixel(pm: &tiny_skia::Pixmap, x: f32, y: f32) -> (u8, u8, u8, u8) {
    let p = pm.pixel(x as u32, y as u32).unwrap().demultiply();
    (p.red(), p.green(), p.blue(), p.alpha())
}

#[test]
fn the_chart_png_has_the_right_size_and_the_chart_in_its_pixels() {
    let p = sample_1_9();
    let layout = layout_chart(&p);
    for scale in [1.0, 2.0, 3.0] {
        let bytes = export_bytes(&p, FileType::Png, &ExportOptions { scale, ..options() }).unwrap();
        let pm = decode_png(&bytes);
        assert_eq!(pm.width(), (layout.scene.width * scale).ceil() as u32);
        assert_eq!(pm.height(), (layout.scene.height * scale).ceil() as u32);
        // A lane header is filled with the header blue, the canvas corner is white.
        let header = layout.lanes[0].header;
        let (x, y) = (header.min.x + 4.0, header.min.y + 4.0);
        assert_eq!(pixel(&pm, x * scale, y * scale), (0x1e, 0x4e, 0x8c, 255));
        // Inside a step box, clear of its text, the box is white.
        let plan = layout.boxes[&step_titled(&p, "制定客户开发计划")];
        assert_eq!(
            pixel(&pm, (plan.max.x - 3.0) * scale, (plan.max.y - 3.0) * scale),
            (255, 255, 255, 255)
        );
    }
}

#[test]
fn a_transparent_png_leaves_empty_space_clear() {
    let mut p = lanes(&["大区"]);
    let lane = p.lanes[0].id;
    put_step(&mut p, StepKind::Process, "审批", lane, 100.0);
    let mut chart = layout_chart(&p).scene;
    chart
        .items
        .retain(|i| !matches!(i.shape, Shape::Rect { radius, .. } if radius == 0.0));
    let bytes = scene_to_png(&chart, 1.0, None).unwrap();
    let pm = decode_png(&bytes);
    assert_eq!(pixel(&pm, 1.0, 1.0).3, 0);
    let opaque = export_bytes(
        &p,
        FileType::Png,
        &ExportOptions {
            transparent: true,
            scale: 1.0,
            ..options()
        },
    )
    .unwrap();
    let pm = decode_png(&opaque);
    // Lane fills cover the chart, so even a transparent export is drawn everywhere but not blank.
    let distinct: std::collections::BTreeSet<(u8, u8, u8, u8)> = (0..pm.width())
        .step_by(7)
        .flat_map(|x| (0..pm.height()).step_by(7).map(move |y| (x, y)))
        .map(|(x, y)| pixel(&pm, x as f32, y as f32))
        .collect();
    assert!(distinct.len() > 3, "the picture is blank");
}

#[test]
fn the_table_png_is_as_wide_as_its_columns() {
    let p = sample_1_9();
    let analysis = Analysis::of(&p);
    let scene = table_scene(&analysis.table, Lang::Zh);
    let bytes = export_bytes(
        &p,
        FileType::Png,
        &ExportOptions {
            content: Some(Content::Table),
            scale: 2.0,
            ..options()
        },
    )
    .unwrap();
    let pm = decode_png(&bytes);
    assert_eq!(pm.width(), (scene.width * 2.0).ceil() as u32);
    // The header row is header blue.
    assert_eq!(pixel(&pm, 30.0, 30.0), (0x1e, 0x4e, 0x8c, 255));
}

#[test]
fn a_png_too_large_to_render_is_refused_with_its_size() {
    let p = synthetic_process(600, 1);
    let err = export_bytes(
        &p,
        FileType::Png,
        &ExportOptions {
            scale: 3.0,
            ..options()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("pixels"), "{err}");
}

#[test]
fn the_xlsx_holds_the_same_cells_as_the_table() {
    use calamine::{Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.9.xlsx");
    let p = sample_1_9();
    export_file(&p, None, &path, &options()).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["AECI表", "概要"]);
    let range = book.worksheet_range("AECI表").unwrap();
    let analysis = Analysis::of(&p);
    let mut expected = vec![table_header(&analysis.table, Lang::Zh)];
    expected.extend(table_cells(&analysis.table));
    let got: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(got, expected);
    assert_eq!(got[0][..4], ["编号", "主要步骤", "要点", "输出"]);
    assert_eq!(got[4][4..], ["A,E", "C", "C", "I"]);
    let overview = book.worksheet_range("概要").unwrap();
    assert_eq!(
        overview.get_value((0, 1)).unwrap().to_string(),
        "关键客户开发"
    );
}

#[test]
fn the_csv_has_a_bom_a_header_and_quoted_multiline_cells() {
    let p = synthetic_process(20, 2);
    let bytes = export_bytes(&p, FileType::Csv, &options()).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let header = text
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .next()
        .unwrap();
    assert!(header.starts_with("编号,主要步骤,要点,输出,特殊商务分部,"));
    let analysis = Analysis::of(&p);
    // Rows are separated by CRLF; a cell's own newlines stay inside quotes.
    assert_eq!(text.matches("\r\n").count(), analysis.table.rows.len() + 1);
}

#[test]
fn the_svg_parses_and_keeps_every_text_line() {
    let p = sample_1_9();
    let bytes = export_bytes(&p, FileType::Svg, &options()).unwrap();
    let svg = String::from_utf8(bytes).unwrap();
    let tree = svg_tree(&svg).unwrap();
    fn count_text(group: &usvg::Group) -> usize {
        group
            .children()
            .iter()
            .map(|n| match n {
                usvg::Node::Text(_) => 1,
                usvg::Node::Group(g) => count_text(g),
                _ => 0,
            })
            .sum()
    }
    let lines = layout_chart(&p).scene.text_lines().count();
    assert_eq!(
        count_text(tree.root()),
        lines,
        "usvg dropped text (font not found?)"
    );
    assert!(svg.contains("确定关键客户获取"));
}

#[test]
fn flowcase_export_writes_each_type_by_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["pdf", "pptx", "png", "svg", "csv", "xlsx"] {
        let out = dir.path().join(format!("deck.{ext}"));
        flowcase_ok(&[
            "export",
            "--lang",
            "zh",
            SAMPLE_1_9,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(std::fs::metadata(&out).unwrap().len() > 100);
    }
    assert_eq!(
        pdf_pages(&dir.path().join("deck.pdf")),
        5,
        "a PDF is the deck by default"
    );
    // No backup copies or temporary files are left beside exports.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 6);
}

#[test]
fn flowcase_export_refuses_unknown_types_and_unwritable_paths() {
    let o = flowcase(&["export", "--lang", "en", SAMPLE_1_9, "-o", "/tmp/deck.docx"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("unknown export type “.docx”"), "{err}");

    let o = flowcase(&[
        "export",
        "--lang",
        "en",
        SAMPLE_1_9,
        "-o",
        "/no/such/folder/deck.pdf",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("cannot write the temporary file")
            && err.trim_end().ends_with("/no/such/folder/deck.pdf"),
        "{err}"
    );

    let o = flowcase(&[
        "export",
        "--lang",
        "en",
        SAMPLE_1_9,
        "-o",
        "/tmp/x.csv",
        "--what",
        "chart",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("a CSV file cannot hold the chart")
    );

    let o = flowcase(&[
        "export",
        "--lang",
        "en",
        "tests/fixtures/bad/empty.ron",
        "-o",
        "/tmp/x.pdf",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// How many table rows each page of a deck's AECI table holds, on a page
/// of `size` (the deck's own body area).
fn table_rows_per_page(p: &Process, size: PageSize) -> Vec<usize> {
    let analysis = Analysis::of(p);
    let (w, h) = size.points();
    // The deck's margins, header and footer (export/deck.rs).
    let (width, body) = (w - 2.0 * 28.0, h - 60.0 - 28.0);
    let mut counts = Vec::new();
    for mut grid in flowcase::export::fitted_table_grids(&analysis.table, width, Lang::Zh) {
        grid.split_tall_rows(body);
        counts.extend(grid.paginate(body, body).into_iter().map(|r| r.len()));
    }
    counts
}

#[test]
fn table_pages_of_a_40_step_process_hold_at_least_12_rows_on_16_9() {
    let p = synthetic_process(40, 1);
    let counts = table_rows_per_page(&p, PageSize::Wide);
    assert!(counts.len() >= 2, "{counts:?}");
    let full = &counts[..counts.len() - 1];
    assert!(full.iter().all(|n| *n >= 12), "rows per page: {counts:?}");
}

#[test]
fn english_department_names_in_the_pdf_table_header_break_between_words_never_inside() {
    let names = [
        "Regional Sales Management",
        "Dealer Network Development",
        "Aftersales Administration",
        "Marketing Communications",
        "Production Planning",
        "Finance Department",
        "Special Business Division",
        "Logistics Coordination",
        "Quality Assurance",
        "Customer Relationships",
        "International Operations",
        "Procurement Department",
    ];
    let mut p = lanes(&names);
    for (i, lane) in p.lanes.clone().iter().enumerate() {
        put_step(
            &mut p,
            StepKind::Process,
            &format!("Step {i}"),
            lane.id,
            120.0 + 150.0 * i as f32,
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.ron");
    flowcase::format::save(&p, &file).unwrap();
    let pdf = dir.path().join("table.pdf");
    flowcase_ok(&[
        "export",
        "--lang",
        "en",
        "--what",
        "table",
        file.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let words: Vec<String> = common::pdf::pdf_text(&pdf, None)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    for name in names {
        for word in name.split(' ') {
            assert!(
                words.iter().any(|w| w == word),
                "“{word}” is not whole in the header: {words:?}"
            );
        }
    }
}
