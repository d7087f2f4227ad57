//! The console's backend on the page: [`ConsoleBackend`] for [`App`], so a console command
//! (and a `vmPlayground` call) goes through the same `App` methods as a click: it updates the
//! rows, is saved, logged and undoable like one. The console's domain Ids and facts live in
//! the `App` beside the VMs, kept up to date in `App::show`.

use leptos::prelude::*;

use super::{now, App, StartMode};
use crate::console::{ConsoleBackend, DomainIds, Facts};
use crate::event_log::Op;
use crate::manager::{
    nfc, ConfigUpdate, HostInfo, NewSnapshot, Snapshot, SnapshotDeletion, Transition, VmConfig,
    VmError, VmInfo, VmManager, VmState,
};

/// The console runs on the app, so a command updates the GUI, is saved and logged like a
/// click (with the console as its source).
impl ConsoleBackend for App {
    fn create(&self, config: VmConfig, start: bool) -> Result<(), VmError> {
        let mode = if start {
            StartMode::Start
        } else {
            StartMode::Stopped
        };
        App::create(self, config, mode)
    }

    fn transition(&self, name: &str, transition: Transition) -> Result<VmState, VmError> {
        App::transition(self, name, transition)
    }

    fn delete(&self, name: &str, with_snapshots: bool) -> Result<(), VmError> {
        App::delete(self, name, with_snapshots)
    }

    fn create_snapshot(&self, request: NewSnapshot<'_>) -> Result<Snapshot, VmError> {
        App::create_snapshot(self, request)
    }

    fn revert_snapshot(&self, vm: &str, name: &str) -> Result<VmState, VmError> {
        App::revert_snapshot(self, vm, name)
    }

    fn delete_snapshot(&self, request: SnapshotDeletion<'_>) -> Result<Vec<String>, VmError> {
        App::delete_snapshot(self, request)
    }

    fn clone_vm(&self, source: &str, new_name: &str) -> Result<VmInfo, VmError> {
        App::clone_vm(self, source, new_name)
    }

    fn update(&self, name: &str, config: VmConfig) -> Result<ConfigUpdate, VmError> {
        App::update(self, name, config)
    }

    fn info(&self, name: &str) -> Result<VmInfo, VmError> {
        let name = &*nfc(name);
        self.take_in_stored(name);
        self.manager().get_vm_info(name)
    }

    fn infos(&self) -> Result<Vec<VmInfo>, VmError> {
        self.manager().list_vm_infos()
    }

    fn names(&self) -> Vec<String> {
        self.manager().list_vms().unwrap_or_default()
    }

    fn domain_ids(&self, infos: &[VmInfo]) -> DomainIds {
        self.domain_ids.update_value(|ids| ids.sync(infos));
        self.domain_ids.get_value()
    }

    /// `App::show` keeps the Ids as each VM changes: one VM's Id is one lookup.
    fn domain_id(&self, name: &str) -> Option<usize> {
        self.domain_ids.with_value(|ids| ids.get(name))
    }

    fn now(&self) -> u64 {
        now()
    }

    fn host_info(&self) -> Result<HostInfo, VmError> {
        self.manager().host_info()
    }

    fn sim_time(&self) -> u64 {
        self.sim_time.get_untracked()
    }

    fn facts(&self, name: &str) -> Facts {
        self.facts.with_value(|facts| facts.get(name))
    }

    fn keeps_facts(&self) -> bool {
        true
    }

    fn set_facts(&self, name: &str, facts: Facts) {
        self.facts.update_value(|kept| kept.set(name, facts));
    }

    fn step(
        &self,
        direction: crate::undo::Direction,
    ) -> Result<Option<crate::undo::Change>, VmError> {
        App::step(self, direction)
    }

    fn reboot(&self, name: &str) -> Result<VmState, VmError> {
        let name = &*nfc(name);
        let _undo = self.undoable(&[]);
        self.name_change(Op::Reboot, name);
        let id = self.domain_ids.with_value(|ids| ids.get(name));
        App::transition(self, name, Transition::Stop)?;
        let state = App::transition(self, name, Transition::Start)?;
        if let Some(id) = id {
            self.domain_ids.update_value(|ids| ids.keep(name, id));
        }
        Ok(state)
    }
}
