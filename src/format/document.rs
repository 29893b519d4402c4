//! The `.ron` text of a process: encoding, decoding, version dispatch.

use super::list_text;
use super::migrate::MIGRATIONS;
use crate::model::conflict::Conflict;
use crate::model::scheme::SchemeName;
use crate::model::{
    Connector, Lane, Orientation, Overview, Phase, Process, RuleSettings, Step, limits, validate,
};
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The newest format version this build reads and writes. Version 2 added
/// the `conflicts` a merge leaves, version 3 the role `scheme` (when not
/// AECI), version 4 a scheme the file defines; a file without them is
/// written as version 1, which older builds still open.
pub const CURRENT_VERSION: u32 = 4;

/// The versions read as they are (2 to 4 only added what 1 does not
/// have).
const READ_AS_THEY_ARE: [u32; 4] = [1, 2, 3, 4];

/// The version a process is written as: the oldest that holds all of it.
pub fn version_for(process: &Process) -> u32 {
    if matches!(process.scheme, SchemeName::Custom(_)) {
        4
    } else if process.scheme != SchemeName::AECI {
        3
    } else if !process.conflicts.is_empty() {
        2
    } else {
        1
    }
}

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The byte-order mark some editors put at the start of UTF-8 files.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The first line of every saved file.
const HEADER_COMMENT: &str = "// Flowcase process chart. Steps, roles and connectors refer to lanes and\n// steps by id; positions are box centres in chart units (along the flow\n// from the start of the step's phase, across from the start of its lane).\n";

/// Why a text is not a process this build can open. (Worded, with the
/// line and column or the id at fault, by `crate::text`.)
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    TooLarge {
        size: u64,
    },
    Empty,
    NotText {
        offset: usize,
        line: usize,
        column: usize,
    },
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    TooNew {
        version: u32,
    },
    UnknownVersion {
        version: u32,
    },
    /// A broken reference or invariant, named by `validate`.
    Invalid(String),
    /// A library catalogue that contradicts itself.
    Catalogue(crate::model::catalogue::CatalogueError),
    OverLimit(limits::OverLimit),
}

/// The parser options every read uses: ron's recursion limit stays on,
/// and `Some(..)` may be left out around optional values.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Converts ron's error, with its position, into ours.
pub(crate) fn syntax_error(err: ron::error::SpannedError) -> DecodeError {
    let message = match err.code {
        ron::Error::ExceededRecursionLimit => {
            "values are nested too deeply (more than 128 levels)".to_owned()
        }
        code => code.to_string(),
    };
    DecodeError::Syntax {
        line: err.span.start.line,
        column: err.span.start.col,
        message,
    }
}

/// Line and column (both from 1) of the character that starts at `offset`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The file as written: `format` first, then the process in a fixed order.
#[derive(Serialize)]
struct FileOut<'a> {
    format: u32,
    #[serde(skip_serializing_if = "is_aeci")]
    scheme: SchemeName,
    overview: &'a Overview,
    orientation: Orientation,
    lanes: &'a [Lane],
    #[serde(skip_serializing_if = "<[Phase]>::is_empty")]
    phases: &'a [Phase],
    steps: Vec<&'a Step>,
    connectors: Vec<&'a Connector>,
    #[serde(skip_serializing_if = "RuleSettings::is_default")]
    rules: &'a RuleSettings,
    #[serde(skip_serializing_if = "<[Conflict]>::is_empty")]
    conflicts: &'a [Conflict],
}

/// The current version's file as read.
#[derive(Deserialize)]
#[serde(rename = "ProcessFile", deny_unknown_fields)]
pub(crate) struct FileIn {
    pub(super) format: u32,
    #[serde(default)]
    pub(super) scheme: SchemeName,
    #[serde(default)]
    pub(super) overview: Overview,
    #[serde(default)]
    pub(super) orientation: Orientation,
    #[serde(default)]
    pub(super) lanes: Vec<Lane>,
    #[serde(default)]
    pub(super) phases: Vec<Phase>,
    #[serde(default)]
    pub(super) steps: Vec<Step>,
    #[serde(default)]
    pub(super) connectors: Vec<Connector>,
    #[serde(default)]
    pub(super) rules: RuleSettings,
    #[serde(default)]
    pub(super) conflicts: Vec<Conflict>,
}

fn is_aeci(scheme: &SchemeName) -> bool {
    *scheme == SchemeName::AECI
}

/// Only the version, read before anything else. (Named like the file so
/// that ron's messages speak of a `ProcessFile`.)
#[derive(Deserialize)]
#[serde(rename = "ProcessFile")]
struct Header {
    format: u32,
}

/// Writes a process as pretty RON. The same process always gives the same
/// bytes.
pub fn encode(process: &Process) -> Result<String, ron::Error> {
    encode_file(process).map(|file| file.text)
}

/// A process written as file text, and where its read-back check may divide
/// it in two.
pub(crate) struct EncodedFile {
    pub(crate) text: String,
    /// Where the second half of the steps list starts and how many steps
    /// come before it, when the text was written by `list_text` and has at
    /// least two steps.
    pub(super) split: Option<(usize, usize)>,
}

fn file_out(process: &Process, with_lists: bool) -> FileOut<'_> {
    // Every field named: a field added to `Process` fails to compile here
    // until the file holds it.
    let Process {
        overview,
        orientation,
        lanes,
        phases,
        steps,
        connectors,
        rules,
        conflicts,
        scheme,
    } = process;
    FileOut {
        format: version_for(process),
        scheme: *scheme,
        overview,
        orientation: *orientation,
        lanes,
        phases,
        steps: match with_lists {
            true => steps.values().collect(),
            false => Vec::new(),
        },
        connectors: match with_lists {
            true => connectors.values().collect(),
            false => Vec::new(),
        },
        rules,
        conflicts,
    }
}

fn pretty(escape_strings: bool) -> PrettyConfig {
    PrettyConfig::new()
        .depth_limit(3)
        .indentor("    ".to_owned())
        .new_line("\n".to_owned())
        .escape_strings(escape_strings)
}

/// `encode`, remembering where the steps list can be divided.
pub(crate) fn encode_file(process: &Process) -> Result<EncodedFile, ron::Error> {
    if let Some(file) = encode_lists_by_hand(process)? {
        return Ok(file);
    }
    Ok(EncodedFile {
        text: encode_with_ron(process)?,
        split: None,
    })
}

/// The whole file written by ron.
pub(super) fn encode_with_ron(process: &Process) -> Result<String, ron::Error> {
    // ron escapes strings character by character through `escape_debug`,
    // which costs more than the rest of the encoding for Chinese text. When
    // no string needs an escape, escaped and unescaped output are the same
    // bytes, so write unescaped and check; otherwise write escaped.
    let file = file_out(process, true);
    let unescaped = ron_options().to_string_pretty(&file, pretty(false))?;
    let body = if strings_need_no_escape(&unescaped) {
        unescaped
    } else {
        ron_options().to_string_pretty(&file, pretty(true))?
    };
    Ok(format!("{HEADER_COMMENT}{body}\n"))
}

/// The empty lists ron writes in the file without steps and connectors.
const EMPTY_LISTS: &str = "\n    steps: [],\n    connectors: [],\n";

/// The file with everything but the steps and connectors written by ron and
/// those two lists by `list_text`; `None` when some string needs escaping.
fn encode_lists_by_hand(process: &Process) -> Result<Option<EncodedFile>, ron::Error> {
    let skeleton = ron_options().to_string_pretty(&file_out(process, false), pretty(false))?;
    // No string in an unescaped skeleton holds a line break, so the lists
    // are found exactly once.
    let at = match skeleton.find(EMPTY_LISTS) {
        Some(at) if strings_need_no_escape(&skeleton) => at,
        _ => return Ok(None),
    };
    let mut text = String::with_capacity(
        HEADER_COMMENT.len()
            + skeleton.len()
            + 360 * process.steps.len()
            + 80 * process.connectors.len(),
    );
    text.push_str(HEADER_COMMENT);
    text.push_str(&skeleton[..at]);
    text.push_str("\n    steps: [");
    let Some(starts) = list_text::write_steps(&mut text, process.steps.values()) else {
        return Ok(None);
    };
    text.push_str("],\n    connectors: [");
    if list_text::write_connectors(&mut text, process.connectors.values()).is_none() {
        return Ok(None);
    }
    text.push_str("],\n");
    text.push_str(&skeleton[at + EMPTY_LISTS.len()..]);
    text.push('\n');
    let half = starts.len() / 2;
    let split = match starts.get(half) {
        Some(&at) if half > 0 => Some((at, half)),
        _ => None,
    };
    Ok(Some(EncodedFile { text, split }))
}

/// Whether every string in RON written with `escape_strings(false)` is
/// written exactly as escaping would write it: no raw strings (used for
/// `"` and `\\`) and only characters that `char::escape_debug` keeps.
fn strings_need_no_escape(ron: &str) -> bool {
    let mut in_string = false;
    let mut previous = '\0';
    for c in ron.chars() {
        if in_string {
            if c == '"' {
                in_string = false;
            } else if !kept_by_escape_debug(c) {
                return false;
            }
        } else if c == '"' {
            // `r"…"` or `r#"…"#`: a raw string, written only when escaping
            // would be needed.
            if previous == 'r' || previous == '#' {
                return false;
            }
            in_string = true;
        }
        previous = c;
    }
    !in_string
}

/// Whether `char::escape_debug` leaves the character as it is. Common CJK
/// ideographs are answered without the Unicode tables.
pub(super) fn kept_by_escape_debug(c: char) -> bool {
    match c {
        '"' | '\'' | '\\' => false,
        ' '..='~' | '\u{4E00}'..='\u{9FFF}' => true,
        _ => {
            let mut escaped = c.escape_debug();
            escaped.next() == Some(c) && escaped.next().is_none()
        }
    }
}

/// The text of a file's bytes: refused when too large, not UTF-8 (with the
/// line and column) or empty; a byte-order mark is passed over.
pub(crate) fn checked_text(bytes: &[u8]) -> Result<&str, DecodeError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    // Editors on Windows often start UTF-8 files with a byte-order mark;
    // it carries nothing, so it is passed over.
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        // The bytes before `offset` are valid UTF-8 by definition.
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let (line, column) = line_and_column(valid, offset);
        DecodeError::NotText {
            offset,
            line,
            column,
        }
    })?;
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(text)
}

/// Reads a process from the bytes of a file: checks size and encoding,
/// dispatches on the format version (migrating older ones) and validates
/// every reference. Never panics.
pub fn decode(bytes: &[u8]) -> Result<Process, DecodeError> {
    let text = checked_text(bytes)?;
    // Most files are current: read them in one pass. Only when that fails,
    // or the version differs, read the version alone to say why or migrate.
    let current = match ron_options().from_str::<FileIn>(text) {
        Ok(file) if READ_AS_THEY_ARE.contains(&file.format) => return into_process(file),
        other => other,
    };
    let header: Header = ron_options().from_str(text).map_err(syntax_error)?;
    let file = match header.format {
        v if READ_AS_THEY_ARE.contains(&v) => current.map_err(syntax_error)?,
        v if v > CURRENT_VERSION => return Err(DecodeError::TooNew { version: v }),
        v => match MIGRATIONS.iter().find(|m| m.from == v) {
            Some(migration) => (migration.read)(text)?,
            None => return Err(DecodeError::UnknownVersion { version: v }),
        },
    };
    into_process(file)
}

impl FileIn {
    /// A current-version file from its parts (used by migrations).
    pub(crate) fn new(
        overview: Overview,
        lanes: Vec<Lane>,
        steps: Vec<Step>,
        connectors: Vec<Connector>,
    ) -> FileIn {
        FileIn {
            format: CURRENT_VERSION,
            overview,
            orientation: Orientation::Horizontal,
            lanes,
            phases: Vec::new(),
            steps,
            connectors,
            rules: RuleSettings::default(),
            conflicts: Vec::new(),
            scheme: SchemeName::AECI,
        }
    }
}

/// What loading does to each step read: lanes written with no letters are
/// dropped, so equal role maps compare equal.
pub(super) fn tidy_read_step(step: &mut Step) {
    step.roles.retain(|_, set| !set.is_empty());
}

/// Builds the model from a read file, refusing duplicate ids and anything
/// `validate` refuses.
fn into_process(file: FileIn) -> Result<Process, DecodeError> {
    let mut steps = BTreeMap::new();
    for mut step in file.steps {
        tidy_read_step(&mut step);
        let id = step.id;
        if steps.insert(id, step).is_some() {
            return Err(DecodeError::Invalid(format!(
                "two steps have the id {}",
                id.0
            )));
        }
    }
    let mut connectors = BTreeMap::new();
    for connector in file.connectors {
        let id = connector.id;
        if connectors.insert(id, connector).is_some() {
            return Err(DecodeError::Invalid(format!(
                "two connectors have the id {}",
                id.0
            )));
        }
    }
    let process = Process {
        overview: file.overview,
        orientation: file.orientation,
        lanes: file.lanes,
        phases: file.phases,
        steps,
        connectors,
        rules: file.rules,
        conflicts: file.conflicts,
        scheme: file.scheme,
    };
    limits::check_process(&process).map_err(DecodeError::OverLimit)?;
    validate(&process).map_err(DecodeError::Invalid)?;
    Ok(process)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape_debug_keeps(c: char) -> bool {
        let mut escaped = c.escape_debug();
        escaped.next() == Some(c) && escaped.next().is_none()
    }

    #[test]
    fn the_shortcut_for_ideographs_and_ascii_agrees_with_escape_debug() {
        for c in (0x20..0x7f)
            .chain(0x4E00..=0x9FFF)
            .filter_map(char::from_u32)
        {
            assert_eq!(kept_by_escape_debug(c), escape_debug_keeps(c), "{c:?}");
        }
    }

    #[test]
    fn raw_strings_and_escapable_characters_are_noticed() {
        assert!(strings_need_no_escape("(title: \"确定关键客户\", n: 3)"));
        assert!(!strings_need_no_escape("(title: r#\"a\"b\"#)"));
        assert!(!strings_need_no_escape("(title: r\"a\\b\")"));
        assert!(!strings_need_no_escape("(title: \"第一行\n第二行\")"));
        assert!(!strings_need_no_escape("(title: \"tab\there\")"));
        assert!(!strings_need_no_escape("(title: \"it's\")"));
        // U+0301 combining accent is escaped by escape_debug.
        assert!(!strings_need_no_escape("(title: \"e\u{301}\")"));
    }
}
