//! Page-wide alerts: saved data that could not be loaded (and where it was kept), changes that
//! are not being saved, an import that was refused; and the backups kept in storage.

use leptos::prelude::*;

use super::data_menu::{download_backup, Backups};
use super::Ui;
use crate::web::app::{App, SaveStatus};

/// The alerts above the layout; empty when all is well.
#[component]
pub fn Alerts() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let notices = move || {
        app.notices
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, notice)| {
                let backup = notice.backup_key.clone();
                view! {
                    <div class="alert warning" role="alert">
                        <p>
                            <strong>{notice.title}</strong>
                        </p>
                        <ul>
                            {notice.items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                        </ul>
                        <div class="alert-actions">
                            {backup
                                .map(|key| {
                                    view! {
                                        <button type="button" on:click=move |_| download_backup(&key)>
                                            "Download the damaged data"
                                        </button>
                                    }
                                })}
                            <button
                                type="button"
                                on:click=move |_| {
                                    app.notices
                                        .update(|notices| {
                                            notices.remove(index);
                                        })
                                }
                            >
                                "Dismiss"
                            </button>
                        </div>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        {move || match app.save_status.get() {
            SaveStatus::Saved => None,
            SaveStatus::NotSaving(message) => {
                Some(view! {
                    <div class="alert warning" role="alert" data-alert="not-saving">
                        <p>{message}</p>
                    </div>
                })
            }
        }}
        {notices}
        {move || {
            ui.import_error
                .get()
                .map(|message| {
                    view! {
                        <div class="alert warning" role="alert" data-alert="import">
                            <p>{message}</p>
                            <div class="alert-actions">
                                <button type="button" on:click=move |_| ui.import_error.set(None)>
                                    "Dismiss"
                                </button>
                            </div>
                        </div>
                    }
                })
        }}
        <Backups />
    }
}
