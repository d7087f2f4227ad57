//! A line of text → a [`Command`], or a [`ConsoleError`] that says what to type instead.

use std::fmt;
use std::num::IntErrorKind;

use super::lex::{lex, quote};
use super::spec::{find_command, suggest_command, CommandSpec, OptionSpec};
use crate::manager::limits::{chars_over, CONSOLE_LINE_MAX_CHARS};
use crate::manager::{ConfigField, ConfigProblem, VmConfig, VmError, VmState, VCPUS};

/// Which domains `list` shows.
///
/// No option: the active ones (running and paused), as in virsh. `--all`: every one. Any
/// `--state-*` option: only the domains in the states named (they add up), `--all` or not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// `--all`
    pub all: bool,
    /// `--state-running`
    pub running: bool,
    /// `--state-paused`
    pub paused: bool,
    /// `--state-shutoff`
    pub shutoff: bool,
}

impl ListFilter {
    /// Whether a domain in `state` is listed.
    pub fn shows(&self, state: VmState) -> bool {
        if self.running || self.paused || self.shutoff {
            return match state {
                VmState::Running => self.running,
                VmState::Paused => self.paused,
                VmState::Stopped => self.shutoff,
            };
        }
        self.all || state.is_active()
    }
}

/// A parsed console command. Arguments are kept as typed: names and values are checked when
/// the command runs, by the manager, as for the GUI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// An empty line or a comment: does nothing.
    Nothing,
    /// `list [--all] [--state-running] [--state-paused] [--state-shutoff]`
    List(ListFilter),
    /// `create NAME [--memory MB] ... [--stopped]`: the options fill in
    /// [`VmConfig::default`]; `start` is false with `--stopped`.
    Create {
        /// The VM to create.
        config: VmConfig,
        /// Whether to start it (no `--stopped`).
        start: bool,
    },
    /// `start NAME`
    Start(String),
    /// `shutdown NAME`: stop.
    Shutdown(String),
    /// `destroy NAME`: force stop (the same as stop in the simulator).
    Destroy(String),
    /// `suspend NAME`: pause.
    Suspend(String),
    /// `resume NAME`
    Resume(String),
    /// `reboot NAME`: stop then start a running VM.
    Reboot(String),
    /// `undefine NAME`: delete.
    Undefine(String),
    /// `dominfo NAME`
    DomInfo(String),
    /// `domstate NAME`
    DomState(String),
    /// `setmem NAME MB`
    SetMem {
        /// The VM.
        name: String,
        /// The new memory, in MB.
        memory: u64,
    },
    /// `setvcpus NAME N`
    SetVcpus {
        /// The VM.
        name: String,
        /// The new number of vCPUs.
        vcpus: u32,
    },
    /// `domrename OLD NEW`
    DomRename {
        /// The VM's name.
        old: String,
        /// The name it should get.
        new: String,
    },
    /// `help [COMMAND]` (or `COMMAND --help`).
    Help(Option<String>),
    /// `clear`
    Clear,
    /// `history`
    History,
}

impl Command {
    /// The command as a line that [`parse`] reads back as this command (without a leading
    /// `virsh`). Names and paths are quoted when they need it; `create` writes only the options
    /// that differ from the defaults.
    ///
    /// ```
    /// use vm_playground::console::{parse, Command};
    /// let command = Command::Start("my vm".into());
    /// assert_eq!(command.to_line(), "start 'my vm'");
    /// assert_eq!(parse(&command.to_line()), Ok(command));
    /// ```
    pub fn to_line(&self) -> String {
        let named = |word: &str, name: &str| format!("{word} {}", quote(name));
        match self {
            Command::Nothing => String::new(),
            Command::List(filter) => {
                let mut line = String::from("list");
                for (on, option) in [
                    (filter.all, " --all"),
                    (filter.running, " --state-running"),
                    (filter.paused, " --state-paused"),
                    (filter.shutoff, " --state-shutoff"),
                ] {
                    if on {
                        line.push_str(option);
                    }
                }
                line
            }
            Command::Create { config, start } => {
                let defaults = VmConfig::default();
                let mut line = named("create", &config.name);
                let mut option = |name: &str, value: String| {
                    line.push_str(&format!(" {name} {value}"));
                };
                if config.memory != defaults.memory {
                    option("--memory", config.memory.to_string());
                }
                if config.vcpus != defaults.vcpus {
                    option("--vcpus", config.vcpus.to_string());
                }
                if config.disk_size != defaults.disk_size {
                    option("--disk-size", config.disk_size.to_string());
                }
                if config.disk_path != defaults.disk_path {
                    option("--disk-path", quote(&config.disk_path));
                }
                if let Some(iso) = &config.iso_image {
                    option("--iso", quote(iso));
                }
                if config.network != defaults.network {
                    option("--network", quote(&config.network));
                }
                if !start {
                    line.push_str(" --stopped");
                }
                line
            }
            Command::Start(name) => named("start", name),
            Command::Shutdown(name) => named("shutdown", name),
            Command::Destroy(name) => named("destroy", name),
            Command::Suspend(name) => named("suspend", name),
            Command::Resume(name) => named("resume", name),
            Command::Reboot(name) => named("reboot", name),
            Command::Undefine(name) => named("undefine", name),
            Command::DomInfo(name) => named("dominfo", name),
            Command::DomState(name) => named("domstate", name),
            Command::SetMem { name, memory } => format!("{} {memory}", named("setmem", name)),
            Command::SetVcpus { name, vcpus } => format!("{} {vcpus}", named("setvcpus", name)),
            Command::DomRename { old, new } => {
                format!("{} {}", named("domrename", old), quote(new))
            }
            Command::Help(None) => "help".to_owned(),
            Command::Help(Some(topic)) => named("help", topic),
            Command::Clear => "clear".to_owned(),
            Command::History => "history".to_owned(),
        }
    }
}

/// Why a line is not a command. Each variant's message is in [`ConsoleError::lines`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsoleError {
    /// The line is longer than [`CONSOLE_LINE_MAX_CHARS`]: refused before it is read.
    LineTooLong {
        /// The limit, in characters.
        max: usize,
        /// The line's length, in characters.
        got: usize,
    },
    /// A quote was opened and never closed.
    UnterminatedQuote {
        /// `'` or `"`.
        quote: char,
    },
    /// The first word is no command.
    UnknownCommand {
        /// The word typed.
        word: String,
        /// The command it probably means.
        suggestion: Option<&'static str>,
    },
    /// `help WORD` where WORD is no command.
    UnknownHelpTopic {
        /// The word typed.
        word: String,
        /// The command it probably means.
        suggestion: Option<&'static str>,
    },
    /// An option the command doesn't have.
    UnknownOption {
        /// The command.
        command: &'static str,
        /// The option typed, with its dashes (without any `=value`).
        option: String,
        /// The option it probably means.
        suggestion: Option<&'static str>,
    },
    /// A required argument is missing.
    MissingArgument {
        /// The command.
        command: &'static str,
        /// The argument's placeholder: "NAME".
        argument: &'static str,
    },
    /// More arguments than the command takes.
    UnexpectedArgument {
        /// The command.
        command: &'static str,
        /// The first argument too many.
        argument: String,
    },
    /// An option that takes a value came last, without one.
    MissingValue {
        /// The command.
        command: &'static str,
        /// The option.
        option: &'static str,
    },
    /// A flag that takes no value was given one (`--stopped=yes`).
    UnexpectedValue {
        /// The command.
        command: &'static str,
        /// The option.
        option: &'static str,
        /// The value given.
        value: String,
    },
    /// The same option twice.
    RepeatedOption {
        /// The command.
        command: &'static str,
        /// The option.
        option: &'static str,
    },
    /// A number that is not a whole number of 0 or more, or too large to hold.
    BadNumber {
        /// The command.
        command: &'static str,
        /// The option ("--memory") or argument placeholder ("MB") it was given for.
        what: &'static str,
        /// The text typed.
        value: String,
        /// Whether it is a whole number, only too large.
        too_large: bool,
    },
    /// A value the core would refuse and that can't even be held (vCPUs beyond `u32`).
    Config(VmError),
}

impl ConsoleError {
    /// The lines the console prints: the error, then a hint (a suggestion or the usage line).
    pub fn lines(&self) -> Vec<String> {
        let usage = |command: &str| {
            let spec = find_command(command).map_or(String::new(), CommandSpec::usage);
            format!("usage: {spec}")
        };
        let hint = |suggestion: &Option<&'static str>| match suggestion {
            Some(suggestion) => format!("did you mean '{suggestion}'?"),
            None => "type 'help' to see the commands".to_owned(),
        };
        match self {
            ConsoleError::LineTooLong { max, got } => vec![format!(
                "error: the line is {got} characters long; a command can be at most {max}"
            )],
            ConsoleError::UnterminatedQuote { quote } => {
                vec![format!("error: missing closing quote ({quote})")]
            }
            ConsoleError::UnknownCommand { word, suggestion } => vec![
                format!("error: unknown command: '{word}'"),
                hint(suggestion),
            ],
            ConsoleError::UnknownHelpTopic { word, suggestion } => vec![
                format!("error: command '{word}' doesn't exist"),
                hint(suggestion),
            ],
            ConsoleError::UnknownOption {
                command,
                option,
                suggestion,
            } => vec![
                format!("error: command '{command}' doesn't support option {option}"),
                match suggestion {
                    Some(suggestion) => format!("did you mean '{suggestion}'?"),
                    None => usage(command),
                },
            ],
            ConsoleError::MissingArgument { command, argument } => vec![
                format!("error: command '{command}' requires {argument}"),
                usage(command),
            ],
            ConsoleError::UnexpectedArgument { command, argument } => {
                vec![
                    format!("error: unexpected data '{argument}'"),
                    usage(command),
                ]
            }
            ConsoleError::MissingValue { command, option } => {
                let placeholder = find_command(command)
                    .and_then(|spec| spec.option(option))
                    .and_then(|spec| spec.value)
                    .unwrap_or("VALUE");
                vec![
                    format!("error: option {option} needs a value ({placeholder})"),
                    usage(command),
                ]
            }
            ConsoleError::UnexpectedValue {
                command,
                option,
                value,
            } => vec![
                format!("error: option {option} takes no value, got '{value}'"),
                usage(command),
            ],
            ConsoleError::RepeatedOption { command, option } => vec![
                format!("error: option {option} already seen"),
                usage(command),
            ],
            ConsoleError::BadNumber {
                command,
                what,
                value,
                too_large,
            } => vec![
                if *too_large {
                    format!("error: {what} is too large, got '{value}'")
                } else {
                    format!("error: {what} must be a whole number, got '{value}'")
                },
                usage(command),
            ],
            ConsoleError::Config(error) => vec![format!("error: {error}")],
        }
    }
}

impl fmt::Display for ConsoleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for ConsoleError {}

/// Reads one console line.
///
/// An optional leading `virsh` is skipped; an empty line or a comment (`# ...`) is
/// [`Command::Nothing`]; `COMMAND --help` is `help COMMAND`. Options are written `--memory
/// 2048` or `--memory=2048`, in any order among the arguments; `--` ends the options. Words
/// may be quoted (see [`quote`](super::quote)).
///
/// ```
/// use vm_playground::console::{parse, Command};
/// assert_eq!(parse("virsh start web-01"), Ok(Command::Start("web-01".into())));
/// assert_eq!(parse("  "), Ok(Command::Nothing));
/// let error = parse("strat web-01").unwrap_err();
/// assert_eq!(error.lines(), ["error: unknown command: 'strat'", "did you mean 'start'?"]);
/// ```
pub fn parse(line: &str) -> Result<Command, ConsoleError> {
    check_line(line)?;
    let lexed = lex(line);
    if let Some(quote) = lexed.open_quote {
        return Err(ConsoleError::UnterminatedQuote { quote });
    }
    let mut tokens = lexed.tokens.as_slice();
    if let [first, rest @ ..] = tokens {
        if first.text == "virsh" && !first.quoted {
            tokens = rest;
        }
    }
    let [word, rest @ ..] = tokens else {
        return Ok(Command::Nothing);
    };
    let Some(spec) = find_command(&word.text) else {
        return Err(ConsoleError::UnknownCommand {
            word: word.text.clone(),
            suggestion: suggest_command(&word.text),
        });
    };

    let mut positionals: Vec<&str> = Vec::new();
    let mut options: Vec<(&'static OptionSpec, Option<String>)> = Vec::new();
    let mut rest = rest.iter();
    let mut options_ended = false;
    while let Some(token) = rest.next() {
        let is_option = !options_ended && token.is_option();
        if !is_option {
            positionals.push(&token.text);
            continue;
        }
        if token.text == "--" {
            options_ended = true;
            continue;
        }
        let (name, inline_value) = match token.text.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (token.text.as_str(), None),
        };
        if name == "--help" {
            return Ok(Command::Help(Some(spec.name.to_owned())));
        }
        let Some(option) = spec.option(name) else {
            return Err(ConsoleError::UnknownOption {
                command: spec.name,
                option: name.to_owned(),
                suggestion: spec.suggest_option(name),
            });
        };
        if options.iter().any(|(seen, _)| seen.name == option.name) {
            return Err(ConsoleError::RepeatedOption {
                command: spec.name,
                option: option.name,
            });
        }
        let value = match (option.value, inline_value) {
            (None, None) => None,
            (None, Some(value)) => {
                return Err(ConsoleError::UnexpectedValue {
                    command: spec.name,
                    option: option.name,
                    value,
                })
            }
            (Some(_), Some(value)) => Some(value),
            (Some(_), None) => match rest.next() {
                Some(value) => Some(value.text.clone()),
                None => {
                    return Err(ConsoleError::MissingValue {
                        command: spec.name,
                        option: option.name,
                    })
                }
            },
        };
        options.push((option, value));
    }

    if let Some(extra) = positionals.get(spec.args.len()) {
        return Err(ConsoleError::UnexpectedArgument {
            command: spec.name,
            argument: (*extra).to_owned(),
        });
    }
    if let Some(missing) = spec
        .args
        .iter()
        .skip(positionals.len())
        .find(|arg| !arg.optional)
    {
        return Err(ConsoleError::MissingArgument {
            command: spec.name,
            argument: missing.placeholder,
        });
    }
    build(spec, &positionals, options)
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

/// The command from its checked arguments and options.
fn build(
    spec: &'static CommandSpec,
    args: &[&str],
    options: Vec<(&'static OptionSpec, Option<String>)>,
) -> Result<Command, ConsoleError> {
    let arg = |index: usize| args.get(index).map(|arg| (*arg).to_owned());
    let name = || arg(0).unwrap_or_default();
    let command = spec.name;
    Ok(match command {
        "list" => {
            let mut filter = ListFilter::default();
            for (option, _) in options {
                match option.name {
                    "--all" => filter.all = true,
                    "--state-running" => filter.running = true,
                    "--state-paused" => filter.paused = true,
                    _ => filter.shutoff = true,
                }
            }
            Command::List(filter)
        }
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
        "undefine" => Command::Undefine(name()),
        "dominfo" => Command::DomInfo(name()),
        "domstate" => Command::DomState(name()),
        "setmem" => Command::SetMem {
            name: name(),
            memory: number(command, spec.args[1].placeholder, args[1])?,
        },
        "setvcpus" => Command::SetVcpus {
            name: name(),
            vcpus: vcpus(command, spec.args[1].placeholder, args[1])?,
        },
        "domrename" => Command::DomRename {
            old: name(),
            new: arg(1).unwrap_or_default(),
        },
        "help" => match arg(0) {
            None => Command::Help(None),
            Some(topic) => match find_command(&topic) {
                Some(found) => Command::Help(Some(found.name.to_owned())),
                None => {
                    return Err(ConsoleError::UnknownHelpTopic {
                        suggestion: suggest_command(&topic),
                        word: topic,
                    })
                }
            },
        },
        "clear" => Command::Clear,
        _ => Command::History,
    })
}

/// A whole number of 0 or more (the core checks the bounds).
fn number(command: &'static str, what: &'static str, text: &str) -> Result<u64, ConsoleError> {
    text.parse::<u64>()
        .map_err(|error| ConsoleError::BadNumber {
            command,
            what,
            value: text.to_owned(),
            too_large: *error.kind() == IntErrorKind::PosOverflow,
        })
}

/// A number of vCPUs: a whole number that fits the config's `u32`.
fn vcpus(command: &'static str, what: &'static str, text: &str) -> Result<u32, ConsoleError> {
    let count = number(command, what, text)?;
    u32::try_from(count).map_err(|_| {
        ConsoleError::Config(VmError::InvalidConfig {
            field: ConfigField::Vcpus,
            problem: ConfigProblem::OutOfRange {
                min: u64::from(*VCPUS.start()),
                max: u64::from(*VCPUS.end()),
                got: count,
            },
        })
    })
}
