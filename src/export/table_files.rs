//! The AECI table as CSV and XLSX, for consultants who finish the matrix
//! in Excel: columns 编号, 主要步骤, 要点, 输出, then one per lane.

use super::aeci_grid::{table_cells, table_header};
use super::deck::overview_rows;
use crate::interop::xml::xml_safe;
use crate::lang::Lang;
use crate::model::{AeciTable, Process};
use crate::text::{S, tr};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use unicode_width::UnicodeWidthStr;

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

/// Excel column width (in characters) that fits the longest line of each
/// cell, counting a CJK character as two, within sensible bounds.
fn column_width(texts: &[&str], min: f64, max: f64) -> f64 {
    let widest = texts
        .iter()
        .flat_map(|t| t.lines())
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    (widest as f64 + 2.0).clamp(min, max)
}

/// The workbook: sheet `AECI表` with a bold, frozen header row, widths that
/// fit CJK text and wrapped 要点 cells; sheet `概要` with the overview.
pub fn table_xlsx(process: &Process, table: &AeciTable, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header_format = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0x1e4e8c))
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_border(FormatBorder::Thin);
    let text_format = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let centered = Format::new()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);

    let header = table_header(table, lang);
    let rows = table_cells(table);
    let sheet = book.add_worksheet();
    sheet.set_name(tr(lang, S::SectionTable))?;
    for (c, title) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, xml_safe(title), &header_format)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let format = if c == 0 || c >= 4 {
                &centered
            } else {
                &text_format
            };
            if c == 0
                && let Ok(n) = cell.parse::<u32>()
            {
                sheet.write_number_with_format(r, 0, f64::from(n), format)?;
                continue;
            }
            sheet.write_string_with_format(r, c as u16, xml_safe(cell), format)?;
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
    sheet.set_freeze_panes(1, 0)?;

    let overview = book.add_worksheet();
    overview.set_name(tr(lang, S::SectionOverview))?;
    for (r, row) in overview_rows(process, lang).iter().enumerate() {
        let (label, value) = (&row[0], &row[1]);
        overview.write_string_with_format(r as u32, 0, xml_safe(label), &header_format)?;
        overview.write_string_with_format(r as u32, 1, xml_safe(value), &text_format)?;
    }
    overview.set_column_width(0, 22.0)?;
    overview.set_column_width(1, 70.0)?;
    book.save_to_buffer()
}
