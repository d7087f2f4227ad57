//! Page-wide alerts: stored data that could not be loaded, and changes that are not saved.

use leptos::prelude::*;

use crate::web::app::App;

/// The alerts above the layout; empty when all is well.
#[component]
pub fn Alerts() -> impl IntoView {
    let app = expect_context::<App>();
    let problems = app.load_problems;
    let save_error = app.save_error;
    view! {
        <Show when=move || problems.with(|problems| !problems.is_empty())>
            <div class="alert warning" role="alert">
                <p>
                    <strong>"Some saved data could not be loaded."</strong>
                    " It is left in localStorage untouched; the rest of your VMs are here."
                </p>
                <ul>
                    {move || {
                        problems
                            .get()
                            .into_iter()
                            .map(|problem| {
                                view! {
                                    <li>
                                        <code>{problem.key}</code>
                                        ": "
                                        {problem.reason}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
        {move || {
            save_error
                .get()
                .map(|message| {
                    view! {
                        <div class="alert warning" role="alert">
                            <p>{message}</p>
                        </div>
                    }
                })
        }}
    }
}
