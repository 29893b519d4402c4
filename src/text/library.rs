//! The words of the process library: catalogue errors and library checks.

use super::{S, fill, tr};
use crate::lang::Lang;
use crate::library::{
    CatalogueCount, CatalogueError, CatalogueText, EntryState, Library, LibraryProblem, Mention,
    MentionField, RewriteError,
};

impl CatalogueError {
    /// The error as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CatalogueError::DuplicateCategory(id) => {
                fill(lang, S::CatalogueDuplicateCategory, &[("category", id)])
            }
            CatalogueError::UnknownCategory { entry, category } => fill(
                lang,
                S::CatalogueUnknownCategory,
                &[("entry", entry), ("category", category)],
            ),
            CatalogueError::EmptyNumber { name } => {
                fill(lang, S::CatalogueEmptyNumber, &[("name", name)])
            }
            CatalogueError::FileOutside { entry, file } => fill(
                lang,
                S::CatalogueFileOutside,
                &[("entry", entry), ("file", file)],
            ),
            CatalogueError::AliasTaken {
                alias,
                department,
                other,
            } => fill(
                lang,
                S::CatalogueAliasTaken,
                &[
                    ("alias", alias),
                    ("department", department),
                    ("other", other),
                ],
            ),
            CatalogueError::TooMany { what, found, limit } => {
                let what = super::tr(lang, count_key(*what));
                let values: [(&str, &dyn std::fmt::Display); 3] =
                    [("what", &what), ("found", found), ("limit", limit)];
                fill(lang, S::CatalogueTooMany, &values)
            }
            CatalogueError::TooLong { what, at, limit } => {
                let what = super::tr(lang, text_key(*what));
                let values: [(&str, &dyn std::fmt::Display); 3] =
                    [("what", &what), ("at", at), ("limit", limit)];
                fill(lang, S::CatalogueTooLong, &values)
            }
        }
    }
}

fn count_key(what: CatalogueCount) -> S {
    match what {
        CatalogueCount::Entries => S::CountEntries,
        CatalogueCount::Categories => S::CountCategories,
        CatalogueCount::Departments => S::CountDepartments,
        CatalogueCount::Aliases => S::CountAliases,
    }
}

fn text_key(what: CatalogueText) -> S {
    match what {
        CatalogueText::Title => S::TextLibraryTitle,
        CatalogueText::CategoryName => S::TextCategoryName,
        CatalogueText::EntryNumber => S::TextEntryNumber,
        CatalogueText::EntryName => S::TextEntryName,
        CatalogueText::EntryOwner => S::TextEntryOwner,
        CatalogueText::EntryFile => S::TextEntryFile,
        CatalogueText::DepartmentName => S::TextDepartmentName,
        CatalogueText::Alias => S::TextAlias,
    }
}

impl RewriteError {
    /// A rewrite's failure as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RewriteError::Taken(name) => fill(lang, S::LibRenameTaken, &[("name", name)]),
            RewriteError::NoDepartment(name) => {
                fill(lang, S::LibNoSuchDepartment, &[("name", name)])
            }
            RewriteError::Changed(path) => {
                fill(lang, S::LibRenameChanged, &[("path", &path.display())])
            }
            RewriteError::Read(why, path) => {
                let values: [(&str, &dyn std::fmt::Display); 2] =
                    [("error", why), ("path", &path.display())];
                fill(lang, S::LibRenameRead, &values)
            }
            RewriteError::Write { failed, restored } => {
                let key = if *restored {
                    S::LibRenameFailedRestored
                } else {
                    S::LibRenameFailed
                };
                fill(lang, key, &[("error", &failed.message(lang))])
            }
        }
    }
}

impl Mention {
    /// Where the mention stands: `1.9 关键客户开发 · 步骤「…」`.
    pub fn words(&self, library: &Library, lang: Lang) -> String {
        let entry = library
            .catalogue
            .entries
            .get(self.entry)
            .map_or_else(String::new, |e| format!("{} {}", e.number, e.name));
        let place = match &self.field {
            MentionField::Step(title) => fill(lang, S::MentionStep, &[("title", title)]),
            MentionField::Label => super::tr(lang, S::MentionLabel).to_owned(),
            MentionField::Overview => super::tr(lang, S::MentionOverview).to_owned(),
        };
        format!("{entry} · {place}")
    }
}

/// What a department rename leaves as written: how many mentions, and
/// where the first few stand.
pub fn mentions_left(library: &Library, mentions: &[Mention], lang: Lang) -> String {
    const NAMED: usize = 3;
    let mut places: Vec<String> = mentions
        .iter()
        .take(NAMED)
        .map(|m| m.words(library, lang))
        .collect();
    if mentions.len() > NAMED {
        places.push("…".to_owned());
    }
    let places = places.join(";");
    let values: [(&str, &dyn std::fmt::Display); 2] = [("n", &mentions.len()), ("places", &places)];
    fill(lang, S::MentionsLeft, &values)
}

/// One line per entry the library's deck and duties leave out, with why.
pub fn left_out_lines(library: &Library, lang: Lang) -> Vec<String> {
    library
        .left_out()
        .into_iter()
        .map(|i| {
            let e = &library.catalogue.entries[i];
            let why = match &library.states[i] {
                EntryState::Broken(err) => err.message(lang),
                _ => super::tr(lang, S::LibFileMissing).to_owned(),
            };
            let entry = format!("{} {}", e.number, e.name);
            fill(lang, S::LibLeftOut, &[("entry", &entry), ("why", &why)])
        })
        .collect()
}

/// The cover's note on what the deck leaves out, naming the first few
/// entries; none when every named file was read.
pub fn left_out_note(library: &Library, lang: Lang) -> Option<String> {
    const NAMED: usize = 5;
    let out = library.left_out();
    if out.is_empty() {
        return None;
    }
    let mut names: Vec<String> = out
        .iter()
        .take(NAMED)
        .map(|i| library.catalogue.entries[*i].number.clone())
        .collect();
    if out.len() > NAMED {
        names.push("…".to_owned());
    }
    let list = names.join("、");
    let values: [(&str, &dyn std::fmt::Display); 2] = [("n", &out.len()), ("list", &list)];
    Some(fill(lang, S::LibLeftOutCount, &values))
}

impl LibraryProblem {
    /// The problem as a sentence in `lang`, naming entries as `编号 名称`.
    pub fn message(&self, library: &Library, lang: Lang) -> String {
        let name = |i: &usize| {
            library
                .catalogue
                .entries
                .get(*i)
                .map_or_else(String::new, |e| format!("{} {}", e.number, e.name))
        };
        match self {
            LibraryProblem::BrokenLink {
                entry,
                step,
                target,
            } => fill(
                lang,
                S::LibBrokenLink,
                &[("entry", &name(entry)), ("step", step), ("target", target)],
            ),
            LibraryProblem::MissingFile { entry } => {
                let file = library
                    .catalogue
                    .entries
                    .get(*entry)
                    .and_then(|e| e.file.clone());
                fill(
                    lang,
                    S::LibMissingFile,
                    &[("entry", &name(entry)), ("file", &file.unwrap_or_default())],
                )
            }
            LibraryProblem::UnreadableFile { entry } => {
                let error = match library.states.get(*entry) {
                    Some(EntryState::Broken(e)) => e.message(lang),
                    _ => String::new(),
                };
                fill(
                    lang,
                    S::LibUnreadableFile,
                    &[("entry", &name(entry)), ("error", &error)],
                )
            }
            LibraryProblem::DuplicateNumber { number, entries } => {
                let names: Vec<String> = entries.iter().map(name).collect();
                fill(
                    lang,
                    S::LibDuplicateNumber,
                    &[("number", number), ("names", &names.join("、"))],
                )
            }
            LibraryProblem::UnknownDepartment { entry, lane, near } => match near {
                Some(near) => fill(
                    lang,
                    S::LibUnknownDepartmentNear,
                    &[("entry", &name(entry)), ("lane", lane), ("near", near)],
                ),
                None => fill(
                    lang,
                    S::LibUnknownDepartment,
                    &[("entry", &name(entry)), ("lane", lane)],
                ),
            },
        }
    }
}

/// A drawn entry's status: its warnings, and its merge conflicts if any.
pub fn drawn_status(lang: Lang, warnings: usize, conflicts: usize) -> String {
    let drawn = super::count(lang, warnings, S::LibDrawnOne, S::LibDrawn);
    match conflicts {
        0 => drawn,
        n => format!(
            "{drawn} · {}",
            super::count(lang, n, S::ConflictCountOne, S::ConflictCount)
        ),
    }
}

impl crate::library::SchemeError {
    /// Why the scheme was not changed, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            crate::library::SchemeError::NoCounterpart {
                entry,
                step,
                letter,
                to,
            } => fill(
                lang,
                S::SchemeNoCounterpart,
                &[
                    ("entry", entry),
                    ("step", step),
                    ("letter", &letter.letter()),
                    ("scheme", &to.code()),
                ],
            ),
            crate::library::SchemeError::Rewrite(e) => e.message(lang),
        }
    }
}

impl crate::model::scheme::CustomError {
    /// Why a scheme definition is refused, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use crate::model::scheme::CustomError as E;
        match self {
            E::UnknownLetter(c) => fill(lang, S::SchemeBadLetter, &[("letter", c)]),
            E::TwiceLetter(c) => fill(lang, S::SchemeTwiceLetter, &[("letter", c)]),
            E::BadLike(c) => fill(lang, S::SchemeBadLike, &[("letter", c)]),
            E::NoExecutor => tr(lang, S::SchemeNoExecutor).to_owned(),
            E::BadWords => tr(lang, S::SchemeBadWords).to_owned(),
            E::BadThresholds => tr(lang, S::SchemeBadThresholds).to_owned(),
            E::AtMostNone => tr(lang, S::SchemeAtMostNone).to_owned(),
            E::TooMany => fill(
                lang,
                S::SchemeTooMany,
                &[("n", &crate::model::scheme::MAX_CUSTOM_SCHEMES)],
            ),
        }
    }
}
