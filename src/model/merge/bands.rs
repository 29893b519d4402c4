//! Lanes and phases merged: each by id, its name a field, its size layout,
//! its place in the order taken from the side that reordered; a band one
//! side deleted and the other renamed is a conflict.

use super::Sides;
use crate::model::conflict::{Conflict, Field, Subject, Value};
use crate::model::ids::{LaneId, PhaseId};
use crate::model::process::{Lane, Phase};
use std::collections::BTreeSet;

/// What lanes and phases have in common.
pub(super) trait Band: Clone + PartialEq {
    type Id: Copy + Ord;
    fn id(&self) -> Self::Id;
    fn name(&self) -> &String;
    fn name_mut(&mut self) -> &mut String;
    fn size(&self) -> f32;
    fn size_mut(&mut self) -> &mut f32;
    fn subject(id: Self::Id) -> Subject;
    /// The whole band at its place, as a conflict keeps it.
    fn value(&self, index: usize) -> Value;
}

/// Lanes and phases are the same shape: an id, a name, a size.
macro_rules! band {
    ($band:ty, $id:ty, $variant:ident) => {
        impl Band for $band {
            type Id = $id;
            fn id(&self) -> $id {
                self.id
            }
            fn name(&self) -> &String {
                &self.name
            }
            fn name_mut(&mut self) -> &mut String {
                &mut self.name
            }
            fn size(&self) -> f32 {
                self.size
            }
            fn size_mut(&mut self) -> &mut f32 {
                &mut self.size
            }
            fn subject(id: $id) -> Subject {
                Subject::$variant(id)
            }
            fn value(&self, index: usize) -> Value {
                Value::$variant(Box::new(self.clone()), index)
            }
        }
    };
}

band!(Lane, LaneId, Lane);
band!(Phase, PhaseId, Phase);

pub fn merge_lanes(sides: &mut Sides) -> Vec<Lane> {
    let lists = [&sides.base.lanes, &sides.ours.lanes, &sides.theirs.lanes].map(|l| l.clone());
    merge_bands(sides, lists)
}

pub fn merge_phases(sides: &mut Sides) -> Vec<Phase> {
    let lists = [&sides.base.phases, &sides.ours.phases, &sides.theirs.phases].map(|l| l.clone());
    merge_bands(sides, lists)
}

fn find<B: Band>(list: &[B], id: B::Id) -> Option<(usize, &B)> {
    list.iter().enumerate().find(|(_, b)| b.id() == id)
}

fn merge_bands<B: Band>(sides: &mut Sides, [base, ours, theirs]: [Vec<B>; 3]) -> Vec<B> {
    let ids: BTreeSet<B::Id> = [&base, &ours, &theirs]
        .iter()
        .flat_map(|l| l.iter().map(B::id))
        .collect();
    let mut kept: Vec<B> = Vec::new();
    for id in ids {
        let [b, o, t] = [&base, &ours, &theirs].map(|l| find(l, id));
        let merged = match (b, o, t) {
            // Added by ours (or by both, the same).
            (None, Some((_, o)), _) => Some(o.clone()),
            (None, None, Some((_, t))) => Some(t.clone()),
            (Some((_, b)), Some((_, o)), Some((_, t))) => Some(merge_band(sides, b, o, t)),
            (Some((_, b)), Some((oi, o)), None) => {
                deleted_by_one(sides, b, Some((oi, o)), None).cloned()
            }
            (Some((_, b)), None, Some((ti, t))) => {
                deleted_by_one(sides, b, None, Some((ti, t)));
                None
            }
            _ => None,
        };
        kept.extend(merged);
    }
    let order = merged_order(&base, &ours, &theirs, &kept);
    order
        .into_iter()
        .filter_map(|id| kept.iter().find(|b| b.id() == id).cloned())
        .collect()
}

/// A band both kept: its name a field, its size layout.
fn merge_band<B: Band>(sides: &mut Sides, base: &B, ours: &B, theirs: &B) -> B {
    let subject = B::subject(ours.id());
    let mut out = ours.clone();
    *out.name_mut() = sides.field(
        subject,
        Field::Name,
        [base.name(), ours.name(), theirs.name()],
        |n| Value::Text(n.clone()),
    );
    let sizes = [base, ours, theirs].map(B::size);
    *out.size_mut() = sides.layout(subject, [&sizes[0], &sizes[1], &sizes[2]]);
    out
}

/// A band one side deleted: gone when the other left it alone, otherwise
/// a conflict and OURS (deleted, or kept) stays.
fn deleted_by_one<'b, B: Band>(
    sides: &mut Sides,
    base: &B,
    ours: Option<(usize, &'b B)>,
    theirs: Option<(usize, &'b B)>,
) -> Option<&'b B> {
    let changed = |b: &B| b.name() != base.name();
    let value = |side: Option<(usize, &B)>| side.map_or(Value::Absent, |(i, b)| b.value(i));
    if ours.is_some_and(|(_, o)| changed(o)) || theirs.is_some_and(|(_, t)| changed(t)) {
        sides.conflicts.push(Conflict {
            subject: B::subject(base.id()),
            field: Field::Exists,
            base: base.value(0),
            ours: value(ours),
            theirs: value(theirs),
        });
        return ours.map(|(_, o)| o);
    }
    None
}

/// The order of the kept bands (see `order::merged_order`).
fn merged_order<B: Band>(base: &[B], ours: &[B], theirs: &[B], kept: &[B]) -> Vec<B::Id> {
    let ids = |list: &[B]| list.iter().map(B::id).collect::<Vec<_>>();
    let kept: BTreeSet<B::Id> = kept.iter().map(B::id).collect();
    super::order::merged_order(&ids(base), &ids(ours), &ids(theirs), &kept)
}
