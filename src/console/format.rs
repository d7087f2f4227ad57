//! Output in virsh's layout: the `list` table, `dominfo`'s key/value lines, `help`.

use super::facts::{Facts, Reason};
use super::ids::DomainIds;
use super::spec::{find_command, CommandSpec, Group, COMMANDS};
use crate::i18n::{fill, ConsoleTexts};
use crate::manager::{usage_model, Timestamp, VmConfig, VmInfo, VmState};
use crate::present::escape_markup;

/// virsh's word for a state in the language of `t`.
pub(crate) fn state_in(state: VmState, t: &ConsoleTexts) -> &'static str {
    match state {
        VmState::Running => t.state_running,
        VmState::Paused => t.state_paused,
        VmState::Stopped => t.state_shut_off,
    }
}

/// libvirt's word for why a domain is in its state, in the language of `t`.
pub(crate) fn reason_in(reason: Reason, t: &ConsoleTexts) -> &'static str {
    match reason {
        Reason::Booted => t.reason_booted,
        Reason::Unpaused => t.reason_unpaused,
        Reason::User => t.reason_user,
        Reason::Shutdown => t.reason_shutdown,
        Reason::Destroyed => t.reason_destroyed,
        Reason::FromSnapshot => t.reason_from_snapshot,
    }
}

/// `text` padded with spaces to `width` bytes, as C's `printf("%-15s")` pads it (virsh's
/// layout under a Russian locale: a Cyrillic letter takes two bytes).
pub(super) fn pad_bytes(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.len())))
}

pub(super) fn id_text(id: Option<usize>) -> String {
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

/// The VMs of `infos` that `shows` admits, in virsh's order, each with its Id from `ids`: the
/// active ones by Id, then the shut off ones by name, ASCII case aside (virsh's
/// `virshDomainSorter`).
pub(crate) fn listed<'a>(
    infos: &'a [VmInfo],
    ids: &DomainIds,
    shows: impl Fn(&VmInfo) -> bool,
) -> Vec<(Option<usize>, &'a VmInfo)> {
    let mut inactive: Vec<(Option<usize>, &VmInfo)> = Vec::new();
    // Keyed by the Id zero-padded, so that the program's one sort (of text) orders numbers.
    let mut active: Vec<(String, (Option<usize>, &VmInfo))> = Vec::new();
    for info in infos.iter().filter(|info| shows(info)) {
        match ids.get(&info.config.name) {
            Some(id) => active.push((format!("{id:020}"), (Some(id), info))),
            None => inactive.push((None, info)),
        }
    }
    crate::ordering::sort_by_text(&mut active, |(key, _)| key);
    crate::ordering::sort_ignoring_ascii_case(&mut inactive, |(_, info)| &info.config.name);
    active
        .into_iter()
        .map(|(_, entry)| entry)
        .chain(inactive)
        .collect()
}

/// `list`'s table of `listed` (see [`listed`]).
pub(crate) fn list_table(listed: &[(Option<usize>, &VmInfo)], t: &ConsoleTexts) -> Vec<String> {
    let rows: Vec<Vec<String>> = listed
        .iter()
        .map(|(id, info)| {
            vec![
                id_text(*id),
                info.config.name.clone(),
                state_in(info.state, t).to_owned(),
            ]
        })
        .collect();
    table(&[t.column_id, t.column_name, t.column_state], &rows)
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

pub(super) fn key_value(key: &str, value: impl std::fmt::Display) -> String {
    format!("{} {value}", pad_bytes(key, 15))
}

/// `dominfo`'s lines, as virsh prints them for a QEMU domain on a host without a security
/// driver. `facts` give the maximum memory and what `--live` changed; the CPU time is how
/// long the domain has been in its state (the simulator counts no real CPU), shown while it
/// is active, as QEMU reports none for a shut off domain.
pub(crate) fn dominfo(
    info: &VmInfo,
    id: Option<usize>,
    facts: &Facts,
    now: Timestamp,
    t: &ConsoleTexts,
) -> Vec<String> {
    let [id_key, name, uuid, os_type, state, cpus, cpu_time, max_memory, used_memory, persistent, autostart, managed_save, security_model, security_doi] =
        t.dominfo_keys;
    let config = &info.config;
    let active = info.state.is_active();
    let kib = config.memory.saturating_mul(1024);
    let (vcpus, used) = if active {
        (
            facts.live_vcpus.unwrap_or(config.vcpus),
            facts.live_memory.unwrap_or(kib),
        )
    } else {
        (config.vcpus, kib)
    };
    let mut lines = vec![
        key_value(id_key, id_text(id)),
        key_value(name, &config.name),
        key_value(uuid, fake_uuid(&config.name)),
        key_value(os_type, "hvm"),
        key_value(state, state_in(info.state, t)),
        key_value(cpus, vcpus),
    ];
    if active {
        let tenths = now.saturating_sub(info.state_changed_at) / 100;
        let time = fill(
            t.cpu_time,
            &[("seconds", &(tenths / 10)), ("tenths", &(tenths % 10))],
        );
        lines.push(key_value(cpu_time, time));
    }
    lines.extend([
        key_value(
            max_memory,
            format!("{} KiB", facts.max_memory.unwrap_or(0).max(kib)),
        ),
        key_value(used_memory, format!("{used} KiB")),
        key_value(persistent, t.yes),
        key_value(autostart, t.autostart_disabled),
        key_value(managed_save, t.no),
        key_value(security_model, "none"),
        key_value(security_doi, "0"),
    ]);
    lines
}

/// `dumpxml`'s lines: `config` as libvirt's domain XML, as a QEMU/KVM host would show it.
/// `id` is `Some` for the running domain (with its Id, and what `--live` changed in
/// `facts`), `None` for the config it boots with (`--inactive`, or a shut off domain).
pub(crate) fn domain_xml(
    config: &VmConfig,
    facts: &Facts,
    id: Option<Option<usize>>,
) -> Vec<String> {
    let live = id.is_some();
    let kib = config.memory.saturating_mul(1024);
    let current = if live {
        facts.live_memory.unwrap_or(kib)
    } else {
        kib
    };
    let max = facts.max_memory.unwrap_or(0).max(kib);
    let max_vcpus = facts.max_vcpus.unwrap_or(0).max(config.vcpus);
    let vcpus = if live {
        facts.live_vcpus.unwrap_or(config.vcpus)
    } else {
        config.vcpus
    };
    let opening = match id.flatten() {
        Some(id) => format!("<domain type='kvm' id='{id}'>"),
        None => "<domain type='kvm'>".to_owned(),
    };
    let vcpu = if vcpus == max_vcpus {
        format!("  <vcpu placement='static'>{max_vcpus}</vcpu>")
    } else {
        format!("  <vcpu placement='static' current='{vcpus}'>{max_vcpus}</vcpu>")
    };
    let mut lines = vec![
        opening,
        format!("  <name>{}</name>", escape_markup(&config.name)),
        format!("  <uuid>{}</uuid>", fake_uuid(&config.name)),
        format!("  <memory unit='KiB'>{max}</memory>"),
        format!("  <currentMemory unit='KiB'>{current}</currentMemory>"),
        vcpu,
        "  <os>".to_owned(),
        "    <type arch='x86_64' machine='pc'>hvm</type>".to_owned(),
    ];
    if config.iso_image.is_some() {
        lines.push("    <boot dev='cdrom'/>".to_owned());
    }
    lines.extend(
        [
            "    <boot dev='hd'/>",
            "  </os>",
            "  <clock offset='utc'/>",
            "  <on_poweroff>destroy</on_poweroff>",
            "  <on_reboot>restart</on_reboot>",
            "  <on_crash>destroy</on_crash>",
            "  <devices>",
            "    <emulator>/usr/bin/qemu-system-x86_64</emulator>",
            "    <disk type='file' device='disk'>",
            "      <driver name='qemu' type='qcow2'/>",
        ]
        .map(str::to_owned),
    );
    if !config.disk_path.is_empty() {
        lines.push(format!(
            "      <source file='{}'/>",
            escape_markup(&config.disk_path)
        ));
    }
    lines.push("      <target dev='vda' bus='virtio'/>".to_owned());
    lines.push("    </disk>".to_owned());
    if let Some(iso) = &config.iso_image {
        lines.extend([
            "    <disk type='file' device='cdrom'>".to_owned(),
            "      <driver name='qemu' type='raw'/>".to_owned(),
            format!("      <source file='{}'/>", escape_markup(iso)),
            "      <target dev='sda' bus='sata'/>".to_owned(),
            "      <readonly/>".to_owned(),
            "    </disk>".to_owned(),
        ]);
    }
    lines.extend([
        "    <interface type='network'>".to_owned(),
        format!(
            "      <source network='{}'/>",
            escape_markup(&config.network)
        ),
        "      <model type='virtio'/>".to_owned(),
        "    </interface>".to_owned(),
        "  </devices>".to_owned(),
        "</domain>".to_owned(),
    ]);
    lines
}

/// One group's lines in `help`: its title, then its commands sorted by name.
pub(crate) fn help_group(group: Group, t: &ConsoleTexts) -> Vec<String> {
    let mut specs: Vec<&CommandSpec> = COMMANDS.iter().filter(|spec| spec.group == group).collect();
    crate::ordering::sort_by_text(&mut specs, |spec| spec.name);
    let mut lines = vec![fill(
        t.group_line,
        &[("title", &group.title()), ("keyword", &group.keyword())],
    )];
    for spec in specs {
        lines.push(format!("    {:<30} {}", spec.name, t.help(spec.summary)));
    }
    lines.push(String::new());
    lines
}

/// `help`'s list of commands, by group, as virsh lists its own.
pub(crate) fn help_list(t: &ConsoleTexts) -> Vec<String> {
    let mut lines = vec![t.grouped_commands.to_owned(), String::new()];
    for group in Group::ALL {
        lines.extend(help_group(group, t));
    }
    lines
}

/// `help COMMAND`, in virsh's layout (NAME, SYNOPSIS, DESCRIPTION, OPTIONS); `None` if there
/// is no such command.
pub(crate) fn help_command(name: &str, t: &ConsoleTexts) -> Option<Vec<String>> {
    let spec: &CommandSpec = find_command(name)?;
    let [name_title, synopsis, description, options_title] = t.help_sections;
    let mut lines = vec![
        name_title.to_owned(),
        format!("    {} - {}", spec.name, t.help(spec.summary)),
        String::new(),
        synopsis.to_owned(),
        format!("    {}", spec.usage(t)),
        String::new(),
        description.to_owned(),
        format!("    {}", t.help(spec.description)),
        String::new(),
    ];
    let options = spec.option_lines(t);
    if !options.is_empty() {
        lines.push(options_title.to_owned());
        for (shown, help) in options {
            lines.push(format!("    {}  {help}", pad_bytes(&shown, 15)));
        }
        lines.push(String::new());
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

/// `nodeinfo`'s lines, in virsh's layout (keys padded to 20 bytes, as its `printf` pads
/// them, in `t`'s words). The simulated host has one socket, one NUMA cell and one thread per
/// core; an unlimited size shows as what the VMs hold (at least 1 CPU, 1 GiB).
pub(crate) fn nodeinfo(info: &crate::manager::HostInfo, t: &ConsoleTexts) -> Vec<String> {
    let cpus = info.host.cpus.map_or(info.usage.vcpus.max(1), u64::from);
    let memory_mb = info.host.memory.unwrap_or(info.usage.memory.max(1024));
    let values: [&dyn std::fmt::Display; 8] = [
        &"x86_64",
        &cpus,
        &"2400 MHz",
        &1,
        &cpus,
        &1,
        &1,
        &format!("{} KiB", memory_mb.saturating_mul(1024)),
    ];
    t.nodeinfo_keys
        .iter()
        .zip(values)
        .map(|(key, value)| format!("{} {value}", pad_bytes(key, 20)))
        .collect()
}

/// `dommemstat`'s lines, as QEMU's balloon driver reports them, in KiB: `actual` is the
/// guest's memory, `rss` what it uses at simulated second `t` (see `usage_model`).
pub(crate) fn dommemstat(info: &VmInfo, actual_kib: u64, t: u64) -> Vec<String> {
    let config = &info.config;
    let used_kib = usage_model::memory_used_mb(&config.name, info.state, config.memory, t)
        .saturating_mul(1024)
        .min(actual_kib);
    let unused = actual_kib - used_kib;
    [
        ("actual", actual_kib),
        ("swap_in", 0),
        ("swap_out", 0),
        ("major_fault", 0),
        ("minor_fault", 0),
        ("unused", unused),
        ("available", actual_kib),
        ("usable", unused),
        ("last_update", t),
        ("disk_caches", 0),
        ("hugetlb_pgalloc", 0),
        ("hugetlb_pgfail", 0),
        ("rss", used_kib),
    ]
    .into_iter()
    .map(|(key, value)| format!("{key} {value}"))
    .collect()
}

/// libvirt's numbers for a state and its reason (`virDomainState`, `virDomain*Reason`).
fn state_numbers(state: VmState, reason: Option<Reason>) -> (u8, u8) {
    match state {
        VmState::Running => (
            1,
            match reason {
                Some(Reason::Booted) => 1,
                Some(Reason::FromSnapshot) => 4,
                Some(Reason::Unpaused) => 5,
                _ => 0,
            },
        ),
        VmState::Paused => (3, u8::from(reason == Some(Reason::User))),
        VmState::Stopped => (
            5,
            match reason {
                Some(Reason::Shutdown) => 1,
                Some(Reason::Destroyed) => 2,
                Some(Reason::FromSnapshot) => 7,
                _ => 0,
            },
        ),
    }
}

/// `domstats`'s lines for one domain: the state, and while it is active the CPU time (the
/// guest's simulated use over `t` seconds, in ns), the balloon and the vCPUs.
pub(crate) fn domstats(info: &VmInfo, facts: &Facts, actual_kib: u64, t: u64) -> Vec<String> {
    let config = &info.config;
    let (state, reason) = state_numbers(info.state, facts.reason_for(info.state));
    let mut lines = vec![
        format!("Domain: '{}'", config.name),
        format!("  state.state={state}"),
        format!("  state.reason={reason}"),
    ];
    if info.state.is_active() {
        // Sum of the guest's CPU use over the simulated seconds so far: per mille of one CPU
        // per second is 10^6 ns.
        let cpu_ns: u64 = (0..t.min(86_400))
            .map(|second| u64::from(usage_model::cpu_permille(&config.name, info.state, second)))
            .sum::<u64>()
            .saturating_mul(1_000_000);
        let vcpus = facts.live_vcpus.unwrap_or(config.vcpus);
        lines.extend([
            format!("  cpu.time={cpu_ns}"),
            format!("  balloon.current={actual_kib}"),
            format!(
                "  balloon.maximum={}",
                facts
                    .max_memory
                    .unwrap_or(0)
                    .max(config.memory.saturating_mul(1024))
            ),
            format!("  vcpu.current={vcpus}"),
            format!(
                "  vcpu.maximum={}",
                facts.max_vcpus.unwrap_or(config.vcpus).max(vcpus)
            ),
        ]);
    }
    lines
}
