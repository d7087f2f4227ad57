//! What the page tells the user about stored data: whether changes are saved
//! ([`SaveStatus`]) and the notices (what could not be loaded or applied, and where it was
//! kept). `web::persist` makes them; `ui::alerts` shows them.

use crate::manager::VmState;
use crate::web::store::SaveError;

/// Whether changes reach localStorage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Every change so far is saved.
    Saved,
    /// Changes stay in memory only; why, for the alert. Saving is retried on every change.
    NotSaving(SaveError),
    /// The stored metadata (given as found, cut short) names a format this version can't
    /// read: nothing is read or written under the app's keys until the user starts over
    /// ([`App::start_over`](super::App::start_over)); changes stay in memory.
    UnknownFormat(String),
}

/// A message about stored data, shown in an alert until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What happened (put into words in the page's language when shown).
    pub title: NoticeTitle,
    /// The details: one line per key or entry.
    pub items: Vec<NoticeItem>,
    /// The backup key the data was kept under, offered as a download.
    pub backup_key: Option<String>,
}

/// What a [`Notice`] says happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeTitle {
    /// Another tab's newer changes won over this tab's unsaved ones.
    LostChanges,
    /// A record this version can't read was kept under `backup_key` before a change here
    /// replaced it.
    ReplacedUnreadable {
        /// Where it was kept.
        backup_key: String,
    },
    /// `count` entries of the stored event log could not be read.
    LogEntriesSkipped {
        /// How many.
        count: usize,
    },
    /// The stored event log could not be read at all.
    LogUnreadable,
    /// Saved data that could not be loaded was kept under a backup key.
    SetAsideKept {
        /// The backup key.
        key: String,
    },
    /// Saved data that could not be loaded was left where it was: no backup could be written.
    SetAsideLeft {
        /// Why the backup failed.
        error: SaveError,
    },
    /// Storage was emptied elsewhere (another page's `localStorage.clear()`) and this tab
    /// wrote its `count` VMs back.
    WrittenBack {
        /// How many VMs.
        count: usize,
    },
}

/// A detail line of a [`Notice`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeItem {
    /// A storage key, as found (technical detail).
    Detail(String),
    /// A stored value that could not be used: its key, and why.
    Problem(crate::storage::LoadProblem),
    /// A change of this tab that another tab's overtook.
    Lost {
        /// The VM.
        name: String,
        /// Its state after this tab's change (`None`: deleted here).
        ours: Option<VmState>,
        /// Its state as the other tab left it (`None`: deleted there).
        kept: Option<VmState>,
    },
}
