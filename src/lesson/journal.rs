//! What happened during a lesson: the operations that worked, the VMs that lost their
//! running state, and which VM was cloned from which. Goals about what happened ("stopped
//! gracefully, not destroyed", "a clone of web-tpl") read it.

use std::collections::BTreeMap;

use crate::event_log;
use crate::manager::{VmInfo, VmState};

/// An operation as goals name it, in lesson files' words (`stop`, `pause`, `snapshot`...).
/// The event log's operation, the same whichever way it came in, maps to it in
/// [`Op::from_event`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// A start.
    Start,
    /// A graceful stop (shutdown).
    Stop,
    /// A forced stop (destroy, Force off): the guest's running state is lost.
    Destroy,
    /// A pause (suspend).
    Pause,
    /// A resume.
    Resume,
    /// A reboot.
    Reboot,
    /// A create (started or stopped).
    Create,
    /// A delete (undefine).
    Delete,
    /// A config change.
    Update,
    /// A rename.
    Rename,
    /// Pending changes dropped.
    Discard,
    /// A snapshot taken (`snapshot-create`).
    Snapshot,
    /// A revert to a snapshot (`snapshot-revert`).
    Revert,
    /// A snapshot deleted (`snapshot-delete`).
    DeleteSnapshot,
    /// A clone made of the VM (virt-clone; logged under the original's name).
    Clone,
}

impl Op {
    /// Every operation.
    pub const ALL: [Op; 15] = [
        Op::Start,
        Op::Stop,
        Op::Destroy,
        Op::Pause,
        Op::Resume,
        Op::Reboot,
        Op::Create,
        Op::Delete,
        Op::Update,
        Op::Rename,
        Op::Discard,
        Op::Snapshot,
        Op::Revert,
        Op::DeleteSnapshot,
        Op::Clone,
    ];

    /// The word lesson files use.
    pub fn word(self) -> &'static str {
        match self {
            Op::Start => "start",
            Op::Stop => "stop",
            Op::Destroy => "destroy",
            Op::Pause => "pause",
            Op::Resume => "resume",
            Op::Reboot => "reboot",
            Op::Create => "create",
            Op::Delete => "delete",
            Op::Update => "update",
            Op::Rename => "rename",
            Op::Discard => "discard",
            Op::Snapshot => "snapshot",
            Op::Revert => "revert",
            Op::DeleteSnapshot => "deleteSnapshot",
            Op::Clone => "clone",
        }
    }

    /// Every word lesson files may use, for errors' suggestions.
    pub fn words() -> [&'static str; 15] {
        Op::ALL.map(Op::word)
    }

    /// Reads a lesson file's word.
    pub fn parse(word: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.word() == word)
    }

    /// The operation an event log entry's names, if it is one a lesson counts (not `host`,
    /// `reset`, `import`, `undo` or `redo`).
    pub fn from_event(op: event_log::Op) -> Option<Op> {
        use event_log::Op as Logged;
        match op {
            Logged::Create => Some(Op::Create),
            Logged::Start => Some(Op::Start),
            Logged::Stop => Some(Op::Stop),
            Logged::Destroy => Some(Op::Destroy),
            Logged::Pause => Some(Op::Pause),
            Logged::Resume => Some(Op::Resume),
            Logged::Reboot => Some(Op::Reboot),
            // The console's `setmaxmem` changes the config's maximum: a config change.
            Logged::Update | Logged::SetMaxMem => Some(Op::Update),
            Logged::Rename => Some(Op::Rename),
            Logged::Discard => Some(Op::Discard),
            Logged::Delete => Some(Op::Delete),
            Logged::SnapshotCreate => Some(Op::Snapshot),
            Logged::SnapshotRevert => Some(Op::Revert),
            Logged::SnapshotDelete => Some(Op::DeleteSnapshot),
            Logged::Clone => Some(Op::Clone),
            Logged::Import | Logged::Reset | Logged::Host | Logged::Undo | Logged::Redo => None,
        }
    }
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
    pub fn record(&mut self, vm: &str, op: event_log::Op, ok: bool, after: &[VmInfo]) {
        if let (true, Some(op)) = (ok, Op::from_event(op)) {
            let was_active = self.states.get(vm).is_some_and(|state| state.is_active());
            // A revert replaces an active VM's running state with the snapshot's.
            if op == Op::Destroy || (matches!(op, Op::Delete | Op::Revert) && was_active) {
                self.lost.push(vm.to_owned());
            }
            let new = after
                .iter()
                .map(|info| &info.config.name)
                .find(|name| !self.states.contains_key(*name));
            match (op, new) {
                (Op::Clone, Some(clone)) => self.clones.push((clone.clone(), vm.to_owned())),
                // A renamed clone, or original, is still one.
                (Op::Rename, Some(renamed)) => {
                    for name in self.clones.iter_mut().flat_map(|(a, b)| [a, b]) {
                        if name == vm {
                            name.clone_from(renamed);
                        }
                    }
                }
                _ => {}
            }
            self.done.push((vm.to_owned(), op));
        }
        self.saw(after);
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
