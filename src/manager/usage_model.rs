//! What a guest does over simulated time: its CPU % and memory in use, from a deterministic
//! model seeded by the VM's name and the simulated second. Integer arithmetic only, so the same
//! VMs draw the same curves on any machine. A paused VM uses no CPU (its memory stays held); a
//! stopped one uses nothing.

use super::state::VmState;

/// FNV-1a of the name: the VM's seed.
fn seed(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A well-mixed 64-bit value of `(seed, step)` (splitmix64's finaliser).
fn noise(seed: u64, step: u64) -> u64 {
    let mut z = seed ^ step.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Smooth noise in 0..=1000 at second `t`: a value every `period` seconds, joined by straight
/// lines.
fn smooth(seed: u64, t: u64, period: u64) -> u64 {
    let (step, into) = (t / period, t % period);
    let a = noise(seed, step) % 1001;
    let b = noise(seed, step + 1) % 1001;
    (a * (period - into) + b * into) / period
}

/// The guest's CPU use at simulated second `t`, in tenths of a percent (0..=1000).
pub fn cpu_permille(name: &str, state: VmState, t: u64) -> u32 {
    if state != VmState::Running {
        return 0;
    }
    let seed = seed(name);
    // Each VM has its own baseline (5–45 %), a slow swell and a quicker flicker.
    let base = 50 + seed % 401;
    let slow = smooth(seed, t, 20 + seed % 41);
    let fast = smooth(seed.rotate_left(17), t, 3);
    let value = base + slow * 4 / 10 + fast / 10;
    value.min(1000) as u32
}

/// The guest's memory in use at simulated second `t`, in MB: between 30 % and 90 % of its
/// `memory` while running or paused (frozen while paused: the second it was paused is not
/// known, so its curve holds at `t`'s value), none while stopped.
pub fn memory_used_mb(name: &str, state: VmState, memory: u64, t: u64) -> u64 {
    if state == VmState::Stopped {
        return 0;
    }
    let seed = seed(name).rotate_left(31);
    let fraction = 300 + smooth(seed, t, 30 + seed % 31) * 6 / 10; // 300..=900 per mille
    memory.saturating_mul(fraction) / 1000
}
