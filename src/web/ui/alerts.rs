//! Page-wide alerts: saved data that could not be loaded (and where it was kept), changes that
//! are not being saved, an import that was refused; and the backups kept in storage.

use leptos::prelude::*;

use super::Ui;
use crate::i18n::{fill, Lang};
use crate::present::fold_case;
use crate::web::app::{App, NoticeItem, NoticeTitle, SaveStatus};
use crate::web::download::download;
use crate::web::language::Language;
use crate::web::persist::stored_data;
use crate::web::store;

/// Stored data of a format this version can't read: nothing is written until the user
/// chooses. Export (in the data controls) keeps what is on the page; "Start over" keeps the
/// stored data in a backup and saves this page in its place.
#[component]
fn UnknownFormat(found: String) -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let failed = RwSignal::new(None::<crate::web::store::SaveError>);
    let start_over = move |_| match app.start_over() {
        Ok(_) => failed.set(None),
        Err(error) => failed.set(Some(error)),
    };
    let download_found = move |_| {
        if let Ok(backup) = stored_data() {
            download("vm-playground-saved-data.json", &backup.encode());
        }
    };
    view! {
        <div class="alert warning" role="alert" data-alert="unknown-format">
            <p>{move || fill(language.texts().unknown_format, &[("found", &found)])}</p>
            {move || {
                failed
                    .get()
                    .map(|error| {
                        let lang = language.get();
                        view! {
                            <p>
                                {fill(
                                    lang.texts().start_over_failed,
                                    &[("error", &error.describe(lang))],
                                )}
                            </p>
                        }
                    })
            }}
            <div class="alert-actions">
                <button type="button" on:click=download_found>
                    {language.text(|t| t.download_saved_data)}
                </button>
                <button type="button" on:click=start_over>
                    {language.text(|t| t.start_over)}
                </button>
            </div>
        </div>
    }
}

super::deferred::chunk!(
    /// The alerts, in a chunk of their own, fetched when there is one to show.
    alerts_part,
    alerts,
    view! { <Alerts /> }
);

/// Whether there is an alert to show (or a backup to list): then [`alerts_part`] is fetched.
pub fn any_alert(app: App, ui: Ui) -> bool {
    app.save_status.with(|status| *status != SaveStatus::Saved)
        || app.notices.with(|notices| !notices.is_empty())
        || ui.import_error.with(Option::is_some)
        || app.backups.with(|backups| !backups.is_empty())
}

/// The alerts above the layout; empty when all is well.
#[component]
pub fn Alerts() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    let notices = move || {
        let lang = language.get();
        app.notices
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, notice)| {
                let backup = notice.backup_key.clone();
                view! {
                    <div class="alert warning" role="alert">
                        <p>
                            <strong>{title(lang, &notice.title)}</strong>
                        </p>
                        <ul>
                            {notice
                                .items
                                .iter()
                                .map(|item| view! { <li>{item_text(lang, item)}</li> })
                                .collect_view()}
                        </ul>
                        <div class="alert-actions">
                            {backup
                                .map(|key| {
                                    view! {
                                        <button type="button" on:click=move |_| download_backup(&key)>
                                            {lang.texts().download_damaged}
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
                                {lang.texts().dismiss}
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
            SaveStatus::NotSaving(error) => {
                let lang = language.get();
                let message = fill(lang.texts().not_saving, &[("error", &error.describe(lang))]);
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
                                    {language.text(|t| t.dismiss)}
                                </button>
                            </div>
                        </div>
                    }
                })
        }}
        <Backups />
    }
}

/// A notice's title in `lang`.
fn title(lang: Lang, title: &NoticeTitle) -> String {
    let texts = lang.texts();
    match title {
        NoticeTitle::LostChanges => texts.notice_lost_changes.to_owned(),
        NoticeTitle::ReplacedUnreadable { backup_key } => {
            fill(texts.notice_replaced_unreadable, &[("key", backup_key)])
        }
        NoticeTitle::LogEntriesSkipped { count } => {
            lang.plural(&texts.notice_log_skipped, *count as u64, &[])
        }
        NoticeTitle::LogUnreadable => texts.notice_log_unreadable.to_owned(),
        NoticeTitle::SetAsideKept { key } => fill(texts.notice_set_aside_kept, &[("key", key)]),
        NoticeTitle::SetAsideLeft { error } => fill(
            texts.notice_set_aside_left,
            &[("error", &error.describe(lang))],
        ),
        NoticeTitle::WrittenBack { count } => {
            lang.plural(&texts.notice_written_back, *count as u64, &[])
        }
    }
}

/// A notice's detail line in `lang`.
fn item_text(lang: Lang, item: &NoticeItem) -> String {
    let texts = lang.texts();
    let state = |state: &Option<crate::manager::VmState>| match state {
        Some(state) => fold_case(texts.state(*state)),
        None => texts.state_deleted.to_owned(),
    };
    match item {
        NoticeItem::Detail(text) => text.clone(),
        NoticeItem::Problem(problem) => lang.load_problem(problem),
        NoticeItem::Lost { name, ours, kept } => fill(
            texts.notice_lost_item,
            &[
                ("name", name),
                ("ours", &state(ours)),
                ("kept", &state(kept)),
            ],
        ),
    }
}

/// Backups of damaged data: download or delete each.
#[component]
fn Backups() -> impl IntoView {
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
fn download_backup(key: &str) {
    if let Ok(Some(text)) = store::read(key) {
        let file = format!("{}.json", key.replace(':', "-"));
        download(&file, &text);
    }
}
