//! Playing lessons in the page: which lesson runs, fetching its file, the student's progress
//! (stored under `vm-playground:lessons`), and `#lesson=<id>` links. The VMs' side of it (the
//! student's set aside, the lesson's in their own manager) is `lesson_mode`.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::app::App;
use super::fetch::fetch_text;
use super::store;
use crate::i18n::{fill, Lang};
use crate::lesson::{lesson_in_hash, load_as, Lesson, LessonError, Progress, INDEX};
use crate::storage::LESSONS_KEY;

/// Why a lesson could not be started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Its file could not be fetched (the browser's words, or the HTTP status).
    Fetch(String),
    /// Its file was refused by the loader.
    Lesson(LessonError),
}

impl Failure {
    /// The message, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let t = lang.texts();
        let error = match self {
            Failure::Fetch(detail) => fill(t.lesson_fetch_failed, &[("detail", detail)]),
            Failure::Lesson(error) => lang.lesson_error(error),
        };
        fill(t.lesson_load_failed, &[("error", &error)])
    }
}

/// The lessons' state, made by the Lessons panel. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Lessons {
    app: App,
    /// What the student has finished, and the lesson being played.
    pub progress: RwSignal<Progress>,
    /// The lesson being played.
    pub playing: RwSignal<Option<Arc<Lesson>>>,
    /// The lesson being fetched.
    pub loading: RwSignal<Option<&'static str>>,
    /// Why the last lesson asked for could not be started.
    pub failure: RwSignal<Option<Failure>>,
    /// How many hints are shown.
    pub hints: RwSignal<usize>,
    /// Whether the solution is shown.
    pub solution: RwSignal<bool>,
    /// Whether the panel is open.
    pub open: RwSignal<bool>,
}

/// The page's `#…`, if any.
fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

impl Lessons {
    /// The state at start-up (`open`: whether the panel is open): the stored progress; the lesson of a `#lesson=` link, or the
    /// one being played before a reload, is started.
    pub fn new(app: App, open: RwSignal<bool>) -> Lessons {
        let progress = store::read(LESSONS_KEY)
            .ok()
            .flatten()
            .map(|text| Progress::decode(&text))
            .unwrap_or_default();
        let lessons = Lessons {
            app,
            progress: RwSignal::new(progress),
            playing: RwSignal::new(None),
            loading: RwSignal::new(None),
            failure: RwSignal::new(None),
            hints: RwSignal::new(0),
            solution: RwSignal::new(false),
            open,
        };
        let asked = lesson_in_hash(&hash()).map(|entry| entry.id).or_else(|| {
            let current = lessons.progress.with_untracked(|p| p.current.clone())?;
            INDEX
                .iter()
                .find(|entry| entry.id == current)
                .map(|entry| entry.id)
        });
        if let Some(id) = asked {
            lessons.start(id);
        }
        lessons.follow_links();
        lessons
    }

    /// A `#lesson=` typed or followed in the open page starts that lesson.
    fn follow_links(self) {
        let on_hash = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            if let Some(entry) = lesson_in_hash(&hash()) {
                self.start(entry.id);
            }
        });
        let _ = window()
            .add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
        // As long as the page.
        on_hash.forget();
    }

    /// Fetches lesson `id` and starts it (the student's VMs are set aside).
    pub fn start(self, id: &'static str) {
        self.open.set(true);
        self.failure.set(None);
        self.loading.set(Some(id));
        leptos::task::spawn_local(async move {
            let loaded = match fetch_text(&format!("lessons/{id}.json")).await {
                Ok(text) => load_as(id, &text).map_err(Failure::Lesson),
                Err(detail) => Err(Failure::Fetch(detail)),
            };
            // Another lesson was asked for meanwhile: that one wins.
            if self.loading.get_untracked() != Some(id) {
                return;
            }
            self.loading.set(None);
            match loaded {
                Ok(lesson) => {
                    self.app.start_lesson(&lesson);
                    self.hints.set(0);
                    self.solution.set(false);
                    self.playing.set(Some(Arc::new(lesson)));
                    self.save(|progress| progress.current = Some(id.to_owned()));
                }
                Err(failure) => self.failure.set(Some(failure)),
            }
        });
    }

    /// Restores the lesson's setup.
    pub fn restart(self) {
        if let Some(lesson) = self.playing.get_untracked() {
            self.app.start_lesson(&lesson);
        }
    }

    /// Ends the lesson: the student's own VMs come back.
    pub fn exit(self) {
        self.app.exit_lesson();
        self.playing.set(None);
        self.loading.set(None);
        self.save(|progress| progress.current = None);
        // A share link that came during the lesson waited in the address: its question now
        // opens, the one way a followed link is opened (the `hashchange` it listens to).
        if crate::share::from_fragment(&hash()).is_some() {
            if let Ok(event) = web_sys::Event::new("hashchange") {
                let _ = window().dispatch_event(&event);
            }
        }
        // A reload must not start the lesson of the link again.
        if lesson_in_hash(&hash()).is_some() {
            if let Ok(history) = window().history() {
                let location = window().location();
                let url = format!(
                    "{}{}",
                    location.pathname().unwrap_or_default(),
                    location.search().unwrap_or_default()
                );
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
            }
        }
    }

    /// Marks lesson `id` finished (and stores it, once).
    pub fn finished(self, id: &str) {
        if !self
            .progress
            .with_untracked(|progress| progress.is_finished(id))
        {
            self.save(|progress| {
                progress.finish(id);
            });
        }
    }

    /// Changes the progress and stores it (unless the stored data is of a format this version
    /// can't read: then nothing of the app's is written).
    fn save(self, change: impl FnOnce(&mut Progress)) {
        self.progress.update(change);
        if !self.app.unknown_format() {
            let _ = store::write(LESSONS_KEY, &self.progress.with_untracked(Progress::encode));
        }
    }
}
