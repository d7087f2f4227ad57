//! [`ConsoleError`]: why a line is not a command, and how the console says so.

use std::fmt;

use crate::i18n::{fill, Lang};

/// Why a line is not a command. Each variant's message is in [`ConsoleError::lines`]: virsh's
/// words, and a "did you mean" line where the console can guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsoleError {
    /// The line is longer than
    /// [`CONSOLE_LINE_MAX_CHARS`](crate::manager::limits::CONSOLE_LINE_MAX_CHARS): refused
    /// before it is read.
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
    /// The first word is no command, but typed on the same keys in the Latin layout it is
    /// (close to) one: `ыефке` is `start` with the keyboard in the Russian layout.
    WrongLayout {
        /// The word typed.
        word: String,
        /// The command it means.
        command: &'static str,
    },
    /// `quit` or `exit`: virsh's shell would end; this console is part of the page and stays.
    StaysOpen,
    /// `help WORD` where WORD is no command and no group's keyword.
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
    /// Required arguments are missing.
    MissingArgument {
        /// The command.
        command: &'static str,
        /// Each missing argument as virsh names it: `<domain>`, `--size`.
        arguments: Vec<String>,
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
        option: String,
        /// Its value's placeholder: "number", "string", "MiB".
        placeholder: &'static str,
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
        option: String,
    },
    /// An argument given empty (`dominfo ''`): virsh takes the word, then refuses it when the
    /// command asks for its value.
    EmptyArgument {
        /// The command.
        command: &'static str,
        /// The argument's name, as virsh names it: "domain", "new-name".
        argument: &'static str,
    },
    /// A number that is not a whole number of 0 or more, or too large to hold (`create`'s
    /// options).
    BadNumber {
        /// The command.
        command: &'static str,
        /// The option ("--memory") it was given for.
        what: &'static str,
        /// The text typed.
        value: String,
    },
}

impl ConsoleError {
    /// The lines the console prints, in English: virsh's error, then a suggestion where
    /// there is one.
    pub fn lines(&self) -> Vec<String> {
        self.lines_in(Lang::En)
    }

    /// The lines the console prints in `lang`, in virsh's words under that language.
    pub fn lines_in(&self, lang: Lang) -> Vec<String> {
        let t = lang.console();
        let hint = |suggestion: &Option<&'static str>| {
            suggestion.map(|suggestion| fill(t.did_you_mean, &[("suggestion", &suggestion)]))
        };
        let error = |template: &str, args: &[(&str, &dyn fmt::Display)]| {
            vec![t.error(&fill(template, args))]
        };
        let mut lines = match self {
            ConsoleError::LineTooLong { max, got } => {
                error(t.line_too_long, &[("got", got), ("max", max)])
            }
            ConsoleError::UnterminatedQuote { quote } => {
                error(t.missing_quote, &[("quote", quote)])
            }
            ConsoleError::UnknownCommand { word, .. } => {
                error(t.unknown_command, &[("word", word)])
            }
            ConsoleError::UnknownHelpTopic { word, .. } => {
                error(t.unknown_help_topic, &[("word", word)])
            }
            ConsoleError::WrongLayout { word, command } => {
                let mut lines = error(t.unknown_command, &[("word", word)]);
                lines.push(fill(t.wrong_layout, &[("command", command)]));
                lines
            }
            ConsoleError::StaysOpen => vec![t.stays_open.to_owned()],
            ConsoleError::UnknownOption {
                command, option, ..
            } => error(
                t.unknown_option,
                &[("command", command), ("option", option)],
            ),
            ConsoleError::MissingArgument { command, arguments } => arguments
                .iter()
                .map(|argument| {
                    t.error(&fill(
                        t.missing_argument,
                        &[("command", command), ("argument", argument)],
                    ))
                })
                .collect(),
            ConsoleError::UnexpectedArgument { argument, .. } => {
                error(t.unexpected_argument, &[("argument", argument)])
            }
            ConsoleError::MissingValue {
                option,
                placeholder,
                ..
            } => {
                let placeholder = super::spec::placeholder(placeholder, t);
                error(
                    t.missing_value,
                    &[("option", option), ("placeholder", &placeholder)],
                )
            }
            ConsoleError::UnexpectedValue { option, .. } => {
                error(t.unexpected_value, &[("option", option)])
            }
            ConsoleError::RepeatedOption { option, .. } => {
                error(t.repeated_option, &[("option", option)])
            }
            ConsoleError::EmptyArgument { argument, .. } => {
                error(t.empty_argument, &[("option", argument)])
            }
            ConsoleError::BadNumber { what, value, .. } => error(
                t.bad_number,
                &[("value", value), ("option", &what.trim_start_matches('-'))],
            ),
        };
        let suggestion = match self {
            ConsoleError::UnknownCommand { suggestion, .. }
            | ConsoleError::UnknownHelpTopic { suggestion, .. }
            | ConsoleError::UnknownOption { suggestion, .. } => hint(suggestion),
            _ => None,
        };
        lines.extend(suggestion);
        lines
    }
}

impl ConsoleError {
    /// Whether virsh gets as far as running the command before it fails this way (`help
    /// nosuch`, `dominfo ''`), rather than refusing the line as it reads it: virsh then ends
    /// the output with the empty line it prints after every command that ran.
    pub fn ran(&self) -> bool {
        matches!(
            self,
            ConsoleError::UnknownHelpTopic { .. } | ConsoleError::EmptyArgument { .. }
        )
    }
}

impl fmt::Display for ConsoleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for ConsoleError {}
