//! The serialisable picture of a manager, and the checks a picture must pass to be loaded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::{InfoField, SavedStateProblem, VmError};
use super::limits::{REVISION_MAX, TIMESTAMP_MAX};
use super::mock::VmInfo;
use super::snapshot::check_snapshots;

/// Every VM of a manager, sorted by name. The storage layer wraps it in its versioned format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedState {
    /// The VMs.
    pub vms: Vec<VmInfo>,
}

/// A VM that [`SavedState::partition`] left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedVm {
    /// The VM's name as it was in the state (it may be the invalid part).
    pub name: String,
    /// What is wrong with it.
    pub error: VmError,
}

/// VMs that passed [`SavedState::check`]'s rules, keyed by name. Only [`SavedState::check`] and
/// [`SavedState::partition`] make one, so [`MockVmManager::restore_checked`] takes it without
/// checking again (at 10,000 VMs the second pass was measurable at start-up).
///
/// [`MockVmManager::restore_checked`]: super::MockVmManager::restore_checked
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckedVms(BTreeMap<String, VmInfo>);

impl CheckedVms {
    /// How many VMs there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The VMs in name order.
    pub fn iter(&self) -> impl Iterator<Item = &VmInfo> {
        self.0.values()
    }

    pub(super) fn into_map(self) -> BTreeMap<String, VmInfo> {
        self.0
    }
}

impl IntoIterator for CheckedVms {
    type Item = VmInfo;
    type IntoIter = std::collections::btree_map::IntoValues<String, VmInfo>;

    /// The VMs in name order.
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_values()
    }
}

impl From<CheckedVms> for SavedState {
    fn from(vms: CheckedVms) -> Self {
        SavedState {
            vms: vms.into_iter().collect(),
        }
    }
}

impl SavedState {
    /// Checks every VM and returns them keyed by name, or the first fault: a config or pending
    /// config that fails validation, pending changes on a stopped VM or with another name, a
    /// revision or time out of bounds (see [`check_vm`]), or a name used twice.
    pub fn check(self) -> Result<CheckedVms, VmError> {
        let (vms, rejected) = self.partition();
        match rejected.into_iter().next() {
            Some(RejectedVm { name, error }) => Err(SavedStateProblem::InVm {
                name,
                error: Box::new(error),
            }
            .into()),
            None => Ok(vms),
        }
    }

    /// Keeps the VMs that pass [`SavedState::check`]'s rules and lists the others with the
    /// reason; of two VMs with one name (in NFC: `cafe\u{301}` and `café` are one) the first is
    /// kept. For loading data that is partly damaged without losing the good part.
    pub fn partition(self) -> (CheckedVms, Vec<RejectedVm>) {
        let mut kept = BTreeMap::new();
        let mut rejected = Vec::new();
        for vm in self.vms {
            let name = vm.config.name.clone();
            match check_vm(vm) {
                Ok(vm) if kept.contains_key(&vm.config.name) => rejected.push(RejectedVm {
                    error: SavedStateProblem::NameTwice.into(),
                    name,
                }),
                Ok(vm) => {
                    // Keyed by the normalised name, which is what a later VM is checked
                    // against.
                    kept.insert(vm.config.name.clone(), vm);
                }
                Err(error) => rejected.push(RejectedVm { name, error }),
            }
        }
        (CheckedVms(kept), rejected)
    }
}

/// Checks one VM record as [`SavedState::check`] does and returns it normalised (names in
/// NFC, an unchanged pending config dropped). The same rules as the manager's, so that what
/// the manager holds always passes: every config valid, the revision in 1 ..=
/// [`REVISION_MAX`], the times at most [`TIMESTAMP_MAX`] (so each reaches JavaScript exact),
/// the snapshots a tree as the manager keeps it (at most `limits::SNAPSHOTS_PER_VM`, every
/// name valid and unique, every config the VM's).
pub fn check_vm(mut vm: VmInfo) -> Result<VmInfo, VmError> {
    vm.config = vm.config.validated()?;
    for (field, value, min, max) in [
        (InfoField::Revision, vm.revision, 1, REVISION_MAX),
        (InfoField::CreatedAt, vm.created_at, 0, TIMESTAMP_MAX),
        (
            InfoField::StateChangedAt,
            vm.state_changed_at,
            0,
            TIMESTAMP_MAX,
        ),
    ] {
        if !(min..=max).contains(&value) {
            return Err(VmError::RecordOutOfRange {
                field,
                min,
                max,
                got: value,
            });
        }
    }
    if let Some(pending) = vm.pending.take() {
        if !vm.state.is_active() {
            return Err(SavedStateProblem::PendingWhileStopped.into());
        }
        let pending = pending.validated()?;
        if pending.name != vm.config.name {
            return Err(SavedStateProblem::PendingRenames.into());
        }
        vm.pending = (pending != vm.config).then_some(pending);
    }
    check_snapshots(&mut vm)?;
    Ok(vm)
}
