//! Everything that needs a browser: the Leptos UI, localStorage and the JavaScript API.
//! Compiled for wasm32 only.

pub mod app;
pub mod store;
mod ui;

/// Loads the state and mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    let app = app::App::load();
    leptos::mount::mount_to_body(move || leptos::view! { <ui::Root app /> });
}
