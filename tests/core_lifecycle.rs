//! The lifecycle of the mock manager: every transition from every state, create/delete/list,
//! close, config updates with pending changes, revisions, timestamps, state and restore.
#![allow(
    clippy::disallowed_methods,
    reason = "native-only code: the page's size habits don't apply"
)]
#![cfg(not(target_arch = "wasm32"))]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use vm_playground::{
    CheckedVms, ConfigField, ConfigUpdate, MockVmManager, Operation, SavedState, SavedStateProblem,
    Transition, VmConfig, VmError, VmInfo, VmManager, VmState,
};

// Static assertions: the manager can be shared between threads, and the trait is object safe.
const _: fn() = || {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<MockVmManager>();
    send_sync::<VmError>();
    send_sync::<SavedState>();
    let _: Option<Box<dyn VmManager>> = None;
    let _: Option<Arc<dyn VmManager + Send + Sync>> = None;
};

fn named(name: &str) -> VmConfig {
    VmConfig {
        name: name.to_owned(),
        ..Default::default()
    }
}

/// A manager whose clock is `time`, which the test moves by hand.
fn clocked() -> (MockVmManager, Arc<AtomicU64>) {
    let time = Arc::new(AtomicU64::new(1_000));
    let reader = Arc::clone(&time);
    let manager = MockVmManager::with_clock(Box::new(move || reader.load(Ordering::SeqCst)));
    (manager, time)
}

/// Puts the freshly created (running) VM `name` into `state`.
fn put_in(manager: &MockVmManager, name: &str, state: VmState) {
    match state {
        VmState::Running => {}
        VmState::Stopped => manager.stop_vm(name).unwrap(),
        VmState::Paused => manager.pause_vm(name).unwrap(),
    }
    assert_eq!(manager.get_vm_state(name), Ok(state));
}

/// A manager holding "web" in `state`, and a bystander "other" (running).
fn with_web_in(state: VmState) -> MockVmManager {
    let manager = MockVmManager::new();
    manager.create_vm(named("web")).unwrap();
    manager.create_vm(named("other")).unwrap();
    put_in(&manager, "web", state);
    manager
}

fn call(manager: &MockVmManager, transition: Transition, name: &str) -> Result<(), VmError> {
    match transition {
        Transition::Start => manager.start_vm(name),
        Transition::Stop => manager.stop_vm(name),
        Transition::Pause => manager.pause_vm(name),
        Transition::Resume => manager.resume_vm(name),
    }
}

/// The Semantics section of the issue, written out by hand: the state a transition leads to
/// from each state, or the exact message of the refusal.
fn expected(transition: Transition, from: VmState) -> Result<VmState, &'static str> {
    use Transition::*;
    use VmState::*;
    match (transition, from) {
        (Start, Stopped) => Ok(Running),
        (Start, Running) => Err("cannot start 'web': it is already running"),
        (Start, Paused) => {
            Err("cannot start 'web': it is already active (paused); resume it instead")
        }
        (Stop, Running) => Ok(Stopped),
        (Stop, Paused) => Ok(Stopped),
        (Stop, Stopped) => Err("cannot stop 'web': it is not running"),
        (Pause, Running) => Ok(Paused),
        (Pause, Paused) => Err("cannot pause 'web': it is already paused"),
        (Pause, Stopped) => Err("cannot pause 'web': it is not running"),
        (Resume, Paused) => Ok(Running),
        (Resume, Running) => Err("cannot resume 'web': it is not paused"),
        (Resume, Stopped) => Err("cannot resume 'web': it is not running"),
    }
}

// ---------------------------------------------------------------- transitions

#[test]
fn every_transition_from_every_state() {
    for from in VmState::ALL {
        for transition in Transition::ALL {
            let manager = with_web_in(from);
            let before = manager.saved_state().unwrap();
            let result = call(&manager, transition, "web");
            match expected(transition, from) {
                Ok(to) => {
                    assert_eq!(result, Ok(()), "{transition:?} from {from:?}");
                    assert_eq!(manager.get_vm_state("web"), Ok(to));
                    let info = manager.get_vm_info("web").unwrap();
                    let old = &before
                        .vms
                        .iter()
                        .find(|vm| vm.config.name == "web")
                        .unwrap();
                    assert_eq!(info.revision, old.revision + 1);
                    assert_eq!(info.config, old.config);
                    // The bystander is untouched.
                    assert_eq!(
                        manager.get_vm_info("other").unwrap(),
                        before.vms[0],
                        "other VM changed"
                    );
                }
                Err(message) => {
                    let error = result.expect_err("must be refused");
                    assert_eq!(
                        error,
                        VmError::InvalidTransition {
                            name: "web".into(),
                            operation: transition.operation(),
                            state: from,
                        },
                        "{transition:?} from {from:?}"
                    );
                    assert_eq!(error.code(), "InvalidTransition");
                    assert_eq!(error.to_string(), message);
                    assert_eq!(
                        manager.saved_state().unwrap(),
                        before,
                        "a refused {transition:?} changed something"
                    );
                }
            }
        }
    }
}

/// Each transition is one operation and back, and the operation refuses what the transition
/// refuses; renaming and cloning are no transitions.
#[test]
fn transitions_and_operations_pair_both_ways() {
    for transition in Transition::ALL {
        let operation = transition.operation();
        assert_eq!(operation.transition(), Some(transition), "{transition:?}");
        for state in VmState::ALL {
            assert_eq!(
                operation.refusal(state),
                state.after(transition).err(),
                "{transition:?} from {state:?}"
            );
        }
    }
    for operation in [Operation::Rename, Operation::Clone] {
        assert_eq!(operation.transition(), None, "{operation:?}");
        assert_eq!(operation.refusal(VmState::Stopped), None);
        assert!(operation.refusal(VmState::Running).is_some());
    }
}

#[test]
fn apply_returns_the_new_state_and_agrees_with_the_named_methods() {
    for from in VmState::ALL {
        for transition in Transition::ALL {
            let manager = with_web_in(from);
            let result = manager.apply("web", transition);
            match expected(transition, from) {
                Ok(to) => assert_eq!(result, Ok(to)),
                Err(message) => assert_eq!(result.unwrap_err().to_string(), message),
            }
            assert_eq!(from.after(transition).ok(), expected(transition, from).ok());
        }
    }
}

#[test]
fn a_full_cycle_through_every_state() {
    let manager = MockVmManager::new();
    manager.create_vm(named("vm")).unwrap();
    let state = || manager.get_vm_state("vm").unwrap();
    assert_eq!(state(), VmState::Running);
    manager.pause_vm("vm").unwrap();
    assert_eq!(state(), VmState::Paused);
    manager.resume_vm("vm").unwrap();
    assert_eq!(state(), VmState::Running);
    manager.pause_vm("vm").unwrap();
    manager.stop_vm("vm").unwrap();
    assert_eq!(state(), VmState::Stopped);
    manager.start_vm("vm").unwrap();
    assert_eq!(state(), VmState::Running);
    assert_eq!(manager.get_vm_info("vm").unwrap().revision, 6);
}

// ---------------------------------------------------------------- create, define, delete, list

#[test]
fn create_starts_the_vm_and_define_leaves_it_stopped() {
    let manager = MockVmManager::new();
    manager.create_vm(named("created")).unwrap();
    manager.define_vm(named("defined")).unwrap();
    let created = manager.get_vm_info("created").unwrap();
    let defined = manager.get_vm_info("defined").unwrap();
    assert_eq!(created.state, VmState::Running);
    assert_eq!(defined.state, VmState::Stopped);
    for info in [&created, &defined] {
        assert_eq!(info.pending, None);
        assert_eq!(info.revision, 1);
    }
    assert_eq!(created.config, named("created"));
    assert_eq!(defined.config, named("defined"));
    manager.start_vm("defined").unwrap();
    assert_eq!(manager.get_vm_state("defined"), Ok(VmState::Running));
}

#[test]
fn create_and_define_refuse_a_duplicate_name_and_change_nothing() {
    for state in VmState::ALL {
        let manager = with_web_in(state);
        let before = manager.saved_state().unwrap();
        let other_config = VmConfig {
            memory: 8192,
            ..named("web")
        };
        let error = manager.create_vm(other_config.clone()).unwrap_err();
        assert_eq!(error, VmError::AlreadyExists { name: "web".into() });
        assert_eq!(error.code(), "AlreadyExists");
        assert_eq!(error.to_string(), "a VM named 'web' already exists");
        assert_eq!(manager.saved_state().unwrap(), before);

        let error = manager.define_vm(other_config).unwrap_err();
        assert_eq!(error, VmError::AlreadyExists { name: "web".into() });
        assert_eq!(manager.saved_state().unwrap(), before);
    }
}

#[test]
fn names_are_case_sensitive_and_exact() {
    let manager = MockVmManager::new();
    manager.create_vm(named("web")).unwrap();
    manager.create_vm(named("Web")).unwrap();
    manager.create_vm(named("web.")).unwrap();
    assert_eq!(manager.list_vms().unwrap(), ["Web", "web", "web."]);
}

#[test]
fn invalid_create_and_define_change_nothing() {
    let manager = MockVmManager::new();
    manager.create_vm(named("web")).unwrap();
    let before = manager.saved_state().unwrap();
    let bad = VmConfig {
        memory: 0,
        ..named("new")
    };
    assert_eq!(
        manager.create_vm(bad.clone()).unwrap_err().field(),
        Some(ConfigField::Memory)
    );
    assert_eq!(
        manager.define_vm(bad).unwrap_err().field(),
        Some(ConfigField::Memory)
    );
    assert_eq!(manager.saved_state().unwrap(), before);
}

#[test]
fn delete_works_from_every_state_and_frees_the_name_at_once() {
    for state in VmState::ALL {
        let (manager, time) = clocked();
        manager.create_vm(named("web")).unwrap();
        manager.create_vm(named("other")).unwrap();
        put_in(&manager, "web", state);
        if state.is_active() {
            // Pending changes go with the VM.
            let update = VmConfig {
                memory: 2048,
                ..named("web")
            };
            assert_eq!(
                manager.update_vm_config("web", update),
                Ok(ConfigUpdate::Pending)
            );
        }
        let other = manager.get_vm_info("other").unwrap();

        manager.delete_vm("web").unwrap();
        assert_eq!(manager.list_vms().unwrap(), ["other"]);
        assert_eq!(
            manager.get_vm_info("web"),
            Err(VmError::NotFound { name: "web".into() })
        );
        assert_eq!(manager.get_vm_info("other").unwrap(), other);

        time.store(5_000, Ordering::SeqCst);
        manager.create_vm(named("web")).unwrap();
        let fresh = manager.get_vm_info("web").unwrap();
        assert_eq!(fresh.config, named("web"));
        assert_eq!(fresh.state, VmState::Running);
        assert_eq!(fresh.pending, None);
        assert_eq!(fresh.revision, 1);
        assert_eq!(fresh.created_at, 5_000);

        assert_eq!(
            manager.delete_vm("ghost"),
            Err(VmError::NotFound {
                name: "ghost".into()
            })
        );
        manager.delete_vm("web").unwrap();
        assert_eq!(
            manager.delete_vm("web"),
            Err(VmError::NotFound { name: "web".into() }),
            "deleting twice"
        );
    }
}

#[test]
fn list_is_every_name_sorted() {
    let manager = MockVmManager::new();
    assert_eq!(manager.list_vms(), Ok(vec![]));
    let names = [
        "zeta", "alpha", "10", "2", "Beta", "веб", "alpha-2", "alpha.1", "東京",
    ];
    for (i, name) in names.iter().enumerate() {
        if i % 2 == 0 {
            manager.create_vm(named(name)).unwrap();
        } else {
            manager.define_vm(named(name)).unwrap();
        }
    }
    manager.pause_vm("zeta").unwrap();
    let mut sorted: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    sorted.sort();
    assert_eq!(manager.list_vms().unwrap(), sorted);
    let infos: Vec<String> = manager
        .list_vm_infos()
        .unwrap()
        .into_iter()
        .map(|info| info.config.name)
        .collect();
    assert_eq!(infos, sorted);
    assert_eq!(manager.vm_count(), Ok(names.len()));

    manager.delete_vm("alpha").unwrap();
    sorted.retain(|name| name != "alpha");
    assert_eq!(manager.list_vms().unwrap(), sorted);
}

#[test]
fn unknown_names_are_not_found_and_the_message_names_the_vm() {
    let manager = MockVmManager::new();
    manager.create_vm(named("web")).unwrap();
    let before = manager.saved_state().unwrap();
    let not_found = Err(VmError::NotFound {
        name: "ghost".into(),
    });
    assert_eq!(manager.start_vm("ghost"), not_found);
    assert_eq!(manager.stop_vm("ghost"), not_found);
    assert_eq!(manager.pause_vm("ghost"), not_found);
    assert_eq!(manager.resume_vm("ghost"), not_found);
    assert_eq!(manager.delete_vm("ghost"), not_found);
    assert_eq!(manager.get_vm_info("ghost").map(drop), not_found);
    assert_eq!(manager.get_vm_state("ghost").map(drop), not_found);
    assert_eq!(manager.discard_pending("ghost").map(drop), not_found);
    assert_eq!(
        manager.apply("ghost", Transition::Start).map(drop),
        not_found
    );
    assert_eq!(
        manager.update_vm_config("ghost", named("ghost")).map(drop),
        not_found
    );
    assert_eq!(
        manager.update_vm_config("ghost", named("web2")).map(drop),
        not_found
    );
    let error = manager.start_vm("ghost").unwrap_err();
    assert_eq!(error.code(), "NotFound");
    assert_eq!(error.to_string(), "no VM named 'ghost' exists");
    // Lookups are exact: no trimming, no case folding.
    assert!(matches!(
        manager.get_vm_info(" web"),
        Err(VmError::NotFound { name }) if name == " web"
    ));
    assert!(manager.get_vm_info("WEB").is_err());
    assert_eq!(manager.saved_state().unwrap(), before);
}

// ---------------------------------------------------------------- close

#[test]
fn close_is_idempotent_and_every_other_call_then_returns_closed() {
    let manager = MockVmManager::new();
    manager.create_vm(named("web")).unwrap();
    manager.define_vm(named("db")).unwrap();
    let state = manager.saved_state().unwrap();

    assert_eq!(manager.close(), Ok(()));
    assert_eq!(manager.close(), Ok(()));

    let closed = Err(VmError::Closed);
    assert_eq!(manager.create_vm(named("new")), closed);
    assert_eq!(manager.define_vm(named("new")), closed);
    assert_eq!(manager.list_vms().map(drop), closed);
    for name in ["web", "db", "ghost"] {
        assert_eq!(manager.start_vm(name), closed);
        assert_eq!(manager.stop_vm(name), closed);
        assert_eq!(manager.pause_vm(name), closed);
        assert_eq!(manager.resume_vm(name), closed);
        assert_eq!(manager.delete_vm(name), closed);
        assert_eq!(manager.get_vm_info(name).map(drop), closed);
        assert_eq!(manager.get_vm_state(name).map(drop), closed);
        assert_eq!(manager.discard_pending(name).map(drop), closed);
        assert_eq!(manager.apply(name, Transition::Stop).map(drop), closed);
        assert_eq!(
            manager.update_vm_config(name, named(name)).map(drop),
            closed
        );
    }
    assert_eq!(manager.list_vm_infos().map(drop), closed);
    assert_eq!(manager.vm_count().map(drop), closed);
    assert_eq!(manager.saved_state().map(drop), closed);
    assert_eq!(manager.restore(state), closed);
    assert_eq!(manager.restore(SavedState::default()), closed);
    assert_eq!(manager.restore_checked(CheckedVms::default()), closed);

    // Closed wins over every other reason to refuse: an invalid config or state too.
    let invalid = VmConfig {
        memory: 0,
        ..named("")
    };
    assert_eq!(manager.create_vm(invalid.clone()), closed);
    assert_eq!(manager.define_vm(invalid.clone()), closed);
    assert_eq!(manager.update_vm_config("web", invalid).map(drop), closed);
    let mut bad_state = SavedState::default();
    bad_state.vms.push(VmInfo {
        config: named(""),
        state: VmState::Running,
        pending: None,
        created_at: 0,
        state_changed_at: 0,
        revision: 0,
        snapshots: Vec::new(),
        current_snapshot: None,
    });
    assert_eq!(manager.restore(bad_state), closed);

    assert_eq!(VmError::Closed.to_string(), "the VM manager is closed");
    assert_eq!(VmError::Closed.code(), "Closed");
    assert_eq!(manager.close(), Ok(()));
}

#[test]
fn close_through_the_trait_object() {
    let manager: Box<dyn VmManager> = Box::new(MockVmManager::new());
    manager.create_vm(named("b")).unwrap();
    manager.create_vm(named("a")).unwrap();
    manager.stop_vm("a").unwrap();
    manager.start_vm("a").unwrap();
    assert_eq!(manager.list_vms().unwrap(), ["a", "b"]);
    assert_eq!(
        manager.start_vm("a").unwrap_err().code(),
        "InvalidTransition"
    );
    manager.delete_vm("b").unwrap();
    assert_eq!(manager.list_vms().unwrap(), ["a"]);
    manager.close().unwrap();
    assert_eq!(manager.list_vms(), Err(VmError::Closed));

    let shared: Arc<dyn VmManager + Send + Sync> = Arc::new(MockVmManager::default());
    let worker = Arc::clone(&shared);
    std::thread::spawn(move || worker.create_vm(named("from-thread")).unwrap())
        .join()
        .unwrap();
    assert_eq!(shared.list_vms().unwrap(), ["from-thread"]);
}

// ---------------------------------------------------------------- update_vm_config

#[test]
fn update_of_a_stopped_vm_is_applied_at_once() {
    let (manager, time) = clocked();
    manager.define_vm(named("web")).unwrap();
    time.store(2_000, Ordering::SeqCst);
    let new = VmConfig {
        memory: 4096,
        vcpus: 4,
        disk_path: "/d.qcow2".into(),
        disk_size: 50,
        iso_image: Some("/i.iso".into()),
        network: "isolated".into(),
        ..named("web")
    };
    assert_eq!(
        manager.update_vm_config("web", new.clone()),
        Ok(ConfigUpdate::Applied)
    );
    let info = manager.get_vm_info("web").unwrap();
    assert_eq!(info.config, new);
    assert_eq!(info.state, VmState::Stopped);
    assert_eq!(info.pending, None);
    assert_eq!(info.revision, 2);
    assert_eq!(info.created_at, 1_000);
    assert_eq!(
        info.state_changed_at, 1_000,
        "a config change is not a state change"
    );

    // The same config again: nothing to do, nothing changes.
    assert_eq!(
        manager.update_vm_config("web", new.clone()),
        Ok(ConfigUpdate::Unchanged)
    );
    assert_eq!(manager.get_vm_info("web").unwrap(), info);
}

#[test]
fn a_stopped_vm_can_be_renamed() {
    let (manager, time) = clocked();
    manager.create_vm(named("web")).unwrap();
    manager.create_vm(named("zzz")).unwrap();
    time.store(1_500, Ordering::SeqCst);
    manager.stop_vm("web").unwrap();
    let renamed = VmConfig {
        memory: 512,
        ..named("app")
    };
    assert_eq!(
        manager.update_vm_config("web", renamed.clone()),
        Ok(ConfigUpdate::Applied)
    );
    assert_eq!(manager.list_vms().unwrap(), ["app", "zzz"]);
    assert_eq!(
        manager.get_vm_info("web"),
        Err(VmError::NotFound { name: "web".into() })
    );
    let info = manager.get_vm_info("app").unwrap();
    assert_eq!(info.config, renamed);
    assert_eq!(info.state, VmState::Stopped);
    assert_eq!(info.revision, 3);
    assert_eq!(info.created_at, 1_000, "a rename keeps the VM's history");
    assert_eq!(info.state_changed_at, 1_500);
    // The old name is free at once.
    manager.create_vm(named("web")).unwrap();
    assert_eq!(manager.list_vms().unwrap(), ["app", "web", "zzz"]);
    manager.start_vm("app").unwrap();
}

#[test]
fn renaming_to_a_taken_name_is_refused_and_changes_nothing() {
    for taken_state in VmState::ALL {
        let manager = MockVmManager::new();
        manager.define_vm(named("web")).unwrap();
        manager.create_vm(named("db")).unwrap();
        put_in(&manager, "db", taken_state);
        let before = manager.saved_state().unwrap();
        let error = manager
            .update_vm_config(
                "web",
                VmConfig {
                    memory: 64,
                    ..named("db")
                },
            )
            .unwrap_err();
        assert_eq!(error, VmError::AlreadyExists { name: "db".into() });
        assert_eq!(error.to_string(), "a VM named 'db' already exists");
        assert_eq!(manager.saved_state().unwrap(), before);
    }
}

#[test]
fn an_invalid_update_is_refused_and_changes_nothing() {
    for state in VmState::ALL {
        let manager = with_web_in(state);
        let before = manager.saved_state().unwrap();
        for (bad, field) in [
            (named("bad name"), ConfigField::Name),
            (
                VmConfig {
                    vcpus: 513,
                    ..named("web")
                },
                ConfigField::Vcpus,
            ),
            (
                VmConfig {
                    network: String::new(),
                    ..named("web")
                },
                ConfigField::Network,
            ),
        ] {
            let error = manager.update_vm_config("web", bad).unwrap_err();
            assert_eq!(error.field(), Some(field));
            assert_eq!(manager.saved_state().unwrap(), before);
        }
    }
}

#[test]
fn an_active_vm_keeps_changes_pending_until_it_stops() {
    for state in [VmState::Running, VmState::Paused] {
        let (manager, time) = clocked();
        manager.create_vm(named("web")).unwrap();
        put_in(&manager, "web", state);
        let revision = manager.get_vm_info("web").unwrap().revision;
        let new = VmConfig {
            memory: 8192,
            vcpus: 8,
            ..named("web")
        };
        time.store(2_000, Ordering::SeqCst);
        assert_eq!(
            manager.update_vm_config("web", new.clone()),
            Ok(ConfigUpdate::Pending)
        );
        let info = manager.get_vm_info("web").unwrap();
        assert_eq!(info.config, named("web"), "not applied while {state}");
        assert_eq!(info.pending, Some(new.clone()));
        assert_eq!(info.state, state);
        assert_eq!(info.revision, revision + 1);
        assert_eq!(info.state_changed_at, 1_000);

        // Pause and resume keep the pending changes.
        if state == VmState::Running {
            manager.pause_vm("web").unwrap();
            manager.resume_vm("web").unwrap();
        } else {
            manager.resume_vm("web").unwrap();
            manager.pause_vm("web").unwrap();
        }
        let info = manager.get_vm_info("web").unwrap();
        assert_eq!(info.config, named("web"));
        assert_eq!(info.pending, Some(new.clone()));

        time.store(3_000, Ordering::SeqCst);
        manager.stop_vm("web").unwrap();
        let info = manager.get_vm_info("web").unwrap();
        assert_eq!(info.config, new, "applied at stop");
        assert_eq!(info.pending, None);
        assert_eq!(info.state, VmState::Stopped);
        assert_eq!(info.state_changed_at, 3_000);
        assert_eq!(info.revision, revision + 4);

        manager.start_vm("web").unwrap();
        assert_eq!(manager.get_vm_info("web").unwrap().config, new);
    }
}

#[test]
fn a_later_update_replaces_the_pending_one() {
    let manager = MockVmManager::new();
    manager.create_vm(named("web")).unwrap();
    let first = VmConfig {
        memory: 2048,
        ..named("web")
    };
    let second = VmConfig {
        vcpus: 2,
        ..named("web")
    };
    manager.update_vm_config("web", first.clone()).unwrap();
    assert_eq!(
        manager.update_vm_config("web", second.clone()),
        Ok(ConfigUpdate::Pending)
    );
    assert_eq!(
        manager.get_vm_info("web").unwrap().pending,
        Some(second.clone())
    );
    assert_eq!(manager.get_vm_info("web").unwrap().revision, 3);
    // The same pending config again: still pending, nothing changes.
    assert_eq!(
        manager.update_vm_config("web", second.clone()),
        Ok(ConfigUpdate::Pending)
    );
    assert_eq!(manager.get_vm_info("web").unwrap().revision, 3);
    manager.stop_vm("web").unwrap();
    assert_eq!(manager.get_vm_info("web").unwrap().config, second);
}

#[test]
fn an_active_vm_refuses_a_rename_and_changes_nothing() {
    for state in [VmState::Running, VmState::Paused] {
        let manager = with_web_in(state);
        manager
            .update_vm_config(
                "web",
                VmConfig {
                    memory: 2048,
                    ..named("web")
                },
            )
            .unwrap();
        let before = manager.saved_state().unwrap();
        for new_name in ["app", "other"] {
            let error = manager
                .update_vm_config("web", named(new_name))
                .unwrap_err();
            assert_eq!(
                error,
                VmError::InvalidTransition {
                    name: "web".into(),
                    operation: Operation::Rename,
                    state,
                }
            );
            assert_eq!(
                error.to_string(),
                format!("cannot rename 'web': it is {state}; stop it first")
            );
            assert_eq!(manager.saved_state().unwrap(), before);
        }
    }
}

#[test]
fn discard_pending_drops_the_changes() {
    for state in [VmState::Running, VmState::Paused] {
        let manager = with_web_in(state);
        assert_eq!(manager.discard_pending("web"), Ok(false));
        let before = manager.get_vm_info("web").unwrap();
        manager
            .update_vm_config(
                "web",
                VmConfig {
                    memory: 2048,
                    ..named("web")
                },
            )
            .unwrap();
        assert_eq!(manager.discard_pending("web"), Ok(true));
        let info = manager.get_vm_info("web").unwrap();
        assert_eq!(info.pending, None);
        assert_eq!(info.config, before.config);
        assert_eq!(info.revision, before.revision + 2);
        assert_eq!(manager.discard_pending("web"), Ok(false));
        assert_eq!(manager.get_vm_info("web").unwrap(), info);

        manager.stop_vm("web").unwrap();
        assert_eq!(manager.get_vm_info("web").unwrap().config, named("web"));
    }
    let manager = with_web_in(VmState::Stopped);
    let before = manager.get_vm_info("web").unwrap();
    assert_eq!(manager.discard_pending("web"), Ok(false));
    assert_eq!(manager.get_vm_info("web").unwrap(), before);
}

#[test]
fn updating_an_active_vm_back_to_its_config_clears_pending() {
    for state in [VmState::Running, VmState::Paused] {
        let manager = with_web_in(state);
        let start = manager.get_vm_info("web").unwrap();
        assert_eq!(
            manager.update_vm_config("web", named("web")),
            Ok(ConfigUpdate::Unchanged),
            "no change, nothing pending"
        );
        assert_eq!(manager.get_vm_info("web").unwrap(), start);

        manager
            .update_vm_config(
                "web",
                VmConfig {
                    memory: 2048,
                    ..named("web")
                },
            )
            .unwrap();
        assert_eq!(
            manager.update_vm_config(
                "web",
                VmConfig {
                    iso_image: Some(String::new()),
                    ..named("web")
                }
            ),
            Ok(ConfigUpdate::Unchanged),
            "back to the running config (after normalising the empty ISO)"
        );
        let info = manager.get_vm_info("web").unwrap();
        assert_eq!(info.pending, None);
        assert_eq!(info.config, start.config);
        assert_eq!(info.revision, start.revision + 2);
    }
}

// ---------------------------------------------------------------- revisions and time

#[test]
fn revisions_count_changes_and_refusals_leave_them_alone() {
    let manager = MockVmManager::new();
    manager.create_vm(named("web")).unwrap();
    let revision = || manager.get_vm_info("web").unwrap().revision;
    assert_eq!(revision(), 1);

    let mut expected = 1;
    let mut step = |ok: bool, result: Result<(), VmError>| {
        assert_eq!(result.is_ok(), ok, "{result:?}");
        if ok {
            expected += 1;
        }
        expected
    };
    let e = step(false, manager.start_vm("web"));
    assert_eq!(revision(), e);
    let e = step(true, manager.pause_vm("web"));
    assert_eq!(revision(), e);
    let e = step(false, manager.pause_vm("web"));
    assert_eq!(revision(), e);
    let e = step(
        true,
        manager
            .update_vm_config(
                "web",
                VmConfig {
                    memory: 3,
                    ..named("web")
                },
            )
            .map(drop),
    );
    assert_eq!(revision(), e);
    let e = step(
        false,
        manager.update_vm_config("web", named("new")).map(drop),
    );
    assert_eq!(revision(), e);
    let e = step(true, manager.resume_vm("web"));
    assert_eq!(revision(), e);
    let e = step(false, manager.resume_vm("web"));
    assert_eq!(revision(), e);
    let e = step(true, manager.stop_vm("web"));
    assert_eq!(revision(), e);
    let e = step(false, manager.stop_vm("web"));
    assert_eq!(revision(), e);
    let e = step(
        true,
        manager.update_vm_config("web", named("web")).map(drop),
    );
    assert_eq!(revision(), e);
    // Unchanged and discard-with-nothing don't count.
    assert_eq!(
        manager.update_vm_config("web", named("web")),
        Ok(ConfigUpdate::Unchanged)
    );
    assert_eq!(manager.discard_pending("web"), Ok(false));
    assert_eq!(revision(), e);
    let e = step(true, manager.start_vm("web"));
    assert_eq!(revision(), e);
    assert_eq!(e, 7);
}

#[test]
fn timestamps_come_from_the_injected_clock() {
    let (manager, time) = clocked();
    time.store(10, Ordering::SeqCst);
    manager.create_vm(named("web")).unwrap();
    time.store(20, Ordering::SeqCst);
    manager.define_vm(named("db")).unwrap();

    let web = manager.get_vm_info("web").unwrap();
    assert_eq!((web.created_at, web.state_changed_at), (10, 10));
    let db = manager.get_vm_info("db").unwrap();
    assert_eq!((db.created_at, db.state_changed_at), (20, 20));

    for (now, transition, expect) in [
        (30, Transition::Pause, VmState::Paused),
        (40, Transition::Resume, VmState::Running),
        (50, Transition::Stop, VmState::Stopped),
        (60, Transition::Start, VmState::Running),
    ] {
        time.store(now, Ordering::SeqCst);
        assert_eq!(manager.apply("web", transition), Ok(expect));
        let info = manager.get_vm_info("web").unwrap();
        assert_eq!(info.created_at, 10);
        assert_eq!(info.state_changed_at, now);
    }

    // Refused transitions, config updates and discards don't touch the times.
    time.store(70, Ordering::SeqCst);
    manager.start_vm("web").unwrap_err();
    manager
        .update_vm_config(
            "web",
            VmConfig {
                memory: 99,
                ..named("web")
            },
        )
        .unwrap();
    manager.discard_pending("web").unwrap();
    let info = manager.get_vm_info("web").unwrap();
    assert_eq!((info.created_at, info.state_changed_at), (10, 60));
    // The other VM was never touched.
    assert_eq!(manager.get_vm_info("db").unwrap(), db);
}

// ---------------------------------------------------------------- state and restore

/// A manager with VMs in every state, pending changes, a rename and an ISO image.
fn busy_manager() -> MockVmManager {
    let (manager, time) = clocked();
    manager.create_vm(named("running")).unwrap();
    time.store(2_000, Ordering::SeqCst);
    manager.create_vm(named("paused")).unwrap();
    manager.pause_vm("paused").unwrap();
    manager.define_vm(named("old-name")).unwrap();
    manager
        .update_vm_config(
            "old-name",
            VmConfig {
                iso_image: Some("/iso/a.iso".into()),
                ..named("stopped")
            },
        )
        .unwrap();
    time.store(3_000, Ordering::SeqCst);
    manager
        .update_vm_config(
            "running",
            VmConfig {
                memory: 2048,
                ..named("running")
            },
        )
        .unwrap();
    manager
        .update_vm_config(
            "paused",
            VmConfig {
                vcpus: 3,
                ..named("paused")
            },
        )
        .unwrap();
    manager.create_vm(named("веб-сервер-1")).unwrap();
    manager
}

#[test]
fn saved_state_and_restore_round_trip_through_json() {
    let manager = busy_manager();
    let state = manager.saved_state().unwrap();
    assert_eq!(state.vms.len(), 4);
    let names: Vec<&str> = state.vms.iter().map(|vm| vm.config.name.as_str()).collect();
    assert_eq!(names, ["paused", "running", "stopped", "веб-сервер-1"]);

    let json = serde_json::to_string(&state).unwrap();
    let parsed: SavedState = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed, state);

    let restored = MockVmManager::new();
    restored.create_vm(named("will-be-replaced")).unwrap();
    restored.restore(parsed.clone()).unwrap();
    assert_eq!(restored.saved_state().unwrap(), state);
    assert_eq!(restored.list_vms(), manager.list_vms());
    for name in manager.list_vms().unwrap() {
        assert_eq!(restored.get_vm_info(&name), manager.get_vm_info(&name));
    }
    assert!(restored.get_vm_info("will-be-replaced").is_err());

    // The restored manager works: the pending change lands at stop.
    restored.stop_vm("running").unwrap();
    assert_eq!(restored.get_vm_info("running").unwrap().config.memory, 2048);

    let from = MockVmManager::from_saved_state(parsed, Box::new(|| 0)).unwrap();
    assert_eq!(from.saved_state().unwrap(), state);

    // Restoring an empty state empties the manager.
    from.restore(SavedState::default()).unwrap();
    assert_eq!(from.list_vms(), Ok(vec![]));

    // What partition kept goes in as it is, normalised once, and equals a checked restore.
    let (checked, rejected) = state.clone().partition();
    assert!(rejected.is_empty());
    assert_eq!(checked.len(), state.vms.len());
    from.restore_checked(checked).unwrap();
    assert_eq!(from.saved_state().unwrap(), state);
}

#[test]
fn restore_accepts_json_without_the_optional_fields() {
    let json = r#"{"vms":[{"config":{"name":"a","memory":1,"vcpus":1,"diskPath":"","diskSize":1,"network":"default"},"state":"paused"}]}"#;
    let state: SavedState = serde_json::from_str(json).unwrap();
    let manager = MockVmManager::new();
    manager.restore(state).unwrap();
    let info = manager.get_vm_info("a").unwrap();
    assert_eq!(info.state, VmState::Paused);
    assert_eq!(info.pending, None);
    assert_eq!(info.revision, 1);
    assert_eq!(info.created_at, 0);
}

#[test]
fn restore_normalises_what_validation_normalises() {
    let manager = busy_manager();
    let mut state = manager.saved_state().unwrap();
    let running = state
        .vms
        .iter_mut()
        .find(|vm| vm.config.name == "running")
        .unwrap();
    running.config.iso_image = Some(String::new());
    // A pending config equal to the config is no pending change at all.
    running.pending = Some(running.config.clone());
    let target = MockVmManager::new();
    target.restore(state).unwrap();
    let info = target.get_vm_info("running").unwrap();
    assert_eq!(info.config.iso_image, None);
    assert_eq!(info.pending, None);
}

fn vm(name: &str, state: VmState) -> VmInfo {
    VmInfo {
        config: named(name),
        state,
        pending: None,
        created_at: 1,
        state_changed_at: 1,
        revision: 1,
        snapshots: Vec::new(),
        current_snapshot: None,
    }
}

#[test]
fn restore_refuses_a_faulty_saved_state_whole_and_changes_nothing() {
    let cases: Vec<(&str, Vec<VmInfo>, &str)> = vec![
        (
            "invalid config",
            vec![
                vm("good", VmState::Running),
                VmInfo {
                    config: VmConfig {
                        memory: 0,
                        ..named("bad")
                    },
                    ..vm("bad", VmState::Running)
                },
            ],
            "VM 'bad': memory must be between 1 and 4194304 MB, got 0",
        ),
        (
            "invalid name",
            vec![vm("has space", VmState::Stopped)],
            "VM 'has space': name may contain only letters, digits, '-', '_' and '.', not a space",
        ),
        (
            "duplicate names",
            vec![vm("twin", VmState::Running), vm("twin", VmState::Stopped)],
            "VM 'twin': another VM before it has the same name",
        ),
        (
            "names the same in NFC",
            vec![
                vm("cafe\u{301}", VmState::Running),
                vm("caf\u{e9}", VmState::Stopped),
            ],
            "VM 'caf\u{e9}': another VM before it has the same name",
        ),
        (
            "pending on a stopped VM",
            vec![VmInfo {
                pending: Some(VmConfig {
                    memory: 2,
                    ..named("s")
                }),
                ..vm("s", VmState::Stopped)
            }],
            "VM 's': a stopped VM can't have pending changes",
        ),
        (
            "pending with another name",
            vec![VmInfo {
                pending: Some(named("other")),
                ..vm("r", VmState::Running)
            }],
            "VM 'r': pending changes can't rename a running VM",
        ),
        (
            "invalid pending",
            vec![VmInfo {
                pending: Some(VmConfig {
                    vcpus: 0,
                    ..named("p")
                }),
                ..vm("p", VmState::Paused)
            }],
            "VM 'p': vCPUs must be between 1 and 512, got 0",
        ),
        (
            "revision 0",
            vec![VmInfo {
                revision: 0,
                ..vm("z", VmState::Running)
            }],
            "VM 'z': revision must be between 1 and 9007199254740991 (the largest whole number JavaScript holds exactly), got 0",
        ),
    ];
    for (case, vms, reason) in cases {
        let manager = busy_manager();
        let before = manager.saved_state().unwrap();
        let error = manager
            .restore(SavedState { vms: vms.clone() })
            .unwrap_err();
        assert_eq!(error.code(), "InvalidSavedState", "{case}");
        let VmError::InvalidSavedState {
            problem: SavedStateProblem::InVm { name, .. },
        } = &error
        else {
            panic!("{case}: {error:?}");
        };
        assert_eq!(
            Some(name.as_str()),
            vms.last().map(|vm| &*vm.config.name),
            "{case}"
        );
        assert_eq!(error.to_string(), format!("invalid saved state: {reason}"));
        assert_eq!(manager.saved_state().unwrap(), before, "{case}: changed");

        let refused = MockVmManager::from_saved_state(SavedState { vms }, Box::new(|| 0));
        assert_eq!(refused.unwrap_err().code(), "InvalidSavedState", "{case}");
    }

    // The same faults in Russian, framed once as in English.
    let manager = busy_manager();
    for (vms, russian) in [
        (
            vec![VmInfo {
                pending: Some(named("s")),
                ..vm("s", VmState::Stopped)
            }],
            "сохранённые данные недопустимы: ВМ «s»: у выключенной ВМ не может быть отложенных изменений",
        ),
        (
            vec![vm("twin", VmState::Running), vm("twin", VmState::Stopped)],
            "сохранённые данные недопустимы: ВМ «twin»: это имя уже есть у ВМ перед ней",
        ),
    ] {
        let error = manager.restore(SavedState { vms }).unwrap_err();
        assert_eq!(vm_playground::i18n::Lang::Ru.error(&error), russian);
    }
}

#[test]
fn partition_keeps_the_valid_vms_and_reports_the_rest() {
    let state = SavedState {
        vms: vec![
            vm("a", VmState::Running),
            VmInfo {
                config: VmConfig {
                    disk_size: 0,
                    ..named("b")
                },
                ..vm("b", VmState::Stopped)
            },
            VmInfo {
                pending: memory_pending("c"),
                ..vm("c", VmState::Stopped)
            },
            vm("a", VmState::Paused),
            vm("", VmState::Running),
            VmInfo {
                revision: 0,
                ..vm("d", VmState::Running)
            },
            vm("e", VmState::Paused),
        ],
    };
    let (kept, rejected) = state.partition();
    let kept: Vec<VmInfo> = kept.into_iter().collect();
    let names: Vec<&str> = kept.iter().map(|vm| vm.config.name.as_str()).collect();
    assert_eq!(names, ["a", "e"]);
    assert_eq!(kept[0].state, VmState::Running, "the first of two is kept");
    assert_eq!(kept[1], vm("e", VmState::Paused));

    let summary: Vec<(&str, &str, Option<ConfigField>)> = rejected
        .iter()
        .map(|r| (r.name.as_str(), r.error.code(), r.error.field()))
        .collect();
    assert_eq!(
        summary,
        [
            ("b", "InvalidConfig", Some(ConfigField::DiskSize)),
            ("c", "InvalidSavedState", None),
            ("a", "InvalidSavedState", None),
            ("", "InvalidConfig", Some(ConfigField::Name)),
            ("d", "InvalidSavedState", None),
        ]
    );
    assert_eq!(
        rejected[1].error.to_string(),
        "invalid saved state: a stopped VM can't have pending changes"
    );

    // A clean state loses nothing.
    let (kept, rejected) = busy_manager().saved_state().unwrap().partition();
    assert!(rejected.is_empty());
    assert_eq!(kept.len(), 4);

    fn memory_pending(name: &str) -> Option<VmConfig> {
        Some(VmConfig {
            memory: 4,
            ..named(name)
        })
    }
}

#[test]
fn put_vm_inserts_or_replaces_one_checked_record() {
    let here = MockVmManager::new();
    let there = MockVmManager::new();
    there
        .create_vm(VmConfig {
            name: "web".into(),
            ..Default::default()
        })
        .unwrap();
    here.put_vm(there.get_vm_info("web").unwrap()).unwrap();
    there.pause_vm("web").unwrap();
    let newer = there.get_vm_info("web").unwrap();
    here.put_vm(newer.clone()).unwrap();
    assert_eq!(here.get_vm_info("web").unwrap(), newer);

    let mut broken = newer;
    broken.config.memory = 0;
    let before = here.saved_state().unwrap();
    assert_eq!(here.put_vm(broken).unwrap_err().code(), "InvalidConfig");
    assert_eq!(
        here.saved_state().unwrap(),
        before,
        "a refused record changes nothing"
    );

    assert!(here.forget_vm("web").unwrap());
    assert!(!here.forget_vm("web").unwrap());
    here.close().unwrap();
    assert_eq!(
        here.put_vm(there.get_vm_info("web").unwrap()).unwrap_err(),
        VmError::Closed
    );
}
