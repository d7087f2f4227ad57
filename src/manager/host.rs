//! The host the VMs run on: finite memory, physical CPUs and a storage pool, and the admission
//! rules that share them out.
//!
//! A running or paused VM holds its memory and vCPUs; a stopped one holds none. Every defined
//! VM holds its disk in the pool. Admission applies to new starts and new disks only: data that
//! is already over capacity (old storage, an import) loads as it is.
//!
//! There is one host today ([`LOCAL_HOST`]): every VM is placed on it. A cluster would keep a
//! [`Host`] per [`HostId`] and a VM's placement; [`Usage::of`] already sums any set of VMs, so
//! admission per host needs no reshaping.

use serde::{Deserialize, Serialize};

use super::limits::{HOST_CPUS, HOST_MEMORY_MB, HOST_STORAGE_GB};
use super::mock::VmInfo;
use super::VmError;

/// Names a host. One host now; a cluster would place each VM on one of several.
pub type HostId = u32;
/// The one host of today's manager.
pub const LOCAL_HOST: HostId = 0;

/// A resource a host has a finite amount of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Resource {
    /// Memory, in MB.
    Memory,
    /// Physical CPUs (vCPUs are shared out on them and may be overcommitted).
    Cpus,
    /// The storage pool, in GB.
    Storage,
}

impl Resource {
    /// The name programs see (JS `resource`, `data-*`): "memory", "cpus", "storage".
    pub fn json_name(self) -> &'static str {
        match self {
            Resource::Memory => "memory",
            Resource::Cpus => "cpus",
            Resource::Storage => "storage",
        }
    }

    /// The unit its amounts are counted in: "MB", "CPUs", "GB".
    pub fn unit(self) -> &'static str {
        match self {
            Resource::Memory => "MB",
            Resource::Cpus => "CPUs",
            Resource::Storage => "GB",
        }
    }
}

/// A host's sizes. `None` is unlimited, as the seed's mock is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Host {
    /// Memory, in MB.
    #[serde(default)]
    pub memory: Option<u64>,
    /// Physical CPUs.
    #[serde(default)]
    pub cpus: Option<u32>,
    /// The storage pool, in GB.
    #[serde(default)]
    pub storage: Option<u64>,
    /// Whether a start may take more memory than is free.
    #[serde(default)]
    pub overcommit: bool,
}

impl Host {
    /// No limits at all: the seed's mock.
    pub const UNLIMITED: Host = Host {
        memory: None,
        cpus: None,
        storage: None,
        overcommit: false,
    };
    /// A laptop: 16 GB, 8 CPUs, a 500 GB disk. The page's default: the demo fits, and a
    /// student who starts a few more 4 GB VMs meets the limit.
    pub const LAPTOP: Host = Host {
        memory: Some(16_384),
        cpus: Some(8),
        storage: Some(500),
        overcommit: false,
    };
    /// A server: 256 GB, 64 CPUs, 8 TB of storage.
    pub const SERVER: Host = Host {
        memory: Some(262_144),
        cpus: Some(64),
        storage: Some(8_192),
        overcommit: false,
    };

    /// The size of `resource`, `None` for unlimited.
    pub fn total(&self, resource: Resource) -> Option<u64> {
        match resource {
            Resource::Memory => self.memory,
            Resource::Cpus => self.cpus.map(u64::from),
            Resource::Storage => self.storage,
        }
    }

    /// The host itself if every size is within the limits of the one table, else why not.
    pub fn validated(self) -> Result<Host, VmError> {
        let check = |resource: Resource, value: Option<u64>, min: u64, max: u64| match value {
            Some(got) if got < min || got > max => Err(VmError::InvalidHost {
                resource,
                min,
                max,
                got,
            }),
            _ => Ok(()),
        };
        check(
            Resource::Memory,
            self.memory,
            *HOST_MEMORY_MB.start(),
            *HOST_MEMORY_MB.end(),
        )?;
        check(
            Resource::Cpus,
            self.cpus.map(u64::from),
            u64::from(*HOST_CPUS.start()),
            u64::from(*HOST_CPUS.end()),
        )?;
        check(
            Resource::Storage,
            self.storage,
            *HOST_STORAGE_GB.start(),
            *HOST_STORAGE_GB.end(),
        )?;
        Ok(self)
    }
}

/// What a set of VMs holds of a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    /// Memory of the running and paused VMs, in MB.
    pub memory: u64,
    /// vCPUs of the running and paused VMs.
    pub vcpus: u64,
    /// Disk sizes of every VM, in GB.
    pub storage: u64,
}

impl Usage {
    /// What `vms` hold together.
    pub fn of<'a>(vms: impl IntoIterator<Item = &'a VmInfo>) -> Usage {
        vms.into_iter().fold(Usage::default(), |usage, vm| {
            usage.plus(&Usage::held_by(vm))
        })
    }

    /// What one VM holds: memory and vCPUs while active, its disk always.
    pub fn held_by(vm: &VmInfo) -> Usage {
        let active = vm.state.is_active();
        Usage {
            memory: if active { vm.config.memory } else { 0 },
            vcpus: if active {
                u64::from(vm.config.vcpus)
            } else {
                0
            },
            storage: vm.config.disk_size,
        }
    }

    pub(crate) fn plus(&self, other: &Usage) -> Usage {
        Usage {
            memory: self.memory.saturating_add(other.memory),
            vcpus: self.vcpus.saturating_add(other.vcpus),
            storage: self.storage.saturating_add(other.storage),
        }
    }

    /// The amount of `resource` held (vCPUs for [`Resource::Cpus`]).
    pub fn get(&self, resource: Resource) -> u64 {
        match resource {
            Resource::Memory => self.memory,
            Resource::Cpus => self.vcpus,
            Resource::Storage => self.storage,
        }
    }
}

/// A host and what its VMs hold of it: what the page's gauges and `getHostInfo()` show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostInfo {
    /// Which host.
    pub id: HostId,
    /// Its sizes.
    pub host: Host,
    /// What its VMs hold.
    pub usage: Usage,
}

impl HostInfo {
    /// The resources held beyond the host's size: memory (only possible with overcommit or
    /// loaded data) and storage. vCPUs beyond the CPUs are ordinary overcommit, not listed.
    pub fn over_capacity(&self) -> Vec<Resource> {
        [Resource::Memory, Resource::Storage]
            .into_iter()
            .filter(|&resource| {
                self.host
                    .total(resource)
                    .is_some_and(|total| self.usage.get(resource) > total)
            })
            .collect()
    }

    /// vCPUs per physical CPU, `None` on an unlimited host: above 1.0 is overcommitted.
    pub fn vcpu_ratio(&self) -> Option<f64> {
        let cpus = self.host.cpus?;
        Some(self.usage.vcpus as f64 / f64::from(cpus))
    }
}

/// Refuses to take `needed` of `resource` when `in_use` is held already, unless it fits in
/// the host (or `overcommit` lets memory go beyond it).
pub(crate) fn admit(
    host: &Host,
    resource: Resource,
    in_use: u64,
    needed: u64,
    name: &str,
) -> Result<(), VmError> {
    let Some(total) = host.total(resource) else {
        return Ok(());
    };
    if resource == Resource::Memory && host.overcommit {
        return Ok(());
    }
    let free = total.saturating_sub(in_use);
    if needed <= free {
        return Ok(());
    }
    Err(VmError::InsufficientResources {
        name: name.to_owned(),
        resource,
        needed,
        free,
        total,
    })
}

/// Refuses to shrink a host below what its VMs hold now (memory of the running VMs unless it
/// may be overcommitted, storage of every VM; turning overcommit off counts as shrinking the
/// memory). A size that is not shrunk is never refused, so a host loaded over capacity can
/// still be edited.
pub(crate) fn check_shrink(old: &Host, new: &Host, usage: &Usage) -> Result<(), VmError> {
    for resource in [Resource::Memory, Resource::Storage] {
        if resource == Resource::Memory && new.overcommit {
            continue;
        }
        if let Some(requested) = new.total(resource) {
            let held = usage.get(resource);
            // Turning overcommit off shrinks the memory VMs may hold to the host's own.
            let overcommit_off = resource == Resource::Memory && old.overcommit;
            let shrunk = overcommit_off || old.total(resource).is_none_or(|old| requested < old);
            if held > requested && shrunk {
                return Err(VmError::HostTooSmall {
                    resource,
                    held,
                    requested,
                });
            }
        }
    }
    Ok(())
}
