//! What a Visio shape is to a process, told by its master's name (Visio's
//! flowchart and cross-functional flowchart stencils, in any language, by
//! their universal names), its User rows and its cells.

use super::sheets::Inherit;
use crate::model::StepKind;

/// A shape's part in the chart.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// A swimlane: a lane (vertical when its master says so).
    Lane { vertical: Option<bool> },
    /// A separator: a phase.
    Phase,
    /// The container, the lists: structure, whose sub-shapes are read.
    Structure,
    /// A flowchart shape; terminators are told start or end later.
    Step(StepShape),
    /// A 1-D shape: a connector when glued at both ends.
    Line,
    /// A group of shapes: not kept as such, its shapes are read.
    Group,
    /// A picture or other embedded object.
    Picture,
    /// Nothing to keep: no text and no known master.
    Nothing,
}

/// The kind of step a flowchart shape becomes.
#[derive(Clone, Debug, PartialEq)]
pub enum StepShape {
    Kind(StepKind),
    Terminator,
    /// Subprocess, off-page reference: an exit into another process.
    Exit,
}

/// What shape `i` is.
pub fn part_of(inh: &Inherit, i: usize) -> Part {
    let sheet = &inh.page.all[i];
    let name = inh.master_name(i).to_lowercase();
    let categories = inh
        .user(i, "msvShapeCategories")
        .unwrap_or_default()
        .to_lowercase();
    let structure = inh.user(i, "msvStructureType").unwrap_or_default();
    let has = |w: &str| name.contains(w);
    if has("swimlane list") || has("phase list") || has("cff container") || structure == "List" {
        return Part::Structure;
    }
    if has("swimlane") || has("functional band") || has("function band") {
        return Part::Lane {
            vertical: Some(has("vertical")),
        };
    }
    if categories
        .split(';')
        .any(|c| c == "swimlane" || c == "lane")
    {
        return Part::Lane { vertical: None };
    }
    if has("separator") || name == "phase" || categories.split(';').any(|c| c == "phase") {
        return Part::Phase;
    }
    if inh.has_cell(i, "BeginX") && inh.has_cell(i, "EndX") {
        return Part::Line;
    }
    if sheet.kind == "Foreign" {
        return Part::Picture;
    }
    if let Some(shape) = step_shape(&name) {
        return Part::Step(shape);
    }
    if structure == "Container" {
        return Part::Structure;
    }
    if sheet.kind == "Group" {
        return Part::Group;
    }
    if !inh.text(i).trim().is_empty() {
        // A shape of an unknown master with words in it: a work step when
        // it draws an outline, else a note.
        return Part::Step(StepShape::Kind(if inh.has_geometry(i) {
            StepKind::Process
        } else {
            StepKind::Note
        }));
    }
    Part::Nothing
}

/// The step a flowchart master's universal name stands for.
fn step_shape(name: &str) -> Option<StepShape> {
    let has = |w: &str| name.contains(w);
    let kind = if has("decision") {
        StepShape::Kind(StepKind::Decision)
    } else if has("start/end") || has("terminator") || name == "start" || name == "end" {
        StepShape::Terminator
    } else if has("document") {
        StepShape::Kind(StepKind::Document)
    } else if has("subprocess") || has("predefined process") || has("off-page reference") {
        StepShape::Exit
    } else if has("annotation") || has("callout") || name == "text" || has("note") {
        StepShape::Kind(StepKind::Note)
    } else if has("process")
        || has("data")
        || has("manual")
        || has("preparation")
        || has("custom")
        || has("operation")
    {
        StepShape::Kind(StepKind::Process)
    } else {
        return None;
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flowchart_masters_become_their_steps() {
        assert_eq!(
            step_shape("decision"),
            Some(StepShape::Kind(StepKind::Decision))
        );
        assert_eq!(step_shape("start/end"), Some(StepShape::Terminator));
        assert_eq!(step_shape("subprocess"), Some(StepShape::Exit));
        assert_eq!(step_shape("off-page reference"), Some(StepShape::Exit));
        assert_eq!(
            step_shape("process"),
            Some(StepShape::Kind(StepKind::Process))
        );
        assert_eq!(step_shape("text"), Some(StepShape::Kind(StepKind::Note)));
        assert_eq!(step_shape("rectangle"), None);
    }
}
