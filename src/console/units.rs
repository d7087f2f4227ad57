//! Numbers as virsh reads them: sizes with a unit suffix (`512M`, `4G`, `1048576K`, `1b`),
//! KiB when there is none, and plain counts.

use crate::i18n::{fill, Lang};

/// Why a size or count was refused; [`NumberError::lines`] gives virsh's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Not a whole number of 0 or more (or too long to hold).
    Malformed,
    /// A number followed by a unit virsh doesn't know (`1X`, `1.5G`: the suffix is `.5G`).
    UnknownSuffix(String),
    /// The number times its unit is more bytes than 64 bits hold.
    TooLarge {
        /// The number as read.
        number: u64,
        /// Its suffix.
        suffix: String,
    },
}

impl NumberError {
    /// virsh's lines for `text` given as the option `option` ("size"), in `lang`: a scaled
    /// value's, or with `scaled` false a plain number's ("Numeric value ...").
    pub fn lines(&self, text: &str, option: &str, scaled: bool, lang: Lang) -> Vec<String> {
        let t = lang.console();
        let malformed = if scaled {
            t.bad_scaled_number
        } else {
            t.bad_number
        };
        let mut lines = vec![t.error(&fill(malformed, &[("value", &text), ("option", &option)]))];
        match self {
            NumberError::Malformed => {}
            NumberError::UnknownSuffix(suffix) => {
                lines.push(t.error(&fill(t.unknown_suffix, &[("suffix", suffix)])));
            }
            NumberError::TooLarge { number, suffix } => lines.push(t.error(&fill(
                t.too_large,
                &[("number", number), ("suffix", suffix)],
            ))),
        }
        lines
    }
}

/// The leading digits of `text` as a number, and the rest.
fn leading_number(text: &str) -> Result<(u64, &str), NumberError> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    if end == 0 {
        return Err(NumberError::Malformed);
    }
    let number = text[..end]
        .parse::<u64>()
        .map_err(|_| NumberError::Malformed)?;
    Ok((number, &text[end..]))
}

/// How many bytes one `suffix` is: `b`/`byte`/`bytes` 1; `k`, `m`, `g`, `t`, `p`, `e` alone or
/// followed by `iB` powers of 1024, followed by `B` powers of 1000 (any case); no suffix, KiB.
fn scale(suffix: &str) -> Option<u64> {
    if suffix.is_empty() {
        return Some(1024);
    }
    let lower = suffix.to_ascii_lowercase();
    if matches!(lower.as_str(), "b" | "byte" | "bytes") {
        return Some(1);
    }
    let mut chars = lower.chars();
    let unit = chars.next()?;
    let base: u64 = match chars.as_str() {
        "" | "ib" => 1024,
        "b" => 1000,
        _ => return None,
    };
    let power = "kmgtpe".find(unit)? as u32 + 1;
    Some(base.pow(power))
}

/// A size as `setmem` and `setmaxmem` read it, in KiB (rounded up, as virsh does).
///
/// ```
/// use vm_playground::console::scaled_kib;
/// assert_eq!(scaled_kib("1048576"), Ok(1_048_576));
/// assert_eq!(scaled_kib("512M"), Ok(524_288));
/// assert_eq!(scaled_kib("4G"), Ok(4_194_304));
/// assert_eq!(scaled_kib("1048576K"), Ok(1_048_576));
/// assert_eq!(scaled_kib("1b"), Ok(1));
/// assert_eq!(scaled_kib("1GB"), Ok(976_563));
/// assert!(scaled_kib("1.5G").is_err());
/// ```
pub fn scaled_kib(text: &str) -> Result<u64, NumberError> {
    let (number, suffix) = leading_number(text)?;
    let scale = scale(suffix).ok_or_else(|| NumberError::UnknownSuffix(suffix.to_owned()))?;
    let bytes = number
        .checked_mul(scale)
        .ok_or_else(|| NumberError::TooLarge {
            number,
            suffix: suffix.to_owned(),
        })?;
    Ok(bytes.div_ceil(1024))
}

/// A count as `setvcpus` reads it: a whole number that fits 32 bits.
pub fn count(text: &str) -> Result<u32, NumberError> {
    match leading_number(text)? {
        (number, "") => u32::try_from(number).map_err(|_| NumberError::Malformed),
        _ => Err(NumberError::Malformed),
    }
}
