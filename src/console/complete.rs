//! Tab completion of commands, VM names, options and network names.

use super::lex::{lex, open_quoted, quote, Token};
use super::spec::{find_command, ArgKind, CommandSpec, COMMANDS};
use super::walk::{walk, Awaiting};
use crate::i18n::{fill, Lang};
use crate::manager::KNOWN_NETWORKS;

/// What Tab does to a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The line after completion: with the word completed and a space after it when there was
    /// one candidate; extended to the candidates' longest common prefix when there were
    /// several; unchanged when there were none.
    pub line: String,
    /// The candidates to show when there were several (sorted); empty otherwise.
    pub candidates: Vec<String>,
}

/// How many candidates [`Completion::candidates_line`] lists before it only counts the rest.
pub const CANDIDATES_SHOWN: usize = 50;

impl Completion {
    /// What the console prints for several candidates: them all, two spaces apart; past
    /// [`CANDIDATES_SHOWN`] (a Tab among thousands of VMs), the first ones and how many more
    /// there are, as a shell asks before it lists them all. `None` for one candidate or none.
    ///
    /// ```
    /// use vm_playground::console::complete;
    /// let names: Vec<String> = (0..120).map(|i| format!("vm-{i:03}")).collect();
    /// let line = complete("start vm-", &names).candidates_line().unwrap();
    /// assert!(line.starts_with("vm-000  vm-001  "));
    /// assert!(line.ends_with("vm-049  … and 70 more: type more of the word to narrow them"));
    /// ```
    pub fn candidates_line(&self) -> Option<String> {
        self.candidates_line_in(Lang::En)
    }

    /// [`Completion::candidates_line`] with its note in `lang`.
    pub fn candidates_line_in(&self, lang: Lang) -> Option<String> {
        if self.candidates.len() < 2 {
            return None;
        }
        let shown = self.candidates.len().min(CANDIDATES_SHOWN);
        let mut line = self.candidates[..shown].join("  ");
        let more = self.candidates.len() - shown;
        if more > 0 {
            line.push_str("  ");
            line.push_str(&fill(lang.console().more_candidates, &[("more", &more)]));
        }
        Some(line)
    }
}

/// Completes the last word of `line` (the cursor is taken to be at its end).
///
/// The first word (after an optional `virsh`) completes to a command; after a command, a word
/// starting with `-` completes to the command's options not used yet; a VM argument completes
/// to a name from `names`; `help`'s argument to a command; `--network`'s value to the known
/// networks. A candidate that needs quotes is inserted quoted. A line longer than the console
/// takes ([`check_line`](super::check_line)) is left as it is.
///
/// ```
/// use vm_playground::console::complete;
/// let names = vec!["web-01".to_string(), "web-02".to_string(), "db".to_string()];
/// assert_eq!(complete("sta", &names).line, "start ");
/// assert_eq!(complete("virsh start d", &names).line, "virsh start db ");
/// let several = complete("start w", &names);
/// assert_eq!(several.line, "start web-0");
/// assert_eq!(several.candidates, ["web-01", "web-02"]);
/// ```
pub fn complete(line: &str, names: &[String]) -> Completion {
    let unchanged = || Completion {
        line: line.to_owned(),
        candidates: Vec::new(),
    };
    if super::check_line(line).is_err() {
        return unchanged();
    }
    let lexed = lex(line);
    if lexed.comment {
        return unchanged();
    }
    // Only the last command of a `list; start we` line is being typed.
    let mut tokens = lexed.commands().pop().unwrap_or_default();
    let current = match tokens.split_last() {
        Some((last, before)) if lexed.ends_in_word || lexed.open_quote.is_some() => {
            tokens = before;
            last.clone()
        }
        _ => Token {
            text: String::new(),
            quoted: false,
            plain_prefix: 0,
            start: line.len(),
        },
    };
    let mut first_word = true;
    if let [first, rest @ ..] = tokens {
        if first.text == "virsh" && !first.quoted {
            tokens = rest;
            first_word = false;
        }
    }
    let (candidates, are_options) = match tokens.split_first() {
        None => {
            let mut words: Vec<&str> = COMMANDS.iter().map(|spec| spec.name).collect();
            if first_word {
                words.push("virsh");
            }
            (words.into_iter().map(str::to_owned).collect(), false)
        }
        Some((command, args)) => match find_command(&command.text) {
            Some(spec) => argument_candidates(spec, args, &current, names),
            None => return unchanged(),
        },
    };
    // Options go in as they are (quoted, they would be arguments); anything else is quoted.
    let render = |word: &str, open: bool| match (are_options, open) {
        (true, _) => word.to_owned(),
        (false, true) => open_quoted(word),
        (false, false) => quote(word),
    };
    let mut matching: Vec<String> = candidates
        .into_iter()
        .filter(|candidate| candidate.starts_with(&current.text))
        .collect();
    crate::ordering::sort_by_text(&mut matching, String::as_str);
    matching.dedup();
    let head = &line[..current.start];
    match matching.as_slice() {
        [] => unchanged(),
        [only] => Completion {
            line: format!("{head}{} ", render(only, false)),
            candidates: Vec::new(),
        },
        several => {
            let common = common_prefix(several);
            let line = if common.chars().count() > current.text.chars().count() {
                format!("{head}{}", render(&common, true))
            } else {
                line.to_owned()
            };
            Completion {
                line,
                candidates: several.to_vec(),
            }
        }
    }
}

/// What may come at `current`, after `args` of the command `spec`, and whether those are
/// options.
fn argument_candidates(
    spec: &'static CommandSpec,
    args: &[Token],
    current: &Token,
    names: &[String],
) -> (Vec<String>, bool) {
    let walked = walk(spec, args);
    let kind_candidates = |kind: ArgKind| match kind {
        ArgKind::Domain | ArgKind::Domains => names.to_vec(),
        ArgKind::Command => COMMANDS.iter().map(|spec| spec.name.to_owned()).collect(),
        ArgKind::NewName | ArgKind::Number => Vec::new(),
    };
    match walked.awaiting {
        Some(Awaiting::Option(option)) if option.name == "--network" => {
            let networks = KNOWN_NETWORKS.iter().map(|&network| network.to_owned());
            return (networks.collect(), false);
        }
        Some(Awaiting::Option(_)) => return (Vec::new(), false),
        Some(Awaiting::Arg(arg)) => return (kind_candidates(arg.kind), false),
        None => {}
    }
    let unused_options = || -> Vec<String> {
        spec.options
            .iter()
            .filter(|option| {
                !walked
                    .options
                    .iter()
                    .any(|(used, _)| used.name == option.name)
            })
            .map(|option| option.name.to_owned())
            .collect()
    };
    let may_be_option = !walked.options_ended && !current.quoted;
    if may_be_option && current.text.starts_with('-') {
        return (unused_options(), true);
    }
    match walked.next_arg(spec) {
        Some(arg) => (kind_candidates(arg.kind), false),
        None if may_be_option && current.text.is_empty() => (unused_options(), true),
        None => (Vec::new(), false),
    }
}

/// The longest prefix (in characters) all of `words` share.
fn common_prefix(words: &[String]) -> String {
    let Some((first, rest)) = words.split_first() else {
        return String::new();
    };
    let mut prefix: Vec<char> = first.chars().collect();
    for word in rest {
        let shared = prefix
            .iter()
            .zip(word.chars())
            .take_while(|(a, b)| **a == *b)
            .count();
        prefix.truncate(shared);
    }
    prefix.into_iter().collect()
}
