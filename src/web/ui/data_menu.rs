//! The data controls: export the state as a file, share it as a link, import one (file picker
//! or drop; a share link's preview asks the same question), reset to the demo (offering an
//! export first). The backups of damaged data are listed with the alerts (`alerts.rs`).

use std::collections::BTreeSet;

use crate::ordering::by_insertion;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::confirm_dialog::{ActionStyle, Confirmation, DialogAction};
use super::share::ShareButton;
use super::Ui;
use crate::i18n::{fill, Lang};
use crate::manager::VmManager;
use crate::storage::export::{
    export_file_name, parse_import, ImportMode, ImportPreview, MAX_IMPORT_BYTES,
};
use crate::web::app::{now, App};
use crate::web::download::download;
use crate::web::language::Language;

/// Downloads the whole state as JSON, once [`export_file`]'s chunk is there.
fn export(app: App) {
    leptos::task::spawn_local(async move {
        if let Err(error) = export_file(app).await {
            leptos::logging::error!("{error}");
        }
    });
}

/// The export file, written and downloaded (in a chunk of its own: only a click asks for it).
#[wasm_split(export, wasm_split_path = ::leptos::wasm_split, fallible)]
fn export_file(app: App) -> Result<(), SplitLoaderError> {
    download(&export_file_name(now()), &app.export());
    Ok(())
}

/// Reads `file` and asks how to import it; a bad file only gets an alert.
///
/// `language` is passed in rather than looked up: an event handler may run with no reactive
/// owner current (after a timer's update, for one), where a context lookup panics.
fn import_file(app: App, ui: Ui, language: Language, file: web_sys::File) {
    let name = file.name();
    let lang = language.get_untracked();
    let texts = lang.texts();
    if lesson_holds_the_page(app, ui, lang) {
        return;
    }
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
        // The file's parser and its preview are in a chunk of their own.
        if let Err(error) = preview_import(app, ui, lang, name, text).await {
            leptos::logging::error!("{error}");
        }
    });
}

/// Reads an import file's text and asks how to import it (in a chunk of its own).
#[wasm_split(import, wasm_split_path = ::leptos::wasm_split, fallible)]
fn preview_import(
    app: App,
    ui: Ui,
    lang: Lang,
    name: String,
    text: String,
) -> Result<(), SplitLoaderError> {
    let texts = lang.texts();
    match parse_import(&text, now()) {
        Err(error) => {
            ui.import_error.set(Some(fill(
                texts.import_refused,
                &[("file", &name), ("reason", &lang.import_error(&error))],
            )));
        }
        Ok(preview) => {
            ui.import_error.set(None);
            let words = PreviewWords {
                title: fill(texts.import_title, &[("file", &name)]),
                holds: texts.import_holds,
                choice: texts.import_choice,
                replace: texts.replace,
                link_host: None,
            };
            ui.confirming
                .set(Some(import_question(app, ui, lang, preview, words)));
        }
    }
    Ok(())
}

/// The words of a preview's dialog: an import file's, or a share link's.
pub(super) struct PreviewWords {
    /// The dialog's title.
    pub title: String,
    /// Its first paragraph, with `{summary}`.
    pub holds: &'static str,
    /// What Replace and Merge do.
    pub choice: &'static str,
    /// The replacing button's label.
    pub replace: &'static str,
    /// A share link's sentence about the host it brings (with `{memory}`, `{cpus}`,
    /// `{storage}`); `None` for a file, whose preview says what its host is in any case.
    pub link_host: Option<&'static str>,
}

/// The question a preview asks: what comes in, how many VMs here it would replace, the host
/// it brings (if any, and not the one here), then Replace or Merge, both through
/// [`App::import`] (so a share link merges exactly as an import does).
pub(super) fn import_question(
    app: App,
    ui: Ui,
    lang: Lang,
    preview: ImportPreview,
    words: PreviewWords,
) -> Confirmation {
    let texts = lang.texts();
    let current: BTreeSet<String> = by_insertion(app.manager().list_vms().unwrap_or_default());
    let mut body = vec![fill(words.holds, &[("summary", &preview.summary(lang))])];
    let conflicts = preview.conflicts(&current);
    if !conflicts.is_empty() {
        body.push(lang.plural(&texts.import_conflicts, conflicts.len() as u64, &[]));
    }
    match words.link_host {
        // A link's host is only worth a sentence when it is not the one here.
        Some(template) => {
            let host_here = app.manager().host_info().map(|info| info.host).ok();
            let link_host = preview.host_for_replace();
            if let Some(host) = link_host.filter(|host| Some(*host) != host_here) {
                let size = |total: Option<u64>, show: &dyn Fn(u64) -> String| {
                    total.map_or_else(|| texts.host_unlimited.to_owned(), show)
                };
                body.push(fill(
                    template,
                    &[
                        ("memory", &size(host.memory, &|mb| lang.memory(mb))),
                        ("cpus", &size(host.cpus.map(u64::from), &|n| lang.number(n))),
                        ("storage", &size(host.storage, &|gb| lang.gigabytes(gb))),
                    ],
                ));
            }
        }
        // A file may have no host, or one that was left out: say which.
        None => body.push(preview.host_summary(lang)),
    }
    body.push(words.choice.into());
    let for_merge = preview.clone();
    Confirmation {
        title: words.title,
        body,
        actions: vec![
            // A lesson may have started while the question was open.
            DialogAction::new(words.replace, ActionStyle::Danger, move || {
                if !lesson_holds_the_page(app, ui, lang) {
                    no_room(ui, lang, app.import(preview.clone(), ImportMode::Replace));
                }
            }),
            DialogAction::new(texts.merge, ActionStyle::Primary, move || {
                if !lesson_holds_the_page(app, ui, lang) {
                    no_room(ui, lang, app.import(for_merge.clone(), ImportMode::Merge));
                }
            }),
        ],
    }
}

/// Whether a lesson runs: then the page's VMs are the lesson's, and an import or a reset
/// would replace them (and meet goals that no operation met), so the user is told to exit the
/// lesson first.
pub(super) fn lesson_holds_the_page(app: App, ui: Ui, lang: Lang) -> bool {
    let running = app.in_lesson();
    if running {
        ui.import_error
            .set(Some(lang.texts().not_during_lesson.to_owned()));
    }
    running
}

/// Says so when an import was refused for want of room in storage (see [`App::import`]).
fn no_room(ui: Ui, lang: Lang, imported: Result<(), usize>) {
    if let Err(bytes) = imported {
        let size = lang.one_decimal(bytes as u64, 1024);
        ui.import_error
            .set(Some(fill(lang.texts().import_no_room, &[("size", &size)])));
    }
}

/// Export, Import…, Reset to demo.
#[component]
pub fn DataMenu() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    let picker = NodeRef::<leptos::html::Input>::new();

    let reset = move |_| {
        let lang = language.get_untracked();
        let texts = lang.texts();
        if lesson_holds_the_page(app, ui, lang) {
            return;
        }
        ui.confirm(Confirmation {
            title: texts.reset_title.into(),
            body: vec![texts.reset_body.into(), texts.reset_export_advice.into()],
            actions: vec![
                DialogAction {
                    closes: false,
                    ..DialogAction::new(texts.export_first, ActionStyle::Plain, move || export(app))
                },
                DialogAction::new(texts.reset, ActionStyle::Danger, move || {
                    if !lesson_holds_the_page(app, ui, lang) {
                        app.reset_to_demo();
                    }
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
            <ShareButton />
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
