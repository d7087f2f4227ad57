//! Thread safety: many threads sharing one manager lose or duplicate nothing, races on one
//! name admit exactly one winner, and concurrent transitions keep a consistent state.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;

use vm_playground::{ConfigUpdate, MockVmManager, VmConfig, VmError, VmManager, VmState};

const THREADS: usize = 8;

fn config(name: &str, memory: u64) -> VmConfig {
    VmConfig {
        name: name.to_owned(),
        memory,
        ..Default::default()
    }
}

/// Each thread owns its names, creates, moves, renames and deletes them; a reader thread
/// checks that every listing it sees is sorted and duplicate-free. At the end the manager
/// holds exactly the VMs every thread expects, each as that thread left it.
#[test]
fn threads_working_on_their_own_vms_lose_and_duplicate_nothing() {
    const PER_THREAD: usize = 150;
    let manager = Arc::new(MockVmManager::new());
    // A VM nobody touches, to check that no thread's work spills over.
    manager.define_vm(config("bystander", 64)).unwrap();
    let bystander = manager.get_vm_info("bystander").unwrap();
    let done = Arc::new(AtomicBool::new(false));

    let reader = {
        let manager = Arc::clone(&manager);
        let done = Arc::clone(&done);
        thread::spawn(move || {
            let mut listings = 0u64;
            while !done.load(Ordering::Acquire) {
                let names = manager.list_vms().unwrap();
                assert!(
                    names.windows(2).all(|pair| pair[0] < pair[1]),
                    "a listing is unsorted or has a duplicate"
                );
                assert!(names.iter().any(|name| name == "bystander"));
                listings += 1;
            }
            listings
        })
    };

    let workers: Vec<_> = (0..THREADS)
        .map(|t| {
            let manager = Arc::clone(&manager);
            thread::spawn(move || {
                let mut expected = BTreeSet::new();
                for i in 0..PER_THREAD {
                    let name = format!("t{t}-vm{i:03}");
                    let memory = (t * 1000 + i + 1) as u64;
                    manager.create_vm(config(&name, memory)).unwrap();
                    manager.pause_vm(&name).unwrap();
                    assert_eq!(
                        manager.update_vm_config(&name, config(&name, memory + 1)),
                        Ok(ConfigUpdate::Pending)
                    );
                    manager.resume_vm(&name).unwrap();
                    manager.stop_vm(&name).unwrap();
                    let info = manager.get_vm_info(&name).unwrap();
                    assert_eq!(info.config.memory, memory + 1, "pending applied at stop");
                    assert_eq!(info.revision, 5);
                    match i % 3 {
                        0 => {
                            manager.delete_vm(&name).unwrap();
                            assert_eq!(
                                manager.get_vm_info(&name),
                                Err(VmError::NotFound { name: name.clone() })
                            );
                        }
                        1 => {
                            let renamed = format!("t{t}-renamed{i:03}");
                            assert_eq!(
                                manager.update_vm_config(&name, config(&renamed, memory + 1)),
                                Ok(ConfigUpdate::Applied)
                            );
                            manager.start_vm(&renamed).unwrap();
                            expected.insert(renamed);
                        }
                        _ => {
                            manager.start_vm(&name).unwrap();
                            manager.pause_vm(&name).unwrap();
                            expected.insert(name);
                        }
                    }
                }
                expected
            })
        })
        .collect();

    let mut expected = BTreeSet::from(["bystander".to_owned()]);
    for worker in workers {
        for name in worker.join().unwrap() {
            assert!(expected.insert(name), "two threads expected one name");
        }
    }
    done.store(true, Ordering::Release);
    assert!(reader.join().unwrap() > 0);

    let names = manager.list_vms().unwrap();
    assert_eq!(names.len(), expected.len(), "a VM was lost or duplicated");
    assert_eq!(names.into_iter().collect::<BTreeSet<_>>(), expected);
    assert_eq!(manager.vm_count(), Ok(1 + THREADS * 100));
    assert_eq!(manager.get_vm_info("bystander").unwrap(), bystander);
    for info in manager.list_vm_infos().unwrap() {
        let name = &info.config.name;
        if name.contains("renamed") {
            assert_eq!(info.state, VmState::Running, "{name}");
            assert_eq!(info.revision, 7, "{name}");
        } else if name != "bystander" {
            assert_eq!(info.state, VmState::Paused, "{name}");
            assert_eq!(info.revision, 7, "{name}");
        }
        assert_eq!(info.pending, None);
    }
}

/// Runs `op(thread index)` on `THREADS` threads released together by a barrier.
fn race<T: Send>(op: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let barrier = Barrier::new(THREADS);
    thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let barrier = &barrier;
                let op = &op;
                scope.spawn(move || {
                    barrier.wait();
                    op(t)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn eight_threads_racing_to_create_one_name_admit_exactly_one() {
    let manager = MockVmManager::new();
    for round in 0..200 {
        let name = format!("race-{round}");
        let results = race(|t| manager.create_vm(config(&name, t as u64 + 1)));
        let winners: Vec<usize> = (0..THREADS).filter(|&t| results[t].is_ok()).collect();
        assert_eq!(winners.len(), 1, "round {round}: {results:?}");
        for (t, result) in results.iter().enumerate() {
            if t != winners[0] {
                assert_eq!(
                    result,
                    &Err(VmError::AlreadyExists { name: name.clone() }),
                    "round {round}"
                );
            }
        }
        // The winner's config is the one stored.
        let info = manager.get_vm_info(&name).unwrap();
        assert_eq!(info.config.memory, winners[0] as u64 + 1);
        assert_eq!(info.state, VmState::Running);
    }
    assert_eq!(manager.vm_count(), Ok(200));
}

#[test]
fn racing_deletes_renames_and_starts_admit_exactly_one() {
    let manager = MockVmManager::new();
    for round in 0..100 {
        let name = format!("vm-{round}");
        manager.create_vm(config(&name, 1)).unwrap();
        let deletes = race(|_| manager.delete_vm(&name));
        assert_eq!(deletes.iter().filter(|r| r.is_ok()).count(), 1);
        assert!(deletes
            .iter()
            .filter_map(|r| r.as_ref().err())
            .all(|e| *e == VmError::NotFound { name: name.clone() }));
        assert!(manager.get_vm_info(&name).is_err());

        // Eight threads rename eight different VMs to one new name: one wins.
        let sources: Vec<String> = (0..THREADS).map(|t| format!("src-{round}-{t}")).collect();
        for source in &sources {
            manager.define_vm(config(source, 1)).unwrap();
        }
        let target = format!("target-{round}");
        let renames = race(|t| manager.update_vm_config(&sources[t], config(&target, 1)));
        let winners: Vec<usize> = (0..THREADS).filter(|&t| renames[t].is_ok()).collect();
        assert_eq!(winners.len(), 1, "{renames:?}");
        for t in 0..THREADS {
            let still_there = manager.get_vm_info(&sources[t]).is_ok();
            assert_eq!(still_there, t != winners[0]);
            if t != winners[0] {
                assert_eq!(
                    renames[t],
                    Err(VmError::AlreadyExists {
                        name: target.clone()
                    })
                );
                manager.delete_vm(&sources[t]).unwrap();
            }
        }
        manager.stop_vm(&target).unwrap_err();

        // Eight threads start one stopped VM: one wins.
        let starts = race(|_| manager.start_vm(&target));
        assert_eq!(starts.iter().filter(|r| r.is_ok()).count(), 1);
        assert_eq!(starts.iter().filter(|r| r.is_err()).count(), THREADS - 1);
        let info = manager.get_vm_info(&target).unwrap();
        assert_eq!(info.state, VmState::Running);
        assert_eq!(info.revision, 3, "rename and one start");
        manager.delete_vm(&target).unwrap();
    }
    assert_eq!(manager.list_vms(), Ok(vec![]));
}

/// Threads hammer one VM with every transition. Every success is a legal edge, so the counts
/// must balance: the VM (created running) is stopped exactly when it was stopped once more
/// than started, and its revision counts every success and nothing else.
#[test]
fn concurrent_transitions_on_one_vm_keep_its_state_consistent() {
    const OPS_PER_THREAD: u64 = 4_000;
    let manager = MockVmManager::new();
    manager.create_vm(config("hot", 1)).unwrap();
    let starts = AtomicU64::new(0);
    let stops = AtomicU64::new(0);
    let pauses = AtomicU64::new(0);
    let resumes = AtomicU64::new(0);
    let refusals = AtomicU64::new(0);

    race(|t| {
        // A cheap per-thread pseudo-random sequence, different for each thread.
        let mut seed =
            0x9E37_79B9_7F4A_7C15u64 ^ (t as u64 + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        for _ in 0..OPS_PER_THREAD {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let (result, counter) = match seed % 4 {
                0 => (manager.start_vm("hot"), &starts),
                1 => (manager.stop_vm("hot"), &stops),
                2 => (manager.pause_vm("hot"), &pauses),
                _ => (manager.resume_vm("hot"), &resumes),
            };
            match result {
                Ok(()) => counter.fetch_add(1, Ordering::Relaxed),
                Err(VmError::InvalidTransition { ref name, .. }) if name == "hot" => {
                    refusals.fetch_add(1, Ordering::Relaxed)
                }
                Err(other) => panic!("unexpected error {other:?}"),
            };
        }
    });

    let [starts, stops, pauses, resumes, refusals] =
        [starts, stops, pauses, resumes, refusals].map(AtomicU64::into_inner);
    let successes = starts + stops + pauses + resumes;
    assert_eq!(successes + refusals, THREADS as u64 * OPS_PER_THREAD);
    assert!(successes > 0);

    let info = manager.get_vm_info("hot").unwrap();
    assert_eq!(info.revision, 1 + successes, "a success was lost");
    // Entries into Stopped are stops, exits are starts; it began running.
    assert!(
        stops == starts || stops == starts + 1,
        "{stops} stops, {starts} starts"
    );
    assert_eq!(info.state == VmState::Stopped, stops == starts + 1);
    // Every resume left a pause; pauses not resumed ended in a stop or are the current state.
    assert!(resumes <= pauses);
    let unresumed = pauses - resumes;
    let still_paused = u64::from(info.state == VmState::Paused);
    assert!(unresumed >= still_paused);
    assert!(unresumed - still_paused <= stops);
    assert_eq!(manager.list_vms().unwrap(), ["hot"]);
}
