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
}

impl Deferred {
    /// A part of the component being built.
    pub fn new() -> Deferred {
        Deferred {
            owner: StoredValue::new_local(Owner::current().expect("a component's owner")),
            asked: StoredValue::new(false),
            view: StoredValue::new_local(None),
            ready: RwSignal::new(false),
        }
    }

    /// Fetches the chunk (once: later calls do nothing) and builds the view with `build`, the
    /// chunk's function. A chunk that does not arrive (offline before the service worker had
    /// cached it) leaves the part empty and says so in the console; asking again retries.
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
                }
                Err(error) => {
                    self.asked.set_value(false);
                    leptos::logging::error!("{error}");
                }
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
