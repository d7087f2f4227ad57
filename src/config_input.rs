//! A VM config from loosely typed input (a JavaScript object, an imported JSON file), checked
//! strictly: wrong types and unknown keys are errors that say what was found, never a panic
//! or a silent conversion. Pure Rust over `serde_json::Value`, so it is tested natively.

use serde_json::{Map, Value};

use crate::manager::limits::{excerpt, quoted_excerpt};
use crate::manager::{ConfigField, ConfigProblem, Expected, Found, Host, VmConfig, VmError, VCPUS};

/// Reads a config object: `name` is required, `isoImage` may be null or absent, any other
/// absent field takes [`VmConfig::default`]'s value. Then validates it like the core does.
///
/// ```
/// use serde_json::json;
/// use vm_playground::config_input::config_from_json;
/// let config = config_from_json(&json!({ "name": "web-01", "memory": 2048 })).unwrap();
/// assert_eq!((config.memory, config.vcpus), (2048, 1));
/// let error = config_from_json(&json!({ "name": "web-01", "memory": "2048" })).unwrap_err();
/// assert_eq!(error.to_string(), "memory must be a whole number, got the string \"2048\"");
/// ```
pub fn config_from_json(value: &Value) -> Result<VmConfig, VmError> {
    let Value::Object(object) = value else {
        return Err(invalid(
            ConfigField::Name,
            ConfigProblem::NotAnObject {
                found: describe(value),
            },
        ));
    };
    if let Some(key) = object.keys().find(|key| {
        !ConfigField::ALL
            .iter()
            .any(|field| field.json_name() == *key)
    }) {
        return Err(unknown_key(key));
    }
    let defaults = VmConfig::default();
    let name = match object.get("name") {
        None => return Err(invalid(ConfigField::Name, ConfigProblem::Missing)),
        Some(value) => string(value, ConfigField::Name)?,
    };
    let config = VmConfig {
        name,
        memory: whole(object, ConfigField::Memory)?.unwrap_or(defaults.memory),
        vcpus: match whole(object, ConfigField::Vcpus)? {
            None => defaults.vcpus,
            Some(vcpus) => u32::try_from(vcpus).map_err(|_| {
                invalid(
                    ConfigField::Vcpus,
                    ConfigProblem::OutOfRange {
                        min: u64::from(*VCPUS.start()),
                        max: u64::from(*VCPUS.end()),
                        got: vcpus,
                    },
                )
            })?,
        },
        disk_path: optional_string(object, ConfigField::DiskPath)?.unwrap_or(defaults.disk_path),
        disk_size: whole(object, ConfigField::DiskSize)?.unwrap_or(defaults.disk_size),
        iso_image: match object.get("isoImage") {
            None | Some(Value::Null) => None,
            Some(value) => Some(string(value, ConfigField::IsoImage)?),
        },
        network: optional_string(object, ConfigField::Network)?.unwrap_or(defaults.network),
    };
    config.validated()
}

/// The error for a config key that is no field, with the field it probably means. Keeps at
/// most `limits::EXCERPT_CHARS` characters of the key.
pub fn unknown_key(key: &str) -> VmError {
    let suggestion = closest_field(key);
    invalid(
        suggestion.unwrap_or(ConfigField::Name),
        ConfigProblem::UnknownKey {
            key: excerpt(key).into_owned(),
            suggestion,
        },
    )
}

/// What a field's value must be, in words: "a whole number" or "a string".
pub fn expected_type(field: ConfigField) -> Expected {
    match field {
        ConfigField::Memory | ConfigField::Vcpus | ConfigField::DiskSize => Expected::WholeNumber,
        _ => Expected::String,
    }
}

fn invalid(field: ConfigField, problem: ConfigProblem) -> VmError {
    VmError::InvalidConfig { field, problem }
}

fn string(value: &Value, field: ConfigField) -> Result<String, VmError> {
    match value {
        Value::String(text) => Ok(text.clone()),
        other => Err(invalid(
            field,
            ConfigProblem::WrongType {
                expected: expected_type(field),
                found: describe(other),
            },
        )),
    }
}

fn optional_string(
    object: &Map<String, Value>,
    field: ConfigField,
) -> Result<Option<String>, VmError> {
    object
        .get(field.json_name())
        .map(|value| string(value, field))
        .transpose()
}

/// A whole number of 0 or more. JavaScript numbers arrive as floats: 1024.0 is whole, 1.5 and
/// -1 are not, and neither is "1024".
fn whole(object: &Map<String, Value>, field: ConfigField) -> Result<Option<u64>, VmError> {
    let Some(value) = object.get(field.json_name()) else {
        return Ok(None);
    };
    let number = match value {
        Value::Number(number) => number.as_u64().or_else(|| {
            number
                .as_f64()
                .filter(|float| float.fract() == 0.0 && *float >= 0.0 && *float <= u64::MAX as f64)
                .map(|float| float as u64)
        }),
        _ => None,
    };
    number.map(Some).ok_or_else(|| {
        invalid(
            field,
            ConfigProblem::WrongType {
                expected: expected_type(field),
                found: describe(value),
            },
        )
    })
}

/// A JSON value as a message names it: `null`, `-1.5`, `the string "1024"`, `an array`.
pub fn describe(value: &Value) -> Found {
    match value {
        Value::Null => Found::Null,
        Value::Bool(flag) => Found::Bool(*flag),
        Value::Number(number) => Found::Number(number.to_string()),
        Value::String(text) => Found::String(quoted_excerpt(text)),
        Value::Array(_) => Found::Array,
        Value::Object(_) => Found::Object,
    }
}

/// The field a mistyped key most likely means: same letters ignoring case, '_' and '-', or
/// at most two edits away.
fn closest_field(key: &str) -> Option<ConfigField> {
    // No field name is longer than 8 characters: a long key is no near miss, and comparing
    // a megabyte key letter by letter would hold the page up.
    if key.len() > 64 {
        return None;
    }
    let simplify = |text: &str| -> String {
        let kept: String = text.chars().filter(|c| !matches!(c, '_' | '-')).collect();
        crate::present::fold_case(&kept)
    };
    let key = simplify(key);
    ConfigField::ALL
        .into_iter()
        .map(|field| (field, edit_distance(&key, &simplify(field.json_name()))))
        .filter(|(_, distance)| *distance <= 2)
        .min_by_key(|(_, distance)| *distance)
        .map(|(field, _)| field)
}

/// Levenshtein distance, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The host `current` with the sizes of a `setHost` argument: any subset of `memory` (MB),
/// `cpus`, `storage` (GB), each a whole number or `null` for unlimited, and `overcommit`, a
/// boolean. Absent keys keep their value. Bounds are checked by the manager.
///
/// ```
/// use serde_json::json;
/// use vm_playground::config_input::host_from_json;
/// use vm_playground::manager::Host;
/// let host = host_from_json(Host::LAPTOP, &json!({ "memory": 8192, "storage": null })).unwrap();
/// assert_eq!((host.memory, host.cpus, host.storage), (Some(8192), Some(8), None));
/// ```
pub fn host_from_json(current: Host, value: &Value) -> Result<Host, VmError> {
    let wrong = |key: &str, value: &Value| VmError::InvalidHostValue {
        key: key.to_owned(),
        found: Some(describe(value)),
    };
    let Value::Object(object) = value else {
        return Err(wrong("", value));
    };
    let mut host = current;
    for (key, value) in object {
        let size = || match value {
            Value::Null => Ok(None),
            Value::Number(n) => n.as_u64().map(Some).ok_or_else(|| wrong(key, value)),
            _ => Err(wrong(key, value)),
        };
        match key.as_str() {
            "memory" => host.memory = size()?,
            "storage" => host.storage = size()?,
            "cpus" => {
                // Beyond u32 is beyond the bound: the manager says so.
                host.cpus = size()?.map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            }
            "overcommit" => host.overcommit = value.as_bool().ok_or_else(|| wrong(key, value))?,
            _ => {
                return Err(VmError::InvalidHostValue {
                    key: excerpt(key).into_owned(),
                    found: None,
                })
            }
        }
    }
    Ok(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(value: Value) -> String {
        config_from_json(&value).unwrap_err().to_string()
    }

    fn field(value: Value) -> ConfigField {
        config_from_json(&value).unwrap_err().field().unwrap()
    }

    #[test]
    fn a_full_config_reads_back_exactly() {
        let config = VmConfig {
            name: "db".into(),
            memory: 4096,
            vcpus: 4,
            disk_path: "/d.qcow2".into(),
            disk_size: 50,
            iso_image: Some("/i.iso".into()),
            network: "isolated".into(),
        };
        let value = serde_json::to_value(&config).unwrap();
        assert_eq!(config_from_json(&value).unwrap(), config);
    }

    #[test]
    fn absent_fields_take_the_defaults_and_a_null_iso_is_none() {
        let config = config_from_json(&json!({ "name": "x", "isoImage": null })).unwrap();
        assert_eq!(
            config,
            VmConfig {
                name: "x".into(),
                ..Default::default()
            }
        );
    }

    #[test]
    fn floats_that_are_whole_are_accepted() {
        let config = config_from_json(&json!({ "name": "x", "memory": 2048.0 })).unwrap();
        assert_eq!(config.memory, 2048);
    }

    #[test]
    fn wrong_types_say_what_was_found() {
        assert_eq!(
            message(json!({ "name": "x", "memory": "1024" })),
            "memory must be a whole number, got the string \"1024\""
        );
        assert_eq!(
            message(json!({ "name": "x", "vcpus": 1.5 })),
            "vCPUs must be a whole number, got 1.5"
        );
        assert_eq!(
            message(json!({ "name": "x", "diskSize": -3 })),
            "disk size must be a whole number, got -3"
        );
        assert_eq!(
            message(json!({ "name": "x", "memory": null })),
            "memory must be a whole number, got null"
        );
        assert_eq!(
            message(json!({ "name": 5 })),
            "name must be a string, got 5"
        );
        assert_eq!(
            message(json!({ "name": "x", "isoImage": true })),
            "ISO image must be a string, got the boolean true"
        );
        assert_eq!(
            field(json!({ "name": "x", "network": [] })),
            ConfigField::Network
        );
    }

    #[test]
    fn a_missing_name_and_a_non_object_are_refused() {
        assert_eq!(message(json!({ "memory": 1 })), "name is required");
        assert_eq!(
            message(json!(null)),
            "a VM config must be an object like { name: \"web-01\", memory: 1024 }, got null"
        );
        assert!(message(json!("web-01")).ends_with("got the string \"web-01\""));
        assert!(message(json!([1, 2])).ends_with("got an array"));
    }

    #[test]
    fn unknown_keys_are_refused_with_a_suggestion() {
        assert_eq!(
            message(json!({ "name": "x", "memroy": 1 })),
            "unknown config field \"memroy\" (did you mean \"memory\"?)"
        );
        assert_eq!(
            field(json!({ "name": "x", "disk_size": 1 })),
            ConfigField::DiskSize
        );
        assert!(message(json!({ "name": "x", "colour": 1 })).contains("the fields are"));
    }

    #[test]
    fn vcpus_beyond_u32_are_out_of_range() {
        assert_eq!(
            message(json!({ "name": "x", "vcpus": 5_000_000_000u64 })),
            "vCPUs must be between 1 and 512, got 5000000000"
        );
    }

    #[test]
    fn values_are_validated_like_the_core() {
        assert_eq!(
            message(json!({ "name": "x", "memory": 0 })),
            "memory must be between 1 and 4194304 MB, got 0"
        );
        assert_eq!(field(json!({ "name": "a b" })), ConfigField::Name);
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("memroy", "memory"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
