//! The event log: every operation, from the GUI, the console or the JS API, with its time, VM,
//! operation, outcome and source. Bounded (the oldest entries go first), filterable by VM,
//! saved with the state (serde) and exportable as text. Pure Rust, tested natively.

use std::collections::VecDeque;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::console::quote;
use crate::manager::Transition;
use crate::present::cut_text;

/// Where an operation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A button or form.
    Gui,
    /// A console command.
    Console,
    /// The JavaScript API.
    Api,
}

impl Source {
    /// Every source.
    pub const ALL: [Source; 3] = [Source::Gui, Source::Console, Source::Api];

    /// The word used in JSON, text exports and `data-event-source`: "gui", "console", "api".
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Gui => "gui",
            Source::Console => "console",
            Source::Api => "api",
        }
    }

    /// Parses [`Source::as_str`]'s words.
    pub fn parse(word: &str) -> Option<Source> {
        Source::ALL
            .into_iter()
            .find(|source| source.as_str() == word)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An operation the event log records: one variant per thing the page, the console or the JS
/// API can do, whichever way it came in (a Stop button, `virsh shutdown web-01` and
/// `vmPlayground.stopVm("web-01")` are all [`Op::Stop`]).
///
/// Stored, exported and shown (`data-event-op`, an automation contract) as its [`Op::as_str`]
/// word: the core's and the page's words (`stop`, `pause`, `delete`), virsh's for what only
/// virsh names (`destroy`, `setmaxmem`). A stored log is read leniently: the words older
/// versions' GUI wrote for the same operations (`shutdown`, `suspend`) read as theirs, and an
/// entry with a word no version wrote is skipped, never the whole log ([`EventLog::load`]
/// counts it as unreadable and the page says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// A VM defined (and maybe started).
    Create,
    /// A VM started.
    Start,
    /// A VM shut down gracefully (the GUI's Stop, the API's `stopVm`, virsh `shutdown`).
    Stop,
    /// A VM forced off (virsh `destroy`).
    Destroy,
    /// A VM paused (the GUI's Pause, the API's `pauseVm`, virsh `suspend`).
    Pause,
    /// A paused VM resumed.
    Resume,
    /// A running VM stopped and started again.
    Reboot,
    /// A config changed (an edit, virsh `setmem`, `setvcpus`).
    Update,
    /// The maximum memory changed (virsh `setmaxmem`, which only the console has).
    SetMaxMem,
    /// A VM renamed (an edit of its name, virsh `domrename`).
    Rename,
    /// Pending config changes discarded.
    Discard,
    /// A VM deleted (virsh `undefine`).
    Delete,
    /// VMs imported from a file or a shared link.
    Import,
    /// The demo set restored.
    Reset,
    /// The host resized.
    Host,
    /// A change undone.
    Undo,
    /// A change redone.
    Redo,
    /// A snapshot taken.
    SnapshotCreate,
    /// A VM reverted to a snapshot.
    SnapshotRevert,
    /// A snapshot deleted.
    SnapshotDelete,
    /// A VM cloned (logged on the original).
    Clone,
}

impl Op {
    /// Every operation.
    pub const ALL: [Op; 21] = [
        Op::Create,
        Op::Start,
        Op::Stop,
        Op::Destroy,
        Op::Pause,
        Op::Resume,
        Op::Reboot,
        Op::Update,
        Op::SetMaxMem,
        Op::Rename,
        Op::Discard,
        Op::Delete,
        Op::Import,
        Op::Reset,
        Op::Host,
        Op::Undo,
        Op::Redo,
        Op::SnapshotCreate,
        Op::SnapshotRevert,
        Op::SnapshotDelete,
        Op::Clone,
    ];

    /// The word in JSON, text exports, `data-event-op` and undo's descriptions.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Create => "create",
            Op::Start => "start",
            Op::Stop => "stop",
            Op::Destroy => "destroy",
            Op::Pause => "pause",
            Op::Resume => "resume",
            Op::Reboot => "reboot",
            Op::Update => "update",
            Op::SetMaxMem => "setmaxmem",
            Op::Rename => "rename",
            Op::Discard => "discard",
            Op::Delete => "delete",
            Op::Import => "import",
            Op::Reset => "reset",
            Op::Host => "host",
            Op::Undo => "undo",
            Op::Redo => "redo",
            Op::SnapshotCreate => "snapshot-create",
            Op::SnapshotRevert => "snapshot-revert",
            Op::SnapshotDelete => "snapshot-delete",
            Op::Clone => "clone",
        }
    }

    /// Reads [`Op::as_str`]'s words, and the words logs saved before the page and the console
    /// agreed (the GUI logged `shutdown` and `suspend`).
    pub fn parse(word: &str) -> Option<Op> {
        match word {
            "shutdown" => Some(Op::Stop),
            "suspend" => Some(Op::Pause),
            _ => Op::ALL.into_iter().find(|op| op.as_str() == word),
        }
    }
}

impl From<Transition> for Op {
    fn from(transition: Transition) -> Op {
        match transition {
            Transition::Start => Op::Start,
            Transition::Stop => Op::Stop,
            Transition::Pause => Op::Pause,
            Transition::Resume => Op::Resume,
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Op {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Op {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Op, D::Error> {
        let word = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Op::parse(&word)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown operation '{word}'")))
    }
}

fn yes() -> bool {
    true
}

/// One operation and how it went.
///
/// JSON: `{"at":1714566896789,"vm":"web-01","op":"start","ok":false,"error":"...",
/// "source":"gui"}`; `error` is left out when there is none, and a missing `ok` reads as
/// true (a present `error` still makes the event a failure).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// When, in milliseconds since the Unix epoch.
    pub at: u64,
    /// The VM's name (as given, even if the operation was refused).
    pub vm: String,
    /// What was done.
    pub op: Op,
    /// Whether it succeeded.
    #[serde(default = "yes")]
    pub ok: bool,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Where it came from.
    pub source: Source,
}

/// The most characters an event keeps of its VM name and its error message each; longer text is cut, its last character "…". A name or argument of any length (the
/// JS API passes whatever it is given) thus makes an entry of bounded size.
pub const MAX_EVENT_TEXT: usize = 200;

/// The most bytes of JSON the stored log takes ([`EventLog::to_stored_json`]): the oldest
/// entries are left out of the stored copy until it fits, so the log always leaves room for
/// the VMs beside it (a VM's record is a few hundred bytes). An entry is at most ~2.5 KB (two
/// texts of [`MAX_EVENT_TEXT`] characters, each at worst 6 bytes when JSON escapes a control
/// character, plus ~80 bytes of fields), so the stored log holds at least the newest 70 and,
/// with typical entries of ~100 bytes, all 500 of [`EventLog::DEFAULT_CAPACITY`].
/// localStorage counts UTF-16 code units, never more than the UTF-8 bytes counted here.
pub const MAX_STORED_LOG_BYTES: usize = 256 * 1024;

impl Event {
    /// An event; `outcome` is `Ok(())` or the error message. Each text is cut to
    /// [`MAX_EVENT_TEXT`] characters.
    pub fn new(
        at: u64,
        vm: impl Into<String>,
        op: Op,
        outcome: Result<(), String>,
        source: Source,
    ) -> Self {
        let error = outcome.err();
        Event {
            at,
            vm: vm.into(),
            op,
            ok: error.is_none(),
            error,
            source,
        }
        .normalised()
    }

    /// `Ok(())`, or the error. An event marked failed without a message gives
    /// "unknown error".
    pub fn outcome(&self) -> Result<(), &str> {
        match (&self.error, self.ok) {
            (None, true) => Ok(()),
            (Some(error), _) => Err(error),
            (None, false) => Err(UNKNOWN_ERROR),
        }
    }

    /// One line: `2024-05-01T12:34:56.789Z console web-01 start ok`, or `... error: why`.
    /// The VM name is quoted if it holds spaces or quotes, as the console would.
    pub fn to_text(&self) -> String {
        let outcome = match self.outcome() {
            Ok(()) => "ok".to_owned(),
            Err(error) => format!("error: {error}"),
        };
        format!(
            "{} {} {} {} {outcome}",
            iso8601(self.at),
            self.source,
            quote(&self.vm),
            self.op
        )
    }

    /// Makes `ok` and `error` agree (a failure always has a message) and cuts every text to
    /// [`MAX_EVENT_TEXT`] characters.
    fn normalised(mut self) -> Self {
        if let Err(error) = self.outcome() {
            self.error = Some(error.to_owned());
            self.ok = false;
        }
        let cut = |text: &mut String| {
            if text.len() > MAX_EVENT_TEXT {
                *text = cut_text(text, MAX_EVENT_TEXT);
            }
        };
        cut(&mut self.vm);
        if let Some(error) = &mut self.error {
            cut(error);
        }
        self
    }
}

const UNKNOWN_ERROR: &str = "unknown error";

/// The log: the newest [`EventLog::capacity`] events, oldest first.
///
/// JSON: `{"capacity":500,"entries":[...]}`; either key may be missing. Deserialised logs
/// should go through [`EventLog::validated`] (or be read with [`EventLog::from_json`], which
/// does it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventLog {
    capacity: usize,
    entries: VecDeque<Event>,
}

impl Default for EventLog {
    fn default() -> Self {
        EventLog::with_capacity(EventLog::DEFAULT_CAPACITY)
    }
}

impl EventLog {
    /// How many events a log keeps unless told otherwise.
    pub const DEFAULT_CAPACITY: usize = 500;
    /// The most a log may keep (a saved log asking for more is clamped).
    pub const MAX_CAPACITY: usize = 10_000;

    /// An empty log keeping [`EventLog::DEFAULT_CAPACITY`] events.
    pub fn new() -> Self {
        EventLog::default()
    }

    /// An empty log keeping `capacity` events, clamped to 1..=[`EventLog::MAX_CAPACITY`].
    pub fn with_capacity(capacity: usize) -> Self {
        EventLog {
            capacity: capacity.clamp(1, EventLog::MAX_CAPACITY),
            entries: VecDeque::new(),
        }
    }

    /// A log as deserialised, made valid: a capacity of 0 becomes the default and a larger
    /// one than [`EventLog::MAX_CAPACITY`] is clamped; only the newest `capacity` entries are
    /// kept; every failed event gets a message.
    pub fn validated(self) -> Self {
        let capacity = match self.capacity {
            0 => EventLog::DEFAULT_CAPACITY,
            capacity => capacity.min(EventLog::MAX_CAPACITY),
        };
        let skip = self.entries.len().saturating_sub(capacity);
        EventLog {
            capacity,
            entries: self
                .entries
                .into_iter()
                .skip(skip)
                .map(Event::normalised)
                .collect(),
        }
    }

    /// Reads a saved log (see [`EventLog::load`]); fails only on text that is not JSON.
    pub fn from_json(text: &str) -> Result<EventLog, serde_json::Error> {
        let value: Value = serde_json::from_str(text)?;
        Ok(EventLog::load(&value).0)
    }

    /// Reads a saved log leniently: an entry that is not an event is skipped rather than
    /// losing the whole log, a missing or unreadable capacity is the default, and anything
    /// that is not an object is an empty log. Returns the log, validated, and how many
    /// entries were skipped as unreadable.
    pub fn load(value: &Value) -> (EventLog, usize) {
        let capacity = value
            .get("capacity")
            .and_then(Value::as_u64)
            .map_or(EventLog::DEFAULT_CAPACITY, |capacity| {
                usize::try_from(capacity).unwrap_or(usize::MAX)
            });
        let mut skipped = 0;
        let entries = value
            .get("entries")
            .and_then(Value::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|entry| {
                        let event = Event::deserialize(entry).ok();
                        skipped += usize::from(event.is_none());
                        event
                    })
                    .collect()
            })
            .unwrap_or_default();
        (EventLog { capacity, entries }.validated(), skipped)
    }

    /// The log as JSON, for saving.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned())
    }

    /// The log as JSON for storage: without its oldest entries if that is what it takes to
    /// stay within [`MAX_STORED_LOG_BYTES`]. Returns the log as stored, too.
    pub fn to_stored_json(&self) -> (EventLog, String) {
        let sizes: Vec<usize> = self
            .entries
            .iter()
            .map(|event| serde_json::to_string(event).map_or(0, |json| json.len() + 1))
            .collect();
        let empty = EventLog::with_capacity(self.capacity).to_json().len();
        let mut total = empty + sizes.iter().sum::<usize>();
        let mut skip = 0;
        while total > MAX_STORED_LOG_BYTES && skip < sizes.len() {
            total -= sizes[skip];
            skip += 1;
        }
        let stored = EventLog {
            capacity: self.capacity,
            entries: self.entries.iter().skip(skip).cloned().collect(),
        };
        let json = stored.to_json();
        (stored, json)
    }

    /// How many events it keeps at most.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many events it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds an event, dropping the oldest if the log is full. Returns the dropped one.
    pub fn push(&mut self, event: Event) -> Option<Event> {
        let dropped = if self.entries.len() >= self.capacity {
            self.entries.pop_front()
        } else {
            None
        };
        self.entries.push_back(event.normalised());
        dropped
    }

    /// This log with `events` added that it doesn't hold yet (as many copies of an event as
    /// `events` has, not more), in time order (events of the
    /// same millisecond keep their order), trimmed to the capacity: how a tab merges its new
    /// events into the log other tabs saved.
    ///
    /// ```
    /// use vm_playground::event_log::{Event, EventLog, Op, Source};
    /// let mut stored = EventLog::new();
    /// let a = Event::new(1, "a", Op::Start, Ok(()), Source::Gui);
    /// let b = Event::new(2, "b", Op::Stop, Ok(()), Source::Console);
    /// stored.push(b.clone());
    /// let merged = stored.merged(&[a.clone(), b.clone()]);
    /// assert_eq!(merged.entries().cloned().collect::<Vec<_>>(), [a, b]);
    /// ```
    pub fn merged(&self, events: &[Event]) -> EventLog {
        // In time order, ties in the order given: each event goes after the last one not
        // later than it. Both sides are (nearly) in time order already, so that is found at
        // once from the end, and it is far less code than a sort.
        let mut all: Vec<Event> = Vec::with_capacity(self.entries.len() + events.len());
        let insert = |all: &mut Vec<Event>, event: &Event| {
            let at = all
                .iter()
                .rposition(|kept| kept.at <= event.at)
                .map_or(0, |before| before + 1);
            all.insert(at, event.clone());
        };
        for event in &self.entries {
            insert(&mut all, event);
        }
        // An event this log holds already is not added again, counting copies: identical
        // events (the same refusal twice in one millisecond) are each kept.
        let mut matched = vec![false; self.entries.len()];
        for event in events {
            let held = self
                .entries
                .iter()
                .zip(matched.iter_mut())
                .find(|(kept, matched)| !**matched && *kept == event);
            match held {
                Some((_, matched)) => *matched = true,
                None => insert(&mut all, event),
            }
        }
        let mut log = EventLog::with_capacity(self.capacity);
        for event in all {
            log.push(event);
        }
        log
    }

    /// Removes every event.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The events given with a number that tells identical ones apart (0 for the first of its
    /// kind, 1 for the next identical one...): a key that stays unique for a list of events,
    /// even for the same operation on the same VM twice in one millisecond.
    /// (Quadratic in the events given: meant for the few hundred a panel shows.)
    pub fn numbered(events: Vec<Event>) -> Vec<(usize, Event)> {
        let numbers: Vec<usize> = events
            .iter()
            .enumerate()
            .map(|(index, event)| events[..index].iter().filter(|e| *e == event).count())
            .collect();
        numbers.into_iter().zip(events).collect()
    }

    /// The events, oldest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &Event> + ExactSizeIterator {
        self.entries.iter()
    }

    /// The events about `vm` (every event if `None`), oldest first.
    pub fn filtered<'a>(
        &'a self,
        vm: Option<&'a str>,
    ) -> impl DoubleEndedIterator<Item = &'a Event> + 'a {
        self.entries
            .iter()
            .filter(move |event| vm.is_none_or(|vm| event.vm == vm))
    }

    /// Every event as text, one line each (see [`Event::to_text`]), each ending in a newline.
    pub fn to_text(&self) -> String {
        self.text_for(None)
    }

    /// The events about `vm` (all if `None`) as text, like [`EventLog::to_text`].
    pub fn text_for(&self, vm: Option<&str>) -> String {
        self.filtered(vm)
            .map(|event| event.to_text() + "\n")
            .collect()
    }
}

/// `ms` milliseconds since the Unix epoch as ISO 8601 UTC: `2024-05-01T12:34:56.789Z`.
pub fn iso8601(ms: u64) -> String {
    let seconds = ms / 1000;
    let (year, month, day) = civil_from_days(seconds / 86_400);
    let time = seconds % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        time / 3600,
        time % 3600 / 60,
        time % 60,
        ms % 1000
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let days = days + 719_468; // days since 0000-03-01
    let era = days / 146_097;
    let day_of_era = days % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // March = 0
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_matches_known_instants() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(1), "1970-01-01T00:00:00.001Z");
        assert_eq!(iso8601(86_399_999), "1970-01-01T23:59:59.999Z");
        assert_eq!(iso8601(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso8601(951_868_800_000), "2000-03-01T00:00:00.000Z");
        assert_eq!(iso8601(1_700_000_000_000), "2023-11-14T22:13:20.000Z");
        assert_eq!(iso8601(1_709_208_000_123), "2024-02-29T12:00:00.123Z");
        assert_eq!(iso8601(1_735_689_599_999), "2024-12-31T23:59:59.999Z");
        assert_eq!(iso8601(4_102_444_800_000), "2100-01-01T00:00:00.000Z");
        assert_eq!(iso8601(253_402_300_799_000), "9999-12-31T23:59:59.000Z");
        // Doesn't overflow at the far end.
        assert!(iso8601(u64::MAX).ends_with(".615Z"));
    }

    #[test]
    fn iso8601_agrees_with_a_day_by_day_count() {
        // Walk 1970..2401 a day at a time with the leap-year rule and compare.
        let mut days = 0u64;
        for year in 1970u64..2401 {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let lengths = [
                31,
                28 + u64::from(leap),
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            for (month, length) in lengths.into_iter().enumerate() {
                for day in 1..=length {
                    let expected = format!("{year:04}-{:02}-{day:02}", month + 1);
                    assert_eq!(
                        civil_from_days(days),
                        (year, month as u64 + 1, day),
                        "{expected}"
                    );
                    days += 1;
                }
            }
        }
    }
}
