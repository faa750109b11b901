//! Stable sorting through one copy of the standard library's sort.
//!
//! Every `slice::sort_by_key` call site with its own key type or closure makes the compiler emit
//! the whole sort again (about 4 KB of WebAssembly each; twenty of them were 90 KB of the browser
//! module). These helpers sort a permutation of indices with one non-generic comparator, so the
//! sort exists once, then move the items into that order. Same result as `sort_by`: stable.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = permutation(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` stably by the key `key` gives.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably in their natural order.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The indices `0..n` in the order `compare` (over indices) gives, ties in index order.
fn permutation(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..5, any::<u16>()), 0..60)) {
            let mut ours = items.clone();
            let mut std_sorted = items;
            sort_by_key(&mut ours, |p| p.0);
            std_sorted.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std_sorted);
        }

        #[test]
        fn natural_order(items in proptest::collection::vec(any::<i32>(), 0..60)) {
            let mut ours = items.clone();
            let mut std_sorted = items;
            sort(&mut ours);
            std_sorted.sort();
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
