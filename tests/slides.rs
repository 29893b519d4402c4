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

/// The processes the slides must work for: the sample and two long ones.
fn cases() -> Vec<(&'static str, Process)> {
    vec![
        ("1.9", sample_1_9()),
        ("W-40", synthetic_process(40, 1)),
        ("W-60", synthetic_process(60, 1)),
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
    let content = measure_box(step, &ChartStyle::slide());
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
    for (name, process) in cases() {
        let path = dir.path().join(format!("{name}.pdf"));
        deck(&process, PageSize::Wide, &path);
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
