//! Bringing work in from other tools: a responsibility table (XLSX or CSV)
//! or a chart (BPMN, draw.io, Visio) read through `interop`, fitted to the limits,
//! laid out when it brought no places, and checked to load as it will be
//! saved; and a version of a process from any of these files, to compare
//! with. Nothing is written here.

pub use crate::interop::bpmn::{BpmnError, process_from_bpmn};
pub use crate::interop::drawio::{DrawioError, process_from_drawio};
pub use crate::interop::report::{ImportNote, Imported, SubProcess};
pub use crate::interop::table::{
    Cells, CellsError, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_TABLE_BYTES, Place, TableError,
    TableWarning, column_letter, csv_cells, process_from_table, read_cells, xlsx_cells,
};
pub use crate::interop::visio::{VisioError, process_from_vsdx};

use crate::interop::{drawio, fit};

use crate::model::Process;
use std::path::Path;

/// Why an import failed.
#[derive(Debug)]
pub enum ImportError {
    Read(CellsError),
    Table(TableError),
    /// The file could not be read.
    File(crate::format::LoadError),
    /// The file is not UTF-8 text.
    NotUtf8(String),
    Bpmn(BpmnError),
    Drawio(DrawioError),
    Visio(VisioError),
    Invalid(String),
    /// Past a count or size no shortening can fit.
    OverLimit(crate::model::limits::OverLimit),
    /// Not a file an import reads (by its extension).
    Type(String),
    /// The process would be saved as a file that does not load (a bug if
    /// it happens: every limit is checked before).
    NotLoadable(crate::format::DecodeError),
}

/// The extensions File → Import… offers.
pub const IMPORTED_EXTENSIONS: &[&str] = &["xlsx", "csv", "bpmn", "drawio", "xml", "vsdx"];

/// What kind of file an import reads, from its extension (and, for `.xml`,
/// its first element).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Table,
    /// A chart from another tool: BPMN, or draw.io (`.drawio`, or `.xml`
    /// whose first element says so).
    Chart,
    /// A Visio drawing (`.vsdx`; the binary `.vsd` is refused by name).
    Visio,
}

impl Source {
    pub fn of(path: &Path) -> Option<Source> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" | "csv" => Some(Source::Table),
            "bpmn" | "bpmn2" | "xml" | "drawio" => Some(Source::Chart),
            "vsdx" | "vsdm" | "vsd" => Some(Source::Visio),
            _ => None,
        }
    }
}

/// Reads a chart from another tool (BPMN, or page `page` of a draw.io
/// file) and builds its process, laid out by tidy when the file brought no
/// positions.
pub fn import_chart(path: &Path, page: usize) -> Result<Imported, ImportError> {
    let bytes = crate::format::read_limited(path).map_err(ImportError::File)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| ImportError::NotUtf8(e.to_string()))?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut imported = if drawio::is_drawio(text) {
        process_from_drawio(text, page, &name)?
    } else {
        process_from_bpmn(text, &name)?
    };
    finish(&mut imported)?;
    Ok(imported)
}

/// Reads page `page` (from 1) of a Visio drawing and builds its process,
/// named after the page.
pub fn import_visio(path: &Path, page: usize) -> Result<Imported, ImportError> {
    let bytes = crate::format::read_limited(path).map_err(ImportError::File)?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut imported = process_from_vsdx(&bytes, page, &name).map_err(ImportError::Visio)?;
    finish(&mut imported)?;
    Ok(imported)
}

/// Fits an import to the limits, lays it out when it brought no
/// positions, and checks that the result loads as saved.
fn finish(imported: &mut Imported) -> Result<(), ImportError> {
    for sub in &mut imported.sub_processes {
        finish(&mut sub.imported)?;
    }
    fit::fit_to_limits(&mut imported.process, &mut imported.notes)?;
    if imported.needs_layout
        && let Some(edit) = crate::layout::tidy(&imported.process).edit(&imported.process)
    {
        crate::model::apply(&mut imported.process, edit)
            .map_err(|e| ImportError::Invalid(format!("{e:?}")))?;
    }
    crate::model::validate(&imported.process).map_err(ImportError::Invalid)?;
    speak_its_letters(&mut imported.process);
    imported.process = saved_and_loaded(&imported.process)?;
    Ok(())
}

/// An imported process whose cells hold letters AECI lacks (a RACI table's
/// R's) speaks the preset that has them all, unless the file named one.
fn speak_its_letters(process: &mut Process) {
    use crate::model::scheme::SchemeName;
    if process.scheme != SchemeName::AECI {
        return;
    }
    let used = process
        .steps
        .values()
        .flat_map(|s| s.roles.values())
        .fold(crate::model::RoleSet::EMPTY, |all, set| all.union(*set));
    process.scheme = SchemeName::fitting(used);
}

/// Reads a table file and builds its process, named after the file, its
/// warnings as the import's report; the process loads as saved.
pub fn import_table(path: &Path) -> Result<Imported, ImportError> {
    let cells = read_cells(path)?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (mut process, warnings) = process_from_table(&cells, &name).map_err(ImportError::Table)?;
    crate::model::limits::check_process(&process)?;
    speak_its_letters(&mut process);
    Ok(Imported {
        process: saved_and_loaded(&process)?,
        notes: warnings.into_iter().map(ImportNote::Table).collect(),
        needs_layout: false,
        sub_processes: Vec::new(),
    })
}

/// Reads any file an import takes — a table, or page `page` of a chart —
/// by its type.
pub fn import_file(path: &Path, page: usize) -> Result<Imported, ImportError> {
    match Source::of(path) {
        Some(Source::Table) => import_table(path),
        Some(Source::Chart) => import_chart(path, page),
        Some(Source::Visio) => import_visio(path, page),
        None => Err(ImportError::Type(
            path.extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default(),
        )),
    }
}

/// The files a version to compare with can be: Flowcase's own (and the
/// `.bak` a save keeps), tables and charts.
pub const VERSION_EXTENSIONS: &[&str] = &[
    "ron", "bak", "xlsx", "xlsm", "csv", "bpmn", "bpmn2", "drawio", "xml", "vsdx",
];

/// A version of a process from any file Flowcase reads, to compare with:
/// its own `.ron`, or a table or chart from another tool (what such an
/// import could not keep is left unsaid), with what that file could hold.
/// The error names the file.
pub fn read_version(
    path: &Path,
    lang: crate::lang::Lang,
) -> Result<(Process, crate::model::Carried), String> {
    use crate::model::Carried;
    let imported = match Source::of(path) {
        // A table holds steps, letters and the next steps, not the
        // overview or where boxes stand.
        Some(Source::Table) => import_table(path).map(|Imported { process: p, .. }| {
            let carried = Carried {
                overview: false,
                places: false,
            };
            (p, carried)
        }),
        // A chart holds places when it was drawn (not laid out here), the
        // overview when Flowcase wrote it.
        Some(source @ (Source::Chart | Source::Visio)) => match source {
            Source::Visio => import_visio(path, 1),
            _ => import_chart(path, 1),
        }
        .map(|i| {
            let o = &i.process.overview;
            let carried = Carried {
                overview: !(o.definition.is_empty() && o.purpose.is_empty() && o.owner.is_empty()),
                places: !i.needs_layout,
            };
            (i.process, carried)
        }),
        None => {
            return crate::format::load(path)
                .map(|p| (p, Carried::ALL))
                .map_err(|e| e.message(lang));
        }
    };
    imported.map_err(|e| format!("{}: {}", e.message(lang), path.display()))
}

/// The process as it will be saved and read again: refused, naming why,
/// when the bytes would not load.
fn saved_and_loaded(process: &Process) -> Result<Process, ImportError> {
    let text = crate::format::encode(process).map_err(|e| ImportError::Invalid(e.to_string()))?;
    crate::format::decode(text.as_bytes()).map_err(ImportError::NotLoadable)
}

/// The report of a chart's import in `lang`: its own lines, then each
/// sub-process's, named after it.
pub fn report_lines(
    imported: &Imported,
    parts: &[Imported],
    lang: crate::lang::Lang,
) -> Vec<String> {
    let mut lines: Vec<String> = imported.notes.iter().map(|n| n.message(lang)).collect();
    for part in parts {
        let name = &part.process.overview.name;
        lines.extend(
            part.notes
                .iter()
                .map(|n| format!("{name}: {}", n.message(lang))),
        );
    }
    lines
}
