//! The command table: every command's name, arguments, options and help text. The parser,
//! `help` and Tab completion all read it, so they can't disagree.

use crate::config_input::edit_distance;

/// What a positional argument holds (decides what Tab completes there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// The name of an existing VM: completed from the VM names.
    Domain,
    /// A name for a new VM: not completed.
    NewName,
    /// A whole number: not completed.
    Number,
    /// A command's name (`help COMMAND`): completed from the commands.
    Command,
}

/// A positional argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArgSpec {
    /// Its placeholder in usage lines: "NAME", "MB".
    pub placeholder: &'static str,
    /// What it holds.
    pub kind: ArgKind,
    /// Whether it may be left out.
    pub optional: bool,
}

/// An option (`--memory MB`, `--all`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    /// With its dashes: "--memory".
    pub name: &'static str,
    /// The placeholder of its value ("MB"), or `None` for a flag that takes none.
    pub value: Option<&'static str>,
    /// One line for `help COMMAND`.
    pub help: &'static str,
}

/// A console command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    /// The word that runs it: "start".
    pub name: &'static str,
    /// Its positional arguments, in order.
    pub args: &'static [ArgSpec],
    /// Its options, in the order `help` and usage lines show them.
    pub options: &'static [OptionSpec],
    /// One line for the `help` list, in virsh's words where it has some.
    pub summary: &'static str,
    /// A paragraph for `help COMMAND`: what the command does in this simulator.
    pub description: &'static str,
}

impl CommandSpec {
    /// The usage line: `create NAME [--memory MB] [--vcpus N] ... [--stopped]`.
    pub fn usage(&self) -> String {
        let mut usage = self.name.to_owned();
        for arg in self.args {
            if arg.optional {
                usage.push_str(&format!(" [{}]", arg.placeholder));
            } else {
                usage.push(' ');
                usage.push_str(arg.placeholder);
            }
        }
        for option in self.options {
            match option.value {
                Some(value) => usage.push_str(&format!(" [{} {value}]", option.name)),
                None => usage.push_str(&format!(" [{}]", option.name)),
            }
        }
        usage
    }

    /// The option called `name` ("--memory").
    pub fn option(&self, name: &str) -> Option<&'static OptionSpec> {
        self.options.iter().find(|option| option.name == name)
    }

    /// The option `word` most likely means, if any: the only option it begins, else one at
    /// most two edits away (case aside).
    pub fn suggest_option(&self, word: &str) -> Option<&'static str> {
        closest(
            &crate::present::fold_case(word),
            self.options.iter().map(|option| option.name),
        )
    }
}

const DOMAIN: ArgSpec = ArgSpec {
    placeholder: "NAME",
    kind: ArgKind::Domain,
    optional: false,
};

const fn required(placeholder: &'static str, kind: ArgKind) -> ArgSpec {
    ArgSpec {
        placeholder,
        kind,
        optional: false,
    }
}

const fn flag(name: &'static str, help: &'static str) -> OptionSpec {
    OptionSpec {
        name,
        value: None,
        help,
    }
}

const fn valued(name: &'static str, value: &'static str, help: &'static str) -> OptionSpec {
    OptionSpec {
        name,
        value: Some(value),
        help,
    }
}

/// Every command, in the order `help` lists them.
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "list",
        args: &[],
        options: &[
            flag("--all", "list inactive (shut off) domains too"),
            flag("--state-running", "list running domains"),
            flag("--state-paused", "list paused domains"),
            flag("--state-shutoff", "list shut off domains"),
        ],
        summary: "list domains",
        description: "Lists the active (running and paused) domains, or every domain with --all. \
            The --state-* options list only the domains in those states, and may be combined. \
            Active domains get an Id (numbered by name here); shut off ones show '-'.",
    },
    CommandSpec {
        name: "create",
        args: &[required("NAME", ArgKind::NewName)],
        options: &[
            valued("--memory", "MB", "memory in MB (default 1024)"),
            valued("--vcpus", "N", "number of virtual CPUs (default 1)"),
            valued("--disk-size", "GB", "disk size in GB (default 10)"),
            valued(
                "--disk-path",
                "PATH",
                "path of the disk image (default none)",
            ),
            valued("--iso", "PATH", "ISO image to boot from (default none)"),
            valued(
                "--network",
                "NET",
                "network to attach to (default 'default')",
            ),
            flag("--stopped", "only define the domain, don't start it"),
        ],
        summary: "create a domain and start it (define it only with --stopped)",
        description: "Creates a domain from the options and starts it, like the Create button. \
            With --stopped it is only defined (virsh define). Real virsh reads the domain from \
            an XML file; the options here are virt-install's.",
    },
    CommandSpec {
        name: "start",
        args: &[DOMAIN],
        options: &[],
        summary: "start a (previously defined) inactive domain",
        description: "Starts a shut off domain. A running or paused domain is already active: \
            resume a paused one instead.",
    },
    CommandSpec {
        name: "shutdown",
        args: &[DOMAIN],
        options: &[],
        summary: "gracefully shutdown a domain",
        description: "Stops a running or paused domain; config changes made while it was \
            active are applied now. A real guest may take a while or ignore the request; the \
            simulator stops it at once.",
    },
    CommandSpec {
        name: "destroy",
        args: &[DOMAIN],
        options: &[],
        summary: "destroy (stop) a domain",
        description: "Forces a running or paused domain off, like pulling the plug; it is not \
            deleted. In the simulator it ends like shutdown: the domain is shut off and pending \
            config changes are applied.",
    },
    CommandSpec {
        name: "suspend",
        args: &[DOMAIN],
        options: &[],
        summary: "suspend a domain",
        description: "Pauses a running domain: it keeps its memory but gets no CPU time.",
    },
    CommandSpec {
        name: "resume",
        args: &[DOMAIN],
        options: &[],
        summary: "resume a domain",
        description: "Lets a paused domain run again.",
    },
    CommandSpec {
        name: "reboot",
        args: &[DOMAIN],
        options: &[],
        summary: "reboot a domain",
        description: "Restarts a running domain: it is stopped and started again, so config \
            changes made while it ran take effect.",
    },
    CommandSpec {
        name: "undefine",
        args: &[DOMAIN],
        options: &[],
        summary: "undefine a domain",
        description: "Deletes a domain; a running one is forced off first. Real virsh would \
            keep a running domain alive until it stops; the simulator removes it at once.",
    },
    CommandSpec {
        name: "dominfo",
        args: &[DOMAIN],
        options: &[],
        summary: "domain information",
        description: "Shows a domain's state, vCPUs, memory (in KiB, as virsh does), disk, \
            network and any config change waiting for the next stop.",
    },
    CommandSpec {
        name: "domstate",
        args: &[DOMAIN],
        options: &[],
        summary: "domain state",
        description: "Prints the domain's state: running, paused or shut off.",
    },
    CommandSpec {
        name: "setmem",
        args: &[DOMAIN, required("MB", ArgKind::Number)],
        options: &[],
        summary: "change memory allocation",
        description: "Sets a domain's memory in MB. A shut off domain takes it at once; an \
            active one at its next stop (like virsh setmem --config). Real virsh counts in KiB \
            unless you add a unit (2048M).",
    },
    CommandSpec {
        name: "setvcpus",
        args: &[DOMAIN, required("N", ArgKind::Number)],
        options: &[],
        summary: "change number of virtual CPUs",
        description: "Sets a domain's number of vCPUs. A shut off domain takes it at once; an \
            active one at its next stop (like virsh setvcpus --config).",
    },
    CommandSpec {
        name: "domrename",
        args: &[DOMAIN, required("NEW", ArgKind::NewName)],
        options: &[],
        summary: "rename a domain",
        description: "Renames a shut off domain. An active domain can't be renamed: shut it \
            down first.",
    },
    CommandSpec {
        name: "help",
        args: &[ArgSpec {
            placeholder: "COMMAND",
            kind: ArgKind::Command,
            optional: true,
        }],
        options: &[],
        summary: "print help",
        description: "Lists the commands, or explains one. 'COMMAND --help' works too.",
    },
    CommandSpec {
        name: "clear",
        args: &[],
        options: &[],
        summary: "clear the console",
        description: "Clears the console's output; the history stays.",
    },
    CommandSpec {
        name: "history",
        args: &[],
        options: &[],
        summary: "list the commands typed so far",
        description: "Lists the commands typed in this console, oldest first. Up and Down \
            arrows recall them.",
    },
];

/// The command called `name`, exactly.
pub fn find_command(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|spec| spec.name == name)
}

/// Words people type for a command that virsh calls differently.
const ALIASES: &[(&str, &str)] = &[
    ("ls", "list"),
    ("ps", "list"),
    ("define", "create"),
    ("new", "create"),
    ("run", "start"),
    ("boot", "start"),
    ("stop", "shutdown"),
    ("halt", "shutdown"),
    ("poweroff", "shutdown"),
    ("kill", "destroy"),
    ("pause", "suspend"),
    ("unpause", "resume"),
    ("continue", "resume"),
    ("restart", "reboot"),
    ("delete", "undefine"),
    ("remove", "undefine"),
    ("rm", "undefine"),
    ("info", "dominfo"),
    ("show", "dominfo"),
    ("state", "domstate"),
    ("status", "domstate"),
    ("rename", "domrename"),
    ("memory", "setmem"),
    ("cpus", "setvcpus"),
    ("vcpus", "setvcpus"),
    ("cls", "clear"),
    ("man", "help"),
    ("?", "help"),
];

/// The command `word` most likely means: a known synonym ("stop" → "shutdown"), else the
/// closest command name (see [`closest`]).
pub(crate) fn suggest_command(word: &str) -> Option<&'static str> {
    let lower = crate::present::fold_case(word);
    if let Some(spec) = find_command(&lower) {
        return Some(spec.name);
    }
    if let Some((_, command)) = ALIASES.iter().find(|(alias, _)| *alias == lower) {
        return Some(command);
    }
    closest(&lower, COMMANDS.iter().map(|spec| spec.name))
}

/// The candidate `word` most likely means: the only one it is a prefix of, else the one the
/// fewest edits away if that is at most 2 edits and at most half the candidate's length.
/// Among equally close candidates, one with the same first letter (after any dashes) wins,
/// since typos rarely hit the first letter ("histroy" is "history", not "destroy"); then the
/// first in order.
pub(crate) fn closest(
    word: &str,
    candidates: impl Iterator<Item = &'static str> + Clone,
) -> Option<&'static str> {
    if !word.is_empty() && word.trim_start_matches('-').chars().count() >= 2 {
        let mut prefixed = candidates
            .clone()
            .filter(|candidate| candidate.starts_with(word));
        if let (Some(only), None) = (prefixed.next(), prefixed.next()) {
            return Some(only);
        }
    }
    candidates
        .map(|candidate| (candidate, edit_distance(word, candidate)))
        .filter(|(candidate, distance)| {
            *distance <= 2 && *distance * 2 <= candidate.trim_start_matches('-').chars().count()
        })
        .min_by_key(|(candidate, distance)| {
            let first = |text: &str| text.trim_start_matches('-').chars().next();
            (*distance, first(candidate) != first(word))
        })
        .map(|(candidate, _)| candidate)
}
