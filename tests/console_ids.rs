//! Domain Ids as libvirt keeps them: handed out as VMs become active, kept while they run or
//! are paused, dropped when they stop, never handed out twice.
#![cfg(not(target_arch = "wasm32"))]

use vm_playground::console::DomainIds;
use vm_playground::{MockVmManager, Transition, VmConfig, VmInfo, VmManager};

fn manager(running: &[&str], stopped: &[&str]) -> MockVmManager {
    let manager = MockVmManager::new();
    for name in running {
        manager.create_vm(named(name)).unwrap();
    }
    for name in stopped {
        manager.define_vm(named(name)).unwrap();
    }
    manager
}

fn named(name: &str) -> VmConfig {
    VmConfig {
        name: name.into(),
        ..Default::default()
    }
}

fn info(manager: &MockVmManager, name: &str) -> VmInfo {
    manager.get_vm_info(name).unwrap()
}

/// Moves `name` through `transition` and lets `ids` see it as it is then, as the page does.
fn step(manager: &MockVmManager, ids: &mut DomainIds, name: &str, transition: Transition) {
    manager.apply(name, transition).unwrap();
    ids.saw(&info(manager, name));
}

fn ids_of(ids: &DomainIds, names: &[&str]) -> Vec<Option<usize>> {
    names.iter().map(|name| ids.get(name)).collect()
}

#[test]
fn active_vms_are_numbered_in_name_order_and_stopped_ones_have_none() {
    let manager = manager(&["web", "db"], &["app"]);
    manager.pause_vm("web").unwrap();
    let ids = DomainIds::numbered(&manager.list_vm_infos().unwrap());
    assert_eq!(
        ids_of(&ids, &["app", "db", "web", "nothing"]),
        [None, Some(1), Some(2), None]
    );
}

#[test]
fn a_started_vm_gets_the_next_id_and_the_others_keep_theirs() {
    let manager = manager(&["web", "db"], &["app"]);
    let mut ids = DomainIds::numbered(&manager.list_vm_infos().unwrap());

    step(&manager, &mut ids, "app", Transition::Start);
    assert_eq!(
        ids_of(&ids, &["app", "db", "web"]),
        [Some(3), Some(1), Some(2)]
    );

    // Pausing and resuming keep the Id; seeing a VM again changes nothing.
    step(&manager, &mut ids, "db", Transition::Pause);
    step(&manager, &mut ids, "db", Transition::Resume);
    ids.saw(&info(&manager, "db"));
    assert_eq!(
        ids_of(&ids, &["app", "db", "web"]),
        [Some(3), Some(1), Some(2)]
    );

    // Stopping drops it; starting again hands out a new one, never an old one.
    step(&manager, &mut ids, "db", Transition::Stop);
    assert_eq!(ids.get("db"), None);
    step(&manager, &mut ids, "db", Transition::Start);
    assert_eq!(
        ids_of(&ids, &["app", "db", "web"]),
        [Some(3), Some(4), Some(2)]
    );

    // A deleted VM's Id is gone with it, and not handed out again.
    ids.forget("web");
    manager.create_vm(named("new")).unwrap();
    ids.saw(&info(&manager, "new"));
    assert_eq!(ids_of(&ids, &["web", "new"]), [None, Some(5)]);
}

#[test]
fn sync_drops_what_stopped_or_went_and_numbers_what_started_in_name_order() {
    let manager = manager(&["c", "d"], &["a", "b", "e"]);
    let mut ids = DomainIds::numbered(&manager.list_vm_infos().unwrap());
    assert_eq!(ids_of(&ids, &["c", "d"]), [Some(1), Some(2)]);

    // Changes the ids did not see one by one (another tab's, say).
    manager.start_vm("e").unwrap();
    manager.start_vm("a").unwrap();
    manager.stop_vm("c").unwrap();
    manager.delete_vm("d").unwrap();
    ids.sync(&manager.list_vm_infos().unwrap());
    assert_eq!(
        ids_of(&ids, &["a", "b", "c", "d", "e"]),
        [Some(3), None, None, None, Some(4)]
    );

    // Nothing changed: nothing is renumbered.
    let before = ids.clone();
    ids.sync(&manager.list_vm_infos().unwrap());
    assert_eq!(ids, before);
}

#[test]
fn keep_gives_a_rebooted_vm_its_id_back() {
    let manager = manager(&["web", "db"], &[]);
    let mut ids = DomainIds::numbered(&manager.list_vm_infos().unwrap());
    let id = ids.get("web").unwrap();
    step(&manager, &mut ids, "web", Transition::Stop);
    step(&manager, &mut ids, "web", Transition::Start);
    assert_eq!(ids.get("web"), Some(3));
    ids.keep("web", id);
    assert_eq!(ids_of(&ids, &["db", "web"]), [Some(1), Some(2)]);
    // The 3 it was given on the way goes to the next VM that starts.
    manager.create_vm(named("app")).unwrap();
    ids.saw(&info(&manager, "app"));
    assert_eq!(ids.get("app"), Some(3));
}
