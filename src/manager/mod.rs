//! The core: the seed's mock VM manager in pure Rust.
//!
//! Nothing here knows about the browser: no leptos, web-sys, js-sys, gloo or wasm-bindgen.
//! It is tested natively and compiled to wasm unchanged.

mod config;
mod error;
mod host;
pub mod limits;
mod mock;
mod nfc;
mod saved_state;
mod state;
pub mod usage_model;
mod vms;

pub use config::{
    check_name, Allowed, ConfigField, ConfigProblem, Expected, Found, VmConfig, KNOWN_NETWORKS,
};
pub use error::{InfoField, VmError};
pub use host::{Host, HostId, HostInfo, Resource, Usage, LOCAL_HOST};
pub use limits::{DISK_SIZE_GB, MEMORY_MB, NAME_MAX_CHARS, VCPUS};
pub use mock::{Clock, ConfigUpdate, MockVmManager, Timestamp, VmInfo, VmManager};
pub use nfc::{is_nfc, nfc, set_normaliser, Normaliser};
pub use saved_state::{check_vm, CheckedVms, RejectedVm, SavedState};
pub use state::{Operation, Refusal, Transition, VmState};
