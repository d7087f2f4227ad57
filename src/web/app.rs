//! The app state: the one `MockVmManager` and a reactive view of it (a signal per VM). Every
//! change, from a click or from the JavaScript API, goes through a method here: it calls the
//! core, refreshes the signal of the one VM that changed from the core's answer, and saves that
//! VM's record. The signals are never written from anywhere else, so they can't drift from the
//! manager.

use std::sync::Arc;

use leptos::prelude::*;

use super::store::{self, SaveError};
use crate::demo;
use crate::manager::{
    ConfigUpdate, MockVmManager, Transition, VmConfig, VmError, VmInfo, VmManager, VmState,
};
use crate::storage::LoadProblem;

/// One VM as the list shows it. Its signal holds the core's latest answer for that VM.
#[derive(Clone, PartialEq)]
pub struct Row {
    /// The VM's name: the list's key. A rename replaces the row.
    pub name: Arc<str>,
    /// The VM as the core last reported it.
    pub info: ArcRwSignal<VmInfo>,
    /// The message of the last operation the core refused on this VM, shown beside it.
    pub error: ArcRwSignal<Option<String>>,
}

impl Row {
    fn new(info: VmInfo) -> Self {
        Row {
            name: info.config.name.as_str().into(),
            info: ArcRwSignal::new(info),
            error: ArcRwSignal::new(None),
        }
    }
}

/// Whether a new VM starts at once (the seed's create) or stays stopped (virsh's define).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartMode {
    /// Create and start.
    Start,
    /// Create stopped.
    Stopped,
}

/// The app's state, shared through context. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct App {
    manager: StoredValue<Arc<MockVmManager>>,
    /// Every VM, sorted by name.
    pub rows: RwSignal<Vec<Row>>,
    /// Why changes are not being saved, if they are not.
    pub save_error: RwSignal<Option<String>>,
    /// Stored values that could not be loaded at start-up (left in storage untouched).
    pub load_problems: RwSignal<Vec<LoadProblem>>,
}

fn clock() -> crate::manager::Clock {
    Box::new(|| js_sys::Date::now() as u64)
}

impl App {
    /// Loads the VMs from localStorage, or the demo set on a first visit.
    pub fn load() -> App {
        let manager = StoredValue::new(Arc::new(MockVmManager::with_clock(clock())));
        let loaded = store::load();
        let app = App {
            manager,
            rows: RwSignal::new(Vec::new()),
            save_error: RwSignal::new(None),
            load_problems: RwSignal::new(Vec::new()),
        };
        match loaded {
            Some(loaded) if !loaded.first_visit => {
                let snapshot = loaded.snapshot;
                app.load_problems.set(loaded.problems);
                if let Err(error) = app.manager().restore(snapshot) {
                    app.load_problems.update(|problems| {
                        problems.push(LoadProblem {
                            key: "vm-playground".into(),
                            reason: error.to_string(),
                        })
                    });
                }
                app.refresh_all();
            }
            Some(_) => app.reset_to_demo(),
            None => {
                app.save_error.set(Some(SaveError::Unavailable.to_string()));
                demo::load_demo(&app.manager()).expect("the demo set is valid");
                app.refresh_all();
            }
        }
        app
    }

    /// The manager, for reads that need no signal (the JS API's getters).
    pub fn manager(&self) -> Arc<MockVmManager> {
        self.manager.get_value()
    }

    /// Rebuilds every row from the manager (start-up, reset).
    fn refresh_all(&self) {
        let rows = self
            .manager()
            .list_vm_infos()
            .unwrap_or_default()
            .into_iter()
            .map(Row::new)
            .collect();
        self.rows.set(rows);
    }

    fn find(&self, name: &str) -> Option<Row> {
        self.rows.with_untracked(|rows| {
            rows.binary_search_by(|row| (*row.name).cmp(name))
                .ok()
                .map(|index| rows[index].clone())
        })
    }

    /// The row of `name`, tracked: re-runs the caller when VMs come and go.
    pub fn row(&self, name: &str) -> Option<Row> {
        self.rows.with(|rows| {
            rows.binary_search_by(|row| (*row.name).cmp(name))
                .ok()
                .map(|index| rows[index].clone())
        })
    }

    fn note_saved(&self, result: Result<(), SaveError>) {
        let message = result.err().map(|error| {
            format!("Changes are not being saved ({error}). They stay on this page; saving is tried again on every change.")
        });
        if self.save_error.get_untracked() != message {
            self.save_error.set(message);
        }
    }

    /// Saves a VM's record, and retries everything if earlier saves failed.
    fn save(&self, info: &VmInfo) {
        if self.save_error.get_untracked().is_some() {
            self.save_everything();
        } else {
            self.note_saved(store::save_vm(info));
        }
    }

    /// Writes every VM and removes the records of VMs that are gone, keeping the records that
    /// could not be loaded (they are the user's, and the alert offers them).
    fn save_everything(&self) {
        let infos = self.manager().list_vm_infos().unwrap_or_default();
        let keep: Vec<String> = self.load_problems.with_untracked(|problems| {
            problems.iter().map(|problem| problem.key.clone()).collect()
        });
        let current: std::collections::HashSet<String> = infos
            .iter()
            .map(|info| crate::storage::vm_key(&info.config.name))
            .collect();
        let stale: Vec<String> = store::vm_keys()
            .into_iter()
            .filter(|key| !current.contains(key) && !keep.contains(key))
            .collect();
        let result = store::save_meta()
            .and_then(|()| infos.iter().try_for_each(store::save_vm))
            .and_then(|()| store::remove_keys(&stale));
        self.note_saved(result);
    }

    /// Refreshes the row of `name` from the manager and saves it.
    fn changed(&self, name: &str) {
        let Ok(info) = self.manager().get_vm_info(name) else {
            return;
        };
        if let Some(row) = self.find(name) {
            row.error.set(None);
            self.save(&info);
            row.info.set(info);
        }
    }

    /// Records a refusal on the VM's row, if it has one.
    fn refused<T>(&self, name: &str, result: Result<T, VmError>) -> Result<T, VmError> {
        if let Err(error) = &result {
            if let Some(row) = self.find(name) {
                row.error.set(Some(error.to_string()));
            }
        }
        result
    }

    /// Inserts a row for a VM the manager just created, keeping the list sorted.
    fn insert_row(&self, name: &str) {
        let Ok(info) = self.manager().get_vm_info(name) else {
            return;
        };
        self.save(&info);
        if self.save_error.get_untracked().is_none() {
            self.note_saved(store::save_meta());
        }
        self.rows.update(|rows| {
            let index = rows
                .binary_search_by(|row| (*row.name).cmp(name))
                .unwrap_or_else(|index| index);
            rows.insert(index, Row::new(info));
        });
    }

    fn remove_row(&self, name: &str) {
        self.rows.update(|rows| {
            if let Ok(index) = rows.binary_search_by(|row| (*row.name).cmp(name)) {
                rows.remove(index);
            }
        });
        if self.save_error.get_untracked().is_some() {
            self.save_everything();
        } else {
            self.note_saved(store::remove_vm(name));
        }
    }

    /// Creates a VM, started or stopped.
    pub fn create(&self, config: VmConfig, mode: StartMode) -> Result<(), VmError> {
        let name = config.name.clone();
        match mode {
            StartMode::Start => self.manager().create_vm(config),
            StartMode::Stopped => self.manager().define_vm(config),
        }?;
        self.insert_row(&name);
        Ok(())
    }

    /// Moves a VM through a transition.
    pub fn transition(&self, name: &str, transition: Transition) -> Result<VmState, VmError> {
        let state = self.refused(name, self.manager().apply(name, transition))?;
        self.changed(name);
        Ok(state)
    }

    /// Changes a VM's config (see [`MockVmManager::update_vm_config`]).
    pub fn update(&self, name: &str, config: VmConfig) -> Result<ConfigUpdate, VmError> {
        let new_name = config.name.clone();
        let outcome = self.manager().update_vm_config(name, config)?;
        if new_name != name {
            self.remove_row(name);
            self.insert_row(&new_name);
        } else {
            self.changed(name);
        }
        Ok(outcome)
    }

    /// Drops a VM's pending config changes.
    pub fn discard_pending(&self, name: &str) -> Result<bool, VmError> {
        let discarded = self.refused(name, self.manager().discard_pending(name))?;
        self.changed(name);
        Ok(discarded)
    }

    /// Deletes a VM in any state.
    pub fn delete(&self, name: &str) -> Result<(), VmError> {
        self.refused(name, self.manager().delete_vm(name))?;
        self.remove_row(name);
        Ok(())
    }

    /// Replaces every VM with the demo set and saves it.
    pub fn reset_to_demo(&self) {
        demo::load_demo(&self.manager()).expect("the demo set is valid");
        self.refresh_all();
        self.save_everything();
    }
}
