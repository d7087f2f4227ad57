//! The Leptos components. Each reads the [`App`] and [`Ui`] from context and changes VMs only
//! through [`App`]'s methods.

mod alerts;
mod config_fields;
mod confirm_dialog;
mod console;
mod create_form;
mod data_menu;
mod deferred;
mod details;
mod edit_dialog;
mod event_log;
mod form_errors;
mod host_graphs;
mod host_panel;
mod lessons;
mod lifecycle;
mod modal;
mod on_screen;
mod presenter;
mod share;
mod snapshots;
mod undo_buttons;
mod update_notice;
mod vm_list;
mod vm_row;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::app::App;
use super::language::{Language, LanguageMenu};
use super::service_worker::Update;
use crate::manager::VmState;
use crate::present::{name_matches, StateFilter};
use confirm_dialog::Confirmation;
use create_form::CreateForm;
use data_menu::{DataMenu, DropZone};
use deferred::Part;
use details::Details;
use lessons::LessonsPanel;
use presenter::PresenterToggle;
use share::SharedLinkOpener;
use undo_buttons::UndoButtons;
use update_notice::UpdateNotice;
use vm_list::VmList;

/// What the screen is doing, apart from the VMs themselves: shared through context.
#[derive(Clone, Copy)]
pub struct Ui {
    /// The VM whose details are shown.
    pub selected: RwSignal<Option<String>>,
    /// The VM being edited, if the edit dialog is open.
    pub editing: RwSignal<Option<String>>,
    /// The Take snapshot or Clone dialog, if one is open.
    pub snapshot_form: RwSignal<Option<snapshots::SnapshotForm>>,
    /// The confirmation being asked, if a confirm dialog is open.
    pub confirming: RwSignal<Option<Confirmation>>,
    /// What runs when that dialog closes, whatever closes it (see [`Ui::confirm_then`]).
    on_close: StoredValue<Option<std::sync::Arc<dyn Fn() + Send + Sync>>>,
    /// Whether the share dialog is open.
    pub sharing: RwSignal<bool>,
    /// Why the last import was refused, until dismissed.
    pub import_error: RwSignal<Option<String>>,
    /// How many parts of the page could not be fetched and have not come since (see
    /// `deferred::Deferred::load`): one part arriving says nothing of another that failed.
    pub parts_failed: RwSignal<usize>,
    /// The text filter of the list.
    pub filter_text: RwSignal<String>,
    /// The state filter of the list.
    pub filter_state: RwSignal<StateFilter>,
    /// The element that had focus when a dialog opened; it gets focus back on close.
    return_focus: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl Ui {
    fn new() -> Self {
        Ui {
            selected: RwSignal::new(None),
            editing: RwSignal::new(None),
            snapshot_form: RwSignal::new(None),
            confirming: RwSignal::new(None),
            on_close: StoredValue::new(None),
            sharing: RwSignal::new(false),
            import_error: RwSignal::new(None),
            parts_failed: RwSignal::new(0),
            filter_text: RwSignal::new(String::new()),
            filter_state: RwSignal::new(StateFilter::All),
            return_focus: StoredValue::new_local(None),
        }
    }

    /// Whether a dialog is open (the page behind it is then inert).
    pub fn dialog_open(&self) -> bool {
        self.editing.with(Option::is_some)
            || self.confirming.with(Option::is_some)
            || self.sharing.get()
            || self.snapshot_form.with(Option::is_some)
    }

    /// Closes whichever dialog is open (or asked for), returning focus as its own close does.
    pub fn close_dialogs(&self) {
        self.editing.set(None);
        self.snapshot_form.set(None);
        self.sharing.set(false);
        if self.confirming.with_untracked(Option::is_some) {
            self.close_confirmation();
        } else {
            self.restore_focus();
        }
    }

    /// Remembers the focused element before a dialog opens.
    pub fn remember_focus(&self) {
        let active = document()
            .active_element()
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        self.return_focus.set_value(active);
    }

    /// Gives focus back to the element that had it before the dialog opened, if it is still
    /// on the page (a deleted VM's button is not: then the list's heading). Not at once:
    /// Leptos removes the dialog in a later microtask, and until then the page behind it is
    /// still `inert`, so nothing in it can take focus.
    pub fn restore_focus(&self) {
        self.restore_focus_or(None);
    }

    /// [`Ui::restore_focus`], but if that element is gone, first the element `selector`
    /// finds (the same control, drawn again with what the dialog changed).
    pub fn restore_focus_or(&self, selector: Option<String>) {
        let Some(element) = self.return_focus.get_value() else {
            return;
        };
        self.return_focus.set_value(None);
        after_updates(move || {
            let twin = selector
                .and_then(|selector| document().query_selector(&selector).ok().flatten())
                .and_then(|twin| twin.dyn_into::<web_sys::HtmlElement>().ok());
            if element.is_connected() {
                let _ = element.focus();
            } else if let Some(twin) = twin {
                let _ = twin.focus();
            } else if let Some(heading) = document()
                .get_element_by_id("vms-title")
                .and_then(|heading| heading.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.focus();
            }
        });
    }

    /// Makes the VM `name` visible: clears the filters if they hide it, selects it and
    /// scrolls its row into view once rendered.
    pub fn reveal(&self, name: &str, state: VmState) {
        if !name_matches(name, &self.filter_text.get_untracked())
            || !self.filter_state.get_untracked().admits(state)
        {
            self.filter_text.set(String::new());
            self.filter_state.set(StateFilter::All);
        }
        self.selected.set(Some(name.to_owned()));
        let selector = format!("[data-vm=\"{}\"]", css_escape(name));
        request_animation_frame(move || {
            if let Ok(Some(row)) = document().query_selector(&selector) {
                row.scroll_into_view_with_bool(false);
            }
        });
    }

    /// Asks for a confirmation in a dialog.
    pub fn confirm(&self, confirmation: Confirmation) {
        self.confirm_then(confirmation, None);
    }

    /// Asks for a confirmation in a dialog, and runs `on_close` when it closes, whatever
    /// closes it (an action, Cancel, Escape): a share link's fragment goes then.
    pub fn confirm_then(
        &self,
        confirmation: Confirmation,
        on_close: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
    ) {
        self.remember_focus();
        self.on_close.set_value(on_close);
        self.confirming.set(Some(confirmation));
    }

    /// Closes the confirm dialog, running what was to run then.
    pub fn close_confirmation(&self) {
        self.confirming.set(None);
        if let Some(on_close) = self.on_close.try_update_value(Option::take).flatten() {
            on_close();
        }
        self.restore_focus();
    }
}

/// Runs `then` once Leptos has applied the updates already queued (they land in a later
/// microtask): for moving focus to what the page is about to show.
pub(super) fn after_updates(then: impl FnOnce() + 'static) {
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        then();
    });
}

/// A new element `tag` of the page, for the parts built by hand rather than through `view!`
/// (the list's chunks and rows, the console's lines).
pub(super) fn create_element(tag: &str) -> web_sys::Element {
    document().create_element(tag).expect("an element")
}

/// Focuses the first element inside `scope` that `selector` matches, HTML or SVG (where focus
/// goes when the control that had it is disabled or gone).
pub(super) fn focus_first(scope: &web_sys::Element, selector: &str) {
    let Some(element) = scope.query_selector(selector).ok().flatten() else {
        return;
    };
    if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
    } else if let Some(svg) = element.dyn_ref::<web_sys::SvgElement>() {
        let _ = svg.focus();
    }
}

/// A directive (`use:select_value=value`) that keeps a `<select>`'s value in step with
/// `value`, writing it only when it differs from what the select shows. In Chromium a select's
/// value written, even the same value, makes autofill re-read every form control on the page
/// in a task of its own, and every row's buttons are form controls: 16–144 ms a write with
/// 10,000 VMs, in a trace (`prop:value` writes on every build). An effect: it runs once the
/// select's options are in.
pub(super) fn select_value(element: web_sys::Element, value: Signal<String>) {
    let Ok(select) = element.dyn_into::<web_sys::HtmlSelectElement>() else {
        return;
    };
    Effect::new(move |_| {
        let value = value.get();
        if select.value() != value {
            select.set_value(&value);
        }
    });
}

/// Escapes a string for a CSS attribute selector between double quotes.
pub fn css_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Says that a part of the page (or the words of the language asked for) could not be
/// fetched, with a Reload button. In the main module: the alerts' own code is a chunk, which
/// may be what failed to come.
#[component]
fn PartFailed() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    move || {
        (ui.parts_failed.get() > 0 || language.words_missing()).then(|| {
            view! {
                <div class="alert warning" role="alert" data-alert="part-failed">
                    <p>{language.text(|t| t.part_failed)}</p>
                    <div class="alert-actions">
                        <button
                            type="button"
                            on:click=|_| {
                                let _ = window().location().reload();
                            }
                        >
                            {language.text(|t| t.reload)}
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// The whole page. `update` says when a new version of the app is ready.
#[component]
pub fn Root(app: App, language: Language, update: Update) -> impl IntoView {
    let ui = Ui::new();
    // Whatever operates on a VM (a click, a console command, a JS API call) selects it, so
    // its details and the lifecycle diagram show the operation as it happens.
    Effect::new(move |_| {
        if let Some(operated) = app.operated.get() {
            if untrack(|| app.find(&operated.vm)).is_some() {
                ui.selected.set(Some(operated.vm));
            }
        }
    });
    provide_context(app);
    provide_context(ui);
    provide_context(language);
    let presenting = RwSignal::new(presenter::asked_by_address());

    view! {
        <main class="app" class:presenter=move || presenting.get()>
            <header class="top" inert=move || ui.dialog_open()>
                <div class="title">
                    <h1>{language.text(|t| t.app_name)}</h1>
                    <p class="tagline">{language.text(|t| t.tagline)}</p>
                </div>
                <LanguageMenu />
                <PresenterToggle on=presenting />
                <UndoButtons />
                <DataMenu />
            </header>
            <UpdateNotice update />
            <PartFailed />
            <Part load=alerts::alerts_part when=Signal::derive(move || alerts::any_alert(app, ui)) />
            <div class="lessons-area" inert=move || ui.dialog_open()>
                <LessonsPanel />
            </div>
            <div class="layout" inert=move || ui.dialog_open()>
                <section class="panel create" aria-labelledby="create-title">
                    <h2 id="create-title">{language.text(|t| t.create_heading)}</h2>
                    <CreateForm />
                </section>
                <VmList />
                <Details />
                <Part load=host_panel::host_part />
                <div class="teaching">
                    <Part load=console::console_part />
                    <Part load=event_log::event_log_part />
                </div>
            </div>
            <Part
                load=edit_dialog::edit_part
                when=Signal::derive(move || ui.editing.with(Option::is_some))
            />
            <Part
                load=snapshots::snapshot_dialog_part
                when=Signal::derive(move || ui.snapshot_form.with(Option::is_some))
            />
            <Part
                load=confirm_dialog::confirm_dialog_part
                when=Signal::derive(move || ui.confirming.with(Option::is_some))
            />
            <Part load=share::share_dialog_part when=Signal::derive(move || ui.sharing.get()) />
            <SharedLinkOpener />
            <DropZone />
        </main>
    }
}
