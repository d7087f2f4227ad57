//! What the console knows about a domain beyond the core's config: its maximum memory and
//! vCPUs, what `--live` changed in the running domain, and why it is in its state.
//!
//! The core's config has one memory figure and one vCPU count: the memory and vCPUs the VM
//! boots with (libvirt's `<currentMemory>` and `<vcpu>`), what the GUI shows in MB. libvirt
//! also has a maximum of each, and a running domain that differs from its config until it
//! stops. The console keeps those here, beside the Ids ([`DomainIds`](super::DomainIds)),
//! not in the core or in storage: a maximum that was never raised equals the config's
//! figure, and live changes end when the domain stops anyway.

use std::collections::BTreeMap;

use crate::manager::{VmInfo, VmState};

/// Why a domain is in its state, in libvirt's words (`domstate --reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Running: it was started (or rebooted).
    Booted,
    /// Running: it was resumed.
    Unpaused,
    /// Paused: someone paused it.
    User,
    /// Shut off: it was shut down.
    Shutdown,
    /// Shut off: it was forced off.
    Destroyed,
    /// Any state: a snapshot was reverted to.
    FromSnapshot,
}

impl Reason {
    /// libvirt's word: "booted", "from snapshot".
    pub fn word(self) -> &'static str {
        super::format::reason_in(self, &crate::i18n::CONSOLE_EN)
    }
}

/// One domain's facts. The default (nothing known) is what a VM the console never changed
/// has: maxima equal to its config, nothing live, reason unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Maximum memory in KiB (`setmaxmem`), if it was set; it counts only while above the
    /// config's memory.
    pub max_memory: Option<u64>,
    /// Maximum vCPUs (`setvcpus --maximum`), if set; counts only while above the config's.
    pub max_vcpus: Option<u32>,
    /// The running domain's memory in KiB after `setmem --live`, until it stops.
    pub live_memory: Option<u64>,
    /// The running domain's vCPUs after `setvcpus --live`, until it stops.
    pub live_vcpus: Option<u32>,
    /// The state the reason is for, and the reason.
    pub reason: Option<(VmState, Reason)>,
}

impl Facts {
    /// The reason for `state`, if the console knows it.
    pub fn reason_for(&self, state: VmState) -> Option<Reason> {
        self.reason
            .filter(|(known, _)| *known == state)
            .map(|(_, reason)| reason)
    }
}

/// Every domain's [`Facts`], by name; domains with none take no room.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainFacts {
    facts: BTreeMap<String, Facts>,
}

impl DomainFacts {
    /// The facts of `name` (the default if none are kept).
    pub fn get(&self, name: &str) -> Facts {
        self.facts.get(name).cloned().unwrap_or_default()
    }

    /// Keeps `facts` for `name`.
    pub fn set(&mut self, name: &str, facts: Facts) {
        if facts == Facts::default() {
            self.facts.remove(name);
        } else {
            self.facts.insert(name.to_owned(), facts);
        }
    }

    /// Takes in a VM as it is now: a stopped VM has no live changes, and a reason for another
    /// state is no longer true.
    pub fn saw(&mut self, info: &VmInfo) {
        let name = &info.config.name;
        let mut facts = self.get(name);
        if !info.state.is_active() {
            facts.live_memory = None;
            facts.live_vcpus = None;
        }
        if facts.reason_for(info.state).is_none() {
            facts.reason = None;
        }
        self.set(name, facts);
    }

    /// Brings the facts in line with `infos`, every VM there is (after a reload, an import or
    /// another tab's changes): facts of VMs that are gone are dropped, the others taken in.
    pub fn sync(&mut self, infos: &[VmInfo]) {
        let mut kept = DomainFacts::default();
        for info in infos {
            if let Some(facts) = self.facts.remove(&info.config.name) {
                kept.set(&info.config.name, facts);
                kept.saw(info);
            }
        }
        *self = kept;
    }

    /// Forgets a VM that no longer exists.
    pub fn forget(&mut self, name: &str) {
        self.facts.remove(name);
    }

    /// Moves a renamed VM's facts to its new name.
    pub fn rename(&mut self, old: &str, new: &str) {
        if let Some(facts) = self.facts.remove(old) {
            self.facts.insert(new.to_owned(), facts);
        }
    }
}
