//! Share links: a whole setup as a short text for the address's fragment (`#share=…`, which a
//! browser never sends to a server), and reading one back with an import's checks.
//!
//! What is shared: every VM's config, state and pending changes, and the host. Not shared:
//! times and revisions (a shared VM is new where it opens), snapshots, the event log.
//!
//! # The text, version 1
//!
//! `1.` then the payload in unpadded base64url (`A–Z a–z 0–9 - _`, nothing a URL escapes).
//! The payload is bytes: numbers are LEB128 varints, a text is its byte length (a varint) and
//! its UTF-8. It ends with the CRC-32 of `1.` and everything before it (4 bytes,
//! little-endian), so a changed or cut character is found, not read as another setup.
//!
//! - The host: one byte, `0x80` for [`DEFAULT_HOST`]; else bits 0, 1, 2 say that memory, CPUs,
//!   storage follow (a size left out is unlimited) and bit 3 is overcommit; then those sizes.
//! - The number of VMs, then each VM (the manager's order: by name, so that alike names follow
//!   each other):
//!   - its name: how many bytes it shares with the previous name's start, then the rest;
//!   - flags: bits 0–1 the state (0 stopped, 1 running, 2 paused); bit 8, pending changes
//!     follow; bits 2–7 each say that a field differs from its *base* and follows: memory,
//!     vCPUs, disk path, disk size, ISO image (0 for none, else 1 + a recent text's code),
//!     network (a recent text's code);
//!   - the fields flagged, in that order;
//!   - pending changes: flags (bits 2–7 only), fields as above, with the VM's own config as
//!     their base.
//!
//! A field's base is the previous VM's value (before the first VM, [`VmConfig::default`]'s),
//! but for the disk path: the previous VM's path with its name replaced by this VM's name
//! (before the first, `/var/lib/libvirt/images/<name>.qcow2`). So a class's `lab-01` …
//! `lab-20`, alike but for their names, cost a few bytes each: a shared prefix length, the
//! name's last characters and one byte of flags. An ISO image or a network is written as its
//! place among the last 16 of its field written (0 for the latest), or if it is not among
//! them as 16 + its byte length and its bytes: a VM that goes back to the class's ISO image
//! costs one byte.
//!
//! Reading is strict and bounded: at most [`MAX_SHARE_CHARS`] characters, [`MAX_SHARED_VMS`]
//! VMs and [`MAX_SHARED_TEXT_BYTES`] bytes of names, paths and networks (what an import file
//! may hold); every text's length is checked before it is read, and every VM and the host
//! are then checked as an import checks them.

use std::fmt;

use crate::manager::limits::{NAME_MAX_CHARS, NETWORK_MAX_CHARS, PATH_MAX_CHARS};
use crate::manager::{Host, RejectedVm, SavedState, Timestamp, VmConfig, VmError, VmInfo, VmState};
use crate::storage::export::{ImportPreview, MAX_IMPORT_BYTES, MAX_IMPORT_ENTRIES};
use crate::storage::DEFAULT_HOST;

/// The version of the text this code writes (and the newest it reads).
pub const SHARE_VERSION: u64 = 1;
/// The fragment a share link carries its text in: `#share=<text>`.
pub const FRAGMENT_PREFIX: &str = "#share=";
/// The longest text read or written, in characters: 1 MiB, half of the longest address
/// Chromium takes (2 MiB), so the app's own address always fits beside it.
pub const MAX_SHARE_CHARS: usize = 1 << 20;
/// The most VMs a link holds: what an import file may hold.
pub const MAX_SHARED_VMS: usize = MAX_IMPORT_ENTRIES;
/// The most bytes of text (names, paths, networks; pending ones too) a link may unfold to: the
/// largest import file, so that a short link can't make more work than a file can.
pub const MAX_SHARED_TEXT_BYTES: usize = MAX_IMPORT_BYTES;

/// The directory of the disk path the first VM's is derived from.
const DEFAULT_DISK_DIR: &str = "/var/lib/libvirt/images/";
/// The host byte that stands for [`DEFAULT_HOST`].
const HOST_DEFAULT: u8 = 0x80;
const HOST_MEMORY: u8 = 1;
const HOST_CPUS: u8 = 1 << 1;
const HOST_STORAGE: u8 = 1 << 2;
const HOST_OVERCOMMIT: u8 = 1 << 3;
const STATE_BITS: u64 = 0b11;
const MEMORY: u64 = 1 << 2;
const VCPUS: u64 = 1 << 3;
const DISK_PATH: u64 = 1 << 4;
const DISK_SIZE: u64 = 1 << 5;
const ISO_IMAGE: u64 = 1 << 6;
const NETWORK: u64 = 1 << 7;
const PENDING: u64 = 1 << 8;
/// The flags of a config's fields.
const FIELD_BITS: u64 = MEMORY | VCPUS | DISK_PATH | DISK_SIZE | ISO_IMAGE | NETWORK;
/// The longest text of each kind, in UTF-8 bytes (4 per character at most).
const NAME_MAX_BYTES: usize = NAME_MAX_CHARS * 4;
const PATH_MAX_BYTES: usize = PATH_MAX_CHARS * 4;
const NETWORK_MAX_BYTES: usize = NETWORK_MAX_CHARS * 4;

/// Why a text is not a setup that can be opened (or a setup can't be made a link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Over [`MAX_SHARE_CHARS`], [`MAX_SHARED_VMS`] or [`MAX_SHARED_TEXT_BYTES`].
    TooLarge,
    /// Not a share link of this app (no version, or one it never wrote).
    NotAShareLink,
    /// A link of a newer version.
    NewerVersion {
        /// Its version.
        version: u64,
    },
    /// Changed or cut: its checksum, its characters or its structure are wrong.
    Damaged,
    /// A VM that fails an import's checks.
    InvalidVm {
        /// Its name, as the link has it.
        name: String,
        /// What is wrong with it.
        error: VmError,
    },
    /// A host that fails the host's checks.
    InvalidHost {
        /// What is wrong with it.
        error: VmError,
    },
}

impl fmt::Display for ShareError {
    /// In English; [`Lang::share_error`](crate::i18n::Lang::share_error) says it in any
    /// language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::Lang::En.share_error(self))
    }
}

impl std::error::Error for ShareError {}

/// A setup read from a link: its VMs (checked, in name order) and its host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The VMs, new where they open: created now, at revision 1.
    pub vms: Vec<VmInfo>,
    /// The host they ran on.
    pub host: Host,
}

impl Shared {
    /// The setup as an import's preview, for the same dialog and the same replace or merge.
    pub fn into_preview(self) -> ImportPreview {
        ImportPreview {
            vms: self.vms,
            rejected: 0,
            problems: Vec::new(),
            host: crate::storage::export::FileHost::Usable(self.host),
        }
    }
}

/// The share link of a setup: `base` (the app's address, without a fragment) and the text.
pub fn link(base: &str, text: &str) -> String {
    format!("{base}{FRAGMENT_PREFIX}{text}")
}

/// The text of a share link's fragment (`location.hash`, `#` included), if it is one.
pub fn from_fragment(hash: &str) -> Option<&str> {
    hash.strip_prefix(FRAGMENT_PREFIX)
}

/// The text of a setup: every VM's config, state and pending changes, and the host. Refused
/// only when it would be too large to read back ([`ShareError::TooLarge`]). The VMs are
/// written in the order given; in name order (as the manager lists them) alike names share
/// their prefixes, so the text is shortest.
pub fn encode(vms: &[VmInfo], host: &Host) -> Result<String, ShareError> {
    if vms.len() > MAX_SHARED_VMS {
        return Err(ShareError::TooLarge);
    }
    let mut out = Writer::default();
    write_host(&mut out, host);
    out.varint(vms.len() as u64);
    let mut previous = &VmConfig::default();
    let mut recent = Recent::default();
    let mut text_bytes = 0;
    for vm in vms {
        let config = &vm.config;
        text_bytes += text_bytes_of(config) + vm.pending.as_ref().map_or(0, text_bytes_of);
        let shared = shared_prefix(&previous.name, &config.name);
        out.varint(shared as u64);
        out.text(&config.name[shared..]);
        let flags = field_flags(previous, config)
            | state_bits(vm.state)
            | if vm.pending.is_some() { PENDING } else { 0 };
        out.varint(flags);
        write_fields(&mut out, &mut recent, flags, config);
        if let Some(pending) = &vm.pending {
            let flags = field_flags(config, pending);
            out.varint(flags);
            write_fields(&mut out, &mut recent, flags, pending);
        }
        previous = config;
    }
    if text_bytes > MAX_SHARED_TEXT_BYTES {
        return Err(ShareError::TooLarge);
    }
    let prefix = version_prefix();
    let sum = crc32(&[prefix.as_bytes(), &out.0]);
    out.0.extend_from_slice(&sum.to_le_bytes());
    let text = format!("{prefix}{}", base64url(&out.0));
    if text.len() > MAX_SHARE_CHARS {
        return Err(ShareError::TooLarge);
    }
    Ok(text)
}

/// Reads a link's text (what follows `#share=`) with an import's checks; the VMs are new as
/// of `now`. Anything changed, cut or foreign is refused whole: nothing of it is used.
pub fn decode(text: &str, now: Timestamp) -> Result<Shared, ShareError> {
    if text.len() > MAX_SHARE_CHARS {
        return Err(ShareError::TooLarge);
    }
    let (version, payload) = text.split_once('.').ok_or(ShareError::NotAShareLink)?;
    let version = parse_version(version).ok_or(ShareError::NotAShareLink)?;
    if version > SHARE_VERSION {
        return Err(ShareError::NewerVersion { version });
    }
    if version != SHARE_VERSION {
        return Err(ShareError::NotAShareLink);
    }
    let bytes = from_base64url(payload).ok_or(ShareError::Damaged)?;
    let body_len = bytes.len().checked_sub(4).ok_or(ShareError::Damaged)?;
    let (body, sum) = bytes.split_at(body_len);
    let prefix = version_prefix();
    if crc32(&[prefix.as_bytes(), body]).to_le_bytes() != sum {
        return Err(ShareError::Damaged);
    }
    let mut input = Reader { bytes: body, at: 0 };
    let host = read_host(&mut input)?
        .validated()
        .map_err(|error| ShareError::InvalidHost { error })?;
    let count = input.varint()?;
    if count > MAX_SHARED_VMS as u64 {
        return Err(ShareError::TooLarge);
    }
    let mut vms = Vec::new();
    let mut previous = VmConfig::default();
    let mut recent = Recent::default();
    let mut text_bytes = 0;
    for _ in 0..count {
        let shared = usize::try_from(input.varint()?).map_err(|_| ShareError::Damaged)?;
        if !previous.name.is_char_boundary(shared) {
            return Err(ShareError::Damaged);
        }
        let rest = input.text(NAME_MAX_BYTES - shared.min(NAME_MAX_BYTES))?;
        let name = format!("{}{rest}", &previous.name[..shared]);
        let flags = input.varint()?;
        if flags & !(STATE_BITS | FIELD_BITS | PENDING) != 0 {
            return Err(ShareError::Damaged);
        }
        let state = match flags & STATE_BITS {
            0 => VmState::Stopped,
            1 => VmState::Running,
            2 => VmState::Paused,
            _ => return Err(ShareError::Damaged),
        };
        let config = read_fields(&mut input, &mut recent, flags, &previous, name)?;
        let pending = if flags & PENDING != 0 {
            let flags = input.varint()?;
            if flags & !FIELD_BITS != 0 {
                return Err(ShareError::Damaged);
            }
            Some(read_fields(
                &mut input,
                &mut recent,
                flags,
                &config,
                config.name.clone(),
            )?)
        } else {
            None
        };
        text_bytes += text_bytes_of(&config) + pending.as_ref().map_or(0, text_bytes_of);
        if text_bytes > MAX_SHARED_TEXT_BYTES {
            return Err(ShareError::TooLarge);
        }
        // Snapshots are not shared (the link would grow with every one).
        vms.push(VmInfo {
            pending,
            ..VmInfo::new(config.clone(), state, now)
        });
        previous = config;
    }
    if input.at != input.bytes.len() {
        return Err(ShareError::Damaged);
    }
    let (kept, rejected) = SavedState { vms }.partition();
    if let Some(RejectedVm { name, error }) = rejected.into_iter().next() {
        return Err(ShareError::InvalidVm { name, error });
    }
    Ok(Shared {
        vms: kept.into_iter().collect(),
        host,
    })
}

fn version_prefix() -> String {
    format!("{SHARE_VERSION}.")
}

/// A version as written: decimal digits without a leading zero.
fn parse_version(text: &str) -> Option<u64> {
    let canonical = !text.is_empty()
        && text.bytes().all(|byte| byte.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    canonical.then(|| text.parse().ok()).flatten()
}

fn state_bits(state: VmState) -> u64 {
    match state {
        VmState::Stopped => 0,
        VmState::Running => 1,
        VmState::Paused => 2,
    }
}

/// The bytes of a config's texts, counted against [`MAX_SHARED_TEXT_BYTES`].
fn text_bytes_of(config: &VmConfig) -> usize {
    config.name.len()
        + config.disk_path.len()
        + config.iso_image.as_ref().map_or(0, String::len)
        + config.network.len()
}

/// How many bytes `name` shares with the start of `previous`, ending on a character
/// boundary of both.
fn shared_prefix(previous: &str, name: &str) -> usize {
    let mut shared = previous
        .bytes()
        .zip(name.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !(previous.is_char_boundary(shared) && name.is_char_boundary(shared)) {
        shared -= 1;
    }
    shared
}

/// The disk path a VM named `name` has if it follows `base`'s: `base`'s path with `base`'s
/// name replaced by `name`. `None` if that would be longer than any valid path.
fn derived_disk_path(base: &VmConfig, name: &str) -> Option<String> {
    if base.name.is_empty() {
        return Some(format!("{DEFAULT_DISK_DIR}{name}.qcow2"));
    }
    let found = base.disk_path.matches(base.name.as_str()).count();
    let len = base.disk_path.len() - found * base.name.len() + found * name.len();
    (len <= PATH_MAX_BYTES).then(|| base.disk_path.replace(base.name.as_str(), name))
}

/// The flags of the fields of `config` that differ from their base in `base`.
fn field_flags(base: &VmConfig, config: &VmConfig) -> u64 {
    let derived = derived_disk_path(base, &config.name);
    [
        (MEMORY, config.memory != base.memory),
        (VCPUS, config.vcpus != base.vcpus),
        (
            DISK_PATH,
            derived.as_deref() != Some(config.disk_path.as_str()),
        ),
        (DISK_SIZE, config.disk_size != base.disk_size),
        (ISO_IMAGE, config.iso_image != base.iso_image),
        (NETWORK, config.network != base.network),
    ]
    .into_iter()
    .filter(|(_, differs)| *differs)
    .fold(0, |flags, (flag, _)| flags | flag)
}

fn write_fields(out: &mut Writer, recent: &mut Recent, flags: u64, config: &VmConfig) {
    if flags & MEMORY != 0 {
        out.varint(config.memory);
    }
    if flags & VCPUS != 0 {
        out.varint(u64::from(config.vcpus));
    }
    if flags & DISK_PATH != 0 {
        out.text(&config.disk_path);
    }
    if flags & DISK_SIZE != 0 {
        out.varint(config.disk_size);
    }
    if flags & ISO_IMAGE != 0 {
        match &config.iso_image {
            None => out.varint(0),
            Some(path) => recent.isos.write(out, path, 1),
        }
    }
    if flags & NETWORK != 0 {
        recent.networks.write(out, &config.network, 0);
    }
}

fn read_fields(
    input: &mut Reader<'_>,
    recent: &mut Recent,
    flags: u64,
    base: &VmConfig,
    name: String,
) -> Result<VmConfig, ShareError> {
    let memory = match flags & MEMORY {
        0 => base.memory,
        _ => input.varint()?,
    };
    let vcpus = match flags & VCPUS {
        0 => base.vcpus,
        _ => u32::try_from(input.varint()?).map_err(|_| ShareError::Damaged)?,
    };
    let disk_path = match flags & DISK_PATH {
        0 => derived_disk_path(base, &name).ok_or(ShareError::Damaged)?,
        _ => input.text(PATH_MAX_BYTES)?,
    };
    let disk_size = match flags & DISK_SIZE {
        0 => base.disk_size,
        _ => input.varint()?,
    };
    let iso_image = match flags & ISO_IMAGE {
        0 => base.iso_image.clone(),
        _ => match input.varint()? {
            0 => None,
            value => Some(recent.isos.read(input, value - 1, PATH_MAX_BYTES)?),
        },
    };
    let network = match flags & NETWORK {
        0 => base.network.clone(),
        _ => {
            let value = input.varint()?;
            recent.networks.read(input, value, NETWORK_MAX_BYTES)?
        }
    };
    Ok(VmConfig {
        name,
        memory,
        vcpus,
        disk_path,
        disk_size,
        iso_image,
        network,
    })
}

/// The ISO images and networks written last, for a VM that goes back to one of them.
#[derive(Default)]
struct Recent {
    isos: RecentTexts,
    networks: RecentTexts,
}

/// The last [`RECENT_TEXTS`] texts of one field, the latest first. A text is written as its
/// place among them (0 for the latest), or, if it is not there, as [`RECENT_TEXTS`] + its
/// byte length and its bytes; either way it then becomes the latest.
#[derive(Default)]
struct RecentTexts(Vec<String>);

/// How many texts of a field [`RecentTexts`] keeps: a class rarely uses more ISO images or
/// networks than that, and looking through them stays cheap.
const RECENT_TEXTS: usize = 16;

impl RecentTexts {
    /// Writes `text` (as the varint `offset` + its code, then its bytes if new).
    fn write(&mut self, out: &mut Writer, text: &str, offset: u64) {
        match self.0.iter().position(|seen| seen == text) {
            Some(place) => {
                out.varint(offset + place as u64);
                self.latest(place);
            }
            None => {
                out.varint(offset + (RECENT_TEXTS + text.len()) as u64);
                out.0.extend_from_slice(text.as_bytes());
                self.add(text.to_owned());
            }
        }
    }

    /// Reads the text whose code is `code` (of at most `max` bytes if new).
    fn read(
        &mut self,
        input: &mut Reader<'_>,
        code: u64,
        max: usize,
    ) -> Result<String, ShareError> {
        let code = usize::try_from(code).unwrap_or(usize::MAX);
        if code < RECENT_TEXTS {
            if code >= self.0.len() {
                return Err(ShareError::Damaged);
            }
            self.latest(code);
            return Ok(self.0[0].clone());
        }
        let text = input.utf8(code - RECENT_TEXTS, max)?;
        self.add(text.clone());
        Ok(text)
    }

    fn latest(&mut self, place: usize) {
        let text = self.0.remove(place);
        self.0.insert(0, text);
    }

    fn add(&mut self, text: String) {
        self.0.insert(0, text);
        self.0.truncate(RECENT_TEXTS);
    }
}

fn write_host(out: &mut Writer, host: &Host) {
    if *host == DEFAULT_HOST {
        out.0.push(HOST_DEFAULT);
        return;
    }
    let bits = [
        (HOST_MEMORY, host.memory.is_some()),
        (HOST_CPUS, host.cpus.is_some()),
        (HOST_STORAGE, host.storage.is_some()),
        (HOST_OVERCOMMIT, host.overcommit),
    ]
    .into_iter()
    .filter(|(_, set)| *set)
    .fold(0, |bits, (bit, _)| bits | bit);
    out.0.push(bits);
    for size in [host.memory, host.cpus.map(u64::from), host.storage]
        .into_iter()
        .flatten()
    {
        out.varint(size);
    }
}

fn read_host(input: &mut Reader<'_>) -> Result<Host, ShareError> {
    let bits = input.byte()?;
    if bits == HOST_DEFAULT {
        return Ok(DEFAULT_HOST);
    }
    if bits & !(HOST_MEMORY | HOST_CPUS | HOST_STORAGE | HOST_OVERCOMMIT) != 0 {
        return Err(ShareError::Damaged);
    }
    let mut size = |bit: u8| match bits & bit {
        0 => Ok(None),
        _ => input.varint().map(Some),
    };
    let memory = size(HOST_MEMORY)?;
    let cpus = size(HOST_CPUS)?
        .map(u32::try_from)
        .transpose()
        .map_err(|_| ShareError::Damaged)?;
    let storage = size(HOST_STORAGE)?;
    Ok(Host {
        memory,
        cpus,
        storage,
        overcommit: bits & HOST_OVERCOMMIT != 0,
    })
}

/// The payload being written.
#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.0.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.0.push(value as u8);
    }

    fn text(&mut self, text: &str) {
        self.varint(text.len() as u64);
        self.0.extend_from_slice(text.as_bytes());
    }
}

/// The payload being read: every read is checked against what is left.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, ShareError> {
        let byte = *self.bytes.get(self.at).ok_or(ShareError::Damaged)?;
        self.at += 1;
        Ok(byte)
    }

    /// A varint of at most 10 bytes that fits in a `u64`, written in as few bytes as it
    /// takes (as [`Writer::varint`] writes it).
    fn varint(&mut self) -> Result<u64, ShareError> {
        let mut value = 0u64;
        for index in 0..10 {
            let byte = self.byte()?;
            let bits = u64::from(byte & 0x7f);
            if (index == 9 && bits > 1) || (index > 0 && byte == 0) {
                return Err(ShareError::Damaged);
            }
            value |= bits << (7 * index);
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ShareError::Damaged)
    }

    /// A text written by [`Writer::text`], of at most `max` bytes.
    fn text(&mut self, max: usize) -> Result<String, ShareError> {
        let len = usize::try_from(self.varint()?).unwrap_or(usize::MAX);
        self.utf8(len, max)
    }

    /// `len` bytes of UTF-8, if `len` is at most `max` and that many are left.
    fn utf8(&mut self, len: usize, max: usize) -> Result<String, ShareError> {
        if len > max || len > self.bytes.len() - self.at {
            return Err(ShareError::Damaged);
        }
        let bytes = &self.bytes[self.at..self.at + len];
        self.at += len;
        String::from_utf8(bytes.to_vec()).map_err(|_| ShareError::Damaged)
    }
}

/// CRC-32 (IEEE 802.3, as zip and PNG use it) of the parts, one after the other: it finds
/// every change of up to 32 bits in a row, so every changed base64 character (6 bits).
fn crc32(parts: &[&[u8]]) -> u32 {
    let mut crc = !0u32;
    for &byte in parts.iter().flat_map(|part| part.iter()) {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` in base64url without padding.
fn base64url(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk
            .iter()
            .enumerate()
            .fold(0u32, |group, (index, &byte)| {
                group | u32::from(byte) << (16 - 8 * index)
            });
        for index in 0..=chunk.len() {
            text.push(char::from(
                BASE64URL[(group >> (18 - 6 * index)) as usize & 63],
            ));
        }
    }
    text
}

/// The bytes of unpadded base64url, written as [`base64url`] writes them: `None` for any other
/// character, a length no bytes have, or unused bits that are not zero.
fn from_base64url(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let sextet = |char: u8| BASE64URL.iter().position(|&digit| digit == char);
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.as_bytes().chunks(4) {
        let mut group = 0u32;
        for (index, &char) in chunk.iter().enumerate() {
            group |= (sextet(char)? as u32) << (18 - 6 * index);
        }
        let count = chunk.len() - 1;
        if group & ((1 << (24 - 8 * count)) - 1) != 0 {
            return None;
        }
        bytes.extend((0..count).map(|index| (group >> (16 - 8 * index)) as u8));
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..10 {
            let bytes: Vec<u8> = (0..len).map(|n| (n * 37 + 200) as u8).collect();
            let text = base64url(&bytes);
            assert_eq!(from_base64url(&text).as_deref(), Some(&bytes[..]));
        }
        // Unused bits set, and a length no bytes have.
        assert_eq!(from_base64url("AB"), None);
        assert_eq!(from_base64url("AAAAA"), None);
        assert_eq!(from_base64url("AA=="), None);
    }

    #[test]
    fn crc32_is_the_standard_one() {
        assert_eq!(crc32(&[b"123456789"]), 0xCBF4_3926);
        assert_eq!(crc32(&[b"1234", b"56789"]), 0xCBF4_3926);
    }

    #[test]
    fn varints_are_read_as_written_and_only_so() {
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut out = Writer::default();
            out.varint(value);
            let mut input = Reader {
                bytes: &out.0,
                at: 0,
            };
            assert_eq!(input.varint(), Ok(value));
            assert_eq!(input.at, out.0.len());
        }
        for bad in [&[0x80, 0x00][..], &[0xff; 11][..], &[0x80][..]] {
            assert!(Reader { bytes: bad, at: 0 }.varint().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn names_share_prefixes_on_character_boundaries() {
        assert_eq!(shared_prefix("lab-09", "lab-10"), 4);
        assert_eq!(shared_prefix("", "lab-01"), 0);
        // "é" and "ê" share their first UTF-8 byte, not a character.
        assert_eq!(shared_prefix("café", "cafê"), 3);
    }
}
