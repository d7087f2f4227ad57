//! Every console command run on the core, against golden outputs in virsh's layout and
//! wording; refused commands change nothing; the event-log records; the backend calls made.
#![allow(
    clippy::disallowed_methods,
    reason = "native-only code: the page's size habits don't apply"
)]
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;

use vm_playground::console::{
    execute, fake_uuid, format_history, parse, run, ConsoleBackend, Effect, Host, OpRecord, Output,
};
use vm_playground::event_log::Op;
use vm_playground::manager::{NewSnapshot, Snapshot, SnapshotDeletion};
use vm_playground::{
    ConfigUpdate, MockVmManager, Transition, VmConfig, VmError, VmInfo, VmManager, VmState,
};

fn manager() -> MockVmManager {
    MockVmManager::with_clock(Box::new(|| 0))
}

/// cache (paused), db-01 (shut off, with a disk and an ISO), web-01 (running, 2048 MB, 2 vCPUs).
fn fixture() -> MockVmManager {
    let manager = manager();
    manager
        .create_vm(VmConfig {
            name: "web-01".into(),
            memory: 2048,
            vcpus: 2,
            disk_path: "/var/lib/libvirt/images/web-01.qcow2".into(),
            disk_size: 20,
            ..VmConfig::default()
        })
        .unwrap();
    manager
        .define_vm(VmConfig {
            name: "db-01".into(),
            disk_path: "/my disks/db-01.qcow2".into(),
            iso_image: Some("/isos/debian.iso".into()),
            network: "isolated".into(),
            ..VmConfig::default()
        })
        .unwrap();
    manager
        .create_vm(VmConfig {
            name: "cache".into(),
            ..VmConfig::default()
        })
        .unwrap();
    manager.pause_vm("cache").unwrap();
    manager
}

/// Runs a line that must succeed; returns its lines.
fn ok(backend: &dyn ConsoleBackend, line: &str) -> Vec<String> {
    let output = run(line, backend);
    assert!(!output.error, "{line} failed: {:?}", output.lines);
    output.lines
}

/// Runs a line that must fail and change nothing; returns its lines.
fn refused(manager: &MockVmManager, line: &str) -> Vec<String> {
    let before = manager.saved_state().unwrap();
    let output = run(line, manager);
    assert!(output.error, "{line} succeeded: {:?}", output.lines);
    assert_eq!(
        manager.saved_state().unwrap(),
        before,
        "{line} changed something"
    );
    output.lines
}

fn state(manager: &MockVmManager, name: &str) -> VmState {
    manager.get_vm_state(name).unwrap()
}

// --- list -----------------------------------------------------------------------------------

#[test]
fn list_of_nothing_is_the_header() {
    assert_eq!(
        ok(&manager(), "list"),
        [" Id   Name   State", "--------------------"]
    );
    assert_eq!(
        ok(&manager(), "list --all"),
        [" Id   Name   State", "--------------------"]
    );
}

#[test]
fn list_shows_the_active_domains() {
    assert_eq!(
        ok(&fixture(), "list"),
        [
            " Id   Name     State",
            "------------------------",
            " 1    cache    paused",
            " 2    web-01   running",
        ]
    );
}

#[test]
fn list_all_shows_shut_off_domains_with_no_id_after_the_active_ones() {
    assert_eq!(
        ok(&fixture(), "virsh list --all"),
        [
            " Id   Name     State",
            "-------------------------",
            " 1    cache    paused",
            " 2    web-01   running",
            " -    db-01    shut off",
        ]
    );
}

#[test]
fn list_by_state_keeps_the_ids() {
    let manager = fixture();
    assert_eq!(
        ok(&manager, "list --state-running"),
        [
            " Id   Name     State",
            "------------------------",
            " 2    web-01   running",
        ]
    );
    assert_eq!(
        ok(&manager, "list --state-paused"),
        [
            " Id   Name    State",
            "----------------------",
            " 1    cache   paused",
        ]
    );
    assert_eq!(
        ok(&manager, "list --state-shutoff"),
        [
            " Id   Name    State",
            "------------------------",
            " -    db-01   shut off",
        ]
    );
    assert_eq!(
        ok(&manager, "list --all --state-shutoff"),
        ok(&manager, "list --state-shutoff")
    );
    assert_eq!(
        ok(&manager, "list --state-running --state-paused"),
        ok(&manager, "list")
    );
    // As in virsh, --state-shutoff without --all leaves the active domains out.
    assert_eq!(
        ok(
            &manager,
            "list --state-running --state-paused --state-shutoff"
        ),
        ok(&manager, "list --state-shutoff")
    );
    assert_eq!(
        ok(
            &manager,
            "list --all --state-running --state-paused --state-shutoff"
        ),
        ok(&manager, "list --all")
    );
}

#[test]
fn list_pads_columns_to_the_longest_name_in_characters() {
    let manager = manager();
    manager
        .create_vm(VmConfig {
            name: "веб-сервер".into(),
            ..VmConfig::default()
        })
        .unwrap();
    manager
        .define_vm(VmConfig {
            name: "a".into(),
            ..VmConfig::default()
        })
        .unwrap();
    assert_eq!(
        ok(&manager, "list --all"),
        [
            " Id   Name         State",
            "-----------------------------",
            " 1    веб-сервер   running",
            " -    a            shut off",
        ]
    );
}

// --- dominfo, domstate ----------------------------------------------------------------------

#[test]
fn dominfo_of_a_running_domain() {
    assert_eq!(
        ok(&fixture(), "dominfo web-01"),
        [
            "Id:             2",
            "Name:           web-01",
            "UUID:           6c059e39-e78a-8e07-87db-1d6660ffc327",
            "OS Type:        hvm",
            "State:          running",
            "CPU(s):         2",
            "CPU time:       0.0s",
            "Max memory:     2097152 KiB",
            "Used memory:    2097152 KiB",
            "Persistent:     yes",
            "Autostart:      disable",
            "Managed save:   no",
            "Security model: none",
            "Security DOI:   0",
        ]
    );
}

#[test]
fn dominfo_of_a_shut_off_domain_with_an_iso() {
    assert_eq!(
        ok(&fixture(), "dominfo 'db-01'"),
        [
            "Id:             -",
            "Name:           db-01",
            &format!("UUID:           {}", fake_uuid("db-01")),
            "OS Type:        hvm",
            "State:          shut off",
            "CPU(s):         1",
            "Max memory:     1048576 KiB",
            "Used memory:    1048576 KiB",
            "Persistent:     yes",
            "Autostart:      disable",
            "Managed save:   no",
            "Security model: none",
            "Security DOI:   0",
        ]
    );
}

#[test]
fn dominfo_shows_the_running_domain_and_dumpxml_inactive_the_next_boot() {
    let host = Host::new(fixture());
    ok(&host, "setmaxmem web-01 8G --config");
    ok(&host, "setmem web-01 4G --config");
    ok(&host, "setvcpus web-01 1 --config");
    ok(&host, "setmem web-01 1G");
    let lines = ok(&host, "dominfo web-01");
    // The running domain keeps its vCPUs, and has the memory --live gave it.
    assert_eq!(lines[5], "CPU(s):         2");
    assert_eq!(lines[7], "Max memory:     8388608 KiB");
    assert_eq!(lines[8], "Used memory:    1048576 KiB");
    let live = ok(&host, "dumpxml web-01");
    assert!(live.contains(&"  <currentMemory unit='KiB'>1048576</currentMemory>".into()));
    assert!(live.contains(&"  <vcpu placement='static'>2</vcpu>".into()));
    let next = ok(&host, "dumpxml web-01 --inactive");
    assert_eq!(next[0], "<domain type='kvm'>");
    assert!(next.contains(&"  <memory unit='KiB'>8388608</memory>".into()));
    assert!(next.contains(&"  <currentMemory unit='KiB'>4194304</currentMemory>".into()));
    assert!(next.contains(&"  <vcpu placement='static' current='1'>2</vcpu>".into()));
    // Once it stops, the next boot's config is the domain's, and --live is forgotten.
    ok(&host, "shutdown web-01");
    let lines = ok(&host, "dominfo web-01");
    assert_eq!(lines[5], "CPU(s):         1");
    assert_eq!(lines[6], "Max memory:     8388608 KiB");
    assert_eq!(lines[7], "Used memory:    4194304 KiB");
    assert_eq!(
        host.manager().get_vm_info("web-01").unwrap().config.memory,
        4096
    );
}

#[test]
fn dumpxml_is_libvirt_domain_xml_escaped() {
    let host = Host::new(fixture());
    ok(
        &host,
        "create a.b --disk-path \"/d&d/<x>.qcow2\" --iso \"/i'.iso\" --network isolated",
    );
    let id = ok(&host, "domid a.b")[0].clone();
    assert_eq!(
        ok(&host, &format!("dumpxml {id}")),
        [
            format!("<domain type='kvm' id='{id}'>"),
            "  <name>a.b</name>".into(),
            format!("  <uuid>{}</uuid>", fake_uuid("a.b")),
            "  <memory unit='KiB'>1048576</memory>".into(),
            "  <currentMemory unit='KiB'>1048576</currentMemory>".into(),
            "  <vcpu placement='static'>1</vcpu>".into(),
            "  <os>".into(),
            "    <type arch='x86_64' machine='pc'>hvm</type>".into(),
            "    <boot dev='cdrom'/>".into(),
            "    <boot dev='hd'/>".into(),
            "  </os>".into(),
            "  <clock offset='utc'/>".into(),
            "  <on_poweroff>destroy</on_poweroff>".into(),
            "  <on_reboot>restart</on_reboot>".into(),
            "  <on_crash>destroy</on_crash>".into(),
            "  <devices>".into(),
            "    <emulator>/usr/bin/qemu-system-x86_64</emulator>".into(),
            "    <disk type='file' device='disk'>".into(),
            "      <driver name='qemu' type='qcow2'/>".into(),
            "      <source file='/d&amp;d/&lt;x&gt;.qcow2'/>".into(),
            "      <target dev='vda' bus='virtio'/>".into(),
            "    </disk>".into(),
            "    <disk type='file' device='cdrom'>".into(),
            "      <driver name='qemu' type='raw'/>".into(),
            "      <source file='/i&apos;.iso'/>".into(),
            "      <target dev='sda' bus='sata'/>".into(),
            "      <readonly/>".into(),
            "    </disk>".into(),
            "    <interface type='network'>".into(),
            "      <source network='isolated'/>".into(),
            "      <model type='virtio'/>".into(),
            "    </interface>".into(),
            "  </devices>".into(),
            "</domain>".into(),
        ]
    );
}

#[test]
fn domain_ids_uuids_and_names_convert() {
    let host = Host::new(fixture());
    let uuid = fake_uuid("web-01");
    assert_eq!(ok(&host, "domid web-01"), ["2"]);
    assert_eq!(ok(&host, &format!("domid {uuid}")), ["2"]);
    assert_eq!(ok(&host, "domid db-01"), ["-"]);
    assert_eq!(ok(&host, "domname 2"), ["web-01"]);
    assert_eq!(
        ok(&host, &format!("domname {}", uuid.to_uppercase())),
        ["web-01"]
    );
    assert_eq!(ok(&host, "domuuid 2"), std::slice::from_ref(&uuid));
    assert_eq!(ok(&host, "domuuid web-01"), [uuid]);
    // As in virsh, domid takes no Id and domname no name.
    for line in ["domid 2", "domname web-01", "domname 3", "domuuid nope"] {
        let word = line.split(' ').nth(1).unwrap();
        assert_eq!(
            run(line, &host).lines,
            [format!("error: failed to get domain '{word}'")],
            "{line}"
        );
    }
    // Any command takes an Id, and answers in the words typed.
    assert_eq!(ok(&host, "suspend 2"), ["Domain '2' suspended"]);
    assert_eq!(ok(&host, "domstate web-01 --reason"), ["paused (user)"]);
}

#[test]
fn domstate_reason_follows_what_the_console_did() {
    let host = Host::new(fixture());
    // Not seen happen: unknown, as libvirt says of its test domain.
    assert_eq!(ok(&host, "domstate web-01 --reason"), ["running (unknown)"]);
    for (line, state) in [
        ("suspend web-01", "paused (user)"),
        ("resume web-01", "running (unpaused)"),
        ("reboot web-01", "running (booted)"),
        ("destroy web-01", "shut off (destroyed)"),
        ("start web-01", "running (booted)"),
        ("shutdown web-01", "shut off (shutdown)"),
    ] {
        ok(&host, line);
        assert_eq!(ok(&host, "domstate web-01 --reason"), [state], "{line}");
    }
    ok(&host, "create new");
    assert_eq!(ok(&host, "domstate new --reason"), ["running (booted)"]);
    // A change the console didn't make (another tab, the GUI of a bare core) is unknown.
    host.manager().start_vm("web-01").unwrap();
    assert_eq!(ok(&host, "domstate web-01 --reason"), ["running (unknown)"]);
}

#[test]
fn fake_uuids_are_stable_well_formed_and_distinct() {
    assert_eq!(fake_uuid("web-01"), "6c059e39-e78a-8e07-87db-1d6660ffc327");
    for name in ["", "a", "b", "web-01", "веб-сервер"] {
        let uuid = fake_uuid(name);
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{uuid}");
        assert!(uuid.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        assert_eq!(&uuid[14..15], "8", "version 8: {uuid}");
        assert!("89ab".contains(&uuid[19..20]), "variant: {uuid}");
    }
    assert_ne!(fake_uuid("a"), fake_uuid("b"));
    assert_ne!(fake_uuid("ab"), fake_uuid("ba"));
}

#[test]
fn domstate_prints_the_state_word() {
    let manager = fixture();
    assert_eq!(ok(&manager, "domstate web-01"), ["running"]);
    assert_eq!(ok(&manager, "domstate cache"), ["paused"]);
    assert_eq!(ok(&manager, "domstate db-01"), ["shut off"]);
}

#[test]
fn reading_an_unknown_domain_fails_to_get_it() {
    let manager = fixture();
    for line in ["dominfo nope", "domstate nope"] {
        assert_eq!(
            refused(&manager, line),
            ["error: failed to get domain 'nope'"]
        );
        assert_eq!(run(line, &manager).record, None, "reads are not logged");
    }
}

/// `domstats` finds every domain named before it prints any; none named is every domain, in
/// `list --all`'s order, a block each with an empty line between.
#[test]
fn domstats_reads_many_domains_or_all() {
    let manager = fixture();
    assert_eq!(
        refused(&manager, "domstats web-01 nope"),
        ["error: failed to get domain 'nope'"]
    );
    assert_eq!(
        refused(&manager, "domstats ''"),
        ["error: failed to get domain ''"]
    );
    let heads = |line: &str| -> Vec<String> {
        ok(&manager, line)
            .into_iter()
            .filter(|line| line.is_empty() || line.starts_with("Domain:"))
            .collect()
    };
    let listed: Vec<String> = ok(&manager, "list --all --name")
        .into_iter()
        .filter(|name| !name.is_empty())
        .map(|name| format!("Domain: '{name}'"))
        .collect();
    assert_eq!(listed.len(), 3, "{listed:?}");
    let expected = listed.join("\n\n");
    assert_eq!(heads("domstats"), expected.split('\n').collect::<Vec<_>>());
    assert_eq!(
        heads("domstats cache --domain cache"),
        ["Domain: 'cache'", "", "Domain: 'cache'"]
    );
}

// --- create ---------------------------------------------------------------------------------

#[test]
fn create_starts_and_create_stopped_defines() {
    let manager = manager();
    assert_eq!(
        ok(&manager, "create web-01 --memory 2048 --vcpus 2"),
        ["Domain 'web-01' created"]
    );
    assert_eq!(state(&manager, "web-01"), VmState::Running);
    assert_eq!(ok(&manager, "create db --stopped"), ["Domain 'db' defined"]);
    assert_eq!(state(&manager, "db"), VmState::Stopped);
    let info = manager.get_vm_info("web-01").unwrap();
    assert_eq!(
        info.config,
        VmConfig {
            name: "web-01".into(),
            memory: 2048,
            vcpus: 2,
            ..VmConfig::default()
        }
    );
}

#[test]
fn create_takes_every_option_and_an_empty_iso_is_none() {
    let manager = manager();
    ok(
        &manager,
        "create 'веб-сервер' --memory=512 --vcpus 3 --disk-size 40 \
         --disk-path '/my disks/w.qcow2' --iso '' --network bridged",
    );
    assert_eq!(
        manager.get_vm_info("веб-сервер").unwrap().config,
        VmConfig {
            name: "веб-сервер".into(),
            memory: 512,
            vcpus: 3,
            disk_path: "/my disks/w.qcow2".into(),
            disk_size: 40,
            iso_image: None,
            network: "bridged".into(),
        }
    );
}

#[test]
fn create_refuses_a_duplicate_in_virsh_words() {
    let manager = fixture();
    assert_eq!(
        refused(&manager, "create web-01"),
        [
            "error: Failed to create domain 'web-01'",
            "error: operation failed: domain 'web-01' already exists with uuid \
             6c059e39-e78a-8e07-87db-1d6660ffc327",
        ]
    );
    assert_eq!(
        refused(&manager, "create db-01 --stopped"),
        [
            "error: Failed to define domain 'db-01'",
            "error: operation failed: domain 'db-01' already exists with uuid \
             54a3874d-72cc-838d-a2be-965d195f9ebf",
        ]
    );
}

#[test]
fn create_refuses_an_invalid_config_with_the_core_message() {
    let manager = fixture();
    let cases = [
        (
            "create 'my vm'",
            "my vm",
            "error: name may contain only letters, digits, '-', '_' and '.', not a space",
        ),
        (
            "create -- -x",
            "-x",
            "error: name must start with a letter or digit, not '-'",
        ),
        (
            "create x --memory 0",
            "x",
            "error: memory must be between 1 and 4194304 MB, got 0",
        ),
        (
            "create x --vcpus 513",
            "x",
            "error: vCPUs must be between 1 and 512, got 513",
        ),
        (
            "create x --disk-size 0",
            "x",
            "error: disk size must be between 1 and 65536 GB, got 0",
        ),
        (
            "create x --network ''",
            "x",
            "error: network must not be empty",
        ),
    ];
    for (line, name, cause) in cases {
        assert_eq!(
            refused(&manager, line),
            [
                format!("error: Failed to create domain '{name}'"),
                cause.to_owned()
            ],
            "{line}"
        );
    }
    // An empty argument is refused before the core sees it, in virsh's words for any command.
    assert_eq!(
        refused(&manager, "create ''"),
        ["error: Failed to get option 'name': Option argument is empty"]
    );
}

// --- lifecycle ------------------------------------------------------------------------------

#[test]
fn every_lifecycle_command_succeeds_in_virsh_words() {
    let manager = fixture();
    assert_eq!(ok(&manager, "start db-01"), ["Domain 'db-01' started"]);
    assert_eq!(ok(&manager, "suspend db-01"), ["Domain 'db-01' suspended"]);
    assert_eq!(state(&manager, "db-01"), VmState::Paused);
    assert_eq!(ok(&manager, "resume db-01"), ["Domain 'db-01' resumed"]);
    assert_eq!(state(&manager, "db-01"), VmState::Running);
    assert_eq!(
        ok(&manager, "shutdown db-01"),
        ["Domain 'db-01' is being shutdown"]
    );
    assert_eq!(state(&manager, "db-01"), VmState::Stopped);
    assert_eq!(
        ok(&manager, "destroy web-01"),
        ["Domain 'web-01' destroyed"]
    );
    assert_eq!(state(&manager, "web-01"), VmState::Stopped);
    // Shutdown and destroy work on a paused domain, as in libvirt.
    assert_eq!(ok(&manager, "destroy cache"), ["Domain 'cache' destroyed"]);
    ok(&manager, "start cache");
    ok(&manager, "suspend cache");
    assert_eq!(
        ok(&manager, "shutdown cache"),
        ["Domain 'cache' is being shutdown"]
    );
    ok(&manager, "start web-01");
    assert_eq!(
        ok(&manager, "reboot web-01"),
        ["Domain 'web-01' is being rebooted"]
    );
    assert_eq!(state(&manager, "web-01"), VmState::Running);
    assert_eq!(
        ok(&manager, "undefine web-01"),
        ["Domain 'web-01' has been undefined"]
    );
    assert!(manager.get_vm_info("web-01").is_err());
}

#[test]
fn undefine_deletes_in_any_state() {
    let manager = fixture();
    for name in ["web-01", "cache", "db-01"] {
        assert_eq!(
            ok(&manager, &format!("undefine {name}")),
            [format!("Domain '{name}' has been undefined")]
        );
    }
    assert_eq!(manager.vm_count().unwrap(), 0);
}

/// (command, state, expected lines) for every refused lifecycle command.
#[test]
fn refused_lifecycle_commands_in_virsh_words() {
    let manager = fixture();
    let not_running = "error: Requested operation is not valid: domain is not running";
    let cases: [(&str, &str, [&str; 2]); 12] = [
        ("start", "web-01", ["error: Domain is already active", ""]),
        ("start", "cache", ["error: Domain is already active", ""]),
        (
            "shutdown",
            "db-01",
            ["error: Failed to shutdown domain 'db-01'", not_running],
        ),
        (
            "destroy",
            "db-01",
            ["error: Failed to destroy domain 'db-01'", not_running],
        ),
        (
            "suspend",
            "db-01",
            ["error: Failed to suspend domain 'db-01'", not_running],
        ),
        (
            "suspend",
            "cache",
            // libvirt refuses to pause a paused domain as not running.
            ["error: Failed to suspend domain 'cache'", not_running],
        ),
        (
            "resume",
            "web-01",
            [
                "error: Failed to resume domain 'web-01'",
                "error: Requested operation is not valid: domain is not paused",
            ],
        ),
        (
            "resume",
            "db-01",
            ["error: Failed to resume domain 'db-01'", not_running],
        ),
        (
            "reboot",
            "db-01",
            ["error: Failed to reboot domain 'db-01'", not_running],
        ),
        (
            "reboot",
            "cache",
            ["error: Failed to reboot domain 'cache'", not_running],
        ),
        (
            "domrename",
            "web-01 web-02",
            [
                "error: Requested operation is not valid: cannot rename active domain",
                "",
            ],
        ),
        (
            "domrename",
            "cache cache-2",
            [
                "error: Requested operation is not valid: cannot rename active domain",
                "",
            ],
        ),
    ];
    for (command, args, expected) in cases {
        let line = format!("{command} {args}");
        let expected: Vec<&str> = expected.into_iter().filter(|l| !l.is_empty()).collect();
        assert_eq!(refused(&manager, &line), expected, "{line}");
    }
}

#[test]
fn every_command_on_an_unknown_domain_fails_to_get_it() {
    let manager = fixture();
    for line in [
        "start nope",
        "shutdown nope",
        "destroy nope",
        "suspend nope",
        "resume nope",
        "reboot nope",
        "undefine nope",
        "dominfo nope",
        "domstate nope",
        "setmem nope 1024",
        "setmaxmem nope 1024",
        "setvcpus nope 2",
        "domrename nope other",
        "domid nope",
        "domuuid nope",
        "domname nope",
        "dumpxml nope",
    ] {
        assert_eq!(
            refused(&manager, line),
            ["error: failed to get domain 'nope'"],
            "{line}"
        );
    }
    assert_eq!(
        refused(&manager, "start 'my vm'"),
        ["error: failed to get domain 'my vm'"]
    );
}

// --- reboot, setmem, setvcpus: pending config ----------------------------------------------

#[test]
fn reboot_applies_the_pending_config() {
    let host = Host::new(fixture());
    assert_eq!(
        ok(&host, "setmaxmem web-01 4G --config"),
        Vec::<String>::new()
    );
    assert_eq!(ok(&host, "setmem web-01 4G --config"), Vec::<String>::new());
    assert_eq!(
        ok(&host, "reboot web-01"),
        ["Domain 'web-01' is being rebooted"]
    );
    let info = host.manager().get_vm_info("web-01").unwrap();
    assert_eq!(info.state, VmState::Running);
    assert_eq!(info.config.memory, 4096);
    assert_eq!(info.pending, None);
}

/// Runs a line on a host that must fail and change nothing in the core; returns its lines.
fn refused_on(host: &Host, line: &str) -> Vec<String> {
    let before = host.manager().saved_state().unwrap();
    let output = run(line, host);
    assert!(output.error, "{line} succeeded: {:?}", output.lines);
    assert_eq!(
        host.manager().saved_state().unwrap(),
        before,
        "{line} changed something"
    );
    output.lines
}

fn memory_and_vcpus(host: &Host, name: &str) -> ((u64, u32), Option<(u64, u32)>) {
    let info = host.manager().get_vm_info(name).unwrap();
    (
        (info.config.memory, info.config.vcpus),
        info.pending.map(|pending| (pending.memory, pending.vcpus)),
    )
}

#[test]
fn sizes_are_kib_unless_suffixed_as_in_virsh() {
    let host = Host::new(fixture());
    for (size, mb) in [
        ("1048576", 1024),
        ("2097152K", 2048),
        ("512M", 512),
        ("512MiB", 512),
        ("1G", 1024),
        ("1073741824b", 1024),
        ("1536m", 1536),
        // Not a whole MiB: the config (in MB) rounds up.
        ("1000", 1),
        ("1GB", 954),
    ] {
        // Lower the maximum first, so that every size fits under it.
        ok(&host, "setmaxmem db-01 4G");
        ok(&host, &format!("setmem db-01 {size} --current"));
        assert_eq!(memory_and_vcpus(&host, "db-01").0 .0, mb, "{size}");
    }
}

#[test]
fn setmem_and_setvcpus_change_a_shut_off_domains_config_at_once() {
    let host = Host::new(fixture());
    // Without an option, virsh changes only a running domain.
    assert_eq!(
        refused_on(&host, "setmem db-01 512M"),
        ["error: Requested operation is not valid: domain is not running"]
    );
    assert_eq!(
        refused_on(&host, "setvcpus db-01 1"),
        ["error: Requested operation is not valid: domain is not running"]
    );
    assert_eq!(
        ok(&host, "setmem db-01 512M --config"),
        Vec::<String>::new()
    );
    assert_eq!(
        ok(&host, "setvcpus db-01 1 --current"),
        Vec::<String>::new()
    );
    assert_eq!(memory_and_vcpus(&host, "db-01"), ((512, 1), None));
    // The maximum stays where it was: back up to it works, above it doesn't.
    ok(&host, "setmem db-01 1G --current");
    assert_eq!(
        refused_on(&host, "setmem db-01 1025M --config"),
        ["error: invalid argument: cannot set memory higher than max memory"]
    );
    assert_eq!(
        refused_on(&host, "setvcpus db-01 2 --config"),
        ["error: invalid argument: requested cpu amount exceeds maximum (2 > 1)"]
    );
    ok(&host, "setmaxmem db-01 4G");
    ok(&host, "setvcpus db-01 4 --maximum --config");
    ok(&host, "setmem db-01 4G --config");
    ok(&host, "setvcpus db-01 4 --config");
    assert_eq!(memory_and_vcpus(&host, "db-01"), ((4096, 4), None));
    // A maximum below the memory brings the memory down with it.
    ok(&host, "setmaxmem db-01 2G --config");
    ok(&host, "setvcpus db-01 2 --maximum --config");
    assert_eq!(memory_and_vcpus(&host, "db-01"), ((2048, 2), None));
    // --live needs a running domain.
    assert_eq!(
        refused_on(&host, "setmem db-01 1G --live"),
        ["error: Requested operation is not valid: domain is not running"]
    );
    assert_eq!(
        refused_on(&host, "setmaxmem db-01 1G --live"),
        [
            "error: Unable to change MaxMemorySize",
            "error: Requested operation is not valid: domain is not running"
        ]
    );
}

#[test]
fn on_an_active_domain_config_is_pending_and_live_lasts_until_it_stops() {
    let host = Host::new(fixture());
    ok(&host, "setmaxmem web-01 8G --config");
    ok(&host, "setvcpus web-01 4 --maximum --config");
    ok(&host, "setmem web-01 4G --config");
    ok(&host, "setvcpus web-01 4 --config");
    ok(&host, "setvcpus cache 1 --config");
    assert_eq!(
        memory_and_vcpus(&host, "web-01"),
        ((2048, 2), Some((4096, 4)))
    );
    assert_eq!(memory_and_vcpus(&host, "cache"), ((1024, 1), None));
    // Live: the running domain only; the core's config doesn't move.
    ok(&host, "setmem web-01 1G");
    ok(&host, "setvcpus web-01 1 --live");
    assert_eq!(
        memory_and_vcpus(&host, "web-01"),
        ((2048, 2), Some((4096, 4)))
    );
    let info = ok(&host, "dominfo web-01");
    assert_eq!(info[5], "CPU(s):         1");
    assert_eq!(info[8], "Used memory:    1048576 KiB");
    // A running domain's maximum can't change.
    assert_eq!(
        refused_on(&host, "setmaxmem web-01 16G"),
        [
            "error: Unable to change MaxMemorySize",
            "error: Requested operation is not valid: cannot resize the maximum memory on an \
             active domain"
        ]
    );
    // The next boot's config applies at the next stop; the live changes end.
    ok(&host, "shutdown web-01");
    assert_eq!(memory_and_vcpus(&host, "web-01"), ((4096, 4), None));
    ok(&host, "start web-01");
    let info = ok(&host, "dominfo web-01");
    assert_eq!(info[5], "CPU(s):         4");
    assert_eq!(info[8], "Used memory:    4194304 KiB");
}

#[test]
fn setting_the_running_value_again_drops_the_pending_change() {
    let host = Host::new(fixture());
    ok(&host, "setmem web-01 1G --config");
    ok(&host, "setmem web-01 2G --config");
    assert_eq!(memory_and_vcpus(&host, "web-01"), ((2048, 2), None));
    // With another field still pending, the change stays pending.
    ok(&host, "setmem web-01 1G --config");
    ok(&host, "setvcpus web-01 1 --config");
    ok(&host, "setmem web-01 2G --config");
    assert_eq!(
        memory_and_vcpus(&host, "web-01"),
        ((2048, 2), Some((2048, 1)))
    );
}

#[test]
fn set_commands_refuse_in_virsh_words_and_order() {
    let host = Host::new(fixture());
    for (line, expected) in [
        (
            "setmem nope x --live --current",
            vec!["error: Options --current and --live are mutually exclusive"],
        ),
        (
            "setvcpus web-01 1 --config --current",
            vec!["error: Options --current and --config are mutually exclusive"],
        ),
        (
            "setvcpus web-01 1 --maximum",
            vec!["error: Option --config is required by option --maximum"],
        ),
        ("setmem nope x", vec!["error: failed to get domain 'nope'"]),
        (
            "setmem web-01 x",
            vec!["error: Scaled numeric value 'x' for <size> option is malformed or out of range"],
        ),
        (
            "setmem web-01 -1",
            vec!["error: Scaled numeric value '-1' for <size> option is malformed or out of range"],
        ),
        (
            "setmaxmem web-01 1.5G",
            vec![
                "error: Scaled numeric value '1.5G' for <size> option is malformed or out of range",
                "error: invalid argument: unknown suffix '.5G'",
            ],
        ),
        (
            "setmem web-01 99999999999T",
            vec![
                "error: Scaled numeric value '99999999999T' for <size> option is malformed or \
                 out of range",
                "error: numerical overflow: value too large: 99999999999T",
            ],
        ),
        (
            "setmem web-01 0",
            vec!["error: memory in virDomainSetMemoryFlags must not be zero"],
        ),
        (
            "setmaxmem db-01 0",
            vec![
                "error: Unable to change MaxMemorySize",
                "error: memory in virDomainSetMemoryFlags must not be zero",
            ],
        ),
        (
            "setmem web-01 3G",
            vec!["error: invalid argument: cannot set memory higher than max memory"],
        ),
        (
            "setmaxmem db-01 5T",
            vec![
                "error: Unable to change MaxMemorySize",
                "error: memory must be between 1 and 4194304 MB, got 5242880",
            ],
        ),
        (
            "setvcpus web-01 abc",
            vec!["error: Numeric value 'abc' for <count> option is malformed or out of range"],
        ),
        (
            "setvcpus web-01 4294967296",
            vec![
                "error: Numeric value '4294967296' for <count> option is malformed or out of \
                 range",
            ],
        ),
        (
            "setvcpus web-01 0",
            vec!["error: Can't set 0 processors for a VM"],
        ),
        (
            "setvcpus web-01 3",
            vec!["error: invalid argument: requested cpu amount exceeds maximum (3 > 2)"],
        ),
    ] {
        assert_eq!(refused_on(&host, line), expected, "{line}");
    }
}

#[test]
fn the_bare_core_keeps_no_facts_and_says_so() {
    let manager = fixture();
    // A config change that needs no fact works.
    assert_eq!(
        ok(&manager, "setmem web-01 2G --config"),
        Vec::<String>::new()
    );
    ok(&manager, "setmaxmem db-01 512M");
    assert_eq!(manager.get_vm_info("db-01").unwrap().config.memory, 512);
    assert_eq!(
        refused(&manager, "setmem web-01 1G"),
        ["error: this function is not supported by the connection driver: virDomainSetMemoryFlags"]
    );
    assert_eq!(
        refused(&manager, "setvcpus web-01 1 --live"),
        ["error: this function is not supported by the connection driver: virDomainSetVcpusFlags"]
    );
}

// --- domrename ------------------------------------------------------------------------------

#[test]
fn domrename_renames_a_shut_off_domain() {
    let manager = fixture();
    assert_eq!(
        ok(&manager, "domrename db-01 'база-данных'"),
        ["Domain successfully renamed"]
    );
    assert!(manager.get_vm_info("db-01").is_err());
    let info = manager.get_vm_info("база-данных").unwrap();
    assert_eq!(info.state, VmState::Stopped);
    assert_eq!(info.config.disk_path, "/my disks/db-01.qcow2");
    assert_eq!(
        refused(&manager, "domrename база-данных база-данных"),
        ["error: Requested operation is not valid: Can't rename domain to itself"]
    );
}

#[test]
fn domrename_is_refused_when_active_taken_or_invalid() {
    let manager = fixture();
    // Even to its own name: an active domain can't be renamed.
    assert_eq!(
        refused(&manager, "domrename web-01 web-01"),
        ["error: Requested operation is not valid: cannot rename active domain"]
    );
    assert_eq!(
        refused(&manager, "domrename db-01 web-01"),
        ["error: Requested operation is not valid: domain with name 'web-01' already exists"]
    );
    assert_eq!(
        refused(&manager, "domrename db-01 'a b'"),
        ["error: name may contain only letters, digits, '-', '_' and '.', not a space"]
    );
    ok(&manager, "shutdown web-01");
    assert_eq!(
        ok(&manager, "domrename web-01 web-02"),
        ["Domain successfully renamed"]
    );
}

#[test]
fn domrename_keeps_a_pending_config_untouched_when_refused() {
    let host = Host::new(fixture());
    ok(&host, "setmem web-01 1G --config");
    refused_on(&host, "domrename web-01 web-01");
    assert_eq!(
        host.manager()
            .get_vm_info("web-01")
            .unwrap()
            .pending
            .unwrap()
            .memory,
        1024
    );
}

// --- help, clear, history, nothing ----------------------------------------------------------

#[test]
fn help_lists_every_command_by_group_as_virsh_does() {
    let lines = ok(&manager(), "help");
    assert_eq!(
        &lines[..4],
        [
            "Grouped commands:",
            "",
            " Domain Management (help keyword 'domain'):",
            "    create                         create a domain and start it (define it only with \
         --stopped)",
        ]
    );
    assert!(lines.contains(&" Domain Monitoring (help keyword 'monitor'):".into()));
    assert!(lines.contains(&"    list                           list domains".into()));
    assert_eq!(lines.last().unwrap(), "");
    for spec in vm_playground::console::COMMANDS {
        assert!(
            lines
                .iter()
                .any(|line| line.trim_start().starts_with(&format!("{} ", spec.name))),
            "{}",
            spec.name
        );
    }
    assert_eq!(
        ok(&manager(), "help monitor"),
        [
            " Domain Monitoring (help keyword 'monitor'):",
            "    dominfo                        domain information",
            "    dommemstat                     get memory statistics for a domain",
            "    domstate                       domain state",
            "    domstats                       get statistics about one or multiple domains",
            "    list                           list domains",
            "    nodeinfo                       node information",
            "",
        ]
    );
}

#[test]
fn help_for_one_command() {
    assert_eq!(
        ok(&manager(), "help start"),
        [
            "  NAME",
            "    start - start a (previously defined) inactive domain",
            "",
            "  SYNOPSIS",
            "    start <domain>",
            "",
            "  DESCRIPTION",
            "    Boots a shut off domain. A running or paused domain is already active: \
             resume a paused one instead.",
            "",
            "  OPTIONS",
            "    [--domain] <string>  name of the inactive domain",
            "",
        ]
    );
    assert_eq!(
        ok(&manager(), "setmem --help"),
        [
            "  NAME",
            "    setmem - change memory allocation",
            "",
            "  SYNOPSIS",
            "    setmem <domain> <size> [--config] [--live] [--current]",
            "",
            "  DESCRIPTION",
            "    Sets the memory a domain has, in KiB unless a unit follows (512M, 2G, \
             1048576K). No more than its max memory (setmaxmem). --live (the default) \
             changes the running domain until it stops; --config changes what it boots with \
             next (a pending change while it runs); --current, whichever its state means.",
            "",
            "  OPTIONS",
            "    [--domain] <string>  domain name, id or uuid",
            "    [--size] <number>  new memory size, as scaled integer (default KiB)",
            "    --config         affect next boot",
            "    --live           affect running domain",
            "    --current        affect current domain",
            "",
        ]
    );
    let create = ok(&manager(), "help create");
    assert_eq!(
        create[4],
        "    create <name> [--memory <MiB>] [--vcpus <number>] [--disk-size <GiB>] \
         [--disk-path <string>] [--iso <string>] [--network <string>] [--stopped]"
    );
    assert_eq!(
        create[11],
        "    --memory <MiB>   memory in MiB (default 1024)"
    );
    let help = ok(&manager(), "help help");
    assert_eq!(help[4], "    help [--command <string>]");
    assert_eq!(
        help[10],
        "    --command <string>  a command, or a group's keyword"
    );
    for spec in vm_playground::console::COMMANDS {
        let lines = ok(&manager(), &format!("help {}", spec.name));
        assert_eq!(lines[1], format!("    {} - {}", spec.name, spec.summary));
    }
}

#[test]
fn help_for_a_command_built_by_hand_that_doesnt_exist() {
    let output = execute(
        &vm_playground::console::Command::Help(Some("strat".into())),
        &manager(),
    );
    assert!(output.error);
    assert_eq!(
        output.lines,
        [
            "error: command or command group 'strat' doesn't exist",
            "did you mean 'start'?"
        ]
    );
}

#[test]
fn clear_and_history_are_effects() {
    let manager = manager();
    assert_eq!(
        run("clear", &manager),
        Output {
            effect: Some(Effect::Clear),
            ..Output::default()
        }
    );
    assert_eq!(
        run("virsh history", &manager),
        Output {
            effect: Some(Effect::ShowHistory),
            ..Output::default()
        }
    );
    assert_eq!(run("   ", &manager), Output::default());
    assert_eq!(run("# just a note", &manager), Output::default());
}

#[test]
fn history_is_numbered_like_a_shell() {
    let history = ["list --all".to_owned(), "start 'my vm'".to_owned()];
    assert_eq!(
        format_history(&history),
        ["    1  list --all", "    2  start 'my vm'"]
    );
    assert!(format_history(&[]).is_empty());
}

#[test]
fn a_parse_error_is_an_error_output_with_no_record() {
    let output = run("strat web-01", &fixture());
    assert_eq!(
        output,
        Output {
            lines: vec![
                "error: unknown command: 'strat'".into(),
                "did you mean 'start'?".into()
            ],
            error: true,
            effect: None,
            record: None,
        }
    );
    assert_eq!(
        output.text(),
        "error: unknown command: 'strat'\ndid you mean 'start'?"
    );
}

#[test]
fn a_closed_manager_says_so() {
    let manager = fixture();
    manager.close().unwrap();
    assert_eq!(
        run("list", &manager).lines,
        ["error: the VM manager is closed"]
    );
    assert_eq!(
        run("create x", &manager).lines,
        [
            "error: Failed to create domain 'x'",
            "error: the VM manager is closed"
        ]
    );
}

// --- records for the event log --------------------------------------------------------------

fn record(manager: &MockVmManager, line: &str) -> Option<OpRecord> {
    run(line, manager).record
}

/// The operation whose log word is `word` (exactly: not an old stored log's word).
fn op(word: &str) -> Op {
    Op::ALL
        .into_iter()
        .find(|op| op.as_str() == word)
        .unwrap_or_else(|| panic!("no operation is logged as {word}"))
}

fn done(vm: &str, word: &str) -> Option<OpRecord> {
    Some(OpRecord {
        vm: vm.into(),
        op: op(word),
        error: None,
    })
}

#[test]
fn operations_are_recorded_in_the_core_vocabulary() {
    let manager = fixture();
    assert_eq!(record(&manager, "create n --stopped"), done("n", "create"));
    assert_eq!(record(&manager, "start n"), done("n", "start"));
    assert_eq!(record(&manager, "suspend n"), done("n", "pause"));
    assert_eq!(record(&manager, "resume n"), done("n", "resume"));
    assert_eq!(record(&manager, "reboot n"), done("n", "reboot"));
    assert_eq!(
        record(&manager, "setmaxmem n 512M --config"),
        done("n", "setmaxmem")
    );
    assert_eq!(
        record(&manager, "setmem n 512M --config"),
        done("n", "update")
    );
    assert_eq!(
        record(&manager, "setvcpus n 1 --config"),
        done("n", "update")
    );
    assert_eq!(record(&manager, "shutdown n"), done("n", "stop"));
    assert_eq!(record(&manager, "start n"), done("n", "start"));
    assert_eq!(record(&manager, "destroy n"), done("n", "destroy"));
    assert_eq!(record(&manager, "domrename n m"), done("n", "rename"));
    assert_eq!(record(&manager, "undefine m"), done("m", "delete"));
    for line in [
        "list",
        "list --all",
        "dominfo web-01",
        "domstate web-01 --reason",
        "domid web-01",
        "domuuid web-01",
        "domname 1",
        "dumpxml web-01",
        "help",
        "clear",
    ] {
        assert_eq!(record(&manager, line), None, "{line}");
    }
}

#[test]
fn refusals_are_recorded_with_the_core_message() {
    let manager = fixture();
    let failed = |vm: &str, word: &str, error: &str| {
        Some(OpRecord {
            vm: vm.into(),
            op: op(word),
            error: Some(error.into()),
        })
    };
    assert_eq!(
        record(&manager, "start web-01"),
        failed(
            "web-01",
            "start",
            "cannot start 'web-01': it is already running"
        )
    );
    assert_eq!(
        record(&manager, "undefine nope"),
        failed("nope", "delete", "no VM named 'nope' exists")
    );
    assert_eq!(
        record(&manager, "create web-01"),
        failed("web-01", "create", "a VM named 'web-01' already exists")
    );
    assert_eq!(
        record(&manager, "reboot cache"),
        failed(
            "cache",
            "reboot",
            "cannot reboot 'cache': it is paused; only a running VM can be rebooted"
        )
    );
    assert_eq!(
        record(&manager, "domrename web-01 x"),
        failed(
            "web-01",
            "rename",
            "cannot rename 'web-01': it is running; stop it first"
        )
    );
    assert_eq!(
        record(&manager, "setmem web-01 0"),
        failed(
            "web-01",
            "update",
            "memory in virDomainSetMemoryFlags must not be zero"
        )
    );
}

// --- the backend is all execute uses --------------------------------------------------------

/// Wraps the core and writes down every call, as the web app's backend would route them.
struct Recording {
    manager: MockVmManager,
    calls: RefCell<Vec<String>>,
}

impl Recording {
    fn new() -> Self {
        Recording {
            manager: fixture(),
            calls: RefCell::new(Vec::new()),
        }
    }

    fn note(&self, call: String) {
        self.calls.borrow_mut().push(call);
    }

    fn take(&self) -> Vec<String> {
        self.calls.take()
    }
}

impl ConsoleBackend for Recording {
    fn create(&self, config: VmConfig, start: bool) -> Result<(), VmError> {
        self.note(format!("create {} start={start}", config.name));
        self.manager.create(config, start)
    }
    fn transition(&self, name: &str, transition: Transition) -> Result<VmState, VmError> {
        self.note(format!("transition {name} {transition:?}"));
        self.manager.transition(name, transition)
    }
    fn delete(&self, name: &str, with_snapshots: bool) -> Result<(), VmError> {
        self.note(format!("delete {name}"));
        self.manager.delete(name, with_snapshots)
    }
    fn create_snapshot(&self, request: NewSnapshot<'_>) -> Result<Snapshot, VmError> {
        self.note(format!("snapshot {} {}", request.vm, request.name));
        self.manager.create_snapshot(request)
    }
    fn revert_snapshot(&self, vm: &str, name: &str) -> Result<VmState, VmError> {
        self.note(format!("revert {vm} {name}"));
        self.manager.revert_snapshot(vm, name)
    }
    fn delete_snapshot(&self, request: SnapshotDeletion<'_>) -> Result<Vec<String>, VmError> {
        let SnapshotDeletion { vm, name, children } = request;
        self.note(format!("delete snapshot {vm} {name} children={children}"));
        ConsoleBackend::delete_snapshot(&self.manager, request)
    }
    fn clone_vm(&self, source: &str, new_name: &str) -> Result<VmInfo, VmError> {
        self.note(format!("clone {source} {new_name}"));
        ConsoleBackend::clone_vm(&self.manager, source, new_name)
    }
    fn update(&self, name: &str, config: VmConfig) -> Result<ConfigUpdate, VmError> {
        self.note(format!(
            "update {name} -> {} {}MB {}cpu",
            config.name, config.memory, config.vcpus
        ));
        self.manager.update(name, config)
    }
    fn info(&self, name: &str) -> Result<VmInfo, VmError> {
        self.note(format!("info {name}"));
        self.manager.info(name)
    }
    fn infos(&self) -> Result<Vec<VmInfo>, VmError> {
        self.note("infos".into());
        self.manager.infos()
    }
    fn names(&self) -> Vec<String> {
        self.manager.names()
    }
    fn now(&self) -> u64 {
        0
    }
}

#[test]
fn commands_go_through_the_backend() {
    let backend = Recording::new();
    let calls = |line: &str| {
        run(line, &backend);
        backend.take()
    };
    assert_eq!(calls("create n --stopped"), ["create n start=false"]);
    assert_eq!(calls("create m"), ["create m start=true"]);
    // virsh checks that the domain is inactive before it starts it.
    assert_eq!(calls("start n"), ["info n", "transition n Start"]);
    assert_eq!(calls("suspend n"), ["info n", "transition n Pause"]);
    assert_eq!(calls("resume n"), ["info n", "transition n Resume"]);
    assert_eq!(
        calls("reboot n"),
        ["info n", "transition n Stop", "transition n Start"]
    );
    assert_eq!(calls("reboot nope"), ["info nope"]);
    assert_eq!(calls("shutdown n"), ["info n", "transition n Stop"]);
    assert_eq!(calls("destroy m"), ["info m", "transition m Stop"]);
    assert_eq!(
        calls("setmaxmem n 512M"),
        ["info n", "update n -> n 512MB 1cpu"]
    );
    // No change, no update.
    assert_eq!(calls("setvcpus n 1"), ["info n"]);
    assert_eq!(
        calls("domrename n o"),
        ["info n", "update n -> o 512MB 1cpu"]
    );
    assert_eq!(calls("undefine o"), ["info o", "delete o"]);
    assert_eq!(calls("list --all"), ["infos"]);
    assert_eq!(calls("dominfo m"), ["info m", "infos"]);
    assert_eq!(calls("domstate m"), ["info m"]);
    assert!(calls("help").is_empty());
    assert!(calls("bogus").is_empty());
}

#[test]
fn the_core_backend_names_are_sorted() {
    let manager = fixture();
    assert_eq!(
        ConsoleBackend::names(&manager),
        ["cache", "db-01", "web-01"]
    );
    manager.close().unwrap();
    assert!(ConsoleBackend::names(&manager).is_empty());
}

#[test]
fn execute_takes_a_parsed_command() {
    let manager = fixture();
    let command = parse("virsh domstate web-01").unwrap();
    assert_eq!(execute(&command, &manager).lines, ["running"]);
}
