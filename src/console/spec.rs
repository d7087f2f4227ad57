//! The command table: every command's name, arguments, options and help text. The parser,
//! `help` and Tab completion all read it, so they can't disagree.

use crate::config_input::edit_distance;
use crate::i18n::ConsoleTexts;

/// What a positional argument holds (decides what Tab completes there, and how virsh names it
/// in its messages: `<domain>` for a string, `--size` for a number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// An existing domain: its name, Id or UUID. Completed from the VM names.
    Domain,
    /// Any number of existing domains, none meaning every one (`domstats`): takes every
    /// unnamed word left, and may be named more than once. Completed from the VM names.
    Domains,
    /// A name for a new VM: not completed.
    NewName,
    /// A number, possibly with a unit suffix (`setmem`'s size): not completed.
    Number,
    /// A command's name (`help COMMAND`): completed from the commands.
    Command,
}

impl ArgKind {
    /// Whether virsh takes it as a number (its messages then name it `--size`, not `<size>`).
    pub fn is_number(self) -> bool {
        self == ArgKind::Number
    }
}

/// A positional argument. Like virsh, the console also takes it as an option named after it
/// (`setmem --domain web-01 --size 1G`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArgSpec {
    /// virsh's name for it: "domain", "size", "new-name".
    pub name: &'static str,
    /// What it holds.
    pub kind: ArgKind,
    /// Whether it may be left out.
    pub optional: bool,
    /// One line for `help COMMAND`.
    pub help: &'static str,
}

impl ArgSpec {
    /// How virsh shows it in a synopsis and in "requires" errors: `<domain>`, or `--size` for
    /// a number.
    pub fn shown(&self) -> String {
        if self.kind.is_number() {
            format!("--{}", self.name)
        } else {
            format!("<{}>", self.name)
        }
    }

    /// Its value's type as `help COMMAND` shows it: `<string>` or `<number>`, in the
    /// language of `t`.
    fn value_type(&self, t: &ConsoleTexts) -> String {
        let name = if self.kind.is_number() {
            t.type_number
        } else {
            t.type_string
        };
        format!("<{name}>")
    }
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

/// The groups `help` lists the commands in, as virsh does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// "Domain Management (help keyword 'domain')"
    Management,
    /// "Domain Monitoring (help keyword 'monitor')"
    Monitoring,
    /// "Snapshot (help keyword 'snapshot')"
    Snapshot,
    /// "Virsh itself (help keyword 'virsh')"
    Virsh,
}

impl Group {
    /// Every group, in `help`'s order.
    pub const ALL: [Group; 4] = [
        Group::Management,
        Group::Monitoring,
        Group::Snapshot,
        Group::Virsh,
    ];

    /// Its title in `help`.
    pub fn title(self) -> &'static str {
        match self {
            Group::Management => "Domain Management",
            Group::Monitoring => "Domain Monitoring",
            Group::Snapshot => "Snapshot",
            Group::Virsh => "Virsh itself",
        }
    }

    /// The word `help KEYWORD` takes for it.
    pub fn keyword(self) -> &'static str {
        match self {
            Group::Management => "domain",
            Group::Monitoring => "monitor",
            Group::Snapshot => "snapshot",
            Group::Virsh => "virsh",
        }
    }
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
    /// Where `help` lists it.
    pub group: Group,
}

impl CommandSpec {
    /// The synopsis, as virsh writes it: `setmem <domain> <size> [--config] [--live]
    /// [--current]`; value types in the language of `t`.
    pub fn usage(&self, t: &ConsoleTexts) -> String {
        let mut usage = self.name.to_owned();
        for arg in self.args {
            if arg.kind == ArgKind::Domains {
                usage.push_str(&format!(" [<{}>]...", arg.name));
            } else if arg.optional {
                usage.push_str(&format!(" [--{} {}]", arg.name, arg.value_type(t)));
            } else {
                usage.push_str(&format!(" <{}>", arg.name));
            }
        }
        for option in self.options {
            match option.value {
                Some(value) => {
                    usage.push_str(&format!(" [{} <{}>]", option.name, placeholder(value, t)))
                }
                None => usage.push_str(&format!(" [{}]", option.name)),
            }
        }
        usage
    }

    /// The lines of `help COMMAND`'s OPTIONS section: each argument and option, then its
    /// help, in the language of `t`.
    pub fn option_lines(&self, t: &ConsoleTexts) -> Vec<(String, &'static str)> {
        let args = self.args.iter().map(|arg| {
            let shown = if arg.optional && arg.kind != ArgKind::Domains {
                format!("--{} {}", arg.name, arg.value_type(t))
            } else {
                format!("[--{}] {}", arg.name, arg.value_type(t))
            };
            (shown, t.help(arg.help))
        });
        let options = self.options.iter().map(|option| {
            let shown = match option.value {
                Some(value) => format!("{} <{}>", option.name, placeholder(value, t)),
                None => option.name.to_owned(),
            };
            (shown, t.help(option.help))
        });
        args.chain(options).collect()
    }

    /// The option called `name` ("--memory").
    pub fn option(&self, name: &str) -> Option<&'static OptionSpec> {
        self.options.iter().find(|option| option.name == name)
    }

    /// The positional argument that `name` ("--domain") names, if any.
    pub fn arg_named(&self, name: &str) -> Option<(usize, &'static ArgSpec)> {
        let name = name.strip_prefix("--")?;
        self.args
            .iter()
            .enumerate()
            .find(|(_, arg)| arg.name == name)
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

/// An option's value placeholder in the language of `t`: virsh's `string` and `number` are
/// words (`строка`, `число`); units (`MiB`) stay.
pub(crate) fn placeholder(value: &'static str, t: &ConsoleTexts) -> &'static str {
    match value {
        "string" => t.type_string,
        "number" => t.type_number,
        unit => unit,
    }
}

const fn domain(help: &'static str) -> ArgSpec {
    ArgSpec {
        name: "domain",
        kind: ArgKind::Domain,
        optional: false,
        help,
    }
}

const DOMAIN: ArgSpec = domain("domain name, id or uuid");

const fn required(name: &'static str, kind: ArgKind, help: &'static str) -> ArgSpec {
    ArgSpec {
        name,
        kind,
        optional: false,
        help,
    }
}

/// An argument that may be left out.
const fn optional(name: &'static str, kind: ArgKind, help: &'static str) -> ArgSpec {
    ArgSpec {
        name,
        kind,
        optional: true,
        help,
    }
}

/// A snapshot's name, which `--current` may stand for (so it may be left out).
const SNAPSHOT_NAME: ArgSpec = optional("snapshotname", ArgKind::NewName, "snapshot name");

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

/// `--config`, `--live`, `--current`: which of a domain's two configs a change goes to.
const SCOPE: [OptionSpec; 3] = [
    flag("--config", "affect next boot"),
    flag("--live", "affect running domain"),
    flag("--current", "affect current domain"),
];

/// Every command, in the order Tab lists them (`help` sorts them by name within a group).
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "list",
        args: &[],
        options: &[
            flag("--inactive", "list inactive domains"),
            flag("--all", "list inactive & active domains"),
            flag("--transient", "list transient domains"),
            flag("--persistent", "list persistent domains"),
            flag("--state-running", "list domains in running state"),
            flag("--state-paused", "list domains in paused state"),
            flag("--state-shutoff", "list domains in shutoff state"),
            flag("--uuid", "list uuid's only"),
            flag("--name", "list domain names only"),
            flag("--id", "list domain IDs only"),
            flag("--table", "list table (default)"),
        ],
        summary: "list domains",
        description: "Lists the active (running and paused) domains, the shut off ones with \
            --inactive, or every domain with --all: the active ones by Id, then the shut off \
            ones by name. The --state-* options list only the domains in those states; \
            --state-shutoff without --all leaves the active ones out. An active domain has an \
            Id; a shut off one shows '-'. Every domain here is persistent (--transient lists \
            none). --uuid, --id and --name print those instead of the table.",
        group: Group::Monitoring,
    },
    CommandSpec {
        name: "create",
        args: &[required("name", ArgKind::NewName, "name of the new domain")],
        options: &[
            valued("--memory", "MiB", "memory in MiB (default 1024)"),
            valued("--vcpus", "number", "number of virtual CPUs (default 1)"),
            valued("--disk-size", "GiB", "disk size in GiB (default 10)"),
            valued(
                "--disk-path",
                "string",
                "path of the disk image (default none)",
            ),
            valued("--iso", "string", "ISO image to boot from (default none)"),
            valued(
                "--network",
                "string",
                "network to attach to (default 'default')",
            ),
            flag("--stopped", "only define the domain, don't start it"),
        ],
        summary: "create a domain and start it (define it only with --stopped)",
        description: "Creates a domain from the options and starts it, like the Create button; \
            with --stopped it is only defined. Real virsh reads the domain from an XML file \
            (virsh create FILE, virsh define FILE); these options are virt-install's, which \
            counts memory in MiB.",
        group: Group::Management,
    },
    CommandSpec {
        name: "start",
        args: &[domain("name of the inactive domain")],
        options: &[],
        summary: "start a (previously defined) inactive domain",
        description: "Boots a shut off domain. A running or paused domain is already active: \
            resume a paused one instead.",
        group: Group::Management,
    },
    CommandSpec {
        name: "shutdown",
        args: &[DOMAIN],
        options: &[],
        summary: "gracefully shutdown a domain",
        description: "Asks a running or paused domain to shut down; changes made with --config \
            while it ran apply from its next start. A real guest may take a while or ignore \
            the request; the simulator stops it at once.",
        group: Group::Management,
    },
    CommandSpec {
        name: "destroy",
        args: &[DOMAIN],
        options: &[],
        summary: "destroy (stop) a domain",
        description: "Forces a running or paused domain off, like pulling the plug; it is not \
            deleted, and it boots with its next-boot config.",
        group: Group::Management,
    },
    CommandSpec {
        name: "suspend",
        args: &[DOMAIN],
        options: &[],
        summary: "suspend a domain",
        description: "Pauses a running domain: it keeps its memory but gets no CPU time.",
        group: Group::Management,
    },
    CommandSpec {
        name: "resume",
        args: &[DOMAIN],
        options: &[],
        summary: "resume a domain",
        description: "Lets a paused domain run again.",
        group: Group::Management,
    },
    CommandSpec {
        name: "reboot",
        args: &[DOMAIN],
        options: &[],
        summary: "reboot a domain",
        description: "Restarts a running domain. The simulator stops and starts it, so changes \
            made with --config take effect (a real guest's reboot keeps its QEMU process and \
            its running config).",
        group: Group::Management,
    },
    CommandSpec {
        name: "undefine",
        args: &[DOMAIN],
        options: &[flag(
            "--snapshots-metadata",
            "remove all domain snapshot metadata, if inactive",
        )],
        summary: "undefine a domain",
        description: "Deletes a domain's definition. Real virsh leaves a running domain running \
            until it stops; the simulator forces it off and removes it at once. A domain with \
            snapshots needs --snapshots-metadata, which deletes them with it.",
        group: Group::Management,
    },
    CommandSpec {
        name: "virt-clone",
        args: &[],
        options: &[
            valued("--original", "NAME", "name of the original guest to clone"),
            valued("--name", "NEW_NAME", "name for the new guest"),
            flag("--auto-clone", "auto generate clone name and storage paths"),
        ],
        summary: "clone a shut off guest (virt-clone, a tool of its own)",
        description: "virt-clone, typed here as if in a shell: copies a shut off domain under \
            a new name (--name, or ORIGINAL-clone), with a disk of its own next to the \
            original's (--auto-clone names it). The clone is shut off and has no snapshots.",
        group: Group::Management,
    },
    CommandSpec {
        name: "dominfo",
        args: &[DOMAIN],
        options: &[],
        summary: "domain information",
        description: "Shows a domain's Id, UUID, state, vCPUs, CPU time and memory (in KiB, \
            as virsh counts it).",
        group: Group::Monitoring,
    },
    CommandSpec {
        name: "domstate",
        args: &[DOMAIN],
        options: &[flag("--reason", "also print reason for the state")],
        summary: "domain state",
        description: "Prints the domain's state: running, paused or shut off; with --reason, \
            also why (booted, unpaused, user, shutdown, destroyed; unknown when the console \
            didn't see it happen).",
        group: Group::Monitoring,
    },
    CommandSpec {
        name: "nodeinfo",
        args: &[],
        options: &[],
        summary: "node information",
        description: "Shows the host's CPUs and memory (in KiB), as set in the Host panel. \
            An unlimited size shows as what the VMs hold.",
        group: Group::Monitoring,
    },
    CommandSpec {
        name: "dommemstat",
        args: &[DOMAIN],
        options: &[],
        summary: "get memory statistics for a domain",
        description: "Shows a running or paused domain's memory statistics in KiB, from the \
            simulated guest's use at the simulated time.",
        group: Group::Monitoring,
    },
    CommandSpec {
        name: "domstats",
        args: &[optional(
            "domain",
            ArgKind::Domains,
            "domain name, id or uuid",
        )],
        options: &[],
        summary: "get statistics about one or multiple domains",
        description: "Shows each domain's state, CPU time, balloon and vCPU statistics; \
            without a domain, every domain's.",
        group: Group::Monitoring,
    },
    CommandSpec {
        name: "domid",
        args: &[domain("domain name or uuid")],
        options: &[],
        summary: "convert a domain name or UUID to domain id",
        description: "Prints the domain's Id, or '-' when it is shut off.",
        group: Group::Management,
    },
    CommandSpec {
        name: "domname",
        args: &[domain("domain id or uuid")],
        options: &[],
        summary: "convert a domain id or UUID to domain name",
        description: "Prints the name of the domain with this Id or UUID.",
        group: Group::Management,
    },
    CommandSpec {
        name: "domuuid",
        args: &[domain("domain id or name")],
        options: &[],
        summary: "convert a domain name or id to domain UUID",
        description: "Prints the domain's UUID. The simulator makes it up from the name, so a \
            renamed domain gets a new one.",
        group: Group::Management,
    },
    CommandSpec {
        name: "dumpxml",
        args: &[DOMAIN],
        options: &[flag("--inactive", "show inactive defined XML")],
        summary: "domain information in XML",
        description: "Prints the domain as libvirt XML: what it runs with now, or with \
            --inactive what it will boot with next (its pending changes included).",
        group: Group::Management,
    },
    CommandSpec {
        name: "setmem",
        args: &[
            DOMAIN,
            required(
                "size",
                ArgKind::Number,
                "new memory size, as scaled integer (default KiB)",
            ),
        ],
        options: &SCOPE,
        summary: "change memory allocation",
        description: "Sets the memory a domain has, in KiB unless a unit follows (512M, 2G, \
            1048576K). No more than its max memory (setmaxmem). --live (the default) \
            changes the running domain until it stops; --config changes what it boots with \
            next (a pending change while it runs); --current, whichever its state means.",
        group: Group::Management,
    },
    CommandSpec {
        name: "setmaxmem",
        args: &[
            DOMAIN,
            required(
                "size",
                ArgKind::Number,
                "new maximum memory size, as scaled integer (default KiB)",
            ),
        ],
        options: &SCOPE,
        summary: "change maximum memory limit",
        description: "Sets the most memory a domain may be given, in KiB unless a unit \
            follows; its memory is lowered to it if above. A running domain's maximum can't \
            change: use --config, which takes effect at once in the simulator.",
        group: Group::Management,
    },
    CommandSpec {
        name: "setvcpus",
        args: &[
            DOMAIN,
            required("count", ArgKind::Number, "number of virtual CPUs"),
        ],
        options: &[
            flag("--maximum", "set maximum limit on next boot"),
            SCOPE[0],
            SCOPE[1],
            SCOPE[2],
        ],
        summary: "change number of virtual CPUs",
        description: "Sets a domain's number of vCPUs, no more than its maximum (raise that \
            with --maximum --config). --live (the default) changes the running domain until \
            it stops; --config changes what it boots with next (a pending change while it \
            runs); --current, whichever its state means.",
        group: Group::Management,
    },
    CommandSpec {
        name: "domrename",
        args: &[
            domain("domain name or uuid"),
            required("new-name", ArgKind::NewName, "new domain name"),
        ],
        options: &[],
        summary: "rename a domain",
        description: "Renames a shut off domain. An active domain can't be renamed: shut it \
            down first.",
        group: Group::Management,
    },
    CommandSpec {
        name: "snapshot-create-as",
        args: &[
            DOMAIN,
            optional("name", ArgKind::NewName, "name of snapshot"),
            optional("description", ArgKind::NewName, "description of snapshot"),
        ],
        options: &[],
        summary: "Create a snapshot from a set of args",
        description: "Takes a snapshot of the domain as it is now: its config, any pending \
            change and its state (a running or paused domain's memory too, as a full system \
            snapshot keeps it). It becomes the current snapshot, a child of the previous one. \
            Without a name, it is named after the time (seconds since 1970), as in virsh.",
        group: Group::Snapshot,
    },
    CommandSpec {
        name: "snapshot-list",
        args: &[DOMAIN],
        options: &[
            flag("--parent", "add a column showing parent snapshot"),
            flag("--roots", "list only snapshots without parents"),
            flag("--leaves", "list only snapshots without children"),
            flag("--tree", "list snapshots in a tree"),
            flag("--name", "list snapshot names only"),
        ],
        summary: "List snapshots for a domain",
        description: "Lists the domain's snapshots by name with when they were taken and the \
            state they keep, or as a tree (--tree), or with each one's parent (--parent), or \
            only their names (--name); --roots and --leaves keep only the snapshots without a \
            parent or without children.",
        group: Group::Snapshot,
    },
    CommandSpec {
        name: "snapshot-current",
        args: &[DOMAIN],
        options: &[flag("--name", "list the name, rather than the full xml")],
        summary: "Get the current snapshot",
        description: "Names the domain's current snapshot (the one last taken or reverted \
            to). The simulator prints only its name, with or without --name.",
        group: Group::Snapshot,
    },
    CommandSpec {
        name: "snapshot-info",
        args: &[DOMAIN, SNAPSHOT_NAME],
        options: &[flag("--current", "info on current snapshot")],
        summary: "snapshot information",
        description: "Shows a snapshot's state, parent, and how many children and \
            descendants it has.",
        group: Group::Snapshot,
    },
    CommandSpec {
        name: "snapshot-revert",
        args: &[DOMAIN, SNAPSHOT_NAME],
        options: &[flag("--current", "revert to current snapshot")],
        summary: "Revert a domain to a snapshot",
        description: "Returns the domain to the snapshot: its config and its state then \
            (running, paused or shut off). What it is now, and any pending change, is lost.",
        group: Group::Snapshot,
    },
    CommandSpec {
        name: "snapshot-delete",
        args: &[DOMAIN, SNAPSHOT_NAME],
        options: &[
            flag("--current", "delete current snapshot"),
            flag("--children", "delete snapshot and all children"),
        ],
        summary: "Delete a domain snapshot",
        description: "Deletes a snapshot; its children become its parent's. With --children, \
            its whole subtree goes.",
        group: Group::Snapshot,
    },
    CommandSpec {
        name: "help",
        args: &[ArgSpec {
            name: "command",
            kind: ArgKind::Command,
            optional: true,
            help: "a command, or a group's keyword",
        }],
        options: &[],
        summary: "print help",
        description: "Lists the commands by group, or explains one command, or lists one \
            group (help domain). 'COMMAND --help' works too.",
        group: Group::Virsh,
    },
    CommandSpec {
        name: "clear",
        args: &[],
        options: &[],
        summary: "clear the console (not in virsh)",
        description: "Clears the console's output; the history stays.",
        group: Group::Virsh,
    },
    CommandSpec {
        name: "history",
        args: &[],
        options: &[],
        summary: "list the commands typed so far (not in virsh)",
        description: "Lists the commands typed in this console, oldest first. Up and Down \
            arrows recall them.",
        group: Group::Virsh,
    },
    CommandSpec {
        name: "undo",
        args: &[],
        options: &[],
        summary: "undo the last change made in this tab (not in virsh)",
        description: "Takes back the last change made in this tab, from a button, a command \
            or a script, as the Undo button does. Refused if another tab changed the VM since.",
        group: Group::Virsh,
    },
    CommandSpec {
        name: "redo",
        args: &[],
        options: &[],
        summary: "redo the last change undone (not in virsh)",
        description: "Makes the last undone change again, as the Redo button does.",
        group: Group::Virsh,
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
    ("maxmem", "setmaxmem"),
    ("xml", "dumpxml"),
    ("uuid", "domuuid"),
    ("id", "domid"),
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
