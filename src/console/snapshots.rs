//! The snapshot commands (`snapshot-create-as`, `snapshot-list`, `snapshot-current`,
//! `snapshot-info`, `snapshot-revert`, `snapshot-delete`) and `virt-clone`, with virsh's and
//! virt-clone's words and layouts.

use super::command::Command;
use super::exec::{cause, exclusive, finish, read, resolve, set_reason, Lookup, OpRecord, Output};
use super::facts::Reason;
use super::format::{key_value, table};
use super::ConsoleBackend;
use crate::event_log::Op;
use crate::i18n::{fill, ConsoleTexts, Lang};
use crate::manager::{
    NewSnapshot, Snapshot, SnapshotDeletion, Timestamp, VmError, VmInfo, VmState,
};

/// Runs one of the `snapshot-*` commands.
pub(super) fn execute(command: &Command, backend: &dyn ConsoleBackend, lang: Lang) -> Output {
    let t = lang.console();
    match command {
        Command::SnapshotCreate {
            domain,
            name,
            description,
        } => act(backend, domain, Op::SnapshotCreate, lang, |vm| {
            let description = description.as_deref().unwrap_or("");
            // virsh leaves naming to libvirt, which names a snapshot after the time.
            let name = name
                .clone()
                .unwrap_or_else(|| (backend.now() / 1000).to_string());
            backend
                .create_snapshot(NewSnapshot {
                    vm,
                    name: &name,
                    description,
                })
                .map(|snapshot| vec![fill(t.snapshot_created, &[("name", &snapshot.name)])])
        }),
        Command::SnapshotRevert {
            domain,
            snapshot,
            current,
        } => {
            let target = (domain.as_str(), snapshot, *current);
            act_on_snapshot(backend, target, Op::SnapshotRevert, lang, |vm, snapshot| {
                let state = backend.revert_snapshot(vm, snapshot)?;
                set_reason(backend, vm, state, Reason::FromSnapshot);
                Ok(vec![fill(t.snapshot_reverted, &[("name", &snapshot)])])
            })
        }
        Command::SnapshotDelete {
            domain,
            snapshot,
            current,
            children,
        } => {
            let target = (domain.as_str(), snapshot, *current);
            act_on_snapshot(backend, target, Op::SnapshotDelete, lang, |vm, snapshot| {
                backend
                    .delete_snapshot(SnapshotDeletion {
                        vm,
                        name: snapshot,
                        children: *children,
                    })
                    .map(|_| vec![fill(t.snapshot_deleted, &[("name", &snapshot)])])
            })
        }
        Command::SnapshotList {
            domain,
            parent,
            roots,
            leaves,
            tree,
            name,
        } => {
            // virsh's own checks, in its order, before it looks the domain up.
            for (first, second, both) in [
                ("--tree", "--name", *tree && *name),
                ("--parent", "--roots", *parent && *roots),
                ("--parent", "--tree", *parent && *tree),
                ("--roots", "--tree", *roots && *tree),
            ] {
                if both {
                    return refused(exclusive(first, second, t));
                }
            }
            if *leaves && *tree {
                return refused(t.error(t.leaves_and_tree));
            }
            read(backend, domain, Lookup::ANY, lang, |info| {
                let kept = |snapshot: &Snapshot| {
                    (!*roots || snapshot.parent.is_none())
                        && (!*leaves || info.children_of(Some(&snapshot.name)).is_empty())
                };
                if *tree {
                    snapshot_tree(info)
                } else if *name {
                    by_name(info)
                        .into_iter()
                        .filter(|snapshot| kept(snapshot))
                        .map(|snapshot| snapshot.name.clone())
                        .collect()
                } else {
                    snapshot_table(info, kept, *parent, t)
                }
            })
        }
        Command::SnapshotCurrent { domain, .. } => match resolve(backend, domain, Lookup::ANY) {
            Ok(info) => match &info.current_snapshot {
                Some(current) => Output {
                    lines: vec![current.clone()],
                    ..Output::default()
                },
                None => Output {
                    lines: vec![t.error(&fill(t.no_current_snapshot, &[("name", domain)]))],
                    error: true,
                    ..Output::default()
                },
            },
            Err(error) => failed(&error, lang),
        },
        Command::SnapshotInfo {
            domain,
            snapshot,
            current,
        } => match resolve(backend, domain, Lookup::ANY) {
            Ok(info) => match chosen(&info, (snapshot, *current), t) {
                Err(line) => refused(line),
                Ok(snapshot) => match info.snapshot(&snapshot) {
                    Some(found) => Output {
                        lines: snapshot_info(&info, found, t),
                        ..Output::default()
                    },
                    None => failed(
                        &VmError::SnapshotNotFound {
                            vm: info.config.name.clone(),
                            name: snapshot,
                        },
                        lang,
                    ),
                },
            },
            Err(error) => failed(&error, lang),
        },
        _ => Output::default(),
    }
}

/// A refusal of virsh's own (no operation, nothing logged): `line` alone.
fn refused(line: String) -> Output {
    Output {
        lines: vec![line],
        error: true,
        ..Output::default()
    }
}

fn failed(error: &VmError, lang: Lang) -> Output {
    Output {
        lines: cause(error, lang),
        error: true,
        ..Output::default()
    }
}

/// A change to the domain typed as `domain`: found by name, Id or UUID, then `change` on its
/// name; logged as `op`. virsh prints no "Failed to" line for these: only the cause.
fn act(
    backend: &dyn ConsoleBackend,
    domain: &str,
    op: Op,
    lang: Lang,
    change: impl FnOnce(&str) -> Result<Vec<String>, VmError>,
) -> Output {
    match resolve(backend, domain, Lookup::ANY) {
        Ok(info) => finish(&info.config.name, op, None, change(&info.config.name), lang),
        Err(error) => finish(domain, op, None, Err(error), lang),
    }
}

/// The snapshot a command means: the one it names, or with `--current` the domain's current
/// one; else virsh's error line (neither, both, or no current snapshot).
fn chosen(
    info: &VmInfo,
    (snapshot, current): (&Option<String>, bool),
    t: &ConsoleTexts,
) -> Result<String, String> {
    match (snapshot, current) {
        (Some(_), true) => Err(t.error(t.snapshot_name_or_current)),
        (Some(name), false) => Ok(name.clone()),
        (None, true) => info
            .current_snapshot
            .clone()
            .ok_or_else(|| t.error(t.no_current_snapshot_found)),
        (None, false) => Err(t.error(t.snapshot_name_required)),
    }
}

/// [`act`] on the snapshot the command means (the domain as typed, the snapshot named, whether
/// `--current` was given: see [`chosen`]): `change` gets the domain's
/// name and the snapshot's. Which snapshot is decided once the domain is found, as virsh
/// does; an error in that is no operation, and not logged.
fn act_on_snapshot(
    backend: &dyn ConsoleBackend,
    (domain, snapshot, current): (&str, &Option<String>, bool),
    op: Op,
    lang: Lang,
    change: impl FnOnce(&str, &str) -> Result<Vec<String>, VmError>,
) -> Output {
    let info = match resolve(backend, domain, Lookup::ANY) {
        Ok(info) => info,
        Err(error) => return finish(domain, op, None, Err(error), lang),
    };
    match chosen(&info, (snapshot, current), lang.console()) {
        Ok(snapshot) => {
            let vm = &info.config.name;
            finish(vm, op, None, change(vm, &snapshot), lang)
        }
        Err(line) => refused(line),
    }
}

/// A snapshot's state as its XML names it: `running`, `paused`, `shutoff` (virsh prints it
/// untranslated).
fn snapshot_state(state: VmState) -> &'static str {
    match state {
        VmState::Running => "running",
        VmState::Paused => "paused",
        VmState::Stopped => "shutoff",
    }
}

/// A creation time as virsh prints it, `2026-12-07 01:54:40 +0000` (in UTC).
fn creation_time(at: Timestamp) -> String {
    let seconds = at / 1000;
    let (year, month, day) = crate::storage::export::civil_date(seconds / 86_400);
    let of_day = seconds % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} +0000",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// The snapshots sorted by name, ASCII case aside, as virsh lists them.
fn by_name(info: &VmInfo) -> Vec<&Snapshot> {
    let mut snapshots: Vec<&Snapshot> = info.snapshots.iter().collect();
    crate::ordering::sort_ignoring_ascii_case(&mut snapshots, |snapshot| &snapshot.name);
    snapshots
}

/// `snapshot-list [--parent]`: Name, Creation Time, State (and Parent) of the snapshots
/// `kept` admits.
fn snapshot_table(
    info: &VmInfo,
    kept: impl Fn(&Snapshot) -> bool,
    parent: bool,
    t: &ConsoleTexts,
) -> Vec<String> {
    let rows: Vec<Vec<String>> = by_name(info)
        .into_iter()
        .filter(|snapshot| kept(snapshot))
        .map(|snapshot| {
            let mut row = vec![
                snapshot.name.clone(),
                creation_time(snapshot.created_at),
                snapshot_state(snapshot.state).to_owned(),
            ];
            if parent {
                row.push(snapshot.parent.clone().unwrap_or_default());
            }
            row
        })
        .collect();
    let mut header = vec![t.column_name, t.column_creation_time, t.column_state];
    if parent {
        header.push(t.column_parent);
    }
    table(&header, &rows)
}

/// `snapshot-list --tree`: each root and its descendants drawn as virsh draws them, names
/// sorted, an empty line after each tree's last leaf.
fn snapshot_tree(info: &VmInfo) -> Vec<String> {
    let snapshots = by_name(info);
    let mut lines = Vec::new();
    for root in snapshots
        .iter()
        .filter(|snapshot| snapshot.parent.is_none())
    {
        draw(&snapshots, root, true, true, &mut String::new(), &mut lines);
    }
    lines
}

/// Draws `snapshot` (the last of its siblings if `last`) and its children below `indent`.
fn draw(
    snapshots: &[&Snapshot],
    snapshot: &Snapshot,
    root: bool,
    last: bool,
    indent: &mut String,
    lines: &mut Vec<String>,
) {
    let branch = if root { "" } else { "+- " };
    lines.push(format!("{indent}{branch}{}", snapshot.name));
    let kept = indent.len();
    if !root {
        indent.push_str(if last { "  " } else { "| " });
    }
    let children: Vec<&Snapshot> = snapshots
        .iter()
        .copied()
        .filter(|child| child.parent.as_deref() == Some(snapshot.name.as_str()))
        .collect();
    if !children.is_empty() {
        lines.push(format!("{indent}  |"));
    }
    indent.push_str("  ");
    for (index, child) in children.iter().enumerate() {
        draw(
            snapshots,
            child,
            false,
            index + 1 == children.len(),
            indent,
            lines,
        );
    }
    indent.truncate(indent.len() - 2);
    if children.is_empty() && last {
        lines.push(indent.clone());
    }
    indent.truncate(kept);
}

/// `snapshot-info`.
fn snapshot_info(info: &VmInfo, snapshot: &Snapshot, t: &ConsoleTexts) -> Vec<String> {
    let [name, domain, current, state, location, parent, children, descendants, metadata] =
        t.snapshot_info_keys;
    let is_current = info.current_snapshot.as_deref() == Some(snapshot.name.as_str());
    vec![
        key_value(name, &snapshot.name),
        key_value(domain, &info.config.name),
        key_value(current, if is_current { t.yes } else { t.no }),
        key_value(state, snapshot_state(snapshot.state)),
        key_value(location, t.location_internal),
        key_value(parent, snapshot.parent.as_deref().unwrap_or("-")),
        key_value(children, info.children_of(Some(&snapshot.name)).len()),
        key_value(descendants, info.descendants_of(&snapshot.name)),
        key_value(metadata, t.yes),
    ]
}

/// `virt-clone --original SRC [--name NEW] --auto-clone`, printing what virt-clone prints.
/// Without `--name` the clone is called `SRC-clone`, as `--auto-clone` names it.
pub(super) fn virt_clone(
    backend: &dyn ConsoleBackend,
    original: &str,
    name: Option<&str>,
    auto_clone: bool,
    lang: Lang,
) -> Output {
    let t = lang.console();
    let error = |message: String, record: Option<String>| Output {
        lines: vec![fill(t.clone_error_line, &[("message", &message)])],
        error: true,
        record: record.map(|error| OpRecord {
            vm: original.to_owned(),
            op: Op::Clone,
            error: Some(error),
        }),
        ..Output::default()
    };
    let source = match backend.info(original) {
        Ok(info) => info,
        Err(refusal) => {
            return error(
                fill(t.clone_not_found, &[("name", &original)]),
                Some(lang.error(&refusal)),
            )
        }
    };
    if source.state.is_active() {
        let refusal = VmError::InvalidTransition {
            name: source.config.name.clone(),
            operation: crate::manager::Operation::Clone,
            state: source.state,
        };
        return error(
            t.clone_must_be_shutoff.to_owned(),
            Some(lang.error(&refusal)),
        );
    }
    if !auto_clone {
        return error(t.clone_needs_auto.to_owned(), None);
    }
    let new_name = name.map_or_else(|| format!("{}-clone", source.config.name), str::to_owned);
    match backend.clone_vm(&source.config.name, &new_name) {
        Ok(clone) => {
            let file = source
                .config
                .disk_path
                .rsplit('/')
                .next()
                .unwrap_or_default();
            let progress = fill(t.clone_cloning, &[("file", &file)]);
            let size = format!("{:>4} GB", source.config.disk_size);
            Output {
                lines: vec![
                    format!("{progress:<60}| {size}  00:00 ... "),
                    String::new(),
                    fill(t.clone_created, &[("name", &clone.config.name)]),
                ],
                record: Some(OpRecord {
                    vm: source.config.name.clone(),
                    op: Op::Clone,
                    error: None,
                }),
                ..Output::default()
            }
        }
        Err(refusal) => {
            let message = match &refusal {
                VmError::AlreadyExists { name } => fill(t.clone_name_in_use, &[("name", name)]),
                other => fill(t.clone_other_error, &[("error", &lang.error(other))]),
            };
            error(message, Some(lang.error(&refusal)))
        }
    }
}
