//! The catalogue's shape: one field per message. Each language file fills every field.

use serde::Serialize;

use super::Plural;
use crate::manager::{ConfigField, Refusal, Transition, VmState};

// Not indented: the struct as it was, declared through `catalogue!` (rustfmt leaves a
// macro's body alone), which also writes its language-file reader (`file.rs`).
super::file::catalogue! {
/// Every message of the app in one language. Fields are templates: `{name}` is filled by
/// [`fill`](super::fill) with the argument of that name; [`Plural`]s also take `{n}`, the
/// count. A field's doc says where it shows and its arguments.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Texts {
    // ---- The page --------------------------------------------------------------------
    /// `<title>` and the page's heading.
    pub app_name: &'static str,
    /// The line under the heading.
    pub tagline: &'static str,
    /// `<meta name="description">`.
    pub meta_description: &'static str,
    /// The language menu's label (its accessible name).
    pub language: &'static str,

    // ---- States and operations -------------------------------------------------------
    /// A running VM's state, as a badge or a table cell shows it.
    pub state_running: &'static str,
    /// A paused VM's state.
    pub state_paused: &'static str,
    /// A stopped VM's state.
    pub state_stopped: &'static str,
    /// The Start button.
    pub action_start: &'static str,
    /// The Stop button.
    pub action_stop: &'static str,
    /// The Pause button.
    pub action_pause: &'static str,
    /// The Resume button.
    pub action_resume: &'static str,
    /// The Edit button.
    pub action_edit: &'static str,
    /// The Delete button.
    pub action_delete: &'static str,
    /// The Discard button of pending changes.
    pub action_discard: &'static str,
    /// A row's Start button's accessible name. `{name}`: the VM.
    pub start_vm: &'static str,
    /// A row's Stop button's accessible name. `{name}`.
    pub stop_vm: &'static str,
    /// A row's Pause button's accessible name. `{name}`.
    pub pause_vm: &'static str,
    /// A row's Resume button's accessible name. `{name}`.
    pub resume_vm: &'static str,
    /// A row's Edit button's accessible name. `{name}`.
    pub edit_vm: &'static str,
    /// A row's Delete button's accessible name. `{name}`.
    pub delete_vm: &'static str,
    /// A row's Discard button's accessible name. `{name}`.
    pub discard_pending_of: &'static str,
    /// The VM's name as a button. `{name}`.
    pub show_details_of: &'static str,
    /// Why an action is unavailable (a disabled button's tooltip). `{action}`: the button's
    /// word in lower case; `{name}`; `{reason}`: one of the `refusal_*` below.
    pub cant_do: &'static str,
    /// Why start is refused: the VM runs.
    pub refusal_already_running: &'static str,
    /// Why start is refused: the VM is paused.
    pub refusal_paused_not_stopped: &'static str,
    /// Why stop, pause or resume is refused: the VM is stopped.
    pub refusal_not_running: &'static str,
    /// Why pause is refused: the VM is paused.
    pub refusal_already_paused: &'static str,
    /// Why resume is refused: the VM runs.
    pub refusal_not_paused: &'static str,
    /// Why a rename is refused: the VM is active.
    pub refusal_rename_active: &'static str,

    // ---- Sizes -----------------------------------------------------------------------
    /// Memory under a gigabyte. `{n}`: megabytes.
    pub size_mb: &'static str,
    /// Memory or disk in gigabytes. `{n}`: gigabytes, maybe with one decimal.
    pub size_gb: &'static str,
    /// A field with no value (no ISO image, an empty disk path), wherever a value is written.
    pub no_value: &'static str,

    // ---- The list --------------------------------------------------------------------
    /// The list's heading.
    pub vms_heading: &'static str,
    /// The name filter's label.
    pub filter_by_name: &'static str,
    /// The state filter's label.
    pub filter_state: &'static str,
    /// The state filter's first option.
    pub all_states: &'static str,
    /// Under the filters while they hide some VMs. `{shown}`, `{total}`: counts.
    pub showing_of: &'static str,
    /// The empty list.
    pub no_vms_yet: &'static str,
    /// The list when the filters hide every VM.
    pub no_vm_matches: &'static str,
    /// The button that clears both filters.
    pub clear_filters: &'static str,
    /// The summary's count of VMs; `{n}`.
    pub summary_vms: Plural,
    /// The summary's count of vCPUs held; `{n}`.
    pub summary_vcpus: Plural,
    /// The summary line. `{vms}`: [`Texts::summary_vms`]; `{running}`, `{paused}`,
    /// `{stopped}`: counts; `{memory}`: memory held; `{vcpus}`: [`Texts::summary_vcpus`].
    pub summary: &'static str,
    /// A row's config line. `{memory}`, `{vcpus}`, `{disk}` (a size), `{network}`, `{iso}`.
    pub specs: &'static str,
    /// Before a row's pending changes.
    pub pending_heading: &'static str,
    /// One pending change. `{what}`: a field's word; `{from}`, `{to}`: values.
    pub pending_change: &'static str,

    // ---- Config fields ---------------------------------------------------------------
    /// The name field's label (part of the automation contract).
    pub label_name: &'static str,
    /// The memory field's label.
    pub label_memory: &'static str,
    /// The vCPUs field's label.
    pub label_vcpus: &'static str,
    /// The disk path field's label.
    pub label_disk_path: &'static str,
    /// The disk size field's label.
    pub label_disk_size: &'static str,
    /// The ISO image field's label.
    pub label_iso_image: &'static str,
    /// The network field's label.
    pub label_network: &'static str,
    /// The name field's hint. `{max}`: the longest name.
    pub hint_name: &'static str,
    /// The disk path field's hint.
    pub hint_disk_path: &'static str,
    /// The ISO field's hint.
    pub hint_iso_image: &'static str,
    /// The name field's placeholder.
    pub placeholder_name: &'static str,
    /// The name as a term in the details panel.
    pub term_name: &'static str,
    /// Memory as a term in the details panel.
    pub term_memory: &'static str,
    /// vCPUs as a term in the details panel.
    pub term_vcpus: &'static str,
    /// Disk path as a term in the details panel.
    pub term_disk_path: &'static str,
    /// Disk size as a term in the details panel.
    pub term_disk_size: &'static str,
    /// ISO image as a term in the details panel.
    pub term_iso_image: &'static str,
    /// Network as a term in the details panel.
    pub term_network: &'static str,
    /// A field in running text (pending changes, messages): the name.
    pub field_name: &'static str,
    /// Memory, in running text.
    pub field_memory: &'static str,
    /// vCPUs, in running text.
    pub field_vcpus: &'static str,
    /// Disk path, in running text.
    pub field_disk_path: &'static str,
    /// Disk size, in running text.
    pub field_disk_size: &'static str,
    /// ISO image, in running text.
    pub field_iso_image: &'static str,
    /// Network, in running text.
    pub field_network: &'static str,

    // ---- Create and edit -------------------------------------------------------------
    /// The create panel's heading.
    pub create_heading: &'static str,
    /// The create form's accessible name.
    pub create_form: &'static str,
    /// The create (and start) button.
    pub create: &'static str,
    /// The create-stopped button.
    pub create_stopped: &'static str,
    /// The edit dialog's title and form name. `{name}`.
    pub edit_title: &'static str,
    /// The edit dialog's note for an active VM.
    pub edit_active_note: &'static str,
    /// The edit dialog's note for a stopped VM.
    pub edit_stopped_note: &'static str,
    /// Why an active VM's name is read-only. `{name}`, `{state}` (lower case).
    pub rename_needs_stop: &'static str,
    /// The edit dialog when its VM went away. `{name}`.
    pub edit_vm_gone: &'static str,
    /// The edit form's submit.
    pub save: &'static str,
    /// Every dialog's Cancel.
    pub cancel: &'static str,

    // ---- Delete ----------------------------------------------------------------------
    /// The delete dialog's title. `{name}`.
    pub delete_title: &'static str,
    /// The delete dialog's first paragraph. `{name}`.
    pub delete_body: &'static str,
    /// The delete dialog's note for an active VM. `{name}`, `{state}` (lower case).
    pub delete_forced_off: &'static str,
    /// The delete dialog of a VM with snapshots: they go too. `{n}`.
    pub delete_snapshots_too: Plural,

    /// Details: the snapshots' heading.
    pub snapshots_heading: &'static str,
    /// Details: a VM without snapshots.
    pub no_snapshots: &'static str,
    /// Details: the current snapshot's mark.
    pub snapshot_current: &'static str,
    /// Details: a snapshot's time and state. `{time}`, `{state}`.
    pub snapshot_line: &'static str,
    /// The Take snapshot button's accessible name (contract). `{name}`.
    pub take_snapshot_of: &'static str,
    /// The Take snapshot button's text and the dialog's submit (contract).
    pub take_snapshot: &'static str,
    /// The Revert button's accessible name (contract). `{name}`, `{snapshot}`.
    pub revert_to: &'static str,
    /// The Revert button's text and the dialog's action (contract).
    pub revert: &'static str,
    /// The snapshot Delete button's accessible name (contract). `{name}`, `{snapshot}`.
    pub delete_snapshot_of: &'static str,
    /// The Clone button's accessible name (contract). `{name}`.
    pub clone_vm: &'static str,
    /// The Clone button's text and the dialog's submit (contract).
    pub clone: &'static str,
    /// The Take snapshot dialog's title. `{name}`.
    pub take_snapshot_title: &'static str,
    /// What a snapshot keeps. `{name}`, `{state}`.
    pub take_snapshot_note: &'static str,
    /// The snapshot name field's label.
    pub label_snapshot_name: &'static str,
    /// The description field's label.
    pub label_snapshot_description: &'static str,
    /// The revert dialog's title. `{name}`, `{snapshot}`.
    pub revert_title: &'static str,
    /// What a revert does. `{name}`, `{state}` (the snapshot's), `{current}` (the VM's now).
    pub revert_body: &'static str,
    /// A revert also loses the pending changes. `{name}`.
    pub revert_pending_lost: &'static str,
    /// The snapshot delete dialog's title. `{name}`, `{snapshot}`.
    pub delete_snapshot_title: &'static str,
    /// What deleting a snapshot does. `{name}`.
    pub delete_snapshot_body: &'static str,
    /// Its children move up. `{n}`, `{parent}` (the parent, or `no_parent`).
    pub delete_snapshot_children: Plural,
    /// `{parent}` when the snapshot is a root.
    pub no_parent: &'static str,
    /// The clone dialog's title. `{name}`.
    pub clone_title: &'static str,
    /// What the clone gets. `{name}`, `{path}`, `{size}`.
    pub clone_note: &'static str,
    /// The clone name field's label.
    pub label_clone_name: &'static str,

    // ---- Data: export, import, reset, backups -----------------------------------------
    /// The data controls' group name.
    pub data: &'static str,
    /// The export button.
    pub export: &'static str,
    /// The import button.
    pub import_button: &'static str,
    /// The hidden file input's accessible name.
    pub import_file: &'static str,
    /// The reset button.
    pub reset_to_demo: &'static str,
    /// An import refused as a whole. `{file}`: its name; `{reason}`.
    pub import_refused: &'static str,
    /// A file that could not be read. `{file}`.
    pub import_unreadable: &'static str,
    /// The import dialog's title. `{file}`.
    pub import_title: &'static str,
    /// The import dialog's first paragraph. `{summary}`: the preview's summary.
    pub import_holds: &'static str,
    /// The VMs of a file; `{n}`.
    pub import_vms: Plural,
    /// A preview with entries left out, all named. `{vms}`, `{rejected}`, `{reasons}`.
    pub import_rejected: &'static str,
    /// A preview with more entries left out than it names. `{vms}`, `{rejected}`, `{shown}`,
    /// `{reasons}`.
    pub import_rejected_first: &'static str,
    /// How many imported VMs take names that exist here; `{n}`.
    pub import_conflicts: Plural,
    /// What Replace and Merge do.
    pub import_choice: &'static str,
    /// The file's host, and what Replace and Merge do with it. `{memory}`, `{cpus}`,
    /// `{storage}` (each a size, or the word for unlimited).
    pub import_host: &'static str,
    /// The same, for a host that may overcommit memory.
    pub import_host_overcommit: &'static str,
    /// A file without a host (exported before there was one).
    pub import_host_absent: &'static str,
    /// A file whose host fails the checks. `{reason}`.
    pub import_host_unusable: &'static str,
    /// The import dialog's Replace.
    pub replace: &'static str,
    /// The import dialog's Merge.
    pub merge: &'static str,
    /// The reset dialog's title.
    pub reset_title: &'static str,
    /// The reset dialog's first paragraph.
    pub reset_body: &'static str,
    /// The reset dialog's advice.
    pub reset_export_advice: &'static str,
    /// The reset dialog's export button.
    pub export_first: &'static str,
    /// The reset dialog's Reset.
    pub reset: &'static str,
    /// Shown while a file is dragged over the page.
    pub drop_hint: &'static str,
    /// Before the list of backups.
    pub backups_heading: &'static str,
    /// A backup's download button.
    pub download: &'static str,
    /// A backup's delete button's accessible name. `{key}`.
    pub delete_backup: &'static str,

    // ---- Errors (the core's, put into words) -------------------------------------------
    /// No such VM. `{name}`.
    pub error_not_found: &'static str,
    /// A name taken. `{name}`.
    pub error_already_exists: &'static str,
    /// An operation refused. `{op}` (an `op_*`), `{name}`, `{why}` (an `explain_*`).
    pub error_refused: &'static str,
    /// An operation refused in a state. `{op}`, `{name}`, `{state}` (lower case).
    pub error_refused_in_state: &'static str,
    /// A reboot of a VM that is not running. `{name}`, `{state}` (lower case).
    pub error_reboot_not_running: &'static str,
    /// A start refused for want of a resource. `{name}`, `{what}` (a `resource_*`), `{unit}`,
    /// `{needed}`, `{free}`, `{total}`.
    pub error_insufficient: &'static str,
    /// The Undo button.
    pub undo: &'static str,
    /// The Redo button.
    pub redo: &'static str,
    /// The Undo button's tooltip. `{change}`: what it would undo, e.g. `delete db-01` (the
    /// event log's operation word and the VM: never translated).
    pub undo_title: &'static str,
    /// The Redo button's tooltip. `{change}`, as for `undo_title`.
    pub redo_title: &'static str,
    /// The disabled Undo button's tooltip.
    pub nothing_to_undo: &'static str,
    /// The disabled Redo button's tooltip.
    pub nothing_to_redo: &'static str,
    /// Why an undo was refused, in the alert beside the buttons. `{error}`.
    pub undo_refused: &'static str,
    /// Why a redo was refused, in the alert beside the buttons. `{error}`.
    pub redo_refused: &'static str,
    /// A host made smaller than its VMs hold. `{what}`, `{unit}`, `{held}`, `{requested}`.
    pub error_host_too_small: &'static str,
    /// An undo or redo refused: another tab changed the VM since. `{name}`.
    pub error_conflict: &'static str,
    /// An undo or redo refused: another tab changed the host since.
    pub error_conflict_host: &'static str,
    /// A host size of the wrong type. `{key}`, `{found}`.
    pub error_host_size_type: &'static str,
    /// A host's overcommit of the wrong type. `{found}`.
    pub error_host_overcommit_type: &'static str,
    /// A host that is no object. `{found}`.
    pub error_host_not_an_object: &'static str,
    /// A host with an unknown key. `{key}`.
    pub error_host_unknown_key: &'static str,
    /// A JS API call's options argument that is no object. `{option}` (the option the call
    /// takes), `{found}`.
    pub error_options_not_an_object: &'static str,
    /// An option that is not a boolean. `{key}`, `{found}`.
    pub error_option_type: &'static str,
    /// An option the call doesn't take. `{key}`, `{option}` (the one it takes).
    pub error_option_unknown: &'static str,
    /// A host resize while a lesson runs.
    pub error_host_of_lesson: &'static str,
    /// A host size out of range. `{what}`, `{unit}`, `{min}`, `{max}`, `{got}`.
    pub error_host_out_of_range: &'static str,
    /// Memory, as a host resource in messages.
    pub resource_memory: &'static str,
    /// CPUs, as a host resource in messages.
    pub resource_cpus: &'static str,
    /// The storage pool, as a host resource in messages.
    pub resource_storage: &'static str,
    /// Memory's unit.
    pub resource_unit_mb: &'static str,
    /// CPUs' unit.
    pub resource_unit_cpus: &'static str,
    /// Storage's unit.
    pub resource_unit_gb: &'static str,
    /// The manager was closed.
    pub error_closed: &'static str,
    /// Saved data that can't be restored. `{reason}`.
    pub error_invalid_saved_state: &'static str,
    /// A VM of a saved state refused. `{name}`, `{error}` (the reason).
    pub saved_vm: &'static str,
    /// A VM whose name another VM before it has.
    pub saved_name_twice: &'static str,
    /// A stopped VM with pending changes in saved data.
    pub saved_pending_while_stopped: &'static str,
    /// Pending changes that rename a VM in saved data.
    pub saved_pending_renames: &'static str,
    /// Too many snapshots in saved data. `{count}`, `{max}`.
    pub saved_too_many_snapshots: &'static str,
    /// A snapshot dated after the latest date. `{snapshot}`.
    pub saved_snapshot_after_latest_date: &'static str,
    /// A snapshot whose config names another VM. `{snapshot}`, `{vm}`.
    pub saved_snapshot_of_other_vm: &'static str,
    /// A snapshot of a stopped VM with pending changes. `{snapshot}`.
    pub saved_snapshot_pending_while_stopped: &'static str,
    /// A snapshot's pending changes rename the VM. `{snapshot}`.
    pub saved_snapshot_pending_renames: &'static str,
    /// Two snapshots with one name. `{snapshot}`.
    pub saved_snapshot_name_twice: &'static str,
    /// A snapshot among its own parents. `{snapshot}`.
    pub saved_snapshot_own_ancestor: &'static str,
    /// A snapshot's missing parent. `{snapshot}`, `{parent}`.
    pub saved_snapshot_parent_missing: &'static str,
    /// The current snapshot isn't among the VM's. `{snapshot}`.
    pub saved_current_snapshot_missing: &'static str,
    /// A record put back under another VM's name. `{name}`.
    pub saved_record_misnamed: &'static str,
    /// A stored number out of range. `{field}` (its JSON name), `{min}`, `{max}`, `{note}`
    /// (a `note_*` or nothing), `{got}`.
    pub error_record_out_of_range: &'static str,
    /// After 2^53 − 1 in a range (starts with a space).
    pub note_max_safe_integer: &'static str,
    /// After the latest date in a range (starts with a space).
    pub note_latest_date: &'static str,
    /// "start" in messages.
    pub op_start: &'static str,
    /// "stop" in messages.
    pub op_stop: &'static str,
    /// "pause" in messages.
    pub op_pause: &'static str,
    /// "resume" in messages.
    pub op_resume: &'static str,
    /// "rename" in messages.
    pub op_rename: &'static str,
    /// "clone" in messages.
    pub op_clone: &'static str,
    /// Why a clone is refused. `{state}` (lower case).
    pub explain_clone_active: &'static str,
    /// A VM has no snapshot of that name. `{vm}`, `{name}`.
    pub error_snapshot_not_found: &'static str,
    /// A VM has a snapshot of that name already. `{vm}`, `{name}`.
    pub error_snapshot_exists: &'static str,
    /// A VM has as many snapshots as it may. `{vm}`, `{max}`.
    pub error_too_many_snapshots: &'static str,
    /// A delete of a VM with snapshots, not said to take them. `{name}`, `{snapshots}` (a
    /// [`Texts::snapshots_count`]).
    pub error_has_snapshots: &'static str,
    /// A count of snapshots; `{n}`.
    pub snapshots_count: Plural,
    /// "snapshot name" in messages.
    pub field_snapshot_name: &'static str,
    /// "description" (of a snapshot) in messages.
    pub field_snapshot_description: &'static str,
    /// Why start is refused on a running VM.
    pub explain_already_running: &'static str,
    /// Why start is refused on a paused VM.
    pub explain_paused_not_stopped: &'static str,
    /// Why stop, pause or resume is refused on a stopped VM.
    pub explain_not_running: &'static str,
    /// Why pause is refused on a paused VM.
    pub explain_already_paused: &'static str,
    /// Why resume is refused on a running VM.
    pub explain_not_paused: &'static str,
    /// Why a rename is refused. `{state}` (lower case).
    pub explain_rename_active: &'static str,
    /// A disabled Clone button's tooltip.
    pub refusal_clone_active: &'static str,
    /// " MB" after a memory number in a range (starts with a space).
    pub unit_mb: &'static str,
    /// " GB" after a disk number in a range (starts with a space).
    pub unit_gb: &'static str,
    /// A count of characters; `{n}`.
    pub characters: Plural,
    /// An empty field. `{field}` (a `field_*`).
    pub problem_empty: &'static str,
    /// A field of spaces. `{field}`.
    pub problem_blank: &'static str,
    /// Too long. `{field}`, `{max}` ([`Texts::characters`]), `{got}`.
    pub problem_too_long: &'static str,
    /// A forbidden character. `{field}`, `{what}` (a `chars_*`), `{ch}` (U+XXXX).
    pub problem_forbidden: &'static str,
    /// Control characters, as [`Texts::problem_forbidden`] names them.
    pub chars_control: &'static str,
    /// Line separators.
    pub chars_line_break: &'static str,
    /// Bidirectional controls.
    pub chars_bidi: &'static str,
    /// A name not in NFC. `{field}`.
    pub problem_not_nfc: &'static str,
    /// A bad first character. `{field}`, `{ch}`.
    pub problem_bad_first_char: &'static str,
    /// A character outside the allowed set. `{field}`, `{allowed}` (an `allowed_*`), `{ch}`.
    pub problem_bad_char: &'static str,
    /// What a VM name may hold.
    pub allowed_name_chars: &'static str,
    /// What a network name may hold.
    pub allowed_network_chars: &'static str,
    /// A space, as a character found.
    pub char_space: &'static str,
    /// A tab, as a character found.
    pub char_tab: &'static str,
    /// A number out of range. `{field}`, `{min}`, `{max}`, `{unit}` (a `unit_*` or nothing),
    /// `{got}`.
    pub problem_out_of_range: &'static str,
    /// A value of the wrong type. `{field}`, `{expected}` (an `expected_*`), `{found}`.
    pub problem_wrong_type: &'static str,
    /// A whole number, as expected.
    pub expected_whole_number: &'static str,
    /// A string, as expected.
    pub expected_string: &'static str,
    /// A VM name, as expected.
    pub expected_vm_name: &'static str,
    /// A memory size as a form takes it, as expected.
    pub expected_size_mb: &'static str,
    /// A disk size as a form takes it, as expected.
    pub expected_size_gb: &'static str,
    /// A whole number of MB, as expected.
    pub expected_whole_mb: &'static str,
    /// A whole number of GB, as expected.
    pub expected_whole_gb: &'static str,
    /// A boolean found. `{value}`: true or false.
    pub found_bool: &'static str,
    /// A string found. `{text}`: an excerpt, quoted.
    pub found_string: &'static str,
    /// An array found.
    pub found_array: &'static str,
    /// An object found.
    pub found_object: &'static str,
    /// An array refused by its length. `{n}`.
    pub found_array_of: &'static str,
    /// An object refused by its keys. `{n}`.
    pub found_object_with: &'static str,
    /// A string refused by its length. `{n}`.
    pub found_string_of: &'static str,
    /// Nesting too deep.
    pub found_too_deep: &'static str,
    /// Too many values. `{max}`.
    pub found_too_many_values: &'static str,
    /// A JS value whose reading threw (a getter, a Proxy).
    pub found_unreadable: &'static str,
    /// A JS string with a lone UTF-16 surrogate.
    pub found_lone_surrogate: &'static str,
    /// A JS value with no JSON form. `{type}`: its `typeof`.
    pub found_js_type: &'static str,
    /// A required field missing. `{field}`.
    pub problem_missing: &'static str,
    /// A config that is no object. `{found}`.
    pub problem_not_an_object: &'static str,
    /// An unknown key, with the field it probably means. `{key}`, `{field}` (quoted).
    pub problem_unknown_key_suggest: &'static str,
    /// An unknown key. `{key}` (quoted).
    pub problem_unknown_key: &'static str,

    // ---- Saving and stored data ----------------------------------------------------------
    /// The alert while changes are not saved. `{error}` (a `save_error_*`).
    pub not_saving: &'static str,
    /// No localStorage.
    pub save_error_unavailable: &'static str,
    /// The quota is full.
    pub save_error_quota: &'static str,
    /// Another refusal. `{reason}`: the browser's message.
    pub save_error_refused: &'static str,
    /// Another tab's changes won over this tab's.
    pub notice_lost_changes: &'static str,
    /// One of those. `{name}`, `{ours}`, `{kept}` (states in lower case, or `state_deleted`).
    pub notice_lost_item: &'static str,
    /// A VM deleted, where a state would be.
    pub state_deleted: &'static str,
    /// A record this version can't read was kept before a change replaced it. `{key}`.
    pub notice_replaced_unreadable: &'static str,
    /// Entries of the stored event log that could not be read; `{n}`.
    pub notice_log_skipped: Plural,
    /// The stored event log could not be read at all.
    pub notice_log_unreadable: &'static str,
    /// Another page emptied the site's storage and this tab wrote its VMs back; `{n}`.
    pub notice_written_back: Plural,
    /// Data that could not be loaded, kept in a backup. `{key}`.
    pub notice_set_aside_kept: &'static str,
    /// Data that could not be loaded, left where it was. `{error}`.
    pub notice_set_aside_left: &'static str,
    /// Why a stored VM record could not be read, under the notice: `{error}` is the parser's
    /// message, which stays in English.
    pub load_unreadable_record: &'static str,
    /// Likewise the host's record. `{error}`.
    pub load_unreadable_host: &'static str,
    /// Likewise the event log. `{error}`.
    pub load_unreadable_log: &'static str,
    /// A VM record over the size limit. `{bytes}`: its length; `{max}`: the limit.
    pub load_too_large: &'static str,
    /// A VM record under another VM's key. `{name}`: the name it holds.
    pub load_other_vm: &'static str,
    /// An import file's entry by its VM's name. `{name}`.
    pub import_entry_named: &'static str,
    /// An import file's entry without a name, by its place from 1. `{n}`.
    pub import_entry_position: &'static str,
    /// An import refused for want of room in the browser's storage. `{size}`: KB lacking.
    pub import_no_room: &'static str,
    /// An import or a reset asked for while a lesson runs.
    pub not_during_lesson: &'static str,
    /// An import file's entry left out: an earlier entry has its name.
    pub import_name_twice: &'static str,
    /// A notice's button that downloads the damaged data.
    pub download_damaged: &'static str,
    /// A notice's dismiss button.
    pub dismiss: &'static str,
    /// The alert for stored data of a format this version can't read. `{found}`: its
    /// metadata.
    pub unknown_format: &'static str,
    /// Its button that downloads the stored data.
    pub download_saved_data: &'static str,
    /// Its button that backs up and starts over.
    pub start_over: &'static str,
    /// Start over failed. `{error}`.
    pub start_over_failed: &'static str,
    /// The panic banner while every change was saved.
    pub panic_saved: &'static str,
    /// The panic banner while changes were not being saved.
    pub panic_not_saved: &'static str,

    // ---- Event log ----------------------------------------------------------------------
    /// The event log's heading and region name.
    pub event_log: &'static str,
    /// The VM filter's label.
    pub show_events_of: &'static str,
    /// The filter's option for all VMs, and the VM of an event about all of them.
    pub every_vm: &'static str,
    /// The text export button.
    pub export_as_text: &'static str,
    /// The empty log.
    pub no_events: &'static str,
    /// An event from the GUI.
    pub source_gui: &'static str,
    /// An event from the console.
    pub source_console: &'static str,
    /// An event from the JS API.
    pub source_api: &'static str,
    /// An operation that worked.
    pub outcome_ok: &'static str,
    /// An operation refused. `{error}`: the message as it was logged.
    pub outcome_refused: &'static str,

    // ---- Import errors ------------------------------------------------------------------
    /// A file over the import limit. `{size}`, `{max}`: megabytes.
    pub import_too_large: &'static str,
    /// Not JSON. `{detail}`: where it stops ([`Texts::json_at`]).
    pub import_not_json: &'static str,
    /// Not an export. `{detail}`.
    pub import_not_an_export: &'static str,
    /// What makes a JSON file no export: its top level is not an object.
    pub export_not_an_object: &'static str,
    /// … it has no `"format"` of ours: `{format}`.
    pub export_no_format: &'static str,
    /// … its `"version"` is missing or not one this app wrote.
    pub export_bad_version: &'static str,
    /// … it has no `"vms"` list.
    pub export_no_vms: &'static str,
    /// Where a text stops being JSON: `{line}`, `{column}`.
    pub json_at: &'static str,
    /// An export of a newer version. `{version}`, `{ours}`.
    pub import_newer_version: &'static str,
    /// A file whose shape exceeds a bound. `{bound}`: a `bound_*`.
    pub import_too_complex: &'static str,
    /// Nested too deep. `{max}`.
    pub bound_too_deep: &'static str,
    /// A list too long. `{max}`.
    pub bound_too_broad: &'static str,
    /// Too many values. `{max}`.
    pub bound_too_many: &'static str,

    // ---- Lessons --------------------------------------------------------------------
    /// The Lessons region's name and the button that opens it.
    pub lessons: &'static str,
    /// A lesson's Start button. `{title}`: the lesson.
    pub start_lesson: &'static str,
    /// Beside a finished lesson in the list.
    pub lesson_finished: &'static str,
    /// The goals' heading.
    pub lesson_goals: &'static str,
    /// The button that shows the next hint.
    pub lesson_hint: &'static str,
    /// The button that shows the solution.
    pub lesson_show_solution: &'static str,
    /// The solution's region name.
    pub lesson_solution: &'static str,
    /// The button that restores the lesson's setup.
    pub lesson_restart: &'static str,
    /// The button that ends the lesson.
    pub lesson_exit: &'static str,
    /// The status when every goal is met.
    pub lesson_complete: &'static str,
    /// Operations used against the solution's. `{used}`, `{best}`: counts.
    pub lesson_score: &'static str,
    /// The button to the next lesson. `{title}`.
    pub lesson_next: &'static str,
    /// After the last lesson.
    pub lesson_last: &'static str,
    /// While a lesson runs: where the student's VMs are.
    pub lesson_aside: &'static str,
    /// While a lesson is fetched.
    pub lesson_loading: &'static str,
    /// A lesson that could not be started. `{error}`: a `lesson_*` error.
    pub lesson_load_failed: &'static str,
    /// A lesson file that could not be fetched. `{detail}`: the browser's words.
    pub lesson_fetch_failed: &'static str,
    /// A lesson file too large. `{size}`, `{max}`: kilobytes.
    pub lesson_too_large: &'static str,
    /// A lesson file whose shape exceeds a bound. `{bound}`: a `bound_*`.
    pub lesson_too_complex: &'static str,
    /// Not JSON. `{detail}`: where it stops ([`Texts::json_at`]).
    pub lesson_not_json: &'static str,
    /// Where in a lesson file, for its top level (else a JSON path).
    pub lesson_top_level: &'static str,
    /// A value missing. `{path}`: where in the file.
    pub lesson_missing: &'static str,
    /// A value of the wrong kind. `{path}`; `{expected}`: a `kind_*`.
    pub lesson_wrong_type: &'static str,
    /// A JSON string, as `lesson_wrong_type`'s `{expected}`.
    pub kind_text: &'static str,
    /// A JSON whole number.
    pub kind_number: &'static str,
    /// A JSON list.
    pub kind_list: &'static str,
    /// A JSON object.
    pub kind_object: &'static str,
    /// The kind a goal's check is (after `must be`).
    pub kind_check: &'static str,
    /// A value of the config field named beside it.
    pub kind_field_value: &'static str,
    /// `{path}`; `{found}`: the word as found.
    pub lesson_unknown_predicate: &'static str,
    /// `{path}`; `{found}`.
    pub lesson_unknown_state: &'static str,
    /// `{path}`; `{found}`.
    pub lesson_unknown_field: &'static str,
    /// `{path}`; `{found}`.
    pub lesson_unknown_operation: &'static str,
    /// `{path}`; `{found}`.
    pub lesson_unknown_network: &'static str,
    /// `{path}`; `{found}`.
    pub lesson_unknown_resource: &'static str,
    /// `{path}`; `{found}`.
    pub lesson_unknown_key: &'static str,
    /// An unknown word with the one it probably means. `{message}`: a `lesson_unknown_*`; `{suggestion}`.
    pub lesson_did_you_mean: &'static str,
    /// `{path}`; `{vm}`.
    pub lesson_unknown_vm: &'static str,
    /// `{path}`; `{vm}`; `{name}`: the snapshot.
    pub lesson_unknown_snapshot: &'static str,
    /// `{path}`; `{name}`: a VM's name or a goal's id.
    pub lesson_duplicate: &'static str,
    /// `{path}`: a list, or a pending change that changes nothing.
    pub lesson_empty: &'static str,
    /// `{path}`; `{error}`: the core's message.
    pub lesson_bad_setup: &'static str,
    /// `{path}`.
    pub lesson_pending_on_stopped: &'static str,
    /// `{path}`; `{line}`: the solution's line.
    pub lesson_bad_command: &'static str,
    /// `{expected}`: the lesson asked for; `{found}`: the file's id.
    pub lesson_wrong_id: &'static str,
    // ---- Share links ---------------------------------------------------------------------
    /// The data menu's button that opens the share dialog.
    pub share: &'static str,
    /// The share dialog's title.
    pub share_title: &'static str,
    /// The share dialog's explanation.
    pub share_body: &'static str,
    /// The read-only field holding the link (its accessible name).
    pub share_link: &'static str,
    /// The button that copies the link.
    pub copy: &'static str,
    /// The link was copied.
    pub share_copied: &'static str,
    /// The clipboard refused: the link is selected for the user to copy.
    pub share_selected: &'static str,
    /// The share dialog's close button.
    pub close: &'static str,
    /// The setup can't be made a link. `{reason}`: a `share_*` error.
    pub share_cannot: &'static str,
    /// The dialog asking what to do with a shared setup.
    pub share_open_title: &'static str,
    /// Its first paragraph. `{summary}`: the preview's summary.
    pub share_holds: &'static str,
    /// The link's host, which Replace my VMs takes. `{memory}`, `{cpus}`, `{storage}`: sizes
    /// or `host_unlimited`.
    pub share_host: &'static str,
    /// What its choices do.
    pub share_choice: &'static str,
    /// Its replacing choice.
    pub replace_my_vms: &'static str,
    /// A link that was not opened. `{reason}`: a `share_*` error.
    pub share_refused: &'static str,
    /// A share link followed while a lesson runs: it opens when the lesson ends.
    pub share_waits_for_lesson: &'static str,
    /// A setup or a link too large. `{vms}`: the most VMs; `{chars}`: the most characters.
    pub share_too_large: &'static str,
    /// A fragment that is no share link of this app.
    pub share_not_a_link: &'static str,
    /// A link of a newer version. `{version}`, `{ours}`.
    pub share_newer_version: &'static str,
    /// A link changed or cut short.
    pub share_damaged: &'static str,
    /// A link's VM that fails validation. `{name}`, `{error}`.
    pub share_invalid_vm: &'static str,
    /// A link's host that fails validation. `{error}`.
    pub share_invalid_host: &'static str,

    // ---- Updates ----------------------------------------------------------------------
    /// The notice that a new version is ready.
    pub update_available: &'static str,
    /// Its button, which reloads the page into the new version (also the panic banner's).
    pub reload: &'static str,
    /// A part of the page (a dialog, a panel) whose code could not be fetched.
    pub part_failed: &'static str,

    // ---- Details ---------------------------------------------------------------------
    /// The details panel's heading.
    pub details_heading: &'static str,
    /// The details panel with no VM selected.
    pub details_empty: &'static str,
    /// Details: the state's term.
    pub details_state: &'static str,
    /// Details: when created.
    pub details_created: &'static str,
    /// Details: when the state last changed.
    pub details_state_changed: &'static str,
    /// Details: the revision.
    pub details_revision: &'static str,
    /// Details: the config's heading.
    pub details_configuration: &'static str,
    /// Details: the pending config's heading.
    pub details_pending: &'static str,
    /// Details: a time that is not known.
    pub unknown_time: &'static str,
    /// Details: memory with its size in words. `{mb}`: megabytes; `{size}`: in words.
    pub memory_detail: &'static str,

    // ---- Lifecycle diagram -----------------------------------------------------------
    /// The diagram's name with no VM selected.
    pub lifecycle: &'static str,
    /// The diagram's name for a VM. `{name}`.
    pub lifecycle_of: &'static str,
    /// A transition's accessible name. `{op}` (the console's verb), `{name}`, `{from}`, `{to}`.
    pub lifecycle_edge: &'static str,
    /// One move in the sentence under the diagram. `{op}`, `{to}` (a state).
    pub lifecycle_move: &'static str,
    /// The sentence under the diagram. `{name}`, `{state}` (lower case), `{moves}`.
    pub lifecycle_sentence: &'static str,
    /// The sentence under the diagram with no VM selected.
    pub lifecycle_intro: &'static str,

    // ---- Console chrome --------------------------------------------------------------
    /// The console's heading.
    pub console_heading: &'static str,
    /// The console's hint before its examples.
    pub console_try: &'static str,
    /// Between the console's examples.
    pub console_or: &'static str,
    /// The console's hint after its examples.
    pub console_keys: &'static str,
    /// The console output's accessible name.
    pub console_output: &'static str,
    /// The console input's accessible name.
    pub command: &'static str,

    // ---- presenter (issue 21): sizes, vocabulary, presenter mode, console kindness
    /// What a size field understood, shown as the user types. `{size}`: "2048 MB".
    pub size_understood: &'static str,
    /// Asked before creating a VM with a bare memory number under 64 MB. `{mb}`: "2 MB";
    /// `{gb}`: "2 GB".
    pub memory_did_you_mean: &'static str,
    /// The answer that takes the gigabytes. `{gb}`: "2 GB".
    pub memory_use_gb: &'static str,
    /// The answer that keeps the megabytes. `{mb}`: "2 MB".
    pub memory_keep_mb: &'static str,
    /// The Force off button (virsh destroy).
    pub action_force_off: &'static str,
    /// Its accessible name. `{name}`.
    pub force_off_vm: &'static str,
    /// The Reboot button.
    pub action_reboot: &'static str,
    /// Its accessible name. `{name}`.
    pub reboot_vm: &'static str,
    /// The Force off dialog's title. `{name}`.
    pub force_off_title: &'static str,
    /// Why Force off asks first. `{name}`.
    pub force_off_body: &'static str,
    /// Why an action is disabled, shown in the selected VM's details. `{action}`: the
    /// button's word; `{name}`; `{reason}`: one of the `refusal_*`.
    pub unavailable: &'static str,
    /// The presenter mode button (aria-pressed).
    pub presenter_mode: &'static str,
    // ---- The host (issue 14) ---------------------------------------------------------
    /// The Host panel's heading and the region's accessible name.
    pub host_heading: &'static str,
    /// The memory gauge. `{used}`, `{total}`: sizes.
    pub host_memory: &'static str,
    /// The vCPU gauge. `{used}`: vCPUs of active VMs; `{cpus}`: physical CPUs; `{ratio}`: vCPUs per CPU.
    pub host_vcpus: &'static str,
    /// The vCPU gauge on a host with unlimited CPUs. `{used}`.
    pub host_vcpus_unlimited: &'static str,
    /// The storage gauge. `{used}`, `{total}`: sizes.
    pub host_storage: &'static str,
    /// A size that has no limit.
    pub host_unlimited: &'static str,
    /// The mark of a gauge over the host's size (shown with its colour).
    pub host_over: &'static str,
    /// The mark of the vCPU gauge above one vCPU per CPU.
    pub host_overcommitted: &'static str,
    /// Shown when the VMs hold more memory or storage than the host has.
    pub host_over_notice: &'static str,
    /// The preset menu's label.
    pub host_preset: &'static str,
    /// The laptop preset.
    pub host_preset_laptop: &'static str,
    /// The server preset.
    pub host_preset_server: &'static str,
    /// The unlimited preset.
    pub host_preset_unlimited: &'static str,
    /// The preset menu when the sizes match no preset.
    pub host_preset_custom: &'static str,
    /// The memory size field's label.
    pub host_memory_mb: &'static str,
    /// The CPU count field's label.
    pub host_cpus: &'static str,
    /// The storage pool field's label.
    pub host_storage_gb: &'static str,
    /// The overcommit checkbox's label.
    pub host_overcommit: &'static str,
    /// The hint under the size fields.
    pub host_blank_unlimited: &'static str,
    /// The button that applies the sizes.
    pub host_apply: &'static str,
    /// A size field holding no whole number. `{field}`: its label.
    pub host_not_a_number: &'static str,
    /// What a VM holds of the host, in its details. `{memory}`, `{disk}`: sizes; `{vcpus}`: a count.
    pub vm_holds: &'static str,
    /// Under a VM whose next boot would be refused. `{reason}`: why.
    pub pending_will_not_start: &'static str,
    /// The simulated clock's group label.
    pub clock_label: &'static str,
    /// The simulated clock's reading. `{time}`: minutes and seconds.
    pub clock_time: &'static str,
    /// The button that runs the simulated clock.
    pub clock_play: &'static str,
    /// The button that stops the simulated clock.
    pub clock_pause: &'static str,
    /// The clock's speed menu's label.
    pub clock_speed: &'static str,
    /// The selected VM's use now, in its details. `{cpu}`: a percentage; `{memory}`: a size.
    pub vm_usage: &'static str,
    /// The CPU sparkline's accessible name. `{cpu}`: a percentage now.
    pub sparkline_cpu: &'static str,
    /// The memory sparkline's accessible name. `{memory}`: in use now; `{total}`: the VM's.
    pub sparkline_memory: &'static str,
    /// The CPU sparkline's visible caption (its accessible name says it in full).
    pub sparkline_cpu_caption: &'static str,
    /// The memory sparkline's visible caption.
    pub sparkline_memory_caption: &'static str,
    /// The host graphs' heading.
    pub host_graphs_heading: &'static str,
    /// The stacked CPU graph's caption. `{busy}`: CPUs busy now (one decimal); `{cpus}`.
    pub host_graph_cpu: &'static str,
    /// The same on a host with unlimited CPUs. `{busy}`.
    pub host_graph_cpu_unlimited: &'static str,
    /// The stacked memory graph's caption. `{used}`, `{total}`: sizes.
    pub host_graph_memory: &'static str,
    /// The same on a host with unlimited memory. `{used}`.
    pub host_graph_memory_unlimited: &'static str,
    /// One VM of the graphs' legend. `{name}`, `{cpu}` (a percentage), `{memory}` (a size).
    pub host_graph_vm: &'static str,
    /// The active VMs the graphs leave out; `{n}`, `{shown}`: how many they draw.
    pub host_graph_others: Plural,
    /// No VM is active: the graphs are empty.
    pub host_graph_idle: &'static str,
}
}

impl Texts {
    /// A state's word: "Running", "Paused", "Stopped".
    pub fn state(&self, state: VmState) -> &'static str {
        match state {
            VmState::Running => self.state_running,
            VmState::Paused => self.state_paused,
            VmState::Stopped => self.state_stopped,
        }
    }

    /// A transition's button word: "Start", "Stop", "Pause", "Resume".
    pub fn transition(&self, transition: Transition) -> &'static str {
        match transition {
            Transition::Start => self.action_start,
            Transition::Stop => self.action_stop,
            Transition::Pause => self.action_pause,
            Transition::Resume => self.action_resume,
        }
    }

    /// A transition button's accessible name, to fill with `{name}`: "Start {name}".
    pub fn transition_vm(&self, transition: Transition) -> &'static str {
        match transition {
            Transition::Start => self.start_vm,
            Transition::Stop => self.stop_vm,
            Transition::Pause => self.pause_vm,
            Transition::Resume => self.resume_vm,
        }
    }

    /// A refusal in a few words, for a disabled button's tooltip: "already running".
    pub fn refusal(&self, refusal: Refusal) -> &'static str {
        match refusal {
            Refusal::AlreadyRunning => self.refusal_already_running,
            Refusal::PausedNotStopped => self.refusal_paused_not_stopped,
            Refusal::NotRunning => self.refusal_not_running,
            Refusal::AlreadyPaused => self.refusal_already_paused,
            Refusal::NotPaused => self.refusal_not_paused,
            Refusal::RenameActive(_) => self.refusal_rename_active,
            Refusal::CloneActive(_) => self.refusal_clone_active,
        }
    }

    /// A config field's label in forms (part of the automation contract): "Memory (MB)".
    pub fn label(&self, field: ConfigField) -> &'static str {
        match field {
            ConfigField::Name => self.label_name,
            ConfigField::Memory => self.label_memory,
            ConfigField::Vcpus => self.label_vcpus,
            ConfigField::DiskPath => self.label_disk_path,
            ConfigField::DiskSize => self.label_disk_size,
            ConfigField::IsoImage => self.label_iso_image,
            ConfigField::Network => self.label_network,
        }
    }

    /// A config field as a term in the details panel: "Memory", "Disk size".
    pub fn details_term(&self, field: ConfigField) -> &'static str {
        match field {
            ConfigField::Name => self.term_name,
            ConfigField::Memory => self.term_memory,
            ConfigField::Vcpus => self.term_vcpus,
            ConfigField::DiskPath => self.term_disk_path,
            ConfigField::DiskSize => self.term_disk_size,
            ConfigField::IsoImage => self.term_iso_image,
            ConfigField::Network => self.term_network,
        }
    }

    /// A config field in running text: "memory", "disk path".
    pub fn field(&self, field: ConfigField) -> &'static str {
        match field {
            ConfigField::Name => self.field_name,
            ConfigField::Memory => self.field_memory,
            ConfigField::Vcpus => self.field_vcpus,
            ConfigField::DiskPath => self.field_disk_path,
            ConfigField::DiskSize => self.field_disk_size,
            ConfigField::IsoImage => self.field_iso_image,
            ConfigField::Network => self.field_network,
        }
    }
}
