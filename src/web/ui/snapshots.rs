//! Snapshots and clones in the GUI: the selected VM's snapshot tree in Details (each
//! snapshot with its time, state and description, the current one marked), Take snapshot and
//! Clone (a dialog each), and per snapshot Revert and Delete (a confirmation each, through
//! [`Ui::confirm`]).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::confirm_dialog::{ActionStyle, Confirmation, DialogAction};
use super::modal::Modal;
use super::Ui;
use crate::i18n::{fill, Lang};
use crate::manager::{
    clone_disk_path, NewSnapshot, Snapshot, SnapshotDeletion, VmError, VmInfo, VmManager,
};
use crate::present::fold_case;

super::deferred::chunk!(
    /// The Take snapshot and Clone dialogs, in a chunk of their own, fetched when one first
    /// opens.
    snapshot_dialog_part,
    snapshot_dialog,
    view! { <SnapshotDialog /> }
);
use crate::web::app::App;
use crate::web::language::Language;

/// Which snapshot dialog is open, and for which VM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotForm {
    /// Take a snapshot of the VM.
    Take(String),
    /// Clone the VM.
    Clone(String),
}

/// The first of `base-1`, `base-2`… (or `base` itself when `bare`) that `taken` says is free.
fn free_name(base: &str, bare: bool, taken: impl Fn(&str) -> bool) -> String {
    if bare && !taken(base) {
        return base.to_owned();
    }
    (1u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|name| !taken(name))
        .expect("some number is free")
}

/// The snapshots section of the Details panel for `info`.
pub fn snapshot_section(app: App, ui: Ui, lang: Lang, info: &VmInfo) -> impl IntoView + use<> {
    let texts = lang.texts();
    let name = info.config.name.clone();
    let active = info.state.is_active();
    let take = {
        let name = name.clone();
        move |_| {
            ui.remember_focus();
            ui.snapshot_form.set(Some(SnapshotForm::Take(name.clone())));
        }
    };
    let clone = {
        let name = name.clone();
        move |_| {
            ui.remember_focus();
            ui.snapshot_form
                .set(Some(SnapshotForm::Clone(name.clone())));
        }
    };
    let tree = if info.snapshots.is_empty() {
        view! { <p class="muted">{texts.no_snapshots}</p> }.into_any()
    } else {
        branch(app, ui, lang, info, None).into_any()
    };
    view! {
        <h4>{texts.snapshots_heading}</h4>
        <div class="snapshot-actions">
            <button type="button" aria-label=fill(texts.take_snapshot_of, &[("name", &name)]) on:click=take>
                {texts.take_snapshot}
            </button>
            <button
                type="button"
                aria-label=fill(texts.clone_vm, &[("name", &name)])
                disabled=active
                title=active.then_some(texts.refusal_clone_active)
                on:click=clone
            >
                {texts.clone}
            </button>
        </div>
        {tree}
    }
}

/// The children of `parent` (the roots for `None`) as a list, each with its own children
/// nested below it: a tree of lists.
fn branch(app: App, ui: Ui, lang: Lang, info: &VmInfo, parent: Option<&str>) -> AnyView {
    let items = info
        .children_of(parent)
        .into_iter()
        .map(|snapshot| {
            let current = info.current_snapshot.as_deref() == Some(snapshot.name.as_str());
            let children = info.children_of(Some(&snapshot.name));
            let nested =
                (!children.is_empty()).then(|| branch(app, ui, lang, info, Some(&snapshot.name)));
            view! {
                <li
                    class="snapshot"
                    class:current=current
                    data-snapshot=snapshot.name.clone()
                    aria-current=current.then_some("true")
                >
                    {snapshot_line(app, ui, lang, info, snapshot, current)}
                    {nested}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="snapshots">{items}</ul> }.into_any()
}

/// One snapshot: its name, time, state, description, and its Revert and Delete buttons.
fn snapshot_line(
    app: App,
    ui: Ui,
    lang: Lang,
    info: &VmInfo,
    snapshot: &Snapshot,
    current: bool,
) -> impl IntoView + use<> {
    let texts = lang.texts();
    let vm = info.config.name.clone();
    let line = fill(
        texts.snapshot_line,
        &[
            (
                "time",
                &super::details::format_time(lang, snapshot.created_at),
            ),
            ("state", &fold_case(texts.state(snapshot.state))),
        ],
    );
    let names: [(&str, &dyn std::fmt::Display); 2] = [("name", &vm), ("snapshot", &snapshot.name)];
    let revert_label = fill(texts.revert_to, &names);
    let delete_label = fill(texts.delete_snapshot_of, &names);
    let revert = {
        let (vm, snapshot) = (vm.clone(), snapshot.name.clone());
        move |_| confirm_revert(app, ui, &vm, &snapshot)
    };
    let delete = {
        let (vm, snapshot) = (vm.clone(), snapshot.name.clone());
        move |_| confirm_delete_snapshot(app, ui, &vm, &snapshot)
    };
    view! {
        <div class="snapshot-line">
            <span class="snapshot-name" translate="no">{snapshot.name.clone()}</span>
            {current.then(|| view! { <span class="snapshot-current">{texts.snapshot_current}</span> })}
            <span class="muted">{line}</span>
            {(!snapshot.description.is_empty()).then(|| view! {
                <span class="snapshot-description" translate="no">{snapshot.description.clone()}</span>
            })}
            <span class="snapshot-buttons">
                <button type="button" aria-label=revert_label on:click=revert>{texts.revert}</button>
                <button type="button" class="danger" aria-label=delete_label on:click=delete>
                    {texts.action_delete}
                </button>
            </span>
        </div>
    }
}

/// Asks before reverting `vm` to `snapshot`, saying what will be lost: its state now and its
/// pending changes.
fn confirm_revert(app: App, ui: Ui, vm: &str, snapshot: &str) {
    let language = expect_context::<Language>();
    let lang = language.get_untracked();
    let texts = lang.texts();
    let Some(info) = app
        .find(vm)
        .map(|row| row.info.get_untracked())
        .filter(|info| info.snapshot(snapshot).is_some())
    else {
        return;
    };
    let snapshot_state = info.snapshot(snapshot).map(|found| found.state);
    let mut body = vec![fill(
        texts.revert_body,
        &[
            ("name", &vm),
            (
                "state",
                &fold_case(texts.state(snapshot_state.unwrap_or(info.state))),
            ),
            ("current", &fold_case(texts.state(info.state))),
        ],
    )];
    if info.pending.is_some() {
        body.push(fill(texts.revert_pending_lost, &[("name", &vm)]));
    }
    let (target, name) = (vm.to_owned(), snapshot.to_owned());
    ui.confirm(Confirmation {
        title: fill(
            texts.revert_title,
            &[("name", &vm), ("snapshot", &snapshot)],
        ),
        body,
        actions: vec![DialogAction::new(
            texts.revert,
            ActionStyle::Danger,
            move || {
                let _ = app.revert_snapshot(&target, &name);
            },
        )],
    });
}

/// Asks before deleting `snapshot` of `vm`, saying where its children go.
fn confirm_delete_snapshot(app: App, ui: Ui, vm: &str, snapshot: &str) {
    let lang = expect_context::<Language>().get_untracked();
    let texts = lang.texts();
    let Some(info) = app.find(vm).map(|row| row.info.get_untracked()) else {
        return;
    };
    let Some(found) = info.snapshot(snapshot) else {
        return;
    };
    let mut body = vec![fill(texts.delete_snapshot_body, &[("name", &vm)])];
    let children = info.children_of(Some(snapshot)).len();
    if children > 0 {
        let parent = found
            .parent
            .clone()
            .unwrap_or_else(|| texts.no_parent.to_owned());
        body.push(fill(
            texts
                .delete_snapshot_children
                .pick(lang.plural_form(children as u64)),
            &[("n", &children.to_string()), ("parent", &parent)],
        ));
    }
    let (target, name) = (vm.to_owned(), snapshot.to_owned());
    ui.confirm(Confirmation {
        title: fill(
            texts.delete_snapshot_title,
            &[("name", &vm), ("snapshot", &snapshot)],
        ),
        body,
        actions: vec![DialogAction::new(
            texts.action_delete,
            ActionStyle::Danger,
            move || {
                let _ = app.delete_snapshot(SnapshotDeletion {
                    vm: &target,
                    name: &name,
                    children: false,
                });
            },
        )],
    });
}

/// The Take snapshot and Clone dialogs; shown while [`Ui::snapshot_form`] holds one.
#[component]
pub fn SnapshotDialog() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        ui.snapshot_form
            .get()
            .map(|form| view! { <SnapshotFormView form /> })
    }
}

#[component]
fn SnapshotFormView(form: SnapshotForm) -> impl IntoView {
    let app = expect_context::<App>();
    let ui = expect_context::<Ui>();
    let language = expect_context::<Language>();
    let lang = language.get_untracked();
    let texts = lang.texts();
    let (vm, cloning) = match &form {
        SnapshotForm::Take(vm) => (vm.clone(), false),
        SnapshotForm::Clone(vm) => (vm.clone(), true),
    };
    let Some(info) = app.find(&vm).map(|row| row.info.get_untracked()) else {
        ui.snapshot_form.set(None);
        return ().into_any();
    };
    let prefilled = if cloning {
        let names = app.manager().list_vms().unwrap_or_default();
        free_name(&format!("{vm}-clone"), true, |name| {
            names.iter().any(|taken| taken == name)
        })
    } else {
        free_name("snapshot", false, |name| info.snapshot(name).is_some())
    };
    let name = RwSignal::new(prefilled);
    let description = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<VmError>);
    // The button that opened the dialog is drawn again when the VM changes: focus returns to
    // its new self.
    let opener = {
        let label = if cloning {
            fill(texts.clone_vm, &[("name", &vm)])
        } else {
            fill(texts.take_snapshot_of, &[("name", &vm)])
        };
        StoredValue::new(format!(
            "button[aria-label=\"{}\"]",
            super::css_escape(&label)
        ))
    };
    let close = move || {
        ui.snapshot_form.set(None);
        ui.restore_focus_or(Some(opener.get_value()));
    };
    let title = if cloning {
        fill(texts.clone_title, &[("name", &vm)])
    } else {
        fill(texts.take_snapshot_title, &[("name", &vm)])
    };
    let note = {
        let (vm, info) = (vm.clone(), info.clone());
        move || {
            let texts = language.texts();
            if cloning {
                let infos = app.manager().list_vm_infos().unwrap_or_default();
                let path = clone_disk_path(&info.config.disk_path, &vm, &name.get(), |path| {
                    infos.iter().any(|other| other.config.disk_path == path)
                });
                fill(
                    texts.clone_note,
                    &[
                        ("name", &vm),
                        ("path", &path),
                        ("size", &language.get().gigabytes(info.config.disk_size)),
                    ],
                )
            } else {
                fill(
                    texts.take_snapshot_note,
                    &[
                        ("name", &vm),
                        ("state", &fold_case(texts.state(info.state))),
                    ],
                )
            }
        }
    };
    // Escape makes no change, so the opener is still there to take focus back.
    let escape = move || {
        ui.snapshot_form.set(None);
        ui.restore_focus();
    };
    let submit = {
        let vm = vm.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            refusal.set(None);
            let result = if cloning {
                app.clone_vm(&vm, &name.get_untracked()).map(drop)
            } else {
                let (name, description) = (name.get_untracked(), description.get_untracked());
                app.create_snapshot(NewSnapshot {
                    vm: &vm,
                    name: &name,
                    description: &description,
                })
                .map(drop)
            };
            match result {
                Ok(()) => close(),
                Err(error) => refusal.set(Some(error)),
            }
        }
    };
    let message =
        move || refusal.with(|refusal| refusal.as_ref().map(|error| language.get().error(error)));
    // The name is what is refused, unless the description is.
    let invalid = move || {
        refusal
            .with(|refusal| {
                refusal
                    .as_ref()
                    .is_some_and(|error| error.field_name() != Some("description"))
            })
            .then_some("true")
    };
    let name_label = if cloning {
        texts.label_clone_name
    } else {
        texts.label_snapshot_name
    };
    view! {
        <Modal
            id="snapshot"
            title=title.clone()
            first_focus="#snapshot-name"
            select=true
            on_escape=escape
        >
            <p class="muted" translate="no">{note}</p>
            <form class="config-form" aria-label=title novalidate on:submit=submit>
                <div class="field" class:invalid=move || refusal.with(Option::is_some)>
                    <label for="snapshot-name">{name_label}</label>
                    <input
                        id="snapshot-name"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        aria-invalid=invalid
                        aria-describedby=move || refusal.with(Option::is_some).then_some("snapshot-error")
                        prop:value=move || name.get()
                        on:input=move |event| name.set(event_target_value(&event))
                    />
                </div>
                {(!cloning).then(|| view! {
                    <div class="field">
                        <label for="snapshot-description">{texts.label_snapshot_description}</label>
                        <input
                            id="snapshot-description"
                            type="text"
                            autocomplete="off"
                            prop:value=move || description.get()
                            on:input=move |event| description.set(event_target_value(&event))
                        />
                    </div>
                })}
                {move || message().map(|text| view! {
                    <p class="field-error" id="snapshot-error" role="alert">{text}</p>
                })}
                <div class="form-actions">
                    <button type="submit" class="primary">
                        {if cloning { texts.clone } else { texts.take_snapshot }}
                    </button>
                    <button type="button" on:click=move |_| close()>
                        {texts.cancel}
                    </button>
                </div>
            </form>
        </Modal>
    }
    .into_any()
}
