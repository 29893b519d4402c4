//! `flowcase tidy`: lay a process out again from its flow and save it.

use crate::format::{load, save};
use crate::lang::Lang;
use crate::layout::tidy;
use crate::model::apply;
use crate::text::{S, fill, tr};
use std::io::Write;
use std::path::Path;

/// Loads `file`, tidies its layout and saves it to `output` (or over
/// `file`, keeping the old one as `.bak`); 0 on success, 2 on any error
/// (the message on `err`, no file changed).
pub fn tidy_command(
    file: &Path,
    output: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut process = match load(file) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return 2;
        }
    };
    let target = output.unwrap_or(file);
    let moved = match tidy(&process).edit(&process) {
        Some(edit) => {
            let count = match &edit {
                crate::model::Edit::Batch(edits) => edits
                    .iter()
                    .filter(|e| matches!(e, crate::model::Edit::MoveStep { .. }))
                    .count(),
                _ => 0,
            };
            if let Err(e) = apply(&mut process, edit) {
                let _ = writeln!(
                    err,
                    "{}: {}: {}",
                    tr(lang, S::CliCannotTidy),
                    e.message(lang),
                    file.display()
                );
                return 2;
            }
            count
        }
        None => 0,
    };
    if let Err(e) = save(&process, target) {
        let _ = writeln!(err, "{}: {e}", tr(lang, S::CliCannotTidy));
        return 2;
    }
    let _ = writeln!(
        out,
        "{}",
        fill(
            lang,
            S::CliTidied,
            &[("n", &moved), ("path", &target.display())]
        )
    );
    0
}
