//! The steps and connectors lists of a file written without serde, byte for
//! byte as ron's pretty printer writes them (tests compare the two), because
//! ron's generic serializer is the slowest part of saving large processes.

use crate::model::{Connector, FlowPoint, Step, StepKind};
use std::fmt::Write;

/// Indentation of a list element (depth 2) and of its fields (depth 3).
const ELEMENT: &str = "        ";
const FIELD: &str = "            ";

/// Appends the elements of the `steps` list between its brackets (nothing
/// when there are none, as ron writes `[]`), each element on its own lines,
/// and returns the byte offset in `out` where each element starts. `None`
/// when a string needs escaping: then ron must write the file.
pub(super) fn write_steps<'a>(
    out: &mut String,
    steps: impl Iterator<Item = &'a Step>,
) -> Option<Vec<usize>> {
    let mut starts = Vec::new();
    for step in steps {
        if starts.is_empty() {
            out.push('\n');
        }
        starts.push(out.len());
        write_step(out, step)?;
    }
    if !starts.is_empty() {
        out.push_str("    ");
    }
    Some(starts)
}

/// Appends the elements of the `connectors` list as `write_steps` does;
/// `None` when a label needs escaping.
pub(super) fn write_connectors<'a>(
    out: &mut String,
    connectors: impl Iterator<Item = &'a Connector>,
) -> Option<()> {
    let mut any = false;
    for c in connectors {
        if !any {
            out.push('\n');
            any = true;
        }
        // Every field named: a field added to `Connector` fails to compile
        // here until it is written.
        let Connector {
            id,
            from,
            to,
            label,
        } = c;
        out.push_str(ELEMENT);
        out.push_str("(\n");
        field(out, "id", id.0);
        field(out, "from", from.0);
        field(out, "to", to.0);
        if let Some(label) = label {
            out.push_str(FIELD);
            out.push_str("label: ");
            string(out, label)?;
            out.push_str(",\n");
        }
        out.push_str(ELEMENT);
        out.push_str("),\n");
    }
    if any {
        out.push_str("    ");
    }
    Some(())
}

fn write_step(out: &mut String, step: &Step) -> Option<()> {
    // Every field named: a field added to `Step` fails to compile here
    // until it is written.
    let Step {
        id,
        kind,
        title,
        lane,
        phase,
        at: FlowPoint { along, across },
        description,
        outputs,
        pinned_number,
        group,
        roles,
    } = step;
    out.push_str(ELEMENT);
    out.push_str("(\n");
    field(out, "id", id.0);
    out.push_str(FIELD);
    out.push_str("kind: ");
    write_kind(out, kind)?;
    out.push_str(",\n");
    out.push_str(FIELD);
    out.push_str("title: ");
    string(out, title)?;
    out.push_str(",\n");
    field(out, "lane", lane.0);
    if let Some(phase) = phase {
        field(out, "phase", phase.0);
    }
    // `{:?}` is how ron writes floats: shortest round-trip form, always with
    // a `.0` or an exponent.
    let _ = writeln!(out, "{FIELD}at: (along: {along:?}, across: {across:?}),");
    if !description.is_empty() {
        out.push_str(FIELD);
        out.push_str("description: ");
        string(out, description)?;
        out.push_str(",\n");
    }
    if !outputs.is_empty() {
        out.push_str(FIELD);
        out.push_str("outputs: [");
        for (i, output) in outputs.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            string(out, output)?;
        }
        out.push_str("],\n");
    }
    if let Some(number) = pinned_number {
        field(out, "pinned_number", *number);
    }
    if let Some(group) = group {
        field(out, "group", group.0);
    }
    if !roles.is_empty() {
        out.push_str(FIELD);
        out.push_str("roles: {");
        for (i, (lane, set)) in roles.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{}: \"{set}\"", lane.0);
        }
        out.push_str("},\n");
    }
    out.push_str(ELEMENT);
    out.push_str("),\n");
    Some(())
}

/// A step kind as ron writes an enum variant; every variant is named, so a
/// new kind fails to compile here until it is written.
fn write_kind(out: &mut String, kind: &StepKind) -> Option<()> {
    match kind {
        StepKind::Process => out.push_str("Process"),
        StepKind::Decision => out.push_str("Decision"),
        StepKind::Start => out.push_str("Start"),
        StepKind::End => out.push_str("End"),
        StepKind::Document => out.push_str("Document"),
        StepKind::Note => out.push_str("Note"),
        StepKind::ProcessExit { number, name } => {
            out.push_str("ProcessExit(number: ");
            string(out, number)?;
            out.push_str(", name: ");
            string(out, name)?;
            out.push(')');
        }
    }
    Some(())
}

/// `NAME: VALUE,` on its own line at field depth.
fn field(out: &mut String, name: &str, value: u32) {
    let _ = writeln!(out, "{FIELD}{name}: {value},");
}

/// A quoted string, or `None` when it holds a character ron would escape.
fn string(out: &mut String, text: &str) -> Option<()> {
    if !text.chars().all(super::document::kept_by_escape_debug) {
        return None;
    }
    out.push('"');
    out.push_str(text);
    out.push('"');
    Some(())
}

#[cfg(test)]
mod tests {
    use super::super::document::{encode_file, encode_with_ron};
    use crate::model::{
        Connector, ConnectorId, FlowPoint, LaneId, PhaseId, Process, Role, RoleSet, Step, StepId,
        StepKind, synthetic_process,
    };
    use proptest::prelude::*;

    fn kind() -> impl Strategy<Value = StepKind> {
        prop_oneof![
            Just(StepKind::Process),
            Just(StepKind::Decision),
            Just(StepKind::Start),
            Just(StepKind::End),
            Just(StepKind::Document),
            Just(StepKind::Note),
            (text(), text()).prop_map(|(number, name)| StepKind::ProcessExit { number, name }),
        ]
    }

    /// Mostly plain Chinese and ASCII, sometimes a character ron escapes.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => "[大区经销商确定关键客户a-zA-Z0-9 ,.:()\\[\\]{}/-]{0,12}",
            1 => "[a\"\\\\\n\t'\u{301}\u{3000}é]{0,4}",
        ]
    }

    fn float() -> impl Strategy<Value = f32> {
        prop_oneof![
            (-2000i32..2000).prop_map(|v| v as f32 * 2.5),
            any::<f32>().prop_filter("finite", |v| v.is_finite()),
        ]
    }

    prop_compose! {
        fn step(id: u32)(
            kind in kind(),
            title in text(),
            lane in 1u32..9,
            phase in proptest::option::of(1u32..5),
            along in float(),
            across in float(),
            description in proptest::option::weighted(0.3, text()),
            outputs in proptest::collection::vec(text(), 0..3),
            pinned in proptest::option::weighted(0.2, any::<u32>()),
            group in proptest::option::weighted(0.2, 1u32..100),
            roles in proptest::collection::btree_map(1u32..9, 0u8..16, 0..4),
        ) -> Step {
            // A struct literal, so a field added to `Step` fails to compile
            // here until the strategy covers it.
            Step {
                id: StepId(id),
                kind,
                title,
                lane: LaneId(lane),
                phase: phase.map(PhaseId),
                at: FlowPoint::new(along, across),
                description: description.unwrap_or_default(),
                outputs,
                pinned_number: pinned,
                group: group.map(StepId),
                roles: roles
                    .into_iter()
                    .map(|(lane, bits)| {
                        let letters = Role::ALL.into_iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0);
                        (LaneId(lane), RoleSet::of(&letters.map(|(_, r)| r).collect::<Vec<_>>()))
                    })
                    .collect(),
            }
        }
    }

    fn process() -> impl Strategy<Value = Process> {
        (
            proptest::collection::vec(step(0), 0..6),
            proptest::collection::vec((1u32..50, 1u32..50, proptest::option::of(text())), 0..5),
            0usize..3,
        )
            .prop_map(|(steps, connectors, base)| {
                let mut process = synthetic_process([0, 3, 12][base], 7);
                let first = process.next_step_id().0;
                for (i, mut step) in steps.into_iter().enumerate() {
                    step.id = StepId(first + i as u32);
                    process.steps.insert(step.id, step);
                }
                let first = process.next_connector_id().0;
                for (i, (from, to, label)) in connectors.into_iter().enumerate() {
                    let id = ConnectorId(first + i as u32);
                    let connector = Connector {
                        id,
                        from: StepId(from),
                        to: StepId(to),
                        label,
                    };
                    process.connectors.insert(id, connector);
                }
                process
            })
    }

    proptest! {
        #[test]
        fn steps_and_connectors_written_by_hand_are_the_bytes_ron_writes(process in process()) {
            let file = encode_file(&process).unwrap();
            prop_assert_eq!(file.text, encode_with_ron(&process).unwrap());
        }
    }

    #[test]
    fn the_chinese_sample_is_written_by_hand_and_divided_for_the_check() {
        for name in ["sales-1.9-key-customer-development", "purchase-approval"] {
            let path = format!("{}/samples/{name}.ron", env!("CARGO_MANIFEST_DIR"));
            let process = crate::format::load(std::path::Path::new(&path)).unwrap();
            let file = encode_file(&process).unwrap();
            assert_eq!(file.text, encode_with_ron(&process).unwrap());
            // The English sample has a `'`, which ron escapes.
            let by_hand = name.starts_with("sales");
            assert_eq!(file.check_parts(), if by_hand { 2 } else { 1 }, "{name}");
        }
    }
}
