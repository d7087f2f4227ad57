//! Why a lesson file can't be used: typed data, put into words by
//! [`Lang::lesson_error`](crate::i18n::Lang::lesson_error) in every language.

use std::fmt;

use crate::json_bounds::{JsonBoundError, JsonSyntaxError};
use crate::manager::VmError;

/// The kind of JSON value a place in a lesson file must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    /// A string.
    Text,
    /// A whole number.
    Number,
    /// A list.
    List,
    /// An object.
    Object,
    /// A goal's check: an object with one key, the predicate.
    Check,
    /// A number or a text, as the config field named beside it holds (`null` for no ISO).
    FieldValue,
}

/// A word of the lesson vocabulary that a file may use in a place, for "unknown …" errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    /// A goal's predicate (`state`, `applied`…).
    Predicate,
    /// A VM state (`running`, `paused`, `stopped`).
    State,
    /// A config field (`memory`, `vcpus`…).
    Field,
    /// An operation (`start`, `stop`, `destroy`…).
    Operation,
    /// A network (`default`, `isolated`, `bridged`).
    Network,
    /// A host resource (`memory`, `cpus`, `storage`).
    Resource,
    /// A key of an object (a misspelt one, or one that has no place there).
    Key,
}

/// Why a lesson file was refused. `path` is where in the file, as `goals[2].check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LessonError {
    /// The file is larger than [`MAX_LESSON_BYTES`](super::MAX_LESSON_BYTES).
    TooLarge {
        /// Its size.
        bytes: usize,
    },
    /// The file's shape passes a bound (depth, entries) checked before parsing.
    TooComplex(JsonBoundError),
    /// Not JSON at all.
    NotJson {
        /// Where the parser stopped.
        at: JsonSyntaxError,
    },
    /// A required value is missing.
    Missing {
        /// Where.
        path: String,
    },
    /// A value of the wrong kind.
    WrongType {
        /// Where.
        path: String,
        /// What it must be.
        expected: JsonKind,
    },
    /// A word the vocabulary doesn't have.
    Unknown {
        /// Where.
        path: String,
        /// Which vocabulary.
        what: Vocabulary,
        /// The word as found (cut to a few dozen characters).
        found: String,
        /// The word it probably means.
        suggestion: Option<&'static str>,
    },
    /// A goal names a VM that the setup doesn't have and the solution doesn't create.
    UnknownVm {
        /// Where.
        path: String,
        /// The VM.
        vm: String,
    },
    /// A goal names a snapshot that the solution doesn't take of its VM.
    UnknownSnapshot {
        /// Where.
        path: String,
        /// The VM.
        vm: String,
        /// The snapshot.
        name: String,
    },
    /// Two VMs of the setup, or two goals, with one name or id.
    Duplicate {
        /// Where the second one is.
        path: String,
        /// The name or id.
        name: String,
    },
    /// A list that must hold something is empty (goals, the solution).
    Empty {
        /// Where.
        path: String,
    },
    /// A VM of the setup the core refuses (its config, its state, its pending change, the host).
    BadSetup {
        /// Where.
        path: String,
        /// The core's reason.
        error: VmError,
    },
    /// A pending change on a VM that is stopped (a stopped VM's changes apply at once).
    PendingOnStopped {
        /// Where.
        path: String,
    },
    /// A solution line the console can't read.
    BadCommand {
        /// Where.
        path: String,
        /// The line.
        line: String,
    },
    /// The file's id is not the one it was fetched as.
    WrongId {
        /// The id asked for.
        expected: String,
        /// The id the file has.
        found: String,
    },
}

impl fmt::Display for LessonError {
    /// In English; `Lang::lesson_error` says it in any language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::Lang::En.lesson_error(self))
    }
}

impl std::error::Error for LessonError {}
