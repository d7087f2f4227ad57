//! The console's transcript: the lines the console panel shows (commands typed, what they
//! printed, the commands GUI actions amount to), bounded to [`TRANSCRIPT_LINES`], each with a
//! number that never repeats so the panel keys its list by it. Lines leave from the top and
//! come at the end, so every line but the first (the note on dropped lines, numbered when it
//! came) is in number order: the console panel finds the lines it still shows by a search.

use leptos::prelude::*;

use super::App;
use crate::i18n::fill;
use crate::web::language::current;

/// What kind of line the console shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A command typed in the console, with its prompt.
    Input,
    /// What a command printed.
    Output,
    /// An error a command printed.
    Error,
    /// The command a GUI action amounts to ("# virsh start web-01").
    Mirror,
    /// The console's own note at the top, once older lines have been dropped.
    Note,
}

/// One line of the console's transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Its kind, for styling.
    pub kind: LineKind,
    /// Its text.
    pub text: String,
}

/// The most lines the console keeps (oldest dropped first).
pub const TRANSCRIPT_LINES: usize = 1000;

impl App {
    /// Adds lines to the console's transcript; past [`TRANSCRIPT_LINES`], the oldest go and a
    /// note at the top says so (a `list --all` of 10,000 VMs would otherwise start mid-table,
    /// with nothing to tell why).
    pub fn print(&self, lines: impl IntoIterator<Item = Line>) {
        let next_line = self.next_line;
        let numbered = move |line: Line| {
            let id = next_line.get_value();
            next_line.set_value(id + 1);
            (id, line)
        };
        self.transcript.update(|transcript| {
            transcript.extend(lines.into_iter().map(numbered));
            let excess = transcript.len().saturating_sub(TRANSCRIPT_LINES);
            if excess > 0 {
                // One line more goes, to make room for the note (the last note among them).
                transcript.drain(..=excess);
                transcript.insert(
                    0,
                    numbered(Line {
                        kind: LineKind::Note,
                        text: fill(
                            current().console().older_lines_gone,
                            &[("count", &TRANSCRIPT_LINES)],
                        ),
                    }),
                );
            }
        });
    }
}
