//! `flowcase export`: load a process and write it in another format.

use crate::export::{ExportOptions, export_file_compared};
use crate::format::load_or_stdin;
use crate::text::{S, tr};
use std::io::Write;
use std::path::Path;

/// Loads `file` and exports it to `output` (a deck ending with what
/// changed since `compare`, when given); 0 on success, 2 on any error (the
/// message on `err`, the target untouched).
pub fn export_command(
    file: &Path,
    output: &Path,
    compare: Option<&Path>,
    options: &ExportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let process = match load_or_stdin(file) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "{}", e.message(options.lang));
            return 2;
        }
    };
    // The older version may be a table or a chart, read as `flowcase diff`
    // reads it.
    let read_old = |path| crate::import::read_version(path, options.lang).map(|(p, _)| p);
    let old = match compare.map(read_old).transpose() {
        Ok(old) => old,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return 2;
        }
    };
    let sources: Vec<&Path> = std::iter::once(file).chain(compare).collect();
    match export_file_compared(&process, old.as_ref(), &sources, output, options) {
        Ok(_) => {
            let _ = writeln!(
                out,
                "{} {}",
                tr(options.lang, S::CliExported),
                output.display()
            );
            0
        }
        // A write error names the path itself; others get it appended.
        Err(e @ crate::export::ExportError::Write(_)) => {
            let message = e.message(options.lang);
            let _ = writeln!(err, "{}: {message}", tr(options.lang, S::CliCannotExport));
            2
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "{}: {}: {}",
                tr(options.lang, S::CliCannotExport),
                e.message(options.lang),
                output.display()
            );
            2
        }
    }
}
