//! The one error type of the core, with messages a person can act on.

use std::fmt;

use super::config::{ConfigField, ConfigProblem, Found};
use super::host::Resource;
use super::snapshot::SnapshotField;
use super::state::{Operation, VmState};

/// Why the manager refused a call. A refused call changes nothing.
///
/// Variant names are stable: the UI and the JavaScript API map them to codes
/// (see [`VmError::code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VmError {
    /// No VM has this name.
    NotFound {
        /// The name that was asked for.
        name: String,
    },
    /// A VM with this name exists already (on create, or on a rename).
    AlreadyExists {
        /// The name that is taken.
        name: String,
    },
    /// A field of a [`VmConfig`](super::VmConfig) is out of bounds or malformed.
    InvalidConfig {
        /// The field at fault.
        field: ConfigField,
        /// What is wrong with it.
        problem: ConfigProblem,
    },
    /// The operation is not allowed in the VM's current state (start a running VM, rename a
    /// paused one, ...).
    InvalidTransition {
        /// The VM.
        name: String,
        /// What was asked.
        operation: Operation,
        /// The state the VM is in, which forbids it.
        state: VmState,
    },
    /// The manager was closed; it accepts no more calls.
    Closed,
    /// A saved state could not be restored: the whole of it is refused.
    InvalidSavedState {
        /// Which entry of the saved state is at fault, and why.
        problem: SavedStateProblem,
    },
    /// A VM record (stored, imported, or another tab's) holds a number outside its bounds:
    /// a revision of 0, or a revision or time beyond what JavaScript holds exactly.
    RecordOutOfRange {
        /// The number at fault.
        field: InfoField,
        /// The smallest value allowed.
        min: u64,
        /// The largest value allowed.
        max: u64,
        /// The value found.
        got: u64,
    },
    /// The host has too little of a resource free for a start, a create or a bigger disk.
    InsufficientResources {
        /// The VM that was to take it.
        name: String,
        /// Memory or storage.
        resource: Resource,
        /// How much the VM needs.
        needed: u64,
        /// How much the host has free.
        free: u64,
        /// The host's size.
        total: u64,
    },
    /// A host size below what its VMs hold now.
    HostTooSmall {
        /// Memory or storage.
        resource: Resource,
        /// What the VMs hold.
        held: u64,
        /// The size asked for.
        requested: u64,
    },
    /// A `setHost` argument of the wrong type or with an unknown key.
    InvalidHostValue {
        /// The key at fault ("memory", "cpus", "storage", "overcommit", or an unknown one).
        key: String,
        /// What was found (`None` for an unknown key).
        found: Option<Found>,
    },
    /// An options argument of the JavaScript API (`deleteVm`'s `{ snapshots }`,
    /// `deleteSnapshot`'s `{ children }`) that is no object, names an option the call doesn't
    /// take, or gives its option a value other than true or false: a typo must not delete
    /// less or more than the caller meant.
    InvalidOption {
        /// The one option the call takes ("snapshots", "children").
        option: &'static str,
        /// The key at fault; `None` when the options argument itself is no object.
        key: Option<String>,
        /// What was found (`None` for an unknown key).
        found: Option<Found>,
    },
    /// A snapshot name or description that breaks its rules (a name has a VM name's).
    InvalidSnapshot {
        /// The field at fault.
        field: SnapshotField,
        /// What is wrong with it.
        problem: ConfigProblem,
    },
    /// The VM has no snapshot of this name.
    SnapshotNotFound {
        /// The VM.
        vm: String,
        /// The snapshot asked for.
        name: String,
    },
    /// The VM has a snapshot of this name already.
    SnapshotExists {
        /// The VM.
        vm: String,
        /// The name that is taken.
        name: String,
    },
    /// The VM has as many snapshots as one VM may have (`limits::SNAPSHOTS_PER_VM`).
    TooManySnapshots {
        /// The VM.
        vm: String,
        /// The cap.
        max: usize,
    },
    /// A delete of a VM that has snapshots, without saying they go too.
    HasSnapshots {
        /// The VM.
        name: String,
        /// How many snapshots it has.
        count: usize,
    },
    /// A host size outside the limits (`limits::HOST_*`).
    InvalidHost {
        /// The size at fault.
        resource: Resource,
        /// The smallest allowed.
        min: u64,
        /// The largest allowed.
        max: u64,
        /// The value given.
        got: u64,
    },
    /// A host resize while a lesson runs: the lesson's host is part of its setup, which its
    /// goals are about (a bigger host would "make room" without stopping anything).
    HostOfLesson,
    /// A record is no longer what the caller expected (see
    /// [`MockVmManager::swap_records`](super::MockVmManager::swap_records)): someone else
    /// (another browser tab) changed it since. Nothing was changed.
    Conflict {
        /// The VM whose record changed; `None` for the host.
        name: Option<String>,
    },
}

/// A number of a [`VmInfo`](super::VmInfo) besides its config, as named in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InfoField {
    /// `revision`
    Revision,
    /// `createdAt`
    CreatedAt,
    /// `stateChangedAt`
    StateChangedAt,
}

impl InfoField {
    /// The JSON and JavaScript name: "revision", "createdAt", "stateChangedAt".
    pub fn json_name(self) -> &'static str {
        match self {
            InfoField::Revision => "revision",
            InfoField::CreatedAt => "createdAt",
            InfoField::StateChangedAt => "stateChangedAt",
        }
    }
}

impl VmError {
    /// A stable code for programs: "NotFound", "AlreadyExists", "InvalidConfig",
    /// "InvalidTransition" (also for [`VmError::HasSnapshots`] and
    /// [`VmError::HostOfLesson`]), "Closed",
    /// "InvalidSavedState" (also for [`VmError::RecordOutOfRange`]: a record that can't be
    /// restored), "InsufficientResources" (also for [`VmError::HostTooSmall`]) or "Conflict";
    /// a host size out of bounds, a snapshot's bad name or description, a bad options argument
    /// and a VM at its cap of snapshots are "InvalidConfig"; a snapshot not found is
    /// "NotFound", a taken snapshot name "AlreadyExists".
    pub fn code(&self) -> &'static str {
        match self {
            VmError::NotFound { .. } | VmError::SnapshotNotFound { .. } => "NotFound",
            VmError::AlreadyExists { .. } | VmError::SnapshotExists { .. } => "AlreadyExists",
            VmError::InvalidConfig { .. }
            | VmError::InvalidSnapshot { .. }
            | VmError::TooManySnapshots { .. }
            | VmError::InvalidHost { .. }
            | VmError::InvalidHostValue { .. }
            | VmError::InvalidOption { .. } => "InvalidConfig",
            VmError::InsufficientResources { .. } | VmError::HostTooSmall { .. } => {
                "InsufficientResources"
            }
            VmError::InvalidTransition { .. }
            | VmError::HasSnapshots { .. }
            | VmError::HostOfLesson => "InvalidTransition",
            VmError::Closed => "Closed",
            VmError::Conflict { .. } => "Conflict",
            VmError::InvalidSavedState { .. } | VmError::RecordOutOfRange { .. } => {
                "InvalidSavedState"
            }
        }
    }

    /// The name of the field at fault, for programs (the JavaScript API's `field`): a
    /// config's ([`VmError::field`]) or a snapshot's ("name", "description").
    pub fn field_name(&self) -> Option<&'static str> {
        match self {
            VmError::InvalidConfig { field, .. } => Some(field.json_name()),
            VmError::InvalidSnapshot { field, .. } => Some(field.json_name()),
            _ => None,
        }
    }

    /// The config field at fault, for [`VmError::InvalidConfig`].
    pub fn field(&self) -> Option<ConfigField> {
        match self {
            VmError::InvalidConfig { field, .. } => Some(*field),
            _ => None,
        }
    }

    /// The host resource at fault, for the host's errors.
    pub fn resource(&self) -> Option<Resource> {
        match self {
            VmError::InsufficientResources { resource, .. }
            | VmError::HostTooSmall { resource, .. }
            | VmError::InvalidHost { resource, .. } => Some(*resource),
            _ => None,
        }
    }

    pub(crate) fn invalid(field: ConfigField, problem: ConfigProblem) -> Self {
        VmError::InvalidConfig { field, problem }
    }
}

/// What is wrong with a saved state or a VM's record, beyond its configs' and numbers' own
/// checks (those are [`VmError::InvalidConfig`] and [`VmError::RecordOutOfRange`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedStateProblem {
    /// A VM of a saved state is refused, for `error`.
    InVm {
        /// The VM's name, as the saved state gives it.
        name: String,
        /// Why.
        error: Box<VmError>,
    },
    /// Another VM before it has the same name (in NFC).
    NameTwice,
    /// A stopped VM has pending changes (only a running or paused VM keeps them).
    PendingWhileStopped,
    /// A VM's pending changes rename it.
    PendingRenames,
    /// More snapshots than [`SNAPSHOTS_PER_VM`](super::limits::SNAPSHOTS_PER_VM).
    TooManySnapshots {
        /// How many there are.
        count: usize,
    },
    /// A snapshot's time is after [`TIMESTAMP_MAX`](super::limits::TIMESTAMP_MAX).
    SnapshotAfterLatestDate {
        /// The snapshot.
        snapshot: String,
    },
    /// A snapshot's config names another VM.
    SnapshotOfOtherVm {
        /// The snapshot.
        snapshot: String,
        /// The name in its config.
        vm: String,
    },
    /// A snapshot of a stopped VM has pending changes.
    SnapshotPendingWhileStopped {
        /// The snapshot.
        snapshot: String,
    },
    /// A snapshot's pending changes rename the VM.
    SnapshotPendingRenames {
        /// The snapshot.
        snapshot: String,
    },
    /// Two snapshots of a VM have one name.
    SnapshotNameTwice {
        /// The name.
        snapshot: String,
    },
    /// A snapshot's parents lead back to it.
    SnapshotOwnAncestor {
        /// The snapshot.
        snapshot: String,
    },
    /// A snapshot's parent is not among the VM's snapshots.
    SnapshotParentMissing {
        /// The snapshot.
        snapshot: String,
        /// The parent's name it gives.
        parent: String,
    },
    /// The VM's current snapshot is not among its snapshots.
    CurrentSnapshotMissing {
        /// The name it gives.
        snapshot: String,
    },
    /// A record put back (undo, another tab) is of a VM with another name than the one it
    /// replaces.
    RecordMisnamed {
        /// The name it was to be put back under.
        name: String,
    },
}

impl From<SavedStateProblem> for VmError {
    fn from(problem: SavedStateProblem) -> Self {
        VmError::InvalidSavedState { problem }
    }
}

impl fmt::Display for VmError {
    /// The message in English, from the catalogue (`i18n`), where every language's is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::Lang::En.error(self))
    }
}

impl std::error::Error for VmError {}
