//! Whatever another tool hands over, `flowcase import` either refuses it
//! (exit 2, nothing written) or writes a process that opens: the sample
//! BPMN, draw.io and XLSX files mutated at random (numbers on and past the
//! limits, long or odd text, repeated, dropped or cut lines).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::export::{ExportOptions, FileType, export_bytes, table_xlsx};
use flowcase::lang::Lang;
use proptest::prelude::*;
use std::io::{Read, Write};
use std::path::Path;

/// Numbers on, past and far past the limits, and ones floating point
/// mishandles.
const NUMBERS: &[&str] = &[
    "0", "-0", "-40", "1e-40", "1999999", "2000001", "3000000", "5e9", "1e39", "NaN", "inf",
];
/// Characters to fill an attribute or a text with.
const FILLS: &[char] = &['长', 'W', '\u{301}', '&', '<', ' '];
/// Text lengths around the limits.
const LENGTHS: &[usize] = &[0, 199, 201, 501, 5_001];
/// How often a line is repeated: past every count limit at the end.
const REPEATS: &[usize] = &[2, 101, 5_001];

#[derive(Clone, Debug)]
enum Mutation {
    /// Replace the n-th number in the text.
    Number {
        nth: usize,
        with: &'static str,
    },
    /// Replace the n-th quoted attribute value.
    Text {
        nth: usize,
        fill: char,
        len: usize,
    },
    /// Repeat the n-th line.
    Repeat {
        nth: usize,
        times: usize,
    },
    DropLine {
        nth: usize,
    },
    /// Cut the text at a fraction of its length.
    Cut {
        at: u16,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), prop::sample::select(NUMBERS))
            .prop_map(|(nth, with)| Mutation::Number { nth, with }),
        3 => (any::<usize>(), prop::sample::select(FILLS), prop::sample::select(LENGTHS))
            .prop_map(|(nth, fill, len)| Mutation::Text { nth, fill, len }),
        2 => (any::<usize>(), prop::sample::select(REPEATS))
            .prop_map(|(nth, times)| Mutation::Repeat { nth, times }),
        1 => any::<usize>().prop_map(|nth| Mutation::DropLine { nth }),
        1 => any::<u16>().prop_map(|at| Mutation::Cut { at }),
    ]
}

/// Byte ranges of the numbers in an XML text.
fn numbers(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && matches!(bytes[i], b'0'..=b'9' | b'.') {
                i += 1;
            }
            found.push(start..i);
        } else {
            i += 1;
        }
    }
    found
}

/// Byte ranges of the insides of `"…"` attribute values.
fn quoted(text: &str) -> Vec<std::ops::Range<usize>> {
    let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    quotes.chunks_exact(2).map(|q| q[0] + 1..q[1]).collect()
}

fn replace_nth(text: &str, ranges: &[std::ops::Range<usize>], nth: usize, with: &str) -> String {
    if ranges.is_empty() {
        return text.to_owned();
    }
    let r = &ranges[nth % ranges.len()];
    format!("{}{with}{}", &text[..r.start], &text[r.end..])
}

fn mutate(text: &str, m: &Mutation) -> String {
    let lines: Vec<&str> = text.lines().collect();
    match m {
        Mutation::Number { nth, with } => replace_nth(text, &numbers(text), *nth, with),
        Mutation::Text { nth, fill, len } => {
            let filled: String = std::iter::repeat_n(*fill, *len).collect();
            let escaped = filled.replace('&', "&amp;").replace('<', "&lt;");
            replace_nth(text, &quoted(text), *nth, &escaped)
        }
        Mutation::Repeat { nth, times } => {
            let at = nth % lines.len().max(1);
            let mut out: Vec<&str> = lines[..at].to_vec();
            out.extend(std::iter::repeat_n(
                lines.get(at).copied().unwrap_or(""),
                *times,
            ));
            out.extend(&lines[(at + 1).min(lines.len())..]);
            out.join("\n")
        }
        Mutation::DropLine { nth } => {
            let at = nth % lines.len().max(1);
            let out: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, l)| *l)
                .collect();
            out.join("\n")
        }
        Mutation::Cut { at } => {
            let mut end = text.len() * usize::from(*at) / usize::from(u16::MAX);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text[..end].to_owned()
        }
    }
}

/// A BPMN chart as Flowcase writes it: one line per element, so a line
/// mutation hits one element.
fn sample_bpmn() -> String {
    let bytes = export_bytes(&sample_1_9(), FileType::Bpmn, &ExportOptions::default()).unwrap();
    String::from_utf8(bytes).unwrap().replace("><", ">\n<")
}

fn sample_drawio() -> String {
    std::fs::read_to_string(repo_path("tests/fixtures/interop/pool-with-lanes.drawio")).unwrap()
}

/// The 1.9 AECI table as an XLSX workbook, its sheet mutated.
fn mutated_xlsx(m: &Mutation) -> Vec<u8> {
    let p = sample_1_9();
    let table = flowcase::model::Analysis::of(&p).table;
    let book = table_xlsx(&p, &table, Lang::Zh).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().to_owned();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        if name.starts_with("xl/worksheets/") || name == "xl/sharedStrings.xml" {
            let text = String::from_utf8(bytes).unwrap().replace("><", ">\n<");
            bytes = mutate(&text, m).into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Imports `input`: refused with exit 2 and nothing written, or written as
/// a process that loads.
fn refused_or_loads(input: &Path) -> Result<(), TestCaseError> {
    let out = input.with_extension("ron");
    let o = flowcase(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&o.stderr);
    match o.status.code() {
        Some(0) => {
            let loaded = flowcase::format::load(&out);
            prop_assert!(
                loaded.is_ok(),
                "wrote a file that does not load: {loaded:?}"
            );
        }
        Some(2) => prop_assert!(!out.exists(), "refused but wrote {}: {said}", out.display()),
        other => prop_assert!(false, "exit {other:?}: {said}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_mutated_bpmn_file_is_refused_or_imported_into_a_file_that_loads(
        ms in prop::collection::vec(mutation(), 1..3)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let text = ms.iter().fold(sample_bpmn(), |t, m| mutate(&t, m));
        let input = dir.path().join("变异.bpmn");
        std::fs::write(&input, text).unwrap();
        refused_or_loads(&input)?;
    }

    #[test]
    fn a_mutated_draw_io_file_is_refused_or_imported_into_a_file_that_loads(
        ms in prop::collection::vec(mutation(), 1..3)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let text = ms.iter().fold(sample_drawio(), |t, m| mutate(&t, m));
        let input = dir.path().join("变异.drawio");
        std::fs::write(&input, text).unwrap();
        refused_or_loads(&input)?;
    }

    #[test]
    fn a_mutated_workbook_is_refused_or_imported_into_a_file_that_loads(m in mutation()) {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("变异.xlsx");
        std::fs::write(&input, mutated_xlsx(&m)).unwrap();
        refused_or_loads(&input)?;
    }
}
