//! A VM's snapshots, as libvirt keeps them: a tree per VM (each new snapshot a child of the
//! VM's current one), each recording the VM's config, pending config and state at the time.
//!
//! The snapshots live inside the VM's record ([`VmInfo::snapshots`]), so whatever moves a
//! VM's record (storage, another tab, export and import) moves its snapshots with it.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::config::{check_name, ConfigProblem, VmConfig};
use super::error::{SavedStateProblem, VmError};
use super::limits::{chars_over, forbidden_char, SNAPSHOTS_PER_VM, SNAPSHOT_DESCRIPTION_MAX_CHARS};
use super::mock::{Timestamp, VmInfo};
use super::nfc::nfc;
use super::state::VmState;

/// One snapshot of a VM: what the VM was when it was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// Unique within its VM, with a VM name's rules (NFC).
    pub name: String,
    /// What the user wrote about it; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// When it was taken.
    pub created_at: Timestamp,
    /// The VM's state then (a running or paused VM's snapshot keeps its memory, as libvirt's
    /// full system snapshots do, so a revert resumes it in that state).
    pub state: VmState,
    /// The VM's config then. Its name is always the VM's current name (a rename renames it).
    pub config: VmConfig,
    /// The VM's pending config then, if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<VmConfig>,
    /// The snapshot it was taken after (the VM's current one then), `None` for a root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// A snapshot to take: the VM, the snapshot's name and its description (empty: none), as
/// `virsh snapshot-create-as VM NAME DESCRIPTION` gives them. One request for the core, the
/// page's app, the console and the GUI's mirrored command alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewSnapshot<'a> {
    /// The VM, by name.
    pub vm: &'a str,
    /// The new snapshot's name.
    pub name: &'a str,
    /// What it is for; empty for none.
    pub description: &'a str,
}

impl<'a> NewSnapshot<'a> {
    /// A snapshot `name` of `vm` with no description.
    pub fn named(vm: &'a str, name: &'a str) -> NewSnapshot<'a> {
        NewSnapshot {
            vm,
            name,
            description: "",
        }
    }
}

/// A snapshot to delete: the VM, the snapshot's name and whether its children go with it
/// (`virsh snapshot-delete VM NAME [--children]`); without them, they move up to its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnapshotDeletion<'a> {
    /// The VM, by name.
    pub vm: &'a str,
    /// The snapshot's name.
    pub name: &'a str,
    /// Whether its whole subtree goes too.
    pub children: bool,
}

/// A snapshot's field, as named in errors (`field` in the JavaScript API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SnapshotField {
    /// `name`
    Name,
    /// `description`
    Description,
}

impl SnapshotField {
    /// The JavaScript name: "name", "description".
    pub fn json_name(self) -> &'static str {
        match self {
            SnapshotField::Name => "name",
            SnapshotField::Description => "description",
        }
    }
}

impl fmt::Display for SnapshotField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json_name())
    }
}

/// A snapshot name as the manager keeps it (NFC), or why it is refused: a VM name's rules.
pub fn snapshot_name(name: &str) -> Result<String, VmError> {
    let name = nfc(name).into_owned();
    check_name(&name).map_err(|problem| VmError::InvalidSnapshot {
        field: SnapshotField::Name,
        problem,
    })?;
    Ok(name)
}

/// Checks a description: at most [`SNAPSHOT_DESCRIPTION_MAX_CHARS`] characters, none that
/// would hide or disguise text (new lines are refused too: it is shown on one line).
pub fn check_description(description: &str) -> Result<(), VmError> {
    let invalid = |problem| VmError::InvalidSnapshot {
        field: SnapshotField::Description,
        problem,
    };
    if let Some(got) = chars_over(description, SNAPSHOT_DESCRIPTION_MAX_CHARS) {
        return Err(invalid(ConfigProblem::TooLong {
            max: SNAPSHOT_DESCRIPTION_MAX_CHARS,
            got,
        }));
    }
    match description
        .chars()
        .find_map(|ch| forbidden_char(ch).map(|class| (ch, class)))
    {
        Some((ch, class)) => Err(invalid(ConfigProblem::Forbidden { ch, class })),
        None => Ok(()),
    }
}

impl VmInfo {
    /// The snapshot called `name` (NFC-insensitive), if there is one.
    pub fn snapshot(&self, name: &str) -> Option<&Snapshot> {
        let name = nfc(name);
        self.snapshots.iter().find(|snapshot| snapshot.name == name)
    }

    /// The snapshots in tree order: parents before their children, roots and siblings in the
    /// order they were taken (their creation times'), as `listSnapshots` shows them.
    pub fn snapshots_in_tree_order(&self) -> Vec<&Snapshot> {
        let mut ordered = Vec::with_capacity(self.snapshots.len());
        self.push_children(None, &mut ordered);
        ordered
    }

    fn push_children<'a>(&'a self, parent: Option<&str>, out: &mut Vec<&'a Snapshot>) {
        for child in self.children_of(parent) {
            out.push(child);
            self.push_children(Some(&child.name), out);
        }
    }

    /// The snapshots whose parent is `parent` (`None`: the roots), in the order they were
    /// taken: [`VmInfo::snapshots`] keeps that order, so no sort is needed (each sort is
    /// another copy of the standard library's in the wasm; see `ordering`).
    pub fn children_of(&self, parent: Option<&str>) -> Vec<&Snapshot> {
        self.snapshots
            .iter()
            .filter(|snapshot| snapshot.parent.as_deref() == parent)
            .collect()
    }

    /// How many snapshots descend from `name` (children, their children, …).
    pub fn descendants_of(&self, name: &str) -> usize {
        self.children_of(Some(name))
            .iter()
            .map(|child| 1 + self.descendants_of(&child.name))
            .sum()
    }
}

/// Checks a record's snapshots (storage, import, another tab) as the manager keeps them:
/// at most [`SNAPSHOTS_PER_VM`], valid unique names and descriptions, configs valid and
/// named as the VM, no pending config on a stopped snapshot, times in bounds, every parent
/// and the current snapshot present, no cycle. Returns them normalised as `check_vm` does.
pub(super) fn check_snapshots(vm: &mut VmInfo) -> Result<(), VmError> {
    if vm.snapshots.len() > SNAPSHOTS_PER_VM {
        return Err(SavedStateProblem::TooManySnapshots {
            count: vm.snapshots.len(),
        }
        .into());
    }
    let vm_name = vm.config.name.clone();
    for snapshot in &mut vm.snapshots {
        snapshot.name = snapshot_name(&snapshot.name)?;
        check_description(&snapshot.description)?;
        if snapshot.created_at > super::limits::TIMESTAMP_MAX {
            return Err(SavedStateProblem::SnapshotAfterLatestDate {
                snapshot: snapshot.name.clone(),
            }
            .into());
        }
        snapshot.config = snapshot.config.clone().validated()?;
        if snapshot.config.name != vm_name {
            return Err(SavedStateProblem::SnapshotOfOtherVm {
                snapshot: snapshot.name.clone(),
                vm: snapshot.config.name.clone(),
            }
            .into());
        }
        if let Some(pending) = snapshot.pending.take() {
            if !snapshot.state.is_active() {
                return Err(SavedStateProblem::SnapshotPendingWhileStopped {
                    snapshot: snapshot.name.clone(),
                }
                .into());
            }
            let pending = pending.validated()?;
            if pending.name != vm_name {
                return Err(SavedStateProblem::SnapshotPendingRenames {
                    snapshot: snapshot.name.clone(),
                }
                .into());
            }
            snapshot.pending = (pending != snapshot.config).then_some(pending);
        }
        if let Some(parent) = snapshot.parent.take() {
            snapshot.parent = Some(nfc(&parent).into_owned());
        }
    }
    for (index, snapshot) in vm.snapshots.iter().enumerate() {
        if vm.snapshots[..index]
            .iter()
            .any(|other| other.name == snapshot.name)
        {
            return Err(SavedStateProblem::SnapshotNameTwice {
                snapshot: snapshot.name.clone(),
            }
            .into());
        }
    }
    for snapshot in &vm.snapshots {
        // Walking up from each snapshot must reach a root within as many steps as there are
        // snapshots: a missing parent or a cycle is refused.
        let mut parent = snapshot.parent.as_deref();
        let mut steps = 0;
        while let Some(name) = parent {
            steps += 1;
            let found = vm.snapshots.iter().find(|other| other.name == name);
            match found {
                Some(found) if steps <= vm.snapshots.len() => parent = found.parent.as_deref(),
                Some(_) => {
                    return Err(SavedStateProblem::SnapshotOwnAncestor {
                        snapshot: snapshot.name.clone(),
                    }
                    .into())
                }
                None => {
                    return Err(SavedStateProblem::SnapshotParentMissing {
                        snapshot: snapshot.name.clone(),
                        parent: name.to_owned(),
                    }
                    .into())
                }
            }
        }
    }
    if let Some(current) = vm.current_snapshot.take() {
        let current = nfc(&current).into_owned();
        if vm.snapshot(&current).is_none() {
            return Err(SavedStateProblem::CurrentSnapshotMissing { snapshot: current }.into());
        }
        vm.current_snapshot = Some(current);
    }
    Ok(())
}
