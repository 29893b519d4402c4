//! `flowcase library check` and `flowcase library duties`: a library's
//! 流程清单 with each process's status and the library's checks, and each
//! department's responsibilities, as text or JSON.

use super::check::CheckFormat;
use super::text_table::render_table;
use crate::lang::Lang;
use crate::library::{EntryState, Library, LibraryProblem, check_library, duties};
use crate::model::{Analysis, RoleSet};
use crate::text::{S, fill, tr};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

/// Checks the library at `dir`: 0 when the catalogue and every process
/// file load (warnings or not), 2 when one does not.
pub fn library_check(
    dir: &Path,
    format: CheckFormat,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some(library) = open_library(dir, lang, err) else {
        return 2;
    };
    let problems = check_library(&library);
    let report = match format {
        CheckFormat::Text => check_text(&library, &problems, lang),
        CheckFormat::Json => pretty(&check_json(&library, &problems, lang)),
    };
    let broken = library
        .states
        .iter()
        .any(|s| matches!(s, EntryState::Broken(_)));
    finish(out, err, &report, lang, if broken { 2 } else { 0 })
}

/// Prints what each department does; `department` limits it to one (by
/// name or alias) and `letters` to the steps holding one of them.
pub fn library_duties(
    dir: &Path,
    department: Option<&str>,
    letters: &str,
    format: CheckFormat,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let letters = match RoleSet::parse(letters) {
        Ok(l) => l,
        Err(_) => {
            let _ = writeln!(
                err,
                "{}",
                fill(lang, S::LibBadLetters, &[("letters", &letters)])
            );
            return 2;
        }
    };
    let Some(library) = open_library(dir, lang, err) else {
        return 2;
    };
    let wanted = department.map(|d| {
        let names = library.catalogue.department_names();
        names
            .get(d.trim())
            .map_or(d.trim().to_owned(), |n| (*n).to_owned())
    });
    let all = duties(&library);
    let chosen: Vec<_> = all
        .iter()
        .filter(|d| wanted.as_ref().is_none_or(|w| *w == d.department))
        .collect();
    if let Some(w) = &wanted
        && chosen.is_empty()
    {
        let _ = writeln!(
            err,
            "{}",
            fill(lang, S::LibNoSuchDepartment, &[("name", w)])
        );
        return 2;
    }
    let entry = |i: usize| &library.catalogue.entries[i];
    let report = match format {
        CheckFormat::Text => {
            let mut text = String::new();
            for d in &chosen {
                text.push_str(&format!("{}\n", d.department));
                let mut rows = vec![vec![
                    tr(lang, S::Number).to_owned(),
                    tr(lang, S::LibProcess).to_owned(),
                    tr(lang, S::LibStepNo).to_owned(),
                    tr(lang, S::TableMainStep).to_owned(),
                    tr(lang, S::LibLetters).to_owned(),
                ]];
                for duty in d.with_letters(letters) {
                    let e = entry(duty.entry);
                    rows.push(vec![
                        e.number.clone(),
                        e.name.clone(),
                        duty.number.to_string(),
                        duty.title.clone(),
                        duty.letters.to_string(),
                    ]);
                }
                text.push_str(&render_table(&rows));
                text.push('\n');
            }
            text
        }
        CheckFormat::Json => {
            let departments: Vec<Value> = chosen
                .iter()
                .map(|d| {
                    let duties: Vec<Value> = d
                        .with_letters(letters)
                        .into_iter()
                        .map(|duty| {
                            json!({
                                "process": entry(duty.entry).number,
                                "process_name": entry(duty.entry).name,
                                "step": duty.number,
                                "title": duty.title,
                                "letters": duty.letters.to_string(),
                                "key_points": duty.key_points,
                                "outputs": duty.outputs,
                            })
                        })
                        .collect();
                    json!({ "department": d.department, "duties": duties })
                })
                .collect();
            pretty(&json!({ "departments": departments }))
        }
    };
    say_left_out(&library, lang, err);
    finish(out, err, &report, lang, 0)
}

/// One line on `err` per process a deck or the duties leave out.
fn say_left_out(library: &crate::library::Library, lang: Lang, err: &mut dyn Write) {
    for line in crate::text::left_out_lines(library, lang) {
        let _ = writeln!(err, "{line}");
    }
}

/// Writes the library's deck (PDF) or duties (XLSX) to `output`.
pub fn library_export(
    dir: &Path,
    output: &Path,
    size: crate::export::PageSize,
    with_duties: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some(library) = open_library(dir, lang, err) else {
        return 2;
    };
    let deck = crate::export::LibraryDeck {
        size,
        date: crate::export::today(),
        lang,
        duties: with_duties,
    };
    match crate::export::export_library(&library, output, &deck) {
        Ok(_) => {
            say_left_out(&library, lang, err);
            finish(out, err, &format!("{}\n", output.display()), lang, 0)
        }
        Err(e) => {
            let _ = writeln!(err, "{}: {}", tr(lang, S::CliCannotExport), e.message(lang));
            2
        }
    }
}

/// Renames a department across the library, all files or none; prints
/// the files changed and the mentions left as written.
pub fn rename_department_command(
    dir: &Path,
    old: &str,
    new: &str,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some(library) = open_library(dir, lang, err) else {
        return 2;
    };
    let applied = crate::library::rename_department(&library, old, new).and_then(|changes| {
        crate::library::apply_changes(&changes, &mut crate::format::OsFs).map(|()| changes)
    });
    let changes = match applied {
        Ok(changes) => changes,
        Err(e) => {
            let _ = writeln!(err, "{}", e.message(lang));
            return 2;
        }
    };
    let mut report = String::new();
    for change in &changes {
        report.push_str(&format!("{}\n", change.path.display()));
    }
    let mentions = crate::library::department_mentions(&library, old);
    if !mentions.is_empty() {
        report.push_str(&crate::text::mentions_left(&library, &mentions, lang));
        report.push('\n');
        for m in &mentions {
            report.push_str(&format!("  {}\n", m.words(&library, lang)));
        }
    }
    finish(out, err, &report, lang, 0)
}

/// Writes a synthetic library of `processes` processes into the folder
/// `dir` (made when missing).
pub fn generate_library(processes: usize, seed: u64, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{e}: {}", dir.display()))?;
    let (catalogue, files) = crate::library::synthetic_library(processes, seed);
    for (file, process) in &files {
        crate::format::save(process, &dir.join(file)).map_err(|e| e.to_string())?;
    }
    let path = dir.join(crate::format::CATALOGUE_FILE);
    crate::format::save_catalogue(&catalogue, &path, &mut crate::format::OsFs)
        .map_err(|e| e.to_string())
}

/// The library at `dir`, or its error written to `err`.
pub(super) fn open_library(dir: &Path, lang: Lang, err: &mut dyn Write) -> Option<Library> {
    match Library::open(dir) {
        Ok(l) => Some(l),
        Err(e) => {
            let _ = writeln!(err, "{}", e.message(lang));
            None
        }
    }
}

/// Writes the report; a write that fails makes the exit 2.
fn finish(out: &mut dyn Write, err: &mut dyn Write, report: &str, lang: Lang, code: i32) -> i32 {
    match write!(out, "{report}").and_then(|()| out.flush()) {
        Ok(()) => code,
        Err(e) => {
            let _ = writeln!(err, "{}: {e}", tr(lang, S::CheckWriteFailed));
            2
        }
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned()) + "\n"
}

/// An entry's status as a word.
fn status(state: &EntryState, lang: Lang) -> String {
    match state {
        EntryState::NotDrawn => tr(lang, S::LibNotDrawn).to_owned(),
        EntryState::Missing(_) => tr(lang, S::LibFileMissing).to_owned(),
        EntryState::Broken(_) => tr(lang, S::LibFileBroken).to_owned(),
        EntryState::Drawn(process) => {
            let n = Analysis::of(process).warnings.len();
            crate::text::drawn_status(lang, n, process.conflicts.len())
        }
    }
}

fn status_code(state: &EntryState) -> &'static str {
    match state {
        EntryState::NotDrawn => "not_drawn",
        EntryState::Missing(_) => "missing",
        EntryState::Broken(_) => "broken",
        EntryState::Drawn(_) => "drawn",
    }
}

fn check_text(library: &Library, problems: &[LibraryProblem], lang: Lang) -> String {
    let c = &library.catalogue;
    let mut out = format!("{}  ({})\n", c.title, library.root.display());
    let mut rows = vec![vec![
        tr(lang, S::LibCategory).to_owned(),
        tr(lang, S::Number).to_owned(),
        tr(lang, S::Name).to_owned(),
        tr(lang, S::Owner).to_owned(),
        tr(lang, S::LibStatus).to_owned(),
    ]];
    for (category, entries) in c.by_category() {
        for (k, (index, e)) in entries.into_iter().enumerate() {
            let shown = if k == 0 {
                category.name.clone()
            } else {
                String::new()
            };
            let state = library
                .states
                .get(index)
                .map(|s| status(s, lang))
                .unwrap_or_default();
            rows.push(vec![
                shown,
                e.number.clone(),
                e.name.clone(),
                e.owner.clone(),
                state,
            ]);
        }
    }
    out.push_str(&render_table(&rows));
    let drawn = library.drawn().count();
    let values: [(&str, &dyn std::fmt::Display); 2] = [("n", &c.entries.len()), ("drawn", &drawn)];
    out.push_str(&format!("\n{}\n", fill(lang, S::LibSummary, &values)));
    if problems.is_empty() {
        out.push_str(&format!("{}\n", tr(lang, S::LibNoProblems)));
    } else {
        let n = problems.len();
        out.push_str(&format!("{}\n", fill(lang, S::CheckWarnings, &[("n", &n)])));
        for p in problems {
            out.push_str(&format!("  ! {}\n", p.message(library, lang)));
        }
    }
    out
}

fn check_json(library: &Library, problems: &[LibraryProblem], lang: Lang) -> Value {
    let c = &library.catalogue;
    let category = |id: u32| {
        c.categories
            .iter()
            .find(|k| k.id == id)
            .map(|k| k.name.clone())
    };
    let entries: Vec<Value> = c
        .entries
        .iter()
        .zip(&library.states)
        .map(|(e, state)| {
            let warnings = state.process().map(|p| Analysis::of(p).warnings.len());
            json!({
                "category": category(e.category),
                "number": e.number,
                "name": e.name,
                "owner": e.owner,
                "file": e.file,
                "status": status_code(state),
                "warnings": warnings,
            })
        })
        .collect();
    let problems: Vec<Value> = problems
        .iter()
        .map(|p| json!({ "code": problem_code(p), "message": p.message(library, lang) }))
        .collect();
    json!({
        "title": c.title,
        "path": library.root.display().to_string(),
        "entries": entries,
        "problems": problems,
    })
}

fn problem_code(p: &LibraryProblem) -> &'static str {
    match p {
        LibraryProblem::BrokenLink { .. } => "broken_link",
        LibraryProblem::MissingFile { .. } => "missing_file",
        LibraryProblem::UnreadableFile { .. } => "unreadable_file",
        LibraryProblem::DuplicateNumber { .. } => "duplicate_number",
        LibraryProblem::UnknownDepartment { .. } => "unknown_department",
    }
}

/// Why a scheme definition file cannot be used.
pub enum DefinitionError {
    Read(String),
    Syntax(String),
    Refused(crate::model::scheme::CustomError),
}

impl DefinitionError {
    fn message(&self, lang: Lang) -> String {
        match self {
            DefinitionError::Read(e) | DefinitionError::Syntax(e) => e.clone(),
            DefinitionError::Refused(e) => e.message(lang),
        }
    }
}

/// The scheme a `.ron` file defines (see the README's schemes section).
fn read_definition(path: &Path) -> Result<crate::model::scheme::SchemeName, DefinitionError> {
    use crate::model::scheme::{Definition, define};
    let bytes =
        crate::format::read_limited(path).map_err(|e| DefinitionError::Read(e.to_string()))?;
    // Read as process files are: a byte-order mark skipped, `Some` implied.
    let text =
        crate::format::checked_text(&bytes).map_err(|e| DefinitionError::Syntax(e.to_string()))?;
    let definition: Definition = crate::format::ron_options()
        .from_str(text)
        .map_err(|e| DefinitionError::Syntax(e.to_string()))?;
    define(&definition).map_err(DefinitionError::Refused)
}

/// Changes the library's role scheme, all files or none.
pub fn scheme_command(
    dir: &Path,
    name: &str,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    use crate::model::scheme::SchemeName;
    let defined = std::path::Path::new(name);
    let to = if name.ends_with(".ron") {
        match read_definition(defined) {
            Ok(to) => Some(to),
            Err(e) => {
                let path = defined.display();
                let said = fill(lang, S::SchemeDefinitionBad, &[("error", &e.message(lang))]);
                let _ = writeln!(err, "{said}: {path}");
                return 2;
            }
        }
    } else {
        SchemeName::parse(name)
    };
    let Some(to) = to else {
        let names: Vec<&str> = SchemeName::ALL.iter().map(|s| s.code()).collect();
        let names = names.join("、");
        let _ = writeln!(
            err,
            "{}",
            fill(
                lang,
                S::SchemeUnknown,
                &[("name", &name), ("names", &names)]
            )
        );
        return 2;
    };
    let Some(library) = open_library(dir, lang, err) else {
        return 2;
    };
    let changes = match crate::library::change_scheme(&library, to) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(err, "{}", e.message(lang));
            return 2;
        }
    };
    if changes.is_empty() {
        return finish(
            out,
            err,
            &format!(
                "{}\n",
                fill(lang, S::SchemeAlready, &[("scheme", &to.code())])
            ),
            lang,
            0,
        );
    }
    if let Err(e) = crate::library::apply_changes(&changes, &mut crate::format::OsFs) {
        let _ = writeln!(err, "{}", e.message(lang));
        return 2;
    }
    let n = changes.len();
    let report = format!(
        "{}\n",
        fill(lang, S::SchemeChanged, &[("scheme", &to.code()), ("n", &n)])
    );
    finish(out, err, &report, lang, 0)
}
