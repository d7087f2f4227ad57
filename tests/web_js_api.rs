//! Tier 2: the standalone `MockVmManager` class as JavaScript sees it: every method, every
//! error code, and wrong JS types, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use vm_playground::web::js_api::JsVmManager;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Evaluates a JavaScript expression (test inputs that Rust can't build directly).
fn js(source: &str) -> JsValue {
    js_sys::eval(&format!("({source})")).expect("valid test JavaScript")
}

fn prop(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

/// The thrown error's (message, code, field).
fn thrown<T: std::fmt::Debug>(result: Result<T, JsValue>) -> (String, String, Option<String>) {
    let error = result.expect_err("the call should throw");
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "thrown value is an Error"
    );
    let error: js_sys::Error = error.unchecked_into();
    let value: &JsValue = error.as_ref();
    (
        error.message().into(),
        prop(value, "code").as_string().unwrap(),
        prop(value, "field").as_string(),
    )
}

fn manager_with_web() -> JsVmManager {
    let manager = JsVmManager::new();
    manager
        .create_vm(js(r#"{ name: "web", memory: 2048, vcpus: 2, diskPath: "/d.qcow2", diskSize: 20, isoImage: null, network: "default" }"#))
        .unwrap();
    manager
}

#[wasm_bindgen_test]
fn the_seed_example_runs_from_javascript() {
    let manager = manager_with_web();
    assert_eq!(manager.list_vms().unwrap(), ["web"]);
    assert_eq!(manager.get_vm_state("web".into()).unwrap(), "running");
    manager.stop_vm("web".into()).unwrap();
    manager.start_vm("web".into()).unwrap();
    manager.stop_vm("web".into()).unwrap();
    manager.delete_vm("web".into(), JsValue::UNDEFINED).unwrap();
    assert!(manager.list_vms().unwrap().is_empty());
    manager.close().unwrap();
    manager.close().unwrap();
    assert_eq!(thrown(manager.list_vms()).1, "Closed");
    assert_eq!(thrown(manager.start_vm("web".into())).1, "Closed");
}

#[wasm_bindgen_test]
fn get_vm_info_returns_a_plain_object() {
    let manager = manager_with_web();
    let info = manager.get_vm_info("web".into()).unwrap();
    let config = prop(&info, "config");
    assert_eq!(prop(&config, "name").as_string().as_deref(), Some("web"));
    assert_eq!(prop(&config, "memory").as_f64(), Some(2048.0));
    assert_eq!(
        prop(&config, "diskPath").as_string().as_deref(),
        Some("/d.qcow2")
    );
    assert!(prop(&config, "isoImage").is_null());
    assert_eq!(prop(&info, "state").as_string().as_deref(), Some("running"));
    assert!(prop(&info, "pending").is_null());
    assert!(prop(&info, "createdAt").as_f64().unwrap() > 1.7e12);
    assert_eq!(prop(&info, "revision").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn pause_resume_define_and_pending_changes() {
    let manager = manager_with_web();
    manager.pause_vm("web".into()).unwrap();
    assert_eq!(manager.get_vm_state("web".into()).unwrap(), "paused");
    manager.resume_vm("web".into()).unwrap();
    let outcome = manager
        .update_vm_config("web".into(), js(r#"{ name: "web", memory: 4096 }"#))
        .unwrap();
    assert_eq!(outcome, "pending");
    let pending = prop(&manager.get_vm_info("web".into()).unwrap(), "pending");
    assert_eq!(prop(&pending, "memory").as_f64(), Some(4096.0));
    assert!(manager.discard_pending("web".into()).unwrap());
    assert!(!manager.discard_pending("web".into()).unwrap());
    manager
        .update_vm_config("web".into(), js(r#"{ name: "web", memory: 4096 }"#))
        .unwrap();
    manager.stop_vm("web".into()).unwrap();
    let config = prop(&manager.get_vm_info("web".into()).unwrap(), "config");
    assert_eq!(prop(&config, "memory").as_f64(), Some(4096.0));
    assert_eq!(
        manager
            .update_vm_config("web".into(), js(r#"{ name: "web2", memory: 4096 }"#))
            .unwrap(),
        "applied"
    );
    manager.define_vm(js(r#"{ name: "idle" }"#)).unwrap();
    assert_eq!(manager.get_vm_state("idle".into()).unwrap(), "stopped");
    assert_eq!(manager.list_vms().unwrap(), ["idle", "web2"]);
}

#[wasm_bindgen_test]
fn every_error_code() {
    let manager = manager_with_web();
    assert_eq!(
        thrown(manager.get_vm_info("nope".into())),
        ("no VM named 'nope' exists".into(), "NotFound".into(), None)
    );
    assert_eq!(
        thrown(manager.create_vm(js(r#"{ name: "web" }"#))),
        (
            "a VM named 'web' already exists".into(),
            "AlreadyExists".into(),
            None
        )
    );
    assert_eq!(
        thrown(manager.start_vm("web".into())),
        (
            "cannot start 'web': it is already running".into(),
            "InvalidTransition".into(),
            None
        )
    );
    assert_eq!(
        thrown(manager.update_vm_config("web".into(), js(r#"{ name: "other" }"#))).1,
        "InvalidTransition"
    );
    let (message, code, field) = thrown(manager.create_vm(js(r#"{ name: "x", memory: 0 }"#)));
    assert_eq!(message, "memory must be between 1 and 4194304 MB, got 0");
    assert_eq!(
        (code.as_str(), field.as_deref()),
        ("InvalidConfig", Some("memory"))
    );
    manager.close().unwrap();
    assert_eq!(thrown(manager.get_vm_state("web".into())).1, "Closed");
}

#[wasm_bindgen_test]
fn wrong_javascript_types_are_invalid_config_not_traps() {
    let manager = JsVmManager::new();
    let cases: [(&str, &str, Option<&str>); 14] = [
        (
            r#"(() => { const loop = {}; loop.self = loop; return { name: "a", memory: loop }; })()"#,
            "memory must be a whole number, got an object nested too deep (or containing itself)",
            Some("memory"),
        ),
        (
            r#"{ name: "a", memory: -Infinity }"#,
            "memory must be a whole number, got -Infinity",
            Some("memory"),
        ),
        (
            r#"{ name: "a", vcpus: [2] }"#,
            "vCPUs must be a whole number, got an array",
            Some("vcpus"),
        ),
        (
            r#"{ name: "a", memory: 10n }"#,
            "memory must be a whole number, got a bigint",
            Some("memory"),
        ),
        (
            r#"{ name: "a", memory: "1024" }"#,
            "memory must be a whole number, got the string \"1024\"",
            Some("memory"),
        ),
        (r#"{ memory: 1024 }"#, "name is required", Some("name")),
        (
            "null",
            "a VM config must be an object like { name: \"web-01\", memory: 1024 }, got null",
            None,
        ),
        (
            "undefined",
            "a VM config must be an object like { name: \"web-01\", memory: 1024 }, got undefined",
            None,
        ),
        (
            r#"{ name: "a", memory: -5 }"#,
            "memory must be a whole number, got -5",
            Some("memory"),
        ),
        (
            r#"{ name: "a", vcpus: 1.5 }"#,
            "vCPUs must be a whole number, got 1.5",
            Some("vcpus"),
        ),
        (
            r#"{ name: "a", diskSize: NaN }"#,
            "disk size must be a whole number, got NaN",
            Some("diskSize"),
        ),
        (
            r#"{ name: "a", memory: () => 1 }"#,
            "memory must be a whole number, got a function",
            Some("memory"),
        ),
        (
            r#"{ name: 42 }"#,
            "name must be a string, got 42",
            Some("name"),
        ),
        (
            r#"{ name: "a", memroy: 1 }"#,
            "unknown config field \"memroy\" (did you mean \"memory\"?)",
            Some("memory"),
        ),
    ];
    for (source, message, field) in cases {
        let (got_message, code, got_field) = thrown(manager.create_vm(js(source)));
        assert_eq!(got_message, message, "{source}");
        assert_eq!(code, "InvalidConfig", "{source}");
        assert_eq!(got_field.as_deref(), field, "{source}");
    }
    assert!(
        manager.list_vms().unwrap().is_empty(),
        "nothing was created"
    );
    for name in [js("5"), js("null"), js("undefined"), js("{}")] {
        assert_eq!(thrown(manager.start_vm(name)).1, "InvalidConfig");
    }
}

/// Issue 12: argument conversion does work bounded by a small budget, whatever the argument:
/// a shared nested array (2^30 paths in a few hundred bytes) used to hang the page.
#[wasm_bindgen_test]
fn arguments_that_would_take_unbounded_work_are_refused_at_once() {
    let manager = JsVmManager::new();
    let too_many = "an array or object holding more than 64 values in all (a config holds 8)";
    let shared = r#"(() => { let x = []; for (let i = 0; i < 30; i++) x = [x, x]; return x; })()"#;
    let cases: Vec<(String, String, Option<&str>)> = vec![
        (
            format!(r#"{{ name: "a", memory: {shared} }}"#),
            format!("memory must be a whole number, got {too_many}"),
            Some("memory"),
        ),
        (
            r#"{ name: "a", vcpus: new Array(1e9) }"#.into(),
            "vCPUs must be a whole number, got an array of 1000000000 elements".into(),
            Some("vcpus"),
        ),
        (
            r#"{ name: "a", network: Object.fromEntries(Array.from({ length: 1e5 }, (_, i) => ["k" + i, i])) }"#.into(),
            "network must be a string, got an object with 100000 keys".into(),
            Some("network"),
        ),
        (
            r#"{ name: "a", diskPath: "x".repeat(3e6) }"#.into(),
            "disk path must be at most 1024 characters, got 3000000".into(),
            Some("diskPath"),
        ),
        (
            r#"{ name: "x".repeat(3e6) }"#.into(),
            "name must be at most 64 characters, got 3000000".into(),
            Some("name"),
        ),
        (
            r#"{ name: "a", memory: "x".repeat(3e6) }"#.into(),
            format!(
                "memory must be a whole number, got the string \"{}\"…",
                "x".repeat(40)
            ),
            Some("memory"),
        ),
        (
            r#"Object.fromEntries(Array.from({ length: 1e5 }, (_, i) => ["k" + i, i]))"#.into(),
            "a VM config must be an object like { name: \"web-01\", memory: 1024 }, got an object with 100000 keys".into(),
            None,
        ),
        (
            r#"{ name: "a", ["k".repeat(1e6)]: 1 }"#.into(),
            format!(
                "unknown config field \"{}…\" (the fields are name, memory, vcpus, diskPath, diskSize, isoImage, network)",
                "k".repeat(40)
            ),
            Some("name"),
        ),
    ];
    for (source, message, field) in cases {
        let (got_message, code, got_field) = thrown(manager.create_vm(js(&source)));
        assert_eq!(got_message, message, "{source}");
        assert_eq!(code, "InvalidConfig", "{source}");
        assert_eq!(got_field.as_deref(), field, "{source}");
    }
    let (message, code, _) = thrown(manager.start_vm(js(shared)));
    assert_eq!(code, "InvalidConfig");
    assert_eq!(
        message,
        format!("name must be a VM name (a string), got {too_many}")
    );
    let (message, code, _) = thrown(manager.start_vm(js(r#""x".repeat(3e6)"#)));
    assert_eq!(code, "InvalidConfig");
    assert_eq!(message, "name must be at most 64 characters, got 3000000");
    assert!(manager.list_vms().unwrap().is_empty());
}

// ------------------------------------------------------------ limits (manager::limits)

/// An over-long string argument is refused by its length, before it is copied into wasm,
/// with a message that names the argument and the limit and never quotes the whole string.
#[wasm_bindgen_test]
fn over_long_string_arguments_are_refused_by_length_without_echo() {
    let manager = manager_with_web();
    let huge = js("'x'.repeat(3e6)");
    for result in [
        manager.start_vm(huge.clone()).map(drop),
        manager.get_vm_info(huge.clone()).map(drop),
        manager
            .delete_vm(huge.clone(), JsValue::UNDEFINED)
            .map(drop),
        manager
            .update_vm_config(huge.clone(), js("{ name: 'web' }"))
            .map(drop),
    ] {
        assert_eq!(
            thrown(result),
            (
                "name must be at most 64 characters, got 3000000".to_owned(),
                "InvalidConfig".to_owned(),
                Some("name".to_owned())
            )
        );
    }
    // Just over the limit, counted in characters (an astral letter is 2 UTF-16 units).
    let (message, ..) = thrown(manager.stop_vm(js("'𝐀'.repeat(65)")));
    assert_eq!(message, "name must be at most 64 characters, got 65");
    assert_eq!(thrown(manager.stop_vm(js("'𝐀'.repeat(64)"))).1, "NotFound");

    // Accepted, then gone: a 70 KB disk path or ISO path is refused at create.
    for (field, label) in [("diskPath", "disk path"), ("isoImage", "ISO image")] {
        let config = js(&format!("{{ name: 'big', {field}: 'p'.repeat(71680) }}"));
        assert_eq!(
            thrown(manager.create_vm(config)),
            (
                format!("{label} must be at most 1024 characters, got 71680"),
                "InvalidConfig".to_owned(),
                Some(field.to_owned())
            )
        );
    }
    let config = js("{ name: 'big', diskPath: '/a\\u202Eb' }");
    assert_eq!(
        thrown(manager.define_vm(config)).0,
        "disk path must not contain bidirectional controls, found U+202E"
    );

    // A huge key or a huge string for a number: short messages.
    let (message, ..) = thrown(manager.create_vm(js("{ name: 'a', ['k'.repeat(1e6)]: 1 }")));
    assert!(message.len() < 200, "{}", message.len());
    let (message, _, field) =
        thrown(manager.create_vm(js("{ name: 'a', memory: 'x'.repeat(1e6) }")));
    assert!(message.len() < 200, "{}", message.len());
    assert_eq!(field.as_deref(), Some("memory"));
    assert_eq!(manager.list_vms().unwrap(), ["web"]);
}

/// Names are normalised to NFC with the browser's own `normalize`: "cafe\u0301" and "café"
/// are one VM.
#[wasm_bindgen_test]
fn names_are_normalised_to_nfc_in_the_browser() {
    let manager = JsVmManager::new();
    manager.define_vm(js("{ name: 'cafe\\u0301' }")).unwrap();
    assert_eq!(manager.list_vms().unwrap(), ["café"]);
    assert_eq!(
        thrown(manager.define_vm(js("{ name: 'café' }"))).1,
        "AlreadyExists"
    );
    manager.start_vm(js("'cafe\\u0301'")).unwrap();
    let info = manager.get_vm_info("café".into()).unwrap();
    assert_eq!(prop(&info, "state").as_string().as_deref(), Some("running"));
}

fn page_with_record(revision: &str) -> JsVmManager {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    storage
        .set_item("vm-playground:meta", r#"{"version":1}"#)
        .unwrap();
    let record = format!(
        r#"{{"config":{{"name":"old","memory":1024,"vcpus":1,"diskPath":"","diskSize":10,"isoImage":null,"network":"default"}},"state":"running","pending":null,"createdAt":1,"stateChangedAt":1,"revision":{revision}}}"#
    );
    storage.set_item("vm-playground:vm:old", &record).unwrap();
    JsVmManager::for_page(vm_playground::web::app::App::load())
}

/// `getVmInfo` never returns `null` for a VM the page holds: a stored revision JavaScript
/// can't hold exactly is set aside at load, and the largest one it can stays there through
/// further changes.
#[wasm_bindgen_test]
fn get_vm_info_never_returns_null() {
    let page = page_with_record("18446744073709551615");
    assert_eq!(thrown(page.get_vm_info("old".into())).1, "NotFound");

    let page = page_with_record("9007199254740991");
    let info = page.get_vm_info("old".into()).unwrap();
    assert_eq!(
        prop(&info, "revision").as_f64(),
        Some(9_007_199_254_740_991.0)
    );
    page.stop_vm("old".into()).unwrap();
    let info = page.get_vm_info("old".into()).unwrap();
    assert!(info.is_object());
    assert_eq!(
        prop(&info, "revision").as_f64(),
        Some(9_007_199_254_740_991.0)
    );
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

#[wasm_bindgen_test]
fn a_standalone_manager_keeps_no_history_to_undo() {
    let manager = manager_with_web();
    assert!(!manager.can_undo());
    assert!(!manager.can_redo());
    assert!(manager.undo().unwrap().is_null());
    assert!(manager.redo().unwrap().is_null());
    assert!(manager.list_vms().unwrap().contains(&"web".to_owned()));
}

#[wasm_bindgen_test]
fn snapshots_from_javascript() {
    let manager = manager_with_web();
    let taken = manager
        .create_snapshot("web".into(), "base".into(), "fresh install".into())
        .unwrap();
    assert_eq!(prop(&taken, "name").as_string().as_deref(), Some("base"));
    assert_eq!(prop(&taken, "current").as_bool(), Some(true));
    manager.pause_vm("web".into()).unwrap();
    manager
        .create_snapshot("web".into(), "paused".into(), JsValue::UNDEFINED)
        .unwrap();
    let list = manager.list_snapshots("web".into()).unwrap();
    assert_eq!(list.len(), 2);
    let first = &list[0];
    assert_eq!(prop(first, "name").as_string().as_deref(), Some("base"));
    assert_eq!(
        prop(first, "description").as_string().as_deref(),
        Some("fresh install")
    );
    assert_eq!(prop(first, "state").as_string().as_deref(), Some("running"));
    assert!(prop(first, "parent").is_null());
    assert_eq!(prop(first, "current").as_bool(), Some(false));
    assert!(prop(first, "createdAt").as_f64().unwrap() > 1.7e12);
    let second = &list[1];
    assert_eq!(prop(second, "state").as_string().as_deref(), Some("paused"));
    assert_eq!(prop(second, "parent").as_string().as_deref(), Some("base"));
    assert_eq!(prop(second, "current").as_bool(), Some(true));

    assert_eq!(
        manager
            .revert_to_snapshot("web".into(), "base".into())
            .unwrap(),
        "running"
    );
    // A VM with snapshots is deleted only when asked for them too.
    let (message, code, _) = thrown(manager.delete_vm("web".into(), JsValue::UNDEFINED));
    assert_eq!(code, "InvalidTransition");
    assert!(message.contains("2 snapshots"), "{message}");
    assert_eq!(
        manager
            .delete_snapshot("web".into(), "base".into(), js("{ children: true }"))
            .unwrap(),
        ["base", "paused"]
    );
    assert!(manager.list_snapshots("web".into()).unwrap().is_empty());
    manager
        .create_snapshot("web".into(), "again".into(), JsValue::UNDEFINED)
        .unwrap();
    manager
        .delete_vm("web".into(), js("{ snapshots: true }"))
        .unwrap();
    assert!(manager.list_vms().unwrap().is_empty());
}

/// A delete's options are an object with its one option, true or false: a misspelt key or a
/// string "false" is refused and deletes nothing, rather than deleting more or less than meant.
#[wasm_bindgen_test]
fn delete_options_other_than_an_object_of_booleans_are_refused() {
    let manager = manager_with_web();
    manager
        .create_snapshot("web".into(), "base".into(), JsValue::UNDEFINED)
        .unwrap();
    manager
        .create_snapshot("web".into(), "child".into(), JsValue::UNDEFINED)
        .unwrap();
    let vm_cases = [
        (
            "5",
            "the options must be an object such as snapshots: true, got 5",
        ),
        (
            "'yes'",
            "the options must be an object such as snapshots: true, got the string \"yes\"",
        ),
        (
            "[true]",
            "the options must be an object such as snapshots: true, got an array",
        ),
        (
            "{ snapshots: 'false' }",
            "the option snapshots must be true or false, got the string \"false\"",
        ),
        (
            "{ snapshots: 1 }",
            "the option snapshots must be true or false, got 1",
        ),
        (
            "{ snapshot: true }",
            "there is no option 'snapshot' here: the only one is snapshots",
        ),
        (
            "{ get snapshots() { throw new Error('no'); } }",
            "the option snapshots must be true or false, got a value that threw an error when read",
        ),
    ];
    for (source, message) in vm_cases {
        let (got, code, field) = thrown(manager.delete_vm("web".into(), js(source)));
        assert_eq!(
            (got.as_str(), code.as_str()),
            (message, "InvalidConfig"),
            "{source}"
        );
        assert_eq!(field, None, "{source}");
    }
    let (got, code, _) = thrown(manager.delete_snapshot(
        "web".into(),
        "base".into(),
        js("{ children: true, recursive: true }"),
    ));
    assert_eq!(
        (got.as_str(), code.as_str()),
        (
            "there is no option 'recursive' here: the only one is children",
            "InvalidConfig"
        )
    );
    assert_eq!(manager.list_snapshots("web".into()).unwrap().len(), 2);
    // No options, null, an empty object, or the option undefined or false set nothing.
    for source in [
        "undefined",
        "null",
        "{}",
        "{ snapshots: undefined }",
        "{ snapshots: false }",
    ] {
        assert_eq!(
            thrown(manager.delete_vm("web".into(), js(source))).1,
            "InvalidTransition",
            "{source}"
        );
    }
    assert_eq!(
        manager
            .delete_snapshot("web".into(), "base".into(), js("{ children: false }"))
            .unwrap(),
        ["base"]
    );
    manager
        .delete_vm("web".into(), js("{ snapshots: true }"))
        .unwrap();
    assert!(manager.list_vms().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn snapshot_and_clone_errors_carry_the_existing_codes() {
    let manager = manager_with_web();
    manager
        .create_snapshot("web".into(), "s".into(), JsValue::UNDEFINED)
        .unwrap();
    let code = |result: Result<JsValue, JsValue>| thrown(result).1;
    assert_eq!(
        code(manager.create_snapshot("web".into(), "s".into(), JsValue::UNDEFINED)),
        "AlreadyExists"
    );
    assert_eq!(
        code(manager.create_snapshot("nope".into(), "s".into(), JsValue::UNDEFINED)),
        "NotFound"
    );
    assert_eq!(
        thrown(manager.revert_to_snapshot("web".into(), "nope".into())).1,
        "NotFound"
    );
    let (_, code_of, field) =
        thrown(manager.create_snapshot("web".into(), "bad name".into(), JsValue::UNDEFINED));
    assert_eq!(
        (code_of.as_str(), field.as_deref()),
        ("InvalidConfig", Some("name"))
    );
    let (_, code_of, field) = thrown(manager.create_snapshot("web".into(), "t".into(), js("42")));
    assert_eq!(
        (code_of.as_str(), field.as_deref()),
        ("InvalidConfig", Some("description"))
    );
    // Only a stopped VM is cloned.
    assert_eq!(
        code(manager.clone_vm("web".into(), "web-2".into())),
        "InvalidTransition"
    );
    manager.stop_vm("web".into()).unwrap();
    let clone = manager.clone_vm("web".into(), "web-2".into()).unwrap();
    assert_eq!(
        prop(&clone, "state").as_string().as_deref(),
        Some("stopped")
    );
    let config = prop(&clone, "config");
    assert_eq!(prop(&config, "name").as_string().as_deref(), Some("web-2"));
    assert_eq!(
        prop(&config, "diskPath").as_string().as_deref(),
        Some("/d-clone.qcow2")
    );
    assert!(prop(&clone, "snapshots").is_undefined());
    assert_eq!(
        code(manager.clone_vm("web".into(), "web-2".into())),
        "AlreadyExists"
    );
    let (_, code_of, field) = thrown(manager.clone_vm("web".into(), js("7")));
    assert_eq!(
        (code_of.as_str(), field.as_deref()),
        ("InvalidConfig", Some("name"))
    );
}
