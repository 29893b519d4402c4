//! Responsibility tables from Excel or CSV, read: the cells of a workbook
//! or CSV file within the limits (`cells`), and the rows of steps with
//! their letters per department made into a process (`read`).

mod cells;
mod read;

pub use cells::{
    Cells, CellsError, MAX_CELLS, MAX_COLUMNS, MAX_PART_BYTES, MAX_ROWS, MAX_TABLE_BYTES,
    MAX_WORKBOOK_BYTES, csv_cells, read_cells, xlsx_cells,
};
pub use read::{Place, TableError, TableWarning, column_letter, process_from_table};
