//! The Ids `list` and `dominfo` show for active domains.

use crate::manager::VmInfo;
use crate::ordering::sort_by_text;

/// Domain Ids kept the way libvirt keeps them: a VM gets the next number when it becomes
/// active and keeps it while it runs or is paused; a stopped VM has none, and no number is
/// handed out twice. VMs found active without one (at a page load, or changed by another tab)
/// are numbered in name order.
///
/// ```
/// use vm_playground::console::DomainIds;
/// use vm_playground::{MockVmManager, VmConfig, VmManager};
///
/// let manager = MockVmManager::new();
/// for name in ["web", "db"] {
///     manager.create_vm(VmConfig { name: name.into(), ..Default::default() }).unwrap();
/// }
/// manager.define_vm(VmConfig { name: "app".into(), ..Default::default() }).unwrap();
/// let mut ids = DomainIds::numbered(&manager.list_vm_infos().unwrap());
/// assert_eq!((ids.get("app"), ids.get("db"), ids.get("web")), (None, Some(1), Some(2)));
///
/// // Starting "app" gives it the next Id; the others keep theirs.
/// manager.start_vm("app").unwrap();
/// ids.saw(&manager.get_vm_info("app").unwrap());
/// assert_eq!((ids.get("app"), ids.get("db"), ids.get("web")), (Some(3), Some(1), Some(2)));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainIds {
    /// By name, sorted.
    ids: Vec<(String, usize)>,
    last: usize,
}

impl DomainIds {
    /// Ids for `infos` (every VM there is) from scratch: the active ones numbered in name order.
    pub fn numbered(infos: &[VmInfo]) -> Self {
        let mut ids = DomainIds::default();
        ids.sync(infos);
        ids
    }

    /// The Id of `name`, if it has one (it is running or paused).
    pub fn get(&self, name: &str) -> Option<usize> {
        self.position(name).ok().map(|index| self.ids[index].1)
    }

    /// Takes in one VM as it is now: an active one without an Id gets the next, a stopped one
    /// loses its.
    pub fn saw(&mut self, info: &VmInfo) {
        let name = &info.config.name;
        match (info.state.is_active(), self.position(name)) {
            (true, Err(index)) => {
                self.last += 1;
                self.ids.insert(index, (name.clone(), self.last));
            }
            (false, Ok(index)) => {
                self.ids.remove(index);
            }
            _ => {}
        }
    }

    /// Forgets a VM that no longer exists.
    pub fn forget(&mut self, name: &str) {
        if let Ok(index) = self.position(name) {
            self.ids.remove(index);
        }
    }

    /// Gives `name` back an Id it had, as a reboot does (a stop and a start inside one
    /// operation keep the domain's Id). The Id it was given meanwhile goes back unused if it
    /// was the last one handed out, so the next VM to start gets it, as in libvirt.
    pub fn keep(&mut self, name: &str, id: usize) {
        match self.position(name) {
            Ok(index) => {
                let given = std::mem::replace(&mut self.ids[index].1, id);
                if given == self.last && given != id {
                    self.last -= 1;
                }
            }
            Err(index) => self.ids.insert(index, (name.to_owned(), id)),
        }
    }

    /// Brings the Ids in line with `infos`, every VM there is: Ids of VMs that stopped or are
    /// gone are dropped, active VMs without one are numbered next, in name order.
    pub fn sync(&mut self, infos: &[VmInfo]) {
        let mut active: Vec<&str> = infos
            .iter()
            .filter(|info| info.state.is_active())
            .map(|info| info.config.name.as_str())
            .collect();
        sort_by_text(&mut active, |name| name);
        let mut kept = Vec::with_capacity(active.len());
        for name in active {
            let id = match self.position(name) {
                Ok(index) => self.ids[index].1,
                Err(_) => {
                    self.last += 1;
                    self.last
                }
            };
            kept.push((name.to_owned(), id));
        }
        self.ids = kept;
    }

    fn position(&self, name: &str) -> Result<usize, usize> {
        self.ids
            .binary_search_by(|(listed, _)| listed.as_str().cmp(name))
    }
}
