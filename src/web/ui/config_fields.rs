//! The seven labelled fields of a VM config, shared by the create form and the edit dialog.

use leptos::prelude::*;

use super::select_value;
use crate::form::{size_unit, ConfigForm};
use crate::i18n::{fill, Texts};
use crate::manager::{ConfigField, KNOWN_NETWORKS, NAME_MAX_CHARS};
use crate::sizes::{read_size, FieldUnit};
use crate::web::language::Language;

/// What a size field's text was read as ("= 2048 MB"), when a unit or a fraction was typed.
fn understood(language: Language, field: ConfigField, text: &str) -> Option<String> {
    let unit = size_unit(field)?;
    let size = read_size(text, unit).ok().filter(|size| size.converted)?;
    let lang = language.get();
    // Digits only, never grouped: in a field where a comma is a decimal separator, "1,536"
    // would read as one and a half.
    let template = match unit {
        FieldUnit::Mb => lang.texts().size_mb,
        FieldUnit::Gb => lang.texts().size_gb,
    };
    let amount = fill(template, &[("n", &size.value)]);
    Some(fill(lang.texts().size_understood, &[("size", &amount)]))
}

fn hint(texts: &Texts, field: ConfigField) -> Option<String> {
    match field {
        ConfigField::Name => Some(fill(texts.hint_name, &[("max", &NAME_MAX_CHARS)])),
        ConfigField::DiskPath => Some(texts.hint_disk_path.to_owned()),
        ConfigField::IsoImage => Some(texts.hint_iso_image.to_owned()),
        _ => None,
    }
}

/// Placeholders are examples of user data (paths stay as written in every language).
fn placeholder(texts: &Texts, field: ConfigField) -> Option<&'static str> {
    match field {
        ConfigField::Name => Some(texts.placeholder_name),
        ConfigField::DiskPath => Some("/images/lab-01.qcow2"),
        ConfigField::IsoImage => Some("/isos/debian-12.iso"),
        _ => None,
    }
}

/// The fields, bound to `form`. `errors` are the messages to show now (one per field at
/// most); `prefix` keeps element ids unique per form. `name_note`, when set, makes the name
/// read-only and says why.
#[component]
pub fn ConfigFields(
    /// The form's text.
    form: RwSignal<ConfigForm>,
    /// The messages to show, by field.
    #[prop(into)]
    errors: Signal<Vec<(ConfigField, String)>>,
    /// Prefix of the element ids, e.g. "create".
    prefix: &'static str,
    /// Why the name can't be changed, if it can't.
    #[prop(into, optional)]
    name_note: Signal<Option<String>>,
) -> impl IntoView {
    ConfigField::ALL
        .into_iter()
        .map(|field| {
            view! { <Field form errors prefix field name_note /> }
        })
        .collect_view()
}

#[component]
fn Field(
    form: RwSignal<ConfigForm>,
    errors: Signal<Vec<(ConfigField, String)>>,
    prefix: &'static str,
    field: ConfigField,
    name_note: Signal<Option<String>>,
) -> impl IntoView {
    let language = expect_context::<Language>();
    let texts = move || language.texts();
    let id = format!("{prefix}-{}", field.json_name());
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = Memo::new(move |_| {
        errors.with(|errors| {
            errors
                .iter()
                .find(|(bad, _)| *bad == field)
                .map(|(_, message)| message.clone())
        })
    });
    let note = move || {
        if field == ConfigField::Name {
            name_note.get()
        } else {
            None
        }
    };
    let hint_text = move || note().or_else(|| hint(texts(), field));
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint_text().is_some() {
                ids.push(hint_id.clone());
            }
            if message.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || message.with(Option::is_some).then_some("true");
    let value = move || form.with(|form| form.get(field).to_owned());
    let on_input = move |event| form.update(|form| form.set(field, event_target_value(&event)));
    let understood_id = format!("{id}-understood");
    let echo = move || form.with(|form| understood(language, field, form.get(field)));

    let control = if field == ConfigField::Network {
        let options = move || {
            let current = value();
            let mut networks: Vec<String> =
                KNOWN_NETWORKS.iter().map(|n| (*n).to_owned()).collect();
            if !current.is_empty() && !networks.contains(&current) {
                networks.push(current.clone());
            }
            networks
                .into_iter()
                .map(|network| {
                    let selected = network == current;
                    view! {
                        <option value=network.clone() selected=selected translate="no">
                            {network.clone()}
                        </option>
                    }
                })
                .collect_view()
        };
        view! {
            <select
                id=id.clone()
                name=field.json_name()
                aria-invalid=invalid
                aria-describedby=described_by
                use:select_value=Signal::derive(value)
                on:change=on_input
            >
                {options}
            </select>
        }
        .into_any()
    } else {
        let numeric = matches!(
            field,
            ConfigField::Memory | ConfigField::Vcpus | ConfigField::DiskSize
        );
        view! {
            <input
                id=id.clone()
                name=field.json_name()
                type="text"
                inputmode=numeric.then_some("numeric")
                placeholder=move || placeholder(texts(), field)
                autocomplete="off"
                spellcheck="false"
                readonly=move || note().is_some()
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
            />
        }
        .into_any()
    };

    view! {
        <div class="field" class:invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>{move || texts().label(field)}</label>
            {control}
            {move || hint_text().map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> })}
            {size_unit(field)
                .map(|_| {
                    view! {
                        <p class="understood" id=understood_id.clone() aria-live="polite">
                            {echo}
                        </p>
                    }
                })}
            {move || {
                message
                    .get()
                    .map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })
            }}
        </div>
    }
}
