//! The persisted format: every version ever shipped still loads, and every kind of damage is
//! reported, set aside for a backup, and never takes the good VMs down with it.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use vm_playground::manager::NewSnapshot;
use vm_playground::storage::{self, Backup, Loaded, META_KEY, VM_KEY_PREFIX};
use vm_playground::{MockVmManager, SavedState, VmConfig, VmManager, VmState};

fn load_map(entries: &BTreeMap<String, String>) -> Loaded {
    storage::load(entries.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

fn fixture(name: &str) -> BTreeMap<String, String> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Storage as the app writes it for `manager`.
fn saved(manager: &MockVmManager) -> BTreeMap<String, String> {
    let mut entries = BTreeMap::new();
    entries.insert(META_KEY.to_owned(), storage::Meta::current().encode());
    for info in manager.saved_state().unwrap().vms {
        entries.insert(
            storage::vm_key(&info.config.name),
            storage::encode_vm(&info),
        );
    }
    entries
}

fn two_vms() -> MockVmManager {
    let manager = MockVmManager::new();
    for name in ["alpha", "beta"] {
        manager
            .create_vm(VmConfig {
                name: name.into(),
                ..Default::default()
            })
            .unwrap();
    }
    manager
}

fn names(loaded: &Loaded) -> Vec<&str> {
    loaded
        .vms
        .iter()
        .map(|vm| vm.config.name.as_str())
        .collect()
}

#[test]
fn format_1_fixture_loads() {
    let loaded = load_map(&fixture("storage-v1.json"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(!loaded.first_visit);
    assert_eq!(names(&loaded), ["build-runner", "db-01", "веб-сервер-1"]);
    let vms: Vec<_> = loaded.vms.iter().collect();
    let db = vms[1];
    assert_eq!(db.state, VmState::Paused);
    assert_eq!(db.pending.as_ref().unwrap().memory, 8192);
    assert_eq!(db.revision, 3);
    assert_eq!(vms[2].config.disk_path, "C:\\VMs\\web server.qcow2");
    let manager = MockVmManager::new();
    // The loader's checks are the core's: the manager takes these VMs checking them again.
    manager.restore(SavedState::from(loaded.vms)).unwrap();
}

#[test]
fn what_is_written_is_what_loads() {
    let manager = two_vms();
    manager.pause_vm("alpha").unwrap();
    let loaded = load_map(&saved(&manager));
    assert_eq!(SavedState::from(loaded.vms), manager.saved_state().unwrap());
    assert!(loaded.set_aside.is_empty());
}

/// Loads storage where `key`'s value was replaced by `value`, and checks that only that key
/// is reported and set aside, with a reason containing `reason`.
fn damaged(key: &str, value: &str, reason: &str) -> Loaded {
    let mut entries = saved(&two_vms());
    entries.insert(key.to_owned(), value.to_owned());
    let loaded = load_map(&entries);
    assert_eq!(loaded.set_aside, [key], "set aside for {value:?}");
    assert_eq!(loaded.problems.len(), 1);
    assert!(
        loaded.problems[0].reason.to_string().contains(reason),
        "{:?} should contain {reason:?}",
        loaded.problems[0].reason
    );
    loaded
}

#[test]
fn invalid_json_is_set_aside_and_the_rest_loads() {
    let loaded = damaged("vm-playground:vm:beta", "{not json", "unreadable record");
    assert_eq!(names(&loaded), ["alpha"]);
}

#[test]
fn truncated_text_is_set_aside() {
    let whole = saved(&two_vms())["vm-playground:vm:beta"].clone();
    let loaded = damaged(
        "vm-playground:vm:beta",
        &whole[..whole.len() / 2],
        "EOF while parsing",
    );
    assert_eq!(names(&loaded), ["alpha"]);
}

#[test]
fn wrong_types_are_set_aside() {
    let whole = saved(&two_vms())["vm-playground:vm:beta"].clone();
    let wrong = whole.replace("\"memory\":1024", "\"memory\":\"1024\"");
    damaged("vm-playground:vm:beta", &wrong, "invalid type");
}

#[test]
fn an_unknown_state_is_set_aside() {
    let whole = saved(&two_vms())["vm-playground:vm:beta"].clone();
    let wrong = whole.replace("\"running\"", "\"exploded\"");
    damaged("vm-playground:vm:beta", &wrong, "unknown variant");
}

#[test]
fn a_vm_that_fails_validation_is_set_aside() {
    let whole = saved(&two_vms())["vm-playground:vm:beta"].clone();
    let wrong = whole.replace("\"vcpus\":1", "\"vcpus\":0");
    damaged(
        "vm-playground:vm:beta",
        &wrong,
        "vCPUs must be between 1 and 512, got 0",
    );
}

#[test]
fn a_record_under_the_wrong_key_is_set_aside() {
    let alpha = saved(&two_vms())["vm-playground:vm:alpha"].clone();
    let loaded = damaged(
        "vm-playground:vm:beta",
        &alpha,
        "the record is of a VM named 'alpha'",
    );
    assert_eq!(names(&loaded), ["alpha"], "alpha loads once");
}

#[test]
fn an_invalid_name_in_the_key_and_record_is_set_aside() {
    let whole = saved(&two_vms())["vm-playground:vm:beta"].clone();
    let wrong = whole.replace("\"beta\"", "\"b/ad\"");
    damaged("vm-playground:vm:b/ad", &wrong, "name may contain only");
}

#[test]
fn pending_changes_on_a_stopped_vm_are_set_aside() {
    let manager = two_vms();
    manager.stop_vm("beta").unwrap();
    let mut info = manager.get_vm_info("beta").unwrap();
    let mut pending = info.config.clone();
    pending.memory = 2048;
    info.pending = Some(pending);
    damaged(
        "vm-playground:vm:beta",
        &storage::encode_vm(&info),
        "a stopped VM can't have pending changes",
    );
}

#[test]
fn a_huge_value_is_set_aside_unparsed() {
    let huge = format!("\"{}\"", "x".repeat(storage::MAX_RECORD_BYTES + 1));
    damaged(
        "vm-playground:vm:beta",
        &huge,
        "a VM's record is at most 1,048,576",
    );
}

#[test]
fn a_record_that_is_not_an_object_is_set_aside() {
    damaged("vm-playground:vm:beta", "[1,2,3]", "unreadable record");
    damaged("vm-playground:vm:beta", "null", "unreadable record");
}

/// Loads the two VMs' storage under metadata `meta`, which this version can't read: nothing is
/// loaded, nothing is set aside (so nothing is moved or rewritten), and the metadata is named.
fn unknown_meta(meta: &str) -> Loaded {
    let mut entries = saved(&two_vms());
    entries.insert(META_KEY.to_owned(), meta.to_owned());
    entries.insert("vm-playground:backup:5".into(), "{}".into());
    let loaded = load_map(&entries);
    assert!(loaded.vms.is_empty(), "{meta}: nothing is read");
    assert!(loaded.set_aside.is_empty(), "{meta}: nothing is moved");
    assert!(loaded.problems.is_empty(), "{meta}");
    assert!(
        !loaded.first_visit,
        "{meta}: not a first visit (no demo written)"
    );
    assert_eq!(loaded.backups, ["vm-playground:backup:5"], "{meta}");
    let unknown = loaded
        .unknown_format
        .clone()
        .unwrap_or_else(|| panic!("{meta}"));
    assert!(unknown.found.chars().count() <= storage::UnknownFormat::SHOWN_CHARS);
    loaded
}

#[test]
fn a_newer_format_is_not_read_and_nothing_is_set_aside() {
    let loaded = unknown_meta("{\"version\":4}");
    assert_eq!(loaded.unknown_format.unwrap().found, "{\"version\":4}");
}

#[test]
fn any_metadata_but_versions_1_to_3_is_an_unknown_format() {
    for meta in [
        "{\"version\":\"2\"}",
        "{\"version\":\"1\"}",
        "\"2\"",
        "2",
        "{\"version\":1.5}",
        "{\"version\":1e0}",
        "{\"version\":0}",
        "{\"version\":-1}",
        "{\"version\":18446744073709551617}",
        "{\"version\":null}",
        "{}",
        "[]",
        "null",
        "",
        "{\"version\":",
        "garbage",
    ] {
        unknown_meta(meta);
    }
    let long = format!("{{\"version\":4,\"pad\":\"{}\"}}", "x".repeat(10_000));
    assert!(unknown_meta(&long)
        .unknown_format
        .unwrap()
        .found
        .ends_with('…'));
    // Version 1, with whatever else a later version 1 may add, is read.
    let mut entries = saved(&two_vms());
    entries.insert(META_KEY.to_owned(), "{\"version\":1,\"note\":\"x\"}".into());
    assert_eq!(names(&load_map(&entries)), ["alpha", "beta"]);
}

#[test]
fn other_apps_keys_and_backups_are_never_read_as_vms() {
    let mut entries = saved(&two_vms());
    entries.insert("another-app".into(), "{broken".into());
    entries.insert("vm-playground:backup:5".into(), "{}".into());
    let loaded = load_map(&entries);
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.backups, ["vm-playground:backup:5"]);
    assert_eq!(names(&loaded), ["alpha", "beta"]);
}

#[test]
fn no_metadata_is_a_first_visit_even_with_stray_records() {
    let mut entries = saved(&two_vms());
    entries.remove(META_KEY);
    assert!(load_map(&entries).first_visit);
}

#[test]
fn backups_keep_the_original_keys_and_values() {
    let mut entries = BTreeMap::new();
    entries.insert(format!("{VM_KEY_PREFIX}x"), "{broken".to_owned());
    let backup = Backup {
        created_at: 7,
        reasons: vec!["unreadable".into()],
        entries,
    };
    let decoded: Backup = serde_json::from_str(&backup.encode()).unwrap();
    assert_eq!(decoded, backup);
    assert_eq!(Backup::key(7), "vm-playground:backup:7");
}

#[test]
fn backup_keys_are_unique_even_within_one_millisecond() {
    let mut taken = std::collections::BTreeSet::new();
    for _ in 0..3 {
        let key = Backup::unused_key(7, |key| taken.contains(key));
        assert!(taken.insert(key));
    }
    assert_eq!(
        taken.iter().map(String::as_str).collect::<Vec<_>>(),
        [
            "vm-playground:backup:7",
            "vm-playground:backup:7-1",
            "vm-playground:backup:7-2"
        ]
    );
    // Both forms are backups to the loader.
    let mut entries = saved(&two_vms());
    for key in &taken {
        entries.insert(key.clone(), "{}".into());
    }
    assert_eq!(load_map(&entries).backups, Vec::from_iter(taken));
}

#[test]
fn decode_vm_checks_one_record_like_the_loader() {
    let manager = two_vms();
    let info = manager.get_vm_info("alpha").unwrap();
    let key = storage::vm_key("alpha");
    assert_eq!(
        storage::decode_vm("alpha", &storage::encode_vm(&info)).unwrap(),
        info
    );
    assert!(matches!(
        storage::decode_vm("alpha", "{"),
        Err(storage::LoadReason::UnreadableRecord(_))
    ));
    assert_eq!(
        storage::decode_vm("other", &storage::encode_vm(&info)),
        Err(storage::LoadReason::OtherVm("alpha".into()))
    );
    assert_eq!(storage::vm_name(&key), Some("alpha"));
}

#[test]
fn format_1_migrates_to_the_default_host() {
    let loaded = load_map(&fixture("storage-v1.json"));
    assert_eq!(loaded.host, storage::DEFAULT_HOST);
    assert!(
        loaded.needs_upgrade,
        "format 1 must be rewritten as format 2"
    );
    // An over-capacity format-1 set loads as it is, on the default host.
    let mut entries = fixture("storage-v1.json");
    let big = MockVmManager::new();
    for name in ["a", "b", "c", "d", "e"] {
        big.create_vm(VmConfig {
            name: name.into(),
            memory: 8192,
            ..Default::default()
        })
        .unwrap();
    }
    for info in big.saved_state().unwrap().vms {
        entries.insert(
            storage::vm_key(&info.config.name),
            storage::encode_vm(&info),
        );
    }
    let loaded = load_map(&entries);
    assert_eq!(loaded.vms.len(), 8);
    let manager =
        MockVmManager::with_host(loaded.host, Box::new(|| 0)).expect("the default host is valid");
    manager.restore(SavedState::from(loaded.vms)).unwrap();
    assert!(!manager.host_info().unwrap().over_capacity().is_empty());
}

#[test]
fn format_2_keeps_the_host() {
    let mut entries = saved(&two_vms());
    let host = vm_playground::manager::Host {
        memory: Some(2048),
        cpus: None,
        storage: Some(40),
        overcommit: true,
    };
    entries.insert(storage::HOST_KEY.to_owned(), storage::encode_host(&host));
    let loaded = load_map(&entries);
    assert_eq!(loaded.host, host);
    assert!(!loaded.needs_upgrade);
    assert!(loaded.problems.is_empty());
    // No host key in format 2: the default host.
    assert_eq!(load_map(&saved(&two_vms())).host, storage::DEFAULT_HOST);
}

#[test]
fn a_damaged_host_is_set_aside_and_the_default_host_used() {
    let loaded = damaged(storage::HOST_KEY, "{\"cpus\":0}", "CPUs");
    assert_eq!(loaded.host, storage::DEFAULT_HOST);
    assert_eq!(names(&loaded), ["alpha", "beta"]);
}

#[test]
fn format_2_fixture_loads_and_migrates_to_3() {
    let entries = fixture("storage-v2.json");
    let loaded = load_map(&entries);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(names(&loaded), ["build-runner", "db-01", "веб-сервер-1"]);
    assert_eq!(loaded.host, vm_playground::manager::Host::LAPTOP);
    assert!(
        loaded.needs_upgrade,
        "format 2 must be rewritten as format 3"
    );
    assert!(loaded.vms.iter().all(|vm| vm.snapshots.is_empty()));
    // Written again, a record without snapshots is what format 2 wrote (the fixture drops
    // `pending: null`'s like the app always did not: compare the parsed values).
    for vm in loaded.vms.iter() {
        let key = storage::vm_key(&vm.config.name);
        let old: serde_json::Value = serde_json::from_str(&entries[&key]).unwrap();
        let new: serde_json::Value = serde_json::from_str(&storage::encode_vm(vm)).unwrap();
        assert_eq!(new, old, "{key}");
    }
    assert_eq!(storage::FORMAT_VERSION, 3);
    assert!(!load_map(&saved(&two_vms())).needs_upgrade);
}

/// A manager whose VM `alpha` has a small tree of snapshots.
fn with_snapshots() -> MockVmManager {
    let manager = two_vms();
    manager
        .create_snapshot(NewSnapshot {
            vm: "alpha",
            name: "base",
            description: "fresh install",
        })
        .unwrap();
    manager.pause_vm("alpha").unwrap();
    manager
        .create_snapshot(NewSnapshot::named("alpha", "paused"))
        .unwrap();
    manager.revert_to_snapshot("alpha", "base").unwrap();
    manager
        .create_snapshot(NewSnapshot::named("alpha", "other"))
        .unwrap();
    manager
}

#[test]
fn snapshots_are_stored_in_their_vm_record_and_load_back() {
    let manager = with_snapshots();
    let entries = saved(&manager);
    let record: serde_json::Value =
        serde_json::from_str(&entries[&storage::vm_key("alpha")]).unwrap();
    assert_eq!(record["currentSnapshot"], "other");
    assert_eq!(record["snapshots"].as_array().unwrap().len(), 3);
    assert_eq!(record["snapshots"][0]["description"], "fresh install");
    // A VM without snapshots has neither key.
    let beta = &entries[&storage::vm_key("beta")];
    assert!(!beta.contains("snapshots") && !beta.contains("currentSnapshot"));
    let loaded = load_map(&entries);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(SavedState::from(loaded.vms), manager.saved_state().unwrap());
}

#[test]
fn a_damaged_snapshot_tree_sets_its_record_aside_and_says_why_in_each_language() {
    use vm_playground::i18n::Lang;
    use vm_playground::manager::{limits, Snapshot};
    use vm_playground::VmInfo;

    let manager = with_snapshots();
    let key = storage::vm_key("alpha");
    let alpha = manager.get_vm_info("alpha").unwrap();
    // `with_snapshots`' tree: base, then paused and other, both children of base.
    let edit = |change: &dyn Fn(&mut VmInfo)| {
        let mut info = alpha.clone();
        change(&mut info);
        storage::encode_vm(&info)
    };
    let renamed = |name: &str| VmConfig {
        name: name.into(),
        ..alpha.config.clone()
    };
    let first = |change: &dyn Fn(&mut Snapshot)| edit(&|info| change(&mut info.snapshots[0]));
    let second = |change: &dyn Fn(&mut Snapshot)| edit(&|info| change(&mut info.snapshots[1]));
    let cases = [
        (
            second(&|s| s.parent = Some("gone".into())),
            "snapshot 'paused' has a parent 'gone' that doesn't exist",
            "у снимка «paused» указан родитель «gone», которого нет",
        ),
        (
            edit(&|info| info.current_snapshot = Some("gone".into())),
            "the current snapshot 'gone' doesn't exist",
            "текущего снимка «gone» нет",
        ),
        (
            second(&|s| s.name = "other".into()),
            "the snapshot name 'other' is used twice",
            "имя снимка «other» встречается дважды",
        ),
        (
            first(&|s| s.parent = Some("paused".into())),
            "snapshot 'base' is its own ancestor",
            "снимок «base» оказывается собственным предком",
        ),
        (
            first(&|s| s.config = renamed("beta")),
            "snapshot 'base' is of a VM named 'beta'",
            "снимок «base» сделан с ВМ по имени «beta»",
        ),
        (
            first(&|s| {
                s.state = VmState::Stopped;
                s.pending = Some(VmConfig {
                    memory: 2,
                    ..s.config.clone()
                });
            }),
            "snapshot 'base' of a stopped VM has pending changes",
            "в снимке «base» у выключенной ВМ есть отложенные изменения",
        ),
        (
            first(&|s| s.pending = Some(renamed("zeta"))),
            "snapshot 'base' has pending changes that rename the VM",
            "в снимке «base» отложенные изменения переименовывают ВМ",
        ),
        (
            first(&|s| s.created_at = limits::TIMESTAMP_MAX + 1),
            "snapshot 'base' was taken after the latest date",
            "снимок «base» сделан позже самой поздней допустимой даты",
        ),
        (
            edit(&|info| {
                let leaf = info.snapshots[1].clone();
                info.snapshots
                    .extend((0..limits::SNAPSHOTS_PER_VM).map(|n| Snapshot {
                        name: format!("leaf{n}"),
                        ..leaf.clone()
                    }));
            }),
            "35 snapshots, at most 32 are allowed",
            "снимков: 35, допустимо не больше 32",
        ),
        (
            second(&|s| s.name = "bad name".into()),
            "snapshot name may contain only",
            "поле «имя снимка» может содержать только",
        ),
    ];
    for (record, english, russian) in cases {
        let mut entries = saved(&manager);
        entries.insert(key.clone(), record);
        let loaded = load_map(&entries);
        assert_eq!(names(&loaded), ["beta"], "{english}");
        assert_eq!(loaded.set_aside, std::slice::from_ref(&key));
        let reason = &loaded.problems[0].reason;
        assert!(
            Lang::En.load_reason(reason).contains(english),
            "{reason}: {english}"
        );
        assert_eq!(Lang::En.load_reason(reason), reason.to_string());
        let words = Lang::Ru.load_reason(reason);
        assert!(words.contains(russian), "{words:?}: {russian:?}");
    }
}

#[test]
fn export_and_import_carry_snapshots() {
    let manager = with_snapshots();
    let state = manager.saved_state().unwrap();
    let text = storage::export::export_json(&state, &storage::DEFAULT_HOST, 0);
    let preview = storage::export::parse_import(&text, 0).unwrap();
    assert_eq!(preview.rejected, 0);
    assert_eq!(preview.vms, state.vms);
    assert_eq!(preview.vms[0].snapshots.len(), 3);
}

/// A notice tells what was wrong with each damaged value in the page's language; a backup
/// keeps the same reasons in English. Only the parser's own message stays English.
#[test]
fn every_kind_of_damage_is_told_in_the_page_s_language() {
    use vm_playground::i18n::Lang;
    use vm_playground::storage::LoadReason;

    let huge = format!("\"{}\"", "x".repeat(storage::MAX_RECORD_BYTES + 1));
    let mut other = two_vms().get_vm_info("alpha").unwrap();
    other.config.name = "gamma".into();
    let other = storage::encode_vm(&other);
    let mut zero = two_vms().get_vm_info("beta").unwrap();
    zero.config.memory = 0;
    let zero = storage::encode_vm(&zero);
    let cases: [(&str, &str, &str, &str); 4] = [
        (
            "vm-playground:vm:beta",
            "{not json",
            "unreadable record: ",
            "запись не читается: ",
        ),
        (
            "vm-playground:vm:beta",
            &huge,
            "is 1,048,579 bytes",
            "занимает 1\u{a0}048\u{a0}579 байт",
        ),
        (
            "vm-playground:vm:beta",
            &other,
            "a VM named 'gamma'",
            "ВМ с именем «gamma»",
        ),
        (
            "vm-playground:host",
            "\"big\"",
            "unreadable host: ",
            "запись хоста не читается: ",
        ),
    ];
    for (key, value, english, russian) in cases {
        let loaded = damaged(key, value, english);
        let problem = &loaded.problems[0];
        assert_eq!(problem.to_string(), format!("{key}: {}", problem.reason));
        assert!(Lang::En.load_reason(&problem.reason).contains(english));
        let words = Lang::Ru.load_reason(&problem.reason);
        assert!(
            words.contains(russian),
            "{words:?} should contain {russian:?}"
        );
    }
    // A record the core refuses: the core's error, in words.
    let refused = damaged("vm-playground:vm:beta", &zero, "memory must be between");
    assert!(matches!(refused.problems[0].reason, LoadReason::Refused(_)));
    assert!(Lang::Ru
        .load_reason(&refused.problems[0].reason)
        .contains("память"));
    // The event log's reason, which `web::persist::log` gives.
    let log = LoadReason::UnreadableLog("expected value".into());
    assert_eq!(log.to_string(), "unreadable event log: expected value");
    assert_eq!(
        Lang::Ru.load_reason(&log),
        "журнал событий не читается: expected value"
    );
}
