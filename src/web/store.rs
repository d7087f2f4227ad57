//! The only code that touches localStorage: moves the strings of [`crate::storage`] to and
//! from the browser. Storage may be missing (disabled, or access throws) or full; every call
//! reports that instead of panicking.
//!
//! The handle is gloo-storage's (`LocalStorage::raw`); its typed `get`/`set` are not used,
//! because every value here is text `crate::storage` encodes and decodes itself: a record is
//! read as it is stored, so one that doesn't decode can be backed up byte for byte, and a save
//! compares the stored text with the one its change was based on (`storage::sync`). gloo's
//! typed calls would decode first and lose both.

use gloo_storage::{LocalStorage, Storage as _};

use crate::manager::VmInfo;
use crate::storage::{self, Backup, Meta};

/// Why a write did not reach localStorage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// There is no localStorage (disabled, or the browser refuses access).
    Unavailable,
    /// The storage quota is full.
    Quota,
    /// The browser refused the write for another reason: its message, as it gave it.
    Refused(String),
}

impl SaveError {
    /// The error in words, in `lang`.
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        let texts = lang.texts();
        match self {
            SaveError::Unavailable => texts.save_error_unavailable.to_owned(),
            SaveError::Quota => texts.save_error_quota.to_owned(),
            SaveError::Refused(reason) => {
                crate::i18n::fill(texts.save_error_refused, &[("reason", reason)])
            }
        }
    }
}

impl std::fmt::Display for SaveError {
    /// In the page's language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(super::language::current()))
    }
}

/// The page's localStorage, if it has one. gloo's `LocalStorage::raw()` panics without one,
/// so availability is checked here first. Asked once per page: asking the window on every
/// read and write was ~2% of 10,000 `createVm` calls (measured).
fn local_storage() -> Option<web_sys::Storage> {
    thread_local! {
        static STORAGE: Option<web_sys::Storage> = web_sys::window()
            .and_then(|window| window.local_storage().ok().flatten())
            .map(|_| LocalStorage::raw());
    }
    STORAGE.with(Clone::clone)
}

fn refused(error: wasm_bindgen::JsValue) -> SaveError {
    let error = js_sys::Error::from(error);
    let name = error.name().as_string().unwrap_or_default();
    let message = error.message().as_string().unwrap_or_default();
    if name == "QuotaExceededError" {
        SaveError::Quota
    } else if message.is_empty() {
        SaveError::Refused(name)
    } else {
        SaveError::Refused(message)
    }
}

/// Every key in `storage` that starts with `prefix`.
fn keys_with_prefix(storage: &web_sys::Storage, prefix: &str) -> Vec<String> {
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect()
}

/// Every key and value of this app in localStorage (other apps' keys are skipped), or `None`
/// when there is no storage.
pub fn read_all() -> Option<Vec<(String, String)>> {
    let storage = local_storage()?;
    let entries = keys_with_prefix(&storage, storage::KEY_PREFIX)
        .into_iter()
        .filter_map(|key| {
            let value = storage.get_item(&key).ok().flatten()?;
            Some((key, value))
        })
        .collect();
    Some(entries)
}

/// The raw value under `key`: `Ok(None)` if there is none, `Err` if there is no storage.
pub fn read(key: &str) -> Result<Option<String>, SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    storage.get_item(key).map_err(refused)
}

/// Writes `value` under `key` as it is.
pub fn write(key: &str, value: &str) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    storage.set_item(key, value).map_err(refused)
}

/// The key [`has_room`] writes and removes in one call: outside the app's prefix, so that
/// nothing that reads the app's keys ever sees it.
const ROOM_PROBE_KEY: &str = "room-probe.vm-playground";

/// Whether storage has room for `units` more UTF-16 code units, asked the only way a page
/// can: a value of that length written and removed at once.
pub fn has_room(units: usize) -> Result<bool, SaveError> {
    match write(ROOM_PROBE_KEY, &"x".repeat(units)) {
        Ok(()) => remove_keys(&[ROOM_PROBE_KEY.to_owned()]).map(|()| true),
        Err(SaveError::Quota) => Ok(false),
        Err(error) => Err(error),
    }
}

/// Saves one VM's record.
pub fn save_vm(info: &VmInfo) -> Result<(), SaveError> {
    write(
        &storage::vm_key(&info.config.name),
        &storage::encode_vm(info),
    )
}

/// Saves the host's sizes.
pub fn save_host(host: &crate::manager::Host) -> Result<(), SaveError> {
    write(storage::HOST_KEY, &storage::encode_host(host))
}

/// Removes one VM's record.
pub fn remove_vm(name: &str) -> Result<(), SaveError> {
    remove_keys(&[storage::vm_key(name)])
}

/// Writes the format's metadata, which marks the storage as this app's.
pub fn save_meta() -> Result<(), SaveError> {
    write(storage::META_KEY, &Meta::current().encode())
}

/// Keeps `backup` under a key of its own: never one that holds a backup already.
pub fn save_backup(backup: &Backup) -> Result<String, SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    let key = Backup::unused_key(backup.created_at, |key| {
        storage.get_item(key).is_ok_and(|value| value.is_some())
    });
    storage.set_item(&key, &backup.encode()).map_err(refused)?;
    Ok(key)
}

/// The keys of the kept backups, in the order [`storage::load`] lists them.
pub fn backup_keys() -> Vec<String> {
    let mut keys = local_storage()
        .map(|storage| keys_with_prefix(&storage, storage::BACKUP_KEY_PREFIX))
        .unwrap_or_default();
    crate::ordering::sort_by_text(&mut keys, String::as_str);
    keys
}

/// The keys of every VM record in storage, readable or not.
pub fn vm_keys() -> Vec<String> {
    local_storage()
        .map(|storage| keys_with_prefix(&storage, storage::VM_KEY_PREFIX))
        .unwrap_or_default()
}

/// Removes the values under `keys`.
pub fn remove_keys(keys: &[String]) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    for key in keys {
        storage.remove_item(key).map_err(refused)?;
    }
    Ok(())
}
