//! What happened during a lesson: the operations that worked, the VMs that lost their
//! running state, and which VM was cloned from which. Goals about what happened ("stopped
//! gracefully, not destroyed", "a clone of web-tpl") read it.

use std::collections::BTreeMap;

use crate::event_log::Op;
use crate::manager::{VmInfo, VmState};

/// The operations a lesson counts, by the words lesson files name them with (`stop`,
/// `snapshot`, `deleteSnapshot`...). A goal's operation is the event log's [`Op`], the same
/// whichever way it came in; the log's others (`host`, `reset`, `import`, `undo`, `redo`)
/// are not a lesson's, and `setmaxmem` counts as the config change it is.
pub const LESSON_WORDS: [(&str, Op); 15] = [
    ("start", Op::Start),
    ("stop", Op::Stop),
    ("destroy", Op::Destroy),
    ("pause", Op::Pause),
    ("resume", Op::Resume),
    ("reboot", Op::Reboot),
    ("create", Op::Create),
    ("delete", Op::Delete),
    ("update", Op::Update),
    ("rename", Op::Rename),
    ("discard", Op::Discard),
    ("snapshot", Op::SnapshotCreate),
    ("revert", Op::SnapshotRevert),
    ("deleteSnapshot", Op::SnapshotDelete),
    ("clone", Op::Clone),
];

/// Reads a lesson file's word for an operation ([`LESSON_WORDS`]).
pub fn lesson_op(word: &str) -> Option<Op> {
    LESSON_WORDS
        .into_iter()
        .find_map(|(known, op)| (known == word).then_some(op))
}

/// The operation a lesson counts `op` as, if it counts it at all.
fn counted(op: Op) -> Option<Op> {
    // The console's `setmaxmem` changes the config's maximum: a config change.
    let op = if op == Op::SetMaxMem { Op::Update } else { op };
    LESSON_WORDS
        .into_iter()
        .any(|(_, counted)| counted == op)
        .then_some(op)
}

/// The operations of a lesson so far, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Journal {
    done: Vec<(String, Op)>,
    /// VMs that lost their running state (forced off, deleted or reverted while active).
    lost: Vec<String>,
    /// Each clone made, by its name now, with its original's (also by its name now).
    clones: Vec<(String, String)>,
    /// Each VM's state after the last operation: a delete can tell whether its VM was active.
    states: BTreeMap<String, VmState>,
}

impl Journal {
    /// A journal starting from `vms` (the lesson's setup).
    pub fn new(vms: &[VmInfo]) -> Journal {
        let mut journal = Journal::default();
        journal.saw(vms);
        journal
    }

    fn saw(&mut self, vms: &[VmInfo]) {
        self.states = vms
            .iter()
            .map(|vm| (vm.config.name.clone(), vm.state))
            .collect();
    }

    /// Records an operation (as the event log names it: `vm`, `op`, whether it worked), with
    /// every VM as it is after it. Call it for every operation, in order: a delete loses state
    /// only if its VM was active after the operation before, and the VM a clone or a rename
    /// made is the one that wasn't there before.
    pub fn record(&mut self, vm: &str, op: Op, ok: bool, after: &[VmInfo]) {
        if ok {
            self.follow_clones(vm, op, after);
        }
        if let (true, Some(op)) = (ok, counted(op)) {
            let was_active = self.states.get(vm).is_some_and(|state| state.is_active());
            // A revert replaces an active VM's running state with the snapshot's.
            if op == Op::Destroy || (matches!(op, Op::Delete | Op::SnapshotRevert) && was_active) {
                self.lost.push(vm.to_owned());
            }
            self.done.push((vm.to_owned(), op));
        }
        self.saw(after);
    }

    /// Keeps [`Journal::clones`] true of the VMs `after` an operation `op` on `vm` that
    /// worked: a clone made is noted; a VM renamed (also by an undo or a redo of a rename:
    /// one name gone, one new) keeps what it was; a clone that is gone (deleted, or its
    /// clone undone) is none, so a VM created by hand under its name later is none either.
    fn follow_clones(&mut self, vm: &str, op: Op, after: &[VmInfo]) {
        let mut new = after
            .iter()
            .map(|info| &info.config.name)
            .filter(|name| !self.states.contains_key(*name));
        let first_new = new.next();
        let only_new = first_new.filter(|_| new.next().is_none());
        let mut gone = self
            .states
            .keys()
            .filter(|name| !after.iter().any(|info| info.config.name == **name));
        let only_gone = gone.next().filter(|_| gone.next().is_none());
        match (op, first_new, only_gone, only_new) {
            (Op::Clone, Some(clone), _, _) => self.clones.push((clone.clone(), vm.to_owned())),
            // A renamed clone, or original, is still one.
            (_, _, Some(old), Some(renamed)) => {
                for name in self.clones.iter_mut().flat_map(|(a, b)| [a, b]) {
                    if name == old {
                        name.clone_from(renamed);
                    }
                }
            }
            _ => {}
        }
        self.clones
            .retain(|(clone, _)| after.iter().any(|info| info.config.name == *clone));
    }

    /// How many operations worked: the "golf" score a lesson compares with its solution.
    pub fn operations(&self) -> usize {
        self.done.len()
    }

    /// Whether `op` worked on `vm` at least once.
    pub fn did(&self, vm: &str, op: Op) -> bool {
        self.done
            .iter()
            .any(|(name, done)| name == vm && *done == op)
    }

    /// Whether `vm` was made by cloning `original` (both by their names now).
    pub fn cloned(&self, vm: &str, original: &str) -> bool {
        self.clones
            .iter()
            .any(|(clone, of)| clone == vm && of == original)
    }

    /// Whether any VM lost its running state.
    pub fn lost_state(&self) -> bool {
        !self.lost.is_empty()
    }
}
