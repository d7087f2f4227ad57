//! The details of the selected VM: full config, state, pending changes and times.

use leptos::prelude::*;

use super::lifecycle::Lifecycle;
use super::Ui;
use crate::i18n::{fill, Lang};
use crate::manager::{usage_model, ConfigField, Timestamp, Usage, VmConfig, VmState};
use crate::web::app::App;
use crate::web::language::Language;

/// A local date and time, written the language's way by the browser's `Intl`.
fn format_time(lang: Lang, at: Timestamp) -> String {
    if at == 0 {
        return lang.texts().unknown_time.into();
    }
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64))
        .to_locale_string(lang.code(), &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

fn config_rows(lang: Lang, config: &VmConfig) -> Vec<(&'static str, String)> {
    let texts = lang.texts();
    let value = |field: ConfigField| match field {
        ConfigField::Name => config.name.clone(),
        ConfigField::Memory => fill(
            texts.memory_detail,
            &[
                // As the form holds it (the number a user types), not grouped.
                ("mb", &config.memory),
                ("size", &lang.memory(config.memory)),
            ],
        ),
        ConfigField::Vcpus => lang.number(u64::from(config.vcpus)),
        ConfigField::DiskPath => config.disk_path.clone(),
        ConfigField::DiskSize => lang.gigabytes(config.disk_size),
        ConfigField::IsoImage => config
            .iso_image
            .clone()
            .unwrap_or_else(|| texts.no_iso.to_owned()),
        ConfigField::Network => config.network.clone(),
    };
    ConfigField::ALL
        .into_iter()
        .map(|field| (texts.details_term(field), value(field)))
        .collect()
}

fn definition_list(rows: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl class="details-list">
            {rows
                .into_iter()
                .map(|(term, value)| view! {
                    <dt>{term}</dt>
                    <dd>{value}</dd>
                })
                .collect_view()}
        </dl>
    }
}

/// The guest's use now, following the simulated clock (only this line re-renders on a tick).
fn guest_usage(app: App, language: Language, config: VmConfig, state: VmState) -> impl IntoView {
    move || {
        let t = app.sim_time.get();
        let lang = language.get();
        let permille = usage_model::cpu_permille(&config.name, state, t);
        let memory = usage_model::memory_used_mb(&config.name, state, config.memory, t);
        let cpu = format!("{}.{}", permille / 10, permille % 10)
            .replace('.', &lang.decimal_separator().to_string());
        view! {
            <p class="guest-usage" data-cpu-permille=permille.to_string() data-memory-used=memory.to_string()>
                {fill(lang.texts().vm_usage, &[("cpu", &cpu), ("memory", &lang.memory(memory))])}
            </p>
        }
    }
}

/// The details panel.
#[component]
pub fn Details() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    let row = Memo::new(move |_| ui.selected.get().and_then(|name| app.row(&name)));
    view! {
        <aside class="panel details" aria-labelledby="details-title">
            <h2 id="details-title">{language.text(|t| t.details_heading)}</h2>
            <Lifecycle row />
            {move || match row.get() {
                None => view! { <p class="muted">{language.text(|t| t.details_empty)}</p> }.into_any(),
                Some(row) => {
                    let info = row.info;
                    (move || {
                        let info = info.get();
                        let lang = language.get();
                        let texts = lang.texts();
                        // Whether the next boot fits depends on the host and the other VMs.
                        app.host_changed.track();
                        app.infos_changed.track();
                        let held = Usage::held_by(&info);
                        let holds = fill(
                            texts.vm_holds,
                            &[
                                ("memory", &lang.memory(held.memory)),
                                ("vcpus", &lang.number(held.vcpus)),
                                ("disk", &lang.gigabytes(held.storage)),
                            ],
                        );
                        let will_not_start = info
                            .pending
                            .as_ref()
                            .and_then(|_| app.manager().next_boot_refusal(&info.config.name).ok().flatten())
                            .map(|reason| fill(texts.pending_will_not_start, &[("reason", &reason)]));
                        view! {
                            <section class="vm-details" data-details-vm=info.config.name.clone()>
                                <h3>{info.config.name.clone()}</h3>
                                {definition_list(vec![
                                    (texts.details_state, texts.state(info.state).to_owned()),
                                    (texts.details_created, format_time(lang, info.created_at)),
                                    (texts.details_state_changed, format_time(lang, info.state_changed_at)),
                                    (texts.details_revision, lang.number(info.revision)),
                                ])}
                                <p class="holds">{holds}</p>
                                {guest_usage(app, language, info.config.clone(), info.state)}
                                <h4>{texts.details_configuration}</h4>
                                {definition_list(config_rows(lang, &info.config))}
                                {info.pending.map(|pending| view! {
                                    <h4>{texts.details_pending}</h4>
                                    {definition_list(config_rows(lang, &pending))}
                                })}
                                {will_not_start.map(|text| view! { <p class="warning" role="status">{text}</p> })}
                            </section>
                        }
                    })
                    .into_any()
                }
            }}
        </aside>
    }
}
