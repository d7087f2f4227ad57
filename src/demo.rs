//! The demo set a first visit starts with, and "Reset to demo" brings back: three VMs, one in
//! each state, so that every button has something to do.

use crate::manager::{MockVmManager, VmConfig, VmError, VmManager};

/// The demo VMs' configs and the state each is left in: `web-01` running, `db-01` paused,
/// `build-runner` stopped.
pub fn demo_configs() -> [VmConfig; 3] {
    [
        VmConfig {
            name: "web-01".into(),
            memory: 2048,
            vcpus: 2,
            disk_path: "/var/lib/libvirt/images/web-01.qcow2".into(),
            disk_size: 20,
            iso_image: None,
            network: "default".into(),
        },
        VmConfig {
            name: "db-01".into(),
            memory: 4096,
            vcpus: 4,
            disk_path: "/var/lib/libvirt/images/db-01.qcow2".into(),
            disk_size: 100,
            iso_image: None,
            network: "isolated".into(),
        },
        VmConfig {
            name: "build-runner".into(),
            memory: 1024,
            vcpus: 1,
            disk_path: "/var/lib/libvirt/images/build-runner.qcow2".into(),
            disk_size: 40,
            iso_image: Some("/isos/debian-12.iso".into()),
            network: "default".into(),
        },
    ]
}

/// Replaces every VM of `manager` with the demo set.
///
/// ```
/// use vm_playground::{demo, MockVmManager, VmManager, VmState};
/// let manager = MockVmManager::new();
/// demo::load_demo(&manager).unwrap();
/// assert_eq!(manager.list_vms().unwrap(), ["build-runner", "db-01", "web-01"]);
/// assert_eq!(manager.get_vm_state("db-01").unwrap(), VmState::Paused);
/// ```
pub fn load_demo(manager: &MockVmManager) -> Result<(), VmError> {
    manager.restore(Default::default())?;
    let [web, db, runner] = demo_configs();
    manager.create_vm(web)?;
    let db_name = db.name.clone();
    manager.create_vm(db)?;
    manager.pause_vm(&db_name)?;
    manager.define_vm(runner)?;
    Ok(())
}
