//! The order of a merged list (lanes, phases, the catalogue's categories
//! and entries): the order of the side that reordered what both kept
//! (ours when both did), and each thing only one side has placed after the
//! one before it on that side.

use std::collections::BTreeSet;

/// The kept keys in their merged order.
pub fn merged_order<K: Ord + Clone>(
    base: &[K],
    ours: &[K],
    theirs: &[K],
    kept: &BTreeSet<K>,
) -> Vec<K> {
    let in_both = |k: &K| ours.contains(k) && theirs.contains(k) && kept.contains(k);
    let relative = |list: &[K]| -> Vec<K> { list.iter().filter(|k| in_both(k)).cloned().collect() };
    let base_order = relative(base);
    let (primary, secondary) = if relative(ours) == base_order && relative(theirs) != base_order {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut order: Vec<K> = primary
        .iter()
        .filter(|k| kept.contains(k))
        .cloned()
        .collect();
    let mut previous: Option<K> = None;
    for key in secondary {
        if kept.contains(key) && !order.contains(key) {
            let at = previous
                .as_ref()
                .and_then(|p| order.iter().position(|o| o == p))
                .map_or(0, |i| i + 1);
            order.insert(at, key.clone());
        }
        if order.contains(key) {
            previous = Some(key.clone());
        }
    }
    for key in kept {
        if !order.contains(key) {
            order.push(key.clone());
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reorder_on_one_side_and_additions_on_both_are_all_kept() {
        let kept: BTreeSet<u32> = [1, 2, 3, 4, 5].into();
        // Theirs moved 3 to the front and added 5 after 1; ours added 4 after 2.
        let order = merged_order(&[1, 2, 3], &[1, 2, 4, 3], &[3, 1, 5, 2], &kept);
        assert_eq!(order, vec![3, 1, 5, 2, 4]);
        // Nothing reordered: ours' order, theirs' addition after its neighbour.
        let kept: BTreeSet<u32> = [1, 2, 3, 5].into();
        let order = merged_order(&[1, 2, 3], &[1, 2, 3], &[1, 5, 2, 3], &kept);
        assert_eq!(order, vec![1, 5, 2, 3]);
    }
}
