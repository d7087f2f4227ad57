//! Everything that needs a browser: the Leptos UI, localStorage and the JavaScript API.
//! Compiled for wasm32 only.

pub mod app;
pub mod download;
pub mod js_api;
pub mod language;
mod lesson_mode;
pub mod lessons;
pub mod panic;
mod persist;
pub mod service_worker;
pub mod store;
mod ui;
pub mod undo;

/// Loads the state, mounts the app on `<body>`, then registers the service worker (which lets
/// the app start offline next time).
pub fn start() {
    panic::install_hook();
    install_normaliser();
    let language = language::Language::at_start();
    let app = app::App::load();
    js_api::install(app);
    let update = service_worker::Update::new();
    leptos::mount::mount_to_body(move || leptos::view! { <ui::Root app language update /> });
    // The app is here: the loading screen of index.html goes.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    service_worker::register(update);
}

/// Gives the core JavaScript's `String.prototype.normalize` as its NFC normaliser (see
/// `manager::nfc`): the browser has Unicode's tables already, so the page needn't carry
/// them. Idempotent; `App::load` and the JS API's constructor call it too.
pub fn install_normaliser() {
    crate::manager::set_normaliser(|text| {
        String::from(js_sys::JsString::from(text).normalize("NFC"))
    });
}
