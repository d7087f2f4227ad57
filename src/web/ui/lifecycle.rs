//! The lifecycle diagram: the state machine (Stopped, Running, Paused and the operations
//! between them) for the selected VM. Its current state is highlighted, legal transitions are
//! buttons, illegal ones are dimmed, and a transition that happens animates. With no VM
//! selected it shows the general machine.

use leptos::prelude::*;

use crate::i18n::fill;
use crate::manager::{Transition, VmState};
use crate::present::fold_case;
use crate::web::app::App;
use crate::web::language::Language;

/// Where each state's node sits in the 360 × 220 drawing. Whole numbers: an `f64` attribute
/// would bring the standard library's float formatting (~4 KB of gzip) into the page.
fn position(state: VmState) -> (i32, i32) {
    match state {
        VmState::Running => (180, 45),
        VmState::Stopped => (60, 175),
        VmState::Paused => (300, 175),
    }
}

/// The width a node's word is drawn in where it would not fit its node otherwise (Russian
/// "Приостановлена" is ~144 px at the node's 15 px bold, the node 104 px wide): narrower
/// glyphs, rather than a word running out of its node or a smaller one. Estimated from the
/// word's length (~10 px a letter at that size; the widest measured was 10.3), against the
/// node's width less 5 px each side: 94 px.
fn squeezed(word: &str) -> Option<&'static str> {
    (word.chars().count() * 10 > 94).then_some("94")
}

/// An edge of the machine: the operation, where it starts, and how it is drawn. Where it
/// ends is the core's answer ([`Edge::to`]), never restated here.
struct Edge {
    transition: Transition,
    from: VmState,
    /// The SVG path.
    path: &'static str,
    /// Where the label sits: beside its arrow, never on it.
    label_at: (i32, i32),
    /// How the label is anchored there ("start", "middle", "end"): away from the arrow.
    anchor: &'static str,
}

impl Edge {
    /// The state this edge leads to, by the core's lifecycle table (every edge drawn is a
    /// legal move; e2e `teaching.test.mjs` walks them).
    fn to(&self) -> VmState {
        self.from
            .after(self.transition)
            .expect("the diagram draws only legal moves")
    }
}

const EDGES: [Edge; 5] = [
    Edge {
        transition: Transition::Start,
        from: VmState::Stopped,
        path: "M 62 150 Q 70 70 138 50",
        label_at: (50, 92),
        anchor: "end",
    },
    Edge {
        transition: Transition::Stop,
        from: VmState::Running,
        path: "M 160 70 Q 120 120 92 160",
        label_at: (136, 142),
        anchor: "start",
    },
    Edge {
        transition: Transition::Pause,
        from: VmState::Running,
        path: "M 222 50 Q 290 70 298 150",
        label_at: (310, 92),
        anchor: "start",
    },
    Edge {
        transition: Transition::Resume,
        from: VmState::Paused,
        path: "M 268 160 Q 240 120 200 70",
        label_at: (224, 114),
        anchor: "end",
    },
    Edge {
        transition: Transition::Stop,
        from: VmState::Paused,
        path: "M 256 185 L 104 185",
        label_at: (180, 208),
        anchor: "middle",
    },
];

/// Whether focus is on one of the diagram's edges.
fn edge_has_focus() -> bool {
    document()
        .active_element()
        .is_some_and(|element| element.closest(".lc-edge").ok().flatten().is_some())
}

/// The edge just used is no button in the new state: give focus to a transition that is
/// legal now, so a keyboard user can go on around the machine.
fn focus_a_legal_edge() {
    super::after_updates(|| {
        if let Some(page) = document().document_element() {
            super::focus_first(&page, ".lifecycle .lc-edge.legal");
        }
    });
}

/// The diagram names an operation as the console does (`shutdown`, `suspend`).
fn operation_word(transition: Transition) -> &'static str {
    crate::console::virsh_name(transition)
}

/// The diagram for `vm` (or the general machine when `None`).
#[component]
pub fn Lifecycle(
    /// The selected VM, if any: its name and state.
    #[prop(into)]
    vm: Signal<Option<(String, VmState)>>,
) -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let texts = move || language.texts();
    let state = Memo::new(move |_| vm.with(|vm| vm.as_ref().map(|(_, state)| *state)));
    let name = Memo::new(move |_| vm.with(|vm| vm.as_ref().map(|(name, _)| name.clone())));
    // The last transition seen, to animate its edge; cleared when the animation ends.
    let fired = RwSignal::new(None::<(VmState, VmState)>);
    Effect::new(move |previous: Option<(Option<String>, Option<VmState>)>| {
        let now = (name.get(), state.get());
        if let Some((previous_name, Some(previous_state))) = previous {
            if previous_name == now.0 {
                if let Some(current) = now.1.filter(|current| *current != previous_state) {
                    fired.set(Some((previous_state, current)));
                    set_timeout(
                        move || fired.set(None),
                        std::time::Duration::from_millis(900),
                    );
                }
            }
        }
        now
    });
    // Whether an edge performed from the keyboard or a click had focus: once the diagram
    // shows the new state (after the frame that painted the row, see `Details`), focus moves
    // from it, no longer a button, to one that is.
    let refocus = StoredValue::new(false);
    Effect::new(move |shown_before: Option<()>| {
        state.track();
        if shown_before.is_some() && refocus.get_value() {
            refocus.set_value(false);
            focus_a_legal_edge();
        }
    });
    // An operation from anywhere (the selection follows it, see `Root`) animates its edge.
    Effect::new(move |_| {
        if let Some((from, to)) = app.operated.with(|operated| operated.as_ref()?.moved) {
            fired.set(Some((from, to)));
            set_timeout(
                move || fired.set(None),
                std::time::Duration::from_millis(900),
            );
        }
    });

    let label = move || match name.get() {
        Some(name) => fill(texts().lifecycle_of, &[("name", &name)]),
        None => texts().lifecycle.to_owned(),
    };
    let nodes = VmState::ALL
        .into_iter()
        .map(|node| {
            let (x, y) = position(node);
            let current = move || state.get() == Some(node);
            view! {
                <g
                    class="lc-node"
                    class:current=current
                    data-lifecycle-state=node.as_str()
                    aria-current=move || current().then_some("true")
                >
                    <rect x=x - 52 y=y - 20 width="104" height="40" rx="20" />
                    <text
                        x=x
                        y=y + 5
                        text-anchor="middle"
                        textLength=move || squeezed(texts().state(node))
                        lengthAdjust=move || squeezed(texts().state(node)).map(|_| "spacingAndGlyphs")
                    >
                        {move || texts().state(node)}
                    </text>
                </g>
            }
        })
        .collect_view();
    let edges = EDGES
        .iter()
        .map(|edge| {
            let (transition, from, to) = (edge.transition, edge.from, edge.to());
            let legal = move || state.get() == Some(from);
            let word = operation_word(transition);
            let aria_label = move || {
                name.get().map(|name| {
                    let texts = texts();
                    fill(
                        texts.lifecycle_edge,
                        &[
                            ("op", &word),
                            ("name", &name),
                            ("from", &texts.state(from)),
                            ("to", &texts.state(to)),
                        ],
                    )
                })
            };
            let perform = move || {
                if legal() {
                    if let Some(name) = name.get_untracked() {
                        let had_focus = edge_has_focus();
                        let moved = app.transition(&name, transition).is_ok();
                        refocus.set_value(had_focus && moved);
                    }
                }
            };
            view! {
                <g
                    class="lc-edge"
                    class:legal=legal
                    class:dimmed=move || state.get().is_some() && !legal()
                    class:fired=move || fired.get() == Some((from, to))
                    data-lifecycle-transition=format!("{}-{}", from.as_str(), to.as_str())
                    role=move || legal().then_some("button")
                    tabindex=move || legal().then_some("0")
                    aria-label=move || legal().then(aria_label).flatten()
                    on:click=move |_| perform()
                    on:keydown=move |event| {
                        if event.key() == "Enter" || event.key() == " " {
                            event.prevent_default();
                            perform();
                        }
                    }
                >
                    <path d=edge.path marker-end="url(#lc-arrow)" />
                    <text x=edge.label_at.0 y=edge.label_at.1 text-anchor=edge.anchor>
                        {word}
                    </text>
                </g>
            }
        })
        .collect_view();
    let description = move || match (name.get(), state.get()) {
        (Some(name), Some(current)) => {
            let moves: Vec<String> = EDGES
                .iter()
                .filter(|edge| edge.from == current)
                .map(|edge| {
                    fill(
                        texts().lifecycle_move,
                        &[
                            ("op", &operation_word(edge.transition)),
                            ("to", &texts().state(edge.to())),
                        ],
                    )
                })
                .collect();
            fill(
                texts().lifecycle_sentence,
                &[
                    ("name", &name),
                    ("state", &fold_case(texts().state(current))),
                    ("moves", &moves.join(", ")),
                ],
            )
        }
        _ => texts().lifecycle_intro.to_owned(),
    };

    view! {
        <figure class="lifecycle">
            <svg viewBox="-50 0 460 220" role="group" aria-label=label aria-describedby="lifecycle-text">
                <defs>
                    <marker id="lc-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" />
                    </marker>
                </defs>
                {edges}
                {nodes}
            </svg>
            <figcaption id="lifecycle-text">{description}</figcaption>
        </figure>
    }
}
