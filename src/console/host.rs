//! [`Host`]: the core plus what the page keeps beside it for the console (Ids, facts), for
//! native tests and anything else that runs the console without the browser.

use std::cell::RefCell;

use super::facts::{DomainFacts, Facts};
use super::ids::DomainIds;
use super::ConsoleBackend;
use crate::manager::{
    ConfigUpdate, MockVmManager, NewSnapshot, Snapshot, SnapshotDeletion, Timestamp, Transition,
    VmConfig, VmError, VmInfo, VmManager, VmState,
};

/// A [`MockVmManager`] with the console's Ids and [`Facts`] kept from one command to the next,
/// as the page's app keeps them: a VM keeps its Id while it is active (a reboot included),
/// and `setmem --live`, `setmaxmem` and `domstate --reason` have somewhere to keep what they
/// know.
///
/// ```
/// use vm_playground::console::{run, Host};
/// let host = Host::default();
/// run("create web-01 --memory 2048", &host);
/// run("setmem web-01 1G --live", &host);
/// let info = run("dominfo web-01", &host).lines;
/// assert!(info.contains(&"Used memory:    1048576 KiB".to_string()));
/// assert_eq!(run("domstate web-01 --reason", &host).lines, ["running (booted)"]);
/// ```
#[derive(Debug, Default)]
pub struct Host {
    manager: MockVmManager,
    ids: RefCell<DomainIds>,
    facts: RefCell<DomainFacts>,
}

impl Host {
    /// A host for the VMs of `manager`; the active ones are numbered in name order.
    pub fn new(manager: MockVmManager) -> Host {
        let infos = manager.list_vm_infos().unwrap_or_default();
        Host {
            manager,
            ids: RefCell::new(DomainIds::numbered(&infos)),
            facts: RefCell::new(DomainFacts::default()),
        }
    }

    /// The manager.
    pub fn manager(&self) -> &MockVmManager {
        &self.manager
    }

    /// Takes in `name` as the manager has it now (after a change).
    fn show(&self, name: &str) {
        match self.manager.get_vm_info(name) {
            Ok(info) => {
                self.ids.borrow_mut().saw(&info);
                self.facts.borrow_mut().saw(&info);
            }
            Err(_) => {
                self.ids.borrow_mut().forget(name);
                self.facts.borrow_mut().forget(name);
            }
        }
    }
}

impl ConsoleBackend for Host {
    fn create(&self, config: VmConfig, start: bool) -> Result<(), VmError> {
        let name = config.name.clone();
        self.manager.create(config, start)?;
        self.show(&name);
        Ok(())
    }

    fn transition(&self, name: &str, transition: Transition) -> Result<VmState, VmError> {
        let state = self.manager.apply(name, transition)?;
        self.show(name);
        Ok(state)
    }

    fn delete(&self, name: &str, with_snapshots: bool) -> Result<(), VmError> {
        self.manager.delete_vm_with(name, with_snapshots)?;
        self.show(name);
        Ok(())
    }

    fn create_snapshot(&self, request: NewSnapshot<'_>) -> Result<Snapshot, VmError> {
        self.manager.create_snapshot(request)
    }

    fn revert_snapshot(&self, vm: &str, name: &str) -> Result<VmState, VmError> {
        let state = self.manager.revert_to_snapshot(vm, name)?;
        self.show(vm);
        Ok(state)
    }

    fn delete_snapshot(&self, request: SnapshotDeletion<'_>) -> Result<Vec<String>, VmError> {
        self.manager.delete_snapshot(request)
    }

    fn clone_vm(&self, source: &str, new_name: &str) -> Result<VmInfo, VmError> {
        let clone = self.manager.clone_vm(source, new_name)?;
        self.show(&clone.config.name);
        Ok(clone)
    }

    fn update(&self, name: &str, config: VmConfig) -> Result<ConfigUpdate, VmError> {
        let new_name = config.name.clone();
        let outcome = self.manager.update_vm_config(name, config)?;
        if new_name != name {
            self.facts.borrow_mut().rename(name, &new_name);
            self.show(name);
        }
        self.show(&new_name);
        Ok(outcome)
    }

    fn info(&self, name: &str) -> Result<VmInfo, VmError> {
        self.manager.get_vm_info(name)
    }

    fn infos(&self) -> Result<Vec<VmInfo>, VmError> {
        self.manager.list_vm_infos()
    }

    fn names(&self) -> Vec<String> {
        self.manager.list_vms().unwrap_or_default()
    }

    fn domain_ids(&self, infos: &[VmInfo]) -> DomainIds {
        let mut ids = self.ids.borrow_mut();
        ids.sync(infos);
        ids.clone()
    }

    fn reboot(&self, name: &str) -> Result<VmState, VmError> {
        let id = self.ids.borrow().get(name);
        self.transition(name, Transition::Stop)?;
        let state = self.transition(name, Transition::Start)?;
        if let Some(id) = id {
            self.ids.borrow_mut().keep(name, id);
        }
        Ok(state)
    }

    fn now(&self) -> Timestamp {
        self.manager.now()
    }

    fn host_info(&self) -> Result<crate::manager::HostInfo, VmError> {
        self.manager.host_info()
    }

    fn facts(&self, name: &str) -> Facts {
        self.facts.borrow().get(name)
    }

    fn keeps_facts(&self) -> bool {
        true
    }

    fn set_facts(&self, name: &str, facts: Facts) {
        self.facts.borrow_mut().set(name, facts);
    }
}
