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
/// blank query matches everything.
pub fn name_matches(name: &str, query: &str) -> bool {
    let query = query.trim();
    query.is_empty() || name.to_lowercase().contains(&query.to_lowercase())
}

/// Memory for people: "512 MB", "2 GB", "1.5 GB" (1 GB = 1024 MB, as virt-manager shows it).
pub fn format_memory(mb: u64) -> String {
    if mb < 1024 {
        return format!("{mb} MB");
    }
    let gb = mb as f64 / 1024.0;
    if mb.is_multiple_of(1024) {
        format!("{} GB", mb / 1024)
    } else {
        format!("{gb:.1} GB")
    }
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
    }
}
