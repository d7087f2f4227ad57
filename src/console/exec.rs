//! Running a [`Command`] on a [`ConsoleBackend`] and printing what virsh would.

use super::facts::{Facts, Reason};
use super::format::{
    domain_xml, dominfo, dommemstat, domstats, fake_uuid, help_command, help_group, help_list,
    list_table, nodeinfo, state_word,
};
use super::parse::{Command, ConsoleError, Scope};
use super::spec::{suggest_command, Group};
use super::units::{count, scaled_kib};
use super::ConsoleBackend;
use crate::event_log::{Event, Source};
use crate::manager::{
    ConfigField, ConfigProblem, Operation, Refusal, Resource, Transition, VmConfig, VmError,
    VmInfo, VmState, MEMORY_MB, VCPUS,
};

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
/// `reboot`, `delete` (undefine), `update` (setmem, setvcpus), `rename` (domrename); and
/// virsh's for what only the console does: `setmaxmem`.
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
/// Output and errors are virsh's, character for character where the simulator has the same
/// facts: "Domain 'web-01' started"; a refused operation prints "error: Failed to suspend
/// domain 'web-01'" and then the reason in libvirt's QEMU driver's words, "error: Requested
/// operation is not valid: domain is not running"; an unknown VM, "error: failed to get domain
/// 'x'". A domain may be named by its name, Id or UUID where virsh allows it. `clear` and
/// `history` only return an [`Effect`].
///
/// ```
/// use vm_playground::console::{execute, parse};
/// use vm_playground::MockVmManager;
/// let manager = MockVmManager::new();
/// let output = execute(&parse("create web-01 --memory 2048").unwrap(), &manager);
/// assert_eq!(output.lines, ["Domain 'web-01' created"]);
/// let output = execute(&parse("start web-01").unwrap(), &manager);
/// assert!(output.error);
/// assert_eq!(output.lines, ["error: Domain is already active"]);
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
            if result.is_ok() && *start {
                set_reason(backend, name, VmState::Running, Reason::Booted);
            }
            finish(name, "create", Some(verb), result)
        }
        Command::Start(arg) => start(backend, arg),
        Command::Shutdown(arg) => lifecycle(
            backend,
            arg,
            Transition::Stop,
            ("shutdown", "is being shutdown"),
            Reason::Shutdown,
        ),
        Command::Destroy(arg) => lifecycle(
            backend,
            arg,
            Transition::Stop,
            ("destroy", "destroyed"),
            Reason::Destroyed,
        ),
        Command::Suspend(arg) => lifecycle(
            backend,
            arg,
            Transition::Pause,
            ("suspend", "suspended"),
            Reason::User,
        ),
        Command::Resume(arg) => lifecycle(
            backend,
            arg,
            Transition::Resume,
            ("resume", "resumed"),
            Reason::Unpaused,
        ),
        Command::Reboot(arg) => reboot(backend, arg),
        Command::Undefine(arg) => match resolve(backend, arg, Lookup::ANY) {
            Ok(info) => {
                let name = &info.config.name;
                let result = backend
                    .delete(name)
                    .map(|()| vec![format!("Domain '{arg}' has been undefined")]);
                finish(name, "delete", Some("undefine"), result)
            }
            Err(error) => finish(arg, "delete", Some("undefine"), Err(error)),
        },
        Command::DomInfo(arg) => read(backend, arg, Lookup::ANY, |info| {
            let name = &info.config.name;
            dominfo(
                info,
                domain_id(backend, name),
                &backend.facts(name),
                backend.now(),
            )
        }),
        Command::NodeInfo => match backend.host_info() {
            Ok(info) => Output::printed(nodeinfo(&info)),
            Err(error) => Output::failed(cause(&error)),
        },
        Command::DomMemStat(arg) => match resolve(backend, arg, Lookup::ANY) {
            Ok(info) if !info.state.is_active() => {
                Output::failed(vec![not_valid("domain is not running")])
            }
            Ok(info) => {
                let actual = live_kib(backend, &info);
                Output::printed(dommemstat(&info, actual, backend.sim_time()))
            }
            Err(error) => Output::failed(cause(&error)),
        },
        Command::DomStats(arg) => read(backend, arg, Lookup::ANY, |info| {
            let facts = backend.facts(&info.config.name);
            domstats(info, &facts, live_kib(backend, info), backend.sim_time())
        }),
        Command::DomState { name: arg, reason } => read(backend, arg, Lookup::ANY, |info| {
            let word = state_word(info.state);
            if !reason {
                return vec![word.to_owned()];
            }
            let facts = backend.facts(&info.config.name);
            let why = facts.reason_for(info.state).map_or("unknown", Reason::word);
            vec![format!("{word} ({why})")]
        }),
        Command::DomId(arg) => read(backend, arg, Lookup::NAME_OR_UUID, |info| {
            let id = domain_id(backend, &info.config.name);
            vec![id.map_or_else(|| "-".to_owned(), |id| id.to_string())]
        }),
        Command::DomName(arg) => read(backend, arg, Lookup::ID_OR_UUID, |info| {
            vec![info.config.name.clone()]
        }),
        Command::DomUuid(arg) => read(backend, arg, Lookup::ID_OR_NAME, |info| {
            vec![fake_uuid(&info.config.name)]
        }),
        Command::DumpXml {
            name: arg,
            inactive,
        } => read(backend, arg, Lookup::ANY, |info| {
            let name = &info.config.name;
            let facts = backend.facts(name);
            if *inactive || !info.state.is_active() {
                let next = info.pending.as_ref().unwrap_or(&info.config);
                domain_xml(next, &facts, None)
            } else {
                domain_xml(&info.config, &facts, Some(domain_id(backend, name)))
            }
        }),
        Command::SetMem { name, size, scope } => set_memory(backend, name, size, *scope),
        Command::SetMaxMem { name, size, scope } => set_max_memory(backend, name, size, *scope),
        Command::SetVcpus {
            name,
            count,
            maximum,
            scope,
        } => set_vcpus(backend, name, count, *maximum, *scope),
        Command::DomRename { old, new } => rename(backend, old, new),
        Command::Help(None) => Output::printed(help_list()),
        Command::Help(Some(topic)) => {
            let group = Group::ALL.iter().find(|group| group.keyword() == topic);
            match (group, help_command(topic)) {
                (Some(group), _) => Output::printed(help_group(*group)),
                (None, Some(lines)) => Output::printed(lines),
                (None, None) => ConsoleError::UnknownHelpTopic {
                    word: topic.clone(),
                    suggestion: suggest_command(topic),
                }
                .into(),
            }
        }
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

/// How a command may name its domain: virsh tries an Id, then a UUID, then a name, each where
/// the command allows it (`domname` takes no name, `domid` no Id).
#[derive(Debug, Clone, Copy)]
struct Lookup {
    id: bool,
    uuid: bool,
    name: bool,
}

impl Lookup {
    const ANY: Lookup = Lookup {
        id: true,
        uuid: true,
        name: true,
    };
    const NAME_OR_UUID: Lookup = Lookup {
        id: false,
        ..Lookup::ANY
    };
    const ID_OR_UUID: Lookup = Lookup {
        name: false,
        ..Lookup::ANY
    };
    const ID_OR_NAME: Lookup = Lookup {
        uuid: false,
        ..Lookup::ANY
    };
}

/// The VM `arg` names, or `NotFound` for `arg`. The list of VMs is read only for an Id or a
/// UUID, so a name costs one lookup however many VMs there are.
fn resolve(backend: &dyn ConsoleBackend, arg: &str, lookup: Lookup) -> Result<VmInfo, VmError> {
    let is_id = !arg.is_empty() && arg.bytes().all(|byte| byte.is_ascii_digit());
    let is_uuid = arg.len() == 36 && arg.bytes().filter(|byte| *byte == b'-').count() == 4;
    if (lookup.id && is_id) || (lookup.uuid && is_uuid) {
        let infos = backend.infos()?;
        if lookup.id && is_id {
            let ids = backend.domain_ids(&infos);
            let found = infos.iter().find(|info| {
                ids.get(&info.config.name).map(|id| id.to_string()) == Some(arg.into())
            });
            if let Some(info) = found {
                return Ok(info.clone());
            }
        }
        if lookup.uuid && is_uuid {
            let wanted = crate::present::fold_case(arg);
            if let Some(info) = infos
                .iter()
                .find(|info| fake_uuid(&info.config.name) == wanted)
            {
                return Ok(info.clone());
            }
        }
    }
    if lookup.name {
        if let Ok(info) = backend.info(arg) {
            return Ok(info);
        }
    }
    Err(VmError::NotFound {
        name: arg.to_owned(),
    })
}

/// The Id of `name`, if it is active.
fn domain_id(backend: &dyn ConsoleBackend, name: &str) -> Option<usize> {
    backend
        .infos()
        .ok()
        .and_then(|infos| backend.domain_ids(&infos).get(name))
}

/// A command that only reads: its lines for the VM `arg` names, or virsh's error.
fn read(
    backend: &dyn ConsoleBackend,
    arg: &str,
    lookup: Lookup,
    lines: impl FnOnce(&VmInfo) -> Vec<String>,
) -> Output {
    match resolve(backend, arg, lookup) {
        Ok(info) => Output::printed(lines(&info)),
        Err(error) => Output::failed(cause(&error)),
    }
}

/// The guest's current memory in KiB (what `setmem --live` set, else its config).
fn live_kib(backend: &dyn ConsoleBackend, info: &VmInfo) -> u64 {
    backend
        .facts(&info.config.name)
        .live_memory
        .unwrap_or(info.config.memory.saturating_mul(1024))
}

/// Records why `name` is in `state`, where the backend keeps facts.
fn set_reason(backend: &dyn ConsoleBackend, name: &str, state: VmState, reason: Reason) {
    let facts = Facts {
        reason: Some((state, reason)),
        ..backend.facts(name)
    };
    backend.set_facts(name, facts);
}

/// `start`: virsh itself checks that the domain is inactive, and says so in one line.
fn start(backend: &dyn ConsoleBackend, arg: &str) -> Output {
    let info = match resolve(backend, arg, Lookup::ANY) {
        Ok(info) => info,
        Err(error) => return finish(arg, "start", Some("start"), Err(error)),
    };
    let name = info.config.name.clone();
    if info.state.is_active() {
        let mut output = Output::failed(vec!["error: Domain is already active".to_owned()]);
        let error = VmError::InvalidTransition {
            name: name.clone(),
            operation: Operation::Start,
            state: info.state,
        };
        output.record = Some(OpRecord {
            vm: name,
            op: "start",
            error: Some(error.to_string()),
        });
        return output;
    }
    let result = backend
        .transition(&name, Transition::Start)
        .map(|_| vec![format!("Domain '{arg}' started")]);
    if result.is_ok() {
        set_reason(backend, &name, VmState::Running, Reason::Booted);
    }
    finish(&name, "start", Some("start"), result)
}

/// A transition: virsh's verb for it and its past ("suspend", "suspended"), and the reason
/// the domain then has.
fn lifecycle(
    backend: &dyn ConsoleBackend,
    arg: &str,
    transition: Transition,
    (verb, done): (&str, &str),
    reason: Reason,
) -> Output {
    let op = if reason == Reason::Destroyed {
        "destroy"
    } else {
        transition.operation().verb()
    };
    let info = match resolve(backend, arg, Lookup::ANY) {
        Ok(info) => info,
        Err(error) => return finish(arg, op, Some(verb), Err(error)),
    };
    let name = &info.config.name;
    let result = backend.transition(name, transition);
    if let Ok(state) = result {
        set_reason(backend, name, state, reason);
    }
    let result = result.map(|_| vec![format!("Domain '{arg}' {done}")]);
    finish_as(name, arg, op, Some(verb), result)
}

/// The output of an operation on `name`, with its record for the event log.
fn finish(
    name: &str,
    op: &'static str,
    verb: Option<&str>,
    result: Result<Vec<String>, VmError>,
) -> Output {
    finish_as(name, name, op, verb, result)
}

/// [`finish`] for a domain typed as `arg` (its Id or UUID, say): virsh's messages name it as
/// typed, the event log by name.
fn finish_as(
    name: &str,
    arg: &str,
    op: &'static str,
    verb: Option<&str>,
    result: Result<Vec<String>, VmError>,
) -> Output {
    let (mut output, error) = match result {
        Ok(lines) => (Output::printed(lines), None),
        Err(error) => (
            Output::failed(failure(&error, verb, arg)),
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

/// The reason line, in the words of libvirt's QEMU driver where it has some.
fn cause(error: &VmError) -> Vec<String> {
    let line = match error {
        VmError::NotFound { name } => format!("error: failed to get domain '{name}'"),
        VmError::AlreadyExists { name } => format!(
            "error: operation failed: domain '{name}' already exists with uuid {}",
            fake_uuid(name)
        ),
        VmError::InvalidTransition {
            operation, state, ..
        } => match operation.refusal(*state) {
            Some(refusal) => not_valid(virsh_reason(refusal)),
            None => format!("error: {error}"),
        },
        // QEMU's own words when it can't allocate the guest's RAM, then ours with the numbers.
        VmError::InsufficientResources {
            resource: Resource::Memory,
            ..
        } => format!(
            "error: internal error: cannot set up guest memory 'pc.ram': Cannot allocate memory ({error})"
        ),
        VmError::InsufficientResources { .. } | VmError::HostTooSmall { .. } => {
            format!("error: operation failed: {error}")
        }
        VmError::InvalidConfig { .. }
        | VmError::InvalidHost { .. }
        | VmError::InvalidHostValue { .. }
        | VmError::Closed
        | VmError::InvalidSnapshot { .. }
        | VmError::RecordOutOfRange { .. } => {
            format!("error: {error}")
        }
    };
    vec![line]
}

/// "error: Requested operation is not valid: ...", libvirt's error for an operation the
/// domain's state forbids.
fn not_valid(reason: &str) -> String {
    format!("error: Requested operation is not valid: {reason}")
}

/// libvirt's reason for a refused operation.
fn virsh_reason(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::AlreadyRunning | Refusal::PausedNotStopped => "domain is already active",
        // libvirt refuses to suspend a paused domain as one that is not running.
        Refusal::NotRunning | Refusal::AlreadyPaused => "domain is not running",
        Refusal::NotPaused => "domain is not paused",
        Refusal::RenameActive(_) => "cannot rename active domain",
    }
}

/// `reboot`: a running VM is stopped (applying any pending config) and started again.
fn reboot(backend: &dyn ConsoleBackend, arg: &str) -> Output {
    let info = match resolve(backend, arg, Lookup::ANY) {
        Ok(info) => info,
        Err(error) => return finish(arg, "reboot", Some("reboot"), Err(error)),
    };
    let name = &info.config.name;
    if info.state != VmState::Running {
        let mut output = Output::failed(vec![
            format!("error: Failed to reboot domain '{arg}'"),
            not_valid(virsh_reason(Refusal::NotRunning)),
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
    let result = backend.reboot(name);
    if result.is_ok() {
        set_reason(backend, name, VmState::Running, Reason::Booted);
    }
    let result = result.map(|_| vec![format!("Domain '{arg}' is being rebooted")]);
    finish_as(name, arg, "reboot", Some("reboot"), result)
}

/// Where a `--config`/`--live`/`--current` change goes for a domain that is active or not:
/// `(live, config)`. virsh's own check first: `--current` excludes the other two. With no
/// option at all, `setmem` and `setvcpus` call libvirt's older API, which changes only the
/// running domain (`plain_is_live`); `setmaxmem` then changes the current one.
fn targets(
    scope: Scope,
    plain_is_live: bool,
) -> Result<impl Fn(bool) -> (bool, bool), Vec<String>> {
    for (other, word) in [(scope.live, "--live"), (scope.config, "--config")] {
        if scope.current && other {
            return Err(vec![format!(
                "error: Options --current and {word} are mutually exclusive"
            )]);
        }
    }
    let plain = scope == Scope::default();
    Ok(move |active: bool| {
        if plain && plain_is_live {
            return (true, false);
        }
        let live = scope.live || (!scope.config && active);
        let config = scope.config || (!scope.live && !active);
        (live, config)
    })
}

/// A `set*` command's change, to the config the domain boots with next and to its facts: all
/// of it or, refused, none (a backend that keeps no facts refuses a change that needs one).
struct Change<'a> {
    backend: &'a dyn ConsoleBackend,
    info: VmInfo,
    op: &'static str,
    /// The line virsh prints before the reason when it fails ("error: Unable to change
    /// MaxMemorySize"), if any.
    prefix: Option<&'static str>,
}

impl Change<'_> {
    fn name(&self) -> &str {
        &self.info.config.name
    }

    /// The config the domain boots with next.
    fn next(&self) -> VmConfig {
        self.info
            .pending
            .clone()
            .unwrap_or_else(|| self.info.config.clone())
    }

    /// A refusal: the prefix line, then `reason`.
    fn refuse(&self, reason: String) -> Output {
        let mut lines: Vec<String> = self.prefix.map(str::to_owned).into_iter().collect();
        lines.push(reason.clone());
        let mut output = Output::failed(lines);
        output.record = Some(OpRecord {
            vm: self.name().to_owned(),
            op: self.op,
            error: Some(reason.trim_start_matches("error: ").to_owned()),
        });
        output
    }

    /// Makes the change: `next` as the next boot's config (if it differs) and `facts`; `api`
    /// is libvirt's function, named when the backend can't keep the facts.
    fn apply(self, next: VmConfig, facts: Facts, api: &str) -> Output {
        let name = self.name().to_owned();
        if facts != self.backend.facts(&name) && !self.backend.keeps_facts() {
            return self.refuse(format!(
                "error: this function is not supported by the connection driver: {api}"
            ));
        }
        if next != self.next() {
            if let Err(error) = self.backend.update(&name, next) {
                let reason = cause(&error).join("\n");
                return self.refuse(reason);
            }
        }
        self.backend.set_facts(&name, facts);
        finish(&name, self.op, None, Ok(Vec::new()))
    }
}

/// Finds the domain of a `set*` command and reads its number, in virsh's order: the options'
/// own check, the domain, the number.
fn prepare<T>(
    backend: &dyn ConsoleBackend,
    arg: &str,
    scope: Scope,
    op: &'static str,
    read: impl FnOnce() -> Result<T, Vec<String>>,
) -> Result<(VmInfo, T, (bool, bool)), Output> {
    let targets = targets(scope, op != "setmaxmem").map_err(Output::failed)?;
    let info =
        resolve(backend, arg, Lookup::ANY).map_err(|error| finish(arg, op, None, Err(error)))?;
    let value = read().map_err(|lines| {
        let mut output = Output::failed(lines);
        output.record = Some(OpRecord {
            vm: info.config.name.clone(),
            op,
            error: output
                .lines
                .first()
                .map(|line| line.trim_start_matches("error: ").to_owned()),
        });
        output
    })?;
    let (live, config) = targets(info.state.is_active());
    Ok((info, value, (live, config)))
}

/// KiB in whole MB, rounded up: the core's config counts memory in MB.
fn mb_of(kib: u64) -> u64 {
    kib.div_ceil(1024)
}

/// `setmem`: live (the running domain, until it stops: a fact) and/or config (the next
/// boot's memory: the core's config, pending while the domain is active).
fn set_memory(backend: &dyn ConsoleBackend, arg: &str, size: &str, scope: Scope) -> Output {
    let read = || scaled_kib(size).map_err(|error| error.lines(size, "size", true));
    let (info, kib, (live, config)) = match prepare(backend, arg, scope, "update", read) {
        Ok(prepared) => prepared,
        Err(output) => return output,
    };
    let change = Change {
        backend,
        info,
        op: "update",
        prefix: None,
    };
    if kib == 0 {
        return change
            .refuse("error: memory in virDomainSetMemoryFlags must not be zero".to_owned());
    }
    if live && !change.info.state.is_active() {
        return change.refuse(not_valid("domain is not running"));
    }
    let mut facts = backend.facts(change.name());
    let running_kib = change.info.config.memory.saturating_mul(1024);
    let mut next = change.next();
    let live_max = facts.max_memory.unwrap_or(0).max(running_kib);
    let next_max = facts
        .max_memory
        .unwrap_or(0)
        .max(next.memory.saturating_mul(1024));
    if (live && kib > live_max) || (config && kib > next_max) {
        return change.refuse(
            "error: invalid argument: cannot set memory higher than max memory".to_owned(),
        );
    }
    if config {
        next.memory = mb_of(kib);
        facts.max_memory = (next_max > next.memory * 1024).then_some(next_max);
    }
    if live {
        facts.live_memory = (kib != running_kib).then_some(kib);
    }
    change.apply(next, facts, "virDomainSetMemoryFlags")
}

/// `setmaxmem`: only the next boot's maximum (a running domain's can't change); memory above
/// it comes down to it.
fn set_max_memory(backend: &dyn ConsoleBackend, arg: &str, size: &str, scope: Scope) -> Output {
    let read = || scaled_kib(size).map_err(|error| error.lines(size, "size", true));
    let (info, kib, (live, _)) = match prepare(backend, arg, scope, "setmaxmem", read) {
        Ok(prepared) => prepared,
        Err(output) => return output,
    };
    let change = Change {
        backend,
        info,
        op: "setmaxmem",
        prefix: Some("error: Unable to change MaxMemorySize"),
    };
    if kib == 0 {
        return change
            .refuse("error: memory in virDomainSetMemoryFlags must not be zero".to_owned());
    }
    let active = change.info.state.is_active();
    if live {
        let reason = if active {
            "cannot resize the maximum memory on an active domain"
        } else {
            "domain is not running"
        };
        return change.refuse(not_valid(reason));
    }
    let most = MEMORY_MB.end().saturating_mul(1024);
    if kib > most {
        let error = VmError::InvalidConfig {
            field: ConfigField::Memory,
            problem: ConfigProblem::OutOfRange {
                min: *MEMORY_MB.start(),
                max: *MEMORY_MB.end(),
                got: mb_of(kib),
            },
        };
        return change.refuse(format!("error: {error}"));
    }
    let mut facts = backend.facts(change.name());
    let mut next = change.next();
    next.memory = next.memory.min(mb_of(kib));
    facts.max_memory = (kib > next.memory * 1024).then_some(kib);
    change.apply(next, facts, "virDomainSetMemoryFlags")
}

/// `setvcpus`: like `setmem`, with `--maximum --config` for the next boot's maximum.
fn set_vcpus(
    backend: &dyn ConsoleBackend,
    arg: &str,
    text: &str,
    maximum: bool,
    scope: Scope,
) -> Output {
    if maximum && !scope.config {
        return Output::failed(vec![
            "error: Option --config is required by option --maximum".to_owned(),
        ]);
    }
    let read = || count(text).map_err(|error| error.lines(text, "count", false));
    let (info, count, (live, config)) = match prepare(backend, arg, scope, "update", read) {
        Ok(prepared) => prepared,
        Err(output) => return output,
    };
    let change = Change {
        backend,
        info,
        op: "update",
        prefix: None,
    };
    if count == 0 {
        return change.refuse("error: Can't set 0 processors for a VM".to_owned());
    }
    if live && !change.info.state.is_active() && !maximum {
        return change.refuse(not_valid("domain is not running"));
    }
    let mut facts = backend.facts(change.name());
    let running = change.info.config.vcpus;
    let mut next = change.next();
    if maximum {
        if count > *VCPUS.end() {
            return change.refuse(format!(
                "error: invalid argument: requested vcpus is greater than max allowable vcpus for the live domain: {count} > {}",
                VCPUS.end()
            ));
        }
        next.vcpus = next.vcpus.min(count);
        facts.max_vcpus = (count > next.vcpus).then_some(count);
        return change.apply(next, facts, "virDomainSetVcpusFlags");
    }
    let live_max = facts.max_vcpus.unwrap_or(0).max(running);
    let next_max = facts.max_vcpus.unwrap_or(0).max(next.vcpus);
    for (target, max) in [(live, live_max), (config, next_max)] {
        if target && count > max {
            return change.refuse(format!(
                "error: invalid argument: requested cpu amount exceeds maximum ({count} > {max})"
            ));
        }
    }
    if config {
        next.vcpus = count;
        facts.max_vcpus = (next_max > count).then_some(next_max);
    }
    if live {
        facts.live_vcpus = (count != running).then_some(count);
    }
    change.apply(next, facts, "virDomainSetVcpusFlags")
}

/// `domrename`: only a shut off VM may be renamed.
fn rename(backend: &dyn ConsoleBackend, arg: &str, new: &str) -> Output {
    let info = match resolve(backend, arg, Lookup::NAME_OR_UUID) {
        Ok(info) => info,
        Err(error) => return finish(arg, "rename", None, Err(error)),
    };
    let old = info.config.name.clone();
    if info.state.is_active() {
        // The core refuses this too; deciding here also covers renaming to the same name.
        let error = VmError::InvalidTransition {
            name: old.clone(),
            operation: Operation::Rename,
            state: info.state,
        };
        return finish(&old, "rename", None, Err(error));
    }
    if new == old {
        let mut output = Output::failed(vec![not_valid("Can't rename domain to itself")]);
        output.record = Some(OpRecord {
            vm: old.clone(),
            op: "rename",
            error: Some(VmError::AlreadyExists { name: old }.to_string()),
        });
        return output;
    }
    let config = VmConfig {
        name: new.to_owned(),
        ..info.config
    };
    let result = backend.update(&old, config);
    let lines = match &result {
        Ok(_) => Ok(vec!["Domain successfully renamed".to_owned()]),
        Err(VmError::AlreadyExists { name }) => {
            let mut output = Output::failed(vec![not_valid(&format!(
                "domain with name '{name}' already exists"
            ))]);
            output.record = Some(OpRecord {
                vm: old,
                op: "rename",
                error: result.err().map(|error| error.to_string()),
            });
            return output;
        }
        Err(error) => Err(error.clone()),
    };
    finish(&old, "rename", None, lines)
}
