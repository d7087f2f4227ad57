//! Ordering with one sort for the whole program.
//!
//! Every `sort_by` with its own element type or comparator, and every `collect()` into a
//! B-tree, is a separate copy of the standard library's sort in the wasm, about 3 KB each.
//! [`sort_by_text`] always sorts the same type, `(&str, usize)`, and [`by_insertion`]
//! doesn't sort, so the page carries the sort once.

/// Reorders `items` by `key`, keeping items with equal keys in the order they had.
///
/// ```
/// use vm_playground::ordering::sort_by_text;
/// let mut vms = vec![("web", 2), ("db", 1), ("web", 1)];
/// sort_by_text(&mut vms, |(name, _)| name);
/// assert_eq!(vms, [("db", 1), ("web", 2), ("web", 1)]);
/// ```
pub fn sort_by_text<T>(items: &mut Vec<T>, key: impl Fn(&T) -> &str) {
    let order: Vec<usize> = {
        let mut keyed: Vec<(&str, usize)> = items
            .iter()
            .enumerate()
            .map(|(index, item)| (key(item), index))
            .collect();
        // The index makes every pair distinct, so unstable order is stable here.
        #[allow(clippy::disallowed_methods, reason = "the program's one sort")]
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, index)| index).collect()
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|index| slots[index].take()));
}

/// Builds a `BTreeSet` or `BTreeMap` by inserting the items one by one.
///
/// `collect()` into a B-tree sorts the items first, with yet another copy of the standard
/// sort for each element type; inserting is O(n log n) as well and adds no code.
///
/// ```
/// use std::collections::BTreeSet;
/// use vm_playground::ordering::by_insertion;
/// let names: BTreeSet<&str> = by_insertion(["web", "db", "web"]);
/// assert_eq!(names.into_iter().collect::<Vec<_>>(), ["db", "web"]);
/// ```
pub fn by_insertion<C: Default + Extend<T>, T>(items: impl IntoIterator<Item = T>) -> C {
    let mut collection = C::default();
    collection.extend(items);
    collection
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_key_and_keeps_ties_in_order() {
        let mut words = vec!["b1", "a1", "b2", "a2", "c1"];
        sort_by_text(&mut words, |word| &word[..1]);
        assert_eq!(words, ["a1", "a2", "b1", "b2", "c1"]);
        let mut empty: Vec<String> = Vec::new();
        sort_by_text(&mut empty, String::as_str);
        assert!(empty.is_empty());
    }
}
