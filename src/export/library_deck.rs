//! A whole library as one deck — a cover, the 流程清单 (paginated, its
//! header on every page), the analysis (hand-offs, load, what stands out),
//! then every drawn process's 概要, 流程图 and AECI表
//! pages with their section numbers — for a PDF or, with native tables, for
//! PowerPoint; and the department duties as a workbook: a summary sheet and
//! one sheet per department.

use super::deck::{DeckPage, PageSize, TooManyPages, page_bodies, slides_of, with_chrome};
use super::grid::{Align, Column, Grid, GridStyle};
use super::pptx_slide::SlideTable;
use super::xlsx_style::{self, Styles, column_width};
use super::{Content, ExportError};
use crate::lang::Lang;
use crate::layout::text::text_width;
use crate::layout::{Color, Point, Scene, Shape, TextLine};
use crate::library::{DepartmentDuties, Library};
use crate::model::Analysis;
use crate::text::{S, fill, tr};
use rust_xlsxwriter::Workbook;

/// The columns of a department's duties, in the workbook and the editor.
pub const DUTY_COLUMNS: [S; 7] = [
    S::Number,
    S::LibProcess,
    S::LibStepNo,
    S::TableMainStep,
    S::LibLetters,
    S::KeyPoints,
    S::Outputs,
];

/// The most pages a library deck may have: a company's whole collection
/// runs to hundreds of pages, and thousands would not be read.
pub const MAX_LIBRARY_PAGES: usize = 5_000;

const MARGIN: f32 = 28.0;
const BODY_TOP: f32 = 60.0;
const FOOTER: f32 = 28.0;
const ACCENT: Color = Color::rgb(0x1e, 0x4e, 0x8c);
const INK: Color = Color::rgb(0x1f, 0x29, 0x37);

/// How a library deck is made.
#[derive(Clone, Debug, PartialEq)]
pub struct LibraryDeck {
    pub size: PageSize,
    /// Goes on the cover.
    pub date: String,
    pub lang: Lang,
    /// A responsibility section per department after the processes.
    pub duties: bool,
}

/// The pages of the library deck.
pub fn library_pages(library: &Library, deck: &LibraryDeck) -> Result<Vec<Scene>, TooManyPages> {
    library_pages_with(library, deck, &mut |_, _| {})
}

/// `library_pages`, telling `progress` how many drawn processes of how
/// many are laid out.
pub fn library_pages_with(
    library: &Library,
    deck: &LibraryDeck,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Scene>, TooManyPages> {
    let groups = deck_groups(library, deck, progress)?;
    let total = groups.iter().map(|(_, pages)| pages.len()).sum();
    let mut scenes = Vec::with_capacity(total);
    for (name, pages) in groups {
        let first = scenes.len();
        let bodies = pages.into_iter().map(|p| (p.title, p.body)).collect();
        scenes.extend(with_chrome(bodies, &name, first, total, deck.size));
    }
    Ok(scenes)
}

/// The library deck for PowerPoint: each page's scene with its chrome, and
/// the table it holds as a native table instead of drawn cells.
pub fn library_slides_with(
    library: &Library,
    deck: &LibraryDeck,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<(Scene, Option<SlideTable>)>, TooManyPages> {
    let groups = deck_groups(library, deck, progress)?;
    let total = groups.iter().map(|(_, pages)| pages.len()).sum();
    let mut slides = Vec::with_capacity(total);
    for (name, pages) in groups {
        let first = slides.len();
        slides.extend(slides_of(pages, &name, first, total, deck.size));
    }
    Ok(slides)
}

/// The deck's pages in groups, each group named for the page chrome: the
/// cover and the 流程清单, each drawn process, each department's duties.
/// Counted against `MAX_LIBRARY_PAGES` as they are made.
fn deck_groups(
    library: &Library,
    deck: &LibraryDeck,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<(String, Vec<DeckPage>)>, TooManyPages> {
    let (size, date, lang) = (deck.size, deck.date.as_str(), deck.lang);
    let drawn = library.drawn().count();
    let title = library.catalogue.title.clone();
    let mut groups: Vec<(String, Vec<DeckPage>)> = vec![
        (title.clone(), vec![cover(library, size, date, lang)]),
        (title.clone(), list_pages(library, size, lang)),
    ];
    let analysis = crate::library::analyze(library);
    let pages = super::analysis_pages::analysis_pages(library, &analysis, size, lang);
    if !pages.is_empty() {
        groups.push((title.clone(), pages));
    }
    let mut total: usize = groups.iter().map(|(_, b)| b.len()).sum();
    for (done, (entry, process)) in library.drawn().enumerate() {
        progress(done, drawn);
        let analysis = Analysis::of(process);
        let bodies = page_bodies(
            process,
            &analysis.table,
            &analysis.numbering,
            Content::Deck,
            size,
            lang,
        )?;
        total += bodies.len();
        if total > MAX_LIBRARY_PAGES {
            return Err(TooManyPages {
                pages: total,
                limit: MAX_LIBRARY_PAGES,
            });
        }
        groups.push((format!("{} {}", entry.number, entry.name), bodies));
    }
    progress(drawn, drawn);
    if deck.duties {
        for d in crate::library::duties(library) {
            if d.duties.is_empty() {
                continue;
            }
            let bodies = duty_pages(library, &d, size, lang);
            total += bodies.len();
            groups.push((d.department.clone(), bodies));
        }
        if total > MAX_LIBRARY_PAGES {
            return Err(TooManyPages {
                pages: total,
                limit: MAX_LIBRARY_PAGES,
            });
        }
    }
    Ok(groups)
}

fn text(text: &str, size: f32, x: f32, y: f32, color: Color) -> Shape {
    Shape::Text {
        lines: vec![TextLine {
            text: text.to_owned(),
            origin: Point::new(x, y),
            width: text_width(text, size),
        }],
        size,
        color,
    }
}

/// The cover: the library's title, what it holds, the date.
fn cover(library: &Library, size: PageSize, date: &str, lang: Lang) -> DeckPage {
    let (w, h) = size.points();
    let mut page = Scene::new(w, h);
    let title = &library.catalogue.title;
    let big = 30.0;
    page.push(
        text(
            title,
            big,
            (w - text_width(title, big)) / 2.0,
            h * 0.42,
            ACCENT,
        ),
        None,
    );
    let values: [(&str, &dyn std::fmt::Display); 2] = [
        ("n", &library.catalogue.entries.len()),
        ("drawn", &library.drawn().count()),
    ];
    let line = fill(lang, S::LibSummary, &values);
    page.push(
        text(
            &line,
            14.0,
            (w - text_width(&line, 14.0)) / 2.0,
            h * 0.52,
            INK,
        ),
        None,
    );
    page.push(
        text(
            date,
            12.0,
            (w - text_width(date, 12.0)) / 2.0,
            h * 0.58,
            INK,
        ),
        None,
    );
    if let Some(note) = crate::text::left_out_note(library, lang) {
        let x = ((w - text_width(&note, 11.0)) / 2.0).max(MARGIN);
        page.push(text(&note, 11.0, x, h * 0.66, INK), None);
    }
    DeckPage {
        title: String::new(),
        body: page,
        table: None,
    }
}

/// Columns titled by `spec`'s keys, each its share of the page's width.
pub(super) fn page_columns(size: PageSize, lang: Lang, spec: &[(S, f32)]) -> Vec<Column> {
    let width = size.points().0 - 2.0 * MARGIN;
    spec.iter()
        .map(|(key, share)| Column {
            title: tr(lang, *key).to_owned(),
            width: width * share,
            align: Align::Left,
        })
        .collect()
}

/// The 流程清单 as a table over as many pages as it needs.
fn list_pages(library: &Library, size: PageSize, lang: Lang) -> Vec<DeckPage> {
    let columns = page_columns(
        size,
        lang,
        &[
            (S::LibCategory, 0.18),
            (S::Number, 0.1),
            (S::Name, 0.47),
            (S::Owner, 0.25),
        ],
    );
    let c = &library.catalogue;
    let mut rows = Vec::new();
    for (category, entries) in c.by_category() {
        for (k, (_, e)) in entries.into_iter().enumerate() {
            let shown = if k == 0 {
                category.name.clone()
            } else {
                String::new()
            };
            rows.push(vec![
                shown,
                e.number.clone(),
                e.name.clone(),
                e.owner.clone(),
            ]);
        }
    }
    table_pages(
        Grid::new(columns, true, &rows, GridStyle::default()),
        tr(lang, S::LibraryTab),
        size,
        lang,
    )
}

/// A table over as many pages as it needs, its header on each, titled
/// `title` and then `title(续)`; each page also holds its rows as a table
/// for PowerPoint.
pub(super) fn table_pages(
    mut grid: Grid,
    title: &str,
    size: PageSize,
    lang: Lang,
) -> Vec<DeckPage> {
    let (w, h) = size.points();
    let body = h - BODY_TOP - FOOTER;
    let origin = Point::new(MARGIN, BODY_TOP);
    grid.split_tall_rows(body);
    grid.paginate(body, body)
        .into_iter()
        .enumerate()
        .map(|(i, rows)| {
            let mut page = Scene::new(w, h);
            grid.draw(&mut page, rows.clone(), origin);
            let title = match i {
                0 => title.to_owned(),
                _ => fill(lang, S::Continued, &[("title", &title)]),
            };
            DeckPage {
                title,
                body: page,
                table: Some(grid.slide_table(rows, origin)),
            }
        })
        .collect()
}

/// One department's responsibilities as a table over as many pages as it
/// needs, titled `部门职责 · 大区`.
fn duty_pages(
    library: &Library,
    d: &DepartmentDuties,
    size: PageSize,
    lang: Lang,
) -> Vec<DeckPage> {
    let columns = page_columns(
        size,
        lang,
        &[
            (S::Number, 0.08),
            (S::LibProcess, 0.2),
            (S::LibStepNo, 0.07),
            (S::TableMainStep, 0.35),
            (S::LibLetters, 0.08),
            (S::KeyPoints, 0.22),
        ],
    );
    // The page has no room for the outputs.
    let rows: Vec<Vec<String>> = d
        .duties
        .iter()
        .map(|duty| duty_row(library, duty)[..6].to_vec())
        .collect();
    let title = format!("{} · {}", tr(lang, S::DutiesPage), d.department);
    table_pages(
        Grid::new(columns, true, &rows, GridStyle::default()),
        &title,
        size,
        lang,
    )
}

/// A duty as a row of `DUTY_COLUMNS`: the process's 编号 and 名称, the
/// step's number and title, the letters, 要点 and outputs.
fn duty_row(library: &Library, duty: &crate::library::Duty) -> [String; 7] {
    let e = &library.catalogue.entries[duty.entry];
    [
        e.number.clone(),
        e.name.clone(),
        duty.number.to_string(),
        duty.title.clone(),
        duty.letters.to_string(),
        duty.key_points.clone(),
        duty.outputs.join("、"),
    ]
}

/// A department's sheet: a row per step it holds a letter in.
fn duty_sheet(
    sheet: &mut rust_xlsxwriter::Worksheet,
    library: &Library,
    d: &DepartmentDuties,
    lang: Lang,
    styles: &Styles,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let titles: Vec<&str> = DUTY_COLUMNS.iter().map(|k| tr(lang, *k)).collect();
    styles.header_row(sheet, &titles)?;
    let rows: Vec<[String; 7]> = d
        .duties
        .iter()
        .map(|duty| duty_row(library, duty))
        .collect();
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            if c == 2
                && let Ok(n) = cell.parse::<u32>()
            {
                sheet.write_number_with_format(r, 2, f64::from(n), &styles.centered)?;
                continue;
            }
            let format = if c == 4 {
                &styles.centered
            } else {
                &styles.text
            };
            xlsx_style::text(sheet, r, c as u16, cell, format)?;
        }
    }
    for (c, title) in titles.iter().enumerate() {
        let mut texts = vec![*title];
        texts.extend(rows.iter().map(|r| r[c].as_str()));
        sheet.set_column_width(c as u16, column_width(&texts, 6.0, 40.0))?;
    }
    Ok(())
}

/// The duties workbook: sheet 汇总 (departments × processes, the count of
/// each letter), then one sheet per department listing its steps.
pub fn duties_xlsx(
    library: &Library,
    duties: &[DepartmentDuties],
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    let xlsx = |e: rust_xlsxwriter::XlsxError| ExportError::Xlsx(e.to_string());
    let mut book = Workbook::new();
    let styles = Styles::new();
    let drawn: Vec<(usize, &crate::library::Entry)> = library
        .catalogue
        .entries
        .iter()
        .enumerate()
        .filter(|(i, _)| library.states[*i].process().is_some())
        .collect();

    let summary = book.add_worksheet();
    summary.set_name(tr(lang, S::DutiesSummary)).map_err(xlsx)?;
    let mut titles = vec![tr(lang, S::Departments).to_owned()];
    titles.extend(
        drawn
            .iter()
            .map(|(_, e)| format!("{} {}", e.number, e.name)),
    );
    styles.header_row(summary, &titles).map_err(xlsx)?;
    for (row, d) in duties.iter().enumerate() {
        let row = row as u32 + 1;
        xlsx_style::text(summary, row, 0, &d.department, &styles.text).map_err(xlsx)?;
        for (col, (index, _)) in drawn.iter().enumerate() {
            let counts = counts_text(d.counts_in(*index));
            xlsx_style::text(summary, row, col as u16 + 1, &counts, &styles.centered)
                .map_err(xlsx)?;
        }
    }
    for (col, title) in titles.iter().enumerate() {
        let width = column_width(&[title.as_str()], 10.0, 30.0);
        summary.set_column_width(col as u16, width).map_err(xlsx)?;
    }

    let mut used = vec![tr(lang, S::DutiesSummary).to_lowercase()];
    for (k, d) in duties.iter().enumerate() {
        let sheet = book.add_worksheet();
        let mut name = sheet_name(&d.department, k);
        // Excel compares sheet names without case; the summary's is taken.
        if used.contains(&name.to_lowercase()) {
            name = sheet_name(&format!("{} {}", name, k + 1), k);
        }
        used.push(name.to_lowercase());
        sheet.set_name(name).map_err(xlsx)?;
        duty_sheet(sheet, library, d, lang, &styles).map_err(xlsx)?;
    }
    book.save_to_buffer().map_err(xlsx)
}

/// `A2 E3 C1` — the letters a department holds in one process, empty when
/// none.
pub fn counts_text(counts: [usize; 8]) -> String {
    crate::model::Role::EVERY
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(l, n)| format!("{}{n}", l.letter()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A worksheet name Excel takes: without `[]:*?/\`, at most 31 characters,
/// and unique (the department's place is added when cut).
fn sheet_name(department: &str, index: usize) -> String {
    let clean: String = department
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .collect();
    let clean = clean.trim_matches('\'').trim();
    if clean.is_empty() || clean.chars().count() > 28 {
        let cut: String = clean.chars().take(24).collect();
        format!("{cut} {}", index + 1)
    } else {
        clean.to_owned()
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
