//! The shell every dialog shares: the backdrop, the `role="dialog"` box labelled by its title,
//! Escape to close and the first focus inside. Each dialog brings its own body and buttons, and
//! its own way of closing (focus goes back through [`super::Ui`] there).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The dialogs open now, in the order they opened: each a number, the newest the largest.
    static OPEN_DIALOGS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A modal dialog, shown while it is mounted: its owner renders it only while open.
#[component]
pub fn Modal(
    /// Prefix of its element ids: the title heading is `{id}-title`.
    id: &'static str,
    /// The title, e.g. "Delete web-01?".
    #[prop(into)]
    title: TextProp,
    /// The id of the element that describes the dialog, if one does (`aria-describedby`).
    #[prop(optional)]
    described_by: Option<&'static str>,
    /// Wider, for a form of many fields.
    #[prop(optional)]
    wide: bool,
    /// What gets focus when it opens: the first element inside that this selector matches.
    first_focus: &'static str,
    /// Whether that element's text is selected too (a name to replace, a link to copy).
    #[prop(optional)]
    select: bool,
    /// Closes it: Escape runs this (the dialog's own buttons call their own).
    on_escape: impl Fn() + 'static,
    /// The body and the buttons.
    children: Children,
) -> impl IntoView {
    // The page behind is `inert` while a dialog is open; a dialog that opens over another (a
    // share link followed while an edit is open) takes Escape from it until it closes, so one
    // Escape closes one dialog and leaves the typing in the other.
    let opened = OPEN_DIALOGS.with(|open| {
        let mut open = open.borrow_mut();
        let next = open.last().map_or(0, |last| last + 1);
        open.push(next);
        next
    });
    let escape = window_event_listener(ev::keydown, move |event| {
        let on_top = OPEN_DIALOGS.with(|open| open.borrow().last() == Some(&opened));
        if event.key() == "Escape" && on_top {
            event.prevent_default();
            on_escape();
        }
    });
    on_cleanup(move || {
        escape.remove();
        OPEN_DIALOGS.with(|open| open.borrow_mut().retain(|dialog| *dialog != opened));
    });
    let dialog = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else {
            return;
        };
        super::focus_first(&dialog, first_focus);
        if select {
            // After the children's own updates: a field whose value is a reactive prop gets
            // it after this effect, and selecting it before selects nothing.
            super::after_updates(|| {
                if let Some(input) = document()
                    .active_element()
                    .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    input.select();
                }
            });
        }
    });
    let class = if wide { "dialog wide" } else { "dialog" };
    view! {
        <div class="backdrop">
            <div
                class=class
                role="dialog"
                aria-modal="true"
                aria-labelledby=format!("{id}-title")
                aria-describedby=described_by
                node_ref=dialog
            >
                <h2 id=format!("{id}-title")>{move || title.get()}</h2>
                {children()}
            </div>
        </div>
    }
}
