//! Which item of the older version each item of the newer one is: by id
//! for versions made from each other, else by id and name, name, then id;
//! and the lanes' and phases' own changes.

use super::Change;
use crate::model::{Process, StepId};
use std::collections::{BTreeMap, BTreeSet};

/// Whether `new` was made from `old` by editing (not a copy numbered
/// afresh, such as one imported again from its table): where an id's name
/// differs between the versions, editing renamed the item, while a fresh
/// numbering shuffles the names among the ids, so that both names are
/// found in both versions. Versions made from each other match by id
/// alone.
pub fn made_from(old: &Process, new: &Process) -> bool {
    let steps = |p: &Process| -> Vec<(u32, String)> {
        p.steps
            .values()
            .map(|s| (s.id.0, s.title.clone()))
            .collect()
    };
    let lanes = |p: &Process| -> Vec<(u32, String)> {
        p.lanes.iter().map(|l| (l.id.0, l.name.clone())).collect()
    };
    let (mut shared, mut renamed, mut shuffled) = (0, 0, 0);
    for (a, b) in [(steps(old), steps(new)), (lanes(old), lanes(new))] {
        let old_names: BTreeSet<&str> = a.iter().map(|(_, n)| n.as_str()).collect();
        let new_names: BTreeSet<&str> = b.iter().map(|(_, n)| n.as_str()).collect();
        let old_by_id: BTreeMap<u32, &str> = a.iter().map(|(k, n)| (*k, n.as_str())).collect();
        for (k, name) in &b {
            let Some(was) = old_by_id.get(k) else {
                continue;
            };
            shared += 1;
            if *was != name {
                renamed += 1;
                if old_names.contains(name.as_str()) && new_names.contains(was) {
                    shuffled += 1;
                }
            }
        }
    }
    shared > 0 && shuffled * 2 <= renamed
}

/// Which older item each newer one is. Versions made from each other
/// match by id alone; others (a re-imported copy numbers its items
/// afresh) by the same id and name first, then the same name, then the
/// same id (a renamed item).
pub(super) fn match_by<K: Ord + Copy>(
    old: &[(K, String)],
    new: &[(K, String)],
    by_id: bool,
) -> BTreeMap<K, K> {
    let old_names: BTreeMap<K, &str> = old.iter().map(|(k, n)| (*k, n.as_str())).collect();
    if by_id {
        return new
            .iter()
            .filter(|(k, _)| old_names.contains_key(k))
            .map(|(k, _)| (*k, *k))
            .collect();
    }
    let mut matched: BTreeMap<K, K> = BTreeMap::new();
    let mut used: BTreeSet<K> = BTreeSet::new();
    for (k, name) in new {
        if old_names.get(k) == Some(&name.as_str()) {
            matched.insert(*k, *k);
            used.insert(*k);
        }
    }
    let unmatched: Vec<&(K, String)> = new
        .iter()
        .filter(|(k, _)| !matched.contains_key(k))
        .collect();
    for (k, name) in &unmatched {
        if let Some((o, _)) = old
            .iter()
            .find(|(o, n)| !used.contains(o) && n == name && !name.is_empty())
        {
            matched.insert(*k, *o);
            used.insert(*o);
        }
    }
    for (k, _) in unmatched {
        if !matched.contains_key(k) && old_names.contains_key(k) && !used.contains(k) {
            matched.insert(*k, *k);
            used.insert(*k);
        }
    }
    matched
}

/// Which older step each newer one is. New steps take the highest id plus
/// one, so a step added after the highest was removed takes its id: a
/// step is not the older one of its id when both its title and its lane
/// differ and no step with a higher id is in both versions unchanged in
/// title (which would have kept the id from being taken again).
pub(super) fn match_steps(old: &Process, new: &Process, by_id: bool) -> BTreeMap<StepId, StepId> {
    let list = |p: &Process| -> Vec<(StepId, String)> {
        p.steps.values().map(|s| (s.id, s.title.clone())).collect()
    };
    let mut matched = match_by(&list(old), &list(new), by_id);
    if by_id {
        let kept_above = new
            .steps
            .values()
            .filter(|s| old.steps.get(&s.id).is_some_and(|o| o.title == s.title))
            .map(|s| s.id)
            .max();
        matched.retain(|n, o| match (new.steps.get(n), old.steps.get(o)) {
            (Some(n), Some(o)) => {
                n.title == o.title || n.lane == o.lane || kept_above.is_some_and(|k| n.id < k)
            }
            _ => false,
        });
    }
    matched
}

/// Which kind of band is compared.
#[derive(Clone, Copy)]
pub(super) enum Band {
    Lane,
    Phase,
}

/// Lanes (or phases) matched across the versions, their changes noted.
pub(super) fn compare_bands<K: Ord + Copy>(
    old: &[(K, &str)],
    new: &[(K, &str)],
    band: Band,
    by_id: bool,
    changes: &mut Vec<Change>,
) -> BTreeMap<K, K> {
    let owned = |v: &[(K, &str)]| -> Vec<(K, String)> {
        v.iter().map(|(k, n)| (*k, (*n).to_owned())).collect()
    };
    let matched = match_by(&owned(old), &owned(new), by_id);
    band_changes(
        old.iter().copied(),
        new.iter().copied(),
        &matched,
        band,
        changes,
    );
    matched
}

pub(super) fn band_changes<'a, K: Ord + Copy>(
    old: impl Iterator<Item = (K, &'a str)>,
    new: impl Iterator<Item = (K, &'a str)>,
    matched: &BTreeMap<K, K>,
    band: Band,
    changes: &mut Vec<Change>,
) {
    let old: BTreeMap<K, &str> = old.collect();
    let used: BTreeSet<K> = matched.values().copied().collect();
    for (k, name) in &old {
        if !used.contains(k) {
            changes.push(match band {
                Band::Lane => Change::LaneRemoved {
                    name: (*name).to_owned(),
                },
                Band::Phase => Change::PhaseRemoved {
                    name: (*name).to_owned(),
                },
            });
        }
    }
    for (k, name) in new {
        match matched.get(&k).and_then(|o| old.get(o)) {
            None => changes.push(match band {
                Band::Lane => Change::LaneAdded {
                    name: name.to_owned(),
                },
                Band::Phase => Change::PhaseAdded {
                    name: name.to_owned(),
                },
            }),
            Some(was) if *was != name => changes.push(match band {
                Band::Lane => Change::LaneRenamed {
                    old: (*was).to_owned(),
                    new: name.to_owned(),
                },
                Band::Phase => Change::PhaseRenamed {
                    old: (*was).to_owned(),
                    new: name.to_owned(),
                },
            }),
            Some(_) => {}
        }
    }
}
