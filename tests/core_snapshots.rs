//! Snapshots and clones in the core: a property test of the snapshot tree under every
//! operation against a small reference model (as `core_model.rs` does for the lifecycle), and
//! the rules of taking, reverting, deleting, cloning and deleting a VM with snapshots.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use proptest::prelude::*;
use vm_playground::manager::limits::{SNAPSHOTS_PER_VM, SNAPSHOT_DESCRIPTION_MAX_CHARS};
use vm_playground::manager::{clone_disk_path, Host, NewSnapshot, SnapshotDeletion, SnapshotField};
use vm_playground::{ConfigProblem, MockVmManager, VmConfig, VmError, VmManager, VmState};

const VMS: [&str; 3] = ["a", "b", "c"];
const SNAPS: [&str; 4] = ["s1", "s2", "s3", "s4"];
const MEMORY: [u64; 2] = [512, 1024];

#[derive(Debug, Clone)]
enum Op {
    Define(usize),
    Create(usize),
    Start(usize),
    Stop(usize),
    Pause(usize),
    /// Sets the VM's memory (pending while it is active).
    SetMemory(usize, usize),
    /// Renames VM `.0` to `.1` (a stopped VM only).
    Rename(usize, usize),
    Snapshot(usize, usize),
    Revert(usize, usize),
    DeleteSnapshot(usize, usize, bool),
    DeleteVm(usize, bool),
    Clone(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let vm = || 0..VMS.len();
    let snap = || 0..SNAPS.len();
    prop_oneof![
        1 => vm().prop_map(Op::Define),
        1 => vm().prop_map(Op::Create),
        1 => vm().prop_map(Op::Start),
        1 => vm().prop_map(Op::Stop),
        1 => vm().prop_map(Op::Pause),
        1 => (vm(), 0..MEMORY.len()).prop_map(|(v, m)| Op::SetMemory(v, m)),
        1 => (vm(), vm()).prop_map(|(v, n)| Op::Rename(v, n)),
        3 => (vm(), snap()).prop_map(|(v, s)| Op::Snapshot(v, s)),
        2 => (vm(), snap()).prop_map(|(v, s)| Op::Revert(v, s)),
        2 => (vm(), snap(), any::<bool>()).prop_map(|(v, s, c)| Op::DeleteSnapshot(v, s, c)),
        1 => (vm(), any::<bool>()).prop_map(|(v, w)| Op::DeleteVm(v, w)),
        1 => (vm(), vm()).prop_map(|(v, n)| Op::Clone(v, n)),
    ]
}

/// A snapshot as the model keeps it: the VM's state and memory then, and its parent.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Snap {
    state: VmState,
    memory: u64,
    pending: Option<u64>,
    parent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Vm {
    state: VmState,
    memory: u64,
    pending: Option<u64>,
    snaps: BTreeMap<String, Snap>,
    current: Option<String>,
}

impl Vm {
    fn new(state: VmState) -> Vm {
        Vm {
            state,
            memory: 1024,
            pending: None,
            snaps: BTreeMap::new(),
            current: None,
        }
    }
}

#[derive(Default)]
struct Model {
    vms: BTreeMap<String, Vm>,
}

/// What an operation came to: its error code, or "ok".
type Outcome = &'static str;

impl Model {
    fn apply(&mut self, op: &Op) -> Outcome {
        match *op {
            Op::Define(v) | Op::Create(v) => {
                if self.vms.contains_key(VMS[v]) {
                    return "AlreadyExists";
                }
                let state = if matches!(op, Op::Create(_)) {
                    VmState::Running
                } else {
                    VmState::Stopped
                };
                self.vms.insert(VMS[v].into(), Vm::new(state));
                "ok"
            }
            Op::Start(v) | Op::Stop(v) | Op::Pause(v) => {
                let Some(vm) = self.vms.get_mut(VMS[v]) else {
                    return "NotFound";
                };
                let next = match (op, vm.state) {
                    (Op::Start(_), VmState::Stopped) => VmState::Running,
                    (Op::Stop(_), VmState::Running | VmState::Paused) => VmState::Stopped,
                    (Op::Pause(_), VmState::Running) => VmState::Paused,
                    _ => return "InvalidTransition",
                };
                vm.state = next;
                if next == VmState::Stopped {
                    if let Some(memory) = vm.pending.take() {
                        vm.memory = memory;
                    }
                }
                "ok"
            }
            Op::SetMemory(v, m) => {
                let Some(vm) = self.vms.get_mut(VMS[v]) else {
                    return "NotFound";
                };
                let memory = MEMORY[m];
                if vm.state.is_active() {
                    vm.pending = (memory != vm.memory).then_some(memory);
                } else {
                    vm.memory = memory;
                }
                "ok"
            }
            Op::Rename(v, n) => {
                let Some(vm) = self.vms.get_mut(VMS[v]) else {
                    return "NotFound";
                };
                if v == n {
                    // The config it runs with: any pending change is dropped.
                    vm.pending = None;
                    return "ok";
                }
                if vm.state.is_active() {
                    return "InvalidTransition";
                }
                if self.vms.contains_key(VMS[n]) {
                    return "AlreadyExists";
                }
                let vm = self.vms.remove(VMS[v]).unwrap();
                self.vms.insert(VMS[n].into(), vm);
                "ok"
            }
            Op::Snapshot(v, s) => {
                let Some(vm) = self.vms.get_mut(VMS[v]) else {
                    return "NotFound";
                };
                if vm.snaps.contains_key(SNAPS[s]) {
                    return "AlreadyExists";
                }
                let snap = Snap {
                    state: vm.state,
                    memory: vm.memory,
                    pending: vm.pending,
                    parent: vm.current.clone(),
                };
                vm.snaps.insert(SNAPS[s].into(), snap);
                vm.current = Some(SNAPS[s].into());
                "ok"
            }
            Op::Revert(v, s) => {
                let Some(vm) = self.vms.get_mut(VMS[v]) else {
                    return "NotFound";
                };
                let Some(snap) = vm.snaps.get(SNAPS[s]).cloned() else {
                    return "NotFound";
                };
                vm.state = snap.state;
                vm.memory = snap.memory;
                vm.pending = snap.pending;
                vm.current = Some(SNAPS[s].into());
                "ok"
            }
            Op::DeleteSnapshot(v, s, children) => {
                let Some(vm) = self.vms.get_mut(VMS[v]) else {
                    return "NotFound";
                };
                let Some(snap) = vm.snaps.get(SNAPS[s]).cloned() else {
                    return "NotFound";
                };
                let mut gone = vec![SNAPS[s].to_owned()];
                if children {
                    // Everything whose chain of parents reaches the snapshot.
                    for name in vm.snaps.keys() {
                        let mut parent = vm.snaps[name].parent.clone();
                        while let Some(p) = parent {
                            if p == SNAPS[s] {
                                gone.push(name.clone());
                                break;
                            }
                            parent = vm.snaps[&p].parent.clone();
                        }
                    }
                } else {
                    for other in vm.snaps.values_mut() {
                        if other.parent.as_deref() == Some(SNAPS[s]) {
                            other.parent.clone_from(&snap.parent);
                        }
                    }
                }
                for name in &gone {
                    vm.snaps.remove(name);
                }
                if vm.current.as_ref().is_some_and(|c| gone.contains(c)) {
                    vm.current = snap.parent;
                }
                "ok"
            }
            Op::DeleteVm(v, with) => {
                let Some(vm) = self.vms.get(VMS[v]) else {
                    return "NotFound";
                };
                if !with && !vm.snaps.is_empty() {
                    return "InvalidTransition";
                }
                self.vms.remove(VMS[v]);
                "ok"
            }
            Op::Clone(v, n) => {
                let Some(vm) = self.vms.get(VMS[v]) else {
                    return "NotFound";
                };
                if vm.state.is_active() {
                    return "InvalidTransition";
                }
                if self.vms.contains_key(VMS[n]) {
                    return "AlreadyExists";
                }
                let clone = Vm {
                    memory: vm.memory,
                    ..Vm::new(VmState::Stopped)
                };
                self.vms.insert(VMS[n].into(), clone);
                "ok"
            }
        }
    }
}

fn outcome<T>(result: Result<T, VmError>) -> Outcome {
    result.map_or_else(|error| error.code(), |_| "ok")
}

fn run(manager: &MockVmManager, op: &Op) -> Outcome {
    let named = |v: usize| VmConfig {
        name: VMS[v].into(),
        ..VmConfig::default()
    };
    match *op {
        Op::Define(v) => outcome(manager.define_vm(named(v))),
        Op::Create(v) => outcome(manager.create_vm(named(v))),
        Op::Start(v) => outcome(manager.start_vm(VMS[v])),
        Op::Stop(v) => outcome(manager.stop_vm(VMS[v])),
        Op::Pause(v) => outcome(manager.pause_vm(VMS[v])),
        Op::SetMemory(v, m) => match manager.get_vm_info(VMS[v]) {
            Ok(info) => outcome(manager.update_vm_config(
                VMS[v],
                VmConfig {
                    memory: MEMORY[m],
                    ..info.config
                },
            )),
            Err(error) => error.code(),
        },
        Op::Rename(v, n) => match manager.get_vm_info(VMS[v]) {
            Ok(info) => outcome(manager.update_vm_config(
                VMS[v],
                VmConfig {
                    name: VMS[n].into(),
                    ..info.config
                },
            )),
            Err(error) => error.code(),
        },
        Op::Snapshot(v, s) => {
            outcome(manager.create_snapshot(NewSnapshot::named(VMS[v], SNAPS[s])))
        }
        Op::Revert(v, s) => outcome(manager.revert_to_snapshot(VMS[v], SNAPS[s])),
        Op::DeleteSnapshot(v, s, children) => outcome(manager.delete_snapshot(SnapshotDeletion {
            vm: VMS[v],
            name: SNAPS[s],
            children,
        })),
        Op::DeleteVm(v, with) => outcome(manager.delete_vm_with(VMS[v], with)),
        Op::Clone(v, n) => outcome(manager.clone_vm(VMS[v], VMS[n])),
    }
}

/// The manager's VMs as the model sees them.
fn observed(manager: &MockVmManager) -> BTreeMap<String, Vm> {
    manager
        .list_vm_infos()
        .unwrap()
        .into_iter()
        .map(|info| {
            let snaps = info
                .snapshots
                .iter()
                .map(|snapshot| {
                    // Every snapshot is of the VM under its current name.
                    assert_eq!(snapshot.config.name, info.config.name);
                    let snap = Snap {
                        state: snapshot.state,
                        memory: snapshot.config.memory,
                        pending: snapshot.pending.as_ref().map(|p| p.memory),
                        parent: snapshot.parent.clone(),
                    };
                    (snapshot.name.clone(), snap)
                })
                .collect();
            let vm = Vm {
                state: info.state,
                memory: info.config.memory,
                pending: info.pending.as_ref().map(|p| p.memory),
                snaps,
                current: info.current_snapshot.clone(),
            };
            (info.config.name, vm)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// After every operation the manager's VMs and snapshot trees equal the model's, every
    /// tree is in tree order (parents first) and loads again as a saved state.
    #[test]
    fn the_snapshot_tree_follows_the_model(ops in prop::collection::vec(op(), 1..50)) {
        let manager = MockVmManager::new();
        let mut model = Model::default();
        for op in &ops {
            let expected = model.apply(op);
            let got = run(&manager, op);
            prop_assert_eq!(got, expected, "{:?}", op);
            prop_assert_eq!(observed(&manager), model.vms.clone(), "after {:?}", op);
        }
        for info in manager.list_vm_infos().unwrap() {
            let ordered = info.snapshots_in_tree_order();
            for (index, snapshot) in ordered.iter().enumerate() {
                if let Some(parent) = &snapshot.parent {
                    let at = ordered.iter().position(|s| &s.name == parent).unwrap();
                    prop_assert!(at < index, "{} before its parent", snapshot.name);
                }
            }
        }
        let restored = MockVmManager::new();
        restored.restore(manager.saved_state().unwrap()).unwrap();
        prop_assert_eq!(observed(&restored), model.vms);
    }
}

fn manager_with(names: &[&str]) -> MockVmManager {
    let manager = MockVmManager::new();
    for name in names {
        manager
            .create_vm(VmConfig {
                name: (*name).into(),
                disk_path: format!("/var/lib/libvirt/images/{name}.qcow2"),
                ..VmConfig::default()
            })
            .unwrap();
    }
    manager
}

#[test]
fn a_snapshot_keeps_config_pending_state_time_and_description() {
    let clock = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(1_000));
    let time = clock.clone();
    let manager = MockVmManager::with_clock(Box::new(move || {
        time.load(std::sync::atomic::Ordering::SeqCst)
    }));
    manager
        .create_vm(VmConfig {
            name: "web".into(),
            ..VmConfig::default()
        })
        .unwrap();
    manager
        .update_vm_config(
            "web",
            VmConfig {
                name: "web".into(),
                memory: 2048,
                ..VmConfig::default()
            },
        )
        .unwrap();
    manager.pause_vm("web").unwrap();
    let snapshot = manager
        .create_snapshot(NewSnapshot {
            vm: "web",
            name: "before-upgrade",
            description: "clean install",
        })
        .unwrap();
    assert_eq!(snapshot.state, VmState::Paused);
    assert_eq!(snapshot.config.memory, 1024);
    assert_eq!(snapshot.pending.as_ref().unwrap().memory, 2048);
    assert_eq!(snapshot.created_at, 1_000);
    assert_eq!(snapshot.description, "clean install");
    assert_eq!(snapshot.parent, None);

    clock.store(5_000, std::sync::atomic::Ordering::SeqCst);
    manager.stop_vm("web").unwrap();
    manager
        .create_snapshot(NewSnapshot::named("web", "stopped"))
        .unwrap();
    let info = manager.get_vm_info("web").unwrap();
    assert_eq!(info.current_snapshot.as_deref(), Some("stopped"));
    assert_eq!(
        info.snapshot("stopped").unwrap().parent.as_deref(),
        Some("before-upgrade")
    );

    // Reverting brings back the paused VM with its pending change; it becomes current.
    assert_eq!(
        manager.revert_to_snapshot("web", "before-upgrade"),
        Ok(VmState::Paused)
    );
    let info = manager.get_vm_info("web").unwrap();
    assert_eq!(info.config.memory, 1024);
    assert_eq!(info.pending.unwrap().memory, 2048);
    assert_eq!(info.current_snapshot.as_deref(), Some("before-upgrade"));
    assert_eq!(info.state_changed_at, 5_000);
}

#[test]
fn revert_drops_pending_changes_made_since() {
    let manager = manager_with(&["web"]);
    manager
        .create_snapshot(NewSnapshot::named("web", "s"))
        .unwrap();
    manager
        .update_vm_config(
            "web",
            VmConfig {
                name: "web".into(),
                memory: 4096,
                disk_path: "/var/lib/libvirt/images/web.qcow2".into(),
                ..VmConfig::default()
            },
        )
        .unwrap();
    assert!(manager.get_vm_info("web").unwrap().pending.is_some());
    manager.revert_to_snapshot("web", "s").unwrap();
    assert_eq!(manager.get_vm_info("web").unwrap().pending, None);
}

#[test]
fn snapshot_names_follow_vm_names_and_are_unique_per_vm() {
    let manager = manager_with(&["a", "b"]);
    manager
        .create_snapshot(NewSnapshot::named("a", "s"))
        .unwrap();
    assert_eq!(
        manager.create_snapshot(NewSnapshot::named("a", "s")),
        Err(VmError::SnapshotExists {
            vm: "a".into(),
            name: "s".into()
        })
    );
    // Another VM may use the name.
    manager
        .create_snapshot(NewSnapshot::named("b", "s"))
        .unwrap();
    let error = manager
        .create_snapshot(NewSnapshot::named("a", "bad name"))
        .unwrap_err();
    assert_eq!(error.code(), "InvalidConfig");
    assert_eq!(error.field_name(), Some("name"));
    assert_eq!(
        error.to_string(),
        "snapshot name may contain only letters, digits, '-', '_' and '.', not a space"
    );
    assert!(matches!(
        manager.create_snapshot(NewSnapshot::named("a", "")),
        Err(VmError::InvalidSnapshot {
            field: SnapshotField::Name,
            problem: ConfigProblem::Empty
        })
    ));
    let long = "x".repeat(SNAPSHOT_DESCRIPTION_MAX_CHARS + 1);
    let error = manager
        .create_snapshot(NewSnapshot {
            vm: "a",
            name: "t",
            description: &long,
        })
        .unwrap_err();
    assert_eq!(error.field_name(), Some("description"));
    assert!(manager
        .create_snapshot(NewSnapshot {
            vm: "a",
            name: "t",
            description: "line\nbreak"
        })
        .is_err());
    assert_eq!(
        manager
            .create_snapshot(NewSnapshot::named("nope", "t"))
            .unwrap_err()
            .code(),
        "NotFound"
    );
    assert_eq!(
        manager
            .revert_to_snapshot("a", "nope")
            .unwrap_err()
            .to_string(),
        "'a' has no snapshot named 'nope'"
    );
}

#[test]
fn a_vm_has_at_most_its_cap_of_snapshots() {
    let manager = manager_with(&["a"]);
    for n in 0..SNAPSHOTS_PER_VM {
        manager
            .create_snapshot(NewSnapshot::named("a", &format!("s{n}")))
            .unwrap();
    }
    let error = manager
        .create_snapshot(NewSnapshot::named("a", "one-more"))
        .unwrap_err();
    assert_eq!(
        error,
        VmError::TooManySnapshots {
            vm: "a".into(),
            max: SNAPSHOTS_PER_VM
        }
    );
    assert_eq!(error.code(), "InvalidConfig");
    // A deleted one makes room.
    manager
        .delete_snapshot(SnapshotDeletion {
            vm: "a",
            name: "s0",
            children: false,
        })
        .unwrap();
    manager
        .create_snapshot(NewSnapshot::named("a", "one-more"))
        .unwrap();
}

#[test]
fn deleting_a_vm_with_snapshots_needs_the_explicit_choice() {
    let manager = manager_with(&["a"]);
    manager
        .create_snapshot(NewSnapshot::named("a", "s1"))
        .unwrap();
    manager
        .create_snapshot(NewSnapshot::named("a", "s2"))
        .unwrap();
    let error = manager.delete_vm("a").unwrap_err();
    assert_eq!(
        error,
        VmError::HasSnapshots {
            name: "a".into(),
            count: 2
        }
    );
    assert_eq!(error.code(), "InvalidTransition");
    assert_eq!(
        error.to_string(),
        "cannot delete 'a': it has 2 snapshots; delete them with it, or delete them first"
    );
    assert_eq!(
        vm_playground::i18n::Lang::Ru.error(&error),
        "нельзя удалить «a»: у неё 2 снимка; удалите их вместе с ней или сначала удалите их"
    );
    assert!(manager.get_vm_info("a").is_ok());
    manager.delete_vm_with("a", true).unwrap();
    assert_eq!(manager.vm_count().unwrap(), 0);
}

#[test]
fn a_renamed_vm_keeps_its_snapshots() {
    let manager = manager_with(&["a"]);
    manager
        .create_snapshot(NewSnapshot::named("a", "s"))
        .unwrap();
    manager.stop_vm("a").unwrap();
    let config = manager.get_vm_info("a").unwrap().config;
    manager
        .update_vm_config(
            "a",
            VmConfig {
                name: "renamed".into(),
                ..config
            },
        )
        .unwrap();
    let info = manager.get_vm_info("renamed").unwrap();
    assert_eq!(info.snapshots.len(), 1);
    assert_eq!(info.snapshots[0].config.name, "renamed");
    // Reverting keeps the new name.
    manager.revert_to_snapshot("renamed", "s").unwrap();
    assert_eq!(
        manager.get_vm_info("renamed").unwrap().state,
        VmState::Running
    );
}

#[test]
fn a_revert_that_starts_a_vm_is_admitted_by_the_host() {
    let host = Host {
        memory: Some(2048),
        ..Host::UNLIMITED
    };
    let manager = MockVmManager::with_host(host, Box::new(|| 0)).unwrap();
    for name in ["a", "b"] {
        manager
            .create_vm(VmConfig {
                name: name.into(),
                memory: 1024,
                ..VmConfig::default()
            })
            .unwrap();
    }
    manager
        .create_snapshot(NewSnapshot::named("a", "running"))
        .unwrap();
    manager.stop_vm("a").unwrap();
    manager
        .update_vm_config(
            "b",
            VmConfig {
                name: "b".into(),
                memory: 1024,
                ..VmConfig::default()
            },
        )
        .unwrap();
    manager.stop_vm("b").unwrap();
    manager
        .update_vm_config(
            "b",
            VmConfig {
                name: "b".into(),
                memory: 2048,
                ..VmConfig::default()
            },
        )
        .unwrap();
    manager.start_vm("b").unwrap();
    let before = manager.get_vm_info("a").unwrap();
    let error = manager.revert_to_snapshot("a", "running").unwrap_err();
    assert_eq!(error.code(), "InsufficientResources");
    assert_eq!(
        manager.get_vm_info("a").unwrap(),
        before,
        "a refusal changes nothing"
    );
    manager.stop_vm("b").unwrap();
    assert_eq!(
        manager.revert_to_snapshot("a", "running"),
        Ok(VmState::Running)
    );
}

#[test]
fn deleting_a_snapshot_reparents_its_children_or_takes_them() {
    let manager = manager_with(&["a"]);
    for name in ["root", "mid", "leaf"] {
        manager
            .create_snapshot(NewSnapshot::named("a", name))
            .unwrap();
    }
    manager.revert_to_snapshot("a", "mid").unwrap();
    manager
        .create_snapshot(NewSnapshot::named("a", "other"))
        .unwrap();
    // root ─ mid ─┬ leaf
    //             └ other (current)
    assert_eq!(
        manager.delete_snapshot(SnapshotDeletion {
            vm: "a",
            name: "mid",
            children: false
        }),
        Ok(vec!["mid".into()])
    );
    let info = manager.get_vm_info("a").unwrap();
    assert_eq!(
        info.snapshot("leaf").unwrap().parent.as_deref(),
        Some("root")
    );
    assert_eq!(
        info.snapshot("other").unwrap().parent.as_deref(),
        Some("root")
    );
    assert_eq!(info.current_snapshot.as_deref(), Some("other"));

    let deleted = manager
        .delete_snapshot(SnapshotDeletion {
            vm: "a",
            name: "root",
            children: true,
        })
        .unwrap();
    assert_eq!(deleted.len(), 3);
    let info = manager.get_vm_info("a").unwrap();
    assert!(info.snapshots.is_empty());
    assert_eq!(info.current_snapshot, None);
}

#[test]
fn clones_are_stopped_copies_with_a_disk_of_their_own_and_no_snapshots() {
    let manager = manager_with(&["web"]);
    manager
        .create_snapshot(NewSnapshot::named("web", "s"))
        .unwrap();
    let error = manager.clone_vm("web", "web-2").unwrap_err();
    assert_eq!(error.code(), "InvalidTransition");
    assert_eq!(
        error.to_string(),
        "cannot clone 'web': it is running; only a stopped VM can be cloned"
    );
    manager.pause_vm("web").unwrap();
    assert!(manager.clone_vm("web", "web-2").is_err());
    manager.stop_vm("web").unwrap();
    let clone = manager.clone_vm("web", "web-2").unwrap();
    assert_eq!(clone.state, VmState::Stopped);
    assert_eq!(
        clone.config.disk_path,
        "/var/lib/libvirt/images/web-2.qcow2"
    );
    assert_eq!(clone.config.memory, 1024);
    assert!(clone.snapshots.is_empty());
    assert_eq!(clone.current_snapshot, None);
    assert_eq!(manager.get_vm_info("web-2").unwrap(), clone);
    assert_eq!(
        manager.clone_vm("web", "web-2").unwrap_err().code(),
        "AlreadyExists"
    );
    assert_eq!(
        manager.clone_vm("nope", "x").unwrap_err().code(),
        "NotFound"
    );
    assert_eq!(
        manager
            .clone_vm("web", "bad name")
            .unwrap_err()
            .field_name(),
        Some("name")
    );
}

#[test]
fn a_clone_takes_its_disk_from_the_pool() {
    let host = Host {
        storage: Some(25),
        ..Host::UNLIMITED
    };
    let manager = MockVmManager::with_host(host, Box::new(|| 0)).unwrap();
    manager
        .define_vm(VmConfig {
            name: "a".into(),
            disk_size: 10,
            ..VmConfig::default()
        })
        .unwrap();
    manager.clone_vm("a", "b").unwrap();
    let error = manager.clone_vm("a", "c").unwrap_err();
    assert_eq!(error.code(), "InsufficientResources");
    assert_eq!(manager.vm_count().unwrap(), 2);
}

#[test]
fn clone_disk_paths_are_derived_as_virt_clone_derives_them() {
    let free = |_: &str| false;
    // The file named after the VM takes the clone's name (virt-clone's transcript:
    // web-01.qcow2 → web-02.qcow2).
    assert_eq!(
        clone_disk_path("/tmp/vc/web-01.qcow2", "web-01", "web-02", free),
        "/tmp/vc/web-02.qcow2"
    );
    assert_eq!(
        clone_disk_path("/img/disk.img", "web", "new", free),
        "/img/disk-clone.img"
    );
    // An extension longer than 7 characters is part of the name.
    assert_eq!(
        clone_disk_path("/img/web.longextension", "web", "new", free),
        "/img/web.longextension-clone"
    );
    assert_eq!(clone_disk_path("/img/web", "web", "new", free), "/img/new");
    assert_eq!(clone_disk_path("", "web", "new", free), "");
    let taken = |path: &str| path == "/img/disk-clone.img" || path == "/img/disk-clone-1.img";
    assert_eq!(
        clone_disk_path("/img/disk.img", "web", "new", taken),
        "/img/disk-clone-2.img"
    );
    // In the manager, a path another VM uses is taken.
    let manager = MockVmManager::new();
    for name in ["a", "b"] {
        manager
            .define_vm(VmConfig {
                name: name.into(),
                disk_path: "/img/disk.img".into(),
                ..VmConfig::default()
            })
            .unwrap();
    }
    assert_eq!(
        manager.clone_vm("a", "c").unwrap().config.disk_path,
        "/img/disk-clone.img"
    );
    assert_eq!(
        manager.clone_vm("b", "d").unwrap().config.disk_path,
        "/img/disk-clone-1.img"
    );
}
