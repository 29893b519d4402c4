//! The connectors' changes between two versions.

use super::Change;
use super::steps::StepDiff;
use crate::model::{Connector, ConnectorId, Process, StepId};
use std::collections::BTreeMap;

/// The connectors added, removed and relabelled, paired by the older
/// steps they join.
pub(super) fn connector_changes(
    old: &Process,
    new: &Process,
    steps: &BTreeMap<StepId, StepId>,
    d: &mut StepDiff,
) {
    // Connectors join the same steps when their ends are the same older
    // steps. Two steps may be joined more than once: the same connector
    // (by id) is paired first, then the others in id order.
    let ends_of = |c: &Connector| steps.get(&c.from).copied().zip(steps.get(&c.to).copied());
    let mut unpaired: BTreeMap<(StepId, StepId), Vec<&Connector>> = BTreeMap::new();
    for c in old.connectors.values() {
        unpaired.entry((c.from, c.to)).or_default().push(c);
    }
    let mut pairs: BTreeMap<ConnectorId, &Connector> = BTreeMap::new();
    for by_id in [true, false] {
        for c in new.connectors.values() {
            if pairs.contains_key(&c.id) {
                continue;
            }
            let Some(list) = ends_of(c).and_then(|e| unpaired.get_mut(&e)) else {
                continue;
            };
            let at = if by_id {
                list.iter().position(|o| o.id == c.id)
            } else {
                (!list.is_empty()).then_some(0)
            };
            if let Some(i) = at {
                pairs.insert(c.id, list.remove(i));
            }
        }
    }
    for c in new.connectors.values() {
        let (Some(from), Some(to)) = (d.new_ref(c.from), d.new_ref(c.to)) else {
            continue;
        };
        match pairs.get(&c.id) {
            Some(was) if was.label != c.label => {
                d.marks.relabelled.insert(c.id);
                d.changes.push(Change::Relabelled {
                    from,
                    to,
                    old: was.label.clone(),
                    new: c.label.clone(),
                });
            }
            Some(_) => {}
            None => {
                d.marks.connectors_added.insert(c.id);
                d.changes.push(Change::ConnectorAdded {
                    from,
                    to,
                    label: c.label.clone(),
                });
            }
        }
    }
    let mut left: Vec<&Connector> = unpaired.into_values().flatten().collect();
    left.sort_by_key(|c| c.id);
    for c in left {
        if let (Some(from), Some(to)) = (d.old_ref(c.from), d.old_ref(c.to)) {
            d.marks.connectors_removed.insert(c.id);
            d.changes.push(Change::ConnectorRemoved {
                from,
                to,
                label: c.label.clone(),
            });
        }
    }
}
