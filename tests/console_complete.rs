//! Tab completion, and the console lines that mirror GUI actions (which must parse back to
//! the same command, and do the same thing when run).
#![allow(
    clippy::disallowed_methods,
    reason = "native-only code: the page's size habits don't apply"
)]
#![cfg(not(target_arch = "wasm32"))]

use vm_playground::console::{
    command_for, complete, parse, run, Command, Completion, ConsoleError, GuiAction, Host,
    ListFilter, Scope, CANDIDATES_SHOWN,
};
use vm_playground::manager::{NewSnapshot, SnapshotDeletion};
use vm_playground::{MockVmManager, Transition, VmConfig, VmManager, VmState};

fn names() -> Vec<String> {
    [
        "cache",
        "db-01",
        "it's",
        "my vm",
        "web-01",
        "web-02",
        "веб-сервер",
    ]
    .map(String::from)
    .to_vec()
}

/// The completed line, when there is a single candidate (or none).
fn line(typed: &str) -> String {
    let completion = complete(typed, &names());
    assert!(
        completion.candidates.is_empty(),
        "{typed:?} has several candidates: {:?}",
        completion.candidates
    );
    completion.line
}

/// The line and the candidates, when there are several.
fn several(typed: &str) -> (String, Vec<String>) {
    let Completion { line, candidates } = complete(typed, &names());
    assert!(candidates.len() > 1, "{typed:?}: {candidates:?}");
    (line, candidates)
}

const ALL_COMMANDS: [&str; 34] = [
    "clear",
    "create",
    "destroy",
    "domid",
    "dominfo",
    "dommemstat",
    "domname",
    "domrename",
    "domstate",
    "domstats",
    "domuuid",
    "dumpxml",
    "help",
    "history",
    "list",
    "nodeinfo",
    "reboot",
    "redo",
    "resume",
    "setmaxmem",
    "setmem",
    "setvcpus",
    "shutdown",
    "snapshot-create-as",
    "snapshot-current",
    "snapshot-delete",
    "snapshot-info",
    "snapshot-list",
    "snapshot-revert",
    "start",
    "suspend",
    "undefine",
    "undo",
    "virt-clone",
];

// --- Commands -------------------------------------------------------------------------------

#[test]
fn a_unique_command_prefix_completes_with_a_space() {
    assert_eq!(line("sta"), "start ");
    assert_eq!(line("domin"), "dominfo ");
    assert_eq!(line("du"), "dumpxml ");
    assert_eq!(line("unde"), "undefine ");
    assert_eq!(line("start"), "start ");
    assert_eq!(line("  sta"), "  sta".replace("sta", "start "));
    assert_eq!(line("virs"), "virsh ");
    assert_eq!(line("virt"), "virt-clone ");
    assert_eq!(line("virsh"), "virsh ");
    assert_eq!(line("virsh sta"), "virsh start ");
    assert_eq!(line("virsh  reb"), "virsh  reboot ");
}

#[test]
fn several_commands_extend_to_their_common_prefix() {
    assert_eq!(
        several("s"),
        (
            "s".into(),
            [
                "setmaxmem",
                "setmem",
                "setvcpus",
                "shutdown",
                "snapshot-create-as",
                "snapshot-current",
                "snapshot-delete",
                "snapshot-info",
                "snapshot-list",
                "snapshot-revert",
                "start",
                "suspend"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert_eq!(
        several("se"),
        (
            "set".into(),
            vec!["setmaxmem".into(), "setmem".into(), "setvcpus".into()]
        )
    );
    assert_eq!(several("dom").0, "dom");
    assert_eq!(
        several("dom").1,
        [
            "domid",
            "dominfo",
            "dommemstat",
            "domname",
            "domrename",
            "domstate",
            "domstats",
            "domuuid"
        ]
    );
    assert_eq!(several("re").1, ["reboot", "redo", "resume"]);
}

#[test]
fn an_empty_line_offers_every_command_and_virsh() {
    let (line, candidates) = several("");
    assert_eq!(line, "");
    let mut expected: Vec<String> = ALL_COMMANDS.map(String::from).to_vec();
    expected.push("virsh".into());
    expected.sort();
    assert_eq!(candidates, expected);
    // After virsh, only the commands.
    assert_eq!(several("virsh ").1, ALL_COMMANDS);
}

#[test]
fn nothing_matches_nothing_changes() {
    for typed in [
        "xyz",
        "START",
        "bogus ",
        "bogus w",
        "start x",
        "start web-01 ",
    ] {
        assert_eq!(
            complete(typed, &names()),
            Completion {
                line: typed.into(),
                candidates: vec![]
            },
            "{typed:?}"
        );
    }
}

// --- VM names -------------------------------------------------------------------------------

#[test]
fn vm_names_complete_after_commands_that_take_one() {
    for command in [
        "start",
        "shutdown",
        "destroy",
        "suspend",
        "resume",
        "reboot",
        "undefine",
        "dominfo",
        "domstate",
        "setmem",
        "setvcpus",
        "domrename",
    ] {
        assert_eq!(
            line(&format!("{command} d")),
            format!("{command} db-01 "),
            "{command}"
        );
        assert_eq!(
            line(&format!("virsh {command} ca")),
            format!("virsh {command} cache "),
            "{command}"
        );
    }
}

#[test]
fn several_names_extend_to_their_common_prefix() {
    assert_eq!(
        several("start w"),
        ("start web-0".into(), vec!["web-01".into(), "web-02".into()])
    );
    let (line, candidates) = several("start ");
    assert_eq!(line, "start ");
    assert_eq!(candidates, names());
}

#[test]
fn names_that_need_quotes_are_inserted_quoted() {
    assert_eq!(line("start m"), "start 'my vm' ");
    assert_eq!(line("start 'my"), "start 'my vm' ");
    assert_eq!(line(r#"start "my v"#), "start 'my vm' ");
    assert_eq!(line(r"start my\ "), "start 'my vm' ");
    assert_eq!(line("start i"), r#"start "it's" "#);
    assert_eq!(line("start в"), "start веб-сервер ");
    assert_eq!(line("start web-01"), "start web-01 ");
}

#[test]
fn a_common_prefix_that_needs_quotes_leaves_the_quote_open() {
    let names = ["my vm 1", "my vm 2"].map(String::from).to_vec();
    let first = complete("start m", &names);
    assert_eq!(first.line, "start 'my vm ");
    assert_eq!(first.candidates, names);
    // Tab again: nothing more to add, and the line is still open for typing.
    assert_eq!(complete(&first.line, &names).line, "start 'my vm ");
    assert_eq!(complete("start 'my vm 2", &names).line, "start 'my vm 2' ");
}

#[test]
fn no_names_where_a_new_name_or_a_number_goes() {
    for typed in [
        "create ",
        "create w",
        "setmem web-01 ",
        "setmem web-01 1",
        "setvcpus web-01 ",
        "domrename db-01 ",
        "domrename db-01 w",
    ] {
        assert_eq!(line(typed), typed, "{typed:?}");
    }
}

/// Completion places the words as the parser does: an argument given by name (`--domain x`,
/// as virsh takes it) fills its own slot, and its value completes like the argument.
#[test]
fn arguments_given_by_name_complete_as_the_parser_reads_them() {
    assert_eq!(
        line("setmem --size 512 --domain c"),
        "setmem --size 512 --domain cache "
    );
    assert_eq!(
        line("setmem --size 512 --domain=c"),
        "setmem --size 512 --domain=c"
    );
    assert_eq!(
        line("snapshot-info --snapshotname s1 c"),
        "snapshot-info --snapshotname s1 cache "
    );
    assert_eq!(
        line("domrename --new-name x c"),
        "domrename --new-name x cache "
    );
    assert_eq!(line("setmem --domain cache 1"), "setmem --domain cache 1");
    // A mistake earlier in the line doesn't stop the walk: the words after it still count.
    assert_eq!(line("start --bogus c"), "start --bogus cache ");
    assert_eq!(line("start c --bogus "), "start c --bogus ");
    for typed in [
        "setmem --size 512 --domain c",
        "snapshot-info --snapshotname s1 c",
    ] {
        let completed = line(typed);
        assert!(parse(&completed).is_ok(), "{completed:?} doesn't parse");
    }
}

#[test]
fn help_completes_commands() {
    assert_eq!(line("help domr"), "help domrename ");
    assert_eq!(several("help do").0, "help dom");
    assert_eq!(several("help ").1, ALL_COMMANDS);
}

#[test]
fn after_double_dash_everything_is_a_name() {
    assert_eq!(line("start -- c"), "start -- cache ");
    assert_eq!(line("start -- --"), "start -- --");
}

#[test]
fn a_comment_is_not_completed() {
    assert_eq!(line("start w # st"), "start w # st");
}

// --- Options --------------------------------------------------------------------------------

#[test]
fn options_complete_after_dashes() {
    assert_eq!(line("create web --m"), "create web --memory ");
    assert_eq!(line("create web --st"), "create web --stopped ");
    assert_eq!(line("list --a"), "list --all ");
    assert_eq!(line("list --state-r"), "list --state-running ");
    assert_eq!(
        several("create web --d"),
        (
            "create web --disk-".into(),
            vec!["--disk-path".into(), "--disk-size".into()]
        )
    );
    assert_eq!(
        several("list --s"),
        (
            "list --state-".into(),
            ["--state-paused", "--state-running", "--state-shutoff"]
                .map(String::from)
                .to_vec()
        )
    );
    // Options before the name complete too.
    assert_eq!(line("create --v"), "create --vcpus ");
}

#[test]
fn options_already_given_are_not_offered_again() {
    assert_eq!(
        line("create web --memory 1 --vcpus 2 --m"),
        "create web --memory 1 --vcpus 2 --m"
    );
    assert_eq!(
        several("list --all --state-").1,
        ["--state-paused", "--state-running", "--state-shutoff"]
    );
    assert!(!several("list --all --").1.contains(&"--all".to_owned()));
    assert_eq!(
        several("list --all --state-running --state-").1,
        ["--state-paused", "--state-shutoff"]
    );
    assert_eq!(line("create x --memory=5 --me"), "create x --memory=5 --me");
}

#[test]
fn after_the_arguments_an_empty_word_offers_the_options() {
    let (line, candidates) = several("create web ");
    assert_eq!(line, "create web --");
    assert_eq!(
        candidates,
        [
            "--disk-path",
            "--disk-size",
            "--iso",
            "--memory",
            "--network",
            "--stopped",
            "--vcpus"
        ]
    );
    assert_eq!(several("list ").0, "list --");
    assert_eq!(several("list ").1.len(), 11);
}

#[test]
fn option_values_complete_only_for_networks() {
    assert_eq!(line("create web --memory "), "create web --memory ");
    assert_eq!(
        line("create web --disk-path /va"),
        "create web --disk-path /va"
    );
    assert_eq!(
        several("create web --network "),
        (
            "create web --network ".into(),
            vec!["bridged".into(), "default".into(), "isolated".into()]
        )
    );
    assert_eq!(
        line("create web --network i"),
        "create web --network isolated "
    );
    // A value taken, the next word is an option or nothing.
    assert_eq!(
        several("create web --network isolated ").0,
        "create web --network isolated --"
    );
}

#[test]
fn completion_with_no_vms() {
    assert_eq!(
        complete("start ", &[]),
        Completion {
            line: "start ".into(),
            candidates: vec![]
        }
    );
}

#[test]
fn every_completed_line_parses() {
    for typed in [
        "sta",
        "start m",
        "start i",
        "create web --m",
        "list --state-r",
        "help domr",
    ] {
        let completed = complete(typed, &names()).line;
        let with_value = if completed.ends_with("--memory ") {
            format!("{completed}1")
        } else {
            completed
        };
        if with_value.trim() != "start" {
            assert!(parse(&with_value).is_ok(), "{with_value:?}");
        }
    }
}

// --- Mirroring GUI actions ------------------------------------------------------------------

fn config(name: &str) -> VmConfig {
    VmConfig {
        name: name.to_owned(),
        ..VmConfig::default()
    }
}

/// Every line parses; comments parse to nothing.
fn parsed(lines: &[String]) -> Vec<Command> {
    lines
        .iter()
        .map(|line| {
            assert!(
                line.starts_with("virsh ") || line.starts_with("# "),
                "{line}"
            );
            parse(line).unwrap_or_else(|error| panic!("{line}: {error}"))
        })
        .collect()
}

#[test]
fn create_mirrors_with_only_the_options_that_differ() {
    let plain = config("web-02");
    assert_eq!(
        command_for(&GuiAction::Create {
            config: &plain,
            start: true
        }),
        ["virsh create web-02"]
    );
    let full = VmConfig {
        name: "веб-сервер".into(),
        memory: 2048,
        vcpus: 2,
        disk_path: "/var/lib/libvirt/images/my disk.qcow2".into(),
        disk_size: 40,
        iso_image: Some("/isos/debian 12.iso".into()),
        network: "isolated".into(),
    };
    let lines = command_for(&GuiAction::Create {
        config: &full,
        start: false,
    });
    assert_eq!(
        lines,
        [
            "virsh create веб-сервер --memory 2048 --vcpus 2 --disk-size 40 \
          --disk-path '/var/lib/libvirt/images/my disk.qcow2' --iso '/isos/debian 12.iso' \
          --network isolated --stopped"
        ]
    );
    assert_eq!(
        parsed(&lines),
        [Command::Create {
            config: full,
            start: false
        }]
    );
}

#[test]
fn transitions_and_delete_mirror_as_virsh_commands() {
    let cases = [
        (
            Transition::Start,
            "virsh start web-01",
            Command::Start("web-01".into()),
        ),
        (
            Transition::Stop,
            "virsh shutdown web-01",
            Command::Shutdown("web-01".into()),
        ),
        (
            Transition::Pause,
            "virsh suspend web-01",
            Command::Suspend("web-01".into()),
        ),
        (
            Transition::Resume,
            "virsh resume web-01",
            Command::Resume("web-01".into()),
        ),
    ];
    for (transition, expected, command) in cases {
        let lines = command_for(&GuiAction::Transition {
            name: "web-01",
            transition,
        });
        assert_eq!(lines, [expected]);
        assert_eq!(parsed(&lines), [command]);
    }
    let lines = command_for(&GuiAction::Delete {
        name: "my vm",
        snapshots: false,
    });
    assert_eq!(lines, ["virsh undefine 'my vm'"]);
    assert_eq!(
        parsed(&lines),
        [Command::Undefine {
            name: "my vm".into(),
            snapshots_metadata: false
        }]
    );
}

#[test]
fn odd_names_round_trip_through_every_mirrored_line() {
    for name in ["веб-сервер", "my vm", "it's", r#"a "b" \c"#, "--all", "#x"] {
        for transition in Transition::ALL {
            let lines = command_for(&GuiAction::Transition { name, transition });
            let command = &parsed(&lines)[0];
            let back = match command {
                Command::Start(n)
                | Command::Shutdown(n)
                | Command::Suspend(n)
                | Command::Resume(n) => n,
                other => panic!("{other:?}"),
            };
            assert_eq!(back, name);
        }
        let with_path = VmConfig {
            disk_path: format!("/disks/{name} 1.qcow2"),
            iso_image: Some(format!("{name}.iso")),
            ..config(name)
        };
        let lines = command_for(&GuiAction::Create {
            config: &with_path,
            start: true,
        });
        assert_eq!(
            parsed(&lines),
            [Command::Create {
                config: with_path,
                start: true
            }]
        );
        assert_eq!(
            parsed(&command_for(&GuiAction::Delete {
                name,
                snapshots: false
            })),
            [Command::Undefine {
                name: name.into(),
                snapshots_metadata: false
            }]
        );
    }
    // An empty name is quoted too, and refused as virsh refuses an empty argument.
    let lines = command_for(&GuiAction::Transition {
        name: "",
        transition: Transition::Start,
    });
    assert_eq!(lines, ["virsh start ''"]);
    assert_eq!(
        parse(&lines[0]),
        Err(ConsoleError::EmptyArgument {
            command: "start",
            argument: "domain"
        })
    );
}

#[test]
fn an_edit_mirrors_as_one_line_per_command_and_a_comment_for_the_rest() {
    let from = config("web-01");
    let to = VmConfig {
        name: "веб-01".into(),
        memory: 4096,
        vcpus: 4,
        disk_size: 20,
        network: "isolated".into(),
        iso_image: Some("/my isos/a.iso".into()),
        ..from.clone()
    };
    let lines = command_for(&GuiAction::Update {
        name: "web-01",
        from: &from,
        to: &to,
    });
    assert_eq!(
        lines,
        [
            "virsh domrename web-01 веб-01",
            "virsh setmaxmem веб-01 4096M --config",
            "virsh setmem веб-01 4096M --config",
            "virsh setvcpus веб-01 4 --maximum --config",
            "virsh setvcpus веб-01 4 --config",
            "# virsh edit веб-01: disk size 10 GB → 20 GB, ISO image none → /my isos/a.iso, \
             network default → isolated",
        ]
    );
    assert_eq!(
        parsed(&lines),
        [
            Command::DomRename {
                old: "web-01".into(),
                new: "веб-01".into()
            },
            Command::SetMaxMem {
                name: "веб-01".into(),
                size: "4096M".into(),
                scope: Scope::CONFIG,
            },
            Command::SetMem {
                name: "веб-01".into(),
                size: "4096M".into(),
                scope: Scope::CONFIG,
            },
            Command::SetVcpus {
                name: "веб-01".into(),
                count: "4".into(),
                maximum: true,
                scope: Scope::CONFIG,
            },
            Command::SetVcpus {
                name: "веб-01".into(),
                count: "4".into(),
                maximum: false,
                scope: Scope::CONFIG,
            },
            Command::Nothing,
        ]
    );
}

#[test]
fn an_edit_of_memory_lowers_the_current_first_and_no_change_is_none() {
    let from = config("web-01");
    let to = VmConfig {
        memory: 512,
        ..from.clone()
    };
    assert_eq!(
        command_for(&GuiAction::Update {
            name: "web-01",
            from: &from,
            to: &to
        }),
        [
            "virsh setmem web-01 512M --config",
            "virsh setmaxmem web-01 512M --config"
        ]
    );
    assert!(command_for(&GuiAction::Update {
        name: "web-01",
        from: &from,
        to: &from
    })
    .is_empty());
    let disk_only = VmConfig {
        disk_path: "/new path.qcow2".into(),
        ..from.clone()
    };
    assert_eq!(
        command_for(&GuiAction::Update {
            name: "web-01",
            from: &from,
            to: &disk_only
        }),
        ["# virsh edit web-01: disk path none → /new path.qcow2"]
    );
}

#[test]
fn discarding_pending_changes_mirrors_as_a_comment() {
    let lines = command_for(&GuiAction::DiscardPending { name: "my vm" });
    assert_eq!(
        lines,
        ["# discard the pending config of 'my vm' (virsh has no one-line equivalent)"]
    );
    assert_eq!(parsed(&lines), [Command::Nothing]);
}

/// The VMs as the user sees them: config, state and pending config (revisions differ, since
/// one GUI edit may be several commands).
fn visible(manager: &MockVmManager) -> Vec<(VmConfig, VmState, Option<VmConfig>)> {
    manager
        .list_vm_infos()
        .unwrap()
        .into_iter()
        .map(|info| (info.config, info.state, info.pending))
        .collect()
}

/// Running the mirrored lines does what the GUI action did.
#[test]
fn mirrored_lines_do_what_the_gui_did() {
    let gui = MockVmManager::with_clock(Box::new(|| 0));
    let console = Host::new(MockVmManager::with_clock(Box::new(|| 0)));
    let mirror = |lines: Vec<String>| {
        for line in &lines {
            let output = run(line, &console);
            assert!(!output.error, "{line}: {:?}", output.lines);
        }
        assert_eq!(visible(console.manager()), visible(&gui), "{lines:?}");
    };

    let created = VmConfig {
        memory: 2048,
        disk_path: "/my disks/a.qcow2".into(),
        ..config("web-01")
    };
    gui.define_vm(created.clone()).unwrap();
    mirror(command_for(&GuiAction::Create {
        config: &created,
        start: false,
    }));

    // Edit while stopped: rename, memory and vCPUs apply at once.
    let renamed = VmConfig {
        name: "веб-02".into(),
        memory: 1024,
        vcpus: 3,
        ..created.clone()
    };
    gui.update_vm_config("web-01", renamed.clone()).unwrap();
    mirror(command_for(&GuiAction::Update {
        name: "web-01",
        from: &created,
        to: &renamed,
    }));

    gui.start_vm("веб-02").unwrap();
    mirror(command_for(&GuiAction::Transition {
        name: "веб-02",
        transition: Transition::Start,
    }));

    // Edit while running: pending, both fields.
    let bigger = VmConfig {
        memory: 8192,
        vcpus: 8,
        ..renamed.clone()
    };
    gui.update_vm_config("веб-02", bigger.clone()).unwrap();
    mirror(command_for(&GuiAction::Update {
        name: "веб-02",
        from: &renamed,
        to: &bigger,
    }));

    gui.pause_vm("веб-02").unwrap();
    mirror(command_for(&GuiAction::Transition {
        name: "веб-02",
        transition: Transition::Pause,
    }));
    assert_eq!(
        run("list", &console).lines,
        [
            " Id   Name     State",
            "-----------------------",
            " 1    веб-02   paused"
        ]
    );

    gui.stop_vm("веб-02").unwrap();
    mirror(command_for(&GuiAction::Transition {
        name: "веб-02",
        transition: Transition::Stop,
    }));

    gui.delete_vm("веб-02").unwrap();
    mirror(command_for(&GuiAction::Delete {
        name: "веб-02",
        snapshots: false,
    }));
}

#[test]
fn list_filters_round_trip() {
    for bits in 0..1u16 << 11 {
        let on = |bit: u16| bits & 1 << bit != 0;
        let filter = ListFilter {
            all: on(0),
            inactive: on(1),
            running: on(2),
            paused: on(3),
            shutoff: on(4),
            persistent: on(5),
            transient: on(6),
            uuid: on(7),
            id: on(8),
            name: on(9),
            table: on(10),
        };
        let command = Command::List(filter);
        assert_eq!(parse(&format!("virsh {}", command.to_line())), Ok(command));
    }
}

#[test]
fn a_few_candidates_are_all_listed_and_thousands_are_counted() {
    let few = complete("start web", &names());
    assert_eq!(few.candidates_line().as_deref(), Some("web-01  web-02"));
    assert_eq!(complete("start cac", &names()).candidates_line(), None);
    assert_eq!(complete("start zzz", &names()).candidates_line(), None);

    let many: Vec<String> = (0..10_000).map(|i| format!("vm-{i:05}")).collect();
    let completion = complete("start vm-", &many);
    assert_eq!(completion.candidates.len(), 10_000);
    let line = completion.candidates_line().unwrap();
    let listed: Vec<&str> = line
        .split("  ")
        .take_while(|word| word.starts_with("vm-"))
        .collect();
    assert_eq!(listed.len(), CANDIDATES_SHOWN);
    assert_eq!(listed.first(), Some(&"vm-00000"));
    assert!(
        line.ends_with(&format!(
            "… and {} more: type more of the word to narrow them",
            10_000 - CANDIDATES_SHOWN
        )),
        "{line}"
    );

    // Exactly as many as are shown: no count.
    let exact: Vec<String> = many[..CANDIDATES_SHOWN].to_vec();
    let line = complete("start vm-", &exact).candidates_line().unwrap();
    assert!(!line.contains("more"), "{line}");
    assert_eq!(line.split("  ").count(), CANDIDATES_SHOWN);
}

#[test]
fn snapshot_and_clone_actions_mirror_as_commands_that_parse_back() {
    let cases = [
        (
            GuiAction::SnapshotCreate(NewSnapshot {
                vm: "my vm",
                name: "base",
                description: "fresh install",
            }),
            "virsh snapshot-create-as 'my vm' base --description 'fresh install'",
        ),
        (
            GuiAction::SnapshotCreate(NewSnapshot {
                vm: "web",
                name: "s",
                description: "",
            }),
            "virsh snapshot-create-as web s",
        ),
        (
            GuiAction::SnapshotRevert {
                vm: "web",
                name: "s",
            },
            "virsh snapshot-revert web s",
        ),
        (
            GuiAction::SnapshotDelete(SnapshotDeletion {
                vm: "web",
                name: "s",
                children: false,
            }),
            "virsh snapshot-delete web s",
        ),
        (
            GuiAction::Delete {
                name: "web",
                snapshots: true,
            },
            "virsh undefine web --snapshots-metadata",
        ),
        (
            GuiAction::Clone {
                original: "web",
                name: "web-2",
            },
            "virt-clone --original web --name web-2 --auto-clone",
        ),
    ];
    for (action, line) in cases {
        let lines = command_for(&action);
        assert_eq!(lines, [line]);
        let reparsed = parse(&lines[0]).unwrap();
        assert_eq!(parse(&reparsed.to_line()).unwrap(), reparsed, "{line}");
    }
}

#[test]
fn after_a_semicolon_the_next_command_completes() {
    assert_eq!(line("list; sta"), "list; start ");
    assert_eq!(line("list;domid ca"), "list;domid cache ");
    assert_eq!(line("start 'a;b'; list --al"), "start 'a;b'; list --all ");
}
