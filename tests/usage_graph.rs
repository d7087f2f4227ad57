//! The usage graphs (issue 14): a VM's sparklines and the host's stacked graphs draw the
//! deterministic usage model over the last minute of simulated time, and the host's graphs
//! draw a bounded number of VMs however many run.

use vm_playground::manager::usage_model;
use vm_playground::usage_graph::{
    host_graph_vms, line_path, stacked_paths, window, GraphedVm, HOST_GRAPH_VMS, WINDOW,
};
use vm_playground::VmState;

fn vm(name: &str, state: VmState) -> GraphedVm {
    GraphedVm {
        name: name.into(),
        state,
        memory: 2048,
        vcpus: 2,
    }
}

#[test]
fn a_vm_s_series_is_the_model_over_the_last_minute() {
    let web = vm("web-01", VmState::Running);
    let cpu = web.cpu_permille(1000);
    assert_eq!(cpu.len() as u64, WINDOW);
    assert_eq!(
        cpu.last().copied(),
        Some(u64::from(usage_model::cpu_permille(
            "web-01",
            VmState::Running,
            1000
        )))
    );
    assert_eq!(
        cpu[0],
        u64::from(usage_model::cpu_permille("web-01", VmState::Running, 941))
    );
    assert_eq!(
        web.memory_used_mb(1000).last().copied(),
        Some(usage_model::memory_used_mb(
            "web-01",
            VmState::Running,
            2048,
            1000
        ))
    );
    // Two vCPUs keep twice the guest's share of a host CPU busy.
    let busy = web.cpus_busy_milli(1000);
    assert!(busy.iter().zip(&cpu).all(|(busy, cpu)| *busy == cpu * 2));
    // While the clock has run less than a minute, there is less to draw.
    assert_eq!(web.cpu_permille(9).len(), 10);
    assert_eq!(window(9), 0..=9);
    // A paused VM uses no CPU and still holds memory; a stopped one nothing.
    let paused = vm("db-01", VmState::Paused);
    assert!(paused
        .cpu_permille(500)
        .iter()
        .all(|permille| *permille == 0));
    assert!(paused.memory_used_mb(500).iter().all(|mb| *mb > 0));
    let stopped = vm("build", VmState::Stopped);
    assert!(stopped.memory_used_mb(500).iter().all(|mb| *mb == 0));
}

#[test]
fn the_same_vms_draw_the_same_picture() {
    let draw = |t| {
        let vms = [vm("web-01", VmState::Running), vm("db-01", VmState::Paused)];
        let cpu: Vec<Vec<u64>> = vms.iter().map(|vm| vm.cpus_busy_milli(t)).collect();
        let memory: Vec<Vec<u64>> = vms.iter().map(|vm| vm.memory_used_mb(t)).collect();
        (
            stacked_paths(t, &cpu, 8000),
            stacked_paths(t, &memory, 16384),
            line_path(t, &vms[0].cpu_permille(t), 1000),
        )
    };
    assert_eq!(draw(3600), draw(3600));
    assert_ne!(draw(3600), draw(3601));
    let (cpu, memory, line) = draw(3600);
    assert_eq!((cpu.len(), memory.len()), (2, 2));
    // The paused VM's CPU band is flat on top of the running one's.
    assert!(cpu[1].starts_with(&cpu[0][..cpu[0].find('L').unwrap()]));
    assert_eq!(line.matches('L').count() as u64, WINDOW - 1);
}

#[test]
fn the_host_graphs_draw_the_vms_holding_most_memory() {
    // Memory and name of every active VM: 10,000 of them, a few big ones among them.
    let active = (0..10_000u64).map(|i| {
        let memory = if i % 1000 == 7 { 8192 } else { 1024 + i % 3 };
        (memory, format!("vm-{i:05}"))
    });
    let (drawn, others) = host_graph_vms(active);
    assert_eq!(drawn.len(), HOST_GRAPH_VMS);
    assert_eq!(others, 10_000 - HOST_GRAPH_VMS);
    // The ten 8 GB VMs first, by name; only eight are drawn.
    assert_eq!(
        drawn,
        [
            "vm-00007", "vm-01007", "vm-02007", "vm-03007", "vm-04007", "vm-05007", "vm-06007",
            "vm-07007"
        ]
    );
    // A few VMs: every one, largest first.
    let (drawn, others) = host_graph_vms([(512, "b"), (2048, "c"), (512, "a")]);
    assert_eq!(drawn, ["c", "a", "b"]);
    assert_eq!(others, 0);
}
