//! `flowcase import`: a process from a responsibility table (XLSX or CSV)
//! or from a chart drawn in another tool (BPMN 2.0).

use crate::format::save;
use crate::import::{Source, import_file};
use crate::lang::Lang;
use crate::library::{Library, number_for, path_for_part};
use crate::model::Process;
use crate::text::{S, fill, tr};
use std::io::Write;
use std::path::{Path, PathBuf};

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
    // Written into a library: lanes named by an alias take the department's
    // name, and sub-processes get entries.
    let library = library_around(output);
    if Source::of(table).is_none() {
        let _ = writeln!(
            err,
            "{cannot}: {}: {}",
            tr(lang, S::CliImportType),
            table.display()
        );
        return 2;
    }
    let done = import_file(table, page).map(|mut i| {
        let number = number_for(library.as_ref(), output, &i.process.overview.number);
        let parts = i.take_sub_processes(&number);
        let notes = crate::import::report_lines(&i, &parts, lang);
        let parts = parts.into_iter().map(|p| p.process).collect();
        (i.process, notes, parts)
    });
    let (mut process, mut warnings, mut parts): (_, _, Vec<Process>) = match done {
        Ok(done) => done,
        Err(e) => {
            let _ = writeln!(err, "{cannot}: {}: {}", e.message(lang), table.display());
            return 2;
        }
    };
    if let Some(library) = &library {
        for p in std::iter::once(&mut process).chain(&mut parts) {
            let renamed = crate::library::lanes_to_departments(library, p);
            warnings.extend(renamed.iter().map(|(from, to)| {
                fill(
                    lang,
                    S::ImportLaneIsDepartment,
                    &[("from", from), ("to", to)],
                )
            }));
        }
    }
    let written = match write_parts(output, &parts, library.as_ref()) {
        Ok(written) => written,
        Err(e) => {
            let _ = writeln!(err, "{cannot}: {}", e.message(lang));
            return 2;
        }
    };
    if let Err(e) = save(&process, output) {
        remove_new(&written);
        let _ = writeln!(err, "{cannot}: {}", e.message(lang));
        return 2;
    }
    for (part, (path, _)) in parts.iter().zip(&written) {
        let ov = &part.overview;
        warnings.push(fill(
            lang,
            S::ImportSubProcessWritten,
            &[
                ("number", &ov.number),
                ("name", &ov.name),
                ("path", &path.display()),
            ],
        ));
    }
    if let Some(library) = &library
        && !parts.is_empty()
    {
        match list_in_library(library, output, &parts, &written) {
            Ok(listed) => warnings.extend(listed.iter().zip(&parts).map(|(listed, part)| {
                let key = if *listed {
                    S::ImportSubProcessListed
                } else {
                    S::ImportSubProcessNotListed
                };
                let ov = &part.overview;
                fill(lang, key, &[("number", &ov.number), ("name", &ov.name)])
            })),
            Err(e) => {
                let _ = writeln!(err, "{cannot}: {}", e.message(lang));
                return 2;
            }
        }
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

/// The library `output` is written into: its folder, or one above it.
fn library_around(output: &Path) -> Option<Library> {
    let folder = output.parent().filter(|p| !p.as_os_str().is_empty());
    let root = folder
        .and_then(|f| std::fs::canonicalize(f).ok())
        .and_then(|f| {
            if Library::is_library(&f) {
                Some(f)
            } else {
                Library::around(&f.join("x"))
            }
        })?;
    Library::open(&root).ok()
}

/// Saves each sub-process beside `output`; the paths written, each with
/// whether the file is new. When one cannot be saved, the new files
/// written before it are removed again.
fn write_parts(
    output: &Path,
    parts: &[Process],
    library: Option<&Library>,
) -> Result<Vec<(PathBuf, bool)>, crate::format::SaveError> {
    let category = library.and_then(|l| {
        let file = relative(&l.root, output)?;
        crate::library::category_for(&l.catalogue, &file).map(|c| c.name.clone())
    });
    let mut written = Vec::new();
    for part in parts {
        let path = path_for_part(output, part, category.as_deref());
        let new = !path.exists();
        if let Err(e) = save(part, &path) {
            remove_new(&written);
            return Err(e);
        }
        written.push((path, new));
    }
    Ok(written)
}

/// Removes the files an import created, when it could not finish.
fn remove_new(written: &[(PathBuf, bool)]) {
    for (path, new) in written {
        if *new {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Lists the sub-processes in the library's catalogue after the main
/// process's entry; whether each was listed.
fn list_in_library(
    library: &Library,
    output: &Path,
    parts: &[Process],
    written: &[(PathBuf, bool)],
) -> Result<Vec<bool>, crate::format::SaveError> {
    let main_file = relative(&library.root, output).unwrap_or_default();
    let files: Vec<(&Process, String)> = parts
        .iter()
        .zip(written)
        .filter_map(|(p, (path, _))| Some((p, relative(&library.root, path)?)))
        .collect();
    let mut catalogue = library.catalogue.clone();
    let listed = crate::library::list_parts(&mut catalogue, &main_file, &files);
    if listed.contains(&true) {
        let path = library.root.join(crate::format::CATALOGUE_FILE);
        crate::format::save_catalogue(&catalogue, &path, &mut crate::format::OsFs)?;
    }
    Ok(listed)
}

/// `path` relative to the library's folder, with `/` between its parts.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let folder = std::fs::canonicalize(path.parent()?).ok()?;
    let inside = folder.strip_prefix(root).ok()?;
    let file = inside.join(path.file_name()?);
    let parts: Vec<String> = file
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}
