//! Slides a consultant puts on a client's projector: chart pages whose
//! titles read from the back of the room, cut between steps with markers
//! where a connector goes on another page. Read back from the PDF.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::pdf::*;
use common::*;
use flowcase::export::*;
use flowcase::lang::Lang;
use flowcase::layout::{ChartStyle, measure_box};
use flowcase::model::*;
use std::collections::BTreeMap;
use std::path::Path;

fn deck(process: &Process, size: PageSize, path: &Path) {
    let options = ExportOptions {
        page: size,
        lang: Lang::Zh,
        ..ExportOptions::default()
    };
    export_file(process, None, path, &options).unwrap();
}

/// The processes the slides must work for: the sample, two long ones, and
/// a long one whose flow runs down the page.
fn cases() -> Vec<(&'static str, Process)> {
    let mut down = synthetic_process(40, 1);
    down.orientation = Orientation::Vertical;
    vec![
        ("1.9", sample_1_9()),
        ("W-40", synthetic_process(40, 1)),
        ("W-60", synthetic_process(60, 1)),
        ("W-40 vertical", down),
    ]
}

fn median(mut values: Vec<f32>) -> f32 {
    values.sort_by(f32::total_cmp);
    values[values.len() / 2]
}

/// The chart pages of a deck (1-based page numbers), by their title.
fn chart_pages(words: &[Vec<Word>]) -> Vec<usize> {
    (0..words.len())
        .filter(|i| words[*i].iter().take(3).any(|w| w.text == "流程图"))
        .map(|i| i + 1)
        .collect()
}

/// The first word of a step's title as the slide breaks it, when no lane
/// or phase has it for a name.
fn first_title_word(process: &Process, step: &Step) -> Option<String> {
    let vertical = process.orientation == Orientation::Vertical;
    let content = measure_box(step, &ChartStyle::slide(vertical));
    let line = content.lines.first()?;
    let word = line.split_whitespace().next()?;
    let named = |n: &String| n == word;
    let band = process.lanes.iter().any(|l| named(&l.name))
        || process.phases.iter().any(|p| named(&p.name));
    (!band).then(|| word.to_owned())
}

#[test]
fn every_chart_page_reads_at_9_pt_and_every_step_is_on_exactly_one() {
    let dir = tempfile::tempdir().unwrap();
    for (name, process) in cases() {
        for size in [PageSize::Wide, PageSize::A4Landscape] {
            let path = dir.path().join(format!("{name}-{size:?}.pdf"));
            deck(&process, size, &path);
            let words = pdf_words(&path);
            let charts = chart_pages(&words);
            assert!(!charts.is_empty(), "{name} {size:?}: no chart page");
            for page in &charts {
                let heights = words[page - 1].iter().map(|w| w.height).collect();
                let m = median(heights);
                assert!(
                    m >= 9.0 - 0.05,
                    "{name} {size:?} page {page}: median word {m:.2} pt"
                );
            }
            for step in process.steps.values() {
                let Some(word) = first_title_word(&process, step) else {
                    continue;
                };
                let holding: Vec<usize> = charts
                    .iter()
                    .copied()
                    .filter(|p| words[p - 1].iter().any(|w| w.text == word))
                    .collect();
                assert_eq!(
                    holding.len(),
                    1,
                    "{name} {size:?}: “{word}” on chart pages {holding:?}"
                );
            }
        }
    }
}

#[test]
fn a_connector_to_another_page_has_a_marker_at_both_ends() {
    let dir = tempfile::tempdir().unwrap();
    for ((name, process), size) in cases()
        .into_iter()
        .flat_map(|c| [(c.clone(), PageSize::Wide), (c, PageSize::A4Landscape)])
    {
        let name = format!("{name} {size:?}");
        let path = dir.path().join(format!("{name}.pdf"));
        deck(&process, size, &path);
        let words = pdf_words(&path);
        let charts = chart_pages(&words);
        // The chart page (1, 2 …) each numbered step is on.
        let numbering = Analysis::of(&process).numbering;
        let mut page_of: BTreeMap<StepId, usize> = BTreeMap::new();
        for step in process.steps.values() {
            let Some(word) = first_title_word(&process, step) else {
                continue;
            };
            if let Some(k) = charts
                .iter()
                .position(|p| words[p - 1].iter().any(|w| w.text == word))
            {
                page_of.insert(step.id, k + 1);
            }
        }
        let text_of = |k: usize| -> String {
            let page = &words[charts[k - 1] - 1];
            page.iter().map(|w| w.text.as_str()).collect()
        };
        let mut crossing = 0;
        for c in process.connectors.values() {
            let (Some(&from), Some(&to)) = (page_of.get(&c.from), page_of.get(&c.to)) else {
                continue;
            };
            let (Some(nf), Some(nt)) = (numbering.of(c.from), numbering.of(c.to)) else {
                continue;
            };
            if from == to {
                continue;
            }
            crossing += 1;
            let leaving = format!("→第{to}页步骤{nt}");
            let arriving = format!("第{from}页步骤{nf}→");
            assert!(
                text_of(from).contains(&leaving),
                "{name}: page {from} lacks “{leaving}”"
            );
            assert!(
                text_of(to).contains(&arriving),
                "{name}: page {to} lacks “{arriving}”"
            );
        }
        assert!(crossing > 0, "{name}: no connector crosses pages");
    }
}

#[test]
fn chart_pages_are_titled_with_their_section_number_and_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.pdf");
    deck(&sample_1_9(), PageSize::Wide, &path);
    let words = pdf_words(&path);
    let charts = chart_pages(&words);
    let n = charts.len();
    assert!(n > 1, "the 1.9 chart is cut at 9 pt");
    for (k, page) in charts.iter().enumerate() {
        let title: Vec<&str> = words[page - 1]
            .iter()
            .take(3)
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(title, ["1.9.2", "流程图", &format!("({}/{n})", k + 1)]);
    }
}

#[test]
fn a_short_chart_stays_on_one_page_and_uses_its_height() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short.pdf");
    let process = sample_purchase();
    deck(&process, PageSize::Wide, &path);
    let words = pdf_words(&path);
    assert_eq!(chart_pages(&words).len(), 1);
    let chart = page_chart(&process, &number_steps(&process), (904.0, 452.0));
    let height = chart.layout.scene.height * chart.cuts.scale;
    let width = chart.layout.scene.width * chart.cuts.scale;
    assert!(
        height > 452.0 * 0.9 || width > 904.0 * 0.9,
        "the chart fills the page one way: {width} × {height}"
    );
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_pptx_opens_in_libreoffice_with_every_page_title_lane_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    for (name, process) in [("1.9", sample_1_9()), ("W-40", synthetic_process(40, 1))] {
        let pdf = dir.path().join(format!("{name}.pdf"));
        deck(&process, PageSize::Wide, &pdf);
        let pptx = dir.path().join(format!("{name}.pptx"));
        deck(&process, PageSize::Wide, &pptx);
        let converted = libreoffice_pdf(&pptx, &dir.path().join(format!("lo-{name}")));
        assert_eq!(
            pdf_pages(&converted),
            pdf_pages(&pdf),
            "{name}: as many slides as the PDF deck has pages"
        );
        let text = squeeze(&pdf_text(&converted, None));
        let mut expected: Vec<String> = process.lanes.iter().map(|l| l.name.clone()).collect();
        expected.extend(process.steps.values().map(|s| s.title.clone()));
        let table = Analysis::of(&process).table;
        for row in &table.rows {
            expected.push(row.title.clone());
            expected.push(row.description.clone());
            expected.extend(row.outputs.iter().cloned());
        }
        for item in expected.iter().filter(|t| !t.trim().is_empty()) {
            assert!(
                text.contains(&squeeze(item)),
                "{name}: “{item}” is not in the slides LibreOffice shows"
            );
        }
    }
}

#[test]
fn the_pptx_parts_are_well_formed_xml_and_name_only_parts_that_exist() {
    let dir = tempfile::tempdir().unwrap();
    let pptx = dir.path().join("deck.pptx");
    deck(&synthetic_process(40, 1), PageSize::A4Landscape, &pptx);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&pptx).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    let mut targets = Vec::new();
    for name in &names {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e)) => {
                    for a in e.attributes() {
                        let a = a.unwrap();
                        let value = String::from_utf8(a.value.to_vec()).unwrap();
                        match a.key.as_ref() {
                            b"Target" => targets.push((name.clone(), value)),
                            b"PartName" => targets.push((String::new(), value)),
                            _ => {}
                        }
                    }
                }
                Ok(_) => {}
                Err(e) => panic!("{name}: not well-formed XML: {e}"),
            }
        }
    }
    assert!(names.iter().any(|n| n == "ppt/slides/slide1.xml"));
    for (from, target) in targets {
        // A relationship's target is relative to the folder of the part it
        // belongs to (`_rels/x.rels` belongs to `x`); a content type's
        // part name is absolute.
        let base = match from.rsplit_once("_rels/") {
            Some((folder, _)) => folder.to_owned(),
            None => String::new(),
        };
        let mut parts: Vec<&str> = Vec::new();
        for piece in base.split('/').chain(target.split('/')) {
            match piece {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                p => parts.push(p),
            }
        }
        let path = parts.join("/");
        assert!(
            names.contains(&path),
            "{from} names {target}, which is not in the package"
        );
    }
}

#[test]
fn an_svg_of_one_chart_page_holds_that_pages_steps_and_a_page_past_the_end_is_refused() {
    let process = synthetic_process(40, 1);
    let page = |n: usize| {
        let options = ExportOptions {
            chart_page: Some(n),
            lang: Lang::Zh,
            ..ExportOptions::default()
        };
        export_bytes(&process, FileType::Svg, &options)
    };
    let mut svgs = Vec::new();
    for n in 1.. {
        match page(n) {
            Ok(bytes) => svgs.push(String::from_utf8(bytes).unwrap()),
            Err(ExportError::NoSuchPage { page, pages }) => {
                assert_eq!((page, pages), (n, n - 1));
                break;
            }
            Err(e) => panic!("page {n}: {e}"),
        }
    }
    assert!(svgs.len() > 1, "W-40 is cut into pages");
    for step in process.steps.values() {
        let Some(word) = first_title_word(&process, step) else {
            continue;
        };
        let holding = svgs
            .iter()
            .filter(|svg| svg.contains(&format!(">{word}<")))
            .count();
        assert_eq!(holding, 1, "“{word}” on {holding} chart pages");
    }
    let pdf = ExportOptions {
        chart_page: Some(1),
        ..ExportOptions::default()
    };
    assert!(matches!(
        export_bytes(&process, FileType::Pdf, &pdf),
        Err(ExportError::PageOfWhat)
    ));
}

#[test]
fn an_empty_process_and_one_huge_box_still_make_decks() {
    let empty = Process::default();
    let mut huge = sample_purchase();
    let first = *huge.steps.keys().next().unwrap();
    huge.steps.get_mut(&first).unwrap().title = "很长的标题".repeat(400);
    for (name, process) in [("empty", empty), ("huge", huge)] {
        for size in [PageSize::Wide, PageSize::A4Landscape] {
            let options = ExportOptions {
                page: size,
                ..ExportOptions::default()
            };
            for file_type in [FileType::Pdf, FileType::Pptx] {
                let bytes = export_bytes(&process, file_type, &options);
                assert!(
                    bytes.is_ok(),
                    "{name} {size:?} {file_type:?}: {:?}",
                    bytes.err()
                );
            }
            let page = ExportOptions {
                chart_page: Some(1),
                ..options
            };
            assert!(
                export_bytes(&process, FileType::Svg, &page).is_ok(),
                "{name}"
            );
        }
    }
}

#[test]
fn a_table_cell_in_powerpoint_holds_its_text_as_written_for_editing() {
    let process = sample_1_9();
    let bytes = export_bytes(&process, FileType::Pptx, &ExportOptions::default()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name().starts_with("ppt/slides/slide") {
            std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
        }
    }
    assert!(xml.contains("<a:tbl>"), "the AECI table is a native table");
    let table = Analysis::of(&process).table;
    let longest = table
        .rows
        .iter()
        .map(|r| r.description.clone())
        .max_by_key(|d| d.chars().count())
        .unwrap();
    assert!(longest.chars().count() > 20, "a description that wraps");
    assert!(
        xml.contains(&format!("<a:t>{longest}</a:t>")),
        "“{longest}” is one run PowerPoint rewraps, not lines broken for the PDF"
    );
    // A step's title is the text of its box's shape (filled and outlined,
    // not a loose text box), whole though the slide breaks it in two lines,
    // so they move and edit together.
    let at = xml
        .find("<a:t>为关键客户获取策略的确定提供支持</a:t>")
        .unwrap();
    let shape = &xml[xml[..at].rfind("<p:sp>").unwrap()..at];
    assert!(!shape.contains("txBox"), "{shape}");
    assert!(
        shape.contains("roundRect") && shape.contains("<a:ln w="),
        "{shape}"
    );
}
