//! The app while a lesson runs: the lesson's VMs in a manager of their own, in memory, and the
//! student's own manager set aside, untouched, until the lesson ends.
//!
//! Nothing of a lesson reaches the VMs' storage: while one runs, `persist` neither writes nor
//! reads VM records or the host (see [`App::in_lesson`]), so the student's records stay in
//! localStorage as they were, other tabs' changes to them included. When the lesson ends, the
//! student's manager comes back and takes in whatever other tabs stored meanwhile. Every
//! operation still goes through the same `App` methods (GUI, console, JS API), so it is logged
//! as usual, and [`App::log`] notes it in the lesson's [`Journal`] too.

use std::sync::Arc;

use leptos::prelude::*;

use crate::event_log::Event;
use crate::lesson::{Journal, Lesson, World};
use crate::manager::MockVmManager;
use crate::undo::History;
use crate::web::app::{now, App};

/// The student's own VMs while a lesson runs, and what happened in the lesson so far.
pub struct Aside {
    /// The student's manager, as it was when the lesson started.
    own: Arc<MockVmManager>,
    /// The lesson's operations.
    journal: Journal,
    /// The student's undo history, while the lesson has one of its own.
    history: History,
}

impl App {
    /// Whether a lesson runs (the VMs on the page are the lesson's, and are not stored).
    pub fn in_lesson(&self) -> bool {
        self.lesson.with_value(Option::is_some)
    }

    /// Starts `lesson` from its setup: the student's VMs are set aside (if a lesson already
    /// runs, they stay aside and the lesson's VMs are replaced).
    pub fn start_lesson(&self, lesson: &Lesson) {
        let manager = Arc::new(lesson.manager(Box::new(now)));
        let journal = Journal::new(&manager.list_vm_infos().unwrap_or_default());
        // Aside first: from here on nothing is stored, not even what the swap shows.
        // A lesson (re)starts with an empty history of its own.
        let lesson_history = History::default();
        let (own, history) = match self.lesson.try_update_value(Option::take).flatten() {
            Some(aside) => {
                self.undo.swap_history(lesson_history);
                (aside.own, aside.history)
            }
            None => (self.manager(), self.undo.swap_history(lesson_history)),
        };
        self.lesson.set_value(Some(Aside {
            own,
            journal,
            history,
        }));
        self.replace_manager(manager);
    }

    /// Ends the lesson: the student's own VMs come back, with any change another tab stored
    /// meanwhile.
    pub fn exit_lesson(&self) {
        let Some(aside) = self.lesson.try_update_value(Option::take).flatten() else {
            return;
        };
        self.replace_manager(aside.own);
        self.undo.swap_history(aside.history);
        self.take_in_all();
    }

    /// Records `event` in the lesson's journal, if a lesson runs (called for every event).
    pub(super) fn note_in_lesson(&self, event: &Event) {
        if !self.in_lesson() {
            return;
        }
        let after = self.manager().list_vm_infos().unwrap_or_default();
        self.lesson.update_value(|aside| {
            if let Some(aside) = aside {
                aside.journal.record(&event.vm, event.op, event.ok, &after);
            }
        });
    }

    /// Which goals of `lesson` are met, and the operations used so far. Tracks every change
    /// of the VMs, the host and the event log (every operation is logged).
    pub fn lesson_progress(&self, lesson: &Lesson) -> (Vec<bool>, usize) {
        self.rows.track();
        self.infos_changed.track();
        self.host_changed.track();
        self.events.track();
        let manager = self.manager();
        let vms = manager.list_vm_infos().unwrap_or_default();
        let host = manager
            .host_info()
            .map(|info| info.host)
            .unwrap_or_default();
        self.lesson
            .with_value(|aside| {
                aside.as_ref().map(|aside| {
                    let world = World {
                        vms: &vms,
                        host,
                        journal: &aside.journal,
                    };
                    (lesson.progress(&world), aside.journal.operations())
                })
            })
            .unwrap_or_else(|| (vec![false; lesson.goals.len()], 0))
    }
}
