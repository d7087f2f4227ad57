//! Every console command run on the core, against golden outputs in virsh's layout and
//! wording; refused commands change nothing; the event-log records; the backend calls made.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;

use vm_playground::console::{
    execute, fake_uuid, format_history, parse, run, ConsoleBackend, Effect, OpRecord, Output,
};
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
    let before = manager.snapshot().unwrap();
    let output = run(line, manager);
    assert!(output.error, "{line} succeeded: {:?}", output.lines);
    assert_eq!(
        manager.snapshot().unwrap(),
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
fn list_all_shows_shut_off_domains_with_no_id() {
    assert_eq!(
        ok(&fixture(), "virsh list --all"),
        [
            " Id   Name     State",
            "-------------------------",
            " 1    cache    paused",
            " -    db-01    shut off",
            " 2    web-01   running",
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
    assert_eq!(
        ok(
            &manager,
            "list --state-running --state-paused --state-shutoff"
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
            " -    a            shut off",
            " 1    веб-сервер   running",
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
            "Max memory:     2097152 KiB",
            "Used memory:    2097152 KiB",
            "Persistent:     yes",
            "Autostart:      disable",
            "Disk path:      /var/lib/libvirt/images/web-01.qcow2",
            "Disk size:      20 GB",
            "ISO image:      -",
            "Network:        default",
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
            "Disk path:      /my disks/db-01.qcow2",
            "Disk size:      10 GB",
            "ISO image:      /isos/debian.iso",
            "Network:        isolated",
        ]
    );
}

#[test]
fn dominfo_shows_pending_changes() {
    let manager = fixture();
    ok(&manager, "setmem web-01 4096");
    ok(&manager, "setvcpus web-01 4");
    let lines = ok(&manager, "dominfo web-01");
    // The running values stay until the next stop.
    assert_eq!(lines[5], "CPU(s):         2");
    assert_eq!(lines[6], "Max memory:     2097152 KiB");
    assert_eq!(
        lines.last().unwrap(),
        "Pending:        memory 2048 → 4096 MB, vCPUs 2 → 4 (takes effect at next stop)"
    );
    assert_eq!(lines.len(), 15);
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
            "error: operation failed: domain 'web-01' already exists",
        ]
    );
    assert_eq!(
        refused(&manager, "create db-01 --stopped"),
        [
            "error: Failed to define domain 'db-01'",
            "error: operation failed: domain 'db-01' already exists",
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
        ("create ''", "", "error: name must not be empty"),
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
        (
            "start",
            "web-01",
            [
                "error: Failed to start domain 'web-01'",
                "error: Requested operation is not valid: domain is already active",
            ],
        ),
        (
            "start",
            "cache",
            [
                "error: Failed to start domain 'cache'",
                "error: Requested operation is not valid: domain is already active",
            ],
        ),
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
            [
                "error: Failed to suspend domain 'cache'",
                "error: Requested operation is not valid: domain is already paused",
            ],
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
        "setvcpus nope 2",
        "domrename nope other",
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
    let manager = fixture();
    assert_eq!(
        ok(&manager, "setmem web-01 4096"),
        ["Domain 'web-01' memory set to 4096 MB (takes effect at next stop)"]
    );
    assert_eq!(
        ok(&manager, "reboot web-01"),
        [
            "Domain 'web-01' is being rebooted",
            "Pending changes applied: memory 2048 → 4096 MB",
        ]
    );
    let info = manager.get_vm_info("web-01").unwrap();
    assert_eq!(info.state, VmState::Running);
    assert_eq!(info.config.memory, 4096);
    assert_eq!(info.pending, None);
}

#[test]
fn setmem_and_setvcpus_apply_at_once_to_a_shut_off_domain() {
    let manager = fixture();
    assert_eq!(
        ok(&manager, "setmem db-01 4096"),
        ["Domain 'db-01' memory set to 4096 MB"]
    );
    assert_eq!(
        ok(&manager, "setvcpus db-01 8"),
        ["Domain 'db-01' vCPUs set to 8"]
    );
    let info = manager.get_vm_info("db-01").unwrap();
    assert_eq!((info.config.memory, info.config.vcpus), (4096, 8));
    assert_eq!(info.pending, None);
    assert_eq!(
        ok(&manager, "setmem db-01 4096"),
        ["Domain 'db-01' memory is already 4096 MB"]
    );
    assert_eq!(
        ok(&manager, "setvcpus db-01 8"),
        ["Domain 'db-01' vCPUs is already 8"]
    );
}

#[test]
fn setmem_and_setvcpus_on_an_active_domain_are_pending_and_add_up() {
    let manager = fixture();
    assert_eq!(
        ok(&manager, "setmem web-01 4096"),
        ["Domain 'web-01' memory set to 4096 MB (takes effect at next stop)"]
    );
    assert_eq!(
        ok(&manager, "setvcpus web-01 4"),
        ["Domain 'web-01' vCPUs set to 4 (takes effect at next stop)"]
    );
    assert_eq!(
        ok(&manager, "setvcpus cache 3"),
        ["Domain 'cache' vCPUs set to 3 (takes effect at next stop)"]
    );
    let info = manager.get_vm_info("web-01").unwrap();
    assert_eq!((info.config.memory, info.config.vcpus), (2048, 2));
    let pending = info.pending.unwrap();
    assert_eq!((pending.memory, pending.vcpus), (4096, 4));
    // Both apply at the next stop.
    ok(&manager, "shutdown web-01");
    let info = manager.get_vm_info("web-01").unwrap();
    assert_eq!((info.config.memory, info.config.vcpus), (4096, 4));
    assert_eq!(info.pending, None);
}

#[test]
fn setting_the_running_value_again_drops_the_pending_change() {
    let manager = fixture();
    ok(&manager, "setmem web-01 4096");
    assert_eq!(
        ok(&manager, "setmem web-01 2048"),
        ["Domain 'web-01' memory set to 2048 MB, the running value: \
             no change is pending any more"]
    );
    assert_eq!(manager.get_vm_info("web-01").unwrap().pending, None);
    assert_eq!(
        ok(&manager, "setmem web-01 2048"),
        ["Domain 'web-01' memory is already 2048 MB"]
    );
    // With another field still pending, the change stays pending.
    ok(&manager, "setmem web-01 4096");
    ok(&manager, "setvcpus web-01 4");
    assert_eq!(
        ok(&manager, "setmem web-01 2048"),
        ["Domain 'web-01' memory set to 2048 MB (takes effect at next stop)"]
    );
    let pending = manager.get_vm_info("web-01").unwrap().pending.unwrap();
    assert_eq!((pending.memory, pending.vcpus), (2048, 4));
}

#[test]
fn setmem_and_setvcpus_refuse_out_of_range_values() {
    let manager = fixture();
    assert_eq!(
        refused(&manager, "setmem web-01 0"),
        ["error: memory must be between 1 and 4194304 MB, got 0"]
    );
    assert_eq!(
        refused(&manager, "setmem db-01 4194305"),
        ["error: memory must be between 1 and 4194304 MB, got 4194305"]
    );
    assert_eq!(
        refused(&manager, "setvcpus db-01 0"),
        ["error: vCPUs must be between 1 and 512, got 0"]
    );
    assert_eq!(
        refused(&manager, "setvcpus web-01 9999"),
        ["error: vCPUs must be between 1 and 512, got 9999"]
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
        ok(&manager, "domrename база-данных база-данных"),
        ["Domain 'база-данных' already has that name"]
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
        ["error: operation failed: domain 'web-01' already exists"]
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
    let manager = fixture();
    ok(&manager, "setmem web-01 4096");
    refused(&manager, "domrename web-01 web-01");
    assert_eq!(
        manager
            .get_vm_info("web-01")
            .unwrap()
            .pending
            .unwrap()
            .memory,
        4096
    );
}

// --- help, clear, history, nothing ----------------------------------------------------------

#[test]
fn help_lists_every_command() {
    assert_eq!(
        ok(&manager(), "help"),
        [
            "Commands (type 'help COMMAND' for one in detail):",
            "    list       list domains",
            "    create     create a domain and start it (define it only with --stopped)",
            "    start      start a (previously defined) inactive domain",
            "    shutdown   gracefully shutdown a domain",
            "    destroy    destroy (stop) a domain",
            "    suspend    suspend a domain",
            "    resume     resume a domain",
            "    reboot     reboot a domain",
            "    undefine   undefine a domain",
            "    dominfo    domain information",
            "    domstate   domain state",
            "    setmem     change memory allocation",
            "    setvcpus   change number of virtual CPUs",
            "    domrename  rename a domain",
            "    help       print help",
            "    clear      clear the console",
            "    history    list the commands typed so far",
            "",
            "A leading 'virsh' is optional. Quote names with spaces: start 'my vm'. Tab completes.",
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
            "    start NAME",
            "",
            "  DESCRIPTION",
            "    Starts a shut off domain. A running or paused domain is already active: \
             resume a paused one instead.",
        ]
    );
    assert_eq!(
        ok(&manager(), "list --help"),
        [
            "  NAME",
            "    list - list domains",
            "",
            "  SYNOPSIS",
            "    list [--all] [--state-running] [--state-paused] [--state-shutoff]",
            "",
            "  DESCRIPTION",
            "    Lists the active (running and paused) domains, or every domain with --all. \
             The --state-* options list only the domains in those states, and may be \
             combined. Active domains get an Id (numbered by name here); shut off ones show \
             '-'.",
            "",
            "  OPTIONS",
            "    --all            list inactive (shut off) domains too",
            "    --state-running  list running domains",
            "    --state-paused   list paused domains",
            "    --state-shutoff  list shut off domains",
        ]
    );
    let create = ok(&manager(), "help create");
    assert_eq!(
        create[4],
        "    create NAME [--memory MB] [--vcpus N] [--disk-size GB] [--disk-path PATH] \
         [--iso PATH] [--network NET] [--stopped]"
    );
    assert_eq!(
        create[10],
        "    --memory MB       memory in MB (default 1024)"
    );
    assert_eq!(
        create.last().unwrap(),
        "    --stopped         only define the domain, don't start it"
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
            "error: command 'strat' doesn't exist",
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

fn done(vm: &str, op: &'static str) -> Option<OpRecord> {
    Some(OpRecord {
        vm: vm.into(),
        op,
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
    assert_eq!(record(&manager, "setmem n 2048"), done("n", "update"));
    assert_eq!(record(&manager, "setvcpus n 2"), done("n", "update"));
    assert_eq!(record(&manager, "shutdown n"), done("n", "stop"));
    assert_eq!(record(&manager, "start n"), done("n", "start"));
    assert_eq!(record(&manager, "destroy n"), done("n", "destroy"));
    assert_eq!(record(&manager, "domrename n m"), done("n", "rename"));
    assert_eq!(record(&manager, "undefine m"), done("m", "delete"));
    for line in [
        "list",
        "list --all",
        "dominfo web-01",
        "domstate web-01",
        "help",
        "clear",
    ] {
        assert_eq!(record(&manager, line), None, "{line}");
    }
}

#[test]
fn refusals_are_recorded_with_the_core_message() {
    let manager = fixture();
    let failed = |vm: &str, op: &'static str, error: &str| {
        Some(OpRecord {
            vm: vm.into(),
            op,
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
            "memory must be between 1 and 4194304 MB, got 0"
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
    fn delete(&self, name: &str) -> Result<(), VmError> {
        self.note(format!("delete {name}"));
        self.manager.delete(name)
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
    assert_eq!(calls("start n"), ["transition n Start"]);
    assert_eq!(calls("suspend n"), ["transition n Pause"]);
    assert_eq!(calls("resume n"), ["transition n Resume"]);
    assert_eq!(
        calls("reboot n"),
        ["info n", "transition n Stop", "transition n Start"]
    );
    assert_eq!(calls("reboot nope"), ["info nope"]);
    assert_eq!(calls("shutdown n"), ["transition n Stop"]);
    assert_eq!(calls("destroy m"), ["transition m Stop"]);
    assert_eq!(
        calls("setmem n 2048"),
        ["info n", "update n -> n 2048MB 1cpu"]
    );
    assert_eq!(
        calls("setvcpus n 3"),
        ["info n", "update n -> n 2048MB 3cpu"]
    );
    assert_eq!(
        calls("domrename n o"),
        ["info n", "update n -> o 2048MB 3cpu"]
    );
    assert_eq!(calls("undefine o"), ["delete o"]);
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
