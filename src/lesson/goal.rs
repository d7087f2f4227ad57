//! The goals' vocabulary: predicates on the VMs, the host and what happened.
//!
//! A goal's `check` is an object with one key, the predicate, holding its parameters:
//! `{"state": {"vm": "db-01", "is": "paused"}}`. Everything about a predicate is in this file:
//! its word in [`PREDICATES`], how it is read ([`Predicate::read`]) and how it is checked
//! ([`Predicate::holds`]). Adding one is a variant, a word, an arm in each of the two, and
//! what it reads added to [`World`].

use serde_json::Value;

use super::error::{JsonKind, LessonError, Vocabulary};
use super::journal::{lesson_op, Journal, LESSON_WORDS};
use super::read::{join, object, required, string, unknown, whole};
use crate::event_log::Op;
use crate::manager::{
    ConfigField, Host, Resource, Usage, VmConfig, VmInfo, VmState, KNOWN_NETWORKS,
};

/// Every predicate's word, in the order the README lists them.
pub const PREDICATES: [&str; 14] = [
    "state",
    "exists",
    "absent",
    "applied",
    "pending",
    "noPending",
    "networkStopped",
    "did",
    "stoppedGracefully",
    "noStateLost",
    "hostFree",
    "snapshotExists",
    "currentSnapshot",
    "cloneOf",
];

const STATES: [&str; 3] = ["running", "paused", "stopped"];
const RESOURCES: [&str; 3] = ["memory", "cpus", "storage"];

/// A config field's value, as a goal expects it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// Memory (MB), vCPUs, disk size (GB).
    Number(u64),
    /// Name, disk path, network; the ISO image (`None`: no ISO).
    Text(Option<String>),
}

impl FieldValue {
    /// `field`'s value in `config`.
    fn of(config: &VmConfig, field: ConfigField) -> FieldValue {
        match field {
            ConfigField::Memory => FieldValue::Number(config.memory),
            ConfigField::Vcpus => FieldValue::Number(u64::from(config.vcpus)),
            ConfigField::DiskSize => FieldValue::Number(config.disk_size),
            ConfigField::Name => FieldValue::Text(Some(config.name.clone())),
            ConfigField::DiskPath => FieldValue::Text(Some(config.disk_path.clone())),
            ConfigField::Network => FieldValue::Text(Some(config.network.clone())),
            ConfigField::IsoImage => FieldValue::Text(config.iso_image.clone()),
        }
    }

    /// Reads a value of `field`'s kind.
    fn read(value: &Value, field: ConfigField, path: &str) -> Result<FieldValue, LessonError> {
        let wrong = || LessonError::WrongType {
            path: path.to_owned(),
            expected: JsonKind::FieldValue,
        };
        match (field, value) {
            (ConfigField::Memory | ConfigField::Vcpus | ConfigField::DiskSize, _) => {
                value.as_u64().map(FieldValue::Number).ok_or_else(wrong)
            }
            (ConfigField::IsoImage, Value::Null) => Ok(FieldValue::Text(None)),
            (_, Value::String(text)) => Ok(FieldValue::Text(Some(text.clone()))),
            _ => Err(wrong()),
        }
    }
}

/// What the goals are checked against.
#[derive(Debug, Clone, Copy)]
pub struct World<'a> {
    /// Every VM now.
    pub vms: &'a [VmInfo],
    /// The host's sizes.
    pub host: Host,
    /// What happened since the lesson started.
    pub journal: &'a Journal,
}

impl World<'_> {
    fn vm(&self, name: &str) -> Option<&VmInfo> {
        self.vms.iter().find(|vm| vm.config.name == name)
    }
}

/// One goal's check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Predicate {
    /// `state {vm, is}`: the VM exists and is in that state.
    State {
        /// The VM.
        vm: String,
        /// The state.
        is: VmState,
    },
    /// `exists {vm}`.
    Exists {
        /// The VM.
        vm: String,
    },
    /// `absent {vm}`: no VM has that name.
    Absent {
        /// The VM.
        vm: String,
    },
    /// `applied {vm, field, value}`: the config the VM runs with has that value.
    Applied {
        /// The VM.
        vm: String,
        /// The field.
        field: ConfigField,
        /// The value.
        value: FieldValue,
    },
    /// `pending {vm, field, value}`: a pending change gives the field that value.
    Pending {
        /// The VM.
        vm: String,
        /// The field.
        field: ConfigField,
        /// The value.
        value: FieldValue,
    },
    /// `noPending {vm}`: the VM exists and has no pending change.
    NoPending {
        /// The VM.
        vm: String,
    },
    /// `networkStopped {network}`: every VM on the network is stopped (and there is one).
    NetworkStopped {
        /// The network.
        network: String,
    },
    /// `did {vm, op}`: the operation worked on the VM at least once.
    Did {
        /// The VM.
        vm: String,
        /// The operation.
        op: Op,
    },
    /// `stoppedGracefully {vm}`: the VM is stopped, was shut down, and was never destroyed.
    StoppedGracefully {
        /// The VM.
        vm: String,
    },
    /// `noStateLost {}`: no running or paused VM was forced off, deleted or reverted.
    NoStateLost,
    /// `hostFree {resource, atLeast}`: that much of the host is free (vCPUs for `cpus`).
    HostFree {
        /// The resource.
        resource: Resource,
        /// How much must be free.
        at_least: u64,
    },
    /// `snapshotExists {vm, name}`: the VM has a snapshot of that name.
    SnapshotExists {
        /// The VM.
        vm: String,
        /// The snapshot.
        name: String,
    },
    /// `currentSnapshot {vm, name}`: that snapshot is the VM's current one (the last taken or
    /// reverted to).
    CurrentSnapshot {
        /// The VM.
        vm: String,
        /// The snapshot.
        name: String,
    },
    /// `cloneOf {vm, original}`: the VM exists and was made by cloning the original during
    /// the lesson (the journal saw it: a VM created with the same config is no clone, and a
    /// clone whose config was changed since still is one).
    CloneOf {
        /// The clone.
        vm: String,
        /// The VM it was cloned from.
        original: String,
    },
}

impl Predicate {
    /// Reads a goal's `check` at `path`.
    pub fn read(value: &Value, path: &str) -> Result<Predicate, LessonError> {
        // Its one key is the predicate: a word not among them is an unknown predicate.
        let check = object(value, path, &PREDICATES).map_err(|error| match error {
            LessonError::Unknown {
                path,
                found,
                suggestion,
                ..
            } => LessonError::Unknown {
                path,
                what: Vocabulary::Predicate,
                found,
                suggestion,
            },
            LessonError::WrongType { path, .. } => LessonError::WrongType {
                path,
                expected: JsonKind::Check,
            },
            error => error,
        })?;
        let mut entries = check.iter();
        let (Some((word, params)), None) = (entries.next(), entries.next()) else {
            return Err(LessonError::WrongType {
                path: path.to_owned(),
                expected: JsonKind::Check,
            });
        };
        let path = join(path, word);
        let keys: &[&'static str] = match word.as_str() {
            "state" => &["vm", "is"],
            "applied" | "pending" => &["vm", "field", "value"],
            "networkStopped" => &["network"],
            "did" => &["vm", "op"],
            "noStateLost" => &[],
            "hostFree" => &["resource", "atLeast"],
            "snapshotExists" | "currentSnapshot" => &["vm", "name"],
            "cloneOf" => &["vm", "original"],
            _ => &["vm"],
        };
        let params = object(params, &path, keys)?;
        let get = |key: &str| required(params, &path, key);
        let text = |key: &str| string(get(key)?, &join(&path, key));
        let vm = || text("vm");
        let field = || {
            let found = text("field")?;
            let words = ConfigField::ALL.map(ConfigField::json_name);
            ConfigField::ALL
                .into_iter()
                .find(|field| field.json_name() == found)
                .ok_or_else(|| unknown(&join(&path, "field"), Vocabulary::Field, &found, &words))
        };
        let value = |field| FieldValue::read(get("value")?, field, &join(&path, "value"));
        Ok(match word.as_str() {
            "state" => {
                let found = text("is")?;
                let is = VmState::parse(&found).ok_or_else(|| {
                    unknown(&join(&path, "is"), Vocabulary::State, &found, &STATES)
                })?;
                Predicate::State { vm: vm()?, is }
            }
            "exists" => Predicate::Exists { vm: vm()? },
            "absent" => Predicate::Absent { vm: vm()? },
            "applied" => {
                let field = field()?;
                Predicate::Applied {
                    vm: vm()?,
                    field,
                    value: value(field)?,
                }
            }
            "pending" => {
                let field = field()?;
                Predicate::Pending {
                    vm: vm()?,
                    field,
                    value: value(field)?,
                }
            }
            "noPending" => Predicate::NoPending { vm: vm()? },
            "networkStopped" => {
                let network = text("network")?;
                if !KNOWN_NETWORKS.contains(&network.as_str()) {
                    let at = join(&path, "network");
                    return Err(unknown(&at, Vocabulary::Network, &network, &KNOWN_NETWORKS));
                }
                Predicate::NetworkStopped { network }
            }
            "did" => {
                let found = text("op")?;
                let op = lesson_op(&found).ok_or_else(|| {
                    unknown(
                        &join(&path, "op"),
                        Vocabulary::Operation,
                        &found,
                        &LESSON_WORDS.map(|(word, _)| word),
                    )
                })?;
                Predicate::Did { vm: vm()?, op }
            }
            "stoppedGracefully" => Predicate::StoppedGracefully { vm: vm()? },
            "noStateLost" => Predicate::NoStateLost,
            "hostFree" => {
                let found = text("resource")?;
                let resource = [Resource::Memory, Resource::Cpus, Resource::Storage]
                    .into_iter()
                    .find(|resource| resource.json_name() == found)
                    .ok_or_else(|| {
                        let at = join(&path, "resource");
                        unknown(&at, Vocabulary::Resource, &found, &RESOURCES)
                    })?;
                let at_least = whole(get("atLeast")?, &join(&path, "atLeast"))?;
                Predicate::HostFree { resource, at_least }
            }
            "snapshotExists" => Predicate::SnapshotExists {
                vm: vm()?,
                name: text("name")?,
            },
            "currentSnapshot" => Predicate::CurrentSnapshot {
                vm: vm()?,
                name: text("name")?,
            },
            "cloneOf" => Predicate::CloneOf {
                vm: vm()?,
                original: text("original")?,
            },
            // `object` let only the predicates' words through.
            _ => unreachable!("a predicate word without a reading"),
        })
    }

    /// The VMs the predicate names (none, one, or a clone and its original).
    pub fn vms(&self) -> Vec<&str> {
        match self {
            Predicate::State { vm, .. }
            | Predicate::Exists { vm }
            | Predicate::Absent { vm }
            | Predicate::Applied { vm, .. }
            | Predicate::Pending { vm, .. }
            | Predicate::NoPending { vm }
            | Predicate::Did { vm, .. }
            | Predicate::StoppedGracefully { vm }
            | Predicate::SnapshotExists { vm, .. }
            | Predicate::CurrentSnapshot { vm, .. } => vec![vm],
            Predicate::CloneOf { vm, original } => vec![vm, original],
            Predicate::NetworkStopped { .. }
            | Predicate::NoStateLost
            | Predicate::HostFree { .. } => Vec::new(),
        }
    }

    /// The VM and snapshot the predicate names, if it names one.
    pub fn snapshot(&self) -> Option<(&str, &str)> {
        match self {
            Predicate::SnapshotExists { vm, name } | Predicate::CurrentSnapshot { vm, name } => {
                Some((vm, name))
            }
            _ => None,
        }
    }

    /// Whether the predicate holds in `world`.
    pub fn holds(&self, world: &World<'_>) -> bool {
        match self {
            Predicate::State { vm, is } => world.vm(vm).is_some_and(|info| info.state == *is),
            Predicate::Exists { vm } => world.vm(vm).is_some(),
            Predicate::Absent { vm } => world.vm(vm).is_none(),
            Predicate::Applied { vm, field, value } => world
                .vm(vm)
                .is_some_and(|info| FieldValue::of(&info.config, *field) == *value),
            Predicate::Pending { vm, field, value } => world.vm(vm).is_some_and(|info| {
                info.pending
                    .as_ref()
                    .is_some_and(|pending| FieldValue::of(pending, *field) == *value)
            }),
            Predicate::NoPending { vm } => world.vm(vm).is_some_and(|info| info.pending.is_none()),
            Predicate::NetworkStopped { network } => {
                let mut on_it = world
                    .vms
                    .iter()
                    .filter(|info| info.config.network == *network)
                    .peekable();
                on_it.peek().is_some() && on_it.all(|info| info.state == VmState::Stopped)
            }
            Predicate::Did { vm, op } => world.journal.did(vm, *op),
            Predicate::StoppedGracefully { vm } => {
                world
                    .vm(vm)
                    .is_some_and(|info| info.state == VmState::Stopped)
                    && world.journal.did(vm, Op::Stop)
                    && !world.journal.did(vm, Op::Destroy)
            }
            Predicate::NoStateLost => !world.journal.lost_state(),
            Predicate::HostFree { resource, at_least } => {
                let held = Usage::of(world.vms).get(*resource);
                world
                    .host
                    .total(*resource)
                    .is_none_or(|total| total.saturating_sub(held) >= *at_least)
            }
            Predicate::SnapshotExists { vm, name } => world
                .vm(vm)
                .is_some_and(|info| info.snapshot(name).is_some()),
            Predicate::CurrentSnapshot { vm, name } => world.vm(vm).is_some_and(|info| {
                info.current_snapshot.as_ref().is_some_and(|current| {
                    info.snapshot(name)
                        .is_some_and(|taken| taken.name == *current)
                })
            }),
            Predicate::CloneOf { vm, original } => {
                world.vm(vm).is_some() && world.journal.cloned(vm, original)
            }
        }
    }
}
