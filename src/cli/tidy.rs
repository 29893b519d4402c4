//! `flowcase tidy`: lay a process out again from its flow and save it.

use crate::format::{is_stdin, load_or_stdin, load_stamped, save, save_over};
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
    // From standard input, the tidied process goes to OUT or to standard
    // output.
    if is_stdin(file) {
        let process = match load_or_stdin(file) {
            Ok(p) => p,
            Err(e) => {
                let _ = writeln!(err, "{}", e.message(lang));
                return 2;
            }
        };
        return tidy_piped(process, output, lang, out, err);
    }
    let (mut process, read) = match load_stamped(file) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "{}", e.message(lang));
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

/// Tidies a process read from standard input into `output`, or onto `out`
/// as a `.ron` text when there is none.
fn tidy_piped(
    mut process: crate::model::Process,
    output: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let cannot = tr(lang, S::CliCannotTidy);
    if let Some(edit) = tidy(&process).edit(&process)
        && let Err(e) = apply(&mut process, edit)
    {
        let _ = writeln!(err, "{cannot}: {}", e.message(lang));
        return 2;
    }
    let written = match output {
        Some(output) => save(&process, output).map_err(|e| e.message(lang)),
        None => crate::format::encode(&process)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                out.write_all(text.as_bytes())
                    .and_then(|()| out.flush())
                    .map_err(|e| format!("{}: {e}", tr(lang, S::CheckWriteFailed)))
            }),
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "{cannot}: {e}");
            2
        }
    }
}
