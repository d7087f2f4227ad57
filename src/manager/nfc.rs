//! VM names in Unicode Normalization Form C, so that two names that look the same ("café"
//! typed with "é", or with "e" and a combining U+0301) are the same VM.
//!
//! The normaliser is injected, like the [`Clock`](super::Clock): natively it is the
//! `unicode-normalization` crate (a native-only dependency); in the browser the web layer
//! passes JavaScript's own `String.prototype.normalize` in through [`set_normaliser`].
//! Measured on the release wasm after wasm-opt (gzip -9, 2026-12-06): the crate's tables
//! would have added 61 KB to the download (271,865 → 334,391 bytes, +23%); the injected
//! normaliser adds 59 bytes.
//!
//! It is one normaliser for the whole program rather than one per manager because names are
//! normalised outside any manager too: by the loader, which must refuse a stored name that
//! is not in NFC, and by every lookup.

use std::borrow::Cow;
use std::sync::OnceLock;

/// A function that returns its argument in NFC.
pub type Normaliser = fn(&str) -> String;

static NORMALISER: OnceLock<Normaliser> = OnceLock::new();

/// Sets the normaliser, once, before the first name is normalised (the web layer does it at
/// start-up). Returns whether it was set; a second call changes nothing.
pub fn set_normaliser(normaliser: Normaliser) -> bool {
    NORMALISER.set(normaliser).is_ok()
}

/// `text` in NFC: borrowed when it already is (the usual case costs a scan, no call).
///
/// ```
/// use vm_playground::manager::nfc;
/// assert_eq!(nfc("cafe\u{301}"), "café");
/// assert!(matches!(nfc("web-01"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn nfc(text: &str) -> Cow<'_, str> {
    // No character below U+0300 composes with another or changes under NFC (combining marks
    // and every other NFC_Quick_Check "No" or "Maybe" character start at U+0300).
    if text.chars().all(|ch| u32::from(ch) < 0x300) {
        return Cow::Borrowed(text);
    }
    let normalised = (NORMALISER.get_or_init(default_normaliser))(text);
    if normalised == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(normalised)
    }
}

/// Whether `text` is in NFC.
pub fn is_nfc(text: &str) -> bool {
    matches!(nfc(text), Cow::Borrowed(_))
}

#[cfg(not(target_arch = "wasm32"))]
fn default_normaliser() -> Normaliser {
    |text| unicode_normalization::UnicodeNormalization::nfc(text).collect()
}

/// In the browser the web layer sets the normaliser before anything else runs; without one
/// (a wasm build that forgot) names are kept as given, as before normalisation existed.
#[cfg(target_arch = "wasm32")]
fn default_normaliser() -> Normaliser {
    str::to_owned
}
