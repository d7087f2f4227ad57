//! Validation of `VmConfig`: every rule, allowed and refused side, the error variant and the
//! message a person reads; plus defaults and the JSON shape of the core's types.
#![allow(
    clippy::disallowed_methods,
    reason = "native-only code: the page's size habits don't apply"
)]
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use serde_json::{json, Value};
use vm_playground::{
    ConfigField, ConfigProblem, MockVmManager, VmConfig, VmError, VmInfo, VmManager, VmState,
};

fn named(name: &str) -> VmConfig {
    VmConfig {
        name: name.to_owned(),
        ..Default::default()
    }
}

/// Creates `config` in a fresh manager: Ok, or the error, after checking that a refusal left
/// the manager empty.
fn create(config: VmConfig) -> Result<VmInfo, VmError> {
    let manager = MockVmManager::new();
    let name = config.name.clone();
    match manager.create_vm(config) {
        Ok(()) => Ok(manager.get_vm_info(&name).expect("created VM is there")),
        Err(error) => {
            assert_eq!(
                manager.list_vms(),
                Ok(vec![]),
                "a refused create adds nothing"
            );
            Err(error)
        }
    }
}

fn refused(config: VmConfig) -> (ConfigField, ConfigProblem, String) {
    let via_validated = config
        .clone()
        .validated()
        .expect_err("config must be refused");
    let error = create(config).expect_err("create must refuse the config");
    assert_eq!(error, via_validated, "create and validated agree");
    let message = error.to_string();
    match error {
        VmError::InvalidConfig { field, problem } => (field, problem, message),
        other => panic!("expected InvalidConfig, got {other:?}"),
    }
}

fn assert_accepted(config: VmConfig) {
    let expected = config.clone();
    let info = create(config).unwrap_or_else(|e| panic!("{:?} refused: {e}", expected.name));
    // Kept in NFC: "cafe\u{301}" is stored as "café".
    assert_eq!(
        info.config.name,
        vm_playground::manager::nfc(&expected.name)
    );
    assert_eq!(info.state, VmState::Running);
}

// ---------------------------------------------------------------- name

#[test]
fn names_in_any_script_with_digits_dash_underscore_dot_are_accepted() {
    for name in [
        "веб-сервер-1",
        "web",
        "w",
        "7",
        "0day",
        "web-01",
        "web_01",
        "web.example.org",
        "a-b_c.d",
        "東京",
        "ελληνικά",
        "trailing-",
        "trailing.",
        "trailing_",
        "UPPER",
        // Marks that are part of letters: a virama, a combining accent, Thai vowel signs.
        "नमस्ते",
        "cafe\u{301}",
        "ภาษาไทย",
        "العربية",
    ] {
        assert_accepted(named(name));
    }
}

#[test]
fn a_combining_mark_cannot_start_a_name_and_punctuation_of_those_scripts_stays_out() {
    assert!(matches!(
        refused(named("\u{301}e")).1,
        ConfigProblem::BadFirstChar { ch: '\u{301}' }
    ));
    for name in ["नमस्ते।", "a\u{2010}b", "a\u{0E3F}"] {
        assert!(
            matches!(refused(named(name)).1, ConfigProblem::BadChar { .. }),
            "{name:?}"
        );
    }
}

#[test]
fn empty_name_is_refused() {
    let (field, problem, message) = refused(named(""));
    assert_eq!(field, ConfigField::Name);
    assert_eq!(problem, ConfigProblem::Empty);
    assert_eq!(message, "name must not be empty");
}

#[test]
fn blank_names_are_refused() {
    for name in ["   ", " ", "\t", " \t "] {
        let (field, problem, _) = refused(named(name));
        assert_eq!(field, ConfigField::Name, "{name:?}");
        assert_eq!(problem, ConfigProblem::Blank, "{name:?}");
    }
    let (_, _, message) = refused(named("   "));
    assert_eq!(message, "name must not be only spaces");
}

#[test]
fn name_with_a_space_is_refused_and_the_message_shows_the_space() {
    let (field, problem, message) = refused(named("has space"));
    assert_eq!(field, ConfigField::Name);
    assert!(
        matches!(problem, ConfigProblem::BadChar { ch: ' ', .. }),
        "{problem:?}"
    );
    assert_eq!(
        message,
        "name may contain only letters, digits, '-', '_' and '.', not a space"
    );
}

#[test]
fn names_with_forbidden_characters_are_refused() {
    for (name, bad) in [
        ("a/b", '/'),
        ("a\\b", '\\'),
        ("a:b", ':'),
        ("a@b", '@'),
        ("a+b", '+'),
        ("web\n", '\n'),
        ("a\u{0}b", '\u{0}'),
        ("web 01", ' '),
    ] {
        let (field, problem, _) = refused(named(name));
        assert_eq!(field, ConfigField::Name, "{name:?}");
        assert!(
            matches!(problem, ConfigProblem::BadChar { ch, .. } if ch == bad),
            "{name:?}: {problem:?}"
        );
    }
    let (_, _, message) = refused(named("a/b"));
    assert_eq!(
        message,
        "name may contain only letters, digits, '-', '_' and '.', not '/'"
    );
}

#[test]
fn names_must_start_with_a_letter_or_digit() {
    for (name, first) in [
        ("<script>", '<'),
        ("-web", '-'),
        (".web", '.'),
        ("_web", '_'),
        (" web", ' '),
        ("-", '-'),
    ] {
        let (field, problem, _) = refused(named(name));
        assert_eq!(field, ConfigField::Name, "{name:?}");
        assert_eq!(
            problem,
            ConfigProblem::BadFirstChar { ch: first },
            "{name:?}"
        );
    }
    let (_, _, message) = refused(named("<script>"));
    assert_eq!(message, "name must start with a letter or digit, not '<'");
    let (_, _, message) = refused(named("-web"));
    assert_eq!(message, "name must start with a letter or digit, not '-'");
}

#[test]
fn name_length_is_counted_in_characters_up_to_64() {
    assert_accepted(named(&"a".repeat(64)));
    // 64 Cyrillic letters are 128 bytes: the limit is in characters, not bytes.
    assert_accepted(named(&"я".repeat(64)));

    let (field, problem, message) = refused(named(&"a".repeat(65)));
    assert_eq!(field, ConfigField::Name);
    assert_eq!(problem, ConfigProblem::TooLong { max: 64, got: 65 });
    assert_eq!(message, "name must be at most 64 characters, got 65");

    let (_, problem, _) = refused(named(&"я".repeat(65)));
    assert_eq!(problem, ConfigProblem::TooLong { max: 64, got: 65 });
}

// ---------------------------------------------------------------- numbers

fn check_bounds(
    field: ConfigField,
    min: u64,
    max: u64,
    set: impl Fn(&mut VmConfig, u64),
    unit: &str,
    label: &str,
) {
    let with = |value: u64| {
        let mut config = named("vm");
        set(&mut config, value);
        config
    };
    for ok in [min, min + 1, max - 1, max] {
        let info = create(with(ok)).unwrap_or_else(|e| panic!("{field} = {ok} refused: {e}"));
        assert_eq!(info.config, with(ok));
    }
    for bad in [min - 1, max + 1] {
        let (got_field, problem, message) = refused(with(bad));
        assert_eq!(got_field, field);
        assert_eq!(problem, ConfigProblem::OutOfRange { min, max, got: bad });
        assert_eq!(
            message,
            format!("{label} must be between {min} and {max}{unit}, got {bad}")
        );
    }
}

#[test]
fn memory_is_between_1_and_4194304_mb() {
    check_bounds(
        ConfigField::Memory,
        1,
        4_194_304,
        |c, v| c.memory = v,
        " MB",
        "memory",
    );
    let (_, _, message) = refused(VmConfig {
        memory: 0,
        ..named("vm")
    });
    assert_eq!(message, "memory must be between 1 and 4194304 MB, got 0");
    let (_, problem, _) = refused(VmConfig {
        memory: u64::MAX,
        ..named("vm")
    });
    assert!(matches!(
        problem,
        ConfigProblem::OutOfRange { got: u64::MAX, .. }
    ));
}

#[test]
fn vcpus_are_between_1_and_512() {
    check_bounds(
        ConfigField::Vcpus,
        1,
        512,
        |c, v| c.vcpus = u32::try_from(v).unwrap(),
        "",
        "vCPUs",
    );
    let (_, _, message) = refused(VmConfig {
        vcpus: 0,
        ..named("vm")
    });
    assert_eq!(message, "vCPUs must be between 1 and 512, got 0");
    let (_, problem, _) = refused(VmConfig {
        vcpus: u32::MAX,
        ..named("vm")
    });
    assert_eq!(
        problem,
        ConfigProblem::OutOfRange {
            min: 1,
            max: 512,
            got: u64::from(u32::MAX)
        }
    );
}

#[test]
fn disk_size_is_between_1_and_65536_gb() {
    check_bounds(
        ConfigField::DiskSize,
        1,
        65_536,
        |c, v| c.disk_size = v,
        " GB",
        "disk size",
    );
    let (_, _, message) = refused(VmConfig {
        disk_size: 65_537,
        ..named("vm")
    });
    assert_eq!(
        message,
        "disk size must be between 1 and 65536 GB, got 65537"
    );
}

// ---------------------------------------------------------------- network

#[test]
fn networks_of_letters_digits_dash_underscore_are_accepted() {
    for network in [
        "default", "isolated", "bridged", "br0", "br-0", "my_net", "0", "-", "_x", "сеть",
    ] {
        let config = VmConfig {
            network: network.to_owned(),
            ..named("vm")
        };
        let info = create(config).unwrap_or_else(|e| panic!("network {network:?} refused: {e}"));
        assert_eq!(info.config.network, network);
    }
}

#[test]
fn bad_networks_are_refused() {
    let net = |network: &str| VmConfig {
        network: network.to_owned(),
        ..named("vm")
    };

    let (field, problem, message) = refused(net(""));
    assert_eq!(field, ConfigField::Network);
    assert_eq!(problem, ConfigProblem::Empty);
    assert_eq!(message, "network must not be empty");

    let (field, problem, message) = refused(net("  "));
    assert_eq!(field, ConfigField::Network);
    assert_eq!(problem, ConfigProblem::Blank);
    assert_eq!(message, "network must not be only spaces");

    for (network, bad) in [
        ("my net", ' '),
        ("a.b", '.'),
        ("a/b", '/'),
        (" default", ' '),
        ("default\t", '\t'),
    ] {
        let (field, problem, _) = refused(net(network));
        assert_eq!(field, ConfigField::Network, "{network:?}");
        assert!(
            matches!(problem, ConfigProblem::BadChar { ch, .. } if ch == bad),
            "{network:?}: {problem:?}"
        );
    }
    let (_, _, message) = refused(net("a.b"));
    assert_eq!(
        message,
        "network may contain only letters, digits, '-' and '_', not '.'"
    );
}

// ---------------------------------------------------------------- disk path, ISO

/// Any text is a disk path, as in the seed, within the limits: see `core_limits.rs` for the
/// length and the characters that are refused.
#[test]
fn disk_path_is_any_text_within_the_limits() {
    for path in [
        "",
        "   ",
        "/mock/path/disk.qcow2",
        "relative/../../etc/passwd",
        "C:\\VMs\\disk.vhdx",
        "диск.img",
        "with space and <tags>",
    ] {
        let config = VmConfig {
            disk_path: path.to_owned(),
            ..named("vm")
        };
        let info = create(config).unwrap_or_else(|e| panic!("disk path {path:?} refused: {e}"));
        assert_eq!(info.config.disk_path, path);
    }
}

#[test]
fn empty_iso_image_is_stored_as_none_and_others_are_kept() {
    let manager = MockVmManager::new();
    manager
        .create_vm(VmConfig {
            iso_image: Some(String::new()),
            ..named("empty-iso")
        })
        .unwrap();
    assert_eq!(
        manager.get_vm_info("empty-iso").unwrap().config.iso_image,
        None
    );

    manager
        .define_vm(VmConfig {
            iso_image: Some(String::new()),
            ..named("defined")
        })
        .unwrap();
    assert_eq!(
        manager.get_vm_info("defined").unwrap().config.iso_image,
        None
    );

    manager
        .create_vm(VmConfig {
            iso_image: Some("/iso/debian.iso".into()),
            ..named("with-iso")
        })
        .unwrap();
    assert_eq!(
        manager
            .get_vm_info("with-iso")
            .unwrap()
            .config
            .iso_image
            .as_deref(),
        Some("/iso/debian.iso")
    );
    // Not trimmed or otherwise checked: only the empty string is special.
    manager
        .create_vm(VmConfig {
            iso_image: Some(" ".into()),
            ..named("space-iso")
        })
        .unwrap();
    assert_eq!(
        manager
            .get_vm_info("space-iso")
            .unwrap()
            .config
            .iso_image
            .as_deref(),
        Some(" ")
    );

    // An update normalises the same way.
    manager.stop_vm("with-iso").unwrap();
    manager
        .update_vm_config(
            "with-iso",
            VmConfig {
                iso_image: Some(String::new()),
                ..named("with-iso")
            },
        )
        .unwrap();
    assert_eq!(
        manager.get_vm_info("with-iso").unwrap().config.iso_image,
        None
    );

    assert_eq!(
        VmConfig {
            iso_image: Some(String::new()),
            ..named("x")
        }
        .validated()
        .unwrap()
        .iso_image,
        None
    );
}

// ---------------------------------------------------------------- several faults

#[test]
fn the_first_fault_in_field_order_is_reported_and_problems_lists_them_all() {
    let config = VmConfig {
        name: "bad name".into(),
        memory: 0,
        vcpus: 0,
        disk_path: "anything".into(),
        disk_size: 0,
        iso_image: None,
        network: String::new(),
    };
    let (field, _, _) = refused(config.clone());
    assert_eq!(field, ConfigField::Name);
    let fields: Vec<ConfigField> = config.problems().into_iter().map(|(f, _)| f).collect();
    assert_eq!(
        fields,
        [
            ConfigField::Name,
            ConfigField::Memory,
            ConfigField::Vcpus,
            ConfigField::DiskSize,
            ConfigField::Network
        ]
    );

    let (field, _, _) = refused(VmConfig {
        vcpus: 0,
        disk_size: 0,
        ..named("ok")
    });
    assert_eq!(field, ConfigField::Vcpus);

    assert!(named("fine").problems().is_empty());
}

#[test]
fn invalid_config_error_has_a_stable_code_and_names_the_field() {
    let error = named("").validated().unwrap_err();
    assert_eq!(error.code(), "InvalidConfig");
    assert_eq!(error.field(), Some(ConfigField::Name));
    let error = VmConfig {
        disk_size: 0,
        ..named("x")
    }
    .validated()
    .unwrap_err();
    assert_eq!(error.field(), Some(ConfigField::DiskSize));
}

// ---------------------------------------------------------------- defaults

#[test]
fn default_config_is_the_documented_starter() {
    let config = VmConfig::default();
    assert_eq!(config.name, "");
    assert_eq!(config.memory, 1024);
    assert_eq!(config.vcpus, 1);
    assert_eq!(config.disk_path, "");
    assert_eq!(config.disk_size, 10);
    assert_eq!(config.iso_image, None);
    assert_eq!(config.network, "default");
    // The default has no name, so it is not valid on its own...
    assert_eq!(
        config.validated().unwrap_err().field(),
        Some(ConfigField::Name)
    );
}

#[test]
fn struct_update_from_default_makes_a_valid_config() {
    let name = String::from("starter");
    let config = VmConfig {
        name,
        ..Default::default()
    };
    let manager = MockVmManager::new();
    manager.create_vm(config.clone()).unwrap();
    assert_eq!(manager.get_vm_info("starter").unwrap().config, config);
}

// ---------------------------------------------------------------- JSON

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn vm_config_json_uses_camel_case_field_names() {
    let config = VmConfig {
        name: "my-vm".into(),
        memory: 2048,
        vcpus: 2,
        disk_path: "/mock/path/disk.qcow2".into(),
        disk_size: 20,
        iso_image: Some("/iso/x.iso".into()),
        network: "default".into(),
    };
    let value = serde_json::to_value(&config).unwrap();
    assert_eq!(
        value,
        json!({
            "name": "my-vm",
            "memory": 2048,
            "vcpus": 2,
            "diskPath": "/mock/path/disk.qcow2",
            "diskSize": 20,
            "isoImage": "/iso/x.iso",
            "network": "default",
        })
    );
    let back: VmConfig = serde_json::from_value(value).unwrap();
    assert_eq!(back, config);

    let none = serde_json::to_value(named("x")).unwrap();
    assert_eq!(none["isoImage"], Value::Null);

    // isoImage may be left out.
    let parsed: VmConfig = serde_json::from_value(json!({
        "name": "x", "memory": 1, "vcpus": 1, "diskPath": "", "diskSize": 1, "network": "n",
    }))
    .unwrap();
    assert_eq!(parsed.iso_image, None);

    // snake_case names are not the JSON names.
    assert!(serde_json::from_value::<VmConfig>(json!({
        "name": "x", "memory": 1, "vcpus": 1, "disk_path": "", "disk_size": 1, "network": "n",
    }))
    .is_err());
}

#[test]
fn vm_state_serialises_as_lowercase_words() {
    for (state, word) in [
        (VmState::Stopped, "stopped"),
        (VmState::Running, "running"),
        (VmState::Paused, "paused"),
    ] {
        assert_eq!(serde_json::to_value(state).unwrap(), json!(word));
        assert_eq!(
            serde_json::from_value::<VmState>(json!(word)).unwrap(),
            state
        );
        assert_eq!(state.to_string(), word);
        assert_eq!(state.as_str(), word);
        assert_eq!(VmState::parse(word), Some(state));
    }
    assert!(serde_json::from_value::<VmState>(json!("Running")).is_err());
    assert_eq!(VmState::parse("Running"), None);
}

#[test]
fn vm_info_json_has_config_state_pending_times_and_revision() {
    let manager = MockVmManager::with_clock(Box::new(|| 1_700_000_000_000));
    manager.create_vm(named("web")).unwrap();
    manager
        .update_vm_config(
            "web",
            VmConfig {
                memory: 4096,
                ..named("web")
            },
        )
        .unwrap();
    let info = manager.get_vm_info("web").unwrap();
    let value = serde_json::to_value(&info).unwrap();
    assert_eq!(
        keys(&value),
        BTreeSet::from([
            "config",
            "state",
            "pending",
            "createdAt",
            "stateChangedAt",
            "revision"
        ])
    );
    assert_eq!(value["state"], json!("running"));
    assert_eq!(value["config"]["name"], json!("web"));
    assert_eq!(value["pending"]["memory"], json!(4096));
    assert_eq!(value["createdAt"], json!(1_700_000_000_000u64));
    assert_eq!(value["stateChangedAt"], json!(1_700_000_000_000u64));
    assert_eq!(value["revision"], json!(2));

    let back: VmInfo = serde_json::from_value(value).unwrap();
    assert_eq!(back, info);
}
