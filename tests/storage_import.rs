//! Export and import: a round trip keeps everything; a bad or oversized file is refused whole
//! with the reason; bad entries are left out and named in the preview.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use vm_playground::storage::export::{export_json, parse_import, ImportError, MAX_IMPORT_BYTES};
use vm_playground::{MockVmManager, VmConfig, VmState};

const NOW: u64 = 1_795_672_800_000;

fn demo() -> MockVmManager {
    let manager = MockVmManager::new();
    vm_playground::demo::load_demo(&manager).unwrap();
    manager
        .update_vm_config(
            "web-01",
            VmConfig {
                name: "web-01".into(),
                memory: 8192,
                ..manager.get_vm_info("web-01").unwrap().config
            },
        )
        .unwrap();
    manager
}

#[test]
fn an_export_imports_back_equal() {
    let manager = demo();
    let text = export_json(&manager.snapshot().unwrap(), NOW);
    let preview = parse_import(&text, NOW).unwrap();
    assert!(preview.rejected.is_empty());
    assert_eq!(preview.vms, manager.snapshot().unwrap().vms);
    assert_eq!(preview.summary(), "3 VMs");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], "vm-playground");
    assert_eq!(value["version"], 1);
    assert_eq!(value["exportedAt"], NOW);
}

#[test]
fn bare_configs_import_as_stopped_vms() {
    let text = r#"{"format":"vm-playground","version":1,"vms":[{"name":"lab-1","memory":512}]}"#;
    let preview = parse_import(text, NOW).unwrap();
    assert_eq!(preview.vms.len(), 1);
    assert_eq!(preview.vms[0].state, VmState::Stopped);
    assert_eq!(preview.vms[0].config.memory, 512);
    assert_eq!(preview.vms[0].created_at, NOW);
}

#[test]
fn bad_entries_are_left_out_and_named() {
    let text = r#"{"format":"vm-playground","version":1,"vms":[
        {"name":"ok"},
        {"name":"zero","memory":0},
        {"name":"ok"},
        {"config":{"name":"broken"},"state":"running"},
        42
    ]}"#;
    let preview = parse_import(text, NOW).unwrap();
    assert_eq!(preview.vms.len(), 1);
    let labels: Vec<&str> = preview
        .rejected
        .iter()
        .map(|(label, _)| label.as_str())
        .collect();
    assert_eq!(labels, ["'zero'", "'ok'", "'broken'", "entry 5"]);
    assert_eq!(
        preview.rejected[0].1,
        "memory must be between 1 and 4194304 MB, got 0"
    );
    assert_eq!(preview.rejected[1].1, "the name is used twice in the file");
    // The serde message, without a position: the entry is not the file's text.
    assert_eq!(preview.rejected[2].1, "missing field `memory`");
    assert!(preview
        .summary()
        .starts_with("1 VM, 4 invalid (left out): 'zero': memory must be between"));
}

#[test]
fn conflicts_are_the_names_that_exist_already() {
    let manager = demo();
    let text = export_json(&manager.snapshot().unwrap(), NOW);
    let preview = parse_import(&text, NOW).unwrap();
    let current: BTreeSet<String> = ["web-01".to_owned(), "other".to_owned()].into();
    assert_eq!(preview.conflicts(&current), ["web-01"]);
}

#[test]
fn files_that_are_not_exports_are_refused_with_the_reason() {
    let cases: [(&str, &str); 6] = [
        ("", "not valid JSON"),
        ("{\"format\":", "not valid JSON"),
        ("[1,2]", "the top level is not an object"),
        ("{\"vms\":[]}", "it has no \"format\": \"vm-playground\""),
        (
            "{\"format\":\"vm-playground\",\"version\":1}",
            "it has no \"vms\" list",
        ),
        (
            "{\"format\":\"vm-playground\",\"version\":\"1\",\"vms\":[]}",
            "\"version\" is missing",
        ),
    ];
    for (text, message) in cases {
        let error = parse_import(text, NOW).unwrap_err();
        assert!(error.to_string().contains(message), "{text:?}: {error}");
    }
}

#[test]
fn a_newer_export_is_refused() {
    let error = parse_import(
        "{\"format\":\"vm-playground\",\"version\":7,\"vms\":[]}",
        NOW,
    )
    .unwrap_err();
    assert_eq!(error, ImportError::NewerVersion { version: 7 });
    assert!(error.to_string().contains("newer version"));
}

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let text = " ".repeat(MAX_IMPORT_BYTES + 1);
    let error = parse_import(&text, NOW).unwrap_err();
    assert_eq!(
        error,
        ImportError::TooLarge {
            bytes: MAX_IMPORT_BYTES + 1
        }
    );
    assert_eq!(
        error.to_string(),
        "the file is 8.0 MB; at most 8 MB can be imported"
    );
}
