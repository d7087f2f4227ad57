//! The manager's VMs by name, with what they hold of the host kept up to date as they change.
//!
//! Admission (every create and start) and the host's gauges (every change the page shows)
//! need the sum of what every VM holds. Summing 10,000 VMs each time made a bulk create
//! quadratic: ~1.9 s of 10,000 `createVm` calls went to it (measured in Chromium's CPU
//! profile). Every change to a VM goes through this type, which adds and takes away what
//! the VM holds, so the sum is always the one [`Usage::of`] gives, at no cost.

use std::collections::BTreeMap;

use super::host::Usage;
use super::mock::VmInfo;

/// The VMs by name and the running sum of what they hold.
#[derive(Debug, Default)]
pub(super) struct Vms {
    map: BTreeMap<String, VmInfo>,
    /// Memory, vCPUs and storage held, exact (as wide as no count of VMs can overflow), so
    /// that taking a VM away undoes adding it; saturated to `u64` when read, as
    /// [`Usage::of`] saturates.
    held: [u128; 3],
}

fn held_by(vm: &VmInfo) -> [u128; 3] {
    let usage = Usage::held_by(vm);
    [usage.memory, usage.vcpus, usage.storage].map(u128::from)
}

impl Vms {
    /// What every VM holds together.
    pub(super) fn usage(&self) -> Usage {
        let [memory, vcpus, storage] = self.held.map(|sum| u64::try_from(sum).unwrap_or(u64::MAX));
        Usage {
            memory,
            vcpus,
            storage,
        }
    }

    /// What every VM but `name` holds together.
    pub(super) fn usage_except(&self, name: &str) -> Usage {
        let mut others = Vms {
            map: BTreeMap::new(),
            held: self.held,
        };
        if let Some(vm) = self.map.get(name) {
            others.take_away(vm);
        }
        others.usage()
    }

    fn add(&mut self, vm: &VmInfo) {
        for (sum, held) in self.held.iter_mut().zip(held_by(vm)) {
            *sum += held;
        }
    }

    fn take_away(&mut self, vm: &VmInfo) {
        for (sum, held) in self.held.iter_mut().zip(held_by(vm)) {
            *sum -= held;
        }
    }

    pub(super) fn get(&self, name: &str) -> Option<&VmInfo> {
        self.map.get(name)
    }

    pub(super) fn contains_key(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    pub(super) fn len(&self) -> usize {
        self.map.len()
    }

    pub(super) fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }

    pub(super) fn values(&self) -> impl Iterator<Item = &VmInfo> {
        self.map.values()
    }

    /// Puts `vm` in under `name`, returning the VM it replaces.
    pub(super) fn insert(&mut self, name: String, vm: VmInfo) -> Option<VmInfo> {
        self.add(&vm);
        let replaced = self.map.insert(name, vm);
        if let Some(replaced) = &replaced {
            self.take_away(replaced);
        }
        replaced
    }

    pub(super) fn remove(&mut self, name: &str) -> Option<VmInfo> {
        let removed = self.map.remove(name);
        if let Some(removed) = &removed {
            self.take_away(removed);
        }
        removed
    }

    /// Runs `change` on the VM called `name`, if there is one.
    pub(super) fn change<R>(
        &mut self,
        name: &str,
        change: impl FnOnce(&mut VmInfo) -> R,
    ) -> Option<R> {
        let vm = self.map.get_mut(name)?;
        let before = held_by(vm);
        let result = change(vm);
        let after = held_by(vm);
        for ((sum, before), after) in self.held.iter_mut().zip(before).zip(after) {
            *sum = *sum - before + after;
        }
        Some(result)
    }

    pub(super) fn clear(&mut self) {
        *self = Vms::default();
    }
}

impl From<BTreeMap<String, VmInfo>> for Vms {
    fn from(map: BTreeMap<String, VmInfo>) -> Self {
        let mut vms = Vms {
            map: BTreeMap::new(),
            held: [0; 3],
        };
        for vm in map.values() {
            vms.add(vm);
        }
        vms.map = map;
        vms
    }
}
