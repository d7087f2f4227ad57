//! What the two config forms (create, and the edit dialog) share besides their fields: the
//! messages to show after a submit, and focus on the first field that has one.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::form::ConfigForm;
use crate::i18n::Lang;
use crate::manager::{ConfigField, VmError};

/// Where a core error belongs in a form: its field, or the name for a taken or frozen name.
fn error_field(error: &VmError) -> ConfigField {
    error.field().unwrap_or(ConfigField::Name)
}

/// The messages of a form: the parse errors, then the core's refusal of the last submit.
pub fn form_errors(
    lang: Lang,
    form: &ConfigForm,
    refusal: Option<&VmError>,
) -> Vec<(ConfigField, String)> {
    let mut errors: Vec<(ConfigField, String)> = match form.parse() {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|(field, error)| (field, lang.error(&error)))
            .collect(),
    };
    if let Some(error) = refusal {
        let field = error_field(error);
        if !errors.iter().any(|(bad, _)| *bad == field) {
            errors.push((field, lang.error(error)));
        }
    }
    errors
}

/// Focuses the first invalid field of the form whose ids start with `prefix`.
pub fn focus_first_invalid(prefix: &str, errors: &[(ConfigField, String)]) {
    let first = ConfigField::ALL
        .into_iter()
        .find(|field| errors.iter().any(|(bad, _)| bad == field));
    if let Some(field) = first {
        focus_id(&format!("{prefix}-{}", field.json_name()));
    }
}

/// Focuses the element `id`, if the document has it.
pub fn focus_id(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
