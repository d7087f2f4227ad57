//! The core's figures with 100,000 VMs: state transitions per second, `list_vms`, `saved_state`
//! and its JSON, loading from storage records. Plain `fn main` (harness = false), no dependencies beyond the crate's own.
//!
//! Run with `cargo bench --bench manager`.
#![allow(
    clippy::disallowed_methods,
    reason = "native-only code: the page's size habits don't apply"
)]

use std::hint::black_box;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use vm_playground::{storage, MockVmManager, VmConfig, VmManager, VmState};

const VMS: usize = 100_000;
/// Rounds of stop + start over every VM: 2 × 100,000 transitions each.
const TRANSITION_ROUNDS: usize = 15;
const LIST_RUNS: usize = 21;
const SNAPSHOT_RUNS: usize = 7;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn main() {
    println!("vm-playground core benchmark, {VMS} VMs");
    let names: Vec<String> = (0..VMS).map(|i| format!("vm-{i:06}")).collect();
    let manager = MockVmManager::new();

    // ---- create
    let ((), elapsed) = timed(|| {
        for name in &names {
            manager
                .create_vm(VmConfig {
                    name: name.clone(),
                    memory: 512,
                    disk_path: format!("/mock/{name}.qcow2"),
                    ..Default::default()
                })
                .expect("create");
        }
    });
    assert_eq!(manager.vm_count(), Ok(VMS));
    println!(
        "create_vm: {VMS} VMs in {:.0} ms ({:.2} M/s)",
        ms(elapsed),
        VMS as f64 / elapsed.as_secs_f64() / 1e6
    );

    // ---- transitions, one thread
    let ((), elapsed) = timed(|| {
        for _ in 0..TRANSITION_ROUNDS {
            for name in &names {
                manager.stop_vm(black_box(name)).expect("stop");
                manager.start_vm(black_box(name)).expect("start");
            }
        }
    });
    let transitions = (TRANSITION_ROUNDS * VMS * 2) as f64;
    println!(
        "transitions: {:.2} M/s (target >= 1 M/s) [{:.1} M stop+start in {:.0} ms, 1 thread]",
        transitions / elapsed.as_secs_f64() / 1e6,
        transitions / 1e6,
        ms(elapsed)
    );

    // ---- transitions in random order (the map's nodes no longer come in cache order)
    let mut shuffled: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for i in (1..shuffled.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        shuffled.swap(i, (seed % (i as u64 + 1)) as usize);
    }
    let ((), elapsed) = timed(|| {
        for _ in 0..5 {
            for name in &shuffled {
                manager.stop_vm(black_box(name)).expect("stop");
                manager.start_vm(black_box(name)).expect("start");
            }
        }
    });
    let random = (5 * VMS * 2) as f64;
    println!(
        "transitions, random order: {:.2} M/s [{:.1} M in {:.0} ms, 1 thread]",
        random / elapsed.as_secs_f64() / 1e6,
        random / 1e6,
        ms(elapsed)
    );
    drop(shuffled);

    // ---- pause / resume, one thread
    let ((), elapsed) = timed(|| {
        for _ in 0..5 {
            for name in &names {
                manager.pause_vm(black_box(name)).expect("pause");
                manager.resume_vm(black_box(name)).expect("resume");
            }
        }
    });
    let pause_resume = (5 * VMS * 2) as f64;
    println!(
        "pause+resume: {:.2} M/s [{:.1} M transitions in {:.0} ms, 1 thread]",
        pause_resume / elapsed.as_secs_f64() / 1e6,
        pause_resume / 1e6,
        ms(elapsed)
    );

    // ---- refused transitions (start on a running VM): they build an error value
    let refusals = VMS * 5;
    let (refused, elapsed) = timed(|| {
        let mut refused = 0usize;
        for _ in 0..5 {
            for name in &names {
                refused += usize::from(manager.start_vm(black_box(name)).is_err());
            }
        }
        refused
    });
    assert_eq!(refused, refusals);
    println!(
        "refused transitions: {:.2} M/s [{:.1} M in {:.0} ms, 1 thread]",
        refusals as f64 / elapsed.as_secs_f64() / 1e6,
        refusals as f64 / 1e6,
        ms(elapsed)
    );

    // ---- transitions, two threads on disjoint halves (one lock: they contend)
    let shared = Arc::new(manager);
    let names = Arc::new(names);
    let threads = 2;
    let ((), elapsed) = timed(|| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let manager = Arc::clone(&shared);
                let names = Arc::clone(&names);
                thread::spawn(move || {
                    let half = &names[t * VMS / threads..(t + 1) * VMS / threads];
                    for _ in 0..5 {
                        for name in half {
                            manager.stop_vm(black_box(name)).expect("stop");
                            manager.start_vm(black_box(name)).expect("start");
                        }
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().expect("worker");
        }
    });
    let concurrent = (5 * VMS * 2) as f64;
    println!(
        "transitions, {threads} threads: {:.2} M/s [{:.1} M in {:.0} ms]",
        concurrent / elapsed.as_secs_f64() / 1e6,
        concurrent / 1e6,
        ms(elapsed)
    );
    let manager = Arc::try_unwrap(shared).expect("workers are done");
    assert!(names
        .iter()
        .step_by(997)
        .all(|name| manager.get_vm_state(name) == Ok(VmState::Running)));

    // ---- list_vms
    let samples: Vec<Duration> = (0..LIST_RUNS)
        .map(|_| {
            let (list, elapsed) = timed(|| manager.list_vms().expect("list"));
            assert_eq!(black_box(list).len(), VMS);
            elapsed
        })
        .collect();
    let best = *samples.iter().min().expect("samples");
    println!(
        "list_vms({VMS}): {:.2} ms median (target < 10 ms) [best {:.2} ms, {LIST_RUNS} runs]",
        ms(median(samples)),
        ms(best)
    );

    let samples: Vec<Duration> = (0..LIST_RUNS)
        .map(|_| {
            let (infos, elapsed) = timed(|| manager.list_vm_infos().expect("infos"));
            assert_eq!(black_box(infos).len(), VMS);
            elapsed
        })
        .collect();
    println!(
        "list_vm_infos({VMS}): {:.2} ms median [{LIST_RUNS} runs]",
        ms(median(samples))
    );

    // ---- state, JSON, restore
    let mut state = None;
    let samples: Vec<Duration> = (0..SNAPSHOT_RUNS)
        .map(|_| {
            let (taken, elapsed) = timed(|| manager.saved_state().expect("state"));
            state = Some(black_box(taken));
            elapsed
        })
        .collect();
    let state = state.expect("a state");
    assert_eq!(state.vms.len(), VMS);
    println!(
        "state({VMS}): {:.2} ms median [{SNAPSHOT_RUNS} runs]",
        ms(median(samples))
    );

    let mut json = String::new();
    let samples: Vec<Duration> = (0..SNAPSHOT_RUNS)
        .map(|_| {
            let (text, elapsed) = timed(|| serde_json::to_string(&state).expect("to json"));
            json = black_box(text);
            elapsed
        })
        .collect();
    println!(
        "state to JSON: {:.2} ms median, {:.1} MB [{SNAPSHOT_RUNS} runs]",
        ms(median(samples)),
        json.len() as f64 / 1e6
    );

    let samples: Vec<Duration> = (0..SNAPSHOT_RUNS)
        .map(|_| {
            let (restored, elapsed) = timed(|| {
                let parsed = serde_json::from_str(&json).expect("from json");
                let restored = MockVmManager::new();
                restored.restore(parsed).expect("restore");
                restored
            });
            assert_eq!(black_box(restored).vm_count(), Ok(VMS));
            elapsed
        })
        .collect();
    println!(
        "JSON to restored manager: {:.2} ms median [{SNAPSHOT_RUNS} runs]",
        ms(median(samples))
    );

    // ---- storage records to manager, as the page starts: one record per VM, read, checked once
    let mut records = vec![(
        storage::META_KEY.to_owned(),
        storage::Meta::current().encode(),
    )];
    records.extend(
        state
            .vms
            .iter()
            .map(|info| (storage::vm_key(&info.config.name), storage::encode_vm(info))),
    );
    let samples: Vec<Duration> = (0..SNAPSHOT_RUNS)
        .map(|_| {
            let (restored, elapsed) = timed(|| {
                let loaded = storage::load(records.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                let restored = MockVmManager::new();
                restored.restore_checked(loaded.vms).expect("restore");
                restored
            });
            assert_eq!(black_box(restored).vm_count(), Ok(VMS));
            elapsed
        })
        .collect();
    println!(
        "storage records to restored manager: {:.2} ms median [{SNAPSHOT_RUNS} runs]",
        ms(median(samples))
    );

    // ---- delete everything
    let ((), elapsed) = timed(|| {
        for name in names.iter() {
            manager.delete_vm(black_box(name)).expect("delete");
        }
    });
    assert_eq!(manager.vm_count(), Ok(0));
    println!("delete_vm: {VMS} VMs in {:.0} ms", ms(elapsed));
}
