//! Everything that needs a browser: the Leptos UI, localStorage and the JavaScript API.
//! Compiled for wasm32 only.

pub mod app;
pub mod download;
mod fetch;
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
/// the app start offline next time). A page opening in a language the build doesn't carry
/// (Russian: see `i18n::file`) fetches its words first.
pub fn start() {
    panic::install_hook();
    install_normaliser();
    let lang = language::chosen_at_start();
    if lang.file().is_none() {
        run(lang, lang);
    } else {
        // Before the mount, which sets up Leptos's task executor: wasm-bindgen's.
        wasm_bindgen_futures::spawn_local(async move { run(language::words_of(lang).await, lang) });
    }
}

/// [`start`] once the words of `lang` are in: those of `wanted`, or English's if they could
/// not be had (the page then says so).
fn run(lang: crate::i18n::Lang, wanted: crate::i18n::Lang) {
    let language = language::Language::new(lang, wanted);
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
