//! Visio, both ways: a page of a `.vsdx` (Visio 2013 and later) read as a
//! process — its cross-functional flowchart's swimlanes as lanes,
//! separators as phases, flowchart shapes as steps, glued connectors as
//! connectors — and a process written as a `.vsdx` that Visio and
//! LibreOffice open, with lanes, phases, shapes, glued and routed
//! connectors and the roles in Shape Data. The package is a zip of XML
//! parts, read with `zip` and `roxmltree` and written with `zip`, the
//! crates the build already has.

mod build;
mod classify;
mod data;
mod package;
mod place;
mod sheet_xml;
mod sheets;
mod write;
mod write_shapes;

pub use package::{MAX_PACKAGE_BYTES, MAX_PART_BYTES};
pub use write::process_vsdx;

use crate::interop::report::Imported;
use crate::interop::xml::XmlError;
use build::Glue;
use package::Package;
use sheets::{Inherit, Sheets, read_sheets};
use std::collections::{BTreeMap, BTreeSet};

/// The most shapes one page (or master) may hold.
pub const MAX_SHAPES: usize = 50_000;

/// Why a Visio file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum VisioError {
    /// An OLE compound file: Visio's binary `.vsd` (or an encrypted file).
    Binary,
    /// Not a zip package.
    NotAPackage(String),
    TooManyParts(usize),
    /// A part (named) that does not unpack, or is not text.
    BrokenPart(String, String),
    PartTooLarge(String),
    PackageTooLarge,
    MissingPart(String),
    /// A part whose XML does not parse.
    Xml(String, XmlError),
    NoPages,
    NoSuchPage {
        page: usize,
        pages: usize,
    },
    /// More shapes on a page than a process could hold.
    TooManyShapes(usize),
    OverLimit(crate::model::limits::OverLimit),
}

/// Whether `bytes` begin like Visio's binary `.vsd` (an OLE compound file).
pub fn is_binary_visio(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Page `page` (from 1, background pages not counted) of a `.vsdx`,
/// named after the page (else `fallback_name`).
pub fn process_from_vsdx(
    bytes: &[u8],
    page: usize,
    fallback_name: &str,
) -> Result<Imported, VisioError> {
    let mut package = Package::open(bytes)?;
    let document = package.document()?;
    let pages = package.pages(&document)?;
    if pages.is_empty() {
        return Err(VisioError::NoPages);
    }
    let Some(chosen) = page.checked_sub(1).and_then(|i| pages.get(i)).cloned() else {
        return Err(VisioError::NoSuchPage {
            page,
            pages: pages.len(),
        });
    };
    let text = package.needed(&chosen.part)?;
    let doc = package::parse(&text, &chosen.part)?;
    let root = doc.root_element();
    let sheets = read_sheets(root, MAX_SHAPES).map_err(VisioError::TooManyShapes)?;
    let used: BTreeSet<u32> = sheets.all.iter().filter_map(|s| s.master).collect();
    let masters = read_masters(&mut package, &document, &used)?;
    let glues = read_glues(root);
    let inherit = Inherit {
        page: &sheets,
        masters: &masters,
    };
    let name = match chosen.name.trim() {
        "" => fallback_name,
        named => named,
    };
    build::build(&inherit, &glues, name)
}

/// The name and shapes of each master in `used`; a master whose part is
/// missing or broken is left out (its shapes then say only what they say).
fn read_masters(
    package: &mut Package,
    document: &str,
    used: &BTreeSet<u32>,
) -> Result<BTreeMap<u32, (String, Sheets)>, VisioError> {
    let mut out = BTreeMap::new();
    let listed = package.masters(document)?;
    for (id, master) in listed.into_iter().filter(|(id, _)| used.contains(id)) {
        let shapes = match package.text(&master.part) {
            Ok(Some(text)) => match package::parse(&text, &master.part) {
                Ok(doc) => read_sheets(doc.root_element(), MAX_SHAPES).unwrap_or_default(),
                Err(_) => Sheets::default(),
            },
            Ok(None) | Err(VisioError::BrokenPart(..)) => Sheets::default(),
            Err(e) => return Err(e),
        };
        out.insert(id, (master.name, shapes));
    }
    Ok(out)
}

/// The page's glue: which end of which connector is stuck to which shape.
fn read_glues(root: roxmltree::Node) -> Vec<Glue> {
    let Some(connects) = root.children().find(|c| c.has_tag_name("Connects")) else {
        return Vec::new();
    };
    connects
        .children()
        .filter(|c| c.has_tag_name("Connect"))
        .filter_map(|c| {
            let number = |a: &str| c.attribute(a)?.trim().parse::<u32>().ok();
            let cell = c.attribute("FromCell")?;
            Some(Glue {
                connector: number("FromSheet")?,
                begin: cell.starts_with("Begin"),
                shape: number("ToSheet")?,
            })
            .filter(|_| cell.starts_with("Begin") || cell.starts_with("End"))
        })
        .collect()
}
