//! The console line for a GUI action, so that students learn the commands by clicking.

use super::command::{Command, Scope};
use super::lex::quote;
use crate::i18n::{fill, Lang};
use crate::manager::{NewSnapshot, SnapshotDeletion, Transition, VmConfig};

/// Something done in the GUI (or the JS API) that the console mirrors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuiAction<'a> {
    /// A VM was created, and started unless `start` is false.
    Create {
        /// Its config.
        config: &'a VmConfig,
        /// Whether it was started.
        start: bool,
    },
    /// A lifecycle button.
    Transition {
        /// The VM.
        name: &'a str,
        /// What was done.
        transition: Transition,
    },
    /// A VM was deleted.
    Delete {
        /// The VM.
        name: &'a str,
        /// Whether its snapshots were deleted with it (it had some).
        snapshots: bool,
    },
    /// A snapshot was taken.
    SnapshotCreate(NewSnapshot<'a>),
    /// The VM was reverted to a snapshot.
    SnapshotRevert {
        /// The VM.
        vm: &'a str,
        /// The snapshot.
        name: &'a str,
    },
    /// A snapshot (with `children`, its subtree) was deleted.
    SnapshotDelete(SnapshotDeletion<'a>),
    /// A VM was cloned (virt-clone).
    Clone {
        /// The original.
        original: &'a str,
        /// The clone's name.
        name: &'a str,
    },
    /// The edit dialog was saved.
    Update {
        /// The VM's name before the edit.
        name: &'a str,
        /// The config the dialog started from (the pending one, if the VM had one).
        from: &'a VmConfig,
        /// The config saved.
        to: &'a VmConfig,
    },
    /// The pending config was discarded.
    DiscardPending {
        /// The VM.
        name: &'a str,
    },
}

/// The virsh command of a lifecycle transition: the one word the console, the event log, the
/// diagram and the buttons share for it.
///
/// ```
/// use vm_playground::console::virsh_name;
/// use vm_playground::Transition;
/// assert_eq!(virsh_name(Transition::Stop), "shutdown");
/// ```
pub fn virsh_name(transition: Transition) -> &'static str {
    match transition {
        Transition::Start => "start",
        Transition::Stop => "shutdown",
        Transition::Pause => "suspend",
        Transition::Resume => "resume",
    }
}

/// The console lines equivalent to `action`, each starting with `virsh `: usually one, as in
/// `virsh start web-01` or `virsh create web-02 --memory 2048 --vcpus 2` (only the options
/// that differ from the defaults).
///
/// An edit becomes the commands for the fields that have some (`domrename`; `setmaxmem` and
/// `setmem` with `--config` in virsh's units, `2048M`; `setvcpus --maximum --config` and
/// `setvcpus --config`), plus a comment line (starting with `# `, which the console ignores) listing
/// the fields no console command changes: `# virsh edit web-01: disk size 10 → 20 GB`. An
/// edit that changes nothing gives no lines. Discarding pending changes, which has no virsh
/// command, gives a comment line.
///
/// Every line except the comments parses back (with [`parse`](super::parse)) to the command
/// it stands for.
///
/// ```
/// use vm_playground::console::{command_for, GuiAction};
/// use vm_playground::Transition;
/// let lines = command_for(&GuiAction::Transition { name: "my vm", transition: Transition::Pause });
/// assert_eq!(lines, ["virsh suspend 'my vm'"]);
/// ```
pub fn command_for(action: &GuiAction<'_>) -> Vec<String> {
    command_for_in(action, Lang::En)
}

/// [`command_for`] with its comments in `lang` (the commands are syntax).
pub fn command_for_in(action: &GuiAction<'_>, lang: Lang) -> Vec<String> {
    let t = lang.console();
    let virsh = |command: Command| format!("virsh {}", command.to_line());
    match *action {
        GuiAction::Create { config, start } => vec![virsh(Command::Create {
            config: config.clone(),
            start,
        })],
        GuiAction::Transition { name, transition } => {
            let name = name.to_owned();
            vec![virsh(match transition {
                Transition::Start => Command::Start(name),
                Transition::Stop => Command::Shutdown(name),
                Transition::Pause => Command::Suspend(name),
                Transition::Resume => Command::Resume(name),
            })]
        }
        GuiAction::Delete { name, snapshots } => vec![virsh(Command::Undefine {
            name: name.to_owned(),
            snapshots_metadata: snapshots,
        })],
        GuiAction::SnapshotCreate(NewSnapshot {
            vm,
            name,
            description,
        }) => vec![virsh(Command::SnapshotCreate {
            domain: vm.to_owned(),
            name: Some(name.to_owned()),
            description: (!description.is_empty()).then(|| description.to_owned()),
        })],
        GuiAction::SnapshotRevert { vm, name } => vec![virsh(Command::SnapshotRevert {
            domain: vm.to_owned(),
            snapshot: Some(name.to_owned()),
            current: false,
        })],
        GuiAction::SnapshotDelete(SnapshotDeletion { vm, name, children }) => {
            vec![virsh(Command::SnapshotDelete {
                domain: vm.to_owned(),
                snapshot: Some(name.to_owned()),
                current: false,
                children,
            })]
        }
        // virt-clone is a tool of its own, not a virsh command.
        GuiAction::Clone { original, name } => vec![Command::VirtClone {
            original: original.to_owned(),
            name: Some(name.to_owned()),
            auto_clone: true,
        }
        .to_line()],
        GuiAction::Update { name, from, to } => {
            let mut lines = Vec::new();
            if to.name != name {
                lines.push(virsh(Command::DomRename {
                    old: name.to_owned(),
                    new: to.name.clone(),
                }));
            }
            // The GUI's memory and vCPUs are the VM's maximum and current alike: a raise
            // lifts the maximum first, a cut lowers the current first, as virsh requires.
            if to.memory != from.memory {
                let size = format!("{}M", to.memory);
                let max = virsh(Command::SetMaxMem {
                    name: to.name.clone(),
                    size: size.clone(),
                    scope: Scope::CONFIG,
                });
                let current = virsh(Command::SetMem {
                    name: to.name.clone(),
                    size,
                    scope: Scope::CONFIG,
                });
                lines.extend(in_order(to.memory > from.memory, max, current));
            }
            if to.vcpus != from.vcpus {
                let vcpus = |maximum: bool| {
                    virsh(Command::SetVcpus {
                        name: to.name.clone(),
                        count: to.vcpus.to_string(),
                        maximum,
                        scope: Scope::CONFIG,
                    })
                };
                lines.extend(in_order(to.vcpus > from.vcpus, vcpus(true), vcpus(false)));
            }
            let rest = lang.config_changes(
                &VmConfig {
                    name: to.name.clone(),
                    memory: to.memory,
                    vcpus: to.vcpus,
                    ..from.clone()
                },
                to,
            );
            if !rest.is_empty() {
                lines.push(fill(
                    t.mirror_edit,
                    &[("name", &quote(&to.name)), ("changes", &rest.join(", "))],
                ));
            }
            lines
        }
        GuiAction::DiscardPending { name } => {
            vec![fill(t.mirror_discard, &[("name", &quote(name))])]
        }
    }
}

/// The maximum's line and the current's, maximum first when `raise`.
fn in_order(raise: bool, max: String, current: String) -> [String; 2] {
    if raise {
        [max, current]
    } else {
        [current, max]
    }
}
