//! Export and import: a round trip keeps everything; a bad or oversized file is refused whole
//! with the reason; bad entries are left out and named in the preview.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use vm_playground::i18n::Lang;
use vm_playground::json_bounds::JsonBoundError;
use vm_playground::manager::Host;
use vm_playground::storage::export::{
    export_json, parse_import, FileHost, ImportError, IMPORT_BOUNDS, MAX_IMPORT_BYTES,
    MAX_IMPORT_ENTRIES, PREVIEW_LABEL_CHARS, PREVIEW_PROBLEMS, PREVIEW_REASON_CHARS,
};
use vm_playground::{MockVmManager, VmConfig, VmManager, VmState};

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
    let text = export_json(&manager.saved_state().unwrap(), &Host::UNLIMITED, NOW);
    let preview = parse_import(&text, NOW).unwrap();
    assert_eq!(preview.rejected, 0);
    assert!(preview.problems.is_empty());
    assert_eq!(preview.vms, manager.saved_state().unwrap().vms);
    assert_eq!(preview.summary(vm_playground::i18n::Lang::En), "3 VMs");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], "vm-playground");
    assert_eq!(value["version"], 2);
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
    // "cafe\u0301" and "café" are one name (NFC).
    let text = r#"{"format":"vm-playground","version":1,"vms":[
        {"name":"ok"},
        {"name":"zero","memory":0},
        {"name":"ok"},
        {"config":{"name":"broken"},"state":"running"},
        42,
        {"name":"cafe\u0301"},
        {"name":"café"}
    ]}"#;
    let preview = parse_import(text, NOW).unwrap();
    assert_eq!(preview.vms.len(), 2);
    assert_eq!(preview.rejected, 5);
    let labels: Vec<String> = preview
        .problems
        .iter()
        .map(|(label, _)| label.to_string())
        .collect();
    assert_eq!(labels, ["'zero'", "'ok'", "'broken'", "entry 5", "'café'"]);
    assert_eq!(
        preview.problems[0].1.to_string(),
        "memory must be between 1 and 4194304 MB, got 0"
    );
    assert_eq!(
        preview.problems[1].1.to_string(),
        "the name is used twice in the file"
    );
    // The serde message, without a position: the entry is not the file's text.
    assert_eq!(
        preview.problems[2].1.to_string(),
        "unreadable record: missing field `memory`"
    );
    assert!(preview
        .summary(vm_playground::i18n::Lang::En)
        .starts_with("2 VMs, 5 invalid (left out): 'zero': memory must be between"));
    // In Russian, every reason is in Russian but the parser's own message.
    let russian = preview.summary(vm_playground::i18n::Lang::Ru);
    for words in [
        "«zero»: поле «память» должно быть от 1 до",
        "«ok»: это имя встречается в файле дважды",
        "«broken»: запись не читается: missing field `memory`",
        "запись 5: конфигурация ВМ должна быть объектом",
    ] {
        assert!(
            russian.contains(words),
            "{russian:?} should contain {words:?}"
        );
    }
}

#[test]
fn conflicts_are_the_names_that_exist_already() {
    let manager = demo();
    let text = export_json(&manager.saved_state().unwrap(), &Host::UNLIMITED, NOW);
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
fn a_file_that_is_no_export_is_refused_in_russian_words_with_where_it_stops() {
    let cases: [(&str, &str); 5] = [
        (
            "{\"format\":",
            "файл не является корректным JSON (строка 1, столбец 10)",
        ),
        ("[1,2]", "верхний уровень — не объект"),
        ("{\"vms\":[]}", "в нём нет \"format\": \"vm-playground\""),
        (
            "{\"format\":\"vm-playground\",\"version\":1}",
            "в нём нет списка \"vms\"",
        ),
        (
            "{\"format\":\"vm-playground\",\"version\":\"1\",\"vms\":[]}",
            "его \"version\" отсутствует",
        ),
    ];
    for (text, message) in cases {
        let error = parse_import(text, NOW).unwrap_err();
        let words = Lang::Ru.import_error(&error);
        assert!(words.contains(message), "{text:?}: {words}");
        // No English left in it but the names of the format's keys and of the app.
        let english = words
            .replace("JSON", "")
            .replace("VM Playground", "")
            .replace("format", "")
            .replace("vm-playground", "")
            .replace("version", "")
            .replace("vms", "");
        assert!(
            !english.chars().any(|c| c.is_ascii_alphabetic()),
            "{text:?}: {words}"
        );
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

/// `{"format":"vm-playground","version":1,"vms":[<entries>]}`.
fn file_of(entries: &str) -> String {
    format!(r#"{{"format":"vm-playground","version":1,"vms":[{entries}]}}"#)
}

#[test]
fn a_list_of_millions_of_entries_is_refused_at_the_entry_limit() {
    // Just under the import limit, and broken at its end: had the whole text been parsed,
    // the error would be the JSON one. The check stops at entry 25,001 and looks no further.
    let ones = "1,".repeat((MAX_IMPORT_BYTES - 100) / 2);
    let text = file_of(&format!("{ones}1 !! not JSON"));
    assert!(text.len() <= MAX_IMPORT_BYTES);
    let error = parse_import(&text, NOW).unwrap_err();
    assert_eq!(
        error,
        ImportError::TooComplex {
            bound: JsonBoundError::TooBroad {
                max: MAX_IMPORT_ENTRIES
            }
        }
    );
    assert_eq!(
        error.to_string(),
        "the file is too large to import: a list or object in it has more than 25000 entries"
    );
}

#[test]
fn a_preview_counts_every_entry_left_out_and_names_the_first_few() {
    let text = file_of(&vec!["1"; MAX_IMPORT_ENTRIES].join(","));
    let preview = parse_import(&text, NOW).unwrap();
    assert!(preview.vms.is_empty());
    assert_eq!(preview.rejected, MAX_IMPORT_ENTRIES);
    assert_eq!(preview.problems.len(), PREVIEW_PROBLEMS);
    assert_eq!(preview.problems[4].0.to_string(), "entry 5");
    let summary = preview.summary(vm_playground::i18n::Lang::En);
    assert!(
        summary.starts_with("0 VMs, 25,000 invalid (left out), the first 5: entry 1: "),
        "{summary}"
    );
    assert!(summary.len() < 1_000, "{} bytes", summary.len());
}

#[test]
fn deep_nesting_and_too_many_values_are_refused_before_parsing() {
    let deep = file_of(&format!("{}1{}", "[".repeat(20), "]".repeat(20)));
    assert_eq!(
        parse_import(&deep, NOW).unwrap_err(),
        ImportError::TooComplex {
            bound: JsonBoundError::TooDeep {
                max: IMPORT_BOUNDS.max_depth
            }
        }
    );
    // No list is longer than the entry limit, but together they hold too many values.
    let row = format!("[{}]", vec!["1"; 30].join(","));
    let many = file_of(&vec![row.as_str(); 20_000].join(","));
    assert!(many.len() <= MAX_IMPORT_BYTES);
    assert_eq!(
        parse_import(&many, NOW).unwrap_err(),
        ImportError::TooComplex {
            bound: JsonBoundError::TooManyValues {
                max: IMPORT_BOUNDS.max_values
            }
        }
    );
}

#[test]
fn a_preview_cuts_long_names_and_reasons() {
    let long = "x".repeat(100_000);
    let text = file_of(&format!(
        r#"{{"name":"{long}","memory":0}},{{"config":{{"name":"{long}"}},"state":"{long}"}}"#
    ));
    let preview = parse_import(&text, NOW).unwrap();
    assert_eq!(preview.rejected, 2);
    for (label, _) in &preview.problems {
        let label = label.to_string();
        assert!(label.chars().count() <= PREVIEW_LABEL_CHARS + 3, "{label}");
    }
    for lang in [Lang::En, Lang::Ru] {
        let summary = preview.summary(lang);
        assert!(summary.len() < 1_000, "{summary}");
    }

    // A name can't reorder or break the preview's sentence.
    let text = file_of(r#"{"name":"evil\u202Etxt.exe\nline","memory":0}"#);
    let preview = parse_import(&text, NOW).unwrap();
    assert_eq!(
        preview.problems[0].0.to_string(),
        r"'evil\u{202e}txt.exe\u{a}line'"
    );
}

#[test]
fn the_bounds_take_an_export_of_as_many_vms_as_the_entry_limit() {
    // The shape bounds must not refuse a real export of as many VMs as an import takes, each
    // with the most values a record has (pending changes, an ISO); the byte limit may.
    let manager = MockVmManager::new();
    for index in 0..MAX_IMPORT_ENTRIES {
        manager
            .create_vm(VmConfig {
                name: format!("vm-{index:05}"),
                disk_path: format!("/var/lib/libvirt/images/vm-{index:05}.qcow2"),
                iso_image: Some("/isos/debian-12.iso".into()),
                ..VmConfig::default()
            })
            .unwrap();
    }
    // Every VM with pending changes: the most values a record has.
    for index in 0..MAX_IMPORT_ENTRIES {
        let name = format!("vm-{index:05}");
        let mut config = manager.get_vm_info(&name).unwrap().config;
        config.memory = 2048;
        manager.update_vm_config(&name, config).unwrap();
    }
    let text = export_json(&manager.saved_state().unwrap(), &Host::UNLIMITED, NOW);
    assert_eq!(IMPORT_BOUNDS.check(&text), Ok(()));
}

#[test]
fn an_export_carries_the_host_and_the_preview_shows_it() {
    let manager = demo();
    let host = Host {
        memory: Some(8192),
        cpus: None,
        storage: Some(200),
        overcommit: true,
    };
    let text = export_json(&manager.saved_state().unwrap(), &host, NOW);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value["host"],
        serde_json::json!({"memory": 8192, "cpus": null, "storage": 200, "overcommit": true})
    );
    let preview = parse_import(&text, NOW).unwrap();
    assert_eq!(preview.host, FileHost::Usable(host));
    assert_eq!(preview.host_for_replace(), Some(host));
    assert_eq!(
        preview.host_summary(Lang::En),
        "The file's host: memory 8 GB (may be overcommitted), CPUs unlimited, storage pool 200 GB. \
         Replace puts the VMs on it; Merge keeps the host here."
    );
    assert!(preview
        .host_summary(Lang::Ru)
        .starts_with("Хост в файле: память 8"));
    let laptop = export_json(&manager.saved_state().unwrap(), &Host::LAPTOP, NOW);
    assert_eq!(
        parse_import(&laptop, NOW).unwrap().host_summary(Lang::En),
        "The file's host: memory 16 GB, CPUs 8, storage pool 500 GB. \
         Replace puts the VMs on it; Merge keeps the host here."
    );
}

#[test]
fn an_export_without_a_host_still_imports_and_keeps_the_host_here() {
    // As exported before the host existed.
    let text = r#"{"format":"vm-playground","version":1,"exportedAt":5,"vms":[{"name":"old"}]}"#;
    let preview = parse_import(text, NOW).unwrap();
    assert_eq!(preview.vms.len(), 1);
    assert_eq!(preview.host, FileHost::Absent);
    assert_eq!(preview.host_for_replace(), None);
    assert!(preview
        .host_summary(Lang::En)
        .starts_with("The file has no host"));
}

#[test]
fn a_bad_host_is_left_out_with_the_reason_and_the_vms_still_import() {
    let file = |host: &str| {
        format!(r#"{{"format":"vm-playground","version":1,"host":{host},"vms":[{{"name":"x"}}]}}"#)
    };
    let cases = [
        (
            r#"{"memory":0}"#,
            "the host's memory must be between 1 and 67108864 MB, got 0",
        ),
        (
            r#"{"cpus":99999}"#,
            "the host's cpus must be between 1 and 8192 CPUs, got 99999",
        ),
        (r#""big""#, "unreadable host: invalid type: string \"big\""),
        ("null", "unreadable host: invalid type: null"),
        (
            r#"{"memory":-1}"#,
            "unreadable host: invalid value: integer `-1`",
        ),
    ];
    for (host, reason) in cases {
        let preview = parse_import(&file(host), NOW).unwrap();
        assert_eq!(preview.vms.len(), 1, "{host}");
        assert_eq!(preview.host_for_replace(), None, "{host}");
        let FileHost::Unusable(found) = &preview.host else {
            panic!("{host}: {:?}", preview.host);
        };
        let found = found.to_string();
        assert!(found.starts_with(reason), "{host}: {found}");
        // No parser position: the host's text is not the file's.
        assert!(!found.contains(" at line "), "{found}");
        let summary = preview.host_summary(Lang::En);
        assert!(
            summary.starts_with("The file's host can't be used ("),
            "{summary}"
        );
        assert!(
            summary.ends_with("Replace and Merge keep the host here."),
            "{summary}"
        );
    }
    // A host's text is bounded like the rest of the file: a huge one is cut in the preview.
    let long = format!(r#"{{"memory":"{}"}}"#, "9".repeat(5_000));
    let preview = parse_import(&file(&long), NOW).unwrap();
    assert!(
        matches!(preview.host, FileHost::Unusable(_)),
        "{:?}",
        preview.host
    );
    for lang in [Lang::En, Lang::Ru] {
        let summary = preview.host_summary(lang);
        assert!(
            summary.chars().count() < PREVIEW_REASON_CHARS + 200,
            "{summary}"
        );
    }
}
