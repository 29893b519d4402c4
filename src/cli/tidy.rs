//! `flowcase tidy`: lay a process out again from its flow and save it.

use crate::format::{load_stamped, save, save_over};
use crate::lang::Lang;
use crate::layout::tidy;
use crate::model::apply;
use crate::text::{S, fill, tr};
use std::io::Write;
use std::path::Path;

/// Loads `file`, tidies its layout and saves it to `output` (or over
/// `file`, keeping the old one as `.bak`); 0 on success, 2 on any error
/// (the message on `err`, no file changed). A tidy that moves nothing
/// writes nothing over `file` (so its `.bak` keeps the hand-drawn
/// original), and `file` is not replaced when another program changed it
/// while tidy ran, nor when it is read-only.
pub fn tidy_command(
    file: &Path,
    output: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let (mut process, read) = match load_stamped(file) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return 2;
        }
    };
    let target = output.unwrap_or(file);
    let edit = tidy(&process).edit(&process);
    let changed = edit.is_some();
    let moved = match edit {
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
    let saved = match output {
        Some(output) => save(&process, output),
        None if !changed => {
            let _ = writeln!(
                out,
                "{}",
                fill(lang, S::CliTidyNothing, &[("path", &file.display())])
            );
            return 0;
        }
        None => save_over(&process, file, &read).map(|_| ()),
    };
    if let Err(e) = saved {
        let _ = writeln!(err, "{}: {}", tr(lang, S::CliCannotTidy), e.message(lang));
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
