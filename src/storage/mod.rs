//! The persisted format: how the manager's VMs are laid out in localStorage, and how they are
//! read back. Pure Rust (keys and strings in, state out), so every format and every kind of
//! damage is tested natively; `web::store` moves the strings to and from the browser.
//!
//! Format version 1 keeps one key per VM, so that a click writes one small record instead of
//! the whole list:
//!
//! | key                         | value                                        |
//! |-----------------------------|----------------------------------------------|
//! | `vm-playground:meta`        | `{"version":1}`                              |
//! | `vm-playground:vm:<name>`   | the VM's [`VmInfo`] as JSON                  |
//!
//! Format version 2 adds the host the VMs run on:
//!
//! | key                         | value                                        |
//! |-----------------------------|----------------------------------------------|
//! | `vm-playground:meta`        | `{"version":2}`                              |
//! | `vm-playground:host`        | the [`Host`] as JSON (`null` = unlimited)    |
//!
//! Version 1 is migrated on load ([`migrate_v1`]): its VMs load as they are, on
//! [`DEFAULT_HOST`], even if they are over its capacity.
//!
//! Format version 3 keeps each VM's snapshots in its record ([`VmInfo::snapshots`],
//! `currentSnapshot`; both left out when there are none), so that whatever moves a VM's
//! record (a save, another tab, a backup, export and import) moves its snapshots too. A
//! version 2 record is a version 3 record without snapshots ([`migrate_v2`]); the version
//! number changes so that an older version, which would drop the snapshots it can't read,
//! sees a format it doesn't know and writes nothing.
//!
//! Every key starts with `vm-playground` because GitHub Pages serves every project of a user
//! from one origin, which shares one localStorage.

pub mod export;
pub mod sync;

use serde::{Deserialize, Serialize};

use crate::manager::{
    is_nfc, CheckedVms, ConfigField, ConfigProblem, Host, SavedState, VmError, VmInfo,
};

/// The prefix of every key this app writes.
pub const KEY_PREFIX: &str = "vm-playground";
/// The key of the format's metadata; its absence means a first visit.
pub const META_KEY: &str = "vm-playground:meta";
/// The key of the event log (`event_log::EventLog` as JSON).
pub const LOG_KEY: &str = "vm-playground:log";
/// The key of the user's last choice of language (`en`, `ru`): see `i18n::Lang::choose`.
pub const LANG_KEY: &str = "vm-playground:lang";
/// The key of the student's lesson progress (`lesson::Progress` as JSON). Not part of the
/// VMs' format: loading ignores it.
pub const LESSONS_KEY: &str = "vm-playground:lessons";
/// The prefix of the per-VM keys.
pub const VM_KEY_PREFIX: &str = "vm-playground:vm:";
/// The key of the host's sizes ([`Host`] as JSON), from format 2.
pub const HOST_KEY: &str = "vm-playground:host";
/// The format this code writes.
pub const FORMAT_VERSION: u32 = 3;
/// The host of data saved without one (format 1, or a missing or damaged host key): the
/// page's default, a laptop.
pub const DEFAULT_HOST: Host = Host::LAPTOP;

/// The host's record, as stored under [`HOST_KEY`].
pub fn encode_host(host: &Host) -> String {
    serde_json::to_string(host).expect("a Host always serialises")
}

/// Format 1 → 2: format 1 had no host, so its VMs are placed on [`DEFAULT_HOST`] (as they
/// are: over capacity or not). The VM records are the same in both formats.
pub fn migrate_v1(loaded: &mut Loaded) {
    loaded.host = DEFAULT_HOST;
    loaded.needs_upgrade = true;
}

/// Format 2 → 3: format 2 had no snapshots; its records are format 3 records without any
/// and load as they are. Only the metadata must be rewritten.
pub fn migrate_v2(loaded: &mut Loaded) {
    loaded.needs_upgrade = true;
}

/// The value under [`META_KEY`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The format version of the keys beside it.
    pub version: u32,
}

impl Meta {
    /// The metadata this code writes.
    pub fn current() -> Self {
        Meta {
            version: FORMAT_VERSION,
        }
    }

    /// The JSON stored under [`META_KEY`].
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("metadata always serialises")
    }
}

/// The key a VM is stored under.
pub fn vm_key(name: &str) -> String {
    format!("{VM_KEY_PREFIX}{name}")
}

/// A VM's record, as stored under [`vm_key`].
pub fn encode_vm(info: &VmInfo) -> String {
    serde_json::to_string(info).expect("a VmInfo always serialises")
}

/// The prefix of the keys that keep data which could not be loaded, so that it is never lost.
pub const BACKUP_KEY_PREFIX: &str = "vm-playground:backup:";
/// The largest VM record that is loaded, in bytes: a real record is a few hundred bytes, so a
/// bigger one is damage (or a paste gone wrong), set aside rather than loaded. Above the
/// largest record the limits allow (`limits::RECORD_JSON_MAX_BYTES`, a compile-time check).
pub use crate::manager::limits::MAX_RECORD_BYTES;

/// What was found in storage: the VMs that load, and what could not be used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The VMs that passed the core's checks, in name order.
    pub vms: CheckedVms,
    /// No metadata: nothing was ever saved here (the app shows its demo).
    pub first_visit: bool,
    /// The metadata names a format this version can't read (a newer one, or something
    /// unreadable): nothing else was read, and nothing may be written until the user chooses.
    pub unknown_format: Option<UnknownFormat>,
    /// What could not be used, and why, for the user to see.
    pub problems: Vec<LoadProblem>,
    /// Keys whose values must be moved to a backup before anything is written: damaged
    /// records.
    pub set_aside: Vec<String>,
    /// Backups kept from earlier loads, by key.
    pub backups: Vec<String>,
    /// The host the VMs run on ([`DEFAULT_HOST`] if none was saved).
    pub host: Host,
    /// The data is of an older format (migrated on load): the metadata and the host must be
    /// written in this format (see [`migrate_v1`], [`migrate_v2`]).
    pub needs_upgrade: bool,
}

/// Metadata of a format this version can't read, as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat {
    /// The stored metadata, cut to [`UnknownFormat::SHOWN_CHARS`] characters (with "…").
    pub found: String,
}

impl UnknownFormat {
    /// How much of the stored metadata is kept to show the user.
    pub const SHOWN_CHARS: usize = 100;
}

/// The format `value`, stored under [`META_KEY`], names if this version reads it
/// ([`FORMAT_VERSION`], or 1 or 2, which it migrates): `Err` for any other version (newer, a
/// string, a float) and for anything unreadable.
pub fn check_meta(value: &str) -> Result<u32, UnknownFormat> {
    match serde_json::from_str::<Meta>(value) {
        Ok(meta) if (1..=FORMAT_VERSION).contains(&meta.version) => Ok(meta.version),
        _ => Err(UnknownFormat {
            found: crate::present::cut_text(value, UnknownFormat::SHOWN_CHARS),
        }),
    }
}

/// A stored value that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// The storage key.
    pub key: String,
    /// Why it was not used.
    pub reason: LoadReason,
}

impl std::fmt::Display for LoadProblem {
    /// The key and the reason in English, as a backup's reasons keep them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Lang::En.load_problem(self))
    }
}

/// Why a stored value could not be used: put into words in the page's language where a notice
/// shows it (`Lang::load_reason`), and in English (`Display`) in a backup's reasons, which are
/// kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadReason {
    /// A VM record that is not JSON of a record's shape: the parser's message (technical, in
    /// English, whatever the page's language).
    UnreadableRecord(String),
    /// The host's record likewise.
    UnreadableHost(String),
    /// The event log likewise.
    UnreadableLog(String),
    /// A VM record longer than [`MAX_RECORD_BYTES`]: its length in bytes.
    TooLarge(usize),
    /// A VM record under another VM's key: the name it holds.
    OtherVm(String),
    /// Readable, but refused by the core's checks.
    Refused(VmError),
}

impl std::fmt::Display for LoadReason {
    /// The reason in English, from the catalogue (`i18n`), where every language's is.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Lang::En.load_reason(self))
    }
}

/// Reads every `(key, value)` pair of storage that belongs to this app (others are ignored).
///
/// Damaged records are reported and listed in [`Loaded::set_aside`]; the valid VMs load.
/// Metadata of a format this version can't read (see [`check_meta`]) stops everything: no
/// record is read (this version can't know what they mean) and [`Loaded::unknown_format`]
/// says so; the caller must then write nothing until the user chooses.
pub fn load<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Loaded {
    let mut loaded = Loaded {
        first_visit: true,
        host: DEFAULT_HOST,
        ..Loaded::default()
    };
    let mut version = FORMAT_VERSION;
    let mut host_record = None;
    let mut records = Vec::new();
    let problem = |loaded: &mut Loaded, key: &str, reason: LoadReason| {
        loaded.problems.push(LoadProblem {
            key: key.to_owned(),
            reason,
        });
        loaded.set_aside.push(key.to_owned());
    };
    for (key, value) in entries {
        if key.starts_with(BACKUP_KEY_PREFIX) {
            loaded.backups.push(key.to_owned());
        } else if key == META_KEY {
            loaded.first_visit = false;
            match check_meta(value) {
                Ok(found) => version = found,
                Err(unknown) => loaded.unknown_format = Some(unknown),
            }
        } else if key.starts_with(VM_KEY_PREFIX) {
            records.push((key, value));
        } else if key == HOST_KEY {
            host_record = Some((key, value));
        }
    }
    crate::ordering::sort_by_text(&mut loaded.backups, String::as_str);
    if loaded.unknown_format.is_some() {
        return loaded;
    }
    if version == 1 {
        migrate_v1(&mut loaded);
    } else if let Some((key, value)) = host_record {
        match decode_host(value) {
            Ok(host) => loaded.host = host,
            Err(reason) => problem(&mut loaded, key, reason),
        }
    }
    if version == 2 {
        migrate_v2(&mut loaded);
    }
    let mut vms = Vec::new();
    for (key, value) in records {
        match decode_record(vm_name(key).unwrap_or(key), value) {
            Ok(info) => vms.push(info),
            Err(reason) => problem(&mut loaded, key, reason),
        }
    }
    let (kept, rejected) = SavedState { vms }.partition();
    for rejected in rejected {
        problem(
            &mut loaded,
            &vm_key(&rejected.name),
            LoadReason::Refused(rejected.error),
        );
    }
    crate::ordering::sort_by_text(&mut loaded.problems, |problem| &problem.key);
    crate::ordering::sort_by_text(&mut loaded.set_aside, String::as_str);
    loaded.vms = kept;
    loaded
}

/// The host stored under [`HOST_KEY`], checked like any host, or why it can't be used: at
/// start-up, and when another tab changes it.
pub fn decode_host(value: &str) -> Result<Host, LoadReason> {
    serde_json::from_str::<Host>(value)
        .map_err(|error| LoadReason::UnreadableHost(error.to_string()))
        .and_then(|host| host.validated().map_err(LoadReason::Refused))
}

/// Parses the record stored under `name`'s key (not yet checked against the rules), or says
/// why it can't be.
fn decode_record(name: &str, value: &str) -> Result<VmInfo, LoadReason> {
    if value.len() > MAX_RECORD_BYTES {
        return Err(LoadReason::TooLarge(value.len()));
    }
    let info: VmInfo = serde_json::from_str(value)
        .map_err(|error| LoadReason::UnreadableRecord(error.to_string()))?;
    if info.config.name != name {
        return Err(LoadReason::OtherVm(info.config.name));
    }
    // The manager keeps names in NFC, so this record was not written by this version. Loading
    // it under its NFC name would leave the record under its old key, found again on the
    // next load as a second copy: it is set aside (kept in a backup) instead.
    if !is_nfc(name) {
        return Err(LoadReason::Refused(VmError::InvalidConfig {
            field: ConfigField::Name,
            problem: ConfigProblem::NotNfc,
        }));
    }
    Ok(info)
}

/// Data that could not be loaded, kept under a [`BACKUP_KEY_PREFIX`] key and offered as a
/// download: the original keys and values, untouched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    /// When it was set aside (ms since the Unix epoch).
    pub created_at: u64,
    /// Why, in words.
    pub reasons: Vec<String>,
    /// The original keys and their values.
    pub entries: std::collections::BTreeMap<String, String>,
}

impl Backup {
    /// The first key a backup made at `at` is kept under; later ones of the same
    /// millisecond get [`Backup::numbered_key`]s.
    pub fn key(at: u64) -> String {
        format!("{BACKUP_KEY_PREFIX}{at}")
    }

    /// The `n`th key for a backup made at `at`: [`Backup::key`] for 0, then
    /// `vm-playground:backup:<at>-<n>`.
    pub fn numbered_key(at: u64, n: u64) -> String {
        if n == 0 {
            Backup::key(at)
        } else {
            format!("{BACKUP_KEY_PREFIX}{at}-{n}")
        }
    }

    /// The first key for a backup made at `at` that `taken` says is free: backups never
    /// share a key, even when several are made in one millisecond.
    pub fn unused_key(at: u64, taken: impl Fn(&str) -> bool) -> String {
        (0..)
            .map(|n| Backup::numbered_key(at, n))
            .find(|key| !taken(key))
            .expect("some number is free")
    }

    /// The JSON kept in storage and downloaded.
    pub fn encode(&self) -> String {
        serde_json::to_string_pretty(self).expect("a backup always serialises")
    }
}

/// `name`'s stored record, checked like at start-up (used for one key that changed in another
/// tab).
pub fn decode_vm(name: &str, value: &str) -> Result<VmInfo, LoadReason> {
    let info = decode_record(name, value)?;
    crate::manager::check_vm(info).map_err(LoadReason::Refused)
}

/// The name of the VM a key holds, if it is a VM record's key.
pub fn vm_name(key: &str) -> Option<&str> {
    key.strip_prefix(VM_KEY_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manager::{MockVmManager, VmConfig, VmManager, VmState};

    fn saved(manager: &MockVmManager) -> Vec<(String, String)> {
        let mut entries = vec![(META_KEY.to_owned(), Meta::current().encode())];
        for info in manager.saved_state().unwrap().vms {
            entries.push((vm_key(&info.config.name), encode_vm(&info)));
        }
        entries
    }

    fn load_owned(entries: &[(String, String)]) -> Loaded {
        load(entries.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    fn manager_with(names: &[&str]) -> MockVmManager {
        let manager = MockVmManager::new();
        for name in names {
            manager
                .create_vm(VmConfig {
                    name: (*name).into(),
                    ..Default::default()
                })
                .unwrap();
        }
        manager
    }

    #[test]
    fn what_is_saved_loads_back_equal() {
        let manager = manager_with(&["b", "a", "веб-1"]);
        manager.pause_vm("a").unwrap();
        manager.stop_vm("b").unwrap();
        let loaded = load_owned(&saved(&manager));
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(!loaded.first_visit);
        assert_eq!(SavedState::from(loaded.vms), manager.saved_state().unwrap());
    }

    #[test]
    fn empty_storage_is_a_first_visit() {
        let loaded = load([("other-app", "{}")]);
        assert!(loaded.first_visit);
        assert!(loaded.vms.is_empty());
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn metadata_without_vms_is_an_empty_list_not_a_first_visit() {
        let loaded = load([(META_KEY, r#"{"version":1}"#)]);
        assert!(!loaded.first_visit);
        assert!(loaded.vms.is_empty());
    }

    #[test]
    fn a_damaged_record_is_reported_and_the_rest_is_kept() {
        let manager = manager_with(&["good", "bad"]);
        let mut entries = saved(&manager);
        let bad_key = vm_key("bad");
        for (key, value) in &mut entries {
            if *key == bad_key {
                value.truncate(value.len() / 2);
            }
        }
        let loaded = load_owned(&entries);
        let names: Vec<_> = loaded
            .vms
            .iter()
            .map(|vm| vm.config.name.as_str())
            .collect();
        assert_eq!(names, ["good"]);
        assert_eq!(loaded.problems.len(), 1);
        assert_eq!(loaded.problems[0].key, bad_key);
        assert!(loaded.problems[0]
            .reason
            .to_string()
            .starts_with("unreadable record"));
    }

    #[test]
    fn a_record_that_fails_validation_is_reported() {
        let manager = manager_with(&["ok"]);
        let mut info = manager.get_vm_info("ok").unwrap();
        info.config.memory = 0;
        let loaded = load([
            (META_KEY, r#"{"version":1}"#),
            ("vm-playground:vm:ok", encode_vm(&info).as_str()),
        ]);
        assert!(loaded.vms.is_empty());
        assert_eq!(
            loaded.problems[0].reason.to_string(),
            "memory must be between 1 and 4194304 MB, got 0"
        );
    }

    #[test]
    fn a_record_under_another_name_is_reported() {
        let manager = manager_with(&["real"]);
        let record = encode_vm(&manager.get_vm_info("real").unwrap());
        let loaded = load([
            (META_KEY, r#"{"version":1}"#),
            ("vm-playground:vm:fake", &record),
        ]);
        assert!(loaded.vms.is_empty());
        assert_eq!(
            loaded.problems[0].reason.to_string(),
            "the record is of a VM named 'real'"
        );
    }

    #[test]
    fn a_future_format_is_reported() {
        let loaded = load([(META_KEY, r#"{"version":99}"#)]);
        assert_eq!(loaded.unknown_format.unwrap().found, r#"{"version":99}"#);
    }

    #[test]
    fn decode_vm_reads_one_record() {
        let manager = manager_with(&["one"]);
        manager.stop_vm("one").unwrap();
        let info = manager.get_vm_info("one").unwrap();
        let record = encode_vm(&info);
        let decoded = decode_vm("one", &record).unwrap();
        assert_eq!(decoded.state, VmState::Stopped);
        assert!(matches!(
            decode_vm("one", "nonsense"),
            Err(LoadReason::UnreadableRecord(_))
        ));
        assert_eq!(
            decode_vm("two", &record),
            Err(LoadReason::OtherVm("one".into()))
        );
    }
}
