//! The data controls: export the state as a file, import one (file picker or drop), reset to
//! the demo (offering an export first), and the backups of damaged data.

use std::collections::BTreeSet;

use crate::ordering::by_insertion;

use leptos::prelude::*;

use super::confirm_dialog::{ActionStyle, Confirmation, DialogAction};
use super::Ui;
use crate::i18n::fill;
use crate::manager::VmManager;
use crate::storage::export::{export_file_name, parse_import, ImportMode, MAX_IMPORT_BYTES};
use crate::web::app::{now, App};
use crate::web::download::download;
use crate::web::language::Language;
use crate::web::store;

/// Downloads the whole state as JSON.
fn export(app: App) {
    download(&export_file_name(now()), &app.export());
}

/// Reads `file` and asks how to import it; a bad file only gets an alert.
///
/// `language` is passed in rather than looked up: an event handler may run with no reactive
/// owner current (after a timer's update, for one), where a context lookup panics.
fn import_file(app: App, ui: Ui, language: Language, file: web_sys::File) {
    let name = file.name();
    let lang = language.get_untracked();
    let texts = lang.texts();
    if file.size() > MAX_IMPORT_BYTES as f64 {
        let too_large = crate::storage::export::ImportError::TooLarge {
            bytes: file.size() as usize,
        };
        ui.import_error.set(Some(fill(
            texts.import_refused,
            &[("file", &name), ("reason", &lang.import_error(&too_large))],
        )));
        return;
    }
    ui.remember_focus();
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|text| text.as_string());
        let Some(text) = text else {
            ui.import_error
                .set(Some(fill(texts.import_unreadable, &[("file", &name)])));
            return;
        };
        match parse_import(&text, now()) {
            Err(error) => {
                ui.import_error.set(Some(fill(
                    texts.import_refused,
                    &[("file", &name), ("reason", &lang.import_error(&error))],
                )));
            }
            Ok(preview) => {
                ui.import_error.set(None);
                let current: BTreeSet<String> =
                    by_insertion(app.manager().list_vms().unwrap_or_default());
                let mut body = vec![fill(
                    texts.import_holds,
                    &[("summary", &preview.summary(lang))],
                )];
                let conflicts = preview.conflicts(&current);
                if !conflicts.is_empty() {
                    body.push(lang.plural(&texts.import_conflicts, conflicts.len() as u64, &[]));
                }
                body.push(texts.import_choice.into());
                body.push(preview.host_summary(lang));
                let for_merge = preview.clone();
                ui.confirming.set(Some(Confirmation {
                    title: fill(texts.import_title, &[("file", &name)]),
                    body,
                    actions: vec![
                        DialogAction::new(texts.replace, ActionStyle::Danger, move || {
                            app.import(preview.clone(), ImportMode::Replace)
                        }),
                        DialogAction::new(texts.merge, ActionStyle::Primary, move || {
                            app.import(for_merge.clone(), ImportMode::Merge)
                        }),
                    ],
                }));
            }
        }
    });
}

/// Export, Import…, Reset to demo.
#[component]
pub fn DataMenu() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    let picker = NodeRef::<leptos::html::Input>::new();

    let reset = move |_| {
        let texts = language.texts_untracked();
        ui.confirm(Confirmation {
            title: texts.reset_title.into(),
            body: vec![texts.reset_body.into(), texts.reset_export_advice.into()],
            actions: vec![
                DialogAction {
                    closes: false,
                    ..DialogAction::new(texts.export_first, ActionStyle::Plain, move || export(app))
                },
                DialogAction::new(texts.reset, ActionStyle::Danger, move || {
                    app.reset_to_demo()
                }),
            ],
        });
    };
    let picked = move |event: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&event);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            import_file(app, ui, language, file);
        }
        // Picking the same file again must fire `change` again.
        input.set_value("");
    };

    view! {
        <div class="data-menu" role="group" aria-label=language.text(|t| t.data)>
            <button type="button" on:click=move |_| export(app)>
                {language.text(|t| t.export)}
            </button>
            <button
                type="button"
                on:click=move |_| {
                    if let Some(input) = picker.get() {
                        input.click();
                    }
                }
            >
                {language.text(|t| t.import_button)}
            </button>
            <input
                node_ref=picker
                class="visually-hidden"
                type="file"
                accept=".json,application/json"
                aria-label=language.text(|t| t.import_file)
                tabindex="-1"
                on:change=picked
            />
            <button type="button" on:click=reset>
                {language.text(|t| t.reset_to_demo)}
            </button>
        </div>
    }
}

/// Takes a file dropped anywhere on the page.
#[component]
pub fn DropZone() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    let dragging = RwSignal::new(false);
    let has_files = |event: &web_sys::DragEvent| {
        event
            .data_transfer()
            .map(|transfer| transfer.types().includes(&"Files".into(), 0))
            .unwrap_or(false)
    };
    let _over = window_event_listener(leptos::ev::dragover, move |event| {
        if has_files(&event) {
            event.prevent_default();
            dragging.set(true);
        }
    });
    let _leave = window_event_listener(leptos::ev::dragleave, move |event| {
        if event.related_target().is_none() {
            dragging.set(false);
        }
    });
    let _drop = window_event_listener(leptos::ev::drop, move |event| {
        dragging.set(false);
        if let Some(file) = event
            .data_transfer()
            .and_then(|transfer| transfer.files())
            .and_then(|files| files.get(0))
        {
            event.prevent_default();
            import_file(app, ui, language, file);
        }
    });
    view! {
        <Show when=move || dragging.get()>
            <div class="drop-hint" aria-hidden="true">
                <p>{language.text(|t| t.drop_hint)}</p>
            </div>
        </Show>
    }
}

/// Backups of damaged data: download or delete each.
#[component]
pub fn Backups() -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    view! {
        <Show when=move || app.backups.with(|backups| !backups.is_empty())>
            <div class="backups">
                <p>{language.text(|t| t.backups_heading)}</p>
                <ul>
                    <For each=move || app.backups.get() key=|key| key.clone() let:key>
                        <li>
                            <code>{key.clone()}</code>
                            " "
                            <button
                                type="button"
                                class="small"
                                on:click={
                                    let key = key.clone();
                                    move |_| download_backup(&key)
                                }
                            >
                                {language.text(|t| t.download)}
                            </button>
                            " "
                            <button
                                type="button"
                                class="small"
                                aria-label={
                                    let key = key.clone();
                                    move || fill(language.texts().delete_backup, &[("key", &key)])
                                }
                                on:click={
                                    let key = key.clone();
                                    move |_| {
                                        if store::remove_keys(std::slice::from_ref(&key)).is_ok() {
                                            app.backups.update(|backups| backups.retain(|kept| *kept != key));
                                        }
                                    }
                                }
                            >
                                {language.text(|t| t.action_delete)}
                            </button>
                        </li>
                    </For>
                </ul>
            </div>
        </Show>
    }
}

/// Downloads the backup kept under `key`.
pub fn download_backup(key: &str) {
    if let Ok(Some(text)) = store::read(key) {
        let file = format!("{}.json", key.replace(':', "-"));
        download(&file, &text);
    }
}
