//! A modal confirmation (delete a VM, reset to the demo): Escape or Cancel dismisses it, and
//! focus returns where it was.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use super::Ui;

/// A question for the confirm dialog.
#[derive(Clone)]
pub struct Confirmation {
    /// The dialog's title, e.g. "Delete web-01?".
    pub title: String,
    /// Paragraphs explaining what will happen.
    pub body: Vec<String>,
    /// The confirm button's text and accessible name, e.g. "Delete".
    pub action: String,
    /// What confirming does.
    pub on_confirm: Arc<dyn Fn() + Send + Sync>,
}

/// The dialog; shown while [`Ui::confirming`] holds a question.
#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let cancel_button = NodeRef::<leptos::html::Button>::new();

    let close = move || {
        ui.confirming.set(None);
        ui.restore_focus();
    };
    let _escape = window_event_listener(ev::keydown, move |event| {
        if event.key() == "Escape" && ui.confirming.with_untracked(Option::is_some) {
            event.prevent_default();
            close();
        }
    });
    Effect::new(move |_| {
        if let Some(button) = cancel_button.get() {
            let _ = button.focus();
        }
    });

    move || {
        ui.confirming.get().map(|question| {
            let on_confirm = question.on_confirm.clone();
            view! {
                <div class="backdrop">
                    <div
                        class="dialog"
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby="confirm-title"
                        aria-describedby="confirm-body"
                    >
                        <h2 id="confirm-title">{question.title}</h2>
                        <div id="confirm-body">
                            {question
                                .body
                                .into_iter()
                                .map(|text| view! { <p>{text}</p> })
                                .collect_view()}
                        </div>
                        <div class="dialog-actions">
                            <button type="button" node_ref=cancel_button on:click=move |_| close()>
                                "Cancel"
                            </button>
                            <button
                                type="button"
                                class="danger"
                                on:click=move |_| {
                                    on_confirm();
                                    close();
                                }
                            >
                                {question.action}
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
