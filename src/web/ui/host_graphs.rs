//! The host's stacked graphs: CPU and memory in use over the last minute of simulated time,
//! one band per running or paused VM (the [`HOST_GRAPH_VMS`] holding the most memory), with a
//! legend that says each VM's values now: the graphs' text equivalent.

use leptos::prelude::*;

use super::on_screen::{clock_while, on_screen};
use crate::i18n::fill;
use crate::manager::HostInfo;
use crate::usage_graph::{
    host_graph_vms, paths_markup, stacked_paths, GraphedVm, HEIGHT, HOST_GRAPH_VMS, WIDTH,
};
use crate::web::app::App;
use crate::web::language::Language;

/// What the graphs draw at one simulated second.
struct Drawn {
    /// Each VM drawn: its name, its CPU use now (‰) and memory in use now (MB).
    legend: Vec<(String, u64, u64)>,
    /// The CPU bands' path data, bottom first, and the graph's top (thousandths of a CPU).
    cpu: (Vec<String>, u64),
    /// The memory bands' path data, bottom first, and the graph's top (MB).
    memory: (Vec<String>, u64),
    /// CPUs busy now, in thousandths, and memory in use now (MB), of the VMs drawn.
    totals: (u64, u64),
}

fn draw(vms: &[GraphedVm], t: u64, cpus: Option<u32>, memory: Option<u64>) -> Drawn {
    let cpu: Vec<Vec<u64>> = vms.iter().map(|vm| vm.cpus_busy_milli(t)).collect();
    let used: Vec<Vec<u64>> = vms.iter().map(|vm| vm.memory_used_mb(t)).collect();
    let now = |series: &Vec<u64>| series.last().copied().unwrap_or(0);
    // An unlimited size: the graph's top is what the VMs drawn could take.
    let cpu_top = cpus.map_or_else(
        || vms.iter().map(|vm| u64::from(vm.vcpus)).sum::<u64>(),
        u64::from,
    ) * 1000;
    let memory_top = memory.unwrap_or_else(|| vms.iter().map(|vm| vm.memory).sum());
    Drawn {
        legend: vms
            .iter()
            .zip(cpu.iter().zip(&used))
            .map(|(vm, (busy, used))| {
                let permille = now(busy) / u64::from(vm.vcpus.max(1));
                (vm.name.clone(), permille, now(used))
            })
            .collect(),
        totals: (cpu.iter().map(now).sum(), used.iter().map(now).sum()),
        cpu: (stacked_paths(t, &cpu, cpu_top), cpu_top),
        memory: (stacked_paths(t, &used, memory_top), memory_top),
    }
}

/// One stacked graph, hidden from assistive technology: its caption and the legend say what
/// it shows.
fn graph(kind: &'static str, caption: String, bands: Vec<String>) -> impl IntoView {
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    view! {
        <figure class="host-graph" data-graph=kind>
            <figcaption>{caption}</figcaption>
            <svg viewBox=view_box preserveAspectRatio="none" aria-hidden="true" inner_html=paths_markup(&bands)></svg>
        </figure>
    }
}

/// The graphs, their legend and what they leave out. `info` is the Host panel's reading of
/// the host.
#[component]
pub fn HostGraphs(info: Memo<HostInfo>) -> impl IntoView {
    let app = expect_context::<App>();
    let language = expect_context::<Language>();
    let node = NodeRef::<leptos::html::Div>::new();
    let shown = on_screen(node);
    // Which VMs: follows the VMs (not the clock), and only while the graphs show, so that a
    // click among 10,000 VMs doesn't look through them all for graphs nobody sees.
    let chosen = Memo::new(move |previous: Option<&(Vec<GraphedVm>, usize)>| {
        if let (false, Some(previous)) = (shown.get(), previous) {
            return previous.clone();
        }
        app.rows.track();
        app.infos_changed.track();
        app.rows.with_untracked(|rows| {
            let active = rows.iter().filter_map(|row| {
                row.info.with_untracked(|info| {
                    info.state
                        .is_active()
                        .then(|| (info.config.memory, row.name.clone()))
                })
            });
            let (names, others) = host_graph_vms(active);
            // Largest first, as chosen (the biggest band at the bottom); rows are by name.
            let vms = names
                .iter()
                .filter_map(|name| {
                    let index = rows.binary_search_by(|row| (*row.name).cmp(name)).ok()?;
                    Some(
                        rows[index]
                            .info
                            .with_untracked(|info| GraphedVm::of(&info.config, info.state)),
                    )
                })
                .collect();
            (vms, others)
        })
    });
    let graphs = move || {
        let t = clock_while(app, shown);
        let lang = language.get();
        let texts = lang.texts();
        // The host's sizes when they change, from the gauges' reading (a tick must not sum
        // what every VM holds, nor a click among 10,000 VMs redraw graphs nobody sees).
        app.host_changed.track();
        let host = info.with_untracked(|info| info.host);
        let Drawn {
            legend,
            cpu,
            memory,
            totals,
        } = chosen.with(|(vms, _)| draw(vms, t, host.cpus, host.memory));
        let busy = lang.one_decimal(totals.0, 1000);
        let cpu_caption = match host.cpus {
            Some(cpus) => fill(
                texts.host_graph_cpu,
                &[("busy", &busy), ("cpus", &lang.number(u64::from(cpus)))],
            ),
            None => fill(texts.host_graph_cpu_unlimited, &[("busy", &busy)]),
        };
        let memory_caption = match host.memory {
            Some(total) => fill(
                texts.host_graph_memory,
                &[
                    ("used", &lang.memory(totals.1)),
                    ("total", &lang.memory(total)),
                ],
            ),
            None => fill(
                texts.host_graph_memory_unlimited,
                &[("used", &lang.memory(totals.1))],
            ),
        };
        let others = chosen.with(|(_, others)| *others);
        view! {
            {graph("cpu", cpu_caption, cpu.0)}
            {graph("memory", memory_caption, memory.0)}
            {legend.is_empty().then(|| view! { <p class="muted">{texts.host_graph_idle}</p> })}
            <ul class="graph-legend">
                {legend
                    .into_iter()
                    .enumerate()
                    .map(|(index, (name, permille, used))| {
                        let text = fill(
                            texts.host_graph_vm,
                            &[
                                ("name", &name),
                                ("cpu", &lang.one_decimal(permille, 10)),
                                ("memory", &lang.memory(used)),
                            ],
                        );
                        view! {
                            <li data-graph-vm=name data-cpu-permille=permille.to_string() data-memory-used=used.to_string()>
                                <span class=format!("swatch band-{index}") aria-hidden="true"></span>
                                {text}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(others > 0).then(|| view! {
                <p class="muted">
                    {lang.plural(&texts.host_graph_others, others as u64, &[("shown", &HOST_GRAPH_VMS)])}
                </p>
            })}
        }
    };
    view! {
        <div class="host-graphs" node_ref=node>
            <h3>{language.text(|t| t.host_graphs_heading)}</h3>
            {graphs}
        </div>
    }
}
