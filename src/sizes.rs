//! Sizes as people type them in the memory and disk fields: `2 GB`, `2G`, `512 MB`, `512M`,
//! `1,5 GB`, `1.5 GB`, `2 ГБ`; a bare number is in the field's own unit (MB for memory, GB
//! for disk). A comma is always a decimal separator, never a thousands separator, and a value
//! that can't be read exactly is refused, never reinterpreted. Pure, so natively tested; the
//! form binds it.

/// The unit a field stores its value in; a bare number is read in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldUnit {
    /// Megabytes (memory).
    Mb,
    /// Gigabytes (disk size).
    Gb,
}

impl FieldUnit {
    /// How many MB one of this unit is.
    fn mb(self) -> u128 {
        match self {
            FieldUnit::Mb => 1,
            FieldUnit::Gb => 1024,
        }
    }
}

/// What a size field's text was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// The value in the field's unit.
    pub value: u64,
    /// Whether the text named a unit or used a decimal fraction, i.e. whether the value
    /// differs from the text enough to be worth echoing ("= 2048 MB").
    pub converted: bool,
}

/// Why a size field's text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeProblem {
    /// Nothing typed.
    Missing,
    /// Not a number with an optional unit.
    Unreadable,
    /// Readable, but not a whole number of the field's unit ("1,5 MB", "512 MB" of disk).
    NotWhole,
}

/// The units a size may name, in MB, matched case-insensitively after the number.
const UNITS: [(&str, u128); 16] = [
    ("m", 1),
    ("mb", 1),
    ("mib", 1),
    ("м", 1),
    ("мб", 1),
    ("миб", 1),
    ("g", 1024),
    ("gb", 1024),
    ("gib", 1024),
    ("г", 1024),
    ("гб", 1024),
    ("гиб", 1024),
    ("t", 1024 * 1024),
    ("tb", 1024 * 1024),
    ("tib", 1024 * 1024),
    ("тб", 1024 * 1024),
];

/// Reads `text` as a size in `unit`.
///
/// ```
/// use vm_playground::sizes::{read_size, FieldUnit, Size};
/// assert_eq!(read_size("1,5 GB", FieldUnit::Mb), Ok(Size { value: 1536, converted: true }));
/// assert_eq!(read_size("20", FieldUnit::Gb), Ok(Size { value: 20, converted: false }));
/// ```
pub fn read_size(text: &str, unit: FieldUnit) -> Result<Size, SizeProblem> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(SizeProblem::Missing);
    }
    let number_end = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(trimmed.len());
    let (number, rest) = trimmed.split_at(number_end);
    let suffix = crate::present::fold_case(rest.trim());
    let per_unit_mb = if suffix.is_empty() {
        unit.mb()
    } else {
        UNITS
            .iter()
            .find(|(name, _)| *name == suffix)
            .map(|(_, mb)| *mb)
            .ok_or(SizeProblem::Unreadable)?
    };
    let (whole, fraction) = match number.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (number, None),
    };
    let digits_only = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits_only(whole) || fraction.is_some_and(|fraction| !digits_only(fraction)) {
        return Err(SizeProblem::Unreadable);
    }
    let fraction = fraction.unwrap_or("");
    // value = (whole + fraction / 10^k) * per_unit_mb / unit_mb, exactly, in u128; more
    // digits than u64 holds is out of every range, so it saturates.
    if whole.len() + fraction.len() > 30 {
        return Ok(Size {
            value: u64::MAX,
            converted: true,
        });
    }
    let scale = 10u128.pow(fraction.len() as u32);
    let numerator: u128 = format!("{whole}{fraction}")
        .parse::<u128>()
        .unwrap_or(u128::MAX);
    let numerator = numerator.saturating_mul(per_unit_mb);
    let denominator = scale * unit.mb();
    if numerator % denominator != 0 {
        return Err(SizeProblem::NotWhole);
    }
    Ok(Size {
        value: u64::try_from(numerator / denominator).unwrap_or(u64::MAX),
        converted: !suffix.is_empty() || !fraction.is_empty(),
    })
}

/// Memory below this many MB, typed as a bare number, is probably meant in GB.
pub const SUSPICIOUS_BELOW_MB: u64 = 64;

/// When the memory text is a bare number under [`SUSPICIOUS_BELOW_MB`] ("2"), the gigabytes
/// the person probably meant (2), so the form can ask "Did you mean 2 GB?" before creating.
/// A number typed with its unit ("2 MB") was meant as written.
///
/// ```
/// use vm_playground::sizes::suspicious_memory;
/// assert_eq!(suspicious_memory("2"), Some(2));
/// assert_eq!(suspicious_memory("2 MB"), None);
/// assert_eq!(suspicious_memory("512"), None);
/// ```
pub fn suspicious_memory(text: &str) -> Option<u64> {
    match read_size(text, FieldUnit::Mb) {
        Ok(Size {
            value,
            converted: false,
        }) if (1..SUSPICIOUS_BELOW_MB).contains(&value) => Some(value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mb(text: &str) -> Result<u64, SizeProblem> {
        read_size(text, FieldUnit::Mb).map(|size| size.value)
    }

    fn gb(text: &str) -> Result<u64, SizeProblem> {
        read_size(text, FieldUnit::Gb).map(|size| size.value)
    }

    #[test]
    fn units_people_type_are_understood() {
        for (text, expected) in [
            ("2 GB", 2048),
            ("2G", 2048),
            ("2gb", 2048),
            ("2 GiB", 2048),
            ("512 MB", 512),
            ("512M", 512),
            ("512", 512),
            (" 1,5 GB ", 1536),
            ("1.5 GB", 1536),
            ("2 ГБ", 2048),
            ("512 МБ", 512),
            ("1 TB", 1_048_576),
        ] {
            assert_eq!(mb(text), Ok(expected), "{text}");
        }
        assert_eq!(gb("20"), Ok(20));
        assert_eq!(gb("1 TB"), Ok(1024));
        assert_eq!(gb("2048 MB"), Ok(2));
        assert_eq!(gb("1,5 ТБ"), Ok(1536));
    }

    #[test]
    fn a_comma_is_a_decimal_separator_never_thousands() {
        // "4,096" is four point zero nine six MB, not 4096: refused, not reinterpreted.
        assert_eq!(mb("4,096"), Err(SizeProblem::NotWhole));
        assert_eq!(mb("1,5"), Err(SizeProblem::NotWhole));
        assert_eq!(mb("1,5 GB"), Ok(1536));
    }

    #[test]
    fn unreadable_values_are_refused() {
        for text in [
            "lots", "-1", "1.2.3", "1,,5", ".5 GB", "5. GB", "2 GBs", "GB", "1e3", "2 K",
        ] {
            assert_eq!(mb(text), Err(SizeProblem::Unreadable), "{text}");
        }
        assert_eq!(mb("   "), Err(SizeProblem::Missing));
        assert_eq!(gb("512 MB"), Err(SizeProblem::NotWhole));
    }

    #[test]
    fn huge_values_saturate_out_of_every_range() {
        assert_eq!(mb("99999999999999999999999"), Ok(u64::MAX));
        assert_eq!(mb("99999999999999999999999999999999999 GB"), Ok(u64::MAX));
    }

    #[test]
    fn only_what_was_converted_is_echoed() {
        assert!(!read_size("2048", FieldUnit::Mb).unwrap().converted);
        assert!(read_size("2 GB", FieldUnit::Mb).unwrap().converted);
        assert!(read_size("2048 MB", FieldUnit::Mb).unwrap().converted);
    }

    #[test]
    fn small_bare_memory_is_suspicious() {
        assert_eq!(suspicious_memory("2"), Some(2));
        assert_eq!(suspicious_memory("63"), Some(63));
        assert_eq!(suspicious_memory("64"), None);
        assert_eq!(suspicious_memory("2M"), None);
        assert_eq!(suspicious_memory("0"), None);
        assert_eq!(suspicious_memory("two"), None);
    }
}
