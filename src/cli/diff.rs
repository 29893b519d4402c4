//! `flowcase diff`: what changed between two versions of a process, and
//! whose responsibility moved; usable as git's external diff driver.

use super::check::CheckFormat;
use crate::import::read_version;
use crate::lang::Lang;
use crate::model::{Carried, Process, ProcessDiff, diff_carried};
use crate::text::{S, fill, tr};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `files` is OLD NEW, or the seven arguments git gives an external diff
/// driver (path, old file, old hash, old mode, new file, new hash, new
/// mode). Exit 0 when equal, 1 when different, 2 on an error; as git's
/// driver, 0 unless an error (git stops on any other code).
pub fn diff_command(
    files: &[PathBuf],
    format: CheckFormat,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let (old, new, git) = match files {
        [old, new] => (old, new, false),
        [_, old, _, _, new, _, _] => (old, new, true),
        _ => {
            let _ = writeln!(err, "{}", tr(lang, S::CliDiffArgs));
            return 2;
        }
    };
    let read = |path: &Path| -> Result<(Process, Carried), String> {
        if path == Path::new("/dev/null") {
            return Ok((Process::default(), Carried::ALL));
        }
        read_version(path, lang)
    };
    let ((a, held_a), (b, held_b)) = match (read(old), read(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            let _ = writeln!(err, "{}: {e}", tr(lang, S::CliCannotDiff));
            return 2;
        }
    };
    let d = diff_carried(&a, &b, held_a.and(held_b));
    if git {
        let _ = writeln!(out, "flowcase diff {}", files[0].display());
    }
    match format {
        CheckFormat::Text => print_text(&d, lang, out),
        CheckFormat::Json => print_json(&d, lang, out),
    }
    if git || d.is_empty() { 0 } else { 1 }
}

fn print_text(d: &ProcessDiff, lang: Lang, out: &mut dyn Write) {
    if d.is_empty() {
        let _ = writeln!(out, "{}", tr(lang, S::DiffSame));
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        fill(lang, S::DiffCount, &[("n", &d.changes.len())])
    );
    for change in &d.changes {
        let _ = writeln!(out, "  {}", change.words(lang));
    }
    // Each department's letters, in columns aligned for CJK.
    let mut rows = vec![
        [S::DiffDepartment, S::DiffGained, S::DiffLost]
            .map(|k| tr(lang, k).to_owned())
            .to_vec(),
    ];
    rows.extend(
        d.departments
            .iter()
            .filter(|s| s.words().is_some())
            .map(|s| vec![s.lane.clone(), s.gained_words(), s.lost_words()]),
    );
    if rows.len() > 1 {
        let _ = writeln!(out, "\n{}", tr(lang, S::DiffDepartments));
        let _ = write!(out, "{}", super::render_table(&rows));
    }
}

fn print_json(d: &ProcessDiff, lang: Lang, out: &mut dyn Write) {
    let changes: Vec<serde_json::Value> = d
        .changes
        .iter()
        .map(|c| {
            let mut v = serde_json::to_value(c).unwrap_or_default();
            if let Some(map) = v.as_object_mut() {
                map.insert("text".into(), c.words(lang).into());
            }
            v
        })
        .collect();
    let report = serde_json::json!({
        "equal": d.is_empty(),
        "changes": changes,
        "departments": d.departments,
    });
    let _ = writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
}
