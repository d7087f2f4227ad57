//! The create form: defaults pre-filled, messages per field after the first submit and then
//! live, "Create" (and start, as the seed does) or "Create stopped".

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::config_fields::ConfigFields;
use super::form_errors::{focus_first_invalid, focus_id, form_errors};
use super::Ui;
use crate::form::ConfigForm;
use crate::i18n::fill;
use crate::manager::{VmConfig, VmError, VmState};
use crate::sizes::suspicious_memory;
use crate::web::app::{App, StartMode};
use crate::web::language::Language;

/// Focuses the element `id` once it is in the document (after this render).
fn focus_by_id(id: &'static str) {
    request_animation_frame(move || focus_id(id));
}

/// The form.
#[component]
pub fn CreateForm() -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    let fresh = || ConfigForm::from_config(&VmConfig::default());
    let form = RwSignal::new(fresh());
    let submitted = RwSignal::new(false);
    // The core's refusal of the last submit, shown until the name changes.
    let refusal = RwSignal::new(None::<(String, VmError)>);
    let errors = Signal::derive(move || {
        if !submitted.get() {
            return Vec::new();
        }
        form.with(|form| {
            let refusal = refusal.with(|refusal| {
                refusal
                    .as_ref()
                    .filter(|(name, _)| *name == form.name)
                    .map(|(_, error)| error.clone())
            });
            form_errors(language.get(), form, refusal.as_ref())
        })
    });

    // A bare memory number under 64 MB waits for an answer: (the number, the create mode).
    let question = RwSignal::new(None::<(u64, StartMode)>);
    let submit = move |mode: StartMode, checked: bool| {
        if !checked {
            if let Some(n) = form.with_untracked(|form| suspicious_memory(&form.memory)) {
                question.set(Some((n, mode)));
                focus_by_id("create-use-gb");
                return;
            }
        }
        question.set(None);
        submitted.set(true);
        refusal.set(None);
        let parsed = form.with_untracked(ConfigForm::parse);
        let result = parsed.map_err(|_| ()).and_then(|config| {
            let name = config.name.clone();
            app.create(config, mode)
                .map(|()| name.clone())
                .map_err(|error| {
                    refusal.set(Some((name, error)));
                })
        });
        match result {
            Ok(name) => {
                form.set(fresh());
                submitted.set(false);
                let state = match mode {
                    StartMode::Start => VmState::Running,
                    StartMode::Stopped => VmState::Stopped,
                };
                ui.reveal(&name, state);
            }
            Err(()) => focus_first_invalid("create", &errors.get_untracked()),
        }
    };

    view! {
        <form
            class="config-form"
            aria-label=language.text(|t| t.create_form)
            novalidate
            on:submit=move |event: SubmitEvent| {
                event.prevent_default();
                submit(StartMode::Start, false);
            }
        >
            <ConfigFields form errors prefix="create" />
            {move || {
                question
                    .get()
                    .map(|(n, mode)| {
                        let lang = language.get();
                        let gb = fill(lang.texts().size_gb, &[("n", &n)]);
                        let mb = fill(lang.texts().size_mb, &[("n", &n)]);
                        let texts = lang.texts();
                        view! {
                            <div class="size-question" role="group" aria-labelledby="create-size-question">
                                <p id="create-size-question" role="alert">
                                    {fill(texts.memory_did_you_mean, &[("mb", &mb), ("gb", &gb)])}
                                </p>
                                <button
                                    type="button"
                                    id="create-use-gb"
                                    class="primary"
                                    on:click=move |_| {
                                        form.update(|form| form.memory = format!("{n} GB"));
                                        submit(mode, true);
                                    }
                                >
                                    {fill(texts.memory_use_gb, &[("gb", &gb)])}
                                </button>
                                <button type="button" on:click=move |_| submit(mode, true)>
                                    {fill(texts.memory_keep_mb, &[("mb", &mb)])}
                                </button>
                            </div>
                        }
                    })
            }}
            <div class="form-actions">
                <button type="submit" class="primary">
                    {language.text(|t| t.create)}
                </button>
                <button type="button" on:click=move |_| submit(StartMode::Stopped, false)>
                    {language.text(|t| t.create_stopped)}
                </button>
            </div>
        </form>
    }
}
