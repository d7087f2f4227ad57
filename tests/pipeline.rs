//! Keeps the build pipeline's promises true: pinned tool versions agree with each other, and CI
//! runs exactly the README's test command.
#![allow(
    clippy::disallowed_methods,
    reason = "native-only code: the page's size habits don't apply"
)]
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
        "json_bounds.rs",
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

/// Every workflow file under .github/workflows, with its name.
fn workflows() -> Vec<(String, String)> {
    let dir = format!("{}/.github/workflows", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yml" || extension == "yaml")
        })
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{dir} holds the workflows");
    files
}

/// A tag can be moved to other code; a commit can't. So every action a workflow uses is
/// pinned to a full commit SHA, with the release it is in a comment (`# v4.4.0`).
#[test]
fn every_action_is_pinned_to_a_commit() {
    let mut seen = 0;
    for (file, text) in workflows() {
        for line in text.lines() {
            let Some(rest) = line
                .trim_start()
                .trim_start_matches("- ")
                .strip_prefix("uses:")
            else {
                continue;
            };
            seen += 1;
            let (action, comment) = rest.split_once('#').unwrap_or((rest, ""));
            let action = action.trim().trim_matches(['"', '\'']);
            if action.starts_with("./") {
                continue; // an action of this repository, pinned by the checkout itself
            }
            let (name, reference) = action
                .split_once('@')
                .unwrap_or_else(|| panic!("{file}: `{action}` names no version"));
            assert!(
                name.split('/').count() >= 2,
                "{file}: `{action}` is not owner/repo"
            );
            assert!(
                reference.len() == 40 && reference.bytes().all(|b| b.is_ascii_hexdigit()),
                "{file}: `{action}` must be pinned to a full 40-hex commit SHA"
            );
            assert!(
                comment.trim().starts_with('v'),
                "{file}: `{action}` needs its release in a comment (`# v1.2.3`)"
            );
        }
    }
    assert!(seen > 0, "the workflows use actions");
}

/// The jobs of a workflow and what each `needs:` (a name, or a `[list]`), read from the
/// two-space indented `jobs:` block.
fn job_needs(workflow: &str) -> Vec<(String, Vec<String>)> {
    let mut jobs: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_jobs = false;
    for line in workflow.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with(' ') {
            in_jobs = line.trim_end() == "jobs:";
            continue;
        }
        if !in_jobs {
            continue;
        }
        if let Some(name) = line
            .strip_prefix("  ")
            .filter(|rest| !rest.starts_with(' '))
            .and_then(|rest| rest.trim_end().strip_suffix(':'))
        {
            jobs.push((name.to_owned(), Vec::new()));
        } else if let Some(needs) = line.strip_prefix("    needs:") {
            let needs = needs.trim().trim_start_matches('[').trim_end_matches(']');
            let (_, list) = jobs.last_mut().expect("needs: inside a job");
            list.extend(
                needs
                    .split(',')
                    .map(|job| job.trim().to_owned())
                    .filter(|job| !job.is_empty()),
            );
        }
    }
    jobs
}

/// Nothing reaches GitHub Pages untested: the deploy and the build it ships need the test
/// job, and the test job runs the README's test command (.ci/run).
#[test]
fn the_pages_deploy_needs_the_tests() {
    let workflow = read(".github/workflows/pages.yml");
    let jobs = job_needs(&workflow);
    let needs = |job: &str| {
        jobs.iter()
            .find(|(name, _)| name == job)
            .map(|(_, needs)| needs.clone())
            .unwrap_or_else(|| panic!("pages.yml has a `{job}` job: {jobs:?}"))
    };
    assert!(needs("test").is_empty());
    assert!(needs("build").contains(&"test".to_owned()), "{jobs:?}");
    assert!(needs("deploy").contains(&"test".to_owned()), "{jobs:?}");
    let test_job = workflow
        .split("\n  test:\n")
        .nth(1)
        .and_then(|rest| rest.split("\n  build:\n").next())
        .unwrap();
    assert!(
        test_job.lines().any(|line| line.trim() == ".ci/run"),
        "the test job runs .ci/run"
    );
}
