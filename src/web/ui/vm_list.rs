//! The list of VMs: summary, filters, the rows, and the empty states.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render, RenderHtml};

use super::vm_row::{on_row_click, RowView};
use super::{create_element, select_value, Ui};
use crate::i18n::{fill, Lang};
use crate::manager::VmState;
use crate::present::{NameFilter, StateFilter};
use crate::web::app::{position, App, Row};
use crate::web::language::Language;

/// Rows per chunk of the list. 64–128 measured best in a prototype with 10,000 VMs.
const CHUNK_ROWS: usize = 100;

/// Chunks rendered in the first pass: up to 1,000 rows at once (~100 ms of building), the
/// rest a few chunks per task. With rows cloned from a prototype this was the best trade
/// (medians of 5 start-ups beside the vanilla app): 1,000 VMs had every row in 342 ms instead
/// of 572 ms with one chunk first (the first rows 353 ms instead of 233 ms), and 10,000 VMs
/// showed their first rows 50 ms later (391 ms) and every row no later.
const FIRST_CHUNKS: usize = 10;

/// Chunks rendered per task after the first pass: ~400 rows take 30–45 ms to build, under
/// what counts as a long task, and the browser renders a frame between tasks: a chunk per task
/// spent as much on the frames between them as on the rows (~100 frames of ~6 ms for 10,000
/// rows, in a trace).
const CHUNKS_PER_TASK: usize = 4;

/// The list's section.
#[component]
pub fn VmList() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    let texts = move || language.texts();
    let rows = app.rows;

    // Follows the VMs' states only when a state filter is on, so that with no filter a click
    // on one VM doesn't re-filter the whole list; and then through `infos_changed`, not by
    // subscribing to every row's signal (see the summary).
    let shown = Memo::new(move |_| {
        let text = ui.filter_text.with(|text| NameFilter::new(text));
        let state = ui.filter_state.get();
        if state != StateFilter::All {
            app.infos_changed.track();
        }
        rows.with(|rows| {
            rows.iter()
                .filter(|row| text.matches(&row.name))
                .filter(|row| {
                    state == StateFilter::All
                        || row.info.with_untracked(|info| state.admits(info.state))
                })
                .cloned()
                .collect::<Vec<Row>>()
        })
    });
    let chunk_count = Memo::new(move |_| shown.with(Vec::len).div_ceil(CHUNK_ROWS));
    // Long lists render a chunk at once and the rest a few per task, so that the first rows
    // show and respond at once instead of after every row is built. The count follows a
    // list that gets shorter (a filter), so that it grows back a few chunks per task too: a
    // Backspace that widened a filter to 10,000 VMs built 9,000 rows in one go (754 ms).
    let rendered_chunks = RwSignal::new(FIRST_CHUNKS);
    Effect::new(move |_| {
        let (rendered, needed) = (rendered_chunks.get(), chunk_count.get());
        if rendered > needed.max(FIRST_CHUNKS) {
            rendered_chunks.set(needed.max(FIRST_CHUNKS));
        } else if rendered < needed {
            in_next_task(move || {
                rendered_chunks.update(|count| *count = (*count + CHUNKS_PER_TASK).min(needed));
            });
        }
    });
    let selection = RowSelection::new(app, ui);
    let total = move || rows.with(Vec::len);
    let filtering = move || {
        !ui.filter_text.with(|text| text.trim().is_empty())
            || ui.filter_state.get() != StateFilter::All
    };
    let clear_filters = move |_| {
        ui.filter_text.set(String::new());
        ui.filter_state.set(StateFilter::All);
    };

    view! {
        <section class="panel vms" aria-labelledby="vms-title">
            <h2 id="vms-title" tabindex="-1">{language.text(|t| t.vms_heading)}</h2>
            <SummaryLine />
            <div class="filters" role="search">
                <div class="field">
                    <label for="filter-text">{language.text(|t| t.filter_by_name)}</label>
                    <input
                        id="filter-text"
                        type="search"
                        autocomplete="off"
                        prop:value=move || ui.filter_text.get()
                        on:input=move |event| ui.filter_text.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="filter-state">{language.text(|t| t.filter_state)}</label>
                    <select
                        id="filter-state"
                        use:select_value=Signal::derive(move || ui.filter_state.get().as_str().to_owned())
                        on:change=move |event| {
                            ui.filter_state.set(StateFilter::parse(&event_target_value(&event)))
                        }
                    >
                        <option value="all">{language.text(|t| t.all_states)}</option>
                        {VmState::ALL
                            .into_iter()
                            .map(|state| {
                                view! { <option value=state.as_str()>{move || texts().state(state)}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <p class="shown-count" aria-live="polite">
                {move || {
                    if filtering() {
                        let lang = language.get();
                        fill(
                            lang.texts().showing_of,
                            &[
                                ("shown", &lang.number(shown.with(Vec::len) as u64)),
                                ("total", &lang.number(total() as u64)),
                            ],
                        )
                    } else {
                        String::new()
                    }
                }}
            </p>
            <Show when=move || total() == 0>
                <div class="empty">
                    <p>{language.text(|t| t.no_vms_yet)}</p>
                </div>
            </Show>
            <Show when=move || total() != 0 && shown.with(Vec::is_empty)>
                <div class="empty">
                    <p>{language.text(|t| t.no_vm_matches)}</p>
                    <button type="button" on:click=clear_filters>
                        {language.text(|t| t.clear_filters)}
                    </button>
                </div>
            </Show>
            // Rows come in chunks, each skipped by style and layout while off screen
            // (content-visibility): a click in 10,000 rows then lays out a few chunks, not
            // 10,000 boxes.
            <div
                class="vm-list"
                role="list"
                aria-labelledby="vms-title"
                on:click=move |event| on_row_click(app, ui, event)
            >
                // Rows read their words untracked (10,000 rows × a dozen words would be as many
                // subscriptions): a language switch rebuilds the list instead.
                {move || {
                language.get();
                view! {
                <For
                    each=move || 0..chunk_count.get().min(rendered_chunks.get())
                    key=|index| *index
                    let:index
                >
                    {VmChunk {
                        index,
                        shown,
                        selection,
                        lang: language.get_untracked(),
                    }}
                </For>
                }
                }}
            </div>
        </section>
    }
}

/// A chunk of the list: its element, holding the rows of its part of the shown list (keyed by
/// name: a row stays while its VM is in the part, new ones are built, those that left are
/// dropped), kept so, and each row up to date with its VM, by one effect.
///
/// The list's `For` did this with an owner, a marker and a keyed set per row, and each row had
/// an effect of its own: ~15% of building 10,000 rows. A chunk's rows are built into its
/// element before it is in the page. A change to one VM refreshes its chunk's rows, each of
/// which compares what it shows with its VM before it touches the DOM.
struct VmChunk {
    index: usize,
    shown: Memo<Vec<Row>>,
    selection: RowSelection,
    /// Read untracked: the list rebuilds its chunks when the language changes.
    lang: Lang,
}

/// A built chunk: its element and the effect that keeps its rows (dropped with it).
struct VmChunkState {
    element: web_sys::Element,
    _rows: RenderEffect<Vec<RowView>>,
}

impl VmChunk {
    fn build_state(self) -> VmChunkState {
        let VmChunk {
            index,
            shown,
            selection,
            lang,
        } = self;
        let element = create_element("div");
        element.set_class_name("vm-chunk");
        let _ = element.set_attribute("role", "none");
        // This chunk's part of the list: a VM created or deleted elsewhere changes the list,
        // and only the chunks whose part it changes look through their rows again.
        let part = Memo::new(move |_| {
            shown.with(|rows| {
                let start = (index * CHUNK_ROWS).min(rows.len());
                rows[start..(start + CHUNK_ROWS).min(rows.len())].to_vec()
            })
        });
        let rows = RenderEffect::new({
            let element = element.clone();
            move |previous: Option<Vec<RowView>>| {
                let previous = previous.unwrap_or_default();
                let mut rows = part.with(|part| {
                    let unchanged = previous.len() == part.len()
                        && previous.iter().zip(part).all(|(view, row)| view.shows(row));
                    if unchanged {
                        previous
                    } else {
                        keep_rows(&element, previous, part, lang)
                    }
                });
                for row in &mut rows {
                    row.refresh(selection);
                }
                rows
            }
        });
        VmChunkState {
            element,
            _rows: rows,
        }
    }
}

impl Render for VmChunk {
    type State = VmChunkState;

    fn build(self) -> VmChunkState {
        self.build_state()
    }

    fn rebuild(self, state: &mut VmChunkState) {
        let built = self.build_state();
        let _ = state.element.replace_with_with_node_1(&built.element);
        *state = built;
    }
}

impl Mountable for VmChunkState {
    fn unmount(&mut self) {
        self.element.remove();
    }

    fn mount(&mut self, parent: &web_sys::Element, marker: Option<&web_sys::Node>) {
        let _ = parent.insert_before(&self.element, marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        self.element.insert_before_this(child)
    }

    fn elements(&self) -> Vec<web_sys::Element> {
        vec![self.element.clone()]
    }
}

/// Client-side rendering only: a chunk is never rendered to HTML on a server.
impl RenderHtml for VmChunk {
    type AsyncOutput = Self;
    type Owned = Self;
    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self {
        self
    }

    fn to_html_with_buf(
        self,
        _buf: &mut String,
        _position: &mut leptos::tachys::view::Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<leptos::attr::any_attribute::AnyAttribute>,
    ) {
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        _cursor: &leptos::tachys::hydration::Cursor,
        _position: &leptos::tachys::view::PositionState,
    ) -> VmChunkState {
        self.build_state()
    }

    fn into_owned(self) -> Self {
        self
    }
}

leptos::tachys::no_attrs!(VmChunk);

/// The rows of `part` in `chunk`, in order: those of `previous` whose VM is still in it kept,
/// the others built (to be refreshed), and what left dropped. Both are in name order, as the
/// app keeps its rows (`app::position`), so one walk through both pairs them up.
fn keep_rows(
    chunk: &web_sys::Element,
    previous: Vec<RowView>,
    part: &[Row],
    lang: Lang,
) -> Vec<RowView> {
    let mut previous = previous.into_iter().peekable();
    let mut rows: Vec<RowView> = Vec::with_capacity(part.len());
    let mut is_new = Vec::with_capacity(part.len());
    for row in part {
        // Rows before this one in name order are no longer in the part.
        while let Some(gone) = previous.next_if(|view| view.name() < &*row.name) {
            gone.element().remove();
        }
        // A VM made again under a deleted one's name gets a row of its own.
        if let Some(gone) = previous.next_if(|view| view.name() == &*row.name && !view.shows(row)) {
            gone.element().remove();
        }
        let kept = previous.next_if(|view| view.shows(row));
        is_new.push(kept.is_none());
        rows.push(kept.unwrap_or_else(|| untrack(|| RowView::new(row.clone(), lang))));
    }
    for gone in previous {
        gone.element().remove();
    }
    // Kept rows are in order already: each new row goes before the row after it.
    let mut after: Option<web_sys::Element> = None;
    for (row, new) in rows.iter().zip(&is_new).rev() {
        let element = row.element().clone();
        if *new {
            let _ = chunk.insert_before(&element, after.as_ref().map(AsRef::as_ref));
        }
        after = Some(element);
    }
    rows
}

/// Which row is selected, as each row reads it: a change of selection notifies the chunks of
/// the row that was selected and the one that now is. (Leptos's `Selector` compares the new value with
/// every key it was asked about, 10,000 rows' names, on each change: ~1 ms of every click,
/// which selects the VM it acts on, in Chromium's CPU profile.)
#[derive(Clone, Copy)]
pub(super) struct RowSelection {
    rows: StoredValue<BTreeMap<Arc<str>, ArcTrigger>>,
    current: StoredValue<Option<Arc<str>>>,
}

impl RowSelection {
    fn new(app: App, ui: Ui) -> Self {
        let selection = RowSelection {
            rows: StoredValue::new(BTreeMap::new()),
            current: StoredValue::new(None),
        };
        // Deleted VMs' triggers go, once there are as many of them as VMs: the work of
        // looking through them all is then spread over as many deletions.
        Effect::new(move |_| {
            app.rows.with(|rows| {
                selection.rows.update_value(|triggers| {
                    if triggers.len() > 2 * rows.len() + 64 {
                        triggers.retain(|name, _| position(rows, name).is_ok());
                    }
                })
            })
        });
        Effect::new(move |_| {
            let next = ui.selected.get().map(Arc::<str>::from);
            let previous = selection.current.get_value();
            if previous != next {
                selection.current.set_value(next.clone());
                for name in [previous, next].into_iter().flatten() {
                    if let Some(trigger) =
                        selection.rows.with_value(|rows| rows.get(&name).cloned())
                    {
                        trigger.notify();
                    }
                }
            }
        });
        selection
    }

    /// Whether the VM `name` is selected, tracking changes that concern it only.
    pub(super) fn is_selected(&self, name: &Arc<str>) -> bool {
        let trigger = self
            .rows
            .try_update_value(|rows| rows.entry(name.clone()).or_default().clone());
        if let Some(trigger) = trigger {
            trigger.track();
        }
        self.current
            .with_value(|current| current.as_deref() == Some(&**name))
    }
}

/// Runs `task` in a task of its own, as soon as the browser has handled what came first (input,
/// a frame due). Not an idle callback: those wait for a frame to end, which left the page idle
/// for a quarter of the time it took to render 10,000 rows (measured); not a timeout: nested
/// ones are clamped to 4 ms.
fn in_next_task(task: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let Ok(channel) = web_sys::MessageChannel::new() else {
        set_timeout(task, std::time::Duration::ZERO);
        return;
    };
    let port = channel.port1();
    let listening = port.clone();
    let on_message = Closure::once_into_js(move || {
        listening.set_onmessage(None);
        task();
    });
    port.set_onmessage(Some(on_message.unchecked_ref()));
    let _ = channel.port2().post_message(&JsValue::NULL);
}

#[component]
fn SummaryLine() -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let summary = app.summary;
    view! {
        <p class="summary" aria-live="polite">
            {move || {
                let s = summary.get();
                let lang = language.get();
                let texts = lang.texts();
                fill(
                    texts.summary,
                    &[
                        ("vms", &lang.plural(&texts.summary_vms, s.total() as u64, &[])),
                        ("running", &lang.number(s.running as u64)),
                        ("paused", &lang.number(s.paused as u64)),
                        ("stopped", &lang.number(s.stopped as u64)),
                        ("memory", &lang.memory(s.running_memory_mb)),
                        ("vcpus", &lang.plural(&texts.summary_vcpus, s.running_vcpus, &[])),
                    ],
                )
            }}
        </p>
    }
}
