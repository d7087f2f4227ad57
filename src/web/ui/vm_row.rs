//! One VM in the list: name, state badge, config, pending changes, actions, and the core's
//! message when it refuses an action.

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::confirm_dialog::{ActionStyle, Confirmation, DialogAction};
use super::vm_list::RowSelection;
use super::{create_element, Ui};
use crate::console::{self, virsh_name, Command};
use crate::event_log::Source;
use crate::i18n::{fill, parts, Lang, Part};
use crate::manager::{Refusal, Transition, VmConfig, VmError, VmState};
use crate::present::{escape_markup, fold_case};
use crate::web::app::{now, App, Line, LineKind, Row};
use crate::web::language::Language;

/// A row of the list, built by cloning a prototype for its state and language and patched by
/// hand where the VM changes, so that a change to this VM updates this row's DOM only.
///
/// Rows are built this way because 10,000 of them are built at start-up and after a script's
/// bulk create: the same row through `view!` took ~100 calls from wasm into the DOM (an
/// element, attribute, text node or marker each); a clone takes one, and the name-dependent
/// attributes a dozen more. The row's DOM is the same as ever: no `type="button"` (no row is
/// inside a form), no class a style doesn't use, the badge takes its colour from the row's
/// `data-state`, and no button has a listener of its own: each says what it does in
/// `data-action`, and the list's one listener ([`on_row_click`]) acts on it.
///
/// A row has no effect of its own: its chunk (`vm_list::VmChunk`) follows its rows' VMs and
/// calls [`RowView::refresh`] (an effect a row, with its owner, channel and task, was ~5% of
/// building 10,000 rows).
pub(super) struct RowView {
    element: web_sys::Element,
    row: Row,
    /// Read untracked: the list rebuilds its rows when the language changes.
    lang: Lang,
    /// What the row shows; `None` until the first refresh.
    shown: Option<RowShown>,
}

/// What a row shows: of its VM, whether it is selected, and the error it shows (the message
/// and its element).
struct RowShown {
    shown: Shown,
    selected: bool,
    error: Option<(VmError, web_sys::Element)>,
}

/// What a row shows of its VM, to tell what changed.
#[derive(Clone, PartialEq)]
struct Shown {
    state: VmState,
    config: VmConfig,
    pending: Option<VmConfig>,
}

impl Shown {
    /// Whether this is what `info` would show, without a copy of it.
    fn is_of(&self, info: &crate::manager::VmInfo) -> bool {
        self.state == info.state && self.config == info.config && self.pending == info.pending
    }
}

impl RowView {
    /// The row of `row`'s VM, with the words of `lang`: a clone of its prototype with its name
    /// and specs, showing the rest after its first [`RowView::refresh`].
    pub(super) fn new(row: Row, lang: Lang) -> RowView {
        // The name and the specs, in the order `fillRow` reads them; the rest of the row comes
        // from its prototype. The config is read in place.
        let (state, has_iso, fields) = row.info.with_untracked(|info| {
            // Room for the specs' pieces: the string is not grown as they come.
            let mut fields = String::with_capacity(row.name.len() + 128);
            fields.push_str(&row.name);
            for (_, text) in specs_segments(lang, &info.config) {
                fields.push_str(FIELD_SEPARATOR);
                fields.push_str(&text);
            }
            (info.state, info.config.iso_image.is_some(), fields)
        });
        let element = with_prototype(lang, state, has_iso, |prototype| {
            fill_row(prototype, &fields)
        });
        RowView {
            element,
            row,
            lang,
            shown: None,
        }
    }

    /// The row's element.
    pub(super) fn element(&self) -> &web_sys::Element {
        &self.element
    }

    /// The name of the row's VM.
    pub(super) fn name(&self) -> &str {
        &self.row.name
    }

    /// Whether this is the row of `row`'s VM: its name, and the same VM, not one deleted and
    /// made again under that name (that one has signals of its own).
    pub(super) fn shows(&self, row: &Row) -> bool {
        self.row.name == row.name && self.row.info == row.info
    }

    /// Brings the row up to date with its VM, its selection and its error, reading them
    /// tracked (the caller's effect follows them).
    pub(super) fn refresh(&mut self, selection: RowSelection) {
        let RowView {
            element,
            row,
            lang,
            shown: previous,
        } = self;
        let name = &row.name;
        let (previous_shown, was_selected, previous_error) = match previous.take() {
            Some(RowShown {
                shown,
                selected,
                error,
            }) => (Some(shown), selected, error),
            None => (None, false, None),
        };
        let shown = row.info.with(|info| match previous_shown {
            Some(shown) if shown.is_of(info) => shown,
            previous_shown => {
                let shown = Shown {
                    state: info.state,
                    config: info.config.clone(),
                    pending: info.pending.clone(),
                };
                show_changes(element, *lang, name, previous_shown.as_ref(), &shown);
                shown
            }
        });
        let selected = selection.is_selected(name);
        if was_selected != selected {
            let _ = if selected {
                element.set_attribute("aria-current", "true")
            } else {
                element.remove_attribute("aria-current")
            };
        }
        // The app sets a row's error only when its message changes.
        let refused = row.error.get();
        let error = match previous_error {
            Some((shown, alert)) if Some(&shown) == refused.as_ref() => Some((shown, alert)),
            previous_error => {
                if let Some((_, alert)) = previous_error {
                    alert.remove();
                }
                refused.map(|refused| {
                    let alert = create_element("p");
                    alert.set_class_name("row-error");
                    let _ = alert.set_attribute("role", "alert");
                    alert.set_text_content(Some(&lang.error(&refused)));
                    insert_before_actions(element, &alert);
                    (refused, alert)
                })
            }
        };
        *previous = Some(RowShown {
            shown,
            selected,
            error,
        });
    }
}

/// Brings a row up to date with its VM: everything that differs from what it showed (all of
/// it, the first time, beyond what the prototype has).
fn show_changes(
    element: &web_sys::Element,
    lang: Lang,
    name: &str,
    previous: Option<&Shown>,
    shown: &Shown,
) {
    let texts = lang.texts();
    if let Some(previous) = previous.filter(|previous| previous.state != shown.state) {
        let state = shown.state;
        let _ = element.set_attribute("data-state", state.as_str());
        if let Some(badge) = element.query_selector(".badge").ok().flatten() {
            // Its text node rewritten: one change for the browser (and a script's
            // MutationObserver), not a node removed and another added.
            match badge.first_child() {
                Some(word) => word.set_node_value(Some(texts.state(state))),
                None => badge.set_text_content(Some(texts.state(state))),
            }
        }
        // The actions' own buttons, the row's last child: a pending-changes notice before
        // them has a button of its own.
        let buttons = element
            .last_element_child()
            .map(|actions| actions.get_elements_by_tag_name("button"));
        for (index, action) in LIFECYCLE_ACTIONS.into_iter().enumerate() {
            let Some(button) = buttons
                .as_ref()
                .and_then(|buttons| buttons.item(index as u32))
            else {
                continue;
            };
            let before = refusal_title(lang, name, previous.state, action);
            let after = refusal_title(lang, name, state, action);
            if before == after {
                continue;
            }
            // Attributes of the same elements: focus stays where it was.
            let _ = match &after {
                Some(title) => button
                    .set_attribute("disabled", "")
                    .and_then(|()| button.set_attribute("title", title)),
                None => button
                    .remove_attribute("disabled")
                    .and_then(|()| button.remove_attribute("title")),
            };
        }
    }
    // The first time, `fillRow` has written them.
    if previous.is_some_and(|previous| previous.config != shown.config) {
        // The specs are the row's second child, whatever follows them (a selector query per
        // row was ~5% of building 10,000 rows).
        if let Some(specs) = element.children().item(1) {
            specs.set_inner_html(&specs_html(specs_segments(lang, &shown.config)));
        }
    }
    if previous
        .is_none_or(|previous| previous.pending != shown.pending || previous.config != shown.config)
    {
        if previous.is_some() {
            if let Some(notice) = element.query_selector(".pending").ok().flatten() {
                notice.remove();
            }
        }
        if let Some(pending) = &shown.pending {
            // Before the row's error, if it shows one: the order `view!` rows had.
            let notice = pending_notice(lang, name, &shown.config, pending);
            match element.query_selector(".row-error").ok().flatten() {
                Some(error) => {
                    let _ = element.insert_before(&notice, Some(&error));
                }
                None => insert_before_actions(element, &notice),
            }
        }
    }
}

/// Why `action` is refused to the VM `name` in `state`, as its button's title; `None` where
/// the button is enabled.
fn refusal_title(lang: Lang, name: &str, state: VmState, action: RowAction) -> Option<String> {
    let texts = lang.texts();
    let (word, _, _, refusal) = lifecycle_action(lang, action, state)?;
    refusal.map(|refusal| {
        fill(
            texts.cant_do,
            &[
                ("action", &fold_case(word)),
                ("name", &name),
                ("reason", &texts.refusal(refusal)),
            ],
        )
    })
}

/// Runs `then` with the prototype of a row of a VM in `state`, with an ISO image or without,
/// in `lang` (see [`add_prototype`]), built once per language.
fn with_prototype<T>(lang: Lang, state: VmState, has_iso: bool, then: impl FnOnce(u32) -> T) -> T {
    thread_local! {
        static PROTOTYPES: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
    }
    // Prototypes are numbered state by state, without an ISO image first.
    let index = |state: VmState, has_iso: bool| {
        let position = VmState::ALL
            .iter()
            .position(|candidate| *candidate == state)
            .unwrap_or(0);
        (2 * position + usize::from(has_iso)) as u32
    };
    if PROTOTYPES.get() != Some(lang) {
        forget_prototypes();
        for state in VmState::ALL {
            for has_iso in [false, true] {
                let added = add_prototype(
                    &prototype_html(lang, state, has_iso),
                    &prototype_slots(lang, state),
                );
                debug_assert_eq!(added, index(state, has_iso));
            }
        }
        PROTOTYPES.set(Some(lang));
    }
    then(index(state, has_iso))
}

/// Separates the fields `fillRow` takes in one string, and a prototype's slots: a control
/// character, which no name, path, network or catalogue text holds (text fields refuse them,
/// and a native test reads the catalogues).
const FIELD_SEPARATOR: &str = "\u{1}";
/// Separates a slot's button, attribute and text.
const SLOT_SEPARATOR: &str = "\u{2}";
/// Where a slot's text takes the VM's name.
const NAME_HOLE: &str = "\u{3}";

// One call into JavaScript per row, and nothing per row that is the same for every VM in a
// state: the clone and its attributes from wasm were ~25 calls through the glue a row (~20 µs
// of every row's ~80, CPU profile, 10,000 rows), and the specs as HTML were parsed per row.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
const prototypes = [];
export function forgetPrototypes() {
  prototypes.length = 0;
}
export function addPrototype(html, slots) {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  prototypes.push([holder.firstElementChild, slots.split('\u0001').map((slot) => {
    const [button, attribute, text] = slot.split('\u0002');
    return [Number(button), attribute, text.split('\u0003')];
  })]);
  return prototypes.length - 1;
}
export function fillRow(index, joined) {
  const [prototype, slots] = prototypes[index];
  const fields = joined.split('\u0001');
  const name = fields[0];
  const row = prototype.cloneNode(true);
  row.setAttribute('data-vm', name);
  const buttons = row.getElementsByTagName('button');
  buttons[0].textContent = name;
  for (const [button, attribute, parts] of slots) {
    buttons[button].setAttribute(attribute, parts.join(name));
  }
  let piece = row.children[1].firstChild;
  for (let i = 1; i < fields.length; i += 1, piece = piece.nextSibling) {
    piece.textContent = fields[i];
  }
  return row;
}
"#)]
extern "C" {
    /// Forgets the prototypes added so far (the language changed).
    #[wasm_bindgen::prelude::wasm_bindgen(js_name = forgetPrototypes)]
    fn forget_prototypes();

    /// Adds the row of `html` as a prototype, with its `slots` (see [`prototype_slots`]), and
    /// returns its number.
    #[wasm_bindgen::prelude::wasm_bindgen(js_name = addPrototype)]
    fn add_prototype(html: &str, slots: &str) -> u32;

    /// A clone of prototype `prototype` for the VM whose name and specs' pieces are `joined`
    /// (see [`RowView::new`]): the name where the slots say, the pieces in the specs' nodes.
    #[wasm_bindgen::prelude::wasm_bindgen(js_name = fillRow)]
    fn fill_row(prototype: u32, joined: &str) -> web_sys::Element;
}

/// The attributes of a prototype's buttons that hold the VM's name, as `fillRow` reads them:
/// a button's number, the attribute and its text with [`NAME_HOLE`] for the name, slot after
/// slot.
fn prototype_slots(lang: Lang, state: VmState) -> String {
    let texts = lang.texts();
    let mut slots = vec![(
        0,
        "aria-label",
        fill(texts.show_details_of, &[("name", &NAME_HOLE)]),
    )];
    for (index, action) in LIFECYCLE_ACTIONS.into_iter().enumerate() {
        let (_, label, _, _) = lifecycle_action(lang, action, state).expect("a lifecycle action");
        slots.push((
            1 + index,
            "aria-label",
            fill(label, &[("name", &NAME_HOLE)]),
        ));
        if let Some(title) = refusal_title(lang, NAME_HOLE, state, action) {
            slots.push((1 + index, "title", title));
        }
    }
    let edit = 1 + LIFECYCLE_ACTIONS.len();
    slots.push((
        edit,
        "aria-label",
        fill(texts.edit_vm, &[("name", &NAME_HOLE)]),
    ));
    slots.push((
        edit + 1,
        "aria-label",
        fill(texts.delete_vm, &[("name", &NAME_HOLE)]),
    ));
    slots
        .into_iter()
        .map(|(button, attribute, text)| {
            format!("{button}{SLOT_SEPARATOR}{attribute}{SLOT_SEPARATOR}{text}")
        })
        .collect::<Vec<_>>()
        .join(FIELD_SEPARATOR)
}

/// The HTML of a prototype row: a row without its VM's name (`data-vm`, the name, the
/// accessible names and titles) or config (the specs' pieces hold a space).
fn prototype_html(lang: Lang, state: VmState, has_iso: bool) -> String {
    let texts = lang.texts();
    // The pieces' nodes as a config with an ISO image or without has them.
    let shape = VmConfig {
        iso_image: has_iso.then(String::new),
        ..VmConfig::default()
    };
    let specs = specs_html(
        specs_segments(lang, &shape)
            .into_iter()
            .map(|(user_data, _)| (user_data, " ".to_string())),
    );
    let mut html = format!(
        r#"<div role="listitem" class="vm" data-state="{state}"><div class="vm-head"><button class="vm-name link" translate="no" data-action="{details}"></button><span class="badge">{badge}</span></div><p class="specs">{specs}</p><div class="actions">"#,
        state = state.as_str(),
        details = RowAction::Details.as_str(),
        badge = escape_markup(texts.state(state)),
    );
    for action in LIFECYCLE_ACTIONS {
        let (word, _, command, refusal) =
            lifecycle_action(lang, action, state).expect("a lifecycle action");
        let command = command_beside_html(word, command);
        // A button and its command kept together when the row wraps; a button alone needs
        // no wrapper (a row is cloned 10,000 times: every node counts).
        if !command.is_empty() {
            html.push_str(r#"<span class="action">"#);
        }
        html.push_str("<button");
        if refusal.is_some() {
            html.push_str(r#" disabled="""#);
        }
        html.push_str(&format!(
            r#" data-action="{}">{}</button>"#,
            action.as_str(),
            escape_markup(word)
        ));
        if !command.is_empty() {
            html.push_str(&command);
            html.push_str("</span>");
        }
    }
    html.push_str(&format!(
        r#"<button data-action="{edit}">{edit_word}</button><span class="action delete-action"><button class="delete" data-action="{delete}">{delete_word}</button>{command}</span></div></div>"#,
        edit = RowAction::Edit.as_str(),
        edit_word = escape_markup(texts.action_edit),
        delete = RowAction::Delete.as_str(),
        delete_word = escape_markup(texts.action_delete),
        command = command_beside_html(texts.action_delete, "undefine"),
    ));
    html
}

/// The config at a glance, in pieces: text, or user data (the network, the ISO path), which
/// is marked `translate="no"`. Text and the values in words run together in one piece, so a
/// row's specs are a few nodes, the same few for every config with an ISO image (or without).
fn specs_segments(lang: Lang, config: &VmConfig) -> Vec<(bool, String)> {
    let texts = lang.texts();
    let mut segments: Vec<(bool, String)> = Vec::with_capacity(4);
    for part in parts(texts.specs) {
        let (user_data, piece) = match part {
            Part::Text(words) => (false, words.into()),
            Part::Arg("memory") => (false, lang.memory(config.memory).into()),
            Part::Arg("vcpus") => (false, lang.number(u64::from(config.vcpus)).into()),
            Part::Arg("disk") => (false, lang.gigabytes(config.disk_size).into()),
            Part::Arg("network") => (true, config.network.as_str().into()),
            Part::Arg("iso") => match &config.iso_image {
                Some(iso) => (true, iso.as_str().into()),
                None => (false, texts.no_value.into()),
            },
            Part::Arg(other) => (false, other.into()),
        };
        let piece: std::borrow::Cow<str> = piece;
        match segments.last_mut() {
            Some((false, text)) if !user_data => text.push_str(&piece),
            _ => segments.push((user_data, piece.into_owned())),
        }
    }
    segments
}

/// The specs' pieces as HTML.
fn specs_html(segments: impl IntoIterator<Item = (bool, String)>) -> String {
    let mut html = String::new();
    for (user_data, text) in segments {
        if user_data {
            html.push_str(&format!(
                r#"<span translate="no">{}</span>"#,
                escape_markup(&text)
            ));
        } else {
            html.push_str(&escape_markup(&text));
        }
    }
    html
}

/// The notice of a running VM's changes that wait for its next boot, with its Discard button.
fn pending_notice(
    lang: Lang,
    name: &str,
    current: &VmConfig,
    pending: &VmConfig,
) -> web_sys::Element {
    let texts = lang.texts();
    let notice = create_element("div");
    notice.set_class_name("pending");
    notice.set_inner_html(&format!(
        r#"<p><strong>{heading}</strong>{changes}</p><button class="small" aria-label="{label}" data-action="{action}">{word}</button>"#,
        heading = escape_markup(texts.pending_heading),
        changes = escape_markup(&lang.config_changes(current, pending).join(", ")),
        label = escape_markup(&fill(texts.discard_pending_of, &[("name", &name)])),
        action = RowAction::Discard.as_str(),
        word = escape_markup(texts.action_discard),
    ));
    notice
}

/// Puts `child` right before the row's actions (after the specs, a pending notice first).
fn insert_before_actions(row: &web_sys::Element, child: &web_sys::Element) {
    let actions = row.query_selector(".actions").ok().flatten();
    let _ = row.insert_before(child, actions.as_ref().map(AsRef::as_ref));
}

/// The virsh command a button runs, shown right after the button where it differs from the
/// button's word ("Stop `shutdown`"), so that every view names an operation the same way.
/// It sits beside the button, not inside: a button's accessible name ("Stop web-01") has to
/// contain all the text the button shows (WCAG 2.5.3, Label in Name), so that someone using
/// speech input can say what they see.
fn command_beside_html(word: &str, command: &str) -> String {
    if fold_case(word) != command {
        format!(r#"<code class="virsh" translate="no">{command}</code>"#)
    } else {
        String::new()
    }
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
