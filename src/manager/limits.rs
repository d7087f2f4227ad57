//! Every bound on what enters the app, in one table: the form, the console, the JavaScript
//! API, an import and storage all check against these constants, and the loader accepts
//! exactly what the manager accepts, so that anything the app accepted loads again.
//!
//! | what | limit | checked by |
//! |---|---|---|
//! | VM name | [`NAME_MAX_CHARS`] characters, NFC | [`VmConfig::validated`](super::VmConfig::validated) |
//! | disk path, ISO path | [`PATH_MAX_CHARS`] characters, no [`forbidden_char`] | the same |
//! | network | [`NETWORK_MAX_CHARS`] characters | the same |
//! | memory, vCPUs, disk size | [`MEMORY_MB`], [`VCPUS`], [`DISK_SIZE_GB`] | the same |
//! | host memory, CPUs, storage pool | [`HOST_MEMORY_MB`], [`HOST_CPUS`], [`HOST_STORAGE_GB`] | [`Host::validated`](super::Host::validated) |
//! | revision | 1 ..= [`REVISION_MAX`] | [`check_vm`](super::check_vm) (storage, import, another tab) |
//! | `createdAt`, `stateChangedAt` | ..= [`TIMESTAMP_MAX`] (a JavaScript `Date`'s latest) | the same |
//! | a console line | [`CONSOLE_LINE_MAX_CHARS`] characters | `console::parse`, before lexing |
//! | snapshots of one VM | [`SNAPSHOTS_PER_VM`] | `MockVmManager::create_snapshot`, [`check_vm`](super::check_vm) |
//! | snapshot description | [`SNAPSHOT_DESCRIPTION_MAX_CHARS`] characters, no [`forbidden_char`] | the same |
//! | a stored VM record | [`MAX_RECORD_BYTES`] bytes (≥ [`RECORD_JSON_MAX_BYTES`]) | `storage::load` |
//!
//! Pure constants and two small helpers; the messages are [`ConfigProblem`](super::ConfigProblem)s
//! and [`VmError`](super::VmError)s built from these numbers.

use std::borrow::Cow;
use std::ops::RangeInclusive;

/// The longest VM name, in characters (Unicode scalar values), counted after NFC
/// normalisation.
pub const NAME_MAX_CHARS: usize = 64;
/// The longest disk path or ISO path, in characters: longer than any real path (Linux's
/// `PATH_MAX` is 4096 bytes), short enough that a VM record stays a few KB.
pub const PATH_MAX_CHARS: usize = 1024;
/// The longest network name, in characters.
pub const NETWORK_MAX_CHARS: usize = 64;
/// Memory bounds, in MB (up to 4 TiB).
pub const MEMORY_MB: RangeInclusive<u64> = 1..=4_194_304;
/// vCPU bounds.
pub const VCPUS: RangeInclusive<u32> = 1..=512;
/// Disk size bounds, in GB (up to 64 TiB).
pub const DISK_SIZE_GB: RangeInclusive<u64> = 1..=65_536;
/// A host's memory bounds, in MB (up to 64 TiB: many of the largest VMs).
pub const HOST_MEMORY_MB: RangeInclusive<u64> = 1..=67_108_864;
/// A host's physical CPUs.
pub const HOST_CPUS: RangeInclusive<u32> = 1..=8_192;
/// A host's storage pool bounds, in GB (up to 64 PiB).
pub const HOST_STORAGE_GB: RangeInclusive<u64> = 1..=67_108_864;

/// JavaScript's `Number.MAX_SAFE_INTEGER`, 2^53 − 1: the largest integer every integer below
/// which a JavaScript number holds exactly. Every integer the app hands to JavaScript stays
/// within it.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;
/// The largest revision. A VM at it keeps it through further changes (the count saturates):
/// 2^53 changes can't happen by clicking, only through an edited record.
pub const REVISION_MAX: u64 = MAX_SAFE_INTEGER;
/// The latest timestamp, in ms since the Unix epoch: the latest a JavaScript `Date` holds
/// (8.64 × 10^15, in the year 275760), below 2^53 − 1, so that every time shows as a date.
/// `createdAt` and `stateChangedAt` above it are refused, and a clock reading above it is
/// taken as it.
pub const TIMESTAMP_MAX: u64 = 8_640_000_000_000_000;

/// The longest console line, in characters. The longest line the console itself prints for
/// a GUI action (a create with every field at its limit, every character quoted) is about
/// half of it.
pub const CONSOLE_LINE_MAX_CHARS: usize = 8192;

/// How many characters of an over-long or unrecognised text a message quotes (the rest is
/// cut, with "…"), so that no message grows with its input.
pub const EXCERPT_CHARS: usize = 40;

/// The most snapshots one VM may have: a course's lab takes a handful; the cap keeps a VM's
/// record (which holds its snapshots) within [`MAX_RECORD_BYTES`].
pub const SNAPSHOTS_PER_VM: usize = 32;
/// The longest snapshot description, in characters.
pub const SNAPSHOT_DESCRIPTION_MAX_CHARS: usize = 256;

/// The largest VM record the loader reads, in bytes. A real record is a few hundred bytes (a
/// few KB with snapshots); a bigger one than the limits allow is damage, set aside rather
/// than loaded.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// The most bytes one character of a text field takes in a record's JSON: 4 in UTF-8, 2 for
/// an escaped `"` or `\`, 6 for an escaped control character (`\u001b`). Text fields refuse
/// control characters, but the bound does not rely on it.
const JSON_BYTES_PER_CHAR: usize = 6;
/// Everything of a config's JSON but its text: keys, quotes, punctuation, three numbers of
/// at most 20 digits (a `u64`), `null` for no ISO. About 150 bytes; rounded up.
const CONFIG_JSON_FIXED_BYTES: usize = 256;
/// The largest config JSON the limits allow.
pub const CONFIG_JSON_MAX_BYTES: usize = (NAME_MAX_CHARS + 2 * PATH_MAX_CHARS + NETWORK_MAX_CHARS)
    * JSON_BYTES_PER_CHAR
    + CONFIG_JSON_FIXED_BYTES;
/// The largest snapshot JSON the limits allow: a config, a pending config, its name, its
/// parent's name, its description, and the rest (keys, state, a timestamp), rounded up.
pub const SNAPSHOT_JSON_MAX_BYTES: usize = 2 * CONFIG_JSON_MAX_BYTES
    + (2 * NAME_MAX_CHARS + SNAPSHOT_DESCRIPTION_MAX_CHARS) * JSON_BYTES_PER_CHAR
    + 256;
/// The largest VM record the limits allow: a config, a pending config, the current
/// snapshot's name, every snapshot, and the rest (keys, state, two timestamps and a revision
/// of at most 16 digits), rounded up.
pub const RECORD_JSON_MAX_BYTES: usize = 2 * CONFIG_JSON_MAX_BYTES
    + NAME_MAX_CHARS * JSON_BYTES_PER_CHAR
    + SNAPSHOTS_PER_VM * (SNAPSHOT_JSON_MAX_BYTES + 1)
    + 256;

// Anything the manager accepts must load again: the loader's size limit is above the largest
// record the limits allow (961,184 bytes against 1,048,576).
const _: () = assert!(RECORD_JSON_MAX_BYTES < MAX_RECORD_BYTES);
// The largest numbers of a record are exact in JavaScript.
const _: () = assert!(
    *MEMORY_MB.end() <= MAX_SAFE_INTEGER
        && *DISK_SIZE_GB.end() <= MAX_SAFE_INTEGER
        && TIMESTAMP_MAX <= MAX_SAFE_INTEGER
);

/// Why a character may not appear in a path or a network name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CharClass {
    /// A control character (Unicode category Cc: NUL, ESC, tab, newline, DEL, …).
    Control,
    /// A line or paragraph separator (U+2028, U+2029): it breaks a line on screen.
    LineBreak,
    /// A bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): it
    /// reorders the text around it on screen, so a path could show as another.
    Bidi,
}

/// The class of `ch` if text fields refuse it, else `None`.
pub fn forbidden_char(ch: char) -> Option<CharClass> {
    match ch {
        c if c.is_control() => Some(CharClass::Control),
        '\u{2028}' | '\u{2029}' => Some(CharClass::LineBreak),
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Some(CharClass::Bidi),
        _ => None,
    }
}

/// `text` itself if it has at most [`EXCERPT_CHARS`] characters, else its start and "…".
pub fn excerpt(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// `text` quoted for a message, as `{:?}` quotes it, cut after [`EXCERPT_CHARS`] characters
/// with "…" outside the quotes (it is not part of the text): `"xxxx"…`.
pub fn quoted_excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => format!("{text:?}"),
        Some((end, _)) => format!("{:?}…", &text[..end]),
    }
}

/// The length of `text` in characters if it is more than `max`, without counting a text
/// short enough in bytes (a character is at least one byte).
pub fn chars_over(text: &str, max: usize) -> Option<usize> {
    if text.len() <= max {
        return None;
    }
    let count = text.chars().count();
    (count > max).then_some(count)
}
