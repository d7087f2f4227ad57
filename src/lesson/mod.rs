//! Lessons: guided exercises whose goals check themselves.
//!
//! A lesson is a JSON file in `lessons/` (copied into `dist/lessons/` by the build, fetched
//! when a student starts it). [`load`] reads one, strictly: every text in every language, a
//! setup the core accepts, goals from the checked vocabulary of [`goal`], a solution the
//! console can read. [`INDEX`] is the list of lessons (ids and titles), compiled into the page
//! so the list shows before any lesson is fetched; a test keeps it equal to the files.
//!
//! Playing: [`Lesson::manager`] makes the setup; a [`Journal`] records each operation as it
//! happens; [`Lesson::progress`] says which goals are met.
//!
//! Pure: no browser, no storage.

mod error;
pub mod goal;
mod index;
mod journal;
mod progress;
mod read;

use serde_json::Value;

pub use error::{JsonKind, LessonError, Vocabulary};
pub use goal::{FieldValue, Predicate, World, PREDICATES};
pub use index::{IndexEntry, INDEX};
pub use journal::{lesson_op, Journal, LESSON_WORDS};
pub use progress::{lesson_in_hash, next_after, Progress};

use crate::config_input::{config_from_json, host_from_json};
use crate::console::{parse, Command};
use crate::i18n::Lang;
use crate::json_bounds::{JsonBounds, JsonSyntaxError};
use crate::manager::{
    Clock, ConfigField, Host, MockVmManager, Transition, VmConfig, VmError, VmState,
};
use read::{at, join, nonempty_list, object, required, string, text, unknown};

/// The largest lesson file, in bytes (the longest shipped is a few KB).
pub const MAX_LESSON_BYTES: usize = 64 * 1024;

/// The shape a lesson file must keep, checked before it is parsed: it nests 6 levels deep
/// (file, goals, goal, check, predicate, parameters).
pub const LESSON_BOUNDS: JsonBounds = JsonBounds {
    max_depth: 8,
    max_breadth: 100,
    max_values: 2_000,
};

/// A text in every language the app speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: String,
    /// Russian.
    pub ru: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
        }
    }
}

/// A VM of a lesson's setup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupVm {
    /// Its config.
    pub config: VmConfig,
    /// Its state.
    pub state: VmState,
    /// Its pending change (only an active VM has one).
    pub pending: Option<VmConfig>,
}

/// One goal: what it says, and how it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    /// Its id within the lesson (`data-goal`).
    pub id: String,
    /// What the student reads.
    pub text: Text,
    /// How it is checked.
    pub check: Predicate,
}

/// A lesson, as [`load`] read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    /// Its id (`#lesson=<id>`, `data-lesson`, the file `lessons/<id>.json`).
    pub id: String,
    /// Its title.
    pub title: Text,
    /// What it is about, shown when it starts.
    pub introduction: Text,
    /// The host.
    pub host: Host,
    /// The VMs it starts with.
    pub vms: Vec<SetupVm>,
    /// Its goals, in order.
    pub goals: Vec<Goal>,
    /// Its hints, revealed one at a time.
    pub hints: Vec<Text>,
    /// The solution: console commands, each one operation.
    pub solution: Vec<String>,
}

const TOP_KEYS: [&str; 8] = [
    "id",
    "title",
    "introduction",
    "setup",
    "goals",
    "hints",
    "solution",
    "$comment",
];

/// Reads a lesson file (see the README's "Lessons" for the format).
pub fn load(file: &str) -> Result<Lesson, LessonError> {
    if file.len() > MAX_LESSON_BYTES {
        return Err(LessonError::TooLarge { bytes: file.len() });
    }
    LESSON_BOUNDS
        .check(file)
        .map_err(|stop| LessonError::TooComplex(stop.error))?;
    let value: Value = serde_json::from_str(file).map_err(|error| LessonError::NotJson {
        at: JsonSyntaxError::from(&error),
    })?;
    let top = object(&value, "", &TOP_KEYS)?;
    let id = string(required(top, "", "id")?, "id")?;
    let (host, vms) = setup(required(top, "", "setup")?, "setup")?;
    let solution = nonempty_list(required(top, "", "solution")?, "solution")?
        .iter()
        .enumerate()
        .map(|(index, line)| string(line, &at("solution", index)))
        .collect::<Result<Vec<_>, _>>()?;
    let commands = solution
        .iter()
        .enumerate()
        .map(|(index, line)| {
            parse(line).map_err(|_| LessonError::BadCommand {
                path: at("solution", index),
                line: line.clone(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let goals = goals(required(top, "", "goals")?, &vms, &commands)?;
    let hints = nonempty_list(required(top, "", "hints")?, "hints")?
        .iter()
        .enumerate()
        .map(|(index, hint)| text(hint, &at("hints", index)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Lesson {
        id,
        title: text(required(top, "", "title")?, "title")?,
        introduction: text(required(top, "", "introduction")?, "introduction")?,
        host,
        vms,
        goals,
        hints,
        solution,
    })
}

/// [`load`] for the file fetched as lesson `id`: its id must be that one.
pub fn load_as(id: &str, file: &str) -> Result<Lesson, LessonError> {
    let lesson = load(file)?;
    if lesson.id != id {
        return Err(LessonError::WrongId {
            expected: id.to_owned(),
            found: lesson.id,
        });
    }
    Ok(lesson)
}

/// The setup: `{"host": {...}, "vms": [{"config": {...}, "state": "running", "pending":
/// {...}}]}`. Checked by building it: what the core refuses, the loader refuses.
fn setup(value: &Value, path: &str) -> Result<(Host, Vec<SetupVm>), LessonError> {
    let setup = object(value, path, &["host", "vms"])?;
    let host = match setup.get("host") {
        None => Host::UNLIMITED,
        Some(value) => {
            host_from_json(Host::UNLIMITED, value).map_err(|error| LessonError::BadSetup {
                path: join(path, "host"),
                error,
            })?
        }
    };
    let vms_path = join(path, "vms");
    let mut vms = Vec::new();
    for (index, value) in nonempty_list(required(setup, path, "vms")?, &vms_path)?
        .iter()
        .enumerate()
    {
        let path = at(&vms_path, index);
        let vm = object(value, &path, &["config", "state", "pending"])?;
        let bad = |error: VmError, key: &str| LessonError::BadSetup {
            path: join(&path, key),
            error,
        };
        let config_json = required(vm, &path, "config")?;
        let config = config_from_json(config_json).map_err(|error| bad(error, "config"))?;
        let state = match vm.get("state") {
            None => VmState::Stopped,
            Some(value) => {
                let found = string(value, &join(&path, "state"))?;
                VmState::parse(&found).ok_or_else(|| {
                    let words = VmState::ALL.map(VmState::as_str);
                    unknown(&join(&path, "state"), Vocabulary::State, &found, &words)
                })?
            }
        };
        let pending = match vm.get("pending") {
            None => None,
            Some(changes) => {
                if state == VmState::Stopped {
                    return Err(LessonError::PendingOnStopped {
                        path: join(&path, "pending"),
                    });
                }
                // The pending change is the config with these fields changed.
                let mut merged = config_json.clone();
                let changes = object(
                    changes,
                    &join(&path, "pending"),
                    &ConfigField::ALL.map(ConfigField::json_name),
                )?;
                if let Value::Object(merged) = &mut merged {
                    merged.extend(changes.clone());
                }
                let pending = config_from_json(&merged).map_err(|error| bad(error, "pending"))?;
                if pending == config {
                    // A change that changes nothing is no pending change.
                    return Err(LessonError::Empty {
                        path: join(&path, "pending"),
                    });
                }
                Some(pending)
            }
        };
        if vms.iter().any(|vm: &SetupVm| vm.config.name == config.name) {
            return Err(LessonError::Duplicate {
                path,
                name: config.name,
            });
        }
        vms.push(SetupVm {
            config,
            state,
            pending,
        });
    }
    build(host, &vms, Box::new(|| 0)).map_err(|(index, error)| LessonError::BadSetup {
        path: index.map_or_else(|| join(path, "host"), |index| at(&vms_path, index)),
        error,
    })?;
    Ok((host, vms))
}

/// The setup as a manager; an error names the VM (its index) or the host (`None`).
fn build(
    host: Host,
    vms: &[SetupVm],
    clock: Clock,
) -> Result<MockVmManager, (Option<usize>, VmError)> {
    let manager = MockVmManager::with_host(host, clock).map_err(|error| (None, error))?;
    for (index, vm) in vms.iter().enumerate() {
        let name = &vm.config.name;
        let steps: &[Transition] = match vm.state {
            VmState::Stopped => &[],
            VmState::Running => &[Transition::Start],
            VmState::Paused => &[Transition::Start, Transition::Pause],
        };
        manager
            .define_vm(vm.config.clone())
            .and_then(|()| {
                steps
                    .iter()
                    .try_for_each(|step| manager.apply(name, *step).map(drop))
            })
            .and_then(|()| match &vm.pending {
                None => Ok(()),
                Some(pending) => manager.update_vm_config(name, pending.clone()).map(drop),
            })
            .map_err(|error| (Some(index), error))?;
    }
    Ok(manager)
}

/// The goals: each `{"id": "...", "text": {...}, "check": {...}}`; a VM a goal names must be
/// in the setup or made by the solution (created, cloned, or renamed to), and a snapshot it
/// names taken of that VM by the solution (a setup has no snapshots).
fn goals(value: &Value, vms: &[SetupVm], solution: &[Command]) -> Result<Vec<Goal>, LessonError> {
    let known = |name: &str| {
        vms.iter().any(|vm| vm.config.name == name)
            || solution.iter().any(|command| match command {
                Command::Create { config, .. } => config.name == name,
                Command::DomRename { new, .. } => new == name,
                Command::VirtClone {
                    original,
                    name: clone,
                    ..
                } => clone.as_ref().map_or_else(
                    || format!("{original}-clone") == name,
                    |clone| clone == name,
                ),
                _ => false,
            })
    };
    let taken = |vm: &str, snapshot: &str| {
        solution.iter().any(|command| {
            matches!(command, Command::SnapshotCreate { domain, name, .. }
                if domain == vm && name.as_deref() == Some(snapshot))
        })
    };
    let mut goals: Vec<Goal> = Vec::new();
    for (index, value) in nonempty_list(value, "goals")?.iter().enumerate() {
        let path = at("goals", index);
        let goal = object(value, &path, &["id", "text", "check"])?;
        let id = string(required(goal, &path, "id")?, &join(&path, "id"))?;
        if goals.iter().any(|goal| goal.id == id) {
            return Err(LessonError::Duplicate { path, name: id });
        }
        let check_path = join(&path, "check");
        let check = Predicate::read(required(goal, &path, "check")?, &check_path)?;
        if let Some(vm) = check.vms().into_iter().find(|vm| !known(vm)) {
            return Err(LessonError::UnknownVm {
                path: check_path,
                vm: vm.to_owned(),
            });
        }
        if let Some((vm, name)) = check.snapshot().filter(|(vm, name)| !taken(vm, name)) {
            return Err(LessonError::UnknownSnapshot {
                path: check_path,
                vm: vm.to_owned(),
                name: name.to_owned(),
            });
        }
        goals.push(Goal {
            id,
            text: text(required(goal, &path, "text")?, &join(&path, "text"))?,
            check,
        });
    }
    Ok(goals)
}

impl Lesson {
    /// The setup, as a manager reading the time from `clock`.
    pub fn manager(&self, clock: Clock) -> MockVmManager {
        build(self.host, &self.vms, clock)
            .map_err(|(_, error)| error)
            .expect("the setup was built once when the lesson was loaded")
    }

    /// Which goals `world` meets, in the goals' order.
    pub fn progress(&self, world: &World<'_>) -> Vec<bool> {
        self.goals
            .iter()
            .map(|goal| goal.check.holds(world))
            .collect()
    }

    /// Whether `world` meets every goal.
    pub fn complete(&self, world: &World<'_>) -> bool {
        self.progress(world).into_iter().all(|done| done)
    }
}
