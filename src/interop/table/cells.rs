//! The cells of a table file as text: a CSV (UTF-8, with or without a
//! byte-order mark, or GB18030 as a Chinese Excel saves it) or the first
//! sheet of an XLSX workbook (the `AECI表`/`AECI table` sheet when there is
//! one). Files past a size limit are refused before they are read; a
//! workbook's parts are measured unpacked before calamine reads them, and
//! its cells are read one by one, never as the dense range of the sheet's
//! used area (one cell at XFD1048576 would size that range at 512 GiB).

use calamine::{Data, Reader};
use std::io::Read;
use std::path::Path;

/// The largest table file read.
pub const MAX_TABLE_BYTES: u64 = 50 * 1024 * 1024;
/// The most any part of a workbook (a sheet, its shared strings) may
/// unpack to.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The most all parts of a workbook together may unpack to.
pub const MAX_WORKBOOK_BYTES: u64 = 256 * 1024 * 1024;
/// The most columns a table may use: a process has at most 100 lanes,
/// and a table a few columns besides.
pub const MAX_COLUMNS: usize = 1_000;
/// The most rows a table may reach, counting empty ones.
pub const MAX_ROWS: usize = 100_000;
/// The most cells a table may have, counting the empty ones left of a
/// cell with text (a full process is 5,000 rows of about 110 columns).
pub const MAX_CELLS: usize = 2_000_000;

/// A table's rows of cell texts, as the file has them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cells {
    pub rows: Vec<Vec<String>>,
}

/// Why a table file could not be read.
#[derive(Debug)]
pub enum CellsError {
    Io(std::io::Error),
    TooLarge(u64),
    Csv(String),
    Xlsx(String),
    NoSheet,
    Type(String),
    /// A part of the workbook unpacks to more than `MAX_PART_BYTES`.
    PartTooLarge(String),
    /// The parts together unpack to more than `MAX_WORKBOOK_BYTES`.
    WorkbookTooLarge,
    /// A cell lies right of `MAX_COLUMNS` (row and column from 1).
    TooManyColumns {
        row: usize,
        column: usize,
    },
    /// A cell lies below `MAX_ROWS` (from 1).
    TooManyRows(usize),
    /// The rows together have more than `MAX_CELLS` cells; the row where
    /// the count passed it (from 1).
    TooManyCells(usize),
}

/// Reads the cells of `path`, by its extension.
pub fn read_cells(path: &Path) -> Result<Cells, CellsError> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_TABLE_BYTES {
        return Err(CellsError::TooLarge(size));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" => csv_cells(&std::fs::read(path)?),
        "xlsx" | "xlsm" => xlsx_cells(&std::fs::read(path)?),
        _ => Err(CellsError::Type(format!(".{ext}"))),
    }
}

/// The cells of CSV bytes.
pub fn csv_cells(bytes: &[u8]) -> Result<Cells, CellsError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => {
            let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
            if bad {
                return Err(CellsError::Csv(
                    "the text is neither UTF-8 nor GB18030".to_owned(),
                ));
            }
            text
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells = 0_usize;
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| CellsError::Csv(e.to_string()))?
    {
        let row = rows.len() + 1;
        if row > MAX_ROWS {
            return Err(CellsError::TooManyRows(row));
        }
        // Fields are counted before any is copied: a long row of commas
        // becomes an error, not millions of strings.
        if record.len() > MAX_COLUMNS {
            let column = record.len();
            return Err(CellsError::TooManyColumns { row, column });
        }
        cells += record.len();
        if cells > MAX_CELLS {
            return Err(CellsError::TooManyCells(row));
        }
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(Cells { rows })
}

/// The cells of the table sheet of XLSX bytes.
pub fn xlsx_cells(bytes: &[u8]) -> Result<Cells, CellsError> {
    check_part_sizes(bytes)?;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| CellsError::Xlsx(e.to_string()))?;
    let names = book.sheet_names();
    let sheet = names
        .iter()
        .find(|n| n.as_str() == "AECI表" || n.eq_ignore_ascii_case("AECI table"))
        .or_else(|| names.first())
        .cloned()
        .ok_or(CellsError::NoSheet)?;
    let xlsx_error = |e: calamine::XlsxError| CellsError::Xlsx(e.to_string());
    let mut reader = book.worksheet_cells_reader(&sheet).map_err(xlsx_error)?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut count = 0_usize;
    while let Some(cell) = reader.next_cell().map_err(xlsx_error)? {
        let (row, column) = cell.get_position();
        let (row, column) = (row as usize, column as usize);
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        if row >= MAX_ROWS {
            return Err(CellsError::TooManyRows(row + 1));
        }
        if column >= MAX_COLUMNS {
            let (row, column) = (row + 1, column + 1);
            return Err(CellsError::TooManyColumns { row, column });
        }
        if rows.len() <= row {
            rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut rows[row];
        if cells.len() <= column {
            count += column + 1 - cells.len();
            if count > MAX_CELLS {
                return Err(CellsError::TooManyCells(row + 1));
            }
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
    }
    Ok(Cells { rows })
}

/// Unpacks every part of the workbook into nothing, refusing one that
/// unpacks past `MAX_PART_BYTES`: what the zip directory says of a part's
/// size is not trusted, what comes out of it is counted.
fn check_part_sizes(bytes: &[u8]) -> Result<(), CellsError> {
    let not_a_workbook = |e: zip::result::ZipError| CellsError::Xlsx(e.to_string());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(not_a_workbook)?;
    let mut total = 0_u64;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(not_a_workbook)?;
        let name = part.name().to_owned();
        let unpacked = std::io::copy(&mut part.take(MAX_PART_BYTES + 1), &mut std::io::sink())
            .map_err(|e| CellsError::Xlsx(format!("{name}: {e}")))?;
        if unpacked > MAX_PART_BYTES {
            return Err(CellsError::PartTooLarge(name));
        }
        total += unpacked;
        if total > MAX_WORKBOOK_BYTES {
            return Err(CellsError::WorkbookTooLarge);
        }
    }
    Ok(())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}
