//! Share links in the page: the Share button and its dialog (the link, Copy), and opening a
//! link (`#share=…` at start-up, or pasted into an open tab) through the import's preview.
//! The text itself is `crate::share`'s.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use wasm_bindgen::{JsCast, JsValue};

use super::data_menu::{import_question, PreviewWords};
use super::modal::Modal;
use super::Ui;
use crate::i18n::{fill, Lang};
use crate::share;
use crate::web::app::{now, App};
use crate::web::language::Language;

/// The data menu's Share button: opens the share dialog.
#[component]
pub fn ShareButton() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    view! {
        <button
            type="button"
            on:click=move |_| {
                ui.remember_focus();
                ui.sharing.set(true);
            }
        >
            {language.text(|t| t.share)}
        </button>
    }
}

/// What Copy did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    /// The clipboard has the link.
    Yes,
    /// The clipboard refused (or there is none): the link is selected instead.
    Selected,
}

/// The app's own address, without its query or fragment: what a share link starts with.
fn app_address() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

super::deferred::chunk!(
    /// The share dialog, in a chunk of its own, fetched when it first opens.
    share_dialog_part,
    share_dialog,
    view! { <ShareDialog /> }
);

/// The share dialog, while [`Ui::sharing`]: the link to this page's setup as it is when the
/// dialog opens, in a read-only field, and Copy.
#[component]
pub fn ShareDialog() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    let field = NodeRef::<leptos::html::Input>::new();
    let copied = RwSignal::new(None::<Copied>);

    let close = move || {
        ui.sharing.set(false);
        copied.set(None);
        ui.restore_focus();
    };
    let copy = move |_| {
        let Some(input) = field.get_untracked() else {
            return;
        };
        let text = input.value();
        // `navigator.clipboard` is missing outside secure contexts: then select the link.
        let clipboard =
            js_sys::Reflect::get(&window().navigator(), &JsValue::from_str("clipboard"))
                .ok()
                .filter(|clipboard| !clipboard.is_undefined() && !clipboard.is_null())
                .map(JsCast::unchecked_into::<web_sys::Clipboard>);
        leptos::task::spawn_local(async move {
            let written = match clipboard {
                Some(clipboard) => {
                    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
                        .await
                        .is_ok()
                }
                None => false,
            };
            if !written {
                let _ = input.focus();
                input.select();
            }
            copied.set(Some(if written {
                Copied::Yes
            } else {
                Copied::Selected
            }));
        });
    };

    move || {
        ui.sharing.get().then(|| {
            let texts = language.texts();
            let lang = language.get();
            let manager = app.manager();
            let vms = manager
                .saved_state()
                .map(|state| state.vms)
                .unwrap_or_default();
            // Only a closed manager has no host (and then no VMs either).
            let host = manager
                .host_info()
                .map_or(crate::storage::DEFAULT_HOST, |info| info.host);
            let link = share::encode(&vms, &host).map(|text| share::link(&app_address(), &text));
            // Too large for a link (over 25,000 VMs or a megabyte of text): the reason shows
            // where "copied" would, and there is nothing to copy.
            let (link, problem) = match link {
                Ok(link) => (link, None),
                Err(error) => (
                    String::new(),
                    Some(fill(
                        texts.share_cannot,
                        &[("reason", &lang.share_error(&error))],
                    )),
                ),
            };
            let cannot = problem.is_some();
            // The link is selected when the dialog opens: ready for Ctrl+C.
            view! {
                <Modal
                    id="share"
                    title=texts.share_title
                    first_focus=".share-link input"
                    select=true
                    on_escape=close
                >
                    <p>{texts.share_body}</p>
                    <label class="share-link">
                        {texts.share_link}
                        <input node_ref=field type="text" readonly translate="no" prop:value=link />
                    </label>
                    <p role="status" class="share-status">
                        {move || match copied.get() {
                            Some(Copied::Yes) => texts.share_copied.to_owned(),
                            Some(Copied::Selected) => texts.share_selected.to_owned(),
                            None => problem.clone().unwrap_or_default(),
                        }}
                    </p>
                    <div class="dialog-actions">
                        <button type="button" on:click=move |_| close()>{texts.close}</button>
                        <button type="button" class="primary" disabled=cannot on:click=copy>
                            {texts.copy}
                        </button>
                    </div>
                </Modal>
            }
        })
    }
}

/// Removes the fragment from the address bar without a reload (and without a `hashchange`),
/// keeping the rest (`?lang=`): once the visitor chose, a reload does not ask again.
fn clear_fragment() {
    let window = window();
    let Ok(href) = window.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    url.set_hash("");
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
    }
}

/// Opens the share link in the address, if there is one: the import's preview, titled `Open
/// shared setup?`, or an alert if it can't be read. Either way the fragment goes once done.
/// While a lesson runs, or is about to as the page opens (`at_start`), an alert says the link
/// waits for its end. Reading the link is in a chunk of its own, fetched with the first link.
fn open_shared(app: App, ui: Ui, language: Language, at_start: bool) {
    let hash = window().location().hash().unwrap_or_default();
    if share::from_fragment(&hash).is_none() {
        return;
    }
    let lang = language.get_untracked();
    if app.in_lesson() || (at_start && super::lessons::lesson_asked()) {
        // The page's VMs are the lesson's (or will be, once a lesson played before a reload
        // has started again): the link waits in the address, and opens when the lesson ends
        // (`Lessons::exit`).
        ui.import_error
            .set(Some(lang.texts().share_waits_for_lesson.to_owned()));
        return;
    }
    leptos::task::spawn_local(async move {
        if let Err(error) = open_link(app, ui, lang, hash).await {
            leptos::logging::error!("{error}");
        }
    });
}

/// [`open_shared`]'s link `hash` read and shown.
#[wasm_split(share_link, wasm_split_path = ::leptos::wasm_split, fallible)]
fn open_link(app: App, ui: Ui, lang: Lang, hash: String) -> Result<(), SplitLoaderError> {
    let Some(text) = share::from_fragment(&hash) else {
        return Ok(());
    };
    let texts = lang.texts();
    match share::decode(text, now()) {
        Err(error) => {
            ui.import_error.set(Some(fill(
                texts.share_refused,
                &[("reason", &lang.share_error(&error))],
            )));
            clear_fragment();
        }
        Ok(shared) => {
            ui.import_error.set(None);
            let words = PreviewWords {
                title: texts.share_open_title.to_owned(),
                holds: texts.share_holds,
                choice: texts.share_choice,
                replace: texts.replace_my_vms,
                link_host: Some(texts.share_host),
            };
            let question = import_question(app, ui, lang, shared.into_preview(), words);
            ui.confirm_then(question, Some(Arc::new(clear_fragment)));
        }
    }
    Ok(())
}

/// Looks for a share link in the address when the page starts, and whenever the fragment
/// changes in an open tab (a link pasted into its address bar).
#[component]
pub fn SharedLinkOpener() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    open_shared(app, ui, language, true);
    let _changed = window_event_listener(ev::hashchange, move |_| {
        open_shared(app, ui, language, false)
    });
}
