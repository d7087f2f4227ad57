//! The lessons in `lessons/`: each loads, its solution typed into the console completes every
//! goal (and the lesson is not complete before), its texts are in every language, and the
//! page's index lists the files. Bad lesson files are refused with the right error.
//!
//! To check a new lesson: `cargo test --test lessons`.
#![allow(
    clippy::disallowed_methods,
    reason = "native-only code: the page's size habits don't apply"
)]
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use vm_playground::console::{run_in, virsh_name, Host};
use vm_playground::event_log::Op;
use vm_playground::i18n::Lang;
use vm_playground::lesson::{
    load, load_as, Journal, JsonKind, Lesson, LessonError, Vocabulary, World, INDEX,
    MAX_LESSON_BYTES,
};
use vm_playground::{Transition, VmError};

/// Every lesson file, by id (the file's name).
fn files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> =
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons"))
            .expect("lessons/ is there")
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .map(|path| {
                let id = path.file_stem().unwrap().to_str().unwrap().to_owned();
                (id, fs::read_to_string(&path).unwrap())
            })
            .collect();
    files.sort();
    files
}

fn lessons() -> Vec<Lesson> {
    files()
        .into_iter()
        .map(|(id, file)| load_as(&id, &file).unwrap_or_else(|error| panic!("{id}: {error}")))
        .collect()
}

/// A lesson being played on the console: the setup, and the journal of what happened.
struct Play<'a> {
    lesson: &'a Lesson,
    host: Host,
    journal: Journal,
}

impl<'a> Play<'a> {
    fn new(lesson: &'a Lesson) -> Self {
        let host = Host::new(lesson.manager(Box::new(|| 0)));
        let journal = Journal::new(&host.manager().list_vm_infos().unwrap());
        Play {
            lesson,
            host,
            journal,
        }
    }

    /// Types `line` into the console, as the page does, and records its operation.
    fn type_line(&mut self, line: &str, lang: Lang) -> vm_playground::console::Output {
        let output = run_in(line, &self.host, lang);
        if let Some(record) = &output.record {
            let after = self.host.manager().list_vm_infos().unwrap();
            self.journal
                .record(&record.vm, record.op, record.error.is_none(), &after);
        }
        output
    }

    fn progress(&self) -> Vec<bool> {
        let vms = self.host.manager().list_vm_infos().unwrap();
        let host = self.host.manager().host_info().unwrap().host;
        self.lesson.progress(&World {
            vms: &vms,
            host,
            journal: &self.journal,
        })
    }

    fn complete(&self) -> bool {
        self.progress().into_iter().all(|done| done)
    }
}

#[test]
fn there_are_at_least_eight_lessons() {
    assert!(files().len() >= 8, "{} lessons", files().len());
}

#[test]
fn every_solution_completes_its_lesson_and_nothing_less_does() {
    for lesson in lessons() {
        for lang in Lang::ALL {
            let mut play = Play::new(&lesson);
            assert!(
                !play.complete(),
                "{}: complete before anything was done",
                lesson.id
            );
            for (index, line) in lesson.solution.iter().enumerate() {
                assert!(
                    !play.complete(),
                    "{}: complete before `{line}`: the solution has a command too many",
                    lesson.id
                );
                let output = play.type_line(line, lang);
                assert!(
                    !output.error,
                    "{}: `{line}` failed: {:?}",
                    lesson.id, output.lines
                );
                assert!(
                    output.record.is_some(),
                    "{}: `{line}` is no operation",
                    lesson.id
                );
                assert_eq!(
                    play.journal.operations(),
                    index + 1,
                    "{}: `{line}`",
                    lesson.id
                );
            }
            let progress = play.progress();
            assert!(
                progress.iter().all(|done| *done),
                "{}: goals left after the solution: {:?}",
                lesson.id,
                lesson
                    .goals
                    .iter()
                    .zip(&progress)
                    .filter(|(_, done)| !**done)
                    .map(|(goal, _)| &goal.id)
                    .collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn every_text_is_in_every_language() {
    for lesson in lessons() {
        let texts = [&lesson.title, &lesson.introduction]
            .into_iter()
            .chain(lesson.goals.iter().map(|goal| &goal.text))
            .chain(&lesson.hints);
        for text in texts {
            for lang in Lang::ALL {
                assert!(!text.get(lang).trim().is_empty(), "{}: {text:?}", lesson.id);
            }
            assert_ne!(
                text.en, text.ru,
                "{}: not translated: {}",
                lesson.id, text.en
            );
        }
    }
}

#[test]
fn the_index_lists_every_lesson_file_with_its_titles() {
    let mut listed: Vec<&str> = INDEX.iter().map(|entry| entry.id).collect();
    listed.sort();
    let ids: Vec<String> = files().into_iter().map(|(id, _)| id).collect();
    assert_eq!(listed, ids);
    for lesson in lessons() {
        let entry = INDEX.iter().find(|entry| entry.id == lesson.id).unwrap();
        for lang in Lang::ALL {
            assert_eq!(entry.title(lang), lesson.title.get(lang), "{}", lesson.id);
        }
    }
}

#[test]
fn forcing_off_or_deleting_a_running_vm_loses_its_state_but_a_shutdown_does_not() {
    let lesson = lessons()
        .into_iter()
        .find(|lesson| lesson.id == "pause-vs-stop")
        .unwrap();
    let mut play = Play::new(&lesson);
    play.type_line("suspend db-01", Lang::En);
    play.type_line("destroy web-01", Lang::En);
    // web-01 is stopped, but not gracefully, and its state is lost.
    assert_eq!(play.progress(), [true, false, false]);

    let mut play = Play::new(&lesson);
    play.type_line("suspend db-01", Lang::En);
    play.type_line("undefine web-01", Lang::En);
    assert_eq!(play.progress(), [true, false, false]);

    // Deleting a stopped VM loses nothing.
    let mut play = Play::new(&lesson);
    play.type_line("shutdown web-01", Lang::En);
    play.type_line("undefine web-01", Lang::En);
    assert!(!play.journal.lost_state());
    // A refused operation counts for nothing.
    play.type_line("resume db-01", Lang::En);
    assert_eq!(play.journal.operations(), 2);
}

#[test]
fn the_gui_and_console_words_for_an_operation_are_one() {
    let lesson = lessons()
        .into_iter()
        .find(|lesson| lesson.id == "lifecycle")
        .unwrap();
    let mut play = Play::new(&lesson);
    let manager = play.host.manager();
    // The GUI logs a transition as `Op::from(transition)` (`App::transition`); the console,
    // for the same operation typed, the same operation: a lesson counts either.
    for transition in [
        Transition::Start,
        Transition::Pause,
        Transition::Resume,
        Transition::Stop,
    ] {
        let typed = run_in(
            &format!("{} web-01", virsh_name(transition)),
            &Host::new(lesson.manager(Box::new(|| 0))),
            Lang::En,
        );
        assert_eq!(
            typed.record.map(|record| record.op),
            Some(Op::from(transition))
        );
        manager.apply("web-01", transition).unwrap();
        let after = manager.list_vm_infos().unwrap();
        play.journal
            .record("web-01", Op::from(transition), true, &after);
    }
    assert!(play.complete());
}

// ---- Bad files ----------------------------------------------------------------------------

/// The lifecycle lesson with `edit` applied to its JSON.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let file =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/lifecycle.json"))
            .unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&file).unwrap();
    edit(&mut value);
    value.to_string()
}

fn refused(edit: impl FnOnce(&mut serde_json::Value)) -> LessonError {
    load(&edited(edit)).expect_err("refused")
}

#[test]
fn an_unknown_predicate_is_refused_with_its_place_and_a_suggestion() {
    let error = refused(|lesson| {
        lesson["goals"][1]["check"] = serde_json::json!({"sate": {"vm": "web-01", "is": "running"}})
    });
    assert_eq!(
        error,
        LessonError::Unknown {
            path: "goals[1].check".into(),
            what: Vocabulary::Predicate,
            found: "sate".into(),
            suggestion: Some("state"),
        }
    );
    assert_eq!(
        error.to_string(),
        "goals[1].check: there is no predicate \"sate\"; did you mean \"state\"?"
    );
    assert_eq!(
        Lang::Ru.lesson_error(&error),
        "goals[1].check: нет предиката «sate»; может быть, «state»?"
    );
}

#[test]
fn a_fault_at_the_top_of_the_file_names_the_file() {
    let error = refused(|lesson| lesson["bogus"] = serde_json::json!(1));
    assert_eq!(error.to_string(), "the file: \"bogus\" has no place here");
    assert_eq!(
        Lang::Ru.lesson_error(&error),
        "файл: ключу «bogus» здесь не место"
    );
    let error = load("[]").expect_err("refused");
    assert_eq!(Lang::En.lesson_error(&error), "the file must be an object");
    // A goal's check says what it has to be.
    let error = refused(|lesson| lesson["goals"][0]["check"] = serde_json::json!([]));
    assert_eq!(
        error.to_string(),
        "goals[0].check must be an object with one key, the check's name"
    );
    assert_eq!(
        Lang::Ru.lesson_error(&error),
        "goals[0].check должно быть объектом с одним ключом — названием проверки"
    );
}

#[test]
fn a_goal_about_a_vm_nobody_has_is_refused() {
    let error = refused(|lesson| {
        lesson["goals"][0]["check"] = serde_json::json!({"exists": {"vm": "web-99"}})
    });
    assert_eq!(
        error,
        LessonError::UnknownVm {
            path: "goals[0].check".into(),
            vm: "web-99".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "goals[0].check: no VM \"web-99\" is in the setup or made by the solution"
    );
}

#[test]
fn unknown_words_in_parameters_are_refused() {
    let cases = [
        (
            serde_json::json!({"state": {"vm": "web-01", "is": "sleeping"}}),
            "goals[0].check.state.is",
            Vocabulary::State,
        ),
        (
            serde_json::json!({"applied": {"vm": "web-01", "field": "ram", "value": 1}}),
            "goals[0].check.applied.field",
            Vocabulary::Field,
        ),
        (
            serde_json::json!({"did": {"vm": "web-01", "op": "explode"}}),
            "goals[0].check.did.op",
            Vocabulary::Operation,
        ),
        (
            serde_json::json!({"networkStopped": {"network": "internet"}}),
            "goals[0].check.networkStopped.network",
            Vocabulary::Network,
        ),
        (
            serde_json::json!({"hostFree": {"resource": "gpu", "atLeast": 1}}),
            "goals[0].check.hostFree.resource",
            Vocabulary::Resource,
        ),
        (
            serde_json::json!({"exists": {"vm": "web-01", "colour": "red"}}),
            "goals[0].check.exists",
            Vocabulary::Key,
        ),
    ];
    for (check, place, vocabulary) in cases {
        let error = refused(|lesson| lesson["goals"][0]["check"] = check);
        assert!(
            matches!(&error, LessonError::Unknown { path, what, .. } if path == place && *what == vocabulary),
            "{error:?}"
        );
    }
}

#[test]
fn a_value_of_the_wrong_kind_for_its_field_is_refused() {
    let error = refused(|lesson| {
        lesson["goals"][0]["check"] =
            serde_json::json!({"applied": {"vm": "web-01", "field": "memory", "value": "2 GB"}})
    });
    assert_eq!(
        error,
        LessonError::WrongType {
            path: "goals[0].check.applied.value".into(),
            expected: JsonKind::FieldValue
        }
    );
}

#[test]
fn a_text_missing_a_language_is_refused() {
    let error = refused(|lesson| {
        lesson["hints"][1].as_object_mut().unwrap().remove("ru");
    });
    assert_eq!(
        error,
        LessonError::Missing {
            path: "hints[1].ru".into()
        }
    );
    assert_eq!(error.to_string(), "hints[1].ru is missing");
    let error = refused(|lesson| lesson["title"]["en"] = serde_json::json!("  "));
    assert_eq!(
        error,
        LessonError::Missing {
            path: "title.en".into()
        }
    );
}

#[test]
fn a_setup_the_core_refuses_is_refused() {
    let error = refused(|lesson| lesson["setup"]["vms"][0]["config"]["vcpus"] = 0.into());
    assert!(
        matches!(&error, LessonError::BadSetup { path, error: VmError::InvalidConfig { .. } } if path == "setup.vms[0].config"),
        "{error:?}"
    );
    // A host too small for the VMs it should run.
    let error = refused(|lesson| {
        lesson["setup"]["host"] = serde_json::json!({"memory": 1024});
        lesson["setup"]["vms"][0]["state"] = "running".into();
    });
    assert!(
        matches!(&error, LessonError::BadSetup { path, .. } if path == "setup.vms[0]"),
        "{error:?}"
    );
    let error = refused(|lesson| {
        lesson["setup"]["vms"][0]["pending"] = serde_json::json!({"memory": 4096})
    });
    assert_eq!(
        error,
        LessonError::PendingOnStopped {
            path: "setup.vms[0].pending".into()
        }
    );
}

#[test]
fn a_solution_line_the_console_cannot_read_is_refused() {
    let error = refused(|lesson| lesson["solution"][2] = "resme web-01".into());
    assert_eq!(
        error,
        LessonError::BadCommand {
            path: "solution[2]".into(),
            line: "resme web-01".into()
        }
    );
}

#[test]
fn files_too_large_too_deep_or_not_json_are_refused_before_parsing() {
    assert_eq!(
        load(&" ".repeat(MAX_LESSON_BYTES + 1)),
        Err(LessonError::TooLarge {
            bytes: MAX_LESSON_BYTES + 1
        })
    );
    assert!(matches!(
        load(&format!("{}{}", "[".repeat(50), "]".repeat(50))),
        Err(LessonError::TooComplex(_))
    ));
    assert!(matches!(
        load("{\"id\": "),
        Err(LessonError::NotJson { .. })
    ));
    assert_eq!(
        load("[]"),
        Err(LessonError::WrongType {
            path: String::new(),
            expected: JsonKind::Object
        })
    );
}

#[test]
fn a_file_fetched_as_another_lesson_is_refused() {
    let file = edited(|_| {});
    assert_eq!(
        load_as("create", &file),
        Err(LessonError::WrongId {
            expected: "create".into(),
            found: "lifecycle".into()
        })
    );
}

#[test]
fn every_lesson_error_reads_in_every_language() {
    let errors = [
        refused(|lesson| lesson["goals"] = serde_json::json!([])),
        refused(|lesson| {
            let goal = lesson["goals"][0].clone();
            lesson["goals"][1] = goal;
        }),
        load_as("create", &edited(|_| {})).unwrap_err(),
    ];
    for error in errors {
        for lang in Lang::ALL {
            let text = lang.lesson_error(&error);
            assert!(!text.contains('{'), "{lang}: {text}");
        }
    }
}

#[test]
fn progress_is_read_value_by_value_and_keeps_what_it_does_not_know() {
    use vm_playground::lesson::Progress;
    // A lesson this version doesn't have stays finished (a newer version's); a value no
    // version wrote costs only itself; an unknown current lesson is none.
    let mut progress =
        Progress::decode(r#"{"finished":["lifecycle",7,"newer"],"current":"newer","theme":1}"#);
    assert_eq!(progress.finished, ["lifecycle", "newer"]);
    assert_eq!(progress.current, None);
    assert!(progress.is_finished("lifecycle"));
    assert!(progress.finish("rename"));
    assert!(!progress.finish("rename"));
    progress.current = Some("create".into());
    assert_eq!(
        progress.encode(),
        r#"{"finished":["lifecycle","newer","rename"],"current":"create","theme":1}"#
    );
    assert_eq!(Progress::decode(&progress.encode()), progress);
    // A current lesson of the wrong type leaves the finished ones alone.
    let progress = Progress::decode(r#"{"finished":["create"],"current":5}"#);
    assert_eq!(
        (progress.finished.as_slice(), progress.current),
        (&["create".to_owned()][..], None)
    );
    for unreadable in ["garbage", "[]", "null", r#"{"finished":"create"}"#] {
        assert!(
            Progress::decode(unreadable).finished.is_empty(),
            "{unreadable}"
        );
    }
}

#[test]
fn the_readme_example_loads_and_its_solution_completes_it() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme
        .find("### Writing a lesson")
        .expect("the README's section")..];
    let start = section.find("```json\n").unwrap() + "```json\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let lesson = load(example).unwrap_or_else(|error| panic!("the README's example: {error}"));
    let mut play = Play::new(&lesson);
    assert!(!play.complete());
    for line in &lesson.solution {
        assert!(!play.type_line(line, Lang::En).error, "{line}");
    }
    assert!(play.complete());
}

#[test]
fn each_predicate_holds_when_it_should() {
    let lesson = load(
        r#"{
        "id": "vocabulary",
        "title": {"en": "t", "ru": "т"},
        "introduction": {"en": "i", "ru": "и"},
        "setup": {
            "host": {"memory": 4096, "cpus": 4, "storage": 100},
            "vms": [
                {"config": {"name": "a", "memory": 1024, "network": "isolated"}, "state": "running", "pending": {"memory": 2048}},
                {"config": {"name": "b", "network": "isolated", "isoImage": "/isos/x.iso"}, "state": "stopped"}
            ]
        },
        "goals": [
            {"id": "pending", "text": {"en": "g", "ru": "ц"}, "check": {"pending": {"vm": "a", "field": "memory", "value": 2048}}},
            {"id": "no-pending", "text": {"en": "g", "ru": "ц"}, "check": {"noPending": {"vm": "a"}}},
            {"id": "applied", "text": {"en": "g", "ru": "ц"}, "check": {"applied": {"vm": "a", "field": "memory", "value": 2048}}},
            {"id": "iso", "text": {"en": "g", "ru": "ц"}, "check": {"applied": {"vm": "b", "field": "isoImage", "value": null}}},
            {"id": "network", "text": {"en": "g", "ru": "ц"}, "check": {"networkStopped": {"network": "isolated"}}},
            {"id": "free", "text": {"en": "g", "ru": "ц"}, "check": {"hostFree": {"resource": "memory", "atLeast": 4096}}},
            {"id": "c", "text": {"en": "g", "ru": "ц"}, "check": {"exists": {"vm": "c"}}},
            {"id": "deleted", "text": {"en": "g", "ru": "ц"}, "check": {"did": {"vm": "b", "op": "delete"}}}
        ],
        "hints": [{"en": "h", "ru": "п"}],
        "solution": ["shutdown a", "setmem b 0 --config", "create c --stopped", "undefine b"]
    }"#,
    )
    .unwrap();
    let mut play = Play::new(&lesson);
    //                          pending no-pend applied iso   network free   c      deleted
    assert_eq!(
        play.progress(),
        [true, false, false, false, false, false, false, false]
    );
    play.type_line("shutdown a", Lang::En);
    assert_eq!(
        play.progress(),
        [false, true, true, false, true, true, false, false]
    );
    play.type_line("create c --stopped", Lang::En);
    play.type_line("undefine b", Lang::En);
    // With b gone, no VM is on the isolated network but a: still stopped.
    assert_eq!(
        play.progress(),
        [false, true, true, false, true, true, true, true]
    );
    play.type_line("start a", Lang::En);
    assert_eq!(
        play.progress(),
        [false, true, true, false, false, false, true, true]
    );
}

/// A lesson with a template `tpl` (stopped) and `web` (running), checking `goals` (JSON), its
/// solution `solution`.
fn snapshots_and_clones(goals: &str, solution: &str) -> Result<Lesson, LessonError> {
    load(&format!(
        r#"{{
        "id": "snapshots-and-clones",
        "title": {{"en": "t", "ru": "т"}},
        "introduction": {{"en": "i", "ru": "и"}},
        "setup": {{"vms": [
            {{"config": {{"name": "tpl", "diskPath": "/var/lib/libvirt/images/tpl.qcow2"}}}},
            {{"config": {{"name": "web", "memory": 2048}}, "state": "running"}}
        ]}},
        "goals": [{goals}],
        "hints": [{{"en": "h", "ru": "п"}}],
        "solution": [{solution}]
    }}"#
    ))
}

#[test]
fn snapshot_and_clone_predicates_hold_when_they_should() {
    let lesson = snapshots_and_clones(
        r#"
        {"id": "exists", "text": {"en": "g", "ru": "ц"}, "check": {"snapshotExists": {"vm": "web", "name": "before"}}},
        {"id": "current", "text": {"en": "g", "ru": "ц"}, "check": {"currentSnapshot": {"vm": "web", "name": "before"}}},
        {"id": "reverted", "text": {"en": "g", "ru": "ц"}, "check": {"did": {"vm": "web", "op": "revert"}}},
        {"id": "clone", "text": {"en": "g", "ru": "ц"}, "check": {"cloneOf": {"vm": "tpl-2", "original": "tpl"}}},
        {"id": "default", "text": {"en": "g", "ru": "ц"}, "check": {"cloneOf": {"vm": "tpl-clone", "original": "tpl"}}},
        {"id": "renamed", "text": {"en": "g", "ru": "ц"}, "check": {"cloneOf": {"vm": "tpl-3", "original": "tpl"}}},
        {"id": "lookalike", "text": {"en": "g", "ru": "ц"}, "check": {"cloneOf": {"vm": "copy", "original": "tpl"}}}
        "#,
        r#""snapshot-create-as web before", "snapshot-create-as web after",
           "snapshot-revert web before", "virt-clone --original tpl --name tpl-2 --auto-clone",
           "virt-clone --original tpl --auto-clone", "domrename tpl-2 tpl-3",
           "create copy --stopped""#,
    )
    .unwrap();
    let mut play = Play::new(&lesson);
    //                          exists current revert clone  default renamed lookalike
    assert_eq!(
        play.progress(),
        [false, false, false, false, false, false, false]
    );
    play.type_line("snapshot-create-as web before", Lang::En);
    assert_eq!(
        play.progress(),
        [true, true, false, false, false, false, false]
    );
    play.type_line("snapshot-create-as web after", Lang::En);
    assert_eq!(
        play.progress(),
        [true, false, false, false, false, false, false]
    );
    assert!(!play.journal.lost_state());
    play.type_line("snapshot-revert web before", Lang::En);
    assert_eq!(
        play.progress(),
        [true, true, true, false, false, false, false]
    );
    // Reverting a running VM throws its running state away for the snapshot's.
    assert!(play.journal.lost_state());
    // A refused clone (of a running VM) makes nothing.
    assert!(
        play.type_line("virt-clone --original web --auto-clone", Lang::En)
            .error
    );
    play.type_line(
        "virt-clone --original tpl --name tpl-2 --auto-clone",
        Lang::En,
    );
    play.type_line("virt-clone --original tpl --auto-clone", Lang::En);
    assert_eq!(
        play.progress(),
        [true, true, true, true, true, false, false]
    );
    // A renamed clone is still a clone; a VM made by hand with the same config is none.
    play.type_line("domrename tpl-2 tpl-3", Lang::En);
    play.type_line("create copy --stopped", Lang::En);
    assert_eq!(
        play.progress(),
        [true, true, true, false, true, true, false]
    );
    // A deleted snapshot is neither there nor current.
    play.type_line("snapshot-delete web before", Lang::En);
    assert_eq!(
        play.progress(),
        [false, false, true, false, true, true, false]
    );
    // A clone that is gone (deleted, or its clone undone) is none, and so is a VM created by
    // hand under its name afterwards.
    play.type_line("undefine tpl-clone", Lang::En);
    play.type_line("create tpl-clone --stopped", Lang::En);
    assert_eq!(
        play.progress(),
        [false, false, true, false, false, true, false]
    );
    // A rename taken back by an undo (one name gone, one new) keeps the clone one.
    assert!(run_in("domrename tpl-3 tpl-2", &play.host, Lang::En)
        .record
        .is_some());
    let after = play.host.manager().list_vm_infos().unwrap();
    play.journal.record("", Op::Undo, true, &after);
    assert_eq!(
        play.progress(),
        [false, false, true, true, false, false, false]
    );
}

#[test]
fn a_goal_about_a_clone_of_nobody_or_a_snapshot_nobody_takes_is_refused() {
    let goal = |check: &str| {
        format!(r#"{{"id": "g", "text": {{"en": "g", "ru": "ц"}}, "check": {check}}}"#)
    };
    let error = snapshots_and_clones(
        &goal(r#"{"cloneOf": {"vm": "tpl-clone", "original": "template"}}"#),
        r#""virt-clone --original tpl --auto-clone""#,
    )
    .unwrap_err();
    assert_eq!(
        error,
        LessonError::UnknownVm {
            path: "goals[0].check".into(),
            vm: "template".into()
        }
    );
    let error = snapshots_and_clones(
        &goal(r#"{"snapshotExists": {"vm": "web", "name": "before"}}"#),
        r#""snapshot-create-as web after""#,
    )
    .unwrap_err();
    assert_eq!(
        error,
        LessonError::UnknownSnapshot {
            path: "goals[0].check".into(),
            vm: "web".into(),
            name: "before".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "goals[0].check: the solution takes no snapshot \"before\" of \"web\""
    );
    assert_eq!(
        Lang::Ru.lesson_error(&error),
        "goals[0].check: решение не делает снимок «before» ВМ «web»"
    );
    let error = snapshots_and_clones(
        &goal(r#"{"cloneOf": {"vm": "tpl-clone", "of": "tpl"}}"#),
        r#""virt-clone --original tpl --auto-clone""#,
    )
    .unwrap_err();
    assert!(
        matches!(&error, LessonError::Unknown { path, what: Vocabulary::Key, found, .. } if path == "goals[0].check.cloneOf" && found == "of"),
        "{error:?}"
    );
}
