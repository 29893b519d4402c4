//! The AECI table as CSV and XLSX, for consultants who finish the matrix
//! in Excel: columns 编号, 主要步骤, 要点, 输出, then one per lane.

use super::aeci_grid::{table_cells, table_header};
use super::deck::overview_rows;
use super::xlsx_style::{Styles, column_width, text};
use crate::lang::Lang;
use crate::model::{AeciTable, Process};
use crate::text::{S, tr};
use rust_xlsxwriter::{Workbook, XlsxError};

/// CSV in UTF-8 with a byte-order mark (so Excel reads Chinese correctly),
/// CRLF line ends, fields quoted where needed.
pub fn table_csv(table: &AeciTable, lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    let mut rows = vec![table_header(table, lang)];
    rows.extend(table_cells(table));
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The workbook: sheet `AECI表` with a bold, frozen header row, widths that
/// fit CJK text and wrapped 要点 cells; sheet `概要` with the overview.
pub fn table_xlsx(process: &Process, table: &AeciTable, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let styles = Styles::new();
    let header = table_header(table, lang);
    let rows = table_cells(table);
    let sheet = book.add_worksheet();
    sheet.set_name(crate::text::table_title(lang, process.scheme))?;
    styles.header_row(sheet, &header)?;
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let format = if c == 0 || c >= 4 {
                &styles.centered
            } else {
                &styles.text
            };
            if c == 0
                && let Ok(n) = cell.parse::<u32>()
            {
                sheet.write_number_with_format(r, 0, f64::from(n), format)?;
                continue;
            }
            text(sheet, r, c as u16, cell, format)?;
        }
    }
    for (c, title) in header.iter().enumerate() {
        let mut texts: Vec<&str> = vec![title.as_str()];
        texts.extend(rows.iter().filter_map(|r| r.get(c)).map(String::as_str));
        let width = match c {
            0 => column_width(&texts, 6.0, 8.0),
            2 => column_width(&texts, 12.0, 50.0),
            _ => column_width(&texts, 8.0, 36.0),
        };
        sheet.set_column_width(c as u16, width)?;
    }

    let overview = book.add_worksheet();
    overview.set_name(tr(lang, S::SectionOverview))?;
    for (r, row) in overview_rows(process, lang).iter().enumerate() {
        let (label, value) = (&row[0], &row[1]);
        text(overview, r as u32, 0, label, &styles.header)?;
        text(overview, r as u32, 1, value, &styles.text)?;
    }
    overview.set_column_width(0, 22.0)?;
    overview.set_column_width(1, 70.0)?;
    book.save_to_buffer()
}
