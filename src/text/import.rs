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
            TableError::TooManyEntries {
                at: p,
                found,
                limit,
            } => fill(
                lang,
                S::TableTooManyEntries,
                &[("at", &at(p)), ("found", found), ("limit", limit)],
            ),
            TableError::TooManyConnectors { at: p, limit } => fill(
                lang,
                S::TableTooManyConnectors,
                &[("at", &at(p)), ("limit", limit)],
            ),
            TableError::UnnamedDepartment { at: p } => {
                fill(lang, S::TableUnnamedDepartment, &[("at", &at(p))])
            }
            TableError::DuplicateDepartment { at: p, first } => fill(
                lang,
                S::TableDuplicateDepartment,
                &[("at", &at(p)), ("first", first)],
            ),
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
            TableWarning::Shortened { at, limit } => fill(
                lang,
                S::TableShortened,
                &[("at", &at.words(lang)), ("limit", limit)],
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

impl crate::import::CellsError {
    /// Why a table file could not be read, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use crate::import::CellsError as E;
        match self {
            E::Io(e) => fill(lang, S::CellsIo, &[("error", e)]),
            E::TooLarge(size) => fill(lang, S::CellsTooLarge, &[("size", size)]),
            E::Csv(e) => fill(lang, S::CellsCsv, &[("error", e)]),
            E::Xlsx(e) => fill(lang, S::CellsXlsx, &[("error", e)]),
            E::NoSheet => tr(lang, S::CellsNoSheet).to_owned(),
            E::Type(ext) => fill(lang, S::CellsType, &[("ext", ext)]),
            E::PartTooLarge(part) => fill(lang, S::CellsPartTooLarge, &[("part", part)]),
            E::WorkbookTooLarge => tr(lang, S::CellsWorkbookTooLarge).to_owned(),
            E::TooManyColumns { row, column } => fill(
                lang,
                S::CellsTooManyColumns,
                &[
                    ("row", row),
                    ("column", column),
                    ("limit", &crate::import::MAX_COLUMNS),
                ],
            ),
            E::TooManyRows(row) => fill(
                lang,
                S::CellsTooManyRows,
                &[("row", row), ("limit", &crate::import::MAX_ROWS)],
            ),
            E::TooManyCells(row) => fill(
                lang,
                S::CellsTooManyCells,
                &[("row", row), ("limit", &crate::import::MAX_CELLS)],
            ),
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
            ImportNote::Table(w) => w.message(lang),
            ImportNote::SubProcessApart { name, steps } => fill(
                lang,
                S::ImportSubProcessApart,
                &[("name", name), ("steps", steps)],
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
            ImportNote::Group { name } => fill(lang, S::ImportGroup, &[("name", name)]),
            ImportNote::Pictures { count } => fill(lang, S::ImportPictures, &[("count", count)]),
            ImportNote::Layers { count } => fill(lang, S::ImportLayers, &[("count", count)]),
            ImportNote::OutsideLanes { name } => {
                fill(lang, S::ImportOutsideLanes, &[("name", name)])
            }
            ImportNote::TooDeep { count, depth } => fill(
                lang,
                S::ImportTooDeep,
                &[("count", count), ("depth", depth)],
            ),
            ImportNote::Shortened {
                place,
                limit,
                start,
            } => {
                let place = super::messages::place_name(*place, lang);
                let values: [(&str, &dyn fmt::Display); 3] =
                    [("place", &place), ("limit", limit), ("start", start)];
                fill(lang, S::ImportShortened, &values)
            }
        }
    }
}
