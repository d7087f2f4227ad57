//! Tier 2: the storage layer against the real localStorage of headless Chromium.
#![cfg(target_arch = "wasm32")]

use vm_playground::storage::{vm_key, META_KEY};
use vm_playground::web::store;
use vm_playground::{MockVmManager, SavedState, VmConfig, VmManager};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn load() -> vm_playground::storage::Loaded {
    let entries = store::read_all().unwrap();
    vm_playground::storage::load(entries.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn saved_vms_load_back_and_other_apps_keys_are_untouched() {
    let storage = local_storage();
    storage.clear().unwrap();
    storage.set_item("another-app", "not json at all").unwrap();

    let manager = MockVmManager::with_clock(Box::new(|| js_sys::Date::now() as u64));
    for name in ["web-01", "db"] {
        manager
            .create_vm(VmConfig {
                name: name.into(),
                ..Default::default()
            })
            .unwrap();
    }
    manager.pause_vm("db").unwrap();
    store::save_meta().unwrap();
    for info in manager.saved_state().unwrap().vms {
        store::save_vm(&info).unwrap();
    }

    let loaded = load();
    assert!(!loaded.first_visit);
    assert!(loaded.problems.is_empty());
    assert_eq!(SavedState::from(loaded.vms), manager.saved_state().unwrap());
    assert!(storage.get_item(META_KEY).unwrap().is_some());

    store::remove_vm("db").unwrap();
    assert_eq!(storage.get_item(&vm_key("db")).unwrap(), None);
    store::remove_keys(&store::vm_keys()).unwrap();
    assert!(load().vms.is_empty());
    assert_eq!(
        storage.get_item("another-app").unwrap().as_deref(),
        Some("not json at all")
    );
}

#[wasm_bindgen_test]
fn a_corrupt_record_is_reported_and_left_in_place() {
    let storage = local_storage();
    storage.clear().unwrap();
    storage.set_item(META_KEY, r#"{"version":1}"#).unwrap();
    storage.set_item(&vm_key("broken"), "{\"config\":").unwrap();
    let loaded = load();
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(loaded.problems[0].key, vm_key("broken"));
    assert_eq!(
        storage.get_item(&vm_key("broken")).unwrap().as_deref(),
        Some("{\"config\":")
    );
}

#[wasm_bindgen_test]
fn the_panic_banner_says_the_data_is_safe_and_offers_a_reload() {
    vm_playground::web::panic::show_banner();
    vm_playground::web::panic::show_banner();
    let document = web_sys::window().unwrap().document().unwrap();
    let banner_count = document.body().unwrap().child_element_count();
    vm_playground::web::panic::show_banner();
    assert_eq!(
        document.body().unwrap().child_element_count(),
        banner_count,
        "shown once"
    );
    let banner = document.get_element_by_id("panic-banner").unwrap();
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert!(banner.text_content().unwrap().contains("Your VMs are safe"));
    let button = banner.query_selector("button").unwrap().unwrap();
    assert_eq!(button.text_content().as_deref(), Some("Reload"));
}

#[wasm_bindgen_test]
fn backups_and_raw_reads_use_the_real_storage() {
    let storage = local_storage();
    storage.clear().unwrap();
    let mut entries = std::collections::BTreeMap::new();
    entries.insert(vm_key("x"), "{broken".to_owned());
    let backup = vm_playground::storage::Backup {
        created_at: 42,
        reasons: vec!["unreadable".into()],
        entries,
    };
    let key = store::save_backup(&backup).unwrap();
    assert_eq!(key, "vm-playground:backup:42");
    let text = store::read(&key).unwrap().unwrap();
    assert_eq!(
        serde_json::from_str::<vm_playground::storage::Backup>(&text).unwrap(),
        backup
    );
    assert_eq!(store::read("vm-playground:nothing").unwrap(), None);
    let loaded = load();
    assert_eq!(loaded.backups, std::slice::from_ref(&key));
    // The keys alone (what another tab's new backup makes this tab read) are the loader's.
    let later = store::save_backup(&vm_playground::storage::Backup {
        created_at: 43,
        ..backup.clone()
    })
    .unwrap();
    assert_eq!(store::backup_keys(), load().backups);
    assert_eq!(store::backup_keys(), [key.clone(), later.clone()]);
    store::remove_keys(std::slice::from_ref(&later)).unwrap();
    store::remove_keys(std::slice::from_ref(&key)).unwrap();
    assert_eq!(store::read(&key).unwrap(), None);
}

#[wasm_bindgen_test]
fn a_full_quota_is_a_refused_save_not_a_panic() {
    let storage = local_storage();
    storage.clear().unwrap();
    let mut size = 256 * 1024;
    let mut count = 0;
    while size >= 1 {
        let chunk = "x".repeat(size);
        while storage.set_item(&format!("filler-{count}"), &chunk).is_ok() {
            count += 1;
        }
        size /= 2;
    }
    let manager = MockVmManager::new();
    manager
        .create_vm(VmConfig {
            name: "no-room".into(),
            ..Default::default()
        })
        .unwrap();
    let error = store::save_vm(&manager.get_vm_info("no-room").unwrap()).unwrap_err();
    assert_eq!(error, store::SaveError::Quota);
    storage.clear().unwrap();
    store::save_vm(&manager.get_vm_info("no-room").unwrap()).unwrap();
}

#[wasm_bindgen_test]
fn two_backups_in_one_millisecond_get_two_keys_and_neither_is_overwritten() {
    let storage = local_storage();
    storage.clear().unwrap();
    let backup = |reason: &str| vm_playground::storage::Backup {
        created_at: 7,
        reasons: vec![reason.into()],
        entries: std::collections::BTreeMap::new(),
    };
    let first = store::save_backup(&backup("first")).unwrap();
    let second = store::save_backup(&backup("second")).unwrap();
    let third = store::save_backup(&backup("third")).unwrap();
    assert_eq!(
        [first.as_str(), second.as_str(), third.as_str()],
        [
            "vm-playground:backup:7",
            "vm-playground:backup:7-1",
            "vm-playground:backup:7-2"
        ]
    );
    assert!(store::read(&first).unwrap().unwrap().contains("first"));
    assert!(store::read(&second).unwrap().unwrap().contains("second"));
    assert_eq!(store::backup_keys(), [first, second, third]);
    assert_eq!(store::backup_keys(), load().backups);
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
fn the_panic_banner_does_not_claim_unsaved_changes_were_saved() {
    use vm_playground::web::panic;
    let document = web_sys::window().unwrap().document().unwrap();
    let remove_banner = || {
        if let Some(banner) = document.get_element_by_id("panic-banner") {
            banner.remove();
        }
    };
    remove_banner();
    panic::note_saving(false);
    panic::show_banner();
    let text = document
        .get_element_by_id("panic-banner")
        .unwrap()
        .text_content()
        .unwrap();
    assert!(text.contains("were not saved"), "{text}");
    assert!(!text.contains("every change was saved"), "{text}");
    remove_banner();
    panic::note_saving(true);
    panic::show_banner();
    let text = document
        .get_element_by_id("panic-banner")
        .unwrap()
        .text_content()
        .unwrap();
    assert!(text.contains("every change was saved"), "{text}");
}
