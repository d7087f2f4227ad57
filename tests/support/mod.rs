//! What the catalogue tests (`i18n_catalogue.rs`, `console_i18n.rs`) share: every template of
//! a catalogue by key, and a template rendered with a sample for each argument.
#![allow(
    clippy::disallowed_methods,
    reason = "native-only code: the page's size habits don't apply"
)]

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use vm_playground::i18n::{arguments, fill};

/// Every template of `catalogue` by key: `key`, `key.<form>` for a plural, `key.<index>` for a
/// list; the fields named in `skip` (tables, not templates) are left out.
pub fn templates(catalogue: &impl Serialize, skip: &[&str]) -> BTreeMap<String, String> {
    let Value::Object(fields) = serde_json::to_value(catalogue).unwrap() else {
        panic!("a catalogue serialises to an object");
    };
    let mut out = BTreeMap::new();
    for (key, value) in fields {
        match value {
            _ if skip.contains(&key.as_str()) => {}
            Value::String(template) => {
                out.insert(key, template);
            }
            Value::Object(forms) => {
                for (form, template) in forms {
                    out.insert(
                        format!("{key}.{form}"),
                        template.as_str().unwrap().to_owned(),
                    );
                }
            }
            Value::Array(items) => {
                for (index, item) in items.into_iter().enumerate() {
                    out.insert(format!("{key}.{index}"), item.as_str().unwrap().to_owned());
                }
            }
            other => panic!("{key}: unexpected {other}"),
        }
    }
    out
}

/// `names`, sorted.
pub fn sorted(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names
}

/// `template` filled with `<name>` for each argument, and those samples.
pub fn with_samples(template: &str) -> (String, Vec<String>) {
    let names = arguments(template);
    let values: Vec<String> = names.iter().map(|name| format!("<{name}>")).collect();
    let args: Vec<(&str, &dyn std::fmt::Display)> = names
        .iter()
        .zip(&values)
        .map(|(name, value)| (*name, value as &dyn std::fmt::Display))
        .collect();
    (fill(template, &args), values)
}
