//! What an import says: a table's refusals, each naming the row and
//! column at fault, and its warnings, in either language.

use super::{S, fill, tr};
use crate::import::{ImportNote, Place, TableError, TableWarning};
use crate::lang::Lang;
use std::fmt;

impl Place {
    /// `第 3 行 D 列(大区)` / `row 3, column D (大区)`.
    pub fn words(&self, lang: Lang) -> String {
        match &self.column {
            Some((letter, name)) if !name.is_empty() => fill(
                lang,
                S::TablePlaceNamed,
                &[("row", &self.row), ("column", letter), ("name", name)],
            ),
            Some((letter, _)) => fill(
                lang,
                S::TablePlace,
                &[("row", &self.row), ("column", letter)],
            ),
            None => fill(lang, S::TableRow, &[("row", &self.row)]),
        }
    }
}

impl TableError {
    pub fn message(&self, lang: Lang) -> String {
        let at = |p: &Place| p.words(lang);
        match self {
            TableError::NoHeader => tr(lang, S::TableNoHeader).to_owned(),
            TableError::Empty => tr(lang, S::TableEmpty).to_owned(),
            TableError::TooManyRows(n) => fill(lang, S::TableTooManyRows, &[("n", n)]),
            TableError::TooManyDepartments(n) => {
                fill(lang, S::TableTooManyDepartments, &[("n", n)])
            }
            TableError::NotANumber { at: p, text } => {
                fill(lang, S::TableNotANumber, &[("at", &at(p)), ("text", text)])
            }
            TableError::DuplicateNumber {
                at: p,
                number,
                first,
            } => fill(
                lang,
                S::TableDuplicateNumber,
                &[("at", &at(p)), ("number", number), ("first", first)],
            ),
            TableError::UnknownLetters { at: p, text } => fill(
                lang,
                S::TableUnknownLetters,
                &[("at", &at(p)), ("text", text)],
            ),
            TableError::NoSuchNext { at: p, number } => fill(
                lang,
                S::TableNoSuchNext,
                &[("at", &at(p)), ("number", number)],
            ),
            TableError::EmptyTitle { at: p } => fill(lang, S::TableEmptyTitle, &[("at", &at(p))]),
            TableError::TooLong { at: p, limit } => {
                fill(lang, S::TableTooLong, &[("at", &at(p)), ("limit", limit)])
            }
            TableError::Build(e) => fill(lang, S::TableBuild, &[("error", e)]),
        }
    }
}

impl TableWarning {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            TableWarning::NoExecutor { row, number, lane } => fill(
                lang,
                S::TableNoExecutor,
                &[("row", row), ("number", number), ("lane", lane)],
            ),
        }
    }
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for TableError {}

impl crate::import::ImportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            crate::import::ImportError::Read(e) => e.to_string(),
            crate::import::ImportError::Table(e) => e.message(lang),
            other => other.to_string(),
        }
    }
}

impl ImportNote {
    /// The report line in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportNote::OneLane { name } => fill(lang, S::ImportOneLane, &[("name", name)]),
            ImportNote::BoundaryEvent { name } => {
                fill(lang, S::ImportBoundaryEvent, &[("name", name)])
            }
            ImportNote::SubProcessInside { name, count } => fill(
                lang,
                S::ImportSubProcessInside,
                &[("name", name), ("count", count)],
            ),
            ImportNote::NotKept { kind, name } => {
                fill(lang, S::ImportNotKept, &[("kind", kind), ("name", name)])
            }
            ImportNote::FlowNotKept { id, to_pool } => {
                let key = if *to_pool {
                    S::ImportFlowToPool
                } else {
                    S::ImportFlowNotKept
                };
                fill(lang, key, &[("flow", id)])
            }
            ImportNote::Colours { count } => fill(lang, S::ImportColours, &[("count", count)]),
            ImportNote::NotALane { name } => fill(lang, S::ImportNotALane, &[("name", name)]),
            ImportNote::LooseEdge { label } => fill(lang, S::ImportLooseEdge, &[("label", label)]),
        }
    }
}
