//! Sub-processes read as processes of their own: their insides by the
//! same reader, in the lane of the department that performs them when
//! they have no lanes, within a depth and a count.

use super::super::elements::children;
use super::{BpmnError, Budget, DEEPEST_SUB_PROCESS, Reader};
use crate::interop::report::{ImportNote, SubProcess};
use crate::model::Process;

impl<'i> Reader<'i> {
    /// Each sub-process with insides as a process of its own, the department
    /// of its exit's lane as its lane when it has none; past the depth or
    /// count allowed, its insides are noted and left out.
    pub(super) fn read_sub_processes(
        &mut self,
        process: &Process,
        budget: &mut Budget,
    ) -> Result<Vec<SubProcess>, BpmnError> {
        let by_bpmn = self.step_ids();
        let mut parts = Vec::new();
        for (index, node) in std::mem::take(&mut self.subs) {
            let draft = &self.steps[index];
            let exit = by_bpmn.get(&(draft.pool, draft.bpmn_id)).copied();
            // Unnamed, it is named by its BPMN id.
            let name = if draft.title.is_empty() {
                draft.bpmn_id.to_owned()
            } else {
                draft.title.clone()
            };
            if self.depth + 1 > DEEPEST_SUB_PROCESS || budget.parts == 0 {
                let count = children(node)
                    .filter(|c| c.attribute("id").is_some())
                    .count();
                self.notes
                    .push(ImportNote::SubProcessInside { name, count });
                continue;
            }
            let Some(exit) = exit else {
                continue;
            };
            budget.parts -= 1;
            let lane = process
                .steps
                .get(&exit)
                .and_then(|s| process.lane(s.lane))
                .map(|l| l.name.clone())
                .unwrap_or_default();
            let mut imported = self.inside().read_pools(&[(lane, node)], None, budget)?;
            imported.process.overview.name = name.clone();
            self.notes.push(ImportNote::SubProcessApart {
                name,
                steps: imported.process.steps.len(),
            });
            parts.push(SubProcess { exit, imported });
        }
        Ok(parts)
    }
}
