//! What a tab may write: the rule that no tab overwrites a newer change of another.
//!
//! Every change a tab makes to a VM is *unsaved* until written, and remembers the stored record
//! (or its absence) it was based on: what the tab read just before making it. Before writing,
//! the tab reads the record again and [`decide`]s:
//!
//! - storage still holds the base: nobody else changed the VM, so this tab's record is written;
//! - storage already holds this tab's record: nothing to write;
//! - storage holds a record this version can't read: it is backed up, then replaced;
//! - anything else: another tab changed the VM since. The stored record wins (the tab takes it
//!   in) and the user is told that this tab's change was not applied.
//!
//! So a tab that could not save for a while (a full quota) catches up without overwriting
//! what other tabs did meanwhile: its changes to other VMs are written, its changes to VMs
//! another tab changed too are dropped and reported. Pure: strings in, decisions out;
//! `web::persist` reads and writes.

use std::collections::BTreeMap;

/// What to do with one unsaved change, given what storage holds now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Storage still holds what the change was based on: write this tab's record (or remove
    /// the key, if this tab deleted the VM).
    Write,
    /// Storage holds a record this version can't read: keep it in a backup, then write.
    BackUpThenWrite,
    /// Storage already holds this tab's record: the change is saved.
    Settled,
    /// Another tab changed or deleted the VM since: the stored record wins, this tab's change
    /// is not applied, and the user is told.
    Conflict,
}

/// Decides what to do with one unsaved change: `base` is the stored record it was based on,
/// `stored` what storage holds now, `ours` this tab's record (`None`: absent, or deleted here).
/// `readable` says whether this version can read a stored record.
pub fn decide(
    base: Option<&str>,
    stored: Option<&str>,
    readable: impl FnOnce(&str) -> bool,
    ours: Option<&str>,
) -> Step {
    if stored == ours {
        Step::Settled
    } else if stored.is_some_and(|stored| !readable(stored)) {
        Step::BackUpThenWrite
    } else if stored == base {
        Step::Write
    } else {
        Step::Conflict
    }
}

/// A tab's changes not yet written: per VM name, the stored record (`None`: no record) the
/// change was based on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unsaved {
    bases: BTreeMap<String, Option<String>>,
    /// Renames not yet written: the VM's two names. The old record may go only once the new
    /// one is written, or a failed write would leave the VM in no record at all.
    renames: Vec<(String, String)>,
}

impl Unsaved {
    /// Remembers a change to `name` based on `base`. A VM changed again before it was saved
    /// keeps its first base: that is still what storage held before this tab's changes.
    pub fn note(&mut self, name: &str, base: Option<String>) {
        self.bases.entry(name.to_owned()).or_insert(base);
    }

    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.bases.is_empty()
    }

    /// Whether `name` has an unsaved change.
    pub fn contains(&self, name: &str) -> bool {
        self.bases.contains_key(name)
    }

    /// The VMs with unsaved changes, in name order.
    pub fn names(&self) -> Vec<String> {
        self.bases.keys().cloned().collect()
    }

    /// Forgets every change (after everything was replaced and written anew).
    pub fn clear(&mut self) {
        self.bases.clear();
        self.renames.clear();
    }

    /// Notes that the changes to `a` and `b` are one VM's rename (either way: an undone
    /// rename goes back): whichever of them is removed from storage waits until the other
    /// is written.
    pub fn note_rename(&mut self, a: &str, b: &str) {
        self.renames.push((a.to_owned(), b.to_owned()));
    }

    /// Whether removing `name`'s record must wait: it is half of a rename whose other name
    /// is not written yet.
    pub fn removal_waits(&self, name: &str) -> bool {
        self.renames.iter().any(|(a, b)| {
            (a == name && self.bases.contains_key(b)) || (b == name && self.bases.contains_key(a))
        })
    }

    /// [`decide`]s what to do with the change to `name` (`None`: there is none). A change
    /// that is settled or lost to a conflict is forgotten; one to write stays until
    /// [`Unsaved::written`].
    pub fn resolve(
        &mut self,
        name: &str,
        stored: Option<&str>,
        readable: impl FnOnce(&str) -> bool,
        ours: Option<&str>,
    ) -> Option<Step> {
        let base = self.bases.get(name)?;
        let step = decide(base.as_deref(), stored, readable, ours);
        if matches!(step, Step::Settled | Step::Conflict) {
            self.bases.remove(name);
            self.forget_settled_renames();
        }
        Some(step)
    }

    /// The change to `name` reached storage.
    pub fn written(&mut self, name: &str) {
        self.bases.remove(name);
        self.forget_settled_renames();
    }

    fn forget_settled_renames(&mut self) {
        let bases = &self.bases;
        self.renames
            .retain(|(a, b)| bases.contains_key(a) && bases.contains_key(b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readable(_: &str) -> bool {
        true
    }

    #[test]
    fn decide_covers_every_case() {
        let s = Some;
        // Nobody else wrote: ours goes in (a create, a change, a delete).
        assert_eq!(decide(None, None, readable, s("new")), Step::Write);
        assert_eq!(decide(s("a"), s("a"), readable, s("b")), Step::Write);
        assert_eq!(decide(s("a"), s("a"), readable, None), Step::Write);
        // Already there (another tab made the same change, or this one wrote it).
        assert_eq!(decide(s("a"), s("b"), readable, s("b")), Step::Settled);
        assert_eq!(decide(s("a"), None, readable, None), Step::Settled);
        // Someone else changed, created or deleted it.
        assert_eq!(decide(s("a"), s("c"), readable, s("b")), Step::Conflict);
        assert_eq!(decide(None, s("c"), readable, s("b")), Step::Conflict);
        assert_eq!(decide(s("a"), None, readable, s("b")), Step::Conflict);
        assert_eq!(decide(s("a"), s("c"), readable, None), Step::Conflict);
        // Unreadable: kept in a backup before it is replaced, whoever wrote it.
        let unreadable = |stored: &str| stored != "?";
        assert_eq!(
            decide(s("a"), s("?"), unreadable, s("b")),
            Step::BackUpThenWrite
        );
        assert_eq!(
            decide(s("?"), s("?"), unreadable, None),
            Step::BackUpThenWrite
        );
    }

    #[test]
    fn a_change_keeps_its_first_base_until_it_is_resolved() {
        let mut unsaved = Unsaved::default();
        unsaved.note("web", Some("v1".into()));
        // Changed again while not saving: storage still holds v1, the base stays v1.
        unsaved.note("web", Some("ignored".into()));
        assert_eq!(
            unsaved.resolve("web", Some("v1"), readable, Some("mine")),
            Some(Step::Write)
        );
        assert!(unsaved.contains("web"), "kept until written");
        unsaved.written("web");
        assert!(unsaved.is_empty());
        assert_eq!(unsaved.resolve("web", Some("v1"), readable, None), None);
    }

    #[test]
    fn the_old_record_of_a_rename_waits_for_the_new_one() {
        let mut unsaved = Unsaved::default();
        unsaved.note("old", Some("v1".into()));
        unsaved.note("new", None);
        unsaved.note_rename("old", "new");
        unsaved.note("other", Some("o".into()));
        assert!(unsaved.removal_waits("old"));
        assert!(unsaved.removal_waits("new"), "either way: an undone rename");
        assert!(!unsaved.removal_waits("other"));
        unsaved.written("new");
        assert!(!unsaved.removal_waits("old"), "the new record is written");
        // A rename settled otherwise (another tab wrote the same) is forgotten too.
        unsaved.note("a", Some("x".into()));
        unsaved.note("b", None);
        unsaved.note_rename("b", "a");
        assert_eq!(
            unsaved.resolve("b", Some("mine"), readable, Some("mine")),
            Some(Step::Settled)
        );
        assert!(!unsaved.removal_waits("a"));
        unsaved.clear();
        assert!(!unsaved.removal_waits("old"));
    }

    #[test]
    fn catching_up_keeps_both_sides_where_they_do_not_conflict() {
        // This tab, not saving, stopped web and resumed db; another tab meanwhile paused web.
        let mut unsaved = Unsaved::default();
        unsaved.note("web", Some("web running".into()));
        unsaved.note("db", Some("db paused".into()));
        let stored = |name: &str| match name {
            "web" => Some("web paused by the other tab"),
            _ => Some("db paused"),
        };
        let ours = |name: &str| match name {
            "web" => Some("web stopped"),
            _ => Some("db running"),
        };
        let steps: Vec<(String, Step)> = unsaved
            .names()
            .into_iter()
            .map(|name| {
                let step = unsaved
                    .resolve(&name, stored(&name), readable, ours(&name))
                    .unwrap();
                (name, step)
            })
            .collect();
        assert_eq!(
            steps,
            [
                ("db".to_owned(), Step::Write),
                ("web".to_owned(), Step::Conflict)
            ]
        );
        assert_eq!(unsaved.names(), ["db"], "the conflict is dropped, db waits");
    }
}
