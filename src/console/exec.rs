//! Running a [`Command`] on a [`ConsoleBackend`] and printing what virsh would.

use super::format::{changes, dominfo, help_command, help_list, list_table, state_word};
use super::parse::{Command, ConsoleError};
use super::spec::suggest_command;
use super::ConsoleBackend;
use crate::event_log::{Event, Source};
use crate::manager::{ConfigUpdate, Operation, Refusal, Transition, VmConfig, VmError, VmState};

/// What the UI must do besides printing, for the commands that act on the console itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// `clear`: empty the output.
    Clear,
    /// `history`: print the console's history, e.g. with
    /// [`format_history`](super::format_history). The console keeps the history, not
    /// [`execute`].
    ShowHistory,
}

/// An operation a command performed or tried, for the event log.
///
/// `op` uses the core's words, so that the log reads the same whichever way an operation came
/// in: `create`, `start`, `stop` (shutdown), `destroy`, `pause` (suspend), `resume`,
/// `reboot`, `delete` (undefine), `update` (setmem, setvcpus), `rename` (domrename).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpRecord {
    /// The VM's name as typed (the old name for a rename).
    pub vm: String,
    /// The operation.
    pub op: &'static str,
    /// `None` if it succeeded, else the core's message ("cannot start 'x': it is already
    /// running"), as the GUI would log it.
    pub error: Option<String>,
}

impl OpRecord {
    /// The event to log, at `at` (ms since the epoch).
    pub fn to_event(&self, at: u64, source: Source) -> Event {
        let outcome = match &self.error {
            None => Ok(()),
            Some(error) => Err(error.clone()),
        };
        Event::new(at, &self.vm, self.op, outcome, source)
    }
}

/// What a command printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// The lines to print, in order (an empty string is an empty line).
    pub lines: Vec<String>,
    /// Whether the command failed (the lines are then error messages: show them as such).
    pub error: bool,
    /// What the UI must do besides printing.
    pub effect: Option<Effect>,
    /// The operation performed or refused, if the command is one (list, dominfo, help... are
    /// not): what to add to the event log.
    pub record: Option<OpRecord>,
}

impl Output {
    fn printed(lines: Vec<String>) -> Output {
        Output {
            lines,
            ..Output::default()
        }
    }

    fn failed(lines: Vec<String>) -> Output {
        Output {
            lines,
            error: true,
            ..Output::default()
        }
    }

    /// The lines joined with newlines.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

impl From<ConsoleError> for Output {
    fn from(error: ConsoleError) -> Output {
        Output::failed(error.lines())
    }
}

/// Runs `command` on `backend`.
///
/// Messages follow virsh's: "Domain 'web-01' started"; a refused operation prints "error:
/// Failed to start domain 'web-01'" and then the reason, "error: Requested operation is not
/// valid: domain is already active"; an unknown VM, "error: failed to get domain 'x'".
/// `clear` and `history` only return an [`Effect`].
///
/// ```
/// use vm_playground::console::{execute, parse};
/// use vm_playground::MockVmManager;
/// let manager = MockVmManager::new();
/// let output = execute(&parse("create web-01 --memory 2048").unwrap(), &manager);
/// assert_eq!(output.lines, ["Domain 'web-01' created"]);
/// let output = execute(&parse("start web-01").unwrap(), &manager);
/// assert!(output.error);
/// assert_eq!(output.lines[1], "error: Requested operation is not valid: domain is already active");
/// ```
pub fn execute(command: &Command, backend: &dyn ConsoleBackend) -> Output {
    match command {
        Command::Nothing => Output::default(),
        Command::List(filter) => match backend.infos() {
            Ok(infos) => {
                let ids = backend.domain_ids(&infos);
                Output::printed(list_table(&infos, &ids, |state| filter.shows(state)))
            }
            Err(error) => Output::failed(cause(&error)),
        },
        Command::Create { config, start } => {
            let (verb, done) = if *start {
                ("create", "created")
            } else {
                ("define", "defined")
            };
            let name = &config.name;
            let result = backend
                .create(config.clone(), *start)
                .map(|()| vec![format!("Domain '{name}' {done}")]);
            finish(name, "create", Some(verb), result)
        }
        Command::Start(name) => lifecycle(backend, name, Transition::Start, "start", "started"),
        Command::Shutdown(name) => lifecycle(
            backend,
            name,
            Transition::Stop,
            "shutdown",
            "is being shutdown",
        ),
        Command::Destroy(name) => {
            let result = backend
                .transition(name, Transition::Stop)
                .map(|_| vec![format!("Domain '{name}' destroyed")]);
            finish(name, "destroy", Some("destroy"), result)
        }
        Command::Suspend(name) => {
            lifecycle(backend, name, Transition::Pause, "suspend", "suspended")
        }
        Command::Resume(name) => lifecycle(backend, name, Transition::Resume, "resume", "resumed"),
        Command::Reboot(name) => reboot(backend, name),
        Command::Undefine(name) => {
            let result = backend
                .delete(name)
                .map(|()| vec![format!("Domain '{name}' has been undefined")]);
            finish(name, "delete", Some("undefine"), result)
        }
        Command::DomInfo(name) => match backend.info(name) {
            Ok(info) => {
                let id = backend
                    .infos()
                    .ok()
                    .and_then(|infos| backend.domain_ids(&infos).get(name));
                Output::printed(dominfo(&info, id))
            }
            Err(error) => Output::failed(failure(&error, None, name)),
        },
        Command::DomState(name) => match backend.info(name) {
            Ok(info) => Output::printed(vec![state_word(info.state).to_owned()]),
            Err(error) => Output::failed(failure(&error, None, name)),
        },
        Command::SetMem { name, memory } => {
            set_field(backend, name, "memory", format!("{memory} MB"), |config| {
                config.memory = *memory
            })
        }
        Command::SetVcpus { name, vcpus } => {
            set_field(backend, name, "vCPUs", vcpus.to_string(), |config| {
                config.vcpus = *vcpus
            })
        }
        Command::DomRename { old, new } => rename(backend, old, new),
        Command::Help(None) => Output::printed(help_list()),
        Command::Help(Some(topic)) => match help_command(topic) {
            Some(lines) => Output::printed(lines),
            None => ConsoleError::UnknownHelpTopic {
                word: topic.clone(),
                suggestion: suggest_command(topic),
            }
            .into(),
        },
        Command::Clear => Output {
            effect: Some(Effect::Clear),
            ..Output::default()
        },
        Command::History => Output {
            effect: Some(Effect::ShowHistory),
            ..Output::default()
        },
    }
}

/// A transition whose virsh verb is also its failure verb ("Failed to start domain").
fn lifecycle(
    backend: &dyn ConsoleBackend,
    name: &str,
    transition: Transition,
    verb: &str,
    done: &str,
) -> Output {
    let result = backend
        .transition(name, transition)
        .map(|_| vec![format!("Domain '{name}' {done}")]);
    finish(name, transition.operation().verb(), Some(verb), result)
}

/// The output of an operation on `name`, with its record for the event log.
fn finish(
    name: &str,
    op: &'static str,
    verb: Option<&str>,
    result: Result<Vec<String>, VmError>,
) -> Output {
    let (mut output, error) = match result {
        Ok(lines) => (Output::printed(lines), None),
        Err(error) => (
            Output::failed(failure(&error, verb, name)),
            Some(error.to_string()),
        ),
    };
    output.record = Some(OpRecord {
        vm: name.to_owned(),
        op,
        error,
    });
    output
}

/// virsh's lines for a failed operation: "error: failed to get domain 'x'" for an unknown VM,
/// else "error: Failed to VERB domain 'x'" (for the commands where virsh prints it) and the
/// reason.
fn failure(error: &VmError, verb: Option<&str>, name: &str) -> Vec<String> {
    if matches!(error, VmError::NotFound { .. }) {
        return cause(error);
    }
    let mut lines: Vec<String> = verb
        .map(|verb| format!("error: Failed to {verb} domain '{name}'"))
        .into_iter()
        .collect();
    lines.extend(cause(error));
    lines
}

/// The reason line, in libvirt's words where it has some.
fn cause(error: &VmError) -> Vec<String> {
    let line = match error {
        VmError::NotFound { name } => format!("error: failed to get domain '{name}'"),
        VmError::AlreadyExists { name } => {
            format!("error: operation failed: domain '{name}' already exists")
        }
        VmError::InvalidTransition {
            operation, state, ..
        } => match operation.refusal(*state) {
            Some(refusal) => format!(
                "error: Requested operation is not valid: {}",
                virsh_reason(refusal)
            ),
            None => format!("error: {error}"),
        },
        VmError::InvalidConfig { .. }
        | VmError::Closed
        | VmError::InvalidSnapshot { .. }
        | VmError::RecordOutOfRange { .. } => {
            format!("error: {error}")
        }
    };
    vec![line]
}

/// libvirt's reason for a refused operation.
fn virsh_reason(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::AlreadyRunning | Refusal::PausedNotStopped => "domain is already active",
        Refusal::NotRunning => "domain is not running",
        Refusal::AlreadyPaused => "domain is already paused",
        Refusal::NotPaused => "domain is not paused",
        Refusal::RenameActive(_) => "cannot rename active domain",
    }
}

/// `reboot`: a running VM is stopped (applying any pending config) and started again.
fn reboot(backend: &dyn ConsoleBackend, name: &str) -> Output {
    let info = match backend.info(name) {
        Ok(info) => info,
        Err(error) => return finish(name, "reboot", Some("reboot"), Err(error)),
    };
    if info.state != VmState::Running {
        let mut output = Output::failed(vec![
            format!("error: Failed to reboot domain '{name}'"),
            format!(
                "error: Requested operation is not valid: {}",
                virsh_reason(Refusal::NotRunning)
            ),
        ]);
        output.record = Some(OpRecord {
            vm: name.to_owned(),
            op: "reboot",
            error: Some(format!(
                "cannot reboot '{name}': it is {}; only a running VM can be rebooted",
                info.state
            )),
        });
        return output;
    }
    let result = backend.reboot(name).map(|_| {
        let mut lines = vec![format!("Domain '{name}' is being rebooted")];
        if let Some(pending) = &info.pending {
            lines.push(format!(
                "Pending changes applied: {}",
                changes(&info.config, pending).join(", ")
            ));
        }
        lines
    });
    finish(name, "reboot", Some("reboot"), result)
}

/// `setmem` and `setvcpus`: change one field of the config the VM will have next (its
/// pending config if it has one), through the backend's update.
fn set_field(
    backend: &dyn ConsoleBackend,
    name: &str,
    what: &str,
    value: String,
    change: impl FnOnce(&mut VmConfig),
) -> Output {
    let info = match backend.info(name) {
        Ok(info) => info,
        Err(error) => return finish(name, "update", None, Err(error)),
    };
    let mut config = info.pending.clone().unwrap_or_else(|| info.config.clone());
    change(&mut config);
    let result = backend.update(name, config).map(|outcome| {
        let line = match outcome {
            ConfigUpdate::Applied => format!("Domain '{name}' {what} set to {value}"),
            ConfigUpdate::Pending => {
                format!("Domain '{name}' {what} set to {value} (takes effect at next stop)")
            }
            ConfigUpdate::Unchanged if info.pending.is_some() => format!(
                "Domain '{name}' {what} set to {value}, the running value: \
                 no change is pending any more"
            ),
            ConfigUpdate::Unchanged => format!("Domain '{name}' {what} is already {value}"),
        };
        vec![line]
    });
    finish(name, "update", None, result)
}

/// `domrename`: only a shut off VM may be renamed.
fn rename(backend: &dyn ConsoleBackend, old: &str, new: &str) -> Output {
    let info = match backend.info(old) {
        Ok(info) => info,
        Err(error) => return finish(old, "rename", None, Err(error)),
    };
    if info.state.is_active() {
        // The core refuses this too; deciding here also covers renaming to the same name.
        let error = VmError::InvalidTransition {
            name: old.to_owned(),
            operation: Operation::Rename,
            state: info.state,
        };
        return finish(old, "rename", None, Err(error));
    }
    let config = VmConfig {
        name: new.to_owned(),
        ..info.config
    };
    let result = backend.update(old, config).map(|outcome| match outcome {
        ConfigUpdate::Applied => vec!["Domain successfully renamed".to_owned()],
        ConfigUpdate::Pending | ConfigUpdate::Unchanged => {
            vec![format!("Domain '{old}' already has that name")]
        }
    });
    finish(old, "rename", None, result)
}
