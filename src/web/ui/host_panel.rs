//! The Host panel: gauges of what the VMs hold of the host, its sizes (editable) and presets.
//! The region carries the numbers as `data-*` for tests and tools (never translated).

use leptos::prelude::*;

use super::host_graphs::HostGraphs;
use super::select_value;
use crate::i18n::{fill, Lang, Texts};
use crate::manager::{Host, HostInfo, VmError};
use crate::web::app::App;
use crate::web::language::Language;

super::deferred::chunk!(
    /// The Host region with its graphs, in a chunk of its own (below the first screen).
    host_part,
    below_first_screen,
    view! { <HostPanel /> }
);

/// The presets, by the value of their menu option.
const PRESETS: [(&str, Host); 3] = [
    ("laptop", Host::LAPTOP),
    ("server", Host::SERVER),
    ("unlimited", Host::UNLIMITED),
];

fn preset_of(host: &Host) -> &'static str {
    PRESETS
        .iter()
        .find(|(_, preset)| preset == host)
        .map_or("custom", |(value, _)| value)
}

/// Why Apply changed nothing; put into words as it is shown, so a language switch rewords it.
#[derive(Clone)]
enum ApplyError {
    /// The text of the field with this label is not a size.
    NotANumber(fn(&Texts) -> &'static str),
    /// The core refused the sizes.
    Refused(VmError),
}

/// The size fields' labels, for the field and for its error alike.
fn memory_label(texts: &Texts) -> &'static str {
    texts.host_memory_mb
}
fn cpus_label(texts: &Texts) -> &'static str {
    texts.host_cpus
}
fn storage_label(texts: &Texts) -> &'static str {
    texts.host_storage_gb
}

fn data(value: Option<u64>) -> String {
    value.map_or_else(|| "unlimited".to_owned(), |n| n.to_string())
}

/// A size field's text as a size: empty is unlimited.
fn parse_size(text: &str) -> Result<Option<u64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(drop)
}

/// One gauge: a meter (when the size is finite), its words, and a mark when over.
fn gauge(text: String, used: u64, total: Option<u64>, mark: Option<&'static str>) -> impl IntoView {
    let over = mark.is_some();
    view! {
        <div class="gauge" class:over=over>
            <span>{text}</span>
            {total.map(|total| {
                view! { <meter min="0" max=total.to_string() value=used.min(total).to_string() aria-hidden="true"></meter> }
            })}
            {mark.map(|mark| view! { <strong class="over-mark">{mark}</strong> })}
        </div>
    }
}

fn gauges(info: HostInfo, lang: Lang) -> impl IntoView {
    let texts = lang.texts();
    let (host, usage) = (info.host, info.usage);
    let size = |total: Option<u64>, show: &dyn Fn(u64) -> String| {
        total.map_or_else(|| texts.host_unlimited.to_owned(), show)
    };
    let over = info.over_capacity();
    let over_mark = |resource| over.contains(&resource).then_some(texts.host_over);
    let memory = fill(
        texts.host_memory,
        &[
            ("used", &lang.memory(usage.memory)),
            ("total", &size(host.memory, &|mb| lang.memory(mb))),
        ],
    );
    let vcpus = match host.cpus {
        Some(cpus) => fill(
            texts.host_vcpus,
            &[
                ("used", &lang.number(usage.vcpus)),
                ("cpus", &lang.number(u64::from(cpus))),
                ("ratio", &lang.one_decimal(usage.vcpus, u64::from(cpus))),
            ],
        ),
        None => fill(
            texts.host_vcpus_unlimited,
            &[("used", &lang.number(usage.vcpus))],
        ),
    };
    let vcpu_mark = info
        .vcpu_ratio()
        .is_some_and(|ratio| ratio > 1.0)
        .then_some(texts.host_overcommitted);
    let storage = fill(
        texts.host_storage,
        &[
            ("used", &lang.gigabytes(usage.storage)),
            ("total", &size(host.storage, &|gb| lang.gigabytes(gb))),
        ],
    );
    view! {
        {gauge(memory, usage.memory, host.memory, over_mark(crate::manager::Resource::Memory))}
        {gauge(vcpus, usage.vcpus, host.cpus.map(u64::from), vcpu_mark)}
        {gauge(storage, usage.storage, host.storage, over_mark(crate::manager::Resource::Storage))}
        {(!over.is_empty()).then(|| view! { <p class="over-notice" role="status">{texts.host_over_notice}</p> })}
    }
}

/// The simulated clock: play / pause and ×1, ×10, ×60. It ticks once a real second and does
/// nothing while the tab is hidden; a tick writes one signal, which only what shows the
/// guests' use reads (the selected VM's details), so its cost does not grow with the VMs.
/// One of the host's size fields: a label and a numeric text input bound to `value`.
fn size_field(
    id: &'static str,
    label: fn(&Texts) -> &'static str,
    value: RwSignal<String>,
    language: Language,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{language.text(label)}</label>
            <input id=id inputmode="numeric" prop:value=value
                on:input=move |event| value.set(event_target_value(&event)) />
        </div>
    }
}

#[component]
fn SimClock() -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let speed = RwSignal::new(1u64);
    let _ = set_interval_with_handle(
        move || {
            let step = app.clock_speed.get_untracked();
            if step > 0 && !document().hidden() {
                app.sim_time.update(|t| *t += step);
            }
        },
        std::time::Duration::from_secs(1),
    );
    let playing = move || app.clock_speed.get() > 0;
    let time = move || {
        let t = app.sim_time.get();
        let reading = format!("{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60);
        fill(language.texts().clock_time, &[("time", &reading)])
    };
    view! {
        <div class="sim-clock" role="group" aria-label=language.text(|t| t.clock_label)>
            <span>{time}</span>
            <button type="button" aria-pressed=move || playing().to_string()
                on:click=move |_| {
                    let next = if playing() { 0 } else { speed.get_untracked() };
                    app.clock_speed.set(next);
                }>
                {move || if playing() { language.texts().clock_pause } else { language.texts().clock_play }}
            </button>
            <label for="clock-speed">{language.text(|t| t.clock_speed)}</label>
            <select id="clock-speed" on:change=move |event| {
                let value = event_target_value(&event).parse().unwrap_or(1);
                speed.set(value);
                if app.clock_speed.get_untracked() > 0 {
                    app.clock_speed.set(value);
                }
            }>
                <option value="1">"×1"</option>
                <option value="10">"×10"</option>
                <option value="60">"×60"</option>
            </select>
        </div>
    }
}

/// The Host region.
#[component]
pub fn HostPanel() -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let info = Memo::new(move |_| app.host_info());
    // The host's sizes alone: what VMs use changes with every start and stop, and the fields
    // must not be written then. Writing a form field's value, even the same value, costs
    // Chromium's autofill a scan of every form control on the page (10,000 rows' buttons:
    // ~30 ms a click, measured), and would throw away what someone is typing.
    let host = Memo::new(move |_| info.get().host);
    let error = RwSignal::new(None::<ApplyError>);
    let memory = RwSignal::new(String::new());
    let cpus = RwSignal::new(String::new());
    let storage = RwSignal::new(String::new());
    let overcommit = RwSignal::new(false);
    // The fields follow the host whenever it changes (from here, another tab, the console or
    // the API): each field only when its own size changed, so that another tab resizing the
    // memory leaves a number being typed in vCPUs alone.
    Effect::new(move |before: Option<Host>| {
        let host = host.get();
        let text = |size: Option<u64>| size.map(|n| n.to_string()).unwrap_or_default();
        let changed =
            |size: fn(&Host) -> Option<u64>| before.as_ref().map(size) != Some(size(&host));
        if changed(|host| host.memory) {
            memory.set(text(host.memory));
        }
        if changed(|host| host.cpus.map(u64::from)) {
            cpus.set(text(host.cpus.map(u64::from)));
        }
        if changed(|host| host.storage) {
            storage.set(text(host.storage));
        }
        if before.map(|before| before.overcommit) != Some(host.overcommit) {
            overcommit.set(host.overcommit);
        }
        host
    });
    let apply = move |host: Host| {
        error.set(app.set_host(host).err().map(ApplyError::Refused));
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let field = |text: RwSignal<String>, label: fn(&Texts) -> &'static str| {
            parse_size(&text.get_untracked()).map_err(|()| ApplyError::NotANumber(label))
        };
        let host = field(memory, memory_label).and_then(|memory| {
            let cpus = field(cpus, cpus_label)?.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
            let storage = field(storage, storage_label)?;
            Ok(Host {
                memory,
                cpus,
                storage,
                overcommit: overcommit.get_untracked(),
            })
        });
        match host {
            Ok(host) => apply(host),
            Err(refused) => error.set(Some(refused)),
        }
    };
    let on_preset = move |event| {
        let value = event_target_value(&event);
        if let Some((_, host)) = PRESETS.iter().find(|(name, _)| *name == value) {
            apply(*host);
        }
    };
    view! {
        <section
            class="panel host"
            aria-labelledby="host-title"
            data-memory-used=move || info.get().usage.memory.to_string()
            data-memory-total=move || data(host.get().memory)
            data-vcpus-used=move || info.get().usage.vcpus.to_string()
            data-cpus=move || data(host.get().cpus.map(u64::from))
            data-storage-used=move || info.get().usage.storage.to_string()
            data-storage-total=move || data(host.get().storage)
            data-overcommit=move || host.get().overcommit.to_string()
        >
            <h2 id="host-title">{language.text(|t| t.host_heading)}</h2>
            <SimClock />
            <div class="gauges" aria-live="polite">
                {move || gauges(info.get(), language.get())}
            </div>
            // Outside the live region: a tick must not be read out every second.
            <HostGraphs info />
            <div class="field">
                <label for="host-preset">{language.text(|t| t.host_preset)}</label>
                <select id="host-preset" use:select_value=Signal::derive(move || preset_of(&host.get()).to_owned()) on:change=on_preset>
                    <option value="laptop">{language.text(|t| t.host_preset_laptop)}</option>
                    <option value="server">{language.text(|t| t.host_preset_server)}</option>
                    <option value="unlimited">{language.text(|t| t.host_preset_unlimited)}</option>
                    <option value="custom" disabled>{language.text(|t| t.host_preset_custom)}</option>
                </select>
            </div>
            <form class="host-sizes" on:submit=submit novalidate>
                {size_field("host-memory", memory_label, memory, language)}
                {size_field("host-cpus", cpus_label, cpus, language)}
                {size_field("host-storage", storage_label, storage, language)}
                <label class="check">
                    <input type="checkbox" prop:checked=overcommit
                        on:change=move |event| overcommit.set(event_target_checked(&event)) />
                    {language.text(|t| t.host_overcommit)}
                </label>
                <p class="hint">{language.text(|t| t.host_blank_unlimited)}</p>
                <button type="submit">{language.text(|t| t.host_apply)}</button>
                {move || error.get().map(|error| {
                    let lang = language.get();
                    let message = match error {
                        ApplyError::NotANumber(label) => fill(
                            lang.texts().host_not_a_number,
                            &[("field", &label(lang.texts()))],
                        ),
                        ApplyError::Refused(error) => lang.error(&error),
                    };
                    view! { <p class="error" role="alert">{message}</p> }
                })}
            </form>
        </section>
    }
}
