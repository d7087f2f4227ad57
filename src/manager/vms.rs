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
    /// What the VMs hold together, kept with wrapping arithmetic so that taking a VM away
    /// undoes adding it exactly. The limits keep the true sums far below 2^64 (it would take
    /// 2^42 VMs of the largest size), so they are the sums [`Usage::of`] gives.
    held: Usage,
}

/// `sum` with `vm`'s share added (`sign` 1) or taken away (`sign` −1, as a wrapping
/// multiplier).
fn with(sum: Usage, vm: &VmInfo, sign: u64) -> Usage {
    let held = Usage::held_by(vm);
    Usage {
        memory: sum.memory.wrapping_add(held.memory.wrapping_mul(sign)),
        vcpus: sum.vcpus.wrapping_add(held.vcpus.wrapping_mul(sign)),
        storage: sum.storage.wrapping_add(held.storage.wrapping_mul(sign)),
    }
}

const ADD: u64 = 1;
const TAKE_AWAY: u64 = u64::MAX;

impl Vms {
    /// What every VM holds together.
    pub(super) fn usage(&self) -> Usage {
        self.held
    }

    /// What every VM but `name` holds together.
    pub(super) fn usage_except(&self, name: &str) -> Usage {
        match self.map.get(name) {
            Some(vm) => with(self.held, vm, TAKE_AWAY),
            None => self.held,
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
        self.held = with(self.held, &vm, ADD);
        let replaced = self.map.insert(name, vm);
        if let Some(replaced) = &replaced {
            self.held = with(self.held, replaced, TAKE_AWAY);
        }
        replaced
    }

    pub(super) fn remove(&mut self, name: &str) -> Option<VmInfo> {
        let removed = self.map.remove(name);
        if let Some(removed) = &removed {
            self.held = with(self.held, removed, TAKE_AWAY);
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
        let held = with(self.held, vm, TAKE_AWAY);
        let result = change(vm);
        self.held = with(held, vm, ADD);
        Some(result)
    }

    pub(super) fn clear(&mut self) {
        *self = Vms::default();
    }
}

impl From<BTreeMap<String, VmInfo>> for Vms {
    fn from(map: BTreeMap<String, VmInfo>) -> Self {
        let held = map
            .values()
            .fold(Usage::default(), |sum, vm| with(sum, vm, ADD));
        Vms { map, held }
    }
}
