//! The student's progress, as stored under `vm-playground:lessons`: the lessons finished and
//! the one being played (restarted from its setup after a reload). Pure; `web::lessons`
//! moves the string.

use serde::Serialize;
use serde_json::{Map, Value};

use super::INDEX;

/// What the student has done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// The ids of the lessons finished, in the order they were.
    pub finished: Vec<String>,
    /// The lesson being played, if any.
    pub current: Option<String>,
    /// The stored record's other fields (a newer version's), written back as they were.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl Progress {
    /// Reads the stored progress, value by value, so that one the student's record can't
    /// have made (a number among the ids) costs only itself. Ids of lessons this version
    /// doesn't have stay finished (a newer version's on the same site: harmless here, and
    /// kept for it); the lesson being played is one of this version's, or none. Text that is
    /// not a JSON object is no progress.
    pub fn decode(text: &str) -> Progress {
        let Ok(Value::Object(mut fields)) = serde_json::from_str::<Value>(text) else {
            return Progress::default();
        };
        let finished = match fields.remove("finished") {
            Some(Value::Array(ids)) => ids
                .into_iter()
                .filter_map(|id| match id {
                    Value::String(id) => Some(id),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let current = match fields.remove("current") {
            Some(Value::String(id)) if INDEX.iter().any(|entry| entry.id == id) => Some(id),
            _ => None,
        };
        Progress {
            finished,
            current,
            other: fields,
        }
    }

    /// The record to store.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("progress always serialises")
    }

    /// Whether lesson `id` is finished.
    pub fn is_finished(&self, id: &str) -> bool {
        self.finished.iter().any(|done| done == id)
    }

    /// Marks lesson `id` finished; returns whether that is news.
    pub fn finish(&mut self, id: &str) -> bool {
        if self.is_finished(id) {
            return false;
        }
        self.finished.push(id.to_owned());
        true
    }
}

/// The lesson a page address asks for: `#lesson=<id>` (one of [`INDEX`]).
///
/// ```
/// use vm_playground::lesson::lesson_in_hash;
/// assert_eq!(lesson_in_hash("#lesson=rename").map(|entry| entry.id), Some("rename"));
/// assert_eq!(lesson_in_hash("#lesson=nope"), None);
/// assert_eq!(lesson_in_hash(""), None);
/// ```
pub fn lesson_in_hash(hash: &str) -> Option<&'static super::IndexEntry> {
    let id = hash.strip_prefix('#')?.strip_prefix("lesson=")?;
    INDEX.iter().find(|entry| entry.id == id)
}

/// The lesson after `id` in the course, if there is one.
pub fn next_after(id: &str) -> Option<&'static super::IndexEntry> {
    let index = INDEX.iter().position(|entry| entry.id == id)?;
    INDEX.get(index + 1)
}
