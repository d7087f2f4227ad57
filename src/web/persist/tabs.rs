//! Keeping tabs in step: taking in what other tabs wrote (a VM's record before each change
//! and on its `storage` event, the host, everything after missed events), settling this tab's
//! unsaved changes against it (a change another tab overtook is dropped and reported), and
//! the listeners that bring other tabs' writes in.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::{loaded_from, readable, records_by_name};
use crate::manager::{VmManager, VmState};
use crate::ordering::ByName;
use crate::storage::sync::Step;
use crate::storage::{self, LOG_KEY, META_KEY};
use crate::web::app::{App, Notice, NoticeItem, NoticeTitle, SaveStatus};
use crate::web::store;

/// A change of this tab that another tab's newer change overtook, so it was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LostChange {
    name: String,
    /// The VM's state after this tab's change (`None`: this tab deleted it).
    ours: Option<VmState>,
    /// The VM's state as the other tab left it (`None`: deleted there).
    kept: Option<VmState>,
}

/// The notice for changes that were not applied.
pub(super) fn lost_changes_notice(lost: &[LostChange]) -> Notice {
    Notice {
        title: NoticeTitle::LostChanges,
        items: lost
            .iter()
            .map(|lost| NoticeItem::Lost {
                name: lost.name.clone(),
                ours: lost.ours,
                kept: lost.kept,
            })
            .collect(),
        backup_key: None,
    }
}

impl App {
    /// Another tab resized the host: this tab takes the stored sizes in. A size this tab's VMs
    /// don't fit in (they changed here meanwhile) is refused by the core, and the tab keeps
    /// its own until the next reload.
    pub(in crate::web) fn take_in_host(&self) {
        if self.in_lesson() {
            return;
        }
        let Ok(Some(text)) = store::read(storage::HOST_KEY) else {
            return;
        };
        let Ok(host) = storage::decode_host(&text) else {
            return;
        };
        if self.manager().set_host(host).is_ok() {
            self.host_changed.notify();
        }
    }

    /// This tab's change to `name` lost to another tab's: takes in the stored record (or the
    /// deletion) and says what was not applied.
    pub(super) fn lose_to_stored(&self, name: &str, stored: Option<&str>) -> Option<LostChange> {
        let ours = self.manager().get_vm_info(name).ok().map(|info| info.state);
        self.take_in_value(name, stored);
        let kept = self.manager().get_vm_info(name).ok().map(|info| info.state);
        Some(LostChange {
            name: name.to_owned(),
            ours,
            kept,
        })
    }

    /// Makes this tab's VM `name` what storage holds: the record, or no VM if there is none.
    /// A record this version can't read leaves the VM as it is (it is backed up before this
    /// tab ever writes over it).
    fn take_in_value(&self, name: &str, stored: Option<&str>) {
        let manager = self.manager();
        match stored {
            Some(value) => {
                if let Ok(stored) = storage::decode_vm(name, value) {
                    if manager.get_vm_info(name).ok().as_ref() != Some(&stored) {
                        let _ = manager.put_vm(stored);
                        self.show(name);
                    }
                }
            }
            None => {
                if manager.forget_vm(name).unwrap_or(false) {
                    self.show(name);
                }
            }
        }
    }

    /// Takes in the stored record of `name` before changing it, or when another tab wrote it:
    /// another tab may have changed or deleted the VM since this tab last heard. An unsaved
    /// change of this tab to it stays if storage still holds what it was based on, and
    /// otherwise is dropped for the stored record (and the user told). Returns what storage
    /// holds: the base of the change about to be made.
    pub(in crate::web) fn take_in_stored(&self, name: &str) -> Option<String> {
        if self.records_off() {
            return None;
        }
        // No storage: nothing to take in (and nothing will be written).
        let Ok(stored) = store::read(&storage::vm_key(name)) else {
            return None;
        };
        // This tab's record matters only to an unsaved change (a click's path skips it).
        let ours = if self.unsaved.with_value(|unsaved| unsaved.contains(name)) {
            self.ours(name)
        } else {
            None
        };
        let step = self.unsaved.try_update_value(|unsaved| {
            unsaved.resolve(
                name,
                stored.as_deref(),
                |value| readable(name, value),
                ours.as_deref(),
            )
        });
        match step.flatten() {
            None => self.take_in_value(name, stored.as_deref()),
            Some(Step::Conflict) => {
                if let Some(lost) = self.lose_to_stored(name, stored.as_deref()) {
                    let notice = lost_changes_notice(&[lost]);
                    self.notices.update(|notices| notices.push(notice));
                }
            }
            // This tab's change is newer than what storage holds: it waits to be written.
            Some(Step::Write | Step::BackUpThenWrite | Step::Settled) => {}
        }
        stored
    }

    /// Makes this tab's VMs equal to the stored ones (after missed events, or a `clear()`),
    /// except where this tab has an unsaved change that storage has not overtaken.
    pub(in crate::web) fn take_in_all(&self) {
        if self.records_off() {
            return;
        }
        let Some(entries) = store::read_all() else {
            return;
        };
        let loaded = loaded_from(&entries);
        if let Some(unknown) = loaded.unknown_format {
            self.set_status(SaveStatus::UnknownFormat(unknown.found));
            return;
        }
        if self
            .backups
            .with_untracked(|backups| *backups != loaded.backups)
        {
            self.backups.set(loaded.backups.clone());
        }
        if loaded.first_visit {
            self.write_back(&entries);
            return;
        }
        let manager = self.manager();
        let records = records_by_name(&entries);
        let stored_value = |name: &str| records.get(name).copied();
        // This tab's unsaved changes first: each is kept, or loses to a newer stored record.
        let mut lost = Vec::new();
        for name in self.unsaved.with_value(|unsaved| unsaved.names()) {
            let stored = stored_value(&name);
            let ours = self.ours(&name);
            let step = self.unsaved.try_update_value(|unsaved| {
                unsaved.resolve(
                    &name,
                    stored,
                    |value| readable(&name, value),
                    ours.as_deref(),
                )
            });
            if step.flatten() == Some(Step::Conflict) {
                lost.extend(self.lose_to_stored(&name, stored));
            }
        }
        let unsaved = self.unsaved.get_value();
        let mut kept = std::collections::BTreeSet::new();
        for info in loaded.vms {
            let name = info.config.name.clone();
            if !unsaved.contains(&name) && manager.get_vm_info(&name).ok().as_ref() != Some(&info) {
                let _ = manager.put_vm(info);
            }
            kept.insert(name);
        }
        // Damaged records are not this tab's business here: their VMs stay.
        let damaged = ByName::new(
            loaded
                .set_aside
                .iter()
                .filter_map(|key| storage::vm_name(key))
                .map(|name| (name, ())),
        );
        for name in manager.list_vms().unwrap_or_default() {
            if !kept.contains(&name) && !damaged.contains(&name) && !unsaved.contains(&name) {
                let _ = manager.forget_vm(&name);
            }
        }
        // The host too: another tab may have resized it while this one took nothing in (a
        // lesson ran, or the tab was hidden or in the back-forward cache).
        if self.unsaved_host.with_value(Option::is_none) {
            self.take_in_host();
        }
        // One pass over the list (rows whose VM didn't change keep their signal untouched),
        // not an insert per VM that another tab added.
        self.refresh_all();
        if !lost.is_empty() {
            let notice = lost_changes_notice(&lost);
            self.notices.update(|notices| notices.push(notice));
        }
        self.catch_up();
    }

    /// Storage lost the app's data while this tab holds it: another page of the site (GitHub
    /// Pages serves every project of an account from one origin) called
    /// `localStorage.clear()`, or the site's data was cleared. This tab's VMs, host and event
    /// log are written back, and the user told: otherwise the page went on showing VMs a reload
    /// would not find, and the next click on one took its absence in and removed it.
    fn write_back(&self, entries: &[(String, String)]) {
        let names = self.manager().list_vms().unwrap_or_default();
        let count = names.len();
        // Only data that was being saved can have been cleared: a tab that could not save
        // (no room from the start) just tries again.
        let was_saved = self.saving();
        self.note_as_unsaved(names, entries);
        if self.unsaved_host.with_value(Option::is_none) {
            self.unsaved_host.set_value(Some(None));
        }
        if !self.flush() {
            return;
        }
        self.write_log_back();
        if was_saved && count > 0 {
            self.notices.update(|notices| {
                notices.push(Notice {
                    title: NoticeTitle::WrittenBack { count },
                    items: Vec::new(),
                    backup_key: None,
                })
            });
        }
    }

    /// Another tab wrote VM `name`'s record: it is taken in with the others written in the
    /// same burst, in a task after their events, so that a bulk change in another tab (a
    /// reset, thousands of creates) redraws this tab's list once, not once per VM (that was
    /// minutes at 10,000 VMs).
    fn take_in_later(&self, name: &str) {
        let first = self
            .written_elsewhere
            .try_update_value(|names| {
                names.push(name.to_owned());
                names.len() == 1
            })
            .unwrap_or(false);
        if !first {
            return;
        }
        let app = *self;
        set_timeout(
            move || {
                let names = app
                    .written_elsewhere
                    .try_update_value(std::mem::take)
                    .unwrap_or_default();
                for name in names {
                    app.take_in_stored(&name);
                }
                app.catch_up();
            },
            std::time::Duration::ZERO,
        );
    }

    /// While saving fails, another tab's write may mean there is room again: try.
    fn catch_up(&self) {
        let waiting = !self.unsaved.with_value(|unsaved| unsaved.is_empty())
            || self.unsaved_host.with_value(Option::is_some);
        if !self.saving() && waiting {
            self.flush();
        }
    }

    /// Listens to other tabs' writes, and catches up when the tab becomes visible.
    pub(in crate::web) fn listen_to_other_tabs(&self) {
        let app = *self;
        let on_storage =
            Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
                match event.key() {
                    None => app.take_in_all(),
                    Some(key) if key == META_KEY => {}
                    Some(key) if key == LOG_KEY => app.take_in_events(),
                    Some(key) if key == storage::HOST_KEY => app.take_in_host(),
                    Some(key) => {
                        if let Some(name) = storage::vm_name(&key) {
                            app.take_in_later(name);
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
