//! The console's command history and its ↑/↓ navigation, kept out of the UI so that it is
//! tested natively.

/// The lines typed, oldest first, and where ↑/↓ navigation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    limit: usize,
    /// The entry shown while navigating; `None` when editing a new line.
    cursor: Option<usize>,
    /// The line being typed when navigation began, given back by ↓ past the newest entry.
    draft: String,
}

impl Default for History {
    fn default() -> Self {
        History::new(History::DEFAULT_LIMIT)
    }
}

impl History {
    /// How many lines [`History::default`] keeps.
    pub const DEFAULT_LIMIT: usize = 1000;

    /// An empty history keeping at most `limit` lines (at least 1).
    pub fn new(limit: usize) -> Self {
        History {
            entries: Vec::new(),
            limit: limit.max(1),
            cursor: None,
            draft: String::new(),
        }
    }

    /// Records a line that was run, like a shell with `ignoredups`: blank lines and a repeat of
    /// the newest line are not recorded. Ends any navigation.
    pub fn push(&mut self, line: &str) {
        self.cursor = None;
        self.draft.clear();
        if line.trim().is_empty() || self.entries.last().map(String::as_str) == Some(line) {
            return;
        }
        if self.entries.len() == self.limit {
            self.entries.remove(0);
        }
        self.entries.push(line.to_owned());
    }

    /// The lines, oldest first.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// ↑: the line before the one shown (`current` is what the input holds, kept as the draft
    /// when navigation begins). `None` when the history is empty; stays on the oldest line.
    pub fn up(&mut self, current: &str) -> Option<&str> {
        if self.entries.is_empty() {
            return None;
        }
        let index = match self.cursor {
            None => {
                self.draft = current.to_owned();
                self.entries.len() - 1
            }
            Some(index) => index.saturating_sub(1),
        };
        self.cursor = Some(index);
        Some(&self.entries[index])
    }

    /// ↓: the line after the one shown, or the draft after the newest. `None` when not
    /// navigating.
    pub fn down(&mut self) -> Option<&str> {
        let index = self.cursor?;
        if index + 1 < self.entries.len() {
            self.cursor = Some(index + 1);
            Some(&self.entries[index + 1])
        } else {
            self.cursor = None;
            Some(&self.draft)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(lines: &[&str]) -> History {
        let mut history = History::default();
        for line in lines {
            history.push(line);
        }
        history
    }

    #[test]
    fn blank_lines_and_repeats_are_not_recorded() {
        let history = typed(&["list", "list", "  ", "", "start a", "list"]);
        assert_eq!(history.entries(), ["list", "start a", "list"]);
    }

    #[test]
    fn the_oldest_line_goes_beyond_the_limit() {
        let mut history = History::new(2);
        for line in ["a", "b", "c"] {
            history.push(line);
        }
        assert_eq!(history.entries(), ["b", "c"]);
        assert_eq!(History::new(0).limit, 1);
    }

    #[test]
    fn up_and_down_walk_the_history_and_give_the_draft_back() {
        let mut history = typed(&["one", "two", "three"]);
        assert_eq!(history.down(), None);
        assert_eq!(history.up("dra"), Some("three"));
        assert_eq!(history.up("three"), Some("two"));
        assert_eq!(history.up("two"), Some("one"));
        assert_eq!(history.up("one"), Some("one"));
        assert_eq!(history.down(), Some("two"));
        assert_eq!(history.down(), Some("three"));
        assert_eq!(history.down(), Some("dra"));
        assert_eq!(history.down(), None);
    }

    #[test]
    fn pushing_ends_navigation_and_an_empty_history_has_nothing_above() {
        let mut history = History::default();
        assert_eq!(history.up("x"), None);
        history.push("a");
        history.push("b");
        assert_eq!(history.up(""), Some("b"));
        history.push("c");
        assert_eq!(history.up(""), Some("c"));
    }
}
