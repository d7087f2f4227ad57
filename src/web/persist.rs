//! How the app's VMs reach localStorage and come back, and how tabs keep each other current.
//!
//! Each VM is its own record, so a change writes one small record. Before any change to a VM,
//! the app takes in that VM's stored record: if another tab changed or deleted it, the change
//! is checked against that newer state instead of overwriting it. The `storage` event brings
//! other tabs' changes in as they happen; a tab that missed events catches up when it becomes
//! visible again, and in any case before it touches a VM.

use std::collections::BTreeSet;

use crate::ordering::by_insertion;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::app::{now, App, Notice, SaveStatus};
use super::store::{self, SaveError};
use crate::demo;
use crate::event_log::EventLog;
use crate::manager::VmManager;
use crate::storage::{self, Backup, Loaded, LOG_KEY, META_KEY};

/// The stored event log, if there is a readable one.
fn stored_events() -> Option<EventLog> {
    let text = store::read(LOG_KEY).ok().flatten()?;
    let value = serde_json::from_str(&text).ok()?;
    Some(EventLog::load(&value).0)
}

fn loaded_from(entries: &[(String, String)]) -> Loaded {
    storage::load(
        entries
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str())),
    )
}

impl App {
    pub(super) fn load_from_storage(&self) {
        let manager = self.manager();
        let Some(entries) = store::read_all() else {
            self.not_saving(SaveError::Unavailable);
            demo::load_demo(&manager).expect("the demo set is valid");
            self.refresh_all();
            return;
        };
        let loaded = loaded_from(&entries);
        self.backups.set(loaded.backups.clone());
        self.load_events(&entries);
        if !loaded.set_aside.is_empty() {
            self.set_aside(&entries, &loaded);
        }
        // The manager is empty here, so any valid host is taken (VMs over its capacity load
        // as they are).
        let _ = manager.set_host(loaded.host);
        self.host_changed.notify();
        if loaded.first_visit {
            demo::load_demo(&manager).expect("the demo set is valid");
            self.refresh_all();
            self.flush_all();
            return;
        }
        manager
            .restore_checked(loaded.vms)
            .expect("the app's manager is never closed");
        self.refresh_all();
        if !loaded.set_aside.is_empty() || loaded.needs_upgrade {
            let _ = store::save_meta();
        }
        if loaded.needs_upgrade {
            self.save_host();
        }
    }

    /// Loads the event log; an unreadable one is kept in a backup and the log starts afresh.
    fn load_events(&self, entries: &[(String, String)]) {
        let Some((_, text)) = entries.iter().find(|(key, _)| key == LOG_KEY) else {
            return;
        };
        let parsed =
            serde_json::from_str::<serde_json::Value>(text).map(|value| EventLog::load(&value));
        match parsed {
            Ok((log, 0)) => self.events.set(log),
            Ok((log, skipped)) => {
                self.events.set(log);
                self.notices.update(|notices| {
                    notices.push(Notice {
                        title: format!(
                            "{skipped} entr{} of the event log could not be read and {} left out.",
                            if skipped == 1 { "y" } else { "ies" },
                            if skipped == 1 { "was" } else { "were" }
                        ),
                        items: Vec::new(),
                        backup_key: None,
                    })
                });
            }
            Err(error) => {
                let backup = Backup {
                    created_at: now(),
                    reasons: vec![format!("{LOG_KEY}: unreadable event log: {error}")],
                    entries: by_insertion([(LOG_KEY.to_owned(), text.clone())]),
                };
                let kept = store::save_backup(&backup).ok();
                if let Some(key) = &kept {
                    self.backups.update(|backups| backups.push(key.clone()));
                    let _ = store::remove_keys(&[LOG_KEY.to_owned()]);
                }
                self.notices.update(|notices| {
                    notices.push(Notice {
                        title: "The event log could not be read, so it starts empty.".into(),
                        items: backup.reasons.clone(),
                        backup_key: kept,
                    })
                });
            }
        }
    }

    /// Saves new events when the browser is idle, off the click's path.
    /// The first unsaved event schedules the save; later ones ride along with it. While
    /// saving fails they wait for `flush_all`.
    pub(super) fn save_events_soon(&self) {
        let app = *self;
        if self.unsaved_events.with_value(Vec::len) == 1 {
            request_idle_callback(move || app.save_events());
        }
    }

    /// Merges the new events into the stored log and writes it; other tabs' events stay.
    fn save_events(&self) {
        let unsaved = self.unsaved_events.get_value();
        if unsaved.is_empty() || !self.saving() {
            return;
        }
        let stored = stored_events().unwrap_or_else(|| self.events.get_untracked());
        let merged = stored.merged(&unsaved);
        match store::write(LOG_KEY, &merged.to_json()) {
            Ok(()) => {
                self.unsaved_events.set_value(Vec::new());
                self.events.set(merged);
            }
            Err(error) => self.not_saving(error),
        }
    }

    /// Another tab wrote the log: show it with this tab's unsaved events.
    fn take_in_events(&self) {
        if let Some(stored) = stored_events() {
            let merged = stored.merged(&self.unsaved_events.get_value());
            self.events.set(merged);
        }
    }

    /// Moves damaged values to a backup key (never deleting them unless the backup is written)
    /// and tells the user.
    fn set_aside(&self, entries: &[(String, String)], loaded: &Loaded) {
        let backup = Backup {
            created_at: now(),
            reasons: loaded
                .problems
                .iter()
                .map(|problem| format!("{}: {}", problem.key, problem.reason))
                .collect(),
            entries: by_insertion(
                entries
                    .iter()
                    .filter(|(key, _)| loaded.set_aside.contains(key))
                    .cloned(),
            ),
        };
        let items: Vec<String> = backup.reasons.clone();
        let notice = match store::save_backup(&backup) {
            Ok(key) => {
                let _ = store::remove_keys(&loaded.set_aside);
                self.backups.update(|backups| backups.push(key.clone()));
                Notice {
                    title: format!(
                        "Some saved data could not be loaded. It was kept under the key '{key}': download it to look at it or to repair it. Everything else is here."
                    ),
                    items,
                    backup_key: Some(key),
                }
            }
            Err(error) => Notice {
                title: format!(
                    "Some saved data could not be loaded. It was left where it was, because a backup could not be written ({error}). Everything else is here."
                ),
                items,
                backup_key: None,
            },
        };
        self.notices.update(|notices| notices.push(notice));
    }

    fn not_saving(&self, error: SaveError) {
        let status = SaveStatus::NotSaving(format!(
            "Changes are not being saved: {error}. They stay on this page, and saving is tried again on every change."
        ));
        if self.save_status.get_untracked() != status {
            self.save_status.set(status);
        }
    }

    fn saving(&self) -> bool {
        self.save_status
            .with_untracked(|status| *status == SaveStatus::Saved)
    }

    /// Saves the record of `name` after a change (or retries everything if saving failed).
    pub(super) fn save(&self, name: &str) {
        if !self.saving() {
            self.flush_all();
            return;
        }
        let Ok(info) = self.manager().get_vm_info(name) else {
            return;
        };
        if let Err(error) = store::save_vm(&info) {
            self.not_saving(error);
        }
    }

    /// Removes the record of a deleted VM (or remembers to, if saving fails).
    pub(super) fn save_delete(&self, name: &str) {
        self.unsaved_deletes.update_value(|deletes| {
            deletes.insert(name.to_owned());
        });
        if !self.saving() {
            self.flush_all();
            return;
        }
        match store::remove_vm(name) {
            Ok(()) => self.unsaved_deletes.update_value(|deletes| {
                deletes.remove(name);
            }),
            Err(error) => self.not_saving(error),
        }
    }

    /// Saves the host's sizes.
    pub(super) fn save_host(&self) {
        if !self.saving() {
            return;
        }
        if let Ok(info) = self.manager().host_info() {
            if let Err(error) = store::save_host(&info.host) {
                self.not_saving(error);
            }
        }
    }

    /// Writes every VM and the deletes not yet written; on success, saving is back on.
    pub(super) fn flush_all(&self) -> bool {
        let deletes: Vec<String> = self
            .unsaved_deletes
            .with_value(|deletes| deletes.iter().map(|name| storage::vm_key(name)).collect());
        let infos = self.manager().list_vm_infos().unwrap_or_default();
        let host = self.manager().host_info().map(|info| info.host);
        let result = store::save_meta()
            .and_then(|()| host.map_or(Ok(()), |host| store::save_host(&host)))
            .and_then(|()| store::remove_keys(&deletes))
            .and_then(|()| infos.iter().try_for_each(store::save_vm));
        match result {
            Ok(()) => {
                self.unsaved_deletes.set_value(BTreeSet::new());
                if !self.saving() {
                    self.save_status.set(SaveStatus::Saved);
                }
                self.save_events();
                true
            }
            Err(error) => {
                self.not_saving(error);
                false
            }
        }
    }

    /// After the manager's VMs were replaced (reset, import): the stored records become
    /// exactly these VMs.
    pub(super) fn replace_saved(&self) {
        let current: BTreeSet<String> = by_insertion(self.manager().list_vms().unwrap_or_default());
        // Every stored record (this tab's rows and any it never loaded) of a VM that is not
        // in the new state goes.
        let shown: Vec<String> = self
            .rows
            .with_untracked(|rows| rows.iter().map(|row| row.name.to_string()).collect());
        let stored = store::vm_keys()
            .into_iter()
            .filter_map(|key| storage::vm_name(&key).map(str::to_owned));
        let gone: BTreeSet<String> = by_insertion(
            shown
                .into_iter()
                .chain(stored)
                .filter(|name| !current.contains(name)),
        );
        self.refresh_all();
        // A new state: refusals shown for the old one no longer apply.
        self.rows.with_untracked(|rows| {
            for row in rows
                .iter()
                .filter(|row| row.error.with_untracked(Option::is_some))
            {
                row.error.set(None);
            }
        });
        self.unsaved_deletes
            .update_value(|deletes| deletes.extend(gone));
        self.flush_all();
    }

    /// Takes in the stored record of `name` before changing it: another tab may have changed
    /// or deleted the VM since this tab last heard. Skipped while saving fails (then this
    /// tab's memory is the newer side).
    pub(super) fn take_in_stored(&self, name: &str) {
        if !self.saving() {
            return;
        }
        let manager = self.manager();
        match store::read(&storage::vm_key(name)) {
            Ok(Some(value)) => {
                if let Ok(stored) = storage::decode_vm(&storage::vm_key(name), &value) {
                    if manager.get_vm_info(name).ok().as_ref() != Some(&stored) {
                        let _ = manager.put_vm(stored);
                        self.show(name);
                    }
                }
            }
            Ok(None) => {
                if manager.forget_vm(name).unwrap_or(false) {
                    self.show(name);
                }
            }
            Err(_) => {}
        }
    }

    /// Makes this tab's VMs equal to the stored ones (after missed events, or a `clear()`).
    pub(super) fn take_in_all(&self) {
        if !self.saving() {
            return;
        }
        let Some(entries) = store::read_all() else {
            return;
        };
        let loaded = loaded_from(&entries);
        if loaded.first_visit {
            return;
        }
        let manager = self.manager();
        let mut kept = BTreeSet::new();
        for info in loaded.vms {
            kept.insert(info.config.name.clone());
            if manager.get_vm_info(&info.config.name).ok().as_ref() != Some(&info) {
                let _ = manager.put_vm(info);
            }
        }
        // Damaged records are not this tab's business here: their VMs stay.
        let damaged: BTreeSet<&str> = by_insertion(
            loaded
                .set_aside
                .iter()
                .filter_map(|key| storage::vm_name(key)),
        );
        for name in manager.list_vms().unwrap_or_default() {
            if !kept.contains(&name) && !damaged.contains(name.as_str()) {
                let _ = manager.forget_vm(&name);
            }
        }
        // One pass over the list (rows whose VM didn't change keep their signal untouched),
        // not an insert per VM that another tab added.
        self.refresh_all();
    }

    /// Listens to other tabs' writes, and catches up when the tab becomes visible.
    pub(super) fn listen_to_other_tabs(&self) {
        let app = *self;
        let on_storage =
            Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
                match event.key() {
                    None => app.take_in_all(),
                    Some(key) if key == META_KEY => {}
                    Some(key) if key == LOG_KEY => app.take_in_events(),
                    Some(key) => {
                        if let Some(name) = storage::vm_name(&key) {
                            app.take_in_stored(name);
                        } else if key.starts_with(storage::BACKUP_KEY_PREFIX) {
                            // The keys only: not every VM's record read and decoded again.
                            app.backups.set(store::backup_keys());
                        }
                    }
                }
            });
        let on_visible = Closure::<dyn Fn()>::new(move || {
            let visible = document().visibility_state() == web_sys::VisibilityState::Visible;
            if visible {
                app.take_in_all();
            }
        });
        // Events wait for an idle moment to be saved; a closing tab saves them at once.
        let on_hide = Closure::<dyn Fn()>::new(move || app.save_events());
        if let Some(window) = web_sys::window() {
            let _ = window
                .add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
            let _ = window
                .add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
            let _ = window
                .add_event_listener_with_callback("pageshow", on_visible.as_ref().unchecked_ref());
        }
        let _ = document().add_event_listener_with_callback(
            "visibilitychange",
            on_visible.as_ref().unchecked_ref(),
        );
        // The app lives as long as the page.
        on_storage.forget();
        on_visible.forget();
        on_hide.forget();
    }
}
