//! The details of the selected VM: full config, state, pending changes and times.

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::deferred::Deferred;
use super::lifecycle::Lifecycle;
use super::on_screen::{after_frame, clock_while, on_screen};
use super::vm_row::{lifecycle_action, LIFECYCLE_ACTIONS};
use super::Ui;
use crate::i18n::{fill, Lang};
use crate::manager::{ConfigField, Timestamp, Usage, VmConfig, VmInfo, VmState};
use crate::usage_graph::{line_path, paths_markup, GraphedVm, HEIGHT, WIDTH};
use crate::web::app::{App, Row};
use crate::web::language::Language;

/// A local date and time, written the language's way by the browser's `Intl`.
pub(super) fn format_time(lang: Lang, at: Timestamp) -> String {
    if at == 0 {
        return lang.texts().unknown_time.into();
    }
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64))
        .to_locale_string(lang.code(), &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// A term, its value, and whether the value is user data (marked `translate="no"`).
type DetailRow = (&'static str, String, bool);

fn config_rows(lang: Lang, config: &VmConfig) -> Vec<DetailRow> {
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
        other => lang.field_value(config, other),
    };
    ConfigField::ALL
        .into_iter()
        .map(|field| {
            let user_data = matches!(
                field,
                ConfigField::Name
                    | ConfigField::DiskPath
                    | ConfigField::Network
                    | ConfigField::IsoImage
            ) && !(field == ConfigField::IsoImage && config.iso_image.is_none())
                && !(field == ConfigField::DiskPath && config.disk_path.is_empty());
            (texts.details_term(field), value(field), user_data)
        })
        .collect()
}

fn definition_list(rows: Vec<DetailRow>) -> impl IntoView {
    view! {
        <dl class="details-list">
            {rows
                .into_iter()
                .map(|(term, value, user_data)| view! {
                    <dt>{term}</dt>
                    <dd translate=user_data.then_some("no")>{value}</dd>
                })
                .collect_view()}
        </dl>
    }
}

/// Why each unavailable action of `name`'s row is so, as text anyone can read (a projector
/// shows no tooltip; a touch screen has no hover): "Start is unavailable for web-01: already
/// running".
fn unavailable(lang: Lang, name: &str, state: VmState) -> impl IntoView + use<> {
    let texts = lang.texts();
    let reasons: Vec<String> = LIFECYCLE_ACTIONS
        .into_iter()
        .filter_map(|action| {
            let (word, _, _, refusal) = lifecycle_action(lang, action, state)?;
            Some(fill(
                texts.unavailable,
                &[
                    ("action", &word),
                    ("name", &name),
                    ("reason", &texts.refusal(refusal?)),
                ],
            ))
        })
        .collect();
    view! {
        <ul class="unavailable">
            {reasons.into_iter().map(|reason| view! { <li>{reason}</li> }).collect_view()}
        </ul>
    }
}

/// The guest's use now and over the last minute (two sparklines), following the simulated
/// clock while they are on screen: only this part re-renders on a tick.
fn guest_usage(app: App, language: Language, vm: Memo<Option<GraphedVm>>) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    let shown = on_screen(node);
    let usage = move || {
        let t = clock_while(app, shown);
        let vm = vm.get()?;
        let lang = language.get();
        let texts = lang.texts();
        let cpu = vm.cpu_permille(t);
        let memory = vm.memory_used_mb(t);
        let (cpu_now, memory_now) = (cpu.last().copied(), memory.last().copied());
        let (cpu_now, memory_now) = (cpu_now.unwrap_or(0), memory_now.unwrap_or(0));
        let cpu_text = lang.one_decimal(cpu_now, 10);
        let memory_text = lang.memory(memory_now);
        let cpu_label = fill(texts.sparkline_cpu, &[("cpu", &cpu_text)]);
        let memory_label = fill(
            texts.sparkline_memory,
            &[("memory", &memory_text), ("total", &lang.memory(vm.memory))],
        );
        Some(view! {
            <p class="guest-usage" data-cpu-permille=cpu_now.to_string() data-memory-used=memory_now.to_string()>
                {fill(texts.vm_usage, &[("cpu", &cpu_text), ("memory", &memory_text)])}
            </p>
            {sparkline("cpu", texts.sparkline_cpu_caption, cpu_label, line_path(t, &cpu, 1000))}
            {sparkline("memory", texts.sparkline_memory_caption, memory_label, line_path(t, &memory, vm.memory))}
        })
    };
    view! { <div class="guest" node_ref=node>{usage}</div> }
}

/// One sparkline: an image named by what it shows and its value now, under a short caption
/// for the eye (hidden from assistive technology: the image's name says it in full).
fn sparkline(
    kind: &'static str,
    caption: &'static str,
    label: String,
    path: String,
) -> impl IntoView {
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    view! {
        <span class="sparkline-caption" aria-hidden="true">{caption}</span>
        <svg class="sparkline" data-sparkline=kind viewBox=view_box preserveAspectRatio="none" role="img" aria-label=label
            inner_html=paths_markup(&[path])></svg>
    }
}

/// The selected VM's details (in a chunk of its own, fetched with the first selection).
///
/// Built once, when a VM is first selected; each part follows only what it shows of the
/// selected VM (a memo of it), so that a Start or Stop, or choosing another VM, rewrites what
/// differs in place rather than the whole panel.
#[wasm_split(details, wasm_split_path = ::leptos::wasm_split, fallible)]
fn selected_vm(owner: Owner, row: Memo<Option<Row>>) -> Result<AnyView, SplitLoaderError> {
    Ok(owner.with(|| {
        let app = expect_context::<App>();
        let ui = expect_context::<Ui>();
        let language = expect_context::<Language>();
        let any_selected = Memo::new(move |_| row.with(Option::is_some));
        (move || {
            any_selected.get().then(|| {
                // The section follows the selected VM after the frame that shows a click on
                // its row: that frame paints the row alone (~2 ms sooner among 10,000 VMs).
                let shown =
                    after_frame(move || row.with(|row| row.as_ref().map(|row| row.info.get())));
                let name = part_of(shown, |info| info.config.name.clone());
                let state = part_of(shown, |info| info.state);
                let times = part_of(shown, |info| {
                    (
                        info.state,
                        info.created_at,
                        info.state_changed_at,
                        info.revision,
                    )
                });
                let held = part_of(shown, Usage::held_by);
                let graphed = part_of(shown, |info| GraphedVm::of(&info.config, info.state));
                let config = part_of(shown, |info| info.config.clone());
                let pending = part_of(shown, |info| info.pending.clone());
                let snapshots: Memo<Option<SnapshotsShown>> = part_of(shown, |info| {
                    (
                        info.state.is_active(),
                        info.snapshots.clone(),
                        info.current_snapshot.clone(),
                    )
                });
                let name_now = move || name.get().unwrap_or_default();
                let unavailable_now = move || {
                    let lang = language.get();
                    let state = state.get()?;
                    name.with(|name| Some(unavailable(lang, name.as_ref()?, state)))
                };
                let times_now = move || {
                    let lang = language.get();
                    let texts = lang.texts();
                    let (state, created_at, state_changed_at, revision) = times.get()?;
                    Some(definition_list(vec![
                        (texts.details_state, texts.state(state).to_owned(), false),
                        (texts.details_created, format_time(lang, created_at), false),
                        (
                            texts.details_state_changed,
                            format_time(lang, state_changed_at),
                            false,
                        ),
                        (texts.details_revision, lang.number(revision), false),
                    ]))
                };
                let holds_now = move || {
                    let lang = language.get();
                    let held = held.get()?;
                    Some(fill(
                        lang.texts().vm_holds,
                        &[
                            ("memory", &lang.memory(held.memory)),
                            ("vcpus", &lang.number(held.vcpus)),
                            ("disk", &lang.gigabytes(held.storage)),
                        ],
                    ))
                };
                let config_now = move || {
                    let lang = language.get();
                    config.with(|config| Some(definition_list(config_rows(lang, config.as_ref()?))))
                };
                let pending_now = move || {
                    let lang = language.get();
                    pending.with(|pending| {
                        let pending = pending.as_ref()?.as_ref()?;
                        Some(view! {
                            <h4>{lang.texts().details_pending}</h4>
                            {definition_list(config_rows(lang, pending))}
                        })
                    })
                };
                // Whether the next boot fits depends on the host and the other VMs: only this
                // sentence follows them, and only while there are pending changes.
                let will_not_start = move || {
                    if pending.with(|pending| pending.as_ref().is_none_or(Option::is_none)) {
                        return None;
                    }
                    let lang = language.get();
                    app.host_changed.track();
                    app.infos_changed.track();
                    let name = name.get()?;
                    app.manager()
                        .next_boot_refusal(&name)
                        .ok()
                        .flatten()
                        .map(|reason| {
                            let text = fill(
                                lang.texts().pending_will_not_start,
                                &[("reason", &lang.error(&reason))],
                            );
                            view! { <p class="warning" role="status">{text}</p> }
                        })
                };
                let snapshots_now = move || {
                    // Read, not `track`ed: a memo runs (and so follows the VM) only when read.
                    // The name too: another VM's section is the same but for the name in its
                    // buttons.
                    snapshots.with(|_| ());
                    name.with(|_| ());
                    let lang = language.get();
                    shown.with_untracked(|info| {
                        info.as_ref()
                            .map(|info| super::snapshots::snapshot_section(app, ui, lang, info))
                    })
                };
                view! {
                    <section class="vm-details" data-details-vm=name_now>
                        <h3 translate="no">{name_now}</h3>
                        {unavailable_now}
                        {times_now}
                        <p class="holds">{holds_now}</p>
                        {guest_usage(app, language, graphed)}
                        <h4>{language.text(|t| t.details_configuration)}</h4>
                        {config_now}
                        {pending_now}
                        {will_not_start}
                        {snapshots_now}
                    </section>
                }
            })
        })
        .into_any()
    }))
}

/// A memo of what `read` takes of the VM the section shows (`shown`): it notifies only when
/// that part changes, for this VM or on choosing another.
fn part_of<T>(shown: ReadSignal<Option<VmInfo>>, read: fn(&VmInfo) -> T) -> Memo<Option<T>>
where
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| shown.with(|info| info.as_ref().map(read)))
}

/// What the snapshot section shows of a VM: whether it is active (no clone then), its
/// snapshots and the current one.
type SnapshotsShown = (bool, Vec<crate::manager::Snapshot>, Option<String>);

/// The details panel.
#[component]
pub fn Details() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    let row = Memo::new(move |_| ui.selected.get().and_then(|name| app.row(&name)));
    // The diagram, like the section below it, follows after the frame that shows a click on
    // the VM's row. Each takes its own copy: the diagram its name and state here, the section
    // the whole VM in its chunk. One copy of the whole VM for both, kept here, put ~1 KB of
    // gzip more into the first visit's download (313.7 against 312.8 KB).
    let diagram = after_frame(move || {
        row.with(|row| {
            row.as_ref()
                .map(|row| (row.name.to_string(), row.info.with(|info| info.state)))
        })
    });
    // The selected VM's part comes in a chunk of its own, with the first selection.
    let selected = Deferred::new();
    selected.load_when(
        move || row.with(Option::is_some),
        move |owner| selected_vm(owner, row),
    );
    view! {
        // Focusable: where the panel scrolls (presenter mode, the sticky column at 1300 px and
        // more) a keyboard user must be able to reach it to scroll it, and with no VM selected
        // it holds nothing else that takes focus.
        <aside class="panel details" aria-labelledby="details-title" tabindex="0">
            <h2 id="details-title">{language.text(|t| t.details_heading)}</h2>
            <Lifecycle vm=diagram />
            {move || row.with(Option::is_none).then(|| view! { <p class="muted">{language.text(|t| t.details_empty)}</p> })}
            {selected.view()}
        </aside>
    }
}
