//! Where a clone's disk goes: the path virt-clone's `--auto-clone` derives from the
//! original's.

/// The clone's disk path, derived from the original's as `virt-clone --auto-clone` does: in the
/// same folder; the file's extension (up to 7 characters after its last '.') kept; the rest
/// of the file name replaced by the new VM's name if it was the original VM's name, else
/// given "-clone"; then "-1", "-2"… before the extension while `taken` says the path is used.
/// An empty path (no disk) stays empty.
///
/// ```
/// use vm_playground::manager::clone_disk_path;
/// let free = |_: &str| false;
/// assert_eq!(clone_disk_path("/var/lib/libvirt/images/web.qcow2", "web", "web-2", free),
///            "/var/lib/libvirt/images/web-2.qcow2");
/// assert_eq!(clone_disk_path("/images/disk.img", "web", "web-2", free), "/images/disk-clone.img");
/// assert_eq!(clone_disk_path("/images/disk.img", "web", "web-2", |p: &str| p == "/images/disk-clone.img"),
///            "/images/disk-clone-1.img");
/// ```
pub fn clone_disk_path(
    original: &str,
    original_name: &str,
    new_name: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    if original.is_empty() {
        return String::new();
    }
    let (folder, file) = match original.rfind('/') {
        Some(slash) => original.split_at(slash + 1),
        None => ("", original),
    };
    let (stem, extension) = match file.rfind('.') {
        Some(dot) if file[dot + 1..].chars().count() <= 7 => file.split_at(dot),
        _ => (file, ""),
    };
    let base = if stem == original_name {
        format!("{folder}{new_name}")
    } else {
        format!("{folder}{stem}-clone")
    };
    let candidate = format!("{base}{extension}");
    if !taken(&candidate) {
        return candidate;
    }
    (1u64..)
        .map(|n| format!("{base}-{n}{extension}"))
        .find(|path| !taken(path))
        .expect("some number is free")
}
