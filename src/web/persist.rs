//! How the app's VMs reach localStorage and come back, and how tabs keep each other current.
//!
//! Each VM is its own record, so a change writes one small record. Before any change to a VM,
//! the app takes in that VM's stored record: if another tab changed or deleted it, the change
//! is checked against that newer state instead of overwriting it. The `storage` event brings
//! other tabs' changes in as they happen; a tab that missed events catches up when it becomes
//! visible again, and in any case before it touches a VM.
//!
//! No tab writes a record it has not re-read: every change is *unsaved* (with the record it was
//! based on, see [`storage::sync`]) until a flush re-reads its key and finds that base still
//! there. While saving fails (a full quota) the tab keeps taking in other tabs' changes; when
//! it can write again, a change another tab overtook is dropped and reported, the rest written.
//! The event log is saved apart: a log that can't be written never stops the VMs' saving.
//! Data of a format this version can't read is never written over (see
//! [`SaveStatus::UnknownFormat`]).
//!
//! Loading, saving and backups are here; the event log's own saving is in [`log`], taking in
//! what other tabs wrote in [`tabs`].

mod log;
mod tabs;

use tabs::{lost_changes_notice, LostChange};

use crate::ordering::{by_insertion, ByName};

use leptos::prelude::*;

use super::app::{now, App, Notice, NoticeItem, NoticeTitle, SaveStatus};
use super::store::{self, SaveError};
use crate::demo;
use crate::manager::{VmInfo, VmManager};
use crate::storage::sync::{decide, Step};
use crate::storage::{self, Backup, LoadProblem, Loaded, META_KEY};

fn loaded_from(entries: &[(String, String)]) -> Loaded {
    storage::load(
        entries
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str())),
    )
}

/// The VM records among `entries`, by VM name.
fn records_by_name(entries: &[(String, String)]) -> ByName<'_, &str> {
    ByName::new(
        entries
            .iter()
            .filter_map(|(key, value)| storage::vm_name(key).map(|name| (name, value.as_str()))),
    )
}

/// Whether this version can read `value`, stored under `name`'s key.
fn readable(name: &str, value: &str) -> bool {
    storage::decode_vm(name, value).is_ok()
}

/// Everything stored under the app's keys but the backups, as a backup (to keep, or download).
pub fn stored_data() -> Result<Backup, SaveError> {
    let entries = store::read_all().ok_or(SaveError::Unavailable)?;
    Ok(Backup {
        created_at: now(),
        reasons: vec![format!(
            "{META_KEY}: data of a format this version can't read, set aside to start over"
        )],
        entries: by_insertion(
            entries
                .into_iter()
                .filter(|(key, _)| !key.starts_with(storage::BACKUP_KEY_PREFIX)),
        ),
    })
}

/// The notice for a record that could not be read and was kept in a backup before this tab
/// replaced it.
fn replaced_unreadable_notice(key: &str, backup_key: String) -> Notice {
    Notice {
        title: NoticeTitle::ReplacedUnreadable {
            backup_key: backup_key.clone(),
        },
        items: vec![NoticeItem::Detail(key.to_owned())],
        backup_key: Some(backup_key),
    }
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
        if let Some(unknown) = loaded.unknown_format {
            // Not one key is written (nor the log read): the app starts empty, in memory.
            self.set_status(SaveStatus::UnknownFormat(unknown.found));
            self.refresh_all();
            return;
        }
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
            // Stray records without metadata are left alone: only the demo is written.
            self.note_as_unsaved(manager.list_vms().unwrap_or_default(), &entries);
            self.flush();
            return;
        }
        manager
            .restore_checked(loaded.vms)
            .expect("the app's manager is never closed");
        self.refresh_all();
        if loaded.needs_upgrade {
            // Format 1 or 2 becomes 3 once: its metadata and the host are written now.
            let _ = store::save_meta();
            self.save_host();
        }
    }

    /// Marks `names` as unsaved, each based on what `entries` (storage as read) hold for it:
    /// the next flush writes this tab's record of each (or removes it, for a VM this tab
    /// doesn't have).
    fn note_as_unsaved(&self, names: Vec<String>, entries: &[(String, String)]) {
        let stored = records_by_name(entries);
        self.unsaved.update_value(|unsaved| {
            for name in names {
                let base = stored.get(name.as_str()).map(|value| (*value).to_owned());
                unsaved.note(&name, base);
            }
        });
    }

    /// Moves damaged values to a backup key (never deleting them unless the backup is written)
    /// and tells the user.
    fn set_aside(&self, entries: &[(String, String)], loaded: &Loaded) {
        let backup = Backup {
            created_at: now(),
            reasons: loaded.problems.iter().map(LoadProblem::to_string).collect(),
            entries: by_insertion(
                entries
                    .iter()
                    .filter(|(key, _)| loaded.set_aside.contains(key))
                    .cloned(),
            ),
        };
        let items: Vec<NoticeItem> = loaded
            .problems
            .iter()
            .cloned()
            .map(NoticeItem::Problem)
            .collect();
        let notice = match store::save_backup(&backup) {
            Ok(key) => {
                let _ = store::remove_keys(&loaded.set_aside);
                self.backups.update(|backups| backups.push(key.clone()));
                Notice {
                    title: NoticeTitle::SetAsideKept { key: key.clone() },
                    items,
                    backup_key: Some(key),
                }
            }
            Err(error) => Notice {
                title: NoticeTitle::SetAsideLeft { error },
                items,
                backup_key: None,
            },
        };
        self.notices.update(|notices| notices.push(notice));
    }

    /// Sets the save status (and what the panic banner will say).
    pub(super) fn set_status(&self, status: SaveStatus) {
        super::panic::note_saving(status == SaveStatus::Saved);
        if self.save_status.get_untracked() != status {
            self.save_status.set(status);
        }
    }

    fn not_saving(&self, error: SaveError) {
        self.set_status(SaveStatus::NotSaving(error));
    }

    fn saving(&self) -> bool {
        self.save_status
            .with_untracked(|status| *status == SaveStatus::Saved)
    }

    /// Whether the stored data is of a format this version can't read (nothing is written).
    pub(super) fn unknown_format(&self) -> bool {
        self.save_status
            .with_untracked(|status| matches!(status, SaveStatus::UnknownFormat(_)))
    }

    /// Whether VM records and the host are neither read nor written: data of a format this
    /// version can't read, or a lesson running on VMs of its own (see `web::lesson_mode`).
    fn records_off(&self) -> bool {
        self.unknown_format() || self.in_lesson()
    }

    /// Whether storage has room for `vms` as this page's records, or `Err` with the bytes it
    /// lacks. A flush writes every record before it removes any (see [`App::flush`]), so
    /// what it needs is their size less that of the records they overwrite, whatever goes
    /// after. Counted from above (UTF-8 bytes, at least the UTF-16 units storage counts);
    /// always room while records are not stored (a lesson).
    pub(super) fn room_for(&self, vms: &[VmInfo]) -> Result<(), usize> {
        if self.records_off() {
            return Ok(());
        }
        let (mut new, mut old) = (0, 0);
        for info in vms {
            let key = storage::vm_key(&info.config.name);
            new += key.len() + storage::encode_vm(info).len();
            if let Ok(Some(stored)) = store::read(&key) {
                old += key.len() + stored.len();
            }
        }
        match new.checked_sub(old) {
            Some(more) if more > 0 && !store::has_room(more).unwrap_or(true) => Err(more),
            _ => Ok(()),
        }
    }

    /// Notes that the changes to `a` and `b` are one VM's rename (see
    /// [`Unsaved::note_rename`](crate::storage::sync::Unsaved::note_rename)): its old record
    /// stays until the new one is written.
    pub(super) fn note_rename(&self, a: &str, b: &str) {
        if !self.in_lesson() {
            self.unsaved
                .update_value(|unsaved| unsaved.note_rename(a, b));
        }
    }

    /// Saves `name` after a change (or its deletion) based on `base`, the stored record
    /// [`App::take_in_stored`] read before it; while saving fails, the change waits. A
    /// lesson's VMs are never saved.
    pub(super) fn save(&self, name: &str, base: Option<String>) {
        if self.in_lesson() {
            return;
        }
        self.unsaved
            .update_value(|unsaved| unsaved.note(name, base));
        self.flush_soon();
    }

    /// Flushes at the end of the current task (a microtask), once for every change made in
    /// it: a script's loop of 10,000 `createVm` reads the metadata and writes its records in
    /// one pass instead of 10,000. Nothing else runs in between (another tab's change arrives
    /// as a task of its own), so a change is written exactly as an immediate flush would.
    fn flush_soon(&self) {
        if self.flush_scheduled.get_value() {
            return;
        }
        self.flush_scheduled.set_value(true);
        let app = *self;
        queue_microtask(move || {
            app.flush_scheduled.set_value(false);
            app.flush();
        });
    }

    /// Saves the host's sizes after a change, as a VM's record is saved: noted as unsaved with
    /// the stored host it was based on, then written by [`App::flush`] (now, or on the first
    /// flush that succeeds after saving failed).
    pub(super) fn save_host(&self) {
        // A lesson's host is the lesson's: never stored.
        if self.in_lesson() {
            return;
        }
        if self.unsaved_host.with_value(Option::is_none) {
            let base = store::read(storage::HOST_KEY).ok().flatten();
            self.unsaved_host.set_value(Some(base));
        }
        self.flush();
    }

    /// Writes an unsaved host change if storage still holds what it was based on; if another
    /// tab wrote a host since, that one is taken in (its change is the newer).
    fn flush_host(&self) -> Result<(), SaveError> {
        let Some(base) = self.unsaved_host.get_value() else {
            return Ok(());
        };
        let stored = store::read(storage::HOST_KEY)?;
        let ours = self
            .manager()
            .host_info()
            .map(|info| storage::encode_host(&info.host))
            .ok();
        let readable = |value: &str| storage::decode_host(value).is_ok();
        match decide(
            base.as_deref(),
            stored.as_deref(),
            readable,
            ours.as_deref(),
        ) {
            Step::Settled => {}
            Step::Conflict => self.take_in_host(),
            step @ (Step::Write | Step::BackUpThenWrite) => {
                if step == Step::BackUpThenWrite {
                    let value = stored.as_deref().unwrap_or_default();
                    self.back_up_unreadable(storage::HOST_KEY, value)?;
                }
                if let Some(ours) = &ours {
                    store::write(storage::HOST_KEY, ours)?;
                }
            }
        }
        self.unsaved_host.set_value(None);
        Ok(())
    }

    /// What storage holds for `name` now (`None`: no record, or no storage).
    pub(super) fn stored_record(&self, name: &str) -> Option<String> {
        store::read(&storage::vm_key(name)).ok().flatten()
    }

    /// This tab's record of `name`, as it would be stored (`None`: it has no such VM).
    fn ours(&self, name: &str) -> Option<String> {
        self.manager()
            .get_vm_info(name)
            .ok()
            .map(|info| storage::encode_vm(&info))
    }

    /// Writes the unsaved changes whose records still hold what they were based on (each
    /// re-read first); the others lost to another tab's change, which is taken in and
    /// reported. Returns whether everything is saved; then saving is back on.
    pub(super) fn flush(&self) -> bool {
        if self.records_off() {
            return false;
        }
        match store::read(META_KEY) {
            Ok(Some(meta)) => {
                if let Err(unknown) = storage::check_meta(&meta) {
                    // Another version took over storage since this tab loaded.
                    self.set_status(SaveStatus::UnknownFormat(unknown.found));
                    return false;
                }
            }
            Ok(None) => {
                if let Err(error) = store::save_meta() {
                    self.not_saving(error);
                    return false;
                }
            }
            Err(error) => {
                self.not_saving(error);
                return false;
            }
        }
        let mut lost = Vec::new();
        // Records are written before any is removed, so a write that fails (a full quota)
        // never follows the removal of the record it replaces (a rename's old name, an
        // import's old VMs). If one fails, the removals that are no rename's half go all the
        // same: they may free the room it needed (an undone import), and the writes are tried
        // once more.
        let mut result = Ok(());
        for _ in 0..2 {
            let mut removals = Vec::new();
            result = self.write_records(&mut lost, &mut removals);
            let failed = result.is_err();
            let mut removed = false;
            for (name, step, stored) in removals {
                if failed
                    && self
                        .unsaved
                        .with_value(|unsaved| unsaved.removal_waits(&name))
                {
                    continue;
                }
                if let Err(error) = self.save_record(&name, step, stored.as_deref(), None) {
                    result = Err(error);
                    break;
                }
                removed = true;
            }
            if !failed || !removed {
                break;
            }
        }
        if !lost.is_empty() {
            let notice = lost_changes_notice(&lost);
            self.notices.update(|notices| notices.push(notice));
        }
        let result = result.and_then(|()| self.flush_host());
        match result {
            Ok(()) => {
                if !self.saving() {
                    // Back from not saving: the events that waited go too. (A click's own
                    // event is saved when the browser is idle, off the click's path.)
                    self.set_status(SaveStatus::Saved);
                    self.save_events();
                }
                true
            }
            Err(error) => {
                self.not_saving(error);
                false
            }
        }
    }

    /// Writes the unsaved records this tab has, each re-read and [`decide`]d first (a
    /// change lost to another tab's goes to `lost`); the ones to remove (VMs this tab doesn't
    /// have) are put in `removals`, with their step and stored value. After a write fails,
    /// the rest are not tried, but every removal is still listed.
    fn write_records(
        &self,
        lost: &mut Vec<LostChange>,
        removals: &mut Vec<(String, Step, Option<String>)>,
    ) -> Result<(), SaveError> {
        let mut result = Ok(());
        for name in self.unsaved.with_value(|unsaved| unsaved.names()) {
            // A write after a failed one waits for the next flush: not even read.
            if result.is_err() && self.manager().get_vm_state(&name).is_ok() {
                continue;
            }
            let stored = store::read(&storage::vm_key(&name))?;
            let ours = self.ours(&name);
            let step = self.unsaved.try_update_value(|unsaved| {
                unsaved.resolve(
                    &name,
                    stored.as_deref(),
                    |value| readable(&name, value),
                    ours.as_deref(),
                )
            });
            match step.flatten() {
                None | Some(Step::Settled) => {}
                Some(Step::Conflict) => lost.extend(self.lose_to_stored(&name, stored.as_deref())),
                Some(step) if ours.is_none() => removals.push((name, step, stored)),
                Some(step) => {
                    result = self.save_record(&name, step, stored.as_deref(), ours.as_deref());
                }
            }
        }
        result
    }

    /// Writes `ours` as `name`'s record, or removes it (`None`), as `step` says (keeping an
    /// unreadable `stored` record in a backup first); then the change is saved.
    fn save_record(
        &self,
        name: &str,
        step: Step,
        stored: Option<&str>,
        ours: Option<&str>,
    ) -> Result<(), SaveError> {
        let key = storage::vm_key(name);
        if step == Step::BackUpThenWrite {
            self.back_up_unreadable(&key, stored.unwrap_or_default())?;
        }
        match ours {
            Some(value) => store::write(&key, value)?,
            None => store::remove_keys(std::slice::from_ref(&key))?,
        }
        self.unsaved.update_value(|unsaved| unsaved.written(name));
        Ok(())
    }

    /// Keeps an unreadable stored record in a backup (before this tab replaces it) and tells
    /// the user.
    fn back_up_unreadable(&self, key: &str, value: &str) -> Result<(), SaveError> {
        let backup = Backup {
            created_at: now(),
            reasons: vec![format!(
                "{key}: a record this version can't read, replaced by a change in this tab"
            )],
            entries: by_insertion([(key.to_owned(), value.to_owned())]),
        };
        let backup_key = store::save_backup(&backup)?;
        self.backups
            .update(|backups| backups.push(backup_key.clone()));
        let notice = replaced_unreadable_notice(key, backup_key);
        self.notices.update(|notices| notices.push(notice));
        Ok(())
    }

    /// After the manager's VMs were replaced (reset, import): the stored records become
    /// exactly these VMs.
    pub(super) fn replace_saved(&self) {
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
        // A lesson's VMs are not stored: the student's records stay as they are.
        if self.in_lesson() {
            return;
        }
        // Every stored record (this tab's rows and any it never loaded) is replaced, based on
        // what storage holds now: the user chose to replace it.
        let entries = store::read_all().unwrap_or_default();
        let stored = entries
            .iter()
            .filter_map(|(key, _)| storage::vm_name(key))
            .map(str::to_owned);
        let names = self.manager().list_vms().unwrap_or_default();
        self.unsaved.update_value(|unsaved| unsaved.clear());
        self.note_as_unsaved(names.into_iter().chain(stored).collect(), &entries);
        self.flush();
    }

    /// The user chose to start over on data of a format this version can't read: everything
    /// stored under the app's keys (backups aside) is kept in one backup, and only once that
    /// is written is it removed and this tab's VMs and log saved in its place.
    pub fn start_over(&self) -> Result<String, SaveError> {
        let backup = stored_data()?;
        let backup_key = store::save_backup(&backup)?;
        self.backups
            .update(|backups| backups.push(backup_key.clone()));
        let keys: Vec<String> = backup.entries.keys().cloned().collect();
        store::remove_keys(&keys)?;
        self.set_status(SaveStatus::Saved);
        self.unsaved.update_value(|unsaved| unsaved.clear());
        self.note_as_unsaved(self.manager().list_vms().unwrap_or_default(), &[]);
        // The host too: its key went with the rest.
        self.unsaved_host.set_value(Some(None));
        if self.flush() {
            self.save_events();
        }
        Ok(backup_key)
    }
}
