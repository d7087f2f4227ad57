//! One VM in the list: name, state badge, config, pending changes, actions, and the core's
//! message when it refuses an action.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::confirm_dialog::{ActionStyle, Confirmation, DialogAction};
use super::vm_list::RowSelection;
use super::Ui;
use crate::console::{self, virsh_name, Command};
use crate::event_log::Source;
use crate::i18n::{fill, parts, Lang, Part};
use crate::manager::{Refusal, Transition, VmConfig, VmState};
use crate::present::fold_case;
use crate::web::app::{now, App, Line, LineKind, Row};
use crate::web::language::Language;

/// A row of the list. Everything in it reads the row's own signals, so a change to this VM
/// updates this row's DOM only.
///
/// Rows are kept lean because 10,000 of them are built at start-up: no `type="button"` (no
/// row is inside a form), no class a style doesn't use, the badge takes its colour from the
/// row's `data-state`, and no button has a listener of its own: each says what it does in
/// `data-action`, and the list's one listener ([`on_row_click`]) acts on it. (Eight
/// listeners per row were an eighth of the start-up at 10,000 VMs and 40% of narrowing a
/// filter from 10,000 rows to 1,000, adding and removing them.)
#[component]
pub fn VmRow(
    row: Row,
    /// Which VM is selected; notifies only the rows whose selection changed.
    selection: RowSelection,
) -> impl IntoView {
    let name: Arc<str> = row.name.clone();
    let info = row.info.clone();
    let state = Memo::new({
        let info = info.clone();
        move |_| info.with(|info| info.state)
    });
    let config = Memo::new({
        let info = info.clone();
        move |_| info.with(|info| info.config.clone())
    });
    let pending = Memo::new({
        let info = info.clone();
        move |_| info.with(|info| info.pending.clone())
    });
    let error = row.error.clone();
    // Untracked: the list rebuilds its rows when the language changes.
    let lang = expect_context::<Language>().get_untracked();
    let texts = lang.texts();
    let selected = {
        let name = name.clone();
        move || selection.is_selected(&name)
    };

    view! {
        <div
            role="listitem"
            class="vm"
            aria-current=move || selected().then_some("true")
            data-vm=name.to_string()
            data-state=move || state.get().as_str()
        >
            <div class="vm-head">
                <button
                    class="vm-name link"
                    translate="no"
                    aria-label=fill(texts.show_details_of, &[("name", &name)])
                    data-action=RowAction::Details.as_str()
                >
                    {name.to_string()}
                </button>
                <span class="badge">
                    {move || texts.state(state.get())}
                </span>
            </div>
            {move || config.with(|config| specs(lang, config))}
            {
                let name = name.clone();
                move || {
                    pending.get().map(|pending| view! { <PendingNotice name=name.clone() current=config pending lang /> })
                }
            }
            {move || error.get().map(|message| view! { <p class="row-error" role="alert">{message}</p> })}
            <div class="actions">
                // One effect redraws the four buttons when the state changes (tachys updates
                // the same elements, so focus stays), instead of two per button: at 10,000
                // rows that is 70,000 effects fewer and a tenth of the start-up (measured).
                {
                    let name = name.clone();
                    move || {
                        let state = state.get();
                        (
                            Transition::ALL.map(|transition| transition_button(lang, &name, state, transition)),
                            extra_button(lang, &name, state, RowAction::Reboot),
                            extra_button(lang, &name, state, RowAction::ForceOff),
                        )
                    }
                }
                <button aria-label=fill(texts.edit_vm, &[("name", &name)]) data-action=RowAction::Edit.as_str()>
                    {texts.action_edit}
                </button>
                <span class="action delete-action">
                    <button class="delete" aria-label=fill(texts.delete_vm, &[("name", &name)]) data-action=RowAction::Delete.as_str()>
                        {texts.action_delete}
                    </button>
                    {command_beside(texts.action_delete, "undefine")}
                </span>
            </div>
        </div>
    }
}

/// The config at a glance; rebuilt only when the config changes. The network and the ISO
/// path are user data: marked `translate="no"`.
///
/// Words and numbers between the user data go in as one text node each: a text node per
/// piece of the template was 7 more nodes per row to create and insert, 70,000 at 10,000 VMs.
fn specs(lang: Lang, config: &VmConfig) -> impl IntoView + use<> {
    let texts = lang.texts();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut user_data = |text: &mut String, data: &str| {
        if !text.is_empty() {
            pieces.push(std::mem::take(text).into_any());
        }
        pieces.push(view! { <span translate="no">{data.to_owned()}</span> }.into_any());
    };
    for part in parts(texts.specs) {
        match part {
            Part::Text(words) => text.push_str(words),
            Part::Arg("memory") => text.push_str(&lang.memory(config.memory)),
            Part::Arg("vcpus") => text.push_str(&lang.number(u64::from(config.vcpus))),
            Part::Arg("disk") => text.push_str(&lang.gigabytes(config.disk_size)),
            Part::Arg("network") => user_data(&mut text, &config.network),
            Part::Arg("iso") => match &config.iso_image {
                Some(iso) => user_data(&mut text, iso),
                None => text.push_str(texts.no_value),
            },
            Part::Arg(other) => text.push_str(other),
        }
    }
    pieces.push(text.into_any());
    view! { <p class="specs">{pieces}</p> }
}

#[component]
fn PendingNotice(
    name: Arc<str>,
    current: Memo<VmConfig>,
    pending: VmConfig,
    lang: Lang,
) -> impl IntoView {
    let texts = lang.texts();
    let changes = move || {
        current
            .with(|current| lang.config_changes(current, &pending))
            .join(", ")
    };
    view! {
        <div class="pending">
            <p>
                <strong>{texts.pending_heading}</strong>
                {changes}
            </p>
            <button
                class="small"
                aria-label=fill(texts.discard_pending_of, &[("name", &name)])
                data-action=RowAction::Discard.as_str()
            >
                {texts.action_discard}
            </button>
        </div>
    }
}

/// The virsh command a button runs, shown right after the button where it differs from the
/// button's word ("Stop `shutdown`"), so that every view names an operation the same way.
/// It sits beside the button, not inside: a button's accessible name ("Stop web-01") has to
/// contain all the text the button shows (WCAG 2.5.3, Label in Name), so that someone using
/// speech input can say what they see.
fn command_beside(word: &'static str, command: &'static str) -> impl IntoView + use<> {
    let differs = fold_case(word) != command;
    differs.then(|| view! { <code class="virsh" translate="no">{command}</code> })
}

/// What each row action of the lifecycle needs: its word, accessible name, virsh command and
/// why it is refused in `state`, if it is. `None` for the actions that are no lifecycle step.
pub(super) fn lifecycle_action(
    lang: Lang,
    action: RowAction,
    state: VmState,
) -> Option<(&'static str, &'static str, &'static str, Option<Refusal>)> {
    let texts = lang.texts();
    Some(match action {
        RowAction::Transition(transition) => (
            texts.transition(transition),
            texts.transition_vm(transition),
            virsh_name(transition),
            transition.operation().refusal(state),
        ),
        // Reboot: a running VM only; Force off: a running or paused one (as Stop).
        RowAction::Reboot => (
            texts.action_reboot,
            texts.reboot_vm,
            "reboot",
            (state != VmState::Running).then_some(Refusal::NotRunning),
        ),
        RowAction::ForceOff => (
            texts.action_force_off,
            texts.force_off_vm,
            "destroy",
            Transition::Stop.operation().refusal(state),
        ),
        _ => return None,
    })
}

/// The lifecycle actions a row shows, in order.
pub(super) const LIFECYCLE_ACTIONS: [RowAction; 6] = [
    RowAction::Transition(Transition::Start),
    RowAction::Transition(Transition::Stop),
    RowAction::Transition(Transition::Pause),
    RowAction::Transition(Transition::Resume),
    RowAction::Reboot,
    RowAction::ForceOff,
];

fn transition_button(
    lang: Lang,
    name: &str,
    state: VmState,
    transition: Transition,
) -> impl IntoView {
    extra_button(lang, name, state, RowAction::Transition(transition))
}

/// A lifecycle button: disabled, with the reason as its title, where the state refuses it
/// (the details panel shows the reason as text too, for touch screens and projectors).
fn extra_button(lang: Lang, name: &str, state: VmState, action: RowAction) -> impl IntoView {
    let texts = lang.texts();
    let (word, label, command, refusal) =
        lifecycle_action(lang, action, state).expect("a lifecycle action");
    let title = refusal.map(|refusal| {
        fill(
            texts.cant_do,
            &[
                ("action", &fold_case(word)),
                ("name", &name),
                ("reason", &texts.refusal(refusal)),
            ],
        )
    });
    view! {
        <span class="action">
            <button
                aria-label=fill(label, &[("name", &name)])
                disabled=refusal.is_some()
                title=title
                data-action=action.as_str()
            >
                {word}
            </button>
            {command_beside(word, command)}
        </span>
    }
}

/// Where the details panel sits below the list (narrow screens), brings it into view.
fn show_details_panel() {
    request_animation_frame(|| {
        let Some(panel) = document().query_selector(".details").ok().flatten() else {
            return;
        };
        let top = panel.get_bounding_client_rect().top();
        let height = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        if top > height || top < 0.0 {
            panel.scroll_into_view();
        }
    });
}

/// A button that was just used and is now disabled (Stop on a VM that stopped) would drop
/// focus to the page: move it to the row's first enabled action instead.
fn keep_focus_in_row(button: web_sys::HtmlButtonElement) {
    if document().active_element().as_ref() != Some(button.as_ref()) {
        return;
    }
    super::after_updates(move || {
        if !button.disabled() {
            return;
        }
        if let Some(actions) = button.closest(".actions").ok().flatten() {
            super::focus_first(&actions, "button:not([disabled])");
        }
    });
}

/// What a row's button does, as its `data-action` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RowAction {
    Details,
    Transition(Transition),
    Reboot,
    ForceOff,
    Edit,
    Delete,
    Discard,
}

impl RowAction {
    const ALL: [RowAction; 10] = [
        RowAction::Reboot,
        RowAction::ForceOff,
        RowAction::Details,
        RowAction::Transition(Transition::Start),
        RowAction::Transition(Transition::Stop),
        RowAction::Transition(Transition::Pause),
        RowAction::Transition(Transition::Resume),
        RowAction::Edit,
        RowAction::Delete,
        RowAction::Discard,
    ];

    fn as_str(self) -> &'static str {
        match self {
            RowAction::Details => "details",
            RowAction::Transition(transition) => transition.operation().verb(),
            RowAction::Reboot => "reboot",
            RowAction::ForceOff => "destroy",
            RowAction::Edit => "edit",
            RowAction::Delete => "delete",
            RowAction::Discard => "discard",
        }
    }

    fn parse(text: &str) -> Option<RowAction> {
        RowAction::ALL
            .into_iter()
            .find(|action| action.as_str() == text)
    }
}

/// The list's one click listener: finds the row button that was clicked (a click, or Enter
/// or Space on a focused button) and does what its `data-action` says to its row's VM.
pub(super) fn on_row_click(app: App, ui: Ui, event: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(button) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("button[data-action]").ok().flatten())
    else {
        return;
    };
    let action = button
        .get_attribute("data-action")
        .and_then(|action| RowAction::parse(&action));
    let name = button
        .closest("[data-vm]")
        .ok()
        .flatten()
        .and_then(|row| row.get_attribute("data-vm"));
    let (Some(action), Some(name)) = (action, name) else {
        return;
    };
    match action {
        RowAction::Details => {
            ui.selected.set(Some(name));
            show_details_panel();
        }
        RowAction::Transition(transition) => {
            let _ = app.transition(&name, transition);
            if let Ok(button) = button.dyn_into::<web_sys::HtmlButtonElement>() {
                keep_focus_in_row(button);
            }
        }
        RowAction::Edit => {
            ui.remember_focus();
            ui.editing.set(Some(name));
        }
        RowAction::Reboot => run_as_click(app, Command::Reboot(name)),
        RowAction::ForceOff => confirm_force_off(app, ui, name),
        RowAction::Delete => confirm_delete(app, ui, name),
        RowAction::Discard => {
            let _ = app.discard_pending(&name);
        }
    }
}

/// Runs `command` for a click through the console's own code (so that Reboot and Force off
/// do exactly what `reboot` and `destroy` do), printing the command it amounts to in the
/// console and logging it as the GUI's. The console's code is in the chunk of the parts below
/// the first screen (fetched when the browser is idle after the first render, so normally
/// there before a click): the command runs once it is.
fn run_as_click(app: App, command: Command) {
    leptos::task::spawn_local(async move {
        if let Err(error) = run_command(app, command).await {
            leptos::logging::error!("{error}");
        }
    });
}

/// [`run_as_click`]'s work, in the console's chunk.
#[wasm_split(below_first_screen, wasm_split_path = ::leptos::wasm_split, fallible)]
fn run_command(app: App, command: Command) -> Result<(), SplitLoaderError> {
    let line = format!("# virsh {}", command.to_line());
    let output = app.run_console(|| console::execute(&command, &app));
    if let Some(record) = &output.record {
        app.log(record.to_event(now(), Source::Gui));
    }
    let mut printed = vec![Line {
        kind: LineKind::Mirror,
        text: line,
    }];
    if output.error {
        printed.extend(output.lines.into_iter().map(|text| Line {
            kind: LineKind::Error,
            text,
        }));
    }
    app.print(printed);
    Ok(())
}

/// Asks before forcing `name` off: on a real host the guest loses its unsaved work.
fn confirm_force_off(app: App, ui: Ui, name: String) {
    let texts = expect_context::<Language>().texts_untracked();
    let target = name.clone();
    ui.confirm(Confirmation {
        title: fill(texts.force_off_title, &[("name", &name)]),
        body: vec![fill(texts.force_off_body, &[("name", &name)])],
        actions: vec![DialogAction::new(
            texts.action_force_off,
            ActionStyle::Danger,
            move || run_as_click(app, Command::Destroy(target.clone())),
        )],
    });
}

/// Asks before deleting `name`, saying that a running VM will be forced off.
fn confirm_delete(app: App, ui: Ui, name: String) {
    let (state, snapshots) = app
        .find(&name)
        .map(|row| {
            row.info
                .with_untracked(|info| (info.state, info.snapshots.len()))
        })
        .unzip();
    let texts = expect_context::<Language>().texts_untracked();
    let mut body = vec![fill(texts.delete_body, &[("name", &name)])];
    // The dialog is the explicit choice libvirt asks for (`undefine --snapshots-metadata`):
    // it says how many snapshots go, and the Delete button takes them.
    let snapshots = snapshots.unwrap_or(0);
    if snapshots > 0 {
        let lang = expect_context::<Language>().get_untracked();
        body.push(fill(
            texts
                .delete_snapshots_too
                .pick(lang.plural_form(snapshots as u64)),
            &[("n", &snapshots)],
        ));
    }
    if let Some(state) = state.filter(|state| state.is_active()) {
        body.push(fill(
            texts.delete_forced_off,
            &[
                ("name", &name),
                ("state", &crate::present::fold_case(texts.state(state))),
            ],
        ));
    }
    let target = name.clone();
    ui.confirm(Confirmation {
        title: fill(texts.delete_title, &[("name", &name)]),
        body,
        actions: vec![DialogAction::new(
            texts.action_delete,
            ActionStyle::Danger,
            move || {
                let _ = app.delete(&target, snapshots > 0);
            },
        )],
    });
}
