//! The core: the seed's mock VM manager in pure Rust.
//!
//! Nothing here knows about the browser: no leptos, web-sys, js-sys, gloo or wasm-bindgen.
//! It is tested natively and compiled to wasm unchanged.

mod clone;
mod config;
mod error;
mod host;
pub mod limits;
mod mock;
mod nfc;
mod saved_state;
mod snapshot;
mod state;
pub mod usage_model;
mod vms;

pub use clone::clone_disk_path;
pub use config::{
    check_name, Allowed, ConfigField, ConfigProblem, Expected, Found, VmConfig, KNOWN_NETWORKS,
};
pub use error::{InfoField, SavedStateProblem, VmError};
pub use host::{Host, HostId, HostInfo, Resource, Usage, LOCAL_HOST};
pub use limits::{DISK_SIZE_GB, MEMORY_MB, NAME_MAX_CHARS, VCPUS};
pub use mock::{Clock, ConfigUpdate, MockVmManager, RecordSwap, Timestamp, VmInfo, VmManager};
pub use nfc::{is_nfc, nfc, set_normaliser, Normaliser};
pub use saved_state::{check_vm, CheckedVms, RejectedVm, SavedState};
pub use snapshot::{
    check_description, snapshot_name, NewSnapshot, Snapshot, SnapshotDeletion, SnapshotField,
};
pub use state::{Operation, Refusal, Transition, VmState};
