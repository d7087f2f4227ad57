//! Share links: every setup the manager holds round-trips through its link (configs, states,
//! pending changes, the host), a class of 20 VMs fits a link under 1,500 characters, and
//! every damaged, cut, foreign or newer link is refused with a typed error, never a panic.
//!
//! `cargo test --test share -- --nocapture` prints the link sizes the README quotes.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use vm_playground::i18n::Lang;
use vm_playground::manager::limits::{NAME_MAX_CHARS, PATH_MAX_CHARS};
use vm_playground::manager::{Host, DISK_SIZE_GB, MEMORY_MB, VCPUS};
use vm_playground::share::{
    self, decode, encode, ShareError, Shared, MAX_SHARED_VMS, MAX_SHARE_CHARS, SHARE_VERSION,
};
use vm_playground::storage::export::ImportPreview;
use vm_playground::storage::DEFAULT_HOST;
use vm_playground::{
    ConfigField, MockVmManager, SavedStateProblem, VmConfig, VmError, VmInfo, VmManager, VmState,
};

/// The address of the app on GitHub Pages, with the longest user name GitHub allows (39).
const APP_URL: &str = "https://abcdefghijklmnopqrstuvwxyz0123456789abc.github.io/vm-playground/";
const NOW: u64 = 1_800_000_000_000;

fn lab_config(n: usize) -> VmConfig {
    let name = format!("lab-{n:02}");
    VmConfig {
        disk_path: format!("/var/lib/libvirt/images/{name}.qcow2"),
        name,
        memory: 2048,
        vcpus: 2,
        disk_size: 20,
        iso_image: None,
        network: "default".into(),
    }
}

/// A class's lab as a teacher sets it up: `lab-01` … `lab-20` on the usual paths, most alike
/// but not all (a few bigger ones, two on another network, installation ISOs on a few), in
/// every state, two with pending changes, on a host of its own.
fn typical_lab() -> (Vec<VmInfo>, Host) {
    let manager = MockVmManager::new();
    for n in 1..=20 {
        let mut config = lab_config(n);
        if n % 5 == 0 {
            config.memory = 4096;
            config.vcpus = 4;
            config.disk_size = 40;
        }
        if n > 18 {
            config.network = "isolated".into();
        }
        if n % 6 == 1 {
            config.iso_image =
                Some("/var/lib/libvirt/images/ubuntu-24.04-live-server-amd64.iso".into());
        }
        let name = config.name.clone();
        if n % 3 == 0 {
            manager.define_vm(config).unwrap();
        } else {
            manager.create_vm(config.clone()).unwrap();
            if n % 4 == 0 {
                manager.pause_vm(&name).unwrap();
            }
            if n % 7 == 1 {
                let pending = VmConfig {
                    memory: 8192,
                    ..config
                };
                manager.update_vm_config(&name, pending).unwrap();
            }
        }
    }
    let host = Host {
        memory: Some(65_536),
        cpus: Some(16),
        storage: Some(2_000),
        overcommit: false,
    };
    (manager.saved_state().unwrap().vms, host)
}

/// What opening a link makes of `vms`: the same configs, states and pending changes, new.
fn as_opened(vms: &[VmInfo]) -> Vec<VmInfo> {
    vms.iter()
        .map(|vm| VmInfo {
            created_at: NOW,
            state_changed_at: NOW,
            revision: 1,
            ..vm.clone()
        })
        .collect()
}

fn assert_round_trips(vms: &[VmInfo], host: Host) -> String {
    let text = encode(vms, &host).unwrap();
    // Not `assert_eq!`: a failure would print every path of 1,024 characters twice.
    assert!(
        decode(&text, NOW)
            == Ok(Shared {
                vms: as_opened(vms),
                host
            }),
        "{text}"
    );
    text
}

#[test]
fn twenty_typical_vms_fit_a_link_under_1500_characters() {
    let (vms, host) = typical_lab();
    assert_eq!(vms.len(), 20);
    let text = assert_round_trips(&vms, host);
    let link = share::link(APP_URL, &text);
    println!(
        "20 typical VMs: {} characters of text, a link of {} characters with {APP_URL}",
        text.len(),
        link.len()
    );
    assert!(link.len() < 1500, "{} characters: {link}", link.len());
}

/// The figures the README quotes (printed with `--nocapture`); each also round-trips.
#[test]
fn link_sizes_for_the_readme() {
    let (lab, host) = typical_lab();
    let alike = |count: usize| -> Vec<VmInfo> {
        let manager = MockVmManager::new();
        for n in 1..=count {
            manager.define_vm(lab_config(n)).unwrap();
        }
        manager.saved_state().unwrap().vms
    };
    let demo = {
        let manager = MockVmManager::new();
        vm_playground::demo::load_demo(&manager).unwrap();
        manager.saved_state().unwrap().vms
    };
    // Twenty VMs that have nothing in common but the default network.
    let unlike: Vec<VmInfo> = {
        let manager = MockVmManager::new();
        let roles = [
            "web", "db", "cache", "proxy", "mail", "dns", "ci", "vpn", "log", "mon",
        ];
        for (n, role) in roles.iter().cycle().take(20).enumerate() {
            let name = format!("{role}-{}", n / roles.len() + 1);
            manager
                .define_vm(VmConfig {
                    disk_path: format!("/srv/vms/{role}/disk-{n}.img"),
                    memory: 512 << (n % 4),
                    vcpus: 1 + (n % 3) as u32,
                    disk_size: 10 + 5 * n as u64,
                    iso_image: (n % 2 == 0).then(|| format!("/isos/{role}.iso")),
                    name,
                    network: "default".into(),
                })
                .unwrap();
        }
        manager.saved_state().unwrap().vms
    };
    for (what, vms) in [
        ("the demo (3 VMs)", demo),
        ("20 typical VMs", lab),
        ("20 unlike VMs", unlike),
        ("100 alike VMs", alike(100)),
        ("1,000 alike VMs", alike(1000)),
    ] {
        let text = assert_round_trips(&vms, host);
        println!(
            "{what}: text {} characters, link {} characters",
            text.len(),
            share::link(APP_URL, &text).len()
        );
    }
}

#[test]
fn the_default_host_and_an_unlimited_one_round_trip() {
    let (vms, _) = typical_lab();
    assert_round_trips(&vms, DEFAULT_HOST);
    assert_round_trips(&vms, Host::UNLIMITED);
    assert_round_trips(&[], Host::SERVER);
    assert_round_trips(
        &vms,
        Host {
            memory: None,
            cpus: Some(8192),
            storage: None,
            overcommit: true,
        },
    );
}

#[test]
fn a_link_opens_as_an_import_preview_with_its_host() {
    let (vms, host) = typical_lab();
    let preview = decode(&encode(&vms, &host).unwrap(), NOW)
        .unwrap()
        .into_preview();
    assert_eq!(
        preview,
        ImportPreview {
            vms: as_opened(&vms),
            rejected: 0,
            problems: Vec::new(),
            host: vm_playground::storage::export::FileHost::Usable(host),
        }
    );
}

#[test]
fn fragments_are_recognised() {
    assert_eq!(share::from_fragment("#share=1.AAAA"), Some("1.AAAA"));
    assert_eq!(share::from_fragment("#share="), Some(""));
    assert_eq!(share::from_fragment("#shared=1.AAAA"), None);
    assert_eq!(share::from_fragment(""), None);
    assert_eq!(
        share::link("https://x.github.io/vm-playground/", "1.AAAA"),
        "https://x.github.io/vm-playground/#share=1.AAAA"
    );
}

#[test]
fn foreign_texts_are_not_share_links() {
    for text in [
        "", "hello", "1", "01.AAAA", "1a.AAAA", "0.AAAA", "-1.AAAA", "v1.AAAA",
    ] {
        assert_eq!(
            decode(text, NOW),
            Err(ShareError::NotAShareLink),
            "{text:?}"
        );
    }
}

#[test]
fn a_newer_link_says_so() {
    let (vms, host) = typical_lab();
    let text = encode(&vms, &host).unwrap();
    let newer = text.replacen(&format!("{SHARE_VERSION}."), "2.", 1);
    assert_eq!(
        decode(&newer, NOW),
        Err(ShareError::NewerVersion { version: 2 })
    );
    assert_eq!(
        decode("99999999999.x", NOW),
        Err(ShareError::NewerVersion {
            version: 99_999_999_999
        })
    );
    assert_eq!(
        decode(&newer, NOW).unwrap_err().to_string(),
        "the link is from a newer version of VM Playground (link version 2; this one reads 1): \
         open it with the newer version"
    );
}

#[test]
fn a_cut_link_is_damaged() {
    let (vms, host) = typical_lab();
    let text = encode(&vms, &host).unwrap();
    for len in 2..text.len() {
        assert_eq!(
            decode(&text[..len], NOW),
            Err(ShareError::Damaged),
            "cut to {len}"
        );
    }
}

#[test]
fn invalid_vms_and_hosts_are_refused_even_with_a_right_checksum() {
    let (mut vms, host) = typical_lab();
    vms[3].config.memory = 0;
    let text = encode(&vms, &host).unwrap();
    assert_eq!(
        decode(&text, NOW),
        Err(ShareError::InvalidVm {
            name: vms[3].config.name.clone(),
            error: VmError::InvalidConfig {
                field: ConfigField::Memory,
                problem: vm_playground::ConfigProblem::OutOfRange {
                    min: *MEMORY_MB.start(),
                    max: *MEMORY_MB.end(),
                    got: 0
                }
            },
        })
    );
    // Pending changes on a stopped VM.
    let (mut vms, _) = typical_lab();
    let stopped = vms
        .iter()
        .position(|vm| vm.state == VmState::Stopped)
        .unwrap();
    vms[stopped].pending = Some(VmConfig {
        memory: 1,
        ..vms[stopped].config.clone()
    });
    assert!(matches!(
        decode(&encode(&vms, &host).unwrap(), NOW),
        Err(ShareError::InvalidVm { .. })
    ));
    // The same name twice, also when only their Unicode forms differ (NFD, then NFC): the
    // link is refused, rather than one of them dropped or the whole import failing later.
    let name_twice = VmError::InvalidSavedState {
        problem: SavedStateProblem::NameTwice,
    };
    for (first, second) in [("web", "web"), ("cafe\u{301}", "caf\u{e9}")] {
        let (mut vms, _) = typical_lab();
        vms[0].config.name = first.to_owned();
        vms[1].config.name = second.to_owned();
        let error = decode(&encode(&vms, &host).unwrap(), NOW).unwrap_err();
        let ShareError::InvalidVm { name, error: why } = &error else {
            panic!("{first} and {second}: {error:?}");
        };
        assert_eq!((name.as_str(), why), (second, &name_twice));
        assert_eq!(
            Lang::En.share_error(&error),
            format!("its VM \"{second}\" is not valid: another VM before it has the same name")
        );
        assert_eq!(
            Lang::Ru.share_error(&error),
            format!("её ВМ \"{second}\" недопустима: это имя уже есть у ВМ перед ней")
        );
    }
    let small = Host {
        memory: Some(0),
        ..host
    };
    assert!(matches!(
        decode(&encode(&[], &small).unwrap(), NOW),
        Err(ShareError::InvalidHost {
            error: VmError::InvalidHost { .. }
        })
    ));
}

#[test]
fn too_large_setups_and_links_are_refused() {
    let vm = VmInfo::new(lab_config(1), VmState::Stopped, 0);
    let too_many = vec![vm; MAX_SHARED_VMS + 1];
    assert_eq!(encode(&too_many, &DEFAULT_HOST), Err(ShareError::TooLarge));
    let long = format!("1.{}", "A".repeat(MAX_SHARE_CHARS));
    assert_eq!(decode(&long, NOW), Err(ShareError::TooLarge));
}

#[test]
fn the_largest_vms_the_limits_allow_round_trip() {
    let name: String = std::iter::repeat_n('𝐀', NAME_MAX_CHARS).collect();
    let path: String = std::iter::repeat_n('𝄞', PATH_MAX_CHARS).collect();
    let config = VmConfig {
        name: name.clone(),
        memory: *MEMORY_MB.end(),
        vcpus: *VCPUS.end(),
        disk_path: path.clone(),
        disk_size: *DISK_SIZE_GB.end(),
        iso_image: Some(path.clone()),
        network: std::iter::repeat_n('𝐍', 64).collect(),
    };
    let manager = MockVmManager::new();
    manager.create_vm(config.clone()).unwrap();
    manager
        .update_vm_config(
            &name,
            VmConfig {
                disk_path: "/other".into(),
                iso_image: None,
                memory: 1,
                ..config
            },
        )
        .unwrap();
    let host = Host {
        memory: Some(*vm_playground::manager::limits::HOST_MEMORY_MB.end()),
        cpus: Some(8192),
        storage: Some(67_108_864),
        overcommit: true,
    };
    assert_round_trips(&manager.saved_state().unwrap().vms, host);
}

// ------------------------------------------------------------ properties

/// A setup the manager holds, made from VMs that are often alike (one name pattern, paths
/// that follow the name) and sometimes anything at all that the manager takes.
fn setup() -> impl Strategy<Value = (Vec<VmInfo>, Host)> {
    let text = |chars: &'static [char], max: usize| {
        prop::collection::vec(prop::sample::select(chars), 0..=max)
            .prop_map(|chars| chars.into_iter().collect::<String>())
    };
    let name = prop_oneof![
        3 => (prop::sample::select(&["lab-", "web", "lab-0", "ВМ-", "名"][..]), 0..40u32)
            .prop_map(|(prefix, n)| format!("{prefix}{n}")),
        1 => (prop::sample::select(&['a', 'é', '𝐀', '9'][..]), text(&['a', 'b', '-', '.', '_', 'é', '\u{301}', '𝐀', 'न'], 70))
            .prop_map(|(first, rest)| format!("{first}{rest}")),
    ];
    let path = prop_oneof![
        3 => Just(None),
        1 => text(&['/', 'a', ' ', '"', '\\', '𝄞', 'é', '\u{200d}'], 40).prop_map(Some),
        1 => Just(Some("/var/lib/libvirt/images/{}.qcow2".to_owned())),
    ];
    let config = (
        name,
        prop_oneof![Just(2048u64), Just(1024), 0..5_000_000u64],
        prop_oneof![Just(2u32), 0..600u32],
        path.clone(),
        prop_oneof![Just(20u64), 0..70_000u64],
        path,
        prop::sample::select(&["default", "isolated", "n-é_𝐍", ""][..]),
    )
        .prop_map(
            |(name, memory, vcpus, disk_path, disk_size, iso_image, network)| VmConfig {
                disk_path: disk_path
                    .unwrap_or_else(|| "/var/lib/libvirt/images/{}.qcow2".into())
                    .replace("{}", &name),
                iso_image: iso_image.map(|iso| iso.replace("{}", "x")),
                name,
                memory,
                vcpus,
                disk_size,
                network: network.to_owned(),
            },
        );
    let change = (
        prop::sample::select(&[VmState::Stopped, VmState::Running, VmState::Paused][..]),
        prop::option::of((0..5_000_000u64, prop::option::of(Just("/iso".to_owned())))),
    );
    let host = (
        prop::option::of(0..70_000_000u64),
        prop::option::of(0..9_000u32),
        prop::option::of(0..70_000_000u64),
        any::<bool>(),
    )
        .prop_map(|(memory, cpus, storage, overcommit)| Host {
            memory,
            cpus,
            storage,
            overcommit,
        });
    (
        prop::collection::vec((config, change), 0..30),
        prop_oneof![Just(DEFAULT_HOST), host],
    )
        .prop_map(|(vms, host)| {
            let manager = MockVmManager::new();
            for (config, (state, pending)) in vms {
                let name = config.name.clone();
                let Ok(()) = manager.define_vm(config.clone()) else {
                    continue;
                };
                if state != VmState::Stopped {
                    manager.start_vm(&name).unwrap();
                    if state == VmState::Paused {
                        manager.pause_vm(&name).unwrap();
                    }
                    if let Some((memory, iso_image)) = pending {
                        let _ = manager.update_vm_config(
                            &name,
                            VmConfig {
                                memory,
                                iso_image,
                                ..config
                            },
                        );
                    }
                }
            }
            let host = host.validated().unwrap_or(Host::UNLIMITED);
            (manager.saved_state().unwrap().vms, host)
        })
}

/// A change to a link's text: cut it, change, insert, remove or swap characters.
#[derive(Debug, Clone)]
enum Damage {
    Cut(usize),
    Change(usize, char),
    Insert(usize, char),
    Remove(usize),
    Swap(usize),
    Several(Vec<(usize, char)>),
}

fn damage() -> impl Strategy<Value = Damage> {
    let char = prop_oneof![
        8 => prop::sample::select(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".chars().collect::<Vec<_>>()
        ),
        1 => any::<char>(),
    ];
    prop_oneof![
        any::<usize>().prop_map(Damage::Cut),
        (any::<usize>(), char.clone()).prop_map(|(at, ch)| Damage::Change(at, ch)),
        (any::<usize>(), char.clone()).prop_map(|(at, ch)| Damage::Insert(at, ch)),
        any::<usize>().prop_map(Damage::Remove),
        any::<usize>().prop_map(Damage::Swap),
        prop::collection::vec((any::<usize>(), char), 2..6).prop_map(Damage::Several),
    ]
}

fn apply(damage: &Damage, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    match damage {
        Damage::Cut(at) => chars.truncate(at % len),
        Damage::Change(at, ch) => chars[at % len] = *ch,
        Damage::Insert(at, ch) => chars.insert(at % (len + 1), *ch),
        Damage::Remove(at) => {
            chars.remove(at % len);
        }
        Damage::Swap(at) => chars.swap(at % (len - 1), at % (len - 1) + 1),
        Damage::Several(changes) => {
            for (at, ch) in changes {
                chars[at % len] = *ch;
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every setup the manager can hold comes back from its link as it was.
    #[test]
    fn every_setup_round_trips((vms, host) in setup()) {
        let text = encode(&vms, &host).unwrap();
        prop_assert!(text.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"-_.".contains(&byte)));
        prop_assert_eq!(decode(&text, NOW), Ok(Shared { vms: as_opened(&vms), host }));
    }

    /// Every change to a link is refused, whatever it is (and nothing panics).
    #[test]
    fn every_damaged_link_is_refused((vms, host) in setup(), damage in damage()) {
        let text = encode(&vms, &host).unwrap();
        let damaged = apply(&damage, &text);
        prop_assume!(damaged != text);
        prop_assert!(decode(&damaged, NOW).is_err(), "{:?} of {} accepted", damage, text);
    }

    /// Any text at all is read without a panic.
    #[test]
    fn any_text_is_refused_without_a_panic(text in "\\PC*", base64 in "1\\.[A-Za-z0-9_-]{0,200}") {
        let _ = decode(&text, NOW);
        let _ = decode(&base64, NOW);
    }
}

/// Replacing with a shared setup takes its VMs and its host at once, as loading does (a setup
/// over its host's capacity opens as it is); a refused one changes nothing.
#[test]
fn the_manager_takes_a_setup_and_its_host_at_once() {
    let (vms, _) = typical_lab();
    let manager = MockVmManager::with_host(Host::SERVER, Box::new(|| NOW)).unwrap();
    manager.create_vm(lab_config(99)).unwrap();
    let tiny = Host {
        memory: Some(1024),
        cpus: Some(1),
        storage: Some(10),
        overcommit: false,
    };
    let shared = decode(&encode(&vms, &tiny).unwrap(), NOW).unwrap();
    manager
        .restore_with_host(
            vm_playground::SavedState {
                vms: shared.vms.clone(),
            },
            shared.host,
        )
        .unwrap();
    assert_eq!(manager.saved_state().unwrap().vms, shared.vms);
    assert_eq!(manager.host_info().unwrap().host, tiny);

    let bad = Host {
        cpus: Some(0),
        ..tiny
    };
    assert!(manager
        .restore_with_host(vm_playground::SavedState::default(), bad)
        .is_err());
    let mut invalid = shared.vms.clone();
    invalid[0].config.memory = 0;
    assert!(manager
        .restore_with_host(vm_playground::SavedState { vms: invalid }, Host::SERVER)
        .is_err());
    assert_eq!(manager.saved_state().unwrap().vms, shared.vms);
    assert_eq!(manager.host_info().unwrap().host, tiny);
}
