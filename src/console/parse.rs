//! A line of text → a [`Command`], or a [`ConsoleError`] that says what to type instead.

use super::command::{Command, ListFilter, Scope};
use super::error::ConsoleError;
use super::lex::{lex, Token};
use super::spec::{find_command, suggest_command, ArgKind, CommandSpec, Group, OptionSpec};
use super::walk::{walk, Stop};
use crate::manager::limits::{chars_over, CONSOLE_LINE_MAX_CHARS};
use crate::manager::VmConfig;

/// The keys of the Russian ЙЦУКЕН layout, in the order of [`LATIN_KEYS`] (the same keys in
/// the Latin QWERTY layout).
const RUSSIAN_KEYS: &str = "йцукенгшщзхъфывапролджэячсмитьбюё";
/// See [`RUSSIAN_KEYS`].
const LATIN_KEYS: &str = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";

/// `word` as the same keys give it in the Latin layout, when it has letters of the Russian
/// layout: "ыефке" is "start". `None` for a word with none.
fn from_russian_layout(word: &str) -> Option<String> {
    let mut changed = false;
    let latin = crate::present::fold_case(word)
        .chars()
        .map(|c| match RUSSIAN_KEYS.chars().position(|key| key == c) {
            Some(at) => {
                changed = true;
                LATIN_KEYS.chars().nth(at).unwrap_or(c)
            }
            None => c,
        })
        .collect();
    changed.then_some(latin)
}

/// Reads one console line.
///
/// An optional leading `virsh` is skipped; an empty line or a comment (`# ...`) is
/// [`Command::Nothing`]; `COMMAND --help` is `help COMMAND`. Options are written `--memory
/// 2048` or `--memory=2048`, in any order among the arguments; `--` ends the options. An
/// argument may also be given as an option named after it, as in virsh (`setmem --domain
/// web-01 --size 1G`). Words may be quoted (see [`quote`](super::quote)). Commands separated
/// by `;` are a [`Command::Sequence`], read whole before any runs, as virsh reads them: a
/// mistake in any is the line's error.
///
/// ```
/// use vm_playground::console::{parse, Command};
/// assert_eq!(parse("virsh start web-01"), Ok(Command::Start("web-01".into())));
/// assert_eq!(parse("  "), Ok(Command::Nothing));
/// assert_eq!(
///     parse("start a; start b"),
///     Ok(Command::Sequence(vec![Command::Start("a".into()), Command::Start("b".into())]))
/// );
/// let error = parse("strat web-01").unwrap_err();
/// assert_eq!(error.lines(), ["error: unknown command: 'strat'", "did you mean 'start'?"]);
/// ```
pub fn parse(line: &str) -> Result<Command, ConsoleError> {
    check_line(line)?;
    let lexed = lex(line);
    if let Some(quote) = lexed.open_quote {
        return Err(ConsoleError::UnterminatedQuote { quote });
    }
    let mut commands = Vec::new();
    for words in lexed.commands() {
        match parse_words(words)? {
            Command::Nothing => {}
            command => commands.push(command),
        }
    }
    Ok(match commands.len() {
        0 => Command::Nothing,
        1 => commands.remove(0),
        _ => Command::Sequence(commands),
    })
}

/// One command's words → the command. A leading `virsh` is skipped in each, as a shell would
/// run `virsh list; virsh domid web-01`.
fn parse_words(mut tokens: &[Token]) -> Result<Command, ConsoleError> {
    if let [first, rest @ ..] = tokens {
        if first.text == "virsh" && !first.quoted {
            tokens = rest;
        }
    }
    let [word, rest @ ..] = tokens else {
        return Ok(Command::Nothing);
    };
    let Some(spec) = find_command(&word.text) else {
        if !word.quoted && matches!(word.text.as_str(), "quit" | "exit") {
            return Err(ConsoleError::StaysOpen);
        }
        if let Some(command) = from_russian_layout(&word.text)
            .as_deref()
            .and_then(suggest_command)
        {
            return Err(ConsoleError::WrongLayout {
                word: word.text.clone(),
                command,
            });
        }
        return Err(ConsoleError::UnknownCommand {
            word: word.text.clone(),
            suggestion: suggest_command(&word.text),
        });
    };

    let walked = walk(spec, rest);
    match walked.stop {
        Some(Stop::Help) => return Ok(Command::Help(Some(spec.name.to_owned()))),
        Some(Stop::Error(error)) => return Err(error),
        None => {}
    }
    let slots = walked.slots;
    let missing: Vec<String> = spec
        .args
        .iter()
        .zip(&slots)
        .filter(|(arg, slot)| !arg.optional && slot.is_none())
        .map(|(arg, _)| arg.shown())
        .collect();
    if !missing.is_empty() {
        return Err(ConsoleError::MissingArgument {
            command: spec.name,
            arguments: missing,
        });
    }
    // virsh refuses an empty value when the command reads it, so only after the line parsed,
    // and the first argument the command reads is the one named. A number's is "malformed"
    // instead (when it is read), and `help ''` is plain `help`.
    let empty = spec.args.iter().zip(&slots).find(|(arg, slot)| {
        matches!(arg.kind, ArgKind::Domain | ArgKind::NewName) && slot.as_deref() == Some("")
    });
    if let Some((arg, _)) = empty {
        return Err(ConsoleError::EmptyArgument {
            command: spec.name,
            argument: arg.name,
        });
    }
    build(spec, &slots, walked.rest, walked.options)
}

/// Refuses a line longer than [`CONSOLE_LINE_MAX_CHARS`], before anything reads it: no
/// command is that long, and lexing, completing or echoing a pasted megabyte would hold the
/// page up.
///
/// ```
/// use vm_playground::console::{check_line, ConsoleError};
/// assert!(check_line("start web-01").is_ok());
/// let error = check_line(&"x".repeat(10_000)).unwrap_err();
/// assert_eq!(error, ConsoleError::LineTooLong { max: 8192, got: 10_000 });
/// ```
pub fn check_line(line: &str) -> Result<(), ConsoleError> {
    match chars_over(line, CONSOLE_LINE_MAX_CHARS) {
        Some(got) => Err(ConsoleError::LineTooLong {
            max: CONSOLE_LINE_MAX_CHARS,
            got,
        }),
        None => Ok(()),
    }
}

/// The command from its checked arguments (every required one present; an optional one
/// `None` if not given), the words after them (see [`Walk::rest`](super::walk::Walk::rest))
/// and options.
fn build(
    spec: &'static CommandSpec,
    args: &[Option<String>],
    rest: Vec<String>,
    options: Vec<(&'static OptionSpec, Option<String>)>,
) -> Result<Command, ConsoleError> {
    let given = |index: usize| args.get(index).cloned().flatten();
    let arg = |index: usize| given(index).unwrap_or_default();
    let name = || arg(0);
    let has = |flag: &str| options.iter().any(|(option, _)| option.name == flag);
    let value = |name: &str| {
        options
            .iter()
            .find(|(option, _)| option.name == name)
            .and_then(|(_, value)| value.clone())
    };
    let scope = || Scope {
        config: has("--config"),
        live: has("--live"),
        current: has("--current"),
    };
    let command = spec.name;
    Ok(match command {
        "list" => Command::List(ListFilter {
            all: has("--all"),
            inactive: has("--inactive"),
            running: has("--state-running"),
            paused: has("--state-paused"),
            shutoff: has("--state-shutoff"),
            persistent: has("--persistent"),
            transient: has("--transient"),
            uuid: has("--uuid"),
            id: has("--id"),
            name: has("--name"),
            table: has("--table"),
        }),
        "create" => {
            let mut config = VmConfig {
                name: name(),
                ..VmConfig::default()
            };
            let mut start = true;
            for (option, value) in options {
                let value = value.unwrap_or_default();
                match option.name {
                    "--memory" => config.memory = number(command, option.name, &value)?,
                    "--vcpus" => config.vcpus = vcpus(command, option.name, &value)?,
                    "--disk-size" => config.disk_size = number(command, option.name, &value)?,
                    "--disk-path" => config.disk_path = value,
                    "--iso" => config.iso_image = Some(value),
                    "--network" => config.network = value,
                    _ => start = false,
                }
            }
            Command::Create { config, start }
        }
        "start" => Command::Start(name()),
        "shutdown" => Command::Shutdown(name()),
        "destroy" => Command::Destroy(name()),
        "suspend" => Command::Suspend(name()),
        "resume" => Command::Resume(name()),
        "reboot" => Command::Reboot(name()),
        "undefine" => Command::Undefine {
            name: name(),
            snapshots_metadata: has("--snapshots-metadata"),
        },
        "snapshot-create-as" => Command::SnapshotCreate {
            domain: name(),
            name: given(1),
            description: given(2),
        },
        "snapshot-list" => Command::SnapshotList {
            domain: name(),
            parent: has("--parent"),
            roots: has("--roots"),
            leaves: has("--leaves"),
            tree: has("--tree"),
            name: has("--name"),
        },
        "snapshot-current" => Command::SnapshotCurrent {
            domain: name(),
            name: has("--name"),
        },
        "snapshot-info" => Command::SnapshotInfo {
            domain: name(),
            snapshot: given(1),
            current: has("--current"),
        },
        "snapshot-revert" => Command::SnapshotRevert {
            domain: name(),
            snapshot: given(1),
            current: has("--current"),
        },
        "snapshot-delete" => Command::SnapshotDelete {
            domain: name(),
            snapshot: given(1),
            current: has("--current"),
            children: has("--children"),
        },
        "virt-clone" => Command::VirtClone {
            original: value("--original").unwrap_or_default(),
            name: value("--name"),
            auto_clone: has("--auto-clone"),
        },
        "dominfo" => Command::DomInfo(name()),
        "nodeinfo" => Command::NodeInfo,
        "dommemstat" => Command::DomMemStat(name()),
        "domstats" => Command::DomStats(given(0).into_iter().chain(rest).collect()),
        "domstate" => Command::DomState {
            name: name(),
            reason: has("--reason"),
        },
        "domid" => Command::DomId(name()),
        "domname" => Command::DomName(name()),
        "domuuid" => Command::DomUuid(name()),
        "dumpxml" => Command::DumpXml {
            name: name(),
            inactive: has("--inactive"),
        },
        "setmem" => Command::SetMem {
            name: name(),
            size: arg(1),
            scope: scope(),
        },
        "setmaxmem" => Command::SetMaxMem {
            name: name(),
            size: arg(1),
            scope: scope(),
        },
        "setvcpus" => Command::SetVcpus {
            name: name(),
            count: arg(1),
            maximum: has("--maximum"),
            scope: scope(),
        },
        "domrename" => Command::DomRename {
            old: name(),
            new: arg(1),
        },
        "help" => {
            let topic = arg(0);
            if topic.is_empty() {
                Command::Help(None)
            } else if let Some(found) = find_command(&topic) {
                Command::Help(Some(found.name.to_owned()))
            } else if Group::ALL.iter().any(|group| group.keyword() == topic) {
                Command::Help(Some(topic))
            } else {
                return Err(ConsoleError::UnknownHelpTopic {
                    suggestion: suggest_command(&topic),
                    word: topic,
                });
            }
        }
        "clear" => Command::Clear,
        "undo" => Command::Undo,
        "redo" => Command::Redo,
        _ => Command::History,
    })
}

/// A whole number of 0 or more (the core checks the bounds).
fn number(command: &'static str, what: &'static str, text: &str) -> Result<u64, ConsoleError> {
    text.parse::<u64>().map_err(|_| ConsoleError::BadNumber {
        command,
        what,
        value: text.to_owned(),
    })
}

/// A number of vCPUs: a whole number that fits the config's `u32`.
fn vcpus(command: &'static str, what: &'static str, text: &str) -> Result<u32, ConsoleError> {
    let count = number(command, what, text)?;
    u32::try_from(count).map_err(|_| ConsoleError::BadNumber {
        command,
        what,
        value: text.to_owned(),
    })
}
