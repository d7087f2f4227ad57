//! The event log's persistence: loaded at start-up (an unreadable log is backed up and
//! starts afresh), saved when the browser is idle by merging this tab's new entries into
//! what other tabs stored, and taken in when another tab writes it. Apart from the VMs'
//! saving: a log that can't be written keeps its new entries for the next try and never
//! changes how the VMs are saved.

use leptos::prelude::*;

use crate::event_log::EventLog;
use crate::ordering::by_insertion;
use crate::storage::{Backup, LoadProblem, LoadReason, LOG_KEY};
use crate::web::app::{now, App, Notice, NoticeItem, NoticeTitle};
use crate::web::store;

/// The stored event log, if there is a readable one.
fn stored_events() -> Option<EventLog> {
    let text = store::read(LOG_KEY).ok().flatten()?;
    let value = serde_json::from_str(&text).ok()?;
    Some(EventLog::load(&value).0)
}

impl App {
    /// Loads the event log; an unreadable one is kept in a backup and the log starts afresh.
    pub(super) fn load_events(&self, entries: &[(String, String)]) {
        let Some((_, text)) = entries.iter().find(|(key, _)| key == LOG_KEY) else {
            return;
        };
        let parsed =
            serde_json::from_str::<serde_json::Value>(text).map(|value| EventLog::load(&value));
        match parsed {
            Ok((log, 0)) => self.events.set(log),
            Ok((log, skipped)) => {
                self.events.set(log);
                self.notices.update(|notices| {
                    notices.push(Notice {
                        title: NoticeTitle::LogEntriesSkipped { count: skipped },
                        items: Vec::new(),
                        backup_key: None,
                    })
                });
            }
            Err(error) => {
                let problem = LoadProblem {
                    key: LOG_KEY.to_owned(),
                    reason: LoadReason::UnreadableLog(error.to_string()),
                };
                let backup = Backup {
                    created_at: now(),
                    reasons: vec![problem.to_string()],
                    entries: by_insertion([(LOG_KEY.to_owned(), text.clone())]),
                };
                let kept = store::save_backup(&backup).ok();
                if let Some(key) = &kept {
                    self.backups.update(|backups| backups.push(key.clone()));
                    let _ = store::remove_keys(&[LOG_KEY.to_owned()]);
                }
                self.notices.update(|notices| {
                    notices.push(Notice {
                        title: NoticeTitle::LogUnreadable,
                        items: vec![NoticeItem::Problem(problem)],
                        backup_key: kept,
                    })
                });
            }
        }
    }

    /// Saves new events when the browser is idle, off the click's path. One save is
    /// scheduled at a time; later events ride along with it.
    pub(in crate::web) fn save_events_soon(&self) {
        let app = *self;
        if !self.events_scheduled.get_value() {
            self.events_scheduled.set_value(true);
            request_idle_callback(move || {
                app.events_scheduled.set_value(false);
                app.save_events();
            });
        }
    }

    /// Merges the new events into the stored log and writes it; other tabs' events stay. A
    /// log that can't be written keeps its new events for the next try (the newest
    /// [`EventLog::capacity`] of them), and changes nothing about the VMs' saving.
    pub(super) fn save_events(&self) {
        let unsaved = self.unsaved_events.get_value();
        if unsaved.is_empty() || self.unknown_format() {
            return;
        }
        let stored = stored_events().unwrap_or_else(|| self.events.get_untracked());
        let merged = stored.merged(&unsaved);
        let (kept, json) = merged.to_stored_json();
        match store::write(LOG_KEY, &json) {
            Ok(()) => {
                self.unsaved_events.set_value(Vec::new());
                self.events.set(kept);
            }
            Err(_) => {
                let capacity = merged.capacity();
                self.unsaved_events.update_value(|events| {
                    let excess = events.len().saturating_sub(capacity);
                    events.drain(..excess);
                });
            }
        }
    }

    /// Storage lost the log (see `App::write_back`): this tab's, as the page shows it (its
    /// unsaved events included), is written in its place.
    pub(super) fn write_log_back(&self) {
        if self.unknown_format() {
            return;
        }
        let (kept, json) = self.events.with_untracked(EventLog::to_stored_json);
        if store::write(LOG_KEY, &json).is_ok() {
            self.unsaved_events.set_value(Vec::new());
            self.events.set(kept);
        }
    }

    /// Another tab wrote the log: show it with this tab's unsaved events.
    pub(super) fn take_in_events(&self) {
        if self.unknown_format() {
            return;
        }
        if let Some(stored) = stored_events() {
            let merged = stored.merged(&self.unsaved_events.get_value());
            self.events.set(merged);
        }
    }
}
