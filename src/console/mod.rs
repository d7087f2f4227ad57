//! Teaching mode's console: a command language close to libvirt's `virsh`, parsed and run in
//! pure Rust on any [`ConsoleBackend`] (the core in tests, the web app in the browser).
//!
//! A line goes [`parse`] → [`Command`] → [`execute`] → [`Output`]; [`run`] does both. The
//! [`Output`] holds the lines to print, whether they are an error, an [`Effect`] for `clear`
//! and `history`, and an [`OpRecord`] for the event log. [`run_in`] and [`execute_in`] print in
//! a language, as virsh does under that locale. [`complete`] does Tab,
//! [`command_for`] gives the line that mirrors a GUI action, [`History`] does ↑/↓.
//!
//! ```
//! use vm_playground::console::{run, Host};
//! let host = Host::default();
//! run("virsh create web-01 --stopped", &host);
//! assert_eq!(run("list --all", &host).lines, [
//!     " Id   Name     State",
//!     "-------------------------",
//!     " -    web-01   shut off",
//! ]);
//! ```
//!
//! Nothing here touches the browser: no leptos, web-sys, js-sys, gloo or wasm-bindgen.

mod command;
mod complete;
mod error;
mod exec;
mod facts;
mod format;
mod history;
mod host;
mod ids;
mod lex;
mod mirror;
mod parse;
mod snapshots;
mod spec;
mod units;
mod walk;

pub use command::{Command, ListFilter, Scope};
pub use complete::{complete, Completion, CANDIDATES_SHOWN};
pub use error::ConsoleError;
pub use exec::{execute, execute_in, Effect, OpRecord, Output};
pub use facts::{DomainFacts, Facts, Reason};
pub use format::{fake_uuid, format_history};
pub use history::History;
pub use host::Host;
pub use ids::DomainIds;
pub use lex::quote;
pub use mirror::{command_for, command_for_in, virsh_name, GuiAction};
pub use parse::{check_line, parse};
pub use spec::{find_command, ArgKind, ArgSpec, CommandSpec, Group, OptionSpec, COMMANDS};
pub use units::{scaled_kib, NumberError};

use crate::i18n::Lang;
use crate::manager::{
    ConfigUpdate, Host as HostSizes, HostInfo, MockVmManager, NewSnapshot, Snapshot,
    SnapshotDeletion, Timestamp, Transition, Usage, VmConfig, VmError, VmInfo, VmManager, VmState,
    LOCAL_HOST,
};
use crate::undo::{Change, Direction};

/// What the console (and the JavaScript API) need from a VM manager.
///
/// The core implements it, so commands are tested natively ([`Host`] adds the Ids and facts
/// the page keeps); the web app implements it by
/// routing each call through its own methods, so that a console command or a
/// `vmPlayground` call updates the GUI and is saved like a click.
pub trait ConsoleBackend {
    /// Creates a VM and starts it, or only defines it (stopped) if `start` is false.
    fn create(&self, config: VmConfig, start: bool) -> Result<(), VmError>;
    /// Moves the VM through `transition`; returns its new state.
    fn transition(&self, name: &str, transition: Transition) -> Result<VmState, VmError>;
    /// Deletes the VM, in any state; one with snapshots only if `with_snapshots` (they go
    /// too).
    fn delete(&self, name: &str, with_snapshots: bool) -> Result<(), VmError>;
    /// Takes a snapshot of the VM (see [`MockVmManager::create_snapshot`]).
    fn create_snapshot(&self, request: NewSnapshot<'_>) -> Result<Snapshot, VmError>;
    /// Reverts the VM to a snapshot; returns its new state.
    fn revert_snapshot(&self, vm: &str, name: &str) -> Result<VmState, VmError>;
    /// Deletes a snapshot (with `children`, its subtree); returns the names deleted.
    fn delete_snapshot(&self, request: SnapshotDeletion<'_>) -> Result<Vec<String>, VmError>;
    /// Clones a stopped VM (virt-clone); returns the clone.
    fn clone_vm(&self, source: &str, new_name: &str) -> Result<VmInfo, VmError>;
    /// Changes the VM's config: at once if it is stopped, at its next stop if it is active.
    fn update(&self, name: &str, config: VmConfig) -> Result<ConfigUpdate, VmError>;
    /// One VM.
    fn info(&self, name: &str) -> Result<VmInfo, VmError>;
    /// Every VM.
    fn infos(&self) -> Result<Vec<VmInfo>, VmError>;
    /// Every VM's name, sorted, for Tab completion.
    fn names(&self) -> Vec<String>;
    /// The Ids of the active VMs among `infos` (every VM there is). By default numbered afresh
    /// in name order; the page's app keeps them from one command to the next, as libvirt does.
    fn domain_ids(&self, infos: &[VmInfo]) -> DomainIds {
        DomainIds::numbered(infos)
    }
    /// The Id of the VM `name`, if it is active (`dominfo`, `domid`, `dumpxml`). By default
    /// from [`ConsoleBackend::domain_ids`] over every VM; a backend that keeps its Ids up to
    /// date answers for the one VM, so that a command on one VM costs the same among 10,000.
    fn domain_id(&self, name: &str) -> Option<usize> {
        self.infos()
            .ok()
            .and_then(|infos| self.domain_ids(&infos).get(name))
    }
    /// Reboots a running VM: a stop and a start that keep its Id.
    fn reboot(&self, name: &str) -> Result<VmState, VmError> {
        self.transition(name, Transition::Stop)?;
        self.transition(name, Transition::Start)
    }
    /// The time now, in ms since the epoch (`dominfo`'s CPU time).
    fn now(&self) -> Timestamp;
    /// The host and what the VMs hold of it (`nodeinfo`). By default an unlimited host.
    fn host_info(&self) -> Result<HostInfo, VmError> {
        Ok(HostInfo {
            id: LOCAL_HOST,
            host: HostSizes::UNLIMITED,
            usage: Usage::of(&self.infos()?),
        })
    }
    /// The simulated clock, in seconds, that drives the guests' usage (`dommemstat`,
    /// `domstats`). The bare core has none: 0.
    fn sim_time(&self) -> u64 {
        0
    }
    /// What the console knows of `name` beyond its config (see [`Facts`]). By default nothing:
    /// maxima equal to the config, no live changes, reasons unknown.
    fn facts(&self, name: &str) -> Facts {
        let _ = name;
        Facts::default()
    }
    /// Whether [`ConsoleBackend::set_facts`] keeps what it is given. The bare core doesn't:
    /// a command that needs a fact kept (`setmem --live`, a maximum above the config) is then
    /// refused as unsupported rather than forgotten.
    fn keeps_facts(&self) -> bool {
        false
    }
    /// Keeps `facts` for `name`, if the backend keeps facts.
    fn set_facts(&self, name: &str, facts: Facts) {
        let _ = (name, facts);
    }
    /// Undoes or redoes the newest change made through this backend (`undo`, `redo`): what
    /// it was, or `None` if there is none. The bare core keeps no history: nothing to undo.
    fn step(&self, direction: Direction) -> Result<Option<Change>, VmError> {
        let _ = direction;
        Ok(None)
    }
}

impl ConsoleBackend for MockVmManager {
    fn create(&self, config: VmConfig, start: bool) -> Result<(), VmError> {
        if start {
            self.create_vm(config)
        } else {
            self.define_vm(config)
        }
    }

    fn transition(&self, name: &str, transition: Transition) -> Result<VmState, VmError> {
        self.apply(name, transition)
    }

    fn delete(&self, name: &str, with_snapshots: bool) -> Result<(), VmError> {
        self.delete_vm_with(name, with_snapshots)
    }

    fn create_snapshot(&self, request: NewSnapshot<'_>) -> Result<Snapshot, VmError> {
        MockVmManager::create_snapshot(self, request)
    }

    fn revert_snapshot(&self, vm: &str, name: &str) -> Result<VmState, VmError> {
        self.revert_to_snapshot(vm, name)
    }

    fn delete_snapshot(&self, request: SnapshotDeletion<'_>) -> Result<Vec<String>, VmError> {
        MockVmManager::delete_snapshot(self, request)
    }

    fn clone_vm(&self, source: &str, new_name: &str) -> Result<VmInfo, VmError> {
        MockVmManager::clone_vm(self, source, new_name)
    }

    fn update(&self, name: &str, config: VmConfig) -> Result<ConfigUpdate, VmError> {
        self.update_vm_config(name, config)
    }

    fn info(&self, name: &str) -> Result<VmInfo, VmError> {
        self.get_vm_info(name)
    }

    fn infos(&self) -> Result<Vec<VmInfo>, VmError> {
        self.list_vm_infos()
    }

    fn names(&self) -> Vec<String> {
        self.list_vms().unwrap_or_default()
    }

    fn now(&self) -> Timestamp {
        MockVmManager::now(self)
    }

    fn host_info(&self) -> Result<HostInfo, VmError> {
        MockVmManager::host_info(self)
    }
}

/// Parses `line` and runs it: a parse error becomes an error [`Output`]. In English; see
/// [`run_in`].
pub fn run(line: &str, backend: &dyn ConsoleBackend) -> Output {
    run_in(line, backend, Lang::En)
}

/// [`run`] with the output in `lang`, as virsh prints it under that language (libvirt's own
/// translation, see [`ConsoleTexts`](crate::i18n::ConsoleTexts)).
pub fn run_in(line: &str, backend: &dyn ConsoleBackend, lang: Lang) -> Output {
    match parse(line) {
        Ok(command) => execute_in(&command, backend, lang),
        Err(error) => Output::parse_error(&error, lang),
    }
}
