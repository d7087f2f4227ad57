//! The host's admission rules (issue 14): each resource, each transition, overcommit on and
//! off, and data over capacity loaded as it is.

use vm_playground::manager::{Host, Resource};
use vm_playground::{
    ConfigUpdate, MockVmManager, SavedState, Transition, VmConfig, VmError, VmManager, VmState,
};

fn vm(name: &str, memory: u64, vcpus: u32, disk_size: u64) -> VmConfig {
    VmConfig {
        name: name.into(),
        memory,
        vcpus,
        disk_size,
        ..VmConfig::default()
    }
}

/// A host of 4096 MB, 2 CPUs and 100 GB.
fn small(overcommit: bool) -> Host {
    Host {
        memory: Some(4096),
        cpus: Some(2),
        storage: Some(100),
        overcommit,
    }
}

fn manager(host: Host) -> MockVmManager {
    MockVmManager::with_host(host, Box::new(|| 1)).unwrap()
}

/// The refused resource, or None if the call succeeded.
fn refused<T>(result: Result<T, VmError>) -> Option<Resource> {
    match result {
        Ok(_) => None,
        Err(VmError::InsufficientResources { resource, .. }) => Some(resource),
        Err(other) => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn admission_table() {
    use Resource::*;
    // (what, overcommit, expected refusal). Each case starts from a host holding "a": running,
    // 3072 MB, 2 vCPUs, 60 GB.
    type Case = (&'static str, bool, Option<Resource>);
    let cases: &[Case] = &[
        ("create memory over", false, Some(Memory)),
        ("create memory over", true, None),
        ("create storage over", false, Some(Storage)),
        ("create storage over", true, Some(Storage)),
        ("define storage over", false, Some(Storage)),
        ("define memory over", false, None),
        ("start memory over", false, Some(Memory)),
        ("start memory over", true, None),
        ("start memory fits", false, None),
        ("resume paused", false, None),
        ("vcpus over", false, None),
        ("grow stopped disk over", false, Some(Storage)),
        ("grow stopped disk fits", false, None),
        ("pending running memory over", false, None),
    ];
    for &(what, overcommit, expected) in cases {
        let m = manager(small(overcommit));
        m.create_vm(vm("a", 3072, 2, 60)).unwrap();
        let got = match what {
            "create memory over" => refused(m.create_vm(vm("b", 2048, 1, 10))),
            "create storage over" => refused(m.create_vm(vm("b", 512, 1, 41))),
            "define storage over" => refused(m.define_vm(vm("b", 512, 1, 41))),
            "define memory over" => refused(m.define_vm(vm("b", 8192, 1, 40))),
            "start memory over" => {
                m.define_vm(vm("b", 2048, 1, 10)).unwrap();
                refused(m.start_vm("b"))
            }
            "start memory fits" => {
                m.define_vm(vm("b", 1024, 1, 10)).unwrap();
                refused(m.start_vm("b"))
            }
            "resume paused" => {
                m.pause_vm("a").unwrap();
                refused(m.resume_vm("a"))
            }
            // vCPUs may be overcommitted: 2 + 4 on 2 CPUs.
            "vcpus over" => refused(m.create_vm(vm("b", 512, 4, 10))),
            "grow stopped disk over" => {
                m.define_vm(vm("b", 512, 1, 10)).unwrap();
                refused(m.update_vm_config("b", vm("b", 512, 1, 41)))
            }
            "grow stopped disk fits" => {
                m.define_vm(vm("b", 512, 1, 10)).unwrap();
                refused(m.update_vm_config("b", vm("b", 512, 1, 40)))
            }
            "pending running memory over" => {
                let outcome = m.update_vm_config("a", vm("a", 8192, 2, 60));
                assert_eq!(outcome, Ok(ConfigUpdate::Pending));
                let next = m.next_boot_refusal("a").unwrap();
                assert_eq!(next.and_then(|e| e.resource()), Some(Memory));
                None
            }
            _ => unreachable!(),
        };
        assert_eq!(got, expected, "{what}, overcommit {overcommit}");
    }
}

#[test]
fn a_refusal_names_what_is_needed_and_free_and_changes_nothing() {
    let m = manager(small(false));
    m.create_vm(vm("a", 3072, 2, 60)).unwrap();
    m.define_vm(vm("b", 2048, 1, 10)).unwrap();
    let error = m.start_vm("b").unwrap_err();
    assert_eq!(
        error,
        VmError::InsufficientResources {
            name: "b".into(),
            resource: Resource::Memory,
            needed: 2048,
            free: 1024,
            total: 4096,
        }
    );
    assert_eq!(error.code(), "InsufficientResources");
    assert_eq!(
        error.to_string(),
        "'b' needs 2048 MB of memory; the host has 1024 MB free of 4096 MB"
    );
    assert_eq!(m.get_vm_state("b"), Ok(VmState::Stopped));
    // Freeing memory lets it start.
    m.stop_vm("a").unwrap();
    assert_eq!(m.apply("b", Transition::Start), Ok(VmState::Running));
}

#[test]
fn usage_counts_active_memory_and_every_disk() {
    let m = manager(small(false));
    m.create_vm(vm("a", 1024, 2, 10)).unwrap();
    m.create_vm(vm("b", 1024, 1, 20)).unwrap();
    m.pause_vm("b").unwrap();
    m.define_vm(vm("c", 1024, 4, 30)).unwrap();
    let info = m.host_info().unwrap();
    assert_eq!(
        (info.usage.memory, info.usage.vcpus, info.usage.storage),
        (2048, 3, 60)
    );
    assert_eq!(info.vcpu_ratio(), Some(1.5));
    assert!(info.over_capacity().is_empty());
}

#[test]
fn shrinking_below_what_vms_hold_is_refused_with_the_numbers() {
    let m = manager(small(false));
    m.create_vm(vm("a", 3072, 2, 60)).unwrap();
    let smaller = Host {
        memory: Some(2048),
        ..small(false)
    };
    assert_eq!(
        m.set_host(smaller),
        Err(VmError::HostTooSmall {
            resource: Resource::Memory,
            held: 3072,
            requested: 2048
        })
    );
    let less_storage = Host {
        storage: Some(50),
        ..small(false)
    };
    assert_eq!(
        m.set_host(less_storage).unwrap_err().resource(),
        Some(Resource::Storage)
    );
    // Fewer CPUs is fine (vCPUs overcommit), and so is less memory with overcommit on.
    m.set_host(Host {
        cpus: Some(1),
        ..small(false)
    })
    .unwrap();
    m.set_host(Host {
        memory: Some(1024),
        ..small(true)
    })
    .unwrap();
    assert_eq!(m.host_info().unwrap().host.memory, Some(1024));
    // Turning overcommit off shrinks the memory VMs may hold to the host's own: refused
    // while they hold more (an undo of a later change could otherwise never come back).
    assert_eq!(
        m.set_host(Host {
            memory: Some(1024),
            ..small(false)
        }),
        Err(VmError::HostTooSmall {
            resource: Resource::Memory,
            held: 3072,
            requested: 1024
        })
    );
    assert!(m.host_info().unwrap().host.overcommit);
    // Out of bounds.
    assert_eq!(
        m.set_host(Host {
            cpus: Some(0),
            ..Host::UNLIMITED
        })
        .unwrap_err()
        .code(),
        "InvalidConfig"
    );
}

#[test]
fn data_over_capacity_loads_as_it_is() {
    let big = MockVmManager::new();
    big.create_vm(vm("a", 3072, 2, 80)).unwrap();
    big.create_vm(vm("b", 3072, 2, 80)).unwrap();
    let state: SavedState = big.saved_state().unwrap();
    let m = manager(small(false));
    m.restore(state).unwrap();
    assert_eq!(m.get_vm_state("a"), Ok(VmState::Running));
    assert_eq!(m.get_vm_state("b"), Ok(VmState::Running));
    let info = m.host_info().unwrap();
    assert_eq!(info.over_capacity(), [Resource::Memory, Resource::Storage]);
    // Editing the host without shrinking it stays possible.
    m.set_host(Host {
        cpus: Some(4),
        ..small(false)
    })
    .unwrap();
    // New starts are refused until enough is freed.
    m.stop_vm("a").unwrap();
    assert_eq!(refused(m.start_vm("a")), Some(Resource::Memory));
}

#[test]
fn new_is_unlimited_like_the_seed() {
    let m = MockVmManager::new();
    for i in 0..20 {
        m.create_vm(vm(&format!("vm{i}"), 4_194_304, 512, 65_536))
            .unwrap();
    }
    assert_eq!(m.host_info().unwrap().host, Host::UNLIMITED);
}

#[test]
fn the_demo_fits_the_default_laptop() {
    let m = manager(Host::LAPTOP);
    vm_playground::demo::load_demo(&m).unwrap();
    assert!(m.host_info().unwrap().over_capacity().is_empty());
}

#[test]
fn restore_with_host_replaces_host_and_vms_together_even_over_capacity() {
    let big = MockVmManager::new();
    big.create_vm(vm("a", 3072, 2, 80)).unwrap();
    big.create_vm(vm("b", 3072, 2, 80)).unwrap();
    let state = big.saved_state().unwrap();
    let m = MockVmManager::new();
    m.create_vm(vm("old", 1024, 1, 10)).unwrap();
    // An import of data over its own host's capacity loads as it is, on that host.
    m.restore_with_host(state.clone(), small(false)).unwrap();
    assert_eq!(m.list_vms().unwrap(), ["a", "b"]);
    let info = m.host_info().unwrap();
    assert_eq!(info.host, small(false));
    assert_eq!(info.over_capacity(), [Resource::Memory, Resource::Storage]);
    // A bad host or a bad VM changes nothing.
    let bad_host = Host {
        cpus: Some(0),
        ..Host::UNLIMITED
    };
    assert!(m
        .restore_with_host(SavedState::default(), bad_host)
        .is_err());
    let mut bad_state = state;
    bad_state.vms[0].config.memory = 0;
    assert!(m.restore_with_host(bad_state, Host::UNLIMITED).is_err());
    assert_eq!(m.host_info().unwrap().host, small(false));
    assert_eq!(m.list_vms().unwrap(), ["a", "b"]);
}
