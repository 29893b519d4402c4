//! Fitting an imported process to Flowcase's limits: texts too long are
//! shortened with "…" and noted, element by element; counts and sizes past
//! a limit are refused; and what is kept must come back whole from the
//! bytes it will be saved as, so no import writes a file that does not load.

use super::report::ImportNote;
use crate::model::Process;
use crate::model::limits::{
    self, BandPart, Limited, MAX_NAME, MAX_TEXT, MAX_TITLE, OverLimit, OverviewPart, Place,
    StepPart,
};

/// Refuses `found` things of a kind past `limit` at once, before more of
/// them are read.
pub fn at_most(what: Limited, found: usize, limit: usize) -> Result<(), OverLimit> {
    if found <= limit {
        return Ok(());
    }
    Err(OverLimit {
        what,
        place: Place::Process,
        found: found as u64,
        limit: limit as u64,
    })
}

/// Shortens `text` to `limit` characters, noting `place`.
fn fit(text: &mut String, limit: usize, place: Place, notes: &mut Vec<ImportNote>) {
    if let Some(short) = limits::shortened(text, limit) {
        *text = short;
        notes.push(ImportNote::Shortened {
            place,
            limit,
            start: text.chars().take(20).collect(),
        });
    }
}

/// Shortens each entry of a list; a list with too many entries is left
/// for `check_process` to refuse.
fn fit_list(list: &mut [String], place: Place, notes: &mut Vec<ImportNote>) {
    for entry in list {
        fit(entry, MAX_NAME, place, notes);
    }
}

fn fit_overview(process: &mut Process, notes: &mut Vec<ImportNote>) {
    use OverviewPart as O;
    let o = &mut process.overview;
    let at = Place::Overview;
    fit(&mut o.name, MAX_NAME, at(O::Name), notes);
    fit(&mut o.number, MAX_NAME, at(O::Number), notes);
    fit(&mut o.definition, MAX_TEXT, at(O::Definition), notes);
    fit(&mut o.purpose, MAX_TEXT, at(O::Purpose), notes);
    fit_list(&mut o.key_points, at(O::KeyPoints), notes);
    fit(&mut o.participants, MAX_TEXT, at(O::Participants), notes);
    fit(&mut o.cycle, MAX_NAME, at(O::Cycle), notes);
    fit_list(&mut o.related_processes, at(O::RelatedProcesses), notes);
    fit_list(&mut o.related_documents, at(O::RelatedDocuments), notes);
    fit(&mut o.owner, MAX_NAME, at(O::Owner), notes);
}

/// Shortens every text of `process` past its limit, one note each; then
/// refuses what no shortening can fit (counts, sizes, positions, lists).
pub fn fit_to_limits(process: &mut Process, notes: &mut Vec<ImportNote>) -> Result<(), OverLimit> {
    fit_overview(process, notes);
    for lane in &mut process.lanes {
        let place = Place::Lane(lane.id, BandPart::Name);
        fit(&mut lane.name, MAX_NAME, place, notes);
    }
    for phase in &mut process.phases {
        let place = Place::Phase(phase.id, BandPart::Name);
        fit(&mut phase.name, MAX_NAME, place, notes);
    }
    for step in process.steps.values_mut() {
        let at = |part| Place::Step(step.id, part);
        fit(&mut step.title, MAX_TITLE, at(StepPart::Title), notes);
        let description = at(StepPart::Description);
        fit(&mut step.description, MAX_TEXT, description, notes);
        fit_list(&mut step.outputs, at(StepPart::Outputs), notes);
        if let crate::model::StepKind::ProcessExit { number, name } = &mut step.kind {
            fit(number, MAX_NAME, at(StepPart::ExitNumber), notes);
            fit(name, MAX_NAME, at(StepPart::ExitName), notes);
        }
    }
    for connector in process.connectors.values_mut() {
        if let Some(label) = &mut connector.label {
            let place = Place::ConnectorLabel(connector.id);
            fit(label, MAX_NAME, place, notes);
        }
    }
    limits::check_process(process)
}
