//! One walk of a command's words against its [`CommandSpec`]: which arguments and options they
//! fill, the first thing wrong with them, and what the line waits for at its end. [`parse`]
//! reads it to build a [`Command`]; Tab completion ([`complete`]) reads it to know what may come
//! next. So the option grammar (`--` ends the options, `--name=value`, an argument given as
//! `--domain x`, unnamed words filling the arguments left) is written once.
//!
//! [`parse`]: super::parse
//! [`Command`]: super::Command
//! [`complete`]: super::complete

use super::error::ConsoleError;
use super::lex::Token;
use super::spec::{ArgKind, ArgSpec, CommandSpec, OptionSpec};

/// What the line's last word waits for: the value of an option, or of an argument given by its
/// name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Awaiting {
    /// An option's value (`--network NAME`).
    Option(&'static OptionSpec),
    /// A positional argument given by name (`--domain NAME`).
    Arg(&'static ArgSpec),
}

/// Why a line doesn't parse into its command's arguments and options, as soon as a word shows
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Stop {
    /// `--help`: the command's help instead.
    Help,
    /// A mistake.
    Error(ConsoleError),
}

/// The words after a command's name, sorted out against its spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Walk {
    /// Each argument's value, in the spec's order: given by name, else by the next unnamed
    /// word.
    pub slots: Vec<Option<String>>,
    /// The options given, in the order typed, each once, with its value.
    pub options: Vec<(&'static OptionSpec, Option<String>)>,
    /// The unnamed words after the arguments are filled, which an argument that takes many
    /// ([`ArgKind::Domains`]) takes: `domstats a b`'s `b`.
    pub rest: Vec<String>,
    /// Whether `--` ended the options (the words after it are arguments, however they look).
    pub options_ended: bool,
    /// What the last word waits for, if it is an option that takes a value and has none yet.
    pub awaiting: Option<Awaiting>,
    /// The first thing that keeps the words from being the command's arguments and options.
    /// The walk goes on past it (skipping what it can't place), for completion.
    pub stop: Option<Stop>,
}

impl Walk {
    /// The argument the next unnamed word fills, if any is left.
    pub fn next_arg(&self, spec: &'static CommandSpec) -> Option<&'static ArgSpec> {
        match self.slots.iter().position(Option::is_none) {
            Some(index) => spec.args.get(index),
            None => spec.args.last().filter(|arg| arg.kind == ArgKind::Domains),
        }
    }

    /// Notes that the line ends waiting for `awaiting`'s value, which is a mistake to parse.
    fn ends_awaiting(&mut self, spec: &'static CommandSpec, awaiting: Awaiting) {
        let (option, placeholder) = match awaiting {
            Awaiting::Option(option) => (option.name.to_owned(), option.value.unwrap_or_default()),
            Awaiting::Arg(arg) => (
                format!("--{}", arg.name),
                if arg.kind.is_number() {
                    "number"
                } else {
                    "string"
                },
            ),
        };
        self.awaiting = Some(awaiting);
        self.stop_at(Stop::Error(ConsoleError::MissingValue {
            command: spec.name,
            option,
            placeholder,
        }));
    }

    /// Records `stop` unless an earlier word already stopped the line.
    fn stop_at(&mut self, stop: Stop) {
        self.stop.get_or_insert(stop);
    }
}

/// Walks `words` (what follows the command's name) against `spec`.
pub(super) fn walk(spec: &'static CommandSpec, words: &[Token]) -> Walk {
    let mut walk = Walk {
        slots: vec![None; spec.args.len()],
        options: Vec::new(),
        rest: Vec::new(),
        options_ended: false,
        awaiting: None,
        stop: None,
    };
    let error = |error: ConsoleError| Stop::Error(error);
    let mut words = words.iter();
    while let Some(token) = words.next() {
        // An unnamed word fills its argument at once, as virsh reads words in order: `dominfo
        // test --domain test` names the domain twice, and `dominfo --domain test test` has a
        // word too many.
        if walk.options_ended || !token.is_option() {
            match walk.slots.iter_mut().find(|slot| slot.is_none()) {
                Some(slot) => *slot = Some(token.text.clone()),
                None => match spec.args.last().map(|arg| arg.kind) {
                    Some(ArgKind::Domains) => walk.rest.push(token.text.clone()),
                    // virsh's `help` reads its first word and lets the rest be.
                    Some(ArgKind::Command) => {}
                    _ => walk.stop_at(error(ConsoleError::UnexpectedArgument {
                        command: spec.name,
                        argument: token.text.clone(),
                    })),
                },
            }
            continue;
        }
        if token.text == "--" {
            walk.options_ended = true;
            continue;
        }
        let (name, inline_value) = match token.text.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (token.text.as_str(), None),
        };
        if name == "--help" {
            walk.stop_at(Stop::Help);
            continue;
        }
        if let Some((index, arg)) = spec.arg_named(name) {
            let many = arg.kind == ArgKind::Domains;
            if walk.slots[index].is_some() && !many {
                walk.stop_at(error(ConsoleError::RepeatedOption {
                    command: spec.name,
                    option: name.to_owned(),
                }));
            }
            let value = inline_value.or_else(|| words.next().map(|value| value.text.clone()));
            match value {
                Some(value) if many && walk.slots[index].is_some() => walk.rest.push(value),
                Some(value) => {
                    walk.slots[index].get_or_insert(value);
                }
                None => walk.ends_awaiting(spec, Awaiting::Arg(arg)),
            }
            continue;
        }
        let Some(option) = spec.option(name) else {
            walk.stop_at(error(ConsoleError::UnknownOption {
                command: spec.name,
                option: name.to_owned(),
                suggestion: spec.suggest_option(name),
            }));
            continue;
        };
        let repeated = walk
            .options
            .iter()
            .any(|(seen, _)| seen.name == option.name);
        if repeated {
            walk.stop_at(error(ConsoleError::RepeatedOption {
                command: spec.name,
                option: option.name.to_owned(),
            }));
        }
        let value = match (option.value, inline_value) {
            (None, None) => None,
            (None, Some(value)) => {
                walk.stop_at(error(ConsoleError::UnexpectedValue {
                    command: spec.name,
                    option: option.name,
                    value,
                }));
                None
            }
            (Some(_), Some(value)) => Some(value),
            (Some(_), None) => match words.next() {
                Some(value) => Some(value.text.clone()),
                None => {
                    walk.ends_awaiting(spec, Awaiting::Option(option));
                    None
                }
            },
        };
        if !repeated {
            walk.options.push((option, value));
        }
    }
    walk
}
