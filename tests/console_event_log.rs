//! The event log: capacity, filtering, the text export, the saved JSON shape and reading a
//! saved log back leniently; and console records turned into events.
#![allow(
    clippy::disallowed_methods,
    reason = "native-only code: the page's size habits don't apply"
)]
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use vm_playground::console::{execute_in, run, run_in, virsh_name, Command, OpRecord};
use vm_playground::event_log::{iso8601, Event, EventLog, Op, Source};
use vm_playground::i18n::Lang;
use vm_playground::{MockVmManager, Transition, VmConfig, VmError};

fn event(at: u64, vm: &str, op: Op) -> Event {
    Event::new(at, vm, op, Ok(()), Source::Gui)
}

fn vms(log: &EventLog) -> Vec<String> {
    log.entries().map(|event| event.vm.clone()).collect()
}

// --- Source and Event -----------------------------------------------------------------------

#[test]
fn sources_are_lowercase_words() {
    for (source, word) in [
        (Source::Gui, "gui"),
        (Source::Console, "console"),
        (Source::Api, "api"),
    ] {
        assert_eq!(source.as_str(), word);
        assert_eq!(source.to_string(), word);
        assert_eq!(Source::parse(word), Some(source));
        assert_eq!(serde_json::to_value(source).unwrap(), json!(word));
        assert_eq!(
            serde_json::from_value::<Source>(json!(word)).unwrap(),
            source
        );
    }
    assert_eq!(Source::parse("GUI"), None);
    assert!(serde_json::from_value::<Source>(json!("web")).is_err());
}

#[test]
fn an_event_holds_its_outcome() {
    let done = Event::new(5, "web-01", Op::Start, Ok(()), Source::Console);
    assert!(done.ok);
    assert_eq!(done.error, None);
    assert_eq!(done.outcome(), Ok(()));
    let failed = Event::new(6, "web-01", Op::Start, Err("no".into()), Source::Api);
    assert!(!failed.ok);
    assert_eq!(failed.outcome(), Err("no"));
}

#[test]
fn event_json_shape() {
    assert_eq!(
        serde_json::to_value(Event::new(1, "web-01", Op::Start, Ok(()), Source::Gui)).unwrap(),
        json!({ "at": 1, "vm": "web-01", "op": "start", "ok": true, "source": "gui" })
    );
    assert_eq!(
        serde_json::to_value(Event::new(
            2,
            "x",
            Op::Delete,
            Err("no VM named 'x' exists".into()),
            Source::Console
        ))
        .unwrap(),
        json!({
            "at": 2, "vm": "x", "op": "delete", "ok": false,
            "error": "no VM named 'x' exists", "source": "console"
        })
    );
}

#[test]
fn a_saved_event_may_leave_out_ok_and_error() {
    let event: Event =
        serde_json::from_value(json!({ "at": 1, "vm": "a", "op": "start", "source": "api" }))
            .unwrap();
    assert_eq!(event, Event::new(1, "a", Op::Start, Ok(()), Source::Api));
    // Missing required fields are errors.
    assert!(serde_json::from_value::<Event>(json!({ "vm": "a", "op": "start" })).is_err());
}

#[test]
fn an_event_line_of_text() {
    assert_eq!(
        Event::new(
            1_714_566_896_789,
            "web-01",
            Op::Start,
            Ok(()),
            Source::Console
        )
        .to_text(),
        "2024-05-01T12:34:56.789Z console web-01 start ok"
    );
    assert_eq!(
        Event::new(
            0,
            "my vm",
            Op::Create,
            Err("name may contain only letters, digits, '-', '_' and '.', not a space".into()),
            Source::Api
        )
        .to_text(),
        "1970-01-01T00:00:00.000Z api 'my vm' create error: name may contain only letters, \
         digits, '-', '_' and '.', not a space"
    );
    let inconsistent = Event {
        ok: false,
        ..event(0, "a", Op::Stop)
    };
    assert_eq!(
        inconsistent.to_text(),
        "1970-01-01T00:00:00.000Z gui a stop error: unknown error"
    );
}

#[test]
fn iso8601_is_public_and_right() {
    assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
    assert_eq!(iso8601(1_714_566_896_789), "2024-05-01T12:34:56.789Z");
}

// --- The log --------------------------------------------------------------------------------

#[test]
fn a_new_log_keeps_500() {
    let mut log = EventLog::new();
    assert_eq!(log.capacity(), 500);
    assert_eq!(EventLog::default(), log);
    assert!(log.is_empty());
    for at in 0..501 {
        log.push(event(at, &format!("vm-{at}"), Op::Start));
    }
    assert_eq!(log.len(), 500);
    assert_eq!(log.entries().next().unwrap().vm, "vm-1");
    assert_eq!(log.entries().next_back().unwrap().vm, "vm-500");
}

#[test]
fn push_drops_the_oldest_beyond_capacity() {
    let mut log = EventLog::with_capacity(2);
    assert_eq!(log.push(event(1, "a", Op::Start)), None);
    assert_eq!(log.push(event(2, "b", Op::Start)), None);
    assert_eq!(
        log.push(event(3, "c", Op::Start)),
        Some(event(1, "a", Op::Start))
    );
    assert_eq!(vms(&log), ["b", "c"]);
    assert_eq!(log.len(), 2);
    log.clear();
    assert!(log.is_empty());
    assert_eq!(log.capacity(), 2);
}

#[test]
fn capacity_is_clamped() {
    assert_eq!(EventLog::with_capacity(0).capacity(), 1);
    assert_eq!(
        EventLog::with_capacity(1_000_000).capacity(),
        EventLog::MAX_CAPACITY
    );
    let mut one = EventLog::with_capacity(0);
    one.push(event(1, "a", Op::Start));
    one.push(event(2, "b", Op::Start));
    assert_eq!(vms(&one), ["b"]);
}

#[test]
fn push_makes_a_failure_carry_a_message() {
    let mut log = EventLog::new();
    log.push(Event {
        ok: false,
        ..event(1, "a", Op::Start)
    });
    log.push(Event {
        error: Some("why".into()),
        ..event(2, "a", Op::Start)
    });
    let events: Vec<&Event> = log.entries().collect();
    assert_eq!(
        (events[0].ok, events[0].error.as_deref()),
        (false, Some("unknown error"))
    );
    assert_eq!(
        (events[1].ok, events[1].error.as_deref()),
        (false, Some("why"))
    );
}

#[test]
fn filtered_by_vm() {
    let mut log = EventLog::new();
    log.push(event(1, "web-01", Op::Create));
    log.push(event(2, "db", Op::Create));
    log.push(event(3, "web-01", Op::Start));
    log.push(event(4, "web-010", Op::Start));
    let ops = |vm: Option<&str>| -> Vec<(u64, Op)> {
        log.filtered(vm).map(|event| (event.at, event.op)).collect()
    };
    assert_eq!(ops(Some("web-01")), [(1, Op::Create), (3, Op::Start)]);
    assert_eq!(ops(Some("db")), [(2, Op::Create)]);
    assert_eq!(ops(Some("nope")), []);
    assert_eq!(ops(None).len(), 4);
}

#[test]
fn the_text_export() {
    let mut log = EventLog::new();
    assert_eq!(log.to_text(), "");
    log.push(Event::new(
        1_700_000_000_000,
        "web-01",
        Op::Create,
        Ok(()),
        Source::Gui,
    ));
    log.push(Event::new(
        1_700_000_001_500,
        "web-01",
        Op::Start,
        Err("cannot start 'web-01': it is already running".into()),
        Source::Console,
    ));
    log.push(Event::new(
        1_700_000_002_000,
        "db",
        Op::Pause,
        Ok(()),
        Source::Api,
    ));
    assert_eq!(
        log.to_text(),
        "2023-11-14T22:13:20.000Z gui web-01 create ok\n\
         2023-11-14T22:13:21.500Z console web-01 start error: cannot start 'web-01': it is \
         already running\n\
         2023-11-14T22:13:22.000Z api db pause ok\n"
    );
    assert_eq!(
        log.text_for(Some("db")),
        "2023-11-14T22:13:22.000Z api db pause ok\n"
    );
    assert_eq!(log.text_for(None), log.to_text());
}

// --- Saving and loading ---------------------------------------------------------------------

fn sample() -> EventLog {
    let mut log = EventLog::with_capacity(3);
    log.push(Event::new(1, "a", Op::Create, Ok(()), Source::Gui));
    log.push(Event::new(
        2,
        "b",
        Op::Start,
        Err("x".into()),
        Source::Console,
    ));
    log
}

#[test]
fn the_log_json_shape() {
    assert_eq!(
        serde_json::to_value(sample()).unwrap(),
        json!({
            "capacity": 3,
            "entries": [
                { "at": 1, "vm": "a", "op": "create", "ok": true, "source": "gui" },
                { "at": 2, "vm": "b", "op": "start", "ok": false, "error": "x", "source": "console" }
            ]
        })
    );
}

#[test]
fn a_log_round_trips() {
    let log = sample();
    assert_eq!(EventLog::from_json(&log.to_json()).unwrap(), log);
    let derived: EventLog = serde_json::from_str(&serde_json::to_string(&log).unwrap()).unwrap();
    assert_eq!(derived.validated(), log);
}

#[test]
fn missing_keys_take_the_defaults() {
    let empty: EventLog = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, EventLog::new());
    assert_eq!(EventLog::from_json("{}").unwrap(), EventLog::new());
    let only_entries =
        EventLog::from_json(r#"{"entries":[{"at":1,"vm":"a","op":"start","source":"gui"}]}"#)
            .unwrap();
    assert_eq!(only_entries.capacity(), 500);
    assert_eq!(vms(&only_entries), ["a"]);
}

#[test]
fn validated_clamps_the_capacity_and_keeps_the_newest() {
    let entries: Vec<serde_json::Value> = (0..5)
        .map(|at| json!({ "at": at, "vm": format!("vm-{at}"), "op": "start", "source": "gui" }))
        .collect();
    let log =
        EventLog::from_json(&json!({ "capacity": 2, "entries": entries }).to_string()).unwrap();
    assert_eq!(log.capacity(), 2);
    assert_eq!(vms(&log), ["vm-3", "vm-4"]);

    let zero = EventLog::from_json(&json!({ "capacity": 0, "entries": [] }).to_string()).unwrap();
    assert_eq!(zero.capacity(), 500);
    let huge =
        EventLog::from_json(&json!({ "capacity": u64::MAX, "entries": [] }).to_string()).unwrap();
    assert_eq!(huge.capacity(), EventLog::MAX_CAPACITY);
    let wrong = EventLog::from_json(&json!({ "capacity": "lots" }).to_string()).unwrap();
    assert_eq!(wrong.capacity(), 500);

    // Through serde directly, validated() does the same.
    let raw: EventLog =
        serde_json::from_value(json!({ "capacity": 1, "entries": entries })).unwrap();
    assert_eq!(raw.len(), 5, "deserialising alone does not clamp");
    let checked = raw.validated();
    assert_eq!(vms(&checked), ["vm-4"]);
}

#[test]
fn unreadable_entries_are_skipped_and_counted() {
    let (log, skipped) = EventLog::load(&json!({
        "entries": [
            { "at": 1, "vm": "a", "op": "start", "source": "gui" },
            { "at": "yesterday", "vm": "b", "op": "start", "source": "gui" },
            { "at": 3, "vm": "c", "op": "start", "source": "web" },
            42,
            { "at": 5, "vm": "e", "op": "stop", "ok": false, "source": "api" },
            { "at": 6, "vm": "f", "op": "stop", "ok": true, "error": "boom", "source": "api" }
        ]
    }));
    assert_eq!(skipped, 3);
    assert_eq!(vms(&log), ["a", "e", "f"]);
    let events: Vec<&Event> = log.entries().collect();
    assert_eq!(events[1].outcome(), Err("unknown error"));
    assert_eq!(events[2].outcome(), Err("boom"));
    assert!(!events[2].ok, "an error makes it a failure");
}

#[test]
fn what_is_not_a_log_reads_as_an_empty_one() {
    for value in [
        json!(null),
        json!([1, 2]),
        json!("log"),
        json!({ "entries": 5 }),
    ] {
        assert_eq!(EventLog::load(&value), (EventLog::new(), 0), "{value}");
    }
    assert!(EventLog::from_json("not json").is_err());
}

// --- From the console -----------------------------------------------------------------------

#[test]
fn a_record_becomes_an_event() {
    let record = OpRecord {
        vm: "web-01".into(),
        op: Op::Start,
        error: None,
    };
    assert_eq!(
        record.to_event(7, Source::Console),
        Event::new(7, "web-01", Op::Start, Ok(()), Source::Console)
    );
    let refused = OpRecord {
        error: Some("why".into()),
        ..record
    };
    assert_eq!(
        refused.to_event(8, Source::Console),
        Event::new(8, "web-01", Op::Start, Err("why".into()), Source::Console)
    );
}

#[test]
fn a_console_session_fills_the_log() {
    let manager = MockVmManager::with_clock(Box::new(|| 0));
    let mut log = EventLog::new();
    let mut at = 1_714_566_896_000;
    for line in [
        "create web-01",
        "list",
        "start web-01",
        "suspend web-01",
        "create db --stopped",
        "strat db",
        "undefine db",
    ] {
        at += 1000;
        if let Some(record) = run(line, &manager).record {
            log.push(record.to_event(at, Source::Console));
        }
    }
    assert_eq!(
        log.to_text(),
        "2024-05-01T12:34:57.000Z console web-01 create ok\n\
         2024-05-01T12:34:59.000Z console web-01 start error: cannot start 'web-01': it is \
         already running\n\
         2024-05-01T12:35:00.000Z console web-01 pause ok\n\
         2024-05-01T12:35:01.000Z console db create ok\n\
         2024-05-01T12:35:03.000Z console db delete ok\n"
    );
    assert_eq!(log.filtered(Some("db")).count(), 2);
}

#[test]
fn merging_keeps_both_tabs_events_in_time_order_without_duplicates() {
    let mut stored = EventLog::with_capacity(3);
    let older = Event::new(10, "a", Op::Create, Ok(()), Source::Gui);
    let theirs = Event::new(30, "b", Op::Start, Ok(()), Source::Api);
    stored.push(older.clone());
    stored.push(theirs.clone());
    let mine = Event::new(20, "a", Op::Stop, Err("no".into()), Source::Console);
    let newest = Event::new(40, "a", Op::Delete, Ok(()), Source::Gui);
    let merged = stored.merged(&[mine.clone(), theirs.clone(), newest.clone()]);
    assert_eq!(merged.capacity(), 3);
    assert_eq!(
        merged.entries().cloned().collect::<Vec<_>>(),
        [mine, theirs, newest],
        "time order, no duplicate, oldest dropped beyond the capacity"
    );
}

// --- Bounds: a log entry and the stored log have a size limit --------------------------------

#[test]
fn long_texts_are_cut_with_a_marker() {
    use vm_playground::event_log::MAX_EVENT_TEXT;
    let huge = "x".repeat(3_000_000);
    let event = Event::new(
        1,
        huge.as_str(),
        Op::Delete,
        Err(format!("failed to get domain '{huge}'")),
        Source::Api,
    );
    for text in [&event.vm, event.error.as_ref().unwrap()] {
        assert_eq!(text.chars().count(), MAX_EVENT_TEXT);
        assert!(text.ends_with('…'));
    }
    assert!(event
        .error
        .unwrap()
        .starts_with("failed to get domain 'xxx"));
    // Multi-byte text is cut on a character boundary; text within the limit is untouched.
    let cyrillic = "в".repeat(MAX_EVENT_TEXT + 1);
    let cut = Event::new(1, cyrillic.as_str(), Op::Start, Ok(()), Source::Gui);
    assert_eq!(cut.vm.chars().count(), MAX_EVENT_TEXT);
    let exact = "я".repeat(MAX_EVENT_TEXT);
    assert_eq!(
        Event::new(1, exact.as_str(), Op::Start, Ok(()), Source::Gui).vm,
        exact
    );
    // A stored log with oversized entries is cut the same way when read.
    let (log, _) = EventLog::load(&json!({"entries": [
        {"at": 1, "vm": huge, "op": "start", "ok": false, "error": huge, "source": "api"}
    ]}));
    let entry = log.entries().next().unwrap();
    assert_eq!(entry.vm.chars().count(), MAX_EVENT_TEXT);
    assert_eq!(
        entry.error.as_ref().unwrap().chars().count(),
        MAX_EVENT_TEXT
    );
}

/// The worst entry: every text at its limit and made of characters JSON escapes as `\u00XX`.
fn worst_event(at: u64) -> Event {
    use vm_playground::event_log::MAX_EVENT_TEXT;
    let text = "\u{1}".repeat(MAX_EVENT_TEXT * 2);
    Event::new(
        at,
        text.as_str(),
        Op::SnapshotRevert,
        Err(text.clone()),
        Source::Console,
    )
}

#[test]
fn the_stored_log_never_exceeds_its_byte_limit() {
    use vm_playground::event_log::MAX_STORED_LOG_BYTES;
    let one = serde_json::to_string(&worst_event(u64::MAX)).unwrap().len();
    assert!(one < 3_800, "a worst-case entry is {one} bytes");
    let mut log = EventLog::with_capacity(EventLog::MAX_CAPACITY);
    for at in 0..EventLog::MAX_CAPACITY as u64 {
        log.push(worst_event(at));
    }
    let (stored, json) = log.to_stored_json();
    assert!(json.len() <= MAX_STORED_LOG_BYTES, "{} bytes", json.len());
    assert!(
        stored.len() >= MAX_STORED_LOG_BYTES / 3_800,
        "{} entries",
        stored.len()
    );
    // The newest entries are the ones kept, and what is stored reads back as the log kept.
    assert_eq!(
        stored.entries().last().unwrap().at,
        EventLog::MAX_CAPACITY as u64 - 1
    );
    assert_eq!(EventLog::from_json(&json).unwrap(), stored);
    // A log of ordinary entries is stored whole.
    let mut small = EventLog::new();
    for at in 0..500 {
        small.push(event(at, "web-01", Op::Start));
    }
    let (kept, json) = small.to_stored_json();
    assert_eq!(kept, small);
    assert_eq!(json, small.to_json());
}

#[test]
fn identical_events_get_distinct_numbers() {
    let same = event(5, "web-01", Op::Start);
    let other = event(5, "web-01", Op::Stop);
    let numbered = EventLog::numbered(vec![
        same.clone(),
        other.clone(),
        same.clone(),
        same.clone(),
    ]);
    assert_eq!(
        numbered,
        [(0, same.clone()), (0, other), (1, same.clone()), (2, same)]
    );
}

#[test]
fn merging_keeps_identical_events_of_one_millisecond() {
    let same = event(5, "nope", Op::Start);
    let mut stored = EventLog::new();
    stored.push(same.clone());
    // This tab's three identical events, one of which the stored log holds already.
    let merged = stored.merged(&[same.clone(), same.clone(), same.clone()]);
    assert_eq!(merged.len(), 3);
    assert_eq!(
        EventLog::new().merged(&[same.clone(), same.clone()]).len(),
        2
    );
    assert_eq!(merged.merged(&[same.clone(), same]).len(), 3);
}

// --- The page's entries and the console's are one --------------------------------------------

/// A running `web-01`, a stopped `db-01` and a paused `cache`.
fn three_states() -> MockVmManager {
    let manager = MockVmManager::with_clock(Box::new(|| 0));
    for line in [
        "create web-01",
        "create db-01 --stopped",
        "create cache",
        "suspend cache",
    ] {
        assert!(!run(line, &manager).error, "{line}");
    }
    manager
}

/// The entry the page writes for an operation it runs on the core itself (`App::record`):
/// the core's result through [`OpRecord::of`], in the page's language.
fn page_entry<T>(vm: &str, op: Op, result: &Result<T, VmError>, lang: Lang) -> Event {
    OpRecord::of(vm, op, result, lang).to_event(1, Source::Gui)
}

/// The entry the console records for `line`, on a manager of its own, as the page logs it.
fn console_entry(line: &str, lang: Lang) -> Event {
    run_in(line, &three_states(), lang)
        .record
        .unwrap_or_else(|| panic!("{line} records nothing"))
        .to_event(1, Source::Gui)
}

#[test]
fn a_transition_reads_the_same_from_the_gui_and_from_the_console() {
    // Every transition from every state, done or refused: a Stop button and `shutdown` are one
    // operation with one word (`stop`), and a refusal has one message.
    for lang in [Lang::En, Lang::Ru] {
        for vm in ["web-01", "db-01", "cache", "nope"] {
            for transition in [
                Transition::Start,
                Transition::Stop,
                Transition::Pause,
                Transition::Resume,
            ] {
                let line = format!("{} {vm}", virsh_name(transition));
                let page = page_entry(
                    vm,
                    Op::from(transition),
                    &three_states().apply(vm, transition),
                    lang,
                );
                assert_eq!(page, console_entry(&line, lang), "{line} ({lang:?})");
            }
        }
    }
}

#[test]
fn console_refusals_read_as_the_page_would_log_them() {
    for lang in [Lang::En, Lang::Ru] {
        // `start` of an active VM: the console refuses it before asking the core.
        for vm in ["web-01", "cache"] {
            assert_eq!(
                console_entry(&format!("start {vm}"), lang),
                page_entry(
                    vm,
                    Op::Start,
                    &three_states().apply(vm, Transition::Start),
                    lang
                ),
                "start {vm}"
            );
        }
        // `domrename` of an active VM: likewise; the page's rename is an edit of the name.
        for vm in ["web-01", "cache"] {
            let manager = three_states();
            let config = VmConfig {
                name: "renamed".into(),
                ..manager.get_vm_info(vm).unwrap().config
            };
            assert_eq!(
                console_entry(&format!("domrename {vm} renamed"), lang),
                page_entry(vm, Op::Rename, &manager.update_vm_config(vm, config), lang),
                "domrename {vm}"
            );
        }
        // The Reboot and Force off buttons run the console's own command (so a reboot of a VM
        // that isn't running, refused by the console alone, reads as when typed).
        for (command, line) in [
            (Command::Reboot("db-01".into()), "reboot db-01"),
            (Command::Reboot("cache".into()), "reboot cache"),
            (Command::Destroy("db-01".into()), "destroy db-01"),
        ] {
            let clicked = execute_in(&command, &three_states(), lang).record.unwrap();
            assert!(clicked.error.is_some(), "{line}");
            assert_eq!(clicked.to_event(1, Source::Gui), console_entry(line, lang));
        }
    }
}

#[test]
fn operations_are_stored_as_their_words_and_older_words_still_load() {
    // Every operation is stored as its word and reads back as itself.
    for op in Op::ALL {
        let json = serde_json::to_value(event(1, "a", op)).unwrap();
        assert_eq!(json["op"], op.as_str());
        assert_eq!(serde_json::from_value::<Event>(json).unwrap().op, op);
    }
    // The GUI logged `shutdown` and `suspend` before it agreed with the console; a word no
    // version wrote skips its entry, not the log.
    let (log, skipped) = EventLog::load(&json!({ "entries": [
        { "at": 1, "vm": "a", "op": "shutdown", "source": "gui" },
        { "at": 2, "vm": "b", "op": "suspend", "source": "gui" },
        { "at": 3, "vm": "c", "op": "teleport", "source": "api" },
        { "at": 4, "vm": "d", "op": "stop", "source": "console" }
    ]}));
    assert_eq!(skipped, 1);
    let ops: Vec<(&str, Op)> = log
        .entries()
        .map(|event| (event.vm.as_str(), event.op))
        .collect();
    assert_eq!(ops, [("a", Op::Stop), ("b", Op::Pause), ("d", Op::Stop)]);
}
