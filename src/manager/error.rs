//! The one error type of the core, with messages a person can act on.

use std::fmt;

use super::config::{ConfigField, ConfigProblem};
use super::host::Resource;
use super::limits::{MAX_SAFE_INTEGER, TIMESTAMP_MAX};
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
    /// A snapshot could not be restored: the whole snapshot is refused.
    InvalidSnapshot {
        /// Which entry of the snapshot is at fault, and why.
        reason: String,
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
        /// What was found, in words.
        found: String,
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
    /// "InvalidTransition", "Closed", "InvalidSnapshot" (also for
    /// [`VmError::RecordOutOfRange`]: a record that can't be restored) or
    /// "InsufficientResources" (also for [`VmError::HostTooSmall`]); a host size out of
    /// bounds is "InvalidConfig".
    pub fn code(&self) -> &'static str {
        match self {
            VmError::NotFound { .. } => "NotFound",
            VmError::AlreadyExists { .. } => "AlreadyExists",
            VmError::InvalidConfig { .. }
            | VmError::InvalidHost { .. }
            | VmError::InvalidHostValue { .. } => "InvalidConfig",
            VmError::InsufficientResources { .. } | VmError::HostTooSmall { .. } => {
                "InsufficientResources"
            }
            VmError::InvalidTransition { .. } => "InvalidTransition",
            VmError::Closed => "Closed",
            VmError::InvalidSnapshot { .. } | VmError::RecordOutOfRange { .. } => "InvalidSnapshot",
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

impl fmt::Display for VmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VmError::NotFound { name } => write!(f, "no VM named '{name}' exists"),
            VmError::AlreadyExists { name } => write!(f, "a VM named '{name}' already exists"),
            VmError::InvalidConfig { field, problem } => {
                problem.describe(field.label(), field.unit(), f)
            }
            VmError::InvalidTransition {
                name,
                operation,
                state,
            } => {
                let verb = operation.verb();
                match operation.refusal(*state) {
                    Some(refusal) => write!(f, "cannot {verb} '{name}': {}", refusal.explain()),
                    None => write!(f, "cannot {verb} '{name}' while it is {state}"),
                }
            }
            VmError::Closed => f.write_str("the VM manager is closed"),
            VmError::InvalidSnapshot { reason } => write!(f, "invalid saved state: {reason}"),
            VmError::RecordOutOfRange {
                field,
                min,
                max,
                got,
            } => {
                write!(f, "{} must be between {min} and {max}", field.json_name())?;
                if *max == MAX_SAFE_INTEGER {
                    f.write_str(" (the largest whole number JavaScript holds exactly)")?;
                } else if *max == TIMESTAMP_MAX {
                    f.write_str(" (the latest time a JavaScript Date holds)")?;
                }
                write!(f, ", got {got}")
            }
            VmError::InsufficientResources {
                name,
                resource,
                needed,
                free,
                total,
            } => {
                let (what, unit) = (resource.json_name(), resource.unit());
                write!(
                    f,
                    "'{name}' needs {needed} {unit} of {what}; the host has {free} {unit} free of {total} {unit}"
                )
            }
            VmError::HostTooSmall {
                resource,
                held,
                requested,
            } => {
                let (what, unit) = (resource.json_name(), resource.unit());
                write!(
                    f,
                    "cannot make the host's {what} {requested} {unit}: its VMs hold {held} {unit}"
                )
            }
            VmError::InvalidHostValue { key, found } => match key.as_str() {
                "memory" | "cpus" | "storage" => write!(
                    f,
                    "the host's {key} must be a whole number or null (unlimited), got {found}"
                ),
                "overcommit" => write!(f, "the host's overcommit must be a boolean, got {found}"),
                "" => write!(f, "the host must be an object, got {found}"),
                _ => write!(
                    f,
                    "the host has no '{key}': it has memory, cpus, storage and overcommit"
                ),
            },
            VmError::InvalidHost {
                resource,
                min,
                max,
                got,
            } => {
                let (what, unit) = (resource.json_name(), resource.unit());
                write!(
                    f,
                    "the host's {what} must be between {min} and {max} {unit}, got {got}"
                )
            }
        }
    }
}

impl std::error::Error for VmError {}
