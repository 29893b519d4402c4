//! `flowcase merge`: git's merge driver for process files. Three versions
//! in, the merge over OURS (or to -o OUT); exit 0 when clean, 1 when
//! conflicts remain in the file, 2 on an error with nothing written.

use crate::format::{OsFs, encode, load, replace_file};
use crate::lang::Lang;
use crate::model::Process;
use crate::model::merge::merge;
use crate::text::{S, conflict_words, fill, note_words};
use std::io::Write;
use std::path::Path;

/// Merges THEIRS into OURS from BASE; writes the result to `output` or
/// over OURS (git's contract for a merge driver).
pub fn merge_command(
    [base, ours, theirs]: [&Path; 3],
    output: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    if is_catalogue(ours) {
        return merge_catalogues([base, ours, theirs], output, lang, out, err);
    }
    let read = |path: &Path, may_be_empty: bool| -> Result<Process, String> {
        // git passes an empty BASE for a file added on both sides.
        let empty = std::fs::metadata(path).is_ok_and(|m| m.len() == 0);
        if may_be_empty && (empty || !path.exists()) {
            return Ok(Process::default());
        }
        load(path).map_err(|e| e.message(lang))
    };
    let sides = [(base, true), (ours, false), (theirs, false)].map(|(p, empty)| read(p, empty));
    let [base, ours_process, theirs] = match sides {
        [Ok(b), Ok(o), Ok(t)] => [b, o, t],
        [b, o, t] => {
            for e in [b, o, t].into_iter().filter_map(Result::err) {
                let _ = writeln!(err, "{e}");
            }
            return 2;
        }
    };
    let merged = match merge(&base, &ours_process, &theirs) {
        Ok(m) => m,
        Err(e) => {
            let _ = writeln!(err, "{}", fill(lang, S::MergeFailed, &[("error", &e)]));
            return 2;
        }
    };
    let target = output.unwrap_or(ours);
    let written = encode(&merged.process)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            replace_file(target, text.as_bytes(), false, &mut OsFs).map_err(|e| e.message(lang))
        });
    if let Err(e) = written {
        let _ = writeln!(err, "{}", fill(lang, S::MergeFailed, &[("error", &e)]));
        return 2;
    }
    let process = &merged.process;
    for note in &merged.notes {
        let _ = writeln!(out, "{}", note_words(process, note, lang));
    }
    let path = target.display();
    if process.conflicts.is_empty() {
        let _ = writeln!(out, "{}", fill(lang, S::MergeClean, &[("path", &path)]));
        return 0;
    }
    let n = process.conflicts.len();
    let _ = writeln!(
        out,
        "{}",
        fill(lang, S::MergeConflicts, &[("n", &n), ("path", &path)])
    );
    for c in &process.conflicts {
        let _ = writeln!(out, "  ! {}", conflict_words(process, c, lang));
    }
    1
}

/// Whether OURS is a library catalogue (流程清单) rather than a process:
/// git names the versions it passes by temporary names, so by content.
fn is_catalogue(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| crate::format::decode_catalogue(&bytes).is_ok())
}

/// The 流程清单's three versions merged; its conflicts (and a number now
/// given to two processes) reported, exit 1.
fn merge_catalogues(
    [base, ours, theirs]: [&Path; 3],
    output: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    use crate::format::{encode_catalogue, load_catalogue};
    let empty = std::fs::metadata(base).map_or(true, |m| m.len() == 0);
    let read = |p: &Path| load_catalogue(p).map_err(|e| e.message(lang));
    let base = if empty {
        Ok(Default::default())
    } else {
        read(base)
    };
    let (base, mine, theirs) = match (base, read(ours), read(theirs)) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (b, o, t) => {
            for e in [b.err(), o.err(), t.err()].into_iter().flatten() {
                let _ = writeln!(err, "{e}");
            }
            return 2;
        }
    };
    let (merged, conflicts) = crate::model::merge::merge_catalogue(&base, &mine, &theirs);
    let target = output.unwrap_or(ours);
    let written = merged
        .validate()
        .map_err(|e| e.message(lang))
        .and_then(|()| encode_catalogue(&merged).map_err(|e| e.to_string()))
        .and_then(|text| {
            replace_file(target, text.as_bytes(), false, &mut OsFs).map_err(|e| e.message(lang))
        });
    if let Err(e) = written {
        let _ = writeln!(err, "{}", fill(lang, S::MergeFailed, &[("error", &e)]));
        return 2;
    }
    let mut lines: Vec<String> = conflicts
        .iter()
        .map(|c| crate::text::catalogue_conflict_words(c, lang))
        .collect();
    for (number, names) in shared_numbers(&merged) {
        let names = names.join("、");
        lines.push(fill(
            lang,
            S::LibDuplicateNumber,
            &[("number", &number), ("names", &names)],
        ));
    }
    let path = target.display();
    if lines.is_empty() {
        let _ = writeln!(out, "{}", fill(lang, S::MergeClean, &[("path", &path)]));
        return 0;
    }
    let n = lines.len();
    let _ = writeln!(
        out,
        "{}",
        fill(lang, S::MergeConflicts, &[("n", &n), ("path", &path)])
    );
    for line in lines {
        let _ = writeln!(out, "  ! {line}");
    }
    1
}

/// Each number two entries share, with their names.
fn shared_numbers(c: &crate::model::catalogue::Catalogue) -> Vec<(String, Vec<String>)> {
    let mut by_number: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for e in &c.entries {
        by_number
            .entry(e.number.as_str())
            .or_default()
            .push(e.name.clone());
    }
    by_number
        .into_iter()
        .filter(|(_, names)| names.len() > 1)
        .map(|(n, names)| (n.to_owned(), names))
        .collect()
}
