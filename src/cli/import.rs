//! `flowcase import`: a process from a responsibility table (XLSX or CSV)
//! or from a chart drawn in another tool (BPMN 2.0).

use crate::format::save;
use crate::import::{Source, import_chart, import_table};
use crate::lang::Lang;
use crate::text::{S, fill, tr};
use std::io::Write;
use std::path::Path;

/// Imports `table` and saves the process to `output` (a `.ron` file);
/// 0 on success (warnings on `out`), 2 on any error (the message naming
/// the row and column on `err`, nothing written).
pub fn import_command(
    table: &Path,
    output: &Path,
    page: usize,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let cannot = tr(lang, S::CliCannotImport);
    if output.extension().and_then(|e| e.to_str()) != Some("ron") {
        let _ = writeln!(
            err,
            "{cannot}: {}: {}",
            tr(lang, S::CliImportToRon),
            output.display()
        );
        return 2;
    }
    let done = match Source::of(table) {
        Some(Source::Table) => import_table(table)
            .map(|(p, w)| (p, w.iter().map(|w| w.message(lang)).collect::<Vec<_>>())),
        Some(Source::Chart) => import_chart(table, page)
            .map(|i| (i.process, i.notes.iter().map(|n| n.message(lang)).collect())),
        None => {
            let _ = writeln!(
                err,
                "{cannot}: {}: {}",
                tr(lang, S::CliImportType),
                table.display()
            );
            return 2;
        }
    };
    let (mut process, mut warnings) = match done {
        Ok(done) => done,
        Err(e) => {
            let _ = writeln!(err, "{cannot}: {}: {}", e.message(lang), table.display());
            return 2;
        }
    };
    // Written into a library: lanes named by an alias take the department's
    // name.
    let folder = output.parent().filter(|p| !p.as_os_str().is_empty());
    let library = folder
        .and_then(|f| std::fs::canonicalize(f).ok())
        .and_then(|f| {
            if crate::library::Library::is_library(&f) {
                Some(f)
            } else {
                crate::library::Library::around(&f.join("x"))
            }
        })
        .and_then(|root| crate::library::Library::open(&root).ok());
    if let Some(library) = &library {
        let renamed = crate::library::lanes_to_departments(library, &mut process);
        warnings.extend(renamed.iter().map(|(from, to)| {
            fill(
                lang,
                S::ImportLaneIsDepartment,
                &[("from", from), ("to", to)],
            )
        }));
    }
    if let Err(e) = save(&process, output) {
        let _ = writeln!(err, "{cannot}: {e}");
        return 2;
    }
    for line in &warnings {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "{}",
        fill(
            lang,
            S::CliImported,
            &[
                ("steps", &process.steps.len()),
                ("lanes", &process.lanes.len()),
                ("path", &output.display()),
            ]
        )
    );
    0
}
