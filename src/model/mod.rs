//! The process model: plain data, the edits that change it, undo history,
//! numbering, the derived AECI table and rule checks, and the catalogue a
//! library lists its processes in. No egui, no files.

mod apply;
pub mod catalogue;
mod changes;
pub mod conflict;
mod diff;
mod edit;
mod generate;
mod history;
mod ids;
pub mod limits;
pub mod merge;
mod numbering;
mod process;
mod roles;
mod rules;
pub mod scheme;
mod table;
mod validate;

pub use apply::apply;
pub use changes::ChangeSet;
pub use diff::{
    Carried, Change, DepartmentSummary, DiffMarks, ProcessDiff, StepRef, diff, diff_carried,
    made_from,
};
pub use edit::{
    Edit, EditError, EditKind, GroupRefusal, LaneStepsFate, ListOf, OverviewField, PhaseStepsFate,
    StepField,
};
pub use generate::synthetic_process;
pub use history::{DEFAULT_UNDO_LIMIT, History};
pub use ids::{ConnectorId, LaneId, PhaseId, StepId};
pub use numbering::{FlowKeys, Numbering, number_steps, number_steps_by};
pub use process::{
    Connector, FlowPoint, KindShape, Lane, Orientation, Overview, Phase, Process, Step, StepKind,
};
pub use roles::{Role, RoleSet, Roles, role_cell, set_role_cell};
pub use rules::{Problem, RuleId, RuleSettings, Subject, Warning, check_rules};
pub use table::{AeciRow, AeciTable, TableLane, aeci_table, main_step_of};
pub use validate::validate;

/// Everything derived from a process: numbers, the table and the warnings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub numbering: Numbering,
    pub table: AeciTable,
    pub warnings: Vec<Warning>,
}

impl Analysis {
    /// Derives numbers, table and warnings from the process as it is now.
    pub fn of(process: &Process) -> Analysis {
        Analysis::with_numbering(process, number_steps(process))
    }

    /// The steps that have at least one warning.
    pub fn warned_steps(&self) -> std::collections::BTreeSet<StepId> {
        self.warnings
            .iter()
            .filter_map(|w| match w.subject {
                Subject::Step(id) => Some(id),
                _ => None,
            })
            .collect()
    }

    /// Table and warnings from a numbering already made for this process.
    pub fn with_numbering(process: &Process, numbering: Numbering) -> Analysis {
        let table = aeci_table(process, &numbering);
        let warnings = check_rules(process, &numbering, &table);
        Analysis {
            numbering,
            table,
            warnings,
        }
    }
}
