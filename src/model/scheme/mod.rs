//! Role schemes: the letters a process writes (AECI by default; RACI,
//! RASCI, DACI, RAPID, or one a library defines), what each means in both
//! languages, which AECI letter it stands for when a library changes
//! scheme, and how many of it a main step must have.

mod custom;

pub use custom::{
    CustomError, Definition, LetterDefinition, MAX_CUSTOM_SCHEMES, ThresholdsDefinition, define,
    definition_of,
};

use super::roles::{Role, RoleSet};
use serde::{Deserialize, Serialize};

/// A scheme, as a file names it: a preset, or one defined in the file
/// (its place among the definitions read so far; the file writes the
/// definition).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(try_from = "custom::SchemeFile", into = "custom::SchemeFile")]
pub enum SchemeName {
    #[default]
    AECI,
    RACI,
    RASCI,
    DACI,
    RAPID,
    Custom(CustomId),
}

/// A scheme a file defined: made only by `define`, so it always names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CustomId(u16);

/// How many steps' lanes may hold a letter on one main step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Count {
    ExactlyOne,
    AtLeastOne,
    /// At most this many (none is fine).
    AtMost(u8),
    Any,
}

impl Count {
    /// Whether a main step needs at least one lane holding the letter.
    pub fn needs_one(self) -> bool {
        matches!(self, Count::ExactlyOne | Count::AtLeastOne)
    }

    /// The most lanes that may hold the letter on one main step.
    pub fn most(self) -> Option<usize> {
        match self {
            Count::ExactlyOne => Some(1),
            Count::AtMost(n) => Some(usize::from(n)),
            Count::AtLeastOne | Count::Any => None,
        }
    }
}

/// One letter of a scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Letter {
    pub role: Role,
    /// The AECI letter it stands for when converting (none: it has no
    /// counterpart, like RASCI's S).
    pub like: Option<Role>,
    /// What a lane holding it is, as a warning names it: 执行方, responsible.
    pub zh: &'static str,
    pub en: &'static str,
    pub count: Count,
    /// How its column and chips are tinted (RGB).
    pub colour: [u8; 3],
}

/// When the analysis of a library flags a department or a process.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    /// A department holding the approver's letter on more than this share
    /// of the main steps it takes part in decides too much alone.
    pub approver_share: f64,
    /// A department consulted or informed on more than this share of all
    /// the library's main steps is told about nearly everything.
    pub told_share: f64,
    /// Below this many main steps a department is not flagged.
    pub min_steps: usize,
    /// This many connectors in a row inside one lane is a long chain.
    pub long_chain: usize,
}

/// The thresholds every preset uses.
pub const THRESHOLDS: Thresholds = Thresholds {
    approver_share: 0.5,
    told_share: 0.8,
    min_steps: 4,
    long_chain: 5,
};

/// A scheme: its letters in the order cells show them.
#[derive(Debug, PartialEq)]
pub struct Scheme {
    pub name: SchemeName,
    /// As files and commands write it: `RACI`, or a defined scheme's name.
    pub code: &'static str,
    pub letters: &'static [Letter],
    pub thresholds: Thresholds,
}

const fn letter(
    role: Role,
    like: Option<Role>,
    zh: &'static str,
    en: &'static str,
    count: Count,
) -> Letter {
    Letter {
        role,
        like,
        zh,
        en,
        count,
        colour: colour_of(role),
    }
}

/// One colour per letter, the same in every scheme: deciding letters warm,
/// doing letters blue, advising green, told grey.
pub(crate) const fn colour_of(role: Role) -> [u8; 3] {
    match role {
        A | D => [0xc2, 0x41, 0x0c],
        E | R | P => [0x1d, 0x4e, 0xd8],
        S => [0x0e, 0x74, 0x90],
        C => [0x15, 0x80, 0x3d],
        I => [0x6b, 0x72, 0x80],
    }
}

use Count::{Any, AtLeastOne, ExactlyOne};
use Role::{A, C, D, E, I, P, R, S};

const AECI: Scheme = Scheme {
    name: SchemeName::AECI,
    code: "AECI",
    letters: &[
        letter(A, Some(A), "审批方", "approver", ExactlyOne),
        letter(E, Some(E), "执行方", "executor", AtLeastOne),
        letter(C, Some(C), "协助方", "consulted", Any),
        letter(I, Some(I), "知会方", "informed", Any),
    ],
    thresholds: THRESHOLDS,
};

const RACI: Scheme = Scheme {
    name: SchemeName::RACI,
    code: "RACI",
    letters: &[
        letter(R, Some(E), "负责人", "responsible", AtLeastOne),
        letter(A, Some(A), "问责人", "accountable", ExactlyOne),
        letter(C, Some(C), "咨询方", "consulted", Any),
        letter(I, Some(I), "知会方", "informed", Any),
    ],
    thresholds: THRESHOLDS,
};

const RASCI: Scheme = Scheme {
    name: SchemeName::RASCI,
    code: "RASCI",
    letters: &[
        letter(R, Some(E), "负责人", "responsible", AtLeastOne),
        letter(A, Some(A), "问责人", "accountable", ExactlyOne),
        letter(S, None, "支持方", "support", Any),
        letter(C, Some(C), "咨询方", "consulted", Any),
        letter(I, Some(I), "知会方", "informed", Any),
    ],
    thresholds: THRESHOLDS,
};

const DACI: Scheme = Scheme {
    name: SchemeName::DACI,
    code: "DACI",
    letters: &[
        letter(D, Some(E), "推动者", "driver", ExactlyOne),
        letter(A, Some(A), "批准人", "approver", ExactlyOne),
        letter(C, Some(C), "贡献者", "contributor", Any),
        letter(I, Some(I), "知会方", "informed", Any),
    ],
    thresholds: THRESHOLDS,
};

const RAPID: Scheme = Scheme {
    name: SchemeName::RAPID,
    code: "RAPID",
    letters: &[
        letter(R, None, "建议者", "recommender", Any),
        letter(A, None, "同意者", "agreer", Any),
        letter(P, Some(E), "执行者", "performer", AtLeastOne),
        letter(I, Some(C), "提供意见者", "input", Any),
        letter(D, Some(A), "决策者", "decider", ExactlyOne),
    ],
    thresholds: THRESHOLDS,
};

impl SchemeName {
    pub const ALL: [SchemeName; 5] = [
        SchemeName::AECI,
        SchemeName::RACI,
        SchemeName::RASCI,
        SchemeName::DACI,
        SchemeName::RAPID,
    ];

    pub fn scheme(self) -> &'static Scheme {
        match self {
            SchemeName::AECI => &AECI,
            SchemeName::RACI => &RACI,
            SchemeName::RASCI => &RASCI,
            SchemeName::DACI => &DACI,
            SchemeName::RAPID => &RAPID,
            SchemeName::Custom(CustomId(id)) => custom::get(id).unwrap_or(&AECI),
        }
    }

    /// The preset a process whose cells hold the letters `used` speaks:
    /// AECI when it has them all, else the first of RACI, RASCI, DACI,
    /// RAPID that does (AECI when none does: the rules then name what is
    /// missing).
    pub fn fitting(used: RoleSet) -> SchemeName {
        SchemeName::ALL
            .into_iter()
            .find(|s| used.iter().all(|r| s.scheme().has(r)))
            .unwrap_or_default()
    }

    /// `RACI`, `raci`: the preset of that name.
    pub fn parse(text: &str) -> Option<SchemeName> {
        let upper = text.trim().to_ascii_uppercase();
        SchemeName::ALL.into_iter().find(|s| s.code() == upper)
    }

    /// The name as files and commands write it.
    pub fn code(self) -> &'static str {
        self.scheme().code
    }
}

impl Scheme {
    /// Its letters as a set.
    pub fn roles(&self) -> RoleSet {
        RoleSet::of(&self.letter_roles())
    }

    /// Its letters in the order cells show them.
    pub fn letter_roles(&self) -> Vec<Role> {
        self.letters.iter().map(|l| l.role).collect()
    }

    /// Its letters as characters, in order.
    pub fn letter_chars(&self) -> Vec<char> {
        self.letters.iter().map(|l| l.role.letter()).collect()
    }

    pub fn has(&self, role: Role) -> bool {
        self.letters.iter().any(|l| l.role == role)
    }

    /// The letter standing for AECI's `like`, if the scheme has one.
    pub fn counterpart(&self, like: Role) -> Option<Role> {
        self.letters
            .iter()
            .find(|l| l.like == Some(like))
            .map(|l| l.role)
    }

    /// The letter a lane gets on a new step of its own (AECI's E).
    pub fn executor(&self) -> Role {
        self.counterpart(Role::E).unwrap_or(Role::E)
    }

    /// The letters of `set` written in scheme `to`: each by the AECI letter
    /// it stands for; one that stands for none (RASCI's S) as itself when
    /// `to` has it with no AECI meaning either. The first letter with no
    /// counterpart is the error.
    pub fn convert(&self, set: RoleSet, to: &Scheme) -> Result<RoleSet, Role> {
        let mut out = RoleSet::EMPTY;
        for role in set.iter() {
            let like = self
                .letters
                .iter()
                .find(|l| l.role == role)
                .and_then(|l| l.like);
            let target = match like {
                Some(like) => to.counterpart(like),
                None => to
                    .letters
                    .iter()
                    .find(|l| l.role == role && l.like.is_none())
                    .map(|l| l.role),
            };
            out = out.with(target.ok_or(role)?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aeci_and_raci_convert_letter_for_letter_and_back() {
        let (aeci, raci) = (SchemeName::AECI.scheme(), SchemeName::RACI.scheme());
        let set = RoleSet::of(&[A, E, I]);
        let there = aeci.convert(set, raci).unwrap();
        assert_eq!(there, RoleSet::of(&[A, R, I]));
        assert_eq!(raci.convert(there, aeci), Ok(set));
    }

    #[test]
    fn a_letter_without_counterpart_is_refused_and_nothing_becomes_s_by_itself() {
        let (rasci, raci, aeci) = (
            SchemeName::RASCI.scheme(),
            SchemeName::RACI.scheme(),
            SchemeName::AECI.scheme(),
        );
        assert_eq!(
            aeci.convert(RoleSet::of(&[A, E, C, I]), rasci),
            Ok(RoleSet::of(&[A, R, C, I]))
        );
        assert_eq!(rasci.convert(RoleSet::of(&[R, S]), raci), Err(S));
        assert_eq!(
            aeci.convert(RoleSet::of(&[I]), SchemeName::RAPID.scheme()),
            Err(I)
        );
        assert_eq!(SchemeName::parse(" raci "), Some(SchemeName::RACI));
        assert_eq!(SchemeName::parse("RACIX"), None);
    }
}
