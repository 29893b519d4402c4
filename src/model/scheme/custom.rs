//! Schemes a library (or a process) defines for itself: their letters
//! chosen among A E C I R S D P, each named in both languages, standing
//! for an AECI letter or none, counted per main step; and the flags'
//! thresholds. A definition read is checked, then kept for the life of the
//! program (the same definition once), so that a scheme stays a small
//! copyable name everywhere else.

use super::{Count, CustomId, Letter, Scheme, SchemeName, THRESHOLDS, Thresholds, colour_of};
use crate::model::roles::Role;
use serde::{Deserialize, Serialize};
use std::sync::Mutex;

/// The most different schemes one run of Flowcase keeps (a few kilobytes
/// each): a library uses one; past this, a file defining another is
/// refused.
pub const MAX_CUSTOM_SCHEMES: usize = 4096;
/// The longest a letter's word may be (characters).
const MAX_WORD: usize = 40;
/// The longest a scheme's name may be: it titles the table, and a
/// spreadsheet's sheet (31 characters at most).
const MAX_NAME: usize = 20;

/// A scheme as a file defines it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    pub name: String,
    pub letters: Vec<LetterDefinition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<ThresholdsDefinition>,
}

/// One letter as a file defines it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LetterDefinition {
    pub letter: char,
    /// The AECI letter it stands for, when the library changes scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub like: Option<char>,
    pub zh: String,
    pub en: String,
    pub count: Count,
}

/// The flags' thresholds as a file writes them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThresholdsDefinition {
    pub approver_share: f64,
    pub told_share: f64,
    pub min_steps: usize,
    pub long_chain: usize,
}

/// Why a definition is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CustomError {
    /// A letter Flowcase has no role for.
    UnknownLetter(char),
    TwiceLetter(char),
    /// `like` names a letter other than A, E, C, I, or one two letters name.
    BadLike(char),
    /// No letter stands for AECI's E: new steps would have nothing to hold.
    NoExecutor,
    /// A name empty, too long or a preset's, a word empty or too long, or
    /// no letters.
    BadWords,
    /// A count of at most none.
    AtMostNone,
    BadThresholds,
    TooMany,
}

/// How a scheme is written in a file: a preset by its name, a defined one
/// whole.
#[allow(clippy::upper_case_acronyms)] // the names as files write them
#[derive(Clone, Serialize, Deserialize)]
pub(super) enum SchemeFile {
    AECI,
    RACI,
    RASCI,
    DACI,
    RAPID,
    Custom(Definition),
}

impl TryFrom<SchemeFile> for SchemeName {
    type Error = String;

    fn try_from(file: SchemeFile) -> Result<SchemeName, String> {
        Ok(match file {
            SchemeFile::AECI => SchemeName::AECI,
            SchemeFile::RACI => SchemeName::RACI,
            SchemeFile::RASCI => SchemeName::RASCI,
            SchemeFile::DACI => SchemeName::DACI,
            SchemeFile::RAPID => SchemeName::RAPID,
            SchemeFile::Custom(d) => define(&d).map_err(|e| format!("role scheme: {e:?}"))?,
        })
    }
}

impl From<SchemeName> for SchemeFile {
    fn from(name: SchemeName) -> SchemeFile {
        match name {
            SchemeName::AECI => SchemeFile::AECI,
            SchemeName::RACI => SchemeFile::RACI,
            SchemeName::RASCI => SchemeFile::RASCI,
            SchemeName::DACI => SchemeFile::DACI,
            SchemeName::RAPID => SchemeFile::RAPID,
            SchemeName::Custom(_) => SchemeFile::Custom(definition_of(name.scheme())),
        }
    }
}

/// The schemes defined so far, in the order first read.
static DEFINED: Mutex<Vec<(Definition, &'static Scheme)>> = Mutex::new(Vec::new());

/// Defined scheme `id`.
pub(super) fn get(id: u16) -> Option<&'static Scheme> {
    let defined = DEFINED.lock().unwrap_or_else(|e| e.into_inner());
    defined.get(usize::from(id)).map(|(_, s)| *s)
}

/// The scheme `d` defines, checked; the same definition gives the same
/// name every time.
pub fn define(given: &Definition) -> Result<SchemeName, CustomError> {
    check(given)?;
    // As it will be written back: letters in capitals, default thresholds
    // left out; so a definition read again is the same scheme.
    let d = &tidied(given);
    let mut defined = DEFINED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(at) = defined.iter().position(|(seen, _)| seen == d) {
        return Ok(SchemeName::Custom(CustomId(at as u16)));
    }
    if defined.len() >= MAX_CUSTOM_SCHEMES {
        return Err(CustomError::TooMany);
    }
    let name = SchemeName::Custom(CustomId(defined.len() as u16));
    let leak = |s: &str| -> &'static str { Box::leak(s.to_owned().into_boxed_str()) };
    let letters: Vec<Letter> = d
        .letters
        .iter()
        .filter_map(|l| {
            let role = Role::from_letter(l.letter)?;
            Some(Letter {
                role,
                like: l.like.and_then(Role::from_letter),
                zh: leak(&l.zh),
                en: leak(&l.en),
                count: l.count,
                colour: colour_of(role),
            })
        })
        .collect();
    let thresholds = d.thresholds.map_or(THRESHOLDS, |t| Thresholds {
        approver_share: t.approver_share,
        told_share: t.told_share,
        min_steps: t.min_steps,
        long_chain: t.long_chain,
    });
    let scheme: &'static Scheme = Box::leak(Box::new(Scheme {
        name,
        code: leak(&d.name),
        letters: Box::leak(letters.into_boxed_slice()),
        thresholds,
    }));
    defined.push((d.clone(), scheme));
    Ok(name)
}

/// `d` as `definition_of` writes it back.
fn tidied(d: &Definition) -> Definition {
    let mut d = d.clone();
    for l in &mut d.letters {
        l.letter = l.letter.to_ascii_uppercase();
        l.like = l.like.map(|c| c.to_ascii_uppercase());
    }
    let default = ThresholdsDefinition {
        approver_share: THRESHOLDS.approver_share,
        told_share: THRESHOLDS.told_share,
        min_steps: THRESHOLDS.min_steps,
        long_chain: THRESHOLDS.long_chain,
    };
    if d.thresholds == Some(default) {
        d.thresholds = None;
    }
    d
}

fn check(d: &Definition) -> Result<(), CustomError> {
    let word = |w: &str| !w.trim().is_empty() && w.chars().count() <= MAX_WORD;
    // A name that titles a sheet and is told from every preset.
    let name_ok = !d.name.trim().is_empty()
        && d.name.chars().count() <= MAX_NAME
        && !d
            .name
            .contains(['[', ']', ':', '*', '?', '/', '\\', '"', '<', '>', '&'])
        && SchemeName::parse(&d.name).is_none();
    if !name_ok || d.letters.is_empty() {
        return Err(CustomError::BadWords);
    }
    let mut seen = Vec::new();
    let mut likes = Vec::new();
    for l in &d.letters {
        if Role::from_letter(l.letter).is_none() {
            return Err(CustomError::UnknownLetter(l.letter));
        }
        let upper = l.letter.to_ascii_uppercase();
        if seen.contains(&upper) {
            return Err(CustomError::TwiceLetter(l.letter));
        }
        seen.push(upper);
        if l.count == Count::AtMost(0) {
            return Err(CustomError::AtMostNone);
        }
        if let Some(like) = l.like.map(|c| c.to_ascii_uppercase()) {
            if !"AECI".contains(like) || likes.contains(&like) {
                return Err(CustomError::BadLike(like));
            }
            likes.push(like);
        }
        if !word(&l.zh) || !word(&l.en) {
            return Err(CustomError::BadWords);
        }
    }
    if !likes.contains(&'E') {
        return Err(CustomError::NoExecutor);
    }
    if let Some(t) = d.thresholds {
        let share = |s: f64| s.is_finite() && (0.0..=1.0).contains(&s);
        if !share(t.approver_share) || !share(t.told_share) || t.long_chain == 0 {
            return Err(CustomError::BadThresholds);
        }
    }
    Ok(())
}

/// The definition a scheme was made from (a preset's, written out).
pub fn definition_of(scheme: &Scheme) -> Definition {
    Definition {
        name: scheme.code.to_owned(),
        letters: scheme
            .letters
            .iter()
            .map(|l| LetterDefinition {
                letter: l.role.letter(),
                like: l.like.map(Role::letter),
                zh: l.zh.to_owned(),
                en: l.en.to_owned(),
                count: l.count,
            })
            .collect(),
        thresholds: (scheme.thresholds != THRESHOLDS).then_some(ThresholdsDefinition {
            approver_share: scheme.thresholds.approver_share,
            told_share: scheme.thresholds.told_share,
            min_steps: scheme.thresholds.min_steps,
            long_chain: scheme.thresholds.long_chain,
        }),
    }
}
