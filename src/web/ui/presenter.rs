//! Presenter mode: the VM list, the lifecycle diagram and the console side by side, in type
//! readable from the back of a room (20 px body text), all inside the viewport of a projector
//! (1280 × 720). Toggled by a button or opened by `?present=1` in the address, which the
//! toggle keeps up to date so that a reload or a shared link opens the same way.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::web::language::Language;

/// The address parameter that opens presenter mode.
const PARAMETER: &str = "present";

fn address() -> Option<web_sys::Url> {
    web_sys::Url::new(&window().location().href().ok()?).ok()
}

/// Whether the address asks for presenter mode (`?present=1`).
pub fn asked_by_address() -> bool {
    address()
        .and_then(|url| url.search_params().get(PARAMETER))
        .is_some_and(|value| value == "1")
}

/// Says `on` in the address (keeping its other parameters, `?lang=` among them) and on the
/// root element, whose font size the presenter style sets.
fn show(on: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.class_list().toggle_with_force("presenter", on);
    }
    if let Some(url) = address() {
        if on {
            url.search_params().set(PARAMETER, "1");
        } else {
            url.search_params().delete(PARAMETER);
        }
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
        }
    }
}

/// The toggle button, named "Presenter mode" and pressed while the mode is on.
#[component]
pub fn PresenterToggle(
    /// Whether presenter mode is on.
    on: RwSignal<bool>,
) -> impl IntoView {
    let language = expect_context::<Language>();
    Effect::new(move |_| show(on.get()));
    view! {
        <button
            type="button"
            class="presenter-toggle"
            aria-pressed=move || if on.get() { "true" } else { "false" }
            on:click=move |_| on.update(|on| *on = !*on)
        >
            {language.text(|t| t.presenter_mode)}
        </button>
    }
}
