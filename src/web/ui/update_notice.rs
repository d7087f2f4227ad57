//! The notice that a new version of the app is ready: shown instead of switching versions under
//! the user's hands; Reload takes it on.

use leptos::prelude::*;

use crate::web::language::Language;
use crate::web::service_worker::{self, Update};

/// A live region, always on the page (so that screen readers announce what appears in it),
/// its notice hidden until a new version is ready. One static view with a reactive `hidden`
/// rather than a view that comes and goes: 0.7 KB less of wasm (gzip), measured.
#[component]
pub fn UpdateNotice(update: Update) -> impl IntoView {
    let language = expect_context::<Language>();
    view! {
        <div class="update-status" role="status">
            <div class="update-notice" hidden=move || !update.available.get()>
                <p>{language.text(|t| t.update_available)}</p>
                <button type="button" on:click=|_| service_worker::take_update()>
                    {language.text(|t| t.reload)}
                </button>
            </div>
        </div>
    }
}
