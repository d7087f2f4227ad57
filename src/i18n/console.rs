//! The console's catalogue: every word the virsh-like console prints, in each language.
//!
//! Kept apart from [`Texts`](super::Texts) (the page's words): the console follows libvirt's
//! own translation, virsh's words under each locale, character for character, including the
//! lines libvirt leaves in English (`Domain 'x' started` under a Russian locale too), so that
//! it stays what a real host prints. Command names, options and values are syntax and are
//! never translated. `tests/virsh/*.ru.golden` are virsh's Russian transcripts, recorded by
//! `scripts/virsh-golden`.
//!
//! Templates name their arguments (`{name}`), filled by [`fill`](super::fill). The help text
//! of each command lives with its syntax in `console/spec.rs`, in English, and is translated
//! the way libvirt translates its own (gettext-style, keyed by the English text):
//! [`ConsoleTexts::help`].

use serde::Serialize;

use super::Lang;

// Not indented: the struct as it was, declared through `catalogue!` (rustfmt leaves a
// macro's body alone), which also writes its language-file reader (`file.rs`).
super::file::catalogue! {
/// Every message of the console in one language. A field's doc says where it shows and its
/// arguments; an error's message is printed in [`ConsoleTexts::error_line`].
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ConsoleTexts {
    /// How virsh prints an error: `error: {message}`.
    pub error_line: &'static str,

    // ---- Errors of the command line (parse.rs, units.rs) --------------------------------
    /// The console's own hint after an error (not virsh's). `{suggestion}`: a command.
    pub did_you_mean: &'static str,
    /// A line longer than the console takes (not virsh's). `{got}`, `{max}`: characters.
    pub line_too_long: &'static str,
    /// A quote left open. `{quote}`: `'` or `"`.
    pub missing_quote: &'static str,
    /// `{word}`: the first word, no command.
    pub unknown_command: &'static str,
    /// `help WORD` for no command and no group. `{word}`.
    pub unknown_help_topic: &'static str,
    /// After [`ConsoleTexts::unknown_command`] for a word typed in the Russian keyboard
    /// layout. `{command}`: the command it spells in the Latin one.
    pub wrong_layout: &'static str,
    /// `quit` or `exit`: the console is part of the page.
    pub stays_open: &'static str,
    /// `{command}`, `{option}` (with its dashes).
    pub unknown_option: &'static str,
    /// `{command}`, `{argument}` (`<domain>` or `--size`).
    pub missing_argument: &'static str,
    /// `{argument}`: the first one too many.
    pub unexpected_argument: &'static str,
    /// An option without its value. `{option}`, `{placeholder}` (already in the language).
    pub missing_value: &'static str,
    /// `--flag=value` for a flag. `{option}`.
    pub unexpected_value: &'static str,
    /// The same option twice. `{option}`.
    pub repeated_option: &'static str,
    /// An argument given as `''`, which virsh refuses when the command reads it. `{option}`
    /// (its name, without dashes).
    pub empty_argument: &'static str,
    /// A count that is no whole number. `{value}`, `{option}` (without dashes).
    pub bad_number: &'static str,
    /// A size that is no whole number with a unit. `{value}`, `{option}`.
    pub bad_scaled_number: &'static str,
    /// The line after `bad_scaled_number` for a unit virsh doesn't know. `{suffix}`.
    pub unknown_suffix: &'static str,
    /// The line after `bad_scaled_number` for a size past 64 bits. `{number}`, `{suffix}`.
    pub too_large: &'static str,
    /// A value's type in a synopsis, `help COMMAND` and `expected syntax`: `<string>`.
    pub type_string: &'static str,
    /// `<number>`.
    pub type_number: &'static str,

    // ---- What commands print (exec.rs) ---------------------------------------------------
    /// `create`. `{name}`.
    pub domain_created: &'static str,
    /// `create --stopped`. `{name}`.
    pub domain_defined: &'static str,
    /// `start`. `{name}`: as typed.
    pub domain_started: &'static str,
    /// `shutdown`. `{name}`.
    pub domain_shutdown: &'static str,
    /// `destroy`. `{name}`.
    pub domain_destroyed: &'static str,
    /// `suspend`. `{name}`.
    pub domain_suspended: &'static str,
    /// `resume`. `{name}`.
    pub domain_resumed: &'static str,
    /// `reboot`. `{name}`.
    pub domain_rebooted: &'static str,
    /// `undefine`. `{name}`.
    pub domain_undefined: &'static str,
    /// `domrename`.
    pub domain_renamed: &'static str,
    /// The first line of a refused operation. `{verb}`: virsh's command, `{name}`.
    pub failed_to: &'static str,
    /// `start` on an active domain: virsh's own check.
    pub already_active: &'static str,
    /// No such domain. `{name}`: as typed.
    pub not_found: &'static str,
    /// `create` with a name taken. `{name}`, `{uuid}`.
    pub already_exists: &'static str,
    /// Any other error of the core. `{error}`: its words in the language.
    pub other_error: &'static str,
    /// An operation the domain's state forbids. `{reason}`: one of the `reason_*`.
    pub not_valid: &'static str,
    /// Why: the domain is running or paused.
    pub reason_already_active: &'static str,
    /// Why: the domain isn't running.
    pub reason_not_running: &'static str,
    /// Why: the domain isn't paused.
    pub reason_not_paused: &'static str,
    /// Why: `domrename` of an active domain.
    pub reason_rename_active: &'static str,
    /// Why: `domrename` to its own name.
    pub reason_rename_itself: &'static str,
    /// Why: `domrename` to a name taken. `{name}`.
    pub reason_name_taken: &'static str,
    /// Why: `setmaxmem --live`.
    pub reason_max_memory_active: &'static str,
    /// `--current` with `--live` or `--config`. `{option}`.
    pub exclusive_options: &'static str,
    /// `setvcpus --maximum` without `--config`.
    pub maximum_needs_config: &'static str,
    /// A change the backend can't keep. `{api}`: libvirt's function.
    pub unsupported: &'static str,
    /// `setmem 0`, `setmaxmem 0`.
    pub memory_zero: &'static str,
    /// `setmem` above the maximum.
    pub memory_above_max: &'static str,
    /// `dommemstat` of a shut off domain, before the reason (`{name}` as typed).
    pub memory_stats_failed: &'static str,
    /// The line `setmaxmem` prints before its reason.
    pub max_memory_failed: &'static str,
    /// `setvcpus 0`.
    pub zero_cpus: &'static str,
    /// `setvcpus --maximum` above what the host allows. `{count}`, `{max}`.
    pub vcpus_above_limit: &'static str,
    /// `setvcpus` above the maximum. `{count}`, `{max}`.
    pub vcpus_above_max: &'static str,

    // ---- States and reasons (list, domstate, dominfo) -------------------------------------
    /// A running domain.
    pub state_running: &'static str,
    /// A paused domain.
    pub state_paused: &'static str,
    /// A shut off domain.
    pub state_shut_off: &'static str,
    /// `domstate --reason`. `{state}`, `{reason}`.
    pub state_with_reason: &'static str,
    /// Why running: it booted.
    pub reason_booted: &'static str,
    /// Why running: it was resumed.
    pub reason_unpaused: &'static str,
    /// Why paused: the user paused it.
    pub reason_user: &'static str,
    /// Why shut off: it was shut down.
    pub reason_shutdown: &'static str,
    /// Why shut off: it was destroyed.
    pub reason_destroyed: &'static str,
    /// Why: restored from a snapshot.
    pub reason_from_snapshot: &'static str,
    /// Why: the console didn't see it happen.
    pub reason_unknown: &'static str,

    // ---- list and dominfo ------------------------------------------------------------------
    /// `list`'s header: the Id column.
    pub column_id: &'static str,
    /// The Name column.
    pub column_name: &'static str,
    /// The State column.
    pub column_state: &'static str,
    /// `dominfo`'s keys, in its order: Id, Name, UUID, OS Type, State, CPU(s), CPU time, Max
    /// memory, Used memory, Persistent, Autostart, Managed save, Security model, Security DOI.
    pub dominfo_keys: [&'static str; 14],
    /// `nodeinfo`'s keys, in its order: CPU model, CPU(s), CPU frequency, CPU socket(s),
    /// Core(s) per socket, Thread(s) per core, NUMA cell(s), Memory size.
    pub nodeinfo_keys: [&'static str; 8],
    /// `dominfo`'s CPU time. `{seconds}`, `{tenths}`.
    pub cpu_time: &'static str,
    /// `dominfo`'s Persistent value.
    pub yes: &'static str,
    /// `dominfo`'s Managed save value.
    pub no: &'static str,
    /// `dominfo`'s Autostart value.
    pub autostart_disabled: &'static str,

    // ---- snapshots -----------------------------------------------------------------------------
    /// `snapshot-create-as`. `{name}`: the snapshot.
    pub snapshot_created: &'static str,
    /// `snapshot-revert`. `{name}`.
    pub snapshot_reverted: &'static str,
    /// `snapshot-delete`. `{name}`.
    pub snapshot_deleted: &'static str,
    /// `snapshot-info`, `snapshot-revert`, `snapshot-delete` with neither a snapshot's name
    /// nor `--current`.
    pub snapshot_name_required: &'static str,
    /// The same with both.
    pub snapshot_name_or_current: &'static str,
    /// `snapshot-list --leaves --tree` (virsh words it without "Options").
    pub leaves_and_tree: &'static str,
    /// `--current` for a domain with no current snapshot (libvirt's error).
    pub no_current_snapshot_found: &'static str,
    /// `snapshot-current` of a domain without one. `{name}`: the domain.
    pub no_current_snapshot: &'static str,
    /// No such snapshot. `{name}`.
    pub snapshot_not_found: &'static str,
    /// `snapshot-create-as` with a name taken. `{name}`.
    pub snapshot_exists: &'static str,
    /// Why: `undefine` of a domain with snapshots. `{count}`.
    pub reason_has_snapshots: &'static str,
    /// `snapshot-list`'s Creation Time column.
    pub column_creation_time: &'static str,
    /// `snapshot-list --parent`'s Parent column.
    pub column_parent: &'static str,
    /// `snapshot-info`'s keys, in its order: Name, Domain, Current, State, Location, Parent,
    /// Children, Descendants, Metadata.
    pub snapshot_info_keys: [&'static str; 9],
    /// `snapshot-info`'s Location value.
    pub location_internal: &'static str,

    // ---- virt-clone ------------------------------------------------------------------------
    /// How virt-clone prints an error: `ERROR    {message}`.
    pub clone_error_line: &'static str,
    /// The progress line's start. `{file}`: the original disk's file name.
    pub clone_cloning: &'static str,
    /// The clone is made. `{name}`.
    pub clone_created: &'static str,
    /// `--original` names no domain. `{name}`.
    pub clone_not_found: &'static str,
    /// The original is running or paused.
    pub clone_must_be_shutoff: &'static str,
    /// `--name` is taken. `{name}`.
    pub clone_name_in_use: &'static str,
    /// Neither `--auto-clone` nor a file (the console has no `--file`).
    pub clone_needs_auto: &'static str,
    /// Any other refusal of the core. `{error}`: its words in the language.
    pub clone_other_error: &'static str,

    // ---- help --------------------------------------------------------------------------------
    /// `help`'s first line.
    pub grouped_commands: &'static str,
    /// A group's title line. `{title}` (virsh leaves titles in English), `{keyword}`.
    pub group_line: &'static str,
    /// `help COMMAND`'s sections: NAME, SYNOPSIS, DESCRIPTION, OPTIONS.
    pub help_sections: [&'static str; 4],
    /// The help texts of `console/spec.rs` (summaries, descriptions, arguments' and
    /// options'), each as `(english, translated)`; empty for English, whose words are the
    /// spec's own. See [`ConsoleTexts::help`].
    pub help: &'static [(&'static str, &'static str)],

    // ---- The console's own notes (not virsh's) ---------------------------------------------
    /// After the first Tab candidates, when there are more. `{more}`: how many.
    pub more_candidates: &'static str,
    /// The transcript's first line once older lines were dropped. `{count}`: lines kept.
    pub older_lines_gone: &'static str,
    /// A GUI edit with no one-line virsh equivalent. `{name}`, `{changes}` (the
    /// changed fields as `Lang::config_changes` words them, joined by `, `).
    pub mirror_edit: &'static str,
    /// Discarding a pending config. `{name}`.
    pub mirror_discard: &'static str,
    /// `undo` done. `{change}`: what was undone, e.g. `delete db-01` (never translated).
    pub undone: &'static str,
    /// `redo` done. `{change}`, as for `undone`.
    pub redone: &'static str,
    /// `undo` with nothing to undo.
    pub nothing_to_undo: &'static str,
    /// `redo` with nothing to redo.
    pub nothing_to_redo: &'static str,
}
}

impl ConsoleTexts {
    /// A help text of `console/spec.rs` in this language: its translation, or itself in
    /// English. (`tests/console_i18n.rs` checks that every help text has its translation.)
    pub fn help(&self, english: &'static str) -> &'static str {
        self.help
            .iter()
            .find(|(key, _)| *key == english)
            .map_or(english, |(_, translated)| translated)
    }

    /// `message` as virsh prints an error: `error: ...`.
    pub fn error(&self, message: &str) -> String {
        super::fill(self.error_line, &[("message", &message)])
    }
}

impl Lang {
    /// Every message of the console in this language.
    pub fn console(self) -> &'static ConsoleTexts {
        match self {
            Lang::En => &super::console_en::CONSOLE_EN,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::Ru => &super::console_ru::CONSOLE_RU,
            #[cfg(target_arch = "wasm32")]
            Lang::Ru => super::RUSSIAN
                .get()
                .map_or(&super::console_en::CONSOLE_EN, |russian| &russian.1),
        }
    }
}
