//! One look for every workbook Flowcase writes (the AECI table, a
//! library's duties): a blue bold header row, frozen; bordered text that
//! wraps; letters and numbers centred; columns as wide as their text, a
//! CJK character counting as two; and no character XML cannot hold.

use crate::interop::xml::xml_safe;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

/// The formats of a workbook's cells.
pub struct Styles {
    pub header: Format,
    pub text: Format,
    pub centered: Format,
}

impl Styles {
    pub fn new() -> Styles {
        Styles {
            header: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0x1e4e8c))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_border(FormatBorder::Thin),
            text: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin),
            centered: Format::new()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin),
        }
    }

    /// Writes a header row at the top of `sheet` and freezes it.
    pub fn header_row<S: AsRef<str>>(
        &self,
        sheet: &mut Worksheet,
        titles: &[S],
    ) -> Result<(), XlsxError> {
        for (c, title) in titles.iter().enumerate() {
            text(sheet, 0, c as u16, title.as_ref(), &self.header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(())
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// Writes `value` as text in `format`, characters XML cannot hold
/// replaced.
pub fn text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(row, col, xml_safe(value), format)?;
    Ok(())
}

/// Excel column width (in characters) that fits the longest line of each
/// cell, counting a CJK character as two, within `min` and `max`.
pub fn column_width(texts: &[&str], min: f64, max: f64) -> f64 {
    let widest = texts
        .iter()
        .flat_map(|t| t.lines())
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    (widest as f64 + 2.0).clamp(min, max)
}
