//! `virt-clone` in the console against real virt-clone: `tests/virt-clone/transcript*.golden`
//! hold what Debian 12's virt-clone printed (in English and, under a Russian locale, in
//! virtinst's Russian) against libvirt's test driver with `tests/virt-clone/node.xml` (one shut
//! off domain `web-01`) or, for the last case, `test:///default` (a running domain `test`).
//! Each `$ virt-clone ARGS` block runs here on the same domains and must print the same lines;
//! only the progress line's size differs (the test driver copies an empty file: `0 B`; the
//! console shows the disk's size).
#![cfg(not(target_arch = "wasm32"))]

use vm_playground::console::{run_in, Host};
use vm_playground::i18n::Lang;
use vm_playground::{MockVmManager, VmConfig, VmManager, VmState};

fn domains() -> Host {
    let manager = MockVmManager::new();
    manager
        .define_vm(VmConfig {
            name: "web-01".into(),
            disk_path: "/tmp/vc/web-01.qcow2".into(),
            ..VmConfig::default()
        })
        .unwrap();
    manager
        .create_vm(VmConfig {
            name: "test".into(),
            ..VmConfig::default()
        })
        .unwrap();
    Host::new(manager)
}

/// The progress line with its size column made `<size>`.
fn normalise(line: &str) -> String {
    match line.split_once('|') {
        Some((start, rest)) if rest.ends_with("00:00 ... ") => format!("{start}| <size>"),
        _ => line.to_owned(),
    }
}

fn check(file: &str, lang: Lang) {
    let path = format!("{}/tests/virt-clone/{file}", env!("CARGO_MANIFEST_DIR"));
    let transcript = std::fs::read_to_string(path).unwrap();
    let mut blocks = 0;
    for block in transcript.split("$ virt-clone ").skip(1) {
        let mut lines = block.lines();
        let args = lines.next().unwrap();
        // "(test:///default: ...)" notes where the case ran, not an argument.
        let args = args.split("  ").next().unwrap();
        let expected: Vec<String> = lines.map(normalise).collect();
        let host = domains();
        // virt-clone's test:///default case: the running domain `test`, found.
        if args.contains("--original test --auto-clone") {
            assert_eq!(
                host.manager().get_vm_state("test").unwrap(),
                VmState::Running
            );
        } else if args.contains("--original test") {
            // node.xml has no `test`.
            host.manager().delete_vm("test").unwrap();
        }
        let output = run_in(&format!("virt-clone {args}"), &host, lang);
        let got: Vec<String> = output.lines.iter().map(|line| normalise(line)).collect();
        assert_eq!(got, expected, "{file}: virt-clone {args}");
        blocks += 1;
    }
    assert_eq!(blocks, 5);
}

#[test]
fn virt_clone_prints_what_virt_clone_prints() {
    check("transcript.golden", Lang::En);
}

#[test]
fn virt_clone_prints_what_virt_clone_prints_in_russian() {
    check("transcript.ru.golden", Lang::Ru);
}

#[test]
fn a_clone_made_by_virt_clone_is_stopped_with_its_own_disk() {
    let host = domains();
    let output = run_in(
        "virt-clone --original web-01 --name web-02 --auto-clone",
        &host,
        Lang::En,
    );
    assert!(!output.error, "{:?}", output.lines);
    let clone = host.manager().get_vm_info("web-02").unwrap();
    assert_eq!(clone.state, VmState::Stopped);
    assert_eq!(clone.config.disk_path, "/tmp/vc/web-02.qcow2");
    // Without --name, virt-clone's own: ORIGINAL-clone.
    run_in("virt-clone --original web-01 --auto-clone", &host, Lang::En);
    assert!(host.manager().get_vm_info("web-01-clone").is_ok());
    let record = output.record.unwrap();
    assert_eq!(
        (record.vm.as_str(), record.op.as_str(), record.error),
        ("web-01", "clone", None)
    );
}
