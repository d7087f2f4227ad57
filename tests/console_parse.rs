//! The console's parser: quoting, the optional `virsh`, every command, every error and its
//! suggestion, and `Command::to_line` reading back as the same command.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use vm_playground::console::{parse, ArgKind, Command, ConsoleError, ListFilter, Scope, COMMANDS};
use vm_playground::VmConfig;

fn ok(line: &str) -> Command {
    parse(line).unwrap_or_else(|error| panic!("{line:?} failed: {error}"))
}

fn err(line: &str) -> ConsoleError {
    match parse(line) {
        Ok(command) => panic!("{line:?} parsed as {command:?}"),
        Err(error) => error,
    }
}

fn lines(line: &str) -> Vec<String> {
    err(line).lines()
}

fn start(name: &str) -> Command {
    Command::Start(name.to_owned())
}

fn config(name: &str) -> VmConfig {
    VmConfig {
        name: name.to_owned(),
        ..VmConfig::default()
    }
}

// --- Words, quotes, virsh, comments ---------------------------------------------------------

#[test]
fn blank_lines_and_comments_do_nothing() {
    for line in [
        "",
        "   ",
        "\t",
        "virsh",
        "  virsh  ",
        "# a note",
        "virsh # start x",
    ] {
        assert_eq!(ok(line), Command::Nothing, "{line:?}");
    }
}

#[test]
fn a_leading_virsh_is_optional() {
    assert_eq!(ok("start web-01"), start("web-01"));
    assert_eq!(ok("virsh start web-01"), start("web-01"));
    assert_eq!(ok("   virsh   start   web-01   "), start("web-01"));
    // Only one, and only unquoted.
    assert_eq!(
        err("virsh virsh start web-01"),
        ConsoleError::UnknownCommand {
            word: "virsh".into(),
            suggestion: None
        }
    );
    assert!(matches!(
        err("'virsh' start x"),
        ConsoleError::UnknownCommand { word, .. } if word == "virsh"
    ));
}

#[test]
fn quotes_and_escapes_make_odd_names_one_word() {
    assert_eq!(ok("start 'my vm'"), start("my vm"));
    assert_eq!(ok(r#"start "my vm""#), start("my vm"));
    assert_eq!(ok(r"start my\ vm"), start("my vm"));
    assert_eq!(ok(r#"start "it's""#), start("it's"));
    assert_eq!(ok(r"start 'back\slash'"), start(r"back\slash"));
    assert_eq!(ok(r#"start "say \"hi\"""#), start(r#"say "hi""#));
    assert_eq!(ok("start веб-сервер"), start("веб-сервер"));
    // `''` is a word, empty: virsh takes it, then refuses it as the domain.
    assert_eq!(
        lines("start ''"),
        ["error: Failed to get option 'domain': Option argument is empty"]
    );
    assert_eq!(
        lines("domrename x --new-name="),
        ["error: Failed to get option 'new-name': Option argument is empty"]
    );
    assert_eq!(
        lines("snapshot-create-as '' ''"),
        ["error: Failed to get option 'domain': Option argument is empty"]
    );
    // A number's emptiness shows when it is read, as "malformed"; `help ''` is `help`.
    assert_eq!(
        ok("setmem x ''"),
        Command::SetMem {
            name: "x".into(),
            size: String::new(),
            scope: Scope::default(),
        }
    );
    assert_eq!(ok("help ''"), Command::Help(None));
    assert_eq!(ok("start 'a'b\"c\""), start("abc"));
    assert_eq!(ok("start x#y"), start("x#y"));
    assert_eq!(ok("start x # trailing comment"), start("x"));
}

#[test]
fn an_unclosed_quote_is_an_error() {
    assert_eq!(
        err("start 'my vm"),
        ConsoleError::UnterminatedQuote { quote: '\'' }
    );
    assert_eq!(lines(r#"start "x"#), [r#"error: missing ""#]);
    assert_eq!(lines("start 'x"), ["error: missing '"]);
}

#[test]
fn a_quoted_word_or_one_after_double_dash_is_never_an_option() {
    assert_eq!(ok("start '--all'"), start("--all"));
    assert_eq!(ok("start -- --all"), start("--all"));
    assert_eq!(ok(r"start \--x"), start("--x"));
    // A single dash is an argument too (so a negative number reaches the number check).
    assert_eq!(ok("start -x"), start("-x"));
}

// --- Every command ------------------------------------------------------------------------

#[test]
fn list_and_its_filters() {
    assert_eq!(ok("list"), Command::List(ListFilter::default()));
    assert_eq!(
        ok("list --all"),
        Command::List(ListFilter {
            all: true,
            ..ListFilter::default()
        })
    );
    assert_eq!(
        ok("list --state-running --state-paused"),
        Command::List(ListFilter {
            running: true,
            paused: true,
            ..ListFilter::default()
        })
    );
    assert_eq!(
        ok("list --state-shutoff --all"),
        Command::List(ListFilter {
            all: true,
            shutoff: true,
            ..ListFilter::default()
        })
    );
}

#[test]
fn create_with_defaults_and_with_every_option() {
    assert_eq!(
        ok("create web-01"),
        Command::Create {
            config: config("web-01"),
            start: true
        }
    );
    let expected = Command::Create {
        config: VmConfig {
            name: "db".into(),
            memory: 4096,
            vcpus: 4,
            disk_path: "/my disks/db.qcow2".into(),
            disk_size: 50,
            iso_image: Some("/isos/debian 12.iso".into()),
            network: "isolated".into(),
        },
        start: false,
    };
    assert_eq!(
        ok("create db --memory 4096 --vcpus 4 --disk-size 50 \
            --disk-path '/my disks/db.qcow2' --iso \"/isos/debian 12.iso\" \
            --network isolated --stopped"),
        expected
    );
    // `=` form, options before the name, in any order.
    assert_eq!(
        ok(
            "virsh create --stopped --network=isolated --iso='/isos/debian 12.iso' \
            --disk-path=/my\\ disks/db.qcow2 --disk-size=50 --vcpus=4 --memory=4096 db"
        ),
        expected
    );
    // An empty value is a value.
    assert_eq!(
        ok("create x --iso ''"),
        Command::Create {
            config: VmConfig {
                iso_image: Some(String::new()),
                ..config("x")
            },
            start: true
        }
    );
    // Values are not checked here (the manager does it when the command runs).
    assert_eq!(
        ok("create x --memory 0 --network 'not ok'"),
        Command::Create {
            config: VmConfig {
                memory: 0,
                network: "not ok".into(),
                ..config("x")
            },
            start: true
        }
    );
}

#[test]
fn every_single_name_command() {
    type Make = fn(String) -> Command;
    let cases: [(&str, Make); 11] = [
        ("start", Command::Start),
        ("shutdown", Command::Shutdown),
        ("destroy", Command::Destroy),
        ("suspend", Command::Suspend),
        ("resume", Command::Resume),
        ("reboot", Command::Reboot),
        ("undefine", |name| Command::Undefine {
            name,
            snapshots_metadata: false,
        }),
        ("dominfo", Command::DomInfo),
        ("domid", Command::DomId),
        ("domname", Command::DomName),
        ("domuuid", Command::DomUuid),
    ];
    for (word, make) in cases {
        assert_eq!(
            ok(&format!("{word} web-01")),
            make("web-01".into()),
            "{word}"
        );
        assert_eq!(
            ok(&format!("virsh {word} 'my vm'")),
            make("my vm".into()),
            "{word}"
        );
        assert_eq!(
            lines(word),
            [format!("error: command '{word}' requires <domain> option")]
        );
    }
}

#[test]
fn domstate_and_dumpxml_take_their_flags() {
    assert_eq!(
        ok("domstate web-01"),
        Command::DomState {
            name: "web-01".into(),
            reason: false
        }
    );
    assert_eq!(
        ok("domstate --reason web-01"),
        Command::DomState {
            name: "web-01".into(),
            reason: true
        }
    );
    assert_eq!(
        ok("dumpxml web-01 --inactive"),
        Command::DumpXml {
            name: "web-01".into(),
            inactive: true
        }
    );
}

#[test]
fn setmem_setmaxmem_setvcpus_and_domrename() {
    // Sizes and counts are read when the command runs (after the domain is found, as virsh
    // reads them), so the parser keeps them as typed.
    assert_eq!(
        ok("setmem web-01 2048M --config"),
        Command::SetMem {
            name: "web-01".into(),
            size: "2048M".into(),
            scope: Scope::CONFIG,
        }
    );
    assert_eq!(
        ok("setmaxmem --size 4G --domain web-01 --live --current"),
        Command::SetMaxMem {
            name: "web-01".into(),
            size: "4G".into(),
            scope: Scope {
                config: false,
                live: true,
                current: true
            },
        }
    );
    assert_eq!(
        ok("setvcpus 'my vm' 8 --maximum --config"),
        Command::SetVcpus {
            name: "my vm".into(),
            count: "8".into(),
            maximum: true,
            scope: Scope::CONFIG,
        }
    );
    assert_eq!(
        lines("setmem"),
        [
            "error: command 'setmem' requires <domain> option",
            "error: command 'setmem' requires --size option"
        ]
    );
    assert_eq!(
        lines("setmem --domain x --domain y"),
        ["error: option --domain already seen"]
    );
    // virsh reads the words in order: an unnamed word takes the first argument left, so the
    // same argument named after it is named twice, and an unnamed word after it is one too many.
    assert_eq!(
        lines("setmem 512 --domain x"),
        ["error: option --domain already seen"]
    );
    assert_eq!(
        lines("dominfo --domain x x"),
        ["error: unexpected data 'x'"]
    );
    assert_eq!(
        ok("setmem --size 512 x"),
        Command::SetMem {
            name: "x".into(),
            size: "512".into(),
            scope: Scope::default(),
        }
    );
    assert_eq!(
        ok("domrename old 'new name'"),
        Command::DomRename {
            old: "old".into(),
            new: "new name".into()
        }
    );
}

#[test]
fn help_clear_and_history() {
    assert_eq!(ok("help"), Command::Help(None));
    assert_eq!(ok("help start"), Command::Help(Some("start".into())));
    assert_eq!(
        ok("virsh help domrename"),
        Command::Help(Some("domrename".into()))
    );
    assert_eq!(ok("start --help"), Command::Help(Some("start".into())));
    assert_eq!(
        ok("create x --memory 1 --help"),
        Command::Help(Some("create".into()))
    );
    assert_eq!(ok("help --help"), Command::Help(Some("help".into())));
    assert_eq!(ok("clear"), Command::Clear);
    assert_eq!(ok("history"), Command::History);
}

#[test]
fn every_command_in_the_table_parses() {
    for spec in COMMANDS {
        let mut line = spec.name.to_owned();
        for arg in spec.args {
            line.push_str(match arg.kind {
                ArgKind::Number => " 2",
                ArgKind::Command => " list",
                _ => " x",
            });
        }
        assert!(parse(&line).is_ok(), "{line}");
        assert_eq!(
            ok(&format!("{} --help", spec.name)),
            Command::Help(Some(spec.name.into()))
        );
    }
}

// --- Errors ---------------------------------------------------------------------------------

#[test]
fn an_unknown_command_suggests_the_closest() {
    assert_eq!(
        lines("strat web-01"),
        ["error: unknown command: 'strat'", "did you mean 'start'?"]
    );
    for (typed, meant) in [
        ("lst", "list"),
        ("lis", "list"),
        ("shutdwon", "shutdown"),
        ("destory", "destroy"),
        ("suspnd", "suspend"),
        ("resme", "resume"),
        ("rebot", "reboot"),
        ("undefin", "undefine"),
        ("dominf", "dominfo"),
        ("domstat", "domstate"),
        ("setmen", "setmem"),
        ("setvcpu", "setvcpus"),
        ("domrenam", "domrename"),
        ("hlep", "help"),
        ("clera", "clear"),
        ("histroy", "history"),
        ("creat", "create"),
        ("START", "start"),
        // What other tools call them.
        ("stop", "shutdown"),
        ("pause", "suspend"),
        ("delete", "undefine"),
        ("rm", "undefine"),
        ("ls", "list"),
        ("rename", "domrename"),
        ("restart", "reboot"),
        ("define", "create"),
        ("info", "dominfo"),
        ("kill", "destroy"),
    ] {
        assert_eq!(
            err(&format!("{typed} x")),
            ConsoleError::UnknownCommand {
                word: typed.into(),
                suggestion: Some(meant)
            },
            "{typed}"
        );
    }
}

#[test]
fn an_unknown_command_without_a_close_one_is_only_virshs_line() {
    assert_eq!(
        lines("frobnicate"),
        ["error: unknown command: 'frobnicate'"]
    );
    assert_eq!(
        err("xy"),
        ConsoleError::UnknownCommand {
            word: "xy".into(),
            suggestion: None
        }
    );
}

#[test]
fn an_unknown_option_suggests_the_closest_of_that_command() {
    assert_eq!(
        lines("list --al"),
        [
            "error: command 'list' doesn't support option --al",
            "did you mean '--all'?"
        ]
    );
    for (line, command, typed, meant) in [
        ("create x --memroy 1", "create", "--memroy", "--memory"),
        ("create x --mem=1", "create", "--mem", "--memory"),
        ("create x --cpus 2", "create", "--cpus", "--vcpus"),
        (
            "create x --disksize 2",
            "create",
            "--disksize",
            "--disk-size",
        ),
        (
            "create x --disk-pat /a",
            "create",
            "--disk-pat",
            "--disk-path",
        ),
        ("create x --stoped", "create", "--stoped", "--stopped"),
        ("create x --netwrk a", "create", "--netwrk", "--network"),
        ("create x --is /a", "create", "--is", "--iso"),
        (
            "list --state-runing",
            "list",
            "--state-runing",
            "--state-running",
        ),
        (
            "list --state-shutof",
            "list",
            "--state-shutof",
            "--state-shutoff",
        ),
        ("list --ALL", "list", "--ALL", "--all"),
    ] {
        assert_eq!(
            err(line),
            ConsoleError::UnknownOption {
                command,
                option: typed.into(),
                suggestion: Some(meant)
            },
            "{line}"
        );
    }
}

#[test]
fn an_unknown_option_without_a_close_one_is_only_virshs_line() {
    assert_eq!(
        lines("create x --colour red"),
        ["error: command 'create' doesn't support option --colour"]
    );
    assert_eq!(
        lines("start web-01 --force"),
        ["error: command 'start' doesn't support option --force"]
    );
    // An option of another command is not suggested.
    assert_eq!(
        err("start x --all"),
        ConsoleError::UnknownOption {
            command: "start",
            option: "--all".into(),
            suggestion: None
        }
    );
}

#[test]
fn missing_and_extra_arguments_in_virsh_words() {
    assert_eq!(
        lines("start"),
        ["error: command 'start' requires <domain> option"]
    );
    assert_eq!(
        lines("setmem web-01"),
        ["error: command 'setmem' requires --size option"]
    );
    assert_eq!(
        lines("setvcpus"),
        [
            "error: command 'setvcpus' requires <domain> option",
            "error: command 'setvcpus' requires --count option"
        ]
    );
    assert_eq!(
        lines("domrename a"),
        ["error: command 'domrename' requires <new-name> option"]
    );
    assert_eq!(
        lines("create"),
        ["error: command 'create' requires <name> option"]
    );
    for (line, extra) in [
        ("start a b", "b"),
        ("list web-01", "web-01"),
        ("clear now", "now"),
        ("history 5", "5"),
        ("setmem a 1 2", "2"),
    ] {
        assert_eq!(
            lines(line),
            [format!("error: unexpected data '{extra}'")],
            "{line}"
        );
    }
    // virsh's `help` reads its first word only; `domstats` takes any number of domains, by
    // name or not, and none means all.
    assert_eq!(ok("help start stop"), Command::Help(Some("start".into())));
    assert_eq!(
        lines("help nosuch start")[0],
        "error: command or command group 'nosuch' doesn't exist"
    );
    assert_eq!(ok("domstats"), Command::DomStats(Vec::new()));
    assert_eq!(
        ok("domstats a --domain b c"),
        Command::DomStats(vec!["a".into(), "b".into(), "c".into()])
    );
    assert_eq!(
        ok("domstats a a"),
        Command::DomStats(vec!["a".into(), "a".into()])
    );
}

#[test]
fn option_values_missing_unwanted_or_repeated() {
    assert_eq!(
        lines("create x --memory"),
        ["error: expected syntax: --memory <MiB>"]
    );
    assert_eq!(
        lines("setmem x --size"),
        ["error: expected syntax: --size <number>"]
    );
    assert_eq!(
        err("create x --disk-path"),
        ConsoleError::MissingValue {
            command: "create",
            option: "--disk-path".into(),
            placeholder: "string",
        }
    );
    assert_eq!(
        lines("create x --stopped=yes"),
        ["error: invalid '=' after option --stopped"]
    );
    assert_eq!(
        lines("domstate x --reason=yes"),
        ["error: invalid '=' after option --reason"]
    );
    assert_eq!(
        lines("create x --memory 1 --memory=2"),
        ["error: option --memory already seen"]
    );
    assert_eq!(
        err("list --all --all"),
        ConsoleError::RepeatedOption {
            command: "list",
            option: "--all".into()
        }
    );
}

#[test]
fn create_numbers_must_be_whole_and_fit() {
    for (line, option, value) in [
        ("create x --memory 2k", "memory", "2k"),
        ("create x --disk-size=-5", "disk-size", "-5"),
        ("create x --vcpus ''", "vcpus", ""),
        ("create x --vcpus 5000000000", "vcpus", "5000000000"),
        (
            "create x --memory 18446744073709551616",
            "memory",
            "18446744073709551616",
        ),
    ] {
        assert_eq!(
            lines(line),
            [format!(
                "error: Numeric value '{value}' for <{option}> option is malformed or out of range"
            )],
            "{line}"
        );
    }
}

#[test]
fn help_for_an_unknown_command_suggests_one() {
    assert_eq!(
        lines("help strat"),
        [
            "error: command or command group 'strat' doesn't exist",
            "did you mean 'start'?"
        ]
    );
    assert_eq!(
        lines("help zzzzzz"),
        ["error: command or command group 'zzzzzz' doesn't exist"]
    );
}

#[test]
fn the_first_error_in_the_line_wins() {
    // An unknown option is reported before a missing argument.
    assert!(matches!(
        err("start --bogus"),
        ConsoleError::UnknownOption { .. }
    ));
    // A size is read only when the command runs, as in virsh.
    assert!(matches!(
        err("setmem x lots extra"),
        ConsoleError::UnexpectedArgument { .. }
    ));
    assert!(parse("setmem x lots").is_ok());
}

#[test]
fn errors_display_as_their_lines() {
    let error = err("strat");
    assert_eq!(
        error.to_string(),
        "error: unknown command: 'strat'\ndid you mean 'start'?"
    );
}

// --- to_line reads back -------------------------------------------------------------------

fn every_kind_of_command(name: &str, path: &str) -> Vec<Command> {
    vec![
        Command::Nothing,
        Command::List(ListFilter::default()),
        Command::List(ListFilter {
            all: true,
            running: true,
            paused: true,
            shutoff: true,
            ..ListFilter::default()
        }),
        Command::List(ListFilter {
            inactive: true,
            persistent: true,
            transient: true,
            uuid: true,
            id: true,
            name: true,
            table: true,
            ..ListFilter::default()
        }),
        Command::Create {
            config: config(name),
            start: true,
        },
        Command::Create {
            config: VmConfig {
                name: name.into(),
                memory: 2048,
                vcpus: 3,
                disk_path: path.into(),
                disk_size: 20,
                iso_image: Some(path.into()),
                network: path.into(),
            },
            start: false,
        },
        Command::Create {
            config: VmConfig {
                iso_image: Some(String::new()),
                disk_path: String::new(),
                ..config(name)
            },
            start: true,
        },
        Command::Start(name.into()),
        Command::Shutdown(name.into()),
        Command::Destroy(name.into()),
        Command::Suspend(name.into()),
        Command::Resume(name.into()),
        Command::Reboot(name.into()),
        Command::Undefine {
            name: name.into(),
            snapshots_metadata: true,
        },
        Command::SnapshotCreate {
            domain: name.into(),
            name: Some(name.into()),
            description: Some(name.into()),
        },
        Command::SnapshotCreate {
            domain: name.into(),
            name: None,
            description: None,
        },
        Command::SnapshotList {
            domain: name.into(),
            parent: true,
            roots: true,
            leaves: true,
            tree: true,
            name: true,
        },
        Command::SnapshotDelete {
            domain: name.into(),
            snapshot: Some(name.into()),
            current: false,
            children: true,
        },
        Command::SnapshotInfo {
            domain: name.into(),
            snapshot: None,
            current: true,
        },
        Command::SnapshotRevert {
            domain: name.into(),
            snapshot: Some(name.into()),
            current: true,
        },
        Command::VirtClone {
            original: name.into(),
            name: Some(name.into()),
            auto_clone: true,
        },
        Command::DomInfo(name.into()),
        Command::DomStats(Vec::new()),
        Command::DomStats(vec![name.into(), path.into(), name.into()]),
        Command::DomState {
            name: name.into(),
            reason: true,
        },
        Command::DomId(name.into()),
        Command::DomName(name.into()),
        Command::DomUuid(name.into()),
        Command::DumpXml {
            name: name.into(),
            inactive: true,
        },
        Command::SetMem {
            name: name.into(),
            size: "4096M".into(),
            scope: Scope::CONFIG,
        },
        Command::SetMaxMem {
            name: name.into(),
            size: path.into(),
            scope: Scope {
                config: true,
                live: true,
                current: true,
            },
        },
        Command::SetVcpus {
            name: name.into(),
            count: "16".into(),
            maximum: true,
            scope: Scope::default(),
        },
        Command::DomRename {
            old: name.into(),
            new: path.into(),
        },
        Command::Help(None),
        Command::Help(Some("start".into())),
        Command::Clear,
        Command::History,
    ]
}

#[test]
fn to_line_reads_back_as_the_same_command() {
    for (name, path) in [
        ("web-01", "/var/lib/libvirt/images/web-01.qcow2"),
        ("веб-сервер", "/srv/образы/диск 1.qcow2"),
        ("my vm", "/my disks/a b.qcow2"),
        ("it's", r#"C:\VMs\"odd" name.vhd"#),
        ("--all", "-"),
        ("#1", "#comment"),
        ("tab\there", "new\nline"),
        ("virsh", "--"),
    ] {
        for command in every_kind_of_command(name, path) {
            let line = command.to_line();
            assert_eq!(parse(&line), Ok(command.clone()), "{line}");
            assert_eq!(parse(&format!("virsh {line}")), Ok(command), "virsh {line}");
        }
    }
}

#[test]
fn to_line_is_virsh_like() {
    assert_eq!(Command::Start("web-01".into()).to_line(), "start web-01");
    assert_eq!(
        Command::Create {
            config: VmConfig {
                memory: 2048,
                vcpus: 2,
                disk_path: "/my disks/x.qcow2".into(),
                ..config("web-02")
            },
            start: true
        }
        .to_line(),
        "create web-02 --memory 2048 --vcpus 2 --disk-path '/my disks/x.qcow2'"
    );
    assert_eq!(
        Command::Create {
            config: config("x"),
            start: false
        }
        .to_line(),
        "create x --stopped"
    );
    assert_eq!(
        Command::List(ListFilter {
            all: true,
            ..ListFilter::default()
        })
        .to_line(),
        "list --all"
    );
    assert_eq!(
        Command::DomRename {
            old: "a".into(),
            new: "b c".into()
        }
        .to_line(),
        "domrename a 'b c'"
    );
    assert_eq!(
        Command::SetMem {
            name: "it's".into(),
            size: "1G".into(),
            scope: Scope::CONFIG,
        }
        .to_line(),
        r#"setmem "it's" 1G --config"#
    );
    assert_eq!(Command::Nothing.to_line(), "");
}

proptest! {
    #[test]
    fn any_name_and_path_survive_to_line_and_parse(
        // Not empty: virsh refuses an empty name or new name (see
        // `quotes_and_escapes_make_odd_names_one_word`).
        name in "\\PC{1,12}",
        path in "[ a-z/'\"\\\\#=.-]{1,16}",
        memory in any::<u64>(),
        vcpus in any::<u32>(),
    ) {
        let commands = [
            Command::Start(name.clone()),
            Command::DomRename { old: name.clone(), new: path.clone() },
            Command::SetMem { name: name.clone(), size: path.clone(), scope: Scope::default() },
            Command::SetVcpus {
                name: name.clone(),
                count: vcpus.to_string(),
                maximum: vcpus % 3 == 0,
                scope: Scope { config: true, live: vcpus % 2 == 0, current: false },
            },
            Command::Create {
                config: VmConfig {
                    name: name.clone(),
                    memory,
                    vcpus,
                    disk_path: path.clone(),
                    iso_image: Some(path.clone()),
                    network: name.clone(),
                    disk_size: memory,
                },
                start: vcpus % 2 == 0,
            },
        ];
        for command in commands {
            let line = command.to_line();
            prop_assert_eq!(parse(&line), Ok(command), "{}", line);
        }
    }

    #[test]
    fn parse_never_panics(line in "\\PC{0,40}") {
        let _ = parse(&line);
    }
}

#[test]
fn a_semicolon_separates_commands_and_a_mistake_in_any_runs_none() {
    assert_eq!(
        ok("list; domid web"),
        Command::Sequence(vec![
            Command::List(ListFilter::default()),
            Command::DomId("web".into())
        ])
    );
    assert_eq!(ok("; list ;;"), Command::List(ListFilter::default()));
    assert_eq!(ok("domid 'a;b'"), Command::DomId("a;b".into()));
    assert_eq!(
        ok("virsh start a; virsh start b"),
        Command::Sequence(vec![Command::Start("a".into()), Command::Start("b".into())])
    );
    assert!(matches!(
        parse("list; strat"),
        Err(ConsoleError::UnknownCommand { .. })
    ));
    let sequence = ok("start 'my vm';destroy x");
    assert_eq!(sequence.to_line(), "start 'my vm'; destroy x");
    assert_eq!(ok(&sequence.to_line()), sequence);
}
