//! Keeps the build pipeline's promises true: pinned tool versions agree with each other, and CI
//! runs exactly the README's test command.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

fn read(path: &str) -> String {
    fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|error| panic!("cannot read {path}: {error}"))
}

/// The value of `key = "value"` on the first line that sets it.
fn quoted_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let rest = line
            .trim()
            .strip_prefix(key)?
            .trim_start()
            .strip_prefix('=')?;
        Some(rest.trim().trim_matches('"').to_owned())
    })
}

#[test]
fn trunk_pins_the_wasm_bindgen_of_cargo_lock() {
    let lock = read("Cargo.lock");
    let locked = lock
        .split("[[package]]")
        .find(|package| package.contains("name = \"wasm-bindgen\"\n"))
        .and_then(|package| quoted_value(package, "version"))
        .expect("wasm-bindgen is in Cargo.lock");
    let pinned = quoted_value(&read("Trunk.toml"), "wasm_bindgen").expect("Trunk.toml pins it");
    assert_eq!(
        pinned, locked,
        "Trunk.toml's wasm_bindgen must equal Cargo.lock's (then run scripts/setup)"
    );
}

#[test]
fn trunk_runs_offline_with_binaryen_from_npm() {
    let trunk = read("Trunk.toml");
    assert_eq!(quoted_value(&trunk, "offline").as_deref(), Some("true"));
    let wasm_opt = quoted_value(&trunk, "wasm_opt").expect("Trunk.toml pins wasm_opt");
    let package: serde_json::Value = serde_json::from_str(&read("package.json")).unwrap();
    let binaryen = package["devDependencies"]["binaryen"]
        .as_str()
        .expect("package.json pins binaryen");
    let major = binaryen.split('.').next().unwrap();
    assert_eq!(wasm_opt, format!("version_{major}"));
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = read("README.md");
    let commands: Vec<&str> = readme
        .lines()
        .filter(|line| line.starts_with("scripts/"))
        .collect();
    assert!(
        commands.len() >= 2,
        "the README opens with the serve and test commands"
    );
    assert_eq!(commands[0], "scripts/serve");
    assert_eq!(commands[1], "scripts/test");
    let ci = read(".ci/run");
    assert!(
        ci.lines()
            .any(|line| line.trim() == format!("exec {}", commands[1])),
        ".ci/run must run `{}`",
        commands[1]
    );
}

/// ARCHITECTURE.md's first invariant: the core and the pure modules never import a browser
/// crate, so they build and test natively.
#[test]
fn the_core_and_pure_modules_import_no_browser_crate() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = Vec::new();
    for dir in ["src/manager", "src/storage"] {
        for entry in fs::read_dir(format!("{root}/{dir}")).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    for file in [
        "form.rs",
        "config_input.rs",
        "present.rs",
        "ordering.rs",
        "demo.rs",
    ] {
        files.push(format!("{root}/src/{file}").into());
    }
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        for browser_crate in ["leptos", "web_sys", "js_sys", "gloo", "wasm_bindgen"] {
            assert!(
                !text.contains(&format!("{browser_crate}::")),
                "{} uses {browser_crate}",
                path.display()
            );
        }
    }
}
