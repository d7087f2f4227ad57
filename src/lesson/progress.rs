//! The student's progress, as stored under `vm-playground:lessons`: the lessons finished and
//! the one being played (restarted from its setup after a reload). Pure; `web::lessons`
//! moves the string.

use serde::{Deserialize, Serialize};

use super::INDEX;

/// What the student has done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The ids of the lessons finished, in the order they were.
    #[serde(default)]
    pub finished: Vec<String>,
    /// The lesson being played, if any.
    #[serde(default)]
    pub current: Option<String>,
}

impl Progress {
    /// Reads the stored progress. Anything unreadable is no progress, and ids of lessons this
    /// version doesn't have are left out (a lesson renamed or removed).
    pub fn decode(text: &str) -> Progress {
        let mut progress: Progress = serde_json::from_str(text).unwrap_or_default();
        let known = |id: &String| INDEX.iter().any(|entry| entry.id == id);
        progress.finished.retain(known);
        progress.current = progress.current.filter(known);
        progress
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
