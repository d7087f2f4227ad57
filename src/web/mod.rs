//! Everything that needs a browser: the Leptos UI, localStorage and the JavaScript API.
//! Compiled for wasm32 only.

pub mod store;

use leptos::prelude::*;

/// Mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    view! {
        <main class="app">
            <h1>"VM Playground"</h1>
        </main>
    }
}
