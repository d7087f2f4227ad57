//! What a panic leaves on screen: the message in the console (console_error_panic_hook) and a
//! banner that says the data is safe and offers a reload, so the page never just freezes.
//! Built with plain DOM calls: after a panic the reactive system can't be trusted.

use wasm_bindgen::prelude::*;

/// The banner's text. Every change is saved when it is made, so a reload loses nothing.
pub const BANNER_TEXT: &str = "Something went wrong inside VM Playground. Your VMs are safe: every change was saved in this browser when you made it. Reload the page to continue.";

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
        text.set_text_content(Some(BANNER_TEXT));
        let button = document.create_element("button")?;
        button.set_attribute("type", "button")?;
        button.set_text_content(Some("Reload"));
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
