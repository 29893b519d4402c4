//! Pages for PDF and table pictures: the overview form, the chart fitted to
//! a page, and the AECI table paginated with its header repeated and `(续)`
//! on continuation pages. Every page is a `Scene`.

use super::aeci_grid::{fitted_table_grids, table_grid};
use super::chart_window::chart_page_scene;
use super::grid::{Align, Column, Grid, GridStyle};
use super::page_layout::page_chart;
use super::pptx_slide::SlideTable;
use crate::lang::Lang;
use crate::layout::text::text_width;
use crate::layout::{Color, Point, Scene, Shape, Stroke, TextLine};
use crate::model::{AeciTable, Numbering, Process};
use crate::text::{S, fill, tr};

/// The page size of a PDF.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PageSize {
    /// A 16:9 slide, 960 × 540 pt.
    #[default]
    Wide,
    /// A4 landscape, 842 × 595 pt.
    A4Landscape,
}

impl PageSize {
    pub fn points(self) -> (f32, f32) {
        match self {
            PageSize::Wide => (960.0, 540.0),
            PageSize::A4Landscape => (842.0, 595.0),
        }
    }
}

/// What a PDF (or a table picture) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    Chart,
    Table,
    /// Overview, chart and table, as the case-study deck has them.
    Deck,
}

const MARGIN: f32 = 28.0;
const HEADER: f32 = 50.0;
const FOOTER: f32 = 28.0;
const TITLE_SIZE: f32 = 20.0;
const SMALL: f32 = 10.0;
const INK: Color = Color::rgb(0x1f, 0x29, 0x37);
const ACCENT: Color = Color::rgb(0x1e, 0x4e, 0x8c);

/// The whole AECI table as one picture (for PNG).
pub fn table_scene(table: &AeciTable, lang: Lang) -> Scene {
    let grid = table_grid(table, lang);
    let pad = 12.0;
    let mut scene = Scene::new(
        grid.width() + 2.0 * pad,
        grid.height(0..grid.row_count()) + 2.0 * pad,
    );
    grid.draw(&mut scene, 0..grid.row_count(), Point::new(pad, pad));
    scene
}

/// The overview (概要) as label and value pairs, lists one item a line and
/// key points numbered.
pub fn overview_rows(process: &Process, lang: Lang) -> Vec<Vec<String>> {
    let o = &process.overview;
    let numbered = |items: &[String]| -> String {
        items
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{}. {t}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let fields: [(S, String); 10] = [
        (S::ProcessName, o.name.clone()),
        (S::ProcessNumber, o.number.clone()),
        (S::Definition, o.definition.clone()),
        (S::Purpose, o.purpose.clone()),
        (S::ImplementationPoints, numbered(&o.key_points)),
        (S::Participants, o.participants.clone()),
        (S::Cycle, o.cycle.clone()),
        (S::RelatedProcesses, o.related_processes.join("\n")),
        (S::RelatedDocuments, o.related_documents.join("\n")),
        (S::Owner, o.owner.clone()),
    ];
    fields
        .into_iter()
        .map(|(key, value)| vec![tr(lang, key).to_owned(), value])
        .collect()
}

/// The overview (概要) as a two-column form.
pub fn overview_grid(process: &Process, width: f32, lang: Lang) -> Grid {
    let rows = overview_rows(process, lang);
    let label = 150.0;
    let style = GridStyle {
        text_size: 12.0,
        padding: 7.0,
        min_row_height: 28.0,
        label_fill: Some(Color::rgb(0xdb, 0xe5, 0xf3)),
        row_fills: [Color::WHITE, Color::WHITE],
        ..GridStyle::default()
    };
    let columns = vec![
        Column {
            title: String::new(),
            width: label,
            align: Align::Left,
        },
        Column {
            title: String::new(),
            width: (width - label).max(200.0),
            align: Align::Left,
        },
    ];
    Grid::new(columns, false, &rows, style)
}

/// Section titles of the deck, numbered as in the case deck from the
/// numeric part of the process number (销售1.9 → `1.9.2 流程图`); plain
/// when the process has no number.
fn section(lang: Lang, number: &str, part: usize, key: S, continued: bool) -> String {
    titled(lang, number, part, tr(lang, key), continued)
}

/// `section` with its title given: `1.9.3 RACI表`.
fn titled(lang: Lang, number: &str, part: usize, title: &str, continued: bool) -> String {
    let title = match continued {
        false => title.to_owned(),
        true => fill(lang, S::Continued, &[("title", &title)]),
    };
    let key = crate::library::number_key(number);
    if key.is_empty() || !key.starts_with(|c: char| c.is_ascii_digit()) {
        title
    } else {
        format!("{key}.{part} {title}")
    }
}

/// The most pages a PDF may have; a deck of real processes has tens, and
/// a table that needs more reads better as a spreadsheet.
pub const MAX_PDF_PAGES: usize = 1_000;

/// A deck (PDF or PPTX) that would need more pages than Flowcase writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooManyPages {
    pub pages: usize,
    pub limit: usize,
}

/// The body of a deck page (width, height), where a chart page goes.
pub fn chart_body(size: PageSize) -> (f32, f32) {
    let (w, h) = size.points();
    (w - 2.0 * MARGIN, h - HEADER - 10.0 - FOOTER)
}

/// The pages of a PDF: the chart, the table, or the whole deck. Counted
/// before any is drawn, and refused past `MAX_PDF_PAGES`.
pub fn pages(
    process: &Process,
    table: &AeciTable,
    numbering: &Numbering,
    content: Content,
    size: PageSize,
    lang: Lang,
    changes: &[String],
) -> Result<Vec<Scene>, TooManyPages> {
    let mut bodies = page_bodies(process, table, numbering, content, size, lang)?;
    bodies.extend(changes_pages(process, changes, size, lang, bodies.len())?);
    let name = format!("{} {}", process.overview.number, process.overview.name);
    let total = bodies.len();
    let bodies = bodies.into_iter().map(|p| (p.title, p.body)).collect();
    Ok(with_chrome(bodies, name.trim(), 0, total, size))
}

/// The pages of a deck for PowerPoint: each page's scene with its chrome,
/// and the table it holds as a native table instead of drawn cells.
pub fn slides(
    process: &Process,
    table: &AeciTable,
    numbering: &Numbering,
    size: PageSize,
    lang: Lang,
    changes: &[String],
) -> Result<Vec<(Scene, Option<SlideTable>)>, TooManyPages> {
    let mut bodies = page_bodies(process, table, numbering, Content::Deck, size, lang)?;
    bodies.extend(changes_pages(process, changes, size, lang, bodies.len())?);
    let name = format!("{} {}", process.overview.number, process.overview.name);
    let total = bodies.len();
    Ok(slides_of(bodies, name.trim(), 0, total, size))
}

/// Pages as slides with their chrome, numbered from `first + 1` among
/// `total`: a page holding a table leaves it out of its scene, for the
/// native table that goes on the slide instead.
pub fn slides_of(
    pages: Vec<DeckPage>,
    name: &str,
    first: usize,
    total: usize,
    size: PageSize,
) -> Vec<(Scene, Option<SlideTable>)> {
    let (w, h) = size.points();
    let mut tables = Vec::with_capacity(pages.len());
    let bodies = pages
        .into_iter()
        .map(|p| {
            let body = if p.table.is_some() {
                Scene::new(w, h)
            } else {
                p.body
            };
            tables.push(p.table);
            (p.title, body)
        })
        .collect();
    let scenes = with_chrome(bodies, name, first, total, size);
    scenes.into_iter().zip(tables).collect()
}

/// A page before its chrome: its title, what it draws, and the table it
/// draws (for a native table in PowerPoint).
pub struct DeckPage {
    pub title: String,
    pub body: Scene,
    pub table: Option<SlideTable>,
}

/// Pages from titles and bodies: each with its chrome, numbered from
/// `first + 1` among `total` pages (of a longer document, maybe).
pub fn with_chrome(
    bodies: Vec<(String, Scene)>,
    name: &str,
    first: usize,
    total: usize,
    size: PageSize,
) -> Vec<Scene> {
    let (w, h) = size.points();
    bodies
        .into_iter()
        .enumerate()
        .map(|(i, (title, body))| {
            let mut page = Scene::new(w, h);
            chrome(&mut page, &title, name, first + i + 1, total);
            page.items.extend(body.items);
            page
        })
        .collect()
}

/// The titles and bodies of a process's pages, before their chrome.
pub fn page_bodies(
    process: &Process,
    table: &AeciTable,
    numbering: &Numbering,
    content: Content,
    size: PageSize,
    lang: Lang,
) -> Result<Vec<DeckPage>, TooManyPages> {
    let (w, h) = size.points();
    let body_top = HEADER + 10.0;
    let (body_width, body_height) = chart_body(size);
    let page_rows = |grid: &mut Grid| {
        grid.split_tall_rows(body_height);
        grid.paginate(body_height, body_height)
    };
    // Grids and the rows on each of their pages, counted first.
    let mut overview = Vec::new();
    if content == Content::Deck {
        let mut grid = overview_grid(process, body_width, lang);
        let rows = page_rows(&mut grid);
        overview.push((grid, rows));
    }
    let mut tables = Vec::new();
    if content != Content::Chart {
        // Lanes that do not fit beside the steps continue on pages of their
        // own, each repeating the number and main step columns.
        for mut grid in fitted_table_grids(table, body_width, lang) {
            let rows = page_rows(&mut grid);
            tables.push((grid, rows));
        }
    }
    let chart = (content != Content::Table)
        .then(|| page_chart(process, numbering, (body_width, body_height)));
    let chart_pages = chart.as_ref().map_or(0, |c| c.cuts.len());
    let count = |grids: &[(Grid, Vec<std::ops::Range<usize>>)]| {
        grids.iter().map(|(_, rows)| rows.len()).sum::<usize>()
    };
    let total = count(&overview) + chart_pages + count(&tables);
    if total > MAX_PDF_PAGES {
        return Err(TooManyPages {
            pages: total,
            limit: MAX_PDF_PAGES,
        });
    }

    // Each page: its title and its body.
    let number = process.overview.number.as_str();
    let mut bodies: Vec<DeckPage> = Vec::with_capacity(total);
    let grid_page = |title: String, grid: &Grid, rows: &std::ops::Range<usize>| {
        let mut body = Scene::new(w, h);
        let origin = Point::new(MARGIN, body_top);
        grid.draw(&mut body, rows.clone(), origin);
        DeckPage {
            title,
            body,
            table: Some(grid.slide_table(rows.clone(), origin)),
        }
    };
    for (grid, rows) in &overview {
        for (i, rows) in rows.iter().enumerate() {
            let title = section(lang, number, 1, S::SectionOverview, i > 0);
            bodies.push(grid_page(title, grid, rows));
        }
    }
    for page in 0..chart_pages {
        let Some(chart) = &chart else { break };
        let chart_scene = chart_page_scene(process, numbering, chart, page, lang);
        let mut body = Scene::new(w, h);
        // Every page at the cut's scale, or smaller where it must be.
        let scale = (body_width / chart_scene.width)
            .min(body_height / chart_scene.height)
            .min(chart.cuts.scale);
        let dx = MARGIN + (body_width - chart_scene.width * scale) / 2.0;
        let dy = body_top + (body_height - chart_scene.height * scale) / 2.0;
        body.append_transformed(&chart_scene, scale, dx, dy);
        let mut title = section(lang, number, 2, S::SectionChart, false);
        if chart_pages > 1 {
            title = format!("{title} ({}/{chart_pages})", page + 1);
        }
        bodies.push(DeckPage {
            title,
            body,
            table: None,
        });
    }
    let mut continued = false;
    for (grid, rows) in &tables {
        for rows in rows {
            let table_title = crate::text::table_title(lang, process.scheme);
            let title = titled(lang, number, 3, &table_title, continued);
            bodies.push(grid_page(title, grid, rows));
            continued = true;
        }
    }
    Ok(bodies)
}

/// The least height of a row of the 变更说明 table.
const CHANGE_ROW: f32 = 24.0;

/// The 变更说明 pages after the table: each change in words, numbered, as
/// many pages as they need. None when there are no changes to show.
/// Refused when they would take the deck (`before` pages so far) past
/// `MAX_PDF_PAGES`, counted before any is drawn.
pub fn changes_pages(
    process: &Process,
    changes: &[String],
    size: PageSize,
    lang: Lang,
    before: usize,
) -> Result<Vec<DeckPage>, TooManyPages> {
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    let (w, h) = size.points();
    let (body_width, body_height) = chart_body(size);
    let too_many = |pages: usize| {
        (before + pages > MAX_PDF_PAGES).then_some(TooManyPages {
            pages: before + pages,
            limit: MAX_PDF_PAGES,
        })
    };
    // Rows are at least `CHANGE_ROW` high: the fewest pages they take.
    let rows_per_page = (body_height / CHANGE_ROW).floor().max(1.0) as usize;
    if let Some(e) = too_many(changes.len().div_ceil(rows_per_page)) {
        return Err(e);
    }
    let rows: Vec<Vec<String>> = changes
        .iter()
        .enumerate()
        .map(|(i, line)| vec![(i + 1).to_string(), line.clone()])
        .collect();
    let columns = vec![
        Column {
            title: tr(lang, S::TableNumber).to_owned(),
            width: 50.0,
            align: Align::Center,
        },
        Column {
            title: tr(lang, S::SectionChanges).to_owned(),
            width: (body_width - 50.0).max(200.0),
            align: Align::Left,
        },
    ];
    let style = GridStyle {
        text_size: 12.0,
        padding: 6.0,
        min_row_height: CHANGE_ROW,
        ..GridStyle::default()
    };
    let mut grid = Grid::new(columns, true, &rows, style);
    grid.split_tall_rows(body_height);
    let number = process.overview.number.as_str();
    let pages = grid.paginate(body_height, body_height);
    if let Some(e) = too_many(pages.len()) {
        return Err(e);
    }
    Ok(pages
        .into_iter()
        .enumerate()
        .map(|(i, rows)| {
            let mut body = Scene::new(w, h);
            let origin = Point::new(MARGIN, HEADER + 10.0);
            grid.draw(&mut body, rows.clone(), origin);
            DeckPage {
                title: section(lang, number, 4, S::SectionChanges, i > 0),
                body,
                table: Some(grid.slide_table(rows, origin)),
            }
        })
        .collect())
}

/// The page's title, the process number and name, a rule, the page number.
fn chrome(page: &mut Scene, title: &str, process: &str, number: usize, total: usize) {
    let (w, h) = (page.width, page.height);
    let line = |text: &str, size: f32, x: f32, y: f32, color: Color| Shape::Text {
        lines: vec![TextLine {
            text: text.to_owned(),
            origin: Point::new(x, y),
            width: text_width(text, size),
        }],
        size,
        color,
    };
    page.push(line(title, TITLE_SIZE, MARGIN, 34.0, ACCENT), None);
    let pw = text_width(process, SMALL + 1.0);
    page.push(line(process, SMALL + 1.0, w - MARGIN - pw, 32.0, INK), None);
    page.push(
        Shape::Polyline {
            points: vec![
                Point::new(MARGIN, HEADER - 4.0),
                Point::new(w - MARGIN, HEADER - 4.0),
            ],
            stroke: Stroke::solid(1.5, ACCENT),
        },
        None,
    );
    let folio = format!("{number} / {total}");
    let fw = text_width(&folio, SMALL);
    page.push(line(&folio, SMALL, w - MARGIN - fw, h - 12.0, INK), None);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Changes that would take a deck past its page limit are refused
    /// before their pages are drawn; a few take a page or two.
    #[test]
    fn changes_past_the_page_limit_are_refused() {
        let p = Process::default();
        let lines = |n: usize| vec!["步骤 1「审核」:大区 +A".to_owned(); n];
        let many = changes_pages(&p, &lines(100_000), PageSize::Wide, Lang::Zh, 0);
        assert!(many.is_err_and(|e| e.pages > MAX_PDF_PAGES));
        let late = changes_pages(&p, &lines(40), PageSize::Wide, Lang::Zh, MAX_PDF_PAGES - 1);
        assert!(late.is_err());
        let few = changes_pages(&p, &lines(40), PageSize::Wide, Lang::Zh, 3);
        assert!(few.is_ok_and(|pages| (2..=4).contains(&pages.len())));
    }
}
