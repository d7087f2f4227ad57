//! The service worker's page side (the worker itself is `src/web/sw.js`): registration once the
//! app has rendered, looking for a new deployment, and taking it on when the user chooses Reload.
//!
//! A browser without service workers, or a failed registration, changes nothing: the app works
//! as it did, online only. Release builds only: `trunk serve`'s debug builds have no `sw.js`
//! (`scripts/service-worker.mjs` writes it in release builds).

use std::cell::{Cell, RefCell};
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState, VisibilityState};

/// The worker's script, relative to the page: in the app's own folder, so the worker's scope is
/// the app's path (`/vm-playground/` on GitHub Pages) and nothing above it.
const SCRIPT: &str = "sw.js";

/// The message that makes a waiting version take over (`TAKE_OVER` in `sw.js`).
const TAKE_OVER: &str = "take-over";

/// Whether a new version has been installed and waits for a reload: what the update notice
/// shows.
#[derive(Clone, Copy)]
pub struct Update {
    /// True once a new deployment is ready.
    pub available: RwSignal<bool>,
}

impl Update {
    /// No update known yet.
    pub fn new() -> Self {
        Update {
            available: RwSignal::new(false),
        }
    }
}

impl Default for Update {
    fn default() -> Self {
        Self::new()
    }
}

thread_local! {
    /// This page's registration, once the browser has accepted it.
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// Set when the user chose Reload: the page reloads once the new version controls it.
    static RELOAD_WHEN_TAKEN_OVER: Cell<bool> = const { Cell::new(false) };
}

/// Registers the service worker once the page has loaded, so neither the worker nor the files
/// it caches compete with the first render; then watches for new deployments and tells
/// `update` when one is ready.
pub fn register(update: Update) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    // An insecure context (plain http:// other than localhost) has no `serviceWorker` at all.
    if !js_sys::Reflect::has(&window.navigator(), &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
    {
        return;
    }
    after_load(move || {
        spawn_local(async move {
            // A refused registration changes nothing: the app goes on as it was.
            let _ = register_now(update).await;
        })
    });
}

/// Takes on the new version: the waiting worker takes over, then the page reloads into it. With
/// no worker waiting (another tab took the update already), a plain reload does it.
pub fn take_update() {
    let waiting = REGISTRATION.with(|registration| {
        registration
            .borrow()
            .as_ref()
            .and_then(ServiceWorkerRegistration::waiting)
    });
    match waiting {
        Some(worker) => {
            RELOAD_WHEN_TAKEN_OVER.set(true);
            if worker.post_message(&JsValue::from_str(TAKE_OVER)).is_err() {
                reload();
            }
        }
        None => reload(),
    }
}

/// Runs `then` in a task after the window's `load` event (at once if it has fired).
fn after_load(then: impl FnOnce() + 'static) {
    let later = move || set_timeout(then, Duration::ZERO);
    if document().ready_state() == "complete" {
        later();
        return;
    }
    let on_load = Closure::once_into_js(later);
    let _ = window().add_event_listener_with_callback("load", on_load.unchecked_ref());
}

async fn register_now(update: Update) -> Result<(), JsValue> {
    let container = window().navigator().service_worker();
    // A browser that blocks service workers (a policy, an extension, automation) may answer
    // with no registration at all: then there is nothing to watch.
    let Ok(registration) = JsFuture::from(container.register(SCRIPT))
        .await?
        .dyn_into::<ServiceWorkerRegistration>()
    else {
        return Ok(());
    };
    // A version found during an earlier visit may be waiting already.
    if registration.waiting().is_some() && has_controller() {
        update.available.set(true);
    }
    if let Some(installing) = registration.installing() {
        watch(installing, update);
    }
    let found = registration.clone();
    listen_forever(
        |callback| registration.set_onupdatefound(Some(callback)),
        move || {
            if let Some(installing) = found.installing() {
                watch(installing, update);
            }
        },
    );
    listen_forever(
        |callback| container.set_oncontrollerchange(Some(callback)),
        || {
            if RELOAD_WHEN_TAKEN_OVER.get() {
                reload();
            }
        },
    );
    // Look for a new deployment when the connection comes back and when the page is shown
    // again (the browser looks by itself on every navigation). One listener for both: a tab
    // that comes back online hidden looks once it is shown.
    let check = registration.clone();
    listen_forever(
        |callback| {
            let _ = window().add_event_listener_with_callback("online", callback);
            let _ = document().add_event_listener_with_callback("visibilitychange", callback);
        },
        move || {
            if document().visibility_state() == VisibilityState::Visible {
                check_for_update(&check);
            }
        },
    );
    REGISTRATION.with(|stored| *stored.borrow_mut() = Some(registration));
    Ok(())
}

/// Tells `update` once `worker` is installed while the page is controlled: a new version,
/// waiting for Reload. (Installed with no controller is the first visit's worker, which takes
/// over by itself.)
fn watch(worker: ServiceWorker, update: Update) {
    let seen = worker.clone();
    listen_forever(
        |callback| worker.set_onstatechange(Some(callback)),
        move || {
            if seen.state() == ServiceWorkerState::Installed && has_controller() {
                update.available.set(true);
            }
        },
    );
}

/// Asks the browser to look for a new `sw.js`; offline, it fails, and that's fine.
fn check_for_update(registration: &ServiceWorkerRegistration) {
    if let Ok(promise) = registration.update() {
        spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

fn has_controller() -> bool {
    window().navigator().service_worker().controller().is_some()
}

fn reload() {
    let _ = window().location().reload();
}

/// Hands `attach` a JS callback that runs `handler`, kept for the page's lifetime.
fn listen_forever(attach: impl FnOnce(&js_sys::Function), handler: impl Fn() + 'static) {
    let callback = Closure::<dyn Fn()>::new(handler);
    attach(callback.as_ref().unchecked_ref());
    callback.forget();
}
