//! A VM's configuration and the rules it must follow.

use std::borrow::Cow;
use std::fmt;
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::error::VmError;
use super::limits::{
    chars_over, forbidden_char, CharClass, DISK_SIZE_GB, MEMORY_MB, NAME_MAX_CHARS,
    NETWORK_MAX_CHARS, PATH_MAX_CHARS, VCPUS,
};
use super::nfc::nfc;

/// Networks the UI offers, "default" first (libvirt's NAT network is called "default"). Any
/// network name that passes validation is accepted; these are suggestions.
pub const KNOWN_NETWORKS: [&str; 3] = ["default", "isolated", "bridged"];

/// What a VM is made of: the seed's `VMConfig`.
///
/// Build one from [`Default`] so that fields added later don't break your code:
///
/// ```
/// use vm_playground::VmConfig;
/// let config = VmConfig { name: "web-01".into(), memory: 2048, ..Default::default() };
/// assert_eq!(config.vcpus, 1);
/// assert_eq!(config.network, "default");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VmConfig {
    /// Unique name: 1–64 letters (any script), digits, '-', '_', '.'; starts with a letter or
    /// digit. Kept in Unicode NFC: [`VmConfig::validated`] normalises it.
    pub name: String,
    /// Memory in MB.
    pub memory: u64,
    /// Number of virtual CPUs.
    pub vcpus: u32,
    /// Path of the disk image: any text of at most 1024 characters without control
    /// characters or bidirectional controls (the seed checks nothing more).
    pub disk_path: String,
    /// Disk size in GB.
    pub disk_size: u64,
    /// Path of an ISO image to boot from, if any, with the disk path's rules. `Some("")` is
    /// stored as `None`.
    #[serde(default)]
    pub iso_image: Option<String>,
    /// Network name, e.g. "default".
    pub network: String,
}

impl Default for VmConfig {
    /// A sensible starter: empty name, 1024 MB, 1 vCPU, empty disk path, 10 GB, no ISO, network
    /// "default".
    fn default() -> Self {
        VmConfig {
            name: String::new(),
            memory: 1024,
            vcpus: 1,
            disk_path: String::new(),
            disk_size: 10,
            iso_image: None,
            network: KNOWN_NETWORKS[0].to_owned(),
        }
    }
}

impl VmConfig {
    /// `self`, an edit of `opened`, put onto `current` (the config as it is now, which another
    /// tab or a script may have changed since the edit began): each field the edit changed
    /// takes the edit's value, every other keeps `current`'s. So an edit made in a form that
    /// has gone stale takes back no one else's change.
    ///
    /// ```
    /// use vm_playground::VmConfig;
    /// let opened = VmConfig { name: "web".into(), memory: 1024, vcpus: 1, ..Default::default() };
    /// let current = VmConfig { memory: 3072, ..opened.clone() };
    /// let edited = VmConfig { vcpus: 2, ..opened.clone() };
    /// let merged = edited.rebased(&opened, &current);
    /// assert_eq!((merged.memory, merged.vcpus), (3072, 2));
    /// ```
    pub fn rebased(self, opened: &VmConfig, current: &VmConfig) -> VmConfig {
        fn pick<T: PartialEq + Clone>(edited: T, opened: &T, current: &T) -> T {
            if edited == *opened {
                current.clone()
            } else {
                edited
            }
        }
        VmConfig {
            name: pick(self.name, &opened.name, &current.name),
            memory: pick(self.memory, &opened.memory, &current.memory),
            vcpus: pick(self.vcpus, &opened.vcpus, &current.vcpus),
            disk_path: pick(self.disk_path, &opened.disk_path, &current.disk_path),
            disk_size: pick(self.disk_size, &opened.disk_size, &current.disk_size),
            iso_image: pick(self.iso_image, &opened.iso_image, &current.iso_image),
            network: pick(self.network, &opened.network, &current.network),
        }
    }

    /// Checks every rule and returns the config as the manager stores it (the name in NFC,
    /// `iso_image: Some("")` becomes `None`), or the first field at fault, in field order.
    ///
    /// ```
    /// use vm_playground::{ConfigField, VmConfig};
    /// let bad = VmConfig { name: "web 01".into(), ..Default::default() };
    /// let err = bad.validated().unwrap_err();
    /// assert_eq!(err.field(), Some(ConfigField::Name));
    /// ```
    pub fn validated(mut self) -> Result<VmConfig, VmError> {
        if let Cow::Owned(name) = nfc(&self.name) {
            self.name = name;
        }
        if let Some((field, problem)) = self.problems().into_iter().next() {
            return Err(VmError::invalid(field, problem));
        }
        if self.iso_image.as_deref() == Some("") {
            self.iso_image = None;
        }
        Ok(self)
    }

    /// Every rule this config breaks, in field order, at most one per field. A form shows
    /// them all at once; [`VmConfig::validated`] reports the first.
    pub fn problems(&self) -> Vec<(ConfigField, ConfigProblem)> {
        let checks = [
            (ConfigField::Name, check_name(&nfc(&self.name))),
            (ConfigField::Memory, check_range(self.memory, &MEMORY_MB)),
            (
                ConfigField::Vcpus,
                check_range(u64::from(self.vcpus), &widen(&VCPUS)),
            ),
            (ConfigField::DiskPath, check_path(&self.disk_path)),
            (
                ConfigField::DiskSize,
                check_range(self.disk_size, &DISK_SIZE_GB),
            ),
            (
                ConfigField::IsoImage,
                self.iso_image.as_deref().map_or(Ok(()), check_path),
            ),
            (ConfigField::Network, check_network(&self.network)),
        ];
        checks
            .into_iter()
            .filter_map(|(field, result)| result.err().map(|problem| (field, problem)))
            .collect()
    }
}

fn widen(range: &RangeInclusive<u32>) -> RangeInclusive<u64> {
    u64::from(*range.start())..=u64::from(*range.end())
}

/// Checks a VM name on its own (the console and forms check names before anything else).
pub fn check_name(name: &str) -> Result<(), ConfigProblem> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err(ConfigProblem::Empty);
    };
    if name.trim().is_empty() {
        return Err(ConfigProblem::Blank);
    }
    check_length(name, NAME_MAX_CHARS)?;
    if !first.is_alphanumeric() {
        return Err(ConfigProblem::BadFirstChar { ch: first });
    }
    let allowed =
        |ch: char| ch.is_alphanumeric() || is_letter_mark(ch) || matches!(ch, '-' | '_' | '.');
    match chars.find(|&ch| !allowed(ch)) {
        Some(ch) => Err(ConfigProblem::BadChar {
            ch,
            allowed: Allowed::NameChars,
        }),
        None => Ok(()),
    }
}

/// Whether `ch` is a mark that is part of writing a letter: a combining accent ("e" + U+0301),
/// or a vowel sign, virama or nukta of the Indic and South-East Asian scripts ("नमस्ते").
/// `char::is_alphanumeric` leaves many of these out, and the standard library has no Unicode
/// category table, so these are the blocks by range, minus their punctuation and symbols.
fn is_letter_mark(ch: char) -> bool {
    let code = u32::from(ch);
    let combining_blocks = matches!(
        code,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
            | 0xFE20..=0xFE2F
    );
    // Devanagari to Sinhala, Thai and Lao; their dandas, currency signs and other
    // punctuation stay out.
    let indic_or_thai = matches!(code, 0x0900..=0x0EFF)
        && !matches!(
            code,
            0x0964 | 0x0965 | 0x0970 | 0x0DF4 | 0x0E3F | 0x0E4F | 0x0E5A | 0x0E5B
        )
        && !ch.is_whitespace();
    combining_blocks || indic_or_thai
}

fn check_length(text: &str, max: usize) -> Result<(), ConfigProblem> {
    match chars_over(text, max) {
        Some(got) => Err(ConfigProblem::TooLong { max, got }),
        None => Ok(()),
    }
}

/// A disk or ISO path: any text up to [`PATH_MAX_CHARS`] without a character that would
/// hide or disguise part of it on screen (see [`forbidden_char`]).
fn check_path(path: &str) -> Result<(), ConfigProblem> {
    check_length(path, PATH_MAX_CHARS)?;
    match path
        .chars()
        .find_map(|ch| forbidden_char(ch).map(|class| (ch, class)))
    {
        Some((ch, class)) => Err(ConfigProblem::Forbidden { ch, class }),
        None => Ok(()),
    }
}

fn check_network(network: &str) -> Result<(), ConfigProblem> {
    if network.is_empty() {
        return Err(ConfigProblem::Empty);
    }
    if network.trim().is_empty() {
        return Err(ConfigProblem::Blank);
    }
    check_length(network, NETWORK_MAX_CHARS)?;
    match network
        .chars()
        .find(|&ch| !(ch.is_alphanumeric() || matches!(ch, '-' | '_')))
    {
        Some(ch) => Err(ConfigProblem::BadChar {
            ch,
            allowed: Allowed::NetworkChars,
        }),
        None => Ok(()),
    }
}

fn check_range(value: u64, range: &RangeInclusive<u64>) -> Result<(), ConfigProblem> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(ConfigProblem::OutOfRange {
            min: *range.start(),
            max: *range.end(),
            got: value,
        })
    }
}

/// A field of [`VmConfig`], as named in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConfigField {
    /// `name`
    Name,
    /// `memory`
    Memory,
    /// `vcpus`
    Vcpus,
    /// `disk_path`
    DiskPath,
    /// `disk_size`
    DiskSize,
    /// `iso_image`
    IsoImage,
    /// `network`
    Network,
}

impl ConfigField {
    /// Every field, in form order.
    pub const ALL: [ConfigField; 7] = [
        ConfigField::Name,
        ConfigField::Memory,
        ConfigField::Vcpus,
        ConfigField::DiskPath,
        ConfigField::DiskSize,
        ConfigField::IsoImage,
        ConfigField::Network,
    ];

    /// The most characters a text field takes (`None` for a number).
    pub fn max_chars(self) -> Option<usize> {
        match self {
            ConfigField::Name => Some(NAME_MAX_CHARS),
            ConfigField::DiskPath | ConfigField::IsoImage => Some(PATH_MAX_CHARS),
            ConfigField::Network => Some(NETWORK_MAX_CHARS),
            ConfigField::Memory | ConfigField::Vcpus | ConfigField::DiskSize => None,
        }
    }

    /// The JSON and JavaScript name: "name", "memory", "vcpus", "diskPath", "diskSize",
    /// "isoImage", "network".
    pub fn json_name(self) -> &'static str {
        match self {
            ConfigField::Name => "name",
            ConfigField::Memory => "memory",
            ConfigField::Vcpus => "vcpus",
            ConfigField::DiskPath => "diskPath",
            ConfigField::DiskSize => "diskSize",
            ConfigField::IsoImage => "isoImage",
            ConfigField::Network => "network",
        }
    }
}

impl fmt::Display for ConfigField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json_name())
    }
}

/// The characters a field may hold, as [`ConfigProblem::BadChar`] names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    /// A VM name's: letters, digits, '-', '_' and '.'.
    NameChars,
    /// A network's: letters, digits, '-' and '_'.
    NetworkChars,
}

/// The type a value should have had, as [`ConfigProblem::WrongType`] names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// Memory, vCPUs, disk size.
    WholeNumber,
    /// Any text field.
    String,
    /// A VM name given on its own (a JS API argument).
    VmName,
    /// A memory size as typed in a form: "2048, 512 MB or 1,5 GB".
    SizeMb,
    /// A disk size as typed in a form: "20, 20 GB or 1 TB".
    SizeGb,
    /// A whole number of MB.
    WholeMb,
    /// A whole number of GB.
    WholeGb,
}

/// A value of the wrong type or shape, as a message names it ("got the string \"1024\"").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// `null`.
    Null,
    /// `undefined` (JS API).
    Undefined,
    /// A boolean.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string: an excerpt, already quoted (see `limits::quoted_excerpt`).
    String(String),
    /// What was typed in a form field: an excerpt, already quoted.
    Typed(String),
    /// An array.
    Array,
    /// An object.
    Object,
    /// An array refused by its length alone.
    ArrayOf(u32),
    /// An object refused by its number of keys alone.
    ObjectWith(u32),
    /// A string refused by its length alone (UTF-16 units).
    StringOf(u32),
    /// Arrays and objects nested too deep (or containing themselves).
    TooDeep,
    /// More than `max` values in all.
    TooManyValues {
        /// The budget.
        max: usize,
    },
    /// A JS value with no JSON form: its `typeof` ("function", "symbol", "bigint").
    JsType(String),
    /// NaN or an infinity, as JavaScript writes it.
    NotFinite(&'static str),
    /// A value whose reading threw (a getter, a Proxy: JS API).
    Unreadable,
    /// A string with half of a character, a lone UTF-16 surrogate (JS API).
    LoneSurrogate,
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// The value is empty.
    Empty,
    /// The value is only white space.
    Blank,
    /// The value is longer than allowed.
    TooLong {
        /// The limit, in characters.
        max: usize,
        /// The value's length, in characters (a JavaScript string far too long to read, refused
        /// by its `length` before it is copied, gives that, in UTF-16 units).
        got: usize,
    },
    /// A character that would hide or disguise text on screen (a control character, a line
    /// separator, a bidirectional control).
    Forbidden {
        /// The first such character.
        ch: char,
        /// What kind of character it is.
        class: CharClass,
    },
    /// A stored name that is not in Unicode NFC: the manager keeps every name in NFC, so it
    /// was not written by this version (storage only).
    NotNfc,
    /// The first character must be a letter or a digit.
    BadFirstChar {
        /// The character found.
        ch: char,
    },
    /// A character outside the allowed set.
    BadChar {
        /// The first offending character.
        ch: char,
        /// The allowed set.
        allowed: Allowed,
    },
    /// A number outside its bounds.
    OutOfRange {
        /// The smallest value allowed.
        min: u64,
        /// The largest value allowed.
        max: u64,
        /// The value given.
        got: u64,
    },
    /// The value has the wrong type (e.g. a string where a number belongs); raised by the
    /// JavaScript API and the storage layer, never by [`VmConfig::validated`].
    WrongType {
        /// What was expected: a whole number, a string…
        expected: Expected,
        /// What was found.
        found: Found,
    },
    /// A required field is missing (JavaScript API and storage only).
    Missing,
    /// The config itself is not an object (JavaScript API and import only).
    NotAnObject {
        /// What was found.
        found: Found,
    },
    /// The config has a key that is no field (JavaScript API and import only).
    UnknownKey {
        /// The key.
        key: String,
        /// The field it probably means.
        suggestion: Option<ConfigField>,
    },
}
