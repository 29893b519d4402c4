//! How one process's design changed between two versions: each lane's
//! load per letter and the hand-offs between lanes, before and after.

use crate::model::{Process, aeci_table, number_steps};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How one process's hand-offs and each lane's load differ between two
/// versions: what `flowcase diff` and the compare view add to the changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DesignChange {
    /// Main steps where a department holds a letter: before → after.
    Load {
        department: String,
        letter: char,
        before: usize,
        after: usize,
    },
    /// Hand-offs from one department to another: before → after.
    Handoffs {
        from: String,
        to: String,
        before: usize,
        after: usize,
    },
}

/// The design changes from `old` to `new`, loads first (by department and
/// the scheme's letter order), then hand-offs (by pair).
pub fn design_changes(old: &Process, new: &Process) -> Vec<DesignChange> {
    let (load_a, load_b) = (lane_load(old), lane_load(new));
    let mut out = Vec::new();
    let keys: BTreeSet<&(String, char)> = load_a.keys().chain(load_b.keys()).collect();
    for key in keys {
        let (before, after) = (
            load_a.get(key).copied().unwrap_or(0),
            load_b.get(key).copied().unwrap_or(0),
        );
        if before != after {
            out.push(DesignChange::Load {
                department: key.0.clone(),
                letter: key.1,
                before,
                after,
            });
        }
    }
    let (hand_a, hand_b) = (lane_handoffs(old), lane_handoffs(new));
    let pairs: BTreeSet<&(String, String)> = hand_a.keys().chain(hand_b.keys()).collect();
    for pair in pairs {
        let (before, after) = (
            hand_a.get(pair).copied().unwrap_or(0),
            hand_b.get(pair).copied().unwrap_or(0),
        );
        if before != after {
            out.push(DesignChange::Handoffs {
                from: pair.0.clone(),
                to: pair.1.clone(),
                before,
                after,
            });
        }
    }
    out
}

/// Main steps per (lane name, letter) of one process.
fn lane_load(process: &Process) -> BTreeMap<(String, char), usize> {
    let table = aeci_table(process, &number_steps(process));
    let mut counts = BTreeMap::new();
    for row in &table.rows {
        for (lane, cell) in table.lanes.iter().zip(&row.cells) {
            for role in cell.iter() {
                *counts
                    .entry((lane.name.trim().to_owned(), role.letter()))
                    .or_default() += 1;
            }
        }
    }
    counts
}

/// Hand-offs per (from lane, to lane) of one process.
fn lane_handoffs(process: &Process) -> BTreeMap<(String, String), usize> {
    let lane_of = |id| {
        process
            .steps
            .get(&id)
            .and_then(|s| process.lane(s.lane))
            .map(|l| l.name.trim().to_owned())
    };
    let mut counts = BTreeMap::new();
    for c in process.connectors.values() {
        if let (Some(from), Some(to)) = (lane_of(c.from), lane_of(c.to))
            && from != to
        {
            *counts.entry((from, to)).or_default() += 1;
        }
    }
    counts
}
