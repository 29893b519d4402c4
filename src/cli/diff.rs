//! `flowcase diff`: what changed between two versions of a process, and
//! whose responsibility moved; usable as git's external diff driver.

use super::check::CheckFormat;
use crate::import::read_version;
use crate::lang::Lang;
use crate::model::{Carried, Process, ProcessDiff, diff_carried};
use crate::text::{S, fill, tr};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `files` is OLD NEW, or the arguments git gives an external diff driver:
/// seven (path, old file, old hash, old mode, new file, new hash, new
/// mode), or nine after a rename (then the new path and git's note on the
/// rename). Exit 0 when equal, 1 when different, 2 on an error; as git's
/// driver, always 0 once the arguments are git's (git stops on any other
/// code): a version that does not load is reported in the output.
pub fn diff_command(
    files: &[PathBuf],
    format: CheckFormat,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut report = super::report_out::ReportOut::new(out);
    let code = diff_report(files, format, lang, &mut report, err);
    match report.finish() {
        Ok(()) => code,
        Err(e) => {
            let _ = writeln!(err, "{}: {e}", tr(lang, S::CheckWriteFailed));
            2
        }
    }
}

/// `diff_command`, printing onto `out` as it goes.
fn diff_report(
    files: &[PathBuf],
    format: CheckFormat,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let (old, new, git) = match files {
        [old, new] => (old, new, None),
        [path, old, _, _, new, _, _] => (old, new, Some(path.display().to_string())),
        [path, old, _, _, new, _, _, new_path, _] => {
            let renamed = format!("{} → {}", path.display(), new_path.display());
            (old, new, Some(renamed))
        }
        _ => {
            let _ = writeln!(err, "{}", tr(lang, S::CliDiffArgs));
            return 2;
        }
    };
    let read = |path: &Path| -> Result<(Process, Carried), String> {
        if path == Path::new("/dev/null") {
            return Ok((Process::default(), Carried::ALL));
        }
        if crate::format::is_stdin(path) {
            let process = crate::format::load_or_stdin(path).map_err(|e| e.message(lang))?;
            return Ok((process, Carried::ALL));
        }
        read_version(path, lang)
    };
    let versions = match (read(old), read(new)) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(e), _) | (_, Err(e)) => Err(format!("{}: {e}", tr(lang, S::CliCannotDiff))),
    };
    let Some(path) = git else {
        return match versions {
            Ok(((a, held_a), (b, held_b))) => {
                let d = diff_carried(&a, &b, held_a.and(held_b));
                let design = crate::library::design_changes(&a, &b);
                print(&d, &design, format, lang, None, out);
                if d.is_empty() { 0 } else { 1 }
            }
            Err(e) => {
                let _ = writeln!(err, "{e}");
                2
            }
        };
    };
    // git's driver: whatever happens is said in the output, and git goes on.
    match versions {
        Ok(((a, held_a), (b, held_b))) => {
            let d = diff_carried(&a, &b, held_a.and(held_b));
            let design = crate::library::design_changes(&a, &b);
            print(&d, &design, format, lang, Some(&path), out);
        }
        Err(e) => match format {
            CheckFormat::Text => {
                let _ = writeln!(out, "flowcase diff {path}\n{e}");
            }
            CheckFormat::Json => {
                let report = serde_json::json!({ "path": path, "error": e });
                let _ = writeln!(out, "{report:#}");
            }
        },
    }
    0
}

/// The report in `format`; as git's driver, headed by the path (a field
/// of the JSON, so the output stays JSON only).
fn print(
    d: &ProcessDiff,
    design: &[crate::library::DesignChange],
    format: CheckFormat,
    lang: Lang,
    path: Option<&str>,
    out: &mut dyn Write,
) {
    match format {
        CheckFormat::Text => {
            if let Some(path) = path {
                let _ = writeln!(out, "flowcase diff {path}");
            }
            print_text(d, lang, out);
            if !design.is_empty() {
                let _ = writeln!(out, "\n{}", tr(lang, S::DiffDesign));
                for change in design {
                    let _ = writeln!(out, "  {}", change.words(lang));
                }
            }
        }
        CheckFormat::Json => print_json(d, design, lang, path, out),
    }
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

fn print_json(
    d: &ProcessDiff,
    design: &[crate::library::DesignChange],
    lang: Lang,
    path: Option<&str>,
    out: &mut dyn Write,
) {
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
    let mut report = serde_json::json!({
        "equal": d.is_empty(),
        "changes": changes,
        "departments": d.departments,
        "design": design,
    });
    if let (Some(path), Some(map)) = (path, report.as_object_mut()) {
        map.insert("path".into(), path.into());
    }
    let _ = writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
}
