//! Anything accepted loads again: every VM the manager accepts round-trips through its
//! storage record (`encode_vm` → `storage::load` and `decode_vm`) unchanged, and the loader
//! refuses only what the manager refuses. Checked at the extremes the limits allow (the
//! longest names and paths, of 4-byte characters, quotes and backslashes; the largest
//! numbers) and by a property test.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use vm_playground::manager::limits::{
    MAX_RECORD_BYTES, MAX_SAFE_INTEGER, NAME_MAX_CHARS, NETWORK_MAX_CHARS, PATH_MAX_CHARS,
    RECORD_JSON_MAX_BYTES, SNAPSHOTS_PER_VM, SNAPSHOT_DESCRIPTION_MAX_CHARS, TIMESTAMP_MAX,
};
use vm_playground::manager::{is_nfc, NewSnapshot, DISK_SIZE_GB, MEMORY_MB, VCPUS};
use vm_playground::storage::{self, encode_vm, vm_key, META_KEY};
use vm_playground::{MockVmManager, VmConfig, VmInfo, VmManager, VmState};

/// What the loader makes of storage holding `record` under `name`'s key: the one VM, or the
/// problem.
fn load_one(name: &str, record: &str) -> Result<VmInfo, String> {
    let meta = storage::Meta::current().encode();
    let key = vm_key(name);
    let loaded = storage::load([(META_KEY, meta.as_str()), (key.as_str(), record)]);
    match (loaded.vms.into_iter().next(), loaded.problems.first()) {
        (Some(vm), None) => Ok(vm),
        (None, Some(problem)) => Err(problem.reason.to_string()),
        other => panic!("one VM or one problem, got {other:?}"),
    }
}

/// Asserts that the VM the manager holds as `name` survives storage unchanged.
fn assert_round_trips(manager: &MockVmManager, name: &str) {
    let held = manager.get_vm_info(name).unwrap();
    let record = encode_vm(&held);
    assert!(
        record.len() <= RECORD_JSON_MAX_BYTES,
        "{} bytes, above the computed bound",
        record.len()
    );
    assert_eq!(load_one(&held.config.name, &record), Ok(held.clone()));
    assert_eq!(storage::decode_vm(&held.config.name, &record), Ok(held));
}

fn widest(ch: char, count: usize) -> String {
    std::iter::repeat_n(ch, count).collect()
}

fn max_config(name: &str, text: char) -> VmConfig {
    VmConfig {
        name: name.to_owned(),
        memory: *MEMORY_MB.end(),
        vcpus: *VCPUS.end(),
        disk_path: widest(text, PATH_MAX_CHARS),
        disk_size: *DISK_SIZE_GB.end(),
        iso_image: Some(widest(text, PATH_MAX_CHARS)),
        network: widest('𝐍', NETWORK_MAX_CHARS),
    }
}

/// The record size limit is above the largest record the limits allow, computed from them
/// (also a compile-time assertion in `limits`), and the largest records load.
#[test]
fn the_largest_records_the_limits_allow_fit_and_load() {
    const { assert!(RECORD_JSON_MAX_BYTES < MAX_RECORD_BYTES) };
    let name = widest('𝐀', NAME_MAX_CHARS); // a 4-byte letter
    for text in ['𝄞', '"', '\\', 'é', '\''] {
        let manager = MockVmManager::with_clock(Box::new(|| MAX_SAFE_INTEGER));
        manager.create_vm(max_config(&name, text)).unwrap();
        // A pending config as large, differing in every text field.
        let mut pending = max_config(&name, if text == '"' { '\\' } else { '"' });
        pending.memory -= 1;
        manager.update_vm_config(&name, pending).unwrap();
        assert!(manager.get_vm_info(&name).unwrap().pending.is_some());
        assert_round_trips(&manager, &name);
        // And as many snapshots as a VM may have, each of the largest config and pending
        // config, the longest name (its parent's as long) and the longest description.
        for n in 0..SNAPSHOTS_PER_VM {
            let snapshot = format!("{}{n:02}", widest('𝐀', NAME_MAX_CHARS - 2));
            let description = widest(text, SNAPSHOT_DESCRIPTION_MAX_CHARS);
            manager
                .create_snapshot(NewSnapshot {
                    vm: &name,
                    name: &snapshot,
                    description: &description,
                })
                .unwrap();
        }
        assert_round_trips(&manager, &name);
    }
}

// ------------------------------------------------------------ the property

/// Text of `valid` characters (any length up to just past `max`, or `max` ± 1 of one
/// character), now and then with one of `invalid` in it.
fn text(
    valid: &'static [char],
    invalid: &'static [char],
    max: usize,
) -> impl Strategy<Value = String> {
    let chars = move |range: std::ops::RangeInclusive<usize>| {
        prop::collection::vec(prop::sample::select(valid), range)
            .prop_map(|chars| chars.into_iter().collect::<String>())
    };
    prop_oneof![
        6 => chars(0..=max),
        2 => (prop::sample::select(valid), max - 1..=max + 1)
            .prop_map(|(ch, count)| widest(ch, count)),
        1 => (chars(0..=max), prop::sample::select(invalid))
            .prop_map(|(text, bad)| format!("{text}{bad}")),
    ]
}

/// A name: a letter or digit first, then letters of 1 to 4 bytes, a decomposed accent and
/// Hangul jamo (NFC composes both), '-', '_', '.'.
fn name() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&['a', 'Z', '0', 'e', 'é', '名', '𝐀', 'न', '\u{1100}'][..]),
        text(
            NAME_CHARS,
            &[' ', '/', '\u{202e}', '\u{1b}'],
            NAME_MAX_CHARS - 1,
        ),
    )
        .prop_map(|(first, rest)| format!("{first}{rest}"))
}

const NAME_CHARS: &[char] = &[
    'a', 'Z', '0', '9', '-', '_', '.', 'é', 'e', '\u{301}', 'ß', '名', '𝐀', 'न', '\u{94d}',
    '\u{1100}', '\u{1161}',
];
/// What paths may hold: quotes, backslashes, wide and combining characters, a zero-width
/// joiner.
const PATH_CHARS: &[char] = &[
    '/', 'a', ' ', '"', '\\', '\'', '𝄞', 'é', '\u{301}', '日', '\u{200d}',
];
/// What they may not: control characters, line separators, bidi controls.
const PATH_REFUSED: &[char] = &['\0', '\u{1b}', '\n', '\u{2028}', '\u{202e}', '\u{2066}'];
const NETWORK_CHARS: &[char] = &['n', '1', '-', '_', 'é', '𝐍'];
const NETWORK_REFUSED: &[char] = &[' ', '.', '\u{202e}'];

/// Mostly in `range`, at its ends, now and then just outside or far beyond.
fn number(range: std::ops::RangeInclusive<u64>) -> impl Strategy<Value = u64> {
    let (min, max) = (*range.start(), *range.end());
    prop_oneof![
        2 => Just(min),
        2 => Just(max),
        8 => range,
        1 => prop::sample::select(vec![0, max + 1, u64::MAX]),
    ]
}

fn config(name: String) -> impl Strategy<Value = VmConfig> {
    (
        number(MEMORY_MB),
        number(1..=u64::from(*VCPUS.end())),
        text(PATH_CHARS, PATH_REFUSED, PATH_MAX_CHARS),
        number(DISK_SIZE_GB),
        prop::option::of(text(PATH_CHARS, PATH_REFUSED, PATH_MAX_CHARS)),
        text(NETWORK_CHARS, NETWORK_REFUSED, NETWORK_MAX_CHARS),
    )
        .prop_map(
            move |(memory, vcpus, disk_path, disk_size, iso_image, network)| VmConfig {
                name: name.clone(),
                memory,
                vcpus: u32::try_from(vcpus).unwrap_or(u32::MAX),
                disk_path,
                disk_size,
                iso_image,
                network,
            },
        )
}

fn info() -> impl Strategy<Value = VmInfo> {
    let numbers = prop_oneof![
        8 => 1..2_000_000_000_000u64,
        2 => prop::sample::select(vec![1, TIMESTAMP_MAX, MAX_SAFE_INTEGER - 1, MAX_SAFE_INTEGER]),
        1 => prop::sample::select(vec![0, TIMESTAMP_MAX + 1, MAX_SAFE_INTEGER + 1, u64::MAX]),
    ];
    name().prop_flat_map(move |name| {
        (
            config(name.clone()),
            prop::sample::select(&[VmState::Stopped, VmState::Running, VmState::Paused][..]),
            prop::option::of(config(name)),
            numbers.clone(),
            numbers.clone(),
            numbers.clone(),
        )
            .prop_map(
                |(config, state, pending, created_at, state_changed_at, revision)| VmInfo {
                    config,
                    state,
                    pending,
                    created_at,
                    state_changed_at,
                    revision,
                    snapshots: Vec::new(),
                    current_snapshot: None,
                },
            )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever record the manager takes in (`put_vm`: another tab, an import), what it then
    /// holds loads back unchanged, before and after a change; whatever it refuses, the
    /// loader refuses too.
    #[test]
    fn what_the_manager_accepts_loads_back_unchanged(info in info()) {
        let manager = MockVmManager::with_clock(Box::new(|| MAX_SAFE_INTEGER));
        let accepted = manager.put_vm(info.clone());
        let record = encode_vm(&info);
        if accepted.is_err() {
            if is_nfc(&info.config.name) {
                prop_assert!(load_one(&info.config.name, &record).is_err());
            }
            return Ok(());
        }
        let name = manager.list_vms().unwrap().remove(0);
        assert_round_trips(&manager, &name);
        if is_nfc(&info.config.name) {
            prop_assert_eq!(load_one(&name, &record), Ok(manager.get_vm_info(&name).unwrap()));
        }
        // A change (saturating the revision at its largest) still loads.
        let state = manager.get_vm_state(&name).unwrap();
        if state == VmState::Stopped {
            manager.start_vm(&name).unwrap();
        } else {
            manager.stop_vm(&name).unwrap();
        }
        assert_round_trips(&manager, &name);
    }

    /// Whatever config the manager creates, and keeps as pending, loads back unchanged.
    #[test]
    fn every_config_the_manager_takes_loads_back_unchanged(
        (first, second) in name()
            .prop_flat_map(|name| (config(name.clone()), config(name)))
    ) {
        let manager = MockVmManager::new();
        if manager.create_vm(first).is_err() {
            return Ok(());
        }
        let name = manager.list_vms().unwrap().remove(0);
        let _ = manager.update_vm_config(&name, second);
        assert_round_trips(&manager, &name);
    }
}
