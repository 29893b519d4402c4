//! Warnings, refusals and errors worded from the data the model and the
//! file format return, in either language; their `Display` is the English.

use super::{S, fill, tr};
use crate::format::{DecodeError, LoadError, MAX_FILE_BYTES, SaveError, SaveStep};
use crate::lang::Lang;
use crate::model::limits::{BandPart, Limited, OverLimit, OverviewPart, Place, StepPart};
use crate::model::{EditError, EditKind, GroupRefusal, ListOf, Problem, RuleId, Subject, Warning};
use std::fmt;

/// Errors display as their English message.
macro_rules! english_display {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.message(Lang::En))
            }
        }
    )*};
}

english_display!(EditError, OverLimit, DecodeError, LoadError, SaveError);

impl std::error::Error for EditError {}
impl std::error::Error for OverLimit {}
impl std::error::Error for DecodeError {}
impl std::error::Error for SaveError {}

impl RuleId {
    /// A short name of the rule, for settings and lists.
    pub fn title(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                RuleId::NoExecutor => S::RuleNoExecutor,
                RuleId::NoApprover => S::RuleNoApprover,
                RuleId::SeveralApprovers => S::RuleSeveralApprovers,
                RuleId::UnusedLane => S::RuleUnusedLane,
                RuleId::Disconnected => S::RuleDisconnected,
                RuleId::DecisionExits => S::RuleDecisionExits,
                RuleId::SelfLoop => S::RuleSelfLoop,
                RuleId::DuplicateNumber => S::RuleDuplicateNumber,
            },
        )
    }
}

impl Warning {
    /// The warning as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let name = &self.name;
        let what = match (self.subject, self.number) {
            (Subject::Lane(_), _) => fill(lang, S::WarnLane, &[("name", name)]),
            (_, Some(n)) => fill(lang, S::WarnStepNumbered, &[("n", &n), ("name", name)]),
            (_, None) => fill(lang, S::WarnStep, &[("name", name)]),
        };
        let role_words = |letter: &crate::model::scheme::Letter| {
            let name = if lang == Lang::Zh {
                letter.zh
            } else {
                letter.en
            };
            (name, letter.role.letter())
        };
        let (key, n, lanes) = match &self.problem {
            Problem::NoExecutor(l) | Problem::NoApprover(l) => {
                let (role, letter) = role_words(l);
                let values: [(&str, &dyn std::fmt::Display); 3] =
                    [("what", &what), ("role", &role), ("letter", &letter)];
                return fill(lang, S::WarnNoLetter, &values);
            }
            Problem::SeveralApprovers(l, lanes) => {
                let (role, letter) = role_words(l);
                let joined = lanes.join(tr(lang, S::ListSeparator));
                // More than one where one is wanted; past a count a scheme
                // allows (at most two advisers), that count.
                let (key, most) = match l.count.most() {
                    Some(most) if most > 1 => (S::WarnTooManyLetters, most),
                    _ => (S::WarnSeveralLetters, 1),
                };
                let values: [(&str, &dyn std::fmt::Display); 5] = [
                    ("what", &what),
                    ("role", &role),
                    ("letter", &letter),
                    ("lanes", &joined),
                    ("most", &most),
                ];
                return fill(lang, key, &values);
            }
            Problem::UnusedLane => (S::WarnUnusedLane, 0, String::new()),
            Problem::NotReached => (S::WarnNotReached, 0, String::new()),
            Problem::NotLeft => (S::WarnNotLeft, 0, String::new()),
            Problem::DecisionExits(n) => (S::WarnDecisionExits, *n as u64, String::new()),
            Problem::SelfLoop => (S::WarnSelfLoop, 0, String::new()),
            Problem::DuplicateNumber(n) => (S::WarnDuplicateNumber, u64::from(*n), String::new()),
        };
        fill(lang, key, &[("what", &what), ("n", &n), ("lanes", &lanes)])
    }
}

impl EditKind {
    /// The change as a short phrase for the Edit menu.
    pub fn name(self, lang: Lang) -> &'static str {
        use EditKind as K;
        let key = match self {
            K::Overview => S::DoOverview,
            K::Orientation => S::DoOrientation,
            K::Rules => S::DoRules,
            K::AddLane => S::DoAddLane,
            K::RemoveLane => S::DoRemoveLane,
            K::RenameLane => S::DoRenameLane,
            K::MoveLane => S::DoMoveLane,
            K::ResizeLane => S::DoResizeLane,
            K::AddPhase => S::DoAddPhase,
            K::RemovePhase => S::DoRemovePhase,
            K::RenamePhase => S::DoRenamePhase,
            K::MovePhase => S::DoMovePhase,
            K::ResizePhase => S::DoResizePhase,
            K::AddStep => S::DoAddStep,
            K::RemoveStep => S::DoRemoveStep,
            K::MoveStep => S::DoMoveStep,
            K::StepField => S::DoStepField,
            K::Roles => S::DoRoles,
            K::AddConnector => S::DoAddConnector,
            K::RemoveConnector => S::DoRemoveConnector,
            K::ConnectorLabel => S::DoConnectorLabel,
            K::ConnectorEnds => S::DoConnectorEnds,
            K::Layout => S::DoLayout,
            K::Conflicts => S::DoResolveConflict,
            K::Several => S::DoSeveral,
        };
        tr(lang, key)
    }
}

impl EditError {
    /// The refusal as a sentence in `lang` (ids stay as they are).
    pub fn message(&self, lang: Lang) -> String {
        let what = |key, what: &str| fill(lang, key, &[("what", &what)]);
        match self {
            EditError::Missing(it) => what(S::RefuseMissing, it),
            EditError::Duplicate(it) => what(S::RefuseDuplicate, it),
            EditError::BadSize { what, value } => {
                fill(lang, S::RefuseBadSize, &[("what", what), ("value", value)])
            }
            EditError::BadPosition(it) => what(S::RefuseBadPosition, it),
            EditError::BadIndex { what, index, len } => {
                let list = tr(lang, what.key());
                let values: [(&str, &dyn fmt::Display); 3] =
                    [("what", &list), ("index", index), ("len", len)];
                fill(lang, S::RefuseBadIndex, &values)
            }
            EditError::FateIsItself(it) => what(S::RefuseFateIsItself, it),
            EditError::ZeroNumber => tr(lang, S::RefuseZeroNumber).to_owned(),
            EditError::BadGroup { step, head, why } => {
                let why = tr(lang, why.key());
                let values: [(&str, &dyn fmt::Display); 3] =
                    [("step", step), ("head", head), ("why", &why)];
                fill(lang, S::RefuseBadGroup, &values)
            }
            EditError::OverLimit(over) => over.message(lang),
        }
    }
}

impl GroupRefusal {
    fn key(self) -> S {
        match self {
            GroupRefusal::OwnHead => S::GroupOwnHead,
            GroupRefusal::HeadGrouped => S::GroupHeadGrouped,
            GroupRefusal::HasMembers => S::GroupHasMembers,
        }
    }
}

impl ListOf {
    fn key(self) -> S {
        match self {
            ListOf::Lanes => S::ListLanes,
            ListOf::Phases => S::ListPhases,
        }
    }
}

impl OverLimit {
    /// The refusal as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let place = place_name(self.place, lang);
        let unit = tr(lang, unit_key(self.what));
        let values: [(&str, &dyn fmt::Display); 4] = [
            ("place", &place),
            ("found", &self.found),
            ("unit", &unit),
            ("limit", &self.limit),
        ];
        fill(lang, S::OverLimit, &values)
    }
}

fn unit_key(what: Limited) -> S {
    match what {
        Limited::Lanes => S::UnitLanes,
        Limited::Phases => S::UnitPhases,
        Limited::Steps => S::UnitSteps,
        Limited::Connectors => S::UnitConnectors,
        Limited::Position | Limited::BandSize | Limited::ChartSize => S::UnitChartUnits,
        Limited::TitleCharacters | Limited::NameCharacters | Limited::TextCharacters => {
            S::UnitCharacters
        }
        Limited::Entries => S::UnitEntries,
    }
}

/// A place in a process in words: "the title of step #12" / "步骤 12 的标题".
pub(crate) fn place_name(place: Place, lang: Lang) -> String {
    let item = |key, n: u32, id: &dyn fmt::Display, part: S| {
        let part = tr(lang, part);
        let values: [(&str, &dyn fmt::Display); 3] = [("n", &n), ("id", id), ("part", &part)];
        fill(lang, key, &values)
    };
    match place {
        Place::Process => tr(lang, S::PlaceProcess).to_owned(),
        Place::Lanes => tr(lang, S::PlaceLanes).to_owned(),
        Place::Phases => tr(lang, S::PlacePhases).to_owned(),
        Place::Overview(part) => {
            let part = tr(lang, overview_part_key(part));
            fill(lang, S::PlaceOverview, &[("part", &part)])
        }
        Place::Lane(id, part) => item(S::PlaceLane, id.0, &id, band_part_key(part)),
        Place::Phase(id, part) => item(S::PlacePhase, id.0, &id, band_part_key(part)),
        Place::Step(id, part) => item(S::PlaceStep, id.0, &id, step_part_key(part)),
        Place::ConnectorLabel(id) => item(S::PlaceConnectorLabel, id.0, &id, S::Label),
    }
}

fn band_part_key(part: BandPart) -> S {
    match part {
        BandPart::Name => S::PartName,
        BandPart::Size => S::PartSize,
    }
}

fn step_part_key(part: StepPart) -> S {
    match part {
        StepPart::Title => S::PartTitle,
        StepPart::Description => S::PartKeyPoints,
        StepPart::Outputs => S::PartOutputs,
        StepPart::ExitNumber => S::PartExitNumber,
        StepPart::ExitName => S::PartExitName,
        StepPart::Position => S::PartPosition,
    }
}

fn overview_part_key(part: OverviewPart) -> S {
    use OverviewPart as O;
    match part {
        O::Name => S::PartProcessName,
        O::Number => S::PartProcessNumber,
        O::Definition => S::PartDefinition,
        O::Purpose => S::PartPurpose,
        O::KeyPoints => S::PartImplementation,
        O::Participants => S::PartParticipants,
        O::Cycle => S::PartCycle,
        O::RelatedProcesses => S::PartRelatedProcesses,
        O::RelatedDocuments => S::PartRelatedDocuments,
        O::Owner => S::PartOwner,
    }
}

impl DecodeError {
    /// The error as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let current = crate::format::CURRENT_VERSION;
        match self {
            DecodeError::TooLarge { size } => fill(
                lang,
                S::FileTooLarge,
                &[("size", size), ("max", &MAX_FILE_BYTES)],
            ),
            DecodeError::Empty => tr(lang, S::FileEmpty).to_owned(),
            DecodeError::NotText {
                offset,
                line,
                column,
            } => {
                let values: [(&str, &dyn fmt::Display); 3] =
                    [("line", line), ("column", column), ("offset", offset)];
                fill(lang, S::FileNotText, &values)
            }
            DecodeError::Syntax {
                line,
                column,
                message,
            } => {
                let values: [(&str, &dyn fmt::Display); 3] =
                    [("line", line), ("column", column), ("message", message)];
                fill(lang, S::FileSyntax, &values)
            }
            DecodeError::TooNew { version } => fill(
                lang,
                S::FileTooNew,
                &[("version", version), ("current", &current)],
            ),
            DecodeError::UnknownVersion { version } => {
                fill(lang, S::FileUnknownVersion, &[("version", version)])
            }
            DecodeError::Invalid(detail) => fill(lang, S::FileInvalid, &[("detail", detail)]),
            DecodeError::OverLimit(over) => over.message(lang),
            DecodeError::Catalogue(e) => e.message(lang),
        }
    }
}

impl LoadError {
    /// The error as a sentence in `lang`, the path last.
    pub fn message(&self, lang: Lang) -> String {
        self.worded(lang, false)
    }

    /// The sentence, about the library's catalogue when `catalogue`.
    fn worded(&self, lang: Lang, catalogue: bool) -> String {
        let pick = |process, library| if catalogue { library } else { process };
        let (key, source, path) = match self {
            LoadError::Catalogue(inner) => return inner.worded(lang, true),
            LoadError::Read { path, source } => (
                pick(S::LoadRead, S::CatalogueRead),
                source.to_string(),
                path,
            ),
            LoadError::NotAFile { path } => (
                pick(S::LoadNotAFile, S::CatalogueNotAFile),
                String::new(),
                path,
            ),
            LoadError::Decode { path, source } => (
                pick(S::LoadDecode, S::CatalogueDecode),
                source.message(lang),
                path,
            ),
            LoadError::Outside { path } => (S::LoadOutside, String::new(), path),
        };
        let path = path.display();
        fill(lang, key, &[("source", &source), ("path", &path)])
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Read { source, .. } => Some(source),
            LoadError::NotAFile { .. } | LoadError::Outside { .. } => None,
            LoadError::Decode { source, .. } => Some(source),
            LoadError::Catalogue(inner) => inner.source(),
        }
    }
}

impl SaveStep {
    /// What failed, in `lang`.
    pub fn describe(self, lang: Lang) -> &'static str {
        let key = match self {
            SaveStep::Locate => S::SaveLocate,
            SaveStep::NotAFile => S::SaveNotAFile,
            SaveStep::HardLinked => S::SaveHardLinked,
            SaveStep::Busy => S::SaveBusy,
            SaveStep::ReadOnlyFolder => S::SaveReadOnlyFolder,
            SaveStep::ReadOnlyFile => S::SaveReadOnlyFile,
            SaveStep::ChangedOnDisk => S::SaveChangedOnDisk,
            SaveStep::Encode => S::SaveEncode,
            SaveStep::Verify => S::SaveVerify,
            SaveStep::WriteTemporary => S::SaveWriteTemporary,
            SaveStep::KeepBackup => S::SaveKeepBackup,
            SaveStep::Replace => S::SaveReplace,
            SaveStep::SyncFolder => S::SaveSyncFolder,
        };
        tr(lang, key)
    }
}

impl SaveError {
    /// The error as a sentence in `lang`, the path last.
    pub fn message(&self, lang: Lang) -> String {
        let what = self.step.describe(lang);
        let path = self.path.display();
        let values: [(&str, &dyn fmt::Display); 3] =
            [("what", &what), ("detail", &self.detail), ("path", &path)];
        let key = match self.detail.is_empty() {
            true => S::SaveErrorBare,
            false => S::SaveError,
        };
        fill(lang, key, &values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn load_errors_read_in_chinese_with_position_and_path() {
        let err = LoadError::Decode {
            path: PathBuf::from("/tmp/流程.ron"),
            source: DecodeError::Syntax {
                line: 3,
                column: 14,
                message: "Expected string".into(),
            },
        };
        assert_eq!(
            err.message(Lang::Zh),
            "无法打开流程文件:第 3 行第 14 列:Expected string:/tmp/流程.ron"
        );
        assert_eq!(err.message(Lang::En), err.to_string());
        let too_new = DecodeError::TooNew { version: 7 };
        assert!(too_new.message(Lang::Zh).contains("格式版本是 7"));
    }
}
