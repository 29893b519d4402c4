//! Changes that reach across a library's files — renaming a department,
//! renumbering a process — planned as new bytes for each file they touch
//! and applied file by file, each replaced atomically; when one fails, the
//! files already replaced get their old bytes back, so every file is old
//! or new and never torn.

use super::{EntryState, Library};
use crate::format::{
    CATALOGUE_FILE, Replacing, SaveError, SaveFs, Stamp, decode, decode_catalogue, encode,
    encode_catalogue, replace_file, replace_file_as,
};
use crate::model::catalogue::{exit_targets, number_key};
use crate::model::{Process, StepKind};
use std::path::PathBuf;

/// One file's old and new bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChange {
    pub path: PathBuf,
    pub old: Vec<u8>,
    pub new: Vec<u8>,
}

/// Why a change could not be planned or applied.
#[derive(Debug)]
pub enum RewriteError {
    /// A file that cannot be read or encoded (its message, then the path).
    Read(String, PathBuf),
    /// Writing `failed` went wrong; the files before it were put back
    /// (`restored`: whether all of them could be).
    Write {
        failed: Box<SaveError>,
        restored: bool,
    },
    /// The new name or number is empty or already taken.
    Taken(String),
    /// A file changed on disk since the library was read (or does not
    /// load): the change is not made over it.
    Changed(PathBuf),
    /// The catalogue has no department of this name.
    NoDepartment(String),
}

/// Where a department's old name still stands after a rename, in text
/// the rename leaves as its author wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The entry whose process mentions it.
    pub entry: usize,
    pub field: MentionField,
}

/// The free text a mention stands in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MentionField {
    /// A step's title, 要点 or outputs (the step by its title).
    Step(String),
    /// A connector's label.
    Label,
    /// The 概要's 定义, 目的 or 实施要点.
    Overview,
}

/// Renames a department: the catalogue's department (its old name kept as
/// an alias) and owners, every lane of that name, every process owner of
/// that name and the department as a whole item of each overview's
/// 参与流程的部门 (`…、大区和经销商`, never inside another word).
pub fn rename_department(
    library: &Library,
    old: &str,
    new: &str,
) -> Result<Vec<FileChange>, RewriteError> {
    let (old, new) = (old.trim(), new.trim());
    let names = library.catalogue.department_names();
    // The new name may be the department's own alias, never another's.
    let taken = names.get(new).is_some_and(|d| *d != old) || new == old;
    if new.is_empty() || taken {
        return Err(RewriteError::Taken(new.to_owned()));
    }
    if !library.catalogue.departments.iter().any(|d| d.name == old) {
        return Err(RewriteError::NoDepartment(old.to_owned()));
    }
    let mut catalogue = library.catalogue.clone();
    for d in catalogue.departments.iter_mut().filter(|d| d.name == old) {
        d.name = new.to_owned();
        d.aliases.retain(|a| a.trim() != new);
        if !d.aliases.iter().any(|a| a.trim() == old) {
            d.aliases.push(old.to_owned());
        }
    }
    for e in catalogue.entries.iter_mut().filter(|e| e.owner == old) {
        e.owner = new.to_owned();
    }
    let mut changes = catalogue_change(library, &catalogue)?;
    changes.extend(process_changes(library, |p| {
        for lane in p.lanes.iter_mut().filter(|l| l.name.trim() == old) {
            lane.name = new.to_owned();
        }
        if p.overview.owner.trim() == old {
            p.overview.owner = new.to_owned();
        }
        p.overview.participants = replace_item(&p.overview.participants, old, new);
    })?);
    Ok(changes)
}

/// Where `old` still stands in the drawn processes' free text (titles,
/// 要点, outputs, labels, 定义, 目的, 实施要点), which a rename leaves as
/// written; one mention per step, label or overview.
pub fn department_mentions(library: &Library, old: &str) -> Vec<Mention> {
    let old = old.trim();
    let mut found = Vec::new();
    if old.is_empty() {
        return found;
    }
    for (entry, state) in library.states.iter().enumerate() {
        let Some(p) = state.process() else {
            continue;
        };
        let o = &p.overview;
        let overview = [&o.definition, &o.purpose].into_iter().chain(&o.key_points);
        if overview.into_iter().any(|t| t.contains(old)) {
            found.push(Mention {
                entry,
                field: MentionField::Overview,
            });
        }
        for step in p.steps.values() {
            let texts = [&step.title, &step.description]
                .into_iter()
                .chain(&step.outputs);
            if texts.into_iter().any(|t| t.contains(old)) {
                found.push(Mention {
                    entry,
                    field: MentionField::Step(step.title.clone()),
                });
            }
        }
        for c in p.connectors.values() {
            if c.label.as_deref().is_some_and(|l| l.contains(old)) {
                found.push(Mention {
                    entry,
                    field: MentionField::Label,
                });
            }
        }
    }
    found
}

/// `list` with each item that is exactly `old` replaced by `new`: an item
/// stands between the start or end and the separators a list of
/// departments is written with (、,，;；/ 和 及 与 or space).
fn replace_item(list: &str, old: &str, new: &str) -> String {
    let separator = |c: char| "、,，;；/ 和及与".contains(c) || c.is_whitespace();
    let mut out = String::with_capacity(list.len());
    let mut rest = list;
    while let Some(at) = rest.find(old) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + old.len()..].chars().next();
        out.push_str(&rest[..at]);
        let whole = before.is_none_or(separator) && after.is_none_or(separator);
        out.push_str(if whole { new } else { old });
        rest = &rest[at + old.len()..];
    }
    out.push_str(rest);
    out
}

/// Gives entry `index` a new number: the catalogue, the process's own
/// 流程编号, and every exit and 相关流程 that names the old number.
pub fn renumber_entry(
    library: &Library,
    index: usize,
    new: &str,
) -> Result<Vec<FileChange>, RewriteError> {
    let new = new.trim();
    let entries = &library.catalogue.entries;
    let Some(entry) = entries.get(index) else {
        return Err(RewriteError::Taken(new.to_owned()));
    };
    let old_key = number_key(&entry.number).to_owned();
    let new_key = number_key(new).to_owned();
    let taken = entries
        .iter()
        .enumerate()
        .any(|(i, e)| i != index && number_key(&e.number) == new_key);
    if new.is_empty() || taken {
        return Err(RewriteError::Taken(new.to_owned()));
    }
    let mut catalogue = library.catalogue.clone();
    catalogue.entries[index].number = new.to_owned();
    let mut changes = catalogue_change(library, &catalogue)?;
    changes.extend(process_changes(library, |p| {
        if number_key(&p.overview.number) == old_key {
            p.overview.number = replace_token(&p.overview.number, &old_key, &new_key);
        }
        for step in p.steps.values_mut() {
            if let StepKind::ProcessExit { number, .. } = &mut step.kind
                && exit_targets(number)
                    .iter()
                    .any(|t| number_key(t) == old_key)
            {
                *number = replace_token(number, &old_key, &new_key);
            }
        }
        for related in &mut p.overview.related_processes {
            *related = replace_token(related, &old_key, &new_key);
        }
    })?);
    Ok(changes)
}

/// Writes every change, each file atomically. When one fails, the files
/// already written get their old bytes back, newest first.
pub fn apply_changes(changes: &[FileChange], fs: &mut dyn SaveFs) -> Result<(), RewriteError> {
    for (i, change) in changes.iter().enumerate() {
        // Not over a file another program changed since it was planned.
        let planned = Stamp::of_bytes(&change.old);
        let how = Replacing {
            unchanged_since: Some(&planned),
            ..Replacing::SAVE
        };
        if let Err(failed) = replace_file_as(&change.path, &change.new, &how, fs) {
            // Put back without a new .bak: the .bak keeps the file from
            // before the change was ever tried.
            let restored = changes[..i]
                .iter()
                .rev()
                .all(|done| replace_file(&done.path, &done.old, false, fs).is_ok());
            return Err(RewriteError::Write {
                failed: Box::new(failed),
                restored,
            });
        }
    }
    Ok(())
}

/// The catalogue's change, when `catalogue` differs from the library's.
pub(super) fn catalogue_change(
    library: &Library,
    catalogue: &super::Catalogue,
) -> Result<Vec<FileChange>, RewriteError> {
    let path = library.root.join(CATALOGUE_FILE);
    if *catalogue == library.catalogue {
        return Ok(Vec::new());
    }
    let new = encode_catalogue(catalogue)
        .map_err(|e| RewriteError::Read(e.to_string(), path.clone()))?
        .into_bytes();
    let old = std::fs::read(&path).map_err(|e| RewriteError::Read(e.to_string(), path.clone()))?;
    if decode_catalogue(&old).ok().as_ref() != Some(&library.catalogue) {
        return Err(RewriteError::Changed(path));
    }
    Ok(vec![FileChange { path, old, new }])
}

/// The changes `change` makes to the drawn processes, for those it
/// changes at all (other files are not written).
pub(super) fn process_changes(
    library: &Library,
    change: impl Fn(&mut Process),
) -> Result<Vec<FileChange>, RewriteError> {
    let mut changes = Vec::new();
    for (entry, state) in library.catalogue.entries.iter().zip(&library.states) {
        if let (EntryState::Broken(_), Some(file)) = (state, &entry.file) {
            // A file that does not load cannot be rewritten; better no
            // change than one that misses it.
            return Err(RewriteError::Changed(library.root.join(file)));
        }
        let (EntryState::Drawn(process), Some(file)) = (state, &entry.file) else {
            continue;
        };
        let mut changed: Process = (**process).clone();
        change(&mut changed);
        if changed == **process {
            continue;
        }
        let path = library.root.join(file);
        let new = encode(&changed)
            .map_err(|e| RewriteError::Read(e.to_string(), path.clone()))?
            .into_bytes();
        let old =
            std::fs::read(&path).map_err(|e| RewriteError::Read(e.to_string(), path.clone()))?;
        if decode(&old).ok().as_ref() != Some(&**process) {
            return Err(RewriteError::Changed(path));
        }
        changes.push(FileChange { path, old, new });
    }
    Ok(changes)
}

/// `text` with each occurrence of the number `old` that stands alone (not
/// part of a longer number: `1.1` in `1.10` is not) replaced by `new`.
fn replace_token(text: &str, old: &str, new: &str) -> String {
    let is_number_char = |c: char| c.is_ascii_digit() || c == '.';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(old) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + old.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(is_number_char) || after.is_some_and(is_number_char) {
            out.push_str(old);
        } else {
            out.push_str(new);
        }
        rest = &rest[at + old.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{replace_item, replace_token};

    #[test]
    fn a_department_is_replaced_only_as_a_whole_item_of_a_list() {
        let list = "特殊销售分部、商务行动与方法分部、大区和经销商";
        assert_eq!(
            replace_item(list, "大区", "区域"),
            "特殊销售分部、商务行动与方法分部、区域和经销商"
        );
        assert_eq!(
            replace_item("华东大区、大区", "大区", "区域"),
            "华东大区、区域"
        );
        assert_eq!(replace_item("大区", "大区", "区域"), "区域");
        assert_eq!(replace_item("大区经理", "大区", "区域"), "大区经理");
    }

    #[test]
    fn a_number_is_replaced_only_where_it_stands_alone() {
        assert_eq!(replace_token("1.12、1.13", "1.12", "1.22"), "1.22、1.13");
        assert_eq!(replace_token("销售1.1", "1.1", "1.30"), "销售1.30");
        assert_eq!(
            replace_token("1.10 关键客户管理", "1.1", "1.30"),
            "1.10 关键客户管理"
        );
    }
}
