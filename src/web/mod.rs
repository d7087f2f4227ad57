//! Everything that needs a browser: the Leptos UI, localStorage and the JavaScript API.
//! Compiled for wasm32 only.

pub mod app;
pub mod download;
pub mod js_api;
pub mod language;
pub mod panic;
mod persist;
pub mod store;
mod ui;

/// Loads the state and mounts the app on `<body>`.
pub fn start() {
    panic::install_hook();
    let language = language::Language::at_start();
    let app = app::App::load();
    js_api::install(app);
    leptos::mount::mount_to_body(move || leptos::view! { <ui::Root app language /> });
}
