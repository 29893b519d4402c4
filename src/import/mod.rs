//! Bringing work in from other tools: a responsibility table (XLSX or
//! CSV) becomes a process. Nothing is written until the whole file has
//! been read and checked.

mod cells;
mod table;

pub use cells::{Cells, CellsError, MAX_TABLE_BYTES, csv_cells, read_cells, xlsx_cells};
pub use table::{Place, TableError, TableWarning, column_letter, process_from_table};

use crate::model::Process;
use std::path::Path;

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] CellsError),
    #[error(transparent)]
    Table(TableError),
}

/// Reads a table file and builds its process, named after the file.
pub fn import_table(path: &Path) -> Result<(Process, Vec<TableWarning>), ImportError> {
    let cells = read_cells(path)?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    process_from_table(&cells, &name).map_err(ImportError::Table)
}
