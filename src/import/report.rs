//! What an import of a chart from another tool brings: the process, and a
//! line for everything in the file that Flowcase could not keep.

use crate::model::Process;

/// A chart read from another tool.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub process: Process,
    /// What was not kept, or kept differently, one line each.
    pub notes: Vec<ImportNote>,
    /// No positions came with the file: tidy lays it out.
    pub needs_layout: bool,
}

/// One line of an import report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportNote {
    /// A pool or page without lanes became one lane.
    OneLane { name: String },
    /// A boundary event (and the flows leaving it) is not kept.
    BoundaryEvent { name: String },
    /// An expanded sub-process became an exit; what was inside is not kept.
    SubProcessInside { name: String, count: usize },
    /// An element of a kind Flowcase has no step for.
    NotKept { kind: String, name: String },
    /// A flow whose end is not a step (a pool without lanes, a boundary
    /// event, a missing element).
    FlowNotKept { id: String, to_pool: bool },
    /// Shapes drawn in colours of their own.
    Colours { count: usize },
    /// A draw.io container styled as a swimlane that is a class or table.
    NotALane { name: String },
    /// A draw.io edge with an end that is not a shape.
    LooseEdge { label: String },
    /// A text past its limit, shortened to `limit` characters ending in
    /// "…"; `start` is how it begins.
    Shortened {
        place: crate::model::limits::Place,
        limit: usize,
        start: String,
    },
}
