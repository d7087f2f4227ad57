//! A VM config as a form holds it: text per field, parsed into a [`VmConfig`] with one message
//! per bad field. Pure Rust, so that the rules are tested natively; the UI only binds inputs.

use crate::manager::limits::quoted_excerpt;
use crate::manager::{ConfigField, ConfigProblem, Expected, Found, VmConfig, VmError};
use crate::sizes::{read_size, FieldUnit, SizeProblem};

/// The text of each field of a create or edit form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigForm {
    /// Name field.
    pub name: String,
    /// Memory field: MB, or a size with its unit ("2 GB"; see [`crate::sizes`]).
    pub memory: String,
    /// vCPUs field.
    pub vcpus: String,
    /// Disk path field.
    pub disk_path: String,
    /// Disk size field: GB, or a size with its unit.
    pub disk_size: String,
    /// ISO image field; empty means none.
    pub iso_image: String,
    /// Network field.
    pub network: String,
}

/// One message per field at fault, in form order.
pub type FieldErrors = Vec<(ConfigField, VmError)>;

impl ConfigForm {
    /// The form pre-filled with `config`.
    pub fn from_config(config: &VmConfig) -> Self {
        ConfigForm {
            name: config.name.clone(),
            memory: config.memory.to_string(),
            vcpus: config.vcpus.to_string(),
            disk_path: config.disk_path.clone(),
            disk_size: config.disk_size.to_string(),
            iso_image: config.iso_image.clone().unwrap_or_default(),
            network: config.network.clone(),
        }
    }

    /// The text of `field`.
    pub fn get(&self, field: ConfigField) -> &str {
        match field {
            ConfigField::Name => &self.name,
            ConfigField::Memory => &self.memory,
            ConfigField::Vcpus => &self.vcpus,
            ConfigField::DiskPath => &self.disk_path,
            ConfigField::DiskSize => &self.disk_size,
            ConfigField::IsoImage => &self.iso_image,
            ConfigField::Network => &self.network,
        }
    }

    /// Sets the text of `field`.
    pub fn set(&mut self, field: ConfigField, text: String) {
        let slot = match field {
            ConfigField::Name => &mut self.name,
            ConfigField::Memory => &mut self.memory,
            ConfigField::Vcpus => &mut self.vcpus,
            ConfigField::DiskPath => &mut self.disk_path,
            ConfigField::DiskSize => &mut self.disk_size,
            ConfigField::IsoImage => &mut self.iso_image,
            ConfigField::Network => &mut self.network,
        };
        *slot = text;
    }

    /// The config this form describes, or every field at fault with the core's message.
    ///
    /// ```
    /// use vm_playground::form::ConfigForm;
    /// use vm_playground::{ConfigField, VmConfig};
    /// let mut form = ConfigForm::from_config(&VmConfig::default());
    /// form.memory = "lots".into();
    /// let errors = form.parse().unwrap_err();
    /// assert_eq!(errors[0].0, ConfigField::Name);
    /// assert_eq!(
    ///     errors[1].1.to_string(),
    ///     "memory must be a size such as 2048, 512 MB or 1,5 GB, got \"lots\""
    /// );
    /// ```
    pub fn parse(&self) -> Result<VmConfig, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut number = |field: ConfigField| -> u64 {
            let text = self.get(field);
            let read = match size_unit(field) {
                Some(unit) => read_size(text, unit)
                    .map(|size| size.value)
                    .map_err(|problem| size_problem(problem, unit, text)),
                None => parse_whole(text),
            };
            read.unwrap_or_else(|problem| {
                errors.push((field, VmError::InvalidConfig { field, problem }));
                // Any in-range value: the field already has its message.
                1
            })
        };
        let memory = number(ConfigField::Memory);
        let vcpus = number(ConfigField::Vcpus);
        let disk_size = number(ConfigField::DiskSize);
        let config = VmConfig {
            name: self.name.clone(),
            memory,
            vcpus: u32::try_from(vcpus).unwrap_or(u32::MAX),
            disk_path: self.disk_path.clone(),
            disk_size,
            iso_image: Some(self.iso_image.clone()).filter(|iso| !iso.is_empty()),
            network: self.network.clone(),
        };
        for (field, problem) in config.problems() {
            if !errors.iter().any(|(bad, _)| *bad == field) {
                errors.push((field, VmError::InvalidConfig { field, problem }));
            }
        }
        if errors.is_empty() {
            return Ok(config);
        }
        // In the form's order, which is ConfigField::ALL's.
        let mut ordered = FieldErrors::new();
        for field in ConfigField::ALL {
            if let Some(at) = errors.iter().position(|(bad, _)| *bad == field) {
                ordered.push(errors.swap_remove(at));
            }
        }
        Err(ordered)
    }
}

/// The unit of a size field (memory, disk size); `None` for the others.
pub fn size_unit(field: ConfigField) -> Option<FieldUnit> {
    match field {
        ConfigField::Memory => Some(FieldUnit::Mb),
        ConfigField::DiskSize => Some(FieldUnit::Gb),
        _ => None,
    }
}

/// The core's words for a size that couldn't be read.
fn size_problem(problem: SizeProblem, unit: FieldUnit, text: &str) -> ConfigProblem {
    let expected = match (problem, unit) {
        (SizeProblem::Missing, _) => return ConfigProblem::Missing,
        (SizeProblem::Unreadable, FieldUnit::Mb) => Expected::SizeMb,
        (SizeProblem::Unreadable, FieldUnit::Gb) => Expected::SizeGb,
        (SizeProblem::NotWhole, FieldUnit::Mb) => Expected::WholeMb,
        (SizeProblem::NotWhole, FieldUnit::Gb) => Expected::WholeGb,
    };
    ConfigProblem::WrongType {
        expected,
        found: Found::Typed(quoted_excerpt(text.trim())),
    }
}

/// Parses a whole number the way a person types it: surrounding spaces are ignored, and so are
/// '_' between digits ("4_096"). A comma is never a thousands separator (it is a decimal one in
/// much of Europe), so "4,096" is refused rather than read as 4096.
fn parse_whole(text: &str) -> Result<u64, ConfigProblem> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(ConfigProblem::Missing);
    }
    let digits: String = trimmed.chars().filter(|c| *c != '_').collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        // All digits: only overflow can fail, and it is out of every range.
        return Ok(digits.parse().unwrap_or(u64::MAX));
    }
    Err(ConfigProblem::WrongType {
        expected: Expected::WholeNumber,
        found: Found::Typed(quoted_excerpt(trimmed)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_form() -> ConfigForm {
        ConfigForm::from_config(&VmConfig {
            name: "web-01".into(),
            ..Default::default()
        })
    }

    #[test]
    fn a_valid_form_parses_to_its_config() {
        let mut form = valid_form();
        form.memory = " 4096 ".into();
        form.iso_image = "/iso/debian.iso".into();
        let config = form.parse().unwrap();
        assert_eq!(config.memory, 4096);
        assert_eq!(config.iso_image.as_deref(), Some("/iso/debian.iso"));
        assert_eq!(ConfigForm::from_config(&config).parse(), Ok(config));
    }

    #[test]
    fn an_empty_iso_field_means_no_iso() {
        assert_eq!(valid_form().parse().unwrap().iso_image, None);
    }

    #[test]
    fn every_bad_field_gets_its_own_message_in_form_order() {
        let form = ConfigForm {
            name: "has space".into(),
            memory: "0".into(),
            vcpus: "two".into(),
            disk_path: "<img src=x>".into(),
            disk_size: "".into(),
            iso_image: String::new(),
            network: "a/b".into(),
        };
        let errors = form.parse().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(field, _)| *field).collect();
        assert_eq!(
            fields,
            [
                ConfigField::Name,
                ConfigField::Memory,
                ConfigField::Vcpus,
                ConfigField::DiskSize,
                ConfigField::Network
            ]
        );
        let messages: Vec<_> = errors.iter().map(|(_, error)| error.to_string()).collect();
        assert_eq!(
            messages[1],
            "memory must be between 1 and 4194304 MB, got 0"
        );
        assert_eq!(messages[2], "vCPUs must be a whole number, got \"two\"");
        assert_eq!(messages[3], "disk size is required");
    }

    #[test]
    fn negative_fractional_and_huge_numbers_are_refused() {
        for (text, message) in [
            (
                "-1",
                "memory must be a size such as 2048, 512 MB or 1,5 GB, got \"-1\"",
            ),
            ("1.5", "memory must be a whole number of MB, got \"1.5\""),
            (
                "4,096",
                "memory must be a whole number of MB, got \"4,096\"",
            ),
            (
                "99999999999999999999999",
                "memory must be between 1 and 4194304 MB, got 18446744073709551615",
            ),
        ] {
            let mut form = valid_form();
            form.memory = text.into();
            let errors = form.parse().unwrap_err();
            assert_eq!(errors.len(), 1, "{text}");
            assert_eq!(errors[0].1.to_string(), message);
        }
    }

    #[test]
    fn sizes_with_units_and_decimal_commas_parse_to_what_they_say() {
        let mut form = valid_form();
        form.memory = "1,5 GB".into();
        form.disk_size = "2048 MB".into();
        let config = form.parse().unwrap();
        assert_eq!((config.memory, config.disk_size), (1536, 2));
        form.vcpus = "1,5".into();
        assert_eq!(form.parse().unwrap_err()[0].0, ConfigField::Vcpus);
    }

    #[test]
    fn vcpus_beyond_u32_are_out_of_range_not_wrapped() {
        let mut form = valid_form();
        form.vcpus = "4294967297".into();
        let errors = form.parse().unwrap_err();
        assert_eq!(errors[0].0, ConfigField::Vcpus);
    }

    #[test]
    fn get_and_set_address_the_same_field() {
        let mut form = ConfigForm::default();
        for (index, field) in ConfigField::ALL.into_iter().enumerate() {
            form.set(field, index.to_string());
        }
        for (index, field) in ConfigField::ALL.into_iter().enumerate() {
            assert_eq!(form.get(field), index.to_string());
        }
    }
}
