//! The console's parser: quoting, the optional `virsh`, every command, every error and its
//! suggestion, and `Command::to_line` reading back as the same command.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use vm_playground::console::{parse, quote, Command, ConsoleError, ListFilter, COMMANDS};
use vm_playground::{VmConfig, VmError};

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

const CREATE_USAGE: &str = "usage: create NAME [--memory MB] [--vcpus N] [--disk-size GB] \
    [--disk-path PATH] [--iso PATH] [--network NET] [--stopped]";

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
    assert_eq!(ok("start ''"), start(""));
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
    assert_eq!(
        lines(r#"start "x"#),
        [r#"error: missing closing quote (")"#]
    );
    assert_eq!(lines("start 'x"), ["error: missing closing quote (')"]);
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
    let cases: [(&str, Make); 9] = [
        ("start", Command::Start),
        ("shutdown", Command::Shutdown),
        ("destroy", Command::Destroy),
        ("suspend", Command::Suspend),
        ("resume", Command::Resume),
        ("reboot", Command::Reboot),
        ("undefine", Command::Undefine),
        ("dominfo", Command::DomInfo),
        ("domstate", Command::DomState),
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
            [
                format!("error: command '{word}' requires NAME"),
                format!("usage: {word} NAME")
            ]
        );
    }
}

#[test]
fn setmem_setvcpus_and_domrename() {
    assert_eq!(
        ok("setmem web-01 2048"),
        Command::SetMem {
            name: "web-01".into(),
            memory: 2048
        }
    );
    assert_eq!(
        ok("setvcpus 'my vm' 8"),
        Command::SetVcpus {
            name: "my vm".into(),
            vcpus: 8
        }
    );
    assert_eq!(
        ok("domrename old 'new name'"),
        Command::DomRename {
            old: "old".into(),
            new: "new name".into()
        }
    );
    // Out-of-range numbers that fit are the manager's business.
    assert_eq!(
        ok("setvcpus x 0"),
        Command::SetVcpus {
            name: "x".into(),
            vcpus: 0
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
            line.push_str(match arg.placeholder {
                "MB" | "N" => " 2",
                "COMMAND" => " list",
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
fn an_unknown_command_without_a_close_one_points_to_help() {
    assert_eq!(
        lines("frobnicate"),
        [
            "error: unknown command: 'frobnicate'",
            "type 'help' to see the commands"
        ]
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
fn an_unknown_option_without_a_close_one_shows_the_usage() {
    assert_eq!(
        lines("create x --colour red"),
        [
            "error: command 'create' doesn't support option --colour",
            CREATE_USAGE,
        ]
    );
    assert_eq!(
        lines("start web-01 --force"),
        [
            "error: command 'start' doesn't support option --force",
            "usage: start NAME"
        ]
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
fn missing_and_extra_arguments_name_the_usage() {
    assert_eq!(
        lines("start"),
        ["error: command 'start' requires NAME", "usage: start NAME"]
    );
    assert_eq!(
        lines("setmem web-01"),
        [
            "error: command 'setmem' requires MB",
            "usage: setmem NAME MB"
        ]
    );
    assert_eq!(
        lines("setvcpus"),
        [
            "error: command 'setvcpus' requires NAME",
            "usage: setvcpus NAME N"
        ]
    );
    assert_eq!(
        lines("domrename a"),
        [
            "error: command 'domrename' requires NEW",
            "usage: domrename NAME NEW"
        ]
    );
    assert_eq!(
        lines("create"),
        ["error: command 'create' requires NAME", CREATE_USAGE]
    );
    assert_eq!(
        lines("start a b"),
        ["error: unexpected data 'b'", "usage: start NAME"]
    );
    assert_eq!(
        lines("list web-01"),
        [
            "error: unexpected data 'web-01'",
            "usage: list [--all] [--state-running] [--state-paused] [--state-shutoff]"
        ]
    );
    assert_eq!(
        lines("clear now"),
        ["error: unexpected data 'now'", "usage: clear"]
    );
    assert_eq!(
        lines("history 5"),
        ["error: unexpected data '5'", "usage: history"]
    );
    assert_eq!(
        lines("help start stop"),
        ["error: unexpected data 'stop'", "usage: help [COMMAND]"]
    );
    assert_eq!(
        lines("setmem a 1 2"),
        ["error: unexpected data '2'", "usage: setmem NAME MB"]
    );
}

#[test]
fn option_values_missing_unwanted_or_repeated() {
    assert_eq!(
        lines("create x --memory"),
        ["error: option --memory needs a value (MB)", CREATE_USAGE]
    );
    assert_eq!(
        err("create x --disk-path"),
        ConsoleError::MissingValue {
            command: "create",
            option: "--disk-path"
        }
    );
    assert_eq!(
        lines("create x --stopped=yes"),
        [
            "error: option --stopped takes no value, got 'yes'",
            CREATE_USAGE
        ]
    );
    assert_eq!(
        lines("list --all=1"),
        [
            "error: option --all takes no value, got '1'",
            "usage: list [--all] [--state-running] [--state-paused] [--state-shutoff]"
        ]
    );
    assert_eq!(
        lines("create x --memory 1 --memory=2"),
        ["error: option --memory already seen", CREATE_USAGE]
    );
    assert_eq!(
        err("list --all --all"),
        ConsoleError::RepeatedOption {
            command: "list",
            option: "--all"
        }
    );
}

#[test]
fn numbers_must_be_whole_and_fit() {
    assert_eq!(
        lines("setmem web-01 lots"),
        [
            "error: MB must be a whole number, got 'lots'",
            "usage: setmem NAME MB"
        ]
    );
    for number in ["-1", "1.5", "2G", "", " 2", "0x10", "１"] {
        assert!(
            matches!(
                err(&format!("setmem x {}", quote(number))),
                ConsoleError::BadNumber { too_large: false, ref value, .. } if value == number
            ),
            "{number:?}"
        );
    }
    assert_eq!(
        lines("setvcpus x two"),
        [
            "error: N must be a whole number, got 'two'",
            "usage: setvcpus NAME N"
        ]
    );
    assert_eq!(
        lines("create x --memory 2k"),
        [
            "error: --memory must be a whole number, got '2k'",
            CREATE_USAGE
        ]
    );
    assert_eq!(
        lines("create x --disk-size=-5"),
        [
            "error: --disk-size must be a whole number, got '-5'",
            CREATE_USAGE
        ]
    );
    assert_eq!(
        lines("create x --vcpus ''"),
        [
            "error: --vcpus must be a whole number, got ''",
            CREATE_USAGE
        ]
    );
    assert_eq!(
        lines("setmem x 18446744073709551616"),
        [
            "error: MB is too large, got '18446744073709551616'",
            "usage: setmem NAME MB"
        ]
    );
    assert_eq!(
        ok("setmem x 18446744073709551615"),
        Command::SetMem {
            name: "x".into(),
            memory: u64::MAX
        }
    );
    // vCPUs beyond what a config can hold get the core's range message.
    assert!(matches!(
        err("setvcpus x 4294967296"),
        ConsoleError::Config(VmError::InvalidConfig { .. })
    ));
    assert_eq!(
        lines("create x --vcpus 5000000000"),
        ["error: vCPUs must be between 1 and 512, got 5000000000"]
    );
}

#[test]
fn help_for_an_unknown_command_suggests_one() {
    assert_eq!(
        lines("help strat"),
        [
            "error: command 'strat' doesn't exist",
            "did you mean 'start'?"
        ]
    );
    assert_eq!(
        lines("help zzzzzz"),
        [
            "error: command 'zzzzzz' doesn't exist",
            "type 'help' to see the commands"
        ]
    );
}

#[test]
fn the_first_error_in_the_line_wins() {
    // An unknown option is reported before a missing argument.
    assert!(matches!(
        err("start --bogus"),
        ConsoleError::UnknownOption { .. }
    ));
    // A bad number is reported only once the shape of the line is right.
    assert!(matches!(
        err("setmem x lots extra"),
        ConsoleError::UnexpectedArgument { .. }
    ));
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
        Command::Undefine(name.into()),
        Command::DomInfo(name.into()),
        Command::DomState(name.into()),
        Command::SetMem {
            name: name.into(),
            memory: 4096,
        },
        Command::SetVcpus {
            name: name.into(),
            vcpus: 16,
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
        ("", ""),
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
            memory: 1
        }
        .to_line(),
        r#"setmem "it's" 1"#
    );
    assert_eq!(Command::Nothing.to_line(), "");
}

proptest! {
    #[test]
    fn any_name_and_path_survive_to_line_and_parse(
        name in "\\PC{0,12}",
        path in "[ a-z/'\"\\\\#=.-]{0,16}",
        memory in any::<u64>(),
        vcpus in any::<u32>(),
    ) {
        let commands = [
            Command::Start(name.clone()),
            Command::DomRename { old: name.clone(), new: path.clone() },
            Command::SetMem { name: name.clone(), memory },
            Command::SetVcpus { name: name.clone(), vcpus },
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
