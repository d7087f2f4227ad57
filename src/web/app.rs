//! The app state: the one `MockVmManager` and a reactive view of it (a signal per VM). Every
//! change, from a click or from the JavaScript API, goes through a method here: it first takes
//! in the VM's latest record from storage (another tab may have changed it), calls the core,
//! refreshes the signal of the one VM that changed from the core's answer, and saves that VM's
//! record. The signals are never written from anywhere else, so they can't drift from the
//! manager.

use std::sync::Arc;

use leptos::prelude::*;

use crate::console::OpRecord;
use crate::console::{command_for_in, DomainFacts, DomainIds, Facts, GuiAction, Reason};
use crate::demo;
use crate::event_log::{Event, EventLog, Op, Source};
use crate::manager::{
    nfc, ConfigUpdate, Host, HostInfo, MockVmManager, NewSnapshot, SavedState, Snapshot,
    SnapshotDeletion, Transition, VmConfig, VmError, VmInfo, VmManager, VmState,
};
use crate::present::Summary;
use crate::storage::export::{export_json, ImportMode, ImportPreview};
use crate::storage::sync::Unsaved;
use crate::web::language::current;

mod console_backend;
mod notice;
mod transcript;

pub use notice::{Notice, NoticeItem, NoticeTitle, SaveStatus};
pub use transcript::{Line, LineKind, TRANSCRIPT_LINES};

/// The console lines a GUI action amounts to, their comments in the page's language.
fn command_for(action: &GuiAction<'_>) -> Vec<String> {
    command_for_in(action, current())
}

/// One VM as the list shows it. Its signal holds the core's latest answer for that VM.
#[derive(Clone, PartialEq)]
pub struct Row {
    /// The VM's name: the list's key. A rename replaces the row.
    pub name: Arc<str>,
    /// The VM as the core last reported it.
    pub info: ArcRwSignal<VmInfo>,
    /// The last operation the core refused on this VM, shown beside it (in the page's
    /// language: the row puts it into words).
    pub error: ArcRwSignal<Option<VmError>>,
}

impl Row {
    fn new(info: VmInfo) -> Self {
        Row {
            name: info.config.name.as_str().into(),
            info: ArcRwSignal::new(info),
            error: ArcRwSignal::new(None),
        }
    }
}

/// Whether a new VM starts at once (the seed's create) or stays stopped (virsh's define).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartMode {
    /// Create and start.
    Start,
    /// Create stopped.
    Stopped,
}

/// The VM the last operation was on, from a click, a console command or the JS API: the
/// lifecycle diagram follows it, and animates `moved`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operated {
    /// The VM's name (as given, even if the operation was refused).
    pub vm: String,
    /// The states it moved between, for a transition that happened.
    pub moved: Option<(VmState, VmState)>,
}

/// The app's state, shared through context. `Copy`: every field is an arena handle.
///
/// Every method taking a VM's name normalises it to NFC first, as the core does: rows and
/// storage keys use the name the core keeps.
#[derive(Clone, Copy)]
pub struct App {
    pub(super) manager: StoredValue<Arc<MockVmManager>>,
    /// Every VM, sorted by name.
    pub rows: RwSignal<Vec<Row>>,
    /// Notified whenever any row's `info` changes. What sums up every VM (the summary) tracks
    /// this and reads the rows untracked: subscribing to 10,000 row signals cost ~2 ms per
    /// click (measured), re-subscribing to all of them on every change.
    pub infos_changed: Trigger,
    /// Every VM counted by state, kept as rows change (in [`App::show`] and
    /// [`App::refresh_all`]): adding up 10,000 VMs on every click was work per click that
    /// scaled with the list.
    pub summary: RwSignal<Summary>,
    /// Notified when the host's sizes change (what the VMs hold follows `infos_changed`).
    pub host_changed: Trigger,
    /// The simulated clock, in seconds since the page opened: drives the guests' usage.
    pub sim_time: RwSignal<u64>,
    /// Simulated seconds per real second: 1, 10 or 60; 0 while the clock is paused.
    pub clock_speed: RwSignal<u64>,
    /// Whether changes are being saved.
    pub save_status: RwSignal<SaveStatus>,
    /// Messages about stored data (what could not be loaded, and where it was kept).
    pub notices: RwSignal<Vec<Notice>>,
    /// Keys of the backups of damaged data kept in storage.
    pub backups: RwSignal<Vec<String>>,
    /// Changes not written yet, each with the stored record it was based on.
    pub(super) unsaved: StoredValue<Unsaved>,
    /// A host change not written yet, with the stored host it was based on (`None`: saved).
    pub(super) unsaved_host: StoredValue<Option<Option<String>>>,
    /// Every operation, from the GUI, the console or the JS API, newest last.
    pub events: RwSignal<EventLog>,
    /// Events not yet merged into the stored log.
    pub(super) unsaved_events: StoredValue<Vec<Event>>,
    /// Whether a save of the events waits for an idle moment.
    pub(super) events_scheduled: StoredValue<bool>,
    /// Whether a flush of the unsaved changes waits for the end of the current task.
    pub(super) flush_scheduled: StoredValue<bool>,
    /// The VMs other tabs wrote since this tab last took their records in (see
    /// `App::take_in_later`).
    pub(super) written_elsewhere: StoredValue<Vec<String>>,
    /// The console's transcript, each line with a number that never repeats (how the console
    /// panel tells its lines apart: when old lines are dropped, the others keep theirs and
    /// their elements).
    pub transcript: RwSignal<Vec<(u64, Line)>>,
    next_line: StoredValue<u64>,
    /// The console's domain Ids, kept as VMs start and stop (see [`DomainIds`]).
    domain_ids: StoredValue<DomainIds>,
    /// What the console knows of each VM beyond its config: maxima, live changes, the reason
    /// for its state (see [`Facts`]); kept in memory only, like the Ids.
    facts: StoredValue<DomainFacts>,
    /// Who is calling: the GUI unless a console command or the JS API says otherwise.
    source: StoredValue<Source>,
    /// The last operation's VM (see [`Operated`]).
    pub operated: RwSignal<Option<Operated>>,
    /// While a lesson runs: the student's own VMs, set aside (see `web::lesson_mode`).
    pub(super) lesson: StoredValue<Option<super::lesson_mode::Aside>>,
    /// This tab's changes, to undo and redo (see `web::undo`).
    pub undo: super::undo::UndoState,
}

/// Where `name` is in rows sorted by name (`Err`: where it would go).
pub(crate) fn position(rows: &[Row], name: &str) -> Result<usize, usize> {
    rows.binary_search_by(|row| (*row.name).cmp(name))
}

fn row_named(rows: &[Row], name: &str) -> Option<Row> {
    position(rows, name).ok().map(|index| rows[index].clone())
}

/// Milliseconds since the Unix epoch, from the browser.
pub fn now() -> u64 {
    js_sys::Date::now() as u64
}

impl App {
    /// Loads the VMs from localStorage (the demo set on a first visit) and starts listening to
    /// other tabs.
    pub fn load() -> App {
        super::install_normaliser();
        let app = App {
            manager: StoredValue::new(Arc::new(MockVmManager::with_clock(Box::new(now)))),
            rows: RwSignal::new(Vec::new()),
            infos_changed: Trigger::new(),
            summary: RwSignal::new(Summary::default()),
            host_changed: Trigger::new(),
            sim_time: RwSignal::new(0),
            clock_speed: RwSignal::new(1),
            save_status: RwSignal::new(SaveStatus::Saved),
            notices: RwSignal::new(Vec::new()),
            backups: RwSignal::new(Vec::new()),
            unsaved: StoredValue::new(Unsaved::default()),
            unsaved_host: StoredValue::new(None),
            events: RwSignal::new(EventLog::new()),
            unsaved_events: StoredValue::new(Vec::new()),
            events_scheduled: StoredValue::new(false),
            flush_scheduled: StoredValue::new(false),
            written_elsewhere: StoredValue::new(Vec::new()),
            transcript: RwSignal::new(Vec::new()),
            next_line: StoredValue::new(0),
            domain_ids: StoredValue::new(DomainIds::default()),
            facts: StoredValue::new(DomainFacts::default()),
            source: StoredValue::new(Source::Gui),
            operated: RwSignal::new(None),
            lesson: StoredValue::new(None),
            undo: super::undo::UndoState::new(),
        };
        app.load_from_storage();
        app.listen_to_other_tabs();
        app
    }

    /// The manager, for reads that need no signal (the JS API's getters).
    pub fn manager(&self) -> Arc<MockVmManager> {
        self.manager.get_value()
    }

    /// Shows every VM of the manager (start-up, reset, import). The list is keyed by name, so
    /// a VM that keeps its name keeps its row, and its signal is updated in place: a new
    /// signal would never reach the row already on screen.
    pub(super) fn refresh_all(&self) {
        let infos = self.manager().list_vm_infos().unwrap_or_default();
        self.domain_ids.update_value(|ids| ids.sync(&infos));
        self.facts.update_value(|facts| facts.sync(&infos));
        let mut infos_changed = false;
        let mut summary = Summary::default();
        for info in &infos {
            summary.add(info);
        }
        if self.summary.get_untracked() != summary {
            self.summary.set(summary);
        }
        let rows: Vec<Row> = infos
            .into_iter()
            .map(|info| match self.find(&info.config.name) {
                Some(row) => {
                    if row.info.with_untracked(|shown| *shown != info) {
                        row.info.set(info);
                        infos_changed = true;
                    }
                    row
                }
                None => Row::new(info),
            })
            .collect();
        // Same rows (a catch-up that found nothing new): the list needn't re-filter, nor the
        // summary add up 10,000 VMs again.
        if self.rows.with_untracked(|current| *current != rows) {
            self.rows.set(rows);
        }
        if infos_changed {
            self.infos_changed.notify();
        }
    }

    /// Puts `manager` in place of the current one (a lesson's VMs, or the student's back) and
    /// shows its VMs; returns the one it replaced. The console's Ids and facts start afresh:
    /// they were about the other manager's VMs.
    pub(super) fn replace_manager(&self, manager: Arc<MockVmManager>) -> Arc<MockVmManager> {
        let replaced = self.manager.get_value();
        self.manager.set_value(manager);
        self.domain_ids.set_value(DomainIds::default());
        self.facts.set_value(DomainFacts::default());
        // Refusals shown were about the other manager's VMs (set only where one is shown: a
        // set notifies, and there may be 10,000 rows).
        self.rows.with_untracked(|rows| {
            for row in rows
                .iter()
                .filter(|row| row.error.with_untracked(Option::is_some))
            {
                row.error.set(None);
            }
        });
        self.refresh_all();
        self.host_changed.notify();
        replaced
    }

    /// The row of `name` now, untracked.
    pub fn find(&self, name: &str) -> Option<Row> {
        self.rows.with_untracked(|rows| row_named(rows, name))
    }

    /// The row of `name`, tracked: re-runs the caller when VMs come and go.
    pub fn row(&self, name: &str) -> Option<Row> {
        self.rows.with(|rows| row_named(rows, name))
    }

    /// Shows the manager's record of `name` in its row: updates, inserts or removes the row.
    pub(super) fn show(&self, name: &str) {
        let info = self.manager().get_vm_info(name);
        self.domain_ids.update_value(|ids| match &info {
            Ok(info) => ids.saw(info),
            Err(_) => ids.forget(name),
        });
        self.facts.update_value(|facts| match &info {
            Ok(info) => facts.saw(info),
            Err(_) => facts.forget(name),
        });
        match info {
            Ok(info) => match self.find(name) {
                Some(row) => {
                    if row.info.with_untracked(|shown| *shown != info) {
                        self.summary.update(|summary| {
                            row.info.with_untracked(|shown| summary.remove(shown));
                            summary.add(&info);
                        });
                        row.info.set(info);
                        self.infos_changed.notify();
                    }
                }
                None => {
                    self.summary.update(|summary| summary.add(&info));
                    self.rows.update(|rows| {
                        let index = position(rows, name).unwrap_or_else(|index| index);
                        rows.insert(index, Row::new(info));
                    })
                }
            },
            Err(_) => {
                if let Some(row) = self.find(name) {
                    self.summary
                        .update(|summary| row.info.with_untracked(|shown| summary.remove(shown)));
                    self.rows.update(|rows| {
                        if let Ok(index) = position(rows, name) {
                            rows.remove(index);
                        }
                    });
                }
            }
        }
    }

    /// Shows a refusal next to the VM, or clears the last one after a success.
    pub(super) fn report<T>(&self, name: &str, result: Result<T, VmError>) -> Result<T, VmError> {
        if let Some(row) = self.find(name) {
            let error = result.as_ref().err();
            if row.error.with_untracked(|shown| shown.as_ref() != error) {
                row.error.set(error.cloned());
            }
        }
        result
    }

    /// Runs `operation` as coming from `source` (the console, the JS API): its events say so,
    /// and it is not mirrored in the console as a GUI action.
    pub fn with_source<T>(&self, source: Source, operation: impl FnOnce() -> T) -> T {
        let previous = self.source.get_value();
        self.source.set_value(source);
        let result = operation();
        self.source.set_value(previous);
        result
    }

    /// Records an operation in the event log and, for a GUI action that worked, prints the
    /// command it amounts to in the console.
    pub(super) fn record<T>(
        &self,
        vm: &str,
        op: Op,
        result: &Result<T, VmError>,
        mirror: impl FnOnce() -> Vec<String>,
    ) {
        self.name_change(op, vm);
        let source = self.source.get_value();
        // A console command logs the operation as the command names it, once, refusals the
        // console decides itself included (see `console::OpRecord`): not each call it makes.
        if source == Source::Console {
            return;
        }
        // In the page's language now: an entry reads as the page did when it happened.
        let record = OpRecord::of(vm, op, result, current());
        if source == Source::Gui && result.is_ok() {
            let lines = mirror().into_iter().map(|text| Line {
                kind: LineKind::Mirror,
                text: if text.starts_with('#') {
                    text
                } else {
                    format!("# {text}")
                },
            });
            self.print(lines);
        }
        self.log(record.to_event(now(), source));
    }

    /// Adds `event` to the event log, saved soon after.
    pub fn log(&self, event: Event) {
        self.note_in_lesson(&event);
        // A console command logs after its transition noted where the VM moved: keep that.
        let noted = self.operated.with_untracked(|operated| {
            operated
                .as_ref()
                .is_some_and(|operated| operated.vm == event.vm && operated.moved.is_some())
        });
        if !(noted && event.ok) {
            self.operated.set(Some(Operated {
                vm: event.vm.clone(),
                moved: None,
            }));
        }
        let capacity = self.events.with_untracked(EventLog::capacity);
        self.unsaved_events.update_value(|events| {
            // Bounded while the log can't be saved: the log keeps no more anyway.
            if events.len() >= capacity {
                events.remove(0);
            }
            events.push(event.clone());
        });
        self.events.update(|log| {
            log.push(event);
        });
        self.save_events_soon();
    }

    /// The host's sizes and what the VMs hold, tracking every change of either (for the
    /// gauges).
    pub fn host_info(&self) -> HostInfo {
        // A VM added or removed changes the rows; a VM changed notifies `infos_changed`.
        self.rows.track();
        self.infos_changed.track();
        self.host_changed.track();
        self.manager()
            .host_info()
            .expect("the app's manager is never closed")
    }

    /// Resizes the host (see [`MockVmManager::set_host`]); logged as `host`, and saved. Refused
    /// while a lesson runs ([`VmError::HostOfLesson`]).
    pub fn set_host(&self, host: Host) -> Result<(), VmError> {
        let _undo = self.undoable_host();
        let result = if self.in_lesson() {
            Err(VmError::HostOfLesson)
        } else {
            self.manager().set_host(host)
        };
        // virsh has no command that resizes its host: nothing to mirror in the console.
        self.record("", Op::Host, &result, Vec::new);
        result?;
        self.host_changed.notify();
        self.save_host();
        Ok(())
    }

    /// Creates a VM, started or stopped.
    pub fn create(&self, config: VmConfig, mode: StartMode) -> Result<(), VmError> {
        // Rows and storage keys are by the name the core keeps: in NFC.
        let name = nfc(&config.name).into_owned();
        let base = self.take_in_stored(&name);
        let _undo = self.undoable(&[&name]);
        let start = mode == StartMode::Start;
        let mirrored = config.clone();
        let result = if start {
            self.manager().create_vm(config)
        } else {
            self.manager().define_vm(config)
        };
        self.record(&name, Op::Create, &result, || {
            command_for(&GuiAction::Create {
                config: &mirrored,
                start,
            })
        });
        result?;
        self.show(&name);
        self.save(&name, base);
        Ok(())
    }

    /// Moves a VM through a transition.
    pub fn transition(&self, name: &str, transition: Transition) -> Result<VmState, VmError> {
        let name = &*nfc(name);
        let base = self.take_in_stored(name);
        let _undo = self.undoable(&[name]);
        let before = self
            .find(name)
            .map(|row| row.info.with_untracked(|info| info.state));
        let result = self.report(name, self.manager().apply(name, transition));
        self.record(name, Op::from(transition), &result, || {
            command_for(&GuiAction::Transition { name, transition })
        });
        let state = result?;
        self.operated.set(Some(Operated {
            vm: name.to_owned(),
            moved: before.map(|before| (before, state)),
        }));
        let reason = match transition {
            Transition::Start => Reason::Booted,
            Transition::Stop => Reason::Shutdown,
            Transition::Pause => Reason::User,
            Transition::Resume => Reason::Unpaused,
        };
        self.facts.update_value(|facts| {
            let known = Facts {
                reason: Some((state, reason)),
                ..facts.get(name)
            };
            facts.set(name, known);
        });
        self.show(name);
        self.save(name, base);
        Ok(state)
    }

    /// Changes a VM's config from an edit of `opened` (the config a form was filled with):
    /// only the fields the edit changed are applied to what the VM has now
    /// ([`VmConfig::rebased`]), so a form left open while another tab changed the VM keeps
    /// that change.
    pub fn update_edited(
        &self,
        name: &str,
        opened: &VmConfig,
        edited: VmConfig,
    ) -> Result<ConfigUpdate, VmError> {
        self.update_from(name, |current| match current {
            Some(current) => edited.rebased(opened, current),
            None => edited,
        })
    }

    /// Changes a VM's config (see [`MockVmManager::update_vm_config`]).
    pub fn update(&self, name: &str, config: VmConfig) -> Result<ConfigUpdate, VmError> {
        self.update_from(name, |_| config)
    }

    /// [`App::update`] with the config `config_for` makes from the VM's as it is once
    /// storage's record is taken in (`None`: there is no such VM).
    fn update_from(
        &self,
        name: &str,
        config_for: impl FnOnce(Option<&VmConfig>) -> VmConfig,
    ) -> Result<ConfigUpdate, VmError> {
        let name = &*nfc(name);
        let base = self.take_in_stored(name);
        let before = self
            .manager()
            .get_vm_info(name)
            .map(|info| info.pending.unwrap_or(info.config));
        let config = config_for(before.as_ref().ok());
        let new_name = nfc(&config.name).into_owned();
        let new_base = if new_name != name {
            self.take_in_stored(&new_name)
        } else {
            base.clone()
        };
        let _undo = self.undoable(&[name, &new_name]);
        let mirrored = config.clone();
        let result = self.manager().update_vm_config(name, config);
        let op = if new_name != name {
            Op::Rename
        } else {
            Op::Update
        };
        self.record(name, op, &result, || match &before {
            Ok(from) => command_for(&GuiAction::Update {
                name,
                from,
                to: &mirrored,
            }),
            Err(_) => Vec::new(),
        });
        let outcome = result?;
        self.report(name, Ok(()))?;
        // The edit dialog's memory and vCPUs are the VM's maximum and current alike (the
        // console sets its own maxima again after this, where it changes only one).
        if let Ok(from) = &before {
            let (memory, vcpus) = (from.memory != mirrored.memory, from.vcpus != mirrored.vcpus);
            self.facts.update_value(|facts| {
                let mut known = facts.get(name);
                if memory {
                    known.max_memory = None;
                }
                if vcpus {
                    known.max_vcpus = None;
                }
                facts.set(name, known);
                if new_name != name {
                    facts.rename(name, &new_name);
                }
            });
        }
        self.show(name);
        if new_name != name {
            self.show(&new_name);
            self.note_rename(name, &new_name);
            self.save(name, base);
        }
        self.save(&new_name, new_base);
        Ok(outcome)
    }

    /// Drops a VM's pending config changes.
    pub fn discard_pending(&self, name: &str) -> Result<bool, VmError> {
        let name = &*nfc(name);
        let base = self.take_in_stored(name);
        let _undo = self.undoable(&[name]);
        let result = self.report(name, self.manager().discard_pending(name));
        self.record(name, Op::Discard, &result, || {
            command_for(&GuiAction::DiscardPending { name })
        });
        let discarded = result?;
        self.show(name);
        self.save(name, base);
        Ok(discarded)
    }

    /// Deletes a VM in any state; one with snapshots only `with_snapshots` (see
    /// [`MockVmManager::delete_vm_with`]).
    pub fn delete(&self, name: &str, with_snapshots: bool) -> Result<(), VmError> {
        let name = &*nfc(name);
        let base = self.take_in_stored(name);
        let _undo = self.undoable(&[name]);
        let had_snapshots = self
            .manager()
            .get_vm_info(name)
            .is_ok_and(|info| !info.snapshots.is_empty());
        let result = self.report(name, self.manager().delete_vm_with(name, with_snapshots));
        self.record(name, Op::Delete, &result, || {
            command_for(&GuiAction::Delete {
                name,
                snapshots: had_snapshots,
            })
        });
        result?;
        self.show(name);
        self.save(name, base);
        Ok(())
    }

    /// Takes a snapshot of a VM (see [`MockVmManager::create_snapshot`]); logged as
    /// `snapshot-create`.
    pub fn create_snapshot(&self, request: NewSnapshot<'_>) -> Result<Snapshot, VmError> {
        let vm = &*nfc(request.vm);
        let request = NewSnapshot { vm, ..request };
        let base = self.take_in_stored(vm);
        let _undo = self.undoable(&[vm]);
        let result = self.report(vm, self.manager().create_snapshot(request));
        self.record(vm, Op::SnapshotCreate, &result, || {
            command_for(&GuiAction::SnapshotCreate(request))
        });
        let snapshot = result?;
        self.show(vm);
        self.save(vm, base);
        Ok(snapshot)
    }

    /// Reverts a VM to a snapshot (see [`MockVmManager::revert_to_snapshot`]); logged as
    /// `snapshot-revert`, and the diagram shows the transition it made.
    pub fn revert_snapshot(&self, vm: &str, name: &str) -> Result<VmState, VmError> {
        let vm = &*nfc(vm);
        let base = self.take_in_stored(vm);
        let _undo = self.undoable(&[vm]);
        let before = self
            .find(vm)
            .map(|row| row.info.with_untracked(|info| info.state));
        let result = self.report(vm, self.manager().revert_to_snapshot(vm, name));
        self.record(vm, Op::SnapshotRevert, &result, || {
            command_for(&GuiAction::SnapshotRevert { vm, name })
        });
        let state = result?;
        self.operated.set(Some(Operated {
            vm: vm.to_owned(),
            moved: before
                .filter(|before| *before != state)
                .map(|before| (before, state)),
        }));
        self.facts.update_value(|facts| {
            let known = Facts {
                reason: Some((state, Reason::FromSnapshot)),
                ..facts.get(vm)
            };
            facts.set(vm, known);
        });
        self.show(vm);
        self.save(vm, base);
        Ok(state)
    }

    /// Deletes a snapshot, or with `children` its subtree (see
    /// [`MockVmManager::delete_snapshot`]); logged as `snapshot-delete`.
    pub fn delete_snapshot(&self, request: SnapshotDeletion<'_>) -> Result<Vec<String>, VmError> {
        let vm = &*nfc(request.vm);
        let request = SnapshotDeletion { vm, ..request };
        let base = self.take_in_stored(vm);
        let _undo = self.undoable(&[vm]);
        let result = self.report(vm, self.manager().delete_snapshot(request));
        self.record(vm, Op::SnapshotDelete, &result, || {
            command_for(&GuiAction::SnapshotDelete(request))
        });
        let deleted = result?;
        self.show(vm);
        self.save(vm, base);
        Ok(deleted)
    }

    /// Clones a stopped VM as `new_name` (see [`MockVmManager::clone_vm`]); logged as
    /// `clone` under the original's name.
    pub fn clone_vm(&self, source: &str, new_name: &str) -> Result<VmInfo, VmError> {
        let source = &*nfc(source);
        let clone_name = nfc(new_name).into_owned();
        self.take_in_stored(source);
        let base = self.take_in_stored(&clone_name);
        let _undo = self.undoable(&[&clone_name]);
        let result = self.report(source, self.manager().clone_vm(source, new_name));
        self.record(source, Op::Clone, &result, || {
            command_for(&GuiAction::Clone {
                original: source,
                name: &clone_name,
            })
        });
        let clone = result?;
        self.show(&clone_name);
        self.host_changed.notify();
        self.save(&clone_name, base);
        Ok(clone)
    }

    /// Replaces every VM with the demo set and saves it.
    pub fn reset_to_demo(&self) {
        let _undo = self.undoable_all(Op::Reset);
        demo::load_demo(&self.manager()).expect("the demo set is valid");
        self.replace_saved();
        self.record::<()>("", Op::Reset, &Ok(()), Vec::new);
    }

    /// The whole state as an export file.
    pub fn export(&self) -> String {
        let manager = self.manager();
        let state = manager
            .saved_state()
            .unwrap_or_else(|_| SavedState::default());
        let host = manager
            .host_info()
            .map_or(Host::UNLIMITED, |info| info.host);
        export_json(&state, &host, now())
    }

    /// Takes in the VMs of a confirmed import. Replace also takes the file's or the share
    /// link's host (if it has a usable one); Merge keeps this page's host. Refused, changing
    /// nothing, when storage has no room for them: `Err` with the bytes it lacks (an import
    /// saved in part would leave storage holding neither the old VMs nor the new).
    pub fn import(&self, preview: ImportPreview, mode: ImportMode) -> Result<(), usize> {
        self.room_for(&preview.vms)?;
        let _undo = self.undoable_all(Op::Import);
        let manager = self.manager();
        match mode {
            ImportMode::Replace => {
                let host = preview.host_for_replace();
                let state = SavedState { vms: preview.vms };
                let result = match host {
                    Some(host) => manager.restore_with_host(state, host),
                    None => manager.restore(state),
                };
                if result.is_ok() {
                    self.replace_saved();
                    if host.is_some() {
                        self.host_changed.notify();
                        self.save_host();
                    }
                }
                self.record("", Op::Import, &result, Vec::new);
            }
            ImportMode::Merge => {
                let mut merged = Vec::new();
                for info in preview.vms {
                    let name = info.config.name.clone();
                    let result = manager.put_vm(info);
                    if result.is_ok() {
                        merged.push(name.clone());
                    }
                    self.record(&name, Op::Import, &result, Vec::new);
                }
                self.refresh_all();
                // The user chose to replace these VMs: based on what storage holds now.
                for name in merged {
                    let base = self.stored_record(&name);
                    self.save(&name, base);
                }
            }
        }
        Ok(())
    }
}
