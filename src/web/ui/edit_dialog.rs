//! The edit dialog: the same fields as the create form. A stopped VM takes the changes at once
//! (a rename included); a running or paused one keeps them pending until it next stops.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::config_fields::ConfigFields;
use super::form_errors::{focus_first_invalid, form_errors};
use super::modal::Modal;
use super::Ui;
use crate::form::ConfigForm;
use crate::i18n::fill;
use crate::manager::VmError;
use crate::present::fold_case;
use crate::web::app::App;
use crate::web::language::Language;

super::deferred::chunk!(
    /// The edit dialog, in a chunk of its own, fetched when it first opens.
    edit_part,
    edit,
    view! { <EditDialog /> }
);

/// The dialog; shown while [`Ui::editing`] names a VM.
#[component]
pub fn EditDialog() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || ui.editing.get().map(|name| view! { <EditForm name /> })
}

#[component]
fn EditForm(name: String) -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    let texts = move || language.texts();
    let Some(row) = app.find(&name) else {
        ui.editing.set(None);
        return ().into_any();
    };
    // Start from what the next boot would use: the pending config if there is one. Save
    // applies what was changed from it (`App::update_edited`).
    let opened = row
        .info
        .with_untracked(|info| info.pending.clone().unwrap_or_else(|| info.config.clone()));
    let form = RwSignal::new(ConfigForm::from_config(&opened));
    let submitted = RwSignal::new(false);
    let refusal = RwSignal::new(None::<VmError>);
    let errors = Signal::derive(move || {
        if !submitted.get() {
            return Vec::new();
        }
        let lang = language.get();
        form.with(|form| refusal.with(|refusal| form_errors(lang, form, refusal.as_ref())))
    });
    let active = {
        let info = row.info.clone();
        move || info.with(|info| info.state.is_active())
    };
    let name_note = {
        let (name, info) = (name.clone(), row.info.clone());
        Signal::derive(move || {
            let state = info.with(|info| info.state);
            state.is_active().then(|| {
                let texts = texts();
                fill(
                    texts.rename_needs_stop,
                    &[("name", &name), ("state", &fold_case(texts.state(state)))],
                )
            })
        })
    };
    // Another tab or the JS API may delete or rename the VM while the dialog is open: say so
    // at once rather than only when Save is refused. (Not when this dialog's own Save renamed
    // it, on its way out.)
    let saving = RwSignal::new(false);
    let gone = {
        let name = name.clone();
        Memo::new(move |_| !saving.get() && app.row(&name).is_none())
    };
    let close = move || {
        ui.editing.set(None);
        ui.restore_focus();
    };
    let title = {
        let name = name.clone();
        move || fill(texts().edit_title, &[("name", &name)])
    };

    let save = {
        let name = name.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            submitted.set(true);
            refusal.set(None);
            let Ok(config) = form.with_untracked(ConfigForm::parse) else {
                focus_first_invalid("edit", &errors.get_untracked());
                return;
            };
            saving.set(true);
            match app.update_edited(&name, &opened, config) {
                Ok(_) => close(),
                Err(error) => {
                    saving.set(false);
                    refusal.set(Some(error));
                    focus_first_invalid("edit", &errors.get_untracked());
                }
            }
        }
    };

    view! {
        <Modal
            id="edit"
            title=title.clone()
            wide=true
            first_focus="input:not([readonly]), select"
            on_escape=close
        >
            <p class="muted">
                {move || {
                    if active() {
                        texts().edit_active_note
                    } else {
                        texts().edit_stopped_note
                    }
                }}
            </p>
            {
                let name = name.clone();
                move || gone.get().then(|| view! {
                    <p class="row-error" role="alert">
                        {fill(texts().edit_vm_gone, &[("name", &name)])}
                    </p>
                })
            }
            <form class="config-form" aria-label=title novalidate on:submit=save>
                <div>
                    <ConfigFields form errors prefix="edit" name_note />
                </div>
                <div class="form-actions">
                    <button type="submit" class="primary" disabled=move || gone.get()>
                        {language.text(|t| t.save)}
                    </button>
                    <button type="button" on:click=move |_| close()>
                        {language.text(|t| t.cancel)}
                    </button>
                </div>
            </form>
        </Modal>
    }
    .into_any()
}
