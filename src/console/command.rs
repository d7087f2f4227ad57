//! What a console line means: a [`Command`] (with `list`'s [`ListFilter`] and the `set*`
//! commands' [`Scope`]), and [`Command::to_line`], the line that reads back as it (how the
//! console mirrors a GUI action). [`parse`](super::parse) makes one from text.

use super::lex::quote;
use crate::manager::{VmConfig, VmState};

/// Which domains `list` shows, and how.
///
/// Which: as virsh asks libvirt for them. No option: the active ones (running and paused).
/// `--all`: every one; `--inactive`: the shut off ones. Any `--state-*` option: only the
/// domains in the states named (they add up); `--state-shutoff` without `--all` also leaves
/// the active ones out, so `--state-running --state-shutoff` lists only the shut off ones, as
/// in virsh. Every domain here is persistent: `--transient` alone lists none.
///
/// How: a table, or with `--uuid`, `--id`, `--name` one line each of those (in that order;
/// `--id` alone leaves out the shut off domains, which have none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// `--all`
    pub all: bool,
    /// `--inactive`
    pub inactive: bool,
    /// `--state-running`
    pub running: bool,
    /// `--state-paused`
    pub paused: bool,
    /// `--state-shutoff`
    pub shutoff: bool,
    /// `--persistent`
    pub persistent: bool,
    /// `--transient`
    pub transient: bool,
    /// `--uuid`: the UUIDs.
    pub uuid: bool,
    /// `--id`: the Ids.
    pub id: bool,
    /// `--name`: the names.
    pub name: bool,
    /// `--table` (the default; refused with `--uuid`, `--id` or `--name`).
    pub table: bool,
}

impl ListFilter {
    /// Whether a domain in `state` is listed.
    pub fn shows(&self, state: VmState) -> bool {
        let inactive = self.inactive || self.shutoff;
        let by_activity = if state.is_active() {
            self.all || !inactive
        } else {
            self.all || inactive
        };
        let by_state = match state {
            _ if !(self.running || self.paused || self.shutoff) => true,
            VmState::Running => self.running,
            VmState::Paused => self.paused,
            VmState::Stopped => self.shutoff,
        };
        // Every domain is persistent: only `--transient` without `--persistent` leaves it out.
        let by_persistence = self.persistent || !self.transient;
        by_activity && by_state && by_persistence
    }

    /// The options, in the order `list`'s synopsis gives them, as typed in a line.
    fn options(self) -> String {
        flags(&[
            (self.inactive, " --inactive"),
            (self.all, " --all"),
            (self.transient, " --transient"),
            (self.persistent, " --persistent"),
            (self.running, " --state-running"),
            (self.paused, " --state-paused"),
            (self.shutoff, " --state-shutoff"),
            (self.uuid, " --uuid"),
            (self.name, " --name"),
            (self.id, " --id"),
            (self.table, " --table"),
        ])
    }
}

/// `--config`, `--live` and `--current` as typed: which of a domain's configs a change goes
/// to. None, or `--current`: the running domain's if it is active, else its config.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope {
    /// `--config`: the next boot's config (pending while the domain is active).
    pub config: bool,
    /// `--live`: the running domain, until it stops.
    pub live: bool,
    /// `--current`: whichever the domain's state means.
    pub current: bool,
}

impl Scope {
    /// Just `--config`.
    pub const CONFIG: Scope = Scope {
        config: true,
        live: false,
        current: false,
    };

    /// The options, as typed in a line: `" --config --live"`.
    fn options(self) -> String {
        flags(&[
            (self.config, " --config"),
            (self.live, " --live"),
            (self.current, " --current"),
        ])
    }
}

/// `line` followed by the snapshot it names, if any, and `--current` if given.
fn pick_snapshot(mut line: String, snapshot: &Option<String>, current: bool) -> String {
    if let Some(snapshot) = snapshot {
        line.push_str(&format!(" {}", quote(snapshot)));
    }
    if current {
        line.push_str(" --current");
    }
    line
}

/// The options of `flags` that are on, in order, as typed in a line.
fn flags(flags: &[(bool, &str)]) -> String {
    flags
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, option)| *option)
        .collect()
}

/// A parsed console command. Arguments are kept as typed: names and values are checked when
/// the command runs, by the manager, as for the GUI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// An empty line or a comment: does nothing.
    Nothing,
    /// `list [--inactive] [--all] [--transient] [--persistent] [--state-running]
    /// [--state-paused] [--state-shutoff] [--uuid] [--name] [--id] [--table]`
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
    /// `undefine NAME [--snapshots-metadata]`: delete (a VM with snapshots only with the flag,
    /// which deletes them too).
    Undefine {
        /// The VM.
        name: String,
        /// Whether its snapshots go with it.
        snapshots_metadata: bool,
    },
    /// `snapshot-create-as VM [NAME] [DESCRIPTION]` (each also as `--name`, `--description`)
    SnapshotCreate {
        /// The VM.
        domain: String,
        /// The snapshot's name; without one, as in virsh, the time in seconds since 1970.
        name: Option<String>,
        /// Its description, if given.
        description: Option<String>,
    },
    /// `snapshot-list VM [--parent] [--roots] [--leaves] [--tree] [--name]`
    SnapshotList {
        /// The VM.
        domain: String,
        /// With a Parent column.
        parent: bool,
        /// `--roots`: only the snapshots without a parent.
        roots: bool,
        /// `--leaves`: only the snapshots without children.
        leaves: bool,
        /// As a tree.
        tree: bool,
        /// `--name`: only the names, one a line.
        name: bool,
    },
    /// `snapshot-current VM [--name]`
    SnapshotCurrent {
        /// The VM.
        domain: String,
        /// `--name` (the simulator prints only the name either way).
        name: bool,
    },
    /// `snapshot-info VM {SNAPSHOT | --current}`
    SnapshotInfo {
        /// The VM.
        domain: String,
        /// The snapshot named.
        snapshot: Option<String>,
        /// `--current`: the current snapshot (virsh wants this or a name, not both).
        current: bool,
    },
    /// `snapshot-revert VM {SNAPSHOT | --current}`
    SnapshotRevert {
        /// The VM.
        domain: String,
        /// The snapshot named.
        snapshot: Option<String>,
        /// `--current`: the current snapshot.
        current: bool,
    },
    /// `snapshot-delete VM {SNAPSHOT | --current} [--children]`
    SnapshotDelete {
        /// The VM.
        domain: String,
        /// The snapshot named.
        snapshot: Option<String>,
        /// `--current`: the current snapshot.
        current: bool,
        /// Its whole subtree.
        children: bool,
    },
    /// `virt-clone --original SRC [--name NEW] [--auto-clone]`: virt-clone, typed as in a
    /// shell.
    VirtClone {
        /// The VM to clone (empty if not given).
        original: String,
        /// The clone's name, if given.
        name: Option<String>,
        /// `--auto-clone`.
        auto_clone: bool,
    },
    /// `dominfo NAME`
    DomInfo(String),
    /// `nodeinfo`: the host's CPUs and memory.
    NodeInfo,
    /// `dommemstat NAME`: the guest's memory statistics.
    DomMemStat(String),
    /// `domstats [NAME...]`: each guest's statistics (state, CPU, balloon, vCPUs), in the
    /// order named (a name twice, twice); none named, every guest's.
    DomStats(Vec<String>),
    /// `domstate NAME [--reason]`
    DomState {
        /// The VM.
        name: String,
        /// Whether to print why it is in its state.
        reason: bool,
    },
    /// `domid NAME`: the VM's Id.
    DomId(String),
    /// `domname ID`: the name of the VM with that Id or UUID.
    DomName(String),
    /// `domuuid NAME`: the VM's UUID.
    DomUuid(String),
    /// `dumpxml NAME [--inactive]`
    DumpXml {
        /// The VM.
        name: String,
        /// Whether to show the next boot's config rather than the running one.
        inactive: bool,
    },
    /// `setmem NAME SIZE [--config] [--live] [--current]`
    SetMem {
        /// The VM.
        name: String,
        /// The size as typed (KiB unless suffixed): read when the command runs, as virsh
        /// does, after the VM is found.
        size: String,
        /// Which config it changes.
        scope: Scope,
    },
    /// `setmaxmem NAME SIZE [--config] [--live] [--current]`
    SetMaxMem {
        /// The VM.
        name: String,
        /// The size as typed (KiB unless suffixed).
        size: String,
        /// Which config it changes.
        scope: Scope,
    },
    /// `setvcpus NAME COUNT [--maximum] [--config] [--live] [--current]`
    SetVcpus {
        /// The VM.
        name: String,
        /// The count as typed.
        count: String,
        /// Whether it sets the maximum (with `--config`).
        maximum: bool,
        /// Which config it changes.
        scope: Scope,
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
    /// `undo` (not in virsh): takes back the last change made in this tab.
    Undo,
    /// `redo` (not in virsh): makes the last undone change again.
    Redo,
    /// Commands separated by `;` (two or more, none a sequence or [`Command::Nothing`]): run
    /// in order, each whatever the others did, as virsh runs them.
    Sequence(Vec<Command>),
}

impl Command {
    /// The command as a line that [`parse`](super::parse()) reads back as this command
    /// (without a leading `virsh`). Names and paths are quoted when they need it; `create`
    /// writes only the options that differ from the defaults.
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
            Command::List(filter) => format!("list{}", filter.options()),
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
            Command::Undefine {
                name,
                snapshots_metadata,
            } => {
                let flag = if *snapshots_metadata {
                    " --snapshots-metadata"
                } else {
                    ""
                };
                format!("{}{flag}", named("undefine", name))
            }
            Command::SnapshotCreate {
                domain,
                name,
                description,
            } => {
                let mut line = named("snapshot-create-as", domain);
                if let Some(name) = name {
                    line.push_str(&format!(" {}", quote(name)));
                }
                if let Some(description) = description {
                    line.push_str(&format!(" --description {}", quote(description)));
                }
                line
            }
            Command::SnapshotList {
                domain,
                parent,
                roots,
                leaves,
                tree,
                name,
            } => {
                let options = flags(&[
                    (*parent, " --parent"),
                    (*roots, " --roots"),
                    (*leaves, " --leaves"),
                    (*tree, " --tree"),
                    (*name, " --name"),
                ]);
                format!("{}{options}", named("snapshot-list", domain))
            }
            Command::SnapshotCurrent { domain, name } => {
                let flag = if *name { " --name" } else { "" };
                format!("{}{flag}", named("snapshot-current", domain))
            }
            Command::SnapshotInfo {
                domain,
                snapshot,
                current,
            } => pick_snapshot(named("snapshot-info", domain), snapshot, *current),
            Command::SnapshotRevert {
                domain,
                snapshot,
                current,
            } => pick_snapshot(named("snapshot-revert", domain), snapshot, *current),
            Command::SnapshotDelete {
                domain,
                snapshot,
                current,
                children,
            } => {
                let flag = if *children { " --children" } else { "" };
                let line = named("snapshot-delete", domain);
                format!("{}{flag}", pick_snapshot(line, snapshot, *current))
            }
            Command::VirtClone {
                original,
                name,
                auto_clone,
            } => {
                let mut line = format!("virt-clone --original {}", quote(original));
                if let Some(name) = name {
                    line.push_str(&format!(" --name {}", quote(name)));
                }
                if *auto_clone {
                    line.push_str(" --auto-clone");
                }
                line
            }
            Command::DomInfo(name) => named("dominfo", name),
            Command::NodeInfo => "nodeinfo".to_owned(),
            Command::DomMemStat(name) => named("dommemstat", name),
            Command::DomStats(names) => std::iter::once("domstats".to_owned())
                .chain(names.iter().map(|name| quote(name)))
                .collect::<Vec<_>>()
                .join(" "),
            Command::DomState { name, reason } => {
                let flag = if *reason { " --reason" } else { "" };
                format!("{}{flag}", named("domstate", name))
            }
            Command::DomId(name) => named("domid", name),
            Command::DomName(name) => named("domname", name),
            Command::DomUuid(name) => named("domuuid", name),
            Command::DumpXml { name, inactive } => {
                let flag = if *inactive { " --inactive" } else { "" };
                format!("{}{flag}", named("dumpxml", name))
            }
            Command::SetMem { name, size, scope } => format!(
                "{} {}{}",
                named("setmem", name),
                quote(size),
                scope.options()
            ),
            Command::SetMaxMem { name, size, scope } => format!(
                "{} {}{}",
                named("setmaxmem", name),
                quote(size),
                scope.options()
            ),
            Command::SetVcpus {
                name,
                count,
                maximum,
                scope,
            } => {
                let flag = if *maximum { " --maximum" } else { "" };
                format!(
                    "{} {}{flag}{}",
                    named("setvcpus", name),
                    quote(count),
                    scope.options()
                )
            }
            Command::DomRename { old, new } => {
                format!("{} {}", named("domrename", old), quote(new))
            }
            Command::Help(None) => "help".to_owned(),
            Command::Help(Some(topic)) => named("help", topic),
            Command::Clear => "clear".to_owned(),
            Command::History => "history".to_owned(),
            Command::Undo => "undo".to_owned(),
            Command::Redo => "redo".to_owned(),
            Command::Sequence(commands) => commands
                .iter()
                .map(Command::to_line)
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}
