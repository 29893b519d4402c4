//! What a comparison says: each change in words, and each department's
//! letters gained and lost ("大区: +2 A, -1 E"), in either language.

use super::{S, fill, tr};
use crate::lang::Lang;
use crate::model::limits::OverviewPart;
use crate::model::{Change, DepartmentSummary, KindShape, Role, RoleSet, StepRef};

impl StepRef {
    /// `步骤 4「审核申请」` / `Step 4 “审核申请”`.
    pub fn words(&self, lang: Lang) -> String {
        match self.number {
            Some(n) => fill(
                lang,
                S::WarnStepNumbered,
                &[("n", &n), ("name", &self.title)],
            ),
            None => fill(lang, S::WarnStep, &[("name", &self.title)]),
        }
    }
}

/// A step kind's word.
pub(super) fn kind_word(lang: Lang, kind: KindShape) -> &'static str {
    tr(
        lang,
        match kind {
            KindShape::Process => S::KindProcess,
            KindShape::Decision => S::KindDecision,
            KindShape::Start => S::KindStart,
            KindShape::End => S::KindEnd,
            KindShape::Document => S::KindDocument,
            KindShape::Exit => S::KindExit,
            KindShape::Note => S::KindNote,
        },
    )
}

/// An overview field's name, as the 概要 form labels it.
pub(super) fn field_word(lang: Lang, field: OverviewPart) -> &'static str {
    use OverviewPart as O;
    tr(
        lang,
        match field {
            O::Name => S::ProcessName,
            O::Number => S::ProcessNumber,
            O::Definition => S::Definition,
            O::Purpose => S::Purpose,
            O::KeyPoints => S::ImplementationPoints,
            O::Participants => S::Participants,
            O::Cycle => S::Cycle,
            O::RelatedProcesses => S::RelatedProcesses,
            O::RelatedDocuments => S::RelatedDocuments,
            O::Owner => S::Owner,
        },
    )
}

/// `+A -E`: letters gained, then lost.
pub fn role_change(gained: RoleSet, lost: RoleSet) -> String {
    let mut parts: Vec<String> = gained.iter().map(|r| format!("+{}", r.letter())).collect();
    parts.extend(lost.iter().map(|r| format!("-{}", r.letter())));
    parts.join(" ")
}

impl Change {
    /// The change in words.
    pub fn words(&self, lang: Lang) -> String {
        let step = |s: &StepRef| s.words(lang);
        let label = |l: &Option<String>| l.clone().unwrap_or_default();
        match self {
            Change::Overview { field, .. } => fill(
                lang,
                S::DiffOverview,
                &[("field", &field_word(lang, *field))],
            ),
            Change::LaneAdded { name } => fill(lang, S::DiffLaneAdded, &[("name", name)]),
            Change::LaneRemoved { name } => fill(lang, S::DiffLaneRemoved, &[("name", name)]),
            Change::LaneRenamed { old, new } => {
                fill(lang, S::DiffLaneRenamed, &[("old", old), ("new", new)])
            }
            Change::PhaseAdded { name } => fill(lang, S::DiffPhaseAdded, &[("name", name)]),
            Change::PhaseRemoved { name } => fill(lang, S::DiffPhaseRemoved, &[("name", name)]),
            Change::PhaseRenamed { old, new } => {
                fill(lang, S::DiffPhaseRenamed, &[("old", old), ("new", new)])
            }
            Change::StepAdded { step: s, lane } => fill(
                lang,
                S::DiffStepAdded,
                &[("step", &step(s)), ("lane", lane)],
            ),
            Change::StepRemoved { step: s, lane } => fill(
                lang,
                S::DiffStepRemoved,
                &[("step", &step(s)), ("lane", lane)],
            ),
            Change::Retitled { step: s, old } => {
                fill(lang, S::DiffRetitled, &[("step", &step(s)), ("old", old)])
            }
            Change::Rekinded { step: s, old, new } => fill(
                lang,
                S::DiffRekinded,
                &[
                    ("step", &step(s)),
                    ("old", &kind_word(lang, *old)),
                    ("new", &kind_word(lang, *new)),
                ],
            ),
            Change::MovedLane { step: s, old, new } => fill(
                lang,
                S::DiffMovedLane,
                &[("step", &step(s)), ("old", old), ("new", new)],
            ),
            Change::MovedPhase { step: s, old, new } => fill(
                lang,
                S::DiffMovedPhase,
                &[("step", &step(s)), ("old", old), ("new", new)],
            ),
            Change::Moved { step: s } => fill(lang, S::DiffMoved, &[("step", &step(s))]),
            Change::Renumbered { step: s, old, .. } => {
                fill(lang, S::DiffRenumbered, &[("step", &step(s)), ("old", old)])
            }
            Change::KeyPoints { step: s, .. } => {
                fill(lang, S::DiffKeyPoints, &[("step", &step(s))])
            }
            Change::Outputs { step: s, .. } => fill(lang, S::DiffOutputs, &[("step", &step(s))]),
            Change::Roles {
                step: s,
                lane,
                gained,
                lost,
            } => fill(
                lang,
                S::DiffRoles,
                &[
                    ("step", &step(s)),
                    ("lane", lane),
                    ("change", &role_change(*gained, *lost)),
                ],
            ),
            Change::ConnectorAdded { from, to, .. } => fill(
                lang,
                S::DiffConnectorAdded,
                &[("from", &step(from)), ("to", &step(to))],
            ),
            Change::ConnectorRemoved { from, to, .. } => fill(
                lang,
                S::DiffConnectorRemoved,
                &[("from", &step(from)), ("to", &step(to))],
            ),
            Change::Relabelled { from, to, old, new } => fill(
                lang,
                S::DiffRelabelled,
                &[
                    ("from", &step(from)),
                    ("to", &step(to)),
                    ("old", &label(old)),
                    ("new", &label(new)),
                ],
            ),
        }
    }
}

impl DepartmentSummary {
    /// `大区: +2 A, -1 E`, or `None` when nothing moved.
    pub fn words(&self) -> Option<String> {
        let parts: Vec<String> = [self.gained_words(), self.lost_words()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        (!parts.is_empty()).then(|| format!("{}: {}", self.lane, parts.join(", ")))
    }

    /// `+2 A, +1 E`: the letters gained (empty when none).
    pub fn gained_words(&self) -> String {
        counts("+", &self.gained)
    }

    /// `-1 E`: the letters lost (empty when none).
    pub fn lost_words(&self) -> String {
        counts("-", &self.lost)
    }
}

fn counts(sign: &str, counts: &[u32; 8]) -> String {
    Role::EVERY
        .iter()
        .zip(counts)
        .filter(|(_, n)| **n > 0)
        .map(|(role, n)| format!("{sign}{n} {}", role.letter()))
        .collect::<Vec<_>>()
        .join(", ")
}
