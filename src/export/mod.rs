//! Exports: the chart as SVG, PNG, PDF and BPMN (through `interop`), the
//! AECI table as PNG, PDF, CSV and XLSX, the deck of a process or of a
//! whole library as PDF or PPTX, and a library's duties as XLSX. Everything
//! is drawn from the layout's `Scene` and the model's AECI table; every
//! file is written atomically, never over a file it is made from.

mod aeci_grid;
mod analysis_pages;
mod analysis_xlsx;
mod chart_pages;
mod chart_window;
mod deck;
mod grid;
mod library_deck;
mod page_layout;
mod pdf;
mod pptx;
mod pptx_slide;
mod render;
pub mod svg;
mod table_files;
mod xlsx_style;

pub use aeci_grid::{fitted_table_grids, table_cells, table_grid, table_header};
pub use analysis_xlsx::analysis_xlsx;
pub use chart_pages::{ChartCuts, MIN_TITLE_PT, along_span, chart_cuts, marker_gutter};
pub use deck::{
    Content, DeckPage, MAX_PDF_PAGES, PageSize, TooManyPages, overview_grid, overview_rows, pages,
    slides, table_scene,
};
pub use grid::{Align, Column, Grid, GridStyle};
pub use library_deck::{
    DUTY_COLUMNS, LibraryDeck, counts_text, duties_xlsx, library_pages, library_pages_with,
    library_slides_with, today,
};
pub use page_layout::{PageChart, page_chart};
pub use pdf::scenes_to_pdf;
pub use pptx::{PptxError, deck_pptx};
pub use pptx_slide::{PPTX_FONT, SlideTable, TableRow};
pub use render::{MAX_PIXELS, MAX_SIDE_PX, RenderError, scene_to_png, svg_tree};
pub use table_files::{table_csv, table_xlsx};

use crate::format::{OsFs, SaveError, replace_file, same_file};
use crate::lang::Lang;
use crate::layout::{ChartStyle, Color, layout_chart_with};
use crate::model::{Analysis, Process};
use std::path::{Path, PathBuf};

/// A file type Flowcase writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Svg,
    Png,
    Pdf,
    Csv,
    Xlsx,
    Pptx,
    Bpmn,
    Vsdx,
}

impl FileType {
    /// The type named by a path's extension.
    pub fn from_path(path: &Path) -> Option<FileType> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(FileType::Svg),
            "png" => Some(FileType::Png),
            "pdf" => Some(FileType::Pdf),
            "csv" => Some(FileType::Csv),
            "xlsx" => Some(FileType::Xlsx),
            "pptx" => Some(FileType::Pptx),
            "bpmn" => Some(FileType::Bpmn),
            "vsdx" => Some(FileType::Vsdx),
            _ => None,
        }
    }
}

/// How to export.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExportOptions {
    /// What to put in the file; `None` for the type's default (PDF: the
    /// deck; PNG and SVG: the chart).
    pub content: Option<Content>,
    /// Pixels per chart unit for PNG (1, 2 or 3 are typical).
    pub scale: f32,
    pub page: PageSize,
    /// For PNG and SVG of the chart: only this chart page (from 1), as the
    /// deck on `page` cuts it.
    pub chart_page: Option<usize>,
    /// PNG without a background.
    pub transparent: bool,
    /// Language of titles and column names.
    pub lang: Lang,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            content: None,
            scale: 2.0,
            page: PageSize::Wide,
            chart_page: None,
            transparent: false,
            lang: Lang::Zh,
        }
    }
}

/// Why an export failed; the target file is untouched.
#[derive(Debug)]
pub enum ExportError {
    UnknownType(String),
    /// A file of this type cannot hold this content.
    Unsupported {
        file: FileType,
        content: Content,
    },
    NoSuchPage {
        page: usize,
        pages: usize,
    },
    CompareWhat,
    PageOfWhat,
    BadScale(f32),
    Render(RenderError),
    TooManyPages(TooManyPages),
    Pptx(PptxError),
    Xlsx(String),
    /// The Visio package could not be packed.
    Vsdx(String),
    LibraryType(String),
    OverSource,
    Write(SaveError),
}

/// The bytes of an export.
pub fn export_bytes(
    process: &Process,
    file_type: FileType,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    export_bytes_compared(process, None, file_type, options)
}

/// The changes from `old` to `process` in words, then each department's
/// letters gained and lost: the lines of a deck's 变更说明 pages.
pub fn change_lines(old: &Process, process: &Process, lang: Lang) -> Vec<String> {
    let d = crate::model::diff(old, process);
    let mut lines: Vec<String> = d.changes.iter().map(|c| c.words(lang)).collect();
    lines.extend(d.departments.iter().filter_map(|s| s.words()));
    lines
}

/// The bytes of an export; a deck (PDF or PPTX) with `old` ends with
/// 变更说明 pages listing what changed since it.
pub fn export_bytes_compared(
    process: &Process,
    old: Option<&Process>,
    file_type: FileType,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let analysis = Analysis::of(process);
    let is_deck = match file_type {
        FileType::Pdf => options.content.unwrap_or(Content::Deck) == Content::Deck,
        FileType::Pptx => true,
        _ => false,
    };
    if old.is_some() && !is_deck {
        return Err(ExportError::CompareWhat);
    }
    // Asked to compare, the deck says so even when nothing changed.
    let changes = old.map_or_else(Vec::new, |old| {
        let lines = change_lines(old, process, options.lang);
        if lines.is_empty() {
            vec![crate::text::tr(options.lang, crate::text::S::DiffSame).to_owned()]
        } else {
            lines
        }
    });
    let lang = options.lang;
    let unsupported = |file, content| ExportError::Unsupported { file, content };
    match file_type {
        FileType::Svg | FileType::Png => {
            let content = options.content.unwrap_or(Content::Chart);
            let scene = match (content, options.chart_page) {
                (Content::Chart, Some(page)) => {
                    chart_page(process, &analysis.numbering, options, page)?
                }
                (_, Some(_)) => return Err(ExportError::PageOfWhat),
                (Content::Chart, None) => {
                    layout_chart_with(process, &analysis.numbering, &ChartStyle::default()).scene
                }
                (Content::Table, None) => table_scene(&analysis.table, lang),
                (Content::Deck, None) => {
                    return Err(unsupported(file_type, content));
                }
            };
            let background = (!options.transparent).then_some(Color::WHITE);
            if file_type == FileType::Svg {
                return Ok(svg::scene_to_svg(&scene, background).into_bytes());
            }
            if !(options.scale > 0.0 && options.scale <= 8.0) {
                return Err(ExportError::BadScale(options.scale));
            }
            Ok(scene_to_png(&scene, options.scale, background)?)
        }
        _ if options.chart_page.is_some() => Err(ExportError::PageOfWhat),
        FileType::Pdf => {
            let content = options.content.unwrap_or(Content::Deck);
            let scenes = pages(
                process,
                &analysis.table,
                &analysis.numbering,
                content,
                options.page,
                lang,
                &changes,
            )?;
            let title = format!("{} {}", process.overview.number, process.overview.name);
            Ok(scenes_to_pdf(&scenes, title.trim())?)
        }
        FileType::Pptx => {
            if let Some(content @ (Content::Chart | Content::Table)) = options.content {
                return Err(unsupported(FileType::Pptx, content));
            }
            let pages = slides(
                process,
                &analysis.table,
                &analysis.numbering,
                options.page,
                lang,
                &changes,
            )?;
            let title = format!("{} {}", process.overview.number, process.overview.name);
            Ok(deck_pptx(&pages, options.page, title.trim())?)
        }
        FileType::Bpmn => {
            if let Some(content @ (Content::Table | Content::Deck)) = options.content {
                return Err(unsupported(FileType::Bpmn, content));
            }
            Ok(crate::interop::bpmn::process_bpmn(process, &analysis.numbering).into_bytes())
        }
        FileType::Vsdx => {
            if let Some(content @ (Content::Table | Content::Deck)) = options.content {
                return Err(unsupported(FileType::Vsdx, content));
            }
            crate::interop::visio::process_vsdx(process, &analysis.numbering, lang)
                .map_err(ExportError::Vsdx)
        }
        FileType::Csv | FileType::Xlsx => {
            if let Some(content @ (Content::Chart | Content::Deck)) = options.content {
                return Err(unsupported(file_type, content));
            }
            if file_type == FileType::Csv {
                Ok(table_csv(&analysis.table, lang).into_bytes())
            } else {
                table_xlsx(process, &analysis.table, lang)
                    .map_err(|e| ExportError::Xlsx(e.to_string()))
            }
        }
    }
}

/// Chart page `page` (from 1) as the deck on `options.page` cuts it.
fn chart_page(
    process: &Process,
    numbering: &crate::model::Numbering,
    options: &ExportOptions,
    page: usize,
) -> Result<crate::layout::Scene, ExportError> {
    let chart = page_chart(process, numbering, deck::chart_body(options.page));
    let pages = chart.cuts.len();
    if page == 0 || page > pages {
        return Err(ExportError::NoSuchPage { page, pages });
    }
    Ok(chart_window::chart_page_scene(
        process,
        numbering,
        &chart,
        page - 1,
        options.lang,
    ))
}

/// Exports to a file, its type from the extension, written atomically.
/// `source` is the file the process was read from: an export never
/// replaces it, under whatever name or link it is reached.
pub fn export_file(
    process: &Process,
    source: Option<&Path>,
    path: &Path,
    options: &ExportOptions,
) -> Result<FileType, ExportError> {
    export_file_compared(process, None, source.as_slice(), path, options)
}

/// Refuses a target that is, by identity (links followed, hard links
/// included), any of the files an export reads.
fn refuse_over_sources<'a>(
    path: &Path,
    mut sources: impl Iterator<Item = &'a Path>,
) -> Result<(), ExportError> {
    if sources.any(|source| same_file(source, path)) {
        return Err(ExportError::OverSource);
    }
    Ok(())
}

/// `export_file`, a deck ending with what changed since `old`; `sources`
/// are the files read (the process's, the older version's), none of which
/// the export may replace.
pub fn export_file_compared(
    process: &Process,
    old: Option<&Process>,
    sources: &[&Path],
    path: &Path,
    options: &ExportOptions,
) -> Result<FileType, ExportError> {
    refuse_over_sources(path, sources.iter().copied())?;
    let file_type = FileType::from_path(path).ok_or_else(|| {
        ExportError::UnknownType(
            path.extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_else(|| path.display().to_string()),
        )
    })?;
    let bytes = export_bytes_compared(process, old, file_type, options)?;
    replace_file(path, &bytes, false, &mut OsFs)?;
    Ok(file_type)
}

/// Exports a library: the whole deck as a PDF or a PowerPoint file, or the
/// department duties as an XLSX workbook (by the extension), written
/// atomically.
pub fn export_library(
    library: &crate::library::Library,
    path: &Path,
    deck: &LibraryDeck,
) -> Result<FileType, ExportError> {
    export_library_with(library, path, deck, &mut |_, _| {})
}

/// `export_library`, telling `progress` how far the deck is.
pub fn export_library_with(
    library: &crate::library::Library,
    path: &Path,
    deck: &LibraryDeck,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<FileType, ExportError> {
    refuse_over_sources(path, library.files().iter().map(PathBuf::as_path))?;
    let file_type = FileType::from_path(path);
    let bytes = match file_type {
        Some(FileType::Pdf) => {
            let pages = library_pages_with(library, deck, progress)?;
            scenes_to_pdf(&pages, &library.catalogue.title)?
        }
        Some(FileType::Pptx) => {
            let slides = library_slides_with(library, deck, progress)?;
            deck_pptx(&slides, deck.size, &library.catalogue.title)?
        }
        Some(FileType::Xlsx) => {
            let duties = crate::library::duties(library);
            duties_xlsx(library, &duties, deck.lang)?
        }
        _ => {
            return Err(ExportError::LibraryType(
                path.extension()
                    .map(|e| format!(".{}", e.to_string_lossy()))
                    .unwrap_or_else(|| path.display().to_string()),
            ));
        }
    };
    replace_file(path, &bytes, false, &mut OsFs)?;
    file_type.ok_or_else(|| ExportError::LibraryType(String::new()))
}
