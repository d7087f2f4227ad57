//! VM Playground: a virtual-machine manager simulator.
//!
//! [`manager`] is the pure-Rust core (the seed's mock VM manager). The browser app around it
//! is compiled only for `wasm32`.

pub mod config_input;
pub mod console;
pub mod demo;
pub mod event_log;
pub mod form;
pub mod i18n;
pub mod json_bounds;
pub mod lesson;
pub mod manager;
pub mod ordering;
pub mod present;
pub mod share;
pub mod sizes;
pub mod storage;
pub mod undo;
pub mod usage_graph;

pub use manager::{
    CheckedVms, ConfigField, ConfigProblem, ConfigUpdate, MockVmManager, Operation, Refusal,
    SavedState, SavedStateProblem, Transition, VmConfig, VmError, VmInfo, VmManager, VmState,
};

#[cfg(target_arch = "wasm32")]
pub mod web;
