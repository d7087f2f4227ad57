//! Export and import: the whole state as one JSON file, and reading such a file back with the
//! same checks as storage, into a preview the user confirms (replace or merge).

use crate::i18n::{fill, Lang};
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config_input::config_from_json;
use crate::json_bounds::{JsonBoundError, JsonBounds, JsonSyntaxError};
use crate::manager::{check_vm, Host, SavedState, Timestamp, VmError, VmInfo, VmState};
use crate::storage::LoadReason;

/// The `format` field of an export file.
pub const EXPORT_FORMAT: &str = "vm-playground";
/// The export version this code writes; it reads 1 too. Version 2 may hold snapshots in a
/// VM's entry (`snapshots`, `currentSnapshot`): a version that reads only 1 refuses it as
/// newer rather than drop them.
pub const EXPORT_VERSION: u32 = 2;
/// The largest file accepted for import, in bytes (an export of 10,000 VMs is about 3 MB).
/// The page checks a file's size against it before reading the file.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;
/// The most entries an import's `vms` list (or any list or object in the file) may hold:
/// 2.5 times the 10,000 VMs the app is built and measured for, and a few thousand times
/// fewer than the values 8 MiB of `[1,1,1,…]` would make.
pub const MAX_IMPORT_ENTRIES: usize = 25_000;
/// The shape an import file must keep, checked before it is parsed: an export nests 4 levels
/// deep (file, `vms`, entry, config; 6 with snapshots: entry, `snapshots`, snapshot,
/// config) and a VM record without snapshots holds at most 22 values (a test checks that an
/// export of [`MAX_IMPORT_ENTRIES`] such records passes; snapshots take from the same
/// budget).
pub const IMPORT_BOUNDS: JsonBounds = JsonBounds {
    max_depth: 8,
    max_breadth: MAX_IMPORT_ENTRIES,
    max_values: MAX_IMPORT_ENTRIES * 24,
};
/// How many of the entries left out an import preview names (it counts them all).
pub const PREVIEW_PROBLEMS: usize = 5;
/// The longest label (an entry's name) a preview shows, in characters; longer ones are cut.
pub const PREVIEW_LABEL_CHARS: usize = 40;
/// The longest reason a preview shows for one entry, in characters; longer ones are cut.
pub const PREVIEW_REASON_CHARS: usize = 200;

/// An export file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportFile {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// [`EXPORT_VERSION`].
    pub version: u32,
    /// When it was made (ms since the Unix epoch).
    pub exported_at: Timestamp,
    /// The host the VMs ran on. Optional: files exported before the host existed have none,
    /// and a version that doesn't know it reads the VMs and leaves it (so it needs no new
    /// version).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<Host>,
    /// The VMs.
    pub vms: Vec<VmInfo>,
}

/// The export of `state` on `host`, as pretty JSON.
pub fn export_json(state: &SavedState, host: &Host, now: Timestamp) -> String {
    let file = ExportFile {
        format: EXPORT_FORMAT.into(),
        version: EXPORT_VERSION,
        exported_at: now,
        host: Some(*host),
        vms: state.vms.clone(),
    };
    serde_json::to_string_pretty(&file).expect("an export always serialises")
}

/// A file name for an export made at `now`: `vm-playground-2026-11-26.json`.
pub fn export_file_name(now: Timestamp) -> String {
    let (year, month, day) = civil_date(now / 86_400_000);
    format!("vm-playground-{year:04}-{month:02}-{day:02}.json")
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn civil_date(days: u64) -> (i64, u32, u32) {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// What makes a JSON file no export of this app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAnExport {
    /// The top level is not an object.
    NotAnObject,
    /// No `"format": "vm-playground"`.
    NoFormat,
    /// No `"version"`, or one that is not a number this app has written.
    BadVersion,
    /// No `"vms"` list.
    NoVms,
}

/// Why a file can't be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge {
        /// The file's size in bytes.
        bytes: usize,
    },
    /// Not JSON.
    NotJson {
        /// Where the parser stopped.
        at: JsonSyntaxError,
    },
    /// JSON, but not an export of this app.
    NotAnExport {
        /// What is missing or wrong.
        reason: NotAnExport,
    },
    /// An export from a newer version.
    NewerVersion {
        /// Its version.
        version: u64,
    },
    /// Its shape exceeds [`IMPORT_BOUNDS`] (found before parsing it).
    TooComplex {
        /// The bound exceeded.
        bound: JsonBoundError,
    },
}

impl std::fmt::Display for ImportError {
    /// In English; [`Lang::import_error`] says it in any language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.import_error(self))
    }
}

impl std::error::Error for ImportError {}

/// What an import file holds, for the user to confirm. Bounded whatever the file: the VMs
/// that passed (at most [`MAX_IMPORT_ENTRIES`]), a count of the entries left out, and the
/// first [`PREVIEW_PROBLEMS`] of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPreview {
    /// The VMs that passed every check.
    pub vms: Vec<VmInfo>,
    /// How many entries were left out.
    pub rejected: usize,
    /// The first [`PREVIEW_PROBLEMS`] entries left out: a label (the VM's name, or its
    /// position, cut to a few dozen characters) and why.
    pub problems: Vec<(EntryLabel, EntryProblem)>,
    /// The file's host.
    pub host: FileHost,
}

/// The host an import file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileHost {
    /// None: a file exported before the host existed. The page's host stays.
    Absent,
    /// A host that passed the checks storage applies ([`crate::storage::decode_host`]):
    /// Replace takes it, Merge keeps the page's host.
    Usable(Host),
    /// A host that failed them, and why: left out, like a bad entry; the page's host stays.
    Unusable(LoadReason),
}

/// Which entry of an import file a problem is about: in words in the preview's language
/// ([`ImportPreview::summary`]), in English as `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryLabel {
    /// Its VM's name as the file gives it, cut to [`PREVIEW_LABEL_CHARS`], its controls
    /// written out.
    Named(String),
    /// Its place in the file's list, from 1 (an entry without a name).
    Position(usize),
}

impl std::fmt::Display for EntryLabel {
    /// The label in English, from the catalogue (`i18n`), where every language's is.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.entry_label(self))
    }
}

/// Why an entry of an import file was left out: in words in the preview's language
/// ([`ImportPreview::summary`]), in English as `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryProblem {
    /// Not a record's shape: the parser's message, which stays in English (without its
    /// position, and cut to [`PREVIEW_REASON_CHARS`]).
    Unreadable(String),
    /// Refused by the core's checks.
    Refused(VmError),
    /// Its name is an earlier entry's.
    NameTwice,
}

impl std::fmt::Display for EntryProblem {
    /// The reason in English, from the catalogue (`i18n`), where every language's is.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.entry_problem(self))
    }
}

/// Replace everything, or merge into what is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// The imported VMs become the only VMs.
    Replace,
    /// The imported VMs are added; one with the name of an existing VM replaces it.
    Merge,
}

impl ImportPreview {
    /// One sentence for the preview: "3 VMs, 1 invalid (left out): 'x': memory must be …";
    /// past [`PREVIEW_PROBLEMS`] entries left out, "…, 700 invalid (left out), the first 5:
    /// …". Its length is bounded, however many entries the file has.
    pub fn summary(&self, lang: Lang) -> String {
        let texts = lang.texts();
        let vms = lang.plural(&texts.import_vms, self.vms.len() as u64, &[]);
        if self.rejected == 0 {
            return vms;
        }
        let reasons: Vec<String> = self
            .problems
            .iter()
            .map(|(label, reason)| {
                let reason = cut(&lang.entry_problem(reason), PREVIEW_REASON_CHARS);
                format!("{}: {reason}", lang.entry_label(label))
            })
            .collect();
        let template = if self.rejected > self.problems.len() {
            texts.import_rejected_first
        } else {
            texts.import_rejected
        };
        fill(
            template,
            &[
                ("vms", &vms),
                ("rejected", &lang.number(self.rejected as u64)),
                ("shown", &self.problems.len()),
                ("reasons", &reasons.join("; ")),
            ],
        )
    }

    /// The host a Replace puts the VMs on (`None`: the page's host stays). A Merge never
    /// changes the host: the VMs here run on it.
    pub fn host_for_replace(&self) -> Option<Host> {
        match self.host {
            FileHost::Usable(host) => Some(host),
            FileHost::Absent | FileHost::Unusable(_) => None,
        }
    }

    /// One sentence for the preview about the file's host and what Replace and Merge do with
    /// it: "The file's host: memory 16 GB, 8 CPUs, storage pool 500 GB. Replace puts the VMs
    /// on it; Merge keeps the host here."
    pub fn host_summary(&self, lang: Lang) -> String {
        let texts = lang.texts();
        match &self.host {
            FileHost::Absent => texts.import_host_absent.into(),
            FileHost::Unusable(reason) => {
                // It may quote the file's text: no control may break the preview's sentence.
                let reason = visible(&cut(&lang.load_reason(reason), PREVIEW_REASON_CHARS));
                fill(texts.import_host_unusable, &[("reason", &reason)])
            }
            FileHost::Usable(host) => {
                let unlimited = || texts.host_unlimited.to_owned();
                let template = if host.overcommit {
                    texts.import_host_overcommit
                } else {
                    texts.import_host
                };
                fill(
                    template,
                    &[
                        (
                            "memory",
                            &host.memory.map_or_else(unlimited, |mb| lang.memory(mb)),
                        ),
                        (
                            "cpus",
                            &host
                                .cpus
                                .map_or_else(unlimited, |cpus| lang.number(u64::from(cpus))),
                        ),
                        (
                            "storage",
                            &host.storage.map_or_else(unlimited, |gb| lang.gigabytes(gb)),
                        ),
                    ],
                )
            }
        }
    }

    /// The imported names that already exist among `current`: merging replaces them.
    pub fn conflicts<'a>(&'a self, current: &BTreeSet<String>) -> Vec<&'a str> {
        self.vms
            .iter()
            .map(|vm| vm.config.name.as_str())
            .filter(|name| current.contains(*name))
            .collect()
    }
}

/// Reads an import file with the same checks as storage. Entries may be whole VM records (as
/// exported) or bare configs (`{ "name": "web", "memory": 1024 }`, imported stopped).
pub fn parse_import(text: &str, now: Timestamp) -> Result<ImportPreview, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    // Before parsing: a tree of millions of values is what must not be built.
    IMPORT_BOUNDS
        .check(text)
        .map_err(|stop| ImportError::TooComplex { bound: stop.error })?;
    let value: Value = serde_json::from_str(text).map_err(|error| ImportError::NotJson {
        at: JsonSyntaxError::from(&error),
    })?;
    let Value::Object(object) = value else {
        return Err(ImportError::NotAnExport {
            reason: NotAnExport::NotAnObject,
        });
    };
    if object.get("format").and_then(Value::as_str) != Some(EXPORT_FORMAT) {
        return Err(ImportError::NotAnExport {
            reason: NotAnExport::NoFormat,
        });
    }
    match object.get("version").and_then(Value::as_u64) {
        Some(version) if version > u64::from(EXPORT_VERSION) => {
            return Err(ImportError::NewerVersion { version })
        }
        Some(1 | 2) => {}
        _ => {
            return Err(ImportError::NotAnExport {
                reason: NotAnExport::BadVersion,
            })
        }
    }
    let Some(Value::Array(entries)) = object.get("vms") else {
        return Err(ImportError::NotAnExport {
            reason: NotAnExport::NoVms,
        });
    };
    // Checked as storage checks the host it loads: one path.
    let host = match object.get("host") {
        None => FileHost::Absent,
        Some(host) => match crate::storage::decode_host(&host.to_string()) {
            Ok(host) => FileHost::Usable(host),
            Err(LoadReason::UnreadableHost(message)) => FileHost::Unusable(
                LoadReason::UnreadableHost(cut(&without_position(message), PREVIEW_REASON_CHARS)),
            ),
            Err(reason) => FileHost::Unusable(reason),
        },
    };
    let mut preview = ImportPreview {
        vms: Vec::new(),
        rejected: 0,
        problems: Vec::new(),
        host,
    };
    let mut names = BTreeSet::new();
    for (index, entry) in entries.iter().enumerate() {
        let reason = match read_entry(entry, now) {
            Ok(info) if !names.insert(info.config.name.clone()) => EntryProblem::NameTwice,
            Ok(info) => {
                preview.vms.push(info);
                continue;
            }
            Err(reason) => reason,
        };
        preview.rejected += 1;
        if preview.problems.len() < PREVIEW_PROBLEMS {
            preview.problems.push((entry_label(entry, index), reason));
        }
    }
    crate::ordering::sort_by_text(&mut preview.vms, |info| &info.config.name);
    Ok(preview)
}

fn entry_label(entry: &Value, index: usize) -> EntryLabel {
    let name = entry
        .get("config")
        .and_then(|config| config.get("name"))
        .or_else(|| entry.get("name"))
        .and_then(Value::as_str);
    match name {
        Some(name) => EntryLabel::Named(visible(&cut(name, PREVIEW_LABEL_CHARS))),
        None => EntryLabel::Position(index + 1),
    }
}

/// `text` with control characters and bidirectional controls written as `\u{202e}`: a
/// file's name for an entry must not reorder or break the preview's sentence.
fn visible(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for ch in text.chars() {
        let bidi = matches!(ch, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if ch.is_control() || bidi {
            shown.push_str(&format!("\\u{{{:x}}}", u32::from(ch)));
        } else {
            shown.push(ch);
        }
    }
    shown
}

/// `text` cut to `max` characters, with "…" where it was cut.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// A parser's message without its " at line 1 column 30": the text parsed is one entry of the
/// file, on one line, so the position would point nowhere the user can look.
fn without_position(message: String) -> String {
    match message.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => message,
    }
}

fn read_entry(entry: &Value, now: Timestamp) -> Result<VmInfo, EntryProblem> {
    if entry.get("config").is_some() {
        // From text, not `from_value`: that would be a second copy of every derived
        // deserializer in the page. The entry is one line, so the position says nothing.
        let info: VmInfo = serde_json::from_str(&entry.to_string()).map_err(|error| {
            EntryProblem::Unreadable(cut(
                &without_position(error.to_string()),
                PREVIEW_REASON_CHARS,
            ))
        })?;
        check_vm(info).map_err(EntryProblem::Refused)
    } else {
        let config = config_from_json(entry).map_err(EntryProblem::Refused)?;
        Ok(VmInfo::new(config, VmState::Stopped, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_the_utc_date() {
        assert_eq!(export_file_name(0), "vm-playground-1970-01-01.json");
        // 2026-11-26T06:00:00Z
        assert_eq!(
            export_file_name(1_795_672_800_000),
            "vm-playground-2026-11-26.json"
        );
        // 2024-02-29 (leap day)
        assert_eq!(
            export_file_name(1_709_164_800_000),
            "vm-playground-2024-02-29.json"
        );
    }
}
