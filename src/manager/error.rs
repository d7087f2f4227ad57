//! The one error type of the core, with messages a person can act on.

use std::fmt;

use super::config::{ConfigField, ConfigProblem};
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
    /// "InvalidTransition", "Closed" or "InvalidSnapshot" (also for
    /// [`VmError::RecordOutOfRange`]: a record that can't be restored).
    pub fn code(&self) -> &'static str {
        match self {
            VmError::NotFound { .. } => "NotFound",
            VmError::AlreadyExists { .. } => "AlreadyExists",
            VmError::InvalidConfig { .. } => "InvalidConfig",
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

    pub(crate) fn invalid(field: ConfigField, problem: ConfigProblem) -> Self {
        VmError::InvalidConfig { field, problem }
    }
}

impl fmt::Display for VmError {
    /// The message in English, from the catalogue (`i18n`), where every language's is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::Lang::En.error(self))
    }
}

impl std::error::Error for VmError {}
