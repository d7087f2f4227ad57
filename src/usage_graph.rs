//! The usage graphs: a VM's sparklines and the host's stacked graphs, over the last minute of
//! simulated time, drawn from [`usage_model`] (so the same VMs draw the same picture on any
//! machine). Pure: series and SVG path data in integers, natively tested; the UI only binds
//! them to `<path d>`.
//!
//! The graphs show what the model gives for each VM's state *now* over the whole minute: the
//! page keeps no history, so a VM started ten seconds ago is drawn as if it had run all
//! minute.

use std::ops::RangeInclusive;

use crate::manager::{usage_model, VmConfig, VmState};

/// The graphs' window, in simulated seconds.
pub const WINDOW: u64 = 60;
/// The horizontal distance between two seconds, in SVG user units.
pub const STEP: u64 = 10;
/// The graphs' width in SVG user units: the oldest second at 0, the newest at `WIDTH`.
pub const WIDTH: u64 = (WINDOW - 1) * STEP;
/// The graphs' height in SVG user units: a value of 0 at `HEIGHT`, the graph's maximum at 0.
pub const HEIGHT: u64 = 100;
/// The most VMs the host's stacked graphs draw, one band each: the active ones holding the
/// most memory. With thousands of VMs a band each would be unreadable, and a tick would
/// evaluate the model for every one of them 60 times (~50 ms at 10,000 VMs, measured).
pub const HOST_GRAPH_VMS: usize = 8;

/// The simulated seconds of the window that ends at `t`, oldest first: the last minute, or
/// less while the clock has not yet run a minute.
pub fn window(t: u64) -> RangeInclusive<u64> {
    t.saturating_sub(WINDOW - 1)..=t
}

/// What a graph needs of a VM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphedVm {
    /// Its name (the model's seed).
    pub name: String,
    /// Its state now.
    pub state: VmState,
    /// Its memory, in MB.
    pub memory: u64,
    /// Its vCPUs.
    pub vcpus: u32,
}

impl GraphedVm {
    /// What the graphs need of a VM of `config` in `state`.
    pub fn of(config: &VmConfig, state: VmState) -> GraphedVm {
        GraphedVm {
            name: config.name.clone(),
            state,
            memory: config.memory,
            vcpus: config.vcpus,
        }
    }

    /// The guest's CPU use over the window ending at `t`, in tenths of a percent.
    pub fn cpu_permille(&self, t: u64) -> Vec<u64> {
        window(t)
            .map(|s| u64::from(usage_model::cpu_permille(&self.name, self.state, s)))
            .collect()
    }

    /// The host CPUs the guest keeps busy over the window, in thousandths of a CPU (its CPU
    /// use times its vCPUs).
    pub fn cpus_busy_milli(&self, t: u64) -> Vec<u64> {
        let vcpus = u64::from(self.vcpus);
        self.cpu_permille(t)
            .into_iter()
            .map(|permille| permille * vcpus)
            .collect()
    }

    /// The guest's memory in use over the window ending at `t`, in MB.
    pub fn memory_used_mb(&self, t: u64) -> Vec<u64> {
        window(t)
            .map(|s| usage_model::memory_used_mb(&self.name, self.state, self.memory, s))
            .collect()
    }
}

/// Which of the active (running or paused) VMs the host's graphs draw, given each one's memory
/// and name: the [`HOST_GRAPH_VMS`] holding the most memory, largest first (by name on ties),
/// and how many others there are. One pass that keeps only the few largest, so the caller can
/// pass cheap keys for thousands of VMs and look up the few it draws.
pub fn host_graph_vms<N: Ord>(active: impl IntoIterator<Item = (u64, N)>) -> (Vec<N>, usize) {
    let mut largest: Vec<(u64, N)> = Vec::with_capacity(HOST_GRAPH_VMS + 1);
    let mut others = 0;
    for (memory, name) in active {
        let at = largest
            .iter()
            .position(|(kept, kept_name)| memory > *kept || (memory == *kept && name < *kept_name))
            .unwrap_or(largest.len());
        if at < HOST_GRAPH_VMS {
            largest.insert(at, (memory, name));
            if largest.len() > HOST_GRAPH_VMS {
                largest.pop();
                others += 1;
            }
        } else {
            others += 1;
        }
    }
    (largest.into_iter().map(|(_, name)| name).collect(), others)
}

/// The height of `value` on a graph whose top is `max` (a value above it is drawn at the top).
fn y(value: u64, max: u64) -> u64 {
    HEIGHT - value.min(max) * HEIGHT / max.max(1)
}

/// The x of the `index`th value of the window ending at `t` (the newest at [`WIDTH`]).
fn x(t: u64, index: usize) -> u64 {
    let oldest = *window(t).start();
    WIDTH - (t - oldest - index as u64) * STEP
}

/// SVG path data of a line through `values` (the window ending at `t`, oldest first) on a graph
/// whose top is `max`: "M0,80L10,75…".
pub fn line_path(t: u64, values: &[u64], max: u64) -> String {
    let mut path = String::with_capacity(values.len() * 8);
    for (index, value) in values.iter().enumerate() {
        let command = if index == 0 { 'M' } else { 'L' };
        path.push_str(&format!("{command}{},{}", x(t, index), y(*value, max)));
    }
    path
}

/// SVG path data of the bands of `series` (each over the window ending at `t`, oldest first)
/// stacked from the bottom in the order given, on a graph whose top is `max`: band `i` is the
/// area between the sum of the series before it and that sum plus its own.
pub fn stacked_paths(t: u64, series: &[Vec<u64>], max: u64) -> Vec<String> {
    let len = series.iter().map(Vec::len).max().unwrap_or(0);
    let mut below = vec![0u64; len];
    series
        .iter()
        .map(|values| {
            let above: Vec<u64> = below
                .iter()
                .zip(values.iter().chain(std::iter::repeat(&0)))
                .map(|(low, value)| low.saturating_add(*value))
                .collect();
            let mut path = line_path(t, &above, max);
            for index in (0..len).rev() {
                path.push_str(&format!("L{},{}", x(t, index), y(below[index], max)));
            }
            path.push('Z');
            below = above;
            path
        })
        .collect()
}

/// The SVG markup of `paths` (path data from [`line_path`] or [`stacked_paths`], which hold
/// only `M`, `L`, `Z`, digits and commas), each a `<path>` of class `band band-<index>`: set as
/// an `<svg>`'s inner HTML, one string a tick instead of a view per band (less code in the
/// page, and nothing in it is user data).
pub fn paths_markup(paths: &[String]) -> String {
    paths
        .iter()
        .enumerate()
        .map(|(index, d)| format!(r#"<path class="band band-{index}" d="{d}"/>"#))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_the_last_minute_or_what_there_is_of_it() {
        assert_eq!(window(0), 0..=0);
        assert_eq!(window(10), 0..=10);
        assert_eq!(window(59), 0..=59);
        assert_eq!(window(100), 41..=100);
    }

    #[test]
    fn a_line_ends_at_the_right_edge_and_a_short_window_starts_midway() {
        assert!(line_path(100, &[0; 60], 10).starts_with("M0,100L10,100"));
        assert!(line_path(100, &[0; 60], 10).ends_with("L590,100"));
        assert_eq!(line_path(1, &[0, 10], 10), "M580,100L590,0");
        // Above the top is drawn at the top; a zero maximum draws nothing off the graph.
        assert_eq!(line_path(0, &[50], 10), "M590,0");
        assert_eq!(line_path(0, &[0], 0), "M590,100");
    }

    #[test]
    fn markup_is_one_path_per_band() {
        assert_eq!(
            paths_markup(&["M0,1Z".into(), "M2,3Z".into()]),
            r#"<path class="band band-0" d="M0,1Z"/><path class="band band-1" d="M2,3Z"/>"#
        );
    }

    #[test]
    fn bands_stack_from_the_bottom() {
        let paths = stacked_paths(1, &[vec![2, 4], vec![3, 3]], 10);
        assert_eq!(
            paths,
            [
                "M580,80L590,60L590,100L580,100Z",
                "M580,50L590,30L590,60L580,80Z",
            ]
        );
    }
}
