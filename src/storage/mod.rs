//! The persisted format: how the manager's VMs are laid out in localStorage, and how they are
//! read back. Pure Rust (keys and strings in, snapshot out), so every format and every kind of
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
//! Every key starts with `vm-playground` because GitHub Pages serves every project of a user
//! from one origin, which shares one localStorage.

use serde::{Deserialize, Serialize};

use crate::manager::{Snapshot, VmError, VmInfo};

/// The prefix of every key this app writes.
pub const KEY_PREFIX: &str = "vm-playground";
/// The key of the format's metadata; its absence means a first visit.
pub const META_KEY: &str = "vm-playground:meta";
/// The prefix of the per-VM keys.
pub const VM_KEY_PREFIX: &str = "vm-playground:vm:";
/// The format this code writes.
pub const FORMAT_VERSION: u32 = 1;

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

/// What was found in storage: the VMs that load, and what could not be used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The VMs, valid and sorted by name.
    pub snapshot: Snapshot,
    /// No metadata: nothing was ever saved here (the app shows its demo).
    pub first_visit: bool,
    /// Keys whose value could not be used, with the reason, for the user to see. They are
    /// left in storage untouched.
    pub problems: Vec<LoadProblem>,
}

/// A stored value that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// The storage key.
    pub key: String,
    /// Why it was not used, in words.
    pub reason: String,
}

/// Reads every `(key, value)` pair of storage that belongs to this app (others are ignored).
pub fn load<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Loaded {
    let mut loaded = Loaded {
        first_visit: true,
        ..Loaded::default()
    };
    let mut vms = Vec::new();
    let mut keys = Vec::new();
    for (key, value) in entries {
        if key == META_KEY {
            loaded.first_visit = false;
            match serde_json::from_str::<Meta>(value) {
                Ok(meta) if meta.version == FORMAT_VERSION => {}
                Ok(meta) => loaded.problems.push(LoadProblem {
                    key: key.to_owned(),
                    reason: format!(
                        "saved by a newer version of VM Playground (format {}, this one reads {FORMAT_VERSION})",
                        meta.version
                    ),
                }),
                Err(error) => loaded.problems.push(LoadProblem {
                    key: key.to_owned(),
                    reason: format!("unreadable metadata: {error}"),
                }),
            }
        } else if let Some(name) = key.strip_prefix(VM_KEY_PREFIX) {
            match serde_json::from_str::<VmInfo>(value) {
                Ok(info) if info.config.name == name => {
                    vms.push(info);
                    keys.push(key.to_owned());
                }
                Ok(info) => loaded.problems.push(LoadProblem {
                    key: key.to_owned(),
                    reason: format!("the record is of a VM named '{}'", info.config.name),
                }),
                Err(error) => loaded.problems.push(LoadProblem {
                    key: key.to_owned(),
                    reason: format!("unreadable record: {error}"),
                }),
            }
        }
    }
    let (kept, rejected) = Snapshot { vms }.partition();
    for rejected in rejected {
        loaded.problems.push(LoadProblem {
            key: vm_key(&rejected.name),
            reason: rejected.error.to_string(),
        });
    }
    loaded.problems.sort_by(|a, b| a.key.cmp(&b.key));
    loaded.snapshot = Snapshot {
        vms: kept.into_values().collect(),
    };
    loaded
}

/// A VM's record, or why it can't be read (used for one key that changed in another tab).
pub fn decode_vm(key: &str, value: &str) -> Result<VmInfo, VmError> {
    let loaded = load([(META_KEY, Meta::current().encode().as_str()), (key, value)]);
    match (
        loaded.snapshot.vms.into_iter().next(),
        loaded.problems.into_iter().next(),
    ) {
        (Some(info), None) => Ok(info),
        (_, Some(problem)) => Err(VmError::InvalidSnapshot {
            reason: problem.reason,
        }),
        (None, None) => Err(VmError::InvalidSnapshot {
            reason: format!("'{key}' is not a VM record"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manager::{MockVmManager, VmConfig, VmManager, VmState};

    fn saved(manager: &MockVmManager) -> Vec<(String, String)> {
        let mut entries = vec![(META_KEY.to_owned(), Meta::current().encode())];
        for info in manager.snapshot().unwrap().vms {
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
        assert_eq!(loaded.snapshot, manager.snapshot().unwrap());
    }

    #[test]
    fn empty_storage_is_a_first_visit() {
        let loaded = load([("other-app", "{}")]);
        assert!(loaded.first_visit);
        assert!(loaded.snapshot.vms.is_empty());
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn metadata_without_vms_is_an_empty_list_not_a_first_visit() {
        let loaded = load([(META_KEY, r#"{"version":1}"#)]);
        assert!(!loaded.first_visit);
        assert!(loaded.snapshot.vms.is_empty());
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
            .snapshot
            .vms
            .iter()
            .map(|vm| vm.config.name.as_str())
            .collect();
        assert_eq!(names, ["good"]);
        assert_eq!(loaded.problems.len(), 1);
        assert_eq!(loaded.problems[0].key, bad_key);
        assert!(loaded.problems[0].reason.starts_with("unreadable record"));
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
        assert!(loaded.snapshot.vms.is_empty());
        assert_eq!(
            loaded.problems[0].reason,
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
        assert!(loaded.snapshot.vms.is_empty());
        assert_eq!(
            loaded.problems[0].reason,
            "the record is of a VM named 'real'"
        );
    }

    #[test]
    fn a_future_format_is_reported() {
        let loaded = load([(META_KEY, r#"{"version":99}"#)]);
        assert!(loaded.problems[0].reason.contains("newer version"));
    }

    #[test]
    fn decode_vm_reads_one_record() {
        let manager = manager_with(&["one"]);
        manager.stop_vm("one").unwrap();
        let info = manager.get_vm_info("one").unwrap();
        let decoded = decode_vm(&vm_key("one"), &encode_vm(&info)).unwrap();
        assert_eq!(decoded.state, VmState::Stopped);
        assert!(decode_vm(&vm_key("one"), "nonsense").is_err());
        assert!(decode_vm("vm-playground:other", "{}").is_err());
    }
}
