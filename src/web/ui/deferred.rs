//! Parts of the page whose code is not in the first download: each is a function marked
//! `#[wasm_split(…)]`, which the build (`scripts/split.mjs`) moves into a wasm chunk of its
//! own, fetched the first time the part is wanted. README, "Size", lists them.
//!
//! A chunk's function gets the owner of the component that shows it and builds its view under
//! it, so the part reads the same contexts and its effects end with the component, as if it
//! had been built in place.

use std::future::Future;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use wasm_bindgen::JsCast;

use super::Ui;

/// A part whose view comes from a chunk: nothing until [`Deferred::load`], then the view once
/// the chunk has arrived. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Deferred {
    /// The owner the view is built under (the component's).
    owner: StoredValue<Owner, LocalStorage>,
    /// Whether the chunk was asked for.
    asked: StoredValue<bool>,
    /// The view, from its arrival until it is shown.
    view: StoredValue<Option<AnyView>, LocalStorage>,
    /// Whether the view has arrived.
    ready: RwSignal<bool>,
    /// Whether the last try to fetch the chunk failed (it counts in `Ui::parts_failed`).
    failed: StoredValue<bool>,
}

impl Deferred {
    /// A part of the component being built.
    pub fn new() -> Deferred {
        Deferred {
            owner: StoredValue::new_local(Owner::current().expect("a component's owner")),
            asked: StoredValue::new(false),
            view: StoredValue::new_local(None),
            ready: RwSignal::new(false),
            failed: StoredValue::new(false),
        }
    }

    /// Fetches the chunk (once: later calls do nothing) and builds the view with `build`, the
    /// chunk's function. A chunk that does not arrive (offline before the service worker had
    /// cached it) leaves the part empty, says so (`Ui::parts_failed`) and closes any dialog that
    /// was waiting for its code (the page behind an open dialog is `inert`: a dialog that never
    /// comes would leave nothing to click); asking again retries.
    pub fn load<F>(self, build: impl FnOnce(Owner) -> F + 'static)
    where
        F: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
    {
        if self.asked.get_value() {
            return;
        }
        self.asked.set_value(true);
        let owner = self.owner.with_value(Owner::clone);
        leptos::task::spawn_local(async move {
            match build(owner).await {
                Ok(view) => {
                    self.view.set_value(Some(view));
                    self.ready.set(true);
                    if self.failed.get_value() {
                        self.failed.set_value(false);
                        if let Some(ui) = self.ui() {
                            ui.parts_failed
                                .update(|count| *count = count.saturating_sub(1));
                        }
                    }
                }
                Err(error) => {
                    self.asked.set_value(false);
                    leptos::logging::error!("{error}");
                    if let Some(ui) = self.ui() {
                        if !self.failed.get_value() {
                            self.failed.set_value(true);
                            ui.parts_failed.update(|count| *count += 1);
                        }
                        ui.close_dialogs();
                    }
                }
            }
        });
    }

    /// The page's [`Ui`], as the part's component sees it.
    fn ui(self) -> Option<Ui> {
        self.owner.with_value(|owner| owner.with(use_context::<Ui>))
    }

    /// [`Deferred::load`] once the browser is idle after the first render: for parts on the
    /// page from the start but below the first screen (the host, the console, the event log),
    /// so the first screen is usable before their code arrives.
    pub fn load_when_idle<F>(self, build: impl FnOnce(Owner) -> F + 'static)
    where
        F: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
    {
        let load = wasm_bindgen::closure::Closure::once_into_js(move || self.load(build));
        // Safari has no requestIdleCallback: a timeout then.
        if window()
            .request_idle_callback(load.unchecked_ref())
            .is_err()
        {
            let _ = window().set_timeout_with_callback(load.unchecked_ref());
        }
    }

    /// [`Deferred::load`] the first time `wanted` is true (a dialog's signal).
    pub fn load_when<F>(
        self,
        wanted: impl Fn() -> bool + 'static,
        build: impl Fn(Owner) -> F + Copy + 'static,
    ) where
        F: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
    {
        Effect::new(move |_| {
            if wanted() {
                self.load(build);
            }
        });
    }

    /// The view, once it has arrived (shown once: a part is built once).
    pub fn view(self) -> impl IntoView {
        move || {
            self.ready
                .get()
                .then(|| self.view.try_update_value(Option::take).flatten())
                .flatten()
        }
    }
}

/// Defines `$name(owner)`, a split point: the chunk `$chunk`'s function that builds `$view`
/// under `owner`, for [`Deferred::load`].
macro_rules! chunk {
    ($(#[$doc:meta])* $name:ident, $chunk:ident, $view:expr) => {
        $(#[$doc])*
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name(
            owner: ::leptos::prelude::Owner,
        ) -> Result<::leptos::prelude::AnyView, ::leptos::wasm_split::SplitLoaderError> {
            use ::leptos::prelude::IntoAny;
            Ok(owner.with(|| $view.into_any()))
        }
    };
}
pub(crate) use chunk;

/// A part of the page built from a chunk: `<Part load=… />` in place of the part's component.
#[component]
pub fn Part<F>(
    /// The chunk's function (defined with [`chunk!`]).
    load: fn(Owner) -> F,
    /// When to fetch it: `None` when the browser is idle after the first render, else the
    /// first time this is true.
    #[prop(optional)]
    when: Option<Signal<bool>>,
) -> impl IntoView
where
    F: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    let part = Deferred::new();
    match when {
        None => part.load_when_idle(load),
        Some(wanted) => part.load_when(move || wanted.get(), load),
    }
    part.view()
}
