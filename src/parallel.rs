//! Independent work (routing, measuring text, loading a library's files)
//! split over the machine's cores, results in input order.

/// `f` of every item, in order, split over the machine's cores when there
/// are at least `at_least` items (each core takes a contiguous share).
pub(crate) fn on_all_cores<T: Sync, R: Send>(
    items: &[T],
    at_least: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if cores < 2 || items.is_empty() || items.len() < at_least {
        return items.iter().map(f).collect();
    }
    let share = items.len().div_ceil(cores);
    let f = &f;
    std::thread::scope(|scope| {
        let mut chunks = items.chunks(share);
        let first = chunks.next().unwrap_or(&[]);
        let others: Vec<_> = chunks
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut all: Vec<R> = first.iter().map(f).collect();
        for other in others {
            match other.join() {
                Ok(results) => all.extend(results),
                // As if the share had run on this thread.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

#[cfg(test)]
mod tests {
    use super::on_all_cores;

    #[test]
    fn results_come_back_in_input_order_whether_split_or_not() {
        let items: Vec<u64> = (0..1000).collect();
        let square = |v: &u64| v * v;
        let expected: Vec<u64> = items.iter().map(square).collect();
        assert_eq!(on_all_cores(&items, 64, square), expected);
        assert_eq!(on_all_cores(&items[..10], 64, square), expected[..10]);
        assert!(on_all_cores(&[] as &[u64], 0, square).is_empty());
    }
}
