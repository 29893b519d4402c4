//! The `.ron` text of a library's catalogue (`流程清单.ron`): encoding,
//! decoding with its version and line:column errors, loading, and saving
//! atomically with a `.bak` like a process file.

use super::document::{DecodeError, checked_text, ron_options, syntax_error};
use super::files::{LoadError, SaveError, SaveStep, read_limited, write_atomically};
use super::replace::SaveFs;
use crate::model::catalogue::{Catalogue, Category, Department, Entry};
use crate::model::scheme::SchemeName;
use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The catalogue's file name at the root of a library folder.
pub const CATALOGUE_FILE: &str = "流程清单.ron";

/// The newest catalogue format version this build reads and writes:
/// version 2 names a role scheme other than AECI, version 3 defines one
/// (each written only then, so older builds open every other catalogue).
pub const CATALOGUE_VERSION: u32 = 3;

const HEADER_COMMENT: &str = "// Flowcase library catalogue (流程清单): the categories in order, the\n// processes of each (编号, 名称, owner, file relative to this folder), and\n// the departments with the other names they go by.\n";

#[derive(Serialize)]
struct CatalogueOut<'a> {
    format: u32,
    #[serde(skip_serializing_if = "is_aeci")]
    scheme: SchemeName,
    title: &'a str,
    categories: &'a [Category],
    entries: &'a [Entry],
    departments: &'a [Department],
}

#[derive(Deserialize)]
#[serde(rename = "Catalogue", deny_unknown_fields)]
struct CatalogueIn {
    format: u32,
    #[serde(default)]
    scheme: SchemeName,
    #[serde(default)]
    title: String,
    #[serde(default)]
    categories: Vec<Category>,
    #[serde(default)]
    entries: Vec<Entry>,
    #[serde(default)]
    departments: Vec<Department>,
}

/// Only the version, read when the whole does not parse.
#[derive(Deserialize)]
#[serde(rename = "Catalogue")]
struct Header {
    format: u32,
}

/// The catalogue as pretty RON; the same catalogue always gives the same
/// bytes.
pub fn encode_catalogue(catalogue: &Catalogue) -> Result<String, ron::Error> {
    let Catalogue {
        title,
        categories,
        entries,
        departments,
        scheme,
    } = catalogue;
    let out = CatalogueOut {
        format: match scheme {
            SchemeName::AECI => 1,
            SchemeName::Custom(_) => CATALOGUE_VERSION,
            _ => 2,
        },
        scheme: *scheme,
        title,
        categories,
        entries,
        departments,
    };
    let config = PrettyConfig::new().indentor("    ".to_owned());
    let body = ron::ser::to_string_pretty(&out, config)?;
    Ok(format!("{HEADER_COMMENT}{body}\n"))
}

fn is_aeci(scheme: &SchemeName) -> bool {
    *scheme == SchemeName::AECI
}

/// Reads a catalogue from a file's bytes; never panics.
pub fn decode_catalogue(bytes: &[u8]) -> Result<Catalogue, DecodeError> {
    let text = checked_text(bytes)?;
    let file = match ron_options().from_str::<CatalogueIn>(text) {
        Ok(file) => file,
        Err(e) => {
            // Say "too new" rather than a field error when it is.
            if let Ok(header) = ron_options().from_str::<Header>(text)
                && header.format > CATALOGUE_VERSION
            {
                return Err(DecodeError::TooNew {
                    version: header.format,
                });
            }
            return Err(syntax_error(e));
        }
    };
    match file.format {
        1..=CATALOGUE_VERSION => {}
        v if v > CATALOGUE_VERSION => return Err(DecodeError::TooNew { version: v }),
        v => return Err(DecodeError::UnknownVersion { version: v }),
    }
    let catalogue = Catalogue {
        title: file.title,
        categories: file.categories,
        entries: file.entries,
        departments: file.departments,
        scheme: file.scheme,
    };
    catalogue.validate().map_err(DecodeError::Catalogue)?;
    Ok(catalogue)
}

/// Reads the catalogue file at `path`.
pub fn load_catalogue(path: &Path) -> Result<Catalogue, LoadError> {
    let catalogue = |e| LoadError::Catalogue(Box::new(e));
    let bytes = read_limited(path).map_err(catalogue)?;
    decode_catalogue(&bytes).map_err(|source| {
        catalogue(LoadError::Decode {
            path: path.to_owned(),
            source,
        })
    })
}

/// Saves the catalogue atomically, keeping the previous file as `.bak`.
pub fn save_catalogue(
    catalogue: &Catalogue,
    path: &Path,
    fs: &mut dyn SaveFs,
) -> Result<(), SaveError> {
    let text = encode_catalogue(catalogue).map_err(|e| SaveError {
        step: SaveStep::Encode,
        detail: e.to_string(),
        path: path.to_owned(),
    })?;
    write_atomically(path, text.as_bytes(), fs)
}
