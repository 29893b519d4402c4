//! A library's analysis as a workbook: the department × department
//! hand-off matrix and the department × letter load, each coloured by a
//! scale from white to deep blue, the department × process map, then the
//! processes' facts and the flags.

use super::xlsx_style::{Styles, column_width, text};
use crate::lang::Lang;
use crate::library::LibraryAnalysis;
use crate::text::{S, tr};
use rust_xlsxwriter::{ConditionalFormat2ColorScale, Workbook, Worksheet, XlsxError};
use std::collections::BTreeSet;

/// The workbook's bytes; `letters` are the library's scheme's, in order.
pub fn analysis_xlsx(
    a: &LibraryAnalysis,
    letters: &[char],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    handoff_sheet(book.add_worksheet(), a, &styles, lang)?;
    load_sheet(book.add_worksheet(), a, letters, &styles, lang)?;
    map_sheet(book.add_worksheet(), a, &styles, lang)?;
    process_sheet(book.add_worksheet(), a, &styles, lang)?;
    let flags = book.add_worksheet();
    flags.set_name(tr(lang, S::AnalysisFlags))?;
    for (r, f) in a.flags.iter().enumerate() {
        text(flags, r as u32, 0, &f.message(lang), &styles.text)?;
    }
    flags.set_column_width(0, 100)?;
    book.save_to_buffer()
}

/// A scale from white (0) to deep blue (the largest), over a block.
fn heat(sheet: &mut Worksheet, rows: u32, cols: u16) -> Result<(), XlsxError> {
    if rows == 0 || cols == 0 {
        return Ok(());
    }
    let scale = ConditionalFormat2ColorScale::new()
        .set_minimum_color(0xFFFFFF)
        .set_maximum_color(0x2B6CB0);
    sheet.add_conditional_format(1, 1, rows, cols, &scale)?;
    Ok(())
}

/// Rows hand work to columns: every department either side of a hand-off.
fn handoff_sheet(
    sheet: &mut Worksheet,
    a: &LibraryAnalysis,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    sheet.set_name(tr(lang, S::ColHandoffs))?;
    let names = a.department_names();
    let corner = format!("{} → {}", tr(lang, S::ColFrom), tr(lang, S::ColTo));
    let mut header = vec![corner];
    header.extend(names.iter().cloned());
    styles.header_row(sheet, &header)?;
    for (r, from) in names.iter().enumerate() {
        let row = r as u32 + 1;
        text(sheet, row, 0, from, &styles.header)?;
        for (c, to) in names.iter().enumerate() {
            let count = a
                .handoffs
                .iter()
                .find(|h| &h.from == from && &h.to == to)
                .map_or(0, |h| h.count);
            sheet.write_number_with_format(row, c as u16 + 1, count as f64, &styles.centered)?;
        }
    }
    let widths: Vec<&str> = names.iter().map(String::as_str).collect();
    sheet.set_column_width(0, column_width(&widths, 12.0, 30.0))?;
    heat(sheet, names.len() as u32, names.len() as u16)
}

/// Departments by rows, the scheme's letters by columns, then processes.
fn load_sheet(
    sheet: &mut Worksheet,
    a: &LibraryAnalysis,
    letters: &[char],
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    sheet.set_name(tr(lang, S::AnalysisLoadSheet))?;
    let mut header = vec![tr(lang, S::Departments).to_owned()];
    header.extend(letters.iter().map(|c| c.to_string()));
    header.push(tr(lang, S::ColProcesses).to_owned());
    styles.header_row(sheet, &header)?;
    for (r, d) in a.departments.iter().enumerate() {
        let row = r as u32 + 1;
        text(sheet, row, 0, &d.name, &styles.header)?;
        for (c, letter) in letters.iter().enumerate() {
            let n = d.letters.get(letter).copied().unwrap_or(0);
            sheet.write_number_with_format(row, c as u16 + 1, n as f64, &styles.centered)?;
        }
        sheet.write_number_with_format(
            row,
            letters.len() as u16 + 1,
            d.processes as f64,
            &styles.centered,
        )?;
    }
    let names: BTreeSet<&str> = a.departments.iter().map(|d| d.name.as_str()).collect();
    sheet.set_column_width(
        0,
        column_width(&names.into_iter().collect::<Vec<_>>(), 12.0, 30.0),
    )?;
    heat(sheet, a.departments.len() as u32, letters.len() as u16)
}

/// Departments by rows, processes (by number) by columns: the main steps
/// of each process each department holds a letter on.
fn map_sheet(
    sheet: &mut Worksheet,
    a: &LibraryAnalysis,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    sheet.set_name(tr(lang, S::AnalysisMapSheet))?;
    let mut header = vec![tr(lang, S::Departments).to_owned()];
    // A sheet holds at most 16,384 columns.
    let processes = &a.processes[..a.processes.len().min(16_000)];
    header.extend(processes.iter().map(|p| p.number.clone()));
    styles.header_row(sheet, &header)?;
    for (r, d) in a.departments.iter().enumerate() {
        let row = r as u32 + 1;
        text(sheet, row, 0, &d.name, &styles.header)?;
        for (c, p) in processes.iter().enumerate() {
            let n = d.process_steps.get(&p.number).copied().unwrap_or(0);
            sheet.write_number_with_format(row, c as u16 + 1, n as f64, &styles.centered)?;
        }
    }
    let names: Vec<&str> = a.departments.iter().map(|d| d.name.as_str()).collect();
    sheet.set_column_width(0, column_width(&names, 12.0, 30.0))?;
    sheet.set_freeze_panes(1, 1)?;
    heat(sheet, a.departments.len() as u32, processes.len() as u16)
}

fn process_sheet(
    sheet: &mut Worksheet,
    a: &LibraryAnalysis,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    sheet.set_name(tr(lang, S::AnalysisProcesses))?;
    let header = [
        S::TableNumber,
        S::ProcessName,
        S::ColMainSteps,
        S::ColDecisions,
        S::ColLanes,
        S::ColHandoffs,
        S::ColLoopsBack,
    ]
    .map(|k| tr(lang, k));
    styles.header_row(sheet, &header)?;
    for (r, p) in a.processes.iter().enumerate() {
        let row = r as u32 + 1;
        text(sheet, row, 0, &p.number, &styles.text)?;
        text(sheet, row, 1, &p.name, &styles.text)?;
        for (c, n) in [p.steps, p.decisions, p.lanes, p.handoffs, p.loops_back]
            .into_iter()
            .enumerate()
        {
            sheet.write_number_with_format(row, c as u16 + 2, n as f64, &styles.centered)?;
        }
    }
    sheet.set_column_width(1, 30)?;
    Ok(())
}
