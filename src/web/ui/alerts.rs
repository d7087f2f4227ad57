//! Page-wide alerts: saved data that could not be loaded (and where it was kept), changes that
//! are not being saved, an import that was refused; and the backups kept in storage.

use leptos::prelude::*;

use super::data_menu::{download_backup, Backups};
use super::Ui;
use crate::web::app::{App, SaveStatus};
use crate::web::download::download;
use crate::web::persist::stored_data;

/// Stored data of a format this version can't read: nothing is written until the user
/// chooses. Export (in the data controls) keeps what is on the page; "Start over" keeps the
/// stored data in a backup and saves this page in its place.
#[component]
fn UnknownFormat(found: String) -> impl IntoView {
    let app = expect_context::<App>();
    let failed = RwSignal::new(None::<String>);
    let start_over = move |_| {
        match app.start_over() {
        Ok(_) => failed.set(None),
        Err(error) => failed.set(Some(format!(
            "Nothing was changed: the saved data could not be backed up first ({error}). Download it, and delete it from this browser's storage to start over."
        ))),
    }
    };
    let download_found = move |_| {
        if let Ok(backup) = stored_data() {
            download("vm-playground-saved-data.json", &backup.encode());
        }
    };
    view! {
        <div class="alert warning" role="alert" data-alert="unknown-format">
            <p>
                {format!(
                    "The data saved in this browser is in a format this version of VM Playground can't read (its metadata is {found}); it may come from a newer version. It is left as it is: nothing on this page is saved. Export keeps what you do here as a file; Start over keeps the saved data in a backup and saves this page's VMs in its place."
                )}
            </p>
            {move || failed.get().map(|message| view! { <p>{message}</p> })}
            <div class="alert-actions">
                <button type="button" on:click=download_found>
                    "Download the saved data"
                </button>
                <button type="button" on:click=start_over>
                    "Start over"
                </button>
            </div>
        </div>
    }
}

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
                }.into_any())
            }
            SaveStatus::UnknownFormat(found) => Some(view! { <UnknownFormat found /> }.into_any()),
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
