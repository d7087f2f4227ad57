//! Output in virsh's layout: the `list` table, `dominfo`'s key/value lines, `help`.

use super::ids::DomainIds;
use super::spec::{find_command, CommandSpec, COMMANDS};
use crate::manager::{VmConfig, VmInfo, VmState};

/// virsh's word for a state: "running", "paused", "shut off".
pub fn state_word(state: VmState) -> &'static str {
    match state {
        VmState::Running => "running",
        VmState::Paused => "paused",
        VmState::Stopped => "shut off",
    }
}

fn id_text(id: Option<usize>) -> String {
    id.map_or_else(|| "-".to_owned(), |id| id.to_string())
}

/// A table as virsh's `vshTable` prints it: each cell is preceded by a space and padded to its
/// column's width plus two (the last column is not padded); under the header, a rule of
/// `width + 3` dashes per column.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> Vec<String> {
    let width = |text: &str| text.chars().count();
    let mut widths: Vec<usize> = header.iter().map(|cell| width(cell)).collect();
    for row in rows {
        for (column, cell) in row.iter().enumerate() {
            if let Some(max) = widths.get_mut(column) {
                *max = (*max).max(width(cell));
            }
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        let mut cells = cells.enumerate().peekable();
        while let Some((column, cell)) = cells.next() {
            text.push(' ');
            text.push_str(cell);
            if cells.peek().is_some() {
                let max = widths.get(column).copied().unwrap_or(0);
                let pad = max.saturating_sub(width(cell)) + 2;
                text.push_str(&" ".repeat(pad));
            }
        }
        text
    };
    let mut lines = vec![line(&mut header.iter().copied())];
    lines.push("-".repeat(widths.iter().map(|width| width + 3).sum()));
    for row in rows {
        lines.push(line(&mut row.iter().map(String::as_str)));
    }
    lines
}

/// `list`'s table of the VMs in `infos` that `shows` admits, sorted by name, with their `ids`.
pub(crate) fn list_table(
    infos: &[VmInfo],
    ids: &DomainIds,
    shows: impl Fn(VmState) -> bool,
) -> Vec<String> {
    let mut listed: Vec<&VmInfo> = infos.iter().filter(|info| shows(info.state)).collect();
    crate::ordering::sort_by_text(&mut listed, |info| &info.config.name);
    let rows: Vec<Vec<String>> = listed
        .into_iter()
        .map(|info| {
            vec![
                id_text(ids.get(&info.config.name)),
                info.config.name.clone(),
                state_word(info.state).to_owned(),
            ]
        })
        .collect();
    table(&["Id", "Name", "State"], &rows)
}

/// A stable made-up UUID for a VM name (the core has none): two FNV-1a hashes of the name,
/// marked as an RFC 9562 version 8 ("custom") UUID. A renamed VM gets a new one, unlike in
/// libvirt.
pub fn fake_uuid(name: &str) -> String {
    let fnv = |seed: u64| {
        name.bytes().fold(seed, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let high = fnv(0xcbf2_9ce4_8422_2325);
    let low = fnv(0x6c62_272e_07bb_0142 ^ high);
    let high = (high & !0xf000) | 0x8000; // version 8
    let low = (low & !(0b11 << 62)) | (0b10 << 62); // variant 10
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

fn key_value(key: &str, value: impl std::fmt::Display) -> String {
    format!("{key:<15} {value}")
}

/// `dominfo`'s lines: virsh's keys (`%-15s` then the value) and the simulator's own (disk,
/// ISO, network, pending changes).
pub(crate) fn dominfo(info: &VmInfo, id: Option<usize>) -> Vec<String> {
    let config = &info.config;
    let kib = config.memory.saturating_mul(1024);
    let mut lines = vec![
        key_value("Id:", id_text(id)),
        key_value("Name:", &config.name),
        key_value("UUID:", fake_uuid(&config.name)),
        key_value("OS Type:", "hvm"),
        key_value("State:", state_word(info.state)),
        key_value("CPU(s):", config.vcpus),
        key_value("Max memory:", format!("{kib} KiB")),
        key_value("Used memory:", format!("{kib} KiB")),
        key_value("Persistent:", "yes"),
        key_value("Autostart:", "disable"),
        key_value("Disk path:", or_dash(&config.disk_path)),
        key_value("Disk size:", format!("{} GB", config.disk_size)),
        key_value(
            "ISO image:",
            or_dash(config.iso_image.as_deref().unwrap_or("")),
        ),
        key_value("Network:", &config.network),
    ];
    if let Some(pending) = &info.pending {
        lines.push(key_value(
            "Pending:",
            format!(
                "{} (takes effect at next stop)",
                changes(config, pending).join(", ")
            ),
        ));
    }
    lines
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() {
        "-"
    } else {
        text
    }
}

/// What differs from `old` to `new`, one phrase per field in form order:
/// `"memory 1024 → 2048 MB"`, `"ISO image - → /x.iso"`.
pub(crate) fn changes(old: &VmConfig, new: &VmConfig) -> Vec<String> {
    let mut changes = Vec::new();
    let mut change = |label: &str, old: String, new: String, unit: &str| {
        if old != new {
            changes.push(format!("{label} {old} → {new}{unit}"));
        }
    };
    change("name", old.name.clone(), new.name.clone(), "");
    change(
        "memory",
        old.memory.to_string(),
        new.memory.to_string(),
        " MB",
    );
    change("vCPUs", old.vcpus.to_string(), new.vcpus.to_string(), "");
    change(
        "disk path",
        or_dash(&old.disk_path).to_owned(),
        or_dash(&new.disk_path).to_owned(),
        "",
    );
    change(
        "disk size",
        old.disk_size.to_string(),
        new.disk_size.to_string(),
        " GB",
    );
    let iso = |config: &VmConfig| or_dash(config.iso_image.as_deref().unwrap_or("")).to_owned();
    change("ISO image", iso(old), iso(new), "");
    change("network", old.network.clone(), new.network.clone(), "");
    changes
}

/// `help`'s list of commands.
pub(crate) fn help_list() -> Vec<String> {
    let width = COMMANDS
        .iter()
        .map(|spec| spec.name.len())
        .max()
        .unwrap_or(0);
    let mut lines = vec!["Commands (type 'help COMMAND' for one in detail):".to_owned()];
    for spec in COMMANDS {
        lines.push(format!("    {:<width$}  {}", spec.name, spec.summary));
    }
    lines.push(String::new());
    lines.push(
        "A leading 'virsh' is optional. Quote names with spaces: start 'my vm'. Tab completes."
            .to_owned(),
    );
    lines
}

/// `help COMMAND`, in virsh's layout (NAME, SYNOPSIS, DESCRIPTION, OPTIONS); `None` if there
/// is no such command.
pub(crate) fn help_command(name: &str) -> Option<Vec<String>> {
    let spec: &CommandSpec = find_command(name)?;
    let mut lines = vec![
        "  NAME".to_owned(),
        format!("    {} - {}", spec.name, spec.summary),
        String::new(),
        "  SYNOPSIS".to_owned(),
        format!("    {}", spec.usage()),
        String::new(),
        "  DESCRIPTION".to_owned(),
        format!("    {}", spec.description),
    ];
    if !spec.options.is_empty() {
        let shown: Vec<String> = spec
            .options
            .iter()
            .map(|option| match option.value {
                Some(value) => format!("{} {value}", option.name),
                None => option.name.to_owned(),
            })
            .collect();
        let width = shown.iter().map(|text| text.len()).max().unwrap_or(0);
        lines.push(String::new());
        lines.push("  OPTIONS".to_owned());
        for (text, option) in shown.iter().zip(spec.options) {
            lines.push(format!("    {text:<width$}  {}", option.help));
        }
    }
    Some(lines)
}

/// The `history` listing, numbered from 1 like a shell's: `"    1  list --all"`.
pub fn format_history(history: &[String]) -> Vec<String> {
    history
        .iter()
        .enumerate()
        .map(|(index, line)| format!("{:>5}  {line}", index + 1))
        .collect()
}
