//! The Lessons panel: the list of lessons (on the page from the start, behind the `Lessons`
//! button), and the lesson being played: its goals ticking off live, hints, the solution,
//! Restart, Exit, and the completion with the operations used against the solution's.
//!
//! Coarse-grained on purpose: each part is one closure that renders plain text in the
//! language of the moment and is rebuilt as a whole (a dozen goals or lessons), rather than a
//! reactive closure per word, which cost the wasm a few KB per part. The buttons are rebuilt
//! only with the language, so they keep focus as the student works.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use wasm_bindgen::JsCast;

use super::deferred::Deferred;
use crate::i18n::{fill, Lang};
use crate::lesson::{lesson_in_hash, next_after, Lesson, Progress, INDEX};
use crate::storage::LESSONS_KEY;
use crate::web::app::App;
use crate::web::language::Language;
use crate::web::lessons::Lessons;
use crate::web::store;

/// Moves focus to the first element `selector` matches, once the page shows it: a lesson's
/// heading when it starts (the button that started it may be gone), the Lessons button when
/// it ends.
fn focus_soon(selector: &'static str) {
    super::after_updates(move || {
        super::focus_first(&document().document_element().unwrap(), selector)
    });
}

/// The panel. Its toggle is in the first download; the list and the lesson being played come
/// in a chunk of their own (`lessons_body`), fetched when the panel first opens or a lesson
/// starts (a `#lesson=` link, or the lesson being played before a reload).
#[component]
pub fn LessonsPanel() -> impl IntoView {
    let language = expect_context::<Language>();
    let open = RwSignal::new(false);
    let body = Deferred::new();
    let load = move || body.load(move |owner| lessons_body(owner, open));
    if lesson_asked() {
        open.set(true);
    }
    Effect::new(move |_| {
        if open.get() {
            load();
        }
    });
    // A `#lesson=` link followed before the chunk came; once it is here it follows them itself.
    let on_hash = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if lesson_in_hash(&window().location().hash().unwrap_or_default()).is_some() {
            open.set(true);
        }
    });
    let _ =
        window().add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    // As long as the page.
    on_hash.forget();
    view! {
        <section class="panel lessons" aria-labelledby="lessons-title">
            <h2 id="lessons-title">
                <button
                    type="button"
                    class="lessons-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="lessons-body"
                    on:click=move |_| open.update(|open| *open = !*open)
                >
                    {language.text(|t| t.lessons)}
                </button>
            </h2>
            <div id="lessons-body" hidden=move || !open.get()>
                {body.view()}
            </div>
        </section>
    }
}

/// Whether a lesson starts as the page opens: a `#lesson=` link, or the lesson being played
/// before a reload (until it has, `App::in_lesson` is false).
pub(super) fn lesson_asked() -> bool {
    lesson_in_hash(&window().location().hash().unwrap_or_default()).is_some()
        || store::read(LESSONS_KEY)
            .ok()
            .flatten()
            .is_some_and(|text| Progress::decode(&text).current.is_some())
}

/// The panel's body: the list, and the lesson being played (in a chunk of its own).
#[wasm_split(lessons, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lessons_body(owner: Owner, open: RwSignal<bool>) -> Result<AnyView, SplitLoaderError> {
    Ok(owner.with(|| panel_body(open).into_any()))
}

/// The list, and the lesson being played.
fn panel_body(open: RwSignal<bool>) -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let lessons = Lessons::new(app, open);
    // A lesson that starts (from the list, Next, or a link) takes focus to its heading.
    Effect::new(move |previous: Option<Option<String>>| {
        let playing = lessons
            .playing
            .with(|lesson| lesson.as_ref().map(|lesson| lesson.id.clone()));
        if playing.is_some() && previous.as_ref() != Some(&playing) {
            focus_soon(".lesson h3");
        }
        playing
    });
    let list = move || {
        let lang = language.get();
        let t = lang.texts();
        lessons.progress.with(|progress| {
            INDEX
                .iter()
                .map(|entry| {
                    let (id, done) = (entry.id, progress.is_finished(entry.id));
                    view! {
                        <li data-lesson=id data-lesson-done=done.to_string()>
                            <button type="button" on:click=move |_| lessons.start(id)>
                                {fill(t.start_lesson, &[("title", &entry.title(lang))])}
                            </button>
                            {done.then(|| view! { <span class="lesson-done">"✓ " {t.lesson_finished}</span> })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let notes = move || {
        let lang = language.get();
        let loading = lessons
            .loading
            .get()
            .map(|_| view! { <p class="hint">{lang.texts().lesson_loading}</p> });
        let failure = lessons
            .failure
            .get()
            .map(|failure| view! { <p class="error" role="alert">{failure.describe(lang)}</p> });
        (loading, failure)
    };
    view! {
        {notes}
        {move || lessons.playing.get().map(|lesson| lesson_play(app, lessons, language, lesson))}
        <ol class="lesson-list">{list}</ol>
    }
}

/// The goals, each marked done or not.
fn goals(lesson: &Lesson, done: &[bool], lang: Lang) -> impl IntoView {
    lesson
        .goals
        .iter()
        .zip(done)
        .map(|(goal, done)| {
            view! {
                <li data-goal=goal.id.clone() data-goal-done=done.to_string() class:done=*done>
                    <span class="goal-mark" aria-hidden="true">{if *done { "✓ " } else { "○ " }}</span>
                    {goal.text.get(lang).to_owned()}
                </li>
            }
        })
        .collect_view()
}

/// The lesson being played.
fn lesson_play(
    app: App,
    lessons: Lessons,
    language: Language,
    lesson: Arc<Lesson>,
) -> impl IntoView {
    let progress = {
        let lesson = lesson.clone();
        Memo::new(move |_| app.lesson_progress(&lesson))
    };
    let complete = move || progress.with(|(goals, _)| goals.iter().all(|done| *done));
    let id = lesson.id.clone();
    Effect::new(move |_| {
        if complete() {
            lessons.finished(&id);
        }
    });
    let all_hints = lesson.hints.len();
    move || {
        let lang = language.get();
        let t = lang.texts();
        let shown_goals = {
            let lesson = lesson.clone();
            move || progress.with(|(done, _)| goals(&lesson, done, lang))
        };
        let finish = {
            let lesson = lesson.clone();
            move || {
                let used = progress.with(|(_, used)| *used);
                complete().then(|| {
                    let best = lesson.solution.len();
                    let next = match next_after(&lesson.id) {
                        Some(entry) => view! {
                            <button type="button" on:click=move |_| lessons.start(entry.id)>
                                {fill(t.lesson_next, &[("title", &entry.title(lang))])}
                            </button>
                        }
                        .into_any(),
                        None => view! { <p>{t.lesson_last}</p> }.into_any(),
                    };
                    view! {
                        <p class="lesson-complete"><strong>{t.lesson_complete}</strong></p>
                        <p>{fill(t.lesson_score, &[("used", &used), ("best", &best)])}</p>
                        {next}
                    }
                })
            }
        };
        let hints = {
            let lesson = lesson.clone();
            move || {
                lesson
                    .hints
                    .iter()
                    .take(lessons.hints.get())
                    .map(|hint| view! { <li>{hint.get(lang).to_owned()}</li> })
                    .collect_view()
            }
        };
        let solution = lesson
            .solution
            .iter()
            .map(|line| view! { <li><code translate="no">{line.clone()}</code></li> })
            .collect_view();
        view! {
            <div class="lesson" data-lesson-playing=lesson.id.clone()>
                <h3 tabindex="-1">{lesson.title.get(lang).to_owned()}</h3>
                <p>{lesson.introduction.get(lang).to_owned()}</p>
                <p class="hint">{t.lesson_aside}</p>
                <h4>{t.lesson_goals}</h4>
                <ul class="goals">{shown_goals}</ul>
                <div role="status" class="lesson-status">{finish}</div>
                <ol class="lesson-hints">{hints}</ol>
                <div class="lesson-actions">
                    <button
                        type="button"
                        disabled=move || { lessons.hints.get() >= all_hints }
                        on:click=move |_| lessons.hints.update(|shown| *shown = (*shown + 1).min(all_hints))
                    >
                        {t.lesson_hint}
                    </button>
                    <button
                        type="button"
                        aria-expanded=move || lessons.solution.get().to_string()
                        on:click=move |_| lessons.solution.set(true)
                    >
                        {t.lesson_show_solution}
                    </button>
                    <button type="button" on:click=move |_| lessons.restart()>
                        {t.lesson_restart}
                    </button>
                    <button
                        type="button"
                        on:click=move |_| {
                            lessons.exit();
                            focus_soon(".lessons-toggle");
                        }
                    >
                        {t.lesson_exit}
                    </button>
                </div>
                <section class="lesson-solution" aria-label=t.lesson_solution hidden=move || !lessons.solution.get()>
                    <ol>{solution}</ol>
                </section>
            </div>
        }
    }
}
