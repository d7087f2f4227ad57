//! Undo and redo: a bounded history of changes, each holding every record it touched before
//! and after, so that an undo puts the "before" back and a redo the "after".
//!
//! A change is recorded around the operation that makes it: [`History::begin`], then
//! [`History::note`] for each VM just before it is changed (the first note of a VM keeps what
//! it was), then [`History::end`], which compares each noted VM with what it is now and keeps
//! an [`Entry`] if anything changed. Changes nest: a console command that stops and starts a
//! VM (`reboot`) is one entry. A record is the VM's whole stored state, read by [`capture`]
//! and put back by [`MockVmManager::swap_records`] (one place each, so whatever joins a VM's
//! record joins its undo).
//!
//! Undo and redo go through the core like any change: validated, admitted by the host, and
//! refused with [`VmError::Conflict`] if a VM is no longer what the entry left it (another tab
//! changed it since); then nothing changes and the entry leaves the history. Pure, and tested
//! natively over a [`MockVmManager`].

use std::collections::{BTreeSet, VecDeque};

use crate::event_log::Op;
use crate::manager::{Host, MockVmManager, RecordSwap, VmError, VmInfo, VmManager};

/// How many changes the history keeps to undo (the oldest goes first).
pub const CAPACITY: usize = 100;

/// A VM's record as undo keeps it: its whole stored state, `None` if there is no such VM.
pub type Record = Option<VmInfo>;

/// The record of `name` now: the one way the history reads a VM.
pub fn capture(manager: &MockVmManager, name: &str) -> Record {
    manager.get_vm_info(name).ok()
}

/// What a change was, for the buttons' tooltips ("Undo: delete db-01"), the console and the
/// event log: the event log's operation word and the VM ("" for what concerns every VM: an
/// import, a reset, the host).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The operation, as the event log names it; `None` for a change no operation named
    /// (every operation names its change: a safety net, described as its VM alone).
    pub op: Option<Op>,
    /// The VM it was on (the old name for a rename), or "".
    pub vm: String,
}

impl Change {
    /// A change `op` on `vm`.
    pub fn new(op: Op, vm: &str) -> Change {
        Change {
            op: Some(op),
            vm: vm.to_owned(),
        }
    }

    /// "delete db-01", or "import" for what concerns every VM: user data and operation words,
    /// never translated (as in the event log).
    pub fn describe(&self) -> String {
        match (self.op, self.vm.is_empty()) {
            (Some(op), true) => op.as_str().to_owned(),
            (Some(op), false) => format!("{op} {}", self.vm),
            (None, _) => self.vm.clone(),
        }
    }
}

/// One recorded change, ready to be applied: each VM's record as the change left it
/// (`expect`) and as it must become (`restore`), and the host's likewise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What the change was.
    pub change: Change,
    vms: Vec<RecordSwap>,
    host: Option<(Host, Host)>,
}

impl Entry {
    /// The VMs it touches, in the order they were noted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.vms.iter().map(|swap| swap.name.as_str())
    }

    /// Whether it changes the host.
    pub fn touches_host(&self) -> bool {
        self.host.is_some()
    }

    /// Puts the records back through the core; returns the entry that takes them back again
    /// (for the other stack).
    fn apply(&self, manager: &MockVmManager) -> Result<Entry, VmError> {
        let now = manager.swap_records(&self.vms, self.host)?;
        let vms = self
            .vms
            .iter()
            .zip(now)
            .map(|(swap, now)| RecordSwap {
                name: swap.name.clone(),
                expect: now,
                restore: swap.expect.clone(),
            })
            .collect();
        Ok(Entry {
            change: self.change.clone(),
            vms,
            host: self.host.map(|(expected, restored)| (restored, expected)),
        })
    }
}

/// A change being recorded: what each noted VM (and the host) was before it.
#[derive(Debug, Default)]
struct Recording {
    depth: usize,
    change: Option<Change>,
    /// Each noted VM as it was, in the order noted (`noted` has their names: a set type the
    /// page has anyway, where a map of records would be another copy of the B-tree's code).
    before: Vec<(String, Record)>,
    noted: BTreeSet<String>,
    host: Option<Host>,
    /// Every VM was noted: the VMs there are at the end are part of the change too.
    all: bool,
}

/// Which way [`History::step`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Takes the newest change back.
    Undo,
    /// Makes the newest undone change again.
    Redo,
}

/// The changes made here, to undo and to redo. Undoing moves an entry to the redo stack;
/// a new change clears it.
#[derive(Debug, Default)]
pub struct History {
    undo: VecDeque<Entry>,
    redo: Vec<Entry>,
    recording: Recording,
}

impl History {
    /// Starts recording a change (or a part of the one being recorded).
    pub fn begin(&mut self) {
        self.recording.depth += 1;
    }

    /// Whether a change is being recorded.
    pub fn recording(&self) -> bool {
        self.recording.depth > 0
    }

    /// Notes `name` as it is now, before the change being recorded touches it (a VM noted
    /// already keeps its first record). Nothing is noted outside a change.
    pub fn note(&mut self, manager: &MockVmManager, name: &str) {
        if self.recording() && self.recording.noted.insert(name.to_owned()) {
            self.recording
                .before
                .push((name.to_owned(), capture(manager, name)));
        }
    }

    /// Notes every VM and the host (before an import or a reset, which may touch them all).
    pub fn note_all(&mut self, manager: &MockVmManager) {
        for name in manager.list_vms().unwrap_or_default() {
            self.note(manager, &name);
        }
        self.note_host(manager);
        if self.recording() {
            self.recording.all = true;
        }
    }

    /// Notes the host's sizes.
    pub fn note_host(&mut self, manager: &MockVmManager) {
        if self.recording() && self.recording.host.is_none() {
            self.recording.host = manager.host_info().ok().map(|info| info.host);
        }
    }

    /// Names the change being recorded, unless it has a name already (the outermost
    /// operation's word wins: a `reboot` is not named after the stop it starts with).
    pub fn name(&mut self, change: Change) {
        if self.recording() {
            self.recording.change.get_or_insert(change);
        }
    }

    /// Names the change being recorded, whatever it was named (the console names a command
    /// once it has run).
    pub fn rename(&mut self, change: Change) {
        if self.recording() {
            self.recording.change = Some(change);
        }
    }

    /// Ends the change (or a part of it). At the outermost end, keeps it if it changed
    /// anything (clearing what was undone) and returns whether it did.
    pub fn end(&mut self, manager: &MockVmManager) -> bool {
        self.recording.depth = self.recording.depth.saturating_sub(1);
        if self.recording() {
            return false;
        }
        let mut recording = std::mem::take(&mut self.recording);
        if recording.all {
            // Those not noted were not there before.
            for name in manager.list_vms().unwrap_or_default() {
                if !recording.noted.contains(&name) {
                    recording.before.push((name, None));
                }
            }
        }
        let vms: Vec<RecordSwap> = recording
            .before
            .into_iter()
            .filter_map(|(name, before)| {
                let after = capture(manager, &name);
                (after != before).then_some(RecordSwap {
                    name,
                    expect: after,
                    restore: before,
                })
            })
            .collect();
        let host = recording.host.and_then(|before| {
            let after = manager.host_info().ok()?.host;
            (after != before).then_some((after, before))
        });
        if vms.is_empty() && host.is_none() {
            return false;
        }
        let change = recording.change.unwrap_or_else(|| Change {
            op: None,
            vm: String::new(),
        });
        self.push(Entry { change, vms, host });
        true
    }

    fn push(&mut self, entry: Entry) {
        if self.undo.len() >= CAPACITY {
            self.undo.pop_front();
        }
        self.undo.push_back(entry);
        self.redo.clear();
    }

    /// The entry an undo or a redo would apply next.
    pub fn next(&self, direction: Direction) -> Option<&Entry> {
        match direction {
            Direction::Undo => self.undo.back(),
            Direction::Redo => self.redo.last(),
        }
    }

    /// How many changes there are to undo or redo.
    pub fn len(&self, direction: Direction) -> usize {
        match direction {
            Direction::Undo => self.undo.len(),
            Direction::Redo => self.redo.len(),
        }
    }

    /// Undoes or redoes the next change: `Ok(None)` if there is none. On
    /// [`VmError::Conflict`] the entry leaves the history (the ones before it stay, each
    /// checked the same way when its turn comes); on any other refusal (the host has no room
    /// now) it stays, to be tried again. Either way nothing changed.
    pub fn step(
        &mut self,
        manager: &MockVmManager,
        direction: Direction,
    ) -> Result<Option<Change>, VmError> {
        let stack_len = self.len(direction);
        let Some(entry) = self.next(direction) else {
            return Ok(None);
        };
        match entry.apply(manager) {
            Ok(inverse) => {
                let change = inverse.change.clone();
                match direction {
                    Direction::Undo => {
                        self.undo.pop_back();
                        self.redo.push(inverse);
                    }
                    Direction::Redo => {
                        self.redo.pop();
                        self.undo.push_back(inverse);
                    }
                }
                Ok(Some(change))
            }
            Err(error) => {
                if matches!(error, VmError::Conflict { .. }) {
                    match direction {
                        Direction::Undo => self.undo.truncate(stack_len - 1),
                        Direction::Redo => self.redo.truncate(stack_len - 1),
                    }
                }
                Err(error)
            }
        }
    }
}
