//! The library deck's analysis pages after the 流程清单: the hand-off
//! matrix, each department's load, the department × process map, each a
//! heat-coloured table (white to deep blue) over as many pages as it needs,
//! and what stands out.

use super::deck::{DeckPage, PageSize};
use super::grid::{Align, Column, Grid, GridStyle};
use super::library_deck::{page_columns, table_pages};
use crate::lang::Lang;
use crate::layout::Color;
use crate::library::{Library, LibraryAnalysis, heat_rgb};
use crate::text::{S, fill, tr};

const MARGIN: f32 = 28.0;
/// The first column: department or process names.
const LABEL_WIDTH: f32 = 120.0;
/// The narrowest a number column may be; more columns go to further pages.
const MIN_CELL: f32 = 34.0;
const WIDEST_CELL: f32 = 64.0;

/// The analysis pages of `library` (none when nothing is drawn).
pub fn analysis_pages(
    library: &Library,
    a: &LibraryAnalysis,
    size: PageSize,
    lang: Lang,
) -> Vec<DeckPage> {
    if a.processes.is_empty() {
        return Vec::new();
    }
    let letters = library.catalogue.scheme.scheme().letter_chars();
    let mut pages = handoff_pages(a, size, lang);
    pages.extend(load_pages(a, &letters, size, lang));
    pages.extend(map_pages(a, &letters, size, lang));
    pages.extend(flag_pages(a, size, lang));
    pages
}

fn heat(n: usize, max: usize) -> Option<Color> {
    let [r, g, b] = heat_rgb(n, max);
    Some(Color::rgb(r, g, b))
}

/// A heat table whose `columns` (titles) may not fit one page's width:
/// cut into blocks of columns, each a table over as many pages as its rows
/// need, every block repeating the label column. `cell(row, column)` is a
/// cell's text and its count.
fn heat_table(
    title: &str,
    corner: &str,
    labels: &[String],
    columns: &[String],
    cell: &dyn Fn(usize, usize) -> (String, usize),
    size: PageSize,
    lang: Lang,
) -> Vec<DeckPage> {
    let room = size.points().0 - 2.0 * MARGIN - LABEL_WIDTH;
    let per_page = ((room / MIN_CELL).floor() as usize).max(1);
    let max = (0..labels.len())
        .flat_map(|r| (0..columns.len()).map(move |c| (r, c)))
        .map(|(r, c)| cell(r, c).1)
        .max()
        .unwrap_or(0);
    let style = GridStyle {
        text_size: 9.0,
        min_row_height: 18.0,
        row_fills: [Color::WHITE; 2],
        ..GridStyle::default()
    };
    let mut pages = Vec::new();
    let starts: Vec<usize> = (0..columns.len().max(1)).step_by(per_page).collect();
    for start in starts {
        let block = start..(start + per_page).min(columns.len());
        let width = (room / block.len().max(1) as f32).min(WIDEST_CELL);
        let mut grid_columns = vec![Column {
            title: corner.to_owned(),
            width: LABEL_WIDTH,
            align: Align::Left,
        }];
        grid_columns.extend(columns[block.clone()].iter().map(|t| Column {
            title: t.clone(),
            width,
            align: Align::Center,
        }));
        let mut rows = Vec::new();
        let mut fills = Vec::new();
        for (r, label) in labels.iter().enumerate() {
            let mut row = vec![label.clone()];
            let mut fill_row = vec![None];
            for c in block.clone() {
                let (text, n) = cell(r, c);
                row.push(text);
                fill_row.push(heat(n, max));
            }
            rows.push(row);
            fills.push(fill_row);
        }
        let grid = Grid::new(grid_columns, true, &rows, style.clone()).with_fills(fills);
        pages.extend(table_pages(grid, title, size, lang));
    }
    // One title for the whole table: the later pages continued.
    for page in pages.iter_mut().skip(1) {
        page.title = fill(lang, S::Continued, &[("title", &title)]);
    }
    pages
}

/// Departments hand work to departments: rows from, columns to.
fn handoff_pages(a: &LibraryAnalysis, size: PageSize, lang: Lang) -> Vec<DeckPage> {
    let names = a.department_names();
    let count = |r: usize, c: usize| {
        let n = a
            .handoffs
            .iter()
            .find(|h| h.from == names[r] && h.to == names[c])
            .map_or(0, |h| h.count);
        (if n == 0 { String::new() } else { n.to_string() }, n)
    };
    let corner = format!("{} → {}", tr(lang, S::ColFrom), tr(lang, S::ColTo));
    heat_table(
        tr(lang, S::AnalysisHandoffPage),
        &corner,
        &names,
        &names,
        &count,
        size,
        lang,
    )
}

/// Each department's main steps per letter, then its processes.
fn load_pages(a: &LibraryAnalysis, letters: &[char], size: PageSize, lang: Lang) -> Vec<DeckPage> {
    let names: Vec<String> = a.departments.iter().map(|d| d.name.clone()).collect();
    let columns: Vec<String> = letters.iter().map(char::to_string).collect();
    let count = |r: usize, c: usize| {
        let n = a.departments[r]
            .letters
            .get(&letters[c])
            .copied()
            .unwrap_or(0);
        (n.to_string(), n)
    };
    heat_table(
        tr(lang, S::AnalysisLoad),
        tr(lang, S::Departments),
        &names,
        &columns,
        &count,
        size,
        lang,
    )
}

/// Processes by rows, departments by columns: the letters each holds in
/// each, coloured by its main steps there.
fn map_pages(a: &LibraryAnalysis, letters: &[char], size: PageSize, lang: Lang) -> Vec<DeckPage> {
    let processes: Vec<String> = a
        .processes
        .iter()
        .map(|p| format!("{} {}", p.number, p.name))
        .collect();
    let names: Vec<String> = a.departments.iter().map(|d| d.name.clone()).collect();
    let cell = |r: usize, c: usize| {
        let (d, number) = (&a.departments[c], &a.processes[r].number);
        let n = d.process_steps.get(number).copied().unwrap_or(0);
        let held = d.per_process.get(number);
        let said: Vec<String> = letters
            .iter()
            .filter_map(|l| Some(format!("{l}{}", held?.get(l)?)))
            .collect();
        (said.join(" "), n)
    };
    heat_table(
        tr(lang, S::AnalysisMap),
        tr(lang, S::LibProcess),
        &processes,
        &names,
        &cell,
        size,
        lang,
    )
}

/// What stands out, one line each.
fn flag_pages(a: &LibraryAnalysis, size: PageSize, lang: Lang) -> Vec<DeckPage> {
    let columns = page_columns(size, lang, &[(S::AnalysisFlags, 1.0)]);
    let rows: Vec<Vec<String>> = match a.flags.is_empty() {
        true => vec![vec![tr(lang, S::AnalysisNoFlags).to_owned()]],
        false => a.flags.iter().map(|f| vec![f.message(lang)]).collect(),
    };
    table_pages(
        Grid::new(columns, true, &rows, GridStyle::default()),
        tr(lang, S::AnalysisFlags),
        size,
        lang,
    )
}
