//! Where new process files go: a name for a file the file system accepts,
//! and for the sub-processes an import brings, a file beside the main one
//! and (in a library) an entry after the main one's.

use super::{Catalogue, Category, Entry, Library, number_key};
use crate::model::Process;
use std::path::{Path, PathBuf};

/// `stem.ron`, without the characters file systems refuse.
pub fn file_name(stem: &str) -> String {
    let safe: String = stem
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{}.ron", safe.trim())
}

/// The number of the process saved as `output`: its entry's in the
/// library, else the number its file name starts with (`销售1.20 订单.ron`
/// → `销售1.20`), else `own` (what the imported file said).
pub fn number_for(library: Option<&Library>, output: &Path, own: &str) -> String {
    let file = output.file_name().map(|f| f.to_string_lossy().into_owned());
    let listed = library.and_then(|l| entry_of_file(&l.catalogue, file.as_deref()?));
    if let Some(entry) = listed {
        return entry.number.clone();
    }
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let first = stem.split_whitespace().next().unwrap_or("");
    let key = number_key(first);
    let numbered = key.chars().any(|c| c.is_ascii_digit())
        && key.chars().all(|c| c.is_ascii_digit() || c == '.');
    if numbered {
        return first.to_owned();
    }
    own.trim().to_owned()
}

/// The entry whose file is `file` (by name, in the library's folder).
fn entry_of_file<'c>(catalogue: &'c Catalogue, file: &str) -> Option<&'c Entry> {
    catalogue
        .entries
        .iter()
        .find(|e| e.file.as_deref().map(|f| f.trim_start_matches("./")) == Some(file))
}

/// A path beside `main` for the sub-process `part`: in a library its
/// files' pattern, `{category}{number} {name}.ron` (`销售1.20.1 维修.ron`),
/// elsewhere `{main's name} - {name}.ron`. A file already there is only reused when it holds the same
/// process number and name (an earlier import of the same chart); else
/// ` (2)`, ` (3)` … is added.
pub fn path_for_part(main: &Path, part: &Process, category: Option<&str>) -> PathBuf {
    let folder = main.parent().unwrap_or(Path::new(""));
    let ov = &part.overview;
    let stem = if let Some(category) = category {
        format!("{category}{} {}", number_key(&ov.number), ov.name)
    } else {
        let main_stem = main
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("{main_stem} - {}", ov.name)
    };
    let ours = |path: &Path| {
        crate::format::load(path)
            .is_ok_and(|p| p.overview.number == ov.number && p.overview.name == ov.name)
    };
    (1..=100)
        .map(|k| {
            let stem = if k == 1 {
                stem.clone()
            } else {
                format!("{stem} ({k})")
            };
            folder.join(file_name(&stem))
        })
        .find(|path| !path.exists() || ours(path))
        .unwrap_or_else(|| folder.join(file_name(&format!("{stem} ({})", std::process::id()))))
}

/// The category new entries beside the main file's go in: its entry's,
/// else the first.
pub fn category_for<'c>(catalogue: &'c Catalogue, main_file: &str) -> Option<&'c Category> {
    let id = entry_of_file(catalogue, main_file).map(|e| e.category);
    let by_id = id.and_then(|id| catalogue.categories.iter().find(|c| c.id == id));
    by_id.or_else(|| catalogue.categories.first())
}

/// Lists each sub-process (number, name, file) in the catalogue after the
/// main process's entry (in its category, with the department of its
/// first lane as owner when that is a department); one whose number is
/// taken is left out. Whether each was listed, in order.
pub fn list_parts(
    catalogue: &mut Catalogue,
    main_file: &str,
    parts: &[(&Process, String)],
) -> Vec<bool> {
    let main = entry_of_file(catalogue, main_file);
    let category = category_for(catalogue, main_file).map(|c| c.id);
    let mut after = catalogue
        .entries
        .iter()
        .position(|e| Some(e) == main)
        .map_or(catalogue.entries.len(), |i| i + 1);
    let departments = catalogue.department_names();
    let owners: Vec<String> = parts
        .iter()
        .map(|(p, _)| {
            let lane = p.lanes.first().map_or("", |l| l.name.trim());
            departments
                .get(lane)
                .map(|d| (*d).to_owned())
                .unwrap_or_default()
        })
        .collect();
    let mut listed = Vec::new();
    for ((part, file), owner) in parts.iter().zip(owners) {
        let number = number_key(&part.overview.number);
        let taken = catalogue.entry_by_number(number).is_some();
        let Some(category) = category.filter(|_| !taken) else {
            listed.push(false);
            continue;
        };
        let entry = Entry {
            number: number.to_owned(),
            name: part.overview.name.clone(),
            category,
            owner,
            file: Some(file.clone()),
        };
        let mut tried = catalogue.clone();
        tried.entries.insert(after, entry);
        let fits = tried.validate().is_ok();
        if fits {
            *catalogue = tried;
            after += 1;
        }
        listed.push(fits);
    }
    listed
}
