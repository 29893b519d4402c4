//! Random edits for property tests: a seed of four numbers becomes a
//! concrete edit against the document as it is, of every kind the model
//! has, now and then naming an id that does not exist (to exercise
//! refusals).

use flowcase::model::*;
use proptest::prelude::*;

/// The numbers an edit is made from: its kind (0..25) and three values.
pub fn edit_seed() -> impl Strategy<Value = (u8, u32, u32, i16)> {
    (0u8..25, any::<u32>(), any::<u32>(), any::<i16>())
}

const TITLES: [&str; 4] = ["审核", "确定关键客户获取策略", "Review request", ""];

fn pick_lane(p: &Process, a: u32) -> LaneId {
    // Now and then an id that does not exist, to exercise refusals.
    if a.is_multiple_of(13) || p.lanes.is_empty() {
        return LaneId(a % 50);
    }
    p.lanes[a as usize % p.lanes.len()].id
}

fn pick_phase(p: &Process, a: u32) -> Option<PhaseId> {
    if a.is_multiple_of(3) || p.phases.is_empty() {
        return None;
    }
    Some(p.phases[a as usize % p.phases.len()].id)
}

fn pick_step(p: &Process, a: u32) -> StepId {
    if a.is_multiple_of(11) || p.steps.is_empty() {
        return StepId(a % 60);
    }
    *p.steps.keys().nth(a as usize % p.steps.len()).unwrap()
}

fn pick_connector(p: &Process, a: u32) -> ConnectorId {
    if a.is_multiple_of(11) || p.connectors.is_empty() {
        return ConnectorId(a % 60);
    }
    *p.connectors
        .keys()
        .nth(a as usize % p.connectors.len())
        .unwrap()
}

fn roles_from(p: &Process, a: u32) -> Roles {
    let mut roles = Roles::new();
    for (i, lane) in p.lanes.iter().enumerate() {
        let bits = a.rotate_right((i as u32 * 4) % 32) & 0xF;
        let set = Role::ALL
            .iter()
            .enumerate()
            .filter(|(k, _)| bits & (1 << k) != 0)
            .fold(RoleSet::EMPTY, |s, (_, r)| s.with(*r));
        set_role_cell(&mut roles, lane.id, set);
    }
    roles
}

pub fn make_edit(p: &Process, kind: u8, a: u32, b: u32, x: i16) -> Edit {
    let size = x as f32; // may be zero or negative: refused
    let at = FlowPoint::new(x as f32, (a % 140) as f32);
    let text = TITLES[(b % 4) as usize].to_owned();
    match kind {
        0 => Edit::AddLane {
            index: (b as usize) % (p.lanes.len() + 2),
            lane: Lane {
                id: p.next_lane_id(),
                name: text,
                size: size.abs() + 1.0,
            },
        },
        1 => Edit::RemoveLane {
            id: pick_lane(p, a),
            steps: LaneStepsFate::MoveTo(pick_lane(p, b)),
        },
        2 => Edit::RemoveLane {
            id: pick_lane(p, a),
            steps: LaneStepsFate::Remove,
        },
        3 => Edit::RenameLane {
            id: pick_lane(p, a),
            name: text,
        },
        4 => Edit::MoveLane {
            id: pick_lane(p, a),
            index: (b as usize) % (p.lanes.len() + 1),
        },
        5 => Edit::ResizeLane {
            id: pick_lane(p, a),
            size,
        },
        6 => Edit::AddPhase {
            index: (b as usize) % (p.phases.len() + 1),
            phase: Phase {
                id: p.next_phase_id(),
                name: text,
                size: size.abs() + 1.0,
            },
        },
        7 => {
            let id = pick_phase(p, a).unwrap_or(PhaseId(a % 9));
            let steps = match b % 3 {
                0 => PhaseStepsFate::MoveTo(pick_phase(p, b / 3).unwrap_or(PhaseId(1))),
                1 => PhaseStepsFate::Unassign,
                _ => PhaseStepsFate::Remove,
            };
            Edit::RemovePhase { id, steps }
        }
        8 => Edit::RenamePhase {
            id: pick_phase(p, a).unwrap_or(PhaseId(1)),
            name: text,
        },
        9 => Edit::MovePhase {
            id: pick_phase(p, a).unwrap_or(PhaseId(1)),
            index: (b as usize) % (p.phases.len() + 1),
        },
        10 => Edit::ResizePhase {
            id: pick_phase(p, a).unwrap_or(PhaseId(1)),
            size,
        },
        11 => {
            let kinds = [
                StepKind::Process,
                StepKind::Decision,
                StepKind::Start,
                StepKind::End,
                StepKind::Document,
                StepKind::ProcessExit {
                    number: "1.10".into(),
                    name: "关键客户管理".into(),
                },
                StepKind::Note,
            ];
            let mut step = Step::new(
                p.next_step_id(),
                kinds[(b % 7) as usize].clone(),
                &text,
                pick_lane(p, a),
                at,
            );
            step.phase = pick_phase(p, b);
            if b.is_multiple_of(5) {
                step.group = Some(pick_step(p, a));
            }
            Edit::AddStep(step)
        }
        12 => Edit::RemoveStep(pick_step(p, a)),
        13 => Edit::MoveStep {
            id: pick_step(p, a),
            lane: pick_lane(p, b),
            phase: pick_phase(p, b / 7),
            at,
        },
        14 => {
            let field = match b % 6 {
                0 => StepField::Title(text),
                1 => StepField::Description(text),
                2 => StepField::Outputs(vec![text]),
                3 => StepField::PinnedNumber(if x % 2 == 0 {
                    None
                } else {
                    Some((x.unsigned_abs() % 20) as u32)
                }),
                4 => StepField::Group(if x % 3 == 0 {
                    None
                } else {
                    Some(pick_step(p, b / 6))
                }),
                _ => StepField::Kind(if x % 2 == 0 {
                    StepKind::Decision
                } else {
                    StepKind::Process
                }),
            };
            Edit::SetStep {
                id: pick_step(p, a),
                field,
            }
        }
        15 => Edit::SetRole {
            step: pick_step(p, a),
            lane: pick_lane(p, b),
            roles: RoleSet::parse(["A", "E", "A,E", "C", "I", ""][(b % 6) as usize]).unwrap(),
        },
        16 => Edit::SetRoles {
            step: pick_step(p, a),
            roles: roles_from(p, b),
        },
        17 => Edit::AddConnector(Connector {
            id: p.next_connector_id(),
            from: pick_step(p, a),
            to: pick_step(p, b),
            label: if x % 2 == 0 { None } else { Some("是".into()) },
        }),
        18 => Edit::RemoveConnector(pick_connector(p, a)),
        19 => Edit::SetConnectorLabel {
            id: pick_connector(p, a),
            label: if b.is_multiple_of(2) {
                None
            } else {
                Some(text)
            },
        },
        20 => Edit::SetConnectorEnds {
            id: pick_connector(p, a),
            from: pick_step(p, b),
            to: pick_step(p, b / 3),
        },
        21 => Edit::SetOverview(match b % 3 {
            0 => OverviewField::Name(text),
            1 => OverviewField::KeyPoints(vec![text; (a % 3) as usize]),
            _ => OverviewField::Owner(text),
        }),
        22 => Edit::SetOrientation(if a.is_multiple_of(2) {
            Orientation::Horizontal
        } else {
            Orientation::Vertical
        }),
        23 => Edit::SetRuleEnabled {
            rule: RuleId::ALL[(a % 8) as usize],
            enabled: b.is_multiple_of(2),
        },
        _ => Edit::Batch(vec![
            make_edit(p, (a % 24) as u8, b, a, x),
            make_edit(p, (b % 24) as u8, a, b, x),
        ]),
    }
}
