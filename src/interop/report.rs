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
    /// The insides of sub-processes, each a process of its own that the
    /// exit standing for it leads to.
    pub sub_processes: Vec<SubProcess>,
}

/// A sub-process's insides, imported as a process of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct SubProcess {
    /// The exit step that stands for it in the process around it.
    pub exit: crate::model::StepId,
    pub imported: Imported,
}

impl Imported {
    /// Numbers the sub-processes after `number` (`1.9` → `1.9.1`, `1.9.2`,
    /// their own after theirs: `1.9.1.1`; `1`, `2` … without a number),
    /// points each exit at the process it stands for, and takes them out
    /// in that order, each with its number set.
    pub fn take_sub_processes(&mut self, number: &str) -> Vec<Imported> {
        let mut taken = Vec::new();
        for (k, mut sub) in std::mem::take(&mut self.sub_processes)
            .into_iter()
            .enumerate()
        {
            let own = if number.trim().is_empty() {
                (k + 1).to_string()
            } else {
                format!("{}.{}", number.trim(), k + 1)
            };
            if let Some(step) = self.process.steps.get_mut(&sub.exit)
                && let crate::model::StepKind::ProcessExit { number, .. } = &mut step.kind
            {
                number.clone_from(&own);
            }
            sub.imported.process.overview.number.clone_from(&own);
            let inner = sub.imported.take_sub_processes(&own);
            taken.push(sub.imported);
            taken.extend(inner);
        }
        taken
    }
}

/// One line of an import report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportNote {
    /// A pool or page without lanes became one lane.
    OneLane { name: String },
    /// A boundary event (and the flows leaving it) is not kept.
    BoundaryEvent { name: String },
    /// A sub-process nested too deep (or one too many) became an exit;
    /// what was inside is not kept.
    SubProcessInside { name: String, count: usize },
    /// A sub-process's insides became a process of their own, `steps`
    /// steps, that its exit leads to.
    SubProcessApart { name: String, steps: usize },
    /// An element of a kind Flowcase has no step for.
    NotKept { kind: String, name: String },
    /// A flow whose end is not a step (a pool without lanes, a boundary
    /// event, a missing element).
    FlowNotKept { id: String, to_pool: bool },
    /// Shapes drawn in colours of their own.
    Colours { count: usize },
    /// A draw.io container styled as a swimlane that is a class or table.
    NotALane { name: String },
    /// A draw.io edge or Visio line with an end that is not a shape.
    LooseEdge { label: String },
    /// A Visio group: not kept as a group, its shapes read one by one.
    Group { name: String },
    /// Pictures and other embedded objects.
    Pictures { count: usize },
    /// A shape drawn outside every lane, put in the nearest.
    OutsideLanes { name: String },
    /// Shapes on layers: the shapes are kept, their layers are not.
    Layers { count: usize },
    /// Shapes in groups nested deeper than `depth`.
    TooDeep { count: usize, depth: usize },
    /// A row of a table read with something to check.
    Table(crate::interop::table::TableWarning),
    /// A text past its limit, shortened to `limit` characters ending in
    /// "…"; `start` is how it begins.
    Shortened {
        place: crate::model::limits::Place,
        limit: usize,
        start: String,
    },
}
