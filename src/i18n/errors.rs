//! The core's typed errors in words, in every language. The core's `Display` is the English
//! rendering of the same messages, so English text has one source.

use super::{fill, Lang};
use crate::json_bounds::{JsonBoundError, JsonSyntaxError};
use crate::lesson::{JsonKind, LessonError, Vocabulary, MAX_LESSON_BYTES};
use crate::manager::limits::{
    excerpt, quoted_excerpt, CharClass, MAX_SAFE_INTEGER, SNAPSHOTS_PER_VM, TIMESTAMP_MAX,
};
use crate::manager::{
    Allowed, ConfigField, ConfigProblem, Expected, Found, Operation, Refusal, Resource,
    SavedStateProblem, SnapshotField, VmError, VmState,
};
use crate::share::{ShareError, MAX_SHARED_VMS, MAX_SHARE_CHARS, SHARE_VERSION};
use crate::storage::export::{
    EntryLabel, EntryProblem, ImportError, NotAnExport, EXPORT_FORMAT, EXPORT_VERSION,
    MAX_IMPORT_BYTES,
};
use crate::storage::{LoadProblem, LoadReason, MAX_RECORD_BYTES};

impl Lang {
    /// `error` as a sentence (no capital, no full stop: it is often part of another).
    pub fn error(self, error: &VmError) -> String {
        let t = self.texts();
        match error {
            VmError::NotFound { name } => fill(t.error_not_found, &[("name", name)]),
            VmError::AlreadyExists { name } => fill(t.error_already_exists, &[("name", name)]),
            VmError::InvalidConfig { field, problem } => self.problem(*field, problem),
            VmError::InvalidSnapshot { field, problem } => {
                let label = match field {
                    SnapshotField::Name => t.field_snapshot_name,
                    SnapshotField::Description => t.field_snapshot_description,
                };
                self.problem_with(label, "", problem)
            }
            VmError::SnapshotNotFound { vm, name } => {
                fill(t.error_snapshot_not_found, &[("vm", vm), ("name", name)])
            }
            VmError::SnapshotExists { vm, name } => {
                fill(t.error_snapshot_exists, &[("vm", vm), ("name", name)])
            }
            VmError::TooManySnapshots { vm, max } => {
                fill(t.error_too_many_snapshots, &[("vm", vm), ("max", max)])
            }
            VmError::HasSnapshots { name, count } => fill(
                t.error_has_snapshots,
                &[("name", name), ("snapshots", &self.snapshots_count(*count))],
            ),
            VmError::InvalidTransition {
                name,
                operation,
                state,
            } => {
                let op = self.operation(*operation);
                match operation.refusal(*state) {
                    Some(refusal) => fill(
                        t.error_refused,
                        &[("op", &op), ("name", name), ("why", &self.explain(refusal))],
                    ),
                    None => fill(
                        t.error_refused_in_state,
                        &[
                            ("op", &op),
                            ("name", name),
                            ("state", &self.state_word(*state)),
                        ],
                    ),
                }
            }
            VmError::InsufficientResources {
                name,
                resource,
                needed,
                free,
                total,
            } => fill(
                t.error_insufficient,
                &[
                    ("name", name),
                    ("what", &self.resource(*resource)),
                    ("unit", &self.resource_unit(*resource)),
                    ("needed", needed),
                    ("free", free),
                    ("total", total),
                ],
            ),
            VmError::HostTooSmall {
                resource,
                held,
                requested,
            } => fill(
                t.error_host_too_small,
                &[
                    ("what", &self.resource(*resource)),
                    ("unit", &self.resource_unit(*resource)),
                    ("held", held),
                    ("requested", requested),
                ],
            ),
            VmError::InvalidHostValue { key, found } => {
                let found = found
                    .as_ref()
                    .map(|found| self.found(found))
                    .unwrap_or_default();
                let template = match key.as_str() {
                    "memory" | "cpus" | "storage" => t.error_host_size_type,
                    "overcommit" => t.error_host_overcommit_type,
                    "" => t.error_host_not_an_object,
                    _ => t.error_host_unknown_key,
                };
                fill(template, &[("key", key), ("found", &found)])
            }
            VmError::InvalidOption { option, key, found } => {
                let template = match (key, found) {
                    (None, _) => t.error_options_not_an_object,
                    (Some(_), Some(_)) => t.error_option_type,
                    (Some(_), None) => t.error_option_unknown,
                };
                let found = found.as_ref().map(|found| self.found(found));
                fill(
                    template,
                    &[
                        ("option", option),
                        ("key", &key.as_deref().unwrap_or_default()),
                        ("found", &found.unwrap_or_default()),
                    ],
                )
            }
            VmError::InvalidHost {
                resource,
                min,
                max,
                got,
            } => fill(
                t.error_host_out_of_range,
                &[
                    ("what", &self.resource(*resource)),
                    ("unit", &self.resource_unit(*resource)),
                    ("min", min),
                    ("max", max),
                    ("got", got),
                ],
            ),
            VmError::Closed => t.error_closed.to_owned(),
            VmError::HostOfLesson => t.error_host_of_lesson.to_owned(),
            VmError::Conflict { name: Some(name) } => fill(t.error_conflict, &[("name", name)]),
            VmError::Conflict { name: None } => t.error_conflict_host.to_owned(),
            VmError::InvalidSavedState { problem } => fill(
                t.error_invalid_saved_state,
                &[("reason", &self.saved_state_problem(problem))],
            ),
            VmError::RecordOutOfRange {
                field,
                min,
                max,
                got,
            } => {
                let note = if *max == MAX_SAFE_INTEGER {
                    t.note_max_safe_integer
                } else if *max == TIMESTAMP_MAX {
                    t.note_latest_date
                } else {
                    ""
                };
                fill(
                    t.error_record_out_of_range,
                    &[
                        ("field", &field.json_name()),
                        ("min", min),
                        ("max", max),
                        ("note", &note),
                        ("got", got),
                    ],
                )
            }
        }
    }

    /// Why a stored value could not be used, as a sentence (as [`Lang::error`]).
    pub fn load_reason(self, reason: &LoadReason) -> String {
        let t = self.texts();
        match reason {
            LoadReason::UnreadableRecord(error) => {
                fill(t.load_unreadable_record, &[("error", error)])
            }
            LoadReason::UnreadableHost(error) => fill(t.load_unreadable_host, &[("error", error)]),
            LoadReason::UnreadableLog(error) => fill(t.load_unreadable_log, &[("error", error)]),
            LoadReason::TooLarge(bytes) => fill(
                t.load_too_large,
                &[
                    ("bytes", &self.number(*bytes as u64)),
                    ("max", &self.number(MAX_RECORD_BYTES as u64)),
                ],
            ),
            LoadReason::OtherVm(name) => fill(t.load_other_vm, &[("name", name)]),
            LoadReason::Refused(error) => self.record_error(error),
        }
    }

    /// What is wrong with one VM's record (stored, in an import file or a share link), as a
    /// sentence: [`Lang::error`]'s, but a saved state's fault without its "invalid saved
    /// state" frame, which the message about the record gives.
    pub fn record_error(self, error: &VmError) -> String {
        match error {
            VmError::InvalidSavedState { problem } => self.saved_state_problem(problem),
            error => self.error(error),
        }
    }

    /// What is wrong with a saved state, as a sentence (as [`Lang::error`], without its
    /// "invalid saved state" frame).
    pub fn saved_state_problem(self, problem: &SavedStateProblem) -> String {
        let t = self.texts();
        match problem {
            SavedStateProblem::InVm { name, error } => {
                // One frame: a VM's own saved-state fault is not framed again inside it.
                let error = match &**error {
                    VmError::InvalidSavedState { problem } => self.saved_state_problem(problem),
                    other => self.error(other),
                };
                fill(t.saved_vm, &[("name", name), ("error", &error)])
            }
            SavedStateProblem::NameTwice => t.saved_name_twice.to_owned(),
            SavedStateProblem::PendingWhileStopped => t.saved_pending_while_stopped.to_owned(),
            SavedStateProblem::PendingRenames => t.saved_pending_renames.to_owned(),
            SavedStateProblem::TooManySnapshots { count } => fill(
                t.saved_too_many_snapshots,
                &[("count", count), ("max", &SNAPSHOTS_PER_VM)],
            ),
            SavedStateProblem::SnapshotAfterLatestDate { snapshot } => fill(
                t.saved_snapshot_after_latest_date,
                &[("snapshot", snapshot)],
            ),
            SavedStateProblem::SnapshotOfOtherVm { snapshot, vm } => fill(
                t.saved_snapshot_of_other_vm,
                &[("snapshot", snapshot), ("vm", vm)],
            ),
            SavedStateProblem::SnapshotPendingWhileStopped { snapshot } => fill(
                t.saved_snapshot_pending_while_stopped,
                &[("snapshot", snapshot)],
            ),
            SavedStateProblem::SnapshotPendingRenames { snapshot } => {
                fill(t.saved_snapshot_pending_renames, &[("snapshot", snapshot)])
            }
            SavedStateProblem::SnapshotNameTwice { snapshot } => {
                fill(t.saved_snapshot_name_twice, &[("snapshot", snapshot)])
            }
            SavedStateProblem::SnapshotOwnAncestor { snapshot } => {
                fill(t.saved_snapshot_own_ancestor, &[("snapshot", snapshot)])
            }
            SavedStateProblem::SnapshotParentMissing { snapshot, parent } => fill(
                t.saved_snapshot_parent_missing,
                &[("snapshot", snapshot), ("parent", parent)],
            ),
            SavedStateProblem::CurrentSnapshotMissing { snapshot } => {
                fill(t.saved_current_snapshot_missing, &[("snapshot", snapshot)])
            }
            SavedStateProblem::RecordMisnamed { name } => {
                fill(t.saved_record_misnamed, &[("name", name)])
            }
        }
    }

    /// A stored value that could not be used: its key, and why (a notice's line, a backup's
    /// reason).
    pub fn load_problem(self, problem: &LoadProblem) -> String {
        format!("{}: {}", problem.key, self.load_reason(&problem.reason))
    }

    /// Which entry of an import file a problem is about: its VM's name quoted, or its place.
    pub fn entry_label(self, label: &EntryLabel) -> String {
        let t = self.texts();
        match label {
            EntryLabel::Named(name) => fill(t.import_entry_named, &[("name", name)]),
            EntryLabel::Position(n) => fill(t.import_entry_position, &[("n", n)]),
        }
    }

    /// Why an import file's entry was left out, as a sentence (as [`Lang::error`]).
    pub fn entry_problem(self, problem: &EntryProblem) -> String {
        match problem {
            EntryProblem::Unreadable(error) => {
                fill(self.texts().load_unreadable_record, &[("error", error)])
            }
            EntryProblem::Refused(error) => self.record_error(error),
            EntryProblem::NameTwice => self.texts().import_name_twice.to_owned(),
        }
    }

    /// What is wrong with `field`, as a sentence.
    pub fn problem(self, field: ConfigField, problem: &ConfigProblem) -> String {
        let t = self.texts();
        let unit = match field {
            ConfigField::Memory => t.unit_mb,
            ConfigField::DiskSize => t.unit_gb,
            _ => "",
        };
        self.problem_with(t.field(field), unit, problem)
    }

    /// "{n} snapshots" in this language.
    pub fn snapshots_count(self, count: usize) -> String {
        fill(
            self.texts()
                .snapshots_count
                .pick(self.plural_form(count as u64)),
            &[("n", &count)],
        )
    }

    /// What is wrong with the field called `label` (its numbers in `unit`), as a sentence.
    fn problem_with(self, label: &str, unit: &str, problem: &ConfigProblem) -> String {
        let t = self.texts();
        match problem {
            ConfigProblem::Empty => fill(t.problem_empty, &[("field", &label)]),
            ConfigProblem::Blank => fill(t.problem_blank, &[("field", &label)]),
            ConfigProblem::TooLong { max, got } => fill(
                t.problem_too_long,
                &[
                    ("field", &label),
                    // Numbers in messages stay as typed and stored (ungrouped), like `got`.
                    (
                        "max",
                        &fill(
                            t.characters.pick(self.plural_form(*max as u64)),
                            &[("n", max)],
                        ),
                    ),
                    ("got", got),
                ],
            ),
            ConfigProblem::Forbidden { ch, class } => {
                let what = match class {
                    CharClass::Control => t.chars_control,
                    CharClass::LineBreak => t.chars_line_break,
                    CharClass::Bidi => t.chars_bidi,
                };
                fill(
                    t.problem_forbidden,
                    &[("field", &label), ("what", &what), ("ch", &code(*ch))],
                )
            }
            ConfigProblem::NotNfc => fill(t.problem_not_nfc, &[("field", &label)]),
            ConfigProblem::BadFirstChar { ch } => fill(
                t.problem_bad_first_char,
                &[("field", &label), ("ch", &self.show_char(*ch))],
            ),
            ConfigProblem::BadChar { ch, allowed } => {
                let allowed = match allowed {
                    Allowed::NameChars => t.allowed_name_chars,
                    Allowed::NetworkChars => t.allowed_network_chars,
                };
                fill(
                    t.problem_bad_char,
                    &[
                        ("field", &label),
                        ("allowed", &allowed),
                        ("ch", &self.show_char(*ch)),
                    ],
                )
            }
            ConfigProblem::OutOfRange { min, max, got } => fill(
                t.problem_out_of_range,
                &[
                    ("field", &label),
                    ("min", min),
                    ("max", max),
                    ("unit", &unit),
                    ("got", got),
                ],
            ),
            ConfigProblem::WrongType { expected, found } => {
                let expected = match expected {
                    Expected::WholeNumber => t.expected_whole_number,
                    Expected::String => t.expected_string,
                    Expected::VmName => t.expected_vm_name,
                    Expected::SizeMb => t.expected_size_mb,
                    Expected::SizeGb => t.expected_size_gb,
                    Expected::WholeMb => t.expected_whole_mb,
                    Expected::WholeGb => t.expected_whole_gb,
                };
                fill(
                    t.problem_wrong_type,
                    &[
                        ("field", &label),
                        ("expected", &expected),
                        ("found", &self.found(found)),
                    ],
                )
            }
            ConfigProblem::Missing => fill(t.problem_missing, &[("field", &label)]),
            ConfigProblem::NotAnObject { found } => {
                fill(t.problem_not_an_object, &[("found", &self.found(found))])
            }
            ConfigProblem::UnknownKey { key, suggestion } => {
                let key = format!("{:?}", excerpt(key));
                match suggestion {
                    Some(field) => fill(
                        t.problem_unknown_key_suggest,
                        &[
                            ("key", &key),
                            ("field", &format!("{:?}", field.json_name())),
                        ],
                    ),
                    None => fill(t.problem_unknown_key, &[("key", &key)]),
                }
            }
        }
    }

    /// A value of the wrong type or shape, as a message names it.
    pub fn found(self, found: &Found) -> String {
        let t = self.texts();
        match found {
            Found::Null => "null".to_owned(),
            Found::Undefined => "undefined".to_owned(),
            Found::Bool(flag) => fill(t.found_bool, &[("value", flag)]),
            Found::Number(number) => number.clone(),
            Found::String(quoted) => fill(t.found_string, &[("text", quoted)]),
            Found::Typed(quoted) => quoted.clone(),
            Found::Array => t.found_array.to_owned(),
            Found::Object => t.found_object.to_owned(),
            Found::ArrayOf(n) => fill(t.found_array_of, &[("n", n)]),
            Found::ObjectWith(n) => fill(t.found_object_with, &[("n", n)]),
            Found::StringOf(n) => fill(t.found_string_of, &[("n", n)]),
            Found::TooDeep => t.found_too_deep.to_owned(),
            Found::TooManyValues { max } => fill(t.found_too_many_values, &[("max", max)]),
            Found::JsType(kind) => fill(t.found_js_type, &[("type", kind)]),
            Found::NotFinite(word) => (*word).to_owned(),
            Found::Unreadable => t.found_unreadable.to_owned(),
            Found::LoneSurrogate => t.found_lone_surrogate.to_owned(),
        }
    }

    /// Why a file can't be imported at all, as a clause.
    pub fn import_error(self, error: &ImportError) -> String {
        let t = self.texts();
        match error {
            ImportError::TooLarge { bytes } => fill(
                t.import_too_large,
                &[
                    ("size", &self.one_decimal(*bytes as u64, 1_048_576)),
                    ("max", &(MAX_IMPORT_BYTES / 1_048_576)),
                ],
            ),
            ImportError::NotJson { at } => {
                fill(t.import_not_json, &[("detail", &self.json_syntax(at))])
            }
            ImportError::NotAnExport { reason } => {
                let detail = match reason {
                    NotAnExport::NotAnObject => t.export_not_an_object.to_owned(),
                    NotAnExport::NoFormat => {
                        fill(t.export_no_format, &[("format", &EXPORT_FORMAT)])
                    }
                    NotAnExport::BadVersion => t.export_bad_version.to_owned(),
                    NotAnExport::NoVms => t.export_no_vms.to_owned(),
                };
                fill(t.import_not_an_export, &[("detail", &detail)])
            }
            ImportError::NewerVersion { version } => fill(
                t.import_newer_version,
                &[("version", version), ("ours", &EXPORT_VERSION)],
            ),
            ImportError::TooComplex { bound } => {
                fill(t.import_too_complex, &[("bound", &self.json_bound(bound))])
            }
        }
    }

    /// Where a text stops being JSON: "line 3, column 7".
    pub fn json_syntax(self, at: &JsonSyntaxError) -> String {
        fill(
            self.texts().json_at,
            &[("line", &at.line), ("column", &at.column)],
        )
    }

    /// Where in a lesson file: its JSON path (syntax, as written), or the file itself at the
    /// top.
    fn lesson_place(self, path: &str) -> String {
        if path.is_empty() {
            self.texts().lesson_top_level.to_owned()
        } else {
            path.to_owned()
        }
    }

    /// Why a lesson file can't be used, as a clause.
    pub fn lesson_error(self, error: &LessonError) -> String {
        let t = self.texts();
        match error {
            LessonError::TooLarge { bytes } => fill(
                t.lesson_too_large,
                &[
                    ("size", &self.one_decimal(*bytes as u64, 1024)),
                    ("max", &(MAX_LESSON_BYTES / 1024)),
                ],
            ),
            LessonError::TooComplex(bound) => {
                fill(t.lesson_too_complex, &[("bound", &self.json_bound(bound))])
            }
            LessonError::NotJson { at } => {
                fill(t.lesson_not_json, &[("detail", &self.json_syntax(at))])
            }
            LessonError::Missing { path } => fill(t.lesson_missing, &[("path", path)]),
            LessonError::WrongType { path, expected } => {
                let expected = match expected {
                    JsonKind::Text => t.kind_text,
                    JsonKind::Number => t.kind_number,
                    JsonKind::List => t.kind_list,
                    JsonKind::Object => t.kind_object,
                    JsonKind::Check => t.kind_check,
                    JsonKind::FieldValue => t.kind_field_value,
                };
                fill(
                    t.lesson_wrong_type,
                    &[("path", &self.lesson_place(path)), ("expected", &expected)],
                )
            }
            LessonError::Unknown {
                path,
                what,
                found,
                suggestion,
            } => {
                let template = match what {
                    Vocabulary::Predicate => t.lesson_unknown_predicate,
                    Vocabulary::State => t.lesson_unknown_state,
                    Vocabulary::Field => t.lesson_unknown_field,
                    Vocabulary::Operation => t.lesson_unknown_operation,
                    Vocabulary::Network => t.lesson_unknown_network,
                    Vocabulary::Resource => t.lesson_unknown_resource,
                    Vocabulary::Key => t.lesson_unknown_key,
                };
                let place = self.lesson_place(path);
                let message = fill(template, &[("path", &place), ("found", found)]);
                match suggestion {
                    None => message,
                    Some(suggestion) => fill(
                        t.lesson_did_you_mean,
                        &[("message", &message), ("suggestion", suggestion)],
                    ),
                }
            }
            LessonError::UnknownVm { path, vm } => {
                fill(t.lesson_unknown_vm, &[("path", path), ("vm", vm)])
            }
            LessonError::UnknownSnapshot { path, vm, name } => fill(
                t.lesson_unknown_snapshot,
                &[("path", path), ("vm", vm), ("name", name)],
            ),
            LessonError::Duplicate { path, name } => {
                fill(t.lesson_duplicate, &[("path", path), ("name", name)])
            }
            LessonError::Empty { path } => fill(t.lesson_empty, &[("path", path)]),
            LessonError::BadSetup { path, error } => fill(
                t.lesson_bad_setup,
                &[("path", path), ("error", &self.error(error))],
            ),
            LessonError::PendingOnStopped { path } => {
                fill(t.lesson_pending_on_stopped, &[("path", path)])
            }
            LessonError::BadCommand { path, line } => {
                fill(t.lesson_bad_command, &[("path", path), ("line", line)])
            }
            LessonError::WrongId { expected, found } => fill(
                t.lesson_wrong_id,
                &[("expected", expected), ("found", found)],
            ),
        }
    }

    /// Why a share link can't be opened (or a setup can't be made one), as a clause.
    pub fn share_error(self, error: &ShareError) -> String {
        let t = self.texts();
        match error {
            ShareError::TooLarge => fill(
                t.share_too_large,
                &[
                    ("vms", &self.number(MAX_SHARED_VMS as u64)),
                    ("chars", &self.number(MAX_SHARE_CHARS as u64)),
                ],
            ),
            ShareError::NotAShareLink => t.share_not_a_link.to_owned(),
            ShareError::NewerVersion { version } => fill(
                t.share_newer_version,
                &[("version", version), ("ours", &SHARE_VERSION)],
            ),
            ShareError::Damaged => t.share_damaged.to_owned(),
            ShareError::InvalidVm { name, error } => fill(
                t.share_invalid_vm,
                &[
                    ("name", &quoted_excerpt(name)),
                    ("error", &self.record_error(error)),
                ],
            ),
            ShareError::InvalidHost { error } => {
                fill(t.share_invalid_host, &[("error", &self.error(error))])
            }
        }
    }

    /// Which bound of an import's shape a file exceeds, as a clause.
    pub fn json_bound(self, bound: &JsonBoundError) -> String {
        let t = self.texts();
        match bound {
            JsonBoundError::TooDeep { max } => fill(t.bound_too_deep, &[("max", max)]),
            JsonBoundError::TooBroad { max } => fill(t.bound_too_broad, &[("max", max)]),
            JsonBoundError::TooManyValues { max } => fill(t.bound_too_many, &[("max", max)]),
        }
    }

    /// A host resource as messages name it: "memory", "cpus", "storage".
    pub fn resource(self, resource: Resource) -> &'static str {
        let t = self.texts();
        match resource {
            Resource::Memory => t.resource_memory,
            Resource::Cpus => t.resource_cpus,
            Resource::Storage => t.resource_storage,
        }
    }

    /// The unit a resource is counted in: "MB", "CPUs", "GB".
    pub fn resource_unit(self, resource: Resource) -> &'static str {
        let t = self.texts();
        match resource {
            Resource::Memory => t.resource_unit_mb,
            Resource::Cpus => t.resource_unit_cpus,
            Resource::Storage => t.resource_unit_gb,
        }
    }

    /// An operation as messages name it: "start" / "запустить".
    pub fn operation(self, operation: Operation) -> &'static str {
        let t = self.texts();
        match operation {
            Operation::Start => t.op_start,
            Operation::Stop => t.op_stop,
            Operation::Pause => t.op_pause,
            Operation::Resume => t.op_resume,
            Operation::Rename => t.op_rename,
            Operation::Clone => t.op_clone,
        }
    }

    /// Why an operation is refused, as a clause: "it is already running".
    pub fn explain(self, refusal: Refusal) -> String {
        let t = self.texts();
        match refusal {
            Refusal::AlreadyRunning => t.explain_already_running.to_owned(),
            Refusal::PausedNotStopped => t.explain_paused_not_stopped.to_owned(),
            Refusal::NotRunning => t.explain_not_running.to_owned(),
            Refusal::AlreadyPaused => t.explain_already_paused.to_owned(),
            Refusal::NotPaused => t.explain_not_paused.to_owned(),
            Refusal::RenameActive(state) => fill(
                t.explain_rename_active,
                &[("state", &self.state_word(state))],
            ),
            Refusal::CloneActive(state) => fill(
                t.explain_clone_active,
                &[("state", &self.state_word(state))],
            ),
        }
    }

    /// A state in running text: "running" / "работает".
    pub fn state_word(self, state: VmState) -> String {
        crate::present::fold_case(self.texts().state(state))
    }

    /// A character named so that a space or an invisible one shows: "a space", "'x'",
    /// "U+202E".
    fn show_char(self, ch: char) -> String {
        match ch {
            ' ' => self.texts().char_space.to_owned(),
            '\t' => self.texts().char_tab.to_owned(),
            c if c.is_ascii_graphic() || c.is_alphanumeric() => format!("'{c}'"),
            c => code(c),
        }
    }
}

/// A character as U+XXXX.
fn code(ch: char) -> String {
    format!("U+{:04X}", u32::from(ch))
}
