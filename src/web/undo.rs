//! Undo and redo on the page: the app's [`History`] (see `crate::undo`), the guard every
//! [`App`] change method holds while it changes VMs, and the undo and redo themselves, which
//! take in the stored records first (so a VM another tab changed since is seen, and refused
//! with [`VmError::Conflict`]), then save, log and mirror like any change.

use leptos::prelude::*;

use super::app::App;
use crate::console::Output;
use crate::event_log::{Op, Source};
use crate::manager::VmError;
use crate::undo::{Change, Direction, History};

/// The page's history: kept for the tab's session (a reload clears it).
#[derive(Clone, Copy)]
pub struct UndoState {
    history: StoredValue<History>,
    /// Notified whenever what can be undone or redone changes (the buttons track it).
    pub changed: Trigger,
    /// Why the last undo or redo from the buttons or keys was refused, until the next one
    /// (or the next change).
    pub refusal: RwSignal<Option<(Direction, VmError)>>,
}

impl UndoState {
    /// An empty history.
    pub fn new() -> Self {
        UndoState {
            history: StoredValue::new(History::default()),
            changed: Trigger::new(),
            refusal: RwSignal::new(None),
        }
    }
}

impl UndoState {
    /// Puts `history` in place of the current one and returns that: a lesson keeps its own
    /// history, so that no undo after it puts a lesson's VM among the student's (or the
    /// reverse), and the student's history comes back with their VMs.
    pub(super) fn swap_history(&self, history: History) -> History {
        let previous = self
            .history
            .try_update_value(|current| std::mem::replace(current, history))
            .unwrap_or_default();
        self.refusal.set(None);
        self.changed.notify();
        previous
    }
}

impl Default for UndoState {
    fn default() -> Self {
        UndoState::new()
    }
}

/// Held by an [`App`] method while it changes VMs: the change is recorded when the outermost
/// guard goes (after the method has shown and saved it), so a method calling others (a
/// console command, a reboot) records one change.
#[must_use]
pub(super) struct ChangeGuard(App);

impl Drop for ChangeGuard {
    fn drop(&mut self) {
        let app = self.0;
        let manager = app.manager();
        let recorded = app
            .undo
            .history
            .try_update_value(|history| history.end(&manager))
            .unwrap_or(false);
        if recorded {
            app.undo.changed.notify();
            // A refusal was about the history as it was.
            if app.undo.refusal.with_untracked(Option::is_some) {
                app.undo.refusal.set(None);
            }
        }
    }
}

impl App {
    /// Starts recording a change to the VMs `names`, as they are now: call it after taking in
    /// their stored records (what the change is based on).
    pub(super) fn undoable(&self, names: &[&str]) -> ChangeGuard {
        let manager = self.manager();
        self.undo.history.update_value(|history| {
            history.begin();
            for name in names {
                history.note(&manager, name);
            }
        });
        ChangeGuard(*self)
    }

    /// Starts recording `op` (an import, a reset), which may change every VM and the host.
    pub(super) fn undoable_all(&self, op: Op) -> ChangeGuard {
        let manager = self.manager();
        self.undo.history.update_value(|history| {
            history.begin();
            history.note_all(&manager);
            // A shared setup's Replace brings its host too.
            history.note_host(&manager);
            history.rename(Change::new(op, ""));
        });
        ChangeGuard(*self)
    }

    /// Starts recording a change of the host's sizes.
    pub(super) fn undoable_host(&self) -> ChangeGuard {
        let manager = self.manager();
        self.undo.history.update_value(|history| {
            history.begin();
            history.note_host(&manager);
            history.name(Change::new(Op::Host, ""));
        });
        ChangeGuard(*self)
    }

    /// Names the change being recorded after its first operation (`App::record` calls it).
    pub(super) fn name_change(&self, op: Op, vm: &str) {
        self.undo
            .history
            .update_value(|history| history.name(Change::new(op, vm)));
    }

    /// Runs a console command (typed, or a Reboot or Force off button) as one change, named
    /// as the command logs it (`reboot web-01`, not the stop it starts with).
    pub fn run_console(&self, run: impl FnOnce() -> Output) -> Output {
        let _guard = self.undoable(&[]);
        let output = self.with_source(Source::Console, run);
        if let Some(record) = &output.record {
            self.undo
                .history
                .update_value(|history| history.rename(Change::new(record.op, &record.vm)));
        }
        output
    }

    /// What an undo or a redo would do now (tracked: re-runs when it changes).
    pub fn next_change(&self, direction: Direction) -> Option<Change> {
        self.undo.changed.track();
        self.undo
            .history
            .with_value(|history| history.next(direction).map(|entry| entry.change.clone()))
    }

    /// Undoes or redoes the newest change of this tab: `Ok(None)` if there is none. The
    /// records it touches are taken in from storage first; if another tab changed one since,
    /// it is refused ([`VmError::Conflict`]), nothing changes and the entry goes. Otherwise
    /// it is a change like any other: shown, saved, logged (`undo`, `redo`) and, from the
    /// GUI, mirrored in the console as the console's own `undo`/`redo`.
    pub fn step(&self, direction: Direction) -> Result<Option<Change>, VmError> {
        let next = self.undo.history.with_value(|history| {
            history.next(direction).map(|entry| {
                let names: Vec<String> = entry.names().map(str::to_owned).collect();
                (entry.change.clone(), names, entry.touches_host())
            })
        });
        let Some((change, names, host)) = next else {
            return Ok(None);
        };
        let bases: Vec<Option<String>> =
            names.iter().map(|name| self.take_in_stored(name)).collect();
        if host {
            self.take_in_host();
        }
        let manager = self.manager();
        let result = self
            .undo
            .history
            .try_update_value(|history| history.step(&manager, direction))
            .unwrap_or(Ok(None));
        self.undo.changed.notify();
        let op = match direction {
            Direction::Undo => Op::Undo,
            Direction::Redo => Op::Redo,
        };
        self.record(&change.vm, op, &result, || vec![op.as_str().to_owned()]);
        let done = result?;
        // One VM (or a rename's two) is shown row by row; a whole set in one pass.
        if names.len() <= 2 {
            for name in &names {
                self.show(name);
                // A refusal shown beside the VM was about the state it had.
                let _ = self.report(name, Ok(()));
            }
        } else {
            self.refresh_all();
        }
        if let (Some(Op::Rename), [a, b]) = (change.op, names.as_slice()) {
            self.note_rename(a, b);
        }
        for (name, base) in names.iter().zip(bases) {
            self.save(name, base);
        }
        if host {
            self.host_changed.notify();
            self.save_host();
        }
        Ok(done)
    }

    /// [`App::step`] from the buttons or keys: a refusal is kept for the alert beside them.
    pub fn step_from_gui(&self, direction: Direction) {
        let refusal = self.step(direction).err().map(|error| (direction, error));
        if self.undo.refusal.get_untracked() != refusal {
            self.undo.refusal.set(refusal);
        }
    }
}
