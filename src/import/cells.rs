//! The cells of a table file as text: a CSV (UTF-8, with or without a
//! byte-order mark, or GB18030 as a Chinese Excel saves it) or the first
//! sheet of an XLSX workbook (the `AECI表`/`AECI table` sheet when there is
//! one). Files past a size limit are refused before they are read.

use calamine::{Data, Reader};
use std::path::Path;

/// The largest table file read.
pub const MAX_TABLE_BYTES: u64 = 50 * 1024 * 1024;

/// A table's rows of cell texts, as the file has them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cells {
    pub rows: Vec<Vec<String>>,
}

/// Why a table file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CellsError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the file is {0} bytes, more than the 50 MB a table may have")]
    TooLarge(u64),
    #[error("not a CSV file: {0}")]
    Csv(String),
    #[error("not an Excel workbook (.xlsx): {0}")]
    Xlsx(String),
    #[error("the workbook has no sheet")]
    NoSheet,
    #[error("a table is read from .xlsx or .csv, not {0}")]
    Type(String),
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
    for record in reader.records() {
        let record = record.map_err(|e| CellsError::Csv(e.to_string()))?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(Cells { rows })
}

/// The cells of the table sheet of XLSX bytes.
pub fn xlsx_cells(bytes: &[u8]) -> Result<Cells, CellsError> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| CellsError::Xlsx(e.to_string()))?;
    let names = book.sheet_names();
    let sheet = names
        .iter()
        .find(|n| n.as_str() == "AECI表" || n.eq_ignore_ascii_case("AECI table"))
        .or_else(|| names.first())
        .cloned()
        .ok_or(CellsError::NoSheet)?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| CellsError::Xlsx(e.to_string()))?;
    let rows = range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect();
    Ok(Cells { rows })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}
