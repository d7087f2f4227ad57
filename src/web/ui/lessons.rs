//! The Lessons panel: the list of lessons (on the page from the start, behind the `Lessons`
//! button), and the lesson being played: its goals ticking off live, hints, the solution,
//! Restart, Exit, and the completion with the operations used against the solution's.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::fill;
use crate::lesson::{next_after, Lesson, INDEX};
use crate::web::app::App;
use crate::web::language::Language;
use crate::web::lessons::Lessons;

/// The panel.
#[component]
pub fn LessonsPanel() -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let lessons = Lessons::new(app);
    provide_context(lessons);
    let list = INDEX
        .iter()
        .map(|entry| {
            let id = entry.id;
            let done = move || lessons.progress.with(|progress| progress.is_finished(id));
            view! {
                <li data-lesson=id data-lesson-done=move || done().to_string()>
                    <button type="button" on:click=move |_| lessons.start(id)>
                        {move || fill(language.texts().start_lesson, &[("title", &entry.title(language.get()))])}
                    </button>
                    {move || done().then(|| view! { <span class="lesson-done">"✓ " {language.text(|t| t.lesson_finished)}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel lessons" aria-labelledby="lessons-title">
            <h2 id="lessons-title">
                <button
                    type="button"
                    class="lessons-toggle"
                    aria-expanded=move || lessons.open.get().to_string()
                    aria-controls="lessons-body"
                    on:click=move |_| lessons.open.update(|open| *open = !*open)
                >
                    {language.text(|t| t.lessons)}
                </button>
            </h2>
            <div id="lessons-body" hidden=move || !lessons.open.get()>
                {move || lessons.loading.get().map(|_| view! { <p class="hint">{language.text(|t| t.lesson_loading)}</p> })}
                {move || lessons.failure.get().map(|failure| view! { <p class="error" role="alert">{move || failure.describe(language.get())}</p> })}
                {move || lessons.playing.get().map(|lesson| view! { <LessonPlay lesson /> })}
                <ol class="lesson-list">{list}</ol>
            </div>
        </section>
    }
}

/// The lesson being played.
#[component]
fn LessonPlay(lesson: Arc<Lesson>) -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let lessons = expect_context::<Lessons>();
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
    let text = {
        let lesson = lesson.clone();
        move |pick: fn(&Lesson) -> &crate::lesson::Text| {
            let lesson = lesson.clone();
            move || pick(&lesson).get(language.get()).to_owned()
        }
    };
    let goals = lesson
        .goals
        .iter()
        .enumerate()
        .map(|(index, goal)| {
            let done = move || progress.with(|(goals, _)| goals.get(index).copied().unwrap_or(false));
            let words = goal.text.clone();
            view! {
                <li data-goal=goal.id.clone() data-goal-done=move || done().to_string() class:done=done>
                    <span class="goal-mark" aria-hidden="true">{move || if done() { "✓" } else { "○" }}</span>
                    " "
                    {move || words.get(language.get()).to_owned()}
                </li>
            }
        })
        .collect_view();
    let hints = {
        let lesson = lesson.clone();
        move || {
            let lang = language.get();
            lesson
                .hints
                .iter()
                .take(lessons.hints.get())
                .map(|hint| view! { <li>{hint.get(lang).to_owned()}</li> })
                .collect_view()
        }
    };
    let all_hints = lesson.hints.len();
    let best = lesson.solution.len();
    let solution = lesson
        .solution
        .iter()
        .map(|line| view! { <li><code translate="no">{line.clone()}</code></li> })
        .collect_view();
    let next = next_after(&lesson.id);
    let finish = move || {
        complete().then(|| {
            let used = progress.with(|(_, used)| *used);
            let t = language.texts();
            view! {
                <p class="lesson-complete"><strong>{t.lesson_complete}</strong></p>
                <p>{fill(t.lesson_score, &[("used", &used), ("best", &best)])}</p>
                {match next {
                    Some(entry) => view! {
                        <button type="button" on:click=move |_| lessons.start(entry.id)>
                            {fill(t.lesson_next, &[("title", &entry.title(language.get()))])}
                        </button>
                    }
                    .into_any(),
                    None => view! { <p>{t.lesson_last}</p> }.into_any(),
                }}
            }
        })
    };
    view! {
        <div class="lesson" data-lesson-playing=lesson.id.clone()>
            <h3>{text(|lesson| &lesson.title)}</h3>
            <p>{text(|lesson| &lesson.introduction)}</p>
            <p class="hint">{language.text(|t| t.lesson_aside)}</p>
            <h4>{language.text(|t| t.lesson_goals)}</h4>
            <ul class="goals">{goals}</ul>
            <div role="status" class="lesson-status">{finish}</div>
            <ol class="lesson-hints">{hints}</ol>
            <div class="lesson-actions">
                <button
                    type="button"
                    disabled=move || { lessons.hints.get() >= all_hints }
                    on:click=move |_| lessons.hints.update(|shown| *shown = (*shown + 1).min(all_hints))
                >
                    {language.text(|t| t.lesson_hint)}
                </button>
                <button
                    type="button"
                    aria-expanded=move || lessons.solution.get().to_string()
                    on:click=move |_| lessons.solution.set(true)
                >
                    {language.text(|t| t.lesson_show_solution)}
                </button>
                <button type="button" on:click=move |_| lessons.restart()>
                    {language.text(|t| t.lesson_restart)}
                </button>
                <button type="button" on:click=move |_| lessons.exit()>
                    {language.text(|t| t.lesson_exit)}
                </button>
            </div>
            <section class="lesson-solution" aria-label=language.text(|t| t.lesson_solution) hidden=move || !lessons.solution.get()>
                <ol>{solution}</ol>
            </section>
        </div>
    }
}
