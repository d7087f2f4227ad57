//! One VM in the list: name, state badge, config, pending changes, actions, and the core's
//! message when it refuses an action.

use std::sync::Arc;

use leptos::prelude::*;

use super::confirm_dialog::{ActionStyle, Confirmation, DialogAction};
use super::vm_list::state_word;
use super::Ui;
use crate::manager::{Transition, VmConfig, VmState};
use crate::present::format_memory;
use crate::web::app::{App, Row};

/// A row of the list. Everything in it reads the row's own signals, so a change to this VM
/// updates this row's DOM only.
///
/// Rows are kept lean because 10,000 of them are built at start-up: no `type="button"` (no
/// row is inside a form), no class a style doesn't use, and the badge takes its colour from
/// the row's `data-state`.
#[component]
pub fn VmRow(
    row: Row,
    /// Which VM is selected; notifies only the rows whose selection changed.
    selection: Selector<Option<Arc<str>>>,
) -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let name: Arc<str> = row.name.clone();
    let info = row.info.clone();
    let state = Memo::new({
        let info = info.clone();
        move |_| info.with(|info| info.state)
    });
    let config = Memo::new({
        let info = info.clone();
        move |_| info.with(|info| info.config.clone())
    });
    let pending = Memo::new({
        let info = info.clone();
        move |_| info.with(|info| info.pending.clone())
    });
    let error = row.error.clone();
    let selected = {
        let key = Some(name.clone());
        move || selection.selected(&key)
    };
    let select = {
        let name = name.clone();
        move |_| {
            ui.selected.set(Some(name.to_string()));
            show_details_panel();
        }
    };

    view! {
        <div
            role="listitem"
            class="vm"
            aria-current=move || selected().then_some("true")
            data-vm=name.to_string()
            data-state=move || state.get().as_str()
        >
            <div class="vm-head">
                <button
                    class="vm-name link"
                    aria-label=format!("Show details of {name}")
                    on:click=select
                >
                    {name.to_string()}
                </button>
                <span class="badge">
                    {move || state_word(state.get())}
                </span>
            </div>
            {move || config.with(specs)}
            {
                let name = name.clone();
                move || {
                    pending.get().map(|pending| view! { <PendingNotice name=name.clone() current=config pending /> })
                }
            }
            {move || error.get().map(|message| view! { <p class="row-error" role="alert">{message}</p> })}
            <div class="actions">
                // One effect redraws the four buttons when the state changes (tachys updates
                // the same elements, so focus stays), instead of two per button: at 10,000
                // rows that is 70,000 effects fewer and a tenth of the start-up (measured).
                {
                    let name = name.clone();
                    move || {
                        let state = state.get();
                        Transition::ALL.map(|transition| transition_button(app, name.clone(), state, transition))
                    }
                }
                {edit_button(ui, name.clone())}
                {delete_button(app, ui, name.clone(), state)}
            </div>
        </div>
    }
}

/// The config at a glance; rebuilt only when the config changes.
fn specs(config: &VmConfig) -> impl IntoView + use<> {
    let iso = config.iso_image.clone().unwrap_or_else(|| "none".into());
    let text = format!(
        "Memory {} · vCPUs {} · Disk {} GB · Network {} · ISO {iso}",
        format_memory(config.memory),
        config.vcpus,
        config.disk_size,
        config.network
    );
    view! { <p class="specs">{text}</p> }
}

/// What a pending config changes, field by field: "memory 1 GB → 2 GB".
fn pending_changes(current: &VmConfig, pending: &VmConfig) -> Vec<String> {
    let mut changes = Vec::new();
    let mut note = |what: &str, from: String, to: String| {
        if from != to {
            changes.push(format!("{what} {from} → {to}"));
        }
    };
    note(
        "memory",
        format_memory(current.memory),
        format_memory(pending.memory),
    );
    note(
        "vCPUs",
        current.vcpus.to_string(),
        pending.vcpus.to_string(),
    );
    note(
        "disk path",
        current.disk_path.clone(),
        pending.disk_path.clone(),
    );
    note(
        "disk size",
        format!("{} GB", current.disk_size),
        format!("{} GB", pending.disk_size),
    );
    let iso = |iso: &Option<String>| iso.clone().unwrap_or_else(|| "none".into());
    note("ISO", iso(&current.iso_image), iso(&pending.iso_image));
    note("network", current.network.clone(), pending.network.clone());
    changes
}

#[component]
fn PendingNotice(name: Arc<str>, current: Memo<VmConfig>, pending: VmConfig) -> impl IntoView {
    let app = expect_context::<App>();
    let changes = move || {
        current
            .with(|current| pending_changes(current, &pending))
            .join(", ")
    };
    let discard = {
        let name = name.clone();
        move |_| {
            let _ = app.discard_pending(&name);
        }
    };
    view! {
        <div class="pending">
            <p>
                <strong>"Changes pending — applied at next stop: "</strong>
                {changes}
            </p>
            <button class="small" aria-label=format!("Discard pending changes of {name}") on:click=discard>
                "Discard"
            </button>
        </div>
    }
}

fn transition_word(transition: Transition) -> &'static str {
    match transition {
        Transition::Start => "Start",
        Transition::Stop => "Stop",
        Transition::Pause => "Pause",
        Transition::Resume => "Resume",
    }
}

fn transition_button(
    app: App,
    name: Arc<str>,
    state: VmState,
    transition: Transition,
) -> impl IntoView {
    let word = transition_word(transition);
    let refusal = transition.operation().refusal(state);
    let title = refusal.map(|refusal| {
        format!(
            "Can't {} {name}: {}",
            transition.operation().verb(),
            refusal.short()
        )
    });
    view! {
        <button
            aria-label=format!("{word} {name}")
            disabled=refusal.is_some()
            title=title
            on:click=move |event| {
                let _ = app.transition(&name, transition);
                keep_focus_in_row(event);
            }
        >
            {word}
        </button>
    }
}

/// Where the details panel sits below the list (narrow screens), brings it into view.
fn show_details_panel() {
    request_animation_frame(|| {
        let Some(panel) = document().query_selector(".details").ok().flatten() else {
            return;
        };
        let top = panel.get_bounding_client_rect().top();
        let height = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        if top > height || top < 0.0 {
            panel.scroll_into_view();
        }
    });
}

/// A button that was just used and is now disabled (Stop on a VM that stopped) would drop
/// focus to the page: move it to the row's first enabled action instead.
fn keep_focus_in_row(event: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(button) = event
        .current_target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlButtonElement>().ok())
    else {
        return;
    };
    if document().active_element().as_ref() != Some(button.as_ref()) {
        return;
    }
    super::after_updates(move || {
        if !button.disabled() {
            return;
        }
        let next = button
            .closest(".actions")
            .ok()
            .flatten()
            .and_then(|actions| {
                actions
                    .query_selector("button:not([disabled])")
                    .ok()
                    .flatten()
            })
            .and_then(|next| next.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(next) = next {
            let _ = next.focus();
        }
    });
}

fn edit_button(ui: Ui, name: Arc<str>) -> impl IntoView {
    view! {
        <button
            aria-label=format!("Edit {name}")
            on:click=move |_| {
                ui.remember_focus();
                ui.editing.set(Some(name.to_string()));
            }
        >
            "Edit"
        </button>
    }
}

fn delete_button(app: App, ui: Ui, name: Arc<str>, state: Memo<VmState>) -> impl IntoView {
    let label = format!("Delete {name}");
    let ask = move |_| {
        let name = name.to_string();
        let state = state.get_untracked();
        let mut body = vec![format!(
            "{name} and its configuration will be gone for good."
        )];
        if state.is_active() {
            body.push(format!(
                "{name} is {state}: it will be forced off first, like pulling the power cord."
            ));
        }
        let target = name.clone();
        ui.confirm(Confirmation {
            title: format!("Delete {name}?"),
            body,
            actions: vec![DialogAction::new(
                "Delete",
                ActionStyle::Danger,
                move || {
                    let _ = app.delete(&target);
                },
            )],
        });
    };
    view! {
        <button class="delete" aria-label=label on:click=ask>
            "Delete"
        </button>
    }
}
