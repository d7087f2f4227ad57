//! The event log panel: every operation from the GUI, the console and the JS API, filterable
//! by VM and exportable as text.

use std::collections::BTreeSet;

use crate::ordering::by_insertion;

use leptos::prelude::*;

use super::on_screen::{follow_after_frame_while_hidden, on_screen};
use super::select_value;
use crate::event_log::{Event, EventLog, Source};
use crate::i18n::{fill, Lang};
use crate::web::app::App;
use crate::web::download::download;
use crate::web::language::Language;

super::deferred::chunk!(
    /// The event log, in a chunk of its own (below the first screen).
    event_log_part,
    below_first_screen,
    view! { <EventLogPanel /> }
);

/// How many of the newest events the panel shows (the log keeps more; the export has all).
const SHOWN: usize = 200;

/// The time of day of `at`, written the language's way by the browser's `Intl`: what
/// `Date.prototype.toLocaleTimeString` writes, through one formatter per language (that call
/// builds a formatter each time: ~0.15 ms an entry, 200 entries after a script's bulk create).
fn time_of_day(lang: Lang, at: u64) -> String {
    use wasm_bindgen::JsValue;
    thread_local! {
        static FORMAT: std::cell::RefCell<Option<(Lang, js_sys::Function)>> =
            const { std::cell::RefCell::new(None) };
    }
    let date = js_sys::Date::new(&JsValue::from_f64(at as f64));
    FORMAT.with_borrow_mut(|format| {
        if format.as_ref().is_none_or(|(built, _)| *built != lang) {
            let options = js_sys::Object::new();
            for part in ["hour", "minute", "second"] {
                let _ = js_sys::Reflect::set(&options, &part.into(), &"numeric".into());
            }
            let locales = js_sys::Array::of1(&lang.code().into());
            let formatter = js_sys::Intl::DateTimeFormat::new(&locales, &options);
            *format = Some((lang, formatter.format()));
        }
        let (_, format) = format.as_ref().expect("a formatter");
        format
            .call1(&JsValue::NULL, &date)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| date.to_locale_time_string(lang.code()).into())
    })
}

/// Where an event came from, in words.
fn source_word(lang: Lang, source: Source) -> &'static str {
    let texts = lang.texts();
    match source {
        Source::Gui => texts.source_gui,
        Source::Console => texts.source_console,
        Source::Api => texts.source_api,
    }
}

/// The panel.
#[component]
pub fn EventLogPanel() -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let filter = RwSignal::new(String::new());
    let panel = NodeRef::<leptos::html::Section>::new();
    // The log as the panel shows it: off screen (below the list), it follows after the frame.
    let log_changed = follow_after_frame_while_hidden(on_screen(panel), move || app.events.track());
    let vms = Memo::new(move |_| {
        log_changed.track();
        app.events.with_untracked(|log| {
            by_insertion::<BTreeSet<_>, _>(log.entries().map(|event| event.vm.clone()))
        })
    });
    let shown = Memo::new(move |_| {
        let filter = filter.get();
        log_changed.track();
        app.events.with_untracked(|log| {
            let vm = (!filter.is_empty()).then_some(filter.as_str());
            // The newest, copied alone (the log keeps up to 500), then numbered oldest first,
            // so an event keeps its key as newer ones arrive.
            let mut newest: Vec<Event> = log.filtered(vm).rev().take(SHOWN).cloned().collect();
            newest.reverse();
            let mut numbered = EventLog::numbered(newest);
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
        <section class="panel events" aria-label=language.text(|t| t.event_log) node_ref=panel>
            <h2>{language.text(|t| t.event_log)}</h2>
            <div class="events-tools">
                <div class="field">
                    <label for="event-filter">{language.text(|t| t.show_events_of)}</label>
                    <select
                        id="event-filter"
                        use:select_value=Signal::derive(move || filter.get())
                        on:change=move |event| filter.set(event_target_value(&event))
                    >
                        <option value="">{language.text(|t| t.every_vm)}</option>
                        // Keyed: a new event adds and drops an option or two, where rebuilding
                        // them all rewrote up to 500 options on every event once the log held
                        // that many VMs (after a script created thousands).
                        <For each=move || vms.get() key=|vm| vm.clone() let:vm>
                            <option value=vm.clone() translate="no">{vm.clone()}</option>
                        </For>
                    </select>
                </div>
                <button type="button" on:click=export>
                    {language.text(|t| t.export_as_text)}
                </button>
            </div>
            <Show
                when=move || shown.with(|events| !events.is_empty())
                fallback=move || view! { <p class="muted">{language.text(|t| t.no_events)}</p> }
            >
                <ol class="event-list" reversed>
                    <For
                        each=move || shown.get()
                        key=|(number, event)| {
                            (*number, event.at, event.vm.clone(), event.op, event.source, event.error.clone())
                        }
                        let:numbered
                    >
                        {
                            let event = numbered.1;
                            // Rebuilt (its words too) when the language changes: one closure
                            // per entry, not one per word.
                            move || {
                            let lang = language.get();
                            let texts = lang.texts();
                            let event = event.clone();
                            view! {
                        <li
                            class:failed=!event.ok
                            data-event-vm=event.vm.clone()
                            data-event-op=event.op.as_str()
                            data-event-source=event.source.as_str()
                        >
                            <time>{time_of_day(lang, event.at)}</time>
                            <span class="source">{source_word(lang, event.source)}</span>
                            <span class="op" translate="no">{event.op.as_str()}</span>
                            {if event.vm.is_empty() {
                                view! { <span class="event-vm">{texts.every_vm}</span> }.into_any()
                            } else {
                                view! { <span class="event-vm" translate="no">{event.vm.clone()}</span> }.into_any()
                            }}
                            <span class="outcome">
                                {match event.outcome() {
                                    Ok(()) => texts.outcome_ok.to_owned(),
                                    Err(error) => fill(texts.outcome_refused, &[("error", &error)]),
                                }}
                            </span>
                        </li>
                            }
                            }
                        }
                    </For>
                </ol>
            </Show>
        </section>
    }
}
