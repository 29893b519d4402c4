//! The largest process Flowcase takes: limits far past any real process,
//! which keep every layout and export bounded in time and memory. Loading
//! refuses files beyond them and `apply` refuses edits that would pass them.

use super::edit::{Edit, OverviewField, StepField};
use super::ids::{ConnectorId, LaneId, PhaseId, StepId};
use super::process::{FlowPoint, Overview, Process, Step, StepKind};

/// Lanes in one process (the case deck has 4; a company-wide chart 30).
pub const MAX_LANES: usize = 100;
/// Phase bands in one process.
pub const MAX_PHASES: usize = 100;
/// Steps in one process (the deck's charts have about 15).
pub const MAX_STEPS: usize = 5_000;
/// Connectors in one process.
pub const MAX_CONNECTORS: usize = 15_000;
/// How far a step's centre may lie from the start of its lane or phase,
/// and how thick a lane or long a phase may be, in chart units.
pub const MAX_COORDINATE: u64 = 2_000_000;
/// The lanes together, and the phases together, in chart units.
pub const MAX_CHART_SIZE: u64 = 2_000_000;
/// Characters in a step title.
pub const MAX_TITLE: usize = 500;
/// Characters in a name: lanes, phases, labels, exits, list entries and
/// the short fields of the overview.
pub const MAX_NAME: usize = 200;
/// Characters in a text: 要点, 定义, 目的, participants.
pub const MAX_TEXT: usize = 5_000;
/// Entries in one list (outputs, key points, related processes …).
pub const MAX_ENTRIES: usize = 100;

/// `text` cut to `limit` characters ending in "…", when it is longer;
/// `None` when it fits.
pub fn shortened(text: &str, limit: usize) -> Option<String> {
    if text.len() <= limit || text.chars().count() <= limit {
        return None;
    }
    let mut short: String = text.chars().take(limit.saturating_sub(1)).collect();
    short.push('…');
    Some(short)
}

/// What a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limited {
    Lanes,
    Phases,
    Steps,
    Connectors,
    /// Distance of a step's centre from the start of its lane or phase.
    Position,
    /// Thickness of a lane or length of a phase.
    BandSize,
    /// All lanes, or all phases, together.
    ChartSize,
    TitleCharacters,
    NameCharacters,
    TextCharacters,
    Entries,
}

/// Where in a process a limit was passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Process,
    /// All lanes together.
    Lanes,
    /// All phases together.
    Phases,
    Overview(OverviewPart),
    Lane(LaneId, BandPart),
    Phase(PhaseId, BandPart),
    Step(StepId, StepPart),
    ConnectorLabel(ConnectorId),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandPart {
    Name,
    Size,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepPart {
    Title,
    Description,
    Outputs,
    ExitNumber,
    ExitName,
    Position,
}

/// The overview's fields, as the 概要 form names them (reports write
/// them in snake case: `key_points`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum OverviewPart {
    Name,
    Number,
    Definition,
    Purpose,
    KeyPoints,
    Participants,
    Cycle,
    RelatedProcesses,
    RelatedDocuments,
    Owner,
}

/// A process, or an edit, that goes past a limit: what, where, how much,
/// and the limit. (Worded by `crate::text`.)
#[derive(Clone, Debug, PartialEq)]
pub struct OverLimit {
    pub what: Limited,
    pub place: Place,
    pub found: u64,
    pub limit: u64,
}

type Check = Result<(), OverLimit>;

fn at_most(what: Limited, place: Place, found: u64, limit: u64) -> Check {
    if found <= limit {
        return Ok(());
    }
    Err(OverLimit {
        what,
        place,
        found,
        limit,
    })
}

fn count(what: Limited, n: usize, limit: usize) -> Check {
    at_most(what, Place::Process, n as u64, limit as u64)
}

fn chars(what: Limited, text: &str, limit: usize, place: Place) -> Check {
    // Bytes bound characters from above: most texts need no counting.
    if text.len() <= limit {
        return Ok(());
    }
    at_most(what, place, text.chars().count() as u64, limit as u64)
}

fn name(text: &str, place: Place) -> Check {
    chars(Limited::NameCharacters, text, MAX_NAME, place)
}

fn text(text: &str, place: Place) -> Check {
    chars(Limited::TextCharacters, text, MAX_TEXT, place)
}

fn entries(list: &[String], place: Place) -> Check {
    at_most(
        Limited::Entries,
        place,
        list.len() as u64,
        MAX_ENTRIES as u64,
    )?;
    list.iter().try_for_each(|entry| name(entry, place))
}

/// A length in chart units, rounded up.
fn units(value: f32) -> u64 {
    if !value.is_finite() {
        return 0; // refused by the finiteness checks, with their own message
    }
    f64::from(value.abs()).ceil() as u64
}

fn band_size(size: f32, place: Place) -> Check {
    at_most(Limited::BandSize, place, units(size), MAX_COORDINATE)
}

fn position(at: FlowPoint, id: StepId) -> Check {
    let far = units(at.along).max(units(at.across));
    let place = Place::Step(id, StepPart::Position);
    at_most(Limited::Position, place, far, MAX_COORDINATE)
}

fn chart_size(sizes: impl Iterator<Item = f32>, place: Place) -> Check {
    let total = sizes.map(units).fold(0_u64, u64::saturating_add);
    at_most(Limited::ChartSize, place, total, MAX_CHART_SIZE)
}

/// Every text, list and position of one step.
pub fn check_step(step: &Step) -> Check {
    let at = |part| Place::Step(step.id, part);
    chars(
        Limited::TitleCharacters,
        &step.title,
        MAX_TITLE,
        at(StepPart::Title),
    )?;
    text(&step.description, at(StepPart::Description))?;
    entries(&step.outputs, at(StepPart::Outputs))?;
    if let StepKind::ProcessExit { number, name: exit } = &step.kind {
        name(number, at(StepPart::ExitNumber))?;
        name(exit, at(StepPart::ExitName))?;
    }
    position(step.at, step.id)
}

fn check_step_field(id: StepId, field: &StepField) -> Check {
    let at = |part| Place::Step(id, part);
    match field {
        StepField::Kind(StepKind::ProcessExit { number, name: exit }) => {
            name(number, at(StepPart::ExitNumber))?;
            name(exit, at(StepPart::ExitName))
        }
        StepField::Title(title) => chars(
            Limited::TitleCharacters,
            title,
            MAX_TITLE,
            at(StepPart::Title),
        ),
        StepField::Description(value) => text(value, at(StepPart::Description)),
        StepField::Outputs(list) => entries(list, at(StepPart::Outputs)),
        _ => Ok(()),
    }
}

/// One field of the overview.
fn check_overview_field(field: &OverviewField) -> Check {
    use OverviewField as F;
    use OverviewPart as O;
    let at = Place::Overview;
    match field {
        F::Name(v) => name(v, at(O::Name)),
        F::Number(v) => name(v, at(O::Number)),
        F::Definition(v) => text(v, at(O::Definition)),
        F::Purpose(v) => text(v, at(O::Purpose)),
        F::KeyPoints(v) => entries(v, at(O::KeyPoints)),
        F::Participants(v) => text(v, at(O::Participants)),
        F::Cycle(v) => name(v, at(O::Cycle)),
        F::RelatedProcesses(v) => entries(v, at(O::RelatedProcesses)),
        F::RelatedDocuments(v) => entries(v, at(O::RelatedDocuments)),
        F::Owner(v) => name(v, at(O::Owner)),
    }
}

/// Every field of the overview.
pub fn check_overview(o: &Overview) -> Check {
    use OverviewField as F;
    [
        F::Name(o.name.clone()),
        F::Number(o.number.clone()),
        F::Definition(o.definition.clone()),
        F::Purpose(o.purpose.clone()),
        F::KeyPoints(o.key_points.clone()),
        F::Participants(o.participants.clone()),
        F::Cycle(o.cycle.clone()),
        F::RelatedProcesses(o.related_processes.clone()),
        F::RelatedDocuments(o.related_documents.clone()),
        F::Owner(o.owner.clone()),
    ]
    .iter()
    .try_for_each(check_overview_field)
}

/// Every limit, for a process read from a file.
pub fn check_process(process: &Process) -> Check {
    count(Limited::Lanes, process.lanes.len(), MAX_LANES)?;
    count(Limited::Phases, process.phases.len(), MAX_PHASES)?;
    count(Limited::Steps, process.steps.len(), MAX_STEPS)?;
    count(
        Limited::Connectors,
        process.connectors.len(),
        MAX_CONNECTORS,
    )?;
    check_overview(&process.overview)?;
    for lane in &process.lanes {
        name(&lane.name, Place::Lane(lane.id, BandPart::Name))?;
        band_size(lane.size, Place::Lane(lane.id, BandPart::Size))?;
    }
    chart_size(process.lanes.iter().map(|l| l.size), Place::Lanes)?;
    for phase in &process.phases {
        name(&phase.name, Place::Phase(phase.id, BandPart::Name))?;
        band_size(phase.size, Place::Phase(phase.id, BandPart::Size))?;
    }
    chart_size(process.phases.iter().map(|p| p.size), Place::Phases)?;
    process.steps.values().try_for_each(check_step)?;
    process.connectors.values().try_for_each(|c| {
        name(
            c.label.as_deref().unwrap_or_default(),
            Place::ConnectorLabel(c.id),
        )
    })
}

/// A lane or phase about to be added beside bands of `sizes`.
fn band_added(
    text: &str,
    size: f32,
    at: impl Fn(BandPart) -> Place,
    sizes: impl Iterator<Item = f32>,
    total: Place,
) -> Check {
    name(text, at(BandPart::Name))?;
    band_size(size, at(BandPart::Size))?;
    chart_size(sizes.chain([size]), total)
}

/// A lane or phase about to get `size`; `sizes` marks which band it is.
fn band_resized(
    size: f32,
    at: Place,
    sizes: impl Iterator<Item = (bool, f32)>,
    total: Place,
) -> Check {
    band_size(size, at)?;
    let sizes = sizes.map(|(this, old)| if this { size } else { old });
    chart_size(sizes, total)
}

/// The limits one edit could pass, checked before it is applied (a batch
/// is checked edit by edit as it is applied).
pub fn check_edit(process: &Process, edit: &Edit) -> Check {
    match edit {
        Edit::AddLane { lane, .. } => {
            let at = |part| Place::Lane(lane.id, part);
            let sizes = process.lanes.iter().map(|l| l.size);
            count(Limited::Lanes, process.lanes.len() + 1, MAX_LANES)?;
            band_added(&lane.name, lane.size, at, sizes, Place::Lanes)
        }
        Edit::RenameLane { id, name: new } => name(new, Place::Lane(*id, BandPart::Name)),
        Edit::ResizeLane { id, size } => {
            let sizes = process.lanes.iter().map(|l| (l.id == *id, l.size));
            band_resized(*size, Place::Lane(*id, BandPart::Size), sizes, Place::Lanes)
        }
        Edit::AddPhase { phase, .. } => {
            let at = |part| Place::Phase(phase.id, part);
            let sizes = process.phases.iter().map(|p| p.size);
            count(Limited::Phases, process.phases.len() + 1, MAX_PHASES)?;
            band_added(&phase.name, phase.size, at, sizes, Place::Phases)
        }
        Edit::RenamePhase { id, name: new } => name(new, Place::Phase(*id, BandPart::Name)),
        Edit::ResizePhase { id, size } => {
            let sizes = process.phases.iter().map(|p| (p.id == *id, p.size));
            band_resized(
                *size,
                Place::Phase(*id, BandPart::Size),
                sizes,
                Place::Phases,
            )
        }
        Edit::AddStep(step) => {
            count(Limited::Steps, process.steps.len() + 1, MAX_STEPS)?;
            check_step(step)
        }
        Edit::MoveStep { id, at, .. } => position(*at, *id),
        Edit::SetStep { id, field } => check_step_field(*id, field),
        Edit::AddConnector(c) => {
            let n = process.connectors.len() + 1;
            count(Limited::Connectors, n, MAX_CONNECTORS)?;
            let label = c.label.as_deref().unwrap_or_default();
            name(label, Place::ConnectorLabel(c.id))
        }
        Edit::SetConnectorLabel { id, label } => name(
            label.as_deref().unwrap_or_default(),
            Place::ConnectorLabel(*id),
        ),
        Edit::SetOverview(field) => check_overview_field(field),
        _ => Ok(()),
    }
}
