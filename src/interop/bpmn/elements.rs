//! Reading BPMN elements: which element a node is (BPMN or Flowcase's
//! namespace), its name, numbers and Flowcase extension, the flows inside
//! an activity's data associations, and Flowcase ids for BPMN ids.

use super::{BPMN_NS, FLOWCASE_NS};
use roxmltree::Node;
use std::collections::BTreeSet;

/// Whether `n` is the BPMN (or un-namespaced) element `name`.
pub(super) fn is(n: Node, name: &str) -> bool {
    n.is_element()
        && n.tag_name().name() == name
        && matches!(n.tag_name().namespace(), None | Some(BPMN_NS))
}

pub(super) fn is_fc(n: Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(FLOWCASE_NS)
}

/// Whether `n` is an element a process flows through (an activity, a
/// gateway or an event), as a sub-process's insides are.
pub(super) fn is_flow_node(n: Node) -> bool {
    let tag = n.tag_name().name();
    n.is_element()
        && (tag.ends_with("Task")
            || tag.ends_with("Gateway")
            || tag.ends_with("Event")
            || matches!(
                tag,
                "task" | "callActivity" | "subProcess" | "adHocSubProcess" | "transaction"
            ))
}

pub(super) fn children<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(|c| c.is_element())
}

pub(super) fn name_of(n: Node) -> String {
    n.attribute("name").unwrap_or("").trim().to_owned()
}

/// The Flowcase extension element `name` of `n`, if any.
pub(super) fn extension<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    children(n)
        .filter(|c| is(*c, "extensionElements"))
        .flat_map(children)
        .find(|c| is_fc(*c, name))
}

pub(super) fn number(n: Node, attr: &str) -> Option<f32> {
    n.attribute(attr)?
        .trim()
        .parse::<f32>()
        .ok()
        .filter(|v| v.is_finite())
}

/// A data association inside an activity: from the activity to a data
/// object (output), or from a data object to it (input).
/// The (id, from, to) of a data association inside element `owner`.
pub(super) fn data_association<'i>(
    a: Node<'i, 'i>,
    owner: &'i str,
) -> Vec<(&'i str, &'i str, &'i str)> {
    let mut flows = Vec::new();
    let text = |tag: &str| {
        children(a)
            .find(|c| is(*c, tag))
            .and_then(|c| c.text())
            .map(str::trim)
    };
    let id = a.attribute("id").unwrap_or("");
    if is(a, "dataOutputAssociation") {
        if let Some(to) = text("targetRef") {
            flows.push((id, owner, to));
        }
    } else if is(a, "dataInputAssociation") {
        for from in children(a)
            .filter(|c| is(*c, "sourceRef"))
            .filter_map(|c| c.text())
        {
            flows.push((id, from.trim(), owner));
        }
    }
    flows
}

/// An unnamed intermediate event's title: its kind.
pub(super) fn event_kind(n: Node) -> String {
    let definition = children(n)
        .map(|c| c.tag_name().name())
        .find(|t| t.ends_with("EventDefinition"))
        .map(|t| t.trim_end_matches("EventDefinition"));
    let way = if n.tag_name().name() == "intermediateThrowEvent" {
        "throw"
    } else {
        "catch"
    };
    match definition {
        Some(d) => format!("{d} ({way})"),
        None => format!("intermediate event ({way})"),
    }
}

/// Flowcase ids for BPMN ids: the number in `Step_12` (any prefix ending in
/// `_` and digits) when every one has a distinct such number, else 1, 2, 3…
pub(super) fn ids<'a>(bpmn: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let bpmn: Vec<&str> = bpmn.collect();
    let numbers: Vec<Option<u32>> = bpmn
        .iter()
        .map(|id| {
            let (_, n) = id.rsplit_once('_')?;
            n.parse::<u32>().ok().filter(|n| *n > 0)
        })
        .collect();
    let distinct: BTreeSet<u32> = numbers.iter().flatten().copied().collect();
    if numbers.iter().all(Option::is_some) && distinct.len() == numbers.len() {
        numbers.into_iter().flatten().collect()
    } else {
        (1..=bpmn.len() as u32).collect()
    }
}
