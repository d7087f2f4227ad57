//! What a panic leaves on screen: the message in the console (console_error_panic_hook) and a
//! banner that says what was saved and offers a reload, so the page never just freezes.
//! Built with plain DOM calls: after a panic the reactive system can't be trusted, so the app
//! tells this module whether it is saving as that changes ([`note_saving`]).

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;

/// Whether the app's changes are being saved, as the app last said.
static SAVING: AtomicBool = AtomicBool::new(true);

/// Tells the banner whether changes are being saved now.
pub fn note_saving(saving: bool) {
    SAVING.store(saving, Ordering::Relaxed);
}

/// What the banner says now, in the page's language: whether every change was saved.
pub fn banner_text() -> &'static str {
    let texts = super::language::current().texts();
    if SAVING.load(Ordering::Relaxed) {
        texts.panic_saved
    } else {
        texts.panic_not_saved
    }
}

/// Installs the panic hook.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner();
    }));
}

/// Puts the banner at the top of the page (once).
pub fn show_banner() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if document.get_element_by_id("panic-banner").is_some() {
        return;
    }
    let build = || -> Result<(), JsValue> {
        let banner = document.create_element("div")?;
        banner.set_id("panic-banner");
        banner.set_attribute("role", "alert")?;
        banner.set_class_name("panic-banner");
        let text = document.create_element("p")?;
        text.set_text_content(Some(banner_text()));
        let button = document.create_element("button")?;
        button.set_attribute("type", "button")?;
        button.set_text_content(Some(super::language::current().texts().reload));
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref())?;
        reload.forget();
        banner.append_child(&text)?;
        banner.append_child(&button)?;
        let body = document
            .body()
            .ok_or_else(|| JsValue::from_str("no body"))?;
        body.prepend_with_node_1(&banner)?;
        Ok(())
    };
    let _ = build();
}
