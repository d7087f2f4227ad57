//! The Undo and Redo buttons, their keys (Ctrl+Z / ⌘Z; Ctrl+Shift+Z, Ctrl+Y, ⌘⇧Z) and the
//! alert that says why an undo was refused. What they undo is `App::step`'s.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Ui;
use crate::i18n::fill;
use crate::undo::Direction;
use crate::web::app::App;
use crate::web::language::Language;

/// Whether the focus is in a text field, where the keys are the browser's own text undo.
fn typing() -> bool {
    let Some(element) = document().active_element() else {
        return false;
    };
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        return !matches!(
            input.type_().as_str(),
            "checkbox" | "radio" | "button" | "submit" | "reset" | "file" | "range" | "color"
        );
    }
    element.is_instance_of::<web_sys::HtmlTextAreaElement>()
        || element
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|element| element.is_content_editable())
}

/// What a key press asks of the history, if anything.
fn direction_of(event: &web_sys::KeyboardEvent) -> Option<Direction> {
    if !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
        return None;
    }
    match event.key().as_str() {
        "z" | "Z" if event.shift_key() => Some(Direction::Redo),
        "z" | "Z" => Some(Direction::Undo),
        "y" | "Y" if !event.shift_key() => Some(Direction::Redo),
        _ => None,
    }
}

/// One of the two buttons.
#[component]
fn StepButton(direction: Direction) -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let next = Memo::new(move |_| app.next_change(direction));
    let title = move || {
        let texts = language.texts();
        match (next.get(), direction) {
            (Some(change), Direction::Undo) => {
                fill(texts.undo_title, &[("change", &change.describe())])
            }
            (Some(change), Direction::Redo) => {
                fill(texts.redo_title, &[("change", &change.describe())])
            }
            (None, Direction::Undo) => texts.nothing_to_undo.to_owned(),
            (None, Direction::Redo) => texts.nothing_to_redo.to_owned(),
        }
    };
    let label = move || match direction {
        Direction::Undo => language.texts().undo,
        Direction::Redo => language.texts().redo,
    };
    view! {
        <button
            type="button"
            title=title
            disabled=move || next.with(Option::is_none)
            on:click=move |_| app.step_from_gui(direction)
        >
            {label}
        </button>
    }
}

/// The buttons, the keys and the refusal's alert.
#[component]
pub fn UndoButtons() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    // The page lives as long as the window: the listener is never removed.
    let _ = window_event_listener(leptos::ev::keydown, move |event| {
        if event.default_prevented() || ui.dialog_open() || typing() {
            return;
        }
        if let Some(direction) = direction_of(&event) {
            event.prevent_default();
            app.step_from_gui(direction);
        }
    });
    let refusal = move || {
        app.undo.refusal.get().map(|(direction, error)| {
            let lang = language.get();
            let template = match direction {
                Direction::Undo => lang.texts().undo_refused,
                Direction::Redo => lang.texts().redo_refused,
            };
            let message = fill(template, &[("error", &lang.error(&error))]);
            view! { <p class="alert undo-refusal" role="alert">{message}</p> }
        })
    };
    view! {
        <div class="undo-buttons">
            <StepButton direction=Direction::Undo />
            <StepButton direction=Direction::Redo />
            {refusal}
        </div>
    }
}
