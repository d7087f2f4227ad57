//! The event log panel: every operation from the GUI, the console and the JS API, filterable
//! by VM and exportable as text.

use std::collections::BTreeSet;

use crate::ordering::by_insertion;

use leptos::prelude::*;

use crate::event_log::{Event, EventLog};
use crate::web::app::App;
use crate::web::download::download;

/// How many of the newest events the panel shows (the log keeps more; the export has all).
const SHOWN: usize = 200;

/// The time of day of `at` in the browser's locale.
fn time_of_day(at: u64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64))
        .to_locale_time_string("default")
        .into()
}

/// The panel.
#[component]
pub fn EventLogPanel() -> impl IntoView {
    let app = expect_context::<App>();
    let filter = RwSignal::new(String::new());
    let vms = Memo::new(move |_| {
        app.events
            .with(|log| by_insertion::<BTreeSet<_>, _>(log.entries().map(|event| event.vm.clone())))
    });
    let shown = Memo::new(move |_| {
        let filter = filter.get();
        app.events.with(|log| {
            let vm = (!filter.is_empty()).then_some(filter.as_str());
            let events: Vec<Event> = log.filtered(vm).cloned().collect();
            let skip = events.len().saturating_sub(SHOWN);
            // Numbered oldest first, so an event keeps its key as newer ones arrive.
            let mut numbered = EventLog::numbered(events.into_iter().skip(skip).collect());
            numbered.reverse();
            numbered
        })
    });
    let export = move |_| {
        let filter = filter.get_untracked();
        let vm = (!filter.is_empty()).then_some(filter.as_str());
        let text = app.events.with_untracked(|log| log.text_for(vm));
        download("vm-playground-events.txt", &text);
    };

    view! {
        <section class="panel events" aria-label="Event log">
            <h2>"Event log"</h2>
            <div class="events-tools">
                <div class="field">
                    <label for="event-filter">"Show events of"</label>
                    <select
                        id="event-filter"
                        prop:value=move || filter.get()
                        on:change=move |event| filter.set(event_target_value(&event))
                    >
                        <option value="">"every VM"</option>
                        {move || {
                            vms.get()
                                .into_iter()
                                .map(|vm| view! { <option value=vm.clone()>{vm.clone()}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <button type="button" on:click=export>
                    "Export as text"
                </button>
            </div>
            <Show
                when=move || shown.with(|events| !events.is_empty())
                fallback=|| view! { <p class="muted">"Nothing has happened yet: every operation will show here."</p> }
            >
                <ol class="event-list" reversed>
                    <For
                        each=move || shown.get()
                        key=|(number, event)| {
                            (*number, event.at, event.vm.clone(), event.op.clone(), event.source, event.error.clone())
                        }
                        let:numbered
                    >
                        {
                            let event = numbered.1;
                            view! {
                        <li
                            class:failed=!event.ok
                            data-event-vm=event.vm.clone()
                            data-event-op=event.op.clone()
                            data-event-source=event.source.as_str()
                        >
                            <time>{time_of_day(event.at)}</time>
                            <span class="source">{event.source.as_str()}</span>
                            <span class="op">{event.op.clone()}</span>
                            <span class="event-vm">
                                {if event.vm.is_empty() { "every VM".to_owned() } else { event.vm.clone() }}
                            </span>
                            <span class="outcome">
                                {match event.outcome() {
                                    Ok(()) => "ok".to_owned(),
                                    Err(error) => format!("refused: {error}"),
                                }}
                            </span>
                        </li>
                            }
                        }
                    </For>
                </ol>
            </Show>
        </section>
    }
}
