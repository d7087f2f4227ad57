//! A modal question (delete a VM, reset to the demo, import a file): Escape or Cancel
//! dismisses it, and focus returns where it was. The shell is [`Modal`].

use std::sync::Arc;

use leptos::prelude::*;

use super::modal::Modal;
use super::Ui;
use crate::web::language::Language;

/// How an action's button looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionStyle {
    /// Destroys something: red.
    Danger,
    /// The expected choice.
    Primary,
    /// Anything else.
    Plain,
}

/// A button of the dialog besides Cancel.
#[derive(Clone)]
pub struct DialogAction {
    /// Its text and accessible name, e.g. "Delete".
    pub label: String,
    /// Its look.
    pub style: ActionStyle,
    /// Whether choosing it closes the dialog ("Export first" doesn't).
    pub closes: bool,
    /// What it does.
    pub run: Arc<dyn Fn() + Send + Sync>,
}

impl DialogAction {
    /// An action that closes the dialog.
    pub fn new(label: &str, style: ActionStyle, run: impl Fn() + Send + Sync + 'static) -> Self {
        DialogAction {
            label: label.to_owned(),
            style,
            closes: true,
            run: Arc::new(run),
        }
    }
}

/// A question for the dialog.
#[derive(Clone)]
pub struct Confirmation {
    /// The dialog's title, e.g. "Delete web-01?".
    pub title: String,
    /// Paragraphs explaining what will happen.
    pub body: Vec<String>,
    /// The choices, in order; Cancel comes first and is always there.
    pub actions: Vec<DialogAction>,
}

super::deferred::chunk!(
    /// The confirm dialog, in a chunk of its own, fetched when it first opens.
    confirm_dialog_part,
    confirm_dialog,
    view! { <ConfirmDialog /> }
);

/// The dialog; shown while [`Ui::confirming`] holds a question.
#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();

    let close = move || ui.close_confirmation();
    move || {
        ui.confirming.get().map(|question| {
            let actions = question
                .actions
                .into_iter()
                .map(|action| {
                    let class = match action.style {
                        ActionStyle::Danger => "danger",
                        ActionStyle::Primary => "primary",
                        ActionStyle::Plain => "",
                    };
                    let run = action.run.clone();
                    let closes = action.closes;
                    view! {
                        <button
                            type="button"
                            class=class
                            on:click=move |_| {
                                // Closed first, so that what closing does is done before the
                                // action: a share link's fragment goes, or every storage write
                                // of its import would carry the page's address, link and all
                                // (seconds for a link of thousands of VMs).
                                if closes {
                                    close();
                                }
                                run();
                            }
                        >
                            {action.label}
                        </button>
                    }
                })
                .collect_view();
            view! {
                <Modal
                    id="confirm"
                    title=question.title
                    described_by="confirm-body"
                    first_focus=".dialog-actions button"
                    on_escape=close
                >
                    <div id="confirm-body">
                        {question
                            .body
                            .into_iter()
                            .map(|text| view! { <p>{text}</p> })
                            .collect_view()}
                    </div>
                    <div class="dialog-actions">
                        <button type="button" on:click=move |_| close()>
                            {language.text(|t| t.cancel)}
                        </button>
                        {actions}
                    </div>
                </Modal>
            }
        })
    }
}
