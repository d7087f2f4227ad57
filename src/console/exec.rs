//! Running a [`Command`] on a [`ConsoleBackend`] and printing what virsh would.

use super::command::{Command, ListFilter, Scope};
use super::error::ConsoleError;
use super::facts::{Facts, Reason};
use super::format::{
    domain_xml, dominfo, dommemstat, domstats, fake_uuid, help_command, help_group, help_list,
    id_text, list_table, listed, nodeinfo, reason_in, state_in,
};
use super::spec::{suggest_command, Group};
use super::units::{count, scaled_kib};
use super::ConsoleBackend;
use crate::event_log::{Event, Op, Source};
use crate::i18n::{fill, ConsoleTexts, Lang};
use crate::manager::{
    ConfigField, ConfigProblem, Operation, Refusal, Resource, Transition, VmConfig, VmError,
    VmInfo, VmState, MEMORY_MB, VCPUS,
};
use crate::undo::Direction;

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
    pub op: Op,
    /// `None` if it succeeded, else the core's message ("cannot start 'x': it is already
    /// running") in the console's language, as the GUI would log it.
    pub error: Option<String>,
}

impl OpRecord {
    /// The record of `op` on `vm` that ended in `result`; a refusal's message is the core's
    /// ([`Lang::error`]) in `lang`.
    pub fn of<T>(vm: &str, op: Op, result: &Result<T, VmError>, lang: Lang) -> OpRecord {
        OpRecord {
            vm: vm.to_owned(),
            op,
            error: result.as_ref().err().map(|error| lang.error(error)),
        }
    }

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

impl Output {
    /// A parse error's output, in `lang`.
    pub fn parse_error(error: &ConsoleError, lang: Lang) -> Output {
        Output::failed(error.lines_in(lang))
    }
}

/// Runs `command` on `backend`.
///
/// Output and errors are virsh's, character for character where the simulator has the same
/// facts: "Domain 'web-01' started"; a refused operation prints "error: Failed to suspend
/// domain 'web-01'" and then the reason in libvirt's QEMU driver's words, "error: Requested
/// operation is not valid: domain is not running"; an unknown VM, "error: failed to get domain
/// 'x'". A domain may be named by its name, Id or UUID where virsh allows it. `clear` and
/// `history` only return an [`Effect`]. A [`Command::Sequence`] runs each of its commands and
/// returns their lines together, failed if any failed, with no effect and no record: to print
/// each one's lines as what they are and log each, run them one by one, as the console does.
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
    execute_in(command, backend, Lang::En)
}

/// [`execute`] with the output in `lang`: libvirt's translation of virsh's words, as virsh
/// prints them under that language (lines it leaves in English stay so). The event log's
/// record stays in the core's words, as the GUI logs them.
pub fn execute_in(command: &Command, backend: &dyn ConsoleBackend, lang: Lang) -> Output {
    let t = lang.console();
    match command {
        Command::Nothing => Output::default(),
        Command::List(filter) => list(backend, filter, lang),
        Command::Create { config, start } => {
            let (verb, done) = if *start {
                ("create", t.domain_created)
            } else {
                ("define", t.domain_defined)
            };
            let name = &config.name;
            let result = backend
                .create(config.clone(), *start)
                .map(|()| vec![fill(done, &[("name", name)])]);
            if result.is_ok() && *start {
                set_reason(backend, name, VmState::Running, Reason::Booted);
            }
            finish(name, Op::Create, Some(verb), result, lang)
        }
        Command::Start(arg) => start(backend, arg, lang),
        Command::Shutdown(arg) => lifecycle(backend, arg, Lifecycle::Shutdown, lang),
        Command::Destroy(arg) => lifecycle(backend, arg, Lifecycle::Destroy, lang),
        Command::Suspend(arg) => lifecycle(backend, arg, Lifecycle::Suspend, lang),
        Command::Resume(arg) => lifecycle(backend, arg, Lifecycle::Resume, lang),
        Command::Reboot(arg) => reboot(backend, arg, lang),
        Command::Undefine {
            name: arg,
            snapshots_metadata,
        } => match resolve(backend, arg, Lookup::ANY) {
            Ok(info) => {
                let name = &info.config.name;
                let result = backend
                    .delete(name, *snapshots_metadata)
                    .map(|()| vec![fill(t.domain_undefined, &[("name", arg)])]);
                finish(name, Op::Delete, Some("undefine"), result, lang)
            }
            Err(error) => finish(arg, Op::Delete, Some("undefine"), Err(error), lang),
        },
        Command::DomInfo(arg) => read(backend, arg, Lookup::ANY, lang, |info| {
            let name = &info.config.name;
            dominfo(
                info,
                backend.domain_id(name),
                &backend.facts(name),
                backend.now(),
                t,
            )
        }),
        Command::NodeInfo => match backend.host_info() {
            Ok(info) => Output::printed(nodeinfo(&info, t)),
            Err(error) => Output::failed(cause(&error, lang)),
        },
        Command::DomMemStat(arg) => match resolve(backend, arg, Lookup::ANY) {
            Ok(info) if !info.state.is_active() => Output::failed(vec![
                t.error(&fill(t.memory_stats_failed, &[("name", arg)])),
                not_valid(virsh_reason(Refusal::NotRunning, t), t),
            ]),
            Ok(info) => {
                let actual = live_kib(backend, &info);
                Output::printed(dommemstat(&info, actual, backend.sim_time()))
            }
            Err(error) => Output::failed(cause(&error, lang)),
        },
        Command::DomStats(args) => domstats_of(backend, args, lang),
        Command::DomState { name: arg, reason } => read(backend, arg, Lookup::ANY, lang, |info| {
            let word = state_in(info.state, t);
            if !reason {
                return vec![word.to_owned()];
            }
            let facts = backend.facts(&info.config.name);
            let why = facts
                .reason_for(info.state)
                .map_or(t.reason_unknown, |reason| reason_in(reason, t));
            vec![fill(
                t.state_with_reason,
                &[("state", &word), ("reason", &why)],
            )]
        }),
        Command::DomId(arg) => read(backend, arg, Lookup::NAME_OR_UUID, lang, |info| {
            let id = backend.domain_id(&info.config.name);
            vec![id.map_or_else(|| "-".to_owned(), |id| id.to_string())]
        }),
        Command::DomName(arg) => read(backend, arg, Lookup::ID_OR_UUID, lang, |info| {
            vec![info.config.name.clone()]
        }),
        Command::DomUuid(arg) => read(backend, arg, Lookup::ID_OR_NAME, lang, |info| {
            vec![fake_uuid(&info.config.name)]
        }),
        Command::DumpXml {
            name: arg,
            inactive,
        } => read(backend, arg, Lookup::ANY, lang, |info| {
            let name = &info.config.name;
            let facts = backend.facts(name);
            if *inactive || !info.state.is_active() {
                let next = info.pending.as_ref().unwrap_or(&info.config);
                domain_xml(next, &facts, None)
            } else {
                domain_xml(&info.config, &facts, Some(backend.domain_id(name)))
            }
        }),
        Command::SetMem { name, size, scope } => {
            let prepared = prepare(backend, name, *scope, Op::Update, lang, read_size(size));
            prepared.map_or_else(|refused| refused, set_memory)
        }
        Command::SetMaxMem { name, size, scope } => {
            let prepared = prepare(backend, name, *scope, Op::SetMaxMem, lang, read_size(size));
            prepared.map_or_else(|refused| refused, set_max_memory)
        }
        Command::SetVcpus {
            name,
            count,
            maximum,
            scope,
        } => set_vcpus(backend, name, count, *maximum, *scope, lang),
        Command::DomRename { old, new } => rename(backend, old, new, lang),
        Command::SnapshotCreate { .. }
        | Command::SnapshotList { .. }
        | Command::SnapshotCurrent { .. }
        | Command::SnapshotInfo { .. }
        | Command::SnapshotRevert { .. }
        | Command::SnapshotDelete { .. } => super::snapshots::execute(command, backend, lang),
        Command::VirtClone {
            original,
            name,
            auto_clone,
        } => super::snapshots::virt_clone(backend, original, name.as_deref(), *auto_clone, lang),
        Command::Help(None) => Output::printed(help_list(t)),
        Command::Help(Some(topic)) => {
            let group = Group::ALL.iter().find(|group| group.keyword() == topic);
            match (group, help_command(topic, t)) {
                (Some(group), _) => Output::printed(help_group(*group, t)),
                (None, Some(lines)) => Output::printed(lines),
                (None, None) => {
                    let error = ConsoleError::UnknownHelpTopic {
                        word: topic.clone(),
                        suggestion: suggest_command(topic),
                    };
                    Output::parse_error(&error, lang)
                }
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
        Command::Undo => step(backend, Direction::Undo, lang),
        Command::Redo => step(backend, Direction::Redo, lang),
        Command::Sequence(commands) => {
            let mut joined = Output::default();
            for command in commands {
                let output = execute_in(command, backend, lang);
                joined.lines.extend(output.lines);
                joined.error |= output.error;
            }
            joined
        }
    }
}

/// `list`: a table, or the UUIDs, Ids and names asked for, one domain a line.
fn list(backend: &dyn ConsoleBackend, filter: &ListFilter, lang: Lang) -> Output {
    let t = lang.console();
    // virsh's own checks, in its order, before it asks for any domain.
    for (given, option) in [
        (filter.name, "--name"),
        (filter.uuid, "--uuid"),
        (filter.id, "--id"),
    ] {
        if filter.table && given {
            return Output::failed(vec![exclusive("--table", option, t)]);
        }
    }
    let infos = match backend.infos() {
        Ok(infos) => infos,
        Err(error) => return Output::failed(cause(&error, lang)),
    };
    let ids = backend.domain_ids(&infos);
    let shown = listed(&infos, &ids, |info| filter.shows(info.state));
    if !(filter.uuid || filter.id || filter.name) {
        return Output::printed(list_table(&shown, t));
    }
    // `--id` alone prints only the Ids there are; with another column, '-' for none.
    let id_only = filter.id && !filter.uuid && !filter.name;
    let lines = shown
        .into_iter()
        .filter(|(id, _)| !id_only || id.is_some())
        .map(|(id, info)| {
            let mut words = Vec::new();
            if filter.uuid {
                words.push(fake_uuid(&info.config.name));
            }
            if filter.id {
                words.push(id_text(id));
            }
            if filter.name {
                words.push(info.config.name.clone());
            }
            words.join(" ")
        })
        .collect();
    Output::printed(lines)
}

/// `undo` and `redo` (not in virsh): "Undone: delete db-01", logged as `undo`/`redo` on the
/// VM. Nothing to undo is no operation, and not logged.
fn step(backend: &dyn ConsoleBackend, direction: Direction, lang: Lang) -> Output {
    let t = lang.console();
    let (op, done, nothing) = match direction {
        Direction::Undo => (Op::Undo, t.undone, t.nothing_to_undo),
        Direction::Redo => (Op::Redo, t.redone, t.nothing_to_redo),
    };
    match backend.step(direction) {
        Ok(Some(change)) => {
            let mut output = Output::printed(vec![fill(done, &[("change", &change.describe())])]);
            output.record = Some(OpRecord {
                vm: change.vm,
                op,
                error: None,
            });
            output
        }
        Ok(None) => Output::printed(vec![nothing.to_owned()]),
        Err(error) => {
            let mut output = Output::failed(cause(&error, lang));
            let vm = match &error {
                VmError::Conflict { name: Some(name) } => name.clone(),
                _ => String::new(),
            };
            output.record = Some(OpRecord {
                vm,
                op,
                error: Some(lang.error(&error)),
            });
            output
        }
    }
}

/// How a command may name its domain: virsh tries an Id, then a UUID, then a name, each where
/// the command allows it (`domname` takes no name, `domid` no Id).
#[derive(Debug, Clone, Copy)]
pub(super) struct Lookup {
    id: bool,
    uuid: bool,
    name: bool,
}

impl Lookup {
    pub(super) const ANY: Lookup = Lookup {
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
pub(super) fn resolve(
    backend: &dyn ConsoleBackend,
    arg: &str,
    lookup: Lookup,
) -> Result<VmInfo, VmError> {
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

/// A command that only reads: its lines for the VM `arg` names, or virsh's error.
pub(super) fn read(
    backend: &dyn ConsoleBackend,
    arg: &str,
    lookup: Lookup,
    lang: Lang,
    lines: impl FnOnce(&VmInfo) -> Vec<String>,
) -> Output {
    match resolve(backend, arg, lookup) {
        Ok(info) => Output::printed(lines(&info)),
        Err(error) => Output::failed(cause(&error, lang)),
    }
}

/// `domstats`: each domain named, in order, or every domain in `list --all`'s order; a block
/// each, an empty line between. virsh finds every domain before it prints any, so one it
/// can't find prints nothing else.
fn domstats_of(backend: &dyn ConsoleBackend, args: &[String], lang: Lang) -> Output {
    let infos = if args.is_empty() {
        match backend.infos() {
            Ok(infos) => {
                let ids = backend.domain_ids(&infos);
                listed(&infos, &ids, |_| true)
                    .into_iter()
                    .map(|(_, info)| info.clone())
                    .collect()
            }
            Err(error) => return Output::failed(cause(&error, lang)),
        }
    } else {
        let mut infos = Vec::new();
        for arg in args {
            match resolve(backend, arg, Lookup::ANY) {
                Ok(info) => infos.push(info),
                Err(error) => return Output::failed(cause(&error, lang)),
            }
        }
        infos
    };
    let blocks = infos.iter().map(|info| {
        let facts = backend.facts(&info.config.name);
        domstats(info, &facts, live_kib(backend, info), backend.sim_time())
    });
    let mut lines: Vec<String> = Vec::new();
    for block in blocks {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(block);
    }
    Output::printed(lines)
}

/// The guest's current memory in KiB (what `setmem --live` set, else its config).
fn live_kib(backend: &dyn ConsoleBackend, info: &VmInfo) -> u64 {
    backend
        .facts(&info.config.name)
        .live_memory
        .unwrap_or(info.config.memory.saturating_mul(1024))
}

/// Records why `name` is in `state`, where the backend keeps facts.
pub(super) fn set_reason(backend: &dyn ConsoleBackend, name: &str, state: VmState, reason: Reason) {
    let facts = Facts {
        reason: Some((state, reason)),
        ..backend.facts(name)
    };
    backend.set_facts(name, facts);
}

/// `start`: virsh itself checks that the domain is inactive, and says so in one line.
fn start(backend: &dyn ConsoleBackend, arg: &str, lang: Lang) -> Output {
    let t = lang.console();
    let info = match resolve(backend, arg, Lookup::ANY) {
        Ok(info) => info,
        Err(error) => return finish(arg, Op::Start, Some("start"), Err(error), lang),
    };
    let name = info.config.name.clone();
    if info.state.is_active() {
        let mut output = Output::failed(vec![t.error(t.already_active)]);
        let error = VmError::InvalidTransition {
            name: name.clone(),
            operation: Operation::Start,
            state: info.state,
        };
        output.record = Some(OpRecord::of(&name, Op::Start, &Err::<(), _>(error), lang));
        return output;
    }
    let result = backend
        .transition(&name, Transition::Start)
        .map(|_| vec![fill(t.domain_started, &[("name", &arg)])]);
    if result.is_ok() {
        set_reason(backend, &name, VmState::Running, Reason::Booted);
    }
    finish(&name, Op::Start, Some("start"), result, lang)
}

/// The lifecycle commands that are one transition.
#[derive(Debug, Clone, Copy)]
enum Lifecycle {
    Shutdown,
    Destroy,
    Suspend,
    Resume,
}

/// Runs `command` on the domain `arg` names.
fn lifecycle(backend: &dyn ConsoleBackend, arg: &str, command: Lifecycle, lang: Lang) -> Output {
    use Transition::{Pause, Resume, Stop};
    let t = lang.console();
    // The transition, virsh's verb ("Failed to VERB domain"), what virsh prints when done,
    // and the reason the domain then has (`domstate --reason`).
    let (transition, verb, done, reason) = match command {
        Lifecycle::Shutdown => (Stop, "shutdown", t.domain_shutdown, Reason::Shutdown),
        Lifecycle::Destroy => (Stop, "destroy", t.domain_destroyed, Reason::Destroyed),
        Lifecycle::Suspend => (Pause, "suspend", t.domain_suspended, Reason::User),
        Lifecycle::Resume => (Resume, "resume", t.domain_resumed, Reason::Unpaused),
    };
    // The event log names a forced stop apart.
    let op = match command {
        Lifecycle::Destroy => Op::Destroy,
        _ => Op::from(transition),
    };
    let info = match resolve(backend, arg, Lookup::ANY) {
        Ok(info) => info,
        Err(error) => return finish(arg, op, Some(verb), Err(error), lang),
    };
    let name = &info.config.name;
    let result = backend.transition(name, transition);
    if let Ok(state) = result {
        set_reason(backend, name, state, reason);
    }
    let result = result.map(|_| vec![fill(done, &[("name", &arg)])]);
    finish_as(name, arg, op, Some(verb), result, lang)
}

/// The output of an operation on `name`, with its record for the event log.
pub(super) fn finish(
    name: &str,
    op: Op,
    verb: Option<&str>,
    result: Result<Vec<String>, VmError>,
    lang: Lang,
) -> Output {
    finish_as(name, name, op, verb, result, lang)
}

/// [`finish`] for a domain typed as `arg` (its Id or UUID, say): virsh's messages name it as
/// typed, the event log by name.
pub(super) fn finish_as(
    name: &str,
    arg: &str,
    op: Op,
    verb: Option<&str>,
    result: Result<Vec<String>, VmError>,
    lang: Lang,
) -> Output {
    let record = OpRecord::of(name, op, &result, lang);
    let mut output = match result {
        Ok(lines) => Output::printed(lines),
        Err(error) => Output::failed(failure(&error, verb, arg, lang)),
    };
    output.record = Some(record);
    output
}

/// virsh's lines for a failed operation: "error: failed to get domain 'x'" for an unknown VM,
/// else "error: Failed to VERB domain 'x'" (for the commands where virsh prints it) and the
/// reason.
fn failure(error: &VmError, verb: Option<&str>, name: &str, lang: Lang) -> Vec<String> {
    if matches!(error, VmError::NotFound { .. }) {
        return cause(error, lang);
    }
    let t = lang.console();
    let mut lines: Vec<String> = verb
        .map(|verb| t.error(&fill(t.failed_to, &[("verb", &verb), ("name", &name)])))
        .into_iter()
        .collect();
    lines.extend(cause(error, lang));
    lines
}

/// The reason line, in the words of libvirt's QEMU driver where it has some.
pub(super) fn cause(error: &VmError, lang: Lang) -> Vec<String> {
    let t = lang.console();
    let other = || t.error(&fill(t.other_error, &[("error", &lang.error(error))]));
    let line = match error {
        VmError::NotFound { name } => t.error(&fill(t.not_found, &[("name", name)])),
        VmError::AlreadyExists { name } => t.error(&fill(
            t.already_exists,
            &[("name", name), ("uuid", &fake_uuid(name))],
        )),
        VmError::InvalidTransition {
            operation, state, ..
        } => match operation.refusal(*state) {
            Some(refusal) => not_valid(virsh_reason(refusal, t), t),
            None => other(),
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
        VmError::SnapshotNotFound { name, .. } => {
            t.error(&fill(t.snapshot_not_found, &[("name", name)]))
        }
        VmError::SnapshotExists { name, .. } => {
            t.error(&fill(t.snapshot_exists, &[("name", name)]))
        }
        VmError::HasSnapshots { count, .. } => {
            not_valid(&fill(t.reason_has_snapshots, &[("count", count)]), t)
        }
        VmError::InvalidConfig { .. }
        | VmError::InvalidSnapshot { .. }
        | VmError::TooManySnapshots { .. }
        | VmError::InvalidHost { .. }
        | VmError::InvalidHostValue { .. }
        | VmError::InvalidOption { .. }
        | VmError::HostOfLesson
        | VmError::Closed
        | VmError::InvalidSavedState { .. }
        | VmError::RecordOutOfRange { .. }
        | VmError::Conflict { .. } => other(),
    };
    vec![line]
}

/// "error: Options FIRST and SECOND are mutually exclusive", virsh's refusal of two options
/// that can't go together.
pub(super) fn exclusive(first: &str, second: &str, t: &ConsoleTexts) -> String {
    t.error(&fill(
        t.exclusive_options,
        &[("first", &first), ("second", &second)],
    ))
}

/// "error: Requested operation is not valid: ...", libvirt's error for an operation the
/// domain's state forbids.
pub(super) fn not_valid(reason: &str, t: &ConsoleTexts) -> String {
    t.error(&fill(t.not_valid, &[("reason", &reason)]))
}

/// libvirt's reason for a refused operation.
fn virsh_reason(refusal: Refusal, t: &ConsoleTexts) -> &'static str {
    match refusal {
        Refusal::AlreadyRunning | Refusal::PausedNotStopped => t.reason_already_active,
        // libvirt refuses to suspend a paused domain as one that is not running.
        Refusal::NotRunning | Refusal::AlreadyPaused => t.reason_not_running,
        Refusal::NotPaused => t.reason_not_paused,
        Refusal::RenameActive(_) => t.reason_rename_active,
        // virsh doesn't clone; virt-clone's own refusal is printed by `virt_clone`.
        Refusal::CloneActive(_) => t.reason_already_active,
    }
}

/// `reboot`: a running VM is stopped (applying any pending config) and started again.
fn reboot(backend: &dyn ConsoleBackend, arg: &str, lang: Lang) -> Output {
    let t = lang.console();
    let info = match resolve(backend, arg, Lookup::ANY) {
        Ok(info) => info,
        Err(error) => return finish(arg, Op::Reboot, Some("reboot"), Err(error), lang),
    };
    let name = &info.config.name;
    if info.state != VmState::Running {
        let mut output = Output::failed(vec![
            t.error(&fill(t.failed_to, &[("verb", &"reboot"), ("name", &arg)])),
            not_valid(virsh_reason(Refusal::NotRunning, t), t),
        ]);
        output.record = Some(OpRecord {
            vm: name.to_owned(),
            op: Op::Reboot,
            error: Some(fill(
                lang.texts().error_reboot_not_running,
                &[("name", &name), ("state", &lang.state_word(info.state))],
            )),
        });
        return output;
    }
    let result = backend.reboot(name);
    if result.is_ok() {
        set_reason(backend, name, VmState::Running, Reason::Booted);
    }
    let result = result.map(|_| vec![fill(t.domain_rebooted, &[("name", &arg)])]);
    finish_as(name, arg, Op::Reboot, Some("reboot"), result, lang)
}

/// Where a `--config`/`--live`/`--current` change goes for a domain that is active or not:
/// `(live, config)`. virsh's own check first: `--current` excludes the other two. With no
/// option at all, `setmem` and `setvcpus` call libvirt's older API, which changes only the
/// running domain (`plain_is_live`); `setmaxmem` then changes the current one.
fn targets(
    scope: Scope,
    plain_is_live: bool,
    t: &ConsoleTexts,
) -> Result<impl Fn(bool) -> (bool, bool), Vec<String>> {
    for (other, word) in [(scope.live, "--live"), (scope.config, "--config")] {
        if scope.current && other {
            return Err(vec![exclusive("--current", word, t)]);
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
    op: Op,
    /// The line virsh prints before the reason when it fails ("error: Unable to change
    /// MaxMemorySize"), if any.
    prefix: Option<fn(&ConsoleTexts) -> &'static str>,
    /// The language of the output.
    lang: Lang,
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

    /// A refusal: the prefix line, then the line `reason` gives in a language (the event
    /// log keeps it in English, as the core's words are).
    fn refuse(&self, reason: impl Fn(Lang) -> String) -> Output {
        let t = self.lang.console();
        let mut lines: Vec<String> = self
            .prefix
            .map(|prefix| t.error(prefix(t)))
            .into_iter()
            .collect();
        lines.push(reason(self.lang));
        let mut output = Output::failed(lines);
        output.record = Some(OpRecord {
            vm: self.name().to_owned(),
            op: self.op,
            error: Some(
                reason(self.lang)
                    .trim_start_matches(self.lang.console().error("").as_str())
                    .to_owned(),
            ),
        });
        output
    }

    /// [`Change::refuse`] with one of the catalogue's messages, filled with `args`.
    fn refuse_with(
        &self,
        message: fn(&ConsoleTexts) -> &'static str,
        args: &[(&str, &dyn std::fmt::Display)],
    ) -> Output {
        self.refuse(|lang| {
            let t = lang.console();
            t.error(&fill(message(t), args))
        })
    }

    /// [`Change::refuse`] as an operation the domain's state forbids, for `reason`.
    fn refuse_not_valid(&self, reason: fn(&ConsoleTexts) -> &'static str) -> Output {
        self.refuse(|lang| {
            let t = lang.console();
            not_valid(reason(t), t)
        })
    }

    /// Makes the change: `next` as the next boot's config (if it differs) and `facts`; `api`
    /// is libvirt's function, named when the backend can't keep the facts.
    fn apply(self, next: VmConfig, facts: Facts, api: &str) -> Output {
        let name = self.name().to_owned();
        if facts != self.backend.facts(&name) && !self.backend.keeps_facts() {
            return self.refuse_with(|t| t.unsupported, &[("api", &api)]);
        }
        if next != self.next() {
            if let Err(error) = self.backend.update(&name, next) {
                return self.refuse(|lang| cause(&error, lang).join("\n"));
            }
        }
        self.backend.set_facts(&name, facts);
        finish(&name, self.op, None, Ok(Vec::new()), self.lang)
    }
}

/// A `set*` command ready to run: its [`Change`], its number, and where the change goes
/// (see [`targets`]).
struct Prepared<'a, T> {
    change: Change<'a>,
    value: T,
    live: bool,
    config: bool,
}

/// Finds the domain of a `set*` command and reads its number, in virsh's order: the options'
/// own check, the domain, the number.
fn prepare<'a, T>(
    backend: &'a dyn ConsoleBackend,
    arg: &str,
    scope: Scope,
    op: Op,
    lang: Lang,
    read: impl Fn(Lang) -> Result<T, Vec<String>>,
) -> Result<Prepared<'a, T>, Output> {
    let targets = targets(scope, op != Op::SetMaxMem, lang.console()).map_err(Output::failed)?;
    let info = resolve(backend, arg, Lookup::ANY)
        .map_err(|error| finish(arg, op, None, Err(error), lang))?;
    let value = read(lang).map_err(|lines| {
        let mut output = Output::failed(lines);
        output.record = Some(OpRecord {
            vm: info.config.name.clone(),
            op,
            error: read(Lang::En).err().and_then(|lines| {
                lines
                    .first()
                    .map(|line| line.trim_start_matches("error: ").to_owned())
            }),
        });
        output
    })?;
    let (live, config) = targets(info.state.is_active());
    // virsh prints "error: Unable to change MaxMemorySize" before `setmaxmem`'s reasons.
    let prefix: Option<fn(&ConsoleTexts) -> &'static str> =
        (op == Op::SetMaxMem).then_some(|t| t.max_memory_failed);
    let change = Change {
        backend,
        info,
        op,
        prefix,
        lang,
    };
    Ok(Prepared {
        change,
        value,
        live,
        config,
    })
}

/// How `setmem` and `setmaxmem` read their size.
fn read_size(size: &str) -> impl Fn(Lang) -> Result<u64, Vec<String>> + '_ {
    |lang| scaled_kib(size).map_err(|error| error.lines(size, "size", true, lang))
}

/// KiB in whole MB, rounded up: the core's config counts memory in MB.
fn mb_of(kib: u64) -> u64 {
    kib.div_ceil(1024)
}

/// `setmem`: live (the running domain, until it stops: a fact) and/or config (the next
/// boot's memory: the core's config, pending while the domain is active).
fn set_memory(prepared: Prepared<u64>) -> Output {
    let Prepared {
        change,
        value: kib,
        live,
        config,
    } = prepared;
    let backend = change.backend;
    if kib == 0 {
        return change.refuse_with(|t| t.memory_zero, &[]);
    }
    if live && !change.info.state.is_active() {
        return change.refuse_not_valid(|t| t.reason_not_running);
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
        return change.refuse_with(|t| t.memory_above_max, &[]);
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
fn set_max_memory(prepared: Prepared<u64>) -> Output {
    let Prepared {
        change,
        value: kib,
        live,
        ..
    } = prepared;
    let backend = change.backend;
    if kib == 0 {
        return change.refuse_with(|t| t.memory_zero, &[]);
    }
    let active = change.info.state.is_active();
    if live {
        return if active {
            change.refuse_not_valid(|t| t.reason_max_memory_active)
        } else {
            change.refuse_not_valid(|t| t.reason_not_running)
        };
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
        return change.refuse(|lang| {
            let t = lang.console();
            t.error(&fill(t.other_error, &[("error", &lang.error(&error))]))
        });
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
    lang: Lang,
) -> Output {
    let t = lang.console();
    if maximum && !scope.config {
        return Output::failed(vec![t.error(t.maximum_needs_config)]);
    }
    let read = |lang| count(text).map_err(|error| error.lines(text, "count", false, lang));
    let Prepared {
        change,
        value: count,
        live,
        config,
    } = match prepare(backend, arg, scope, Op::Update, lang, read) {
        Ok(prepared) => prepared,
        Err(output) => return output,
    };
    if count == 0 {
        return change.refuse_with(|t| t.zero_cpus, &[]);
    }
    if live && !change.info.state.is_active() && !maximum {
        return change.refuse_not_valid(|t| t.reason_not_running);
    }
    let mut facts = backend.facts(change.name());
    let running = change.info.config.vcpus;
    let mut next = change.next();
    if maximum {
        if count > *VCPUS.end() {
            return change.refuse_with(
                |t| t.vcpus_above_limit,
                &[("count", &count), ("max", VCPUS.end())],
            );
        }
        next.vcpus = next.vcpus.min(count);
        facts.max_vcpus = (count > next.vcpus).then_some(count);
        return change.apply(next, facts, "virDomainSetVcpusFlags");
    }
    let live_max = facts.max_vcpus.unwrap_or(0).max(running);
    let next_max = facts.max_vcpus.unwrap_or(0).max(next.vcpus);
    for (target, max) in [(live, live_max), (config, next_max)] {
        if target && count > max {
            return change.refuse_with(|t| t.vcpus_above_max, &[("count", &count), ("max", &max)]);
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
fn rename(backend: &dyn ConsoleBackend, arg: &str, new: &str, lang: Lang) -> Output {
    let t = lang.console();
    let info = match resolve(backend, arg, Lookup::NAME_OR_UUID) {
        Ok(info) => info,
        Err(error) => return finish(arg, Op::Rename, None, Err(error), lang),
    };
    let old = info.config.name.clone();
    if info.state.is_active() {
        // The core refuses this too; deciding here also covers renaming to the same name.
        let error = VmError::InvalidTransition {
            name: old.clone(),
            operation: Operation::Rename,
            state: info.state,
        };
        return finish(&old, Op::Rename, None, Err(error), lang);
    }
    if new == old {
        let mut output = Output::failed(vec![not_valid(t.reason_rename_itself, t)]);
        output.record = Some(OpRecord {
            vm: old.clone(),
            op: Op::Rename,
            error: Some(lang.error(&VmError::AlreadyExists { name: old })),
        });
        return output;
    }
    let config = VmConfig {
        name: new.to_owned(),
        ..info.config
    };
    let result = backend.update(&old, config);
    let lines = match &result {
        Ok(_) => Ok(vec![t.domain_renamed.to_owned()]),
        Err(VmError::AlreadyExists { name }) => {
            let mut output = Output::failed(vec![not_valid(
                &fill(t.reason_name_taken, &[("name", name)]),
                t,
            )]);
            output.record = Some(OpRecord {
                vm: old,
                op: Op::Rename,
                error: result.err().map(|error| lang.error(&error)),
            });
            return output;
        }
        Err(error) => Err(error.clone()),
    };
    finish(&old, Op::Rename, None, lines, lang)
}
