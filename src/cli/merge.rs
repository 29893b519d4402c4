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
