//! The only code that touches localStorage: moves the strings of [`crate::storage`] to and
//! from the browser. Storage may be missing (disabled, or access throws) or full; every call
//! reports that instead of panicking.

use gloo_storage::{LocalStorage, Storage as _};

use crate::manager::VmInfo;
use crate::storage::{self, Loaded, Meta};

/// Why a write did not reach localStorage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// There is no localStorage (disabled, or the browser refuses access).
    Unavailable,
    /// The browser refused the write, most often because the quota is full.
    Refused(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Unavailable => f.write_str("this browser gives the page no localStorage"),
            SaveError::Refused(reason) => write!(f, "the browser refused to save: {reason}"),
        }
    }
}

/// The page's localStorage, if it has one. gloo's `LocalStorage::raw()` panics without one,
/// so availability is checked here first.
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Every key and value of this app in localStorage, parsed.
pub fn load() -> Option<Loaded> {
    let storage = local_storage()?;
    let length = storage.length().ok()?;
    let mut entries = Vec::new();
    for index in 0..length {
        let Some(key) = storage.key(index).ok().flatten() else {
            continue;
        };
        if !key.starts_with(storage::KEY_PREFIX) {
            continue;
        }
        if let Some(value) = storage.get_item(&key).ok().flatten() {
            entries.push((key, value));
        }
    }
    Some(storage::load(
        entries
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str())),
    ))
}

fn set_raw(key: &str, value: &str) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    storage.set_item(key, value).map_err(|error| {
        SaveError::Refused(
            js_sys::Error::from(error)
                .message()
                .as_string()
                .unwrap_or_else(|| "unknown error".into()),
        )
    })
}

/// Saves one VM's record.
pub fn save_vm(info: &VmInfo) -> Result<(), SaveError> {
    set_raw(
        &storage::vm_key(&info.config.name),
        &storage::encode_vm(info),
    )
}

/// Removes one VM's record.
pub fn remove_vm(name: &str) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    storage
        .remove_item(&storage::vm_key(name))
        .map_err(|_| SaveError::Refused("could not remove a record".into()))
}

/// Writes the format's metadata, which marks the storage as this app's.
pub fn save_meta() -> Result<(), SaveError> {
    if local_storage().is_none() {
        return Err(SaveError::Unavailable);
    }
    LocalStorage::set(storage::META_KEY, Meta::current())
        .map_err(|error| SaveError::Refused(error.to_string()))
}

/// The keys of every VM record in storage, readable or not.
pub fn vm_keys() -> Vec<String> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(storage::VM_KEY_PREFIX))
        .collect()
}

/// Removes the VM records under `keys`.
pub fn remove_keys(keys: &[String]) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    for key in keys {
        storage
            .remove_item(key)
            .map_err(|_| SaveError::Refused("could not remove a record".into()))?;
    }
    Ok(())
}
