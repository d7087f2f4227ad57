//! The in-memory manager: the seed's mock, thread-safe, with pause/resume and pending configs.

use std::fmt;
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde::{Deserialize, Serialize};

use super::clone::clone_disk_path;
use super::config::VmConfig;
use super::error::{SavedStateProblem, VmError};
use super::host::{admit, check_shrink, Host, HostInfo, Resource, Usage, LOCAL_HOST};
use super::limits::{REVISION_MAX, SNAPSHOTS_PER_VM, TIMESTAMP_MAX};
use super::nfc::nfc;
use super::saved_state::{check_vm, CheckedVms, SavedState};
use super::snapshot::{check_description, snapshot_name, NewSnapshot, Snapshot, SnapshotDeletion};
use super::state::{Operation, Transition, VmState};
use super::vms::Vms;

/// Milliseconds since the Unix epoch.
pub type Timestamp = u64;

/// Where the manager reads the time. The core can't reach the browser's clock itself, so the
/// web layer passes `Date.now()` in through [`MockVmManager::with_clock`].
pub type Clock = Box<dyn Fn() -> Timestamp + Send + Sync>;

/// The seed's `VMManagerInterface`: the six operations every manager has.
///
/// Object safe: `Box<dyn VmManager>` works.
pub trait VmManager {
    /// Validates `config`, refuses a duplicate name, defines the VM and starts it.
    fn create_vm(&self, config: VmConfig) -> Result<(), VmError>;
    /// Every VM's name, sorted.
    fn list_vms(&self) -> Result<Vec<String>, VmError>;
    /// Stopped → Running.
    fn start_vm(&self, name: &str) -> Result<(), VmError>;
    /// Running or Paused → Stopped; pending config changes are applied.
    fn stop_vm(&self, name: &str) -> Result<(), VmError>;
    /// Deletes the VM in any state (a running one is forced off); the name is free at once.
    fn delete_vm(&self, name: &str) -> Result<(), VmError>;
    /// Releases the manager. Idempotent; afterwards every other call fails with
    /// [`VmError::Closed`].
    fn close(&self) -> Result<(), VmError>;
}

/// Everything known about one VM: the seed's `vmInfo` and more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VmInfo {
    /// The config the VM runs with.
    pub config: VmConfig,
    /// Where it is in its lifecycle.
    pub state: VmState,
    /// Config changes saved while the VM was active, applied when it next stops. Always `None`
    /// for a stopped VM, and never a different name.
    #[serde(default)]
    pub pending: Option<VmConfig>,
    /// When the VM was created.
    #[serde(default)]
    pub created_at: Timestamp,
    /// When its state last changed (its creation counts).
    #[serde(default)]
    pub state_changed_at: Timestamp,
    /// Counts this VM's changes, starting at 1 when it is created.
    #[serde(default = "first_revision")]
    pub revision: u64,
    /// Its snapshots, in the order they were taken, which every view keeps (a tree through
    /// their `parent`s; see
    /// [`VmInfo::snapshots_in_tree_order`]). Left out of the JSON when there are none, so a
    /// record without snapshots is as format 2 wrote it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<Snapshot>,
    /// The snapshot the VM was last reverted to or taken as: the parent of the next one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_snapshot: Option<String>,
}

impl VmInfo {
    /// A new VM's record: `config` in `state`, created at `now`, no snapshots.
    pub fn new(config: VmConfig, state: VmState, now: Timestamp) -> VmInfo {
        VmInfo {
            config,
            state,
            pending: None,
            created_at: now,
            state_changed_at: now,
            revision: first_revision(),
            snapshots: Vec::new(),
            current_snapshot: None,
        }
    }
}

fn first_revision() -> u64 {
    1
}

/// The revision after one more change: it saturates at [`REVISION_MAX`] rather than
/// overflow or pass what JavaScript holds exactly.
fn next_revision(revision: u64) -> u64 {
    revision.saturating_add(1).min(REVISION_MAX)
}

/// What [`MockVmManager::update_vm_config`] did with the new config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigUpdate {
    /// The VM was stopped: the config is in effect now.
    Applied,
    /// The VM is active: the config is pending and takes effect when the VM next stops.
    Pending,
    /// The new config equals the one in effect: nothing changed (and any pending change of a
    /// running VM was dropped, since the user went back to the running config).
    Unchanged,
}

/// The mock VM manager: every VM lives in memory, nothing real is created.
///
/// The seed's example, in Rust:
///
/// ```
/// use vm_playground::{MockVmManager, VmConfig, VmError, VmManager, VmState};
///
/// # fn main() -> Result<(), VmError> {
/// let manager = MockVmManager::new();
/// manager.create_vm(VmConfig {
///     name: "my-vm".into(),
///     memory: 1024,
///     vcpus: 2,
///     disk_path: "/mock/path/disk.qcow2".into(),
///     disk_size: 10,
///     iso_image: None,
///     network: "default".into(),
/// })?;
///
/// for name in manager.list_vms()? {
///     let info = manager.get_vm_info(&name)?;
///     println!("{name} (State: {}, Memory: {} MB, VCPUs: {})",
///         info.state, info.config.memory, info.config.vcpus);
/// }
///
/// // Creating starts the VM, as in the seed; starting it again is refused.
/// assert_eq!(manager.get_vm_state("my-vm")?, VmState::Running);
/// assert!(manager.start_vm("my-vm").is_err());
///
/// manager.stop_vm("my-vm")?;
/// manager.start_vm("my-vm")?;
/// manager.stop_vm("my-vm")?;
/// manager.delete_vm("my-vm")?;
/// manager.close()?;
/// # Ok(())
/// # }
/// ```
pub struct MockVmManager {
    inner: RwLock<Inner>,
    clock: Clock,
}

#[derive(Default)]
struct Inner {
    closed: bool,
    vms: Vms,
    /// The one host every VM is placed on ([`LOCAL_HOST`]).
    host: Host,
}

impl Inner {
    fn usage(&self) -> Usage {
        self.vms.usage()
    }
}

impl fmt::Debug for MockVmManager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.read();
        f.debug_struct("MockVmManager")
            .field("closed", &inner.closed)
            .field("vms", &inner.vms.len())
            .finish_non_exhaustive()
    }
}

impl Default for MockVmManager {
    fn default() -> Self {
        MockVmManager::new()
    }
}

/// The system clock where there is one. `wasm32-unknown-unknown` has none (`SystemTime::now`
/// panics there), so the web layer must supply one through [`MockVmManager::with_clock`].
fn default_clock() -> Clock {
    #[cfg(not(target_arch = "wasm32"))]
    {
        Box::new(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|elapsed| elapsed.as_millis() as Timestamp)
                .unwrap_or(0)
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        Box::new(|| 0)
    }
}

impl MockVmManager {
    /// An empty manager using the system clock.
    pub fn new() -> Self {
        MockVmManager::with_clock(default_clock())
    }

    /// An empty manager that reads the time from `clock` (milliseconds since the Unix epoch).
    pub fn with_clock(clock: Clock) -> Self {
        MockVmManager {
            inner: RwLock::new(Inner::default()),
            clock,
        }
    }

    /// An empty manager on `host`, which admits a start or a new disk only if it fits (see
    /// [`Host`]). `new` and `with_clock` are on an unlimited host, as the seed's mock is.
    pub fn with_host(host: Host, clock: Clock) -> Result<Self, VmError> {
        let manager = MockVmManager::with_clock(clock);
        manager.write().host = host.validated()?;
        Ok(manager)
    }

    /// The host's sizes and what the VMs hold of it.
    pub fn host_info(&self) -> Result<HostInfo, VmError> {
        let inner = self.open_read()?;
        Ok(HostInfo {
            id: LOCAL_HOST,
            host: inner.host,
            usage: inner.usage(),
        })
    }

    /// Resizes the host. Refused if a size is out of bounds, or smaller than what the VMs
    /// hold (memory of the running and paused ones unless overcommit is on, every disk).
    pub fn set_host(&self, host: Host) -> Result<(), VmError> {
        let mut inner = self.open_write()?;
        let host = host.validated()?;
        check_shrink(&inner.host, &host, &inner.usage())?;
        inner.host = host;
        Ok(())
    }

    /// Why the VM would not start again as it is configured for its next boot (its pending
    /// config, or its config), if it were stopped now: `None` if it would. For the UI to say
    /// that a pending change will not start as is.
    pub fn next_boot_refusal(&self, name: &str) -> Result<Option<VmError>, VmError> {
        let inner = self.open_read()?;
        let vm = inner.vms.get(&nfc(name)).ok_or_else(|| not_found(name))?;
        let next = vm.pending.as_ref().unwrap_or(&vm.config);
        let others = inner.vms.usage_except(&vm.config.name);
        let refusal = admit(
            &inner.host,
            Resource::Memory,
            others.memory,
            next.memory,
            name,
        )
        .and_then(|()| {
            admit(
                &inner.host,
                Resource::Storage,
                others.storage,
                next.disk_size,
                name,
            )
        })
        .err();
        Ok(refusal)
    }

    /// A manager holding the VMs of `state`, validated as by [`MockVmManager::restore`].
    pub fn from_saved_state(state: SavedState, clock: Clock) -> Result<Self, VmError> {
        let manager = MockVmManager::with_clock(clock);
        manager.restore(state)?;
        Ok(manager)
    }

    // A panic can't happen while the lock is held (no code in a critical section panics), so
    // a poisoned lock still holds consistent data.
    fn read(&self) -> RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }

    fn open_read(&self) -> Result<RwLockReadGuard<'_, Inner>, VmError> {
        let inner = self.read();
        if inner.closed {
            return Err(VmError::Closed);
        }
        Ok(inner)
    }

    fn open_write(&self) -> Result<RwLockWriteGuard<'_, Inner>, VmError> {
        let inner = self.write();
        if inner.closed {
            return Err(VmError::Closed);
        }
        Ok(inner)
    }

    /// Runs `change` on the VM called `name` under the write lock.
    fn with_vm<R>(
        &self,
        name: &str,
        change: impl FnOnce(&mut VmInfo) -> Result<R, VmError>,
    ) -> Result<R, VmError> {
        let mut inner = self.open_write()?;
        Self::change_vm(&mut inner, name, change)
    }

    /// Runs `change` on the VM called `name`, under a write lock already held.
    fn change_vm<R>(
        inner: &mut Inner,
        name: &str,
        change: impl FnOnce(&mut VmInfo) -> Result<R, VmError>,
    ) -> Result<R, VmError> {
        inner
            .vms
            .change(&nfc(name), change)
            .ok_or_else(|| not_found(name))?
    }

    /// The time by the manager's clock, in milliseconds since the Unix epoch, kept within
    /// [`TIMESTAMP_MAX`] so that it reaches JavaScript exact.
    pub fn now(&self) -> Timestamp {
        (self.clock)().min(TIMESTAMP_MAX)
    }

    fn insert_new(&self, config: VmConfig, state: VmState) -> Result<(), VmError> {
        let now = self.now();
        // Closed comes first: a closed manager answers Closed even to an invalid config.
        let mut inner = self.open_write()?;
        let config = config.validated()?;
        if inner.vms.contains_key(&config.name) {
            return Err(VmError::AlreadyExists { name: config.name });
        }
        let usage = inner.usage();
        admit(
            &inner.host,
            Resource::Storage,
            usage.storage,
            config.disk_size,
            &config.name,
        )?;
        if state.is_active() {
            admit(
                &inner.host,
                Resource::Memory,
                usage.memory,
                config.memory,
                &config.name,
            )?;
        }
        let info = VmInfo::new(config, state, now);
        inner.vms.insert(info.config.name.clone(), info);
        Ok(())
    }

    /// Like [`VmManager::create_vm`] but leaves the VM stopped (virsh's `define`).
    pub fn define_vm(&self, config: VmConfig) -> Result<(), VmError> {
        self.insert_new(config, VmState::Stopped)
    }

    /// Moves the VM through `transition`, or says why not.
    ///
    /// ```
    /// use vm_playground::{MockVmManager, Transition, VmConfig, VmManager, VmState};
    /// let manager = MockVmManager::new();
    /// manager.create_vm(VmConfig { name: "db".into(), ..Default::default() }).unwrap();
    /// assert_eq!(manager.apply("db", Transition::Pause), Ok(VmState::Paused));
    /// ```
    pub fn apply(&self, name: &str, transition: Transition) -> Result<VmState, VmError> {
        let mut inner = self.open_write()?;
        // A start takes memory (resuming a paused VM does not: it holds its memory).
        if transition == Transition::Start {
            if let Some(vm) = inner.vms.get(&nfc(name)) {
                if vm.state == VmState::Stopped {
                    let used = inner.usage().memory;
                    admit(
                        &inner.host,
                        Resource::Memory,
                        used,
                        vm.config.memory,
                        &vm.config.name,
                    )?;
                }
            }
        }
        Self::change_vm(&mut inner, name, |vm| {
            let next = vm
                .state
                .after(transition)
                .map_err(|_| VmError::InvalidTransition {
                    name: name.to_owned(),
                    operation: transition.operation(),
                    state: vm.state,
                })?;
            vm.state = next;
            // Read under the lock, so that state_changed_at never goes backwards.
            vm.state_changed_at = self.now();
            vm.revision = next_revision(vm.revision);
            if next == VmState::Stopped {
                if let Some(pending) = vm.pending.take() {
                    vm.config = pending;
                }
            }
            Ok(next)
        })
    }

    /// Running → Paused.
    pub fn pause_vm(&self, name: &str) -> Result<(), VmError> {
        self.apply(name, Transition::Pause).map(drop)
    }

    /// Paused → Running.
    pub fn resume_vm(&self, name: &str) -> Result<(), VmError> {
        self.apply(name, Transition::Resume).map(drop)
    }

    /// The VM's config, state, pending changes and times.
    pub fn get_vm_info(&self, name: &str) -> Result<VmInfo, VmError> {
        let inner = self.open_read()?;
        inner
            .vms
            .get(&nfc(name))
            .cloned()
            .ok_or_else(|| not_found(name))
    }

    /// The VM's state.
    pub fn get_vm_state(&self, name: &str) -> Result<VmState, VmError> {
        let inner = self.open_read()?;
        inner
            .vms
            .get(&nfc(name))
            .map(|vm| vm.state)
            .ok_or_else(|| not_found(name))
    }

    /// Every VM's info, sorted by name.
    pub fn list_vm_infos(&self) -> Result<Vec<VmInfo>, VmError> {
        Ok(self.open_read()?.vms.values().cloned().collect())
    }

    /// How many VMs there are.
    pub fn vm_count(&self) -> Result<usize, VmError> {
        Ok(self.open_read()?.vms.len())
    }

    /// Changes a VM's config, validated like [`VmManager::create_vm`].
    ///
    /// A stopped VM takes the new config at once, a new name included (refused if the name is
    /// taken). An active VM refuses a rename and keeps the rest as pending, applied when it
    /// next stops.
    pub fn update_vm_config(&self, name: &str, config: VmConfig) -> Result<ConfigUpdate, VmError> {
        let mut inner = self.open_write()?;
        let config = config.validated()?;
        let name = &*nfc(name);
        let inner_host = inner.host;
        let vms = &mut inner.vms;
        let vm = vms.get(name).ok_or_else(|| not_found(name))?;
        let renamed = config.name != name;
        if renamed && vm.state.is_active() {
            return Err(VmError::InvalidTransition {
                name: name.to_owned(),
                operation: Operation::Rename,
                state: vm.state,
            });
        }
        if renamed && vms.contains_key(&config.name) {
            return Err(VmError::AlreadyExists { name: config.name });
        }
        let mut vm = if renamed {
            vms.remove(name).ok_or_else(|| not_found(name))?
        } else {
            vms.get(name).cloned().ok_or_else(|| not_found(name))?
        };
        let outcome = if vm.state.is_active() {
            let pending = (config != vm.config).then_some(config);
            let outcome = if pending.is_some() {
                ConfigUpdate::Pending
            } else {
                ConfigUpdate::Unchanged
            };
            if pending != vm.pending {
                vm.pending = pending;
                vm.revision = next_revision(vm.revision);
            }
            outcome
        } else if config == vm.config {
            ConfigUpdate::Unchanged
        } else {
            // A bigger disk takes more of the pool (a stopped VM holds no memory).
            if config.disk_size > vm.config.disk_size {
                // A renamed VM is out of `vms` already; this one's disk is being replaced.
                let others = vms.usage_except(&vm.config.name).storage;
                if let Err(error) = admit(
                    &inner_host,
                    Resource::Storage,
                    others,
                    config.disk_size,
                    &config.name,
                ) {
                    if renamed {
                        vms.insert(vm.config.name.clone(), vm);
                    }
                    return Err(error);
                }
            }
            vm.config = config;
            if renamed {
                // A renamed VM keeps its snapshots, under its new name.
                for snapshot in &mut vm.snapshots {
                    snapshot.config.name.clone_from(&vm.config.name);
                    if let Some(pending) = &mut snapshot.pending {
                        pending.name.clone_from(&vm.config.name);
                    }
                }
            }
            vm.revision = next_revision(vm.revision);
            ConfigUpdate::Applied
        };
        vms.insert(vm.config.name.clone(), vm);
        Ok(outcome)
    }

    /// Drops the VM's pending config changes. Returns whether there were any.
    pub fn discard_pending(&self, name: &str) -> Result<bool, VmError> {
        self.with_vm(name, |vm| {
            let had_pending = vm.pending.take().is_some();
            if had_pending {
                vm.revision = next_revision(vm.revision);
            }
            Ok(had_pending)
        })
    }

    /// Takes a snapshot of the VM called `vm`: its config, pending config and state now, as
    /// a child of its current snapshot, which it becomes. `name` has a VM name's rules and
    /// must be new within the VM; at most [`SNAPSHOTS_PER_VM`] per VM.
    pub fn create_snapshot(&self, request: NewSnapshot<'_>) -> Result<Snapshot, VmError> {
        let NewSnapshot {
            vm,
            name,
            description,
        } = request;
        let name = snapshot_name(name)?;
        check_description(description)?;
        let now = self.now();
        self.with_vm(vm, |info| {
            if info.snapshot(&name).is_some() {
                return Err(VmError::SnapshotExists {
                    vm: info.config.name.clone(),
                    name,
                });
            }
            if info.snapshots.len() >= SNAPSHOTS_PER_VM {
                return Err(VmError::TooManySnapshots {
                    vm: info.config.name.clone(),
                    max: SNAPSHOTS_PER_VM,
                });
            }
            let snapshot = Snapshot {
                name: name.clone(),
                description: description.to_owned(),
                created_at: now,
                state: info.state,
                config: info.config.clone(),
                pending: info.pending.clone(),
                parent: info.current_snapshot.clone(),
            };
            info.snapshots.push(snapshot.clone());
            info.current_snapshot = Some(name);
            info.revision = next_revision(info.revision);
            Ok(snapshot)
        })
    }

    /// The VM's snapshots in tree order (see [`VmInfo::snapshots_in_tree_order`]).
    pub fn list_snapshots(&self, vm: &str) -> Result<Vec<Snapshot>, VmError> {
        let inner = self.open_read()?;
        let info = inner.vms.get(&nfc(vm)).ok_or_else(|| not_found(vm))?;
        Ok(info
            .snapshots_in_tree_order()
            .into_iter()
            .cloned()
            .collect())
    }

    /// Returns the VM to the snapshot `name`: its config, pending config and state become the
    /// snapshot's (the VM's own pending changes are dropped, as a revert replaces the
    /// definition) and the snapshot becomes the current one. Reverting to a running or paused
    /// snapshot starts a stopped VM, which the host must admit (memory, and the disk if the
    /// snapshot's is bigger). Returns the VM's new state.
    pub fn revert_to_snapshot(&self, vm: &str, name: &str) -> Result<VmState, VmError> {
        let mut inner = self.open_write()?;
        let key = nfc(vm).into_owned();
        let info = inner.vms.get(&key).ok_or_else(|| not_found(vm))?;
        let snapshot = info
            .snapshot(name)
            .ok_or_else(|| VmError::SnapshotNotFound {
                vm: info.config.name.clone(),
                name: name.to_owned(),
            })?
            .clone();
        let others = Usage::of(inner.vms.values().filter(|other| other.config.name != key));
        if snapshot.state.is_active() {
            admit(
                &inner.host,
                Resource::Memory,
                others.memory,
                snapshot.config.memory,
                &key,
            )?;
        }
        if snapshot.config.disk_size > info.config.disk_size {
            admit(
                &inner.host,
                Resource::Storage,
                others.storage,
                snapshot.config.disk_size,
                &key,
            )?;
        }
        let now = self.now();
        Self::change_vm(&mut inner, &key, |info| {
            info.config = snapshot.config;
            info.pending = snapshot.pending;
            info.state = snapshot.state;
            info.state_changed_at = now;
            info.current_snapshot = Some(snapshot.name);
            info.revision = next_revision(info.revision);
            Ok(info.state)
        })
    }

    /// Deletes the snapshot `name` of the VM `vm`: its children become its parent's (as
    /// `snapshot-delete` does), or with `children` its whole subtree goes. A deleted current
    /// snapshot passes that role to its parent. Returns the names deleted, the snapshot's
    /// first.
    pub fn delete_snapshot(&self, request: SnapshotDeletion<'_>) -> Result<Vec<String>, VmError> {
        let SnapshotDeletion { vm, name, children } = request;
        self.with_vm(vm, |info| {
            let snapshot = info
                .snapshot(name)
                .ok_or_else(|| VmError::SnapshotNotFound {
                    vm: info.config.name.clone(),
                    name: name.to_owned(),
                })?;
            let (name, parent) = (snapshot.name.clone(), snapshot.parent.clone());
            let mut deleted = vec![name.clone()];
            if children {
                // Breadth first: every snapshot whose parent is already deleted.
                let mut index = 0;
                while index < deleted.len() {
                    let found: Vec<String> = info
                        .children_of(Some(&deleted[index]))
                        .into_iter()
                        .map(|child| child.name.clone())
                        .collect();
                    deleted.extend(found);
                    index += 1;
                }
            } else {
                for child in &mut info.snapshots {
                    if child.parent.as_deref() == Some(name.as_str()) {
                        child.parent.clone_from(&parent);
                    }
                }
            }
            info.snapshots
                .retain(|snapshot| !deleted.contains(&snapshot.name));
            if info
                .current_snapshot
                .as_ref()
                .is_some_and(|current| deleted.contains(current))
            {
                info.current_snapshot = parent;
            }
            info.revision = next_revision(info.revision);
            Ok(deleted)
        })
    }

    /// Deletes the VM in any state (a running one is forced off). A VM with snapshots is
    /// refused ([`VmError::HasSnapshots`]) unless `with_snapshots` says they go too (virsh's
    /// `undefine --snapshots-metadata`).
    pub fn delete_vm_with(&self, name: &str, with_snapshots: bool) -> Result<(), VmError> {
        let mut inner = self.open_write()?;
        let key = nfc(name);
        let vm = inner.vms.get(&key).ok_or_else(|| not_found(name))?;
        if !with_snapshots && !vm.snapshots.is_empty() {
            return Err(VmError::HasSnapshots {
                name: vm.config.name.clone(),
                count: vm.snapshots.len(),
            });
        }
        inner.vms.remove(&key);
        Ok(())
    }

    /// Clones the stopped VM `source` as `new_name` (virt-clone): a stopped VM with the same
    /// config but its name and a disk of its own ([`clone_disk_path`]), no snapshots. Refused
    /// for a running or paused VM, a taken name, or a disk the host's pool can't hold.
    /// Returns the clone.
    pub fn clone_vm(&self, source: &str, new_name: &str) -> Result<VmInfo, VmError> {
        let now = self.now();
        let mut inner = self.open_write()?;
        let original = inner
            .vms
            .get(&nfc(source))
            .ok_or_else(|| not_found(source))?;
        if original.state.is_active() {
            return Err(VmError::InvalidTransition {
                name: original.config.name.clone(),
                operation: Operation::Clone,
                state: original.state,
            });
        }
        let config = VmConfig {
            name: new_name.to_owned(),
            disk_path: clone_disk_path(
                &original.config.disk_path,
                &original.config.name,
                &nfc(new_name),
                |path| inner.vms.values().any(|vm| vm.config.disk_path == path),
            ),
            ..original.config.clone()
        }
        .validated()?;
        if inner.vms.contains_key(&config.name) {
            return Err(VmError::AlreadyExists { name: config.name });
        }
        admit(
            &inner.host,
            Resource::Storage,
            inner.usage().storage,
            config.disk_size,
            &config.name,
        )?;
        let clone = VmInfo::new(config, VmState::Stopped, now);
        inner.vms.insert(clone.config.name.clone(), clone.clone());
        Ok(clone)
    }

    /// Every VM, for the storage layer.
    pub fn saved_state(&self) -> Result<SavedState, VmError> {
        Ok(SavedState {
            vms: self.list_vm_infos()?,
        })
    }

    /// Puts one VM in as it is described, replacing the VM of that name if there is one:
    /// how another copy's newer record of a VM (another browser tab, an import) is taken in.
    /// Checked like a saved state's VM; a refused record changes nothing.
    ///
    /// ```
    /// use vm_playground::{MockVmManager, VmConfig, VmManager, VmState};
    /// let here = MockVmManager::new();
    /// let there = MockVmManager::new();
    /// there.define_vm(VmConfig { name: "db".into(), ..Default::default() }).unwrap();
    /// here.put_vm(there.get_vm_info("db").unwrap()).unwrap();
    /// assert_eq!(here.get_vm_state("db").unwrap(), VmState::Stopped);
    /// ```
    pub fn put_vm(&self, info: VmInfo) -> Result<(), VmError> {
        drop(self.open_read()?);
        let info = check_vm(info)?;
        self.open_write()?
            .vms
            .insert(info.config.name.clone(), info);
        Ok(())
    }

    /// Removes a VM if it exists (another copy deleted it); returns whether it did.
    pub fn forget_vm(&self, name: &str) -> Result<bool, VmError> {
        Ok(self.open_write()?.vms.remove(&nfc(name)).is_some())
    }

    /// Replaces every VM with those of `state`, after checking every one of them (see
    /// [`SavedState::check`]). A saved state with any fault is refused whole and changes nothing.
    pub fn restore(&self, state: SavedState) -> Result<(), VmError> {
        // Closed comes first (and closing is for good, so checking it early is safe); the
        // checks run without holding the lock.
        drop(self.open_read()?);
        self.restore_checked(state.check()?)
    }

    /// Replaces every VM and the host at once (a shared setup), as loading does: the VMs are
    /// checked as by [`MockVmManager::restore`], the host as any host, and no admission
    /// applies (a setup over its host's capacity opens as it is, like stored data). A refusal
    /// changes nothing.
    pub fn restore_with_host(&self, state: SavedState, host: Host) -> Result<(), VmError> {
        drop(self.open_read()?);
        let host = host.validated()?;
        let vms = state.check()?;
        let mut inner = self.open_write()?;
        inner.vms = Vms::from(vms.into_map());
        inner.host = host;
        Ok(())
    }

    /// Replaces every VM with `vms`, which [`SavedState::check`] or [`SavedState::partition`]
    /// has already checked. Fails only when the manager is closed.
    pub fn restore_checked(&self, vms: CheckedVms) -> Result<(), VmError> {
        self.open_write()?.vms = Vms::from(vms.into_map());
        Ok(())
    }
}

fn not_found(name: &str) -> VmError {
    VmError::NotFound {
        name: name.to_owned(),
    }
}

impl VmManager for MockVmManager {
    fn create_vm(&self, config: VmConfig) -> Result<(), VmError> {
        self.insert_new(config, VmState::Running)
    }

    fn list_vms(&self) -> Result<Vec<String>, VmError> {
        Ok(self.open_read()?.vms.keys().cloned().collect())
    }

    fn start_vm(&self, name: &str) -> Result<(), VmError> {
        self.apply(name, Transition::Start).map(drop)
    }

    fn stop_vm(&self, name: &str) -> Result<(), VmError> {
        self.apply(name, Transition::Stop).map(drop)
    }

    /// Refused for a VM with snapshots: see [`MockVmManager::delete_vm_with`].
    fn delete_vm(&self, name: &str) -> Result<(), VmError> {
        self.delete_vm_with(name, false)
    }

    fn close(&self) -> Result<(), VmError> {
        let mut inner = self.write();
        inner.closed = true;
        inner.vms.clear();
        Ok(())
    }
}

/// One VM's record in [`MockVmManager::swap_records`]: what the caller expects it to be now and
/// what it should become (`None`: no such VM).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSwap {
    /// The VM's name (in NFC, as the manager keeps it).
    pub name: String,
    /// Its record as the caller last saw it.
    pub expect: Option<VmInfo>,
    /// The record to put in its place.
    pub restore: Option<VmInfo>,
}

impl MockVmManager {
    /// Puts records back, as an undo or a redo does: each VM of `vms` becomes its `restore`
    /// (inserted, replaced or removed), and the host `host.1` when `host` is given, but only if
    /// each of them is still what the caller expects (`expect`, `host.0`; a VM's revision
    /// aside, see below); otherwise
    /// [`VmError::Conflict`] names the first that is not. Nothing is taken on trust: each
    /// record is checked like a stored one ([`check_vm`], its name must be its key), a host
    /// like [`MockVmManager::set_host`]'s, and what the VMs then hold is admitted by the host
    /// like a start or a new disk (a resource whose use grows must fit; one that shrinks or
    /// stays never refuses, as loaded data over capacity stays). All or nothing.
    ///
    /// A record put back is a change: its revision follows the one it replaces (so no two
    /// different records of a VM share a revision); everything else is as given. Returns the
    /// records as they now are, in the order of `vms`.
    pub fn swap_records(
        &self,
        vms: &[RecordSwap],
        host: Option<(Host, Host)>,
    ) -> Result<Vec<Option<VmInfo>>, VmError> {
        drop(self.open_read()?);
        let mut restored = Vec::with_capacity(vms.len());
        for swap in vms {
            let record = swap.restore.clone().map(check_vm).transpose()?;
            if record
                .as_ref()
                .is_some_and(|record| *record.config.name != *nfc(&swap.name))
            {
                return Err(SavedStateProblem::RecordMisnamed {
                    name: swap.name.clone(),
                }
                .into());
            }
            restored.push(record);
        }
        let new_host = host.map(|(_, host)| host.validated()).transpose()?;
        let mut inner = self.open_write()?;
        if let Some((expected, _)) = host {
            if inner.host != expected {
                return Err(VmError::Conflict { name: None });
            }
        }
        // Revisions aside: a record put back counts its VM's revision on, so what an earlier
        // change left differs from it only there once a later one was undone.
        let content = |vm: Option<&VmInfo>| {
            vm.map(|vm| VmInfo {
                revision: 0,
                ..vm.clone()
            })
        };
        for swap in vms {
            if content(inner.vms.get(&nfc(&swap.name))) != content(swap.expect.as_ref()) {
                return Err(VmError::Conflict {
                    name: Some(swap.name.clone()),
                });
            }
        }
        let names: Vec<String> = vms
            .iter()
            .map(|swap| nfc(&swap.name).into_owned())
            .collect();
        let touched = crate::ordering::ByName::new(names.iter().map(|name| (name.as_str(), ())));
        let before = inner.usage();
        let others = Usage::of(
            inner
                .vms
                .values()
                .filter(|vm| !touched.contains(&vm.config.name)),
        );
        let after = Usage::of(restored.iter().flatten()).plus(&others);
        let target = new_host.unwrap_or(inner.host);
        if new_host.is_some() {
            check_shrink(&inner.host, &target, &after)?;
        }
        for resource in [Resource::Memory, Resource::Storage] {
            if after.get(resource) <= before.get(resource) {
                continue;
            }
            let mut in_use = others.get(resource);
            for record in restored.iter().flatten() {
                let needed = Usage::held_by(record).get(resource);
                admit(&target, resource, in_use, needed, &record.config.name)?;
                in_use = in_use.saturating_add(needed);
            }
        }
        inner.host = target;
        let mut now = Vec::with_capacity(vms.len());
        for (name, record) in names.iter().zip(restored) {
            let replaced = inner.vms.remove(name).map_or(0, |vm| vm.revision);
            let record = record.map(|mut record| {
                record.revision = next_revision(record.revision.max(replaced));
                inner.vms.insert(record.config.name.clone(), record.clone());
                record
            });
            now.push(record);
        }
        Ok(now)
    }
}
