//! The details of the selected VM: full config, state, pending changes and times.

use leptos::prelude::*;

use super::lifecycle::Lifecycle;
use super::vm_list::state_word;
use super::Ui;
use crate::manager::{Timestamp, VmConfig};
use crate::present::format_memory;
use crate::web::app::App;

/// A local date and time, as the browser's locale writes it.
fn format_time(at: Timestamp) -> String {
    if at == 0 {
        return "unknown".into();
    }
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64))
        .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

fn config_rows(config: &VmConfig) -> Vec<(&'static str, String)> {
    vec![
        ("Name", config.name.clone()),
        (
            "Memory",
            format!("{} MB ({})", config.memory, format_memory(config.memory)),
        ),
        ("vCPUs", config.vcpus.to_string()),
        ("Disk path", config.disk_path.clone()),
        ("Disk size", format!("{} GB", config.disk_size)),
        (
            "ISO image",
            config.iso_image.clone().unwrap_or_else(|| "none".into()),
        ),
        ("Network", config.network.clone()),
    ]
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

/// The details panel.
#[component]
pub fn Details() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let row = Memo::new(move |_| ui.selected.get().and_then(|name| app.row(&name)));
    view! {
        <aside class="panel details" aria-labelledby="details-title">
            <h2 id="details-title">"Details"</h2>
            <Lifecycle row />
            {move || match row.get() {
                None => view! { <p class="muted">"Choose a VM's name in the list to see everything about it."</p> }.into_any(),
                Some(row) => {
                    let info = row.info;
                    (move || {
                        let info = info.get();
                        view! {
                            <section class="vm-details" data-details-vm=info.config.name.clone()>
                                <h3>{info.config.name.clone()}</h3>
                                {definition_list(vec![
                                    ("State", state_word(info.state).to_owned()),
                                    ("Created", format_time(info.created_at)),
                                    ("State changed", format_time(info.state_changed_at)),
                                    ("Revision", info.revision.to_string()),
                                ])}
                                <h4>"Configuration"</h4>
                                {definition_list(config_rows(&info.config))}
                                {info.pending.map(|pending| view! {
                                    <h4>"Pending — applied at next stop"</h4>
                                    {definition_list(config_rows(&pending))}
                                })}
                            </section>
                        }
                    })
                    .into_any()
                }
            }}
        </aside>
    }
}
