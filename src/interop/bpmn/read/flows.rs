//! A BPMN file's flows read: sequence flows, message flows (between
//! pools), associations and data associations, each a connector when both
//! its ends became steps, else a line in the report.

use super::super::elements::{children, data_association, extension, ids, is, name_of};
use super::{BpmnError, Flow, Reader};
use crate::interop::fit::at_most;
use crate::interop::report::ImportNote;
use crate::model::limits::{Limited, MAX_CONNECTORS};
use crate::model::{Connector, ConnectorId, Process, StepId};
use roxmltree::Node;
use std::collections::BTreeMap;

impl<'i> Reader<'i> {
    /// Connectors from sequence flows, message flows, associations and
    /// data associations whose both ends became steps.
    pub(super) fn read_flows(
        &mut self,
        processes: &[(String, Node)],
        process: &Process,
    ) -> Result<BTreeMap<ConnectorId, Connector>, BpmnError> {
        let by_bpmn = self.step_ids();
        debug_assert!(by_bpmn.values().all(|id| process.steps.contains_key(id)));
        // A flow in a collaboration (a message flow) may join pools: its
        // ends are found by an id that only one pool uses.
        let mut anywhere: BTreeMap<&str, Option<StepId>> = BTreeMap::new();
        for ((_, bpmn), id) in &by_bpmn {
            anywhere
                .entry(*bpmn)
                .and_modify(|seen| *seen = None)
                .or_insert(Some(*id));
        }
        // A flow of a process finds its ends within that process.
        let mut flows: Vec<Flow> = Vec::new();
        let mut scopes: Vec<(Option<usize>, Node)> = processes
            .iter()
            .enumerate()
            .map(|(pool, (_, p))| (Some(pool), *p))
            .collect();
        scopes.extend(
            children(self.root)
                .filter(|n| is(*n, "collaboration"))
                .map(|n| (None, n)),
        );
        for (pool, scope) in scopes {
            for n in children(scope) {
                let tag = n.tag_name().name();
                if !matches!(tag, "sequenceFlow" | "messageFlow" | "association") {
                    if let Some(owner) = n.attribute("id") {
                        for (id, from, to) in children(n).flat_map(|a| data_association(a, owner)) {
                            flows.push((id, pool, from, to, None));
                        }
                    }
                    continue;
                }
                let (Some(from), Some(to)) = (n.attribute("sourceRef"), n.attribute("targetRef"))
                else {
                    continue;
                };
                let label = name_of(n);
                let label = if label.is_empty() {
                    extension(n, "label")
                        .and_then(|e| e.attribute("text"))
                        .map(str::to_owned)
                } else {
                    Some(label)
                };
                flows.push((
                    n.attribute("id").unwrap_or(""),
                    pool,
                    from.trim(),
                    to.trim(),
                    label,
                ));
            }
        }
        at_most(Limited::Connectors, flows.len(), MAX_CONNECTORS).map_err(BpmnError::OverLimit)?;
        let flow_ids = ids(flows.iter().map(|f| f.0));
        let mut connectors = BTreeMap::new();
        let end = |pool: Option<usize>, bpmn: &str| match pool {
            Some(pool) => by_bpmn.get(&(pool, bpmn)).copied(),
            None => anywhere.get(bpmn).copied().flatten(),
        };
        for ((bpmn_id, pool, from, to, label), id) in flows.into_iter().zip(flow_ids) {
            match (end(pool, from), end(pool, to)) {
                (Some(f), Some(t)) => {
                    let id = ConnectorId(id);
                    connectors.insert(
                        id,
                        Connector {
                            id,
                            from: f,
                            to: t,
                            label: label.filter(|l| !l.is_empty()),
                        },
                    );
                }
                _ => {
                    let pool = self.pools.contains(from) || self.pools.contains(to);
                    self.notes.push(ImportNote::FlowNotKept {
                        id: bpmn_id.to_owned(),
                        to_pool: pool,
                    });
                }
            }
        }
        Ok(connectors)
    }
}
