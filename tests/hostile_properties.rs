//! For any file the loader accepts, layout ends and every export finishes:
//! the samples mutated at random (extreme numbers, long or forbidden
//! text, lost lines), and each mutant that still loads laid out and
//! exported to every format.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::export::{Content, ExportOptions, FileType, export_bytes};
use flowcase::format::decode;
use flowcase::layout::layout_chart;
use proptest::prelude::*;

/// Numbers that sit on, just past or far past the limits, or that make
/// floating point misbehave.
const NUMBERS: &[&str] = &[
    "0",
    "-0.0",
    "1e-40",
    "0.5",
    "65535",
    "4294967295",
    "1999999.0",
    "-1999999.0",
    "2000001.0",
    "5e9",
    "1e30",
    "3.4e38",
];

/// Characters to fill a string with: wide, narrow, combining, and ones XML
/// cannot hold.
const FILLS: &[char] = &['长', 'W', '\u{301}', '\u{FFFE}', ' ', '\u{1}', '"'];

/// Text lengths around the limits.
const LENGTHS: &[usize] = &[0, 1, 199, 200, 201, 499, 500, 501, 4_999, 5_001];

#[derive(Clone, Debug)]
enum Mutation {
    /// Replace the n-th decimal number (a position or size) of the file.
    Number { nth: usize, with: &'static str },
    /// Replace the contents of the n-th string of the file.
    Text { nth: usize, fill: char, len: usize },
    /// Remove the n-th line.
    DropLine { nth: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), prop::sample::select(NUMBERS))
            .prop_map(|(nth, with)| Mutation::Number { nth, with }),
        4 => (
            any::<usize>(),
            prop::sample::select(FILLS),
            prop::sample::select(LENGTHS)
        )
            .prop_map(|(nth, fill, len)| Mutation::Text { nth, fill, len }),
        1 => any::<usize>().prop_map(|nth| Mutation::DropLine { nth }),
    ]
}

/// Byte ranges of the decimal number literals in a RON text (outside
/// strings): positions and sizes; ids and versions are left alone.
fn numbers(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'"' {
            in_string = !in_string;
        } else if !in_string && (c.is_ascii_digit() || c == b'-') {
            let start = i;
            while i < bytes.len() && matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'-') {
                i += 1;
            }
            if text[start..i].contains('.') {
                found.push(start..i);
            }
            continue;
        }
        i += 1;
    }
    found
}

/// Byte ranges of the string contents (between the quotes).
fn strings(text: &str) -> Vec<std::ops::Range<usize>> {
    let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    quotes
        .chunks(2)
        .filter(|q| q.len() == 2)
        .map(|q| q[0] + 1..q[1])
        .collect()
}

fn mutate(mut text: String, mutation: &Mutation) -> String {
    match *mutation {
        Mutation::Number { nth, with } => {
            let found = numbers(&text);
            if let Some(range) = found.get(nth % found.len().max(1)) {
                text.replace_range(range.clone(), with);
            }
        }
        Mutation::Text { nth, fill, len } => {
            let found = strings(&text);
            if let Some(range) = found.get(nth % found.len().max(1)) {
                let filler: String = std::iter::repeat_n(fill, len).collect();
                let filler = if fill == '"' {
                    filler.replace('"', "\\\"")
                } else {
                    filler
                };
                text.replace_range(range.clone(), &filler);
            }
        }
        Mutation::DropLine { nth } => {
            let mut lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                let at = nth % lines.len();
                lines.remove(at);
            }
            text = lines.join("\n");
        }
    }
    text
}

/// Mutants tried; at least this many of them must load, or the property
/// would pass by refusing everything.
const CASES: u32 = 128;
const AT_LEAST_LOADED: usize = 20;

#[test]
fn any_file_that_loads_lays_out_and_exports_to_every_format() {
    use proptest::test_runner::{Config, TestRunner};
    let loaded = std::sync::atomic::AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        ..Config::default()
    });
    let inputs = (any::<bool>(), prop::collection::vec(mutation(), 1..3));
    runner
        .run(&inputs, |(purchase, mutations)| {
            let sample = if purchase {
                SAMPLE_PURCHASE
            } else {
                SAMPLE_1_9
            };
            let mut text = std::fs::read_to_string(repo_path(sample)).unwrap();
            for m in &mutations {
                text = mutate(text, m);
            }
            // A mutant that does not load was refused with a message: fine.
            let Ok(process) = decode(text.as_bytes()) else {
                return Ok(());
            };
            loaded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            lays_out_and_exports(&process)
        })
        .unwrap();
    let loaded = loaded.into_inner();
    assert!(
        loaded >= AT_LEAST_LOADED,
        "only {loaded} of {CASES} mutants loaded"
    );
}

/// Layout ends with a finite chart and every export writes something or
/// refuses (a chart too large for a picture); a panic or a hang fails.
fn lays_out_and_exports(process: &flowcase::model::Process) -> Result<(), TestCaseError> {
    let layout = layout_chart(process);
    prop_assert!(layout.scene.width.is_finite() && layout.scene.height.is_finite());
    prop_assert!(layout.scene.width > 0.0 && layout.scene.height > 0.0);
    let options = |content| ExportOptions {
        content,
        scale: 1.0,
        ..ExportOptions::default()
    };
    for (file_type, content) in [
        (FileType::Svg, None),
        (FileType::Png, None),
        (FileType::Png, Some(Content::Table)),
        (FileType::Pdf, Some(Content::Deck)),
        (FileType::Csv, None),
        (FileType::Xlsx, None),
    ] {
        if let Ok(bytes) = export_bytes(process, file_type, &options(content)) {
            prop_assert!(!bytes.is_empty(), "{file_type:?} wrote nothing");
            if file_type == FileType::Svg {
                let svg = String::from_utf8(bytes).unwrap();
                prop_assert!(
                    flowcase::export::svg_tree(&svg).is_ok(),
                    "the SVG does not parse"
                );
            }
        }
    }
    Ok(())
}
