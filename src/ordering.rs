//! Ordering with one sort for the whole program.
//!
//! Every `sort_by` with its own element type or comparator, and every `collect()` into a
//! B-tree, is a separate copy of the standard library's sort in the wasm, about 3 KB each.
//! [`sort_by_text`] always sorts the same type, `(&str, usize)`, and [`by_insertion`]
//! doesn't sort, so the page carries the sort once. Each key and value type of a B-tree is a
//! copy of its code too: [`ByName`] looks names up in a sorted `Vec` where a B-tree was only
//! built for lookups.

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

/// Reorders `items` by `key` as virsh sorts names (`g_ascii_strcasecmp`): ASCII letters
/// compared without their case, every other character as written; items whose keys differ
/// only in case keep the order they had.
///
/// Only ASCII is folded because virsh folds only ASCII (so the console lists `Яблоко` where
/// virsh does), and this needs no Unicode case tables. The sort is [`sort_by_text`]'s.
///
/// ```
/// use vm_playground::ordering::sort_ignoring_ascii_case;
/// let mut names = vec!["zeta", "Mid", "alpha"];
/// sort_ignoring_ascii_case(&mut names, |name| name);
/// assert_eq!(names, ["alpha", "Mid", "zeta"]);
/// ```
pub fn sort_ignoring_ascii_case<T>(items: &mut Vec<T>, key: impl Fn(&T) -> &str) {
    let mut keyed: Vec<(String, T)> = items
        .drain(..)
        .map(|item| (key(&item).to_ascii_lowercase(), item))
        .collect();
    sort_by_text(&mut keyed, |(folded, _)| folded);
    items.extend(keyed.into_iter().map(|(_, item)| item));
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

/// Entries looked up by name, sorted once: what a `BTreeMap<&str, T>` or `BTreeSet<&str>`
/// built for a few lookups was for, with the program's one sort instead of another copy of a
/// B-tree's code (each key and value type of a B-tree carries its own, ~5 KB of wasm).
///
/// ```
/// use vm_playground::ordering::ByName;
/// let stored = ByName::new([("web", 1), ("db", 2), ("web", 3)]);
/// assert_eq!(stored.get("web"), Some(&3));
/// assert!(stored.contains("db") && !stored.contains("mail"));
/// ```
pub struct ByName<'a, T> {
    /// Sorted by name, one entry a name.
    entries: Vec<(&'a str, T)>,
}

impl<'a, T> ByName<'a, T> {
    /// The entries by name; of those with the same name the last one stays, as the last
    /// insert into a map would.
    pub fn new(entries: impl IntoIterator<Item = (&'a str, T)>) -> Self {
        let mut sorted: Vec<(&'a str, T)> = entries.into_iter().collect();
        sort_by_text(&mut sorted, |(name, _)| name);
        let mut unique: Vec<(&'a str, T)> = Vec::with_capacity(sorted.len());
        for entry in sorted {
            match unique.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => unique.push(entry),
            }
        }
        ByName { entries: unique }
    }

    /// What `name` has, if it is there.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.entries
            .binary_search_by(|(candidate, _)| (*candidate).cmp(name))
            .ok()
            .map(|index| &self.entries[index].1)
    }

    /// Whether `name` is there.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_name_finds_each_name_once_with_its_last_entry() {
        let names = ByName::new(["web", "db", "web", "a"].map(|name| (name, ())));
        assert!(names.contains("a") && names.contains("db") && names.contains("web"));
        assert!(!names.contains("") && !names.contains("dc") && !names.contains("zz"));
        let values = ByName::new([("x", 1), ("y", 2), ("x", 3), ("x", 4)]);
        assert_eq!(
            (values.get("x"), values.get("y"), values.get("z")),
            (Some(&4), Some(&2), None)
        );
        let empty: ByName<()> = ByName::new([]);
        assert!(!empty.contains("web"));
    }

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
