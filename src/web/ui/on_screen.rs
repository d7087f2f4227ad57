//! Whether an element is on screen: what the simulated clock redraws on a tick is only what
//! shows (the selected VM's sparklines, the host's graphs), so a tick costs nothing for graphs
//! scrolled away, under a list of 10,000 VMs.

use leptos::prelude::*;
use leptos::tachys::html::element::ElementType;
use wasm_bindgen::prelude::*;

use crate::web::app::App;

/// Whether the element `node` is bound to intersects the viewport, kept by an
/// `IntersectionObserver` (which reports at once, then on every change). `false` until the
/// element is in the page; `true` where there is no observer (draw rather than hide).
pub fn on_screen<E>(node: NodeRef<E>) -> Signal<bool>
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    let shown = RwSignal::new(false);
    node.on_load(move |element| {
        let element: web_sys::Element = element.unchecked_into();
        let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // The last entry is the element's latest state.
            if let Some(entry) = entries.iter().last() {
                let entry: web_sys::IntersectionObserverEntry = entry.unchecked_into();
                let intersecting = entry.is_intersecting();
                if shown.try_get_untracked() != Some(intersecting) {
                    shown.try_set(intersecting);
                }
            }
        });
        match web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
            Ok(observer) => {
                observer.observe(&element);
                // Kept (and the callback alive) until the element's owner goes.
                let kept = StoredValue::new_local((observer, callback));
                on_cleanup(move || kept.with_value(|(observer, _)| observer.disconnect()));
            }
            Err(_) => shown.set(true),
        }
    });
    shown.into()
}

/// The simulated clock's time, read so that a tick re-runs the caller only while `shown`:
/// off screen the caller keeps what it last drew until it shows again.
pub fn clock_while(app: App, shown: Signal<bool>) -> u64 {
    if shown.get() {
        app.sim_time.get()
    } else {
        app.sim_time.get_untracked()
    }
}

/// Runs `f` once the next frame has been painted: a timeout queued from a frame callback runs
/// after that frame.
fn after_painted_frame(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// A trigger that follows what `track` reads: it notifies at once while `shown`, and once
/// after the next painted frame while not (several changes before then, once). A panel off
/// screen that reads its data through it is brought up to date right after the frame that
/// shows the change where it is seen, rather than before it: a click among 10,000 VMs paints
/// the row first and rewrites the event log off screen after.
pub fn follow_after_frame_while_hidden(
    shown: Signal<bool>,
    track: impl Fn() + Send + Sync + 'static,
) -> Trigger {
    let changed = Trigger::new();
    let scheduled = StoredValue::new(false);
    Effect::new(move |ran: Option<()>| {
        track();
        if ran.is_none() {
            return;
        }
        if shown.get_untracked() {
            changed.notify();
        } else if !scheduled.get_value() {
            scheduled.set_value(true);
            after_painted_frame(move || {
                scheduled.set_value(false);
                changed.notify();
            });
        }
    });
    changed
}

/// What `read` returns, taken at once and then again after each painted frame that follows a
/// change of what it reads (several changes before then, one update). A panel beside the
/// list that shows its data through it lets a click's own frame paint the row clicked first:
/// the selected VM's details come one frame later.
pub fn after_frame<T>(read: impl Fn() -> T + Send + Sync + 'static) -> ReadSignal<T>
where
    T: Send + Sync + 'static,
{
    let taken = RwSignal::new(untrack(&read));
    let next = StoredValue::new(None::<T>);
    Effect::new(move |ran: Option<()>| {
        let value = read();
        if ran.is_none() {
            // Whatever changed between the first read and the effect's first run.
            taken.set(value);
            return;
        }
        let first_since_frame = next.try_update_value(|next| next.replace(value).is_none());
        if first_since_frame == Some(true) {
            after_painted_frame(move || {
                if let Some(Some(value)) = next.try_update_value(Option::take) {
                    taken.try_set(value);
                }
            });
        }
    });
    taken.read_only()
}
