//! What the list shows about many VMs at once: the summary and the filters. Pure, so tested
//! natively; the UI derives these from the per-VM signals.

use crate::manager::{VmInfo, VmState};

/// Counts by state and what the running VMs hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Running VMs.
    pub running: usize,
    /// Paused VMs.
    pub paused: usize,
    /// Stopped VMs.
    pub stopped: usize,
    /// Memory held by running VMs, in MB.
    pub running_memory_mb: u64,
    /// vCPUs held by running VMs.
    pub running_vcpus: u64,
}

impl Summary {
    /// Adds one VM to the counts.
    pub fn add(&mut self, info: &VmInfo) {
        match info.state {
            VmState::Running => {
                self.running += 1;
                self.running_memory_mb += info.config.memory;
                self.running_vcpus += u64::from(info.config.vcpus);
            }
            VmState::Paused => self.paused += 1,
            VmState::Stopped => self.stopped += 1,
        }
    }

    /// Takes away a VM [`Summary::add`] counted: the page keeps its summary as VMs change
    /// instead of adding up every VM on every click.
    pub fn remove(&mut self, info: &VmInfo) {
        match info.state {
            VmState::Running => {
                self.running -= 1;
                self.running_memory_mb -= info.config.memory;
                self.running_vcpus -= u64::from(info.config.vcpus);
            }
            VmState::Paused => self.paused -= 1,
            VmState::Stopped => self.stopped -= 1,
        }
    }

    /// Every VM counted.
    pub fn total(&self) -> usize {
        self.running + self.paused + self.stopped
    }
}

/// Which states the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StateFilter {
    /// Every VM.
    #[default]
    All,
    /// Only VMs in this state.
    Only(VmState),
}

impl StateFilter {
    /// The value of the filter's `<option>`: "all", or a state's word.
    pub fn as_str(self) -> &'static str {
        match self {
            StateFilter::All => "all",
            StateFilter::Only(state) => state.as_str(),
        }
    }

    /// Parses [`StateFilter::as_str`]; anything else means all.
    pub fn parse(value: &str) -> StateFilter {
        VmState::parse(value).map_or(StateFilter::All, StateFilter::Only)
    }

    /// Whether a VM in `state` is shown.
    pub fn admits(self, state: VmState) -> bool {
        match self {
            StateFilter::All => true,
            StateFilter::Only(wanted) => wanted == state,
        }
    }
}

/// Whether `name` matches the text filter `query`: a case-insensitive substring; an empty or
/// blank query matches everything. To test many names, make one [`NameFilter`].
pub fn name_matches(name: &str, query: &str) -> bool {
    NameFilter::new(query).matches(name)
}

/// The list's text filter, trimmed and case-folded once for every name it is tested on.
///
/// ```
/// use vm_playground::present::NameFilter;
/// let filter = NameFilter::new(" WEB ");
/// assert!(filter.matches("web-01") && filter.matches("Webserver"));
/// assert!(!filter.matches("db-01"));
/// assert!(NameFilter::new("").matches("db-01"));
/// ```
pub struct NameFilter {
    folded: String,
}

impl NameFilter {
    /// The filter for what the user typed.
    pub fn new(query: &str) -> Self {
        NameFilter {
            folded: fold_case(query.trim()),
        }
    }

    /// Whether `name` holds the query, case aside (every name does when the query is blank).
    pub fn matches(&self, name: &str) -> bool {
        self.folded.is_empty() || fold_case(name).contains(&self.folded)
    }
}

/// `text` in lower case, for comparisons that ignore case: Latin (with Latin-1 and Latin
/// Extended-A), Greek, Cyrillic and Armenian letters are folded; the rest stays as written.
///
/// Not `str::to_lowercase`: its tables cover all of Unicode and cost the page about 7 KB of
/// gzip (measured), a lot next to what a VM name filter needs.
///
/// ```
/// use vm_playground::present::fold_case;
/// assert_eq!(fold_case("Web-01"), "web-01");
/// assert_eq!(fold_case("ВЕБ-Ёлка"), "веб-ёлка");
/// ```
pub fn fold_case(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn fold_char(ch: char) -> char {
    let code = ch as u32;
    let even = code.is_multiple_of(2);
    let lower = match code {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => code + 0x20,
        // Latin Extended-A: capital and small letters alternate (İ, ĸ and ŉ excepted).
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if even => code + 1,
        0x139..=0x148 | 0x179..=0x17E if !even => code + 1,
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => code + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => code + 0x3F,
        0x391..=0x3A1 | 0x3A3..=0x3AB => code + 0x20,
        0x400..=0x40F => code + 0x50,
        0x410..=0x42F => code + 0x20,
        // Cyrillic beyond Russian: capital and small letters alternate.
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if even => code + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if !even => code + 1,
        0x531..=0x556 => code + 0x30,
        _ => code,
    };
    char::from_u32(lower).unwrap_or(ch)
}

/// Memory for people: "512 MB", "2 GB", "1.5 GB" (1 GB = 1024 MB, as virt-manager shows it).
pub fn format_memory(mb: u64) -> String {
    if mb < 1024 {
        return format!("{mb} MB");
    }
    if mb.is_multiple_of(1024) {
        return format!("{} GB", mb / 1024);
    }
    format!("{} GB", one_decimal(mb, 1024))
}

/// `value / unit` with one decimal, rounded half up: `one_decimal(1536, 1024)` is "1.5".
/// Exact for every `u64`, which an f64 is not.
pub fn one_decimal(value: u64, unit: u64) -> String {
    let tenths = (u128::from(value) * 10 + u128::from(unit / 2)) / u128::from(unit.max(1));
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// `text` cut to at most `max` characters, the last of them "…" when it was longer.
pub fn cut_text(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(0, |(at, _)| at);
            format!("{}…", &text[..end])
        }
    }
}

/// `text` made safe for markup (XML, and HTML alike): in text, and in attributes quoted with
/// `'` or `"`.
pub fn escape_markup(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\'' => escaped.push_str("&apos;"),
            '"' => escaped.push_str("&quot;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manager::VmConfig;

    fn vm(memory: u64, vcpus: u32, state: VmState) -> VmInfo {
        VmInfo {
            config: VmConfig {
                name: "x".into(),
                memory,
                vcpus,
                ..Default::default()
            },
            state,
            pending: None,
            created_at: 0,
            state_changed_at: 0,
            revision: 1,
            snapshots: Vec::new(),
            current_snapshot: None,
        }
    }

    #[test]
    fn summary_counts_states_and_what_running_vms_hold() {
        let mut summary = Summary::default();
        for info in [
            vm(1024, 2, VmState::Running),
            vm(2048, 4, VmState::Running),
            vm(4096, 8, VmState::Paused),
            vm(512, 1, VmState::Stopped),
        ] {
            summary.add(&info);
        }
        assert_eq!(
            summary,
            Summary {
                running: 2,
                paused: 1,
                stopped: 1,
                running_memory_mb: 3072,
                running_vcpus: 6,
            }
        );
        assert_eq!(summary.total(), 4);
    }

    #[test]
    fn removing_a_vm_undoes_adding_it() {
        let vms = [
            vm(1024, 2, VmState::Running),
            vm(2048, 4, VmState::Paused),
            vm(512, 1, VmState::Stopped),
        ];
        let mut kept = Summary::default();
        kept.add(&vms[1]);
        let mut summary = Summary::default();
        for info in &vms {
            summary.add(info);
        }
        summary.remove(&vms[0]);
        summary.remove(&vms[2]);
        assert_eq!(summary, kept);
    }

    #[test]
    fn state_filter_round_trips_and_admits() {
        for filter in [
            StateFilter::All,
            StateFilter::Only(VmState::Running),
            StateFilter::Only(VmState::Paused),
            StateFilter::Only(VmState::Stopped),
        ] {
            assert_eq!(StateFilter::parse(filter.as_str()), filter);
        }
        assert_eq!(StateFilter::parse("nonsense"), StateFilter::All);
        assert!(StateFilter::All.admits(VmState::Paused));
        assert!(StateFilter::Only(VmState::Paused).admits(VmState::Paused));
        assert!(!StateFilter::Only(VmState::Paused).admits(VmState::Running));
    }

    #[test]
    fn name_filter_is_a_case_insensitive_substring() {
        assert!(name_matches("Web-01", "web"));
        assert!(name_matches("веб-сервер", "СЕРВ"));
        assert!(name_matches("db", "  "));
        assert!(!name_matches("db-01", "web"));
    }

    #[test]
    fn memory_is_shown_in_mb_or_gb() {
        assert_eq!(format_memory(512), "512 MB");
        assert_eq!(format_memory(2048), "2 GB");
        assert_eq!(format_memory(1536), "1.5 GB");
        assert_eq!(format_memory(1100), "1.1 GB");
        assert_eq!(format_memory(1030), "1.0 GB");
        assert_eq!(format_memory(2047), "2.0 GB");
        assert_eq!(
            format_memory(u64::MAX / 20),
            format!("{:.1} GB", (u64::MAX / 20) as f64 / 1024.0)
        );
    }

    #[test]
    fn case_folding_agrees_with_unicode_where_it_folds() {
        // Every letter of the blocks fold_case covers lower-cases as the standard library does
        // (where that is one character), except the few whose lower case has another shape.
        let blocks = [0x0..=0x24F_u32, 0x370..=0x3FF, 0x400..=0x52F, 0x530..=0x58F];
        let mut folded = 0;
        let mut wrong = Vec::new();
        for ch in blocks.into_iter().flatten().filter_map(char::from_u32) {
            #[allow(
                clippy::disallowed_methods,
                reason = "the reference fold_case is checked against"
            )]
            let mut lower = ch.to_lowercase();
            let (Some(expected), None) = (lower.next(), lower.next()) else {
                continue;
            };
            let got = fold_char(ch);
            if got != ch {
                folded += 1;
            }
            let covered =
                matches!(ch as u32, 0x0..=0x17F | 0x386..=0x3AB | 0x400..=0x52F | 0x531..=0x556);
            if got != expected && (covered || got != ch) {
                wrong.push(format!("U+{:04X}", ch as u32));
            }
        }
        assert!(
            wrong.is_empty(),
            "folded differently from Unicode: {wrong:?}"
        );
        assert!(folded > 300, "only {folded} letters fold");
    }

    #[test]
    fn markup_is_escaped_for_text_and_both_quotes() {
        assert_eq!(
            super::escape_markup(r#"<a href='x' title="y">&</a>"#),
            "&lt;a href=&apos;x&apos; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(super::escape_markup("сеть-1"), "сеть-1");
    }
}
